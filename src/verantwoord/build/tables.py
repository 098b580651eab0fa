"""The layout of an indicator's table: which columns, in which header groups, and what each cell says.

Kept apart from the HTML so the choice of columns can be tested on its own and other layouts can be
added beside it. Every cell has text: where there is no figure it says so, with the reason as a note.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from verantwoord.build.format import format_number
from verantwoord.model import Figure, Indicator, NoFigure, Number, Period, Range, TableColumns, Text, ValueKind


@dataclass(frozen=True)
class Note:
    number: int
    text: str


@dataclass(frozen=True)
class Cell:
    id: str
    text: str
    headers: str
    """The ids of the header cells that describe this cell (group and period)."""
    numeric: bool
    missing: bool
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class HeaderGroup:
    id: str
    label: str
    periods: tuple[tuple[str, str], ...]
    """(header cell id, period label) per column."""


@dataclass(frozen=True)
class IndicatorTable:
    id: str
    groups: tuple[HeaderGroup, ...]
    cells: tuple[Cell, ...]
    notes: tuple[Note, ...] = field(default=())


def indicator_table(
    indicator: Indicator, columns: TableColumns, language: str, translate: Callable[..., str]
) -> IndicatorTable:
    """The seed's layout: realised years under "Realisatie cijfers", targets under "Streefcijfers"."""
    base = f"ind-{indicator.id}"
    groups = []
    cells = []
    notes: list[Note] = []
    for kind, key, periods in (
        (ValueKind.REALISED, "realised", columns.realised),
        (ValueKind.TARGET, "target", columns.target),
    ):
        if not periods:
            continue
        group_id = f"{base}-{key}"
        group_periods = []
        for period in periods:
            header_id = f"{group_id}-{_period_id(period)}"
            group_periods.append((header_id, period.label))
            value = indicator.value(kind, period)
            figure = value.figure if value else NoFigure()
            text, numeric = _figure_text(figure, indicator.decimals, language, translate)
            if value is None and kind is ValueKind.TARGET:
                text = translate("no_target")  # none was set: not a missing measurement
            texts = []
            if isinstance(figure, NoFigure) and figure.reason:
                texts.append(translate("note_no_figure", period=period.label, reason=figure.reason))
            if value and value.footnote:
                texts.append(translate("note_footnote", period=period.label, text=value.footnote))
            cell_notes = tuple(Note(len(notes) + i, note) for i, note in enumerate(texts, start=1))
            notes.extend(cell_notes)
            cells.append(
                Cell(
                    f"{header_id}-cel",
                    text,
                    f"{group_id} {header_id}",
                    numeric,
                    isinstance(figure, NoFigure),
                    cell_notes,
                )
            )
        groups.append(HeaderGroup(group_id, translate(key), tuple(group_periods)))
    return IndicatorTable(base, tuple(groups), tuple(cells), tuple(notes))


def _period_id(period: Period) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in period.label.lower())


def _figure_text(
    figure: Figure, decimals: int | None, language: str, translate: Callable[..., str]
) -> tuple[str, bool]:
    match figure:
        case Number(value):
            return format_number(value, decimals, language), True
        case Range(low, high):
            return f"{format_number(low, decimals, language)}–{format_number(high, decimals, language)}", True
        case Text(text):
            return text, False
        case _:
            return translate("no_figure"), False
