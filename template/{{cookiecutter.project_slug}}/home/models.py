from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from home.panels import panels_for

# Editors may feature up to this many courses; the catalog's panel shows them in order.
MAX_FEATURED_COURSES = 6


class HomePage(Page):
    """The portal's front page, one per language, at the root of the site."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences under the portal name."),
    )
    body = RichTextField(_("body"), blank=True)
    # A page chooser named by string: home sits below catalog and never imports it. The
    # catalog's home panel reads the choice (``featured_course_ids``) and, when editors
    # chose none, features the newest published courses instead.
    featured_courses = StreamField(
        [
            (
                "course",
                blocks.PageChooserBlock(page_type="catalog.CoursePage", label=_("Course")),
            )
        ],
        blank=True,
        max_num=MAX_FEATURED_COURSES,
        verbose_name=_("featured courses"),
        help_text=_(
            "Courses shown first on the home page, in this order. "
            "Leave empty to feature the newest published courses."
        ),
    )

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("featured_courses"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("home page")

    def featured_course_ids(self) -> list[int]:
        """The chosen courses' ids in the editors' order, read from the stored stream
        without a query (a deleted course is simply not found later)."""
        ids = []
        for item in self.featured_courses.raw_data:
            value = item.get("value")
            if item.get("type") == "course" and isinstance(value, int) and value not in ids:
                ids.append(value)
        return ids

    def get_context(self, request, *args, **kwargs):
        """Search, what needs the visitor (assigned courses, courses in progress,
        recommendations, campaigns) and courses to discover come from the apps above
        through ``home.panels``."""
        context = super().get_context(request, *args, **kwargs)
        context["home_panels"] = panels_for(request, self)
        return context
