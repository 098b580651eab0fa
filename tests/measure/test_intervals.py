"""The Wilson interval: known values, bounds for every n, rounding outwards."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verantwoord.measure.intervals import wilson


@pytest.mark.parametrize(
    ("positive", "n", "low", "high"),
    [
        # Reference values (Newcombe 1998, table I; and statsmodels proportion_confint(method="wilson")).
        (81, 263, "0.2553", "0.3662"),
        (15, 148, "0.0624", "0.1605"),
        (0, 20, "0.0000", "0.1611"),
        (1, 29, "0.0061", "0.1718"),
        (1, 10, "0.0179", "0.4042"),
        (10, 10, "0.7225", "1.0000"),
    ],
)
def test_known_intervals(positive: int, n: int, low: str, high: str) -> None:
    proportion = wilson(positive, n)
    assert proportion.low.quantize(Decimal("0.0001")) == Decimal(low)
    assert proportion.high.quantize(Decimal("0.0001")) == Decimal(high)


@given(st.integers(min_value=1, max_value=10**9).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_interval_holds_the_share_and_stays_within_0_and_1(counts: tuple[int, int]) -> None:
    positive, n = counts
    proportion = wilson(positive, n)
    assert 0 <= proportion.low <= proportion.share <= proportion.high <= 1
    assert proportion.share == Decimal(positive) / Decimal(n)
    low, high = proportion.interval(1)
    assert Decimal(0) <= low <= proportion.share * 100 <= high <= Decimal(100)


def test_published_percentage_rounds_half_up_and_interval_outwards() -> None:
    proportion = wilson(2365, 2571)  # 91.988…%, interval 90.874…–92.975…
    assert proportion.percentage(0) == Decimal("92")
    assert proportion.percentage(1) == Decimal("92.0")
    assert proportion.interval(1) == (Decimal("90.8"), Decimal("93.0"))
    assert proportion.interval(2) == (Decimal("90.87"), Decimal("92.98"))
    assert wilson(1, 8).percentage(1) == Decimal("12.5")  # exactly half: up, never a float artefact
    assert str(wilson(1, 3).percentage(2)) == "33.33"


def test_interval_narrows_as_n_grows() -> None:
    small, large = wilson(92, 100), wilson(9200, 10000)
    assert small.share == large.share
    assert large.high - large.low < small.high - small.low


@pytest.mark.parametrize(("positive", "n"), [(0, 0), (3, 2), (-1, 5)])
def test_impossible_counts_are_refused(positive: int, n: int) -> None:
    with pytest.raises(ValueError):
        wilson(positive, n)
