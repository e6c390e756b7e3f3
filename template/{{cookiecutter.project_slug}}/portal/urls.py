"""URL map. Wagtail's page tree serves everything not matched first; page URLs carry a
language prefix except in the default language."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import health
from portal.accessibility import accessibility_statement
from portal.language_preference import remember_language

urlpatterns = [
    path("healthz/", health.healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", include("api.urls")),
    path("ims/case/v1p1/", include("competencies.urls")),
    path("", include("certificates.public_urls")),
    # The switcher posts here; a signed-in learner's choice is also saved on the account.
    path("i18n/setlang/", remember_language, name="set_language"),
    # Single sign-on starts and returns here, outside the language prefixes, so the
    # provider knows one fixed callback: /accounts/oidc/government/login/callback/.
    path("accounts/", include("allauth.socialaccount.providers.openid_connect.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/", include("accounts.urls")),
    path("accessibility/", accessibility_statement, name="accessibility_statement"),
    path("learning/", include("learning.urls")),
    path("my-competencies/", include("recommendations.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("", include("certificates.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
