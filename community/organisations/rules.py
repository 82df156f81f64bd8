"""Belonging to the network: proposing an organisation, asking to join one, and the
approvals that make a person a member (the "Members" group follows approved memberships)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import access
from ..emails import compose, send_after_commit
from .models import Membership, Organisation


class MembershipRefused(Exception):
    """Why a request cannot be taken, in words for the person."""


def sync_members_group(user):
    """In the Members group exactly while the person has an approved membership."""
    group, _created = Group.objects.get_or_create(name=access.MEMBERS_GROUP)
    if access.is_network_member(user):
        user.groups.add(group)
    else:
        user.groups.remove(group)


def _tell(recipients, template, organisation, person=None):
    """Once committed, each recipient is written community/organisations/email/<template>
    about the organisation (and the person whose request it is), in their own language,
    not in the language of the person whose action it is (the three steps of belonging
    share it)."""
    send_after_commit(
        f"{template} about organisation {organisation.pk}",
        _write,
        [user.pk for user in recipients],
        template,
        organisation.pk,
        person.pk if person else None,
    )


def _write(recipient_ids, template, organisation_id, person_id):
    users = get_user_model().objects
    context = {"organisation": Organisation.objects.get(pk=organisation_id)}
    if person_id is not None:
        context["person"] = users.get(pk=person_id)
    return [
        compose(user, f"community/organisations/email/{template}", context)
        for user in users.filter(pk__in=recipient_ids).exclude(email="")
    ]


@transaction.atomic
def propose_organisation(user, name, kind, borough=None, website=""):
    name = " ".join(name.split())
    if Organisation.objects.annotate(lower=Lower("name")).filter(lower=name.lower()).exists():
        raise MembershipRefused(
            _("An organisation with this name is already on the site: ask to join it instead.")
        )
    try:
        with transaction.atomic():
            organisation = Organisation.objects.create(
                name=name, kind=kind, borough=borough, website=website, created_by=user
            )
    except IntegrityError as error:  # the same name proposed at the same instant
        raise MembershipRefused(
            _("An organisation with this name is already on the site: ask to join it instead.")
        ) from error
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.ADMIN)
    _tell(access.staff(), "organisation_proposed", organisation, person=user)
    return organisation


@transaction.atomic
def ask_to_join(user, organisation):
    if organisation.status != Organisation.Status.APPROVED:
        raise MembershipRefused(_("This organisation is not open to requests yet."))
    existing = Membership.objects.filter(user=user, organisation=organisation).first()
    if existing is not None:
        raise MembershipRefused(
            _("You already asked to join this organisation (%(status)s).")
            % {"status": existing.get_status_display()}
        )
    membership = Membership.objects.create(user=user, organisation=organisation)
    admins = access.admins_of(organisation)
    _tell(admins or access.staff(), "membership_requested", organisation, person=user)
    return membership


@transaction.atomic
def approve_organisation(organisation):
    organisation.status = Organisation.Status.APPROVED
    organisation.save(update_fields=["status"])
    for membership in organisation.memberships.filter(
        status=Membership.Status.PENDING, role=Membership.Role.ADMIN
    ):
        decide(membership, approve=True)


@transaction.atomic
def decide(membership, approve):
    membership.status = Membership.Status.APPROVED if approve else Membership.Status.REFUSED
    membership.decided_at = timezone.now()
    # Saving is enough: community.organisations.signals keeps the Members group in step.
    membership.save(update_fields=["status", "decided_at"])
    template = "membership_approved" if approve else "membership_refused"
    _tell([membership.user], template, membership.organisation)
    return membership
