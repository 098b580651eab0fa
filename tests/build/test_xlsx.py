"""The xlsx writer of the open data: a valid workbook, deflated by ISA-L, and by zlib when the build must be
reproducible."""

from __future__ import annotations

import struct
import zipfile
import zlib
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from verantwoord.build.xlsx import XlsxWriter, row

ROWS = [row((f"ind-{n}", Decimal(n) / 10, n % 2 == 0, "tekst & <meer>" * (n % 3))) for n in range(2000)]


def write(path: Path) -> Path:
    with (
        XlsxWriter(path, ("Cijfers",), datetime(2021, 5, 27, tzinfo=UTC)) as workbook,
        workbook.sheet(("indicator", "waarde", "even", "tekst")) as sheet,
    ):
        for start in range(0, len(ROWS), 500):
            sheet.add(ROWS[start : start + 500])
    return path


def deflated(path: Path, member: str) -> tuple[bytes, bytes]:
    """The member's deflated bytes as stored, and its content."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
        content = archive.read(member)
    data = path.read_bytes()
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + name_length + extra_length
    return data[start : start + info.compress_size], content


def test_the_workbook_reads_back_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    path = write(tmp_path / "open.xlsx")
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None  # every entry's length and CRC
    rows = list(load_workbook(path)["Cijfers"].iter_rows(values_only=True))
    assert rows[0] == ("indicator", "waarde", "even", "tekst")
    assert len(rows) == 1 + len(ROWS)
    assert rows[1 + 1234] == ("ind-1234", 123.4, True, "tekst & <meer>")


def test_a_reproducible_build_deflates_the_sheet_with_zlib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ISA-L's bytes depend on how the input is split into writes and on the code it picks for the processor; a build
    with SOURCE_DATE_EPOCH must give the same bytes on another machine, so zlib deflates, as one call would."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1622111039")
    stored, content = deflated(write(tmp_path / "reproducible.xlsx"), "xl/worksheets/sheet1.xml")
    compressor = zlib.compressobj(1, zlib.DEFLATED, -zlib.MAX_WBITS)
    assert stored == compressor.compress(content) + compressor.flush()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    fast, same = deflated(write(tmp_path / "fast.xlsx"), "xl/worksheets/sheet1.xml")
    assert same == content and fast != stored


def test_dates_and_moments_are_date_cells(tmp_path: Path) -> None:
    """Dates were text: Excel sorted 2020-12-31 as a word and could not filter a column by year or month."""
    path = tmp_path / "dates.xlsx"
    moment = datetime(2021, 5, 25, 13, 50, 49, tzinfo=timezone(timedelta(hours=2)))
    with (
        XlsxWriter(path, ("Cijfers",), datetime(2021, 5, 27, tzinfo=UTC)) as workbook,
        workbook.sheet(("begin", "moment", "middernacht", "vroeg")) as sheet,
    ):
        sheet.add([row((date(2020, 12, 31), moment, datetime(2020, 1, 1, tzinfo=UTC), date(1899, 1, 1)))])
    read = load_workbook(path)["Cijfers"][2]
    assert [cell.value for cell in read] == [
        datetime(2020, 12, 31),
        datetime(2021, 5, 25, 11, 50, 49),  # in UTC, as the open data's moments are
        datetime(2020, 1, 1),
        "1899-01-01",  # Excel has no date before 1900: text, as in the CSV
    ]
    assert [cell.number_format for cell in read[:3]] == ["yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss", "yyyy-mm-dd hh:mm:ss"]
