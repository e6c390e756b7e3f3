"""What a visitor sees of a course's outline: free previews before enrolling, the outline
beside a lesson with the learner's progress, and pages whose cost does not grow with the
course."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.factories import course_tree
from learning import services
from learning.models import QuizAttempt


def section(page: str, heading_id: str) -> str:
    return page.split(f'id="{heading_id}"')[1].split("</section>")[0].split("</nav>")[0]


def step(outline: str, title: str) -> str:
    """The outline item of the lesson called ``title``."""
    return outline.split(f">{title}<")[1].split("</li>")[0]


def open_as_preview(*lessons):
    for lesson in lessons:
        lesson.free_preview = True
        lesson.save(update_fields=["free_preview"])


def test_anonymous_visitors_open_the_preview_lessons_and_are_asked_to_sign_in_for_the_rest(
    client, tree
):
    preview, closed = tree.lessons[0], tree.lessons[1]
    open_as_preview(preview)

    outline = section(client.get(tree.course.url).content.decode(), "outline-title")
    assert f'href="{preview.url}"' in outline and "Free preview" in step(outline, preview.title)
    assert f'href="{closed.url}"' not in outline and "Free preview" not in step(
        outline, closed.title
    )

    response = client.get(preview.url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "This lesson is a free preview of the course." in page
    assert f"Reading for {preview.title}." in page
    pager = page.split('class="lesson__pager"')[1].split("</nav>")[0]
    assert closed.url not in pager and tree.course.url in pager  # no link to a refusal

    refused = client.get(closed.url)
    assert refused.status_code == 302 and reverse("login") in refused["Location"]


def test_a_quiz_in_a_preview_cannot_be_taken_before_enrolling(client, learner, tree):
    open_as_preview(tree.quiz_lesson)
    submit_url = reverse("learning:submit_quiz", args=[tree.quiz_lesson.pk, tree.quiz.id])
    answers = {f"q-{qid}": choices for qid, choices in tree.quiz.right.items()}

    anonymous_page = client.get(tree.quiz_lesson.url).content.decode()
    assert "Question 1?" in anonymous_page  # the questions, read-only
    assert submit_url not in anonymous_page and "Right answer" not in anonymous_page
    assert client.post(submit_url, answers).status_code == 302  # to the sign-in page

    client.force_login(learner)
    signed_in_page = client.get(tree.quiz_lesson.url).content.decode()
    assert "Enrol to take this quiz." in signed_in_page and submit_url not in signed_in_page
    assert client.post(submit_url, answers).status_code == 403
    assert not QuizAttempt.objects.exists()


def test_the_outline_beside_a_lesson_shows_done_current_and_to_do(learner, learner_client, tree):
    first, second, third = tree.lessons[:3]
    services.enrol(learner, tree.course)
    services.complete_lesson(learner, first)

    outline = section(learner_client.get(second.url).content.decode(), "lesson-outline-title")
    assert f'href="{second.url}" aria-current="page"' in outline
    assert outline.count('aria-current="page"') == 1
    assert "you are here" in step(outline, second.title)
    # Each state is written out, not only coloured.
    assert "done" in step(outline, first.title) and "to do" not in step(outline, first.title)
    assert "to do" in step(outline, third.title)
    assert "to do" in step(outline, second.title)  # the current lesson is not done yet
    assert f'href="{third.url}"' in outline  # an enrolled learner may open every lesson


def test_the_outline_beside_a_lesson_records_nothing_for_visitors_not_enrolled(
    learner_client, tree
):
    open_as_preview(tree.lessons[0])
    page = learner_client.get(tree.lessons[0].url).content.decode()
    outline = section(page, "lesson-outline-title")
    assert "to do" not in outline and "outline__state" not in outline
    assert f'href="{tree.lessons[1].url}"' not in outline  # like the course page: enrol first
    assert 'aria-current="page"' in outline


def test_course_page_shows_the_declared_hours_and_what_the_lessons_add_up_to(client, tree):
    page = client.get(tree.course.url).content.decode()
    facts = page.split('class="course-facts"')[1].split("</dl>")[0]
    assert "<dd>2</dd>" in facts  # 2.0 declared hours, written as people write them
    # Five lessons of 15 minutes each.
    assert "5 lessons, 1 h 15 min in all" in section(page, "outline-title")


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_lesson_page_queries_do_not_grow_with_the_number_of_lessons(
    learner, learner_client, synced_site, django_assert_max_num_queries
):
    small = course_tree(modules=1, lessons_per_module=1)
    big = course_tree(modules=5, lessons_per_module=8)
    for tree in (small, big):
        services.enrol(learner, tree.course)
        services.complete_lesson(learner, tree.lessons[0])
    learner_client.get(small.quiz_lesson.url)  # warm the caches
    few = count_queries(learner_client, small.quiz_lesson.url)
    assert few <= 30
    with django_assert_max_num_queries(few):
        response = learner_client.get(big.quiz_lesson.url)
    outline = section(response.content.decode(), "lesson-outline-title")
    assert outline.count("outline__step--done") == 1
    assert outline.count("outline__step--todo") == len(big.lessons)  # the rest and the quiz


def test_course_page_outline_of_an_anonymous_visitor_costs_the_same_for_any_size(
    client, synced_site, django_assert_max_num_queries
):
    small = course_tree(modules=1, lessons_per_module=1)
    big = course_tree(modules=5, lessons_per_module=8)
    open_as_preview(small.lessons[0], *big.lessons[:3])
    client.get(small.course.url)
    few = count_queries(client, small.course.url)
    with django_assert_max_num_queries(few):
        page = client.get(big.course.url).content.decode()
    assert section(page, "outline-title").count("Free preview") == 3
