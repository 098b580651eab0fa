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


@dataclass
class Table:
    name: str
    """The sheet's name as the user knows it ("Waarden")."""
    file: str
    header: list[str]
    rows: Sequence[Sequence[object]]
    """Cells are None when empty; a row may end before the header does (a workbook's ends at its last filled cell)."""
    locate: Locate

    @property
    def location(self) -> Location:
        """The table as a whole."""
        return self.locate(-1, -1)


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
