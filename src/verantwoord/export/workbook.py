"""Read an indicator workbook (.xlsx) into tables.

python-calamine reads the cells: it is several times faster than openpyxl and gives formula cells
their cached value. Two things it cannot tell us, we read from the file's XML ourselves:
- error cells (#DIV/0!, #N/A) come back as empty strings (python-calamine issue #105), which would
  silently turn a broken formula into "no figure"; `_error_cells` finds them, and
  `_formulas_without_value` the formulas that were never calculated (an empty string too);
- a cell formatted as a percentage shows 78% but holds 0.78; `percent_styles` finds those formats so
  the figure published is the one the user sees;
- the workbook's own "last modified" time, which is the export time (`docProps/core.xml`).
"""

from __future__ import annotations

import itertools
import re
import zipfile
import zlib
from array import array
from collections.abc import Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import NamedTuple
from xml.etree import ElementTree

import python_calamine

from verantwoord.errors import Location, Problems
from verantwoord.export.cells import decimal_from_float
from verantwoord.export.table import Table, sheet_locator

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NS = {
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "rel": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pkg": "http://schemas.openxmlformats.org/package/2006/relationships",
    "dcterms": "http://purl.org/dc/terms/",
}
_BUILTIN_PERCENT_FORMATS = ("9", "10")
_CHUNK = 1 << 20
"""The sheet XML is scanned 1 MB at a time: it runs in a thread beside calamine, and with 4 MB pieces that thread's
malloc arena added 35 MiB to the peak memory of loading 5,000 sections (1 MB: 9 MiB), at the same speed."""
# Cells as the sheet XML writes them; `(?:\w+:)?` allows the namespace prefix some exporters use (<x:c>).
_ROW_END = re.compile(rb"</(?:\w+:)?row>")
_CELL_TAG = re.compile(rb'<(?:\w+:)?c r="([A-Z]+)([0-9]+)"([^>]*)>')
_STYLE = re.compile(rb' s="([0-9]+)"')
_FORMULA_WITHOUT_VALUE = re.compile(
    rb'<(?:\w+:)?c r="([A-Z]+[0-9]+)"[^>]*>(?:<(?:\w+:)?f[^>]*/>|<(?:\w+:)?f[^>]*>[^<]*</(?:\w+:)?f>)'
    rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v></(?:\w+:)?v>)?</(?:\w+:)?c>"
)
_ERROR_CELL = re.compile(
    rb'<(?:\w+:)?c r="([A-Z]+[0-9]+)"[^>]*?t="e"[^>]*>(?:<(?:\w+:)?f[^>]*?(?:/>|>.*?</(?:\w+:)?f>))?'
    rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>"
)


def read_workbook(
    path: Path, problems: Problems, checked: Collection[str] | None = None
) -> tuple[dict[str, Table], datetime | None]:
    """The workbook's sheets by lower-case name, and its last-modified time (UTC) if it has one.

    Error cells and uncalculated formulas are problems in the `checked` sheets (lower-case names; all
    when None): a workbook may hold working sheets of its own that verantwoord does not read.
    A file that cannot be read at all is reported in `problems` and gives no tables.
    """
    name = path.name
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        problems.error(Location(name), f"het bestand kan niet worden gelezen: {error.strerror}.")
        return {}, None
    if head == _OLE_MAGIC:
        problems.error(
            Location(name),
            "dit is geen gewoon .xlsx-bestand: het is met een wachtwoord beveiligd, of in het oude .xls-formaat.",
            expected="een Excel-werkmap (.xlsx) zonder wachtwoord",
            hint="haal in Excel de beveiliging weg (Bestand > Info > Werkmap beveiligen) en sla op als .xlsx.",
        )
        return {}, None
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except (python_calamine.CalamineError, OSError) as error:
        problems.error(
            Location(name),
            f"dit bestand is geen leesbare Excel-werkmap ({error}).",
            expected="een Excel-werkmap (.xlsx)",
            hint="open het bestand in Excel en sla het opnieuw op als Excel-werkmap (.xlsx).",
        )
        return {}, None
    tables: dict[str, Table] = {}
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        # Both handles are opened now, as calamine's was: a file saved again meanwhile is not read half old, half new.
        with zipfile.ZipFile(path) as archive, zipfile.ZipFile(path) as scanned:
            members = sheet_files(archive)
            styles = percent_styles(archive)
            # The sheets' XML is scanned in a thread (only it uses `scanned`) while calamine reads the cells:
            # both mostly run outside the GIL (zlib, Rust), so the scan costs next to nothing of the wall time.
            scans = {
                sheet_name: pool.submit(scan_sheet, scanned, members[sheet_name], styles)
                for sheet_name in workbook.sheet_names
                if members.get(sheet_name) and (checked is None or sheet_name.strip().lower() in checked)
            }
            for sheet_name in workbook.sheet_names:
                cells = workbook.get_sheet_by_name(sheet_name)
                scan = scans[sheet_name].result() if sheet_name in scans else _Scan({}, [], [])
                tables[sheet_name.strip().lower()] = _table(name, sheet_name, cells, scan.percentages)
                del cells  # calamine's copy of the cells: 250 MB at 5,000 sections
                for cell, error_value in scan.errors:
                    problems.error(
                        Location(name, sheet_name, cell=cell),
                        "de cel bevat een Excel-foutwaarde.",
                        found=error_value,
                        expected="een waarde",
                        hint="herstel de formule in Excel, of vervang de cel door 'geen cijfer' met een reden.",
                    )
                for cell in scan.formulas:
                    problems.error(
                        Location(name, sheet_name, cell=cell),
                        "de cel bevat een formule zonder berekende waarde.",
                        expected="een formule die Excel heeft uitgerekend, of een waarde",
                        hint="open de werkmap in Excel en sla haar op: dan rekent Excel de formules uit.",
                    )
            modified = modified_time(archive)
    except (python_calamine.CalamineError, zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        # A damaged part inside the file (a bad checksum, broken compressed data).
        problems.error(
            Location(name),
            f"dit bestand is geen leesbare Excel-werkmap ({error}).",
            expected="een Excel-werkmap (.xlsx)",
            hint="open het bestand in Excel en sla het opnieuw op als Excel-werkmap (.xlsx).",
        )
        workbook.close()
        return {}, None
    finally:
        pool.shutdown(cancel_futures=True)
    workbook.close()
    return tables, modified


def _table(file: str, sheet: str, cells: python_calamine.CalamineSheet, percentages: dict[int, list[int]]) -> Table:
    """The first non-empty row is the header; empty rows after it are dropped, their numbers kept."""
    rows = sheet_rows(cells, percentages)
    if rows is None:
        return Table(sheet, file, [], [], sheet_locator(file, sheet, 1))
    return Table(sheet, file, rows.header, rows.rows, sheet_locator(file, sheet, rows.header_row, rows.numbers))


class SheetRows(NamedTuple):
    header: list[str]
    rows: list[tuple[object, ...]]
    header_row: int
    """The sheet's row number of the header (1 = the first)."""
    numbers: array
    """The sheet's row number of each row."""


def sheet_rows(cells: python_calamine.CalamineSheet, percentages: dict[int, list[int]]) -> SheetRows | None:
    """The header and the non-empty rows after it, as the validator takes them; None when the sheet is empty.

    `percentages` are the columns, by row index from 0, of cells shown as a percentage. Row by row
    (`iter_rows`) rather than `to_python`: that list of every row would be alive beside calamine's
    own copy and the table's, the peak memory of a large build.
    """
    if cells.start is None or cells.end is None:
        return None
    rows = cells.iter_rows()
    first_row = next(rows, [])
    # iter_rows starts at the first filled column; pad so that index 0 is column A.
    padding: list[object] = [""] * (cells.end[1] + 1 - len(first_row))
    header: list[object] | None = None
    header_index = 0
    # Kept small, because calamine's copy of the sheet is still alive: tuples without the empty cells
    # at the end (a value row has four empty columns; 30 MB at 5,000 sections) and the row numbers
    # in an array (20 MB).
    kept: list[tuple[object, ...]] = []
    numbers = array("l")
    texts: dict[object, object] = {"": None}  # each text once: ids, periods and kinds repeat on every row
    count = 0
    for count, row in enumerate(itertools.chain((first_row,), rows), 1):
        if padding:
            row = padding + row
        first = row[0] if row else None
        # Most rows start with a filled text cell: that is checked first, before every cell is.
        if not ((type(first) is str and first.strip()) or any(_filled(v) for v in row)):
            continue
        if header is None:
            header, header_index = row, count
            continue
        width = len(row)
        while row[width - 1] == "":
            width -= 1
        if _TEXT.issuperset(map(type, row)):
            # Only texts go through `texts`: equal numbers of other types (1, 1.0, True) must stay apart.
            kept.append(tuple(map(texts.setdefault, row[:width], row)))
        else:
            kept.append(tuple(map(_NONE_FOR_BLANK.get, row[:width], row)))
        numbers.append(count)
    if header is None:
        return None
    # Likewise the rows may start at the first filled row or at row 1: what is missing is above.
    offset = cells.end[0] + 1 - count
    numbers = array("l", [number + offset for number in numbers]) if offset else numbers
    if percentages:
        _as_percentages(header, percentages.get(header_index + offset - 1, []))
        position = {number - 1: i for i, number in enumerate(numbers)}
        for index, columns in percentages.items():
            if index in position:
                row = list(kept[position[index]])
                _as_percentages(row, columns)
                kept[position[index]] = tuple(row)
    names = [_header_text(v) for v in header]
    while names and not names[-1]:
        names.pop()
    return SheetRows(names, kept, header_index + offset, numbers)


_TEXT = frozenset({str})
_NONE_FOR_BLANK = {"": None}
"""calamine gives an empty cell as ""; the validator expects None, as the CSV reader gives it."""


def _filled(value: object) -> bool:
    return not (value is None or (isinstance(value, str) and not value.strip()))


def _header_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if value is not None else ""


class _Scan(NamedTuple):
    """What the sheet XML says that calamine does not."""

    percentages: dict[int, list[int]]
    """Columns, by row index from 0, of the number cells shown as a percentage."""
    errors: list[tuple[str, str]]
    """Error cells and their value (#DIV/0!)."""
    formulas: list[str]
    """Cells with a formula that was never calculated."""


def scan_sheet(archive: zipfile.ZipFile, member: str, percent_styles: set[bytes]) -> _Scan:
    """One sheet's XML. This runs in a thread of its own, with a handle on the file that only it uses."""
    scan = _Scan({}, [], [])
    for data in _chunks(archive, member):
        for row, column in _styled_cells(data, percent_styles):
            scan.percentages.setdefault(row, []).append(column)
        scan.errors.extend(_error_cells(data))
        scan.formulas.extend(_formulas_without_value(data))
    return scan


def sheet_files(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the XML file inside the archive that holds its cells."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.findall("pkg:Relationship", _NS)}
    files = {}
    for sheet in workbook.iterfind("main:sheets/main:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['rel']}}}id"), "")
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        files[sheet.get("name", "")] = path
    return files


def _chunks(archive: zipfile.ZipFile, member: str) -> Iterator[bytes]:
    """A sheet's XML in pieces of `_CHUNK` bytes or so, each ending after a row, so that no cell is split.

    Never the whole: a sheet of 650,000 rows is 170 MB of XML, and it would be in memory beside
    calamine's cells.
    """
    try:
        stream = archive.open(member)
    except KeyError:
        return
    with stream:
        rest = b""
        while block := stream.read(_CHUNK):
            data = rest + block
            end = _after_last_row(data)
            yield data[:end]
            rest = data[end:]
        yield rest


def _after_last_row(data: bytes) -> int:
    """Where the last `</row>` (or `</x:row>`) ends; 0 if there is none. "<" is never text in XML."""
    index = data.rfind(b"row>")
    while index > 0:
        start = data.rfind(b"<", 0, index)
        if _ROW_END.fullmatch(data, start, index + 4):
            return index + 4
        index = data.rfind(b"row>", 0, index)
    return 0


def _error_cells(data: bytes) -> list[tuple[str, str]]:
    if b't="e"' not in data:
        return []
    return [(cell.decode(), value.decode()) for cell, value in _ERROR_CELL.findall(data)]


def _formulas_without_value(data: bytes) -> list[str]:
    """Cells with a formula but no cached result: written by a tool that does not calculate, never by Excel."""
    if b"f>" not in data and b"f/>" not in data:
        return []
    return [cell.decode() for cell in _FORMULA_WITHOUT_VALUE.findall(data)]


def percent_styles(archive: zipfile.ZipFile) -> set[bytes]:
    """The style indices (`s="3"` on a cell) whose number format shows a percentage."""
    try:
        styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except (KeyError, ElementTree.ParseError):
        return set()
    percent_formats = set(_BUILTIN_PERCENT_FORMATS)
    for number_format in styles.iterfind("main:numFmts/main:numFmt", _NS):
        if "%" in number_format.get("formatCode", "").replace('"%"', "").replace("\\%", ""):
            percent_formats.add(number_format.get("numFmtId", ""))
    return {
        str(index).encode()
        for index, xf in enumerate(styles.iterfind("main:cellXfs/main:xf", _NS))
        if xf.get("numFmtId", "0") in percent_formats
    }


def _styled_cells(data: bytes, styles: set[bytes]) -> list[tuple[int, int]]:
    """(row, column) indices, from 0, of the number cells in one of `styles`."""
    if not styles or not any(b' s="' + style + b'"' in data for style in styles):
        return []
    cells = []
    for letters, row, attributes in _CELL_TAG.findall(data):
        style = _STYLE.search(attributes)
        if style and style.group(1) in styles and (b" t=" not in attributes or b' t="n"' in attributes):
            cells.append((int(row) - 1, _column_index(letters.decode())))
    return cells


def _as_percentages(row: list[object], columns: list[int]) -> None:
    """A cell shown as 78% holds 0.78: publish what the user sees, 78, keeping its decimals exact."""
    for column in columns:
        if column < len(row):
            value = row[column]
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                # Fixed-point, never "5E+1": 0.5 shown as 50% is the figure 50.
                row[column] = Decimal(format(decimal_from_float(value).scaleb(2), "f"))


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def modified_time(archive: zipfile.ZipFile) -> datetime | None:
    try:
        core = ElementTree.fromstring(archive.read("docProps/core.xml"))
    except (KeyError, ElementTree.ParseError):
        return None
    element = core.find("dcterms:modified", _NS)
    if element is None or not element.text:
        return None
    try:
        moment = datetime.fromisoformat(element.text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
