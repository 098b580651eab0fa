"""The definitions as portable SQL: what counts as positive, as offered and as answered in time.

Written once, in DuckDB's dialect, over the normalised relations of `inputs` (ratings and call events), and
kept to what every engine has: CASE, SUM, BIT_OR, GROUP BY, FILTER, joins and ROW_NUMBER() windows, and the
values of a group as a list (`list`, `list_distinct`, `array_length`: DuckDB's names, which SQLGlot writes as
Spark's collect_list, array_distinct and size). `to_dialect` transpiles a query with SQLGlot; the Spark test runs
the test definitions through it on Spark and gets DuckDB's numbers.

Every query returns counts per (jaar, maand); `run` adds the months up into the periods the project asks for
(a year, a quarter or a month), so one pass over the data serves every granularity.
"""

from __future__ import annotations

from collections.abc import Sequence

from verantwoord.measure.definitions import Definition, InputFormat, KeyRule, Kind, ScaleKind, WaitRule

EXIT_EVENTS = ("ABANDON", "EXITWITHTIMEOUT", "EXITEMPTY", "EXITWITHKEY", "WITHDRAW")
"""How a caller leaves a queue unanswered. WITHDRAW (Asterisk 16.25, 18.11, 19.3 and later) is the AMI action
QueueWithdrawCaller sending the caller back to the dialplan: the queue did not answer."""
CALL_EVENTS = ("ENTERQUEUE", "CONNECT", *EXIT_EVENTS)
"""The events that make a call. The relations number them in this order (column `soort`: 0 ENTERQUEUE,
1 CONNECT, 2–6 the exits); any other event has a higher number. The number also orders the events of one second,
and `calls_query` keeps it in one decimal digit."""
NON_CALLS = ("NONE", "REALTIME")


def to_dialect(sql: str, dialect: str) -> str:
    """`sql` (DuckDB) in another engine's dialect, such as "spark"."""
    if dialect == "duckdb":
        return sql
    import sqlglot  # only for another engine: its import costs a tenth of a second on every `measure`

    return sqlglot.transpile(sql, read="duckdb", write=dialect, pretty=True)[0]


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# Ratings


def same(column: str, value: str) -> str:
    """Whether `column` is `value` in any case: a month's export that writes 'Balie' or 'Stadhuis' where the others
    write 'balie' or 'stadhuis' is the same kiosk in the same place, and its ratings counted nowhere. (Whitespace
    around a field is gone already: `inputs` takes it off.)"""
    return f"LOWER({column}) = LOWER({literal(value)})"


def selection(definition: Definition) -> str:
    """The rows this rating indicator reads: its channel, and its question and location when given, each in any
    case (`same`)."""
    return " AND ".join(same(column, value) for column, value in definition.filters().items())


def valid_score(definition: Definition) -> str:
    scale = definition.scale
    assert scale is not None
    if scale.kind is ScaleKind.YES_NO:
        return "score_ja_nee IS NOT NULL"
    low, high = scale.range or (0, 0)
    # Never NULL, so that NOT (…) catches a missing score too.
    number = f"(score_getal IS NOT NULL AND score_getal BETWEEN {low} AND {high})"
    if scale.kind is ScaleKind.SMILEYS:
        return f"({number} OR score_woord IS NOT NULL)"
    return number


def positive(definition: Definition) -> str:
    """Positive on the scale as declared: 'ja', or at least `positief-vanaf` counted from 'very dissatisfied'.

    A smiley scale whose 'very satisfied' is 1 is turned around: positief-vanaf 4 means raw scores 1 and 2.
    """
    scale = definition.scale
    assert scale is not None
    if scale.kind is ScaleKind.YES_NO:
        return "score_ja_nee = 1"
    low, high = scale.range or (0, 0)
    threshold = definition.positive_from or 0
    if scale.kind is ScaleKind.SMILEYS:
        # A word ('zeer tevreden') is counted from 'very dissatisfied' whichever way the numbers run.
        number = f"score_getal <= {low + high - threshold}" if scale.best == low else f"score_getal >= {threshold}"
        return f"COALESCE({number}, score_woord >= {threshold})"
    return f"score_getal >= {threshold}"


def not_a_score(definition: Definition) -> str:
    """The invalid scores that are not a score at all (rather than a number outside the scale)."""
    scale = definition.scale
    assert scale is not None
    if scale.kind is ScaleKind.SMILEYS:
        return "score_getal IS NULL AND score_woord IS NULL"
    return "score_ja_nee IS NULL" if scale.kind is ScaleKind.YES_NO else "score_getal IS NULL"


def ratings_query(view: str, definitions: Sequence[Definition], distinct: bool, words: bool = True) -> str:
    """Counts per month, file and channel (as written; and question and location, when an indicator selects by
    them) of every rating indicator in `definitions`, which all read the relation `view`.

    Identical rows in one file are as many ratings: a kiosk that records the minute writes two people who give
    the same score in the same minute as two equal rows. With `distinct`, a rating that other files repeat
    (exports that overlap) counts once: as often as the file that has it most often, and the other copies
    count as duplicates. Without, every row counts: the same result when no file repeats another's rows, and
    much cheaper on large data.

    The rows are first counted per value of what the indicators test (`groepen`: channel, question, location
    and score, per month and file), so that the tests run once per value and not once per row. Per file and
    channel (question, location) come `gelezen` (the readable rows: a value no indicator reads is thus seen, in
    the same pass) and `gelijk`: equal rows in one file whose moment has seconds or milliseconds, which are more
    likely a row exported twice than two people. With `distinct` these are all counted; without, only those at
    the one in 64 moments of the relation's `steekproef` (`inputs.SAMPLE`): their moments are gathered per group
    and the equal ones told by the number of distinct ones, which costs little and finds a file with many of them;
    `run` then counts them exactly (`equal_ratings_query`).

    Each indicator has its counts in columns suffixed with its index in `definitions`: `n_0`, `pos_0`, `dubbel_0`,
    `geen_getal_0`, `buiten_schaal_0` and `tijdstip_0`. Without `words` (Parquet files whose score is a number) no row
    has a word for a score, and `score_woord` is left out of the groups: grouping on its NULLs as well made the pass
    over 100 million ratings 3 to 4 % slower (bench/measure/HISTORY.md).
    """
    asked = [column for column in ("vraag", "locatie") if any(column in d.filters() for d in definitions)]
    question = "vraag" if "vraag" in asked else "CAST(NULL AS VARCHAR) AS vraag"
    location = "locatie" if "locatie" in asked else "CAST(NULL AS VARCHAR) AS locatie"
    # What the indicators test; a question or location that none selects by is left out of the groups.
    scores = ["score_getal", "score_ja_nee", *(["score_woord"] if words else [])]
    tested = ", ".join(["fout", "kanaal", *asked, *scores])
    chosen = tested if words else f"{tested}, CAST(NULL AS INTEGER) AS score_woord"
    if distinct:
        # The channel, question and location in any case, as the indicators read them (`same`); each group goes on
        # with one way of writing them.
        key = ", ".join(["jaar", "maand", "fout", "moment", "milliseconde", *scores])
        identity = f"{key}, LOWER(kanaal), LOWER(vraag), LOWER(locatie)"
        written = "MIN(kanaal) AS kanaal, MIN(vraag) AS vraag, MIN(locatie) AS locatie"
        per_file = (
            f"SELECT {key}, {written}, bestand_nr, COUNT(*) AS copies FROM {view} GROUP BY {identity}, bestand_nr"
        )
        events = (
            f"SELECT {key}, {written}, MIN(bestand_nr) AS bestand_nr, MAX(copies) AS kept, SUM(copies) AS copies, "
            f"CASE WHEN milliseconde <> 0 THEN MAX(copies) - 1 ELSE 0 END AS gelijk FROM ({per_file}) AS f "
            f"GROUP BY {identity}"
        )
        groups = (
            f"SELECT jaar, maand, bestand_nr, {chosen}, SUM(kept) AS kept, SUM(copies) AS copies, "
            f"SUM(gelijk) AS gelijk FROM ({events}) AS e GROUP BY jaar, maand, bestand_nr, {tested}"
        )
    else:
        # The sampled moments as a list per group: COUNT(DISTINCT moment) FILTER (…) gives the same, 7 times slower.
        sampled = "FILTER (WHERE steekproef)"
        groups = (
            f"SELECT jaar, maand, bestand_nr, {chosen}, COUNT(*) AS kept, COUNT(*) AS copies, "
            f"COUNT(*) {sampled} - COALESCE(array_length(list_distinct(list(moment) {sampled})), 0) AS gelijk "
            f"FROM {view} GROUP BY jaar, maand, bestand_nr, {tested}"
        )
    columns = [
        "jaar",
        "maand",
        "SUM(copies) AS regels",
        "SUM(CASE WHEN fout = 'velden' THEN copies ELSE 0 END) AS velden",
    ]
    for index, definition in enumerate(definitions):
        chosen = f"fout IS NULL AND {selection(definition)}"
        valid = f"{chosen} AND {valid_score(definition)}"
        invalid = f"{chosen} AND NOT ({valid_score(definition)})"
        columns += [
            f"SUM(CASE WHEN {valid} THEN kept ELSE 0 END) AS n_{index}",
            f"SUM(CASE WHEN {valid} AND {positive(definition)} THEN kept ELSE 0 END) AS pos_{index}",
            f"SUM(CASE WHEN {valid} THEN copies - kept ELSE 0 END) AS dubbel_{index}",
            f"SUM(CASE WHEN {invalid} AND {not_a_score(definition)} THEN copies ELSE 0 END) AS geen_getal_{index}",
            f"SUM(CASE WHEN {invalid} AND NOT ({not_a_score(definition)}) THEN copies ELSE 0 END) "
            f"AS buiten_schaal_{index}",
            f"SUM(CASE WHEN fout = 'tijdstip' AND {selection(definition)} THEN copies ELSE 0 END) AS tijdstip_{index}",
        ]
    columns += [
        "bestand_nr",
        "kanaal",
        question,
        location,
        "SUM(CASE WHEN fout IS NULL THEN copies ELSE 0 END) AS gelezen",
        "SUM(CASE WHEN fout IS NULL THEN gelijk ELSE 0 END) AS gelijk",
    ]
    select = ",\n    ".join(columns)
    by = ", ".join(["jaar", "maand", "bestand_nr", "kanaal", *asked])
    return f"WITH groepen AS ({groups})\nSELECT\n    {select}\nFROM groepen\nGROUP BY {by}\nORDER BY {by}"


def rating_problems_query(view: str, definition: Definition, code: str, limit: int) -> str:
    """The first rows with the indicator-specific problem `code`: (bestand_nr, regel, gevonden)."""
    chosen = f"fout IS NULL AND {selection(definition)}"
    conditions = {
        "score-geen-getal": f"{chosen} AND NOT ({valid_score(definition)}) AND {not_a_score(definition)}",
        "score-buiten-schaal": f"{chosen} AND NOT ({valid_score(definition)}) AND NOT ({not_a_score(definition)})",
        "tijdstip": f"fout = 'tijdstip' AND {selection(definition)}",
    }
    found = "gevonden" if code == "tijdstip" else "score_tekst"
    return (
        f"SELECT bestand_nr, regel, {found} AS gevonden FROM {view} WHERE {conditions[code]} "
        f"ORDER BY bestand_nr, regel LIMIT {int(limit)}"
    )


RATING_KEY = "LOWER(kanaal), LOWER(vraag), LOWER(locatie), moment, score_getal, score_ja_nee, score_woord"
"""What makes two rows the same rating: only across files, since equal rows in one file are as many ratings. The
channel, question and location in any case, as the indicators read them (`same`)."""
CALL_KEY = "gesprek, wachtrij, gebeurtenis, epoch, wacht"
"""What makes two lines of a call the same event."""


def repeat_rule(definition: Definition) -> tuple[str, str, bool]:
    """What makes two of this indicator's rows the same (the columns), which rows can repeat (a condition), and
    whether a row repeats only the rows of other files (ratings: equal rows in one file are as many ratings)."""
    if definition.kind is Kind.RATING:
        return RATING_KEY, f"fout IS NULL AND {selection(definition)} AND {valid_score(definition)}", True
    return CALL_KEY, f"{counted_events(definition)} AND telregel = 1", False


def rating_duplicates_query(view: str, definition: Definition, limit: int) -> str:
    """The first repeated rows of this indicator, each with the line of another file it repeats."""
    return _duplicates_query(view, *repeat_rule(definition), limit)


def equal_ratings_query(view: str, definitions: Sequence[Definition], limit: int) -> str:
    """Ratings that count and equal an earlier row of their file, in a file that records seconds or milliseconds:
    the first `limit` of each file, as (bestand_nr, regel, eerste_regel: the row it equals, aantal: all of the file).

    They count as ratings (`ratings_query`), but are more likely a row exported twice than two people. A file records
    the minute only when none of its rows has seconds; in one that records seconds, 10:00:00 is a second like any
    other, and its equal rows are counted too."""
    counted = " OR ".join(f"({selection(d)} AND {valid_score(d)})" for d in definitions)
    return f"""
SELECT bestand_nr, regel, eerste_regel, aantal FROM (
    SELECT bestand_nr, regel, eerste_regel, COUNT(*) OVER (PARTITION BY bestand_nr) AS aantal,
        ROW_NUMBER() OVER (PARTITION BY bestand_nr ORDER BY regel) AS volgnummer
    FROM (
        SELECT bestand_nr, regel,
            FIRST_VALUE(regel) OVER (PARTITION BY bestand_nr, {RATING_KEY} ORDER BY regel) AS eerste_regel,
            ROW_NUMBER() OVER (PARTITION BY bestand_nr, {RATING_KEY} ORDER BY regel) AS keer
        FROM (
            SELECT *, MAX(milliseconde) OVER (PARTITION BY bestand_nr) > 0 AS met_seconden
            FROM {view}
            WHERE fout IS NULL AND ({counted})
        ) AS gelezen
        WHERE met_seconden
    ) AS genummerd
    WHERE keer > 1
) AS herhaald
WHERE volgnummer <= {int(limit)}
ORDER BY bestand_nr, regel"""


# Calls


def counted_events(definition: Definition) -> str:
    """The readable lines that bear on a call in a counted queue: its entry, its answer and its exits."""
    non_calls = ", ".join(literal(c) for c in NON_CALLS)
    queues = ""
    if definition.queues:
        queues = f" AND wachtrij IN ({', '.join(literal(q) for q in definition.queues)})"
    return f"fout IS NULL AND soort < {len(CALL_EVENTS)} AND gesprek NOT IN ({non_calls}){queues}"


ORDER_SCALE = 100_000_000
"""An event's place in its call is one number: its second × ORDER_SCALE + its wait (capped) × 10 + its kind.
An entry has no wait: in its place it carries the month it entered in (local time, jaar × 100 + maand)."""
WAIT_CAP = ORDER_SCALE // 10 - 1
"""Waits from 115 days up share one place; the rules compare waits with at most an hour. Seconds (from 1970) and
waits are never negative: `inputs` reports those lines, so the number is never negative either."""
CHECK_SPAN = 2**28
"""The event numbers checked for repeats are taken modulo this, so that their squares add up without overflow."""


def calls_query(view: str, definition: Definition) -> str:
    """Reachability per month, and the lines read per problem code, in one pass over the lines.

    Rows carry, per problem code (`code`, NULL: readable) and month of the call's first entry (`jaar`, `maand`;
    NULL for lines that are no call's): `regels` (the lines read), `open` (calls that may hold a repeated
    event; see below), `n` (offered: calls that entered a counted queue and count), `positief` (answered
    within `binnen`), `zonder_einde` (calls that entered and have no answer nor exit in the files: offered, not
    answered), `zonder_begin` (calls with an answer or exit but no entry in the files: not counted) and
    `wachtrijen` (the counted queues that calls entered, bit i for `definition.queues[i]`: a misspelt one counts
    nothing, without a word).

    A short hang-up (`korte-ophangers`) hung up soon after it first came in, not only soon after it entered its
    last queue.

    A call is its call id: one that re-enters a queue counts once, in the month it first entered. It is
    answered when it has a CONNECT in a counted queue (the first one counts); otherwise its last exit
    (ABANDON, EXITWITHTIMEOUT, EXITEMPTY, EXITWITHKEY) says how it ended. Events are ordered by one number
    (second, then shortest wait, then kind of event, so that ties fall the same way on every engine), and the
    call takes the smallest entry, the smallest answer and the largest exit: an event repeated in the log
    changes none of these, so the lines need no grouping first.

    Repeated events are only counted, and without grouping either: the count, sum and sum of squares of a
    call's event numbers, with its first entry, answer and exit known, tell whether two of up to five lines are
    equal (`_open_call`). A call with more lines, or with two equal numbers (the same event, or two queues in
    the same second), is `open`, and `call_repeats_query` then counts exactly.
    """
    total = definition.wait_rule is WaitRule.TOTAL
    answer_wait = "opgenomen - binnen" if total else "opgenomen_wacht"
    exit_wait = "verlaten - binnen" if total else "verlaten_wacht"
    within = int(definition.within or 0)
    short = int(definition.short_abandon)
    excluded = ["1 = 0"]
    if short:
        # Short by its last queue's wait and by the time since it first came in: a caller who timed out into
        # another queue and hung up there soon had waited long (the wait `binnen` is compared with is either).
        excluded.append(f"(afloop = 'opgehangen' AND GREATEST(wacht, sinds_binnen) < {short})")
    if definition.key_rule is KeyRule.EXCLUDED:
        excluded.append("afloop = 'toets'")
    answered = [f"(afloop = 'beantwoord' AND wacht <= {within})"]
    if definition.key_rule is KeyRule.ANSWERED:
        answered.append(f"(afloop = 'toets' AND wacht <= {within})")
    left_by = " ".join(f"WHEN {n} THEN {literal(e)}" for n, e in enumerate(CALL_EVENTS) if e in EXIT_EVENTS)
    open_call = _open_call(
        ("eerste", "antwoord", "uitgang") if definition.format is InputFormat.QUEUE_LOG else ("eerste",)
    )
    return f"""
WITH gelezen AS (
    SELECT fout, telt, telregel,
        CASE WHEN telt THEN gesprek END AS gesprek,
        CASE WHEN telt THEN soort END AS soort,
        {_queue_bit(definition)} AS wachtrij_bit,
        CASE WHEN NOT telt THEN NULL
             WHEN soort = 0 THEN epoch * {ORDER_SCALE} + (jaar * 100 + maand) * 10
             ELSE epoch * {ORDER_SCALE} + LEAST(COALESCE(wacht, 0), {WAIT_CAP}) * 10 + soort END AS volgorde
    FROM (SELECT *, COALESCE({counted_events(definition)}, FALSE) AS telt FROM {view}) AS regels
),
oproepen AS (
    SELECT fout, gesprek, COUNT(controle) AS regels, BIT_OR(wachtrij_bit) AS wachtrijen,
        MIN(volgorde) FILTER (WHERE soort = 0) AS eerste,
        MIN(volgorde) FILTER (WHERE soort = 1) AS antwoord,
        MAX(volgorde) FILTER (WHERE soort >= 2) AS uitgang,
        SUM(controle) AS s, SUM(CAST(controle * controle AS DECIMAL(38, 0))) AS q  -- no overflow on any engine
    FROM (
        -- One number per line; 0 on lines that are no call's, whose groups are not checked.
        SELECT *, CASE WHEN telregel = 1 THEN COALESCE(volgorde % {CHECK_SPAN}, 0) END AS controle FROM gelezen
    ) AS genummerd
    GROUP BY fout, gesprek
),
afgelopen AS (
    SELECT fout, regels, wachtrijen, CASE WHEN {open_call} THEN 1 ELSE 0 END AS open, eerste,
        {_wait("eerste")} // 100 AS jaar, {_wait("eerste")} % 100 AS maand, {_second("eerste")} AS binnen,
        {_second("antwoord")} AS opgenomen, {_wait("antwoord")} AS opgenomen_wacht,
        CASE uitgang % 10 {left_by} END AS verlaten_door, {_second("uitgang")} AS verlaten,
        {_wait("uitgang")} AS verlaten_wacht
    FROM oproepen
),
gesprekken AS (
    SELECT fout, regels, wachtrijen, open, eerste, jaar, maand,
        CASE WHEN opgenomen IS NOT NULL THEN 'beantwoord'
             WHEN verlaten_door = 'EXITWITHKEY' THEN 'toets'
             WHEN verlaten_door = 'ABANDON' THEN 'opgehangen'
             WHEN verlaten_door IS NOT NULL THEN 'verlaten'
             ELSE 'onbekend' END AS afloop,
        CASE WHEN opgenomen IS NOT NULL THEN {answer_wait} ELSE {exit_wait} END AS wacht,
        verlaten - binnen AS sinds_binnen
    FROM afgelopen
)
SELECT fout AS code, jaar, maand, SUM(regels) AS regels, SUM(open) AS open,
    SUM(CASE WHEN eerste IS NULL OR {" OR ".join(excluded)} THEN 0 ELSE 1 END) AS n,
    SUM(CASE WHEN eerste IS NOT NULL AND ({" OR ".join(answered)}) THEN 1 ELSE 0 END) AS positief,
    SUM(CASE WHEN eerste IS NOT NULL AND afloop = 'onbekend' THEN 1 ELSE 0 END) AS zonder_einde,
    -- The lines that are no call's form a group with no entry, answer or exit: it is not counted here.
    SUM(CASE WHEN eerste IS NULL AND afloop <> 'onbekend' THEN 1 ELSE 0 END) AS zonder_begin,
    BIT_OR(wachtrijen) AS wachtrijen
FROM gesprekken
GROUP BY fout, jaar, maand
ORDER BY code, jaar, maand"""


QUEUE_BITS = 62
"""The counted queues whose entries `calls_query` notes, one bit each in a BIGINT."""


def _queue_bit(definition: Definition) -> str:
    """The bit of an entry's queue among `definition.queues` (0 for any other line)."""
    cases = " ".join(
        f"WHEN {literal(queue)} THEN {1 << number}"
        for number, queue in enumerate((definition.queues or ())[:QUEUE_BITS])
    )
    if not cases:
        return "CAST(0 AS BIGINT)"
    return f"CAST(CASE WHEN telt AND soort = 0 THEN CASE wachtrij {cases} ELSE 0 END ELSE 0 END AS BIGINT)"


def _second(place: str) -> str:
    """The second of the event at `place` (a `volgorde`)."""
    return f"({place} // {ORDER_SCALE})"


def _wait(place: str) -> str:
    """The wait of the event at `place`; for an entry, the month it entered in."""
    return f"({place} % {ORDER_SCALE} // 10)"


def _open_call(known: Sequence[str]) -> str:
    """Whether a call may hold a repeated event, from its lines' check numbers: their count `regels`, sum `s`
    and sum of squares `q`, and the numbers of the lines already `known` (its first entry, and in a queue_log
    its first answer and last exit), which are different lines.

    Take the known ones out, and at most two unknown numbers are left: one is its own sum; two are equal when
    twice their sum of squares is the square of their sum, and one of them equals k when their sum of squares
    is k² + (sum - k)². More than two unknown, or two known numbers equal, leaves the call open.
    """

    def number(column: str) -> str:
        return f"({column} % {CHECK_SPAN})"

    count = " + ".join(f"CASE WHEN {column} IS NULL THEN 0 ELSE 1 END" for column in known)
    # Only calls of at most five lines get past the first test, so their sums fit in 64 bits.
    rest = "(CAST(s AS BIGINT) - " + " - ".join(f"COALESCE({number(column)}, 0)" for column in known) + ")"
    squares = (
        "(CAST(q AS BIGINT) - "
        + " - ".join(f"COALESCE({number(column)} * {number(column)}, 0)" for column in known)
        + ")"
    )
    same = [f"COALESCE({number(a)} = {number(b)}, FALSE)" for i, a in enumerate(known) for b in known[i + 1 :]]
    one_is_known = " OR ".join(f"COALESCE({rest} = {number(column)}, FALSE)" for column in known)
    pair_has_known = " OR ".join(
        f"COALESCE({squares} = {number(column)} * {number(column)} + ({rest} - {number(column)}) * "
        f"({rest} - {number(column)}), FALSE)"
        for column in known
    )
    return f"""CASE WHEN gesprek IS NULL THEN FALSE
            WHEN regels - ({count}) > 2 OR {" OR ".join(same) or "FALSE"} THEN TRUE
            WHEN regels - ({count}) = 1 THEN {one_is_known}
            WHEN regels - ({count}) = 2 THEN 2 * {squares} = {rest} * {rest} OR {pair_has_known}
            ELSE FALSE END"""


def call_repeats_query(view: str, definition: Definition) -> str:
    """The number of repeated call events (lines that count): exact, for when `calls_query` left calls open.

    The condition is a column, not a WHERE: DuckDB would push a WHERE down into the view and split each
    line once per field it tests, which takes three times as long.
    """
    keys = ", ".join(f"CASE WHEN telt THEN {c} END" for c in ("gesprek", "wachtrij", "gebeurtenis", "epoch", "wacht"))
    return f"""
SELECT COALESCE(SUM(kopieen - 1) FILTER (WHERE telt), 0) AS herhaald FROM (
    SELECT COUNT(*) AS kopieen, BOOL_AND(telt) AS telt
    FROM (SELECT *, COALESCE({counted_events(definition)} AND telregel = 1, FALSE) AS telt FROM {view}) AS regels
    GROUP BY {keys}
) AS gebeurtenissen"""


def call_problems_query(view: str, codes: Sequence[str], limit: int) -> str:
    """The first `limit` lines of each problem in `codes`, in one pass: (fout, bestand_nr, regel, gevonden)."""
    return f"""
SELECT fout, bestand_nr, regel, gevonden FROM (
    SELECT fout, bestand_nr, regel, gevonden,
        ROW_NUMBER() OVER (PARTITION BY fout ORDER BY bestand_nr, regel) AS volgnummer
    FROM {view}
    WHERE fout IN ({", ".join(literal(code) for code in codes)}) AND telregel = 1
) AS genummerd
WHERE volgnummer <= {int(limit)}
ORDER BY fout, bestand_nr, regel"""


def call_duplicates_query(view: str, definition: Definition, limit: int) -> str:
    """The first repeated call events (lines that count), each with the line it repeats."""
    return _duplicates_query(view, *repeat_rule(definition), limit)


def _duplicates_query(view: str, key: str, where: str, across_files: bool, limit: int) -> str:
    """Rows of `view` matching `where` whose `key` an earlier row already had, with that earlier row.

    `across_files`: the k-th row of a file with a key repeats only the k-th row with that key of an earlier file,
    so a file with a rating twice and another with it three times have one repeated row (`ratings_query`)."""
    rows, partition = f"{view} WHERE {where}", key
    if across_files:
        rows = f"""(
        SELECT *, ROW_NUMBER() OVER (PARTITION BY {key}, bestand_nr ORDER BY regel) AS keer FROM {view} WHERE {where}
    ) AS genummerd"""
        partition = f"{key}, keer"
    return f"""
SELECT bestand_nr, regel, eerste_bestand, eerste_regel FROM (
    SELECT bestand_nr, regel,
        FIRST_VALUE(bestand_nr) OVER (PARTITION BY {partition} ORDER BY bestand_nr, regel) AS eerste_bestand,
        FIRST_VALUE(regel) OVER (PARTITION BY {partition} ORDER BY bestand_nr, regel) AS eerste_regel,
        ROW_NUMBER() OVER (PARTITION BY {partition} ORDER BY bestand_nr, regel) AS volgnummer
    FROM {rows}
) AS herhaald
WHERE volgnummer > 1
ORDER BY bestand_nr, regel
LIMIT {int(limit)}"""
