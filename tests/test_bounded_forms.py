"""Every repeated part of an admin form (Wagtail's InlinePanel) takes a bounded number of
items, and a tampered form count builds no more forms than that."""

from django.apps import apps
from django.core.exceptions import SuspiciousOperation

from wagtail.admin.panels import InlinePanel, ObjectList

import pytest

from cms.models import EventPage
from directory.bounds import BoundedInlinePanel


def inline_panels(panel):
    if isinstance(panel, InlinePanel):
        yield panel
    for child in getattr(panel, "children", ()):
        yield from inline_panels(child)


def edit_handlers():
    for model in apps.get_models():
        if model._meta.app_label not in ("cms", "community", "directory"):
            continue
        if "get_edit_handler" in dir(model):
            yield model, model.get_edit_handler()
        elif hasattr(model, "panels"):
            yield model, ObjectList(model.panels).bind_to_model(model)


def test_every_inline_panel_of_ours_is_bounded():
    panels = [(m, p) for m, handler in edit_handlers() for p in inline_panels(handler)]
    assert len(panels) >= 8  # the sweep finds them
    unbounded = [
        f"{model.__name__}.{panel.relation_name}"
        for model, panel in panels
        if not isinstance(panel, BoundedInlinePanel)
    ]
    assert not unbounded


def test_a_tampered_form_count_builds_no_more_forms_than_the_bound(db):
    formset_class = EventPage.get_edit_handler().get_form_class().formsets["questions"]
    data = {"questions-TOTAL_FORMS": "100000", "questions-INITIAL_FORMS": "0"}
    with pytest.raises(SuspiciousOperation):  # the 400 page
        formset_class(data, instance=EventPage(), prefix="questions")
    data["questions-TOTAL_FORMS"] = "30"
    formset = formset_class(data, instance=EventPage(), prefix="questions")
    assert len(formset.forms) == formset.max_num == 30


def test_a_tampered_row_id_is_a_tampered_form_not_a_server_error(db):
    formset_class = EventPage.get_edit_handler().get_form_class().formsets["questions"]
    data = {
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "1",
        "questions-0-id": "abc",
        "questions-0-label": "Allergies",
    }
    formset = formset_class(data, instance=EventPage(), prefix="questions")
    with pytest.raises(SuspiciousOperation):  # the 400 page
        formset.forms  # noqa: B018 (the forms are built when first read)
