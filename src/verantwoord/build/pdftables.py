"""The headers of each table cell in the PDF, as the HTML gives them (PDF/UA: a screen reader names them).

WeasyPrint tags tables with headers it works out itself, and gets tables with two header rows wrong: a cell under
"Realisatie cijfers" › "2017" was given the header "2017" only (or, in an overview, "Begroting, 2018"), and no
header cell had a Scope. The HTML says exactly which headers each cell has (`headers` and `scope`, from
build/tables.py): after WeasyPrint has written a part, this writes them into its structure tree, table by table
and cell by cell in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pikepdf
from pikepdf import Array, Dictionary, Name, String

_SCOPES = {"col": Name.Column, "colgroup": Name.Column, "row": Name.Row, "rowgroup": Name.Row}


@dataclass
class TableCells:
    """A table's cells in document order: a header cell as ("th", its id, its scope), a data cell as ("td", the ids
    of its headers, ""). The first `head` cells are those of its header rows (<thead>)."""

    cells: list[tuple[str, tuple[str, ...], str]] = field(default_factory=list)
    head: int = 0

    @property
    def has_ids(self) -> bool:
        """Whether the HTML names each cell's headers, as build/tables.py does; a Markdown table's does not."""
        return any(kind == "th" and names[0] for kind, names, _ in self.cells)


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[TableCells] = []
        self.depth = 0
        self.in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.tables.append(TableCells())
        elif self.depth == 1 and tag == "thead":
            self.in_head = True
        elif self.depth == 1 and tag in ("th", "td"):
            values = dict(attrs)
            table = self.tables[-1]
            if tag == "th":
                table.cells.append(("th", (values.get("id") or "",), values.get("scope") or ""))
            else:
                table.cells.append(("td", tuple((values.get("headers") or "").split()), ""))
            if self.in_head:
                table.head = len(table.cells)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.depth -= 1
        elif tag == "thead" and self.depth == 1:
            self.in_head = False


def html_tables(html: str) -> list[TableCells]:
    """The tables of a page of HTML, in order (a table within a table is not one of them)."""
    parser = _Tables()
    parser.feed(html)
    parser.close()
    return parser.tables


def set_table_headers(pdf: pikepdf.Pdf, tables: list[TableCells], prefix: str) -> int:
    """Give the cells of the PDF's tables the headers of `tables`, its HTML's; returns the PDF tables set.

    A table that runs over pages is a PDF table per page, each with the header rows again: those follow one HTML
    table. A PDF table that fits none is left as WeasyPrint tagged it, and the matching goes on with the next.
    Every header cell gets an ID of its own, `prefix` (the part of the PDF) first: the parts are joined later.
    """
    done = 0
    current, taken = 0, 0  # the HTML table being followed, and how many of its body cells the PDF has had
    earlier: dict[str, String] = {}  # its header cells on earlier pages: a row header can span rows onto the next
    for number, element in enumerate(_elements(pdf.Root.StructTreeRoot, Name.Table)):
        cells = _cells(element)
        kinds = [str(cell.S) for cell in cells]
        match = _fragment(kinds, tables, current, taken)
        if match is None or not tables[match[0]].has_ids:
            # A table in a text (Markdown: one header row, which WeasyPrint tags well), or one that fits none.
            _own_ids(cells, f"{prefix}-{number}")
            if match is not None:
                current, taken = _after(tables, *match, len(cells))
            continue
        if match[0] != current or match[1] == 0:
            earlier = {}
        current, start = match
        html = tables[current]
        body = len(cells) - html.head
        shown = html.cells[: html.head] + html.cells[html.head + start : html.head + start + body]
        _set(list(zip(cells, shown, strict=True)), f"{prefix}-{number}", earlier)
        current, taken = _after(tables, current, start, len(cells))
        done += 1
    return done


def _after(tables: list[TableCells], current: int, start: int, cells: int) -> tuple[int, int]:
    """Where the following goes on after a PDF table of `cells` cells showed table `current` from `start` on."""
    taken = start + cells - tables[current].head
    return (current + 1, 0) if taken >= len(tables[current].cells) - tables[current].head else (current, taken)


def _own_ids(cells: list[pikepdf.Object], prefix: str) -> None:
    """IDs of this part's own for the header cells WeasyPrint named, and their cells' /Headers after them: its IDs
    are numbered per part, and the parts are joined."""
    renamed = {}
    for index, cell in enumerate(cells):
        if cell.S == Name.TH and "/ID" in cell:
            renamed[bytes(cell.ID)] = cell.ID = String(f"{prefix}-{index}")
    for cell in cells:
        attributes = cell.get("/A")
        for candidate in attributes if isinstance(attributes, Array) else [attributes]:
            if isinstance(candidate, Dictionary) and "/Headers" in candidate:
                candidate.Headers = Array([renamed.get(bytes(name), name) for name in candidate.Headers])


def _fragment(kinds: list[str], tables: list[TableCells], current: int, taken: int) -> tuple[int, int] | None:
    """Which HTML table, and from which of its body cells on, the PDF table with cells of `kinds` shows: the one
    being followed where it was left, or else the start of one of the next few."""
    for index, start in [(current, taken), *((i, 0) for i in range(current + (taken > 0), current + 4))]:
        if index >= len(tables):
            break
        html = tables[index]
        expected = [f"/{kind.upper()}" for kind, _, _ in html.cells]
        head, body = expected[: html.head], expected[html.head :]
        rows = kinds[html.head :]
        if kinds[: html.head] == head and rows == body[start : start + len(rows)] and (rows or not body):
            return index, start
    return None


def _set(
    pairs: list[tuple[pikepdf.Object, tuple[str, tuple[str, ...], str]]], prefix: str, earlier: dict[str, String]
) -> None:
    """The IDs, scopes and headers of one PDF table's cells; `earlier` are the header cells of the same HTML table
    on earlier pages, which a cell here may name (and which this adds to)."""
    ids: dict[str, String] = {}
    for index, (cell, (kind, names, scope)) in enumerate(pairs):
        if kind == "th":
            cell.ID = String(f"{prefix}-{index}")
            ids[names[0]] = cell.ID
            if scope in _SCOPES:
                _table_attributes(cell).Scope = _SCOPES[scope]
    for cell, (kind, names, _) in pairs:
        if kind == "td":
            attributes = _table_attributes(cell)
            headers = [ids.get(name, earlier.get(name)) for name in names]
            if any(header is not None for header in headers):
                attributes.Headers = Array([header for header in headers if header is not None])
            elif "/Headers" in attributes:
                del attributes.Headers
    earlier.update(ids)


def _elements(node: pikepdf.Object, kind: Name) -> list[pikepdf.Object]:
    """The structure elements of `kind` under `node`, in order, not looking inside one that is found."""
    found = []
    for kid in _kids(node):
        if kid.get("/S") == kind:
            found.append(kid)
        else:
            found.extend(_elements(kid, kind))
    return found


def _cells(table: pikepdf.Object) -> list[pikepdf.Object]:
    cells = []
    for kid in _kids(table):
        if kid.get("/S") in (Name.TH, Name.TD):
            cells.append(kid)
        elif kid.get("/S") != Name.Table:
            cells.extend(_cells(kid))
    return cells


def _kids(node: pikepdf.Object) -> list[pikepdf.Object]:
    kids = node.get("/K")
    if kids is None:
        return []
    if not isinstance(kids, Array):
        kids = [kids]
    return [kid for kid in kids if isinstance(kid, Dictionary) and "/S" in kid]


def _table_attributes(cell: pikepdf.Object) -> Dictionary:
    """The cell's attributes of the Table owner, made when it has none."""
    attributes = cell.get("/A")
    for candidate in attributes if isinstance(attributes, Array) else [attributes] if attributes is not None else []:
        if isinstance(candidate, Dictionary) and candidate.get("/O") == Name.Table:
            return candidate
    made = Dictionary(O=Name.Table)
    if attributes is None:
        cell.A = made
    elif isinstance(attributes, Array):
        attributes.append(made)
    else:
        cell.A = Array([attributes, made])
    return made
