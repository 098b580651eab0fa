"""Table layouts of whole projects: what a layout does not show is a warning, and only that."""

import shutil
from pathlib import Path

from verantwoord import load_project

ROOT = Path(__file__).resolve().parents[2]


def _copy(tmp_path: Path, name: str, config: tuple[str, str] | None = None) -> Path:
    project = tmp_path / name
    shutil.copytree(ROOT / "examples" / name, project, ignore=shutil.ignore_patterns("site"))
    if config:
        path = project / "verantwoord.yaml"
        text = path.read_text(encoding="utf-8")
        assert config[0] in text
        path.write_text(text.replace(*config), encoding="utf-8")
    return project


def test_a_series_no_column_shows_is_a_warning_per_value(tmp_path: Path) -> None:
    project = _copy(tmp_path, "jaarverslag-2022-benchmark", ("laatste meting, reeks Nederland,", "laatste meting,"))
    problems = [str(p) for p in load_project(project).problems]
    assert len(problems) == 5
    assert problems[0] == (
        "waarden.csv, regel 3, kolom waarde: de vergelijkingsreeks 'Nederland' (realisatie 2021) staat in geen "
        "kolom van de tabel. "
        "Hint: zet 'reeks Nederland' in 'tabel.kolommen', direct na de kolom met de cijfers, of kies "
        "'tabel.reeksen: rijen'; of verwijder de waarde."
    )


def test_series_as_rows_show_every_series(tmp_path: Path) -> None:
    project = _copy(
        tmp_path, "jaarverslag-2022-benchmark", ("laatste meting, reeks Nederland, bron, periode]", "laatste meting]")
    )
    config = project / "verantwoord.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "  reeksen: rijen\n", encoding="utf-8")
    assert load_project(project).problems == []


def test_a_kind_no_column_shows_is_a_warning_naming_the_column_to_add(tmp_path: Path) -> None:
    project = _copy(
        tmp_path,
        "begroting-2020-verwachting",
        ("kolommen: [realisatie, verwachting 2019, streefwaarde]", "kolommen: [realisatie, streefwaarde]"),
    )
    problems = [str(p) for p in load_project(project).problems]
    assert len(problems) == 5
    assert problems[0] == (
        "waarden.csv, regel 3, kolom periode: de verwachting voor 2019 staat niet in de tabel. Gevonden: '2019'. "
        "Verwacht: een kolom 'verwachting' in 'tabel.kolommen'. "
        "Hint: zet 'verwachting 2019' in 'tabel.kolommen', of verwijder de waarde."
    )


def test_a_section_layout_for_a_section_without_text_is_a_warning(tmp_path: Path) -> None:
    project = _copy(tmp_path, "begroting-2020-verwachting", ('"6.2":', '"6.3":'))
    assert [str(p) for p in load_project(project).problems] == [
        "verantwoord.yaml, regel 15: 'paragrafen' geeft een tabel voor paragraaf 6.3, maar die paragraaf heeft geen "
        "tekst. Hint: kijk of het nummer klopt: het is het nummer van het tekstbestand, zoals 4.1 voor 4.1.md."
    ]


def test_a_section_layout_for_a_chapter_says_it_is_a_chapter(tmp_path: Path) -> None:
    """'paragrafen: "6"' said paragraph 6 had no text, though 6.md was there."""
    project = _copy(tmp_path, "begroting-2020-verwachting", ('"6.2":', '"6":'))
    assert [str(p) for p in load_project(project).problems] == [
        "verantwoord.yaml, regel 15: 'paragrafen' geeft een tabel voor 6, maar dat is een hoofdstuk: alleen paragrafen "
        'hebben indicatoren. Hint: zet de tabel bij elke paragraaf van hoofdstuk 6 die hem nodig heeft, zoals "6.1".'
    ]


def test_a_section_layout_for_a_number_without_any_text_says_so(tmp_path: Path) -> None:
    project = _copy(tmp_path, "begroting-2020-verwachting", ('"6.2":', '"7":'))
    assert [str(p) for p in load_project(project).problems] == [
        "verantwoord.yaml, regel 15: 'paragrafen' geeft een tabel voor paragraaf 7, maar die paragraaf heeft geen "
        "tekst. Hint: kijk of het nummer klopt: het is het nummer van het tekstbestand, zoals 4.1 voor 4.1.md."
    ]
