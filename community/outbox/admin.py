"""The failed deliveries, in the Wagtail admin for the network's staff: the emails whose
last try failed (the mail server down for hours, a bad address), with what they were
about and why, and "Try again". Wired in community.wagtail_hooks."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse_lazy
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from directory.modeladmin import PermissionMenuItem

from .. import access
from .tasks import deliver

FAILED_SHOWN = 50


def _failed():
    return DBTaskResult.objects.filter(
        task_path=deliver.module_path, status=TaskResultStatus.FAILED
    ).order_by("-finished_at")


def _written(writer, args):
    """The emails as they would be written now (their subject, in the staff's eyes, and
    how many): nothing if what they were about is gone."""
    try:
        return import_string(writer)(*args)
    except Exception:  # noqa: BLE001 - a record gone, or a writer that fails: say nothing
        return []


@require_GET
@access.staff_required
def failed_deliveries(request):
    failed = [
        {
            "pk": result.pk,
            "emails": _written(*result.args_kwargs["args"][1:3]),
            "about": result.args_kwargs["args"][0],
            "tried_at": result.finished_at,
            "why": result.traceback.strip().splitlines()[-1] if result.traceback else "",
        }
        for result in _failed()[:FAILED_SHOWN]
    ]
    return TemplateResponse(request, "community/outbox/failed.html", {"failed": failed})


@require_POST
@access.staff_required
def retry(request, pk):
    """The same delivery again, from its first try: whoever it already reached is not
    written to twice."""
    result = get_object_or_404(_failed(), pk=pk)
    about, writer, args, delivery = result.args_kwargs["args"][:4]
    deliver.enqueue(about, writer, args, delivery)
    result.delete()
    messages.success(
        request, gettext("It will be tried again in a moment: %(about)s") % {"about": about}
    )
    return redirect("community_failed_deliveries")


urls = [
    path("failed-emails/", failed_deliveries, name="community_failed_deliveries"),
    path("failed-emails/<uuid:pk>/retry/", retry, name="community_retry_delivery"),
]


def menu_item():
    return PermissionMenuItem(
        _("Failed emails"),
        reverse_lazy("community_failed_deliveries"),
        icon_name="warning",
        order=265,
        test=access.is_network_staff,
    )
