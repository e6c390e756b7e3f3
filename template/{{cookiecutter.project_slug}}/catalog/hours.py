"""A course's declared learning hours against the minutes of its lessons.

Learners see the declared figure (``CoursePage.duration_hours``): it is the provider's
statement of the effort the course takes, readings and exercises outside the lessons
included, and what a completion credits unless ``credited_hours`` says otherwise. Each
lesson's ``estimated_minutes`` is shown beside it in the outline, with the outline's total.
The two can drift apart (a 3-hour course whose lessons add up to 70 minutes), so the
editor is told whenever they disagree by more than half, measured against the lessons'
total: declared hours below half or above one and a half times that total. It is a
warning, never a refusal: only the provider knows whether the difference is right.

The editor hears it twice: a help line under the duration field of the course form (the
lessons' total and, when they disagree, the warning), and a message after saving or
publishing the course or any of its lessons.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.db.models import Sum
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.panels import Panel

# How far declared hours may stray from the lessons' total, as a share of that total.
TOLERANCE = Decimal("0.5")


def format_minutes(minutes: int) -> str:
    """``70`` → "1 h 10 min", in the visitor's language."""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return _("%(minutes)d min") % {"minutes": rest}
    if not rest:
        return _("%(hours)d h") % {"hours": hours}
    return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}


def lessons_minutes(course, edited_lesson=None) -> int:
    """Estimated minutes of every lesson under the course, in one query. Lessons never
    published count with their draft; a published lesson's new draft lives in its
    revision, not in the row, so the lesson being saved (``edited_lesson``) counts with
    the minutes the editor just typed."""
    from catalog.models import LessonPage

    lessons = LessonPage.objects.descendant_of(course).filter(alias_of__isnull=True)
    if edited_lesson is not None:
        lessons = lessons.exclude(pk=edited_lesson.pk)
    total = lessons.aggregate(total=Sum("estimated_minutes"))["total"] or 0
    if edited_lesson is not None:
        total += edited_lesson.estimated_minutes or 0
    return total


def hours_disagree(declared_hours, minutes: int) -> bool:
    """True when ``declared_hours`` is off the lessons' ``minutes`` by more than half of
    them, either way. A course without lessons yet has nothing to disagree with."""
    if not minutes or declared_hours is None:
        return False
    declared_minutes = Decimal(declared_hours) * 60
    return abs(declared_minutes - minutes) > TOLERANCE * minutes


def hours_warning(course, minutes: int | None = None) -> str:
    """The editor's warning for ``course`` as it stands, or "" when the figures agree."""
    if minutes is None:
        minutes = lessons_minutes(course) if course.pk else 0
    if not hours_disagree(course.duration_hours, minutes):
        return ""
    return _(
        "“%(course)s” declares %(hours)s learning hours, but its lessons add up to "
        "%(lessons)s. Check the course's duration or the lessons' estimated minutes."
    ) % {
        "course": course.title,
        "hours": course.duration_hours,
        "lessons": format_minutes(minutes),
    }


def _course_and_minutes(page):
    """The course a saved page belongs to (None for other pages) and its lessons' minutes,
    with ``page``'s own values as just saved."""
    from catalog.models import CoursePage, LessonPage

    if isinstance(page, CoursePage):
        return page, lessons_minutes(page)
    if isinstance(page, LessonPage):
        course = CoursePage.objects.ancestor_of(page).first()
        return course, lessons_minutes(course, edited_lesson=page) if course else 0
    return None, 0


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_when_hours_disagree(request, page):
    """After a course or one of its lessons is saved, submitted or published: a warning
    message when the course's hours and its lessons disagree (the save stands)."""
    if not request.accepts("text/html"):  # autosave and other JSON requests
        return None
    course, minutes = _course_and_minutes(page)
    warning = hours_warning(course, minutes) if course is not None else ""
    if warning:
        messages.warning(request, warning)
    return None


class LessonHoursPanel(Panel):
    """A help line under the course's duration: what its lessons add up to, and the
    warning when the declared hours disagree."""

    class BoundPanel(Panel.BoundPanel):
        def render_html(self, parent_context=None):
            course = self.instance
            if not course.pk:
                return format_html(
                    '<p class="help">{}</p>',
                    _("Once the course has lessons, their estimated minutes are added up here."),
                )
            minutes = lessons_minutes(course)
            total = format_html(
                '<p class="help">{}</p>',
                _("This course's lessons add up to %(total)s.")
                % {"total": format_minutes(minutes)},
            )
            warning = hours_warning(course, minutes)
            if not warning:
                return total
            return format_html(
                '{}<div class="help-block help-warning" role="status"><p>{}</p></div>',
                total,
                warning,
            )
