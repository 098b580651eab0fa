from datetime import UTC, datetime
from pathlib import Path

from openpyxl import Workbook

from verantwoord.errors import Problems
from verantwoord.export.workbook import read_workbook

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "amersfoort-2020" / "indicatoren.xlsx"


def test_reads_the_example_and_its_export_time() -> None:
    problems = Problems()
    tables, modified = read_workbook(EXAMPLE, problems)
    assert not problems
    assert set(tables) == {"indicatoren", "waarden", "uitleg"}
    assert tables["indicatoren"].header[:3] == ["id", "paragraaf", "titel"]
    assert len(tables["indicatoren"].rows) == 5
    assert modified == datetime(2021, 5, 25, 11, 50, 49, tzinfo=UTC)


def test_header_may_start_lower_and_empty_rows_are_skipped_with_true_row_numbers(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Waarden"
    sheet["B3"] = "indicator"
    sheet["C3"] = "waarde"
    sheet["B4"] = "a"
    sheet["B6"] = "b"
    path = tmp_path / "w.xlsx"
    workbook.save(path)
    tables, _ = read_workbook(path, Problems())
    table = tables["waarden"]
    assert table.header == ["", "indicator", "waarde"]
    assert [row[1] for row in table.rows] == ["a", "b"]
    assert str(table.locate(1, 2)) == "w.xlsx, blad Waarden, cel C6"
    assert str(table.locate(-1, 1)) == "w.xlsx, blad Waarden, cel B3"


def test_error_cells_are_reported_not_read_as_empty(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Waarden"
    sheet.append(["indicator", "waarde"])
    sheet.append(["a", "#DIV/0!"])
    sheet.append(["b", "#N/A"])
    path = tmp_path / "w.xlsx"
    workbook.save(path)
    problems = Problems()
    read_workbook(path, problems)
    assert [str(p) for p in problems] == [
        "w.xlsx, blad Waarden, cel B2: de cel bevat een Excel-foutwaarde. Gevonden: '#DIV/0!'. Verwacht: een waarde. "
        "Hint: herstel de formule in Excel, of vervang de cel door 'geen cijfer' met een reden.",
        "w.xlsx, blad Waarden, cel B3: de cel bevat een Excel-foutwaarde. Gevonden: '#N/A'. Verwacht: een waarde. "
        "Hint: herstel de formule in Excel, of vervang de cel door 'geen cijfer' met een reden.",
    ]
