"""Table headers in the PDF's structure tree are the HTML's: each cell names the headers the site gives it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest
import yaml

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


def test_a_table_over_several_pages_and_the_tables_after_it_get_their_headers(tmp_path: Path) -> None:
    """WeasyPrint makes a table per page, each with the header rows again: the matching by order slipped by one,
    and that table and every one after it kept WeasyPrint's headers, without a word."""
    project = tmp_path / "p"
    shutil.copytree(EXAMPLES / "begroting-2018-overzicht", project, ignore=shutil.ignore_patterns("site"))
    export = project / "indicatoren.yaml"
    data = yaml.safe_load(export.read_text(encoding="utf-8"))
    first = data["indicatoren"][0]
    data["indicatoren"] += [{**first, "id": f"extra-{n}", "titel": f"Extra {n}"} for n in range(60)]
    export.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    built = build_project(project, tmp_path / "site", pdf=True)
    with pikepdf.open(built.output / pdf_name(built.project.document)) as pdf:
        tables = _elements(pdf.Root.StructTreeRoot, pikepdf.Name.Table)
        assert len(tables) > 2  # the long table is on more than one page
        ids = [str(cell.ID) for table in tables for cell in _cells(table) if cell.S == pikepdf.Name.TH]
        assert len(ids) == len(set(ids))
        tree = pdf.Root.StructTreeRoot.IDTree.Names  # where /Headers are looked up (ISO 32000-1, 14.7.2)
        assert sorted(str(name) for name in tree[::2]) == sorted(ids)
        assert all(str(element.ID) == str(name) for name, element in zip(tree[::2], tree[1::2], strict=True))
        for table in tables:
            for cell in _cells(table):
                if cell.S == pikepdf.Name.TH:
                    assert "/Scope" in cell.A, str(cell.ID)


def _page_tables(page: Path):
    return [t for t in html_tables(page.read_text(encoding="utf-8")) if any(k == "th" and n[0] for k, n, _ in t.cells)]


def test_a_table_that_does_not_match_its_html_is_left_alone() -> None:
    pdf = pikepdf.new()
    td = pikepdf.Dictionary(S=pikepdf.Name.TD)
    table = pikepdf.Dictionary(S=pikepdf.Name.Table, K=pikepdf.Array([pikepdf.Dictionary(S=pikepdf.Name.TR, K=td)]))
    pdf.Root.StructTreeRoot = pikepdf.Dictionary(K=pikepdf.Dictionary(S=pikepdf.Name.Document, K=table))
    html = html_tables('<table><tr><th id="a" scope="col">A</th></tr><tr><td headers="a">1</td></tr></table>')
    assert set_table_headers(pdf, html, "deel") == 0 and "/A" not in td
