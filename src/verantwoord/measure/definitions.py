"""The file `metingen.yaml`: how each measured indicator is defined, as data the data owner can read and change.

What counts as "positive", which calls count as offered, which queues and which periods: all of it is declared
here, per indicator, never decided in code. The schema is `KEYS`, once, with the Dutch explanation the user guide
documents (a test checks that every key is in docs/metingen.md). Every problem is reported with its line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.lists import format_list

from verantwoord.build.format import format_number
from verantwoord.build.translations import LOCALES, TEXTS, translator
from verantwoord.errors import Location, Problems, hidden_extension_hint
from verantwoord.export.records import meant_id_hint, similar_id
from verantwoord.model import YEARS_EXPECTED, Period, YearsError, parse_years
from verantwoord.yamlfile import LineDict, load_yaml

DEFINITIONS_FILE = "metingen.yaml"
DEFAULT_TIMEZONE = "Europe/Amsterdam"
DEFAULT_MINIMUM = 100
"""The national benchmark asked about 100 responses per channel and called that 'indicative'."""


class Kind(StrEnum):
    RATING = "tevredenheid"
    REACHABILITY = "bereikbaarheid"


class ScaleKind(StrEnum):
    SMILEYS = "smileys"
    GRADE = "cijfer"
    YES_NO = "ja-nee"


SCALE_RANGE = {ScaleKind.SMILEYS: (1, 5), ScaleKind.GRADE: (1, 10)}
DEFAULT_POSITIVE_FROM = {ScaleKind.SMILEYS: 4, ScaleKind.GRADE: 7}
"""Top-2-box on five points; a 7 or more on a Dutch grade."""


class Granularity(StrEnum):
    YEAR = "jaar"
    QUARTER = "kwartaal"
    MONTH = "maand"


class InputFormat(StrEnum):
    CSV = "csv"
    PARQUET = "parquet"
    QUEUE_LOG = "queue_log"
    CALLS = "gesprekken"


RATING_FORMATS = (InputFormat.CSV, InputFormat.PARQUET)
CALL_FORMATS = (InputFormat.QUEUE_LOG, InputFormat.CALLS)


class KeyRule(StrEnum):
    """What a caller who leaves the queue with a key (EXITWITHKEY: voicemail, callback) counts as."""

    UNANSWERED = "niet-beantwoord"
    ANSWERED = "beantwoord"
    EXCLUDED = "niet-meetellen"


KEY_SENTENCES = {
    KeyRule.UNANSWERED: "method_key_unanswered",
    KeyRule.ANSWERED: "method_key_answered",
    KeyRule.EXCLUDED: "method_key_excluded",
}
"""The words of the method for each rule (keys of `translations.TEXTS`): only a queue_log has a key press."""


class WaitRule(StrEnum):
    """Which waiting time is compared with `binnen`."""

    QUEUE = "wachtrij"
    """The wait in the queue that answered, as Asterisk reports it (CONNECT holdtime)."""
    TOTAL = "totaal"
    """From the call's first entry into a counted queue until it was answered."""


@dataclass(frozen=True)
class Key:
    group: str
    """"" for the top level, "schaal", "indicator" or "niet-gemeten"."""
    name: str
    help: str
    kinds: tuple[Kind, ...] = (Kind.RATING, Kind.REACHABILITY)


KEYS = (
    Key("", "tijdzone", f"de tijdzone van tijdstippen zonder zone en van de periodes (standaard {DEFAULT_TIMEZONE})"),
    Key("", "jaren", "de jaren om te meten, zoals 2016-2020 (standaard: 'tabel.realisatie' uit verantwoord.yaml)"),
    Key("", "foutgrens", "hoeveel foute regels een meting mag hebben: een aantal (standaard 0) of een percentage"),
    Key("", "schalen", "de schalen van de beoordelingen, elk met een eigen naam"),
    Key("", "indicatoren", "per indicator (de id uit de werkmap) hoe hij gemeten wordt"),
    Key("schaal", "soort", "smileys (5 punten), cijfer (1 tot en met 10) of ja-nee"),
    Key("schaal", "zeer-tevreden", "bij smileys: welke score 'zeer tevreden' is, 1 of 5 (verplicht)"),
    Key("indicator", "soort", "tevredenheid (beoordelingen) of bereikbaarheid (telefonie)"),
    Key("indicator", "bestanden", "het bestand of de bestanden met ruwe gegevens, in het project; * mag"),
    Key("indicator", "formaat", "csv of parquet (tevredenheid); queue_log of gesprekken (bereikbaarheid)"),
    Key("indicator", "periode", "jaar (standaard), kwartaal of maand"),
    Key(
        "indicator",
        "minimum",
        f"het minimale aantal reacties of gesprekken voor een cijfer (standaard {DEFAULT_MINIMUM})",
    ),
    Key("indicator", "decimalen", "decimalen van het percentage (standaard: 'decimalen' uit de werkmap, anders 1)"),
    Key("indicator", "foutgrens", "als 'foutgrens' bovenaan, voor deze indicator"),
    Key("indicator", "niet-gemeten", "periodes waarin niet gemeten is, met de reden"),
    Key("indicator", "kanaal", "het kanaal in de beoordelingen, zoals balie (verplicht)", (Kind.RATING,)),
    Key("indicator", "schaal", "de naam van een schaal uit 'schalen' (verplicht)", (Kind.RATING,)),
    Key(
        "indicator",
        "positief-vanaf",
        "de laagste positieve score (standaard 4 bij smileys, 7 bij cijfers)",
        (Kind.RATING,),
    ),
    Key("indicator", "vraag", "alleen reacties op deze vraag", (Kind.RATING,)),
    Key("indicator", "locatie", "alleen reacties op deze locatie", (Kind.RATING,)),
    Key("indicator", "wachtrijen", "de wachtrijen die meetellen (standaard: alle)", (Kind.REACHABILITY,)),
    Key(
        "indicator",
        "binnen",
        "binnen hoeveel seconden een gesprek beantwoord moet zijn (verplicht)",
        (Kind.REACHABILITY,),
    ),
    Key(
        "indicator",
        "korte-ophangers",
        "wie binnen zoveel seconden ophangt, telt niet mee (standaard 0: iedereen telt mee)",
        (Kind.REACHABILITY,),
    ),
    Key(
        "indicator",
        "toets",
        "wie de wachtrij met een toets verlaat (voicemail, terugbellen): niet-beantwoord (standaard), "
        "beantwoord of niet-meetellen",
        (Kind.REACHABILITY,),
    ),
    Key(
        "indicator",
        "wachttijd",
        "wachtrij (standaard: de wachttijd die Asterisk meldt) of totaal",
        (Kind.REACHABILITY,),
    ),
    Key("niet-gemeten", "van", "de eerste dag zonder meting, zoals 2020-03-16 (leeg: vanaf het begin)"),
    Key("niet-gemeten", "tot", "de laatste dag zonder meting (leeg: nog steeds niet)"),
    Key("niet-gemeten", "reden", "waarom er niet gemeten is; de lezer ziet dit bij 'geen cijfer' (verplicht)"),
)


@dataclass(frozen=True)
class Scale:
    name: str
    kind: ScaleKind
    best: int | None = None
    """Smileys only: the raw score that means 'very satisfied' (1 or 5); vendors differ."""

    @property
    def range(self) -> tuple[int, int] | None:
        return SCALE_RANGE.get(self.kind)

    def describe(self, translate: Callable[..., str]) -> str:
        if self.kind is ScaleKind.SMILEYS:
            return translate("method_smileys", best=str(self.best))
        return translate("method_grade" if self.kind is ScaleKind.GRADE else "method_yes_no")


@dataclass(frozen=True)
class Pause:
    """A span without measurement: every period that overlaps it has no figure, with this reason."""

    start: date | None
    end: date | None
    reason: str

    def overlaps(self, period: Period) -> bool:
        return (self.start is None or self.start <= period.end) and (self.end is None or self.end >= period.start)


@dataclass(frozen=True)
class ErrorLimit:
    """How many malformed lines a measurement tolerates: a count, or a share of the lines read."""

    count: int | None = 0
    share: Decimal | None = None

    def exceeded(self, bad: int, lines: int) -> bool:
        if self.share is not None:
            return lines > 0 and Decimal(bad) / Decimal(lines) > self.share
        return bad > (self.count or 0)

    def __str__(self) -> str:
        if self.share is not None:
            return f"{(self.share * 100).normalize():f}%".replace(".", ",")
        return str(self.count)


RATING_FILTERS = {
    "kanaal": ("het kanaal", "dat", "hetzelfde kanaal", "een ander kanaal"),
    "vraag": ("de vraag", "die", "dezelfde vraag", "een andere vraag"),
    "locatie": ("de locatie", "die", "dezelfde locatie", "een andere locatie"),
}
"""The columns of the ratings a rating indicator selects its rows by (each with the key of the same name), and how
a message names one: with its article, the pronoun after it, the same one and another one."""


@dataclass(frozen=True)
class Definition:
    """How one indicator is measured."""

    indicator: str
    kind: Kind
    files: tuple[str, ...]
    """Paths relative to the project, in a fixed order."""
    format: InputFormat
    granularity: Granularity
    minimum: int
    decimals: int | None
    error_limit: ErrorLimit
    pauses: tuple[Pause, ...]
    line: int
    channel: str | None = None
    scale: Scale | None = None
    positive_from: int | None = None
    question: str | None = None
    location: str | None = None
    queues: tuple[str, ...] | None = None
    within: int | None = None
    short_abandon: int = 0
    key_rule: KeyRule = KeyRule.UNANSWERED
    wait_rule: WaitRule = WaitRule.QUEUE
    unmatched: tuple[str, ...] = ()
    """The patterns of `bestanden` that find no file (an error for `measure`): `files` lacks their data, so what it
    counts is not judged, only the lines of its files."""

    def filters(self) -> dict[str, str]:
        """The columns (`RATING_FILTERS`) this rating indicator selects its rows by, each with the value it must have
        in any case (`queries.same`): the channel, and the question and location when given."""
        values = dict(zip(RATING_FILTERS, (self.channel, self.question, self.location), strict=True))
        return {column: value for column, value in values.items() if value}

    def method(self, language: str = "nl") -> str:
        """The method in a sentence, in the document's language: published beside n under the indicator's table."""
        t = translator(language)
        if self.kind is Kind.RATING:
            assert self.scale is not None
            if self.scale.kind is ScaleKind.YES_NO:
                what = t("method_yes")
            else:
                low, high = self.scale.range or (0, 0)
                best = self.scale.best if self.scale.kind is ScaleKind.SMILEYS else high
                shown = self.positive_from if best == high else low + high - (self.positive_from or 0)
                what = t("method_at_least" if best == high else "method_at_most", score=str(shown))
            parts = [
                t("method_on_scale", what=what, scale=self.scale.describe(t)),
                t("method_channel", channel=self.channel or ""),
            ]
            if self.question:
                parts.append(t("method_question", question=self.question))
            if self.location:
                parts.append(t("method_location", location=self.location))
            parts.append(t("method_duplicates"))
        else:
            queues = (
                t(
                    "method_queues" if len(self.queues) > 1 else "method_queue",
                    queues=format_list(list(self.queues), locale=LOCALES[language]),
                )
                if self.queues
                else t("method_all_queues")
            )
            wait = t("method_wait_queue" if self.wait_rule is WaitRule.QUEUE else "method_wait_total")
            parts = [t("method_calls", queues=queues, within=str(self.within), wait=wait)]
            if self.short_abandon:
                parts.append(t("method_short", seconds=str(self.short_abandon)))
            if self.format is InputFormat.QUEUE_LOG:  # a list of calls has no key press (EXITWITHKEY)
                parts.append(t(KEY_SENTENCES[self.key_rule]))
            parts.append(t("method_reentry"))
        parts.append(t("method_wilson", per=t(f"method_{self.granularity.value}")))
        unit = "method_minimum_responses" if self.kind is Kind.RATING else "method_minimum_calls"
        parts.append(t(unit, minimum=format_number(Decimal(self.minimum), locale=language)))
        return "; ".join(parts)

    def periods(self, years: Iterable[int]) -> list[Period]:
        found = []
        for year in years:
            if self.granularity is Granularity.YEAR:
                found.append(Period.of_year(year))
            elif self.granularity is Granularity.QUARTER:
                found.extend(_period(f"Q{quarter} {year}") for quarter in range(1, 5))
            else:
                found.extend(_period(f"{year}-{month:02d}") for month in range(1, 13))
        return found


_EARLIER_SHORT = {
    "nl": "wie binnen {seconds} seconden ophangt telt niet mee",
    "en": "callers who hang up within {seconds} seconds are not counted",
}
"""`method_short` as versions before November 2026 wrote it, per language."""


_EARLIER_WORDINGS = (
    # Repeats within a file count each (two people, one minute); only one in several files counts once.
    ("dubbele reacties tellen één keer", lambda found: translator("nl")("method_duplicates")),
    ("duplicate responses count once", lambda found: translator("en")("method_duplicates")),
    # A minimum as a Dutch number (5.000), beside the reason 'te weinig reacties: 12, minimaal 5.000'.
    (r"minimaal (\d{4,}) (reacties|gesprekken)", lambda found: f"minimaal {_number(found[1], 'nl')} {found[2]}"),
    (r"at least (\d{4,}) (responses|calls)", lambda found: f"at least {_number(found[1], 'en')} {found[2]}"),
    # One queue is "de wachtrij KCC".
    # (Two queues are "a en b" now: not one.)
    (r"in de wachtrijen ((?:(?! en )[^,;()])+) dat binnen", lambda found: f"in de wachtrij {found[1]} dat binnen"),
    (
        r"in the queues ((?:(?! and )[^,;()])+) answered within",
        lambda found: f"in the queue {found[1]} answered within",
    ),
    # English scales as a native reader names them: "on five smileys", "on a grade from 1 to 10", "responses 'yes' on
    # yes or no" were the Dutch words one by one.
    (
        "share of responses 'yes' on yes or no",
        lambda found: _english("method_on_scale", what=_english("method_yes"), scale=_english("method_yes_no")),
    ),
    (
        r"on five smileys \(1 to 5, ([15]) = very satisfied\)",
        lambda found: "on " + _english("method_smileys", best=found[1]),
    ),
    ("on a grade from 1 to 10", lambda found: "on " + _english("method_grade")),
    # Queues listed as a reader says them, "a, b en c", not "a, b, c".
    (r"(?<=in de wachtrijen )[^;()]+?(?= dat binnen)", lambda found: _listed(found[0], "nl", " en ")),
    (r"(?<=in the queues )[^;()]+?(?= answered within)", lambda found: _listed(found[0], "en", " and ")),
    # In British English, as the rest of an English site lists: "a, b and c", not the American "a, b, and c".
    (r"(?<=in the queues )([^;()]+?), and (?=[^;(),]+ answered within)", lambda found: f"{found[1]} and "),
)
"""Words of a method that versions before 29 November 2026 wrote otherwise, with the words for them now."""


def _listed(text: str, language: str, conjunction: str) -> str:
    """Queues an earlier version joined with commas only, joined as `method` joins them now."""
    if ", " not in text or conjunction in text:
        return text  # one queue, or listed with "en" / "and" already
    return format_list(text.split(", "), locale=LOCALES[language])


def _english(key: str, **fields: str) -> str:
    return translator("en")(key, **fields)


def _number(digits: str, language: str) -> str:
    return format_number(Decimal(digits), locale=language)


def current_wording(method: str, fmt: InputFormat) -> str:
    """A method as `Definition.method` says it now, from one an earlier version wrote for a definition of format
    `fmt`: the same definition, in words made clearer since (a short hang-up is one soon after the call came in: "na
    binnenkomst"), or without a rule that never applied (versions up to 29 November 2026 named the rule for a key
    press in the method of a list of calls, which has none: any rule measured the same)."""
    for language, earlier in _EARLIER_SHORT.items():
        t = translator(language)
        pattern = re.escape(earlier).replace(re.escape("{seconds}"), r"(\d+)")
        method = re.sub(pattern, lambda found, t=t: t("method_short", seconds=found.group(1)), method)
    for pattern, now in _EARLIER_WORDINGS:
        method = re.sub(pattern, now, method)
    if fmt is InputFormat.CALLS:
        for texts in TEXTS.values():
            for key in KEY_SENTENCES.values():
                method = method.replace(f"; {texts[key]};", ";")
    return method


def _period(text: str) -> Period:
    from verantwoord.model import parse_period

    return parse_period(text)


@dataclass(frozen=True)
class Definitions:
    path: Path
    timezone: str
    years: tuple[int, ...] | None
    indicators: tuple[Definition, ...]


def check_definitions(
    root: Path, known_ids: set[str] | None, problems: Problems, ids_in: str, raw_data: bool = True
) -> Definitions | None:
    """For `check` and `build`: report every problem of the project's `metingen.yaml`, when it has one; returns
    its definitions (None without the file, or when it cannot be read).

    Raw files that are not there are a warning (`raw_data`, for `check`), or not looked at (for `build`), never an
    error: the site is built from metingen/uitkomsten.csv, and the raw data (often personal, git-ignored) is only
    needed where `verantwoord measure` runs.
    """
    if not (root / DEFINITIONS_FILE).is_file():
        if (root / f"{DEFINITIONS_FILE}.txt").is_file():
            problems.warning(
                Location(f"{DEFINITIONS_FILE}.txt"),
                "dit bestand wordt niet gelezen.",
                hint=hidden_extension_hint(DEFINITIONS_FILE),
            )
        return None
    return read_definitions(root, known_ids, problems, ids_in, files_required=False if raw_data else None)


def read_definitions(
    root: Path, known_ids: set[str] | None, problems: Problems, ids_in: str, files_required: bool | None = True
) -> Definitions | None:
    """The project's `metingen.yaml`, or None when it is missing or has errors (all reported in `problems`).

    `known_ids` are the indicator ids of the export; None when the export could not be read. `ids_in` is where
    the export keeps them, in its own words (`Words.indicators`: "het blad Indicatoren", "indicatoren.csv"). A pattern
    in `bestanden` that matches no file is an error with `files_required`, but the definitions are returned all the
    same (`Definition.unmatched`); without, it is a warning; with None, nothing is said of it.
    """
    path = root / DEFINITIONS_FILE
    if not path.is_file():
        problems.error(
            Location(DEFINITIONS_FILE),
            "het project heeft geen metingen.yaml.",
            hint=hidden_extension_hint(DEFINITIONS_FILE)
            if (root / f"{DEFINITIONS_FILE}.txt").is_file()
            else "beschrijf per indicator hoe hij gemeten wordt; zie de handleiding (metingen.md).",
        )
        return None
    data = load_yaml(path, problems)
    if data is None:
        return None
    if not isinstance(data, LineDict):
        problems.error(Location(DEFINITIONS_FILE, line=1), "het bestand bevat geen metingen.")
        return None
    start = len(problems)
    definitions = _read(root, data, known_ids, problems, ids_in, files_required)
    # The reader checks an indicator's keys in its own order ('soort' first, then unknown keys, then the files, …):
    # told in that order, line 11 came before line 10. In the order of the file, as a reader goes through it.
    problems[start:] = sorted(problems[start:], key=lambda problem: problem.location.line or 0)
    return definitions


def _read(
    root: Path, data: LineDict, known_ids: set[str] | None, problems: Problems, ids_in: str, files_required: bool | None
) -> Definitions | None:
    path = root / DEFINITIONS_FILE
    reader = _Reader(root, problems, files_required)
    reader.keys(data, "", "")
    timezone = reader.text(data, "tijdzone") or DEFAULT_TIMEZONE
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        reader.error(data, "tijdzone", "is geen bekende tijdzone.", timezone, "een naam als Europe/Amsterdam")
    years = reader.years(data, "jaren")
    limit = reader.error_limit(data, "foutgrens", ErrorLimit())
    scales = reader.scales(data)
    indicators = reader.group(data, "indicatoren", required=True)
    definitions = []
    if indicators is not None:
        if not indicators:
            reader.error(data, "indicatoren", "is leeg.", expected="minstens één indicator met zijn meting")
        for indicator_id, node in indicators.items():
            definition = reader.definition(indicators, str(indicator_id), node, scales, limit, known_ids, ids_in)
            if definition is not None:
                definitions.append(definition)
    if indicators is not None:
        reader.spellings(indicators, definitions)
        reader.scales_of_the_same_rows(indicators, definitions)
    if reader.failed:
        return None
    return Definitions(path, timezone, years, tuple(definitions))


class _Reader:
    """Reads the nested mappings of metingen.yaml, reporting each problem with its line."""

    def __init__(self, root: Path, problems: Problems, files_required: bool | None = True) -> None:
        self.root = root
        self.problems = problems
        self.files_required = files_required
        self.failed = False
        # Every scale under 'schalen', also one with a mistake: that is reported at the scale, not at its indicators.
        self.scale_names: list[str] = []

    def location(self, node: LineDict, key: str | None = None) -> Location:
        line = node.lines.get(key, node.line) if key is not None else node.line
        return Location(DEFINITIONS_FILE, line=line)

    def error(
        self,
        node: LineDict,
        key: str,
        message: str,
        found: str | None = None,
        expected: str | None = None,
        hint: str | None = None,
        name: str | None = None,
    ) -> None:
        self.failed = True
        self.problems.error(
            self.location(node, key), f"'{name or key}' {message}", found=found, expected=expected, hint=hint
        )

    def keys(self, node: LineDict, group: str, prefix: str, kind: Kind | None = None) -> None:
        known = {k.name: k for k in KEYS if k.group == group}
        for key in node:
            name = str(key)
            spec = known.get(name)
            if spec is None:
                close = difflib.get_close_matches(name, sorted(known), n=1)
                self.failed = True
                self.problems.error(
                    self.location(node, key),
                    f"onbekende sleutel '{prefix}{name}'.",
                    found=name,
                    expected=", ".join(sorted(known)),
                    hint=f"bedoelt u '{close[0]}'?" if close else "zie de handleiding (metingen.md).",
                )
            elif kind is not None and kind not in spec.kinds:
                self.failed = True
                self.problems.error(
                    self.location(node, key),
                    f"'{prefix}{name}' hoort niet bij een meting van {kind.value}.",
                    hint=f"'{name}' geldt alleen voor {', '.join(k.value for k in spec.kinds)}.",
                )

    def raw(self, node: LineDict, key: str) -> object:
        value = node.get(key)
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def text(self, node: LineDict, key: str, required: bool = False, name: str | None = None) -> str | None:
        value = self.raw(node, key)
        if value is None:
            if required:
                self.failed = True
                self.problems.error(
                    self.location(node),
                    f"'{name or key}' ontbreekt.",
                    expected=next(k.help for k in KEYS if k.name == key.rsplit(".", 1)[-1]),
                )
            return None
        if isinstance(value, (dict, list)):
            self.error(node, key, "moet een enkele waarde zijn.", str(value), name=name)
            return None
        return str(value).strip()

    def choice(self, node: LineDict, key: str, enum: type[StrEnum], default, name: str, allowed=None):
        text = self.text(node, key, required=default is None, name=name)
        if text is None:
            return default
        options = list(allowed or enum)
        for option in options:
            if text.lower() == option.value:
                return option
        close = difflib.get_close_matches(text.lower(), [o.value for o in options], n=1)
        self.error(
            node,
            key,
            "is geen geldige keuze.",
            text,
            " of ".join(o.value for o in options),
            hint=f"bedoelt u '{close[0]}'?" if close else None,
            name=name,
        )
        return default

    def integer(self, node: LineDict, key: str, name: str, low: int, high: int | None = None) -> int | None:
        value = self.raw(node, key)
        if value is None:
            return None
        if isinstance(value, bool) or not re.fullmatch(r"\d+", str(value).strip()):
            expected = (
                f"een heel getal van {low} tot en met {high}" if high is not None else f"een heel getal vanaf {low}"
            )
            self.error(node, key, "is geen geldig getal.", str(value), expected, name=name)
            return None
        number = int(str(value).strip())
        if number < low or (high is not None and number > high):
            expected = (
                f"een heel getal van {low} tot en met {high}" if high is not None else f"een heel getal vanaf {low}"
            )
            self.error(node, key, "ligt buiten het bereik.", str(value), expected, name=name)
            return None
        return number

    def group(self, node: LineDict, key: str, required: bool = False, name: str | None = None) -> LineDict | None:
        value = node.get(key)
        if value is None:
            if required:
                self.failed = True
                self.problems.error(
                    self.location(node),
                    f"'{name or key}' ontbreekt.",
                    hint="zie het voorbeeld in de handleiding (metingen.md).",
                )
            return None
        if not isinstance(value, LineDict):
            self.error(node, key, "moet een groep sleutels zijn.", str(value), name=name)
            return None
        return value

    def years(self, node: LineDict, key: str) -> tuple[int, ...] | None:
        value = self.raw(node, key)
        if value is None:
            return None
        try:
            return parse_years(value)
        except YearsError as error:
            self.error(node, key, error.problem, error.found, YEARS_EXPECTED)
            return None

    def error_limit(self, node: LineDict, key: str, default: ErrorLimit, name: str | None = None) -> ErrorLimit:
        value = self.raw(node, key)
        if value is None:
            return default
        text = str(value).strip()
        if re.fullmatch(r"\d+", text):
            return ErrorLimit(count=int(text))
        match = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*%", text)
        if match:
            try:
                share = Decimal(match.group(1).replace(",", ".")) / 100
            except InvalidOperation:
                share = None
            if share is not None and share <= 1:
                return ErrorLimit(count=None, share=share)
        self.error(
            node,
            key,
            "is geen foutgrens.",
            text,
            "een aantal regels (zoals 10) of een percentage (zoals 0,5%)",
            name=name,
        )
        return default

    def scales(self, data: LineDict) -> dict[str, Scale]:
        group = self.group(data, "schalen")
        scales: dict[str, Scale] = {}
        if group is None:
            return scales
        for name, node in group.items():
            self.scale_names.append(str(name))
            prefix = f"schalen.{name}"
            if not isinstance(node, LineDict):
                self.error(
                    group, name, "moet een groep sleutels zijn.", str(node), "soort (en zeer-tevreden)", name=prefix
                )
                continue
            self.keys(node, "schaal", f"{prefix}.")
            kind = self.choice(node, "soort", ScaleKind, None, f"{prefix}.soort")
            best = None
            if kind is ScaleKind.SMILEYS:
                best = self.integer(node, "zeer-tevreden", f"{prefix}.zeer-tevreden", 1, 5)
                if best is None and "zeer-tevreden" not in node:
                    self.failed = True
                    self.problems.error(
                        self.location(node),
                        f"'{prefix}.zeer-tevreden' ontbreekt.",
                        expected="1 of 5",
                        hint="leveranciers verschillen: zoek op welke score 'zeer tevreden' is.",
                    )
                elif best not in (None, 1, 5):
                    self.error(
                        node, "zeer-tevreden", "moet 1 of 5 zijn.", str(best), "1 of 5", name=f"{prefix}.zeer-tevreden"
                    )
                    best = None
            elif kind is not None and "zeer-tevreden" in node:
                self.error(node, "zeer-tevreden", "geldt alleen voor smileys.", name=f"{prefix}.zeer-tevreden")
            if kind is not None:
                scales[str(name)] = Scale(str(name), kind, best)
        return scales

    def files(self, node: LineDict, prefix: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The files of `bestanden`, and the patterns that find none: an error for `measure` that does not stop the
        reading, so that the other files and definitions are checked in the same run."""
        value = self.raw(node, "bestanden")
        name = f"{prefix}.bestanden"
        if value is None:
            self.failed = True
            self.problems.error(
                self.location(node), f"'{name}' ontbreekt.", expected="een bestand in het project, zoals ruw/queue_log"
            )
            return (), ()
        patterns = value if isinstance(value, list) else [value]
        found: list[str] = []
        unmatched: list[str] = []
        for pattern in patterns:
            text = str(pattern).strip()
            if not text or Path(text).is_absolute() or ".." in Path(text).parts:
                self.error(
                    node,
                    "bestanden",
                    "moet een pad in het project zijn.",
                    text,
                    "een pad zoals ruw/queue_log",
                    name=name,
                )
                continue
            matches = sorted(p.relative_to(self.root).as_posix() for p in self.root.glob(text) if p.is_file())
            if not matches:
                unmatched.append(text)
                if self.files_required:
                    # Without "Gevonden: 'ruw/2020.csv'": what is written there is not what was found.
                    self.problems.error(
                        self.location(node, "bestanden"),
                        f"'{name}' vindt geen bestand bij '{text}'.",
                        expected="een bestand in het project (het pad is ten opzichte van de projectmap)",
                        hint=self.what_is_there(text),
                    )
                elif self.files_required is not None:
                    self.problems.warning(
                        self.location(node, "bestanden"),
                        f"'{name}' vindt geen bestand bij '{text}'.",
                        hint="'verantwoord measure' heeft de ruwe gegevens nodig; de website niet.",
                    )
            found.extend(m for m in matches if m not in found)
        return tuple(found), tuple(unmatched)

    def what_is_there(self, pattern: str) -> str | None:
        """What the folder of a pattern that finds no file holds (its folders as 'telefonie/'), or the nearest folder
        that is there: a data owner who wrote 'ruw/telefonie/queue_log*' for logrotate's files in ruw/ sees them
        named."""
        if "\\" in pattern:
            slashed = pattern.replace("\\", "/")
            outside = Path(slashed).is_absolute() or ".." in Path(slashed).parts  # a UNC path: \\server\share
            if outside or any(p.is_file() for p in self.root.glob(slashed)):
                return f"scheid mappen met / en niet met \\: {slashed}."
            # Said at once: the pattern with / finds nothing either, and the next run would tell only that.
            there = self.what_is_there(slashed)
            return f"scheid mappen met / en niet met \\; ook '{slashed}' vindt geen bestand: {there}"
        parts = Path(pattern).parts
        fixed = next((i for i, part in enumerate(parts) if any(c in part for c in "*?[")), len(parts) - 1)
        folder = Path(*parts[:fixed]) if fixed else Path()
        said = ""
        while not (self.root / folder).is_dir():
            said, folder = f"de map {folder.as_posix()} is er niet; ", folder.parent
        # Its folders too, first: a folder of only folders is not empty, and the files may be in one of them.
        entries = [p for p in (self.root / folder).iterdir() if not p.name.startswith(".")]
        names = sorted(f"{p.name}/" for p in entries if p.is_dir()) + sorted(p.name for p in entries if p.is_file())
        where = f"de map {folder.as_posix()}" if folder.parts else "de projectmap"
        if not names:
            return f"{said}{where} is leeg."
        listed = ", ".join(names[:10]) + (
            f" (en nog {format_number(Decimal(len(names) - 10))})" if len(names) > 10 else ""
        )
        return f"{said}in {where} staan: {listed}."

    def pauses(self, node: LineDict, prefix: str) -> tuple[Pause, ...]:
        value = node.get("niet-gemeten")
        name = f"{prefix}.niet-gemeten"
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error(
                node, "niet-gemeten", "moet een lijst zijn.", str(value), "regels die beginnen met '- van:'", name=name
            )
            return ()
        pauses = []
        for index, item in enumerate(value, start=1):
            item_name = f"{name}[{index}]"
            if not isinstance(item, LineDict):
                self.error(node, "niet-gemeten", "bevat iets anders dan van, tot en reden.", str(item), name=item_name)
                continue
            self.keys(item, "niet-gemeten", f"{item_name}.")
            start = self.day(item, "van", f"{item_name}.van")
            end = self.day(item, "tot", f"{item_name}.tot")
            reason = self.text(item, "reden", required=True, name=f"{item_name}.reden")
            if start and end and end < start:
                self.error(
                    item,
                    "tot",
                    "ligt voor 'van'.",
                    f"{end:%d-%m-%Y}",
                    f"een dag vanaf {start:%d-%m-%Y}",
                    name=f"{item_name}.tot",
                )
            elif start is None and end is None and "van" not in item and "tot" not in item:
                self.failed = True
                self.problems.error(
                    self.location(item),
                    f"'{item_name}' heeft geen 'van' en geen 'tot'.",
                    hint="geef minstens de eerste dag zonder meting (van) of de laatste (tot).",
                )
            if reason:
                pauses.append(Pause(start, end, reason))
        return tuple(pauses)

    def day(self, node: LineDict, key: str, name: str) -> date | None:
        value = self.raw(node, key)
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).strip()
        for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
            try:
                return datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        self.error(node, key, "is geen datum.", text, "een datum zoals 2020-03-16 of 16-03-2020", name=name)
        return None

    def definition(
        self,
        parent: LineDict,
        indicator_id: str,
        node: object,
        scales: dict[str, Scale],
        limit: ErrorLimit,
        known_ids: set[str] | None,
        ids_in: str,
    ) -> Definition | None:
        prefix = f"indicatoren.{indicator_id}"
        if known_ids is not None and indicator_id not in known_ids:
            close = similar_id(indicator_id, known_ids)
            self.failed = True
            self.problems.error(
                self.location(parent, indicator_id),
                f"onbekende indicator '{indicator_id}'.",
                found=indicator_id,
                expected=f"een id uit {ids_in}",
                hint=meant_id_hint(indicator_id, close) if close else f"voeg de indicator toe aan {ids_in}.",
            )
        if not isinstance(node, LineDict):
            self.error(
                parent, indicator_id, "moet een groep sleutels zijn.", str(node), "soort, bestanden, …", name=prefix
            )
            return None
        failed_before = self.failed
        self.failed = False
        kind = self.choice(node, "soort", Kind, None, f"{prefix}.soort")
        self.keys(node, "indicator", f"{prefix}.", kind)
        files, unmatched = self.files(node, prefix)
        allowed = RATING_FORMATS if kind is Kind.RATING else CALL_FORMATS
        default_format = InputFormat.QUEUE_LOG if kind is Kind.REACHABILITY else _format_of(files)
        fmt = self.choice(node, "formaat", InputFormat, default_format, f"{prefix}.formaat", allowed)
        granularity = self.choice(node, "periode", Granularity, Granularity.YEAR, f"{prefix}.periode")
        minimum = self.integer(node, "minimum", f"{prefix}.minimum", 1)
        decimals = self.integer(node, "decimalen", f"{prefix}.decimalen", 0, 4)
        error_limit = self.error_limit(node, "foutgrens", limit, f"{prefix}.foutgrens")
        pauses = self.pauses(node, prefix)
        common = {
            "indicator": indicator_id,
            "files": files,
            "unmatched": unmatched,
            "granularity": granularity,
            "minimum": minimum if minimum is not None else DEFAULT_MINIMUM,
            "decimals": decimals,
            "error_limit": error_limit,
            "pauses": pauses,
            "line": parent.lines.get(indicator_id, node.line),
        }
        definition = None
        if kind is Kind.RATING:
            definition = self._rating(node, prefix, scales, common, fmt)
        elif kind is Kind.REACHABILITY:
            definition = self._reachability(node, prefix, common, fmt)
        ok = not self.failed
        self.failed = failed_before or self.failed
        return definition if ok else None

    def spellings(self, indicators: LineDict, definitions: list[Definition]) -> None:
        """Two rating indicators over a file in common whose channel (question, location) differs only in case:
        values are read in any case (`queries.same`), so both read the same rows. 'Balie' and 'balie' are then the
        same channel written two ways, or two channels the files tell apart by case alone, which cannot be measured
        apart; either way the figures may not be what was meant."""
        ratings = [d for d in definitions if d.kind is Kind.RATING]
        for index, later in enumerate(ratings):
            for column, value in later.filters().items():
                earlier = next(
                    (
                        d
                        for d in ratings[:index]
                        if set(d.files) & set(later.files)
                        and d.filters().get(column, "").lower() == value.lower()
                        and d.filters()[column] != value
                    ),
                    None,
                )
                if earlier is None:
                    continue
                name, _, same, _ = RATING_FILTERS[column]
                line = self.location(indicators[earlier.indicator], column).line
                self.error(
                    indicators[later.indicator],
                    column,
                    f"is '{value}', en bij '{earlier.indicator}' (regel {line}) staat '{earlier.filters()[column]}': "
                    f"hoofdletters tellen niet mee, dus beide metingen lezen {same}.",
                    hint=f"schrijf {name} bij beide metingen hetzelfde. Bedoelt u er twee die in de bestanden alleen "
                    "in hoofdletters verschillen, laat de export ze dan anders noemen: verantwoord houdt ze niet uit "
                    "elkaar.",
                    name=f"indicatoren.{later.indicator}.{column}",
                )

    def scales_of_the_same_rows(self, indicators: LineDict, definitions: list[Definition]) -> None:
        """Two rating indicators that read the same rows (a block copied, its channel left as it was) on different
        scales: scores of five smileys on a scale of grades are all 'negative', and 0% was published without a word.
        The same rows on the same scale are fine (a share of 4 and 5, and one of 5 alone)."""
        ratings = [d for d in definitions if d.kind is Kind.RATING and d.scale is not None]
        for index, later in enumerate(ratings):
            rows = {column: value.lower() for column, value in later.filters().items()}
            earlier = next(
                (
                    d
                    for d in ratings[:index]
                    if set(d.files) & set(later.files)
                    and {column: value.lower() for column, value in d.filters().items()} == rows
                    and (d.scale.kind, d.scale.best) != (later.scale.kind, later.scale.best)
                ),
                None,
            )
            if earlier is None:
                continue
            line = self.location(indicators[earlier.indicator], "schaal").line
            self.problems.warning(
                self.location(indicators[later.indicator], "schaal"),
                f"'{later.indicator}' leest dezelfde reacties als '{earlier.indicator}' (regel {line}: "
                f"{', '.join(f'{column} {value}' for column, value in later.filters().items())}), maar op een andere "
                f"schaal: '{later.scale.name}' en niet '{earlier.scale.name}'.",
                hint="verbeter het kanaal (of de vraag of locatie) van een van beide, of de schaal: één soort "
                "reacties heeft één schaal.",
            )

    def _rating(self, node: LineDict, prefix: str, scales: dict[str, Scale], common: dict, fmt) -> Definition | None:
        channel = self.text(node, "kanaal", required=True, name=f"{prefix}.kanaal")
        scale_name = self.text(node, "schaal", required=True, name=f"{prefix}.schaal")
        scale = scales.get(scale_name) if scale_name else None
        if scale_name in self.scale_names and scale is None:
            self.failed = True  # the scale's own mistake is reported at the scale
        elif scale_name and scale is None:
            close = difflib.get_close_matches(scale_name, self.scale_names, n=1)
            self.error(
                node,
                "schaal",
                "is geen schaal uit 'schalen'.",
                scale_name,
                ", ".join(sorted(self.scale_names)) or "een schaal onder 'schalen' (er zijn er geen)",
                hint=f"bedoelt u '{close[0]}'?" if close else None,
                name=f"{prefix}.schaal",
            )
        positive_from = None
        if scale is not None:
            if scale.kind is ScaleKind.YES_NO:
                if "positief-vanaf" in node:
                    self.error(
                        node,
                        "positief-vanaf",
                        "geldt niet voor ja-nee: positief is 'ja'.",
                        name=f"{prefix}.positief-vanaf",
                    )
            else:
                low, high = SCALE_RANGE[scale.kind]
                positive_from = self.integer(node, "positief-vanaf", f"{prefix}.positief-vanaf", low + 1, high)
                if positive_from is None:
                    positive_from = DEFAULT_POSITIVE_FROM[scale.kind]
        if self.failed or scale is None or channel is None:
            return None
        return Definition(
            kind=Kind.RATING,
            format=fmt,
            channel=channel,
            scale=scale,
            positive_from=positive_from,
            question=self.text(node, "vraag"),
            location=self.text(node, "locatie"),
            **common,
        )

    def _reachability(self, node: LineDict, prefix: str, common: dict, fmt) -> Definition | None:
        queues_value = self.raw(node, "wachtrijen")
        queues = None
        if queues_value is not None:
            # 'kcc, balie' without brackets is YAML's text: two queues, as years are read (a queue's name holds no
            # comma: Asterisk's Queue() takes its options after one).
            items = queues_value if isinstance(queues_value, list) else str(queues_value).split(",")
            queues = tuple(str(q).strip() for q in items if str(q).strip())
            if not queues:
                self.error(
                    node, "wachtrijen", "is leeg.", expected="de namen van wachtrijen", name=f"{prefix}.wachtrijen"
                )
        within = self.integer(node, "binnen", f"{prefix}.binnen", 1, 3600)
        if within is None and "binnen" not in node:
            self.failed = True
            self.problems.error(
                self.location(node),
                f"'{prefix}.binnen' ontbreekt.",
                expected="een aantal seconden, zoals 25 (VNG) of 15 (NEN 8878)",
            )
        short = self.integer(node, "korte-ophangers", f"{prefix}.korte-ophangers", 0, 3600)
        key_rule = self.choice(node, "toets", KeyRule, KeyRule.UNANSWERED, f"{prefix}.toets")
        if "toets" in node and fmt is InputFormat.CALLS:
            # A list of calls has no key presses: the setting was read, and changed nothing, without a word.
            self.problems.warning(
                self.location(node, "toets"),
                f"'{prefix}.toets' doet niets bij 'formaat: gesprekken': een lijst van gesprekken heeft geen "
                "toetsen, alleen een queue_log.",
                hint="haal 'toets' weg.",
            )
        wait_rule = self.choice(node, "wachttijd", WaitRule, WaitRule.QUEUE, f"{prefix}.wachttijd")
        if self.failed or within is None:
            return None
        return Definition(
            kind=Kind.REACHABILITY,
            format=fmt,
            queues=queues,
            within=within,
            short_abandon=short or 0,
            key_rule=key_rule,
            wait_rule=wait_rule,
            **common,
        )


def _format_of(files: tuple[str, ...]) -> InputFormat:
    return InputFormat.PARQUET if files and all(f.lower().endswith(".parquet") for f in files) else InputFormat.CSV
