"""The learner's side of course and lesson pages: progress, enrolment and quiz forms.

catalog leaves places on its pages (``catalog.additions``) and learning fills them here,
so catalog never imports learning: the dependency points one way, upwards.
"""

from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks

from catalog.additions import (
    COURSE_PAGE_HOOK,
    LESSON_PAGE_HOOK,
    CourseAddition,
    LessonAddition,
)
from learning.progress import course_progress_for, lesson_state_for


@hooks.register(COURSE_PAGE_HOOK)
def course_progress(request, course, outline) -> CourseAddition:
    """Sign in, enrol, or the learner's progress and "continue"; lessons done are marked,
    and lesson titles become links once the learner is enrolled."""
    progress = course_progress_for(request.user, course, outline)
    done = format_html('<strong class="status status--done">{}</strong>', _("done"))
    return CourseAddition(
        panel=render_to_string(
            "learning/includes/course_progress.html",
            {"course": course, "progress": progress},
            request=request,
        ),
        lesson_notes=dict.fromkeys(progress.done_lesson_ids, done),
        lesson_links=progress.enrolment is not None,
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
                {**context, "quiz": quiz_state.quiz, "state": quiz_state},
                request=request,
            )
            for quiz_id, quiz_state in state["quiz_states"].items()
        },
        after_body=render_to_string(
            "learning/includes/lesson_status.html", context, request=request
        ),
    )
