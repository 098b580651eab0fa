"""Load a project: read the config, the export and the texts, and validate them into a Document.

This is the first of the two phases of every command: gather and check everything, then (in
`verantwoord.build`) render. Nothing is rendered from a project that has errors.
"""

from __future__ import annotations

import difflib
import re
import time
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from babel.dates import format_date
from markupsafe import escape

from verantwoord.build.format import build_time, format_number
from verantwoord.build.images import check_explanation_images, read_images
from verantwoord.build.incremental import restamp_file
from verantwoord.build.links import (
    IndicatorLink,
    IndicatorPages,
    Link,
    broken_links,
    dead_indicator_links,
    indicator_pages,
    site_paths,
    texts_with_pages,
    written_at,
)
from verantwoord.build.markdown import (
    FootnoteProblem,
    language_marks_in_title,
    unmatched_footnotes,
    unread_language_marks,
    written_but_not_rendered,
)
from verantwoord.build.pdf import PdfJob, PdfResult, pdf_name, start_pdf
from verantwoord.build.site import (
    NOT_FOUND,
    STATEMENT_PATH,
    DocumentSite,
    Progress,
    RelatedDocument,
    SiteOptions,
    Theme,
    build_site,
    build_sites,
    pdf_link_html,
    replaceable,
    theme_template_problems,
)
from verantwoord.build.tables import fixed_keys, shown_values
from verantwoord.build.translations import translator
from verantwoord.config import CONFIG_FILE, Config, path_as_in_settings, read_configs
from verantwoord.diff import exact, read_contents
from verantwoord.errors import BuildFailed, InvalidProject, Location, Problem, Problems, Severity
from verantwoord.export.cells import Formatted, ShownAsPercentage
from verantwoord.export.digest import export_digest
from verantwoord.export.reader import export_sheet, read_export
from verantwoord.export.records import (
    INDICATOR_SHEET,
    VALUE_COLUMNS,
    VALUE_SHEET,
    IndicatorRecord,
    ValueRecord,
    map_columns,
    read_indicators,
    read_values,
    sheet_ids,
    similar_id,
)
from verantwoord.export.table import Table
from verantwoord.export.texts import STATEMENT_FILE, TextFile, read_statement, read_texts
from verantwoord.measure.definitions import DEFINITIONS_FILE, Definitions, check_definitions, current_wording
from verantwoord.measure.results import RESULTS_FILE, MeasuredValue, merge_measured, read_results
from verantwoord.model import (
    Chapter,
    ColumnKind,
    Document,
    Export,
    Figure,
    Image,
    Indicator,
    NoFigure,
    Number,
    Range,
    Section,
    SeriesPlacement,
    Statement,
    TableLayout,
    Value,
    ValueKind,
)
from verantwoord.scaffold import EXAMPLE_TEXTS, STATEMENT_TITLE, STATEMENT_TO_DO
from verantwoord.slug import slugify


@dataclass(frozen=True)
class Project:
    configs: tuple[Config, ...]
    documents: tuple[Document, ...]
    """One per document; most projects have one, some several (a budget and an annual report) from one export."""
    problems: list[Problem]
    """The warnings found while loading (errors stop the load)."""

    @property
    def config(self) -> Config:
        """The first document's config; what the documents share (export, output, language) is the same in all."""
        return self.configs[0]

    @property
    def document(self) -> Document:
        return self.documents[0]


@dataclass(frozen=True)
class BuildResult:
    project: Project
    output: Path
    pages: list[Path]
    site_seconds: float
    """From the start of the build to the site swapped in."""
    pdfs: tuple[PdfResult, ...] = ()
    """The PDFs made, one per document that has one; each in a process of its own (`start_pdf`)."""


def load_project(
    path: Path | str, strict: bool = False, raw_data: bool = False, output_folder: bool = False
) -> Project:
    """Read and validate the project at `path`, its metingen.yaml too; with `raw_data` (`check`) whether the raw
    files metingen.yaml names are there (a build needs only what was measured from them), and with `output_folder`
    (`check`) whether a build may replace the output folder of the settings.

    Raises InvalidProject with every problem found when there is an error, or, with `strict`, a warning.
    """
    root = Path(path).resolve()
    problems = Problems()
    configs = read_configs(root, problems)
    if configs is None:
        raise InvalidProject(problems)
    config = configs[0]  # the export is the same for every document
    if config.theme_folder is not None and config.theme_folder.is_dir():
        for path, line, message, hint in theme_template_problems(config.theme_folder):
            problems.error(
                Location(path_as_in_settings(path, root), line=line),
                f"dit sjabloon van het thema geeft een fout: {message}.",
                hint=hint,
            )
    if output_folder and not replaceable(config.output_dir):  # `build --out` writes elsewhere
        problems.warning(
            Location(CONFIG_FILE),
            f"de uitvoermap {config.output_dir} bestaat al en is niet door verantwoord gemaakt: build vervangt hem "
            "niet en stopt.",
            hint="kies bij 'uitvoer' een nieuwe of lege map, of verwijder de map zelf.",
        )
    # Documents may share their texts: each folder is read once.
    unread: set[str] = set()  # texts there but with a problem, reported at the file
    texts_of = {folder: read_texts(folder, problems, unread) for folder in dict.fromkeys(c.texts_dir for c in configs)}
    images_of = {folder: read_images(texts, folder, root, problems) for folder, texts in texts_of.items()}
    theme_statement = _theme_own_statement(config)
    draft_shown = config.language if theme_statement is None else None
    statements_of = _statement_texts(list(texts_of), root, images_of, problems, draft_shown)
    if (written := next(filter(None, statements_of.values()), None)) is not None and theme_statement is not None:
        _theme_leaves_out_statement(theme_statement, written, root, problems)
    for statement in {id(text): text for text in statements_of.values() if text is not None}.values():
        _check_statement_language(statement, config.language, problems)
    tables, workbook_time = read_export(config.export_path, problems) if config.export_path.exists() else ({}, None)
    section_numbers = {t.number for texts in texts_of.values() for t in texts if not t.is_chapter}
    chapter_numbers = {t.number for texts in texts_of.values() for t in texts if t.is_chapter}
    _check_section_settings(configs, texts_of, section_numbers, chapter_numbers, unread, problems)
    indicator_table = export_sheet(tables, INDICATOR_SHEET, config.export_path, problems)
    value_table = export_sheet(tables, VALUE_SHEET, config.export_path, problems)
    indicators = (
        read_indicators(indicator_table, section_numbers, problems, unread, chapter_numbers, value_table)
        if indicator_table
        else []
    )
    for record in indicators:
        if record.explanation_location is not None:
            check_explanation_images(record.explanation, record.explanation_location, problems)
    ids = [record.id for record in indicators]
    named = sheet_ids(indicator_table)
    rejected: set[str] = set()  # indicators with a value row that has an error
    decimals = {record.id: record.decimals for record in indicators}
    values = read_values(value_table, ids, problems, named, rejected, decimals) if value_table else []
    ids_in = indicator_table.words.indicators if indicator_table else ""  # without the table, no id is compared
    measured = read_results(root, named, problems, ids_in)
    if (declared := check_definitions(root, named, problems, ids_in, raw_data)) is not None:
        _check_measured_as_declared(declared, measured, config.language, problems)
    values = merge_measured(values, measured, ids, problems)
    # A sheet that could not be read, or values that could not be (a column missing): what the tables then show
    # is not checked against the settings, as it follows from those errors.
    values_unread = not (indicator_table and value_table) or (not values and _has_errors(value_table, problems))
    check_documents(configs, indicators, values, problems, rejected, values_unread)
    _check_percent_scale(indicators, values, problems)
    previous = (
        _previous_figures(config.previous_export, root, values, problems) if config.previous_export else Restated()
    )
    export_time = config.export_time or workbook_time
    if export_time is None and tables:  # an export that is missing or cannot be read has an error of its own
        problems.warning(
            Location(config.export_path.name),
            "het moment van de export is onbekend; de voettekst noemt het daarom niet.",
            hint="zet het moment bij 'export.tijd' in verantwoord.yaml.",
        )
    digests = [export_digest(config.export_path), *([export_digest(root / RESULTS_FILE)] if measured else [])]
    export = Export(
        files=(config.export_path.name, *([RESULTS_FILE] if measured else [])),
        time=export_time,
        digests=tuple(d for d in digests if d is not None) if None not in digests else (),  # only a file gone since
    )
    # An indicator without values is worth a warning, but not while Waarden has errors: rejected rows, a row split at
    # a comma or a sheet that could not be read explain it. Said once those are mended, if still so.
    without = {record.id for record in indicators} - {record.indicator for record in values}
    if without and (value_table is None or _has_errors(value_table, problems)):
        without = set()
    values_in = value_table.words.values if value_table else ""  # without values is said only with the table
    documents = []
    for document_config in configs:
        texts = texts_of[document_config.texts_dir]
        statement = statements_of[document_config.texts_dir]
        chapters = _chapters(texts, indicators, values, without, values_in, previous, problems, unread)
        documents.append(
            document := Document(
                kind=document_config.kind,
                year=document_config.year,
                organisation=document_config.organisation,
                title=document_config.title,
                chapters=chapters,
                layout=document_config.layout,
                section_layouts=document_config.section_layouts,
                export=export,
                language=document_config.language,
                images=images_of[document_config.texts_dir],
                statement=_statement(statement),
                licence=document_config.licence,
            )
        )
        _check_links(document, document_config, texts, indicators, problems, statement)
        _check_language_marks(texts, indicators, problems)
        _check_unrendered(texts, indicators, problems)
        _check_example_texts(texts, indicators, problems)
        _check_footnotes(texts, indicators, problems)
    problems.drop_repeats()
    if problems.errors or (strict and problems.warnings):
        raise InvalidProject(problems, strict=strict)
    return Project(tuple(configs), tuple(documents), list(problems))


def _check_section_settings(
    configs: list[Config],
    texts_of: dict[Path, list[TextFile]],
    sections: set[str],
    chapters: set[str],
    unread: set[str],
    problems: Problems,
) -> None:
    """A `paragrafen` entry for a section that has no text: a typo, or a chapter. A document's own entry is checked
    against its own texts; a shared one against every document's (a budget and an annual report need not have the
    same sections)."""
    for config in configs:
        own = config.sections_prefix is not None and len(configs) > 1
        texts = texts_of[config.texts_dir]
        have = {t.number for t in texts if not t.is_chapter} if own else sections
        heads = {t.number for t in texts if t.is_chapter} if own else chapters
        prefix = config.sections_prefix if own else ""
        for number in sorted(set(config.section_layouts) - have - unread):
            where = Location(CONFIG_FILE, line=config.section_lines.get(number))
            if number in heads:  # '4' has its text 4.md, but a chapter shows no indicators
                problems.warning(
                    where,
                    f"{prefix}'paragrafen' geeft een tabel voor {number}, maar dat is een hoofdstuk: alleen "
                    "paragrafen hebben indicatoren.",
                    hint=f"zet de tabel bij elke paragraaf van hoofdstuk {number} die hem nodig heeft, zoals "
                    f'"{number}.1".',
                )
                continue
            problems.warning(
                where,
                f"{prefix}'paragrafen' geeft een tabel voor paragraaf {number}, maar die paragraaf heeft geen tekst"
                f"{' in dit document' if own else ''}.",
                hint="kijk of het nummer klopt: het is het nummer van het tekstbestand, zoals 4.1 voor 4.1.md.",
            )


def _has_errors(table: Table, problems: Problems) -> bool:
    """Whether a sheet (or file) of the export has errors: rows rejected, a row split at a comma, a column missing."""
    sheet = table.location
    return any((p.location.file, p.location.sheet) == (sheet.file, sheet.sheet) for p in problems.errors)


def _check_links(
    document: Document,
    config: Config,
    texts: list[TextFile],
    indicators: list[IndicatorRecord],
    problems: Problems,
    statement: TextFile | None = None,
) -> None:
    """Links in the texts, the accessibility statement and the indicators' explanations to a page or file the site
    will not have, or to an indicator (#ind-<id>) that the page they lead to does not show: a warning at the link's
    line or cell."""
    paths = site_paths(document, pdf=config.pdf, search=config.search)
    on_pages = indicator_pages(document)
    pdf = pdf_name(document)
    sources = {text.number: text for text in texts}
    pages = {}
    written = [(sources[number], page, markdown) for number, page, markdown in texts_with_pages(document)]
    if statement is not None:
        written.append((statement, STATEMENT_PATH, statement.body))
    for source, page, markdown in written:
        pages[source.number] = page
        for link in broken_links(markdown, page, paths):
            at = written_at(source.body, link.href)
            line = source.line_at(at) if at >= 0 else None
            _broken_link(Location(source.location.file, line=line), link, page, pdf, config, problems)
        for dead in dead_indicator_links(markdown, page, on_pages):
            at = written_at(source.body, dead.href)
            line = source.line_at(at) if at >= 0 else None
            _dead_indicator_link(Location(source.location.file, line=line), dead, page, on_pages, problems)
    for record in indicators:  # an explanation stands under its table, on its section's page
        if record.explanation_location is not None and record.section in pages:
            page = pages[record.section]
            for link in broken_links(record.explanation, page, paths):
                _broken_link(record.explanation_location, link, page, pdf, config, problems)
            for dead in dead_indicator_links(record.explanation, page, on_pages):
                _dead_indicator_link(record.explanation_location, dead, page, on_pages, problems)


LANGUAGE_NAMES = {"nl": "Nederlands", "en": "Engels"}
"""The languages of a site, as a message names them ("in het Engels")."""


def _check_measured_as_declared(
    declared: Definitions, measured: list[MeasuredValue], language: str, problems: Problems
) -> None:
    """metingen/uitkomsten.csv as `verantwoord measure` wrote it from metingen.yaml as it is now: a definition
    changed since (binnen: 25 became 15) was published with the old figures and the old method, without a word.
    Before the first measurement there is nothing to compare, but the site would show 'geen cijfer' without a
    reason in every measured cell (beside the targets of the export): that is said once."""
    if not measured and not (declared.path.parent / RESULTS_FILE).exists():  # one there has problems of its own
        if declared.indicators:
            problems.warning(
                Location(DEFINITIONS_FILE),
                f"de indicatoren in metingen.yaml zijn nog niet gemeten: er is geen {RESULTS_FILE}.",
                hint="meet met 'verantwoord measure'; tot dan staat er 'geen cijfer' zonder reden in hun tabellen.",
            )
        return
    if not measured and any(problem.location.file == RESULTS_FILE for problem in problems.errors):
        return  # its errors say why none of its figures were read: not that nothing was measured
    methods: dict[str, set[str]] = {}
    for value in measured:
        # A period declared not measured has no measurement, and no method: the indicator was measured all the same.
        method = methods.setdefault(value.indicator, set())
        if value.value.measurement is not None:
            method.add(value.value.measurement.method)
    for definition in declared.indicators:
        location = Location(DEFINITIONS_FILE, line=definition.line)
        if definition.indicator not in methods:
            problems.warning(
                location,
                f"'{definition.indicator}' is nog niet gemeten: {RESULTS_FILE} heeft er geen cijfers van.",
                hint="meet met 'verantwoord measure'.",
            )
        elif (stored := {current_wording(method, definition.format) for method in methods[definition.indicator]}) - {
            definition.method(language)
        }:
            other = next((other for other in LANGUAGE_NAMES if stored == {definition.method(other)}), None)
            if other is not None:
                problems.warning(
                    location,
                    f"'{definition.indicator}' is gemeten voor een website in het {LANGUAGE_NAMES[other]}: "
                    f"{RESULTS_FILE} noemt de methode in die taal, en de website is in het {LANGUAGE_NAMES[language]}.",
                    hint="meet opnieuw met 'verantwoord measure', zodat de methode in de taal van de website onder de "
                    "tabel staat.",
                )
                continue
            problems.warning(
                location,
                f"de definitie van '{definition.indicator}' is veranderd sinds de meting: {RESULTS_FILE} noemt "
                f"'{sorted(methods[definition.indicator])[0]}', metingen.yaml nu '{definition.method(language)}'.",
                hint="meet opnieuw met 'verantwoord measure', zodat de website de cijfers van deze definitie toont.",
            )


def _check_language_marks(texts: list[TextFile], indicators: list[IndicatorRecord], problems: Problems) -> None:
    """A mark [..]{lang=..} that is not read stands on the page as written: a warning at its line or cell."""
    for text in texts:
        for mark in language_marks_in_title(text.title):
            problems.warning(
                text.location,
                f"de taalmarkering '{mark}' in de titel wordt niet gelezen en komt zo op de pagina te staan.",
                hint="een titel is gewone tekst, ook in het tabblad van de browser en in de inhoudsopgave: schrijf de "
                "woorden zonder markering.",
            )
        for at, mark in unread_language_marks(text.body):
            _unread_mark(Location(text.location.file, line=text.line_at(at)), mark, problems)
    for record in indicators:
        if record.explanation_location is not None:
            for _, mark in unread_language_marks(record.explanation, line_breaks=True):
                _unread_mark(record.explanation_location, mark, problems)


def _check_footnotes(texts: list[TextFile], indicators: list[IndicatorRecord], problems: Problems) -> None:
    """A footnote whose reference and note do not match: a warning at its line or cell."""
    for text in texts:
        for at, label, problem in unmatched_footnotes(text.body):
            _unmatched_footnote(Location(text.location.file, line=text.line_at(at)), label, problem, problems)
    for record in indicators:
        if record.explanation_location is not None:
            for _, label, problem in unmatched_footnotes(record.explanation, line_breaks=True):
                _unmatched_footnote(record.explanation_location, label, problem, problems)


def _unmatched_footnote(location: Location, label: str, problem: FootnoteProblem, problems: Problems) -> None:
    if problem == "no_footnote":
        problems.warning(
            location,
            f"de verwijzing {label} heeft geen voetnoot: de lezer ziet '{label}' als tekst.",
            hint=f"zet de voetnoot onder de tekst, op een regel van zichzelf: '{label}: De tekst van de noot.'",
        )
    elif problem == "not_referenced":
        problems.warning(
            location,
            f"de voetnoot {label} wordt niet getoond: in de tekst staat geen verwijzing {label}.",
            hint=f"zet {label} achter het woord of de zin waar de voetnoot bij hoort, of haal de voetnoot weg.",
        )
    else:
        problems.warning(
            location,
            f"er staan twee voetnoten {label}: de verwijzingen {label} leiden naar de eerste.",
            hint="geef elke voetnoot een eigen label, zoals [^1] en [^2].",
        )


def _check_unrendered(texts: list[TextFile], indicators: list[IndicatorRecord], problems: Problems) -> None:
    """Raw HTML and refused links in a text or explanation: the reader saw '<iframe …>' as text, or a link's words
    without the link, and nobody was told. One warning per text, at the first."""
    for text in texts:
        found = written_but_not_rendered(text.body)
        if found:
            _unrendered(Location(text.location.file, line=text.line_at(found[0][0])), found, problems)
    for record in indicators:
        if record.explanation_location is not None and (found := written_but_not_rendered(record.explanation)):
            _unrendered(record.explanation_location, found, problems)


def _statement_texts(
    folders: list[Path],
    root: Path,
    images_of: dict[Path, tuple[Image, ...]],
    problems: Problems,
    draft_shown: str | None = "nl",
) -> dict[Path, TextFile | None]:
    """The accessibility statement of each folder of texts: its own `toegankelijkheid.md`, or else the one in the
    folder above it, where documents that keep their texts in folders of their own (tekst/begroting-2024) share one.
    The images it shows are added to the folder's (`images_of`). Without one the site shows verantwoord's draft,
    in the language `draft_shown`, which is a warning; None: a theme's statement.html of its own is the statement."""
    read: dict[Path, tuple[TextFile | None, tuple[Image, ...]]] = {}  # each folder read once, shared or not
    statements: dict[Path, TextFile | None] = {}
    for folder in folders:
        found = None
        for place in (folder, folder.parent) if folder.parent != root else (folder,):
            if place not in read:
                text = read_statement(place, problems)
                if text is not None:
                    _check_statement(text, problems)
                read[place] = (text, read_images([text], place, root, problems) if text is not None else ())
            found, images = read[place]
            if found is not None:
                images_of[folder] += images
                break
        statements[folder] = found
    without = [folder for folder, found in statements.items() if found is None]
    if without and draft_shown is not None:
        # One file serves every document whose texts are in a folder of its own: the one in the folder above.
        place = without[0].parent if without[0].parent != root else without[0]
        draft = translator(draft_shown)("statement_draft").split(":")[0]  # the word the reader sees: Concept, Draft
        problems.warning(
            Location(path_as_in_settings(place / STATEMENT_FILE, root)),
            f"er is geen toegankelijkheidsverklaring: de website toont de aanzet van verantwoord, met '{draft}' "
            "erboven.",
            hint="zet de verklaring van uw organisatie in dit bestand; docs/eerste-project.md zegt hoe "
            "('De toegankelijkheidsverklaring').",
        )
    return statements


def _theme_own_statement(config: Config) -> Path | None:
    """The theme's statement.html when it makes the statement page without `document.statement`: its own text, made
    before the statement could be written as a text (`tekst/toegankelijkheid.md`)."""
    template = config.theme_folder / "statement.html" if config.theme_folder is not None else None
    if template is None or not template.is_file():
        return None
    try:
        shows = "document.statement" in template.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # the theme's templates are checked on their own
    return None if shows else template


def _theme_leaves_out_statement(template: Path, written: TextFile, root: Path, problems: Problems) -> None:
    """A theme's own statement.html would leave the written statement out without a word."""
    problems.warning(
        Location(path_as_in_settings(template, root)),
        f"dit sjabloon van het thema maakt de toegankelijkheidsverklaring en toont {written.location.file} niet.",
        hint="toon hem in het sjabloon met {{ document.statement.title }} en "
        "{{ markdown(document.statement.text) | safe }}, of haal het sjabloon weg.",
    )


def _statement(text: TextFile | None) -> Statement | None:
    return None if text is None else Statement(text.title, text.body, draft=STATEMENT_TO_DO in text.body)


def _check_statement(statement: TextFile, problems: Problems) -> None:
    """The parts of the accessibility statement that `verantwoord new` left to fill in, and what a text may not
    have. The statement is a legal duty of a public body's website; a draft of it is no statement."""
    _check_unrendered([statement], [], problems)
    lines = [statement.line_at(found.start()) for found in re.finditer(re.escape(STATEMENT_TO_DO), statement.body)]
    if lines:
        where = f"regel {lines[0]}" if len(lines) == 1 else f"regels {', '.join(map(str, lines[:-1]))} en {lines[-1]}"
        problems.warning(
            Location(statement.location.file, line=lines[0]),
            f"de toegankelijkheidsverklaring heeft nog {len(lines)} {'deel' if len(lines) == 1 else 'delen'} om aan "
            f"te vullen ({where}).",
            hint=f"vul ze in en haal '{STATEMENT_TO_DO}' weg; toegankelijkheidsverklaring.nl zegt wat erin hoort.",
        )


def _check_statement_language(statement: TextFile, language: str, problems: Problems) -> None:
    """The statement `new` writes is Dutch: on a site in another language its reader met it, Dutch, under that
    language's headings and footer, where without the file verantwoord's own draft in that language stands."""
    if language == "nl" or (statement.title != STATEMENT_TITLE and STATEMENT_TO_DO not in statement.body):
        return
    problems.warning(
        statement.location,
        "de toegankelijkheidsverklaring is nog de Nederlandse die 'verantwoord new' schreef, en de website is in het "
        f"{LANGUAGE_NAMES[language]}: de lezer krijgt haar in het Nederlands.",
        hint=f"vertaal haar in het {LANGUAGE_NAMES[language]}. Zonder {statement.location.file} toont de website de "
        f"aanzet van verantwoord in het {LANGUAGE_NAMES[language]}, als concept: ook daarvoor waarschuwt check.",
    )


def _check_example_texts(texts: list[TextFile], indicators: list[IndicatorRecord], problems: Problems) -> None:
    """The texts `verantwoord new` wrote to be replaced, still there: they passed check (and --strict) and were
    published ("Vervang deze voorbeeldindicator door uw eigen indicatoren.")."""
    hint = "vervang de voorbeeldtekst door uw eigen tekst."
    for text in texts:
        for sentence in EXAMPLE_TEXTS:
            if (at := text.body.find(sentence)) >= 0:
                problems.warning(
                    Location(text.location.file, line=text.line_at(at)),
                    "hier staat nog de voorbeeldtekst van 'verantwoord new'.",
                    found=sentence,
                    hint=hint,
                )
    for record in indicators:
        if any(sentence in record.explanation for sentence in EXAMPLE_TEXTS):
            problems.warning(
                record.location,
                f"de indicator '{record.id}' is nog de voorbeeldindicator van 'verantwoord new'.",
                hint="vervang hem door uw eigen indicatoren, en zijn waarden in het blad Waarden ook.",
            )


def _unrendered(location: Location, found: list[tuple[int, str, str]], problems: Problems) -> None:
    _, kind, written = found[0]
    shown = written if len(written) <= 80 else written[:79] + "…"
    others = len(found) - 1
    places = "plek" if others == 1 else "plekken"
    more = f" (en nog {others} {places} met HTML of zo'n link in deze tekst)" if others else ""
    if kind == "html":
        problems.warning(
            location,
            f"de HTML '{shown}' wordt niet uitgevoerd maar als gewone tekst getoond{more}.",
            hint="schrijf de opmaak in Markdown (**vet**, [tekst](https://…), een tabel met |), of haal de HTML weg.",
        )
    else:
        problems.warning(
            location,
            f"de link naar '{shown}' wordt weggelaten: alleen de tekst ervan komt op de pagina{more}.",
            hint="een link gaat naar een adres dat begint met https://, of naar een pagina of bestand van de website.",
        )


def _unread_mark(location: Location, mark: str, problems: Problems) -> None:
    problems.warning(
        location,
        f"de taalmarkering '{mark}' wordt niet gelezen en komt zo op de pagina te staan.",
        hint="zet alleen gewone tekst tussen de haken en een taalcode achter lang=, zoals [Smart City]{lang=en}.",
    )


def _broken_link(location: Location, link: Link, page: str, pdf: str, config: Config, problems: Problems) -> None:
    if link.target == pdf and not config.pdf:
        problems.warning(
            location,
            f"de link '{link.href}' leidt naar de PDF, maar die wordt alleen gemaakt met 'pdf: ja'.",
            hint="zet 'pdf: ja' in verantwoord.yaml, of bouw altijd met 'verantwoord build --pdf'.",
        )
        return
    up = "../" * page.count("/")
    problems.warning(
        location,
        f"de link '{link.href}' leidt naar een pagina of bestand dat deze website niet heeft.",
        hint=f"een link binnen de website gaat uit van de pagina waar hij staat ({page or 'de beginpagina'}): "
        f"'{up or './'}' is de beginpagina, '{up}open-data/indicatoren.csv' de open data.",
    )


def _dead_indicator_link(
    location: Location,
    link: IndicatorLink,
    page: str,
    indicators: IndicatorPages,
    problems: Problems,
) -> None:
    """A link to an indicator that its page does not show: the id mistyped, or the indicator on another page."""
    there = "deze pagina" if link.target == page else f"die pagina ({link.target or 'de beginpagina'})"
    pages = indicators.pages
    everywhere = {id: place for ids in pages.values() for id, place in ids.items()}
    written = f"#{link.indicator}" if link.without_prefix else f"#ind-{link.indicator}"
    if (close := _meant_id(link.indicator, pages[link.target])) is not None:
        hint = f"bedoelt u '{link.href.replace(written, f'#ind-{close}', 1)}'?"
    elif (other := _meant_id(link.indicator, everywhere)) is not None:
        place = everywhere[other]
        href = f"{'../' * page.count('/') + place.page if place.page != page else ''}#ind-{other}"
        hint = f"de indicator '{other}' staat in paragraaf {place.section}: link vanaf deze pagina naar '{href}'."
    else:
        hint = (
            "een link naar een indicator is #ind- met de id van de indicator erachter, op de pagina van zijn paragraaf."
        )
    if link.without_prefix:
        message = (
            f"de link '{link.href}' leidt naar geen plek op {there}: het anker van een indicator is #ind- met zijn "
            "id erachter, en de link opent de pagina bovenaan."
        )
    else:
        message = (
            f"de link '{link.href}' leidt naar indicator '{link.indicator}', maar die staat niet op {there}: de "
            "link opent de pagina bovenaan."
        )
    problems.warning(location, message, hint=hint)


def _meant_id(written: str, known: Collection[str]) -> str | None:
    """The id among `known` that `written` is, but for its capitals (an anchor is found by its exact id), or that it
    is a typo of."""
    same = [id for id in known if id.lower() == written.lower()]
    return same[0] if same else similar_id(written, known)


def _check_series_spelling(values: list[ValueRecord], problems: Problems) -> None:
    """'Nederland' and 'nederland' made two rows (and two equal ids), each with half the figures."""
    first: dict[str, ValueRecord] = {}
    told: set[str] = set()
    columns: dict[int, int] = {}  # the column reeks, by table

    def cell(record: ValueRecord) -> Location:
        table = record.table
        if id(table) not in columns:
            columns[id(table)] = (map_columns(table, VALUE_COLUMNS, Problems()) or {}).get("reeks", record.column)
        return table.locate(record.row, columns[id(table)])

    for record in values:
        series = record.value.series
        if not series or not isinstance(record, ValueRecord):
            continue
        known = first.setdefault(series.casefold(), record)
        if known.value.series != series and series not in told:
            told.add(series)
            problems.warning(
                cell(record),
                f"de reeks '{series}' heet elders '{known.value.series}' ({cell(known)}): dat zijn nu twee "
                "reeksen, elk met een deel van de cijfers.",
                found=series,
                hint=f"schrijf de naam overal hetzelfde: '{known.value.series}'.",
            )


def check_documents(
    configs: list[Config],
    indicators: list[IndicatorRecord],
    values: list[ValueRecord],
    problems: Problems,
    rejected: Collection[str] = (),
    unread: bool = False,
) -> None:
    """Check the figures against each document; with several, report what holds for every one of them.

    A budget does not show last year's realisation that the annual report shows: a figure is only
    unshown (or impossible) when no document can show it. Problems are matched by their place.
    What rejected rows would have shown is not said to be missing, as it follows from their own errors: a figure of
    an indicator with a `rejected` value row (a comparison figure beside a rejected realisation) is not said to
    stand in no column, and with the values `unread`, no series of the settings is said to have no figures.
    """
    _check_series_spelling(values, problems)
    words = next((record.table.words for record in values if isinstance(record, ValueRecord)), None)
    look_up = f"kijk {words.in_column} 'reeks' van {words.values} hoe ze heet." if words else None
    # A column of one document's tables is reported for that document; one they all have (a shared setting), once.
    unknown = [_unknown_series(document_config, values) for document_config in configs]
    for number, found in enumerate([] if unread else unknown, 1):
        for key, series, close in found:
            shared = all((key, series, close) in other for other in unknown)
            if shared and number > 1:
                continue
            prefix = "" if shared else f"documenten, document {number}: "
            problems.warning(
                Location(CONFIG_FILE),
                f"{prefix}'{key}.kolommen' noemt de reeks '{series}', maar geen cijfer in de export hoort bij die "
                "reeks: de kolom toont alleen 'geen cijfer'.",
                hint=f"bedoelt u '{close}'?" if close else look_up,
            )
    if len(configs) == 1:
        _check_periods(configs[0], indicators, values, problems, rejected)
        return
    found = []
    for document_config in configs:
        own = Problems()
        _check_periods(document_config, indicators, values, own, rejected)
        found.append(own)
    everywhere = set.intersection(*({p.location for p in own} for own in found))
    # Where one document cannot have a figure (a realisation after its year) and another only does not show it, the
    # figure is not wrong: the milder problem is the one that holds for every document.
    errors_everywhere = set.intersection(*({p.location for p in own.errors} for own in found))
    milder = {}
    for own in found[1:]:
        for problem in own:
            if problem.location not in errors_everywhere and problem.severity is not Severity.ERROR:
                milder.setdefault(problem.location, problem)
    told: set[Location] = set()
    for problem in found[0]:
        if problem.location not in everywhere:
            continue
        if problem.severity is Severity.ERROR and problem.location not in errors_everywhere:
            if problem.location not in told:
                told.add(problem.location)
                problems.append(milder[problem.location])
            continue
        problems.append(problem)


def _previous_figures(path: Path, root: Path, values: list[ValueRecord], problems: Problems) -> Restated:
    """The figures of the previous publication that differ from this export's, by indicator, period, kind, series.

    The previous export is read and validated like a `diff`'s; its errors are this build's errors.
    """
    try:
        contents = read_contents(path)
    except InvalidProject as error:
        # Its file has the same name as this export's, often: name it as the config does.
        label = path_as_in_settings(path, root)
        problems.extend(
            replace(p, location=replace(p.location, file=label)) if p.location.file == path.name else p
            for p in error.problems
        )
        return Restated()
    before = {_value_key(record): (record.indicator, record.value) for record in contents.values}
    changed = Restated()
    for record in values:
        key = _value_key(record)
        _, old = before.pop(key, (None, None))
        if old is not None and exact(old.figure) != exact(record.value.figure):
            if isinstance(old.figure, NoFigure) and isinstance(record.value.figure, NoFigure):
                continue  # only the reason changed: no figure was restated, and its note gives the new reason
            if _same_amount(old.figure, record.value.figure):
                continue  # 12,40 now written 12,4: the same figure, restated nowhere (`diff` names it)
            changed.figures[key] = old.figure
    # A figure the previous publication had and this export has not (the row was deleted) is withdrawn: shown as
    # 'geen cijfer' with what it was, as when its cell was emptied, not left out without a word.
    for indicator, old in before.values():
        if not isinstance(old.figure, NoFigure):
            withdrawn = Value(old.period, old.kind, NoFigure(), old.series, previous=old.figure, withdrawn=True)
            changed.withdrawn.setdefault(indicator, []).append(withdrawn)
    return changed


def _same_amount(before: Figure, now: Figure) -> bool:
    match before, now:
        case Number(old), Number(new):
            return old == new
        case Range(old_low, old_high), Range(new_low, new_high):
            return old_low == new_low and old_high == new_high
    return False


@dataclass
class Restated:
    """What the previous publication showed differently: the figures it had (by `_value_key`), and the values it had
    that this export has not, by indicator."""

    figures: dict[tuple, Figure] = field(default_factory=dict)
    withdrawn: dict[str, list[Value]] = field(default_factory=dict)


def _value_key(record: ValueRecord) -> tuple:
    """A value's place; its series in any case: Landelijk in this export is landelijk in the previous one."""
    return record.indicator, record.value.period, record.value.kind, record.value.series.casefold()


def build_project(
    path: Path | str,
    output: Path | str | None = None,
    *,
    strict: bool = False,
    pdf: bool | None = None,
    progress: Progress | None = None,
    pdf_progress: Progress | None = None,
) -> BuildResult:
    """Load, validate and build the project's site; nothing is written when the input has problems.

    `pdf` overrides the project's `pdf` setting when given. Each PDF is made in a process of its own
    while the site is written; the site is swapped in without waiting for it, and this waits for both.
    `progress` hears of the pages written, `pdf_progress` of the PDF's parts made (done, total).
    """
    started = time.perf_counter()
    project = load_project(path, strict=strict)
    target = Path(output) if output is not None else project.config.output_dir
    sites = document_sites(project, pdf)
    built_at = build_time()
    folder = target.resolve()
    jobs: dict[str, PdfJob] = {}
    try:
        for site in sites:
            if site.options.pdf_name:
                jobs[site.folder] = start_pdf(
                    site.document, site.options, built_at, folder / site.folder / site.options.pdf_name, folder.parent
                )
        pages = write_sites(sites, target, built_at, progress)
    except BaseException:
        for job in jobs.values():
            job.cancel()
        raise
    site_seconds = time.perf_counter() - started
    return BuildResult(project, target, pages, site_seconds, _wait_for_pdfs(jobs, sites, folder, pdf_progress))


def _wait_for_pdfs(
    jobs: dict[str, PdfJob], sites: list[DocumentSite], output: Path, progress: Progress | None
) -> tuple[PdfResult, ...]:
    """Wait for every PDF; one that could not be made loses its links, and BuildFailed names each, at the end."""
    results, failures = [], []
    try:
        for site in sites:
            if site.folder not in jobs:
                continue
            try:
                results.append(jobs[site.folder].wait(progress))
            except BuildFailed as error:
                failures.append(str(error))
                linked, unwritten = _unlink_pdf(output, site)
                if unwritten:
                    more = f" en {len(unwritten) - 3} andere" if len(unwritten) > 3 else ""
                    failures.append(
                        f"De link naar die PDF kon niet uit alle pagina's worden gehaald ({unwritten[0][1]}): "
                        f"{', '.join(page for page, _ in unwritten[:3])}{more}; kijk of de schijf vol is en bouw "
                        "opnieuw."
                    )
                if linked:
                    more = f" en {len(linked) - 3} andere" if len(linked) > 3 else ""
                    failures.append(
                        f"Deze pagina's linken nog naar die PDF, in de opmaak van het eigen thema: "
                        f"{', '.join(linked[:3])}{more}; maak de PDF opnieuw, of haal de link uit het thema."
                    )
    except BaseException:  # interrupted: the other PDFs stop too, or the exit would wait for them
        for job in jobs.values():
            job.cancel()
        raise
    if failures:
        raise BuildFailed(" ".join(failures))
    return tuple(results)


def _way_up(page: Path, root: Path, options: SiteOptions) -> str:
    """How `page` links to the site's root: up from where it stands, or, the 404 page shown at any address, from the
    site's folder on the server (`website.adres`)."""
    if page == root / NOT_FOUND and options.address is not None:
        return urlsplit(options.address).path
    return "../" * (len(page.relative_to(root).parts) - 1)


def _unlink_pdf(output: Path, site: DocumentSite) -> tuple[list[str], list[tuple[str, str]]]:
    """Take the links to a PDF that is not there out of the site's pages and the portal above them.

    Returns the pages (relative to `output`) that still link to it: a theme's own templates may write the link
    in another way, and then the user must hear of it; and the pages that could not be written (a full disk),
    each with the reason.
    """
    name, language = str(site.options.pdf_name), site.document.language
    root = output / site.folder
    pages = [(page, _way_up(page, root, site.options), name) for page in sorted(root.rglob("*.html"))]
    if site.folder:
        pages.insert(0, (output / "index.html", "", f"{site.folder}/{name}"))
    linked, unwritten = [], []
    for page, up, path in pages:
        try:
            restamp_file(page, pdf_link_html(up + path, language).encode(), b"")
            content = page.read_bytes()
        except OSError as error:  # the others may still be written; the user hears of this one
            unwritten.append((page.relative_to(output).as_posix(), error.strerror or str(error)))
            continue
        # Any other link to it: an href ending in its path, however the theme wrote the rest.
        if re.search(rb"""href=["'][^"']*""" + re.escape(str(escape(path)).encode()) + rb"""["']""", content):
            linked.append(page.relative_to(output).as_posix())
    return linked, unwritten


def document_sites(project: Project, pdf: bool | None = None) -> list[DocumentSite]:
    """Each document with its folder in the output and its site options, as `build_project` builds them.

    `pdf` overrides the project's `pdf` setting when given.
    """
    if len(project.documents) == 1:
        config = project.config
        options = site_options(config, config.pdf if pdf is None else pdf, project.document)
        return [DocumentSite("", project.document, options)]
    return [
        DocumentSite(
            config.folder,
            document,
            replace(
                site_options(config, config.pdf if pdf is None else pdf, document),
                related=_related(project, config.folder),
                portal=True,
            ),
        )
        for config, document in zip(project.configs, project.documents, strict=True)
    ]


def write_sites(
    sites: list[DocumentSite], output: Path, built_at: datetime, progress: Progress | None = None
) -> list[Path]:
    """Write the sites of `document_sites` to `output`, replacing what was there only on success."""
    if len(sites) == 1 and not sites[0].folder:
        return build_site(sites[0].document, output, sites[0].options, built_at=built_at, progress=progress)
    return build_sites(sites, output, built_at=built_at, progress=progress)


def _related(project: Project, folder: str) -> tuple[RelatedDocument, ...]:
    """The other documents of the project, with where each shows each of its indicators."""
    related = []
    for config, document in zip(project.configs, project.documents, strict=True):
        if config.folder == folder:
            continue
        pages = {
            indicator.id: f"{chapter.slug}/{section.slug}/"
            for chapter in document.chapters
            for section in chapter.sections
            for indicator in section.indicators
        }
        related.append(RelatedDocument(document.title, config.folder, pages))
    return tuple(related)


def site_options(config: Config, pdf: bool, document: Document) -> SiteOptions:
    theme = Theme(folder=config.theme_folder, logo=config.logo, colour=config.colour, font=config.font)
    return SiteOptions(
        datetime_format=config.datetime_format,
        search=config.search,
        theme=theme,
        pdf_name=pdf_name(document) if pdf else None,
        address=f"{config.address}{config.folder}/" if config.address and config.folder else config.address,
    )


def _unknown_series(config: Config, values: list[ValueRecord]) -> list[tuple[str, str, str]]:
    """The comparison series in a `kolommen` setting that no figure of the export has, most likely misspelt
    ('reeks Nederlnd'): (setting, series, the known series it is closest to or ""). Such a column shows only
    'geen cijfer'."""
    known = sorted({record.value.series for record in values if record.value.series})
    layouts = [("tabel", config.layout)] + [
        (_table_key(config, number), layout) for number, layout in config.section_layouts.items()
    ]
    found, reported = [], set(known)  # a section's settings take the document's columns unless they name their own
    for key, layout in layouts:
        named = {c.series for c in layout.columns if c.what is ColumnKind.SERIES and c.series}
        for series in sorted(named - reported):
            reported.add(series)
            found.append((key, series, next(iter(difflib.get_close_matches(series, known, n=1)), "")))
    return found


def _check_periods(
    config: Config,
    indicators: list[IndicatorRecord],
    values: list[ValueRecord],
    problems: Problems,
    rejected: Collection[str] = (),
) -> None:
    """Figures that cannot be right for this document are errors; figures it will not show are warnings (not those
    of an indicator with `rejected` rows: see `check_documents`)."""
    shown = _shown(config, indicators, values)
    sections = {record.id: record.section for record in indicators}
    for record, is_shown in zip(values, shown, strict=True):
        value = record.value
        if value.kind is ValueKind.REALISED and value.period.start.year <= config.year < value.period.end.year:
            # a school year 2022/23 (counted on 1 October 2022) in the report over 2022 can be right
            problems.warning(
                record.period_location,
                f"de realisatie voor {value.period.label} loopt door tot na {config.year}, het jaar van het document.",
                found=record.period_written,
                hint="klopt dit (een schooljaar, een seizoen), dan kan het zo; anders is het misschien een "
                "streefwaarde of verwachting.",
            )
        elif value.kind is ValueKind.REALISED and value.period.start.year > config.year:
            problems.error(
                record.period_location,
                f"een realisatie voor {value.period.label} kan niet in het document over {config.year} staan.",
                found=record.period_written,
                expected=f"een periode tot en met {config.year}",
                hint="is dit een streefwaarde of verwachting? Verbeter dan de soort.",
            )
        elif not is_shown and record.indicator not in rejected:
            section = sections.get(record.indicator, "")
            _warn_unshown(
                record, config.section_layouts.get(section, config.layout), _table_key(config, section), problems
            )
        if record.has_footnote_mark:
            problems.warning(
                record.location,
                "de waarde heeft een voetnootteken maar geen voetnoot.",
                hint=f"zet de tekst van de voetnoot {record.table.words.in_column} 'voetnoot'.",
            )
    _check_percent_signs(indicators, values, problems)
    _check_month_or_years(values, problems)
    decimals = {i.id: i.decimals for i in indicators if i.decimals is not None}
    for record in values:
        allowed = decimals.get(record.indicator)
        if allowed is None:
            continue
        figure = record.value.figure
        number = getattr(figure, "value", None)
        written = record.written if isinstance(record, ValueRecord) else None
        if isinstance(written, Formatted) and written.places == allowed:
            continue  # Excel shows it rounded as the table does: 83 for =250/300*100 under the format 0
        if number is not None and -number.as_tuple().exponent > allowed:
            problems.warning(
                record.location,
                f"de waarde {format_number(number)} heeft meer decimalen dan de {allowed} die de indicator toont; "
                "ze wordt afgerond.",
                hint=f"de meting rondt af op 'decimalen' uit {DEFINITIONS_FILE}, of anders op die van de werkmap toen "
                "er gemeten werd: zet ze gelijk aan de werkmap, en meet opnieuw."
                if isinstance(record, MeasuredValue)
                else "geef de indicator meer decimalen, of rond de waarde zelf af zoals ze bedoeld is.",
            )
        elif isinstance(figure, Range) and any(-b.as_tuple().exponent > allowed for b in (figure.low, figure.high)):
            # 7-7,5 with no decimals is shown as 7-8: a wider band than the one set.
            written = f"{format_number(figure.low)}-{format_number(figure.high)}"
            shown = f"{format_number(figure.low, allowed)}-{format_number(figure.high, allowed)}"
            problems.warning(
                record.location,
                f"het bereik {written} heeft meer decimalen dan de {allowed} die de indicator toont; het wordt "
                f"afgerond tot {shown}.",
                hint="geef de indicator meer decimalen, of rond het bereik zelf af zoals het bedoeld is.",
            )


_PERCENTAGE_UNIT = re.compile(r"%|procent|\bpercent(?:age)?s?\b|\bpct\b", re.IGNORECASE)
"""A unit that is a percentage: "% van de inwoners", "procent", "percentage" (many a municipality's word), "pct."."""


def _check_percent_signs(indicators: list[IndicatorRecord], values: list[ValueRecord], problems: Problems) -> None:
    """'12%' for an indicator in 'aantal' lost its sign without a word: 12 aantal was published (and 0,78 beside 78%
    under no unit at all); so did a cell Excel shows as 12%."""
    units = {i.id: i.unit for i in indicators if not _PERCENTAGE_UNIT.search(i.unit)}
    for record in values:
        unit = units.get(record.indicator)
        if unit is None or not isinstance(record, ValueRecord):  # a measured figure has no cell
            continue
        written = record.written
        named = f"'{unit}'" if unit else "leeg"
        if isinstance(written, str) and written.rstrip().endswith("%"):
            problems.warning(
                record.location,
                f"de waarde heeft een procentteken, maar de eenheid van de indicator is {named}: het teken vervalt.",
                found=written,
                hint=f"zet % {record.table.words.in_column} eenheid van de indicator, of laat het teken weg.",
            )
        elif isinstance(written, ShownAsPercentage):
            problems.warning(
                record.location,
                f"Excel toont de waarde als percentage, maar de eenheid van de indicator is {named}: gepubliceerd "
                "wordt het getal zonder procentteken.",
                found=f"{format_number(written.shown)}%",
                hint="zet % in de kolom eenheid van de indicator, of geef de cel de notatie Getal met de waarde die "
                "u bedoelt.",
            )


_ONE, _HUNDRED = Decimal(1), Decimal(100)  # compared with a Decimal faster than ints, which it converts each time


def _is_percentage(unit: str) -> bool:
    """A percentage, not a change in percentage points (%-punt, procentpunt), which may be small beside the level."""
    return bool(_PERCENTAGE_UNIT.search(unit)) and "punt" not in unit.lower()


def may_be_off_scale(unit: str, number: Decimal) -> bool:
    """Whether `_check_percent_scale` may warn of this figure, or of others because of it: only a percentage of 1 or
    less, or over 100, is ever told to be off its indicator's scale."""
    return _is_percentage(unit) and (abs(number) <= 1 or abs(number) > 100)


def _check_percent_scale(indicators: list[IndicatorRecord], values: list[ValueRecord], problems: Problems) -> None:
    """A percentage a hundred times off its indicator's other figures: 0,785 typed as a fraction beside 78 and 80
    was published as 0,785%, and 78 in a cell with the format Percentage (Excel shows 7800%) as 7.800%. Only where a
    hundred times the figure (or a hundredth) lies near the usual one: a share falling from 22 to 1,0 over the
    years is as it was entered. Across an indicator's values, so not in `check_documents`, which `serve` runs on the
    changed values alone."""
    percentages = {i.id for i in indicators if _is_percentage(i.unit)}
    # First the indicators with a figure that could be off (rare), then only their figures.
    suspect = {
        record.indicator
        for record in values
        if record.indicator in percentages
        and type(figure := record.value.figure) is Number
        and not (_ONE < figure.value <= _HUNDRED or -_HUNDRED <= figure.value < -_ONE)
        and isinstance(record, ValueRecord)
    }
    numbers: dict[str, list[ValueRecord]] = {}
    for record in values if suspect else ():
        if record.indicator in suspect and type(record.value.figure) is Number and isinstance(record, ValueRecord):
            numbers.setdefault(record.indicator, []).append(record)
    for records in numbers.values():
        if len(records) < 3:  # too few to say what the usual size is
            continue
        sizes = sorted(abs(record.value.figure.value) for record in records)
        usual = sizes[len(sizes) // 2]
        if usual == 0:
            continue
        for record in records:
            number = record.value.figure.value
            size = abs(number)
            if 0 < size <= 1 and usual / 2 <= size * 100 <= usual * 2:
                hundredfold = (number * 100).normalize()
                how = "ongeveer een honderdste van"
                question = f"is het als fractie ingevuld ({format_number(number)} voor {format_number(hundredfold)}%)?"
                hint = "vul het percentage in, zoals 78,5 voor 78,5%."
            elif size > 100 and usual / 2 <= size / 100 <= usual * 2:
                how = "ongeveer honderd keer zo groot als"
                question = "staat het in een cel met de notatie Percentage (die toont 78 als 7.800%)?"
                hint = "geef de cel de notatie Getal, of vul de fractie in (0,78 voor 78%)."
            else:
                continue
            shown = format_number(number)
            problems.warning(
                record.location,
                f"het cijfer {shown} is {how} de andere cijfers van deze indicator, die rond {format_number(usual)} "
                f"liggen: {question} Gepubliceerd wordt {shown}%.",
                hint=hint,
            )


def _check_month_or_years(values: list[ValueRecord], problems: Problems) -> None:
    """'2011-12' is December 2011 (as 2024-03 is March 2024), but beside yearly figures it is the school year
    2011/12: every school year from 2000-01 to 2011-12 reads both ways. Said unless the indicator has other months."""
    ambiguous: list[ValueRecord] = []
    with_months: set[str] = set()
    for record in values:
        period = record.value.period
        if period.start.month != period.end.month or period.start.year != period.end.year:
            continue  # a year, years or a quarter
        label = period.label
        if len(label) == 7 and label[4] == "-" and int(label[5:]) == (period.start.year + 1) % 100:
            ambiguous.append(record)
        else:
            with_months.add(record.indicator)
    for record in ambiguous:
        if record.indicator in with_months or not isinstance(record, ValueRecord):
            continue
        period = record.value.period
        problems.warning(
            record.period_location,
            f"de periode {period.label} is de maand {format_date(period.start, 'MMMM y', locale='nl')}; de "
            "indicator heeft verder geen maanden.",
            found=record.period_written,
            hint=f"bedoelt u de jaren {period.start.year} en {period.start.year + 1} (een schooljaar), schrijf dan "
            f"{period.start.year}-{period.start.year + 1}.",
        )


def _shown(config: Config, indicators: list[IndicatorRecord], values: list[ValueRecord]) -> list[bool]:
    """For each value, whether a column of its section's table layout shows it."""
    # By section, not by indicator: hashing a layout (all its periods) 12,000 times took a second.
    sections = {record.id: record.section for record in indicators}
    layouts = {number: config.section_layouts.get(number, config.layout) for number in set(sections.values())}
    keys_of = {number: fixed_keys(layout) for number, layout in layouts.items()}
    keys = {indicator: keys_of[number] for indicator, number in sections.items()}
    default = fixed_keys(config.layout)
    shown = [False] * len(values)
    by_indicator: dict[str, list[int]] = {}  # for the layouts whose columns depend on the indicator
    for index, record in enumerate(values):
        own = keys.get(record.indicator, default)
        if own is None:
            by_indicator.setdefault(record.indicator, []).append(index)
            continue
        value = record.value
        shown[index] = (value.kind, value.period, value.series) in own or (value.kind, value.period, None) in own
    for indicator, indices in by_indicator.items():
        layout = layouts[sections[indicator]] if indicator in sections else config.layout
        visible = shown_values(layout, Indicator(indicator, "", tuple(values[i].value for i in indices)))
        for index in indices:
            shown[index] = values[index].value in visible
    return shown


def _table_key(config: Config, section: str) -> str:
    """Where the table settings of `section` are: its own under `paragrafen`, or the document's."""
    return f'paragrafen."{section}".tabel' if section in config.section_layouts else "tabel"


def _warn_unshown(record: ValueRecord, layout: TableLayout, key: str, problems: Problems) -> None:
    """A figure no column of its table shows, with the setting that would show it."""
    value = record.value
    if value.series and layout.series is SeriesPlacement.COLUMNS:  # as rows, a series has the columns of the figures
        named = any(c.what is ColumnKind.SERIES and c.series == value.series for c in layout.columns)
        if named and not value.period.is_year:  # no column is a quarter or a month
            problems.warning(
                record.location,
                f"de vergelijkingsreeks '{value.series}' ({value.kind.value} {value.period.label}) staat in geen "
                "kolom van de tabel.",
                hint="een kolom per periode is er alleen voor jaren; zet de waarde op een jaar, of verwijder hem.",
            )
            return
        problems.warning(
            record.location,
            f"de vergelijkingsreeks '{value.series}' ({value.kind.value} {value.period.label}) staat in geen kolom "
            "van de tabel.",
            hint=f"'reeks {value.series}' in '{key}.kolommen' toont alleen de soort en periode van de kolom ervoor; "
            f"zet hem ook direct na een kolom '{value.kind.value} {value.period.label}', of verwijder de waarde."
            if named
            else f"zet 'reeks {value.series}' in '{key}.kolommen', direct na de kolom met de cijfers, "
            f"of kies '{key}.reeksen: rijen'; of verwijder de waarde.",
        )
        return
    what = f"de {value.kind.value} van de reeks '{value.series}'" if value.series else f"de {value.kind.value}"
    message = f"{what} voor {value.period.label} staat niet in de tabel."
    # A measured figure is not removed from metingen/uitkomsten.csv by hand, but measured for what the table shows.
    remove = (
        f"meet alleen wat de tabel toont ('jaren' en 'periode' in {DEFINITIONS_FILE})"
        if isinstance(record, MeasuredValue)
        else "verwijder de waarde"
    )
    if not value.period.is_year:  # Q3 2018, 2018-07, 2017-2018: a table's columns are years
        # 'laatste meting' shows the latest realisation, with its period; no column shows other kinds by period
        where = (
            f"'laatste meting' in '{key}.kolommen' toont het laatste cijfer met zijn periode. Of {remove}."
            if value.kind is ValueKind.REALISED
            else "zet de waarde op een jaar, of verwijder hem."
        )
        problems.warning(
            record.period_location,
            message,
            found=record.period_written,
            hint=f"een kolom per periode is er alleen voor jaren; {where}",
        )
        return
    setting = {ValueKind.REALISED: "realisatie", ValueKind.TARGET: "streefwaarde"}.get(value.kind)
    own = [c for c in layout.columns if c.what is ColumnKind.VALUES and c.kind is value.kind]
    # The setting's years show where there are no columns, or a bare 'realisatie' column takes them; columns with
    # years of their own ('realisatie 2019-2020' in kolommen) take theirs.
    if setting and (not layout.columns or any(c.from_setting for c in own)):
        expected = f"een jaar uit '{key}.{setting}'"
        hint = f"voeg het jaar toe aan '{key}.{setting}' in verantwoord.yaml, of {remove}."
    else:
        expected = f"een kolom '{value.kind.value}' in '{key}.kolommen'"
        hint = f"zet '{value.kind.value} {value.period.label}' in '{key}.kolommen', of {remove}."
    problems.warning(record.period_location, message, found=record.period_written, expected=expected, hint=hint)


def _chapters(
    texts: list[TextFile],
    indicators: list[IndicatorRecord],
    values: list[ValueRecord],
    without_values: set[str],
    values_in: str,
    previous: Restated,
    problems: Problems,
    unread: Collection[str] = (),
) -> tuple[Chapter, ...]:
    by_indicator: dict[str, list] = {record.id: [] for record in indicators}
    for record in values:
        value = record.value
        if previous.figures:
            old = previous.figures.get(_value_key(record))
            if old is not None:
                value = replace(value, previous=old)
        by_indicator[record.indicator].append(value)
    for indicator, withdrawn in previous.withdrawn.items():
        if indicator in by_indicator:  # of an indicator that is gone altogether, nothing is shown
            by_indicator[indicator] += withdrawn
    by_section: dict[str, list[Indicator]] = {}
    for record in indicators:
        # A StrEnum sorts by its text, as `kind.value` would, without the property's cost; a period by its start and
        # end, as Period orders, without comparing dataclasses (a third of the time of this function).
        own = sorted(by_indicator[record.id], key=lambda v: (v.series, v.kind, v.period.start, v.period.end))
        if record.id in without_values:
            problems.warning(
                record.location,
                f"indicator '{record.id}' heeft geen waarden.",
                hint=f"voeg waarden toe in {values_in}, of 'geen cijfer' met een reden.",
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
            if chapter_number in unread:  # its text is there but cannot be read: said at that file, not again here
                continue
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
    if not chapter_texts and not any("." not in number for number in unread):
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
