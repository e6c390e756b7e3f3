"""Prove that a Celery worker answers through the configured broker.

Operators run it after a deployment; the deployment's own checks run it too. It exits
non-zero when no worker replies in time, naming the broker it tried.
"""

import time
import uuid

from celery.exceptions import TimeoutError as CeleryTimeout
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.tasks import ping


class Command(BaseCommand):
    help = "Send a ping task through the broker and wait for a worker's answer."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait")

    def handle(self, *args, timeout, **options):
        nonce = uuid.uuid4().hex
        started = time.perf_counter()
        try:
            answer = ping.apply_async(args=[nonce]).get(timeout=timeout)
        except CeleryTimeout:
            broker = settings.CELERY_BROKER_URL.split("@")[-1]
            raise CommandError(
                f"no worker answered within {timeout:g}s (broker {broker})"
            ) from None
        if answer.get("nonce") != nonce:
            raise CommandError(f"a worker answered with the wrong nonce: {answer!r}")
        elapsed = (time.perf_counter() - started) * 1000
        self.stdout.write(f"worker {answer['hostname']} answered in {elapsed:.0f} ms")
