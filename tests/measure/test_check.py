"""`verantwoord check` validates metingen.yaml too: the messages `measure` gives, all at once, with file and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.measure.test_run import DEFINITIONS, calls
from verantwoord import build_project
from verantwoord.cli import main
from verantwoord.errors import InvalidProject
from verantwoord.measure.results import RESULTS_FILE
from verantwoord.measure.run import measure_project

BAD = """\
schalen:
  toetsen:
    soort: smileys
indicatoren:
  kcc-tevredenheid:
    soort: tevredenheid
    bestanden: ruw/beoordelingen.csv
    kanaal: telefoon
    schaal: toetsen
    positief-vanaf: hoog
  kcc-bereikbaarheid:
    soort: bereikbaarheid
    bestanden: ruw/queue_log
    binen: 25
  onbekend-id:
    soort: tevredenheid
"""
RATINGS = "kanaal,tijdstip,score\ntelefoon,2019-02-01 09:00:00,5\n"


def check(root: Path) -> tuple[int, str]:
    """The exit code and the output, with rich's line wrapping undone."""
    result = CliRunner().invoke(main, ["check", str(root)])
    return result.exit_code, " ".join(result.output.split())


def test_check_reports_every_problem_of_metingen_yaml_with_its_line(make_measuring: Callable[..., Path]) -> None:
    root = make_measuring(BAD, {"ruw/beoordelingen.csv": RATINGS, "ruw/queue_log": calls(4, 3)})
    code, output = check(root)
    assert code == 1
    expected = [
        "metingen.yaml, regel 3: 'schalen.toetsen.zeer-tevreden' ontbreekt.",
        "metingen.yaml, regel 10: 'indicatoren.kcc-tevredenheid.positief-vanaf' is geen geldig getal.",
        "metingen.yaml, regel 14: onbekende sleutel 'indicatoren.kcc-bereikbaarheid.binen'.",
        "metingen.yaml, regel 15: onbekende indicator 'onbekend-id'.",
    ]
    for message in expected:
        assert message in output, output
    assert "indicatoren.xlsx" in output  # the export's problems in the same run


@pytest.mark.parametrize(
    ("export", "place"),
    [("xlsx", "het blad Indicatoren"), ("csv", "indicatoren.csv"), ("yaml", "de lijst 'indicatoren'")],
)
def test_an_unknown_indicator_is_looked_up_where_the_export_keeps_the_ids(
    make_measuring: Callable[..., Path], export: str, place: str
) -> None:
    """'een id uit het blad Indicatoren', 'voeg de indicator toe aan het blad Indicatoren' (and, in the results, 'aan
    de werkmap') also for an export that is a folder of CSV files or a YAML file, which have no sheets."""
    definitions = DEFINITIONS.replace("kcc-bereikbaarheid:", "wachttijd-balie:")
    root = make_measuring(definitions, {"ruw/beoordelingen.csv": RATINGS, "ruw/queue_log": calls(4, 3)}, export=export)
    unknown = (
        f"metingen.yaml, regel 11: onbekende indicator 'wachttijd-balie'. Gevonden: 'wachttijd-balie'. Verwacht: een "
        f"id uit {place}. Hint: voeg de indicator toe aan {place}."
    )
    with pytest.raises(InvalidProject) as caught:
        measure_project(root)
    assert [str(p) for p in caught.value.problems] == [unknown]
    (root / "metingen.yaml").write_text(DEFINITIONS, encoding="utf-8")
    measure_project(root)
    results = root / RESULTS_FILE
    results.write_text(results.read_text(encoding="utf-8").replace("kcc-bereikbaarheid", "kcc-bereik"), "utf-8")
    (root / "metingen.yaml").write_text(definitions, encoding="utf-8")
    code, output = check(root)
    assert code == 1
    assert unknown in output, output
    assert (
        f"{RESULTS_FILE}, regel 4: onbekende indicator 'kcc-bereik'. Gevonden: 'kcc-bereik'. Verwacht: een id uit "
        f"{place}. Hint: verwijder de indicator uit metingen.yaml en meet opnieuw, of voeg hem toe aan {place}."
    ) in output, output


def test_check_finds_nothing_wrong_in_valid_definitions_once_measured(make_measuring: Callable[..., Path]) -> None:
    """Before the first measurement the tables would show 'geen cijfer' without a reason, beside the export's
    targets, and check said "In orde"."""
    root = make_measuring(DEFINITIONS, {"ruw/beoordelingen.csv": RATINGS, "ruw/queue_log": calls(4, 3)})
    code, output = check(root)
    assert code == 0, output
    assert (
        "waarschuwing: metingen.yaml: de indicatoren in metingen.yaml zijn nog niet gemeten: er is geen "
        "metingen/uitkomsten.csv. Hint: meet met 'verantwoord measure'; tot dan staat er 'geen cijfer' zonder reden in "
        "hun tabellen."
    ) in output
    measure_project(root)
    code, output = check(root)
    assert code == 0, output
    assert "metingen.yaml" not in output and "In orde" in output
    results = root / RESULTS_FILE
    results.write_text(results.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    code, output = check(root)
    assert "er is geen metingen/uitkomsten.csv" not in output  # there is one, without figures
    assert "'kcc-tevredenheid' is nog niet gemeten: metingen/uitkomsten.csv heeft er geen cijfers van" in output
    # One that cannot be read has an error of its own, not a warning per indicator that it was not measured.
    results.write_text("indicator;periode;soort\n", encoding="utf-8")
    code, output = check(root)
    assert code == 1 and "metingen/uitkomsten.csv, regel 1: de kopregel" in output
    assert "nog niet gemeten" not in output


def test_missing_raw_files_are_a_warning_for_check_and_an_error_for_measure(
    make_measuring: Callable[..., Path],
) -> None:
    """The site is built from metingen/uitkomsten.csv; the raw data is often only where `measure` runs."""
    root = make_measuring(DEFINITIONS, {"ruw/beoordelingen.csv": RATINGS})
    code, output = check(root)
    assert code == 0, output
    warning = (
        "waarschuwing: metingen.yaml, regel 13: 'indicatoren.kcc-bereikbaarheid.bestanden' vindt geen bestand bij "
        "'ruw/queue_log'. Hint:"
    )
    assert warning in " ".join(output.split())  # not "Gevonden: 'ruw/queue_log'": nothing was found there
    measured = CliRunner().invoke(main, ["measure", str(root)])
    assert measured.exit_code == 1
    message = "'indicatoren.kcc-bereikbaarheid.bestanden' vindt geen bestand bij 'ruw/queue_log'."
    assert message in " ".join(measured.output.split())


def test_check_warns_when_metingen_yaml_changed_since_the_measurement(make_measuring: Callable[..., Path]) -> None:
    """`binnen: 25` became 15 and `measure` was not run again: the site showed the old figures and the old method,
    and check said "In orde"."""
    root = make_measuring(DEFINITIONS, {"ruw/beoordelingen.csv": RATINGS, "ruw/queue_log": calls(4, 3)})
    measure_project(root)
    code, output = check(root)
    assert code == 0 and "metingen.yaml" not in output, output
    definitions = root / "metingen.yaml"
    changed = definitions.read_text(encoding="utf-8").replace("binnen: 25", "binnen: 15")
    definitions.write_text(changed, encoding="utf-8")
    code, output = check(root)
    assert "de definitie van 'kcc-bereikbaarheid' is veranderd sinds de meting" in output, output
    assert "binnen 25 seconden" in output and "binnen 15 seconden" in output


def test_build_warns_as_check_does_of_a_definition_changed_or_a_language_changed_since_the_measurement(
    make_measuring: Callable[..., Path],
) -> None:
    """`build` did not read metingen.yaml: the old figures and method were published without a word, and with
    `taal: en` the method under each table stayed Dutch (which check called a changed definition)."""
    root = make_measuring(DEFINITIONS, {"ruw/beoordelingen.csv": RATINGS, "ruw/queue_log": calls(4, 3)})
    measure_project(root)
    (root / "ruw" / "beoordelingen.csv").unlink()  # a build needs no raw data, nor says it is missing
    definitions = root / "metingen.yaml"
    definitions.write_text(definitions.read_text(encoding="utf-8").replace("binnen: 25", "binnen: 15"), "utf-8")
    problems = [str(p) for p in build_project(root).project.problems]
    assert [p for p in problems if "metingen" in p] == [
        next(p for p in problems if "de definitie van 'kcc-bereikbaarheid' is veranderd sinds de meting" in p)
    ]
    definitions.write_text(definitions.read_text(encoding="utf-8").replace("binnen: 15", "binnen: 25"), "utf-8")
    config = root / "verantwoord.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "taal: en\n", encoding="utf-8")
    problems = [str(p) for p in build_project(root).project.problems]
    assert any(
        "'kcc-bereikbaarheid' is gemeten voor een website in het Nederlands: metingen/uitkomsten.csv noemt de methode "
        "in die taal, en de website is in het Engels." in p
        for p in problems
    ), problems
    assert not any("veranderd" in p for p in problems), problems


def test_a_measured_figure_the_table_does_not_show_as_measured_is_told_what_to_change_in_metingen_yaml(
    make_measuring: Callable[..., Path],
) -> None:
    """Measured per quarter, or with more decimals than the workbook's, the warnings named metingen/uitkomsten.csv and
    said to remove the value from it, a file the manual says never to edit by hand."""
    definitions = DEFINITIONS.replace("    schaal: toetsen\n", "    schaal: toetsen\n    periode: kwartaal\n")
    definitions = definitions.replace("    minimum: 3\n", "    minimum: 3\n    decimalen: 2\n")
    root = make_measuring(definitions, {"ruw/beoordelingen.csv": RATINGS, "ruw/queue_log": calls(3, 2)})
    measure_project(root)
    hints = {str(p).split(" Hint: ")[-1] for p in build_project(root).project.problems if RESULTS_FILE in str(p)}
    assert hints == {
        "een kolom per periode is er alleen voor jaren; 'laatste meting' in 'tabel.kolommen' toont het laatste cijfer "
        "met zijn periode. Of meet alleen wat de tabel toont ('jaren' en 'periode' in metingen.yaml).",
        "de meting rondt af op 'decimalen' uit metingen.yaml, of anders op die van de werkmap toen er gemeten werd: "
        "zet ze gelijk aan de werkmap, en meet opnieuw.",
    }


def test_a_method_measured_in_an_earlier_wording_is_no_changed_definition(make_measuring: Callable[..., Path]) -> None:
    """The sentence for short hang-ups became clearer ("na binnenkomst"): results measured before said the same
    definition in the old words, and check called the definition changed, which stopped `build --strict`."""
    short = DEFINITIONS.replace("    binnen: 25\n", "    binnen: 25\n    korte-ophangers: 5\n")
    root = make_measuring(short, {"ruw/beoordelingen.csv": RATINGS, "ruw/queue_log": calls(4, 3)})
    measure_project(root)
    results = root / RESULTS_FILE
    measured = results.read_text(encoding="utf-8")
    earlier = measured.replace("na binnenkomst ophangt, telt niet mee", "ophangt telt niet mee")
    assert earlier != measured
    results.write_text(earlier, encoding="utf-8")
    code, output = check(root)
    assert code == 0 and "veranderd" not in output, output
    results.write_text(earlier.replace("binnen 5 seconden ophangt", "binnen 9 seconden ophangt"), encoding="utf-8")
    code, output = check(root)
    assert "de definitie van 'kcc-bereikbaarheid' is veranderd sinds de meting" in output, output


def test_a_list_of_calls_measured_with_a_rule_for_a_key_press_is_no_changed_definition(
    make_measuring: Callable[..., Path],
) -> None:
    """The method of a list of calls named a rule for a key press, which it does not have: results measured so
    say the same definition, which check must not call changed."""
    definitions = DEFINITIONS.replace(
        "bestanden: ruw/queue_log", "bestanden: ruw/gesprekken.csv\n    formaat: gesprekken"
    )
    calls_csv = "gesprek,wachtrij,binnenkomst,beantwoord\n" + "".join(
        f"g{n},kcc,2019-06-03 10:0{n}:00,2019-06-03 10:0{n}:10\n" for n in range(4)
    )
    root = make_measuring(definitions, {"ruw/beoordelingen.csv": RATINGS, "ruw/gesprekken.csv": calls_csv})
    measure_project(root)
    results = root / RESULTS_FILE
    measured = results.read_text(encoding="utf-8")
    assert "toets" not in measured
    rule = "een toets (voicemail, terugbellen) telt als niet beantwoord; "
    earlier = measured.replace("een gesprek dat opnieuw", rule + "een gesprek dat opnieuw")
    assert earlier != measured
    results.write_text(earlier, encoding="utf-8")
    code, output = check(root)
    assert code == 0 and "veranderd" not in output, output


def test_an_indicator_not_measured_in_any_year_is_measured_all_the_same(make_measuring: Callable[..., Path]) -> None:
    """Every year declared not measured: no row has a method, and check said it was "nog niet gemeten"."""
    paused = DEFINITIONS.replace(
        "    schaal: toetsen\n",
        "    schaal: toetsen\n    niet-gemeten:\n      - van: 2010-01-01\n        reden: de zuil staat uit\n",
    )
    root = make_measuring(paused, {"ruw/beoordelingen.csv": RATINGS, "ruw/queue_log": calls(4, 3)})
    measure_project(root)
    code, output = check(root)
    assert code == 0, output
    assert "nog niet gemeten" not in output and "veranderd" not in output, output


def test_check_and_build_warn_when_the_periods_not_measured_changed_since_the_measurement(
    make_measuring: Callable[..., Path],
) -> None:
    """A pause added, moved or reworded in metingen.yaml after measuring left the method as it was: the site showed
    the old figure of a year now declared not measured, or the old reason, and check and build said nothing."""
    root = make_measuring(DEFINITIONS, {"ruw/beoordelingen.csv": RATINGS, "ruw/queue_log": calls(4, 3)})
    measure_project(root)
    definitions = root / "metingen.yaml"
    measured = definitions.read_text(encoding="utf-8")
    paused = "    minimum: 3\n    niet-gemeten:\n      - van: 2019-03-16\n        reden: de centrale was vervangen\n"
    definitions.write_text(measured.replace("    minimum: 3\n", paused), encoding="utf-8")
    code, output = check(root)
    assert code == 0, output
    assert (
        "waarschuwing: metingen.yaml, regel 11: de perioden zonder meting van 'kcc-bereikbaarheid' zijn veranderd "
        "sinds de meting: metingen/uitkomsten.csv heeft voor 2019 een meting, metingen.yaml nu 'geen cijfer: de "
        "centrale was vervangen'"
    ) in output, output
    assert any("zonder meting van 'kcc-bereikbaarheid'" in str(p) for p in build_project(root).project.problems)
    measure_project(root)
    code, output = check(root)
    assert "zonder meting" not in output, output
    definitions.write_text(measured.replace("    minimum: 3\n", paused.replace("vervangen", "kapot")), "utf-8")
    code, output = check(root)
    assert (
        "metingen/uitkomsten.csv heeft voor 2019 'geen cijfer: de centrale was vervangen', metingen.yaml nu 'geen "
        "cijfer: de centrale was kapot'"
    ) in output, output
    definitions.write_text(measured, encoding="utf-8")
    code, output = check(root)
    assert "metingen.yaml nu een meting" in output, output


def test_check_and_build_warn_when_a_raw_file_changed_since_the_measurement(
    make_measuring: Callable[..., Path],
) -> None:
    """A queue_log corrected after measuring: the site published the old figures with the SHA-256 of a file that is
    no longer there, and check and build said nothing. A raw file that is not there is not looked at."""
    import hashlib

    root = make_measuring(DEFINITIONS, {"ruw/beoordelingen.csv": RATINGS, "ruw/queue_log": calls(4, 3)})
    measure_project(root)
    queue_log = root / "ruw" / "queue_log"
    before = hashlib.sha256(queue_log.read_bytes()).hexdigest()
    assert f"ruw/queue_log sha256:{before}" in (root / RESULTS_FILE).read_text(encoding="utf-8")
    queue_log.write_text(calls(5, 3), encoding="utf-8")
    now = hashlib.sha256(queue_log.read_bytes()).hexdigest()
    code, output = check(root)
    assert code == 0, output
    assert (
        f"waarschuwing: ruw/queue_log: het bestand is veranderd sinds de meting van 'kcc-bereikbaarheid': "
        f"metingen/uitkomsten.csv noemt SHA-256 {before}, het bestand heeft nu {now}."
    ) in output, output
    assert "ruw/beoordelingen.csv" not in output
    assert any("ruw/queue_log: het bestand is veranderd" in str(p) for p in build_project(root).project.problems)
    queue_log.unlink()
    assert not any("veranderd" in str(p) for p in build_project(root).project.problems)


def test_check_warns_when_a_figure_was_measured_with_fewer_decimals_than_are_now_asked(
    make_measuring: Callable[..., Path],
) -> None:
    """`decimalen: 0` became 1 after measuring: 75 (of 75,0) was shown as '75,0' for a share that is not measured at
    that precision, and check said nothing; the method does not name the decimals."""
    definitions = DEFINITIONS.replace("    minimum: 3\n", "    minimum: 3\n    decimalen: 0\n")
    root = make_measuring(definitions, {"ruw/beoordelingen.csv": RATINGS, "ruw/queue_log": calls(4, 3)})
    measure_project(root)
    code, output = check(root)
    assert "decimalen" not in output, output
    yaml = root / "metingen.yaml"
    yaml.write_text(definitions.replace("decimalen: 0", "decimalen: 1"), encoding="utf-8")
    code, output = check(root)
    assert (
        code == 0
        and (
            "waarschuwing: metingen.yaml, regel 11: 'kcc-bereikbaarheid' is gemeten met 0 decimalen, en metingen.yaml "
            "vraagt er nu 1"
        )
        in output
    ), output
