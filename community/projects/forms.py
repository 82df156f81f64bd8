"""The action plan's forms, for the lead organisation's coordinators and the staff: a work
package, an action, a deliverable (with the link or the document that delivers it)."""

import os

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from directory import formatting
from directory.bounds import RefusesTamperedCount, TypedDatesMixin, bounded
from directory.forms import DateInput, DateTimeInput, quantity_field
from directory.uploads import check_content

from .. import access
from ..models import Organisation
from .models import (
    Action,
    Deliverable,
    Meeting,
    PartnerCommitment,
    PartnerDelivery,
    ProjectGroup,
    WorkPackage,
)


class WorkPackageForm(forms.ModelForm):
    class Meta:
        model = WorkPackage
        fields = ["number", "title"]

    def __init__(self, project, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.instance.project = project
        if not self.instance.pk and "number" not in self.initial:
            last = project.work_packages.order_by("-number").values_list("number", flat=True)
            self.initial["number"] = (last.first() or 0) + 1

    def clean_number(self):
        number = self.cleaned_data["number"]
        taken = self.project.work_packages.filter(number=number).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another work package has this number."))
        return number


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.public_name


class PlanItemForm(TypedDatesMixin, forms.ModelForm):
    """An owner among the project's partners, a person of that organisation if one answers
    for it, and dates within the project's period."""

    owner_person = PersonChoiceField(
        label=_("Person in charge"), queryset=None, required=False, empty_label=_("(nobody named)")
    )

    def __init__(self, project, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        partners = Organisation.objects.filter(project_partnerships__project=project)
        self.fields["owner"].queryset = partners
        self.fields["owner"].label = _("Owner (a partner organisation)")
        self.fields["owner_person"].queryset = (
            get_user_model()
            .objects.filter(
                pk__in=access.approved_memberships()
                .filter(organisation__in=partners)
                .values("user")
            )
            .order_by("first_name", "last_name", "email")
        )

    def _check_within_project(self, name):
        day = self.cleaned_data.get(name)
        project = self.project
        if day and not project.starts_on <= day <= project.ends_on:
            self.add_error(
                name,
                _("Give a date within the project, from %(start)s to %(end)s.")
                % {
                    "start": formats.date_format(project.starts_on),
                    "end": formats.date_format(project.ends_on),
                },
            )

    def clean(self):
        data = super().clean()
        owner, person = data.get("owner"), data.get("owner_person")
        if owner and person and not access.is_member_of(person, owner):
            self.add_error(
                "owner_person",
                _("%(person)s is not a member of %(organisation)s.")
                % {"person": person.public_name, "organisation": owner},
            )
        for name in ("starts_on", "due_on"):
            if name in self.fields:
                self._check_within_project(name)
        return data


class ActionForm(PlanItemForm):
    class Meta:
        model = Action
        fields = ["title", "owner", "owner_person", "starts_on", "due_on", "status"]
        widgets = {
            "starts_on": DateInput(format="%Y-%m-%d"),
            "due_on": DateInput(format="%Y-%m-%d"),
        }

    def clean(self):
        data = super().clean()
        starts, due = data.get("starts_on"), data.get("due_on")
        if starts and due and due < starts:
            self.add_error("due_on", _("The due date comes before the start."))
        return data


def check_upload(upload):
    """A file of an accepted type and size, whose content is what its name says."""
    extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
    if extension not in settings.WAGTAILDOCS_EXTENSIONS:
        raise forms.ValidationError(
            _("Files of this type are not accepted. Allowed: %(types)s.")
            % {"types": ", ".join(settings.WAGTAILDOCS_EXTENSIONS)}
        )
    if upload.size > settings.WAGTAILDOCS_MAX_UPLOAD_SIZE:
        raise forms.ValidationError(_("This file is too large."))
    check_content(upload)
    return upload


class DeliverableForm(PlanItemForm):
    file = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_(
            "PDF, office document, image or CSV; %(size)s MB at most. Kept among the "
            "members' documents: only the network's members and staff may open it."
        )
        % {"size": settings.WAGTAILDOCS_MAX_UPLOAD_SIZE // (1024 * 1024)},
    )

    link = forms.URLField(
        label=_("Link to what delivers it"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Deliverable
        fields = ["title", "owner", "owner_person", "due_on", "status", "link"]
        widgets = {"due_on": DateInput(format="%Y-%m-%d")}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        return check_upload(upload) if upload else upload


class PartnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, partner):
        return partner.organisation.name


class PartnerCommitmentForm(TypedDatesMixin, forms.ModelForm):
    """What a partner promises: money or purchases in dollars, hours, or a volume of food
    in its unit, by a date within the project."""

    partner = PartnerChoiceField(label=pgettext_lazy("project", "Partner"), queryset=None)
    quantity = quantity_field(_("Quantity, hours or amount ($)"))

    class Meta:
        model = PartnerCommitment
        fields = ["partner", "kind", "quantity", "unit", "due_on", "description"]
        widgets = {
            "due_on": DateInput(format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "unit": _("For volumes of food only."),
            "description": _("What is promised, in a few words (what for, how, to whom)."),
        }

    def __init__(self, project, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["partner"].queryset = project.partners.select_related("organisation").order_by(
            "organisation__name"
        )
        self.fields["due_on"].label = _("By (a date within the project)")

    def clean(self):
        data = super().clean()
        kind, unit = data.get("kind"), data.get("unit")
        if kind == PartnerCommitment.Kind.VOLUME and not unit:
            self.add_error("unit", _("Give the unit of the volume."))
        elif kind and kind != PartnerCommitment.Kind.VOLUME:
            data["unit"] = ""
        day, project = data.get("due_on"), self.project
        if day and not project.starts_on <= day <= project.ends_on:
            self.add_error(
                "due_on",
                _("Give a date within the project, from %(start)s to %(end)s.")
                % {
                    "start": formats.date_format(project.starts_on),
                    "end": formats.date_format(project.ends_on),
                },
            )
        return data


class PartnerDeliveryForm(TypedDatesMixin, forms.ModelForm):
    """Something delivered against a commitment, on a day since the project began."""

    quantity = quantity_field(_("Quantity, hours or amount ($) delivered"))

    class Meta:
        model = PartnerDelivery
        fields = ["delivered_on", "quantity", "note"]
        widgets = {"delivered_on": DateInput(format="%Y-%m-%d")}

    def __init__(self, commitment, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = commitment.partner.project
        self.fields["delivered_on"].label = pgettext_lazy("partner commitment", "Delivered on")

    def clean_delivered_on(self):
        day = self.cleaned_data["delivered_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("What was delivered cannot be in the future."))
        if day < self.project.starts_on:
            raise forms.ValidationError(
                _("The project began on %(start)s: give a later date.")
                % {"start": formatting.date(self.project.starts_on)}
            )
        return day


class DeleteForm(forms.Form):
    """The confirmation of a deletion: what the person saw listed (rules.contents_key)."""

    contents = forms.CharField(widget=forms.HiddenInput, max_length=2000)


# Groups and their meetings ----------------------------------------------------------------


class MemberChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, user):
        return user.public_name


def partners_people(project):
    """The people a group may take in: the approved members of the project's partners."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            pk__in=access.approved_memberships()
            .filter(organisation__project_partnerships__project=project)
            .values("user"),
        )
        .order_by("first_name", "last_name", "email")
    )


class ProjectGroupForm(forms.ModelForm):
    members = MemberChoiceField(
        label=_("Members"),
        queryset=None,
        help_text=_("People of the partner organisations. Only they read the group's forum."),
        error_messages={"required": _("Choose at least one member.")},
    )

    class Meta:
        model = ProjectGroup
        fields = ["kind", "name", "members"]

    def __init__(self, project, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.instance.project = project
        self.fields["members"].queryset = partners_people(project)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = self.project.groups.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another group of this project has this name."))
        return name


class MeetingForm(TypedDatesMixin, forms.ModelForm):
    video_link = forms.URLField(
        label=_("Video link"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Meeting
        fields = ["starts_at", "ends_at", "place", "video_link", "agenda"]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "agenda": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "place": _("An address, a room: give a place, a video link or both."),
            "agenda": _("You may write it later, before the meeting."),
        }

    def __init__(self, group, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.group = group

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting ends after it starts."))
        if not data.get("place") and not data.get("video_link") and "video_link" not in self.errors:
            self.add_error("place", _("Give a place or a video link."))
        return data


class AgendaForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["agenda"]
        widgets = {"agenda": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda"].required = True

    def clean(self):
        data = super().clean()
        if self.instance.minutes_published_at:
            raise forms.ValidationError(
                _("The minutes are published: the agenda stays as the meeting had it.")
            )
        return data


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"), max_length=30000, widget=forms.Textarea(attrs={"rows": 14})
    )
    decisions = forms.CharField(
        label=_("Decisions"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One decision a line."),
    )
    publish = forms.BooleanField(
        label=_("Publish the minutes and email them to the group's members"), required=False
    )

    def __init__(self, meeting, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean_decisions(self):
        lines = [line.strip() for line in self.cleaned_data["decisions"].splitlines()]
        lines = [line for line in lines if line]
        if any(len(line) > 500 for line in lines):
            raise forms.ValidationError(_("Keep each decision within 500 characters."))
        return lines

    def clean(self):
        data = super().clean()
        if not self.meeting.has_begun():
            raise forms.ValidationError(_("The meeting has not taken place yet."))
        return data


class ActionItemForm(PlanItemForm):
    """An action decided in a meeting: it joins the plan, in the work package chosen or
    in the project's "Decided in meetings" one."""

    work_package = forms.ModelChoiceField(
        label=_("Work package"),
        queryset=None,
        required=False,
        empty_label=_("Decided in meetings (a work package of its own)"),
    )

    class Meta:
        model = Action
        fields = ["title", "owner", "owner_person", "due_on", "work_package"]
        widgets = {"due_on": DateInput(format="%Y-%m-%d")}

    def __init__(self, project, *args, **kwargs):
        super().__init__(project, *args, **kwargs)
        self.fields["owner_person"].required = True
        self.fields["owner_person"].empty_label = "---------"  # someone must be named
        self.fields["work_package"].queryset = project.work_packages.all()


MAX_ACTION_ITEMS = 5


class BaseActionItemFormSet(RefusesTamperedCount, forms.BaseFormSet):
    pass


ActionItemFormSet = forms.formset_factory(
    ActionItemForm, formset=BaseActionItemFormSet, extra=3, **bounded(MAX_ACTION_ITEMS)
)


class AttendanceForm(forms.Form):
    attendees = MemberChoiceField(label=_("Who came"), queryset=None, required=False)

    def __init__(self, meeting, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["attendees"].queryset = meeting.group.members.order_by(
            "first_name", "last_name", "email"
        )

    def clean(self):
        data = super().clean()
        if not self.meeting.has_begun():
            raise forms.ValidationError(_("The meeting has not taken place yet."))
        return data


class ReportForm(forms.Form):
    """The funder report's period and funder, sent by GET: from and until (the project's
    dates when left empty), one of the project's funders or all of them."""

    starts_on = forms.DateField(label=_("From"), widget=DateInput(format="%Y-%m-%d"))
    ends_on = forms.DateField(label=_("Until"), widget=DateInput(format="%Y-%m-%d"))
    funder = forms.TypedChoiceField(label=_("Funder"), required=False, coerce=int, empty_value=None)

    def __init__(self, project, data, **kwargs):
        # An empty date is the project's: the fields show the period the report covers.
        data = data.copy()
        for name, default in (("starts_on", project.starts_on), ("ends_on", project.ends_on)):
            if not data.get(name):
                data[name] = default.isoformat()
        super().__init__(data, **kwargs)
        self.project = project
        self.funders = list(project.funders.all())
        self.fields["funder"].choices = [("", _("All the project's funders"))] + [
            (funder.pk, funder.name) for funder in self.funders
        ]

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end of the period comes before its start."))
        return data

    def period(self):
        from .report import Period

        return Period(self.cleaned_data["starts_on"], self.cleaned_data["ends_on"])

    def chosen_funder(self):
        pk = self.cleaned_data.get("funder")
        return next((funder for funder in self.funders if funder.pk == pk), None)
