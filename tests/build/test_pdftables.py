"""Table headers in the PDF's structure tree are the HTML's: each cell names the headers the site gives it."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from verantwoord import build_project
from verantwoord.build.pdf import pdf_name
from verantwoord.build.pdftables import _cells, _elements, html_tables, set_table_headers

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("example", ["amersfoort-2020", "begroting-2018-overzicht", "jaarverslag-2022-benchmark"])
def test_every_cell_of_the_pdf_has_the_headers_of_the_site(tmp_path: Path, example: str) -> None:
    """WeasyPrint gave "37,1" (realisatie 2016) the headers "Begroting, 2018", left cells under a spanning header
    without it, and no header cell a Scope."""
    built = build_project(EXAMPLES / example, tmp_path / "site", pdf=True)
    site = [table for page in sorted(built.output.rglob("index.html")) for table in _page_tables(page)]
    with pikepdf.open(built.output / pdf_name(built.project.document)) as pdf:
        tables = _elements(pdf.Root.StructTreeRoot, pikepdf.Name.Table)
        assert tables
        for table in tables:
            cells = _cells(table)
            ids = {cell.ID: index for index, cell in enumerate(cells) if "/ID" in cell}
            shape = [str(cell.S) for cell in cells]
            html = next(t for t in site if [f"/{kind.upper()}" for kind, _, _ in t.cells] == shape)
            names = [names[0] for kind, names, _ in html.cells if kind == "th"]
            th_names = dict(zip([i for i, c in enumerate(cells) if c.S == pikepdf.Name.TH], names, strict=True))
            for cell, (kind, headers, _) in zip(cells, html.cells, strict=True):
                attributes = cell.A
                if kind == "th":
                    assert attributes.Scope in (pikepdf.Name.Column, pikepdf.Name.Row)
                else:
                    assert tuple(th_names[ids[header]] for header in attributes.Headers) == headers


def _page_tables(page: Path):
    return [t for t in html_tables(page.read_text(encoding="utf-8")) if any(k == "th" and n[0] for k, n, _ in t.cells)]


def test_a_table_that_does_not_match_its_html_is_left_alone() -> None:
    pdf = pikepdf.new()
    td = pikepdf.Dictionary(S=pikepdf.Name.TD)
    table = pikepdf.Dictionary(S=pikepdf.Name.Table, K=pikepdf.Array([pikepdf.Dictionary(S=pikepdf.Name.TR, K=td)]))
    pdf.Root.StructTreeRoot = pikepdf.Dictionary(K=pikepdf.Dictionary(S=pikepdf.Name.Document, K=table))
    html = html_tables('<table><tr><th id="a" scope="col">A</th></tr><tr><td headers="a">1</td></tr></table>')
    assert set_table_headers(pdf, html) == 0 and "/A" not in td
