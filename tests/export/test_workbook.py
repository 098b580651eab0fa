import re
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.conftest import patch_workbook_xml
from verantwoord.errors import Problems
from verantwoord.export.workbook import read_workbook

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "amersfoort-2020" / "indicatoren.xlsx"


def values_sheet(*rows: list[object]) -> tuple[Workbook, Worksheet]:
    """A workbook with a sheet Waarden: the header indicator, waarde and then `rows`."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Waarden"
    for row in (["indicator", "waarde"], *rows):
        sheet.append(row)
    return workbook, sheet


def saved(workbook: Workbook, folder: Path) -> Path:
    path = folder / "w.xlsx"
    workbook.save(path)
    return path


def test_reads_the_example_and_its_export_time() -> None:
    problems = Problems()
    tables, modified = read_workbook(EXAMPLE, problems)
    assert not problems
    assert set(tables) == {"indicatoren", "waarden", "uitleg"}
    assert tables["indicatoren"].header[:3] == ["id", "paragraaf", "titel"]
    assert len(tables["indicatoren"].rows) == 5
    assert modified == datetime(2021, 5, 25, 11, 50, 49, tzinfo=UTC)


def test_header_may_start_lower_and_empty_rows_are_skipped_with_true_row_numbers(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Waarden"
    sheet["B3"] = "indicator"
    sheet["C3"] = "waarde"
    sheet["B4"] = "a"
    sheet["B6"] = "b"
    path = tmp_path / "w.xlsx"
    workbook.save(path)
    tables, _ = read_workbook(path, Problems())
    table = tables["waarden"]
    assert table.header == ["", "indicator", "waarde"]
    assert [row[1] for row in table.rows] == ["a", "b"]
    assert str(table.locate(1, 2)) == "w.xlsx, blad Waarden, cel C6"
    assert str(table.locate(-1, 1)) == "w.xlsx, blad Waarden, cel B3"


def test_error_cells_are_reported_not_read_as_empty(tmp_path: Path) -> None:
    """Each named as Dutch Excel shows it, with the English code the file stores: a user with Dutch Excel searched
    her sheet for '#DIV/0!' and found nothing, as it shows '#DEEL/0!'."""
    shown = {
        "#DIV/0!": "#DEEL/0!",
        "#N/A": "#N/B",
        "#VALUE!": "#WAARDE!",
        "#REF!": "#VERW!",
        "#NAME?": "#NAAM?",
        "#NUM!": "#GETAL!",
        "#NULL!": "#LEEG!",
    }
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Waarden"
    sheet.append(["indicator", "waarde"])
    for stored in shown:
        sheet.append(["a", stored])
    path = tmp_path / "w.xlsx"
    workbook.save(path)
    problems = Problems()
    read_workbook(path, problems)
    assert [str(p) for p in problems] == [
        f"w.xlsx, blad Waarden, cel B{row}: de cel bevat een Excel-foutwaarde. Gevonden: '{dutch} ({stored})'. "
        "Verwacht: een waarde. Hint: herstel de formule in Excel, of vervang de cel door 'geen cijfer' met een reden."
        for row, (stored, dutch) in enumerate(shown.items(), start=2)
    ]


def test_an_error_cell_outside_the_figures_gets_a_hint_for_its_column(tmp_path: Path) -> None:
    """#N/A as a title was told to become 'geen cijfer' with a reason."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Indicatoren"
    sheet.append(["id", "Titel:"])
    sheet.append(["a", "#N/A"])
    path = tmp_path / "w.xlsx"
    workbook.save(path)
    problems = Problems()
    read_workbook(path, problems)
    assert [str(p) for p in problems] == [
        "w.xlsx, blad Indicatoren, cel B2: de cel bevat een Excel-foutwaarde. Gevonden: '#N/B (#N/A)'. Verwacht: een "
        "waarde. Hint: herstel de formule in Excel, of vervang de cel door de juiste waarde."
    ]


def test_percentage_cells_are_read_as_the_percentage_excel_shows(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Waarden"
    sheet.append(["indicator", "waarde"])
    sheet.append(["a", 0.78])
    sheet.append(["b", 0.785])
    sheet.append(["c", 0.5])
    sheet["B2"].number_format = "0%"
    sheet["B3"].number_format = "0.0%"
    sheet["B4"].number_format = '0.00"%"'  # a literal % sign: the cell holds 0.5 and shows 0.50%
    path = tmp_path / "w.xlsx"
    workbook.save(path)
    tables, _ = read_workbook(path, Problems())
    assert [row[1] for row in tables["waarden"].rows] == [Decimal("78"), Decimal("78.5"), 0.5]
    assert str(tables["waarden"].rows[1][1]) == "78.5"


STRICT_NAMESPACES = {
    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": b"http://purl.oclc.org/ooxml/spreadsheetml/main",
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
        b"http://purl.oclc.org/ooxml/officeDocument/relationships"
    ),
}
"""The namespaces of the workbook's parts as Excel's Save As 'Strict Open XML' writes them; the package's own
(_rels, [Content_Types].xml) stay as they are."""


def as_strict(path: Path) -> None:
    """Rewrite a workbook into the namespaces of Strict Open XML, as Excel writes the same cells there."""
    parts = {}
    with zipfile.ZipFile(path) as archive:
        for item in archive.infolist():
            data = archive.read(item.filename)
            for transitional, strict in STRICT_NAMESPACES.items():
                data = data.replace(transitional, strict)
            parts[item] = data.replace(b"<workbook ", b'<workbook conformance="strict" ', 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for item, data in parts.items():
            archive.writestr(item, data)


def test_a_workbook_saved_as_strict_open_xml_has_its_error_cells_and_formats_read(tmp_path: Path) -> None:
    """Its workbook and styles are in other namespaces: the sheets were not found for the scan, and #DIV/0! was read
    as an empty cell ('geen cijfer'), 78,5% as 0,785 and merged cells as one filled cell."""
    workbook, sheet = values_sheet(["a", 0.785], ["b", "#DIV/0!"], ["c", 1], ["c", None])
    sheet["B2"].number_format = "0.0%"
    sheet.merge_cells("A4:A5")
    path = saved(workbook, tmp_path)
    as_strict(path)
    assert b"purl.oclc.org" in zipfile.ZipFile(path).read("xl/workbook.xml")
    problems = Problems()
    tables, _ = read_workbook(path, problems)
    assert tables["waarden"].rows[0][1] == Decimal("78.5")
    assert [p.message for p in problems] == [
        "de cellen A4:A5 zijn samengevoegd: alleen A4 heeft een waarde, de andere cellen zijn leeg.",
        "de cel bevat een Excel-foutwaarde.",
    ]


def test_a_formula_never_calculated_is_reported_not_read_as_empty(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Waarden"
    sheet.append(["indicator", "waarde"])
    sheet.append(["a", "=1+1"])  # openpyxl writes the formula without a result, as Excel never would
    path = tmp_path / "w.xlsx"
    workbook.save(path)
    problems = Problems()
    read_workbook(path, problems)
    assert [str(p) for p in problems] == [
        "w.xlsx, blad Waarden, cel B2: de cel bevat een formule zonder berekende waarde. "
        "Verwacht: een formule die Excel heeft uitgerekend, of een waarde. "
        "Hint: open de werkmap in Excel en sla haar op: dan rekent Excel de formules uit."
    ]


def test_only_the_sheets_verantwoord_reads_are_checked_for_error_cells(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.title = "Waarden"
    workbook.active.append(["indicator", "waarde"])
    workbook.create_sheet("Berekening").append(["=1/0", "#DIV/0!"])
    path = tmp_path / "w.xlsx"
    workbook.save(path)
    problems = Problems()
    read_workbook(path, problems, checked={"waarden": {"indicator", "waarde"}})
    assert list(problems) == []
    read_workbook(path, problems)
    assert len(problems) == 2


def test_error_cells_in_a_working_column_of_the_users_own_are_not_problems(tmp_path: Path) -> None:
    """A #N/A in a column 'controle' blocked the build, while the same run said the column was not used."""
    workbook = Workbook()
    workbook.active.title = "Waarden"
    workbook.active.append(["indicator", "Waarde:", "controle"])
    workbook.active.append(["a", "#DIV/0!", "#N/A"])
    path = tmp_path / "w.xlsx"
    workbook.save(path)
    problems = Problems()
    read_workbook(path, problems, checked={"waarden": {"indicator", "waarde"}})
    assert [p.location.cell for p in problems] == ["B2"]


def test_error_cells_are_found_with_a_namespace_prefix_too() -> None:
    from verantwoord.export.workbook import _error_cells, _formulas_without_value

    data = b'<x:c r="B2" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c><x:c r="C2"><x:f>A1+1</x:f></x:c>'
    assert _error_cells(data) == [("B2", "#DIV/0!", 0)]
    assert _formulas_without_value(data) == ["C2"]


def test_a_round_percentage_is_a_plain_number_not_exponent_notation(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Waarden"
    sheet.append(["indicator", "waarde"])
    sheet.append(["a", 0.5])
    sheet["B2"].number_format = "0%"
    path = tmp_path / "w.xlsx"
    workbook.save(path)
    tables, _ = read_workbook(path, Problems())
    assert str(tables["waarden"].rows[0][1]) == "50"  # not "5E+1", which would reach the open data


def test_a_table_further_down_and_right_keeps_its_cells_and_percentages(tmp_path: Path) -> None:
    """calamine gives the rows from the first filled column on: the cells must still be where Excel shows them."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Waarden"
    sheet["C4"], sheet["D4"] = "indicator", "waarde"
    sheet["C5"], sheet["D5"] = "a", 0.78
    sheet["C7"], sheet["D7"] = "b", 0.5
    sheet["D7"].number_format = "0%"
    path = tmp_path / "w.xlsx"
    workbook.save(path)
    table = read_workbook(path, Problems())[0]["waarden"]
    assert table.header == ["", "", "indicator", "waarde"]
    assert [row[2:] for row in table.rows] == [("a", 0.78), ("b", Decimal("50"))]
    assert str(table.locate(1, 3)) == "w.xlsx, blad Waarden, cel D7"
    assert str(table.locate(-1, 2)) == "w.xlsx, blad Waarden, cel C4"


def test_equal_cells_of_different_types_stay_apart(tmp_path: Path) -> None:
    """Repeated texts are kept once; a number or a true/false cell is never swapped for an equal one."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Waarden"
    sheet.append(["indicator", "waarde"])
    sheet.append(["a", "1"])
    sheet.append(["a", 1])
    sheet.append(["a", True])
    sheet.append(["a", 0.0])
    sheet.append(["a", -0.0])
    path = tmp_path / "w.xlsx"
    workbook.save(path)
    rows = read_workbook(path, Problems())[0]["waarden"].rows
    assert [(type(row[1]), row[1]) for row in rows] == [
        (str, "1"),
        (float, 1.0),
        (bool, True),
        (float, 0.0),
        (float, -0.0),
    ]
    assert str(rows[4][1]) == "-0.0"
    assert rows[0][0] is rows[1][0]


def test_the_sheet_xml_is_scanned_in_pieces_without_missing_a_cell(tmp_path: Path, monkeypatch) -> None:
    """The XML is read a few MB at a time; a cell on the border of two pieces is still found."""
    from verantwoord.export import workbook as module

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Waarden"
    sheet.append(["indicator", "waarde"])
    for number in range(2, 42):
        sheet.append([f"ind-{number}", "#N/A" if number % 3 == 0 else 0.5])
        sheet[f"B{number}"].number_format = "0%"
    path = tmp_path / "w.xlsx"
    workbook.save(path)
    monkeypatch.setattr(module, "_CHUNK", 50)  # smaller than a row
    problems = Problems()
    table = read_workbook(path, problems)[0]["waarden"]
    assert [p.location.cell for p in problems] == [f"B{n}" for n in range(2, 42) if n % 3 == 0]
    assert [row[1] for row in table.rows if len(row) > 1] == [Decimal("50")] * 27  # an error cell reads as empty


def test_the_pieces_end_after_a_row_with_or_without_a_namespace_prefix() -> None:
    from verantwoord.export.workbook import _after_last_row

    row = b'<row r="1"><c r="A1"><v>1</v></c></row>'
    assert _after_last_row(row + b'<row r="2"><c') == len(row)
    prefixed = b'<x:row r="1"><x:c r="A1"/></x:row>'
    assert _after_last_row(prefixed + b'<x:row r="2">') == len(prefixed)
    assert _after_last_row(b'<c r="A1" t="inlineStr"><is><t>arrow></t></is></c>') == 0


def test_a_damaged_sheet_inside_the_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """A sheet whose bytes no longer match their checksum (a broken copy): reported like an unreadable file."""
    import zipfile

    book = Workbook()
    book.active.title = "Waarden"
    for row in range(1, 200):
        book.active.append(["ind-1", 2020, "realisatie", row])
    good = tmp_path / "goed.xlsx"
    book.save(good)
    damaged = tmp_path / "kapot.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
    data = bytearray(damaged.read_bytes())
    position = data.index(b"<v>150</v>")
    data[position + 3 : position + 6] = b"151"  # the stored bytes change, their CRC-32 does not
    damaged.write_bytes(bytes(data))

    problems = Problems()
    tables, _ = read_workbook(damaged, problems)

    assert tables == {}
    (problem,) = problems
    assert str(problem.location) == "kapot.xlsx"
    assert problem.message.startswith("dit bestand is geen leesbare Excel-werkmap: een deel ervan is beschadigd (")
    assert problem.hint == "open het bestand in Excel en sla het opnieuw op als Excel-werkmap (.xlsx)."


@pytest.mark.parametrize("damage", ["checksum", "cut"])
def test_a_damaged_sheet_loaded_in_the_thread_is_a_problem_and_leaves_no_thread(tmp_path: Path, damage: str) -> None:
    """The largest sheet is loaded in a thread beside the others: its damage is reported as any other's, and the
    thread and the file's handles end."""
    import threading

    book = Workbook()
    book.active.title = "Indicatoren"
    book.active.append(["id", "titel"])
    values = book.create_sheet("Waarden")
    for row in range(1, 400):
        values.append(["ind-1", 2020, "realisatie", row])
    good = tmp_path / "goed.xlsx"
    book.save(good)
    damaged = tmp_path / "kapot.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if damage == "cut" and info.filename == "xl/worksheets/sheet2.xml":
                data = data[: len(data) // 2]  # broken XML, with a checksum of its own
            target.writestr(info.filename, data)
    if damage == "checksum":
        data = bytearray(damaged.read_bytes())
        position = data.index(b"<v>350</v>")
        data[position + 3 : position + 6] = b"351"  # the stored bytes change, their CRC-32 does not
        damaged.write_bytes(bytes(data))
    threads = threading.active_count()

    problems = Problems()
    tables, _ = read_workbook(damaged, problems)

    assert tables == {}
    (problem,) = problems
    assert problem.message.startswith("dit bestand is geen leesbare Excel-werkmap: een deel ervan is beschadigd (")
    assert threading.active_count() == threads


def test_a_sheet_in_thousands_is_read_as_shown_and_a_quoted_percent_is_text(tmp_path: Path) -> None:
    """ "#,##0," showed 1234567 as 1.235 and the site published 1.234.567; '0" %"' showed 93 as "93 %" and the site
    published 9.300."""
    workbook, sheet = values_sheet()
    for value, number_format in [
        (1234567, "#,##0,"),
        (1000000, "#,##0,"),
        (1234567.8, '#,##0.0,,"mln"'),
        (93, '0" %"'),
        (0.93, "0\\ %"),  # the backslash makes the space text; the % still shows a percentage
        (-250000, "#,##0,;[Red]-#,##0,"),
    ]:
        sheet.append(["a", value])
        sheet.cell(sheet.max_row, 2).number_format = number_format
    problems = Problems()
    tables, _ = read_workbook(saved(workbook, tmp_path), problems)
    assert not problems
    assert [Decimal(str(row[1])) for row in tables["waarden"].rows] == [
        Decimal(text) for text in ("1234.567", "1000", "1.2345678", "93", "93", "-250")
    ]
    assert str(tables["waarden"].rows[1][1]) == "1000"  # not 1000.000: those zeros were never entered


def test_format_powers() -> None:
    """Per section: positive, negative, zero. Conditions ([>=1000]) that scale differently cannot be told apart."""
    from verantwoord.export.workbook import format_powers

    single = ("0%", "0.0%", "#,##0", "#,##0,", "0.0,,", '0" %"', "0\\%", "#,##0.00 €", "[$€-413] #,##0.00")
    assert [format_powers(code)[0] for code in single] == [2, 2, 0, -3, -6, 0, 0, 0, 0]
    assert format_powers("General") == format_powers("dd-mm-yyyy") == format_powers("#,##0_);(#,##0)") == (0, 0, 0)
    assert format_powers("#,##0,;-#,##0") == (-3, 0, -3)
    assert format_powers('0.0%;-0.0%;"nul"') == (2, 2, 2)
    assert format_powers('[>=1000000]0.0,," mln";[>=1000]0.0," k";0') is None
    assert format_powers("[>1]0,;[<=1]0,") == (-3, -3, -3)
    assert format_powers('0,"k;"') == (-3, -3, -3)  # a semicolon between quotes is text
    assert format_powers('[=0]"-";0.0%') == (2, 2, 2)  # a dash for zero: a section without digits scales nothing
    assert format_powers("0.0%;;") == (2, 2, 2)  # Excel hides a negative value and zero; they are still percentages


def test_a_number_cell_is_read_with_the_figure_excel_shows_under_its_format(tmp_path: Path) -> None:
    """=250/300*100 under the format 0 shows 83 and 78,4912 under 0,0 shows 78,5: the site published 83,3333333333333
    and 78,4912. The figure in full stays (the indicator's decimalen round it); `shown` is what Excel shows."""
    workbook, sheet = values_sheet()
    cells = [
        (250 / 300 * 100, "0", "83"),
        (78.4912, "0.0", "78.5"),
        (1234.56, "#,##0.0", "1234.6"),
        (7.1, "0.00", "7.10"),  # Excel shows 7,10
        (7, "0.0#", "7.0"),
        (7.125, "0.0#", "7.13"),  # half away from zero
        (-2.5, "0", "-3"),
        (-0.04, "0.0", "0.0"),  # never -0, which the site never writes
        (1.005, "0.00", "1.01"),  # the binary 1.00499999… is 1.005 in Excel's 15 digits
        (0.7849, "0%", "78"),
        (1234567, "#,##0,", "1235"),
        (12.345, '#,##0.00 "€";-#,##0.00 "€"', "12.35"),
        (12.345, "[$€-413] #,##0.0", "12.3"),
        (0.5, "0.0_);\\(0.0\\)", "0.5"),
    ]
    for value, number_format, _ in cells:
        sheet.append(["a", value])
        sheet.cell(sheet.max_row, 2).number_format = number_format
    sheet.append(["b", 83.25])  # General: no format of its own
    sheet.append(["c", 44000.5])
    sheet.cell(sheet.max_row, 2).number_format = "dd-mm-yyyy hh:mm"
    problems = Problems()
    tables, _ = read_workbook(saved(workbook, tmp_path), problems)
    assert not problems
    read = [row[1] for row in tables["waarden"].rows]
    assert [str(cell.shown) for cell in read[: len(cells)]] == [shown for *_, shown in cells]
    assert [str(cell) for cell in read[:3]] == ["83.3333333333333", "78.4912", "1234.56"]  # in full
    assert read[9] == Decimal("78.49") and read[10] == Decimal("1234.567")  # at the scale shown
    assert read[-2] == 83.25 and not isinstance(read[-2], Decimal)


def test_format_places() -> None:
    """At most and at least, per section: positive, negative, zero. None where the decimals are not fixed."""
    from verantwoord.export.workbook import format_places

    assert [format_places(code)[0] for code in ("0", "0.0", "#,##0.00", "0.0#", "0.##", "0%", "0.0%", "#,##0.0,")] == [
        (0, 0),
        (1, 1),
        (2, 2),
        (2, 1),
        (2, 0),
        (0, 0),
        (1, 1),
        (1, 1),
    ]
    assert format_places('0.0" mln"') == format_places('0.0 "m.v.t."') == ((1, 1),) * 3  # text between quotes
    assert format_places("0.00;-0.0;0") == ((2, 2), (1, 1), (0, 0))
    assert format_places('0.0;-0.0;"-"') == ((1, 1),) * 3  # a dash for zero shows no digits: the first's
    for code in ("General", "dd-mm-yyyy", "[h]:mm", "0.00E+00", "# ?/?", "@", "0.0;General"):
        assert format_places(code) is None, code
    assert format_places("[>=100]0;[<100]0.0") is None  # which section shows a value, its condition tells
    assert format_places("[Red][<0]0.0;0.0") == ((1, 1),) * 3


def test_the_hidden_columns_of_a_sheet_are_known(tmp_path: Path) -> None:
    """A warning about a cell in a hidden column says so: the user does not see it."""
    workbook, sheet = values_sheet(["a", 1, "x", "y", "z"])
    sheet.column_dimensions["C"].hidden = True
    sheet.column_dimensions.group("D", "E", hidden=True)
    table = read_workbook(saved(workbook, tmp_path), Problems())[0]["waarden"]
    assert [table.is_hidden(column) for column in range(6)] == [False, False, True, True, True, False]


def test_hidden_and_filtered_rows_are_named_in_one_warning(tmp_path: Path) -> None:
    """A row hidden in Waarden, by hand or by a filter, was published without a word, where a hidden sheet is warned
    of: a controller may hide a row meaning 'not to publish'. Empty hidden rows and the header are no such row."""
    workbook, sheet = values_sheet(*[["a", n] for n in range(2, 32)], [], ["b", 1])
    for number in (1, 17, 18, 19, 20, 31, 32):
        sheet.row_dimensions[number].hidden = True
    sheet.auto_filter.ref = "A1:B33"  # a filter writes the rows it leaves out as hidden too
    sheet.row_dimensions[33].hidden = True
    problems = Problems()
    read_workbook(saved(workbook, tmp_path), problems)
    assert [str(p) for p in problems] == [
        "w.xlsx, blad Waarden: de rijen 17–20, 31 en 33 zijn verborgen of weggefilterd in Excel, maar worden gelezen "
        "en gepubliceerd. Hint: maak verborgen rijen zichtbaar (zet het filter uit, of selecteer het blad en kies "
        "rechtsklik op een rijnummer > Zichtbaar maken) en verwijder de rijen die niet gepubliceerd mogen worden."
    ]


def test_many_hidden_rows_are_named_in_ranges_and_counted(tmp_path: Path) -> None:
    workbook, sheet = values_sheet(*[["a", n] for n in range(60)])
    for number in range(3, 60, 2):
        sheet.row_dimensions[number].hidden = True
    problems = Problems()
    read_workbook(saved(workbook, tmp_path), problems)
    assert problems[0].message.startswith(
        "de rijen 3, 5, 7, 9, 11, 13, 15, 17, 19, 21 en nog 19 rijen zijn verborgen of weggefilterd"
    )


def test_a_format_whose_scale_depends_on_the_value_is_refused(tmp_path: Path) -> None:
    """[>=1000000]0.0,," mln";[>=1000]0.0," k";0 showed 92 as 92 and the site published 0 (the first section's)."""
    workbook, sheet = values_sheet(["a", 92], ["a", -1234567.5])
    sheet["B2"].number_format = '[>=1000000]0.0,," mln";[>=1000]0.0," k";0'
    sheet["B3"].number_format = "#,##0,;-#,##0"  # thousands for positive numbers only
    problems = Problems()
    tables, _ = read_workbook(saved(workbook, tmp_path), problems)
    assert [p.location.cell for p in problems] == ["B2"]
    assert "op een andere schaal" in problems[0].message
    assert tables["waarden"].rows[1][1] == Decimal("-1234567.5")


def test_not_a_number_in_a_percentage_cell_is_left_to_the_validator() -> None:
    """ "NaN" in a cell shown as a percentage became Decimal('NaN'), passed check and crashed the build."""
    from verantwoord.export.workbook import _as_shown, cell_format

    row: list[object] = ["a", float("nan"), float("inf"), 0.5]
    percent = cell_format("0%")
    _as_shown(row, [(1, percent), (2, percent), (3, percent)], {})
    assert str(row[1]) == "nan" and row[2] == float("inf") and row[3] == Decimal("50")


def test_cells_are_found_whatever_the_order_of_their_attributes() -> None:
    """Excel writes r first; another tool wrote <c s="1" r="D2">, and the 93% was published as 0,93."""
    from verantwoord.export.workbook import _error_cells, _formulas_without_value, _styled_cells

    def styled(data: bytes) -> tuple[dict, list]:
        formatted: dict = {}
        ambiguous: list = []
        _styled_cells(data, {b"1": "%", b"2": None}, formatted, ambiguous)
        return {row: list(cells) for row, cells in formatted.items()}, ambiguous

    assert styled(b'<c s="1" r="D2"><v>0.93</v></c>') == ({2: [(3, "%")]}, [])
    cells = (
        b'<c r="D2" t="n" s="1"><v>1</v></c><c r="D3" s="1" t="s"><v>0</v></c><x:c r="D4" s="1"/>'
        b'<c r="D5" s="11"><v>2</v></c><c r="AB6" s="1" cm="1"><v>2</v></c><c r="D7" s="1" t="str"><v>x</v></c>'
        b'<c t="n" s="2" r="E8"><v>3</v></c>'
    )
    assert styled(cells) == ({2: [(3, "%")], 4: [(3, "%")], 6: [(27, "%")]}, ["E8"])
    excel_order = b'<c r="D2" s="1"><v>1</v></c><c r="D3" s="1" t="s"><v>0</v></c><c r="E3" s="2"><v>2</v></c>'
    assert styled(excel_order) == ({2: [(3, "%")]}, ["E3"])
    one_column = b'<c r="D2" s="1"><v>1</v></c><c r="D4" s="1" t="n"><v>2</v></c><c r="D5" s="1"/>'
    assert styled(one_column) == ({2: [(3, "%")], 4: [(3, "%")], 5: [(3, "%")]}, [])
    with_a_text = one_column + b'<c r="D6" s="1" t="s"><v>0</v></c><c r="D7" t="n" s="1"><v>2</v></c>'
    assert styled(with_a_text) == ({2: [(3, "%")], 4: [(3, "%")], 5: [(3, "%")], 7: [(3, "%")]}, [])
    assert _error_cells(b'<c t="e" r="D3"><f>1/0</f><v>#DIV/0!</v></c>') == [("D3", "#DIV/0!", 0)]
    assert _formulas_without_value(b'<c s="2" r="E4"><f>A1+1</f></c>') == ["E4"]


def test_a_formula_with_an_empty_text_as_result_is_calculated() -> None:
    """=ALS(D2="";"geen";"") gives "", which Excel writes as an empty value: it was called never calculated."""
    from verantwoord.export.workbook import _formulas_without_value

    assert _formulas_without_value(b'<c r="F2" t="str"><f>IF(D2="","geen","")</f><v></v></c>') == []
    assert _formulas_without_value(b'<c r="F2" t="str"><f>IF(D2="","geen","")</f><v/></c>') == []
    assert _formulas_without_value(b'<c r="F2"><f>A1</f><v/></c>') == ["F2"]


def test_merged_cells_are_refused(tmp_path: Path) -> None:
    """A target merged over three rows showed 80 on each in Excel; the other two were published as 'geen cijfer'."""
    workbook, sheet = values_sheet(["a", 80], ["a", 80], ["a", 80])
    sheet.merge_cells("B2:B4")
    problems = Problems()
    read_workbook(saved(workbook, tmp_path), problems)
    assert [str(p) for p in problems] == [
        "w.xlsx, blad Waarden, cel B2: de cellen B2:B4 zijn samengevoegd: alleen B2 heeft een waarde, de andere "
        "cellen zijn leeg. Hint: maak de samenvoeging ongedaan (Start > Samenvoegen en centreren) en vul elke cel."
    ]


def test_two_sheets_of_one_name_are_refused_and_a_hidden_one_is_named(tmp_path: Path) -> None:
    """A hidden sheet ' Waarden' beside 'Waarden' silently replaced it: the site showed the hidden sheet's 999."""
    workbook, _ = values_sheet()
    hidden = workbook.create_sheet(" Waarden")
    hidden.append(["indicator", "waarde"])
    hidden.append(["a", 999])
    hidden.sheet_state = "hidden"
    path = tmp_path / "w.xlsx"
    workbook.save(path)
    problems = Problems()
    tables, _ = read_workbook(path, problems, checked={"waarden": {"indicator", "waarde"}})
    assert [str(p) for p in problems] == [
        "w.xlsx, blad  Waarden: de werkmap heeft twee bladen met deze naam: 'Waarden' en ' Waarden' (hoofdletters en "
        "spaties aan het begin of eind tellen niet mee). Hint: verwijder een van beide, of geef het een andere naam. "
        "Een verborgen blad maakt u zichtbaar met een rechtsklik op een bladtab > Zichtbaar maken."
    ]
    del workbook["Waarden"]
    workbook.create_sheet("Uitleg")
    workbook.save(path)
    problems = Problems()
    tables, _ = read_workbook(path, problems, checked={"waarden": {"indicator", "waarde"}})
    assert tables["waarden"].rows == [("a", 999)]
    [warning] = problems
    assert warning.message == "dit blad is verborgen in Excel, maar verantwoord leest en publiceert het."


def test_the_sheet_read_in_a_thread_gives_the_same_tables(tmp_path: Path, monkeypatch) -> None:
    """calamine loads the largest sheet in a thread while the others are read: whichever sheet that is (or none),
    every sheet's table is the same, the first of two sheets of one name still wins, and the problems are the same."""
    from verantwoord.export import workbook as module

    workbook, values = values_sheet(*([f"ind-{n}", n / 10] for n in range(300)), ["ind-x", "#N/A"])
    values["B5"].number_format = "0%"  # read as the percentage shown: the sheet's scan finds it
    other = workbook.create_sheet("waarden ")  # a second sheet of the same name, read after the first
    other.append(["indicator", "waarde"])
    other.append(["x", 1])
    workbook.create_sheet("Uitleg").append(["id", "tekst"])
    path = saved(workbook, tmp_path)

    def read(largest: str | None) -> tuple[dict, list[str]]:
        monkeypatch.setattr(module, "_largest_sheet", lambda *args: largest)
        problems = Problems()
        tables, _ = read_workbook(path, problems)
        return {key: (t.header, t.rows, str(t.locate(-1, 0))) for key, t in tables.items()}, [str(p) for p in problems]

    in_this_thread = read(None)
    assert in_this_thread[0]["waarden"][1][:4] == [
        ("ind-0", 0.0),
        ("ind-1", 0.1),
        ("ind-2", 0.2),
        ("ind-3", Decimal(30)),
    ]
    error, twice = in_this_thread[1]
    assert error.startswith("w.xlsx, blad Waarden, cel B302: de cel bevat een Excel-foutwaarde.")
    assert "twee bladen met deze naam" in twice
    for largest in ("Waarden", "waarden ", "Uitleg"):
        assert read(largest) == in_this_thread
    monkeypatch.undo()
    with zipfile.ZipFile(path) as archive:
        members = module.sheet_files(archive)
        assert module._largest_sheet(archive, members, ["Waarden", "waarden ", "Uitleg"]) == "Waarden"
        assert module._largest_sheet(archive, members, ["Waarden"]) is None  # nothing to read beside it


_RICH = "http://schemas.microsoft.com/office/spreadsheetml/2017/richdata"
_METADATA = (
    '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xlrd="{rich}">'
    '<metadataTypes count="2"><metadataType name="XLDAPR"/><metadataType name="XLRICHVALUE"/></metadataTypes>'
    '<futureMetadata name="XLRICHVALUE" count="{count}">{future}</futureMetadata>'
    '<valueMetadata count="{count}">{value}</valueMetadata></metadata>'
)


def _with_rich_errors(path: Path, cells: dict[str, int]) -> None:
    """`path` with an error cell per entry, as Excel 365 saves #SPILL! and #CALC!: the file stores #VALUE!, and the
    cell's value metadata (vm) points through xl/metadata.xml to a rich value of the structure _error, whose
    errorType names the error Excel shows."""
    future = "".join(
        f'<bk><extLst><ext uri="{{3e2802c4-a4d2-4d8b-9148-e3be6c30e623}}"><xlrd:rvb i="{index}"/></ext></extLst></bk>'
        for index in range(len(cells))
    )
    value = "".join(f'<bk><rc t="2" v="{index}"/></bk>' for index in range(len(cells)))
    structures = (
        f'<rvStructures xmlns="{_RICH}" count="2"><s t="_error"><k n="errorType" t="i"/><k n="subType" t="i"/></s>'
        '<s t="_error"><k n="colOffset" t="i"/><k n="errorType" t="i"/><k n="rwOffset" t="i"/>'
        '<k n="subType" t="i"/></s></rvStructures>'
    )
    # #SPILL! has the second structure (its offsets first), the others the first: the key's place is looked up.
    values = "".join(
        f'<rv s="1"><v>0</v><v>{kind}</v><v>2</v><v>1</v></rv>'
        if kind == 8
        else f'<rv s="0"><v>{kind}</v><v>1</v></rv>'
        for kind in cells.values()
    )
    office = "http://schemas.microsoft.com/office/2017/06/relationships/"
    relations = {
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata": "metadata.xml",
        office + "rdRichValue": "richData/rdrichvalue.xml",
        office + "rdRichValueStructure": "richData/rdrichvaluestructure.xml",
    }
    parts = {
        "xl/metadata.xml": _METADATA.format(rich=_RICH, count=len(cells), future=future, value=value),
        "xl/richData/rdrichvalue.xml": f'<rvData xmlns="{_RICH}" count="{len(cells)}">{values}</rvData>',
        "xl/richData/rdrichvaluestructure.xml": structures,
    }
    copy = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/_rels/workbook.xml.rels":
                extra = "".join(
                    f'<Relationship Id="rIdRich{n}" Type="{kind}" Target="{to}"/>'
                    for n, (kind, to) in enumerate(relations.items())
                )
                data = data.replace(b"</Relationships>", extra.encode() + b"</Relationships>")
            elif item.filename == "xl/worksheets/sheet1.xml":
                for vm, cell in enumerate(cells, start=1):
                    data = re.sub(
                        rf'<c r="{cell}"[^>]*>.*?</c>'.encode(),
                        f'<c r="{cell}" t="e" vm="{vm}"><f>FILTER(A1:A9,A1:A9&gt;9)</f><v>#VALUE!</v></c>'.encode(),
                        data,
                    )
            target.writestr(item, data)
        for name, text in parts.items():
            target.writestr(name, text)
    copy.replace(path)


def test_an_error_excel_stores_as_a_rich_value_is_named_as_excel_shows_it(tmp_path: Path) -> None:
    """A FILTER that finds nothing shows #BEREKENEN! (#CALC!) in Dutch Excel, and one whose spill range is not empty
    #OVERLOOP! (#SPILL!); the file stores #VALUE! for both, and the user was told to look for #WAARDE!, which her
    sheet did not show. The errors Dutch Excel shows in English are named as it shows them."""
    kinds = {"B2": 13, "B3": 8, "B4": 12, "B5": 11, "B6": 10, "B7": 9, "B8": 14}
    workbook, _ = values_sheet(*(["a", 1] for _ in kinds))
    path = saved(workbook, tmp_path)
    _with_rich_errors(path, kinds)
    problems = Problems()
    read_workbook(path, problems)
    shown = [
        "#BEREKENEN! (#CALC!)",
        "#OVERLOOP! (#SPILL!)",
        "#FIELD!",
        "#UNKNOWN!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
    ]
    assert [(p.location.cell, p.found) for p in problems] == list(zip(kinds, shown, strict=True))


@pytest.mark.parametrize("written", ["serial", "iso", "iso-utc"])
def test_a_date_shown_as_a_year_or_month_is_read_as_the_period_excel_shows(tmp_path: Path, written: str) -> None:
    """A financial system exports a year as its first of January, which Excel shows as 2019 under the format jjjj
    (stored as yyyy): the period was refused as a date the user could not see. In the header and in the rows; a date
    shown in full, or as a month's name, stays a date.

    Excel stores a date as its serial number; openpyxl (iso_dates), SheetJS (cellDates, in UTC with milliseconds)
    and Strict Open XML may store it as text, a cell of type d. Read the same: the header was '2019-01-01 00:00:00',
    the periods dates, and SheetJS's dates texts ('2019-01-01T00:00:00.000Z')."""
    workbook = Workbook(iso_dates=written != "serial")
    sheet = workbook.active
    sheet.title = "Waarden"
    sheet.append(["indicator", datetime(2019, 1, 1), datetime(2020, 1, 1), "periode", "later", "datum", "mnd"])
    sheet.append(["a", 81, 83, datetime(2019, 1, 1), datetime(2024, 3, 1, 9, 30), datetime(2019, 1, 1), None])
    sheet.append(["b", 7, 8, datetime(2020, 1, 1), datetime(2024, 12, 1), datetime(2020, 1, 1), datetime(2024, 3, 1)])
    for cell in (*sheet["B1:C1"][0], sheet["D2"], sheet["D3"]):
        cell.number_format = "yyyy"
    sheet["E2"].number_format = sheet["E3"].number_format = "[$-413]yyyy\\-mm;@"
    sheet["F2"].number_format = sheet["F3"].number_format = "d-m-yyyy"
    sheet["G3"].number_format = "mmm-yy"
    path = saved(workbook, tmp_path)
    if written == "iso-utc":
        patch_workbook_xml(path, "xl/worksheets/sheet1.xml", r'(t="d"><v>[-0-9T:]+)(</v>)', r"\g<1>.000Z\g<2>")
    problems = Problems()
    tables, _ = read_workbook(path, problems)
    assert not problems
    table = tables["waarden"]
    assert table.header[:3] == ["indicator", "2019", "2020"]
    assert [row[3:5] for row in table.rows] == [("2019", "2024-03"), ("2020", "2024-12")]
    assert [row[5] for row in table.rows] == [date(2019, 1, 1), date(2020, 1, 1)]
    assert table.rows[1][6] == date(2024, 3, 1)


def test_date_pattern() -> None:
    """Only a format that shows a period: a year, a year and month, perhaps with a locale, colour or text section."""
    from verantwoord.export.workbook import date_pattern

    for code in ("yyyy", "YYYY", "yyy", "yyyy;@", "[$-413]yyyy", "[$-nl-NL]yyyy", "[Blue]yyyy"):
        assert date_pattern(code) == "{year:04d}", code
    assert date_pattern("yyyy-mm") == date_pattern("yyyy\\-mm") == date_pattern('yyyy"-"mm') == "{year:04d}-{month:02d}"
    assert date_pattern('yyyy" Q1"') == "{year:04d} Q1"
    for code in ("d-m-yyyy", "dd-mm-yyyy", "mmm-yy", "mmmm yyyy", "yy", '"FY "yyyy', "yyyy-m", "yyyy/mm", "mm-yyyy"):
        assert date_pattern(code) is None, code
    for code in ("[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", "yyyy hh:mm", "[h]:mm", "General", "0", "0.0%", "@", "jjjj"):
        assert date_pattern(code) is None, code


@pytest.mark.parametrize("without", ["cells", "rows", "rows and cells", "prefixed rows and cells"])
def test_cells_without_a_reference_are_read_at_their_place(tmp_path: Path, without: str) -> None:
    """A cell's reference (r="B2") may be left out, and a row's: the cell is then the one after the cell before it, the
    row the one after the row before it, as calamine reads them. Some tools write no references; their percentages
    were published as 0,78 where the sheet shows 78%, a year shown as jjjj was a refused date, an error cell was named
    'cel ?' and a hidden row went unwarned."""
    workbook, sheet = values_sheet(["a", 0.78, datetime(2019, 1, 1)], ["b", "=1/0"], ["c", 1])
    sheet["B2"].number_format = "0%"
    sheet["C2"].number_format = "yyyy"
    sheet.row_dimensions[4].hidden = True
    path = saved(workbook, tmp_path)
    reference = {"cells": r'(<c) r="[A-Z]+[0-9]+"', "rows": r'(<row) r="[0-9]+"'}.get(
        without, r'(<(?:c|row)) r="[A-Z]*[0-9]+"'
    )
    patch_workbook_xml(path, "xl/worksheets/sheet1.xml", reference, r"\g<1>")
    patch_workbook_xml(
        path, "xl/worksheets/sheet1.xml", r"<c( r=\"B3\")?><f>1/0</f><v></v>", r'<c\g<1> t="e"><f>1/0</f><v>#DIV/0!</v>'
    )
    if without.startswith("prefixed"):  # as the Open XML SDK writes a sheet: <x:c>
        patch_workbook_xml(path, "xl/worksheets/sheet1.xml", r"<(/?)(\w+)\b", r"<\g<1>x:\g<2>")
        patch_workbook_xml(path, "xl/worksheets/sheet1.xml", r"xmlns=", "xmlns:x=")
    with zipfile.ZipFile(path) as archive:
        cells = archive.read("xl/worksheets/sheet1.xml").partition(b"sheetData>")[2]
    assert (b"c r=" in cells) is (without == "rows") and (b"row r=" in cells) is (without == "cells")
    problems = Problems()
    tables, _ = read_workbook(path, problems)
    assert tables["waarden"].rows == [("a", Decimal("78"), "2019"), ("b",), ("c", 1)]
    assert [(p.location.cell, p.found, p.message[:18]) for p in problems] == [
        (None, None, "rij 4 is verborgen"),
        ("B3", "#DEEL/0! (#DIV/0!)", "de cel bevat een E"),
    ]
