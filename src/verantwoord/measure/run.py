"""`verantwoord measure`: compute the measured indicators of a project and write them, with provenance.

Load the definitions, read the raw files once per set of files (DuckDB), count per month, add the months up
into periods, and decide per period: a figure with n and its Wilson interval; "geen cijfer" with the reason
(declared not measured, too few responses); or "geen metingen" when there were none. Malformed lines are
counted and named with file and line; above the error limit the run fails and nothing is written.
"""

from __future__ import annotations

import difflib
import re
import tempfile
from calendar import monthrange
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
from babel.dates import format_date

from verantwoord.build.format import build_time, format_number
from verantwoord.build.translations import translator
from verantwoord.config import Config, read_config
from verantwoord.errors import InvalidProject, Location, Problem, Problems
from verantwoord.export.reader import read_export
from verantwoord.export.records import INDICATOR_SHEET, VALUE_SHEET, read_indicators, read_values, sheet_ids
from verantwoord.export.texts import read_texts
from verantwoord.measure import inputs, queries
from verantwoord.measure.definitions import (
    DEFINITIONS_FILE,
    RATING_FILTERS,
    Definition,
    Definitions,
    InputFormat,
    Kind,
    ScaleKind,
    read_definitions,
)
from verantwoord.measure.intervals import wilson
from verantwoord.measure.results import Outcome, write_results
from verantwoord.model import NoFigure, Number, Period, ValueKind

EXAMPLES = 10
"""How many lines of each problem are named one by one; the rest are counted."""

Counts = dict[tuple[int, int], list[int]]
"""(year, month) -> [n, positive]."""


@dataclass
class Tally:
    """What one indicator's pass over its files found."""

    months: Counts = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    lines: int = 0
    problems: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    """code -> [(file number, line, found)]."""
    without_end: Counter[tuple[int, int]] = field(default_factory=Counter)
    """Calls that entered and whose answer or exit the files do not have (offered, not answered), by month."""
    without_start: int = 0
    """Calls with an answer or exit whose entry the files do not have: not counted."""
    queues_seen: int = 0
    """The counted queues that calls entered: bit i for the definition's queue i (`queries.calls_query`)."""

    @property
    def skipped(self) -> int:
        return sum(self.problems.values())


@dataclass(frozen=True)
class MeasureResult:
    path: Path
    """The results file written."""
    outcomes: list[Outcome]
    problems: list[Problem]
    """Warnings: malformed lines within the error limit."""


def measure_project(
    path: Path | str,
    *,
    memory_limit: str | None = None,
    computed_at: datetime | None = None,
) -> MeasureResult:
    """Measure every indicator of `metingen.yaml` in the project at `path` and write metingen/uitkomsten.csv.

    Raises InvalidProject, writing nothing, when the definitions have errors or a measurement has more
    malformed lines than its error limit. `memory_limit` ("2GB") bounds DuckDB; it spills to disk beyond.
    """
    root = Path(path).resolve()
    problems = Problems()
    config = read_config(root, problems)
    if config is None:
        raise InvalidProject(problems)
    known_ids, ids_in, decimals, entered = _export_indicators(config)
    definitions = read_definitions(root, known_ids, problems, ids_in)
    # An error that leaves the definitions readable (a raw file that is not there) stops the run once the files are
    # checked too, as every error does before anything is written: all problems are told at once.
    if definitions is None:
        raise InvalidProject(problems)
    moment = computed_at or build_time()
    years = definitions.years or tuple(period.year for period in config.layout.realised)
    files = sorted({name for definition in definitions.indicators for name in definition.files})
    text_files = {name for d in definitions.indicators if d.format is not InputFormat.PARQUET for name in d.files}
    with ThreadPoolExecutor(max_workers=1) as pool, tempfile.TemporaryDirectory(prefix="verantwoord-") as spill:
        # Each file is read once more beside DuckDB, for its hash and the lines DuckDB's reader will leave out.
        scans = {name: pool.submit(inputs.scan_file, root / name, name in text_files) for name in files}
        tallies = _count(root, definitions, scans, Path(spill), memory_limit, problems)
        hashes = {name: future.result().sha256 for name, future in scans.items()}
    if tallies is None:
        raise InvalidProject(problems)
    for definition in definitions.indicators:
        tally = tallies.get(definition.indicator)
        if tally is None:
            continue  # its files could not be read (said), or it has none
        _report(definition, tally, problems)
        if definition.unmatched:
            continue  # what it counts lacks a file's data: judged when all its files are there
        _report_incomplete_calls(definition, tally, years, problems)
        _report_months_without_calls(definition, tally, years, problems)
        _report_counted_in_pauses(definition, tally, years, problems)
        _report_scale_turned_round(definition, tally, years, problems)
        _check_anything_in_the_years(definition, tally, years, problems)
    if problems.errors:
        raise InvalidProject(problems)
    outcomes = [
        outcome
        for definition in definitions.indicators
        for outcome in _outcomes(
            definition,
            tallies[definition.indicator],
            years,
            decimals.get(definition.indicator),
            tuple((name, hashes[name]) for name in definition.files),
            moment,
            config.language,
        )
    ]
    for outcome in outcomes:
        if (place := entered.get((outcome.indicator, outcome.period))) is not None:
            # Written all the same (the measurement is right), but build stops on it: said now, not at the build.
            problems.warning(
                place,
                f"de realisatie voor '{outcome.indicator}' in {outcome.period.label} is nu gemeten, maar staat ook "
                "in de export: 'verantwoord build' stopt daarop.",
                hint="verwijder de waarde uit de export, of haal de indicator uit metingen.yaml en meet opnieuw.",
            )
    written = write_results(root, outcomes)
    return MeasureResult(written, outcomes, list(problems))


def _export_indicators(
    config: Config,
) -> tuple[set[str] | None, str, dict[str, int | None], dict[tuple[str, Period], Location]]:
    """The indicator ids of the export, where it keeps them (in its own words), their decimals, and where the
    realisations it has of its own stand (a measured one must not be there too); the export's own problems are for
    `check` to report."""
    quiet = Problems()
    tables, _ = read_export(config.export_path, quiet)
    table = tables.get(INDICATOR_SHEET.lower())
    if table is None:
        return None, "", {}, {}
    sections = {text.number for text in read_texts(config.texts_dir, quiet) if not text.is_chapter}
    records = read_indicators(table, sections, quiet)
    value_table = tables.get(VALUE_SHEET.lower())
    values = read_values(value_table, [r.id for r in records], quiet) if value_table else []
    entered = {
        (r.indicator, r.value.period): r.location
        for r in values
        if r.value.kind is ValueKind.REALISED and not r.value.series
    }
    return sheet_ids(table), table.words.indicators, {record.id: record.decimals for record in records}, entered


def _count(
    root: Path,
    definitions: Definitions,
    scans: Mapping[str, Future[inputs.FileScan]],
    spill: Path,
    memory_limit: str | None,
    problems: Problems,
) -> dict[str, Tally] | None:
    """One pass per set of files: every rating indicator over the same files shares it. None when DuckDB failed;
    otherwise the tallies of the indicators whose files could be read."""
    connection = inputs.connect(memory_limit, spill)
    groups: dict[tuple, list[Definition]] = {}
    for definition in definitions.indicators:
        if not definition.files:
            continue  # none of its files is there (said)
        # Rating indicators over the same files share one pass; each reachability indicator has its own query.
        key: tuple = (definition.files, definition.format)
        if definition.kind is Kind.REACHABILITY:
            key += (definition.indicator,)
        groups.setdefault(key, []).append(definition)
    tallies: dict[str, Tally] = {}
    copies: dict[str, Path] = {}  # a file in Windows-1252 -> its copy in UTF-8
    try:
        for number, ((files, fmt, *_), group) in enumerate(groups.items()):
            view, timezone = f"bron_{number}", definitions.timezone
            excel = fmt in (InputFormat.CSV, InputFormat.CALLS)
            # A header that is not UTF-8 stops the reading: such a file waits for its scan, to be read in Windows-1252
            # from the start if it is. Any other is known to be so only when its scan is done (a second pass).
            for name in files:
                if excel and not inputs.starts_in_utf8(root / name) and scans[name].result().windows_1252:
                    _read_in_windows_1252(root, name, spill, copies, problems)
            while True:
                read_from = {n: copies[name] for n, name in enumerate(files) if name in copies}
                source = inputs.register(
                    connection, root, view, files, fmt, timezone, problems, numbered=False, read_from=read_from
                )
                if source is None:
                    break
                equal, seen = False, None
                if group[0].kind is Kind.RATING:
                    counted, seen, equal = _count_ratings(connection, source, group)
                else:
                    counted = {group[0].indicator: _count_calls(connection, source, group[0])}
                later = [name for name in files if excel and name not in copies and scans[name].result().windows_1252]
                if not later:
                    break
                for name in later:
                    _read_in_windows_1252(root, name, spill, copies, problems)
            if source is None:
                continue
            if seen is not None:
                _check_near_misses(files, group, definitions, counted, seen, problems)
            unreadable = {
                number: scans[name].result().in_windows_1252() if name in copies else scans[name].result()
                for number, name in enumerate(files)
            }
            if not _count_unreadable_lines(files, unreadable, counted.values(), problems):
                continue  # a file in another character set: its line numbers cannot be told, nor need be
            # After the lines the reader left out are counted: a channel whose lines are among them is not missing.
            for definition in group:
                if not definition.unmatched:  # the missing file may have what it looks for
                    _check_anything_matched(
                        connection, source.view, definition, counted[definition.indicator], problems
                    )
            named = any(tally.problems.keys() - UNREADABLE for tally in counted.values())
            if named or equal:
                # The same files with line numbers, read only to name problem lines and equal ratings.
                numbered = f"{view}_regels"
                gaps = {n: tuple(line for line, _, _ in scan.unreadable) for n, scan in unreadable.items()}
                inputs.register(
                    connection, root, numbered, files, fmt, timezone, problems, gaps=gaps, read_from=read_from
                )
                if equal:
                    _report_equal_ratings(connection, numbered, files, group, problems)
                if named:
                    kept, made = _keep_problem_rows(connection, source.view, numbered, group, counted)
                    for definition in group:
                        _name_problem_lines(connection, kept, definition, counted[definition.indicator])
                    for table in made:
                        connection.execute(f"DROP TABLE {table}")
            tallies.update(counted)
    except RuntimeError as error:
        if str(error).startswith("Query interrupted"):  # how DuckDB passes on Ctrl+C (or SIGTERM) during a query
            raise KeyboardInterrupt from None
        raise
    except duckdb.Error as error:
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        problems.error(
            Location(DEFINITIONS_FILE),
            f"DuckDB kon de ruwe gegevens niet verwerken: {message}",
            hint="controleer of de bestanden van de juiste soort zijn (formaat) en niet beschadigd.",
        )
        return None
    finally:
        connection.close()
    return tallies


def _read_in_windows_1252(root: Path, name: str, spill: Path, copies: dict[str, Path], problems: Problems) -> None:
    """Have the file read in Windows-1252, as Dutch Excel saves a 'CSV (gescheiden door lijstscheidingsteken)': each
    line with an 'é' was a bad line, also where the 'é' stood in a column that is not read. Told once."""
    copies[name] = inputs.transcode(root / name, spill / f"windows-1252-{len(copies)}.csv")
    problems.warning(
        Location(name),
        "het bestand is geen UTF-8 maar Windows-1252 (in Excel: 'CSV (gescheiden door lijstscheidingsteken)'); "
        "verantwoord leest het als Windows-1252.",
        hint="sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)': dan staat vast welke tekens erin staan.",
    )


def _check_anything_matched(connection, view: str, definition: Definition, tally: Tally, problems: Problems) -> None:
    """A channel, question, location or queue that the files do not have gave "geen metingen" in every year, without
    a word: 'webiste' where the files say 'website', `vraag: Hoe tevreden bent u` without its '?', or a queue the
    log does not have.

    One queue of several that no call entered is named too: the others counted, so nothing looked amiss.

    Looked up only when nothing at all was counted, or a queue was not seen, which is rare: it takes another pass
    over the files (one per column of a rating: a question is looked up among the rows of the channel)."""
    counted = any(n for n, _ in tally.months.values())
    if not tally.lines:
        return
    if not counted and tally.skipped:
        return  # the lines left out (reported with their problem) may be those of the channel
    if definition.kind is Kind.RATING and not counted:
        steps = [(column, (value,), RATING_FILTERS[column][0]) for column, value in definition.filters().items()]
    elif definition.kind is Kind.REACHABILITY and definition.queues:
        unseen = tuple(
            queue
            for number, queue in enumerate(definition.queues[: queries.QUEUE_BITS])
            if not tally.queues_seen >> number & 1
        )
        if not unseen:
            return
        steps = [("wachtrij", unseen, "de wachtrij")]
    else:
        return
    condition, among = "TRUE", []
    for column, wanted, what in steps:
        found = [
            value
            for (value,) in connection.execute(
                f"SELECT DISTINCT {column} FROM {view} WHERE fout IS NULL AND {column} IS NOT NULL "
                f"AND {column} <> 'NONE' AND {condition} ORDER BY 1"
            ).fetchall()
        ]
        if not found and tally.skipped:
            return  # no line could be read: the bad lines are the reason, and are named
        where = f" bij {' en '.join(among)}" if among else ""
        folded = column in RATING_FILTERS  # read in any case (`queries.same`); a queue as written
        present = {value.lower() if folded else value for value in found}
        missing = [name for name in wanted if (name.lower() if folded else name) not in present]
        for name in missing:
            lowered = {value.lower(): value for value in found}
            close = difflib.get_close_matches(name.lower(), list(lowered), n=1)
            suggestion = f" Bedoelt u '{lowered[close[0]]}'?" if close else ""
            listed = ", ".join(found[:20]) + (", …" if len(found) > 20 else "")
            message = (
                f"telt niets uit {what} '{name}': die komt in de bestanden niet voor"
                if counted
                else f"telt niets: {what} '{name}' komt in de bestanden niet voor{where}"
            )
            # Nothing counted at all is an error: 'geen metingen' in every year, in place of the figures of the last
            # good measurement, is what a typo gives, not what anyone means to publish.
            report = problems.warning if counted else problems.error
            report(
                Location(DEFINITIONS_FILE, line=definition.line),
                f"de meting van '{definition.indicator}' {message}.{suggestion}",
                hint=f"in de bestanden staan{where}: {listed}." if found else None,
            )
        if missing:
            return
        # A rating's next column is looked up among the rows of this one's value.
        condition += f" AND {queries.same(column, wanted[0])}"
        among.append(f"{what} '{wanted[0]}'")


UNREADABLE = {"tekenset", "onleesbaar"}
"""The problems of lines DuckDB's reader leaves out (`inputs.scan_file` finds them): no query sees them."""


def _count_unreadable_lines(
    files: Sequence[str], scans: Mapping[int, inputs.FileScan], tallies: Iterable[Tally], problems: Problems
) -> bool:
    """Add the lines the reader left out to every tally of the files: they are lines read, with a problem.

    False (reported) when a file has too many of them to be anything but a file in another character set.
    """
    for number, scan in scans.items():
        if scan.more:
            first = scan.unreadable[0][0]
            problems.error(
                Location(files[number], line=first),
                f"het bestand is geen UTF-8: meer dan {format_number(Decimal(inputs.UNREADABLE_LIMIT))} regels "
                f"hebben een teken uit een andere tekenset (zoals Windows-1252), de eerste op regel {first}.",
                hint="sla het bestand op als UTF-8 (in Excel: 'CSV UTF-8 (door komma's gescheiden)').",
            )
    if any(scan.more for scan in scans.values()):
        return False
    for tally in tallies:
        for number, scan in scans.items():
            for line, code, text in scan.unreadable:
                tally.lines += 1
                tally.problems[code] = tally.problems.get(code, 0) + 1
                examples = tally.examples.setdefault(code, [])
                if len(examples) < EXAMPLES:
                    examples.append((number, line, text))
    return True


Seen = dict[tuple[str | None, ...], Counter[int]]
"""The values of `RATING_FILTERS` as the files write them (None: not asked) -> their readable rows per file number."""


def _count_ratings(
    connection, source: inputs.Source, group: Sequence[Definition]
) -> tuple[dict[str, Tally], Seen, bool]:
    """The tallies of the group's indicators, the channels (questions, locations) the files have, and whether a file
    may have ratings equal to one another at a moment with seconds (`queries.ratings_query`): all from one pass."""
    condition = " OR ".join(f"({queries.selection(d)})" for d in group)
    distinct = inputs.count_repeated_ratings(connection, source, condition) > 0
    cursor = connection.execute(queries.ratings_query(source.view, group, distinct, source.words))
    names = [column[0] for column in cursor.description]
    rows = cursor.fetchall()
    tallies = {definition.indicator: Tally() for definition in group}
    seen: Seen = defaultdict(Counter)
    equal = False
    for row in rows:
        cells = dict(zip(names, row, strict=True))
        if cells["kanaal"] is not None and cells["gelezen"]:
            values = tuple(cells[column] for column in RATING_FILTERS)
            seen[values][int(cells["bestand_nr"])] += int(cells["gelezen"])
            equal = equal or bool(cells["gelijk"] and any(_reads(d, values) for d in group))
        for index, definition in enumerate(group):
            tally = tallies[definition.indicator]
            tally.lines += int(cells["regels"] or 0)
            counts = {
                "velden": cells["velden"],
                "tijdstip": cells[f"tijdstip_{index}"],
                "score-geen-getal": cells[f"geen_getal_{index}"],
                "score-buiten-schaal": cells[f"buiten_schaal_{index}"],
                "dubbel": cells[f"dubbel_{index}"],
            }
            for code, count in counts.items():
                if count:
                    tally.problems[code] = tally.problems.get(code, 0) + int(count)
            if cells["jaar"] is not None and cells[f"n_{index}"]:
                month = tally.months[(int(cells["jaar"]), int(cells["maand"]))]
                month[0] += int(cells[f"n_{index}"])
                month[1] += int(cells[f"pos_{index}"])
    return tallies, seen, equal


def _reads(definition: Definition, values: Sequence[str | None]) -> bool:
    """Whether the rating indicator reads rows with these values of `RATING_FILTERS`, as `queries.selection` does."""
    row = dict(zip(RATING_FILTERS, values, strict=True))
    return all((row[column] or "").lower() == value.lower() for column, value in definition.filters().items())


def _check_near_misses(
    files: Sequence[str],
    group: Sequence[Definition],
    definitions: Definitions,
    tallies: Mapping[str, Tally],
    seen: Seen,
    problems: Problems,
) -> None:
    """Rows counted nowhere whose channel, question or location no indicator reads, but looks like one that is read
    ('Balie-kiosk', 'blaie' for 'balie'; 'Stadhuis hal' for 'stadhuis'), and that the indicator would read but for
    that value: a month's export written differently made that month's figure wrong or "te weinig reacties",
    without a word. (Only case and whitespace around it differing is the same value: `queries.same`.)

    Not for an indicator that counted nothing: `_check_anything_matched` names what the files have instead."""
    ratings = [d for d in definitions.indicators if d.kind is Kind.RATING]
    read = {
        column: {d.filters()[column].lower() for d in ratings if column in d.filters()} for column in RATING_FILTERS
    }
    counting = [d for d in group if any(n for n, _ in tallies[d.indicator].months.values())]
    found: dict[tuple[str, str], tuple[Counter[int], list[Definition]]] = {}
    for values, rows in seen.items():
        if any(_reads(d, values) for d in group):
            continue
        for index, (column, value) in enumerate(zip(RATING_FILTERS, values, strict=True)):
            if value is None or value.lower() in read[column]:
                continue
            meant = _meant(value, read[column])
            if meant is None:
                continue
            corrected = (*values[:index], meant, *values[index + 1 :])
            matching = [d for d in counting if column in d.filters() and _reads(d, corrected)]
            if matching:
                counts, indicators = found.setdefault((column, value), (Counter(), []))
                counts.update(rows)
                indicators.extend(d for d in matching if d not in indicators)
    for (column, value), (rows, matching) in sorted(found.items()):
        name, pronoun, same, other = RATING_FILTERS[column]
        count = sum(rows.values())
        where = ", ".join(files[number] for number in sorted(rows))
        indicators = " en ".join(f"'{d.indicator}'" for d in matching)
        problems.warning(
            Location(where),
            f"{format_number(Decimal(count))} {'regel heeft' if count == 1 else 'regels hebben'} {name} '{value}', "
            f"{pronoun} geen meting leest: {'hij telt' if count == 1 else 'ze tellen'} nergens mee. Bedoeld is "
            f"waarschijnlijk '{matching[0].filters()[column]}', van de meting van {indicators}.",
            hint=f"is het {same}, laat de export dan verbeteren (of verbeter het bestand) en meet opnieuw; "
            f"hoofdletters en spaties of tabs aan het begin of eind tellen niet mee. Is het {other}, dan tellen die "
            "regels terecht niet mee.",
        )


def _meant(value: str, read: set[str]) -> str | None:
    """The read value (in lower case) that `value` most likely means: one of its words, or nearly the same."""
    folded = value.lower()
    words = set(re.split(r"\W+", folded))
    for candidate in sorted(read):
        if candidate in words:
            return candidate
    close = difflib.get_close_matches(folded, sorted(read), n=1, cutoff=0.8)
    return close[0] if close else None


def _report_equal_ratings(
    connection, numbered: str, files: Sequence[str], group: Sequence[Definition], problems: Problems
) -> None:
    """Equal ratings in one file count as as many ratings (`queries.ratings_query`), which is right for a kiosk that
    records the minute; in a file that records seconds or milliseconds, two people are far less likely than a row
    exported twice. The figures stay as they are, but the rows are named, so that the data owner can judge."""
    found: dict[int, list[tuple[int, int]]] = defaultdict(list)
    totals: dict[int, int] = {}
    for number, line, first, count in connection.execute(
        queries.equal_ratings_query(numbered, group, EXAMPLES)
    ).fetchall():
        found[int(number)].append((int(line), int(first)))
        totals[int(number)] = int(count)
    for number, lines in sorted(found.items()):
        count = totals[number]
        listed = ", ".join(f"regel {line} (als regel {first})" for line, first in lines)
        more = ", …" if count > len(lines) else ""
        problems.warning(
            Location(files[number], line=lines[0][0]),
            f"{format_number(Decimal(count))} {'beoordeling is' if count == 1 else 'beoordelingen zijn'} precies "
            "gelijk aan een eerdere regel van het bestand (kanaal, tijdstip tot op de seconde, score, vraag en "
            f"locatie): {listed}{more}. {'Hij telt' if count == 1 else 'Ze tellen'} mee als "
            f"{'een aparte reactie' if count == 1 else 'aparte reacties'}.",
            hint="schreef de export die regels dubbel, haal de kopieën dan uit het bestand (of laat de export opnieuw "
            "maken) en meet opnieuw. Twee mensen die in dezelfde seconde hetzelfde antwoorden, zijn zeldzaam.",
        )


def _count_calls(connection, source: inputs.Source, definition: Definition) -> Tally:
    tally = Tally()
    open_calls = 0
    for code, year, month, lines, may_repeat, n, positive, without_end, without_start, queues in connection.execute(
        queries.calls_query(source.view, definition)
    ).fetchall():
        tally.lines += int(lines)
        tally.queues_seen |= int(queues or 0)
        open_calls += int(may_repeat)
        if year is not None and without_end:
            tally.without_end[(int(year), int(month))] += int(without_end)
        tally.without_start += int(without_start)
        if code is not None:
            tally.problems[code] = tally.problems.get(code, 0) + int(lines)
        if year is not None:
            counts = tally.months[(int(year), int(month))]
            counts[0] += int(n)
            counts[1] += int(positive)
    if open_calls:
        (repeats,) = connection.execute(queries.call_repeats_query(source.view, definition)).fetchone()
        if repeats:
            tally.problems["dubbel"] = int(repeats)
    return tally


def _keep_problem_rows(
    connection, view: str, numbered: str, group: Sequence[Definition], tallies: dict[str, Tally]
) -> tuple[str, list[str]]:
    """A table of the rows of `numbered` that naming the problems needs: one pass over the files with line numbers.
    Returns its name, and the tables made (itself among them), to drop when the naming is done.

    Numbering lines keeps DuckDB to one thread, and a pass per problem and indicator over ten million ratings in
    CSV took 11 s each, 99 s in all for four problem lines (bench/measure/README.md). Kept are the lines with a
    problem of their own, the rows with a score off an indicator's scale, and the rows whose event or rating
    repeats another's (found first, in parallel, by a hash of what makes them equal; a hash shared by chance only
    keeps a row more).
    """
    wanted, tables = ["fout IS NOT NULL"], []
    for index, definition in enumerate(group):
        tally = tallies[definition.indicator]
        if definition.kind is Kind.RATING and set(tally.problems) & {"score-geen-getal", "score-buiten-schaal"}:
            wanted.append(
                f"(fout IS NULL AND {queries.selection(definition)} AND NOT ({queries.valid_score(definition)}))"
            )
        if "dubbel" in tally.problems:
            key, rows, across_files = queries.repeat_rule(definition)
            repeated = f"{view}_herhaald_{index}"
            more = "COUNT(DISTINCT bestand_nr)" if across_files else "COUNT(*)"
            connection.execute(
                f"CREATE OR REPLACE TEMP TABLE {repeated} AS SELECT hash({key}) AS h FROM "
                f"(SELECT *, COALESCE({rows}, FALSE) AS telt FROM {view}) WHERE telt GROUP BY h HAVING {more} > 1"
            )
            wanted.append(f"hash({key}) IN (SELECT h FROM {repeated})")
            tables.append(repeated)
    kept = f"{view}_probleemregels"
    # Without the line itself and the month: the naming needs neither, and a file full of problem lines is kept
    # whole (within DuckDB's memory limit; beyond it DuckDB spills to disk).
    columns = inputs.RATING_COLUMNS if group[0].kind is Kind.RATING else inputs.CALL_COLUMNS
    needed = ", ".join(column for column in columns if column not in ("inhoud", "jaar", "maand"))
    connection.execute(
        f"CREATE OR REPLACE TEMP TABLE {kept} AS SELECT {needed} FROM {numbered} WHERE {' OR '.join(wanted)}"
    )
    return kept, [kept, *tables]


def _name_problem_lines(connection, numbered: str, definition: Definition, tally: Tally) -> None:
    """The first lines of each problem in `tally`, from `numbered`: rows with line numbers (`_keep_problem_rows`)."""
    if definition.kind is Kind.REACHABILITY:
        # One pass over the files for all the problems of single lines together, one for the repeated events.
        codes = [code for code in tally.problems if code != "dubbel" and code not in UNREADABLE]
        if codes:
            found = connection.execute(queries.call_problems_query(numbered, codes, EXAMPLES)).fetchall()
            for code in codes:
                tally.examples[code] = _rows_of([tuple(row[1:]) for row in found if row[0] == code])
        if "dubbel" in tally.problems:
            tally.examples["dubbel"] = _duplicates(
                connection, queries.call_duplicates_query(numbered, definition, EXAMPLES)
            )
        return
    for code in [code for code in tally.problems if code not in UNREADABLE]:
        if code == "dubbel":
            sql = queries.rating_duplicates_query(numbered, definition, EXAMPLES)
        elif code == "velden":
            sql = (
                f"SELECT bestand_nr, regel, gevonden FROM {numbered} WHERE fout = 'velden' "
                f"ORDER BY bestand_nr, regel LIMIT {EXAMPLES}"
            )
        else:
            sql = queries.rating_problems_query(numbered, definition, code, EXAMPLES)
        tally.examples[code] = _duplicates(connection, sql) if code == "dubbel" else _rows(connection, sql)


def _rows(connection, sql: str) -> list[tuple[int, int, str]]:
    return _rows_of(connection.execute(sql).fetchall())


def _rows_of(rows: list[tuple]) -> list[tuple[int, int, str]]:
    return [(int(f), int(line), "" if found is None else str(found)) for f, line, found in rows]


def _duplicates(connection, sql: str) -> list[tuple[int, int, str]]:
    return [
        (int(f), int(line), f"{first_file}:{first_line}")
        for f, line, first_file, first_line in connection.execute(sql).fetchall()
    ]


# Problems


EXPECTED = {
    InputFormat.QUEUE_LOG: (
        "tijdstip|gesprek|wachtrij|agent|gebeurtenis|gegevens, met de gegevens die bij de gebeurtenis horen"
    ),
    InputFormat.CSV: "evenveel velden als de kopregel",
    InputFormat.CALLS: "evenveel velden als de kopregel, met een gesprek-id",
    InputFormat.PARQUET: "",
}


CALLS_A_MONTH = 20
"""The calls a month on average above which a month without any is a file missing, not a quiet month."""


def _report_months_without_calls(
    definition: Definition, tally: Tally, years: Sequence[int], problems: Problems
) -> None:
    """A period measured with months in it that have no call at all: a queue_log of half a year (the rotated file
    of the first half forgotten) gave a figure for the whole year, without a word. A contact centre is called every
    month; ratings may rightly have months without a response, so only calls are looked at, and only where the
    other months have more than 20 calls on average: then a month without any does not happen by chance (e^-20)."""
    if definition.kind is not Kind.REACHABILITY:
        return
    for period in definition.periods(years):
        if any(pause.overlaps(period) for pause in definition.pauses):
            continue
        months = _months(period)
        counts = [tally.months.get(month, (0, 0))[0] for month in months]
        empty = [month for month, n in zip(months, counts, strict=True) if not n]
        # A period without any call says 'geen metingen' itself.
        if empty and len(empty) < len(months) and sum(counts) > CALLS_A_MONTH * (len(months) - len(empty)):
            names = _month_spans(empty)
            problems.warning(
                Location(DEFINITIONS_FILE, line=definition.line),
                f"'{definition.indicator}' heeft voor {period.label} een cijfer, maar in "
                f"{'de maand' if len(empty) == 1 else 'de maanden'} {names} kwam geen enkel gesprek binnen: het "
                "cijfer is dan dat van een deel van de periode.",
                hint="ontbreekt er een bestand (een queue_log van die maanden)? Voeg het toe aan 'bestanden' en meet "
                "opnieuw; stond de centrale uit, zet die tijd dan bij 'niet-gemeten'.",
            )


def _month_spans(months: list[tuple[int, int]]) -> str:
    """Months in order as a reader says them: "januari tot en met juni 2019, oktober 2019"."""
    spans: list[list[tuple[int, int]]] = []
    for year, month in months:
        if spans and (spans[-1][-1][0] * 12 + spans[-1][-1][1]) + 1 == year * 12 + month:
            spans[-1].append((year, month))
        else:
            spans.append([(year, month)])

    def name(year: int, month: int, with_year: bool = True) -> str:
        return format_date(date(year, month, 1), "MMMM y" if with_year else "MMMM", locale="nl")

    return ", ".join(
        name(*span[0])
        if len(span) == 1
        else f"{name(*span[0], with_year=span[0][0] != span[-1][0])} tot en met {name(*span[-1])}"
        for span in spans
    )


def _check_anything_in_the_years(
    definition: Definition, tally: Tally, years: Sequence[int], problems: Problems
) -> None:
    """Files with nothing in the years measured (a queue_log of 2015 for 2019 and 2020, or one of only agents
    logging in) gave 'geen metingen' in every year, which replaced the last good results: an error, as a channel
    that no line has is. Not when the counted lines were told of already, or every period is declared not measured."""
    measured = [p for p in definition.periods(years) if not any(pause.overlaps(p) for pause in definition.pauses)]
    if not measured or tally.skipped or any(problem.location.line == definition.line for problem in problems.errors):
        return
    if any(tally.months.get(month, (0, 0))[0] for period in measured for month in _months(period)):
        return
    what = "reacties" if definition.kind is Kind.RATING else "gesprekken"
    problems.error(
        Location(DEFINITIONS_FILE, line=definition.line),
        f"de meting van '{definition.indicator}' telt niets: de bestanden hebben geen {what} in de jaren die gemeten "
        f"worden ({', '.join(str(year) for year in sorted(set(years)))}).",
        hint="kloppen 'bestanden' en 'jaren' in metingen.yaml? Zonder 'jaren' zijn het die van 'tabel.realisatie'.",
    )


def _report_counted_in_pauses(definition: Definition, tally: Tally, years: Sequence[int], problems: Problems) -> None:
    """Responses or calls in whole months a pause declares not measured are left out: 'van: 2002-03-16' for
    2020-03-16 put every year's 1.500 reactions aside, each year saying the kiosk was off, without a word. Only
    the months of the years measured: the files may hold others."""
    measured = {month for period in definition.periods(years) for month in _months(period)}
    inside = sum(
        counts[0]
        for (year, month), counts in tally.months.items()
        if counts[0]
        and (year, month) in measured
        and any(
            (pause.start is None or pause.start <= date(year, month, 1))
            and (pause.end is None or pause.end >= date(year, month, monthrange(year, month)[1]))
            for pause in definition.pauses
        )
    )
    if inside:
        one, more = ("reactie", "reacties") if definition.kind is Kind.RATING else ("gesprek", "gesprekken")
        problems.warning(
            Location(DEFINITIONS_FILE, line=definition.line),
            f"'{definition.indicator}' heeft {format_number(Decimal(inside))} {one if inside == 1 else more} in "
            f"maanden die 'niet-gemeten' noemt: {'het telt' if inside == 1 else 'ze tellen'} niet mee.",
            hint="kloppen de datums bij 'niet-gemeten' (van, tot)? Werd er wel gemeten, haal die tijd daar dan weg.",
        )


TURNED_ROUND = Decimal(1) / 6
"""A share of positive ratings on smileys below this for each smiley counted positive is questioned: a third for the
usual two (satisfaction at a Dutch counter or phone line is mostly 75 to 90 %, and a scale stated the wrong way round
gives about its complement), a sixth for 'zeer tevreden' alone (usually 30 to 60 %; turned round, 'zeer ontevreden'
is a few percent)."""


def _report_scale_turned_round(definition: Definition, tally: Tally, years: Sequence[int], problems: Problems) -> None:
    """Smileys counted mostly negative, over the years measured: 'zeer-tevreden: 1' for a kiosk whose 5 is 'very
    satisfied' (vendors differ, and the numbers do not say which way they run) published 9 % for 91 %."""
    scale = definition.scale
    if scale is None or scale.kind is not ScaleKind.SMILEYS:
        return
    measured = {month for period in definition.periods(years) for month in _months(period)}
    n = sum(counts[0] for month, counts in tally.months.items() if month in measured)
    positive = sum(counts[1] for month, counts in tally.months.items() if month in measured)
    low, high = scale.range or (0, 0)
    counted = high - (definition.positive_from or low) + 1
    if n < definition.minimum or Decimal(positive) / n >= TURNED_ROUND * counted:
        return
    share = format_number((Decimal(100) * positive / n).quantize(Decimal(1)))
    other = 6 - (scale.best or 5)
    problems.warning(
        Location(DEFINITIONS_FILE, line=definition.line),
        f"'{definition.indicator}' telt {format_number(Decimal(positive))} van de {format_number(Decimal(n))} "
        f"reacties ({share}%) als positief, op de schaal '{scale.name}' met zeer-tevreden: {scale.best}.",
        hint=f"loopt de schaal andersom? Kijk in de handleiding van de zuil of de enquête, of vraag de leverancier, "
        f"welke score 'zeer tevreden' is; is dat {other}, zet dan 'zeer-tevreden: {other}' en meet opnieuw.",
    )


def _report_incomplete_calls(definition: Definition, tally: Tally, years: Sequence[int], problems: Problems) -> None:
    """Calls of which a queue_log holds only a part were counted, or left out, without a word.

    Only in the months that are measured, and not when the measurement has bad lines: a call with a bad line lacks
    that part too, and the bad line is reported already. (A list of calls says how each call ended in its own row,
    where nothing for both answered and hung up is a call that timed out: no part is missing.)"""
    if definition.format is not InputFormat.QUEUE_LOG or tally.skipped:
        return
    measured = {
        month
        for period in definition.periods(years)
        if not any(pause.overlaps(period) for pause in definition.pauses)
        for month in _months(period)
    }
    location = Location(DEFINITIONS_FILE, line=definition.line)
    without_end = sum(count for month, count in tally.without_end.items() if month in measured)
    if without_end:
        one = without_end == 1
        problems.warning(
            location,
            f"{_calls(without_end)} van '{definition.indicator}' {'kwam' if one else 'kwamen'} binnen, maar de "
            f"bestanden zeggen niet hoe {'het afliep' if one else 'ze afliepen'} (geen CONNECT, ABANDON of ander "
            f"einde). {'Het telt' if one else 'Ze tellen'} mee als niet beantwoord.",
            hint="staat het einde in een bestand dat niet bij 'bestanden' hoort, of liep er nog een gesprek toen de "
            "queue_log werd gekopieerd?",
        )
    if tally.without_start:
        one = tally.without_start == 1
        problems.warning(
            location,
            f"{_calls(tally.without_start)} van '{definition.indicator}' {'werd' if one else 'werden'} beantwoord of "
            f"beëindigd, maar de bestanden zeggen niet wanneer {'het binnenkwam' if one else 'ze binnenkwamen'} (geen "
            f"ENTERQUEUE). {'Het telt' if one else 'Ze tellen'} niet mee.",
            hint="staat het begin in een bestand dat niet bij 'bestanden' hoort, zoals een geroteerde queue_log.1?",
        )


def _calls(count: int) -> str:
    return "1 gesprek" if count == 1 else f"{format_number(Decimal(count))} gesprekken"


def _report(definition: Definition, tally: Tally, problems: Problems) -> None:
    """Name the malformed lines (the first few of each kind) and judge them against the error limit."""
    bad = tally.skipped
    if not bad:
        return
    exceeded = definition.error_limit.exceeded(bad, tally.lines)
    report = problems.error if exceeded else problems.warning
    seen = {(p.location, p.message) for p in problems}
    named = sorted(
        (number, line, code, found) for code in tally.problems for number, line, found in tally.examples.get(code, [])
    )
    for number, line, code, found in named:
        location = Location(definition.files[number], line=line)
        message, details = _message(definition, code, found)
        if (location, message) not in seen:
            seen.add((location, message))
            report(location, message, **details)
    for code, count in tally.problems.items():
        examples = tally.examples.get(code, [])
        if count > len(examples):
            rest = count - len(examples)
            report(
                Location(", ".join(definition.files)),
                f"nog {format_number(Decimal(rest))} {'regel' if rest == 1 else 'regels'} met hetzelfde probleem: "
                f"{inputs.ERROR_CODES[code]}",
            )
    unit = "regel" if tally.lines == 1 else "regels"
    summary = (
        f"de meting van '{definition.indicator}' laat {format_number(Decimal(bad))} van de "
        f"{format_number(Decimal(tally.lines))} {unit} weg die niet te gebruiken zijn; "
        f"de foutgrens is {definition.error_limit}."
    )
    if exceeded:
        problems.error(
            Location(DEFINITIONS_FILE, line=definition.line),
            summary,
            hint="verbeter de ruwe gegevens, of verhoog 'foutgrens' in metingen.yaml als deze regels mogen vervallen.",
        )
    else:
        problems.warning(Location(DEFINITIONS_FILE, line=definition.line), summary)


def _message(definition: Definition, code: str, found: str) -> tuple[str, dict[str, str | None]]:
    message = inputs.ERROR_CODES[code]
    details: dict[str, str | None] = {"found": found[:200]}
    if code == "velden":
        details["expected"] = EXPECTED[definition.format] or None
        if definition.format in (InputFormat.CSV, InputFormat.CALLS) and found.count('"') % 2:
            # Each line is read by itself: a field in quotes over two lines (a comment typed with Alt+Enter in Excel)
            # is two lines, each with a quote that is not closed.
            message = (
                f'{message[:-1]}: een aanhalingsteken (") wordt op deze regel niet gesloten; waarschijnlijk staat er '
                "een regeleinde in een veld tussen aanhalingstekens, zoals een opmerking van twee regels."
            )
            details["hint"] = (
                "haal de regeleinden uit dat veld, in Excel met Zoeken en vervangen: bij 'Zoeken naar' Ctrl+J, bij "
                "'Vervangen door' een spatie."
            )
    elif code == "tijdstip":
        details["expected"] = (
            "een aantal seconden sinds 1970 (epoch)"
            if definition.format is InputFormat.QUEUE_LOG
            else "een tijdstip zoals 2020-03-16 09:12:00 of 16-03-2020 09:12"
        )
    elif code == "gebeurtenis":
        message = f"onbekende gebeurtenis '{found}'."
        details = {"expected": "een gebeurtenis van Asterisk, zoals ENTERQUEUE, CONNECT of ABANDON"}
    elif code == "getal":
        details["expected"] = "een aantal seconden"
    elif code == "klok":
        details["hint"] = (
            "een tijdstip zonder tijdzone tussen 02.00 en 03.00 uur in de nacht dat de zomertijd eindigt, kan zomer- "
            "of wintertijd zijn. verantwoord neemt wintertijd, of zomertijd als de wachttijd anders negatief of een "
            "uur of langer is; hier kan geen van beide. Laat het systeem de tijden met hun tijdzone geven (+02:00 "
            "of +01:00) als het dat kan."
        )
    elif code == "tekenset":
        details["expected"] = "tekst in UTF-8 (sla het bestand op als UTF-8; een teken dat niet kan, staat hier als �)"
    elif code in ("score-geen-getal", "score-buiten-schaal"):
        scale = definition.scale
        assert scale is not None
        low, high = scale.range or (0, 0)
        details["expected"] = "ja of nee" if scale.range is None else f"een heel getal van {low} tot en met {high}"
        if scale.kind is ScaleKind.SMILEYS and code == "score-geen-getal":
            words = [f"'{said[0]}'" for _, said in sorted(inputs.WORD_SCORES.items(), reverse=True)]
            details["expected"] += f", of een van de woorden {', '.join(words[:-1])} en {words[-1]}"
        message = f"{message[:-1]} ({scale.name}, voor '{definition.indicator}')."
    elif code == "dubbel":
        first_file, _, first_line = found.rpartition(":")
        where = f"regel {first_line}"
        if definition.files[int(first_file)] != "":
            where = f"{definition.files[int(first_file)]}, regel {first_line}"
        message = f"deze regel staat er al eerder in ({where}); hij telt één keer."
        details = {}
    return message, details


# Outcomes


def _outcomes(
    definition: Definition,
    tally: Tally,
    years: Sequence[int],
    workbook_decimals: int | None,
    files: tuple[tuple[str, str], ...],
    moment: datetime,
    language: str,
) -> list[Outcome]:
    decimals = definition.decimals if definition.decimals is not None else workbook_decimals
    decimals = 1 if decimals is None else decimals
    method = definition.method(language)
    translate = translator(language)
    too_few = "measured_too_few_responses" if definition.kind is Kind.RATING else "measured_too_few_calls"

    def made(period: Period, figure: Number | NoFigure, **more: object) -> Outcome:
        return Outcome(definition.indicator, period, figure, method, files, moment, skipped=tally.skipped, **more)

    outcomes = []
    for period in definition.periods(years):
        # Each reason of the period, as the note under the table gives it: a year with a closed kiosk in spring and
        # another pause in autumn gave the first reason only.
        reasons = dict.fromkeys(pause.reason for pause in definition.pauses if pause.overlaps(period))
        if reasons:
            outcomes.append(made(period, NoFigure("; ".join(reasons))))
            continue
        n = positive = 0
        for year, month in _months(period):
            counts = tally.months.get((year, month))
            if counts:
                n += counts[0]
                positive += counts[1]
        # The reasons in the document's language, with its numbers: "2.543" read as two and a half in English.
        if n == 0:
            outcomes.append(made(period, NoFigure(translate("measured_none")), n=0, positive=0))
        elif n < definition.minimum:
            minimum = format_number(Decimal(definition.minimum), None, language)
            reason = translate(too_few, n=format_number(Decimal(n), None, language), minimum=minimum)
            outcomes.append(made(period, NoFigure(reason), n=n, positive=positive))
        else:
            proportion = wilson(positive, n)
            outcomes.append(
                made(
                    period,
                    Number(proportion.percentage(decimals)),
                    n=n,
                    positive=positive,
                    interval=proportion.interval(max(decimals, 1)),
                )
            )
    return outcomes


def _months(period: Period) -> list[tuple[int, int]]:
    months = []
    current = date(period.start.year, period.start.month, 1)
    while current <= period.end:
        months.append((current.year, current.month))
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months
