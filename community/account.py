"""A person's own account: what the site holds about them, as a file, and leaving."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from . import registration as registrations
from .models import Registration


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=gettext_lazy("Your password"), widget=forms.PasswordInput)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError(gettext_lazy("This is not your password."))
        return self.cleaned_data["password"]


@login_required
def account(request):
    user = request.user
    form = DeleteAccountForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        delete_account(user)
        logout(request)
        messages.success(
            request, _("Your account is deleted. Thank you for taking part in the network.")
        )
        return redirect("wagtail_serve", "")
    context = {
        "memberships": user.memberships.select_related("organisation"),
        "registrations": user.registrations.exclude(
            status=Registration.Status.CANCELLED
        ).select_related("event"),
        "form": form,
    }
    return render(request, "community/account.html", context)


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
    to it (memberships, registrations, email addresses) are deleted."""
    for registration in user.registrations.exclude(status=Registration.Status.CANCELLED):
        registrations.cancel(registration)
    user.delete()
