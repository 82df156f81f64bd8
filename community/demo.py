"""Demo accounts. Their passwords are in the README, so load_demo_content refuses to run
with DEBUG off."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from allauth.account.models import EmailAddress

from directory.models import Area

from .models import Membership, Organisation

DEMO_ACCOUNTS = [
    # (email, password, first name, last name, groups: network staff write and publish)
    (
        "editrice@salim.example",
        "demo-editrice-2026",
        "Camille",
        "Tremblay",
        ["Editors", "Moderators"],
    ),
    ("membre@salim.example", "demo-membre-2026", "Alex", "Gagnon", ["Members"]),
]


def load(stdout, style):
    User = get_user_model()
    for email, password, first_name, last_name, group_names in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "username": email.split("@")[0],
                "first_name": first_name,
                "last_name": last_name,
            },
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(*Group.objects.filter(name__in=group_names))
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if created:
            stdout.write(style.SUCCESS(f"Account {email} (password: {password})"))
    load_organisation()


def load_organisation(member_email="membre@salim.example"):
    """The demo member belongs to an approved organisation, as real members do."""
    User = get_user_model()
    member = User.objects.filter(email=member_email).first()
    organisation, _created = Organisation.objects.get_or_create(
        name="Cuisine collective de Verdun",
        defaults={
            "kind": Organisation.Kind.COMMUNITY_KITCHEN,
            "status": Organisation.Status.APPROVED,
            "borough": Area.objects.filter(slug="verdun").first(),
        },
    )
    if member is not None:
        Membership.objects.get_or_create(
            user=member,
            organisation=organisation,
            defaults={"role": Membership.Role.ADMIN, "status": Membership.Status.APPROVED},
        )
