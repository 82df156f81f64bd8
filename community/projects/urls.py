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
    path(
        _("projects/<int:pk>/commitments/new/"),
        views.commitment_create,
        name="project_commitment_create",
    ),
    path(
        _("projects/commitments/<int:pk>/"),
        views.commitment_edit,
        name="project_commitment_edit",
    ),
    path(
        _("projects/commitments/<int:pk>/delivered/"),
        views.delivery_create,
        name="project_delivery_create",
    ),
    path(
        _("projects/commitments/<int:pk>/delete/"),
        views.commitment_delete,
        name="project_commitment_delete",
    ),
    path(
        _("projects/delivered/<int:pk>/delete/"),
        views.delivery_delete,
        name="project_delivery_delete",
    ),
    path(
        _("projects/work-packages/<int:pk>/delete/"),
        views.work_package_delete,
        name="work_package_delete",
    ),
    path(
        _("projects/actions/<int:pk>/delete/"),
        views.action_delete,
        name="project_action_delete",
    ),
    path(
        _("projects/deliverables/<int:pk>/delete/"),
        views.deliverable_delete,
        name="deliverable_delete",
    ),
]

urlpatterns += [
    path(_("projects/<int:pk>/groups/new/"), views.group_create, name="project_group_create"),
    path(_("projects/groups/<int:pk>/"), views.group_detail, name="project_group"),
    path(_("projects/groups/<int:pk>/edit/"), views.group_edit, name="project_group_edit"),
    path(_("projects/groups/<int:pk>/meetings/new/"), views.meeting_create, name="meeting_create"),
    path(_("projects/meetings/<int:pk>/"), views.meeting_detail, name="meeting_detail"),
    path(_("projects/meetings/<int:pk>/agenda/"), views.meeting_agenda, name="meeting_agenda"),
    path(_("projects/meetings/<int:pk>/minutes/"), views.meeting_minutes, name="meeting_minutes"),
    path(
        _("projects/meetings/<int:pk>/attendance/"),
        views.meeting_attendance,
        name="meeting_attendance",
    ),
]
