"""Members' Markdown is shown as formatting, never as markup that runs: known stored-XSS
payloads are posted through the site and the rendered pages are parsed for anything
executable."""

from html.parser import HTMLParser

import pytest

from community.forums import markdown
from community.models import Post

from ..helpers import post_url, topic_url

PAYLOADS = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">clic</a>',
    "[clic](javascript:alert(1))",
    "[clic](JaVaScRiPt:alert(1))",
    "[clic](&#106;avascript:alert(1))",
    "[clic](java\tscript:alert(1))",
    "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[clic](vbscript:msgbox(1))",
    '[clic](https://ok.example "x" onmouseover="alert(1)")',
    "![x](javascript:alert(1))",
    "<iframe src=https://evil.example></iframe>",
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "`<script>alert(1)</script>`",
    "<!-- <script>alert(1)</script> -->",
    "<details open ontoggle=alert(1)>",
    '"><script>alert(1)</script>',
]
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")


class ExecutableMarkup(HTMLParser):
    """Collects what a browser would run: scripts not our own, event handlers, and
    links or sources with a scripting scheme."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        ours = "/static/" in (attributes.get("src") or "")
        data = attributes.get("type") == "application/json"  # not run (the admin's userbar)
        if tag == "script" and not (ours or data):
            self.found.append(f"<script> {attributes}")
        if tag in ("iframe", "object", "embed", "style"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}={value}")
            if name in ("href", "src", "action", "formaction", "style") and value:
                squeezed = "".join(value.split()).lower()
                if squeezed.startswith(DANGEROUS_SCHEMES) or "javascript:" in squeezed:
                    self.found.append(f"{tag} {name}={value}")


def executable_markup(html):
    parser = ExecutableMarkup()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("payload", PAYLOADS)
def test_rendering_leaves_nothing_executable(payload):
    assert executable_markup(markdown.render(payload)) == []


def test_links_are_marked_user_content_and_keep_safe_schemes():
    html = markdown.render("[ferme](https://ferme.example) et mailto:info@ferme.example")
    assert '<a href="https://ferme.example" rel="nofollow ugc noopener">ferme</a>' in html
    assert 'href="mailto:info@ferme.example"' in html


def test_headings_in_posts_start_below_the_page_headings():
    assert markdown.render("# Titre\n\n## Sous-titre") == "<h3>Titre</h3>\n<h4>Sous-titre</h4>\n"


def test_stored_payloads_render_inert_on_every_forum_page(
    client, home_pages, member_factory, editor, forum_category_factory, settings
):
    """Payloads posted as topic titles and messages, read back on the category, topic,
    search, history and report pages."""
    settings.FORUM_LIMITS = {
        **settings.FORUM_LIMITS,
        "seconds_between_posts": 0,
        "topics_per_day": len(PAYLOADS) + 1,
    }
    writer = member_factory()
    category = forum_category_factory(name_fr="<script>alert('catégorie')</script>")
    client.force_login(writer)
    for number, payload in enumerate(PAYLOADS):
        response = client.post(
            f"/fr/forums/{category.pk}/nouveau-sujet/",
            {"title": f"Sujet {number} {payload}"[:200], "body": f"Message {number}\n\n{payload}"},
        )
        assert response.status_code == 302, payload
    post = Post.objects.first()
    client.post(post_url(post, "modifier/"), {"body": f"{PAYLOADS[1]} modifié"})
    reported = Post.objects.last()  # reasons written by members, then by a moderator
    for payload in PAYLOADS[:2]:
        client.force_login(member_factory())
        client.post(post_url(reported, "signaler/"), {"reason": payload})
    client.force_login(editor)
    queue = client.get("/fr/forums/moderation/").content.decode()
    assert executable_markup(queue) == [] and "&lt;script&gt;" in queue
    client.post(post_url(reported, "moderer/"), {"action": "hide", "reason": PAYLOADS[0]})
    for url in (
        post_url(reported, "moderer/"),
        post_url(post, "modifier/"),
        topic_url(reported.topic),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert executable_markup(response.content.decode()) == [], url
    reader = member_factory()
    client.force_login(reader)
    pages = [
        "/fr/forums/",
        f"/fr/forums/{category.pk}/",
        "/fr/forums/recherche/?q=message",
        post_url(post, "historique/"),
        post_url(post, "signaler/"),
        f"/fr/forums/{category.pk}/nouveau-sujet/",
        *(topic_url(topic) for topic in category.topics.filter(hidden=False)),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert executable_markup(response.content.decode()) == [], url
    # What was typed is still there to read, as text.
    page = client.get(topic_url(post.topic)).content.decode()
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in page
