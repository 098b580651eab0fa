"""A cell typed far outside the table (Ctrl+End, a stray paste, a tool's marker in the last cell).

calamine loads a sheet as the dense range up to its last cell: XFD1048576 ended the process in a Rust out-of-memory
abort. The workbook is read in a child process, so that an abort fails the test and not the suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import xlsxwriter
from openpyxl import Workbook

from tests.conftest import patch_workbook_xml
from verantwoord.errors import Problems
from verantwoord.export.workbook import read_workbook

SRC = Path(__file__).resolve().parents[2] / "src"
READ = """
import json, resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # an abort at 4 GB, not a machine out of memory
from verantwoord.errors import Problems
from verantwoord.export.workbook import read_workbook
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
problems = Problems()
checked = json.loads(sys.argv[2])
tables, _ = read_workbook(Path(sys.argv[1]), problems, checked)
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({
    "problems": [str(problem) for problem in problems],
    "cells": [problem.location.cell for problem in problems],
    "rows": {key: [list(map(str, row)) for row in table.rows] for key, table in tables.items()},
    "grown_kib": grown,
}))
"""


def _read(path: Path, checked: dict[str, list[str]] | None = None) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", READ, str(path), json.dumps(checked)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def _table(folder: Path, far: dict[str, object], name: str = "w.xlsx") -> Path:
    """A sheet Waarden with a header and two rows, and `far` cells far outside them; a sheet Indicatoren."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Waarden"
    for row in (["indicator", "periode", "waarde"], ["a", 2019, 1], ["a", 2020, 2]):
        sheet.append(row)
    for cell, value in far.items():
        sheet[cell] = value
    workbook.create_sheet("Indicatoren").append(["id", "titel"])
    path = folder / name
    workbook.save(path)
    return path


def test_a_value_in_the_last_cell_of_the_sheet_is_an_error_at_that_cell_and_the_table_is_read(tmp_path: Path) -> None:
    read = _read(_table(tmp_path, {"XFD1048576": "x"}))
    plain = _read(_table(tmp_path, {}, "plain.xlsx"))

    (problem,) = read["problems"]
    assert problem.startswith("w.xlsx, blad Waarden, cel XFD1048576: de cel XFD1048576 ligt ver rechtsonder de tabel")
    assert "(A1:C3)" in problem
    assert "'x'" in problem
    assert "maak de cel leeg" in problem  # what to do
    assert read["rows"] == plain["rows"]


def test_far_cells_are_one_error_beside_the_sheets_other_problems(tmp_path: Path) -> None:
    """All problems at once: two far cells and an error cell in the table."""
    path = _table(tmp_path, {"XFD1048576": "x", "C1048576": "klaar", "C3": "=1/0"})
    patch_workbook_xml(
        path,
        "xl/worksheets/sheet1.xml",
        '<c r="C3"><f>1/0</f><v></v></c>',
        '<c r="C3" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
    )

    read = _read(path)

    assert read["cells"] == ["C1048576", "C3"]
    far = read["problems"][0]
    assert "de cellen C1048576 ('klaar') en XFD1048576 ('x') liggen ver rechtsonder de tabel (A1:C3)" in far
    assert "#DEEL/0!" in read["problems"][1]
    assert read["rows"]["waarden"][0] == ["a", "2019.0", "1.0"]


def test_a_space_far_outside_the_table_is_left_out_without_a_message(tmp_path: Path) -> None:
    """Excel shows nothing there, and a blank cell is read as empty wherever it stands: the same tables, no
    message, and not a range of 8 columns by a million rows (275 MiB, 3.5 s) loaded to find it blank."""
    plain = _read(_table(tmp_path, {}, "plain.xlsx"))
    for cell in ("H1048576", "XFD1048576"):
        read = _read(_table(tmp_path, {cell: " "}, f"{cell}.xlsx"))
        assert read["problems"] == []
        assert read["rows"] == plain["rows"]
        assert read["grown_kib"] < 64 * 1024, cell


def test_a_far_cell_is_found_without_the_sheets_dimension(tmp_path: Path) -> None:
    """A tool that writes no dimension, or "A1" for every sheet, as a streaming writer does."""
    path = _table(tmp_path, {"XFD1048576": "x"})
    patch_workbook_xml(path, "xl/worksheets/sheet1.xml", r"<dimension ref=\"[^\"]*\"\s*/>", '<dimension ref="A1"/>')

    read = _read(path)

    assert read["cells"] == ["XFD1048576"]


def test_a_far_cell_is_found_in_rows_without_their_number(tmp_path: Path) -> None:
    """<row> without r="…" around cells with theirs, as the Open XML SDK writes a Row without its RowIndex: the far
    cell went unseen, and calamine ended the process."""
    path = _table(tmp_path, {"XFD1048576": "x"})
    patch_workbook_xml(path, "xl/worksheets/sheet1.xml", r'(<row) r="[0-9]+"', r"\g<1>")

    read = _read(path)

    assert read["cells"] == ["XFD1048576"]
    assert read["rows"] == _read(_table(tmp_path, {}, "plain.xlsx"))["rows"]


def test_a_far_cell_in_a_sheet_that_is_not_read_is_left_out_without_a_message(tmp_path: Path) -> None:
    path = _table(tmp_path, {})
    patch_workbook_xml(
        path,
        "xl/worksheets/sheet2.xml",
        "</sheetData>",
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    )

    read = _read(path, {"waarden": ["indicator", "periode", "waarde"]})

    assert read["problems"] == []


def test_a_note_beside_the_table_and_a_formatted_empty_far_cell_are_no_far_cells(tmp_path: Path) -> None:
    """A column of notes a few columns right of the table is read as it was; a cell with only a format (Excel
    writes it when a far cell is formatted) is no cell calamine counts."""
    path = _table(tmp_path, {"H2": "nakijken"})
    patch_workbook_xml(
        path,
        "xl/worksheets/sheet1.xml",
        "</sheetData>",
        '<row r="1048576"><c r="XFD1048576" s="1"/></row></sheetData>',
    )

    problems = Problems()
    tables, _ = read_workbook(path, problems)

    assert not problems
    assert tables["waarden"].rows[0][7] == "nakijken"


def test_far_texts_are_named_as_excel_writes_them_in_its_shared_texts(tmp_path: Path) -> None:
    """Excel keeps a text in the workbook's shared texts, the cell holding its number: a space there is left out
    without a message, a word is named as it is typed (not as '0' or '1')."""
    path = tmp_path / "excel.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Waarden")
    for number, row in enumerate((["indicator", "periode", "waarde"], ["a", "2019", 1], ["a", "2020", 2])):
        sheet.write_row(number, 0, row)
    sheet.write_string("XFD1048576", " ")
    sheet.write_string("C1048576", "klaar")
    workbook.close()

    read = _read(path)

    (problem,) = read["problems"]
    assert "cel C1048576: de cel C1048576 ligt ver onder de tabel (A1:C3) en is niet leeg: ze bevat 'klaar'." in problem
    assert read["rows"]["waarden"] == [["a", "2019", "1.0"], ["a", "2020", "2.0"]]


def test_a_remark_right_of_a_large_table_is_read_with_it(tmp_path: Path) -> None:
    """A remark in AZ2 beside 50,000 rows of eight columns spans 2.6 million cells (83 MB in calamine): the table's, as
    Excel reads it, and no error that fails the build. It was reported as lying far right of the table."""
    path = tmp_path / "groot.xlsx"
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("Waarden")
    sheet.write_row(0, 0, ["indicator", "periode", "soort", "waarde", "a", "b", "c", "d"])
    sheet.write(1, 51, "nagekeken door de controller")  # AZ2
    for row in range(1, 50_001):
        if row > 1:
            sheet.write_row(row, 0, [f"i{row % 900}", 2000 + row % 20, "realisatie", row % 97, 1, 2, 3, 4])
        else:
            sheet.write_row(row, 0, ["i1", 2001, "realisatie", 1, 1, 2, 3, 4])
    workbook.add_worksheet("Indicatoren").write_row(0, 0, ["id", "titel"])
    workbook.close()

    read = _read(path)

    assert read["cells"] == []
    assert read["rows"]["waarden"][0][51] == "nagekeken door de controller"
