import pytest
from django.urls import reverse

from accounts.models import User


@pytest.mark.django_db
def test_a_learner_signs_in_and_sees_their_name_in_the_session(client, synced_site):
    User.objects.create_user("amina", password="a-long-demo-password", employee_id="E-1")
    response = client.post(
        reverse("login"), {"username": "amina", "password": "a-long-demo-password"}, follow=True
    )
    assert response.status_code == 200
    assert response.context["user"].username == "amina"


@pytest.mark.django_db
def test_a_wrong_password_is_refused_with_a_visible_error(client, synced_site):
    User.objects.create_user("amina", password="a-long-demo-password")
    response = client.post(reverse("login"), {"username": "amina", "password": "nope"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not response.context["user"].is_authenticated


@pytest.mark.django_db
def test_employee_ids_are_unique():
    from django.db import IntegrityError

    User.objects.create_user("a", employee_id="E-1")
    with pytest.raises(IntegrityError):
        User.objects.create_user("b", employee_id="E-1")
