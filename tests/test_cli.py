"""The command line: every command through click's runner, with exit codes and messages."""

import functools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from tests.conftest import VALUES, TestProject
from verantwoord import __version__, cli_dutch, load_project
from verantwoord.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "amersfoort-2020"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


@pytest.mark.parametrize("command", [[], ["new"], ["check"], ["build"], ["serve"], ["measure"], ["diff"]])
def test_every_command_has_help(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Gebruik:" in result.output and "Opties:" in result.output
    # Click names a value by its type ("INTEGER RANGE", "DIRECTORY") unless told otherwise.
    for english in ("INTEGER", "RANGE", "DIRECTORY", "PORT ", "OLD", "NEW", "default", "TEXT", "PATH", "<=x<="):
        assert english not in result.output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["diff"], "Fout: Ontbrekend argument 'OUD'."),
        (["build", "--bogus"], "Fout: Onbekende optie '--bogus'. Bedoelt u '--out'?"),
        (["bouw"], "Fout: Onbekende opdracht 'bouw'. Bedoelt u 'build'?"),  # in Dutch: Click found no look-alike
        (["Controleer", "."], "Fout: Onbekende opdracht 'Controleer'. Bedoelt u 'check'?"),
        (["bild"], "Fout: Onbekende opdracht 'bild'. Bedoelt u 'build'?"),
        (["maken"], "Fout: Onbekende opdracht 'maken'."),
        (["new", "x", "--jaar", "tachtig"], "Fout: Ongeldige waarde voor '--jaar': 'tachtig' is geen geheel getal."),
        (
            ["new", "x", "--jaar", "1800"],
            "Fout: Ongeldige waarde voor '--jaar': 1800 ligt niet in het bereik van 1904 tot en met 2200.",
        ),
        (["diff", "a", "b", "c"], "Fout: Onverwacht extra argument (c)"),
        (["serve", "--port"], "Fout: De optie '--port' heeft een waarde nodig."),
    ],
)
def test_a_mistyped_command_is_answered_in_dutch(runner: CliRunner, arguments: list[str], message: str) -> None:
    """Click's own messages were English between the Dutch ones: "Error: Missing argument 'OUD'."."""
    result = runner.invoke(main, arguments, prog_name="verantwoord")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == message
    assert "Usage" not in result.output and "Error" not in result.output


def test_click_still_has_every_message_that_is_translated() -> None:
    """A message a later Click writes otherwise would be English again without a word."""
    import click

    source = "".join(
        (Path(click.__file__).parent / f"{name}.py").read_text(encoding="utf-8") for name in cli_dutch.CLICK_MODULES
    )
    english = [*cli_dutch.MESSAGES, *(text for pair in cli_dutch.PLURAL_MESSAGES for text in pair)]
    assert [text for text in english if f'"{text}"' not in source] == []


def test_new_then_check_then_build(runner: CliRunner, tmp_path: Path) -> None:
    project = tmp_path / "jaarverslag"
    result = runner.invoke(main, ["new", str(project), "--jaar", "2024"])
    assert result.exit_code == 0, result.output
    assert {p.name for p in project.iterdir()} == {"verantwoord.yaml", "tekst", "indicatoren.xlsx"}
    result = runner.invoke(main, ["check", str(project)])
    assert result.exit_code == 0, result.output
    assert "In orde: 1 paragraaf, 1 indicator, 5 waarschuwingen." in result.output
    result = runner.invoke(main, ["build", str(project)])
    assert result.exit_code == 0, result.output
    assert (project / "site" / "1-bestuur-en-dienstverlening" / "1-1-dienstverlening" / "index.html").exists()


def test_the_example_texts_of_new_are_a_warning_until_replaced(runner: CliRunner, tmp_path: Path) -> None:
    """A project made with `new` passed check and build --strict with 'Gemeente Voorbeeld' on every page, the example
    indicator ("Vervang deze voorbeeldindicator …") and the texts' "Schrijf hier …" published. The accessibility
    statement it writes has parts for the organisation to fill in: published as they were, they are no statement."""
    project = tmp_path / "jaarverslag"
    runner.invoke(main, ["new", str(project), "--jaar", "2024"])
    problems = [str(p) for p in load_project(project).problems]
    assert problems == [
        "verantwoord.yaml, regel 5: 'document.organisatie' is nog 'Gemeente Voorbeeld', zoals 'verantwoord new' het "
        "schreef: zo komt het op elke pagina. Hint: zet hier de naam van uw organisatie, zoals Gemeente Amersfoort.",
        "tekst/toegankelijkheid.md, regel 16: de toegankelijkheidsverklaring heeft nog 4 delen om aan te vullen "
        "(regels 16, 20, 28 en 32). Hint: vul ze in en haal 'Aanvullen:' weg; toegankelijkheidsverklaring.nl zegt "
        "wat erin hoort.",
        "tekst/1.md, regel 3: hier staat nog de voorbeeldtekst van 'verantwoord new'. Gevonden: 'Hier komt de "
        "inleiding van het hoofdstuk.'. Hint: vervang de voorbeeldtekst door uw eigen tekst.",
        "tekst/1.1.md, regel 3: hier staat nog de voorbeeldtekst van 'verantwoord new'. Gevonden: 'Schrijf hier de "
        "tekst van de paragraaf'. Hint: vervang de voorbeeldtekst door uw eigen tekst.",
        "indicatoren.xlsx, blad Indicatoren, cel A2: de indicator 'tevredenheid-balie' is nog de voorbeeldindicator "
        "van 'verantwoord new'. Hint: vervang hem door uw eigen indicatoren, en zijn waarden in het blad Waarden ook.",
    ]
    assert runner.invoke(main, ["build", "--strict", str(project)]).exit_code == 1
    replace_examples(project)
    assert load_project(project).problems == []


def replace_examples(project: Path) -> None:
    """What a user writes in place of the example texts of `new`."""
    from openpyxl import load_workbook

    config = project / "verantwoord.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("Gemeente Voorbeeld", "Gemeente Oosterwold"), "utf-8")
    (project / "tekst" / "1.md").write_text("# Bestuur en dienstverlening\n\nDe inleiding.\n", encoding="utf-8")
    (project / "tekst" / "1.1.md").write_text("# Dienstverlening\n\nWat we bereikten.\n", encoding="utf-8")
    statement = project / "tekst" / "toegankelijkheid.md"
    statement.write_text(
        statement.read_text(encoding="utf-8").replace("**Aanvullen:**", "Ingevuld door de gemeente:"), encoding="utf-8"
    )
    workbook = load_workbook(project / "indicatoren.xlsx")
    sheet = workbook["Indicatoren"]
    column = next(cell.column for cell in sheet[1] if cell.value == "toelichting")
    sheet.cell(row=2, column=column, value="Gemeten in het klanttevredenheidsonderzoek.")
    workbook.save(project / "indicatoren.xlsx")


def test_new_template_explains_every_column_in_dutch(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from verantwoord.export.records import INDICATOR_COLUMNS, VALUE_COLUMNS
    from verantwoord.scaffold import create_project

    workbook = load_workbook(create_project(tmp_path / "p", 2024) / "indicatoren.xlsx")
    assert workbook.sheetnames == ["Indicatoren", "Waarden", "Uitleg"]
    explained = {row[1] for row in workbook["Uitleg"].iter_rows(min_row=2, values_only=True) if row[1]}
    assert explained == {c.name for c in (*INDICATOR_COLUMNS, *VALUE_COLUMNS)}
    guide = " ".join(
        row[3] for row in workbook["Uitleg"].iter_rows(min_row=2, values_only=True) if not row[1] and row[3]
    )
    for how_to in ("kolom reeks", "kolom tekst", "bereik", "voetnoot", "reden", "tabel"):
        assert how_to in guide, f"the Uitleg sheet does not say how to enter: {how_to}"
    # It said 'letters, cijfers, punten, streepjes' where an id may hold _ too and no space ('kcc tevredenheid').
    (id_help,) = [row[3] for row in workbook["Uitleg"].iter_rows(values_only=True) if row[1] == "id"]
    assert "liggende streepjes (_), zonder spaties" in id_help


@pytest.mark.parametrize(("sheet", "column"), [("Waarden", "soort"), ("Indicatoren", "polariteit")])
def test_the_template_offers_the_words_of_soort_and_polariteit_in_a_list(
    tmp_path: Path, sheet: str, column: str
) -> None:
    """The template's cells for soort and polariteit were free text: a user in Excel had no list to pick from and
    learnt the words from the sheet Uitleg or from check. Each of the rows typed as text has a drop-down list with a
    word for every meaning verantwoord reads; the other words it reads ('streefcijfer', 'hoger') Excel still allows."""
    from openpyxl import load_workbook

    from verantwoord.export.records import KIND_WORDS, POLARITY_WORDS
    from verantwoord.scaffold import TEXT_ROWS, create_project

    words = {"soort": KIND_WORDS, "polariteit": POLARITY_WORDS}[column]
    worksheet = load_workbook(create_project(tmp_path / "p", 2024) / "indicatoren.xlsx")[sheet]
    letter = next(cell.column_letter for cell in worksheet[1] if cell.value == column)
    (choices,) = [v for v in worksheet.data_validations.dataValidation if f"{letter}2" in v.sqref]
    assert choices.type == "list" and not choices.showErrorMessage and not choices.showDropDown
    assert str(choices.sqref) == f"{letter}2:{letter}{TEXT_ROWS}"
    offered = choices.formula1.strip('"').split(",")
    assert sorted({words[word] for word in offered}) == sorted(set(words.values()))
    assert len(offered) == len(set(words.values()))


def test_text_in_place_of_a_figure_entered_as_the_uitleg_sheet_says_gets_no_warning(tmp_path: Path) -> None:
    """The sheet Uitleg gave 'Gegevens nog niet bekend' as a text in the column tekst beside a figure that 'mag in
    waarde blijven staan'; so entered, check warned that the reader sees no figure where the chart and open data use
    one. Each text of its note, entered with a figure or without as the note says, now loads without a word."""
    from openpyxl import load_workbook

    from verantwoord.scaffold import create_project

    project = create_project(tmp_path / "p", 2024)
    replace_examples(project)
    workbook = load_workbook(project / "indicatoren.xlsx")
    (note,) = [row[3] for row in workbook["Uitleg"].iter_rows(values_only=True) if row[3] and "kolom tekst" in row[3]]
    with_figure, _, without = note.partition("Is er nog geen cijfer")
    (texts,) = re.findall(r"\((.+)\): zet de tekst in de kolom tekst; het getal mag in waarde", with_figure)
    # The figure the text names stays in waarde; a text that names none keeps a figure there, as the note allowed.
    rows = [(text, next(iter(re.findall(r"\d+(?:,\d+)?", text)), "80")) for text in texts.split(" of ")]
    for text in re.findall(r"^ \((.+?)\)", without):
        rows += [(text, waarde) for waarde in [*re.findall(r"typ dan (\S+?) in waarde", without), None]]
    sheet = workbook["Waarden"]
    for year, (text, waarde) in enumerate(rows, start=2020):
        sheet.append(["tevredenheid-balie", str(year), "streefwaarde", waarde, text])
    workbook.save(project / "indicatoren.xlsx")
    config = project / "verantwoord.yaml"
    config.write_text(
        re.sub(r"streefwaarde: .*", "streefwaarde: [2020, 2021, 2022, 2023, 2024]", config.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    assert [str(p) for p in load_project(project).problems] == []


def test_new_refuses_a_folder_with_files(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "iets.txt").write_text("x")
    result = runner.invoke(main, ["new", str(tmp_path)])
    assert result.exit_code == 1
    assert "niet leeg" in result.output


def test_build_with_out(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", str(EXAMPLE), "--out", str(tmp_path / "uit")])
    assert result.exit_code == 0, result.output
    assert "5 pagina’s" in result.output
    assert (tmp_path / "uit" / "index.html").exists()
    # serve would show the project's own output folder, not this one
    assert "verantwoord serve" not in result.output
    assert "python -m http.server --directory" in " ".join(result.output.split())


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_ci_log_with_colours_gets_no_progress_bar_or_spinner(tmp_path: Path, command: str) -> None:
    """FORCE_COLOR, set in many CI pipelines for coloured logs, made rich draw its progress bar and spinner into the
    log file: each redraw a carriage return and cursor codes, kilobytes of junk above the first message."""
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    environment = {**os.environ, "FORCE_COLOR": "1", "CI": "true"}
    environment.pop("TTY_INTERACTIVE", None)
    done = subprocess.run(
        [sys.executable, "-m", "verantwoord", command, str(project)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "\r" not in done.stderr and "\x1b[?25l" not in done.stderr and "\x1b[2K" not in done.stderr, done.stderr
    assert "\x1b[32m" in done.stdout  # the colours asked for stay


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        (["build", "--json", "{project}"], 0),
        (["build", "{project}"], 0),
        (["check", "--json", "{project}"], 0),
        (["build", "--json", "{project}", "--out", "/proc/verantwoord-site"], 3),
    ],
)
@pytest.mark.parametrize("closed", ["stdout", "stdout and stderr"])
def test_output_whose_reader_went_away_keeps_the_exit_code(
    tmp_path: Path, arguments: list[str], code: int, closed: str
) -> None:
    """A pipeline's 'verantwoord build --json | head -c 2000' ended in exit code 1, input with errors, with the site
    built: Click ends so when the reader of the output has gone (EPIPE), and the municipality was asked to mend input
    that was in order. The command ends as it would have; what it had to say goes nowhere."""
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    read, write = os.pipe()
    os.close(read)  # gone before the command writes a word
    try:
        done = subprocess.run(
            [sys.executable, "-m", "verantwoord", *(argument.format(project=project) for argument in arguments)],
            stdout=write,
            stderr=write if closed == "stdout and stderr" else subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write)
    assert done.returncode == code, done.stderr
    assert not done.stderr or "Traceback" not in done.stderr
    assert (project / "site" / "index.html").exists() == (arguments[0] == "build" and code == 0)


RUN_AND_LIST_MODULES = """
import json, runpy, sys
modules, sys.argv = sys.argv[1], ["verantwoord", *sys.argv[2:]]
try:
    runpy.run_module("verantwoord", run_name="__main__")
finally:
    with open(modules, "w") as file:
        json.dump(sorted(sys.modules), file)
"""

NOT_FOR_THE_SITE = {"weasyprint", "pikepdf", "duckdb", "urllib.request"}
"""Imported by the PDF's process alone (pikepdf takes a tenth of a second to import, WeasyPrint more), DuckDB by
`measure` alone, and urllib.request (with http, email and ssl) by none."""


@pytest.mark.parametrize(
    ("command", "not_imported"),
    [
        (["--help"], {"verantwoord.project", "jinja2", "babel"}),
        (["check", "{project}"], {"verantwoord.build.site", "jinja2", "multiprocessing"}),
        (["build", "{project}"], set()),
    ],
)
def test_a_command_imports_only_what_it_needs(tmp_path: Path, command: list[str], not_imported: set[str]) -> None:
    """A P&C advisor runs check after every edit, and a host builds dozens of small documents in a row: there the
    imports are most of the time a command takes. urllib.request (with http, email and ssl) came with
    xml.sax.saxutils, for one escape of the sitemap; check without a theme renders nothing, and needs neither the
    site builder (Jinja) nor the PDF's processes."""
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    arguments = [argument.format(project=project) for argument in command]
    modules = tmp_path / "modules.json"
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, str(modules), *arguments], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert (not_imported | NOT_FOR_THE_SITE) & set(json.loads(modules.read_text())) == set()


def test_build_counts_its_warnings_and_prints_each_on_one_line(runner: CliRunner, tmp_path: Path) -> None:
    """The warnings scrolled out of sight above "Gebouwd: 5 pagina’s", which did not say there were any; into a
    pipe rich wrapped each at 80 columns, so grep found half a message."""
    project = tmp_path / "p"
    runner.invoke(main, ["new", str(project), "--jaar", "2024"])
    result = runner.invoke(main, ["build", str(project)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split(":")[0] for line in lines[:5]] == ["waarschuwing"] * 5, lines  # no empty line above them
    assert "verantwoord.yaml" in lines[0] and "Gemeente Voorbeeld" in lines[0] and "Hint:" in lines[0]
    assert lines[5].startswith("Gebouwd: 5 pagina’s in") and lines[5].endswith("s), 5 waarschuwingen")


def test_serve_prints_the_warnings_of_its_first_build_and_then_the_new_ones(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """serve printed "Gebouwd: 5 pagina’s" and no warning at all: a fresh project's example texts went unnoticed."""
    from verantwoord import serve
    from verantwoord.errors import Location, Problem, Severity

    def warning(cell: str) -> Problem:
        return Problem(Severity.WARNING, Location("indicatoren.xlsx", "Indicatoren", cell), "De bron ontbreekt.")

    def fake_serve(project: Path, port: int, on_event) -> None:
        on_event("built", serve.Rebuild(["/"], True, 0.5, 0.25, [warning("G2")]))
        on_event("built", serve.Rebuild(["/1/"], False, 0.1, 0.04, [warning("G2"), warning("G3")]))
        on_event("built", serve.Rebuild(["/1/"], False, 0.1, 0.04, []))
        on_event("built", serve.Rebuild(["/1/"], False, 0.1, 0.04, [warning("G3")]))  # mended, then made again

    monkeypatch.setattr(serve, "serve_project", fake_serve)
    result = runner.invoke(main, ["serve", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "waarschuwing: indicatoren.xlsx, blad Indicatoren, cel G2: De bron ontbreekt.",
        "Gebouwd: 1 pagina in 0,8 s (lezen 0,5 s, schrijven 0,25 s), 1 waarschuwing",
        "waarschuwing: indicatoren.xlsx, blad Indicatoren, cel G3: De bron ontbreekt.",
        "Bijgewerkt: 1 pagina in 0,1 s (lezen 0,1 s, schrijven 0,04 s), 2 waarschuwingen",
        "Bijgewerkt: 1 pagina in 0,1 s (lezen 0,1 s, schrijven 0,04 s)",
        "waarschuwing: indicatoren.xlsx, blad Indicatoren, cel G3: De bron ontbreekt.",
        "Bijgewerkt: 1 pagina in 0,1 s (lezen 0,1 s, schrijven 0,04 s), 1 waarschuwing",
    ]


def test_serve_tells_pages_made_again_apart_from_those_with_only_a_new_footer(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A workbook fixed after an error said 'Bijgewerkt: 5 pagina’s' where only the line about the export changed."""
    from verantwoord import serve

    pages = ["/", "/4/", "/4/4-1/", "/toegankelijkheid/", "/zoeken/"]

    def fake_serve(project: Path, port: int, on_event) -> None:
        on_event("built", serve.Rebuild(pages, False, 0.0, 0.02, [], footers=5))
        on_event("built", serve.Rebuild(pages, False, 0.1, 0.04, [], footers=4))
        on_event("built", serve.Rebuild(pages[:1], False, 0.1, 0.04, [], footers=1))

    monkeypatch.setattr(serve, "serve_project", fake_serve)
    result = runner.invoke(main, ["serve", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Bijgewerkt: alleen de regel over de export onder 5 pagina’s, in 0,0 s (lezen 0,0 s, schrijven 0,02 s)",
        "Bijgewerkt: 1 pagina, en de regel over de export onder nog 4, in 0,1 s (lezen 0,1 s, schrijven 0,04 s)",
        "Bijgewerkt: alleen de regel over de export onder 1 pagina, in 0,1 s (lezen 0,1 s, schrijven 0,04 s)",
    ]


def test_serve_says_once_that_it_waits_for_a_workbook_still_being_saved(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from verantwoord import serve

    def fake_serve(project: Path, port: int, on_event) -> None:
        on_event("changed", ["indicatoren.xlsx"])
        on_event("unfinished", ["indicatoren.xlsx"])
        on_event("built", serve.Rebuild(["/1/"], False, 0.1, 0.04, []))

    monkeypatch.setattr(serve, "serve_project", fake_serve)
    result = runner.invoke(main, ["serve", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Gewijzigd: indicatoren.xlsx",
        "Nog niet helemaal opgeslagen: indicatoren.xlsx. verantwoord leest het opnieuw zodra het klaar is.",
        "Bijgewerkt: 1 pagina in 0,1 s (lezen 0,1 s, schrijven 0,04 s)",
    ]


def test_serve_says_the_previous_version_stays_only_when_there_is_one(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With an error from the start there is no site: "De vorige versie blijft zichtbaar" sent the user looking."""
    from verantwoord import serve
    from verantwoord.errors import InvalidProject, Location, Problem, Severity

    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    failure = InvalidProject([Problem(Severity.ERROR, Location("tekst/4.1.md", line=1), "Geen kop.")])

    def fake_serve(project: Path, port: int, on_event) -> None:
        on_event("failed", failure)
        on_event("built", serve.Rebuild(["/"], True, 0.5, 0.25, []))
        on_event("failed", failure)

    monkeypatch.setattr(serve, "serve_project", fake_serve)
    result = runner.invoke(main, ["serve", str(project)])
    assert result.exit_code == 0, result.output
    summaries = [line for line in result.output.splitlines() if line.startswith("De invoer is niet in orde")]
    assert summaries == [
        "De invoer is niet in orde: 1 fout. Er is niets geschreven. Er is nog geen website om te tonen.",
        "De invoer is niet in orde: 1 fout. Er is niets geschreven. De vorige versie blijft zichtbaar.",
    ]


def test_serve_says_who_it_waits_for(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second serve on the same project said "Wacht op een build naar …" while the first serve held the folder, and
    the user looked for a build that was not there."""
    from verantwoord import serve
    from verantwoord.build.scratch import LockHolder

    folder = tmp_path / "site"

    def fake_serve(project: Path, port: int, on_event) -> None:
        on_event("waiting", (folder, LockHolder("serve", 4321)))
        on_event("waiting", (folder, LockHolder("build", 1234)))
        on_event("waiting", (folder, None))

    monkeypatch.setattr(serve, "serve_project", fake_serve)
    result = runner.invoke(main, ["serve", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"Wacht tot een andere verantwoord serve (proces 4321) klaar is met bijwerken van {folder}; de website wordt "
        "daarna bijgewerkt.",
        f"Wacht op een build naar {folder} (proces 1234); de website wordt bijgewerkt zodra die klaar is.",
        f"Wacht op een build naar {folder}; de website wordt bijgewerkt zodra die klaar is.",
    ]


def test_serve_tells_a_failure_without_input_problems_once(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error that carries its one problem for --json (no project, a theme's template) is its message: told once."""
    from verantwoord import serve
    from verantwoord.errors import ProjectNotFound

    def fake_serve(project: Path, port: int, on_event) -> None:
        on_event("failed", ProjectNotFound(tmp_path / "weg"))

    monkeypatch.setattr(serve, "serve_project", fake_serve)
    result = runner.invoke(main, ["serve", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert result.output.count("Geen project gevonden") == 1, result.output


def test_serve_after_a_failed_rebuild_tells_the_errors_and_only_new_warnings(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed rebuild printed every warning of the project again, those of the build before among them, and the
    error that stopped it stood among them as one of many."""
    from verantwoord import serve
    from verantwoord.errors import InvalidProject, Location, Problem, Severity

    old = Problem(Severity.WARNING, Location("tekst/4.1.md", line=3), "Oud.")
    new = Problem(Severity.WARNING, Location("tekst/4.1.md", line=5), "Nieuw.")
    error = Problem(Severity.ERROR, Location("tekst/4.1.md", line=1), "Geen kop.")

    def fake_serve(project: Path, port: int, on_event) -> None:
        on_event("built", serve.Rebuild(["/"], True, 0.5, 0.25, [old]))
        on_event("failed", InvalidProject([old, error, new]))
        on_event("built", serve.Rebuild(["/4/"], False, 0.1, 0.04, [old, new]))

    monkeypatch.setattr(serve, "serve_project", fake_serve)
    result = runner.invoke(main, ["serve", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "waarschuwing: tekst/4.1.md, regel 3: Oud.",
        "Gebouwd: 1 pagina in 0,8 s (lezen 0,5 s, schrijven 0,25 s), 1 waarschuwing",
        "fout: tekst/4.1.md, regel 1: Geen kop.",
        "waarschuwing: tekst/4.1.md, regel 5: Nieuw.",
        "De invoer is niet in orde: 1 fout. Er is niets geschreven. De vorige versie blijft zichtbaar.",
        "Bijgewerkt: 1 pagina in 0,1 s (lezen 0,1 s, schrijven 0,04 s), 2 waarschuwingen",
    ]


def test_the_serve_hint_quotes_a_path_with_spaces(runner: CliRunner, tmp_path: Path) -> None:
    """ "verantwoord serve Mijn Jaarverslag", copied, gave "Got unexpected extra argument"."""
    project = tmp_path / "Mijn Jaarverslag"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    result = runner.invoke(main, ["build", str(project)])
    assert result.exit_code == 0, result.output
    assert f'verantwoord serve "{project}"' in " ".join(result.output.split())


def test_new_quotes_a_path_with_spaces_and_makes_a_project_check_accepts_in_its_first_year(
    runner: CliRunner, tmp_path: Path
) -> None:
    """'new --jaar 1900' made examples from 1896, which check refused; its hints broke on a path with spaces."""
    project = tmp_path / "Jaarverslag Ûtgong"
    result = runner.invoke(main, ["new", str(project), "--jaar", "1904"])
    assert result.exit_code == 0, result.output
    assert f'verantwoord check "{project}"' in " ".join(result.output.split())
    assert runner.invoke(main, ["check", str(project)]).exit_code == 0
    assert runner.invoke(main, ["new", str(tmp_path / "oud"), "--jaar", "1903"]).exit_code == 2


def test_check_warns_of_an_output_folder_build_will_not_replace(runner: CliRunner, tmp_path: Path) -> None:
    """`uitvoer: tekst` passed check, and build then refused to replace the texts."""
    project = tmp_path / "p"
    runner.invoke(main, ["new", str(project)])
    config = project / "verantwoord.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "uitvoer: tekst\n", encoding="utf-8")
    result = runner.invoke(main, ["check", "--strict", str(project)])
    assert result.exit_code == 1
    assert "bestaat al en is niet door verantwoord gemaakt" in " ".join(result.output.split())
    replace_examples(project)
    elsewhere = runner.invoke(main, ["build", "--strict", str(project), "--out", str(tmp_path / "elders")])
    assert elsewhere.exit_code == 0, elsewhere.output  # --out writes to another folder: nothing to warn about


def test_serve_refuses_a_port_that_does_not_exist(runner: CliRunner) -> None:
    """--port 99999 ended in an OverflowError traceback."""
    result = runner.invoke(main, ["serve", str(EXAMPLE), "--port", "99999"])
    assert result.exit_code == 2
    assert "99999 ligt niet in het bereik van 0 tot en met 65535." in result.output


def test_check_reports_every_problem_and_fails(runner: CliRunner, tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    (project / "tekst" / "4.1.md").unlink()
    result = runner.invoke(main, ["check", str(project)])
    assert result.exit_code == 1
    # All five indicators point to the missing section: all five are reported.
    assert result.output.count("paragraaf 4.1 bestaat niet") == 5
    assert "indicatoren.xlsx, blad Indicatoren, cel B2" in result.output
    # check writes nothing in any case: it does not say it wrote nothing this time.
    assert result.output.rstrip().endswith("Fout: De invoer is niet in orde: 5 fouten.")
    assert "geschreven" not in result.output


def test_strict_fails_on_warnings(runner: CliRunner, tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    config = project / "verantwoord.yaml"
    config.write_text(config.read_text().replace("streefwaarde: 2020", "streefwaarde: 2021"))
    assert runner.invoke(main, ["check", str(project)]).exit_code == 0
    result = runner.invoke(main, ["check", str(project), "--strict"])
    assert result.exit_code == 1
    assert "waarschuwing" in result.output and "strikte modus" in result.output


def test_missing_project_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert "verantwoord.yaml bestaat niet" in result.output
    assert "Hint:" in result.output


@pytest.mark.parametrize("pdf", ["--geen-pdf", "--pdf"])
def test_an_output_folder_that_cannot_be_written_is_a_message_not_a_traceback(runner: CliRunner, pdf: str) -> None:
    """Exit code 3, not the 1 of input with errors: a CI pipeline tells the municipality of its input, the provider of
    a disk or a machine. With the PDF too, whose work folder beside the output is made first: its OSError read as a
    fault in verantwoord, with a traceback and 'Meld dit'."""
    result = runner.invoke(main, ["build", pdf, str(EXAMPLE), "--out", "/proc/verantwoord-site"])
    assert result.exit_code == 3
    assert "kon niet worden geschreven" in result.output and "Hint:" in result.output
    assert "Traceback" not in result.output


def test_a_full_disk_is_told_in_dutch(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'De website kon niet worden geschreven in …: No space left on device': the one English phrase was the cause."""
    import errno

    from verantwoord.build import site

    def full(parent: Path, kind: str) -> Path:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(site, "scratch_folder", full)
    result = runner.invoke(main, ["build", "--json", str(EXAMPLE), "--out", str(tmp_path / "site")])
    assert result.exit_code == 3
    outcome = json.loads(result.stdout)["uitkomst"]
    assert outcome.startswith(f"De website kon niet worden geschreven in {tmp_path / 'site'}: de schijf is vol. ")


def test_an_unexpected_error_is_exit_code_3_with_its_traceback(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fault in verantwoord itself ended in a bare traceback and exit code 1, which a CI pipeline read as errors in
    the municipality's input."""

    def fails(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("verantwoord.publish.build_project", fails)
    result = runner.invoke(main, ["build", str(EXAMPLE), "--out", str(tmp_path / "site")])
    assert result.exit_code == 3, result.output
    assert "Traceback" in result.output and "ZeroDivisionError" in result.output
    last = result.output.rstrip().splitlines()[-1]
    assert last.startswith("Fout: onverwachte fout in verantwoord (ZeroDivisionError: division by zero)"), last
    assert "verantwoord --version" in last


def test_new_refuses_an_impossible_year(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["new", str(tmp_path / "p"), "--jaar", "99999"])
    assert result.exit_code == 2
    assert not (tmp_path / "p").exists()


RENDER_WITH_HANDLERS = """
import time
from verantwoord import cli
from verantwoord.build import site
cli._stop_on_signals()
for _ in range(25):
    site._render_all(lambda index: time.sleep(0.0005), 400, None)
print("klaar")
"""


def test_parallel_rendering_ends_under_the_command_lines_signal_handlers() -> None:
    """Forked render workers inherited the SIGTERM handler; the pool's SIGTERM at its end could then hang a worker."""
    done = subprocess.run([sys.executable, "-c", RENDER_WITH_HANDLERS], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "klaar"
    assert "Exception ignored" not in done.stderr


def test_nohup_keeps_working(tmp_path: Path) -> None:
    """A SIGHUP that was ignored when the command started (nohup) stays ignored."""
    script = (
        "import signal, os\n"
        "from verantwoord import cli\n"
        "cli._stop_on_signals()\n"
        "os.kill(os.getpid(), signal.SIGHUP)\n"
        "print('nog hier')\n"
    )
    done = subprocess.run(["nohup", sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "nog hier" in done.stdout


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_serve_ends_on_a_signal_with_its_exit_code(tmp_path: Path, name: str) -> None:
    """watchfiles, which waits for changes, takes the handler's SystemExit for a Ctrl+C; the exit code stays 128 + n."""
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "verantwoord", "serve", str(project), "--port", str(port)]
    # With the default handler, as from a terminal: tests run under nohup ignore SIGHUP, and so, rightly, would serve.
    default = functools.partial(signal.signal, getattr(signal, name), signal.SIG_DFL)
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=default
    ) as server:
        try:
            for line in server.stdout:
                if "De website staat op" in line:
                    break
            time.sleep(1)  # waiting for changes, in watchfiles
            server.send_signal(getattr(signal, name))
            _, errors = server.communicate(timeout=30)
        finally:
            server.kill()
    assert server.returncode == 128 + getattr(signal, name), errors


HOLD_THE_LOCK = """
import fcntl, sys
with open(sys.argv[1], "a") as lock:
    fcntl.flock(lock, fcntl.LOCK_EX)
    print("vast", flush=True)
    sys.stdin.readline()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="no flock on Windows")
def test_a_build_waits_for_another_build_into_the_same_output(tmp_path: Path) -> None:
    """Two builds into one output folder (two pipelines of one municipality) each swapped in their site, and the last
    to finish won; the one's PDF could land beside the other's site. The second waits, and says so."""
    output = tmp_path / "site"
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, str(tmp_path / ".verantwoord-lock-site")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdout.readline().strip() == "vast"
        command = [sys.executable, "-m", "verantwoord", "build", str(EXAMPLE), "--out", str(output)]
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as build:
            try:
                waiting = build.stderr.readline()
                time.sleep(1)
                assert build.poll() is None and not output.exists()  # it waits, and writes nothing meanwhile
                holder.communicate("klaar\n", timeout=10)
                said, errors = build.communicate(timeout=120)
            finally:
                build.kill()
    assert waiting.startswith(f"Wacht op een andere build naar {output}"), waiting + errors
    assert build.returncode == 0, errors
    assert "Gebouwd: 5 pagina’s" in said and (output / "index.html").is_file()
    assert not (tmp_path / ".verantwoord-lock-site").exists()  # nothing stays beside the site


HOLD_AS_SERVE = """
import sys
from pathlib import Path
from verantwoord.build.scratch import SharedOutputLock
with SharedOutputLock(Path(sys.argv[1])).held():
    print("vast", flush=True)
    sys.stdin.readline()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="no flock on Windows")
def test_a_build_waiting_for_serve_says_so(tmp_path: Path) -> None:
    """It said 'Wacht op een andere build', and a host looked for a build that was not there: `serve` in a terminal
    of the same machine held the folder while it updated the site."""
    output = tmp_path / "site"
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_AS_SERVE, str(output)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as holder:
        assert holder.stdout.readline().strip() == "vast"
        command = [sys.executable, "-m", "verantwoord", "build", str(EXAMPLE), "--out", str(output)]
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as build:
            try:
                waiting = build.stderr.readline()
                holder.communicate("klaar\n", timeout=10)
                _, errors = build.communicate(timeout=120)
            finally:
                build.kill()
    assert waiting.rstrip("\n") == (
        f"Wacht tot verantwoord serve (proces {holder.pid}) klaar is met bijwerken van {output}; deze build bouwt "
        "daarna."
    ), waiting + errors
    assert build.returncode == 0, errors


@pytest.mark.parametrize(("typed", "read"), [("4GB", "4GB"), ("4,5GB", "4.5GB"), ("512 mb", "512MB"), ("2GiB", "2GiB")])
def test_measure_takes_a_memory_size_as_a_dutch_user_types_it(typed: str, read: str) -> None:
    from verantwoord.cli import _memory_size

    assert _memory_size(typed) == read


@pytest.mark.parametrize("typed", ["veel", "0", "1KB", "4,5"])
def test_measure_refuses_a_memory_size_it_cannot_use_with_a_message(runner: CliRunner, typed: str) -> None:
    """ "4,5GB" and "veel" ended in a DuckDB traceback, and 1KB in running out of memory."""
    result = runner.invoke(main, ["measure", str(EXAMPLE), "--geheugen", typed])
    assert result.exit_code == 2
    assert "schrijf bijvoorbeeld 4GB of 4,5GB" in result.output
    assert "Traceback" not in result.output


def test_brackets_in_a_message_are_printed_as_written(runner: CliRunner, tmp_path: Path) -> None:
    """Messages were printed as rich markup: 'Verwacht: bijvoorbeeld [laatste meting, reeks Nederland] of …' lost
    its brackets and what was between them."""
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    config = project / "verantwoord.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "tabel:\n  kolommen: [reeks Nederland]\n", encoding="utf-8")
    result = runner.invoke(main, ["check", str(project)])
    assert result.exit_code == 1
    assert "[laatste meting, reeks Nederland]" in " ".join(result.output.split())


REPORT_KEYS = {
    "opdracht",
    "project",
    "gelukt",
    "exitcode",
    "uitkomst",
    "aantal_fouten",
    "aantal_waarschuwingen",
    "meldingen",
    "uitvoer",
    "aantal_paginas",
    "pdf",
}
PROBLEM_KEYS = {"ernst", "melding", "gevonden", "verwacht", "hint", "tekst", "plaats"}


def broken_project(tmp_path: Path, figure: str = "abc") -> Path:
    """The example with a figure that is not a number (an error) and a link to nowhere (a warning)."""
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    workbook = openpyxl.load_workbook(project / "indicatoren.xlsx")
    workbook["Waarden"]["D3"] = figure
    workbook.save(project / "indicatoren.xlsx")
    with (project / "tekst" / "4.1.md").open("a", encoding="utf-8") as text:
        text.write("\n[kapot](../nergens/)\n")
    return project


@pytest.mark.parametrize("command", ["check", "build"])
def test_the_problems_of_check_and_build_as_json_for_a_merge_request(
    runner: CliRunner, tmp_path: Path, command: str
) -> None:
    """A CI pipeline turns them into a report: each problem with its file, sheet and cell or line. The log still has
    them as text, on stderr, and stdout only the JSON."""
    project = broken_project(tmp_path)
    result = runner.invoke(main, [command, "--json", str(project)])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert set(data) == REPORT_KEYS
    assert (data["opdracht"], data["project"], data["gelukt"], data["exitcode"]) == (command, str(project), False, 1)
    assert data["uitkomst"].startswith("De invoer is niet in orde: 1 fout.")
    assert (data["aantal_fouten"], data["aantal_waarschuwingen"]) == (1, 1)
    assert (data["uitvoer"], data["aantal_paginas"], data["pdf"]) == (None, None, [])
    error, warning = data["meldingen"]
    assert set(error) == set(warning) == PROBLEM_KEYS
    assert error["ernst"] == "fout" and warning["ernst"] == "waarschuwing"
    assert error["melding"] == "'abc' is geen getal." and error["gevonden"] == "abc"
    assert error["verwacht"].startswith("een getal") and error["hint"].startswith("wilt u tekst tonen")
    assert error["plaats"] == {
        "tekst": "indicatoren.xlsx, blad Waarden, cel D3",
        "bestand": "indicatoren.xlsx",
        "blad": "Waarden",
        "cel": "D3",
        "regel": None,
        "kolom": None,
    }
    assert (warning["plaats"]["bestand"], warning["plaats"]["regel"]) == ("tekst/4.1.md", 3)
    assert warning["tekst"].startswith("tekst/4.1.md, regel 3: de link '../nergens/'")
    assert "fout: indicatoren.xlsx, blad Waarden, cel D3" in result.stderr
    assert result.stderr.rstrip().splitlines()[-1].startswith("Fout: De invoer is niet in orde: 1 fout.")


def test_a_build_as_json_names_its_output_and_warnings(runner: CliRunner, tmp_path: Path) -> None:
    project = broken_project(tmp_path, figure="92")
    result = runner.invoke(main, ["build", "--json", str(project), "--out", str(tmp_path / "uit")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["gelukt"], data["exitcode"], data["aantal_fouten"], data["aantal_waarschuwingen"]) == (True, 0, 0, 1)
    assert (data["uitvoer"], data["aantal_paginas"], data["pdf"]) == (str(tmp_path / "uit"), 5, [])
    assert data["uitkomst"].startswith("Gebouwd: 5 pagina’s in ") and data["uitkomst"].endswith("1 waarschuwing")
    assert [problem["ernst"] for problem in data["meldingen"]] == ["waarschuwing"]
    assert "Gebouwd: 5 pagina’s" in result.stderr  # the log keeps its last line


def test_check_as_json_when_all_is_well(runner: CliRunner) -> None:
    result = runner.invoke(main, ["check", "--json", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["gelukt"], data["exitcode"], data["uitkomst"]) == (True, 0, "In orde: 1 paragraaf, 5 indicatoren.")
    assert data["meldingen"] == [] and data["uitvoer"] is None


def test_check_as_json_keeps_the_warnings_told_before_a_theme_template_fails(
    runner: CliRunner, make_project: Callable[..., TestProject]
) -> None:
    """The log showed the project's warnings and then the template's error; the JSON had no warning at all."""
    project = make_project(
        config={"thema": {"map": "huisstijl"}}, extra_files={"huisstijl/thema.css": b""}, write=False
    )
    project.indicators[0]["bron"] = ""
    project.write()
    template = '{% extends "base.html" %}\n{% block main %}\n<h1>{{ page.section.titel }}</h1>\n{% endblock %}\n'
    (project.root / "huisstijl" / "section.html").write_text(template, encoding="utf-8")
    result = runner.invoke(main, ["check", "--json", str(project.root)])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert "waarschuwing:" in result.stderr and "dit sjabloon geeft een fout" in data["uitkomst"]
    assert data["aantal_waarschuwingen"] == len(data["meldingen"]) - 1 == result.stderr.count("waarschuwing:") > 0


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_theme_template_that_fails_is_a_problem_at_its_file_and_line_in_json(
    runner: CliRunner, make_project: Callable[..., TestProject], command: str
) -> None:
    """A pipeline that reports `meldingen` at their place reported nothing: the template's file and line were only in
    `uitkomst`'s text, and `aantal_fouten` was 0 beside exit code 1."""
    project = make_project(config={"thema": {"map": "huisstijl"}}, extra_files={"huisstijl/thema.css": b""})
    template = '{% extends "base.html" %}\n{% block main %}\n{{ 1 / 0 }}\n{% endblock %}\n'
    (project.root / "huisstijl" / "section.html").write_text(template, encoding="utf-8")
    result = runner.invoke(main, [command, "--json", str(project.root)])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert (data["aantal_fouten"], data["aantal_waarschuwingen"]) == (1, 0)
    [problem] = data["meldingen"]
    assert problem["plaats"] == {  # from the project's folder, as every other problem (Jinja names it in full)
        "tekst": "huisstijl/section.html, regel 3",
        "bestand": "huisstijl/section.html",
        "blad": None,
        "cel": None,
        "regel": 3,
        "kolom": None,
    }
    assert problem["ernst"] == "fout" and problem["melding"].startswith("dit sjabloon geeft een fout: hier wordt door")
    assert problem["hint"].startswith("verbeter het sjabloon") and problem["tekst"] == data["uitkomst"]
    assert result.stderr.count("dit sjabloon geeft een fout") == 1  # told once in the log, as before


@pytest.mark.parametrize(
    ("folder", "said"), [("niets", "deze map bestaat niet"), ("leeg", "er staat geen verantwoord")]
)
def test_no_project_is_a_problem_at_the_folder_in_json(
    runner: CliRunner, tmp_path: Path, folder: str, said: str
) -> None:
    (tmp_path / "leeg").mkdir()
    result = runner.invoke(main, ["build", "--json", str(tmp_path / folder)])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["uitkomst"].startswith("Geen project gevonden") and data["aantal_fouten"] == 1
    [problem] = data["meldingen"]
    assert problem["plaats"]["tekst"] == problem["plaats"]["bestand"] == str(tmp_path / folder)
    assert problem["melding"].startswith(f"Geen project gevonden: {said}") and problem["hint"]
    assert result.stderr.count("Geen project gevonden") == 1


@pytest.mark.parametrize(
    ("arguments", "code", "said"),
    [
        (
            ["build", "--json", str(EXAMPLE), "--out", "/proc/verantwoord-site"],
            3,
            "De website kon niet worden geschreven",
        ),
    ],
)
def test_a_failure_without_problems_is_json_too(
    runner: CliRunner, tmp_path: Path, arguments: list[str], code: int, said: str
) -> None:
    """A script reads the JSON whatever went wrong, short of a mistyped command (exit code 2)."""
    result = runner.invoke(main, [argument.format(tmp=tmp_path) for argument in arguments])
    assert result.exit_code == code, result.output
    data = json.loads(result.stdout)
    assert (data["gelukt"], data["exitcode"], data["meldingen"]) == (False, code, [])
    assert data["uitkomst"].startswith(said)
    assert f"Fout: {said}" in result.stderr


@pytest.mark.parametrize(
    ("name", "code", "said"), [("SIGINT", 130, "Afgebroken."), ("SIGTERM", 143, "Gestopt door het signaal SIGTERM.")]
)
def test_a_build_stopped_by_ctrl_c_or_a_signal_says_so_in_json_and_its_exit_code(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, code: int, said: str
) -> None:
    """Ctrl+C (SIGINT) ended with Click's exit code 1, which reads as input with errors, and --json wrote nothing on
    either: a script found no JSON where the manual says there always is."""

    def stopped(*args: object, **kwargs: object) -> None:
        signal.raise_signal(getattr(signal, name))

    monkeypatch.setattr("verantwoord.publish.build_project", stopped)
    result = runner.invoke(main, ["build", "--json", str(EXAMPLE), "--out", str(tmp_path / "site")])
    assert result.exit_code == code, result.output
    data = json.loads(result.stdout)
    assert (data["gelukt"], data["exitcode"], data["uitkomst"]) == (False, code, said)


@pytest.mark.parametrize(
    ("command", "module"),
    [("build", "verantwoord.publish"), ("check", "verantwoord.project"), ("measure", "verantwoord.measure.run")],
)
@pytest.mark.parametrize(("name", "code"), [("SIGINT", 130), ("SIGTERM", 143)])
def test_a_command_stopped_while_it_starts_says_so_in_json(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, command: str, module: str, name: str, code: int
) -> None:
    """Stopped while it imported what it needs (the site builder, DuckDB: the first half second of a small build), a
    command wrote no JSON at all, and a pipeline's script found nothing where the manual says there always is."""
    import builtins

    importing = builtins.__import__

    def stopped(name_: str, *args: object, **kwargs: object) -> object:
        if name_ == module:
            signal.raise_signal(getattr(signal, name))
        return importing(name_, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", stopped)
    result = runner.invoke(main, [command, "--json", str(EXAMPLE)])
    monkeypatch.undo()
    assert result.exit_code == code, result.output
    data = json.loads(result.stdout)
    assert (data["gelukt"], data["exitcode"]) == (False, code)


CONTROL = "\x1b]0;titel\x07\x1b[2J\x9b31m\r"
"""Escape sequences a terminal obeys: set the window's title, clear the screen, an 8-bit CSI, and a carriage return
that lets the rest of a line overwrite its start."""
OBEYED = {character for character in CONTROL if not character.isprintable()}


def test_control_characters_from_the_input_are_shown_not_obeyed_by_the_terminal(
    runner: CliRunner, make_project: Callable[..., TestProject]
) -> None:
    """A series name or file name from the export was printed as it is: its escape sequences cleared the screen or
    coloured the messages after it, and a carriage return could hide a warning behind another text."""
    project = make_project(
        export="csv",
        values=[
            *VALUES,
            {
                "indicator": "kcc-tevredenheid",
                "periode": "2020",
                "soort": "realisatie",
                "waarde": "90",
                "reeks": f"Nederland{CONTROL}",
            },
        ],
    )
    result = runner.invoke(main, ["check", str(project.root)], color=True)
    assert "vergelijkingsreeks 'Nederland" in result.output
    assert not OBEYED & set(result.output)
    missing = runner.invoke(main, ["check", f"{project.root}/nergens{CONTROL}"], color=True)
    assert "nergens" in missing.output
    assert not OBEYED & set(missing.output)


def test_a_code_in_the_input_that_rich_reads_as_an_emoji_is_printed_as_written(
    runner: CliRunner, make_project: Callable[..., TestProject]
) -> None:
    """rich turned ':smile:' in a quoted value into an emoji: the message showed a figure the export does not have."""
    values = [*VALUES, {"indicator": "kcc-tevredenheid", "periode": "2020", "soort": "realisatie", "waarde": ":smile:"}]
    result = runner.invoke(main, ["check", str(make_project(export="csv", values=values).root)])
    assert "':smile:' is geen getal" in " ".join(result.output.split())


def test_control_characters_in_json_are_escaped(runner: CliRunner, make_project: Callable[..., TestProject]) -> None:
    """JSON escapes the C0 control characters, but not 0x80 to 0x9F, which were written as they are: 0x9B starts an
    escape sequence in a terminal that reads them, where someone runs check --json to see what a pipeline sees."""
    # A folder name: the export's texts lose their control characters when read (with a warning), a path does not.
    missing = f"{make_project().root}/nergens{CONTROL}"
    result = runner.invoke(main, ["check", "--json", missing], color=True)
    assert not OBEYED & set(result.stdout)
    assert missing in json.loads(result.stdout)["uitkomst"]
