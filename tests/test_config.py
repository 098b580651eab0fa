from pathlib import Path

import pytest

from verantwoord.config import read_config
from verantwoord.errors import Problems, ProjectNotFound
from verantwoord.model import DocumentKind, Period


def _config(tmp_path: Path, text: str) -> tuple[object, Problems]:
    (tmp_path / "verantwoord.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "indicatoren.xlsx").write_bytes(b"")
    problems = Problems()
    return read_config(tmp_path, problems), problems


MINIMAL = "document:\n  soort: jaarverslag\n  jaar: 2020\n  organisatie: Gemeente X\n"


def test_defaults(tmp_path: Path) -> None:
    config, problems = _config(tmp_path, MINIMAL)
    assert not problems
    assert config.kind is DocumentKind.JAARVERSLAG
    assert config.title == "Jaarverslag 2020"
    assert config.realised_years == tuple(Period.of_year(y) for y in range(2016, 2021))
    assert config.target_years == (Period.of_year(2020),)
    assert config.output_dir == tmp_path / "site"
    assert config.datetime_format == "dd-MM-yyyy HH:mm:ss"
    assert config.export_time is None


def test_years_and_export_time(tmp_path: Path) -> None:
    config, problems = _config(
        tmp_path,
        MINIMAL + "tabel:\n  realisatie: [2018, 2020-2021]\n  streefwaarde: [2024, 2027]\n"
        "export:\n  tijd: 25-05-2021 13:50:49\n",
    )
    assert not problems
    assert [p.year for p in config.realised_years] == [2018, 2020, 2021]
    assert [p.year for p in config.target_years] == [2024, 2027]
    assert config.export_time.isoformat() == "2021-05-25T13:50:49+02:00"


def test_unknown_key_suggests_the_right_one_with_its_line(tmp_path: Path) -> None:
    config, problems = _config(tmp_path, MINIMAL + "tabel:\n  realisatie: 2016-2020\n  streefwaarden: 2020\n")
    assert config is not None  # returned with defaults, so the export is still checked in the same run
    assert [str(p) for p in problems] == [
        "verantwoord.yaml, regel 7: onbekende instelling 'tabel.streefwaarden'. Hint: bedoelt u 'tabel.streefwaarde'?"
    ]


def test_every_problem_at_once(tmp_path: Path) -> None:
    config, problems = _config(
        tmp_path, "document:\n  soort: jaarrekening\n  jaar: twintig\ntaal: fr\ndatumformaat: 'qqqq'\n"
    )
    assert config is None
    messages = "\n".join(str(p) for p in problems)
    assert "regel 2: 'document.soort' is geen bekende documentsoort" in messages
    assert "regel 3: 'document.jaar' is geen jaartal" in messages
    assert "'document.organisatie' ontbreekt" in messages
    assert "regel 4: 'taal' is geen ondersteunde taal" in messages


def test_duplicate_keys_are_reported(tmp_path: Path) -> None:
    _, problems = _config(tmp_path, MINIMAL + "taal: nl\ntaal: en\n")
    assert "de sleutel 'taal' staat twee keer" in str(problems[0])


def test_no_project(tmp_path: Path) -> None:
    with pytest.raises(ProjectNotFound):
        read_config(tmp_path, Problems())


def test_a_dotted_key_written_flat_is_reported_not_ignored(tmp_path: Path) -> None:
    _, problems = _config(tmp_path, MINIMAL + "tabel.realisatie: 2019-2020\n")
    assert problems.errors
    assert [str(p) for p in problems] == [
        "verantwoord.yaml, regel 5: 'tabel.realisatie' staat als één sleutel; verantwoord leest die als groep "
        "met een sleutel erin. Hint: schrijf 'tabel:' op een regel en daaronder, ingesprongen, 'realisatie: …'."
    ]


def test_a_misspelt_group_suggests_the_group(tmp_path: Path) -> None:
    _, problems = _config(tmp_path, MINIMAL + "tabell:\n  realisatie: 2019-2020\n")
    assert str(problems[0]).endswith("Hint: bedoelt u 'tabel'?")


def test_default_title_follows_the_language(tmp_path: Path) -> None:
    config, _ = _config(tmp_path, MINIMAL + "taal: en\n")
    assert config.title == "Annual report 2020"
