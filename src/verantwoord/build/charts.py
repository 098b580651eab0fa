"""A small line chart per indicator, drawn at build time as inline SVG.

Written here rather than with a plotting library: the chart must be an accessible SVG element
(role="img", a title, and a description that states the trend), carry its values as text so it reads
without colour, and add no weight to a page of many indicators; matplotlib and friends produce
none of that. The table beside the chart remains its text alternative; no JavaScript is involved.

Colours are presentation attributes, not only CSS classes: WeasyPrint does not style inline SVG from
the page's stylesheet, and the site's CSS still overrides them for theming.

Realised figures are a solid line with filled dots; targets are open diamonds with a dashed stem
and a label, so the two differ in shape and line style as well as colour. The chart draws the realisations and
targets the indicator's table has a cell for (`shown_periods`), never a year the table leaves out.

The chart shrinks with the column. On a narrow screen (verantwoord.css) its text is larger, and its labels are placed
for that size too: fewer where they would overlap, each label that stands elsewhere there written twice.
"""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from html import escape

from verantwoord.build.format import format_number, period_name, shown_number
from verantwoord.build.tables import fixed_periods, shown_periods
from verantwoord.model import (
    OWN_SERIES,
    ColumnKind,
    Indicator,
    NoFigure,
    Number,
    Period,
    Range,
    SeriesPlacement,
    TableLayout,
    Text,
    Value,
    ValueKind,
)

WIDTH, HEIGHT = 480, 250
LEFT, RIGHT, TOP, BOTTOM = 48, 44, 30, 64
FONT_SIZE = 15
NARROW_FONT_SIZE = 22
"""The text's size on a chart narrower than 26rem (verantwoord.css), as on a phone: at 15 the chart, drawn 480 wide and
shown 288 px wide on a phone 320 px wide, had text of 9 px; at 22 it is 13 px. Labels are placed at both sizes; those
that only fit at 15 are shown on a wide chart only."""
MIN_SPAN = Decimal("0.1")
"""The axis spans at least this share of the largest figure, so a change of 92 to 93 does not look like a leap."""

# Each kind of mark is a group with a class (for the site's CSS) and presentation attributes (for
# WeasyPrint), which its elements inherit: a chart of ten years is then 3 KB instead of 5 KB.
_SVG = f'class="chart" role="img" font-family="DejaVu Sans, Arial, sans-serif" font-size="{FONT_SIZE}"'
_GRID = 'class="chart-grid" fill="none" stroke="#d0d0d0"'
_AXIS = 'class="chart-axis" fill="#4a4a4a"'
_LINE = 'class="chart-line" fill="none" stroke="#0b4f6c" stroke-width="3"'
_DOT = 'class="chart-dot" fill="#0b4f6c"'
_VALUE = 'class="chart-value" fill="#1a1a1a" font-weight="bold" text-anchor="middle"'
_STEM = 'class="chart-target-stem" fill="none" stroke="#9a4a00" stroke-width="2" stroke-dasharray="4 3"'
_TARGET = 'class="chart-target" fill="#ffffff" stroke="#9a4a00" stroke-width="2.5"'
_TARGET_LABEL = 'class="chart-target-label" fill="#9a4a00" font-weight="bold"'


@dataclass(slots=True, eq=False)
class _Point:
    """A figure on the chart: where it is drawn and the text it is labelled with, as published. Two points are the
    same point only if they are one object: asking whether a point is among those labelled compared every field.
    Not frozen, though never changed: a frozen dataclass sets each field through object.__setattr__, which made a
    point three times as slow to make, and a page makes about 130."""

    period: Period
    value: Decimal
    """Where it is drawn: the number, the middle of a range, or the number a text figure stands for."""
    label: str
    xml: str
    """The label escaped for the SVG: formatted numbers need no escaping, text figures do."""
    span: tuple[Decimal, Decimal] | None = None
    """For a range (or a text figure that stands for one), its ends as drawn: a target range is drawn as a bar."""
    said: str = ""
    """For a range, the words the description uses ("30 tot 32"): a screen reader is silent at the dash of "30–32"
    by default, and read "dertig tweeëndertig"."""
    is_text: bool = False
    """Labelled with a text figure ("79,3% (TK)"), which carries its own unit."""
    figure: tuple[str, ...] = ()
    """For a text figure, its number as written in the document's language and in Dutch ("7.1", "7,1"), to find it in
    the text: an English document's texts often come from a Dutch export."""


@dataclass(frozen=True, slots=True)
class _Figures:
    """What the chart and its description show of an indicator, looked up and formatted once."""

    realised: list[_Point | None]
    """Per realised period of the layout: its point, or None where nothing can be drawn."""
    missing: list[Period]
    """Realised periods without any figure (a text figure is published, so it is not missing)."""
    targets: list[_Point]
    no_targets: list[Period]
    """Target periods of the layout entered as 'geen cijfer': the table says 'geen streefcijfer', and so does the
    description."""
    texts: list[tuple[Period, str]]
    """Realised periods with a text in place of the figure, which the chart cannot draw: the description says it."""
    periods: tuple[Period, ...]
    """The realised periods drawn, one per item of `realised`."""
    language: str
    also: list[tuple[str, tuple[Period, ...] | str]]
    """What the table beside it shows that the chart does not draw: ("budget", its periods), ("series",
    "Nederland"). Without it, "only a figure for 2016" contradicted the baseline and budget in the table."""


def indicator_chart(
    indicator: Indicator,
    columns: TableLayout,
    language: str,
    translate: Callable[..., str],
    alt_with_trend: bool = False,
    narrow: bool = True,
) -> str | None:
    """The chart's SVG markup, or None when the indicator has fewer than two figures to draw.

    `alt_with_trend` puts the description in the title too: a PDF takes a figure's alt text from the
    title alone, and the trend should not be lost there. `narrow`: the chart is also laid out for a narrow screen,
    with larger text (`NARROW_FONT_SIZE`); a PDF, always as wide, needs no such layout.
    """
    figures = _figures(indicator, columns, language)
    targets = figures.targets
    drawn = [p for p in figures.realised if p is not None] + targets
    if len(drawn) < 2:
        return None
    ticks = _ticks(
        min(p.span[0] if p.span else p.value for p in drawn), max(p.span[1] if p.span else p.value for p in drawn)
    )
    plan = _plan(columns)
    if figures.periods is plan.years and len(targets) == len(plan.targets or ()):  # the layout's years, as most are
        periods, places = plan.periods, plan.places
    else:
        periods = tuple(sorted({*figures.periods, *(t.period for t in targets)}))
        places = _places(periods)[-1] + 1
    frame = _frame(ticks, [t.label for t in targets], plan, periods, places, language, narrow)
    # A figure at the foot of the plot between rising lines (a V: 80, 60, 85) has no room for its label under it, and
    # the line runs over it: the axis reaches a step lower. Not below a foot of zero: figures of 0 and more get no
    # negative axis.
    if ticks[0] and _cramped_at_foot(figures.realised, frame, narrow):
        frame = _frame(
            [2 * ticks[0] - ticks[1], *ticks], [t.label for t in targets], plan, periods, places, language, narrow
        )
    ticks, left, right, x_of, y_of = frame.ticks, frame.left, frame.right, frame.x_of, frame.y_of

    chart_id = f"grafiek-{indicator.id}"
    title = translate("chart_title", title=indicator.title)
    description = _describe(figures, indicator.unit.strip(), translate)
    if alt_with_trend:
        title = f"{title}. {description}"
    ys = [y_of(tick) for tick in ticks]
    parts = [
        # Named by the title, described by the desc: with both in aria-labelledby, Chromium gave the trend as the name
        # and again as the description, and a screen reader said it twice.
        f'<svg {_SVG} aria-labelledby="{chart_id}-t" aria-describedby="{chart_id}-d" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(description)}</desc>',
        f'<path {_GRID} d="{"".join(f"M{left} {_n(y)}H{WIDTH - right}" for y in ys)}"/>',
        f'<g {_AXIS} text-anchor="end">',
        *(
            f'<text x="{left - 8}" y="{_n(y + 4)}">{label}</text>'
            for label, y in zip(frame.tick_labels, ys, strict=True)
        ),
        "</g>",
        frame.time_axis,
    ]
    points, labelled, lines = [], [], []
    for segment in _segments(figures.realised):
        drawn_at = [(x_of[p.period], y_of(p.value), p.xml) for p in segment]
        points += drawn_at
        labelled += segment
        if len(drawn_at) > 1:
            path = "L".join(f"{_n(x)} {_n(y)}" for x, y, _ in drawn_at)
            parts.append(f'<path {_LINE} d="M{path}"/>')
            lines += [(x0, y0, x1, y1) for (x0, y0, _), (x1, y1, _) in itertools.pairwise(drawn_at)]
    parts.append(f"<g {_DOT}>")
    parts += [f'<circle cx="{_n(x)}" cy="{_n(y)}" r="5"/>' for x, y, _ in points]
    parts.append("</g>")
    # Each label where it fits whole, clear of the others, off the marks and not crossed by the line: the last figure
    # first, then the targets, then the first, the highest and the lowest figure, then the others. The last figure and
    # a target that fit nowhere clear still stand where they overlap no other label; another figure that fits nowhere
    # clear first asks the one or two labels in its way to move to another of their spots, and is left out where they
    # cannot: the table beside the chart has every figure. A narrow chart's text is larger: its labels are placed
    # apart, and a label that stands elsewhere there, or only there, is written twice (class chart-wide, chart-narrow).
    values = [(x, y, label, point) for (x, y, label), point in zip(points, labelled, strict=True)]
    dots = [(x - 5, y - 5, x + 5, y + 5) for x, y, _ in points]
    drawn = _Drawn(dots, [x for x, _, _ in points], [], lines, [line[2] for line in lines])
    marked = []
    for target in targets:
        x, y = x_of[target.period] + 14, y_of(target.value)
        box = _mark_box(x, y, target.span and (y_of(target.span[1]), y_of(target.span[0])))
        marked.append((x, y, target.xml, box))
        drawn.marks += (box, (x - 22, y - 1, x + 8, y + 1))  # the mark and its stem
    last = len(values) - 1
    extremes = (max(p.value for p in labelled), min(p.value for p in labelled)) if labelled else ()
    ends = [n for n in range(last) if values[n][3] is labelled[0] or values[n][3].value in extremes]
    order = [last, *ends, *(n for n in range(last) if n not in ends)] if values else []
    # Values by their number, targets by -1 - theirs.
    sequence = [*order[:1], *range(-1, -1 - len(marked), -1), *order[1:]]
    figures = _Points([(x, y) for x, y, _, _ in values])

    def choices(n: int, size: int) -> tuple[Iterable[_Spot], tuple[float, float]]:
        """Where label `n` may stand, and how far it reaches."""
        if n >= 0:
            x, y, label, _ = values[n]
            extent = _extent(label, size)
            return _value_spots(x, y, extent[0] / 2, left, figures, size), extent
        x, y, label, box = marked[-1 - n]
        extent = _extent(label, size)
        return _target_spots(x, y, extent[1], box, size), extent

    def placed(size: int) -> dict[int, tuple[float, float, str]]:
        taken: list[_Box] = []
        owners: list[int] = []  # whose label each of `taken` is
        spots = {}
        for n in sequence:
            options, extent = choices(n, size)
            if n >= 0:
                spot = _place(options, extent, left, taken, drawn, size, n == last) or make_room(
                    options, extent, taken, owners, spots, size
                )
            else:  # a target keeps its label: a line further off, rather than where the line runs through it
                spot = _place(options, extent, left, taken, drawn, size, False) or _place(
                    options + _further(options, size), extent, left, taken, drawn, size, True
                )
            if spot:
                spots[n] = spot
                owners.append(n)
        return spots

    def make_room(
        options: Iterable[_Spot],
        extent: tuple[float, float],
        taken: list[_Box],
        owners: list[int],
        spots: dict[int, _Spot],
        size: int,
    ) -> _Spot | None:
        """For a figure that fits nowhere clear, as a label placed before it took the spot it needed ("1.242.989" over
        its point, where "1.261.573" beside it had to stand): the first of its spots clear of all but one or two
        labels, where those move to another of their own clear spots. Only tried where a figure would be left out."""
        for spot in options:
            own: list[_Box] = []
            if _place([spot], extent, left, own, drawn, size, False) is None:
                continue  # outside the plot, on a mark or crossed by the line
            blockers = [i for i, box in enumerate(taken) if _hits(own[0], [box], GAP)]
            if len(blockers) > 2:
                continue
            rest = [box for i, box in enumerate(taken) if i not in blockers] + own
            moved = []
            for i in blockers:
                other, other_extent = choices(owners[i], size)
                elsewhere = _place(other, other_extent, left, rest, drawn, size, False)
                if elsewhere is None:
                    break
                moved.append((i, elsewhere, rest[-1]))
            else:
                for i, elsewhere, box in moved:
                    taken[i], spots[owners[i]] = box, elsewhere
                taken.append(own[0])
                return spot
        return None

    wide = placed(FONT_SIZE)
    small = placed(NARROW_FONT_SIZE) if narrow else wide

    def text(n: int, label: str) -> str:
        spot, narrow_spot = wide.get(n), small.get(n)
        if spot == narrow_spot:
            return _text(spot, label, "", n >= 0)
        return _text(spot, label, "chart-wide", n >= 0) + _text(narrow_spot, label, "chart-narrow", n >= 0)

    parts.append(f"<g {_VALUE}>")
    parts += [text(n, label) for n, (_, _, label, _) in enumerate(values)]
    parts.append("</g>")
    if targets:
        parts.append(f"<g {_STEM}>")
        parts += [f'<path d="M{_n(x - 22)} {_n(y)}H{_n(x + 8)}"/>' for x, y, _, _ in marked]
        parts.append(f"</g><g {_TARGET}>")
        parts += [
            _target_mark(x, y, target.span and (y_of(target.span[1]), y_of(target.span[0])))
            for (x, y, _, _), target in zip(marked, targets, strict=True)
        ]
        parts.append(f"</g><g {_TARGET_LABEL}>")
        parts += [text(-1 - n, label) for n, (_, _, label, _) in enumerate(marked)]
        parts.append("</g>")
    legend_y = HEIGHT - 14
    # The legend's mark for the realisations is the one drawn: a dot on a line, or a dot alone where no two years
    # in a row have a figure.
    line = f'<path {_LINE} d="M{LEFT} {legend_y - 4}h28"/>' if lines else ""
    parts.append(
        f'<g class="chart-legend" fill="#1a1a1a">{line}'
        f'<circle {_DOT} cx="{LEFT + 14}" cy="{legend_y - 4}" r="4"/><text x="{LEFT + 36}" y="{legend_y}">'
        f"{escape(translate('chart_realised'))}</text>"
    )
    if targets:
        lx = LEFT + 190
        # The legend's mark is the one drawn: a bar where every target is a range.
        span = (legend_y - 13, legend_y + 3) if all(t.span for t in targets) else None
        parts.append(
            f'<g {_TARGET}>{_target_mark(lx, legend_y - 4, span)}</g><text x="{lx + 14}" y="{legend_y}">'
            f"{escape(translate('chart_target'))}</text>"
        )
    parts.append("</g></svg>")
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class _Frame:
    """Where a chart draws: its axis' ticks and their labels, the margins beside the plot, and the time axis."""

    ticks: list[Decimal]
    tick_labels: list[str]
    left: int
    right: int
    x_of: dict[Period, float]
    time_axis: str
    scale: float
    """Pixels per unit of the figures."""

    def y_of(self, value: Decimal) -> float:
        return TOP + self.scale * float(self.ticks[-1] - value)


def _frame(
    ticks: list[Decimal],
    target_labels: list[str],
    plan: _Plan,
    periods: tuple[Period, ...],
    places: int,
    language: str,
    narrow: bool,
) -> _Frame:
    # Every label with the step's decimals: "1,6 1,8 2,0 2,2", not "1,6 1,8 2 2,2".
    decimals = max(-min(tick.as_tuple().exponent for tick in ticks), 0)
    tick_labels = [format_number(tick, decimals, language) for tick in ticks]
    left, right = _margins(tick_labels, target_labels, places, narrow)
    if periods is plan.periods:
        axis = plan.axes.get((left, right, narrow))
        if axis is None:
            axis = plan.axes[left, right, narrow] = _time_axis(periods, left, right, narrow)
    else:
        axis = _time_axis(periods, left, right, narrow)
    scale = (HEIGHT - TOP - BOTTOM) / float(ticks[-1] - ticks[0] or 1)
    return _Frame(ticks, tick_labels, left, right, *axis, scale)


def _cramped_at_foot(realised: list[_Point | None], frame: _Frame, narrow: bool) -> bool:
    """Whether a figure too near the foot of the plot for a label under it has no spot clear of the line over it or at
    its corner either, at either size of the text, clear of the labels of such figures left of it: at the bottom of a
    V the line runs over it on both sides, and its label belongs under it, not lifted between the lines."""
    sizes = (FONT_SIZE, NARROW_FONT_SIZE) if narrow else (FONT_SIZE,)
    low = [(point, frame.y_of(point.value)) for point in realised if point is not None]
    low = [
        (point, y)
        for point, y in low
        if any(y + 9 + ASCENT * size + _descent(point.xml, size) > _plot_bottom(size) for size in sizes)
    ]
    if not low:
        return False
    points = []
    lines: list[_Segment] = []
    for segment in _segments(realised):
        drawn_at = [(frame.x_of[p.period], frame.y_of(p.value)) for p in segment]
        points += drawn_at
        lines += [(x0, y0, x1, y1) for (x0, y0), (x1, y1) in itertools.pairwise(drawn_at)]
    dots = [(x - 5, y - 5, x + 5, y + 5) for x, y in points]
    drawn = _Drawn(dots, [x for x, _ in points], [], lines, [line[2] for line in lines])
    figures = _Points(points)
    for size in sizes:
        taken: list[_Box] = []  # two at the foot side by side (72, 72 between 86 and 83) fit each at the corner the
        # other one needs
        for point, y in low:
            x = frame.x_of[point.period]
            extent = _extent(point.xml, size)
            spots = _value_spots(x, y, extent[0] / 2, frame.left, figures, size, lifted=False)
            if _place(spots, extent, frame.left, taken, drawn, size, False) is None:
                return True
    return False


def _text(spot: tuple[float, float, str] | None, label: str, css_class: str, value: bool) -> str:
    """A figure's (`value`) or a target's label at its spot, if any. Values are centred and targets start at x, unless
    the spot says otherwise: a value at the chart's edge lies against it, and a target may be centred over its mark."""
    if spot is None:
        return ""
    x, y, anchor = spot
    attributes = (f' class="{css_class}"' if css_class else "") + (
        f' text-anchor="{anchor}"' if anchor != ("middle" if value else "start") else ""
    )
    return f'<text{attributes} x="{_n(x)}" y="{_n(y)}">{label}</text>'


def _target_mark(x: float, y: float, span: tuple[float, float] | None) -> str:
    """A target: a diamond at its figure, or a bar from end to end of a range. At the middle of a range a diamond
    read as a target of that one figure (30–32 drawn as 31, level with a realised 31)."""
    if span is None:
        return f'<path d="M{_n(x)} {_n(y - 7)}l7 7-7 7-7-7z"/>'
    top, bottom = span
    if bottom - top < 8:  # a narrow range stays a bar, not a line
        top, bottom = y - 4, y + 4
    return f'<path d="M{_n(x - 5)} {_n(top)}h10v{_n(bottom - top)}h-10z"/>'


_Box = tuple[float, float, float, float]
"""Left, top, right, bottom, in pixels of the chart."""

ASCENT = 11.5 / FONT_SIZE
"""How far a label reaches above its baseline, in em: 0.76 of DejaVu Sans Bold (digits 0.74, brackets 0.76)."""
GAP = 1
"""The least space between two labels."""
_FIGURE_CHARS = frozenset("0123456789.,-–% ")


def _descent(label: str, size: float) -> float:
    """How far a label reaches below its baseline: a figure's comma 0.14 em, a text's g or p 0.22 em."""
    return size * (2.2 if _FIGURE_CHARS.issuperset(label) else 3.5) / FONT_SIZE


def _plot_bottom(size: float) -> float:
    """How low a label may reach: the years' labels under the plot, and the legend, lie below."""
    return HEIGHT - BOTTOM + 20 - ASCENT * size


def _mark_box(x: float, y: float, span: tuple[float, float] | None) -> _Box:
    """The box of a target's mark as `_target_mark` draws it."""
    if span is None:
        return x - 7, y - 7, x + 7, y + 7
    top, bottom = span
    if bottom - top < 8:
        top, bottom = y - 4, y + 4
    return x - 5, top, x + 5, bottom


_Segment = tuple[float, float, float, float]
"""A stretch of the line, from x0, y0 to x1, y1, with x0 < x1: the line runs from year to year."""

_Spot = tuple[float, float, str]
"""Where a label may stand: x and y as written in its text element, and its text-anchor."""


@lru_cache(maxsize=4096)
def _extent(label: str, size: float) -> tuple[float, float]:
    """How wide a bold label is at `size`, and how far it reaches below its baseline: once per label and size, not
    for each spot tried."""
    return _width(label, _EM_BOLD, size), _descent(label, size)


def _value_spots(
    x: float,
    y: float,
    half: float,
    left: int,
    figures: _Points,
    size: float,
    lifted: bool = True,
) -> _Spots:
    """Where a figure's label (`half` as wide as it is) may stand: centred over its point or under it, or, where the
    line runs there, at its corner: over and to the left or right, under and to the left or right; last, where the
    line runs steeply past those too, centred a quarter or half a line further over or under it (`lifted`). A label at
    a corner stays nearer its own point than any other of the chart's `figures`, or it reads as that figure's. Nearer,
    not only in x: on a phone a label is wider than a year's step, and a corner over a falling line, far above the next
    year's point, was not tried, and the figure was left out. Near the chart's edge the centred label lies against the
    edge instead, where it is at either size."""
    if 2 * half >= WIDTH - left or left + half <= x <= WIDTH - half:
        at, anchor = x, "middle"
    else:
        at, anchor = (left, "start") if x < left + half else (WIDTH, "end")

    def further() -> list[_Spot]:
        spots = []
        middle = ASCENT * size / 2  # from the baseline up to the middle of the digits
        for baseline in (y - 7, y + 5 + ASCENT * size):
            for side, end in _CORNERS:
                # The label's middle, and how far its own point is from it.
                mx, my = x + side * (5 + half), baseline - middle
                if figures.nearest_is(x, y, mx, my):
                    spots.append((x + side * 5, baseline, end))
        if lifted:
            spots += [
                (at, baseline, anchor)
                for lift in (size / 4, size / 2)
                for baseline in (y - 11 - lift, y + 9 + ASCENT * size + lift)
            ]
        return spots

    return _Spots([(at, y - 11, anchor), (at, y + 9 + ASCENT * size, anchor)], further)


class _Spots:
    """A label's spots in the order they are tried, the later ones worked out only when the first do not do: most
    labels stand over or under their point, and finding the corners clear of other points was a tenth of a chart."""

    __slots__ = ("first", "later", "made")

    def __init__(self, first: list[_Spot], later: Callable[[], list[_Spot]]) -> None:
        self.first, self.later, self.made = first, later, None

    def __iter__(self) -> Iterator[_Spot]:
        yield from self.first
        if self.made is None:
            self.made = self.later()
        yield from self.made


_CORNERS = ((-1, "end"), (1, "start"))


class _Points:
    """A chart's figures' points, by x: which is nearest a spot is asked of the few within reach, not of every point
    (asked of all, for each corner of each label tried, it made a section page's charts a quarter slower)."""

    def __init__(self, points: list[tuple[float, float]]) -> None:
        points = sorted(points)
        self.xs = [x for x, _ in points]
        self.ys = [y for _, y in points]

    def nearest_is(self, x: float, y: float, mx: float, my: float) -> bool:
        """Whether the point at `x`, `y` is nearer the spot `mx`, `my` than any other point."""
        own = (mx - x) ** 2 + (my - y) ** 2
        reach = math.sqrt(own) + 1e-6  # a point further off in x alone is further off
        xs, ys = self.xs, self.ys
        for i in range(bisect_left(xs, mx - reach), bisect_right(xs, mx + reach)):
            ox, oy = xs[i], ys[i]
            if (ox != x or oy != y) and (mx - ox) ** 2 + (my - oy) ** 2 <= own:
                return False
        return True


def _target_spots(x: float, y: float, descent: float, mark: _Box, size: float) -> list[_Spot]:
    """Where a target's label (reaching `descent` below its baseline) may stand: beside its mark, level with it, a
    line higher or a line lower; or centred over or under it."""
    return [
        (x + 12, y + 4, "start"),
        (x + 12, y - 11, "start"),
        (x + 12, y + 19, "start"),
        (x, mark[1] - 2 - descent, "middle"),
        (x, mark[3] + 2 + ASCENT * size, "middle"),
    ]


def _further(spots: list[_Spot], size: float) -> list[_Spot]:
    """A target's spots a line further up and down, for a label that fits at none of them: beside the last figure's
    label, as a target a year after it close to it, the target lost its label, which the chart says it always has."""
    return [(x, y + shift, anchor) for x, y, anchor in spots for shift in (-size, size)]


def _place(
    spots: Iterable[_Spot],
    extent: tuple[float, float],
    left: int,
    taken: list[_Box],
    drawn: _Drawn,
    size: float,
    sure: bool,
) -> tuple[float, float, str] | None:
    """The first spot where a bold label of this `extent` (`_extent`) stands whole within the plot and right of it
    (`left`, where the axis labels end), clear of the labels `taken`, off the marks and not crossed by the line
    (`drawn`); failing that, for a label that must be `sure` to stand, the first clear of the labels. Its box joins
    `taken`; None where no spot is."""
    width, descent = extent
    ascent, bottom, inner_left, inner_right = ASCENT * size, _plot_bottom(size), left - 0.1, WIDTH + 0.1
    fallback = fallback_box = None
    for spot in spots:  # most often the first fits: each box is made when it is tried
        x, y, anchor = spot
        start = x - (0 if anchor == "start" else width / 2 if anchor == "middle" else width)
        end, top, low = start + width, y - ascent, y + descent
        if start <= inner_left or end >= inner_right or top < 0 or low > bottom:
            continue
        box = (start, top, end, low)
        if _hits(box, taken, GAP):
            continue
        if drawn.clear(box):
            fallback, fallback_box = spot, box
            break
        if sure and fallback is None:
            fallback, fallback_box = spot, box
    if fallback_box is None:
        return None
    taken.append(fallback_box)
    return fallback


@dataclass(slots=True)
class _Drawn:
    """What a label stays off: the dots (from left to right), the targets and their stems, and the line's stretches."""

    dots: list[_Box]
    xs: list[float]
    """The dots' middles."""
    marks: list[_Box]
    lines: list[_Segment]
    ends: list[float]
    """Where each of the `lines` ends in x."""

    def clear(self, box: _Box) -> bool:
        """Whether `box` is off every mark and not crossed by the line. Only the dots and stretches of the line near
        it in x are looked at: a dot is 10 wide, and a label is tried at a few spots for each figure, twice."""
        left, top, right, bottom = box
        xs, dots = self.xs, self.dots
        for n in range(bisect_left(xs, left - 6), bisect_right(xs, right + 6)):
            dot_left, dot_top, dot_right, dot_bottom = dots[n]
            if left < dot_right and dot_left < right and top < dot_bottom and dot_top < bottom:
                return False
        if self.marks and _hits(box, self.marks, 0):
            return False
        start = bisect_right(self.ends, left - LINE_CLEARANCE)
        return start == len(self.lines) or not _crosses(box, self.lines[start:])


def _hits(box: _Box, others: list[_Box], gap: float) -> bool:
    """Whether `box` comes closer than `gap` to any of `others`."""
    left, top, right, bottom = box
    left, top, right, bottom = left - gap, top - gap, right + gap, bottom + gap
    for other_left, other_top, other_right, other_bottom in others:  # a loop: any() over a generator took twice as long
        if left < other_right and other_left < right and top < other_bottom and other_top < bottom:
            return True
    return False


LINE_CLEARANCE = 2
"""How near a label's box may come to the middle of the line: half its width (3), and half a pixel."""


def _crosses(box: _Box, lines: list[_Segment]) -> bool:
    """Whether a stretch of the line (`lines`, in time order) comes within `LINE_CLEARANCE` of `box`: where the line
    runs through a label, the label is hard to read."""
    left, top, right, bottom = box
    left, top, right, bottom = (
        left - LINE_CLEARANCE,
        top - LINE_CLEARANCE,
        right + LINE_CLEARANCE,
        bottom + LINE_CLEARANCE,
    )
    for x0, y0, x1, y1 in lines:  # from left to right: past the box, none of the rest reaches it
        if x0 >= right:
            break
        if x1 <= left:
            continue
        # Where the line is over the box's width: it crosses the box if it is within the box's height there.
        slope = (y1 - y0) / (x1 - x0)
        ya = y0 + slope * ((x0 if x0 > left else left) - x0)
        yb = y0 + slope * ((x1 if x1 < right else right) - x0)
        if (ya < bottom or yb < bottom) and (ya > top or yb > top):
            return True
    return False


def describe(indicator: Indicator, columns: TableLayout, language: str, translate: Callable[..., str]) -> str:
    """The trend in words, with the figures as published: the chart's description for screen readers."""
    return _describe(_figures(indicator, columns, language), indicator.unit, translate)


def _has_unit(text: str, unit: str) -> bool:
    """Whether a text figure says its unit itself: "79,3% (TK)", and for % also "ruim 80 procent"."""
    lowered = text.lower()
    return unit.lower() in lowered or (unit == "%" and re.search(r"\b(procent|percent|pct)\b", lowered) is not None)


def _describe(figures: _Figures, unit: str, translate: Callable[..., str]) -> str:
    unit = _unit_after_figure(unit)

    def name(period: Period) -> str:
        return period_name(period, figures.language)

    def shown(point: _Point) -> str:
        if not unit or (point.is_text and _has_unit(point.label, unit)):  # "79,3% (TK)" has its own
            return point.said or point.label
        after = unit if unit == "%" else f" {unit}"
        if point.is_text:  # after the figure in the text ("80% of meer", not "80 of meer%"); a text without it
            for written in point.figure:
                found = re.search(rf"(?<![\d.,]){re.escape(written)}(?![\d]|[.,]\d)", point.label)
                if found:
                    return point.label[: found.end()] + after + point.label[found.end() :]
            return point.label
        return (point.said or point.label) + after

    points = [p for p in figures.realised if p is not None]
    sentences = []
    if len(points) >= 2:
        first, last = points[0], points[-1]
        high = max(p.value for p in points)
        low = min(p.value for p in points)
        # "Gelijk gebleven" only when every figure is the same: 78, 79, 85, 83, 78 went up and came down again.
        direction = {1: "trend_up", -1: "trend_down", 0: "trend_flat" if high == low else "trend_back"}
        sentences.append(
            translate(
                direction[_sign(last.value - first.value)],
                first=shown(first),
                first_period=name(first.period),
                last=shown(last),
                last_period=name(last.period),
            )
        )
        if len(points) > 2:  # the change a reader asks about first, which the first and last figure can hide
            before = points[-2]
            sentences.append(
                translate(
                    {1: "trend_last_up", -1: "trend_last_down", 0: "trend_last_flat"}[_sign(last.value - before.value)],
                    before=shown(before),
                    before_period=name(before.period),
                    last=shown(last),
                    last_period=name(last.period),
                )
            )
        if high != low:  # all equal: "gelijk gebleven" said it
            # Every period that reached it: "hoogste 93% in 2018" hid that 2019 had 93% too.
            tops = [p for p in points if p.value == high]
            bottoms = [p for p in points if p.value == low]
            sentences.append(
                translate(
                    "trend_extremes",
                    high=shown(tops[0]),
                    high_period=_listed([name(p.period) for p in tops], translate),
                    low=shown(bottoms[0]),
                    low_period=_listed([name(p.period) for p in bottoms], translate),
                )
            )
    elif points:
        sentences.append(translate("trend_single", value=shown(points[0]), period=name(points[0].period)))
    for period, text in figures.texts:
        sentences.append(translate("trend_text", period=name(period), text=text))
    if figures.missing:
        sentences.append(translate("trend_missing", periods=_listed([name(p) for p in figures.missing], translate)))
    for target in figures.targets:
        sentences.append(translate("trend_target", period=name(target.period), value=shown(target)))
    if figures.no_targets:
        sentences.append(
            translate("trend_no_target", periods=_listed([name(p) for p in figures.no_targets], translate))
        )
    if figures.also:
        parts = [
            translate(
                f"trend_also_{what}",
                which=which if isinstance(which, str) else _listed([name(p) for p in which], translate),
            )
            for what, which in figures.also
        ]
        sentences.append(translate("trend_also", what=_listed(parts, translate)))
    return " ".join(sentences)


def _sign(difference: Decimal) -> int:
    return (difference > 0) - (difference < 0)


@lru_cache(maxsize=256)
def _unit_after_figure(unit: str) -> str:
    """The unit as it reads after a figure: "aantal" names what is counted, so "2.310 aantal" becomes "2.310",
    "aantal per 1.000 inwoners" becomes "per 1.000 inwoners", and "number of visitors" becomes "visitors"."""
    return _COUNTED.sub("", unit.strip())


_COUNTED = re.compile(r"^(?:aantal|number(?: of)?)(?:\s+|$)", re.IGNORECASE)


def _listed(labels: list[str], translate: Callable[..., str]) -> str:
    """ "2018", "2018 en 2019", "2016, 2017 en 2019"."""
    if len(labels) < 2:
        return "".join(labels)
    return f"{', '.join(labels[:-1])}{translate('list_and')}{labels[-1]}"


def _figures(indicator: Indicator, columns: TableLayout, language: str) -> _Figures:
    plan = _plan(columns)
    realised: list[_Point | None] = []
    missing = []
    texts = []
    # Only the years the latest measurement adds as a column of its own: a quarter among years has no place.
    periods = plan.years
    if periods is None:
        periods = tuple(p for p in shown_periods(columns, indicator, ValueKind.REALISED) if p.is_year)
    for period in periods:
        value = indicator.value(ValueKind.REALISED, period)
        if value is None or isinstance(value.figure, NoFigure):
            missing.append(period)
            realised.append(None)
        else:
            realised.append(point := _point(value, indicator.decimals, language))
            if point is None and isinstance(value.figure, Text):
                texts.append((period, value.figure.text))
    targets, no_targets = [], []
    target_periods = plan.targets
    for period in shown_periods(columns, indicator, ValueKind.TARGET) if target_periods is None else target_periods:
        value = indicator.value(ValueKind.TARGET, period)
        if value is not None and (point := _point(value, indicator.decimals, language)) is not None:
            targets.append(point)
        elif value is not None and isinstance(value.figure, NoFigure):
            no_targets.append(period)
    also = _not_drawn(indicator, columns, plan)
    return _Figures(realised, missing, targets, no_targets, texts, periods, language, also)


_NOT_DRAWN = (
    (ValueKind.BASELINE, "baseline"),
    (ValueKind.BUDGET, "budget"),
    (ValueKind.EXPECTED, "expected"),
    (ValueKind.REALISED, "realised"),
)


def _not_drawn_periods(periods: tuple[Period, ...], kind: ValueKind) -> tuple[Period, ...]:
    """Those of the table's `periods` of `kind` its chart does not draw if they have a value: all but realised years."""
    return periods if kind is not ValueKind.REALISED else tuple(p for p in periods if not p.is_year)


@dataclass(frozen=True, slots=True)
class _Plan:
    """What a chart takes from its table's layout, the same for each indicator of a section: looked up once per
    layout, not hashing the layout (its columns and their periods) six times for each chart."""

    years: tuple[Period, ...] | None
    """The realised years drawn; None where they depend on the indicator (the latest measurement)."""
    targets: tuple[Period, ...] | None
    not_drawn: tuple[tuple[ValueKind, str, tuple[Period, ...] | None], ...]
    """Per kind of `_NOT_DRAWN`, the periods the table shows and the chart does not draw, where the same for each
    indicator."""
    series: frozenset[str] | None
    """The comparison series the table has columns for; None where each series gets a row (`reeksen: rijen`)."""
    periods: tuple[Period, ...] | None
    """The years and targets on the time axis of a chart that draws every target of the layout."""
    places: int
    """How many places that time axis has (`_places`)."""
    axes: dict[tuple[int, int, bool], tuple[dict[Period, float], str]]
    """That time axis (`_time_axis`) by the chart's margins and whether it is narrow."""


_PLANS: dict[int, tuple[TableLayout, _Plan]] = {}
"""Plans by the id of their layout, which they hold: a document has a layout, and one per section that sets its own."""


def _plan(columns: TableLayout) -> _Plan:
    found = _PLANS.get(id(columns))
    if found is not None and found[0] is columns:
        return found[1]
    realised = fixed_periods(columns, ValueKind.REALISED)
    not_drawn = []
    for kind, what in _NOT_DRAWN:
        periods = fixed_periods(columns, kind)
        not_drawn.append((kind, what, None if periods is None else _not_drawn_periods(periods, kind)))
    series = None
    if columns.series is not SeriesPlacement.ROWS:
        series = frozenset(column.series for column in columns.shown_columns if column.what is ColumnKind.SERIES)
    years = None if realised is None else tuple(p for p in realised if p.is_year)
    targets = fixed_periods(columns, ValueKind.TARGET)
    periods = None if years is None else tuple(sorted({*years, *(targets or ())}))
    places = _places(periods)[-1] + 1 if periods else 0
    plan = _Plan(years, targets, tuple(not_drawn), series, periods, places, {})
    if len(_PLANS) >= 64:  # layouts of documents built before, in `serve` or the tests
        _PLANS.clear()
    _PLANS[id(columns)] = (columns, plan)
    return plan


def _not_drawn(indicator: Indicator, columns: TableLayout, plan: _Plan) -> list[tuple[str, str]]:
    """The figures of the indicator's table that its chart leaves out: other kinds than realised and target,
    realised periods other than years, and comparison series."""
    also: list[tuple[str, tuple[Period, ...] | str]] = []
    for kind, what, candidates in plan.not_drawn:
        if candidates is None:
            candidates = _not_drawn_periods(shown_periods(columns, indicator, kind), kind)
        periods = tuple(period for period in candidates if indicator.value(kind, period) is not None)
        if periods:
            also.append((what, periods))
    if plan.series is None:
        shown = {value.series for value in indicator.values}
    elif plan.series:
        shown = plan.series & {value.series for value in indicator.values}
    else:
        return also
    return [*also, *(("series", name) for name in sorted(shown - {OWN_SERIES}))]


_TO = {"nl": " tot ", "en": " to "}


def _point(value: Value, decimals: int | None, language: str) -> _Point | None:
    """The figure to draw, labelled as published; None where there is nothing to draw."""
    figure = value.figure
    kind = type(figure)  # not `match`: its class patterns made this twice as slow, for every point
    # Drawn and compared as shown: 59,6 and 60 with no decimals are both 60, not "gestegen van 60% naar 60%".
    if kind is Number:
        label = format_number(figure.value, decimals, language)
        return _Point(value.period, shown_number(figure.value, decimals), label, label)
    if kind is Range:
        low, high = format_number(figure.low, decimals, language), format_number(figure.high, decimals, language)
        middle = (shown_number(figure.low, decimals) + shown_number(figure.high, decimals)) / 2
        ends = (shown_number(figure.low, decimals), shown_number(figure.high, decimals))
        return _Point(
            value.period, middle, f"{low}–{high}", f"{low}–{high}", span=ends, said=f"{low}{_TO[language]}{high}"
        )
    if kind is Text and figure.number is not None:
        written = tuple(dict.fromkeys(format_number(figure.number, None, locale) for locale in (language, "nl")))
        return _Point(value.period, figure.number, figure.text, escape(figure.text), is_text=True, figure=written)
    if kind is Text and figure.span is not None:
        ends = (shown_number(figure.span.low, decimals), shown_number(figure.span.high, decimals))
        return _Point(value.period, sum(ends) / 2, figure.text, escape(figure.text), is_text=True, span=ends)
    return None


def _n(coordinate: float) -> str:
    """A coordinate rounded to a tenth of a pixel, without a trailing ".0": "186", "88.5"."""
    return f"{coordinate:.1f}".removesuffix(".0")


# Advance widths of DejaVu Sans (Bold), in em, of the characters formatted figures are made of; other characters
# count as wide as a digit. Browsers without DejaVu fall back to Arial, which is narrower: the estimate is generous.
_EM = {**dict.fromkeys("0123456789", 0.64), ".": 0.32, ",": 0.32, "-": 0.36, "–": 0.5, " ": 0.32, "%": 0.95}
_EM_BOLD = {**dict.fromkeys("0123456789", 0.7), ".": 0.38, ",": 0.38, "-": 0.42, "–": 0.5, " ": 0.35, "%": 1.0}


def _width(text: str, em: dict[str, float], size: float = FONT_SIZE) -> float:
    """About how wide `text` is drawn, in pixels of the chart (`em`: `_EM` or `_EM_BOLD`)."""
    return size * _measured(text, em is _EM_BOLD)


@lru_cache(maxsize=4096)
def _measured(text: str, bold: bool) -> float:
    """In em. Remembered: the same figures and years are measured in chart after chart, about 24 times a chart."""
    em = _EM_BOLD if bold else _EM
    return sum(em.get(char, 0.72) for char in text)


def _margins(tick_labels: list[str], target_labels: list[str], places: int, narrow: bool) -> tuple[int, int]:
    """The space left of the plot for the axis labels, and right of it for a target's label beside the last year
    (of `places` on the time axis): wide enough that 1.000.000 or a target of 999.999,99 is not cut off at the
    chart's edge. On a `narrow` chart the axis labels are larger, and end 10 px from it."""
    widest = max(_measured(label, False) for label in tick_labels)
    left = max(LEFT, math.ceil(widest * FONT_SIZE) + 14, math.ceil(widest * NARROW_FONT_SIZE) + 10 if narrow else 0)
    right = RIGHT
    if target_labels:
        # A target's label starts 26 px right of its period's middle, which lies half a step left of the plot's edge.
        needed = 28 + max(_width(label, _EM_BOLD) for label in target_labels)
        half_step = 1 / (2 * places)
        right = max(RIGHT, math.ceil((needed - (WIDTH - left) * half_step) / (1 - half_step)))
    # A target given as a long text (not a figure) would leave the plot no room: it may run off the edge instead.
    return left, min(right, (WIDTH - left) // 2)


@lru_cache(maxsize=64)
def _time_axis(periods: tuple[Period, ...], left: int, right: int, narrow: bool) -> tuple[dict[Period, float], str]:
    """Where each period is drawn, and the labels under the chart: the same for most charts of a document."""
    places = _places(periods)
    step = (WIDTH - left - right) / (places[-1] + 1)
    x_of = {period: left + step * (place + 0.5) for period, place in zip(periods, places, strict=True)}
    # Ten years or more do not fit side by side ("20132014…"): then every second or third, counted back from the
    # last, which is always labelled. The table and the description name each one. A narrow chart's larger labels
    # are fewer: every second of those, or third, and so on.
    widest = max(_measured(p.label, False) for p in periods)
    every = max(1, math.ceil((widest * FONT_SIZE + 6) / step))
    fewer = every * math.ceil((widest * NARROW_FONT_SIZE + 6) / step / every) if narrow else every
    shown = periods[::-1][::every][::-1]
    kept = set(periods[::-1][::fewer])
    wide_only = ' class="chart-wide"'
    # Lower on a narrow chart: its larger years reached up to the lowest axis label beside them.
    y = HEIGHT - BOTTOM + (25 if narrow else 20)
    labels = "".join(
        f'<text{"" if p in kept else wide_only} x="{_n(x_of[p])}" y="{y}">{escape(p.label)}</text>' for p in shown
    )
    return x_of, f'<g {_AXIS} text-anchor="middle">{labels}</g>'


def _places(periods: tuple[Period, ...]) -> tuple[int, ...]:
    """Each period's place on the time axis. Years are placed as far apart as they are: the realisations of 2023
    and 2024 and the target for 2027 were three even steps, and the slope to the target looked three times as steep
    as it is. Other periods (a quarter, a target for 2025-2028) take one step each, in their order."""
    if all(period.is_year for period in periods):
        first = periods[0].start.year
        return tuple(period.start.year - first for period in periods)
    return tuple(range(len(periods)))


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
