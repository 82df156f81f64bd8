"""The CSV import of producers and offers in the Wagtail admin: upload, preview (a dry
run that lists every error or every change), then confirm.

Between preview and confirmation the file waits in the default storage (shared by every
app server) under a random name; the form carries only that name's token, which must be
hex and must be the one this session uploaded, so it can never point at another file."""

import re
import secrets

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin import messages

from . import importing
from .uploads import check_content

PERMISSIONS = ["directory.add_producer", "directory.change_producer"]
MAX_UPLOAD_SIZE = 5 * 1024 * 1024
# What browsers send for a .csv file; Windows with Excel installed sends Excel's type.
CSV_CONTENT_TYPES = {
    "text/csv",
    "text/plain",
    "text/comma-separated-values",
    "text/x-csv",
    "application/csv",
    "application/x-csv",
    "application/vnd.ms-excel",
}
TOKEN = re.compile(r"[0-9a-f]{32}")
SESSION_KEY = "directory_import_token"
TEMPLATE = "directory/admin/import.html"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "Save the spreadsheet as CSV (comma or semicolon separated, UTF-8 or Windows); 5 MB at most."
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        content_type = (upload.content_type or "").split(";")[0].strip().lower()
        if not upload.name.lower().endswith(".csv") or content_type not in CSV_CONTENT_TYPES:
            raise forms.ValidationError(
                _(
                    "This is not a CSV file: in the spreadsheet, choose “Save as” → “CSV” and upload that file."
                )
            )
        if upload.size > MAX_UPLOAD_SIZE:
            raise forms.ValidationError(
                _("This file is larger than 5 MB: split it in several files.")
            )
        data = upload.read()
        if not data.strip():
            raise forms.ValidationError(_("This file is empty."))
        try:
            importing.decode(data)
        except importing.ImportFileError as error:
            raise forms.ValidationError(error.message) from None
        check_content(upload)  # text, but perhaps a web page
        return data


def import_producers(request):
    """Step 1: the upload form. Step 2 (POST with a file): the preview. Step 3 (POST
    "confirm" with the token): the import, then the list of entries."""
    if not request.user.has_perms(PERMISSIONS):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("action") == "confirm":
        return _confirm(request)
    if request.method == "POST" and request.POST.get("action") == "cancel":
        _discard(request)
        messages.success(request, _("The import was cancelled: nothing was imported."))
        return redirect("directory_import")
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            return _preview(request, form.cleaned_data["file"])
        return _render(request, form=form, status=400)
    return _render(request, form=UploadForm())


def _preview(request, data):
    _discard(request)  # a new upload replaces one that was never confirmed
    plan = importing.plan_import(data)
    result = plan.result(dry_run=True)
    token = None
    if not result.errors and result.has_changes:
        token = secrets.token_hex(16)
        default_storage.save(_storage_name(token), ContentFile(data))
        request.session[SESSION_KEY] = token
    return _render(request, result=result, token=token, form=None if token else UploadForm())


def _confirm(request):
    token = request.POST.get("token", "")
    if not TOKEN.fullmatch(token) or token != request.session.get(SESSION_KEY):
        return _expired(request)
    name = _storage_name(token)
    if not default_storage.exists(name):
        return _expired(request)
    with default_storage.open(name, "rb") as stored:
        data = stored.read()
    plan = importing.plan_import(data)  # again: the directory may have changed since
    if plan.errors:
        _discard(request)
        return _render(request, result=plan.result(), form=UploadForm(), status=400)
    try:
        result = importing.apply(plan)
    except IntegrityError:
        messages.error(
            request,
            _(
                "The directory changed during the import, so nothing was imported. Upload the file again."
            ),
        )
        return _render(request, form=UploadForm(), status=409)
    finally:
        _discard(request)
    messages.success(
        request,
        _(
            "Import done. Entries: %(producers_created)s created, %(producers_updated)s updated. "
            "Offers: %(offers_created)s created, %(offers_updated)s updated."
        )
        % vars(result),
    )
    return redirect(reverse("directory_producer_modeladmin_index"))


def _expired(request):
    messages.error(
        request,
        _(
            "This import is no longer available (already done, cancelled or replaced). Upload the file again."
        ),
    )
    return _render(request, form=UploadForm(), status=400)


def _discard(request):
    """Delete this session's waiting file, if any."""
    token = request.session.pop(SESSION_KEY, None)
    if token and TOKEN.fullmatch(token):
        default_storage.delete(_storage_name(token))


def _storage_name(token):
    return f"directory-imports/{token}.csv"


def _render(request, form=None, result=None, token=None, status=200):
    context = {
        "form": form,
        "result": result,
        "token": token,
        "columns": importing.COLUMNS,
    }
    return TemplateResponse(request, TEMPLATE, context, status=status)
