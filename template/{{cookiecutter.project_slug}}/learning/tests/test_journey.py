"""A learner's whole journey through the HTML pages: enrol, read, fail, retry, pass."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation

from learning.factories import EnrolmentFactory
from learning.models import Enrolment, LearningTime, LessonCompletion, QuizAttempt
from learning.signals import course_completed


def answer_form(answers):
    return {f"q-{qid}": choice_ids for qid, choice_ids in answers.items()}


@pytest.fixture
def completions():
    """Collects every course_completed the learning app sends."""
    received = []

    def receiver(sender, enrolment, user, course, **kwargs):
        received.append((user.username, course.pk))

    course_completed.connect(receiver, dispatch_uid="test-journey")
    yield received
    course_completed.disconnect(dispatch_uid="test-journey")


def test_enrol_learn_fail_retry_pass_and_complete(
    tree, learner, learner_client, completions, django_capture_on_commit_callbacks
):
    client = learner_client
    course, quiz = tree.course, tree.quiz

    page = client.get(course.url).content.decode()
    assert "Enrol" in page and "Start the course" not in page

    response = client.post(reverse("learning:enrol", args=[course.pk]), follow=True)
    assert "You are enrolled in" in response.content.decode()
    assert "Start the course" in response.content.decode()

    for lesson in tree.lessons:
        assert client.get(lesson.url).status_code == 200
        client.post(reverse("learning:complete_lesson", args=[lesson.pk]))
        # Learning time from the lesson's heartbeat, one minute apart.
        LearningTime.objects.filter(user=learner).update(
            last_reported_at=timezone.now() - timedelta(minutes=1)
        )
        beat = client.post(
            reverse("learning:record_time", args=[lesson.pk]),
            data={"seconds": 60},
            content_type="application/json",
        )
        assert beat.json() == {"credited_seconds": 60}
    assert LessonCompletion.objects.filter(user=learner).count() == len(tree.lessons)
    assert Enrolment.objects.get(user=learner).completed_at is None

    quiz_url = reverse("learning:submit_quiz", args=[tree.quiz_lesson.pk, quiz.id])
    failed = client.post(quiz_url, answer_form(quiz.wrong)).content.decode()
    assert "Not passed: you scored 0%" in failed
    assert "2 attempts left." in failed
    assert "Because of rule 1." not in failed  # no marks per question before passing
    assert Enrolment.objects.get(user=learner).completed_at is None

    lesson_page = client.get(tree.quiz_lesson.url).content.decode()
    assert "Last score 0%. Attempts left: 2." in lesson_page

    with django_capture_on_commit_callbacks(execute=True):
        passed = client.post(quiz_url, answer_form(quiz.right)).content.decode()
    assert "Passed: you scored 100%." in passed
    assert "Because of rule 1." in passed  # once passed, the feedback is shown

    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.completed_at is not None
    assert enrolment.completion_announced_at is not None
    assert completions == [("learner", course.pk)]
    assert QuizAttempt.objects.filter(user=learner).count() == 2

    course_page = client.get(course.url).content.decode()
    progress_panel = course_page.split('id="enrolment-title"')[1].split("</section>")[0]
    assert "Course complete: you finished it on" in progress_panel
    assert "Continue" not in progress_panel and tree.quiz_lesson.url not in progress_panel

    record = client.get(reverse("learning:my_learning")).content.decode()
    with translation.override(settings.LANGUAGE_CODE):  # numbers as the page writes them
        hours = formats.localize(round(60 * len(tree.lessons) / 3600, 1))
        credited = formats.localize(course.hours_credited)
    assert f"{hours} h, measured on lesson pages" in record
    assert f"{credited} h, from completed courses" in record
    assert course.title in record.split('id="completed-title"')[1]


def test_completion_is_announced_once_even_if_the_task_runs_again(
    tree, learner, completions, django_capture_on_commit_callbacks
):
    from learning import services
    from learning.tasks import announce_course_completion

    services.enrol(learner, tree.course)
    for lesson in tree.lessons:
        services.complete_lesson(learner, lesson)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_quiz(learner, tree.quiz_lesson, tree.quiz.id, tree.quiz.right)
    enrolment = Enrolment.objects.get(user=learner)

    assert announce_course_completion(enrolment.pk) is False  # already announced
    assert completions == [("learner", tree.course.pk)]


def open_lesson(client, lesson):
    """What a browser does: load the lesson page, then post to the address the page gives
    its script (``data-visit-url``)."""
    page = client.get(lesson.url).content.decode()
    visit_url = re.search(r'data-visit-url="([^"]+)"', page).group(1)
    response = client.post(visit_url)
    assert response.status_code == 200
    return response


def test_continue_resumes_at_the_last_lesson_opened(tree, learner, learner_client):
    client = learner_client
    client.post(reverse("learning:enrol", args=[tree.course.pk]))
    client.post(reverse("learning:complete_lesson", args=[tree.lessons[0].pk]))
    open_lesson(client, tree.lessons[2])

    page = client.get(tree.course.url).content.decode()
    continue_link = page.split('class="enrolment"')[1].split("</section>")[0]
    assert f'href="{tree.lessons[2].url}"' in continue_link
    assert "Continue" in continue_link

    record = client.get(reverse("learning:my_learning")).content.decode()
    assert f'href="{tree.lessons[2].url}"' in record
    assert "1 of 5 lessons done" in record


def test_serving_a_lesson_page_does_not_move_the_learners_place(tree, learner, learner_client):
    """A prefetch or a link preview fetches the page but never posts: "continue" stays."""
    client = learner_client
    client.post(reverse("learning:enrol", args=[tree.course.pk]))
    open_lesson(client, tree.lessons[1])
    before = Enrolment.objects.values("last_lesson_id", "last_activity_at").get(user=learner)

    assert client.get(tree.lessons[3].url).status_code == 200
    assert Enrolment.objects.values("last_lesson_id", "last_activity_at").get() == before
    page = client.get(tree.course.url).content.decode()
    assert f'href="{tree.lessons[1].url}"' in page.split('class="enrolment"')[1]
    visit_url = reverse("learning:lesson_opened", args=[tree.lessons[3].pk])
    assert client.get(visit_url).status_code == 405


def test_only_enrolled_learners_record_where_they_are(tree, learner, learner_client):
    page = learner_client.get(tree.lessons[0].url).content.decode()
    assert "data-visit-url" not in page  # nothing to remember for a learner not enrolled
    visit_url = reverse("learning:lesson_opened", args=[tree.lessons[0].pk])
    response = learner_client.post(visit_url)
    assert response.status_code == 403
    assert response.json()["code"] == "not_enrolled"
    assert not Enrolment.objects.exists()


def test_unenrol_keeps_progress_for_a_later_return(tree, learner, learner_client):
    client = learner_client
    client.post(reverse("learning:enrol", args=[tree.course.pk]))
    client.post(reverse("learning:complete_lesson", args=[tree.lessons[0].pk]))

    client.post(reverse("learning:unenrol", args=[tree.course.pk]))
    assert not Enrolment.objects.filter(user=learner).exists()
    assert "Enrol" in client.get(tree.course.url).content.decode()

    client.post(reverse("learning:enrol", args=[tree.course.pk]))
    page = client.get(tree.course.url).content.decode()
    assert "1 of 5 lessons done" in page


def test_lessons_ask_anonymous_visitors_to_sign_in(tree, client):
    response = client.get(tree.lessons[0].url)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_nightly_sweep_announces_completions_whose_task_was_lost(tree, learner, completions):
    from learning.tasks import announce_missed_completions

    enrolment = EnrolmentFactory(
        user=learner, course=tree.course, completed_at=timezone.now() - timedelta(hours=2)
    )
    recent = EnrolmentFactory(user=learner, course__parent=tree.provider, completed=True)
    assert announce_missed_completions() == 1
    enrolment.refresh_from_db()
    recent.refresh_from_db()
    assert enrolment.completion_announced_at is not None
    assert recent.completion_announced_at is None  # its own task may still be on its way
    assert completions == [("learner", tree.course.pk)]
    assert announce_missed_completions() == 0
