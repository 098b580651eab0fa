from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verantwoord.build.format import format_number
from verantwoord.export.cells import CellError, decimal_as_general, decimal_from_float, parse_figure, parse_number
from verantwoord.model import NoFigure, Number, Range

decimals = st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, allow_infinity=False, places=3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("78", "78"),
        ("78%", "78"),
        ("78 %", "78"),
        ("1.234,5", "1234.5"),
        ("1234,5", "1234.5"),
        ("1234.5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("5.857.597", "5857597"),
        ("7,10", "7.10"),
        ("0.125", "0.125"),
        ("-3,5", "-3.5"),
        ("−3,5", "-3.5"),
        ("€ 1.234,50", "1234.50"),
        ("1\u00a0234,5", "1234.5"),
    ],
)
def test_parse_number_reads_dutch_and_english_notation(text: str, expected: str) -> None:
    number = parse_number(text)
    assert number == Decimal(expected)
    assert str(number) == expected  # the decimals as entered are kept


@pytest.mark.parametrize("text", ["7,1\u200b", "\ufeff7,1", "\u200b 7,1 \u2060"])
def test_a_figure_pasted_with_an_invisible_character_at_its_edge_is_read(text: str) -> None:
    """A zero-width space or byte order mark pasted along (from a web page or PDF) is no part of the figure: '7,1' and
    one was 'geen getal: de scheidingstekens kloppen niet'."""
    assert parse_figure(text) == (Number(Decimal("7.1")), None)


@pytest.mark.parametrize("text", ["1.234", "12.345", "1.2.3", "1,2,3", "abc", "", "%", "1.234,5.6"])
def test_parse_number_refuses_what_is_ambiguous_or_not_a_number(text: str) -> None:
    with pytest.raises(CellError):
        parse_number(text)


@pytest.mark.parametrize("text", ["93\n85", "93 85", "12 3,5", "1 23", "1234 567", "1\t234"])
def test_numbers_with_spaces_between_them_are_refused(text: str) -> None:
    """Whitespace was taken out of a figure: two numbers in one cell (Alt+Enter) became one, 9385."""
    with pytest.raises(CellError) as caught:
        parse_number(text)
    assert "tussen de cijfers" in str(caught.value)
    assert parse_number("1 234 567,5") == Decimal("1234567.5")  # grouped in thousands with spaces, as some write


def test_minus_zero_is_zero() -> None:
    """A stored -0 was published as "-0" in the HTML, CSV and JSON; Excel shows 0."""
    assert [str(parse_figure(raw)[0].value) for raw in (-0.0, "-0", "-0,0", "−0")] == ["0", "0", "0.0", "0"]


def test_ambiguous_number_gets_a_hint_with_both_readings() -> None:
    with pytest.raises(CellError) as caught:
        parse_number("1.234")
    assert "1234" in caught.value.hint and "1,234" in caught.value.hint


@pytest.mark.parametrize("marker", ["", "-", "–", "n.b.", "nb", "N.B.", "geen cijfer", "#", "n.v.t.", None, "  "])
def test_no_figure_markers_are_never_zero(marker: object) -> None:
    assert parse_figure(marker) == (NoFigure(), None)


def test_not_yet_known_has_its_reason() -> None:
    assert parse_figure("n.n.b.") == (NoFigure("nog niet bekend"), None)


def test_ranges_and_footnote_marks() -> None:
    assert parse_figure("6-6,5") == (Range(Decimal(6), Decimal("6.5")), None)
    assert parse_figure("6 – 6,5*") == (Range(Decimal(6), Decimal("6.5")), "*")
    assert parse_figure("78*") == (Number(Decimal(78)), "*")
    assert parse_figure("-5") == (Number(Decimal(-5)), None)


def test_spreadsheet_floats_lose_their_binary_artefacts() -> None:
    assert parse_figure(0.1 + 0.2) == (Number(Decimal("0.3")), None)
    assert parse_figure(7.1) == (Number(Decimal("7.1")), None)
    assert parse_figure(78.0) == (Number(Decimal(78)), None)
    assert parse_figure(92) == (Number(Decimal(92)), None)


@pytest.mark.parametrize("raw", [True, date(2021, 6, 6), "79,3% (TK)", "abc", float("nan"), "6,5-6"])
def test_not_a_figure_is_an_error_with_what_was_expected(raw: object) -> None:
    with pytest.raises(CellError) as caught:
        parse_figure(raw)
    assert caught.value.expected


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("(3,5)", "een negatief getal schrijft u met een minteken ervoor, zoals -3,5."),
        ("3,5-", "het minteken hoort vóór het getal: -3,5."),
        ("1,23457E+11", "zo schrijven Excel en andere programma's een heel groot of klein getal"),
        ("6-jun", "Excel heeft hier een datum van gemaakt"),
        ("1-mrt-24", "Excel heeft hier een datum van gemaakt"),
        ("$ 12", "laat het valutateken weg"),
        ("1,234.50 £", "laat het valutateken weg"),
    ],
)
def test_notations_that_are_not_read_get_a_hint_that_names_them(text: str, hint: str) -> None:
    """They were told that the separators were wrong, or to put the text in the column tekst."""
    with pytest.raises(CellError) as raised:
        parse_figure(text)
    assert raised.value.message == f"'{text}' is geen getal."
    assert raised.value.hint.startswith(hint)


@pytest.mark.parametrize(("text", "number"), [(".5", "0.5"), (",5", "0.5"), ("-.5", "-0.5"), (".500", "0.500")])
def test_a_number_that_begins_with_its_decimal_sign_is_read(text: str, number: str) -> None:
    """YAML read .5 as 0.5 before numbers were read as written; a CSV file refused it."""
    assert parse_number(text) == Decimal(number)


def test_a_range_whose_bounds_begin_with_their_decimal_sign_is_read() -> None:
    assert parse_figure(",5-,7") == (Range(Decimal("0.5"), Decimal("0.7")), None)
    assert parse_figure("0,5 - ,7") == (Range(Decimal("0.5"), Decimal("0.7")), None)


@pytest.mark.parametrize("text", ["€ 1.234,50", "1.234,50 €", "€1.234,50", "1.234,50€"])
def test_a_euro_sign_before_or_after_the_number_is_read(text: str) -> None:
    assert parse_figure(text) == (Number(Decimal("1234.50")), None)


@given(decimals)
def test_a_minus_before_or_after_the_euro_sign_is_read(number: Decimal) -> None:
    """-€ 1.300,00 was 'geen getal', while € -1.300,00 was read: the sign stands on either side of the euro sign."""
    text = format_number(number)
    if "." in text and "," not in text and text.count(".") == 1:
        return  # 1.234: ambiguous by design
    unsigned = text.removeprefix("-")
    sign = "-" if text.startswith("-") else "+"
    for written in (f"{sign}€ {unsigned}", f"€ {sign}{unsigned}", f"{sign}€{unsigned}", f"{text} €"):
        assert parse_figure(written) == (Number(number), None), written


@pytest.mark.parametrize("text", ["-€-5", "€-€5", "--€5", "€€5"])
def test_a_euro_sign_or_minus_twice_is_no_number(text: str) -> None:
    with pytest.raises(CellError):
        parse_number(text)


def test_text_in_a_value_cell_points_to_the_text_column() -> None:
    with pytest.raises(CellError) as caught:
        parse_figure("79,3% (TK)")
    assert "tekst" in caught.value.hint


@given(decimals)
def test_dutch_formatting_reads_back_unless_it_is_ambiguous(number: Decimal) -> None:
    text = format_number(number)
    try:
        parsed = parse_number(text)
    except CellError as error:
        # Only the 1.234 shape may be refused: a single thousands dot and no decimals.
        assert "dubbelzinnig" in error.message, text
        return
    assert parsed == number


@given(decimals)
def test_numbers_as_text_in_english_notation_read_back(number: Decimal) -> None:
    text = str(number)
    if "." in text and len(text.split(".")[1]) == 3 and 1 <= len(text.split(".")[0].lstrip("-")) <= 3:
        return  # 1.234: ambiguous by design
    assert parse_number(text) == number


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda f: round(f, 6)))
def test_floats_read_as_at_most_fifteen_significant_digits(number: float) -> None:
    value = decimal_from_float(number)
    assert len(value.as_tuple().digits) <= 15
    assert abs(float(value) - number) <= abs(number) * 1e-14 + 1e-300


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        (78.3 - 78.2, "0.1"),  # 0.09999999999999432: 0,0999999999999943 was published
        (sum([0.1] * 10_000), "1000"),  # 1000.0000000001588
        (250 / 300 * 100, "83.33333333"),  # 11 characters, as Excel shows it in a wide column
        (1 / 3, "0.333333333"),
        (-1 / 3, "-0.333333333"),
        (3.141592653589793, "3.141592654"),
        (12345678901.5 + 1 / 3, "12345678902"),
        (123456789012.0, "123456789012"),  # a whole number as it is (Excel: 1,23457E+11)
        (0.00001 / 3, "0.00000333333"),  # a small one keeps 6 digits, as 3,33333E-06
        # Typed (no more digits than Excel keeps): as typed, not cut to 11 characters (123456789,1 was published).
        (123456789.12, "123456789.12"),
        (7123456789.45, "7123456789.45"),
        (12345678901.5, "12345678901.5"),
        (0.0000123456789, "0.0000123456789"),
        (78.5, "78.5"),
        (0.1 + 0.2, "0.3"),
    ],
)
def test_a_float_in_a_general_cell_is_the_figure_excel_shows(number: float, shown: str) -> None:
    assert str(decimal_as_general(number)) == shown
    assert parse_figure(number)[0] == Number(Decimal(shown))


@given(decimals, st.sampled_from([None, 0, 1, 2]), st.sampled_from(["nl", "en"]))
def test_our_number_formatting_is_babels(number: Decimal, places: int | None, locale: str) -> None:
    from decimal import ROUND_HALF_UP

    from babel.numbers import format_decimal

    shown = number if places is None else number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    shown = shown.copy_abs() if shown.is_zero() else shown  # ours never writes -0, as Babel does
    digits = max(0, -shown.as_tuple().exponent)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    assert format_number(number, places, locale) == format_decimal(
        shown, format=pattern, locale=locale, decimal_quantization=True
    )


@pytest.mark.parametrize(
    ("text", "number"), [(">= 80", "80"), ("≥80%", "80"), ("minimaal 13%", "13"), ("< 5", "5"), ("max. 3,5", "3,5")]
)
def test_a_target_written_as_a_bound_is_told_where_its_number_and_its_words_go(text: str, number: str) -> None:
    """'>= 80' as a target was told only that it is no number, with no word of the column tekst."""
    with pytest.raises(CellError) as raised:
        parse_figure(text)
    assert raised.value.hint.startswith(
        f"zet het getal ({number}) in de kolom 'waarde' en '{text}' in de kolom 'tekst'"
    )


@pytest.mark.parametrize("text", ["?", "??", "...", "…", "p.m.", "PM"])
def test_a_placeholder_for_a_figure_to_come_is_told_how_to_say_not_yet_known(text: str) -> None:
    """'?' was told only that it is no number; 'p.m.' to put it in the column tekst."""
    with pytest.raises(CellError) as raised:
        parse_figure(text)
    assert "'n.n.b.'" in raised.value.hint


@pytest.mark.parametrize(("text", "number"), [("min 3", "3"), ("min 3%", "3"), ("Min 2,5", "2,5")])
def test_min_before_a_number_may_be_minus_and_is_not_only_told_to_be_a_bound(text: str, number: str) -> None:
    """'min 3' is minus 3 as often as at least 3 (min. 3): told only to put 3 in the column waarde, a figure meant as
    -3 was published as 3."""
    with pytest.raises(CellError) as raised:
        parse_figure(text)
    assert raised.value.hint.startswith(f"bedoelt u een negatief getal, typ dan -{number}; bedoelt u minimaal {number}")
    assert f"zet dan het getal ({number}) in de kolom 'waarde' en '{text}' in de kolom 'tekst'" in raised.value.hint


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("'n.v.t.'", "n.v.t., dan is het 'geen cijfer'"),
        ('"geen cijfer"', "geen cijfer, dan is het 'geen cijfer'"),
        ("‘n.n.b.’", "n.n.b., dan toont de tabel 'geen cijfer' met de noot 'nog niet bekend'."),
        ("“7,1”", "7,1."),
    ],
)
def test_a_value_typed_between_quotes_is_told_to_lose_them(text: str, read: str) -> None:
    """'n.v.t.' typed with the manual's quotes was told to put text in the column tekst, which would publish it quotes
    and all; without them it is read."""
    with pytest.raises(CellError) as raised:
        parse_figure(text)
    assert raised.value.hint.startswith(f"haal de aanhalingstekens weg: typ {read}")
    parse_figure(text[1:-1])
