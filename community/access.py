"""Who may do what, in one place: who is a member of the network or of an organisation,
who acts for a producer, who administers an organisation, who is staff; the people each
kind of email goes to; and the view decorators built on them. Views, rules and email
lists ask here, never the models or the groups directly.

Registration emails have no rule of their own: they go to the person registered.

"Staff" is not one rule yet. The staff are the Editors and Moderators groups, which hold
every permission below (migrations 0005-0022), so for the site's own accounts the staff
predicates agree; a superuser outside those groups, or a permission given some other way,
passes some and not others. They are kept apart here, each asking what it asked before,
until they are made one.
"""

from functools import wraps

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from directory.models import Producer

from .models import Membership, Organisation

# The groups that stand for members and staff, for Django permissions and page privacy
# (cms keeps its own copy: it may not import community). community.signals keeps the
# Members group equal to is_network_member.
MEMBERS_GROUP = "Members"
STAFF_GROUPS = ["Editors", "Moderators"]  # a list, as in FollowUp.assigned_to's migration

# Members ----------------------------------------------------------------------------------


def memberships(user):
    """The person's approved memberships (not pending, refused or suspended) of approved
    organisations; none for someone signed out."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(
        user=user,
        status=Membership.Status.APPROVED,
        organisation__status=Organisation.Status.APPROVED,
    )


def is_network_member(user):
    """A member of the network: an approved membership of an approved organisation."""
    return memberships(user).exists()


def is_member_of(user, organisation):
    """An approved member of this organisation, which is approved (an object or a pk)."""
    return memberships(user).filter(organisation=organisation).exists()


def buying_organisations(user):
    """The community organisations this person may post needs, claims and commitments
    for: theirs, without a directory entry (not "of kind community")."""
    return Organisation.objects.filter(
        pk__in=memberships(user).values("organisation"), producer__isnull=True
    )


def producers_of(user):
    """The directory entries this person acts for, as a member of a producer's business."""
    return Producer.objects.filter(
        organisation__in=memberships(user).values("organisation")
    ).distinct()


def may_attend_members_events(user):
    """Members-only events: the permission the Members and staff groups hold."""
    return user.has_perm("community.attend_members_events")


# Organisation admins ----------------------------------------------------------------------


def administered_organisations(user):
    """The approved organisations where the person's approved membership is an admin one."""
    return Organisation.objects.filter(
        memberships__user=user,
        memberships__role=Membership.Role.ADMIN,
        memberships__status=Membership.Status.APPROVED,
        status=Organisation.Status.APPROVED,
    )


def is_organisation_admin(user, organisation):
    """An approved admin of the organisation, which is approved (as for
    administered_organisations: a pending or refused organisation has no admin yet)."""
    return administered_organisations(user).filter(pk=organisation.pk).exists()


def may_edit_organisation(user, organisation):
    """Its profile: its admins and those who may change any organisation."""
    return is_organisation_admin(user, organisation) or user.has_perm(
        "community.change_organisation"
    )


def sees_organisation_budget(user, organisation):
    """An organisation's budget is for its members and those who may change it."""
    return is_member_of(user, organisation) or user.has_perm("community.change_organisation")


# Staff ------------------------------------------------------------------------------------


def is_board_staff(user):
    """Sees every need, budget, lot, claim and commitment, and the network's figures."""
    return user.has_perm("community.view_need")


def is_workspace_staff(user):
    """Uses the workspace: timelines, follow-ups, triage."""
    return user.has_perm("community.view_interaction")


def can_moderate(user):
    """Reads and moderates the forums, hidden posts included."""
    return user.is_authenticated and user.has_perm("community.moderate_forum")


def is_member_or_staff(user):
    """The members' area: the forums and the boards (needs, surplus, commitments)."""
    return can_moderate(user) or is_network_member(user)


def sees_organisations(user):
    """The members' directory of the network's organisations."""
    return is_network_member(user) or user.has_perm("community.view_organisation")


# Who is emailed ---------------------------------------------------------------------------


def members_and_staff():
    """Everyone who may read the forums and the boards today, by the groups (suspended
    members are not among them)."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(groups__name=MEMBERS_GROUP) | Q(groups__name__in=STAFF_GROUPS) | Q(is_superuser=True)
        )
        .distinct()
    )


def moderators():
    """Those of members_and_staff() who may moderate the forums."""
    return (
        members_and_staff()
        .filter(
            Q(groups__permissions__codename="moderate_forum")
            | Q(user_permissions__codename="moderate_forum")
            | Q(is_superuser=True)
        )
        .distinct()
    )


def staff():
    """The active accounts in the staff groups (told of new organisations)."""
    return get_user_model().objects.filter(groups__name__in=STAFF_GROUPS, is_active=True).distinct()


def members_of(organisations):
    """Those of members_and_staff() with an approved membership of one of the
    organisations, counting only the approved organisations (as memberships_acting_for)."""
    return members_and_staff().filter(
        memberships__organisation__in=organisations,
        memberships__organisation__status=Organisation.Status.APPROVED,
        memberships__status=Membership.Status.APPROVED,
    )


def memberships_acting_for(producers):
    """The approved memberships, of approved organisations, of the people who may be
    written to for these producers, with the person and the organisation."""
    return Membership.objects.filter(
        organisation__producer__in=producers,
        organisation__status=Organisation.Status.APPROVED,
        status=Membership.Status.APPROVED,
        user__in=members_and_staff(),
    ).select_related("user", "organisation")


def admins_of(organisation):
    """The organisation's approved admins, who decide who joins it."""
    return [
        membership.user
        for membership in organisation.memberships.filter(
            role=Membership.Role.ADMIN, status=Membership.Status.APPROVED
        )
    ]


# View decorators --------------------------------------------------------------------------


def passes(test):
    """A view for signed-in people who pass test(user); others are turned away (403).
    Someone signed out is sent to sign in first."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not test(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


member_or_staff_required = passes(is_member_or_staff)
moderator_required = passes(can_moderate)
# The workspace is in the admin, behind Wagtail's own sign-in and access check.
workspace_staff_required = passes(is_workspace_staff)
