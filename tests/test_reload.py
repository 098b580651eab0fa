"""Changed figures of a CSV export taken in line by line: always what a full load gives, or no answer."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verantwoord.errors import InvalidProject
from verantwoord.export import digest
from verantwoord.export.digest import file_digest
from verantwoord.project import Project, load_project
from verantwoord.reload import ValueFile, read_value_file, reload_values, value_file

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CSV_EXAMPLES = ("begroting-2020-verwachting", "begroting-en-jaarverslag")
FIXED = "begroting-2020-verwachting"
"""An example whose tables show the same columns whatever the figures (no last measurement)."""


def _copy(tmp_path: Path, name: str) -> Path:
    """The example with ";" between the cells of its values, so without quotes, and without `export.vorige`."""
    root = tmp_path / name
    shutil.copytree(EXAMPLES / name, root, ignore=shutil.ignore_patterns("site"))
    config = root / "verantwoord.yaml"
    config.write_text(
        "".join(line for line in config.read_text(encoding="utf-8").splitlines(True) if "vorige:" not in line),
        encoding="utf-8",
    )
    values = root / "export" / "waarden.csv"
    text = values.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=max(";,", key=text.splitlines()[0].count)))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_NONE)
    writer.writerows([[cell.replace(";", ",") for cell in row] for row in rows])
    values.write_text(buffer.getvalue(), encoding="utf-8")
    return root


def _loaded(root: Path) -> tuple[Project, ValueFile]:
    data = read_value_file(load_project(root).config)
    assert data is not None
    project = load_project(root)
    loaded = value_file(project, data)
    assert loaded is not None
    return project, loaded


def _figure_lines(loaded: ValueFile) -> list[int]:
    """Indexes of the lines whose figure is a plain whole number."""
    column = loaded.header.index("waarde")
    return [
        i
        for i, line in enumerate(loaded.lines)
        if i >= loaded.header_line and line and line.split(loaded.separator)[column].isdigit()
    ]


def _edit(loaded: ValueFile, index: int, figure: str) -> None:
    cells = loaded.lines[index].split(loaded.separator)
    cells[loaded.header.index("waarde")] = figure
    lines = list(loaded.lines)
    lines[index] = loaded.separator.join(cells)
    loaded.path.write_text("\n".join(lines), encoding="utf-8")


def _same(quick: Project, full: Project) -> None:
    assert quick.documents == full.documents
    assert [str(p) for p in quick.problems] == [str(p) for p in full.problems]


@pytest.mark.parametrize("name", CSV_EXAMPLES)
def test_a_changed_figure_is_what_a_full_load_gives(tmp_path: Path, name: str) -> None:
    project, loaded = _loaded(_copy(tmp_path, name))
    index = _figure_lines(loaded)[0]
    figure = loaded.lines[index].split(loaded.separator)[loaded.header.index("waarde")]
    _edit(loaded, index, str(int(figure) + 1))

    quick = reload_values(project, loaded, {loaded.path})

    assert quick is not None
    _same(quick[0], load_project(loaded.path.parents[1]))
    assert quick[0].documents != project.documents


def test_a_changed_figure_does_not_read_the_indicators_again_for_the_exports_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The footer's fingerprint is of both files of the folder: indicatoren.csv is as it was loaded, and hashing it
    again on every figure (7 ms at 1,000 sections) was a twentieth of the time an edit may take."""
    project, loaded = _loaded(_copy(tmp_path, FIXED))
    index = _figure_lines(loaded)[0]
    figure = loaded.lines[index].split(loaded.separator)[loaded.header.index("waarde")]
    _edit(loaded, index, str(int(figure) + 1))
    hashed = []
    monkeypatch.setattr(digest, "file_digest", lambda path: hashed.append(path.name) or file_digest(path))

    quick = reload_values(project, loaded, {loaded.path})

    assert quick is not None and hashed == []
    _same(quick[0], load_project(loaded.path.parents[1]))
    assert quick[0].document.export.digests != project.document.export.digests


def test_figures_of_many_sections_and_both_documents_at_once(tmp_path: Path) -> None:
    """Each changed section is put in its own place: two of one chapter, and in each document that shows it."""
    project, loaded = _loaded(_copy(tmp_path, "begroting-en-jaarverslag"))
    column = loaded.header.index("waarde")
    lines = list(loaded.lines)
    edited = {}
    for index in _figure_lines(loaded):  # the first figure of every indicator
        cells = lines[index].split(loaded.separator)
        if cells[0] not in edited:
            cells[column] = str(int(cells[column]) + 1)
            lines[index] = loaded.separator.join(cells)
            edited[cells[0]] = index
    loaded.path.write_text("\n".join(lines), encoding="utf-8")
    sections = {
        (d, section.number)
        for d, document in enumerate(project.documents)
        for section in document.sections()
        if any(i.id in edited for i in section.indicators)
    }
    assert {d for d, _ in sections} == {0, 1} and len(sections) >= 4  # 2.1 and 2.2 of each

    quick = reload_values(project, loaded, {loaded.path})

    assert quick is not None
    _same(quick[0], load_project(loaded.path.parents[1]))


def test_only_the_sections_of_changed_indicators_are_new_objects(tmp_path: Path) -> None:
    project, loaded = _loaded(_copy(tmp_path, FIXED))
    index = _figure_lines(loaded)[0]
    indicator = loaded.lines[index].split(loaded.separator)[0]
    _edit(loaded, index, "12345")

    quick = reload_values(project, loaded, {loaded.path})

    assert quick is not None
    before = {s.number: s for s in project.document.sections()}
    for section in quick[0].document.sections():
        if any(i.id == indicator for i in section.indicators):
            assert section is not before[section.number]
        else:
            assert section is before[section.number]


@given(
    line=st.integers(min_value=0),
    figure=st.sampled_from(
        ["0", "7", "12,5", "-3", "1.234", "geen cijfer", "#", "12*", "abc", "", "10-20", "99,999", "5 %"]
    ),
)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_whenever_it_answers_the_answer_is_a_full_loads(tmp_path: Path, line: int, figure: str) -> None:
    root = tmp_path / "p"
    if not root.exists():
        shutil.copytree(_copy(tmp_path / "bron", FIXED), root)
    original = (root / "export" / "waarden.csv").read_bytes()
    try:
        project, loaded = _loaded(root)
        lines = _figure_lines(loaded)
        _edit(loaded, lines[line % len(lines)], figure)
        quick = reload_values(project, loaded, {loaded.path})
        try:
            full = load_project(root)
        except InvalidProject:
            assert quick is None  # the problems need a full load to be reported
            return
        if quick is not None:
            _same(quick[0], full)
    finally:
        (root / "export" / "waarden.csv").write_bytes(original)


def test_a_bom_crlf_and_empty_rows_before_the_header_keep_the_lines_in_step(tmp_path: Path) -> None:
    root = _copy(tmp_path, FIXED)
    values = root / "export" / "waarden.csv"
    values.write_bytes(
        b"\xef\xbb\xbf;;;;\r\n" + values.read_bytes().replace(b"\n", b"\r\n").replace(b";212;", b";212;\r\n;;;")
    )
    project, loaded = _loaded(root)
    assert loaded.header_line == 2
    data = values.read_bytes()
    values.write_bytes(data.replace(b";186;", b";187;"))

    quick = reload_values(project, loaded, {values})

    assert quick is not None
    _same(quick[0], load_project(root))


def test_a_separator_at_the_end_of_every_line_keeps_the_quick_way(tmp_path: Path) -> None:
    """Excel writes one for each empty column it once used; the lines then have more cells than the header, and
    every corrected figure loaded the whole project (seconds at 1,000 sections instead of a tenth)."""
    root = _copy(tmp_path, FIXED)
    values = root / "export" / "waarden.csv"
    lines = values.read_text(encoding="utf-8").split("\n")
    values.write_text("\n".join(line + ";;" if i and line else line for i, line in enumerate(lines)), encoding="utf-8")
    project, loaded = _loaded(root)
    index = _figure_lines(loaded)[0]
    _edit(loaded, index, "1234")

    quick = reload_values(project, loaded, {values})

    assert quick is not None
    _same(quick[0], load_project(root))
    # The same line without its separators makes the lines unequal, which a full load reports.
    lines = values.read_text(encoding="utf-8").split("\n")
    lines[index] = lines[index].removesuffix(";;")
    values.write_text("\n".join(lines), encoding="utf-8")
    assert reload_values(project, quick[1], {values}) is None
    with pytest.raises(InvalidProject):
        load_project(root)


def test_a_last_measurement_column_needs_a_full_load(tmp_path: Path) -> None:
    """With it, one figure decides whether another is shown and warned about."""
    project, loaded = _loaded(_copy(tmp_path, "jaarverslag-2022-benchmark"))
    _edit(loaded, _figure_lines(loaded)[0], "1")
    assert reload_values(project, loaded, {loaded.path}) is None


def test_an_unreadable_line_needs_a_full_load(tmp_path: Path) -> None:
    project, loaded = _loaded(_copy(tmp_path, FIXED))
    index = _figure_lines(loaded)[0]
    cells = loaded.lines[index].split(loaded.separator)
    cells[-1] = "x" * 200_000  # longer than the CSV reader's field limit
    lines = list(loaded.lines)
    lines[index] = ";".join(cells)
    loaded.path.write_text("\n".join(lines), encoding="utf-8")
    assert reload_values(project, loaded, {loaded.path}) is None


@pytest.mark.parametrize("error_value", ["#N/B", "#DEEL/0!"])
def test_an_excel_error_value_in_a_text_column_needs_a_full_load(tmp_path: Path, error_value: str) -> None:
    """#N/B in a line's voetnoot passed the quick path, where a full load reports it as an Excel error value."""
    root = _copy(tmp_path, FIXED)
    project, loaded = _loaded(root)
    index = _figure_lines(loaded)[0]
    cells = loaded.lines[index].split(loaded.separator)
    cells[-1] = error_value  # the footnote, the last column
    lines = list(loaded.lines)
    lines[index] = loaded.separator.join(cells)
    loaded.path.write_text("\n".join(lines), encoding="utf-8")
    assert reload_values(project, loaded, {loaded.path}) is None
    with pytest.raises(InvalidProject, match="De invoer is niet in orde"):
        load_project(root)


def test_a_line_with_more_cells_than_the_header_needs_a_full_load(tmp_path: Path) -> None:
    """7,5 in a comma-separated file is two cells: the quick path published 7 with the 5 as its text."""
    project, loaded = _loaded(_copy(tmp_path, FIXED))
    _edit(loaded, _figure_lines(loaded)[0], "7;5")
    assert reload_values(project, loaded, {loaded.path}) is None


def test_a_line_whose_warning_is_fixed_is_loaded_whole(tmp_path: Path) -> None:
    root = _copy(tmp_path, FIXED)
    _, loaded = _loaded(root)
    index = _figure_lines(loaded)[0]
    _edit(loaded, index, "12*")  # a footnote mark without a footnote: a warning
    warned, loaded = _loaded(root)
    assert index + 1 in loaded.problem_lines
    _edit(loaded, index, "12")
    assert reload_values(warned, loaded, {loaded.path}) is None


def test_what_is_not_a_figure_change_needs_a_full_load(tmp_path: Path) -> None:
    project, loaded = _loaded(_copy(tmp_path, FIXED))
    index = _figure_lines(loaded)[0]
    period = loaded.header.index("periode")

    cells = loaded.lines[index].split(loaded.separator)
    cells[period] = "2016"
    loaded.path.write_text("\n".join([*loaded.lines[:index], ";".join(cells), *loaded.lines[index + 1 :]]))
    assert reload_values(project, loaded, {loaded.path}) is None  # another period: other checks

    loaded.path.write_text("\n".join([*loaded.lines, loaded.lines[index]]))
    assert reload_values(project, loaded, {loaded.path}) is None  # a line more

    loaded.path.write_text("\n".join(loaded.lines).replace(";212;", ';"212";'))
    assert reload_values(project, loaded, {loaded.path}) is None  # quotes: a line may not be a row

    loaded.path.write_text("\n".join(loaded.lines))
    text = loaded.path.parents[1] / "tekst" / "1.md"
    assert reload_values(project, loaded, {loaded.path, text}) is None  # more than the figures


def test_a_file_that_changed_while_loading_is_not_compared_with(tmp_path: Path) -> None:
    root = _copy(tmp_path, FIXED)
    data = read_value_file(load_project(root).config)
    assert data is not None
    project = load_project(root)
    (root / "export" / "waarden.csv").write_bytes(data.replace(b";212;", b";213;"))
    assert value_file(project, data) is None


def test_a_project_with_a_previous_publication_is_loaded_whole(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(EXAMPLES / "begroting-en-jaarverslag", root, ignore=shutil.ignore_patterns("site"))
    assert read_value_file(load_project(root).config) is None
