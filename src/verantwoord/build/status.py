"""Whether an indicator met its target in the document's year, honouring its polarity.

Only a document that reports realised figures for its own year (jaarverslag, bestuursrapportage) is
judged; a budget's targets lie ahead. An indicator without a target for the year is not counted, nor is one
whose table leaves out a figure the status would rest on (`judge_in_table`).
Figures are compared as the table shows them (rounded to the indicator's decimals): 59,6 against 60, both
shown as 60, is met, not "60 | 60, niet gehaald".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from verantwoord.build.format import shown_number
from verantwoord.build.tables import shown_periods
from verantwoord.model import (
    ColumnKind,
    DocumentKind,
    Indicator,
    NoFigure,
    Number,
    Period,
    Polarity,
    Range,
    TableLayout,
    Text,
    ValueKind,
)

JUDGED_KINDS = frozenset({DocumentKind.JAARVERSLAG, DocumentKind.BESTUURSRAPPORTAGE})


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NOT_JUDGED = "not_judged"


@dataclass(frozen=True)
class Judgement:
    status: Status
    reason: str
    """Why it cannot be judged: "no_figure", "range", "text", "target_text" or "no_direction"; empty when judged."""


def judge(indicator: Indicator, year: int) -> Judgement | None:
    """The indicator's status for `year`, or None when it has no target for that year."""
    period = Period.of_year(year)
    target = indicator.value(ValueKind.TARGET, period)
    if target is None or isinstance(target.figure, NoFigure):
        return None
    # Figures the table shows as numbers are compared as shown (rounded to the indicator's decimals); a text is
    # shown as written, so the number it stands for is compared as entered: 59,6 in "bijna 60" is not 60.
    decimals = indicator.decimals
    match target.figure:
        case Text(_, None, None):
            return Judgement(Status.NOT_JUDGED, "target_text")  # "zo snel mogelijk": no number to compare
        case Text(_, None, span) if span is not None:
            low, high = span.low, span.high  # "tussen 60 en 65" with 60-65 beside it
        case Text(_, number):
            low = high = number  # "minimaal 13%" is 13
        case _:
            low, high = (shown_number(bound, decimals) for bound in _bounds(target.figure))
    realised = indicator.value(ValueKind.REALISED, period)
    match realised.figure if realised else None:
        case Number(number):
            value = shown_number(number, decimals)
        case Text(_, number) if number is not None:
            value = number
        case Range() | Text(_, None, Range()):
            return Judgement(Status.NOT_JUDGED, "range")
        case Text():
            return Judgement(Status.NOT_JUDGED, "text")
        case _:
            return Judgement(Status.NOT_JUDGED, "no_figure")
    ranged = isinstance(target.figure, Range) or (isinstance(target.figure, Text) and target.figure.span is not None)
    match indicator.polarity:
        case Polarity.HIGHER_IS_BETTER:
            met = value >= low
        case Polarity.LOWER_IS_BETTER:
            met = value <= high
        case _ if ranged:
            met = low <= value <= high
        case _:
            return Judgement(Status.NOT_JUDGED, "no_direction")
    return Judgement(Status.MET if met else Status.NOT_MET, "")


def judge_in_table(indicator: Indicator, year: int, layout: TableLayout) -> Judgement | None:
    """The status beside the indicator's table in `layout`: `judge`, or None when the table does not show what it
    compares. With `tabel.kolommen` a table may leave out the year: "Streefcijfer 2022 gehaald" beside a table with
    neither the target nor the realisation for 2022 asked the reader to take it on trust.

    The target for the year must have a cell, and so must the realisation: in a column for the year, or as the
    latest measurement. Without a realised figure for the year, a column `laatste meting` is its place: the table
    shows an earlier figure with its year there, and "niet te beoordelen: geen cijfer" says what the reader sees.
    """
    judgement = judge(indicator, year)
    period = Period.of_year(year)
    if judgement is None or period not in shown_periods(layout, indicator, ValueKind.TARGET):
        return None
    if period in shown_periods(layout, indicator, ValueKind.REALISED):
        return judgement
    realised = indicator.value(ValueKind.REALISED, period)
    if realised is not None and not isinstance(realised.figure, NoFigure):
        return None  # the table shows another year's figure, or none
    return judgement if any(c.what is ColumnKind.LATEST for c in layout.shown_columns) else None


def _bounds(figure: Number | Range) -> tuple[Decimal, Decimal]:
    if isinstance(figure, Range):
        return figure.low, figure.high
    return figure.value, figure.value


@dataclass(frozen=True)
class Summary:
    met: int
    not_met: int
    not_judged: int

    @property
    def total(self) -> int:
        return self.met + self.not_met + self.not_judged


def summarise(judgements: Iterable[Judgement | None]) -> Summary:
    """The count of each status over the statuses shown, leaving out the indicators without one (None)."""
    counts = {status: 0 for status in Status}
    for judgement in judgements:
        if judgement is not None:
            counts[judgement.status] += 1
    return Summary(counts[Status.MET], counts[Status.NOT_MET], counts[Status.NOT_JUDGED])
