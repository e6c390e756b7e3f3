import pytest
from django.urls import reverse

from accounts.factories import PASSWORD, UserFactory


@pytest.mark.django_db
def test_a_learner_signs_in_and_sees_their_name_in_the_session(client, synced_site):
    UserFactory(username="amina")
    response = client.post(
        reverse("login"), {"username": "amina", "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert response.context["user"].username == "amina"


@pytest.mark.django_db
def test_a_wrong_password_is_refused_with_a_visible_error(client, synced_site):
    UserFactory(username="amina")
    response = client.post(reverse("login"), {"username": "amina", "password": "nope"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not response.context["user"].is_authenticated


@pytest.mark.django_db
def test_employee_ids_are_unique():
    from django.db import IntegrityError

    UserFactory(employee_id="E-1")
    with pytest.raises(IntegrityError):
        UserFactory(employee_id="E-1")
