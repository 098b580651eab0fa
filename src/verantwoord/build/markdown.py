"""Markdown from the export, rendered and sanitised: an export is untrusted input.

markdown-it-py renders with raw HTML switched off (it is escaped, not passed through); nh3 then cleans
the result as a second line of defence, so only the tags below can ever reach a page.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "hr",
    "h2",
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
    "sup",
    "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "ol": {"start"}}

_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")


def render_markdown(text: str, heading_offset: int = 1) -> str:
    """HTML for `text`; its headings move down `heading_offset` levels, below the page's own h1."""
    tokens = _markdown.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(int(token.tag[1]) + heading_offset, 6)
            token.tag = f"h{level}"
    html = _markdown.renderer.render(tokens, _markdown.options, {})
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https", "mailto"})
