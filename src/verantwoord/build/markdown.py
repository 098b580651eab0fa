"""Markdown from the export, rendered and sanitised: an export is untrusted input.

Comrak renders with raw HTML escaped (shown as text, never passed through) and `javascript:` links
emptied; nh3 then cleans the result as a second line of defence, so only the tags below can ever reach
a page. Comrak rather than markdown-it-py: it renders the same CommonMark about nine times faster
(24 µs against 211 µs for a typical explanation), and a large document has one per indicator.
"""

from __future__ import annotations

import re
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

    Authors write "# Kop" or "## Kop" alike; either way the page's heading order has no gap.
    Cached: the same explanation often stands under several indicators, and `serve` renders again.
    """
    html = comrak.render_markdown(text, extension_options=_EXTENSIONS, render_options=_RENDER)
    # Safe on comrak's output: raw HTML from the text is escaped, so every <hN> here is a heading.
    levels = [int(level) for _, level in _HEADING.findall(html)]
    if levels:
        shift = top_level - min(levels)
        html = _HEADING.sub(lambda m: f"<{m.group(1)}h{max(1, min(int(m.group(2)) + shift, 6))}>", html)
    html = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https", "mailto"})
    # A link whose address was refused (javascript: and the like) is left as its text, not a dead link.
    return _REFUSED_LINK.sub(r"\1", html)
