"""A learner's competency passport and their gaps against their role profile.

Evidence is what the portal can vouch for: a completed course aligned to a competency
evidences that competency at the course's target level. Several courses on the same
competency keep the highest level reached. A course aligned without a target level
evidences the framework's lowest level: the learner has met the competency, no more.

Each function runs a fixed number of queries whatever the number of courses or
competencies, because passports are shown on every visit to the learner's page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog.models import CourseCompetency
from competencies.models import Competency, ProficiencyLevel, RoleProfile
from competencies.roles import role_for


@dataclass
class PassportEntry:
    competency: Competency
    level: ProficiencyLevel
    courses: list = field(default_factory=list)  # the completed CoursePages evidencing it
    certificate: object = None  # set by the page from certificates.evidence.evidence_for


@dataclass
class Gap:
    competency: Competency
    required: ProficiencyLevel
    current: ProficiencyLevel | None

    @property
    def size(self) -> int:
        """How many levels are missing (the required rank when nothing is evidenced)."""
        return self.required.rank - (self.current.rank if self.current else 0)


@dataclass
class RoleStatus:
    role: RoleProfile | None
    gaps: list[Gap]
    met: list[tuple[Competency, ProficiencyLevel]]


def competency_passport(user) -> dict[int, PassportEntry]:
    """Competency id → what completed courses evidence, in one query (two with levels)."""
    links = (
        CourseCompetency.objects.filter(
            course__enrolments__user=user,
            course__enrolments__completed_at__isnull=False,
            competency__is_retired=False,
        )
        .select_related("competency__framework", "target_level", "course")
        .order_by("competency__position", "course__title")
    )
    passport: dict[int, PassportEntry] = {}
    lowest: dict[int, ProficiencyLevel] = {}
    for link in links:
        level = link.target_level or _lowest_level(link.competency.framework_id, lowest)
        entry = passport.get(link.competency_id)
        if entry is None:
            entry = passport[link.competency_id] = PassportEntry(link.competency, level)
        elif level.rank > entry.level.rank:
            entry.level = level
        entry.courses.append(link.course)
    return passport


def _lowest_level(framework_id: int, cache: dict[int, ProficiencyLevel]) -> ProficiencyLevel:
    if framework_id not in cache:
        cache[framework_id] = (
            ProficiencyLevel.objects.filter(framework_id=framework_id, is_retired=False)
            .order_by("rank")
            .first()
        )
    return cache[framework_id]


def role_status(user, passport: dict[int, PassportEntry] | None = None) -> RoleStatus:
    """The learner's role requirements split into gaps (largest first) and met ones."""
    role = role_for(user)
    if role is None:
        return RoleStatus(None, [], [])
    passport = competency_passport(user) if passport is None else passport
    requirements = role.requirements.filter(competency__is_retired=False).select_related(
        "competency__framework", "level"
    )
    gaps, met = [], []
    for requirement in requirements:
        held = passport.get(requirement.competency_id)
        current = held.level if held else None
        if current is not None and current.rank >= requirement.level.rank:
            met.append((requirement.competency, current))
        else:
            gaps.append(Gap(requirement.competency, requirement.level, current))
    gaps.sort(key=lambda gap: (-gap.size, gap.competency.position))
    return RoleStatus(role, gaps, met)
