"""Check a project's parts against each other: texts against the export (links, footnotes, language marks, example
texts), figures against the settings (periods, series, percentages) and measured figures against their definitions.

`load_project` runs them once everything is read; `serve`'s quick reload runs `check_documents` again on the changed
figures. Each check reports to `Problems` and never stops: all problems are told at once.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from decimal import Decimal
from pathlib import Path

from babel.dates import format_date
from babel.lists import format_list

from verantwoord.build.format import format_number
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
    pasted_layout,
    unmatched_footnotes,
    unread_language_marks,
    written_but_not_rendered,
)
from verantwoord.build.paths import STATEMENT_PATH, pdf_name
from verantwoord.build.tables import fixed_keys, shown_values
from verantwoord.config import CONFIG_FILE, Config
from verantwoord.errors import Location, Problems, Severity
from verantwoord.export.cells import Formatted, ShownAsPercentage
from verantwoord.export.digest import file_digest
from verantwoord.export.records import VALUE_COLUMNS, IndicatorRecord, ValueRecord, map_columns, similar_id
from verantwoord.export.texts import TextFile
from verantwoord.measure.definitions import DEFINITIONS_FILE, Definition, Definitions, current_wording
from verantwoord.measure.results import RESULTS_FILE, MeasuredValue
from verantwoord.model import (
    ColumnKind,
    Document,
    Indicator,
    NoFigure,
    Number,
    Range,
    SeriesPlacement,
    TableLayout,
    ValueKind,
)
from verantwoord.scaffold import EXAMPLE_TEXTS


def check_section_settings(
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


def check_links(
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


def check_measured_as_declared(
    declared: Definitions,
    measured: list[MeasuredValue],
    language: str,
    problems: Problems,
    workbook_decimals: dict[str, int | None] | None = None,
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
        assert value.value.measurement is not None  # each line of the results file has its method, measured or not
        methods.setdefault(value.indicator, set()).add(value.value.measurement.method)
    for definition in declared.indicators:
        location = Location(DEFINITIONS_FILE, line=definition.line)
        if definition.indicator not in methods:
            problems.warning(
                location,
                f"'{definition.indicator}' is nog niet gemeten: {RESULTS_FILE} heeft er geen cijfers van.",
                hint="meet met 'verantwoord measure'.",
            )
            continue
        _check_pauses_as_measured(definition, [v for v in measured if v.indicator == definition.indicator], problems)
        _check_decimals_as_measured(definition, measured, (workbook_decimals or {}).get(definition.indicator), problems)
        if (stored := {current_wording(method, definition.format) for method in methods[definition.indicator]}) - {
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


def check_raw_files_as_measured(root: Path, measured: list[MeasuredValue], problems: Problems) -> None:
    """Each raw file that is there as `verantwoord measure` read it, by its SHA-256: a file changed since (a queue_log
    corrected) was published with the old figures and the digest of a file no longer in the project. A raw file that
    is not there (the data kept where it is measured) is not looked at."""
    read_by: dict[tuple[str, str], list[str]] = {}
    for item in measured:
        assert item.value.measurement is not None
        for name, digest in item.value.measurement.inputs:
            indicators = read_by.setdefault((name, digest), [])
            if item.indicator not in indicators:
                indicators.append(item.indicator)
    for (name, digest), indicators in read_by.items():
        path = root / name
        try:
            now = file_digest(path) if path.is_file() else None
        except OSError:
            continue  # unreadable here: measure says so where it reads the file
        if now is not None and now != digest:
            names = format_list([f"'{indicator}'" for indicator in indicators], locale="nl")
            problems.warning(
                Location(name),
                f"het bestand is veranderd sinds de meting van {names}: {RESULTS_FILE} noemt SHA-256 {digest}, het "
                f"bestand heeft nu {now}.",
                hint="meet opnieuw met 'verantwoord measure', zodat de website de cijfers van dit bestand toont; tot "
                "dan toont ze die van het bestand zoals het bij de meting was.",
            )


def _check_decimals_as_measured(
    definition: Definition, measured: list[MeasuredValue], workbook: int | None, problems: Problems
) -> None:
    """A figure measured with fewer decimals than `decimalen` (or the workbook's) now asks: 75 is shown as '75,0',
    a precision that was never measured. The method does not name the decimals."""
    asked = definition.decimals if definition.decimals is not None else 1 if workbook is None else workbook
    stored = {
        -item.value.figure.value.as_tuple().exponent
        for item in measured
        if item.indicator == definition.indicator and isinstance(item.value.figure, Number)
    }
    if stored and max(stored) < asked:
        problems.warning(
            Location(DEFINITIONS_FILE, line=definition.line),
            f"'{definition.indicator}' is gemeten met {max(stored)} decimalen, en metingen.yaml vraagt er nu {asked} "
            "('decimalen', of anders die van de werkmap): de website toont de cijfers met nullen erachter.",
            hint="meet opnieuw met 'verantwoord measure', zodat de cijfers met deze decimalen zijn uitgerekend.",
        )


def _check_pauses_as_measured(definition: Definition, measured: list[MeasuredValue], problems: Problems) -> None:
    """`niet-gemeten` as it was when measured: a pause added, moved or reworded since is in no method, and the site
    showed the old figure of a year now declared not measured, or the old reason, without a word."""
    changed = []
    for item in measured:
        value, measurement = item.value, item.value.measurement
        assert measurement is not None
        # A period declared not measured is the only one without n; its reason is the pauses' reasons, in order.
        stored = value.figure.reason if measurement.n is None and isinstance(value.figure, NoFigure) else None
        reasons = dict.fromkeys(pause.reason for pause in definition.pauses if pause.overlaps(value.period))
        now = "; ".join(reasons) or None
        if stored != now:
            was, becomes = (f"'geen cijfer: {reason}'" if reason else "een meting" for reason in (stored, now))
            changed.append(f"voor {value.period.label} {was}, metingen.yaml nu {becomes}")
    if changed:
        problems.warning(
            Location(DEFINITIONS_FILE, line=definition.line),
            f"de perioden zonder meting van '{definition.indicator}' zijn veranderd sinds de meting: {RESULTS_FILE} "
            f"heeft {'; '.join(changed)}.",
            hint="meet opnieuw met 'verantwoord measure', zodat de website de cijfers en redenen van 'niet-gemeten' "
            "toont zoals metingen.yaml ze nu noemt.",
        )


def check_language_marks(texts: list[TextFile], indicators: list[IndicatorRecord], problems: Problems) -> None:
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


_DUTCH_NUMBER = re.compile(
    r"(?<![\w.,])(?!(?:19|20)\d\d,(?:19|20)\d\d(?!\d))"
    r"(?:\d{1,3}(?:\.\d{3})+,\d+|\d+,(?:\d{1,2}|\d{4,}))(?![\w,]|\.\d)"
)
"""A number only Dutch writes so: a decimal comma ('12,5', '1.234,5'). Not '1,234' (a thousand in English, and
three decimals in Dutch) nor '1.234': either language could mean them; nor two years ('2019,2020')."""
_NOT_PROSE = re.compile(
    r"^(```|~~~).*?^\1|`[^`\n]*`|\]\([^)\n]*\)|\[[^\[\]]*\]\{lang=[^}\n]*\}|<[A-Za-z][\w+.-]*:[^<>\s]*>"
    r"|\b(?:https?://|www\.)\S+",
    re.MULTILINE | re.DOTALL,
)
"""What is no English prose of the author's: code, a web address (a link's, an autolink, a bare one, a link's
definition), and words marked with a language of their own."""


def check_number_notation(
    texts: list[TextFile], indicators: list[IndicatorRecord], document: Document, problems: Problems
) -> None:
    """A number in Dutch notation in a text in English ('12,5%'): the tables beside it show 12.5, and an English
    reader takes the comma for a thousands separator. Said at its line or cell; the author's words are not changed."""
    if document.language != "en":
        return
    for text in texts:
        for at, written in _dutch_numbers(text.body):
            _dutch_number(Location(text.location.file, line=text.line_at(at)), written, problems)
    if (document.export_language or document.language).split("-")[0].lower() != "en":
        return  # the export's Dutch texts write Dutch numbers, and are read as Dutch
    for record in indicators:
        if record.explanation_location is not None:
            for _, written in _dutch_numbers(record.explanation):
                _dutch_number(record.explanation_location, written, problems)


def _dutch_numbers(text: str) -> list[tuple[int, str]]:
    if "," not in text:
        return []
    prose = _NOT_PROSE.sub(lambda part: " " * len(part.group()), text)
    return [(found.start(), found.group()) for found in _DUTCH_NUMBER.finditer(prose)]


def _dutch_number(location: Location, written: str, problems: Problems) -> None:
    english = format_number(Decimal(written.replace(".", "").replace(",", ".")), locale="en")
    problems.warning(
        location,
        f"het getal '{written}' staat in de Nederlandse schrijfwijze, en de website is Engels: de tabellen tonen "
        f"getallen als {english}, en een Engelse lezer leest de komma als scheiding van duizendtallen.",
        hint=f"schrijf {english}; verantwoord verandert uw tekst niet. Is de zin Nederlands, markeer hem dan met "
        "[...]{lang=nl}.",
    )


def check_footnotes(texts: list[TextFile], indicators: list[IndicatorRecord], problems: Problems) -> None:
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


def check_unrendered(texts: list[TextFile], indicators: list[IndicatorRecord], problems: Problems) -> None:
    """Raw HTML and refused links in a text or explanation: the reader saw '<iframe …>' as text, or a link's words
    without the link, and nobody was told. One warning per text, at the first."""
    for text in texts:
        found = written_but_not_rendered(text.body)
        if found:
            _unrendered(Location(text.location.file, line=text.line_at(found[0][0])), found, problems)
    for record in indicators:
        if record.explanation_location is not None and (found := written_but_not_rendered(record.explanation)):
            _unrendered(record.explanation_location, found, problems)


def check_pasted_layout(texts: list[TextFile], indicators: list[IndicatorRecord], problems: Problems) -> None:
    """A table or list pasted from Word or Excel, which Markdown does not read: it came on the page as one paragraph
    (a table's figures in a row), without a word to its author."""
    for text in texts:
        for first, last, kind in pasted_layout(text.body):
            lines = (text.line_at(first), text.line_at(last))
            _pasted(Location(text.location.file, line=lines[0]), kind, _sign(text.body, first), lines, problems)
    for record in indicators:
        if record.explanation_location is not None:
            for first, _, kind in pasted_layout(record.explanation)[:1]:
                _pasted(record.explanation_location, kind, _sign(record.explanation, first), None, problems)


def _sign(text: str, line: int) -> str:
    """The bullet sign of the pasted list item that starts at `line`, as written (•, ▪, o)."""
    return text[line:].lstrip(" ")[:1]


def _pasted(location: Location, kind: str, sign: str, lines: tuple[int, int] | None, problems: Problems) -> None:
    """`lines`: the first and last line in a text file; None in an explanation, which begins with its own words."""
    if lines is None:
        table, items = (
            "de toelichting lijkt een tabel uit Excel of Word te bevatten",
            "in de toelichting begint een regel",
        )
    elif lines[0] == lines[1]:
        table, items = f"regel {lines[0]} lijkt een tabel uit Excel of Word", f"regel {lines[0]} begint"
    else:
        where = f"de regels {lines[0]}–{lines[1]}"
        table, items = f"{where} lijken een tabel uit Excel of Word", f"{where} beginnen"
    if kind == "table":
        problems.warning(
            location,
            f"{table}, met tabs tussen de kolommen: op de pagina wordt dat geen tabel, en staan de cijfers achter "
            "elkaar.",
            hint="schrijf de tabel met | tussen de kolommen en een regel |---|--:| onder de kop (zie 'Uw eerste "
            "project', De teksten schrijven), of maak er zinnen of een lijstje van.",
        )
    else:
        problems.warning(
            location,
            f"{items} met een opsommingsteken uit Word ({sign}): op de pagina wordt dat geen lijstje"
            + ("." if lines is None else ", en regels onder elkaar worden één alinea."),
            hint="begin elke regel van het lijstje met een streepje en een spatie ('- '), met een lege regel erboven.",
        )


def check_example_texts(texts: list[TextFile], indicators: list[IndicatorRecord], problems: Problems) -> None:
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

_ONE, _HUNDRED = Decimal(1), Decimal(100)  # compared with a Decimal faster than ints, which it converts each time


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


def _is_percentage(unit: str) -> bool:
    """A percentage, not a change in percentage points (%-punt, procentpunt), which may be small beside the level."""
    return bool(_PERCENTAGE_UNIT.search(unit)) and "punt" not in unit.lower()


def may_be_off_scale(unit: str, number: Decimal) -> bool:
    """Whether `check_percent_scale` may warn of this figure, or of others because of it: only a percentage of 1 or
    less, or over 100, is ever told to be off its indicator's scale."""
    return _is_percentage(unit) and (abs(number) <= 1 or abs(number) > 100)


def check_percent_scale(indicators: list[IndicatorRecord], values: list[ValueRecord], problems: Problems) -> None:
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
