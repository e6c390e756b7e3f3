"""Emptying the cache between tests without touching other test processes.

On the integration lane every xdist process shares one Redis database (with Celery's
queues in it); ``cache.clear()`` there is ``FLUSHDB``: it would empty the other processes'
caches in the middle of their tests (a query-count assertion then sees cold caches) and
drop queued tasks. Each process's keys carry its own prefix (``portal.settings.test``),
so deleting by that prefix empties this process's cache alone.
"""

from __future__ import annotations

from django.core.cache import cache


def clear_this_process_cache() -> None:
    if hasattr(cache, "delete_pattern"):  # django-redis: keys under this process's prefix
        cache.delete_pattern("*")
    else:  # the in-memory cache belongs to this process already
        cache.clear()
