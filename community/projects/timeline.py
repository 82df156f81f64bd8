"""The action plan as a timeline (a Gantt chart) drawn on the server: an SVG needs no
script and prints well. The table beside it on the page carries the same information, for
screen readers and exact dates; the chart has a title and is described by that table.

Returns the geometry only; templates/community/projects/_timeline.html draws it. Numbers
are given as strings with a point, so that a French page never writes "12,5" in the SVG."""

from datetime import timedelta

from django.utils import formats
from django.utils.text import Truncator

WIDTH = 960
LABEL_WIDTH = 280  # the titles' column, on the left
RIGHT = 16
AXIS_HEIGHT = 44  # month names and years, on top
ROW_HEIGHT = 26
BAR_HEIGHT = 14
LABEL_CHARS = 38


def _n(value):
    return f"{value:.1f}"


def _months(first, last):
    """The first day of each month from first's month to last's, and the one after."""
    day = first.replace(day=1)
    while day <= last:
        yield day
        day = (day + timedelta(days=32)).replace(day=1)
    yield day


def timeline(project, rows, today):
    """rows: plan_items(project). The geometry of the chart: month ticks, one row per work
    package (its span) and per action (a bar from its start to its due date, a diamond
    for an action of one day), its deliverables as diamonds on the action's row, and
    today's line when today falls within the chart."""
    dates = [project.starts_on, project.ends_on]
    for _package, action, deliverable in rows:
        item = deliverable or action
        dates += [item.due_on] + ([action.starts_on] if action.starts_on else [])
    first, last = min(dates), max(dates)
    months = list(_months(first, last))
    start, end = months[0], months[-1]
    span = (end - start).days or 1
    plot = WIDTH - LABEL_WIDTH - RIGHT

    def x(day):
        return LABEL_WIDTH + plot * (day - start).days / span

    # A label for each month when months are wide enough, else each quarter's first.
    per_month = plot / max(len(months) - 1, 1)
    step = 1 if per_month >= 34 else 3 if per_month * 3 >= 34 else 6
    ticks = []
    for index, month in enumerate(months[:-1]):
        labelled = (month.month - 1) % step == 0
        ticks.append(
            {
                "x": _n(x(month)),
                "label": formats.date_format(month, "M") if labelled else "",
                "year": str(month.year) if labelled and (index == 0 or month.month == 1) else "",
                "label_x": _n(x(month) + 3),
            }
        )
    chart_rows = []
    top = AXIS_HEIGHT
    for package, action, deliverable in rows:
        if deliverable is not None:
            continue  # drawn on its action's row
        if not chart_rows or chart_rows[-1]["package"] != package:
            package_actions = list(package.actions.all())
            package_start = min(a.starts_on or a.due_on for a in package_actions)
            package_end = max(a.due_on for a in package_actions)
            chart_rows.append(_row(top, package, None, package_start, package_end, x))
            top += ROW_HEIGHT
        chart_rows.append(_row(top, package, action, action.starts_on, action.due_on, x))
        top += ROW_HEIGHT
    height = top + 8
    return {
        "width": WIDTH,
        "height": height,
        "label_width": LABEL_WIDTH,
        "axis_y": _n(AXIS_HEIGHT - 4),
        "month_y": "16",
        "year_y": "32",
        "right": _n(WIDTH - RIGHT),
        "ticks": ticks,
        "rows": chart_rows,
        "today": _n(x(today)) if start <= today <= end else None,
        "bottom": _n(height),
    }


def _diamond(cx, cy, size=6):
    return " ".join(
        f"{_n(px)},{_n(py)}"
        for px, py in ((cx, cy - size), (cx + size, cy), (cx, cy + size), (cx - size, cy))
    )


def _row(top, package, action, starts_on, due_on, x):
    middle = top + ROW_HEIGHT / 2
    if action is None:
        title = str(package)
        status = "package"
    else:
        title = action.title
        status = action.display_status
    row = {
        "package": package,
        "action": action,
        "title": title,
        "label": Truncator(title).chars(LABEL_CHARS),
        "label_y": _n(middle + 4),
        "status": status,
        "band_y": _n(top),
        "band_height": _n(ROW_HEIGHT),
        "deliverables": [],
    }
    if starts_on and starts_on < due_on:
        left, right = x(starts_on), x(due_on + timedelta(days=1))
        row["bar"] = {
            "x": _n(left),
            "y": _n(middle - BAR_HEIGHT / 2 if action else middle - 3),
            "width": _n(max(right - left, 3)),
            "height": _n(BAR_HEIGHT if action else 6),
        }
    else:
        row["milestone"] = _diamond(x(due_on), middle)
    if action is not None:
        row["deliverables"] = [
            {
                "points": _diamond(x(deliverable.due_on), middle, 5),
                "title": deliverable.title,
                "status": deliverable.display_status,
                "due_on": deliverable.due_on,
            }
            for deliverable in action.deliverables.all()
        ]
    return row
