"""Projects' pages, in the community: namespace (see community.urls)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path(_("projects/"), views.project_list, name="project_list"),
    path(_("projects/<int:pk>/"), views.project_detail, name="project_detail"),
    path(_("projects/<int:pk>/report/"), views.project_report, name="project_report"),
    path(
        _("projects/<int:pk>/work-packages/new/"),
        views.work_package_create,
        name="work_package_create",
    ),
    path(_("projects/work-packages/<int:pk>/"), views.work_package_edit, name="work_package_edit"),
    path(
        _("projects/work-packages/<int:pk>/actions/new/"),
        views.action_create,
        name="project_action_create",
    ),
    path(_("projects/actions/<int:pk>/"), views.action_edit, name="project_action_edit"),
    path(
        _("projects/actions/<int:pk>/deliverables/new/"),
        views.deliverable_create,
        name="deliverable_create",
    ),
    path(_("projects/deliverables/<int:pk>/"), views.deliverable_edit, name="deliverable_edit"),
]
