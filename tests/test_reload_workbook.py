"""Changed figures of a workbook taken in row by row: always what a full load gives, or no answer."""

from __future__ import annotations

import shutil
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from tests.conftest import edit_workbook, patch_workbook_xml, set_modified
from verantwoord import serve
from verantwoord.errors import InvalidProject
from verantwoord.project import Project, load_project
from verantwoord.reload import ValueWorkbook, read_value_file, reload_values, value_file

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "amersfoort-2020"
SAVED = datetime(2021, 5, 25, 11, 50, 49, tzinfo=UTC)


def _copy(tmp_path: Path) -> Path:
    """The example, saved once by openpyxl as a user's Excel would save it: figures as numbers, shared texts."""
    root = tmp_path / "p"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site"))
    edit_workbook(root / "indicatoren.xlsx", _figures_as_numbers, SAVED)
    return root


def _figures_as_numbers(workbook: Workbook) -> None:
    for (cell,) in workbook["Waarden"].iter_rows(min_row=2, min_col=4, max_col=4):
        if isinstance(cell.value, str) and cell.value.isdigit():
            cell.value = int(cell.value)


def _loaded(root: Path) -> tuple[Project, ValueWorkbook]:
    data = read_value_file(load_project(root).config)
    assert data is not None
    project = load_project(root)
    loaded = value_file(project, data)
    assert isinstance(loaded, ValueWorkbook)
    return project, loaded


def _number_rows(root: Path) -> list[int]:
    """The rows of Waarden whose figure is a number."""
    workbook = load_workbook(root / "indicatoren.xlsx", read_only=True)
    try:
        return [
            number
            for number, (figure,) in enumerate(workbook["Waarden"].iter_rows(min_col=4, max_col=4, values_only=True), 1)
            if number > 1 and isinstance(figure, int)
        ]
    finally:
        workbook.close()


def _set(root: Path, cell: str, value: object, sheet: str = "Waarden", modified: datetime = SAVED) -> None:
    edit_workbook(root / "indicatoren.xlsx", lambda workbook: workbook[sheet].__setitem__(cell, value), modified)


def _same(quick: Project, full: Project) -> None:
    assert quick.documents == full.documents
    assert [str(p) for p in quick.problems] == [str(p) for p in full.problems]


def test_a_changed_figure_is_what_a_full_load_gives(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    row = _number_rows(root)[0]
    project, loaded = _loaded(root)
    _set(root, f"D{row}", 45)

    quick = reload_values(project, loaded, {loaded.path})

    assert quick is not None
    _same(quick[0], load_project(root))
    assert quick[0].documents != project.documents
    # and the next save is compared with this one
    _set(root, f"D{row}", 54)
    again = reload_values(quick[0], quick[1], {loaded.path})
    assert again is not None
    _same(again[0], load_project(root))


def test_a_figure_in_a_cell_with_a_number_format_is_what_a_full_load_gives(tmp_path: Path) -> None:
    """A cell under the format 0,0 of an indicator without decimalen is published as Excel shows it (78,5 for
    78,4912), and with decimalen in full: read alone, a changed row must be read so too."""
    root = _copy(tmp_path)
    row = _number_rows(root)[0]

    def formatted(workbook: Workbook) -> None:
        indicators = workbook["Indicatoren"]
        header = [cell.value for cell in indicators[1]]
        for cells in indicators.iter_rows(min_row=2):
            if cells[header.index("id")].value == workbook["Waarden"][f"A{row}"].value:
                cells[header.index("decimalen")].value = None
        workbook["Waarden"][f"D{row}"].number_format = "0.0"

    edit_workbook(root / "indicatoren.xlsx", formatted, SAVED)
    project, loaded = _loaded(root)
    _set(root, f"D{row}", 78.4912)

    quick = reload_values(project, loaded, {loaded.path})

    assert quick is not None
    _same(quick[0], load_project(root))
    (indicator,) = [i for i in quick[0].document.indicators() if i.decimals is None]
    assert "78.5" in [str(getattr(value.figure, "value", "")) for value in indicator.values]


def test_a_new_save_time_is_the_new_export_time_in_every_document(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    row = _number_rows(root)[1]
    project, loaded = _loaded(root)
    later = datetime(2021, 5, 26, 8, 0, tzinfo=UTC)
    _set(root, f"D{row}", 77, modified=later)

    quick = reload_values(project, loaded, {loaded.path})

    assert quick is not None
    assert quick[0].document.export.time == later
    _same(quick[0], load_project(root))

    set_modified(root / "indicatoren.xlsx", SAVED)  # saved once more, nothing else changed
    again = reload_values(quick[0], quick[1], {loaded.path})
    assert again is not None
    assert again[0].document.export.time == SAVED
    _same(again[0], load_project(root))


def test_a_save_time_where_there_was_none_needs_a_full_load(tmp_path: Path) -> None:
    """Without a save time the project warns that the export time is unknown; a full load no longer does."""
    root = _copy(tmp_path)
    row = _number_rows(root)[0]
    modified = r"<dcterms:modified[^>]*>[^<]*</dcterms:modified>"
    patch_workbook_xml(root / "indicatoren.xlsx", "docProps/core.xml", modified, "")
    project, loaded = _loaded(root)
    assert project.document.export.time is None
    _set(root, f"D{row}", 43)  # saved with a save time
    assert reload_values(project, loaded, {loaded.path}) is None


@given(
    choice=st.integers(min_value=0),
    figure=st.one_of(
        st.integers(-1000, 100_000),
        st.floats(allow_nan=False, allow_infinity=False, width=32),
        st.sampled_from(["12,5", "geen cijfer", "#", "12*", "abc", "", None, "10-20", "5 %", "=1/0"]),
    ),
    percent=st.booleans(),
)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# 1% beside 92% and 93%: a full load warns it may be a fraction, which the changed rows alone do not show.
@example(choice=0, figure=1, percent=False)
def test_whenever_it_answers_the_answer_is_a_full_loads(
    tmp_path: Path, choice: int, figure: object, percent: bool
) -> None:
    root = tmp_path / "p"
    if not root.exists():
        shutil.copytree(_copy(tmp_path / "bron"), root)
    original = (root / "indicatoren.xlsx").read_bytes()
    try:
        rows = _number_rows(root)
        row = rows[choice % len(rows)]
        if percent:  # shown as a percentage before and after: only the figure changes
            edit_workbook(
                root / "indicatoren.xlsx",
                lambda workbook: setattr(workbook["Waarden"][f"D{row}"], "number_format", "0.0%"),
                SAVED,
            )
        project, loaded = _loaded(root)
        _set(root, f"D{row}", figure)
        quick = reload_values(project, loaded, {loaded.path})
        try:
            full = load_project(root)
        except InvalidProject:
            assert quick is None  # the problems need a full load to be reported
            return
        if quick is not None:
            _same(quick[0], full)
    finally:
        (root / "indicatoren.xlsx").write_bytes(original)


def test_a_figure_changed_in_the_xml_as_excel_writes_it(tmp_path: Path) -> None:
    """Only the sheet's part and the save time change; the other parts keep their compressed bytes."""
    root = _copy(tmp_path)
    row = _number_rows(root)[2]
    project, loaded = _loaded(root)
    patch_workbook_xml(
        root / "indicatoren.xlsx", "xl/worksheets/sheet2.xml", rf'(<c r="D{row}"[^>]*><v>)[0-9]+', r"\g<1>43"
    )

    quick = reload_values(project, loaded, {loaded.path})

    assert quick is not None
    _same(quick[0], load_project(root))


def test_another_open_sheet_and_selected_cell_are_no_change(tmp_path: Path) -> None:
    """Excel saves which sheet was open and which cell was selected: in workbook.xml and in every sheet."""
    root = _copy(tmp_path)
    row = _number_rows(root)[0]
    project, loaded = _loaded(root)

    def edit(workbook: Workbook) -> None:
        workbook.active = workbook["Waarden"]
        for sheet in workbook.worksheets:
            sheet.sheet_view.tabSelected = sheet.title == "Waarden"
        workbook["Waarden"].sheet_view.selection[0].activeCell = f"D{row + 1}"
        workbook["Waarden"].sheet_view.selection[0].sqref = f"D{row + 1}"
        workbook["Waarden"][f"D{row}"] = 43

    edit_workbook(root / "indicatoren.xlsx", edit, SAVED)
    quick = reload_values(project, loaded, {loaded.path})

    assert quick is not None
    _same(quick[0], load_project(root))


def test_what_is_not_a_figure_change_needs_a_full_load(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    row = _number_rows(root)[0]
    original = (root / "indicatoren.xlsx").read_bytes()
    project, loaded = _loaded(root)

    def answer() -> object:
        result = reload_values(project, loaded, {loaded.path})
        (root / "indicatoren.xlsx").write_bytes(original)
        return result

    _set(root, f"B{row}", "2012")
    assert answer() is None  # another period: other checks
    _set(root, "A1", "indicator-id")
    assert answer() is None  # the header
    _set(root, "C2", "Nieuwe titel", sheet="Indicatoren")
    assert answer() is None  # another sheet
    _set(root, "A2", "Uitleg", sheet="Uitleg")
    assert answer() is None  # a sheet verantwoord does not read: still a full load, as for any other part
    edit_workbook(root / "indicatoren.xlsx", lambda workbook: workbook["Waarden"].append(["balie", "2020"]), SAVED)
    assert answer() is None  # a row more
    assert reload_values(project, loaded, {loaded.path, root / "tekst" / "4.1.md"}) is None  # more than figures


def test_a_row_whose_warning_is_fixed_is_loaded_whole(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    row = _number_rows(root)[0]
    _set(root, f"D{row}", "12*")  # a footnote mark without a footnote: a warning
    warned, loaded = _loaded(root)
    assert row in loaded.problem_rows
    _set(root, f"D{row}", 12)
    assert reload_values(warned, loaded, {loaded.path}) is None


def test_a_row_hidden_or_shown_again_is_loaded_whole(tmp_path: Path) -> None:
    """A full load warns of hidden rows: a row hidden by a save, or shown again, changes that warning."""
    root = _copy(tmp_path)
    row = _number_rows(root)[0]
    project, loaded = _loaded(root)

    def hide(hidden: bool) -> None:
        edit_workbook(
            root / "indicatoren.xlsx",
            lambda workbook: setattr(workbook["Waarden"].row_dimensions[row], "hidden", hidden),
            SAVED,
        )

    hide(True)
    assert reload_values(project, loaded, {loaded.path}) is None
    hidden, loaded = _loaded(root)
    assert [str(p) for p in hidden.problems if "verborgen" in p.message] == [
        f"indicatoren.xlsx, blad Waarden: rij {row} is verborgen of weggefilterd in Excel, maar wordt gelezen en "
        "gepubliceerd. Hint: maak verborgen rijen zichtbaar (zet het filter uit, of selecteer het blad en kies "
        "rechtsklik op een rijnummer > Zichtbaar maken) en verwijder de rijen die niet gepubliceerd mogen worden."
    ]
    hide(False)
    assert reload_values(hidden, loaded, {loaded.path}) is None


@pytest.mark.parametrize("prefix", ["", "x:"])
def test_rows_far_apart_are_read_in_their_own_places(tmp_path: Path, prefix: str) -> None:
    """Two changed rows with unchanged ones between; with or without a namespace prefix on the sheet's tags."""
    root = _copy(tmp_path)
    if prefix:
        patch_workbook_xml(
            root / "indicatoren.xlsx",
            "xl/worksheets/sheet2.xml",
            r"<(/?)(worksheet|sheetPr|outlinePr|pageSetUpPr|dimension|sheetViews|sheetView|pane|selection|"
            r"sheetFormatPr|cols|col|sheetData|row|c|v|is|t|pageMargins)\b",
            rf"<\g<1>{prefix}\g<2>",
        )
        patch_workbook_xml(root / "indicatoren.xlsx", "xl/worksheets/sheet2.xml", r'xmlns="', 'xmlns:x="')
    rows = _number_rows(root)
    first, last = rows[0], rows[-1]
    project, loaded = _loaded(root)

    def edit(workbook: Workbook) -> None:
        workbook["Waarden"][f"D{first}"] = 71
        workbook["Waarden"][f"D{last}"] = 72

    if prefix:  # openpyxl would write the sheet without the prefix: change the XML itself
        for cell, figure in ((first, 71), (last, 72)):
            patch_workbook_xml(
                root / "indicatoren.xlsx",
                "xl/worksheets/sheet2.xml",
                rf'(<x:c r="D{cell}"[^>]*><x:v>)[0-9]+',
                rf"\g<1>{figure}",
            )
    else:
        edit_workbook(root / "indicatoren.xlsx", edit, SAVED)

    quick = reload_values(project, loaded, {loaded.path})

    assert quick is not None
    _same(quick[0], load_project(root))


def test_a_file_that_changed_while_loading_is_not_compared_with(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    data = read_value_file(load_project(root).config)
    assert data is not None
    project = load_project(root)
    _set(root, f"D{_number_rows(root)[0]}", 1)
    assert value_file(project, data) is None


def test_rows_read_early_are_taken_for_the_save_they_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`serve` reads a save of the workbook as soon as it sees it; the rebuild then reads nothing again."""
    root = _copy(tmp_path)
    project, loaded = _loaded(root)
    _set(root, f"D{_number_rows(root)[0]}", 43)
    early = serve._EarlyRows(loaded)
    early.changed_rows(loaded.path.name, loaded.copy, b"")  # until its thread is done
    monkeypatch.setattr(serve, "changed_rows", lambda *_: pytest.fail("read again"))

    quick = reload_values(project, loaded, {loaded.path}, early.changed_rows)

    assert quick is not None
    _same(quick[0], load_project(root))


def test_rows_read_early_are_not_taken_for_a_later_save(tmp_path: Path) -> None:
    """Saved again after the early read: read as always."""
    root = _copy(tmp_path)
    project, loaded = _loaded(root)
    row = _number_rows(root)[0]
    _set(root, f"D{row}", 43)
    early = serve._EarlyRows(loaded)
    early.changed_rows(loaded.path.name, loaded.copy, b"")  # until its thread is done
    _set(root, f"D{row}", 34)

    quick = reload_values(project, loaded, {loaded.path}, early.changed_rows)

    assert quick is not None
    _same(quick[0], load_project(root))


def test_a_failure_in_the_early_read_is_left_to_the_rebuild(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A workbook part in a form zipfile cannot read (Deflate64) raised in the thread, and its traceback was printed
    beside the rebuild's own report of the same error."""
    root = _copy(tmp_path)
    _, loaded = _loaded(root)
    escaped: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda hook: escaped.append(hook.exc_value))

    def unreadable(*_: object) -> None:
        raise NotImplementedError("That compression method is not supported")

    monkeypatch.setattr(serve, "changed_rows", unreadable)
    early = serve._EarlyRows(loaded)
    with pytest.raises(NotImplementedError):
        early.changed_rows(loaded.path.name, loaded.copy, loaded.path.read_bytes())
    assert escaped == []


def test_a_value_typed_far_right_of_a_row_is_told_as_a_full_load_tells_it(tmp_path: Path) -> None:
    """An 'x' in XFD of a row of a sheet of 300 rows makes a range a full load does not read as it is (`extent`): it
    reads the sheet without it and tells the user so. The changed row read alone would have taken it in silently."""
    root = _copy(tmp_path)

    def taller(workbook: Workbook) -> None:  # rows with a space, which are no values
        for number in range(29, 301):
            workbook["Waarden"][f"A{number}"] = " "

    edit_workbook(root / "indicatoren.xlsx", taller, SAVED)
    row = _number_rows(root)[0]
    project, loaded = _loaded(root)
    _set(root, f"D{row}", 45)  # a change the rows alone are read for
    quick = reload_values(project, loaded, {loaded.path})
    assert quick is not None
    _set(root, f"XFD{row}", "x")

    again = reload_values(quick[0], quick[1], {loaded.path})

    with pytest.raises(InvalidProject) as full:
        load_project(root)
    assert [problem.location.cell for problem in full.value.problems] == [f"XFD{row}"]
    assert again is None  # the full load serve then does tells it
