"""Generate a synthetic municipality for benchmarks: a verantwoord project of any size.

    python bench/generate.py DIR --sections 1000 [--format xlsx|csv] [--seed 1]

writes DIR/verantwoord.yaml, DIR/tekst/ (one Markdown file per chapter and section) and the export:
DIR/indicatoren.xlsx (default, the common case) or DIR/export/{indicatoren,waarden}.csv.

The project is a jaarverslag 2020 with 12 chapters, the sections spread evenly over them, 12 indicators
per section (unit %, a source, a Markdown explanation), realised values for 2011-2020 (some "geen cijfer"
with a reason, a few footnotes) and targets for 2020 (some ranges). Decimals are mixed: 0, 1 or as entered.
The same arguments always give the same bytes (the workbook's times are fixed too), and the project
loads without warnings, so a benchmark times the normal path, not the reporting of problems.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

CHAPTERS = 12
INDICATORS_PER_SECTION = 12
YEARS = tuple(range(2011, 2021))
DOCUMENT_YEAR = 2020
EXPORT_TIME = datetime(2021, 5, 25, 13, 50, 49, tzinfo=ZoneInfo("Europe/Amsterdam"))
FORMATS = ("xlsx", "csv")

CHAPTER_TITLES = (
    "Bestuur en dienstverlening",
    "Veiligheid",
    "Verkeer, vervoer en waterstaat",
    "Economie",
    "Onderwijs",
    "Sport, cultuur en recreatie",
    "Sociaal domein",
    "Volksgezondheid en milieu",
    "Volkshuisvesting en ruimtelijke ordening",
    "Duurzaamheid en energie",
    "Openbare ruimte",
    "Financiën en bedrijfsvoering",
)
TOPICS = (
    "dienstverlening",
    "burgerzaken",
    "participatie",
    "wijkgericht werken",
    "openbare orde",
    "brandveiligheid",
    "verkeersveiligheid",
    "openbaar vervoer",
    "fietsparkeren",
    "bereikbaarheid",
    "binnenstad",
    "werkgelegenheid",
    "vestigingsklimaat",
    "toerisme",
    "onderwijshuisvesting",
    "voortijdig schoolverlaten",
    "kinderopvang",
    "sportaccommodaties",
    "bibliotheek",
    "cultureel erfgoed",
    "jeugdhulp",
    "maatschappelijke ondersteuning",
    "schuldhulpverlening",
    "inkomensondersteuning",
    "re-integratie",
    "gezondheidsbeleid",
    "luchtkwaliteit",
    "geluidhinder",
    "afvalinzameling",
    "woningbouw",
    "sociale huur",
    "omgevingsvergunningen",
    "energietransitie",
    "klimaatadaptatie",
    "groenonderhoud",
    "speelvoorzieningen",
    "riolering",
    "belastingen",
    "inkoop",
    "informatievoorziening",
)
SECTION_QUALIFIERS = ("", "", "", " en samenleving", " in de wijken", " en preventie", " en beheer", " en innovatie")
POPULATIONS = (
    "inwoners",
    "bezoekers van de balie",
    "bellers met het KCC",
    "ondernemers",
    "jongeren van 12 tot 18 jaar",
    "ouderen van 75 jaar en ouder",
    "huishoudens",
    "cliënten met een maatwerkvoorziening",
    "leerlingen in het voortgezet onderwijs",
    "werkzoekenden",
    "sporters",
    "bezoekers van de binnenstad",
    "mantelzorgers",
    "huurders",
    "aanvragers",
)
PREDICATES = (
    "tevreden is over {topic}",
    "positief is over de dienstverlening bij {topic}",
    "zich veilig voelt in de eigen buurt",
    "zich betrokken voelt bij {topic}",
    "de informatie over {topic} begrijpelijk vindt",
    "binnen de wettelijke termijn een besluit kreeg over {topic}",
    "wekelijks sport of beweegt",
    "overlast ervaart van {topic}",
    "gebruikmaakt van {topic}",
    "het afgelopen jaar vrijwilligerswerk deed",
    "de buurt schoon en heel vindt",
    "een voldoende geeft voor {topic}",
    "weet waar hij terecht kan voor {topic}",
    "digitaal contact heeft gehad over {topic}",
)
OBJECTS = (
    "% aanvragen {topic} dat binnen de termijn is afgehandeld",
    "% facturen dat binnen 30 dagen is betaald",
    "% woningen met energielabel A of beter",
    "% afval dat gescheiden wordt ingezameld",
    "% meldingen openbare ruimte dat binnen vijf werkdagen is opgelost",
    "% bezwaarschriften {topic} dat gegrond is verklaard",
    "% openbare ruimte dat voldoet aan het afgesproken beeldkwaliteitsniveau",
    "% trajecten {topic} dat binnen een jaar is afgerond",
)
SOURCES = (
    "Klant in Focus",
    "KCC/KCS",
    "Stadspeiling",
    "Waarstaatjegemeente.nl",
    "Eigen registratie",
    "CBS",
    "GGD-gezondheidsmonitor",
    "Veiligheidsmonitor",
    "Sportmonitor",
    "Financiële administratie",
    "Monitor Sociaal Domein",
    "Basisregistratie Adressen en Gebouwen",
)
REASONS = (
    "de meting is door de coronamaatregelen niet uitgevoerd",
    "de enquête wordt maar eens in de twee jaar gehouden",
    "de bron heeft de cijfers over dit jaar nog niet gepubliceerd",
    "door een nieuwe registratiesystematiek zijn de cijfers niet vergelijkbaar",
    "het aantal respondenten was te klein voor een betrouwbaar cijfer",
)
FOOTNOTES = (
    "Voorlopig cijfer.",
    "Gewijzigde vraagstelling ten opzichte van eerdere jaren.",
    "Inclusief de kernen Hoogland en Hooglanderveen.",
    "Gemiddelde van de eerste drie kwartalen.",
)
OPENINGS = (
    "In {year} hebben we",
    "Samen met onze partners hebben we",
    "Ook dit jaar hebben we",
    "Met de middelen uit de begroting hebben we",
    "Ondanks de coronacrisis hebben we",
    "In nauwe samenwerking met de wijkteams hebben we",
)
ACTIONS = (
    "de aanpak van {topic} verder verbeterd",
    "geïnvesteerd in {topic}",
    "het beleid voor {topic} geëvalueerd",
    "een nieuw uitvoeringsprogramma voor {topic} opgesteld",
    "de dienstverlening rond {topic} gedigitaliseerd",
    "extra capaciteit ingezet op {topic}",
    "de resultaten van {topic} gemonitord",
    "inwoners actief betrokken bij {topic}",
)
CLAUSES = (
    "zodat inwoners sneller worden geholpen",
    "omdat de vraag in de afgelopen jaren sterk is gestegen",
    "waarbij we de gevolgen voor de wijken zorgvuldig hebben gewogen",
    "zoals afgesproken in het coalitieakkoord",
    "binnen de beschikbare budgetten",
    "met oog voor de kwetsbare groepen in de stad",
    "waardoor de wachttijden zijn afgenomen",
)
FOLLOW_UPS = (
    "De resultaten zijn in lijn met de verwachtingen uit de begroting.",
    "De raad is hierover in {year} met een raadsinformatiebrief geïnformeerd.",
    "Een deel van de geplande activiteiten is door de coronamaatregelen uitgesteld naar volgend jaar.",
    "De komende jaren blijft {topic} een belangrijk aandachtspunt.",
    "Het effect van deze maatregelen wordt pas op langere termijn zichtbaar.",
    "De financiële afwijkingen lichten we toe in de programmaverantwoording.",
    "We blijven de ontwikkeling van de cijfers nauwgezet volgen.",
)
HEADINGS = (
    "Wat wilden we bereiken?",
    "Wat hebben we daarvoor gedaan?",
    "Wat heeft het gekost?",
    "Ontwikkelingen",
    "Belangrijkste resultaten",
    "Risico's en vooruitblik",
)
LIST_ITEMS = (
    "uitvoering van het actieplan {topic}",
    "evaluatie van de subsidieregeling voor {topic}",
    "verbetering van de digitale dienstverlening",
    "versterking van de samenwerking met maatschappelijke partners",
    "extra inzet in de wijken met de grootste opgave",
    "vereenvoudiging van de regels voor {topic}",
    "start van de pilot {topic} in twee wijken",
)


STATEMENT = """\
# Toegankelijkheidsverklaring

Deze website is een gegenereerd voorbeeld voor de benchmark van verantwoord.
"""
"""The accessibility statement: without one, `check` warns."""


@dataclass(frozen=True)
class Project:
    root: Path
    chapters: int
    sections: int
    indicators: int
    values: int
    export: Path


def chapter_sizes(sections: int, chapters: int = CHAPTERS) -> list[int]:
    """Sections per chapter, spread evenly: 1000 over 12 gives 84 x 4 and 83 x 8."""
    base, extra = divmod(sections, chapters)
    return [base + (1 if c < extra else 0) for c in range(chapters)]


def generate(root: Path, sections: int = 1000, fmt: str = "xlsx", seed: int = 1) -> Project:
    """Write the project into `root` (created; must be empty or absent)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    if sections < 1:
        raise ValueError("need at least one section")
    root = Path(root)
    if root.exists() and any(root.iterdir()):
        raise FileExistsError(f"{root} is not empty")
    rng = random.Random(seed)
    texts = root / "tekst"
    texts.mkdir(parents=True)
    _write(texts / "toegankelijkheid.md", STATEMENT)
    indicators: list[dict[str, object]] = []
    values: list[dict[str, object]] = []
    for chapter, count in enumerate(chapter_sizes(sections), start=1):
        if count == 0:
            continue
        chapter_title = CHAPTER_TITLES[chapter - 1]
        themes = TOPICS[(chapter - 1) * len(TOPICS) // CHAPTERS : chapter * len(TOPICS) // CHAPTERS]
        _write(texts / f"{chapter}.md", f"# {chapter_title}\n\n{_paragraph(rng, rng.choice(themes), 3)}\n")
        for number in range(1, count + 1):
            section = f"{chapter}.{number}"
            topic = themes[(number - 1) % len(themes)]
            title = f"{topic[0].upper()}{topic[1:]}{rng.choice(SECTION_QUALIFIERS)}"
            _write(texts / f"{section}.md", f"# {title}\n\n{_section_text(rng, topic)}")
            for k in range(1, INDICATORS_PER_SECTION + 1):
                indicator, rows = _indicator(rng, section, k, topic)
                indicators.append(indicator)
                values.extend(rows)
    if fmt == "xlsx":
        export = root / "indicatoren.xlsx"
        _write_xlsx(export, indicators, values)
        export_setting = "indicatoren.xlsx   # het exportmoment staat in de werkmap zelf"
    else:
        export = root / "export"
        export.mkdir()
        _write_csv(export / "indicatoren.csv", indicators, "indicator")
        _write_csv(export / "waarden.csv", values, "value")
        export_setting = f"export\n  tijd: {EXPORT_TIME:%d-%m-%Y %H:%M:%S}"
    _write(
        root / "verantwoord.yaml",
        "# Synthetische gemeente voor benchmarks, gemaakt door bench/generate.py.\n"
        "document:\n"
        "  soort: jaarverslag\n"
        f"  jaar: {DOCUMENT_YEAR}\n"
        "  organisatie: Gemeente Benchmarkstad\n"
        f"  titel: Jaarverslag {DOCUMENT_YEAR}\n"
        "export:\n"
        f"  bestand: {export_setting}\n"
        "tabel:\n"
        f"  realisatie: {YEARS[0]}-{YEARS[-1]}\n"
        f"  streefwaarde: {DOCUMENT_YEAR}\n",
    )
    chapters = sum(1 for count in chapter_sizes(sections) if count)
    return Project(root, chapters, sections, len(indicators), len(values), export)


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def _sentence(rng: random.Random, topic: str) -> str:
    sentence = f"{rng.choice(OPENINGS)} {rng.choice(ACTIONS)}, {rng.choice(CLAUSES)}."
    return sentence.format(year=rng.choice(YEARS), topic=topic)


def _paragraph(rng: random.Random, topic: str, sentences: int) -> str:
    parts = [_sentence(rng, topic)]
    for _ in range(sentences - 1):
        parts.append(
            _sentence(rng, topic) if rng.random() < 0.5 else rng.choice(FOLLOW_UPS).format(year=2020, topic=topic)
        )
    if rng.random() < 0.5:
        index = rng.randrange(len(parts))
        parts[index] = f"**{parts[index]}**"
    return " ".join(parts)


def _section_text(rng: random.Random, topic: str) -> str:
    first, second = rng.sample(HEADINGS, 2)
    items = rng.sample(LIST_ITEMS, rng.randint(3, 5))
    bullet_list = "\n".join(f"- {item.format(topic=topic)}" for item in items)
    return (
        f"{_paragraph(rng, topic, 3)}\n\n"
        f"## {first}\n\n"
        f"{_paragraph(rng, topic, rng.randint(2, 4))}\n\n"
        f"Dit jaar lag de nadruk op:\n\n{bullet_list}\n\n"
        f"## {second}\n\n"
        f"{_paragraph(rng, topic, rng.randint(2, 4))}\n\n"
        f"{_paragraph(rng, topic, 2)}\n"
    )


def _indicator_title(rng: random.Random, topic: str) -> str:
    if rng.random() < 0.75:
        predicate = rng.choice(PREDICATES).format(topic=topic)
        return f"% {rng.choice(POPULATIONS)} dat {predicate}"
    return rng.choice(OBJECTS).format(topic=topic)


def _explanation(rng: random.Random, topic: str, source: str) -> str:
    text = f"Het cijfer komt uit de **{source}**. {rng.choice(FOLLOW_UPS).format(year=2020, topic=topic)}"
    roll = rng.random()
    if roll < 0.25:
        items = rng.sample(LIST_ITEMS, 2)
        text += "\n\nDe ontwikkeling hangt samen met:\n\n" + "\n".join(f"- {i.format(topic=topic)}" for i in items)
    elif roll < 0.4:
        text += " Meer informatie staat op [waarstaatjegemeente.nl](https://www.waarstaatjegemeente.nl)."
    return text


def _figure(number: float, decimals: int) -> str:
    """A figure as a Dutch spreadsheet user types it: 78 or 71,4."""
    return f"{number:.{decimals}f}".replace(".", ",")


def _indicator(
    rng: random.Random, section: str, k: int, topic: str
) -> tuple[dict[str, object], list[dict[str, object]]]:
    indicator_id = f"ind-{section}-{k:02d}"
    source = rng.choice(SOURCES)
    roll = rng.random()
    decimals: int | None = 0 if roll < 0.5 else 1 if roll < 0.8 else None
    entered = decimals if decimals is not None else rng.choice((0, 1))
    polarity = rng.choice(("hoger is beter", "hoger is beter", "lager is beter", "neutraal"))
    indicator = {
        "id": indicator_id,
        "paragraaf": section,
        "titel": _indicator_title(rng, topic),
        "eenheid": "%",
        "decimalen": decimals,
        "polariteit": polarity,
        "bron": source,
        "toelichting": _explanation(rng, topic, source),
    }
    rows: list[dict[str, object]] = []
    level = rng.uniform(20, 85)
    for year in YEARS:
        level = min(99.0, max(1.0, level + rng.uniform(-4, 4)))
        row: dict[str, object] = {"indicator": indicator_id, "periode": str(year), "soort": "realisatie"}
        if rng.random() < 0.03:
            row["waarde"] = "geen cijfer"
            row["reden"] = rng.choice(REASONS)
        else:
            row["waarde"] = _figure(level, entered)
            if rng.random() < 0.01:
                row["voetnoot"] = rng.choice(FOOTNOTES)
        rows.append(row)
    if rng.random() < 0.8:
        target = min(95.0, level + rng.uniform(0, 8))
        row = {"indicator": indicator_id, "periode": str(DOCUMENT_YEAR), "soort": "streefwaarde"}
        if rng.random() < 0.15:
            row["waarde"] = f"{_figure(target, 0)}-{_figure(target + 5, 0)}"
        else:
            row["waarde"] = _figure(target, entered)
        rows.append(row)
    return indicator, rows


def _write_xlsx(path: Path, indicators: list[dict[str, object]], values: list[dict[str, object]]) -> None:
    from verantwoord.export.template import write_workbook

    write_workbook(path, indicators, values, modified=EXPORT_TIME)
    _fix_zip_times(path)


def _fix_zip_times(path: Path) -> None:
    """Stamp the export time on every zip entry and as the creation time: the same arguments, the same bytes."""
    stamp = EXPORT_TIME.timetuple()[:6]
    created = EXPORT_TIME.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path) as source:
        entries = [(item.filename, source.read(item.filename)) for item in source.infolist()]
    entries = [
        (name, re.sub(rb"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)", rb"\g<1>" + created + rb"\g<2>", data))
        if name == "docProps/core.xml"
        else (name, data)
        for name, data in entries
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    path.chmod(0o644)


_EMPTY_INLINE = re.compile(rb'<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?) t="inlineStr"></c>')
_INLINE_TEXT = re.compile(
    rb'<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?) t="inlineStr"><is><t( xml:space="preserve")?>([^<]*)</t></is></c>'
)


def save_as_excel(source: Path | str, target: Path | str) -> int:
    """Write `source` to `target` as Excel saves a workbook: every text once, in the shared-string table
    (xl/sharedStrings.xml), and a cell refers to it by number. Excel always saves texts so; openpyxl, which writes
    verantwoord's template and the benchmark's workbook, writes each text inline in its cell. The cells, styles and
    times stay the same. Returns the number of distinct texts."""
    strings: dict[tuple[bytes, bool], int] = {}

    def shared(match: re.Match[bytes]) -> bytes:
        number = strings.setdefault((match.group(4), bool(match.group(3))), len(strings))
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (match.group(1), match.group(2), number)

    with zipfile.ZipFile(source) as workbook:
        parts = [(item, workbook.read(item.filename)) for item in workbook.infolist()]
    parts = [
        (
            item,
            _EMPTY_INLINE.sub(rb'<c r="\1"\2/>', _INLINE_TEXT.sub(shared, data))
            if item.filename.startswith("xl/worksheets/")
            else data,
        )
        for item, data in parts
    ]
    table = b"".join(
        b"<si><t%s>%s</t></si>" % (b' xml:space="preserve"' if keep else b"", text) for text, keep in strings
    )
    sst = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org'
        b'/spreadsheetml/2006/main" uniqueCount="%d">%s</sst>' % (len(strings), table)
    )
    additions = {
        "xl/_rels/workbook.xml.rels": (
            b"</Relationships>",
            b'<Relationship Id="rIdSharedStrings" Type="http://schemas'
            b'.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>',
        ),
        "[Content_Types].xml": (
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>',
        ),
    }
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as saved:
        for item, data in parts:
            if item.filename in additions:
                end, addition = additions[item.filename]
                data = data.replace(end, addition + end)
            saved.writestr(item, data)
        shared_info = zipfile.ZipInfo("xl/sharedStrings.xml", date_time=parts[0][0].date_time)
        shared_info.compress_type = zipfile.ZIP_DEFLATED
        saved.writestr(shared_info, sst)
    return len(strings)


def _write_csv(path: Path, rows: list[dict[str, object]], kind: str) -> None:
    from verantwoord.export.records import INDICATOR_COLUMNS, VALUE_COLUMNS

    columns = [c.name for c in (INDICATOR_COLUMNS if kind == "indicator" else VALUE_COLUMNS)]
    # As Dutch Excel saves "CSV UTF-8": a byte-order mark and semicolons.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else row[c] for c in columns])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic verantwoord project for benchmarks.")
    parser.add_argument("directory", type=Path, help="where to write the project (must be empty or absent)")
    parser.add_argument("--sections", type=int, default=1000, help="number of sections (default 1000)")
    parser.add_argument("--format", choices=FORMATS, default="xlsx", help="export format (default xlsx)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        project = generate(args.directory, args.sections, args.format, args.seed)
    except (FileExistsError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(
        f"{project.root}: {project.chapters} chapters, {project.sections} sections, {project.indicators} indicators, "
        f"{project.values} values ({args.format}) in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
