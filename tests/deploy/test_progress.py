"""What the operator reads: a failing task's message, not Ansible's JSON."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from govlearn.deploy.progress import DeployDisplay, failure_message

pytestmark = pytest.mark.deploy


def _event(kind: str, **data) -> dict:
    return {"event": kind, "event_data": data}


def _run_events(display: DeployDisplay) -> None:
    display(_event("playbook_on_play_start", play="Release the portal"))
    display(_event("playbook_on_task_start", task="Apply database migrations"))
    display(
        _event(
            "runner_on_failed",
            host="web1",
            task="Apply database migrations",
            res={
                "rc": 1,
                "msg": "non-zero return code",
                "stderr": "Traceback (most recent call last):\n  ...\n"
                "django.db.utils.OperationalError: connection refused",
                "stdout": "",
                "cmd": ["runuser", "..."],
                "invocation": {"module_args": {"_raw_params": "..."}},
            },
        )
    )
    display(_event("playbook_on_task_start", task="Check the host"))
    display(
        _event(
            "runner_on_failed",
            host="web1",
            task="Check the host",
            ignore_errors=True,
            res={"msg": "ignored on purpose"},
        )
    )
    display(
        _event(
            "playbook_on_stats",
            ok={"web1": 10},
            changed={"web1": 3},
            failures={"web1": 1},
            dark={},
            skipped={"web1": 2},
            rescued={},
            ignored={"web1": 1},
        )
    )


def test_a_failure_shows_the_task_host_and_the_end_of_stderr():
    out = io.StringIO()
    console = Console(file=out, width=200, force_terminal=False)
    display = DeployDisplay(console, "Deploying test", total_tasks=2)
    with display:
        _run_events(display)
    display.summary("Deploying test")
    text = out.getvalue()

    assert "FAILED web1 — Apply database migrations" in text
    assert "OperationalError: connection refused" in text
    assert "non-zero return code" not in text
    assert "module_args" not in text and "{" not in text, "raw JSON reached the operator"
    assert "ignored on purpose" not in text
    assert "Release the portal > Apply database migrations" in text
    assert display.record.changed == 3
    assert display.record.failed_hosts == ["web1"]


SECRET = "s3cret-replication-password"
CENSORED = "the output has been hidden due to the fact that 'no_log: true' was specified"


def test_secret_handling_tasks_do_not_leak_in_failures():
    """A no_log result shows nothing of what it carries, even where the secret sits in it."""
    leaky = {
        "censored": CENSORED,
        "msg": f"password authentication failed: {SECRET}",
        "stderr": f"PGPASSWORD={SECRET}",
        "stdout": SECRET,
        "cmd": ["pg_basebackup", f"--password={SECRET}"],
        "rc": 1,
    }
    message = failure_message(leaky)
    assert SECRET not in message
    assert "no_log" in message
    # A loop over secrets: Ansible censors each item.
    looped = failure_message({"results": [{"failed": True, "censored": CENSORED, "msg": SECRET}]})
    assert SECRET not in looped
    assert "no_log" in looped

    out = io.StringIO()
    display = DeployDisplay(Console(file=out, width=200, force_terminal=False), "Deploying")
    with display:
        display(_event("playbook_on_task_start", task="Copy the primary's data"))
        display(_event("runner_on_failed", host="db2", task="Copy the primary's data", res=leaky))
        display(_event("playbook_on_stats", ok={"db2": 4}, failures={"db2": 1}))
    display.summary("Deploying")
    shown = out.getvalue()
    assert "FAILED db2 — Copy the primary's data" in shown
    assert "no_log" in shown
    assert SECRET not in shown
    assert all(SECRET not in failure.message for failure in display.record.failures)


def test_a_failed_loop_names_the_failing_items_message():
    result = {
        "msg": "One or more items failed",
        "results": [{"failed": False}, {"failed": True, "msg": "path /x is missing"}],
    }
    assert "path /x is missing" in failure_message({"results": result["results"]})
