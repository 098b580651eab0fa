"""Markdown from the export, rendered and sanitised: an export is untrusted input.

Comrak renders with raw HTML escaped (shown as text, never passed through) and `javascript:` links
emptied; nh3 then cleans the result as a second line of defence, so only the tags below can ever reach
a page. Comrak rather than markdown-it-py: it renders the same CommonMark about nine times faster
(24 µs against 211 µs for a typical explanation), and a large document has one per indicator.

Footnotes (`Tekst[^1]` with `[^1]: De noot.` below, or inline `^[De noot.]`) are comrak's, with its markup made
ours: ids that are unique on a page of several texts, and words for the reader in the document's language.

An image (`![Kaart van de wijken](afbeeldingen/wijken.png)`) is shown only when it is one of the document's checked
images (build/images.py), under its published name and with its size; any other is left out. One on another website
becomes a link to it: the page fetches nothing from elsewhere, which would tell that site who reads it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from html import escape, unescape
from html.parser import HTMLParser
from itertools import count
from typing import Literal
from urllib.parse import unquote, urlsplit

import comrak
import nh3

from verantwoord.build.tables import print_size
from verantwoord.build.translations import translator
from verantwoord.model import Image
from verantwoord.slug import slugify

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr",
    "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "del", "span",
    "section", "img", "figure", "figcaption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": set(),  # not nh3's default of lang and title on every tag: only what is named here
    "img": {"src", "alt", "width", "height"},  # as `_placed_images` writes it
    # id and aria-label: a footnote's reference and its way back; lang: that way back, the hidden word before the
    # reference and the heading above the notes, in the page's language within a text in another (`_footnotes`)
    "a": {"href", "title", "id", "aria-label", "lang"},
    "li": {"id"},  # a footnote
    "ol": {"start"},
    "span": {"lang"},
    **{f"h{level}": {"id", "lang"} for level in range(1, 7)},  # id: where a search result leads (`_heading_ids`)
}  # no "align", obsolete in HTML5: `_aligned_cell` makes it a class
ALLOWED_CLASSES = {
    "th": {"text-table__end", "text-table__center"},  # a column aligned right or centred (`_aligned_cell`)
    "td": {"text-table__end", "text-table__center"},
    "section": {"footnotes"},
    "a": {"footnote-ref", "footnote-back"},
    "span": {"visually-hidden"},  # "voetnoot" before a footnote's number
    **{f"h{level}": {"visually-hidden"} for level in range(2, 7)},  # "Voetnoten" above the footnotes
}
_UNINDEXED = {"data-pagefind-ignore": {""}}
ALLOWED_VALUES = {"a": _UNINDEXED, **{f"h{level}": _UNINDEXED for level in range(2, 7)}}
"""Left out of the search index: a footnote's way back (↩) and the hidden heading "Voetnoten", which stood in the
excerpts as "Voetnoten. Bron: CBS, 2020. ↩"."""
_LANGUAGE_MARK = re.compile(r"\[([^\[\]<>]+)\]\{lang=([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\}")
"""A phrase in another language, as the author marks it: [Smart City]{lang=en} (Pandoc's notation). Plain text
within the brackets only, and a language tag of letters and digits (BCP 47): nothing else can come through."""
IMAGES = "afbeeldingen"
"""The folder of the site that holds the texts' images."""
DECORATIVE = "-"
"""The alt text that marks an image as decorative (`![-](lijn.png)`): alt="" on the page, and a screen reader passes
it by. A written mark, because an empty alt is far more often forgotten than meant."""
_IMAGE = re.compile(r'(<p>)?<img src="([^"]*)" alt="([^"]*)"(?: title="([^"]*)")? />(</p>\n)?')
"""An image as comrak writes it, with the paragraph around it when it is the paragraph's only content."""
_CODE = re.compile(r"(<pre>.*?</pre>|<code>.*?</code>)", re.DOTALL)
_HEADING = re.compile(r"<(/?)h([1-6])>")
_REFUSED_LINK = re.compile(r'<a(?: href="")?(?: title="[^"]*")? rel="noopener noreferrer">(.*?)</a>', re.DOTALL)
"""A link nh3 took the address from (href="" with a title, no href at all without): its text, not a link to the
page itself nor an <a> that is no link."""


def _options(line_breaks: bool) -> tuple[comrak.ExtensionOptions, comrak.RenderOptions]:
    extensions = comrak.ExtensionOptions()
    extensions.table = True
    extensions.strikethrough = True
    extensions.footnotes = True
    extensions.inline_footnotes = True  # ^[De noot.]: in a cell of the export, the note where it belongs
    render = comrak.RenderOptions()
    render.escape = True
    render.hardbreaks = line_breaks
    return extensions, render


_EXTENSIONS, _RENDER = _options(line_breaks=False)
_, _RENDER_LINE_BREAKS = _options(line_breaks=True)


def render_markdown(
    text: str,
    top_level: int = 2,
    line_breaks: bool = False,
    *,
    language: str = "nl",
    footnote_ids: str = "tekst",
    images: tuple[Image, ...] = (),
    root: str = "",
    text_language: str | None = None,
) -> str:
    """HTML for `text`, its highest heading at `top_level`: one below the heading the text stands under.

    Authors write "# Kop" or "## Kop" alike, and may skip a level ("#" then "####"); either way the page's
    heading order has no gap (WCAG 1.3.1: a screen reader user moves through the page by its headings).
    With `line_breaks` each new line in the text is one on the page: in a cell of the export (an explanation)
    the user made it with Alt+Enter, where in a text file Markdown joins the lines of a paragraph.
    The text's footnotes have ids that begin with `footnote_ids`, which must be unique on the page (a section page
    holds its text and the indicators' explanations), and words for the reader in `language`.
    Of its images, those among `images` are shown, from the site's folder of images, `root` being the way up from
    the page to the site's root ("../../"). `text_language`: the text is in this language, not in `language` (an
    explanation from the export), and stands in an element that says so: the words added to it are marked as
    `language`'s.
    """
    ids = _ids_if_needed(text, footnote_ids)
    return _render(text, top_level, line_breaks, language, ids, False, images, root, text_language)


_HEADING_LINE = re.compile(r"^ {0,3}(?:#|=+[ \t]*$|-+[ \t]*$)", re.MULTILINE)
"""A line that may make a heading: "# Kop", or the line of = or - under one."""


def _ids_if_needed(text: str, footnote_ids: str) -> str:
    """The ids only for a text that may have footnotes ([^1], ^[..]) or headings: without them in its key, the cache
    holds one rendering of an explanation that many indicators share (rendering each was 0,1 ms a page more)."""
    return footnote_ids if "^" in text or _HEADING_LINE.search(text) else ""


@lru_cache(maxsize=4096)
def _render(
    text: str,
    top_level: int,
    line_breaks: bool,
    language: str,
    footnote_ids: str,
    printing: bool,
    images: tuple[Image, ...] = (),
    root: str = "",
    text_language: str | None = None,
) -> str:
    """Cached: the same explanation often stands under several indicators, and `serve` renders again."""
    options = _RENDER_LINE_BREAKS if line_breaks else _RENDER
    html = comrak.render_markdown(text, extension_options=_EXTENSIONS, render_options=options)
    if "<img " in html:
        html = _placed_images(html, images, root, language, printing)
    # Safe on comrak's output: raw HTML from the text is escaped, so every <hN> here is a heading.
    if "<h" in html:
        html = _HEADING.sub(_heading_levels(top_level), html)
        if footnote_ids:
            html = _heading_ids(html, footnote_ids)
    if "]{lang=" in html:
        html = _marked_languages(html)
    if _FOOTNOTES in html:
        html = _footnotes(html, top_level, language, footnote_ids, printing, text_language is not None)
    if "<table>" in html:
        html = _ALIGN.sub(_aligned_cell, html)
    html = _clean(html)
    if printing and "<a href=" in html:
        # A link without a scheme (//example.org) takes the page's: in the PDF, read from a folder, that was file://.
        html = _EXTERNAL_LINK.sub(_with_address, html.replace('<a href="//', '<a href="https://'))
    if printing and "<h" in html and (_PRINTED_ADDRESS in html or _NOTE_MARK in html):
        html = _ANY_HEADING.sub(_bookmark_label, html)
    if "<table>" in html:  # after the cleaning, every table is one of the text's (raw HTML was escaped)
        html = _text_tables(html, language, printing)
    return html


_EXTERNAL_LINK = re.compile(
    r'(<a href="((?:https?|mailto|tel):[^"]*)"(?: title="[^"]*")? rel="noopener noreferrer">(.*?)</a>)',
    re.DOTALL | re.IGNORECASE,
)
"""A link the author wrote to another website, an e-mail address or a phone number, as the cleaning leaves it."""
_SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_ENCODED_LETTERS = re.compile(r"(?:%[89a-fA-F][0-9a-fA-F])+")
_SHOWN_PREFIX = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|mailto:)?(?:www\.)?", re.IGNORECASE)


def _printed_address(href: str) -> str:
    """An address as a reader of paper types it: without its scheme or a trailing slash ("www.example.nl/pad"), an
    e-mail address without mailto: and what follows its "?", and letters such as ë as letters, not %C3%AB."""
    shown = href[7:].split("?", 1)[0] if href[:7].lower() == "mailto:" else _SCHEME.sub("", href).rstrip("/")
    return _ENCODED_LETTERS.sub(_decoded, shown)


_DIGITS = re.compile(r"[^0-9+]")


def _decoded_all(text: str) -> str:
    return _ENCODED_LETTERS.sub(_decoded, text.replace("%20", " "))


def _decoded(match: re.Match[str]) -> str:
    try:
        return unquote(match.group(), errors="strict")
    except UnicodeDecodeError:
        return match.group()  # no UTF-8: as written


def _with_address(match: re.Match[str]) -> str:
    """A link to another website with its address after it, " (www.example.nl/pad)": on paper its text alone, 'de
    regeling', could not be followed. Not when its text shows the address already ("www.amersfoort.nl")."""
    link, href, text = match.groups()
    written = unescape(_TAG.sub("", text))
    if href[:4].lower() == "tel:":
        number = _decoded_all(unescape(href)[4:]).strip()
        # '14 033' shows tel:14033, '033 123 45 67' tel:0331234567: the same digits, however grouped.
        if _DIGITS.sub("", number) in _DIGITS.sub("", written):
            return link
        return f'{link}<span class="print-address"> ({escape(number)})</span>'
    address = _printed_address(unescape(href))
    if _shown(address) in _shown(written):
        return link
    return f'{link}<span class="print-address"> ({escape(address)})</span>'


_PRINTED_ADDRESS = '<span class="print-address">'
_NOTE_MARK = '<sup><a class="footnote-ref"'
_NOT_IN_BOOKMARK = re.compile(
    r'<span class="print-address">[^<]*</span>|<sup><a class="footnote-ref".*?</a></sup>', re.DOTALL
)
_ANY_HEADING = re.compile(r"<h([1-6])([^>]*)>(.*?)</h\1>", re.DOTALL)


def _bookmark_label(match: re.Match[str]) -> str:
    """A heading with a link's printed address or a note's mark in it, its bookmark its text without them:
    WeasyPrint's bookmark is a heading's whole text, and read 'Zie de regeling (wetten.overheid.nl/BWBR0008249)' and
    'Kosten1' (print.css, data-bookmark)."""
    level, attributes, content = match.groups()
    if _PRINTED_ADDRESS not in content and _NOTE_MARK not in content:
        return match.group()
    label = " ".join(unescape(_TAG.sub("", _NOT_IN_BOOKMARK.sub("", content))).split())
    return f'<h{level}{attributes} data-bookmark="{escape(label)}">{content}</h{level}>'


def _shown(address: str) -> str:
    """An address or a text as compared: the same with or without its scheme, www. and a trailing slash."""
    return _SHOWN_PREFIX.sub("", " ".join(address.split())).rstrip("/").lower()


_ALIGN = re.compile(r'<(th|td) align="(right|center|left)">')
_ALIGN_CLASSES = {"right": ' class="text-table__end"', "center": ' class="text-table__center"', "left": ""}
_TEXT_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
_CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _aligned_cell(match: re.Match[str]) -> str:
    """A column aligned in the text (|---:|, as amounts are) keeps its alignment, as a class."""
    return f"<{match.group(1)}{_ALIGN_CLASSES[match.group(2)]}>"


def _text_tables(html: str, language: str, printing: bool) -> str:
    """The tables of a text, as the indicators' tables stand: on the site each in a region of its own that scrolls
    when it is wider than the screen, so that the page does not (WCAG 1.4.10), and that a keyboard can scroll; in the
    PDF in smaller type when it is too wide for the page at the usual size (a budget table of nine columns ran off
    it). A region is named after the heading above its table ("Tabel: Lasten en baten"): named "Tabel" alone, every
    table of every page was announced alike."""
    if printing:
        html = _TEXT_TABLE.sub(lambda match: _printed_table(match.group()), html)
        return _with_openings(html) if "text-table--wide" in html else html
    word = translator(language)("text_table")
    headings = [(found.start(), _plain(found.group(1))) for found in _HEADING_TEXT.finditer(html)]
    named: dict[str, int] = {}

    def region(match: re.Match[str]) -> str:
        heading = next((text for start, text in reversed(headings) if start < match.start()), "")
        named[heading] = count = named.get(heading, 0) + 1
        label = f"{word} {count}" if count > 1 else word
        label = f"{label}: {heading}" if heading else label
        return f'<div class="text-table" role="region" tabindex="0" aria-label="{escape(label)}">{match.group()}</div>'

    return _TEXT_TABLE.sub(region, html)


_HEADING_TEXT = re.compile(r"<h[1-6][^>]*>(.*?)</h[1-6]>", re.DOTALL)
_FOOTNOTE_MARK = re.compile(r"<sup[^>]*>.*?</sup>", re.DOTALL)


def _plain(html: str) -> str:
    """A heading's text as a screen reader says it, without the number of a footnote in it."""
    return unescape(_TAG.sub("", _FOOTNOTE_MARK.sub("", html))).strip()


_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)


def first_paragraph(html: str, limit: int = 160) -> str:
    """The first paragraph of text in rendered `html` as plain text, cut at a word within `limit` characters: what
    a search engine or a link preview shows of the page. "" when the text has none (only headings or images)."""
    for found in _PARAGRAPH.finditer(html):
        text = " ".join(_plain(found.group(1)).split())
        if not text:
            continue
        if len(text) <= limit:
            return text
        return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"
    return ""


def _printed_table(table: str) -> str:
    rows = (
        [(text, " " in text) for text in (unescape(_TAG.sub("", cell)).strip() for cell in _CELL.findall(row))]
        for row in _ROW.findall(table)
    )
    size = print_size(rows)
    return f'<div class="text-table{f" text-table--{size}" if size else ""}">{table}</div>'


_OPENING_LIMIT = 1000
"""How many characters of text before a turned table may go with it, besides the paragraph right above it: about a
quarter of the turned page in lines of 174 mm. A longer run stays upright, its heading with it."""
_OPENING_BLOCKS = {"p", "ul", "ol"}
_OPENING_HEADINGS = {f"h{level}" for level in range(1, 7)}
_VOID = {"br", "hr", "img"}


class _TopLevel(HTMLParser):
    """The blocks of a text's top level: the offset of each one's start tag, its tag, classes and length of text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.line_starts = [0, *(found.end() for found in re.finditer("\n", html))]
        self.starts: list[int] = []
        self.tags: list[str] = []
        self.classes: list[set[str]] = []
        self.lengths: list[int] = []
        self.depth = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            line, column = self.getpos()
            self.starts.append(self.line_starts[line - 1] + column)
            self.tags.append(tag)
            self.classes.append(set((dict(attrs).get("class") or "").split()))
            self.lengths.append(0)
        if tag not in _VOID:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth > 0 and self.lengths:
            self.lengths[-1] += len(" ".join(data.split()))


def _with_openings(html: str) -> str:
    """Marks what opens a table on a turned page (print.css moves it there, in the upright page's width): the
    paragraphs right above it, up to and with their heading, unless they are too long for the turned page. Only the
    last paragraph went with the table: a heading and the paragraphs before stood alone at the foot of the upright
    page, 'Toelichting' too when they were an explanation's first."""
    blocks = _TopLevel(html)
    marked: list[int] = []
    for index, classes in enumerate(blocks.classes):
        if not {"text-table--wide", "text-table--widest"} & classes:
            continue
        length = 0
        for before in range(index - 1, -1, -1):
            tag, size = blocks.tags[before], blocks.lengths[before]
            if tag in _OPENING_HEADINGS:
                marked.append(before)
                break
            if tag not in _OPENING_BLOCKS or (before < index - 1 and length + size > _OPENING_LIMIT):
                break
            marked.append(before)
            length += size
    for index in sorted(marked, reverse=True):  # from the end: the offsets before stay right
        name = blocks.starts[index] + 1 + len(blocks.tags[index])
        html = f'{html[:name]} class="text-table-opening"{html[name:]}'
    return html


def _clean(html: str) -> str:
    """The second line of defence: only the tags, attributes and classes above, and links to http(s), mailto: and
    tel: (a resident on a phone calls '14 033' with a tap). A link whose address was refused (javascript: and the
    like) is left as its text, not a dead link."""
    html = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        tag_attribute_values=ALLOWED_VALUES,
        url_schemes={"http", "https", "mailto", "tel"},
    )
    return _REFUSED_LINK.sub(r"\1", html)


def remote(address: str) -> bool:
    """Whether an image's address is on another website (https://…, or //… without a scheme)."""
    parts = urlsplit(address)
    return parts.scheme.lower() in ("http", "https") or (not parts.scheme and bool(parts.netloc))


def _placed_images(html: str, images: tuple[Image, ...], root: str, language: str, printing: bool) -> str:
    """Each image of comrak's `html` as published: one of `images` under its name in the site's folder of images,
    with its width and height (the text does not jump when it loads), and its title as a caption when it stands in a
    paragraph of its own; one on another website as a link to it; any other left out. Comrak escaped alt and title.

    A decorative image is left out of the PDF: WeasyPrint tags every image as a figure, which PDF/UA wants described,
    and one without a description is an error of the PDF's structure."""
    published = {image.written: image for image in images}
    translate = translator(language)

    def place(match: re.Match[str]) -> str:
        opened, address, alt, title, closed = match.groups()
        alone = bool(opened and closed)
        alt = "" if alt.strip() == DECORATIVE else alt
        image = published.get(address)
        if remote(address):
            # On paper the whole address, which the reader types: the host alone on the site, where it is a link.
            place = _printed_address(unescape(address)) if printing else urlsplit(unescape(address)).hostname
            elsewhere = translate("image_elsewhere", host=escape(place or ""))
            shown = f'<a href="{address}">{f"{alt} ({elsewhere})" if alt else elsewhere}</a>'
        elif image is None or (printing and not alt):
            shown = ""
        else:
            shown = (
                f'<img src="{root}{IMAGES}/{image.name}" alt="{alt}" width="{image.width}" height="{image.height}" />'
            )
            if alone and title:
                return f"<figure>\n{shown}\n<figcaption>{title}</figcaption>\n</figure>\n"
        if alone and not shown:
            return ""  # no empty paragraph where an image is left out
        return f"{opened or ''}{shown}{closed or ''}"

    return _IMAGE.sub(place, html)


_FOOTNOTES = '<section class="footnotes" data-footnotes>\n<ol>\n'
_FOOTNOTE_REFERENCE = re.compile(
    r'<sup class="footnote-ref"><a href="#fn-([^"]*)" id="fnref-([^"]*)" data-footnote-ref>\d+</a></sup>'
)
_FOOTNOTE = re.compile(r'<li id="fn-([^"]*)">')
_FOOTNOTE_BACK = re.compile(
    r'( ?)<a href="#fnref-([^"]*)" class="footnote-backref" data-footnote-backref data-footnote-backref-idx="[^"]*" '
    r'aria-label="[^"]*">↩(?:<sup class="footnote-ref">\d+</sup>)?</a>'
)


def _footnotes(html: str, level: int, language: str, footnote_ids: str, printing: bool, marked: bool = False) -> str:
    """Comrak's footnotes (as GitHub's) made ours: ids that begin with `footnote_ids`, a reference that says
    "voetnoot 1" to a screen reader where a table's note says "noot 1", a hidden heading "Voetnoten" at `level`
    above the notes, and a way back to each reference labelled in `language` ("Terug naar verwijzing 1"). In print
    no way back: on paper it is a stray arrow, and the reference leads to the note as a table's note does.

    Comrak names a footnote by its label ([^bron]); it is numbered here as the reader sees it, by its place in the
    list, so that no label from the text ends up in an id. `marked`: the text is in another language than `language`,
    and the words added here say they are in `language`."""
    translate = translator(language)
    lang = f' lang="{language}"' if marked else ""
    prefix = f"{escape(footnote_ids)}:voetnoot"  # ":" as after ind-<id> (export/records.py `_ID`)
    numbers: dict[str, int] = {}
    for number, label in enumerate(_FOOTNOTE.findall(html), 1):
        numbers.setdefault(label, number)  # a label defined twice: the references lead to the first
    references: dict[str, tuple[int, int, str]] = {}  # comrak's id of a reference: (number, which time, our id)
    times_seen: dict[int, int] = {}

    def reference(match: re.Match[str]) -> str:
        number = numbers[match[1]]
        times = times_seen[number] = times_seen.get(number, 0) + 1
        reference_id = f"{prefix}-{number}-verwijzing" + (f"-{times}" if times > 1 else "")
        references[match[2]] = (number, times, reference_id)
        # A space before the hidden word: copied, indexed or in the PDF's text "balie¹" read "balievoetnoot 1".
        return (
            f'<sup><a class="footnote-ref" href="#{prefix}-{number}" id="{reference_id}">'
            f'<span class="visually-hidden"{lang}> {translate("footnote")} </span>{number}</a></sup>'
        )

    def back(match: re.Match[str]) -> str:
        if printing:
            return ""
        number, times, reference_id = references[match[2]]
        label, arrow = translate("footnote_back", number=str(number)), "↩"
        if times > 1:  # comrak's way: ↩² back to the second reference
            label = translate("footnote_back_again", number=str(number), times=str(times))
            arrow += f"<sup>{times}</sup>"
        return (
            f'{match[1]}<a class="footnote-back" href="#{reference_id}" aria-label="{escape(label)}"{lang} '
            f"data-pagefind-ignore>{arrow}</a>"
        )

    html = _FOOTNOTE_REFERENCE.sub(reference, html)
    places = count(1)
    html = _FOOTNOTE.sub(lambda _: f'<li id="{prefix}-{next(places)}">', html)
    html = _FOOTNOTE_BACK.sub(back, html)
    heading = (
        f'<h{level} class="visually-hidden"{lang} data-pagefind-ignore>{escape(translate("footnotes"))}</h{level}>'
    )
    return html.replace(_FOOTNOTES, f'<section class="footnotes">\n{heading}\n<ol>\n')


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


_HTML_ELEMENTS = (
    "a|abbr|article|audio|b|big|blockquote|br|button|center|cite|code|dd|del|details|div|dl|dt|em|embed|figcaption|"
    "figure|font|footer|form|h[1-6]|header|hr|i|iframe|img|input|ins|link|li|main|mark|meta|nav|object|ol|p|picture|"
    "pre|q|s|script|section|select|small|source|span|strike|strong|style|sub|summary|sup|svg|table|tbody|td|textarea|"
    "tfoot|th|thead|tr|u|ul|video"
)
_RAW_TAG = re.compile(rf"</?(?:{_HTML_ELEMENTS})(?:\s[^<>]*)?/?>", re.IGNORECASE)
"""An HTML tag as written in Markdown, of an element HTML has: not an autolink (<https://…>) nor a placeholder such as
<leeg> or <naam>, which is text."""
_CODE_SPAN = re.compile(r"^(```|~~~).*?^\1|(`+)[^`].*?\2", re.MULTILINE | re.DOTALL)
"""Code, fenced or between backticks (``<b>`` too): HTML there is meant to be seen."""
_UNSAFE_LINK = re.compile(
    r"(!?)\[[^\[\]]*\]\(\s*<?\s*((?:javascript|vbscript|file|data):(?:[^()\s>]|\([^()\s]*\))*)", re.IGNORECASE
)
"""A link comrak refuses (`render_markdown` leaves its text without the link); with '!', an image, which
build/images.py reports."""
_UNSAFE_DEFINITION = re.compile(
    r"^ {0,3}\[(?!\^)[^\[\]]+\]:[ \t]*\n?[ \t]*<?((?:javascript|vbscript|file|data):[^\s>]*)",
    re.IGNORECASE | re.MULTILINE,
)
"""The same address in a link's definition, for a reference-style link ([tekst][r], then `[r]: javascript:…`)."""


def written_but_not_rendered(text: str) -> list[tuple[int, str, str]]:
    """What the Markdown `text` has that the page will not render: raw HTML (shown as text, escaped) and links to
    an address comrak refuses (javascript:, data:; shown as their text alone). Where each starts in `text`, 'html'
    or 'link', and what was written. Code is left alone: HTML in `<code>` is meant to be seen."""
    if "<" not in text and "](" not in text and "]:" not in text:  # most texts: each of 12,000 explanations counts
        return []
    searched = _CODE_SPAN.sub(lambda code: " " * len(code.group()), text)
    found = [(tag.start(), "html", tag.group()) for tag in _RAW_TAG.finditer(searched)]
    found += [(link.start(2), "link", link.group(2)) for link in _UNSAFE_LINK.finditer(searched) if not link[1]]
    found += [(link.start(1), "link", link.group(1)) for link in _UNSAFE_DEFINITION.finditer(searched)]
    if not found:
        return []
    # Code indented by four spaces is code too, but only where it cannot continue a paragraph or a list item: the
    # rendered text says which. What is in its code only was meant to be seen.
    html = render_markdown(text)
    parts = _CODE.split(html)
    code, outside = "".join(parts[1::2]), "".join(parts[::2])
    return sorted(
        (at, kind, written)
        for at, kind, written in found
        if (escape(written, quote=False) in outside if kind == "html" else escape(written, quote=False) not in code)
    )


_TAB_BETWEEN = re.compile(r"\S\t+\S")
_WORD_BULLET = re.compile(r" {0,3}((?:[•·▪◦●■‣⁃][ \t\u00a0]|[o§]\t)[ \t\u00a0]*\S?)")
"""A list item as Word and Excel give it when copied as text: a bullet sign (or the o and § of their Symbol and
Wingdings fonts) and a tab, where Markdown's list item begins with '- '. Its group: the sign and the first letter,
as the page shows them when the line is text."""
_TAB_AFTER = re.compile(r"(?<=\S)\t+\S")
"""A tab between two columns, with the first letter after it, as the page shows it when the line is text: the
letter before may be markup (**Lasten**)."""
_MARKDOWN_BLOCK = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)]|#{1,6})[ \t]")
"""A list item or a heading, which Markdown reads with a tab after its sign ('1.<tab>Eerste punt')."""


def pasted_layout(text: str) -> list[tuple[int, int, str]]:
    """Layout pasted from Word or Excel that Markdown does not read: rows with tabs between their columns ('table', two
    lines or more, not a Markdown table's) and items with Word's bullet sign ('list'). Each run of lines as where its
    first and its last line start in `text`, and its kind. The page showed a table as one paragraph, its figures in a
    row, and bullets as a paragraph with signs in it, not as a list (WCAG 1.3.1). Code is left alone."""
    if "\t" not in text and not any(sign in text for sign in "•·▪◦●■‣⁃"):
        return []
    searched = _SOURCE_CODE.sub(lambda code: " " * len(code.group()), text)
    runs: list[tuple[int, int, str]] = []
    at = previous = 0
    for line in searched.split("\n"):
        if _WORD_BULLET.match(line):
            kind = "list"
        elif _TAB_BETWEEN.search(line) and "|" not in line and not _MARKDOWN_BLOCK.match(line):
            kind = "table"
        else:
            kind = None
        if kind and runs and runs[-1][2] == kind and runs[-1][1] == previous:
            runs[-1] = (runs[-1][0], at, kind)
        elif kind:
            runs.append((at, at, kind))
        previous = at
        at += len(line) + 1
    runs = [(first, last, kind) for first, last, kind in runs if kind == "list" or last > first]
    if not runs:
        return []
    # Code indented by four spaces or a tab keeps its tabs on the page, and a nested list item may have a tab after
    # its sign: the rendered text says which lines stand on the page as written, as for HTML (above).
    shown = unescape("".join(_CODE.split(render_markdown(text))[::2]))
    return [(first, last, kind) for first, last, kind in runs if _shown_as_written(text, first, last, kind, shown)]


def _shown_as_written(text: str, first: int, last: int, kind: str, shown: str) -> bool:
    """Whether a run of pasted lines (`pasted_layout`) stands in the page's text `shown` with its tabs or its bullet
    signs, as written: the lines are text, not code or a list item."""
    end = text.find("\n", last)
    for line in text[first : end if end >= 0 else None].split("\n"):
        if kind == "table":
            written = _TAB_AFTER.findall(line)
        else:
            written = [item[1]] if (item := _WORD_BULLET.match(line)) else []
        if any(part in shown for part in written):
            return True
    return False


def language_marks_in_title(title: str) -> list[str]:
    """The language marks written in a text's title: none is read, as a title is plain text wherever it stands (the
    page's heading, the browser's tab, the table of contents, the PDF's bookmarks)."""
    return _WRITTEN_MARK.findall(title)


@dataclass(frozen=True)
class WrittenImage:
    """An image in a text, as the author wrote it."""

    at: int
    """Where in the text its address is written; -1 when it is not found as written (%-encoded, say)."""
    src: str
    """Its address as the renderer writes it in `src`: `Image.written`."""
    address: str
    """Its address as written: not %-encoded, not escaped."""
    alt: str
    caption: str
    """Its title (`![Kaart](kaart.png "Bijschrift")`), shown as a caption."""
    alone: bool
    """In a paragraph of its own: only there can it have a caption."""


def written_images(text: str) -> list[WrittenImage]:
    """The images in the Markdown `text` of a chapter or section, in order. As for language marks, the renderer says
    what is an image, and the text, its code blanked out, where it is written."""
    if "![" not in text:
        return []
    html = comrak.render_markdown(text, extension_options=_EXTENSIONS, render_options=_RENDER)
    searched = _SOURCE_CODE.sub(lambda code: " " * len(code.group()), text)
    marks = [mark.start() for mark in _IMAGE_MARK.finditer(searched)]
    images: list[WrittenImage] = []
    start = 0
    for number, match in enumerate(_IMAGE.finditer(html)):
        opened, src, alt, title, closed = match.groups()
        address = unquote(unescape(src))
        at = _written_address(searched, address, start) if address else -1
        if at < 0 and address:  # a reference's address ([kaart]: kaart.png) may come before the image that uses it
            at = _written_address(searched, address, 0)
        else:
            start = at + 1
        if at < 0 and number < len(marks):  # an address the renderer refused (javascript:): where its `![` is
            at = marks[number]
        images.append(WrittenImage(at, src, address, unescape(alt), unescape(title or ""), bool(opened and closed)))
    return images


_IMAGE_MARK = re.compile(r"(?<!\\)!\[")


def _written_address(text: str, address: str, start: int) -> int:
    """Where, from `start`, `text` has the image address `address`: `](address`, `](<address>` or `[x]: address`."""
    pattern = re.escape(address).replace("\\ ", "(?: |%20)")
    written = re.compile(r"(?:\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?)(" + pattern + r")(?=[)>\s\"']|$)", re.MULTILINE)
    match = written.search(text, start)
    return match.start(1) if match else -1


_WRITTEN_REFERENCE = re.compile(r"(?<!\\)\[\^([^\]\s]+)\](?!:)")
_WRITTEN_FOOTNOTE = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)
FootnoteProblem = Literal["no_footnote", "not_referenced", "repeated"]


def unmatched_footnotes(text: str, line_breaks: bool = False) -> list[tuple[int, str, FootnoteProblem]]:
    """The footnotes in the Markdown `text` that do not come out as the author meant: where each is written in
    `text`, its label as written ([^1]), and what is wrong. A reference without a footnote ("no_footnote") stands
    on the page as written; a footnote never referenced ("not_referenced") is not shown at all; and of a label with
    two footnotes ("repeated") the references lead to the first. `line_breaks` as `render_markdown` renders it.
    """
    if "[^" not in text:
        return []
    # As for language marks, the page says whether something is wrong, and the text, its code blanked out, where.
    html = render_markdown(text, line_breaks=line_breaks)
    shown = "".join(piece for part in _CODE.split(html)[::2] for piece in _TAG.split(part)[::2])
    searched = _SOURCE_CODE.sub(lambda code: " " * len(code.group()), text)
    footnotes: dict[str, re.Match[str]] = {}
    problems: list[tuple[int, str, FootnoteProblem]] = []
    for footnote in _WRITTEN_FOOTNOTE.finditer(searched):
        if footnote[1].casefold() in footnotes:  # labels are alike whatever their case, as in links
            problems.append((footnote.start(), f"[^{footnote[1]}]", "repeated"))
        else:
            footnotes[footnote[1].casefold()] = footnote
    referenced = set()
    for reference in _WRITTEN_REFERENCE.finditer(searched):
        referenced.add(reference[1].casefold())
        if reference[1].casefold() not in footnotes and f"[^{reference[1]}]" in unescape(shown):
            problems.append((reference.start(), reference.group(), "no_footnote"))
    # The footnotes with a label that came out: an inline one (^[..]) has no label, and would hide one that did not.
    raw = comrak.render_markdown(
        text, extension_options=_EXTENSIONS, render_options=_RENDER_LINE_BREAKS if line_breaks else _RENDER
    )
    shown_footnotes = raw.count('<li id="fn-') - raw.count('<li id="fn-__inline_')
    if shown_footnotes < len(footnotes) + sum(1 for *_, problem in problems if problem == "repeated"):
        problems += [
            (footnote.start(), f"[^{footnote[1]}]", "not_referenced")
            for label, footnote in footnotes.items()
            if label not in referenced
        ]
    return sorted(problems)


_BARE_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.DOTALL)


def _heading_ids(html: str, prefix: str) -> str:
    """Each heading of the text with an id, "tekst:kop-wat-hebben-we-bereikt": a search result for words under it
    leads there (Pagefind links to the heading with an id above a match), where it led to the top of a long page.
    "kop-" keeps them apart from the footnotes' ids ("tekst:voetnoot-1"), whatever a heading says."""
    seen: dict[str, int] = {}

    def add(match: re.Match[str]) -> str:
        slug = slugify(_plain(match.group(2))) or "kop"
        seen[slug] = number = seen.get(slug, 0) + 1
        key = slug if number == 1 else f"{slug}-{number}"
        return f'<h{match.group(1)} id="{prefix}:kop-{key}">{match.group(2)}</h{match.group(1)}>'

    return _BARE_HEADING.sub(add, html)


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


_SITE_LINK = re.compile(
    r'<a href="(?!https?:|mailto:|tel:|//)([^"]*)"(?: title="[^"]*")? rel="noopener noreferrer">(.*?)</a>',
    re.DOTALL | re.IGNORECASE,
)
"""A link the author wrote, as the cleaning leaves it (a footnote's reference and way back have more attributes), to
a place without an address of its own."""


def render_markdown_for_print(
    text: str,
    top_level: int = 2,
    line_breaks: bool = False,
    *,
    language: str = "nl",
    footnote_ids: str = "tekst",
    images: tuple[Image, ...] = (),
    page: str | None = None,
    places: Mapping[str, str] | None = None,
    text_language: str | None = None,
) -> str:
    """`render_markdown` for the PDF, where a link within the site (../../open-data/indicatoren.csv, #kop) leads
    nowhere: the PDF stands on its own, and WeasyPrint made such a link a file:// path on the machine that built
    it. It is left as its text; one to a chapter or section gets its number after it, from `places` (a page of
    the site, as "4-bestuur/4-2-financien/", and the words that name it, "paragraaf 4.2"), the link starting from
    `page`: on paper 'zie [de financiën](../4-2-financien/)' said nothing of where to look. A footnote's
    reference still leads to its note, within the PDF. The images are read from a folder of images beside the
    HTML (`write_pdf`). `text_language` as for `render_markdown`."""
    ids = _ids_if_needed(text, footnote_ids)
    html = _render(text, top_level, line_breaks, language, ids, True, images, "", text_language)
    if "<a href=" not in html:
        return html
    return _SITE_LINK.sub(lambda link: link[2] + _named_place(unescape(link[1]), link[2], page, places or {}), html)


def _named_place(href: str, text: str, page: str | None, places: Mapping[str, str]) -> str:
    """ " (paragraaf 4.2)" after a link to a chapter or section other than `page`, unless its text names the number."""
    target = resolve(page, unquote(href)) if page is not None else None
    if target is None:
        return ""
    target = next((t for t in (target, f"{target}/", target.removesuffix("index.html")) if t in places), None)
    if target is None or target == page:
        return ""
    name = places[target]
    number = name.rsplit(" ", 1)[-1]
    if re.search(rf"(?<![\d.]){re.escape(number)}(?![\d]|\.\d)", _TAG.sub("", text)):
        return ""
    return f" ({escape(name)})"


def resolve(page: str, href: str) -> str | None:
    """Where `href` (as written, not %-encoded) on `page` leads, relative to the site's root; None when it is not
    a link within the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None  # an address of its own, or only a #fragment or ?query on the page itself
    segments = page.rstrip("/").split("/") if page else []
    steps = parts.path.split("/")
    for step in steps:
        if step == "..":
            if not segments:
                return None  # out of this document's site: another document of a portal, say
            segments.pop()
        elif step not in (".", ""):
            segments.append(step)
    folder = steps[-1] in ("", ".", "..")
    return "/".join(segments) + ("/" if folder and segments else "")
