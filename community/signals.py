"""What follows from a change elsewhere: registered people are told when an event they
registered for changes, the Members group follows memberships, and after a migrate the
groups hold their declared permissions."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db.models.signals import post_delete, post_migrate, post_save

from wagtail.signals import page_published

from . import access
from .emails import CANCELLED, RESCHEDULED, send_registration_email
from .membership import sync_members_group
from .models import EventSchedule, Membership, Organisation, Registration


def announce_schedule_change(sender, instance, **kwargs):
    """When a new date or a cancellation is published, email every active registration
    once. The first publication only records the schedule."""
    event = instance
    schedule, created = EventSchedule.objects.get_or_create(
        event=event,
        defaults={
            "starts_at": event.starts_at,
            "ends_at": event.ends_at,
            "cancelled": event.cancelled,
        },
    )
    if created:
        return
    rescheduled = (schedule.starts_at, schedule.ends_at) != (event.starts_at, event.ends_at)
    newly_cancelled = event.cancelled and not schedule.cancelled
    schedule.starts_at, schedule.ends_at, schedule.cancelled = (
        event.starts_at,
        event.ends_at,
        event.cancelled,
    )
    schedule.save()
    if not (rescheduled or newly_cancelled):
        return
    active = Registration.objects.filter(event=event).exclude(status=Registration.Status.CANCELLED)
    if rescheduled:
        active.update(reminded_at=None)  # the reminder is due again before the new date
    template = CANCELLED if newly_cancelled else RESCHEDULED
    for registration in active.select_related("user", "event"):
        send_registration_email(registration, template)


def sync_membership_group(sender, instance, **kwargs):
    """However a membership changes (approval, an editor's suspension in the admin),
    the person's place in the Members group follows."""
    sync_members_group(instance.user)


def sync_organisation_groups(sender, instance, **kwargs):
    for membership in instance.memberships.select_related("user"):
        sync_members_group(membership.user)


def grant_group_permissions(sender, using="default", apps=global_apps, **kwargs):
    """After every migrate, each group holds what access.GROUP_PERMISSIONS declares: one
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
    for label in {
        name.split(".")[0] for names in access.GROUP_PERMISSIONS.values() for name in names
    }:
        # Our apps' permissions exist before they are given, whichever app migrates first.
        create_permissions(global_apps.get_app_config(label), verbosity=0, using=using, apps=apps)
    for group_name, names in access.GROUP_PERMISSIONS.items():
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


def connect():
    post_save.connect(
        sync_membership_group, sender=Membership, dispatch_uid="community-membership-group"
    )
    post_delete.connect(
        sync_membership_group, sender=Membership, dispatch_uid="community-membership-group-delete"
    )
    post_save.connect(
        sync_organisation_groups, sender=Organisation, dispatch_uid="community-organisation-groups"
    )
    post_migrate.connect(
        grant_group_permissions,
        sender=global_apps.get_app_config("community"),
        dispatch_uid="community-group-permissions",
    )
    page_published.connect(
        announce_schedule_change,
        sender=global_apps.get_model("cms", "EventPage"),
        dispatch_uid="community-announce-schedule-change",
    )
