"""Compare two exports: which published figures and indicator details changed between OLD and NEW.

The comparison works on what the exports say, not on a built site: it reads each export's tables with
the same readers and rules as `load_project` (so bad input gives the same messages), but needs no texts,
no section numbers and no table years. Each input is a workbook (.xlsx), a CSV folder, a YAML export
or a project folder (then its `export.bestand` is read).

Figures compare exactly as entered, decimals included: 95 and 95.0 are in the open data as "95" and "95.0", so
that is a change. A change is told with the figures as the site shows them, at the indicator's decimals; where the
site shows the same (44 and 44.3 at 0 decimals) with the figures as entered and what the site shows. Nothing here
prints: `compare` returns an `ExportDiff`, `describe` words one change in Dutch and
`diff_data` gives the JSON form; the CLI does the printing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from verantwoord.build.format import format_number
from verantwoord.config import CONFIG_FILE, read_config
from verantwoord.errors import InvalidProject, Location, Problem, Problems, location_data
from verantwoord.export.cells import decimal_from_float
from verantwoord.export.digest import export_digest
from verantwoord.export.reader import export_sheet, read_export
from verantwoord.export.records import (
    INDICATOR_COLUMNS,
    INDICATOR_SHEET,
    VALUE_COLUMNS,
    VALUE_SHEET,
    IndicatorRecord,
    ValueRecord,
    map_columns,
    read_indicators,
    read_values,
    sheet_ids,
)
from verantwoord.export.table import Table
from verantwoord.model import Figure, NoFigure, Number, Period, Range, Text, ValueKind


class ChangeKind(StrEnum):
    """What changed. The string values are the keys of the JSON output; the order is the order of the report."""

    ID_CHANGED = "id_gewijzigd"
    """One indicator removed and one added with the same title: compared as one, so its restated figures are told.
    First: the figures below name it by its new id."""
    RESTATED = "cijfer_herzien"
    """A published figure changed: same indicator, period, kind and series (targets: TARGET_CHANGED)."""
    TARGET_CHANGED = "streefwaarde_gewijzigd"
    FIGURE_ADDED = "cijfer_toegevoegd"
    FIGURE_REMOVED = "cijfer_verwijderd"
    FOOTNOTE_CHANGED = "voetnoot_gewijzigd"
    INDICATOR_ADDED = "indicator_toegevoegd"
    """Its figures are not listed one by one."""
    INDICATOR_REMOVED = "indicator_verwijderd"
    TITLE_CHANGED = "titel_gewijzigd"
    UNIT_CHANGED = "eenheid_gewijzigd"
    SOURCE_CHANGED = "bron_gewijzigd"
    EXPLANATION_CHANGED = "toelichting_gewijzigd"
    SECTION_CHANGED = "paragraaf_gewijzigd"
    DECIMALS_CHANGED = "decimalen_gewijzigd"
    POLARITY_CHANGED = "polariteit_gewijzigd"


GROUP_TITLES = {
    ChangeKind.ID_CHANGED: "Id's gewijzigd (zelfde titel)",
    ChangeKind.RESTATED: "Cijfers herzien",
    ChangeKind.TARGET_CHANGED: "Streefwaarden gewijzigd",
    ChangeKind.FIGURE_ADDED: "Cijfers toegevoegd",
    ChangeKind.FIGURE_REMOVED: "Cijfers verwijderd",
    ChangeKind.FOOTNOTE_CHANGED: "Voetnoten gewijzigd",
    ChangeKind.INDICATOR_ADDED: "Indicatoren toegevoegd",
    ChangeKind.INDICATOR_REMOVED: "Indicatoren verwijderd",
    ChangeKind.TITLE_CHANGED: "Titels gewijzigd",
    ChangeKind.UNIT_CHANGED: "Eenheden gewijzigd",
    ChangeKind.SOURCE_CHANGED: "Bronnen gewijzigd",
    ChangeKind.EXPLANATION_CHANGED: "Toelichtingen gewijzigd",
    ChangeKind.SECTION_CHANGED: "Paragrafen gewijzigd",
    ChangeKind.DECIMALS_CHANGED: "Decimalen gewijzigd",
    ChangeKind.POLARITY_CHANGED: "Polariteiten gewijzigd",
}
"""The Dutch heading of each group of changes in the terminal report."""

_FIELDS = (
    # (IndicatorRecord attribute, column of the sheet Indicatoren, kind of change)
    ("title", "titel", ChangeKind.TITLE_CHANGED),
    ("unit", "eenheid", ChangeKind.UNIT_CHANGED),
    ("source", "bron", ChangeKind.SOURCE_CHANGED),
    ("explanation", "toelichting", ChangeKind.EXPLANATION_CHANGED),
    ("section", "paragraaf", ChangeKind.SECTION_CHANGED),
    ("decimals", "decimalen", ChangeKind.DECIMALS_CHANGED),
    ("polarity", "polariteit", ChangeKind.POLARITY_CHANGED),
)


@dataclass(frozen=True)
class ExportContents:
    """What one export says: its valid indicator rows and figures, with the tables they were read from."""

    source: Path
    """The input as given: an export, or a project folder."""
    path: Path
    """The export that was read (for a project folder: its `export.bestand`)."""
    indicators: tuple[IndicatorRecord, ...]
    values: tuple[ValueRecord, ...]
    indicator_table: Table | None
    warnings: tuple[Problem, ...] = ()
    digest: str | None = None
    """The export's SHA-256, whose start the footer of a site built from it shows (`export.digest`)."""


@dataclass(frozen=True)
class Change:
    """One difference between OLD and NEW.

    `old` and `new` are what a reader sees, in Dutch notation (None when there was none, as for an added
    figure); `old_value` and `new_value` are the exact values: a `Figure` for figure changes, the cell's
    text, number of decimals or polarity for indicator details. `location` is where the change is in NEW
    (None when it was removed), `old_location` where it was in OLD (None when it was added).
    """

    kind: ChangeKind
    indicator: str
    old: str | None
    new: str | None
    old_value: object = None
    new_value: object = None
    period: Period | None = None
    value_kind: ValueKind | None = None
    series: str | None = None
    location: Location | None = None
    old_location: Location | None = None
    shown: str | None = None
    """For a figure that changed but that the site shows the same (44 and 44,3 at 0 decimals): what it shows."""


@dataclass(frozen=True)
class ExportDiff:
    old: Path
    new: Path
    changes: tuple[Change, ...]
    indicators: int
    """How many indicators NEW has."""
    figures: int
    """How many figures NEW has."""
    old_digest: str | None = None
    new_digest: str | None = None
    """The SHA-256 of OLD's and NEW's export: an auditor finds the site built from each by its footer."""

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def groups(self) -> list[tuple[ChangeKind, list[Change]]]:
        """The changes by kind, in the order of `ChangeKind`, leaving out kinds without changes."""
        return [(kind, found) for kind in ChangeKind if (found := [c for c in self.changes if c.kind is kind])]


def diff_exports(old: Path | str, new: Path | str) -> ExportDiff:
    """Read and compare two exports; raises InvalidProject (with every problem of that input) when one has errors."""
    return compare(read_contents(old), read_contents(new))


def read_contents(source: Path | str) -> ExportContents:
    """Read and validate one export (or a project folder's export) without its texts or table years.

    Raises InvalidProject with every problem found when the input has an error. Warnings are kept.
    """
    source = Path(source)
    problems = Problems()
    path = source
    if not source.exists():
        problems.error(
            Location(str(source)),
            "dit bestand of deze map bestaat niet.",
            expected="een .xlsx-werkmap, een map met indicatoren.csv en waarden.csv, een .yaml-bestand "
            "of een projectmap met verantwoord.yaml",
        )
        raise InvalidProject(problems)
    # A project's settings file, named where its folder was meant, stands for the project: it is no YAML export.
    project = source.parent if source.name == CONFIG_FILE and source.is_file() else source
    if project.is_dir() and (project / CONFIG_FILE).is_file():
        # Only where the export is matters here: a table setting that check refuses does not stop a diff.
        settings = Problems()
        config = read_config(project.resolve(), settings)
        # Not export.tijd nor export.vorige: neither changes which export is read.
        export_problems = [p for p in settings.errors if "'export.bestand'" in p.message]
        if config is None or export_problems:
            problems.extend(settings.errors if config is None else export_problems)
            raise InvalidProject(problems)
        path = config.export_path
    tables, _ = read_export(path, problems)
    indicator_table = export_sheet(tables, INDICATOR_SHEET, path, problems)
    value_table = export_sheet(tables, VALUE_SHEET, path, problems)
    indicators = read_indicators(indicator_table, None, problems, values=value_table) if indicator_table else []
    ids = [record.id for record in indicators]
    decimals = {record.id: record.decimals for record in indicators}
    named = sheet_ids(indicator_table)
    values = read_values(value_table, ids, problems, named, decimals=decimals) if value_table else []
    if problems.errors:
        raise InvalidProject(problems)
    return ExportContents(
        source, path, tuple(indicators), tuple(values), indicator_table, tuple(problems.warnings), export_digest(path)
    )


def compare(old: ExportContents, new: ExportContents) -> ExportDiff:
    """Every difference between what OLD and NEW publish, in a stable order."""
    old_indicators = {record.id: record for record in old.indicators}
    new_indicators = {record.id: record for record in new.indicators}
    order: dict[str, int] = {}
    for indicator in [*new_indicators, *old_indicators]:  # NEW's order, then what only OLD had
        order.setdefault(indicator, len(order))
    old_cells, new_cells = _IndicatorCells(old.indicator_table), _IndicatorCells(new.indicator_table)
    changes: list[Change] = []
    was_id = _changed_ids(old_indicators, new_indicators)
    now_id = {before: after for after, before in was_id.items()}

    for indicator, record in new_indicators.items():
        before = old_indicators.get(was_id.get(indicator, indicator))
        if indicator in was_id:
            changes.append(
                Change(
                    ChangeKind.ID_CHANGED,
                    indicator,
                    was_id[indicator],
                    indicator,
                    was_id[indicator],
                    indicator,
                    location=new_cells.locate(record, "id"),
                    old_location=old_cells.locate(before, "id"),
                )
            )
        if before is None:
            changes.append(
                Change(
                    ChangeKind.INDICATOR_ADDED,
                    indicator,
                    None,
                    record.title,
                    None,
                    record.title,
                    location=record.location,
                )
            )
            continue
        for attribute, column, kind in _FIELDS:
            was, now = getattr(before, attribute), getattr(record, attribute)
            if was != now:
                changes.append(
                    Change(
                        kind,
                        indicator,
                        _field_text(was),
                        _field_text(now),
                        was,
                        now,
                        location=new_cells.locate(record, column),
                        old_location=old_cells.locate(before, column),
                    )
                )
    for indicator, record in old_indicators.items():
        if indicator not in new_indicators and indicator not in now_id:
            changes.append(
                Change(
                    ChangeKind.INDICATOR_REMOVED,
                    indicator,
                    record.title,
                    None,
                    record.title,
                    None,
                    old_location=record.location,
                )
            )

    # The figures of an indicator in both, an indicator whose id changed by its new id.
    shared = (old_indicators.keys() & new_indicators.keys()) | was_id.keys()
    old_decimals = {now_id.get(indicator, indicator): record.decimals for indicator, record in old_indicators.items()}
    new_decimals = {indicator: record.decimals for indicator, record in new_indicators.items()}
    old_values = {
        key: record for record in old.values if (key := _key(record, now_id.get(record.indicator)))[0] in shared
    }
    new_values = {_key(record): record for record in new.values if record.indicator in shared}
    for key, record in new_values.items():
        value = record.value
        where = {"period": value.period, "value_kind": value.kind, "series": value.series}
        before = old_values.get(key)
        if before is None:
            new_text = _figure_text(value.figure, new_decimals[record.indicator])
            changes.append(
                Change(
                    ChangeKind.FIGURE_ADDED,
                    record.indicator,
                    None,
                    new_text,
                    None,
                    value.figure,
                    location=record.location,
                    **where,
                )
            )
            continue
        if exact(before.value.figure) != exact(value.figure):
            # As each site shows it: the council saw the old figure at the old decimals.
            was = _figure_text(before.value.figure, old_decimals[record.indicator])
            now = _figure_text(value.figure, new_decimals[record.indicator])
            shown = None
            if was == now:  # rounded alike (44 and 44,3 at 0 decimals), or one text beside another number
                entered = _figure_text(before.value.figure), _figure_text(value.figure)
                if entered[0] != entered[1]:
                    shown, (was, now) = now, entered
                else:
                    was, now = _figure_text(before.value.figure, detail=True), _figure_text(value.figure, detail=True)
            kind = ChangeKind.TARGET_CHANGED if value.kind is ValueKind.TARGET else ChangeKind.RESTATED
            column = _changed_column(before, record)
            changes.append(
                Change(
                    kind,
                    record.indicator,
                    was,
                    now,
                    before.value.figure,
                    value.figure,
                    location=_value_cell(record, column),
                    old_location=_value_cell(before, column),
                    shown=shown,
                    **where,
                )
            )
        if before.value.footnote != value.footnote:
            changes.append(
                Change(
                    ChangeKind.FOOTNOTE_CHANGED,
                    record.indicator,
                    _field_text(before.value.footnote),
                    _field_text(value.footnote),
                    before.value.footnote or "",
                    value.footnote or "",
                    location=_value_cell(record, "voetnoot"),
                    old_location=_value_cell(before, "voetnoot"),
                    **where,
                )
            )
    for key, record in old_values.items():
        if key not in new_values:
            value = record.value
            changes.append(
                Change(
                    ChangeKind.FIGURE_REMOVED,
                    key[0],
                    _figure_text(value.figure, old_decimals[key[0]]),
                    None,
                    value.figure,
                    None,
                    period=value.period,
                    value_kind=value.kind,
                    series=value.series,
                    old_location=record.location,
                )
            )

    kinds = list(ValueKind)
    changes.sort(
        key=lambda c: (
            list(ChangeKind).index(c.kind),
            order[c.indicator],
            c.series or "",
            kinds.index(c.value_kind) if c.value_kind else -1,
            c.period or _NO_PERIOD,
        )
    )
    return ExportDiff(
        old.source, new.source, tuple(changes), len(new.indicators), len(new.values), old.digest, new.digest
    )


_NO_PERIOD = Period.of_year(1900)


def _key(record: ValueRecord, indicator: str | None = None) -> tuple[str, Period, ValueKind, str]:
    """A figure's place, by `indicator` when given (the new id of an indicator whose id changed)."""
    return indicator or record.indicator, record.value.period, record.value.kind, record.value.series


def _changed_ids(old: dict[str, IndicatorRecord], new: dict[str, IndicatorRecord]) -> dict[str, str]:
    """New id -> old id of each indicator that is only in NEW and has the title of one that is only in OLD.

    A finance system that renumbers its indicators gives each a new id; compared by id, each was removed and added,
    and a restated figure among them was not told. A title that more than one such indicator has pairs none.
    """
    gone: dict[str, list[str]] = {}
    came: dict[str, list[str]] = {}
    for records, others, found in ((old, new, gone), (new, old, came)):
        for indicator, record in records.items():
            if indicator not in others:
                found.setdefault(" ".join(record.title.split()).casefold(), []).append(indicator)
    return {came[title][0]: ids[0] for title, ids in gone.items() if len(ids) == 1 and len(came.get(title, ())) == 1}


# Words and numbers: what the reader sees, in Dutch notation.


def _number(number: Decimal, decimals: int | None = None) -> str:
    return format_number(number, decimals, "nl")


def _exact_number(number: Decimal | None) -> str | None:
    """A Decimal as the exact figure it is, decimals included, never with an exponent: 95.0 -> "95.0"."""
    return None if number is None else f"{number:f}"


def exact(figure: Figure) -> tuple:
    """What makes two figures the same publication: the kind of figure and its exact numbers and words."""
    match figure:
        case Number(number):
            return ("number", _exact_number(number))
        case Range(low, high):
            return ("range", _exact_number(low), _exact_number(high))
        case Text(text, number, span):
            return ("text", text, _exact_number(number), *(exact(span) if span else ()))
        case NoFigure(reason):
            return ("none", reason or "")
    raise TypeError(figure)


def _figure_text(figure: Figure, decimals: int | None = None, detail: bool = False) -> str:
    """The figure as the table shows it at `decimals` (None: as entered): "95,0", "6–6,5", "geen cijfer"."""
    match figure:
        case Number(number):
            return _number(number, decimals)
        case Range(low, high):
            return f"{_number(low, decimals)}–{_number(high, decimals)}"
        case Text(text, number, span):
            if not detail:
                return text
            if span is not None:
                return f"{text} (bereik {_figure_text(span)})"
            return f"{text} (getal {_number(number)})" if number is not None else f"{text} (zonder getal)"
        case NoFigure(reason):
            return f"geen cijfer ({reason})" if reason else "geen cijfer"
    raise TypeError(figure)


def _field_text(value: object) -> str:
    """An indicator detail or footnote as text; "" when empty (decimals: not set)."""
    if value is None:
        return ""
    return value.value if isinstance(value, StrEnum) else str(value)


def describe(change: Change) -> str:
    """One change as a Dutch sentence: "kcc-tevredenheid realisatie 2019: was 95, nu 94".

    Long texts (a changed explanation) are cut to the part that changed, with a little context.
    """
    subject = change.indicator
    if change.period is not None and change.value_kind is not None:
        subject += f" {change.value_kind.value} {change.period.label}"
        if change.series:
            subject += f" (reeks {change.series})"
    was, now = (_shown(change.kind, text) for text in _excerpts(change.old, change.new))
    match change.kind:
        case ChangeKind.INDICATOR_ADDED:
            return f"{subject}: {now}"
        case ChangeKind.INDICATOR_REMOVED:
            return f"{subject}: {was}"
        case ChangeKind.FIGURE_ADDED:
            return f"{subject}: {now}"
        case ChangeKind.FIGURE_REMOVED:
            return f"{subject}: was {was}"
        case ChangeKind.FOOTNOTE_CHANGED:
            return f"{subject}: voetnoot was {was}, nu {now}"
        case ChangeKind.ID_CHANGED:
            return f"{subject}: was {change.old} (zelfde titel; de cijfers zijn vergeleken met die van {change.old})"
    if change.shown is not None:
        return f"{subject}: was {was}, nu {now} (de website toont beide als {change.shown})"
    return f"{subject}: was {was}, nu {now}"


def _shown(kind: ChangeKind, text: str | None) -> str | None:
    """Figures and words as they are; texts between quotes, so an empty one or a trailing space is visible."""
    if text is None or kind in _FIGURE_CHANGES or kind is ChangeKind.POLARITY_CHANGED:
        return text
    if kind is ChangeKind.DECIMALS_CHANGED:
        return text or "leeg (zoals ingevoerd)"
    return f'"{text}"' if text else "leeg"


_FIGURE_CHANGES = {ChangeKind.RESTATED, ChangeKind.TARGET_CHANGED, ChangeKind.FIGURE_ADDED, ChangeKind.FIGURE_REMOVED}
_SHORT = 70
_CONTEXT = 25


def _excerpts(old: str | None, new: str | None) -> tuple[str | None, str | None]:
    """Two long texts cut to where they differ, each with a little context: "…op de website↵Sinds…"."""
    if old is None or new is None or max(len(old), len(new)) <= _SHORT:
        return _one_line(old), _one_line(new)
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    begin = max(0, start - _CONTEXT)
    if begin and (space := old.rfind(" ", 0, begin)) >= begin - _CONTEXT // 2:
        begin = space + 1  # whole words

    def cut(text: str) -> str:
        stop = min(len(text), len(text) - end + _CONTEXT)
        if stop < len(text) and (space := text.find(" ", stop)) != -1 and space <= stop + _CONTEXT // 2:
            stop = space
        return ("…" if begin else "") + text[begin:stop] + ("…" if stop < len(text) else "")

    return _one_line(cut(old)), _one_line(cut(new))


def _one_line(text: str | None) -> str | None:
    return None if text is None else text.replace("\r\n", "\n").replace("\n", "↵")


# Where a change is: the cell of the indicator's row or of the value's row that changed.


class _IndicatorCells:
    """Finds the cell of one column in an indicator's row, for the location of a changed detail."""

    def __init__(self, table: Table | None) -> None:
        self.table = table
        self.columns = (map_columns(table, INDICATOR_COLUMNS, Problems()) or {}) if table else {}
        self.rows: dict[str, int] = {}
        if table is not None and "id" in self.columns:
            index = self.columns["id"]
            for r, row in enumerate(table.rows):
                text = _cell_text(row[index] if index < len(row) else None)
                if text:
                    self.rows.setdefault(text, r)

    def locate(self, record: IndicatorRecord, column: str) -> Location:
        row = self.rows.get(record.id)
        if self.table is None or row is None or column not in self.columns:
            return record.location
        return self.table.locate(row, self.columns[column])


def _cell_text(raw: object) -> str | None:
    """A cell as text, the way the readers read an id (a spreadsheet float as the number typed)."""
    if raw is None:
        return None
    if isinstance(raw, float):
        raw = decimal_from_float(raw)
    return str(raw).strip() or None


def _changed_column(before: ValueRecord, record: ValueRecord) -> str:
    """The column of the sheet Waarden where a restated figure changed: only the text shown instead of the number,
    or only the reason for "geen cijfer", is a change in that column, not in 'waarde'. Read from the cells, as the
    user wrote them: 'geen cijfer' became 'n.n.b.' in the column waarde, with no reason either time."""
    changed = [column for column in ("waarde", "tekst", "reden") if _cell(before, column) != _cell(record, column)]
    return changed[0] if len(changed) == 1 else "waarde"


def _cell(record: ValueRecord, column: str) -> object:
    columns = map_columns(record.table, VALUE_COLUMNS, Problems()) or {}
    row = record.table.rows[record.row]
    index = columns.get(column)
    return row[index] if index is not None and index < len(row) else None


def _value_cell(record: ValueRecord, column: str) -> Location:
    columns = map_columns(record.table, VALUE_COLUMNS, Problems()) or {}
    if column not in columns:
        return record.location
    return record.table.locate(record.row, columns[column])


# The JSON form: stable Dutch keys, like the open data; exact figures as strings ("95.0"), never floats.


def diff_data(diff: ExportDiff) -> dict:
    """The diff as plain data for JSON; the keys are documented in docs/opdrachten.md."""
    return {
        "oud": str(diff.old),
        "nieuw": str(diff.new),
        "oud_sha256": diff.old_digest,
        "nieuw_sha256": diff.new_digest,
        "gewijzigd": diff.changed,
        "aantal": len(diff.changes),
        "wijzigingen": [_change_data(change) for change in diff.changes],
    }


def _change_data(change: Change) -> dict:
    return {
        "wijziging": change.kind.value,
        "indicator": change.indicator,
        "periode": change.period.label if change.period else None,
        "soort": change.value_kind.value if change.value_kind else None,
        "reeks": change.series,
        "oud": change.old,
        "nieuw": change.new,
        "website_toont": change.shown,
        "oud_exact": _exact_data(change.old_value),
        "nieuw_exact": _exact_data(change.new_value),
        "plaats": location_data(change.location),
        "plaats_oud": location_data(change.old_location),
    }


def _exact_data(value: object) -> object:
    """A figure as the open data writes it (numbers as exact strings); a detail as its text or number."""
    if isinstance(value, Number | Range | Text | NoFigure):
        fields: dict[str, object] = {
            "waarde": None,
            "bereik_laag": None,
            "bereik_hoog": None,
            "tekst": "",
            "geen_cijfer": isinstance(value, NoFigure)
            or (isinstance(value, Text) and value.number is None and value.span is None),
            "reden": "",
        }
        match value:
            case Number(number):
                fields["waarde"] = _exact_number(number)
            case Range(low, high):
                fields["bereik_laag"], fields["bereik_hoog"] = _exact_number(low), _exact_number(high)
            case Text(text, number, span):
                fields["tekst"], fields["waarde"] = text, _exact_number(number)
                if span is not None:
                    fields["bereik_laag"], fields["bereik_hoog"] = _exact_number(span.low), _exact_number(span.high)
            case NoFigure(reason):
                fields["reden"] = reason or ""
        return fields
    if isinstance(value, StrEnum):
        return value.value
    return value
