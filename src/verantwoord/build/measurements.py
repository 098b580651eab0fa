"""What a reader sees of a measured figure: n and the interval per period, and the method, under the table.

A figure computed by `verantwoord measure` carries its `Measurement`; the page shows it beside the figure so
the reader can judge it ("92% of 2.571 responses, between 90,8% and 93,0%") without opening the open data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from verantwoord.build.format import format_number, period_name
from verantwoord.build.tables import shown_periods
from verantwoord.model import Indicator, TableLayout, ValueKind


@dataclass(frozen=True)
class MeasuredFigures:
    methods: tuple[str, ...]
    """The method of the measured figures (usually one)."""
    periods: tuple[str, ...]
    """Per measured period of the table: "2019: n = 2.567, 95%-betrouwbaarheidsinterval van 91,9 tot 94,0%"."""


def indicator_measurements(
    indicator: Indicator, columns: TableLayout, language: str, translate: Callable[..., str]
) -> MeasuredFigures | None:
    """n, interval and method of the indicator's measured figures in the table; None when none is measured."""
    methods: list[str] = []
    periods: list[str] = []
    for period in shown_periods(columns, indicator, ValueKind.REALISED):
        value = indicator.value(ValueKind.REALISED, period)
        measured = value.measurement if value else None
        if measured is None or measured.n is None:  # not measured: its reason is in the table's note
            continue
        if measured.method not in methods:
            methods.append(measured.method)
        n = format_number(Decimal(measured.n), 0, language)
        if measured.interval is None:
            periods.append(translate("measured_n", period=period_name(period, language), n=n))
        else:
            low, high = (format_number(bound, None, language) for bound in measured.interval)
            periods.append(
                translate("measured_interval", period=period_name(period, language), n=n, low=low, high=high)
            )
    if not periods:
        return None
    return MeasuredFigures(tuple(methods), tuple(periods))
