"""The user guide in docs/ stays complete and correct.

Every config key, CLI command and option, and workbook column has its own place in the guide; names the guide
documents must still exist; and the examples the guide gives (verantwoord.yaml, CSV, YAML) really load.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import textwrap
from decimal import Decimal
from pathlib import Path

import click
import jinja2
import jinja2.nodes
import pytest
import yaml
from click.testing import CliRunner
from PIL import Image as Pillow

from tests.pagetext import page_lines
from tests.test_cli import replace_examples
from verantwoord.build.contrast import failing_pairs
from verantwoord.build.images import FORMATS
from verantwoord.build.markdown import DECORATIVE
from verantwoord.cli import main
from verantwoord.config import KEYS, OPTIONS, read_config
from verantwoord.errors import InvalidProject, Location, Problems, Severity
from verantwoord.export.cells import NO_FIGURE_MARKERS, NOT_YET_KNOWN, NOT_YET_KNOWN_MARKERS, CellError, parse_figure
from verantwoord.export.records import (
    INDICATOR_COLUMNS,
    INDICATOR_SHEET,
    KIND_WORDS,
    POLARITY_WORDS,
    VALUE_COLUMNS,
    VALUE_SHEET,
)
from verantwoord.model import NoFigure, Number, Range, parse_period
from verantwoord.project import Project, load_project
from verantwoord.publish import build_project
from verantwoord.scaffold import TEXT_ROWS, create_project
from verantwoord.yamlfile import load_yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXAMPLE = ROOT / "examples" / "amersfoort-2020"
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$", re.MULTILINE)
_EXAMPLE = re.compile(r"<!-- voorbeeld: (\S+) -->\s*```[\w-]*\n(.*?)\n```", re.DOTALL)


def read_doc(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def sections(text: str, level: int) -> dict[str, str]:
    """Heading text -> the text under it, up to the next heading of the same or a higher level."""
    headings = [m for m in _HEADING.finditer(_without_code(text)) if len(m.group(1)) <= level]
    found = {}
    for index, match in enumerate(headings):
        if len(match.group(1)) != level:
            continue
        end = headings[index + 1].start() if index + 1 < len(headings) else len(text)
        found[match.group(2)] = text[match.end() : end]
    return found


def headings(text: str, level: int) -> list[str]:
    return [m.group(2) for m in _HEADING.finditer(_without_code(text)) if len(m.group(1)) == level]


def _without_code(text: str) -> str:
    """The text with fenced code blocks blanked out (same length), so '# comment' lines are no headings."""
    return re.sub(r"```.*?```", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.DOTALL)


def backticked(heading: str) -> list[str]:
    return re.findall(r"`([^`]+)`", heading)


def examples(name: str) -> dict[str, str]:
    """The code blocks a guide page marks with <!-- voorbeeld: NAME -->, by name."""
    return {m.group(1): m.group(2) + "\n" for m in _EXAMPLE.finditer(read_doc(name))}


# (a) verantwoord.yaml: every key in configuratie.md


def test_every_config_key_has_its_own_heading_in_configuratie() -> None:
    documented = {key for heading in headings(read_doc("configuratie.md"), 3) for key in backticked(heading)}
    missing = [option.key for option in OPTIONS if option.key not in documented]
    assert not missing, (
        f"docs/configuratie.md does not document these keys of verantwoord.yaml: {', '.join(missing)}. "
        "Give each its own heading, like: ### `document.soort`"
    )


def test_configuratie_documents_no_keys_that_do_not_exist() -> None:
    options = sections(read_doc("configuratie.md"), 2)["Alle instellingen"]
    documented = {key for heading in headings(options, 3) for key in backticked(heading)}
    stale = sorted(documented - KEYS)
    assert not stale, f"docs/configuratie.md documents keys that verantwoord.yaml does not have: {', '.join(stale)}"


def test_full_config_example_uses_every_key_and_loads(tmp_path: Path) -> None:
    (tmp_path / "verantwoord.yaml").write_text(examples("configuratie.md")["verantwoord.yaml"], encoding="utf-8")
    settings = dict(_dotted_keys(load_yaml(tmp_path / "verantwoord.yaml", Problems())))
    used = set(settings)
    assert used == KEYS, (
        "the full example in docs/configuratie.md should use every key exactly as verantwoord.yaml knows it; "
        f"missing: {', '.join(sorted(KEYS - used)) or '-'}; unknown: {', '.join(sorted(used - KEYS)) or '-'}"
    )
    # The files and folders the example names, so that it can load.
    shutil.copytree(EXAMPLE / "tekst", tmp_path / str(settings["tekst"]))
    _write_csv_export(tmp_path / str(settings["export.bestand"]))
    _write_csv_export(tmp_path / str(settings["export.vorige"]))
    (tmp_path / str(settings["thema.map"])).mkdir()
    (tmp_path / str(settings["thema.map"]) / "thema.css").write_text("", encoding="utf-8")
    (tmp_path / str(settings["thema.logo"])).write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    project = load_example(tmp_path, "the full verantwoord.yaml in docs/configuratie.md")
    assert project.config.organisation == "Gemeente Amersfoort"
    assert [d.title for d in project.documents] == ["Programmabegroting 2024", "Jaarstukken 2022"]


@pytest.mark.parametrize("template", ["base.html", "print.html", "portal.html"])
def test_configuratie_names_the_blocks_of_our_templates(template: str) -> None:
    """A theme that extends our base.html, print.html or portal.html changes their blocks: the guide names them all."""
    ours = (ROOT / "src" / "verantwoord" / "build" / "templates" / template).read_text(encoding="utf-8")
    blocks = {block.name for block in jinja2.Environment().parse(ours).find_all(jinja2.nodes.Block)}
    (named,) = re.findall(rf"De blokken van `{template}` zijn (.*?)\.\s", read_doc("configuratie.md"), re.DOTALL)
    assert {name for name in backticked(named) if re.fullmatch(r"\w+", name)} == blocks


def test_configuratie_s_examples_of_a_themes_base_and_print_html_build(tmp_path: Path) -> None:
    """The guide's examples of a theme's base.html and print.html that change a block of ours work."""
    shutil.copytree(EXAMPLE, tmp_path / "project", ignore=shutil.ignore_patterns("site"))
    (tmp_path / "project" / "thema").mkdir()
    for name in ("base.html", "print.html"):
        (tmp_path / "project" / "thema" / name).write_text(examples("configuratie.md")[name], "utf-8")
    with (tmp_path / "project" / "verantwoord.yaml").open("a", encoding="utf-8") as config:
        config.write("thema:\n  map: thema\n")
    assert load_example(tmp_path / "project", "the theme's templates in docs/configuratie.md", strict=True)
    built = build_project(tmp_path / "project", pdf=True)
    assert list(built.output.glob("*.pdf"))
    html = (tmp_path / "project" / "site" / "index.html").read_text(encoding="utf-8")
    assert '<p class="site-tagline">Samen werken aan de stad</p>' in html
    assert '<li><a href="https://www.voorbeeldstad.nl/privacy">Privacy</a></li>' in html


_YAML_BLOCK = re.compile(r"^( *)```yaml\n(.*?)^\1```", re.DOTALL | re.MULTILINE)
SETTINGS_PAGES = ("configuratie.md", "eerste-project.md", "werkmap.md")
"""The pages whose YAML examples are (parts of) verantwoord.yaml; werkmap.md's indicatoren.yaml is an export."""


def _settings_examples() -> list[tuple[str, str]]:
    """(page and line, YAML) of every verantwoord.yaml example, dedented when the example stands in a list."""
    found = []
    for name in SETTINGS_PAGES:
        text = read_doc(name)
        for match in _YAML_BLOCK.finditer(text):
            if text[: match.start()].rstrip().endswith("<!-- voorbeeld: indicatoren.yaml -->"):
                continue
            indent = len(match.group(1))
            block = "".join(line[indent:] for line in match.group(2).splitlines(keepends=True))
            found.append((f"{name}:{text.count(chr(10), 0, match.start()) + 1}", block))
    return found


@pytest.mark.parametrize(("where", "block"), _settings_examples(), ids=[where for where, _ in _settings_examples()])
def test_every_settings_example_loads_without_errors(tmp_path: Path, where: str, block: str) -> None:
    """Each example, over the settings of the example of Amersfoort (its own groups over the example's), loads:
    a setting the guide shows is one verantwoord reads, written the way it reads it. Warnings may come from the
    example's figures, not shown in the guide (a year of the table without a figure)."""
    merged = yaml.safe_load((EXAMPLE / "verantwoord.yaml").read_text(encoding="utf-8"))
    shown = yaml.safe_load(block)
    assert isinstance(shown, dict), f"the example at docs/{where} is no YAML mapping"
    empty = [key for key, value in _dotted_keys(shown) if value is None]
    assert not empty, f"the example at docs/{where} leaves {', '.join(empty)} empty: a # without quotes?"
    for key, value in shown.items():
        merged[key] = (
            {**merged[key], **value} if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
        )
    root = tmp_path / "project"
    root.mkdir()
    _write(root / "verantwoord.yaml", yaml.safe_dump(merged, allow_unicode=True, sort_keys=False))
    _files_the_settings_name(root, merged)
    load_example(root, f"the example at docs/{where}")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _files_the_settings_name(root: Path, settings: dict) -> None:
    """The texts, exports and theme files the settings name, so that a project with them can load."""
    documents = [settings, *settings.get("documenten", [])]
    for folder in {str(document.get("tekst", "tekst")) for document in documents}:
        shutil.copytree(EXAMPLE / "tekst", root / folder, dirs_exist_ok=True)  # tekst, and tekst/begroting-2024
    export = settings.get("export", {})
    for name in (export.get("bestand", "indicatoren.xlsx"), export.get("vorige")):
        if name is None:
            continue
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".xlsx"):
            shutil.copy(EXAMPLE / "indicatoren.xlsx", root / name)
        elif name.endswith(".yaml"):
            _write(root / name, examples("werkmap.md")["indicatoren.yaml"])
        else:
            _write_csv_export(root / name)
    theme = settings.get("thema", {})
    if "map" in theme:
        (root / theme["map"]).mkdir()
    if "logo" in theme:
        _write(root / theme["logo"], '<svg xmlns="http://www.w3.org/2000/svg"/>')


def test_every_notation_of_the_export_time_in_configuratie_is_read(tmp_path: Path) -> None:
    """The guide offers a few ways to write the moment of the export: each of them is read."""
    section = sections(read_doc("configuratie.md"), 3)["`export.tijd`"]
    written = [text for text in backticked(section) if text[:1].isdigit()]
    assert len(written) >= 3, "the section `export.tijd` in docs/configuratie.md shows no notations"
    (tmp_path / "indicatoren.xlsx").write_bytes(b"")
    wrong = []
    for text in written:
        config = f"document:\n  soort: jaarverslag\n  jaar: 2020\n  organisatie: X\nexport:\n  tijd: {text}\n"
        _write(tmp_path / "verantwoord.yaml", config)
        problems = Problems()
        read = read_config(tmp_path, problems)
        if read is None or read.export_time is None or problems:
            wrong.append(f"{text}: {' '.join(str(p) for p in problems)}")
    assert not wrong, f"docs/configuratie.md, export.tijd: these notations are not read: {'; '.join(wrong)}"


def test_every_column_in_the_table_of_tabel_kolommen_is_one(tmp_path: Path) -> None:
    """Each way of writing a column that the table of `tabel.kolommen` shows, is a column verantwoord reads."""
    rows = _table(sections(read_doc("configuratie.md"), 3)["`tabel.kolommen`"])
    columns = [column for written, _ in rows for column in backticked(written)]
    (tmp_path / "indicatoren.xlsx").write_bytes(b"")
    refused = []
    for column in columns:
        shown = f"laatste meting, {column}" if column.startswith("reeks ") else column  # after a figure, as it must
        config = f"document:\n  soort: jaarverslag\n  jaar: 2020\n  organisatie: X\ntabel:\n  kolommen: [{shown}]\n"
        _write(tmp_path / "verantwoord.yaml", config)
        problems = Problems()
        read_config(tmp_path, problems)
        refused += [str(problem) for problem in problems.errors]
    assert not refused, f"docs/configuratie.md, tabel.kolommen: {'; '.join(refused)}"


def _dotted_keys(data: object, prefix: str = "") -> list[tuple[str, object]]:
    """(dotted key, value) for every setting in a parsed verantwoord.yaml."""
    found = []
    for key, value in dict(data).items():  # type: ignore[call-overload]
        if isinstance(value, dict) and f"{prefix}{key}" not in KEYS:  # `paragrafen` is one key, holding groups
            found.extend(_dotted_keys(value, f"{prefix}{key}."))
        else:
            found.append((f"{prefix}{key}", value))
    return found


# (b) the CLI: every command and option in opdrachten.md


def _command_sections() -> dict[str, str]:
    found = {}
    for heading, body in sections(read_doc("opdrachten.md"), 2).items():
        for name in backticked(heading):
            if name.startswith("verantwoord "):
                found[name.removeprefix("verantwoord ")] = body
    return found


def test_every_command_has_its_own_section_in_opdrachten() -> None:
    documented = _command_sections()
    missing = [name for name in main.commands if name not in documented]
    assert not missing, (
        f"docs/opdrachten.md has no section for these commands: {', '.join(missing)}. "
        "Give each its own heading, like: ## `verantwoord build`"
    )


def test_opdrachten_documents_no_commands_that_do_not_exist() -> None:
    stale = sorted(set(_command_sections()) - set(main.commands))
    assert not stale, f"docs/opdrachten.md documents commands that do not exist: {', '.join(stale)}"


def test_every_option_and_argument_is_documented_under_its_command() -> None:
    documented = _command_sections()
    missing = []
    for name, command in main.commands.items():
        section = documented.get(name, "")
        for param in command.params:
            if isinstance(param, click.Option):
                missing += [f"{name} {opt}" for opt in param.opts + param.secondary_opts if f"`{opt}`" not in section]
            elif param.human_readable_name not in section:
                missing.append(f"{name} {param.human_readable_name}")
    assert not missing, (
        "docs/opdrachten.md does not document these options and arguments in the section of their command: "
        f"{'; '.join(missing)}. Write each option as code, like `--strict`, under ## `verantwoord <command>`."
    )


def test_opdrachten_documents_no_options_that_do_not_exist() -> None:
    stale = []
    for name, section in _command_sections().items():
        command = main.commands.get(name)
        if command is None:
            continue
        options = {opt for param in command.params for opt in param.opts + param.secondary_opts}
        for heading in headings(section, 3):
            stale += [f"{name} {opt}" for opt in backticked(heading) if opt.startswith("-") and opt not in options]
    assert not stale, f"docs/opdrachten.md documents options that do not exist: {'; '.join(stale)}"


def test_global_options_are_documented() -> None:
    text = read_doc("opdrachten.md")
    help_option = main.get_help_option(click.Context(main))
    options = [opt for param in main.params for opt in param.opts + param.secondary_opts]
    options += help_option.opts if help_option else []
    missing = [opt for opt in options if f"`{opt}`" not in text]
    assert not missing, f"docs/opdrachten.md does not document these options of verantwoord: {', '.join(missing)}"


def test_the_files_of_verantwoord_new_are_the_ones_the_guide_lists(tmp_path: Path) -> None:
    """The tree in the first project's step 2, and the list under `verantwoord new`."""
    made = sorted(p.relative_to(tmp_path).as_posix() for p in create_project(tmp_path, 2024).rglob("*") if p.is_file())
    tree = sections(read_doc("eerste-project.md"), 2)["2. Een project maken"]
    listed, folder = [], ""
    for indent, name in re.findall(r"^(\S*?\s*)[├└]── (\S+)", tree, re.MULTILINE):
        folder = "" if len(indent) < 4 else folder
        if name.endswith("/"):
            folder = name
        else:
            listed.append(folder + name)
    assert sorted(listed) == made, f"docs/eerste-project.md shows {listed}; verantwoord new makes {made}"
    command = _command_sections()["new"]
    missing = [name for name in made if f"`{name}`" not in command]
    assert not missing, f"docs/opdrachten.md, verantwoord new, does not name what it makes: {', '.join(missing)}"


def test_what_check_says_is_what_the_guide_quotes(tmp_path: Path) -> None:
    """The reference quotes check on the example of Amersfoort ("In orde: 1 paragraaf, 5 indicatoren."); the first
    project's guide quoted that too, where a project made with `new`, its example texts replaced, says "1 indicator"."""
    said = {}
    for name, project in (("opdrachten.md", EXAMPLE), ("eerste-project.md", tmp_path / "jaarverslag-2024")):
        if name == "eerste-project.md":
            assert CliRunner().invoke(main, ["new", str(project)]).exit_code == 0
            replace_examples(project)
        result = CliRunner().invoke(main, ["check", str(project)])
        assert result.exit_code == 0, result.output
        said[name] = result.output.strip()
        assert f"```text\n{said[name]}\n```" in read_doc(name), f"docs/{name} does not quote what check says: {said}"
    assert said["eerste-project.md"] == "In orde: 1 paragraaf, 1 indicator."


def test_what_build_says_is_what_the_guide_quotes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both guides quote build's lines; with --out it names another web server than serve, which has no --out and
    shows the folder of 'uitvoer'. The times differ from run to run, and the folder is the guide's Windows one."""
    monkeypatch.chdir(tmp_path)
    project = Path("jaarverslag-2024")
    assert CliRunner().invoke(main, ["new", str(project)]).exit_code == 0
    replace_examples(project)

    def quoted(text: str) -> str:
        return re.sub(r"\(\d+,\d+ s\)", "(… s)", text)

    for guides, options in (
        (("eerste-project.md", "opdrachten.md"), []),
        (("opdrachten.md",), ["--out", "publiceren/jaarverslag-2024"]),
    ):
        result = CliRunner().invoke(main, ["build", str(project), *options])
        assert result.exit_code == 0, result.output
        said = result.output.strip().replace(
            str((project / "site").resolve()), r"C:\Users\u123\Documents\jaarverslag-2024\site"
        )
        for guide in guides:
            assert f"```text\n{quoted(said)}\n```" in quoted(read_doc(guide)), f"docs/{guide} does not quote: {said}"


def test_the_images_the_guide_shows_are_published_as_it_says(tmp_path: Path) -> None:
    """The example text with a captioned and a decorative image loads without a word, and the formats and the mark
    for decoration the guide names are the ones verantwoord knows."""
    guide = read_doc("eerste-project.md")
    (written,) = re.findall(r"Soorten: ([^.]+)\.", guide)
    assert re.split(r", | en ", written) == [{"WEBP": "WebP"}.get(kind, kind) for kind in FORMATS]
    assert f"zet dan een streepje: `![{DECORATIVE}](" in guide
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    # Within a list, so indented: `examples` reads blocks at the margin.
    (block,) = re.findall(r"<!-- voorbeeld: afbeeldingen -->\n *```markdown\n(.*?)\n *```", guide, re.DOTALL)
    text = textwrap.dedent(block) + "\n"
    for name in re.findall(r"\]\(([^)\s]+)", text):
        (project / "tekst" / name).parent.mkdir(exist_ok=True)
        Pillow.new("RGB", (40, 30)).save(project / "tekst" / name)
    (project / "tekst" / "4.1.md").write_text(f"# Bestuur en dienstverlening\n\n{text}", encoding="utf-8")
    built = build_project(project, tmp_path / "site", pdf=False, strict=True)
    page = (built.output / "4-bestuur-en-dienstverlening/4-1-bestuur-en-dienstverlening/index.html").read_text()
    assert "<figcaption>Nieuwe woningen per wijk, 2020</figcaption>" in page and page.count("<img ") == 2


def test_the_links_the_first_project_shows_lead_where_they_say(tmp_path: Path) -> None:
    """Step 4 told how to make a link to a website and not to an indicator: a user who wrote (#kcc-bereikbaarheid)
    was warned, and the way (#ind-…) stood only under `verantwoord check`. The example, in 4.1 of Amersfoort, loads
    without a warning, and each link it holds is one of the kinds the step names."""
    guide = sections(read_doc("eerste-project.md"), 2)["4. De teksten schrijven"]
    (block,) = re.findall(r"<!-- voorbeeld: links -->\n *```markdown\n(.*?)\n *```", guide, re.DOTALL)
    text = textwrap.dedent(block) + "\n"
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        assert f"`{target.split('#')[0] or target[:5]}`" in guide, f"step 4 does not explain the link {target}"
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    (project / "tekst" / "4.1.md").write_text(f"# Bestuur en dienstverlening\n\n{text}", encoding="utf-8")
    load_example(project, "the links of step 4 in docs/eerste-project.md", strict=True)
    mistaken = text.replace("(#ind-", "(#")
    (project / "tekst" / "4.1.md").write_text(f"# Bestuur en dienstverlening\n\n{mistaken}", encoding="utf-8")
    (warning,) = load_project(project).problems
    assert "#ind-kcc-bereikbaarheid" in warning.hint


# (c) the workbook: every column of both sheets in werkmap.md, with whether it is required


@pytest.mark.parametrize(("sheet", "columns"), [(INDICATOR_SHEET, INDICATOR_COLUMNS), (VALUE_SHEET, VALUE_COLUMNS)])
def test_every_column_has_its_own_heading_in_werkmap(sheet: str, columns) -> None:
    section = sections(read_doc("werkmap.md"), 2).get(f"Blad {sheet}")
    assert section is not None, f"docs/werkmap.md has no section '## Blad {sheet}'"
    documented = {}
    for heading in headings(section, 3):
        for name in backticked(heading):
            documented[name] = heading
    missing = [column.name for column in columns if column.name not in documented]
    assert not missing, (
        f"docs/werkmap.md does not document these columns of the sheet {sheet}: {', '.join(missing)}. "
        f"Give each its own heading under '## Blad {sheet}', like: ### `id` (verplicht)"
    )
    wrong = [
        f"{column.name} should say {'(verplicht)' if column.required else '(niet verplicht)'}"
        for column in columns
        if ("(verplicht)" in documented[column.name]) != column.required
    ]
    assert not wrong, f"docs/werkmap.md, sheet {sheet}: {'; '.join(wrong)}"
    stale = sorted(set(documented) - {column.name for column in columns})
    assert not stale, f"docs/werkmap.md documents columns that the sheet {sheet} does not have: {', '.join(stale)}"


@pytest.mark.parametrize(
    ("what", "words"),
    [
        ("soort", KIND_WORDS),
        ("polariteit", POLARITY_WORDS),
        ("geen cijfer", NO_FIGURE_MARKERS),
        ("nog niet bekend", NOT_YET_KNOWN_MARKERS),
    ],
)
def test_every_accepted_word_is_in_werkmap(what: str, words) -> None:
    text = read_doc("werkmap.md")
    missing = [word for word in words if word and f"`{word}`" not in text]
    assert not missing, f"docs/werkmap.md does not list these accepted words for {what}: {', '.join(missing)}"


def test_the_rows_typed_as_text_in_the_template_are_as_many_as_the_guide_says() -> None:
    said = f"de eerste {TEXT_ROWS} regels"
    missing = [name for name in ("eerste-project.md", "werkmap.md") if said not in " ".join(read_doc(name).split())]
    assert not missing, f"these pages do not say that the template has {said} typed as text: {', '.join(missing)}"


def _table(section: str, heading: bool = False) -> list[list[str]]:
    """The rows of the first Markdown table in `section`, each a list of its cells; the heading row too if asked."""
    lines = section.splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith("|"))
    rows = itertools.takewhile(lambda line: line.startswith("|"), lines[start + 2 :])
    rows = [lines[start], *rows] if heading else rows
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


def _number(text: str) -> Decimal:
    return Decimal(text.replace("−", "-").replace(",", "."))


def test_every_notation_of_a_value_in_werkmap_is_read_as_it_says() -> None:
    """The table 'Hoe een waarde wordt gelezen': what each notation is read as, or that it is refused."""
    wrong = []
    for written, read, _ in _table(sections(read_doc("werkmap.md"), 2)["Hoe een waarde wordt gelezen"]):
        cells = backticked(written) + ([""] if written.startswith("leeg") else [])
        numbers = re.findall(r"[−-]?\d+(?:,\d+)?", read)
        for index, cell in enumerate(cells):
            try:
                figure, _ = parse_figure(cell)
            except CellError:
                figure = None
            if "**fout**" in read:
                expected: object = None
            elif read.startswith("geen cijfer"):
                expected = NoFigure(NOT_YET_KNOWN if "nog niet bekend" in read else None)
            elif read.startswith("bereik"):
                expected = Range(_number(numbers[0]), _number(numbers[1]))
            else:
                expected = Number(_number(numbers[index if len(numbers) == len(cells) else 0]))
            if figure != expected:
                wrong.append(f"'{cell}' is read as {figure}, not {expected} ({read})")
    assert not wrong, "docs/werkmap.md, Hoe een waarde wordt gelezen: " + "; ".join(wrong)


def test_every_notation_of_a_period_in_werkmap_is_read_as_it_says() -> None:
    """The table under 'Perioden': each notation in a row is one period, of the years the row names."""
    wrong = []
    for written, meaning in _table(sections(read_doc("werkmap.md"), 2)["Perioden"]):
        periods = {parse_period(cell) for cell in backticked(written)}
        years = sorted({int(year) for year in re.findall(r"\d{4}", meaning)})
        if len(periods) != 1 or {(p.start.year, p.end.year) for p in periods} != {(years[0], years[-1])}:
            wrong.append(f"{written} is read as {', '.join(p.label for p in periods)}, not {meaning}")
    assert not wrong, "docs/werkmap.md, Perioden: " + "; ".join(wrong)


def test_the_table_werkmap_shows_is_the_one_the_example_gets(tmp_path: Path) -> None:
    """'Wat de tabel op de website toont' shows the table of kcc-bereikbaarheid in the example of Amersfoort."""
    rows = _table(sections(read_doc("werkmap.md"), 2)["Wat de tabel op de website toont"], heading=True)
    shown = [cell.strip("*") for row in rows for cell in row if cell]
    build_project(EXAMPLE, tmp_path / "site")
    page = next((tmp_path / "site").glob("4-*/4-1-*/index.html")).read_text(encoding="utf-8")
    table = page[page.index('id="ind-kcc-bereikbaarheid"') :]
    table = table[table.index("<table") : table.index("</table>")]
    assert page_lines(table)[1:] == shown, "docs/werkmap.md shows another table than the example's kcc-bereikbaarheid"


def test_csv_example_loads_without_problems(tmp_path: Path) -> None:
    _project_with_export(tmp_path, "export")
    _write_csv_export(tmp_path / "export")
    load_example(tmp_path, "the CSV example in docs/werkmap.md", strict=True)


def test_yaml_example_loads_without_problems(tmp_path: Path) -> None:
    _project_with_export(tmp_path, "indicatoren.yaml")
    (tmp_path / "indicatoren.yaml").write_text(examples("werkmap.md")["indicatoren.yaml"], encoding="utf-8")
    project = load_example(tmp_path, "the YAML example in docs/werkmap.md", strict=True)
    assert [i.id for i in project.document.indicators()] == ["kcc-tevredenheid"]


def load_example(root: Path, what: str, strict: bool = False) -> Project:
    """The project at `root`; the test fails naming every problem (errors, and warnings when strict)."""
    try:
        return load_project(root, strict=strict)
    except InvalidProject as error:
        problems = [p for p in error.problems if strict or p.severity is Severity.ERROR]
    pytest.fail(f"{what} does not load: " + " ".join(str(problem) for problem in problems))


def _project_with_export(root: Path, export: str) -> None:
    shutil.copytree(EXAMPLE / "tekst", root / "tekst")
    config = (EXAMPLE / "verantwoord.yaml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^  bestand: .*$", f"  bestand: {export}\n  tijd: 25-05-2021 13:50:49", config)
    (root / "verantwoord.yaml").write_text(config, encoding="utf-8")


def _write_csv_export(folder: Path) -> None:
    found = examples("werkmap.md")
    folder.mkdir()
    for name in ("indicatoren.csv", "waarden.csv"):
        (folder / name).write_text(found[name], encoding="utf-8")


# Links between the pages of the guide


def _anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: "4. De teksten schrijven" -> "4-de-teksten-schrijven"."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def test_links_between_guide_pages_resolve() -> None:
    pages = {path.name: path.read_text(encoding="utf-8") for path in DOCS.glob("*.md")}
    anchors = {
        name: {_anchor(h) for level in range(1, 7) for h in headings(text, level)} for name, text in pages.items()
    }
    broken = []
    for name, text in pages.items():
        for target in re.findall(r"\]\(([^)\s]+)\)", re.sub(r"`[^`\n]+`", "", _without_code(text))):  # not in `code`
            if re.match(r"[a-z]+:", target):
                continue
            page, _, anchor = target.partition("#")
            page = page or name
            if page not in pages or (anchor and anchor not in anchors[page]):
                broken.append(f"{name} -> {target}")
    assert not broken, f"links in docs/ that lead nowhere: {'; '.join(broken)}"


# (d) metingen.yaml: every key in metingen.md, under the section of its level


METINGEN_SECTIONS = {"": "Bovenaan", "schaal": "Schalen", "indicator": "Indicatoren", "niet-gemeten": "Niet gemeten"}


def test_every_metingen_key_has_its_own_heading_in_metingen() -> None:
    from verantwoord.measure.definitions import KEYS as MEASURE_KEYS

    found = sections(read_doc("metingen.md"), 2)
    missing, stale = [], []
    for group, title in METINGEN_SECTIONS.items():
        assert title in found, f"docs/metingen.md has no section '## {title}'"
        documented = {key for heading in headings(found[title], 3) for key in backticked(heading)}
        names = {key.name for key in MEASURE_KEYS if key.group == group}
        missing += [f"{title}: {name}" for name in sorted(names - documented)]
        stale += [f"{title}: {name}" for name in sorted(documented - names)]
    assert not missing, (
        f"docs/metingen.md does not document these keys of metingen.yaml: {'; '.join(missing)}. "
        "Give each its own heading in the section of its level, like: ### `kanaal`"
    )
    assert not stale, f"docs/metingen.md documents keys that metingen.yaml does not have: {'; '.join(stale)}"


def test_metingen_example_reads_without_problems(tmp_path: Path) -> None:
    from verantwoord.measure.definitions import read_definitions

    (tmp_path / "metingen.yaml").write_text(examples("metingen.md")["metingen.yaml"], encoding="utf-8")
    for name in ("ruw/beoordelingen.csv", "ruw/telefonie/queue_log.2020"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    problems = Problems()
    ids = ["balie-tevredenheid", "formulieren-tevredenheid", "website-tevredenheid", "kcc-bereikbaarheid"]
    definitions = read_definitions(tmp_path, set(ids), problems, "het blad Indicatoren")
    assert definitions is not None, " ".join(str(p) for p in problems)
    assert [d.indicator for d in definitions.indicators] == ids


def test_every_column_of_the_measured_results_is_in_metingen() -> None:
    from verantwoord.measure.results import COLUMNS

    section = sections(read_doc("metingen.md"), 2)["De uitkomsten: `metingen/uitkomsten.csv`"]
    missing = [column for column in COLUMNS if f"`{column}`" not in section]
    assert not missing, f"docs/metingen.md does not explain these columns of the results: {', '.join(missing)}"


def test_every_key_and_kind_of_change_of_diff_json_is_in_opdrachten(tmp_path: Path) -> None:
    """The keys a script reads from `verantwoord diff --json`: of the example against the CSV example of werkmap.md."""
    from verantwoord.diff import ChangeKind

    _write_csv_export(tmp_path / "export")
    result = CliRunner().invoke(main, ["diff", "--json", str(EXAMPLE / "indicatoren.xlsx"), str(tmp_path / "export")])
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    keys = set(data)
    for change in data["wijzigingen"]:
        keys |= set(change)
        for value in change.values():
            keys |= set(value) if isinstance(value, dict) else set()
    section = _command_sections()["diff"]
    missing = sorted(key for key in keys | {kind.value for kind in ChangeKind} if f"`{key}`" not in section)
    assert not missing, f"docs/opdrachten.md, verantwoord diff, does not explain: {', '.join(missing)}"


def test_the_version_is_quoted_as_the_tool_says_it() -> None:
    """The guide said `verantwoord, version 0.1.0`, where the tool says "versie"."""
    said = CliRunner().invoke(main, ["--version"]).output.strip()
    shape = re.sub(r"[0-9][0-9.]*\S*$", "0.1.0", said)
    for name in ("eerste-project.md", "opdrachten.md"):
        assert f"`{shape}`" in read_doc(name), f"docs/{name} does not quote {shape}"


def test_configuratie_s_example_of_a_themes_colours_passes_and_its_warning_is_ours() -> None:
    """The guide's thema.css has enough contrast everywhere, and the warning it shows is the one check gives."""
    ours = (ROOT / "src" / "verantwoord" / "build" / "static" / "verantwoord.css").read_text(encoding="utf-8")
    theme = Location("thema/thema.css")
    assert failing_pairs([(ours, None), (examples("configuratie.md")["thema.css"], theme)]) == []
    (shown,) = re.findall(r"```\n(thema/thema.css, regel 3: .*?)\n```", read_doc("configuratie.md"), re.DOTALL)
    (failure, _) = failing_pairs([(ours, None), ("/* huisstijl */\nbody {\n  color: #777;\n}\n", theme)])
    assert " ".join(shown.split()) == f"{failure.location}: {failure.message} Hint: {failure.hint}"
