"""Bar charts as server-rendered inline SVG: geometry here, markup in oversight/_chart.html.

No JavaScript and no style attributes (the content security policy forbids inline styles):
the template draws with SVG presentation attributes (fill, font-size, text-anchor) only.
"""

from __future__ import annotations

from dataclasses import dataclass

ROW = 24  # height of one bar's row
BAR = 16  # height of the bar itself
LABEL = 170  # width of the label column
AREA = 300  # width of the longest bar
VALUE = 90  # room for the value after the bar
TOP = 6


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str
    width: float  # of the bar, in user units
    y: float  # top of the bar
    text_y: float  # baseline of the label and the value
    value_x: float  # where the value text starts


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_x: int = LABEL - 6
    bar_x: int = LABEL
    bar_height: int = BAR


def bar_width(value: float, maximum: float) -> float:
    """A bar's length: proportional to `maximum`, a sliver for a small non-zero value."""
    if maximum <= 0 or value <= 0:
        return 0.0
    return round(max(2.0, AREA * min(value, maximum) / maximum), 1)


def bar_chart(items, *, maximum: float | None = None) -> Chart:
    """Horizontal bars from (label, value, text) triples; `maximum` is the full length (100 for
    percentages), else the largest value. A missing value (None) draws no bar."""
    items = list(items)
    values = [float(v) for _label, v, _text in items if v is not None]
    top = maximum if maximum is not None else max(values, default=0)
    bars = []
    for index, (label, value, text) in enumerate(items):
        y = TOP + index * ROW
        width = bar_width(float(value or 0), float(top))
        bars.append(
            Bar(
                label=str(label),
                value=float(value or 0),
                text=str(text),
                width=width,
                y=y,
                text_y=y + BAR - 3,
                value_x=LABEL + width + 6,
            )
        )
    return Chart(bars=tuple(bars), width=LABEL + AREA + VALUE, height=TOP * 2 + ROW * len(bars))
