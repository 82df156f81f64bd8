"""Members share resources from the site. What they send becomes a draft resource page,
submitted to the moderation workflow; nothing is published until an editor approves it."""

import os

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page, PageViewRestriction

from directory.uploads import check_content

from .models import ResourceDocument, ResourceIndexPage, ResourceKind, ResourcePage, Topic
from .models.resources import MATERIAL_LANGUAGES
from .privacy import MEMBER_GROUPS, REVIEW_COLLECTION, members_collection, review_collection


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
        check_content(upload)
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
        tell_the_member(request.user, page)
        messages.success(
            request,
            gettext(
                "Thank you! Your resource was sent to the editors, who will review it before publishing."
            ),
        )
        return redirect(library.url)
    return render(request, "cms/share_resource.html", {"form": form, "library": library})


def add_draft(library, user, **fields):
    """A resource page, not yet live, in the library, under a slug of its own: two
    resources with the same title become "titre" and "titre-2". Callers run it in a
    transaction: the library's row stays locked until then, so two people sharing the
    same title at the same instant get two slugs, not an error."""
    Page.objects.select_for_update().filter(pk=library.pk).first()
    base = slugify(fields["title"])[:60] or "ressource"
    taken = set(library.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    page = ResourcePage(slug=slug, live=False, owner=user, **fields)
    library.add_child(instance=page)
    return page


@transaction.atomic
def submit(data, library, user):
    page = add_draft(
        library,
        user,
        title=data["title"],
        summary=data["summary"],
        topic=data["topic"],
        kind=data["kind"],
        material_language=data["material_language"],
        link=data.get("link") or "",
    )
    if data.get("file"):
        # For the reviewers only until the page is published (see release_documents).
        document = get_document_model().objects.create(
            title=data["title"],
            file=data["file"],
            collection=review_collection(),
            uploaded_by_user=user,
        )
        ResourceDocument.objects.create(page=page, document=document)
    page.save_revision(user=user)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user)
    return page


def release_documents(sender, instance, **kwargs):
    """When a resource page is published, its files still in review go to the members'
    collection: members may read them from then on."""
    review = Collection.objects.filter(name=REVIEW_COLLECTION).first()
    if review is None:
        return
    documents = instance.documents.filter(document__collection=review)
    get_document_model().objects.filter(
        pk__in=documents.values_list("document_id", flat=True)
    ).update(collection=members_collection())


def tell_the_member(user, page):
    """In the member's language, the site's name before the subject, like every email of
    the site; it leaves through the outbox (settings.EMAIL_BACKEND), with the page saved."""
    with translation.override(user.language):
        send_mail(
            subject=f"[{settings.SITE_NAME}] "
            + gettext("Your resource is in review: %(title)s") % {"title": page.title},
            message=render_to_string(
                "cms/email/resource_shared.txt", {"page": page, "site_name": settings.SITE_NAME}
            ),
            from_email=None,
            recipient_list=[user.email],
        )


def learning_to_resource(request, pk):
    """The workspace's learnings (community.Learning) become members' resources in one
    step: a page in the resource library, restricted to members, published when the
    person may publish there, then opened in the editor to be completed."""
    learning = get_object_or_404(apps.get_model("community", "Learning"), pk=pk)
    library = ResourceIndexPage.objects.live().filter(locale=Locale.get_default()).first()
    if (
        not request.user.has_perm("community.change_learning")
        or library is None
        or not library.permissions_for_user(request.user).can_add_subpage()
    ):
        raise PermissionDenied
    if learning.resource_id is not None:
        messages.info(request, gettext("This learning is a resource already."))
        return redirect("wagtailadmin_pages:edit", learning.resource_id)
    if request.method == "POST":
        page = resource_from_learning(learning, library, request.user)
        if page.live:
            message = gettext("“%(title)s” is published for members. Complete it here if you wish.")
        else:
            message = gettext("“%(title)s” is saved as a draft for members, to be published.")
        messages.success(request, message % {"title": page.title})
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request, "cms/admin/learning_to_resource.html", {"learning": learning, "library": library}
    )


@transaction.atomic
def resource_from_learning(learning, library, user):
    learning = type(learning).objects.select_for_update().get(pk=learning.pk)
    if learning.resource_id is not None:  # the same request twice at once: one page
        return learning.resource
    page = add_draft(
        library,
        user,
        title=learning.title,
        summary=learning.text,
        topic=learning.topic,
        kind=ResourceKind.GUIDE,
    )
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name__in=MEMBER_GROUPS))
    revision = page.save_revision(user=user)
    if page.permissions_for_user(user).can_publish():
        revision.publish(user=user)
        page.refresh_from_db()
    type(learning).objects.filter(pk=learning.pk).update(resource=page)
    return page
