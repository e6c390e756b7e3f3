"""Addresses named inside signed credentials, fetched by verifiers: no language prefix,
never moved (an issued credential cannot be re-pointed)."""

from django.urls import path

from certificates import views

app_name = "certificates_public"

urlpatterns = [
    path(".well-known/did.json", views.did_json, name="did_json"),
    path("credentials/status/<int:number>/", views.status_list, name="status_list"),
    path("credentials/achievements/<int:course_id>/", views.achievement, name="achievement"),
]
