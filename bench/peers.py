"""The peers: Hugo and MkDocs building the same document from Markdown.

    python bench/peers.py markdown PROJECT TARGET   # write the Markdown of a generated project
    python bench/peers.py install                   # install Hugo (apt) and MkDocs (a venv in bench/.cache/)

The Markdown has what verantwoord's pages have in text and tables: per section page its text and its
indicators, each with its title, unit, a pipe table with the same periods and the same cell texts as
verantwoord's table (verantwoord's own table layout and number formatting make them, so the figures are
identical), the table's notes, a "Bron:" line and a "Toelichting:" paragraph; per chapter page its text and
the links to its sections; the home page with the table of contents. The same Markdown is laid out twice:
content/ for Hugo (with a three-template layout and no theme) and docs/ plus mkdocs.yml for MkDocs (the
default theme and plugins, with a nav of every page in reading order).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tools import Log, Tool, child_env, first_line

BENCH = Path(__file__).resolve().parent
MKDOCS_VERSION = "1.6.1"
MKDOCS_VENV = BENCH / ".cache" / f"mkdocs-{MKDOCS_VERSION}-venv"


# The Markdown.


def markdown_site(project: Path, env: dict[str, str]) -> Path:
    """The Markdown of the project for both peers, generated once and cached beside the project.

    The key is the project's folder name (its parameters and the generator's hash) and a hash of this file.
    It is written by a child process (in `env`, which says where verantwoord is): loading the project takes
    memory that the benchmark must not inherit.
    """
    key = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:10]
    root = project.with_name(f"{project.name}-markdown-{key}")
    if (root / ".bench-markdown.json").exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    command = [sys.executable, __file__, "markdown", str(project), str(root)]
    subprocess.run(command, check=True, env=child_env(env))
    return root


@dataclass(frozen=True)
class Page:
    hugo: str
    """Path under content/."""
    mkdocs: str
    """Path under docs/."""
    title: str
    body: str


def write_markdown(project: Path, root: Path) -> dict[str, int]:
    """Write root/hugo/ and root/mkdocs/ from the verantwoord project; returns what was written."""
    from verantwoord.build.tables import indicator_table
    from verantwoord.build.translations import translator
    from verantwoord.project import load_project

    document = load_project(project).document
    t = translator(document.language)
    pages = [Page("_index.md", "index.md", document.title, _home(document, t))]
    nav: list[object] = [{document.title: "index.md"}]
    tables = 0
    for chapter in document.chapters:
        chapter_title = f"{chapter.number}. {chapter.title}"
        lines = [f"# {chapter_title}", "", chapter.text.strip(), "", f"## {t('sections')}", ""]
        lines += [f"- [{s.number} {s.title}]({s.slug}/)" for s in chapter.sections]
        pages.append(Page(f"{chapter.slug}/_index.md", f"{chapter.slug}/index.md", chapter_title, _join(lines)))
        chapter_nav: list[object] = [{chapter_title: f"{chapter.slug}/index.md"}]
        for section in chapter.sections:
            title = f"{section.number} {section.title}"
            lines = [f"# {title}", "", _demote(section.text.strip()), ""]
            for indicator in section.indicators:
                table = indicator_table(indicator, document.layout_of(section), document.language, t)
                lines += _indicator(indicator, table, t)
                tables += 1
            path = f"{chapter.slug}/{section.slug}.md"
            pages.append(Page(path, path, title, _join(lines)))
            chapter_nav.append({title: path})
        nav.append({chapter_title: chapter_nav})

    staging = root.with_name(root.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    for page in pages:
        text = f"---\ntitle: {json.dumps(page.title, ensure_ascii=False)}\n---\n\n{page.body}"
        for path in (staging / "hugo" / "content" / page.hugo, staging / "mkdocs" / "docs" / page.mkdocs):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
    _hugo_site(staging / "hugo", document)
    _mkdocs_config(staging / "mkdocs", document, nav)
    summary = {"pages": len(pages), "tables": tables}
    (staging / ".bench-markdown.json").write_text(json.dumps(summary) + "\n")
    staging.rename(root)
    return summary


def _home(document, t) -> str:
    lines = [f"# {document.title}", "", t("document_of", title=document.title, organisation=document.organisation)]
    lines += ["", f"## {t('contents')}", ""]
    for chapter in document.chapters:
        lines.append(f"- [{chapter.number}. {chapter.title}]({chapter.slug}/)")
        lines += [f"    - [{s.number} {s.title}]({chapter.slug}/{s.slug}/)" for s in chapter.sections]
    return _join(lines)


def _indicator(indicator, table, t) -> list[str]:
    """An indicator as verantwoord shows it, in Markdown: title, unit, table, notes, source and explanation.

    A pipe table has one header row, so the header group is named in the header cells of the later groups
    ("Streefcijfers 2020"). A cell's note numbers follow its text in brackets.
    """
    lines = [f"## {indicator.title}", ""]
    if indicator.unit:
        lines += [f"{t('unit')} {indicator.unit}", ""]
    groups, periods = table.header_rows  # the seed's layout: groups over periods
    named = [(i, group.label) for i, group in enumerate(groups) for _ in range(group.colspan)]
    headers = [p.label if i == 0 else f"{label} {p.label}" for (i, label), p in zip(named, periods, strict=True)]
    cells = [cell.text + "".join(f" ({note.number})" for note in cell.notes) for cell in table.bodies[0][0]]
    lines += [_row(headers), _row(["---:"] * len(headers)), _row(cells), ""]
    if table.notes:
        lines += [f"{note.number}. {note.text}" for note in table.notes] + [""]
    if indicator.source:
        lines += [f"{t('source')} {indicator.source}", ""]
    if indicator.explanation.strip():
        lines += [f"{t('explanation')} {indicator.explanation.strip()}", ""]
    return lines


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def _demote(text: str) -> str:
    """Headings one level down, as verantwoord shows a text under the page's title (## becomes h3)."""
    return re.sub(r"^(#{1,5}) ", r"#\1 ", text, flags=re.MULTILINE)


def _join(lines: list[str]) -> str:
    return "\n".join(lines).rstrip() + "\n"


# Hugo: a minimal layout, no theme; only HTML pages (no RSS, sitemap, taxonomies or 404 page).

HUGO_CONFIG = """\
baseURL = "/"
languageCode = "{language}"
title = {title}
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
"""
HUGO_LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head><meta charset="utf-8"><title>{{ .Title }} – {{ site.Title }}</title></head>
<body>
<nav>{{ with .Parent }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "single.html": '{{ define "main" }}{{ .Content }}{{ end }}\n',
    "list.html": '{{ define "main" }}{{ .Content }}{{ end }}\n',
}


def _hugo_site(root: Path, document) -> None:
    config = HUGO_CONFIG.format(language=document.language, title=json.dumps(document.title, ensure_ascii=False))
    (root / "hugo.toml").write_text(config, encoding="utf-8")
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name, text in HUGO_LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")


def _mkdocs_config(root: Path, document, nav: list[object]) -> None:
    # JSON is YAML. The default theme (mkdocs) and the default plugins (search).
    config = {"site_name": document.title, "docs_dir": "docs", "nav": nav}
    (root / "mkdocs.yml").write_text(json.dumps(config, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# The tools.


@dataclass
class Hugo(Tool):
    """Debian's `hugo`, installed with apt when it is missing."""

    name: str = "hugo"

    def install(self, log: Log) -> None:
        if shutil.which("hugo"):
            return
        if os.geteuid() != 0:
            raise RuntimeError("hugo is missing; install it as root with: apt-get install -y hugo")
        log("installing hugo: apt-get install -y hugo")
        if subprocess.run(["apt-get", "install", "-y", "-q", "hugo"], check=False).returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], check=True)
            subprocess.run(["apt-get", "install", "-y", "-q", "hugo"], check=True)

    def version(self) -> str:
        return first_line(["hugo", "version"])

    def prepare(self, project: Path) -> Path:
        return markdown_site(project, self.verantwoord_env()) / "hugo"

    def build_command(self, source: Path, output: Path) -> list[str]:
        return ["hugo", "--source", str(source), "--destination", str(output), "--quiet", "--noBuildLock"]


@dataclass
class MkDocs(Tool):
    """MkDocs from PyPI in its own venv under bench/.cache/ (not in the project's venv)."""

    name: str = "mkdocs"

    @property
    def executable(self) -> Path:
        return MKDOCS_VENV / "bin" / "mkdocs"

    def install(self, log: Log) -> None:
        if self.executable.exists():
            return
        log(f"installing MkDocs {MKDOCS_VERSION} into {MKDOCS_VENV.relative_to(BENCH.parent)}")
        shutil.rmtree(MKDOCS_VENV, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(MKDOCS_VENV)], check=True)
        pip = [str(MKDOCS_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, f"mkdocs=={MKDOCS_VERSION}"], check=True)

    def version(self) -> str:
        return first_line([str(self.executable), "--version"])

    def prepare(self, project: Path) -> Path:
        return markdown_site(project, self.verantwoord_env()) / "mkdocs"

    def build_command(self, source: Path, output: Path) -> list[str]:
        return [
            str(self.executable),
            "build",
            "--quiet",
            "--config-file",
            str(source / "mkdocs.yml"),
            "--site-dir",
            str(output),
        ]

    def service_pages(self) -> frozenset[str]:
        return frozenset({"404.html"})

    def theme_tables(self) -> int:
        return 1  # the theme's keyboard-shortcuts help, a modal on every page


PEERS = (Hugo, MkDocs)


def main(argv: list[str]) -> int:
    if argv[:1] == ["markdown"] and len(argv) == 3:
        summary = write_markdown(Path(argv[1]), Path(argv[2]))
        print(f"{argv[2]}: {summary['pages']} pages, {summary['tables']} tables")
        return 0
    if argv == ["install"]:
        for peer in PEERS:
            peer().install(lambda message: print(message, file=sys.stderr))
            print(peer().version())
        return 0
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
