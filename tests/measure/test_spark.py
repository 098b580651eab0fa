"""The definitions are portable: run on Spark (local mode, via SQLGlot), they give DuckDB's numbers exactly.

DuckDB reads the raw test inputs into the normalised relations and writes them to Parquet; Spark reads those,
runs every test definition transpiled to its dialect, and must return the same rows as DuckDB does from the
same relations. Runs in CI; skipped only outside CI when Java or PySpark is missing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tests.measure.test_queries import CALLS_CSV, QUEUE_LOG, RATINGS, T, rating, reachability
from verantwoord.errors import Problems
from verantwoord.measure import inputs, queries, synthetic
from verantwoord.measure.definitions import InputFormat, KeyRule, Scale, ScaleKind, WaitRule


def _spark_missing() -> str | None:
    if shutil.which("java") is None:
        return "no Java"
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "no pyspark"
    return None


MISSING = _spark_missing()
pytestmark = [
    pytest.mark.skipif(
        MISSING is not None and not os.environ.get("CI"), reason=f"Spark cannot run here ({MISSING}); CI runs it"
    ),
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
]


@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("verantwoord-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _relation(folder: Path, name: str, text: str, fmt: InputFormat) -> Path:
    """The normalised relation of the raw file `name`, as DuckDB reads it, written to Parquet for Spark."""
    (folder / name).write_text(text, encoding="utf-8")
    return _export(folder, (name,), fmt)


def _export(folder: Path, files: tuple[str, ...], fmt: InputFormat) -> Path:
    connection = inputs.connect()
    source = inputs.register(connection, folder, "bron", files, fmt, "Europe/Amsterdam", Problems())
    assert source is not None
    target = folder / f"{files[0].replace('/', '_')}.parquet"
    connection.execute(f"COPY (SELECT * FROM bron) TO '{target}' (FORMAT parquet)")
    connection.close()
    return target


def _both(spark, parquet: Path, sql: str) -> tuple[list[tuple], list[tuple]]:
    """The rows of `sql` over the relation in `parquet`, from DuckDB and from Spark, in one order."""
    connection = inputs.connect()
    connection.execute(f"CREATE VIEW bron AS SELECT * FROM read_parquet('{parquet}')")
    duck = connection.execute(sql).fetchall()
    connection.close()
    spark.read.parquet(str(parquet)).createOrReplaceTempView("bron")
    theirs = [tuple(row) for row in spark.sql(queries.to_dialect(sql, "spark")).collect()]
    return _sorted(duck), _sorted(theirs)


def _sorted(rows: list) -> list[tuple]:
    def key(row: tuple) -> tuple:
        return tuple((value is None, str(value)) for value in row)

    return sorted(
        (tuple(None if v is None else int(v) if isinstance(v, int) else v for v in row) for row in rows), key=key
    )


CALL_RULES = [
    {},
    {"short_abandon": 0},
    {"key_rule": KeyRule.ANSWERED},
    {"key_rule": KeyRule.EXCLUDED},
    {"wait_rule": WaitRule.TOTAL},
    {"queues": None},
    {"queues": ("kcc",)},
    {"within": 10},
]


def test_reachability_on_spark_equals_duckdb(spark, tmp_path: Path) -> None:
    relation = _relation(tmp_path, "queue_log", QUEUE_LOG, InputFormat.QUEUE_LOG)
    for rules in CALL_RULES:
        definition = reachability(**rules)
        duck, theirs = _both(spark, relation, queries.calls_query("bron", definition))
        assert duck == theirs, rules
        assert duck, rules
    for sql in (
        queries.call_repeats_query("bron", reachability()),
        queries.call_duplicates_query("bron", reachability(), 10),
    ):
        duck, theirs = _both(spark, relation, sql)
        assert duck == theirs
    bad = ["kapot|regel", f"{T}|c20|kcc|NONE|ONBEKEND|", "nu|c21|kcc|NONE|INFO", f"{T}|c22|kcc|X|CONNECT|tien|x|1"]
    broken = QUEUE_LOG + "\n".join(bad) + "\n"
    relation = _relation(tmp_path, "kapot_log", broken, InputFormat.QUEUE_LOG)
    sql = queries.call_problems_query("bron", ["velden", "gebeurtenis", "tijdstip", "getal"], 10)
    duck, theirs = _both(spark, relation, sql)
    assert duck == theirs
    assert sorted(row[0] for row in duck) == ["gebeurtenis", "getal", "tijdstip", "velden"]


def test_a_call_of_many_lines_on_spark_equals_duckdb(spark, tmp_path: Path) -> None:
    """The check numbers' squares add up without overflow, also where SUM of a BIGINT is a BIGINT (Spark)."""
    lines = [f"{T}|c1|kcc|NONE|ENTERQUEUE||06|1"]
    lines += [f"{T + i}|c1|kcc|NONE|EXITWITHTIMEOUT|1|1|{i}" for i in range(1, 1500)]
    relation = _relation(tmp_path, "queue_log", "\n".join(lines) + "\n", InputFormat.QUEUE_LOG)
    duck, theirs = _both(spark, relation, queries.calls_query("bron", reachability()))
    assert duck == theirs
    assert [row[4] for row in duck] == [1]  # too many lines to decide: open


def test_reachability_of_a_generated_year_on_spark_equals_duckdb(spark, tmp_path: Path) -> None:
    """A realistic log: re-entries, rings, keys, time-outs, agents' events; about 25,000 lines."""
    synthetic.write_queue_log(tmp_path / "telefonie", [2019], residents=5_000, seed=7)
    relation = _export(tmp_path, ("telefonie/queue_log.2019",), InputFormat.QUEUE_LOG)
    for rules in ({}, {"wait_rule": WaitRule.TOTAL, "key_rule": KeyRule.ANSWERED}, {"queues": ("kcc-algemeen",)}):
        definition = replace(reachability(**rules), queues=rules.get("queues", synthetic.COUNTED_QUEUES))
        duck, theirs = _both(spark, relation, queries.calls_query("bron", definition))
        assert duck == theirs
        assert sum(row[5] for row in duck if row[1] is not None) > 3_000


def test_calls_csv_on_spark_equals_duckdb(spark, tmp_path: Path) -> None:
    relation = _relation(tmp_path, "gesprekken.csv", CALLS_CSV, InputFormat.CALLS)
    for rules in ({}, {"wait_rule": WaitRule.TOTAL}, {"queues": None}):
        definition = reachability(files=("gesprekken.csv",), format=InputFormat.CALLS, **rules)
        duck, theirs = _both(spark, relation, queries.calls_query("bron", definition))
        assert duck == theirs


def test_ratings_on_spark_equal_duckdb(spark, tmp_path: Path) -> None:
    text = RATINGS + "telefoon,2019-07-01 09:00:00,7\ntelefoon,niet,3\nwebsite,2019-07-01 09:00:00,ja\nkapot\n"
    text += "Telefoon,2019-07-01 09:00:45,4\n" * 2 + "telefoon,2019-07-01 09:00:29.5,4\n" * 2  # equal, with seconds
    text += "telefoon,2019-07-01 09:03:00,Zeer tevreden\ntelefoon,2019-07-01 09:04:00,ontevreden\ntelefoon,x,Neutraal\n"
    relation = _relation(tmp_path, "beoordelingen.csv", text, InputFormat.CSV)
    definitions = [
        rating(Scale("toetsen", ScaleKind.SMILEYS, 5)),
        rating(Scale("zuil", ScaleKind.SMILEYS, 1), indicator="b"),
        rating(Scale("cijfer", ScaleKind.GRADE), indicator="c", positive_from=3),
        rating(Scale("duim", ScaleKind.YES_NO), indicator="d", channel="website", positive_from=None),
    ]
    for distinct in (True, False):
        duck, theirs = _both(spark, relation, queries.ratings_query("bron", definitions, distinct))
        assert duck == theirs
        assert any(row[-1] for row in duck)  # equal rows at a moment with seconds (sampled: 09:00:45)
    for definition in definitions:
        for code in ("score-geen-getal", "score-buiten-schaal", "tijdstip"):
            duck, theirs = _both(spark, relation, queries.rating_problems_query("bron", definition, code, 10))
            assert duck == theirs
        sql = queries.rating_duplicates_query("bron", definition, 10)
        duck, theirs = _both(spark, relation, sql)
        assert duck == theirs
    duck, theirs = _both(spark, relation, queries.equal_ratings_query("bron", definitions, 10))
    assert duck == theirs
    # A question and a location are read in any case; per file, the values as the files write them.
    asked = "kanaal,tijdstip,score,vraag,locatie\ntelefoon,2019-07-01 09:00:00,5,Tevreden?,Stadhuis\n"
    asked += "Telefoon,2019-07-01 09:01:00,2,TEVREDEN?,stadhuis\ntelefoon,2019-07-01 09:02:00,4,Tevreden,stadhuis hal\n"
    question = rating(Scale("toetsen", ScaleKind.SMILEYS, 5), question="tevreden?", location="STADHUIS")
    for distinct in (True, False):
        sql = queries.ratings_query("bron", [question], distinct)
        duck, theirs = _both(spark, _relation(tmp_path, "vragen.csv", asked, InputFormat.CSV), sql)
        assert duck == theirs and sum(row[4] for row in duck) == 2
    # Two exports that overlap: a rating of one that the other repeats counts once.
    (tmp_path / "overlap.csv").write_text(RATINGS.replace("balie", "telefoon") + "telefoon,kapot\n", encoding="utf-8")
    relation = _export(tmp_path, ("beoordelingen.csv", "overlap.csv"), InputFormat.CSV)
    repeated = []
    for definition in definitions:
        for distinct in (True, False):
            duck, theirs = _both(spark, relation, queries.ratings_query("bron", [definition], distinct))
            assert duck == theirs
        duck, theirs = _both(spark, relation, queries.rating_duplicates_query("bron", definition, 10))
        assert duck == theirs
        repeated += duck
    assert repeated
