from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.panels import panels_for


class HomePage(Page):
    """The portal's front page, one per language, at the root of the site."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences under the portal name."),
    )
    body = RichTextField(_("body"), blank=True)

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        """What needs the visitor (assigned courses, courses in progress, the running
        campaign) comes from the apps above through ``home.panels``."""
        context = super().get_context(request, *args, **kwargs)
        context["home_panels"] = panels_for(request)
        return context
