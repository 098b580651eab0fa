"""Take in a few changed figures of an export without loading the whole project again.

On deadline day a figure is corrected and `serve` should show it at once. Loading 130,000 values again
takes more than a second; when only the figures of a few lines of `waarden.csv`, or a few rows of the
workbook's sheet Waarden, changed, those are read and checked on their own and put into the project as it
was. This is exact, not a guess: the quick way is taken only when the answer must be the one a full load
gives (tests compare the two), and `reload_values` returns None for anything else, after which the caller
loads the project whole:

- only `waarden.csv` changed, it has as many lines as before, and few of them changed;
- the file has no quotes (a quoted cell may span lines, and then a line is not a row) and ends its
  lines with "\\n" or "\\r\\n" only, as the CSV reader does;
- or only the workbook changed, and in it only rows of the sheet Waarden (and its modified time, the export
  time in the footer), the same rows as before (`export.workbook_rows`);
- the changed lines had no problem before and have none now, and each still holds a value of the same
  indicator, period, kind and series: only what the value says changed;
- the tables of the changed indicators show the same columns whatever the figures (no last measurement,
  where one figure decides whether another is shown and warned about);
- the project has no previous publication to compare with (`export.vorige`), and `serve`'s last rebuild
  succeeded.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from itertools import compress
from operator import ne
from pathlib import Path

from verantwoord.build.tables import fixed_keys
from verantwoord.config import Config
from verantwoord.errors import Location, Problems
from verantwoord.export.csvfiles import SEPARATORS
from verantwoord.export.records import VALUE_SHEET, IndicatorRecord, ValueRecord, read_values
from verantwoord.export.table import Table, csv_words, line_locator
from verantwoord.export.workbook_rows import WorkbookCopy, changed_rows, copy_workbook
from verantwoord.model import Chapter, Document, Indicator, Section, Value
from verantwoord.project import Project, check_documents

NOWHERE = Location("")
"""An indicator's place in the export is only needed for its own problems, which are not checked again here."""
MAX_CHANGED_LINES = 100
"""More changed lines than this, and loading the project whole is as quick and simpler."""


@dataclass(frozen=True)
class ValueFile:
    """The lines of a project's `waarden.csv` as they were when it was loaded."""

    path: Path
    lines: list[str]
    separator: str
    header: list[str]
    header_line: int
    problem_lines: frozenset[int]
    """Lines of the file with a warning: they go the long way when they change."""


@dataclass(frozen=True)
class ValueWorkbook:
    """The export's workbook as it was when the project was loaded."""

    path: Path
    copy: WorkbookCopy
    problem_rows: frozenset[int]
    """Rows of the sheet Waarden with a warning: they go the long way when they change."""


def values_path(config: Config) -> Path | None:
    """The `waarden.csv` or workbook that `reload_values` can take changes of; None when the project has none."""
    if config.previous_export is not None:
        return None
    if config.export_path.is_dir():
        return config.export_path / f"{VALUE_SHEET.lower()}.csv"
    if config.export_path.suffix.lower() in (".xlsx", ".xlsm"):
        return config.export_path
    return None


def value_file(project: Project, data: bytes) -> ValueFile | ValueWorkbook | None:
    """What `reload_values` compares with, from the bytes of `waarden.csv` or the workbook read before `project`
    was loaded.

    None when the file changed meanwhile (the project may hold either version) or cannot be reloaded this way.
    """
    path = values_path(project.config)
    if path is None or data is None or _read(path) != data:
        return None
    if path.suffix.lower() != ".csv":
        copy = copy_workbook(data, VALUE_SHEET.lower())
        if copy is None:
            return None
        problem_rows = frozenset(
            _row_number(p.location.cell)
            for p in project.problems
            if p.location.file == path.name and p.location.sheet == copy.sheet and p.location.cell
        )
        return ValueWorkbook(path, copy, problem_rows)
    lines = _lines(data)
    if lines is None:
        return None
    first = next((line for line in lines if line.strip()), None)
    if first is None:
        return None
    separator = max(SEPARATORS, key=first.count)  # as `read_csv` chooses it
    try:
        # The header is the first line with a filled cell, as the CSV reader finds it (not ";;;;").
        header_index, header = next(
            (i, cells)
            for i, cells in enumerate(csv.reader(lines, delimiter=separator))
            if any(cell.strip() for cell in cells)
        )
    except (StopIteration, csv.Error):
        return None
    header = [cell.strip() for cell in header]
    problem_lines = frozenset(
        p.location.line for p in project.problems if p.location.file == path.name and p.location.line is not None
    )
    return ValueFile(path, lines, separator, header, header_index + 1, problem_lines)


def read_value_file(config: Config) -> bytes | None:
    """The bytes of the project's `waarden.csv` or workbook, to read before loading the project; None when it has
    none."""
    path = values_path(config)
    return _read(path) if path is not None else None


def reload_values(
    project: Project, before: ValueFile | ValueWorkbook, changed: set[Path]
) -> tuple[Project, ValueFile | ValueWorkbook] | None:
    """`project` after `changed` (the paths of changed files), when only figures in the export changed.

    `before` is the file as `project` has it (`value_file`, then what this returned last).
    """
    if changed != {before.path}:
        return None
    data = _read(before.path)
    if data is None:
        return None
    if isinstance(before, ValueWorkbook):
        return _reload_workbook(project, before, data)
    lines = _lines(data)
    if lines is None or len(lines) != len(before.lines):
        return None
    differ = list(compress(range(len(lines)), map(ne, before.lines, lines)))  # in C: 130,000 lines in 3 ms
    if len(differ) > MAX_CHANGED_LINES:
        return None
    numbers = [i + 1 for i in differ]
    if any(n <= before.header_line or n in before.problem_lines for n in numbers):
        return None
    ids = _ids(project)
    was = [before.lines[i] for i in differ]
    old = _records(before, ids, was, numbers, was)
    new = _records(before, ids, [lines[i] for i in differ], numbers, was)
    documents = _take_in(project, old, new)
    if documents is None:
        return None
    return replace(project, documents=documents), replace(before, lines=lines)


def _reload_workbook(project: Project, before: ValueWorkbook, data: bytes) -> tuple[Project, ValueWorkbook] | None:
    found = changed_rows(before.path.name, before.copy, data)
    if found is None or any(n in before.problem_rows for n in found.numbers):
        return None
    ids = _ids(project)
    documents = _take_in(project, _checked(found.before, ids), _checked(found.after, ids))
    if documents is None:
        return None
    if project.config.export_time is None and found.modified != project.document.export.time:
        if found.modified is None or project.document.export.time is None:
            return None  # a full load warns that the export time is unknown, or no longer does
        export = replace(project.document.export, time=found.modified)
        documents = tuple(replace(document, export=export) for document in documents)
    return replace(project, documents=documents), replace(before, copy=found.copy)


def _ids(project: Project) -> list[str]:
    return [indicator.id for document in project.documents for indicator in document.indicators()]


def _checked(table: Table, ids: list[str]) -> list[ValueRecord] | None:
    """The value of each row of `table`, read and checked as a full load would; None when a row has a problem."""
    problems = Problems()
    records = read_values(table, ids, problems) if table.rows else []
    return records if not problems and len(records) == len(table.rows) else None


def _take_in(
    project: Project, old: list[ValueRecord] | None, new: list[ValueRecord] | None
) -> tuple[Document, ...] | None:
    """The documents with the `new` values in place of the `old` ones; None when that is not what a full load gives."""
    if old is None or new is None or [_key(r) for r in old] != [_key(r) for r in new]:
        return None
    if not new:
        return project.documents
    changed_ids = {record.indicator for record in new}
    if not _fixed_columns(project.documents, changed_ids):
        return None
    indicators = _indicator_records(project.documents, changed_ids)
    problems = Problems()
    check_documents(list(project.configs), indicators, new, problems)
    if problems:
        return None
    values = {(r.indicator, r.value.kind, r.value.period, r.value.series): r.value for r in new}
    return tuple(_with_values(document, values) for document in project.documents)


def _row_number(cell: str) -> int:
    return int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") or 0)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _lines(data: bytes) -> list[str] | None:
    """The file's lines as the CSV reader numbers them, or None when a line might not be a row."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if '"' in text or ("\r" in text and text.count("\r") != text.count("\r\n")):
        return None
    return text.split("\n")  # a line keeps its "\r": old and new compare alike, and the CSV reader drops it


def _records(
    before: ValueFile, ids: list[str], lines: list[str], numbers: list[int], was: list[str]
) -> list[ValueRecord] | None:
    """The value of each line, read and checked as a full load would; None when a line has a problem.

    `was`: the lines as they were, which the last load accepted, for lines with more cells than the header.
    """
    rows = []
    width = len(before.header)
    for n, line in enumerate(lines):
        try:
            cells = next(csv.reader([line], delimiter=before.separator), [])
        except csv.Error:
            return None  # a full load reports it
        if not any(cell.strip() for cell in cells):
            return None  # a blank line is no row: the rows after it would be numbered differently
        if len(cells) > width or was[n].count(before.separator) >= width:
            # More cells than the header: 7,5 split at its comma, which a full load reports, or a separator at the
            # end of every line (Excel's empty columns), which it accepts when all lines have as many and those
            # cells are empty. The last load accepted the line as it was: so the same count and empty cells.
            if was[n].count(before.separator) != line.count(before.separator):
                return None
            if any(cell.strip() for cell in cells[width:]):
                return None
            cells = cells[:width]
        rows.append([cell if cell.strip() else None for cell in cells])
    name = before.path.name
    table = Table(
        VALUE_SHEET,
        name,
        before.header,
        rows,
        line_locator(name, before.header, numbers, before.header_line),
        csv_words(VALUE_SHEET),
    )
    return _checked(table, ids)


def _key(record: ValueRecord) -> tuple:
    value = record.value
    return record.indicator, value.kind, value.period, value.series


def _fixed_columns(documents: tuple[Document, ...], ids: set[str]) -> bool:
    """Whether the tables of these indicators show the same columns whatever their values.

    With a last-measurement column, one figure decides whether another is shown (and warned about): the
    warnings of the indicator's other lines would change, so that needs a full load.
    """
    return all(
        fixed_keys(document.layout_of(section)) is not None
        for document in documents
        for section in document.sections()
        if any(i.id in ids for i in section.indicators)
    )


def _indicator_records(documents: tuple[Document, ...], ids: set[str]) -> list[IndicatorRecord]:
    """What `check_documents` needs of the indicators `ids` (their section and decimals), from the documents."""
    found: dict[str, IndicatorRecord] = {}
    for document in documents:
        for section in document.sections():
            for i in section.indicators:
                if i.id in ids:
                    found[i.id] = IndicatorRecord(
                        i.id,
                        section.number,
                        i.title,
                        i.unit,
                        i.decimals,
                        i.polarity,
                        i.source,
                        i.explanation,
                        NOWHERE,
                    )
    return list(found.values())


def _with_values(document: Document, values: dict[tuple, Value]) -> Document:
    """The document with `values` in place of the values with the same key; every other object the same."""
    wanted = {key[0] for key in values}

    def indicator(i: Indicator) -> Indicator:
        if i.id not in wanted:
            return i
        own = tuple(values.get((i.id, v.kind, v.period, v.series), v) for v in i.values)
        return replace(i, values=own)

    def section(s: Section) -> Section:
        if not any(i.id in wanted for i in s.indicators):
            return s
        return replace(s, indicators=tuple(indicator(i) for i in s.indicators))

    def chapter(c: Chapter) -> Chapter:
        sections = tuple(section(s) for s in c.sections)
        return c if all(a is b for a, b in zip(sections, c.sections, strict=True)) else replace(c, sections=sections)

    return replace(document, chapters=tuple(chapter(c) for c in document.chapters))
