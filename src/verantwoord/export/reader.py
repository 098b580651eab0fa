"""Read an export into its tables, whatever its form: a workbook, a folder of CSV files or a YAML file.

Shared by `load_project`, `diff` and `measure`, which all start from the same export.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime
from pathlib import Path

from verantwoord.errors import Location, Problems
from verantwoord.export.csvfiles import read_csv
from verantwoord.export.records import (
    INDICATOR_COLUMNS,
    INDICATOR_SHEET,
    VALUE_COLUMNS,
    VALUE_SHEET,
    reads_as_indicator_row,
    reads_as_value_row,
)
from verantwoord.export.table import Table
from verantwoord.export.workbook import read_workbook
from verantwoord.export.yamlexport import read_yaml_export

OPEN_DATA_SHEETS = {"nl": ("Cijfers", "Uitleg"), "en": ("Figures", "Explanation")}
"""The sheets of the open-data workbook a site is built with, per language: taken for an export, it is named as
what it is."""

_UNREAD_HINTS = {
    ".xls": "sla de werkmap in Excel op als Excel-werkmap (.xlsx).",
    ".csv": "noem de map met indicatoren.csv en waarden.csv, niet een van de bestanden erin.",
}
"""What to do with the files people name most often that are no export verantwoord reads."""
_PROVENANCE = ("export_bestand", "export_sha256")
"""The open data's columns that name the export a site was built with, on every row."""
_SNIFFED = 65536
"""How much of a CSV or JSON file is read to tell whether it is a site's open data: its header and first row, or the
JSON's head, which names the export before the first indicator."""


def read_export(path: Path, problems: Problems) -> tuple[dict[str, Table], datetime | None]:
    """The export's tables by lower-case sheet name, from a workbook, a CSV folder or a YAML file, and the workbook's
    last-modified time, the export time when `export.tijd` does not give it (None for CSV and YAML)."""
    read = {
        INDICATOR_SHEET.lower(): {column.name for column in INDICATOR_COLUMNS},
        VALUE_SHEET.lower(): {column.name for column in VALUE_COLUMNS},
    }
    if path.is_dir():
        if _is_open_data_folder(path):
            _report_open_data(path, problems, _csv_provenance(path / f"{INDICATOR_SHEET.lower()}.csv"))
            return {}, None
        tables = {}
        for sheet, row_form in ((INDICATOR_SHEET, reads_as_indicator_row), (VALUE_SHEET, reads_as_value_row)):
            file = path / f"{sheet.lower()}.csv"
            if file.is_file():
                table = read_csv(file, sheet, problems, checked=read[sheet.lower()], row_form=row_form)
                if table is not None:
                    tables[sheet.lower()] = table
        return tables, None
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return read_yaml_export(path, problems), None
    if suffix in (".xlsx", ".xlsm"):
        return read_workbook(path, problems, checked=read)
    if suffix in (".csv", ".json") and (provenance := _open_data_provenance(path)) is not None:
        _report_open_data(path, problems, provenance)
        return {}, None
    problems.error(
        Location(path.name),
        "dit soort bestand kan verantwoord niet lezen.",
        found=suffix or path.name,
        expected="een .xlsx-werkmap, een map met indicatoren.csv en waarden.csv, of een .yaml-bestand",
        hint=_UNREAD_HINTS.get(suffix),
    )
    return {}, None


def export_sheet(tables: dict[str, Table], name: str, export_path: Path, problems: Problems) -> Table | None:
    """The sheet `name` of the export at `export_path` read by `read_export`; None when missing (reported)."""
    table = tables.get(name.lower())
    if table is not None:
        return table
    if export_path.is_dir():
        if (export_path / f"{name.lower()}.csv").is_file() or _is_open_data_folder(export_path):
            return None  # there, but it could not be read: already reported
        problems.error(
            Location(f"{export_path.name}/{name.lower()}.csv"),
            "dit CSV-bestand ontbreekt.",
            expected=f"{INDICATOR_SHEET.lower()}.csv en {VALUE_SHEET.lower()}.csv in de exportmap",
        )
    elif (open_data := _open_data_sheets(tables)) and INDICATOR_SHEET.lower() not in tables:
        # The sheets of a site's open-data/indicatoren.xlsx: said once, for the first sheet asked for.
        if name != INDICATOR_SHEET:
            return None
        figures, explanation = open_data
        problems.error(
            Location(export_path.name),
            f"dit is de open data van een gebouwde website (bladen {figures} en {explanation}), geen export.",
            expected=f"een export met de bladen {INDICATOR_SHEET} en {VALUE_SHEET}",
            hint=_export_hint(_table_provenance(tables[figures.lower()])),
        )
    elif tables:
        problems.error(
            Location(export_path.name),
            f"het blad {name} ontbreekt.",
            found=", ".join(t.name for t in tables.values()),
            expected=f"de bladen {INDICATOR_SHEET} en {VALUE_SHEET}",
            hint="hernoem het blad, of begin met het sjabloon van 'verantwoord new'.",
        )
    return None


def _open_data_sheets(tables: dict[str, Table]) -> tuple[str, str] | None:
    return next(
        (names for names in OPEN_DATA_SHEETS.values() if {name.lower() for name in names} <= tables.keys()), None
    )


_Provenance = tuple[str, str] | tuple[()]
"""The export a site's open data was built with, (file, SHA-256), or () when the file does not say."""


def _report_open_data(path: Path, problems: Problems, provenance: _Provenance) -> None:
    """A site's open data (a CSV or JSON file, or the folder open-data) named where an export was meant: it has the
    figures of one document as published, not the export's sheets, so it is named as what it is, with the export to
    name instead."""
    problems.error(
        Location(path.name),
        "dit is de open data van een gebouwde website, geen export.",
        expected=f"een export (een .xlsx-werkmap met de bladen {INDICATOR_SHEET} en {VALUE_SHEET}, een map met "
        f"{INDICATOR_SHEET.lower()}.csv en {VALUE_SHEET.lower()}.csv, of een .yaml-bestand)",
        hint=_export_hint(provenance),
    )


def _export_hint(provenance: _Provenance) -> str:
    """Which export to name instead: the one the open data names, found by its fingerprint as the footer shows it."""
    if not provenance:
        return "kies de export waaruit die website is gebouwd, of de projectmap ervan."
    file, digest = provenance
    return (
        f"kies de export waaruit die website is gebouwd (het bestand '{file}', vingerafdruk {digest[:12]}), of de "
        "projectmap ervan; verantwoord diff noemt achter elke export zijn vingerafdruk."
    )


def _open_data_provenance(path: Path) -> _Provenance | None:
    """The export a site's open-data CSV or JSON file names, () if it names none; None if the file is no open data."""
    try:
        with path.open("rb") as file:
            head = file.read(_SNIFFED).decode("utf-8-sig", errors="replace")
    except OSError:
        return None  # the caller reports the file as unreadable
    if path.suffix.lower() == ".csv":
        return _provenance_from_csv(head)
    if _is_own_data_package(head):
        # datapackage.json describes the files and names no export; its indicatoren.csv beside it does
        return _csv_provenance(path.parent / f"{INDICATOR_SHEET.lower()}.csv")
    if not head.startswith('{"document": ') or '"export_sha256": ' not in head:
        return None
    found = re.search(r'"export_sha256": (\{[^{}]*\})', head)
    try:  # a file cut short or edited by hand is still open data, whose export it no longer names
        digests = json.loads(found.group(1)) if found else {}
    except ValueError:
        return ()
    file, digest = next(iter(digests.items()), ("", None))
    return (file, digest) if file and isinstance(digest, str) and digest else ()


def _is_own_data_package(head: str) -> bool:
    """Whether a JSON file's head is the datapackage.json of a site's open data: a resource indicatoren.csv with the
    columns that name the export. Any Frictionless Data Package with a table was called a site's open data."""
    return (
        '"resources": [' in head
        and f'"path": "{INDICATOR_SHEET.lower()}.csv"' in head
        and all(f'"name": "{field}"' in head for field in ("indicator_id", *_PROVENANCE))
    )


def _csv_provenance(file: Path) -> _Provenance:
    try:
        with file.open("rb") as handle:
            return _provenance_from_csv(handle.read(_SNIFFED).decode("utf-8-sig", errors="replace")) or ()
    except OSError:
        return ()


def _provenance_from_csv(head: str) -> _Provenance | None:
    """The export named on the first row of an open-data CSV file's start, () without a row; None if it is none."""
    rows = csv.reader(io.StringIO(head, newline=""))  # a row of indicatorgegevens.csv has an explanation's lines
    header = next(rows, [])
    if "indicator_id" not in header or not set(_PROVENANCE) <= set(header):
        return None
    try:
        row = next(rows, [])
    except csv.Error:  # cut off in a quoted field: the row is longer than what was read
        row = []
    file, digest = (row[header.index(name)] if len(row) == len(header) else "" for name in _PROVENANCE)
    return (file, digest) if file and digest else ()


def _table_provenance(table: Table) -> _Provenance:
    """The export named on the first row of the open-data workbook's sheet of figures."""
    header = [str(name or "").lower() for name in table.header]
    if not table.rows or not set(_PROVENANCE) <= set(header):
        return ()
    row = table.rows[0]
    file, digest = (row[header.index(name)] if header.index(name) < len(row) else None for name in _PROVENANCE)
    return (str(file), str(digest)) if file and digest else ()


def _is_open_data_folder(path: Path) -> bool:
    """A site's folder open-data: its indicatoren.csv is the figures in long form, and it has no waarden.csv."""
    indicators = path / f"{INDICATOR_SHEET.lower()}.csv"
    return (
        not (path / f"{VALUE_SHEET.lower()}.csv").exists()
        and indicators.is_file()
        and _open_data_provenance(indicators) is not None
    )
