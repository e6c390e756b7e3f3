"""Forms a learner fills in about themselves."""

from allauth.account import forms as allauth_forms
from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from portal.country import get_country


def language_choices() -> list[tuple[str, str]]:
    return [("", _("The portal's default language"))] + [
        (language.code, language.autonym) for language in get_country().languages
    ]


class MyDetailsForm(forms.ModelForm):
    """What a learner may change about themselves: their name and language.

    Organisation, employee ID and designation come from the HRMS or single sign-on, so
    they are shown on the page but never accepted from the browser.
    """

    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        required=False,
        help_text=_("Pages, e-mails and the sign-in page follow this language."),
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "preferred_language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].choices = language_choices()
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"


class LoginForm(allauth_forms.LoginForm):
    """allauth's sign-in form; the "forgotten password" link sits under the form instead
    of inside the password field's description, where a screen reader would read it as
    part of every error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Username or e-mail address")
        self.fields["password"].help_text = ""
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)  # the label says it, and stays


def email_domain_allowed(email: str, allowed: list[str]) -> bool:
    """``a@health.gov.sc`` is allowed by ``gov.sc``: a subdomain belongs to its parent."""
    domain = email.rpartition("@")[2].lower().rstrip(".")
    return any(domain == d or domain.endswith("." + d) for d in allowed)


class SignupForm(allauth_forms.SignupForm):
    """Registration for addresses at the profile's ``accounts.allowed_email_domains``."""

    def clean_email(self):
        email = super().clean_email()
        allowed = settings.GOVLEARN_ALLOWED_EMAIL_DOMAINS
        if not email_domain_allowed(email, allowed):
            raise forms.ValidationError(
                _("Use your government e-mail address (ending in %(domains)s).")
                % {"domains": ", ".join(f"@{d}" for d in allowed)}
            )
        return email


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    """Asks for a reset link without looking anyone up during the request.

    Whether the address has an account is decided by the worker
    (``accounts.tasks.request_password_reset``), so the page costs the same work, and so
    the same time, for every address.
    """

    def clean_email(self) -> str:
        self.users = []
        return self.cleaned_data["email"]

    def save(self, request, **kwargs) -> str:
        from accounts.tasks import request_password_reset

        email = self.cleaned_data["email"]
        request_password_reset.delay(
            email, request.get_host(), request.is_secure(), get_language() or ""
        )
        return email
