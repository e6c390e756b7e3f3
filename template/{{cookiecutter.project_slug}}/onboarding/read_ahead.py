"""Read and check the file in a second process while this one talks to the database.

Python runs one thread at a time, and an import's Python work comes in two halves of
about the same size: reading and checking the rows (CSV parsing, patterns, lengths,
repeated values) and everything that needs the database (lookups, what changed, the
rows to write). A thread cannot run the halves side by side; a forked child can. The
child runs the reading half and sends each chunk of checked rows through a pipe; this
process receives them in order and does the rest, so both cores work.

The child never touches the database: it only reads the file (it is forked before the
write pipeline's thread starts, with the parent's already-loaded schema and language)
and leaves with ``os._exit``, so nothing the parent opened is closed or flushed twice.
A problem in the child reaches the parent as the same exception; if the parent stops
early, the child is stopped too.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterator
from multiprocessing import Pipe

from django.conf import settings


def available() -> bool:
    return hasattr(os, "fork") and getattr(settings, "ONBOARDING_READ_AHEAD", True)


class ReadAhead:
    """Iterate over what ``produce()`` yields, computed in a forked child process."""

    def __init__(self, produce: Callable[[], Iterator]):
        self.receiver, sender = Pipe(duplex=False)
        self.finished = False
        self.pid = os.fork()
        if self.pid == 0:  # the child: produce, send, leave
            self.receiver.close()
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides
            try:
                for item in produce():
                    sender.send(("item", item))
                sender.send(("done", None))
            except BaseException as error:  # handed to the parent as it is
                with contextlib.suppress(BaseException):  # unless the parent has gone
                    sender.send(("error", error))
            finally:
                os._exit(0)
        sender.close()

    def __iter__(self) -> Iterator:
        try:
            while True:
                try:
                    kind, item = self.receiver.recv()
                except EOFError:
                    raise RuntimeError(
                        "the process reading the file stopped unexpectedly"
                    ) from None
                if kind == "item":
                    yield item
                elif kind == "done":
                    self.finished = True
                    return
                else:
                    self.finished = True
                    raise item
        finally:
            self.close()

    def close(self) -> None:
        if self.pid is None:
            return
        pid, self.pid = self.pid, None
        self.receiver.close()
        if not self.finished:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
