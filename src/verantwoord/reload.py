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
- the export's SHA-256, in every footer and row of the open data, is taken from the bytes read;
- the changed lines had no problem before and have none now, and each still holds a value of the same
  indicator, period, kind and series: only what the value says changed;
- the tables of the changed indicators show the same columns whatever the figures (no last measurement,
  where one figure decides whether another is shown and warned about);
- the project has no previous publication to compare with (`export.vorige`), and `serve`'s last rebuild
  succeeded.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import compress
from operator import ne
from pathlib import Path

from verantwoord.build.tables import fixed_keys
from verantwoord.checks import check_documents, may_be_off_scale
from verantwoord.config import Config
from verantwoord.errors import Location, Problems
from verantwoord.export.cells import EXCEL_ERROR_VALUE
from verantwoord.export.csvfiles import SEPARATORS
from verantwoord.export.digest import FOLDER_FILES, export_digest, file_digest
from verantwoord.export.records import VALUE_SHEET, IndicatorRecord, ValueRecord, read_values
from verantwoord.export.table import Table, csv_words, line_locator
from verantwoord.export.workbook_rows import ChangedRows, WorkbookCopy, changed_rows, copy_workbook
from verantwoord.model import Document, Export, Indicator, Number, Section, Value
from verantwoord.project import Project

NOWHERE = Location("")
"""An indicator's place in the export is only needed for its own problems, which are not checked again here."""
MAX_CHANGED_LINES = 100
"""More changed lines than this, and loading the project whole is as quick and simpler."""

Place = tuple[int, int, int]
"""A section holding an indicator: the indexes of its document, of its chapter there and of the section in that."""


def indicator_places(documents: tuple[Document, ...]) -> dict[str, tuple[Place, ...]]:
    """The sections of each indicator (of more than one document, when the documents share an export).

    Made once per full load, and looked up for each changed figure: walking the 12,000 indicators of 1,000 sections
    four times per edit took some 15 ms of the wait for a corrected figure. A reload keeps the documents' shape (a new
    title or section takes a full load), and `_sections` checks each place it uses.
    """
    places: dict[str, dict[Place, None]] = {}
    for d, document in enumerate(documents):
        for c, chapter in enumerate(document.chapters):
            for s, section in enumerate(chapter.sections):
                for indicator in section.indicators:
                    places.setdefault(indicator.id, {})[(d, c, s)] = None
    return {indicator: tuple(found) for indicator, found in places.items()}


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
    places: dict[str, tuple[Place, ...]]
    """`indicator_places` of the project's documents."""
    digests: Mapping[str, str]
    """The SHA-256 of the export folder's other files (`indicatoren.csv`), which a reload of this one leaves as they
    are: for the export's digest (`export_digest`)."""


@dataclass(frozen=True)
class ValueWorkbook:
    """The export's workbook as it was when the project was loaded."""

    path: Path
    copy: WorkbookCopy
    problem_rows: frozenset[int]
    """Rows of the sheet Waarden with a warning: they go the long way when they change."""
    places: dict[str, tuple[Place, ...]]
    """`indicator_places` of the project's documents."""


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
        return ValueWorkbook(path, copy, problem_rows, indicator_places(project.documents))
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
    try:  # one changed since the load is a change of its own, which loads the project whole
        digests = {name: file_digest(path.parent / name) for name in FOLDER_FILES if name != path.name}
    except OSError:
        return None
    return ValueFile(
        path, lines, separator, header, header_index + 1, problem_lines, indicator_places(project.documents), digests
    )


def read_value_file(config: Config) -> bytes | None:
    """The bytes of the project's `waarden.csv` or workbook, to read before loading the project; None when it has
    none."""
    path = values_path(config)
    return _read(path) if path is not None else None


def reload_values(
    project: Project,
    before: ValueFile | ValueWorkbook,
    changed: set[Path],
    read_rows: Callable[[str, WorkbookCopy, bytes], ChangedRows | None] = changed_rows,
) -> tuple[Project, ValueFile | ValueWorkbook] | None:
    """`project` after `changed` (the paths of changed files), when only figures in the export changed.

    `before` is the file as `project` has it (`value_file`, then what this returned last). `read_rows` gives a
    workbook's changed rows: `serve` may have read them already.
    """
    if changed != {before.path}:
        return None
    data = _read(before.path)
    if data is None:
        return None
    if isinstance(before, ValueWorkbook):
        return _reload_workbook(project, before, data, read_rows)
    lines = _lines(data)
    if lines is None or len(lines) != len(before.lines):
        return None
    differ = list(compress(range(len(lines)), map(ne, before.lines, lines)))  # in C: 130,000 lines in 3 ms
    if len(differ) > MAX_CHANGED_LINES:
        return None
    numbers = [i + 1 for i in differ]
    if any(n <= before.header_line or n in before.problem_lines for n in numbers):
        return None
    was = [before.lines[i] for i in differ]
    old = _records(before, was, numbers, was)
    new = _records(before, [lines[i] for i in differ], numbers, was)
    documents = _take_in(project, before.places, old, new)
    if documents is None:
        return None
    digests = {**before.digests, before.path.name: hashlib.sha256(data).hexdigest()}
    digest = export_digest(project.config.export_path, digests)
    documents = _with_digest(documents, project.document.export, digest)
    if documents is None:
        return None
    return replace(project, documents=documents), replace(before, lines=lines)


def _reload_workbook(
    project: Project,
    before: ValueWorkbook,
    data: bytes,
    read_rows: Callable[[str, WorkbookCopy, bytes], ChangedRows | None],
) -> tuple[Project, ValueWorkbook] | None:
    found = read_rows(before.path.name, before.copy, data)
    if found is None or any(n in before.problem_rows for n in found.numbers):
        return None
    ids = before.places.keys()
    decimals = _Decimals(project.documents, before.places)
    old, new = _checked(found.before, ids, decimals), _checked(found.after, ids, decimals)
    documents = _take_in(project, before.places, old, new)
    if documents is None:
        return None
    export = project.document.export
    if project.config.export_time is None and found.modified != export.time:
        if found.modified is None or export.time is None:
            return None  # a full load warns that the export time is unknown, or no longer does
        export = replace(export, time=found.modified)
    documents = _with_digest(documents, export, hashlib.sha256(data).hexdigest())
    if documents is None:
        return None
    return replace(project, documents=documents), replace(before, copy=found.copy)


def _with_digest(documents: tuple[Document, ...], export: Export, digest: str | None) -> tuple[Document, ...] | None:
    """`documents` from `export` with the export's new SHA-256 (`digest`), as a full load gives it."""
    if not export.digests or digest is None:
        return None  # a full load has no digests either way, or one now: taken as it says
    export = replace(export, digests=(digest, *export.digests[1:]))
    return tuple(replace(document, export=export) for document in documents)


def _checked(
    table: Table, ids: Collection[str], decimals: Mapping[str, int | None] | None = None
) -> list[ValueRecord] | None:
    """The value of each row of `table`, read and checked as a full load would, with the indicators' `decimals` (a
    CSV file's figures are texts, which they do not change); None when a row has a problem (an Excel error value in
    a CSV file is one: `read_csv` reports it, which a full load then does)."""
    if any(isinstance(cell, str) and EXCEL_ERROR_VALUE.fullmatch(cell.strip()) for row in table.rows for cell in row):
        return None
    problems = Problems()
    records = read_values(table, ids, problems, decimals=decimals) if table.rows else []
    return records if not problems and len(records) == len(table.rows) else None


class _Decimals(Mapping[str, int | None]):
    """The `decimalen` of the project's indicators, found at their places when a changed row asks for one: a full
    load reads a formatted cell (`Formatted`) as Excel shows it when its indicator has none."""

    def __init__(self, documents: tuple[Document, ...], places: dict[str, tuple[Place, ...]]) -> None:
        self.documents = documents
        self.places = places

    def __getitem__(self, indicator_id: str) -> int | None:
        for d, c, s in self.places[indicator_id]:
            for indicator in self.documents[d].chapters[c].sections[s].indicators:
                if indicator.id == indicator_id:
                    return indicator.decimals
        raise KeyError(indicator_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self.places)

    def __len__(self) -> int:
        return len(self.places)


def _take_in(
    project: Project,
    places: dict[str, tuple[Place, ...]],
    old: list[ValueRecord] | None,
    new: list[ValueRecord] | None,
) -> tuple[Document, ...] | None:
    """The documents with the `new` values in place of the `old` ones; None when that is not what a full load gives."""
    if old is None or new is None or [_key(r) for r in old] != [_key(r) for r in new]:
        return None
    if not new:
        return project.documents
    changed_ids = {record.indicator for record in new}
    sections = _sections(project.documents, places, changed_ids)
    if sections is None or not _fixed_columns(project.documents, sections):
        return None
    indicators = _indicator_records(sections, changed_ids)
    problems = Problems()
    check_documents(list(project.configs), indicators, new, problems)
    if problems or _scale_may_change(sections, indicators, old, new):
        return None
    values = {(r.indicator, r.value.kind, r.value.period, r.value.series): r.value for r in new}
    return _with_values(project.documents, sections, values)


def _scale_may_change(
    sections: dict[Place, Section], indicators: list[IndicatorRecord], old: list[ValueRecord], new: list[ValueRecord]
) -> bool:
    """Whether a full load might warn of a percentage off its indicator's scale, or stop doing so: that check looks
    at all of an indicator's values, which are not read again here."""
    units = {record.id: record.unit for record in indicators}
    figures = [(r.indicator, r.value.figure) for r in (*old, *new)]
    figures += [(i.id, v.figure) for s in sections.values() for i in s.indicators if i.id in units for v in i.values]
    return any(type(f) is Number and may_be_off_scale(units[indicator], f.value) for indicator, f in figures)


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


def _records(before: ValueFile, lines: list[str], numbers: list[int], was: list[str]) -> list[ValueRecord] | None:
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
    return _checked(table, before.places.keys())


def _key(record: ValueRecord) -> tuple:
    value = record.value
    return record.indicator, value.kind, value.period, value.series


def _sections(
    documents: tuple[Document, ...], places: dict[str, tuple[Place, ...]], ids: set[str]
) -> dict[Place, Section] | None:
    """The sections holding the indicators `ids`; None when a place no longer holds its indicator."""
    sections: dict[Place, Section] = {}
    for indicator in ids:
        for place in places.get(indicator, ()):
            d, c, s = place
            try:
                section = documents[d].chapters[c].sections[s]
            except IndexError:
                return None
            if not any(i.id == indicator for i in section.indicators):
                return None
            sections[place] = section
    return sections


def _fixed_columns(documents: tuple[Document, ...], sections: dict[Place, Section]) -> bool:
    """Whether the tables of these sections show the same columns whatever their values.

    With a last-measurement column, one figure decides whether another is shown (and warned about): the
    warnings of the indicator's other lines would change, so that needs a full load.
    """
    return all(fixed_keys(documents[d].layout_of(section)) is not None for (d, _, _), section in sections.items())


def _indicator_records(sections: dict[Place, Section], ids: set[str]) -> list[IndicatorRecord]:
    """What `check_documents` needs of the indicators `ids` (their section and decimals), from their sections."""
    found: dict[str, IndicatorRecord] = {}
    for _, section in sorted(sections.items(), key=lambda item: item[0]):  # in the documents' order, as a full load
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


def _with_values(
    documents: tuple[Document, ...], sections: dict[Place, Section], values: dict[tuple, Value]
) -> tuple[Document, ...]:
    """The documents with `values` in place of the values with the same key in `sections`; every other object the
    same."""
    wanted = {key[0] for key in values}

    def indicator(i: Indicator) -> Indicator:
        if i.id not in wanted:
            return i
        own = tuple(values.get((i.id, v.kind, v.period, v.series), v) for v in i.values)
        return replace(i, values=own)

    result = list(documents)
    for d, document in enumerate(documents):
        chapters = list(document.chapters)
        for (in_document, c, s), section in sections.items():
            if in_document == d:
                new = replace(section, indicators=tuple(indicator(i) for i in section.indicators))
                chapters[c] = replace(
                    chapters[c], sections=(*chapters[c].sections[:s], new, *chapters[c].sections[s + 1 :])
                )
        if any(a is not b for a, b in zip(chapters, document.chapters, strict=True)):
            result[d] = replace(document, chapters=tuple(chapters))
    return tuple(result)
