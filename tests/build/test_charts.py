"""The inline SVG chart per indicator: when there is one, its accessible name and description, and its marks."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verantwoord import load_project
from verantwoord.build.charts import _ticks, describe, indicator_chart
from verantwoord.build.translations import translator
from verantwoord.model import (
    ColumnKind,
    Indicator,
    NoFigure,
    Number,
    Period,
    Range,
    TableColumn,
    TableLayout,
    Text,
    Value,
    ValueKind,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "amersfoort-2020"
SVG = "{http://www.w3.org/2000/svg}"
YEARS = tuple(Period.of_year(year) for year in range(2016, 2021))
COLUMNS = TableLayout(realised=YEARS, target=(Period.of_year(2020),))
NL = translator("nl")


def indicator(
    realised: dict[int, str | None], target: str | None = None, title: str = "Tevredenheid", id: str = "ind"
) -> Indicator:
    """Realised figures by year (None: 'geen cijfer'), and optionally a target for 2020."""
    values = [
        Value(Period.of_year(year), ValueKind.REALISED, NoFigure("reden") if text is None else Number(Decimal(text)))
        for year, text in realised.items()
    ]
    if target is not None:
        values.append(Value(Period.of_year(2020), ValueKind.TARGET, Number(Decimal(target))))
    return Indicator(id=id, title=title, values=tuple(values))


def chart(ind: Indicator, language: str = "nl") -> str:
    svg = indicator_chart(ind, COLUMNS, language, translator(language))
    assert svg is not None
    return svg


def marks(svg: str, css_class: str, tag: str = "text", layout: str = "wide") -> list[ET.Element]:
    """The elements of one kind of mark: each kind is a group with a class, its elements inherit the styling. Those
    the chart shows in its `layout`: wide, or narrow (verantwoord.css), which leave out chart-narrow or chart-wide."""
    groups = [g for g in ET.fromstring(svg).findall(f"{SVG}g") if g.get("class") == css_class]
    hidden = "chart-narrow" if layout == "wide" else "chart-wide"
    return [el for g in groups for el in g.iter(f"{SVG}{tag}") if el.get("class") != hidden]


def lines(svg: str) -> list[ET.Element]:
    """The paths of the realised line (the legend's sample line is in the legend's group)."""
    return [el for el in ET.fromstring(svg).findall(f"{SVG}path") if el.get("class") == "chart-line"]


def texts(svg: str, css_class: str) -> list[str]:
    return [el.text or "" for el in marks(svg, css_class)]


@pytest.fixture(scope="module")
def example() -> dict[str, Indicator]:
    document = load_project(EXAMPLE).document
    return {ind.id: ind for ind in document.indicators()}


# When there is a chart


def test_no_chart_without_figures() -> None:
    assert indicator_chart(indicator({}), COLUMNS, "nl", NL) is None


def test_no_chart_for_a_single_figure() -> None:
    assert indicator_chart(indicator({2020: "78"}), COLUMNS, "nl", NL) is None


def test_no_chart_when_the_other_years_have_no_figure() -> None:
    assert indicator_chart(indicator({2019: None, 2020: "78"}), COLUMNS, "nl", NL) is None


def test_two_figures_make_a_chart() -> None:
    assert indicator_chart(indicator({2019: "83", 2020: "78"}), COLUMNS, "nl", NL) is not None


def test_one_figure_and_a_target_make_a_chart() -> None:
    assert indicator_chart(indicator({2020: "78"}, target="80"), COLUMNS, "nl", NL) is not None


# Accessible name and description


def test_svg_is_an_image_labelled_by_its_title_and_described_by_its_description() -> None:
    root = ET.fromstring(chart(indicator({2019: "83", 2020: "78"}, title="Bereikbaarheid"), "nl"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    by_id = {el.get("id"): el for el in root.iter() if el.get("id")}
    title, desc = by_id.get(root.get("aria-labelledby")), by_id.get(root.get("aria-describedby"))
    assert title is not None and title.tag == f"{SVG}title"
    assert desc is not None and desc.tag == f"{SVG}desc"
    assert title.text == "Grafiek: Bereikbaarheid"
    assert desc.text == describe(indicator({2019: "83", 2020: "78"}), COLUMNS, "nl", NL)


def test_chart_ids_are_unique_per_indicator(example: dict[str, Indicator]) -> None:
    ids = []
    for ind in example.values():
        svg = indicator_chart(ind, COLUMNS, "nl", NL)
        if svg:
            ids += re.findall(r'\bid="([^"]+)"', svg)
    assert ids and len(ids) == len(set(ids))


def test_description_of_the_reachability_indicator(example: dict[str, Indicator]) -> None:
    """78 79 85 83 78 was "gelijk gebleven", while the explanation under it says the figure fell from 2019."""
    reachability = example["kcc-bereikbaarheid"]
    text = describe(reachability, COLUMNS, "nl", NL)
    assert text == (
        "78% in 2020, net als in 2016. Laatste verandering: gedaald van 83% in 2019 naar 78% in 2020. "
        "Hoogste 85% in 2018, laagste 78% in 2016 en 2020."
    )
    desc = ET.fromstring(chart(reachability)).find(f"{SVG}desc")
    assert desc is not None and desc.text == text


def test_description_names_the_missing_year_and_the_target(example: dict[str, Indicator]) -> None:
    assert describe(example["kcc-tevredenheid"], COLUMNS, "nl", NL) == (
        "Gestegen van 94% in 2016 naar 95% in 2019. Laatste verandering: geen; 95% in zowel 2018 als 2019. "
        "Hoogste 95% in 2017, 2018 en 2019, laagste 94% in 2016. "
        "Geen cijfer voor 2020. Streefcijfer 2020: 93%."
    )
    assert "Geen cijfer voor 2016." in describe(example["formulieren-tevredenheid"], COLUMNS, "nl", NL)


def test_description_of_a_fall() -> None:
    text = describe(indicator({2016: "85", 2017: None, 2018: "83", 2019: None, 2020: "78"}), COLUMNS, "nl", NL)
    assert text == (
        "Gedaald van 85 in 2016 naar 78 in 2020. Laatste verandering: gedaald van 83 in 2018 naar 78 in 2020. "
        "Hoogste 85 in 2016, laagste 78 in 2020. Geen cijfer voor 2017 en 2019."
    )


def test_description_compares_the_figures_as_shown() -> None:
    """59,6 and 60 with no decimals read "gestegen van 60 in 2019 naar 60 in 2020"."""
    rounded = replace(indicator({2018: "52", 2019: "60", 2020: "59.6"}), decimals=0)
    text = describe(rounded, COLUMNS, "nl", NL)
    assert text == (
        "Gestegen van 52 in 2018 naar 60 in 2020. Laatste verandering: geen; 60 in zowel 2019 als 2020. "
        "Hoogste 60 in 2019 en 2020, laagste 52 in 2018. Geen cijfer voor 2016 en 2017."
    )


def test_description_of_a_single_figure() -> None:
    text = describe(indicator({2020: "7.1"}), COLUMNS, "nl", NL)
    assert text == "Alleen een realisatiecijfer voor 2020: 7,1. Geen cijfer voor 2016, 2017, 2018 en 2019."


def test_description_names_every_year_of_a_tie_and_a_text_in_place_of_a_figure() -> None:
    """A year with only a text was left out of the description, and a tie named only the first year."""
    ind = indicator({2016: "93", 2017: "91", 2018: "93", 2020: "92"})
    ind = replace(ind, values=(*ind.values, Value(Period.of_year(2019), ValueKind.REALISED, Text("niet <gemeten>"))))
    text = describe(ind, COLUMNS, "nl", NL)
    assert text == (
        "Gedaald van 93 in 2016 naar 92 in 2020. Laatste verandering: gedaald van 93 in 2018 naar 92 in 2020. "
        "Hoogste 93 in 2016 en 2018, laagste 91 in 2017. "
        "In 2019 in plaats van een cijfer: niet <gemeten>."
    )
    assert "&lt;gemeten&gt;" in chart(ind)
    flat = describe(indicator({2019: "80", 2020: "80"}), COLUMNS, "en", translator("en"))
    assert flat == "Unchanged: 80 in 2019 and 80 in 2020. No figure for 2016, 2017 and 2018."
    back = describe(indicator({2018: "80", 2019: "82", 2020: "80"}), COLUMNS, "en", translator("en"))
    assert back.startswith("80 in 2020, as in 2018. Latest change: fell from 82 in 2019 to 80 in 2020.")


def test_an_english_description_puts_the_unit_after_a_text_figure_written_in_dutch_notation() -> None:
    """The export's text is Dutch ('ca. 7,1'): an English description looked for '7.1' in it, did not find it, and
    left out the unit the Dutch one says ('ca. 7,1 rapportcijfer')."""
    grade = replace(
        indicator({2020: "7.2"}),
        unit="rapportcijfer",
        values=(Value(Period.of_year(2019), ValueKind.REALISED, Text("ca. 7,1", Decimal("7.1"))),),
    )
    assert describe(grade, COLUMNS, "nl", NL).startswith(
        "Alleen een realisatiecijfer voor 2019: ca. 7,1 rapportcijfer."
    )
    english = describe(grade, COLUMNS, "en", translator("en"))
    assert english.startswith("Only a realised figure for 2019: ca. 7,1 rapportcijfer.")
    many = replace(
        grade,
        unit="huishoudens",
        values=(Value(Period.of_year(2019), ValueKind.REALISED, Text("ruim 2.310", Decimal("2310"))),),
    )
    assert describe(many, COLUMNS, "en", translator("en")).startswith(
        "Only a realised figure for 2019: ruim 2.310 huishoudens."
    )
    written = replace(
        grade, values=(Value(Period.of_year(2019), ValueKind.REALISED, Text("about 7.1", Decimal("7.1"))),)
    )  # an export whose texts are English already
    assert describe(written, COLUMNS, "en", translator("en")).startswith(
        "Only a realised figure for 2019: about 7.1 rapportcijfer."
    )


def test_a_text_figure_and_the_unit_aantal_read_as_written() -> None:
    """ "79,3% (TK)%": the unit was put after a text figure, which has its own; and "2.310 aantal" read as a noun."""
    votes = replace(
        indicator({2020: "60"}),
        unit="%",
        values=(
            Value(Period.of_year(2019), ValueKind.REALISED, Text("79,3% (TK)", Decimal("79.3"))),
            Value(Period.of_year(2020), ValueKind.REALISED, Number(Decimal("60"))),
        ),
    )
    assert describe(votes, COLUMNS, "nl", NL).startswith("Gedaald van 79,3% (TK) in 2019 naar 60% in 2020.")
    count = replace(indicator({2019: "2310", 2020: "2400"}), unit="aantal")
    assert describe(count, COLUMNS, "nl", NL).startswith("Gestegen van 2.310 in 2019 naar 2.400 in 2020.")
    visitors = replace(indicator({2019: "2310", 2020: "2400"}), unit="number of visitors")
    assert describe(visitors, COLUMNS, "en", translator("en")).startswith("Rose from 2,310 visitors in 2019 to")
    about = replace(votes, values=(Value(Period.of_year(2019), ValueKind.REALISED, Text("ca. 80", Decimal("80"))),))
    assert describe(about, COLUMNS, "nl", NL).startswith("Alleen een realisatiecijfer voor 2019: ca. 80%.")
    more = replace(votes, values=(Value(Period.of_year(2019), ValueKind.REALISED, Text("80 of meer", Decimal(80))),))
    # not "meer%"
    assert describe(more, COLUMNS, "nl", NL).startswith("Alleen een realisatiecijfer voor 2019: 80% of meer.")
    words = replace(votes, values=(Value(Period.of_year(2019), ValueKind.REALISED, Text("ruim boven", Decimal(80))),))
    assert describe(words, COLUMNS, "nl", NL).startswith("Alleen een realisatiecijfer voor 2019: ruim boven.")
    dated = Text("peildatum 1 juli: 80", Decimal(80))  # after the figure the text stands for, not the first digit
    later = replace(votes, values=(Value(Period.of_year(2019), ValueKind.REALISED, dated),))
    assert describe(later, COLUMNS, "nl", NL).startswith(
        "Alleen een realisatiecijfer voor 2019: peildatum 1 juli: 80%."
    )
    words_unit = replace(
        votes, values=(Value(Period.of_year(2019), ValueKind.REALISED, Text("ruim 80 procent", Decimal(80))),)
    )
    assert describe(words_unit, COLUMNS, "nl", NL).startswith("Alleen een realisatiecijfer voor 2019: ruim 80 procent.")
    band = Text("tussen zes en zeven", None, Range(Decimal(6), Decimal(7)))  # a range, no figure to put it after
    ranged = replace(votes, values=(Value(Period.of_year(2019), ValueKind.REALISED, band),))
    assert describe(ranged, COLUMNS, "nl", NL).startswith("Alleen een realisatiecijfer voor 2019: tussen zes en zeven.")
    rate = replace(indicator({2019: "37.1", 2020: "36"}), unit="Aantal per 1.000 inwoners")
    assert describe(rate, COLUMNS, "nl", NL).startswith("Gedaald van 37,1 per 1.000 inwoners in 2019 naar 36 per")


def test_axis_labels_share_their_decimals() -> None:
    """ "1,6 1,8 2 2,2": the whole number lost the decimal its neighbours have."""
    svg = chart(indicator({2019: "1.7", 2020: "2.1"}))
    labels = texts(svg, "chart-axis")
    assert "2,0" in labels and "2" not in labels, labels


# Marks


def test_a_missing_year_breaks_the_line() -> None:
    svg = chart(indicator({2016: "78", 2017: "79", 2018: None, 2019: "83", 2020: "78"}))
    assert len(lines(svg)) == 2
    assert len(marks(svg, "chart-dot", "circle")) == 4  # the legend's dot is in the legend's group
    assert texts(svg, "chart-value") == ["78", "79", "83", "78"]


def test_without_gaps_the_line_is_one_path() -> None:
    svg = chart(indicator({2016: "78", 2017: "79", 2018: "85", 2019: "83", 2020: "78"}))
    assert len(lines(svg)) == 1


def test_the_description_names_a_target_entered_as_no_figure() -> None:
    """The table said 'geen streefcijfer' for 2020 (with a note why); the chart's description said nothing of it."""
    ind = indicator({2018: "70", 2019: "72", 2020: "75"})
    ind = Indicator(ind.id, ind.title, (*ind.values, Value(Period.of_year(2020), ValueKind.TARGET, NoFigure("reden"))))
    assert describe(ind, COLUMNS, "nl", NL).endswith("Geen streefcijfer voor 2020.")
    assert describe(ind, COLUMNS, "en", translator("en")).endswith("No target for 2020.")
    assert "streefcijfer" not in describe(indicator({2018: "70", 2019: "72"}), COLUMNS, "nl", NL).lower()


def test_the_legend_shows_a_line_only_when_the_chart_draws_one() -> None:
    """Realisations with a year without a figure between each pair are dots alone; the legend showed a dot on a
    line."""
    dots = chart(indicator({2016: "78", 2017: None, 2018: "85", 2019: None, 2020: "78"}))
    assert not lines(dots) and not marks(dots, "chart-legend", "path")
    assert len(marks(dots, "chart-legend", "circle")) == 1
    joined = chart(indicator({2019: "83", 2020: "78"}))
    assert len(lines(joined)) == 1 and len(marks(joined, "chart-legend", "path")) == 1


def test_figures_are_printed_on_the_points_in_dutch() -> None:
    svg = chart(indicator({2018: "7.1", 2019: "7.35", 2020: "1234.5"}, target="1500"))
    assert texts(svg, "chart-value") == ["7,1", "7,35", "1.234,5"]
    assert texts(svg, "chart-target-label") == ["1.500"]
    assert "7.1<" not in svg and "7.35<" not in svg


def test_large_figures_are_not_cut_off_at_the_edges() -> None:
    """Axis labels were right-aligned at x=40 and a target's label began near the right edge: 1.000.000 showed
    as 0.000 and a target of 999.999,99 as 999.99. The margins now grow with the labels."""
    from verantwoord.build.charts import _EM, _EM_BOLD, WIDTH, _width

    svg = chart(indicator({2016: "1234567.5", 2017: "-1234500.05", 2020: "1000000"}, target="999999.99"))
    (y_axis,) = [g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("text-anchor") == "end"]
    for label in y_axis:
        assert float(label.get("x", 0)) - _width(label.text or "", _EM) >= 0, label.text
    (target,) = marks(svg, "chart-target-label")
    assert target.text == "999.999,99"
    assert float(target.get("x", 0)) + _width(target.text, _EM_BOLD) <= WIDTH
    for value in marks(svg, "chart-value"):
        half = _width(value.text or "", _EM_BOLD) / 2
        assert float(value.get("x", 0)) - half >= 0 and float(value.get("x", 0)) + half <= WIDTH, value.text
    small = chart(indicator({2019: "7.1", 2020: "8"}, target="9"))
    assert marks(small, "chart-axis")[0].get("x") == "40"  # small figures keep the chart as it was


def test_figures_are_printed_in_english_for_an_english_document() -> None:
    svg = chart(indicator({2019: "7.1", 2020: "1234.5"}), "en")
    assert texts(svg, "chart-value") == ["7.1", "1,234.5"]


def test_text_from_the_export_is_escaped() -> None:
    ind = indicator({2019: "1", 2020: "2"}, title='<script>alert("x")</script> & co')
    svg = chart(ind)
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg
    root = ET.fromstring(svg)  # still well-formed XML
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == 'Grafiek: <script>alert("x")</script> & co'


def test_english_chart() -> None:
    en = translator("en")
    ind = indicator({2019: "1234.5", 2020: "2000"}, target="2500", title="Reach")
    svg = indicator_chart(ind, COLUMNS, "en", en)
    assert svg is not None
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == "Chart: Reach"
    assert root.find(f"{SVG}desc").text == (
        "Rose from 1,234.5 in 2019 to 2,000 in 2020. Highest 2,000 in 2020, lowest 1,234.5 in 2019. "
        "No figure for 2016, 2017 and 2018. Target 2020: 2,500."
    )
    assert texts(svg, "chart-legend") == ["Realised", "Target"]


# Axis


@pytest.mark.parametrize(
    ("low", "high"),
    [("78", "85"), ("92", "93"), ("0", "1234"), ("7.1", "7.3"), ("-5", "12"), ("5", "5"), ("0", "0"), ("0.01", "0.04")],
)
def test_ticks_are_round_steps_that_enclose_the_data(low: str, high: str) -> None:
    lo, hi = Decimal(low), Decimal(high)
    ticks = _ticks(lo, hi)
    assert len(ticks) >= 2
    assert ticks[0] <= lo and ticks[-1] >= hi
    steps = {b - a for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1, ticks
    step = steps.pop()
    mantissa = step.scaleb(-step.adjusted()).normalize()
    assert mantissa in (1, 2, 5), step
    assert all((tick / step) == (tick / step).to_integral_value() for tick in ticks), ticks


def test_ranges_and_text_figures_are_labelled_as_published() -> None:
    from datetime import date

    from verantwoord.model import Period, Range, Text, Value, ValueKind

    def year(y: int) -> Period:
        return Period(date(y, 1, 1), date(y, 12, 31), str(y))

    values = (
        Value(year(2018), ValueKind.REALISED, Number(Decimal("6"))),
        Value(year(2019), ValueKind.REALISED, Text("56% (PS)", Decimal("56"))),
        Value(year(2020), ValueKind.REALISED, Range(Decimal("6"), Decimal("6.5"))),
        Value(year(2020), ValueKind.TARGET, Range(Decimal("80"), Decimal("85"))),
    )
    range_indicator = Indicator("r", "Bereik", values)
    svg = chart(range_indicator)
    assert "6–6,5" in svg and "80–85" in svg and "56% (PS)" in svg
    assert "6,25" not in svg and ">83<" not in svg and "82,5" not in svg  # midpoints are positions, never labels
    text = describe(range_indicator, COLUMNS, "nl", NL)
    # In words, which a screen reader speaks: at its default setting it is silent at a dash ("zes zes komma vijf").
    assert "naar 6 tot 6,5 in 2020" in text
    assert "Streefcijfer 2020: 80 tot 85." in text
    assert "Geen cijfer voor 2016 en 2017." in text  # 2019's text figure is published, so not missing


def test_coordinates_are_rounded_to_a_tenth_without_a_trailing_zero() -> None:
    svg = chart(indicator({2016: "78.123", 2017: "79", 2018: "85.5", 2019: "83", 2020: "78"}, target="80"))
    numbers = re.findall(r'(?:\s(?:x|y|cx|cy|d)=")([^"]*)"', svg)
    coordinates = [n for value in numbers for n in re.findall(r"-?\d+(?:\.\d+)?", value)]
    assert coordinates and all(len(n.partition(".")[2]) <= 1 for n in coordinates)
    assert not any(n.endswith(".0") for n in coordinates)


def test_each_kind_of_mark_is_styled_once_on_its_group() -> None:
    # Presentation attributes on the group (WeasyPrint ignores the page's CSS), inherited by every mark in it.
    svg = chart(indicator({2016: "78", 2017: "79", 2018: "85", 2019: "83", 2020: "78"}, target="80"))
    groups = {g.get("class"): g for g in ET.fromstring(svg).findall(f"{SVG}g")}
    assert groups["chart-dot"].get("fill") == "#0b4f6c"
    assert all(not circle.attrib.keys() - {"cx", "cy", "r"} for circle in marks(svg, "chart-dot", "circle"))
    assert groups["chart-value"].get("text-anchor") == "middle"
    assert svg.count('fill="#0b4f6c"') == 2  # the dots' group and the legend's dot


def test_the_latest_measurement_the_table_shows_is_drawn_too() -> None:
    """With [laatste meting, realisatie] over 2021-2022, the table showed 2023's figure and the chart ended in 2022."""
    ind = indicator({2016: "70", 2019: "75", 2020: "80", 2023: "82"})
    # 'realisatie' written bare: the years of tabel.realisatie, as the config reads it.
    shown = (TableColumn(ColumnKind.LATEST), TableColumn(ColumnKind.VALUES, ValueKind.REALISED, YEARS, True))
    latest = replace(COLUMNS, columns=shown)
    assert describe(ind, latest, "nl", NL).startswith("Gestegen van 70 in 2016 naar 82 in 2023.")
    assert "2023" in texts(chart_with(ind, latest), "chart-axis")
    # Without the column, 2023 is neither shown nor drawn.
    assert describe(ind, COLUMNS, "nl", NL).startswith("Gestegen van 70 in 2016 naar 80 in 2020.")


def test_the_chart_draws_only_the_years_the_table_shows() -> None:
    """With [realisatie 2018-2019, streefwaarde 2022] the chart drew tabel.realisatie (2016-2020) and the target for
    2020 from tabel.streefwaarde: figures the table beside it did not show."""
    ind = indicator({2016: "70", 2017: "72", 2018: "75", 2019: "78", 2020: "80"}, target="85")
    shown = (
        TableColumn(ColumnKind.VALUES, ValueKind.REALISED, (Period.of_year(2018), Period.of_year(2019))),
        TableColumn(ColumnKind.VALUES, ValueKind.TARGET, (Period.of_year(2022),)),
    )
    svg = chart_with(ind, replace(COLUMNS, columns=shown))
    assert texts(svg, "chart-axis")[-2:] == ["2018", "2019"]
    assert texts(svg, "chart-value") == ["75", "78"]
    assert not marks(svg, "chart-target", "path") and "Streefcijfer" not in svg
    assert describe(ind, replace(COLUMNS, columns=shown), "nl", NL) == (
        "Gestegen van 75 in 2018 naar 78 in 2019. Hoogste 78 in 2019, laagste 75 in 2018."
    )
    # A column 'streefwaarde 2020' brings the target back; the default layout still draws both settings' years.
    with_target = replace(COLUMNS, columns=(*shown[:1], TableColumn(ColumnKind.VALUES, ValueKind.TARGET, (YEARS[-1],))))
    assert describe(ind, with_target, "nl", NL).endswith("Streefcijfer 2020: 85.")
    assert texts(chart(ind), "chart-axis")[-5:] == ["2016", "2017", "2018", "2019", "2020"]
    assert describe(ind, COLUMNS, "nl", NL).endswith("Streefcijfer 2020: 85.")


def test_a_table_of_one_realisation_and_no_target_has_no_chart() -> None:
    """[laatste meting] alone (as in the benchmark layout) shows one figure: there is no line to draw beside it."""
    ind = indicator({2019: "78", 2020: "80"}, target="85")
    assert indicator_chart(ind, replace(COLUMNS, columns=(TableColumn(ColumnKind.LATEST),)), "nl", NL) is None


def chart_with(ind: Indicator, layout: TableLayout) -> str:
    svg = indicator_chart(ind, layout, "nl", translator("nl"))
    assert svg is not None
    return svg


def test_ten_years_of_large_figures_are_labelled_without_overlap() -> None:
    """Ten years of millions: the years ran together ("20132014…") and the figures lay over each other."""
    years = {year: str(5_000_000 + (year % 7) * 400_000) for year in range(2011, 2021)}
    ten = TableLayout(tuple(Period.of_year(y) for y in years), (Period.of_year(2020),))
    svg = chart_with(indicator(years), ten)
    assert texts(svg, "chart-axis")[-5:] == ["2012", "2014", "2016", "2018", "2020"]  # every second, up to the last
    # The first (2011), the highest (2015), the lowest (2016) and the last (2020), in their order. The lowest lies
    # between two steep lines, which run through a label over it: the axis reaches a step lower, and it stands under.
    assert texts(svg, "chart-value") == ["5.800.000", "7.400.000", "5.000.000", "6.600.000"]
    assert overlapping(label_boxes(svg)) == [] and crossed(svg, "wide") == []
    few = chart(indicator({2019: "80", 2020: "81"}))
    assert texts(few, "chart-value") == ["80", "81"] and "2019" in texts(few, "chart-axis")


def test_years_are_placed_as_far_apart_as_they_are() -> None:
    """Realised 2023 and 2024 and a target for 2027 were three even steps: the slope to the target looked three
    times as steep as it is."""
    values = (
        Value(Period.of_year(2023), ValueKind.REALISED, Number(Decimal("40"))),
        Value(Period.of_year(2024), ValueKind.REALISED, Number(Decimal("42"))),
        Value(Period.of_year(2027), ValueKind.TARGET, Number(Decimal("50"))),
    )
    layout = TableLayout(tuple(Period.of_year(y) for y in (2023, 2024)), (Period.of_year(2027),))
    svg = chart_with(Indicator(id="ind", title="Meedoen", values=values), layout)
    axis = {
        label.text: float(label.get("x", ""))
        for label in marks(svg, "chart-axis")
        if label.text in {"2023", "2024", "2027"}
    }
    assert list(axis) == ["2023", "2024", "2027"]
    assert axis["2027"] - axis["2024"] == pytest.approx(3 * (axis["2024"] - axis["2023"]), abs=0.2)


def test_a_long_text_as_target_leaves_the_plot_its_room() -> None:
    """A target given as a long text asked a right margin wider than the chart: the axis ended in a ValueError."""
    ind = indicator({2019: "80", 2020: "81"})
    long_target = Value(
        Period.of_year(2020), ValueKind.TARGET, Text("minimaal het landelijk gemiddelde " * 4, Decimal(80))
    )
    svg = chart(replace(ind, values=(*ind.values, long_target)))
    assert texts(svg, "chart-axis")[-1] == "2020"  # drawn, its plot half the chart or more


def test_the_description_names_what_the_table_shows_and_the_chart_does_not() -> None:
    """An overview table with a baseline and a budget, and the figures of Nederland: the description said "Alleen een
    cijfer voor 2016" beside a table with four figures more, and left the national series out without a word."""
    year = Period.of_year
    layout = TableLayout(
        realised=(year(2016),),
        target=(year(2020),),
        columns=(
            TableColumn(ColumnKind.VALUES, ValueKind.BASELINE, (year(2014),)),
            TableColumn(ColumnKind.VALUES, ValueKind.REALISED, (year(2016),)),
            TableColumn(ColumnKind.SERIES, series="Nederland"),
            TableColumn(ColumnKind.VALUES, ValueKind.BUDGET, (year(2017), year(2018))),
            TableColumn(ColumnKind.VALUES, ValueKind.TARGET, (year(2020),)),
        ),
    )
    values = (
        Value(year(2014), ValueKind.BASELINE, Number(Decimal("38.2"))),
        Value(year(2016), ValueKind.REALISED, Number(Decimal("37.1"))),
        Value(year(2016), ValueKind.REALISED, Number(Decimal("40")), series="Nederland"),
        Value(year(2016), ValueKind.REALISED, Number(Decimal("41")), series="provincie"),  # in no column: not shown
        Value(year(2017), ValueKind.BUDGET, Number(Decimal("36.0"))),
        Value(year(2018), ValueKind.BUDGET, Number(Decimal("35.0"))),
        Value(year(2020), ValueKind.TARGET, Number(Decimal("34"))),
    )
    overview = Indicator("bijstand", "Bijstand", values, unit="per 1.000")
    assert describe(overview, layout, "nl", NL) == (
        "Alleen een realisatiecijfer voor 2016: 37,1 per 1.000. Streefcijfer 2020: 34 per 1.000. Niet in de grafiek, "
        "wel in de tabel: de nulmeting van 2014, de begroting voor 2017 en 2018 en de reeks Nederland."
    )
    assert describe(overview, layout, "en", translator("en")).endswith(
        "Not in the chart, but in the table: the baseline of 2014, the budget for 2017 and 2018 and the series "
        "Nederland."
    )
    # The seed's table has only what the chart draws: nothing more to say.
    assert "tabel" not in describe(indicator({2019: "80", 2020: "81"}, target="85"), COLUMNS, "nl", NL)


def test_a_target_range_is_drawn_as_a_bar_from_end_to_end() -> None:
    """A range was a diamond at its middle: 30–32 drawn at 31, level with a realised 31, read as a target of 31."""
    values = (
        Value(Period.of_year(2019), ValueKind.REALISED, Number(Decimal("29"))),
        Value(Period.of_year(2020), ValueKind.REALISED, Number(Decimal("31"))),
        Value(Period.of_year(2020), ValueKind.TARGET, Range(Decimal("30"), Decimal("32"))),
    )
    svg = chart(Indicator("r", "Sociale huur", values, unit="%"))
    (bar,) = marks(svg, "chart-target", "path")
    top, height = map(float, re.fullmatch(r"M[\d.]+ ([\d.]+)h10v([\d.]+)h-10z", bar.get("d")).groups())
    (axis,) = [g for g in ET.fromstring(svg).findall(f"{SVG}g") if g.get("text-anchor") == "end"]
    ticks = {float(t.text): float(t.get("y")) - 4 for t in axis}  # a tick label stands 4 below its line
    per_unit = (ticks[min(ticks)] - ticks[max(ticks)]) / (max(ticks) - min(ticks))
    assert abs(height - 2 * per_unit) < 0.2 and abs(top - (ticks[min(ticks)] - (32 - min(ticks)) * per_unit)) < 0.2
    # The legend shows the bar too; with a target of one figure beside it, the diamond.
    legend = ET.fromstring(svg).find(f"{SVG}g[@class='chart-legend']")
    assert [p for p in legend.iter(f"{SVG}path") if "h10v" in p.get("d")]
    point = replace(values[2], period=Period.of_year(2019), figure=Number(Decimal("30")))
    both = TableLayout(realised=YEARS, target=(Period.of_year(2019), Period.of_year(2020)))
    mixed = indicator_chart(Indicator("r", "Sociale huur", (*values, point), unit="%"), both, "nl", NL)
    assert mixed is not None and len(marks(mixed, "chart-target", "path")) == 2
    assert "l7 7-7 7-7-7z" in ET.tostring(ET.fromstring(mixed).find(f"{SVG}g[@class='chart-legend']"), "unicode")


def label_boxes(svg: str, layout: str = "wide") -> list[tuple[str, float, float, float, float]]:
    """Each figure's and target's label with its box (left, top, right, bottom): its width as the chart estimates
    it, the height of DejaVu Sans Bold's digits above the baseline and of its comma below."""
    from verantwoord.build.charts import _EM_BOLD, FONT_SIZE, NARROW_FONT_SIZE, _width

    size = FONT_SIZE if layout == "wide" else NARROW_FONT_SIZE
    boxes = []
    for css_class in ("chart-value", "chart-target-label"):
        for label in marks(svg, css_class, layout=layout):
            text, width = label.text or "", _width(label.text or "", _EM_BOLD, size)
            x, y = float(label.get("x", "")), float(label.get("y", ""))
            # Values are centred, targets start there, unless the label says otherwise (at an edge, over a mark).
            anchor = label.get("text-anchor", "middle" if css_class == "chart-value" else "start")
            start = x - {"start": 0, "middle": width / 2, "end": width}[anchor]
            boxes.append((text, start, y - 0.74 * size, start + width, y + 0.14 * size))
    return boxes


def overlapping(boxes: list[tuple[str, float, float, float, float]]) -> list[tuple[str, str]]:
    return [
        (a[0], b[0])
        for a, b in itertools.combinations(boxes, 2)
        if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
    ]


def chart_of(realised: dict[int, str], targets: dict[int, str]) -> str:
    values = [Value(Period.of_year(y), ValueKind.REALISED, Number(Decimal(v))) for y, v in realised.items()]
    values += [Value(Period.of_year(y), ValueKind.TARGET, Number(Decimal(v))) for y, v in targets.items()]
    layout = TableLayout(tuple(map(Period.of_year, realised)), tuple(map(Period.of_year, targets)))
    return chart_with(Indicator("ind", "Tevredenheid", tuple(values)), layout)


CROWDED = [
    # A target's label beside its mark ran into the next year's figure: "6,9" over "6,8".
    ({year: str(Decimal("6.5") + (year - 2011) % 4 / Decimal(10)) for year in range(2011, 2021)}, {2017: "6.9"}),
    # Targets of long figures in years next to each other ran into each other.
    ({2018: "1277008", 2019: "1026296", 2020: "1008075"}, {2021: "902651", 2022: "1278781", 2023: "1265530"}),
    # Two long figures next to each other, close in height: both are labelled (first, last, highest, lowest).
    ({2016: "955423", 2017: "1002703", 2018: "958243", 2019: "1261573", 2020: "1242989"}, {2020: "945879"}),
    # The last figure's label and its year's target's label, of figures close to each other.
    ({year: str(900_000 + 40_000 * (year % 3)) for year in range(2013, 2021)}, {2020: "987614", 2021: "1125360"}),
]
"""Charts whose labels crowd each other, wide and narrow."""


@pytest.mark.parametrize(("realised", "targets"), CROWDED)
def test_no_two_labels_overlap_and_none_is_cut_off(realised: dict[int, str], targets: dict[int, str]) -> None:
    from verantwoord.build.charts import BOTTOM, HEIGHT, WIDTH
    from verantwoord.build.format import format_number

    svg = chart_of(realised, targets)
    boxes = label_boxes(svg)
    assert overlapping(boxes) == []
    (y_axis,) = [g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("text-anchor") == "end"]
    axis_end = float(y_axis[0].get("x", ""))  # where the axis labels end, right-aligned
    for text, start, top, end, bottom in boxes:
        assert axis_end < start and end <= WIDTH and top >= 0 and bottom < HEIGHT - BOTTOM + 20 - 11, text
    # Every target and the last figure keep their label, which says what it said.
    published = [format_number(Decimal(v), None, "nl") for v in targets.values()]
    assert texts(svg, "chart-target-label") == published
    assert texts(svg, "chart-value")[-1] == format_number(Decimal(realised[max(realised)]), None, "nl")


@pytest.mark.parametrize(("realised", "targets"), CROWDED)
def test_a_narrow_charts_larger_labels_do_not_overlap(realised: dict[int, str], targets: dict[int, str]) -> None:
    """On a phone the chart's text is larger (verantwoord.css): its labels are placed for that size, within the plot
    and above its years, left out where they would overlap; the last figure keeps its label."""
    from verantwoord.build.charts import BOTTOM, HEIGHT, NARROW_FONT_SIZE, WIDTH
    from verantwoord.build.format import format_number

    svg = chart_of(realised, targets)
    boxes = label_boxes(svg, "narrow")
    assert overlapping(boxes) == []
    (y_axis,) = [g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("text-anchor") == "end"]
    axis_end = float(y_axis[0].get("x", ""))
    years = float(marks(svg, "chart-axis", layout="narrow")[-1].get("y", "")) - 0.76 * NARROW_FONT_SIZE
    for text, start, top, end, bottom in boxes:
        assert axis_end < start and end <= WIDTH and top >= 0 and bottom < years < HEIGHT - BOTTOM + 30, text
    assert texts(svg, "chart-value")[-1] == format_number(Decimal(realised[max(realised)]), None, "nl")


@pytest.mark.parametrize(
    ("realised", "targets"),
    [
        # On a phone: the target a year after the last figure, 921 beside 815, at the chart's right edge.
        (
            {2012: "297", 2013: "171", 2014: "261", 2015: "67", 2016: "66", 2017: "47"}
            | {2018: "51", 2019: "116", 2020: "32", 2021: "35", 2022: "815"},
            {2016: "111", 2023: "921"},
        ),
        # Wide too: a target of the last figure's year close to it, at the foot of the plot.
        ({2016: "93467.1", 2017: "39609.6", 2018: "8856.1"}, {2018: "31494", 2019: "975129"}),
    ],
)
@pytest.mark.parametrize("layout", ["wide", "narrow"])
def test_a_target_keeps_its_label_beside_the_last_figures(
    realised: dict[int, str], targets: dict[int, str], layout: str
) -> None:
    """Each spot beside, over and under a target's mark was taken by the last figure's label, and the target was
    left without one, though configuratie.md says a target always has its label: it stands a line further off."""
    from verantwoord.build.format import format_number

    svg = chart_of(realised, targets)
    shown = [el.text for el in marks(svg, "chart-target-label", layout=layout)]
    assert shown == [format_number(Decimal(v), None, "nl") for v in targets.values()]
    assert overlapping(label_boxes(svg, layout)) == []


def test_a_figure_is_not_labelled_over_a_target_and_its_stem() -> None:
    """Realised 44 and a target of 45 in 2023: the figure's label stood over the target's dashed stem
    (begroting-en-jaarverslag, werk en inkomen); it goes under its point."""
    svg = chart_of({2019: "52", 2020: "48", 2021: "55", 2022: "47", 2023: "44"}, {2023: "45"})
    ((_, start, top, end, bottom),) = [box for box in label_boxes(svg) if box[0] == "44"]
    (stem,) = marks(svg, "chart-target-stem", "path")
    x0, y, x1 = map(float, re.fullmatch(r"M([\d.]+) ([\d.]+)H([\d.]+)", stem.get("d", "")).groups())
    assert not (start < x1 and x0 < end and top < y < bottom)
    (dot,) = [c for c in marks(svg, "chart-dot", "circle") if c.get("cx") == marks(svg, "chart-value")[-1].get("x")]
    assert top > float(dot.get("cy", ""))  # under its point


STEEP = [
    # A figure's label over a low point between two steep lines: both ran through it ("12", "15").
    ({2016: "10", 2017: "90", 2018: "12", 2019: "85", 2020: "15"}, {2021: "50"}),
    # Ten years up and down: the line ran through the labels of the points it leaves steeply.
    ({year: str(40 + (year * 37) % 50) for year in range(2011, 2021)}, {2021: "60"}),
    # Every second year low: the label over each low point.
    ({year: str(50 + (20 if year % 2 else -20)) for year in range(2013, 2021)}, {2021: "55"}),
    # A steady rise: the line through the first figure's label, and a target's label beside its mark on the line.
    ({year: str(100 + 15 * (year - 2011)) for year in range(2011, 2021)}, {2022: "260"}),
    ({2016: "40", 2017: "45", 2018: "52", 2019: "60", 2020: "66"}, {2018: "55", 2020: "62"}),
    # Long figures, steeply up.
    ({2016: "955423", 2017: "1002703", 2018: "958243", 2019: "1261573", 2020: "1242989"}, {2020: "945879"}),
]
"""Charts whose line runs steeply past its points, wide and narrow."""


def crossed(svg: str, layout: str) -> list[str]:
    """The labels the realised line runs through: within half its width (3) of their box."""
    stretches = []
    for path in lines(svg):
        points = [tuple(map(float, xy.split())) for xy in path.get("d", "").removeprefix("M").split("L")]
        stretches += itertools.pairwise(points)
    found = []
    for text, left, top, right, bottom in label_boxes(svg, layout):
        left, top, right, bottom = left - 1.5, top - 1.5, right + 1.5, bottom + 1.5
        for (x0, y0), (x1, y1) in stretches:
            # The line over the box's width, sampled: within the box's height anywhere there?
            for step in range(101):
                x = left + (right - left) * step / 100
                if x0 <= x <= x1 and top < y0 + (y1 - y0) * (x - x0) / (x1 - x0) < bottom:
                    found.append(text)
                    break
    return found


@pytest.mark.parametrize("layout", ["wide", "narrow"])
@pytest.mark.parametrize(("realised", "targets"), STEEP)
def test_the_line_runs_through_no_label(realised: dict[int, str], targets: dict[int, str], layout: str) -> None:
    """A figure's or target's label stands where the line does not run: over or under its point, at its corner,
    beside its target. The last figure and every target keep their label."""
    from verantwoord.build.format import format_number

    svg = chart_of(realised, targets)
    assert crossed(svg, layout) == []
    shown = [el.text for el in marks(svg, "chart-value", layout=layout)]
    assert shown[-1] == format_number(Decimal(realised[max(realised)]), None, "nl")
    assert len(marks(svg, "chart-target-label", layout=layout)) == len(targets)


def test_a_narrow_chart_labels_every_figure_that_fits() -> None:
    """On a phone, ten years of figures close together had four labels at most (the first, the last, the highest and
    the lowest) where more fit: each figure whose label fits over or under its point has it."""
    svg = chart_of(*CROWDED[0])
    narrow = [el.text for el in marks(svg, "chart-value", layout="narrow")]
    assert len(narrow) >= 5 and overlapping(label_boxes(svg, "narrow")) == []


@pytest.mark.parametrize(
    ("realised", "targets"),
    [
        # Up and down, a target for 2025: on a phone '54' was left out between '61' and '46'.
        ({2016: "48", 2017: "56", 2018: "61", 2019: "54", 2020: "46"}, {2025: "53"}),
        ({2017: "2866", 2018: "2988", 2019: "2780", 2020: "2624"}, {2022: "2986"}),
        ({2016: "6.7", 2017: "6.8", 2018: "6.4", 2019: "5.8", 2020: "6.8"}, {2024: "6.8"}),
        ({2016: "2163", 2017: "2620", 2018: "2974", 2019: "2790", 2020: "2986"}, {2022: "2159"}),
        ({2016: "7.7", 2017: "7.2", 2018: "6.6", 2019: "6.6", 2020: "6.6"}, {2024: "6.6"}),
    ],
)
@pytest.mark.parametrize("layout", ["wide", "narrow"])
def test_a_figure_on_a_steep_line_is_labelled_at_its_corner(
    realised: dict[int, str], targets: dict[int, str], layout: str
) -> None:
    """On a phone, a figure on a steep stretch between the first and the last (the line through the spots over and
    under it) was left out, and a reader saw the first and last figures without those between: its label was not
    tried at its corner, over a falling line or under a rising one, because it is wider there than half a year's step,
    though that corner lies far nearer its own point than the next year's. Each is labelled, nearest its own point."""
    from verantwoord.build.charts import ASCENT, FONT_SIZE, NARROW_FONT_SIZE
    from verantwoord.build.format import format_number

    svg = chart_of(realised, targets)
    shown = [el.text for el in marks(svg, "chart-value", layout=layout)]
    assert shown == [format_number(Decimal(v), None, "nl") for v in realised.values()]
    boxes = label_boxes(svg, layout)
    assert overlapping(boxes) == [] and crossed(svg, layout) == []
    size = FONT_SIZE if layout == "wide" else NARROW_FONT_SIZE
    dots = [(float(c.get("cx", "")), float(c.get("cy", ""))) for c in marks(svg, "chart-dot", "circle")]
    for (_, left, _, right, bottom), own in zip(boxes, dots, strict=False):  # the values' boxes first, in order
        middle = ((left + right) / 2, bottom - 0.14 * size - ASCENT * size / 2)
        nearest = min(dots, key=lambda dot: (dot[0] - middle[0]) ** 2 + (dot[1] - middle[1]) ** 2)
        assert nearest == own, (layout, shown)


def obstacles(svg: str, layout: str) -> list[tuple[float, float, float, float]]:
    """The dots, the target marks and their stems, as boxes (left, top, right, bottom)."""
    boxes = [
        (float(c.get("cx", "")) - 5, float(c.get("cy", "")) - 5, float(c.get("cx", "")) + 5, float(c.get("cy", "")) + 5)
        for c in marks(svg, "chart-dot", "circle", layout)
    ]
    for mark in marks(svg, "chart-target", "path", layout):
        x, y = map(float, re.match(r"M([-\d.]+) ([-\d.]+)", mark.get("d", "")).groups())
        if "l7 7" in mark.get("d", ""):  # a diamond from its top
            boxes.append((x - 7, y, x + 7, y + 14))
        else:  # a bar: M x top h10 v height
            height = float(re.search(r"v([\d.]+)", mark.get("d", "")).group(1))
            boxes.append((x, y, x + 10, y + height))
    for stem in marks(svg, "chart-target-stem", "path", layout):
        x0, y, x1 = map(float, re.fullmatch(r"M([-\d.]+) ([-\d.]+)H([-\d.]+)", stem.get("d", "")).groups())
        boxes.append((x0, y - 1, x1, y + 1))
    return boxes


def room_near(
    svg: str,
    layout: str,
    x: float,
    y: float,
    label: str,
    moved: tuple[float, float, float, float] | None = None,
    instead: tuple[float, float, float, float] | None = None,
) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Where a figure's label centred over or under its point (at `x`, `y`), or up to half a line further off, would
    stand clear of the plot's edges, the other labels, the line, the dots and the target marks, with a pixel to
    spare, and its box there. A label left out where there is such room is left out for nothing. With the label
    whose box is `moved` standing at `instead`."""
    from verantwoord.build.charts import _EM_BOLD, BOTTOM, FONT_SIZE, HEIGHT, NARROW_FONT_SIZE, WIDTH, _width

    size = FONT_SIZE if layout == "wide" else NARROW_FONT_SIZE
    width = _width(label, _EM_BOLD, size)
    (y_axis,) = [g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("text-anchor") == "end"]
    axis_end = float(y_axis[0].get("x", ""))
    years = float(marks(svg, "chart-axis", layout=layout)[-1].get("y", "")) - 0.8 * size  # their top
    stretches = []
    for path in lines(svg):
        points = [tuple(map(float, xy.split())) for xy in path.get("d", "").removeprefix("M").split("L")]
        stretches += itertools.pairwise(points)
    others = [box[1:] for box in label_boxes(svg, layout) if box[1:] != moved] + obstacles(svg, layout)
    others += [instead] if instead else []
    found = []
    spots = [
        (where, y + shift + lift * sign)
        for where, shift, sign in (("over", -11, -1), ("under", 9 + 0.77 * size, 1))
        for lift in (0, size / 4, size / 2)
    ]
    for where, baseline in spots:
        left, top, right, bottom = (
            x - width / 2 - 1,
            baseline - 0.8 * size - 1,
            x + width / 2 + 1,
            baseline + 0.25 * size + 1,
        )
        if left < axis_end or right > WIDTH or top < 0 or bottom > min(years, HEIGHT - BOTTOM + 20 - 0.77 * size):
            continue
        if any(left < b[2] and b[0] < right and top < b[3] and b[1] < bottom for b in others):
            continue
        # The line within 3 px (half its width, and a half) of the box, sampled over the box's width.
        near = False
        for (x0, y0), (x1, y1) in stretches:
            for n in range(101):
                at = left - 3 + (right - left + 6) * n / 100
                if x0 <= at <= x1 and top - 3 < y0 + (y1 - y0) * (at - x0) / (x1 - x0) < bottom + 3:
                    near = True
        if not near:
            found.append((where, (left, top, right, bottom)))
    return found


@pytest.mark.parametrize("targets", [{}, {2020: "945879"}])
@pytest.mark.parametrize("layout", ["wide", "narrow"])
def test_a_label_moves_aside_for_a_figure_that_needs_its_spot(targets: dict[int, str], layout: str) -> None:
    """On a laptop, "1.242.989" (the last figure, labelled first) stood over its point, where "1.261.573" a year
    before it needed to stand, and "1.261.573" was left out, though both fit with "1.242.989" under its point."""
    realised = {2016: "955423", 2017: "1002703", 2018: "958243", 2019: "1261573", 2020: "1242989"}
    svg = chart_of(realised, targets)
    assert {el.text for el in marks(svg, "chart-value", layout=layout)} >= {"1.261.573", "1.242.989"}
    assert overlapping(label_boxes(svg, layout)) == [] and crossed(svg, layout) == []


@pytest.mark.parametrize(
    "realised",
    [
        {2018: "80", 2019: "60", 2020: "85"},
        {2016: "70", 2017: "80", 2018: "60", 2019: "85", 2020: "82"},
        {2015: "50", 2016: "50", 2017: "50", 2018: "20", 2019: "50", 2020: "50"},  # a flat line and one low
        {2018: "-2", 2019: "-10", 2020: "-1"},
        {2018: "7.5", 2019: "6.1", 2020: "7.8"},
    ],
)
@pytest.mark.parametrize("target", [False, True])
@pytest.mark.parametrize("layout", ["wide", "narrow"])
def test_the_bottom_of_a_v_is_labelled_under_it(realised: dict[int, str], target: bool, layout: str) -> None:
    """A figure between a fall and a rise (80, 60, 85) lay on the foot of the plot, the line ran over it on both
    sides, and it was left without a label, on a laptop and a phone: the axis reaches a step lower, and its label
    stands under it, above the years, clear of the other labels and the line."""
    from verantwoord.build.format import format_number

    svg = chart_of(realised, {2021: max(realised.values(), key=Decimal)} if target else {})
    lowest = min(realised.values(), key=Decimal)
    shown = format_number(Decimal(lowest), None, "nl")
    boxes = label_boxes(svg, layout)
    (box,) = [b for b in boxes if b[0] == shown]
    _, left, top, right, bottom = box
    (dot,) = [c for c in marks(svg, "chart-dot", "circle") if abs(float(c.get("cx", "")) - (left + right) / 2) < 0.1]
    assert top > float(dot.get("cy", "")) + 5  # under its point
    size = 15 if layout == "wide" else 22
    assert bottom < float(marks(svg, "chart-axis", layout=layout)[-1].get("y", "")) - 0.76 * size  # above the years
    assert overlapping(boxes) == [] and crossed(svg, layout) == []
    assert not [b for b in obstacles(svg, layout) if left < b[2] and b[0] < right and top < b[3] and b[1] < bottom]


@pytest.mark.parametrize(
    ("realised", "targets"),
    [
        ({2015: "86", 2016: "72", 2017: "72", 2018: "83", 2019: "75", 2020: "86"}, {2020: "85"}),
        ({2015: "7.0", 2016: "6.5", 2017: "6.5", 2018: "7.6", 2019: "7.0", 2020: "7.4"}, {2020: "6.9"}),
        ({2015: "54", 2016: "46", 2017: "46", 2018: "46", 2019: "48", 2020: "46"}, {2022: "52"}),
    ],
)
@pytest.mark.parametrize("layout", ["wide", "narrow"])
def test_two_low_figures_side_by_side_at_the_foot_are_both_labelled(
    realised: dict[int, str], targets: dict[int, str], layout: str
) -> None:
    """72 and 72 at the foot between 86 and 83: each fitted only at the corner over it that the other one needed, the
    line ran over both, and on a phone one was left out, as if the two years were one. The axis reaches a step lower,
    where there is room under them."""
    from verantwoord.build.format import format_number

    svg = chart_of(realised, targets)
    shown = [el.text for el in marks(svg, "chart-value", layout=layout)]
    assert shown == [format_number(Decimal(v), None, "nl") for v in realised.values()]
    assert overlapping(label_boxes(svg, layout)) == [] and crossed(svg, layout) == []


SHAPES = [
    [80, 60, 85],  # a V
    [60, 85, 62],  # a peak
    [10, 10, 20, 20, 30, 30],  # steps
    [50, 50, 50, 80, 50, 50],  # a flat line and one high
    [-5, 3, -8, 2, 4],  # around zero
    [70, None, 60, 85, None, 82],  # gaps
    [100 + 15 * n for n in range(10)],  # ten years steadily up
    [40 + (n * 37) % 50 for n in range(10)],  # ten years up and down
    [80, 0, 85],  # a V to zero
]


@given(
    series=st.one_of(
        st.sampled_from(SHAPES),
        st.lists(st.one_of(st.none(), st.integers(-40, 150)), min_size=3, max_size=10).filter(
            lambda s: sum(v is not None for v in s) >= 2 and s[-1] is not None
        ),
    ),
    scale=st.sampled_from([1, 1000, Decimal("0.1")]),
    target=st.booleans(),
)
@settings(max_examples=150, deadline=None)
def test_every_figure_is_labelled_where_there_is_room(series: list[int | None], scale: Decimal, target: bool) -> None:
    """On a laptop and on a phone, a figure's label is left out only where there is no room for it right over or
    under its point (the table beside the chart has it), nor room once one other figure's label moves over or under
    its own point; the last figure always has one; no two labels overlap and the line runs through none but the last
    figure's or a target's where there is no clear spot."""
    from verantwoord.build.format import format_number

    first = 2021 - len(series)
    realised = {first + n: str(v * scale) for n, v in enumerate(series) if v is not None}
    svg = chart_of(realised, {2021: realised[2020]} if target else {})
    dots = [(float(c.get("cx", "")), float(c.get("cy", ""))) for c in marks(svg, "chart-dot", "circle")]
    published = [format_number(Decimal(v), None, "nl") for v in realised.values()]
    for layout in ("wide", "narrow"):
        # Each label to the nearest point of its figure: it stands over or under it, at its corner or its edge.
        unlabelled = list(zip(published, dots, strict=True))
        labelled = []
        values = marks(svg, "chart-value", layout=layout)
        for label, box in zip(values, label_boxes(svg, layout)[: len(values)], strict=True):  # values' boxes first
            mine = [p for p in unlabelled if p[0] == label.text]
            point = min(mine, key=lambda p: abs(p[1][0] - float(label.get("x", ""))))
            unlabelled.remove(point)
            labelled.append((box[1:], point))
        assert (
            published[-1] not in [text for text, _ in unlabelled if text == published[-1]]
            or unlabelled[-1][1] != dots[-1]
        )
        for text, (x, y) in unlabelled:
            assert room_near(svg, layout, x, y, text) == [], (layout, text)
            # A label that took its spot, where that label fits over or under its own point too.
            for box, (other, (ox, oy)) in labelled:
                for _, spot in room_near(svg, layout, x, y, text, moved=box):
                    assert room_near(svg, layout, ox, oy, other, moved=box, instead=spot) == [], (layout, text, other)
        assert overlapping(label_boxes(svg, layout)) == [], layout
        # The last figure and a target keep their label where it fits nowhere clear of the line.
        assert [text for text in crossed(svg, layout) if text != published[-1]] == [], layout


@given(
    points=st.lists(
        st.tuples(st.integers(0, 640), st.integers(0, 300)), min_size=1, max_size=15, unique_by=lambda p: p[0]
    ),
    spot=st.tuples(st.floats(-50, 700), st.floats(-50, 350)),
    which=st.integers(0, 14),
)
def test_a_corner_is_nearest_its_own_point_as_asked_of_every_point(
    points: list[tuple[int, int]], spot: tuple[float, float], which: int
) -> None:
    """The nearest point to a label's corner is asked only of the points within reach (`_Points`), which a section
    page's charts ask thousands of times: the answer is the one every other point gives."""
    from verantwoord.build.charts import _Points

    x, y = points[which % len(points)]
    mx, my = spot
    own = (mx - x) ** 2 + (my - y) ** 2
    expected = all((mx - ox) ** 2 + (my - oy) ** 2 > own for ox, oy in points if (ox, oy) != (x, y))
    assert _Points([(float(px), float(py)) for px, py in points]).nearest_is(x, y, mx, my) == expected
