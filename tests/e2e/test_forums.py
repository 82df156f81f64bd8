"""A member reads a topic in the forums and posts a reply, in a real browser."""

import re

from playwright.sync_api import expect

from tests.conftest import PASSWORD


def test_member_replies_to_a_topic(page, home_pages, member_factory, topic_factory, axe):
    writer = member_factory(first_name="Sam")
    topic = topic_factory(
        title="Carottes de conservation", posts=[(writer, "Qui a des **carottes** en mars ?")]
    )
    reader = member_factory(email="alex@verdun.example", first_name="Alex")
    page.goto("/fr/comptes/login/")
    page.get_by_label("E-mail").fill(reader.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.get_by_role("link", name="Forums").first.click()
    page.get_by_role("link", name=topic.category.name_fr).click()
    expect(page.get_by_text("Nouveau")).to_be_visible()
    page.get_by_role("link", name="Carottes de conservation").click()
    expect(page.locator(".post__body strong")).to_have_text("carottes")
    axe(page)
    page.get_by_role("link", name="Citer").click()
    reply = page.get_by_label("Votre message")
    expect(reply).to_have_value(re.compile(r"^> \*\*Sam\*\*:"))
    reply.press("End")
    reply.type("Nous en avons, à Verdun.")
    page.get_by_role("button", name="Publier ma réponse").click()
    expect(page.get_by_role("status")).to_contain_text("Votre réponse est publiée.")
    last = page.locator("article.post").last
    expect(last.locator("blockquote")).to_contain_text("Qui a des carottes en mars ?")
    expect(last).to_contain_text("Nous en avons, à Verdun.")
    expect(last.get_by_role("heading")).to_contain_text("Alex")
    axe(page)
