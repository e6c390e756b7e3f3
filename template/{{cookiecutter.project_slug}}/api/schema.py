"""OpenAPI schema scope: this portal's API under /api/, not Wagtail's internal admin API
(which drf-spectacular would otherwise try, and fail, to describe)."""


def only_portal_api(endpoints):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
