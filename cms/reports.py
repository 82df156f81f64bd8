"""Admin reports for editors."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.reports import PageReportView

from .models import FundingGuidePage
from .models.funding import with_deadlines


class ClosedFundingGuidesView(PageReportView):
    """Funding guides whose deadlines have all passed: to update with next year's
    dates, or to leave in the archive."""

    page_title = _("Closed funding guides")
    header_icon = "date"
    index_url_name = "closed_funding_guides"
    index_results_url_name = "closed_funding_guides_results"
    list_export = [*PageReportView.list_export, "last_deadline"]
    export_headings = {**PageReportView.export_headings, "last_deadline": _("Last deadline")}
    # For those who edit pages, as Wagtail's own page reports: it lists drafts and
    # members-only guides too.
    any_permission_required = ["add", "change", "publish"]

    def get_filename(self):
        return f"closed-funding-guides-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        self.queryset = (
            with_deadlines(FundingGuidePage.objects.all())
            .filter(last_deadline__lt=timezone.localdate())
            .order_by("-last_deadline")
        )
        return super().get_queryset()
