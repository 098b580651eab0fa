"""The definitions as SQL, on small hand-written inputs whose answers are worked out by hand below.

Reachability on an Asterisk queue_log: one call per row of the table in `QUEUE_LOG`; each test changes one rule
and says which calls change. Ratings: the threshold, a reversed smiley scale, yes/no and duplicates.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verantwoord.errors import Problems
from verantwoord.measure import inputs, queries
from verantwoord.measure.definitions import (
    DEFAULT_POSITIVE_FROM,
    Definition,
    ErrorLimit,
    Granularity,
    InputFormat,
    KeyRule,
    Kind,
    Scale,
    ScaleKind,
    WaitRule,
)

T = 1559548800  # 2019-06-03 08:00:00 UTC, 10:00 in Amsterdam
QUEUE_LOG = f"""\
{T - 3600}|NONE|NONE|NONE|QUEUESTART|
{T - 60}|NONE|kcc|PJSIP/kcc-01|ADDMEMBER|
{T}|c1|kcc|NONE|ENTERQUEUE||0612345678|1
{T + 10}|c1|kcc|PJSIP/kcc-01|CONNECT|10|c1.2|3
{T + 10}|c1|kcc|PJSIP/kcc-01|CONNECT|10|c1.2|3
{T + 100}|c2|kcc|NONE|ENTERQUEUE||0612345678|1
{T + 140}|c2|kcc|PJSIP/kcc-01|CONNECT|40|c2.2|3
{T + 200}|c3|kcc|NONE|ENTERQUEUE||0612345678|1
{T + 203}|c3|kcc|NONE|ABANDON|1|1|3
{T + 300}|c4|kcc|NONE|ENTERQUEUE||0612345678|1
{T + 360}|c4|kcc|NONE|ABANDON|1|1|60

{T + 400}|c5|kcc|NONE|ENTERQUEUE||0612345678|1
{T + 410}|c5|kcc|NONE|EXITWITHKEY|1|1|1|10
{T + 500}|c6|kcc|NONE|ENTERQUEUE||0612345678|1
{T + 560}|c6|kcc|NONE|EXITWITHKEY|1|1|1|60
{T + 600}|c7|kcc|NONE|ENTERQUEUE||0612345678|1
{T + 900}|c7|kcc|NONE|EXITWITHTIMEOUT|1|1|300
{T + 900}|c7|kcc2|NONE|ENTERQUEUE||0612345678|1
{T + 910}|c7|kcc2|PJSIP/kcc-02|CONNECT|10|c7.2|3
{T + 700}|c8|intern|NONE|ENTERQUEUE||0612345678|1
{T + 705}|c8|intern|PJSIP/kcc-03|CONNECT|5|c8.2|2
{T + 800}|c9|kcc|NONE|ENTERQUEUE||0612345678|1
{T + 815}|c9|kcc|PJSIP/kcc-01|RINGNOANSWER|15000
{T + 820}|c9|kcc|PJSIP/kcc-02|CONNECT|20|c9.2|3
{T + 1000}|c10|kcc|NONE|ENTERQUEUE||0612345678|1
{T + 1100}|c11|kcc|NONE|ENTERQUEUE||0612345678|1
{T + 1100}|c11|kcc|NONE|EXITEMPTY|1|1|0
{T + 1300}|c12|kcc|NONE|ENTERQUEUE||0612345678|1
{T + 1303}|c12|kcc|NONE|WITHDRAW|1|1|3|naar de balie
{T + 1200}|c1|kcc|PJSIP/kcc-01|COMPLETECALLER|10|90|1
"""
"""The calls, and how each counts under the default rules (queues kcc and kcc2, within 25 s, short < 5 s,
key = not answered, wait = the queue's own):

    c1  answered after 10 s (its CONNECT line appears twice: one duplicate)   offered, in time
    c2  answered after 40 s                                                    offered, late
    c3  hung up after 3 s                                                      short: not counted
    c4  hung up after 60 s                                                     offered, not answered
    c5  pressed a key after 10 s                                               offered, not answered
    c6  pressed a key after 60 s                                               offered, not answered
    c7  timed out in kcc after 300 s, re-entered kcc2, answered there in 10 s  offered once, in time
    c8  queue 'intern', answered in 5 s                                        not a counted queue
    c9  a ring without answer, then answered after 20 s                        offered, in time
    c10 entered, the log ends                                                  offered, not answered
    c11 the queue had no agents (EXITEMPTY)                                    offered, not answered
    c12 withdrawn from the queue after 3 s (WITHDRAW): no hang-up              offered, not answered

n = 10 (c1, c2, c4, c5, c6, c7, c9, c10, c11, c12), in time = 3 (c1, c7, c9).
"""


def reachability(**rules: object) -> Definition:
    base = Definition(
        indicator="kcc-bereikbaarheid",
        kind=Kind.REACHABILITY,
        files=("queue_log",),
        format=InputFormat.QUEUE_LOG,
        granularity=Granularity.YEAR,
        minimum=1,
        decimals=None,
        error_limit=ErrorLimit(),
        pauses=(),
        line=1,
        queues=("kcc", "kcc2"),
        within=25,
        short_abandon=5,
    )
    return replace(base, **rules)


def count_calls(folder: Path, text: str, definition: Definition) -> tuple[dict, dict]:
    """(n, in time) per (year, month), and the lines per problem code, of `text` as the definition's file."""
    path = folder / definition.files[0]
    path.write_text(text, encoding="utf-8")
    connection = inputs.connect()
    problems = Problems()
    source = inputs.register(
        connection, folder, "bron", definition.files, definition.format, "Europe/Amsterdam", problems
    )
    assert source is not None and not problems
    months: dict = {}
    lines: dict = {}
    open_calls = 0
    for code, year, month, read, may_repeat, n, positive, *_ in connection.execute(
        queries.calls_query(source.view, definition)
    ).fetchall():
        open_calls += may_repeat
        lines[code] = lines.get(code, 0) + int(read)
        if year is not None:
            months[(year, month)] = (int(n), int(positive))
    (repeats,) = connection.execute(queries.call_repeats_query(source.view, definition)).fetchone()
    assert open_calls >= (repeats > 0), "a repeat in a call that is not open would be missed"
    lines = {code: (read, int(repeats) if code is None else 0) for code, read in lines.items()}
    return months, lines


@pytest.mark.parametrize(
    ("rules", "expected", "why"),
    [
        ({}, (10, 3), "the default rules, worked out in the table above"),
        ({"short_abandon": 0}, (11, 3), "c3 counts as offered"),
        ({"short_abandon": 2}, (11, 3), "c3 waited 3 s: not short under 2 s"),
        ({"key_rule": KeyRule.ANSWERED}, (10, 4), "c5 pressed within 25 s: in time; c6 did not"),
        ({"key_rule": KeyRule.EXCLUDED}, (8, 3), "c5 and c6 do not count"),
        ({"wait_rule": WaitRule.TOTAL}, (10, 2), "c7 waited 310 s in all"),
        ({"queues": None}, (11, 4), "c8 in queue 'intern' counts too, answered in 5 s"),
        ({"queues": ("kcc",)}, (10, 2), "c7's answer in kcc2 is not seen: it timed out"),
        ({"within": 10}, (10, 2), "c9 waited 20 s"),
        ({"within": 40}, (10, 4), "c2 waited 40 s: within, since within means at most"),
    ],
)
def test_reachability_rules(tmp_path: Path, rules: dict, expected: tuple[int, int], why: str) -> None:
    months, _ = count_calls(tmp_path, QUEUE_LOG, reachability(**rules))
    assert months == {(2019, 6): expected}, why


def test_lines_duplicates_and_non_call_events(tmp_path: Path) -> None:
    _, lines = count_calls(tmp_path, QUEUE_LOG, reachability())
    # 30 lines with text (the blank one is no line of data), every one readable; one CONNECT repeats.
    assert lines == {None: (30, 1)}


def test_a_call_counts_in_the_month_it_first_entered_in_local_time(tmp_path: Path) -> None:
    new_year = 1577835000  # 2019-12-31 23:30:00 UTC = 2020-01-01 00:30 in Amsterdam
    text = (
        f"{new_year - 3600}|a|kcc|NONE|ENTERQUEUE||06|1\n"  # 23:30 local on 31 December
        f"{new_year + 1800}|a|kcc|NONE|EXITWITHTIMEOUT|1|1|300\n"
        f"{new_year + 1800}|a|kcc2|NONE|ENTERQUEUE||06|1\n"  # re-entered in the new year
        f"{new_year + 1810}|a|kcc2|PJSIP/1|CONNECT|10|x|1\n"
        f"{new_year}|b|kcc|NONE|ENTERQUEUE||06|1\n"
        f"{new_year + 5}|b|kcc|PJSIP/1|CONNECT|5|x|1\n"
    )
    months, _ = count_calls(tmp_path, text, reachability())
    assert months == {(2019, 12): (1, 1), (2020, 1): (1, 1)}


def test_a_withdrawn_call_is_offered_and_not_answered(tmp_path: Path) -> None:
    """WITHDRAW (QueueWithdrawCaller, Asterisk 16.25 and later) sends the caller back to the dialplan: the queue did
    not answer, and the caller did not hang up, so even after 3 s it is no short hang-up."""
    text = (
        f"{T}|w1|kcc|NONE|ENTERQUEUE||06|1\n"
        f"{T + 3}|w1|kcc|NONE|WITHDRAW|1|1|3|naar de balie\n"
        f"{T + 100}|w2|kcc|NONE|ENTERQUEUE||06|1\n"
        f"{T + 120}|w2|kcc|NONE|WITHDRAW|1|1|20|\n"  # no withdraw info: the line ends in '|'
        f"{T + 120}|w2|kcc2|NONE|ENTERQUEUE||06|1\n"  # sent on to another queue, answered there
        f"{T + 125}|w2|kcc2|PJSIP/1|CONNECT|5|x|1\n"
        f"{T + 200}|w3|kcc|NONE|ENTERQUEUE||06|1\n"
        f"{T + 203}|w3|kcc|NONE|ABANDON|1|1|3\n"  # a short hang-up beside it, for contrast
    )
    months, lines = count_calls(tmp_path, text, reachability())
    assert months == {(2019, 6): (2, 1)}
    assert lines == {None: (8, 0)}


@pytest.mark.parametrize("wait_rule", list(WaitRule))
def test_a_caller_who_hangs_up_soon_after_moving_to_another_queue_is_no_short_hang_up(
    tmp_path: Path, wait_rule: WaitRule
) -> None:
    """korte-ophangers leaves out callers who hang up within so many seconds: r1 waited 60 s in kcc, timed out into
    kcc2 and hung up there after 2 s, 62 s after it came in. It was offered and not answered, whichever wait
    `binnen` is compared with; counting only its last queue's 2 s made it vanish from n (and the figure rise)."""
    text = (
        f"{T}|r1|kcc|NONE|ENTERQUEUE||06|1\n"
        f"{T + 60}|r1|kcc|NONE|EXITWITHTIMEOUT|1|1|60\n"
        f"{T + 60}|r1|kcc2|NONE|ENTERQUEUE||06|1\n"
        f"{T + 62}|r1|kcc2|NONE|ABANDON|1|1|2\n"
        f"{T + 100}|r2|kcc|NONE|ENTERQUEUE||06|1\n"
        f"{T + 102}|r2|kcc|NONE|ABANDON|1|1|2\n"  # a short hang-up in its only queue, for contrast
    )
    months, _ = count_calls(tmp_path, text, reachability(wait_rule=wait_rule))
    assert months == {(2019, 6): (1, 0)}
    calls_csv = (
        "gesprek;wachtrij;binnenkomst;beantwoord;opgehangen\n"
        "r1;kcc;2019-06-03 10:00:00;;\n"
        "r1;kcc2;2019-06-03 10:01:00;;2019-06-03 10:01:02\n"
        "r2;kcc;2019-06-03 10:02:00;;2019-06-03 10:02:02\n"
    )
    definition = reachability(files=("gesprekken.csv",), format=InputFormat.CALLS, wait_rule=wait_rule)
    months, _ = count_calls(tmp_path, calls_csv, definition)
    assert months == {(2019, 6): (1, 0)}


def test_every_call_event_number_fits_in_one_digit() -> None:
    """`calls_query` reads how a call ended from the last digit of its place (`uitgang % 10`)."""
    assert [inputs.EVENT_NUMBERS[event] for event in queries.CALL_EVENTS] == list(range(len(queries.CALL_EVENTS)))
    assert len(queries.CALL_EVENTS) <= 10


# A call: visits of (queue, second after the start, wait, how the visit ended: None = still waiting).
VISIT = st.tuples(
    st.sampled_from(["kcc", "kcc2", "intern"]),
    st.integers(0, 40),
    st.integers(0, 40),
    st.sampled_from([None, "CONNECT", "ABANDON", "EXITWITHTIMEOUT", "EXITWITHKEY"]),
)
CALLS = st.lists(st.lists(VISIT, min_size=1, max_size=3), min_size=1, max_size=6)


def _queue_log(calls: list[list[tuple]]) -> list[str]:
    lines = []
    for number, visits in enumerate(calls):
        for queue, start, wait, end in visits:
            at = T + number * 1000 + start
            lines.append(f"{at}|c{number}|{queue}|NONE|ENTERQUEUE||06|1")
            if end == "CONNECT":
                lines.append(f"{at + wait}|c{number}|{queue}|PJSIP/1|CONNECT|{wait}|x|1")
            elif end == "EXITWITHKEY":
                lines.append(f"{at + wait}|c{number}|{queue}|NONE|EXITWITHKEY|1|1|1|{wait}")
            elif end:
                lines.append(f"{at + wait}|c{number}|{queue}|NONE|{end}|1|1|{wait}")
    return lines


@settings(max_examples=60, deadline=None)
@given(calls=CALLS, copies=st.lists(st.integers(0, 40), max_size=8))
def test_repeated_lines_change_no_figure_and_are_all_counted(calls: list[list[tuple]], copies: list[int]) -> None:
    """The calls take no repeated event twice, and the pass finds every repeat (or leaves the call open)."""
    lines = _queue_log(calls)
    repeated = [lines[i % len(lines)] for i in copies]
    counted = [line for line in lines + repeated if "|intern|" not in line]  # 'intern' is not a counted queue
    with tempfile.TemporaryDirectory() as folder:
        clean, _ = count_calls(Path(folder), "\n".join(lines) + "\n", reachability())
        months, read = count_calls(Path(folder), "\n".join(lines + repeated) + "\n", reachability())
    assert months == clean
    assert read == {None: (len(lines) + len(repeated), len(counted) - len(set(counted)))}


def test_only_calls_with_repeats_or_many_lines_are_left_open(tmp_path: Path) -> None:
    """The quick check decides calls of up to five lines (three of them known); the exact count runs for the rest."""
    calls = [
        [("kcc", 0, 5, "CONNECT")],
        [("kcc", 0, 30, "EXITWITHTIMEOUT"), ("kcc2", 30, 5, "CONNECT")],
        [("kcc", 0, 30, "EXITWITHTIMEOUT"), ("kcc2", 30, 0, None)],
    ]
    lines = _queue_log(calls)
    many = _queue_log([[("kcc", 0, 30, "EXITWITHTIMEOUT")] * 3])  # six lines, every one twice or more

    def open_calls(text: str) -> int:
        (tmp_path / "queue_log").write_text(text, encoding="utf-8")
        connection = inputs.connect()
        source = inputs.register(connection, tmp_path, "bron", ("queue_log",), InputFormat.QUEUE_LOG, "UTC", Problems())
        assert source is not None
        return sum(row[4] for row in connection.execute(queries.calls_query(source.view, reachability())).fetchall())

    assert open_calls("\n".join(lines)) == 0
    for index in range(len(lines)):
        assert open_calls("\n".join([*lines, lines[index]])) == 1, lines[index]
    assert open_calls("\n".join(many)) == 1


def test_a_repeated_line_of_the_calls_csv_leaves_its_call_open(tmp_path: Path) -> None:
    def open_and_repeats(text: str) -> tuple[int, int]:
        (tmp_path / "gesprekken.csv").write_text(text, encoding="utf-8")
        connection = inputs.connect()
        source = inputs.register(
            connection, tmp_path, "bron", ("gesprekken.csv",), InputFormat.CALLS, "Europe/Amsterdam", Problems()
        )
        assert source is not None
        definition = reachability(files=("gesprekken.csv",), format=InputFormat.CALLS)
        rows = connection.execute(queries.calls_query(source.view, definition)).fetchall()
        (repeats,) = connection.execute(queries.call_repeats_query(source.view, definition)).fetchone()
        return sum(row[4] for row in rows), repeats

    assert open_and_repeats(CALLS_CSV) == (0, 0)
    lines = CALLS_CSV.splitlines()
    for line in lines[1:]:
        counted = ";intern;" not in line  # repeats count among the lines that count
        assert open_and_repeats("\n".join([*lines, line]) + "\n") == ((1, 1) if counted else (0, 0)), line


CALLS_CSV = """\
gesprek;wachtrij;binnenkomst;beantwoord;opgehangen
g1;kcc;2019-06-03 10:00:00;2019-06-03 10:00:10;
g2;kcc;2019-06-03 10:01:40;2019-06-03 10:02:20;
g3;kcc;2019-06-03 10:03:20;;2019-06-03 10:03:23
g4;kcc;2019-06-03 10:05:00;;2019-06-03 10:06:00
g5;kcc;2019-06-03 10:10:00;;
g5;kcc2;2019-06-03 10:15:00;2019-06-03 10:15:10;
g6;intern;2019-06-03 10:20:00;2019-06-03 10:20:01;
"""
"""g1 in time; g2 late; g3 short; g4 hung up; g5 left kcc and was answered in kcc2 after 10 s (310 s in all);
g6 in a queue that does not count. n = 4 (g1, g2, g4, g5), in time = 2 (g1, g5)."""


@pytest.mark.parametrize(
    ("rules", "expected"),
    [({}, (4, 2)), ({"wait_rule": WaitRule.TOTAL}, (4, 1)), ({"short_abandon": 0}, (5, 2)), ({"queues": None}, (5, 3))],
)
def test_the_calls_csv_follows_the_same_rules(tmp_path: Path, rules: dict, expected: tuple[int, int]) -> None:
    definition = reachability(files=("gesprekken.csv",), format=InputFormat.CALLS, **rules)
    months, lines = count_calls(tmp_path, CALLS_CSV, definition)
    assert months == {(2019, 6): expected}
    assert lines == {None: (7, 0)}


# Ratings


def rating(scale: Scale, **rules: object) -> Definition:
    base = Definition(
        indicator="kcc-tevredenheid",
        kind=Kind.RATING,
        files=("beoordelingen.csv",),
        format=InputFormat.CSV,
        granularity=Granularity.YEAR,
        minimum=1,
        decimals=None,
        error_limit=ErrorLimit(),
        pauses=(),
        line=1,
        channel="telefoon",
        scale=scale,
        positive_from=DEFAULT_POSITIVE_FROM.get(scale.kind),
    )
    return replace(base, **rules)


def count_ratings(folder: Path, text: str, definitions: list[Definition], distinct: bool) -> list[tuple]:
    (folder / "beoordelingen.csv").write_text(text, encoding="utf-8")
    connection = inputs.connect()
    source = inputs.register(
        connection, folder, "bron", ("beoordelingen.csv",), InputFormat.CSV, "Europe/Amsterdam", Problems()
    )
    assert source is not None
    return per_month(connection.execute(queries.ratings_query(source.view, definitions, distinct)).fetchall())


def per_month(rows: list[tuple]) -> list[tuple]:
    """The counts of `ratings_query`, which come per month, file and channel (question, location), added up per month;
    without the columns per file and channel at the end (file, channel, question, location, readable rows, equal
    rows)."""
    months: dict[tuple, list[int]] = {}
    for row in rows:
        counts = months.setdefault(row[:2], [0] * len(row[2:-6]))
        for index, value in enumerate(row[2:-6]):
            counts[index] += value
    return sorted(((*month, *counts) for month, counts in months.items()), key=lambda row: (row[0] is None, row[:2]))


RATINGS = """\
kanaal,tijdstip,score
telefoon,2019-06-03 10:00:00,1
telefoon,2019-06-03 10:01:00,2
telefoon,2019-06-03 10:02:00,3
telefoon,2019-06-03 10:03:00,4
telefoon,2019-06-03 10:04:00,5
telefoon,2019-06-03 10:04:00,5
balie,2019-06-03 10:05:00,5
"""


@pytest.mark.parametrize(
    ("scale", "rules", "positive"),
    [
        (Scale("toetsen", ScaleKind.SMILEYS, 5), {}, 3),  # 4 and 5 (twice): top-2-box
        (Scale("zuil", ScaleKind.SMILEYS, 1), {}, 2),  # 1 and 2: 'very satisfied' is 1
        (Scale("toetsen", ScaleKind.SMILEYS, 5), {"positive_from": 3}, 4),
        (Scale("zuil", ScaleKind.SMILEYS, 1), {"positive_from": 5}, 1),  # only the 1
        (Scale("cijfer", ScaleKind.GRADE), {"positive_from": 3}, 4),
    ],
)
def test_threshold_and_scale_direction(tmp_path: Path, scale: Scale, rules: dict, positive: int) -> None:
    rows = count_ratings(tmp_path, RATINGS, [rating(scale, **rules)], distinct=True)
    (_year, _month, lines, bad_fields, n, pos, duplicates, not_a_score, outside, bad_time) = rows[0]
    assert (lines, n, pos, duplicates) == (7, 6, positive, 0)  # the two 5s of 10:04 are two ratings
    assert (bad_fields, not_a_score, outside, bad_time) == (0, 0, 0, 0)


WORDS = """\
kanaal,tijdstip,score
telefoon,2019-06-03 11:00:00,Zeer tevreden
telefoon,2019-06-03 11:01:00, ZEER TEVREDEN
telefoon,2019-06-03 11:02:00,Tevreden
telefoon,2019-06-03 11:03:00,Neutraal
telefoon,2019-06-03 11:04:00,ontevreden
telefoon,2019-06-03 11:05:00,Zeer ontevreden
telefoon,2019-06-03 11:06:00,heel tevreden
telefoon,2019-06-03 11:07:00,4
telefoon,2019-06-03 11:08:00,best tevreden
"""


@pytest.mark.parametrize(
    ("scale", "rules", "positive"),
    [
        (Scale("toetsen", ScaleKind.SMILEYS, 5), {}, 5),  # the three 'zeer' or 'heel', 'tevreden' and the 4
        (Scale("zuil", ScaleKind.SMILEYS, 1), {}, 4),  # the words alike; the 4 is 'ontevreden' on this kiosk
        (Scale("toetsen", ScaleKind.SMILEYS, 5), {"positive_from": 5}, 3),  # 'zeer' or 'heel tevreden' only
    ],
)
@pytest.mark.parametrize("distinct", [False, True])
def test_a_score_written_as_a_word_is_its_place_on_five_smileys(
    tmp_path: Path, scale: Scale, rules: dict, positive: int, distinct: bool
) -> None:
    """A kiosk or keypad survey that exports 'Zeer tevreden' … 'Zeer ontevreden' instead of 1 to 5: every row was
    a bad line ('de score is geen geldige score'), which the data owner could only mend by editing the raw export.
    The words say which end is 'very satisfied' themselves, whichever way the scale's numbers run; a word that is
    none of the five is a bad score still, and a grade has no words."""
    rows = count_ratings(tmp_path, WORDS, [rating(scale, **rules)], distinct=distinct)
    (_year, _month, lines, _fields, n, pos, _duplicates, not_a_score, outside, _time) = rows[0]
    assert (lines, n, pos, not_a_score, outside) == (9, 8, positive, 1, 0)
    grade = count_ratings(tmp_path, WORDS, [rating(Scale("cijfer", ScaleKind.GRADE))], distinct=distinct)
    assert grade[0][4:6] == (1, 0) and grade[0][7] == 8  # the 4 only, under 7; the words are no grade


@pytest.mark.parametrize("distinct", [False, True])
def test_a_question_and_a_location_are_read_in_any_case(tmp_path: Path, distinct: bool) -> None:
    """A month's export writing 'Stadhuis' or 'HOE TEVREDEN BENT U?' where metingen.yaml says 'stadhuis' and 'Hoe
    tevreden bent u?' had its rows counted nowhere, without a word, as a channel written so had until it was read in
    any case. Per file and value as written, the readable rows come along (a value that only looks like one)."""
    text = "kanaal,tijdstip,score,vraag,locatie\n" + "".join(
        f"Telefoon,2019-06-03 10:0{minute}:00,5,{question},{place}\n"
        for minute, (question, place) in enumerate(
            [
                ("Hoe tevreden bent u?", "stadhuis"),
                ("HOE TEVREDEN BENT U?", "Stadhuis"),
                ("hoe tevreden bent u?", "STADHUIS"),
                ("Hoe tevreden bent u?", "Stadhuis hal"),
                ("Hoe tevreden bent u", "stadhuis"),
            ]
        )
    )
    definition = rating(Scale("toetsen", ScaleKind.SMILEYS, 5), question="Hoe tevreden bent u?", location="stadhuis")
    (tmp_path / "beoordelingen.csv").write_text(text, encoding="utf-8")
    connection = inputs.connect()
    inputs.register(connection, tmp_path, "bron", ("beoordelingen.csv",), InputFormat.CSV, "UTC", Problems())
    rows = connection.execute(queries.ratings_query("bron", [definition], distinct)).fetchall()
    assert sum(row[4] for row in rows) == 3  # n
    assert sorted((row[-5:-2], row[-2]) for row in rows) == [
        (("Telefoon", "HOE TEVREDEN BENT U?", "Stadhuis"), 1),
        (("Telefoon", "Hoe tevreden bent u", "stadhuis"), 1),
        (("Telefoon", "Hoe tevreden bent u?", "Stadhuis hal"), 1),
        (("Telefoon", "Hoe tevreden bent u?", "stadhuis"), 1),
        (("Telefoon", "hoe tevreden bent u?", "STADHUIS"), 1),
    ]
    connection.close()


def test_without_distinct_every_row_counts(tmp_path: Path) -> None:
    """The cheap query gives the same figures whenever no file repeats another's rows (checked first by `run`):
    with one file, always."""
    scale = Scale("toetsen", ScaleKind.SMILEYS, 5)
    with_copy = count_ratings(tmp_path, RATINGS, [rating(scale)], distinct=False)
    assert with_copy[0][4:7] == (6, 3, 0)  # the repeated 5 counted twice, and no duplicates seen
    assert with_copy == count_ratings(tmp_path, RATINGS, [rating(scale)], distinct=True)


def test_equal_rows_in_one_file_are_as_many_ratings_and_another_files_copy_counts_once(tmp_path: Path) -> None:
    """A kiosk that records the minute writes two people who give a 5 in the same minute as two equal rows: they
    counted once, and the second was a duplicate that stopped the run (foutgrens 0). A copy in another file
    (exports that overlap) is the same rating: a rating counts as often as the file that has it most often."""
    january = "kanaal,tijdstip,score\n" + "telefoon,2019-01-31 10:04,5\n" * 3 + "telefoon,2019-01-31 10:05,2\n"
    overlap = "kanaal,tijdstip,score\n" + "telefoon,2019-01-31 10:04,5\n" * 2 + "telefoon,2019-01-31 10:05,2\n"
    overlap += "telefoon,2019-02-01 09:00,4\n"
    files = {"januari.csv": january, "overlap.csv": overlap}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    definition = rating(Scale("toetsen", ScaleKind.SMILEYS, 5), files=tuple(files))
    connection = inputs.connect()
    source = inputs.register(connection, tmp_path, "bron", tuple(files), InputFormat.CSV, "UTC", Problems())
    assert source is not None
    assert inputs.count_repeated_ratings(connection, source, queries.selection(definition)) > 0
    rows = per_month(connection.execute(queries.ratings_query("bron", [definition], distinct=True)).fetchall())
    # per month: lines, bad fields, n, positive, duplicates
    assert [(row[0], row[1], *row[2:7]) for row in rows] == [(2019, 1, 7, 0, 4, 3, 3), (2019, 2, 1, 0, 1, 1, 0)]
    repeated = connection.execute(queries.rating_duplicates_query("bron", definition, 10)).fetchall()
    # (file, line, the file and line it repeats): the k-th copy of a file repeats the k-th of an earlier file.
    assert repeated == [(1, 2, 0, 2), (1, 3, 0, 3), (1, 4, 0, 5)]
    one_file = inputs.register(connection, tmp_path, "een", ("januari.csv",), InputFormat.CSV, "UTC", Problems())
    assert one_file is not None
    assert inputs.count_repeated_ratings(connection, one_file, queries.selection(definition)) == 0
    for distinct in (True, False):
        rows = per_month(connection.execute(queries.ratings_query("een", [definition], distinct)).fetchall())
        assert [row[4:7] for row in rows] == [(4, 3, 0)]
    assert connection.execute(queries.rating_duplicates_query("een", definition, 10)).fetchall() == []
    connection.close()


def test_a_copy_in_another_file_is_the_same_rating_whatever_the_case_of_its_channel(tmp_path: Path) -> None:
    """A channel, question and location are read in any case: an export that writes 'Telefoon' where an earlier one
    wrote 'telefoon' holds the same ratings where the two overlap, not as many again."""
    january = "kanaal,vraag,tijdstip,score\n" + "telefoon,Tevreden?,2019-01-31 10:04,5\n" * 2
    overlap = "kanaal,vraag,tijdstip,score\n" + "Telefoon,tevreden?,2019-01-31 10:04,5\n" * 2
    overlap += "TELEFOON,TEVREDEN?,2019-01-31 10:05,2\n"
    files = {"januari.csv": january, "overlap.csv": overlap}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    definition = rating(Scale("toetsen", ScaleKind.SMILEYS, 5), files=tuple(files), question="tevreden?")
    connection = inputs.connect()
    source = inputs.register(connection, tmp_path, "bron", tuple(files), InputFormat.CSV, "UTC", Problems())
    assert source is not None
    assert inputs.count_repeated_ratings(connection, source, queries.selection(definition)) > 0
    rows = per_month(connection.execute(queries.ratings_query("bron", [definition], distinct=True)).fetchall())
    # per month: lines, bad fields, n, positive, duplicates
    assert [(row[0], row[1], *row[2:7]) for row in rows] == [(2019, 1, 5, 0, 3, 2, 2)]
    repeated = connection.execute(queries.rating_duplicates_query("bron", definition, 10)).fetchall()
    assert repeated == [(1, 2, 0, 2), (1, 3, 0, 3)]
    connection.close()


def test_equal_rows_at_a_moment_with_seconds_are_seen_in_the_counting_pass(tmp_path: Path) -> None:
    """Equal rows of a file at a moment with seconds are counted per file and channel (`gelijk`), without a pass of
    their own: all of them where files overlap (the grouping is done anyway), one in 64 moments otherwise; never at
    a whole minute, where in a kiosk's file they are two people. They count as ratings either way. The exact count
    that follows knows the file records milliseconds, and counts its equal rows at a whole minute too."""
    text = "kanaal,tijdstip,score\n" + "telefoon,2019-06-03 10:00:00.029,5\n" * 3  # sampled (`inputs.SAMPLE`)
    text += "telefoon,2019-06-03 10:00:00.002,5\n" * 2 + "telefoon,2019-06-03 10:01:00,5\n" * 2
    definition = rating(Scale("toetsen", ScaleKind.SMILEYS, 5))
    (tmp_path / "r.csv").write_text(text, encoding="utf-8")
    connection = inputs.connect()
    inputs.register(connection, tmp_path, "bron", ("r.csv",), InputFormat.CSV, "UTC", Problems())
    for distinct, equal in ((False, 2), (True, 3)):
        [row] = connection.execute(queries.ratings_query("bron", [definition], distinct)).fetchall()
        # n, and channel, question, location (not asked), readable rows, equal rows
        assert (row[4], row[-5:]) == (7, ("telefoon", None, None, 7, equal))
    found = connection.execute(queries.equal_ratings_query("bron", [definition], 10)).fetchall()
    # (file, line, the line it equals, how many)
    assert found == [(0, 3, 2, 4), (0, 4, 2, 4), (0, 6, 5, 4), (0, 8, 7, 4)]
    connection.close()


def test_yes_no_and_several_indicators_in_one_pass(tmp_path: Path) -> None:
    text = "kanaal;tijdstip;score\nwebsite;2019-01-01 10:00:00;ja\nwebsite;2019-01-01 11:00:00;Nee\n"
    text += "website;2019-02-01 10:00:00;yes\nwebsite;2019-02-01 10:00:01;misschien\ntelefoon;2019-02-01 10:00:00;9\n"
    website = rating(Scale("duim", ScaleKind.YES_NO), channel="website", positive_from=None)
    phone = rating(Scale("toetsen", ScaleKind.SMILEYS, 5))
    rows = count_ratings(tmp_path, text, [website, phone], distinct=True)
    by_month = {(r[0], r[1]): r[4:] for r in rows}
    # website: n, pos, dup, not a score, outside, time | telefoon: the same
    assert by_month[(2019, 1)] == (2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    assert by_month[(2019, 2)] == (1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0)


def test_queries_transpile_to_spark() -> None:
    sql = queries.calls_query("bron", reachability())
    spark = queries.to_dialect(sql, "spark")
    assert " DIV " in spark and "FILTER(WHERE" in spark
    assert "//" in sql and "//" not in spark
    assert queries.to_dialect(sql, "duckdb") == sql


@pytest.mark.parametrize("distinct", [False, True])
def test_parquet_scores_that_are_numbers_are_counted_without_the_words_column(tmp_path: Path, distinct: bool) -> None:
    """A Parquet file whose score is a number has no word for a score: its groups leave `score_woord` out (3 to 4 % of
    the pass over 100 million ratings), with the same counts. A text score may be a word, and keeps it."""
    import duckdb

    for name, score in (("getallen.parquet", "CAST(s AS TINYINT)"), ("woorden.parquet", "CAST(s AS VARCHAR)")):
        writer = duckdb.connect()
        writer.execute(
            f"""COPY (SELECT 'telefoon' AS kanaal, TIMESTAMP '2019-06-03 10:00:00' + INTERVAL (i) MINUTE AS tijdstip,
                {score} AS score FROM (SELECT i, 1 + i % 5 AS s FROM range(40) AS r(i)))
            TO '{tmp_path / name}' (FORMAT parquet)"""
        )
        writer.close()
    definition = replace(
        rating(Scale("zuil", ScaleKind.SMILEYS, 5)), files=("getallen.parquet",), format=InputFormat.PARQUET
    )
    counted = {}
    for name in ("getallen.parquet", "woorden.parquet"):
        connection = inputs.connect()
        source = inputs.register(
            connection, tmp_path, "bron", (name,), InputFormat.PARQUET, "Europe/Amsterdam", Problems()
        )
        assert source is not None
        assert source.words is (name == "woorden.parquet")
        sql = queries.ratings_query(source.view, [definition], distinct, source.words)
        assert ("score_ja_nee, score_woord" in sql) is source.words  # in the groups' key
        counted[name] = per_month(connection.execute(sql).fetchall())
        with_words = per_month(
            connection.execute(queries.ratings_query(source.view, [definition], distinct)).fetchall()
        )
        assert counted[name] == with_words
    assert counted["getallen.parquet"] == counted["woorden.parquet"]
    assert counted["getallen.parquet"][0][4:6] == (40, 16)  # n, and the 4s and 5s
