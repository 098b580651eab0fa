"""Read an export into its tables, whatever its form: a workbook, a folder of CSV files or a YAML file.

Shared by `load_project`, `diff` and `measure`, which all start from the same export.
"""

from __future__ import annotations

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


def read_export(path: Path, problems: Problems) -> tuple[dict[str, Table], datetime | None]:
    """The export's tables by lower-case sheet name, from a workbook, a CSV folder or a YAML file, and the workbook's
    last-modified time, the export time when `export.tijd` does not give it (None for CSV and YAML)."""
    read = {
        INDICATOR_SHEET.lower(): {column.name for column in INDICATOR_COLUMNS},
        VALUE_SHEET.lower(): {column.name for column in VALUE_COLUMNS},
    }
    if path.is_dir():
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
        if (export_path / f"{name.lower()}.csv").is_file():
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
            hint="kies de werkmap waaruit die website is gebouwd.",
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
