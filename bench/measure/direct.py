"""The same aggregations as `verantwoord measure`, written directly: one DuckDB query, or pandas.

    python bench/measure/direct.py duckdb|pandas ratings|calls DATA_FOLDER [MEMORY_LIMIT]

Prints the result as JSON: {"indicator/year": [n, positive], ...}, the same figures `verantwoord measure` writes,
so run.py can check that all three agree. The rules are those of bench/measure/run.py's metingen.yaml:

- ratings: per channel and year, rows with a timestamp and a score on the channel's scale; identical rows in one
  file are as many ratings (a kiosk that records the minute writes two people so), and a rating that other files
  repeat counts as often as in the file that has it most often; positive is 1 or 2 on the kiosk (1 = very
  satisfied), 4 or 5 on the keypad, 7 or more on the forms' grade, 1 (yes) on the website;
- calls: per year of the first entry, calls (call ids) that entered one of the three counted queues; identical
  lines count once; answered within 25 s if the first CONNECT's holdtime is at most 25; a call whose last exit is
  an ABANDON after less than 5 s in its queue, less than 5 s after its first entry, does not count; a key press
  (EXITWITHKEY) counts as not answered.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

RATING_FILES = ("beoordelingen.parquet",)
"""The files of the ratings, as run.py's metingen.yaml names them: one, but the rule is written for any number."""
RATING_KEY = ["kanaal", "tijdstip", "score", "locatie"]
"""What makes two rows the same rating (the generated data has no question column)."""
CHANNELS = {
    "balie": ("balie-tevredenheid", 1, 5, "score <= 2"),
    "telefoon": ("kcc-tevredenheid", 1, 5, "score >= 4"),
    "formulier": ("formulieren-tevredenheid", 1, 10, "score >= 7"),
    "website": ("website-tevredenheid", 0, 1, "score = 1"),
}
QUEUES = ("kcc-algemeen", "kcc-burgerzaken", "kcc-belastingen")
EXITS = ("ABANDON", "EXITWITHTIMEOUT", "EXITEMPTY", "EXITWITHKEY", "WITHDRAW")


def duckdb_ratings(folder: Path, memory: str) -> dict[str, list[int]]:
    import duckdb

    connection = duckdb.connect()
    connection.execute(f"SET memory_limit = '{memory}'; SET enable_progress_bar = false")
    valid = " OR ".join(f"(kanaal = '{c}' AND score BETWEEN {lo} AND {hi})" for c, (_, lo, hi, _) in CHANNELS.items())
    positive = " OR ".join(f"(kanaal = '{c}' AND {rule})" for c, (*_, rule) in CHANNELS.items())
    files = ", ".join(f"'{folder / name}'" for name in RATING_FILES)
    key = ", ".join(RATING_KEY)
    rows = f"SELECT * FROM read_parquet([{files}], filename = true) WHERE tijdstip IS NOT NULL AND ({valid})"
    if len(RATING_FILES) == 1:
        reacties = f"SELECT {key}, 1 AS aantal FROM ({rows})"  # equal rows in one file are as many ratings
    else:
        per_file = f"SELECT {key}, filename, count(*) AS kopieen FROM ({rows}) GROUP BY {key}, filename"
        reacties = f"SELECT {key}, max(kopieen) AS aantal FROM ({per_file}) GROUP BY {key}"
    rows = connection.execute(
        f"""
        SELECT kanaal, year(tijdstip) AS jaar, sum(aantal) AS n, coalesce(sum(aantal) FILTER (WHERE {positive}), 0)
        FROM ({reacties}) GROUP BY kanaal, jaar"""
    ).fetchall()
    return {f"{CHANNELS[channel][0]}/{year}": [n, positive] for channel, year, n, positive in rows}


def duckdb_calls(folder: Path, memory: str) -> dict[str, list[int]]:
    import duckdb

    connection = duckdb.connect()
    connection.execute(f"SET memory_limit = '{memory}'; SET enable_progress_bar = false")
    queues = ", ".join(f"'{q}'" for q in QUEUES)
    exits = ", ".join(f"'{e}'" for e in EXITS)
    columns = {"epoch": "BIGINT", "callid": "VARCHAR", "queue": "VARCHAR", "agent": "VARCHAR", "event": "VARCHAR"}
    columns |= {f"data{i}": "VARCHAR" for i in range(1, 6)}
    rows = connection.execute(
        f"""
        WITH regels AS (
            SELECT DISTINCT * FROM read_csv('{folder}/telefonie/queue_log.*', delim = '|', header = false,
                quote = '', escape = '', auto_detect = false, null_padding = true, columns = {columns})
        ),
        gesprekken AS (
            SELECT callid,
                min(epoch) FILTER (WHERE event = 'ENTERQUEUE') AS binnen,
                arg_min(CAST(data1 AS INTEGER), epoch) FILTER (WHERE event = 'CONNECT') AS wacht,
                arg_max(event, epoch) FILTER (WHERE event IN ({exits})) AS afloop,
                arg_max(CAST(CASE WHEN event = 'EXITWITHKEY' THEN data4 ELSE data3 END AS INTEGER), epoch)
                    FILTER (WHERE event IN ({exits})) AS afloop_wacht,
                max(epoch) FILTER (WHERE event IN ({exits})) AS verlaten
            FROM regels
            WHERE queue IN ({queues}) AND callid NOT IN ('NONE', 'REALTIME')
            GROUP BY callid
        )
        SELECT year(timezone('Europe/Amsterdam', to_timestamp(binnen))) AS jaar,
            count(*) FILTER (WHERE wacht IS NOT NULL OR afloop IS DISTINCT FROM 'ABANDON' OR afloop_wacht >= 5
                OR verlaten - binnen >= 5) AS n,
            count(*) FILTER (WHERE wacht <= 25) AS positief
        FROM gesprekken WHERE binnen IS NOT NULL GROUP BY jaar"""
    ).fetchall()
    return {f"kcc-bereikbaarheid/{year}": [n, positive] for year, n, positive in rows}


def pandas_ratings(folder: Path, memory: str) -> dict[str, list[int]]:
    import pandas as pd

    frames = []
    for number, name in enumerate(RATING_FILES):
        frame = pd.read_parquet(folder / name, columns=RATING_KEY)
        frame = frame[frame["tijdstip"].notna()]
        low = frame["kanaal"].map({c: lo for c, (_, lo, _, _) in CHANNELS.items()})
        high = frame["kanaal"].map({c: hi for c, (_, _, hi, _) in CHANNELS.items()})
        frames.append(frame[(frame["score"] >= low) & (frame["score"] <= high)].assign(bestand=number))
    # Equal rows of one file are as many ratings; a rating in several files counts as in the file with most copies.
    if len(frames) == 1:
        frame = frames[0].assign(aantal=1)
    else:
        copies = pd.concat(frames, ignore_index=True).groupby([*RATING_KEY, "bestand"], dropna=False).size()
        frame = copies.groupby(level=RATING_KEY, dropna=False).max().rename("aantal").reset_index()
    score, channel = frame["score"], frame["kanaal"]
    positive = (
        ((channel == "balie") & (score <= 2))
        | ((channel == "telefoon") & (score >= 4))
        | ((channel == "formulier") & (score >= 7))
        | ((channel == "website") & (score == 1))
    )
    frame = frame.assign(jaar=frame["tijdstip"].dt.year, positief=frame["aantal"].where(positive, 0))
    grouped = frame.groupby(["kanaal", "jaar"])[["aantal", "positief"]].sum()
    return {f"{CHANNELS[c][0]}/{y}": [int(n), int(p)] for (c, y), (n, p) in grouped.iterrows()}


def pandas_calls(folder: Path, memory: str) -> dict[str, list[int]]:
    import pandas as pd

    names = ["epoch", "callid", "queue", "agent", "event", "data1", "data2", "data3", "data4", "data5"]
    frames = [
        pd.read_csv(path, sep="|", header=None, names=names, dtype=str, quoting=3, keep_default_na=False)
        for path in sorted((folder / "telefonie").glob("queue_log.*"))
    ]
    lines = pd.concat(frames, ignore_index=True).drop_duplicates()
    lines = lines[lines["queue"].isin(QUEUES) & ~lines["callid"].isin(["NONE", "REALTIME"])].copy()
    lines["epoch"] = lines["epoch"].astype("int64")
    lines = lines.sort_values(["callid", "epoch"], kind="stable")
    entered = lines[lines["event"] == "ENTERQUEUE"].groupby("callid")["epoch"].min()
    connect = lines[lines["event"] == "CONNECT"].groupby("callid").first()["data1"].astype(int)
    exits = lines[lines["event"].isin(EXITS)]
    last = exits.groupby("callid").last()
    exit_wait = last["data3"].where(last["event"] != "EXITWITHKEY", last["data4"]).astype(int)
    calls = pd.DataFrame({"binnen": entered})
    calls["wacht"] = connect
    calls["afloop"] = last["event"]
    calls["afloop_wacht"] = exit_wait
    calls["verlaten"] = last["epoch"]
    short = calls["wacht"].isna() & (calls["afloop"] == "ABANDON") & (calls["afloop_wacht"] < 5)
    short &= calls["verlaten"] - calls["binnen"] < 5
    calls["jaar"] = pd.to_datetime(calls["binnen"], unit="s", utc=True).dt.tz_convert("Europe/Amsterdam").dt.year
    calls["telt"] = ~short
    calls["op_tijd"] = calls["wacht"] <= 25
    grouped = calls.groupby("jaar")[["telt", "op_tijd"]].sum()
    return {f"kcc-bereikbaarheid/{y}": [int(n), int(p)] for y, (n, p) in grouped.iterrows()}


def main() -> None:
    engine, workload, folder = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    memory = sys.argv[4] if len(sys.argv) > 4 else "4GB"
    function = {
        ("duckdb", "ratings"): duckdb_ratings,
        ("duckdb", "calls"): duckdb_calls,
        ("pandas", "ratings"): pandas_ratings,
        ("pandas", "calls"): pandas_calls,
    }[(engine, workload)]
    print(json.dumps(dict(sorted(function(folder, memory).items()))))


if __name__ == "__main__":
    main()
