"""`measure_project`: figures with n, interval and provenance; no figure for too few, none or unmeasured periods;
malformed lines named with file and line; nothing written when a measurement fails."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.build.test_languages import SECTION_PAGE, spoken
from tests.measure.conftest import TARGETS
from verantwoord import build_project
from verantwoord.cli import main
from verantwoord.errors import InvalidProject, Problem, Severity
from verantwoord.measure import run as run_module
from verantwoord.measure.results import RESULTS_FILE
from verantwoord.measure.run import measure_project

MOMENT = datetime(2021, 5, 25, 12, 0, tzinfo=UTC)
T2019 = 1559548800  # 2019-06-03 10:00 in Amsterdam

DEFINITIONS = """\
schalen:
  toetsen:
    soort: smileys
    zeer-tevreden: 5
indicatoren:
  kcc-tevredenheid:
    soort: tevredenheid
    bestanden: ruw/beoordelingen.csv
    kanaal: telefoon
    schaal: toetsen
  kcc-bereikbaarheid:
    soort: bereikbaarheid
    bestanden: ruw/queue_log
    binnen: 25
    minimum: 3
"""


def ratings(year: int, positive: int, negative: int, channel: str = "telefoon") -> str:
    """Rows of `positive` 5s and `negative` 2s on the days of `year`, one minute apart."""
    rows = []
    for index in range(positive + negative):
        day, minute = divmod(index, 480)
        hour, minute = divmod(minute, 60)
        score = 5 if index < positive else 2
        rows.append(f"{channel},{year}-02-{1 + day:02d} {8 + hour:02d}:{minute:02d}:00,{score}\n")
    return "".join(rows)


def calls(count: int, in_time: int, start: int = T2019) -> str:
    """`count` calls to queue kcc, the first `in_time` answered in 10 s, the others after 60 s."""
    lines = []
    for index in range(count):
        t = start + 600 * index
        wait = 10 if index < in_time else 60
        lines.append(f"{t}|c{index}|kcc|NONE|ENTERQUEUE||06|1\n{t + wait}|c{index}|kcc|PJSIP/1|CONNECT|{wait}|x|1\n")
    return "".join(lines)


def ratings_file() -> str:
    return "kanaal,tijdstip,score\n" + ratings(2019, 100, 20)


def results(root: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((root / RESULTS_FILE).read_text(encoding="utf-8"))))


def test_figures_with_n_interval_and_provenance(make_measuring: Callable[..., Path]) -> None:
    rating_file = "kanaal,tijdstip,score\n" + ratings(2019, 100, 20) + ratings(2020, 10, 2)
    root = make_measuring(DEFINITIONS, {"ruw/beoordelingen.csv": rating_file, "ruw/queue_log": calls(4, 3)})
    result = measure_project(root, computed_at=MOMENT)
    assert result.path == root / RESULTS_FILE and result.problems == []
    rows = {(r["indicator"], r["periode"]): r for r in results(root)}
    first = rows[("kcc-tevredenheid", "2019")]
    # 100 of 120 positive: 83.33…%, shown with the workbook's 0 decimals; Wilson 75.65…–88.94…%, rounded outwards.
    assert (first["waarde"], first["n"], first["positief"]) == ("83", "120", "100")
    assert (first["interval_laag"], first["interval_hoog"]) == ("75.6", "89.0")
    assert first["reden"] == "" and first["soort"] == "realisatie" and first["overgeslagen"] == "0"
    digest = hashlib.sha256((root / "ruw/beoordelingen.csv").read_bytes()).hexdigest()
    assert first["bestanden"] == f"ruw/beoordelingen.csv sha256:{digest}"
    assert first["berekend"] == "2021-05-25T12:00:00Z"
    assert first["methode"].startswith("aandeel reacties met 4 of hoger op vijf smileys (1 tot en met 5, 5 = zeer")
    too_few = rows[("kcc-tevredenheid", "2020")]
    assert (too_few["waarde"], too_few["reden"], too_few["n"]) == ("", "te weinig reacties: 12, minimaal 100", "12")
    assert too_few["interval_laag"] == too_few["interval_hoog"] == ""
    reach = rows[("kcc-bereikbaarheid", "2019")]
    assert (reach["waarde"], reach["n"], reach["positief"]) == ("75", "4", "3")
    none = rows[("kcc-bereikbaarheid", "2020")]
    assert (none["waarde"], none["reden"], none["n"]) == ("", "geen metingen", "0")


def refused(root: Path) -> list[Problem]:
    """`measure` on a project whose measurement counts nothing: an error, and no results written (the previous ones,
    if any, stay)."""
    with pytest.raises(InvalidProject) as raised:
        measure_project(root, computed_at=MOMENT)
    assert not (root / RESULTS_FILE).exists()
    return raised.value.problems


def test_a_channel_or_queue_the_files_do_not_have_is_named(make_measuring: Callable[..., Path]) -> None:
    """'telefon' where the files say 'telefoon', or a queue the log does not have, gave "geen metingen" in every year
    without a word; then with a warning, but those results replaced the last good ones all the same. Counting nothing
    at all is an error. (`wachtrijen: kcc, burgerzaken` without brackets is two queues since, not one of that name.)"""
    definitions = DEFINITIONS.replace("kanaal: telefoon", "kanaal: telefon") + "    wachtrijen: burgerzaken\n"
    root = make_measuring(definitions, {"ruw/beoordelingen.csv": ratings_file(), "ruw/queue_log": calls(10, 9)})
    problems = refused(root)
    assert all(p.severity is Severity.ERROR for p in problems)
    assert [str(p) for p in problems] == [
        "metingen.yaml, regel 6: de meting van 'kcc-tevredenheid' telt niets: het kanaal 'telefon' komt in de "
        "bestanden niet voor. Bedoelt u 'telefoon'? Hint: in de bestanden staan: telefoon.",
        "metingen.yaml, regel 11: de meting van 'kcc-bereikbaarheid' telt niets: de wachtrij 'burgerzaken' komt in de "
        "bestanden niet voor. Hint: in de bestanden staan: kcc.",
    ]


MONTHLY = """\
schalen:
  zuil: {soort: smileys, zeer-tevreden: 5}
indicatoren:
  kcc-tevredenheid: {soort: tevredenheid, bestanden: ruw/*.csv, kanaal: telefoon, schaal: zuil, minimum: 10}
"""


def test_a_channel_written_differently_in_one_export_is_read_or_named(make_measuring: Callable[..., Path]) -> None:
    """One month's export writing 'Telefoon' (or 'telefoon ') for the channel the others and metingen.yaml call
    'telefoon' had its rows counted nowhere, without a word; so had 'telefoon-kiosk'. A case or spaces around it
    are the same channel: those rows count. Another name that looks like it is named, with the file and the rows."""
    files = {
        "ruw/januari.csv": "kanaal,tijdstip,score\n" + ratings(2019, 10, 2),
        "ruw/februari.csv": "kanaal,tijdstip,score\n" + ratings(2019, 8, 4, channel="Telefoon").replace("-02-", "-03-"),
        "ruw/maart.csv": "kanaal,tijdstip,score\n"
        + ratings(2019, 5, 0, channel="telefoon ").replace("-02-", "-04-")
        + ratings(2019, 6, 1, channel="telefoon-kiosk").replace("-02-", "-05-")
        + ratings(2019, 3, 0, channel="balie").replace("-02-", "-05-"),
    }
    root = make_measuring(MONTHLY, files)
    warnings = [str(p) for p in measure_project(root, computed_at=MOMENT).problems]
    assert warnings == [
        "ruw/maart.csv: 7 regels hebben het kanaal 'telefoon-kiosk', dat geen meting leest: ze tellen nergens mee. "
        "Bedoeld is waarschijnlijk 'telefoon', van de meting van 'kcc-tevredenheid'. Hint: is het hetzelfde kanaal, "
        "laat de export dan verbeteren (of verbeter het bestand) en meet opnieuw; hoofdletters en spaties of tabs aan "
        "het begin of eind tellen niet mee. Is het een ander kanaal, dan tellen die regels terecht niet mee."
    ]
    [row] = [r for r in results(root) if r["periode"] == "2019"]
    assert (row["n"], row["positief"]) == ("29", "23")  # januari 12, 'Telefoon' 12, 'telefoon ' 5
    # The channel in any case is also what is looked up when nothing counted: here the question is what is missing.
    question = MONTHLY.replace("kanaal: telefoon", "kanaal: TELEFOON, vraag: Tevredenheid")
    root = make_measuring(question, {"ruw/r.csv": "kanaal,tijdstip,score,vraag\n" + "telefoon,2019-02-01,5,tevreden\n"})
    assert [p.message for p in refused(root)] == [
        "de meting van 'kcc-tevredenheid' telt niets: de vraag 'Tevredenheid' komt in de bestanden niet voor bij het "
        "kanaal 'TELEFOON'. Bedoelt u 'tevreden'?"
    ]


def asked(rows: str, question: str, place: str) -> str:
    """The rows of `ratings` with a question and a location."""
    return "".join(f"{row},{question},{place}\n" for row in rows.splitlines())


def test_a_question_or_location_written_differently_in_one_export_is_read_or_named(
    make_measuring: Callable[..., Path],
) -> None:
    """A month's export writing 'Stadhuis' or 'TEVREDEN?' where metingen.yaml and the other exports say 'stadhuis'
    and 'Tevreden?' had its rows counted nowhere, without a word, as a channel written so had; so had 'Stadhuis hal'
    and 'Tevreden' (the question mark left out). A case or whitespace around it is the same question or location:
    those rows count. A value that only looks like the one read is named, as a channel is."""
    definitions = MONTHLY.replace("kanaal: telefoon", "kanaal: telefoon, vraag: 'Tevreden?', locatie: stadhuis")
    header = "kanaal,tijdstip,score,vraag,locatie\n"
    files = {
        "ruw/januari.csv": header + asked(ratings(2019, 10, 2), "Tevreden?", "stadhuis"),
        "ruw/februari.csv": header + asked(ratings(2019, 8, 4).replace("-02-", "-03-"), "TEVREDEN?", "Stadhuis"),
        "ruw/maart.csv": header
        + asked(ratings(2019, 5, 2).replace("-02-", "-04-"), "Tevreden?", "Stadhuis hal")
        + asked(ratings(2019, 3, 0).replace("-02-", "-05-"), "Tevreden", "Stadhuis")
        + asked(ratings(2019, 2, 0).replace("-02-", "-06-"), "Tevreden?", "wijkpost"),
    }
    root = make_measuring(definitions, files)
    warnings = [str(p) for p in measure_project(root, computed_at=MOMENT).problems]
    assert warnings == [
        "ruw/maart.csv: 7 regels hebben de locatie 'Stadhuis hal', die geen meting leest: ze tellen nergens mee. "
        "Bedoeld is waarschijnlijk 'stadhuis', van de meting van 'kcc-tevredenheid'. Hint: is het dezelfde locatie, "
        "laat de export dan verbeteren (of verbeter het bestand) en meet opnieuw; hoofdletters en spaties of tabs aan "
        "het begin of eind tellen niet mee. Is het een andere locatie, dan tellen die regels terecht niet mee.",
        "ruw/maart.csv: 3 regels hebben de vraag 'Tevreden', die geen meting leest: ze tellen nergens mee. Bedoeld is "
        "waarschijnlijk 'Tevreden?', van de meting van 'kcc-tevredenheid'. Hint: is het dezelfde vraag, laat de "
        "export dan verbeteren (of verbeter het bestand) en meet opnieuw; hoofdletters en spaties of tabs aan het "
        "begin of eind tellen niet mee. Is het een andere vraag, dan tellen die regels terecht niet mee.",
    ]
    [row] = [r for r in results(root) if r["periode"] == "2019"]
    assert (row["n"], row["positief"]) == ("24", "18")  # januari 12, 'TEVREDEN?' in the 'Stadhuis' 12


def test_a_tab_after_the_channel_or_the_score_is_taken_off(make_measuring: Callable[..., Path]) -> None:
    """An export that put a tab after its fields (a spreadsheet saved as text) had its rows counted nowhere:
    'telefoon\t' was another channel than 'telefoon', named as one that only looks like it, and '5\t' no score."""
    tabbed = ratings(2019, 8, 4, channel="telefoon\t").replace("-02-", "-03-").replace(",5\n", ",5\t\n")
    files = {
        "ruw/januari.csv": "kanaal,tijdstip,score\n" + ratings(2019, 10, 2),
        "ruw/maart.csv": "kanaal\t,tijdstip,score\n" + tabbed,
    }
    root = make_measuring(MONTHLY, files)
    assert measure_project(root, computed_at=MOMENT).problems == []
    [row] = [r for r in results(root) if r["periode"] == "2019"]
    assert (row["n"], row["positief"]) == ("24", "18")


def test_equal_ratings_at_a_moment_with_seconds_are_named(make_measuring: Callable[..., Path]) -> None:
    """Two equal rows in one file count as two ratings: right for a kiosk that records the minute, but at a moment
    with seconds or milliseconds far more likely a row exported twice. They still count, without a word; now they
    are named, with the file and the first lines, so that the data owner can judge."""
    minute = "kanaal,tijdstip,score\n" + ratings(2019, 10, 2) + "telefoon,2019-02-01 08:00:00,5\n"
    # The counting pass looks at one in 64 moments (`inputs.SAMPLE`), among them 08:01:01 and 09:00:00.071 on these
    # days, but not 08:00:01 nor 10:00:15 on 1 April: one sampled pair is enough to have the file's equal rows named.
    seconds = "kanaal,tijdstip,score\n" + ratings(2019, 10, 2).replace(":00,", ":01,")
    seconds += "telefoon,2019-02-01 08:00:01,5\ntelefoon,2019-02-01 08:01:01,5\nbalie,2019-02-01 08:01:01,5\n"
    milliseconds = "kanaal,tijdstip,score\n" + "telefoon,2019-03-01 09:00:00.071,4\n" * 3
    files = {"ruw/minuut.csv": minute, "ruw/seconden.csv": seconds, "ruw/ms.csv": milliseconds}
    root = make_measuring(MONTHLY, files)
    warnings = [str(p) for p in measure_project(root, computed_at=MOMENT).problems]
    hint = (
        "Hint: schreef de export die regels dubbel, haal de kopieën dan uit het bestand (of laat de export opnieuw "
        "maken) en meet opnieuw. Twee mensen die in dezelfde seconde hetzelfde antwoorden, zijn zeldzaam."
    )
    assert warnings == [
        "ruw/ms.csv, regel 3: 2 beoordelingen zijn precies gelijk aan een eerdere regel van het bestand (kanaal, "
        "tijdstip tot op de seconde, score, vraag en locatie): regel 3 (als regel 2), regel 4 (als regel 2). Ze "
        f"tellen mee als aparte reacties. {hint}",
        "ruw/seconden.csv, regel 14: 2 beoordelingen zijn precies gelijk aan een eerdere regel van het bestand "
        "(kanaal, tijdstip tot op de seconde, score, vraag en locatie): regel 14 (als regel 2), regel 15 (als regel "
        f"3). Ze tellen mee als aparte reacties. {hint}",
    ]
    [row] = [r for r in results(root) if r["periode"] == "2019"]
    assert row["n"] == str(13 + 14 + 3)  # every row counts, as before
    # Where files overlap, the counting pass sees every rating, and names an equal row at any second; a.csv's two
    # equal rows at a whole minute are two people.
    overlap = "kanaal,tijdstip,score\ntelefoon,2019-02-01 08:00:00,5\n"
    files = {"ruw/a.csv": minute, "ruw/b.csv": overlap + "telefoon,2019-04-01 10:00:15,2\n" * 2}
    root = make_measuring(MONTHLY.replace("minimum: 10", "minimum: 10, foutgrens: 1"), files)
    assert [str(p).split(":")[0] for p in measure_project(root, computed_at=MOMENT).problems] == [
        "ruw/b.csv, regel 4",  # equal to line 3
        "ruw/b.csv, regel 2",  # the overlap with a.csv: a duplicate, counted once
        "metingen.yaml, regel 4",
    ]


def test_equal_ratings_at_a_whole_minute_count_in_a_file_that_records_seconds(
    make_measuring: Callable[..., Path],
) -> None:
    """The warning counted equal rows by their moment having seconds, so in a file that records seconds it left out
    those at hh:mm:00, one in sixty: 10:00:00 there is a second like any other. Only a file whose every moment is a
    whole minute records the minute."""
    seconds = "kanaal,tijdstip,score\n" + ratings(2019, 10, 2).replace(":00,", ":01,")
    seconds += "telefoon,2019-02-01 08:01:01,5\n"  # line 14, as line 3 (sampled: `inputs.SAMPLE`)
    seconds += "telefoon,2019-02-01 09:00:00,4\n" * 2  # lines 15 and 16: the second equals the first
    root = make_measuring(MONTHLY, {"ruw/seconden.csv": seconds})
    [warning] = [str(p) for p in measure_project(root, computed_at=MOMENT).problems]
    assert warning.startswith(
        "ruw/seconden.csv, regel 14: 2 beoordelingen zijn precies gelijk aan een eerdere regel van het bestand "
        "(kanaal, tijdstip tot op de seconde, score, vraag en locatie): regel 14 (als regel 3), regel 16 (als regel "
        "15). Ze tellen mee als aparte reacties."
    )


def test_a_file_without_a_readable_line_is_not_said_to_lack_the_channel(make_measuring: Callable[..., Path]) -> None:
    """A file whose every line was bad (a separator the header does not have) also got "het kanaal 'telefoon' komt
    in de bestanden niet voor", while every line said telefoon: the bad lines are the reason, and are named."""
    rating_file = "kanaal,tijdstip,score\n" + ratings(2019, 100, 20).replace(",", ";")
    root = make_measuring(DEFINITIONS, {"ruw/beoordelingen.csv": rating_file, "ruw/queue_log": calls(4, 3)})
    with pytest.raises(InvalidProject) as caught:
        measure_project(root, computed_at=MOMENT)
    messages = [p.message for p in caught.value.problems]
    assert "de meting van 'kcc-tevredenheid' laat 120 van de 120 regels weg die niet te gebruiken zijn; de " in (
        " ".join(messages)
    )
    assert not [m for m in messages if "telt niets" in m]


def test_one_queue_the_files_do_not_have_is_named(make_measuring: Callable[..., Path]) -> None:
    """`wachtrijen: [kcc, kcc-belasting]` where the files say kcc-belastingen: the calls of that queue were left out
    without a word, since the other queue counted: 100% instead of 50%."""
    log = calls(10, 10) + calls(10, 0, start=T2019 + 86400).replace("|kcc|", "|kcc-belastingen|").replace("|c", "|b")
    definitions = DEFINITIONS + "    wachtrijen: [kcc, kcc-belasting]\n"
    root = make_measuring(definitions, {"ruw/beoordelingen.csv": ratings_file(), "ruw/queue_log": log})
    assert [str(p) for p in measure_project(root, computed_at=MOMENT).problems] == [
        "metingen.yaml, regel 11: de meting van 'kcc-bereikbaarheid' telt niets uit de wachtrij 'kcc-belasting': die "
        "komt in de bestanden niet voor. Bedoelt u 'kcc-belastingen'? Hint: in de bestanden staan: kcc, "
        "kcc-belastingen."
    ]
    files = {"ruw/beoordelingen.csv": ratings_file(), "ruw/queue_log": log}
    root = make_measuring(definitions.replace("kcc-belasting]", "kcc-belastingen]"), files)
    assert measure_project(root, computed_at=MOMENT).problems == []
    [row] = [r for r in results(root) if r["indicator"] == "kcc-bereikbaarheid" and r["periode"] == "2019"]
    assert (row["n"], row["positief"]) == ("20", "10")


def test_months_without_any_call_in_a_measured_year_are_named(make_measuring: Callable[..., Path]) -> None:
    """Only July to December in the queue_log of 2019 (the rotated file of the first half forgotten): a figure for
    the whole year, without a word."""
    july = 1561975200  # 2019-07-01 12:00 in Amsterdam
    log = "".join(calls(30, 25, start=july + month * 31 * 86400).replace("|c", f"|m{month}c") for month in range(6))
    # One bad line besides (within the error limit) does not hide them.
    log += "gisteren|x1|kcc|NONE|ENTERQUEUE||06|1\n"
    root = make_measuring(
        "foutgrens: 1\n" + DEFINITIONS, {"ruw/beoordelingen.csv": ratings_file(), "ruw/queue_log": log}
    )
    problems = [str(p) for p in measure_project(root, computed_at=MOMENT).problems]
    assert len(problems) == 3 and problems[0].startswith("ruw/queue_log, regel 361:"), problems
    assert problems[2:] == [
        "metingen.yaml, regel 12: 'kcc-bereikbaarheid' heeft voor 2019 een cijfer, maar in de maanden januari tot en "
        "met juni 2019 kwam geen enkel gesprek binnen: het cijfer is dan dat van een deel van de periode. Hint: "
        "ontbreekt er een bestand (een queue_log van die maanden)? Voeg het toe aan 'bestanden' en meet opnieuw; "
        "stond de centrale uit, zet die tijd dan bij 'niet-gemeten'."
    ]


def test_what_a_pause_puts_aside_is_counted_and_said(make_measuring: Callable[..., Path]) -> None:
    """'van: 2002-03-16' for 2020-03-16: every year said the kiosk was off, and its responses were put aside without
    a word."""
    paused = DEFINITIONS.replace(
        "    schaal: toetsen\n",
        "    schaal: toetsen\n    niet-gemeten:\n      - van: 2002-03-16\n        reden: de zuil is uitgeschakeld\n",
    )
    root = make_measuring(paused, {"ruw/beoordelingen.csv": ratings_file(), "ruw/queue_log": calls(4, 3)})
    assert [str(p) for p in measure_project(root, computed_at=MOMENT).problems] == [
        "metingen.yaml, regel 6: 'kcc-tevredenheid' heeft 120 reacties in maanden die 'niet-gemeten' noemt: ze tellen "
        "niet mee. Hint: kloppen de datums bij 'niet-gemeten' (van, tot)? Werd er wel gemeten, haal die tijd daar dan "
        "weg."
    ]
    # Responses in years not measured are not put aside by a pause: nothing to say of them.
    later = paused.replace("2002-03-16", "2020-03-16")
    files = {"ruw/beoordelingen.csv": ratings_file() + ratings(2023, 50, 5), "ruw/queue_log": calls(4, 3)}
    assert measure_project(make_measuring(later, files), computed_at=MOMENT).problems == []


def test_files_with_nothing_in_the_years_measured_are_an_error_and_keep_the_last_results(
    make_measuring: Callable[..., Path],
) -> None:
    """A queue_log of 2015 for the years 2019 and 2020 gave 'geen metingen' in every year without a word, and
    replaced the last good results."""
    root = make_measuring(DEFINITIONS, {"ruw/beoordelingen.csv": ratings_file(), "ruw/queue_log": calls(4, 3)})
    measure_project(root, computed_at=MOMENT)
    good = (root / RESULTS_FILE).read_bytes()
    (root / "ruw" / "queue_log").write_text(calls(4, 3, start=T2019 - 4 * 365 * 86400), encoding="utf-8")
    with pytest.raises(InvalidProject) as raised:
        measure_project(root, computed_at=MOMENT)
    assert [str(p) for p in raised.value.problems] == [
        "metingen.yaml, regel 11: de meting van 'kcc-bereikbaarheid' telt niets: de bestanden hebben geen gesprekken "
        "in de jaren die gemeten worden (2019, 2020). Hint: kloppen 'bestanden' en 'jaren' in metingen.yaml? Zonder "
        "'jaren' zijn het die van 'tabel.realisatie'."
    ]
    assert (root / RESULTS_FILE).read_bytes() == good


def test_a_question_or_location_the_files_do_not_have_is_named(make_measuring: Callable[..., Path]) -> None:
    """`vraag: Hoe tevreden bent u` where the files ask 'Hoe tevreden bent u?' gave "geen metingen" in every year
    without a word, as a channel the files do not have did; so did `locatie: stadhuiss` for 'Stadhuis' (and
    `locatie: stadhuis`, until a location was read in any case)."""
    rating_file = "kanaal,tijdstip,score,vraag,locatie\n" + "".join(
        f"telefoon,2019-02-01 08:{minute:02d}:00,5,Hoe tevreden bent u?,{place}\n"
        for minute in range(10)
        for place in ("Stadhuis", "Wijkpost")
    )
    rating_file += "balie,2019-02-01 09:00:00,5,Geholpen?,Balie\n"
    files = {"ruw/beoordelingen.csv": rating_file, "ruw/queue_log": calls(10, 9)}
    question = DEFINITIONS.replace("    schaal: toetsen\n", "    schaal: toetsen\n    vraag: Hoe tevreden bent u\n")
    assert [str(p) for p in refused(make_measuring(question, files))] == [
        "metingen.yaml, regel 6: de meting van 'kcc-tevredenheid' telt niets: de vraag 'Hoe tevreden bent u' komt "
        "in de bestanden niet voor bij het kanaal 'telefoon'. Bedoelt u 'Hoe tevreden bent u?'? Hint: in de "
        "bestanden staan bij het kanaal 'telefoon': Hoe tevreden bent u?."
    ]
    place = question.replace("u\n", "u?\n    locatie: stadhuiss\n")
    assert [str(p) for p in refused(make_measuring(place, files))] == [
        "metingen.yaml, regel 6: de meting van 'kcc-tevredenheid' telt niets: de locatie 'stadhuiss' komt in de "
        "bestanden niet voor bij het kanaal 'telefoon' en de vraag 'Hoe tevreden bent u?'. Bedoelt u 'Stadhuis'? "
        "Hint: in de bestanden staan bij het kanaal 'telefoon' en de vraag 'Hoe tevreden bent u?': Stadhuis, "
        "Wijkpost."
    ]


def test_calls_of_which_the_files_hold_only_a_part_are_named(make_measuring: Callable[..., Path]) -> None:
    """A call that entered and never ended was counted as not answered, and an answer without its entry (a rotated
    queue_log.1 left out) was left out: both without a word."""
    partial = (
        f"{T2019 + 60_000}|open|kcc|NONE|ENTERQUEUE||06|1\n"  # no answer, no exit
        f"{T2019 + 60_100}|half|kcc|PJSIP/1|CONNECT|10|x|1\n"  # no entry
    )
    root = make_measuring(
        DEFINITIONS, {"ruw/beoordelingen.csv": ratings_file(), "ruw/queue_log": calls(10, 9) + partial}
    )
    warnings = [p.message for p in measure_project(root, computed_at=MOMENT).problems]
    assert warnings == [
        "1 gesprek van 'kcc-bereikbaarheid' kwam binnen, maar de bestanden zeggen niet hoe het afliep (geen CONNECT, "
        "ABANDON of ander einde). Het telt mee als niet beantwoord.",
        "1 gesprek van 'kcc-bereikbaarheid' werd beantwoord of beëindigd, maar de bestanden zeggen niet wanneer het "
        "binnenkwam (geen ENTERQUEUE). Het telt niet mee.",
    ]
    [row] = [r for r in results(root) if r["indicator"] == "kcc-bereikbaarheid" and r["periode"] == "2019"]
    assert (row["n"], row["positief"]) == ("11", "9")  # the open call offered and not answered; the half one not
    # Outside the years measured, or where a bad line is the reason, no such warning.
    outside = DEFINITIONS.replace("    minimum: 3\n", "    minimum: 3\njaren: [2018]\n")
    root = make_measuring(outside, {"ruw/beoordelingen.csv": ratings_file(), "ruw/queue_log": calls(10, 9) + partial})
    with pytest.raises(InvalidProject) as raised:  # nothing in 2018: an error of its own
        measure_project(root, computed_at=MOMENT)
    assert not [p for p in raised.value.problems if "kwam binnen" in p.message]


def test_the_method_is_in_the_documents_language(make_measuring: Callable[..., Path]) -> None:
    rating_file = "kanaal,tijdstip,score\n" + ratings(2019, 100, 20)
    files = {"ruw/beoordelingen.csv": rating_file, "ruw/queue_log": calls(4, 3)}
    root = make_measuring(DEFINITIONS, files, config={"taal": "en"})
    measure_project(root, computed_at=MOMENT)
    methods = {row["indicator"]: row["methode"] for row in results(root)}
    assert methods["kcc-tevredenheid"].startswith(
        "share of responses of 4 or higher on a scale of five smileys (1 to 5"
    )
    assert methods["kcc-bereikbaarheid"].startswith("share of calls in all queues answered within 25 seconds")
    # So are the reasons for no figure, with English numbers: "2.543" reads as two and a half.
    reasons = {(row["indicator"], row["periode"]): row["reden"] for row in results(root) if row["reden"]}
    assert reasons == {
        ("kcc-tevredenheid", "2020"): "no measurements",
        ("kcc-bereikbaarheid", "2020"): "no measurements",
    }


def test_too_few_responses_in_english_are_written_with_english_numbers(make_measuring: Callable[..., Path]) -> None:
    definitions = DEFINITIONS.replace("    schaal: toetsen\n", "    schaal: toetsen\n    minimum: 2000\n")
    files = {"ruw/beoordelingen.csv": "kanaal,tijdstip,score\n" + ratings(2019, 1200, 20), "ruw/queue_log": calls(4, 3)}
    root = make_measuring(definitions, files, config={"taal": "en"})
    measure_project(root, computed_at=MOMENT)
    row = next(r for r in results(root) if r["indicator"] == "kcc-tevredenheid" and r["periode"] == "2019")
    assert row["reden"] == "too few responses: 1,220, at least 2,000"


def test_a_measured_reason_is_read_in_the_sites_language_beside_the_exports_dutch(
    make_measuring: Callable[..., Path],
) -> None:
    """measure writes the reasons it gives ('too few responses', 'no measurements') in the site's language; an
    English site of a Dutch export (`export.taal: nl`) marked them lang="nl", as the export's words, and a screen
    reader read 'too few responses: 1,220' with Dutch sounds. A reason the data owner wrote in metingen.yaml is
    theirs, marked as the export's texts are."""
    definitions = DEFINITIONS.replace(
        "    schaal: toetsen\n",
        "    schaal: toetsen\n    minimum: 2000\n    niet-gemeten:\n      - van: 2020-01-01\n"
        "        reden: de meting is gestopt\n",
    )
    files = {"ruw/beoordelingen.csv": "kanaal,tijdstip,score\n" + ratings(2019, 1200, 20), "ruw/queue_log": calls(4, 3)}
    root = make_measuring(definitions, files, config={"taal": "en", "export": {"taal": "nl"}})
    measure_project(root, computed_at=MOMENT)
    build_project(root, strict=True)
    read = spoken((root / "site" / SECTION_PAGE).read_text(encoding="utf-8"))
    assert ("en", "No figure for 2019: too few responses: 1,220, at least 2,000") in read
    assert ("en", "No figure for 2020: no measurements") in read  # the calls
    assert ("nl", "de meting is gestopt") in read  # the responses of 2020


def test_not_measured_periods_say_why_and_never_zero(make_measuring: Callable[..., Path]) -> None:
    definitions = DEFINITIONS.replace(
        "    schaal: toetsen\n",
        "    schaal: toetsen\n    niet-gemeten:\n      - van: 2020-03-16\n        reden: de meting is gestopt\n",
    )
    rating_file = "kanaal,tijdstip,score\n" + ratings(2019, 100, 20) + ratings(2020, 200, 0)
    root = make_measuring(definitions, {"ruw/beoordelingen.csv": rating_file, "ruw/queue_log": calls(4, 3)})
    measure_project(root, computed_at=MOMENT)
    row = next(r for r in results(root) if r["indicator"] == "kcc-tevredenheid" and r["periode"] == "2020")
    # 200 responses in February 2020, but the year overlaps the span without measurement: no figure.
    assert (row["waarde"], row["reden"], row["n"]) == ("", "de meting is gestopt", "")


def test_a_year_with_two_pauses_gives_both_reasons(make_measuring: Callable[..., Path]) -> None:
    """The kiosk closed for a renovation in spring and again in autumn: the year gave the first reason only."""
    definitions = DEFINITIONS.replace(
        "    schaal: toetsen\n",
        "    schaal: toetsen\n    niet-gemeten:\n"
        "      - {van: 2019-03-01, tot: 2019-04-30, reden: verbouwing}\n"
        "      - {van: 2019-10-01, tot: 2019-10-31, reden: storing}\n"
        "      - {van: 2019-10-15, tot: 2019-10-20, reden: storing}\n",
    )
    files = {"ruw/beoordelingen.csv": ratings_file() + ratings(2020, 10, 2), "ruw/queue_log": calls(4, 3)}
    root = make_measuring(definitions, files)
    measure_project(root, computed_at=MOMENT)
    row = next(r for r in results(root) if r["indicator"] == "kcc-tevredenheid" and r["periode"] == "2019")
    assert row["reden"] == "verbouwing; storing"


def test_quarters_and_months(make_measuring: Callable[..., Path]) -> None:
    definitions = "jaren: 2019\n" + DEFINITIONS.replace("    minimum: 3\n", "    minimum: 1\n    periode: maand\n")
    definitions = definitions.replace(
        "    schaal: toetsen\n", "    schaal: toetsen\n    periode: kwartaal\n    minimum: 1\n"
    )
    root = make_measuring(
        definitions,
        {"ruw/beoordelingen.csv": "kanaal,tijdstip,score\n" + ratings(2019, 3, 1), "ruw/queue_log": calls(2, 1)},
    )
    outcomes = measure_project(root, computed_at=MOMENT).outcomes
    quarters = [
        (o.period.label, str(getattr(o.figure, "value", "-")), o.n)
        for o in outcomes
        if o.indicator == "kcc-tevredenheid"
    ]
    assert quarters == [("Q1 2019", "75", 4), ("Q2 2019", "-", 0), ("Q3 2019", "-", 0), ("Q4 2019", "-", 0)]
    months = [(o.period.label, o.n) for o in outcomes if o.indicator == "kcc-bereikbaarheid"]
    assert len(months) == 12 and months[5] == ("2019-06", 2) and months[0] == ("2019-01", 0)


BAD_QUEUE_LOG = (
    calls(4, 3)
    + f"{T2019}|c9|kcc|NONE\n"  # line 9: four fields
    + "gisteren|c10|kcc|NONE|ENTERQUEUE||06|1\n"  # line 10: no epoch
    + f"{T2019}|c11|kcc|NONE|HANGUP|1\n"  # line 11: not an Asterisk event
    + f"{T2019}|c12|kcc|PJSIP/1|CONNECT|tien|x|1\n"  # line 12: the wait is no number
    + f"{T2019}|c13|kcc|NONE|ABANDON|1|1\n"  # line 13: ABANDON without its waittime
    + f"{T2019 + 10}|c0|kcc|PJSIP/1|CONNECT|10|x|1\n"  # line 14: repeats line 2
)
BAD_RATINGS = (
    "kanaal,tijdstip,score\n"
    + ratings(2019, 100, 20)
    + "telefoon,2019-03-01 10:00:00,6\n"  # line 122: outside the scale
    + "telefoon,2019-03-01 10:01:00,goed\n"  # line 123: no score
    + "telefoon,31-02-2019 10:00,4\n"  # line 124: no such day
    + "telefoon,2019-03-01 10:02:00\n"  # line 125: a field short
    + "telefoon,2019-02-01 08:00:00,5\n"  # line 126: the same as line 2, a second rating in that minute
)


def test_bad_lines_are_named_with_file_and_line_and_nothing_is_written(make_measuring: Callable[..., Path]) -> None:
    root = make_measuring(DEFINITIONS, {"ruw/beoordelingen.csv": BAD_RATINGS, "ruw/queue_log": BAD_QUEUE_LOG})
    with pytest.raises(InvalidProject) as caught:
        measure_project(root, computed_at=MOMENT)
    assert not (root / RESULTS_FILE).exists()
    assert all(p.severity is Severity.ERROR for p in caught.value.problems)
    assert [str(p) for p in caught.value.problems] == [
        "ruw/beoordelingen.csv, regel 122: de score ligt buiten de schaal (toetsen, voor 'kcc-tevredenheid'). "
        "Gevonden: '6'. Verwacht: een heel getal van 1 tot en met 5.",
        "ruw/beoordelingen.csv, regel 123: de score is geen geldige score (toetsen, voor 'kcc-tevredenheid'). "
        "Gevonden: 'goed'. Verwacht: een heel getal van 1 tot en met 5, of een van de woorden 'zeer tevreden', "
        "'tevreden', 'neutraal', 'ontevreden' en 'zeer ontevreden'.",
        "ruw/beoordelingen.csv, regel 124: het tijdstip is geen geldig tijdstip. Gevonden: '31-02-2019 10:00'. "
        "Verwacht: een tijdstip zoals 2020-03-16 09:12:00 of 16-03-2020 09:12.",
        "ruw/beoordelingen.csv, regel 125: de regel heeft niet de juiste velden. "
        "Gevonden: 'telefoon,2019-03-01 10:02:00'. Verwacht: evenveel velden als de kopregel.",
        "metingen.yaml, regel 6: de meting van 'kcc-tevredenheid' laat 4 van de 125 regels weg die niet te "
        "gebruiken zijn; de foutgrens is 0. Hint: verbeter de ruwe gegevens, of verhoog 'foutgrens' in "
        "metingen.yaml als deze regels mogen vervallen.",
        f"ruw/queue_log, regel 9: de regel heeft niet de juiste velden. Gevonden: '{T2019}|c9|kcc|NONE'. Verwacht: "
        "tijdstip|gesprek|wachtrij|agent|gebeurtenis|gegevens, met de gegevens die bij de gebeurtenis horen.",
        "ruw/queue_log, regel 10: het tijdstip is geen geldig tijdstip. Gevonden: 'gisteren'. "
        "Verwacht: een aantal seconden sinds 1970 (epoch).",
        "ruw/queue_log, regel 11: onbekende gebeurtenis 'HANGUP'. "
        "Verwacht: een gebeurtenis van Asterisk, zoals ENTERQUEUE, CONNECT of ABANDON.",
        "ruw/queue_log, regel 12: de wachttijd is geen geldig aantal seconden. Gevonden: 'tien'. "
        "Verwacht: een aantal seconden.",
        f"ruw/queue_log, regel 13: de regel heeft niet de juiste velden. Gevonden: '{T2019}|c13|kcc|NONE|ABANDON|1|1'. "
        "Verwacht: tijdstip|gesprek|wachtrij|agent|gebeurtenis|gegevens, met de gegevens die bij de gebeurtenis horen.",
        "ruw/queue_log, regel 14: deze regel staat er al eerder in (ruw/queue_log, regel 2); hij telt één keer.",
        "metingen.yaml, regel 11: de meting van 'kcc-bereikbaarheid' laat 6 van de 14 regels weg die niet te "
        "gebruiken zijn; de foutgrens is 0. Hint: verbeter de ruwe gegevens, of verhoog 'foutgrens' in "
        "metingen.yaml als deze regels mogen vervallen.",
    ]


KIOSK = """\
schalen:
  zuil: {soort: smileys, zeer-tevreden: 1}
indicatoren:
  kcc-tevredenheid: {soort: tevredenheid, bestanden: ruw/zuil-*.csv, kanaal: Balie, schaal: zuil, minimum: 10}
"""


def kiosk_export(rows: list[str]) -> bytes:
    """A kiosk vendor's export as Dutch Excel saves it: a BOM, semicolons, CRLF, days without a leading zero."""
    header = 'Zuil-ID;Kanaal;Tijdstip;Score;"Opmerking; vrij"'
    return b"\xef\xbb\xbf" + "\r\n".join([header, *rows, ""]).encode("utf-8")


def test_a_kiosk_export_from_dutch_excel_with_the_score_in_words(make_measuring: Callable[..., Path]) -> None:
    """The kiosk exports its smileys as words ('Zeer tevreden' … 'Zeer ontevreden'), and Excel saved it as Dutch
    Excel does; every row was a bad line. The words count as their smiley, whichever way the kiosk numbers them."""
    words = ["Zeer tevreden", "Tevreden", "Neutraal", "Ontevreden", "Zeer ontevreden"]
    # 2020: 8 days of 5 ratings, one of each word (16 positive of 40), and 4 'Tevreden' of 2019-12-31 at night.
    rows = [
        f'Z1;balie;{day}-2-2020 14:0{i};{word};"snel; vriendelijk"'
        for day in range(3, 11)
        for i, word in enumerate(words)
    ]
    rows += [f"Z1;Balie;31-12-2019 23:5{i}:00;Tevreden;" for i in range(4)]
    rows += ["Z2;balie;01-02-2020 09:00:00;1;", "Z2;balie;01-02-2020 09:01:00;4;"]  # 1 is 'zeer tevreden' here
    root = make_measuring(KIOSK, {"ruw/zuil-2020.csv": kiosk_export(rows)})
    result = measure_project(root, computed_at=MOMENT)
    assert [str(p) for p in result.problems] == []
    figures = {r["periode"]: (r["waarde"], r["n"], r["positief"], r["reden"]) for r in results(root)}
    # 2020: the 40 words (16 positive) and the two numbers (the 1 positive): 17 of 42, 40.476…%.
    assert figures["2020"] == ("40", "42", "17", "")
    assert figures["2019"] == ("", "4", "4", "te weinig reacties: 4, minimaal 10")

    rows.append("Z1;balie;11-2-2020 10:00;Best tevreden;")
    root = make_measuring(KIOSK, {"ruw/zuil-2020.csv": kiosk_export(rows)})
    assert [str(p) for p in refused(root)] == [
        "ruw/zuil-2020.csv, regel 48: de score is geen geldige score (zuil, voor 'kcc-tevredenheid'). Gevonden: "
        "'Best tevreden'. Verwacht: een heel getal van 1 tot en met 5, of een van de woorden 'zeer tevreden', "
        "'tevreden', 'neutraal', 'ontevreden' en 'zeer ontevreden'.",
        "metingen.yaml, regel 4: de meting van 'kcc-tevredenheid' laat 1 van de 47 regels weg die niet te gebruiken "
        "zijn; de foutgrens is 0. Hint: verbeter de ruwe gegevens, of verhoog 'foutgrens' in metingen.yaml als deze "
        "regels mogen vervallen.",
    ]


def test_a_comment_of_two_lines_is_said_to_be_the_cause(make_measuring: Callable[..., Path]) -> None:
    """A comment typed with Alt+Enter in Excel is saved as two lines within quotes: each half was a line 'niet de
    juiste velden', and the data owner looked for a missing separator. The message names the quote that is not closed
    and the line break, and says how to take the line breaks out in Excel."""
    rows = [f"Z1;balie;{day}-2-2020 14:00;Tevreden;" for day in range(1, 20)]
    rows[4] = 'Z1;balie;5-2-2020 14:00;Tevreden;"snel geholpen,\nfijn"'
    root = make_measuring(KIOSK, {"ruw/zuil-2020.csv": kiosk_export(rows)})
    cause = (
        'de regel heeft niet de juiste velden: een aanhalingsteken (") wordt op deze regel niet gesloten; '
        "waarschijnlijk staat er een regeleinde in een veld tussen aanhalingstekens, zoals een opmerking van twee "
        "regels."
    )
    hint = (
        "Hint: haal de regeleinden uit dat veld, in Excel met Zoeken en vervangen: bij 'Zoeken naar' Ctrl+J, bij "
        "'Vervangen door' een spatie."
    )
    assert [str(p) for p in refused(root)][:2] == [
        f"ruw/zuil-2020.csv, regel 6: {cause} Gevonden: 'Z1;balie;5-2-2020 14:00;Tevreden;\"snel geholpen,'. "
        f"Verwacht: evenveel velden als de kopregel. {hint}",
        f"ruw/zuil-2020.csv, regel 7: {cause} Gevonden: 'fijn\"'. Verwacht: evenveel velden als de kopregel. {hint}",
    ]


def test_a_smiley_scale_stated_the_wrong_way_round_is_questioned(make_measuring: Callable[..., Path]) -> None:
    """'zeer-tevreden: 1' for a kiosk whose 5 is 'zeer tevreden' published 9% satisfied where 91% were, without a
    word: the vendors differ, and nothing in the numbers says which way they run. A share under a third on smileys
    is said, with where to look; the figures are written all the same."""
    rows = [
        f"Z1;balie;{day}-2-2020 14:0{i};{score};" for day in range(1, 23) for i, score in enumerate([5, 5, 4, 5, 5])
    ]
    rows += [f"Z1;balie;{10 + i}-3-2020 10:00;{score};" for i, score in enumerate([1, 2, 3, 2, 3, 4, 1, 3, 2, 2, 3])]
    root = make_measuring(KIOSK, {"ruw/zuil-2020.csv": kiosk_export(rows)})
    result = measure_project(root, computed_at=MOMENT)
    # 110 scores of 4 or 5 and 11 of 1 to 3: with 1 'zeer tevreden', the 1s and 2s are positive, 6 of 121 (5%).
    assert {r["periode"]: (r["waarde"], r["n"], r["positief"]) for r in results(root)}["2020"] == ("5", "121", "6")
    assert all(p.severity is Severity.WARNING for p in result.problems)
    assert [str(p) for p in result.problems] == [
        "metingen.yaml, regel 4: 'kcc-tevredenheid' telt 6 van de 121 reacties (5%) als positief, op de schaal 'zuil' "
        "met zeer-tevreden: 1. Hint: loopt de schaal andersom? Kijk in de handleiding van de zuil of de enquête, of "
        "vraag de leverancier, welke score 'zeer tevreden' is; is dat 5, zet dan 'zeer-tevreden: 5' en meet opnieuw."
    ]


def test_a_share_of_only_zeer_tevreden_is_not_questioned_as_a_scale_the_wrong_way_round(
    make_measuring: Callable[..., Path],
) -> None:
    """'positief-vanaf: 5' counts only 'zeer tevreden', of which a share of 30% is usual: it was questioned as a scale
    stated the wrong way round, and the hint to turn it would have published the share of 'zeer ontevreden'. The
    share questioned is a sixth for each smiley counted positive: a third for the usual two."""
    definitions = KIOSK.replace("zeer-tevreden: 1", "zeer-tevreden: 5").replace("minimum: 10}", "positief-vanaf: 5}")
    scores = [5, 5, 5, 4, 4, 4, 4, 4, 3, 2]
    rows = [f"Z1;balie;{day}-2-2020 14:0{i};{score};" for day in range(1, 23) for i, score in enumerate(scores)]
    root = make_measuring(definitions, {"ruw/zuil-2020.csv": kiosk_export(rows)})
    result = measure_project(root, computed_at=MOMENT)
    assert {r["periode"]: (r["waarde"], r["n"], r["positief"]) for r in results(root)}["2020"] == ("30", "220", "66")
    assert [str(p) for p in result.problems] == []

    turned = [f"Z1;balie;{day}-2-2020 14:0{i};{6 - score};" for day in range(1, 23) for i, score in enumerate(scores)]
    root = make_measuring(definitions, {"ruw/zuil-2020.csv": kiosk_export(turned)})
    result = measure_project(root, computed_at=MOMENT)
    assert [p.message[:60] for p in result.problems] == ["'kcc-tevredenheid' telt 0 van de 220 reacties (0%) als posit"]


def test_a_missing_file_is_told_with_the_problems_of_the_other_files(make_measuring: Callable[..., Path]) -> None:
    """A raw file that is not there stopped `measure` before any file was read: the bad lines of the others came a
    run later. All are told at once, and nothing is written. A measurement that misses a file has its other files'
    lines judged, not what it counts: a queue, a month or a call's end may be in the missing file."""
    definitions = (
        DEFINITIONS.replace("bestanden: ruw/beoordelingen.csv", "bestanden: [ruw/beoordelingen.csv, ruw/2020.csv]")
        .replace("bestanden: ruw/queue_log", "bestanden: [ruw/queue_log, ruw/queue_log.1]\n    wachtrijen: [kcc, kcc2]")
        .replace("kanaal: telefoon", "kanaal: telefoon\n    foutgrens: 1")
    )
    # A call that came in and whose end is in queue_log.1, and no call to kcc2: nothing to say while it is missing.
    queue_log = calls(4, 3) + f"{T2019 + 9000}|c9|kcc|NONE|ENTERQUEUE||06|1\n"
    root = make_measuring(definitions, {"ruw/beoordelingen.csv": BAD_RATINGS, "ruw/queue_log": queue_log})
    with pytest.raises(InvalidProject) as caught:
        measure_project(root, computed_at=MOMENT)
    assert not (root / RESULTS_FILE).exists()
    assert [str(p) for p in caught.value.problems] == [
        "metingen.yaml, regel 8: 'indicatoren.kcc-tevredenheid.bestanden' vindt geen bestand bij "
        "'ruw/2020.csv'. Verwacht: een bestand in het project (het pad is ten opzichte van de projectmap). Hint: in "
        "de map ruw staan: beoordelingen.csv, queue_log.",
        "metingen.yaml, regel 14: 'indicatoren.kcc-bereikbaarheid.bestanden' vindt geen bestand bij "
        "'ruw/queue_log.1'. Verwacht: een bestand in het project (het pad is ten opzichte van de projectmap). Hint: "
        "in de map ruw staan: beoordelingen.csv, queue_log.",
        "ruw/beoordelingen.csv, regel 122: de score ligt buiten de schaal (toetsen, voor 'kcc-tevredenheid'). "
        "Gevonden: '6'. Verwacht: een heel getal van 1 tot en met 5.",
        "ruw/beoordelingen.csv, regel 123: de score is geen geldige score (toetsen, voor 'kcc-tevredenheid'). "
        "Gevonden: 'goed'. Verwacht: een heel getal van 1 tot en met 5, of een van de woorden 'zeer tevreden', "
        "'tevreden', 'neutraal', 'ontevreden' en 'zeer ontevreden'.",
        "ruw/beoordelingen.csv, regel 124: het tijdstip is geen geldig tijdstip. Gevonden: '31-02-2019 10:00'. "
        "Verwacht: een tijdstip zoals 2020-03-16 09:12:00 of 16-03-2020 09:12.",
        "ruw/beoordelingen.csv, regel 125: de regel heeft niet de juiste velden. "
        "Gevonden: 'telefoon,2019-03-01 10:02:00'. Verwacht: evenveel velden als de kopregel.",
        "metingen.yaml, regel 6: de meting van 'kcc-tevredenheid' laat 4 van de 125 regels weg die niet te "
        "gebruiken zijn; de foutgrens is 1. Hint: verbeter de ruwe gegevens, of verhoog 'foutgrens' in "
        "metingen.yaml als deze regels mogen vervallen.",
    ]
    # With the file there, what the measurement counts is judged again.
    (root / "ruw/queue_log.1").write_text("", encoding="utf-8")
    (root / "ruw/2020.csv").write_text("kanaal,tijdstip,score\n", encoding="utf-8")
    with pytest.raises(InvalidProject) as caught:
        measure_project(root, computed_at=MOMENT)
    messages = " ".join(str(p) for p in caught.value.problems)
    assert "vindt geen bestand" not in messages
    assert "telt niets uit de wachtrij 'kcc2'" in messages and "1 gesprek van 'kcc-bereikbaarheid' kwam" in messages


def test_equal_ratings_of_a_kiosk_all_count_and_an_overlapping_export_counts_once(
    make_measuring: Callable[..., Path],
) -> None:
    """A kiosk that records the minute: two people who give a 5 in the same minute are two equal rows. The
    second counted as a duplicate, which stopped the run (foutgrens 0) and, with a higher limit, left real
    ratings out. A row of another export that overlaps is the same rating: it counts once and is named."""
    first = "kanaal;tijdstip;score\r\n" + ratings(2019, 100, 20).replace(",", ";").replace("\n", "\r\n")
    first += "telefoon;2019-02-01 08:00:00;5\r\n" * 2  # lines 122 and 123: as line 2, in the same minute
    second = "kanaal;tijdstip;score\r\n" + "telefoon;2019-02-01 08:00:00;5\r\n" * 2  # lines 2 and 3: overlap
    second += "telefoon;2019-12-01 08:00:00;2\r\n"
    definitions = DEFINITIONS.replace("ruw/beoordelingen.csv", "ruw/zuil-*.csv")
    files = {"ruw/zuil-1.csv": first, "ruw/zuil-2.csv": second, "ruw/queue_log": calls(4, 3)}
    root = make_measuring(definitions, files)
    with pytest.raises(InvalidProject) as caught:
        measure_project(root, computed_at=MOMENT)
    assert [str(p) for p in caught.value.problems][:2] == [
        "ruw/zuil-2.csv, regel 2: deze regel staat er al eerder in (ruw/zuil-1.csv, regel 2); hij telt één keer.",
        "ruw/zuil-2.csv, regel 3: deze regel staat er al eerder in (ruw/zuil-1.csv, regel 122); hij telt één keer.",
    ]
    root = make_measuring("foutgrens: 2\n" + definitions, files)
    measure_project(root, computed_at=MOMENT)
    row = next(r for r in results(root) if r["periode"] == "2019" and r["indicator"] == "kcc-tevredenheid")
    assert (row["n"], row["positief"], row["overgeslagen"]) == ("123", "102", "2")
    alone = make_measuring(DEFINITIONS, {"ruw/beoordelingen.csv": first, "ruw/queue_log": calls(4, 3)})
    assert measure_project(alone, computed_at=MOMENT).problems == []
    row = next(r for r in results(alone) if r["periode"] == "2019" and r["indicator"] == "kcc-tevredenheid")
    assert (row["n"], row["positief"], row["overgeslagen"]) == ("122", "102", "0")


def test_call_ids_that_start_again_in_each_export_are_different_calls(make_measuring: Callable[..., Path]) -> None:
    """A contact-centre system numbers the calls of each monthly export from 1: call 1 of January and call 1 of
    March were one call, counted in January, so March had 'geen metingen' and the year half its calls. A call is
    its id on the day it came in; a row that an overlapping export repeats is still the same call."""
    header = "gesprek;wachtrij;binnenkomst;beantwoord;opgehangen\r\n"

    def export(month: int, wait: int, count: int = 3) -> str:
        return header + "".join(
            f"{i};kcc;{i + 1:02d}-{month:02d}-2019 10:00:00;{i + 1:02d}-{month:02d}-2019 10:00:{wait:02d};\r\n"
            for i in range(1, count + 1)
        )

    definitions = """\
indicatoren:
  kcc-bereikbaarheid:
    soort: bereikbaarheid
    formaat: gesprekken
    bestanden: ruw/gesprekken-*.csv
    binnen: 25
    minimum: 1
    periode: maand
"""
    files = {"ruw/gesprekken-01.csv": export(1, 10), "ruw/gesprekken-03.csv": export(3, 50)}
    root = make_measuring(definitions, files)
    assert measure_project(root, computed_at=MOMENT).problems == []
    months = {r["periode"]: (r["n"], r["positief"]) for r in results(root) if r["periode"] in ("2019-01", "2019-03")}
    assert months == {"2019-01": ("3", "3"), "2019-03": ("3", "0")}
    # An export of January and February that repeats January's calls: they count once, and are named.
    files["ruw/gesprekken-02.csv"] = export(1, 10) + export(2, 10).removeprefix(header)
    root = make_measuring("foutgrens: 10\n" + definitions, files)
    problems = [str(p) for p in measure_project(root, computed_at=MOMENT).problems]
    assert problems[0] == (
        "ruw/gesprekken-02.csv, regel 2: deze regel staat er al eerder in (ruw/gesprekken-01.csv, regel 2); "
        "hij telt één keer."
    )
    months = {r["periode"]: (r["n"], r["positief"]) for r in results(root) if r["periode"] <= "2019-03"}
    assert months == {"2019-01": ("3", "3"), "2019-02": ("3", "3"), "2019-03": ("3", "0")}


def test_a_call_before_it_came_in_in_the_hour_the_clocks_repeat_says_so(make_measuring: Callable[..., Path]) -> None:
    """A call entered and answered in the night summer time ends, without a zone: what is still impossible in
    either time was 'beantwoord voordat het binnenkwam' without a hint that the clocks went back."""
    definitions = """\
indicatoren:
  kcc-bereikbaarheid: {soort: bereikbaarheid, formaat: gesprekken, bestanden: ruw/g.csv, binnen: 25, minimum: 1}
"""
    calls = (
        "gesprek;wachtrij;binnenkomst;beantwoord;opgehangen\n"
        "1;kcc;25-10-2020 01:59:50;25-10-2020 02:00:05;\n"
        "2;kcc;25-10-2020 02:40:00;25-10-2020 01:30:00;\n"
    )
    root = make_measuring(definitions, {"ruw/g.csv": calls})
    assert next(str(p) for p in refused(root)) == (
        "ruw/g.csv, regel 3: het gesprek is beantwoord of opgehangen voordat het binnenkwam, in het uur dat twee keer "
        "komt als de zomertijd eindigt. Gevonden: '2;kcc;25-10-2020 02:40:00;25-10-2020 01:30:00;'. Hint: een "
        "tijdstip zonder tijdzone tussen 02.00 en 03.00 uur in de nacht dat de zomertijd eindigt, kan zomer- of "
        "wintertijd zijn. verantwoord neemt wintertijd, of zomertijd als de wachttijd anders negatief of een uur of "
        "langer is; hier kan geen van beide. Laat het systeem de tijden met hun tijdzone geven (+02:00 of +01:00) als "
        "het dat kan."
    )


def test_a_failed_run_leaves_the_previous_results_as_they_were(make_measuring: Callable[..., Path]) -> None:
    root = make_measuring(DEFINITIONS, {"ruw/beoordelingen.csv": BAD_RATINGS, "ruw/queue_log": calls(4, 3)})
    (root / "metingen").mkdir()
    (root / RESULTS_FILE).write_text("vorige uitkomsten\n", encoding="utf-8")
    with pytest.raises(InvalidProject):
        measure_project(root, computed_at=MOMENT)
    assert (root / RESULTS_FILE).read_text(encoding="utf-8") == "vorige uitkomsten\n"
    assert sorted(p.name for p in (root / "metingen").iterdir()) == ["uitkomsten.csv"]


def test_an_interrupted_query_is_an_interruption_and_writes_nothing(
    make_measuring: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """DuckDB answers Ctrl+C (or SIGTERM) during a query with a RuntimeError; it was a traceback."""
    root = make_measuring(DEFINITIONS, {"ruw/beoordelingen.csv": ratings_file(), "ruw/queue_log": calls(4, 3)})

    def interrupted(*args: object) -> None:
        raise RuntimeError("Query interrupted")

    monkeypatch.setattr(run_module, "_count_calls", interrupted)
    with pytest.raises(KeyboardInterrupt):
        measure_project(root, computed_at=MOMENT)
    assert not (root / RESULTS_FILE).exists()


@pytest.mark.parametrize(("limit", "fails"), [("4", False), ("3", True), ("'3,2%'", False), ("'3,1%'", True)])
def test_the_error_limit_decides(make_measuring: Callable[..., Path], limit: str, fails: bool) -> None:
    """4 bad lines of 125 (3.2%) in the ratings: a limit of 4 lines or 3.2% lets the run through, with warnings."""
    definitions = f"foutgrens: {limit}\n" + DEFINITIONS
    root = make_measuring(definitions, {"ruw/beoordelingen.csv": BAD_RATINGS, "ruw/queue_log": calls(4, 3)})
    if fails:
        with pytest.raises(InvalidProject):
            measure_project(root, computed_at=MOMENT)
        return
    result = measure_project(root, computed_at=MOMENT)
    assert all(p.severity is Severity.WARNING for p in result.problems) and len(result.problems) == 5
    row = next(r for r in results(root) if r["periode"] == "2019" and r["indicator"] == "kcc-tevredenheid")
    assert (row["n"], row["positief"], row["overgeslagen"]) == ("121", "101", "4")


def test_many_bad_lines_are_counted_after_the_first_ten(make_measuring: Callable[..., Path]) -> None:
    bad = "".join(f"{T2019 + i}|x{i}|kcc|NONE|HANGUP|1\n" for i in range(25))
    root = make_measuring(DEFINITIONS, {"ruw/beoordelingen.csv": "kanaal,tijdstip,score\n", "ruw/queue_log": bad})
    with pytest.raises(InvalidProject) as caught:
        measure_project(root, computed_at=MOMENT)
    texts = [str(p) for p in caught.value.problems]
    assert (
        sum(p.location.line is not None and "onbekende gebeurtenis" in p.message for p in caught.value.problems) == 10
    )
    assert "ruw/queue_log: nog 15 regels met hetzelfde probleem: onbekende gebeurtenis." in texts


def test_a_line_that_is_not_utf8_is_a_bad_line_and_later_lines_keep_their_numbers(
    make_measuring: Callable[..., Path],
) -> None:
    """One Windows-1252 byte (é) stopped the whole run with DuckDB's "CSV Error on Line", naming metingen.yaml
    and ignoring the error limit. It is a bad line of its own file now, and the lines after it keep their
    numbers: the reader leaves such a line out, and the numbering counts it."""
    queue_log = calls(6, 6).encode().splitlines(keepends=True)
    queue_log[2] = queue_log[2].rstrip(b"\n") + b"|caf\xe9\n"
    queue_log.insert(4, f"{T2019}|c2|kcc|NONE|HANGUP|1\n".encode())
    rating_rows = ratings_file().encode().splitlines(keepends=True)
    rating_rows[3] = rating_rows[3].replace(b",5", b",5\xe9")
    rating_rows[5] = rating_rows[5].replace(b",5", b",zes")
    rating_rows.append("café,2019-03-01 10:00:00,5\n".encode())  # UTF-8 too: not a file in Windows-1252
    root = make_measuring(
        "foutgrens: 2\n" + DEFINITIONS,
        {"ruw/beoordelingen.csv": b"".join(rating_rows), "ruw/queue_log": b"".join(queue_log)},
    )
    result = measure_project(root, computed_at=MOMENT)
    assert [str(p) for p in result.problems if p.location.line and p.location.file.startswith("ruw/")] == [
        "ruw/beoordelingen.csv, regel 4: de regel is geen UTF-8: er staat een teken in uit een andere tekenset "
        "(zoals Windows-1252). Gevonden: 'telefoon,2019-02-01 08:02:00,5�'. Verwacht: tekst in UTF-8 (sla het "
        "bestand op als UTF-8; een teken dat niet kan, staat hier als �).",
        "ruw/beoordelingen.csv, regel 6: de score is geen geldige score (toetsen, voor 'kcc-tevredenheid'). "
        "Gevonden: 'zes'. Verwacht: een heel getal van 1 tot en met 5, of een van de woorden 'zeer tevreden', "
        "'tevreden', 'neutraal', 'ontevreden' en 'zeer ontevreden'.",
        f"ruw/queue_log, regel 3: de regel is geen UTF-8: er staat een teken in uit een andere tekenset "
        f"(zoals Windows-1252). Gevonden: '{T2019 + 600}|c1|kcc|NONE|ENTERQUEUE||06|1|caf�'. Verwacht: tekst in "
        "UTF-8 (sla het bestand op als UTF-8; een teken dat niet kan, staat hier als �).",
        "ruw/queue_log, regel 5: onbekende gebeurtenis 'HANGUP'. "
        "Verwacht: een gebeurtenis van Asterisk, zoals ENTERQUEUE, CONNECT of ABANDON.",
    ]
    rows = {r["indicator"]: r for r in results(root) if r["periode"] == "2019"}
    assert (rows["kcc-tevredenheid"]["n"], rows["kcc-tevredenheid"]["overgeslagen"]) == ("118", "2")
    assert (rows["kcc-bereikbaarheid"]["n"], rows["kcc-bereikbaarheid"]["overgeslagen"]) == ("5", "2")
    with pytest.raises(InvalidProject) as caught:
        measure_project(
            make_measuring(DEFINITIONS, {"ruw/beoordelingen.csv": b"".join(rating_rows), "ruw/queue_log": calls(4, 3)})
        )
    assert "metingen.yaml, regel 6: de meting van 'kcc-tevredenheid' laat 2 van de 121 regels weg" in [
        str(p)[:85] for p in caught.value.problems
    ]


def test_a_channel_whose_lines_are_in_another_character_set_is_not_said_to_be_missing(
    make_measuring: Callable[..., Path],
) -> None:
    """The lines of 'telefoon' all had 'Café' in Windows-1252: beside them, 'het kanaal telefoon komt in de bestanden
    niet voor' (an error since counting nothing is one, which then hid the lines' own report)."""
    rows = "kanaal,tijdstip,score,locatie\n"
    rows += "".join(f"telefoon,2019-02-01 08:{minute:02d}:00,5,Café\n" for minute in range(30))
    rows += "".join(f"balie,2019-02-01 09:{minute:02d}:00,5,hal\n" for minute in range(30))
    rows = rows.encode("cp1252") + "balie,2019-02-01 10:00:00,5,hallé\n".encode()  # UTF-8 too
    files = {"ruw/beoordelingen.csv": rows, "ruw/queue_log": calls(4, 3)}
    with pytest.raises(InvalidProject) as caught:
        measure_project(make_measuring(DEFINITIONS, files), computed_at=MOMENT)
    messages = [p.message for p in caught.value.problems]
    assert not [m for m in messages if "telt niets" in m], messages
    assert messages[0].startswith("de regel is geen UTF-8")
    assert messages[-1].startswith("de meting van 'kcc-tevredenheid' laat 30 van de 61 regels weg")


def test_a_file_in_another_character_set_is_one_error_not_a_line_each(
    make_measuring: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Excel's plain "CSV" is Windows-1252: every rating at 'Café' was a bad line, named one by one, and DuckDB
    took 10 s and 2.4 GB for 2 million of them. (A file in Windows-1252 as a whole is read as such; this one has
    UTF-8 in it too.)"""
    monkeypatch.setattr(run_module.inputs, "UNREADABLE_LIMIT", 5)
    rows = "kanaal,tijdstip,score,locatie\n" + "".join(
        f"telefoon,2019-02-01 08:{minute:02d}:00,5,Café\n" for minute in range(30)
    )
    root = make_measuring(
        "foutgrens: 10%\n" + DEFINITIONS,
        {
            "ruw/beoordelingen.csv": rows.encode("cp1252") + "balie,2019-02-01 10:00:00,5,hallé\n".encode(),
            "ruw/queue_log": calls(4, 3),
        },
    )
    with pytest.raises(InvalidProject) as caught:
        measure_project(root, computed_at=MOMENT)
    assert [str(p) for p in caught.value.problems] == [
        "ruw/beoordelingen.csv, regel 2: het bestand is geen UTF-8: meer dan 5 regels hebben een teken uit een "
        "andere tekenset (zoals Windows-1252), de eerste op regel 2. Hint: sla het bestand op als UTF-8 (in Excel: "
        "'CSV UTF-8 (door komma's gescheiden)')."
    ]
    assert not (root / RESULTS_FILE).exists()


def test_a_csv_from_dutch_excel_in_windows_1252_is_read_as_such(make_measuring: Callable[..., Path]) -> None:
    """Dutch Excel's plain 'CSV (gescheiden door lijstscheidingsteken)' is Windows-1252: each line with 'Café' in its
    comment, a column not read, was a bad line, and a file of many a single error. A file with no UTF-8 beyond ASCII
    in it is read as Windows-1252, told once; its lines keep their numbers."""
    header = "kanaal;tijdstip;score;locatie;opmerking\r\n"
    rows = [f"telefoon;2019-02-01 08:{minute:02d}:00;5;hal;\r\n" for minute in range(40)]
    rows[30] = "telefoon;2019-02-01 09:00:00;5;hal;Café – “snel” geholpen, 5 €\r\n"
    rows[35] = "telefoon;2019-02-01 09:01:00;zes;hal;\r\n"
    root = make_measuring(
        "foutgrens: 1\n" + DEFINITIONS,
        {"ruw/beoordelingen.csv": (header + "".join(rows)).encode("cp1252"), "ruw/queue_log": calls(4, 3)},
    )
    result = measure_project(root, computed_at=MOMENT)
    assert [str(p) for p in result.problems][:2] == [
        "ruw/beoordelingen.csv: het bestand is geen UTF-8 maar Windows-1252 (in Excel: 'CSV (gescheiden door "
        "lijstscheidingsteken)'); verantwoord leest het als Windows-1252. Hint: sla het in Excel op als 'CSV UTF-8 "
        "(door komma's gescheiden)': dan staat vast welke tekens erin staan.",
        "ruw/beoordelingen.csv, regel 37: de score is geen geldige score (toetsen, voor 'kcc-tevredenheid'). "
        "Gevonden: 'zes'. Verwacht: een heel getal van 1 tot en met 5, of een van de woorden 'zeer tevreden', "
        "'tevreden', 'neutraal', 'ontevreden' en 'zeer ontevreden'.",
    ]
    assert len(result.problems) == 3  # and the one line left out, within the limit
    row = next(r for r in results(root) if r["indicator"] == "kcc-tevredenheid" and r["periode"] == "2019")
    assert (row["n"], row["positief"], row["overgeslagen"]) == ("39", "39", "1")
    # The hash is of the file itself, not of what was read.
    digest = hashlib.sha256((root / "ruw/beoordelingen.csv").read_bytes()).hexdigest()
    assert row["bestanden"] == f"ruw/beoordelingen.csv sha256:{digest}"

    # A header with 'é' is read too; a file with UTF-8 in it as well is read line by line as before.
    root = make_measuring(
        DEFINITIONS,
        {
            "ruw/beoordelingen.csv": ("kanaal;tijdstip;score;locatie;opmerking café\n" + "".join(rows[:30])).encode(
                "cp1252"
            ),
            "ruw/queue_log": calls(4, 3),
        },
    )
    assert [p.message[:40] for p in measure_project(root, computed_at=MOMENT).problems] == [
        "het bestand is geen UTF-8 maar Windows-1"
    ]
    utf8 = (header + "".join(rows[:30]) + "telefoon;2019-02-01 09:00:00;5;hal;Café\n").encode("utf-8")
    mixed = utf8 + "telefoon;2019-02-01 09:01:00;5;hal;Café\n".encode("cp1252")
    root = make_measuring(DEFINITIONS, {"ruw/beoordelingen.csv": mixed, "ruw/queue_log": calls(4, 3)})
    assert next(str(p) for p in refused(root)).startswith("ruw/beoordelingen.csv, regel 33: de regel is geen UTF-8")


def test_a_measured_realisation_the_export_has_too_is_said_when_measuring(make_measuring: Callable[..., Path]) -> None:
    """A realisation for 2019 left in the sheet Waarden: measure said "Gemeten", and only build stopped on it."""
    entered = [*TARGETS, {"indicator": "kcc-tevredenheid", "periode": "2019", "soort": "realisatie", "waarde": "80"}]
    root = make_measuring(
        DEFINITIONS, {"ruw/beoordelingen.csv": ratings_file(), "ruw/queue_log": calls(4, 3)}, values=entered
    )
    result = measure_project(root, computed_at=MOMENT)
    assert [str(p) for p in result.problems] == [
        f"indicatoren.xlsx, blad Waarden, cel D{len(entered) + 1}: de realisatie voor 'kcc-tevredenheid' in 2019 is nu "
        "gemeten, maar staat ook in de export: 'verantwoord build' stopt daarop. Hint: verwijder de waarde uit de "
        "export, of haal de indicator uit metingen.yaml en meet opnieuw."
    ]
    assert (root / RESULTS_FILE).is_file()
    done = CliRunner().invoke(main, ["measure", str(root)])
    assert done.exit_code == 0 and "cijfers in" in done.output and done.output.rstrip().endswith(", 1 waarschuwing")


def test_the_command_reports_and_exits(make_measuring: Callable[..., Path]) -> None:
    rating_file = "kanaal,tijdstip,score\n" + ratings(2019, 100, 20)
    root = make_measuring(DEFINITIONS, {"ruw/beoordelingen.csv": rating_file, "ruw/queue_log": calls(4, 3)})
    runner = CliRunner()
    done = runner.invoke(main, ["measure", str(root), "--geheugen", "500MB"])
    assert done.exit_code == 0, done.output
    assert "Gemeten: 2 indicatoren, 2 cijfers in" in done.output
    (root / "ruw/queue_log").write_text(BAD_QUEUE_LOG, encoding="utf-8")
    failed = runner.invoke(main, ["measure", str(root)])
    assert failed.exit_code == 1
    assert "fout: ruw/queue_log, regel 11: onbekende gebeurtenis 'HANGUP'." in failed.output
    assert "Er is niets geschreven." in failed.output


def test_the_command_reports_as_json_for_a_pipeline(make_measuring: Callable[..., Path]) -> None:
    """check and build had --json, measure not: a provider's pipeline could not read which lines of the raw data were
    wrong, nor where the figures went, but from the log's text."""
    entered = [*TARGETS, {"indicator": "kcc-tevredenheid", "periode": "2019", "soort": "realisatie", "waarde": "80"}]
    root = make_measuring(
        DEFINITIONS, {"ruw/beoordelingen.csv": ratings_file(), "ruw/queue_log": calls(4, 3)}, values=entered
    )
    runner = CliRunner()
    done = runner.invoke(main, ["measure", "--json", str(root)])
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)  # stdout is the JSON's alone; the log has its lines on stderr
    assert (data["opdracht"], data["project"], data["gelukt"], data["exitcode"]) == ("measure", str(root), True, 0)
    assert (data["uitvoer"], data["aantal_paginas"], data["pdf"]) == (str(root / RESULTS_FILE), None, [])
    assert data["uitkomst"].startswith("Gemeten: 2 indicatoren, ") and data["uitkomst"].endswith(", 1 waarschuwing")
    assert (data["aantal_fouten"], data["aantal_waarschuwingen"]) == (0, 1)
    assert data["meldingen"][0]["plaats"]["cel"] == f"D{len(entered) + 1}"
    assert data["uitkomst"] in " ".join(done.stderr.split())

    (root / "ruw/queue_log").write_text(BAD_QUEUE_LOG, encoding="utf-8")
    failed = runner.invoke(main, ["measure", "--json", str(root)])
    assert failed.exit_code == 1, failed.output
    data = json.loads(failed.stdout)
    assert (data["gelukt"], data["exitcode"], data["uitvoer"]) == (False, 1, None)
    assert data["uitkomst"].startswith("De invoer is niet in orde: ") and "Er is niets geschreven." in data["uitkomst"]
    hangup = next(problem for problem in data["meldingen"] if "HANGUP" in problem["melding"])
    assert (hangup["plaats"]["bestand"], hangup["plaats"]["regel"]) == ("ruw/queue_log", 11)
    assert data["aantal_fouten"] == sum(problem["ernst"] == "fout" for problem in data["meldingen"]) > 0


def test_measured_figures_are_exact_decimals(make_measuring: Callable[..., Path]) -> None:
    definitions = DEFINITIONS.replace("    schaal: toetsen\n", "    schaal: toetsen\n    decimalen: 2\n")
    rating_file = "kanaal,tijdstip,score\n" + ratings(2019, 100, 200)
    root = make_measuring(definitions, {"ruw/beoordelingen.csv": rating_file, "ruw/queue_log": calls(4, 3)})
    outcome = measure_project(root, computed_at=MOMENT).outcomes[0]
    assert outcome.figure.value == Decimal("33.33")  # type: ignore[union-attr]
    assert outcome.interval == (Decimal("28.23"), Decimal("38.85"))  # 28.239…–38.849…, rounded outwards


RATINGS_AND_CALLS = """\
schalen:
  toetsen: {soort: smileys, zeer-tevreden: 5}
indicatoren:
  kcc-tevredenheid: {soort: tevredenheid, bestanden: ruw/r*.csv, kanaal: telefoon, schaal: toetsen, foutgrens: 1000}
  kcc-bereikbaarheid: {soort: bereikbaarheid, bestanden: ruw/queue_log, binnen: 25, foutgrens: 1000}
"""
RATING_LINES = st.sampled_from(
    [
        "telefoon,2019-03-01 10:00:00,4",
        "telefoon,2019-03-01 10:00:00,5",
        "telefoon,2019-03-01 10:00:00,9",
        "telefoon,2019-03-01 10:00:00,goed",
        "telefoon,gisteren,4",
        "web,2019-03-01 10:00:00,ja",
        "web,2019-03-01 10:00:00,misschien",
        "web,2019-03-02 10:00:00,nee",
        "kapot",
        "",
    ]
)
CALL_LINES = st.sampled_from(
    [
        f"{T2019}|c1|kcc|NONE|ENTERQUEUE||06|1",
        f"{T2019 + 10}|c1|kcc|PJSIP/1|CONNECT|10|x|1",
        f"{T2019 + 20}|c2|kcc|NONE|ENTERQUEUE||06|1",
        f"{T2019 + 30}|c2|kcc|NONE|ABANDON|1|1|10",
        "kapot|regel",
        f"{T2019}|c3|kcc|NONE|ONBEKEND|",
        "nu|c4|kcc|NONE|INFO",
        f"{T2019}|c5|kcc|PJSIP/1|CONNECT|tien|x|1",
    ]
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    ratings=st.lists(RATING_LINES, max_size=40),
    more=st.lists(RATING_LINES, max_size=10),
    calls=st.lists(CALL_LINES, max_size=40),
)
def test_problem_lines_are_named_from_the_kept_rows_as_from_all_lines(
    make_measuring: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    ratings: list[str],
    more: list[str],
    calls: list[str],
) -> None:
    """Naming reads only the rows `_keep_problem_rows` keeps: the report must be the one all lines give. A second
    ratings file repeats some ratings of the first (equal rows in one file are as many ratings)."""
    files = {
        "ruw/r.csv": "kanaal,tijdstip,score\n" + "\n".join(ratings) + "\n",
        "ruw/r2.csv": "kanaal,tijdstip,score\n" + "\n".join(more) + "\n",
        "ruw/queue_log": "\n".join(calls),
    }
    root = make_measuring(RATINGS_AND_CALLS, files)
    _assert_the_kept_rows_suffice(root, monkeypatch)


QUESTION_AND_CALLS_CSV = """\
schalen:
  cijfer: {soort: cijfer}
indicatoren:
  kcc-tevredenheid:
    soort: tevredenheid
    bestanden: ruw/r.csv
    kanaal: telefoon
    vraag: v1
    locatie: hal
    schaal: cijfer
    foutgrens: 1000
  kcc-bereikbaarheid:
    {soort: bereikbaarheid, formaat: gesprekken, bestanden: ruw/g.csv, binnen: 25, foutgrens: 1000}
"""
QUESTION_LINES = st.sampled_from(
    [
        "telefoon,2019-03-01 10:00:00,8,v1,hal",
        "telefoon,2019-03-01 10:00:00,8,v1,",
        "telefoon,2019-03-01 10:00:00,8,v2,hal",
        "telefoon,2019-03-01 10:00:00,11,v1,hal",
        "telefoon,2019-03-01 10:00:00,11,,",
        "telefoon,2019-03-01 10:00:00,zes,v1,hal",
        "telefoon,morgen,7,v1,hal",
        "kapot",
    ]
)
CALLS_CSV_LINES = st.sampled_from(
    [
        "c1,kcc,2019-06-03 10:00:00,2019-06-03 10:00:10,",
        "c2,kcc,2019-06-03 10:01:00,,2019-06-03 10:01:30",
        "c3,,2019-06-03 10:02:00,2019-06-03 10:02:05,",
        "c4,kcc,2019-06-03 10:03:00,2019-06-03 10:02:00,",
        "c5,kcc,gisteren,,",
        ",kcc,2019-06-03 10:04:00,,",
        "kapot",
    ]
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ratings=st.lists(QUESTION_LINES, max_size=30), calls=st.lists(CALLS_CSV_LINES, max_size=30))
def test_kept_rows_suffice_for_questions_locations_and_the_calls_csv(
    make_measuring: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, ratings: list[str], calls: list[str]
) -> None:
    """As above, for a rating indicator chosen by question and location, and for the calls CSV (two rows a line)."""
    files = {
        "ruw/r.csv": "kanaal,tijdstip,score,vraag,locatie\n" + "\n".join(ratings) + "\n",
        "ruw/g.csv": "gesprek,wachtrij,binnenkomst,beantwoord,opgehangen\n" + "\n".join(calls) + "\n",
    }
    root = make_measuring(QUESTION_AND_CALLS_CSV, files)
    _assert_the_kept_rows_suffice(root, monkeypatch)


def _assert_the_kept_rows_suffice(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The report of `measure` on `root` is the same when naming reads all the numbered lines, not the kept rows."""

    def report() -> list[str]:
        try:
            return [str(problem) for problem in measure_project(root, computed_at=MOMENT).problems]
        except InvalidProject as error:
            return [str(problem) for problem in error.problems]

    kept = report()
    with monkeypatch.context() as patched:
        patched.setattr(run_module, "_keep_problem_rows", lambda connection, view, numbered, *rest: (numbered, []))
        assert report() == kept


@pytest.mark.parametrize("fmt", ["queue_log", "csv"])
def test_a_file_whose_name_holds_brackets_is_read_as_itself(make_measuring: Callable[..., Path], fmt: str) -> None:
    """A copy saved as 'queue_log[1]' (a browser's second download) beside 'queue_log1': DuckDB's reader takes '[1]'
    as a pattern, read 'queue_log1' in its place, and in one reader over all the files numbered the files it found,
    not the files measured."""
    if fmt == "queue_log":
        first = calls(4, 4, T2019 + 86_400).replace("|c", "|d")  # calls of their own, not the same calls rotated
        second = calls(6, 0, T2019 + 2 * 86_400).replace("|c", "|e")
        names = ("ruw/queue_log[1]", "ruw/queue_log1")
        definitions = DEFINITIONS.replace("bestanden: ruw/queue_log\n", "bestanden: [ruw/queue_log*]\n")
        indicator, expected = "kcc-bereikbaarheid", ("14", "7")  # with ruw/queue_log
    else:
        header = "kanaal,tijdstip,score\n"
        names = ("ruw/x[1].csv", "ruw/x1.csv")
        first, second = header + ratings(2019, 100, 0), header + ratings(2018, 0, 9)
        definitions = DEFINITIONS.replace("bestanden: ruw/beoordelingen.csv\n", "bestanden: [ruw/x*.csv]\n")
        indicator, expected = "kcc-tevredenheid", ("100", "100")
    files = {"ruw/beoordelingen.csv": ratings_file(), "ruw/queue_log": calls(4, 3), names[0]: first, names[1]: second}
    root = make_measuring(definitions, files)
    measure_project(root, computed_at=MOMENT)
    rows = {(r["indicator"], r["periode"]): r for r in results(root)}
    assert (rows[(indicator, "2019")]["n"], rows[(indicator, "2019")]["positief"]) == expected
