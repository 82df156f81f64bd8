"""A person's own account: what the site holds about them, as a file, and leaving."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..events import rules as registrations
from ..models import Registration
from .forms import DeleteAccountForm, NotificationPreferencesForm


@login_required
def account(request):
    user = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    preferences = NotificationPreferencesForm(
        request.POST if action == "preferences" else None, instance=user
    )
    form = DeleteAccountForm(user, request.POST if action == "delete" else None)
    if action == "preferences" and preferences.is_valid():
        preferences.save()
        messages.success(request, _("Your preferences are saved."))
        return redirect("community:account")
    if action == "delete" and form.is_valid():
        delete_account(user)
        logout(request)
        messages.success(
            request, _("Your account is deleted. Thank you for taking part in the network.")
        )
        return redirect("wagtail_serve", "")
    context = {
        "memberships": user.memberships.select_related("organisation"),
        "registrations": user.registrations.with_waitlist_position()
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event"),
        "form": form,
        "preferences": preferences,
    }
    return render(request, "community/accounts/account.html", context)


@require_GET
@login_required
def account_data(request):
    """Everything the site holds about the person, as JSON."""
    user = request.user
    data = {
        "exported_at": timezone.now(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "language": user.language,
            "forum_emails": user.forum_emails,
        },
        "email_addresses": list(user.emailaddress_set.values("email", "verified", "primary")),
        "memberships": [
            {
                "organisation": m.organisation.name,
                "role": m.role,
                "status": m.status,
                "asked_on": m.created_at,
            }
            for m in user.memberships.select_related("organisation")
        ],
        "registrations": [
            {
                "event": r.event.title,
                "starts_at": r.event.starts_at,
                "status": r.status,
                "answers": r.answers,
                "registered_at": r.created_at,
            }
            for r in user.registrations.select_related("event")
        ],
        "forum_posts": [
            {
                "topic": p.topic.title,
                "message": p.body,
                "posted_at": p.created_at,
                "edited_at": p.edited_at,
            }
            for p in user.forum_posts.select_related("topic")
        ],
        "forum_subscriptions": [
            {"topic": s.topic.title} if s.topic else {"category": s.category.name_fr}
            for s in user.forum_subscriptions.select_related("topic", "category")
        ],
    }
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json",
    )
    response["Content-Disposition"] = 'attachment; filename="mes-donnees.json"'
    return response


@transaction.atomic
def delete_account(user):
    """Seats the person held go to those waiting, then the account and what belongs only
    to it (memberships, registrations, email addresses, subscriptions) are deleted. Forum
    posts stay, signed "former member", so that conversations still make sense."""
    for registration in user.registrations.exclude(status=Registration.Status.CANCELLED):
        registrations.cancel(registration)
    user.delete()
