"""Who may do what, in one place: who is a member of the network or of an organisation,
who acts for a producer, who administers an organisation, who is staff; the people each
kind of email goes to; and the view decorators built on them. Views, rules and email
lists ask here, never the models or the groups directly.

Registration emails have no rule of their own: they go to the person registered.

"Staff" is one rule, is_network_staff: the active accounts in the Editors or Moderators
group, and superusers. A permission given to someone directly makes nobody staff, and an
inactive account is nobody's staff. The names callers ask by (is_board_staff,
can_moderate...) are that one rule: the product does not tell Editors from Moderators in
anything of ours (they differ only in Wagtail's own page permissions: who publishes).
Inside the admin, our buttons and actions also ask Django's permission for the action,
as Wagtail's own views do; the staff groups hold every one of them and superusers pass
them all, so for staff the two agree.
"""

from functools import wraps

from django.apps import apps as global_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.management import create_permissions
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q

from directory.models import Producer

from .models import ForumCategory, Membership, Organisation, Partner, Project, ProjectGroup

# The groups that stand for members and staff, for Django permissions and page privacy
# (cms keeps its own copy: it may not import community). community.organisations.signals keeps the
# Members group equal to is_network_member, for what reads groups outside this module
# (Wagtail's page and document privacy, cms's sharing). Nothing here reads the Members
# group: a QuerySet.update() of memberships or organisations skips the signals and may
# leave it stale, and the person is then still no member for every rule and email below.
MEMBERS_GROUP = "Members"
STAFF_GROUPS = ["Editors", "Moderators"]  # a list, as in FollowUp.assigned_to's migration
# is_network_staff as a filter on active accounts.
STAFF_ACCOUNTS = Q(groups__name__in=STAFF_GROUPS) | Q(is_superuser=True)


def _all(app_label, *models):
    return [
        f"{app_label}.{action}_{model}"
        for model in models
        for action in ("add", "change", "delete", "view")
    ]


# The permissions of our apps each group holds, as "app_label.codename": the one
# declaration, given back to the groups on every migrate (grant_group_permissions). The
# migrations that first granted them stay as history; tests/community/test_groups.py
# checks they grant exactly this. Wagtail's own (opening the admin, pages, documents,
# images) are Wagtail's, from its migrations and the admin's Groups screen.
MEMBER_PERMISSIONS = [
    "community.attend_members_events",
    "cms.share_resource",  # shared resources wait for review first
]
STAFF_PERMISSIONS = [
    *MEMBER_PERMISSIONS,
    # Registrations: seen, marked, exported, cancelled, moved.
    "community.view_registration",
    "community.change_registration",
    # Organisations approved, memberships managed (and suspended).
    "community.view_organisation",
    "community.change_organisation",
    "community.view_membership",
    "community.change_membership",
    # The forums' categories, and moderation.
    *_all("community", "forumcategory"),
    "community.moderate_forum",
    # The boards: every need and answer, lot and claim.
    "community.view_need",
    "community.change_need",
    "community.view_answer",
    "community.view_surpluslot",
    "community.view_claim",
    # The workspace.
    *_all("community", "interaction", "followup", "outcome", "learning"),
    # Projects: created with their partners and funders, their plans kept.
    *_all("community", "project", "partner", "funder", "workpackage", "action", "deliverable"),
    # The directory.
    *_all(
        "directory",
        "producer",
        "offer",
        "product",
        "category",
        "priceobservation",
        "area",
        "certification",
    ),
]
GROUP_PERMISSIONS = {
    MEMBERS_GROUP: MEMBER_PERMISSIONS,
    # Editors and Moderators hold the same: the product does not tell them apart.
    **dict.fromkeys(STAFF_GROUPS, STAFF_PERMISSIONS),
}


def grant_group_permissions(sender, using="default", apps=global_apps, **kwargs):
    """After every migrate, each group holds what GROUP_PERMISSIONS declares: one
    missing (removed by hand, or a group made again) is given back, and a group missing
    is made. Idempotent.

    It only adds. A permission an editor gave a group in the admin, beyond the
    declaration, stays: a deploy must not silently take back what someone decided there
    (and a permission the product stops needing is removed by a migration of its own,
    which says so)."""
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:  # auth is not migrated yet: nothing to grant
        return
    for label in {name.split(".")[0] for names in GROUP_PERMISSIONS.values() for name in names}:
        # Our apps' permissions exist before they are given, whichever app migrates first.
        create_permissions(global_apps.get_app_config(label), verbosity=0, using=using, apps=apps)
    for group_name, names in GROUP_PERMISSIONS.items():
        group = Group.objects.using(using).get_or_create(name=group_name)[0]
        wanted = {tuple(name.split(".")) for name in names}
        permissions = [
            permission
            for permission in Permission.objects.using(using)
            .filter(
                content_type__app_label__in={label for label, _codename in wanted},
                codename__in={codename for _label, codename in wanted},
            )
            .select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in wanted
        ]
        group.permissions.add(*permissions)


# Members ----------------------------------------------------------------------------------


def approved_memberships():
    """What makes a member: an approved membership (not pending, refused or suspended)
    of an approved organisation."""
    return Membership.objects.filter(
        status=Membership.Status.APPROVED, organisation__status=Organisation.Status.APPROVED
    )


def memberships(user):
    """The person's approved memberships of approved organisations; none for someone
    signed out."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return approved_memberships().filter(user=user)


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
    """Members-only events: the network's members and staff."""
    return is_network_member(user) or is_network_staff(user)


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
    """Its profile: its admins and the staff."""
    return is_organisation_admin(user, organisation) or is_network_staff(user)


def sees_organisation_budget(user, organisation):
    """An organisation's budget is for its members and the staff."""
    return is_member_of(user, organisation) or is_network_staff(user)


# Projects ---------------------------------------------------------------------------------


def project_standing(user, project):
    """(partner, coordinator): whether the person is a member of one of the project's
    partner organisations, and whether an admin of its lead organisation (who coordinates
    it). One query, whatever the number of partners."""
    roles = set(
        memberships(user)
        .filter(organisation__project_partnerships__project=project)
        .values_list("role", "organisation__project_partnerships__role")
    )
    coordinator = (Membership.Role.ADMIN, Partner.Role.LEAD) in roles
    return bool(roles), coordinator


def may_see_project(user, project):
    """A project's page and plan: members of its partner organisations, and the staff."""
    return project_standing(user, project)[0] or is_network_staff(user)


def may_edit_project_plan(user, project):
    """The action plan: the lead organisation's coordinators (its admins) and the staff."""
    return project_standing(user, project)[1] or is_network_staff(user)


def projects_of(user):
    """The projects a person sees: those of their organisations, every one for the staff."""
    if is_network_staff(user):
        return Project.objects.all()
    return Project.objects.filter(
        partners__organisation__in=memberships(user).values("organisation")
    ).distinct()


def may_see_project_group(user, group):
    """A project group's page, its meetings and its forum category: the group's members
    while they are members of one of the project's partners, the project's coordinators
    and the staff."""
    if is_network_staff(user):
        return True
    partner, coordinator = project_standing(user, group.project)
    return coordinator or (partner and group.members.filter(pk=user.pk).exists())


def project_groups_of(user):
    """The groups a person may open (may_see_project_group), as one query."""
    if is_network_staff(user):
        return ProjectGroup.objects.all()
    if not user.is_authenticated:
        return ProjectGroup.objects.none()
    administered = memberships(user).filter(role=Membership.Role.ADMIN).values("organisation")
    led = Partner.objects.filter(role=Partner.Role.LEAD, organisation__in=administered)
    partnered = Partner.objects.filter(organisation__in=memberships(user).values("organisation"))
    joined = ProjectGroup.members.through.objects.filter(user=user).values("projectgroup")
    return ProjectGroup.objects.filter(
        Q(project__in=led.values("project"))
        | Q(project__in=partnered.values("project"), pk__in=joined)
    )


def readable_forum_categories(user):
    """The forum categories a person reads: every one but the project groups' own, which
    only those who may open the group read."""
    return ForumCategory.objects.filter(
        Q(project_group__isnull=True) | Q(project_group__in=project_groups_of(user))
    )


# Staff ------------------------------------------------------------------------------------


def is_network_staff(user):
    """The network's staff: an active account in the Editors or Moderators group, or a
    superuser (Django's is_staff flag is something else, which nothing here reads). The
    answer is kept on the user object, as Django keeps its permissions: a page asking it
    once per post asks the database once."""
    if not (user.is_authenticated and user.is_active):
        return False
    if not hasattr(user, "_network_staff_cache"):
        user._network_staff_cache = (
            user.is_superuser or user.groups.filter(name__in=STAFF_GROUPS).exists()
        )
    return user._network_staff_cache


# What each staff predicate guards, one rule for all: seeing every need, budget, lot,
# claim and commitment and the network's figures; the workspace (timelines, follow-ups,
# triage); reading and moderating the forums, hidden posts included.
is_board_staff = is_workspace_staff = can_moderate = is_network_staff


def is_member_or_staff(user):
    """The members' area: the forums and the boards (needs, surplus, commitments)."""
    return is_network_staff(user) or is_network_member(user)


def sees_organisations(user):
    """The members' directory of the network's organisations."""
    return is_network_member(user) or is_network_staff(user)


# Who is emailed ---------------------------------------------------------------------------


def staff():
    """The active accounts that are staff (is_network_staff): told of new organisations,
    of join requests nobody else can decide, and of posts to review."""
    return get_user_model().objects.filter(is_active=True).filter(STAFF_ACCOUNTS).distinct()


def moderators():
    """Those who moderate the forums: the staff, all of them."""
    return staff()


def members_and_staff():
    """Everyone who may read the forums and the boards today (is_member_or_staff), active:
    by their memberships, not by the Members group (suspended members are not among
    them, nor the members of an organisation no longer approved)."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(pk__in=approved_memberships().values("user")) | STAFF_ACCOUNTS)
        .distinct()
    )


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
staff_required = passes(is_network_staff)
# The moderation views; the workspace's, in the admin behind Wagtail's own sign-in and
# access check.
moderator_required = workspace_staff_required = staff_required


# The account menu -------------------------------------------------------------------------


def account_menu(user):
    """What the header's account menu opens to this person: (the members' area, projects).
    The staff see both; a member sees projects when one of their organisations is a
    project's partner. One query for a member, as is_member_or_staff asks; kept on the
    user object, since every page asks."""
    if not hasattr(user, "_account_menu_cache"):
        if is_network_staff(user):
            user._account_menu_cache = (True, True)
        else:
            partners = list(
                memberships(user)
                .annotate(
                    partner=Exists(Partner.objects.filter(organisation=OuterRef("organisation")))
                )
                .values_list("partner", flat=True)
            )
            user._account_menu_cache = (bool(partners), any(partners))
    return user._account_menu_cache


def project_coordinators(project):
    """Those who coordinate the project: the active, approved admins of its lead
    organisation (while it is approved)."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation__project_partnerships__project=project,
            memberships__organisation__project_partnerships__role=Partner.Role.LEAD,
            memberships__organisation__status=Organisation.Status.APPROVED,
            memberships__role=Membership.Role.ADMIN,
            memberships__status=Membership.Status.APPROVED,
        )
        .distinct()
    )
