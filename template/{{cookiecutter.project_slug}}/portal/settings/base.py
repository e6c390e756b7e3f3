"""Settings shared by every environment. Safe by default: DEBUG is off and nothing secret
lives here. Country specifics come from ``country.yaml`` through ``portal.country``."""

from pathlib import Path

import environ
from celery.schedules import crontab

from portal.country import load_country

env = environ.Env()

PORTAL_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PORTAL_DIR.parent

GOVLEARN_COUNTRY_FILE = Path(env("GOVLEARN_COUNTRY_FILE", default=str(BASE_DIR / "country.yaml")))
COUNTRY = load_country(GOVLEARN_COUNTRY_FILE)
GOVLEARN_THEME_DIR = BASE_DIR / COUNTRY.data["theme"]
GOVLEARN_FRAMEWORK_FILE = BASE_DIR / COUNTRY.data["competency_framework"]

DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "portal",
    "home",
    "accounts",
    "onboarding",
    "organisations",
    "competencies",
    "catalog",
    "learning",
    "certificates",
    "api",
    "recommendations",
    "assignments",
    "campaigns",
    "dashboards",
    # Registration, e-mail verification, password reset and OpenID Connect single sign-on.
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.PeopleAdminUsersConfig",  # Wagtail's users app with the people admin
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    # Editors copy a page into another language from the page menu (see docs/languages.md).
    "wagtail.contrib.simple_translation",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # A theme's own templates override the portal's, without forking app code.
        "DIRS": [GOVLEARN_THEME_DIR / "templates", PORTAL_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Django admin and Wagtail admin sign in with a username, as before.
    "django.contrib.auth.backends.ModelBackend",
    # The portal's sign-in page: a username or an e-mail address.
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts (django-allauth). Who may register, and how, comes from the profile
# (features.self_registration, accounts.allowed_email_domains); see accounts/adapters.py.
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "signup": "accounts.forms.SignupForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# Sign-up, sign-in and password reset answer the same whether or not an address is known;
# a reset e-mail goes only to addresses that belong to an account.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"{COUNTRY.short_name}: "
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = True  # as before allauth: a session lasts SESSION_COOKIE_AGE
_accounts = COUNTRY.data.get("accounts") or {}
GOVLEARN_ALLOWED_EMAIL_DOMAINS = [d.lower() for d in _accounts.get("allowed_email_domains", [])]
GOVLEARN_SELF_REGISTRATION = COUNTRY.feature("self_registration")

# Single sign-on: the government's OpenID Connect provider, from the profile's
# single_sign_on section; only the client secret comes from the environment.
SSO_PROVIDER_ID = "government"
SINGLE_SIGN_ON = COUNTRY.data.get("single_sign_on") if COUNTRY.feature("oidc_login") else None
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # people are matched by employee id, never e-mail
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": SSO_PROVIDER_ID,
                "name": "single sign-on",
                "client_id": SINGLE_SIGN_ON["client_id"],
                "secret": env("OIDC_CLIENT_SECRET", default=""),
                "settings": {
                    "server_url": SINGLE_SIGN_ON["issuer"],
                    "scope": SINGLE_SIGN_ON.get("scopes", ["openid", "profile", "email"]),
                    # The e-mail a government provider asserts is trusted as verified.
                    "verified_email": True,
                },
            }
        ]
        if SINGLE_SIGN_ON
        else [],
    }
}

# Languages: the profile's enabled languages, default first.
LANGUAGE_CODE = COUNTRY.default_language.django_code
LANGUAGES = [(language.django_code, language.autonym) for language in COUNTRY.languages]
LANGUAGES_BIDI = [language.django_code for language in COUNTRY.languages if language.bidi]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = COUNTRY.time_zone
LANGUAGE_COOKIE_NAME = "govlearn_language"

WAGTAIL_I18N_ENABLED = len(LANGUAGES) > 1
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_SITE_NAME = COUNTRY.portal_name()
# The portal's public address: every link in every e-mail starts with it (admin notices,
# account messages, reminders; see portal/site_address.py). One setting for all of them.
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=f"https://{COUNTRY.domain}")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "vtt", "srt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "static_collected")))
STATICFILES_DIRS = [("theme", GOVLEARN_THEME_DIR / "static")]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": COUNTRY.slug,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: JSON only, time limits, and tasks acknowledged after they finish so a worker
# that dies mid-task does not lose it. Without Redis the broker is kombu's in-memory one,
# named with a host: an eager task still borrows a producer from the broker's pool, and
# kombu warns "No hostname was supplied" for a URL without one.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://localhost/")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL or "cache+memory://")
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 10 * 60
CELERY_RESULT_EXPIRES = 24 * 60 * 60
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default=COUNTRY.admin_email)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Ed25519 private key (PEM) signing certificates; see docs/certificates.md for rotation.
# Only development and test settings may generate a missing key.
GOVLEARN_SIGNING_KEY_PATH = env("GOVLEARN_SIGNING_KEY_PATH", default="")
GOVLEARN_SIGNING_KEY_GENERATE = False

# DJANGO_LOG_LEVEL sets the root level; development lowers the per-event loggers below.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}

# REST API (``api`` app): session or token authentication, OpenAPI schema at /api/schema/.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{COUNTRY.portal_name()} API",
    "DESCRIPTION": "Catalogue, enrolments, progress and xAPI statements.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["api.schema.only_portal_api"],
}

# HRMS people files (onboarding): larger uploads are refused before they are read. Keep
# nginx's client_max_body_size (the deployment's nginx role) at least this large.
ONBOARDING_MAX_UPLOAD_BYTES = env.int("ONBOARDING_MAX_UPLOAD_BYTES", default=200 * 1024 * 1024)

# Learning time: one heartbeat claims at most this many seconds; a day at most this many.
LEARNING_MAX_SECONDS_PER_REPORT = 120
LEARNING_MAX_SECONDS_PER_DAY = env.int("LEARNING_MAX_SECONDS_PER_DAY", default=8 * 3600)

# xAPI: learning statements are forwarded to this Learning Record Store when set
# (the statements resource is appended: https://lrs.example/xapi → …/xapi/statements).
XAPI_LRS_ENDPOINT = env("XAPI_LRS_ENDPOINT", default="")
XAPI_LRS_USERNAME = env("XAPI_LRS_USERNAME", default="")
XAPI_LRS_PASSWORD = env("XAPI_LRS_PASSWORD", default="")
# Completions whose announcement never reached a worker are re-announced nightly.
CELERY_BEAT_SCHEDULE["learning-announce-missed-completions"] = {
    "task": "learning.announce_missed_completions",
    "schedule": 24 * 60 * 60,
}
# Certificates due but never issued (lost events, rules met later) are issued nightly.
CELERY_BEAT_SCHEDULE["certificates-issue-missing"] = {
    "task": "certificates.issue_missing",
    "schedule": 24 * 60 * 60,
}
# Assigned learning: reminder e-mails N days before the due date, then every N days once
# a mandatory course is overdue (see assignments/reminders.py). Each morning, country
# time; a person gets one e-mail per period however often the task runs.
GOVLEARN_ASSIGNMENT_REMINDER_DAYS = env.list(
    "GOVLEARN_ASSIGNMENT_REMINDER_DAYS", cast=int, default=[7, 1]
)
GOVLEARN_ASSIGNMENT_OVERDUE_EVERY_DAYS = env.int(
    "GOVLEARN_ASSIGNMENT_OVERDUE_EVERY_DAYS", default=7
)
# The compliance report reads a roll-up rebuilt this often (and its page says when).
GOVLEARN_COMPLIANCE_REFRESH_MINUTES = env.int("GOVLEARN_COMPLIANCE_REFRESH_MINUTES", default=15)
CELERY_BEAT_SCHEDULE["assignments-refresh-compliance"] = {
    "task": "assignments.refresh_compliance",
    "schedule": GOVLEARN_COMPLIANCE_REFRESH_MINUTES * 60,
}
CELERY_BEAT_SCHEDULE["assignments-send-reminders"] = {
    "task": "assignments.send_reminders",
    "schedule": crontab(hour=7, minute=0),
}
# Campaigns: running and just-ended campaigns are recounted from the raw tables, which
# repairs live counters lost with Redis; the public standings are cached this long.
CELERY_BEAT_SCHEDULE["campaigns-rebuild-recent"] = {
    "task": "campaigns.rebuild_recent",
    "schedule": 15 * 60,
}
CAMPAIGN_STANDINGS_CACHE_SECONDS = env.float("CAMPAIGN_STANDINGS_CACHE_SECONDS", default=2)
# Dashboards: recompute the roll-up periods that changed since the last run (cheap when
# little changed; see docs/dashboards.md). The dashboards say how fresh their figures are.
CELERY_BEAT_SCHEDULE["dashboards-refresh-rollups"] = {
    "task": "dashboards.refresh_rollups",
    "schedule": env.int("DASHBOARDS_REFRESH_SECONDS", default=15 * 60),
}
# Days of daily dashboard figures kept (weeks and months are kept for ever), and how many
# levels of organisations get figures by course (each level adds courses × months rows).
DASHBOARDS_DAILY_DAYS = 93
DASHBOARDS_COURSE_DEPTH = 2
