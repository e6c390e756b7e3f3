"""What ``sync_country`` and ``seed_demo`` tell the operator: one aligned summary.

Each app's ``country_sync.sync(country, report)`` and ``demo.seed(country, report)`` gets
a ``StepReport`` for its own row. ``write`` works like a management command's stdout (so a
test may pass a ``StringIO``); ``account`` and ``link`` add to the accounts and addresses
tables printed after the rows. Nothing is printed per page or per task: an operator reads
what was created, where to open it, and who can sign in, in a screenful.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class StepReport:
    """One app's row: its sentences joined with "; ", plus the accounts and links it made."""

    label: str
    parts: list[str] = field(default_factory=list)
    accounts: list[tuple[str, str]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    password: str = ""  # where the accounts' password comes from (never the password)

    def write(self, text: str, ending: str | None = None) -> None:
        text = text.strip().rstrip(";").strip()
        if text:
            self.parts.append(text)

    def account(self, username: str, role: str) -> None:
        self.accounts.append((username, role))

    def link(self, name: str, path: str) -> None:
        self.links.append((name, path))

    def password_from(self, source: str) -> None:
        self.password = source

    @property
    def text(self) -> str:
        return "; ".join(self.parts)


@dataclass
class Summary:
    steps: list[StepReport] = field(default_factory=list)

    def step(self, label: str) -> StepReport:
        report = StepReport(label)
        self.steps.append(report)
        return report

    @property
    def accounts(self) -> list[tuple[str, str]]:
        return [account for step in self.steps for account in step.accounts]

    @property
    def links(self) -> list[tuple[str, str]]:
        return [link for step in self.steps for link in step.links]

    @property
    def password(self) -> str:
        return next((step.password for step in self.steps if step.password), "")

    def rows(self) -> list[tuple[str, str]]:
        return [(step.label, step.text) for step in self.steps if step.text]


def aligned(rows: list[tuple[str, str]], indent: str = "  ") -> list[str]:
    """``label  text`` lines with the texts starting in one column."""
    width = max((len(label) for label, _text in rows), default=0)
    return [f"{indent}{label.ljust(width)}  {text}".rstrip() for label, text in rows]
