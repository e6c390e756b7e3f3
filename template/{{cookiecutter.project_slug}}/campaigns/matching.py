"""Which completions a campaign counts: inside its time window, on a target course (or a
course developing a target competency; every course when it names neither), by a learner
inside its scope. Two directions of the same rule, both set-based:

* ``campaigns_counting`` — the campaigns one completion counts for (one query, run by
  the ``course_completed`` receiver);
* ``qualifying_enrolments`` — every enrolment one campaign counts, straight from the raw
  tables (for the rebuild that repairs lost counters).
"""

from django.db.models import Exists, OuterRef, Q

from campaigns.models import Campaign
from catalog.models import CoursePage

CourseTargets = Campaign.target_courses.through
CompetencyTargets = Campaign.target_competencies.through


def _ancestor_paths(organisation) -> list[str]:
    steplen = type(organisation).steplen
    return [organisation.path[:end] for end in range(steplen, len(organisation.path) + 1, steplen)]


def campaigns_counting(course, organisation, moment):
    """Campaigns (any, published or not yet) that count a completion of ``course`` at
    ``moment`` by a learner of ``organisation`` (``None`` for someone outside the tree)."""
    scope = Q(scope=Campaign.Scope.NATIONAL)
    if organisation is not None:
        scope |= Q(
            scope=Campaign.Scope.ORGANISATION,
            organisation__path__in=_ancestor_paths(organisation),
        )
        if organisation.region_id:
            scope |= Q(scope=Campaign.Scope.REGION, region_id=organisation.region_id)
    names_courses = Exists(CourseTargets.objects.filter(campaign_id=OuterRef("pk")))
    names_competencies = Exists(CompetencyTargets.objects.filter(campaign_id=OuterRef("pk")))
    targets_course = Exists(
        CourseTargets.objects.filter(campaign_id=OuterRef("pk"), coursepage_id=course.pk)
    )
    targets_competency = Exists(
        CompetencyTargets.objects.filter(
            campaign_id=OuterRef("pk"), competency__course_links__course_id=course.pk
        )
    )
    return Campaign.objects.filter(
        scope,
        (~names_courses & ~names_competencies) | targets_course | targets_competency,
        starts_at__lte=moment,
        ends_at__gt=moment,
    )


def target_course_ids(campaign):
    """A subquery of the course ids the campaign counts, or ``None`` for every course."""
    if not campaign.target_courses.exists() and not campaign.target_competencies.exists():
        return None
    return (
        CoursePage.objects.filter(
            Q(campaigns=campaign) | Q(competencies__competency__campaigns=campaign)
        )
        .values("pk")
        .distinct()
    )


def in_window_on_target(campaign):
    """Enrolments completed inside the window on a target course (scope not applied)."""
    from learning.models import Enrolment

    enrolments = Enrolment.objects.filter(
        completed_at__gte=campaign.starts_at, completed_at__lt=campaign.ends_at
    )
    courses = target_course_ids(campaign)
    return enrolments if courses is None else enrolments.filter(course_id__in=courses)


def scope_q(campaign, organisation_field: str) -> Q:
    """A filter on an Organisation relation: inside the campaign's scope."""
    if campaign.scope == Campaign.Scope.REGION:
        return Q(**{f"{organisation_field}__region_id": campaign.region_id})
    if campaign.scope == Campaign.Scope.ORGANISATION:
        return Q(**{f"{organisation_field}__path__startswith": campaign.organisation.path})
    return Q()


def qualifying_enrolments(campaign):
    """Every enrolment the campaign counts, judged by the learner's current organisation."""
    return in_window_on_target(campaign).filter(scope_q(campaign, "user__organisation"))
