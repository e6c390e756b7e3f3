"""Courses that close a learner's competency gaps, best first.

Each course is scored from the gaps it addresses, in a fixed number of queries:

* **gap size** — a gap of three levels matters more than a gap of one;
* **level fit** — a course aimed at the learner's next level fits better than one
  several levels above it: ``fit = 1 / (1 + distance)`` where distance is how far the
  course's target level is from current level + 1;
* **language** — a course in the learner's language counts fully, others at half;
* **popularity among peers** — colleagues with the same role profile or designation who
  completed the course add up to half a point (logarithmic, so a few hundred completions
  do not bury a better-fitting course).

``score = Σ(gap size × fit) × language factor + peer bonus``. Courses the learner is
already enrolled in, drafts, and courses whose target level does not exceed what the
learner already has are left out. A learner with no role profile, or no gap left, is
offered what peers with the same role or designation completed most.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q

from catalog.models import CourseCompetency, CoursePage
from learning.models import Enrolment
from recommendations.passport import Gap, competency_passport, role_status

OTHER_LANGUAGE_FACTOR = 0.5
PEER_BONUS = 0.5


@dataclass
class Recommendation:
    course: object  # catalog.CoursePage
    score: float
    gaps: list[Gap] = field(default_factory=list)
    in_learner_language: bool = True
    peer_completions: int = 0


def recommend_courses(user, limit: int = 10) -> list[Recommendation]:
    """Gap-closing courses; without a role or gaps, what peers of the same role finished."""
    passport = competency_passport(user)
    status = role_status(user, passport)
    ranked = _closing_gaps(user, status, limit) if status.gaps else []
    return ranked or _peer_favourites(user, status.role, limit)


def _closing_gaps(user, status, limit: int) -> list[Recommendation]:
    gaps = {gap.competency.pk: gap for gap in status.gaps}
    enrolled = Enrolment.objects.filter(user=user).values("course_id")
    links = (
        CourseCompetency.objects.filter(competency_id__in=gaps, course__live=True)
        .exclude(course_id__in=enrolled)
        .select_related("course", "target_level")
    )
    relevance: dict[int, float] = {}
    addressed: dict[int, list[Gap]] = {}
    courses: dict[int, object] = {}
    for link in links:
        gap = gaps[link.competency_id]
        target = link.target_level.rank if link.target_level else 1
        current = gap.current.rank if gap.current else 0
        if target <= current:
            continue  # teaches nothing the learner does not already have
        distance = abs(target - (current + 1))
        relevance[link.course_id] = relevance.get(link.course_id, 0.0) + gap.size / (1 + distance)
        addressed.setdefault(link.course_id, []).append(gap)
        courses[link.course_id] = link.course
    if not courses:
        return []
    peers = _peer_completions(user, status.role, list(courses))
    most = max(peers.values(), default=0)
    language = _learner_language(user)
    ranked = []
    for course_id, course in courses.items():
        same_language = _same_language(course.language, language)
        factor = 1.0 if same_language else OTHER_LANGUAGE_FACTOR
        completions = peers.get(course_id, 0)
        bonus = PEER_BONUS * math.log1p(completions) / math.log1p(most) if most else 0.0
        ranked.append(
            Recommendation(
                course=course,
                score=round(relevance[course_id] * factor + bonus, 4),
                gaps=addressed[course_id],
                in_learner_language=same_language,
                peer_completions=completions,
            )
        )
    ranked.sort(key=lambda item: (-item.score, item.course.title))
    return ranked[:limit]


def _peer_favourites(user, role, limit: int) -> list[Recommendation]:
    """Courses most completed by peers, for learners whose role gives no gap to close."""
    peers = _same_role(user, role)
    if peers is None:
        return []
    rows = (
        Enrolment.objects.filter(peers, completed_at__isnull=False, course__live=True)
        .exclude(user=user)
        .exclude(course_id__in=Enrolment.objects.filter(user=user).values("course_id"))
        .values("course_id")
        .annotate(completions=Count("user", distinct=True))
        .order_by("-completions", "course__title")[:limit]
    )
    counts = {row["course_id"]: row["completions"] for row in rows}
    courses = CoursePage.objects.in_bulk(list(counts))
    language = _learner_language(user)
    return [
        Recommendation(
            course=courses[course_id],
            score=float(completions),
            in_learner_language=_same_language(courses[course_id].language, language),
            peer_completions=completions,
        )
        for course_id, completions in counts.items()
    ]


def _same_role(user, role) -> Q | None:
    """Who counts as a peer: the same role profile, or the same designation."""
    condition = Q(user__competency_role__role=role) if role is not None else None
    designation = (getattr(user, "designation", "") or "").strip()
    if designation:
        same = Q(user__designation__iexact=designation)
        condition = same if condition is None else condition | same
    return condition


def _peer_completions(user, role, course_ids: list[int]) -> dict[int, int]:
    """Completions per course by other learners with the same role or designation."""
    rows = (
        Enrolment.objects.filter(
            _same_role(user, role), course_id__in=course_ids, completed_at__isnull=False
        )
        .exclude(user=user)
        .values("course_id")
        .annotate(completions=Count("user", distinct=True))
    )
    return {row["course_id"]: row["completions"] for row in rows}


def _learner_language(user) -> str:
    return (getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE).lower()


def _same_language(course_language: str, learner_language: str) -> bool:
    """``pt-BR`` matches ``pt``: a learner reads their language whatever the region."""
    course = (course_language or "").lower()
    return course.split("-")[0] == learner_language.split("-")[0]
