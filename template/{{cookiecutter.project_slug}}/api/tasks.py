"""Forwarding xAPI statements to the LRS named in settings (``XAPI_LRS_ENDPOINT``)."""

import base64
import json
import urllib.error
import urllib.request

from celery import shared_task
from django.conf import settings

from api.xapi import XAPI_VERSION


class LRSRejected(Exception):
    """The LRS answered with an error status; retried, since most are transient."""


@shared_task(
    name="api.forward_statements",
    acks_late=True,
    autoretry_for=(urllib.error.URLError, OSError, LRSRejected),
    retry_backoff=True,
    retry_backoff_max=3600,
    max_retries=10,
)
def forward_statements(statements: list[dict]) -> int:
    """POST statements to ``<endpoint>/statements``; returns the LRS's HTTP status.

    Statement ids are deterministic, so a retry after a lost response cannot create
    duplicates in the LRS.
    """
    endpoint = settings.XAPI_LRS_ENDPOINT.rstrip("/")
    request = urllib.request.Request(
        f"{endpoint}/statements",
        data=json.dumps(statements).encode(),
        method="POST",
        headers={"Content-Type": "application/json", "X-Experience-API-Version": XAPI_VERSION},
    )
    if settings.XAPI_LRS_USERNAME:
        credentials = f"{settings.XAPI_LRS_USERNAME}:{settings.XAPI_LRS_PASSWORD}"
        request.add_header(
            "Authorization", "Basic " + base64.b64encode(credentials.encode()).decode()
        )
    try:
        # The URL is the operator's XAPI_LRS_ENDPOINT, never one a user supplies.
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status
    except urllib.error.HTTPError as error:
        raise LRSRejected(f"LRS answered {error.code}: {error.read()[:200]!r}") from error
