"""Sign-in page pieces that depend on the country profile."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

from accounts import sso

register = template.Library()


@register.inclusion_tag("accounts/includes/single_sign_on_button.html", takes_context=True)
def single_sign_on_button(context, next=""):
    """The "Sign in with …" button, when the profile switches single sign-on on."""
    if not settings.SINGLE_SIGN_ON:
        return {"enabled": False}
    return {
        "enabled": True,
        "csrf_token": context.get("csrf_token"),
        "action": reverse("openid_connect_login", kwargs={"provider_id": settings.SSO_PROVIDER_ID}),
        "label": sso.button_label(get_language()),
        "next": next,
    }


@register.simple_tag
def allowed_email_domains() -> str:
    return ", ".join(f"@{domain}" for domain in settings.GOVLEARN_ALLOWED_EMAIL_DOMAINS)


@register.simple_tag(takes_context=True)
def registration_open(context) -> bool:
    """Whether the sign-up page takes registrations (the same test the sign-up page uses)."""
    from allauth.account.adapter import get_adapter

    return get_adapter().is_open_for_signup(context.get("request"))
