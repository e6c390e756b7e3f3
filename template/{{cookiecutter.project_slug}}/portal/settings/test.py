"""The portal's test suite: fast hashing, inline tasks unless a broker is given.

The same suite runs on SQLite (default) and on PostgreSQL/Redis when DATABASE_URL and
REDIS_URL are set, which is how the kit's integration lane runs it.
"""

import tempfile
from pathlib import Path

from portal.settings.base import *  # noqa: F403
from portal.settings.base import env

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The integration lane's real worker sends over SMTP to the sink its test started.
if env("GOVLEARN_TEST_SMTP_PORT", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST, EMAIL_PORT = "127.0.0.1", env.int("GOVLEARN_TEST_SMTP_PORT")
    EMAIL_USE_TLS = EMAIL_USE_SSL = False
    EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""
CELERY_TASK_ALWAYS_EAGER = not env.bool("CELERY_USE_WORKER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
# The integration lane's worker (portal.testing.worker) consumes a queue of its own.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Test certificates are signed with a throwaway key generated outside the project.
GOVLEARN_SIGNING_KEY_PATH = env(
    "GOVLEARN_SIGNING_KEY_PATH",
    default=str(Path(tempfile.gettempdir()) / f"{COUNTRY.slug}-test-signing-key.pem"),  # noqa: F405
)
GOVLEARN_SIGNING_KEY_GENERATE = True

# Parallel test processes share one Redis server, and Celery's queues and results live in
# its first database. Each test process caches in a database of its own, so a test that
# clears the cache (FLUSHDB) empties only its own process's cache, never another
# process's cache, queues or task results. The real worker a test starts inherits the
# same PYTEST_XDIST_WORKER and so shares its test process's cache.
if CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache":  # noqa: F405
    import re
    import urllib.parse

    _worker = env("PYTEST_XDIST_WORKER", default="main")
    _index = int(_worker[2:]) if re.fullmatch(r"gw\d+", _worker) else 0
    _url = urllib.parse.urlsplit(REDIS_URL)  # noqa: F405
    _base = int(_url.path.strip("/") or 0)
    _cache_db = _base + 1 + _index
    if _cache_db > 15:
        raise RuntimeError(
            f"REDIS_URL database {_base} leaves no Redis database for test process {_worker}"
            " (Redis has 16): use a lower database number or fewer test processes"
        )
    CACHES["default"]["LOCATION"] = urllib.parse.urlunsplit(  # noqa: F405
        _url._replace(path=f"/{_cache_db}")
    )
    CACHES["default"]["KEY_PREFIX"] = f"{COUNTRY.slug}-test-{_worker}"  # noqa: F405
