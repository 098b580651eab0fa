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
from verantwoord.model import Indicator, NoFigure, Number, Period, Range, TableColumns, Text, ValueKind

WIDTH, HEIGHT = 480, 250
LEFT, RIGHT, TOP, BOTTOM = 48, 44, 30, 64
MIN_SPAN = Decimal("0.1")
"""The axis spans at least this share of the largest figure, so a change of 92 to 93 does not look like a leap."""

# Class (for the site's CSS) and presentation attributes (for WeasyPrint) of each kind of mark.
_SVG = 'class="chart" role="img" font-family="DejaVu Sans, Arial, sans-serif" font-size="15"'
_GRID = 'class="chart-grid" stroke="#d0d0d0"'
_AXIS = 'class="chart-axis" fill="#4a4a4a"'
_LINE = 'class="chart-line" fill="none" stroke="#0b4f6c" stroke-width="3"'
_DOT = 'class="chart-dot" fill="#0b4f6c"'
_VALUE = 'class="chart-value" fill="#1a1a1a" font-weight="bold"'
_STEM = 'class="chart-target-stem" stroke="#9a4a00" stroke-width="2" stroke-dasharray="4 3"'
_TARGET = 'class="chart-target" fill="#ffffff" stroke="#9a4a00" stroke-width="2.5"'
_TARGET_LABEL = 'class="chart-target-label" fill="#9a4a00" font-weight="bold"'


@dataclass(frozen=True)
class _Point:
    """A figure on the chart: where it is drawn and the text it is labelled with, as published."""

    period: Period
    value: Decimal
    """Where it is drawn: the number, the middle of a range, or the number a text figure stands for."""
    label: str


def indicator_chart(
    indicator: Indicator,
    columns: TableColumns,
    language: str,
    translate: Callable[..., str],
    alt_with_trend: bool = False,
) -> str | None:
    """The chart's SVG markup, or None when the indicator has fewer than two figures to draw.

    `alt_with_trend` puts the description in the title too: a PDF takes a figure's alt text from the
    title alone, and the trend should not be lost there.
    """
    realised = [_point(indicator, ValueKind.REALISED, period, language) for period in columns.realised]
    targets = [t for period in columns.target if (t := _point(indicator, ValueKind.TARGET, period, language))]
    figures = [p.value for p in realised if p is not None] + [t.value for t in targets]
    if len(figures) < 2:
        return None
    periods = sorted({*columns.realised, *(t.period for t in targets)})
    x_of = {period: LEFT + (WIDTH - LEFT - RIGHT) * (i + 0.5) / len(periods) for i, period in enumerate(periods)}
    ticks = _ticks(min(figures), max(figures))
    low, high = ticks[0], ticks[-1]

    def y_of(value: Decimal) -> float:
        span = high - low or Decimal(1)
        return TOP + (HEIGHT - TOP - BOTTOM) * float((high - value) / span)

    chart_id = f"grafiek-{indicator.id}"
    title = translate("chart_title", title=indicator.title)
    description = describe(indicator, columns, language, translate)
    if alt_with_trend:
        title = f"{title}. {description}"
    parts = [
        f'<svg {_SVG} aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
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
    segments = _segments(realised)
    for segment in segments:
        if len(segment) > 1:
            path = " ".join(
                f"{'M' if i == 0 else 'L'}{x_of[p.period]:.1f},{y_of(p.value):.1f}" for i, p in enumerate(segment)
            )
            parts.append(f'<path {_LINE} d="{path}"/>')
    for point in (p for segment in segments for p in segment):
        x, y = x_of[point.period], y_of(point.value)
        parts.append(f'<circle {_DOT} cx="{x:.1f}" cy="{y:.1f}" r="5"/>')
        parts.append(f'<text {_VALUE} x="{x:.1f}" y="{y - 11:.1f}" text-anchor="middle">{escape(point.label)}</text>')
    for target in targets:
        x, y = x_of[target.period] + 14, y_of(target.value)
        parts.append(f'<line {_STEM} x1="{x - 22:.1f}" x2="{x + 8:.1f}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(
            f'<path {_TARGET} d="M{x:.1f},{y - 7:.1f} L{x + 7:.1f},{y:.1f} '
            f'L{x:.1f},{y + 7:.1f} L{x - 7:.1f},{y:.1f} Z"/>'
        )
        parts.append(
            f'<text {_TARGET_LABEL} x="{x + 12:.1f}" y="{y + 4:.1f}" text-anchor="start">{escape(target.label)}</text>'
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
    """The trend in words, with the figures as published: the chart's description for screen readers."""
    unit = indicator.unit.strip()

    def shown(point: _Point) -> str:
        if not unit:
            return point.label
        return f"{point.label}{unit}" if unit == "%" else f"{point.label} {unit}"

    points = [p for period in columns.realised if (p := _point(indicator, ValueKind.REALISED, period, language))]
    sentences = []
    if len(points) >= 2:
        first, last = points[0], points[-1]
        direction = (
            "trend_up" if last.value > first.value else "trend_down" if last.value < first.value else "trend_flat"
        )
        sentences.append(
            translate(
                direction,
                first=shown(first),
                first_period=first.period.label,
                last=shown(last),
                last_period=last.period.label,
            )
        )
        top = max(points, key=lambda p: p.value)
        bottom = min(points, key=lambda p: p.value)
        sentences.append(
            translate(
                "trend_extremes",
                high=shown(top),
                high_period=top.period.label,
                low=shown(bottom),
                low_period=bottom.period.label,
            )
        )
    elif points:
        sentences.append(translate("trend_single", value=shown(points[0]), period=points[0].period.label))
    missing = [p.label for p in columns.realised if _missing(indicator, ValueKind.REALISED, p)]
    if missing:
        sentences.append(translate("trend_missing", periods=", ".join(missing)))
    for period in columns.target:
        target = _point(indicator, ValueKind.TARGET, period, language)
        if target is not None:
            sentences.append(translate("trend_target", period=period.label, value=shown(target)))
    return " ".join(sentences)


def _point(indicator: Indicator, kind: ValueKind, period: Period, language: str) -> _Point | None:
    """The figure to draw, labelled as published; None where there is nothing to draw."""
    value = indicator.value(kind, period)
    if value is None:
        return None

    def fmt(number: Decimal) -> str:
        return format_number(number, indicator.decimals, language)

    match value.figure:
        case Number(number):
            return _Point(period, number, fmt(number))
        case Range(low, high):
            return _Point(period, (low + high) / 2, f"{fmt(low)}–{fmt(high)}")
        case Text(text, number) if number is not None:
            return _Point(period, number, text)
    return None


def _missing(indicator: Indicator, kind: ValueKind, period: Period) -> bool:
    """No figure at all: a text figure such as "n.v.t. (TK)" is published, so it is not missing."""
    value = indicator.value(kind, period)
    return value is None or isinstance(value.figure, NoFigure)


def _segments(series: list[_Point | None]) -> list[list[_Point]]:
    """Runs of consecutive figures: a missing year breaks the line instead of bridging it."""
    segments: list[list[_Point]] = [[]]
    for point in series:
        if point is None:
            segments.append([])
        else:
            segments[-1].append(point)
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
