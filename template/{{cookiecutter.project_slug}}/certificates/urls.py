"""Certificate pages for people, in the visitor's language (``portal.urls`` mounts them
inside the language prefixes). Addresses machines fetch are in ``public_urls``."""

from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify_submitted, name="verify_submitted"),
    path("verify/<str:public_id>/", views.verify_certificate, name="verify"),
    path("my-certificates/", views.my_certificates, name="mine"),
    path("my-certificates/<str:public_id>/pdf/", views.download_pdf, name="download_pdf"),
    path(
        "my-certificates/<str:public_id>/credential.json",
        views.download_credential,
        name="download_credential",
    ),
]
