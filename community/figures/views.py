"""The network's figures: the staff's dashboard in the admin (charts, tables, CSV) and the
public page of aggregates."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import access
from ..exports import FORMATS, spreadsheet_response
from .rules import (
    PUBLIC_MIN_CONTRIBUTORS,
    SERIES,
    bar_chart,
    cached_totals,
    network_figures,
    publishable,
)


@require_GET
def dashboard(request):
    if not access.is_board_staff(request.user):
        raise PermissionDenied
    figures = network_figures()
    if request.GET.get("format") in FORMATS:
        return spreadsheet_response(
            request.GET["format"],
            "reseau-en-chiffres",
            [_("Month"), *[str(label) for _key, label in SERIES]],
            [[month.strftime("%Y-%m"), *values] for month, values in figures.rows()],
        )
    labels = [formats.date_format(month, "YEAR_MONTH_FORMAT") for month in figures.months]
    charts = [
        {
            "key": key,
            "label": label,
            "rows": list(
                zip(labels, [figures.by_month[key].get(m, 0) for m in figures.months], strict=True)
            ),
            "chart": bar_chart([figures.by_month[key].get(m, 0) for m in figures.months], labels),
        }
        for key, label in SERIES
    ]
    return render(
        request,
        "community/figures/dashboard.html",
        {"figures": figures, "charts": charts},
    )


@require_GET
def public_figures(request):
    """Aggregates only: never an organisation's own figures. Cached: the page is public,
    and its figures take some twenty-five queries."""
    figures = publishable(cached_totals())
    return render(
        request,
        "community/figures/network_figures.html",
        {"figures": figures, "minimum": PUBLIC_MIN_CONTRIBUTORS},
    )
