"""Tampered or impossible requests get a clear 4xx and leave every learning table as it was."""

import pytest
from django.urls import reverse

from catalog.factories import course_tree
from learning import services
from learning.models import Enrolment, LearningTime, LessonCompletion, QuizAttempt


def snapshot():
    return (
        list(Enrolment.objects.values_list("pk", "completed_at", "last_lesson_id")),
        list(LessonCompletion.objects.values_list("pk", flat=True)),
        list(QuizAttempt.objects.values_list("pk", flat=True)),
        list(LearningTime.objects.values_list("pk", "seconds")),
    )


@pytest.fixture
def enrolled(tree, learner):
    services.enrol(learner, tree.course)
    return tree


def submit(client, lesson, quiz_id, form):
    return client.post(reverse("learning:submit_quiz", args=[lesson.pk, quiz_id]), form)


def test_unknown_choice_id_is_refused(enrolled, learner_client):
    quiz = enrolled.quiz
    before = snapshot()
    form = {f"q-{quiz.questions[0]}": ["not-a-choice"]}
    response = submit(learner_client, enrolled.quiz_lesson, quiz.id, form)
    assert response.status_code == 400
    assert "is not a choice of question" in response.content.decode()
    assert snapshot() == before


def test_choice_of_another_question_is_refused(enrolled, learner_client):
    quiz = enrolled.quiz
    before = snapshot()
    first, second = quiz.questions
    form = {f"q-{first}": quiz.right[second][:1]}
    assert submit(learner_client, enrolled.quiz_lesson, quiz.id, form).status_code == 400
    assert snapshot() == before


def test_answers_for_another_quiz_are_refused(enrolled, learner, learner_client):
    other = course_tree(provider=enrolled.provider)
    services.enrol(learner, other.course)
    before = snapshot()
    # The other quiz's answers posted against this lesson's quiz…
    form = {f"q-{qid}": ids for qid, ids in other.quiz.right.items()}
    response = submit(learner_client, enrolled.quiz_lesson, enrolled.quiz.id, form)
    assert response.status_code == 400
    assert "is not a question of this quiz" in response.content.decode()
    # …and this lesson's quiz id under the other lesson.
    response = submit(learner_client, other.quiz_lesson, enrolled.quiz.id, form)
    assert response.status_code == 404
    assert snapshot() == before


def test_two_answers_to_a_single_choice_question_are_refused(enrolled, learner_client):
    quiz = enrolled.quiz
    first = quiz.questions[0]
    form = {f"q-{first}": quiz.right[first] + quiz.wrong[first]}
    before = snapshot()
    assert submit(learner_client, enrolled.quiz_lesson, quiz.id, form).status_code == 400
    assert snapshot() == before


def test_resubmission_after_the_attempt_limit_is_refused(enrolled, learner, learner_client):
    quiz = enrolled.quiz
    wrong = {f"q-{qid}": ids for qid, ids in quiz.wrong.items()}
    right = {f"q-{qid}": ids for qid, ids in quiz.right.items()}
    for _attempt in range(3):
        assert submit(learner_client, enrolled.quiz_lesson, quiz.id, wrong).status_code == 200
    before = snapshot()
    response = submit(learner_client, enrolled.quiz_lesson, quiz.id, right)
    assert response.status_code == 409
    assert "No attempts left: this quiz allows 3." in response.content.decode()
    assert snapshot() == before
    assert not QuizAttempt.objects.filter(user=learner, passed=True).exists()
    page = learner_client.get(enrolled.quiz_lesson.url).content.decode()
    assert "You have used every attempt for this quiz." in page


def test_a_passed_quiz_cannot_be_retaken(enrolled, learner_client):
    quiz = enrolled.quiz
    right = {f"q-{qid}": ids for qid, ids in quiz.right.items()}
    assert submit(learner_client, enrolled.quiz_lesson, quiz.id, right).status_code == 200
    before = snapshot()
    assert submit(learner_client, enrolled.quiz_lesson, quiz.id, right).status_code == 409
    assert snapshot() == before


def test_completing_a_lesson_without_enrolment_is_refused(tree, learner_client):
    before = snapshot()
    response = learner_client.post(reverse("learning:complete_lesson", args=[tree.lessons[0].pk]))
    assert response.status_code == 403
    assert "Enrol in" in response.content.decode()
    quiz = {f"q-{qid}": ids for qid, ids in tree.quiz.right.items()}
    assert submit(learner_client, tree.quiz_lesson, tree.quiz.id, quiz).status_code == 403
    assert snapshot() == before


def test_a_quiz_lesson_cannot_be_marked_complete_by_hand(enrolled, learner_client):
    before = snapshot()
    url = reverse("learning:complete_lesson", args=[enrolled.quiz_lesson.pk])
    assert learner_client.post(url).status_code == 409
    assert snapshot() == before


@pytest.mark.parametrize("seconds", [-30, 0, 121, 86_400, 10**12, "60", 1.5, None, True])
def test_negative_huge_or_malformed_time_reports_are_refused(enrolled, learner_client, seconds):
    before = snapshot()
    response = learner_client.post(
        reverse("learning:record_time", args=[enrolled.lessons[0].pk]),
        data={"seconds": seconds},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_time_report"
    assert snapshot() == before


def test_time_on_a_course_you_are_not_enrolled_in_is_refused(tree, learner_client):
    response = learner_client.post(
        reverse("learning:record_time", args=[tree.lessons[0].pk]),
        data={"seconds": 30},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not LearningTime.objects.exists()


def test_draft_lessons_and_courses_refuse_learning(tree, learner, learner_client):
    services.enrol(learner, tree.course)
    lesson = tree.lessons[0]
    lesson.unpublish()
    before = snapshot()
    assert (
        learner_client.post(reverse("learning:complete_lesson", args=[lesson.pk])).status_code
        == 404
    )
    tree.course.unpublish()
    assert learner_client.post(reverse("learning:enrol", args=[tree.course.pk])).status_code == 404
    assert snapshot() == before
