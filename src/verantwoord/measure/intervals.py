"""Proportions and their 95% Wilson score interval, in exact decimals.

Wilson rather than the textbook p ± 1.96·√(p(1-p)/n): it stays inside 0–100%, and it is honest for small n
and for shares near 0% or 100% (a kiosk where 98% is positive). The computation is in `Decimal`, so the
same counts give the same published digits on every machine and every engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext

Z_95 = Decimal("1.959963984540054")
"""The 97.5th percentile of the standard normal distribution."""


@dataclass(frozen=True)
class Proportion:
    """`positive` out of `n`, with the Wilson interval, as fractions between 0 and 1."""

    positive: int
    n: int
    share: Decimal
    low: Decimal
    high: Decimal

    def percentage(self, decimals: int) -> Decimal:
        """The share as a percentage, rounded half up to `decimals` (what is published)."""
        return _scaled(self.share, decimals, ROUND_HALF_UP)

    def interval(self, decimals: int) -> tuple[Decimal, Decimal]:
        """The interval in percent, rounded outwards, so the published interval contains the exact one."""
        return _scaled(self.low, decimals, ROUND_FLOOR), _scaled(self.high, decimals, ROUND_CEILING)


def wilson(positive: int, n: int, z: Decimal = Z_95) -> Proportion:
    """The share `positive`/`n` with its Wilson score interval. `n` must be at least 1."""
    if n < 1 or not 0 <= positive <= n:
        raise ValueError(f"need 0 <= positive <= n and n >= 1, got {positive} of {n}")
    with localcontext() as context:
        context.prec = 40
        k, size = Decimal(positive), Decimal(n)
        share = k / size
        z2 = z * z
        denominator = 1 + z2 / size
        centre = (share + z2 / (2 * size)) / denominator
        half = z * (share * (1 - share) / size + z2 / (4 * size * size)).sqrt() / denominator
        low = Decimal(0) if positive == 0 else max(Decimal(0), min(share, centre - half))
        high = Decimal(1) if positive == n else min(Decimal(1), max(share, centre + half))
    return Proportion(positive, n, +share, +low, +high)


def _scaled(fraction: Decimal, decimals: int, rounding: str) -> Decimal:
    return (fraction * 100).quantize(Decimal(1).scaleb(-decimals), rounding=rounding)
