"""The community in the Wagtail admin. Each subject's screens are in its admin module
(community.<subject>.admin); this module only registers them with Wagtail."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.models import BaseViewRestriction
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from .events import admin as events
from .figures import admin as figures
from .forums import admin as forums
from .needs import admin as needs
from .organisations import admin as organisations
from .organisations.views import refused
from .outbox import admin as outbox
from .price_requests import admin as price_requests
from .projects import admin as projects
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
        projects.ProjectAdmin,
    )


modeladmin_register(workspace.WorkspaceGroup)
modeladmin_register(CommunityGroup)


@hooks.register("register_admin_urls")
def register_community_admin_urls():
    return [
        *figures.urls,
        *events.urls,
        *organisations.urls,
        *workspace.urls,
        *outbox.urls,
        *price_requests.urls,
    ]


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
def register_price_requests_menu_item():
    return price_requests.menu_item()


@hooks.register("register_admin_menu_item")
def register_failed_emails_menu_item():
    return outbox.menu_item()


# Members-only pages and files. Wagtail sends anyone its privacy turns away to the sign-in
# page (WAGTAIL_FRONTEND_LOGIN_URL: the site's), even someone signed in already, who would
# only see the sign-in form again. Before Wagtail's own check (order -1), someone signed in
# gets the site's refusal, which tells a non-member how to join. Password restrictions
# stay Wagtail's.
def _refusal_for_signed_in(request, restrictions_of):
    if not request.user.is_authenticated:
        return None  # Wagtail sends them to sign in (nor are the restrictions read twice)
    for restriction in _read_once(restrictions_of):
        if restriction.restriction_type == BaseViewRestriction.PASSWORD:
            continue
        if not restriction.accept_request(request):
            return refused(request)
    return None


def _read_once(restrictions_of):
    """The page's or collection's view restrictions, read from the database once: Wagtail's
    own check, which runs next on the same object, gets the same list."""
    restrictions = list(restrictions_of.get_view_restrictions())
    restrictions_of.get_view_restrictions = lambda: restrictions
    return restrictions


@hooks.register("before_serve_page", order=-1)
def refuse_private_page_kindly(page, request, serve_args, serve_kwargs):
    return _refusal_for_signed_in(request, page)


@hooks.register("before_serve_document", order=-1)
def refuse_private_document_kindly(document, request):
    return _refusal_for_signed_in(request, document.collection)
