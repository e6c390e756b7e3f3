from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


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
