"""Table headers in the PDF's structure tree are the HTML's: each cell names the headers the site gives it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest
import yaml

from verantwoord import build_project
from verantwoord.build.format import build_time
from verantwoord.build.paths import pdf_name
from verantwoord.build.pdf import write_pdf
from verantwoord.build.pdftables import _cells, _elements, html_tables, set_table_headers
from verantwoord.project import load_project
from verantwoord.publish import document_sites

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


def test_header_ids_are_unique_over_the_parts_and_each_names_its_own_table(tmp_path: Path) -> None:
    """A Markdown table kept WeasyPrint's header IDs, numbered per part: two parts gave two headers '114-0-0', and the
    ID tree sent a cell of one table to the header of the other."""
    project = tmp_path / "p"
    shutil.copytree(EXAMPLES / "begroting-2018-overzicht", project, ignore=shutil.ignore_patterns("site"))
    texts = project / "tekst"
    (texts / "2.1.md").write_text(
        (texts / "2.1.md").read_text(encoding="utf-8") + "\n| Wijk | Aantal |\n|---|---|\n| Noord | 3 |\n",
        encoding="utf-8",
    )
    (texts / "3.md").write_text("# Wonen\n\nOver wonen.\n", encoding="utf-8")
    (texts / "3.1.md").write_text("# Woningen\n\n| Buurt | Woningen |\n|---|---|\n| Oost | 7 |\n", encoding="utf-8")
    site = document_sites(load_project(project), pdf=True)[0]
    target = write_pdf(site.document, site.options, build_time(), tmp_path / "d.pdf", workers=1, part_sections=1)
    with pikepdf.open(target) as pdf:
        tree = pdf.Root.StructTreeRoot.IDTree.Names
        by_id = {str(name): element for name, element in zip(tree[::2], tree[1::2], strict=True)}
        tables = _elements(pdf.Root.StructTreeRoot, pikepdf.Name.Table)
        headers = [str(cell.ID) for table in tables for cell in _cells(table) if "/ID" in cell]
        assert len(headers) == len(set(headers)) and set(headers) <= set(by_id)
        for table in tables:
            own = {str(cell.ID) for cell in _cells(table) if "/ID" in cell}
            for cell in _cells(table):
                named = cell.get("/A", {}).get("/Headers", []) if isinstance(cell.get("/A"), pikepdf.Dictionary) else []
                assert {str(name) for name in named} <= own


def _page_tables(page: Path):
    return [t for t in html_tables(page.read_text(encoding="utf-8")) if any(k == "th" and n[0] for k, n, _ in t.cells)]


def test_a_table_that_does_not_match_its_html_is_left_alone() -> None:
    pdf = pikepdf.new()
    td = pikepdf.Dictionary(S=pikepdf.Name.TD)
    table = pikepdf.Dictionary(S=pikepdf.Name.Table, K=pikepdf.Array([pikepdf.Dictionary(S=pikepdf.Name.TR, K=td)]))
    pdf.Root.StructTreeRoot = pikepdf.Dictionary(K=pikepdf.Dictionary(S=pikepdf.Name.Document, K=table))
    html = html_tables('<table><tr><th id="a" scope="col">A</th></tr><tr><td headers="a">1</td></tr></table>')
    assert set_table_headers(pdf, html, "deel") == 0 and "/A" not in td


def _table(*rows: list[pikepdf.Dictionary]) -> pikepdf.Dictionary:
    return pikepdf.Dictionary(
        S=pikepdf.Name.Table,
        K=pikepdf.Array([pikepdf.Dictionary(S=pikepdf.Name.TR, K=pikepdf.Array(row)) for row in rows]),
    )


def _pdf(*tables: pikepdf.Dictionary) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    document = pikepdf.Dictionary(S=pikepdf.Name.Document, K=pikepdf.Array(tables))
    pdf.Root.StructTreeRoot = pikepdf.Dictionary(K=document)
    return pdf


def test_weasyprints_own_header_ids_get_the_parts_name_too() -> None:
    """A Markdown table kept WeasyPrint's IDs ('114-0-0'), numbered per part: two parts gave two equal IDs, and the
    ID tree of the joined PDF sent one table's cell to the other table's header."""
    th = pikepdf.Dictionary(S=pikepdf.Name.TH, ID=pikepdf.String("114-0-0"))
    td = pikepdf.Dictionary(
        S=pikepdf.Name.TD,
        A=pikepdf.Dictionary(O=pikepdf.Name.Table, Headers=pikepdf.Array([pikepdf.String("114-0-0")])),
    )
    pdf = _pdf(_table([th], [td]))
    html = html_tables("<table><thead><tr><th>Wijk</th></tr></thead><tbody><tr><td>Noord</td></tr></tbody></table>")
    set_table_headers(pdf, html, "deel-2")
    assert str(th.ID).startswith("deel-2-") and [str(h) for h in td.A.Headers] == [str(th.ID)]


def test_a_row_header_on_the_page_before_is_named_on_the_next() -> None:
    """An indicator's header cell spans its series' rows; when the page broke within them, the rows on the next
    page lost it: the IDs were looked up per page."""
    html = html_tables(
        '<table><thead><tr><th id="k" scope="col">Reeks</th><th id="w" scope="col">2020</th></tr></thead><tbody>'
        '<tr><th id="a" scope="rowgroup" rowspan="2">A</th><td headers="a w">1</td></tr>'
        '<tr><td headers="a w">2</td></tr></tbody></table>'
    )

    def head() -> list[pikepdf.Dictionary]:
        return [pikepdf.Dictionary(S=pikepdf.Name.TH), pikepdf.Dictionary(S=pikepdf.Name.TH)]

    row_header = pikepdf.Dictionary(S=pikepdf.Name.TH)
    first, second = pikepdf.Dictionary(S=pikepdf.Name.TD), pikepdf.Dictionary(S=pikepdf.Name.TD)
    next_page = head()
    pdf = _pdf(_table(head(), [row_header, first]), _table(next_page, [second]))
    assert set_table_headers(pdf, html, "deel") == 2
    assert [str(h) for h in second.A.Headers] == [str(row_header.ID), str(next_page[1].ID)]
