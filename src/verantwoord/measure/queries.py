"""The definitions as portable SQL: what counts as positive, as offered and as answered in time.

Written once, in DuckDB's dialect, over the normalised relations of `inputs` (ratings and call events), and
kept to what every engine has: CASE, SUM, GROUP BY, joins and ROW_NUMBER() windows; no engine's own
functions. `to_dialect` transpiles a query with SQLGlot; the Spark test runs the test definitions through it
on Spark and gets DuckDB's numbers.

Every query returns counts per (jaar, maand); `run` adds the months up into the periods the project asks for
(a year, a quarter or a month), so one pass over the data serves every granularity.
"""

from __future__ import annotations

from collections.abc import Sequence

from verantwoord.measure.definitions import Definition, KeyRule, ScaleKind, WaitRule

EXIT_EVENTS = ("ABANDON", "EXITWITHTIMEOUT", "EXITEMPTY", "EXITWITHKEY")
NON_CALLS = ("NONE", "REALTIME")
RATING_COUNTS = ("n", "pos", "dubbel", "geen_getal", "buiten_schaal", "tijdstip")
"""The per-indicator columns of `ratings_query`, each suffixed with the indicator's index: `n_0`, `pos_0`, …"""


def to_dialect(sql: str, dialect: str) -> str:
    """`sql` (DuckDB) in another engine's dialect, such as "spark"."""
    if dialect == "duckdb":
        return sql
    import sqlglot  # only for another engine: its import costs a tenth of a second on every `measure`
    from sqlglot import exp

    tree = sqlglot.parse_one(sql, read="duckdb")
    for cte in tree.find_all(exp.CTE):
        cte.set("materialized", None)  # a hint to DuckDB; other engines decide for themselves
    return tree.sql(dialect=dialect, pretty=True)


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# Ratings


def selection(definition: Definition) -> str:
    """The rows this rating indicator reads: its channel, and its question and location when given."""
    parts = [f"kanaal = {literal(definition.channel or '')}"]
    if definition.question:
        parts.append(f"vraag = {literal(definition.question)}")
    if definition.location:
        parts.append(f"locatie = {literal(definition.location)}")
    return " AND ".join(parts)


def valid_score(definition: Definition) -> str:
    scale = definition.scale
    assert scale is not None
    if scale.kind is ScaleKind.YES_NO:
        return "score_ja_nee IS NOT NULL"
    low, high = scale.range or (0, 0)
    # Never NULL, so that NOT (…) catches a missing score too.
    return f"(score_getal IS NOT NULL AND score_getal BETWEEN {low} AND {high})"


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
    if scale.kind is ScaleKind.SMILEYS and scale.best == low:
        return f"score_getal <= {low + high - threshold}"
    return f"score_getal >= {threshold}"


def not_a_score(definition: Definition) -> str:
    """The invalid scores that are not a score at all (rather than a number outside the scale)."""
    scale = definition.scale
    assert scale is not None
    return "score_ja_nee IS NULL" if scale.kind is ScaleKind.YES_NO else "score_getal IS NULL"


def ratings_query(view: str, definitions: Sequence[Definition], distinct: bool) -> str:
    """Counts per month of every rating indicator in `definitions`, which all read the relation `view`.

    With `distinct`, identical rows count once (and the copies are counted as duplicates); without, every row
    counts: the same result when there are no duplicates, and much cheaper on large data.
    """
    key = "jaar, maand, fout, kanaal, vraag, locatie, moment, score_getal, score_ja_nee"
    if distinct:
        events = f"SELECT {key}, COUNT(*) AS copies FROM {view} GROUP BY {key}"
    else:
        events = f"SELECT {key}, 1 AS copies FROM {view}"
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
            f"SUM(CASE WHEN {valid} THEN 1 ELSE 0 END) AS n_{index}",
            f"SUM(CASE WHEN {valid} AND {positive(definition)} THEN 1 ELSE 0 END) AS pos_{index}",
            f"SUM(CASE WHEN {valid} THEN copies - 1 ELSE 0 END) AS dubbel_{index}",
            f"SUM(CASE WHEN {invalid} AND {not_a_score(definition)} THEN copies ELSE 0 END) AS geen_getal_{index}",
            f"SUM(CASE WHEN {invalid} AND NOT ({not_a_score(definition)}) THEN copies ELSE 0 END) "
            f"AS buiten_schaal_{index}",
            f"SUM(CASE WHEN fout = 'tijdstip' AND {selection(definition)} THEN copies ELSE 0 END) AS tijdstip_{index}",
        ]
    select = ",\n    ".join(columns)
    return f"WITH events AS ({events})\nSELECT\n    {select}\nFROM events\nGROUP BY jaar, maand\nORDER BY jaar, maand"


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


def rating_duplicates_query(view: str, definition: Definition, limit: int) -> str:
    """The first repeated rows of this indicator, each with the line it repeats."""
    where = f"fout IS NULL AND {selection(definition)} AND {valid_score(definition)}"
    return _duplicates_query(view, "kanaal, vraag, locatie, moment, score_getal, score_ja_nee", where, limit)


# Calls


def counted_events(definition: Definition) -> str:
    """The readable lines that bear on a call in a counted queue: its entry, its answer and its exits."""
    exits = ", ".join(literal(e) for e in EXIT_EVENTS)
    non_calls = ", ".join(literal(c) for c in NON_CALLS)
    queues = ""
    if definition.queues:
        queues = f" AND wachtrij IN ({', '.join(literal(q) for q in definition.queues)})"
    return (
        f"fout IS NULL AND gebeurtenis IN ('ENTERQUEUE', 'CONNECT', {exits}) AND gesprek NOT IN ({non_calls}){queues}"
    )


def calls_query(view: str, definition: Definition) -> str:
    """Reachability per month, and the lines read per problem code.

    Rows with deel = 'maand' carry, per month of the call's first entry: gesprekken (calls that entered a
    counted queue), n (offered: calls that count), positief (answered within `binnen`), kort (short
    hang-ups), toets (left with a key). Rows with deel = 'regels' carry, per problem code (NULL: readable),
    the lines read and the repeated lines.

    A call is its call id: one that re-enters a queue counts once, in the month it first entered. It is
    answered when it has a CONNECT in a counted queue (the first one counts); otherwise its last exit
    (ABANDON, EXITWITHTIMEOUT, EXITEMPTY, EXITWITHKEY) says how it ended. A repeated event (the same call,
    queue, event, second and wait) counts once.
    """
    total = definition.wait_rule is WaitRule.TOTAL
    answer_wait = "opgenomen - binnen" if total else "opgenomen_wacht"
    exit_wait = "verlaten - binnen" if total else "verlaten_wacht"
    within = int(definition.within or 0)
    short = int(definition.short_abandon)
    excluded = ["1 = 0"]
    if short:
        excluded.append(f"(afloop = 'opgehangen' AND wacht < {short})")
    if definition.key_rule is KeyRule.EXCLUDED:
        excluded.append("afloop = 'toets'")
    answered = [f"(afloop = 'beantwoord' AND wacht <= {within})"]
    if definition.key_rule is KeyRule.ANSWERED:
        answered.append(f"(afloop = 'toets' AND wacht <= {within})")
    exits = ", ".join(literal(e) for e in EXIT_EVENTS)
    entry, connect, leave = "gebeurtenis = 'ENTERQUEUE'", "gebeurtenis = 'CONNECT'", f"gebeurtenis IN ({exits})"
    counted = counted_events(definition)
    kept = ", ".join(
        f"CASE WHEN telt THEN {c} END AS {c}" for c in ("gesprek", "wachtrij", "gebeurtenis", "epoch", "wacht")
    )
    rank = " ".join(f"WHEN {literal(e)} THEN {n}" for n, e in enumerate(("ENTERQUEUE", "CONNECT", *EXIT_EVENTS)))
    return f"""
WITH regels AS MATERIALIZED (
    -- Every call event that counts once (a repeated one is counted in `copies`), in a fixed order: by second,
    -- then shortest wait, then kind of event, so that ties fall the same way on every engine. All other lines
    -- (problems, agents' events, other queues) fold into one row per problem code.
    SELECT fout, telt, telregel, gesprek, wachtrij, gebeurtenis, epoch, wacht,
        MIN(jaar) AS jaar, MIN(maand) AS maand, COUNT(*) AS copies,
        epoch * 100000000 + LEAST(COALESCE(wacht, 0), 9999999) * 10
            + CASE gebeurtenis {rank} ELSE 9 END AS volgorde
    FROM (
        SELECT fout, telt, telregel, jaar, maand, {kept}
        FROM (SELECT *, COALESCE({counted}, FALSE) AS telt FROM {view}) AS gelezen
    ) AS gesorteerd
    GROUP BY fout, telt, telregel, gesprek, wachtrij, gebeurtenis, epoch, wacht
),
oproepen AS (
    SELECT gesprek,
        MIN(volgorde) FILTER (WHERE {entry}) AS eerste,
        ARG_MIN(jaar, volgorde) FILTER (WHERE {entry}) AS jaar,
        ARG_MIN(maand, volgorde) FILTER (WHERE {entry}) AS maand,
        ARG_MIN(epoch, volgorde) FILTER (WHERE {entry}) AS binnen,
        ARG_MIN(epoch, volgorde) FILTER (WHERE {connect}) AS opgenomen,
        ARG_MIN(wacht, volgorde) FILTER (WHERE {connect}) AS opgenomen_wacht,
        ARG_MAX(gebeurtenis, volgorde) FILTER (WHERE {leave}) AS verlaten_door,
        ARG_MAX(epoch, volgorde) FILTER (WHERE {leave}) AS verlaten,
        ARG_MAX(wacht, volgorde) FILTER (WHERE {leave}) AS verlaten_wacht
    FROM regels
    WHERE telt
    GROUP BY gesprek
),
gesprekken AS (
    SELECT jaar, maand,
        CASE WHEN opgenomen IS NOT NULL THEN 'beantwoord'
             WHEN verlaten_door = 'EXITWITHKEY' THEN 'toets'
             WHEN verlaten_door = 'ABANDON' THEN 'opgehangen'
             WHEN verlaten_door IS NOT NULL THEN 'verlaten'
             ELSE 'onbekend' END AS afloop,
        CASE WHEN opgenomen IS NOT NULL THEN {answer_wait} ELSE {exit_wait} END AS wacht
    FROM oproepen
    WHERE eerste IS NOT NULL
)
SELECT 'maand' AS deel, NULL AS code, jaar, maand,
    COUNT(*) AS gesprekken,
    SUM(CASE WHEN {" OR ".join(excluded)} THEN 0 ELSE 1 END) AS n,
    SUM(CASE WHEN {" OR ".join(answered)} THEN 1 ELSE 0 END) AS positief,
    SUM(CASE WHEN afloop = 'opgehangen' AND wacht < {short} THEN 1 ELSE 0 END) AS kort,
    SUM(CASE WHEN afloop = 'toets' THEN 1 ELSE 0 END) AS toets
FROM gesprekken
GROUP BY jaar, maand
UNION ALL
SELECT 'regels' AS deel, fout AS code, NULL AS jaar, NULL AS maand,
    SUM(copies * telregel) AS gesprekken,
    SUM(CASE WHEN telt THEN (copies - 1) * telregel ELSE 0 END) AS n,
    0 AS positief, 0 AS kort, 0 AS toets
FROM regels
GROUP BY fout
ORDER BY deel, code, jaar, maand"""


def call_problems_query(view: str, code: str, limit: int) -> str:
    """The first lines with the problem `code` (bestand_nr, regel, gevonden)."""
    return (
        f"SELECT bestand_nr, regel, gevonden FROM {view} WHERE fout = {literal(code)} AND telregel = 1 "
        f"ORDER BY bestand_nr, regel LIMIT {int(limit)}"
    )


def call_duplicates_query(view: str, definition: Definition, limit: int) -> str:
    """The first repeated call events (lines that count), each with the line it repeats."""
    where = f"{counted_events(definition)} AND telregel = 1"
    return _duplicates_query(view, "gesprek, wachtrij, gebeurtenis, epoch, wacht", where, limit)


def _duplicates_query(view: str, key: str, where: str, limit: int) -> str:
    """Rows of `view` matching `where` whose `key` an earlier row already had, with that earlier row."""
    return f"""
SELECT bestand_nr, regel, eerste_bestand, eerste_regel FROM (
    SELECT bestand_nr, regel,
        FIRST_VALUE(bestand_nr) OVER (PARTITION BY {key} ORDER BY bestand_nr, regel) AS eerste_bestand,
        FIRST_VALUE(regel) OVER (PARTITION BY {key} ORDER BY bestand_nr, regel) AS eerste_regel,
        ROW_NUMBER() OVER (PARTITION BY {key} ORDER BY bestand_nr, regel) AS volgnummer
    FROM {view}
    WHERE {where}
) AS herhaald
WHERE volgnummer > 1
ORDER BY bestand_nr, regel
LIMIT {int(limit)}"""
