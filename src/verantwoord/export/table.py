"""A sheet of an export as rows of raw cells, whatever file it came from.

The xlsx, CSV and YAML readers each produce `Table`s; one validator (`records.py`) turns them into the
model. A table knows how to name the place of any cell (`indicatoren.xlsx, blad Waarden, cel D14`),
but only works that out when there is a problem to report: building a Location for every cell would
cost more than reading the workbook.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from verantwoord.errors import Location

Locate = Callable[[int, int], Location]
"""(row index, column index) of a table -> where that cell is in the file; row index -1 is the header."""


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the way Excel names columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """A -> 0, Z -> 25, AA -> 26: the inverse of `column_letter`."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


@dataclass(frozen=True)
class Words:
    """How messages name the parts of a table in the terms of the file it came from: a workbook has sheets with
    columns and cells, a CSV file lines with columns, a YAML file entries with keys. A P&C advisor who keeps the
    YAML file was told of sheets and columns that are not in front of them."""

    column: str
    """"kolom", or "sleutel" in YAML."""
    columns: str
    """"kolommen", or "sleutels"."""
    in_column: str
    """"in de kolom" ('tekst'), or "bij de sleutel"."""
    in_cell: str
    """Where the one figure of a value goes: "in de cel", or in YAML "achter 'waarde:'"."""
    empty: str
    """The table as a whole when it has nothing in it: "het blad Waarden", "het bestand"."""
    empty_hint: str | None
    """How to begin a table that has nothing in it, {header} being its header line ("id;paragraaf;titel;…"): a CSV file
    is not begun with the workbook of 'verantwoord new'."""
    missing_in: str
    """Where a required column is missing: "in het blad Waarden", "in de kopregel", "bij elke waarde"."""
    header_hint: str | None
    """What to do about a required column that is missing."""
    indicators: str
    """Where the ids of the indicators are: "het blad Indicatoren", "indicatoren.csv"."""
    values: str
    """Where the values are: "het blad Waarden", "waarden.csv", "de lijst 'waarden'"."""
    excel: bool
    """The values were typed in Excel (a workbook, or a CSV file saved from one): a hint may say what Excel made of a
    value and how to set the cell right. A YAML file is written in an editor or by a program, without cells."""
    nested: bool = False
    """The values stand under their indicator (YAML): a value without one is the indicator's problem, said there."""
    as_shown: bool = False
    """Each cell is written as Excel showed it (a CSV file saved from Excel): a number formatted with a thousands
    separator is 1.234 in the file, a month Excel made a date is mrt-24."""


def sheet_words(sheet: str) -> Words:
    """The words of a workbook's sheet `sheet`."""
    return Words(
        column="kolom",
        columns="kolommen",
        in_column="in de kolom",
        in_cell="in de cel",
        empty=f"het blad {sheet}",
        empty_hint="begin met het sjabloon van 'verantwoord new', of kopieer de kopregel uit de handleiding.",
        missing_in=f"in het blad {sheet}",
        header_hint="de eerste gevulde regel van het blad is de kopregel; zet daar de kolomnamen.",
        indicators="het blad Indicatoren",
        values="het blad Waarden",
        excel=True,
    )


def csv_words(sheet: str) -> Words:
    """The words of a CSV file (indicatoren.csv or waarden.csv) that holds the sheet `sheet`."""
    return Words(
        column="kolom",
        columns="kolommen",
        in_column="in de kolom",
        in_cell="in de cel",
        empty="het bestand",
        empty_hint="zet op de eerste regel de kopregel: {header}. Of sla in Excel het blad "
        f"{sheet} van een werkmap op als 'CSV UTF-8 (door komma's gescheiden)'.",
        missing_in="in de kopregel",
        header_hint="de eerste gevulde regel van het bestand is de kopregel; zet daar de kolomnamen.",
        indicators="indicatoren.csv",
        values="waarden.csv",
        excel=True,
        as_shown=True,
    )


def yaml_words(entry: str, entries: str) -> Words:
    """The words of a YAML export, for its `entries` ("indicator" in the list "indicatoren", or "waarde")."""
    return Words(
        column="sleutel",
        columns="sleutels",
        in_column="bij de sleutel",
        in_cell="achter 'waarde:'",
        empty=f"de lijst '{entries}'",
        empty_hint=None,
        missing_in=f"bij elke {entry}",
        header_hint=None,
        indicators="de lijst 'indicatoren'",
        values="de lijst 'waarden'",
        excel=False,
        nested=True,
    )


@dataclass
class Table:
    name: str
    """The sheet's name as the user knows it ("Waarden")."""
    file: str
    header: list[str]
    rows: Sequence[Sequence[object]]
    """Cells are None when empty; a row may end before the header does (a workbook's ends at its last filled cell)."""
    locate: Locate
    words: Words
    unread: Sequence[Sequence[object]] = ()
    """Rows of the file that are not among `rows`, their problem reported: lines a stray quote took into one cell. Their
    ids are still named, so their values are not said to be of an unknown indicator."""
    hidden_columns: tuple[tuple[int, int], ...] = ()
    """The columns a workbook's sheet hides, as ranges of indices from 0 (first, last): a warning about a cell in one
    says so, as the user does not see it."""

    @property
    def location(self) -> Location:
        """The table as a whole."""
        return self.locate(-1, -1)

    def is_hidden(self, column: int) -> bool:
        """Whether the column (index from 0) is hidden in Excel."""
        return any(first <= column <= last for first, last in self.hidden_columns)


def column_name(header: object) -> str:
    """The column a header cell (or a YAML key) names, as the validator reads it: `ID`, `Id` and `Waarde:` are `id`
    and `waarde`."""
    return str(header).strip().rstrip(":").strip().lower()


TITLE_ROWS = 10
"""How many rows under the first filled one are looked at for the real header: a title and a date or two above it."""


def sheet_locator(file: str, sheet: str, first_row: int, row_numbers: Sequence[int] | None = None) -> Locate:
    """Cells of a spreadsheet sheet: row index r lives on sheet row `first_row + 1 + r` (1-based)."""

    def locate(row: int, column: int) -> Location:
        if row < 0 and column < 0:
            return Location(file, sheet)
        number = first_row if row < 0 else (row_numbers[row] if row_numbers else first_row + 1 + row)
        return Location(file, sheet, cell=f"{column_letter(max(column, 0))}{number}")

    return locate


def line_locator(file: str, header: list[str], line_numbers: Sequence[int], header_line: int = 1) -> Locate:
    """Cells of a CSV file: one line per row, the column named."""

    def locate(row: int, column: int) -> Location:
        if row < 0 and column < 0:
            return Location(file)
        line = header_line if row < 0 else line_numbers[row]
        name = header[column] if 0 <= column < len(header) else None
        return Location(file, line=line, column=name)

    return locate
