"""The language label of the review queue and the workflow reports.

Wagtail labels a page with its locale: the translation tree it sits in. Courses of every
language sit in the default language's tree, so Wagtail would call a Hindi course
"English". For a course, and for its modules and lessons, the label is the language the
course is taught in (its ``language`` field, by its own name as the language menus write
it); any other object keeps Wagtail's locale label.
"""

from django import template
from wagtail.admin.templatetags.wagtailadmin_tags import locale_label_from_id
from wagtail.models import Page

from catalog.languages import course_language_choices, language_name

register = template.Library()


@register.simple_tag
def review_language_label(obj, show_locale_labels=False) -> str:
    if isinstance(obj, Page):
        from catalog.models import CoursePage

        tag = (
            CoursePage.objects.ancestor_of(obj, inclusive=True)
            .values_list("language", flat=True)
            .first()
        )
        if tag:
            names = {code.lower(): name for code, name in course_language_choices()}
            return names.get(tag.lower()) or language_name(tag, tag)
    locale_id = getattr(obj, "locale_id", None)
    if show_locale_labels and locale_id:
        return locale_label_from_id(locale_id)
    return ""
