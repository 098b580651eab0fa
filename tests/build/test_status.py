"""Status against target: judge() per polarity and figure, summarise(), and where the site shows it."""

from __future__ import annotations

import shutil
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from tests.pagetext import page_lines
from verantwoord import build_project
from verantwoord.build.status import Judgement, Status, Summary, judge, judge_in_table, summarise
from verantwoord.model import (
    ColumnKind,
    Figure,
    Indicator,
    NoFigure,
    Number,
    Period,
    Polarity,
    Range,
    TableColumn,
    TableLayout,
    Text,
    Value,
    ValueKind,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "amersfoort-2020"
SECTION_PAGE = "4-bestuur-en-dienstverlening/4-1-bestuur-en-dienstverlening/index.html"
YEAR = 2020


def indicator(
    realised: Figure | None,
    target: Figure | None,
    polarity: Polarity = Polarity.HIGHER_IS_BETTER,
) -> Indicator:
    """An indicator with (optionally) a realised figure and a target for YEAR."""
    period = Period.of_year(YEAR)
    values = []
    if realised is not None:
        values.append(Value(period, ValueKind.REALISED, realised))
    if target is not None:
        values.append(Value(period, ValueKind.TARGET, target))
    return Indicator(id="ind", title="Indicator", values=tuple(values), polarity=polarity)


def number(text: str) -> Number:
    return Number(Decimal(text))


def span(low: str, high: str) -> Range:
    return Range(Decimal(low), Decimal(high))


MET = Judgement(Status.MET, "")
NOT_MET = Judgement(Status.NOT_MET, "")


# judge()


@pytest.mark.parametrize(
    ("realised", "expected"),
    [("95", MET), ("93", MET), ("92.9", NOT_MET)],
    ids=["above", "equal", "below"],
)
def test_higher_is_better(realised: str, expected: Judgement) -> None:
    assert judge(indicator(number(realised), number("93")), YEAR) == expected


@pytest.mark.parametrize(
    ("realised", "expected"),
    [("10", MET), ("12", MET), ("12.1", NOT_MET)],
    ids=["below", "equal", "above"],
)
def test_lower_is_better(realised: str, expected: Judgement) -> None:
    assert judge(indicator(number(realised), number("12"), Polarity.LOWER_IS_BETTER), YEAR) == expected


def test_higher_is_better_with_a_range_target_needs_its_lower_bound() -> None:
    target = span("6", "6.5")
    assert judge(indicator(number("6"), target), YEAR) == MET
    assert judge(indicator(number("5.9"), target), YEAR) == NOT_MET


def test_lower_is_better_with_a_range_target_needs_its_upper_bound() -> None:
    target = span("6", "6.5")
    assert judge(indicator(number("6.5"), target, Polarity.LOWER_IS_BETTER), YEAR) == MET
    assert judge(indicator(number("6.6"), target, Polarity.LOWER_IS_BETTER), YEAR) == NOT_MET


@pytest.mark.parametrize("realised", ["6", "6.2", "6.5"], ids=["low-end", "inside", "high-end"])
def test_neutral_with_a_range_inside_is_met(realised: str) -> None:
    assert judge(indicator(number(realised), span("6", "6.5"), Polarity.NEUTRAL), YEAR) == MET


@pytest.mark.parametrize("realised", ["5.9", "6.6"], ids=["below", "above"])
def test_neutral_with_a_range_outside_is_not_met(realised: str) -> None:
    assert judge(indicator(number(realised), span("6", "6.5"), Polarity.NEUTRAL), YEAR) == NOT_MET


def test_neutral_with_a_single_number_target_has_no_direction() -> None:
    judgement = judge(indicator(number("93"), number("93"), Polarity.NEUTRAL), YEAR)
    assert judgement == Judgement(Status.NOT_JUDGED, "no_direction")


@pytest.mark.parametrize(
    "realised",
    [None, NoFigure("de zuil staat uit"), NoFigure()],
    ids=["no-value", "no-figure-with-reason", "no-figure"],
)
def test_without_a_realised_number_it_cannot_be_judged(realised: Figure | None) -> None:
    assert judge(indicator(realised, number("93")), YEAR) == Judgement(Status.NOT_JUDGED, "no_figure")


def test_without_a_target_there_is_no_judgement() -> None:
    assert judge(indicator(number("93"), None), YEAR) is None


def test_a_target_without_a_figure_is_no_target() -> None:
    assert judge(indicator(number("93"), NoFigure("nog niet vastgesteld")), YEAR) is None


@pytest.mark.parametrize(
    ("realised", "target", "polarity", "decimals", "expected"),
    [
        ("59.6", "60", Polarity.HIGHER_IS_BETTER, 0, MET),  # 60 | 60 was "niet gehaald"
        ("59.4", "60", Polarity.HIGHER_IS_BETTER, 0, NOT_MET),
        ("59.6", "60", Polarity.HIGHER_IS_BETTER, 1, NOT_MET),
        ("59.6", "60", Polarity.HIGHER_IS_BETTER, None, NOT_MET),
        ("35.4", "35", Polarity.LOWER_IS_BETTER, 0, MET),
        ("35.5", "35", Polarity.LOWER_IS_BETTER, 0, NOT_MET),
    ],
)
def test_figures_are_compared_as_the_table_shows_them(
    realised: str, target: str, polarity: Polarity, decimals: int | None, expected: Judgement
) -> None:
    judged = replace(indicator(number(realised), number(target), polarity), decimals=decimals)
    assert judge(judged, YEAR) == expected


def test_a_range_target_is_compared_as_the_table_shows_it() -> None:
    """6,6 against 6-6,5 with no decimals shows 7 against 6-7: within it."""
    neutral = replace(indicator(number("6.6"), span("6", "6.5"), Polarity.NEUTRAL), decimals=0)
    assert judge(neutral, YEAR) == MET


def test_a_target_written_as_text_is_judged_by_its_number() -> None:
    """ "minimaal 13%" with 13 beside it was no target at all: a missed target left the summary."""
    assert judge(indicator(number("12.6"), Text("minimaal 13%", Decimal(13))), YEAR) == NOT_MET
    assert judge(indicator(number("13"), Text("minimaal 13%", Decimal(13))), YEAR) == MET
    assert judge(indicator(number("13"), Text("zo hoog mogelijk")), YEAR) == Judgement(Status.NOT_JUDGED, "target_text")


def test_a_target_text_beside_a_range_is_judged_by_the_range() -> None:
    between = Text("tussen zestig en vijfenzestig", None, span("60", "65"))
    assert judge(indicator(number("62"), between, Polarity.NEUTRAL), YEAR) == MET
    assert judge(indicator(number("66"), between, Polarity.NEUTRAL), YEAR) == NOT_MET
    assert judge(indicator(number("61"), between), YEAR) == MET


def test_a_text_is_compared_by_its_number_as_entered_not_rounded() -> None:
    """ "bijna 60" (59,6) shows no rounded figure: met would contradict the text."""
    almost = replace(indicator(Text("bijna 60", Decimal("59.6")), number("60")), decimals=0)
    assert judge(almost, YEAR) == NOT_MET


def test_only_the_documents_year_counts() -> None:
    assert judge(indicator(number("95"), number("93")), YEAR + 1) is None


# judge_in_table(): a status only beside a table that shows what it compares

DEFAULT = TableLayout(realised=tuple(Period.of_year(y) for y in range(2016, 2021)), target=(Period.of_year(YEAR),))
"""The default layout of a jaarverslag 2020: realisations 2016-2020, the target for 2020."""


def columns(*shown: str) -> TableLayout:
    """The default layout with `tabel.kolommen` as written: 'realisatie 2019', 'streefwaarde 2022', 'laatste meting'."""
    made = []
    for text in shown:
        if text == "laatste meting":
            made.append(TableColumn(ColumnKind.LATEST))
            continue
        word, _, years = text.partition(" ")
        first, _, last = years.partition("-")
        periods = tuple(Period.of_year(y) for y in range(int(first), int(last or first) + 1))
        made.append(TableColumn(ColumnKind.VALUES, ValueKind(word), periods))
    return replace(DEFAULT, columns=tuple(made))


def with_earlier(judged: Indicator, figure: str = "90") -> Indicator:
    """The indicator with a realised figure for the year before, which a column 'laatste meting' shows without one
    for the year itself."""
    earlier = Value(Period.of_year(YEAR - 1), ValueKind.REALISED, number(figure))
    return replace(judged, values=(earlier, *judged.values))


def test_the_default_table_shows_the_years_figures_and_is_judged_as_before() -> None:
    assert judge_in_table(indicator(number("95"), number("93")), YEAR, DEFAULT) == MET
    assert judge_in_table(indicator(None, number("93")), YEAR, DEFAULT) == Judgement(Status.NOT_JUDGED, "no_figure")


@pytest.mark.parametrize(
    "shown",
    [
        ("realisatie 2016-2020",),  # the landelijk layout: no target in the table
        ("laatste meting", "realisatie 2018-2019", "streefwaarde 2022"),
        ("realisatie 2019", "streefwaarde 2021"),
        ("realisatie 2019", "streefwaarde 2020"),  # the target, but not the figure it is measured against
        ("streefwaarde 2020",),
    ],
)
def test_no_status_beside_a_table_without_a_figure_it_compares(shown: tuple[str, ...]) -> None:
    """ "Streefcijfer 2020 gehaald" stood beside tables that showed neither 94 for 2020 nor the target of 93."""
    assert judge_in_table(indicator(number("94"), number("93")), YEAR, columns(*shown)) is None
    assert summarise([judge_in_table(indicator(number("94"), number("93")), YEAR, columns(*shown))]).total == 0


def test_the_latest_measurement_of_the_year_is_its_realisation() -> None:
    layout = columns("laatste meting", "streefwaarde 2020")
    assert judge_in_table(with_earlier(indicator(number("94"), number("93"))), YEAR, layout) == MET
    assert judge_in_table(with_earlier(indicator(number("92"), number("93"))), YEAR, layout) == NOT_MET


def test_without_a_figure_for_the_year_the_latest_measurement_shows_there_is_none() -> None:
    """The table shows 90 (2019) as the latest measurement: "niet te beoordelen: geen cijfer" for 2020 is what the
    reader sees. Without a column where the year's figure would stand, there is no status."""
    no_figure = Judgement(Status.NOT_JUDGED, "no_figure")
    for realised in (None, NoFigure("nog niet bekend")):
        judged = with_earlier(indicator(realised, number("93")))
        assert judge_in_table(judged, YEAR, columns("laatste meting", "streefwaarde 2020")) == no_figure
        assert judge_in_table(judged, YEAR, columns("realisatie 2019-2020", "streefwaarde 2020")) == no_figure
        assert judge_in_table(judged, YEAR, columns("realisatie 2019", "streefwaarde 2020")) is None


def test_a_later_latest_measurement_hides_the_years_figure() -> None:
    """Beside a document over a later year (`documenten`), 'laatste meting' shows 2021, not the 94 of 2020."""
    judged = indicator(number("94"), number("93"))
    later = replace(judged, values=(*judged.values, Value(Period.of_year(YEAR + 1), ValueKind.REALISED, number("96"))))
    assert judge_in_table(later, YEAR, columns("laatste meting", "streefwaarde 2020")) is None
    assert judge_in_table(later, YEAR, columns("laatste meting", "realisatie 2020", "streefwaarde 2020")) == MET


# summarise()


def test_summarise_counts_each_status_and_skips_indicators_without_target() -> None:
    indicators = [
        indicator(number("95"), number("93")),  # met
        indicator(number("94"), number("93")),  # met
        indicator(number("50"), number("60")),  # not met
        indicator(NoFigure("corona"), number("93")),  # not judged: no figure
        indicator(number("5"), number("5"), Polarity.NEUTRAL),  # not judged: no direction
        indicator(number("78"), None),  # no target: not counted
    ]
    summary = summarise(judge(i, YEAR) for i in indicators)
    assert summary == Summary(met=2, not_met=1, not_judged=2)
    assert summary.total == 5


def test_summarise_of_nothing_is_zero() -> None:
    assert summarise([]).total == 0


# On the built site


@pytest.fixture
def seed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1622111039")


def _section_lines(output: Path) -> list[str]:
    return page_lines((output / SECTION_PAGE).read_text(encoding="utf-8"))


def test_jaarverslag_shows_the_status(tmp_path: Path, seed_time: None) -> None:
    result = build_project(EXAMPLE, tmp_path / "site")
    lines = _section_lines(result.output)
    assert "0 van de 2 streefcijfers gehaald (1 niet gehaald, 1 niet te beoordelen)" in lines
    assert "Streefcijfer 2020 niet gehaald" in lines
    assert "Streefcijfer 2020 niet te beoordelen: geen cijfer" in lines


def test_begroting_shows_no_status(tmp_path: Path, seed_time: None) -> None:
    project = tmp_path / "begroting"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    config = project / "verantwoord.yaml"
    text = config.read_text(encoding="utf-8")
    assert "soort: jaarverslag" in text
    config.write_text(text.replace("soort: jaarverslag", "soort: begroting"), encoding="utf-8")

    result = build_project(project, tmp_path / "site")
    assert result.project.document.kind == "begroting"
    for page in ("index.html", SECTION_PAGE):
        html = (result.output / page).read_text(encoding="utf-8")
        lines = page_lines(html)
        assert not [line for line in lines if "gehaald" in line], page
        assert not [line for line in lines if line.startswith("Streefcijfer 2020")], page
        assert "status-summary" not in html and 'class="status ' not in html, page


MADE_SECTION = "4-bestuur-en-dienstverlening/4-1-dienstverlening/index.html"


def _built(make_project, tabel: dict, **config: object) -> dict[str, list[str]]:
    """The home page and the section page of the test project with these `tabel` settings, as lines."""
    project = make_project(export="yaml", config={"tabel": tabel, **config})
    output = build_project(project.root).output
    return {page: page_lines((output / page).read_text(encoding="utf-8")) for page in ("index.html", MADE_SECTION)}


def test_no_status_or_summary_beside_a_table_without_the_target(make_project, seed_time: None) -> None:
    """kolommen: [realisatie] in a jaarverslag: "1 van de 1 streefcijfers gehaald" and "Streefcijfer 2020 gehaald"
    were published beside tables without a target."""
    for page, lines in _built(make_project, {"kolommen": ["realisatie"]}).items():
        assert not [line for line in lines if "gehaald" in line or "Streefcijfer 2020" in line], page


def test_a_sections_own_columns_decide_its_status_and_the_summary(make_project, seed_time: None) -> None:
    """`paragrafen` with an overview of realisations only for 4.1: its statuses and the summary on the home page
    followed the document's table, which showed the target for 2020."""
    own = {"4.1": {"tabel": {"indeling": "overzicht", "kolommen": ["realisatie 2019-2020", "bron"]}}}
    for page, lines in _built(make_project, {}, paragrafen=own).items():
        assert not [line for line in lines if "gehaald" in line or "Streefcijfer 2020" in line], page


def test_a_status_beside_the_latest_measurement_and_the_years_target(make_project, seed_time: None) -> None:
    """[laatste meting, streefwaarde]: 94 (2020) against the target of 93 for 2020, both in the table."""
    tabel = {"indeling": "overzicht", "kolommen": ["laatste meting", "streefwaarde", "bron"]}
    lines = _built(make_project, tabel)[MADE_SECTION]
    assert "1 van 1 streefcijfer gehaald" in lines
    assert "Streefcijfer 2020 gehaald" in lines
    assert lines.index("94 (2020)") < lines.index("93") < lines.index("Streefcijfer 2020 gehaald")


def test_a_range_or_text_realisation_is_not_judged_with_its_own_reason() -> None:
    from datetime import date

    year = Period(date(2020, 1, 1), date(2020, 12, 31), "2020")
    target = Value(year, ValueKind.TARGET, Number(Decimal(80)))

    def judged(figure):
        return judge(
            Indicator("x", "X", (target, Value(year, ValueKind.REALISED, figure)), polarity=Polarity.HIGHER_IS_BETTER),
            2020,
        )

    assert judged(Range(Decimal(78), Decimal(82))).reason == "range"
    assert judged(Text("n.v.t. (TK)")).reason == "text"
    assert judged(Text("zes tot zes en half", None, span("6", "6.5"))).reason == "range"
    assert judged(Text("81% (TK)", Decimal(81))).status is Status.MET


def test_the_summary_names_the_targets_missed_and_writes_counts_as_dutch_numbers() -> None:
    """ "0 van de 2 streefcijfers gehaald (1 niet te beoordelen)" left the reader to work out that the other target
    was missed; a document of 12,000 indicators counted "12000" of them; one target was "1 van de 1 streefcijfers"."""
    from verantwoord import load_project
    from verantwoord.build.site import _status_helpers
    from verantwoord.build.translations import translator

    document = load_project(EXAMPLE).document
    summary_text = _status_helpers(document, translator("nl"))["summary_text"]
    section = next(s for s in document.sections() if s.indicators)
    assert (
        summary_text(list(section.indicators))
        == "0 van de 2 streefcijfers gehaald (1 niet gehaald, 1 niet te beoordelen)"
    )
    status = _status_helpers(document, translator("nl"))["status"]
    missed = next(i for i in section.indicators if status(i) is not None and status(i).status is Status.NOT_MET)
    assert summary_text([missed]) == "0 van 1 streefcijfer gehaald"
    assert summary_text([missed] * 1500) == "0 van de 1.500 streefcijfers gehaald"
