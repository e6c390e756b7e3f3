"""A real SMTP server on loopback for tests: what the portal sends arrives as messages.

The accounts tests point the test process at one (``smtp_sink``); the real Celery worker
of the integration lane is started pointing at one of its own (``real_worker.mail``), so
e-mail a task sends from the worker is read the same way.
"""

from __future__ import annotations

import email
import re
import socket
import time
from email import policy


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SMTPSink:
    """Messages a real SMTP conversation delivered, parsed."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.port: int | None = None
        self._controller = None

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"

    def start(self) -> SMTPSink:
        from aiosmtpd.controller import Controller

        self.port = free_port()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def wait_for(self, count: int = 1, seconds: float = 5.0) -> list:
        deadline = time.monotonic() + seconds
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.messages

    @staticmethod
    def text_of(message) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()

    def links_in(self, message) -> list[str]:
        return re.findall(r"https?://[^\s<>\"]+", self.text_of(message))
