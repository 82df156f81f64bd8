from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    """The network's staff keep the workspace: interactions, follow-ups, outcomes, learnings."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="community",
        content_type__model__in=["interaction", "followup", "outcome", "learning"],
    )
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [("community", "0021_workspace"), ("wagtailcore", "0002_initial_data")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
