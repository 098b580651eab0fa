import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verantwoord.errors import Problems
from verantwoord.export.texts import read_texts


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_numbers_from_file_names_titles_from_headings_in_numeric_order(tmp_path: Path) -> None:
    folder = _write(
        tmp_path / "tekst",
        {
            "4.md": "# Bestuur en dienstverlening\n",
            "4.10 Laatste.md": "# Laatste\n\nTekst.\n",
            "4.2.md": "\n# 4.2 Tweede\nTekst\n",
            "notities.txt": "geen markdown",
        },
    )
    problems = Problems()
    texts = read_texts(folder, problems)
    assert not problems
    assert [(t.number, t.title) for t in texts] == [
        ("4", "Bestuur en dienstverlening"),
        ("4.2", "Tweede"),
        ("4.10", "Laatste"),
    ]
    assert texts[2].body == "Tekst.\n"


def test_hidden_files_beside_the_texts_are_left_alone(tmp_path: Path) -> None:
    """A Mac writes ._4.1.md (binary) beside 4.1.md on a shared or USB drive; Explorer does not show it, and the
    build stopped on its name."""
    folder = _write(tmp_path / "tekst", {"4.1.md": "# Eén\n", ".#4.1.md": "lock"})
    (folder / "._4.1.md").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")
    problems = Problems()
    assert [t.number for t in read_texts(folder, problems)] == ["4.1"]
    assert not problems


def test_a_place_in_the_body_is_named_by_its_line_in_the_file(tmp_path: Path) -> None:
    folder = _write(tmp_path / "tekst", {"4.1.md": "\n# 4.1 Eén\n\n\nEerste alinea.\n\nZie [x](../y/).\n"})
    (text,) = read_texts(folder, Problems())
    assert text.body_line == 5
    assert text.line_at(text.body.index("](../y/")) == 7
    assert text.line_at(0) == 5


def test_problems_name_the_file_and_line(tmp_path: Path) -> None:
    folder = _write(tmp_path / "tekst", {"inleiding.md": "# Inleiding\n", "5.md": "\nGeen kop\n", "6.md": "# Zes\n",
                                         "6 Dubbel.md": "# Zes\n"})  # fmt: skip
    problems = Problems()
    read_texts(folder, problems)
    messages = [str(p) for p in problems]
    assert messages[0].startswith("tekst/5.md, regel 2: het bestand begint niet met een kop")
    assert messages[1].startswith("tekst/6.md: er is al een tekst voor 6: tekst/6 Dubbel.md")
    assert messages[2].startswith("tekst/inleiding.md: de bestandsnaam begint niet met het nummer")


@pytest.mark.parametrize("first", ["## Bestuur", "#Bestuur"])
def test_a_title_that_is_almost_a_heading_is_told_how_to_write_it(tmp_path: Path, first: str) -> None:
    """The guide says: a # and a space before the title. '## Bestuur' or '#Bestuur' was only "no heading"."""
    folder = _write(tmp_path / "tekst", {"4.md": f"{first}\n\nTekst.\n"})
    problems = Problems()
    read_texts(folder, problems)
    assert [str(p) for p in problems] == [
        "tekst/4.md, regel 1: het bestand begint niet met een kop die de titel geeft. Gevonden: "
        f"'{first}'. Verwacht: een eerste regel zoals '# Bestuur en dienstverlening'. Hint: zet voor de titel "
        "één hekje (#) en een spatie."
    ]


@given(
    number=st.sampled_from(["4", "4.1", "4.10", "12.3"]),
    heading=st.text(alphabet=st.sampled_from(list("4.1023 \tA\u00a0\u2003b")), max_size=12),
)
def test_the_number_comes_off_a_title_as_the_pattern_took_it(number: str, heading: str) -> None:
    """The string tests that replaced `re.sub(r"^4\\.1\\.?\\s+", "", ...)` give the same title for any heading."""
    from verantwoord.export.texts import _without_number

    expected = re.sub(rf"^{re.escape(number)}\.?\s+", "", number + heading).strip()
    assert _without_number(number + heading, number) == expected
    assert _without_number(heading, number) == re.sub(rf"^{re.escape(number)}\.?\s+", "", heading).strip()
