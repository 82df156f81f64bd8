"""Members' Markdown, made safe to show: CommonMark with raw HTML off, then an allow-list
sanitiser (nh3) as a second, independent wall. Links may only be http, https or mailto
and carry rel="nofollow ugc noopener"; images are not rendered (no tracking pixels);
headings start at level 3 so that a post never outranks the page's own headings."""

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "s",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

_parser = (
    MarkdownIt("commonmark", {"html": False, "linkify": True, "breaks": True})
    .enable(["linkify", "strikethrough", "table"])
    .disable("image")
)


def render(text):
    tokens = _parser.parse(text or "")
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 2, 6)}"
    html = _parser.renderer.render(tokens, _parser.options, {})
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def count_links(text):
    """How many links a post holds once rendered (bare addresses count too)."""
    return sum(
        1
        for token in _parser.parse(text or "")
        for child in token.children or ()
        if child.type == "link_open"
    )


def quote(text, author_name):
    """The Markdown that quotes a post in a reply."""
    lines = [f"**{author_name}**:", "", *(text or "").strip().splitlines()]
    return "\n".join(f"> {line}".rstrip() for line in lines) + "\n\n"
