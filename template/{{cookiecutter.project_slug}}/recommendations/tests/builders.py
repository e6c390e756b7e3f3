"""Small builders for recommendation tests: courses aligned to competencies, completions."""

from __future__ import annotations

from catalog.factories import CourseCompetencyFactory, CoursePageFactory, ProviderPageFactory
from competencies.models import LearnerRole, ProficiencyLevel, RoleProfile
from learning.factories import EnrolmentFactory


class Catalogue:
    def __init__(self):
        self.provider = ProviderPageFactory()

    def course(self, title, aligned, language="en", live=True):
        """``aligned``: [(competency, level or None)]."""
        course = CoursePageFactory(parent=self.provider, title=title, language=language, live=live)
        for competency, level in aligned:
            CourseCompetencyFactory(course=course, competency=competency, target_level=level)
        return course


def level(framework, rank: int) -> ProficiencyLevel:
    return ProficiencyLevel.objects.get(framework=framework, rank=rank)


def complete(user, course):
    return EnrolmentFactory(user=user, course=course, completed=True)


def give_role(user, role: RoleProfile):
    LearnerRole.objects.update_or_create(user=user, defaults={"role": role})


def demanding_role(framework) -> tuple[RoleProfile, list]:
    """The role with the most requirements at rank 2 or above, and those requirements."""
    best = None
    for role in RoleProfile.objects.filter(framework=framework):
        wanted = [
            r for r in role.requirements.select_related("competency", "level") if r.level.rank >= 2
        ]
        if best is None or len(wanted) > len(best[1]):
            best = (role, sorted(wanted, key=lambda r: (-r.level.rank, r.competency.position)))
    assert best and len(best[1]) >= 2, "the framework needs a role with two requirements ≥ 2"
    return best
