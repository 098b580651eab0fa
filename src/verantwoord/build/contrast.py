"""The colour pairs of a theme that fail WCAG 2.1 AA: a house style's light-grey text or pale links made the whole
site fail 1.4.3 (text, 4.5:1; large text 3:1) or 1.4.11 (the focus ring, the chart's line, 3:1) without a word.

The theme's colours are read as a browser would cascade them over ours: verantwoord.css, then instellingen.css
(thema.kleur), then thema.css, with tinycss2 (WeasyPrint's CSS parser) for the syntax and the colour values (hex of
3, 4, 6 or 8 digits, rgb(), rgba(), hsl(), hwb() and named colours; an alpha is blended over what lies beneath).
The ratio is WCAG 2.1's, of relative luminances (config.relative_luminance).
Only what can be known without a browser is checked, and what cannot be resolved is left out rather than guessed:

- the rules at the top level of a stylesheet and in `@media screen` or `@media all`; those in `@media
  (prefers-color-scheme: dark)` are checked as the page a reader with a dark system setting sees (a theme's dark
  mode), said as such; other @media (a width, print), @supports and @layer are not followed;
- the selectors our stylesheet styles these parts with, written as ours are (`a`, `.site-header`, `:focus-visible`,
  `.utrecht-table__header-cell`; see `_PLACES`); a rule for another selector that reaches the same element
  (`header a`, `tr:nth-child(2n) td`) is not followed;
- custom properties set on the page's root (`:root`, `.verantwoord-theme`; `html` loses to our `.verantwoord-theme`
  as in a browser) or `body`; var() with its fallback is followed, a property set on another element is not;
- a colour in lab(), lch(), oklab(), color-mix() or a system colour, `currentcolor` in an outline or fill, and a
  background image or gradient (whose colour behind the text is not known).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

import tinycss2
import tinycss2.ast
import tinycss2.color4

from verantwoord.build.site import settings_stylesheet
from verantwoord.config import CONFIG_FILE, contrast_ratio, floored_ratio, path_as_in_settings, relative_luminance
from verantwoord.errors import Location

TEXT = (4.5, "4,5:1 voor tekst")
"""WCAG 2.1 AA 1.4.3."""
LARGE_TEXT = (3.0, "3:1 voor grote tekst")
"""1.4.3 for large text: 24 px, or 18.7 px bold (our h1 to h3)."""
GRAPHIC = (3.0, "3:1 voor lijnen en randen die de lezer moet zien")
"""1.4.11: the focus ring, a chart's line and points."""

_PLACES: dict[str, tuple[str, ...]] = {
    "root": ("html", ":root", ".verantwoord-theme", ".utrecht-root", "html.verantwoord-theme", "html.utrecht-root"),
    "body": ("body", ".utrecht-body", "body.utrecht-body"),
    "link": ("a", "a:link", ":link", "a:any-link", ":any-link"),
    "visited": ("a:visited", ":visited"),
    "hover": ("a:hover",),
    "h1": ("h1",),
    "h2": ("h2",),
    "h3": ("h3",),
    "h4": ("h4",),
    "header": (".site-header",),
    "header link": (".site-header a", ".site-title a", ".site-search a", ".site-portal a"),
    "header focus": (".site-header :focus-visible",),
    "footer": (".site-footer",),
    "footer link": (".site-footer a",),
    "downloads": (".downloads",),
    "downloads link": (".downloads a",),
    "table header": (".utrecht-table__header-cell",),
    "text table header": (".text-table th",),
    "table cell": (".utrecht-table__cell",),
    "focus": (":focus-visible", "*:focus-visible", ":focus", "*:focus"),
    "skip link": (".skip-link",),
    "search button": (".portal-search-button",),
    "chart": (".chart",),
    "chart figure": (".chart-figure",),
    "chart line": (".chart-line",),
    "chart dot": (".chart-dot",),
    "chart value": (".chart-value",),
    "chart axis": (".chart-axis",),
    "chart legend": (".chart-legend text",),
    "chart target": (".chart-target",),
    "chart target stem": (".chart-target-stem",),
    "chart target label": (".chart-target-label",),
}
"""Where each part of a page gets its colours, by the selectors of verantwoord.css (a place's selectors reach the
same element in the same state, so the cascade between them is by specificity and order alone)."""

_MUTED = (
    ".lead",
    ".indicator-unit",
    ".table-legend",
    ".table-notes",
    ".footnotes",
    ".cell-detail",
    ".pager-label",
    ".toc-summary",
    ".text figcaption",
    ".utrecht-table__cell.no-figure",
)
"""The lighter text (--verantwoord-color-muted), each a place of its own."""
_PLACES.update({selector: (selector,) for selector in _MUTED})

_SHORTHANDS = {"background-color": "background", "outline-color": "outline"}
_PROPERTIES = {
    "color": "color",
    "background": "background-color",
    "outline": "outline-color",
    "fill": "fill",
    "stroke": "stroke",
}
"""The kinds of colour a place has, by the property that sets them alone."""

_Source = tuple[str, str]
"""A place and the kind of colour it sets there (color, background, outline, fill, stroke)."""
_TEXT: tuple[_Source, ...] = (("body", "color"), ("root", "color"))
_PAGE: tuple[_Source, ...] = (("body", "background"), ("root", "background"))
_HEADER = (("header", "background"), *_PAGE)
_FOOTER = (("footer", "background"), *_PAGE)
_DOWNLOADS = (("downloads", "background"), *_PAGE)
_LINK = (("link", "color"), *_TEXT)
_FOCUS = (("focus", "outline"),)
_CHART = (("chart", "background"), ("chart figure", "background"), *_PAGE)


@dataclass(frozen=True)
class _Pair:
    role: str
    """What a reader meets, in Dutch."""
    foreground: tuple[_Source, ...]
    """Where the colour is set, nearest first: a place that sets none (or `inherit`) passes on to the next."""
    background: tuple[_Source, ...]
    """The same for what lies beneath; below the last is the browser's white."""
    needed: tuple[float, str]


_PAIRS = (
    _Pair("de tekst", _TEXT, _PAGE, TEXT),
    _Pair("de links", _LINK, _PAGE, TEXT),
    _Pair("de bezochte links", (("visited", "color"), *_LINK), _PAGE, TEXT),
    _Pair("een link onder de muis", (("hover", "color"), *_LINK), _PAGE, TEXT),
    *(_Pair("de lichtere tekst (inleiding, eenheden, voetnoten)", ((s, "color"), *_TEXT), _PAGE, TEXT) for s in _MUTED),
    *(_Pair("de koppen", ((h, "color"), *_TEXT), _PAGE, LARGE_TEXT) for h in ("h1", "h2", "h3")),
    _Pair("de kleinste koppen", (("h4", "color"), *_TEXT), _PAGE, TEXT),
    _Pair("de tekst in de kop van de pagina", (("header", "color"), *_TEXT), _HEADER, TEXT),
    _Pair("de links in de kop", (("header link", "color"), ("header", "color"), *_TEXT), _HEADER, TEXT),
    _Pair("de focusrand in de kop", (("header focus", "outline"), *_FOCUS), _HEADER, GRAPHIC),
    _Pair("de voettekst", (("footer", "color"), *_TEXT), _FOOTER, TEXT),
    _Pair("de links in de voettekst", (("footer link", "color"), ("footer", "color"), *_LINK), _FOOTER, TEXT),
    _Pair("de tekst bij de open data", (("downloads", "color"), *_TEXT), _DOWNLOADS, TEXT),
    _Pair(
        "de links naar de open data", (("downloads link", "color"), ("downloads", "color"), *_LINK), _DOWNLOADS, TEXT
    ),
    _Pair(
        "de kopcellen van de tabellen",
        (("table header", "color"), *_TEXT),
        (("table header", "background"), *_PAGE),
        TEXT,
    ),
    _Pair(
        "de kopcellen van de tabellen in de teksten",
        (("text table header", "color"), *_TEXT),
        (("text table header", "background"), *_PAGE),
        TEXT,
    ),
    _Pair("de cijfers in de tabellen", (("table cell", "color"), *_TEXT), (("table cell", "background"), *_PAGE), TEXT),
    _Pair("de focusrand (om een link of knop die het toetsenbord kiest)", _FOCUS, _PAGE, GRAPHIC),
    _Pair("de link 'naar de inhoud'", (("skip link", "color"),), (("skip link", "background"), *_PAGE), TEXT),
    _Pair(
        "de zoekknop op de pagina boven de documenten",
        (("search button", "color"),),
        (("search button", "background"), *_PAGE),
        TEXT,
    ),
    _Pair("de lijn van de grafieken", (("chart line", "stroke"),), _CHART, GRAPHIC),
    _Pair("de punten van de grafieken", (("chart dot", "fill"),), _CHART, GRAPHIC),
    _Pair("de waarden in de grafieken", (("chart value", "fill"),), _CHART, TEXT),
    _Pair("de jaren en de schaal van de grafieken", (("chart axis", "fill"),), _CHART, TEXT),
    _Pair("de legenda van de grafieken", (("chart legend", "fill"),), _CHART, TEXT),
    _Pair("het doel in de grafieken", (("chart target", "stroke"),), _CHART, GRAPHIC),
    _Pair("de lijn naar het doel in de grafieken", (("chart target stem", "stroke"),), _CHART, GRAPHIC),
    _Pair("de tekst bij het doel in de grafieken", (("chart target label", "fill"),), _CHART, TEXT),
)


@dataclass(frozen=True)
class _Declared:
    tokens: list
    origin: Location | None
    """Where the theme wrote it; None in our stylesheet."""
    rank: tuple[bool, tuple[int, int, int], int]
    """!important, the selector's specificity, the order: the highest wins."""


@dataclass(frozen=True)
class _Colour:
    rgb: tuple[float, float, float]
    alpha: float
    written: str
    """As the stylesheet writes it."""
    origin: Location | None
    name: str
    """What a theme sets to change it, for a hint: the custom property the place names, or its selector and
    property."""


_DEPTH = 32
"""How deep var() and functions may nest in a colour that is followed: deeper is left out, not a RecursionError."""
_WORK = 10_000
"""How many tokens substituting one colour may look at: each var() of `--b: var(--a) var(--a)` doubles it, and a few
dozen such lines would hold check and build for ever (a browser gives up on such a value too)."""

_PASS = object()
"""A place that sets no colour of its own (inherit, transparent): the next one's shows."""


@dataclass(frozen=True)
class ContrastFailure:
    location: Location | None
    """Where the theme wrote the colour; None for a pair of ours."""
    message: str
    hint: str


def theme_contrast_failures(theme_css: Path, colour: str | None, project: Path) -> list[ContrastFailure]:
    """The pairs of the site's colours below WCAG 2.1 AA that thema.css or thema.kleur set, one per declaration."""
    sheets = [(_our_stylesheet(), None)]
    if settings := settings_stylesheet(colour, None):
        sheets.append((settings, Location(CONFIG_FILE, key="thema.kleur")))
    if theme_css.is_file():
        sheets.append((theme_css.read_bytes(), Location(path_as_in_settings(theme_css, project))))
    theirs = [failure for failure in failing_pairs(sheets) if failure.location is not None]
    return sorted(theirs, key=lambda failure: failure.location.line or 0)  # in the order of the file


def _our_stylesheet() -> str:
    return resources.files("verantwoord.build").joinpath("static", "verantwoord.css").read_text(encoding="utf-8")


def failing_pairs(sheets: list[tuple[str | bytes, Location | None]]) -> list[ContrastFailure]:
    """Every failing pair of these stylesheets, cascaded in this order; one located in ours has a location None.
    The parts of a page that fail with the same colours from the same declarations are said in one message."""
    light = _failing(_Cascade(sheets, dark=False))
    dark = _Cascade(sheets, dark=True)
    if not dark.has_dark_rules:
        return [_failure(*found) for found in light.values()]
    in_dark = {key: found for key, found in _failing(dark).items() if key not in light}
    return [_failure(*found) for found in light.values()] + [_failure(*found, dark=True) for found in in_dark.values()]


def _failing(cascade: _Cascade) -> dict[tuple, tuple[_Pair, _Colour, _Colour, float, list[str]]]:
    """The failing pairs of one cascade, by the colours and declarations they fail with."""
    failures: dict[tuple, tuple[_Pair, _Colour, _Colour, float, list[str]]] = {}
    for pair in _PAIRS:
        background = cascade.background(pair.background)
        foreground = cascade.foreground(pair.foreground)
        if background is None or foreground is None:
            continue
        shown = _Colour(_blend(foreground, background), 1.0, foreground.written, foreground.origin, foreground.name)
        ratio = contrast_ratio(relative_luminance(*shown.rgb), relative_luminance(*background.rgb))
        if ratio >= pair.needed[0]:
            continue
        key = (foreground.origin, background.origin, foreground.written, background.written, pair.needed)
        roles = failures.setdefault(key, (pair, shown, background, ratio, []))[4]
        if pair.role not in roles:
            roles.append(pair.role)
    return failures


def _failure(
    pair: _Pair, foreground: _Colour, background: _Colour, ratio: float, roles: list[str], dark: bool = False
) -> ContrastFailure:
    """Named where the theme wrote the text's colour, or else its background; the other colour's place is said if
    the theme wrote it elsewhere. The hint is a shade of the theme's colour that passes, or else of ours."""
    theirs, other = (foreground, background) if foreground.origin is not None else (background, foreground)
    mode = "in de donkere weergave (@media (prefers-color-scheme: dark)) " if dark else ""
    message = (
        f"{mode}{', '.join(roles)}: de kleur {foreground.written} op {background.written} heeft een contrast van "
        f"{floored_ratio(ratio)}:1, te weinig: WCAG 2.1 AA vraagt minstens {pair.needed[1]}"
    )
    if other.origin is not None and other.origin != theirs.origin:
        message += f" ({other.written} staat in {other.origin})"
    needed = pair.needed[0]
    ways = []
    if (shade := _passing_shade(theirs.rgb, other.rgb, needed)) is not None:
        ways.append(f"kies voor {theirs.written} een {'donkerdere' if shade[1] else 'lichtere'} tint, zoals {shade[0]}")
    ours_to_change = other is foreground or relative_luminance(*theirs.rgb) > relative_luminance(*other.rgb)
    if other.origin is None and ours_to_change and (shade := _passing_shade(other.rgb, theirs.rgb, needed)):
        # A colour of ours against the theme's dark page or light text: the theme sets that one too.
        on = f"die op {theirs.written}" if other is foreground else f"waarop {theirs.written}"
        ways.append(f"zet in het thema ook {other.name} op een kleur {on} te lezen is, zoals {shade[0]}")
    hint = ", of ".join(ways) or f"kies voor {foreground.written} of {background.written} meer verschil in licht"
    return ContrastFailure(theirs.origin, message + ".", hint + ".")


def _passing_shade(
    colour: tuple[float, float, float], other: tuple[float, float, float], needed: float
) -> tuple[str, bool] | None:
    """The nearest shade of `colour` toward black or white that passes on `other`, as #rrggbb, and whether it is
    darker: away from `other` first, past it if that does not reach (dark text on a dark theme's background);
    None if neither black nor white does."""
    other_luminance = relative_luminance(*other)
    lighter = relative_luminance(*colour) > other_luminance

    def passes(rgb: tuple[float, ...]) -> bool:
        return contrast_ratio(relative_luminance(*rgb), other_luminance) >= needed

    for end in (1.0, 0.0) if lighter else (0.0, 1.0):

        def shade(share: float, end: float = end) -> tuple[float, ...]:
            return tuple(round((channel + (end - channel) * share) * 255) / 255 for channel in colour)

        if passes(shade(1.0)):
            low, high = 0.0, 1.0
            for _ in range(20):  # passing is a suffix of the way: contrast only grows past the other's lightness
                middle = (low + high) / 2
                low, high = (low, middle) if passes(shade(middle)) else (middle, high)
            return "#" + "".join(f"{round(channel * 255):02x}" for channel in shade(high)), end == 0.0
    return None


def _blend(top: _Colour, beneath: _Colour) -> tuple[float, float, float]:
    return tuple(t * top.alpha + b * (1 - top.alpha) for t, b in zip(top.rgb, beneath.rgb, strict=True))


class _Cascade:
    """The winning declaration of each place's colours, and the custom properties of the page's root and body."""

    def __init__(self, sheets: list[tuple[str | bytes, Location | None]], dark: bool) -> None:
        place_of = {selector: place for place, selectors in _PLACES.items() for selector in selectors}
        self.values: dict[tuple[str, str], _Declared] = {}
        self._work = 0
        """What the colour being resolved may still cost (`_WORK`)."""
        self.has_dark_rules = False
        """Whether a sheet has rules for a dark system setting: only then is the dark page checked too."""
        custom: dict[str, dict[str, _Declared]] = {"root": {}, "body": {}}
        order = 0
        for sheet, origin in sheets:
            if isinstance(sheet, bytes):
                rules, _ = tinycss2.parse_stylesheet_bytes(sheet, skip_comments=True, skip_whitespace=True)
            else:
                rules = tinycss2.parse_stylesheet(sheet, skip_comments=True, skip_whitespace=True)
            for rule in self._applying(rules, dark):
                if rule.type != "qualified-rule":
                    continue
                places = [
                    (place_of[selector], _specificity(selector))
                    for selector in _selectors(rule)
                    if selector in place_of
                ]
                if not places:
                    continue
                for declaration in tinycss2.parse_blocks_contents(
                    rule.content, skip_comments=True, skip_whitespace=True
                ):
                    if declaration.type != "declaration":
                        continue
                    order += 1
                    where = None if origin is None else _at_line(origin, declaration.source_line)
                    for place, specificity in places:
                        declared = _Declared(declaration.value, where, (declaration.important, specificity, order))
                        if declaration.name.startswith("--"):
                            if place in custom:
                                _keep_winner(custom[place], declaration.name, declared)
                        else:
                            kind = _SHORTHANDS.get(declaration.lower_name, declaration.lower_name)
                            if kind in _PROPERTIES:
                                _keep_winner(self.values, (place, kind), declared)
        # Set on body, a custom property is what everything in the page inherits, whatever the root sets.
        self.custom = custom["root"] | custom["body"]

    def _applying(self, rules: list, dark: bool) -> Iterator:
        """The rules that apply on a screen, with or without a dark system setting, in the order they stand."""
        for rule in rules:
            if rule.type == "at-rule" and rule.lower_at_keyword == "media" and rule.content is not None:
                query = _media_query(rule)
                if query == "dark":
                    self.has_dark_rules = True
                if query == "screen" or (query == "dark" and dark):
                    inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
                    yield from self._applying(inner, dark)
            else:
                yield rule

    def foreground(self, sources: tuple[_Source, ...]) -> _Colour | None:
        passed_on: Location | None = None  # a theme's `inherit`, `transparent`: its line, if what shows is ours
        for place, kind in sources:
            colour = self._colour(place, kind)
            if colour is _PASS:
                passed_on = passed_on or self._origin(place, kind)
                continue
            return replace(colour, origin=colour.origin or passed_on) if colour is not None else None
        return None

    def _origin(self, place: str, kind: str) -> Location | None:
        declared = self.values.get((place, kind))
        return declared.origin if declared is not None else None

    def background(self, sources: tuple[_Source, ...]) -> _Colour | None:
        """What shows beneath: a translucent background is blended over the next, white lies beneath all."""
        layers: list[_Colour] = []
        passed_on: Location | None = None
        for place, kind in sources:
            colour = self._colour(place, kind)
            if colour is None:
                return None
            if colour is _PASS:
                passed_on = passed_on or self._origin(place, kind)
                continue
            layers.append(colour)
            if colour.alpha >= 1:
                break
        else:
            layers.append(_Colour((1.0, 1.0, 1.0), 1.0, "#ffffff", None, "background"))
        result = layers.pop()
        for layer in reversed(layers):
            result = _Colour(_blend(layer, result), 1.0, layer.written, layer.origin or result.origin, layer.name)
        return replace(result, origin=result.origin or passed_on)

    def _colour(self, place: str, kind: str) -> _Colour | object | None:
        """The colour a place sets, _PASS if it sets none or leaves it to the place beneath, None if unknown."""
        declared = self.values.get((place, kind))
        if declared is None:
            return _PASS
        self._work = _WORK
        resolved = self._substitute(declared.tokens, frozenset(), _DEPTH)
        if resolved is None:
            return None
        tokens, origin, name = resolved
        origin = origin or declared.origin
        name = name or f"{_PLACES[place][0]} {{ {_PROPERTIES[kind]} }}"
        parts = _components(tokens)
        word = parts[0].lower_value if len(parts) == 1 and parts[0].type == "ident" else None
        if word in ("inherit", "unset", "revert", "revert-layer") or (word == "currentcolor" and kind == "color"):
            return _PASS if kind != "outline" else None
        colours = [colour for part in parts if (colour := _parse(part, origin, name)) is not None]
        if kind == "background":
            if any(part.type in ("url", "function") and not _is_colour_function(part) for part in parts):
                return None  # an image or gradient: the colour beneath the text is not known
            if not colours:
                return _PASS if word in ("none", "initial") else None
            return (_PASS if colours[0].alpha == 0 else colours[0]) if len(colours) == 1 else None
        if len(colours) != 1 or (kind != "outline" and len(parts) != 1) or colours[0].alpha == 0:
            return None
        return colours[0]

    def _substitute(
        self, tokens: list, seen: frozenset[str], depth: int
    ) -> tuple[list, Location | None, str | None] | None:
        """The tokens with each var() replaced by its value, where the theme wrote the colour that is in them (the
        innermost declaration of the theme's on the way) and the innermost custom property; None for a var()
        without value or fallback, and for a value nested deeper than `depth` or costing more than `_WORK`."""
        self._work -= len(tokens)
        if depth <= 0 or self._work < 0:
            return None
        result: list = []
        origin: Location | None = None
        name: str | None = None
        for token in tokens:
            if token.type == "function" and token.lower_name == "var":
                custom, fallback = _var_arguments(token.arguments)
                if custom is not None and custom in self.custom and custom not in seen:
                    declared = self.custom[custom]
                    inner = self._substitute(declared.tokens, seen | {custom}, depth - 1)
                    outer_origin, outer_name = declared.origin, custom
                elif fallback is not None:
                    inner = self._substitute(fallback, seen, depth - 1)
                    outer_origin, outer_name = None, None
                else:
                    return None
                if inner is None:
                    return None
                result.extend(inner[0])
                origin = inner[1] or outer_origin or origin
                name = outer_name or inner[2] or name
            elif token.type == "function":
                inner = self._substitute(token.arguments, seen, depth - 1)
                if inner is None:
                    return None
                result.append(tinycss2.ast.FunctionBlock(token.source_line, token.source_column, token.name, inner[0]))
                origin, name = inner[1] or origin, inner[2] or name
            else:
                result.append(token)
        return result, origin, name


_SCREEN = {"screen", "all", "only screen"}


def _media_query(rule: tinycss2.ast.AtRule) -> str | None:
    """'screen' for a media query every screen meets, 'dark' for one that a screen meets with a dark system setting
    (`(prefers-color-scheme: dark)`, also after `screen and`), None for any other (a width, print, a list)."""
    query = " ".join(tinycss2.serialize(rule.prelude).lower().replace(":", ": ").split())
    if query in _SCREEN:
        return "screen"
    for screen in ("", *(f"{kind} and " for kind in _SCREEN)):
        if query == f"{screen}(prefers-color-scheme: dark)":
            return "dark"
    return None


def _keep_winner(table: dict, key: object, declared: _Declared) -> None:
    if key not in table or declared.rank >= table[key].rank:
        table[key] = declared


def _selectors(rule: tinycss2.ast.QualifiedRule) -> list[str]:
    """The rule's selectors, each lower-cased with single spaces (`A:Link` is `a:link`)."""
    text = tinycss2.serialize(rule.prelude)
    return [" ".join(selector.split()).lower() for selector in text.split(",")]


def _specificity(selector: str) -> tuple[int, int, int]:
    """Of the plain selectors `_PLACES` knows: ids, then classes and pseudo-classes, then element names."""
    ids = classes = names = 0
    for compound in selector.replace(">", " ").split():
        for part in compound.replace(".", " .").replace(":", " :").replace("#", " #").split():
            if part.startswith("#"):
                ids += 1
            elif part.startswith((".", ":")):
                classes += 1
            elif part != "*":
                names += 1
    return ids, classes, names


def _at_line(origin: Location, line: int) -> Location:
    return origin if origin.key is not None else Location(origin.file, line=line)


def _components(tokens: list) -> list:
    return [token for token in tokens if token.type not in ("whitespace", "comment")]


def _is_colour_function(token: tinycss2.ast.Node) -> bool:
    return token.type == "function" and token.lower_name in ("rgb", "rgba", "hsl", "hsla", "hwb")


def _var_arguments(arguments: list) -> tuple[str | None, list | None]:
    parts = _components(arguments)
    name = parts[0].value if parts and parts[0].type == "ident" else None
    commas = [i for i, token in enumerate(arguments) if token.type == "literal" and token.value == ","]
    return name, (arguments[commas[0] + 1 :] if commas else None)


def _parse(token: tinycss2.ast.Node, origin: Location | None, name: str) -> _Colour | None:
    """An sRGB colour, or None for what is no colour or one in another space (lab(), a system colour)."""
    if token.type == "ident" and token.lower_value in ("currentcolor", "inherit", "initial", "unset", "none"):
        return None
    try:  # tinycss2 1.5 fails on color() without arguments, where a browser ignores the declaration
        colour = tinycss2.color4.parse_color(token)
        if not isinstance(colour, tinycss2.color4.Color):
            return None
        srgb = colour.to("srgb")
    except (NotImplementedError, ValueError):
        return None
    rgb = tuple(min(1.0, max(0.0, channel)) for channel in srgb.coordinates)
    return _Colour(rgb, colour.alpha, tinycss2.serialize([token]), origin, name)
