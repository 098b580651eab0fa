"""Join the PDF's parts, each a tagged PDF from WeasyPrint, into one tagged PDF (PDF/UA-1), with pikepdf.

The parts are rendered apart because WeasyPrint holds a whole render in memory (build/pdf.py). Joining
keeps what a reader and a screen reader rely on:

- the pages in order: the front (cover and contents), then the parts;
- one structure tree: each part's elements go under the front's Document element, and the keys of the
  parent tree are renumbered, in the pages (StructParents) and their links (StructParent) alike;
- the named destinations, so that the contents' links, which name a heading, land on it in its part;
- the bookmarks, with the sections of a chapter continued from the previous part under that chapter;
- the running header and page numbers: the margins' pages laid over every page but the cover, marked as
  pagination artifacts, which a screen reader skips;
- a subset tag per font subset: each part has its own subset of the same font, which WeasyPrint gives the
  same tag, and a file may not name different subsets alike (ISO 32000-1, 9.6.4).
"""

from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem


@dataclass(frozen=True)
class RenderedPart:
    """A PDF written by WeasyPrint, with what joining needs to know of it."""

    path: Path
    pages: int
    anchors: Mapping[str, int] = field(default_factory=dict)
    """The page (from 0) of each heading, by id."""
    continued_sections: int = 0
    """How many sections at its start belong to a chapter that opened in the previous part."""


_PageMap = Mapping[tuple[int, int], pikepdf.Object]
"""A part's page objects (by object number and generation) to the same pages in the joined PDF."""


class JoinError(Exception):
    """The parts do not fit together (a bug, not bad input)."""


def join_parts(front: RenderedPart, parts: list[RenderedPart], margins: list[RenderedPart], target: Path) -> None:
    """Write `front` followed by `parts` to `target` as one tagged PDF, with the pages of `margins` (in order)
    over every page but the first."""
    with pikepdf.open(front.path) as pdf:
        tree = _StructureTree(pdf)
        destinations = _destinations(pdf.Root, None)
        with pdf.open_outline() as outline:
            bookmarks = list(outline.root)
            outline.root.clear()
        for part in parts:
            with pikepdf.open(part.path) as source:
                first = len(pdf.pages)
                with warnings.catch_warnings():  # the named destinations are carried below, not by pikepdf
                    warnings.simplefilter("ignore", getattr(pikepdf, "PageCopyWarning", UserWarning))
                    pdf.pages.extend(source.pages)
                pages = {source.pages[n].obj.objgen: pdf.pages[first + n].obj for n in range(len(source.pages))}
                tree.add(pdf.copy_foreign(source.Root.StructTreeRoot), pdf.pages[first:])
                destinations.update(_destinations(source.Root, pages))
                with source.open_outline() as outline:
                    items = [_moved(item, pages) for item in outline.root]
            if part.continued_sections and bookmarks:
                bookmarks[-1].children.extend(items[: part.continued_sections])
                items = items[part.continued_sections :]
            bookmarks.extend(items)
        tree.close()
        pdf.Root.Names.Dests = pdf.make_indirect(
            Dictionary(Names=Array([value for name in sorted(destinations) for value in (name, destinations[name])]))
        )
        with pdf.open_outline() as outline:
            outline.root.extend(bookmarks)
        _lay_over(pdf, margins)
        _retag_fonts(pdf)
        pdf.save(target, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)


class _StructureTree:
    """The front's structure tree, which the parts' elements join."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.root = pdf.Root.StructTreeRoot
        (self.document,) = self.root.K
        self.nums = self.root.ParentTree.Nums
        self.next_key = max((int(key) for key in self.nums[::2]), default=-1) + 1

    def add(self, root: pikepdf.Object, pages: list[pikepdf.Page]) -> None:
        """Take the elements of a part's (copied) structure tree; `pages` are its pages, already in the PDF."""
        (document,) = root.K
        for element in document.K:
            element.P = self.document
            self.document.K.append(element)
        offset = self.next_key
        nums = root.ParentTree.Nums
        for index in range(0, len(nums), 2):
            self.nums.append(int(nums[index]) + offset)
            self.nums.append(nums[index + 1])
            self.next_key = max(self.next_key, int(nums[index]) + offset + 1)
        for page in pages:
            page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", ()):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset

    def close(self) -> None:
        self.root.ParentTreeNextKey = self.next_key
        # The header cells' IDs, which table cells name in /Headers, are looked up in an ID tree (ISO 32000-1,
        # 14.7.2): WeasyPrint writes none. Each part gave its header cells IDs of their own (build/pdftables.py).
        ids: dict[str, pikepdf.Object] = {}
        stack = [self.document]
        while stack:
            element = stack.pop()
            if "/ID" in element:
                ids.setdefault(str(element.ID), element)
            kids = element.get("/K")
            for kid in kids if isinstance(kids, Array) else [kids] if kids is not None else []:
                if isinstance(kid, Dictionary) and "/S" in kid:
                    stack.append(kid)
        if ids:
            names = [item for name in sorted(ids) for item in (pikepdf.String(name), ids[name])]
            self.root.IDTree = Dictionary(Names=Array(names))


def _destinations(root: pikepdf.Object, pages: _PageMap | None) -> dict[str, pikepdf.Object]:
    """The named destinations of a catalog (WeasyPrint writes them as one flat name tree).

    With `pages`, the catalog is a part's, and each destination is moved to its page in the joined PDF.
    """
    if "/Names" not in root or "/Dests" not in root.Names:
        return {}
    names = root.Names.Dests.Names
    return {
        str(names[index]): names[index + 1] if pages is None else _moved_destination(names[index + 1], pages)
        for index in range(0, len(names), 2)
    }


def _moved_destination(destination: pikepdf.Object, pages: _PageMap) -> Array:
    """An explicit destination of a part, [page /XYZ left top zoom], on the same page in the joined PDF."""
    if not isinstance(destination, Array) or not len(destination):
        raise JoinError(f"a destination that is not explicit: {destination!r}")
    return Array([pages[destination[0].objgen], *destination[1:]])


def _moved(item: OutlineItem, pages: _PageMap) -> OutlineItem:
    """A part's bookmark, pointing at the same place in the joined PDF."""
    moved = OutlineItem(item.title, _moved_destination(item.destination, pages))
    moved.children.extend(_moved(child, pages) for child in item.children)
    return moved


def _lay_over(pdf: pikepdf.Pdf, margins: list[RenderedPart]) -> None:
    """Draw the pages of `margins` over the pages of `pdf` after the cover, one each, as pagination artifacts."""
    pages = iter(enumerate(pdf.pages))
    next(pages)  # the cover has no header and no number
    sheets = 0
    for part in margins:
        with pikepdf.open(part.path) as overlay:
            sheets += len(overlay.pages)
            for sheet, (number, page) in zip(overlay.pages, pages, strict=False):
                if list(page.mediabox) != list(sheet.mediabox):
                    raise JoinError("the margins' pages are not the size of the document's")
                # A name of our own per page, not add_resource's random one, so the same input gives the same
                # bytes; per page, because WeasyPrint's pages share one resource dictionary.
                name = Name(f"/VerantwoordMargins{number}")
                page.add_resource(pdf.copy_foreign(sheet.as_form_xobject()), Name.XObject, name, replace_existing=False)
                page.contents_add(b"q\n", prepend=True)
                page.contents_add(b"\nQ\n/Artifact <</Type /Pagination>> BDC q %s Do Q EMC\n" % str(name).encode())
    if sheets != len(pdf.pages) - 1:
        raise JoinError(f"{sheets} pages of margins for {len(pdf.pages)} pages and a cover")


def _retag_fonts(pdf: pikepdf.Pdf) -> None:
    """Give each embedded font subset a tag made from its font file, so different subsets differ in name."""
    done: set[tuple[int, int]] = set()
    for font in _fonts(pdf):
        if font.objgen in done:
            continue
        done.add(font.objgen)
        described = font.DescendantFonts[0] if "/DescendantFonts" in font else font
        descriptor = described.get("/FontDescriptor")
        if descriptor is None:
            continue
        file = next((descriptor[key] for key in ("/FontFile2", "/FontFile3", "/FontFile") if key in descriptor), None)
        name = str(descriptor.FontName)[1:]
        if file is None or not re.fullmatch(r"[A-Z]{6}\+.+", name):
            continue
        digest = hashlib.sha256(file.read_raw_bytes()).digest()
        tagged = Name("/" + "".join(chr(ord("A") + byte % 26) for byte in digest[:6]) + name[6:])
        descriptor.FontName = tagged
        for holder in {font.objgen: font, described.objgen: described}.values():
            if str(holder.get("/BaseFont", "")) == f"/{name}":
                holder.BaseFont = tagged


def _fonts(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Object]:
    """Every font the pages use, directly or in a form (the margins); once per resource dictionary."""
    seen: set[tuple[int, int]] = set()
    pending = [page.obj.get("/Resources") for page in pdf.pages]
    while pending:
        resources = pending.pop()
        if resources is None or (resources.is_indirect and resources.objgen in seen):
            continue
        if resources.is_indirect:
            seen.add(resources.objgen)
        yield from resources.get("/Font", Dictionary()).values()
        for xobject in resources.get("/XObject", Dictionary()).values():
            if xobject.get("/Subtype") == "/Form":
                pending.append(xobject.get("/Resources"))
