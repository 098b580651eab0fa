"""Links within the site, written in the texts: one to a page or file the site does not have is reported.

A P&C advisor writes `[de cijfers](../../open-data/indicatoren.csv)` or `[paragraaf 4.2](../4-2-financien/)` in a
text; the link is relative to the page the text stands on, as a browser resolves it. Links that leave the site
(to another document of a portal, say) and links with an address of their own (https:, mailto:) are not checked.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from verantwoord.build.markdown import render_markdown, resolve
from verantwoord.build.opendata import FILES as OPEN_DATA_FILES
from verantwoord.build.opendata import FOLDER as OPEN_DATA
from verantwoord.build.paths import SEARCH_PATH, STATEMENT_PATH, pdf_name
from verantwoord.model import Document

_HREF = re.compile(r'<a href="([^"]*)"')


def site_paths(document: Document, *, pdf: bool = True, search: bool = True) -> set[str]:
    """Every page (its folder, "4-bestuur/") and file of the document's site, relative to its root."""
    paths = {"", STATEMENT_PATH, *(f"{OPEN_DATA}/{name}" for name in OPEN_DATA_FILES)}
    if pdf:
        paths.add(pdf_name(document))
    if search:
        paths.add(SEARCH_PATH)
    for chapter in document.chapters:
        paths.add(f"{chapter.slug}/")
        for section in chapter.sections:
            paths.add(f"{chapter.slug}/{section.slug}/")
            paths.add(f"{OPEN_DATA}/{section.slug}.csv")
    return paths


@dataclass(frozen=True)
class Link:
    """A link within the site, as the author wrote it (`../4-2-financiën/`), and where it leads."""

    href: str
    target: str


def texts_with_pages(document: Document) -> Iterator[tuple[str, str, str]]:
    """(number, page, Markdown) of every chapter and section text: the page is where its links start from."""
    for chapter in document.chapters:
        yield chapter.number, f"{chapter.slug}/", chapter.text
        for section in chapter.sections:
            yield section.number, f"{chapter.slug}/{section.slug}/", section.text


def broken_links(text: str, page: str, paths: set[str]) -> list[Link]:
    """The links in the Markdown `text` on `page` that lead to no page or file in `paths`."""
    if "](" not in text and "]:" not in text:  # no inline link nor a link reference: most texts
        return []
    broken = []
    for href in _HREF.findall(render_markdown(text)):
        written = unquote(html.unescape(href))  # the renderer writes ë as %C3%AB; the author wrote ë
        target = resolve(page, written)
        if target is not None and not {target, f"{target}/", target.removesuffix("index.html")} & paths:
            broken.append(Link(written, target))
    return broken


@dataclass(frozen=True)
class IndicatorPage:
    """The page of an indicator's section: its address relative to the site's root, and the section's number."""

    page: str
    section: str


@dataclass(frozen=True)
class IndicatorPages:
    """Where the indicators of a document's site stand: what a link to #ind-<id> is checked against."""

    pages: dict[str, dict[str, IndicatorPage]]
    """Every page of the site (its folder, "4-bestuur/"), with the indicators on it by id."""
    ids: frozenset[str]
    """Every indicator's id, in lower case."""


def indicator_pages(document: Document) -> IndicatorPages:
    """The pages of the document's site and the indicators on each: an indicator stands on its section's page, under
    the anchor #ind-<id>; the other pages have none."""
    pages: dict[str, dict[str, IndicatorPage]] = {"": {}, STATEMENT_PATH: {}, SEARCH_PATH: {}}
    for chapter in document.chapters:
        pages[f"{chapter.slug}/"] = {}
        for section in chapter.sections:
            page = f"{chapter.slug}/{section.slug}/"
            place = IndicatorPage(page, section.number)
            pages[page] = {indicator.id: place for indicator in section.indicators}
    return IndicatorPages(pages, frozenset(id.lower() for on_page in pages.values() for id in on_page))


@dataclass(frozen=True)
class IndicatorLink:
    """A link to an indicator's anchor (#ind-<id>) that is not on the page it leads to, as the author wrote it."""

    href: str
    target: str
    """The page it leads to, relative to the site's root: the page it stands on for #ind-<id> alone."""
    indicator: str
    without_prefix: bool = False
    """Written as the bare id (#kcc-bereikbaarheid), which no element of a page has."""


PAGE_IDS = frozenset({"inhoud", "open-data-titel", "toc-title", "zoeken"})
"""The ids of the site's pages that are not an indicator's (base.html, macros.html, home.html, search.html)."""


def dead_indicator_links(text: str, page: str, indicators: IndicatorPages) -> list[IndicatorLink]:
    """The links in the Markdown `text` on `page` to an indicator (#ind-<id>, ../4-2-financien/#ind-<id>) that the
    page they lead to does not show, and those to an indicator's bare id (#<id>): a browser opens the page at its
    top. A link to a page the site does not have is `broken_links`'s."""
    if "#" not in text or ("](" not in text and "]:" not in text):  # no link to a place on a page: most texts
        return []
    pages, ids = indicators.pages, indicators.ids
    dead = []
    for href in _HREF.findall(render_markdown(text)):
        written = unquote(html.unescape(href))
        parts = urlsplit(written)
        fragment = parts.fragment
        prefixed = fragment.startswith("ind-")
        bare = not prefixed and fragment.lower() in ids and fragment not in PAGE_IDS
        if parts.scheme or parts.netloc or not (prefixed or bare):
            continue
        target = resolve(page, written) if parts.path else page
        if target is None:
            continue  # out of this document's site
        target = next((t for t in (target, f"{target}/", target.removesuffix("index.html")) if t in pages), None)
        indicator = fragment.removeprefix("ind-").split(":")[0] if prefixed else fragment
        if target is not None and (bare or indicator not in pages[target]):
            dead.append(IndicatorLink(written, target, indicator, without_prefix=bare))
    return dead


def written_at(text: str, href: str) -> int:
    """Where in `text` the link `href` is written: `](href)`, `](<href>)` or a reference `[x]: href`; -1 if not.

    The address must end where it ends in the text, so that ../../open-data is not found in ../../open-data/x.csv.
    """
    address = re.escape(href).replace("\\ ", "(?: |%20)")
    match = re.search(r"(?:\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?)(" + address + r")(?=[)>\s\"'#?]|$)", text, re.MULTILINE)
    return match.start(1) if match else -1
