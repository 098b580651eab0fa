"""The project file `verantwoord.yaml`: its schema as code, and reading it with clear messages.

Keys are Dutch, because the people who edit this file are P&C staff. Every key is listed in OPTIONS with
what it means; the user guide documents each one, and a test fails when one is missing there.
"""

from __future__ import annotations

import difflib
import math
import os
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from urllib.parse import quote, urlsplit
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from verantwoord.errors import Location, Problems, ProjectNotFound
from verantwoord.export.records import KIND_WORDS
from verantwoord.model import (
    YEARS_EXPECTED,
    ColumnKind,
    DocumentKind,
    LayoutKind,
    Licence,
    Period,
    SeriesPlacement,
    TableColumn,
    TableLayout,
    ValueKind,
    YearsError,
    licence_named,
    parse_years,
    year_span,
)
from verantwoord.yamlfile import LineDict, load_yaml

CONFIG_FILE = "verantwoord.yaml"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
EXAMPLE_ORGANISATION = "Gemeente Voorbeeld"
"""The organisation `verantwoord new` writes, to be replaced: a warning while it is there."""
LANGUAGES = ("nl", "en")
DEFAULT_DATETIME_FORMAT = "d MMMM yyyy 'om' HH:mm"
DEFAULT_DATETIME_FORMATS = {"nl": DEFAULT_DATETIME_FORMAT, "en": "d MMMM yyyy 'at' HH:mm"}
"""Per language, as a reader says it: "op 29 november 2026 om 10:39", "on 29 November 2026 at 10:39" (05-11-2026
reads as 11 May in the United States). The second is in the footer's <time datetime>, not in its text."""
_PATTERN_MISTAKES = {
    "D": (
        "gebruikt D: de dag van het jaar (1 tot 366), zoals 333 op 29 november.",
        "bedoelt u d, de dag van de maand?",
    ),
    "Y": ("gebruikt Y: het jaar van de week, dat rond nieuwjaar een ander is dan dat van de datum.", "bedoelt u y?"),
    "h": ("gebruikt h: de uren tot 12, zonder ochtend of middag erbij.", "bedoelt u HH (0 tot 23)?"),
}
"""Letters of a date pattern that show something else than the user most likely means, with what to write."""


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
    Option(
        "export.taal",
        "de taal van de teksten in de export (titels, eenheden, bronnen, toelichtingen); standaard die van de website",
    ),
    Option(
        "export.vorige",
        "de export van de vorige publicatie; een cijfer dat sindsdien veranderd is, krijgt een noot met het oude",
    ),
    Option(
        "documenten",
        "meerdere documenten uit één export, zoals begroting en jaarverslag: een lijst met per document 'map', "
        "'document', 'tekst', 'tabel' en 'pdf'; de website krijgt een portaalpagina",
    ),
    Option("tekst", "de map met de Markdown-teksten van hoofdstukken en paragrafen (standaard 'tekst')"),
    Option("tabel.realisatie", "de jaren met realisatiecijfers in de tabellen, bijvoorbeeld 2016-2020"),
    Option("tabel.streefwaarde", "de jaren met streefcijfers in de tabellen, bijvoorbeeld 2020 of [2024, 2027]"),
    Option(
        "tabel.indeling", "per-indicator (standaard: een tabel per indicator) of overzicht (één tabel per paragraaf)"
    ),
    Option(
        "tabel.kolommen",
        "de kolommen van de tabel, op volgorde, zoals [nulmeting, realisatie 2016, begroting 2017-2018, bron]",
    ),
    Option("tabel.reeksen", "vergelijkingsreeksen als kolommen (standaard, met 'reeks Nederland') of als rijen"),
    Option("tabel.geen-cijfer", "wat een cel zonder cijfer toont in plaats van 'geen cijfer', zoals '#'"),
    Option("paragrafen", "per paragraaf een eigen 'tabel', zoals \"4.1\": {tabel: {indeling: overzicht}}"),
    Option("uitvoer", "de map waarin de website komt (standaard 'site' in het project)"),
    Option("taal", "de taal van de website: nl (standaard) of en"),
    Option("datumformaat", "hoe datum en tijd in de voettekst staan (standaard d MMMM yyyy 'om' HH:mm)"),
    Option("zoeken", "een zoekfunctie op de website: ja (standaard) of nee"),
    Option("pdf", "maak bij elke build ook het hele document als één PDF: ja of nee (standaard)"),
    Option(
        "open-data.licentie",
        "de licentie van de open data: CC0-1.0 of CC-BY-4.0; zonder deze instelling noemt de website geen licentie",
    ),
    Option(
        "website.adres",
        "het adres waarop de website online staat, zoals https://www.amersfoort.nl/jaarverslag/2020/; voor de "
        "canonieke links, sitemap.xml, een 404-pagina en de links in de PDF",
    ),
    Option("thema.map", "een map met eigen sjablonen (zelfde naam als de onze) en een thema.css"),
    Option("thema.logo", "een logo (.svg, .png of .jpg) links in de kop van elke pagina en op het voorblad van de PDF"),
    Option("thema.kleur", "de hoofdkleur (kop en links) als #rrggbb; moet genoeg contrast hebben met wit"),
    Option("thema.lettertype", "het lettertype als CSS-lijst, zoals 'Source Sans Pro', Arial, sans-serif"),
)
KEYS = {option.key for option in OPTIONS}
_GROUPS = {key.split(".")[0] for key in KEYS}
"""The top-level keys: a setting of its own (uitvoer) or a group of them (tabel)."""
PORTAL_ASSETS = "assets"
"""The folder beside the documents' folders where the site's stylesheets and scripts go (build.site)."""
DOCUMENT_KEYS = {"map", "document", "tekst", "tabel", "paragrafen", "pdf"}
"""What an entry of `documenten` may set; the other keys (export, uitvoer, taal, thema…) are shared."""
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
    layout: TableLayout
    output_dir: Path
    language: str
    datetime_format: str
    export_language: str = ""
    """The language of the export's texts (`export.taal`): the website's when not set."""
    search: bool = True
    pdf: bool = False
    theme_folder: Path | None = None
    logo: Path | None = None
    colour: str | None = None
    font: str | None = None
    section_layouts: dict[str, TableLayout] = field(default_factory=dict)
    """Sections whose tables differ from the document's (`paragrafen`), by section number."""
    section_lines: dict[str, int] = field(default_factory=dict)
    """The line of each section number in `paragrafen`, for a problem with it."""
    sections_prefix: str | None = None
    """How a problem with this document's own `paragrafen` begins ("documenten, document 2: "); None when the
    setting is shared by every document, whose sections it may name."""
    previous_export: Path | None = None
    licence: Licence | None = None
    """Of the open data (`open-data.licentie`): shared by every document, as the export is."""
    address: str | None = None
    """Where the project's site is published (`website.adres`), ending in "/"; shared by every document."""
    folder: str = ""
    """The document's subfolder of the output when the project has several documents; "" when it has one."""


def find_config(project: Path) -> Path:
    path = project / CONFIG_FILE
    if not path.is_file():
        raise ProjectNotFound(project)
    return path


def read_config(project: Path, problems: Problems) -> Config | None:
    """The config of the project's (first) document, or None when it has errors (all reported in `problems`).

    Enough for what every document shares: the export, the output folder, the language.
    """
    configs = read_configs(project, problems)
    return configs[0] if configs else None


_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
"""A language tag (BCP 47) as an HTML lang attribute takes it: nl, en, fy, nl-BE."""
_LOST_APOSTROPHE = re.compile(r"(?:^|(?<=\s))s-(?=[A-Z])")
"""'s-Hertogenbosch, 's-Gravenhage as YAML reads them between single quotes: s-Hertogenbosch."""


def read_configs(project: Path, problems: Problems) -> list[Config] | None:
    """One config per document: the project's own, or one per entry of `documenten`.

    An entry is read as if its keys stood at the top of the file, over the shared ones (an entry's
    `document` over a shared `document`, so the organisation can be written once). Each entry is
    read on its own; a problem with a shared key is reported once, not once per document.
    """
    path = find_config(project)
    data = load_yaml(path, problems)
    if data is None:
        return None
    if not isinstance(data, LineDict):
        problems.error(Location(CONFIG_FILE, line=1), "het bestand bevat geen instellingen.")
        return None
    _Reader(data, problems).check_keys()
    if "documenten" not in data:
        own = Problems()
        return _collect([_read_document(project, data, own)], [own], problems)
    entries = data["documenten"]
    if not isinstance(entries, list) or not entries or not all(isinstance(e, LineDict) for e in entries):
        problems.error(
            Location(CONFIG_FILE, line=data.lines["documenten"]),
            "'documenten' moet een lijst van documenten zijn.",
            expected="regels die beginnen met '- map:' met daaronder 'document:' (soort, jaar), 'tekst:' en 'tabel:'",
        )
        return None
    shared = data.get("document")
    if isinstance(shared, LineDict) and {"soort", "jaar"} <= set(shared):
        own_kinds = [e.get("document") for e in entries]
        if all(isinstance(d, LineDict) and {"soort", "jaar"} <= set(d) for d in own_kinds):
            # The top of the file looked like a document of its own, which would silently not be built.
            problems.warning(
                Location(CONFIG_FILE, line=data.lines["document"]),
                "'document' bovenaan heeft een soort en jaar, maar elk document in 'documenten' heeft een eigen "
                "soort en jaar: dit document wordt niet gebouwd.",
                hint="wilt u het ook publiceren, zet het dan als '- map: …' met 'document:' in de lijst "
                "'documenten'; anders zet u bovenaan alleen wat de documenten delen, zoals de organisatie.",
            )
    configs: list[Config | None] = []
    found: list[Problems] = []
    for number, entry in enumerate(entries, 1):
        own = Problems()
        reader = _Reader(entry, own, prefix=f"documenten, document {number}: ")
        reader.check_keys(allowed=DOCUMENT_KEYS)
        folder = reader.text("map")
        if folder is not None and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", folder):
            reader.error("map", "is geen geschikte mapnaam.", folder, "kleine letters, cijfers en streepjes")
            folder = None
        elif folder == PORTAL_ASSETS:
            reader.error(
                "map",
                f"kan niet '{folder}' zijn: daar staan de opmaak en de scripts van de website.",
                folder,
                "een andere mapnaam, zoals jaarverslag-2023",
            )
            folder = None
        config = _read_document(project, _merged(data, entry), own, prefix=reader.prefix, own_keys=set(entry))
        if config is not None:
            config = replace(config, folder=folder or f"{config.kind.value}-{config.year}")
        configs.append(config)
        found.append(own)
    seen: dict[str, int] = {}
    for number, (config, entry) in enumerate(zip(configs, entries, strict=True), 1):
        if config is None:
            continue
        if config.folder in seen:
            problems.error(
                Location(CONFIG_FILE, line=entry.lines.get("map", entry.line)),
                f"documenten, document {number}: de map '{config.folder}' is ook de map van document "
                f"{seen[config.folder]}.",
                hint="geef elk document met 'map:' een eigen map.",
            )
        seen[config.folder] = number
    return _collect(configs, found, problems)


def _collect(configs: list[Config | None], found: list[Problems], problems: Problems) -> list[Config] | None:
    for own in found:
        problems.extend(own)
    problems.drop_repeats()
    if any(config is None for config in configs):
        return None
    return [config for config in configs if config is not None]


def _merged(shared: LineDict, entry: LineDict) -> LineDict:
    """The shared keys with the entry's on top; one level deep, so `document.organisatie` can be shared."""
    merged = LineDict({k: v for k, v in shared.items() if k != "documenten"})
    merged.line = shared.line
    merged.lines = {k: v for k, v in shared.lines.items() if k != "documenten"}
    for key, value in entry.items():
        if key == "map":
            continue
        base = merged.get(key)
        if isinstance(base, LineDict) and isinstance(value, LineDict):
            nested = LineDict({**base, **value})
            nested.line = value.line
            nested.lines = {**base.lines, **value.lines}
            nested.written = {**base.written, **value.written}
            value = nested
        merged[key] = value
        merged.lines[key] = entry.lines[key]
    return merged


def _read_document(
    project: Path, data: LineDict, problems: Problems, prefix: str = "", own_keys: set[str] | None = None
) -> Config | None:
    """One document's config from the (merged) mapping, or None without a kind and year."""
    reader = _Reader(data, problems, prefix=prefix, own_keys=own_keys)
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
    if organisation == EXAMPLE_ORGANISATION:
        reader.warning(
            "document.organisatie",
            f"is nog '{organisation}', zoals 'verantwoord new' het schreef: zo komt het op elke pagina.",
            hint="zet hier de naam van uw organisatie, zoals Gemeente Amersfoort.",
        )
    for key, name in (("document.organisatie", organisation), ("document.titel", reader.text("document.titel"))):
        if name and _LOST_APOSTROPHE.search(name):
            # 'x' is YAML's quoting: 's-Hertogenbosch' between single quotes is s-Hertogenbosch, on every page.
            meant = _LOST_APOSTROPHE.sub("'s-", name)
            reader.warning(
                key,
                "heeft 's-' zonder apostrof: tussen enkele aanhalingstekens verdwijnt de apostrof.",
                found=name,
                hint=f'zet de tekst tussen dubbele aanhalingstekens: {key.split(".")[-1]}: "{meant}".',
            )
    language = reader.text("taal") or "nl"
    if language not in LANGUAGES:
        reader.error("taal", "is geen ondersteunde taal.", language, " of ".join(LANGUAGES))
        language = "nl"
    title = reader.text("document.titel") or (f"{KIND_NAMES[language][kind]} {year}" if kind and year else "")
    export_language = reader.text("export.taal") or language
    if not _LANGUAGE_TAG.fullmatch(export_language):
        reader.error("export.taal", "is geen taalcode.", export_language, "een taalcode zoals nl, en of fy")
        export_language = language
    export_path = project / (reader.text("export.bestand") or "indicatoren.xlsx")
    if not export_path.exists():
        reader.error(
            "export.bestand",
            "noemt een export die niet bestaat.",
            str(export_path.relative_to(project)),
            "een .xlsx-werkmap, een map met CSV-bestanden of een .yaml-bestand in het project",
        )
    export_time = reader.moment("export.tijd")
    previous_export = None
    previous = reader.text("export.vorige")
    if previous is not None:
        previous_export = project / previous
        if not previous_export.exists():
            reader.error(
                "export.vorige",
                "noemt een export van de vorige publicatie die niet bestaat.",
                previous,
                "een .xlsx-werkmap, een map met CSV-bestanden of een .yaml-bestand in het project",
            )
            previous_export = None
    layout = read_table_layout(reader, year, kind=kind)
    section_layouts = read_section_layouts(reader, year, kind)
    datetime_format = reader.text("datumformaat") or DEFAULT_DATETIME_FORMATS.get(language, DEFAULT_DATETIME_FORMAT)
    for mistake, hint in _pattern_mistakes(datetime_format):
        reader.warning("datumformaat", mistake, datetime_format, hint)
    try:
        shown = {
            format_datetime(moment, datetime_format, locale=language)
            for moment in (
                datetime(2021, 5, 27, 10, 23, 59, tzinfo=AMSTERDAM),
                datetime(2020, 1, 2, 3, 4, 5, tzinfo=AMSTERDAM),
            )
        }
    except (ValueError, KeyError) as error:
        reader.error(
            "datumformaat",
            f"is geen geldig datumformaat ({error}).",
            datetime_format,
            "een patroon zoals dd-MM-yyyy HH:mm:ss",
        )
    else:
        if len(shown) == 1:  # `datumformaat: 5` put "gebouwd op 5" in every footer
            reader.error(
                "datumformaat",
                "toont geen datum of tijd: er staat geen letter voor een dag, maand, jaar of uur in.",
                datetime_format,
                "een patroon zoals dd-MM-yyyy HH:mm:ss of d MMMM yyyy",
            )
    search = reader.flag("zoeken", default=True)
    pdf = reader.flag("pdf", default=False)
    licence = None
    if (licence_text := reader.text("open-data.licentie")) is not None:
        licence = licence_named(licence_text)
        if licence is None:  # claimed wrongly is worse than not at all: the reader relies on it
            reader.error(
                "open-data.licentie",
                "is geen licentie die verantwoord kent.",
                licence_text,
                "CC0-1.0 of CC-BY-4.0, de licenties voor open data van de overheid; of laat de instelling weg",
            )
    address = _site_address(reader)
    theme_folder = reader.path("thema.map", project, folder=True)
    output = (project / (reader.text("uitvoer") or "site")).resolve()
    if theme_folder is not None and (output == theme_folder.resolve() or theme_folder.resolve() in output.parents):
        # Its fonts and images are published with the site: with the project as theme, the site took in itself.
        reader.error(
            "thema.map",
            "bevat de uitvoermap (zoals de projectmap zelf): het thema hoort in een eigen map.",
            reader.text("thema.map"),
            "een map in het project met alleen de sjablonen, thema.css en wat die laadt, zoals thema",
        )
        theme_folder = None
    logo = reader.path("thema.logo", project, suffixes=(".svg", ".png", ".jpg", ".jpeg"))
    colour = reader.colour("thema.kleur")
    font = reader.text("thema.lettertype")
    if font is not None and re.search(r"[;{}<>\\\x00-\x08\n-\x1f\x7f]|/\*", font):  # "/*" hid the rest of the CSS
        reader.error(
            "thema.lettertype",
            "bevat tekens die niet in een lettertypenaam horen.",
            font,
            "namen van lettertypen met komma's ertussen",
        )
    elif font is not None and (font.count("'") % 2 or font.count('"') % 2):
        # The stylesheet's declaration then ends inside the name, and the browser drops it: no font of ours at all.
        reader.error(
            "thema.lettertype",
            "heeft een aanhalingsteken dat niet gesloten wordt.",
            font,
            "elke naam met een spatie tussen twee enkele aanhalingstekens, zoals 'Source Sans Pro', Arial",
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
        layout=layout,
        section_layouts=section_layouts,
        section_lines=_section_lines(reader),
        sections_prefix=reader.prefix if own_keys is None or "paragrafen" in own_keys else None,
        output_dir=project / (reader.text("uitvoer") or "site"),
        language=language,
        datetime_format=datetime_format,
        export_language=export_language,
        search=search,
        pdf=pdf,
        theme_folder=theme_folder,
        logo=logo,
        colour=colour,
        font=font,
        previous_export=previous_export,
        licence=licence,
        address=address,
    )


_HOST_NAME = re.compile(r"[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?")
"""A host name as DNS knows it, in its ASCII form (IDNA): letters, digits, hyphens (and underscores, as browsers)."""


def _site_address(reader: _Reader) -> str | None:
    """`website.adres` as the folder's address ending in "/": the pages' paths are added to it as they are."""
    text = reader.text("website.adres")
    if text is None:
        return None
    if "\t" in text:  # urlsplit drops a tab, as a browser does: the address published was not the one written
        reader.error(
            "website.adres",
            "heeft een tab in het adres.",
            text,
            "het adres zonder tab, zoals https://www.amersfoort.nl/jaarverslag/2020/",
        )
        return None
    try:  # a host name with accents (www.súdwest-fryslân.nl) in the ASCII form an address needs (xn--…)
        parts = urlsplit(text)
        host = (parts.hostname or "").encode("idna").decode("ascii")
        port = parts.port
    except (UnicodeError, ValueError):  # a label too long or empty, a port that is no number, [no IPv6 address]
        parts, host, port = urlsplit(""), "", None
    if host and ":" not in host and not _HOST_NAME.fullmatch(host):
        # Escaped in every page, but no browser or search engine finds the site at it: canonical links, the
        # sitemap and the PDF's links would all lead nowhere.
        reader.error(
            "website.adres",
            "heeft tekens die niet in de naam van een website horen.",
            text,
            "alleen letters, cijfers, streepjes en punten in de naam, zoals https://www.amersfoort.nl/jaarverslag/2020/",
        )
        return None
    if (
        parts.scheme not in ("http", "https")
        or not host
        or parts.username
        or parts.query
        or parts.fragment
        or " " in text
    ):
        reader.error(
            "website.adres",
            "is geen volledig webadres.",
            text,
            "het adres van de map van de website, met https:// ervoor, zoals https://www.amersfoort.nl/jaarverslag/2020/",
        )
        return None
    if parts.path.lower().endswith((".html", ".htm")):
        reader.error(
            "website.adres",
            "noemt een pagina, niet de map van de website.",
            text,
            "het adres zonder de naam van de pagina, zoals https://www.amersfoort.nl/jaarverslag/2020/",
        )
        return None
    # Only what may not stand in a path is encoded (an accent, a quote): '&' in /p&c/ is the address the server
    # shows the site at, and /p%26c/ would be another one for a search engine.
    path = quote(parts.path.rstrip("/") + "/", safe="/%!$&'()*+,;=:@~")
    host = f"[{host}]" if ":" in host else host  # an IPv6 address keeps its brackets
    return f"{parts.scheme}://{host}{f':{port}' if port else ''}{path}"


_SVG_SCRIPT = re.compile(rb"<script|<foreignObject|\son[a-z]+\s*=|javascript:", re.IGNORECASE)
_SVG_ACTIVE = frozenset({"script", "foreignobject", "handler", "iframe", "embed", "object"})
_XSLT = re.compile(rb"<\?xml-stylesheet[^>]*xsl", re.IGNORECASE)
_URL_IGNORED = re.compile(r"[\x00-\x20]")
"""What a browser drops from an address before it reads its scheme ('java\tscript:'), and from its ends."""


def _svg_runs_script(data: bytes) -> bool:
    """Whether an SVG runs a script, or shows a web page, when opened by its address: the logo is published on the
    municipality's own domain, with its cookies. (The header's <img> runs none, so such a logo looked fine.)

    Read as XML, as the browser reads it, not looked for in the bytes as written: a script element with a namespace
    prefix (<s:script>), 'javascript:' written with a character reference (&#106;) or a tab, or a script in an entity
    the file declares ran all the same. An XSLT stylesheet makes the file a page of its own."""
    if _XSLT.search(data):
        return True
    try:
        root = ElementTree.fromstring(data)  # expat: the file's own entities in their place, no other file read
    except ElementTree.ParseError:  # a browser shows its error, not the file; the bytes as written then
        return bool(_SVG_SCRIPT.search(data))
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.rpartition("}")[2].lower() in _SVG_ACTIVE:
            return True
        for name, value in element.attrib.items():
            if name.rpartition("}")[2].lower().startswith("on") or "javascript:" in _URL_IGNORED.sub("", value).lower():
                return True
    return False


def svg_with_script(path: Path) -> bool:
    """Whether the SVG at `path` runs a script, or shows a web page, when opened by its address (`_svg_runs_script`)."""
    try:
        return _svg_runs_script(path.read_bytes())
    except OSError:
        return False


def _image_of_its_kind(path: Path) -> bool:
    """Whether the file begins as its extension says: a browser shows a broken image on every page otherwise."""
    try:
        with path.open("rb") as file:
            head = file.read(8192)  # an SVG may begin with an XML declaration and a comment
    except OSError:
        return False
    match path.suffix.lower():
        case ".png":
            return head.startswith(b"\x89PNG\r\n\x1a\n")
        case ".jpg" | ".jpeg":
            return head.startswith(b"\xff\xd8\xff")
        case _:
            return b"<svg" in head


class _Reader:
    """Reads dotted keys from the config mapping, reporting each problem with its line."""

    def __init__(self, data: LineDict, problems: Problems, prefix: str = "", own_keys: set[str] | None = None) -> None:
        self.data = data
        self.problems = problems
        self.failed = False
        self.prefix = prefix
        """Names the document in messages when the project has several: "documenten, document 2: "."""
        self.own_keys = own_keys
        """The keys the document sets itself; a problem with a shared key gets no prefix (reported once)."""

    def check_keys(self, allowed: set[str] | None = None) -> None:
        """Report unknown keys; `allowed` limits the top-level keys (an entry of `documenten`)."""
        written = getattr(self.data, "written", {})
        for raw, value in self.data.items():
            # A key YAML reads as a number or a date (2024:) is not text: named as written (4.10, not 4.1).
            key, line = written.get(raw, str(raw)), self.data.lines[raw]
            if allowed is not None and key not in allowed and not (key in KEYS and key.split(".")[0] in allowed):
                if key not in KEYS and key.split(".")[0] not in _GROUPS:  # a typo, not a shared setting
                    self._unknown(key, line, allowed)
                    continue
                self.failed = True
                self.problems.error(
                    Location(CONFIG_FILE, line=line),
                    f"{self.prefix}'{key}' kan niet per document worden ingesteld.",
                    expected=", ".join(sorted(allowed)),
                    hint="zet gedeelde instellingen bovenaan verantwoord.yaml, buiten 'documenten'.",
                )
            elif key == "map" and allowed is not None:
                continue
            elif key in SECTIONS and isinstance(value, LineDict):
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
                    Location(CONFIG_FILE, line=line),
                    f"{self.prefix}'{key}' staat op één regel; verantwoord leest alleen de groep '{group}:' met "
                    f"'{name}:' eronder.",
                    hint=f"schrijf '{group}:' op een regel en daaronder, ingesprongen, '{name}: …'.",
                )
            elif key not in KEYS:
                self._unknown(key, line)

    def _unknown(self, key: str, line: int, allowed: set[str] | None = None) -> None:
        """`allowed`: the keys of an entry of `documenten`, whose closest is suggested before a shared setting's."""
        names = KEYS if "." in key else _GROUPS
        close = difflib.get_close_matches(key, sorted(allowed or ()), n=1)
        hint = f"bedoelt u '{close[0]}'?" if close else "zie de handleiding voor alle instellingen."
        if not close and (close := difflib.get_close_matches(key, sorted(names), n=1)):
            hint = f"bedoelt u '{close[0]}'?"
            if allowed is not None:
                hint += " Die geldt voor alle documenten: zet hem bovenaan verantwoord.yaml, buiten 'documenten'."
        self.failed = True
        self.problems.error(Location(CONFIG_FILE, line=line), f"{self.prefix}onbekende instelling '{key}'.", hint=hint)

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
        shared = self.own_keys is not None and key.split(".")[0] not in self.own_keys
        prefix = "" if shared else self.prefix
        self.problems.error(
            Location(CONFIG_FILE, line=line), f"{prefix}'{key}' {message}", found=found, expected=expected
        )

    def warning(self, key: str, message: str, found: str | None = None, hint: str | None = None) -> None:
        _, line = self._get(key)
        shared = self.own_keys is not None and key.split(".")[0] not in self.own_keys
        prefix = "" if shared else self.prefix
        self.problems.warning(Location(CONFIG_FILE, line=line), f"{prefix}'{key}' {message}", found=found, hint=hint)

    def text(self, key: str, required: bool = False) -> str | None:
        value, _ = self._get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required and key not in self.data:  # written on one line ('document.soort: …'): reported as such
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
        if not (text.isascii() and text.isdigit()) or not 1900 <= int(text) <= 2200:
            self.error(key, "is geen jaartal.", text, "een jaar van 1900 tot en met 2200, zoals 2020")
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
        elif suffixes and not _image_of_its_kind(path):
            self.error(
                key,
                f"is geen {path.suffix.lower().lstrip('.').upper()}-afbeelding: de inhoud past niet bij de extensie.",
                text,
                "het bestand zelf, opgeslagen als afbeelding (niet hernoemd van een ander soort bestand)",
            )
        elif path.suffix.lower() == ".svg" and svg_with_script(path):
            self.error(
                key,
                "bevat een script (<script>, onload= of javascript:), dat een browser uitvoert bij wie het logo op de "
                "website opent.",
                text,
                "een SVG met alleen vormen en tekst, zoals een tekenprogramma het logo exporteert",
            )
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
                f"heeft te weinig contrast ({floored_ratio(ratio)}:1) met de witte en lichtgrijze ({SURFACE}) "
                "achtergronden van kop, links en voettekst.",
                text,
                "een contrast van minstens 4,5:1 (WCAG 2.1 AA); kies een donkerder kleur",
            )
            return None
        return text.lower()

    def years(self, key: str, default: tuple[int, ...]) -> tuple[int, ...]:
        value, _ = self._get(key)
        if value is None:
            return default
        try:
            years = parse_years(value)
        except YearsError as error:
            self.error(key, error.problem, error.found, YEARS_EXPECTED)
            return default
        if len(years) > MAX_YEARS:
            self.error(
                key, f"beslaat {len(years)} jaren: zoveel kolommen passen in geen tabel.", None, "hoogstens 20 jaren"
            )
            return default
        return years

    def choice(self, key: str, words: type[StrEnum], default: StrEnum) -> StrEnum:
        text = self.text(key)
        if text is None:
            return default
        try:
            return words(text.lower())
        except ValueError:
            self.error(key, "is geen bekende keuze.", text, " of ".join(word.value for word in words))
            return default


MAX_YEARS = 20
"""The most year columns a table setting may ask for: 1900-2200 built a page of 301 columns."""


TABLE_KEY = "tabel"
_MARK_LENGTH = 12
"""The longest `geen-cijfer` mark: a sign or a short word ('n.v.t.') in a table cell."""
COLUMN_WORDS = (
    "realisatie",
    "streefwaarde",
    "begroting",
    "verwachting",
    "nulmeting",
    "laatste meting",
    "reeks",
    "eenheid",
    "bron",
    "periode",
)
"""The words a column in `tabel.kolommen` starts with (every word of KIND_WORDS also works)."""
_COLUMNS_EXPECTED = (
    "kolommen als realisatie 2016-2020, streefwaarde 2024 en 2027, begroting 2017, verwachting 2019, "
    "nulmeting, laatste meting, reeks Nederland, eenheid, bron, periode"
)


def read_table_layout(
    reader: _Reader, year: int | None, key: str = TABLE_KEY, kind: DocumentKind | None = None
) -> TableLayout:
    """The layout of the `tabel` settings under `key` in a document of `kind`; problems are reported through `reader`,
    with their line."""
    realised = tuple(
        Period.of_year(y)
        for y in reader.years(f"{key}.realisatie", default=tuple(range(year - 4, year + 1)) if year else ())
    )
    if year and realised and realised[-1].year > year:
        later = [p.label for p in realised if p.year > year]
        listed = f"{', '.join(later[:-1])} en {later[-1]}" if len(later) > 1 else later[0]
        reader.warning(
            f"{key}.realisatie",
            f"loopt tot na {year}: een realisatie voor {listed} kan niet in het document over {year} "
            "staan, dus die kolommen tonen altijd 'geen cijfer'.",
            hint=f"laat de jaren eindigen bij {year}; een streefwaarde of verwachting heeft een eigen kolom.",
        )
    elif year and realised and realised[-1].year < year and kind is DocumentKind.JAARVERSLAG:
        # A project copied from last year with only document.jaar changed: check said nothing until this year's
        # values were in the export, and then of each indicator that its value was not in the table.
        last = realised[-1].year
        moved = [p.year + year - last for p in realised]
        if len(moved) == 1:
            shifted = str(year)
        elif moved == list(range(moved[0], year + 1)):
            shifted = f"{moved[0]}-{year}"
        else:
            shifted = f"[{', '.join(map(str, moved))}]"
        reader.warning(
            f"{key}.realisatie",
            f"eindigt bij {last}, voor het jaar van het jaarverslag ({year}): de realisatie over {year} staat niet in "
            "de tabel.",
            hint=f"laat de jaren eindigen bij {year}, zoals {shifted}. Komt het project van vorig jaar, schuif dan "
            "alle jaren in 'tabel' op.",
        )
    target = tuple(Period.of_year(y) for y in reader.years(f"{key}.streefwaarde", default=(year,) if year else ()))
    kind = reader.choice(f"{key}.indeling", LayoutKind, LayoutKind.PER_INDICATOR)
    series = reader.choice(f"{key}.reeksen", SeriesPlacement, SeriesPlacement.COLUMNS)
    mark = reader.text(f"{key}.geen-cijfer")
    if mark is not None and len(mark) > _MARK_LENGTH:
        reader.error(
            f"{key}.geen-cijfer",
            f"is te lang voor een teken in een tabelcel: {len(mark)} tekens, hoogstens {_MARK_LENGTH}.",
            mark,
            f"een kort teken van hoogstens {_MARK_LENGTH} tekens, zoals #",
        )
        mark = None
    elif mark is not None and re.search(r"[0-9]", mark):
        # "0" would put a 0 in every cell without a figure: a missing figure is never shown as a number.
        reader.error(
            f"{key}.geen-cijfer", "mag geen cijfer bevatten: het zou lijken op een cijfer.", mark, "een teken, zoals #"
        )
        mark = None
    columns = _read_columns(reader, f"{key}.kolommen", realised, target, series)
    return TableLayout(realised, target, kind, columns, series, mark)  # type: ignore[arg-type]


def _read_columns(
    reader: _Reader, key: str, realised: tuple[Period, ...], target: tuple[Period, ...], series: StrEnum
) -> tuple[TableColumn, ...]:
    value, _ = reader._get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        reader.error(key, "moet een lijst van kolommen zijn.", str(value), f"[{_COLUMNS_EXPECTED}]")
        return ()
    columns: list[TableColumn] = []
    refused = False  # whether the last column that is no series was refused: the series after it belong to it
    for item, earlier in zip(value, [None, *value], strict=False):  # earlier: the item before, as written
        text = " ".join(str(item).split())
        before = None if earlier is None else " ".join(str(earlier).split())
        column = _column(text, realised, target)
        is_series = column is not None and column.what is ColumnKind.SERIES
        if is_series and refused:
            continue  # one mistake, one error
        if not is_series:
            refused = True  # until it is taken, below
        if column is None and before is not None and year_span(text) is not None:
            # [realisatie, streefwaarde 2024, 2027]: between brackets a comma starts the next column.
            reader.error(
                key,
                f"bevat een kolom die alleen een jaar is. Tussen rechte haken begint na een komma de volgende kolom: "
                f"bedoelt u '{before}, {text}'? Zet die kolom dan op een eigen regel (- {before}, {text}).",
                text,
                _COLUMNS_EXPECTED,
            )
        elif column is None and text.split(" ")[0].lower() in KIND_WORDS:
            reader.error(key, "bevat een kolom met ongeldige jaren.", text, "jaren zoals 'begroting 2017-2018'")
        elif column is None:
            close = difflib.get_close_matches(text.lower().split(" ")[0] if text else "", COLUMN_WORDS, n=1)
            suggestion = f" Bedoelt u '{close[0]}'?" if close else ""
            reader.error(key, f"bevat een onbekende kolom.{suggestion}", text, _COLUMNS_EXPECTED)
        elif column.what is ColumnKind.SERIES and series is SeriesPlacement.ROWS:
            reader.error(
                key,
                f"noemt '{text}', maar met 'reeksen: rijen' krijgt elke reeks een eigen rij.",
                text,
                "'reeksen: kolommen' bij een kolom 'reeks …', of geen kolom 'reeks …' bij 'reeksen: rijen'",
            )
        elif column.what is ColumnKind.SERIES and not (
            columns and columns[-1].what in (ColumnKind.VALUES, ColumnKind.LATEST, ColumnKind.SERIES)
        ):
            reader.error(
                key,
                f"'{text}' moet direct na een kolom met cijfers staan: de reeks toont het cijfer van dezelfde soort "
                "en periode.",
                text,
                "bijvoorbeeld [laatste meting, reeks Nederland] of [realisatie 2020, reeks Nederland]",
            )
        elif _repeated(column, columns):  # [bron, bron] published the column twice
            reader.error(key, "noemt dezelfde kolom twee keer.", text, "elke kolom één keer")
        else:
            columns.append(column)
            refused = False
    return tuple(columns)


def _repeated(column: TableColumn, before: list[TableColumn]) -> bool:
    """Whether `column` is already among the columns `before` it. A series column belongs to the figure column it
    follows: [realisatie 2022, reeks Nederland, streefwaarde 2022, reeks Nederland] names two different ones."""
    anchor, seen = None, set()
    for earlier in before:
        if earlier.what is not ColumnKind.SERIES:
            anchor = earlier
        seen.add((anchor, earlier) if earlier.what is ColumnKind.SERIES else (None, earlier))
    return ((anchor, column) if column.what is ColumnKind.SERIES else (None, column)) in seen


def _column(text: str, realised: tuple[Period, ...], target: tuple[Period, ...]) -> TableColumn | None:
    """One entry of `tabel.kolommen`, or None when it is not a column."""
    lowered = text.lower()
    fixed = {"laatste meting": ColumnKind.LATEST, "eenheid": ColumnKind.UNIT, "bron": ColumnKind.SOURCE}
    if lowered in fixed:
        return TableColumn(fixed[lowered])
    if lowered == "periode":
        return TableColumn(ColumnKind.PERIOD)
    word, _, rest = text.partition(" ")
    if word.lower() == "reeks":
        return TableColumn(ColumnKind.SERIES, series=rest.strip()) if rest.strip() else None
    kind = KIND_WORDS.get(word.lower())
    if kind is None:
        return None
    if not rest.strip():
        defaults = {ValueKind.REALISED: realised, ValueKind.TARGET: target}
        return TableColumn(ColumnKind.VALUES, kind, defaults.get(kind, ()), from_setting=kind in defaults)
    years: list[int] = []
    # a comma after the last year is left out, as in tabel.streefwaarde and in YAML's [2024, 2027,]
    for part in re.split(r"\s*(?:,|\ben\b|\s)\s*", rest.strip().removesuffix(",").rstrip()):
        span = year_span(part) if part else None
        if span is None:
            return None
        years.extend(span)
    return TableColumn(ColumnKind.VALUES, kind, tuple(Period.of_year(y) for y in sorted(set(years))))


def _section_lines(reader: _Reader) -> dict[str, int]:
    value, _ = reader._get("paragrafen")
    return {number: line for number, line in value.lines.items()} if isinstance(value, LineDict) else {}


def read_section_layouts(reader: _Reader, year: int | None, kind: DocumentKind | None) -> dict[str, TableLayout]:
    """The layouts of `paragrafen`: per section number its `tabel` keys over the document's."""
    value, _ = reader._get("paragrafen")
    if value is None:
        return {}
    if not isinstance(value, LineDict):
        reader.error("paragrafen", "moet per paragraafnummer een 'tabel' geven.", str(value), _SECTION_EXPECTED)
        return {}
    layouts: dict[str, TableLayout] = {}
    shared = reader.data.get(TABLE_KEY)
    for number, settings in value.items():
        where = Location(CONFIG_FILE, line=value.lines[number])
        if not isinstance(number, str):
            written = value.written.get(number, str(number))
            reader.failed = True
            reader.problems.error(
                where,
                f"{reader.prefix}'paragrafen': het paragraafnummer {written} staat niet tussen aanhalingstekens.",
                hint=f'schrijf "{written}": YAML leest 4.10 zonder aanhalingstekens als het getal 4,1.',
            )
            continue
        if (
            not isinstance(settings, LineDict)
            or set(settings) != {TABLE_KEY}
            or not isinstance(settings[TABLE_KEY], LineDict)
        ):
            reader.failed = True
            reader.problems.error(
                where,
                f"{reader.prefix}'paragrafen.{number}' moet alleen een groep 'tabel' bevatten.",
                expected=_SECTION_EXPECTED,
            )
            continue
        own = settings[TABLE_KEY]
        for sub in own:
            if f"{TABLE_KEY}.{sub}" not in KEYS:
                reader._unknown(f"{TABLE_KEY}.{sub}", own.lines[sub])
        merged = LineDict({**(shared if isinstance(shared, LineDict) else {}), **own})
        merged.line = own.line
        merged.lines = {**(shared.lines if isinstance(shared, LineDict) else {}), **own.lines}
        data = LineDict({TABLE_KEY: merged})
        data.line, data.lines = own.line, {TABLE_KEY: own.line}
        found = Problems()
        section = _Reader(data, found, prefix=f"{reader.prefix}paragraaf {number}: ")
        layouts[number] = read_table_layout(section, year, kind=kind)
        lines = {own.line, *own.lines.values()}
        for problem in found:
            if problem.location.line in lines:  # the document's own keys are reported with the document
                reader.failed = True
                reader.problems.append(problem)
    return layouts


_SECTION_EXPECTED = 'per paragraaf een groep tabel, zoals "4.1": {tabel: {indeling: overzicht}}'


def floored_ratio(ratio: float) -> str:
    """4.478 as "4,47": rounding would show a failing ratio as the 4,5 it has to reach."""
    return f"{math.floor(ratio * 100) / 100:.2f}".replace(".", ",")


SURFACE = "#f3f3f3"
"""The light grey behind the footer and the open-data box (--verantwoord-color-surface)."""


def contrast_with_white(colour: str) -> float:
    """The WCAG contrast ratio of #rrggbb against white."""
    return contrast(colour, "#ffffff")


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours."""
    return contrast_ratio(_luminance(first), _luminance(second))


def contrast_ratio(first: float, second: float) -> float:
    """The WCAG 2.1 contrast ratio of two relative luminances, the lighter over the darker."""
    lighter, darker = sorted((first, second), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def relative_luminance(red: float, green: float, blue: float) -> float:
    """WCAG 2.1's relative luminance of an sRGB colour, its channels from 0 to 1."""

    def linear(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def _luminance(colour: str) -> float:
    return relative_luminance(*(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)))


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


def _pattern_mistakes(pattern: str) -> list[tuple[str, str]]:
    """What a date pattern likely gets wrong: a letter for another thing than meant (DD, YYYY, hh), minutes where a
    month goes (dd-mm-yyyy), or a quote that is not closed (the rest of the pattern is then shown as text)."""
    letters, quoted, index = [], False, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "'" and pattern[index + 1 : index + 2] == "'":  # '' is a quote itself
            index += 2
            continue
        if char == "'":
            quoted = not quoted
        elif not quoted and char.isalpha():
            letters.append(char)
        index += 1
    used = set(letters)
    if used & {"a", "B"}:  # hh:mm a: the 12-hour clock with its am/pm, as meant
        used.discard("h")
    mistakes = [mistake for letter, mistake in _PATTERN_MISTAKES.items() if letter in used]
    if "m" in used and not used & {"M", "L"} and used & {"d", "y"}:
        mistakes.append(("heeft mm (de minuten) maar geen MM (de maand) naast de dag of het jaar.", "bedoelt u MM?"))
    if quoted:
        mistakes.append(
            (
                "heeft een aanhalingsteken (') dat niet gesloten wordt: alles erna staat als tekst in de voettekst.",
                "sluit de tekst af met ', zoals in 'om'.",
            )
        )
    return mistakes


def path_as_in_settings(path: Path, project: Path) -> str:
    """A path from the project folder as the settings name paths (../gedeeld/tekst/kaart.png);
    in full on another drive or a share (\\\\server\\teksten): Windows has no path there from the project's drive."""
    try:
        return Path(os.path.relpath(path, project)).as_posix()
    except ValueError:
        return os.path.normpath(path)
