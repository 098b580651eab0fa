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
    of its headers, "")."""

    cells: list[tuple[str, tuple[str, ...], str]] = field(default_factory=list)


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[TableCells] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.tables.append(TableCells())
        elif self.depth == 1 and tag in ("th", "td"):
            values = dict(attrs)
            if tag == "th":
                self.tables[-1].cells.append(("th", (values.get("id") or "",), values.get("scope") or ""))
            else:
                self.tables[-1].cells.append(("td", tuple((values.get("headers") or "").split()), ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.depth -= 1


def html_tables(html: str) -> list[TableCells]:
    """The tables of a page of HTML, in order (a table within a table is not one of them)."""
    parser = _Tables()
    parser.feed(html)
    parser.close()
    return parser.tables


def set_table_headers(pdf: pikepdf.Pdf, tables: list[TableCells]) -> int:
    """Give the cells of the PDF's tables the headers of `tables`, its HTML's; returns the tables set.

    A PDF table whose cells do not match its HTML table in number and kind is left as WeasyPrint tagged it.
    """
    done = 0
    for number, (element, html) in enumerate(zip(_elements(pdf.Root.StructTreeRoot, Name.Table), tables, strict=False)):
        if not any(kind == "th" and names[0] for kind, names, _ in html.cells):
            continue  # a table in a text (Markdown): one header row, which WeasyPrint tags well
        cells = _cells(element)
        if [str(cell.S) for cell in cells] != [f"/{kind.upper()}" for kind, _, _ in html.cells]:
            continue
        ids: dict[str, String] = {}
        for index, (cell, (kind, names, scope)) in enumerate(zip(cells, html.cells, strict=True)):
            if kind == "th":
                if "/ID" not in cell:
                    cell.ID = String(f"th-{number}-{index}")
                ids[names[0]] = cell.ID
                if scope in _SCOPES:
                    _table_attributes(cell).Scope = _SCOPES[scope]
        for cell, (kind, names, _) in zip(cells, html.cells, strict=True):
            if kind == "td":
                attributes = _table_attributes(cell)
                headers = [ids[name] for name in names if name in ids]
                if headers:
                    attributes.Headers = Array(headers)
                elif "/Headers" in attributes:
                    del attributes.Headers
        done += 1
    return done


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
