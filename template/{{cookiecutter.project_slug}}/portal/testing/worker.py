"""A real Celery worker for tests of the integration lane.

Tasks that must survive retries, duplicates and a worker dying mid-task are only proven by
a real worker: a separate process that reads the broker, opens its own database
connection and acknowledges late. Eager mode runs the task inline, in the test's own
transaction, and proves none of that.

The worker is a ``celery worker`` subprocess on the test database that pytest-django
created, consuming a queue of its own (one per xdist process), so parallel test processes
sharing one Redis never run each other's tasks against the wrong database. Its e-mail
goes over SMTP to a sink of its own (``WorkerProcess.mail``), so a test reads what a task
sent from the worker as a person's mail server would have received it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from kombu.exceptions import ChannelError

from portal.celery_app import app
from portal.testing.mail import SMTPSink

READY_TIMEOUT = 60.0


@dataclass
class WorkerProcess:
    """A running worker: its process, the queue it consumes and its log file."""

    process: subprocess.Popen
    queue: str
    hostname: str
    log: Path
    mail: SMTPSink

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Stop the worker at once (SIGKILL by default: what a crash or OOM looks like)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)

    def is_busy(self) -> bool:
        """Whether a task is waiting on the worker's queue or running or reserved in it."""
        with app.connection_for_read() as conn:
            try:
                waiting = conn.default_channel.queue_declare(queue=self.queue, passive=True)
            except ChannelError:  # Redis keeps no key for an empty queue
                waiting = None
        if waiting is not None and waiting.message_count:
            return True
        inspect = app.control.inspect(destination=[self.hostname], timeout=1.0)
        for tasks in (inspect.active(), inspect.reserved()):
            if tasks is None or tasks.get(self.hostname):
                return True  # no answer counts as busy: it may be inside a long task
        return False

    def settle(self, timeout: float = 60.0) -> None:
        """Wait until the worker has nothing left to do; kill it if it never gets there.

        A test ends when its assertions pass, but the tasks it set off may have queued
        follow-ups (an e-mail, a roll-up). One still running when pytest-django empties the
        database takes table locks against the TRUNCATE, and PostgreSQL may abort the
        flush as a deadlock, leaving rows for the next test. The next test's worker is
        started afresh after a kill, so no task of this test can run in that one."""
        if self.process.poll() is not None:
            return
        deadline = time.monotonic() + timeout
        idle_checks = 0
        while time.monotonic() < deadline and idle_checks < 2:
            idle_checks = 0 if self.is_busy() else idle_checks + 1
            time.sleep(0.1)
        if idle_checks < 2:
            self.kill()

    def stop(self) -> None:
        self.mail.stop()
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def database_url() -> str:
    """The URL of the database this test process uses (pytest-django's test database)."""
    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise RuntimeError(
            "a real Celery worker needs PostgreSQL: it must share committed rows with the "
            "test process (set DATABASE_URL and REDIS_URL, as the integration lane does)"
        )
    user = urllib.parse.quote(db["USER"] or "", safe="")
    password = urllib.parse.quote(db["PASSWORD"] or "", safe="")
    return f"postgres://{user}:{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def queue_name() -> str:
    return f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{os.getpid()}"


def start_worker(log_dir: Path) -> WorkerProcess:
    """Start a worker on the test database and wait until it answers a ping."""
    if not settings.REDIS_URL:
        raise RuntimeError("a real Celery worker needs REDIS_URL (the integration lane sets it)")
    queue = queue_name()
    hostname = f"{queue}@localhost"
    mail = SMTPSink().start()
    log = log_dir / f"{queue}.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "CELERY_USE_WORKER": "1",
        # Tasks the worker itself sends (a completion announcing a certificate) stay on
        # its queue too.
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "GOVLEARN_TEST_SMTP_PORT": str(mail.port),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--loglevel=INFO",
            "--concurrency=1",
            "--pool=prefork",
            f"--queues={queue}",
            f"--hostname={hostname}",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    worker = WorkerProcess(process=process, queue=queue, hostname=hostname, log=log, mail=mail)
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the Celery worker exited at start:\n{worker.log_text()}")
        if app.control.ping(destination=[hostname], timeout=1.0):
            return worker
    worker.stop()
    raise RuntimeError(
        f"the Celery worker did not answer within {READY_TIMEOUT:g}s:\n{worker.log_text()}"
    )


class RoutedToWorker:
    """While active, tasks sent by this process go to the broker, on the worker's queue."""

    def __init__(self, queue: str):
        self.queue = queue
        self._saved: dict = {}

    def __enter__(self):
        for key, value in {"task_always_eager": False, "task_default_queue": self.queue}.items():
            self._saved[key] = app.conf[key]
            app.conf[key] = value
        return self

    def __exit__(self, *exc):
        for key, value in self._saved.items():
            app.conf[key] = value
