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

# Parallel test processes share one Redis: each gets its own key space, so one process
# publishing pages (which clears Wagtail's cached site paths) cannot change what another
# process's query-count assertions see.
if CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache":  # noqa: F405
    _worker = env("PYTEST_XDIST_WORKER", default="main")
    CACHES["default"]["KEY_PREFIX"] = f"{COUNTRY.slug}-test-{_worker}"  # noqa: F405
