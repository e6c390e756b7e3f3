"""Production: everything from environment variables; refuses to start without secrets."""

from portal.settings.base import *  # noqa: F403
from portal.settings.base import COUNTRY, env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
if not env("DATABASE_URL", default=""):
    raise RuntimeError("DATABASE_URL must be set in production")
if not env("REDIS_URL", default=""):
    raise RuntimeError("REDIS_URL must be set in production")

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[COUNTRY.domain])
CSRF_TRUSTED_ORIGINS = env.list(
    "DJANGO_CSRF_TRUSTED_ORIGINS", default=[f"https://{host}" for host in ALLOWED_HOSTS]
)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# "preload" only consents to the browsers' preload list; submitting the domain stays a decision.
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
    },
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# Single sign-on cannot work without the client secret the provider issued (in the vault).
if SINGLE_SIGN_ON and not env("OIDC_CLIENT_SECRET", default=""):  # noqa: F405
    raise RuntimeError(
        "OIDC_CLIENT_SECRET must be set when features.oidc_login is true "
        "(add govlearn_oidc_client_secret to the deployment vault)"
    )
