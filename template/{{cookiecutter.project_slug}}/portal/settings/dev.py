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
