"""The directory's admin list, read by the staff at a desk."""

from playwright.sync_api import expect

from tests.conftest import PASSWORD

# Each word of the name laid out in one piece (a line may break after a hyphen).
WORDS_WHOLE = """(element) => {
    const text = element.firstChild;
    const range = document.createRange();
    for (const word of text.textContent.matchAll(/[^\\s-]+/g)) {
        range.setStart(text, word.index);
        range.setEnd(text, word.index + word[0].length);
        if (range.getClientRects().length > 1) return false;
    }
    return true;
}"""


def test_the_entries_list_keeps_names_readable_at_1280_px(
    page, editor, producer_factory, area_factory, axe
):
    area = area_factory("Côte-des-Neiges–Notre-Dame-de-Grâce")
    producer_factory(
        "Ferme maraîchère biologique des Jardins de la Rivière-Châteauguay",
        area=area,
        city="Sainte-Martine-de-Beauharnois",
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/admin/")
    page.get_by_label("E-mail").fill(editor.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.goto("/admin/directory/producer/")
    name = page.get_by_role(
        "link", name="Ferme maraîchère biologique des Jardins", exact=False
    ).first
    expect(name).to_be_visible()
    page.screenshot(path="/tmp/shots/admin-entries-1280.png", full_page=True)  # noqa: S108
    cell = name.locator("xpath=ancestor::td[1]")
    assert cell.bounding_box()["width"] >= 240, "the name column is squeezed"
    assert name.evaluate(WORDS_WHOLE), "a word of the name is broken across lines"
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    axe(page)
