"""The Members group follows approved memberships of approved organisations."""

from django.db.models.signals import post_delete, post_save

from .models import Membership, Organisation
from .rules import sync_members_group


def sync_membership_group(sender, instance, **kwargs):
    """However a membership changes (approval, an editor's suspension in the admin),
    the person's place in the Members group follows."""
    sync_members_group(instance.user)


def sync_organisation_groups(sender, instance, **kwargs):
    for membership in instance.memberships.select_related("user"):
        sync_members_group(membership.user)


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
