"""Read an indicator workbook (.xlsx) into tables.

python-calamine reads the cells: it is several times faster than openpyxl and gives formula cells
their cached value. What it cannot tell us, we read from the file's XML ourselves (`scan_sheet`):
- error cells (#DIV/0!, #N/A) come back as empty strings (python-calamine issue #105), which would
  silently turn a broken formula into "no figure"; `_error_cells` finds them, and
  `_formulas_without_value` the formulas that were never calculated (an empty string too);
- a cell formatted as a percentage shows 78% but holds 0.78, one formatted "#,##0," shows 1234567 as 1.235
  (thousands), and one formatted "0" shows the 83.333… of =250/300*100 as 83; `cell_styles` finds those formats
  so that the figure published is the one the user sees;
- a date cell whose number format shows only its year or month (jjjj, jjjj-mm): calamine gives the date, 1-1-2019,
  where the user sees the period 2019 (`date_pattern`), as a system writes a year;
- a date stored as ISO 8601 text (t="d": openpyxl's iso_dates, SheetJS, Strict Open XML), which calamine gives as a
  datetime, or as text when it has a time zone: read as the same date stored as a serial number (`_serial_date`);
- merged cells, which calamine gives as one filled cell and empty ones (`_MERGED`);
- hidden columns, so that a warning about a cell the user cannot see says it is hidden (`_HIDDEN`), and hidden
  (or filtered out) rows, which are read and published though the user may have hidden them to leave them out;
- the workbook's own "last modified" time, which is the export time (`docProps/core.xml`).
"""

from __future__ import annotations

import bisect
import functools
import io
import itertools
import math
import re
import zipfile
import zlib
from array import array
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import NamedTuple, TypeVar
from xml.etree import ElementTree

import python_calamine
from babel.lists import format_list

from verantwoord.errors import Location, Problems
from verantwoord.export.cells import (
    Formatted,
    ShownAsPercentage,
    decimal_from_float,
    error_cell_as_shown,
    formatted,
    report_error_value,
)
from verantwoord.export.extent import HEAD, FarCells, far_cells, report_far_cells, without_cells
from verantwoord.export.table import (
    TITLE_ROWS,
    Table,
    column_index,
    column_letter,
    column_name,
    sheet_locator,
    sheet_words,
)
from verantwoord.memory import trim_freed_memory
from verantwoord.model import parse_period

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NS = {
    "pkg": "http://schemas.openxmlformats.org/package/2006/relationships",
    "dcterms": "http://purl.org/dc/terms/",
}
_BUILTIN_FORMATS = {
    "1": "0",
    "2": "0.00",
    "3": "#,##0",
    "4": "#,##0.00",
    "9": "0%",
    "10": "0.00%",
    "37": "#,##0 ;(#,##0)",
    "38": "#,##0 ;[Red](#,##0)",
    "39": "#,##0.00;(#,##0.00)",
    "40": "#,##0.00;[Red](#,##0.00)",
    "41": '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
    "42": '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
    "43": '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    "44": '_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)',
}
"""The built-in number formats (numFmtId without a numFmt of the workbook's own) that show a number with fixed
decimals or scaled; 0 is General, the others dates, times, fractions, scientific notation and text."""
_FORMAT_TEXT = re.compile(r'"[^"]*"|\\.')
"""What a number format shows as it is: "text" and \\x."""
_FORMAT_BRACKETS = re.compile(r"\[[^\]]*\]|_.|\*.")
"""The rest that is no digit: [Red], [$€-413] or [>100], and the spacing _x and filling *x."""
_FORMAT_CONDITION = re.compile(r"\[[<>=]")
Powers = tuple[int, int, int]
"""The power of ten a number format shows a value at, for a positive value, a negative one and zero: 2 for a
percentage, -3 for thousands, 0 for none."""
Places = tuple[tuple[int, int], tuple[int, int], tuple[int, int]]
"""The decimals a number format shows a value with, at most and at least ("0.0#": 2 and 1), for a positive value, a
negative one and zero."""


class CellFormat(NamedTuple):
    """What a cell's number format does to the figure it shows."""

    powers: Powers
    places: Places | None
    """None for General, a date, or a format that does not say (its sections chosen by a condition differ)."""


class CellStyles(NamedTuple):
    """The style indices (`s="3"` on a cell) whose number format changes what a cell shows."""

    numbers: dict[bytes, CellFormat | None]
    """Those that show a number scaled or with fixed decimals (`cell_format`); None for a scale that depends on the
    value."""
    dates: dict[bytes, str]
    """Those that show a date as only its year or month (`date_pattern`), with the pattern that writes it."""


_NOT_FIXED = re.compile(r"[A-Za-z/@]")
"""What is left of a section that shows no fixed decimals: General, a date or time (jjjj, mm, uu), scientific
notation (E+), a fraction (# ?/?), text (@). Letters that are text stand between quotes, which are gone by then."""
_CHUNK = 1 << 20
"""The sheet XML is scanned 1 MB at a time, beside calamine's load of a sheet: with 4 MB pieces (in a thread of their
own, then) the scans added 35 MiB to the peak memory of loading 5,000 sections (1 MB: 9 MiB), at the same speed."""
# Cells as the sheet XML writes them; `(?:\w+:)?` allows the namespace prefix some exporters use (<x:c>).
_ROW_END = re.compile(rb"</(?:\w+:)?row>")
# Excel writes the cell's reference first (<c r="B2" s="1">), other tools may not: it is looked up in the attributes.
_ROW_NUMBER = re.compile(rb'\br="([0-9]+)"')
_REFERENCE = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
_FORMULA_WITHOUT_VALUE = re.compile(
    rb"<(?:\w+:)?c\b([^>]*)>(?:<(?:\w+:)?f[^>]*/>|<(?:\w+:)?f[^>]*>[^<]*</(?:\w+:)?f>)"
    rb"(<(?:\w+:)?v\s*/>|<(?:\w+:)?v></(?:\w+:)?v>)?</(?:\w+:)?c>"
)
_ERROR_CELL = re.compile(
    rb'<(?:\w+:)?c\b([^>]*?t="e"[^>]*)>(?:<(?:\w+:)?f[^>]*?(?:/>|>.*?</(?:\w+:)?f>))?'
    rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>"
)
_VALUE_METADATA = re.compile(rb'\bvm="([0-9]+)"')
_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData\b")
_COLUMN = re.compile(rb"<(?:\w+:)?col\b([^>]*)>")
_HIDDEN = re.compile(rb'\shidden="(?:1|true)"')
HIDDEN_ROW = re.compile(rb'<(?:\w+:)?row\b([^>]*\shidden="(?:1|true)"[^>]*)>')
"""The start tag of a row that Excel hides, by hand or by a filter."""
_COLUMN_FIRST = re.compile(rb'\smin="([0-9]+)"')
_COLUMN_LAST = re.compile(rb'\smax="([0-9]+)"')
_MERGED = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


def read_workbook(
    path: Path, problems: Problems, checked: Mapping[str, Collection[str]] | None = None
) -> tuple[dict[str, Table], datetime | None]:
    """The workbook's sheets by lower-case name, and its last-modified time (UTC) if it has one.

    Error cells and uncalculated formulas are problems in the `checked` sheets (lower-case names; all
    when None), in the columns read there (lower-case header names): a workbook may hold working sheets
    and columns of its own that verantwoord does not read (a check column with #N/A).
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
        _report_ole_file(path, problems)
        return {}, None
    if not head:
        problems.error(
            Location(name),
            "dit bestand is leeg (0 bytes): het is niet (helemaal) opgeslagen of gekopieerd.",
            expected="een Excel-werkmap (.xlsx)",
            hint="sla de werkmap opnieuw op in Excel, of kopieer hem opnieuw.",
        )
        return {}, None
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except (python_calamine.CalamineError, OSError) as error:
        kind = _other_kind(path)
        problems.error(
            Location(name),
            f"dit bestand is geen Excel-werkmap maar {kind}, met de naam {name}."
            if kind
            else f"dit bestand is geen leesbare Excel-werkmap: beschadigd, of geen .xlsx (technisch: {error}).",
            expected="een Excel-werkmap (.xlsx)",
            hint="open het bestand in Excel en sla het opnieuw op als Excel-werkmap (.xlsx)."
            if kind is None
            else "open het bestand in Excel en sla het op als Excel-werkmap (.xlsx) (Bestand > Opslaan als); alleen "
            "de naam veranderen is niet genoeg.",
        )
        return {}, None
    tables: dict[str, Table] = {}
    pool = ThreadPoolExecutor(max_workers=1)
    largest: python_calamine.CalamineWorkbook | None = None
    without_far: dict[str, python_calamine.CalamineWorkbook] = {}  # a sheet with far cells, read without them
    try:
        # The other handles are opened right after calamine's first: a file saved again meanwhile is read as one
        # version, unless the save falls between these opens.
        with zipfile.ZipFile(path) as archive, zipfile.ZipFile(path) as scanned:
            members = sheet_files(archive)
            # Before calamine is asked for any sheet: a cell far outside a table would have it allocate the range up
            # to that cell (512 GB for XFD1048576), and the process would end without a message.
            far = _far_cells(archive, members, workbook.sheet_names)
            for sheet_name, cells_far in far.items():
                if checked is None or sheet_name.strip().lower() in checked:
                    report_far_cells(name, sheet_name, cells_far, problems)
            for sheet_name, cells_far in far.items():
                without_far[sheet_name] = _without_far_cells(archive, members[sheet_name], cells_far)
            styles = cell_styles(archive)
            # The largest sheet (the values: 24 MB of XML at 1,000 sections) is loaded by calamine in a thread,
            # with a handle of its own, while this thread reads the other sheets and turns their cells into rows:
            # calamine lets go of the GIL, and the workbook of 12,000 indicators is read in about 0.2 s less (of 1.4).
            big = _largest_sheet(archive, members, workbook.sheet_names)
            big_cells = None
            if big in without_far:
                big_cells = pool.submit(without_far[big].get_sheet_by_name, big)
            elif big is not None:
                largest = python_calamine.CalamineWorkbook.from_path(str(path))
                big_cells = pool.submit(largest.get_sheet_by_name, big)
            wanted = [
                sheet_name
                for sheet_name in workbook.sheet_names
                if members.get(sheet_name) and (checked is None or sheet_name.strip().lower() in checked)
            ]
            scan_of = _scanner(pool if big is None else None, scanned, members, styles, wanted)
            hidden = {sheet.name for sheet in workbook.sheets_metadata if sheet.visible != _VISIBLE}
            names: dict[str, str] = {}
            rich_errors: dict[int, str] | None = None  # read when a cell needs them
            for sheet_name in workbook.sheet_names:
                key = sheet_name.strip().lower()
                if checked is None or key in checked:
                    _check_sheet_name(name, sheet_name, names.get(key), sheet_name in hidden, problems)
                names.setdefault(key, sheet_name)
                if sheet_name == big and big_cells is not None:
                    # Freed memory goes back first: calamine's thread allocates in a malloc arena of its own, and the
                    # peak of reading 5,000 sections would otherwise be 26 MiB higher than when this thread loaded it.
                    trim_freed_memory()
                    for other in wanted:  # this thread scans the XML while calamine's loads the cells
                        scan_of(other)
                    cells, big_cells = big_cells.result(), None
                    if largest is not None:
                        largest.close()  # its shared texts and styles, a second copy of the first handle's
                        largest = None
                else:
                    cells = without_far.get(sheet_name, workbook).get_sheet_by_name(sheet_name)
                scan = scan_of(sheet_name)
                table, hidden_rows = _table(name, sheet_name, cells, scan)
                tables.setdefault(key, table)
                if hidden_rows and (checked is None or key in checked):
                    _report_hidden_rows(name, sheet_name, hidden_rows, problems)
                del cells  # calamine's copy of the cells: 250 MB at 5,000 sections
                read = _read_columns(tables[key].header, checked.get(key, ()) if checked is not None else None)
                if sheet_name in far:  # its far cells are told of once, above
                    read = functools.partial(_not_far, far[sheet_name].references(), read)
                above = _header_found_at(tables[key], checked.get(key, ())) if checked is not None else 0
                for cells_merged in scan.merged:
                    first = cells_merged.split(":")[0]
                    if int(cells_merged.rpartition(":")[2].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) < above:
                        continue  # a title merged over the columns: the error about the title says to delete its rows
                    problems.error(
                        Location(name, sheet_name, cell=first),
                        f"de cellen {cells_merged} zijn samengevoegd: alleen {first} heeft een waarde, de andere "
                        "cellen zijn leeg.",
                        hint="maak de samenvoeging ongedaan (Start > Samenvoegen en centreren) en vul elke cel.",
                    )
                for cell, error_value, vm in scan.errors:
                    if read(cell):
                        if vm and rich_errors is None:
                            rich_errors = rich_value_errors(archive)
                        figure = _header_of(tables[key].header, cell) == "waarde"
                        shown = error_cell_as_shown(rich_errors.get(vm, error_value) if rich_errors else error_value)
                        report_error_value(problems, Location(name, sheet_name, cell=cell), shown, figure)
                for cell in scan.ambiguous:
                    if not read(cell):
                        continue
                    problems.error(
                        Location(name, sheet_name, cell=cell),
                        "de getalnotatie van de cel toont een getal op een andere schaal naargelang het getal (zoals "
                        "'1,2 mln' en '950 k'): welk getal u bedoelt, kan verantwoord niet zeker weten.",
                        hint="geef de cel een getalnotatie zonder voorwaarden tussen [ ], zoals Getal of Percentage.",
                    )
                for cell in scan.formulas:
                    if not read(cell):
                        continue
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
            f"dit bestand is geen leesbare Excel-werkmap: een deel ervan is beschadigd (technisch: {error}).",
            expected="een Excel-werkmap (.xlsx)",
            hint="open het bestand in Excel en sla het opnieuw op als Excel-werkmap (.xlsx).",
        )
        return {}, None
    finally:
        pool.shutdown(cancel_futures=True)
        workbook.close()
        if largest is not None:
            largest.close()
        for reader in without_far.values():
            reader.close()
    return tables, modified


def _report_ole_file(path: Path, problems: Problems) -> None:
    """An Office file of the old kind (OLE): a workbook in the .xls format of Excel 97-2003, or an .xlsx encrypted with
    a password, which Excel wraps in one. Their streams are named in UTF-16 in the file's directory: said apart, the
    user is told the one thing to do, not 'a password, or the old format'."""
    try:
        data = path.read_bytes()
    except OSError:
        data = b""
    if "EncryptedPackage".encode("utf-16-le") in data:
        problems.error(
            Location(path.name),
            "deze werkmap is met een wachtwoord beveiligd: verantwoord kan haar niet openen.",
            expected="een Excel-werkmap (.xlsx) zonder wachtwoord",
            hint="haal in Excel het wachtwoord weg (Bestand > Info > Werkmap beveiligen > Versleutelen met wachtwoord: "
            "maak het veld leeg) en sla op.",
        )
    elif "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        problems.error(
            Location(path.name),
            "deze werkmap is in het oude .xls-formaat (Excel 97-2003)"
            + (f", ook al heet het bestand {path.name}." if path.suffix.lower() != ".xls" else "."),
            expected="een Excel-werkmap (.xlsx)",
            hint="open het bestand in Excel en sla het op als Excel-werkmap (.xlsx) (Bestand > Opslaan als); alleen de "
            "naam veranderen is niet genoeg.",
        )
    else:
        problems.error(
            Location(path.name),
            "dit is geen gewoon .xlsx-bestand: het is met een wachtwoord beveiligd, of in het oude .xls-formaat.",
            expected="een Excel-werkmap (.xlsx) zonder wachtwoord",
            hint="haal in Excel de beveiliging weg (Bestand > Info > Werkmap beveiligen) en sla op als .xlsx.",
        )


_SNIFFED = 4096
"""The bytes of a file that `_other_kind` looks at."""


def _other_kind(path: Path) -> str | None:
    """What a file that is no workbook is, when it is plainly something else: a system's 'export to Excel' often
    writes a CSV file, a web page or Excel 2003's XML under the name .xlsx, and LibreOffice an .ods. The user was
    told the file was damaged, and went looking for a fault in the copy."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFFED)
    except OSError:
        return None
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as archive:
                mimetype = archive.read("mimetype") if "mimetype" in archive.namelist() else b""
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
            return None
        return "een OpenDocument-rekenblad (.ods)" if b"opendocument.spreadsheet" in mimetype else None
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head, charset = head[len(bom) :], encoding
            break
    else:
        charset = "utf-8" if b"\x00" not in head else ""
    if not charset:
        return None
    text = head.decode(charset, errors="replace").lstrip()
    if "\ufffd" in text[:-1]:  # binary, not text (the last character may be cut off)
        return None
    lowered = text.lower()
    if "urn:schemas-microsoft-com:office:spreadsheet" in lowered:
        return "een XML-werkblad van Excel 2003"
    if lowered.startswith("<") and any(tag in lowered for tag in ("<html", "<table", "<!doctype html")):
        return "een webpagina (HTML)"
    first_line = text.split("\n", 1)[0]
    if not lowered.startswith("<") and any(separator in first_line for separator in ";,\t"):
        return "een tekstbestand (CSV)"
    return None


def _far_cells(archive: zipfile.ZipFile, members: Mapping[str, str], names: list[str]) -> dict[str, FarCells]:
    """The cells far outside the table of each sheet that has them (`far_cells`)."""
    found = {}
    strings = functools.partial(_shared_strings, archive)
    for sheet_name in names:
        try:
            info = archive.getinfo(members[sheet_name])
        except KeyError:
            continue
        with archive.open(info) as stream:
            head = stream.read(HEAD)
        cells = far_cells(head, info.file_size, functools.partial(referenced_chunks, archive, info.filename), strings)
        if cells is not None:
            found[sheet_name] = cells
    return found


def _without_far_cells(archive: zipfile.ZipFile, member: str, far: FarCells) -> python_calamine.CalamineWorkbook:
    """calamine's reader of a copy of the workbook, in memory, whose sheet `member` is without its far cells."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as copy:
        for info in archive.infolist():
            if info.filename == member:
                copy.writestr(info.filename, without_cells(referenced_chunks(archive, member), far.cells))
            else:
                copy.writestr(info.filename, archive.read(info))
    buffer.seek(0)
    return python_calamine.CalamineWorkbook.from_filelike(buffer)


def _shared_strings(archive: zipfile.ZipFile, indices: Collection[int]) -> dict[int, str]:
    """The workbook's shared texts (a cell's t="s") at `indices`."""
    try:
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        part = next(
            _part(rel.get("Target", ""))
            for rel in rels.findall("pkg:Relationship", _NS)
            if rel.get("Type", "").endswith("/sharedStrings")
        )
        found = {}
        last = max(indices)
        with archive.open(part) as stream:
            index = 0
            for _, element in ElementTree.iterparse(stream):
                if element.tag.rpartition("}")[2] != "si":
                    continue
                if index in indices:
                    found[index] = "".join(t.text or "" for t in element.iter() if t.tag.rpartition("}")[2] == "t")
                element.clear()
                index += 1
                if index > last:
                    break
        return found
    except (KeyError, StopIteration, ElementTree.ParseError):
        return {}


def _not_far(far: Collection[str], read: Callable[[str], bool], cell: str) -> bool:
    return cell not in far and read(cell)


def _scanner(
    pool: ThreadPoolExecutor | None,
    archive: zipfile.ZipFile,
    members: Mapping[str, str],
    styles: CellStyles,
    wanted: list[str],
) -> Callable[[str], _Scan]:
    """A sheet's scan (nothing for a sheet not `wanted`), each sheet's once, with `archive`, a handle only it uses.

    With a `pool`, the scans start now in its thread, beside calamine's reading of the cells in this one: both mostly
    run outside the GIL (zlib, Rust), so they cost next to nothing of the wall time. Without, a sheet is scanned
    when first asked for, in the thread that asks: `read_workbook` asks while calamine loads the largest sheet in
    the pool's thread, and a third thread would only take the processor from that load (0.07 s more of 1.3 s).
    """
    if pool is not None:
        started = {name: pool.submit(scan_sheet, archive, members[name], styles) for name in wanted}
        return lambda name: started[name].result() if name in started else _empty_scan()
    done: dict[str, _Scan] = {}

    def scan_of(name: str) -> _Scan:
        if name not in done:
            done[name] = scan_sheet(archive, members[name], styles) if name in wanted else _empty_scan()
        return done[name]

    return scan_of


def _largest_sheet(archive: zipfile.ZipFile, members: Mapping[str, str], names: list[str]) -> str | None:
    """The sheet with the most XML, when there are others to read beside it."""
    sizes = {}
    for name in names:
        try:
            sizes[name] = archive.getinfo(members[name]).file_size
        except KeyError:
            continue
    if len(names) < 2 or not sizes:
        return None
    return max(sizes, key=sizes.__getitem__)


_VISIBLE = python_calamine.SheetVisibleEnum.Visible


def _read_columns(header: list[str], columns: Collection[str] | None) -> Callable[[str], bool]:
    """Whether a cell ("D14") is in one of `columns` (all when None), by the header's names as the validator reads
    them ("Waarde:" is the column waarde)."""
    if columns is None:
        return lambda cell: True
    read = {index for index, name in enumerate(header) if column_name(name) in columns}
    return lambda cell: column_index(cell.rstrip("0123456789")) in read


def _header_found_at(table: Table, columns: Collection[str]) -> int:
    """The row of the sheet where the header naming `columns` is, when rows above it (a title) come first; 0 when the
    first filled row names a column, or none of the rows a title may take up does."""
    names = (table.header, *table.rows[:TITLE_ROWS])
    for index, row in enumerate(names):
        if any(column_name(cell) in columns for cell in row if cell is not None):
            return 0 if index == 0 else int(table.locate(index - 1, 0).cell[1:])
    return 0


def _header_of(header: list[str], cell: str) -> str:
    """The name of the column of a cell ("D14"), as the validator reads it ("Waarde:" is waarde)."""
    index = column_index(cell.rstrip("0123456789"))
    return column_name(header[index]) if index < len(header) else ""


def _check_sheet_name(file: str, sheet: str, earlier: str | None, hidden: bool, problems: Problems) -> None:
    """A sheet verantwoord reads is found by its name, whatever its case and spaces: two such sheets are one too many,
    and a hidden one is read though the user does not see it."""
    if earlier is not None:
        problems.error(
            Location(file, sheet),
            f"de werkmap heeft twee bladen met deze naam: '{earlier}' en '{sheet}' (hoofdletters en spaties aan het "
            "begin of eind tellen niet mee).",
            hint="verwijder een van beide, of geef het een andere naam. Een verborgen blad maakt u zichtbaar met een "
            "rechtsklik op een bladtab > Zichtbaar maken.",
        )
    elif hidden:
        problems.warning(
            Location(file, sheet),
            "dit blad is verborgen in Excel, maar verantwoord leest en publiceert het.",
            hint="maak het zichtbaar (rechtsklik op een bladtab > Zichtbaar maken), zodat u ziet wat er gepubliceerd "
            "wordt.",
        )


HIDDEN_ROW_RANGES_SHOWN = 10
"""Ranges of hidden rows named in the warning; the rest are counted."""


def _report_hidden_rows(file: str, sheet: str, rows: Sequence[int], problems: Problems) -> None:
    """Filled rows that Excel hides or a filter leaves out are read and published: a controller may have hidden them
    to leave them out, as a hidden sheet may be."""
    ranges: list[list[int]] = []
    for number in rows:
        if ranges and ranges[-1][1] == number - 1:
            ranges[-1][1] = number
        else:
            ranges.append([number, number])
    shown = [str(first) if first == last else f"{first}–{last}" for first, last in ranges[:HIDDEN_ROW_RANGES_SHOWN]]
    rest = sum(last - first + 1 for first, last in ranges[HIDDEN_ROW_RANGES_SHOWN:])
    if rest:
        shown.append(f"nog {rest} {'rij' if rest == 1 else 'rijen'}")
    named = format_list(shown, locale="nl")
    which = f"rij {named} is" if len(rows) == 1 else f"de rijen {named} zijn"
    problems.warning(
        Location(file, sheet),
        f"{which} verborgen of weggefilterd in Excel, maar {'wordt' if len(rows) == 1 else 'worden'} gelezen en "
        "gepubliceerd.",
        hint="maak verborgen rijen zichtbaar (zet het filter uit, of selecteer het blad en kies rechtsklik op een "
        "rijnummer > Zichtbaar maken) en verwijder de rijen die niet gepubliceerd mogen worden.",
    )


def _table(file: str, sheet: str, cells: python_calamine.CalamineSheet, scan: _Scan) -> tuple[Table, list[int]]:
    """The first non-empty row is the header; empty rows after it are dropped, their numbers kept. With the
    filled rows after the header that the sheet hides, by their number."""
    rows = sheet_rows(cells, scan.formatted, scan.dates, scan.iso_dates)
    if rows is None:
        locate = sheet_locator(file, sheet, 1)
        return Table(sheet, file, [], [], locate, sheet_words(sheet), hidden_columns=tuple(scan.hidden)), []
    table = Table(
        sheet,
        file,
        rows.header,
        rows.rows,
        sheet_locator(file, sheet, rows.header_row, rows.numbers),
        sheet_words(sheet),
        hidden_columns=tuple(scan.hidden),
    )
    filled = [n for n in scan.hidden_rows if n > rows.header_row and _among(rows.numbers, n)]
    return table, filled


def _among(numbers: array, number: int) -> bool:
    """Whether the sorted `numbers` hold `number`."""
    index = bisect.bisect_left(numbers, number)
    return index < len(numbers) and numbers[index] == number


class SheetRows(NamedTuple):
    header: list[str]
    rows: list[tuple[object, ...]]
    header_row: int
    """The sheet's row number of the header (1 = the first)."""
    numbers: array
    """The sheet's row number of each row."""


def sheet_rows(
    cells: python_calamine.CalamineSheet,
    formatted: dict[int, Sequence[_ShownCell]],
    dates: dict[int, Sequence[_ShownDate]],
    iso_dates: dict[int, list[int]],
) -> SheetRows | None:
    """The header and the non-empty rows after it, as the validator takes them; None when the sheet is empty.

    `formatted` are the number cells, by the sheet's row number, shown scaled (as a percentage, in thousands) or
    with fixed decimals; `dates` the cells whose format shows a date as its year or month; `iso_dates` the cells
    that store a date as text (t="d"). Row by row
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
    keep, number, join = kept.append, numbers.append, "".join
    once = {"": None}.setdefault  # each text once: ids, periods and kinds repeat on every row
    count = 0
    # This loop is a third of reading a large workbook (0.3 s for 130,000 rows): what it does per row is kept few.
    for count, row in enumerate(itertools.chain((first_row,), rows), 1):
        if padding:
            row = padding + row
        first = row[0] if row else None
        # Most rows start with a filled text cell: that is checked first, before every cell is.
        if not ((type(first) is str and first and not first.isspace()) or any(_filled(v) for v in row)):
            continue
        if header is None:
            header, header_index = row, count
            continue
        while row[-1] == "":  # a filled cell stops it
            row.pop()  # calamine's list, ours to change
        try:
            join(row)  # whether every cell is text: faster than looking at their types
        except TypeError:
            keep(tuple(map(_NONE_FOR_BLANK.get, row, row)))
        else:
            # Only texts go through `once`: equal numbers of other types (1, 1.0, True) must stay apart.
            keep(tuple(map(once, row, row)))
        number(count)
    if header is None:
        return None
    # Likewise the rows may start at the first filled row or at row 1: what is missing is above.
    offset = cells.end[0] + 1 - count
    numbers = array("l", [number + offset for number in numbers]) if offset else numbers
    if formatted:
        made: dict[tuple, Formatted] = {}
        _as_shown(header, formatted.get(header_index + offset, ()), made)
        shown = formatted.get
        for i, number in enumerate(numbers):
            if (columns := shown(number)) is not None:
                row = list(kept[i])
                _as_shown(row, columns, made)
                kept[i] = tuple(row)
    if iso_dates:
        _in_rows(header, header_index + offset, kept, numbers, iso_dates, _iso_dates_as_serial)
    if dates:
        _in_rows(header, header_index + offset, kept, numbers, dates, _date_cells_as_shown)
    names = [_header_text(v) for v in header]
    while names and not names[-1]:
        names.pop()
    return SheetRows(names, kept, header_index + offset, numbers)


_NONE_FOR_BLANK = {"": None}
"""calamine gives an empty cell as ""; the validator expects None, as the CSV reader gives it."""


def _filled(value: object) -> bool:
    return not (value is None or (isinstance(value, str) and not value.strip()))


def _header_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if value is not None else ""


_ShownCell = tuple[int, CellFormat]
"""A formatted cell's column (from 0) and its format: a plain tuple, made for each of 130,000 figures."""
_ShownDate = tuple[int, str]
"""A date cell's column (from 0) and the pattern its format shows it with (`date_pattern`)."""


class _Scan(NamedTuple):
    """What the sheet XML says that calamine does not."""

    formatted: dict[int, Sequence[_ShownCell]]
    """The number cells shown scaled or with fixed decimals, by the sheet's row number (from 1)."""
    errors: list[tuple[str, str, int]]
    """Error cells, their value (#DIV/0!) and their value metadata index (`rich_value_errors`; 0 if none)."""
    formulas: list[str]
    """Cells with a formula that was never calculated."""
    merged: list[str]
    """Ranges of merged cells (D5:D7)."""
    ambiguous: list[str]
    """Number cells whose format shows them at a scale that depends on the value ("1,2 mln", "950 k")."""
    dates: dict[int, Sequence[_ShownDate]]
    """The cells whose format shows a date as its year or month (jjjj, jjjj-mm), by the sheet's row number."""
    iso_dates: dict[int, list[int]]
    """The columns (from 0) of the cells that store a date as text (t="d"), by the sheet's row number."""
    hidden: list[tuple[int, int]]
    """The hidden columns, as ranges of indices from 0 (first, last)."""
    hidden_rows: list[int]
    """The hidden rows' numbers (from 1), hidden by hand or by a filter."""


def scan_sheet(archive: zipfile.ZipFile, member: str, styles: CellStyles) -> _Scan:
    """One sheet's XML, read with a handle on the file that only the scans use (`_scanner`)."""
    scan = _empty_scan()
    before_cells = True  # the columns are described before the cells, in the first piece or the first few
    for data in referenced_chunks(archive, member):
        if before_cells:
            cells_start = _SHEET_DATA.search(data)
            before_cells = cells_start is None
            scan.hidden.extend(_hidden_columns(data[: cells_start.start()] if cells_start else data))
        _styled_cells(data, styles.numbers, scan.formatted, scan.ambiguous)
        if styles.dates:
            _styled_cells(data, styles.dates, scan.dates, scan.ambiguous, _DATE_TYPES)
        if b't="d"' in data:
            _iso_date_cells(data, scan.iso_dates)
        scan.errors.extend(_error_cells(data))
        scan.formulas.extend(_formulas_without_value(data))
        if b'hidden="' in data:
            scan.hidden_rows.extend(_hidden_rows(data))
        if b"mergeCell " in data:
            scan.merged.extend(cells.decode() for cells in _MERGED.findall(data))
    return scan


def referenced_chunks(archive: zipfile.ZipFile, member: str) -> Iterator[bytes]:
    """A sheet's XML in pieces of whole rows (`_chunks`), with every row's and cell's reference (`_with_references`)."""
    row = 0  # the number of the last row before the piece
    prefix = None
    for data in _chunks(archive, member):
        if prefix is None:
            root = _ROOT.search(data)
            prefix = (root.group(1) or b"") if root else b""
        data, row = _with_references(data, row, prefix)
        yield data


_ROOT = re.compile(rb"<(\w+:)?worksheet\b")
_TAG = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*)>")
_ANY_ROW_NUMBER = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="([0-9]+)"')
_FIRST_CELL_ROW = re.compile(rb'\s*<(?:\w+:)?c\b[^>]*?\sr="[A-Z]+([0-9]+)"')


def _with_references(data: bytes, row: int, prefix: bytes) -> tuple[bytes, int]:
    """A piece of a sheet's XML with every row's and cell's reference (r="B2"), and the number of its last row;
    `row` is the last row's before it, `prefix` the sheet's namespace prefix (b"x:" for <x:c>, or b"").

    A tool may leave them out, as the file format allows (the Open XML SDK writes none unless told to): a row is then
    the one after the row before it, a cell the one after the cell before it, as calamine reads them. Without, the
    scan's expressions did not find the cells: a percentage was read as 0,78, an error cell named 'cel ?'.

    Excel writes every row and cell as <row r="…" and <c r="…": its rows and cells in a piece are counted twice (2.5
    ms a MB), where looking at each tag takes 90 ms a MB. A row without its number is looked at too, though its cells
    have theirs: the scans find a hidden row, and `extent` the far cells, by the row's number."""
    rows = b"<" + prefix + b"row"
    first, last = data.find(rows), data.rfind(rows)
    if first < 0:
        return data, row
    end = data.find(b">", last)
    cells = b"<" + prefix + b"c"
    if all(data.count(tag, first, end) == data.count(tag + b' r="', first, end) for tag in (cells, rows)):
        found = _ROW_NUMBER.search(data, last, end)
        return data, int(found.group(1)) if found else row
    column = 0

    def referenced(tag: re.Match[bytes]) -> bytes:
        nonlocal row, column
        if tag.group(1) == b"row":
            found = _ANY_ROW_NUMBER.match(tag.group(0))
            # A row without its number has its first cell's, when that cell has a reference, as calamine places it.
            cell = None if found else _FIRST_CELL_ROW.match(data, tag.end())
            row, column = (int((found or cell).group(1)) if found or cell else row + 1), 0
            reference = None if found else b' r="%d"' % row
        else:
            found = _REFERENCE.search(tag.group(2))
            column = column_index(found.group(1).decode()) + 1 if found else column + 1
            reference = None if found else b' r="%s%d"' % (column_letter(column - 1).encode(), row)
        if reference is None:
            return tag.group(0)
        name_end = tag.start(2) - tag.start()
        return tag.group(0)[:name_end] + reference + tag.group(0)[name_end:]

    return _TAG.sub(referenced, data), row


def _empty_scan() -> _Scan:
    return _Scan({}, [], [], [], [], {}, {}, [], [])


def _hidden_rows(data: bytes) -> list[int]:
    """The numbers of hidden rows: <row r="17" hidden="1">, as Excel writes a row hidden by hand or by a filter."""
    found = []
    for attributes in HIDDEN_ROW.findall(data):
        number = _ROW_NUMBER.search(attributes)
        if number:
            found.append(int(number.group(1)))
    return found


def _hidden_columns(data: bytes) -> list[tuple[int, int]]:
    """The ranges of hidden columns in `<cols>`: <col min="5" max="5" width="0" hidden="1"/>."""
    hidden = []
    for attributes in _COLUMN.findall(data):
        if _HIDDEN.search(attributes):
            first, last = _COLUMN_FIRST.search(attributes), _COLUMN_LAST.search(attributes)
            if first and last:
                hidden.append((int(first.group(1)) - 1, int(last.group(1)) - 1))
    return hidden


_IN_ANY_NAMESPACE = "{{*}}{}"
"""A path of elements in the workbook's namespace, whichever it is: Excel's Save As 'Strict Open XML' writes the
workbook and the styles in another than its usual (purl.oclc.org), and the sheets, their error cells and their
formats went unseen: #DIV/0! was published as 'geen cijfer', and 75,1% as 0,751."""


def sheet_files(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the XML file inside the archive that holds its cells."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.findall("pkg:Relationship", _NS)}
    files = {}
    for sheet in workbook.iterfind(_IN_ANY_NAMESPACE.format("sheets/{*}sheet")):
        target = targets.get(next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None), "")
        files[sheet.get("name", "")] = _part(target)
    return files


def _part(target: str) -> str:
    """The archive member a relationship of the workbook points to: its target is relative to xl/."""
    return target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)


_RICH_ERROR_TYPES = {
    8: "#SPILL!",
    9: "#CONNECT!",
    10: "#BLOCKED!",
    11: "#UNKNOWN!",
    12: "#FIELD!",
    13: "#CALC!",
    14: "#BUSY!",
}
"""The errorType of a rich value of the structure _error, for the errors the file format has no code of its own for."""


def rich_value_errors(archive: zipfile.ZipFile) -> dict[int, str]:
    """The error each value metadata index (a cell's vm="2", from 1) names, where Excel stores #VALUE!.

    Excel 365 writes #SPILL!, #CALC! and the other newer errors as #VALUE! with a vm: through xl/metadata.xml it
    leads to a rich value whose errorType is the error shown. Read as #VALUE!, a FILTER that found nothing was
    reported as #WAARDE!, which the user's sheet did not show."""
    try:
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        parts = {
            rel.get("Type", "").rpartition("/")[2]: _part(rel.get("Target", ""))
            for rel in rels.findall("pkg:Relationship", _NS)
        }
        metadata = ElementTree.fromstring(archive.read(parts["sheetMetadata"]))
        structures = ElementTree.fromstring(archive.read(parts["rdRichValueStructure"]))
        values = ElementTree.fromstring(archive.read(parts["rdRichValue"]))
        kinds = [kind.get("name") for kind in metadata.iterfind("{*}metadataTypes/{*}metadataType")]
        rich_type = str(kinds.index("XLRICHVALUE") + 1)
        keys = [
            [key.get("n") for key in structure.iterfind("{*}k")] if structure.get("t") == "_error" else []
            for structure in structures.iterfind("{*}s")
        ]
        errors = {}
        for index, value in enumerate(values.iterfind("{*}rv")):
            names = keys[int(value.get("s", ""))]
            if "errorType" in names:
                kind = int([v.text for v in value.iterfind("{*}v")][names.index("errorType")] or "")
                if kind in _RICH_ERROR_TYPES:
                    errors[index] = _RICH_ERROR_TYPES[kind]
        future = next(f for f in metadata.iterfind("{*}futureMetadata") if f.get("name") == "XLRICHVALUE")
        rich_values = [block.find(".//{*}rvb") for block in future.iterfind("{*}bk")]
        found = {}
        for vm, block in enumerate(metadata.iterfind("{*}valueMetadata/{*}bk"), start=1):
            for record in block.iterfind("{*}rc"):
                rich = rich_values[int(record.get("v", ""))] if record.get("t") == rich_type else None
                error = errors.get(int(rich.get("i", ""))) if rich is not None else None
                if error:
                    found[vm] = error
        return found
    except (KeyError, ElementTree.ParseError, ValueError, IndexError, StopIteration):
        return {}  # no rich values, or parts Excel would not read either: the cells are named as the file stores them


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


def _error_cells(data: bytes) -> list[tuple[str, str, int]]:
    if b't="e"' not in data:
        return []
    found = []
    for attributes, value in _ERROR_CELL.findall(data):
        metadata = _VALUE_METADATA.search(attributes)
        found.append((_cell(attributes), value.decode(), int(metadata.group(1)) if metadata else 0))
    return found


def _formulas_without_value(data: bytes) -> list[str]:
    """Cells with a formula but no cached result: written by a tool that does not calculate, never by Excel.

    A formula whose result is an empty text (=ALS(D2="";"geen";"")) has an empty value too, in a text cell."""
    if b"f>" not in data and b"f/>" not in data:
        return []
    return [
        _cell(attributes)
        for attributes, empty in _FORMULA_WITHOUT_VALUE.findall(data)
        if not (empty and b't="str"' in attributes)
    ]


def _cell(attributes: bytes) -> str:
    reference = _REFERENCE.search(attributes)
    return b"".join(reference.groups()).decode() if reference else "?"


def cell_styles(archive: zipfile.ZipFile) -> CellStyles:
    """The workbook's styles whose number format shows a number otherwise than as it is stored, or a date as a
    period."""
    try:
        styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except (KeyError, ElementTree.ParseError):
        return CellStyles({}, {})
    codes = dict(_BUILTIN_FORMATS)
    for number_format in styles.iterfind(_IN_ANY_NAMESPACE.format("numFmts/{*}numFmt")):
        codes[number_format.get("numFmtId", "")] = number_format.get("formatCode", "")
    formats: dict[str, CellFormat | None] = {}
    patterns: dict[str, str] = {}
    for number, code in codes.items():
        shown = cell_format(code)
        if shown is None or shown.powers != (0, 0, 0) or shown.places is not None:
            formats[number] = shown
        elif (pattern := date_pattern(code)) is not None:
            patterns[number] = pattern
    numbers, dates = {}, {}
    for index, xf in enumerate(styles.iterfind(_IN_ANY_NAMESPACE.format("cellXfs/{*}xf"))):
        number = xf.get("numFmtId", "0")
        if number in formats:
            numbers[str(index).encode()] = formats[number]
        elif number in patterns:
            dates[str(index).encode()] = patterns[number]
    return CellStyles(numbers, dates)


_FORMAT_SECTION = re.compile(r'(?:"[^"]*"|\\.|[^;"\\])*')
"""A number format's first section: up to the first ; that is not text."""
_DATE_PART = re.compile(r'"([^"]*)"|\\(.)|(\[[^\]]*\])|(y+|m+)|(.)', re.IGNORECASE | re.DOTALL)
_LITERAL = frozenset(" -/.,:()$+!^&'~{}<>=")
"""The characters a number format shows as they are without quotes (Excel's list, and the period and comma)."""
_COLOUR = re.compile(r"\[(?:black|blue|cyan|green|magenta|red|white|yellow|color\s*\d+)\]", re.IGNORECASE)
_LOCALE = re.compile(r"\[\$-[0-9A-Za-z-]+\]")
_SYSTEM_DATE = re.compile(r"\[\$-(?:F800|F400|x-sys\w*)\]", re.IGNORECASE)
_DATE_TOKENS = {
    "yyyy": "{year:04d}",
    "yyy": "{year:04d}",
    "yy": "{short:02d}",
    "y": "{short:02d}",
    "mm": "{month:02d}",
    "m": "{month}",
}
"""What a year's and a month's letters show; not mmm and more, a month's name."""


def date_pattern(code: str) -> str | None:
    """How the date format `code` writes a date, as a `str.format` pattern of `year`, `short` (its last two digits)
    and `month`, when what it shows is a period: a year or a month ("yyyy", Dutch Excel's jjjj: "{year:04d}";
    "yyyy-mm"). None for any other format. A system exports a year as its first of January, which Excel shows as
    2019: that, not the date, is what the user sees. A format with the day, a month's name (mmm-jj), the time or a
    text that makes no period ("FY "jjjj) shows a date, which a period column refuses as before. Only the first
    section counts: a date is a positive number."""
    section = _FORMAT_SECTION.match(code)
    parts: list[str] = []
    for quoted, escaped, bracketed, token, other in _DATE_PART.findall(section.group(0) if section else code):
        if token:
            shown = _DATE_TOKENS.get(token.lower())
            if shown is None:
                return None  # the month's name (mrt), or its first letter (mmmmm)
            parts.append(shown)
        elif bracketed:
            if _SYSTEM_DATE.fullmatch(bracketed) or not (_COLOUR.fullmatch(bracketed) or _LOCALE.fullmatch(bracketed)):
                return None  # the system's long date, a condition ([>100]) or elapsed time ([h])
        elif other and other not in _LITERAL:
            return None  # a day, an hour, AM/PM, a digit placeholder, a fill or spacing character
        else:
            parts.append((quoted or escaped or other).replace("{", "{{").replace("}", "}}"))
    pattern = "".join(parts)
    try:  # the first month and the last, as "yyyy\Qm" shows a quarter for the one and not for the other
        for month in (1, 12):
            parse_period(pattern.format(year=2019, short=19, month=month))
    except (ValueError, KeyError, IndexError):
        return None
    return pattern


def cell_format(code: str) -> CellFormat | None:
    """What the number format `code` does to a figure (`format_powers`, `format_places`); None when its scale
    depends on the value."""
    powers = format_powers(code)
    return None if powers is None else CellFormat(powers, format_places(code))


def format_powers(code: str) -> Powers | None:
    """The powers of ten at which the number format `code` shows a positive value, a negative one and zero: 2 for
    each % ("0.0%" shows 0.785 as 78.5%), -3 for each comma after the last digit ("#,##0," shows 1234567 as 1.235).

    Excel's sections (positive;negative;zero;text) each have their own; a % or comma between quotes or after a
    backslash is text. Sections chosen by a condition ([>=1000]) rather than by sign are None when they differ:
    which one showed a value, only Excel's rules for the value tell.
    """
    sections = _FORMAT_TEXT.sub("", code).split(";")[:3]
    found = [_section_power(_FORMAT_BRACKETS.sub("", section)) for section in sections]
    # A section without digits shows no number ("-" for zero, or nothing): it scales none, so it takes the first's.
    first = next((power for power in found if power is not None), 0)
    powers = [first if power is None else power for power in found]
    if any(_FORMAT_CONDITION.search(section) for section in sections):
        return (first,) * 3 if len({power for power in found if power is not None} or {0}) == 1 else None
    return powers[0], powers[1] if len(powers) > 1 else powers[0], powers[2] if len(powers) > 2 else powers[0]


def format_places(code: str) -> Places | None:
    """The decimals the number format `code` shows a positive value, a negative one and zero with, at most and at
    least: "0.0" shows 78.4912 as 78.5 (1, 1), "#,##0.00 €" 7.1 as 7,10 (2, 2), "0.0#" 7 as 7.0 (2, 1), "0%" none
    (0, 0). None for General, a date, a fraction, scientific notation or text, and when sections chosen by a
    condition ([>=1000]) differ: which one showed a value, only Excel's rules for the value tell."""
    sections = _FORMAT_TEXT.sub("", code).split(";")[:3]
    found = []
    for section in sections:
        bare = _FORMAT_BRACKETS.sub("", section)
        if _NOT_FIXED.search(bare):
            return None
        found.append(_section_places(bare))
    # A section without digits shows no number ("-" for zero): it takes the first's, as for the powers.
    first = next((places for places in found if places is not None), None)
    if first is None:
        return None
    places = [first if section is None else section for section in found]
    if any(_FORMAT_CONDITION.search(section) for section in sections):
        return (first,) * 3 if len(set(places)) == 1 else None
    return places[0], places[1] if len(places) > 1 else places[0], places[2] if len(places) > 2 else places[0]


def _section_places(section: str) -> tuple[int, int] | None:
    """The decimals of one section, at most and at least; None for a section that shows no digits."""
    if max(section.rfind(placeholder) for placeholder in "0#?") < 0:
        return None
    point = section.find(".")
    if point < 0:
        return 0, 0
    after = section[point + 1 :]
    # Excel shows at most 30 decimals, whatever a file written by another program asks.
    return min(sum(after.count(placeholder) for placeholder in "0#?"), 30), min(after.count("0"), 30)


def _section_power(section: str) -> int | None:
    """The power of ten of one section; None for a section that shows no digits."""
    last_digit = max(section.rfind(placeholder) for placeholder in "0#?")
    if last_digit < 0:
        return None
    after = section[last_digit + 1 :]
    return 2 * section.count("%") - 3 * (len(after) - len(after.lstrip(",")))


_Shown = TypeVar("_Shown")
_NUMBER_TYPES = b"n"
"""The cell types (t="n") of a number, the only type a number's format changes."""
_DATE_TYPES = b"nd"
"""The cell types of a date: a number, or an ISO 8601 text (t="d") that Excel reads as the same number."""


def _styled_cells(
    data: bytes,
    styles: Mapping[bytes, _Shown | None],
    formatted: dict[int, Sequence[tuple[int, _Shown]]],
    ambiguous: list[str],
    types: bytes = _NUMBER_TYPES,
) -> None:
    """The number cells in one of `styles` to `formatted` (their column and format by the sheet's row number), or when
    their style's format is ambiguous (None) to `ambiguous` (D14). A date is a number cell too, and with the `types`
    of dates (`_DATE_TYPES`) a date stored as text.

    Found by expressions over the piece, not cell by cell in Python: a sheet whose every figure has the format 0,0
    has 130,000 of them, and looking at each cell's attributes took 0.6 s. The usual piece has one such style, on
    number cells of one column written as Excel writes them (r, s, then perhaps t="n"): their row numbers are all
    that is looked for then (0.04 s for the 130,000). A cell found so is counted against the times the style stands
    in the piece; what is not found so (another column or style, a text cell with the style, another program's
    order or namespace prefix, a row with a style of its own) is looked for cell by cell."""
    present = [style for style in styles if b' s="' + style + b'"' in data]
    if not present:
        return
    if len(present) == 1 and styles[present[0]] is not None:
        style = present[0]
        first = data.find(b' s="' + style + b'"')
        cell = _EXCEL_CELL.match(data, data.rfind(b"<", 0, first))
        if cell is not None:
            rows = _column_pattern(cell.group(1), style, types).findall(data)
            if len(rows) == data.count(b' s="' + style + b'"'):
                # Each row's cells are the same tuple, made without a step in Python per cell.
                shown = ((column_index(cell.group(1).decode()), styles[style]),)
                formatted.update(dict.fromkeys(map(int, rows), shown))
                return
    wanted = tuple(styles)
    excel_order, any_order = _styled_cell_patterns(wanted, types)
    found = excel_order.findall(data)
    if len(found) != sum(data.count(b' s="' + style + b'"') for style in present):
        found = [(letters, row, style, b"") for style, letters, row in any_order.findall(data)]
    columns: dict[bytes, int] = {}
    cells = formatted.setdefault
    for letters, row, style, kind in found:
        if kind and kind not in types:  # a text (t="s", "str", "inlineStr"), a true/false or an error value
            continue
        column = columns.get(letters)
        if column is None:
            column = columns[letters] = column_index(letters.decode())
        cell_format = styles[style]
        if cell_format is None:
            ambiguous.append(f"{letters.decode()}{int(row)}")
        else:
            cells(int(row), []).append((column, cell_format))


_EXCEL_CELL = re.compile(rb'<c r="([A-Z]+)[0-9]+"')


@functools.lru_cache(maxsize=8)
def _column_pattern(letters: bytes, style: bytes, types: bytes) -> re.Pattern[bytes]:
    """The row numbers of the cells of one column with one style and one of `types`, as Excel writes them."""
    kind = rb'(?: t="[' + types + rb']")?'
    return re.compile(rb'<c r="' + letters + rb'([0-9]+)" s="' + style + rb'"' + kind + rb"(?![^>]*?\st=)")


@functools.lru_cache(maxsize=8)
def _styled_cell_patterns(styles: tuple[bytes, ...], types: bytes) -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """Cell tags with one of `styles`: in Excel's order (r, s, then perhaps t), with the reference, style and type;
    and in any order, with the style and reference of only those with no type or one of `types`."""
    alternatives = b"|".join(styles)
    # Without a namespace prefix (<x:c>), which Excel does not write: the expression takes half the time.
    excel_order = re.compile(rb'<c r="([A-Z]+)([0-9]+)" s="(' + alternatives + rb')"(?: t="(\w*)")?(?![^>]*?\st=)')
    any_order = re.compile(
        rb"<(?:\w+:)?c\b"
        rb'(?=[^>]*?\ss="(' + alternatives + rb')")'
        rb'(?=[^>]*?\sr="([A-Z]+)([0-9]+)")'
        rb'(?![^>]*?\st="(?![' + types + rb']")'
        rb")"
    )
    return excel_order, any_order


_ISO_DATE_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*\st="d"[^>]*)>')


def _iso_date_cells(data: bytes, found: dict[int, list[int]]) -> None:
    """The cells that store a date as ISO 8601 text (t="d"), their columns by row number, to `found`."""
    for attributes in _ISO_DATE_CELL.findall(data):
        reference = _REFERENCE.search(attributes)
        if reference is not None:
            found.setdefault(int(reference.group(2)), []).append(column_index(reference.group(1).decode()))


def _as_shown(row: list[object], cells: Sequence[_ShownCell], made: dict[tuple, Formatted]) -> None:
    """A cell shown as 78% holds 0.78, one shown in thousands as 1.235 holds 1234567: the figure at the scale the user
    sees (78, 1234,567), exactly, and as Excel shows it with the format's decimals (`Formatted`). Not a number that
    is none (NaN, which the validator refuses), nor true/false. `made` keeps each cell made once: a sheet repeats
    its figures (its formats are alive while it is read, so their id tells them apart)."""
    for column, cell_format in cells:
        if column < len(row):
            value = row[column]
            kind = type(value)
            if (kind is not float and kind is not int) or (kind is float and not math.isfinite(value)):
                continue
            if not value:  # 0.0 and -0.0 are equal, but not the same figure in full
                row[column] = _formatted(value, cell_format)
                continue
            key = (value, kind, id(cell_format))
            cell = made.get(key)
            if cell is None:
                cell = made[key] = _formatted(value, cell_format)
            row[column] = cell


def _in_rows(
    header: list[object],
    header_number: int,
    rows: list[tuple[object, ...]],
    numbers: array,
    cells: Mapping[int, Sequence],
    change: Callable[[list[object], Sequence, dict], None],
) -> None:
    """`change` the `cells` of each row (by the sheet's row number) in the header and the `rows` (their sheet's row
    numbers in `numbers`), with one dictionary of what it made. Rows are found by their number: such cells (dates)
    are few, and the rows without any are not looked at."""
    made: dict = {}
    change(header, cells.get(header_number, ()), made)
    for number, columns in cells.items():
        i = bisect.bisect_left(numbers, number)
        if i < len(numbers) and numbers[i] == number:
            row = list(rows[i])
            change(row, columns, made)
            rows[i] = tuple(row)


def _iso_dates_as_serial(row: list[object], columns: Sequence[int], made: dict[object, object]) -> None:
    """Dates stored as ISO 8601 text (t="d") as calamine gives the same dates stored as serial numbers, which Excel
    makes of them: a whole day a date, not a datetime at midnight. calamine leaves as text what has a time zone
    (SheetJS writes UTC: 2019-01-01T00:00:00.000Z) or no seconds; Excel disregards the time zone."""
    for column in columns:
        if column < len(row):
            value = row[column]
            key = (type(value), value)
            if key not in made:
                made[key] = _serial_date(value)
            row[column] = made[key]


def _serial_date(value: object) -> object:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip()).replace(tzinfo=None)
        except ValueError:
            try:
                value = time.fromisoformat(value.strip()).replace(tzinfo=None)
            except ValueError:
                return value  # no date: Excel would not open the file, and the validator says what the text is
    if type(value) is datetime and value.time() == time():
        return value.date()
    return value


def _date_cells_as_shown(row: list[object], cells: Sequence[_ShownDate], shown: dict[tuple[object, str], str]) -> None:
    """The date cells as the text their format shows (2019 for 1-1-2019 as jjjj)."""
    for column, pattern in cells:
        if column < len(row) and isinstance(value := row[column], date):  # a datetime is a date too
            key = (value, pattern)
            text = shown.get(key)
            if text is None:
                text = shown[key] = pattern.format(year=value.year, short=value.year % 100, month=value.month)
            row[column] = text


def _formatted(value: float, cell_format: CellFormat) -> Formatted:
    sign = 0 if value > 0 else 1 if value < 0 else 2
    power = cell_format.powers[sign]
    number = decimal_from_float(value)
    if power:
        shifted = number.scaleb(power)
        # Fixed-point, never "5E+1": 0.5 shown as 50% is the figure 50. Shifted down, the zeros that the shift
        # leaves at the end were never entered: 1000000 in thousands is 1000, not 1000,000.
        number = Decimal(format(shifted.normalize() if power < 0 else shifted, "f"))
    kind = ShownAsPercentage if power == 2 else Formatted
    return formatted(kind, number, cell_format.places[sign] if cell_format.places else None)


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
