"""The staff find the emails whose last try failed and try them again, in a real browser,
on a phone and on a desk."""

from django.utils import timezone

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import expect

from community.forums import rules as forums
from tests.community.helpers import failed_delivery
from tests.conftest import PASSWORD


@pytest.mark.parametrize("width", [390, 1280])
def test_the_staff_try_a_failed_email_again(
    page, editor, member, member_factory, topic_factory, axe, width, mailoutbox
):
    topic = topic_factory(title="Tournée partagée", posts=[(member, "Qui a un camion ?")])
    forums.follow(member_factory(), topic=topic)
    post = topic.posts.get()
    failed_delivery(
        post,
        finished_at=timezone.now(),
        traceback="Traceback...\nDeliveryFailed: ConnectionRefusedError: [Errno 111] Connection refused",
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/admin/")
    page.get_by_label("E-mail").fill(editor.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.goto("/admin/failed-emails/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Courriels en échec")
    expect(page.get_by_role("heading", name="Tournée partagée")).to_be_visible()
    expect(page.get_by_text("1 destinataire")).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    axe(page)
    page.screenshot(path=f"/tmp/shots/failed-emails-{width}.png", full_page=True)  # noqa: S108

    page.get_by_role("button", name="Réessayer").click()
    expect(page.get_by_text("Il sera retenté dans un instant")).to_be_visible()
    expect(page.get_by_text("Aucun courriel en échec : tous sont partis.")).to_be_visible()
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()
