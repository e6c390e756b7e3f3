"""Tasks about the portal's own plumbing."""

import socket

from celery import shared_task
from django.utils import timezone


@shared_task(name="portal.ping")
def ping(nonce: str) -> dict:
    """Echo ``nonce`` with the answering worker's host and clock.

    ``manage.py check_worker`` sends it to prove the broker, a worker and the result
    backend all work, end to end.
    """
    return {"nonce": nonce, "hostname": socket.gethostname(), "at": timezone.now().isoformat()}
