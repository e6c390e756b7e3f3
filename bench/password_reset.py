"""How long "reset my password" takes when the address has an account and when it has
none: the page must not tell them apart by its answer time.

Generates a portal from the island example, migrates it on SQLite, and inside it times
POST /accounts/password/reset/ (Django's test client, 200 requests each, interleaved) for
an address with an account and one without, in two set-ups:

* as shipped: the e-mail is queued for the Celery worker (a broker that only stores);
* the baseline of the same run: allauth's own reset form, which looks the address up and
  sends the e-mail inside the request, over SMTP to a local server on loopback.

Prints the median and 95th percentile of each, and the gap between known and unknown.
Run with the kit's virtualenv: ``.venv/bin/python bench/password_reset.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

MEASURE = r"""
import statistics, time, socket
import django
django.setup()
from django.core.management import call_command
from django.test import Client, override_settings
from accounts.models import User

User.objects.filter(username="bench").delete()
User.objects.create_user("bench", email="bench@gov.sc.example", password="x-long-password-1")

def sample(email_address, client):
    started = time.perf_counter()
    response = client.post("/accounts/password/reset/", {"email": email_address})
    assert response.status_code == 302, response.status_code
    return time.perf_counter() - started

def run(label):
    client = Client()
    known, unknown = [], []
    for _ in range(10):  # warm up
        sample("bench@gov.sc.example", client); sample("nobody@gov.sc.example", client)
    for _ in range(200):
        known.append(sample("bench@gov.sc.example", client))
        unknown.append(sample("nobody@gov.sc.example", client))
    def fmt(values):
        values = sorted(values)
        p95 = values[int(len(values) * 0.95)]
        return f"median {statistics.median(values)*1000:6.2f} ms  p95 {p95*1000:6.2f} ms"
    gap = (statistics.median(known) - statistics.median(unknown)) * 1000
    print(f"{label:<34} known:   {fmt(known)}")
    print(f"{'':<34} unknown: {fmt(unknown)}   gap of medians {gap:+.2f} ms")

with override_settings(ACCOUNT_RATE_LIMITS=False, CELERY_TASK_ALWAYS_EAGER=False):
    run("queued for the worker (shipped)")

from aiosmtpd.controller import Controller
class Sink:
    async def handle_DATA(self, server, session, envelope):
        return "250 OK"
with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0)); port = probe.getsockname()[1]
controller = Controller(Sink(), hostname="127.0.0.1", port=port); controller.start()
try:
    with override_settings(
        ACCOUNT_RATE_LIMITS=False, CELERY_TASK_ALWAYS_EAGER=True,
        ACCOUNT_FORMS={"login": "accounts.forms.LoginForm"},
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1", EMAIL_PORT=port,
    ):
        run("baseline: SMTP inside the request")
finally:
    controller.stop()
"""


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="govlearn-bench-reset-") as scratch:
        out = Path(scratch)
        subprocess.run(
            [
                str(BIN / "python"),
                "-m",
                "govlearn",
                "new",
                str(KIT_ROOT / "docs" / "examples" / "island-state.yaml"),
                "-o",
                str(out),
                "--no-git",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(KIT_ROOT / "installer")},
        )
        [project] = [p for p in out.iterdir() if (p / "manage.py").exists()]
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", "/tmp"),
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": f"sqlite:///{out / 'bench.sqlite3'}",
            "CELERY_USE_WORKER": "1",
        }
        subprocess.run(
            [str(BIN / "python"), "manage.py", "migrate", "-v0"], cwd=project, env=env, check=True
        )
        subprocess.run([str(BIN / "python"), "-c", MEASURE], cwd=project, env=env, check=True)


if __name__ == "__main__":
    main()
