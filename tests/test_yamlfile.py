"""Reading YAML: every problem with its line, and no value that YAML 1.1 would quietly turn into another."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from verantwoord.errors import Problems
from verantwoord.yamlfile import load_yaml


def _load(tmp_path: Path, text: str) -> tuple[object, list[str]]:
    path = tmp_path / "verantwoord.yaml"
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    return load_yaml(path, problems), [str(problem) for problem in problems]


def test_a_date_that_does_not_exist_is_reported_at_its_line(tmp_path: Path) -> None:
    """It ended every command with a traceback (ValueError: day is out of range for month)."""
    data, problems = _load(
        tmp_path, "export:\n  bestand: indicatoren.xlsx\n  tijd: 2021-02-29 13:50:49\nvan: 2020-06-31\n"
    )
    assert problems == [
        "verantwoord.yaml, regel 3: '2021-02-29 13:50:49' is geen bestaande datum.",
        "verantwoord.yaml, regel 4: '2020-06-31' is geen bestaande datum.",
    ]
    assert data == {"export": {"bestand": "indicatoren.xlsx", "tijd": "2021-02-29 13:50:49"}, "van": "2020-06-31"}


def test_dates_and_numbers_that_exist_are_read_as_before(tmp_path: Path) -> None:
    data, problems = _load(tmp_path, "a: 2021-02-28\nb: 2021-05-27 12:23:59\nc: 12\nd: -1_000\ne: 7.5\nf: 1.0e+3\n")
    assert problems == []
    assert data == {
        "a": date(2021, 2, 28),
        "b": datetime(2021, 5, 27, 12, 23, 59),
        "c": 12,
        "d": -1000,
        "e": 7.5,
        "f": 1000.0,
    }


def test_a_time_like_figure_stays_text_instead_of_a_number_in_base_60(tmp_path: Path) -> None:
    """YAML 1.1 reads 4:30 as 270: a waiting time of four and a half minutes would be published as 270."""
    data, problems = _load(tmp_path, "waarde: 4:30\nander: 1:02:03.5\n")
    assert problems == []
    assert data == {"waarde": "4:30", "ander": "1:02:03.5"}


def test_an_empty_file_says_so(tmp_path: Path) -> None:
    """An empty verantwoord.yaml gave only "De invoer is niet in orde: 0 waarschuwingen (strikte modus)"."""
    for text in ("", "# alleen commentaar\n"):
        assert _load(tmp_path, text) == (
            None,
            ["verantwoord.yaml, regel 1: het bestand is leeg (of er staat alleen commentaar in)."],
        )


def test_a_value_that_yaml_reads_as_a_comment_is_named(tmp_path: Path) -> None:
    """`kleur: #154273` left the colour at its default without a word: after ': ' a # starts a comment."""
    path = tmp_path / "verantwoord.yaml"
    path.write_text('thema:\n  kleur: #154273\r\n  geen-cijfer: #\n  logo: # ons logo\n  map: "#thema"\n', "utf-8")
    problems = Problems()
    assert load_yaml(path, problems) == {"thema": {"kleur": None, "geen-cijfer": None, "logo": None, "map": "#thema"}}
    assert [str(p) for p in problems] == [
        "verantwoord.yaml, regel 2: de waarde van 'kleur' begint met # en is daardoor commentaar: 'kleur' is leeg. "
        "Gevonden: '#154273'. Hint: zet de waarde tussen aanhalingstekens: kleur: \"#154273\".",
        "verantwoord.yaml, regel 3: de waarde van 'geen-cijfer' begint met # en is daardoor commentaar: 'geen-cijfer' "
        "is leeg. Gevonden: '#'. Hint: zet de waarde tussen aanhalingstekens: geen-cijfer: \"#\".",
    ]


def test_mistakes_in_metingen_yaml_are_named_in_dutch(tmp_path: Path) -> None:
    """`bestanden: *.csv` (a pattern, as the guide allows) said "expected alphabetic or numeric character, but found
    '.'", a key indented a space too little "expected <block end>, but found '<block mapping start>'": PyYAML's
    English, which a data owner cannot act on."""
    quote = "een waarde die met {} begint, hoort tussen aanhalingstekens"
    indented = "deze regel staat niet even ver ingesprongen als de regels ervoor"
    cases = {
        "indicatoren:\n  a:\n    bestanden: *.csv\n": (3, quote.format("'*'")),
        "indicatoren:\n  a:\n    bestanden: *csv\n": (3, quote.format("'*'")),
        "a:\n  reden: &.x\n": (2, quote.format("'&'")),
        "a:\n  kanaal: @balie\n": (2, quote.format("'@'")),
        "a:\n  kanaal: `balie`\n": (2, quote.format("'`'")),
        "a:\n  reden: !stuk\n": (2, quote.format("'!'")),
        "a:\n  reden: |zuil kapot\n": (2, quote.format("'|' of '>'")),
        "a:\n  b:\n    soort: x\n   kanaal: balie\n": (4, indented),
        "a:\n  wachtrijen: [kcc, burgerzaken\n  binnen: 25\n": (2, "een lijst die met '[' begint, sluit niet met ']'"),
        "a:\n  b: {soort: smileys, zeer-tevreden: 1\n": (2, "een groep die met '{' begint, sluit niet met '}'"),
    }
    for text, (line, message) in cases.items():
        data, problems = _load(tmp_path, text)
        assert data is None
        assert [problem.split(". Hint: ")[0] for problem in problems] == [
            f"verantwoord.yaml, regel {line}: dit is geen geldige YAML: {message}"
        ], text


def test_a_value_that_begins_with_an_apostrophe_is_named_at_its_line(tmp_path: Path) -> None:
    """`organisatie: 's-Hertogenbosch` opens a text between single quotes that never closes: the error named "regel 10"
    of a file of nine lines ("het bestand houdt op midden in een tekst tussen aanhalingstekens"), and its hint did
    not say that the apostrophe was the cause. Closed by an apostrophe further on, it was "deze regel staat niet even
    ver ingesprongen" at that later line. The same reader reads metingen.yaml and a YAML export."""
    message = (
        "dit is geen geldige YAML: een waarde die met een apostrof (') begint, leest YAML als tekst tussen enkele "
        "aanhalingstekens, en die sluit op deze regel niet. Hint: zet een waarde die met een apostrof begint tussen "
        "dubbele aanhalingstekens: "
    )
    config = (
        "document:\n  soort: jaarverslag\n  jaar: 2020\n  organisatie: 's-Hertogenbosch\nexport:\n"
        "  bestand: indicatoren.xlsx\ntabel:\n  realisatie: 2016-2020\n  streefwaarde: 2020\n"
    )
    cases = {
        ("verantwoord.yaml", config): (4, 'organisatie: "\'s-Hertogenbosch".'),
        ("verantwoord.yaml", config.replace("indicatoren.xlsx", "'indicatoren.xlsx'")): (
            4,
            'organisatie: "\'s-Hertogenbosch".',
        ),
        ("verantwoord.yaml", "document:\r\n  organisatie: 's-Gravenhage  # de stad\r\n  titel: Gemeente's jaar\r\n"): (
            2,
            'organisatie: "\'s-Gravenhage".',
        ),
        ("metingen.yaml", "indicatoren:\n  a:\n    locaties:\n      - stadhuis\n      - 's-Hertogenbosch\n"): (
            5,
            '- "\'s-Hertogenbosch".',
        ),
    }
    for (name, text), (line, hint) in cases.items():
        path = tmp_path / name
        path.write_bytes(text.encode())
        problems = Problems()
        assert load_yaml(path, problems) is None
        assert [str(p) for p in problems] == [f"{name}, regel {line}: {message}{hint}"], text
    path = tmp_path / "indicatoren.yaml"
    path.write_text("indicatoren:\n  - id: a\n    bron: 's-Hertogenbosch\n    titel: A\n", encoding="utf-8")
    problems = Problems()
    assert load_yaml(path, problems, numbers_as_written=True) is None
    assert [str(p) for p in problems] == [f'indicatoren.yaml, regel 3: {message}bron: "\'s-Hertogenbosch".']


def test_a_value_that_opens_a_double_quote_and_does_not_close_it_is_named_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "verantwoord.yaml"
    path.write_text('document:\n  titel: "Jaarverslag 2020: terugblik\n  jaar: 2020\n', encoding="utf-8")
    problems = Problems()
    assert load_yaml(path, problems) is None
    assert [str(p) for p in problems] == [
        'verantwoord.yaml, regel 2: dit is geen geldige YAML: deze waarde begint met een aanhalingsteken ("), maar '
        'sluit er niet mee. Hint: zet ook aan het eind van de waarde een aanhalingsteken ("), op dezelfde regel.'
    ]


def test_a_file_notepad_saved_as_ansi_names_the_word_and_how_to_save_it(tmp_path: Path) -> None:
    """It said 'byte 0xE9' where the CSV reader names the word ('café') and how it was saved."""
    path = tmp_path / "verantwoord.yaml"
    path.write_bytes("organisatie: Gemeente Zuid\ntitel: Jaarverslag van het café 2024\n".encode("cp1252"))
    problems = Problems()
    assert load_yaml(path, problems) is None
    assert [str(problem) for problem in problems] == [
        "verantwoord.yaml, regel 2: het bestand is geen UTF-8 maar waarschijnlijk Windows-1252, zoals Kladblok een "
        "bestand met codering 'ANSI' opslaat. Gevonden: 'café (byte 0xE9)'. Verwacht: tekst in UTF-8. Hint: sla het "
        "bestand op als UTF-8 (in Kladblok: Opslaan als, Codering: UTF-8)."
    ]


def test_a_file_notepad_saved_as_unicode_is_read(tmp_path: Path) -> None:
    """Notepad's 'Unicode' (UTF-16) was 'waarschijnlijk Windows-1252, byte 0xFF', where a Markdown text or CSV file
    saved so is read."""
    path = tmp_path / "verantwoord.yaml"
    for encoding in ("utf-16", "utf-16-le"):
        path.write_bytes("organisatie: Gemeente Zuid\ntitel: Jaarverslag café\n".encode(encoding))
        problems = Problems()
        assert load_yaml(path, problems) == {"organisatie": "Gemeente Zuid", "titel": "Jaarverslag café"}
        assert not problems


def test_a_control_character_or_noncharacter_is_left_out_with_a_warning_at_its_line(tmp_path: Path) -> None:
    """An escape pasted into verantwoord.yaml stopped check with a traceback ('ReaderError: unacceptable character
    #x001b'), and U+FFFE too; a Markdown text, and an export's texts, lose them with a warning at their line."""
    data, problems = _load(
        tmp_path, "document:\n  organisatie: Gemeente\x1b Zuid\n  titel: Jaarverslag\ufffe 2024\x0bdeel 1\n"
    )
    assert problems == [
        "verantwoord.yaml, regel 2: de tekst bevat stuurtekens die niet te zien zijn (U+001B, U+FFFE en U+000B): "
        "verantwoord laat ze weg. Ook op regel 3. Hint: haal het weg waar de tekst vandaan komt; het komt mee met "
        "tekst uit een ander programma."
    ]
    assert data == {"document": {"organisatie": "Gemeente Zuid", "titel": "Jaarverslag 2024 deel 1"}}
