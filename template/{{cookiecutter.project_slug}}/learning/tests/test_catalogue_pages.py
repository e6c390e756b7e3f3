"""What learning adds to catalogue pages: progress, enrolment, quiz forms, the demo's learners."""

import io

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.factories import CourseCompetencyFactory, course_tree
from competencies.models import Competency
from learning import services
from learning.models import Enrolment


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def outline(response) -> str:
    return response.content.decode().split('id="outline-title"')[1].split("</section>")[0]


def test_outline_opens_lessons_once_enrolled_and_marks_those_done(tree, learner, learner_client):
    first, second = tree.lessons[:2]
    before = outline(learner_client.get(tree.course.url))
    assert first.title in before and f'href="{first.url}"' not in before

    services.enrol(learner, tree.course)
    services.complete_lesson(learner, first)
    after = outline(learner_client.get(tree.course.url))
    assert f'href="{first.url}"' in after and f'href="{second.url}"' in after
    assert "done" in after.split(first.title)[1].split("</li>")[0]
    assert "done" not in after.split(second.title)[1].split("</li>")[0]


def test_quiz_form_is_offered_to_enrolled_learners_only(tree, learner, learner_client):
    submit_url = reverse("learning:submit_quiz", args=[tree.quiz_lesson.pk, tree.quiz.id])
    page = learner_client.get(tree.quiz_lesson.url).content.decode()
    assert "Enrol to take this quiz." in page and submit_url not in page
    assert "not enrolled in this course" in page

    services.enrol(learner, tree.course)
    page = learner_client.get(tree.quiz_lesson.url).content.decode()
    assert f'action="{submit_url}"' in page
    assert "Enrol to take this quiz." not in page and "not enrolled in this course" not in page


def test_course_page_queries_do_not_grow_with_the_number_of_lessons(
    learner_client, learner, synced_site, framework, django_assert_max_num_queries
):
    small = course_tree(modules=1, lessons_per_module=1)
    big = course_tree(modules=4, lessons_per_module=6)
    for tree in (small, big):
        for competency in Competency.objects.all()[:3]:
            CourseCompetencyFactory(course=tree.course, competency=competency)
        services.enrol(learner, tree.course)
        services.complete_lesson(learner, tree.lessons[0])
    learner_client.get(small.course.url)  # warm the caches
    few = count_queries(learner_client, small.course.url)
    assert few <= 30
    with django_assert_max_num_queries(few):
        response = learner_client.get(big.course.url)
    assert f"1 of {len(big.lessons) + 1} lessons done" in response.content.decode()


def test_demo_walks_its_learners_through_the_demo_courses(synced_site):
    call_command("seed_demo", stdout=io.StringIO())
    amina = Enrolment.objects.filter(user__username="amina")
    assert amina.filter(completed_at__isnull=False).exists()
    assert Enrolment.objects.filter(completed_at__isnull=True).exists()
