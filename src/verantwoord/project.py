"""Load a project: read the config, the export and the texts, and validate them into a Document.

This is the first of the two phases of every command: gather and check everything (the checks across files are in
`verantwoord.checks`), then build (`verantwoord.publish`). Nothing is rendered from a project that has errors.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from pathlib import Path

from verantwoord.build.images import check_explanation_images, read_images
from verantwoord.build.paths import replaceable
from verantwoord.build.translations import translator
from verantwoord.checks import (
    LANGUAGE_NAMES,
    check_documents,
    check_example_texts,
    check_footnotes,
    check_language_marks,
    check_links,
    check_measured_as_declared,
    check_number_notation,
    check_pasted_layout,
    check_percent_scale,
    check_raw_files_as_measured,
    check_section_settings,
    check_unrendered,
)
from verantwoord.config import CONFIG_FILE, Config, path_as_in_settings, read_configs, svg_with_script
from verantwoord.diff import exact, read_contents
from verantwoord.errors import InvalidProject, Location, Problem, Problems
from verantwoord.export.digest import export_digest
from verantwoord.export.reader import export_sheet, read_export
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
from verantwoord.export.texts import STATEMENT_FILE, TextFile, read_statement, read_texts
from verantwoord.measure.definitions import check_definitions
from verantwoord.measure.results import RESULTS_FILE, merge_measured, read_results
from verantwoord.model import (
    Chapter,
    Document,
    Export,
    Figure,
    Image,
    Indicator,
    NoFigure,
    Number,
    Range,
    Section,
    Statement,
    Value,
)
from verantwoord.scaffold import STATEMENT_TITLE, STATEMENT_TO_DO
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
        # Imported here: the site builder (Jinja) only for a theme; check without one needs none of it.
        from verantwoord.build.site import published_theme_files, theme_template_gaps, theme_template_problems

        for path, line, message, hint in theme_template_problems(config.theme_folder):
            problems.error(
                Location(path_as_in_settings(path, root), line=line),
                f"dit sjabloon van het thema geeft een fout: {message}.",
                hint=hint,
            )
        settings = {"portal"} if len(configs) > 1 else set()
        settings |= {"portal_search"} if len(configs) > 1 and config.search else set()
        settings |= {"address"} if config.address else set()
        for path, missing, hint in theme_template_gaps(config.theme_folder, settings):
            problems.warning(
                Location(path_as_in_settings(path, root)),
                f"dit sjabloon van het thema mist wat het onze nu heeft: {missing}.",
                hint=f"{hint}, of haal het weg: dan gebruikt verantwoord zijn eigen.",
            )
        for path in published_theme_files(config.theme_folder):
            # Trusted, but published on the municipality's own domain as the logo is (whose script is an error).
            if path.suffix.lower() == ".svg" and svg_with_script(path):
                problems.warning(
                    Location(path_as_in_settings(path, root)),
                    "deze SVG van het thema bevat een script (<script>, onload= of javascript:): hij wordt met de "
                    "website gepubliceerd, en een browser voert het script uit bij wie hem op de website opent.",
                    hint="exporteer de afbeelding opnieuw als SVG met alleen vormen en tekst, of haal hem uit de map "
                    "van het thema als thema.css hem niet gebruikt.",
                )
    # A theme's colours are trusted as its templates are, and can make the site fail WCAG all the same: a warning.
    # The documents of a portal share one theme (config.DOCUMENT_KEYS): each pair is checked once; thema.kleur alone
    # is checked when read.
    for folder, colour in dict.fromkeys((c.theme_folder, c.colour) for c in configs):
        if folder is not None and (folder / "thema.css").is_file():
            from verantwoord.build.contrast import theme_contrast_failures  # tinycss2 only for a theme's stylesheet

            try:
                failures = theme_contrast_failures(folder / "thema.css", colour, root)
            except OSError as error:  # another user's file, say: build could not copy it either
                problems.error(
                    Location(path_as_in_settings(folder / "thema.css", root)),
                    f"het bestand kan niet worden gelezen: {error.strerror}.",
                )
                continue
            for failure in failures:
                problems.warning(failure.location, failure.message, hint=failure.hint)
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
    check_section_settings(configs, texts_of, section_numbers, chapter_numbers, unread, problems)
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
        check_measured_as_declared(declared, measured, config.language, problems, decimals)
    check_raw_files_as_measured(root, measured, problems)
    values = merge_measured(values, measured, ids, problems)
    # A sheet that could not be read, or values that could not be (a column missing): what the tables then show
    # is not checked against the settings, as it follows from those errors.
    values_unread = not (indicator_table and value_table) or (not values and _has_errors(value_table, problems))
    check_documents(configs, indicators, values, problems, rejected, values_unread)
    check_percent_scale(indicators, values, problems)
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
                # Not marked where it is the page's language, written with its country or not (nl-NL).
                export_language=(
                    document_config.export_language
                    if document_config.export_language.split("-")[0].lower() not in ("", document_config.language)
                    else None
                ),
                images=images_of[document_config.texts_dir],
                statement=_statement(statement),
                licence=document_config.licence,
            )
        )
        check_links(document, document_config, texts, indicators, problems, statement)
        check_language_marks(texts, indicators, problems)
        check_unrendered(texts, indicators, problems)
        check_pasted_layout(texts, indicators, problems)
        check_example_texts(texts, indicators, problems)
        check_footnotes(texts, indicators, problems)
        check_number_notation(texts, indicators, document, problems)
    problems.drop_repeats()
    if problems.errors or (strict and problems.warnings):
        raise InvalidProject(problems, strict=strict)
    return Project(tuple(configs), tuple(documents), list(problems))


def _has_errors(table: Table, problems: Problems) -> bool:
    """Whether a sheet (or file) of the export has errors: rows rejected, a row split at a comma, a column missing."""
    sheet = table.location
    return any((p.location.file, p.location.sheet) == (sheet.file, sheet.sheet) for p in problems.errors)


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
    check_unrendered([statement], [], problems)
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
