"""Sending account e-mail (verification, password reset) away from the request.

The page that asks for a password reset answers in the same time whether or not the
address belongs to an account: the message is rendered in the request, but the SMTP
conversation, which is what takes long, happens in a worker.
"""

from __future__ import annotations

import smtplib

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.utils import translation


def message_to_dict(message) -> dict:
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "headers": dict(message.extra_headers),
        "alternatives": [[content, mimetype] for content, mimetype in message.alternatives]
        if hasattr(message, "alternatives")
        else [],
        "content_subtype": message.content_subtype,
    }


@shared_task(
    name="accounts.send_account_email",
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=True,
    max_retries=5,
)
def send_account_email(message: dict) -> None:
    email = EmailMultiAlternatives(
        message["subject"],
        message["body"],
        message["from_email"],
        message["to"],
        headers=message["headers"],
    )
    email.content_subtype = message["content_subtype"]
    for content, mimetype in message["alternatives"]:
        email.attach_alternative(content, mimetype)
    email.send()


@shared_task(name="accounts.request_password_reset", acks_late=True)
def request_password_reset(email: str, host: str, secure: bool, language: str) -> None:
    """allauth's password reset for ``email``, as if asked on ``host``: a link is sent
    only when the address belongs to an active account."""
    from allauth.account.forms import ResetPasswordForm
    from allauth.core import context
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().post("/", HTTP_HOST=host, secure=secure)
    request.user = AnonymousUser()
    request.in_worker = True  # the adapter sends mail at once instead of queueing it
    with translation.override(language or None), context.request_context(request):
        form = ResetPasswordForm(data={"email": email})
        if form.is_valid() and form.users:
            form.save(request)
