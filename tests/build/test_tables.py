"""Indicator tables in every layout: header rows, the headers of every cell, and what each cell says."""

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from verantwoord.build.pdftables import TableCells, html_tables
from verantwoord.build.tables import _escape, fixed_keys, indicator_table, overview_table, shown_values
from verantwoord.build.translations import translator
from verantwoord.model import (
    ColumnKind,
    Indicator,
    LayoutKind,
    NoFigure,
    Number,
    Period,
    Range,
    Section,
    SeriesPlacement,
    TableColumn,
    TableLayout,
    Text,
    Value,
    ValueKind,
    parse_period,
)

Y = Period.of_year
SEED = TableLayout((Y(2019), Y(2020)), (Y(2020),))


def _table(*values: Value, layout: TableLayout = SEED, language: str = "nl"):
    return indicator_table(Indicator("x", "X", values), layout, language, translator(language), "Gemeente X")


def _cells(table) -> list[list[str]]:
    return [[cell.text for cell in row] for body in table.bodies for row in body]


def _headers(table) -> list[list[tuple[str, int, int, str]]]:
    return [[(h.label, h.colspan, h.rowspan, h.scope) for h in row] for row in table.header_rows]


def test_two_header_groups_with_every_cell_filled() -> None:
    table = _table(Value(Y(2019), ValueKind.REALISED, Number(Decimal("1234.5"))))
    assert _headers(table) == [
        [("Realisatie cijfers", 2, 1, "colgroup"), ("Streefcijfers", 1, 1, "colgroup")],
        [("2019", 1, 1, "col"), ("2020", 1, 1, "col"), ("2020", 1, 1, "col")],
    ]
    assert _cells(table) == [["1.234,5", "geen cijfer", "geen streefcijfer"]]
    cells = table.bodies[0][0]
    assert [c.missing for c in cells] == [False, True, True]
    assert cells[0].headers == "ind-x:realised ind-x:realised-2019"
    assert table.colgroups == (2, 1)


def test_a_month_is_named_as_a_reader_names_it() -> None:
    """Monthly figures (a measured reachability) had columns "2020-11" and "2020-12", and a note "Geen cijfer voor
    2020-12": an export's way of writing a month, not a reader's. The column's id keeps the written label."""
    november, december = parse_period("2020-11"), parse_period("2020-12")
    layout = TableLayout((november, december), ())
    values = (
        Value(november, ValueKind.REALISED, Number(Decimal("81"))),
        Value(december, ValueKind.REALISED, NoFigure("storing")),
    )
    table = _table(*values, layout=layout)
    assert _headers(table)[1] == [("november 2020", 1, 1, "col"), ("december 2020", 1, 1, "col")]
    assert table.header_rows[1][0].id.endswith("-2020-11")
    assert [note.text for note in table.notes] == ["Geen cijfer voor december 2020: storing"]
    assert [h.label for h in _table(*values, layout=layout, language="en").header_rows[1]] == [
        "November 2020",
        "December 2020",
    ]
    assert [h.label for h in _table(values[0], layout=TableLayout((parse_period("Q4 2020"),), ())).header_rows[1]] == [
        "Q4 2020"
    ]


def test_a_series_beside_realised_and_target_figures_names_the_kind_in_its_headers() -> None:
    """Nederland's realisation and target in 2020 both had the headers "Nederland, 2020"."""
    columns = (
        TableColumn(ColumnKind.VALUES, ValueKind.REALISED, (Y(2020),)),
        TableColumn(ColumnKind.SERIES, series="Nederland"),
        TableColumn(ColumnKind.VALUES, ValueKind.TARGET, (Y(2020),)),
        TableColumn(ColumnKind.SERIES, series="Nederland"),
    )
    table = _table(
        Value(Y(2020), ValueKind.REALISED, Number(Decimal(61)), series="Nederland"),
        Value(Y(2020), ValueKind.TARGET, Number(Decimal(65)), series="Nederland"),
        layout=TableLayout((Y(2020),), (Y(2020),), columns=columns),
    )
    assert _cells(table) == [["geen cijfer", "61", "geen streefcijfer", "65"]]
    cells = table.bodies[0][0]
    assert cells[1].headers == "ind-x:realised ind-x:realised-nederland ind-x:realised-nederland-2020"
    assert cells[3].headers == "ind-x:target ind-x:target-nederland ind-x:target-nederland-2020"


def test_ranges_and_text_figures() -> None:
    table = _table(
        Value(Y(2019), ValueKind.REALISED, Text("79,3% (TK)")),
        Value(Y(2020), ValueKind.TARGET, Range(Decimal(6), Decimal("6.5"))),
    )
    assert _cells(table) == [["79,3% (TK)", "geen cijfer", "6–6,5"]]


def test_a_range_is_said_in_words_on_the_site_and_shown_with_its_dash_in_the_pdf() -> None:
    """A screen reader is silent at the dash: '6–6,5' was heard as two figures, '6 6,5'."""
    target = Value(Y(2020), ValueKind.TARGET, Range(Decimal(6), Decimal("6.5")))
    table = _table(target)
    assert table.bodies[0][0][2].spoken == "6 tot 6,5"
    assert _table(target, language="en").bodies[0][0][2].spoken == "6 to 6.5"
    site = table.html("noot", back="Terug naar noot {number} in de tabel")
    assert '<span aria-hidden="true">6–6,5</span><span class="visually-hidden">6 tot 6,5</span>' in site
    pdf = table.html("noot", searched=False, continued="{caption} (vervolg)")
    assert ">6–6,5</td>" in pdf and "6 tot 6,5" not in pdf


def test_the_search_index_holds_a_range_as_the_table_shows_it() -> None:
    """A journalist who searched a target as the table shows it, '6,0–6,5', found nothing ('Geen resultaten voor
    6,0–6,5. Controleer de spelling'): the index held the words a screen reader hears, '6,0 tot 6,5'."""
    target = Value(Y(2020), ValueKind.TARGET, Range(Decimal("6.0"), Decimal("6.5")))
    table = indicator_table(Indicator("x", "X", (target,), decimals=1), SEED, "nl", translator("nl"))
    text = "Realisatie cijfers 2019: geen cijfer, 2020: geen cijfer; Streefcijfers 2020: 6,0–6,5."
    assert table.search_text() == text
    assert f'data-zoektekst="{text}"' in table.html("noot")


def test_a_reason_and_a_footnote_on_one_cell_are_both_shown() -> None:
    period = Period(date(2020, 1, 1), date(2020, 12, 31), "2020")
    table = _table(Value(period, ValueKind.REALISED, NoFigure("meting gestopt"), footnote="zie bijlage"))
    cell = table.bodies[0][0][1]
    assert [n.number for n in cell.notes] == [1, 2]
    assert [n.text for n in table.notes] == ["Geen cijfer voor 2020: meting gestopt", "2020: zie bijlage"]


def test_a_target_entered_as_no_figure_is_no_target_in_its_cell_and_note() -> None:
    """The target 2020 entered as 'geen cijfer' with a reason read "geen cijfer" and "Geen cijfer voor 2020: …",
    in the row that shows the figure realised in 2020: as if that figure were missing."""
    table = _table(
        Value(Y(2020), ValueKind.REALISED, Number(Decimal("3105"))),
        Value(Y(2020), ValueKind.TARGET, NoFigure("geen onderzoek in 2020")),
    )
    assert _cells(table) == [["geen cijfer", "3.105", "geen streefcijfer"]]
    assert [n.text for n in table.notes] == ["Geen streefcijfer voor 2020: geen onderzoek in 2020"]
    assert table.bodies[0][0][2].notes == table.notes
    english = _table(Value(Y(2020), ValueKind.TARGET, NoFigure("no survey")), language="en")
    assert [n.text for n in english.notes] == ["No target for 2020: no survey"]
    marked = _table(
        Value(Y(2020), ValueKind.TARGET, NoFigure()), layout=TableLayout((Y(2020),), (Y(2020),), no_figure_mark="#")
    )
    assert [(c.text, c.spoken) for c in marked.bodies[0][0]] == [("#", "geen cijfer"), ("#", "geen streefcijfer")]


def test_a_restated_figure_gets_a_note_with_the_previous_figure_in_every_layout() -> None:
    value = Value(Y(2020), ValueKind.REALISED, Number(Decimal("96")), previous=Number(Decimal("95")))
    per_indicator = _table(value)
    assert [n.text for n in per_indicator.notes] == ["2020: gewijzigd ten opzichte van de vorige publicatie: was 95"]
    assert per_indicator.bodies[0][0][1].notes == per_indicator.notes
    overview = TableLayout((Y(2020),), (), LayoutKind.OVERVIEW, (TableColumn(ColumnKind.LATEST),))
    section = Section("1.1", "S", "s", "", (Indicator("x", "Opkomst", (value,), decimals=1),))
    table = overview_table(section, overview, "nl", translator("nl"), "Gemeente X")
    assert [n.text for n in table.notes] == ["Opkomst, 2020: gewijzigd ten opzichte van de vorige publicatie: was 95,0"]
    english = _table(value, language="en")
    assert [n.text for n in english.notes] == ["2020: changed since the previous publication: was 95"]


def test_a_restated_figure_that_rounds_to_the_same_shows_the_previous_figure_as_entered() -> None:
    """52,4 restated as 52, at 0 decimals: the cell read '52' with the note 'was 52'."""
    value = Value(Y(2020), ValueKind.REALISED, Number(Decimal("52")), previous=Number(Decimal("52.4")))
    table = indicator_table(Indicator("x", "X", (value,), decimals=0), SEED, "nl", translator("nl"), "Gemeente X")
    assert [n.text for n in table.notes] == ["2020: gewijzigd ten opzichte van de vorige publicatie: was 52,4"]


def test_the_mark_for_no_figure_is_explained_to_screen_readers_and_in_a_legend() -> None:
    layout = TableLayout((Y(2019), Y(2020)), (Y(2020),), no_figure_mark="#")
    table = _table(Value(Y(2019), ValueKind.REALISED, NoFigure()), layout=layout)
    cell = table.bodies[0][0][0]
    assert (cell.text, cell.spoken) == ("#", "geen cijfer")
    assert table.legend == "# betekent: geen cijfer"
    assert _cells(table)[0][2] == "geen streefcijfer"  # no target set is not a missing measurement
    assert _table(Value(Y(2019), ValueKind.REALISED, Number(Decimal(1)))).legend is None


def test_the_legend_says_what_the_mark_means_in_a_target_cell_too() -> None:
    """'# betekent: geen cijfer' stood under a table whose # in a target cell a screen reader heard as 'geen
    streefcijfer'."""
    layout = TableLayout((Y(2019), Y(2020)), (Y(2020),), no_figure_mark="#")
    target = Value(Y(2020), ValueKind.TARGET, NoFigure())
    realised = [Value(Y(year), ValueKind.REALISED, Number(Decimal(80))) for year in (2019, 2020)]
    assert _table(*realised, target, layout=layout).legend == "# betekent: geen streefcijfer"
    assert _table(*realised, target, layout=layout, language="en").legend == "# means: no target"
    both = _table(realised[0], target, layout=layout)
    assert both.legend == "# betekent: geen cijfer, en bij een streefwaarde: geen streefcijfer"


def _overview_indicators() -> tuple[Indicator, ...]:
    return (
        Indicator(
            "halt",
            "Verwijzingen Halt",
            (
                Value(Y(2020), ValueKind.REALISED, Number(Decimal(90))),
                Value(Y(2021), ValueKind.REALISED, Number(Decimal(96))),
                Value(Y(2022), ValueKind.REALISED, NoFigure("nog niet bekend")),
                Value(Y(2021), ValueKind.REALISED, Number(Decimal(108)), series="Nederland"),
                Value(Y(2020), ValueKind.REALISED, Number(Decimal(100)), series="Nederland"),
                Value(Y(2015), ValueKind.BASELINE, Number(Decimal(80))),
            ),
            unit="per 10.000 jongeren",
            source="Bureau Halt",
        ),
        Indicator("leeg", "Zonder cijfers", ()),
    )


def test_overview_with_the_benchmark_beside_the_latest_measurement() -> None:
    columns = (
        TableColumn(ColumnKind.UNIT),
        TableColumn(ColumnKind.LATEST),
        TableColumn(ColumnKind.SERIES, series="Nederland"),
        TableColumn(ColumnKind.SOURCE),
        TableColumn(ColumnKind.PERIOD),
    )
    layout = TableLayout((), (), LayoutKind.OVERVIEW, columns)
    section = Section("1.1", "Veiligheid", "s", "", _overview_indicators())
    table = overview_table(section, layout, "nl", translator("nl"), "Gemeente X")
    assert table.caption == "Indicatoren van 1.1 Veiligheid"
    assert _headers(table) == [
        [
            ("Indicator", 1, 2, "col"),
            ("Eenheid", 1, 2, "col"),
            ("Laatste meting", 2, 1, "colgroup"),
            ("Bron", 1, 2, "col"),
            ("Periode", 1, 2, "col"),
        ],
        [("Gemeente X", 1, 1, "col"), ("Nederland", 1, 1, "col")],
    ]
    assert _cells(table) == [
        ["Verwijzingen Halt", "per 10.000 jongeren", "96", "108", "Bureau Halt", "2021"],
        ["Zonder cijfers", "geen", "geen cijfer", "geen cijfer", "geen", "geen"],
    ]
    row = table.bodies[0][0]
    assert row[0].row_header and row[0].link == "#ind-halt"
    assert row[3].headers == "tabel-1-1:ind-halt tabel-1-1:laatste-meting tabel-1-1:laatste-meting-nederland"
    assert row[2].detail == ""  # the period has its own column
    ids = [cell.id for body in table.bodies for row in body for cell in row if cell.row_header]
    assert len(ids) == len(set(ids)) == 2
    assert all(cell.id == "" for body in table.bodies for row in body for cell in row if not cell.row_header)


def test_overview_of_kinds_shows_a_figure_without_a_period_in_its_header_with_its_period() -> None:
    columns = (
        TableColumn(ColumnKind.VALUES, ValueKind.BASELINE),
        TableColumn(ColumnKind.LATEST),
        TableColumn(ColumnKind.VALUES, ValueKind.REALISED, (Y(2020), Y(2021))),
    )
    layout = TableLayout((), (), LayoutKind.OVERVIEW, columns)
    section = Section("1.1", "Veiligheid", "s", "", _overview_indicators()[:1])
    row = overview_table(section, layout, "nl", translator("nl"), "Gemeente X").bodies[0][0]
    assert [(c.text, c.detail) for c in row[1:]] == [("80", "(2015)"), ("96", "(2021)"), ("90", ""), ("96", "")]


def test_series_as_rows_give_each_series_a_row_header() -> None:
    years = (Y(2020), Y(2021))
    columns = (TableColumn(ColumnKind.VALUES, ValueKind.REALISED, years),)
    table = _table(
        *_overview_indicators()[0].values, layout=TableLayout(years, (), columns=columns, series=SeriesPlacement.ROWS)
    )
    assert _headers(table)[0][0] == ("Cijfers van", 1, 2, "col")
    assert _cells(table) == [["Gemeente X", "90", "96"], ["Nederland", "100", "108"]]
    own, national = table.bodies[0]
    assert own[0].row_header and own[0].headers == "ind-x:van"
    assert national[2].headers == "ind-x:reeks-nederland ind-x:realised ind-x:realised-2021"


def test_overview_with_series_rows_groups_each_indicator_in_its_own_body() -> None:
    columns = (TableColumn(ColumnKind.VALUES, ValueKind.REALISED, (Y(2021),)),)
    layout = TableLayout((), (), LayoutKind.OVERVIEW, columns, SeriesPlacement.ROWS)
    section = Section("1.1", "Veiligheid", "s", "", _overview_indicators())
    table = overview_table(section, layout, "nl", translator("nl"), "Gemeente X")
    assert [len(body) for body in table.bodies] == [2, 1]
    title = table.bodies[0][0][0]
    assert (title.text, title.rowspan) == ("Verwijzingen Halt (per 10.000 jongeren)", 2)
    national = table.bodies[0][1]
    assert [c.text for c in national] == ["Nederland", "108"]
    assert national[0].headers == "tabel-1-1:van tabel-1-1:ind-halt"
    assert national[1].headers == (
        "tabel-1-1:ind-halt tabel-1-1:ind-halt:reeks-nederland tabel-1-1:realised tabel-1-1:realised-2021"
    )


def test_shown_values_are_those_some_column_shows() -> None:
    indicator = _overview_indicators()[0]
    latest = TableLayout((), (), LayoutKind.OVERVIEW, (TableColumn(ColumnKind.LATEST),))
    assert {(v.period.label, v.series) for v in shown_values(latest, indicator)} == {("2021", "")}
    with_series = TableLayout(
        (), (), columns=(TableColumn(ColumnKind.LATEST), TableColumn(ColumnKind.SERIES, series="Nederland"))
    )
    assert {(v.period.label, v.series) for v in shown_values(with_series, indicator)} == {
        ("2021", ""),
        ("2021", "Nederland"),
    }
    assert {(v.period.label, v.series) for v in shown_values(SEED, indicator)} == {("2020", "")}


EXAMPLES = sorted(Path(__file__).parents[2].joinpath("examples").iterdir())


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_fixed_keys_show_what_the_tables_show(example: Path) -> None:
    """Loading checks values against a layout's fixed keys; they must agree with the tables themselves."""
    from verantwoord.project import load_project

    checked = 0
    for document in load_project(example).documents:
        for chapter in document.chapters:
            for section in chapter.sections:
                layout = document.layout_of(section)
                keys = fixed_keys(layout)
                if keys is None:
                    continue
                for indicator in section.indicators:
                    by_keys = {
                        v
                        for v in indicator.values
                        if (v.kind, v.period, v.series) in keys or (v.kind, v.period, None) in keys
                    }
                    assert by_keys == shown_values(layout, indicator), (example.name, indicator.id)
                    checked += 1
    assert checked or example.name != "amersfoort-2020"


def test_a_column_that_depends_on_the_indicator_has_no_fixed_keys() -> None:
    latest = TableLayout((), (), LayoutKind.OVERVIEW, (TableColumn(ColumnKind.LATEST),))
    assert fixed_keys(latest) is None
    rows = TableLayout((Y(2019), Y(2020)), (Y(2020),), series=SeriesPlacement.ROWS)
    assert (ValueKind.REALISED, Y(2019), None) in fixed_keys(rows)
    assert (ValueKind.REALISED, Y(2019), "") in fixed_keys(SEED)


def test_tables_of_a_layout_share_its_columns_but_each_has_its_own_ids() -> None:
    values = (Value(Y(2019), ValueKind.REALISED, Number(Decimal("1"))),)
    first, second = (
        indicator_table(Indicator(id, id, values), SEED, "nl", translator("nl"), "Gemeente X") for id in ("a", "b")
    )
    assert [h.id for h in second.header_rows[1]] == ["ind-b:realised-2019", "ind-b:realised-2020", "ind-b:target-2020"]
    assert second.bodies[0][0][0].headers == "ind-b:realised ind-b:realised-2019"
    assert 'id="' not in first.html(note_word="noot").split("<tbody")[1]  # a data cell has no id: nothing names it
    assert _headers(first) == _headers(second)


def test_html_escapes_the_export_and_keeps_its_own_markup() -> None:
    values = (
        Value(Y(2019), ValueKind.REALISED, Text('<script>"x"</script>'), footnote="a < b & c"),
        Value(Y(2020), ValueKind.REALISED, NoFigure()),
    )
    marked = TableLayout((Y(2019), Y(2020)), (Y(2020),), no_figure_mark="#")
    table = indicator_table(Indicator("x", "Tevredenheid <b>", values, unit="%"), marked, "nl", translator("nl"))
    html = table.html("noot", "ind-x:titel")
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;&#34;x&#34;&lt;/script&gt;" in html
    assert (
        '<caption id="ind-x:bijschrift" class="utrecht-table__caption visually-hidden" data-pagefind-ignore>'
        "Tevredenheid &lt;b&gt;" in html
    )  # a hidden caption repeats the heading: not in the search index, whose excerpts showed it
    assert '<li id="ind-x:noot-1" value="1">2019: a &lt; b &amp; c</li>' in html
    assert (  # the note's reference is markup, not text: adding it to the escaped figure must not escape it
        ' <sup><a href="#ind-x:noot-1" class="note-ref" id="ind-x:verwijzing-1"><span class="visually-hidden">noot '
        "</span>1</a></sup></td>"
    ) in html
    assert '<span aria-hidden="true">#</span><span class="visually-hidden">geen cijfer</span>' in html
    assert 'aria-labelledby="ind-x:titel"' in html and '<p class="table-legend">' in html
    shown = table.html("noot", caption_hidden=False)
    assert 'aria-labelledby="ind-x:bijschrift"' in shown and 'class="utrecht-table__caption">' in shown
    assert '<caption id="ind-x:bijschrift" class="utrecht-table__caption">' in shown  # indexed: nothing repeats it


def test_the_search_index_holds_each_figure_after_its_header() -> None:
    """Pagefind indexed a table cell by cell: a result's excerpt read "Eenheid: % Realisatie cijfers Streefcijfers
    2019 2020 2020 78. 83.", the header row and then bare figures, none named by its year."""
    values = (
        Value(Y(2019), ValueKind.REALISED, Number(Decimal("78.5"))),
        Value(Y(2020), ValueKind.REALISED, NoFigure(), footnote="<niet gemeten>"),
        Value(Y(2020), ValueKind.TARGET, Number(Decimal(80))),
    )
    table = indicator_table(Indicator("x", "X", values), SEED, "nl", translator("nl"))
    text = "Realisatie cijfers 2019: 78,5, 2020: geen cijfer; Streefcijfers 2020: 80."
    assert table.search_text() == text
    html = table.html("noot", "ind-x:titel")
    assert f'data-pagefind-index-attrs="data-zoektekst" data-zoektekst="{text}"' in html
    assert '<thead class="utrecht-table__header" data-pagefind-ignore>' in html
    assert '<tbody class="utrecht-table__body" data-pagefind-ignore>' in html
    years = (Y(2020), Y(2021))
    columns = (TableColumn(ColumnKind.VALUES, ValueKind.REALISED, years),)
    rows = TableLayout(years, (), columns=columns, series=SeriesPlacement.ROWS)
    series = _table(*_overview_indicators()[0].values, layout=rows)
    assert series.search_text() == (
        "Gemeente X: Realisatie cijfers 2020: 90, 2021: 96. Nederland: Realisatie cijfers 2020: 100, 2021: 108."
    )
    marked = TableLayout((Y(2019),), (Y(2020),), no_figure_mark="#")
    assert _table(Value(Y(2019), ValueKind.REALISED, NoFigure()), layout=marked).search_text() == (
        "Realisatie cijfers 2019: geen cijfer; Streefcijfers 2020: geen streefcijfer."  # what # means, as heard
    )


def test_a_note_under_the_table_leads_back_to_its_first_reference() -> None:
    """A text's footnote had a way back (↩) to where it was referred to; a table's note had none: a keyboard or screen
    reader user who followed "noot 1" had to find the cell again."""
    values = (
        Value(Y(2019), ValueKind.REALISED, Number(Decimal("1")), footnote="voorlopig cijfer"),
        Value(Y(2020), ValueKind.REALISED, Number(Decimal("2")), footnote="geschat"),
    )
    table = indicator_table(Indicator("x", "X", values), SEED, "nl", translator("nl"))
    html = table.html("noot", back="Terug naar noot {number} in de tabel")
    first, second = html.split('class="note-ref"')[1:]
    assert first.startswith(' id="ind-x:verwijzing-1">') and second.startswith(' id="ind-x:verwijzing-2">')
    assert (
        '<li id="ind-x:noot-2" value="2">2020: geschat <a class="footnote-back" href="#ind-x:verwijzing-2" '
        'aria-label="Terug naar noot 2 in de tabel" data-pagefind-ignore>↩</a></li>'
    ) in html
    assert "footnote-back" not in table.html("noot")  # the PDF has no way back to click


def test_the_latest_measurement_is_the_period_that_ends_last() -> None:
    """A year's figure (to 31 December) lost to its November, which begins later: 40 was shown, not 91."""
    layout = TableLayout((), (), LayoutKind.OVERVIEW, (TableColumn(ColumnKind.LATEST),))
    values = (
        Value(Y(2022), ValueKind.REALISED, Number(Decimal(91))),
        Value(Period(date(2022, 11, 1), date(2022, 11, 30), "2022-11"), ValueKind.REALISED, Number(Decimal(40))),
        Value(Y(2021), ValueKind.REALISED, Number(Decimal(88))),
    )
    section = Section("1.1", "Veiligheid", "s", "", (Indicator("x", "X", values),))
    assert _cells(overview_table(section, layout, "nl", translator("nl"), "Gemeente X")) == [["X", "91"]]
    december = Value(Period(date(2022, 12, 1), date(2022, 12, 31), "2022-12"), ValueKind.REALISED, Number(Decimal(7)))
    section = Section("1.1", "Veiligheid", "s", "", (Indicator("x", "X", (*values, december)),))
    assert _cells(overview_table(section, layout, "nl", translator("nl"), "Gemeente X")) == [["X", "91"]]


def test_the_latest_measurement_prefers_the_year_to_a_span_that_ends_with_it() -> None:
    layout = TableLayout((), (), LayoutKind.OVERVIEW, (TableColumn(ColumnKind.LATEST),))
    values = (
        Value(Y(2022), ValueKind.REALISED, Number(Decimal("1.4"))),
        Value(Period(date(2021, 1, 1), date(2022, 12, 31), "2021-2022"), ValueKind.REALISED, Number(Decimal("1.6"))),
    )
    section = Section("1.1", "S", "s", "", (Indicator("x", "X", values),))
    assert _cells(overview_table(section, layout, "nl", translator("nl"), "Gemeente X")) == [["X", "1,4"]]


def test_no_note_when_the_restated_figure_reads_the_same() -> None:
    """A text over a changed number ('51,2% (GR)' over 51,25 then 51,2). (91,0 now written 91 is no restated figure at
    all: tests/build/test_opendata.py.)"""
    text = Value(
        Y(2020), ValueKind.REALISED, Text("51,2% (GR)", Decimal("51.2")), previous=Text("51,2% (GR)", Decimal("51.25"))
    )
    assert _table(text).notes == ()


def _printed(table) -> list[TableCells]:
    return html_tables(table.html("noot", None, True, None, False, "{caption} (vervolg)"))


def test_a_table_too_wide_for_a_pdf_page_gets_smaller_type_there() -> None:
    """Ten years of percentages ran off the PDF page's right edge at 8.5 pt: set in 7 pt, they fit in one table."""
    years = tuple(Y(year) for year in range(2011, 2021))
    values = tuple(Value(year, ValueKind.REALISED, Number(Decimal("61.7"))) for year in years)
    for layout, wanted in (
        (
            TableLayout(years, (Y(2021), Y(2022), Y(2024))),
            'class="utrecht-table indicator-table indicator-table--small"',
        ),
        (TableLayout(years[-5:], (Y(2021),)), 'class="utrecht-table indicator-table"'),
    ):
        html = indicator_table(Indicator("x", "X", values), layout, "nl", translator("nl")).html(
            "noot", continued="{caption} (vervolg)"
        )
        assert html.count("<table ") == 1 and wanted in html


def test_a_table_too_wide_for_a_pdf_page_even_in_7_pt_is_split_into_tables_of_fewer_years() -> None:
    """Twenty realised years and two targets ran off the PDF page's right edge even in 6 pt, too small to read: the
    last targets were not on paper at all. Split, each table has the header of the years it shows and their figures,
    each figure once, every cell the headers of its own table; the notes follow the last. The site keeps one table."""
    years = tuple(Y(year) for year in range(2001, 2021))
    values = (
        *(Value(year, ValueKind.REALISED, Number(Decimal(year.year * 100 + 1))) for year in years),
        Value(Y(2021), ValueKind.TARGET, Number(Decimal("300001")), footnote="Uit de begroting."),
        Value(Y(2022), ValueKind.TARGET, Number(Decimal("400001"))),
    )
    table = indicator_table(Indicator("x", "X", values), TableLayout(years, (Y(2021), Y(2022))), "nl", translator("nl"))
    html = table.html("noot", None, True, None, False, "{caption} (vervolg)")
    assert "indicator-table--smallest" not in html
    printed = _printed(table)
    assert len(printed) >= 2
    figures = [f"{year * 100 + 1:,}".replace(",", ".") for year in range(2001, 2021)] + ["300.001", "400.001"]
    tables = re.findall(r"<table .*?</table>", html, re.DOTALL)
    shown = [figure for part in tables for figure in figures if re.search(f">{figure}[ <]", part)]
    assert sorted(shown) == sorted(figures)
    labels = [re.findall(r'scope="col">(\d{4})</th>', part) for part in tables]
    assert [label for part in labels for label in part] == [str(year) for year in range(2001, 2023)]
    assert all(part.count("Realisatie cijfers") + part.count("Streefcijfers") >= 1 for part in tables)
    for cells in printed:
        own = {names[0] for kind, names, _ in cells.cells if kind == "th"}
        assert all(set(names) <= own for kind, names, _ in cells.cells if kind == "td")
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert html.count("Uit de begroting.") == 1 and html.index("Uit de begroting.") > html.rindex("</table>")
    captions = [re.search(r"<caption[^>]*>(.*?)</caption>", part).group(1) for part in tables]
    assert captions[0] == f"X, 2001–{labels[0][-1]}"
    assert captions[-1] == f"X, {labels[-1][0]}–2022 (vervolg)"  # its years, the targets' too
    assert table.html("noot").count("<table ") == 1


def test_an_overview_too_wide_for_a_pdf_page_repeats_its_row_headers_in_each_table() -> None:
    """An overview of twenty years, with a row per comparison series: each of its tables has the indicators' and the
    series' names, and a cell names the row headers of its own table."""
    years = tuple(Y(year) for year in range(2001, 2021))
    values = tuple(
        Value(year, ValueKind.REALISED, Number(Decimal(year.year)), series=series)
        for year in years
        for series in ("", "Nederland")
    )
    columns = (TableColumn(ColumnKind.VALUES, ValueKind.REALISED, years), TableColumn(ColumnKind.SOURCE))
    layout = TableLayout(years, (), LayoutKind.OVERVIEW, columns, SeriesPlacement.ROWS)
    indicators = (Indicator("a", "Werkloosheid", values, source="CBS"), Indicator("b", "Bijstand", values))
    table = overview_table(Section("2.1", "Werk", "werk", "", indicators), layout, "nl", translator("nl"), "Gemeente X")
    printed = _printed(table)
    assert len(printed) >= 2
    html = table.html("noot", None, False, None, False, "{caption} (vervolg)")
    for part in re.findall(r"<table .*?</table>", html, re.DOTALL):
        assert all(name in part for name in ("Werkloosheid", "Bijstand", "Gemeente X", "Nederland", "Cijfers van"))
    captions = re.findall(r"<caption[^>]*>(.*?)</caption>", html)
    assert captions[0].startswith("Indicatoren van 2.1 Werk, 2001–") and "(vervolg)" not in captions[0]
    assert captions[-1].startswith("Indicatoren van 2.1 Werk, ") and captions[-1].endswith("–2020 (vervolg)")
    assert len(set(captions)) == len(captions) == len(printed)  # each part says which years it shows
    english = overview_table(Section("2.1", "Work", "werk", "", indicators), layout, "en", translator("en"), "X")
    english_captions = re.findall(
        r"<caption[^>]*>(.*?)</caption>", english.html("note", None, False, None, False, "{caption} (continued)")
    )
    assert english_captions[-1].startswith("Indicators of 2.1 Work, ") and english_captions[-1].endswith(
        "–2020 (continued)"
    )
    for cells in printed:
        own = {names[0] for kind, names, _ in cells.cells if kind == "th"}
        assert all(set(names) <= own for kind, names, _ in cells.cells if kind == "td")
        assert sum(kind == "td" for kind, _, _ in cells.cells) % 4 == 0  # four rows, each of the same columns
    assert sum(sum(kind == "td" for kind, _, _ in cells.cells) for cells in printed) == 4 * 21


def test_the_exports_words_are_marked_with_its_language_where_the_page_has_another() -> None:
    """On an English page from a Dutch export (`quoted`), a title, a series, a unit and a reason are each marked
    Dutch on the smallest element that holds them; the words of the page around them, and a figure or '%', are not."""
    years = (Y(2021), Y(2022))
    columns = (
        TableColumn(ColumnKind.VALUES, ValueKind.REALISED, years),
        TableColumn(ColumnKind.SERIES, series="Nederland"),
        TableColumn(ColumnKind.UNIT),
    )
    layout = TableLayout((), (), LayoutKind.OVERVIEW, columns)
    section = Section("1.1", "Safety", "s", "", _overview_indicators()[:1])
    html = overview_table(section, layout, "en", translator("en"), "Gemeente X", quoted="nl").html("note")
    assert '<th id="tabel-1-1:realised-nederland" class="utrecht-table__header-cell group-start" colspan="2" ' in html
    assert 'scope="colgroup" lang="nl">Nederland</th>' in html
    assert 'scope="row" lang="nl"><a href="#ind-halt">Verwijzingen Halt</a></th>' in html
    assert 'class="utrecht-table__cell prose-cell" lang="nl">per 10.000 jongeren</td>' in html
    assert '<li id="tabel-1-1:noot-1" value="1">No figure for <span lang="nl">Verwijzingen Halt</span>, 2022: ' in html
    assert "Indicators of 1.1 Safety</caption>" in html  # the section's title is the author's, in the page's language
    assert html.count('lang="nl"') == 4  # the note's reason is verantwoord's own: 'not yet known'

    values = (
        Value(Y(2019), ValueKind.REALISED, Text("ruim 80")),
        Value(Y(2020), ValueKind.REALISED, NoFigure("de zuil stond uit"), footnote="voorlopig"),
    )
    indicator = Indicator("x", "Tevredenheid", values, unit="%")
    html = indicator_table(indicator, SEED, "en", translator("en"), quoted="nl").html("note")
    assert '<span lang="nl">Tevredenheid</span> (Unit: %)</caption>' in html
    assert 'class="utrecht-table__cell" lang="nl">ruim 80</td>' in html
    assert '>No figure for 2020: <span lang="nl">de zuil stond uit</span></li>' in html
    assert '>2020: <span lang="nl">voorlopig</span></li>' in html
    assert html.count('lang="nl"') == 4
    assert 'lang="' not in indicator_table(indicator, SEED, "en", translator("en")).html("note")


@given(st.text())
def test_table_markup_escapes_text_as_jinja_does(text: str) -> None:
    # The tables escape their cells without markupsafe's Markup objects: the bytes must be those of `escape`.
    assert _escape(text) == str(escape(text))


def test_a_restated_range_is_said_in_words_in_its_note_on_the_site_and_shown_with_its_dash_in_the_pdf() -> None:
    """A screen reader is silent at the dash: the note 'was 6–6,5' was heard as 'was 6 6,5'."""
    value = Value(Y(2020), ValueKind.TARGET, Number(Decimal(7)), previous=Range(Decimal(6), Decimal("6.5")))
    table = _table(value)
    assert [n.text for n in table.notes] == ["2020: gewijzigd ten opzichte van de vorige publicatie: was 6–6,5"]
    site = table.html("noot", back="Terug naar noot {number} in de tabel")
    assert (
        'was <span aria-hidden="true">6–6,5</span><span class="visually-hidden" data-pagefind-ignore>6 tot 6,5</span>'
    ) in site
    pdf = table.html("noot", searched=False, continued="{caption} (vervolg)")
    assert "publicatie: was 6–6,5</li>" in pdf and "6 tot 6,5" not in pdf
    english = _table(value, language="en").html("note", back="Back to note {number} in the table")
    assert '<span class="visually-hidden" data-pagefind-ignore>6 to 6.5</span>' in english


def test_a_span_of_years_beside_the_latest_measurement_and_in_a_note_is_said_in_words() -> None:
    """A screen reader is silent at the dash: the latest measurement '95 (2019-2020)' and its note '2019-2020:
    herzien' were heard as two years, '2019 2020'. The page shows them as before; the PDF holds the years alone."""
    period = Period(date(2019, 1, 1), date(2020, 12, 31), "2019-2020")
    value = Value(period, ValueKind.REALISED, Number(Decimal(95)), footnote="herzien")
    layout = TableLayout((), (), columns=(TableColumn(ColumnKind.LATEST),))
    table = _table(value, layout=layout)
    site = table.html("noot", back="Terug naar noot {number} in de tabel")
    said = (
        '<span aria-hidden="true">2019-2020</span>'
        '<span class="visually-hidden" data-pagefind-ignore>2019 tot en met 2020</span>'
    )
    assert f'<span class="cell-detail">({said})</span>' in site
    assert f'value="1">{said}: herzien' in site
    pdf = table.html("noot", searched=False, continued="{caption} (vervolg)")
    assert '<span class="cell-detail">(2019-2020)</span>' in pdf and 'value="1">2019-2020: herzien</li>' in pdf
    assert "tot en met" not in pdf
    english = _table(value, layout=layout, language="en").html("note", back="Back to note {number} in the table")
    assert english.count(">2019 to 2020</span>") == 2
    year = _table(Value(Y(2020), ValueKind.REALISED, Number(Decimal(95))), layout=layout).html("noot")
    assert '<span class="cell-detail">(2020)</span>' in year
