"""REST API: who may do what, and that it follows the same rules as the HTML pages."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from learning import services
from learning.factories import EnrolmentFactory
from learning.models import Enrolment, LessonCompletion, QuizAttempt


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def learner_api(api, learner):
    api.force_authenticate(learner)
    return api


def test_catalogue_is_public_and_read_only(api, tree):
    listing = api.get("/api/courses/")
    assert listing.status_code == 200
    assert [course["title"] for course in listing.json()["results"]] == [tree.course.title]
    detail = api.get(f"/api/courses/{tree.course.pk}/").json()
    assert [len(module["lessons"]) for module in detail["modules"]] == [2, 3]
    assert detail["provider"]["title"] == tree.provider.title
    assert api.post("/api/courses/", {"title": "x"}).status_code in (401, 403, 405)


@pytest.mark.parametrize(
    "method, url",
    [
        ("get", "/api/enrolments/"),
        ("post", "/api/enrolments/"),
        ("post", "/api/lessons/{lesson}/complete/"),
        ("post", "/api/lessons/{quiz_lesson}/quizzes/{quiz}/attempts/"),
        ("post", "/api/lessons/{lesson}/time/"),
        ("get", "/api/lessons/{quiz_lesson}/"),
        ("get", "/api/xapi/statements/"),
    ],
)
def test_learning_endpoints_need_a_signed_in_learner(api, tree, method, url):
    url = url.format(lesson=tree.lessons[0].pk, quiz_lesson=tree.quiz_lesson.pk, quiz=tree.quiz.id)
    response = getattr(api, method)(url, {}, format="json")
    assert response.status_code in (401, 403)
    assert not Enrolment.objects.exists()


def test_token_authentication_works_for_scripts(api, tree, learner):
    token = Token.objects.create(user=learner)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api.post("/api/enrolments/", {"course": tree.course.pk}, format="json")
    assert response.status_code == 201
    assert Enrolment.objects.filter(user=learner, course=tree.course).exists()
    again = api.post("/api/enrolments/", {"course": tree.course.pk}, format="json")
    assert again.status_code == 200
    assert Enrolment.objects.count() == 1


def test_learners_only_see_and_leave_their_own_enrolments(learner_api, tree, other_learner):
    theirs = EnrolmentFactory(user=other_learner, course=tree.course)
    assert learner_api.get("/api/enrolments/").json()["results"] == []
    assert learner_api.delete(f"/api/enrolments/{theirs.pk}/").status_code == 404
    assert Enrolment.objects.filter(pk=theirs.pk).exists()


def test_lesson_detail_offers_quiz_choices_but_never_the_answers(learner_api, tree, learner):
    services.enrol(learner, tree.course)
    body = learner_api.get(f"/api/lessons/{tree.quiz_lesson.pk}/").json()
    (quiz,) = body["quizzes"]
    assert quiz["id"] == tree.quiz.id
    assert [q["id"] for q in quiz["questions"]] == tree.quiz.questions
    flat = str(body)
    assert "correct" not in flat and "Because of rule" not in flat


def test_quiz_through_the_api_fails_then_passes_and_completes_the_course(
    learner_api, tree, learner, django_capture_on_commit_callbacks
):
    learner_api.post("/api/enrolments/", {"course": tree.course.pk}, format="json")
    for lesson in tree.lessons:
        done = learner_api.post(f"/api/lessons/{lesson.pk}/complete/")
        assert done.status_code == 200
    url = f"/api/lessons/{tree.quiz_lesson.pk}/quizzes/{tree.quiz.id}/attempts/"

    failed = learner_api.post(url, {"answers": tree.quiz.wrong}, format="json").json()
    assert (failed["score"], failed["passed"], failed["attempts_left"]) == (0, False, 2)
    assert (failed["feedback_shown"], failed["results"]) == (False, [])

    with django_capture_on_commit_callbacks(execute=True):
        passed = learner_api.post(url, {"answers": tree.quiz.right}, format="json").json()
    assert (passed["score"], passed["passed"]) == (100, True)
    assert passed["results"][0]["feedback"] == "Because of rule 1."
    assert passed["lesson_completed"] and passed["course_completed"]
    enrolment = learner_api.get("/api/enrolments/").json()["results"][0]
    assert enrolment["completed_at"] is not None


def test_api_refusals_are_clear_and_change_nothing(learner_api, tree, learner):
    url = f"/api/lessons/{tree.quiz_lesson.pk}/quizzes/{tree.quiz.id}/attempts/"
    not_enrolled = learner_api.post(url, {"answers": tree.quiz.right}, format="json")
    assert (not_enrolled.status_code, not_enrolled.json()["code"]) == (403, "not_enrolled")

    services.enrol(learner, tree.course)
    tampered = learner_api.post(url, {"answers": {"made-up": ["x"]}}, format="json")
    assert (tampered.status_code, tampered.json()["code"]) == (400, "invalid_submission")
    malformed = learner_api.post(url, {"answers": "all of them"}, format="json")
    assert malformed.status_code == 400
    huge = learner_api.post(
        f"/api/lessons/{tree.lessons[0].pk}/time/", {"seconds": 999_999}, format="json"
    )
    assert (huge.status_code, huge.json()["code"]) == (400, "invalid_time_report")
    negative = learner_api.post(
        f"/api/lessons/{tree.lessons[0].pk}/time/", {"seconds": -5}, format="json"
    )
    assert negative.status_code == 400
    assert not QuizAttempt.objects.exists()
    assert not LessonCompletion.objects.exists()


def test_a_completed_course_cannot_be_left(learner_api, tree, learner):
    enrolment, _created = services.enrol(learner, tree.course)
    for lesson in tree.lessons:
        services.complete_lesson(learner, lesson)
    services.submit_quiz(learner, tree.quiz_lesson, tree.quiz.id, tree.quiz.right)
    response = learner_api.delete(f"/api/enrolments/{enrolment.pk}/")
    assert response.status_code == 409
    assert Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=False).exists()


def test_openapi_schema_describes_the_api(api, synced_site):
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for path in (
        "/api/courses/",
        "/api/courses/{id}/",
        "/api/enrolments/",
        "/api/lessons/{lesson_id}/complete/",
        "/api/lessons/{lesson_id}/quizzes/{quiz_id}/attempts/",
        "/api/xapi/statements/",
    ):
        assert path in paths
    assert "answers" in str(schema["components"]["schemas"]["QuizSubmission"])
    assert all(path.startswith("/api/") for path in paths)  # not Wagtail's admin API


def test_course_listing_queries_do_not_grow_with_courses(
    api, tree, framework, django_assert_max_num_queries
):
    from catalog.factories import CourseCompetencyFactory, CoursePageFactory
    from competencies.models import Competency, ProficiencyLevel

    level = ProficiencyLevel.objects.first()
    for _index in range(15):
        course = CoursePageFactory(parent=tree.provider)
        for competency in Competency.objects.all()[:2]:
            CourseCompetencyFactory(course=course, competency=competency, target_level=level)
    with django_assert_max_num_queries(12):
        response = api.get("/api/courses/")
    results = response.json()["results"]
    assert len(results) == 16
    aligned = [course for course in results if course["competencies"]]
    assert len(aligned) == 15
    assert {c["target_level"] for course in aligned for c in course["competencies"]} == {
        level.label()
    }
