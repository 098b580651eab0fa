"""Load a project: read the config, the export and the texts, and validate them into a Document.

This is the first of the two phases of every command: gather and check everything, then (in
`verantwoord.build`) render. Nothing is rendered from a project that has errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from verantwoord.build.format import format_number
from verantwoord.build.pdf import pdf_name
from verantwoord.build.site import Progress, SiteOptions, Theme, build_site
from verantwoord.config import Config, read_config
from verantwoord.errors import InvalidProject, Location, Problems
from verantwoord.export.csvfiles import read_csv
from verantwoord.export.records import (
    INDICATOR_SHEET,
    VALUE_SHEET,
    IndicatorRecord,
    ValueRecord,
    read_indicators,
    read_values,
    sheet_ids,
)
from verantwoord.export.table import Table
from verantwoord.export.texts import TextFile, read_texts
from verantwoord.export.workbook import read_workbook
from verantwoord.export.yamlexport import read_yaml_export
from verantwoord.measure.results import RESULTS_FILE, merge_measured, read_results
from verantwoord.model import (
    Chapter,
    Document,
    Export,
    Indicator,
    Section,
    TableColumns,
    ValueKind,
)
from verantwoord.slug import slugify


@dataclass(frozen=True)
class Project:
    config: Config
    document: Document
    problems: list
    """The warnings found while loading (errors stop the load)."""


@dataclass(frozen=True)
class BuildResult:
    project: Project
    output: Path
    pages: list[Path]


def load_project(path: Path | str, strict: bool = False) -> Project:
    """Read and validate the project at `path`.

    Raises InvalidProject with every problem found when there is an error, or, with `strict`, a warning.
    """
    root = Path(path).resolve()
    problems = Problems()
    config = read_config(root, problems)
    if config is None:
        raise InvalidProject(problems)
    texts = read_texts(config.texts_dir, problems)
    tables, workbook_time = read_export(config.export_path, problems) if config.export_path.exists() else ({}, None)
    sections = {t.number for t in texts if not t.is_chapter}
    indicator_table = export_sheet(tables, INDICATOR_SHEET, config.export_path, problems)
    value_table = export_sheet(tables, VALUE_SHEET, config.export_path, problems)
    indicators = read_indicators(indicator_table, sections, problems) if indicator_table else []
    ids = [record.id for record in indicators]
    values = read_values(value_table, ids, problems, sheet_ids(indicator_table)) if value_table else []
    measured = read_results(root, sheet_ids(indicator_table), problems)
    values = merge_measured(values, measured, ids, problems)
    _check_periods(config, indicators, values, problems)
    export_time = config.export_time or workbook_time
    if export_time is None:
        problems.warning(
            Location(config.export_path.name),
            "het moment van de export is onbekend; de voettekst noemt het daarom niet.",
            hint="zet het moment bij 'export.tijd' in verantwoord.yaml.",
        )
    chapters = _chapters(texts, indicators, values, problems)
    if problems.errors or (strict and problems.warnings):
        raise InvalidProject(problems, strict=strict)
    document = Document(
        kind=config.kind,
        year=config.year,
        organisation=config.organisation,
        title=config.title,
        chapters=chapters,
        columns=TableColumns(config.realised_years, config.target_years),
        export=Export(files=(config.export_path.name, *([RESULTS_FILE] if measured else [])), time=export_time),
        language=config.language,
    )
    return Project(config, document, list(problems))


def build_project(
    path: Path | str,
    output: Path | str | None = None,
    *,
    strict: bool = False,
    pdf: bool | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Load, validate and build the project's site; nothing is written when the input has problems.

    `pdf` overrides the project's `pdf` setting when given.
    """
    project = load_project(path, strict=strict)
    target = Path(output) if output is not None else project.config.output_dir
    options = site_options(project.config, project.config.pdf if pdf is None else pdf, project.document)
    pages = build_site(project.document, target, options, progress=progress)
    return BuildResult(project, target, pages)


def site_options(config: Config, pdf: bool, document: Document) -> SiteOptions:
    theme = Theme(folder=config.theme_folder, logo=config.logo, colour=config.colour, font=config.font)
    return SiteOptions(
        datetime_format=config.datetime_format,
        search=config.search,
        theme=theme,
        pdf_name=pdf_name(document) if pdf else None,
    )


def read_export(path: Path, problems: Problems) -> tuple[dict[str, Table], object]:
    """The export's tables by lower-case sheet name, from a workbook, a CSV folder or a YAML file."""
    if path.is_dir():
        tables = {}
        for sheet in (INDICATOR_SHEET, VALUE_SHEET):
            file = path / f"{sheet.lower()}.csv"
            if file.is_file():
                table = read_csv(file, sheet, problems)
                if table is not None:
                    tables[sheet.lower()] = table
        return tables, None
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return read_yaml_export(path, problems), None
    if suffix in (".xlsx", ".xlsm"):
        return read_workbook(path, problems, checked={INDICATOR_SHEET.lower(), VALUE_SHEET.lower()})
    problems.error(
        Location(path.name),
        "dit soort bestand kan verantwoord niet lezen.",
        found=suffix or path.name,
        expected="een .xlsx-werkmap, een map met indicatoren.csv en waarden.csv, of een .yaml-bestand",
    )
    return {}, None


def export_sheet(tables: dict[str, Table], name: str, export_path: Path, problems: Problems) -> Table | None:
    """The sheet `name` of the export at `export_path` read by `read_export`; None when missing (reported)."""
    table = tables.get(name.lower())
    if table is not None:
        return table
    if export_path.is_dir():
        if (export_path / f"{name.lower()}.csv").is_file():
            return None  # there, but it could not be read: already reported
        problems.error(
            Location(f"{export_path.name}/{name.lower()}.csv"),
            "dit CSV-bestand ontbreekt.",
            expected=f"{INDICATOR_SHEET.lower()}.csv en {VALUE_SHEET.lower()}.csv in de exportmap",
        )
    elif tables:
        problems.error(
            Location(export_path.name),
            f"het blad {name} ontbreekt.",
            found=", ".join(t.name for t in tables.values()),
            expected=f"de bladen {INDICATOR_SHEET} en {VALUE_SHEET}",
            hint="hernoem het blad, of begin met het sjabloon van 'verantwoord new'.",
        )
    return None


def _check_periods(
    config: Config, indicators: list[IndicatorRecord], values: list[ValueRecord], problems: Problems
) -> None:
    """Figures that cannot be right for this document are errors; figures it will not show are warnings."""
    shown = {ValueKind.REALISED: set(config.realised_years), ValueKind.TARGET: set(config.target_years)}
    setting = {ValueKind.REALISED: "tabel.realisatie", ValueKind.TARGET: "tabel.streefwaarde"}
    for record in values:
        value = record.value
        if value.kind is ValueKind.REALISED and value.period.start.year > config.year:
            problems.error(
                record.period_location,
                f"een realisatie voor {value.period.label} kan niet in het document over {config.year} staan.",
                found=value.period.label,
                expected=f"een periode tot en met {config.year}",
                hint="is dit een streefwaarde of verwachting? Verbeter dan de soort.",
            )
        elif value.series:
            problems.warning(
                record.location, f"vergelijkingsreeks '{value.series}' wordt in deze tabelindeling nog niet getoond."
            )
        elif value.kind not in shown:
            problems.warning(record.location, f"een {value.kind.value} wordt in deze tabelindeling nog niet getoond.")
        elif value.period not in shown[value.kind]:
            problems.warning(
                record.period_location,
                f"de {value.kind.value} voor {value.period.label} staat niet in de tabel.",
                found=value.period.label,
                expected=f"een jaar uit '{setting[value.kind]}'",
                hint=f"voeg het jaar toe aan '{setting[value.kind]}' in verantwoord.yaml, of verwijder de waarde.",
            )
        if record.has_footnote_mark:
            problems.warning(
                record.location,
                "de waarde heeft een voetnootteken maar geen voetnoot.",
                hint="zet de tekst van de voetnoot in de kolom 'voetnoot'.",
            )
    decimals = {i.id: i.decimals for i in indicators if i.decimals is not None}
    for record in values:
        allowed = decimals.get(record.indicator)
        number = getattr(record.value.figure, "value", None)
        if allowed is not None and number is not None and -number.as_tuple().exponent > allowed:
            problems.warning(
                record.location,
                f"de waarde {format_number(number)} heeft meer decimalen dan de {allowed} die de indicator toont; "
                "ze wordt afgerond.",
            )


def _chapters(
    texts: list[TextFile], indicators: list[IndicatorRecord], values: list[ValueRecord], problems: Problems
) -> tuple[Chapter, ...]:
    by_indicator: dict[str, list] = {record.id: [] for record in indicators}
    for record in values:
        by_indicator[record.indicator].append(record.value)
    by_section: dict[str, list[Indicator]] = {}
    for record in indicators:
        own = sorted(by_indicator[record.id], key=lambda v: (v.series, v.kind.value, v.period))
        if not own:
            problems.warning(
                record.location,
                f"indicator '{record.id}' heeft geen waarden.",
                hint="voeg waarden toe in het blad Waarden, of 'geen cijfer' met een reden.",
            )
        by_section.setdefault(record.section, []).append(
            Indicator(
                id=record.id,
                title=record.title,
                values=tuple(own),
                unit=record.unit,
                decimals=record.decimals,
                polarity=record.polarity,
                source=record.source,
                explanation=record.explanation,
            )
        )
    chapter_texts = {t.number: t for t in texts if t.is_chapter}
    sections: dict[str, list[Section]] = {number: [] for number in chapter_texts}
    for text in texts:
        if text.is_chapter:
            continue
        chapter_number = text.number.split(".")[0]
        if chapter_number not in chapter_texts:
            problems.error(
                text.location,
                f"paragraaf {text.number} hoort bij hoofdstuk {chapter_number}, "
                f"maar er is geen tekst voor hoofdstuk {chapter_number}.",
                hint=f"maak {chapter_number}.md met als eerste regel '# ' en de titel van het hoofdstuk.",
            )
            continue
        sections[chapter_number].append(
            Section(
                number=text.number,
                title=text.title,
                slug=slugify(f"{text.number} {text.title}"),
                text=text.body,
                indicators=tuple(by_section.get(text.number, ())),
            )
        )
    if not chapter_texts:
        problems.error(
            Location("tekst"),
            "het document heeft geen hoofdstukken.",
            hint="maak voor elk hoofdstuk een Markdown-bestand, zoals 1.md met '# Titel'.",
        )
    return tuple(
        Chapter(
            number=t.number,
            title=t.title,
            slug=slugify(f"{t.number} {t.title}"),
            text=t.body,
            sections=tuple(sections[t.number]),
        )
        for t in chapter_texts.values()
    )
