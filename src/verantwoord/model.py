"""The document model: what a P&C document is, with no I/O.

Everything here is immutable and fully validated: the readers in `verantwoord.export` build it, the
builders in `verantwoord.build` only read it. A figure is kept exactly as it was entered (a `Decimal`
with its own decimals), so what we publish is what the department delivered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum


class DocumentKind(StrEnum):
    BEGROTING = "begroting"
    JAARVERSLAG = "jaarverslag"
    VOORJAARSNOTA = "voorjaarsnota"
    BESTUURSRAPPORTAGE = "bestuursrapportage"


class Polarity(StrEnum):
    HIGHER_IS_BETTER = "hoger is beter"
    LOWER_IS_BETTER = "lager is beter"
    NEUTRAL = "neutraal"


class ValueKind(StrEnum):
    """What a figure says about its period. The string values are the words in the export."""

    REALISED = "realisatie"
    TARGET = "streefwaarde"
    BUDGET = "begroting"
    EXPECTED = "verwachting"
    BASELINE = "nulmeting"


OWN_SERIES = ""
"""The series of the organisation itself; comparison series carry a name ("Nederland", "provincie")."""


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: a year, a span of years ("2022-2023"), a quarter ("Q3 2024") or a month.

    Ordered by start, then end, so a table's columns sort the way a reader expects.
    """

    start: date
    end: date
    label: str = field(compare=False)

    @property
    def year(self) -> int:
        """The year the period ends in: the year a table column is filed under."""
        return self.end.year

    @property
    def is_year(self) -> bool:
        return self.start == date(self.start.year, 1, 1) and self.end == date(self.start.year, 12, 31)

    @classmethod
    def of_year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), str(year))


_QUARTER = re.compile(r"^(?:Q([1-4])\s*[-/ ]?\s*(\d{4})|(\d{4})\s*[-/ ]?\s*Q([1-4]))$", re.IGNORECASE)
_YEARS = re.compile(r"^(\d{4})\s*[-–/]\s*(\d{2}|\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


def parse_period(text: str) -> Period:
    """Read a period as people write it: "2020", "2022-2023", "2022/23", "Q3 2024", "2024-03".

    Raises ValueError with a Dutch explanation when the text is not a period.
    """
    text = text.strip()
    if re.fullmatch(r"\d{4}", text):
        return _checked(Period.of_year(int(text)))
    if match := _QUARTER.match(text):
        quarter = int(match.group(1) or match.group(4))
        year = int(match.group(2) or match.group(3))
        start_month = 3 * quarter - 2
        end_month, end_day = _QUARTER_END[quarter]
        label = f"Q{quarter} {year}"
        return _checked(Period(date(year, start_month, 1), date(year, end_month, end_day), label))
    if match := _MONTH.match(text):
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            next_month = date(year + month // 12, month % 12 + 1, 1)
            end = date.fromordinal(next_month.toordinal() - 1)
            return _checked(Period(date(year, month, 1), end, text))
    if match := _YEARS.match(text):
        first = int(match.group(1))
        last_text = match.group(2)
        last = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
        if last > first:
            return _checked(Period(date(first, 1, 1), date(last, 12, 31), f"{first}-{last}"))
    raise ValueError(f"'{text}' is geen periode")


def _checked(period: Period) -> Period:
    if not 1900 <= period.start.year <= 2200:
        raise ValueError(f"'{period.label}' ligt buiten 1900-2200")
    return period


# Figures: what one cell of an indicator table holds.


@dataclass(frozen=True)
class Number:
    """A figure exactly as entered: Decimal("7.10") keeps its two decimals."""

    value: Decimal


@dataclass(frozen=True)
class Range:
    """A figure given as a range, as targets often are ("6-6,5")."""

    low: Decimal
    high: Decimal


@dataclass(frozen=True)
class Text:
    """A figure published as text ("79,3% (TK)"), optionally with the number it stands for."""

    text: str
    number: Decimal | None = None


@dataclass(frozen=True)
class NoFigure:
    """There is no figure for this period, never to be shown as zero; the reason says why."""

    reason: str | None = None


Figure = Number | Range | Text | NoFigure


@dataclass(frozen=True)
class Measurement:
    """How a figure was computed from raw data (`verantwoord measure`), published beside it.

    `n` is the number of responses or calls the figure rests on; `interval` the 95% Wilson interval in
    percent, None when there is no figure; `inputs` the raw files read, each with its SHA-256.
    """

    method: str
    n: int
    interval: tuple[Decimal, Decimal] | None
    inputs: tuple[tuple[str, str], ...]
    computed_at: datetime


@dataclass(frozen=True)
class Value:
    period: Period
    kind: ValueKind
    figure: Figure
    series: str = OWN_SERIES
    footnote: str | None = None
    measurement: Measurement | None = None


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    values: tuple[Value, ...]
    unit: str = ""
    decimals: int | None = None
    polarity: Polarity = Polarity.NEUTRAL
    source: str = ""
    explanation: str = ""
    """Markdown, rendered and sanitised when built."""

    def value(self, kind: ValueKind, period: Period, series: str = OWN_SERIES) -> Value | None:
        for value in self.values:
            if value.kind == kind and value.period == period and value.series == series:
                return value
        return None


@dataclass(frozen=True)
class Section:
    number: str
    title: str
    slug: str
    text: str
    """Markdown."""
    indicators: tuple[Indicator, ...] = ()


@dataclass(frozen=True)
class Chapter:
    number: str
    title: str
    slug: str
    text: str
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class TableColumns:
    """Which periods a document's indicator tables show, per kind of value."""

    realised: tuple[Period, ...]
    target: tuple[Period, ...]


@dataclass(frozen=True)
class Export:
    """Where the figures came from: the files read and the time the export was made."""

    files: tuple[str, ...]
    time: datetime | None


@dataclass(frozen=True)
class Document:
    kind: DocumentKind
    year: int
    organisation: str
    title: str
    chapters: tuple[Chapter, ...]
    columns: TableColumns
    export: Export
    language: str = "nl"

    def sections(self) -> list[Section]:
        return [section for chapter in self.chapters for section in chapter.sections]

    def indicators(self) -> list[Indicator]:
        return [indicator for section in self.sections() for indicator in section.indicators]
