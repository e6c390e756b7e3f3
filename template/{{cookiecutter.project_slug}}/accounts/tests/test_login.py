import pytest
from django.conf import settings
from django.urls import reverse

from accounts.factories import PASSWORD, UserFactory


@pytest.mark.django_db
def test_a_learner_signs_in_and_sees_their_name_in_the_session(client, synced_site):
    UserFactory(username="amina")
    response = client.post(reverse("login"), {"login": "amina", "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert response.context["user"].username == "amina"


@pytest.mark.django_db
def test_a_learner_signs_in_with_their_e_mail_address_in_any_case(client, synced_site):
    UserFactory(username="amina", email="amina@gov.sc.example")
    client.post(reverse("login"), {"login": "Amina@Gov.SC.example", "password": PASSWORD})
    assert client.session.get("_auth_user_id")


@pytest.mark.django_db
def test_a_wrong_password_is_refused_with_a_visible_error(client, synced_site):
    UserFactory(username="amina")
    response = client.post(reverse("login"), {"login": "amina", "password": "nope"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not response.context["user"].is_authenticated


@pytest.mark.django_db
def test_signing_in_continues_in_the_learners_preferred_language(
    client, synced_site, other_language
):
    UserFactory(username="amina", preferred_language=other_language.code)
    response = client.post(
        reverse("login"), {"login": "amina", "password": PASSWORD, "next": "/learning/"}
    )
    assert response["Location"] == f"/{other_language.django_code}/learning/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == other_language.django_code


@pytest.mark.django_db
def test_the_admin_sign_in_pages_still_work(client, synced_site):
    UserFactory(username="editor", is_staff=True, is_superuser=True)
    assert (
        client.post(
            "/django-admin/login/", {"username": "editor", "password": PASSWORD}
        ).status_code
        == 302
    )
    client.logout()
    response = client.post("/admin/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_employee_ids_are_unique():
    from django.db import IntegrityError

    UserFactory(employee_id="E-1")
    with pytest.raises(IntegrityError):
        UserFactory(employee_id="E-1")
