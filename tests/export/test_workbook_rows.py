"""The changed rows of a saved workbook, read on their own, are the rows a full read gives."""

from __future__ import annotations

import io
import tempfile
import zipfile
import zlib
from datetime import date, datetime
from pathlib import Path
from unittest.mock import patch

import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import edit_workbook, write_sheets
from verantwoord.errors import Problems
from verantwoord.export import workbook_rows
from verantwoord.export.table import Table
from verantwoord.export.workbook import read_workbook
from verantwoord.export.workbook_rows import changed_rows, copy_workbook

HEADER = ["indicator", "periode", "soort", "waarde", "voetnoot"]
CELL = st.one_of(
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(alphabet="abc xyz,.%-é0123456789", min_size=1, max_size=8).filter(str.strip),
    st.booleans(),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2030, 1, 1)).map(
        lambda moment: moment.replace(microsecond=0)
    ),
)
ROW = st.lists(CELL, min_size=1, max_size=len(HEADER))


def _rows_by_number(table: Table) -> dict[int, tuple]:
    cells = [table.locate(index, 0).cell or "" for index in range(len(table.rows))]
    return {
        int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")): tuple(row) for cell, row in zip(cells, table.rows, strict=True)
    }


def _styles(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("xl/styles.xml")


def _workbook(folder: Path, name: str, rows: list[list[object]]) -> tuple[bytes, dict[int, tuple]]:
    path = folder / name
    write_sheets(path, {"Indicatoren": [["id"], ["a"]], "Waarden": [HEADER, *rows]})
    problems = Problems()
    tables, _ = read_workbook(path, problems)
    return path.read_bytes(), _rows_by_number(tables["waarden"])


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(ROW, min_size=1, max_size=30),
    edits=st.lists(st.tuples(st.integers(0, 29), st.integers(0, len(HEADER) - 1), CELL), min_size=1, max_size=6),
)
def test_the_changed_rows_are_what_a_full_read_gives(rows: list[list[object]], edits: list[tuple]) -> None:
    edited = [list(row) for row in rows]
    for index, column, value in edits:
        row = edited[index % len(edited)]
        row.extend([None] * (column + 1 - len(row)))
        row[column] = value
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        old_data, old_rows = _workbook(folder, "oud.xlsx", rows)
        new_data, new_rows = _workbook(folder, "nieuw.xlsx", edited)
        copy = copy_workbook(old_data, "waarden")
        assert copy is not None
        found = changed_rows("nieuw.xlsx", copy, new_data)

    # repr: -0.0 is not 0, and 1.0 is not True, in the cells as the validator gets them
    differ = sorted(number for number in new_rows if repr(new_rows[number]) != repr(old_rows.get(number)))
    if _styles(new_data) != _styles(old_data):
        assert found is None  # a date where there was none gave the workbook a new style: read it whole
        return
    assert found is not None, "only cells of rows that stay filled changed: no reason to read it whole"
    # The rows from the first difference to the last: those between may be the same.
    assert found.numbers == [n for n in sorted(new_rows) if differ and differ[0] <= n <= differ[-1]]
    assert repr([tuple(row) for row in found.before.rows]) == repr([old_rows[number] for number in found.numbers])
    assert repr([tuple(row) for row in found.after.rows]) == repr([new_rows[number] for number in found.numbers])
    assert [found.after.locate(i, 3).cell for i in range(len(found.numbers))] == [f"D{n}" for n in found.numbers]


def _excel_like(path: Path, rows: list[list[object]], selected: str = "A1") -> bytes:
    """A workbook as Excel writes it: texts in the shared strings table (xlsxwriter does that too)."""
    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet("Indicatoren").write_row(0, 0, ["id"])
    sheet = workbook.add_worksheet("Waarden")
    for number, row in enumerate([HEADER, *rows]):
        sheet.write_row(number, 0, row)
    sheet.set_selection(selected)
    workbook.close()
    return path.read_bytes()


def test_a_workbook_with_shared_strings(tmp_path: Path) -> None:
    rows = [["balie", "2019", "realisatie", 81], ["balie", "2020", "realisatie", 83, "eerste jaar"]]
    old = _excel_like(tmp_path / "oud.xlsx", rows)
    copy = copy_workbook(old, "waarden")
    assert copy is not None and "xl/sharedStrings.xml" in copy.parts

    rows[1][3] = 84
    new = _excel_like(tmp_path / "nieuw.xlsx", rows, selected="D3")  # another cell selected, as after typing
    found = changed_rows("nieuw.xlsx", copy, new)
    assert found is not None
    tables, _ = read_workbook(tmp_path / "nieuw.xlsx", Problems())
    assert found.numbers == [3]
    assert found.after.rows == [tables["waarden"].rows[1]] == [("balie", "2020", "realisatie", 84, "eerste jaar")]

    rows[1][4] = "tweede jaar"  # a new text: the shared strings change, and every text cell may mean another text
    assert changed_rows("nieuw.xlsx", copy, _excel_like(tmp_path / "tekst.xlsx", rows)) is None


@pytest.mark.parametrize("iso_dates", [False, True])
def test_a_period_a_system_wrote_as_a_date_shown_as_a_year_is_read_as_a_full_read_reads_it(
    tmp_path: Path, iso_dates: bool
) -> None:
    """`serve` reads a saved row on its own: a periode column of dates that Excel shows as 2019 (jjjj) gives the
    year there as in a full read, and a date shown in full stays a date; also when the dates are stored as text
    (t="d", as openpyxl's iso_dates writes them), not as serial numbers."""
    rows = [
        ["balie", datetime(2019, 1, 1), "realisatie", 81],
        ["balie", datetime(2020, 1, 1), "realisatie", 83],
        ["balie", datetime(2021, 1, 1), "realisatie", 85],
    ]

    def saved(name: str) -> bytes:
        path = tmp_path / name
        write_sheets(path, {"Indicatoren": [["id"], ["balie"]], "Waarden": [HEADER, *rows]})
        edit_workbook(path, lambda workbook: _periods_shown_as_years(workbook, iso_dates))
        return path.read_bytes()

    old = saved("oud.xlsx")
    with zipfile.ZipFile(io.BytesIO(old)) as archive:
        assert (b't="d"' in archive.read("xl/worksheets/sheet2.xml")) is iso_dates
    copy = copy_workbook(old, "waarden")
    assert copy is not None
    rows[1][1], rows[1][3] = datetime(2022, 1, 1), 84
    found = changed_rows("nieuw.xlsx", copy, saved("nieuw.xlsx"))
    assert found is not None
    tables, _ = read_workbook(tmp_path / "nieuw.xlsx", Problems())
    assert found.numbers == [3]
    assert found.before.rows == [("balie", "2020", "realisatie", 83)]
    assert found.after.rows == [tables["waarden"].rows[1]] == [("balie", "2022", "realisatie", 84)]
    assert tables["waarden"].rows[2][1] == date(2021, 1, 1)  # shown in full


def _periods_shown_as_years(workbook, iso_dates: bool) -> None:
    workbook.iso_dates = iso_dates
    sheet = workbook["Waarden"]
    for cell in sheet["B"][1:]:
        cell.number_format = "yyyy"
    sheet["B4"].number_format = "d-m-yyyy"


BYTES = st.binary(max_size=64).map(lambda data: data * 3)  # repeated, so that long equal runs are common


@given(BYTES, BYTES, st.data())
def test_the_equal_start_and_end_of_two_sheets_are_found_to_the_byte(a: bytes, b: bytes, data: st.DataObject) -> None:
    """Compared a block at a time and the block halved: the same lengths as comparing byte by byte."""
    a_start = data.draw(st.integers(0, len(a)))
    b_start = data.draw(st.integers(0, len(b)))
    n = min(len(a) - a_start, len(b) - b_start)
    same = next((i for i in range(n) if a[a_start + i] != b[b_start + i]), n)
    limit = data.draw(st.integers(0, min(len(a), len(b))))
    tail = next((k for k in range(limit) if a[-k - 1] != b[-k - 1]), limit)
    with patch.object(workbook_rows, "_BLOCK", 8):
        assert workbook_rows._first_difference(a, a_start, b, b_start) == same
        assert workbook_rows._common_suffix(a, b, limit) == tail
    assert workbook_rows._first_difference(a, a_start, b, b_start) == same
    assert workbook_rows._common_suffix(a, b, limit) == tail


def _damaged(data: bytes, member: str, damage: str) -> bytes:
    """The workbook with `member` damaged: its CRC in the central directory wrong, or its deflated bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(member)
    damaged = bytearray(data)
    if damage == "crc":
        entry = data.index(b"PK\x01\x02")
        while data[entry + 46 : entry + 46 + len(member)] != member.encode():
            entry = data.index(b"PK\x01\x02", entry + 4)
        damaged[entry + 16 : entry + 20] = (info.CRC ^ 1).to_bytes(4, "little")
    else:
        start = info.header_offset + 30 + len(member)  # openpyxl writes no extra field
        middle = start + info.compress_size // 2
        damaged[middle : middle + 16] = b"\xff" * 16
    return bytes(damaged)


@pytest.mark.parametrize("damage", ["crc", "deflate"])
def test_a_damaged_sheet_is_read_whole_not_compared(tmp_path: Path, damage: str) -> None:
    """The value sheet is inflated and checked as zipfile checks it: a damaged one is no change of a few rows, and
    the full read names the damage."""
    rows = [["balie", str(year), "realisatie", year - 1900, "x" * 40] for year in range(1990, 2030)]
    old, _ = _workbook(tmp_path, "oud.xlsx", rows)
    copy = copy_workbook(old, "waarden")
    assert copy is not None
    rows[3][3] = 7
    new, _ = _workbook(tmp_path, "nieuw.xlsx", rows)
    assert changed_rows("nieuw.xlsx", copy, new) is not None
    damaged = _damaged(new, copy.member, damage)
    with pytest.raises((zipfile.BadZipFile, zlib.error)):  # as zipfile finds it
        zipfile.ZipFile(io.BytesIO(damaged)).read(copy.member)
    assert changed_rows("nieuw.xlsx", copy, damaged) is None
    assert copy_workbook(damaged, "waarden") is None
