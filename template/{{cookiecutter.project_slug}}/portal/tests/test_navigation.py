import pytest
from django.urls import reverse

from accounts.models import User


@pytest.mark.django_db
def test_signed_in_learners_find_their_learning_and_competencies_in_the_header(client, synced_site):
    user = User.objects.create_user("amina", password="a-long-demo-password")
    client.force_login(user)
    html = client.get("/").content.decode()
    assert f'href="{reverse("learning:my_learning")}"' in html
    assert f'href="{reverse("recommendations:my_competencies")}"' in html


@pytest.mark.django_db
def test_visitors_are_not_offered_personal_pages(client, synced_site):
    html = client.get("/").content.decode()
    assert f'href="{reverse("recommendations:my_competencies")}"' not in html
    assert f'href="{reverse("login")}' in html
