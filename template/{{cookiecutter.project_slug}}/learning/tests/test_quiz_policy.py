"""The quiz policy as a learner meets it: attempts, cool-down, resets, pools, shuffled
choices, and per-question marks only when they can no longer be used to find answers."""

import itertools
import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient
from wagtail.models import GroupPagePermission

from accounts.factories import UserFactory
from catalog.factories import course_tree, quiz_body
from catalog.models import LessonPage
from catalog.providers import REVIEWERS_GROUP
from learning import services
from learning.errors import InvalidSubmission, NotPermitted, RuleConflict
from learning.models import Enrolment, QuizAttempt, QuizAttemptReset
from organisations.models import Organisation, OrganisationAdministrator
from organisations.scope import NATIONAL_ADMINS

MARKS = ("Correct.", "Not correct.", "Because of rule")


def form(answers: dict) -> dict:
    return {f"q-{qid}": ids for qid, ids in answers.items()}


def submit(client, tree, answers):
    url = reverse("learning:submit_quiz", args=[tree.quiz_lesson.pk, tree.quiz.id])
    return client.post(url, form(answers))


def ready(tree, learner):
    """Enrolled, every reading lesson done: only the quiz stands before completion."""
    services.enrol(learner, tree.course)
    for lesson in tree.lessons:
        services.complete_lesson(learner, lesson)


def fail_every_attempt(client, tree):
    for _attempt in range(3):
        assert submit(client, tree, tree.quiz.wrong).status_code == 200


def admin_refused(response) -> bool:
    """Wagtail's admin answers a PermissionDenied with a redirect to its dashboard."""
    home = reverse("wagtailadmin_home")
    return response.status_code == 403 or (response.status_code == 302 and response.url == home)


def completed(learner, tree) -> bool:
    return Enrolment.objects.get(user=learner, course=tree.course).completed_at is not None


def shown_question_ids(html: str) -> list[str]:
    """The questions a quiz form asks, in its order (one input name per question)."""
    return list(dict.fromkeys(re.findall(r'name="q-([0-9a-f-]+)"', html)))


# — The dead end —


def test_after_the_last_attempt_the_learner_is_told_when_and_who_then_completes_after_the_cool_down(
    synced_site, learner, learner_client
):
    tree = course_tree(quiz_policy={"cooldown_hours": 24})
    ready(tree, learner)
    fail_every_attempt(learner_client, tree)

    refused = submit(learner_client, tree, tree.quiz.right)
    assert refused.status_code == 409
    assert "You may try again from" in refused.content.decode()
    page = learner_client.get(tree.quiz_lesson.url).content.decode()
    assert "You have used every attempt for this quiz." in page
    assert "You may try again with a fresh set of attempts from" in page
    assert "A reviewer of this course or an administrator can also give you" in page
    assert 'name="q-' not in page  # no form to submit

    QuizAttempt.objects.filter(user=learner).update(
        submitted_at=timezone.now() - timedelta(hours=24, minutes=1)
    )
    page = learner_client.get(tree.quiz_lesson.url).content.decode()
    assert "Attempts left: 3." in page
    passed = submit(learner_client, tree, tree.quiz.right)
    assert "Passed: you scored 100%." in passed.content.decode()
    assert completed(learner, tree)
    latest = QuizAttempt.objects.filter(user=learner).order_by("number").last()
    assert (latest.number, latest.round_number) == (4, 2)


def test_without_a_cool_down_only_a_reset_opens_a_fresh_set_and_it_is_recorded(
    synced_site, learner, learner_client
):
    client = Client()  # the reviewer's browser
    tree = course_tree(quiz_policy={"cooldown_hours": 0})
    ready(tree, learner)
    fail_every_attempt(learner_client, tree)
    QuizAttempt.objects.filter(user=learner).update(
        submitted_at=timezone.now() - timedelta(days=400)
    )
    page = learner_client.get(tree.quiz_lesson.url).content.decode()
    assert "You may try again" not in page
    assert "A reviewer of this course or an administrator can also give you" in page
    assert submit(learner_client, tree, tree.quiz.right).status_code == 409

    reviewer = UserFactory(username="reviewer")
    reviewer.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    client.force_login(reviewer)
    admin_url = reverse("learning_quiz_resets")
    found = client.get(admin_url, {"learner": "EMP-0042"}).content.decode()
    assert tree.quiz_lesson.title in found and "3 / 3" in found
    prefix = f"{tree.quiz_lesson.pk}-{tree.quiz.id}"
    response = client.post(
        admin_url,
        {
            "prefix": prefix,
            f"{prefix}-learner": learner.pk,
            f"{prefix}-lesson": tree.quiz_lesson.pk,
            f"{prefix}-quiz": tree.quiz.id,
            f"{prefix}-reason": "Power cut during the third attempt.",
        },
    )
    assert response.status_code == 302
    reset = QuizAttemptReset.objects.get()
    assert (reset.user, reset.reset_by, reset.lesson, reset.quiz_id) == (
        learner,
        reviewer,
        tree.quiz_lesson,
        tree.quiz.id,
    )
    assert reset.reason == "Power cut during the third attempt." and reset.created_at
    assert "Power cut during the third attempt." in client.get(admin_url).content.decode()

    assert "Attempts left: 3." in learner_client.get(tree.quiz_lesson.url).content.decode()
    assert "Passed" in submit(learner_client, tree, tree.quiz.right).content.decode()
    assert completed(learner, tree)
    # A second reset of a passed quiz is refused: nothing to give.
    with pytest.raises(RuleConflict):
        services.reset_quiz_attempts(reviewer, learner, tree.quiz_lesson, tree.quiz.id, "again")


# — Reset permissions —


def test_only_the_course_reviewers_and_national_administrators_may_reset(
    synced_site, learner, learner_client
):
    client = Client()  # the would-be resetters' browser
    tree = course_tree()
    ready(tree, learner)
    fail_every_attempt(learner_client, tree)
    lesson, quiz_id = tree.quiz_lesson, tree.quiz.id

    editor = UserFactory(username="editor")
    editor.groups.add(tree.provider.editors_group)  # authors the course, may not publish
    org_admin = UserFactory(username="orgadmin")
    OrganisationAdministrator.objects.create(
        user=org_admin, organisation=Organisation.objects.order_by("path").first()
    )
    other_provider = course_tree()  # a reviewers group limited to another provider's pages
    narrow = Group.objects.create(name="Other provider reviewers")
    narrow.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=narrow,
        page=other_provider.provider,
        permission=Permission.objects.get(codename="publish_page"),
    )
    narrow_reviewer = UserFactory(username="narrow")
    narrow_reviewer.groups.add(narrow)
    for outsider in (learner, editor, org_admin, narrow_reviewer):
        with pytest.raises(NotPermitted):
            services.reset_quiz_attempts(outsider, learner, lesson, quiz_id, "please")
    client.force_login(org_admin)
    assert admin_refused(client.get(reverse("learning_quiz_resets")))
    client.force_login(narrow_reviewer)  # may open the page, finds nothing of this course
    found = client.get(reverse("learning_quiz_resets"), {"learner": "learner"}).content.decode()
    assert "Nothing to reset" in found
    prefix = f"{lesson.pk}-{quiz_id}"
    forged = client.post(
        reverse("learning_quiz_resets"),
        {
            "prefix": prefix,
            f"{prefix}-learner": learner.pk,
            f"{prefix}-lesson": lesson.pk,
            f"{prefix}-quiz": quiz_id,
            f"{prefix}-reason": "forged",
        },
    )
    assert admin_refused(forged)
    assert not QuizAttemptReset.objects.exists()

    national = UserFactory(username="national")
    national.groups.add(Group.objects.get_or_create(name=NATIONAL_ADMINS)[0])
    with pytest.raises(InvalidSubmission):  # a reason is required
        services.reset_quiz_attempts(national, learner, lesson, quiz_id, "   ")
    services.reset_quiz_attempts(national, learner, lesson, quiz_id, "Accessibility issue.")
    assert QuizAttemptReset.objects.get().reset_by == national
    with pytest.raises(RuleConflict):  # the fresh set is unused: nothing more to reset
        services.reset_quiz_attempts(national, learner, lesson, quiz_id, "twice")


# — The elimination attack —


def _all_answer_combinations(tree):
    """Every way to answer the quiz with choices the learner can see on the form."""
    lesson = LessonPage.objects.get(pk=tree.quiz_lesson.pk)
    quiz = lesson.quiz(tree.quiz.id)
    options = []
    for question in quiz.questions:
        ids = [choice.id for choice in question.choices]
        if question.allows_several:
            options.append(
                [list(c) for n in range(1, len(ids) + 1) for c in itertools.combinations(ids, n)]
            )
        else:
            options.append([[choice_id] for choice_id in ids])
    for combination in itertools.product(*options):
        yield {q.id: chosen for q, chosen in zip(quiz.questions, combination, strict=True)}


def test_a_scripted_learner_learns_nothing_per_question_from_failed_attempts(
    synced_site, learner, learner_client
):
    tree = course_tree(quiz_policy={"cooldown_hours": 0})
    ready(tree, learner)
    api = APIClient()
    api.force_authenticate(learner)
    lesson_url = tree.quiz_lesson.url
    api_url = f"/api/lessons/{tree.quiz_lesson.pk}/quizzes/{tree.quiz.id}/attempts/"
    failing = [
        answers
        for answers in _all_answer_combinations(tree)
        if answers != tree.quiz.right
        and answers[tree.quiz.questions[0]] != tree.quiz.right[tree.quiz.questions[0]]
    ][:3]
    # Attempts 1 and 2 (HTML, then API): scores only, never which question was right.
    html = submit(learner_client, tree, failing[0]).content.decode()
    assert "Not passed" in html and "Your answer:" in html
    assert not any(mark in html for mark in MARKS)
    lesson_page = learner_client.get(lesson_url).content.decode()
    assert not any(mark in lesson_page for mark in MARKS)
    review = learner_client.get(
        reverse("learning:quiz_attempt", args=[tree.quiz_lesson.pk, tree.quiz.id, 1])
    ).content.decode()
    assert "Your answer:" in review and not any(mark in review for mark in MARKS)

    second = api.post(api_url, {"answers": failing[1]}, format="json").json()
    assert second["passed"] is False and second["results"] == [] and not second["feedback_shown"]
    assert "correct" not in json.dumps(second) and "Because of rule" not in json.dumps(second)
    assert second["answers"] == {qid: sorted(ids) for qid, ids in failing[1].items()}
    lesson_json = json.dumps(api.get(f"/api/lessons/{tree.quiz_lesson.pk}/").json())
    assert "correct" not in lesson_json and "Because of rule" not in lesson_json

    # The last attempt of the set used up: now the marks and the feedback are shown.
    last = submit(learner_client, tree, failing[2]).content.decode()
    assert "Not correct." in last and "Because of rule 1." in last


@pytest.mark.parametrize(
    ("feedback", "after_first_failure", "after_passing"),
    [("always", True, True), ("never", False, False), ("final", False, True)],
)
def test_the_feedback_policy_decides_when_marks_appear(
    synced_site, learner, learner_client, feedback, after_first_failure, after_passing
):
    tree = course_tree(quiz_policy={"feedback": feedback})
    ready(tree, learner)
    failed = submit(learner_client, tree, tree.quiz.wrong).content.decode()
    assert ("Because of rule 1." in failed) is after_first_failure
    assert "you scored 0%" in failed  # the score, always
    passed = submit(learner_client, tree, tree.quiz.right).content.decode()
    assert ("Because of rule 1." in passed) is after_passing
    assert "you scored 100%" in passed and "Right answer" in passed  # own answers, always


# — Pools and shuffled choices —


def pooled_tree(questions=6, drawn=3, **policy):
    body, spec = quiz_body(questions=questions, questions_per_attempt=drawn, **policy)
    tree = course_tree()
    lesson = LessonPage.objects.get(pk=tree.quiz_lesson.pk)
    lesson.body = body
    lesson.save_revision().publish()
    tree.quiz_lesson, tree.quiz = LessonPage.objects.get(pk=lesson.pk), spec
    return tree


def test_each_attempt_draws_its_questions_and_keeps_them_through_grading_and_result(
    synced_site, learner, learner_client
):
    tree = pooled_tree()
    ready(tree, learner)
    page = learner_client.get(tree.quiz_lesson.url).content.decode()
    drawn = shown_question_ids(page)
    assert len(drawn) == 3 and set(drawn) <= set(tree.quiz.questions)
    again = learner_client.get(tree.quiz_lesson.url).content.decode()
    assert shown_question_ids(again) == drawn  # reloading never re-draws

    answers = {qid: tree.quiz.right[qid] for qid in drawn}
    result = submit(learner_client, tree, answers).content.decode()
    assert "Passed: you scored 100%." in result  # graded on the drawn three only
    attempt = QuizAttempt.objects.get(user=learner)
    assert attempt.questions == drawn and attempt.seed
    for qid in set(tree.quiz.questions) - set(drawn):
        assert f"Question {tree.quiz.questions.index(qid) + 1}?" not in result
    review = learner_client.get(
        reverse("learning:quiz_attempt", args=[tree.quiz_lesson.pk, tree.quiz.id, 1])
    ).content.decode()
    assert review.count("Your answer:") == 3


def test_learners_get_different_draws_and_choice_orders_but_each_keeps_its_own(synced_site):
    tree = pooled_tree(questions=8, drawn=3)
    draws, orders = set(), set()
    for n in range(12):
        learner = UserFactory(username=f"l{n}")
        services.enrol(learner, tree.course)
        from learning.quiz_policy import state_for

        paper = state_for(learner, tree.quiz_lesson, tree.quiz_lesson.quiz(tree.quiz.id)).paper
        assert (
            paper == state_for(learner, tree.quiz_lesson, tree.quiz_lesson.quiz(tree.quiz.id)).paper
        )
        draws.add(tuple(q.id for q in paper.questions))
        orders.update(tuple(c.id for c in q.choices) for q in paper.questions)
    assert len(draws) > 1
    per_question = {}
    for order in orders:
        per_question.setdefault(frozenset(order), set()).add(order)
    assert any(len(seen) > 1 for seen in per_question.values())  # choices do move


def test_unshuffled_choices_keep_the_authored_order(synced_site, learner, learner_client):
    tree = course_tree(quiz_policy={"shuffle_choices": False})
    ready(tree, learner)
    page = learner_client.get(tree.quiz_lesson.url).content.decode()
    first = tree.quiz.questions[0]
    right, wrong = tree.quiz.right[first][0], tree.quiz.wrong[first][0]
    assert page.index(f'value="{right}"') < page.index(f'value="{wrong}"')


# — Tampering —


def test_answers_to_a_question_not_drawn_are_refused_and_nothing_is_written(
    synced_site, learner, learner_client
):
    tree = pooled_tree()
    ready(tree, learner)
    page = learner_client.get(tree.quiz_lesson.url).content.decode()
    drawn = set(shown_question_ids(page))
    not_drawn = next(qid for qid in tree.quiz.questions if qid not in drawn)
    answers = {qid: tree.quiz.right[qid] for qid in drawn} | {not_drawn: tree.quiz.right[not_drawn]}
    response = submit(learner_client, tree, answers)
    assert response.status_code == 400
    assert "was not drawn for this attempt" in response.content.decode()
    api = APIClient()
    api.force_authenticate(learner)
    url = f"/api/lessons/{tree.quiz_lesson.pk}/quizzes/{tree.quiz.id}/attempts/"
    assert (
        api.post(
            url, {"answers": {not_drawn: tree.quiz.right[not_drawn]}}, format="json"
        ).status_code
        == 400
    )
    assert not QuizAttempt.objects.exists()


# — Quizzes published before the policy existed —


def test_a_quiz_stored_without_the_policy_fields_renders_and_grades_with_the_defaults(
    synced_site, learner, learner_client
):
    tree = course_tree()
    old_body, spec = quiz_body()  # the shape stored before the policy: no policy keys
    assert "cooldown_hours" not in json.dumps(old_body)
    with connection.cursor() as cursor:  # as an old row sits in the table
        cursor.execute(
            "UPDATE catalog_lessonpage SET body = %s WHERE page_ptr_id = %s",
            [json.dumps(old_body), tree.quiz_lesson.pk],
        )
    tree.quiz_lesson, tree.quiz = LessonPage.objects.get(pk=tree.quiz_lesson.pk), spec
    quiz = tree.quiz_lesson.quiz(spec.id)
    assert (
        quiz.cooldown_hours,
        quiz.questions_per_attempt,
        quiz.shuffle_choices,
        quiz.feedback,
    ) == (
        24,
        None,
        True,
        "final",
    )
    ready(tree, learner)
    # An attempt from before the policy: no seed, no stored draw.
    QuizAttempt.objects.create(
        user=learner,
        lesson=tree.quiz_lesson,
        course=tree.course,
        quiz_id=spec.id,
        number=1,
        answers=spec.wrong,
        score=0,
        passed=False,
    )
    page = learner_client.get(tree.quiz_lesson.url).content.decode()
    assert set(shown_question_ids(page)) == set(spec.questions)
    assert "Attempts left: 2." in page
    review = learner_client.get(
        reverse("learning:quiz_attempt", args=[tree.quiz_lesson.pk, spec.id, 1])
    ).content.decode()
    assert review.count("Your answer:") == 2 and "Wrong answer" in review
    assert "Passed" in submit(learner_client, tree, spec.right).content.decode()
    assert completed(learner, tree)


def test_a_learner_cannot_open_someone_elses_attempt(
    synced_site, learner, other_learner, learner_client
):
    tree = course_tree()
    ready(tree, other_learner)
    services.submit_quiz(other_learner, tree.quiz_lesson, tree.quiz.id, tree.quiz.wrong)
    ready(tree, learner)
    url = reverse("learning:quiz_attempt", args=[tree.quiz_lesson.pk, tree.quiz.id, 1])
    assert learner_client.get(url).status_code == 404


def test_lesson_page_queries_do_not_grow_with_attempts(
    synced_site, learner, learner_client, django_assert_max_num_queries
):
    tree = course_tree(max_attempts=10)
    ready(tree, learner)
    services.submit_quiz(learner, tree.quiz_lesson, tree.quiz.id, tree.quiz.wrong)
    learner_client.get(tree.quiz_lesson.url)  # warm the caches
    from django.db import connection as conn
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(conn) as one:
        learner_client.get(tree.quiz_lesson.url)
    for _n in range(6):
        services.submit_quiz(learner, tree.quiz_lesson, tree.quiz.id, tree.quiz.wrong)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = learner_client.get(tree.quiz_lesson.url)
    assert "Attempts left: 3." in page.content.decode()
