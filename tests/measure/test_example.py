"""The measured example end to end: generate its raw data, measure, build; the published figures are the seed's.

examples/amersfoort-2020-metingen is examples/amersfoort-2020 with the realised figures taken out of the workbook
and measured instead from raw data that the generator makes from a seed. Measuring must give exactly the
committed metingen/uitkomsten.csv (so the generator and the measurement are reproducible), and the figures must
be those Amersfoort published, which examples/amersfoort-2020 holds as entered by hand.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.measure.conftest import EXAMPLE
from tests.pagetext import page_lines
from verantwoord import build_project, load_project
from verantwoord.measure.results import RESULTS_FILE
from verantwoord.measure.run import measure_project
from verantwoord.model import NoFigure, ValueKind

HAND_ENTERED = EXAMPLE.parent / "amersfoort-2020"
SECTION_PAGE = "4-bestuur-en-dienstverlening/4-1-bestuur-en-dienstverlening/index.html"
MEASURED_AT = datetime(2021, 5, 27, 10, 23, 59, tzinfo=UTC)


@pytest.fixture(scope="module")
def measured(generated_example: Path) -> Path:
    measure_project(generated_example, computed_at=MEASURED_AT)
    return generated_example


def test_measuring_gives_the_committed_results_to_the_byte(measured: Path) -> None:
    assert (measured / RESULTS_FILE).read_bytes() == (EXAMPLE / RESULTS_FILE).read_bytes()


def test_the_measured_figures_are_the_published_ones(measured: Path) -> None:
    published = {i.id: i for i in load_project(HAND_ENTERED).document.indicators()}
    ours = {i.id: i for i in load_project(measured).document.indicators()}
    assert ours.keys() == published.keys()
    compared = 0
    for indicator_id, indicator in published.items():
        for value in indicator.values:
            mine = ours[indicator_id].value(value.kind, value.period)
            assert mine is not None, (indicator_id, value.period.label)
            assert mine.figure == value.figure, (indicator_id, value.period.label)
            if value.kind is ValueKind.REALISED:
                compared += 1
                # Every realised figure comes from the measurement; a period declared not measured has no n.
                assert mine.measurement is not None, (indicator_id, value.period.label)
                assert (mine.measurement.n is not None) == (not isinstance(value.figure, NoFigure))
    assert compared == 25


def test_the_page_shows_figure_n_and_method_and_the_open_data_carries_them(
    measured: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1622111039")
    result = build_project(measured, tmp_path / "site")
    lines = page_lines((result.output / SECTION_PAGE).read_text(encoding="utf-8"))
    at = lines.index("% telefonische bereikbaarheid 14033 Klant Contact Centrum (KCC)")
    table = lines[at : at + 40]
    figures = table.index("Streefcijfers") + 7  # after the headers 2016 … 2020 and the target's 2020
    assert table[figures : figures + 5] == ["78", "79", "85", "83", "78"]
    assert any(
        line.startswith("Gemeten uit ruwe gegevens: aandeel gesprekken in de wachtrijen kcc-algemeen") for line in table
    )
    assert "2019: n = 144.986, 95%-betrouwbaarheidsinterval van 82,8 tot 83,2%" in table
    rows = list(csv.DictReader(io.StringIO((result.output / "open-data/indicatoren.csv").read_text("utf-8-sig"))))
    row = next(r for r in rows if r["indicator_id"] == "kcc-bereikbaarheid" and r["periode"] == "2019")
    assert (row["waarde"], row["n"], row["interval_laag"], row["interval_hoog"]) == ("83", "144986", "82.8", "83.2")
    assert row["methode"].startswith("aandeel gesprekken in de wachtrijen")
    # Its provenance is the measurement: when it was made, from which raw files (each with its hash).
    assert (row["export_bestand"], row["export_tijd"]) == (RESULTS_FILE, "2021-05-27T10:23:59Z")
    files = row["ruwe_bestanden"].split("; ")
    assert [f.split(" ")[0] for f in files] == [f"ruw/telefonie/queue_log.{year}" for year in range(2016, 2021)]
    assert all(re.fullmatch(r"\S+ sha256:[0-9a-f]{64}", f) for f in files)
    target = next(r for r in rows if r["indicator_id"] == "kcc-tevredenheid" and r["soort"] == "streefwaarde")
    assert (target["n"], target["methode"], target["ruwe_bestanden"]) == ("", "", "")
    assert (target["export_bestand"], target["export_tijd"]) == ("indicatoren.xlsx", "2021-05-25T11:50:49Z")
    data = json.loads((result.output / "open-data/indicatoren.json").read_text("utf-8"))
    measured_row = next(
        r for r in data["waarden"] if r["indicator_id"] == "balie-tevredenheid" and r["periode"] == "2016"
    )
    assert (measured_row["n"], measured_row["interval_laag"], measured_row["interval_hoog"]) == (2571, 90.8, 93.0)
    off = next(r for r in data["waarden"] if r["indicator_id"] == "balie-tevredenheid" and r["periode"] == "2020")
    assert off["geen_cijfer"] is True and off["n"] is None
    assert off["reden"] == "de beoordelingszuil in het stadhuis is sinds de coronacrisis uitgeschakeld"
    # The reason is metingen.yaml's, written by measure in its file: not in the export, which these named.
    results_hash = hashlib.sha256((measured / RESULTS_FILE).read_bytes()).hexdigest()
    for declared in (
        off,
        next(r for r in rows if r["indicator_id"] == "balie-tevredenheid" and r["periode"] == "2020"),
    ):
        assert (declared["export_bestand"], declared["export_tijd"], declared["export_sha256"]) == (
            RESULTS_FILE,
            "2021-05-27T10:23:59Z",
            results_hash,
        )
        assert declared["methode"].startswith("aandeel reacties met 2 of lager") and declared["n"] in (None, "")


def test_the_committed_example_builds_without_generating_anything(tmp_path: Path) -> None:
    """metingen/uitkomsten.csv is committed: the example builds from a fresh clone, raw data or not."""
    project = load_project(EXAMPLE)
    assert project.problems == []
    measured = [v for i in project.document.indicators() for v in i.values if v.measurement and v.measurement.n]
    assert len(measured) == 22


def test_n_and_interval_are_given_for_the_years_the_table_shows(tmp_path: Path) -> None:
    """With columns of 2019 and 2020 only, n and the interval of 2016 to 2018 stood under a table without them."""
    import shutil

    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site", "ruw"))
    config = project / "verantwoord.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  streefwaarde: 2020", "  streefwaarde: 2020\n  kolommen: [realisatie 2019-2020, streefwaarde]")
    )
    result = build_project(project, tmp_path / "site")
    lines = page_lines((result.output / SECTION_PAGE).read_text(encoding="utf-8"))
    measured = [line.split(":")[0] for line in lines if ": n = " in line]
    assert measured and set(measured) == {"2019", "2020"}


def test_measured_figures_of_an_indicator_in_another_unit_are_checked_without_a_crash(tmp_path: Path) -> None:
    """The check for a percent sign in a value's cell read the cell of a measured figure, which has none."""
    import shutil

    from openpyxl import load_workbook

    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site", "ruw"))
    workbook = load_workbook(project / "indicatoren.xlsx")
    sheet = workbook["Indicatoren"]
    unit = [cell.value for cell in sheet[1]].index("eenheid") + 1
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 1).value:
            sheet.cell(row, unit).value = "tevredenheid"
    workbook.save(project / "indicatoren.xlsx")
    assert (
        len(
            [
                v
                for i in load_project(project).document.indicators()
                for v in i.values
                if v.measurement and v.measurement.n
            ]
        )
        == 22
    )
