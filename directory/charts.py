"""Charts drawn on the server as SVG, so they need no script and print well. Each comes
with a table of the same figures beside it for screen readers and exact values."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.dates import MONTHS_AP

from .formatting import money


@dataclass
class Series:
    label: str
    css_class: str
    values: list  # twelve values (Decimal or None), January first


WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 36


def price_chart(series_list):
    """Lines of unit prices by month. Returns the SVG's geometry for the template
    (templates/directory/_price_chart.svg.html), or None when there is nothing to draw."""
    values = [value for series in series_list for value in series.values if value is not None]
    if not values:
        return None
    top = max(values) * Decimal("1.15")
    top = (
        Decimal(max(1, int(top) + 1)) if top > 5 else top.quantize(Decimal("0.5")) + Decimal("0.5")
    )
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(month_index):
        return LEFT + plot_width * month_index / 11

    def y(value):
        return TOP + plot_height * float(1 - value / top)

    lines = []
    for series in series_list:
        points = [
            (x(index), y(value), value)
            for index, value in enumerate(series.values)
            if value is not None
        ]
        if points:
            lines.append(
                {
                    "label": series.label,
                    "css_class": series.css_class,
                    "path": " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in points),
                    "points": [
                        {"x": f"{px:.1f}", "y": f"{py:.1f}", "value": value}
                        for px, py, value in points
                    ],
                }
            )
    ticks = [top * step / 4 for step in range(5)]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "lines": lines,
        "y_ticks": [{"y": f"{y(tick):.1f}", "label": money(tick)} for tick in ticks],
        "x_ticks": [{"x": f"{x(index):.1f}", "label": MONTHS_AP[index + 1]} for index in range(12)],
        "label_y": HEIGHT - BOTTOM + 20,
    }
