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

from verantwoord.build.markdown import render_markdown
from verantwoord.build.opendata import FILES as OPEN_DATA_FILES
from verantwoord.build.opendata import FOLDER as OPEN_DATA
from verantwoord.build.pdf import pdf_name
from verantwoord.build.site import SEARCH_PATH, STATEMENT_PATH
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


def written_at(text: str, href: str) -> int:
    """Where in `text` the link `href` is written: `](href)`, `](<href>)` or a reference `[x]: href`; -1 if not.

    The address must end where it ends in the text, so that ../../open-data is not found in ../../open-data/x.csv.
    """
    address = re.escape(href).replace("\\ ", "(?: |%20)")
    match = re.search(r"(?:\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?)(" + address + r")(?=[)>\s\"'#?]|$)", text, re.MULTILINE)
    return match.start(1) if match else -1


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
