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
- the table of contents as a contents list (TOC, a TOCI per entry), which WeasyPrint tags as any list (L, LI);
- a body (LBody) in every list item of blocks, which WeasyPrint leaves without (a footnote);
- one Link element for a link over two lines, which WeasyPrint tags as a link per line;
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
    turned: frozenset[int] = frozenset()
    """The pages (from 0) turned a quarter (A4 landscape): a table in a text too wide for the page upright."""


_PageMap = Mapping[tuple[int, int], pikepdf.Object]
"""A part's page objects (by object number and generation) to the same pages in the joined PDF."""


class JoinError(Exception):
    """The parts do not fit together (a bug, not bad input)."""


def join_parts(front: RenderedPart, parts: list[RenderedPart], margins: list[RenderedPart], target: Path) -> None:
    """Write `front` followed by `parts` to `target` as one tagged PDF, with the pages of `margins` (in order)
    over every page but the first."""
    with pikepdf.open(front.path) as pdf:
        tree = _StructureTree(pdf)
        _tag_contents(tree.document)
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
        _give_items_bodies(pdf, tree.document)
        _join_wrapped_links(tree)
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


def _give_items_bodies(pdf: pikepdf.Pdf, document: pikepdf.Object) -> None:
    """Put what a list item holds beside its label into a body (LBody): an item may hold only a label and a body
    (ISO 32000-1, table 336), and WeasyPrint gives an item of blocks (a footnote, an item of two paragraphs) none.

    Only elements are moved: their content stays theirs in the parent tree, so the tree needs no other change.
    """
    stack = [document]
    while stack:
        element = stack.pop()
        kids = _kids(element)
        stack.extend(kid for kid in kids if _is_element(kid))
        if element.S != "/LI" or all(_is_element(kid) and kid.S in ("/Lbl", "/LBody") for kid in kids):
            continue
        if not all(_is_element(kid) for kid in kids):
            continue  # content of the item's own: not seen from WeasyPrint, and not moved without the parent tree
        body = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.LBody, P=element, K=Array()))
        kept = []
        for kid in kids:
            if kid.S in ("/Lbl", "/LBody"):
                kept.append(kid)
                continue
            if not body.K:
                kept.append(body)
            kid.P = body
            body.K.append(kid)
        element.K = Array(kept)


def _join_wrapped_links(tree: _StructureTree) -> None:
    """One Link element for each link, whatever the lines it takes: WeasyPrint makes an element per line, and a
    screen reader announced an indicator's title in an overview, or a long chapter's line in the contents, as two
    links ('4. Een hoofdstuk met een lange titel die', then 'loopt'). The parts of a link are a Link after a Link
    with an annotation to the same place and the same description (build/pdflinks.py gives each the whole link's
    text); the later one's content and annotation join the first, in the parent tree too."""
    joined: dict[tuple[int, int], pikepdf.Object] = {}
    stack = [tree.document]
    while stack:
        element = stack.pop()
        kept: list[pikepdf.Object] = []
        for kid in _kids(element):
            if not _is_element(kid):
                kept.append(kid)
                continue
            previous = kept[-1] if kept else None
            if previous is not None and _is_element(previous) and _same_link(previous, kid):
                for content in _kids(kid):
                    if _is_element(content):
                        content.P = previous
                    elif isinstance(content, Dictionary):  # an annotation's or a marked content's reference
                        content.Pg = content.get("/Pg", kid.Pg)
                    elif kid.Pg.objgen != previous.Pg.objgen:  # a marked content's number is its page's
                        content = Dictionary(Type=Name.MCR, Pg=kid.Pg, MCID=content)
                    previous.K = Array([*_kids(previous), content])
                joined[kid.objgen] = previous
                continue
            kept.append(kid)
            stack.append(kid)
        if len(kept) != len(_kids(element)):
            element.K = Array(kept)
    if not joined:
        return
    nums = tree.nums
    for index in range(1, len(nums), 2):
        value = nums[index]
        if isinstance(value, Array):
            for number, marked in enumerate(value):
                if isinstance(marked, Dictionary) and marked.objgen in joined:
                    value[number] = joined[marked.objgen]
        elif isinstance(value, Dictionary) and value.objgen in joined:
            nums[index] = joined[value.objgen]


def _same_link(first: pikepdf.Object, second: pikepdf.Object) -> bool:
    """Whether the Link elements `first` and `second` are parts of one link: their annotations lead to the same
    place and are described alike."""
    if first.S != "/Link" or second.S != "/Link":
        return False
    targets = [_link_targets(element) for element in (first, second)]
    return bool(targets[0]) and len(targets[1]) == 1 and targets[1][0] == targets[0][-1]


def _link_targets(element: pikepdf.Object) -> list[tuple[str, str]]:
    """Where each of a Link element's annotations leads, and its description."""
    found = []
    for kid in _kids(element):
        if isinstance(kid, Dictionary) and kid.get("/Type") == "/OBJR":
            annotation = kid.Obj
            action = annotation.get("/A")
            place = annotation.get("/Dest") if action is None else action.get("/URI", action.get("/D"))
            found.append((str(place), str(annotation.get("/Contents", ""))))
    return found


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    return list(kids) if isinstance(kids, Array) else [] if kids is None else [kids]


def _is_element(kid: pikepdf.Object) -> bool:
    return isinstance(kid, Dictionary) and "/S" in kid


def _tag_contents(document: pikepdf.Object) -> None:
    """Tag the front's table of contents as one (ISO 32000-1, 14.8.4.3.2): a list whose every item links to a
    place in the document becomes a TOC, each item a TOCI, and the title and page number it links a Reference.

    WeasyPrint tags the contents as it tags any ordered list (L, LI, LBody), one list per page it spans: a screen
    reader announced a list, not the contents. The parts of a contents spread over pages become one TOC, and an
    entry continued on the next page (a chapter's sections) one TOCI, where they hold no content of their own.
    """
    contents: list[pikepdf.Object] = []
    stack = [document]
    while stack:
        element = stack.pop()
        for kid in _kids(element):
            if not _is_element(kid):
                continue
            if kid.S == "/L" and _links_inside(kid):
                _to_toc(kid)
                contents.append(kid)
            else:
                stack.append(kid)
    # The contents' list on each page, in the order of the pages: each in a grouping of its own (the contents'
    # element on that page) right under the document, one after the other.
    groupings = [kid.objgen for kid in _kids(document) if _is_element(kid)]
    place = {objgen: number for number, objgen in enumerate(groupings)}
    contents.sort(key=lambda toc: place.get(toc.P.objgen, -1))
    whole = previous = None
    for toc in contents:
        if whole is not None and _continues(previous, toc, place):
            _merge_entries(whole, toc)
            document.K = Array([kid for kid in _kids(document) if not _is_element(kid) or kid.objgen != toc.P.objgen])
        else:
            whole = toc
        previous = toc


def _links_inside(listing: pikepdf.Object) -> bool:
    """Whether every item of a list holds a link to a place in the document (an entry of the contents)."""
    items = [kid for kid in _kids(listing) if _is_element(kid)]
    return bool(items) and all(item.S == "/LI" and _has_internal_link(item) for item in items)


def _has_internal_link(element: pikepdf.Object) -> bool:
    stack = [element]
    while stack:
        element = stack.pop()
        for kid in _kids(element):
            if _is_element(kid):
                stack.append(kid)
            elif element.S == "/Link" and isinstance(kid, Dictionary) and kid.get("/Type") == "/OBJR":
                annotation = kid.Obj
                action = annotation.get("/A")
                if "/Dest" in annotation or (action is not None and action.get("/S") == "/GoTo"):
                    return True
    return False


def _to_toc(listing: pikepdf.Object) -> None:
    """A list (L) and the lists in it as TOC; each item a TOCI that holds a Reference (the entry's link and page
    number) and its entries' TOC. An item's body (LBody) is not allowed in a TOCI: what it holds takes its place."""
    listing.S = Name.TOC
    for item in _kids(listing):
        if not _is_element(item) or item.S != "/LI":
            continue
        item.S = Name.TOCI
        kids = []
        for kid in _kids(item):
            if not _is_element(kid) or kid.S != "/LBody":
                kids.append(kid)
            elif not any(_is_element(inner) and inner.S == "/L" for inner in _kids(kid)):
                kid.S = Name.Reference  # the link and the page number
                kids.append(kid)
            elif all(_is_element(inner) and inner.S in ("/NonStruct", "/P", "/L") for inner in _kids(kid)):
                # the entry's line (a block of its own beside the list), then its sections
                for inner in _kids(kid):
                    inner.P = item
                    if inner.S == "/L":
                        _to_toc(inner)
                    elif inner.S == "/NonStruct":
                        inner.S = Name.Reference
                    kids.append(inner)
            else:  # content of its own beside a list: kept together, as a grouping a TOCI may hold
                kid.S = Name.NonStruct
                for inner in _kids(kid):
                    if _is_element(inner) and inner.S == "/L":
                        _to_toc(inner)
                kids.append(kid)
        item.K = Array(kids)


def _holds_content(element: pikepdf.Object) -> bool:
    return any(not _is_element(kid) for kid in _kids(element))


def _continues(previous: pikepdf.Object, toc: pikepdf.Object, place: dict[tuple[int, int], int]) -> bool:
    """Whether the TOC `toc` continues `previous` on the next page: alone in the grouping right after the one of
    `previous`, and neither holding content of its own that taking them out of the tree would lose."""
    before, grouping = place.get(previous.P.objgen), place.get(toc.P.objgen)
    return (
        before is not None
        and grouping == before + 1
        and len(_kids(toc.P)) == 1
        and _is_element(_kids(toc.P)[0])
        and _kids(toc.P)[0].objgen == toc.objgen
        and not _holds_content(toc)
    )


def _merge_entries(toc: pikepdf.Object, more: pikepdf.Object) -> None:
    """Move the entries of the TOC `more` to the end of `toc`. An entry that continues `toc`'s last (a TOCI of
    only the rest of its sections' TOC) is not an entry of its own: its entries join those of the last."""
    entries = [kid for kid in _kids(more) if _is_element(kid)]
    last = next((kid for kid in reversed(_kids(toc)) if _is_element(kid)), None)
    if entries and last is not None and last.S == "/TOCI" and entries[0].S == "/TOCI":
        inner = _kids(entries[0])
        last_inner = [kid for kid in _kids(last) if _is_element(kid)]
        if (
            len(inner) == 1
            and _is_element(inner[0])
            and inner[0].S == "/TOC"
            and not _holds_content(inner[0])
            and last_inner
            and last_inner[-1].S == "/TOC"
        ):
            _merge_entries(last_inner[-1], inner[0])
            entries = entries[1:]
    for entry in entries:
        entry.P = toc
    toc.K = Array([*_kids(toc), *entries])


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
