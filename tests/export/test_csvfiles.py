"""A stray quote in the export's CSV files that a later quote closes cleanly: the lines between are taken into one cell.

Told by a line in the cell that reads as a row of the file. In `waarden.csv` many rows share an indicator, but in
`indicatoren.csv` every row has its own id: a swallowed indicator passed, its row missing and a text holding it.
Texts typed with line breaks, and with the separator in them (prose, lists of sources, years), must still pass.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verantwoord.errors import Problems
from verantwoord.export.csvfiles import NOTEPAD_ANSI, report_not_utf8
from verantwoord.export.reader import read_export
from verantwoord.export.table import Table

INDICATOR_HEADER = ["id", "paragraaf", "titel", "eenheid", "decimalen", "polariteit", "bron", "toelichting"]
INDICATOR_ROWS = [
    ["kcc-tevredenheid", "4.1", "% bellers positief", "%", "0", "hoger is beter", "Klant in Focus", "Gevraagd."],
    ["kcc-bereikbaarheid", "4.1", "% bereikbaarheid 14033", "%", "0", "hoger is beter", "KCC/KCS", ""],
    ["balie-wachttijd", "4.2", "Wachttijd aan de balie", "minuten", "1", "lager is beter", "Qmatic", ""],
    ["wmo-tevredenheid", "4.3", "Tevredenheid Wmo", "rapportcijfer", "1", "", "Cliëntervaring", "Zie 4.3."],
    ["afval-gescheiden", "5.1", "% gescheiden afval", "%", "0", "hoger is beter", "CBS", ""],
]
"""Lines 2 to 6 of indicatoren.csv; 4.3 is the only indicator of its section."""

VALUE_HEADER = ["indicator", "periode", "soort", "waarde", "tekst", "reden", "reeks", "voetnoot"]
VALUE_ROWS = [
    ["kcc-tevredenheid", "2019", "realisatie", "95", "", "", "", ""],
    ["kcc-tevredenheid", "2020", "realisatie", "94", "", "", "", ""],
    ["kcc-bereikbaarheid", "2019", "realisatie", "83", "", "", "", ""],
    ["kcc-bereikbaarheid", "2020", "realisatie", "78", "", "", "", ""],
    ["balie-wachttijd", "2020", "streefwaarde", "10", "", "", "", ""],
]
"""Lines 2 to 6 of waarden.csv."""

HINT = ' Hint: haal het aanhalingsteken aan het begin van de cel weg, of sluit de cel op deze regel met een ".'


def _text(header: list[str], rows: list[list[str]], separator: str) -> str:
    """The file as Excel saves it: a cell quoted only when it needs to be, lines ended by CRLF."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerows([header, *rows])
    return out.getvalue()


def _stray(lines: list[str], separator: str, opened: tuple[int, int], closed: tuple[int, int]) -> str:
    """`lines` (unquoted, one a row) with a quote at the start of the cell (line index, column) `opened` and one at
    the end of the cell `closed`."""
    lines = list(lines)
    for (line, column), mark in ((opened, "open"), (closed, "close")):
        cells = lines[line].split(separator)
        cells[column] = f'"{cells[column]}' if mark == "open" else f'{cells[column]}"'
        lines[line] = separator.join(cells)
    return "".join(f"{line}\r\n" for line in lines)


def _read(folder: Path, name: str, text: str) -> tuple[Table | None, list[str]]:
    """The table of the file `name` in the export folder `folder`, read as a project reads it, and its errors."""
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    (folder / name).write_text(text, encoding="utf-8", newline="")
    problems = Problems()
    tables, _ = read_export(folder, problems)
    return tables.get(name.removesuffix(".csv")), [str(p) for p in problems.errors]


def _firsts(table: Table | None) -> list[object]:
    assert table is not None
    return [row[0] for row in table.rows]


def _taken(name: str, begins: int, end: int) -> str:
    which = f"regel {end} is" if end == begins + 1 else f"de regels {begins + 1} tot en met {end} zijn"
    return (
        f'{name}, regel {begins}: een aanhalingsteken (") in deze regel wordt pas op regel {end} gesloten: {which} '
        f"in één cel beland en niet gelezen.{HINT}"
    )


@pytest.mark.parametrize("separator", [";", ",", "\t"])
@pytest.mark.parametrize(
    ("opened", "closed"),
    [
        (("toelichting", 2), ("toelichting", 4)),  # a row whole, and the next up to its quote
        (("titel", 2), ("titel", 3)),  # only the start of the next row
        (("bron", 3), ("toelichting", 4)),  # closed in another column: the row has fewer cells
        (("toelichting", 4), ("bron", 6)),  # closed in an earlier one: more cells
        (("titel", 4), ("titel", 6)),  # 4.3, the only indicator of its section, is taken in
        (("titel", 5), ("toelichting", 6)),  # 5.1, the only one of its chapter, told by its decimalen
    ],
    ids=["whole-row", "next-row", "later-column", "earlier-column", "own-section", "own-chapter"],
)
def test_a_stray_quote_in_indicatoren_is_told_where_it_opens_and_closes(
    tmp_path: Path, separator: str, opened: tuple[str, int], closed: tuple[str, int]
) -> None:
    """Every indicator has its own id, so the swallowed rows began with no id another row has, and passed."""
    lines = [separator.join(row) for row in [INDICATOR_HEADER, *INDICATOR_ROWS]]
    where = [(line - 1, INDICATOR_HEADER.index(column)) for column, line in (opened, closed)]
    table, found = _read(tmp_path / "export", "indicatoren.csv", _stray(lines, separator, *where))
    assert found == [_taken("indicatoren.csv", opened[1], closed[1])]
    assert _firsts(table) == [
        row[0] for number, row in enumerate(INDICATOR_ROWS, start=2) if not opened[1] <= number <= closed[1]
    ]


def test_a_stray_quote_in_indicatoren_with_its_columns_in_another_order_is_told(tmp_path: Path) -> None:
    order = [7, 2, 0, 1, 3, 4, 5, 6]  # toelichting, titel, id, paragraaf, ...
    lines = [";".join(row[i] for i in order) for row in [INDICATOR_HEADER, *INDICATOR_ROWS]]
    _, found = _read(tmp_path / "export", "indicatoren.csv", _stray(lines, ";", (1, 1), (3, 1)))
    assert found == [_taken("indicatoren.csv", 2, 4)]


def test_a_stray_quote_that_takes_in_every_row_of_an_indicator_in_waarden_is_told(tmp_path: Path) -> None:
    """The rows between were all kcc-bereikbaarheid's: no other row began with its id, and they passed."""
    lines = [";".join(row) for row in [VALUE_HEADER, *VALUE_ROWS]]
    table, found = _read(tmp_path / "export", "waarden.csv", _stray(lines, ";", (2, 4), (5, 4)))
    assert found == [_taken("waarden.csv", 3, 6)]
    assert _firsts(table) == ["kcc-tevredenheid"]


INDICATOR_TEXTS = [
    "Bronnen:\nCBS; KiF; eigen meting; GGD; RIVM; VNG; kcc-tevredenheid; 2020",
    "Cijfers per jaar:\n2018;2019;2020;2021;2022;2023;2024;2025",
    "Rapportcijfers:\n7.5;7.6;7.8;8.0;8.1;8.2;8.0;7.9",
    "Zie ook:\nkcc-bereikbaarheid; 4.1; de bereikbaarheid; van het KCC; in 2020; en 2021; gedaald; hersteld",
    "Gemeten met de enquête,\nwaarin bellers, bezoekers, ondernemers, raadsleden, ambtenaren, wethouders, "
    "burgemeester en griffie, zeggen wat zij vinden.",
    "| jaar | cijfer |\n|---|---|\n| 2019 | 7,5 |\n| 2020 | 7,6 |",
]
"""Texts with line breaks and separators in their lines that are no row of indicatoren.csv."""

VALUE_TEXTS = [
    "geen meting:\n- de zuil stond uit;\n- de enquête liep niet; zie ook 4.2;\n- klaar.",
    "bronnen:\nCBS; KiF; eigen meting; GGD; RIVM; VNG; kcc-tevredenheid; 2020",
    "bronnen:\nkcc-tevredenheid; KiF; eigen meting; GGD; RIVM; VNG; CBS; 2020",
    "per jaar:\n2019;2020;2021;2022;2023;2024;2025;2026",
]
"""Texts with line breaks and separators in their lines that are no row of waarden.csv."""


@pytest.mark.parametrize("separator", [";", ","])
@pytest.mark.parametrize("text", INDICATOR_TEXTS)
@pytest.mark.parametrize("column", ["titel", "bron", "toelichting", "opmerking"])
def test_texts_with_line_breaks_and_separators_in_indicatoren_are_read_as_they_are(
    tmp_path: Path, separator: str, text: str, column: str
) -> None:
    """The last review found correct texts refused: prose with many separators, sources, an unread column."""
    header = [*INDICATOR_HEADER, "opmerking"]
    rows = [[*row, ""] for row in INDICATOR_ROWS]
    rows[1][header.index(column)] = text
    table, found = _read(tmp_path / "export", "indicatoren.csv", _text(header, rows, separator))
    assert found == []
    assert table is not None and table.rows[1][header.index(column)] == text
    assert _firsts(table) == [row[0] for row in INDICATOR_ROWS]


@pytest.mark.parametrize("separator", [";", ","])
@pytest.mark.parametrize("text", VALUE_TEXTS)
@pytest.mark.parametrize("column", ["tekst", "reden", "voetnoot"])
def test_texts_with_line_breaks_and_separators_in_waarden_are_read_as_they_are(
    tmp_path: Path, separator: str, text: str, column: str
) -> None:
    """A line of sources that began with an indicator's id, with a row's separators, was taken for a row."""
    rows = [list(row) for row in VALUE_ROWS]
    rows[1][VALUE_HEADER.index(column)] = text
    table, found = _read(tmp_path / "export", "waarden.csv", _text(VALUE_HEADER, rows, separator))
    assert found == []
    assert table is not None and table.rows[1][VALUE_HEADER.index(column)] == text


def test_a_short_header_keeps_texts_of_as_many_cells(tmp_path: Path) -> None:
    """With only the required columns and a toelichting, a line of four codes or years has a row's cells; 7.5 is no
    section of the file's chapters (4 and 5)."""
    header = ["id", "paragraaf", "titel", "toelichting"]
    rows = [[row[0], row[1], row[2], ""] for row in INDICATOR_ROWS]
    rows[0][3] = "Bronnen:\nCBS; 2020; KiF; GGD\nKiF;7;GGD;RIVM\n2019;2020;2021;2022\nRapportcijfer;7.5;ruim;voldoende"
    table, found = _read(tmp_path / "export", "indicatoren.csv", _text(header, rows, ";"))
    assert found == []
    assert _firsts(table) == [row[0] for row in INDICATOR_ROWS]


# Properties: texts of words, codes, numbers and separators pass; a stray quote between rows is always told.

WORDS = st.sampled_from(
    [
        "de", "bellers", "zijn", "tevreden", "gemeten", "in", "Bron:", "CBS", "KiF", "GGD", "eigen meting",
        "kcc-tevredenheid", "balie-wachttijd", "2019", "2020", "2019-2020", "Q3 2024", "7,5", "80%", "12",
        "0", "-", "zie paragraaf 4.1", "hoger is beter", "geen realisatie", "n.b.", "**vet**", "[link](https://x.nl)",
    ]
)  # fmt: skip
"""What texts are made of. No section number (4.1, or 7.5 as a decimalen of 0 beside it makes one) or kind word
(realisatie) alone: a line with one in the place of the paragraaf or the kind, and an id before it, can be a row of
the file. Polarity words ('-', 'hoger is beter') and ids of the file are there."""


@st.composite
def texts(draw: st.DrawFn, separator: str) -> str:
    """A text with line breaks (Alt+Enter), its words joined by spaces, the separator, or both."""
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        words = draw(st.lists(WORDS, min_size=1, max_size=12))
        joins = draw(st.lists(st.sampled_from([" ", separator, f"{separator} ", ", "]), min_size=len(words)))
        lines.append("".join(w + j for w, j in zip(words, joins, strict=False)).strip())
    return draw(st.sampled_from(["", "- ", "1. "])) + "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), separator=st.sampled_from([";", ",", "\t"]))
def test_any_text_of_words_and_separators_is_read_as_it_is(tmp_path: Path, data: st.DataObject, separator: str) -> None:
    header = [*INDICATOR_HEADER, "opmerking"]
    rows = [[*row, ""] for row in INDICATOR_ROWS]
    for r, c in data.draw(st.lists(st.tuples(st.integers(0, len(rows) - 1), st.sampled_from([2, 6, 7, 8])))):
        rows[r][c] = data.draw(texts(separator))
    table, found = _read(tmp_path / "indicatoren", "indicatoren.csv", _text(header, rows, separator))
    assert found == []
    assert table is not None and [[cell or "" for cell in row] for row in table.rows] == rows
    values = [list(row) for row in VALUE_ROWS]
    for r, c in data.draw(st.lists(st.tuples(st.integers(0, len(values) - 1), st.sampled_from([4, 5, 6, 7])))):
        values[r][c] = data.draw(texts(separator))
    table, found = _read(tmp_path / "waarden", "waarden.csv", _text(VALUE_HEADER, values, separator))
    assert found == []
    assert table is not None and [[cell or "" for cell in row] for row in table.rows] == values


SIMPLE = st.text(st.sampled_from("abcdefghij klmnop.%/-éë0123456789"), max_size=20).map(str.strip)
"""A cell with nothing to quote: no separator, quote or line break."""


@st.composite
def indicator_rows(draw: st.DrawFn, filled: bool) -> list[list[str]]:
    """Indicators of any chapters with their decimalen filled (`filled`), or of one chapter with or without them."""
    ids = draw(st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,14}", fullmatch=True), min_size=2, max_size=8, unique=True))
    chapter = r"[1-9][0-9]?" if filled else "4"
    return [
        [
            indicator,
            draw(st.from_regex(rf"{chapter}\.[1-9][0-9]?\.?", fullmatch=True)),
            draw(SIMPLE.filter(bool)),
            draw(st.sampled_from(["%", "aantal", "euro", ""])),
            draw(st.sampled_from(["0", "1", "2", *([] if filled else [""])])),
            draw(st.sampled_from(["hoger is beter", "lager is beter", "neutraal", ""])),
            draw(SIMPLE),
            draw(SIMPLE),
        ]
        for indicator in ids
    ]


@st.composite
def value_rows(draw: st.DrawFn) -> list[list[str]]:
    ids = draw(st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,14}", fullmatch=True), min_size=1, max_size=3, unique=True))
    return [
        [
            draw(st.sampled_from(ids)),
            draw(st.sampled_from(["2019", "2020", "2021", "2022-2023", "Q3 2024", "2024-03"])),
            draw(st.sampled_from(["realisatie", "streefwaarde", "begroting", "verwachting"])),
            draw(st.sampled_from(["95", "7.5", "geen cijfer", ""])),
            *(draw(SIMPLE) for _ in range(4)),
        ]
        for _ in range(draw(st.integers(2, 10)))
    ]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), separator=st.sampled_from([";", ",", "\t"]), sheet=st.sampled_from(["any", "one", "waarden"]))
def test_a_stray_quote_that_takes_in_a_row_is_always_told(
    tmp_path: Path, data: st.DataObject, separator: str, sheet: str
) -> None:
    """A quote at the start of a text cell, closed at the end of a text cell of a later line: wherever they are.

    In indicatoren.csv a taken-in row whose chapter no other row has is told by its decimalen: with indicators of
    any chapter (their decimalen filled), the quote takes in a row whole or closes after its decimalen."""
    if sheet == "waarden":
        name, header, rows, columns = "waarden.csv", VALUE_HEADER, data.draw(value_rows()), [4, 5, 6, 7]
    else:
        name, header, rows, columns = (
            "indicatoren.csv",
            INDICATOR_HEADER,
            data.draw(indicator_rows(sheet == "any")),
            [2, 6, 7],
        )
    opened = data.draw(st.integers(0, len(rows) - 2))
    closed = data.draw(st.integers(opened + 1, len(rows) - 1))
    shut = [6, 7] if sheet == "any" and closed == opened + 1 else columns
    lines = [separator.join(row) for row in [header, *rows]]
    where = [(opened + 1, data.draw(st.sampled_from(columns))), (closed + 1, data.draw(st.sampled_from(shut)))]
    table, found = _read(tmp_path / "export", name, _stray(lines, separator, *where))
    assert found == [_taken(name, opened + 2, closed + 2)]
    assert _firsts(table) == [row[0] for r, row in enumerate(rows) if not opened <= r <= closed]


def test_a_text_a_mac_program_saved_in_mac_roman_says_so_in_a_whole_sentence() -> None:
    """'zoals een Mac-programma opslaat' missed its object."""
    problems = Problems()
    report_not_utf8("tekst/4.md", "Caf\x8e\r".encode("latin-1"), 3, problems, **NOTEPAD_ANSI)
    assert "waarschijnlijk Mac Roman, zoals een Mac-programma het opslaat. Gevonden: 'Café (byte 0x8E)'" in str(
        problems.errors[0]
    )
