"""Read a people CSV as a stream: UTF-8 checked line by line, header checked, rows numbered.

A file is read twice, never held in memory. The first pass (:func:`scan`) refuses what
makes the whole file unusable — bytes that are not UTF-8, broken quoting, a missing or
repeated column — before anything is written, counts the rows for the progress display
and finds which key values occur more than once. The second pass (:func:`records`) hands
the rows to the importer. Line numbers are the physical lines an HR officer sees in an
editor (the header is line 1); a quoted field with a newline makes a row span several
lines, and the row is named by its first.
"""

from __future__ import annotations

import csv
import itertools
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from onboarding.schema import PeopleSchema

BOM = "\ufeff"


class FileRefused(Exception):
    """The whole file cannot be imported; nothing was written. The message says why."""


def physical_lines(binary: Iterable[bytes]) -> Iterator[str]:
    """Each line decoded as strict UTF-8; a byte order mark at the start is dropped."""
    for number, raw in enumerate(binary, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise FileRefused(
                _(
                    "Line %(line)d is not UTF-8 text (byte %(byte)d of the line, 0x%(value)02X)."
                    " Save the file as “CSV UTF-8” and upload it again."
                )
                % {"line": number, "byte": error.start + 1, "value": raw[error.start]}
            ) from None
        if number == 1 and text.startswith(BOM):
            text = text[1:]
        yield text


def _is_blank(cells: list[str]) -> bool:
    """An empty line, or a row of empty cells as spreadsheets write at the end."""
    return not "".join(cells).strip()


def numbered_rows(binary: Iterable[bytes]) -> Iterator[tuple[int, list[str]]]:
    """(first line of the row, cells) for every row, header included; blank rows skipped."""
    reader = csv.reader(physical_lines(binary), strict=True)
    previous = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise FileRefused(
                _("Line %(line)d: the CSV is malformed (%(problem)s); check its quotes.")
                % {"line": previous + 1, "problem": error}
            ) from None
        start, previous = previous + 1, reader.line_num
        if not _is_blank(cells):
            yield start, cells


@dataclass(frozen=True)
class Header:
    """Where each schema field sits in the file, and what else the file has."""

    columns: dict[str, int]  # field name → index in the row
    names: list[str]  # the file's header cells, as written
    extra: list[str]

    @property
    def width(self) -> int:
        return len(self.names)


def read_header(cells: list[str], schema: PeopleSchema) -> Header:
    """Match header cells to schema fields (trimmed, any case); refuse what cannot work."""
    normalised = [cell.strip().lower() for cell in cells]
    known = set(schema.header)
    positions: dict[str, list[int]] = {}
    for index, name in enumerate(normalised):
        positions.setdefault(name, []).append(index)
    repeated = [name for name, found in positions.items() if len(found) > 1 and name in known]
    if repeated:
        raise FileRefused(
            _("Line 1: the column %(columns)s appears more than once.")
            % {"columns": ", ".join(repeated)}
        )
    missing = [name for name in schema.required_columns if name not in positions]
    if missing:
        raise FileRefused(
            ngettext(
                "Line 1: the required column %(columns)s is missing. The header must name: "
                "%(header)s.",
                "Line 1: the required columns %(columns)s are missing. The header must name: "
                "%(header)s.",
                len(missing),
            )
            % {"columns": ", ".join(missing), "header": ",".join(schema.header)}
        )
    columns = {name: positions[name][0] for name in schema.header if name in positions}
    extra = [cells[index].strip() for index, name in enumerate(normalised) if name not in known]
    return Header(columns=columns, names=[cell.strip() for cell in cells], extra=extra)


@dataclass
class Scan:
    """What the first pass learnt: the header, the number of rows, repeated key values."""

    header: Header
    total_rows: int
    # field name → hashes of values that occur on more than one row (usually empty)
    repeated: dict[str, set[int]] = field(default_factory=dict)


def _repeated(hashes: array) -> set[int]:
    ordered = sorted(hashes)
    return {left for left, right in itertools.pairwise(ordered) if left == right}


def scan(binary: Iterable[bytes], schema: PeopleSchema) -> Scan:
    """The first pass. Memory: 8 bytes per row per unique field, not the rows themselves.

    Repeated values are found by their hashes; the second pass compares the values
    themselves for the few hashes seen twice, so a hash collision never rejects a row.
    """
    rows = numbered_rows(binary)
    first = next(rows, None)
    if first is None:
        raise FileRefused(_("The file is empty: it needs a header line and at least one row."))
    header = read_header(first[1], schema)
    keyed = [
        (rule, header.columns[rule.name], array("q"))
        for rule in schema.unique_fields
        if rule.name in header.columns
    ]
    total = 0
    for _line, cells in rows:
        total += 1
        for rule, index, hashes in keyed:
            value = cells[index].strip() if index < len(cells) else ""
            if value:
                hashes.append(hash(rule.key(value)))
    return Scan(
        header=header,
        total_rows=total,
        repeated={rule.name: _repeated(hashes) for rule, _index, hashes in keyed},
    )


def records(binary: Iterable[bytes]) -> Iterator[tuple[int, list[str]]]:
    """The second pass: every row after the header, with its line number."""
    rows = numbered_rows(binary)
    next(rows, None)
    return rows
