"""The rejected-rows report: a CSV an HR officer opens in a spreadsheet, fixes and re-imports.

One line per rejected row: its line in the uploaded file, the columns at fault, the
reasons, then the row's own cells under the file's own header. Cells are text from the
upload, so a cell that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, tab or carriage return) is prefixed with an apostrophe, and control
characters are shown as U+FFFD (the reason names the character that was there).
"""

from __future__ import annotations

import csv
from typing import TextIO

from onboarding.rows import FORBIDDEN, CheckedRow

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
REPORT_COLUMNS = ["line", "column", "reason"]


def safe_cell(value: str) -> str:
    value = FORBIDDEN.sub("\ufffd", value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


class RejectedRowsReport:
    def __init__(self, stream: TextIO):
        self._writer = csv.writer(stream)

    def start(self, file_header: list[str]) -> None:
        """The report's header: its own columns, then the uploaded file's."""
        self._writer.writerow([safe_cell(name) for name in REPORT_COLUMNS + file_header])

    def add(self, row: CheckedRow) -> None:
        columns = " ".join(dict.fromkeys(problem.column for problem in row.problems))
        reasons = "; ".join(f"{problem.column}: {problem.reason}" for problem in row.problems)
        self._writer.writerow(
            [str(row.line), safe_cell(columns), safe_cell(reasons)]
            + [safe_cell(cell) for cell in row.cells]
        )
