"""Demo accounts. Their passwords are in the README, so load_demo_content refuses to run
with DEBUG off."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from allauth.account.models import EmailAddress

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
