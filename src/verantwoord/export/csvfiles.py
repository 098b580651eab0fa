"""Read the export's sheets as CSV files: `indicatoren.csv` and `waarden.csv` in one folder.

Read as UTF-8 with or without Excel's byte-order mark; the separator (";" from Dutch Excel, "," from
elsewhere, or a tab) is taken from the header line. All cells stay text: numbers are parsed later,
the same way as numbers stored as text in a workbook.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from verantwoord.errors import Location, Problems
from verantwoord.export.table import Table, line_locator

SEPARATORS = (";", ",", "\t")
_LINE = re.compile(r"[^\r\n]+")


def read_csv(path: Path, sheet: str, problems: Problems) -> Table | None:
    """One CSV file as the table `sheet`; None (with the problem reported) when it cannot be read."""
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.error(Location(name), f"het bestand kan niet worden gelezen: {error.strerror}.")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.error(
            Location(name, line=line),
            "het bestand is geen UTF-8 (waarschijnlijk Windows-1252 of Latin-1).",
            found=f"byte 0x{data[error.start]:02X}",
            expected="tekst in UTF-8",
            hint="sla het bestand in Excel op als 'CSV UTF-8 (door komma's gescheiden)'.",
        )
        return None
    # The first filled line, found lazily: a list of every line (130,000) only to look at one took 30 ms.
    first = next((m.group() for m in _LINE.finditer(text) if m.group().strip()), "")
    separator = max(SEPARATORS, key=first.count) if first else ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    header: list[str] | None = None
    header_line = 1
    rows: list[list[object]] = []
    numbers: list[int] = []
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = [cell.strip() for cell in record]
                header_line = reader.line_num
                continue
            rows.append([cell if cell.strip() else None for cell in record])
            numbers.append(reader.line_num)
    except csv.Error as error:
        problems.error(Location(name, line=reader.line_num), f"de CSV-regel is niet te lezen: {error}.")
        return None
    header = header or []
    return Table(sheet, name, header, rows, line_locator(name, header, numbers, header_line))
