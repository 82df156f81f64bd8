"""Members share resources from the site. What they send becomes a draft resource page,
submitted to the moderation workflow; nothing is published until an editor approves it."""

import os

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.documents import get_document_model
from wagtail.models import Locale

from .models import ResourceDocument, ResourceIndexPage, ResourceKind, ResourcePage, Topic
from .models.resources import MATERIAL_LANGUAGES
from .privacy import members_collection


class ShareResourceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=ResourceKind.choices)
    material_language = forms.ChoiceField(label=_("Language"), choices=MATERIAL_LANGUAGES)
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, office document, image or CSV; %(size)s MB at most.")
        % {"size": settings.WAGTAILDOCS_MAX_UPLOAD_SIZE // (1024 * 1024)},
    )
    link = forms.URLField(label=_("Or a link"), required=False, assume_scheme="https")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return upload
        extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
        if extension not in settings.WAGTAILDOCS_EXTENSIONS:
            raise forms.ValidationError(
                _("Files of this type are not accepted. Allowed: %(types)s.")
                % {"types": ", ".join(settings.WAGTAILDOCS_EXTENSIONS)}
            )
        if upload.size > settings.WAGTAILDOCS_MAX_UPLOAD_SIZE:
            raise forms.ValidationError(_("This file is too large."))
        return upload

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("file") and not cleaned.get("link"):
            raise forms.ValidationError(_("Attach a file or give a link."))
        return cleaned


@login_required
def share_resource(request):
    if not request.user.has_perm("cms.share_resource"):
        raise PermissionDenied
    library = ResourceIndexPage.objects.live().filter(locale=Locale.get_active()).first()
    if library is None:
        raise PermissionDenied
    form = ShareResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        page = submit(form.cleaned_data, library, request.user)
        transaction.on_commit(lambda: tell_the_member(request.user, page))
        messages.success(
            request,
            gettext(
                "Thank you! Your resource was sent to the editors, who will review it before publishing."
            ),
        )
        return redirect(library.url)
    return render(request, "cms/share_resource.html", {"form": form, "library": library})


@transaction.atomic
def submit(data, library, user):
    page = ResourcePage(
        title=data["title"],
        slug=f"{slugify(data['title'])[:60] or 'ressource'}-{user.pk}",
        summary=data["summary"],
        topic=data["topic"],
        kind=data["kind"],
        material_language=data["material_language"],
        link=data.get("link") or "",
        live=False,
        owner=user,
    )
    library.add_child(instance=page)
    if data.get("file"):
        # Kept in the members' collection: private until an editor decides otherwise.
        document = get_document_model().objects.create(
            title=data["title"],
            file=data["file"],
            collection=members_collection(),
            uploaded_by_user=user,
        )
        ResourceDocument.objects.create(page=page, document=document)
    page.save_revision(user=user)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user)
    return page


def tell_the_member(user, page):
    context = {"page": page, "site_name": settings.SITE_NAME}
    send_mail(
        subject=f"[{settings.SITE_NAME}] "
        + gettext("Your resource is in review: %(title)s") % {"title": page.title},
        message=render_to_string("cms/email/resource_shared.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
