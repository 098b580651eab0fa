"""Figures as the reader's language writes them (more properties in tests/export/test_cells.py)."""

from decimal import Decimal

import pytest

from verantwoord.build.format import format_file_size, format_number, period_name
from verantwoord.model import parse_period


def test_equal_numbers_keep_their_own_decimals() -> None:
    # Decimal("7.1") == Decimal("7.10"): a cache keyed on the number would show one as the other.
    assert [format_number(Decimal(text)) for text in ("7.1", "7.10", "7.1", "7.10")] == ["7,1", "7,10", "7,1", "7,10"]
    assert format_number(Decimal("1E+3")) == "1.000"
    assert format_number(Decimal("1000")) == "1.000"


def test_the_same_number_in_other_languages_and_decimals() -> None:
    number = Decimal("1234.5")
    assert format_number(number, None, "nl") == "1.234,5"
    assert format_number(number, None, "en") == "1,234.5"
    assert format_number(number, 2, "nl") == "1.234,50"
    assert format_number(number, 0, "nl") == "1.235"


def test_a_figure_longer_than_decimals_default_precision_is_shown_whole() -> None:
    """Past 28 digits (with the decimals) rounding to the indicator's decimals raised InvalidOperation: `check`
    passed, `build` and `serve` ended with a traceback."""
    assert format_number(Decimal("12345678901234567890123456789"), 0) == "12.345.678.901.234.567.890.123.456.789"
    assert format_number(Decimal("1.5E+26"), 2) == "150.000.000.000.000.000.000.000.000,00"
    assert format_number(Decimal("0.12345678901234567890123456789"), 2) == "0,12"


def test_a_figure_rounded_to_zero_has_no_minus() -> None:
    """-0,4 with no decimals was "-0", and a chart read "gestegen van -0%"."""
    assert format_number(Decimal("-0.4"), 0) == "0"
    assert format_number(Decimal("-0.04"), 1) == "0,0"
    assert format_number(Decimal("-0.5"), 0) == "-1"


def test_a_month_is_named_in_the_documents_language_and_other_periods_as_written() -> None:
    assert period_name(parse_period("2024-03")) == "maart 2024"
    assert period_name(parse_period("2024-02"), "en") == "February 2024"
    assert [period_name(parse_period(text)) for text in ("2024", "2022-2023", "Q3 2024")] == [
        "2024",
        "2022-2023",
        "Q3 2024",
    ]


@pytest.mark.parametrize(
    ("size", "dutch", "english"),
    [
        (11304, "11\u00a0kB", "11\u00a0kB"),
        (3307, "3,3\u00a0kB", "3.3\u00a0kB"),
        (640, "0,6\u00a0kB", "0.6\u00a0kB"),
        (12, "0,1\u00a0kB", "0.1\u00a0kB"),
        (1, "0,1\u00a0kB", "0.1\u00a0kB"),
        (0, "0\u00a0kB", "0\u00a0kB"),
        (9950, "10\u00a0kB", "10\u00a0kB"),
        (999499, "999\u00a0kB", "999\u00a0kB"),
        (999500, "1\u00a0MB", "1\u00a0MB"),
        (1234567, "1,2\u00a0MB", "1.2\u00a0MB"),
        (48_700_000, "49\u00a0MB", "49\u00a0MB"),
    ],
)
def test_a_file_size_as_a_download_link_shows_it(size: int, dutch: str, english: str) -> None:
    assert format_file_size(size, "nl") == dutch
    assert format_file_size(size, "en") == english
