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
    "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "del", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "span": {"lang"}}  # no "align": obsolete in HTML5
_LANGUAGE_MARK = re.compile(r"\[([^\[\]<>]+)\]\{lang=([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\}")
"""A phrase in another language, as the author marks it: [Smart City]{lang=en} (Pandoc's notation). Plain text
within the brackets only, and a language tag of letters and digits (BCP 47): nothing else can come through."""
_CODE = re.compile(r"(<pre>.*?</pre>|<code>.*?</code>)", re.DOTALL)
_HEADING = re.compile(r"<(/?)h([1-6])>")
_REFUSED_LINK = re.compile(r'<a href="" rel="noopener noreferrer">(.*?)</a>', re.DOTALL)


def _options(line_breaks: bool) -> tuple[comrak.ExtensionOptions, comrak.RenderOptions]:
    extensions = comrak.ExtensionOptions()
    extensions.table = True
    extensions.strikethrough = True
    render = comrak.RenderOptions()
    render.escape = True
    render.hardbreaks = line_breaks
    return extensions, render


_EXTENSIONS, _RENDER = _options(line_breaks=False)
_, _RENDER_LINE_BREAKS = _options(line_breaks=True)


@lru_cache(maxsize=4096)
def render_markdown(text: str, top_level: int = 2, line_breaks: bool = False) -> str:
    """HTML for `text`, its highest heading at `top_level`: one below the heading the text stands under.

    Authors write "# Kop" or "## Kop" alike, and may skip a level ("#" then "####"); either way the page's
    heading order has no gap (WCAG 1.3.1: a screen reader user moves through the page by its headings).
    With `line_breaks` each new line in the text is one on the page: in a cell of the export (an explanation)
    the user made it with Alt+Enter, where in a text file Markdown joins the lines of a paragraph.
    Cached: the same explanation often stands under several indicators, and `serve` renders again.
    """
    options = _RENDER_LINE_BREAKS if line_breaks else _RENDER
    html = comrak.render_markdown(text, extension_options=_EXTENSIONS, render_options=options)
    # Safe on comrak's output: raw HTML from the text is escaped, so every <hN> here is a heading.
    if "<h" in html:
        html = _HEADING.sub(_heading_levels(top_level), html)
    if "]{lang=" in html:
        html = _marked_languages(html)
    html = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https", "mailto"})
    # A link whose address was refused (javascript: and the like) is left as its text, not a dead link.
    return _REFUSED_LINK.sub(r"\1", html)


def _marked_languages(html: str) -> str:
    """`<span lang>` for each phrase marked [..]{lang=..} (WCAG 3.1.2), in the text outside code, where the mark is
    the text: not in a tag's attributes (a link's title, an image's alt).

    CommonMark has no notation for it and comrak leaves the mark as text, so it is read from comrak's output,
    where the phrase is already escaped, and `>` in an attribute too."""
    parts = _CODE.split(html)
    for index in range(0, len(parts), 2):  # the odd parts are code
        pieces = _TAG.split(parts[index])
        for text in range(0, len(pieces), 2):  # the odd pieces are tags
            pieces[text] = _LANGUAGE_MARK.sub(r'<span lang="\2">\1</span>', pieces[text])
        parts[index] = "".join(pieces)
    return "".join(parts)


_TAG = re.compile(r"(<[^>]*>)")
_WRITTEN_MARK = re.compile(r"\[[^\[\]]*\]\{lang=[^}\n]*\}")
_SOURCE_CODE = re.compile(r"^(```|~~~).*?^\1|`[^`\n]*`", re.MULTILINE | re.DOTALL)


def unread_language_marks(text: str, line_breaks: bool = False) -> list[tuple[int, str]]:
    """The language marks in the Markdown `text` that are not read, and so stand on the page as they are written:
    where each starts in `text`, and the mark as written. A tag that is no language, or markup within the brackets.
    `line_breaks` as `render_markdown` renders the text (an explanation from the export).
    """
    if "]{lang=" not in text:
        return []
    parts = _CODE.split(render_markdown(text, line_breaks=line_breaks))
    if not any("]{lang=" in piece for part in parts[::2] for piece in _TAG.split(part)[::2]):
        return []
    # Where they are is read from the text itself, with its code blanked out: the page no longer says. Each mark is
    # rendered on its own to tell whether it is read.
    searched = _SOURCE_CODE.sub(lambda code: " " * len(code.group()), text)
    return [
        (mark.start(), mark.group())
        for mark in _WRITTEN_MARK.finditer(searched)
        if "<span lang=" not in render_markdown(mark.group(), line_breaks=line_breaks)
    ]


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
def render_markdown_for_print(text: str, top_level: int = 2, line_breaks: bool = False) -> str:
    """`render_markdown` for the PDF, where a link within the site (../../open-data/indicatoren.csv, #kop) leads
    nowhere: the PDF stands on its own, and WeasyPrint made such a link a file:// path on the machine that built
    it. It is left as its text."""
    html = _SITE_LINK.sub(r"\1", render_markdown(text, top_level, line_breaks))
    # A link without a scheme (//example.org) takes the page's: in the PDF, read from a folder, that was file://.
    return html.replace('<a href="//', '<a href="https://')
