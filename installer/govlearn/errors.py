"""One error type for everything a user can get wrong.

The CLI catches :class:`GovlearnError` once and prints it; every other layer raises it
with enough context (file, line, path) that the user can find and fix the input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input, located as precisely as we can."""

    file: str
    line: int | None
    path: str
    message: str
    # The JSON path as keys and indexes, kept so the line can be looked up later.
    where: tuple | None = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        location = f"{self.path}: " if self.path else ""
        return f"{where}: {location}{self.message}"


class GovlearnError(Exception):
    """An error the user can act on; its text is the whole message shown to them."""


class ValidationFailed(GovlearnError):
    """Raised with every problem found, never only the first."""

    def __init__(self, problems: list[Problem], what: str = "input"):
        self.problems = sorted(problems, key=_problem_order)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{what} is not valid ({count} {noun}):"]
        lines += [f"  {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """Each problem once, in the order of the file: by line, then path and message."""
    return sorted(dict.fromkeys(problems), key=lambda p: (p.line or 0, p.path, p.message))


def _problem_order(problem: Problem) -> tuple:
    return (problem.file, problem.line if problem.line is not None else 10**9, problem.path)


def display_path(path: Path | str) -> str:
    """Paths in messages are as the user typed them, relative when that is shorter."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
