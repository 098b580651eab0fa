"""Read raw files with DuckDB into two normalised relations: rating events and call events.

This is the one engine-specific layer: DuckDB's readers (read_csv, read_parquet) with explicit types, the time
zone arithmetic, and the parsing of Asterisk's queue_log. Rows never become Python objects; the files are
read where they lie. Every line keeps its file and line number, and a line that cannot be read is not
dropped but marked with a problem code (`fout`), so the queries can count it and `run` can name it.

Normalised ratings (`RATING_COLUMNS`) and call events (`CALL_COLUMNS`) are what the portable definitions in
`queries` read; the Spark test gives Spark the same relations.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from verantwoord.errors import Location, Problems
from verantwoord.measure.definitions import InputFormat
from verantwoord.measure.queries import CALL_EVENTS, RATING_KEY

RATING_COLUMNS = {
    "bestand_nr": "INTEGER",
    "regel": "BIGINT",
    "fout": "VARCHAR",
    "gevonden": "VARCHAR",
    "kanaal": "VARCHAR",
    "vraag": "VARCHAR",
    "locatie": "VARCHAR",
    "moment": "TIMESTAMP",
    "milliseconde": "INTEGER",
    "steekproef": "BOOLEAN",
    "jaar": "INTEGER",
    "maand": "INTEGER",
    "score_tekst": "VARCHAR",
    "score_getal": "INTEGER",
    "score_ja_nee": "INTEGER",
    "score_woord": "INTEGER",
}
"""One row per line (CSV) or row (Parquet). `moment` is local time, `milliseconde` its milliseconds within the
minute (0 on every row of a file that records the minute only), `steekproef` whether the moment is one of those
`queries.ratings_query` looks at for equal rows (`SAMPLE`); `score_getal` is set only for a whole number,
`score_ja_nee` (1 or 0) only for a yes/no word, `score_woord` (1 to 5, 5 'zeer tevreden') only for a word of
five smileys (`WORD_SCORES`)."""
SAMPLE = "(epoch_us(moment) >> 6) & 63 = 37"
"""One in 64 moments: those whose microseconds have 37 (100101 in binary) in bits 6 to 11. As many for moments kept
to the millisecond, to ten milliseconds or to the second (a second is 2⁶ × 15,625 µs, and 15,625 is odd), and never
a whole minute (2⁸ × 234,375 µs: bit 6 is 0). Bits, not a remainder: `millisecond(moment) % 61` cost DuckDB more
than a second of CPU over 100 million rows (bench/measure)."""

CALL_COLUMNS = {
    "bestand_nr": "INTEGER",
    "regel": "BIGINT",
    "fout": "VARCHAR",
    "gevonden": "VARCHAR",
    "inhoud": "VARCHAR",
    "telregel": "INTEGER",
    "gesprek": "VARCHAR",
    "wachtrij": "VARCHAR",
    "gebeurtenis": "VARCHAR",
    "soort": "INTEGER",
    "epoch": "BIGINT",
    "jaar": "INTEGER",
    "maand": "INTEGER",
    "wacht": "BIGINT",
}
"""One row per queue_log line, or per event of a line of the calls CSV (entry, and answer or hang-up).
`inhoud` is the line itself; `telregel` is 1 on one row per line. `soort` numbers the event (`EVENT_NUMBERS`), so
that the queries compare numbers, not text, on every line. `wacht` is the waiting time the event reports:
CONNECT's holdtime, or the waittime of ABANDON and the EXIT events."""

ERROR_CODES = {
    "velden": "de regel heeft niet de juiste velden.",
    "tijdstip": "het tijdstip is geen geldig tijdstip.",
    "gebeurtenis": "onbekende gebeurtenis.",
    "getal": "de wachttijd is geen geldig aantal seconden.",
    "afloop": "het gesprek is zowel beantwoord als opgehangen.",
    "volgorde": "het gesprek is beantwoord of opgehangen voordat het binnenkwam.",
    "klok": "het gesprek is beantwoord of opgehangen voordat het binnenkwam, in het uur dat twee keer komt als de "
    "zomertijd eindigt.",
    "score-geen-getal": "de score is geen geldige score.",
    "score-buiten-schaal": "de score ligt buiten de schaal.",
    "dubbel": "deze regel staat er al eerder in.",
    "tekenset": "de regel is geen UTF-8: er staat een teken in uit een andere tekenset (zoals Windows-1252).",
    "onleesbaar": "de regel kan niet worden gelezen.",
}
"""The problem codes of a line, and their message."""

QUEUE_EVENTS = {
    # event: (minimum number of data fields, data field with the waiting time or None)
    "ENTERQUEUE": (0, None),
    "CONNECT": (1, 1),
    "ABANDON": (3, 3),
    "EXITWITHTIMEOUT": (3, 3),
    "EXITEMPTY": (3, 3),
    "EXITWITHKEY": (4, 4),
    "WITHDRAW": (3, 3),
    "COMPLETECALLER": (0, None),
    "COMPLETEAGENT": (0, None),
    "RINGNOANSWER": (0, None),
    "RINGCANCELED": (0, None),
    "TRANSFER": (0, None),
    "BLINDTRANSFER": (0, None),
    "ATTENDEDTRANSFER": (0, None),
    "AGENTDUMP": (0, None),
    "SYSCOMPAT": (0, None),
    "DID": (0, None),
    "INFO": (0, None),
    "QUEUESTART": (0, None),
    "CONFIGRELOAD": (0, None),
    "ADDMEMBER": (0, None),
    "REMOVEMEMBER": (0, None),
    "PAUSE": (0, None),
    "UNPAUSE": (0, None),
    "PAUSEALL": (0, None),
    "UNPAUSEALL": (0, None),
    "PAUSECUSTOM": (0, None),
    "RINGINUSE": (0, None),
    "OUTCALL": (0, None),
    "AGENTLOGIN": (0, None),
    "AGENTLOGOFF": (0, None),
    "AGENTCALLBACKLOGIN": (0, None),
    "AGENTCALLBACKLOGOFF": (0, None),
}
"""Every event Asterisk writes to queue_log (app_queue's own, and DID and INFO that dialplans add); anything else is
reported as an unknown event. WITHDRAW: position|original position|waittime|withdraw info."""
EPOCH_END = 10_000_000_000
"""A call's second lies from 1970 up to this (in 2286): `queries.calls_query` needs an event's second × 10⁸ to fit
in 64 bits, and reports any other as an invalid moment."""
EVENT_NUMBERS = {
    event: number
    for number, event in enumerate((*CALL_EVENTS, *(event for event in QUEUE_EVENTS if event not in CALL_EVENTS)))
}
"""The column `soort`: the call's own events first, as `queries.CALL_EVENTS` numbers them; NULL: unknown."""
EVENT_TYPE = "ENUM(" + ", ".join(f"'{event}'" for event in EVENT_NUMBERS) + ")"
"""The events in the order of `EVENT_NUMBERS`, as a type of no name: a line's event is its code in it, found by a cast
(a lookup in a hash table) instead of a CASE of 33 names; the counting query over ten years of queue_log took about
6 % less time (bench/measure/HISTORY.md). Unnamed, it needs no entry in the connection's catalog, where a type of the
same name from elsewhere could stand."""
QUEUE_LOG_FIELDS = (5, 10)
"""epoch|callid|queue|agent|event, then at most five data fields."""

RATING_ALIASES = {
    "kanaal": ("kanaal", "channel"),
    "tijdstip": ("tijdstip", "timestamp", "moment"),
    "score": ("score",),
    "vraag": ("vraag", "question"),
    "locatie": ("locatie", "location"),
}
CALL_ALIASES = {
    "gesprek": ("gesprek", "call_id"),
    "wachtrij": ("wachtrij", "queue"),
    "binnenkomst": ("binnenkomst", "entered"),
    "beantwoord": ("beantwoord", "answered"),
    "opgehangen": ("opgehangen", "abandoned"),
}
REQUIRED = {"kanaal", "tijdstip", "score", "gesprek", "wachtrij", "binnenkomst"}


def column_name(text: str) -> str:
    """A column's name as it is matched with the names above: without case, spaces, hyphens and underscores, so that
    a vendor's 'Call ID' or 'Time-stamp' is call_id or timestamp."""
    return re.sub(r"[\s_-]+", "", text).lower()


PARQUET_MAGIC = b"PAR1"
"""The first bytes of every Parquet file."""
YES = ("ja", "j", "yes", "y", "1", "1.0", "1,0", "true", "waar")
NO = ("nee", "n", "no", "0", "0.0", "0,0", "false", "onwaar")
WORD_SCORES = {
    5: ("zeer tevreden", "heel tevreden", "very satisfied"),
    4: ("tevreden", "satisfied"),
    3: ("neutraal", "niet tevreden, niet ontevreden", "neutral", "neither satisfied nor dissatisfied"),
    2: ("ontevreden", "niet tevreden", "dissatisfied"),
    1: ("zeer ontevreden", "heel ontevreden", "very dissatisfied"),
}
"""The words of five smileys that kiosks and keypad surveys export instead of a number, each with its place counted
from 'very dissatisfied': the words say which end is best, whichever way a vendor numbers its scale."""
_LINE_DELIMITER = "\x01"
"""A delimiter that does not occur, so read_csv gives each line whole (blank lines too)."""


@dataclass(frozen=True)
class Source:
    """A normalised relation registered in the connection, over these files."""

    view: str
    files: tuple[str, ...]
    format: InputFormat
    words: bool = True
    """Whether a rating's score may be a word ('Zeer tevreden'): not in Parquet files whose score column is a number."""


def connect(memory_limit: str | None = None, temp_directory: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A fresh in-memory DuckDB with a bounded memory and a folder to spill to."""
    connection = duckdb.connect(":memory:")
    connection.execute("SET enable_progress_bar = false")
    # Two of DuckDB's rewrites move work into the views, where each reference to a line's fields becomes a parse of
    # the line of its own: a filter on a view's column (WHERE fout = 'velden'), pushed down, made naming the problem
    # lines of ten years of queue_log take 20 s per kind of problem instead of 0.9 s; the ratings' aggregates,
    # pushed down, made 10 million ratings in CSV take 32 s instead of 9 s. Parquet and the calls are as fast without
    # them (bench/measure/HISTORY.md).
    known = {name for (name,) in connection.execute("SELECT name FROM duckdb_optimizers()").fetchall()}
    connection.execute(f"SET disabled_optimizers = {_literal(disabled_optimizers(known))}")
    if memory_limit:
        connection.execute(f"SET memory_limit = {_literal(memory_limit)}")
    if temp_directory is not None:
        connection.execute(f"SET temp_directory = {_literal(str(temp_directory))}")
    return connection


SLOW_REWRITES = ("filter_pushdown", "partial_aggregate_pushdown")
"""DuckDB's rewrites that `connect` turns off (see there)."""


def disabled_optimizers(known: set[str]) -> str:
    """The setting that turns off the slow rewrites this DuckDB has: before 2.0 it had no partial_aggregate_pushdown,
    and naming an optimizer it does not know is an error."""
    return ",".join(name for name in SLOW_REWRITES if name in known)


def register(
    connection: duckdb.DuckDBPyConnection,
    root: Path,
    view: str,
    files: tuple[str, ...],
    fmt: InputFormat,
    timezone: str,
    problems: Problems,
    numbered: bool = True,
    gaps: dict[int, tuple[int, ...]] | None = None,
    read_from: dict[int, Path] | None = None,
) -> Source | None:
    """Create the view `view` over `files`; None (reported) when a file cannot be read at all.

    Without `numbered`, `regel` is NULL for text files: numbering lines keeps DuckDB to one thread, so the
    counting pass goes without, and only the query that names problem lines uses the numbered view. The
    reader leaves out the lines it cannot read; `gaps` are those lines, by file number (`scan_file` found them),
    which the numbering needs to keep counting the lines of the file. `read_from` gives, by file number, a copy to
    read in place of the file (in UTF-8, of a file in Windows-1252: `transcode`); messages name the file.
    """
    paths = [(read_from or {}).get(number, root / name) for number, name in enumerate(files)]
    words = fmt is not InputFormat.PARQUET  # a CSV's score is text; a Parquet file's is said by its schema
    if fmt is InputFormat.QUEUE_LOG and not numbered and len({path.suffix.lower() in UNCHECKED for path in paths}) == 1:
        # One reader over all the files, each line with its file's place in the list: a union of a reader per file
        # ran a pipeline per file, which made the counting query over ten years of queue_log (ten files) slower.
        parts = [_queue_log(f"SELECT file_index AS bestand_nr, regel, raw FROM ({_lines(paths, False)})", timezone)]
    else:
        parts = []
        for number, (name, path) in enumerate(zip(files, paths, strict=True)):
            left_out = (gaps or {}).get(number, ())
            if fmt is InputFormat.PARQUET:
                part, numeric = _parquet_ratings(connection, path, name, number, timezone, problems)
                words = words or not numeric
            elif fmt is InputFormat.CSV:
                part = _csv_ratings(path, name, number, timezone, problems, numbered, left_out)
            elif fmt is InputFormat.QUEUE_LOG:
                lines = _lines(path, numbered, left_out)
                part = _queue_log(f"SELECT {number} AS bestand_nr, regel, raw FROM ({lines})", timezone)
            else:
                part = _csv_calls(path, name, number, timezone, problems, numbered, left_out)
            if part is not None:
                parts.append(part)
        if len(parts) != len(files):
            return None
    columns = RATING_COLUMNS if fmt in (InputFormat.CSV, InputFormat.PARQUET) else CALL_COLUMNS
    select = ", ".join(f"CAST({column} AS {kind}) AS {column}" for column, kind in columns.items())
    body = " UNION ALL ".join(f"SELECT {select} FROM ({part})" for part in parts)
    connection.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS {body}")
    return Source(view, files, fmt, words)


def count_repeated_ratings(connection: duckdb.DuckDBPyConnection, source: Source, condition: str) -> int:
    """How often a readable rating (of a row matching `condition`) is also in another file: 0 means never, for
    certain. Equal rows in one file are as many ratings (`queries.ratings_query`), so one file repeats nothing.

    Equal rows have equal hashes, so when the distinct hashes are as many as the distinct (hash, file) pairs, no
    file has a rating of another. A count above 0 may (very rarely) be a hash collision; the exact query that
    follows sorts that out.
    """
    if len(source.files) < 2:
        return 0
    key = f"hash({RATING_KEY})"
    row = connection.execute(
        f"SELECT COUNT(DISTINCT ({key}, bestand_nr)) - COUNT(DISTINCT {key}) FROM {source.view} "
        f"WHERE fout IS NULL AND ({condition})"
    ).fetchone()
    return int(row[0] or 0)


# Ratings


def _csv_ratings(
    path: Path, name: str, number: int, timezone: str, problems: Problems, numbered: bool, gaps: tuple[int, ...]
) -> str | None:
    header = _header(path, name, RATING_ALIASES, problems)
    if header is None:
        return None
    delimiter, positions, count = header
    fields = _csv_fields(delimiter)

    def field(column: str) -> str:
        return f"veld_{column}" if column in positions else "NULL"

    # Each field is trimmed once, in a projection of its own: the moment and the score refer to theirs many times.
    trimmed = "".join(f", {_trimmed(f'velden[{index + 1}]')} AS veld_{column}" for column, index in positions.items())
    score = field("score")
    stamp = field("tijdstip")
    moment = _moment(stamp, timezone)
    return f"""
        SELECT {number} AS bestand_nr, regel,
            CASE WHEN velden IS NULL OR len(velden) <> {count} THEN 'velden'
                 WHEN {moment} IS NULL THEN 'tijdstip' END AS fout,
            CASE WHEN velden IS NULL OR len(velden) <> {count} THEN raw ELSE {stamp} END AS gevonden,
            {field("kanaal")} AS kanaal, {field("vraag")} AS vraag, {field("locatie")} AS locatie,
            {moment} AS moment, millisecond(moment) AS milliseconde, {SAMPLE} AS steekproef, year(moment) AS jaar,
            month(moment) AS maand,
            {score} AS score_tekst, {_whole_number(score)} AS score_getal, {_yes_no(score)} AS score_ja_nee,
            {_word_score(score)} AS score_woord
        FROM (
            SELECT *{trimmed} FROM (
                SELECT regel, raw, {fields} AS velden
                FROM ({_lines(path, numbered, gaps, header=True)})
                WHERE raw <> ''
            )
        )
    """


def _parquet_ratings(
    connection, path: Path, name: str, number: int, timezone: str, problems: Problems
) -> tuple[str | None, bool]:
    """The rows of a Parquet file of ratings (None when it cannot be read, reported), and whether its score column is
    a number (then no score is a word)."""
    try:
        with path.open("rb") as file:
            parquet = file.read(len(PARQUET_MAGIC)) == PARQUET_MAGIC
    except OSError as error:
        problems.error(Location(name), f"het bestand kan niet worden gelezen: {error.strerror}.")
        return None, False
    if not parquet:
        problems.error(
            Location(name),
            "het bestand is geen Parquet-bestand.",
            hint="een meting leest bestanden van één formaat: noem bij 'bestanden' alleen Parquet-bestanden of alleen "
            "CSV-bestanden (met 'formaat: csv').",
        )
        return None, False
    try:
        described = connection.execute(f"DESCRIBE SELECT * FROM read_parquet({_file(path)})").fetchall()
        schema = connection.execute(f"SELECT name, num_children FROM parquet_schema({_file(path)})").fetchall()
    except duckdb.Error as error:
        problems.error(Location(name), f"het Parquet-bestand kan niet worden gelezen: {_first_line(error)}")
        return None, False
    # DuckDB reads a second 'Score' beside 'score' as 'Score_1': the file's own names say it is there twice.
    if _named_twice(name, _top_level_names(schema), RATING_ALIASES, problems, line=None, where="in het bestand"):
        return None, False
    # Names as a CSV header's are read: 'Score ' (a heading with a space after it, as pandas keeps it) is score.
    types = {column_name(str(row[0])): (str(row[0]), str(row[1]).upper()) for row in described}
    positions = {}
    for column, aliases in RATING_ALIASES.items():
        found = next((types[column_name(a)] for a in aliases if column_name(a) in types), None)
        if found:
            positions[column] = found
        elif column in REQUIRED:
            problems.error(
                Location(name),
                f"de kolom '{column}' ontbreekt.",
                found=", ".join(original for original, _ in types.values()),
                expected="de kolommen kanaal, tijdstip en score (en eventueel vraag en locatie)",
            )
    if any(column not in positions for column in REQUIRED & RATING_ALIASES.keys()):
        return None, False

    def text(column: str) -> str:
        if column not in positions:
            return "NULL"
        return _stripped(f"CAST({_identifier(positions[column][0])} AS VARCHAR)")

    stamp_name, stamp_type = positions["tijdstip"]
    stamp = _identifier(stamp_name)
    # DuckDB 2 reads a zoned timestamp in nanoseconds (pandas' own) as TIMESTAMPTZ_NS; cast to TIMESTAMP, it took
    # the computer's zone instead of `timezone`.
    if "TIME ZONE" in stamp_type or stamp_type.startswith("TIMESTAMPTZ"):
        moment = f"timezone({_literal(timezone)}, CAST({stamp} AS TIMESTAMPTZ))"
    elif stamp_type.startswith("TIMESTAMP") or stamp_type == "DATE":
        moment = f"CAST({stamp} AS TIMESTAMP)"
    else:
        moment = _moment(text("tijdstip"), timezone)
    score_name, score_type = positions["score"]
    score = _identifier(score_name)
    word = "NULL"
    if score_type in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"):
        whole = f"TRY_CAST({score} AS INTEGER)"
        yes_no = f"CASE {score} WHEN 1 THEN 1 WHEN 0 THEN 0 END"
    elif score_type == "BOOLEAN":
        whole = "CAST(NULL AS INTEGER)"
        yes_no = f"CAST({score} AS INTEGER)"
    elif score_type in ("FLOAT", "DOUBLE") or score_type.startswith("DECIMAL"):
        whole = f"CASE WHEN {score} = floor({score}) THEN TRY_CAST({score} AS INTEGER) END"
        yes_no = f"CASE WHEN {score} = 1 THEN 1 WHEN {score} = 0 THEN 0 END"
    else:
        whole = _whole_number(text("score"))
        yes_no = _yes_no(text("score"))
        word = _word_score(text("score"))
    return (
        f"""
        SELECT {number} AS bestand_nr, file_row_number + 1 AS regel,
            CASE WHEN moment IS NULL THEN 'tijdstip' END AS fout,
            CASE WHEN moment IS NULL THEN {text("tijdstip")} END AS gevonden,
            {text("kanaal")} AS kanaal, {text("vraag")} AS vraag, {text("locatie")} AS locatie,
            moment, millisecond(moment) AS milliseconde, {SAMPLE} AS steekproef, year(moment) AS jaar,
            month(moment) AS maand,
            {text("score")} AS score_tekst, {whole} AS score_getal, {yes_no} AS score_ja_nee, {word} AS score_woord
        FROM (SELECT *, {moment} AS moment FROM read_parquet({_file(path)}, file_row_number = true))
    """,
        word == "NULL",
    )


# Calls


def _queue_log(lines: str, timezone: str) -> str:
    """The events of the `lines` of queue_logs (`bestand_nr`, `regel`, `raw`). Asterisk writes no padding and no
    quotes: a plain split on '|' reads a line."""
    low, high = QUEUE_LOG_FIELDS
    minimum = " ".join(f"WHEN {EVENT_NUMBERS[e]} THEN {low + n}" for e, (n, _) in QUEUE_EVENTS.items() if n)
    wait_field = " ".join(f"WHEN {EVENT_NUMBERS[e]} THEN v[{5 + f}]" for e, (_, f) in QUEUE_EVENTS.items() if f)
    # The period of a call is that of its entry: its month (jaar × 100 + maand) is worked out for ENTERQUEUE lines
    # with a valid moment only (local time is the costliest step per line, and fails on a moment out of range).
    period = f"CASE WHEN soort = 0 AND epoch >= 0 AND epoch < {EPOCH_END} THEN {_local_month('epoch', timezone)} END"
    return f"""
        SELECT bestand_nr, regel, raw AS inhoud, 1 AS telregel, fout,
            CASE fout WHEN 'tijdstip' THEN v[1] WHEN 'gebeurtenis' THEN ev WHEN 'getal' THEN wacht_tekst ELSE raw END
                AS gevonden,
            gesprek, v[3] AS wachtrij, ev AS gebeurtenis, soort, epoch, maand_nr // 100 AS jaar,
            maand_nr % 100 AS maand, wacht
        FROM (
            SELECT *,
                {period} AS maand_nr,
                CASE WHEN velden < {low} OR velden > {high} OR velden < CASE soort {minimum} ELSE {low} END
                        THEN 'velden'
                     WHEN epoch IS NULL OR epoch < 0 OR epoch >= {EPOCH_END} THEN 'tijdstip'
                     WHEN soort IS NULL THEN 'gebeurtenis'
                     WHEN wacht_tekst IS NOT NULL AND (wacht IS NULL OR wacht < 0) THEN 'getal'
                     WHEN gesprek IS NULL AND soort < {len(CALL_EVENTS)} THEN 'velden'
                END AS fout
            FROM (
                SELECT bestand_nr, regel, raw, v, len(v) AS velden, TRY_CAST(v[1] AS BIGINT) AS epoch,
                    nullif(v[2], '') AS gesprek, v[5] AS ev, soort, wacht_tekst,
                    TRY_CAST(wacht_tekst AS BIGINT) AS wacht
                FROM (
                    SELECT bestand_nr, regel, raw, v, soort, CASE soort {wait_field} END AS wacht_tekst
                    FROM (
                        SELECT bestand_nr, regel, raw, v,
                            CAST(enum_code(TRY_CAST(v[5] AS {EVENT_TYPE})) AS INTEGER) AS soort
                        FROM (SELECT bestand_nr, regel, raw, string_split(raw, '|') AS v FROM ({lines}))
                    )
                    WHERE raw <> ''
                )
            )
        )
    """


ZONE_MARGIN = 15 * 3600
"""More than any zone's distance from UTC since 1970 (UTC−12 to UTC+14), in seconds."""


def _local_month(epoch: str, timezone: str) -> str:
    """The month (jaar × 100 + maand) in `timezone` of the second `epoch` (from 1970, UTC).

    A moment whose UTC month is the same `ZONE_MARGIN` before and after it has that month in every zone, and needs
    no look-up of the zone's rules; only the moments within fifteen hours of a month's change (4 % of them) do. The
    look-up (ICU's) was a tenth of the counting query over ten years of queue_log (bench/measure/HISTORY.md).
    """
    before, after = (f"make_timestamp(({epoch} {sign} {ZONE_MARGIN}) * 1000000)" for sign in "-+")
    local = f"timezone({_literal(timezone)}, to_timestamp({epoch}))"
    month = "year({0}) * 100 + month({0})"
    return (
        f"CASE WHEN {month.format(before)} = {month.format(after)} THEN {month.format(before)} "
        f"ELSE {month.format(local)} END"
    )


def _csv_calls(
    path: Path, name: str, number: int, timezone: str, problems: Problems, numbered: bool, gaps: tuple[int, ...]
) -> str | None:
    header = _header(path, name, CALL_ALIASES, problems)
    if header is None:
        return None
    delimiter, positions, count = header
    fields = _csv_fields(delimiter)

    def field(column: str) -> str:
        return _trimmed(f"velden[{positions[column] + 1}]") if column in positions else "NULL"

    entered, answered, abandoned = field("binnenkomst"), field("beantwoord"), field("opgehangen")
    # Instants (TIMESTAMPTZ), not local times: a wait across the change to winter time is its real seconds.
    t_in, t_answer, t_hangup = (_instant(x, timezone) for x in (entered, answered, abandoned))
    tz = _literal(timezone)
    # A call is its id on the day it came in: many systems number the calls of each export (a month, a day) from 1
    # again, and the calls 1 of January and of March were one call. Rows of one call are rows of one day, also in
    # exports that overlap.
    call = f"{field('gesprek')} || '@' || CAST(CAST(timezone({tz}, binnen) AS DATE) AS VARCHAR)"
    parsed = f"""
        SELECT regel, raw, {call} AS gesprek, {field("wachtrij")} AS wachtrij,
            binnen, opgenomen, opgehangen, epoch(binnen) AS epoch, timezone({tz}, binnen) AS lokaal,
            CASE WHEN velden IS NULL OR len(velden) <> {count} OR {field("gesprek")} IS NULL THEN 'velden'
                 WHEN binnen IS NULL THEN 'tijdstip'
                 WHEN {answered} IS NOT NULL AND opgenomen IS NULL THEN 'tijdstip'
                 WHEN {abandoned} IS NOT NULL AND opgehangen IS NULL THEN 'tijdstip'
                 WHEN opgenomen IS NOT NULL AND opgehangen IS NOT NULL THEN 'afloop'
                 WHEN opgenomen < binnen OR opgehangen < binnen THEN CASE WHEN klok THEN 'klok' ELSE 'volgorde' END
            END AS fout,
            CASE WHEN velden IS NULL OR len(velden) <> {count} OR {field("gesprek")} IS NULL THEN raw
                 WHEN binnen IS NULL THEN {entered}
                 WHEN {answered} IS NOT NULL AND opgenomen IS NULL THEN {answered}
                 WHEN {abandoned} IS NOT NULL AND opgehangen IS NULL THEN {abandoned}
                 ELSE raw END AS gevonden
        FROM ({_read_in_summer_time(entered, answered, abandoned, timezone)}
        FROM (
            SELECT regel, raw, velden, {_in_range("binnen")} AS binnen, {_in_range("opgenomen")} AS opgenomen,
                {_in_range("opgehangen")} AS opgehangen
            FROM (
                SELECT regel, raw, velden, {t_in} AS binnen, {t_answer} AS opgenomen, {t_hangup} AS opgehangen
                FROM (
                    SELECT regel, raw, {fields} AS velden FROM ({_lines(path, numbered, gaps, header=True)})
                    WHERE raw <> ''
                )
            )
        ))
    """
    common = (
        f"{number} AS bestand_nr, regel, fout, gevonden, raw AS inhoud, gesprek, wachtrij, "
        "year(lokaal) AS jaar, month(lokaal) AS maand"
    )
    answer = "epoch + CAST(epoch(opgenomen) - epoch(binnen) AS BIGINT)"
    hangup = "epoch + CAST(epoch(opgehangen) - epoch(binnen) AS BIGINT)"
    return f"""
        WITH gesprek AS ({parsed})
        SELECT {common}, 1 AS telregel, 'ENTERQUEUE' AS gebeurtenis, {EVENT_NUMBERS["ENTERQUEUE"]} AS soort, epoch,
            NULL AS wacht
        FROM gesprek
        UNION ALL
        SELECT {common}, 0, 'CONNECT', {EVENT_NUMBERS["CONNECT"]}, {answer}, epoch(opgenomen) - epoch(binnen)
        FROM gesprek WHERE fout IS NULL AND opgenomen IS NOT NULL
        UNION ALL
        SELECT {common}, 0, 'ABANDON', {EVENT_NUMBERS["ABANDON"]}, {hangup}, epoch(opgehangen) - epoch(binnen)
        FROM gesprek WHERE fout IS NULL AND opgehangen IS NOT NULL
    """


def _read_in_summer_time(entered: str, answered: str, abandoned: str, timezone: str) -> str:
    """The columns of a call (`regel`, `raw`, `velden`, the instants `binnen`, `opgenomen` and `opgehangen`), with a
    time in the hour that comes twice when summer time ends read in summer time where winter time makes the wait
    negative or an hour or more (and summer time does not), and `klok`: whether a time is in that hour.

    Without a zone a time in that hour is taken as winter time (`_instant`): a call of 01:59:50 answered at 02:00:05
    waited 3,615 s, one of 02:59:50 (still summer time) answered at 02:00:05 was answered before it came in. Only the
    rows whose wait is out of bounds look up the zone's rules."""
    tz = _literal(timezone)

    def repeated(instant: str, text: str) -> str:  # a local time without a zone, one hour later than it may be
        return (
            f"({text} IS NOT NULL AND NOT regexp_matches({text}, {_ZONED}) "
            f"AND timezone({tz}, {instant} - INTERVAL 1 HOUR) = timezone({tz}, {instant}))"
        )

    end = "coalesce(opgenomen, opgehangen)"
    start = (
        f"CASE WHEN {end} < binnen THEN CASE WHEN {end} >= binnen - INTERVAL 1 HOUR AND {repeated('binnen', entered)} "
        "THEN binnen - INTERVAL 1 HOUR ELSE binnen END ELSE binnen END"
    )

    def finish(instant: str, text: str) -> str:
        return (
            f"CASE WHEN {instant} >= binnen + INTERVAL 1 HOUR THEN CASE WHEN {instant} - INTERVAL 1 HOUR >= binnen "
            f"AND {repeated(instant, text)} THEN {instant} - INTERVAL 1 HOUR ELSE {instant} END ELSE {instant} END"
        )

    clock = (
        f"CASE WHEN {end} < binnen THEN {repeated('binnen', entered)} OR {repeated('opgenomen', answered)} "
        f"OR {repeated('opgehangen', abandoned)} END"
    )
    return (
        f"SELECT regel, raw, velden, {start} AS binnen, {finish('opgenomen', answered)} AS opgenomen, "
        f"{finish('opgehangen', abandoned)} AS opgehangen, {clock} AS klok"
    )


# Pieces of SQL


def _lines(path: Path | list[Path], numbered: bool, gaps: tuple[int, ...] = (), header: bool = False) -> str:
    """Every line of the file that can be read, blank ones included, with its number (1 = the first line),
    without the header. Of several files (`path` a list; not `numbered`), with the place of each line's file in
    the list (`file_index`).

    DuckDB's CSV reader keeps the file's order (preserve_insertion_order), and row_number() OVER () numbers
    the rows in that order as they stream; a test checks this on a file of many chunks. Without `numbered`
    the number is NULL and the file is read in parallel. A line the reader cannot read (not UTF-8) is left out;
    `scan_file` names it. `gaps` are the lines left out, which the numbering counts: the k-th line read is line
    k + the number of lines left out before it.
    """
    paths = path if isinstance(path, list) else [path]
    read = (
        f"read_csv([{', '.join(_file(p) for p in paths)}], columns = {{'raw': 'VARCHAR'}}, "
        f"delim = '{_LINE_DELIMITER}', quote = '', escape = '', header = false, auto_detect = false, "
        f"strict_mode = false, max_line_size = {MAX_LINE_SIZE}, "
        f"ignore_errors = {'false' if paths[0].suffix.lower() in UNCHECKED else 'true'}"
    )
    if not numbered:
        return f"SELECT CAST(NULL AS BIGINT) AS regel, raw, file_index FROM {read}{', skip = 1' if header else ''})"
    lines = f"SELECT row_number() OVER () AS regel, raw FROM {read})"
    if gaps:
        # After k lines read, a run of lines left out: the key k, and how many are left out up to its end.
        left_out: dict[int, int] = {}
        for count, line in enumerate(sorted(gaps), start=1):
            left_out[line - count] = count
        if len(left_out) <= 32:
            steps = " + ".join(
                f"CASE WHEN regel > {key} THEN {count - previous} ELSE 0 END"
                for (key, count), previous in zip(left_out.items(), (0, *left_out.values()), strict=False)
            )
            lines = f"SELECT regel + {steps} AS regel, raw FROM ({lines})"
        else:
            keys = ", ".join(f"({key}, {count})" for key, count in left_out.items())
            lines = f"""
                SELECT gelezen.regel + COALESCE(gaten.weg, 0) AS regel, raw FROM ({lines}) AS gelezen
                ASOF LEFT JOIN (VALUES {keys}) AS gaten (na, weg) ON gelezen.regel > gaten.na"""
    return f"SELECT * FROM ({lines}) WHERE regel > 1" if header else lines


UNREADABLE_LIMIT = 1000
"""More lines than this that are not UTF-8, and the file is taken to be in another character set as a whole."""
MAX_LINE_SIZE = 10_000_000
"""The longest line DuckDB's reader takes (`_lines`); a longer one is left out, and `scan_file` names it. DuckDB
counts the line ends right before a line as part of it: the first line may have 10,000,000 bytes, a line after
another 9,999,999, a line after two blank lines 9,999,997 (measured with DuckDB 2.0; a property test checks it)."""
_BLOCK = 1 << 20


@dataclass(frozen=True)
class FileScan:
    """A raw file read once, beside DuckDB: its SHA-256 for the provenance, and the lines DuckDB's reader will
    leave out (`_lines` reads with ignore_errors), which no query sees."""

    sha256: str
    unreadable: tuple[tuple[int, str, str], ...] = ()
    """(line, problem code, the line as text) of the first `UNREADABLE_LIMIT` of them: 'tekenset' for a line
    that is not UTF-8 (its wrong bytes shown as �), 'onleesbaar' for one longer than `MAX_LINE_SIZE`."""
    more: bool = False
    """Whether there are more than those: the file is not UTF-8 at all, most likely."""
    windows_1252: bool = False
    """Whether the file is in Windows-1252 as a whole (Dutch Excel's 'CSV (gescheiden door lijstscheidingsteken)'):
    it has lines that are not UTF-8, and nothing anywhere that is UTF-8 beyond ASCII."""

    def in_windows_1252(self) -> FileScan:
        """The scan of the file read as Windows-1252 (`transcode`): only its lines that are too long are left out."""
        kept = tuple(line for line in self.unreadable if line[1] != "tekenset")
        return FileScan(self.sha256, kept)


def transcode(path: Path, target: Path) -> Path:
    """A copy of the file in Windows-1252 at `target`, in UTF-8 and unpacked, for DuckDB's reader, which reads only
    UTF-8 (its 'latin-1' refuses the bytes where Windows-1252 has '€', '“' and '–'). One byte is one character and
    a line end stays one, so every line keeps its number."""
    with gzip.open(path, "rb") if path.suffix.lower() == ".gz" else path.open("rb") as file, target.open("wb") as out:
        while block := file.read(_BLOCK):
            out.write(block.decode("cp1252", "replace").encode("utf-8"))
    return target


def starts_in_utf8(path: Path) -> bool:
    """Whether the first line (the header) of a text file is UTF-8; one that is not stops its reading at once, unless
    the file is read as Windows-1252 from the start."""
    try:
        with gzip.open(path, "rb") if path.suffix.lower() == ".gz" else path.open("rb") as file:
            file.readline(1_000_000).decode("utf-8")
    except UnicodeDecodeError:
        return False
    except (OSError, EOFError):
        pass  # said when the file is read
    return True


UNCHECKED = (".zst",)
"""Compressed files that DuckDB's reader unpacks itself and Python cannot: read without ignore_errors, so that a line
that is not UTF-8 stops the measurement with DuckDB's message instead of being left out unseen."""


def scan_file(path: Path, text: bool) -> FileScan:
    """Hash the file, and for a text file find the lines that DuckDB's reader will leave out, in one read.

    Python, not DuckDB's rejects table: storing the rejected lines made DuckDB take 10 s and 2.4 GB for a file of
    2 million lines in Windows-1252 (0.1 s without), and its copy of a line lost the character after a wrong
    byte. A block of plain ASCII, which a queue_log is, is checked in 0.03 s per 400 MB; only other blocks are
    decoded. A .gz file (logrotate's queue_log.1.gz), which DuckDB unpacks, is checked unpacked.
    """
    digest = hashlib.sha256()
    suffix = path.suffix.lower()
    scanner = _LineScanner() if text and suffix not in UNCHECKED else None
    with path.open("rb") as file:
        while block := file.read(_BLOCK):
            digest.update(block)
            if scanner is not None and suffix != ".gz":
                scanner.feed(block)
    if scanner is None:
        return FileScan(digest.hexdigest())
    if suffix == ".gz":
        with gzip.open(path, "rb") as file:
            while block := file.read(_BLOCK):
                scanner.feed(block)
    found = scanner.finish()
    numbers = _line_numbers(path, [offset for offset, _, _ in found], scanner.newline)
    unreadable = tuple(
        (line, code, content.rstrip(b"\r").decode("utf-8", "replace")[:200])
        for line, (_, code, content) in zip(numbers, found, strict=True)
    )
    windows_1252 = not scanner.utf8 and any(code == "tekenset" for _, code, _ in found)
    return FileScan(digest.hexdigest(), unreadable[:UNREADABLE_LIMIT], len(found) > UNREADABLE_LIMIT, windows_1252)


_UTF8_BYTES = b"." * 0x80 + b"c" * 0x40 + b".." + b"2" * 30 + b"3" * 16 + b"4" * 5 + b"." * 11
"""Every byte by its part in UTF-8 beyond ASCII: a continuation (c), the first of 2, 3 or 4, or none (.)."""


def _has_utf8(block: bytes) -> bool:
    """Whether the block has a character beyond ASCII in UTF-8. Text in Windows-1252 hardly ever has one: a letter
    like é is followed by ASCII, not by two of the bytes of '€', '“', '–' and '°'. A table and three searches, not a
    regular expression, which doubled the scan of a file in Windows-1252."""
    parts = block.translate(_UTF8_BYTES)
    return b"2c" in parts or b"3cc" in parts or b"4ccc" in parts


class _LineScanner:
    """The lines of a file, fed in blocks, that DuckDB's reader leaves out: not UTF-8, or too long.

    Only the line a block continues from the one before, and the lines of a block that is not plain ASCII, are
    looked at; a line of 10 MB or more can only be one that runs through several blocks.
    """

    def __init__(self) -> None:
        self.found: list[tuple[int, str, bytes]] = []  # (offset of the line in the file, code, the line)
        self.carry = b""  # the start of the line the last block did not end
        self.offset = 0  # where `carry` begins in the file
        self.in_long_line = False  # in a line already reported as too long
        self.newline = b""  # b"\r" for a file with only the line ends of an old Mac
        self.ends = 0  # the line ends right before `carry`, which DuckDB counts in its length (`MAX_LINE_SIZE`)
        self.utf8 = False  # whether a character beyond ASCII in UTF-8 was seen (`FileScan.windows_1252`)

    def feed(self, block: bytes) -> None:
        if len(self.found) > UNREADABLE_LIMIT:
            if not self.utf8 and not block.isascii():
                self.utf8 = _has_utf8(block)
            return
        if not self.newline:
            self.newline = b"\r" if b"\n" not in block and b"\r" in block else b"\n"
        first = block.find(self.newline)
        if first < 0:  # no line ends in this block
            if self.in_long_line:
                self.offset += len(block)
            else:
                self.carry += block
                if self.ends + len(self.carry) > MAX_LINE_SIZE:
                    self.found.append((self.offset, "onleesbaar", self.carry[:200]))
                    self.in_long_line, self.offset, self.carry = True, self.offset + len(self.carry), b""
            return
        plain = block.isascii()
        if not plain and not self.utf8:
            self.utf8 = _has_utf8(block)
        line_goes_on = self.in_long_line or bool(self.carry)  # a line before this block's first line end
        if self.in_long_line:
            self.in_long_line = False
        elif self.ends + len(self.carry) + first > MAX_LINE_SIZE:
            self.found.append((self.offset, "onleesbaar", (self.carry + block[:200])[:200]))
        elif not (plain and self.carry.isascii()):
            self._check(self.carry + block[:first], self.offset)
        self.offset += len(self.carry) + first + 1
        end = block.rfind(self.newline) + 1
        if not plain and end > first + 1:
            self._check(block[first + 1 : end], self.offset)
        self.offset += end - first - 1
        self.carry = block[end:]
        run, newline = 1, self.newline[0]
        while run < end and block[end - 1 - run] == newline:
            run += 1
        if run == end and not line_goes_on:  # the block up to here is line ends, after those of the last block
            run += self.ends
        self.ends = run

    def finish(self) -> list[tuple[int, str, bytes]]:
        if self.carry and not self.in_long_line and len(self.found) <= UNREADABLE_LIMIT:
            if self.ends + len(self.carry) > MAX_LINE_SIZE:
                self.found.append((self.offset, "onleesbaar", self.carry[:200]))
            elif not self.carry.isascii():
                self._check(self.carry, self.offset)
        return self.found

    def _check(self, data: bytes, offset: int) -> None:
        """Add the lines of `data` (whole lines, from `offset` in the file) that are not UTF-8."""
        view, start = memoryview(data), 0
        while len(self.found) <= UNREADABLE_LIMIT:
            try:
                codecs.utf_8_decode(view[start:], "strict", True)
                return
            except UnicodeDecodeError as error:
                at = start + error.start
                begin = data.rfind(self.newline, 0, at) + 1
                end = data.find(self.newline, at)
                end = len(data) if end < 0 else end
                self.found.append((offset + begin, "tekenset", data[begin:end]))
                start = end + 1


def _line_numbers(path: Path, offsets: list[int], newline: bytes) -> list[int]:
    """The line (from 1) of each of the ascending `offsets` of line starts in the (unpacked) file: a second read,
    only when the file has lines to name (counting line ends takes as long as the hash)."""
    numbers, lines, position = [], 1, 0
    if not offsets:
        return numbers
    with gzip.open(path, "rb") if path.suffix.lower() == ".gz" else path.open("rb") as file:
        for offset in offsets:
            while position < offset:
                block = file.read(min(_BLOCK, offset - position))
                lines += block.count(newline)
                position += len(block)
            numbers.append(lines)
    return numbers


def _csv_fields(delimiter: str) -> str:
    """The fields of a CSV line `raw`: a plain split, or a quote-aware one when the line has quotes.

    A line whose quotes do not pair up gives NULL, so it is reported as a line without the right fields.
    """
    d = _regex_char(delimiter)
    item = f'("(?:[^"]|"")*"|[^{d}"]*){d}'
    return (
        f"CASE WHEN strpos(raw, '\"') = 0 THEN string_split(raw, {_literal(delimiter)}) "
        f"WHEN regexp_full_match(raw || {_literal(delimiter)}, {_literal(f'(?:{item})*')}) THEN "
        f"list_transform(regexp_extract_all(raw || {_literal(delimiter)}, {_literal(item)}, 1), "
        "lambda f: CASE WHEN starts_with(f, '\"') THEN replace(f[2:-2], '\"\"', '\"') ELSE f END) END"
    )


_WHITESPACE = r"[\s\x0b\x1c-\x1f\x85\pZ]"
"""What str.strip() takes off a value of metingen.yaml, in RE2: its \\s is only tab, line ends and space; \\pZ are the
Unicode spaces and the line and paragraph separators."""


def _trimmed(field: str) -> str:
    """The text `field` of a CSV line without the whitespace around it (a tab before the separator too), NULL when
    nothing is left.

    DuckDB's trim() takes off spaces only, and trim() with the characters to take off took ten times as long as the
    line's whole parse. A field that begins and ends with a visible ASCII character has nothing to take off, and is
    taken as it is; only the others (empty, or at an end a space, a tab or a letter like é) go through `_stripped`.
    """
    ends = f"ascii({field}) BETWEEN 33 AND 126 AND ascii({field}[-1]) BETWEEN 33 AND 126"
    return f"nullif(CASE WHEN {ends} THEN {field} ELSE {_stripped(field)} END, '')"


def _stripped(text: str) -> str:
    """`text` without the whitespace around it, by a regular expression. For a column of a Parquet file as it is:
    text there is mostly dictionary-encoded, and DuckDB runs a function once per distinct value then, but a CASE (as
    in `_trimmed`) once per row."""
    return f"nullif(regexp_replace({text}, '^{_WHITESPACE}+|{_WHITESPACE}+$', '', 'g'), '')"


_ZONED = r"'^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?\s*(Z|[+-]\d\d(:?\d\d)?)$'"
_ISO_LOCAL = r"'^\d{4}[-/]\d{1,2}[-/]\d{1,2}([T ]\d{1,2}:\d\d(:\d\d(\.\d+)?)?)?$'"
_DUTCH = r"'^\d{1,2}-\d{1,2}-\d{4}( \d{1,2}:\d\d(:\d\d)?)?$'"
"""The moments read, and nothing else: DuckDB's own cast read 27-11-20 as the year 27 and dropped a zone name
("UTC"), each without a word. A year has four digits; a zone is an offset or Z."""


def _moment(text: str, timezone: str) -> str:
    """A local TIMESTAMP from text: ISO 8601 (with or without a zone) or dd-mm-jjjj (uu:mm(:ss)); NULL otherwise."""
    return (
        f"CASE WHEN {text} IS NULL THEN NULL "
        f"WHEN regexp_matches({text}, {_ISO_LOCAL}) THEN TRY_CAST({text} AS TIMESTAMP) "
        f"WHEN regexp_matches({text}, {_ZONED}) THEN timezone({_literal(timezone)}, {_zoned(text)}) "
        f"WHEN regexp_matches({text}, {_DUTCH}) THEN {_dutch(text)} END"
    )


def _instant(text: str, timezone: str) -> str:
    """The moment of `_moment` as an instant (TIMESTAMPTZ), a local time taken in `timezone`: waits between two
    moments are real seconds, also across the change to or from summer time."""
    local = f"timezone({_literal(timezone)}, "
    return (
        f"CASE WHEN {text} IS NULL THEN NULL WHEN regexp_matches({text}, {_ISO_LOCAL}) "
        f"THEN {local}TRY_CAST({text} AS TIMESTAMP)) WHEN regexp_matches({text}, {_ZONED}) THEN {_zoned(text)} "
        f"WHEN regexp_matches({text}, {_DUTCH}) THEN {local}{_dutch(text)}) END"
    )


def _zoned(text: str) -> str:
    # "2020-12-31 23:30:00 +01:00": DuckDB reads the offset only when it follows the time directly.
    return f"TRY_CAST(regexp_replace({text}, '\\s+(Z|[+-]\\d\\d(:?\\d\\d)?)$', '\\1') AS TIMESTAMPTZ)"


def _dutch(text: str) -> str:
    return (
        f"coalesce(try_strptime({text}, '%d-%m-%Y %H:%M:%S'), try_strptime({text}, '%d-%m-%Y %H:%M'), "
        f"try_strptime({text}, '%d-%m-%Y'))"
    )


def _in_range(moment: str) -> str:
    """The instant `moment`, or NULL (an invalid moment) outside the years a call can be counted in."""
    return (
        f"CASE WHEN {moment} >= TIMESTAMPTZ '1970-01-02 00:00:00+00' "
        f"AND {moment} < TIMESTAMPTZ '2286-01-01 00:00:00+00' THEN {moment} END"
    )


def _whole_number(text: str, kind: str = "INTEGER") -> str:
    """A whole number, also written with a fraction of zeros (4.0, 4,0): pandas writes a column of scores with an
    empty cell so, and in Parquet such a score is read too. 4.5 is none (DuckDB's cast would round it to 5)."""
    return (
        f"CASE WHEN regexp_full_match({text}, '[+-]?[0-9]{{1,18}}([.,]0+)?') "
        f"THEN TRY_CAST(split_part(replace({text}, ',', '.'), '.', 1) AS {kind}) END"
    )


def _word_score(text: str) -> str:
    """The place on five smileys of a word of `WORD_SCORES`, in any case; NULL for any other text. A score that starts
    with a digit, as most do, is no word: the CASE leaves it at once."""
    cases = " ".join(
        f"WHEN lower({text}) IN ({', '.join(_literal(w) for w in words)}) THEN {place}"
        for place, words in WORD_SCORES.items()
    )
    return f"CASE WHEN {text} IS NULL OR ascii({text}) BETWEEN 48 AND 57 THEN NULL {cases} END"


def _yes_no(text: str) -> str:
    yes = ", ".join(_literal(w) for w in YES)
    no = ", ".join(_literal(w) for w in NO)
    return f"CASE WHEN lower({text}) IN ({yes}) THEN 1 WHEN lower({text}) IN ({no}) THEN 0 END"


def _header(
    path: Path, name: str, aliases: dict[str, tuple[str, ...]], problems: Problems
) -> tuple[str, dict[str, int], int] | None:
    """The delimiter, the position of each known column and the number of columns, from the first line."""
    try:
        # DuckDB's reader and `scan_file` unpack a .gz (logrotate's), so the header is read unpacked too.
        with gzip.open(path, "rb") if path.suffix.lower() == ".gz" else path.open("rb") as file:
            first = file.readline(1_000_000)
    except gzip.BadGzipFile:
        problems.error(Location(name), "het bestand is geen gzip-bestand, maar de naam eindigt op .gz.")
        return None
    except (OSError, EOFError) as error:
        reason = getattr(error, "strerror", None) or "het bestand houdt te vroeg op"
        problems.error(Location(name), f"het bestand kan niet worden gelezen: {reason}.")
        return None
    if first.startswith(PARQUET_MAGIC):
        problems.error(
            Location(name),
            "het bestand is een Parquet-bestand, geen CSV.",
            hint="een meting leest bestanden van één formaat: noem bij 'bestanden' alleen Parquet-bestanden (met "
            "'formaat: parquet') of alleen CSV-bestanden."
            if aliases is RATING_ALIASES
            else "een lijst met gesprekken is een CSV-bestand: sla de gesprekken op als CSV.",
        )
        return None
    excel = "sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)'."
    if first.startswith(b"PK\x03\x04"):
        problems.error(Location(name), "het bestand is een Excel-werkmap, geen CSV.", hint=excel)
        return None
    if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        problems.error(Location(name), "het bestand is UTF-16 (in Excel: 'Unicode-tekst'), geen UTF-8.", hint=excel)
        return None
    try:
        line = first.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError:
        problems.error(Location(name, line=1), "het bestand is geen UTF-8.", hint=excel)
        return None
    delimiter = max((";", ",", "\t"), key=line.count)
    written = next(csv.reader(io.StringIO(line), delimiter=delimiter), [])
    names = [column_name(n) for n in written]
    twice = _named_twice(name, written, aliases, problems)
    positions = {}
    for column, options in aliases.items():
        index = next((names.index(column_name(a)) for a in options if column_name(a) in names), None)
        if index is not None:
            positions[column] = index
    missing = [c for c in aliases if c in REQUIRED and c not in positions]
    if missing:

        def named(columns: list[str]) -> str:
            return ", ".join(c + (f" (of {', '.join(aliases[c][1:])})" if aliases[c][1:] else "") for c in columns)

        problems.error(
            Location(name, line=1),
            f"de kopregel mist de kolom{'men' if len(missing) > 1 else ''} {', '.join(missing)}.",
            found=line[:200],
            expected=f"{named([c for c in aliases if c in REQUIRED])}, en eventueel "
            f"{named([c for c in aliases if c not in REQUIRED])}",
            hint="geef die kolommen in de eerste regel van het bestand een van deze namen; hoofdletters, spaties en "
            "streepjes tellen niet mee.",
        )
    if missing or twice:
        return None
    return delimiter, positions, len(names)


def _named_twice(
    name: str,
    written: list[str],
    aliases: dict[str, tuple[str, ...]],
    problems: Problems,
    line: int | None = 1,
    where: str = "in de kopregel",
) -> bool:
    """Whether a column that is read stands twice in the header (reported), by one name or by two of its names:
    `score,Score` or `kanaal,channel` read the first without a word, which may be the wrong one. Names are matched
    as they are read, in any case and without the spaces around them; a column that is not read may stand twice.
    A Parquet file's columns have no line (`line` None) and stand `where` "in het bestand"."""
    column_of = {column_name(alias): column for column, options in aliases.items() for alias in options}
    first: dict[str, tuple[int, str]] = {}
    found = False
    for number, raw in enumerate(written, start=1):
        folded = column_name(raw)
        column = column_of.get(folded)
        if column is None:
            continue
        if column not in first:
            first[column] = (number, raw)
            continue
        found = True
        earlier, as_written = first[column]
        if column_name(as_written) == folded:
            also = f"kolom {earlier}" + (f", als '{as_written}'" if as_written != raw else "")
            said = f"de kolom '{raw}' staat twee keer {where} (ook in {also})"
        else:
            said = f"de kolom '{raw}' is dezelfde als '{as_written}' in kolom {earlier} (de kolom {column})"
        problems.error(
            Location(name, line=line, column=str(number)),
            f"{said}: welke van beide gelezen moet worden, is niet te zeggen.",
            hint="verwijder of hernoem een van beide; hoofdletters, spaties en streepjes tellen niet mee.",
        )
    return found


def _top_level_names(schema: list[tuple[str, int | None]]) -> list[str]:
    """The names of a Parquet file's columns, as written, from `parquet_schema`'s rows: the schema's root first, then
    each column followed by the fields nested in it (a struct's), depth first."""

    def after(index: int) -> int:  # the row after the node at `index` and everything nested in it
        children, index = schema[index][1] or 0, index + 1
        for _ in range(children):
            index = after(index)
        return index

    names, index = [], 1
    for _ in range(schema[0][1] or 0 if schema else 0):
        names.append(str(schema[index][0]))
        index = after(index)
    return names


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _file(path: Path) -> str:
    """`path` for DuckDB's readers, which take '*', '?' and '[' in it as a pattern: each in brackets stands for
    itself, so that 'queue_log[1]' (a browser's second download) is not read as 'queue_log1', and one reader over
    several files numbers (`file_index`) the files measured."""
    return _literal(re.sub(r"([*?\[])", r"[\1]", str(path)))


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _regex_char(char: str) -> str:
    return "\\t" if char == "\t" else "\\" + char if char in r"\^$.|?*+()[]{}-" else char


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
