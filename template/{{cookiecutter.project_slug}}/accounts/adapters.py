"""How django-allauth behaves in this portal.

``AccountAdapter``: registration follows the profile (``features.self_registration``; the
form checks ``accounts.allowed_email_domains``); account e-mail leaves through a worker; after
signing in, the learner continues in their preferred language; accounts the portal did not
create by self-registration (HRMS import, administrators, single sign-on) are not asked to
verify an e-mail address the government already vouched for.

``SocialAccountAdapter``: single sign-on links a provider identity to the account with the
same HRMS employee id, maps the profile's claims, and refuses clearly (without writing
anything) when the answer does not fit the portal's records. See ``accounts/sso.py``.
"""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.account.stages import EmailVerificationStage
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import get_language

from accounts import sso
from accounts.tasks import message_to_dict, send_account_email
from portal.country import get_country
from portal.language_preference import continue_in_language
from portal.site_address import base_url, on_base_url


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return bool(settings.GOVLEARN_SELF_REGISTRATION and settings.GOVLEARN_ALLOWED_EMAIL_DOMAINS)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        from allauth.core import context as allauth_context

        request = allauth_context.request
        # E-mails greet people from the portal's name, not from a bare host name, and
        # their links lead to the portal's public address, whichever host the request
        # reached (a proxy's, 127.0.0.1, a worker's stand-in request).
        site = SimpleNamespace(
            name=get_country().portal_name(get_language()),
            domain=urlsplit(base_url()).netloc,
        )
        request_root = request.build_absolute_uri("/") if request is not None else None
        context = {
            key: on_base_url(value)
            if request_root and isinstance(value, str) and value.startswith(request_root)
            else value
            for key, value in context.items()
        }
        full_context = {"request": request, "email": email, "current_site": site, **context}
        message = self.render_mail(template_prefix, email, full_context)
        if getattr(request, "in_worker", False):
            message.send()  # already away from the learner's request (accounts.tasks)
        else:
            send_account_email.delay(message_to_dict(message))

    def get_login_stages(self) -> list[str]:
        return [
            "accounts.adapters.SelfRegisteredEmailVerificationStage"
            if stage == "allauth.account.stages.EmailVerificationStage"
            else stage
            for stage in super().get_login_stages()
        ]

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        return continue_in_language(response, getattr(user, "preferred_language", ""))


class SelfRegisteredEmailVerificationStage(EmailVerificationStage):
    """Mandatory verification for addresses people typed in themselves.

    Self-registration records the address unverified; an account imported from the HRMS
    or made by an administrator has no such record, and its address came from the
    government's own systems, so asking its owner to verify it first would only lock
    officials out of the portal on their first day.
    """

    def handle(self):
        user = self.login.user  # None while allauth answers for an address already taken
        if user is not None and not EmailAddress.objects.filter(user_id=user.pk).exists():
            return None, True
        return super().handle()


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        return sso.configuration().get("unknown_employees", "create") == "create"

    def pre_social_login(self, request, sociallogin) -> None:
        linked = sociallogin.user if sociallogin.is_existing else None
        try:
            identity = sso.identify(sociallogin.account.extra_data, linked_user=linked)
        except sso.Refusal as refusal:
            raise ImmediateHttpResponse(
                render(
                    request,
                    "socialaccount/sign_on_refused.html",
                    {"reason": refusal.reason},
                    status=403,
                )
            ) from None
        if identity.user is not None:
            user = identity.user
            sso.apply(identity, user)
            user.save(
                update_fields=["employee_id", "organisation", "email", "first_name", "last_name"]
            )
            sso.record_verified_email(user, identity.email)
            if not sociallogin.is_existing:
                # An HRMS-imported official's first single sign-on: the same account.
                sociallogin.connect(request, user)
            return
        sso.apply(identity, sociallogin.user)
        sociallogin.email_addresses = [
            EmailAddress(email=identity.email, verified=True, primary=True)
        ]
