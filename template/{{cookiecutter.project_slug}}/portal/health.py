"""``/healthz/``: is this process able to serve? Used by nginx upstream checks, the
deployment's pre-switch check and monitoring. It reports each dependency so an operator
sees which one failed."""

import time

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache() -> None:
    key = "govlearn:healthz"
    value = str(time.monotonic())
    cache.set(key, value, timeout=30)
    if cache.get(key) != value:
        raise RuntimeError("cache did not return the value just stored")


CHECKS = {"database": _check_database, "cache": _check_cache}


@never_cache
def healthz(request):
    results = {}
    healthy = True
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            check()
        except Exception as exc:  # any failure makes the instance unhealthy
            healthy = False
            results[name] = {"status": "error", "error": f"{type(exc).__name__}: {exc}"}
        else:
            elapsed = round((time.perf_counter() - started) * 1000, 1)
            results[name] = {"status": "ok", "ms": elapsed}
    status = "ok" if healthy else "error"
    return JsonResponse({"status": status, "checks": results}, status=200 if healthy else 503)
