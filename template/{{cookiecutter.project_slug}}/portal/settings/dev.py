"""Local development: SQLite, Celery tasks run inline, e-mail to the console."""

from portal.settings.base import *  # noqa: F403
from portal.settings.base import env

DEBUG = True
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# The one public address every e-mail link starts with (see portal/site_address.py).
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# A signing key generated on first use beside the project (ignored by git).
GOVLEARN_SIGNING_KEY_PATH = env(
    "GOVLEARN_SIGNING_KEY_PATH",
    default=str(BASE_DIR / "var" / "dev-signing-key.pem"),  # noqa: F405
)
GOVLEARN_SIGNING_KEY_GENERATE = True

# Wagtail logs every page action ("Page created", "Published") and django_tasks and Celery
# every task run: a fresh `make dev` would print thousands of lines. In development they
# show only from WARNING unless DJANGO_LOG_LEVEL asks for more (DJANGO_LOG_LEVEL=INFO).
_EVENT_LOG_LEVEL = env("DJANGO_LOG_LEVEL", default="WARNING")
LOGGING["loggers"] = {  # noqa: F405
    **LOGGING.get("loggers", {}),  # noqa: F405
    **{
        name: {"level": _EVENT_LOG_LEVEL}
        for name in ("wagtail", "django_tasks", "celery.app.trace", "celery.worker.strategy")
    },
}
