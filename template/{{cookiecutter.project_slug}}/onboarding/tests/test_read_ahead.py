"""The second process that reads the file ahead: same items, same errors, no leftovers."""

from __future__ import annotations

import os
import time

import pytest

from onboarding.read_ahead import ReadAhead
from onboarding.reader import FileRefused


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_items_arrive_in_order_and_are_computed_in_another_process():
    def produce():
        for n in range(5):
            yield [n, os.getpid()]

    items = list(ReadAhead(produce))
    assert [n for n, _pid in items] == [0, 1, 2, 3, 4]
    assert {pid for _n, pid in items} != {os.getpid()}


def test_a_problem_in_the_child_reaches_the_parent_as_the_same_exception():
    def produce():
        yield "first chunk"
        raise FileRefused("Line 7: the quoting is broken.")

    received = []
    with pytest.raises(FileRefused, match=r"Line 7: the quoting is broken\."):
        for item in ReadAhead(produce):
            received.append(item)
    assert received == ["first chunk"]


def test_a_child_that_dies_is_an_error_not_a_short_file():
    def produce():
        yield "first chunk"
        os._exit(3)  # what an out-of-memory kill looks like from here

    with pytest.raises(RuntimeError, match="stopped unexpectedly"):
        list(ReadAhead(produce))


def test_stopping_early_stops_the_child_and_leaves_no_zombie():
    def produce():
        while True:
            yield "x" * 100_000  # fills the pipe: the child blocks on sending

    reading = ReadAhead(produce)
    pid = reading.pid
    for _item in reading:
        break
    reading.close()
    deadline = time.monotonic() + 5
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid)
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped
