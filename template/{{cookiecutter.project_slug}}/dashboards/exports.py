"""CSV files of the dashboard's tables."""

from __future__ import annotations

import csv
from decimal import Decimal

from django.http import HttpResponse

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value) -> object:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value) -> object:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.1f}"
    return neutralised(value)


def csv_response(filename: str, header: list[str], rows: list[list]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow([neutralised(name) for name in header])
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return response
