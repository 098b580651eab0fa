"""Open data: every figure of the document in long form, as CSV, JSON and xlsx, with a Table Schema.

One row per figure (indicator, series, kind, period), with the indicator's metadata and the provenance
(export time and file, build time) on every row, so a row read on its own still says where it came
from. Figures are written exactly as entered: "7.10" stays 7.10 in every format, never a float.

Files, in `open-data/` of the site:
    indicatoren.csv          UTF-8 with BOM (Excel reads the accents right), comma-separated, dot decimals
    indicatoren.json         the same rows, plus the indicators' metadata and explanations
    indicatoren.xlsx         the same rows in a worksheet, plus a sheet that explains the columns
    datapackage.json         a Frictionless Data Package: the CSV and its Table Schema
    {section}.csv            the rows of one section, linked from its page
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from verantwoord.build.xlsx import Sheet, write_xlsx
from verantwoord.model import Document, Indicator, NoFigure, Number, Range, Text, Value

FOLDER = "open-data"


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str


FIELDS = (
    Field("document", "string", "De soort en het jaar van het document, zoals 'Jaarverslag 2020'."),
    Field("organisatie", "string", "De organisatie die het document publiceert."),
    Field("hoofdstuk", "string", "Nummer en titel van het hoofdstuk."),
    Field("paragraaf", "string", "Nummer van de paragraaf, zoals 4.1."),
    Field("paragraaf_titel", "string", "Titel van de paragraaf."),
    Field("indicator_id", "string", "Vaste code van de indicator."),
    Field("indicator", "string", "Naam van de indicator."),
    Field("eenheid", "string", "Eenheid van het cijfer, zoals %."),
    Field("polariteit", "string", "hoger is beter, lager is beter of neutraal."),
    Field("bron", "string", "Bron van het cijfer."),
    Field("reeks", "string", "Leeg voor de eigen organisatie; anders de vergelijking, zoals Nederland."),
    Field("soort", "string", "realisatie, streefwaarde, begroting, verwachting of nulmeting."),
    Field("periode", "string", "De periode zoals gepubliceerd: 2020, 2022-2023, Q3 2024."),
    Field("periode_begin", "date", "Eerste dag van de periode."),
    Field("periode_eind", "date", "Laatste dag van de periode."),
    Field("waarde", "number", "Het cijfer, precies zoals ingevoerd; leeg als er geen cijfer is of bij een bereik."),
    Field("bereik_laag", "number", "Ondergrens als het cijfer een bereik is (6 in 6-6,5)."),
    Field("bereik_hoog", "number", "Bovengrens als het cijfer een bereik is (6,5 in 6-6,5)."),
    Field("tekst", "string", "Tekst die in plaats van het cijfer is gepubliceerd, zoals '79,3% (TK)'."),
    Field("geen_cijfer", "boolean", "true als er voor deze periode geen cijfer is."),
    Field("reden", "string", "Waarom er geen cijfer is."),
    Field("voetnoot", "string", "Voetnoot bij het cijfer."),
    Field("n", "integer", "Bij een gemeten cijfer: het aantal reacties of gesprekken waarop het rust."),
    Field("interval_laag", "number", "Bij een gemeten percentage: ondergrens van het 95%-betrouwbaarheidsinterval."),
    Field("interval_hoog", "number", "Bij een gemeten percentage: bovengrens van het 95%-betrouwbaarheidsinterval."),
    Field("methode", "string", "Bij een gemeten cijfer: hoe het uit de ruwe gegevens is berekend."),
    Field("export_tijd", "datetime", "Moment van de export waaruit het cijfer komt (UTC)."),
    Field("export_bestand", "string", "Bestand van die export."),
    Field("bouw_tijd", "datetime", "Moment waarop deze bestanden zijn gemaakt (UTC)."),
)
NAMES = tuple(field.name for field in FIELDS)
_DECIMAL = re.compile(r'"\\u0000dec:([-0-9.E+]+)"')


def section_rows(document: Document, built_at: datetime) -> dict[str, list[dict]]:
    """The long-form rows of each section (by slug), in reading order."""
    provenance = {
        "export_tijd": _timestamp(document.export.time),
        "export_bestand": ", ".join(document.export.files),
        "bouw_tijd": _timestamp(built_at),
    }
    rows: dict[str, list[dict]] = {}
    for chapter in document.chapters:
        place = {"document": document.title, "organisatie": document.organisation,
                 "hoofdstuk": f"{chapter.number}. {chapter.title}"}  # fmt: skip
        for section in chapter.sections:
            here = {**place, "paragraaf": section.number, "paragraaf_titel": section.title}
            rows[section.slug] = [
                {**here, **_indicator_fields(indicator), **_value_fields(value), **provenance}
                for indicator in section.indicators
                for value in indicator.values
            ]
    return rows


def write_open_data(document: Document, root: Path, built_at: datetime) -> list[Path]:
    """Write every open-data file into `root/open-data/`; returns their paths relative to `root`."""
    folder = root / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    by_section = section_rows(document, built_at)
    rows = [row for section in by_section.values() for row in section]
    written = [
        _write_csv(folder / "indicatoren.csv", rows),
        _write_json(folder / "indicatoren.json", document, rows, built_at),
        _write_xlsx(folder / "indicatoren.xlsx", rows, built_at),
        _write_package(folder / "datapackage.json", document),
    ]
    for slug, section in by_section.items():
        written.append(_write_csv(folder / f"{slug}.csv", section))
    return [path.relative_to(root) for path in written]


def _indicator_fields(indicator: Indicator) -> dict:
    return {
        "indicator_id": indicator.id,
        "indicator": indicator.title,
        "eenheid": indicator.unit,
        "polariteit": indicator.polarity.value,
        "bron": indicator.source,
    }


def _measurement_fields(value: Value) -> dict:
    measured = value.measurement
    if measured is None:
        return {"n": None, "interval_laag": None, "interval_hoog": None, "methode": ""}
    low, high = measured.interval or (None, None)
    # n as a Decimal: every writer (CSV, JSON, xlsx) already writes Decimals exactly.
    return {"n": Decimal(measured.n), "interval_laag": low, "interval_hoog": high, "methode": measured.method}


def _value_fields(value: Value) -> dict:
    figure = value.figure
    fields = {
        "reeks": value.series,
        "soort": value.kind.value,
        "periode": value.period.label,
        "periode_begin": value.period.start.isoformat(),
        "periode_eind": value.period.end.isoformat(),
        "waarde": None,
        "bereik_laag": None,
        "bereik_hoog": None,
        "tekst": "",
        "geen_cijfer": isinstance(figure, NoFigure),
        "reden": figure.reason or "" if isinstance(figure, NoFigure) else "",
        "voetnoot": value.footnote or "",
        **_measurement_fields(value),
    }
    match figure:
        case Number(number):
            fields["waarde"] = number
        case Range(low, high):
            fields["bereik_laag"], fields["bereik_hoog"] = low, high
        case Text(text, number):
            fields["tekst"], fields["waarde"] = text, number
    return fields


def _timestamp(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""


def _csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")  # never exponent notation
    return str(value)


def _write_csv(path: Path, rows: list[dict]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(NAMES)
    for row in rows:
        writer.writerow([_csv_text(row[name]) for name in NAMES])
    path.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
    return path


def _write_json(path: Path, document: Document, rows: list[dict], built_at: datetime) -> Path:
    data = {
        "document": document.title,
        "soort": document.kind.value,
        "jaar": document.year,
        "organisatie": document.organisation,
        "export_tijd": _timestamp(document.export.time),
        "export_bestand": ", ".join(document.export.files),
        "bouw_tijd": _timestamp(built_at),
        "indicatoren": [
            {**_indicator_fields(i), "decimalen": i.decimals, "toelichting": i.explanation}
            for i in document.indicators()
        ],
        "waarden": rows,
    }
    path.write_text(_exact_json(data) + "\n", encoding="utf-8")
    return path


def _exact_json(data: object) -> str:
    """JSON with Decimals written as the number they are ("7.10"), not through a float."""

    def mark(value: object) -> str:
        if isinstance(value, Decimal):
            return f"\0dec:{value:f}"
        raise TypeError(f"cannot write {type(value).__name__} as JSON")

    # No indent: with one, the json module leaves its C encoder for a Python one, ten times slower.
    return _DECIMAL.sub(r"\1", json.dumps(data, ensure_ascii=False, default=mark))


def _write_xlsx(path: Path, rows: list[dict], built_at: datetime) -> Path:
    figures = Sheet("Cijfers", NAMES, ([row[name] for name in NAMES] for row in rows))
    explanation = Sheet("Uitleg", ("kolom", "type", "uitleg"), [(f.name, f.type, f.description) for f in FIELDS])
    write_xlsx(path, [figures, explanation], built_at)
    return path


def _write_package(path: Path, document: Document) -> Path:
    schema = {
        "fields": [{"name": f.name, "type": f.type, "description": f.description} for f in FIELDS],
        "missingValues": [""],
        "primaryKey": ["indicator_id", "reeks", "soort", "periode"],
    }
    package = {
        "profile": "tabular-data-package",
        "name": f"{document.kind.value}-{document.year}",
        "title": f"{document.title} – {document.organisation}",
        "resources": [
            {
                "name": "indicatoren",
                "path": "indicatoren.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",  # the IANA name; the file starts with a byte-order mark, which readers skip
                "dialect": {"delimiter": ",", "header": True},
                "schema": schema,
            }
        ],
    }
    path.write_text(json.dumps(package, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
