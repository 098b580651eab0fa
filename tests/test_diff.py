"""`verantwoord diff OUD NIEUW`: what changed between two exports, for the terminal, as JSON, and as an exit code."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from verantwoord import build_project
from verantwoord.cli import main
from verantwoord.diff import ChangeKind, ExportDiff, describe, diff_data, diff_exports
from verantwoord.errors import InvalidProject
from verantwoord.project import load_project


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: object) -> Result:
    return runner.invoke(main, ["diff", *map(str, args)])


def flat(text: str) -> str:
    """Output with rich's line wrapping undone, for messages longer than the 80 columns of the test terminal."""
    return re.sub(r"\s+", " ", text)


def kinds(diff: ExportDiff) -> list[ChangeKind]:
    return [change.kind for change in diff.changes]


# Nothing changed


def test_identical_exports_have_no_changes(runner: CliRunner, make_project) -> None:
    old, new = make_project(), make_project()
    assert diff_exports(old.export_path, new.export_path).changes == ()
    result = run(runner, old.export_path, new.export_path)
    assert result.exit_code == 0, result.output
    assert "Geen verschillen" in result.stdout
    assert "2 indicatoren, 5 cijfers" in result.stdout


@pytest.mark.parametrize(("first", "second"), [("xlsx", "csv"), ("xlsx", "yaml"), ("csv", "yaml")])
def test_the_same_data_in_another_format_compares_equal(runner: CliRunner, make_project, first, second) -> None:
    old, new = make_project(export=first), make_project(export=second)
    result = run(runner, old.export_path, new.export_path)
    assert result.exit_code == 0, result.output
    assert "Geen verschillen" in result.stdout


def test_a_line_break_written_as_crlf_in_a_csv_cell_is_the_same_text(runner: CliRunner, make_project) -> None:
    """A toelichting with Alt+Enter in a workbook and the same in a CSV saved on Windows was "gewijzigd"."""
    old, new = make_project(), make_project(export="csv")
    old.indicators[0]["toelichting"] = new.indicators[0]["toelichting"] = "Regel een\nRegel twee"
    old.write(), new.write()
    path = new.export_path / "indicatoren.csv"
    path.write_bytes(path.read_bytes().replace(b"Regel een\nRegel twee", b"Regel een\r\nRegel twee"))
    assert b"Regel een\r\nRegel twee" in path.read_bytes()
    assert diff_exports(old.export_path, new.export_path).changes == ()


def test_settings_that_do_not_choose_the_export_do_not_stop_a_diff(runner: CliRunner, make_project) -> None:
    """A wrong export.tijd or export.vorige stopped `diff` of the project, though neither changes what is read."""
    old, new = make_project(), make_project()
    new.config["export"] = {"tijd": "gisteren", "vorige": "weg.xlsx"}
    new.write()
    assert diff_exports(old.export_path, new.root).changes == ()


def test_a_project_folder_is_compared_by_its_export(runner: CliRunner, make_project) -> None:
    project = make_project(export="csv")
    result = run(runner, project.root, project.export_path)
    assert result.exit_code == 0, result.output
    project.values[0]["waarde"] = "94"
    project.write()
    other = make_project()
    assert kinds(diff_exports(other.root, project.root)) == [ChangeKind.RESTATED]


def test_a_projects_settings_file_stands_for_its_project(make_project) -> None:
    """'diff oud/verantwoord.yaml nieuw' read the settings as a YAML export: 'het bestand heeft geen lijst
    indicatoren'. Who names a project's settings means its export."""
    old = make_project(export="csv")
    new = make_project()
    new.values[0]["waarde"] = "94"
    new.write()
    assert kinds(diff_exports(old.root / "verantwoord.yaml", new.root / "verantwoord.yaml")) == [ChangeKind.RESTATED]


def test_no_texts_and_no_section_numbers_needed(make_project) -> None:
    """The texts are not read: an export whose sections have no text, in a project without tekst/, compares."""
    old = make_project()
    old.indicators[1]["paragraaf"] = "9.9"
    old.write()
    shutil.rmtree(old.root / "tekst")
    new = make_project()
    new.indicators[1]["paragraaf"] = "9.9"
    new.values[0]["waarde"] = "94"
    new.write()
    with pytest.raises(InvalidProject):
        load_project(new.root)  # the site could not be built from it, but it can be compared
    assert kinds(diff_exports(old.root, new.export_path)) == [ChangeKind.RESTATED]


# Figures


def test_restated_figure(runner: CliRunner, make_project) -> None:
    old = make_project()
    new = make_project()
    new.values[0]["waarde"] = "94"  # kcc-tevredenheid realisatie 2019, row 2 of Waarden
    new.write()
    diff = diff_exports(old.export_path, new.export_path)
    [change] = diff.changes
    assert change.kind is ChangeKind.RESTATED
    assert (change.indicator, change.period.label, change.value_kind.value, change.series) == (
        "kcc-tevredenheid",
        "2019",
        "realisatie",
        "",
    )
    assert describe(change) == "kcc-tevredenheid realisatie 2019: was 95, nu 94"
    assert str(change.location) == "indicatoren.xlsx, blad Waarden, cel D2"
    result = run(runner, old.export_path, new.export_path)
    assert result.exit_code == 1, result.output
    assert "Cijfers herzien (1)" in result.stdout
    assert (
        "  kcc-tevredenheid realisatie 2019: was 95, nu 94  (nieuw: indicatoren.xlsx, blad Waarden, cel D2)"
        in result.stdout.splitlines()
    )


@pytest.mark.parametrize(
    ("old_figure", "new_figure", "expected"),
    [
        ("95", "95,0", "was 95, nu 95,0"),  # the same number, but published with a decimal: a visible change
        ("1234,5", "1234,6", "was 1.234,5, nu 1.234,6"),  # Dutch number notation
        ("6-6,5", "6-7", "was 6–6,5, nu 6–7"),
        ("95", "geen cijfer", "was 95, nu geen cijfer"),
    ],
)
def test_figures_compare_exactly_and_show_in_dutch(make_project, old_figure, new_figure, expected) -> None:
    old, new = make_project(export="csv"), make_project(export="csv")
    for project, figure in ((old, old_figure), (new, new_figure)):
        project.indicators[0]["decimalen"] = None  # shown as entered
        project.values[0]["waarde"] = figure
        project.write()
    [change] = diff_exports(old.export_path, new.export_path).changes
    assert describe(change) == f"kcc-tevredenheid realisatie 2019: {expected}"


@pytest.mark.parametrize(
    ("decimals", "old_figure", "new_figure", "expected"),
    [
        (1, "12,43", "12,47", "was 12,4, nu 12,5"),  # the figures the council saw and will see, as the site rounds
        (0, "44", "44,3", "was 44, nu 44,3 (de website toont beide als 44)"),
        (1, "11,2", "11,20", "was 11,2, nu 11,20 (de website toont beide als 11,2)"),
        (0, "6-6,4", "6-7", "was 6–6, nu 6–7"),
        (0, "95", "geen cijfer", "was 95, nu geen cijfer"),
    ],
)
def test_a_figure_is_told_as_the_site_shows_it(make_project, decimals, old_figure, new_figure, expected) -> None:
    """At 1 decimal 12,43 became 12,47 was told as 'was 12,43, nu 12,47', where the council read 12,4 and will read
    12,5; and 44 became 44,3 at 0 decimals as a change the reader would see, where the site shows 44 both times."""
    old, new = make_project(export="csv"), make_project(export="csv")
    for project, figure in ((old, old_figure), (new, new_figure)):
        project.indicators[0]["decimalen"] = decimals
        project.values[0]["waarde"] = figure
        project.write()
    [change] = diff_exports(old.export_path, new.export_path).changes
    assert describe(change) == f"kcc-tevredenheid realisatie 2019: {expected}"


def test_a_removed_figure_is_told_at_its_old_decimals(make_project) -> None:
    old, new = make_project(), make_project()
    old.values[0]["waarde"] = "94,6"
    old.write()
    del new.values[0]
    new.write()
    [change] = diff_exports(old.export_path, new.export_path).changes
    assert describe(change) == "kcc-tevredenheid realisatie 2019: was 95"


def test_a_formatted_cell_compares_as_it_is_published(make_project) -> None:
    """Without decimalen a cell under the format 0,0 is published as Excel shows it: 78,4912 and 78,4913 are both
    78,5 (no change); 78,44 is 78,4 (a change, shown as published)."""
    from openpyxl import load_workbook

    projects = make_project(), make_project(), make_project()
    for project, figure in zip(projects, (78.4912, 78.4913, 78.44), strict=True):
        project.indicators[1]["decimalen"] = None  # kcc-bereikbaarheid
        project.write()
        workbook = load_workbook(project.export_path)
        workbook["Waarden"]["D6"] = figure  # kcc-bereikbaarheid 2020
        workbook["Waarden"]["D6"].number_format = "0.0"
        workbook.save(project.export_path)
    old, same, other = projects
    assert diff_exports(old.export_path, same.export_path).changes == ()
    [change] = diff_exports(old.export_path, other.export_path).changes
    assert describe(change) == "kcc-bereikbaarheid realisatie 2020: was 78,5, nu 78,4"


def test_a_changed_reason_for_no_figure_is_a_restatement(make_project) -> None:
    old, new = make_project(), make_project()
    old.values[1].update(waarde="geen cijfer", reden="Meting gestopt")
    new.values[1].update(waarde="geen cijfer", reden="Zuil uitgezet door corona")
    old.write(), new.write()
    [change] = diff_exports(old.export_path, new.export_path).changes
    assert describe(change) == (
        "kcc-tevredenheid realisatie 2020: was geen cijfer (Meting gestopt), nu geen cijfer (Zuil uitgezet door corona)"
    )


def test_a_text_figure_compares_by_its_number_too(make_project) -> None:
    """The table shows the text, the open data the number: a changed number is a change, shown with the number."""
    old, new = make_project(), make_project()
    old.values[1].update(waarde="79,3", tekst="79,3% (TK)")
    new.values[1].update(waarde="79,4", tekst="79,3% (TK)")
    old.write(), new.write()
    [change] = diff_exports(old.export_path, new.export_path).changes
    assert describe(change) == (
        "kcc-tevredenheid realisatie 2020: was 79,3% (TK) (getal 79,3), nu 79,3% (TK) (getal 79,4)"
    )


def test_a_text_figure_compares_by_its_range_too(make_project) -> None:
    """A range beside a text was dropped: 6-6,5 becoming 7-8 under the same text was "Geen verschillen"."""
    old, new = make_project(), make_project()
    old.values[1].update(waarde="6-6,5", tekst="zes tot zes en half")
    new.values[1].update(waarde="7-8", tekst="zes tot zes en half")
    old.write(), new.write()
    [change] = diff_exports(old.export_path, new.export_path).changes
    assert describe(change) == (
        "kcc-tevredenheid realisatie 2020: was zes tot zes en half (bereik 6–6,5), nu zes tot zes en half (bereik 7–8)"
    )


@pytest.mark.parametrize(
    ("old_cells", "new_cells", "column"),
    [
        ({"waarde": "79,3", "tekst": "79,3% (TK)"}, {"waarde": "79,3", "tekst": "79,3% (Tweede Kamer)"}, "tekst"),
        ({"waarde": "79,3"}, {"waarde": "79,3", "tekst": "79,3% (TK)"}, "tekst"),
        ({"waarde": "geen cijfer", "reden": "Meting gestopt"}, {"waarde": "geen cijfer", "reden": "Zuil uit"}, "reden"),
        ({"waarde": "79,3", "tekst": "79,3% (TK)"}, {"waarde": "79,4", "tekst": "79,4% (TK)"}, "waarde"),
        ({"waarde": "geen cijfer"}, {"waarde": "n.n.b."}, "waarde"),  # a reason of its own, from the column waarde
        ({"waarde": "", "tekst": "in onderzoek"}, {"waarde": ""}, "tekst"),
    ],
)
def test_a_change_points_at_the_cell_that_changed(make_project, old_cells, new_cells, column) -> None:
    """Only the text beside the figure changed, and the change pointed at the figure's cell (waarde)."""
    old, new = make_project(), make_project()
    old.values[1].update(old_cells)
    new.values[1].update(new_cells)
    old.write(), new.write()
    [change] = diff_exports(old.export_path, new.export_path).changes
    letter = {"waarde": "D", "tekst": "E", "reden": "F"}[column]  # the columns in the order of VALUE_COLUMNS
    assert str(change.location) == f"indicatoren.xlsx, blad Waarden, cel {letter}3"
    assert str(change.old_location) == f"indicatoren.xlsx, blad Waarden, cel {letter}3"


def test_changed_target_is_not_a_restatement(runner: CliRunner, make_project) -> None:
    old, new = make_project(), make_project()
    new.values[2]["waarde"] = "95"  # kcc-tevredenheid streefwaarde 2020
    new.write()
    [change] = diff_exports(old.export_path, new.export_path).changes
    assert change.kind is ChangeKind.TARGET_CHANGED
    assert describe(change) == "kcc-tevredenheid streefwaarde 2020: was 93, nu 95"
    result = run(runner, old.export_path, new.export_path)
    assert result.exit_code == 1
    assert "Streefwaarden gewijzigd (1)" in result.stdout
    assert "Cijfers herzien" not in result.stdout


def test_figure_added(runner: CliRunner, make_project) -> None:
    old, new = make_project(), make_project()
    new.values.append({"indicator": "kcc-bereikbaarheid", "periode": "2021", "soort": "streefwaarde", "waarde": "80"})
    new.write()
    [change] = diff_exports(old.export_path, new.export_path).changes
    assert change.kind is ChangeKind.FIGURE_ADDED
    assert describe(change) == "kcc-bereikbaarheid streefwaarde 2021: 80"
    assert str(change.location) == "indicatoren.xlsx, blad Waarden, cel D7"
    assert change.old_location is None
    result = run(runner, old.export_path, new.export_path)
    assert result.exit_code == 1
    assert "Cijfers toegevoegd (1)" in result.stdout


def test_figure_removed(runner: CliRunner, make_project) -> None:
    old, new = make_project(), make_project()
    del new.values[4]  # kcc-bereikbaarheid realisatie 2020
    new.write()
    [change] = diff_exports(old.export_path, new.export_path).changes
    assert change.kind is ChangeKind.FIGURE_REMOVED
    assert describe(change) == "kcc-bereikbaarheid realisatie 2020: was 78"
    assert change.location is None
    assert str(change.old_location) == "indicatoren.xlsx, blad Waarden, cel D6"
    result = run(runner, old.export_path, new.export_path)
    assert result.exit_code == 1
    assert "Cijfers verwijderd (1)" in result.stdout
    assert "(oud: indicatoren.xlsx, blad Waarden, cel D6)" in result.stdout


def test_comparison_series_are_their_own_figures(make_project) -> None:
    old, new = make_project(), make_project()
    row = {"indicator": "kcc-tevredenheid", "periode": "2019", "soort": "realisatie", "reeks": "Nederland"}
    old.values.append({**row, "waarde": "90"})
    new.values.append({**row, "waarde": "91"})
    old.write(), new.write()
    [change] = diff_exports(old.export_path, new.export_path).changes
    assert describe(change) == "kcc-tevredenheid realisatie 2019 (reeks Nederland): was 90, nu 91"


def test_footnote_changed(make_project) -> None:
    old, new = make_project(), make_project()
    new.values[1]["voetnoot"] = "Nieuwe meetmethode"
    new.write()
    [change] = diff_exports(old.export_path, new.export_path).changes
    assert change.kind is ChangeKind.FOOTNOTE_CHANGED
    assert describe(change) == 'kcc-tevredenheid realisatie 2020: voetnoot was leeg, nu "Nieuwe meetmethode"'
    assert str(change.location) == "indicatoren.xlsx, blad Waarden, cel H3"


# Indicators


def test_indicator_added(runner: CliRunner, make_project) -> None:
    old, new = make_project(), make_project()
    new.indicators.append({"id": "zuil", "paragraaf": "4.1", "titel": "Waardering zuil", "bron": "Zuil"})
    new.values.append({"indicator": "zuil", "periode": "2020", "soort": "realisatie", "waarde": "7,1"})
    new.write()
    [change] = diff_exports(old.export_path, new.export_path).changes  # its figure is not listed apart
    assert change.kind is ChangeKind.INDICATOR_ADDED
    assert describe(change) == 'zuil: "Waardering zuil"'
    assert str(change.location) == "indicatoren.xlsx, blad Indicatoren, cel A4"
    result = run(runner, old.export_path, new.export_path)
    assert result.exit_code == 1
    assert "Indicatoren toegevoegd (1)" in result.stdout


def test_indicator_removed(runner: CliRunner, make_project) -> None:
    old, new = make_project(), make_project()
    del new.indicators[1]
    new.values = [row for row in new.values if row["indicator"] != "kcc-bereikbaarheid"]
    new.write()
    [change] = diff_exports(old.export_path, new.export_path).changes
    assert change.kind is ChangeKind.INDICATOR_REMOVED
    assert describe(change) == 'kcc-bereikbaarheid: "% telefonische bereikbaarheid 14033"'
    assert str(change.old_location) == "indicatoren.xlsx, blad Indicatoren, cel A3"
    result = run(runner, old.export_path, new.export_path)
    assert result.exit_code == 1
    assert "Indicatoren verwijderd (1)" in result.stdout


def _new_id(project, old_id: str, new_id: str) -> None:
    """The finance system's new export gives the indicator another id, in both sheets."""
    for row in project.indicators:
        row["id"] = new_id if row["id"] == old_id else row["id"]
    for row in project.values:
        row["indicator"] = new_id if row["indicator"] == old_id else row["indicator"]


def test_an_indicator_with_a_new_id_and_the_same_title_is_compared_as_one(runner: CliRunner, make_project) -> None:
    """Renumbered by the finance system, an indicator was 'verwijderd' and 'toegevoegd', and a figure restated with
    the new id was told nowhere: the council secretary was not warned that a figure they had seen had changed."""
    old, new = make_project(), make_project()
    _new_id(new, "kcc-bereikbaarheid", "kcc-bereikbaarheid-14033")
    row = next(r for r in new.values if r["indicator"] == "kcc-bereikbaarheid-14033" and r["periode"] == "2019")
    row["waarde"] = "84"
    new.write()
    diff = diff_exports(old.export_path, new.export_path)
    assert kinds(diff) == [ChangeKind.ID_CHANGED, ChangeKind.RESTATED]
    renamed, restated = diff.changes
    assert describe(renamed) == (
        "kcc-bereikbaarheid-14033: was kcc-bereikbaarheid (zelfde titel; de cijfers zijn vergeleken met die van "
        "kcc-bereikbaarheid)"
    )
    assert str(renamed.location) == "indicatoren.xlsx, blad Indicatoren, cel A3"
    assert describe(restated) == "kcc-bereikbaarheid-14033 realisatie 2019: was 83, nu 84"
    result = run(runner, "--json", old.export_path, new.export_path)
    assert result.exit_code == 1
    first = json.loads(result.stdout)["wijzigingen"][0]
    assert (first["wijziging"], first["oud"], first["nieuw"]) == (
        "id_gewijzigd",
        "kcc-bereikbaarheid",
        "kcc-bereikbaarheid-14033",
    )


def test_a_new_id_whose_title_is_not_one_of_a_removed_indicator_is_added(make_project) -> None:
    """Two indicators gone under one title: which one the new id is cannot be told, and neither is paired."""
    old, new = make_project(), make_project()
    for project in (old, new):
        project.indicators[1]["titel"] = project.indicators[0]["titel"]
        project.write()
    _new_id(new, "kcc-bereikbaarheid", "a")
    _new_id(new, "kcc-tevredenheid", "b")
    new.write()
    assert sorted(kinds(diff_exports(old.export_path, new.export_path))) == sorted(
        [ChangeKind.INDICATOR_ADDED] * 2 + [ChangeKind.INDICATOR_REMOVED] * 2
    )


@pytest.mark.parametrize(
    ("column", "new_text", "kind", "cell", "expected"),
    [
        ("eenheid", "procent", ChangeKind.UNIT_CHANGED, "D2", 'was "%", nu "procent"'),
        ("bron", "KCC-enquête", ChangeKind.SOURCE_CHANGED, "G2", 'was "Klant in Focus", nu "KCC-enquête"'),
        ("titel", "Tevredenheid bellers", ChangeKind.TITLE_CHANGED, "C2", None),
        ("toelichting", "Korter.", ChangeKind.EXPLANATION_CHANGED, "H2", None),
        ("decimalen", 1, ChangeKind.DECIMALS_CHANGED, "E2", "was 0, nu 1"),
        ("polariteit", "neutraal", ChangeKind.POLARITY_CHANGED, "F2", "was hoger is beter, nu neutraal"),
    ],
)
def test_indicator_details_changed(
    runner: CliRunner, make_project, column, new_text, kind, cell, expected: str | None
) -> None:
    old, new = make_project(), make_project()
    new.indicators[0][column] = new_text
    new.write()
    [change] = diff_exports(old.export_path, new.export_path).changes
    assert change.kind is kind
    assert change.indicator == "kcc-tevredenheid"
    assert change.new == str(new_text)
    assert str(change.location) == f"indicatoren.xlsx, blad Indicatoren, cel {cell}"
    if expected:
        assert describe(change) == f"kcc-tevredenheid: {expected}"
    result = run(runner, old.export_path, new.export_path)
    assert result.exit_code == 1
    assert f"cel {cell})" in result.stdout


def test_a_long_explanation_is_cut_to_what_changed(make_project) -> None:
    old, new = make_project(), make_project()
    text = "Bellers van 14033 wordt na afloop gevraagd om het gesprek te waarderen. Dat doet één op de tien bellers."
    old.indicators[0]["toelichting"] = text
    new.indicators[0]["toelichting"] = text.replace("één op de tien", "één op de acht")
    old.write(), new.write()
    [change] = diff_exports(old.export_path, new.export_path).changes
    assert change.old == text  # the whole text in the data
    assert describe(change) == (
        'kcc-tevredenheid: was "…waarderen. Dat doet één op de tien bellers.", '
        'nu "…waarderen. Dat doet één op de acht bellers."'
    )


# JSON


JSON_KEYS = {
    "oud",
    "nieuw",
    "oud_sha256",
    "nieuw_sha256",
    "gewijzigd",
    "aantal",
    "wijzigingen",
    "exitcode",
    "uitkomst",
    "meldingen",
}
CHANGE_KEYS = {
    "wijziging",
    "indicator",
    "periode",
    "soort",
    "reeks",
    "oud",
    "nieuw",
    "website_toont",
    "oud_exact",
    "nieuw_exact",
    "plaats",
    "plaats_oud",
}
FIGURE_KEYS = {"waarde", "bereik_laag", "bereik_hoog", "tekst", "geen_cijfer", "reden"}
LOCATION_KEYS = {"tekst", "bestand", "blad", "cel", "regel", "kolom"}


def test_json_output_has_the_documented_keys(runner: CliRunner, make_project) -> None:
    old, new = make_project(), make_project(export="csv")
    new.values[0]["waarde"] = "95,0"
    new.indicators[1]["bron"] = "Telefonie"
    new.write()
    result = run(runner, "--json", old.export_path, new.export_path)
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert set(data) == JSON_KEYS
    assert data["gewijzigd"] is True
    assert data["aantal"] == 2
    figure, source = data["wijzigingen"]
    assert set(figure) == set(source) == CHANGE_KEYS
    assert figure["wijziging"] == "cijfer_herzien"
    assert (figure["indicator"], figure["periode"], figure["soort"], figure["reeks"]) == (
        "kcc-tevredenheid",
        "2019",
        "realisatie",
        "",
    )
    assert (figure["oud"], figure["nieuw"]) == ("95", "95,0")
    assert figure["website_toont"] == "95"  # at 0 decimals; None where the site shows the change
    assert set(figure["oud_exact"]) == set(figure["nieuw_exact"]) == FIGURE_KEYS
    assert (figure["oud_exact"]["waarde"], figure["nieuw_exact"]["waarde"]) == ("95", "95.0")  # exact strings
    assert set(figure["plaats"]) == set(figure["plaats_oud"]) == LOCATION_KEYS
    assert figure["plaats"] == {
        "tekst": "waarden.csv, regel 2, kolom waarde",
        "bestand": "waarden.csv",
        "blad": None,
        "cel": None,
        "regel": 2,
        "kolom": "waarde",
    }
    assert figure["plaats_oud"]["tekst"] == "indicatoren.xlsx, blad Waarden, cel D2"
    assert source["wijziging"] == "bron_gewijzigd"
    assert source["plaats"]["tekst"] == "indicatoren.csv, regel 3, kolom bron"
    assert (source["oud_exact"], source["nieuw_exact"]) == ("KCC/KCS", "Telefonie")
    assert source["periode"] is None and source["soort"] is None and source["website_toont"] is None


def test_json_location_of_a_yaml_export_names_its_key_as_the_column(runner: CliRunner, make_project) -> None:
    """A YAML file has keys, not columns: the text says so, and `kolom` keeps the key (the JSON keys stay)."""
    old, new = make_project(), make_project(export="yaml")
    new.values[0]["waarde"] = "95,0"
    new.write()
    result = run(runner, "--json", old.export_path, new.export_path)
    place = json.loads(result.stdout)["wijzigingen"][0]["plaats"]
    assert (place["tekst"], place["regel"], place["kolom"]) == (
        "indicatoren.yaml, regel 13, sleutel waarde",
        13,
        "waarde",
    )


def test_json_output_without_changes(runner: CliRunner, make_project) -> None:
    old, new = make_project(), make_project(export="yaml")
    result = run(runner, "--json", old.export_path, new.export_path)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    outcome = data.pop("uitkomst")
    assert data == {
        "oud": str(old.export_path),
        "nieuw": str(new.export_path),
        "oud_sha256": hashlib.sha256(old.export_path.read_bytes()).hexdigest(),
        "nieuw_sha256": hashlib.sha256(new.export_path.read_bytes()).hexdigest(),
        "gewijzigd": False,
        "aantal": 0,
        "wijzigingen": [],
        "exitcode": 0,
        "meldingen": [],
    }
    assert outcome.startswith(f"Geen verschillen tussen oud ({old.export_path}, vingerafdruk ")
    assert outcome.endswith(": 2 indicatoren, 5 cijfers.")


def test_every_kind_of_change_is_written_as_json(make_project) -> None:
    """diff_data gives plain JSON for every kind of change, figure or detail, added or removed."""
    old, new = make_project(), make_project()
    new.values[0]["waarde"] = "6-6,5"
    new.values[2].update(waarde="79,3", tekst="79,3% (TK)")
    new.values[1].update(waarde="geen cijfer", reden="Zuil uit", voetnoot="Zie toelichting")
    new.values.append({"indicator": "kcc-bereikbaarheid", "periode": "2021", "soort": "streefwaarde", "waarde": "80"})
    del new.values[3]
    new.indicators[0].update(decimalen=None, polariteit="lager is beter", paragraaf="4.2")
    new.write()
    diff = diff_exports(old.export_path, new.export_path)
    data = json.loads(json.dumps(diff_data(diff)))
    assert {change["wijziging"] for change in data["wijzigingen"]} == {
        "cijfer_herzien",
        "streefwaarde_gewijzigd",
        "voetnoot_gewijzigd",
        "cijfer_toegevoegd",
        "cijfer_verwijderd",
        "decimalen_gewijzigd",
        "polariteit_gewijzigd",
        "paragraaf_gewijzigd",
    }
    exact = {(c["wijziging"], c["periode"]): c["nieuw_exact"] for c in data["wijzigingen"]}
    assert exact["cijfer_herzien", "2019"]["bereik_laag"] == "6"
    assert exact["cijfer_herzien", "2019"]["bereik_hoog"] == "6.5"
    assert exact["streefwaarde_gewijzigd", "2020"]["tekst"] == "79,3% (TK)"
    assert exact["streefwaarde_gewijzigd", "2020"]["waarde"] == "79.3"
    assert exact["cijfer_herzien", "2020"] == {
        "waarde": None,
        "bereik_laag": None,
        "bereik_hoog": None,
        "tekst": "",
        "geen_cijfer": True,
        "reden": "Zuil uit",
    }
    assert exact["decimalen_gewijzigd", None] is None
    assert exact["polariteit_gewijzigd", None] == "lager is beter"


# Unreadable input: exit code 4, the usual messages, nothing on stdout but with --json


def test_corrupt_workbook_is_exit_code_4(runner: CliRunner, make_project) -> None:
    old, new = make_project(), make_project()
    new.export_path.write_bytes(b"PK\x03\x04 dit is geen werkmap")
    result = run(runner, old.export_path, new.export_path)
    assert result.exit_code == 4, result.output
    assert result.stdout == ""
    errors = flat(result.stderr)
    assert "nieuw (" in errors and "indicatoren.xlsx: dit bestand is geen leesbare Excel-werkmap" in errors
    assert f"Fout: Niet te lezen: nieuw ({new.export_path}), 1 fout. Er is niets vergeleken." in errors
    assert "oud (" not in errors


def test_an_unreadable_export_is_told_apart_from_a_mistyped_command(runner: CliRunner, make_project) -> None:
    """Both were exit code 2: a pipeline could not tell the municipality of an export it must mend from its own
    provider of a command line that is wrong."""
    old, new = make_project(), make_project()
    new.export_path.write_bytes(b"PK\x03\x04 dit is geen werkmap")
    assert run(runner, old.export_path, new.export_path).exit_code == 4
    assert runner.invoke(main, ["diff", "--uit", str(old.export_path), str(new.export_path)]).exit_code == 2
    assert runner.invoke(main, ["diff", str(old.export_path)]).exit_code == 2


def test_an_unreadable_input_is_json_too_with_its_problems(
    runner: CliRunner, make_project, tmp_path, monkeypatch
) -> None:
    """A pipeline that reads `diff --json` got nothing on stdout for an export it cannot read (exit code 4), where the
    manual's JSON has the problems, each with its input, file and cell; the readable one keeps its SHA-256."""
    old, new = make_project(), make_project()
    new.values[0]["waarde"] = "abc"
    new.write()
    monkeypatch.chdir(tmp_path)
    typed = str(new.export_path.relative_to(tmp_path))
    result = run(runner, "--json", old.export_path, typed)
    assert result.exit_code == 4, result.output
    data = json.loads(result.stdout)
    assert set(data) == JSON_KEYS
    assert (data["oud"], data["nieuw"]) == (str(old.export_path), typed)
    assert data["oud_sha256"] == hashlib.sha256(old.export_path.read_bytes()).hexdigest()
    assert data["nieuw_sha256"] is None
    assert (data["exitcode"], data["gewijzigd"], data["aantal"], data["wijzigingen"]) == (4, None, None, [])
    assert data["uitkomst"] == f"Niet te lezen: nieuw ({typed}), 1 fout. Er is niets vergeleken."
    [problem] = data["meldingen"]
    assert (problem["invoer"], problem["ernst"], problem["melding"]) == ("nieuw", "fout", "'abc' is geen getal.")
    assert problem["plaats"] == {
        "tekst": "indicatoren.xlsx, blad Waarden, cel D2",
        "bestand": "indicatoren.xlsx",
        "blad": "Waarden",
        "cel": "D2",
        "regel": None,
        "kolom": None,
    }
    assert "fout: indicatoren.xlsx, blad Waarden, cel D2: 'abc' is geen getal." in flat(result.stderr)


@pytest.mark.parametrize(
    ("raised", "code", "said"),
    [(RuntimeError("kapot"), 3, "onverwachte fout"), (KeyboardInterrupt(), 130, "Afgebroken.")],
)
def test_a_diff_that_fails_or_is_stopped_is_json_too(
    runner: CliRunner, make_project, monkeypatch, raised: BaseException, code: int, said: str
) -> None:
    """A fault in verantwoord (exit code 3) or Ctrl+C (130) left stdout empty as well."""

    def compare(*contents: object) -> None:
        raise raised

    monkeypatch.setattr("verantwoord.diff.compare", compare)
    old, new = make_project(), make_project()
    result = run(runner, "--json", old.export_path, new.export_path)
    assert result.exit_code == code, result.output
    data = json.loads(result.stdout)
    assert (data["exitcode"], data["gewijzigd"], data["meldingen"]) == (code, None, [])
    assert data["uitkomst"].startswith(said)
    assert data["oud_sha256"] == data["nieuw_sha256"] == hashlib.sha256(old.export_path.read_bytes()).hexdigest()


def test_both_inputs_are_checked_in_one_run(runner: CliRunner, make_project, tmp_path: Path, monkeypatch) -> None:
    new = make_project()
    new.values[0]["waarde"] = "abc"
    new.write()
    monkeypatch.chdir(tmp_path)  # short paths: rich breaks a long one in the middle
    result = run(runner, "bestaat-niet.xlsx", "project/indicatoren.xlsx")
    assert result.exit_code == 4
    errors = flat(result.stderr)
    assert "bestaat-niet.xlsx: dit bestand of deze map bestaat niet." in errors
    assert "indicatoren.xlsx, blad Waarden, cel D2: 'abc' is geen getal." in errors
    assert errors.rstrip().endswith(
        "Fout: Niet te lezen: oud (bestaat-niet.xlsx), 1 fout; nieuw (project/indicatoren.xlsx), 1 fout. Er is niets "
        "vergeleken."
    )


def test_bad_cells_give_the_same_messages_as_check(runner: CliRunner, make_project) -> None:
    old, new = make_project(), make_project()
    new.values[0]["waarde"] = "1.234"  # ambiguous
    new.values[1]["periode"] = "twintig"
    new.indicators[1]["decimalen"] = "veel"
    new.write()
    with pytest.raises(InvalidProject) as checked:
        load_project(new.root)
    with pytest.raises(InvalidProject) as compared:
        diff_exports(old.export_path, new.export_path)
    assert [str(p) for p in compared.value.problems] == [str(p) for p in checked.value.problems]
    assert len(compared.value.problems) == 3
    result = run(runner, old.export_path, new.export_path)
    assert result.exit_code == 4
    for problem in checked.value.problems:
        assert flat(str(problem)) in flat(result.stderr)


def test_missing_sheet_and_missing_csv_file_are_reported(runner: CliRunner, make_project) -> None:
    old, new = make_project(), make_project(export="csv")
    (new.export_path / "waarden.csv").unlink()
    result = run(runner, old.export_path, new.export_path)
    assert result.exit_code == 4
    assert "export/waarden.csv: dit CSV-bestand ontbreekt." in flat(result.stderr)
    old.write_sheets({"Indicatoren": [["id", "paragraaf", "titel"]]})
    result = run(runner, old.export_path, old.export_path)
    assert result.exit_code == 4
    assert "indicatoren.xlsx: het blad Waarden ontbreekt." in flat(result.stderr)


@pytest.mark.parametrize(
    "file",
    [
        "indicatoren.csv",
        "jaarverslag-2020-gemeente-amersfoort-indicatoren.csv",  # as the site's link saves it
        "indicatorgegevens.csv",
        "4-1-dienstverlening.csv",
        "indicatoren.json",
        "datapackage.json",
        "indicatoren.xlsx",
        "",  # the folder open-data
    ],
)
def test_the_open_data_of_last_years_site_names_the_export_to_compare_instead(
    runner: CliRunner, make_project, tmp_path: Path, monkeypatch, file: str
) -> None:
    """An auditor has the published site's open data, not the export: its CSV file was 'no file verantwoord reads'
    with the hint to name the folder with indicatoren.csv and waarden.csv, and that folder, open-data, gave 'waarden.csv
    is missing' under 33 warnings about columns. Each now says it is a site's open data, and which export, by name and
    fingerprint, the site was built with: the open data has one document's figures as published, not the export."""
    new = make_project()
    site = build_project(new.root).output
    downloads = tmp_path / "gepubliceerd"
    shutil.copytree(site / "open-data", downloads)
    shutil.copyfile(downloads / "indicatoren.csv", downloads / "jaarverslag-2020-gemeente-amersfoort-indicatoren.csv")
    monkeypatch.chdir(tmp_path)
    old = Path("gepubliceerd", file)
    result = run(runner, old, new.export_path)
    assert result.exit_code == 4, result.output
    fingerprint = hashlib.sha256(new.export_path.read_bytes()).hexdigest()[:12]
    errors = flat(result.stderr)
    assert f"{old.name}: dit is de open data van een gebouwde website" in errors
    assert (
        "Hint: kies de export waaruit die website is gebouwd (het bestand 'indicatoren.xlsx', vingerafdruk "
        f"{fingerprint})" in errors
    )
    assert errors.count("fout:") == 1 and "waarschuwing" not in errors
    assert f"Fout: Niet te lezen: oud ({old}), 1 fout. Er is niets vergeleken." in errors


@pytest.mark.parametrize("digests", ['{"indicatoren.xlsx": }', '{"indicatoren.xlsx": 5}', '{"5": ["a"]}'])
def test_a_damaged_open_data_json_file_is_told_as_open_data_without_the_export(
    runner: CliRunner, make_project, tmp_path: Path, digests: str
) -> None:
    """An indicatoren.json cut short or edited by hand, whose export_sha256 is no name and fingerprint, ended in
    'onverwachte fout in verantwoord' with JSON's or Python's traceback (exit code 3)."""
    new = make_project()
    damaged = tmp_path / "indicatoren.json"
    damaged.write_text(
        f'{{"document": "Jaarverslag 2020", "export_sha256": {digests}, "indicatoren": [', encoding="utf-8"
    )
    result = run(runner, damaged, new.export_path)
    assert result.exit_code == 4, result.output
    errors = flat(result.stderr)
    assert "indicatoren.json: dit is de open data van een gebouwde website" in errors
    assert "Hint: kies de export waaruit die website is gebouwd, of de projectmap ervan." in errors


def test_another_data_package_is_not_called_the_open_data_of_a_site(
    runner: CliRunner, make_project, tmp_path: Path
) -> None:
    """Any Frictionless datapackage.json with a table was called 'de open data van een gebouwde website', with the
    hint to choose the export that site was built from: of a package of the CBS, say, there is none."""
    new = make_project()
    foreign = tmp_path / "cbs" / "datapackage.json"
    foreign.parent.mkdir()
    (foreign.parent / "indicatoren.csv").write_text("regio,jaar,waarde\nAmersfoort,2020,12\n", encoding="utf-8")
    package = {
        "name": "kerncijfers-wijken",
        "resources": [
            {
                "name": "indicatoren",
                "path": "indicatoren.csv",
                "profile": "tabular-data-resource",
                "schema": {"fields": [{"name": "regio"}, {"name": "jaar"}, {"name": "waarde"}]},
            }
        ],
    }
    foreign.write_text(json.dumps(package, indent=1), encoding="utf-8")
    result = run(runner, foreign, new.export_path)
    assert result.exit_code == 4
    errors = flat(result.stderr)
    assert "open data" not in errors
    assert "datapackage.json: dit soort bestand kan verantwoord niet lezen. Gevonden: '.json'." in errors


def test_an_exports_own_csv_file_still_gets_the_hint_to_name_its_folder(runner: CliRunner, make_project) -> None:
    old = make_project(export="csv")
    result = run(runner, old.export_path / "indicatoren.csv", old.export_path)
    assert result.exit_code == 4
    assert "Hint: noem de map met indicatoren.csv en waarden.csv, niet een van de bestanden erin." in flat(
        result.stderr
    )


def test_a_broken_project_config_is_exit_code_4(runner: CliRunner, make_project) -> None:
    project = make_project()
    project.config["export"] = {"bestand": "weg.xlsx"}
    project.write()
    result = run(runner, project.root, project.root)
    assert result.exit_code == 4
    assert "'export.bestand' noemt een export die niet bestaat" in flat(result.stderr)


def test_table_settings_that_check_refuses_do_not_stop_a_diff(runner: CliRunner, make_project) -> None:
    """diff compares exports; 'realisatie: 2020-2016' in the project's config made it exit 2."""
    project = make_project()
    project.config["tabel"] = {"realisatie": "2020-2016"}
    project.write()
    result = run(runner, project.root, project.root)
    assert result.exit_code == 0, result.output


def test_help(runner: CliRunner) -> None:
    result = runner.invoke(main, ["diff", "--help"])
    assert result.exit_code == 0
    assert "OUD NIEUW" in result.output and "--json" in result.output


def test_each_export_is_named_with_the_fingerprint_its_sites_footer_shows(runner: CliRunner, make_project) -> None:
    """An auditor holding two published sites finds the exports they were built from by the footer's fingerprint;
    the diff named the exports by their path alone, which a re-export under the same name shares."""
    old, new = make_project(), make_project()
    new.values[0]["waarde"] = "96"
    new.write()
    result = run(runner, old.export_path, new.export_path)
    assert result.exit_code == 1, result.output
    old_digest, new_digest = (hashlib.sha256(p.export_path.read_bytes()).hexdigest() for p in (old, new))
    assert (
        f"Verschillen tussen oud ({old.export_path}, vingerafdruk {old_digest[:12]}) en nieuw ({new.export_path}, "
        f"vingerafdruk {new_digest[:12]}): 1 wijziging."
    ) in flat(result.stdout)
