"""Cells far outside a sheet's table: a space or an 'x' in XFD1048576 or H1048576, typed after Ctrl+End, left by a
stray paste, or written as a marker in the last cell by a tool.

calamine loads a sheet as one dense range, from its first filled row and column to its last, 32 bytes a cell: a
value in XFD1048576 beside a table in A1:H28 made it allocate 512 GB, and the process ended in a Rust out-of-memory
abort, without a message; a space in H1048576 took 3.5 s and 275 MiB. `far_cells` finds such cells in the sheet's
XML before calamine is asked for the sheet, and `without_cells` writes the sheet without them for calamine to read.

What a user expects of them (`FarCells`): a far cell holding only spaces or empty text is left out silently. Excel
shows nothing there, and verantwoord reads a blank cell as empty wherever it stands: the sheet read without it gives
the same tables, only without the cost, and telling the user to clear a cell that looks empty would be noise. A far
cell holding anything else is an error: it may be a figure pasted in the wrong place, and only the user knows
whether it belongs to the table. The rest of the sheet is read without it, so that one run reports every other
problem too, and the build fails, keeping the previous output.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from operator import gt, itemgetter
from typing import NamedTuple

from babel.lists import format_list

from verantwoord.errors import Location, Problems, quoted, shown_as_typed
from verantwoord.export.table import column_index, column_letter

RANGE_FLOOR = 1 << 22
"""A range of up to this many cells (128 MiB in calamine) is read as it is, however few of them are filled: a remark in
AZ2 beside 50,000 rows of eight columns is the table's (2.6 million cells), a space in H1048576 beside a small one is
not (8.4 million)."""
XML_BYTES_PER_CELL = 8
"""A range of more cells than a sheet has bytes of XML / this is looked at for far cells. A table of figures is
about 33 bytes of XML per cell of its range (the benchmark's 130,000 rows of 8 columns: 34 MB); a cell with a value
takes at least 22. A table four times as sparse passes unseen; one sparser still is only looked at, and read whole
when no cell lies far from it (`_peeled`)."""
LOOKED_AT = 1 << 20
"""A sheet with up to this many bytes of XML has its cells looked at (in about 5 ms a MB); a larger one is settled by
its dimension when it can be."""
DIMENSION_BYTES = 1024
"""The sheet's dimension (<dimension ref="A1:H129662"/>, which Excel and openpyxl write as the range of every cell they
keep) is believed when the sheet has no more bytes of XML than this for each of its cells: a tool that writes "A1" for
any sheet (a streaming writer does not know its size beforehand) is not believed, and its cells are looked at."""
HEAD = 1 << 14
"""The bytes of a sheet's XML its dimension is looked for in: it comes before the cells, after the sheet's
properties."""
SHOWN = 40
"""The characters of a far cell's value a message shows."""
SHOWN_CELLS = 5
"""The far cells a message names, with what they hold; the rest are counted."""

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\sref="([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?"')
_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData\b")
_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="([0-9]+)"')
# Every cell has its reference here (`referenced_chunks` in workbook.py); a row's r="17" has no letters. Without
# `\s` before it the expression is found by its first bytes, 8 times as fast; what else ends in r="A1" only makes
# the extent larger, and the cells are looked at one by one.
_CELL_COLUMN = re.compile(rb'r="([A-Z]+)[0-9]')
# A cell's reference, and how its start tag ends: more than ">" when it has nothing but attributes (<c r="XFD1048576"
# s="3"/>, or <c …></c> as openpyxl writes it: a style).
_EXCEL_CELL = re.compile(rb'<c r="([A-Z]+)([0-9]+)"[^>/]*(/>|></c>|>)')
_ANY_CELL = re.compile(rb'<(?:\w+:)?c\b(?=[^>]*?\sr="([A-Z]+)([0-9]+)")[^>/]*(/>|></(?:\w+:)?c>|>)')
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_REFERENCE = re.compile(rb'\sr="([A-Z]+)([0-9]+)"')
_TYPE = re.compile(rb'\st="(\w+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*?(?:/>|>([^<]*)</(?:\w+:)?v>)")
_TEXT = re.compile(rb"<(?:\w+:)?t\b[^>]*?(?:/>|>([^<]*)</(?:\w+:)?t>)")
_TEXT_TYPES = (b"s", b"str", b"inlineStr")
_BOOLEANS = {"1": "WAAR", "0": "ONWAAR"}
"""A true/false cell as Dutch Excel shows it."""


class FarCells(NamedTuple):
    """The cells of a sheet that lie far outside its table."""

    table: tuple[int, int, int, int]
    """The range the other cells take up: its first row (from 1), first column (from 0), last row and last column."""
    filled: list[tuple[int, int, str]]
    """The far cells that hold more than spaces, by row: their row, column and what they hold."""
    cells: frozenset[tuple[int, int]]
    """Every far cell with a value: its row and column."""

    def references(self) -> frozenset[str]:
        """Every far cell as Excel names it (XFD1048576)."""
        return frozenset(_reference(row, column) for row, column in self.cells)


def range_budget(xml_size: int) -> int:
    """The most cells calamine's range of a sheet with `xml_size` bytes of XML may have before it is looked at."""
    return max(RANGE_FLOOR, xml_size // XML_BYTES_PER_CELL)


def far_cells(
    head: bytes,
    xml_size: int,
    chunks: Callable[[], Iterable[bytes]],
    shared_strings: Callable[[Collection[int]], dict[int, str]],
) -> FarCells | None:
    """The cells of a sheet beyond a stretch of empty rows or columns that makes its range more than twice as large
    and more than its budget, when any of them holds a value (calamine does not count one that only has a style).

    `head` is the start of the sheet's XML, `chunks` gives its XML in pieces of whole rows with every cell's
    reference, `shared_strings` the workbook's shared texts by index. The usual sheet is settled by its dimension in
    `head`; its XML is looked at when it is small, or the dimension is missing, unlikely or too large. The dimension of
    a large sheet that leaves out a cell while it covers the table (no writer we know of writes one) is not looked
    behind: that would cost every build a pass over the values' XML (0.1 s of 0.65 at 1,000 sections)."""
    budget = range_budget(xml_size)
    dimension = _dimension(head)
    area = _area(dimension) if dimension else 0
    if xml_size > LOOKED_AT and area and area <= budget and xml_size <= area * DIMENSION_BYTES:
        return None
    extent = _extent(chunks())
    if extent is None or _area(extent) <= budget:
        return None
    rows, columns = _cells(chunks())
    far, table = _peeled(rows, columns, budget)
    if not far:
        return None
    values = _values(chunks(), far)
    if not values:
        return None  # only cells with a style, which calamine leaves out
    indices = {int(text) for kind, text in values.values() if kind == b"s" and text.strip().isdigit()}
    texts = shared_strings(indices) if indices else {}
    filled = []
    for (row, column), (kind, text) in sorted(values.items()):
        shared = texts.get(int(text)) if kind == b"s" and text.strip().isdigit() else None
        if shared is not None:
            text = shared
        elif kind == b"s":  # a shared text that cannot be looked up is no blank: told, not left out unseen
            filled.append((row, column, text))
            continue
        if kind not in _TEXT_TYPES or text.strip():
            filled.append((row, column, text))
    return FarCells(table, filled, frozenset(values))


def report_far_cells(file: str, sheet: str, far: FarCells, problems: Problems) -> None:
    """The far cells that hold something, as one error: the sheet is read without them, and the user is told to clear
    them, or to move what they hold into the table."""
    if not far.filled:
        return
    first_row, first_column, last_row, last_column = far.table
    table = f"{_reference(first_row, first_column)}:{_reference(last_row, last_column)}"
    below = any(row > last_row for row, _, _ in far.filled)
    right = any(column > last_column for _, column, _ in far.filled)
    where = "rechtsonder" if below and right else "onder" if below else "rechts van"
    named = [f"{_reference(row, column)} ({quoted(_shown(text))})" for row, column, text in far.filled[:SHOWN_CELLS]]
    if len(far.filled) > SHOWN_CELLS:
        rest = len(far.filled) - SHOWN_CELLS
        named.append(f"nog {rest} {'cel' if rest == 1 else 'cellen'}")
    row, column, text = far.filled[0]
    one = len(far.filled) == 1
    problems.error(
        Location(file, sheet, cell=_reference(row, column)),
        (
            f"de cel {_reference(row, column)} ligt ver {where} de tabel ({table}) en is niet leeg: ze bevat "
            f"{quoted(_shown(text))}."
            if one
            else f"de cellen {format_list(named, locale='nl')} liggen ver {where} de tabel ({table}) en zijn niet leeg."
        )
        + f" Zo'n cel is meestal per ongeluk gevuld (na Ctrl+End, of door op de verkeerde plek te plakken); "
        f"verantwoord weet niet of ze bij de tabel hoort, en leest het blad zonder {'haar' if one else 'deze cellen'}.",
        hint=f"maak {'de cel' if one else 'de cellen'} leeg (selecteer en druk op Delete), of verwijder de rijen onder "
        "en de kolommen rechts van de tabel, en sla de werkmap op; Ctrl+End toont de laatste cel die Excel meetelt. "
        "Hoort wat erin staat bij de tabel, zet het dan in de tabel.",
    )


def _shown(text: str) -> str:
    """A far cell's value in a message: as typed, and cut short."""
    shown = shown_as_typed(text)
    return shown if len(shown) <= SHOWN else shown[: SHOWN - 1] + "…"


def _reference(row: int, column: int) -> str:
    return f"{column_letter(column)}{row}"


def without_cells(chunks: Iterable[bytes], cells: Collection[tuple[int, int]]) -> bytes:
    """A sheet's XML (from `chunks`) without `cells` (row from 1, column from 0)."""
    rows = sorted({row for row, _ in cells})

    def kept(cell: re.Match[bytes]) -> bytes:
        reference = _REFERENCE.search(cell.group(1))
        if reference and (int(reference.group(2)), column_index(reference.group(1).decode())) in cells:
            return b""
        return cell.group(0)

    pieces = []
    for data in chunks:
        if _holds_any(data, rows):
            data = _CELL.sub(kept, data)
        pieces.append(data)
    return b"".join(pieces)


def _dimension(head: bytes) -> tuple[int, int, int, int] | None:
    """The range the sheet's dimension names: first row (from 1), first column (from 0), last row, last column."""
    cells = _SHEET_DATA.search(head)
    found = _DIMENSION.search(head, 0, cells.start() if cells else len(head))
    if found is None:
        return None
    first, first_row, last, last_row = found.groups()
    if last is None:
        last, last_row = first, first_row
    return int(first_row), column_index(first.decode()), int(last_row), column_index(last.decode())


def _area(extent: tuple[int, int, int, int]) -> int:
    first_row, first_column, last_row, last_column = extent
    return (abs(last_row - first_row) + 1) * (abs(last_column - first_column) + 1)


def _extent(chunks: Iterable[bytes]) -> tuple[int, int, int, int] | None:
    """The range of the sheet's rows and cells, empty ones too: an upper bound of calamine's, in about 0.1 s for 34
    MB of XML."""
    first_row = last_row = 0
    letters: set[bytes] = set()
    for data in chunks:
        first = _ROW.search(data)
        if first:
            first_row = first_row or int(first.group(1))
            last_row = max(last_row, _last_row(data))
        letters.update(_CELL_COLUMN.findall(data))
    if not letters:
        return None
    columns = [column_index(found.decode()) for found in letters]
    return first_row, min(columns), last_row, max(columns)


def _last_row(data: bytes) -> int:
    """The number of the last row that starts in `data`; 0 if none does. "<" is never text in XML."""
    index = len(data)
    while (index := data.rfind(b"row", 0, index)) > 0:
        found = _ROW.match(data, data.rfind(b"<", 0, index))
        if found:
            return int(found.group(1))
    return 0


def _cells(chunks: Iterable[bytes]) -> tuple[array, array]:
    """The row (from 1) and column (from 0) of every cell but those with only a style, which calamine leaves out, in
    the order of the XML: in 0.3 s for 34 MB."""
    rows, columns = array("l"), array("l")
    index: dict[bytes, int] = {}
    for data in chunks:
        found = _EXCEL_CELL.findall(data)
        if len(found) != data.count(b"<c ") or b":c " in data:
            found = _ANY_CELL.findall(data)  # another writer's order of attributes, or a namespace prefix (<x:c>)
        found = [cell for cell in found if cell[2] == b">"]
        letters = list(map(itemgetter(0), found))
        for new in set(letters).difference(index):
            index[new] = column_index(new.decode())
        columns.extend(map(index.__getitem__, letters))
        rows.extend(map(int, map(itemgetter(1), found)))
    return rows, columns


def _peeled(rows: array, columns: array, budget: int) -> tuple[set[tuple[int, int]], tuple[int, int, int, int]]:
    """The far cells, and the range of the others (first row, first column, last row, last column).

    The last row or the last column is left out, whichever makes the range smaller, as long as the range is over
    `budget` and leaving it out halves the range: a cell beyond a wide stretch of empty rows or columns. A large table
    that is sparse all over halves nowhere: it is read whole. A cell far off that leaves the range within the budget
    (an 'x' in XFD1 of a table of 28 rows: 458,752 cells) is read as it always was, the validator names it where it
    matters (a column without a name), so a second run tells nothing the first did not. Counted, not indexed cell by
    cell: the cells of a row left out are found where the rows are in order, those of a column by a pass in C."""
    if any(map(gt, rows, rows[1:])):  # rows out of order, which the file format does not allow
        pairs = sorted(zip(rows, columns, strict=True))
        rows, columns = array("l", map(itemgetter(0), pairs)), array("l", map(itemgetter(1), pairs))
    in_row, in_column = Counter(rows), Counter(columns)
    row_order, column_order = sorted(in_row), sorted(in_column)
    far: set[tuple[int, int]] = set()
    while True:
        while len(row_order) > 1 and not in_row[row_order[-1]]:
            row_order.pop()
        while len(column_order) > 1 and not in_column[column_order[-1]]:
            column_order.pop()
        first_row = next(r for r in row_order if in_row[r])
        first_column = next(c for c in column_order if in_column[c])
        height, width = row_order[-1] - first_row + 1, column_order[-1] - first_column + 1
        if height * width <= budget:
            break
        above = next((r for r in reversed(row_order[:-1]) if in_row[r]), row_order[-1])
        left = next((c for c in reversed(column_order[:-1]) if in_column[c]), column_order[-1])
        by_rows, by_columns = (row_order[-1] - above) * width, (column_order[-1] - left) * height
        if 2 * max(by_rows, by_columns) < height * width:
            break
        if by_rows >= by_columns:
            row = row_order[-1]
            start, end = bisect.bisect_left(rows, row), bisect.bisect_right(rows, row)
            cells = [(row, column) for column in columns[start:end]]
        else:
            column = column_order[-1]
            cells = [(row, column) for row in itertools.compress(rows, map(column.__eq__, columns))]
        for row, column in cells:
            if (row, column) not in far:
                far.add((row, column))
                in_row[row] -= 1
                in_column[column] -= 1
    return far, (first_row, first_column, row_order[-1], column_order[-1])


def _values(chunks: Iterable[bytes], cells: Collection[tuple[int, int]]) -> dict[tuple[int, int], tuple[bytes, str]]:
    """The type (t="s") and the stored text of each of `cells` that has a value: for a shared text its index."""
    rows = sorted({row for row, _ in cells})
    found = {}
    for data in chunks:
        if not _holds_any(data, rows):
            continue
        for attributes, content in _CELL.findall(data):
            if not content or not (b"v>" in content or b"v/>" in content or b"is>" in content):
                continue
            reference = _REFERENCE.search(attributes)
            if reference is None:
                continue
            place = (int(reference.group(2)), column_index(reference.group(1).decode()))
            if place not in cells:
                continue
            kind = _TYPE.search(attributes)
            kind = kind.group(1) if kind else b"n"
            pattern = _TEXT if kind == b"inlineStr" else _VALUE
            text = html.unescape(b"".join(pattern.findall(content)).decode("utf-8", "replace"))
            found[place] = (kind, _BOOLEANS.get(text, text) if kind == b"b" else text)
    return found


def _holds_any(data: bytes, rows: list[int]) -> bool:
    """Whether a piece of whole rows holds one of the sorted `rows`."""
    first = _ROW.search(data)
    if first is None:
        return False
    index = bisect.bisect_left(rows, int(first.group(1)))
    return index < len(rows) and rows[index] <= _last_row(data)
