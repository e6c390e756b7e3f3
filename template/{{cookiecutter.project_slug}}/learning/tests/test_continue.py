"""Where "continue" leads, and what a completed course's page says instead."""

from django.urls import reverse

from certificates.models import Certificate
from learning import services
from learning.progress import resume_lesson


def progress_panel(client, course) -> str:
    page = client.get(course.url).content.decode()
    return page.split('id="enrolment-title"')[1].split("</section>")[0]


def finish(learner, tree, capture):
    services.enrol(learner, tree.course)
    for lesson in tree.lessons:
        services.complete_lesson(learner, lesson)
    with capture(execute=True):  # completion is announced, the certificate issued
        services.submit_quiz(learner, tree.quiz_lesson, tree.quiz.id, tree.quiz.right)


def test_continue_goes_to_the_first_unfinished_step_from_where_the_learner_is(
    learner, learner_client, tree
):
    first, second, third, fourth = tree.lessons
    services.enrol(learner, tree.course)
    services.complete_lesson(learner, first)
    services.complete_lesson(learner, third)
    services.record_lesson_opened(learner, third)
    continue_link = f'href="{fourth.url}"'  # the step after the last one opened
    assert continue_link in progress_panel(learner_client, tree.course)

    services.complete_lesson(learner, fourth)
    services.record_lesson_opened(learner, tree.quiz_lesson)
    services.complete_lesson(learner, second)
    # Only the quiz is left, and the learner was last there.
    assert f'href="{tree.quiz_lesson.url}"' in progress_panel(learner_client, tree.course)


def test_nothing_left_to_continue_to_once_every_step_is_done(learner, tree):
    lessons = [*tree.lessons, tree.quiz_lesson]
    services.enrol(learner, tree.course)
    enrolment = learner.enrolments.get()
    assert resume_lesson(enrolment, lessons, {lesson.pk for lesson in lessons}) is None
    assert resume_lesson(enrolment, lessons, set()) == lessons[0]


def test_a_completed_course_says_so_and_links_its_certificate_instead_of_the_quiz(
    learner, learner_client, tree, django_capture_on_commit_callbacks
):
    finish(learner, tree, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(user=learner, course=tree.course)

    panel = progress_panel(learner_client, tree.course)
    assert "Course complete: you finished it on" in panel
    assert tree.quiz_lesson.url not in panel and "Continue" not in panel
    assert "Leave this course" not in panel  # a completed course stays on the record
    pdf = reverse("certificates:download_pdf", args=[certificate.public_id])
    assert f'href="{pdf}"' in panel and "Download your certificate (PDF)" in panel


def test_a_revoked_certificate_is_not_offered(
    learner, learner_client, tree, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    finish(learner, tree, django_capture_on_commit_callbacks)
    Certificate.objects.filter(user=learner).update(revoked_at=timezone.now())
    panel = progress_panel(learner_client, tree.course)
    assert "Course complete" in panel and "Download your certificate" not in panel


def test_a_course_completed_with_optional_lessons_left_does_not_send_the_learner_back(
    learner, learner_client, tree
):
    optional = tree.lessons[3]
    optional.required = False
    optional.save(update_fields=["required"])
    services.enrol(learner, tree.course)
    for lesson in tree.lessons[:3]:
        services.complete_lesson(learner, lesson)
    services.submit_quiz(learner, tree.quiz_lesson, tree.quiz.id, tree.quiz.right)
    panel = progress_panel(learner_client, tree.course)
    assert "Course complete" in panel and optional.url not in panel
