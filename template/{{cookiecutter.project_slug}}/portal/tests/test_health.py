import pytest
from django.test import override_settings


@pytest.mark.django_db
def test_healthz_reports_each_dependency_ok(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["cache"]["status"] == "ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
def test_healthz_is_503_and_names_the_broken_dependency(client):
    response = client.get("/healthz/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["cache"]["status"] == "error"
    assert body["checks"]["database"]["status"] == "ok"
