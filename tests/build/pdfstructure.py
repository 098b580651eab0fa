"""What breaks a tagged PDF's structure, found with pikepdf: the checks a PDF/UA validator makes of the tree.

Every marked content sequence on a page belongs to an element of the tree on that page, through the parent
tree; every link annotation belongs to a Link element that refers back to it, and names a destination that
exists; each element is in the tree once, under its parent; every figure has alternative text; the parent
tree's keys are unique; a table of contents' and a list's elements hold what ISO 32000-1 (tables 333 and 336) lets
them.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary

# What a table of contents' elements may hold and be held by (ISO 32000-1, 14.8.4.3.2, table 333).
# A list item holds its label and body (table 336), and is held by a list.
_MAY_HOLD = {
    "/TOC": {"/TOCI", "/TOC", "/Caption"},
    "/TOCI": {"/Lbl", "/Reference", "/NonStruct", "/P", "/TOC"},
    "/LI": {"/Lbl", "/LBody"},
}
_HELD_BY = {"/TOCI": {"/TOC"}, "/LI": {"/L"}, "/LBody": {"/LI"}}


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K", Array())
    return list(kids) if isinstance(kids, Array) else [kids]


def destinations(pdf: pikepdf.Pdf) -> dict[str, int]:
    """The page index (from 0) of each named destination."""
    names = pdf.Root.Names.Dests.Names
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    return {str(names[i]): pages[names[i + 1][0].objgen] for i in range(0, len(names), 2)}


def structure_problems(pdf: pikepdf.Pdf) -> list[str]:
    problems: list[str] = []
    root = pdf.Root.StructTreeRoot
    nums = root.ParentTree.Nums
    keys = [int(key) for key in nums[::2]]
    if keys != sorted(set(keys)):
        problems.append("the parent tree's keys are not unique and ascending")
    if keys and int(root.get("/ParentTreeNextKey", 0)) <= max(keys):
        problems.append("ParentTreeNextKey is not past the last key")
    parents = dict(zip(keys, nums[1::2], strict=True))

    in_tree: set[tuple[int, int]] = set()
    stack = [(element, root) for element in _kids(root)]
    while stack:
        element, parent = stack.pop()
        if element.objgen in in_tree:
            problems.append(f"element {element.S} is in the tree twice")
            continue
        in_tree.add(element.objgen)
        if element.P.objgen != parent.objgen:
            problems.append(f"element {element.S} does not name its parent")
        if element.S == "/Figure" and not str(element.get("/Alt", "")).strip():
            problems.append("a figure without alternative text")
        if str(element.S) in _HELD_BY and str(parent.get("/S")) not in _HELD_BY[str(element.S)]:
            problems.append(f"element {element.S} in {parent.get('/S')}")
        if str(element.S) in _MAY_HOLD:
            for kid in _kids(element):
                if isinstance(kid, Dictionary) and "/S" in kid and str(kid.S) not in _MAY_HOLD[str(element.S)]:
                    problems.append(f"element {kid.S} in {element.S}")
        stack.extend((kid, element) for kid in _kids(element) if isinstance(kid, Dictionary) and "/S" in kid)

    named = destinations(pdf)
    page_keys: set[int] = set()
    for number, page in enumerate(pdf.pages, start=1):
        key = int(page.obj.StructParents)
        if key in page_keys:
            problems.append(f"page {number} shares its parent tree key {key}")
        page_keys.add(key)
        marked = parents.get(key)
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) != "BDC" or not isinstance(operands[1], Dictionary) or "/MCID" not in operands[1]:
                continue
            mcid = int(operands[1].MCID)
            if not isinstance(marked, Array) or mcid >= len(marked):
                problems.append(f"page {number}: content {mcid} is not in the parent tree")
            elif marked[mcid].objgen not in in_tree:
                problems.append(f"page {number}: content {mcid} belongs to an element outside the tree")
            elif marked[mcid].Pg.objgen != page.obj.objgen and not any(
                isinstance(kid, Dictionary) and kid.get("/MCID") == mcid and kid.Pg.objgen == page.obj.objgen
                for kid in _kids(marked[mcid])
            ):  # its own page, or that of a reference to marked content (MCR) that names it
                problems.append(f"page {number}: content {mcid} belongs to an element of another page")
        for annotation in page.obj.get("/Annots", ()):
            element = parents.get(int(annotation.get("/StructParent", -1)))
            if element is None or element.objgen not in in_tree:
                problems.append(f"page {number}: a link without its element in the tree")
            elif element.S != "/Link":  # PDF/UA-1 7.18.5: a link annotation is the content of a Link element
                problems.append(f"page {number}: a link annotation in a {element.S} element, not a Link")
            elif not any(
                isinstance(kid, Dictionary) and kid.get("/Type") == "/OBJR" and kid.Obj.objgen == annotation.objgen
                for kid in _kids(element)
            ):
                problems.append(f"page {number}: a link's element does not refer to it")
            if "/Dest" in annotation and str(annotation.Dest) not in named:
                problems.append(f"page {number}: a link to {annotation.Dest}, which is not in the document")
    return problems
