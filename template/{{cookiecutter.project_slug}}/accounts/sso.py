"""Single sign-on with the government's OpenID Connect provider: who a sign-in is.

The profile's ``single_sign_on`` section names the claims that carry an official's HRMS
employee id, organisation code and e-mail address. :func:`identify` turns a provider's
answer into an :class:`Identity`, or a :class:`Refusal` that says why the portal will not
sign this person in. Nothing is written here, so a refused sign-in leaves no half-made
account behind: the adapter checks everything first and only then saves.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation

DEFAULT_CLAIMS = {
    "employee_id": "employee_id",
    "organisation_code": "organisation_code",
    "email": "email",
}


class Refusal(Exception):
    """The provider vouched for someone the portal cannot sign in; ``reason`` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Identity:
    employee_id: str
    organisation: Organisation
    email: str
    user: object | None  # the existing account with this employee id, if any
    first_name: str = ""
    last_name: str = ""


def configuration() -> dict:
    return settings.SINGLE_SIGN_ON or {}


def claim_names() -> dict[str, str]:
    return {**DEFAULT_CLAIMS, **(configuration().get("claims") or {})}


def button_label(language: str | None = None) -> str:
    from portal.country import get_country

    label = configuration().get("button_label")
    if not label:
        return str(_("Sign in with single sign-on"))
    return get_country().text(label, language)


def same_issuer(asserted: str | None) -> bool:
    """OpenID Connect wants the issuer exactly as configured; a trailing slash is forgiven."""
    configured = (configuration().get("issuer") or "").rstrip("/")
    return bool(asserted) and asserted.rstrip("/") == configured


def claims_of(extra_data: dict) -> dict:
    """The provider's claims: the ID token's, completed by the userinfo answer."""
    return {**(extra_data.get("id_token") or {}), **(extra_data.get("userinfo") or {})}


def _text_claim(claims: dict, key: str) -> str:
    value = claims.get(claim_names()[key])
    return value.strip() if isinstance(value, str) else ""


def identify(extra_data: dict, *, linked_user=None) -> Identity:
    """Who the provider says this is, checked against the portal's records.

    ``linked_user`` is the account this provider identity already signs in, if any.
    Raises :class:`Refusal` for an issuer other than the configured one, a missing employee
    id, an organisation code the portal does not know, an e-mail address that belongs to
    another account, and (when the profile says ``unknown_employees: refuse``) an employee
    id the portal has never seen.
    """
    id_token = extra_data.get("id_token") or {}
    if not same_issuer(id_token.get("iss")):
        raise Refusal(_("The identity provider that answered is not the one this portal trusts."))
    claims = claims_of(extra_data)
    employee_id = _text_claim(claims, "employee_id")
    if not employee_id:
        raise Refusal(_("The identity provider did not say what your employee ID is."))
    code = _text_claim(claims, "organisation_code")
    organisation = Organisation.objects.filter(code=code, is_active=True).first() if code else None
    if organisation is None:
        raise Refusal(
            _("Your organisation (%(code)s) is not known to this portal yet.")
            % {"code": code or "—"}
        )
    email = _text_claim(claims, "email")
    if not email:
        raise Refusal(_("The identity provider did not give your e-mail address."))

    users = get_user_model().objects
    user = linked_user or users.filter(employee_id=employee_id).first()
    if user is not None and user.employee_id and user.employee_id != employee_id:
        raise Refusal(_("This sign-in belongs to another employee ID than your account's."))
    if user is None and configuration().get("unknown_employees", "create") == "refuse":
        raise Refusal(
            _("There is no account for employee ID %(id)s yet. Your organisation adds it.")
            % {"id": employee_id}
        )
    if _email_taken(email, user):
        raise Refusal(
            _("The e-mail address %(email)s already belongs to another account.") % {"email": email}
        )
    return Identity(
        employee_id=employee_id,
        organisation=organisation,
        email=email,
        user=user,
        first_name=str(claims.get("given_name") or "")[:150],
        last_name=str(claims.get("family_name") or "")[:150],
    )


def _email_taken(email: str, user) -> bool:
    """One account per e-mail address, whatever its case (as a User or an EmailAddress)."""
    others = get_user_model().objects.filter(
        Q(email__iexact=email) | Q(emailaddress__email__iexact=email)
    )
    if user is not None and user.pk is not None:
        others = others.exclude(pk=user.pk)
    return others.exists()


def apply(identity: Identity, user) -> None:
    """Copy what the provider asserts onto ``user`` (not saved); a name the learner
    already gave (My details) is kept."""
    user.employee_id = identity.employee_id
    user.organisation = identity.organisation
    user.email = identity.email
    user.first_name = user.first_name or identity.first_name
    user.last_name = user.last_name or identity.last_name


def record_verified_email(user, email: str) -> None:
    """The provider's e-mail is trusted as verified, and becomes the primary address."""
    from allauth.account.models import EmailAddress

    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    EmailAddress.objects.filter(user=user, primary=True).exclude(
        pk=getattr(address, "pk", None)
    ).update(primary=False)
    if address is None:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    elif not (address.verified and address.primary):
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])
