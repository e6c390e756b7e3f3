"""The admin form of course, module and lesson pages: a draft never blocks adding a page.

Wagtail's autosave creates a page from the "add" form a few seconds into typing, before
the editor saves anything. An editor who then leaves that form and adds the page again
(the usual reaction to a form they believe unsaved) met "The slug is already in use": the
first, autosaved draft held it. A page that has never been published has no URL yet, so
its slug claims nothing learners could have linked to: a new page whose slug only such
drafts hold gets the next free one (``intro-2``). A slug of a page that is or was live
still refuses, as before, since that address exists (or existed) for learners.
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm


def free_slug(slug: str, taken: set[str]) -> str:
    number = 2
    while f"{slug}-{number}" in taken:
        number += 1
    return f"{slug}-{number}"


class DraftTolerantPageForm(WagtailAdminPageForm):
    def clean(self):
        slug = self.cleaned_data.get("slug")
        if slug and self.instance.pk is None and self.parent_page is not None:
            siblings = self.parent_page.get_children()
            holders = siblings.filter(slug=slug)
            ever_live = Q(live=True) | Q(first_published_at__isnull=False)
            if holders.exists() and not holders.filter(ever_live).exists():
                taken = set(siblings.filter(slug__startswith=slug).values_list("slug", flat=True))
                self.cleaned_data["slug"] = free_slug(slug, taken)
        return super().clean()
