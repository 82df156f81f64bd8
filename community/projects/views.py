"""Projects' pages, for the partners: the project (objectives, partners, the action plan
as a table and a timeline, what is late or due soon) and the plan's forms, for the lead
organisation's coordinators and the network's staff. Anyone else signed in gets the
site's 403 page; someone signed out is sent to sign in first."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET

from directory import formatting

from .. import access, exports
from . import report, rules
from .forms import ActionForm, DeliverableForm, ReportForm, WorkPackageForm
from .models import Action, Deliverable, Project, WorkPackage
from .timeline import timeline


@require_GET
@access.member_or_staff_required
def project_list(request):
    projects = access.projects_of(request.user).order_by("-starts_on", "name")
    return render(request, "community/projects/project_list.html", {"projects": projects})


@require_GET
@login_required
def project_detail(request, pk):
    project = rules.project_for_page(pk)
    if project is None:
        raise Http404
    partner, coordinator = access.project_standing(request.user, project)
    staff = access.is_network_staff(request.user)
    if not (partner or staff):
        raise PermissionDenied
    today = timezone.localdate()
    rows = rules.plan_items(project)
    partners = list(project.partners.all())
    return render(
        request,
        "community/projects/project_detail.html",
        {
            "project": project,
            "lead": next((p for p in partners if p.role == p.Role.LEAD), None),
            "partners": partners,
            "work_packages": project.work_packages.all(),
            "can_edit": coordinator or staff,  # the plan, and the funder report
            "chart": timeline(project, rows, today) if rows else None,
            "watch": rules.late_or_due_soon(project, today),
            "soon_days": rules.SOON_DAYS,
            "today": today,
        },
    )


def _editable(request, project):
    if not access.may_edit_project_plan(request.user, project):
        raise PermissionDenied
    return project


def _form_page(request, project, form, heading, back=None):
    return render(
        request,
        "community/projects/plan_form.html",
        {"project": project, "form": form, "heading": heading, "back": back},
    )


def _saved(request, project, message):
    messages.success(request, message)
    return redirect("community:project_detail", pk=project.pk)


@login_required
def work_package_create(request, pk):
    project = _editable(request, get_object_or_404(Project, pk=pk))
    form = WorkPackageForm(project, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        return _saved(request, project, _("The work package is added to the plan."))
    return _form_page(request, project, form, _("New work package"))


@login_required
def work_package_edit(request, pk):
    package = get_object_or_404(WorkPackage.objects.select_related("project"), pk=pk)
    project = _editable(request, package.project)
    form = WorkPackageForm(project, request.POST or None, instance=package)
    if request.method == "POST" and form.is_valid():
        form.save()
        return _saved(request, project, _("The work package is saved."))
    return _form_page(request, project, form, _("Work package %(title)s") % {"title": package})


@login_required
def action_create(request, pk):
    package = get_object_or_404(WorkPackage.objects.select_related("project"), pk=pk)
    project = _editable(request, package.project)
    form = ActionForm(project, request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = form.save(commit=False)
        action.work_package = package
        action.save()
        return _saved(request, project, _("The action is added to the plan."))
    return _form_page(request, project, form, _("New action in %(package)s") % {"package": package})


@login_required
def action_edit(request, pk):
    action = get_object_or_404(Action.objects.select_related("work_package__project"), pk=pk)
    project = _editable(request, action.work_package.project)
    form = ActionForm(project, request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        form.save()
        return _saved(request, project, _("The action is saved."))
    return _form_page(request, project, form, _("Action: %(title)s") % {"title": action.title})


@login_required
def deliverable_create(request, pk):
    action = get_object_or_404(Action.objects.select_related("work_package__project"), pk=pk)
    project = _editable(request, action.work_package.project)
    form = DeliverableForm(project, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        rules.save_deliverable(form, action, request.user)
        return _saved(request, project, _("The deliverable is added to the plan."))
    return _form_page(
        request, project, form, _("New deliverable of %(action)s") % {"action": action.title}
    )


@login_required
def deliverable_edit(request, pk):
    deliverable = get_object_or_404(
        Deliverable.objects.select_related("action__work_package__project", "document"), pk=pk
    )
    project = _editable(request, deliverable.action.work_package.project)
    form = DeliverableForm(
        project, request.POST or None, request.FILES or None, instance=deliverable
    )
    if request.method == "POST" and form.is_valid():
        rules.save_deliverable(form, deliverable.action, request.user)
        return _saved(request, project, _("The deliverable is saved."))
    return _form_page(
        request, project, form, _("Deliverable: %(title)s") % {"title": deliverable.title}
    )


REPORT_FORMATS = ("xlsx", "pdf")


@require_GET
@login_required
def project_report(request, pk):
    """The funder report: for the lead organisation's coordinators and the staff, who
    answer to the funders; the other partners read the plan on the project's page."""
    project = get_object_or_404(Project, pk=pk)
    if not access.may_edit_project_plan(request.user, project):
        raise PermissionDenied
    form = ReportForm(project, request.GET)  # every field may be left empty
    context = {"project": project, "form": form, "formats": REPORT_FORMATS}
    if form.is_valid():
        today = timezone.localdate()
        period, funder = form.period(), form.chosen_funder()
        sections = report.build(project, period, today)
        export = request.GET.get("format")
        if export in REPORT_FORMATS:
            return report_download(export, project, period, funder, sections)
        query = request.GET.copy()
        query.pop("format", None)
        context.update(
            {
                "period": period,
                "funder": funder,
                "title": report_title(funder),
                "sections": sections,
                "query": query.urlencode(),
                "last_quarter": report.last_quarter(project, today),
            }
        )
    return render(request, "community/projects/project_report.html", context)


def report_title(funder):
    if funder:
        return _("Report to %(funder)s") % {"funder": funder.name}
    return _("Report to the funders")


def report_download(export, project, period, funder, sections):
    lines = [
        project.name,
        _("Period: %(start)s – %(end)s")
        % {"start": formatting.date(period.starts_on), "end": formatting.date(period.ends_on)},
    ]
    name = pgettext("file name", "report")
    filename = slugify(f"{name}-{project.name}-{period.starts_on}-{period.ends_on}")
    if export == "xlsx":
        cover = pgettext("funder report", "Report")
        sheets = [(cover, [cover, report_title(funder)], [[line] for line in lines])]
        sheets += [
            (section.sheet, section.sheet_header, section.sheet_rows)
            if section.recorded
            else (section.sheet, [section.title], [[section.empty]])
            for section in sections
        ]
        return exports.workbook_response(filename, sheets)
    tables = [
        (
            section.title,
            [", ".join(f"{label}: {value}" for label, value in section.figures)]
            + [section.note, "" if section.rows else section.empty],
            section.header,
            section.rows,
        )
        for section in sections
    ]
    return exports.pdf_response(filename, report_title(funder), lines, tables)
