"""The project file `verantwoord.yaml`: its schema as code, and reading it with clear messages.

Keys are Dutch, because the people who edit this file are P&C staff. Every key is listed in OPTIONS with
what it means; the user guide documents each one, and a test fails when one is missing there.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from verantwoord.errors import Location, Problems, ProjectNotFound
from verantwoord.model import DocumentKind, Period
from verantwoord.yamlfile import LineDict, load_yaml

CONFIG_FILE = "verantwoord.yaml"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
LANGUAGES = ("nl", "en")
DEFAULT_DATETIME_FORMAT = "dd-MM-yyyy HH:mm:ss"


@dataclass(frozen=True)
class Option:
    key: str
    help: str


OPTIONS = (
    Option("document.soort", "begroting, jaarverslag, voorjaarsnota of bestuursrapportage (verplicht)"),
    Option("document.jaar", "het jaar van het document, bijvoorbeeld 2020 (verplicht)"),
    Option("document.organisatie", "de naam van de organisatie, bijvoorbeeld Gemeente Amersfoort (verplicht)"),
    Option("document.titel", "de titel boven elke pagina; standaard soort en jaar, zoals 'Jaarverslag 2020'"),
    Option("export.bestand", "de export: een .xlsx-werkmap, een map met CSV-bestanden of een .yaml-bestand"),
    Option("export.tijd", "het moment van de export, als de werkmap het zelf niet goed weet (25-05-2021 13:50:49)"),
    Option("tekst", "de map met de Markdown-teksten van hoofdstukken en paragrafen (standaard 'tekst')"),
    Option("tabel.realisatie", "de jaren met realisatiecijfers in de tabellen, bijvoorbeeld 2016-2020"),
    Option("tabel.streefwaarde", "de jaren met streefcijfers in de tabellen, bijvoorbeeld 2020 of [2024, 2027]"),
    Option("uitvoer", "de map waarin de website komt (standaard 'site' in het project)"),
    Option("taal", "de taal van de website: nl (standaard) of en"),
    Option("datumformaat", "hoe datum en tijd in de voettekst staan (standaard dd-MM-yyyy HH:mm:ss)"),
    Option("zoeken", "een zoekfunctie op de website: ja (standaard) of nee"),
    Option("pdf", "maak bij elke build ook het hele document als één PDF: ja of nee (standaard)"),
    Option("thema.map", "een map met eigen sjablonen (zelfde naam als de onze) en een thema.css"),
    Option("thema.logo", "een logo (.svg, .png of .jpg) links in de kop van elke pagina"),
    Option("thema.kleur", "de hoofdkleur (kop en links) als #rrggbb; moet genoeg contrast hebben met wit"),
    Option("thema.lettertype", "het lettertype als CSS-lijst, zoals 'Source Sans Pro', Arial, sans-serif"),
)
KEYS = {option.key for option in OPTIONS}
KIND_NAMES = {
    "nl": {kind: kind.value.capitalize() for kind in DocumentKind},
    "en": {
        DocumentKind.BEGROTING: "Budget",
        DocumentKind.JAARVERSLAG: "Annual report",
        DocumentKind.VOORJAARSNOTA: "Spring memorandum",
        DocumentKind.BESTUURSRAPPORTAGE: "Interim report",
    },
}
"""The default title of a document ("Jaarverslag 2020") in each language."""
SECTIONS = {key.split(".")[0] for key in KEYS if "." in key}


@dataclass(frozen=True)
class Config:
    root: Path
    kind: DocumentKind
    year: int
    organisation: str
    title: str
    export_path: Path
    export_time: datetime | None
    texts_dir: Path
    realised_years: tuple[Period, ...]
    target_years: tuple[Period, ...]
    output_dir: Path
    language: str
    datetime_format: str
    search: bool = True
    pdf: bool = False
    theme_folder: Path | None = None
    logo: Path | None = None
    colour: str | None = None
    font: str | None = None


def find_config(project: Path) -> Path:
    path = project / CONFIG_FILE
    if not path.is_file():
        raise ProjectNotFound(project)
    return path


def read_config(project: Path, problems: Problems) -> Config | None:
    """The project's config, or None when it has errors (all reported in `problems`)."""
    path = find_config(project)
    data = load_yaml(path, problems)
    if data is None:
        return None
    if not isinstance(data, LineDict):
        problems.error(Location(CONFIG_FILE, line=1), "het bestand bevat geen instellingen.")
        return None
    reader = _Reader(data, problems)
    reader.check_keys()
    kind_text = reader.text("document.soort", required=True)
    kind = None
    if kind_text is not None:
        try:
            kind = DocumentKind(kind_text.lower())
        except ValueError:
            reader.error(
                "document.soort", "is geen bekende documentsoort.", kind_text, ", ".join(k.value for k in DocumentKind)
            )
    year = reader.integer("document.jaar", required=True)
    organisation = reader.text("document.organisatie", required=True) or ""
    language = reader.text("taal") or "nl"
    if language not in LANGUAGES:
        reader.error("taal", "is geen ondersteunde taal.", language, " of ".join(LANGUAGES))
        language = "nl"
    title = reader.text("document.titel") or (f"{KIND_NAMES[language][kind]} {year}" if kind and year else "")
    export_path = project / (reader.text("export.bestand") or "indicatoren.xlsx")
    if not export_path.exists():
        reader.error(
            "export.bestand",
            "het exportbestand bestaat niet.",
            str(export_path.relative_to(project)),
            "een .xlsx-werkmap, een map met CSV-bestanden of een .yaml-bestand in het project",
        )
    export_time = reader.moment("export.tijd")
    realised = reader.years("tabel.realisatie", default=tuple(range(year - 4, year + 1)) if year else ())
    targets = reader.years("tabel.streefwaarde", default=(year,) if year else ())
    datetime_format = reader.text("datumformaat") or DEFAULT_DATETIME_FORMAT
    try:
        format_datetime(datetime(2021, 5, 27, tzinfo=AMSTERDAM), datetime_format, locale=language)
    except (ValueError, KeyError) as error:
        reader.error(
            "datumformaat",
            f"is geen geldig datumformaat ({error}).",
            datetime_format,
            "een patroon zoals dd-MM-yyyy HH:mm:ss",
        )
    search = reader.flag("zoeken", default=True)
    pdf = reader.flag("pdf", default=False)
    theme_folder = reader.path("thema.map", project, folder=True)
    logo = reader.path("thema.logo", project, suffixes=(".svg", ".png", ".jpg", ".jpeg"))
    colour = reader.colour("thema.kleur")
    font = reader.text("thema.lettertype")
    if font is not None and re.search(r"[;{}<>\\]", font):
        reader.error(
            "thema.lettertype",
            "bevat tekens die niet in een lettertypenaam horen.",
            font,
            "namen van lettertypen met komma's ertussen",
        )
    if kind is None or year is None:
        return None  # without them the figures cannot be checked at all
    # With other errors the config still comes back, defaults in their place: the texts and the export are
    # then checked in the same run, and load_project stops before anything is built.
    return Config(
        root=project,
        kind=kind,
        year=year,
        organisation=organisation,
        title=title,
        export_path=export_path,
        export_time=export_time,
        texts_dir=project / (reader.text("tekst") or "tekst"),
        realised_years=tuple(Period.of_year(y) for y in realised),
        target_years=tuple(Period.of_year(y) for y in targets),
        output_dir=project / (reader.text("uitvoer") or "site"),
        language=language,
        datetime_format=datetime_format,
        search=search,
        pdf=pdf,
        theme_folder=theme_folder,
        logo=logo,
        colour=colour,
        font=font,
    )


class _Reader:
    """Reads dotted keys from the config mapping, reporting each problem with its line."""

    def __init__(self, data: LineDict, problems: Problems) -> None:
        self.data = data
        self.problems = problems
        self.failed = False

    def check_keys(self) -> None:
        for key, value in self.data.items():
            key = str(key)
            if key in SECTIONS and isinstance(value, LineDict):
                for sub in value:
                    if f"{key}.{sub}" not in KEYS:
                        self._unknown(f"{key}.{sub}", value.lines[sub])
            elif key in SECTIONS:
                self.error(
                    key,
                    "moet een groep instellingen zijn.",
                    str(value),
                    ", ".join(sorted(k for k in KEYS if k.startswith(key + "."))),
                )
            elif "." in key and key in KEYS:
                group, _, name = key.partition(".")
                self.failed = True
                self.problems.error(
                    Location(CONFIG_FILE, line=self.data.lines[key]),
                    f"'{key}' staat als één sleutel; verantwoord leest die als groep met een sleutel erin.",
                    hint=f"schrijf '{group}:' op een regel en daaronder, ingesprongen, '{name}: …'.",
                )
            elif key not in KEYS:
                self._unknown(key, self.data.lines[key])

    def _unknown(self, key: str, line: int) -> None:
        names = KEYS if "." in key else {k.split(".")[0] for k in KEYS}
        close = difflib.get_close_matches(key, sorted(names), n=1)
        self.failed = True
        self.problems.error(
            Location(CONFIG_FILE, line=line),
            f"onbekende instelling '{key}'.",
            hint=f"bedoelt u '{close[0]}'?" if close else "zie de handleiding voor alle instellingen.",
        )

    def _get(self, key: str) -> tuple[object, int]:
        node: object = self.data
        line = self.data.line
        for part in key.split("."):
            if not isinstance(node, LineDict) or part not in node:
                return None, line
            line = node.lines[part]
            node = node[part]
        return node, line

    def error(self, key: str, message: str, found: str | None = None, expected: str | None = None) -> None:
        self.failed = True
        _, line = self._get(key)
        self.problems.error(Location(CONFIG_FILE, line=line), f"'{key}' {message}", found=found, expected=expected)

    def text(self, key: str, required: bool = False) -> str | None:
        value, _ = self._get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(key, "ontbreekt.", expected=next(o.help for o in OPTIONS if o.key == key))
            return None
        if isinstance(value, (dict, list)):
            self.error(key, "moet een enkele waarde zijn.", str(value))
            return None
        return str(value).strip()

    def integer(self, key: str, required: bool = False) -> int | None:
        text = self.text(key, required)
        if text is None:
            return None
        if not text.isdigit() or not 1900 <= int(text) <= 2200:
            self.error(key, "is geen jaartal.", text, "een jaar zoals 2020")
            return None
        return int(text)

    def moment(self, key: str) -> datetime | None:
        value, _ = self._get(key)
        if value is None:
            return None
        if isinstance(value, datetime):
            moment = value
        elif isinstance(value, date):
            moment = datetime(value.year, value.month, value.day)
        else:
            moment = _parse_moment(str(value))
            if moment is None:
                self.error(key, "is geen datum en tijd.", str(value), "dd-mm-jjjj uu:mm:ss, zoals 25-05-2021 13:50:49")
                return None
        return moment.replace(tzinfo=AMSTERDAM) if moment.tzinfo is None else moment

    def flag(self, key: str, default: bool) -> bool:
        value, _ = self._get(key)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("ja", "aan", "true", "yes", "on"):
            return True
        if text in ("nee", "uit", "false", "no", "off"):
            return False
        self.error(key, "is geen ja of nee.", str(value), "ja of nee")
        return default

    def path(self, key: str, project: Path, folder: bool = False, suffixes: tuple[str, ...] = ()) -> Path | None:
        text = self.text(key)
        if text is None:
            return None
        path = project / text
        if folder and not path.is_dir():
            self.error(key, "is geen map in het project.", text, "een map naast verantwoord.yaml")
        elif not folder and not path.is_file():
            self.error(key, "is geen bestand in het project.", text, "een bestand naast verantwoord.yaml")
        elif suffixes and path.suffix.lower() not in suffixes:
            self.error(key, "is geen afbeelding die een browser toont.", text, ", ".join(suffixes))
        else:
            return path
        return None

    def colour(self, key: str) -> str | None:
        text = self.text(key)
        if text is None:
            return None
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", text):
            self.error(key, "is geen kleur.", text, "een kleur als #rrggbb, zoals #154273")
            return None
        ratio = min(contrast_with_white(text), contrast(text, SURFACE))
        if ratio < 4.5:
            self.error(
                key,
                f"heeft te weinig contrast ({_floored(ratio)}:1) met de witte en lichtgrijze ({SURFACE}) achtergronden "
                "van kop, links en voettekst.",
                text,
                "een contrast van minstens 4,5:1 (WCAG 2.1 AA); kies een donkerder kleur",
            )
            return None
        return text.lower()

    def years(self, key: str, default: tuple[int, ...]) -> tuple[int, ...]:
        value, _ = self._get(key)
        if value is None:
            return default
        items = value if isinstance(value, list) else [value]
        years: list[int] = []
        for item in items:
            text = str(item).strip()
            first, _, last = text.partition("-")
            if first.strip().isdigit() and (not last or last.strip().isdigit()):
                start, end = int(first), int(last or first)
                if 1900 <= start <= end <= 2200:
                    years.extend(range(start, end + 1))
                    continue
            self.error(key, "bevat geen geldige jaren.", text, "jaren zoals 2016-2020 of [2024, 2027]")
            return default
        return tuple(sorted(set(years)))


def _floored(ratio: float) -> str:
    """4.478 as "4,47": rounding would show a failing ratio as the 4,5 it has to reach."""
    return f"{math.floor(ratio * 100) / 100:.2f}".replace(".", ",")


SURFACE = "#f3f3f3"
"""The light grey behind the footer and the open-data box (--verantwoord-color-surface)."""


def contrast_with_white(colour: str) -> float:
    """The WCAG contrast ratio of #rrggbb against white."""
    return contrast(colour, "#ffffff")


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _parse_moment(text: str) -> datetime | None:
    for pattern in ("%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(text.strip(), pattern)
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        return None
