"""Open data: every figure of the document in long form, as CSV, JSON and xlsx, with a Table Schema.

One row per figure (indicator, series, kind, period), with the indicator's metadata and the provenance
(export time, file and SHA-256, build time) on every row, so a row read on its own still says where it came
from; an indicator without any figure has one row without a figure, with an empty series, kind and period.
Figures are written exactly as entered: "7.10" stays 7.10 in every format, never a float.

Files, in `open-data/` of the site:
    indicatoren.csv          UTF-8 with BOM (Excel reads the accents right), comma-separated, dot decimals; a text
                             that begins like a formula (=, +, -, @) begins with an apostrophe
    indicatoren.json         the same rows, plus the indicators' metadata and explanations
    indicatoren.xlsx         the same rows in a worksheet, a sheet that explains the columns, and the rows of
                             indicatorgegevens.csv in a third sheet (dates are date cells)
    indicatorgegevens.csv    one row per indicator and section, with its explanation, which the rows of figures
                             leave out: it is long, and the same on every row
    datapackage.json         a Frictionless Data Package: every file here with its size and SHA-256, each CSV file
                             with its Table Schema
    indicatoren-schema.json  the Table Schema the section files share (indicatoren.csv has it inline)
    {section}.csv            the rows of one section, linked from its page
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from json.encoder import encode_basestring  # json.dumps's own for a str, with ensure_ascii=False
from pathlib import Path
from typing import NamedTuple

from verantwoord.build.translations import translator
from verantwoord.build.xlsx import ROW_END, ROW_START, XlsxWriter
from verantwoord.build.xlsx import cells as xlsx_cells
from verantwoord.build.xlsx import row as xlsx_row
from verantwoord.export.reader import OPEN_DATA_SHEETS
from verantwoord.measure.results import RESULTS_FILE
from verantwoord.model import (
    NOT_YET_KNOWN,
    OWN_SERIES,
    Document,
    Figure,
    Indicator,
    NoFigure,
    Number,
    Period,
    Range,
    Section,
    Text,
    Value,
)
from verantwoord.slug import document_stem

FOLDER = "open-data"
CSV_FILE, JSON_FILE, XLSX_FILE, PACKAGE_FILE, INDICATORS_FILE, SCHEMA_FILE = FILES = (
    "indicatoren.csv",
    "indicatoren.json",
    "indicatoren.xlsx",
    "datapackage.json",
    "indicatorgegevens.csv",
    "indicatoren-schema.json",
)
"""The document's open-data files in `FOLDER`, beside one CSV per section."""
INDICATOR_SHEETS = {"nl": "Indicatorgegevens", "en": "Indicators"}
"""The xlsx's sheet of `INDICATORS_FILE`, after the sheets of `OPEN_DATA_SHEETS`: not Indicatoren, the name of an
export's sheet, by which a workbook is read as an export."""


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    english: str
    """The description in an English document's data package and xlsx; the column names stay as they are."""


FIELDS = (
    Field(
        "document",
        "string",
        "De soort en het jaar van het document, zoals 'Jaarverslag 2020'.",
        "The kind and year of the document, such as 'Annual report 2020'.",
    ),
    Field("organisatie", "string", "De organisatie die het document publiceert.", "The body that publishes it."),
    Field("hoofdstuk", "string", "Nummer en titel van het hoofdstuk.", "Number and title of the chapter."),
    Field("paragraaf", "string", "Nummer van de paragraaf, zoals 4.1.", "Number of the section, such as 4.1."),
    Field("paragraaf_titel", "string", "Titel van de paragraaf.", "Title of the section."),
    Field("indicator_id", "string", "Vaste code van de indicator.", "Fixed code of the indicator."),
    Field("indicator", "string", "Naam van de indicator.", "Name of the indicator."),
    Field("eenheid", "string", "Eenheid van het cijfer, zoals %.", "Unit of the figure, such as %."),
    Field(
        "decimalen",
        "integer",
        "Het aantal decimalen waarop de website het cijfer toont (afgerond, half naar boven); leeg: zoals ingevoerd.",
        "The decimals the website shows the figure with (rounded half up); empty: as entered.",
    ),
    Field(
        "polariteit",
        "string",
        "hoger is beter, lager is beter of neutraal.",
        "hoger is beter (higher is better), lager is beter (lower is better) or neutraal (neutral).",
    ),
    Field("bron", "string", "Bron van het cijfer.", "Source of the figure."),
    Field(
        "reeks",
        "string",
        "Leeg voor de eigen organisatie; anders de vergelijking, zoals Nederland.",
        "Empty for the body itself; otherwise the comparison, such as the Netherlands.",
    ),
    Field(
        "soort",
        "string",
        "realisatie, streefwaarde, begroting, verwachting of nulmeting; leeg bij een indicator zonder enig cijfer.",
        "realisatie (realised), streefwaarde (target), begroting (budget), verwachting (forecast) or nulmeting "
        "(baseline); empty for an indicator without any figure.",
    ),
    Field(
        "periode",
        "string",
        "De periode zoals gepubliceerd: 2020, 2022-2023, Q3 2024; leeg bij een indicator zonder enig cijfer.",
        "The period as published: 2020, 2022-2023, Q3 2024; empty for an indicator without any figure.",
    ),
    Field("periode_begin", "date", "Eerste dag van de periode.", "First day of the period."),
    Field("periode_eind", "date", "Laatste dag van de periode.", "Last day of the period."),
    Field(
        "waarde",
        "number",
        "Het cijfer, precies zoals ingevoerd; leeg als er geen cijfer is of bij een bereik.",
        "The figure, exactly as entered; empty when there is no figure, or a range.",
    ),
    Field(
        "bereik_laag",
        "number",
        "Ondergrens als het cijfer een bereik is (6 in 6-6,5).",
        "Lower bound when the figure is a range (6 in 6-6.5).",
    ),
    Field(
        "bereik_hoog",
        "number",
        "Bovengrens als het cijfer een bereik is (6,5 in 6-6,5).",
        "Upper bound when the figure is a range (6.5 in 6-6.5).",
    ),
    Field(
        "tekst",
        "string",
        "Tekst die in plaats van het cijfer is gepubliceerd, zoals '79,3% (TK)'.",
        "Text published in place of the figure, as the export has it (in Dutch notation: '79,3% (TK)').",
    ),
    Field(
        "geen_cijfer",
        "boolean",
        "true als er voor deze periode geen cijfer is; ook op de enige regel van een indicator zonder enig cijfer, "
        "met soort en periode leeg.",
        "true when there is no figure for this period; also on the only row of an indicator without any figure, "
        "with soort and periode empty.",
    ),
    Field("reden", "string", "Waarom er geen cijfer is.", "Why there is no figure."),
    Field("voetnoot", "string", "Voetnoot bij het cijfer.", "Footnote to the figure."),
    Field(
        "n",
        "integer",
        "Bij een gemeten cijfer: het aantal reacties of gesprekken waarop het rust.",
        "For a measured figure: the number of responses or calls it rests on.",
    ),
    Field(
        "interval_laag",
        "number",
        "Bij een gemeten percentage: ondergrens van het 95%-betrouwbaarheidsinterval.",
        "For a measured percentage: lower bound of the 95% confidence interval.",
    ),
    Field(
        "interval_hoog",
        "number",
        "Bij een gemeten percentage: bovengrens van het 95%-betrouwbaarheidsinterval.",
        "For a measured percentage: upper bound of the 95% confidence interval.",
    ),
    Field(
        "methode",
        "string",
        "Bij een gemeten cijfer: hoe het uit de ruwe gegevens is berekend.",
        "For a measured figure: how it was computed from the raw data.",
    ),
    Field(
        "ruwe_bestanden",
        "string",
        "Bij een gemeten cijfer: de ruwe bestanden waaruit het is berekend, elk met zijn SHA-256 "
        "('ruw/kiosk.csv sha256:…'), gescheiden door '; '.",
        "For a measured figure: the raw files it was computed from, each with its SHA-256 "
        "('ruw/kiosk.csv sha256:…'), separated by '; '.",
    ),
    Field(
        "vorige_waarde",
        "string",
        "Bij een herzien cijfer: het cijfer zoals de vorige publicatie het toonde (6.5, 6-6.5, een tekst of "
        "'geen cijfer'); leeg als het niet is gewijzigd.",
        "For a restated figure: the figure as the previous publication showed it (6.5, 6-6.5, a text or "
        "'geen cijfer'); empty when it did not change.",
    ),
    Field(
        "export_tijd",
        "datetime",
        "Moment van de export waaruit het cijfer komt (UTC); bij een gemeten cijfer het moment van de meting.",
        "Moment of the export the figure comes from (UTC); for a measured figure, the moment it was measured.",
    ),
    Field(
        "export_bestand",
        "string",
        f"Bestand van die export; bij een gemeten cijfer {RESULTS_FILE}.",
        f"File of that export; for a measured figure, {RESULTS_FILE}.",
    ),
    Field(
        "bouw_tijd",
        "datetime",
        "Moment waarop deze bestanden zijn gemaakt (UTC).",
        "Moment these files were made (UTC).",
    ),
    Field(
        "export_sha256",
        "string",
        "SHA-256 van export_bestand; de voettekst van de website toont de eerste 12 tekens van die van de export "
        "als vingerafdruk. Bij een map met CSV-bestanden: van hun lijst, zoals 'sha256sum indicatoren.csv "
        f"waarden.csv | sha256sum' in die map hem geeft. Bij een gemeten cijfer: van {RESULTS_FILE}, die de "
        "voettekst niet toont.",
        "SHA-256 of export_bestand; the website's footer shows the first 12 characters of the export's as the "
        "fingerprint. For a folder of CSV files: of their listing, as 'sha256sum indicatoren.csv waarden.csv | "
        f"sha256sum' in that folder gives it. For a measured figure: of {RESULTS_FILE}, which the footer does not "
        "show.",
    ),
)
NAMES = tuple(field.name for field in FIELDS)
EXPLANATION = Field(
    "toelichting",
    "string",
    f"Alleen in {INDICATORS_FILE} en het blad {INDICATOR_SHEETS['nl']}, met één rij per indicator en paragraaf en "
    "verder dezelfde kolommen: de toelichting bij de indicator, in Markdown, zoals de website hem toont.",
    f"Only in {INDICATORS_FILE} and the sheet {INDICATOR_SHEETS['en']}, with one row per indicator and section and "
    "the same columns otherwise: the explanation of the indicator, in Markdown, as the website shows it.",
)
_FORMULA_START = frozenset("=+-@\t\r")
_PLAIN_NUMBER = re.compile(r"-|[+-]?([0-9]+([.,][0-9]+)*|[.,][0-9]+)%?")
"""A text from the export that begins like a formula (=HYPERLINK(...), @SUM, -cmd|...) would run as one when a
reader opens the CSV in Excel, so it gets a leading apostrophe, as OWASP advises for CSV files; a signed number
such as -3.5 or -.5 and a lone "-" are left as they are. A range that begins with a minus (-6-6.5, a restated
figure's `vorige_waarde`) keeps its apostrophe: Excel would work it out as the sum -12.5. Dutch Excel splits a line
at ';', not ',': a piece of text after a ';' gets the same apostrophe ("zie toelichting;'=1+1"). The JSON and the
xlsx (where the cell is text) keep the text as it was entered."""
_PLACE_FIELDS = 5
"""Where a row's parts start in FIELDS: the section's at 0, the indicator's, the value's (when, figure, note) and
the provenance."""
_INDICATOR_FIELDS = 11
_FIGURE_FIELDS = 16
_NOTE_FIELDS = 22
_VALUE_FIELDS = 29
_ROW_PARTS = 5
"""A row's parts: its indicator's (with the place), and its value's when, figure, note and provenance."""
_JSON_KEYS = tuple(f"{json.dumps(name)}: " for name in NAMES)
INDICATOR_FIELDS = (*FIELDS[:_INDICATOR_FIELDS], EXPLANATION, *FIELDS[_VALUE_FIELDS:])
"""The columns of `INDICATORS_FILE`: an indicator's once, with its explanation, which the figures' rows leave out."""


class _Part(NamedTuple):
    """Some consecutive fields of a row, written out once in every format, UTF-8 encoded, and then shared by many rows.

    A row is its indicator's part and its value's (when, figure, note, provenance); in each format it is their
    concatenation. Writing the 130,000 rows of 1,000 sections field by field through csv, json and an
    XML writer took 9.3 s of CPU; as parts that repeat (every figure 92 in 2020 is the same text),
    2.8 s on the same machine, about half of it compressing the xlsx and writing the files. A value's
    parts are kept apart, not joined once: joined, the 34,000 values of 5,000 sections held 43 MB of text.
    Encoded once as parts, not per section as text: encoding the 375 MB of a 1,000-section document took 0.3 s.

    A row's first part starts it (", {" in the JSON, whose first row drops the ", "; `ROW_START` in the xlsx), its
    last part ends it ("\r\n", "}", `ROW_END`); the others end with a separator.
    """

    csv: bytes
    json: bytes
    xlsx: bytes

    def then(self, other: _Part) -> _Part:
        """This part and the next one of the row, as one."""
        return _Part(self.csv + other.csv, self.json + other.json, self.xlsx + other.xlsx)


class _Rows:
    """The rows of the open data, section by section, as parts."""

    def __init__(self, document: Document, built_at: datetime) -> None:
        self.document = document
        self.built_at = built_at
        export = document.export
        self.digests = dict(zip(export.files, export.digests, strict=False))  # none in a document made by hand
        self.provenance_fields = (export.time, export.files[0], built_at, self.digests.get(export.files[0]))
        self.provenance = self._part(self.provenance_fields, _VALUE_FIELDS)
        self.measured: dict[datetime, _Part] = {}
        self.not_yet_known = translator(document.language)("not_yet_known")
        # Parts by the identity of what they show, which they keep alive: equal Decimals (7.1 and 7.10)
        # are written differently. The loader shares one value (and figure) among the rows that have it.
        self.shared: dict[int, tuple[tuple[_Part, ...], Value]] = {}
        self.whens: dict[tuple, tuple[_Part, Period]] = {}
        self.figures: dict[object, tuple[_Part, Figure]] = {}
        self.notes: dict[str | None, _Part] = {}
        self.without_values = (
            self._part((OWN_SERIES, "", "", None, None), _INDICATOR_FIELDS),
            self._part(_figure_fields(NoFigure(), self.not_yet_known), _FIGURE_FIELDS),
            self._part(("", None, None, None, "", "", ""), _NOTE_FIELDS),
            self.provenance,
        )
        """The row's parts for an indicator without any value: no series, kind or period, and no figure."""

    def sections(self) -> Iterator[tuple[Section, bytes, bytes, list[bytes]]]:
        """Each section in reading order, with its rows: the CSV's lines, the JSON's objects (each after ", ") and
        the xlsx's rows (numbered by the sheet). A row is its indicator's part and then its value's."""
        for section, place in _places(self.document):
            parts: list[_Part] = []
            start = self._part(place, 0)
            for indicator in section.indicators:
                own = start.then(self._part(_indicator_fields(indicator), _PLACE_FIELDS))
                # Without values, one row that has none: else the data would not show that the indicator exists.
                for value_parts in map(self._value, indicator.values) if indicator.values else (self.without_values,):
                    parts += (own, *value_parts)
            lines, objects, cells = zip(*parts, strict=True) if parts else ((), (), ())  # format by format
            rows = zip(*[iter(cells)] * _ROW_PARTS, strict=True)  # each row's parts
            yield section, b"".join(lines), b"".join(objects), list(map(b"".join, rows))

    def explained(self) -> Iterator[tuple[bytes, list[bytes]]]:
        """The rows of `INDICATORS_FILE`, as its CSV lines and as xlsx rows: a section at a time, as the figures are,
        so that the explanations of a large document are never all in memory at once.

        Their first columns are the figures' (`INDICATOR_FIELDS` starts with FIELDS[:11]), made again rather than
        kept from `sections`: kept, the indicators' parts would be held until the figures are all written."""
        provenance = self.provenance_fields
        provenance_csv = _csv_fields(provenance, last=True)
        provenance_xlsx = xlsx_cells(provenance, len(INDICATOR_FIELDS) - len(provenance)) + ROW_END
        for section, place in _places(self.document):
            start_csv, start_xlsx = _csv_fields(place, last=False), ROW_START + xlsx_cells(place)
            lines, sheet_rows = [], []
            for indicator in section.indicators:
                fields = (*_indicator_fields(indicator), indicator.explanation)
                lines += (start_csv, _csv_fields(fields, last=False), provenance_csv)
                sheet_rows.append((start_xlsx + xlsx_cells(fields, _PLACE_FIELDS) + provenance_xlsx).encode())
            yield "".join(lines).encode(), sheet_rows

    def _value(self, value: Value) -> tuple[_Part, ...]:
        """FIELDS[10:]: when, what figure, its footnote and measurement, what it was before, and where it came from."""
        known = self.shared.get(id(value))  # the loader shares a value among the indicators that have it
        if known is not None:
            return known[0]
        source = self.provenance if value.measurement is None else self._measured(value)
        parts = (self._when(value), self._figure(value.figure), self._note(value), source)
        self.shared[id(value)] = (parts, value)
        return parts

    def _measured(self, value: Value) -> _Part:
        """A measured figure comes from the measurement, not from the export; so does the reason of a period declared
        not measured, which metingen.yaml gives and measure writes beside the figures."""
        assert value.measurement is not None
        moment = value.measurement.computed_at
        part = self.measured.get(moment)
        if part is None:
            fields = (moment, RESULTS_FILE, self.built_at, self.digests.get(RESULTS_FILE))
            part = self.measured[moment] = self._part(fields, _VALUE_FIELDS)
        return part

    def _when(self, value: Value) -> _Part:
        key = (id(value.period), value.kind, value.series)
        known = self.whens.get(key)
        if known is None:
            period = value.period
            fields = (value.series, value.kind.value, period.label, period.start, period.end)
            known = self.whens[key] = (self._part(fields, _INDICATOR_FIELDS), period)
        return known[0]

    def _figure(self, figure: Figure) -> _Part:
        # A reason is exact text, so equal "no figure"s can share a part; the loader makes one per row.
        key = figure if isinstance(figure, NoFigure) else id(figure)
        known = self.figures.get(key)
        if known is None:
            fields = _figure_fields(figure, self.not_yet_known)
            known = self.figures[key] = (self._part(fields, _FIGURE_FIELDS), figure)
        return known[0]

    def _note(self, value: Value) -> _Part:
        measured = value.measurement
        previous = _previous_text(value.previous)
        if measured is not None:
            # n as a Decimal: every writer (CSV, JSON, xlsx) already writes Decimals exactly. None for a period declared
            # not measured, whose line in the results file has the method and files all the same.
            n = None if measured.n is None else Decimal(measured.n)
            low, high = measured.interval or (None, None)
            files = "; ".join(f"{name} sha256:{digest}" for name, digest in measured.inputs)
            fields = (value.footnote or "", n, low, high, measured.method, files, previous)
            return self._part(fields, _NOTE_FIELDS)
        key = (value.footnote, previous)
        part = self.notes.get(key)
        if part is None:
            part = self._part((value.footnote or "", None, None, None, "", "", previous), _NOTE_FIELDS)
            self.notes[key] = part
        return part

    def _part(self, values: tuple, first: int) -> _Part:
        last = first + len(values) == len(NAMES)
        members = ", ".join([f"{_JSON_KEYS[n]}{_json_value(value)}" for n, value in enumerate(values, first)])
        return _Part(
            _csv_fields(values, last).encode(),
            ((", {" if first == 0 else "") + members + ("}" if last else ", ")).encode(),
            ((ROW_START if first == 0 else "") + xlsx_cells(values, first) + (ROW_END if last else "")).encode(),
        )


def write_open_data(document: Document, root: Path, built_at: datetime, address: str | None = None) -> list[Path]:
    """Write every open-data file into `root/open-data/`; returns their paths relative to `root`.

    Streamed section by section: the whole CSV (40 MB at 1,000 sections), JSON (100 MB) or sheet XML
    (200 MB) is never one string in memory. `address` is the site's (`website.adres`), for the data package.
    """
    folder = root / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    rows = _Rows(document, built_at)
    header = _csv_fields(NAMES, last=True).encode()
    xlsx_path = folder / XLSX_FILE
    english = document.language == "en"
    sections: list[_CountedFile] = []
    with (
        _CountedFile(folder / CSV_FILE, codecs.BOM_UTF8) as all_csv,
        _CountedFile(folder / JSON_FILE) as all_json,
        XlsxWriter(
            xlsx_path,
            (*OPEN_DATA_SHEETS[document.language], INDICATOR_SHEETS[document.language]),
            built_at,
            title=f"{document.title} – {document.organisation}",
            description=_licence_text(document) if document.licence else "",
        ) as workbook,
    ):
        all_csv.write(header)
        all_json.write(_json_head(document, built_at).encode("utf-8"))
        first_row = True
        with workbook.sheet(NAMES) as sheet:
            for section, body, objects, sheet_rows in rows.sections():
                all_csv.write(body)
                with _CountedFile(folder / f"{section.slug}.csv", codecs.BOM_UTF8) as one:
                    one.write(header + body)
                sections.append(one)
                if objects:
                    all_json.write(objects.removeprefix(b", ") if first_row else objects)
                    first_row = False
                sheet.add(sheet_rows)
        all_json.write(b"]}\n")
        with workbook.sheet(("column", "type", "description") if english else ("kolom", "type", "uitleg")) as sheet:
            explained = (*FIELDS, EXPLANATION)
            sheet.add([xlsx_row((f.name, f.type, f.english if english else f.description)) for f in explained])
            if document.licence is not None:  # under an empty row: no column, but what the whole file may be used for
                sheet.add([xlsx_row(()), xlsx_row((_licence_text(document),))])
        names = [f.name for f in INDICATOR_FIELDS]
        with workbook.sheet(names) as sheet, _CountedFile(folder / INDICATORS_FILE, codecs.BOM_UTF8) as indicators:
            indicators.write(_csv_fields(names, last=True).encode())
            for lines, sheet_rows in rows.explained():
                sheet.add(sheet_rows)
                indicators.write(lines)
    with xlsx_path.open("rb") as written_xlsx:  # the writer compresses as it goes: its bytes are known once closed
        xlsx_hash = hashlib.file_digest(written_xlsx, "sha256").hexdigest()
    workbook_file = _Described(xlsx_path, xlsx_path.stat().st_size, xlsx_hash)
    package, schema = _write_package(folder, document, all_csv, indicators, sections, all_json, workbook_file, address)
    written = [
        all_csv.path,
        all_json.path,
        xlsx_path,
        package,
        indicators.path,
        schema,
        *(one.path for one in sections),
    ]
    return [path.relative_to(root) for path in written]


def file_sizes(root: Path) -> dict[str, int]:
    """The size in bytes of each open-data file under `root`, by its name, as written: what the home page's download
    links show."""
    folder = root / FOLDER
    return {path.name: path.stat().st_size for path in folder.iterdir()} if folder.is_dir() else {}


@dataclass(frozen=True)
class _Described:
    """A file as the data package describes it: its size and SHA-256."""

    path: Path
    size: int
    sha256: str


class _CountedFile:
    """A file that counts its bytes and their SHA-256 as they are written, for the data package; a CSV file starts
    with a byte-order mark, so that Excel reads the accents right."""

    def __init__(self, path: Path, start: bytes = b"") -> None:
        self.path = path
        self.size = 0
        self._hash = hashlib.sha256()
        self._file = path.open("wb")
        self.write(start)

    def write(self, data: bytes) -> None:
        self._file.write(data)
        self._hash.update(data)
        self.size += len(data)

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()

    def __enter__(self) -> _CountedFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()


def _places(document: Document) -> Iterator[tuple[Section, tuple[str, str, str, str, str]]]:
    """Each section in reading order, with its place: FIELDS[:5], the document and its chapter and section."""
    for chapter in document.chapters:
        chapter_title = f"{chapter.number}. {chapter.title}"
        for section in chapter.sections:
            yield section, (document.title, document.organisation, chapter_title, section.number, section.title)


def _csv_fields(values: Sequence[object], last: bool) -> str:
    """Fields as a CSV line has them (each as `_csv_text` writes it), and after them a comma or, if `last`, the
    line's end."""
    line = io.StringIO()
    # The file's line terminator, not none: the csv module quotes a field that holds one of its characters.
    csv.writer(line, lineterminator="\r\n").writerow([_csv_text(value) for value in values])
    return line.getvalue() if last else line.getvalue()[:-2] + ","


def _licence_text(document: Document) -> str:
    """The licence in words, as the site says it beside the downloads, with the address of its terms."""
    assert document.licence is not None
    licence = document.licence
    translate = translator(document.language)
    terms = translate(f"open_data_licence_{licence.id}", organisation=document.organisation)
    return f"{translate('open_data_licence')} {licence.name} ({licence.url}deed.{document.language}). {terms}"


def _json_head(document: Document, built_at: datetime) -> str:
    """The JSON file up to its first row of "waarden"."""
    data = {
        "document": document.title,
        "soort": document.kind.value,
        "jaar": document.year,
        "organisatie": document.organisation,
        "export_tijd": _timestamp(document.export.time),
        "export_bestand": ", ".join(document.export.files),
        "bouw_tijd": _timestamp(built_at),
        # Each file's, by its name in export_bestand: the export's and, with measured figures, uitkomsten.csv's.
        "export_sha256": dict(zip(document.export.files, document.export.digests, strict=False)),
        # Always there, null without `open-data.licentie`: a reader's code finds the key, and no licence is claimed.
        "licentie": document.licence.id if document.licence else None,
        "licentie_url": document.licence.url if document.licence else None,
        "indicatoren": [
            {**dict(zip(NAMES[5:11], _indicator_fields(i), strict=True)), "decimalen": i.decimals,
             "toelichting": i.explanation, **dict(zip(NAMES[2:5], place[2:], strict=True))}
            for section, place in _places(document) for i in section.indicators
        ],
    }  # fmt: skip
    return json.dumps(data, ensure_ascii=False)[:-1] + ', "waarden": ['


def _indicator_fields(indicator: Indicator) -> tuple[str | Decimal | None, ...]:
    return (
        indicator.id,
        indicator.title,
        indicator.unit,
        None if indicator.decimals is None else Decimal(indicator.decimals),  # every writer writes Decimals
        indicator.polarity.value,
        indicator.source,
    )


def _figure_fields(figure: Figure, not_yet_known: str) -> tuple:
    """FIELDS[16:22]: str, Decimal, bool or None (empty)."""
    number = low = high = None
    text = reason = ""
    match figure:
        case Number(number):
            pass
        case Range(low, high):
            pass
        case Text(text, number, span):
            if span is not None:
                low, high = span.low, span.high
        case NoFigure(reason):
            reason = not_yet_known if reason == NOT_YET_KNOWN else reason or ""
    # A text without a number ('Gegevens nog niet bekend') is no figure either: waarde is empty.
    return number, low, high, text, number is None and low is None, reason


def _previous_text(figure: Figure | None) -> str:
    """A restated figure's earlier value in one field, with the decimals as entered: 12.4, 6-6.5."""
    match figure:
        case None:
            return ""
        case Number(number):
            return format(number, "f")
        case Range(low, high):
            return f"{format(low, 'f')}-{format(high, 'f')}"
        case Text(text, _):
            return text
        case NoFigure(_):
            return "geen cijfer"
    return ""


def _timestamp(moment: datetime | None) -> str | None:
    """A moment in UTC; None (null in the JSON, empty in the CSV and xlsx) for an export whose moment is unknown."""
    return _moment_text(moment) if moment else None


def _moment_text(value: date) -> str:
    """A date, or a moment in UTC, as text in the CSV and the JSON; the xlsx has them as date cells."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if isinstance(value, datetime) else value.isoformat()


def _csv_text(value: object) -> str:
    if isinstance(value, str):  # most values are
        text = value
    elif value is None:
        return ""
    elif isinstance(value, date):
        return _moment_text(value)
    elif isinstance(value, bool):
        return "true" if value else "false"
    elif isinstance(value, Decimal):
        return format(value, "f")  # never exponent notation
    else:
        text = str(value)
    if ";" in text:
        # Dutch Excel opens a .csv with ';' as its separator, so each piece after a ';' is a cell of its own.
        text = ";".join([text.split(";", 1)[0], *(_not_a_formula(piece) for piece in text.split(";")[1:])])
    return _not_a_formula(text)


def _not_a_formula(text: str) -> str:
    if text[:1] in _FORMULA_START and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _json_value(value: object) -> str:
    """A field as JSON, as json.dumps writes it, but a Decimal as the number it is ("7.10"), not through a float,
    and a date or moment as text. Field by field rather than json.dumps, which makes an encoder for each call: the
    parts of 12,000 indicators took 0.08 s, now 0.02 s."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return encode_basestring(_moment_text(value))
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _schema(fields: tuple[Field, ...], english: bool) -> dict[str, object]:
    return {
        "fields": [
            {"name": f.name, "type": f.type, "description": f.english if english else f.description} for f in fields
        ],
        "missingValues": [""],
        # No primaryKey: its fields may not be empty, and reeks is empty for the organisation's own figures.
    }


def _write_package(
    folder: Path,
    document: Document,
    figures: _CountedFile,
    indicators: _CountedFile,
    sections: list[_CountedFile],
    everything: _CountedFile,
    workbook: _Described,
    address: str | None,
) -> tuple[Path, Path]:
    """Write the data package of every file offered for download, and the Table Schema the section files share;
    returns their paths.

    Each file with its size and SHA-256, so that a reader can tell a file is whole and the one described, and the
    name the site's link saves it under ("download", the document's name before the file's, as the link's `download`
    attribute has it), so that files saved from the site are found by the names they have; the files keep their
    addresses, which would otherwise change with the document's title. A harvester (data.overheid.nl, CKAN) that
    reads the package lists the workbook and the JSON too. They are no Tabular Data Resources (a CSV with a Table
    Schema), so the package is a plain Data Package whose CSV files are tabular."""
    english = document.language == "en"
    schema = _schema(FIELDS, english)
    description = (
        "One figure per row: indicator_id, reeks, soort and periode together occur once (reeks is empty for the "
        "organisation's own figures; an indicator without figures has one row, with soort and periode empty). "
        "A text that begins with =, +, - or @, or such a piece after a ';', has an apostrophe before it in this file, "
        "so that a spreadsheet does not run it as a formula (a number such as -3.5 has none); indicatoren.json and "
        "indicatoren.xlsx have the text as entered."
        if english
        else "Eén cijfer per rij: indicator_id, reeks, soort en periode samen komen één keer voor (reeks is leeg bij "
        "de eigen cijfers van de organisatie; een indicator zonder cijfers heeft één rij, met soort en periode leeg). "
        "Een tekst die begint met =, +, - of @, of zo'n stuk na een ';', heeft in dit bestand een apostrof ervoor, "
        "zodat een rekenprogramma hem niet als formule uitvoert (een getal als -3.5 niet); indicatoren.json en "
        "indicatoren.xlsx hebben de tekst zoals ingevoerd."
    )
    indicators_description = (
        "One row per indicator and section it is in, with its explanation (toelichting, in Markdown), which "
        f"{CSV_FILE} leaves out; the other columns as there, with the same apostrophe before a text that begins "
        f"like a formula. The sheet {INDICATOR_SHEETS['en']} of indicatoren.xlsx has the same rows."
        if english
        else "Eén rij per indicator en paragraaf waarin zij staat, met haar toelichting (in Markdown), die "
        f"{CSV_FILE} weglaat; de andere kolommen als daar, met dezelfde apostrof voor een tekst die begint als een "
        f"formule. Het blad {INDICATOR_SHEETS['nl']} van indicatoren.xlsx heeft dezelfde rijen."
    )

    figures_sheet, explanation_sheet = OPEN_DATA_SHEETS[document.language]
    workbook_description = (
        f"The rows of {CSV_FILE} in the sheet {figures_sheet}, with dates as date cells and every text as entered; "
        f"the sheet {explanation_sheet} explains the columns, the sheet {INDICATOR_SHEETS['en']} has the rows of "
        f"{INDICATORS_FILE}."
        if english
        else f"De rijen van {CSV_FILE} in het blad {figures_sheet}, met datums als datumcellen en elke tekst zoals "
        f"ingevoerd; het blad {explanation_sheet} legt de kolommen uit, het blad {INDICATOR_SHEETS['nl']} heeft de "
        f"rijen van {INDICATORS_FILE}."
    )
    everything_description = (
        f"The rows of {CSV_FILE} under 'waarden', with every text as entered and every figure a JSON number written "
        "as entered (7.10); under 'indicatoren' each indicator with its explanation; and the document, the export "
        "and the licence."
        if english
        else f"De rijen van {CSV_FILE} onder 'waarden', met elke tekst zoals ingevoerd en elk cijfer een JSON-getal, "
        "geschreven zoals ingevoerd (7.10); onder 'indicatoren' elke indicator met haar toelichting; en het "
        "document, de export en de licentie."
    )

    stem = document_stem(document)

    def resource(name: str, file: _CountedFile, description: str, resource_schema: object) -> dict[str, object]:
        return {
            "name": name,
            "description": description,
            "path": file.path.name,
            "download": f"{stem}-{file.path.name}",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",  # the IANA name; the file starts with a byte-order mark, which readers skip
            "bytes": file.size,
            "hash": f"sha256:{file.sha256}",
            "dialect": {"delimiter": ",", "header": True},
            "schema": resource_schema,
        }

    resources = [
        resource("indicatoren", figures, description, schema),
        resource(
            INDICATORS_FILE.removesuffix(".csv"), indicators, indicators_description, _schema(INDICATOR_FIELDS, english)
        ),
        {
            "name": "indicatoren-xlsx",
            "description": workbook_description,
            "path": workbook.path.name,
            "download": f"{stem}-{workbook.path.name}",
            "format": "xlsx",
            "mediatype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "bytes": workbook.size,
            "hash": f"sha256:{workbook.sha256}",
        },
        {
            "name": "indicatoren-json",
            "description": everything_description,
            "path": everything.path.name,
            "download": f"{stem}-{everything.path.name}",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            "bytes": everything.size,
            "hash": f"sha256:{everything.sha256}",
        },
    ]
    pages = [f"{chapter.slug}/{section.slug}/" for chapter in document.chapters for section in chapter.sections]
    for section, file, page in zip(document.sections(), sections, pages, strict=True):
        title = f"{section.number} {section.title}"
        said = (
            f"The rows of {CSV_FILE} of section {title}."
            if english
            else f"De rijen van {CSV_FILE} uit paragraaf {title}."
        )
        # The schema's file, not a copy in each: 1,000 sections would make this file 8 MB.
        resources.append({**resource(file.path.stem, file, said, SCHEMA_FILE), "title": title})
        if address is not None:
            resources[-1]["homepage"] = address + page  # the page that shows them
    package: dict[str, object] = {
        "profile": "data-package",
        # The name each download starts with: unique among organisations in a catalogue that gathers packages.
        "name": stem,
        "title": f"{document.title} – {document.organisation}",
    }
    if address is not None:
        package["homepage"] = address
    package["resources"] = resources
    if document.licence is not None:
        licence = document.licence
        package["licenses"] = [{"name": licence.id, "path": licence.url, "title": licence.name}]
    path, schema_path = folder / PACKAGE_FILE, folder / SCHEMA_FILE
    schema_path.write_text(json.dumps(schema, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    path.write_text(json.dumps(package, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path, schema_path
