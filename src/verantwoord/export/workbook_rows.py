"""Read only the rows of a workbook's value sheet that a save changed.

`serve` should show a corrected figure at once. Reading a workbook of 130,000 values whole takes calamine half a
second and checking it another second. When a save changed only a few rows of one sheet (and perhaps the
workbook's modified time), those rows are found by comparing the sheet's XML with the version read before, and
calamine reads them from a small workbook made of the same parts (styles, shared texts), with only the header
rows and the changed rows in that sheet. The same reader and the same code (`sheet_rows`, `scan_sheet`) as a full
read turn them into cells, so they come out exactly as a full read would give them.

What a save changes without changing a cell is no change: the selected cell and sheet (`sheetViews` and
`bookViews`, which Excel writes on every save), the sheet's dimension. Anything else a save changed (another
sheet's cells, the shared texts, the styles, a row added or removed, the rows above the header, a changed row that is
or was hidden) gives None, and the caller reads the workbook whole.
"""

from __future__ import annotations

import io
import itertools
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, replace
from datetime import datetime

import python_calamine
from isal import isal_zlib

from verantwoord.export.extent import range_budget
from verantwoord.export.table import Table, column_index, sheet_locator, sheet_words
from verantwoord.export.workbook import (
    HIDDEN_ROW,
    SheetRows,
    cell_styles,
    modified_time,
    scan_sheet,
    sheet_files,
    sheet_rows,
)

MAX_ROWS = 100
"""More changed rows than this, and reading the workbook whole is as quick and simpler."""
MAX_HEADER_ROWS = 20
"""The header must be among the sheet's first rows (in the XML), or its rows are not read this way."""
UNREAD_PARTS = frozenset({"docProps/app.xml"})
"""Parts of the workbook that nothing reads: a save may change them (Excel writes its version there)."""
WORKBOOK_PART = "xl/workbook.xml"
"""Its sheets matter; its `bookViews` (which sheet was open) do not."""
MODIFIED_PART = "docProps/core.xml"
"""Holds the workbook's modified time, the export time: read again when a save changed it."""

_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData\s*>")
_CELLS = re.compile(rb"<(?:\w+:)?sheetData\b")
_BOOK_VIEWS = re.compile(rb"<(?:\w+:)?bookViews\b.*?</(?:\w+:)?bookViews\s*>", re.DOTALL)
_SHEET_DATA_END = re.compile(rb"</(?:\w+:)?sheetData\s*>")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*/>")
_ROW_START = re.compile(rb"<(?:\w+:)?row[\s/>]")
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*?)(?:/>|>.*?</(?:\w+:)?row\s*>)", re.DOTALL)
_ROW_NUMBER = re.compile(rb'\br="([0-9]+)"')
_CELL_COLUMN = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+)[0-9]+"')
_CELL_REFERENCE = re.compile(rb'(<(?:\w+:)?c\b[^>]*?\br="[A-Z]+)[0-9]+"')
_BLANK = re.compile(rb"\s*")
_LOCAL_HEADER = b"PK\x03\x04"
_ENCRYPTED = 0x1
_BLOCK = 1 << 20
"""Two sheets are compared a block at a time, in place (`bytes.startswith` of a memoryview copies nothing), and the
block halved down to a byte where they differ: 34 MB in 5 ms (in copied slices of 16 KB: 17 ms)."""


@dataclass(frozen=True)
class WorkbookCopy:
    """A workbook as read last: what the next save is compared with."""

    data: bytes
    """The file's bytes."""
    sheet: str
    """The value sheet's name as the workbook writes it."""
    member: str
    """The part of the file that holds the value sheet's cells."""
    xml: bytes
    """That part, inflated."""
    data_start: int
    """Where in `xml` the cells start (after `<sheetData>`): what comes before holds no cell."""
    rows_start: int
    """Where in `xml` the rows after the header start."""
    tail: bytes
    """`xml` from the end of its rows (`</sheetData>`) on."""
    header_row: int
    header: list[str]
    parts: dict[str, bytes]
    """Every other part, inflated; the other sheets as empty sheets. The small workbook is made of these."""
    sheet_parts: frozenset[str]
    """The parts that hold sheets."""


@dataclass(frozen=True)
class ChangedRows:
    before: Table
    """The rows the save changed, as they were (a table of the value sheet with only those rows)."""
    after: Table
    """The same rows as they are now."""
    numbers: list[int]
    """The sheet's row number of each changed row."""
    modified: datetime | None
    """The workbook's modified time now."""
    copy: WorkbookCopy
    """The workbook now, to compare the next save with."""


def copy_workbook(data: bytes, sheet: str) -> WorkbookCopy | None:
    """What `changed_rows` compares a later save of the workbook `data` with; `sheet` is the value sheet's name in
    lower case. None when its rows cannot be compared this way."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sheets = sheet_files(archive)
            found = [(title, member) for title, member in sheets.items() if title.strip().lower() == sheet]
            if len(found) != 1:
                return None
            title, member = found[0]
            xml = _inflated(archive, data, archive.getinfo(member))
            empty = _empty_sheet(xml)
            parts = {
                info.filename: (empty if info.filename in sheets.values() else archive.read(info.filename))
                for info in archive.infolist()
                if info.filename != member
            }
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, OSError):
        return None
    start = _SHEET_DATA.search(xml)
    tail = _tail(xml)
    if start is None or tail is None:
        return None
    # The header is the first row with a filled cell, as `sheet_rows` finds it; rows with only blank cells may be
    # above it. Read the first rows until the header is among them.
    end = start.end()
    for _ in range(MAX_HEADER_ROWS):
        row = _next_row(xml, end)
        if row is None:
            return None
        end = row.end()
        read = _read_rows(title, member, xml[:end], b"", tail, parts)
        if read is not None and read.header:
            if read.rows:
                return None
            return WorkbookCopy(
                data,
                title,
                member,
                xml,
                start.end(),
                end,
                tail,
                read.header_row,
                read.header,
                parts,
                frozenset(sheets.values()),
            )
    return None


def changed_rows(name: str, before: WorkbookCopy, data: bytes) -> ChangedRows | None:
    """The rows of the value sheet that differ between `before` and the workbook `data` now, read as a full read
    would read them; None when more than those rows (and the modified time) changed, or too many rows did."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, zipfile.ZipFile(io.BytesIO(before.data)) as old:
            if not _same_parts(archive, old, data, before):
                return None
            xml = _inflated(archive, data, archive.getinfo(before.member))
            modified = modified_time(archive)
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, OSError, struct.error):
        return None
    start = _SHEET_DATA.search(xml)
    if start is None:
        return None
    shift = start.end() - before.data_start  # the part before the cells may differ (the selected cell)
    copy = replace(before, data=data, xml=xml, data_start=start.end(), rows_start=before.rows_start + shift)
    found = _changed_region(before.xml, before.data_start, xml, start.end(), before.rows_start)
    if found is None:
        return None
    old_rows, new_rows = found
    if any(HIDDEN_ROW.match(row) for _, row in (*old_rows, *new_rows)):
        return None  # a full read warns of the hidden rows, or no longer does
    if _widest(new_rows) > max(_widest(old_rows), len(before.header) - 1) and _far_reach(xml, _widest(new_rows)):
        return None  # a full read leaves the new cell out as far outside the table (`extent`), and may report it
    if not new_rows and not old_rows:
        nothing = _table(name, before, [], [])
        return ChangedRows(nothing, nothing, [], modified, copy)
    numbers = [number for number, _ in new_rows]
    if [number for number, _ in old_rows] != numbers or len(numbers) > MAX_ROWS:
        return None
    if any(b <= a for a, b in itertools.pairwise(numbers)):
        return None
    head = xml[: copy.rows_start]  # its header rows are the same in both: the first difference lies after them
    tables = []
    for rows in (old_rows, new_rows):
        # Numbered on from the header, so that calamine's range holds no empty rows between.
        renumbered = b"".join(_renumber(row, before.header_row + 1 + i) for i, (_, row) in enumerate(rows))
        read = _read_rows(before.sheet, before.member, head, renumbered, before.tail, before.parts)
        if read is None or read.header != before.header or read.header_row != before.header_row:
            return None
        if len(read.rows) != len(rows):
            return None  # a changed row that is empty now, or was: a full read drops it
        tables.append(_table(name, before, read.rows, numbers))
    return ChangedRows(tables[0], tables[1], numbers, modified, copy)


def _widest(rows: list[tuple[int, bytes]]) -> int:
    """The column (from 0) of the rightmost cell of `rows`; -1 if they have none."""
    return max((column_index(letters.decode()) for _, row in rows for letters in _CELL_COLUMN.findall(row)), default=-1)


def _far_reach(xml: bytes, column: int) -> bool:
    """Whether a cell in `column` makes the sheet's range larger than a full read takes as it is (`range_budget`)."""
    tail = _tail(xml)
    start = _row_start(xml, len(xml) - len(tail) - 1) if tail else None
    last = _ROW.match(xml, start) if start is not None else None
    number = _ROW_NUMBER.search(last.group(1)) if last else None
    return (int(number.group(1)) if number else 0) * (column + 1) > range_budget(len(xml))


def _table(name: str, copy: WorkbookCopy, rows: list, numbers: list[int]) -> Table:
    return Table(
        copy.sheet,
        name,
        copy.header,
        rows,
        sheet_locator(name, copy.sheet, copy.header_row, numbers),
        sheet_words(copy.sheet),
    )


def _same_parts(archive: zipfile.ZipFile, old: zipfile.ZipFile, data: bytes, before: WorkbookCopy) -> bool:
    """Whether every part but the value sheet, the modified time and the unread ones holds what it held."""
    infos = {info.filename: info for info in archive.infolist()}
    old_infos = {info.filename: info for info in old.infolist()}
    if infos.keys() != old_infos.keys():
        return False
    for part, info in infos.items():
        if part == before.member or part == MODIFIED_PART or part in UNREAD_PARTS:
            continue
        other = old_infos[part]
        # The same compressed bytes hold the same content, without inflating them; a part compressed otherwise
        # (another program saved it) is compared inflated.
        if info.compress_type == other.compress_type and _raw(data, info) == _raw(before.data, other):
            continue
        new, was = archive.read(part), old.read(part)
        if part in before.sheet_parts:
            new, was = _cells(new), _cells(was)
        elif part == WORKBOOK_PART:
            new, was = _BOOK_VIEWS.sub(b"", new, count=1), _BOOK_VIEWS.sub(b"", was, count=1)
        if new != was:
            return False
    return True


def _cells(xml: bytes) -> bytes:
    """A sheet from its cells on: what comes before (the selected cell, the column widths) is no value."""
    start = _CELLS.search(xml)
    return xml[start.start() :] if start else xml


def _inflated(archive: zipfile.ZipFile, data: bytes, info: zipfile.ZipInfo) -> bytes:
    """A part of the workbook `data`, inflated and checked as `archive.read` does (its length and CRC).

    This is most of the wait for a corrected figure in `serve`: the value sheet of 1,000 sections is 34 MB of XML,
    which `ZipFile.read` inflates in 120 ms (it reads and joins pieces), zlib in one call in 75 ms and ISA-L's
    inflate (`isal`) in 41 ms, its CRC in 4 ms against zlib's 11 ms.
    """
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & _ENCRYPTED:
        return archive.read(info.filename)  # Excel deflates every part; anything else is zipfile's to read
    try:
        content = isal_zlib.decompress(_raw(data, info), -zlib.MAX_WBITS)
    except isal_zlib.error as error:
        raise zipfile.BadZipFile(f"{info.filename}: {error}") from error
    if len(content) != info.file_size or isal_zlib.crc32(content) != info.CRC:
        raise zipfile.BadZipFile(f"bad CRC-32 or length for {info.filename}")
    return content


def _raw(data: bytes, info: zipfile.ZipInfo) -> bytes:
    """A part's bytes as stored in the file (compressed), after its local header."""
    offset = info.header_offset
    if data[offset : offset + 4] != _LOCAL_HEADER:
        raise zipfile.BadZipFile(f"no local header for {info.filename}")
    name_length, extra_length = struct.unpack_from("<HH", data, offset + 26)
    start = offset + 30 + name_length + extra_length
    return data[start : start + info.compress_size]


def _changed_region(old: bytes, old_start: int, new: bytes, new_start: int, rows_start: int) -> tuple | None:
    """The rows, as (number, XML), that hold every difference between the cells of two sheets (from `old_start`
    and `new_start` on), as they were and are; `rows_start` is where the rows after the header start in `old`."""
    first = _first_difference(old, old_start, new, new_start)
    old_length, new_length = len(old) - old_start, len(new) - new_start
    if first == old_length == new_length:
        return [], []  # the same cells
    same_end = _common_suffix(old, new, min(old_length, new_length) - first)
    start = _row_start(old, old_start + first)  # the bytes before the first difference are the same in both
    if start is None or start < rows_start:
        return None
    shift = new_start - old_start
    new_rows = _rows_over(new, start + shift, len(new) - same_end)
    old_rows = _rows_over(old, start, len(old) - same_end)
    if new_rows is None or old_rows is None:
        return None
    (new_rows, new_end), (old_rows, old_end) = new_rows, old_rows
    if len(new) - new_end != len(old) - old_end:
        return None  # the rows do not end at the same place before the common end
    return old_rows, new_rows


def _first_difference(a: bytes, a_start: int, b: bytes, b_start: int) -> int:
    """How many bytes from `a_start` in `a` and from `b_start` in `b` are the same."""
    n = min(len(a) - a_start, len(b) - b_start)
    rest = memoryview(b)
    i, block = 0, _BLOCK
    while block:
        while i + block <= n and a.startswith(rest[b_start + i : b_start + i + block], a_start + i):
            i += block
        block //= 2
    return i


def _common_suffix(a: bytes, b: bytes, limit: int) -> int:
    """How many bytes at the end of `a` and `b` are the same, at most `limit` (no more than either's length)."""
    rest = memoryview(b)
    k, block = 0, _BLOCK
    la, lb = len(a), len(b)
    while block:
        while k + block <= limit and a.startswith(rest[lb - k - block : lb - k], la - k - block):
            k += block
        block //= 2
    return k


def _row_start(xml: bytes, position: int) -> int | None:
    """Where the row that `position` lies in (or its start tag) starts: "<" is never text in XML."""
    index = xml.rfind(b"<", 0, position + 1)
    while index >= 0:
        if _ROW_START.match(xml, index):
            return index
        index = xml.rfind(b"<", 0, index)
    return None


def _rows_over(xml: bytes, start: int, end: int) -> tuple[list[tuple[int, bytes]], int] | None:
    """The whole rows from `start` that cover everything up to `end`, and where the last one ends; None when
    anything else lies between them or a row has no number."""
    rows: list[tuple[int, bytes]] = []
    position = start
    while position < end:
        blank = _BLANK.match(xml, position)
        position = blank.end() if blank else position
        row = _ROW.match(xml, position)
        if row is None:
            return None  # the end of the sheet's rows, or something else between them
        number = _ROW_NUMBER.search(row.group(1))
        if number is None:
            return None
        rows.append((int(number.group(1)), row.group(0)))
        position = row.end()
    return rows, position


def _next_row(xml: bytes, position: int) -> re.Match[bytes] | None:
    blank = _BLANK.match(xml, position)
    return _ROW.match(xml, blank.end() if blank else position)


def _renumber(row: bytes, number: int) -> bytes:
    tag = _ROW.match(row)
    assert tag is not None
    attributes = _ROW_NUMBER.sub(b'r="%d"' % number, tag.group(1), count=1)
    row = row[: tag.start(1)] + attributes + row[tag.end(1) :]
    return _CELL_REFERENCE.sub(lambda m: m.group(1) + b'%d"' % number, row)


def _empty_sheet(xml: bytes) -> bytes:
    """A sheet with no cells, in the namespace the workbook's sheets use."""
    prefix = re.match(rb"(?:<\?xml[^>]*\?>\s*)?<(\w+:)?worksheet\b[^>]*>", xml)
    if prefix is None:
        return (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
        )
    p = prefix.group(1) or b""
    return prefix.group(0) + b"<" + p + b"sheetData/></" + p + b"worksheet>"


def _tail(xml: bytes) -> bytes | None:
    """The sheet's XML from the end of its rows on."""
    index = xml.rfind(b"sheetData")
    start = xml.rfind(b"<", 0, index)
    return xml[start:] if index > 0 and _SHEET_DATA_END.match(xml, start) else None


def _read_rows(
    sheet: str, member: str, head: bytes, rows: bytes, tail: bytes, parts: dict[str, bytes]
) -> SheetRows | None:
    """The sheet made of `head` (its XML up to some row), `rows` and `tail`, read as a full read reads it.

    Its dimension (A1:H129662) goes: calamine need not size its range by it."""
    sheet_xml = _DIMENSION.sub(b"", head, count=1) + rows + tail
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as small:
        for part, content in parts.items():
            small.writestr(part, content)
        small.writestr(member, sheet_xml)
    try:
        with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as small:
            scan = scan_sheet(small, member, cell_styles(small))
        if scan.errors or scan.formulas or scan.merged or scan.ambiguous:
            return None  # a full read reports them
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(buffer.getvalue()))
        try:
            return sheet_rows(workbook.get_sheet_by_name(sheet), scan.formatted, scan.dates, scan.iso_dates)
        finally:
            workbook.close()
    except (python_calamine.CalamineError, zipfile.BadZipFile):
        return None
