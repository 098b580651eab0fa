from datetime import date
from decimal import Decimal

from verantwoord.build.tables import indicator_table
from verantwoord.build.translations import translator
from verantwoord.model import Indicator, NoFigure, Number, Period, Range, TableColumns, Text, Value, ValueKind

COLUMNS = TableColumns(tuple(Period.of_year(y) for y in (2019, 2020)), (Period.of_year(2020),))


def _table(*values: Value):
    return indicator_table(Indicator("x", "X", values, decimals=None), COLUMNS, "nl", translator("nl"))


def test_two_header_groups_with_every_cell_filled() -> None:
    table = _table(Value(Period.of_year(2019), ValueKind.REALISED, Number(Decimal("1234.5"))))
    assert [(g.label, [label for _, label in g.periods]) for g in table.groups] == [
        ("Realisatie cijfers", ["2019", "2020"]),
        ("Streefcijfers", ["2020"]),
    ]
    assert [c.text for c in table.cells] == ["1.234,5", "geen cijfer", "geen streefcijfer"]
    assert [c.missing for c in table.cells] == [False, True, True]
    assert table.cells[0].headers == "ind-x-realised ind-x-realised-2019"


def test_ranges_and_text_figures() -> None:
    table = _table(
        Value(Period.of_year(2019), ValueKind.REALISED, Text("79,3% (TK)")),
        Value(Period.of_year(2020), ValueKind.TARGET, Range(Decimal(6), Decimal("6.5"))),
    )
    assert [c.text for c in table.cells] == ["79,3% (TK)", "geen cijfer", "6–6,5"]


def test_a_reason_and_a_footnote_on_one_cell_are_both_shown() -> None:
    period = Period(date(2020, 1, 1), date(2020, 12, 31), "2020")
    table = _table(Value(period, ValueKind.REALISED, NoFigure("meting gestopt"), footnote="zie bijlage"))
    cell = table.cells[1]
    assert [n.number for n in cell.notes] == [1, 2]
    assert [n.text for n in table.notes] == ["Geen cijfer voor 2020: meting gestopt", "2020: zie bijlage"]
