"""The staff's figures on a phone: each chart fits the screen, its words stay readable."""

from tests.community.helpers import make_need
from tests.conftest import PASSWORD


def test_the_dashboard_charts_are_readable_on_a_phone(page, editor, board, axe):
    make_need(board)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/admin/")
    page.get_by_label("E-mail").fill(editor.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.goto("/admin/network-figures/")
    chart = page.locator("section[aria-labelledby='section-needs_posted'] svg")
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # the whole chart on the screen
    value = chart.locator(".bar-chart__value").last  # this month's: 1
    assert value.text_content() == "1"
    assert value.bounding_box()["height"] >= 10  # pixels: as readable as the table's text
    axe(page)
