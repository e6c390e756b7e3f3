"""Aligning a course to the framework: a searchable competency chooser and a level select."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.factories import UserFactory
from catalog.factories import CoursePageFactory, ProviderPageFactory, catalogue_page
from catalog.models import CourseCompetency
from competencies.models import Competency, Framework, ProficiencyLevel


@pytest.fixture
def editor_client(client, synced_site, framework):
    provider = ProviderPageFactory(parent=catalogue_page())
    provider.refresh_from_db()
    editor = UserFactory(username="editor")
    editor.groups.add(provider.editors_group)
    client.force_login(editor)
    client.provider = provider
    return client


def chooser_results(client, query):
    response = client.get(reverse("course_competency_chooser:choose_results"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_the_competency_chooser_finds_competencies_by_name_code_and_area(
    editor_client, framework, django_assert_max_num_queries
):
    competencies = list(Competency.objects.filter(framework=framework, is_retired=False))
    wanted = competencies[0]
    other = next(c for c in competencies if c.group_id != wanted.group_id)
    name_word = max(wanted.label().split(), key=len)

    by_name = chooser_results(editor_client, name_word)
    assert wanted.code in by_name
    assert other.code not in by_name or name_word.lower() in other.label().lower()
    assert wanted.code in chooser_results(editor_client, wanted.code.upper())
    by_area = chooser_results(editor_client, wanted.group.label())
    assert wanted.code in by_area and other.code not in by_area

    modal = editor_client.get(reverse("course_competency_chooser:choose"))
    assert modal.status_code == 200
    assert 'name="q"' in modal.json()["html"]

    # The results page costs the same whatever the framework's size.
    with django_assert_max_num_queries(12):
        chooser_results(editor_client, "")


def test_retired_competencies_cannot_be_chosen(editor_client, framework):
    retired = Competency.objects.filter(framework=framework).first()
    Competency.objects.filter(pk=retired.pk).update(is_retired=True)
    assert str(retired) not in chooser_results(editor_client, retired.code)  # "CODE — label"


def test_the_course_form_offers_the_chooser_and_the_framework_levels_in_rank_order(
    editor_client, framework
):
    add = reverse(
        "wagtailadmin_pages:add", args=["catalog", "coursepage", editor_client.provider.pk]
    )
    html = editor_client.get(add).content.decode()
    assert reverse("course_competency_chooser:choose") in html
    levels = list(ProficiencyLevel.objects.filter(framework=framework).order_by("rank"))
    positions = [html.index(f"{level.rank}. {level.label()}") for level in levels]
    assert positions == sorted(positions) and len(levels) >= 2


def test_a_level_of_another_framework_is_refused(synced_site, framework):
    other = Framework.objects.get(pk=framework.pk)
    other.pk, other.code = None, "other-framework"
    if hasattr(other, "uuid"):
        other.uuid = uuid.uuid4()
    other.save()
    foreign_level = ProficiencyLevel.objects.create(
        framework=other, uuid=uuid.uuid4(), code="x", name={"en": "Other"}, rank=1
    )
    own_level = ProficiencyLevel.objects.filter(framework=framework).first()
    course = CoursePageFactory()
    competency = Competency.objects.filter(framework=framework).first()

    CourseCompetency(course=course, competency=competency, target_level=own_level).clean()
    with pytest.raises(ValidationError) as refused:
        CourseCompetency(course=course, competency=competency, target_level=foreign_level).clean()
    assert "target_level" in refused.value.message_dict
