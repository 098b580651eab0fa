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


def test_a_heading_with_another_number_than_the_file_is_a_warning_at_its_line(tmp_path: Path) -> None:
    """`# 4.2 Financien` in 4.1.md (a section renumbered, its heading not) was published as '4.1 4.2 Financien' at
    4-1-4-2-financien/ without a word. The file's own number comes off the title, as the guide says; a count or an
    amount at the start of a title is no number of a chapter or section."""
    folder = _write(
        tmp_path / "tekst",
        {
            "4.md": "# 4 Bestuur\n",
            "4.1.md": "# 4.2 Financien\n\nTekst.\n",
            "4.3.md": "\n# 4.3. Veiligheid\n",
            "4.4.md": "# 4.4.1 Wonen\n",
            "4.5.md": "# 3 decentralisaties\n",
            "4.6.md": "# 1.000 woningen erbij\n",
            "5.md": "\n\n# 6. Financiën\n",
        },
    )
    problems = Problems()
    texts = read_texts(folder, problems)
    assert [t.title for t in texts] == [
        "Bestuur",
        "4.2 Financien",
        "Veiligheid",
        "4.4.1 Wonen",
        "3 decentralisaties",
        "1.000 woningen erbij",
        "6. Financiën",
    ]
    assert [str(p) for p in problems] == [
        "tekst/4.1.md, regel 1: de kop begint met het nummer 4.2, maar het nummer komt uit de bestandsnaam (4.1): op "
        "de website staat '4.1 4.2 Financien', ook in het adres van de pagina. Hint: haal het nummer uit de kop, of "
        "hernoem het bestand naar 4.2.md als dit paragraaf 4.2 is.",
        "tekst/4.4.md, regel 1: de kop begint met het nummer 4.4.1, maar het nummer komt uit de bestandsnaam (4.4): "
        "op de website staat '4.4 4.4.1 Wonen', ook in het adres van de pagina. Hint: haal het nummer uit de kop.",
        "tekst/5.md, regel 3: de kop begint met het nummer 6, maar het nummer komt uit de bestandsnaam (5): op de "
        "website staat '5. 6. Financiën', ook in het adres van de pagina. Hint: haal het nummer uit de kop, of "
        "hernoem het bestand naar 6.md als dit hoofdstuk 6 is.",
    ]


def test_control_characters_in_a_text_are_left_out_with_a_warning(tmp_path: Path) -> None:
    """An escape or a form feed pasted into a text reached the page as it was, which the HTML validator refuses; a
    vertical tab (Word's line break) parts its words with a space."""
    folder = _write(tmp_path / "tekst", {"4.md": "# Bestuur\x1b\n\nEen\x0btwee.\n\nDrie\x9b.\x7f\n\n\x0c\n"})
    problems = Problems()
    (text,) = read_texts(folder, problems)
    assert (text.title, text.body) == ("Bestuur", "Een twee.\n\nDrie.\n")
    assert [str(p) for p in problems] == [
        "tekst/4.md, regel 1: de tekst bevat stuurtekens die niet te zien zijn (U+001B, U+000B, U+009B, U+007F en "
        "U+000C): verantwoord laat ze weg. Ook op regel 3, 5 en 7. Hint: haal het weg waar de tekst vandaan komt; het "
        "komt mee met tekst uit een ander programma."
    ]


def test_a_noncharacter_in_a_text_is_left_out_with_a_warning(tmp_path: Path) -> None:
    """U+FFFE (a byte order mark read the wrong way round) and U+FFFF reached the page, which the HTML validator
    refuses as a noncharacter."""
    folder = _write(tmp_path / "tekst", {"4.md": "# Bestuur\n\nEen\ufffe twee\uffff.\n"})
    problems = Problems()
    (text,) = read_texts(folder, problems)
    assert text.body == "Een twee.\n"
    assert [str(p) for p in problems] == [
        "tekst/4.md, regel 3: de tekst bevat stuurtekens die niet te zien zijn (U+FFFE en U+FFFF): verantwoord laat ze "
        "weg. Hint: haal het weg waar de tekst vandaan komt; het komt mee met tekst uit een ander programma."
    ]
