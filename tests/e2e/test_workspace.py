"""The procurement specialist logs a farm visit and sets a follow-up, in a real browser."""

from datetime import timedelta

from django.utils import timezone

from playwright.sync_api import expect

from tests.conftest import PASSWORD


def test_the_specialist_logs_a_visit_and_sets_a_follow_up(page, editor, board, axe):
    page.goto("/admin/")
    page.get_by_label("E-mail").fill(editor.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.goto("/admin/workspace/")
    page.get_by_label("Nom d’un producteur ou d’un organisme").fill("lebeau")
    page.locator("#main").get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="Ferme Lebeau", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Historique")
    axe(page)

    page.get_by_role("link", name="Consigner un échange").click()
    page.get_by_role("combobox", name="Type").select_option(label="visite de ferme")
    page.get_by_role("textbox", name="Personnes").fill("Julie Lebeau")
    page.get_by_role("textbox", name="Notes").fill(
        "Plan de culture 2027 : plus de carottes de garde."
    )
    due = timezone.localdate() + timedelta(days=21)
    page.get_by_role("textbox", name="Suivi à faire").fill("Rappeler après le plan de culture")
    page.get_by_role("textbox", name="Suivi prévu le").fill(due.isoformat())
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_role("link", name="Visite de ferme", exact=True)).to_be_visible()
    expect(page.get_by_text("Plan de culture 2027 : plus de carottes de garde.")).to_be_visible()
    expect(
        page.get_by_role("link", name="Rappeler après le plan de culture", exact=True)
    ).to_be_visible()
    # Wagtail's confirmation fades in: check the colours once it has.
    page.locator(".messages").evaluate(
        "messages => Promise.all(messages.getAnimations({subtree: true}).map(a => a.finished))"
    )
    axe(page)

    page.goto("/admin/workspace/follow-ups/")
    expect(page.get_by_role("heading", name="Plus tard (1)")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Fait").click()
    expect(page.get_by_text("« Rappeler après le plan de culture » est fait.")).to_be_visible()
    expect(page.get_by_text("Aucun suivi à faire.")).to_be_visible()
