"""Read the export's sheets as CSV files: `indicatoren.csv` and `waarden.csv` in one folder.

Read as UTF-8 with or without Excel's byte-order mark; the separator (";" from Dutch Excel, "," from
elsewhere, or a tab) is taken from the header line. All cells stay text: numbers are parsed later,
the same way as numbers stored as text in a workbook.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Collection, Mapping
from collections.abc import Set as AbstractSet
from functools import cache
from pathlib import Path

from verantwoord.errors import Location, Problems
from verantwoord.export.cells import EXCEL_ERROR_VALUE, report_error_value
from verantwoord.export.table import TITLE_ROWS, Table, column_name, csv_words, line_locator

SEPARATORS = (";", ",", "\t")
_LINE = re.compile(r"[^\r\n]+")

RowForm = Callable[[Mapping[str, str], Callable[[str], AbstractSet[str]]], bool]
"""Whether the cells of a line (stripped, by column name, as far as the line goes) read as a row of the file; the
second argument gives the values the file's rows have in a column."""


def read_csv(
    path: Path, sheet: str, problems: Problems, checked: Collection[str] = (), *, row_form: RowForm
) -> Table | None:
    """One CSV file as the table `sheet`; None (with the problem reported) when it cannot be read.

    `checked`: the file's columns. An Excel error value (#N/A, #DEEL/0!) in one of them is an error, as in a
    workbook: Excel writes it into the CSV as text. `row_form` tells a row of the file from a line of a text, for a
    stray quote that takes rows into one cell."""
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.error(Location(name), f"het bestand kan niet worden gelezen: {error.strerror}.")
        return None
    encoding = utf16_encoding(data)
    try:
        # Excel's "Unicode text" is UTF-16 (with tabs, which the separator finding takes).
        text = data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as error:
        if encoding:
            problems.error(
                Location(name),
                "het bestand is UTF-16 (Excels 'Unicode-tekst'), maar beschadigd.",
                hint="sla het bestand in Excel opnieuw op, het liefst als 'CSV UTF-8 (door komma's gescheiden)'.",
            )
            return None
        start = error.start + (3 if data.startswith(codecs.BOM_UTF8) else 0)  # utf-8-sig counts after the mark
        report_not_utf8(name, data, start, problems)
        return None
    # The first filled line, found lazily: a list of every line (130,000) only to look at one took 30 ms.
    first = next((m.group() for m in _LINE.finditer(text) if m.group().strip()), "")
    separator = max(SEPARATORS, key=first.count) if first else ";"
    # Strict: a quote that is never closed, or text right after a closing quote ("a"b), is an error at the line the
    # row begins on, instead of a cell that silently takes in the lines after it, or loses its quotes.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    header: list[str] | None = None
    header_line = 1
    rows: list[list[object]] = []
    numbers: list[int] = []
    widths: list[int] = []
    # A row is named by the line it begins on: a text with line breaks in it spans more lines, and a quote that is
    # never closed takes in every line after it.
    begins = 1
    spans: dict[int, int] = {}  # rows over more than one line -> the line they end on
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                if header is None:
                    header = [cell.strip() for cell in record]
                    header_line = begins
                else:
                    if reader.line_num > begins:
                        spans[len(rows)] = reader.line_num
                    # A line break in a quoted cell is CRLF in a file saved on Windows: the same text as LF.
                    rows.append([_one_newline(cell) if cell.strip() else None for cell in record])
                    numbers.append(begins)
                    widths.append(len(record))
            begins = reader.line_num + 1
    except csv.Error as error:
        # A cell of over 128 kB (csv's limit) is a quote that is never closed, unless the line has none.
        if "field larger than field limit" in str(error) and '"' not in _line(text, begins):
            limit = f"{csv.field_size_limit():,}".replace(",", ".")
            problems.error(Location(name, line=begins), f"een cel in deze regel is langer dan {limit} tekens.")
            return None
        problems.error(
            Location(name, line=begins),
            'een aanhalingsteken (") in deze regel wordt niet (goed) gesloten.',
            expected=f'een cel tussen aanhalingstekens die direct na het sluitende " eindigt met "{separator}" of '
            'het einde van de regel; een aanhalingsteken in zo\'n cel is dubbel ("")',
            hint='sluit de cel met een ", of haal de aanhalingstekens rond de cel weg.',
        )
        return None
    header = header or []
    split: set[int] = set()
    taken_in: list[list[object]] = []
    # Under a title every row has more cells than the "header": no split cells, but one error for the title, which
    # map_columns gives with the rows to delete.
    if not _title_above(header, rows, checked):
        split, taken_in = _rows_taking_in_lines(
            name, header, rows, numbers, widths, spans, separator, row_form, problems
        )
        # A row that took in lines has the cells of two rows, or fewer: not a split cell, and told as what it is.
        misaligned = _misaligned_rows(name, header, rows, numbers, widths, separator, problems, skip=split)
        # Their ids are still named, as those of rows that took in lines: their values are not an unknown indicator's.
        taken_in += [_as_its_cells(rows[r], len(header)) for r in sorted(misaligned)]
        split |= misaligned
    if split:  # reported; the other rows are still read and checked
        rows = [row for r, row in enumerate(rows) if r not in split]
        numbers = [number for r, number in enumerate(numbers) if r not in split]
    locate = line_locator(name, header, numbers, header_line)
    if checked and EXCEL_ERROR_VALUE.search(text):  # one search of the file, before looking at each cell
        for c, column in enumerate(column_name(h) for h in header):
            if column not in checked:
                continue
            for r, row in enumerate(rows):
                value = row[c] if c < len(row) else None
                if isinstance(value, str) and EXCEL_ERROR_VALUE.fullmatch(value.strip()):
                    report_error_value(problems, locate(r, c), value.strip(), figure=column == "waarde")
    return Table(sheet, name, header, rows, locate, csv_words(sheet), unread=taken_in)


def _title_above(header: list[str], rows: list[list[object]], columns: Collection[str]) -> bool:
    """Whether the first filled line is a title ("Export P&C-systeem;25-05-2021") above a header of the file's
    `columns` on one of the lines after it."""
    if not columns or any(column_name(cell) in columns for cell in header):
        return False
    return any(
        len({column_name(cell) for cell in row if isinstance(cell, str)} & set(columns)) >= 2
        for row in rows[:TITLE_ROWS]
    )


def _rows_taking_in_lines(
    name: str,
    header: list[str],
    rows: list[list[object]],
    numbers: list[int],
    widths: list[int],
    spans: dict[int, int],
    separator: str,
    row_form: RowForm,
    problems: Problems,
) -> tuple[set[int], list[list[object]]]:
    """The rows that took in the lines after them (reported); those rows and the lines in them that are rows, as
    cells, for the ids they name.

    A quote at the start of a cell that was never meant to close, until a later one did: the file passed, those lines'
    rows missing and a text holding them. Told by a line in the cell that is a row of this file: it has a row's cells
    (or, where the quote closes, those up to the cell it closes), and they read as a row's (`row_form`). The first
    cell alone does not tell: an indicator's id is in one row of indicatoren.csv, and a swallowed one was known to no
    other row. A text with line breaks (Alt+Enter) and separators in its lines is read as it is."""
    if not spans:
        return set(), []
    names = [column_name(h) for h in header]
    # The cells a row has: as many as the header, or as the rows on one line have (a separator at the end of each).
    whole = {len(header)} | {width for r, width in enumerate(widths) if r not in spans}

    @cache
    def seen(column: str) -> frozenset[str]:
        if column not in names:
            return frozenset()
        index = names.index(column)
        return frozenset(cell.strip() for row in rows if index < len(row) and isinstance(cell := row[index], str))

    taken: set[int] = set()
    taken_in: list[list[object]] = []
    for r, end in spans.items():
        found = []
        for c, cell in enumerate(rows[r]):
            if not isinstance(cell, str) or "\n" not in cell:
                continue
            lines = cell.split("\n")[1:]
            for k, line in enumerate(lines):
                cells = line.split(separator)
                # The line the quote closes on ends in the cell it closes: the row has that line's cells after it, so
                # the line has as many before it as the row is short of a whole one (the same column: as many as c).
                closing = k == len(lines) - 1 and any(len(cells) == c + 1 + w - widths[r] for w in whole)
                if not (len(cells) in whole or closing):
                    continue
                form = {n: cells[i].strip() for i, n in enumerate(names[: len(cells)]) if n}
                if row_form(form, seen):
                    found.append([piece.strip() or None for piece in cells])
        if not found:
            continue
        taken.add(r)
        taken_in += [rows[r], *found]
        begins = numbers[r]
        which = f"regel {end} is" if end == begins + 1 else f"de regels {begins + 1} tot en met {end} zijn"
        problems.error(
            Location(name, line=begins),
            f'een aanhalingsteken (") in deze regel wordt pas op regel {end} gesloten: {which} in één cel beland en '
            "niet gelezen.",
            hint='haal het aanhalingsteken aan het begin van de cel weg, of sluit de cel op deze regel met een ".',
        )
    return taken, taken_in


MORE_CELLS_SHOWN = 10
"""Lines named one by one when they have more cells than the header; the rest are counted."""


def _misaligned_rows(
    name: str,
    header: list[str],
    rows: list[list[object]],
    numbers: list[int],
    widths: list[int],
    separator: str,
    problems: Problems,
    skip: Collection[int] = (),
) -> set[int]:
    """The rows whose cells do not line up with the header's (reported), which are then left out; `skip`: rows
    left out already.

    More cells than the header: "7,5" in a comma-separated file is the cells 7 and 5, and every cell after it moves
    one column on; their extra cells were dropped without a word (7 was published). A separator at the end of every
    line (cells that are all empty) is no such split. Fewer cells, that another separator splits into as many: a
    line typed or pasted with commas into a file with semicolons was one cell, 'onbekende indicator
    'winkeldiefstallen,2022,realisatie,1.4,,,,''. A row that only lacks its last, empty cells is read as it is.
    """
    expected = f"evenveel cellen als de kopregel ({', '.join(h for h in header if h) or 'leeg'})"

    def line(r: int) -> str:
        return separator.join("" if cell is None else str(cell) for cell in rows[r])

    wide = [r for r, width in enumerate(widths) if width > len(header) and r not in skip]
    if wide and (
        len({width for r, width in enumerate(widths) if r not in skip}) > 1
        or any(any(rows[r][len(header) :]) for r in wide)
    ):
        if separator == ",":
            hint = (
                'staat er een komma in een getal of tekst (7,5)? Zet die cel tussen aanhalingstekens ("7,5"), of sla '
                "het bestand in Excel op als CSV met puntkomma's."
            )
        else:
            inside = "een puntkomma" if separator == ";" else "een tab"
            hint = f'staat er {inside} in een tekst? Zet die cel tussen aanhalingstekens ("…").'
        for r in wide[:MORE_CELLS_SHOWN]:
            problems.error(
                Location(name, line=numbers[r]),
                f"deze regel heeft {widths[r]} cellen, de kopregel {len(header)}: een cel is gesplitst, en de cellen "
                "erna zijn een kolom opgeschoven.",
                found=line(r),
                expected=expected,
                hint=hint,
            )
        if len(wide) > MORE_CELLS_SHOWN:
            problems.error(
                Location(name),
                f"nog {len(wide) - MORE_CELLS_SHOWN} regels hebben meer cellen dan de kopregel.",
                hint="zie de regels hierboven.",
            )
    else:
        wide = []
    narrow = []
    for r, width in enumerate(widths):
        if width >= len(header) or r in skip:
            continue
        other = next((o for o in SEPARATORS if o != separator and len(line(r).split(o)) == len(header)), None)
        if other is None:
            continue
        narrow.append(r)
        problems.error(
            Location(name, line=numbers[r]),
            f"deze regel heeft {width} {'cel' if width == 1 else 'cellen'}, de kopregel {len(header)}: de regel is "
            f"gescheiden met {_SEPARATOR_NAMES[other]}, de rest van het bestand met {_SEPARATOR_NAMES[separator]}.",
            found=line(r),
            expected=expected,
            hint=f"vervang in deze regel de {_SEPARATOR_NAMES[other]} door {_SEPARATOR_NAMES[separator]}, of sla het "
            "bestand opnieuw op in Excel.",
        )
    return {*wide, *narrow}


_SEPARATOR_NAMES = {";": "puntkomma's", ",": "komma's", "\t": "tabs"}


def _as_its_cells(row: list[object], width: int) -> list[object]:
    """A misaligned row as the cells it was meant to have, where that can be told: a line of another separator is
    one cell ('kcc-x,4.1,…'), split by it; a split cell leaves the cells before it, and the id, as they are."""
    if len(row) < width and row and isinstance(row[0], str):
        other = next((o for o in SEPARATORS if len(row[0].split(o)) == width), None)
        if other is not None:
            return list(row[0].split(other))
    return row


_WORD = re.compile(rb"[^\s;,\t\"()]*")
"""The bytes of a word, in a file that is not UTF-8: up to a separator, a space, a line end, a quote or a bracket."""


NOTEPAD_ANSI = {
    "saved_by": "Kladblok een bestand met codering 'ANSI'",
    "saved_by_mac": "een Mac-programma het",
    "hint": "sla het bestand op als UTF-8 (in Kladblok: Opslaan als, Codering: UTF-8).",
}
"""How a Markdown or YAML file not in UTF-8 was most likely saved, and what to do (`report_not_utf8`)."""


def report_not_utf8(
    name: str,
    data: bytes,
    start: int,
    problems: Problems,
    *,
    saved_by: str = "Excel een 'CSV (gescheiden door lijstscheidingsteken)'",
    saved_by_mac: str = "Excel op een Mac een CSV-bestand",
    hint: str = "sla het bestand in Excel op als 'CSV UTF-8 (door komma's gescheiden)'.",
) -> None:
    """A file in another encoding than UTF-8, at its first byte that is none: the line, and the word the byte is in as
    the program that wrote it meant it ('café', where 'byte 0xE9' told nobody which letter). Excel for Windows saves
    'CSV (gescheiden door lijstscheidingsteken)' in Windows-1252, as Notepad saves 'ANSI' (`saved_by`, with its
    `hint`); Excel for the Mac its CSV in Mac Roman (`saved_by_mac`), with a CR alone at each line end (which also
    ends a line here)."""
    before = data[:start]
    line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    mac = b"\r" in data and b"\n" not in data
    encoding, written = (
        ("mac_roman", f"Mac Roman, zoals {saved_by_mac} opslaat")
        if mac
        else ("cp1252", f"Windows-1252, zoals {saved_by} opslaat")
    )
    begin = max(before.rfind(stop) for stop in (b" ", b";", b",", b"\t", b'"', b"(", b"\n", b"\r")) + 1
    word = _WORD.match(data, begin).group().decode(encoding, errors="replace").rstrip(".:!?")
    problems.error(
        Location(name, line=line),
        f"het bestand is geen UTF-8 maar waarschijnlijk {written}.",
        found=f"{word} (byte 0x{data[start]:02X})",
        expected="tekst in UTF-8",
        hint=hint,
    )


def _one_newline(cell: str) -> str:
    return cell.replace("\r\n", "\n").replace("\r", "\n") if "\r" in cell else cell


def _line(text: str, number: int) -> str:
    """Line `number` (1 = the first) of `text`."""
    start = 0
    for _ in range(number - 1):
        start = text.find("\n", start) + 1
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)]


def utf16_encoding(data: bytes) -> str | None:
    """The UTF-16 the file is in, or None. With a byte-order mark; without one, a text whose first characters have
    a zero byte each (text in a CSV has no zero bytes, and ASCII in UTF-16 has one in every pair)."""
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16"
    start = data[:1000]
    if len(start) < 2 or b"\x00" not in start:
        return None
    odd, even = start[1::2].count(0), start[0::2].count(0)  # a cell padded with zero bytes has them in both
    if odd > len(start) // 4 and even < len(start) // 16:
        return "utf-16-le"
    if even > len(start) // 4 and odd < len(start) // 16:
        return "utf-16-be"
    return None
