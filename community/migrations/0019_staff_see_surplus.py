from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    """Network staff see every surplus lot and claim."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="community",
        codename__in=[
            "view_surpluslot",
            "view_claim",
        ],
    )
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [("community", "0018_surplus_lots"), ("wagtailcore", "0002_initial_data")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
