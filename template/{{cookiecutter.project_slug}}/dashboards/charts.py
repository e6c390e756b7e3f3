"""Server-rendered SVG charts: geometry computed here, markup in the templates.

No JavaScript and no inline styles (the portal's Content-Security-Policy allows
neither): colours come from the stylesheet through class names. Each chart carries a
``<title>`` and a ``<desc>`` summarising it in words, and sits beside a table with every
figure, which is the accessible alternative.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format

WIDTH = 720
HEIGHT = 260
LEFT = 64  # room for the value axis labels
RIGHT = 12
TOP = 12
BOTTOM = 44  # room for the period labels
MAX_PERIOD_LABELS = 8


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: object
    label: str
    series: int  # 0 or 1: which class colours it
    text_y: float = 0  # horizontal bars: where the row's label and value sit
    value_x: float = 0


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


def nice_ceiling(value) -> int:
    """The smallest 1, 2 or 5 × 10ⁿ at or above ``value`` (at least 1)."""
    value = max(float(value or 0), 1.0)
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= value:
            return factor * magnitude
    return 10 * magnitude


def _number(value) -> str:
    """A figure as the reader's language writes it (the coordinates are not localised)."""
    if isinstance(value, Decimal | float):
        return number_format(value, decimal_pos=1, force_grouping=True)
    return number_format(value, force_grouping=True)


def column_chart(labels: list[str], series: list[list], names: list[str]) -> dict:
    """Grouped columns: one group per period, one column per series (at most two)."""
    count = max(len(labels), 1)
    top = nice_ceiling(max((value or 0 for values in series for value in values), default=0))
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    group = plot_width / count
    column = group * 0.8 / max(len(series), 1)
    bars = []
    for index, label in enumerate(labels):
        for number, values in enumerate(series):
            value = values[index] or 0
            height = plot_height * float(value) / top
            bars.append(
                Bar(
                    x=round(LEFT + index * group + group * 0.1 + number * column, 2),
                    y=round(TOP + plot_height - height, 2),
                    width=round(max(column - 1, 1), 2),
                    height=round(height, 2),
                    value=_number(value),
                    label=f"{label}: {names[number]} {_number(value)}",
                    series=number,
                )
            )
    every = max(1, -(-count // MAX_PERIOD_LABELS))
    x_ticks = [
        Tick(round(LEFT + index * group + group / 2, 2), label)
        for index, label in enumerate(labels)
        if index % every == 0
    ]
    y_ticks = [
        Tick(round(TOP + plot_height - plot_height * step / 4, 2), _number(top * step // 4))
        for step in range(5)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "bars": bars,
        "x_ticks": x_ticks,
        "y_ticks": y_ticks,
        "axis_y": TOP + plot_height,
        "left": LEFT,
        "tick_label_x": LEFT - 6,
        "right": WIDTH - RIGHT,
        "label_y": HEIGHT - BOTTOM + 18,
        "names": names,
    }


def bar_chart(labels: list[str], values: list, name: str, limit: int = 12) -> dict:
    """Horizontal bars, largest first as given, the first ``limit`` rows."""
    labels, values = labels[:limit], values[:limit]
    top = nice_ceiling(max((value or 0 for value in values), default=0))
    row = 26
    label_width = 240
    plot_width = WIDTH - label_width - RIGHT - 60
    bars = []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        width = round(max(plot_width * float(value or 0) / top, 0), 2)
        bars.append(
            Bar(
                x=label_width,
                y=TOP + index * row,
                width=width,
                height=row - 8,
                value=_number(value or 0),
                label=_shorten(label),
                series=1,
                text_y=TOP + index * row + (row - 8) / 2,
                value_x=round(label_width + width + 6, 2),
            )
        )
    return {
        "width": WIDTH,
        "height": TOP * 2 + row * max(len(bars), 1),
        "bars": bars,
        "label_x": label_width - 8,
        "name": name,
    }


def _shorten(text: str, length: int = 34) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def describe_series(labels: list[str], values: list, name: str) -> dict:
    """The facts a sighted reader takes from the chart at a glance, for ``<desc>``."""
    if not labels:
        return {"name": name, "empty": True}
    peak = max(range(len(values)), key=lambda index: values[index] or 0)
    return {
        "name": name,
        "first": labels[0],
        "last": labels[-1],
        "total": _number(sum(value or 0 for value in values)),
        "peak_label": labels[peak],
        "peak_value": _number(values[peak] or 0),
        "latest": _number(values[-1] or 0),
        "empty": False,
    }
