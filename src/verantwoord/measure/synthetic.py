"""Realistic raw data for the tests, the example and the benchmark, made by DuckDB from a seed.

Ratings: a kiosk, callers on the keypad, online forms and a website widget, each with its own scale, volume
and response rate (0.5% to 20%), office hours, months without responses and spans when a channel was off.
Telephony: an Asterisk queue_log for a municipality of N residents (about one call per resident a year),
with re-entered calls, short hang-ups, callbacks, rings without answer and the non-call events of a day.

Everything is SQL over `range()`: no Python loop touches a row, so 100 million events take a minute. The
random numbers come from an integer hash written in SQL (not DuckDB's own hash or random()), so the same
seed gives the same bytes with any DuckDB version and any number of threads.

With `exact`, each year's share of positive responses (or of calls answered in time) is dealt out exactly:
`write_example` uses that to produce raw data that measures to the figures Amersfoort published.

    python -m verantwoord.measure.synthetic voorbeeld examples/amersfoort-2020-metingen
    python -m verantwoord.measure.synthetic beoordelingen ratings.parquet --aantal 100000000
    python -m verantwoord.measure.synthetic queue_log telefonie/ --inwoners 150000 --jaren 2011-2020
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from verantwoord.measure.definitions import ScaleKind
from verantwoord.measure.inputs import connect

_MACROS = """
CREATE OR REPLACE TEMP MACRO mix(x) AS
    xor((xor((xor(x >> 16, x) * 73244475) % 4294967296 >> 16, (xor(x >> 16, x) * 73244475) % 4294967296)
        * 73244475) % 4294967296 >> 16,
        (xor((xor(x >> 16, x) * 73244475) % 4294967296 >> 16, (xor(x >> 16, x) * 73244475) % 4294967296)
        * 73244475) % 4294967296);
CREATE OR REPLACE TEMP MACRO rnd(seed, i, salt) AS
    mix(xor(mix(CAST(i AS BIGINT) % 4294967296), mix((CAST(seed AS BIGINT) * 1000003 + salt) % 4294967296)))
    / 4294967296.0;
"""
"""rnd(seed, i, salt): a uniform number in [0, 1) from integers, the same on every machine."""


@dataclass(frozen=True)
class Channel:
    """One source of ratings and how its users respond."""

    name: str
    scale: ScaleKind
    contacts_per_year: int
    response_rate: float
    best: int = 5
    """Smileys: the raw score of 'very satisfied'."""
    shares: dict[int, float] = field(default_factory=dict)
    """Year -> share of positive responses; other years get `share`."""
    share: float = 0.85
    start: date | None = None
    off_from: date | None = None
    silent_months: tuple[tuple[int, int], ...] = ()
    weekdays_only: bool = True
    hours: tuple[int, int] = (8, 17)
    location: str | None = None


AMERSFOORT_CHANNELS = (
    Channel(
        "balie",
        ScaleKind.SMILEYS,
        contacts_per_year=50_000,
        response_rate=0.05,
        best=1,
        shares={2016: 0.92, 2017: 0.92, 2018: 0.93, 2019: 0.93, 2020: 0.90},
        off_from=date(2020, 3, 16),
        location="stadhuis",
    ),
    Channel(
        "telefoon",
        ScaleKind.SMILEYS,
        contacts_per_year=165_000,
        response_rate=0.01,
        shares={2016: 0.94, 2017: 0.95, 2018: 0.95, 2019: 0.95, 2020: 0.94},
        off_from=date(2020, 3, 16),
    ),
    Channel(
        "formulier",
        ScaleKind.GRADE,
        contacts_per_year=30_000,
        response_rate=0.20,
        shares={2017: 0.83, 2018: 0.84, 2019: 0.84, 2020: 0.86},
        start=date(2017, 4, 1),
        weekdays_only=False,
        hours=(0, 24),
    ),
    Channel(
        "website",
        ScaleKind.YES_NO,
        contacts_per_year=2_500_000,
        response_rate=0.005,
        shares={2016: 0.54, 2017: 0.56, 2018: 0.52, 2019: 0.52, 2020: 0.54},
        silent_months=((2018, 7), (2018, 8)),
        weekdays_only=False,
        hours=(0, 24),
    ),
)
"""The four rating channels of the Amersfoort example, with the shares its annual report published."""

AMERSFOORT_REACHABILITY = {2016: 0.78, 2017: 0.79, 2018: 0.85, 2019: 0.83, 2020: 0.78}
COUNTED_QUEUES = ("kcc-algemeen", "kcc-burgerzaken", "kcc-belastingen")
OTHER_QUEUE = "intern"


def write_ratings(
    path: Path,
    channels: Sequence[Channel],
    years: Sequence[int],
    *,
    seed: int = 1,
    exact: bool = False,
    scale: float = 1.0,
    milliseconds: bool = False,
    memory_limit: str | None = None,
) -> int:
    """Write rating events (kanaal, tijdstip, score, locatie) to `path` (.csv or .parquet); returns the count.

    `scale` multiplies every channel's volume (the benchmark's 100 million). With `exact`, each year's share
    of positive responses is exactly the channel's share (rounded to whole responses).
    """
    connection = connect(memory_limit)
    try:
        connection.execute(_MACROS)
        days = f"""
            SELECT CAST(d AS DATE) AS dag, year(d) AS jaar FROM range(DATE '{min(years)}-01-01',
                DATE '{max(years) + 1}-01-01', INTERVAL 1 DAY) AS t(d)"""
        per_day = " UNION ALL ".join(
            _channel_days(number, channel, days, seed, scale) for number, channel in enumerate(channels)
        )
        events = f"""
            SELECT k, kanaal, schaal, best, locatie, dag, jaar, aandeel, volg, aantal, van, tot,
                k * 100000000000 + (jaar * 400 + dayofyear(dag)) * 100000 + volg AS id
            FROM (SELECT *, unnest(range(aantal)) AS volg FROM ({per_day}) WHERE aantal > 0)"""
        timed = f"""
            -- 0.9: each event keeps a tenth of its slot free, so two events of a channel never share a moment.
            SELECT *, dag + to_milliseconds(CAST(van * 3600000 + floor((volg + 0.9 * rnd({seed}, id, 31))
                    * (tot - van) * 3600000 / aantal) AS BIGINT)) AS tijd,
                rnd({seed}, id, 37) AS r_pos, rnd({seed}, id, 41) AS r_score
            FROM ({events})"""
        if exact:
            judged = f"""
                SELECT *, row_number() OVER (PARTITION BY k, jaar ORDER BY r_pos, id)
                    <= round(aandeel * count(*) OVER (PARTITION BY k, jaar)) AS positief
                FROM ({timed})"""
        else:
            judged = f"SELECT *, r_pos < aandeel AS positief FROM ({timed})"
        score_number = """
            CASE schaal
                WHEN 'smileys' THEN CASE WHEN positief THEN CASE WHEN r_score < 0.55 THEN 5 ELSE 4 END
                                         ELSE 1 + CAST(floor(r_score * 3) AS INTEGER) END
                WHEN 'cijfer' THEN CASE WHEN positief THEN 7 + CAST(floor(r_score * 4) AS INTEGER)
                                        ELSE 1 + CAST(floor(r_score * 6) AS INTEGER) END
                ELSE CASE WHEN positief THEN 1 ELSE 0 END END"""
        raw = f"CASE WHEN schaal = 'smileys' AND best = 1 THEN 6 - ({score_number}) ELSE {score_number} END"
        parquet = path.suffix.lower() == ".parquet"
        score = (
            f"CAST({raw} AS TINYINT)"
            if parquet
            else "CASE WHEN schaal = 'ja-nee' THEN CASE WHEN positief THEN 'ja' ELSE 'nee' END "
            f"ELSE CAST({raw} AS VARCHAR) END"
        )
        stamp = "tijd" if milliseconds else "date_trunc('second', tijd)"
        query = f"""
            SELECT kanaal, {stamp} AS tijdstip, {score} AS score, locatie
            FROM ({judged}) ORDER BY k, tijd, id"""
        path.parent.mkdir(parents=True, exist_ok=True)
        options = "FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000000" if parquet else "HEADER true"
        connection.execute(f"COPY ({query}) TO '{path}' ({options})")
        return int(connection.execute(f"SELECT count(*) FROM '{path}'").fetchone()[0])
    finally:
        connection.close()


def _channel_days(number: int, channel: Channel, days: str, seed: int, scale: float) -> str:
    """One row per day of the channel: its number of responses that day, and the year's positive share."""
    active = 255 if channel.weekdays_only else 365
    daily = channel.contacts_per_year * channel.response_rate * scale / active
    start = f"DATE '{channel.start}'" if channel.start else "DATE '1900-01-01'"
    off = f"DATE '{channel.off_from}'" if channel.off_from else "DATE '2200-01-01'"
    weekday = "1" if channel.weekdays_only else "CASE WHEN isodow(d.dag) > 5 THEN 0.6 ELSE 1.16 END"
    closed = f"d.dag < {start} OR d.dag >= {off} OR {_silent(channel)}"
    if channel.weekdays_only:
        closed += " OR isodow(d.dag) > 5"
    day = "d.jaar * 400 + dayofyear(d.dag)"
    return f"""
        SELECT {number} AS k, '{channel.name}' AS kanaal, '{channel.scale.value}' AS schaal, {channel.best} AS best,
            {channel.hours[0]} AS van, {channel.hours[1]} AS tot, {_text(channel.location)} AS locatie,
            d.dag, d.jaar, {_share_case(channel)} AS aandeel,
            CASE WHEN {closed} THEN 0
                 ELSE CAST(floor({daily} * (0.8 + 0.4 * rnd({seed}, {day}, {11 + number})) * {weekday}
                      + rnd({seed}, {day}, {23 + number})) AS BIGINT) END AS aantal
        FROM ({days}) AS d"""


def _share_case(channel: Channel) -> str:
    if not channel.shares:
        return str(channel.share)
    cases = " ".join(f"WHEN {year} THEN {share}" for year, share in channel.shares.items())
    return f"(CASE d.jaar {cases} ELSE {channel.share} END)"


def _silent(channel: Channel) -> str:
    months = " OR ".join(f"(d.jaar = {y} AND month(d.dag) = {m})" for y, m in channel.silent_months)
    return f"({months or 'false'})"


def _text(value: str | None) -> str:
    return "CAST(NULL AS VARCHAR)" if value is None else "'" + value.replace("'", "''") + "'"


def write_queue_log(
    folder: Path,
    years: Sequence[int],
    *,
    residents: int = 150_000,
    calls_per_resident: float = 1.05,
    shares: dict[int, float] | None = None,
    share: float = 0.8,
    seed: int = 1,
    exact: bool = False,
    within: int = 25,
    short_abandon: int = 5,
    timezone: str = "Europe/Amsterdam",
    memory_limit: str | None = None,
) -> list[Path]:
    """Write one Asterisk queue_log per year (`queue_log.2016`, …) into `folder`; returns their paths.

    Working days 8:00–17:00, about `calls_per_resident` calls per resident a year, busier in spring 2020.
    Per year, `shares[year]` of the calls offered to the counted queues (short hang-ups of less than
    `short_abandon` seconds left out) are answered within `within` seconds, dealt out exactly with `exact`.
    The rest are answered later, hang up, time out or leave with a key for a callback; some calls time out
    in one queue and re-enter another; calls to the queue 'intern' do not count.
    """
    shares = shares or {}
    connection = connect(memory_limit)
    written = []
    try:
        connection.execute(_MACROS)
        folder.mkdir(parents=True, exist_ok=True)
        for year in years:
            target = folder / f"queue_log.{year}"
            query = _queue_log_query(
                year,
                residents * calls_per_resident,
                shares.get(year, share),
                seed,
                exact,
                within,
                short_abandon,
                timezone,
            )
            connection.execute(f"COPY ({query}) TO '{target}' (HEADER false, QUOTE '', DELIMITER '\x01')")
            written.append(target)
    finally:
        connection.close()
    return written


def _queue_log_query(
    year: int, calls: float, share: float, seed: int, exact: bool, within: int, short: int, timezone: str
) -> str:
    daily = calls / 255
    counted = ", ".join(f"'{q}'" for q in COUNTED_QUEUES)
    tz = "'" + timezone + "'"
    days = f"""
        SELECT CAST(d AS DATE) AS dag, dayofyear(d) AS nr FROM range(DATE '{year}-01-01', DATE '{year + 1}-01-01',
            INTERVAL 1 DAY) AS t(d) WHERE isodow(d) <= 5"""
    per_day = f"""
        SELECT dag, nr, CAST(floor({daily} * CASE WHEN month(dag) IN (1, 3, 10) THEN 1.1
                                       WHEN month(dag) IN (7, 8, 12) THEN 0.8 ELSE 1 END
                * CASE WHEN {year} = 2020 AND month(dag) BETWEEN 4 AND 6 THEN 1.3 ELSE 1 END
                * (0.85 + 0.3 * rnd({seed}, {year} * 400 + nr, 101)) + rnd({seed}, {year} * 400 + nr, 103)) AS BIGINT)
            AS aantal
        FROM ({days})"""
    calls_sql = f"""
        SELECT *, CASE WHEN r_queue < 0.05 THEN '{OTHER_QUEUE}' WHEN r_queue < 0.15 THEN 'kcc-belastingen'
                       WHEN r_queue < 0.40 THEN 'kcc-burgerzaken' ELSE 'kcc-algemeen' END AS wachtrij,
            r_queue >= 0.05 AND r_short < 0.03 AS kort
        FROM (
            SELECT dag, volg, ({year} * 400 + nr) * 100000 + volg AS id,
                dag + INTERVAL 8 HOUR
                    + to_seconds(CAST(floor((volg + rnd({seed}, ({year} * 400 + nr) * 100000 + volg, 107))
                    * 32400 / aantal) AS BIGINT)) AS binnen_lokaal,
                rnd({seed}, ({year} * 400 + nr) * 100000 + volg, 109) AS r_queue,
                rnd({seed}, ({year} * 400 + nr) * 100000 + volg, 113) AS r_short,
                rnd({seed}, ({year} * 400 + nr) * 100000 + volg, 127) AS r_rank,
                rnd({seed}, ({year} * 400 + nr) * 100000 + volg, 131) AS r_kind,
                rnd({seed}, ({year} * 400 + nr) * 100000 + volg, 137) AS r_wait,
                rnd({seed}, ({year} * 400 + nr) * 100000 + volg, 139) AS r_reenter,
                rnd({seed}, ({year} * 400 + nr) * 100000 + volg, 149) AS r_talk,
                rnd({seed}, ({year} * 400 + nr) * 100000 + volg, 151) AS r_agent
            FROM (SELECT *, unnest(range(aantal)) AS volg FROM ({per_day}) WHERE aantal > 0)
        )"""
    if exact:
        ranked = f"""
            SELECT *, CASE WHEN wachtrij IN ({counted}) AND NOT kort THEN
                row_number() OVER (PARTITION BY wachtrij IN ({counted}) AND NOT kort ORDER BY r_rank, id)
                <= round({share} * count(*) OVER (PARTITION BY wachtrij IN ({counted}) AND NOT kort))
                ELSE r_rank < {share} END AS op_tijd
            FROM ({calls_sql})"""
    else:
        ranked = f"SELECT *, r_rank < {share} AS op_tijd FROM ({calls_sql})"
    # How each call goes: a = answered in time, late, hang-up, time-out, key; re-entry for some.
    shaped = f"""
        SELECT *, CAST(epoch(timezone({tz}, binnen_lokaal)) AS BIGINT) AS t0,
            CAST(CAST(epoch(timezone({tz}, binnen_lokaal)) AS BIGINT) AS VARCHAR) || '.'
                || CAST(id % 100000 AS VARCHAR) AS callid,
            'PJSIP/kcc-' || lpad(CAST(1 + CAST(floor(r_agent * 24) AS INTEGER) AS VARCHAR), 2, '0') AS agent,
            CASE WHEN kort THEN 'kort' WHEN op_tijd THEN 'op-tijd'
                 WHEN r_kind < 0.55 THEN 'laat' WHEN r_kind < 0.85 THEN 'opgehangen'
                 WHEN r_kind < 0.95 THEN 'time-out' ELSE 'toets' END AS afloop,
            NOT kort AND wachtrij <> '{OTHER_QUEUE}' AND r_reenter < 0.04 AS opnieuw,
            60 + CAST(floor(r_reenter * 6000) AS INTEGER) % 240 AS eerste_wacht,
            60 + CAST(floor(r_talk * 540) AS INTEGER) AS gesprek_duur
        FROM ({ranked})"""
    timed = f"""
        SELECT *, CASE WHEN opnieuw THEN t0 + eerste_wacht ELSE t0 END AS t1,
            CASE WHEN opnieuw THEN 'kcc-algemeen' ELSE wachtrij END AS laatste_wachtrij,
            CASE afloop WHEN 'kort' THEN 1 + CAST(floor(r_wait * {max(short - 1, 1)}) AS INTEGER)
                        WHEN 'op-tijd' THEN 1 + CAST(floor(r_wait * {within}) AS INTEGER)
                        WHEN 'laat' THEN {within + 1} + CAST(floor(r_wait * 400) AS INTEGER)
                        WHEN 'opgehangen' THEN {max(short, 5)} + CAST(floor(r_wait * 300) AS INTEGER)
                        WHEN 'time-out' THEN 600
                        ELSE 30 + CAST(floor(r_wait * 170) AS INTEGER) END AS wacht
        FROM ({shaped})"""
    caller = "'|06' || lpad(CAST(id % 100000000 AS VARCHAR), 8, '0') || '|1'"
    answered = "afloop IN ('op-tijd', 'laat')"
    events = f"""
        SELECT t0 AS t, callid, wachtrij AS q, 'NONE' AS agent, 'ENTERQUEUE' AS ev, {caller} AS data, 1 AS seq
        FROM c
        UNION ALL SELECT t1 AS t, callid, wachtrij, 'NONE', 'EXITWITHTIMEOUT',
                '1|1|' || CAST(eerste_wacht AS VARCHAR), 2
            FROM c WHERE opnieuw
        UNION ALL SELECT t1, callid, laatste_wachtrij, 'NONE', 'ENTERQUEUE', {caller}, 3 FROM c WHERE opnieuw
        UNION ALL SELECT t1 + wacht - 1, callid, laatste_wachtrij, agent, 'RINGNOANSWER', '15000', 4 FROM c
            WHERE {answered} AND r_talk < 0.2 AND wacht > 2
        UNION ALL SELECT t1 + wacht, callid, laatste_wachtrij, agent, 'CONNECT',
                CAST(wacht AS VARCHAR) || '|' || callid || '1|3', 5
            FROM c WHERE {answered}
        UNION ALL SELECT t1 + wacht + gesprek_duur, callid, laatste_wachtrij, agent,
                CASE WHEN r_talk < 0.5 THEN 'COMPLETECALLER' ELSE 'COMPLETEAGENT' END,
                CAST(wacht AS VARCHAR) || '|' || CAST(gesprek_duur AS VARCHAR) || '|1', 6
            FROM c WHERE {answered}
        UNION ALL SELECT t1 + wacht, callid, laatste_wachtrij, 'NONE', 'ABANDON', '1|1|' || CAST(wacht AS VARCHAR), 5
            FROM c WHERE afloop IN ('kort', 'opgehangen')
        UNION ALL SELECT t1 + wacht, callid, laatste_wachtrij, 'NONE', 'EXITWITHTIMEOUT',
                '1|1|' || CAST(wacht AS VARCHAR), 5
            FROM c WHERE afloop = 'time-out'
        UNION ALL SELECT t1 + wacht, callid, laatste_wachtrij, 'NONE', 'EXITWITHKEY',
                '1|1|1|' || CAST(wacht AS VARCHAR), 5
            FROM c WHERE afloop = 'toets'"""

    def at(moment: str) -> str:
        return f"CAST(epoch(timezone({tz}, {moment})) AS BIGINT)"

    member = "'PJSIP/kcc-' || lpad(CAST(a AS VARCHAR), 2, '0')"
    agents = f"""
        SELECT {at("dag + INTERVAL 7 HOUR + INTERVAL 55 MINUTE")} + a AS t, 'NONE' AS callid,
            q, {member} AS agent, 'ADDMEMBER' AS ev, '' AS data, 0 AS seq
        FROM ({days}), range(1, 25) AS ag(a), (SELECT unnest([{counted}]) AS q)
        UNION ALL
        SELECT {at("dag + INTERVAL 17 HOUR + INTERVAL 30 MINUTE")} + a, 'NONE', q, {member}, 'REMOVEMEMBER', '', 9
        FROM ({days}), range(1, 25) AS ag(a), (SELECT unnest([{counted}]) AS q)
        UNION ALL
        SELECT {at("dag + INTERVAL 12 HOUR")} + a, 'NONE', 'NONE', {member}, 'PAUSE', 'lunch', 0
        FROM ({days}), range(1, 25) AS ag(a)
        UNION ALL
        SELECT {at("dag + INTERVAL 12 HOUR + INTERVAL 30 MINUTE")} + a, 'NONE', 'NONE', {member}, 'UNPAUSE', 'lunch', 0
        FROM ({days}), range(1, 25) AS ag(a)
        UNION ALL
        SELECT {at(f"DATE '{year}-01-01' + INTERVAL 6 HOUR")}, 'NONE', 'NONE', 'NONE', 'QUEUESTART', '', 0"""
    return f"""
        WITH c AS ({timed}),
        lines AS ({events} UNION ALL {agents})
        SELECT CAST(t AS VARCHAR) || '|' || callid || '|' || q || '|' || agent || '|' || ev
            || CASE WHEN data = '' THEN '' ELSE '|' || data END AS line
        FROM lines ORDER BY t, callid, seq, q, agent"""


def write_example(project: Path, seed: int = 2020) -> list[Path]:
    """The raw data of the Amersfoort example (2016–2020) in `project`/ruw, measuring to its published figures."""
    years = range(2016, 2021)
    raw = project / "ruw"
    ratings = raw / "beoordelingen.csv"
    write_ratings(ratings, AMERSFOORT_CHANNELS, years, seed=seed, exact=True)
    logs = write_queue_log(raw / "telefonie", years, shares=AMERSFOORT_REACHABILITY, seed=seed, exact=True)
    return [ratings, *logs]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m verantwoord.measure.synthetic", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    example = commands.add_parser("voorbeeld", help="de ruwe gegevens van het Amersfoort-voorbeeld")
    example.add_argument("project", type=Path)
    example.add_argument("--seed", type=int, default=2020)
    ratings = commands.add_parser("beoordelingen", help="beoordelingen van de vier kanalen, .csv of .parquet")
    ratings.add_argument("path", type=Path)
    ratings.add_argument("--aantal", type=int, default=1_000_000, help="ongeveer zoveel beoordelingen")
    ratings.add_argument("--jaren", default="2011-2020")
    ratings.add_argument("--seed", type=int, default=1)
    calls = commands.add_parser("queue_log", help="een queue_log per jaar")
    calls.add_argument("folder", type=Path)
    calls.add_argument("--inwoners", type=int, default=150_000)
    calls.add_argument("--jaren", default="2011-2020")
    calls.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.command == "voorbeeld":
        for path in write_example(args.project, args.seed):
            print(path)
        return
    first, _, last = args.jaren.partition("-")
    years = range(int(first), int(last or first) + 1)
    if args.command == "beoordelingen":
        with tempfile.TemporaryDirectory() as folder:  # the volume at scale 1, to scale to the number asked for
            base = write_ratings(Path(folder) / "r.parquet", AMERSFOORT_CHANNELS, years, seed=args.seed)
        factor = args.aantal / base
        print(write_ratings(args.path, AMERSFOORT_CHANNELS, years, seed=args.seed, scale=factor, milliseconds=True))
    else:
        for path in write_queue_log(args.folder, years, residents=args.inwoners, seed=args.seed):
            print(path)


if __name__ == "__main__":
    main()
