"""metingen/uitkomsten.csv: written whole, read back exactly, merged with the export; a figure in both is an error."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import VALUES, new_project
from verantwoord.errors import InvalidProject, Problems
from verantwoord.measure.results import RESULTS_FILE, Outcome, read_results, write_results
from verantwoord.model import Measurement, NoFigure, Number, ValueKind, parse_period
from verantwoord.project import load_project

MOMENT = datetime(2021, 5, 25, 12, 0, tzinfo=UTC)
FILES = (("ruw/queue_log", "ab" * 32),)


def outcomes() -> list[Outcome]:
    return [
        Outcome(
            "kcc-bereikbaarheid",
            parse_period("2019"),
            Number(Decimal("83")),
            "aandeel gesprekken, binnen 25 s",
            FILES,
            MOMENT,
            n=145000,
            positive=120350,
            interval=(Decimal("82.8"), Decimal("83.2")),
        ),
        Outcome(
            "kcc-bereikbaarheid",
            parse_period("2020"),
            NoFigure("te weinig gesprekken: 12, minimaal 100"),
            "aandeel gesprekken, binnen 25 s",
            FILES,
            MOMENT,
            n=12,
            positive=10,
        ),
    ]


def test_written_and_read_back_exactly(tmp_path: Path) -> None:
    write_results(tmp_path, outcomes())
    problems = Problems()
    read = read_results(tmp_path, {"kcc-bereikbaarheid"}, problems, "het blad Indicatoren")
    assert problems == []
    assert [item.value for item in read] == [o.value() for o in outcomes()]
    first = read[0].value
    assert first.kind is ValueKind.REALISED and first.figure == Number(Decimal("83"))
    assert first.measurement == Measurement(
        "aandeel gesprekken, binnen 25 s", 145000, (Decimal("82.8"), Decimal("83.2")), FILES, MOMENT
    )
    assert str(read[1].location) == f"{RESULTS_FILE}, regel 3"


def test_a_measured_figure_that_is_also_in_the_export_is_an_error_naming_both(tmp_path: Path) -> None:
    project = new_project(tmp_path / "p", values=VALUES)
    write_results(project.root, outcomes())
    with pytest.raises(InvalidProject) as caught:
        load_project(project.root)
    assert [str(p) for p in caught.value.problems] == [
        f"{RESULTS_FILE}, regel 2: de realisatie voor 'kcc-bereikbaarheid' in 2019 is gemeten, maar staat ook in "
        "de export: indicatoren.xlsx, blad Waarden, cel D5. Hint: verwijder de waarde uit de export, of haal de "
        "indicator uit metingen.yaml en meet opnieuw.",
        f"{RESULTS_FILE}, regel 3: de realisatie voor 'kcc-bereikbaarheid' in 2020 is gemeten, maar staat ook in "
        "de export: indicatoren.xlsx, blad Waarden, cel D6. Hint: verwijder de waarde uit de export, of haal de "
        "indicator uit metingen.yaml en meet opnieuw.",
    ]


def test_hand_entered_and_measured_figures_live_side_by_side(tmp_path: Path) -> None:
    hand = [v for v in VALUES if v["indicator"] != "kcc-bereikbaarheid"]
    project = new_project(tmp_path / "p", values=hand)
    write_results(project.root, outcomes())
    document = load_project(project.root).document
    satisfaction, reachability = document.indicators()
    assert all(v.measurement is None for v in satisfaction.values)
    assert [(v.period.label, v.figure, v.measurement.n) for v in reachability.values] == [
        ("2019", Number(Decimal("83")), 145000),
        ("2020", NoFigure("te weinig gesprekken: 12, minimaal 100"), 12),
    ]
    assert document.export.files == ("indicatoren.xlsx", RESULTS_FILE)


def test_a_damaged_results_file_is_reported_by_line(tmp_path: Path) -> None:
    write_results(tmp_path, outcomes())
    path = tmp_path / RESULTS_FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",83,", ",drieëntachtig,").replace("kcc-bereikbaarheid", "kcc-bereik", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = Problems()
    assert [
        item.value.period.label
        for item in read_results(tmp_path, {"kcc-bereikbaarheid"}, problems, "het blad Indicatoren")
    ] == ["2020"]
    assert [str(p) for p in problems] == [
        f"{RESULTS_FILE}, regel 2: onbekende indicator 'kcc-bereik'. Gevonden: 'kcc-bereik'. Verwacht: een id uit "
        "het blad Indicatoren. Hint: verwijder de indicator uit metingen.yaml en meet opnieuw, of voeg hem toe aan het "
        "blad Indicatoren.",
        f"{RESULTS_FILE}, regel 2: 'waarde' is geen getal. Gevonden: 'drieëntachtig'. Verwacht: een getal zoals 78.4.",
    ]


def test_a_results_file_saved_by_excel_is_named_so(tmp_path: Path) -> None:
    """Opened in Dutch Excel and saved, the file has semicolons and decimal commas: the message only said the header
    was not measure's, and its hint to measure again is no help to whom has no raw data."""
    write_results(tmp_path, outcomes())
    path = tmp_path / RESULTS_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text("\ufeff" + text.replace(",", ";").replace("82.8", "82,8"), encoding="utf-8")
    problems = Problems()
    assert read_results(tmp_path, {"kcc-bereikbaarheid"}, problems, "het blad Indicatoren") == []
    (problem,) = problems
    assert problem.message == (
        "de kopregel is niet die van verantwoord measure: het bestand is opgeslagen met puntkomma's, zoals Excel een "
        "CSV opslaat."
    )
    assert problem.hint == (
        "maak het bestand opnieuw met 'verantwoord measure' (of zet het terug zoals measure het schreef): de cijfers "
        "erin komen uit de metingen, niet uit Excel."
    )


def test_no_results_file_means_no_measured_values(tmp_path: Path) -> None:
    assert read_results(tmp_path, None, Problems(), "") == []


def test_measured_periods_the_tables_do_not_show_are_checked_like_the_exports(tmp_path: Path) -> None:
    """A quarter, or a year after the document's, ended check and build in an AttributeError (no period_location)."""
    hand = [v for v in VALUES if v["indicator"] != "kcc-bereikbaarheid"]
    project = new_project(tmp_path / "p", values=hand)
    quarter, later = outcomes()[0], outcomes()[1]
    write_results(
        project.root,
        [
            Outcome(quarter.indicator, parse_period("Q3 2020"), quarter.figure, quarter.method, FILES, MOMENT, n=9),
            Outcome(later.indicator, parse_period("2021"), later.figure, later.method, FILES, MOMENT, n=12),
        ],
    )
    with pytest.raises(InvalidProject) as caught:
        load_project(project.root)
    problems = [str(p) for p in caught.value.problems]
    assert problems[0].startswith(f"{RESULTS_FILE}, regel 2: ") and "Q3 2020" in problems[0]
    assert problems[1].startswith(
        f"{RESULTS_FILE}, regel 3: een realisatie voor 2021 kan niet in het document over 2020 staan. Gevonden: '2021'."
    )
