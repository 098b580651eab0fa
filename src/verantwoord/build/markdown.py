"""Markdown from the export, rendered and sanitised: an export is untrusted input.

Comrak renders with raw HTML escaped (shown as text, never passed through) and `javascript:` links
emptied; nh3 then cleans the result as a second line of defence, so only the tags below can ever reach
a page. Comrak rather than markdown-it-py: it renders the same CommonMark about nine times faster
(24 µs against 211 µs for a typical explanation), and a large document has one per indicator.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import comrak
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr",
    "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "del",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}  # no "align": obsolete in HTML5
_HEADING = re.compile(r"<(/?)h([1-6])>")
_REFUSED_LINK = re.compile(r'<a href="" rel="noopener noreferrer">(.*?)</a>', re.DOTALL)


def _options() -> tuple[comrak.ExtensionOptions, comrak.RenderOptions]:
    extensions = comrak.ExtensionOptions()
    extensions.table = True
    extensions.strikethrough = True
    render = comrak.RenderOptions()
    render.escape = True
    return extensions, render


_EXTENSIONS, _RENDER = _options()


@lru_cache(maxsize=4096)
def render_markdown(text: str, top_level: int = 2) -> str:
    """HTML for `text`, its highest heading at `top_level`: one below the heading the text stands under.

    Authors write "# Kop" or "## Kop" alike, and may skip a level ("#" then "####"); either way the page's
    heading order has no gap (WCAG 1.3.1: a screen reader user moves through the page by its headings).
    Cached: the same explanation often stands under several indicators, and `serve` renders again.
    """
    html = comrak.render_markdown(text, extension_options=_EXTENSIONS, render_options=_RENDER)
    # Safe on comrak's output: raw HTML from the text is escaped, so every <hN> here is a heading.
    if "<h" in html:
        html = _HEADING.sub(_heading_levels(top_level), html)
    html = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https", "mailto"})
    # A link whose address was refused (javascript: and the like) is left as its text, not a dead link.
    return _REFUSED_LINK.sub(r"\1", html)


def _heading_levels(top_level: int) -> Callable[[re.Match[str]], str]:
    """A substitution for the headings of one text, in order: the first at `top_level`, and each next one a level
    below the nearest earlier heading that the author wrote at a higher level, so no level is ever skipped."""
    open_headings: list[tuple[int, int]] = []  # (level written, level published) of the headings still open
    published = top_level

    def level(match: re.Match[str]) -> str:
        nonlocal published
        closing, written = match.group(1), int(match.group(2))
        if not closing:
            while open_headings and open_headings[-1][0] >= written:
                open_headings.pop()
            published = min(open_headings[-1][1] + 1 if open_headings else top_level, 6)
            open_headings.append((written, published))
        return f"<{closing}h{published}>"

    return level


_SITE_LINK = re.compile(r'<a href="(?!https?:|mailto:|//)[^"]*"[^>]*>(.*?)</a>', re.DOTALL | re.IGNORECASE)


@lru_cache(maxsize=4096)
def render_markdown_for_print(text: str, top_level: int = 2) -> str:
    """`render_markdown` for the PDF, where a link within the site (../../open-data/indicatoren.csv, #kop) leads
    nowhere: the PDF stands on its own, and WeasyPrint made such a link a file:// path on the machine that built
    it. It is left as its text."""
    return _SITE_LINK.sub(r"\1", render_markdown(text, top_level))
