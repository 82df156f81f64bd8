from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_members_group(apps, schema_editor):
    """Approved members belong to "Members", which may register for members-only
    events; network staff (Editors, Moderators) may too."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    attend = Permission.objects.get(content_type__app_label="community", codename="attend_members_events")
    Group.objects.get_or_create(name="Members")[0].permissions.add(attend)
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(attend)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0002_registration"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(create_members_group, migrations.RunPython.noop)]
