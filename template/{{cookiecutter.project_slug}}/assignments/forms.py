"""The assignment form, scoped to the administrator who fills it in.

Scope is enforced here, not only by the choosers: the organisation field's queryset is
the administrator's scope, and named people are looked up among the people they manage,
so an id from another subtree is "not found" whatever the browser sends. A designation
target needs an organisation for an organisation administrator (their subtree or part
of it); only a national administrator may assign a designation across the country.
"""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import AdminDateInput

from accounts.scope import people_in_scope
from assignments.models import AssignedDesignation, AssignedPerson, Assignment
from assignments.targets import normalise_designation
from catalog.models import CoursePage
from organisations.choosers import OrganisationChooserWidget
from organisations.models import Organisation
from organisations.scope import is_national_admin, organisations_in_scope

MAX_LINES = 1000


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class AssignmentForm(forms.ModelForm):
    designation_list = forms.CharField(
        label=gettext_lazy("Designations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("One per line, as in the people records (case does not matter)."),
    )
    people_list = forms.CharField(
        label=gettext_lazy("People"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Employee IDs or usernames, one per line."),
    )

    class Meta:
        model = Assignment
        fields = ["title", "courses", "kind", "due_on", "target", "organisation", "include_subtree"]
        widgets = {
            "kind": forms.RadioSelect,
            "target": forms.RadioSelect,
            "due_on": AdminDateInput,
            "organisation": OrganisationChooserWidget,
            "courses": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, for_user, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        self.national = is_national_admin(for_user)
        self.fields["courses"].queryset = CoursePage.objects.live().order_by("title")
        self.fields["courses"].help_text = _("Hold Ctrl (⌘ on a Mac) to choose several.")
        self.fields["organisation"].queryset = organisations_in_scope(for_user)
        self.fields["organisation"].required = False
        self.people_found = []
        if self.instance.pk:
            self.initial["designation_list"] = "\n".join(
                self.instance.designations.values_list("designation", flat=True)
            )
            self.initial["people_list"] = "\n".join(
                person.employee_id or person.username
                for person in self.instance.people.order_by("last_name", "username")
            )

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        unchanged = self.instance.pk and self.instance.due_on == due_on
        if due_on and not unchanged and due_on < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot be in the past."))
        return due_on

    def clean_designation_list(self):
        designations = list(
            dict.fromkeys(
                normalise_designation(d) for d in _lines(self.cleaned_data["designation_list"])
            )
        )
        if len(designations) > MAX_LINES:
            raise forms.ValidationError(_("At most %(n)d designations.") % {"n": MAX_LINES})
        too_long = [d for d in designations if len(d) > 200]
        if too_long:
            raise forms.ValidationError(_("A designation has at most 200 characters."))
        return designations

    def clean_people_list(self):
        identifiers = list(dict.fromkeys(_lines(self.cleaned_data["people_list"])))
        if len(identifiers) > MAX_LINES:
            raise forms.ValidationError(
                _(
                    "At most %(n)d people per assignment; assign an organisation or a "
                    "designation instead."
                )
                % {"n": MAX_LINES}
            )
        if not identifiers:
            return []
        found = list(
            people_in_scope(self.for_user)
            .filter(Q(employee_id__in=identifiers) | Q(username__in=identifiers))
            .select_related("organisation")
        )
        known = {p.employee_id for p in found} | {p.username for p in found}
        missing = [identifier for identifier in identifiers if identifier not in known]
        if missing:
            raise forms.ValidationError(
                _("Not found among the people you manage: %(ids)s")
                % {"ids": ", ".join(missing[:20]) + (" …" if len(missing) > 20 else "")}
            )
        self.people_found = found
        return identifiers

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("target")
        organisation = cleaned.get("organisation")
        if target == Assignment.Target.ORGANISATION and organisation is None:
            self.add_error("organisation", _("Choose the organisation to assign to."))
        if target == Assignment.Target.DESIGNATIONS:
            if not cleaned.get("designation_list"):
                self.add_error("designation_list", _("Give at least one designation."))
            if organisation is None and not self.national:
                self.add_error(
                    "organisation",
                    _(
                        "Choose the organisation (in your part of the tree) where these "
                        "designations are assigned."
                    ),
                )
        people_missing = not cleaned.get("people_list") and "people_list" not in self.errors
        if target == Assignment.Target.PEOPLE and people_missing:
            self.add_error("people_list", _("Give at least one person."))
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        assignment = super().save(commit=False)
        target = assignment.target
        if target == Assignment.Target.PEOPLE:
            assignment.organisation = common_organisation(self.people_found)
            assignment.include_subtree = True
        if not assignment.pk:
            assignment.created_by = self.for_user
        assignment.save()
        self.save_m2m()
        assignment.designations.all().delete()
        AssignedPerson.objects.filter(assignment=assignment).delete()
        if target == Assignment.Target.DESIGNATIONS:
            AssignedDesignation.objects.bulk_create(
                AssignedDesignation(assignment=assignment, designation=designation)
                for designation in self.cleaned_data["designation_list"]
            )
        if target == Assignment.Target.PEOPLE:
            AssignedPerson.objects.bulk_create(
                AssignedPerson(assignment=assignment, user=person) for person in self.people_found
            )
        return assignment


def common_organisation(people) -> Organisation | None:
    """The nearest organisation holding all of ``people``: it decides which
    administrators see an assignment to named people (None: national administrators)."""
    paths = [p.organisation.path for p in people if p.organisation_id]
    if not paths or len(paths) < len(people):
        return None
    step = Organisation.steplen
    common = paths[0]
    for path in paths[1:]:
        length = 0
        while (
            length < min(len(common), len(path))
            and common[: length + step] == path[: length + step]
        ):
            length += step
        common = common[:length]
    return Organisation.objects.filter(path=common).first() if common else None
