"""Figures and moments as a reader of the document's language expects them, through Babel.

A figure is shown with the decimals it was entered with, or the indicator's `decimals` when set; it is
never turned into a float on the way.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, getcontext, localcontext
from functools import cache, lru_cache

from babel.dates import format_date, format_datetime
from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol
from babel.units import format_unit
from markupsafe import escape

from verantwoord.config import AMSTERDAM
from verantwoord.errors import VerantwoordError
from verantwoord.model import Period


def format_number(number: Decimal, decimals: int | None = None, locale: str = "nl") -> str:
    """Decimal("1234.5") -> "1.234,5" in Dutch; with decimals=2 -> "1.234,50".

    The same result as Babel's format_decimal (a property test holds them equal), with Babel's symbols
    for the locale, but through Decimal's own exact formatting: Babel took a third of the build time
    of a large document (bench/HISTORY.md).
    """
    return _formatted(str(number), decimals, locale)


@lru_cache(maxsize=65536)
def _formatted(text: str, decimals: int | None, locale: str) -> str:
    """Cached by the figure's exact text (str keeps its decimals: "7.10" is not "7.1"): a page shows
    each figure in its table and its chart, and a document repeats the same figures and axis values."""
    number = shown_number(Decimal(text), decimals)
    places = max(0, -number.as_tuple().exponent)
    return f"{number:,.{places}f}".translate(_symbols(locale))


def shown_number(number: Decimal, decimals: int | None) -> Decimal:
    """The figure as the page shows it: rounded half up to `decimals` (as entered when None), never -0
    (-0,4 with no decimals is 0)."""
    if decimals is not None:
        needed = number.adjusted() + decimals + 2
        if needed <= getcontext().prec:  # the common case, without the cost of a context (a chart per indicator)
            number = number.quantize(_STEPS[decimals], rounding=ROUND_HALF_UP)
        else:
            with localcontext() as context:  # precise enough for any figure entered
                context.prec = needed
                number = number.quantize(_STEPS[decimals], rounding=ROUND_HALF_UP)
    return number.copy_abs() if number.is_zero() else number


class _Steps(dict):
    """Decimal("1"), Decimal("0.1"), …: the step to round to, by decimals."""

    def __missing__(self, decimals: int) -> Decimal:
        step = self[decimals] = Decimal(1).scaleb(-decimals)
        return step


_STEPS = _Steps()


@cache
def _symbols(locale: str) -> dict[int, str]:
    return str.maketrans(
        {",": get_group_symbol(locale), ".": get_decimal_symbol(locale), "-": get_minus_sign_symbol(locale)}
    )


def format_file_size(size: int, locale: str = "nl") -> str:
    """A file's size in bytes as a download link shows it: 11304 -> "11 kB", 1234567 -> "1,2 MB" in Dutch ("1.2 MB"
    in English), with a no-break space so that it is never split over two lines. Decimal units, as their names say;
    one decimal below 10, rounded half up, so a file of a few hundred bytes is "0,6 kB" rather than a bare "byte"; an
    empty file is "0 kB"."""
    amount, unit = Decimal(size) / 1000, "digital-kilobyte"
    shown = _file_size_shown(amount)
    if shown >= 1000:
        amount, unit = amount / 1000, "digital-megabyte"
        shown = _file_size_shown(amount)
    return format_unit(shown, unit, length="short", locale=locale).replace(" ", "\u00a0")


def _file_size_shown(amount: Decimal) -> Decimal:
    """At least 0,1 for a file of a few bytes, which is not empty; 0 for one that is, which "0,1 kB" said was not."""
    tenths = max(amount.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), Decimal("0.1") if amount else Decimal(0))
    return tenths if tenths < 10 else amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def period_name(period: Period, locale: str = "nl") -> str:
    """A period as a reader names it: a month by its name ("maart 2024", "March 2024"), where the export writes
    2024-03; a year, a span of years and a quarter ("Q3 2024") as written."""
    return format_date(period.start, "MMMM y", locale=locale) if period.is_month else period.label


def spoken_html(shown: str, said: str) -> str:
    """`shown` for the eye and `said` for a screen reader, which is silent at the dash of "2016–2020": the words are
    left out of the search index, which holds what the page shows."""
    return (
        f'<span aria-hidden="true">{escape(shown)}</span>'
        f'<span class="visually-hidden" data-pagefind-ignore>{escape(said)}</span>'
    )


def format_moment(moment: datetime, pattern: str, locale: str = "nl") -> str:
    """A moment in Amsterdam time, in the document's pattern (by default 27 mei 2021 om 12:23)."""
    return format_datetime(moment.astimezone(AMSTERDAM), pattern, tzinfo=AMSTERDAM, locale=locale)


def build_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH when set, so a build can be reproduced byte for byte."""
    problem = epoch_problem()
    if problem is not None:
        raise VerantwoordError(problem)
    if reproducible():
        return datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), tz=UTC)
    return datetime.now(tz=UTC)


def reproducible() -> bool:
    """Whether SOURCE_DATE_EPOCH asks for a build that gives the same bytes again, on this machine or another."""
    return os.environ.get("SOURCE_DATE_EPOCH", "").strip() != "" and epoch_problem() is None


_LAST_EPOCH = 253402297199
"""31-12-9999 22:59:59 UTC: the last moment Python's datetime has in Amsterdam's time too, in which it is shown."""


def epoch_problem() -> str | None:
    """What is wrong with SOURCE_DATE_EPOCH when it is set to something else than whole seconds since 1970 (empty is
    unset). The specification asks a build to stop then: ignored, the build would pass as reproducible and not be."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch or (epoch.isascii() and epoch.isdigit() and int(epoch) <= _LAST_EPOCH):
        return None
    return (
        f"SOURCE_DATE_EPOCH is '{epoch}': dat is geen aantal seconden sinds 1 januari 1970 (UTC), zoals 1622111039. "
        "Hint: zet er de tijd van de laatste commit in, met $(git log -1 --format=%ct), of laat hem weg."
    )
