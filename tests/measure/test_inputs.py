"""Reading raw files with DuckDB: line numbers, fields, time zones, CSV quoting and Parquet types."""

from __future__ import annotations

import hashlib
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.measure.test_queries import per_month, rating
from verantwoord.errors import Problems
from verantwoord.measure import inputs, queries
from verantwoord.measure.definitions import InputFormat, Scale, ScaleKind
from verantwoord.measure.inputs import QUEUE_EVENTS


def read(folder: Path, files: dict[str, str | bytes], fmt: InputFormat, columns: str = "*") -> list[tuple]:
    for name, content in files.items():
        path = folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    connection = inputs.connect()
    problems = Problems()
    source = inputs.register(connection, folder, "bron", tuple(files), fmt, "Europe/Amsterdam", problems)
    assert source is not None, [str(p) for p in problems]
    # A call in the generic CSV is two rows from one line (came in; answered or hung up): the whole row breaks the tie.
    rows = connection.execute(f"SELECT {columns} FROM bron ORDER BY bestand_nr, regel, bron::VARCHAR").fetchall()
    connection.close()
    return rows


def test_line_numbers_follow_the_file_across_many_chunks(tmp_path: Path) -> None:
    """Each line carries its own number as its epoch; the reader must number 300,000 lines the same way."""
    lines = [f"{n}|c{n}|kcc|NONE|ENTERQUEUE||06|1" if n % 1000 else "" for n in range(1, 300_001)]
    rows = read(tmp_path, {"queue_log": "\n".join(lines) + "\n"}, InputFormat.QUEUE_LOG, "regel, epoch")
    assert len(rows) == 299_700  # the blank lines are not data, but keep their number
    assert all(line == epoch for line, epoch in rows)


def test_several_files_each_count_their_own_lines(tmp_path: Path) -> None:
    files = {
        "a.log": "1|x|q|NONE|ENTERQUEUE||06|1\n2|x|q|NONE|ABANDON|1|1|5\n",
        "b.log": "\n3|y|q|NONE|ENTERQUEUE||06\n",
    }
    assert read(tmp_path, files, InputFormat.QUEUE_LOG, "bestand_nr, regel, gesprek, gebeurtenis, wacht") == [
        (0, 1, "x", "ENTERQUEUE", None),
        (0, 2, "x", "ABANDON", 5),
        (1, 2, "y", "ENTERQUEUE", None),
    ]


def test_a_filter_on_the_view_leaves_each_line_split_once(tmp_path: Path) -> None:
    """Naming problem lines filters the view (WHERE fout = 'velden'). Pushed down into it, that filter became one
    split of the line per field it tests, 373 in the plan of one file: 20 s per kind of problem on ten years of
    queue_log instead of 0.9 s (bench/measure/HISTORY.md)."""
    (tmp_path / "queue_log").write_text("1|x|q|NONE|ENTERQUEUE||06|1\nkapot\n", encoding="utf-8")
    connection = inputs.connect()
    source = inputs.register(connection, tmp_path, "bron", ("queue_log",), InputFormat.QUEUE_LOG, "UTC", Problems())
    assert source is not None
    sql = "SELECT regel FROM bron WHERE fout = 'velden' AND telregel = 1 ORDER BY regel LIMIT 10"
    plan = "\n".join(row[1] for row in connection.execute(f"EXPLAIN {sql}").fetchall())
    assert plan.count("string_split") <= 1
    assert connection.execute(sql).fetchall() == [(2,)]


def test_the_ratings_query_parses_each_csv_line_once(tmp_path: Path) -> None:
    """Pushed down into the view, the ratings' aggregates parsed a line once per reference to its fields: 46
    regular expressions in the plan instead of one, and 10 million ratings in CSV took 32 s instead of 9 s."""
    (tmp_path / "r.csv").write_text('kanaal,tijdstip,score\nbalie,2020-01-01 10:00,4\nweb,"2020-01-01",ja\n')
    connection = inputs.connect()
    source = inputs.register(connection, tmp_path, "bron", ("r.csv",), InputFormat.CSV, "UTC", Problems())
    assert source is not None
    group = [
        rating(Scale("zuil", ScaleKind.SMILEYS, best=5), channel="balie"),
        rating(Scale("duim", ScaleKind.YES_NO), channel="web", positive_from=None),
    ]
    sql = queries.ratings_query("bron", group, distinct=False)
    plan = "\n".join(row[1] for row in connection.execute(f"EXPLAIN {sql}").fetchall())
    assert plan.count("regexp_full_match") <= 1
    [counts] = per_month(connection.execute(sql).fetchall())
    assert counts[4:6] == (1, 1) and counts[10:12] == (1, 1)  # n and positive: the balie 4, the web "ja"


def test_only_the_rewrites_this_duckdb_has_are_turned_off() -> None:
    """DuckDB before 2.0 has no partial_aggregate_pushdown, and naming it there stopped every run with an error."""
    assert inputs.disabled_optimizers({"filter_pushdown", "join_order"}) == "filter_pushdown"
    assert inputs.disabled_optimizers({"partial_aggregate_pushdown", "filter_pushdown"}) == (
        "filter_pushdown,partial_aggregate_pushdown"
    )
    assert inputs.disabled_optimizers(set()) == ""


def test_queue_log_periods_are_local_time(tmp_path: Path) -> None:
    text = "1577834999|a|q|NONE|ENTERQUEUE||06|1\n1577836800|b|q|NONE|ENTERQUEUE||06|1\n"  # 31-12 23:59:59 UTC
    assert read(tmp_path, {"q": text}, InputFormat.QUEUE_LOG, "jaar, maand") == [(2020, 1), (2020, 1)]


def test_moments_outside_1970_to_2286_and_negative_waits_are_problems(tmp_path: Path) -> None:
    """A call's place number is its second × 10⁸: a moment outside these years, or a negative wait, is reported."""
    log = (
        "-5|a|q|NONE|ENTERQUEUE||06|1\n"
        "10000000000|b|q|NONE|ENTERQUEUE||06|1\n"
        "9999999999|c|q|NONE|ENTERQUEUE||06|1\n"
        "1577836800|d|q|NONE|ABANDON|1|1|-5\n"
        "99999999999999|e|q|NONE|ENTERQUEUE||06|1\n"  # once stopped the whole run with a DuckDB error
    )
    assert read(tmp_path, {"q": log}, InputFormat.QUEUE_LOG, "fout, jaar") == [
        ("tijdstip", None),
        ("tijdstip", None),
        (None, 2286),
        ("getal", None),
        ("tijdstip", None),
    ]
    calls = (
        "gesprek;wachtrij;binnenkomst;beantwoord;opgehangen\n"
        "a;q;1969-12-31 10:00:00;;\n"
        "b;q;2020-01-01 10:00:00;2400-01-01 10:00:00;\n"
        "c;q;2020-01-01 10:00:00;2020-01-01 10:00:05;\n"
    )
    rows = read(tmp_path, {"g.csv": calls}, InputFormat.CALLS, "fout, gevonden, telregel")
    assert [row for row in rows if row[2] == 1] == [
        ("tijdstip", "1969-12-31 10:00:00", 1),
        ("tijdstip", "2400-01-01 10:00:00", 1),
        (None, "c;q;2020-01-01 10:00:00;2020-01-01 10:00:05;", 1),
    ]


ZONES = ("Europe/Amsterdam", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/St_Johns", "Australia/Lord_Howe")
"""The zone of the document, and the zones furthest ahead of and behind UTC, and some with odd offsets."""


@settings(max_examples=30, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    moments=st.lists(
        st.tuples(st.integers(1970, 2285), st.integers(1, 12), st.integers(-2 * 86400, 2 * 86400)), min_size=1
    ),
)
def test_an_entry_falls_in_its_local_month_in_any_zone(zone: str, moments: list[tuple[int, int, int]]) -> None:
    """Near the turn of a month too, in the zones furthest from UTC and with odd offsets."""
    epochs = [max(0, int(datetime(y, m, 1, tzinfo=UTC).timestamp()) + shift) for y, m, shift in moments]
    text = "".join(f"{epoch}|c{n}|q|NONE|ENTERQUEUE||06|1\n" for n, epoch in enumerate(epochs))
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "q").write_text(text, encoding="utf-8")
        connection = inputs.connect()
        source = inputs.register(connection, Path(folder), "bron", ("q",), InputFormat.QUEUE_LOG, zone, Problems())
        assert source is not None
        rows = connection.execute("SELECT epoch, jaar, maand FROM bron ORDER BY regel").fetchall()
        connection.close()
    for epoch, year, month in rows:
        local = datetime.fromtimestamp(epoch, ZoneInfo(zone))
        assert (year, month) == (local.year, local.month), (epoch, zone)


def test_ratings_csv_with_quotes_semicolons_bom_and_zones(tmp_path: Path) -> None:
    text = (
        "\ufeffKanaal;Tijdstip;Score;Vraag\r\n"
        'balie;2020-03-16 09:12:00;4;"Hoe; zo?"\r\n'
        'balie;2020-03-16T09:12:00+00:00;ja;"Zei hij ""ja""?"\r\n'
        "balie;16-03-2020 09:12;nee;\r\n"
        'balie;"2020-03-16 09:12:00;5;open\r\n'
        "\r\n"
        "balie;2020-03-16 09:13:00;4\r\n"
    )
    rows = read(
        tmp_path,
        {"b.csv": text},
        InputFormat.CSV,
        "regel, fout, vraag, CAST(moment AS VARCHAR), score_getal, score_ja_nee",
    )
    assert rows == [
        (2, None, "Hoe; zo?", "2020-03-16 09:12:00", 4, None),
        (3, None, 'Zei hij "ja"?', "2020-03-16 10:12:00", None, 1),
        (4, None, None, "2020-03-16 09:12:00", None, 0),
        (5, "velden", None, None, None, None),
        (7, "velden", None, "2020-03-16 09:13:00", 4, None),  # a field short: marked, not counted
    ]


WHITESPACE = [chr(code) for code in range(0x110000) if chr(code).isspace() and chr(code) not in "\r\n"]
"""What str.strip() takes from a value of metingen.yaml, but a line end (a tab, a non-breaking space, …)."""


def test_whitespace_around_a_field_is_taken_off_as_metingen_yaml_does(tmp_path: Path) -> None:
    """DuckDB's trim() takes off spaces only: 'balie\t' (a tab before the separator) was not the channel 'balie',
    '4\t' was no score and '2020-03-16 09:12\t' no moment. Every character str.strip() takes off a value of
    metingen.yaml is taken off a field, in a CSV (in quotes too, the only way a tab-separated field has one) and in
    Parquet, and in a CSV with calls."""
    lines = ["kanaal;tijdstip;score;vraag;locatie"]
    for space in WHITESPACE:
        fields = ("balie", "2020-03-16 09:12", "4", "Hoe?", "hal")
        lines.append(";".join(f"{space}{field}{space}" for field in fields))
    tabbed = 'kanaal\ttijdstip\tscore\n"balie\t"\t" 2020-03-16 09:12\t"\t"\u00a0ja\t"\n'
    files = {"b.csv": "\n".join(lines) + "\n", "t.csv": tabbed}
    columns = "fout, kanaal, vraag, locatie, CAST(moment AS VARCHAR), score_tekst, score_getal, score_ja_nee"
    rows = read(tmp_path, files, InputFormat.CSV, columns)
    moment = "2020-03-16 09:12:00"
    assert rows == [(None, "balie", "Hoe?", "hal", moment, "4", 4, None)] * len(WHITESPACE) + [
        (None, "balie", None, None, moment, "ja", None, 1)
    ]
    path = tmp_path / "r.parquet"
    connection = duckdb.connect()
    connection.execute(
        f"""COPY (SELECT '\tbalie\u3000' AS kanaal, '2020-03-16 09:12\t' AS tijdstip, 'ja\u2028' AS score,
            '\x0bhal\x0c' AS locatie) TO '{path}' (FORMAT parquet)"""
    )
    connection.close()
    rows = read(tmp_path, {"r.parquet": path.read_bytes()}, InputFormat.PARQUET, columns)
    assert rows == [(None, "balie", None, "hal", moment, "ja", None, 1)]
    calls = "gesprek,wachtrij,binnenkomst,beantwoord\na1\t,kcc\t,2020-03-16 09:12\t,\t2020-03-16 09:12:10\n"
    rows = read(tmp_path, {"g.csv": calls}, InputFormat.CALLS, "fout, gesprek, wachtrij, wacht")
    assert sorted(rows, key=repr) == [(None, "a1@2020-03-16", "kcc", 10), (None, "a1@2020-03-16", "kcc", None)]


def test_a_score_written_as_a_decimal_number_is_a_whole_score(tmp_path: Path) -> None:
    """pandas writes a column of scores with one empty cell as 4.0, 5.0: in Parquet such a score was read, in a CSV
    every line was 'de score is geen geldige score. Gevonden: 4.0'. A fraction is still no score."""
    text = "kanaal;tijdstip;score\n" + "".join(
        f"balie;2020-03-16 09:12;{score}\n" for score in ("4.0", "4,0", "5.00", "-0.0", "4.5", "4.", ".0", "1.0")
    )
    rows = read(tmp_path, {"b.csv": text}, InputFormat.CSV, "score_getal, score_ja_nee")
    assert rows == [(4, None), (4, None), (5, None), (0, None), (None, None), (None, None), (None, None), (1, 1)]


def test_only_moments_written_in_full_are_read(tmp_path: Path) -> None:
    """DuckDB's own cast read 27-11-20 as the year 27 (the rating left out of every year, without a word) and
    dropped a zone name, so 23:30 UTC on New Year's Eve counted in the old year."""
    text = (
        "kanaal;tijdstip;score\n"
        "web;27-11-20 13:05;ja\n"
        "web;2020-12-31 23:30:00 UTC;ja\n"
        "web;2020-12-31 23:30:00 +00:00;ja\n"  # a space before the offset: read
        "web;27-11-2020;ja\n"  # a day without a time, as 2020-11-27 is read
        "web;2020/11/27 10:00;ja\n"
        "web;2020-1-5 9:05:00;ja\n"  # the format jjjj-m-d u:mm:ss of Excel
    )
    rows = read(tmp_path, {"b.csv": text}, InputFormat.CSV, "fout, gevonden, CAST(moment AS VARCHAR)")
    assert rows == [
        ("tijdstip", "27-11-20 13:05", None),
        ("tijdstip", "2020-12-31 23:30:00 UTC", None),
        (None, "2020-12-31 23:30:00 +00:00", "2021-01-01 00:30:00"),
        (None, "27-11-2020", "2020-11-27 00:00:00"),
        (None, "2020/11/27 10:00", "2020-11-27 10:00:00"),
        (None, "2020-1-5 9:05:00", "2020-01-05 09:05:00"),
    ]


def test_a_wait_across_the_change_of_summer_time_is_its_real_seconds(tmp_path: Path) -> None:
    """The wait was worked out on the local clock: 15 s across the change to winter time was a call answered
    before it came in, and 15 s across the change to summer time was 3,615 s."""
    calls = (
        "gesprek,wachtrij,binnenkomst,beantwoord,opgehangen\n"
        "a1,kcc,2020-10-25T02:59:50+02:00,2020-10-25T02:00:05+01:00,\n"
        "a2,kcc,2020-03-29T01:59:50+01:00,2020-03-29T03:00:05+02:00,\n"
        "a3,kcc,2020-03-29 01:59:50,2020-03-29 03:00:05,\n"  # local times, across the hour that does not exist
    )
    rows = read(tmp_path, {"g.csv": calls}, InputFormat.CALLS, "gesprek, fout, wacht, jaar, maand")
    assert [row for row in rows if row[2] is not None] == [
        ("a1@2020-10-25", None, 15, 2020, 10),  # a call is its id on the day it came in
        ("a2@2020-03-29", None, 15, 2020, 3),
        ("a3@2020-03-29", None, 15, 2020, 3),
    ]


def test_a_wait_in_the_hour_the_clocks_repeat_is_read_in_the_offset_that_makes_sense(tmp_path: Path) -> None:
    """Local times in the hour that comes twice when summer time ends were all taken as winter time: a call that
    came in at 01:59:50 and was answered at 02:00:05 waited 3,615 s, and one of 02:59:50 (still summer time) answered
    at 02:00:05 (winter time) was answered before it came in. A wait that is negative, or an hour or more, only
    because of that hour is read with the time in the repeated hour in summer time; what is still impossible is told
    as a problem of that hour."""
    calls = (
        "gesprek,wachtrij,binnenkomst,beantwoord,opgehangen\n"
        "b1,kcc,2020-10-25 01:59:50,2020-10-25 02:00:05,\n"
        "b2,kcc,2020-10-25 02:59:50,2020-10-25 02:00:05,\n"
        "b3,kcc,2020-10-25 02:10:00,2020-10-25 02:20:00,\n"  # both in the hour: either way 600 s
        "b4,kcc,2020-10-25 02:50:00,2020-10-25 03:05:00,\n"  # 900 s in winter time, as the manual says
        "b5,kcc,2020-10-25 01:59:50,,2020-10-25 02:00:05\n"
        "b6,kcc,2020-10-25T01:59:50+02:00,2020-10-25T02:00:05+01:00,\n"  # zones given: 3,615 s it was
        "b7,kcc,2020-10-25 02:40:00,2020-10-25 01:30:00,\n"  # before it came in either way
        "b8,kcc,2020-10-24 02:40:00,2020-10-24 01:30:00,\n"  # a day without a change of the clocks
    )
    rows = read(tmp_path, {"g.csv": calls}, InputFormat.CALLS, "gesprek, fout, wacht")
    assert sorted(row for row in rows if row[2] is not None or row[1] is not None) == [
        ("b1@2020-10-25", None, 15),
        ("b2@2020-10-25", None, 15),
        ("b3@2020-10-25", None, 600),
        ("b4@2020-10-25", None, 900),
        ("b5@2020-10-25", None, 15),
        ("b6@2020-10-25", None, 3615),
        ("b7@2020-10-25", "klok", None),
        ("b8@2020-10-24", "volgorde", None),
    ]


def test_ratings_parquet_with_its_own_types(tmp_path: Path) -> None:
    """English column names, a zoned timestamp (23:30 UTC is the next year in Amsterdam), a boolean score."""
    path = tmp_path / "r.parquet"
    connection = duckdb.connect()
    connection.execute(
        f"""COPY (SELECT * FROM (VALUES
            ('website', TIMESTAMPTZ '2020-12-31 23:30:00+00', true, 'x'),
            ('website', NULL, false, 'y')) AS t(channel, timestamp, score, location))
        TO '{path}' (FORMAT parquet)"""
    )
    connection.close()
    connection = inputs.connect()
    source = inputs.register(
        connection, tmp_path, "bron", ("r.parquet",), InputFormat.PARQUET, "Europe/Amsterdam", Problems()
    )
    assert source is not None
    rows = connection.execute(
        "SELECT regel, fout, kanaal, locatie, jaar, maand, score_ja_nee FROM bron ORDER BY regel"
    ).fetchall()
    assert rows == [(1, None, "website", "x", 2021, 1, 1), (2, "tijdstip", "website", "y", None, None, 0)]


def test_a_zoned_timestamp_in_nanoseconds_is_local_time_of_the_definitions(tmp_path: Path) -> None:
    """pandas writes a zoned timestamp in nanoseconds, which DuckDB 2 reads as TIMESTAMPTZ_NS: that was cast in
    DuckDB's own zone (the computer's, UTC on a server), so 23:30 UTC on New Year's Eve counted in the old year."""
    path = tmp_path / "r.parquet"
    connection = duckdb.connect()
    try:
        connection.execute(
            f"""COPY (SELECT 'balie' AS kanaal,
                CAST(TIMESTAMPTZ '2020-12-31 23:30:00+00' AS TIMESTAMPTZ_NS) AS tijdstip, CAST(4 AS TINYINT) AS score)
            TO '{path}' (FORMAT parquet)"""
        )
    except duckdb.CatalogException:
        pytest.skip("this DuckDB has no TIMESTAMPTZ_NS (it reads nanoseconds with a zone as TIMESTAMPTZ)")
    finally:
        connection.close()
    for zone, expected in (("Europe/Amsterdam", "2021-01-01 00:30:00"), ("America/New_York", "2020-12-31 18:30:00")):
        connection = inputs.connect()
        source = inputs.register(connection, tmp_path, "bron", ("r.parquet",), InputFormat.PARQUET, zone, Problems())
        assert source is not None
        rows = connection.execute("SELECT fout, CAST(moment AS VARCHAR), score_getal FROM bron").fetchall()
        connection.close()
        assert rows == [(None, expected, 4)], zone


def test_parquet_column_names_are_read_as_in_a_csv_header(tmp_path: Path) -> None:
    """A sheet whose heading is 'Score ' (a space after it), written to Parquet by pandas: the header of a CSV is
    read without the spaces, but Parquet said 'de kolom score ontbreekt. Gevonden: Kanaal, Tijdstip, Score '."""
    written = tmp_path / "pandas.parquet"
    connection = duckdb.connect()
    connection.execute(
        f"""COPY (SELECT 'balie' AS "Kanaal", TIMESTAMP '2020-03-16 09:12:00' AS " Tijdstip", 4 AS "Score ")
        TO '{written}' (FORMAT parquet)"""
    )
    connection.close()
    files = {"r.parquet": written.read_bytes()}
    rows = read(tmp_path, files, InputFormat.PARQUET, "fout, kanaal, CAST(moment AS VARCHAR), score_getal")
    assert rows == [(None, "balie", "2020-03-16 09:12:00", 4)]


def test_a_parquet_column_that_is_read_twice_is_an_error(tmp_path: Path) -> None:
    """DuckDB reads a second 'Score' beside 'score' as 'Score_1', so the first was read without a word, as in a CSV
    header before; a column nested in a struct, or one that is not read, may have the name of another."""
    connection = duckdb.connect()
    twice = "'balie' AS kanaal, '2020-01-01 10:00' AS tijdstip, 1 AS score, 5 AS Scorz"
    nested = "{'score': 2} AS extra, 'balie' AS kanaal, '2020-01-01 10:00' AS tijdstip, 4 AS score, 'x' AS opmerking, "
    nested += "'y' AS \"Opmerking\""
    for name, columns in {"twice.parquet": twice, "nested.parquet": nested}.items():
        connection.execute(f"COPY (SELECT {columns}) TO '{tmp_path / name}' (FORMAT parquet)")
    connection.close()
    # DuckDB writes no two names that differ in case only (it renames the second), other tools do: the name in the
    # file's schema is changed into one of the same length.
    written = tmp_path / "twice.parquet"
    written.write_bytes(written.read_bytes().replace(b"Scorz", b"Score"))
    problems = Problems()
    files = ("twice.parquet",)
    assert inputs.register(inputs.connect(), tmp_path, "bron", files, InputFormat.PARQUET, "UTC", problems) is None
    assert [str(p) for p in problems] == [
        "twice.parquet, kolom 4: de kolom 'Score' staat twee keer in het bestand (ook in kolom 3, als 'score'): welke "
        "van beide gelezen moet worden, is niet te zeggen. Hint: verwijder of hernoem een van beide; hoofdletters, "
        "spaties en streepjes tellen niet mee."
    ]
    (tmp_path / "n").mkdir()
    nested_file = {"n.parquet": (tmp_path / "nested.parquet").read_bytes()}
    assert read(tmp_path / "n", nested_file, InputFormat.PARQUET, "fout, score_getal") == [(None, 4)]


def test_a_file_without_the_columns_is_reported(tmp_path: Path) -> None:
    (tmp_path / "b.csv").write_text("wanneer,cijfer\n2020-01-01,4\n", encoding="utf-8")
    problems = Problems()
    assert inputs.register(inputs.connect(), tmp_path, "bron", ("b.csv",), InputFormat.CSV, "UTC", problems) is None
    assert [str(p) for p in problems] == [
        "b.csv, regel 1: de kopregel mist de kolommen kanaal, tijdstip, score. Gevonden: 'wanneer,cijfer'. "
        "Verwacht: kanaal (of channel), tijdstip (of timestamp, moment), score, en eventueel vraag (of question), "
        "locatie (of location). Hint: geef die kolommen in de eerste regel van het bestand een van deze namen; "
        "hoofdletters, spaties en streepjes tellen niet mee."
    ]


def test_a_column_named_as_a_vendor_writes_it_is_read(tmp_path: Path) -> None:
    """A telephony vendor's export heads its columns 'Call ID' and 'Queue', a widget's 'Time-stamp': 'Call ID' was
    not 'call_id', and the header was said to lack the column gesprek. Spaces, hyphens and underscores inside a name
    count as little as the case; a header that still lacks a column names the other names it may have."""
    calls = "Call ID;Queue;Entered;Answered;Abandoned;Agent\n7;KCC;3-2-2020 09:00;3-2-2020 09:00:20;;Piet\n"
    assert sorted(read(tmp_path, {"g.csv": calls}, InputFormat.CALLS, "fout, gesprek, wachtrij, soort, wacht")) == [
        (None, "7@2020-02-03", "KCC", 0, None),
        (None, "7@2020-02-03", "KCC", 1, 20),
    ]
    ratings = "Channel,Time-stamp,SCORE\nwebsite,2020-01-01 10:00,4\n"
    assert read(tmp_path, {"r.csv": ratings}, InputFormat.CSV, "fout, kanaal, score_getal") == [(None, "website", 4)]
    (tmp_path / "x.csv").write_text("Call nr;Wachtrij;Start\n", encoding="utf-8")
    problems = Problems()
    assert inputs.register(inputs.connect(), tmp_path, "bron", ("x.csv",), InputFormat.CALLS, "UTC", problems) is None
    assert [str(p) for p in problems] == [
        "x.csv, regel 1: de kopregel mist de kolommen gesprek, binnenkomst. Gevonden: 'Call nr;Wachtrij;Start'. "
        "Verwacht: gesprek (of call_id), wachtrij (of queue), binnenkomst (of entered), en eventueel beantwoord (of "
        "answered), opgehangen (of abandoned). Hint: geef die kolommen in de eerste regel van het bestand een van "
        "deze namen; hoofdletters, spaties en streepjes tellen niet mee."
    ]


def test_a_column_that_is_read_twice_in_the_header_is_an_error(tmp_path: Path) -> None:
    """`score,Score` (or `score;score`) was read without a word, the first column winning, which may be the wrong
    one. Names are matched in any case and without the spaces around them, in a list of calls too; a column that is
    not read may stand twice."""
    files = {
        "a.csv": "kanaal,tijdstip,score,Score\ntelefoon,2020-01-01 10:00,4,5\n",
        "b.csv": "kanaal;tijdstip;score;Kanaal ;score\ntelefoon;2020-01-01 10:00;4;balie;5\n",
        "g.csv": "gesprek,wachtrij,binnenkomst,GESPREK\n1,kcc,2020-01-01 10:00,2\n",
        "h.csv": "kanaal,tijdstip,score,channel\ntelefoon,2020-01-01 10:00,4,balie\n",  # two names of one column
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    problems = Problems()
    connection = inputs.connect()
    ratings = ("a.csv", "b.csv", "h.csv")
    assert inputs.register(connection, tmp_path, "bron", ratings, InputFormat.CSV, "UTC", problems) is None
    assert inputs.register(connection, tmp_path, "bron", ("g.csv",), InputFormat.CALLS, "UTC", problems) is None
    connection.close()
    unclear = "welke van beide gelezen moet worden, is niet te zeggen."
    hint = "Hint: verwijder of hernoem een van beide; hoofdletters, spaties en streepjes tellen niet mee."
    assert [str(p) for p in problems] == [
        f"a.csv, regel 1, kolom 4: de kolom 'Score' staat twee keer in de kopregel (ook in kolom 3, als 'score'): "
        f"{unclear} {hint}",
        f"b.csv, regel 1, kolom 4: de kolom 'Kanaal ' staat twee keer in de kopregel (ook in kolom 1, als 'kanaal'): "
        f"{unclear} {hint}",
        f"b.csv, regel 1, kolom 5: de kolom 'score' staat twee keer in de kopregel (ook in kolom 3): {unclear} {hint}",
        f"h.csv, regel 1, kolom 4: de kolom 'channel' is dezelfde als 'kanaal' in kolom 1 (de kolom kanaal): {unclear} "
        f"{hint}",
        f"g.csv, regel 1, kolom 4: de kolom 'GESPREK' staat twee keer in de kopregel (ook in kolom 1, als 'gesprek'): "
        f"{unclear} {hint}",
    ]
    text = "kanaal,opmerking,tijdstip,score,Opmerking\ntelefoon,,2020-01-01 10:00,4,\n"
    assert read(tmp_path, {"c.csv": text}, InputFormat.CSV, "fout, score_getal") == [(None, 4)]


# Property: any line Asterisk could write is read field for field; any other line is marked, never lost.

FIELD = st.text(alphabet=st.characters(blacklist_characters="|\n\r\x01", blacklist_categories=("Cs",)), max_size=12)
EVENTS = st.sampled_from(sorted(QUEUE_EVENTS))


@st.composite
def asterisk_lines(draw) -> tuple[str, int, str, str, str, int | None]:
    event = draw(EVENTS)
    minimum, wait_field = QUEUE_EVENTS[event]
    data = draw(st.lists(FIELD, min_size=max(minimum, 0), max_size=5))
    wait = draw(st.integers(0, 10_000))
    if wait_field:
        data[wait_field - 1] = str(wait)
    epoch = draw(st.integers(946_684_800, 4_102_444_800))
    callid = draw(st.from_regex(r"[0-9]{10}\.[0-9]{1,4}", fullmatch=True))
    queue = draw(st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True))
    line = "|".join([str(epoch), callid, queue, "PJSIP/1", event, *data])
    return line, epoch, callid, queue, event, wait if wait_field else None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(asterisk_lines(), min_size=1, max_size=20))
def test_every_asterisk_line_is_read_field_for_field(lines: list) -> None:
    with tempfile.TemporaryDirectory() as folder:
        text = "\n".join(line for line, *_ in lines) + "\n"
        rows = read(
            Path(folder), {"q": text}, InputFormat.QUEUE_LOG, "fout, epoch, gesprek, wachtrij, gebeurtenis, wacht"
        )
    expected = [(None, epoch, callid, queue, event, wait) for _, epoch, callid, queue, event, wait in lines]
    assert rows == expected


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_characters="\n\r\x01", blacklist_categories=("Cs",)), max_size=40),
        min_size=1,
        max_size=20,
    )
)
def test_no_line_is_lost_whatever_it_holds(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        rows = read(Path(folder), {"q": "\n".join(lines) + "\n"}, InputFormat.QUEUE_LOG, "regel, fout, gebeurtenis")
    kept = [number for number, line in enumerate(lines, start=1) if line]  # only an empty line is no line of data
    assert [row[0] for row in rows] == kept
    for _, problem, event in rows:
        assert problem is None or problem in inputs.ERROR_CODES
        if problem is None:
            assert event in QUEUE_EVENTS


# Lines the reader leaves out: found by scan_file, counted by the numbering


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lines=st.lists(
        st.one_of(
            st.text(alphabet=st.characters(blacklist_characters="\n\r", blacklist_categories=("Cs",)), max_size=12),
            st.binary(max_size=12).filter(lambda b: b"\n" not in b and b"\r" not in b),  # a lone \r ends a line
        ),
        max_size=25,
    ),
    crlf=st.booleans(),
    last_newline=st.booleans(),
    block=st.integers(min_value=1, max_value=40),
)
def test_scan_file_names_exactly_the_lines_that_are_not_utf8(
    monkeypatch, lines: list, crlf: bool, last_newline: bool, block: int
) -> None:
    """Whatever the bytes, and wherever the blocks of the read fall (a few bytes here, a megabyte in use)."""
    monkeypatch.setattr(inputs, "_BLOCK", block)
    raw = [line.encode() if isinstance(line, str) else line for line in lines]
    content = (b"\r\n" if crlf else b"\n").join(raw) + (b"\n" if last_newline and raw else b"")
    expected = []
    for number, line in enumerate(raw, start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            expected.append(number)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ruw.csv"
        path.write_bytes(content)
        scan = inputs.scan_file(path, text=True)
        assert scan.sha256 == hashlib.sha256(content).hexdigest()
        assert [line for line, code, _ in scan.unreadable] == expected
        assert all(code == "tekenset" and not text.endswith("\r") for _, code, text in scan.unreadable)
        assert not scan.more
        assert inputs.scan_file(path, text=False).unreadable == ()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lines=st.lists(
        st.one_of(
            st.sampled_from([b"", b"", b"a|b", b"caf\xc3\xa9", b"y" * 70, b"\xe9", b"\xed\xa0\x80", b"\xf8\x88"]),
            st.integers(min_value=58, max_value=65).map(lambda size: b"x" * size),
            st.binary(max_size=8).filter(lambda b: b"\n" not in b and b"\r" not in b and b"\x01" not in b),
        ),
        max_size=15,
    ),
    block=st.integers(min_value=1, max_value=30),
)
def test_scan_file_names_the_lines_duckdb_leaves_out(monkeypatch, lines: list[bytes], block: int) -> None:
    """Against DuckDB itself, with lines at and around its longest line (made 64 bytes here), after blank lines
    too: DuckDB counts the line ends before a line in its length."""
    monkeypatch.setattr(inputs, "_BLOCK", block)
    monkeypatch.setattr(inputs, "MAX_LINE_SIZE", 64)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "queue_log"
        path.write_bytes(b"".join(line + b"\n" for line in lines))
        left_out = [line for line, _, _ in inputs.scan_file(path, text=True).unreadable]
        connection = inputs.connect()
        read = connection.execute(
            f"SELECT regel FROM ({inputs._lines(path, numbered=True, gaps=tuple(left_out))}) WHERE raw <> ''"
        ).fetchall()
        connection.close()
    kept = [number for number, line in enumerate(lines, start=1) if line and number not in left_out]
    assert [number for (number,) in read] == kept


def test_the_line_ends_before_a_line_count_in_its_length(monkeypatch, tmp_path: Path) -> None:
    """DuckDB reads a first line of the longest length, but the same line after another, or after blank lines,
    is too long for it; the scan said the opposite of both, so the lines after were numbered one off."""
    monkeypatch.setattr(inputs, "MAX_LINE_SIZE", 64)
    monkeypatch.setattr(inputs, "_BLOCK", 16)
    path = tmp_path / "queue_log"
    path.write_bytes(b"x" * 64 + b"\n" + b"y" * 64 + b"\n" + b"a|b\n\n\n" + b"z" * 62 + b"\n" + b"w" * 61 + b"\n")
    assert [line for line, code, _ in inputs.scan_file(path, text=True).unreadable] == [2, 6]


def test_a_gzipped_log_is_checked_unpacked(tmp_path: Path) -> None:
    """logrotate's queue_log.1.gz matches queue_log.*, and DuckDB unpacks it: its packed bytes are no lines."""
    import gzip

    content = b"1|a|q|NONE|ENTERQUEUE\n2|b|q|NONE|\xe9\n3|c|q|NONE|ENTERQUEUE\n"
    path = tmp_path / "queue_log.1.gz"
    path.write_bytes(gzip.compress(content))
    scan = inputs.scan_file(path, text=True)
    assert scan.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert [(line, code) for line, code, _ in scan.unreadable] == [(2, "tekenset")]


def test_a_gzipped_csv_is_read_as_the_csv(tmp_path: Path) -> None:
    """DuckDB and the scan unpack a .gz, but the header was read packed: 'het bestand is geen UTF-8'."""
    import gzip

    ratings = "kanaal;tijdstip;score\r\nbalie;16-03-2020 09:12;4\r\n"
    calls = "gesprek,wachtrij,binnenkomst,beantwoord,opgehangen\ng1,kcc,2020-03-16 09:12:00,2020-03-16 09:12:10,\n"
    rows = read(tmp_path, {"b.csv.gz": gzip.compress(ratings.encode())}, InputFormat.CSV, "regel, fout, score_getal")
    assert rows == [(2, None, 4)]
    rows = read(tmp_path, {"g.csv.gz": gzip.compress(calls.encode())}, InputFormat.CALLS, "regel, fout, wacht")
    assert rows == [(2, None, 10), (2, None, None)]


def test_an_excel_workbook_or_unicode_text_is_named_as_such(tmp_path: Path) -> None:
    """The workbook itself, or Excel's 'Unicode-tekst' (UTF-16), instead of a CSV: 'het bestand is geen UTF-8. Hint:
    sla het op als UTF-8', which says nothing of what the file is, nor how to save it from Excel."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["kanaal", "tijdstip", "score"])
    workbook.save(tmp_path / "b.xlsx")
    (tmp_path / "b.txt").write_bytes("kanaal\ttijdstip\tscore\r\n".encode("utf-16"))
    (tmp_path / "b.csv").write_bytes(
        "kanaal;tijdstip;score;vraag: hoe tevreden bent u over het café?\n".encode("cp1252")
    )
    messages = []
    for name in ("b.xlsx", "b.txt", "b.csv"):
        problems = Problems()
        assert inputs.register(inputs.connect(), tmp_path, "bron", (name,), InputFormat.CSV, "UTC", problems) is None
        messages += [str(problem) for problem in problems]
    save = "Hint: sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)'."
    assert messages == [
        f"b.xlsx: het bestand is een Excel-werkmap, geen CSV. {save}",
        f"b.txt: het bestand is UTF-16 (in Excel: 'Unicode-tekst'), geen UTF-8. {save}",
        f"b.csv, regel 1: het bestand is geen UTF-8. {save}",
    ]


def test_a_file_of_the_other_format_is_named_as_such(tmp_path: Path) -> None:
    """A Parquet file among CSV files (a list of both reads as CSV) was 'geen UTF-8; sla het op als UTF-8', and a
    CSV file read as Parquet gave DuckDB's English 'No magic bytes found at end of file' with the whole path."""
    connection = duckdb.connect()
    connection.execute(f"COPY (SELECT 'balie' AS kanaal) TO '{tmp_path / 'nieuw.parquet'}' (FORMAT parquet)")
    connection.close()
    (tmp_path / "oud.csv").write_text("kanaal,tijdstip,score\nbalie,2019-01-01 10:00,4\n", encoding="utf-8")
    messages = []
    for name, fmt in (("nieuw.parquet", InputFormat.CSV), ("oud.csv", InputFormat.PARQUET)):
        problems = Problems()
        assert inputs.register(inputs.connect(), tmp_path, "bron", (name,), fmt, "UTC", problems) is None
        messages += [str(problem) for problem in problems]
    assert messages == [
        "nieuw.parquet: het bestand is een Parquet-bestand, geen CSV. Hint: een meting leest bestanden van "
        "één formaat: noem bij 'bestanden' alleen Parquet-bestanden (met 'formaat: parquet') of alleen CSV-bestanden.",
        "oud.csv: het bestand is geen Parquet-bestand. Hint: een meting leest bestanden van één formaat: noem bij "
        "'bestanden' alleen Parquet-bestanden of alleen CSV-bestanden (met 'formaat: csv').",
    ]


def test_a_file_with_the_line_ends_of_an_old_mac_is_numbered_by_them(tmp_path: Path) -> None:
    path = tmp_path / "ruw.csv"
    path.write_bytes(b"kanaal,tijdstip,score\rbalie,x,1\rbalie,\xe9,2\r")
    assert [line for line, _, _ in inputs.scan_file(path, text=True).unreadable] == [3]


def test_scan_file_shows_a_wrong_byte_as_a_replacement_character_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "queue_log"
    path.write_bytes(b"1|a|q|NONE|ENTERQUEUE\r\n\r\n2|b|q|NONE|\xe9REMOVEMEMBER\r\n")
    assert inputs.scan_file(path, text=True).unreadable == ((3, "tekenset", "2|b|q|NONE|\ufffdREMOVEMEMBER"),)


def test_a_line_too_long_for_the_reader_is_named(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(inputs, "MAX_LINE_SIZE", 50)
    monkeypatch.setattr(inputs, "_BLOCK", 16)
    path = tmp_path / "queue_log"
    path.write_bytes(b"1|a\n" + b"x" * 120 + b"\n2|b\n" + b"\xff\n")
    assert [(line, code) for line, code, _ in inputs.scan_file(path, text=True).unreadable] == [
        (2, "onleesbaar"),
        (4, "tekenset"),
    ]


def test_a_file_in_another_character_set_stops_at_the_limit(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(inputs, "UNREADABLE_LIMIT", 5)
    path = tmp_path / "ruw.csv"
    path.write_bytes(b"kanaal,tijdstip,score,locatie\n" + "balie,2019-01-01,4,Café\n".encode("cp1252") * 20)
    scan = inputs.scan_file(path, text=True)
    assert scan.more and [line for line, _, _ in scan.unreadable] == [2, 3, 4, 5, 6]


@pytest.mark.parametrize("bad", [3, 40], ids=["a few: CASE", "many: ASOF join"])
def test_lines_after_lines_left_out_keep_their_numbers(tmp_path: Path, bad: int) -> None:
    """Up to 32 runs of lines left out are counted with a CASE per run, more with an ASOF join."""
    lines = [f"{n}|c{n}|kcc|NONE|ENTERQUEUE||06|1".encode() for n in range(1, 201)]
    for n in range(bad):
        lines[2 + 4 * n] = b"\xe9"  # lines 3, 7, 11, ...
    lines[3] = b"\xe9"  # a run of two: lines 3 and 4
    path = tmp_path / "queue_log"
    path.write_bytes(b"\n".join(lines) + b"\n")
    scan = inputs.scan_file(path, text=True)
    gaps = tuple(line for line, _, _ in scan.unreadable)
    assert len(gaps) == bad + 1
    connection = inputs.connect()
    source = inputs.register(
        connection, tmp_path, "bron", ("queue_log",), InputFormat.QUEUE_LOG, "Europe/Amsterdam", Problems(),
        gaps={0: gaps},
    )  # fmt: skip
    assert source is not None
    rows = connection.execute("SELECT regel, epoch FROM bron ORDER BY regel").fetchall()
    assert len(rows) == 200 - len(gaps)
    assert all(line == epoch for line, epoch in rows)  # each line carries its own number as its epoch


@pytest.mark.parametrize(("step", "precision"), [(1_000, "ms"), (10_000, "10 ms"), (1_000_000, "s")])
def test_one_in_64_moments_is_sampled_for_equal_rows_at_any_precision(step: int, precision: str) -> None:
    """`inputs.SAMPLE`, the moments the counting pass looks at for equal rows: as many kept to the millisecond, ten
    milliseconds or the second (a remainder of the milliseconds by a prime did that too, at a second of CPU per
    100 million rows), and never a whole minute, where two equal rows are two people."""
    connection = duckdb.connect()
    moments = "SELECT TIMESTAMP '2019-06-03 10:00:00' + to_microseconds(i * {step}) AS moment FROM range({count}) r(i)"
    sampled = f"SELECT COUNT(*) FILTER (WHERE {inputs.SAMPLE}) FROM ({{moments}})"
    (found,) = connection.execute(sampled.format(moments=moments.format(step=step, count=64_000))).fetchone()
    assert found == 1000, precision
    (minutes,) = connection.execute(sampled.format(moments=moments.format(step=60_000_000, count=100_000))).fetchone()
    assert minutes == 0
    connection.close()


def test_each_event_has_its_number_and_an_unknown_one_none(tmp_path: Path) -> None:
    """A line's event is looked up by a cast to an ENUM in the order of EVENT_NUMBERS: each event its own number, and
    a name that is not exactly an event's (case, a space) none, and the problem 'gebeurtenis'."""
    events = [*QUEUE_EVENTS, "enterqueue", "CONNECT ", "NIEUW"]
    log = "".join(f"{1_600_000_000 + n}|c{n}|kcc|NONE|{event}|1|2|3|4|5\n" for n, event in enumerate(events))
    rows = read(tmp_path, {"q": log}, InputFormat.QUEUE_LOG, "gebeurtenis, soort, fout")
    assert rows == [
        (event, inputs.EVENT_NUMBERS.get(event), None if event in QUEUE_EVENTS else "gebeurtenis") for event in events
    ]


ZONES = ("Europe/Amsterdam", "Pacific/Kiritimati", "Etc/GMT+12", "America/St_Johns", "Asia/Kathmandu", "UTC")


@settings(max_examples=300, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    # Moments near a month's change in local time, where the zone's rules decide, and anywhere else.
    second=st.one_of(
        st.builds(
            lambda year, month, hours: int(datetime(year, month, 1, tzinfo=UTC).timestamp()) + hours * 3600,
            st.integers(1971, 2100),
            st.integers(1, 12),
            st.integers(-16, 16),
        ),
        st.integers(0, inputs.EPOCH_END - 1),
    ),
)
def test_the_local_month_of_a_second_is_that_of_the_zones_rules(zone: str, second: int) -> None:
    """The short way (`inputs._local_month`) takes the zone's rules only near a month's change: it gives the month
    the rules give, in zones far east and west of UTC and a quarter of an hour off it too."""
    expected = datetime.fromtimestamp(second, ZoneInfo(zone))
    month_sql = inputs._local_month(f"CAST({second} AS BIGINT)", zone)  # a queue_log's seconds are BIGINT
    (month,) = duckdb.execute(f"SELECT {month_sql}").fetchone()
    assert month == expected.year * 100 + expected.month
