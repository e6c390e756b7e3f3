"""Wagtail admin: give a learner who has used every attempt at a quiz a fresh set.

For a course's reviewers (anyone who may publish the course's pages) and national
administrators (see ``services.may_reset_quiz``). The page finds one learner at a time
(username, e-mail or employee id) and lists their unpassed quizzes in the courses the
person may reset; every reset asks for a reason and is kept (``QuizAttemptReset``), and
the latest resets in scope are listed below.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.models import GroupPagePermission

from catalog.models import LessonPage
from learning import services
from learning.errors import LearningError
from learning.models import QuizAttempt, QuizAttemptReset
from learning.quiz_policy import quiz_states_for
from organisations.scope import is_national_admin

RECENT_RESETS_SHOWN = 50


def reviewed_paths(user) -> list[str] | None:
    """Page paths under which ``user`` may publish; None means everywhere (national
    administrators). One query."""
    if is_national_admin(user):
        return None
    return list(
        GroupPagePermission.objects.filter(
            group__user=user, permission__codename="publish_page"
        ).values_list("page__path", flat=True)
    )


def may_open_resets(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    paths = reviewed_paths(user)
    return paths is None or bool(paths)


def _in_scope(paths: list[str] | None, field: str) -> Q:
    if paths is None:
        return Q()
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{f"{field}__path__startswith": path})
    return query


class FindLearnerForm(forms.Form):
    learner = forms.CharField(
        label=gettext_lazy("Learner"),
        max_length=254,
        help_text=gettext_lazy("Username, e-mail address or employee id."),
    )


class ResetForm(forms.Form):
    learner = forms.IntegerField(widget=forms.HiddenInput)
    lesson = forms.IntegerField(widget=forms.HiddenInput)
    quiz = forms.CharField(max_length=36, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Kept on record with your name."),
    )


def _find_learner(text: str):
    text = text.strip()
    return (
        get_user_model()
        .objects.filter(Q(username=text) | Q(email__iexact=text) | Q(employee_id=text))
        .order_by("pk")
        .first()
    )


def _stuck_quizzes(user, learner, paths) -> list[dict]:
    """The learner's unpassed quizzes with at least one attempt in their current set, in
    the courses ``user`` may reset."""
    lesson_ids = set(
        QuizAttempt.objects.filter(user=learner)
        .filter(_in_scope(paths, "course"))
        .values_list("lesson_id", flat=True)
    )
    rows = []
    for lesson in LessonPage.objects.live().filter(pk__in=lesson_ids).order_by("path"):
        for quiz_id, state in quiz_states_for(learner, lesson).items():
            if state.passed or not state.round_attempts or state.next_round != state.round_number:
                continue
            rows.append(
                {
                    "lesson": lesson,
                    "state": state,
                    "form": ResetForm(
                        initial={"learner": learner.pk, "lesson": lesson.pk, "quiz": quiz_id},
                        prefix=f"{lesson.pk}-{quiz_id}",
                    ),
                }
            )
    return rows


def quiz_resets_view(request):
    user = request.user
    if not may_open_resets(user):
        raise PermissionDenied
    paths = reviewed_paths(user)
    if request.method == "POST":
        return _reset(request)
    find = FindLearnerForm(request.GET or None)
    learner, rows = None, []
    if find.is_valid():
        learner = _find_learner(find.cleaned_data["learner"])
        if learner is None:
            find.add_error("learner", _("No learner has that username, e-mail or employee id."))
        else:
            rows = _stuck_quizzes(user, learner, paths)
    resets = (
        QuizAttemptReset.objects.filter(_in_scope(paths, "course"))
        .select_related("user", "reset_by", "course", "lesson")
        .order_by("-created_at", "-pk")[:RECENT_RESETS_SHOWN]
    )
    return TemplateResponse(
        request,
        "learning/admin/quiz_resets.html",
        {"find": find, "learner": learner, "rows": rows, "resets": resets},
    )


def _reset(request):
    prefix = request.POST.get("prefix", "")
    form = ResetForm(request.POST, prefix=prefix or None)
    if not form.is_valid():
        messages.error(request, _("Give a reason for the reset."))
        return redirect(request.get_full_path())
    data = form.cleaned_data
    learner = get_object_or_404(get_user_model(), pk=data["learner"])
    lesson = get_object_or_404(LessonPage, pk=data["lesson"])
    try:
        services.reset_quiz_attempts(request.user, learner, lesson, data["quiz"], data["reason"])
    except LearningError as error:
        if error.status == 403:
            raise PermissionDenied(error.message) from error
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(learner)s has a fresh set of attempts at “%(lesson)s”.")
            % {"learner": learner.get_full_name() or learner.username, "lesson": lesson.title},
        )
    return redirect(f"{reverse('learning_quiz_resets')}?{urlencode({'learner': learner.username})}")
