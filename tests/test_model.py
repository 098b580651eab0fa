from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from verantwoord.model import Indicator, Number, Period, Value, ValueKind, parse_period


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2020", date(2020, 1, 1), date(2020, 12, 31), "2020"),
        ("2022-2023", date(2022, 1, 1), date(2023, 12, 31), "2022-2023"),
        ("2022/23", date(2022, 1, 1), date(2023, 12, 31), "2022-2023"),
        ("Q3 2024", date(2024, 7, 1), date(2024, 9, 30), "Q3 2024"),
        ("2024-Q1", date(2024, 1, 1), date(2024, 3, 31), "Q1 2024"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "2024-02"),
        ("2024-12", date(2024, 12, 1), date(2024, 12, 31), "2024-12"),
    ],
)
def test_parse_period(text: str, start: date, end: date, label: str) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.label) == (start, end, label)


@pytest.mark.parametrize("text", ["twintig", "2023-2022", "Q5 2024", "2024-13", "1850", "20200"])
def test_not_a_period(text: str) -> None:
    with pytest.raises(ValueError):
        parse_period(text)


def test_periods_sort_by_time_and_compare_without_label() -> None:
    periods = [parse_period(t) for t in ("2021", "Q3 2020", "2020", "2019-2020")]
    assert [p.label for p in sorted(periods)] == ["2019-2020", "2020", "Q3 2020", "2021"]
    assert Period.of_year(2020) == parse_period("2020")
    assert parse_period("2020").is_year and not parse_period("Q1 2020").is_year


def test_a_year_is_one_object_wherever_it_is_made() -> None:
    """A table's columns (the config) and the values (the export) name the same years: as one object each, a lookup
    finds them by identity instead of comparing them field by field."""
    assert Period.of_year(2020) is Period.of_year(2020) is parse_period("2020") is parse_period(" 2020 ")
    assert Period.of_year(2021) is not Period.of_year(2020)


def test_value_is_found_by_kind_period_and_series() -> None:
    y2020 = Period.of_year(2020)
    own = Value(y2020, ValueKind.REALISED, Number(Decimal("71.4")))
    other = Value(y2020, ValueKind.REALISED, Number(Decimal("70")), series="Nederland")
    target = Value(y2020, ValueKind.TARGET, Number(Decimal("75")))
    duplicate = Value(y2020, ValueKind.REALISED, Number(Decimal("1")))
    indicator = Indicator("x", "X", (own, other, target, duplicate))
    assert indicator.value(ValueKind.REALISED, parse_period("2020")) is own  # the first of two, as a scan finds
    assert indicator.value(ValueKind.REALISED, y2020, "Nederland") is other
    assert indicator.value(ValueKind.TARGET, y2020) is target
    assert indicator.value(ValueKind.TARGET, Period.of_year(2019)) is None
    assert indicator.value(ValueKind.BUDGET, y2020) is None
    changed = replace(indicator, values=(target,))  # the lookup follows the values, never an older copy's
    assert changed.value(ValueKind.REALISED, y2020) is None
    assert changed == Indicator("x", "X", (target,))  # and it takes no part in equality
