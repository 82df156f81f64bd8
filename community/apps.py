from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import access, exports, versions
        from .events import signals as event_signals
        from .organisations import signals as organisation_signals

        organisation_signals.connect()
        event_signals.connect()
        versions.connect()
        post_migrate.connect(
            access.grant_group_permissions, sender=self, dispatch_uid="community-group-permissions"
        )
        exports.guard_wagtail_exports()
