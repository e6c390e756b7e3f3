"""Keeping the dashboards' roll-up tables equal to what the raw tables say.

How the roll-ups stay current (chosen over per-event increments, which double-count when
a signal is re-sent and cannot follow a person who moves): a **recompute of whole
periods**, set-based, driven by a Celery beat job (``dashboards.refresh_rollups``).

* Events are stamped "now" (enrolments, completions, certificates, learning time), so each
  refresh recomputes every period containing a day since the previous refresh (less a
  safety margin for transactions that committed late).
* Changes to the past are marked as ``DirtyDay`` rows by cheap receivers
  (``dashboards.receivers``): a deleted enrolment, a revoked certificate, a course whose
  credited hours changed.
* Moves and deactivations are found by comparing ``accounts.User`` with
  ``LearnerSnapshot`` in one query, however they were made (admin, HRMS import, a bulk
  ``update()``); the days that person has history on are marked dirty, so their history
  follows them to their current organisation (the attribution rule of docs/dashboards.md).

A recompute replaces the rows of whole periods with one ``GROUP BY`` per measure over the
raw rows of those periods, so it is idempotent: running it twice, or after a retry, gives
the same rows. ``check`` recomputes everything from the raw tables and reports each
difference; ``check_rollups`` is its command.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, DecimalField, Exists, F, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce, Substr, Trunc, TruncDate
from django.utils import timezone

from accounts.models import User
from certificates.models import Certificate
from dashboards.models import (
    CoursePeriod,
    DirtyDay,
    Grain,
    LearnerSnapshot,
    OrganisationPeriod,
    OrganisationSnapshot,
    RollupState,
)
from dashboards.periods import local_day, local_midnight, local_zone, next_period, period_starts
from learning.models import Enrolment, LearningTime
from organisations.models import Organisation, Region

# A transaction that started before a refresh may commit just after it; the next refresh
# looks back this far so such rows are still counted.
LATE_COMMIT_MARGIN = timedelta(minutes=15)
# Periods are recomputed about a month of raw rows at a time, to bound memory.
CHUNK_DAYS = 31
# Learners whose history is looked up per query when they moved or were deactivated.
LEARNER_BATCH = 2000
WRITE_BATCH = 5000

COURSE_MEASURES = (
    "enrolments",
    "completions",
    "certificates",
    "credited_hours",
    "time_seconds",
    "active_learners",
)
ORGANISATION_MEASURES = ("registrations", *COURSE_MEASURES)
NO_ORGANISATION = 0  # LearnerSnapshot.organisation_id of someone without an organisation


@dataclass(frozen=True)
class Difference:
    rollup: str
    key: str
    measure: str
    stored: object
    expected: object

    def __str__(self) -> str:
        return (
            f"{self.rollup} {self.key}: {self.measure} is {self.stored}, "
            f"the raw tables say {self.expected}"
        )


# --- computing rows from the raw tables ---------------------------------------------------


def _truncated(field: str, grain: str):
    return Trunc(field, grain, tzinfo=local_zone())


def _as_day(value) -> date:
    return value if not hasattr(value, "astimezone") else local_day(value)


def _credit():
    return Coalesce(
        "course__credited_hours",
        "course__duration_hours",
        Value(Decimal(0)),
        output_field=DecimalField(max_digits=14, decimal_places=1),
    )


def _raw_queries(grain: str, first: date, end: date, keys: dict):
    """(measure, groups) for periods in [first, end): one GROUP BY per measure.

    ``keys`` maps output names to expressions (their organisation, a prefix of its path,
    its region, the course: ``item``); names must not be fields of the raw models. Only
    people with an organisation are counted: the dashboards are by organisation.
    """
    since, until = local_midnight(first), local_midnight(end)
    in_org = Q(user__organisation__isnull=False)
    enrolled = Enrolment.objects.filter(in_org, enrolled_at__gte=since, enrolled_at__lt=until)
    completed = Enrolment.objects.filter(in_org, completed_at__gte=since, completed_at__lt=until)
    certified = Certificate.objects.filter(
        in_org, issued_at__gte=since, issued_at__lt=until, revoked_at__isnull=True
    )
    timed = LearningTime.objects.filter(in_org, day__gte=first, day__lt=end)
    queries = [
        ("enrolments", enrolled.annotate(period=_truncated("enrolled_at", grain)), Count("pk")),
        ("completions", completed.annotate(period=_truncated("completed_at", grain)), Count("pk")),
        (
            "credited_hours",
            completed.annotate(period=_truncated("completed_at", grain)),
            Sum(_credit()),
        ),
        ("certificates", certified.annotate(period=_truncated("issued_at", grain)), Count("pk")),
        ("time_seconds", timed.annotate(period=Trunc("day", grain)), Sum("seconds")),
        (
            "active_learners",
            timed.filter(user__is_active=True, seconds__gt=0).annotate(period=Trunc("day", grain)),
            Count("user", distinct=True),
        ),
    ]
    for measure, queryset, aggregate in queries:
        grouped = queryset.annotate(**keys).order_by().values("period", *keys)
        yield measure, grouped.annotate(value=aggregate)
    if "item" not in keys:
        joined = (
            User.objects.filter(
                organisation__isnull=False, date_joined__gte=since, date_joined__lt=until
            )
            .annotate(period=_truncated("date_joined", grain), org=F("organisation"))
            .order_by()
            .values("period", "org")
        )
        yield "registrations", joined.annotate(value=Count("pk"))


@dataclass(frozen=True)
class Tree:
    """Every organisation's ancestors (itself included) and region, read in one query."""

    ancestors: dict
    region: dict
    by_path: dict
    depth: dict

    @classmethod
    def load(cls) -> Tree:
        rows = list(Organisation.objects.values_list("pk", "path", "region_id", "depth"))
        by_path = {path: pk for pk, path, _region, _depth in rows}
        step = Organisation.steplen
        ancestors = {
            pk: [by_path[path[:end]] for end in range(step, len(path) + 1, step)]
            for pk, path, _region, _depth in rows
        }
        return cls(
            ancestors=ancestors,
            region={pk: region for pk, _path, region, _depth in rows},
            by_path=by_path,
            depth={pk: depth for pk, _path, _region, depth in rows},
        )

    def parent(self, pk) -> int | None:
        chain = self.ancestors[pk]
        return chain[-2] if len(chain) > 1 else None


def _add(target: dict, values: dict) -> None:
    for measure, value in values.items():
        target[measure] = target.get(measure, 0) + value


def compute_organisation_rows(grain: str, first: date, end: date, tree: Tree) -> dict:
    """{(period_start, subtree organisation or None, region): {measure: value}}.

    Counted once per person's own organisation in SQL, then added up to every ancestor
    and the country here: exact, because one person is in one organisation.
    """
    own: dict = defaultdict(dict)
    for measure, groups in _raw_queries(grain, first, end, {"org": F("user__organisation")}):
        for group in groups:
            own[(_as_day(group["period"]), group["org"])][measure] = group["value"] or 0
    rows: dict = defaultdict(dict)
    for (period, org), values in own.items():
        region = tree.region[org]
        for subtree in (*tree.ancestors[org], None):
            _add(rows[(period, subtree, region)], values)
    return rows


def compute_course_rows(first: date, end: date, tree: Tree) -> dict:
    """{(month, subtree organisation or None, region, course): {measure: value}} for the
    country and the organisations of the top ``DASHBOARDS_COURSE_DEPTH`` levels."""
    rows: dict = defaultdict(dict)
    step = Organisation.steplen
    levels = [("country", {"area": F("user__organisation__region"), "item": F("course")})]
    for depth in range(1, course_depth() + 1):
        keys = {
            "branch": Substr("user__organisation__path", 1, depth * step),
            "area": F("user__organisation__region"),
            "item": F("course"),
        }
        levels.append((depth, keys))
    for depth, keys in levels:
        for measure, groups in _raw_queries(Grain.MONTH, first, end, keys):
            for group in groups:
                if depth == "country":
                    subtree = None
                else:
                    subtree = tree.by_path.get(group["branch"])
                    if subtree is None or len(group["branch"]) < depth * step:
                        continue  # people in an organisation above this level
                key = (_as_day(group["period"]), subtree, group["area"], group["item"])
                rows[key][measure] = group["value"] or 0
    return rows


def course_depth() -> int:
    return getattr(settings, "DASHBOARDS_COURSE_DEPTH", 2)


def daily_days() -> int:
    return getattr(settings, "DASHBOARDS_DAILY_DAYS", 93)


def first_daily_day(today: date) -> date:
    """Daily rows are kept for the recent past only; weeks and months for ever."""
    return today - timedelta(days=daily_days() - 1)


# --- writing ------------------------------------------------------------------------------


def _chunks(grain: str, first: date, last: date) -> Iterator[tuple[date, date]]:
    """[start, end) ranges of whole periods covering first..last, about a month each."""
    starts = period_starts(grain, first, last)
    index = 0
    while index < len(starts):
        begin = starts[index]
        end = next_period(grain, begin)
        index += 1
        while index < len(starts) and (starts[index] - begin).days < CHUNK_DAYS:
            end = next_period(grain, starts[index])
            index += 1
        yield begin, end


def _rebuild_organisation_periods(grain: str, begin: date, end: date, tree: Tree) -> None:
    rows = compute_organisation_rows(grain, begin, end, tree)
    OrganisationPeriod.objects.filter(
        grain=grain, period_start__gte=begin, period_start__lt=end
    ).delete()
    OrganisationPeriod.objects.bulk_create(
        (
            OrganisationPeriod(
                grain=grain, period_start=period, organisation_id=org, region_id=region, **values
            )
            for (period, org, region), values in rows.items()
        ),
        batch_size=WRITE_BATCH,
    )


def _rebuild_course_periods(begin: date, end: date, tree: Tree) -> None:
    rows = compute_course_rows(begin, end, tree)
    CoursePeriod.objects.filter(period_start__gte=begin, period_start__lt=end).delete()
    CoursePeriod.objects.bulk_create(
        (
            CoursePeriod(
                period_start=period,
                organisation_id=org,
                region_id=region,
                course_id=course,
                **values,
            )
            for (period, org, region, course), values in rows.items()
        ),
        batch_size=WRITE_BATCH,
    )


def rebuild_days(days: Iterable[date], tree: Tree, today: date) -> int:
    """Recompute every period (of every grain) that contains one of ``days``.

    Returns the number of period ranges recomputed.
    """
    days = sorted(set(days))
    if not days:
        return 0
    ranges = 0
    for grain in Grain.values:
        wanted = days
        if grain == Grain.DAY:
            wanted = [day for day in days if day >= first_daily_day(today)]
        for first, last in _runs(grain, wanted):
            for begin, end in _chunks(grain, first, last):
                _rebuild_organisation_periods(grain, begin, end, tree)
                if grain == Grain.MONTH:
                    _rebuild_course_periods(begin, end, tree)
                ranges += 1
    OrganisationPeriod.objects.filter(
        grain=Grain.DAY, period_start__lt=first_daily_day(today)
    ).delete()
    return ranges


def _runs(grain: str, days: list[date]) -> list[tuple[date, date]]:
    """Contiguous runs of the periods holding ``days``, as (first day, last day)."""
    starts = sorted({period_starts(grain, day, day)[0] for day in days})
    runs: list[list[date]] = []
    for start in starts:
        if runs and next_period(grain, runs[-1][1]) == start:
            runs[-1][1] = start
        else:
            runs.append([start, start])
    return [(first, next_period(grain, last) - timedelta(days=1)) for first, last in runs]


# --- finding what changed ------------------------------------------------------------------


def _snapshot_matches():
    return LearnerSnapshot.objects.filter(
        user=OuterRef("pk"),
        organisation_id=Coalesce(OuterRef("organisation_id"), Value(NO_ORGANISATION)),
        is_active=OuterRef("is_active"),
    )


def changed_learners():
    """People whose organisation or active flag differs from what the roll-ups counted."""
    return User.objects.filter(~Exists(_snapshot_matches()))


def history_days(user_ids: list[int]) -> set[date]:
    """Every local day on which these people have something the dashboards count."""
    tz = local_zone()
    days: set[date] = set()
    queries = [
        User.objects.filter(pk__in=user_ids).annotate(d=TruncDate("date_joined", tzinfo=tz)),
        Enrolment.objects.filter(user__in=user_ids).annotate(d=TruncDate("enrolled_at", tzinfo=tz)),
        Enrolment.objects.filter(user__in=user_ids, completed_at__isnull=False).annotate(
            d=TruncDate("completed_at", tzinfo=tz)
        ),
        Certificate.objects.filter(user__in=user_ids).annotate(d=TruncDate("issued_at", tzinfo=tz)),
        LearningTime.objects.filter(user__in=user_ids).annotate(d=F("day")),
    ]
    for queryset in queries:
        days.update(queryset.order_by().values_list("d", flat=True).distinct())
    return days


def _take_changed_learners() -> set[date]:
    """Days touched by moved/deactivated/new people; their snapshots are brought current."""
    days: set[date] = set()
    changed = changed_learners().values_list("pk", "organisation_id", "is_active")
    batch: list[tuple] = []
    for row in changed.iterator(chunk_size=LEARNER_BATCH):
        batch.append(row)
        if len(batch) >= LEARNER_BATCH:
            days |= _settle(batch)
            batch = []
    if batch:
        days |= _settle(batch)
    return days


def _settle(batch: list[tuple]) -> set[date]:
    ids = [pk for pk, _org, _active in batch]
    days = history_days(ids)
    LearnerSnapshot.objects.filter(user__in=ids).delete()
    LearnerSnapshot.objects.bulk_create(
        LearnerSnapshot(user_id=pk, organisation_id=org or NO_ORGANISATION, is_active=active)
        for pk, org, active in batch
    )
    return days


def snapshot_everyone() -> None:
    """Record every person as counted (after a full rebuild), in one statement."""
    LearnerSnapshot.objects.all().delete()
    snapshot = LearnerSnapshot._meta.db_table
    users = User._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {snapshot} (user_id, organisation_id, is_active) "
            f"SELECT id, COALESCE(organisation_id, %s), is_active FROM {users}",
            [NO_ORGANISATION],
        )


def tree_changed(tree: Tree) -> bool:
    """True if an organisation counted before moved, changed region or disappeared.

    New organisations are recorded without a rebuild (they have no history yet; people
    moving into them are found through ``LearnerSnapshot``)."""
    recorded = {
        row[0]: row[1:]
        for row in OrganisationSnapshot.objects.values_list(
            "organisation_id", "parent_id", "region_id"
        )
    }
    changed = any(
        pk not in tree.region or (tree.parent(pk), tree.region[pk]) != values
        for pk, values in recorded.items()
    )
    new = [pk for pk in tree.region if pk not in recorded]
    if new and not changed:
        OrganisationSnapshot.objects.bulk_create(
            [
                OrganisationSnapshot(
                    organisation_id=pk, parent_id=tree.parent(pk), region_id=tree.region[pk]
                )
                for pk in new
            ],
            batch_size=WRITE_BATCH,
        )
    return changed


def snapshot_tree(tree: Tree) -> None:
    OrganisationSnapshot.objects.all().delete()
    OrganisationSnapshot.objects.bulk_create(
        [
            OrganisationSnapshot(
                organisation_id=pk, parent_id=tree.parent(pk), region_id=tree.region[pk]
            )
            for pk in tree.region
        ],
        batch_size=WRITE_BATCH,
    )


def first_day_with_data() -> date | None:
    """The earliest local day anything counted happened (None on an empty portal)."""
    moments = [
        User.objects.filter(organisation__isnull=False).order_by("date_joined"),
        Enrolment.objects.order_by("enrolled_at"),
    ]
    firsts = [
        local_day(moment)
        for moment in (
            moments[0].values_list("date_joined", flat=True).first(),
            moments[1].values_list("enrolled_at", flat=True).first(),
        )
        if moment is not None
    ]
    first_time = LearningTime.objects.order_by("day").values_list("day", flat=True).first()
    if first_time is not None:
        firsts.append(first_time)
    return min(firsts) if firsts else None


# --- the entry points ---------------------------------------------------------------------


@dataclass(frozen=True)
class RefreshReport:
    full: bool
    days: int
    ranges: int


def refresh(now=None) -> RefreshReport:
    """Bring the roll-ups current, as the beat job does; one refresh at a time."""
    now = now or timezone.now()
    with transaction.atomic():
        state, _created = RollupState.objects.select_for_update().get_or_create(pk=1)
        tree = Tree.load()
        if state.refreshed_at is None or tree_changed(tree):
            report = _full_rebuild(now, tree)
        else:
            dirty = list(DirtyDay.objects.values_list("day", flat=True))
            days = set(dirty) | _take_changed_learners()
            since = local_day(state.refreshed_at - LATE_COMMIT_MARGIN)
            today = local_day(now)
            days |= {since + timedelta(days=n) for n in range((today - since).days + 1)}
            ranges = rebuild_days(days, tree, today)
            DirtyDay.objects.filter(day__in=dirty).delete()
            report = RefreshReport(full=False, days=len(days), ranges=ranges)
        state.refreshed_at = now
        state.save(update_fields=["refreshed_at"])
    return report


def _full_rebuild(now, tree: Tree) -> RefreshReport:
    OrganisationPeriod.objects.all().delete()
    CoursePeriod.objects.all().delete()
    DirtyDay.objects.all().delete()
    snapshot_everyone()
    snapshot_tree(tree)
    first = first_day_with_data()
    if first is None:
        return RefreshReport(full=True, days=0, ranges=0)
    today = local_day(now)
    days = [first + timedelta(days=n) for n in range((today - first).days + 1)]
    return RefreshReport(full=True, days=len(days), ranges=rebuild_days(days, tree, today))


def repair(now=None) -> RefreshReport:
    """Throw the roll-ups away and rebuild them from the raw tables."""
    RollupState.objects.update_or_create(pk=1, defaults={"refreshed_at": None})
    return refresh(now)


def mark_dirty(days: Iterable[date]) -> None:
    DirtyDay.objects.bulk_create(
        [DirtyDay(day=day) for day in set(days) if day is not None], ignore_conflicts=True
    )


# --- checking ----------------------------------------------------------------------------


def check(now=None) -> list[Difference]:
    """Every difference between the stored roll-ups and a recount from the raw tables."""
    now = now or timezone.now()
    tree = Tree.load()
    first = first_day_with_data()
    differences: list[Difference] = []
    stored_first = (
        OrganisationPeriod.objects.order_by("period_start")
        .values_list("period_start", flat=True)
        .first()
    )
    starts = [day for day in (first, stored_first) if day is not None]
    if not starts:
        return differences
    begin_day, last_day = min(starts), local_day(now)
    codes = dict(Organisation.objects.values_list("pk", "code"))
    regions = dict(Region.objects.values_list("pk", "code"))

    def place(org, region) -> str:
        return f"{codes.get(org, org) if org else 'country'} region {regions.get(region, '-')}"

    for grain in Grain.values:
        first_wanted = begin_day
        if grain == Grain.DAY:
            first_wanted = max(begin_day, first_daily_day(last_day))
        for begin, end in _chunks(grain, first_wanted, last_day):
            expected = compute_organisation_rows(grain, begin, end, tree)
            stored = _stored(
                OrganisationPeriod.objects.filter(
                    grain=grain, period_start__gte=begin, period_start__lt=end
                ),
                ("period_start", "organisation_id", "region_id"),
                ORGANISATION_MEASURES,
            )
            differences += _compare(
                f"organisation roll-up ({grain})",
                expected,
                stored,
                ORGANISATION_MEASURES,
                lambda key: f"{key[0]} {place(key[1], key[2])}",
            )
            if grain != Grain.MONTH:
                continue
            expected = compute_course_rows(begin, end, tree)
            stored = _stored(
                CoursePeriod.objects.filter(period_start__gte=begin, period_start__lt=end),
                ("period_start", "organisation_id", "region_id", "course_id"),
                COURSE_MEASURES,
            )
            differences += _compare(
                "course roll-up (month)",
                expected,
                stored,
                COURSE_MEASURES,
                lambda key: f"{key[0]} {place(key[1], key[2])} course {key[3]}",
            )
    return differences


def _stored(queryset, keys, measures) -> dict:
    """Stored rows by key; duplicates (which a correct refresh never writes) add up, so a
    duplicated row shows as a difference instead of hiding."""
    rows: dict = defaultdict(dict)
    for row in queryset.values(*keys, *measures):
        _add(rows[tuple(row[key] for key in keys)], {m: row[m] for m in measures})
    return rows


def _compare(rollup, expected, stored, measures, describe) -> list[Difference]:
    found = []
    for key in sorted({*expected, *stored}, key=str):
        want, have = expected.get(key, {}), stored.get(key, {})
        for measure in measures:
            wanted, had = want.get(measure, 0) or 0, have.get(measure, 0) or 0
            if Decimal(wanted) != Decimal(had):
                found.append(Difference(rollup, describe(key), measure, had, wanted))
    return found
