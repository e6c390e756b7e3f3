"""What a learner sees: My certificates, downloads, the share link, the passport, hours."""

import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import formats, translation

from catalog.factories import course_tree
from catalog.models import CoursePage
from certificates.factories import CertificateFactory
from certificates.models import Certificate
from learning.factories import EnrolmentFactory, LearningTimeFactory

pytestmark = pytest.mark.django_db


def test_my_certificates_lists_downloads_and_the_share_link(learner_client, issued):
    page = learner_client.get("/my-certificates/").content.decode()
    assert issued.course_title in page
    assert f'value="{issued.credential["id"]}"' in page  # the copyable share link
    assert f"/my-certificates/{issued.public_id}/pdf/" in page
    assert f"/my-certificates/{issued.public_id}/credential.json" in page
    assert f'href="/verify/{issued.public_id}/"' in page


def test_the_header_and_my_learning_link_to_my_certificates(learner_client, issued):
    page = learner_client.get("/learning/").content.decode()
    assert 'data-nav="my-certificates"' in page
    assert 'href="/my-certificates/"' in page.split("<main", 1)[1]


def test_the_credential_download_is_the_signed_credential(learner_client, issued):
    response = learner_client.get(f"/my-certificates/{issued.public_id}/credential.json")
    assert response["Content-Type"] == "application/ld+json"
    assert json.loads(response.content) == issued.credential


def test_nobody_downloads_another_learners_certificate(client, issued, other_learner):
    client.force_login(other_learner)
    assert client.get(f"/my-certificates/{issued.public_id}/pdf/").status_code == 404
    assert client.get(f"/my-certificates/{issued.public_id}/credential.json").status_code == 404


def test_the_pdf_is_rendered_on_first_download_then_served_from_storage(
    learner_client, issued, monkeypatch, settings, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    from certificates import documents

    renders = []
    real = documents.render_certificate_pdf
    monkeypatch.setattr(
        documents, "render_certificate_pdf", lambda doc: renders.append(doc) or real(doc)
    )
    first = learner_client.get(f"/my-certificates/{issued.public_id}/pdf/")
    second = learner_client.get(f"/my-certificates/{issued.public_id}/pdf/")
    assert first["Content-Type"] == "application/pdf"
    assert first.content.startswith(b"%PDF") and second.content == first.content
    assert len(renders) == 1
    assert renders[0].learner_name == "Mere Tane" and renders[0].language == issued.language
    assert list(tmp_path.rglob("*.pdf"))


def test_my_certificates_costs_the_same_queries_for_2_or_30_certificates(
    client, learner, django_assert_max_num_queries, tree
):
    client.force_login(learner)
    provider = tree.provider

    def certificates(n):
        for _ in range(n - Certificate.objects.filter(user=learner).count()):
            course = course_tree(provider=provider, modules=1, lessons_per_module=1).course
            CertificateFactory(enrolment__user=learner, enrolment__course=course)

    certificates(2)
    with django_assert_max_num_queries(12) as two:
        client.get("/my-certificates/")
    certificates(30)
    with django_assert_max_num_queries(len(two.captured_queries)):
        page = client.get("/my-certificates/").content.decode()
    assert page.count('class="card"') == 30


def test_the_competency_passport_links_each_competency_to_its_certificate(learner_client, issued):
    page = learner_client.get("/my-competencies/").content.decode()
    assert page.count(f'href="/verify/{issued.public_id}/"') == len(issued.competencies)


def test_my_learning_shows_credited_hours_and_time_spent_separately(learner_client, learner, tree):
    CoursePage.objects.filter(pk=tree.course.pk).update(credited_hours=Decimal("5.0"))
    EnrolmentFactory(user=learner, course=tree.course, completed=True)
    LearningTimeFactory(user=learner, lesson=tree.lessons[0], seconds=2880)  # 0.8 h
    page = learner_client.get("/learning/").content.decode()
    with translation.override(settings.LANGUAGE_CODE):  # numbers as the page writes them
        assert f"{formats.localize(Decimal('5.0'))} h, from completed courses" in page
        assert f"{formats.localize(0.8)} h, measured on lesson pages" in page


def test_the_api_gives_both_hour_figures_for_each_enrolment(learner_client, learner, tree):
    CoursePage.objects.filter(pk=tree.course.pk).update(credited_hours=Decimal("5.0"))
    EnrolmentFactory(user=learner, course=tree.course, completed=True)
    LearningTimeFactory(user=learner, lesson=tree.lessons[0], seconds=1800)
    enrolment = learner_client.get("/api/enrolments/").json()["results"][0]
    assert enrolment["credited_hours"] == "5.0"
    assert enrolment["time_spent_hours"] == 0.5


def test_xapi_completion_carries_time_spent_as_duration_and_credited_hours_as_extension(
    learner_client, learner, tree
):
    from api.xapi import credited_hours_extension

    CoursePage.objects.filter(pk=tree.course.pk).update(credited_hours=Decimal("5.0"))
    EnrolmentFactory(user=learner, course=tree.course, completed=True)
    LearningTimeFactory(user=learner, lesson=tree.lessons[0], seconds=5400)
    statements = learner_client.get("/api/xapi/statements/").json()["statements"]
    completed = next(s for s in statements if s["verb"]["id"].endswith("/completed"))
    assert completed["result"]["duration"] == "PT1H30M"
    assert completed["result"]["extensions"] == {credited_hours_extension(): 5.0}
    assert credited_hours_extension().startswith("http://testserver/")
