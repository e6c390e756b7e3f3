"""One row of the people CSV checked against the schema, without touching the database.

Everything a row can get wrong by itself is found here — required values, lengths,
patterns, allowed values, e-mail form, control characters — so the database checks
(organisation codes, scope, addresses of other people) and the writes only ever see
clean values. The same code serves PostgreSQL and SQLite.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from onboarding.reader import Header
from onboarding.schema import FieldRule, PeopleSchema

# C0 and C1 control characters (NUL, tab, newline…), line and paragraph separators, and
# the bidirectional embeddings, overrides and isolates that reorder how text is shown
# (a name that displays as someone else's). Joiners (U+200C, U+200D) and the plain
# direction marks (U+200E, U+200F, U+061C) stay: Devanagari, Persian and Arabic names
# use them.
FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

ROW = "(row)"  # the column named when a problem concerns the whole row

# Addresses of this plain form are valid for Django's EmailValidator too, so it is only
# asked about the others (it costs ten times more, and a million rows are mostly plain).
PLAIN_EMAIL = re.compile(
    r"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)


@dataclass
class Problem:
    column: str
    reason: str


@dataclass
class CheckedRow:
    """A row's line, its cells as read, its cleaned values (by field) and its problems."""

    line: int
    cells: list[str]
    values: dict[str, str]
    problems: list[Problem] = field(default_factory=list)

    def reject(self, column: str, reason: str) -> None:
        self.problems.append(Problem(column, reason))

    @property
    def ok(self) -> bool:
        return not self.problems


def split_full_name(full_name: str) -> tuple[str, str]:
    """(first_name, last_name) such that ``first + " " + last`` gives back the full name.

    The last word becomes the last name when one plain space separates it; otherwise
    (one word, no spaces as in Chinese or Thai, other separators) the whole name is the
    first name and the last name is empty. Nothing is normalised, so every script
    survives byte for byte, and ``User.get_full_name()`` is exactly the HRMS name.
    """
    first, space, last = full_name.rpartition(" ")
    if space and first and last and not first.endswith(" "):
        return first, last
    return full_name, ""


def _describe(character: str) -> str:
    name = unicodedata.name(character, "")
    return f"U+{ord(character):04X} {name}".strip()


class RowChecker:
    """Checks rows of one file: its header decides which fields are present."""

    def __init__(self, schema: PeopleSchema, header: Header):
        self.header = header
        # Each present column with what a good value passes, unpacked once: a million
        # rows are mostly good, and the full check (which words its reason) runs only
        # for a value that fails these.
        self.present = [
            (
                rule,
                index,
                rule.max_length or sys.maxsize,
                frozenset(rule.enum) if rule.enum is not None else None,
                rule.pattern.fullmatch if rule.pattern is not None else None,
                PLAIN_EMAIL.fullmatch if rule.format == "email" else None,
            )
            for rule in schema.fields
            if (index := header.columns.get(rule.name)) is not None
        ]

    def check(self, line: int, cells: list[str]) -> CheckedRow:
        row = CheckedRow(line=line, cells=cells, values={})
        if len(cells) > self.header.width:
            row.reject(
                ROW,
                _("the row has %(cells)d cells but the header has %(columns)d")
                % {"cells": len(cells), "columns": self.header.width},
            )
        # One search over the whole row first: most rows have no control character.
        clean = FORBIDDEN.search("".join(cells)) is None
        values, width = row.values, len(cells)
        for rule, index, longest, allowed, pattern, plain_email in self.present:
            value = cells[index].strip() if index < width else ""
            if (
                clean
                and value
                and len(value) <= longest
                and (allowed is None or value in allowed)
                and (pattern is None or pattern(value))
                and (plain_email is None or plain_email(value))
            ):
                values[rule.name] = value
                continue
            reason = self._problem(rule, value, clean)
            if reason:
                row.reject(rule.name, reason)
            else:
                values[rule.name] = value
        return row

    @staticmethod
    def _problem(rule: FieldRule, value: str, clean: bool) -> str | None:
        forbidden = None if clean else FORBIDDEN.search(value)
        if forbidden:
            return _("contains a control character (%(character)s)") % {
                "character": _describe(forbidden.group())
            }
        if not value:
            return _("is required") if rule.required else None
        if rule.max_length is not None and len(value) > rule.max_length:
            return _("is longer than %(limit)d characters (%(length)d)") % {
                "limit": rule.max_length,
                "length": len(value),
            }
        if rule.enum is not None and value not in rule.enum:
            return _("“%(value)s” is not one of: %(allowed)s") % {
                "value": value,
                "allowed": ", ".join(rule.enum),
            }
        if rule.pattern is not None and not rule.pattern.fullmatch(value):
            return _("“%(value)s” is not in the expected form (pattern %(pattern)s)") % {
                "value": value,
                "pattern": rule.pattern_text,
            }
        if rule.format == "email" and not PLAIN_EMAIL.fullmatch(value):
            try:
                validate_email(value)
            except ValidationError:
                return _("“%(value)s” is not a valid e-mail address") % {"value": value}
        return None
