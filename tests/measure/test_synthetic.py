"""The generator: realistic volumes and gaps, and the same bytes from the same seed."""

from __future__ import annotations

from pathlib import Path

import duckdb

from verantwoord.measure import synthetic


def query(sql: str) -> list[tuple]:
    connection = duckdb.connect()
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_ratings_per_channel_have_their_volume_rate_and_gaps(generated_example: Path) -> None:
    ratings = generated_example / "ruw" / "beoordelingen.csv"
    per_year = dict(
        ((channel, year), count)
        for channel, year, count in query(
            f"SELECT kanaal, year(tijdstip), count(*) FROM read_csv('{ratings}', all_varchar = false) GROUP BY ALL"
        )
    )
    # contacts a year x response rate: kiosk 50,000 x 5%, keypad 165,000 x 1%, forms 30,000 x 20%, web 2.5 M x 0.5%
    for channel, expected in (("balie", 2500), ("telefoon", 1650), ("formulier", 6000), ("website", 12500)):
        assert 0.9 * expected < per_year[(channel, 2019)] < 1.1 * expected, channel
    first, last = query(f"SELECT min(tijdstip), max(tijdstip) FROM read_csv('{ratings}') WHERE kanaal = 'balie'")[0]
    assert str(last) < "2020-03-16"  # the kiosk was switched off
    assert (
        str(query(f"SELECT min(tijdstip) FROM read_csv('{ratings}') WHERE kanaal = 'formulier'")[0][0]) >= "2017-04-01"
    )
    silent = query(
        f"SELECT count(*) FROM read_csv('{ratings}') WHERE kanaal = 'website' AND year(tijdstip) = 2018 "
        "AND month(tijdstip) IN (7, 8)"
    )
    assert silent == [(0,)]
    assert str(first) >= "2016-01-01"


def test_queue_log_has_about_one_call_per_resident(generated_example: Path) -> None:
    log = generated_example / "ruw" / "telefonie" / "queue_log.2019"
    ((calls, lines, reentered),) = query(
        f"""SELECT count(DISTINCT callid) FILTER (WHERE event = 'ENTERQUEUE'), count(*),
                count(*) FILTER (WHERE event = 'EXITWITHTIMEOUT' AND data3 <> '600')
            FROM read_csv('{log}', delim = '|', header = false, auto_detect = false, null_padding = true,
                columns = {{'epoch': 'BIGINT', 'callid': 'VARCHAR', 'queue': 'VARCHAR', 'agent': 'VARCHAR',
                'event': 'VARCHAR', 'data1': 'VARCHAR', 'data2': 'VARCHAR', 'data3': 'VARCHAR', 'data4': 'VARCHAR',
                'data5': 'VARCHAR'}})"""
    )
    assert 0.9 * 150_000 < calls < 1.2 * 150_000
    assert 3 * calls < lines < 6 * calls  # 0.5–1.3 million lines a year is what a municipality this size logs
    assert reentered > 0.02 * calls


def test_the_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    def make(folder: Path, seed: int) -> list[bytes]:
        channels = synthetic.AMERSFOORT_CHANNELS[:2]
        synthetic.write_ratings(folder / "r.csv", channels, [2019], seed=seed, exact=True)
        logs = synthetic.write_queue_log(folder / "t", [2019], residents=2_000, seed=seed, exact=True)
        return [(folder / "r.csv").read_bytes(), *(log.read_bytes() for log in logs)]

    first, again, other = make(tmp_path / "a", 5), make(tmp_path / "b", 5), make(tmp_path / "c", 6)
    assert first == again
    assert first != other


def test_a_hundred_million_scale_is_a_parameter(tmp_path: Path) -> None:
    """The benchmark's Parquet: the same generator with every volume scaled, milliseconds apart, numeric scores."""
    path = tmp_path / "r.parquet"
    count = synthetic.write_ratings(path, synthetic.AMERSFOORT_CHANNELS, [2019], scale=0.1, milliseconds=True)
    assert 0.9 * 2_270 < count < 1.1 * 2_270
    assert query(f"SELECT typeof(score), typeof(tijdstip) FROM '{path}' LIMIT 1") == [("TINYINT", "TIMESTAMP")]
