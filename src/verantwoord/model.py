"""The document model: what a P&C document is, with no I/O.

Everything here is immutable and fully validated: the readers in `verantwoord.export` build it, the
builders in `verantwoord.build` only read it. A figure is kept exactly as it was entered (a `Decimal`
with its own decimals), so what we publish is what the department delivered.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path

from verantwoord.errors import quoted


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


@dataclass(frozen=True, order=True, slots=True)
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

    @property
    def is_month(self) -> bool:
        return self.start.day == 1 and self.start.month == self.end.month and (self.end + _DAY).day == 1

    @classmethod
    def of_year(cls, year: int) -> Period:
        """One object per year: the periods of the values, of the tables' columns and of the status are then one
        object, which a dict finds by identity instead of comparing it field by field (about 30 times a chart)."""
        return _year(year)


@cache
def _year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), str(year))


_DAY = timedelta(days=1)
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
    raise ValueError(f"{quoted(text)} is geen periode")


def _checked(period: Period) -> Period:
    if not 1900 <= period.start.year <= 2200:
        raise ValueError(f"'{period.label}' ligt buiten 1900-2200")
    return period


YEARS_EXPECTED = "jaren zoals 2016-2020 of 2024, 2027"


class YearsError(ValueError):
    """A setting of years that is not: `problem` says why (Dutch, after the setting's name), `found` what was typed."""

    def __init__(self, problem: str, found: str) -> None:
        super().__init__(problem)
        self.problem, self.found = problem, found


def parse_years(value: object) -> tuple[int, ...]:
    """The years of a YAML setting: 2020, 2016-2020, [2016, 2018-2020] or 2016, 2018-2020, sorted, each once.

    Without brackets YAML reads the list as text ('2024, 2027'), as a user writes it who leaves the guide's brackets
    out; its parts between commas are the items, in verantwoord.yaml and metingen.yaml alike. A comma after the last
    year is left out, as YAML leaves it out of [2024, 2027,]; an empty part between two commas is refused with the
    whole text, where the part ('') would name nothing a user typed."""
    written = not isinstance(value, list)
    items = str(value).split(",") if written else value
    if written and len(items) > 1 and not items[-1].strip():
        items = items[:-1]
    if not items:  # [] turned the year columns into an undocumented column of the latest figure
        raise YearsError("is leeg.", "[]")
    years: set[int] = set()
    for item in items:
        text = str(item).strip()
        if not text and written:
            raise YearsError("heeft geen jaar tussen twee komma's.", str(value).strip())
        span = year_span(text)
        if span is None:
            raise YearsError("bevat geen geldige jaren.", text)
        years.update(span)
    return tuple(sorted(years))


def year_span(text: str) -> range | None:
    """ "2016-2020" -> 2016..2020, "2024" -> 2024; None when it is no year or span of years. The dash may be the en
    dash that Word and Outlook type for a hyphen between figures ("2016–2020")."""
    first, _, last = text.translate(_DASHES).partition("-")
    # isascii too: "2020²" (a footnote mark pasted from Word) is isdigit() but no number for int()
    if _digits(first.strip()) and (not last or _digits(last.strip())):
        start, end = int(first), int(last or first)
        if 1900 <= start <= end <= 2200:
            return range(start, end + 1)
    return None


_DASHES = str.maketrans("–—−", "---")
"""The en dash, em dash and minus sign, read as the hyphen of a span of years."""


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


# Figures: what one cell of an indicator table holds.


@dataclass(frozen=True, slots=True)
class Number:
    """A figure exactly as entered: Decimal("7.10") keeps its two decimals."""

    value: Decimal


@dataclass(frozen=True, slots=True)
class Range:
    """A figure given as a range, as targets often are ("6-6,5")."""

    low: Decimal
    high: Decimal


@dataclass(frozen=True, slots=True)
class Text:
    """A figure published as text ("79,3% (TK)"), optionally with the number or the range it stands for."""

    text: str
    number: Decimal | None = None
    span: Range | None = None
    """The range in the column waarde beside the text ("zes tot zes en half" for 6-6,5); then `number` is None."""


NOT_YET_KNOWN = "nog niet bekend"
"""The reason verantwoord gives itself for n.n.b. in the export; a page in another language says it in that one."""


@dataclass(frozen=True, slots=True)
class NoFigure:
    """There is no figure for this period, never to be shown as zero; the reason says why."""

    reason: str | None = None


Figure = Number | Range | Text | NoFigure


@dataclass(frozen=True, slots=True)
class Measurement:
    """How a figure was computed from raw data (`verantwoord measure`), published beside it.

    `n` is the number of responses or calls the figure rests on, None for a period declared not measured
    (`niet-gemeten`), whose reason is the data owner's: its line in the results file is still where it comes from;
    `interval` the 95% Wilson interval in percent, None when there is no figure; `inputs` the raw files read, each
    with its SHA-256.
    """

    method: str
    n: int | None
    interval: tuple[Decimal, Decimal] | None
    inputs: tuple[tuple[str, str], ...]
    computed_at: datetime


@dataclass(frozen=True, slots=True)
class Value:
    period: Period
    kind: ValueKind
    figure: Figure
    series: str = OWN_SERIES
    footnote: str | None = None
    measurement: Measurement | None = None
    previous: Figure | None = None
    """What the previous publication showed, set only when it differs (a restated figure)."""
    withdrawn: bool = False
    """Not in this export, but in the previous publication (`previous`): shown as 'geen cijfer' where a column has its
    period, and never the latest figure of its kind (it would hide the one the export does have)."""


@dataclass(frozen=True, slots=True)
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
    _by_key: dict[tuple[ValueKind, Period, str], Value] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    """`values` by (kind, period, series), made on the first lookup: a page looks up every cell several times."""

    def value(self, kind: ValueKind, period: Period, series: str = OWN_SERIES) -> Value | None:
        index = self._by_key
        if index is None:
            # Reversed, so that of two values with the same key the first wins, as a scan would find it.
            index = {(v.kind, v.period, v.series): v for v in reversed(self.values)}
            object.__setattr__(self, "_by_key", index)
        return index.get((kind, period, series))

    def latest(self, kind: ValueKind, series: str = OWN_SERIES, with_figure: bool = True) -> Value | None:
        """The value of `kind` with the latest period: for the last measurement, the latest with a figure.

        Latest is the period that ends last: the year 2022 (to 31 December) comes after its month 2022-11, though
        it began earlier. Of two that end on the same day, the year's figure (2022 before 2022-12 and 2021-2022),
        and otherwise the longer one.
        """
        candidates = [
            v
            for v in self.values
            if v.kind is kind
            and v.series == series
            and not v.withdrawn
            and not (with_figure and isinstance(v.figure, NoFigure))
        ]
        return max(
            candidates, key=lambda v: (v.period.end, v.period.is_year, -v.period.start.toordinal()), default=None
        )


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


class LayoutKind(StrEnum):
    """How a section's indicators are laid out. The string values are the words in verantwoord.yaml."""

    PER_INDICATOR = "per-indicator"
    """A table per indicator (the seed's): realised years under "Realisatie cijfers", then targets."""
    OVERVIEW = "overzicht"
    """One table of all the section's indicators, a row each, with the chosen columns."""


class SeriesPlacement(StrEnum):
    COLUMNS = "kolommen"
    """A comparison series appears where a `reeks` column names it."""
    ROWS = "rijen"
    """Every series of an indicator gets a row of its own under the organisation's row."""


class ColumnKind(StrEnum):
    """What a column of a table shows. The string values are the words in `tabel.kolommen`."""

    VALUES = "waarden"
    """Figures of one kind: a column per period, or with no periods the latest figure of that kind."""
    LATEST = "laatste meting"
    """The most recent realised figure, whatever its period."""
    SERIES = "reeks"
    """The comparison series' figure for the same kind and period as the value column before it."""
    UNIT = "eenheid"
    SOURCE = "bron"
    PERIOD = "periode"
    """The period of the most recent realised figure, beside the `laatste meting`."""


@dataclass(frozen=True)
class TableColumn:
    what: ColumnKind
    kind: ValueKind | None = None
    """For VALUES: which kind of figure."""
    periods: tuple[Period, ...] = ()
    """For VALUES: a column per period; empty for the latest figure of the kind, shown with its period."""
    series: str = OWN_SERIES
    """For SERIES: the name of the comparison series, as in the export's `reeks` column."""
    from_setting: bool = field(default=False, compare=False)
    """For VALUES: its periods are those of `tabel.realisatie` or `tabel.streefwaarde` (written bare: 'realisatie')."""


@dataclass(frozen=True)
class TableLayout:
    """How a document's (or a section's) indicator tables look, from the `tabel` settings."""

    realised: tuple[Period, ...]
    """The years of `tabel.realisatie`: the realised columns by default, and those of a bare 'realisatie' column."""
    target: tuple[Period, ...]
    kind: LayoutKind = LayoutKind.PER_INDICATOR
    columns: tuple[TableColumn, ...] = ()
    """The chosen columns in order; empty for the seed's: realised years, then target years."""
    series: SeriesPlacement = SeriesPlacement.COLUMNS
    no_figure_mark: str | None = None
    """What a cell without a figure shows instead of "geen cijfer" (such as "#"), explained in a legend."""

    @property
    def shown_columns(self) -> tuple[TableColumn, ...]:
        if self.columns:
            return self.columns
        return (
            TableColumn(ColumnKind.VALUES, ValueKind.REALISED, self.realised),
            TableColumn(ColumnKind.VALUES, ValueKind.TARGET, self.target),
        )


FINGERPRINT_LENGTH = 12
"""Hex digits of the export's SHA-256 in the footer: 48 bits, no two exports of one organisation share them."""


@dataclass(frozen=True)
class Export:
    """Where the figures came from: the files read and the time the export was made."""

    files: tuple[str, ...]
    time: datetime | None
    digests: tuple[str, ...] = ()
    """The SHA-256 of each of `files` in hex (of a folder: of its listing, `export.digest`): a re-export under the
    same name, even at the same stated time, has another."""

    @property
    def fingerprint(self) -> str | None:
        """The start of the export's SHA-256, which the footer shows: enough to tell two exports apart by eye."""
        return self.digests[0][:FINGERPRINT_LENGTH] if self.digests else None


@dataclass(frozen=True)
class Image:
    """An image in the texts (`![Kaart](afbeeldingen/wijken.png)`), checked and ready to publish."""

    written: str
    """Its address as the Markdown renderer writes it in `src` (afbeeldingen/kaart%20wijken.png): the texts of a
    document are in one folder, so it names one file."""
    name: str
    """Its file name on the site: a hash of its content, so a browser may keep it, and its format ("3f2a….png")."""
    width: int
    height: int
    source: Path
    """The file in the project."""


@dataclass(frozen=True)
class Statement:
    """The organisation's own accessibility statement, which the site shows instead of verantwoord's draft."""

    title: str
    text: str
    """Markdown."""
    draft: bool = False
    """It still has parts to fill in ('Aanvullen:'): the page says it is a draft."""


@dataclass(frozen=True)
class Licence:
    """A licence for open data (`open-data.licentie`): those Dutch government bodies publish their data under."""

    id: str
    """Its SPDX identifier, which a Frictionless data package names it by: CC0-1.0."""
    name: str
    """As people write it: CC0 1.0."""
    url: str
    """Its page at Creative Commons; with deed.nl or deed.en after it, in the reader's language."""


LICENCES = (
    Licence("CC0-1.0", "CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    Licence("CC-BY-4.0", "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
)


def licence_named(text: str) -> Licence | None:
    """The licence `text` names however it is written (CC0, cc0 1.0, CC-BY-4.0, CC BY 4.0); None for another."""
    return _LICENCE_WORDS.get(re.sub(r"[\s._-]", "", text.lower()))


_LICENCE_WORDS = {"cc0": LICENCES[0], "cc010": LICENCES[0], "ccby40": LICENCES[1]}
"""A licence's names without spaces, dots, hyphens and capitals. CC BY without its version is none of them: 4.0 is
the one whose terms the site states."""


@dataclass(frozen=True)
class Document:
    kind: DocumentKind
    year: int
    organisation: str
    title: str
    chapters: tuple[Chapter, ...]
    layout: TableLayout
    export: Export
    language: str = "nl"
    export_language: str | None = None
    """The language of the export's texts (titles, units, sources, explanations, reasons, series) where it is not
    `language` (`export.taal`): the page marks each with it (WCAG 3.1.2). None: they are in the page's language."""
    section_layouts: Mapping[str, TableLayout] = field(default_factory=dict)
    """Layouts of sections that differ from the document's (`paragrafen`), by section number."""
    images: tuple[Image, ...] = ()
    """The images its texts show."""
    statement: Statement | None = None
    """From `toegankelijkheid.md` beside its texts; None: the site shows verantwoord's draft."""
    licence: Licence | None = None
    """The licence of its open data (`open-data.licentie`); None: the site and the files claim none."""

    def layout_of(self, section: Section) -> TableLayout:
        return self.section_layouts.get(section.number, self.layout)

    def sections(self) -> list[Section]:
        return [section for chapter in self.chapters for section in chapter.sections]

    def indicators(self) -> list[Indicator]:
        return [indicator for section in self.sections() for indicator in section.indicators]
