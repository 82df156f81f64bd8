"""The action plan's forms, for the lead organisation's coordinators and the staff: a work
package, an action, a deliverable (with the link or the document that delivers it)."""

import os

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from directory.bounds import TypedDatesMixin
from directory.forms import DateInput
from directory.uploads import check_content

from .. import access
from ..models import Organisation
from .models import Action, Deliverable, WorkPackage


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
