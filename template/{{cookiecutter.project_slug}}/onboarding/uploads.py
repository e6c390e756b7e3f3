"""How big an HRMS file may be, and where an uploaded one is kept until imported."""

from django.conf import settings

DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024


def max_upload_bytes() -> int:
    """``ONBOARDING_MAX_UPLOAD_BYTES`` (200 MB by default: about two million rows)."""
    return getattr(settings, "ONBOARDING_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)
