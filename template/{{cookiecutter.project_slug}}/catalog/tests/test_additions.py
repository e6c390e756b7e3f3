"""Course and lesson pages stand on their own, and show what other apps add to them."""

import pytest
from django.utils.safestring import mark_safe
from wagtail import hooks

from catalog.additions import COURSE_PAGE_HOOK, LESSON_PAGE_HOOK, CourseAddition, LessonAddition


@pytest.fixture
def additions(monkeypatch):
    """Stands in for every app's additions: a test appends its own (none by default)."""
    registered = {COURSE_PAGE_HOOK: [], LESSON_PAGE_HOOK: []}
    get_hooks = hooks.get_hooks
    monkeypatch.setattr(
        hooks, "get_hooks", lambda name: registered[name] if name in registered else get_hooks(name)
    )
    return registered


def article(response) -> str:
    return response.content.decode().split("<article")[1].split("</article>")[0]


def test_pages_work_with_nothing_added(tree, learner_client, additions):
    course = article(learner_client.get(tree.course.url))
    assert tree.course.title in course
    assert f'href="{tree.lessons[0].url}"' in course  # lessons open; nobody asks to enrol
    assert "Enrol" not in course and "<form" not in course

    lesson = article(learner_client.get(tree.quiz_lesson.url))
    assert "Question 1?" in lesson  # the quiz's questions, to read
    assert "Right answer" not in lesson  # but not its choices, and no form to answer
    assert "<form" not in lesson and "data-visit-url" not in lesson
    assert "Back to the course" in lesson  # the course's own navigation stays


def test_additions_appear_in_their_places_and_plain_text_is_escaped(
    tree, learner_client, additions
):
    def course_addition(request, course, outline):
        return CourseAddition(
            panel="<b>plain text</b>",
            lesson_notes={tree.lessons[1].pk: mark_safe("<em>seen</em>")},
            lesson_links=False,
        )

    def lesson_addition(request, lesson):
        quizzes = {quiz.id: mark_safe("<p>answer here</p>") for quiz in lesson.quizzes}
        return LessonAddition(before_body=mark_safe("<p>above</p>"), quizzes=quizzes)

    additions[COURSE_PAGE_HOOK].append(course_addition)
    additions[LESSON_PAGE_HOOK].append(lesson_addition)

    course = article(learner_client.get(tree.course.url))
    assert "&lt;b&gt;plain text&lt;/b&gt;" in course
    assert "<em>seen</em>" in course.split(tree.lessons[1].title)[1].split("</li>")[0]
    assert "<em>seen</em>" not in course.split(tree.lessons[1].title)[0]
    assert f'href="{tree.lessons[0].url}"' not in course  # the addition holds links back

    lesson = article(learner_client.get(tree.quiz_lesson.url))
    assert lesson.index("<p>above</p>") < lesson.index("Answer the questions below.")
    quiz = lesson.split('class="quiz"')[1].split("</section>")[0]
    assert "<p>answer here</p>" in quiz
    assert "Question 1?" not in quiz


def test_outline_marks_what_additions_report_done_and_nothing_without_them(
    tree, learner_client, additions
):
    first, second, third = tree.lessons[:3]
    page = learner_client.get(second.url).content.decode()
    beside = page.split('id="lesson-outline-title"')[1].split("</nav>")[0]
    assert "outline__state" not in beside  # nobody records progress: no states at all
    assert f'href="{second.url}" aria-current="page"' in beside

    def one(request, lesson):
        return LessonAddition(done_lessons=frozenset({first.pk}))

    def other(request, lesson):
        return LessonAddition(done_lessons=frozenset({third.pk}))

    additions[LESSON_PAGE_HOOK].extend([one, other])
    page = learner_client.get(second.url).content.decode()
    beside = page.split('id="lesson-outline-title"')[1].split("</nav>")[0]
    assert beside.count("outline__step--done") == 2  # what either addition reports
    assert "outline__step--todo outline__step--current" in beside
