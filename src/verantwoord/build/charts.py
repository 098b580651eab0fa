"""A small line chart per indicator, drawn at build time as inline SVG.

Written here rather than with a plotting library: the chart must be an accessible SVG element
(role="img", a title, and a description that states the trend), carry its values as text so it reads
without colour, and add no weight to a page of many indicators; matplotlib and friends produce
none of that. The table beside the chart remains its text alternative; no JavaScript is involved.

Colours are presentation attributes, not only CSS classes: WeasyPrint does not style inline SVG from
the page's stylesheet, and the site's CSS still overrides them for theming.

Realised figures are a solid line with filled dots; targets are open diamonds with a dashed stem
and a label, so the two differ in shape and line style as well as colour.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from verantwoord.build.format import format_number
from verantwoord.model import Indicator, Number, Period, Range, TableColumns, ValueKind

WIDTH, HEIGHT = 480, 250
LEFT, RIGHT, TOP, BOTTOM = 48, 44, 30, 64
MIN_SPAN = Decimal("0.1")
"""The axis spans at least this share of the largest figure, so a change of 92 to 93 does not look like a leap."""

# Class (for the site's CSS) and presentation attributes (for WeasyPrint) of each kind of mark.
_SVG = 'class="chart" role="img" font-family="DejaVu Sans, Arial, sans-serif" font-size="15"'
_GRID = 'class="chart-grid" stroke="#d0d0d0"'
_AXIS = 'class="chart-axis" fill="#4a4a4a"'
_LINE = 'class="chart-line" fill="none" stroke="#154273" stroke-width="3"'
_DOT = 'class="chart-dot" fill="#154273"'
_VALUE = 'class="chart-value" fill="#1a1a1a" font-weight="bold"'
_STEM = 'class="chart-target-stem" stroke="#9a4a00" stroke-width="2" stroke-dasharray="4 3"'
_TARGET = 'class="chart-target" fill="#ffffff" stroke="#9a4a00" stroke-width="2.5"'
_TARGET_LABEL = 'class="chart-target-label" fill="#9a4a00" font-weight="bold"'


@dataclass(frozen=True)
class _Point:
    period: Period
    value: Decimal


def indicator_chart(
    indicator: Indicator, columns: TableColumns, language: str, translate: Callable[..., str]
) -> str | None:
    """The chart's SVG markup, or None when the indicator has fewer than two figures to draw."""
    realised = [(period, _number(indicator, ValueKind.REALISED, period)) for period in columns.realised]
    targets = [
        _Point(period, value)
        for period in columns.target
        if (value := _number(indicator, ValueKind.TARGET, period)) is not None
    ]
    figures = [value for _, value in realised if value is not None] + [t.value for t in targets]
    if len(figures) < 2:
        return None
    periods = sorted({*columns.realised, *(t.period for t in targets)})
    x_of = {period: LEFT + (WIDTH - LEFT - RIGHT) * (i + 0.5) / len(periods) for i, period in enumerate(periods)}
    ticks = _ticks(min(figures), max(figures))
    low, high = ticks[0], ticks[-1]

    def y_of(value: Decimal) -> float:
        span = high - low or Decimal(1)
        return TOP + (HEIGHT - TOP - BOTTOM) * float((high - value) / span)

    def fmt(value: Decimal) -> str:
        return format_number(value, indicator.decimals, language)

    chart_id = f"grafiek-{indicator.id}"
    parts = [
        f'<svg {_SVG} aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(translate("chart_title", title=indicator.title))}</title>',
        f'<desc id="{chart_id}-d">{escape(describe(indicator, columns, language, translate))}</desc>',
    ]
    for tick in ticks:
        y = y_of(tick)
        parts.append(f'<line {_GRID} x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        label = format_number(tick, None, language)
        parts.append(f'<text {_AXIS} x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{escape(label)}</text>')
    for period in periods:
        parts.append(
            f'<text {_AXIS} x="{x_of[period]:.1f}" y="{HEIGHT - BOTTOM + 20}" '
            f'text-anchor="middle">{escape(period.label)}</text>'
        )
    for segment in _segments(realised):
        if len(segment) > 1:
            path = " ".join(
                f"{'M' if i == 0 else 'L'}{x_of[p.period]:.1f},{y_of(p.value):.1f}" for i, p in enumerate(segment)
            )
            parts.append(f'<path {_LINE} d="{path}"/>')
    for point in (p for segment in _segments(realised) for p in segment):
        x, y = x_of[point.period], y_of(point.value)
        parts.append(f'<circle {_DOT} cx="{x:.1f}" cy="{y:.1f}" r="5"/>')
        parts.append(
            f'<text {_VALUE} x="{x:.1f}" y="{y - 11:.1f}" text-anchor="middle">{escape(fmt(point.value))}</text>'
        )
    for target in targets:
        x, y = x_of[target.period] + 14, y_of(target.value)
        parts.append(f'<line {_STEM} x1="{x - 22:.1f}" x2="{x + 8:.1f}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(
            f'<path {_TARGET} d="M{x:.1f},{y - 7:.1f} L{x + 7:.1f},{y:.1f} '
            f'L{x:.1f},{y + 7:.1f} L{x - 7:.1f},{y:.1f} Z"/>'
        )
        parts.append(
            f'<text {_TARGET_LABEL} x="{x + 12:.1f}" y="{y + 4:.1f}" text-anchor="start">'
            f"{escape(fmt(target.value))}</text>"
        )
    legend_y = HEIGHT - 14
    parts.append(
        f'<g class="chart-legend" fill="#1a1a1a"><line {_LINE} x1="{LEFT}" x2="{LEFT + 28}" '
        f'y1="{legend_y - 4}" y2="{legend_y - 4}"/><circle {_DOT} cx="{LEFT + 14}" '
        f'cy="{legend_y - 4}" r="4"/><text x="{LEFT + 36}" y="{legend_y}">'
        f"{escape(translate('chart_realised'))}</text>"
    )
    if targets:
        lx = LEFT + 190
        parts.append(
            f'<path {_TARGET} d="M{lx},{legend_y - 11} L{lx + 7},{legend_y - 4} '
            f'L{lx},{legend_y + 3} L{lx - 7},{legend_y - 4} Z"/><text x="{lx + 14}" y="{legend_y}">'
            f"{escape(translate('chart_target'))}</text>"
        )
    parts.append("</g></svg>")
    return "".join(parts)


def describe(indicator: Indicator, columns: TableColumns, language: str, translate: Callable[..., str]) -> str:
    """The trend in words: the chart's description for screen readers, and a summary for everyone."""

    def fmt(value: Decimal) -> str:
        return format_number(value, indicator.decimals, language)

    points = [(p, v) for p in columns.realised if (v := _number(indicator, ValueKind.REALISED, p)) is not None]
    sentences = []
    if len(points) >= 2:
        (first_period, first), (last_period, last) = points[0], points[-1]
        direction = "trend_up" if last > first else "trend_down" if last < first else "trend_flat"
        sentences.append(
            translate(
                direction,
                first=fmt(first),
                first_period=first_period.label,
                last=fmt(last),
                last_period=last_period.label,
            )
        )
        top = max(points, key=lambda item: item[1])
        bottom = min(points, key=lambda item: item[1])
        sentences.append(
            translate(
                "trend_extremes",
                high=fmt(top[1]),
                high_period=top[0].label,
                low=fmt(bottom[1]),
                low_period=bottom[0].label,
            )
        )
    elif points:
        sentences.append(translate("trend_single", value=fmt(points[0][1]), period=points[0][0].label))
    missing = [p.label for p in columns.realised if _number(indicator, ValueKind.REALISED, p) is None]
    if missing:
        sentences.append(translate("trend_missing", periods=", ".join(missing)))
    for period in columns.target:
        value = indicator.value(ValueKind.TARGET, period)
        if value is not None and isinstance(value.figure, (Number, Range)):
            figure = value.figure
            text = fmt(figure.value) if isinstance(figure, Number) else f"{fmt(figure.low)}–{fmt(figure.high)}"
            sentences.append(translate("trend_target", period=period.label, value=text))
    return " ".join(sentences)


def _number(indicator: Indicator, kind: ValueKind, period: Period) -> Decimal | None:
    """The figure to draw: a number, or the middle of a range; None where there is no figure."""
    value = indicator.value(kind, period)
    if value is None:
        return None
    match value.figure:
        case Number(number):
            return number
        case Range(low, high):
            return (low + high) / 2
    return None


def _segments(series: list[tuple[Period, Decimal | None]]) -> list[list[_Point]]:
    """Runs of consecutive figures: a missing year breaks the line instead of bridging it."""
    segments: list[list[_Point]] = [[]]
    for period, value in series:
        if value is None:
            segments.append([])
        else:
            segments[-1].append(_Point(period, value))
    return [segment for segment in segments if segment]


def _ticks(low: Decimal, high: Decimal, count: int = 4) -> list[Decimal]:
    """Round axis values (steps of 1, 2 or 5 times a power of ten) that enclose low and high."""
    span = max(abs(low), abs(high)) * MIN_SPAN
    if high - low < span:
        middle = (low + high) / 2
        low, high = middle - span / 2, middle + span / 2
    if low == high:
        low, high = low - 1, high + 1
    raw = float(high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step_decimal = Decimal(str(step))
    start = (low / step_decimal).to_integral_value(rounding="ROUND_FLOOR") * step_decimal
    ticks = [start]
    while ticks[-1] < high:
        ticks.append(ticks[-1] + step_decimal)
    return [tick.normalize() if tick == tick.to_integral_value() else tick for tick in ticks]
