"""Projects' pages, for the partners: the project (objectives, partners, the action plan
as a table and a timeline, what is late or due soon) and the plan's forms, for the lead
organisation's coordinators and the network's staff. Anyone else signed in gets the
site's 403 page; someone signed out is sent to sign in first."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET

from directory import formatting

from .. import access, exports
from . import groups, report, rules
from .forms import (
    ActionForm,
    ActionItemFormSet,
    AgendaForm,
    AttendanceForm,
    DeleteForm,
    DeliverableForm,
    MeetingForm,
    MinutesForm,
    PartnerCommitmentForm,
    PartnerDeliveryForm,
    ProjectGroupForm,
    ReportForm,
    WorkPackageForm,
)
from .models import (
    Action,
    Deliverable,
    Meeting,
    PartnerCommitment,
    PartnerDelivery,
    Project,
    ProjectGroup,
    WorkPackage,
)
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
    commitments = rules.commitments_of(project, today)
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
            "commitments": commitments,
            "behind_count": sum(standing.behind for standing in commitments),
            "groups": access.project_groups_of(request.user).filter(project=project),
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


# Partners' commitments ----------------------------------------------------------------


def _commitment_of(pk):
    commitment = get_object_or_404(
        PartnerCommitment.objects.select_related("partner__project", "partner__organisation"),
        pk=pk,
    )
    return commitment, commitment.partner.project


@login_required
def commitment_create(request, pk):
    project = _editable(request, get_object_or_404(Project, pk=pk))
    form = PartnerCommitmentForm(project, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        return _saved(request, project, _("The partner's commitment is recorded."))
    return _form_page(request, project, form, _("New partner's commitment"))


@login_required
def commitment_edit(request, pk):
    commitment, project = _commitment_of(pk)
    _editable(request, project)
    form = PartnerCommitmentForm(project, request.POST or None, instance=commitment)
    if request.method == "POST" and form.is_valid():
        form.save()
        return _saved(request, project, _("The partner's commitment is saved."))
    heading = _("Commitment of %(partner)s") % {"partner": commitment.partner.organisation.name}
    return _form_page(request, project, form, heading)


@login_required
def delivery_create(request, pk):
    """What was delivered against a commitment, with what was delivered before."""
    commitment, project = _commitment_of(pk)
    _editable(request, project)
    form = PartnerDeliveryForm(commitment, request.POST or None)
    if request.method == "POST" and form.is_valid():
        rules.log_delivery(form, commitment, request.user)
        return _saved(request, project, _("What was delivered is recorded."))
    return render(
        request,
        "community/projects/delivery_form.html",
        {
            "project": project,
            "form": form,
            "standing": rules.commitment_standing(commitment, project),
            "heading": _("Delivered by %(partner)s")
            % {"partner": commitment.partner.organisation.name},
        },
    )


# Deleting plan items ------------------------------------------------------------------


def _delete(request, project, item, heading, done):
    """The confirmation page listing what goes (GET), then the deletion (POST) of what
    was listed: if the plan changed in between, the page lists it again."""
    _editable(request, project)
    gone = rules.what_goes(item)
    key = rules.confirmation_key(gone)
    form = DeleteForm(request.POST or None, initial={"contents": key})
    changed = False
    if request.method == "POST":
        if form.is_valid() and form.cleaned_data["contents"] == key:
            with transaction.atomic():
                item.delete()
            return _saved(request, project, done)
        changed = True
        form = DeleteForm(initial={"contents": key})
    return render(
        request,
        "community/projects/delete_confirm.html",
        {
            "project": project,
            "heading": heading,
            "gone": rules.described(gone),
            "form": form,
            "changed": changed,
        },
    )


@login_required
def work_package_delete(request, pk):
    package = get_object_or_404(WorkPackage.objects.select_related("project"), pk=pk)
    return _delete(
        request,
        package.project,
        package,
        _("Delete the work package %(title)s?") % {"title": package},
        _("The work package is deleted, with its actions and their deliverables."),
    )


@login_required
def action_delete(request, pk):
    action = get_object_or_404(Action.objects.select_related("work_package__project"), pk=pk)
    return _delete(
        request,
        action.work_package.project,
        action,
        _("Delete the action %(title)s?") % {"title": action.title},
        _("The action is deleted, with its deliverables."),
    )


@login_required
def deliverable_delete(request, pk):
    deliverable = get_object_or_404(
        Deliverable.objects.select_related("action__work_package__project"), pk=pk
    )
    return _delete(
        request,
        deliverable.action.work_package.project,
        deliverable,
        _("Delete the deliverable %(title)s?") % {"title": deliverable.title},
        _("The deliverable is deleted."),
    )


@login_required
def commitment_delete(request, pk):
    commitment, project = _commitment_of(pk)
    return _delete(
        request,
        project,
        commitment,
        _("Delete the commitment of %(partner)s?")
        % {"partner": commitment.partner.organisation.name},
        _("The partner's commitment is deleted, with what was delivered against it."),
    )


@login_required
def delivery_delete(request, pk):
    entry = get_object_or_404(
        PartnerDelivery.objects.select_related(
            "commitment__partner__project", "commitment__partner__organisation"
        ),
        pk=pk,
    )
    return _delete(
        request,
        entry.commitment.partner.project,
        entry,
        _("Delete what %(partner)s delivered on %(day)s?")
        % {
            "partner": entry.commitment.partner.organisation.name,
            "day": formats.date_format(entry.delivered_on),
        },
        _("The delivery is deleted."),
    )


# Groups and their meetings: their members, the project's coordinators and the staff see
# them; the coordinators and the staff keep them.


def _group_visible(request, group):
    if not access.may_see_project_group(request.user, group):
        raise PermissionDenied
    return group


def _group_form_page(request, project, form, heading, back, formset=None):
    return render(
        request,
        "community/projects/group_form.html",
        {"project": project, "form": form, "formset": formset, "heading": heading, "back": back},
    )


@login_required
def group_create(request, pk):
    project = _editable(request, get_object_or_404(Project, pk=pk))
    form = ProjectGroupForm(project, request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = groups.save_group(form)
        messages.success(request, _("The group is created, with its own forum."))
        return redirect("community:project_group", pk=group.pk)
    back = reverse("community:project_detail", args=[project.pk])
    return _group_form_page(request, project, form, _("New group"), back)


@login_required
def group_edit(request, pk):
    group = get_object_or_404(ProjectGroup.objects.select_related("project"), pk=pk)
    project = _editable(request, group.project)
    form = ProjectGroupForm(project, request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        groups.save_group(form)
        messages.success(request, _("The group is saved."))
        return redirect("community:project_group", pk=group.pk)
    back = reverse("community:project_group", args=[group.pk])
    return _group_form_page(request, project, form, _("Group: %(name)s") % {"name": group}, back)


@require_GET
@login_required
def group_detail(request, pk):
    group = groups.group_for_page(pk)
    if group is None:
        raise Http404
    _group_visible(request, group)
    now = timezone.now()
    meetings = list(group.meetings.all())
    members = list(group.members.all())
    organisations = groups.organisations_of_members(group)
    for member in members:
        member.partner_names = organisations.get(member.pk, [])
    return render(
        request,
        "community/projects/group_detail.html",
        {
            "group": group,
            "project": group.project,
            "members": members,
            "upcoming": sorted(
                (m for m in meetings if m.starts_at > now), key=lambda m: m.starts_at
            ),
            "past": [m for m in meetings if m.starts_at <= now],
            "can_edit": access.may_edit_project_plan(request.user, group.project),
        },
    )


@login_required
def meeting_create(request, pk):
    group = get_object_or_404(ProjectGroup.objects.select_related("project"), pk=pk)
    project = _editable(request, group.project)
    form = MeetingForm(group, request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = groups.schedule(form)
        if meeting.has_begun():
            messages.success(request, _("The meeting is recorded."))
        else:
            messages.success(request, _("The meeting is scheduled: its members are invited."))
        return redirect("community:meeting_detail", pk=meeting.pk)
    back = reverse("community:project_group", args=[group.pk])
    heading = _("New meeting of %(group)s") % {"group": group}
    return _group_form_page(request, project, form, heading, back)


@require_GET
@login_required
def meeting_detail(request, pk):
    meeting = groups.meeting_for_page(pk)
    if meeting is None:
        raise Http404
    group = _group_visible(request, meeting.group)
    return render(
        request,
        "community/projects/meeting_detail.html",
        {
            "meeting": meeting,
            "group": group,
            "project": group.project,
            "begun": meeting.has_begun(),
            "can_edit": access.may_edit_project_plan(request.user, group.project),
        },
    )


def _editable_meeting(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("group__project"), pk=pk)
    _editable(request, meeting.group.project)
    return meeting


@login_required
def meeting_agenda(request, pk):
    meeting = _editable_meeting(request, pk)
    form = AgendaForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The agenda is saved."))
        return redirect("community:meeting_detail", pk=meeting.pk)
    back = reverse("community:meeting_detail", args=[meeting.pk])
    heading = _("Agenda of %(meeting)s") % {"meeting": meeting}
    return _group_form_page(request, meeting.group.project, form, heading, back)


@login_required
def meeting_minutes(request, pk):
    meeting = _editable_meeting(request, pk)
    project = meeting.group.project
    initial = {
        "minutes": meeting.minutes,
        "decisions": "\n".join(meeting.decisions.values_list("text", flat=True)),
        "publish": meeting.minutes_published_at is not None,
    }
    data = request.POST or None
    form = MinutesForm(meeting, data, initial=initial)
    action_items = ActionItemFormSet(data, prefix="action", form_kwargs={"project": project})
    if request.method == "POST" and form.is_valid() and action_items.is_valid():
        published = groups.save_minutes(meeting, form, action_items)
        if published:
            messages.success(request, _("The minutes are published and sent to the members."))
        else:
            messages.success(request, _("The minutes are saved."))
        return redirect("community:meeting_detail", pk=meeting.pk)
    back = reverse("community:meeting_detail", args=[meeting.pk])
    heading = _("Minutes of %(meeting)s") % {"meeting": meeting}
    return _group_form_page(request, project, form, heading, back, formset=action_items)


@login_required
def meeting_attendance(request, pk):
    meeting = _editable_meeting(request, pk)
    initial = {"attendees": list(meeting.attendees.values_list("pk", flat=True))}
    form = AttendanceForm(meeting, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        groups.record_attendance(meeting, form.cleaned_data["attendees"])
        messages.success(request, _("The attendance is recorded."))
        return redirect("community:meeting_detail", pk=meeting.pk)
    back = reverse("community:meeting_detail", args=[meeting.pk])
    heading = _("Who came to %(meeting)s") % {"meeting": meeting}
    return _group_form_page(request, meeting.group.project, form, heading, back)


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
