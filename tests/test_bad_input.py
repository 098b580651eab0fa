"""Bad input: every problem is reported with where it is, what was found and what was expected, and nothing
is written.

Each rejection test starts from a valid project whose output folder holds a previous build; then it
breaks the input and checks that `build_project` raises InvalidProject with exactly the expected problems,
leaves the previous build byte for byte as it was and leaves no temporary folder beside it.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import zipfile
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import CONFIG, TEXTS, TestProject, new_project, patch_workbook_xml, tree_bytes
from tests.pagetext import page_lines
from verantwoord import InvalidProject, build_project, load_project
from verantwoord.errors import Location, Problem, Severity
from verantwoord.export.records import INDICATOR_COLUMNS, VALUE_COLUMNS

FIGURE_EXPECTED = "een getal (78, 7,1, 1.234,5), een bereik (6-6,5) of 'geen cijfer'"
WAARDEN = "indicatoren.xlsx, blad Waarden"
INDICATOREN = "indicatoren.xlsx, blad Indicatoren"
SECTION_PAGE = "4-bestuur-en-dienstverlening/4-1-dienstverlening/index.html"


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real build of the default project: the previous build in every test's output folder."""
    project = new_project(tmp_path_factory.mktemp("previous") / "project")
    build_project(project.root, strict=True)
    assert (project.output / "index.html").is_file()
    return project.output


@pytest.fixture
def built(previous_site: Path) -> Callable[[TestProject], None]:
    """Check that the project is still valid, and give it a previous build that a failed build must leave alone.

    The build is copied from one real build (of the same default document), not rebuilt: a full build
    costs a quarter of a second, a copy almost nothing. test_rejected_after_a_real_build builds for real.
    """

    def build(project: TestProject) -> None:
        assert load_project(project.root, strict=True).problems == []
        shutil.copytree(previous_site, project.output)

    return build


def rejected(project: TestProject, *, strict: bool = False) -> list[Problem]:
    """Build the broken project: it must raise InvalidProject and write nothing. Returns the problems."""
    existed = project.output.exists()
    before = tree_bytes(project.output) if existed else None
    with pytest.raises(InvalidProject) as raised:
        build_project(project.root, strict=strict)
    assert str(raised.value).endswith("Er is niets geschreven.")
    if existed:
        assert tree_bytes(project.output) == before
    else:
        assert not project.output.exists()
    assert sorted(p.name for p in project.output.parent.iterdir() if p.name.startswith(".verantwoord-")) == []
    return raised.value.problems


def errors(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems if p.severity is Severity.ERROR]


def errors_of(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def sheet(columns, rows) -> list[list[object]]:
    """A sheet's rows with a header of these columns (names, or the Column definitions)."""
    names = [getattr(c, "name", c) for c in columns]
    return [names, *([row.get(name) for name in names] for row in rows)]


# Wrong types


@pytest.mark.parametrize(
    ("waarde", "expected"),
    [
        pytest.param(
            "abc",
            f"{WAARDEN}, cel D2: 'abc' is geen getal. Gevonden: 'abc'. Verwacht: {FIGURE_EXPECTED}. "
            "Hint: wilt u tekst tonen (zoals '79,3% (TK)'), zet die dan in de kolom 'tekst'.",
            id="text",
        ),
        pytest.param(
            True,
            f"{WAARDEN}, cel D2: 'WAAR' is een waar/onwaar-waarde, geen getal. Gevonden: 'WAAR'. "
            f"Verwacht: {FIGURE_EXPECTED}.",
            id="boolean",
        ),
        pytest.param(
            "1.234",
            f"{WAARDEN}, cel D2: '1.234' is dubbelzinnig: in het Nederlands is dit 1234, in het Engels 1,234. "
            "Gevonden: '1.234'. Verwacht: een getal zonder twijfel. "
            "Hint: schrijf 1234 als u duizenden bedoelt, of 1,234 als u een decimaal getal bedoelt.",
            id="ambiguous",
        ),
    ],
)
def test_wrong_value_type(make_project, built, waarde: object, expected: str) -> None:
    project = make_project()
    built(project)
    project.values[0]["waarde"] = waarde
    project.write()
    assert [str(p) for p in rejected(project)] == [expected]


def test_date_as_value(make_project, built) -> None:
    project = make_project()
    built(project)

    def put_date(workbook) -> None:
        cell = workbook["Waarden"]["D2"]
        cell.value = date(2020, 3, 1)
        cell.number_format = "dd-mm-yyyy"

    project.edit_workbook(put_date)
    assert [str(p) for p in rejected(project)] == [
        f"{WAARDEN}, cel D2: de cel bevat een datum (01-03-2020), geen getal. Gevonden: '2020-03-01'. "
        f"Verwacht: {FIGURE_EXPECTED}. Hint: Excel maakt van '6-6,5' of '1.5' soms een datum: "
        "maak de cel van het type Tekst en typ de waarde opnieuw."
    ]


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        (
            date(2020, 3, 1),
            "Excel maakt van een maand als 2020-03 een datum: maak de cel van het type Tekst en typ de periode "
            'opnieuw, zoals 2020-03. Voor een hele kolom: zet in een lege kolom =TEKST(B2;"jjjj-mm"), vul die '
            "naar beneden, kopieer hem en plak hem met Plakken speciaal, Waarden over de kolom 'periode'.",
        ),
        (
            date(2020, 3, 16),
            "Excel heeft er een datum van gemaakt: maak de cel van het type Tekst en typ de periode opnieuw.",
        ),
        (
            date(2019, 1, 1),
            "Excel maakt van een maand als 2019-01 een datum, en een systeem schrijft een jaar soms als datum "
            "(1-1-2019): maak de cel van het type Tekst en typ de periode opnieuw, zoals 2019 of 2019-01. Een hele "
            "kolom met jaren geeft u de getalnotatie jjjj (Ctrl+1 > Getal > Aangepast): verantwoord leest het jaar "
            'dat Excel dan toont. Voor een kolom met maanden: zet in een lege kolom =TEKST(B2;"jjjj-mm"), vul die '
            "naar beneden, kopieer hem en plak hem met Plakken speciaal, Waarden over de kolom 'periode'.",
        ),
    ],
)
def test_date_as_period_names_the_month_excel_made_of_it(make_project, built, typed: date, hint: str) -> None:
    """Excel makes a date of a month typed as 2020-03, not of the years 2022-2023 the hint named; nor did the
    expected periods name a month. A system writes a year as a date (shown as 1-1-2019; as 2019, under the format
    jjjj, it is read). The hint said only to make the cell Text, after which it shows 43466: the period has to be
    typed again, which for a column of a thousand rows is a formula's work, which the hint now gives."""
    project = make_project()
    built(project)

    def put_date(workbook) -> None:
        cell = workbook["Waarden"]["B2"]
        cell.value = typed
        cell.number_format = "d-m-yyyy" if typed.month == 1 else "mmm-yy"

    project.edit_workbook(put_date)
    assert [str(p) for p in rejected(project)] == [
        f"{WAARDEN}, cel B2: de periode is een datum. Gevonden: '{typed:%d-%m-%Y}'. Verwacht: een jaar (2020), jaren "
        f"(2022-2023), kwartaal (Q3 2024) of maand (2024-03). Hint: {hint}"
    ]


def test_true_and_false_cells_are_named_as_excel_shows_them(make_project, built) -> None:
    """A system writes a yes/no field as a true/false cell, which Dutch Excel shows as WAAR or ONWAAR: the problems
    named Python's 'True' and 'False', which the user's sheet does not show."""
    project = make_project()
    built(project)

    def put_truths(workbook) -> None:
        sheet = workbook["Waarden"]
        sheet["B2"], sheet["C3"], sheet["D4"] = True, False, True

    project.edit_workbook(put_truths)
    assert [str(p).partition(". Verwacht")[0] for p in rejected(project)] == [
        f"{WAARDEN}, cel B2: 'WAAR' is geen periode. Gevonden: 'WAAR'",
        f"{WAARDEN}, cel C3: 'ONWAAR' is geen geldige soort. Gevonden: 'ONWAAR'",
        f"{WAARDEN}, cel D4: 'WAAR' is een waar/onwaar-waarde, geen getal. Gevonden: 'WAAR'",
    ]


def test_true_in_a_yaml_export_is_named_as_yaml_writes_it() -> None:
    from verantwoord.export.cells import CellError, parse_figure
    from verantwoord.export.table import yaml_words

    with pytest.raises(CellError, match=r"^'true' is een waar/onwaar-waarde"):
        parse_figure(True, yaml_words("waarde", "waarden"))


def test_periods_a_system_wrote_as_dates_that_excel_shows_as_years_are_read_as_those_years(make_project, built) -> None:
    """A financial system exports each period as its first of January, and Excel shows 2019 (the format jjjj, in
    the file yyyy): every period was 'de periode is een datum', with a formula to make the whole column text,
    though the user saw 2019."""
    project = make_project()
    built(project)

    def periods_as_dates(workbook) -> None:
        for cell in workbook["Waarden"]["B"][1:]:
            cell.value = datetime(int(cell.value), 1, 1)
            cell.number_format = "yyyy"

    project.edit_workbook(periods_as_dates)
    loaded = load_project(project.root, strict=True)
    assert loaded.problems == []
    values = [value for indicator in loaded.document.indicators() for value in indicator.values]
    assert [(v.period.label, v.kind.value, str(v.figure.value)) for v in values] == [
        (row["periode"], row["soort"], row["waarde"]) for row in project.values
    ]


def test_a_formula_typed_in_a_text_cell_is_told_it_was_not_calculated(make_project, built) -> None:
    """The template makes the column waarde of the type Text, and Excel keeps a formula typed there as text: it was
    "'=C5*100' is geen getal. Hint: wilt u tekst tonen, zet die dan in de kolom 'tekst'", which fits no formula."""
    project = make_project()
    built(project)

    def put_formula_as_text(workbook) -> None:
        cell = workbook["Waarden"]["D2"]
        cell.value = "=C5*100"
        cell.data_type = "s"  # as Excel stores it in a cell of the type Text: a string, not a formula
        cell.number_format = "@"

    project.edit_workbook(put_formula_as_text)
    assert [str(p) for p in rejected(project)] == [
        f"{WAARDEN}, cel D2: '=C5*100' is een formule die Excel niet heeft uitgerekend: de cel heeft het type Tekst, "
        f"en daarin blijft een formule tekst. Gevonden: '=C5*100'. Verwacht: {FIGURE_EXPECTED}. Hint: maak de cel "
        "van het type Standaard (rechtermuisknop, Celeigenschappen, tabblad Getal) en typ de formule opnieuw (F2, "
        "Enter); of typ de uitkomst zelf."
    ]
    project = make_project(export="yaml")
    project.values[0]["waarde"] = "=C5*100"
    project.write()
    (problem,) = rejected(project)
    assert problem.message == "'=C5*100' is een formule, en die rekent alleen in een spreadsheet."
    assert problem.hint == "zet de uitkomst achter 'waarde:'."


@pytest.mark.parametrize(
    ("sheet_rows", "row", "column", "bad", "expected"),
    [
        pytest.param(
            "values",
            0,
            "periode",
            "twintig",
            f"{WAARDEN}, cel B2: 'twintig' is geen periode. Gevonden: 'twintig'. "
            "Verwacht: een jaar (2020), jaren (2022-2023), kwartaal (Q3 2024) of maand (2024-03).",
            id="periode",
        ),
        # A year in short, as some write it; Excel keeps the apostrophe typed before '22 out of the cell, a system may
        # write it in. It was told only that it is no period, and between single quotes as ''22'.
        pytest.param(
            "values",
            0,
            "periode",
            "'22",
            f'{WAARDEN}, cel B2: "\'22" is geen periode. Gevonden: "\'22". '
            "Verwacht: een jaar (2020), jaren (2022-2023), kwartaal (Q3 2024) of maand (2024-03). "
            "Hint: schrijf het jaar voluit: 2022.",
            id="periode-short-year",
        ),
        # Typed with the quotes of the manual: between single quotes it read as ''n.v.t.'', and it was told to put
        # text in the column tekst, which would publish the quotes; without them it is no figure.
        pytest.param(
            "values",
            0,
            "waarde",
            "'n.v.t.'",
            f"{WAARDEN}, cel D2: \"'n.v.t.'\" staat tussen aanhalingstekens. Verwacht: {FIGURE_EXPECTED}. "
            "Hint: haal de aanhalingstekens weg: typ n.v.t., dan is het 'geen cijfer' (zet de reden in de kolom "
            "'reden').",
            id="waarde-between-apostrophes",
        ),
        pytest.param(
            "values",
            0,
            "periode",
            "20/21",
            f"{WAARDEN}, cel B2: '20/21' is geen periode. Gevonden: '20/21'. "
            "Verwacht: een jaar (2020), jaren (2022-2023), kwartaal (Q3 2024) of maand (2024-03). "
            "Hint: schrijf de jaren voluit: 2020/21.",
            id="periode-short-years",
        ),
        # A short year of the last century is not one of this: '99 is 1999, and 99/00 spans two centuries, which the
        # form with / cannot write (1999/00 is no period).
        pytest.param(
            "values",
            0,
            "periode",
            "'99",
            f'{WAARDEN}, cel B2: "\'99" is geen periode. Gevonden: "\'99". '
            "Verwacht: een jaar (2020), jaren (2022-2023), kwartaal (Q3 2024) of maand (2024-03). "
            "Hint: schrijf het jaar voluit: 1999.",
            id="periode-short-year-of-last-century",
        ),
        pytest.param(
            "values",
            0,
            "periode",
            "99/00",
            f"{WAARDEN}, cel B2: '99/00' is geen periode. Gevonden: '99/00'. "
            "Verwacht: een jaar (2020), jaren (2022-2023), kwartaal (Q3 2024) of maand (2024-03). "
            "Hint: schrijf de jaren voluit: 1999-2000.",
            id="periode-short-years-over-a-century",
        ),
        pytest.param(
            "values",
            0,
            "soort",
            "onbekend",
            f"{WAARDEN}, cel C2: 'onbekend' is geen geldige soort. Gevonden: 'onbekend'. "
            "Verwacht: 'realisatie', 'streefwaarde', 'begroting', 'verwachting' of 'nulmeting'.",
            id="soort",
        ),
        pytest.param(
            "values",
            0,
            "soort",
            "realsatie",
            f"{WAARDEN}, cel C2: 'realsatie' is geen geldige soort. Gevonden: 'realsatie'. "
            "Verwacht: 'realisatie', 'streefwaarde', 'begroting', 'verwachting' of 'nulmeting'. "
            "Hint: bedoelt u 'realisatie'?",
            id="soort-typo",
        ),
        pytest.param(
            "indicators",
            1,
            "polariteit",
            "hoog is beter",
            f"{INDICATOREN}, cel F3: 'hoog is beter' is geen geldige polariteit. Gevonden: 'hoog is beter'. "
            "Verwacht: 'hoger is beter', 'lager is beter' of 'neutraal'. Hint: bedoelt u 'hoger is beter'?",
            id="polariteit-typo",
        ),
        pytest.param(
            "indicators",
            0,
            "decimalen",
            "veel",
            f"{INDICATOREN}, cel E2: 'veel' is geen aantal decimalen. Gevonden: 'veel'. "
            "Verwacht: een heel getal van 0 tot 6.",
            id="decimalen",
        ),
        pytest.param(
            "indicators",
            1,
            "polariteit",
            "soms",
            f"{INDICATOREN}, cel F3: 'soms' is geen geldige polariteit. Gevonden: 'soms'. "
            "Verwacht: 'hoger is beter', 'lager is beter' of 'neutraal'.",
            id="polariteit",
        ),
    ],
)
def test_wrong_column_type(
    make_project, built, sheet_rows: str, row: int, column: str, bad: str, expected: str
) -> None:
    """One bad cell gives one problem: an indicator with an error does not make its values 'unknown'."""
    project = make_project()
    built(project)
    getattr(project, sheet_rows)[row][column] = bad
    project.write()
    assert [str(p) for p in rejected(project)] == [expected]


# References between sheets and texts


@pytest.mark.parametrize(
    ("indicator", "hint"),
    [
        pytest.param("kcc-tevredenhied", "bedoelt u 'kcc-tevredenheid'?", id="close"),
        pytest.param("begrotingssaldo", "voeg de indicator toe aan het blad Indicatoren.", id="far"),
        # Not another indicator for sharing its ending: that hint would move the figure to it.
        pytest.param("zuil-tevredenheid", "voeg de indicator toe aan het blad Indicatoren.", id="same-ending"),
        # Told to add the indicator that was there: four capitals are too far for a typo.
        pytest.param(
            "KCC-Tevredenheid", "bedoelt u 'kcc-tevredenheid'? Hoofdletters tellen mee in een id.", id="case-only"
        ),
        pytest.param("KCC-Tevredenhied", "bedoelt u 'kcc-tevredenheid'?", id="case-and-typo"),
    ],
)
def test_unknown_indicator(make_project, built, indicator: str, hint: str) -> None:
    project = make_project()
    built(project)
    project.values[0]["indicator"] = indicator
    project.write()
    assert [str(p) for p in rejected(project)] == [
        f"{WAARDEN}, cel A2: onbekende indicator '{indicator}'. Gevonden: '{indicator}'. "
        f"Verwacht: een id uit het blad Indicatoren. Hint: {hint}"
    ]


@pytest.mark.parametrize("export", ["xlsx", "csv", "yaml"])
def test_an_indicator_pasted_twice_is_told_to_delete_the_copy(make_project, export: str) -> None:
    """A row copied twice was told to give one of them another id, which makes the copy an indicator of its own. (In
    YAML its values come along, and are told to be there twice.)"""
    project = make_project(export=export)
    project.indicators.append(dict(project.indicators[0]))
    project.write()
    (problem,) = [p for p in rejected(project) if p.message.startswith("de id")]
    assert problem.message.startswith("de id 'kcc-tevredenheid' komt twee keer voor")
    assert problem.hint == "de twee zijn precies gelijk, alsof ze twee keer zijn geplakt: verwijder er een."


def test_ids_that_differ_only_in_case_are_an_error(make_project, built) -> None:
    """'Balie-Tevredenheid' beside 'balie-tevredenheid' was accepted, with anchors a reader cannot tell apart; Excel's
    lookups take them for one."""
    project = make_project()
    built(project)
    project.indicators.append({**project.indicators[0], "id": project.indicators[0]["id"].title(), "titel": "Nog een"})
    project.write()
    first = project.indicators[0]["id"]
    row = len(project.indicators) + 1
    assert [str(p) for p in rejected(project)] == [
        f"{INDICATOREN}, cel A{row}: de id '{first.title()}' verschilt alleen in hoofdletters van '{first}' "
        f"({INDICATOREN}, cel A2). Hint: elke indicator heeft een eigen id, ook los van hoofdletters: geef een van "
        "beide een andere."
    ]


def test_duplicate_indicator_id(make_project, built) -> None:
    project = make_project()
    built(project)
    project.indicators.append({**project.indicators[1], "id": "kcc-tevredenheid", "titel": "Nog een"})
    project.write()
    assert [str(p) for p in rejected(project)] == [
        f"{INDICATOREN}, cel A4: de id 'kcc-tevredenheid' komt twee keer voor (ook in {INDICATOREN}, cel A2). "
        "Hint: elke indicator heeft een eigen id; geef een van beide een andere."
    ]


def test_an_id_with_characters_that_may_not_says_which_may(make_project, built) -> None:
    """'-kcc' is letters and a dash, which the message said were allowed: it did not say how an id begins."""
    project = make_project()
    built(project)
    project.indicators[1]["id"] = "-kcc"
    project.write()
    problems = [str(p) for p in rejected(project) if str(p.location).endswith("cel A3")]
    assert problems == [
        f"{INDICATOREN}, cel A3: de id bevat tekens die niet mogen. Gevonden: '-kcc'. Verwacht: letters, cijfers, "
        "punten, streepjes en liggende streepjes (_), zonder spaties, en vooraan een letter of cijfer."
    ]


def test_an_id_with_a_space_is_told_the_id_its_values_give_it(make_project, built) -> None:
    """'kcc bereikbaarheid' in Indicatoren and 'kcc-bereikbaarheid' on its values: every value row was an unknown
    indicator, to be added to the sheet Indicatoren where it was, beside the error of the id that was the one to
    mend."""
    project = make_project()
    built(project)
    project.indicators[1]["id"] = "kcc bereikbaarheid"
    project.write()
    assert [str(p) for p in rejected(project)] == [
        f"{INDICATOREN}, cel A3: de id bevat tekens die niet mogen. Gevonden: 'kcc bereikbaarheid'. Verwacht: "
        "letters, cijfers, punten, streepjes en liggende streepjes (_), zonder spaties, en vooraan een letter of "
        "cijfer. Hint: bedoelt u 'kcc-bereikbaarheid'? Zo heet de indicator in het blad Waarden; met die id horen de "
        "waarden daar erbij."
    ]
    project.values[4]["indicator"] = "kcc-bereikbaarhied"  # one row's own typo is its own, told the id as meant
    project.write()
    assert [str(p) for p in rejected(project)][1:] == [
        f"{WAARDEN}, cel A6: onbekende indicator 'kcc-bereikbaarhied'. Gevonden: 'kcc-bereikbaarhied'. Verwacht: een "
        "id uit het blad Indicatoren. Hint: bedoelt u 'kcc-bereikbaarheid'?"
    ]


def test_duplicate_value(make_project, built) -> None:
    project = make_project()
    built(project)
    project.values.append({"indicator": "kcc-tevredenheid", "periode": "2020", "soort": "realisatie", "waarde": "90"})
    project.write()
    assert [str(p) for p in rejected(project)] == [
        f"{WAARDEN}, cel D7: er staat al een realisatie voor 'kcc-tevredenheid' in 2020: {WAARDEN}, cel D3. "
        "Hint: verwijder een van beide, of geef een andere periode of soort."
    ]


def test_an_indicator_whose_value_rows_are_all_rejected_is_not_also_said_to_have_none(make_project, built) -> None:
    """Its rows are named as errors; "heeft geen waarden" beside them sent the user looking for rows that are there."""
    project = make_project()
    built(project)
    for row in project.values[3:]:
        row["waarde"] = "abc"
    project.write()
    assert [p.message for p in rejected(project)] == ["'abc' is geen getal.", "'abc' is geen getal."]


def test_no_indicator_is_said_to_have_no_values_while_waarden_has_errors(make_project, built) -> None:
    """A row split at a comma (no row of the table) or a missing column gave every indicator 'geen waarden'."""
    project = make_project(export="csv", csv_separator=",")
    built(project)
    del project.values[4]
    project.values[3]["waarde"] = "7,5"
    project.write()
    path = project.export_path / "waarden.csv"
    path.write_text(path.read_text(encoding="utf-8").replace('"7,5"', "7,5"), encoding="utf-8")
    assert [p.message for p in rejected(project) if "geen waarden" in p.message] == []
    project.values[3]["waarde"] = "83"
    project.write()
    path.write_text(path.read_text(encoding="utf-8").replace("soort,", "kind,", 1), encoding="utf-8")
    assert [p.message for p in rejected(project) if "geen waarden" in p.message] == []


def test_an_indicator_without_value_rows_is_said_to_have_none(make_project, built) -> None:
    project = make_project()
    built(project)
    del project.values[3:]
    project.write()
    problems = load_project(project.root).problems
    assert [str(p) for p in problems] == [
        f"{INDICATOREN}, cel A3: indicator 'kcc-bereikbaarheid' heeft geen waarden. "
        "Hint: voeg waarden toe in het blad Waarden, of 'geen cijfer' met een reden."
    ]


def test_a_realisation_kept_back_as_a_bound_is_told_to_leave_waarde_empty(make_project, built) -> None:
    """'< 5' as a realisation (a small count kept back for privacy) got the hint of a target: 5 in waarde, which the
    chart and the open data then published as the figure. Followed, the new hint publishes no number."""
    project = make_project()
    built(project)
    project.values[1]["waarde"] = "< 5"
    project.values[2]["waarde"] = "< 5"
    project.write()
    assert [str(p) for p in rejected(project)] == [
        f"{WAARDEN}, cel D3: '< 5' is geen getal. Gevonden: '< 5'. Verwacht: {FIGURE_EXPECTED}. Hint: laat 'waarde' "
        "leeg en zet '< 5' in de kolom 'tekst': de tabel toont de tekst, en de grafiek en de open data tonen geen "
        "getal, want het cijfer zelf is niet bekend. Of typ 'geen cijfer' met de reden in de kolom 'reden' (zoals "
        "'minder dan 5, niet gepubliceerd vanwege privacy').",
        f"{WAARDEN}, cel D4: '< 5' is geen getal. Gevonden: '< 5'. Verwacht: {FIGURE_EXPECTED}. Hint: zet het getal "
        "(5) in de kolom 'waarde' en '< 5' in de kolom 'tekst': de tabel toont de tekst, en of het streefcijfer "
        "gehaald is, wordt aan het getal gemeten.",
    ]
    project.values[1].update(waarde="", tekst="< 5")
    project.values[2].update(waarde="5", tekst="< 5")
    project.write()
    assert load_project(project.root, strict=True).problems == []
    build_project(project.root, strict=True)
    rows = csv.DictReader(io.StringIO((project.output / "open-data" / "indicatoren.csv").read_text("utf-8-sig")))
    kept_back = next(r for r in rows if r["periode"] == "2020" and r["soort"] == "realisatie" and r["tekst"])
    assert (kept_back["waarde"], kept_back["tekst"]) == ("", "< 5")


def test_a_reason_beside_a_text_without_a_number_is_said_not_to_be_published(make_project, built) -> None:
    """It was called "a reason beside a value that has a figure", which the value has not."""
    project = make_project()
    built(project)
    project.values[4].update(waarde="", tekst="volgt", reden="komt later")
    project.write()
    assert [str(p) for p in load_project(project.root).problems] == [
        f"{WAARDEN}, cel F6: de reden wordt niet gepubliceerd: de tabel toont de tekst in plaats van 'geen cijfer' "
        "met een reden. Gevonden: 'komt later'. Hint: zet de uitleg in de tekst of in een voetnoot; of maak de tekst "
        "leeg, dan toont de tabel 'geen cijfer' met deze reden."
    ]


def test_a_value_row_with_nothing_in_it_is_a_warning(make_project, built) -> None:
    """A space typed over the realisation 2020 was 'geen cijfer' without a reason, and the status 'niet te
    beoordelen', without a word. 'geen cijfer' written, or a reason, says it is meant."""
    project = make_project()
    built(project)
    project.values[0]["waarde"] = " "
    project.values[1].update(waarde="", reden="niet gemeten")
    project.values[2]["waarde"] = "geen cijfer"
    project.write()
    assert [str(p) for p in load_project(project.root).problems] == [
        f"{WAARDEN}, cel D2: de realisatie is leeg en er staat geen reden bij: de tabel toont 'geen cijfer' zonder "
        "uitleg. Hint: vul het cijfer in; of schrijf 'geen cijfer' en zet in de kolom reden waarom er geen cijfer is."
    ]
    # An empty target is no target set; a footnote says something of the empty figure.
    target = next(v for v in project.values if v["soort"] == "streefwaarde")
    target["waarde"] = ""
    project.values[0].update(voetnoot="de meting loopt nog")
    project.write()
    assert load_project(project.root).problems == []
    # Many are named ten at a time, and found without a scan of the problems per row (that was quadratic).
    first = project.values[0]
    project.values += [{**first, "periode": str(year), "waarde": "", "voetnoot": ""} for year in range(1990, 2005)]
    project.write()
    problems = [
        str(p)
        for p in load_project(project.root).problems
        if "realisatie is leeg" in p.message or "lege realisaties" in p.message
    ]
    assert len(problems) == 11 and problems[-1].endswith(
        "nog 5 lege realisaties zonder reden. Hint: zie de cellen hierboven."
    )


def test_a_text_that_names_another_number_than_the_value_is_a_warning(make_project, built) -> None:
    """waarde 92 with tekst 95 was published without a word: the table said 95, the open data and the status 92."""
    project = make_project()
    built(project)
    project.values[0].update(waarde="92", tekst="95")
    project.values[1].update(waarde="79,34", tekst="79,3%")  # rounded as written
    project.values[2].update(waarde="93", tekst="meer dan 90%")  # words beside the number: not compared
    project.write()
    assert [str(p) for p in load_project(project.root).problems] == [
        f"{WAARDEN}, cel E2: de tekst noemt een ander getal dan de waarde (92): de tabel toont de tekst, de open data "
        "en de status rekenen met de waarde. Gevonden: '95'. Hint: maak de tekst en de waarde gelijk, of laat een van "
        "beide leeg."
    ]


def test_a_text_without_a_number_in_place_of_a_figure_is_a_warning(make_project, built) -> None:
    """waarde 78 with tekst 'zie toelichting' (in a hidden column) was published without a word: the table showed the
    text, and the figure only the chart, the status and the open data had."""
    project = make_project()
    built(project)
    project.values[4].update(waarde="78", tekst="zie toelichting")  # kcc-bereikbaarheid 2020
    project.values[0].update(waarde="95", tekst="ruim negentig")  # the figure in words
    project.values[1].update(waarde="79,3", tekst="79,3% (TK)")
    project.values[2].update(waarde="", tekst="zo hoog mogelijk")  # no figure beside it
    project.values[3].update(waarde="0", tekst="nihil")  # zero in a word, as P&C tables write it
    project.values.append(  # and beside a 0, 'geen' says it too
        {"indicator": "kcc-bereikbaarheid", "periode": "2020", "soort": "streefwaarde", "waarde": "0", "tekst": "geen"}
    )
    project.write()
    workbook = load_workbook(project.export_path)
    workbook["Waarden"].column_dimensions["E"].hidden = True
    workbook.save(project.export_path)
    assert [str(p) for p in load_project(project.root).problems] == [
        f"{WAARDEN}, cel E6: de tekst noemt geen getal en staat in de tabel in plaats van de waarde 78 (cel D6): de "
        "lezer ziet dat cijfer niet, maar de grafiek, de status en de open data rekenen ermee. De kolom tekst is "
        "verborgen in Excel. Gevonden: 'zie toelichting'. Hint: wilt u het cijfer tonen, zet het dan in de tekst "
        "('78 (zie toelichting)') of de tekst in de kolom 'voetnoot'; vervangt de tekst het cijfer, maak de waarde dan "
        "leeg."
    ]
    project.export = "csv"
    project.write()
    assert [str(p) for p in load_project(project.root).problems if "noemt geen getal" in p.message] == [
        "waarden.csv, regel 6, kolom tekst: de tekst noemt geen getal en staat in de tabel in plaats van de waarde 78 "
        "(in de kolom 'waarde'): de lezer ziet dat cijfer niet, maar de grafiek, de status en de open data rekenen "
        "ermee. Gevonden: 'zie toelichting'. Hint: wilt u het cijfer tonen, zet het dan in de tekst ('78 (zie "
        "toelichting)') of de tekst in de kolom 'voetnoot'; vervangt de tekst het cijfer, maak de waarde dan leeg."
    ]


def test_a_figure_or_range_with_more_decimals_than_shown_is_a_warning(make_project, built) -> None:
    """7-7,5 with no decimals was shown as 7-8, a wider band than was set, without a word."""
    project = make_project()
    built(project)
    project.values[2]["waarde"] = "92,5-93,5"
    project.values[4]["waarde"] = "77,6"
    project.write()
    assert [str(p) for p in load_project(project.root).problems] == [
        f"{WAARDEN}, cel D4: het bereik 92,5-93,5 heeft meer decimalen dan de 0 die de indicator toont; het wordt "
        "afgerond tot 93-94. Hint: geef de indicator meer decimalen, of rond het bereik zelf af zoals het bedoeld is.",
        f"{WAARDEN}, cel D6: de waarde 77,6 heeft meer decimalen dan de 0 die de indicator toont; ze wordt afgerond. "
        "Hint: geef de indicator meer decimalen, of rond de waarde zelf af zoals ze bedoeld is.",
    ]


def test_a_series_spelled_two_ways_is_a_warning(make_project) -> None:
    project = make_project()
    project.values += [
        {
            "indicator": "kcc-tevredenheid",
            "periode": "2019",
            "soort": "realisatie",
            "waarde": "60",
            "reeks": "Nederland",
        },
        {
            "indicator": "kcc-tevredenheid",
            "periode": "2020",
            "soort": "realisatie",
            "waarde": "61",
            "reeks": "nederland",
        },
        {
            "indicator": "kcc-bereikbaarheid",
            "periode": "2020",
            "soort": "realisatie",
            "waarde": "62",
            "reeks": "nederland",
        },
    ]
    project.write()
    spelling = [str(p) for p in load_project(project.root).problems if "heet elders" in p.message]
    assert spelling == [
        f"{WAARDEN}, cel G8: de reeks 'nederland' heet elders 'Nederland' ({WAARDEN}, cel G7): dat zijn nu twee "
        "reeksen, elk met een deel van de cijfers. Gevonden: 'nederland'. Hint: schrijf de naam overal hetzelfde: "
        "'Nederland'."
    ]


def test_a_percent_sign_for_an_indicator_in_another_unit_is_a_warning(make_project) -> None:
    """'12%' under 'aantal' was published as 12 aantal, without a word."""
    project = make_project(export="csv")
    project.indicators[1]["eenheid"] = "aantal"
    project.values[3]["waarde"] = "83%"
    project.values[0]["waarde"] = "95%"  # kcc-tevredenheid is in %: fine
    project.indicators[0]["eenheid"] = "% van de bellers"  # a percentage too
    project.write()
    assert [str(p) for p in load_project(project.root).problems] == [
        "waarden.csv, regel 5, kolom waarde: de waarde heeft een procentteken, maar de eenheid van de indicator is "
        "'aantal': het teken vervalt. Gevonden: '83%'. Hint: zet % in de kolom eenheid van de indicator, of laat het "
        "teken weg."
    ]


def test_a_cell_excel_shows_as_a_percentage_for_an_indicator_in_another_unit_is_a_warning(make_project) -> None:
    """0,83 typed as 83% in Excel under 'aantal' was published as 83 aantal, without a word."""
    project = make_project()
    project.indicators[1]["eenheid"] = "aantal"
    project.write()
    workbook = load_workbook(project.export_path)
    for cell, value in (("D5", 0.83), ("D2", 0.95)):  # kcc-bereikbaarheid 2019, kcc-tevredenheid (in %) 2019
        workbook["Waarden"][cell] = value
        workbook["Waarden"][cell].number_format = "0%"
    workbook.save(project.export_path)
    assert [str(p) for p in load_project(project.root).problems] == [
        f"{WAARDEN}, cel D5: Excel toont de waarde als percentage, maar de eenheid van de indicator is 'aantal': "
        "gepubliceerd wordt het getal zonder procentteken. Gevonden: '83%'. Hint: zet % in de kolom eenheid van de "
        "indicator, of geef de cel de notatie Getal met de waarde die u bedoelt."
    ]


def test_a_number_cell_is_published_as_excel_shows_it_under_its_number_format(make_project) -> None:
    """=250/300*100 under the format 0 shows 83 in Excel and 78,4912 under 0,0 shows 78,5: an indicator without
    decimalen published 83,3333333333333 and 78,4912 in its table, chart and open data, without a word. With
    decimalen, the figure in full is rounded once to them: 94,46 under 0,0 (Excel: 94,5) is 94, not 95."""
    project = make_project()
    project.indicators[1]["decimalen"] = None  # kcc-bereikbaarheid
    project.write()
    workbook = load_workbook(project.export_path)
    sheet = workbook["Waarden"]
    for cell, value, number_format in (
        ("D2", 94.46, "0.0"),  # kcc-tevredenheid 2019, decimalen 0
        ("D3", 250 / 300 * 100, "0"),  # kcc-tevredenheid 2020
        ("D5", 250 / 300 * 100, "0"),  # kcc-bereikbaarheid 2019, no decimalen
        ("D6", 78.4912, "0.0"),  # kcc-bereikbaarheid 2020
    ):
        sheet[cell] = value
        sheet[cell].number_format = number_format
    workbook.save(project.export_path)

    loaded = load_project(project.root)

    satisfied, reachable = loaded.document.indicators()
    assert [str(value.figure.value) for value in reachable.values] == ["83", "78.5"]
    # In full: the table rounds them to 0 decimals; the open data keeps them.
    assert [str(value.figure.value) for value in satisfied.values[:2]] == ["94.46", "83.3333333333333"]
    # 83 is what Excel shows too; 94,46 shows as 94,5 there and as 94 in the table.
    assert [str(p) for p in loaded.problems] == [
        f"{WAARDEN}, cel D2: de waarde 94,46 heeft meer decimalen dan de 0 die de indicator toont; ze wordt afgerond. "
        "Hint: geef de indicator meer decimalen, of rond de waarde zelf af zoals ze bedoeld is."
    ]
    build_project(project.root)
    page = page_lines((project.output / SECTION_PAGE).read_text(encoding="utf-8"))
    assert not any("83,33" in line or "78,49" in line for line in page)
    assert any("78,5" in line for line in page)
    open_data = (project.output / "open-data" / "indicatoren.csv").read_text(encoding="utf-8-sig").splitlines()
    assert [line.split(",")[16] for line in open_data if ",kcc-bereikbaarheid," in line] == ["83", "78.5"]


def test_a_float_with_a_binary_rest_in_a_general_cell_is_published_as_excel_shows_it(make_project) -> None:
    """=78,3-78,2 in a cell of the format Standaard (General) shows 0,1 in Excel and holds 0.09999999999999432: the
    site published 0,0999999999999943 (15 digits are more than Excel shows there)."""
    project = make_project()
    project.indicators[1]["decimalen"] = None  # kcc-bereikbaarheid
    project.write()
    workbook = load_workbook(project.export_path)
    sheet = workbook["Waarden"]
    sheet["D5"], sheet["D6"] = 78.3 - 78.2, sum([0.1] * 10_000)  # kcc-bereikbaarheid 2019 and 2020
    sheet["D5"].number_format = sheet["D6"].number_format = "General"
    workbook.save(project.export_path)

    loaded = load_project(project.root)

    reachable = loaded.document.indicators()[1]
    assert [str(value.figure.value) for value in reachable.values] == ["0.1", "1000"]


def test_a_computed_amount_in_a_general_cell_is_rounded_in_full_to_its_indicators_decimals(make_project) -> None:
    """=7123456789,45-0,000001 in a cell of the format Standaard shows 7123456789 (11 characters) in Excel and holds
    7123456789.449999: an indicator with 'decimalen: 2' published 7.123.456.789,00, the 11 characters rounded, where
    Excel's 15 digits are 7123456789,45. Without decimalen the figure is what Excel shows."""
    project = make_project()
    for indicator, places in zip(project.indicators, (2, None), strict=True):
        indicator.update(decimalen=places, eenheid="euro")
    project.write()
    workbook = load_workbook(project.export_path)
    sheet = workbook["Waarden"]
    sheet["D2"] = sheet["D5"] = 7123456789.45 - 0.000001  # kcc-tevredenheid 2019, kcc-bereikbaarheid 2019
    sheet["D2"].number_format = sheet["D5"].number_format = "General"
    workbook.save(project.export_path)

    loaded = load_project(project.root)

    satisfied, reachable = loaded.document.indicators()
    assert str(satisfied.values[0].figure.value) == "7123456789.45"
    assert str(reachable.values[0].figure.value) == "7123456789"
    build_project(project.root)
    page = page_lines((project.output / SECTION_PAGE).read_text(encoding="utf-8"))
    assert any("7.123.456.789,45" in line for line in page), page
    assert not any("789,00" in line for line in page)


@pytest.mark.parametrize("unit", ["percentage", "Percentage van de bellers", "pct.", "procent"])
def test_a_percentage_under_a_unit_that_says_percentage_in_words_is_no_warning(make_project, unit: str) -> None:
    """'percentage' is the unit of many a municipality's indicators: every cell Excel shows as 83% in them was said
    to be published without its percent sign, with the hint to put % in the unit."""
    project = make_project()
    project.indicators[1]["eenheid"] = unit
    project.values[4]["waarde"] = "78%"  # kcc-bereikbaarheid 2020, typed with its sign in a text cell
    project.write()
    workbook = load_workbook(project.export_path)
    workbook["Waarden"]["D5"] = 0.83  # kcc-bereikbaarheid 2019
    workbook["Waarden"]["D5"].number_format = "0%"
    workbook.save(project.export_path)
    assert [str(p) for p in load_project(project.root).problems] == []


def test_a_percentage_a_hundred_times_off_its_indicators_other_figures_is_a_warning(make_project) -> None:
    """0,785 typed as a fraction beside 95 and 93 was published as 0,785%, and 78 in a cell with the format
    Percentage (Excel shows 7800%) as 7.800%, without a word."""
    project = make_project()
    project.values[1]["waarde"] = "0,785"  # kcc-tevredenheid 2020
    project.values.append(
        {"indicator": "kcc-bereikbaarheid", "periode": "2020", "soort": "streefwaarde", "waarde": "80"}
    )
    project.write()
    workbook = load_workbook(project.export_path)
    workbook["Waarden"]["D6"] = 78  # kcc-bereikbaarheid 2020
    workbook["Waarden"]["D6"].number_format = "0%"
    workbook.save(project.export_path)
    problems = load_project(project.root).problems
    assert [str(p) for p in problems if p.message.startswith("het cijfer")] == [
        f"{WAARDEN}, cel D3: het cijfer 0,785 is ongeveer een honderdste van de andere cijfers van deze indicator, "
        "die rond 93 liggen: is het als fractie ingevuld (0,785 voor 78,5%)? Gepubliceerd wordt 0,785%. Hint: vul het "
        "percentage in, zoals 78,5 voor 78,5%.",
        f"{WAARDEN}, cel D6: het cijfer 7.800 is ongeveer honderd keer zo groot als de andere cijfers van deze "
        "indicator, die rond 83 liggen: staat het in een cel met de notatie Percentage (die toont 78 als 7.800%)? "
        "Gepubliceerd wordt 7.800%. Hint: geef de cel de notatie Getal, of vul de fractie in (0,78 voor 78%).",
    ]


def test_percentages_below_one_or_over_a_hundred_alike_are_no_warning(make_project) -> None:
    """An indicator whose figures are all small (0,4% absence) or grow past 100% is as it was entered."""
    project = make_project()
    for record, small in zip(project.values[:3], ("0,4", "0,6", "1,2"), strict=True):
        record["waarde"] = small
    for record, large in zip(project.values[3:], ("120", "250"), strict=True):
        record["waarde"] = large
    project.values.append(
        {"indicator": "kcc-bereikbaarheid", "periode": "2020", "soort": "streefwaarde", "waarde": "5"}
    )
    project.write()
    assert [p for p in load_project(project.root).problems if p.message.startswith("het cijfer")] == []


@pytest.mark.parametrize(
    ("unit", "figures"),
    [("%", ("22", "14,9", "8", "2,5", "1,0")), ("%-punt", ("12", "15", "-0,8")), ("procentpunt", ("0,5", "40", "60"))],
    ids=["falling-share", "percentage-points", "points-again"],
)
def test_a_share_that_falls_towards_one_or_percentage_points_are_no_warning(
    make_project, unit: str, figures: tuple[str, ...]
) -> None:
    """A share falling from 22 to 1,0 over the years was told "is het als fractie ingevuld (1,0 voor 100%)?", and a
    change of -0,8 percentage points beside 12 and 15 the same."""
    project = make_project()
    project.indicators[0]["eenheid"] = unit
    project.indicators[0]["decimalen"] = 1
    project.values[:3] = [
        {"indicator": "kcc-tevredenheid", "periode": str(2016 + n), "soort": "realisatie", "waarde": figure}
        for n, figure in enumerate(figures)
    ]
    project.config["tabel"] = {"realisatie": "2016-2020", "streefwaarde": 2020}
    project.write()
    assert [p for p in load_project(project.root).problems if p.message.startswith("het cijfer")] == []


def test_a_month_that_reads_as_a_school_year_is_a_warning_unless_the_indicator_has_months(make_project) -> None:
    """'2011-12' beside yearly figures was published as December 2011, in a column of its own."""
    project = make_project(export="csv")
    project.values[0]["periode"] = "2011-12"  # kcc-tevredenheid: otherwise years
    project.values[3]["periode"] = "2010-11"  # kcc-bereikbaarheid: with another month, so a month
    project.values.append(
        {"indicator": "kcc-bereikbaarheid", "periode": "2010-09", "soort": "realisatie", "waarde": "1"}
    )
    project.write()
    months = [str(p) for p in load_project(project.root).problems if "maand" in p.message]
    assert months == [
        "waarden.csv, regel 2, kolom periode: de periode 2011-12 is de maand december 2011; de indicator heeft verder "
        "geen maanden. Gevonden: '2011-12'. Hint: bedoelt u de jaren 2011 en 2012 (een schooljaar), schrijf dan "
        "2011-2012."
    ]


def test_a_markdown_footnote_is_shown_without_a_warning(make_project) -> None:
    """[^1] with [^1]: De noot. is a footnote on the page, in a text and in an explanation alike."""
    project = make_project(texts={**TEXTS, "4.1.md": "# Dienstverlening\n\nDe balie[^1] is open.\n\n[^1]: De noot.\n"})
    project.indicators[0]["toelichting"] = "Gemeten in juni^[Bron: Klant in Focus.] en juli[^a].\n[^A]: Ook KCC."
    project.write()
    assert load_project(project.root).problems == []


def test_a_footnote_without_its_reference_or_reference_without_its_footnote_is_named(make_project) -> None:
    """A reference without its footnote stands on the page as written ('[^2]'), and a footnote without a reference
    is not shown at all: each a warning at its line or cell, where the check said only 'not shown' of any."""
    project = make_project(export="csv")
    project.texts["4.1.md"] = (
        "# Dienstverlening\n\nDe balie[^1] is open[^2].\n\n`[^4]` is code.\n\n[^1]: De noot.\n[^3]: Vergeten.\n"
        "[^1]: Nog eens.\n"
    )
    project.indicators[0]["toelichting"] = "Gemeten in juni[^bron]."
    project.write()
    assert [str(p) for p in load_project(project.root).problems] == [
        "tekst/4.1.md, regel 3: de verwijzing [^2] heeft geen voetnoot: de lezer ziet '[^2]' als tekst. Hint: zet de "
        "voetnoot onder de tekst, op een regel van zichzelf: '[^2]: De tekst van de noot.'",
        "tekst/4.1.md, regel 8: de voetnoot [^3] wordt niet getoond: in de tekst staat geen verwijzing [^3]. Hint: zet "
        "[^3] achter het woord of de zin waar de voetnoot bij hoort, of haal de voetnoot weg.",
        "tekst/4.1.md, regel 9: er staan twee voetnoten [^1]: de verwijzingen [^1] leiden naar de eerste. Hint: geef "
        "elke voetnoot een eigen label, zoals [^1] en [^2].",
        "indicatoren.csv, regel 2, kolom toelichting: de verwijzing [^bron] heeft geen voetnoot: de lezer ziet "
        "'[^bron]' als tekst. Hint: zet de voetnoot onder de tekst, op een regel van zichzelf: '[^bron]: De tekst van "
        "de noot.'",
    ]


def test_section_without_text(make_project, built) -> None:
    project = make_project()
    built(project)
    project.indicators[1]["paragraaf"] = "4.2"
    project.write()
    assert [str(p) for p in rejected(project)] == [
        f"{INDICATOREN}, cel B3: paragraaf 4.2 bestaat niet. Gevonden: '4.2'. Verwacht: een van: 4.1. "
        "Hint: maak een tekstbestand 4.2.md in de map met teksten, of verbeter het nummer."
    ]


def test_an_indicator_in_a_chapter_is_told_to_go_in_a_section(make_project, built) -> None:
    """'4' where 4.md is there got "paragraaf 4 bestaat niet. Hint: maak een tekstbestand 4.md", a file the user had:
    an indicator belongs in a section."""
    project = make_project()
    built(project)
    project.indicators[1]["paragraaf"] = "4"
    project.write()
    assert [str(p) for p in rejected(project)] == [
        f"{INDICATOREN}, cel B3: 4 is het nummer van een hoofdstuk, en een indicator staat altijd in een paragraaf. "
        "Gevonden: '4'. Verwacht: een van: 4.1. Hint: zet het nummer van de paragraaf van hoofdstuk 4 waar de "
        "indicator bij hoort, zoals 4.1."
    ]
    project.texts["5.md"] = "# Financiën\n"
    project.indicators[1]["paragraaf"] = "5"
    project.write()
    assert [str(p) for p in rejected(project)] == [
        f"{INDICATOREN}, cel B3: 5 is het nummer van een hoofdstuk, en een indicator staat altijd in een paragraaf. "
        "Gevonden: '5'. Verwacht: een van: 4.1. Hint: maak een paragraaf in hoofdstuk 5 (een tekstbestand 5.1.md) en "
        "zet dat nummer hier."
    ]


def test_section_typed_with_a_comma_gets_the_number_meant(make_project, built) -> None:
    """'4,1' for 4.1 got the hint to make a text file '4,1.md', a name the texts do not allow."""
    project = make_project()
    built(project)
    project.indicators[1]["paragraaf"] = "4,1"
    project.write()
    assert [str(p) for p in rejected(project)] == [
        f"{INDICATOREN}, cel B3: paragraaf 4,1 bestaat niet. Gevonden: '4,1'. Verwacht: een van: 4.1. "
        "Hint: bedoelt u '4.1'?"
    ]


def test_a_section_text_saved_as_unicode_by_notepad_is_read(make_project, built) -> None:
    """Notepad's "Unicode" (UTF-16) was "waarschijnlijk Windows-1252, byte 0xFF", where a CSV file so saved is read."""
    project = make_project()
    built(project)
    project.write()
    path = project.root / "tekst" / "4.1.md"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    assert [str(p) for p in load_project(project.root).problems] == []


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(
            "# Dienstverlening\n\nDe balie van het café.\n".encode("cp1252"),
            "tekst/4.1.md, regel 3: het bestand is geen UTF-8 maar waarschijnlijk Windows-1252, zoals Kladblok een "
            "bestand met codering 'ANSI' opslaat. Gevonden: 'café (byte 0xE9)'. Verwacht: tekst in UTF-8. Hint: sla "
            "het bestand op als UTF-8 (in Kladblok: Opslaan als, Codering: UTF-8).",
            id="windows-1252",
        ),
        pytest.param(
            b"\xef\xbb\xbf# Dienstverlening\n\nDe balie\n\nvan het caf\xe9.\n",
            "tekst/4.1.md, regel 5: het bestand is geen UTF-8 maar waarschijnlijk Windows-1252, zoals Kladblok een "
            "bestand met codering 'ANSI' opslaat. Gevonden: 'café (byte 0xE9)'. Verwacht: tekst in UTF-8. Hint: sla "
            "het bestand op als UTF-8 (in Kladblok: Opslaan als, Codering: UTF-8).",
            id="after-a-byte-order-mark",
        ),
        pytest.param(
            b"Dienstverlening\n\nDe balie.\n",
            "tekst/4.1.md, regel 1: het bestand begint niet met een kop die de titel geeft. Verwacht: een eerste regel "
            "zoals '# Bestuur en dienstverlening'.",
            id="no-title",
        ),
    ],
)
def test_a_section_text_with_a_problem_is_reported_once_at_the_file(
    make_project, built, content: bytes, expected: str
) -> None:
    """A section text in Windows-1252 or without a title also gave every indicator of the section "paragraaf 4.1
    bestaat niet. Hint: maak een tekstbestand 4.1.md", beside the file that is there; and the line of the wrong byte
    was not named."""
    project = make_project()
    built(project)
    project.write()
    (project.root / "tekst" / "4.1.md").write_bytes(content)
    assert [str(p) for p in rejected(project)] == [expected]


def test_a_text_saved_with_txt_behind_its_name_is_reported_once_at_the_file(make_project, built) -> None:
    """A text made in Explorer or Notepad as '4.1.md' is 4.1.md.txt, and Windows hides the '.txt': the section was
    left out without a word about the file, and each indicator of it had "paragraaf 4.1 bestaat niet. Hint: maak een
    tekstbestand 4.1.md" beside the file the user had made."""
    project = make_project()
    built(project)
    texts = project.root / "tekst"
    (texts / "4.1.md").rename(texts / "4.1.md.txt")
    assert [str(p) for p in rejected(project)] == [
        "tekst/4.1.md.txt: dit bestand wordt niet gelezen. Hint: het bestand heet 4.1.md.txt: Kladblok zette er .txt "
        "achter, en Windows verbergt dat. Hernoem het naar 4.1.md (zet in de Verkenner onder Beeld "
        "'Bestandsnaamextensies' aan om het te zien)."
    ]
    (texts / "4.1.md.txt").rename(texts / "4.1.txt")
    assert [str(p) for p in rejected(project)] == [
        "tekst/4.1.txt: dit bestand wordt niet gelezen. Hint: een tekst heet naar zijn nummer, met .md erachter: "
        "hernoem het naar 4.1.md (zet in de Verkenner onder Beeld 'Bestandsnaamextensies' aan om te zien hoe een "
        "bestand echt heet)."
    ]
    # Beside the text that is read, a copy is a warning: it may be the one the user edits.
    shutil.copy(texts / "4.1.txt", texts / "4.1.md")
    assert [str(p) for p in load_project(project.root).problems] == [
        "tekst/4.1.txt: dit bestand wordt niet gelezen: de tekst van 4.1 komt uit tekst/4.1.md. Hint: staat de tekst "
        "die u bijwerkt in 4.1.txt, zet hem dan in tekst/4.1.md; haal daarna dit bestand weg."
    ]
    # Notes of the author's that do not take a text's name are left alone, also named by a year: no chapter has one.
    (texts / "4.1.txt").rename(texts / "2020 aantekeningen.txt")
    (texts / "2025.txt").write_text("Aantekeningen voor volgend jaar.", encoding="utf-8")
    assert load_project(project.root, strict=True).problems == []


def test_a_chapter_saved_with_txt_behind_its_name_is_reported_once_at_the_file(make_project, built) -> None:
    """4.md.txt was told at the file, and again at each of its sections ("hoort bij hoofdstuk 4, maar er is geen
    tekst voor hoofdstuk 4. Hint: maak 4.md"), and once more as a document without chapters."""
    project = make_project()
    built(project)
    texts = project.root / "tekst"
    (texts / "4.md").rename(texts / "4.md.txt")
    assert [str(p) for p in rejected(project)] == [
        "tekst/4.md.txt: dit bestand wordt niet gelezen. Hint: het bestand heet 4.md.txt: Kladblok zette er .txt "
        "achter, en Windows verbergt dat. Hernoem het naar 4.md (zet in de Verkenner onder Beeld "
        "'Bestandsnaamextensies' aan om het te zien)."
    ]


def test_a_text_whose_name_ends_in_capitals_is_read(make_project, built) -> None:
    """4.1.MD was read on Windows and left out, with its indicators, on a server (Linux) or a Mac."""
    project = make_project()
    built(project)
    texts = project.root / "tekst"
    (texts / "4.1.md").rename(texts / "4.1.MD")
    loaded = load_project(project.root, strict=True)
    assert [section.number for section in loaded.document.chapters[0].sections] == ["4.1"]


# Years outside the document, and other warnings


def test_realised_after_document_year(make_project, built) -> None:
    project = make_project()
    built(project)
    project.values.append({"indicator": "kcc-tevredenheid", "periode": "2021", "soort": "realisatie", "waarde": "96"})
    project.write()
    assert [str(p) for p in rejected(project)] == [
        f"{WAARDEN}, cel B7: een realisatie voor 2021 kan niet in het document over 2020 staan. "
        "Gevonden: '2021'. Verwacht: een periode tot en met 2020. "
        "Hint: is dit een streefwaarde of verwachting? Verbeter dan de soort."
    ]
    # a span that only ends after the year was published without a word; a school year can be right, so it warns
    project.values[-1]["periode"] = "2020-2021"
    project.write()
    warnings = [str(p) for p in load_project(project.root).problems]
    assert warnings[0].startswith(
        f"{WAARDEN}, cel B7: de realisatie voor 2020-2021 loopt door tot na 2020, het jaar van het document."
    )
    project.values[-1]["periode"] = "2020/21"  # echoed as written, not as '2020-2021'
    project.write()
    assert "Gevonden: '2020/21'." in str(load_project(project.root).problems[0])


def _assert_warning_only(project: TestProject, expected: str) -> None:
    """The project loads with the warning; under --strict it is rejected and nothing is written."""
    loaded = load_project(project.root)
    assert [str(p) for p in loaded.problems] == [expected]
    assert [p.severity for p in loaded.problems] == [Severity.WARNING]
    problems = rejected(project, strict=True)
    assert [str(p) for p in problems] == [expected]
    with pytest.raises(InvalidProject, match=r"1 waarschuwing \(strikte modus\)\. Er is niets geschreven\."):
        load_project(project.root, strict=True)


def test_target_year_not_in_table(make_project, built) -> None:
    project = make_project()
    built(project)
    project.values.append({"indicator": "kcc-tevredenheid", "periode": "2024", "soort": "streefwaarde", "waarde": 97})
    project.write()
    _assert_warning_only(
        project,
        f"{WAARDEN}, cel B7: de streefwaarde voor 2024 staat niet in de tabel. Gevonden: '2024'. "
        "Verwacht: een jaar uit 'tabel.streefwaarde'. "
        "Hint: voeg het jaar toe aan 'tabel.streefwaarde' in verantwoord.yaml, of verwijder de waarde.",
    )


def test_a_figure_no_column_shows_gets_a_hint_that_can_show_it(make_project, built) -> None:
    """The hint always said "voeg het jaar toe aan 'tabel.realisatie'": also for a quarter, which a year column can
    never show, and for a section with table settings of its own under 'paragrafen'."""
    project = make_project()
    built(project)
    project.values.append({"indicator": "kcc-tevredenheid", "periode": "Q3 2018", "soort": "realisatie", "waarde": 9})
    project.write()
    (warning,) = [str(p) for p in load_project(project.root).problems]
    assert warning.endswith(
        "Hint: een kolom per periode is er alleen voor jaren; 'laatste meting' in 'tabel.kolommen' toont het laatste "
        "cijfer met zijn periode. Of verwijder de waarde."
    )
    project.values[-1]["periode"] = "2014"
    project.config["paragrafen"] = {"4.1": {"tabel": {"realisatie": "2019-2020"}}}
    project.write()
    (warning,) = [str(p) for p in load_project(project.root).problems]
    assert "Hint: voeg het jaar toe aan 'paragrafen.\"4.1\".tabel.realisatie' in verantwoord.yaml" in warning
    # a bare 'realisatie' column takes the years of tabel.realisatie: that is still the setting to change
    del project.config["paragrafen"]
    project.config["tabel"] = {"realisatie": "2017-2020", "kolommen": ["realisatie", "streefwaarde"]}
    project.write()
    (warning,) = [str(p) for p in load_project(project.root).problems]
    assert "Hint: voeg het jaar toe aan 'tabel.realisatie' in verantwoord.yaml" in warning
    # columns with years of their own, even the same as the setting's: kolommen is where to add the year
    project.config["tabel"] = {"kolommen": ["realisatie 2014-2020", "streefwaarde 2020"]}
    project.values[-1].update(periode="2024", soort="streefwaarde")
    project.write()
    (warning,) = [str(p) for p in load_project(project.root).problems]
    assert "Hint: zet 'streefwaarde 2024' in 'tabel.kolommen', of verwijder de waarde." in warning


def test_indicator_without_source(make_project, built) -> None:
    project = make_project()
    built(project)
    project.indicators[1]["bron"] = None
    project.write()
    _assert_warning_only(
        project,
        f"{INDICATOREN}, cel G3: indicator 'kcc-bereikbaarheid' heeft geen bron. "
        "Hint: vul de kolom 'bron': de lezer wil weten waar het cijfer vandaan komt.",
    )


def test_unknown_extra_column(make_project, built) -> None:
    project = make_project()
    built(project)
    project.write_sheets(
        {
            "Indicatoren": sheet([*INDICATOR_COLUMNS, "opmerking"], project.indicators),
            "Waarden": sheet(VALUE_COLUMNS, project.values),
        }
    )
    _assert_warning_only(
        project,
        f"{INDICATOREN}, cel I1: onbekende kolom 'opmerking' wordt niet gebruikt. "
        "Hint: bekende kolommen: id, paragraaf, titel, eenheid, decimalen, polariteit, bron, toelichting.",
    )


# Files that cannot be read, sheets and columns that are missing


def _truncated(project: TestProject) -> bytes:
    data = project.export_path.read_bytes()
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    "corrupt",
    [
        pytest.param(lambda project: os.urandom(4096), id="random-bytes"),
        pytest.param(_truncated, id="truncated-zip"),
    ],
)
def test_corrupt_workbook(make_project, built, corrupt) -> None:
    project = make_project()
    built(project)
    project.export_path.write_bytes(corrupt(project))
    problems = rejected(project)
    assert len(errors(problems)) == 1
    problem = next(p for p in problems if p.severity is Severity.ERROR)
    assert str(problem.location) == "indicatoren.xlsx"
    assert problem.message.startswith("dit bestand is geen leesbare Excel-werkmap: beschadigd, of geen .xlsx (")
    assert problem.expected == "een Excel-werkmap (.xlsx)"
    assert problem.hint == "open het bestand in Excel en sla het opnieuw op als Excel-werkmap (.xlsx)."


def test_an_empty_workbook_file_is_said_to_be_empty(make_project, built) -> None:
    """It got "geen leesbare Excel-werkmap (invalid Zip archive: Could not find EOCD)"."""
    project = make_project()
    built(project)
    project.export_path.write_bytes(b"")
    assert [str(p) for p in rejected(project)] == [
        "indicatoren.xlsx: dit bestand is leeg (0 bytes): het is niet (helemaal) opgeslagen of gekopieerd. "
        "Verwacht: een Excel-werkmap (.xlsx). Hint: sla de werkmap opnieuw op in Excel, of kopieer hem opnieuw."
    ]


def test_password_protected_workbook(make_project, built) -> None:
    project = make_project()
    built(project)
    project.export_path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    assert errors(rejected(project)) == [
        "indicatoren.xlsx: dit is geen gewoon .xlsx-bestand: het is met een wachtwoord beveiligd, of in het oude "
        ".xls-formaat. Verwacht: een Excel-werkmap (.xlsx) zonder wachtwoord. Hint: haal in Excel de beveiliging "
        "weg (Bestand > Info > Werkmap beveiligen) en sla op als .xlsx."
    ]


def _ole_file(stream: str) -> bytes:
    """An Office file of the old kind (OLE) as far as the reader looks: its magic, and a stream's name in its directory
    as UTF-16 ('Workbook' in an .xls, 'EncryptedPackage' in an .xlsx with a password)."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + stream.encode("utf-16-le") + bytes(4096)


def _ods() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


SAVE_AS_XLSX = (
    "Verwacht: een Excel-werkmap (.xlsx). Hint: open het bestand in Excel en sla het op als Excel-werkmap (.xlsx) "
    "(Bestand > Opslaan als); alleen de naam veranderen is niet genoeg."
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            b"id;paragraaf;titel\r\nkcc-tevredenheid;4.1;Tevredenheid\r\n",
            "dit bestand is geen Excel-werkmap maar een tekstbestand (CSV), met de naam indicatoren.xlsx. "
            + SAVE_AS_XLSX,
            id="csv",
        ),
        pytest.param(
            b"\xef\xbb\xbf<html><body><table><tr><td>id</td></tr></table></body></html>",
            "dit bestand is geen Excel-werkmap maar een webpagina (HTML), met de naam indicatoren.xlsx. "
            + SAVE_AS_XLSX,
            id="html",
        ),
        pytest.param(
            b'<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
            "dit bestand is geen Excel-werkmap maar een XML-werkblad van Excel 2003, met de naam indicatoren.xlsx. "
            + SAVE_AS_XLSX,
            id="excel-2003-xml",
        ),
        pytest.param(
            _ods(),
            "dit bestand is geen Excel-werkmap maar een OpenDocument-rekenblad (.ods), met de naam indicatoren.xlsx. "
            + SAVE_AS_XLSX,
            id="ods",
        ),
        pytest.param(
            _ole_file("Workbook"),
            "deze werkmap is in het oude .xls-formaat (Excel 97-2003), ook al heet het bestand indicatoren.xlsx. "
            + SAVE_AS_XLSX,
            id="xls",
        ),
        pytest.param(
            _ole_file("EncryptedPackage"),
            "deze werkmap is met een wachtwoord beveiligd: verantwoord kan haar niet openen. Verwacht: een "
            "Excel-werkmap (.xlsx) zonder wachtwoord. Hint: haal in Excel het wachtwoord weg (Bestand > Info > "
            "Werkmap beveiligen > Versleutelen met wachtwoord: maak het veld leeg) en sla op.",
            id="password",
        ),
    ],
)
def test_a_file_of_another_kind_named_xlsx_is_said_to_be_that_kind(make_project, built, data, expected) -> None:
    """A system's 'export to Excel' writes a CSV file, a web page or Excel 2003's XML under the name .xlsx: the user
    was told the file was damaged ('Could not find EOCD'), or that it had a password or was an .xls."""
    project = make_project()
    built(project)
    project.export_path.write_bytes(data)
    assert [str(p) for p in rejected(project)] == [f"indicatoren.xlsx: {expected}"]


def test_empty_sheet(make_project, built) -> None:
    project = make_project()
    built(project)
    project.write_sheets({"Indicatoren": sheet(INDICATOR_COLUMNS, project.indicators), "Waarden": []})
    assert errors(rejected(project)) == [
        f"{WAARDEN}: het blad Waarden is leeg. Verwacht: een kopregel met de kolommen indicator, periode, soort, "
        "waarde, tekst, reden, reeks, voetnoot. Hint: begin met het sjabloon van 'verantwoord new', of kopieer de "
        "kopregel uit de handleiding."
    ]


def test_missing_sheet(make_project, built) -> None:
    project = make_project()
    built(project)
    project.write_sheets({"Indicatoren": sheet(INDICATOR_COLUMNS, project.indicators)})
    assert errors(rejected(project)) == [
        "indicatoren.xlsx: het blad Waarden ontbreekt. Gevonden: 'Indicatoren'. "
        "Verwacht: de bladen Indicatoren en Waarden. "
        "Hint: hernoem het blad, of begin met het sjabloon van 'verantwoord new'."
    ]


def test_the_open_data_of_a_site_chosen_as_export_says_so(make_project, built) -> None:
    """Its sheets Cijfers and Uitleg got the hint to rename a sheet."""
    project = make_project()
    built(project)
    # The export the site was built with, as its open data names it (`built` copies one build made for every test).
    built_with = next(
        csv.DictReader(io.StringIO((project.output / "open-data" / "indicatoren.csv").read_text("utf-8-sig")))
    )
    shutil.copyfile(project.output / "open-data" / "indicatoren.xlsx", project.export_path)
    assert errors(rejected(project)) == [
        "indicatoren.xlsx: dit is de open data van een gebouwde website (bladen Cijfers en Uitleg), geen export. "
        "Verwacht: een export met de bladen Indicatoren en Waarden. "
        "Hint: kies de export waaruit die website is gebouwd (het bestand 'indicatoren.xlsx', vingerafdruk "
        f"{built_with['export_sha256'][:12]}), of de projectmap ervan; verantwoord diff noemt achter elke "
        "export zijn vingerafdruk."
    ]


def test_the_open_data_of_an_english_site_chosen_as_export_says_so(make_project) -> None:
    project = make_project()
    project.config["taal"] = "en"
    project.write()
    build_project(project.root, strict=True)
    shutil.copyfile(project.output / "open-data" / "indicatoren.xlsx", project.export_path)
    assert [p.message for p in errors_of(rejected(project))] == [
        "dit is de open data van een gebouwde website (bladen Figures en Explanation), geen export."
    ]


def test_a_sheet_waarden_renamed_cijfers_is_a_missing_sheet_not_open_data(make_project, built) -> None:
    """With Indicatoren there, Cijfers and Uitleg were taken for a site's open data."""
    project = make_project()
    built(project)
    workbook = load_workbook(project.export_path)
    workbook["Waarden"].title = "Cijfers"
    workbook.create_sheet("Uitleg")
    workbook.save(project.export_path)
    assert [p.message for p in errors_of(rejected(project))] == ["het blad Waarden ontbreekt."]


def test_missing_indicator_sheet_does_not_make_every_value_unknown(make_project, built) -> None:
    project = make_project()
    built(project)
    project.write_sheets({"Indicators": [["id"]], "Waarden": sheet(VALUE_COLUMNS, project.values)})
    assert errors(rejected(project)) == [
        "indicatoren.xlsx: het blad Indicatoren ontbreekt. Gevonden: 'Indicators, Waarden'. "
        "Verwacht: de bladen Indicatoren en Waarden. "
        "Hint: hernoem het blad, of begin met het sjabloon van 'verantwoord new'."
    ]


def test_missing_required_column(make_project, built) -> None:
    project = make_project()
    built(project)
    columns = [c for c in VALUE_COLUMNS if c.name != "soort"]
    project.write_sheets(
        {"Indicatoren": sheet(INDICATOR_COLUMNS, project.indicators), "Waarden": sheet(columns, project.values)}
    )
    assert errors(rejected(project)) == [
        f"{WAARDEN}: de verplichte kolom 'soort' ontbreekt in het blad Waarden. "
        "Gevonden: 'indicator, periode, waarde, tekst, reden, reeks, voetnoot'. "
        "Verwacht: indicator, periode, soort, waarde. "
        "Hint: de eerste gevulde regel van het blad is de kopregel; zet daar de kolomnamen."
    ]


def test_a_title_above_the_header_is_one_error_that_says_which_rows_to_delete(make_project, built) -> None:
    """A system's export puts its name and date above the header. That was an error for each required column and a
    warning for the title as an unknown column, each telling to put the names on the first filled row, not where."""
    project = make_project()
    built(project)
    title = ["Export P&C-systeem, 25-05-2021"]
    project.write_sheets(
        {
            "Indicatoren": [title, ["Gemeente Amersfoort"], [], *sheet(INDICATOR_COLUMNS, project.indicators)],
            "Waarden": [[], title, *sheet(VALUE_COLUMNS, project.values)],
        }
    )
    assert [str(p) for p in rejected(project)] == [
        f"{INDICATOREN}, cel A1: de kopregel met de kolomnamen staat op regel 4, maar verantwoord leest de eerste "
        "gevulde regel (regel 1) als kopregel. Gevonden: 'Export P&C-systeem, 25-05-2021'. Verwacht: de kolomnamen "
        "(id, paragraaf, titel, …) op de eerste gevulde regel. Hint: verwijder regel 1 tot en met 3 boven de "
        "kopregel; lege regels erboven mogen blijven.",
        f"{WAARDEN}, cel A2: de kopregel met de kolomnamen staat op regel 3, maar verantwoord leest de eerste "
        "gevulde regel (regel 2) als kopregel. Gevonden: 'Export P&C-systeem, 25-05-2021'. Verwacht: de kolomnamen "
        "(indicator, periode, soort, waarde, …) op de eerste gevulde regel. Hint: verwijder regel 2 boven de "
        "kopregel; lege regels erboven mogen blijven.",
    ]


@pytest.mark.parametrize("export", ["xlsx", "csv"])
def test_a_figure_with_an_apostrophe_before_it_says_so(make_project, built, export: str) -> None:
    """'7,1 as some systems write a number kept as text: 'geen getal' with the quote doubled (''7,1'), and not why."""
    project = make_project(**({"export": "csv"} if export == "csv" else {}))
    built(project)
    project.values[0]["waarde"] = "'7,1"
    project.values[1]["waarde"] = "’6-6,5"
    project.values[2]["waarde"] = "'abc"  # no figure after it: said as any text
    project.write()
    where = [f"{WAARDEN}, cel D{n}" if export == "xlsx" else f"waarden.csv, regel {n}, kolom waarde" for n in (2, 3, 4)]
    assert errors(rejected(project)) == [
        f"{where[0]}: er staat een apostrof (') voor het getal 7,1: zo houden sommige systemen een getal als tekst, "
        "maar met de apostrof is het geen getal. Verwacht: een getal zonder apostrof (7,1). Hint: haal de apostrof "
        "weg: typ 7,1 opnieuw in de cel, of vervang in de kolom waarde ' door niets (Ctrl+H). Komt de apostrof uit het "
        "systeem dat de export maakt, laat die dan weg bij het exporteren.",
        f"{where[1]}: er staat een apostrof (’) voor het getal 6-6,5: zo houden sommige systemen een getal als tekst, "
        "maar met de apostrof is het geen getal. Verwacht: een getal zonder apostrof (6-6,5). Hint: haal de apostrof "
        "weg: typ 6-6,5 opnieuw in de cel, of vervang in de kolom waarde ’ door niets (Ctrl+H). Komt de apostrof uit "
        "het systeem dat de export maakt, laat die dan weg bij het exporteren.",
        f'{where[2]}: "\'abc" is geen getal. Gevonden: "\'abc". Verwacht: {FIGURE_EXPECTED}. Hint: wilt u tekst tonen '
        "(zoals '79,3% (TK)'), zet die dan in de kolom 'tekst'.",
    ]


def test_a_title_above_the_header_of_a_csv_file_is_one_error_as_in_a_workbook(make_project, built) -> None:
    """A title line in a CSV export ('Export P&C-systeem;25-05-2021') was taken as the header: an error for each row,
    which had more cells than it, then one for each required column."""
    project = make_project(export="csv")
    built(project)
    for name, blank in (("indicatoren.csv", "\n"), ("waarden.csv", "")):
        path = project.export_path / name
        path.write_text(f"Export P&C-systeem;25-05-2021\n{blank}" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert [str(p) for p in rejected(project)] == [
        "indicatoren.csv, regel 1: de kopregel met de kolomnamen staat op regel 3, maar verantwoord leest de eerste "
        "gevulde regel (regel 1) als kopregel. Gevonden: 'Export P&C-systeem, 25-05-2021'. Verwacht: de kolomnamen "
        "(id, paragraaf, titel, …) op de eerste gevulde regel. Hint: verwijder regel 1 en 2 boven de kopregel; lege "
        "regels erboven mogen blijven.",
        "waarden.csv, regel 1: de kopregel met de kolomnamen staat op regel 2, maar verantwoord leest de eerste "
        "gevulde regel (regel 1) als kopregel. Gevonden: 'Export P&C-systeem, 25-05-2021'. Verwacht: de kolomnamen "
        "(indicator, periode, soort, waarde, …) op de eerste gevulde regel. Hint: verwijder regel 1 boven de "
        "kopregel; lege regels erboven mogen blijven.",
    ]


def test_a_title_merged_over_the_columns_above_the_header_is_one_error(make_project, built) -> None:
    """A title merged over A1:H1 above the header was also told to unmerge and fill every cell, which would make each a
    title; the error about the title says to delete its rows."""
    project = make_project()
    built(project)

    def add_title(workbook) -> None:
        sheet = workbook["Indicatoren"]
        sheet.insert_rows(1, 2)
        sheet["A1"] = "Prestatie-indicatoren jaarverslag"
        sheet.merge_cells("A1:H1")
        sheet.merge_cells("G4:G5")  # one among the indicators is still told to be undone

    project.edit_workbook(add_title)
    assert [str(p) for p in rejected(project)] == [
        f"{INDICATOREN}, cel G4: de cellen G4:G5 zijn samengevoegd: alleen G4 heeft een waarde, de andere cellen "
        "zijn leeg. Hint: maak de samenvoeging ongedaan (Start > Samenvoegen en centreren) en vul elke cel.",
        f"{INDICATOREN}, cel A1: de kopregel met de kolomnamen staat op regel 3, maar verantwoord leest de eerste "
        "gevulde regel (regel 1) als kopregel. Gevonden: 'Prestatie-indicatoren jaarverslag'. Verwacht: de kolomnamen "
        "(id, paragraaf, titel, …) op de eerste gevulde regel. Hint: verwijder regel 1 en 2 boven de kopregel; lege "
        "regels erboven mogen blijven.",
    ]


def test_missing_required_indicator_column_does_not_make_every_value_unknown(make_project, built) -> None:
    project = make_project()
    built(project)
    columns = [c for c in INDICATOR_COLUMNS if c.name != "titel"]
    project.write_sheets(
        {"Indicatoren": sheet(columns, project.indicators), "Waarden": sheet(VALUE_COLUMNS, project.values)}
    )
    assert errors(rejected(project)) == [
        f"{INDICATOREN}: de verplichte kolom 'titel' ontbreekt in het blad Indicatoren. "
        "Gevonden: 'id, paragraaf, eenheid, decimalen, polariteit, bron, toelichting'. "
        "Verwacht: id, paragraaf, titel. "
        "Hint: de eerste gevulde regel van het blad is de kopregel; zet daar de kolomnamen."
    ]


def test_a_duplicate_value_is_named_while_the_indicators_cannot_be_read(make_project, built) -> None:
    """All problems at once: with a required column of Indicatoren missing, a figure entered twice went unsaid
    until that column was repaired."""
    project = make_project()
    built(project)
    project.values.append({"indicator": "kcc-tevredenheid", "periode": "2020", "soort": "realisatie", "waarde": "90"})
    columns = [c for c in INDICATOR_COLUMNS if c.name != "titel"]
    project.write_sheets(
        {"Indicatoren": sheet(columns, project.indicators), "Waarden": sheet(VALUE_COLUMNS, project.values)}
    )
    assert errors(rejected(project))[1:] == [
        f"{WAARDEN}, cel D7: er staat al een realisatie voor 'kcc-tevredenheid' in 2020: {WAARDEN}, cel D3. "
        "Hint: verwijder een van beide, of geef een andere periode of soort."
    ]


def test_renamed_column(make_project, built) -> None:
    project = make_project()
    built(project)
    columns = ["Bronn" if c.name == "bron" else c.name for c in INDICATOR_COLUMNS]
    rows = [{**row, "Bronn": row["bron"]} for row in project.indicators]
    project.write_sheets({"Indicatoren": sheet(columns, rows), "Waarden": sheet(VALUE_COLUMNS, project.values)})
    assert errors(rejected(project)) == [
        f"{INDICATOREN}, cel G1: onbekende kolom 'Bronn'. Gevonden: 'Bronn'. Verwacht: de kolom 'bron'. "
        "Hint: bedoelt u 'bron'? Hernoem de kolom."
    ]


# Excel error cells and formulas


@pytest.mark.parametrize(("error_value", "shown"), [("#DIV/0!", "#DEEL/0! (#DIV/0!)"), ("#N/A", "#N/B (#N/A)")])
def test_error_cell(make_project, built, error_value: str, shown: str) -> None:
    """Named as Dutch Excel shows it, with the code the file stores."""
    project = make_project()
    built(project)

    def put_error(workbook) -> None:
        workbook["Waarden"]["D3"].value = error_value
        assert workbook["Waarden"]["D3"].data_type == "e"

    project.edit_workbook(put_error)
    assert [str(p) for p in rejected(project)] == [
        f"{WAARDEN}, cel D3: de cel bevat een Excel-foutwaarde. Gevonden: '{shown}'. Verwacht: een waarde. "
        "Hint: herstel de formule in Excel, of vervang de cel door 'geen cijfer' met een reden."
    ]


@pytest.mark.parametrize(
    ("sheet", "column"),
    [
        ("Indicatoren", "id"),
        ("Indicatoren", "paragraaf"),
        ("Indicatoren", "titel"),
        ("Indicatoren", "bron"),
        ("Waarden", "indicator"),
        ("Waarden", "periode"),
        ("Waarden", "soort"),
    ],
)
def test_an_error_value_is_reported_once_at_its_cell(make_project, sheet: str, column: str) -> None:
    """#N/A as a title was also "de indicator heeft geen titel", at the same cell: two errors for one mistake."""
    project = make_project()
    names = [c.name for c in (INDICATOR_COLUMNS if sheet == "Indicatoren" else VALUE_COLUMNS)]
    cell = f"{chr(ord('A') + names.index(column))}2"

    def put_error(workbook) -> None:
        workbook[sheet][cell].value = "#N/A"
        assert workbook[sheet][cell].data_type == "e"

    project.edit_workbook(put_error)
    at_cell = [str(p) for p in rejected(project) if p.location.sheet == sheet and p.location.cell == cell]
    assert at_cell == [
        f"indicatoren.xlsx, blad {sheet}, cel {cell}: de cel bevat een Excel-foutwaarde. Gevonden: '#N/B (#N/A)'. "
        "Verwacht: een waarde. Hint: herstel de formule in Excel, of vervang de cel door de juiste waarde."
    ]


@pytest.mark.parametrize("error_value", ["#N/B", "#DEEL/0!", "#OVERLOOP!", "#OVERLOPEN!", "#BEREKENEN!"])
def test_an_error_value_as_text_is_an_error_value_too(make_project, built, error_value: str) -> None:
    """A system writes what its Dutch Excel showed, '#N/B', as text: that was 'geen getal', with the hint to put text
    in the column tekst, where an error cell and the same text in a CSV file are told to mend the formula."""
    project = make_project()
    built(project)
    project.values[1]["waarde"] = error_value
    project.write()
    assert load_workbook(project.export_path)["Waarden"]["D3"].data_type == "s"
    assert [str(p) for p in rejected(project)] == [
        f"{WAARDEN}, cel D3: de cel bevat een Excel-foutwaarde. Gevonden: '{error_value}'. Verwacht: een waarde. "
        "Hint: herstel de formule in Excel, of vervang de cel door 'geen cijfer' met een reden."
    ]


def test_error_cell_from_formula(make_project, built) -> None:
    """As Excel saves a formula that fails: the formula, and the error as its cached value."""
    project = make_project()
    built(project)
    patch_workbook_xml(
        project.export_path,
        "xl/worksheets/sheet2.xml",
        r'<c r="D4"[^>]*>.*?</c>',
        '<c r="D4" s="2" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
    )
    assert [str(p) for p in rejected(project)] == [
        f"{WAARDEN}, cel D4: de cel bevat een Excel-foutwaarde. Gevonden: '#DEEL/0! (#DIV/0!)'. Verwacht: een waarde. "
        "Hint: herstel de formule in Excel, of vervang de cel door 'geen cijfer' met een reden."
    ]


@pytest.mark.parametrize(
    "cell",
    [
        pytest.param('<c r="D3" t="n"><v>0.30000000000000004</v></c>', id="number"),
        pytest.param('<c r="D3"><f>0.1+0.2</f><v>0.30000000000000004</v></c>', id="formula-with-cached-value"),
    ],
)
def test_float_is_published_as_entered(make_project, cell: str) -> None:
    """0.1 + 0.2 is stored as 0.30000000000000004; the reader saw 0,3 in Excel, and so does the site."""
    project = make_project()
    project.indicators[0]["decimalen"] = None
    project.indicators[0]["eenheid"] = "index"  # 0,3% beside 95% would be told to be a fraction
    project.values[1]["waarde"] = 0.1 + 0.2
    project.write()
    patch_workbook_xml(project.export_path, "xl/worksheets/sheet2.xml", r'<c r="D3"[^>]*>.*?</c>', cell)
    build_project(project.root, strict=True)
    html = (project.output / SECTION_PAGE).read_text(encoding="utf-8")
    lines = page_lines(html)
    assert "0,3" in lines
    assert "0000000" not in html


# CSV and YAML exports


@pytest.mark.parametrize("separator", [";", ","])
@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
def test_csv_accepted(make_project, separator: str, bom: bool) -> None:
    project = make_project(export="csv", csv_separator=separator, csv_bom=bom)
    project.indicators[0]["titel"] = "Tevredenheid; bellers, KCC (café)"
    project.values[0]["waarde"] = "95,5"
    project.indicators[0]["decimalen"] = 1
    project.write()
    header = (project.export_path / "waarden.csv").read_bytes().splitlines()[0]
    assert header.startswith(b"\xef\xbb\xbfindicator" if bom else b"indicator")
    assert separator.encode() + b"periode" in header
    build_project(project.root, strict=True)
    lines = page_lines((project.output / SECTION_PAGE).read_text(encoding="utf-8"))
    assert "Tevredenheid; bellers, KCC (café)" in lines
    assert [line for line in lines if line in ("95,5", "94,0", "93,0")] == ["95,5", "94,0", "93,0"]


def test_csv_in_latin1(make_project, built) -> None:
    project = make_project(export="csv")
    built(project)
    project.indicators[1]["titel"] = "Bereikbaarheid café"
    project.csv_encoding = "cp1252"
    project.write()
    assert [str(p) for p in rejected(project)] == [
        "indicatoren.csv, regel 3: het bestand is geen UTF-8 maar waarschijnlijk Windows-1252, zoals Excel een 'CSV "
        "(gescheiden door lijstscheidingsteken)' opslaat. Gevonden: 'café (byte 0xE9)'. Verwacht: tekst in UTF-8. "
        "Hint: sla het bestand in Excel op als 'CSV UTF-8 (door komma's gescheiden)'."
    ]


def test_csv_from_excel_on_a_mac_is_named_with_its_line_and_letter(make_project, built) -> None:
    """Excel for the Mac saves its CSV in Mac Roman with a CR alone at each line end: the error named line 1 for every
    line, 'waarschijnlijk Windows-1252' and a byte, where the user had typed an é."""
    project = make_project(export="csv")
    built(project)
    project.indicators[1]["titel"] = "Bereikbaarheid café"
    project.write()
    path = project.export_path / "indicatoren.csv"
    path.write_bytes(path.read_bytes().decode().replace("\r\n", "\r").encode("mac_roman"))
    assert [str(p) for p in rejected(project)] == [
        "indicatoren.csv, regel 3: het bestand is geen UTF-8 maar waarschijnlijk Mac Roman, zoals Excel op een Mac een "
        "CSV-bestand opslaat. Gevonden: 'café (byte 0x8E)'. Verwacht: tekst in UTF-8. "
        "Hint: sla het bestand in Excel op als 'CSV UTF-8 (door komma's gescheiden)'."
    ]


def test_csv_in_latin1_with_a_byte_order_mark_names_the_right_byte_and_line(make_project, built) -> None:
    """The offset was counted after the mark: byte 0x63 ('c') was named, three bytes before the é."""
    project = make_project(export="csv", csv_bom=True)
    built(project)
    project.indicators[1]["titel"] = "Bereikbaarheid café"
    project.csv_encoding = "cp1252"
    project.write()
    assert errors(rejected(project))[0].startswith(
        "indicatoren.csv, regel 3: het bestand is geen UTF-8 maar waarschijnlijk Windows-1252, zoals Excel een 'CSV "
        "(gescheiden door lijstscheidingsteken)' opslaat. Gevonden: 'café (byte 0xE9)'."
    )


def test_csv_saved_from_dutch_excel_names_what_its_formats_made_of_a_figure_and_a_period(make_project, built) -> None:
    """Excel writes each cell into a CSV file as it shows it: 1234 in the format #.##0 is 1.234, which was told to be
    written as 1234 by hand, line by line, and a month Excel made a date (mrt-24) or a date (31-12-2020) was 'geen
    periode', without the hint a date cell in a workbook gets."""
    project = make_project(export="csv")
    built(project)
    project.values[0]["waarde"] = "1.234"
    project.values[1]["periode"] = "mrt-24"
    project.values[2]["periode"] = "31-12-2020"
    project.write()
    periods = "een jaar (2020), jaren (2022-2023), kwartaal (Q3 2024) of maand (2024-03)"
    assert errors(rejected(project)) == [
        "waarden.csv, regel 2, kolom waarde: '1.234' is dubbelzinnig: in het Nederlands is dit 1234, in het Engels "
        "1,234. Gevonden: '1.234'. Verwacht: een getal zonder twijfel. Hint: schrijf 1234 als u duizenden bedoelt, of "
        "1,234 als u een decimaal getal bedoelt. Excel schrijft een getal in een CSV-bestand zoals de cel het toont: "
        "geef de kolom in Excel een getalnotatie zonder scheidingsteken voor duizendtallen (Celeigenschappen > Getal), "
        "of geef de werkmap (.xlsx) zelf als export.",
        f"waarden.csv, regel 3, kolom periode: de periode is een datum. Gevonden: 'mrt-24'. Verwacht: {periods}. "
        "Hint: Excel maakt van een maand als 2024-03 een datum: maak de cel van het type Tekst en typ de periode "
        "opnieuw, zoals 2024-03.",
        f"waarden.csv, regel 4, kolom periode: de periode is een datum. Gevonden: '31-12-2020'. Verwacht: {periods}. "
        "Hint: Excel heeft er een datum van gemaakt: maak de cel van het type Tekst en typ de periode opnieuw.",
    ]


def test_csv_saved_by_excel_as_unicode_text_is_read(make_project) -> None:
    """Excel's "Unicode text" is UTF-16 with tabs; it was diagnosed as "waarschijnlijk Windows-1252"."""
    project = make_project(export="csv", csv_separator="\t", csv_encoding="utf-16")
    project.indicators[1]["titel"] = "Bereikbaarheid café"
    project.write()
    assert (project.export_path / "waarden.csv").read_bytes()[:2] == b"\xff\xfe"
    build_project(project.root, strict=True)
    assert "Bereikbaarheid café" in page_lines((project.output / SECTION_PAGE).read_text(encoding="utf-8"))


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_csv_in_utf16_without_its_mark_is_read_and_a_damaged_one_said_so(make_project, built, encoding) -> None:
    """It was diagnosed as 'waarschijnlijk Windows-1252' with 'byte 0x00', or read as columns named 'i\\x00d\\x00'."""
    project = make_project(export="csv")
    built(project)
    project.csv_separator, project.csv_encoding = "\t", encoding  # no byte-order mark
    project.indicators[1]["titel"] = "Bereikbaarheid café"
    project.write()
    build_project(project.root, strict=True)
    assert "Bereikbaarheid café" in page_lines((project.output / SECTION_PAGE).read_text(encoding="utf-8"))
    path = project.export_path / "indicatoren.csv"
    path.write_bytes(path.read_bytes()[:-1])  # half a character at the end
    assert errors(rejected(project))[0] == (
        "indicatoren.csv: het bestand is UTF-16 (Excels 'Unicode-tekst'), maar beschadigd. Hint: sla het bestand in "
        "Excel opnieuw op, het liefst als 'CSV UTF-8 (door komma's gescheiden)'."
    )


@pytest.mark.parametrize("later_quote", [False, True], ids=["never-closed", "closed-lines-later"])
def test_csv_quote_that_is_not_closed_is_named_at_its_own_line(make_project, built, later_quote: bool) -> None:
    """An unclosed quote took in the rest of the file as one cell, reported (if at all) at a later line."""
    project = make_project(export="csv")
    built(project)
    project.write()
    path = project.export_path / "waarden.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert ";94;" in lines[2] and ";83;" in lines[4]
    lines[2] = lines[2].replace(";94;", ';"94;')
    if later_quote:
        lines[4] = lines[4].replace(";83;", ';"8"3;')
    path.write_text("".join(lines), encoding="utf-8")
    problems = errors(rejected(project))
    assert problems[0].startswith('waarden.csv, regel 3: een aanhalingsteken (") in deze regel wordt niet (goed)')
    assert len(problems) == 1, problems


@pytest.mark.parametrize("column", ["tekst", "waarde"])
def test_csv_quote_closed_cleanly_lines_later_is_an_error_not_lost_rows(make_project, built, column: str) -> None:
    """A stray quote at the start of a cell that a later quote closed took the lines between into one cell: the
    project passed, those rows' figures were missing and the text published held them ('94;;;↵kcc-…;2020;…')."""
    project = make_project(export="csv")
    built(project)
    project.write()
    path = project.export_path / "waarden.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    position = VALUE_COLUMNS.index(next(c for c in VALUE_COLUMNS if c.name == column))
    for number, opened, closed in ((2, '"', ""), (4, "", '"')):  # lines 3 and 5
        cells = lines[number].rstrip("\r\n").split(";")
        cells[position] = opened + (cells[position] or "tekst") + closed
        lines[number] = ";".join(cells) + "\r\n"
    path.write_text("".join(lines), encoding="utf-8")
    assert errors(rejected(project)) == [
        'waarden.csv, regel 3: een aanhalingsteken (") in deze regel wordt pas op regel 5 gesloten: de regels 4 tot '
        "en met 5 zijn in één cel beland en niet gelezen. Hint: haal het aanhalingsteken aan het begin van de cel "
        'weg, of sluit de cel op deze regel met een ".'
    ]


def test_csv_quote_closed_cleanly_lines_later_in_indicatoren_is_an_error_not_lost_indicators(
    make_project, built
) -> None:
    """Each indicator has its own id, so no other row began with a swallowed one's: the project passed without the
    indicators between (balie-wachttijd, without values, unsaid), or said that those with values were unknown and
    to add them to indicatoren.csv, where they were."""
    project = make_project(export="csv")
    project.indicators.append({**project.indicators[1], "id": "balie-wachttijd", "titel": "Wachttijd aan de balie"})
    built(project)
    project.indicators[0]["toelichting"] = "Bellers zeggen het"
    project.indicators[2]["toelichting"] = "zo"
    project.write()
    path = project.export_path / "indicatoren.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(";Bellers zeggen", ';"Bellers zeggen').replace(";zo\n", ';zo"\n'), "utf-8")
    assert errors(rejected(project)) == [
        'indicatoren.csv, regel 2: een aanhalingsteken (") in deze regel wordt pas op regel 4 gesloten: de regels 3 '
        "tot en met 4 zijn in één cel beland en niet gelezen. Hint: haal het aanhalingsteken aan het begin van de "
        'cel weg, of sluit de cel op deze regel met een ".'
    ]


@pytest.mark.parametrize(
    ("separator", "text"),
    [
        (";", "geen meting:\n- de zuil stond uit;\n- de enquête liep niet; zie ook 4.2;\n- klaar."),
        (";", "bronnen:\nCBS; KiF; eigen meting; GGD; RIVM; VNG; kcc-tevredenheid; 2020"),
        (
            ",",
            "Gemeten met de enquête,\nwaarin bellers, bezoekers, ondernemers, raadsleden, ambtenaren, wethouders, "
            "burgemeester en griffie, zeggen wat zij vinden.",
        ),
    ],
    ids=["list", "sources", "prose-with-commas"],
)
def test_csv_text_with_line_breaks_is_read_as_it_is(make_project, separator: str, text: str) -> None:
    """A text typed with Alt+Enter, with separators in its lines (as Dutch prose and lists have), is no stray quote;
    neither is one in a column verantwoord does not read."""
    project = make_project(export="csv", csv_separator=separator)
    project.values[1]["reden"] = text
    project.values[1]["waarde"] = "geen cijfer"
    project.write()
    assert load_project(project.root, strict=True).problems == []
    path = project.export_path / "indicatoren.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [f"{lines[0]}{separator}opmerking", *(f'{line}{separator}"regel een\nregel twee"' for line in lines[1:])]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    assert [p for p in load_project(project.root).problems if p.severity is Severity.ERROR] == []


@pytest.mark.parametrize(
    ("file", "column", "value"), [("indicatoren", "titel", "#N/A"), ("waarden", "waarde", "#DEEL/0!")]
)
def test_csv_with_an_excel_error_value_is_an_error_as_in_a_workbook(
    make_project, built, file: str, column: str, value: str
) -> None:
    """Excel writes a failed formula into a CSV as its error value: '#N/A' was published as an indicator's title,
    and '#DEEL/0!' (Dutch Excel's #DIV/0!) was told to go to the column tekst."""
    project = make_project(export="csv")
    built(project)
    rows = project.indicators if file == "indicatoren" else project.values
    rows[0][column] = value
    project.write()
    figure = "'geen cijfer' met een reden" if column == "waarde" else "de juiste waarde"
    assert errors(rejected(project)) == [
        f"{file}.csv, regel 2, kolom {column}: de cel bevat een Excel-foutwaarde. Gevonden: '{value}'. Verwacht: een "
        f"waarde. Hint: herstel de formule in Excel, of vervang de cel door {figure}."
    ]


def test_csv_line_with_more_cells_than_the_header_is_an_error(make_project, built) -> None:
    """'…,9,4,…' in a comma-separated file (a decimal comma) published 9, and the 4 as the text beside it."""
    project = make_project(export="csv", csv_separator=",")
    built(project)
    project.write()
    path = project.export_path / "waarden.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[2].startswith("kcc-tevredenheid,2020,realisatie,94,")
    lines[2] = lines[2].replace(",94,", ",9,4,")
    lines[3] = lines[3].rstrip("\r\n") + ",toelichting\r\n"
    path.write_text("".join(lines), encoding="utf-8")
    header = "indicator, periode, soort, waarde, tekst, reden, reeks, voetnoot"
    hint = (
        'Hint: staat er een komma in een getal of tekst (7,5)? Zet die cel tussen aanhalingstekens ("7,5"), of sla het '
        "bestand in Excel op als CSV met puntkomma's."
    )
    assert [str(p) for p in rejected(project)] == [
        "waarden.csv, regel 3: deze regel heeft 9 cellen, de kopregel 8: een cel is gesplitst, en de cellen erna zijn "
        "een kolom opgeschoven. Gevonden: 'kcc-tevredenheid,2020,realisatie,9,4,,,,'. "
        f"Verwacht: evenveel cellen als de kopregel ({header}). {hint}",
        "waarden.csv, regel 4: deze regel heeft 9 cellen, de kopregel 8: een cel is gesplitst, en de cellen erna zijn "
        "een kolom opgeschoven. Gevonden: 'kcc-tevredenheid,2020,streefwaarde,93,,,,,toelichting'. "
        f"Verwacht: evenveel cellen als de kopregel ({header}). {hint}",
    ]


def test_csv_line_with_another_separator_is_an_error(make_project, built) -> None:
    """A line typed with commas into a file with semicolons was one cell: "onbekende indicator
    'kcc-tevredenheid,2020,realisatie,94,,,,'", "periode ontbreekt" and "soort is leeg". A line without its last,
    empty cells is read as it was."""
    project = make_project(export="csv")
    built(project)
    project.write()
    path = project.export_path / "waarden.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[2].startswith("kcc-tevredenheid;2020;realisatie;94;")
    lines[2] = lines[2].replace(";", ",")
    lines[3] = lines[3].rstrip("\r\n;") + "\r\n"
    path.write_text("".join(lines), encoding="utf-8")
    assert [str(p) for p in rejected(project)] == [
        "waarden.csv, regel 3: deze regel heeft 1 cel, de kopregel 8: de regel is gescheiden met komma's, de rest van "
        "het bestand met puntkomma's. Gevonden: 'kcc-tevredenheid,2020,realisatie,94,,,,'. Verwacht: evenveel cellen "
        "als de kopregel (indicator, periode, soort, waarde, tekst, reden, reeks, voetnoot). Hint: vervang in deze "
        "regel de komma's door puntkomma's, of sla het bestand opnieuw op in Excel."
    ]


def test_csv_number_with_a_binary_rest_is_published_as_excel_shows_it(make_project) -> None:
    """0.30000000000000004 from another program was published as 0,30000000000000004."""
    project = make_project(export="csv")
    project.values[3]["waarde"] = "83.00000000000001"
    project.values[4]["waarde"] = "77,99999999999999"
    project.write()
    problems = load_project(project.root).problems
    assert [str(p) for p in problems] == [
        f"waarden.csv, regel {line}, kolom waarde: dit getal heeft meer dan 15 cijfers: een rekenrest van het "
        f"programma dat de export maakte. Gepubliceerd als {shown}, zoals Excel het toont. Gevonden: '{raw}'. "
        "Hint: zet het getal afgerond in de export."
        for line, shown, raw in ((5, "83", "83.00000000000001"), (6, "78", "77,99999999999999"))
    ]
    build_project(project.root)
    page = page_lines((project.output / SECTION_PAGE).read_text(encoding="utf-8"))
    assert not any("0000" in line or "9999" in line for line in page)
    rows = (project.output / "open-data" / "indicatoren.csv").read_text(encoding="utf-8-sig")
    assert ",83," in rows and ",78," in rows and "0000" not in rows


def test_csv_with_a_separator_at_the_end_of_every_line_is_read(make_project) -> None:
    project = make_project(export="csv")
    project.write()
    path = project.export_path / "waarden.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("".join(line + ("\r\n" if n == 0 else ";\r\n") for n, line in enumerate(lines)), encoding="utf-8")
    assert load_project(project.root, strict=True).problems == []


def test_csv_quote_never_closed_in_a_large_file_is_named_as_such(make_project, built) -> None:
    """After 128 kB the csv module stops with "field larger than field limit (131072)", which was passed on in
    English as a cell that is too long; and every indicator was then said to have no values."""
    project = make_project(export="csv")
    built(project)
    project.values.extend(
        {"indicator": "kcc-bereikbaarheid", "periode": str(year), "soort": "verwachting", "waarde": "80",
         "voetnoot": "x" * 40}
        for year in range(1, 3000)
    )  # fmt: skip
    project.values[1]["reden"] = '"telefonie vervangen'
    project.write()
    path = project.export_path / "waarden.csv"
    path.write_text(path.read_text(encoding="utf-8").replace('"""telefonie vervangen"', '"telefonie vervangen'))
    assert path.stat().st_size > 131072
    problems = rejected(project)
    assert [p.message for p in problems] == ['een aanhalingsteken (") in deze regel wordt niet (goed) gesloten.']
    assert str(problems[0]).startswith("waarden.csv, regel 3:")


def test_a_missing_export_is_one_error_and_no_warning_about_its_time(make_project, built) -> None:
    """Beside the error, a warning said that the moment of the export (which is not there) is unknown."""
    project = make_project()
    built(project)
    project.export_path.unlink()
    assert [str(p) for p in rejected(project)] == [
        "verantwoord.yaml, regel 9: 'export.bestand' noemt een export die niet bestaat. Gevonden: 'indicatoren.xlsx'. "
        "Verwacht: een .xlsx-werkmap, een map met CSV-bestanden of een .yaml-bestand in het project."
    ]


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("indicatoren.xls", "sla de werkmap in Excel op als Excel-werkmap (.xlsx)."),
        ("export/waarden.csv", "noem de map met indicatoren.csv en waarden.csv, niet een van de bestanden erin."),
    ],
)  # fmt: skip
def test_an_export_of_a_kind_that_cannot_be_read_says_what_to_do(make_project, name: str, hint: str) -> None:
    """An old .xls workbook, or one of the two CSV files named instead of their folder: what then?"""
    project = make_project(
        export="csv", config={"export": {"bestand": name}}, extra_files={"indicatoren.xls": b"\xd0\xcf\x11\xe0"}
    )
    with pytest.raises(InvalidProject) as raised:
        load_project(project.root)
    assert [p.hint for p in raised.value.problems] == [hint]


def test_csv_file_missing(make_project, built) -> None:
    project = make_project(export="csv")
    built(project)
    (project.export_path / "waarden.csv").unlink()
    assert errors(rejected(project)) == [
        "export/waarden.csv: dit CSV-bestand ontbreekt. Verwacht: indicatoren.csv en waarden.csv in de exportmap."
    ]


def test_csv_error_names_line_and_column(make_project, built) -> None:
    project = make_project(export="csv")
    built(project)
    project.values[2]["waarde"] = "abc"
    project.write()
    assert [str(p) for p in rejected(project)] == [
        f"waarden.csv, regel 4, kolom waarde: 'abc' is geen getal. Gevonden: 'abc'. Verwacht: {FIGURE_EXPECTED}. "
        "Hint: wilt u tekst tonen (zoals '79,3% (TK)'), zet die dan in de kolom 'tekst'."
    ]


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    matches = [number for number, line in enumerate(lines, start=1) if text in line]
    assert len(matches) == 1, (text, lines)
    return matches[0]


def test_yaml_export_error_names_line(make_project, built) -> None:
    project = make_project(export="yaml")
    built(project)
    project.values[3]["waarde"] = "abc"
    project.write()
    line = _line_of(project.export_path, "waarde: abc")
    assert [str(p) for p in rejected(project)] == [
        f"indicatoren.yaml, regel {line}, sleutel waarde: 'abc' is geen getal. Gevonden: 'abc'. "
        f"Verwacht: {FIGURE_EXPECTED}. Hint: wilt u tekst tonen (zoals '79,3% (TK)'), zet die dan bij de sleutel "
        "'tekst'."
    ]


def test_yaml_export_with_a_list_where_one_value_belongs_names_line(make_project, built) -> None:
    """A list ended the build in "TypeError: unhashable type: 'list'"."""
    project = make_project(export="yaml")
    built(project)
    text = project.export_path.read_text(encoding="utf-8")
    broken = text.replace("waarde: '83'", "waarde: [83, 84]", 1)
    assert broken != text
    project.export_path.write_text(broken, encoding="utf-8")
    line = _line_of(project.export_path, "waarde: [83, 84]")
    problems = errors(rejected(project))
    assert problems[0].startswith(f"indicatoren.yaml, regel {line}: 'waarde' heeft meer dan één waarde. Gevonden: ")


def test_yaml_export_keeps_numbers_as_written(make_project) -> None:
    """YAML read 7.10 as 7.1, 010 as 8 (octal) and paragraaf 1.10 as 1.1, without a word."""
    project = make_project(export="yaml", texts={**TEXTS, "4.10.md": "# Tien\n\nTekst.\n"})
    project.indicators[1]["paragraaf"] = "4.10"
    project.indicators[1]["decimalen"] = 2
    project.write()
    text = project.export_path.read_text(encoding="utf-8")
    edited = text.replace("paragraaf: '4.10'", "paragraaf: 4.10").replace("waarde: '83'", "waarde: 7.10")
    edited = edited.replace("waarde: '78'", "waarde: 010")
    assert edited.count("4.10") == 1 and "7.10" in edited and "010" in edited
    project.export_path.write_text(edited, encoding="utf-8")
    assert load_project(project.root, strict=True).problems == []
    build_project(project.root, strict=True)
    page = page_lines((project.output / "4-bestuur-en-dienstverlening/4-10-tien/index.html").read_text("utf-8"))
    assert "7,10" in page and "10,00" in page


def test_yaml_export_keeps_yes_and_no_as_words(make_project) -> None:
    """`bron: no` was published as ONWAAR, `voetnoot: yes` as WAAR."""
    project = make_project(export="yaml")
    project.write()
    text = project.export_path.read_text(encoding="utf-8")
    project.export_path.write_text(text.replace("bron: KCC/KCS", "bron: no"), encoding="utf-8")
    build_project(project.root)
    rows = (project.output / "open-data" / "indicatoren.csv").read_text(encoding="utf-8-sig")
    assert ",no," in rows and "ONWAAR" not in rows


def test_yaml_export_reads_decimals_written_as_a_whole_number_with_a_decimal_zero(make_project) -> None:
    """`decimalen: 1.0` built before numbers were read as written; it must still."""
    project = make_project(export="yaml")
    project.write()
    text = project.export_path.read_text(encoding="utf-8")
    project.export_path.write_text(text.replace("decimalen: 0", "decimalen: 1.0", 1), encoding="utf-8")
    assert load_project(project.root, strict=True).document.indicators()[0].decimals == 1


def test_yaml_export_refuses_numbers_that_are_not_figures(make_project, built) -> None:
    project = make_project(export="yaml")
    built(project)
    text = project.export_path.read_text(encoding="utf-8")
    project.export_path.write_text(text.replace("waarde: '83'", "waarde: 1.500"), encoding="utf-8")
    assert [p.message for p in rejected(project)] == [
        "'1.500' is dubbelzinnig: in het Nederlands is dit 1500, in het Engels 1,500."
    ]


def test_yaml_export_value_cut_at_a_comma_between_braces_is_an_error(make_project, built) -> None:
    """{waarde: 7,5} is waarde 7 and a key 5: 7 was published, with a warning about an unknown column '5'."""
    project = make_project(export="yaml")
    built(project)
    text = project.export_path.read_text(encoding="utf-8")
    lines = [
        "  - {periode: 2018, soort: realisatie, waarde: 7,5}",
        "  - {periode: 2017, soort: realisatie, waarde: geen cijfer, reden: kiosk uit, verbouwing, storing}",
    ]
    edited = text.replace("  waarden:\n", "  waarden:\n" + "\n".join(lines) + "\n", 1)
    project.export_path.write_text(edited, encoding="utf-8")
    first = _line_of(project.export_path, "waarde: 7,5")
    assert errors(rejected(project)) == [
        f"indicatoren.yaml, regel {first}: tussen {{ }} eindigt een komma de waarde: 'waarde' is afgebroken bij de "
        "komma. Gevonden: 'waarde: 7,5'. Hint: zet de waarde tussen aanhalingstekens: waarde: \"7,5\".",
        f"indicatoren.yaml, regel {first + 1}: tussen {{ }} eindigt een komma de waarde: 'reden' is afgebroken bij "
        "de komma. Gevonden: 'reden: kiosk uit, verbouwing, storing'. Hint: zet de waarde tussen aanhalingstekens: "
        'reden: "kiosk uit, verbouwing, storing".',
    ]


def test_yaml_export_syntax_error_names_line(make_project, built) -> None:
    project = make_project(export="yaml")
    built(project)
    text = project.export_path.read_text(encoding="utf-8")
    broken = text.replace("waarde: '83'", "waarde: [83", 1)
    assert broken != text
    project.export_path.write_text(broken, encoding="utf-8")
    line = _line_of(project.export_path, "waarde: [83")
    problems = errors(rejected(project))
    assert len(problems) == 1
    # Named at the line where the list opens, not the next one, where PyYAML missed its ']'.
    assert re.fullmatch(
        rf"indicatoren\.yaml, regel {line}: dit is geen geldige YAML: een lijst die met '\[' begint, sluit niet "
        r"met '\]'\. Hint: let op inspringing .+",
        problems[0],
    ), problems[0]


def test_yaml_export_mistakes_people_make_are_named_in_dutch(make_project, built) -> None:
    """`waarde: -` gave "sequence entries are not allowed here"; a file in Windows-1252 no line nor byte."""
    project = make_project(export="yaml")
    built(project)
    text = project.export_path.read_text(encoding="utf-8")
    project.export_path.write_text(text.replace("waarde: '83'", "waarde: -\n    reden: kiosk"), encoding="utf-8")
    line = _line_of(project.export_path, "waarde: -")
    assert [str(p) for p in rejected(project)] == [
        f"indicatoren.yaml, regel {line}: dit is geen geldige YAML: hier mag geen lijst beginnen (een '-' na een ':'). "
        "Hint: let op inspringing met spaties (geen tabs) en zet tekst met ':', '#' of een '-' aan het begin tussen "
        'aanhalingstekens (waarde: "-").'
    ]
    project.export_path.write_text(text, encoding="utf-8")
    line = _line_of(project.export_path, "Klant in Focus")
    project.export_path.write_text(text.replace("Klant in Focus", "Klant in Focus café"), encoding="cp1252")
    assert [str(p) for p in rejected(project)] == [
        f"indicatoren.yaml, regel {line}: het bestand is geen UTF-8 maar waarschijnlijk Windows-1252, zoals Kladblok "
        "een bestand met codering 'ANSI' opslaat. Gevonden: 'café (byte 0xE9)'. Verwacht: tekst in UTF-8. Hint: sla "
        "het bestand op als UTF-8 (in Kladblok: Opslaan als, Codering: UTF-8)."
    ]


# The words of the export's own form: a CSV file has lines and columns, a YAML file entries and keys, no sheets


def _edit_yaml(project: TestProject, old: str, new: str, count: int = 1) -> None:
    text = project.export_path.read_text(encoding="utf-8")
    assert text.count(old) >= count, (old, text)
    project.export_path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_yaml_indicator_without_id_is_one_error_not_one_per_value(make_project, built) -> None:
    """Each of its values was said to belong to no indicator, 'een id uit het blad Indicatoren' in a file without
    either an indicator column or a sheet."""
    project = make_project(export="yaml")
    built(project)
    _edit_yaml(project, "- id: kcc-tevredenheid\n  paragraaf:", "- paragraaf:")
    line = _line_of(project.export_path, "- paragraaf:")
    assert errors(rejected(project)) == [
        f"indicatoren.yaml, regel {line}: de indicator heeft geen id. Verwacht: een code zoals kcc-tevredenheid."
    ]


def test_yaml_key_misspelt_in_every_entry_is_one_error_at_its_own_line(make_project, built) -> None:
    """It was 'onbekende kolom' at regel 1 (the line 'indicatoren:'), and a required one 'de verplichte kolom …
    ontbreekt in het blad indicatoren' with a hint about a sheet's header."""
    project = make_project(export="yaml")
    built(project)
    _edit_yaml(project, "  paragraaf:", "  paragraaf0:", count=2)
    _edit_yaml(project, "    soort: realisatie", "    sort: realisatie", count=4)
    first, second = (
        n for n, line in enumerate(project.export_path.read_text().splitlines(), 1) if "paragraaf0" in line
    )
    sort = [n for n, line in enumerate(project.export_path.read_text().splitlines(), 1) if "sort:" in line]
    assert errors(rejected(project)) == [
        f"indicatoren.yaml, regel {first}, sleutel paragraaf0: onbekende sleutel 'paragraaf0' (ook op regel {second}). "
        "Gevonden: 'paragraaf0'. Verwacht: de sleutel 'paragraaf'. Hint: bedoelt u 'paragraaf'? Hernoem de sleutel.",
        f"indicatoren.yaml, regel {sort[0]}, sleutel sort: onbekende sleutel 'sort' (ook op regel {sort[1]}, "
        f"{sort[2]} en {sort[3]}). Gevonden: 'sort'. Verwacht: de sleutel 'soort'. Hint: bedoelt u 'soort'? Hernoem "
        "de sleutel.",
    ]


def test_yaml_key_misspelt_in_one_entry_is_not_also_said_to_be_missing(make_project, built) -> None:
    """'onbekende kolom' was a warning, and at the entry's first line 'de paragraaf ontbreekt' the error."""
    project = make_project(export="yaml")
    built(project)
    _edit_yaml(project, "  paragraaf:", "  paragraf:")
    _edit_yaml(project, "  bron: KCC/KCS", "  bron: KCC/KCS\n  opmerking: intern")
    line = _line_of(project.export_path, "paragraf:")
    problems = rejected(project)
    assert errors(problems) == [
        f"indicatoren.yaml, regel {line}, sleutel paragraf: onbekende sleutel 'paragraf'. Gevonden: 'paragraf'. "
        "Verwacht: de sleutel 'paragraaf'. Hint: bedoelt u 'paragraaf'? Hernoem de sleutel."
    ]
    assert [str(p) for p in problems if p.severity is Severity.WARNING] == [
        f"indicatoren.yaml, regel {_line_of(project.export_path, 'opmerking')}, sleutel opmerking: onbekende sleutel "
        "'opmerking' wordt niet gebruikt. Hint: bekende sleutels: id, paragraaf, titel, eenheid, decimalen, "
        "polariteit, bron, toelichting."
    ]


def test_yaml_required_key_missing_everywhere_is_said_in_keys_without_a_hint_about_a_header(
    make_project, built
) -> None:
    project = make_project(export="yaml")
    built(project)
    _edit_yaml(project, "  titel:", "  naam:", count=2)
    assert errors(rejected(project)) == [
        "indicatoren.yaml, regel 1: de verplichte sleutel 'titel' ontbreekt bij elke indicator. Gevonden: 'id, "
        "paragraaf, naam, eenheid, decimalen, polariteit, bron, toelichting'. Verwacht: id, paragraaf, titel."
    ]


def test_yaml_key_left_out_is_said_missing_at_its_entry_and_an_empty_one_empty_at_its_key(make_project, built) -> None:
    """Both were 'de kolom 'soort' is leeg', the left-out one at 'kolom soort' of a line without it."""
    project = make_project(export="yaml")
    built(project)
    _edit_yaml(project, "    soort: streefwaarde\n", "")
    _edit_yaml(project, "    soort: realisatie\n    waarde: '78'", "    soort:\n    waarde: '78'")
    entry = _line_of(project.export_path, "waarde: '93'") - 1
    empty = next(n for n, line in enumerate(project.export_path.read_text().splitlines(), 1) if line.endswith("soort:"))
    expected = "'realisatie', 'streefwaarde', 'begroting', 'verwachting' of 'nulmeting'"
    assert errors(rejected(project)) == [
        f"indicatoren.yaml, regel {entry}: de sleutel 'soort' ontbreekt. Verwacht: {expected}.",
        f"indicatoren.yaml, regel {empty}, sleutel soort: de sleutel 'soort' is leeg. Verwacht: {expected}.",
    ]


def test_yaml_keys_are_read_whatever_their_case_as_a_csv_header_is(make_project) -> None:
    """`Id:` in one entry and `id:` in another was 'de sleutel 'id' staat twee keer in de kopregel', in a file
    without a header; and the values under an indicator with `Id:` were left out without a word of their own."""
    project = make_project(export="yaml")
    project.write()
    _edit_yaml(project, "- id: kcc-tevredenheid", "- Id: kcc-tevredenheid")
    _edit_yaml(project, "  waarden:", "  Waarden:")
    _edit_yaml(project, "    soort: realisatie", "    Soort: realisatie")
    _edit_yaml(project, "    waarde: '93'", "    waarde: '93'\n    Indicator: kcc-tevredenheid")
    loaded = load_project(project.root, strict=True)
    assert loaded.problems == []
    assert [len(indicator.values) for indicator in loaded.document.indicators()] == [3, 2]
    project.export = "csv"
    project.write()
    for name, old, new in (("indicatoren.csv", "id;", "ID;"), ("waarden.csv", ";soort;", ";Soort;")):
        path = project.export_path / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    assert load_project(project.root, strict=True).problems == []


def test_yaml_key_twice_in_one_entry_in_another_case_is_one_error_at_its_line(make_project, built) -> None:
    """It was 'de sleutel 'id' staat twee keer in de kopregel', at the first line that has the key."""
    project = make_project(export="yaml")
    built(project)
    _edit_yaml(project, "- id: kcc-bereikbaarheid", "- id: kcc-bereikbaarheid\n  ID: kcc-bereik")
    line = _line_of(project.export_path, "ID: kcc-bereik")
    assert errors(rejected(project)) == [
        f"indicatoren.yaml, regel {line}, sleutel ID: de sleutel 'ID' staat twee keer in dezelfde lijst (ook als 'id' "
        f"op regel {line - 1}). Hint: verwijder een van beide: hoofdletters maken in een sleutel geen verschil."
    ]


def test_yaml_entries_without_keys_lack_their_keys_not_a_header(make_project, built) -> None:
    """It was 'de lijst 'indicatoren' is leeg. Verwacht: een kopregel met de kolommen …'."""
    project = make_project(export="yaml")
    built(project)
    project.export_path.write_text("indicatoren:\n- {}\n", encoding="utf-8")
    assert errors(rejected(project)) == [
        "indicatoren.yaml, regel 2: de indicator heeft geen id. Verwacht: een code zoals kcc-tevredenheid.",
        "indicatoren.yaml, regel 2: de paragraaf ontbreekt. Verwacht: een nummer zoals 4.1.",
        "indicatoren.yaml, regel 2: de indicator heeft geen titel.",
    ]


def test_yaml_value_naming_another_indicator_is_an_error(make_project, built) -> None:
    """A value's own 'indicator:' put it under that indicator without a word, whatever it stood under."""
    project = make_project(export="yaml")
    built(project)
    _edit_yaml(project, "    waarde: '93'", "    waarde: '93'\n    indicator: kcc-bereikbaarheid")
    _edit_yaml(project, "    waarde: '94'", "    waarde: '94'\n    indicator: kcc-tevredenheid")  # its own: fine
    line = _line_of(project.export_path, "indicator: kcc-bereikbaarheid")
    assert errors(rejected(project)) == [
        f"indicatoren.yaml, regel {line}, sleutel indicator: een waarde hoort bij de indicator waaronder ze staat, en "
        "heeft geen sleutel 'indicator'. Gevonden: 'kcc-bereikbaarheid'. Hint: zet de waarde onder 'waarden:' van "
        "die indicator, en haal de regel 'indicator:' weg."
    ]


def test_yaml_without_any_values_says_so_per_indicator_not_that_a_sheet_is_empty(make_project) -> None:
    """It was 'het blad waarden is leeg. Verwacht: een kopregel met de kolommen …'."""
    project = make_project(export="yaml")
    project.values.clear()
    project.write()
    assert [str(p) for p in load_project(project.root).problems] == [
        f"indicatoren.yaml, regel {line}, sleutel id: indicator '{indicator}' heeft geen waarden. Hint: voeg waarden "
        "toe in de lijst 'waarden', of 'geen cijfer' met een reden."
        for indicator in ("kcc-tevredenheid", "kcc-bereikbaarheid")
        for line in [_line_of(project.export_path, f"id: {indicator}")]
    ]


def test_yaml_period_written_as_a_date_is_no_excel_date(make_project, built) -> None:
    """YAML read 2020-01-01 as a date: 'de periode is een datum … Excel maakt van '2022-2023' soms een datum'."""
    project = make_project(export="yaml")
    built(project)
    _edit_yaml(project, "periode: '2020'\n    soort: streefwaarde", "periode: 2020-12-31\n    soort: streefwaarde")
    line = _line_of(project.export_path, "periode: 2020-12-31")
    assert [p for p in errors(rejected(project)) if "Excel" in p] == []
    assert [str(p.location) for p in errors_of(rejected(project))] == [
        f"indicatoren.yaml, regel {line}, sleutel periode"
    ]


def test_yaml_hints_name_keys(make_project) -> None:
    """'zet … in de kolom …' in a file of keys."""
    project = make_project(export="yaml")
    project.indicators[1]["eenheid"] = "aantal"
    project.values[3]["waarde"] = "83%"
    project.values[4]["waarde"] = "78*"
    project.write()
    assert [p.hint for p in load_project(project.root).problems] == [
        "zet de tekst van de voetnoot bij de sleutel 'voetnoot'.",
        "zet % bij de sleutel eenheid van de indicator, of laat het teken weg.",
    ]


def test_yaml_hints_say_nothing_of_excel_or_its_cells(make_project, built) -> None:
    """A YAML file has no cells and is not typed in Excel: its writer was told 'in Excel: maak de cel van het type
    Getal of Tekst', and that Excel had made a date of the value."""
    project = make_project(export="yaml")
    built(project)
    project.values[0]["waarde"] = "95.00000000000001"
    project.values[3]["waarde"] = "1,23457E+11"
    project.values[4]["waarde"] = "6-jun"
    project.write()
    problems = rejected(project)
    assert [(p.message, p.hint) for p in problems] == [
        (
            "dit getal heeft meer dan 15 cijfers: een rekenrest van het programma dat de export maakte. Gepubliceerd "
            "als 95, afgerond op 15 cijfers.",
            "zet het getal afgerond in de export.",
        ),
        (
            "'1,23457E+11' is geen getal.",
            "zo schrijven programma's een heel groot of klein getal (met E en de macht van tien): schrijf het hele "
            "getal.",
        ),
        (
            "'6-jun' is geen getal.",
            "dit is een datum: een programma maakt van een bereik als 6-6,5 of een getal als 1.6 soms een datum. "
            "Schrijf de waarde zoals die bedoeld is.",
        ),
    ]
    project.export = "csv"  # typed in Excel, or saved from it: told what Excel did
    project.write()
    assert [p.hint for p in rejected(project)][1:] == [
        "zo schrijven Excel en andere programma's een heel groot of klein getal: schrijf het hele getal (in Excel: "
        "maak de cel van het type Getal of Tekst en typ het opnieuw).",
        "Excel heeft hier een datum van gemaakt (van 6-6,5 of 1.6 bijvoorbeeld): maak de cel van het type Tekst en "
        "typ de waarde opnieuw.",
    ]


def test_csv_missing_required_column_says_header_not_sheet(make_project, built) -> None:
    project = make_project(export="csv")
    built(project)
    header = project.export_path / "indicatoren.csv"
    header.write_text(header.read_text(encoding="utf-8").replace("id;", "code;", 1), encoding="utf-8")
    assert errors(rejected(project)) == [
        "indicatoren.csv: de verplichte kolom 'id' ontbreekt in de kopregel. Gevonden: 'code, paragraaf, titel, "
        "eenheid, decimalen, polariteit, bron, toelichting'. Verwacht: id, paragraaf, titel. Hint: de eerste gevulde "
        "regel van het bestand is de kopregel; zet daar de kolomnamen."
    ]


def test_csv_empty_file_is_said_to_be_empty_not_a_sheet(make_project, built) -> None:
    """Its hint was to begin with the template of 'verantwoord new', which makes a workbook, not a CSV file."""
    project = make_project(export="csv")
    built(project)
    (project.export_path / "waarden.csv").write_text("\ufeff\r\n", encoding="utf-8")
    assert errors(rejected(project)) == [
        "waarden.csv: het bestand is leeg. Verwacht: een kopregel met de kolommen indicator, periode, soort, waarde, "
        "tekst, reden, reeks, voetnoot. Hint: zet op de eerste regel de kopregel: "
        "indicator;periode;soort;waarde;tekst;reden;reeks;voetnoot. Of sla in Excel het blad Waarden van een werkmap "
        "op als 'CSV UTF-8 (door komma's gescheiden)'."
    ]


def test_csv_indicators_are_named_by_their_file(make_project, built) -> None:
    """'een id uit het blad Indicatoren', 'voeg de indicator toe aan het blad Indicatoren', 'voeg waarden toe in
    het blad Waarden': a folder of CSV files has no sheets."""
    project = make_project(export="csv")
    built(project)
    project.values[0]["indicator"] = "woningen"
    project.values[1]["indicator"] = ""
    del project.values[3:]
    project.write()
    problems = rejected(project)
    assert [str(p) for p in problems] == [
        "waarden.csv, regel 2, kolom indicator: onbekende indicator 'woningen'. Gevonden: 'woningen'. Verwacht: een "
        "id uit indicatoren.csv. Hint: voeg de indicator toe aan indicatoren.csv.",
        "waarden.csv, regel 3, kolom indicator: de waarde hoort bij geen indicator. Verwacht: een id uit "
        "indicatoren.csv.",
    ]
    project.values[0]["indicator"] = project.values[1]["indicator"] = "kcc-tevredenheid"
    project.write()
    assert [p.hint for p in load_project(project.root).problems] == [
        "voeg waarden toe in waarden.csv, of 'geen cijfer' met een reden."
    ]


@pytest.mark.parametrize(
    ("export", "hint"),
    [
        ("csv", "kijk in de kolom 'reeks' van waarden.csv hoe ze heet."),
        ("yaml", "kijk bij de sleutel 'reeks' van de lijst 'waarden' hoe ze heet."),
    ],
)
def test_a_series_no_figure_has_is_looked_up_where_the_export_keeps_it(make_project, export: str, hint: str) -> None:
    """'kijk in de kolom 'reeks' van het blad Waarden', in an export without sheets."""
    config = {"document": CONFIG["document"], "tabel": {"kolommen": ["realisatie 2019", "reeks Nederland"]}}
    project = make_project(export=export, config=config)
    assert [p.hint for p in load_project(project.root).problems if "Nederland" in p.message] == [hint]


def test_what_rejected_rows_would_have_shown_is_not_said_to_be_missing(make_project) -> None:
    """With the values' own realisation rejected (1.400 in a file that writes 1400), its comparison figure for
    Nederland was said to stand in no column of the table; with every value rejected, the series 'Nederland' of
    'tabel.kolommen' was said to have no figures. Both follow from the rejected rows, which have errors of their own."""
    config = {"document": CONFIG["document"], "tabel": {"kolommen": ["laatste meting", "reeks Nederland"]}}
    project = make_project(export="csv", config=config)
    first = next(v["indicator"] for v in project.values if v["soort"] == "realisatie")
    latest = max(
        (v for v in project.values if v["indicator"] == first and v["soort"] == "realisatie"),
        key=lambda v: str(v["periode"]),
    )
    project.values.append({**latest, "reeks": "Nederland", "waarde": "80"})
    project.write()
    assert not [str(p) for p in load_project(project.root).problems if "'Nederland'" in str(p)]
    latest["waarde"] = "1.400"
    project.write()
    problems = [str(p) for p in rejected(project)]
    assert problems and not [p for p in problems if "'Nederland'" in p], problems
    (project.export_path / "waarden.csv").write_text("indicator;periode;soort;waarden\n", encoding="utf-8")
    problems = [str(p) for p in rejected(project)]
    assert problems and not [p for p in problems if "'Nederland'" in p], problems


def test_a_rejected_row_keeps_back_no_warning_of_another_indicator(make_project, built) -> None:
    """After the change above, one duplicated value kept back every warning of what the tables do not show (a target
    for a year without a column, of another indicator), which appeared only once the duplicate was mended."""
    project = make_project()
    built(project)
    first = project.values[0]
    other = next(v for v in project.values if v["indicator"] != first["indicator"])
    project.values.append(dict(first))  # the same value twice: an error
    project.values.append({**other, "soort": "streefwaarde", "periode": "2025", "waarde": "90"})
    project.write()
    problems = [str(p) for p in rejected(project)]
    assert any("er staat al een" in p for p in problems), problems
    assert any("streefwaarde voor 2025 staat niet in de tabel" in p for p in problems), problems


@pytest.mark.parametrize("export", ["xlsx", "csv"])
def test_a_misspelt_required_column_is_one_error(make_project, built, export: str) -> None:
    """'indicatr' was an unknown column that means 'indicator', and then the required column 'indicator' missing."""
    project = make_project(export=export)
    built(project)
    columns = ["indicatr" if c.name == "indicator" else c.name for c in VALUE_COLUMNS]
    rows = [{**row, "indicatr": row["indicator"]} for row in project.values]
    if export == "xlsx":
        project.write_sheets(
            {"Indicatoren": sheet(INDICATOR_COLUMNS, project.indicators), "Waarden": sheet(columns, rows)}
        )
        where = f"{WAARDEN}, cel A1"
    else:
        path = project.export_path / "waarden.csv"
        path.write_text(path.read_text(encoding="utf-8").replace("indicator;", "indicatr;", 1), encoding="utf-8")
        where = "waarden.csv, regel 1, kolom indicatr"
    assert errors(rejected(project)) == [
        f"{where}: onbekende kolom 'indicatr'. Gevonden: 'indicatr'. Verwacht: de kolom 'indicator'. "
        "Hint: bedoelt u 'indicator'? Hernoem de kolom."
    ]


def test_config_error_names_line(make_project) -> None:
    project = make_project(config={"document": {"jaar": "twintig"}})
    line = _line_of(project.config_path, "jaar: twintig")
    assert [str(p) for p in rejected(project)] == [
        f"verantwoord.yaml, regel {line}: 'document.jaar' is geen jaartal. Gevonden: 'twintig'. "
        "Verwacht: een jaar van 1900 tot en met 2200, zoals 2020."
    ]


def test_a_year_out_of_range_is_told_the_range(make_project) -> None:
    """'jaar: 1899' was 'geen jaartal … Verwacht: een jaar zoals 2020', as if 1899 were no year."""
    project = make_project(config={"document": {"jaar": 1899}})
    assert [str(p) for p in rejected(project)] == [
        f"verantwoord.yaml, regel {_line_of(project.config_path, 'jaar: 1899')}: 'document.jaar' is geen jaartal. "
        "Gevonden: '1899'. Verwacht: een jaar van 1900 tot en met 2200, zoals 2020."
    ]


# Every problem in one run, and nothing written when there was no output yet


def test_all_problems_in_one_run(make_project, built) -> None:
    project = make_project()
    built(project)
    project.values[0]["waarde"] = "abc"
    project.values[1]["periode"] = "twintig"
    project.values[2]["soort"] = "onbekend"
    project.indicators[1]["decimalen"] = "veel"
    project.texts["inleiding.md"] = "# Inleiding\n"
    project.write()
    assert errors(rejected(project)) == [
        "tekst/inleiding.md: de bestandsnaam begint niet met het nummer van een hoofdstuk of paragraaf. "
        "Gevonden: 'inleiding.md'. Verwacht: een naam zoals 4.md of '4.1 Bestuur en dienstverlening.md'.",
        f"{INDICATOREN}, cel E3: 'veel' is geen aantal decimalen. Gevonden: 'veel'. "
        "Verwacht: een heel getal van 0 tot 6.",
        f"{WAARDEN}, cel D2: 'abc' is geen getal. Gevonden: 'abc'. Verwacht: {FIGURE_EXPECTED}. "
        "Hint: wilt u tekst tonen (zoals '79,3% (TK)'), zet die dan in de kolom 'tekst'.",
        f"{WAARDEN}, cel B3: 'twintig' is geen periode. Gevonden: 'twintig'. "
        "Verwacht: een jaar (2020), jaren (2022-2023), kwartaal (Q3 2024) of maand (2024-03).",
        f"{WAARDEN}, cel C4: 'onbekend' is geen geldige soort. Gevonden: 'onbekend'. "
        "Verwacht: 'realisatie', 'streefwaarde', 'begroting', 'verwachting' of 'nulmeting'.",
    ]


@pytest.mark.parametrize("exchange", [True, False], ids=["one-step-swap", "two-renames"])
def test_ctrl_c_while_the_old_site_is_removed_removes_it_still(make_project, monkeypatch, exchange: bool) -> None:
    """An interrupt after the swap left the old site (49 MB at 600 sections) in a hidden folder in the project. After a
    one-step swap (Linux) as after two renames (elsewhere) the old site is removed under an old site's name."""
    if not exchange:
        monkeypatch.setattr("verantwoord.build.site._exchange", lambda first, second: False)  # as on Windows or macOS
    project = make_project()
    build_project(project.root)
    remove = shutil.rmtree
    interrupted = []

    def interrupt_once(path, *args, **kwargs):
        if ".verantwoord-oud-" in str(path) and not interrupted:
            interrupted.append(path)
            raise KeyboardInterrupt
        remove(path, *args, **kwargs)

    monkeypatch.setattr(shutil, "rmtree", interrupt_once)
    with pytest.raises(KeyboardInterrupt):
        build_project(project.root)
    assert interrupted
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".verantwoord-")] == []
    assert (project.output / "index.html").is_file()


def test_rejected_after_a_real_build(make_project) -> None:
    """As the user does it: build, change the workbook, build again; three errors give three problems."""
    project = make_project()
    build_project(project.root, strict=True)
    project.values[0]["waarde"] = "abc"
    project.values[1]["periode"] = "twintig"
    project.values[3]["soort"] = "onbekend"
    project.write()
    problems = rejected(project)
    assert len(problems) == 3
    assert [str(p.location) for p in problems] == [f"{WAARDEN}, cel D2", f"{WAARDEN}, cel B3", f"{WAARDEN}, cel C5"]
    with pytest.raises(InvalidProject, match=r"^De invoer is niet in orde: 3 fouten\. Er is niets geschreven\.$"):
        load_project(project.root)


def test_no_output_when_there_was_none(make_project) -> None:
    project = make_project()
    project.values[0]["waarde"] = "abc"
    project.write()
    assert not project.output.exists()
    assert len(rejected(project)) == 1
    assert not project.output.exists()
    assert sorted(p.name for p in project.root.iterdir()) == ["indicatoren.xlsx", "tekst", "verantwoord.yaml"]


# HTML in every text field


def _payload(field: str) -> str:
    return f"<script>alert('{field}')</script><img src=x onerror=alert('{field}')>"


_SITE_SCRIPT = re.compile(r"<script src=\"(\.\./)*[\w./-]+\.js\"( defer)?></script>")
"""The only script a page may have: the site's own file, by a relative path, with nothing inline."""


class _TagChecker(HTMLParser):
    """Collects what would run in a browser: inline or foreign scripts, embedded content, event handlers,
    javascript: URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("img", "iframe", "object", "embed"):
            self.found.append(f"<{tag}>")
        if tag == "script":
            self.in_script = True
            source = dict(attrs).get("src") or ""
            if not re.fullmatch(r"(\.\./)*[\w./-]+\.js", source):
                self.found.append(f"<script src={source!r}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if value and re.sub(r"\s", "", value).lower().startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"{tag} {name}={value}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and data.strip():
            self.found.append(f"inline script {data!r}")


def test_html_and_refused_links_in_a_text_are_a_warning(make_project) -> None:
    """An <iframe> in a section text stood on the page as '<iframe …>', and a javascript: link as its words alone,
    without a word to the author. Code, an autolink and 'minder dan <5' are no HTML."""
    texts = {
        "4.md": "# Bestuur\n",
        "4.1.md": "# Dienstverlening\n\nMinder dan <5 klachten, zie <https://example.org>, `<b>` en ``<i>``.\n\n"
        '<iframe src="https://example.org/kaart"></iframe>\n\nEn <b>vet</b>; vul <naam> in.\n\n'
        "![Kaart](javascript:alert(2))\n",  # an image: build/images.py says what is wrong with it
    }
    project = make_project(texts=texts)
    project.indicators[0]["toelichting"] = "Zie [de kaart](javascript:alert(1))."
    project.indicators[1]["toelichting"] = "Gemeten met <u>de enquête</u>."  # no link: its cell was not kept
    project.write()
    problems = [str(p) for p in rejected(project) if "HTML" in p.message or "link naar" in p.message]
    assert problems == [
        "tekst/4.1.md, regel 5: de HTML '<iframe src=\"https://example.org/kaart\">' wordt niet uitgevoerd maar als "
        "gewone tekst getoond (en nog 3 plekken met HTML of zo'n link in deze tekst). Hint: schrijf de opmaak in "
        "Markdown (**vet**, [tekst](https://…), een tabel met |), of haal de HTML weg.",
        f"{INDICATOREN}, cel H2: de link naar 'javascript:alert(1)' wordt weggelaten: alleen de tekst ervan komt op de "
        "pagina. Hint: een link gaat naar een adres dat begint met https://, of naar een pagina of bestand van de "
        "website.",
        f"{INDICATOREN}, cel H3: de HTML '<u>' wordt niet uitgevoerd maar als gewone tekst getoond (en nog 1 plek met "
        "HTML of zo'n link in deze tekst). Hint: schrijf de opmaak in Markdown (**vet**, [tekst](https://…), een "
        "tabel met |), of haal de HTML weg.",
    ]


def test_a_table_or_list_pasted_from_excel_or_word_is_a_warning(make_project) -> None:
    """A table pasted from Excel (tabs between its columns) came on the page as one paragraph, its figures in a row,
    and Word's bullets as a paragraph with bullet signs: nobody was told. A Markdown list or table with a tab is not."""
    texts = {
        "4.md": "# Bestuur\n",
        "4.1.md": "# Dienstverlening\n\n## 4.1.1\tWat heeft het gekost?\n\n"
        "Bedragen x € 1.000\tBegroting 2020\tRealisatie 2020\nLasten\t12.345\t12.101\nBaten\t-1.234\t-1.250\n\n"
        "•\tDe bereikbaarheid daalde.\n•\tEind 2020 lag ze weer op het oude niveau.\n\n"
        "1.\tEerste punt\n2.\tTweede punt\n\n| a\t| b |\n|---|---|\n| 1\t| 2 |\n\n```\nx\ty\nz\tw\n```\n",
    }
    project = make_project(texts=texts)
    project.indicators[0]["toelichting"] = "Gemeten in:\n· juni\n· december"
    project.indicators[1]["toelichting"] = "Het aantal klachten per kanaal:\n\nBalie\t12\nTelefoon\t30"
    project.write()
    problems = [str(p) for p in load_project(project.root).problems if "Word" in p.message]
    table_hint = (
        "Hint: schrijf de tabel met | tussen de kolommen en een regel |---|--:| onder de kop (zie 'Uw eerste project', "
        "De teksten schrijven), of maak er zinnen of een lijstje van."
    )
    list_hint = (
        "Hint: begin elke regel van het lijstje met een streepje en een spatie ('- '), met een lege regel erboven."
    )
    assert problems == [
        "tekst/4.1.md, regel 5: de regels 5–7 lijken een tabel uit Excel of Word, met tabs tussen de kolommen: op de "
        f"pagina wordt dat geen tabel, en staan de cijfers achter elkaar. {table_hint}",
        "tekst/4.1.md, regel 9: de regels 9–10 beginnen met een opsommingsteken uit Word (•): op de pagina wordt dat "
        f"geen lijstje, en regels onder elkaar worden één alinea. {list_hint}",
        # The explanation begins with its own words: a line in it begins with the sign it has, a middle dot.
        f"{INDICATOREN}, cel H2: in de toelichting begint een regel met een opsommingsteken uit Word (·): op de "
        f"pagina wordt dat geen lijstje. {list_hint}",
        f"{INDICATOREN}, cel H3: de toelichting lijkt een tabel uit Excel of Word te bevatten, met tabs tussen de "
        f"kolommen: op de pagina wordt dat geen tabel, en staan de cijfers achter elkaar. {table_hint}",
    ]


def test_html_in_every_text_field_is_escaped(make_project) -> None:
    fields = {
        name: _payload(name)
        for name in (
            "titel",
            "titel-met-grafiek",
            "eenheid",
            "eenheid-met-grafiek",
            "bron",
            "toelichting",
            "reden",
            "voetnoot",
            "tekst",
            "reeks",
            "hoofdstuktitel",
            "hoofdstuktekst",
            "paragraaftitel",
            "paragraaftekst",
            "organisatie",
            "documenttitel",
        )
    }
    markdown_link = "[klik](javascript:alert('link'))"
    raw_link = '<a href="javascript:alert(1)">klik</a>'
    project = make_project(
        config={"document": {"organisatie": fields["organisatie"], "titel": fields["documenttitel"]}},
        texts={
            "4.md": f"# Hoofdstuk {fields['hoofdstuktitel']}\n\n{fields['hoofdstuktekst']}\n\n{markdown_link}\n",
            "4.1.md": f"# Paragraaf {fields['paragraaftitel']}\n\n{fields['paragraaftekst']}\n\n{raw_link}\n",
        },
    )
    project.indicators[0].update(
        titel=fields["titel"],
        eenheid=fields["eenheid"],
        bron=fields["bron"],
        toelichting=f"{fields['toelichting']}\n\n{markdown_link}\n\n{raw_link}",
        decimalen=None,
    )
    # The second indicator has only figures, the kind of indicator that may also get a chart.
    project.indicators[1].update(titel=fields["titel-met-grafiek"], eenheid=fields["eenheid-met-grafiek"])
    project.values[0].update(waarde="95", voetnoot=fields["voetnoot"])
    project.values[1].update(waarde="geen cijfer", reden=fields["reden"])
    project.values[2].update(waarde="93", tekst=fields["tekst"])
    series = {"indicator": "kcc-tevredenheid", "periode": "2020", "soort": "realisatie", "reeks": fields["reeks"]}
    project.values.append({**series, "waarde": "1"})
    project.write()
    build_project(project.root)

    pages = sorted(project.output.rglob("*.html"))
    assert len(pages) >= 3
    visible = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b.*?(?:</script>|$)", html, re.IGNORECASE | re.DOTALL)
        assert [script for script in scripts if not _SITE_SCRIPT.fullmatch(script)] == [], page
        # Outside quoted attribute values, whose javascript: (as in a meta description quoting the text) is inert text;
        # a value that is a javascript: address is found by the parser below.
        unquoted = re.sub(r'"[^"]*"', '""', html)
        assert not re.search(r"<[a-z][^>]*(\son[a-z]+\s*=|javascript:)", unquoted, re.IGNORECASE), page
        checker = _TagChecker()
        checker.feed(html)
        assert checker.found == [], page
        visible.extend(page_lines(html))
    text = "\n".join(visible)
    shown = [name for name in fields if name != "reeks"]  # a comparison series is not shown in this layout yet
    assert [name for name in shown if fields[name] not in text] == []
    # The refused javascript: link keeps its text, as plain text: no dead link, no javascript: (checked above).
    assert "klik" in text
    assert not any(">klik</a>" in page.read_text(encoding="utf-8") for page in pages)
    section_page = next(page for page in pages if page.parent.name.startswith("4-1-")).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;titel&#39;)&lt;/script&gt;" in section_page


def test_a_config_error_does_not_hide_the_exports_errors(make_project) -> None:
    project = make_project(config={"thema": {"kleur": "#aaaaaa"}})
    project.values[0]["waarde"] = "abc"
    project.write()
    with pytest.raises(InvalidProject) as raised:
        load_project(project.root)
    files = {problem.location.file for problem in raised.value.problems}
    assert files == {"verantwoord.yaml", "indicatoren.xlsx"}


def test_a_utf8_csv_with_zero_bytes_in_a_cell_is_not_taken_for_utf16() -> None:
    from verantwoord.export.csvfiles import utf16_encoding

    padded = ("id;naam;waarde\n" + ("1;x" + "\0" * 20 + ";1\n") * 40).encode()
    assert utf16_encoding(padded) is None
    assert utf16_encoding("id\tnaam\n".encode("utf-16-le")) == "utf-16-le"
    assert utf16_encoding("id\tnaam\n".encode("utf-16-be")) == "utf-16-be"


def test_a_series_shown_as_rows_outside_the_tables_years_gets_the_hint_for_its_years(make_project) -> None:
    """With 'tabel.reeksen: rijen' a comparison figure of a year the table leaves out was told to go into
    'tabel.kolommen' (an error with rows) or to choose 'reeksen: rijen' (already chosen)."""
    project = make_project(config={"tabel": {"realisatie": "2019-2020", "streefwaarde": 2020, "reeksen": "rijen"}})
    project.values.append(
        {
            "indicator": "kcc-tevredenheid",
            "periode": "2018",
            "soort": "realisatie",
            "waarde": "80",
            "reeks": "Nederland",
        }
    )
    project.write()
    assert [str(p) for p in load_project(project.root).problems] == [
        f"{WAARDEN}, cel B7: de realisatie van de reeks 'Nederland' voor 2018 staat niet in de tabel. Gevonden: "
        "'2018'. Verwacht: een jaar uit 'tabel.realisatie'. Hint: voeg het jaar toe aan 'tabel.realisatie' in "
        "verantwoord.yaml, of verwijder de waarde."
    ]


def test_a_misspelt_comparison_series_in_the_columns_is_a_warning(tmp_path: Path) -> None:
    """'reeks Nederlnd' published a column of 'geen cijfer' without a word."""
    example = Path(__file__).resolve().parents[1] / "examples" / "jaarverslag-2022-benchmark"
    project = tmp_path / "p"
    shutil.copytree(example, project, ignore=shutil.ignore_patterns("site"))
    config = project / "verantwoord.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("reeks Nederland", "reeks Nederlnd"), encoding="utf-8")
    warnings = [str(p) for p in load_project(project).problems if "Nederlnd" in p.message]
    assert warnings == [
        "verantwoord.yaml: 'tabel.kolommen' noemt de reeks 'Nederlnd', maar geen cijfer in de export hoort bij die "
        "reeks: de kolom toont alleen 'geen cijfer'. Hint: bedoelt u 'Nederland'?"
    ]


def test_a_language_mark_that_is_not_read_is_named_at_its_line_or_cell(make_project) -> None:
    """[city]{lang=engels} would stand on the page as written, without a word."""
    project = make_project(export="csv")
    project.texts["4.1.md"] += (
        "\nEen [Smart City]{lang=en}.\n\nEen [city]{lang=engels}.\n\nEen [*stad*]{lang=en}.\n"  # the same end as line 1
    )
    project.indicators[0]["toelichting"] = "Een [survey]{lang=english}."
    project.write()
    lines = (project.root / "tekst" / "4.1.md").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "engels" in text)
    stad = next(n for n, text in enumerate(lines, 1) if "stad" in text)
    problems = [str(p) for p in load_project(project.root).problems if "taalmarkering" in p.message]
    assert problems == [
        f"tekst/4.1.md, regel {line}: de taalmarkering '[city]{{lang=engels}}' wordt niet gelezen en komt zo op de "
        "pagina te staan. Hint: zet alleen gewone tekst tussen de haken en een taalcode achter lang=, zoals "
        "[Smart City]{lang=en}.",
        f"tekst/4.1.md, regel {stad}: de taalmarkering '[*stad*]{{lang=en}}' wordt niet gelezen en komt zo op de "
        "pagina te staan. Hint: zet alleen gewone tekst tussen de haken en een taalcode achter lang=, zoals "
        "[Smart City]{lang=en}.",
        "indicatoren.csv, regel 2, kolom toelichting: de taalmarkering '[survey]{lang=english}' wordt niet gelezen "
        "en komt zo op de pagina te staan. Hint: zet alleen gewone tekst tussen de haken en een taalcode achter "
        "lang=, zoals [Smart City]{lang=en}.",
    ]


def test_a_language_mark_in_a_title_is_named_at_its_heading(make_project) -> None:
    """A title is plain text (the h1, the browser's tab, the contents, the breadcrumbs): '# Het [Smart City]{lang=en}
    programma' stood on every page as written, and `check` said the project was in order."""
    project = make_project(export="csv")
    project.texts["4.1.md"] = "\n# Het [Smart City]{lang=en} programma\n\nDe [Smart City]{lang=en} groeit.\n"
    project.write()
    problems = [str(p) for p in load_project(project.root).problems if "taalmarkering" in p.message]
    assert problems == [
        "tekst/4.1.md, regel 2: de taalmarkering '[Smart City]{lang=en}' in de titel wordt niet gelezen en komt zo "
        "op de pagina te staan. Hint: een titel is gewone tekst, ook in het tabblad van de browser en in de "
        "inhoudsopgave: schrijf de woorden zonder markering."
    ]


def test_a_cell_in_a_text_column_as_excel_shows_it() -> None:
    """A duration ([u]:mm) was published as '1 day, 12:00:00', and -0 as '-0'."""
    from verantwoord.export.records import shown_as_in_excel

    assert shown_as_in_excel(timedelta(hours=36)) == "36:00"
    assert shown_as_in_excel(time(9, 5)) == "9:05"
    assert shown_as_in_excel(-0.0) == "0"
    assert shown_as_in_excel(datetime(2021, 5, 1, 13, 50)) == "1-5-2021 13:50"


def test_numbers_dates_and_yes_no_in_text_columns_read_as_excel_shows_them(make_project) -> None:
    """A source typed as a date (mei-21), a text 79,3 or WAAR were published as '2021-05-01', '79.3' and 'True'."""
    project = make_project()

    def edit(workbook) -> None:
        for sheet_name, cells in {
            "Indicatoren": {"bron": datetime(2021, 5, 1), "eenheid": 1000.5},
            "Waarden": {"tekst": 79.3, "voetnoot": True},
        }.items():
            sheet = workbook[sheet_name]
            header = [cell.value for cell in sheet[1]]
            for column, value in cells.items():
                sheet.cell(2, header.index(column) + 1, value)

    project.edit_workbook(edit)
    document = load_project(project.root).document
    indicator = next(iter(document.indicators()))
    assert (indicator.source, indicator.unit) == ("1-5-2021", "1000,5")  # Dutch Excel's own date: d-m-jjjj
    [value] = [v for v in indicator.values if v.footnote]
    assert (value.figure.text, value.footnote) == ("79,3", "WAAR")


def test_what_was_found_is_shown_as_typed() -> None:
    """Python's repr doubled a Windows path's backslashes and wrote a line break in a cell as \\n."""
    path = Problem(
        Severity.ERROR, Location("verantwoord.yaml", line=7), "het bestand bestaat niet.", found="data\\a.xlsx"
    )
    assert str(path) == "verantwoord.yaml, regel 7: het bestand bestaat niet. Gevonden: 'data\\a.xlsx'."
    cell = Problem(Severity.ERROR, Location("a.xlsx", "Indicatoren", cell="F2"), "fout.", found="hoger\nis beter's")
    assert str(cell).endswith("Gevonden: 'hoger↵is beter's'.")
    hidden = Problem(Severity.ERROR, Location("w.csv", line=2), "onbekend.", found="kcc\u200b 7\u00a05\t\x07")
    assert str(hidden).endswith("Gevonden: 'kcc[onzichtbare spatie] 7[vaste spatie]5[tab][U+0007]'.")


@pytest.mark.parametrize("mistake", ["a split cell", "another separator"])
def test_an_indicator_line_that_is_not_read_still_names_its_id(make_project, built, mistake: str) -> None:
    """A line of indicatoren.csv with a cell split at a comma, or typed with commas in a file of semicolons, was an
    error, and then each of its values was an unknown indicator 'to add to indicatoren.csv', where it was."""
    project = make_project(export="csv")
    built(project)
    path = project.export_path / "indicatoren.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    (at,) = [n for n, line in enumerate(lines) if line.startswith("kcc-bereikbaarheid;")]
    if mistake == "a split cell":
        lines[at] = lines[at].replace(";", ";meer;", 2).replace(";meer;", ";", 1)  # one cell more after the id
    else:
        lines[at] = lines[at].replace(";", ",")
    path.write_text("".join(lines), encoding="utf-8")
    problems = [str(p) for p in rejected(project)]
    assert len(problems) == 1 and problems[0].startswith(f"indicatoren.csv, regel {at + 1}: deze regel heeft")


@pytest.mark.parametrize("export", ["xlsx", "csv", "yaml"])
def test_control_characters_in_texts_are_left_out_with_a_warning(make_project, export: str) -> None:
    """An escape (ESC), a C1 character (0x9B), DEL or a vertical tab pasted along with a title, unit, source,
    explanation, reason, footnote or series name went into the pages and the open data as they were: the HTML
    validator refuses them, a screen reader may stop at them, and no one saw them in Excel."""
    project = make_project(export=export)
    esc, vt = ("_x001B_", "_x000B_") if export == "xlsx" else ("\x1b", "\x0b")  # how a workbook's XML holds them
    project.indicators[0].update(titel=f"% bellers{esc} positief", eenheid="%\x9b", bron="Klant in Focus\x7f")
    project.indicators[0]["toelichting"] = f"Eerste regel{vt}tweede regel."
    project.values[0]["voetnoot"] = f"Gemeten in mei{esc}"
    project.values[1].update(waarde="geen cijfer", reden=f"Niet{esc}{esc} gemeten\x9b")
    project.values.append(
        {"indicator": "kcc-tevredenheid", "periode": "2020", "soort": "realisatie", "waarde": "60", "reeks": f"NL{esc}"}
    )
    project.write()
    problems = [p for p in load_project(project.root).problems if "stuurteken" in p.message]
    left_out = "de tekst bevat een stuurteken dat niet te zien is ({}): verantwoord laat het weg."
    assert sorted(p.message for p in problems) == sorted(
        [
            *(left_out.format(code) for code in ("U+001B", "U+009B", "U+007F", "U+000B", "U+001B", "U+001B")),
            "de tekst bevat stuurtekens die niet te zien zijn (U+001B en U+009B): verantwoord laat ze weg.",
        ]
    ), problems
    if export == "xlsx":
        assert sorted(str(p.location) for p in problems) == sorted(
            [f"{INDICATOREN}, cel {cell}" for cell in ("C2", "D2", "G2", "H2")]
            + [f"{WAARDEN}, cel {cell}" for cell in ("F3", "G7", "H2")]
        )
    assert problems[0].found is not None and problems[0].hint == (
        "haal het weg waar de tekst vandaan komt; het komt mee met tekst uit een ander programma."
    )
    build_project(project.root)
    page = (project.output / SECTION_PAGE).read_text(encoding="utf-8")
    for shown in ("% bellers positief", "Klant in Focus", "Eerste regel tweede regel.", "in mei", "Niet gemeten"):
        assert shown in page, shown
    for path in project.output.rglob("*"):
        if path.suffix in (".html", ".csv", ".json"):
            assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", path.read_text(encoding="utf-8")), path
