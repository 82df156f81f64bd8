"""The community in the Wagtail admin. Each subject's screens are in its admin module
(community.<subject>.admin); this module only registers them with Wagtail."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from .events import admin as events
from .figures import admin as figures
from .forums import admin as forums
from .needs import admin as needs
from .organisations import admin as organisations
from .outbox import admin as outbox
from .surplus import admin as surplus
from .workspace import admin as workspace


class CommunityGroup(ModelAdminGroup):
    menu_label = _("Community")
    menu_icon = "group"
    menu_order = 250
    items = (
        organisations.OrganisationAdmin,
        organisations.MembershipAdmin,
        events.RegistrationAdmin,
        needs.NeedAdmin,
        surplus.SurplusLotAdmin,
        forums.ForumCategoryAdmin,
    )


modeladmin_register(workspace.WorkspaceGroup)
modeladmin_register(CommunityGroup)


@hooks.register("register_admin_urls")
def register_community_admin_urls():
    return [*figures.urls, *events.urls, *organisations.urls, *workspace.urls, *outbox.urls]


@hooks.register("construct_homepage_panels")
def add_follow_ups_panel(request, panels):
    workspace.add_follow_ups_panel(request, panels)


@hooks.register("register_admin_menu_item")
def register_reported_posts_menu_item():
    return forums.menu_item()


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return figures.menu_item()


@hooks.register("register_admin_menu_item")
def register_failed_emails_menu_item():
    return outbox.menu_item()
