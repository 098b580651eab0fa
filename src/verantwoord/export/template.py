"""Write an indicator workbook: the template of `verantwoord new`, and workbooks for examples and tests.

The workbook has the two sheets verantwoord reads (Indicatoren, Waarden) and a sheet Uitleg that
explains every column in Dutch, taken from the same column definitions the validator uses.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from verantwoord.export.records import (
    INDICATOR_COLUMNS,
    INDICATOR_SHEET,
    KIND_WORDS,
    POLARITY_WORDS,
    VALUE_COLUMNS,
    VALUE_SHEET,
    Column,
)

_TEXT_COLUMNS = {"id", "paragraaf", "periode", "waarde", "indicator"}
"""Typed as text in the template, so Excel keeps 4.10, 2022-2023 and 6-6,5 as the user typed them."""
_HEADER_FILL = PatternFill("solid", fgColor="DDE5EE")


def _first_words(words: Mapping[str, object]) -> list[str]:
    """One word for each meaning, the first the guide names: 'realisatie', not also 'gerealiseerd'."""
    first: dict[object, str] = {}
    for word, meaning in words.items():
        first.setdefault(meaning, word)
    return list(first.values())


_CHOICES = {"soort": _first_words(KIND_WORDS), "polariteit": _first_words(POLARITY_WORDS)}
"""The words the template offers in a drop-down list in these columns."""


def write_workbook(
    path: Path,
    indicators: Sequence[Mapping[str, object]],
    values: Sequence[Mapping[str, object]],
    modified: datetime | None = None,
    blank_rows: int = 0,
) -> None:
    """Write a workbook with these rows; `modified` becomes the workbook's own export time.

    The template for users gets `blank_rows` rows typed as text in the columns where Excel would
    otherwise turn what people type into a number or a date.
    """
    workbook = Workbook()
    _fill(workbook.active, INDICATOR_SHEET, INDICATOR_COLUMNS, indicators, blank_rows)
    _fill(workbook.create_sheet(VALUE_SHEET), VALUE_SHEET, VALUE_COLUMNS, values, blank_rows)
    _explain(workbook.create_sheet("Uitleg"))
    workbook.properties.creator = "verantwoord"
    workbook.save(path)
    if modified is not None:
        _set_modified(path, modified)


def _fill(
    sheet: Worksheet, title: str, columns: Sequence[Column], rows: Sequence[Mapping[str, object]], blank_rows: int
) -> None:
    sheet.title = title
    sheet.append([column.name for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for row in rows:
        sheet.append([row.get(column.name) for column in columns])
    for index, column in enumerate(columns, start=1):
        letter = sheet.cell(1, index).column_letter
        sheet.column_dimensions[letter].width = 60 if column.name in ("titel", "toelichting") else 18
        if column.name in _TEXT_COLUMNS:
            for (cell,) in sheet.iter_rows(
                min_row=2, max_row=max(sheet.max_row, blank_rows), min_col=index, max_col=index
            ):
                cell.number_format = "@"
        if column.name in _CHOICES and blank_rows:
            # A list to choose from, as Excel users expect; the other words it reads ('streefcijfer', 'hoger')
            # stay allowed, so Excel does not refuse what check accepts.
            choices = DataValidation(
                type="list", formula1=f'"{",".join(_CHOICES[column.name])}"', allow_blank=True, showErrorMessage=False
            )
            choices.add(f"{letter}2:{letter}{max(sheet.max_row, blank_rows)}")
            sheet.add_data_validation(choices)
    sheet.freeze_panes = "A2"


_GUIDE = (
    "Elke regel in Waarden is één cijfer: indicator, periode, soort en waarde. "
    "Controleer de werkmap met 'verantwoord check'.",
    "Vergelijkingscijfers (zoals het landelijk cijfer): een eigen regel met dezelfde indicator, periode en soort, "
    "en de naam van de vergelijking in de kolom reeks (zoals Nederland).",
    "Tekst in plaats van een cijfer (79,3% (TK) of minimaal 80): zet de tekst in de kolom tekst; "
    "het getal mag in waarde blijven staan. Is er nog geen cijfer (Gegevens nog niet bekend), typ dan n.n.b. "
    "in waarde, of laat waarde leeg, en zet de tekst in de kolom tekst.",
    "Een bereik typt u in waarde met een streepje: 6-6,5. Een voetnoot: de tekst in de kolom voetnoot.",
    "Geen cijfer: laat waarde leeg (of typ geen cijfer of #) en zet in reden waarom. Nooit 0.",
    "Welke kolommen de tabellen op de website hebben (nulmeting, begroting, laatste meting, Nederland …) en of "
    "er één tabel per indicator of per paragraaf is, kiest u in verantwoord.yaml bij tabel (zie de handleiding).",
)
"""The guide under the columns on the sheet Uitleg: how to enter what the columns alone do not say."""


def _explain(sheet: Worksheet) -> None:
    sheet.append(["Blad", "Kolom", "Verplicht", "Uitleg", "Voorbeeld"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for title, columns in ((INDICATOR_SHEET, INDICATOR_COLUMNS), (VALUE_SHEET, VALUE_COLUMNS)):
        for column in columns:
            sheet.append([title, column.name, "ja" if column.required else "nee", column.help, column.example])
    sheet.append([])
    for text in _GUIDE:
        sheet.append(["", "", "", text])
    for width, letter in zip((14, 14, 10, 90, 40), "ABCDE", strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        row[3].alignment = Alignment(wrap_text=True, vertical="top")


def _set_modified(path: Path, moment: datetime) -> None:
    """openpyxl stamps the save time into docProps/core.xml; put the export's own time there instead."""
    stamp = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".xlsx", delete=False) as handle:
        temporary = Path(handle.name)
    try:
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == "docProps/core.xml":
                    data = re.sub(
                        rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                        rb"\g<1>" + stamp.encode() + rb"\g<2>",
                        data,
                    )
                target.writestr(item, data)
        temporary.chmod(0o644)
        shutil.move(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
