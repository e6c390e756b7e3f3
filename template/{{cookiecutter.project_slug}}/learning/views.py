"""The learner's actions from the HTML pages (forms, and the lesson page's reports).

Thin: each view calls ``learning.services`` and turns a refusal into a page (or JSON)
with the refusal's 4xx status. Requests are atomic (ATOMIC_REQUESTS), so a refusal
leaves the database as it was.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from catalog.models import CoursePage, LessonPage
from learning import services
from learning.additions import sections_for
from learning.errors import LearningError
from learning.progress import my_learning


def _refused(request, error: LearningError):
    return render(request, "learning/refused.html", {"error": error}, status=error.status)


@login_required
@require_POST
def enrol(request, course_id: int):
    course = get_object_or_404(CoursePage, pk=course_id)
    try:
        _enrolment, created = services.enrol(request.user, course)
    except LearningError as error:
        return _refused(request, error)
    if created:
        messages.success(request, _("You are enrolled in “%(course)s”.") % {"course": course.title})
    return redirect(course.url)


@login_required
@require_POST
def unenrol(request, course_id: int):
    course = get_object_or_404(CoursePage, pk=course_id)
    try:
        services.unenrol(request.user, course)
    except LearningError as error:
        return _refused(request, error)
    messages.success(request, _("You have left “%(course)s”.") % {"course": course.title})
    return redirect(course.url)


@login_required
@require_POST
def complete_lesson(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage, pk=lesson_id)
    try:
        services.complete_lesson(request.user, lesson)
    except LearningError as error:
        return _refused(request, error)
    messages.success(request, _("Lesson completed."))
    return redirect(lesson.url)


def _quiz_result(request, lesson, quiz_id: str, outcome):
    """The result page, for a fresh submission and for a past attempt alike."""
    context = {"lesson": lesson, "course": lesson.course, "quiz": lesson.quiz(quiz_id)}
    return render(request, "learning/quiz_result.html", {**context, "outcome": outcome})


@login_required
@require_POST
def submit_quiz(request, lesson_id: int, quiz_id: str):
    """Grade a quiz form: one field per question, named ``q-<question id>``."""
    lesson = get_object_or_404(LessonPage, pk=lesson_id)
    answers = {
        name.removeprefix("q-"): request.POST.getlist(name)
        for name in request.POST
        if name.startswith("q-")
    }
    try:
        outcome = services.submit_quiz(request.user, lesson, quiz_id, answers)
    except LearningError as error:
        return _refused(request, error)
    return _quiz_result(request, lesson, quiz_id, outcome)


@login_required
@require_GET
def quiz_attempt(request, lesson_id: int, quiz_id: str, number: int):
    """One of the learner's own attempts again: their answers, and the marks per question
    once the quiz's feedback policy allows them (after passing or using every attempt)."""
    lesson = get_object_or_404(LessonPage, pk=lesson_id, live=True)
    try:
        outcome = services.attempt_outcome(request.user, lesson, quiz_id, number)
    except LearningError as error:
        return _refused(request, error)
    return _quiz_result(request, lesson, quiz_id, outcome)


@login_required
@require_POST
def lesson_opened(request, lesson_id: int):
    """Sent by an open lesson page: “continue” brings the learner back to this lesson."""
    lesson = get_object_or_404(LessonPage, pk=lesson_id)
    try:
        services.record_lesson_opened(request.user, lesson)
    except LearningError as error:
        return JsonResponse({"detail": error.message, "code": error.code}, status=error.status)
    return JsonResponse({"last_lesson": lesson.pk})


@login_required
@require_POST
def record_time(request, lesson_id: int):
    """Heartbeat from an open lesson: ``{"seconds": n}`` of active time since the last."""
    lesson = get_object_or_404(LessonPage, pk=lesson_id)
    try:
        payload = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"detail": _("Send a JSON object.")}, status=400)
    if not isinstance(payload, dict):
        return JsonResponse({"detail": _("Send a JSON object.")}, status=400)
    try:
        credited = services.record_time(request.user, lesson, payload.get("seconds"))
    except LearningError as error:
        return JsonResponse({"detail": error.message, "code": error.code}, status=error.status)
    return JsonResponse({"credited_seconds": credited})


@login_required
@require_GET
def my_learning_view(request):
    return render(
        request,
        "learning/my_learning.html",
        {"record": my_learning(request.user), "sections": sections_for(request)},
    )
