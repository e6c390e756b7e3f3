"""The learner's side of course and lesson pages: progress, enrolment and quiz forms;
and the home page's "continue learning" panel.

catalog leaves places on its pages (``catalog.additions``), home on its front page
(``home.panels``), and learning fills them here, so neither imports learning: the
dependency points one way, upwards.
"""

from django.db.models import F
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from catalog.additions import (
    COURSE_PAGE_HOOK,
    LESSON_PAGE_HOOK,
    CourseAddition,
    LessonAddition,
)
from home.panels import HOME_PANELS_HOOK, HomePanel
from learning.admin_views import may_open_resets, quiz_resets_view
from learning.models import Enrolment
from learning.progress import course_progress_for, lesson_state_for

HOME_IN_PROGRESS_SHOWN = 3


@hooks.register(COURSE_PAGE_HOOK)
def course_progress(request, course, outline) -> CourseAddition:
    """Sign in, enrol, or the learner's progress and "continue"; lessons done are marked,
    and lesson titles become links once the learner is enrolled."""
    progress = course_progress_for(request, course, outline)
    enrolled = progress.enrolment is not None
    return CourseAddition(
        panel=render_to_string(
            "learning/includes/course_progress.html",
            {"course": course, "progress": progress},
            request=request,
        ),
        lesson_links=enrolled,
        done_lessons=frozenset(progress.done_lesson_ids) if enrolled else None,
    )


@hooks.register(LESSON_PAGE_HOOK)
def lesson_progress(request, lesson) -> LessonAddition | None:
    """The enrol notice, each quiz's form and attempts, "mark as complete", and the
    script that reports the lesson opened and the time spent."""
    if not request.user.is_authenticated:  # LessonPage.serve asks them to sign in first
        return None
    state = lesson_state_for(request.user, lesson)
    context = {"lesson": lesson, **state}
    return LessonAddition(
        before_body=render_to_string(
            "learning/includes/lesson_notice.html", context, request=request
        ),
        quizzes={
            quiz_id: render_to_string(
                "learning/includes/quiz_form.html",
                # The paper: the questions this attempt draws, choices in its order.
                {**context, "quiz": quiz_state.paper, "state": quiz_state},
                request=request,
            )
            for quiz_id, quiz_state in state["quiz_states"].items()
        },
        after_body=render_to_string(
            "learning/includes/lesson_status.html", context, request=request
        ),
        lesson_links=state["enrolment"] is not None,
        done_lessons=state["done_lesson_ids"] if state["enrolment"] else None,
    )


@hooks.register(HOME_PANELS_HOOK)
def courses_in_progress(request, page=None) -> HomePanel | None:
    """The home page's "continue where you left off": the learner's most recently active
    unfinished courses, each linked to the lesson they last opened. One query."""
    user = request.user
    if not user.is_authenticated:
        return None
    enrolments = list(
        Enrolment.objects.filter(user=user, completed_at__isnull=True, course__live=True)
        .select_related("course", "last_lesson")
        .order_by(F("last_activity_at").desc(nulls_last=True), "-enrolled_at", "-pk")[
            : HOME_IN_PROGRESS_SHOWN + 1
        ]
    )
    if not enrolments:
        return None
    return HomePanel(
        order=20,
        template="learning/includes/home_in_progress.html",
        context={
            "enrolments": enrolments[:HOME_IN_PROGRESS_SHOWN],
            "more": len(enrolments) > HOME_IN_PROGRESS_SHOWN,
        },
    )


class QuizResetsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_open_resets(request.user)


@hooks.register("register_admin_urls")
def register_quiz_resets_url():
    return [path("learning/quiz-attempts/", quiz_resets_view, name="learning_quiz_resets")]


@hooks.register("register_admin_menu_item")
def register_quiz_resets_menu_item():
    return QuizResetsMenuItem(
        gettext_lazy("Quiz attempts"),
        reverse("learning_quiz_resets"),
        icon_name="list-ul",
        order=270,
    )
