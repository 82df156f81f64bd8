from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    """Members may share resources from the site (they go to review first)."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    share = Permission.objects.get(content_type__app_label="cms", codename="share_resource")
    for group in Group.objects.filter(name__in=["Members", "Editors", "Moderators"]):
        group.permissions.add(share)


class Migration(migrations.Migration):
    dependencies = [("cms", "0005_resources_funding_carte"), ("community", "0003_members_group")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
