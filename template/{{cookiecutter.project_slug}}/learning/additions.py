"""Places on "my learning" that apps above learning fill, without learning importing them.

An app (assigned learning, for one) registers a function under ``MY_LEARNING_HOOK``; it is
called with the request and returns a ``MyLearningSection`` or None. The sections are
rendered above the learner's own record, lowest ``order`` first. Each must cost a fixed
number of queries: "my learning" is one of the most visited pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from wagtail import hooks

MY_LEARNING_HOOK = "govlearn_my_learning_sections"


@dataclass(frozen=True)
class MyLearningSection:
    order: int
    template: str  # rendered with ``context`` and the request
    context: dict


def sections_for(request) -> list[SafeString]:
    """Every registered section for this request, rendered, in order."""
    sections = [hook(request) for hook in hooks.get_hooks(MY_LEARNING_HOOK)]
    ordered = sorted((s for s in sections if s is not None), key=lambda s: s.order)
    return [render_to_string(s.template, s.context, request=request) for s in ordered]


COURSE_COMPLETED_HOOK = "govlearn_course_completed_links"
"""Links a completed course's page offers its learner (a certificate, for one). An app
registers a function called with the request and the completed ``Enrolment``; it returns a
``CompletedCourseLink`` or None, in one query at most."""


@dataclass(frozen=True)
class CompletedCourseLink:
    label: str
    url: str


def completed_course_links(request, enrolment) -> list[CompletedCourseLink]:
    """Every registered app's link for this completed enrolment, in registration order."""
    links = [hook(request, enrolment) for hook in hooks.get_hooks(COURSE_COMPLETED_HOOK)]
    return [link for link in links if link is not None]
