"""The tools the benchmark times, and how their outputs are checked against each other.

A tool turns the generated verantwoord project into its own input (`prepare`, cached beside the project),
gives the command that builds that input into a folder (`build_command`) and names the HTML pages it writes
besides the document's own (`service_pages`). verantwoord itself is here; Hugo and MkDocs are in peers.py.
"""

from __future__ import annotations

import compileall
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

Log = Callable[[str], None]


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of every timed command."""
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", "1622030400")  # identical output in every run
    env["COLUMNS"] = "120"
    env.update(extra or {})
    return env


SOURCE = Path(__file__).resolve().parents[1] / "src"


def compile_source(src: Path | None) -> None:
    """Byte-compile verantwoord's source (`src`, or the repository's) as `pip install` does, before it is timed.

    The editable install compiles nothing, and where PYTHONDONTWRITEBYTECODE is set (as on the machines these
    figures come from) no run writes the compiled files either: every run then compiled all its modules from
    source again, some 0.1 s, where a user's installed copy, and the peers' packages, are compiled once."""
    compileall.compile_dir(src or SOURCE, quiet=1)


def first_line(command: list[str], env: dict[str, str] | None = None) -> str:
    """The first line a command prints (its version, say), or "" when it cannot run."""
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False, env=child_env(env))
    except OSError:
        return ""
    return (result.stdout or result.stderr).strip().splitlines()[0] if (result.stdout or result.stderr) else ""


@dataclass
class Tool:
    name: str
    src: Path | None = None
    """Another verantwoord source tree's src/ folder (say, a snapshot of main) to use instead of the installed
    one: verantwoord runs from it, and the peers' Markdown is made with it."""

    @property
    def label(self) -> str:
        """How the build is named in the report."""
        return f"{self.name} build"

    def install(self, log: Log) -> None:
        """Make sure the tool can run (peers install themselves here; see bench/README.md)."""

    def version(self) -> str:
        return ""

    def env(self) -> dict[str, str]:
        """Extra environment variables for the tool's commands."""
        return {}

    def verantwoord_env(self) -> dict[str, str]:
        """The environment in which Python imports verantwoord from `src`."""
        return {"PYTHONPATH": str(self.src)} if self.src is not None else {}

    def prepare(self, project: Path) -> Path:
        """The tool's input, made from the generated verantwoord project (cached beside it)."""
        return project

    def build_command(self, source: Path, output: Path) -> list[str]:
        raise NotImplementedError

    def load_command(self, source: Path) -> list[str] | None:
        """A command that only reads and validates the input, if the tool has one."""
        return None

    def startup_command(self) -> list[str] | None:
        """A command that only starts the tool (interpreter, imports): the fixed cost in every build."""
        return None

    def search_index(self, site: Path) -> tuple[list[str], Path] | None:
        """If the build makes a search index: the command that indexes the built `site` on its own, timed apart,
        and the folder it writes (removed before each run)."""
        return None

    def service_pages(self) -> frozenset[str]:
        """The HTML files the build writes besides the home page, the chapters and the sections."""
        return frozenset()

    def theme_tables(self) -> int:
        """The <table> elements the tool's theme puts on every page, besides the document's."""
        return 0


@cache
def pagefind_executable() -> str:
    """The Pagefind binary verantwoord runs (from the pagefind_bin wheel in this venv)."""
    script = "from pagefind_bin import get_executable; print(get_executable())"
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.strip()


@dataclass
class Verantwoord(Tool):
    """The installed `verantwoord` (the editable install of this repository), or the package in `src`.

    Everything is on except the PDF: pages, charts, open data (CSV, JSON, xlsx) and the Pagefind search
    index. With `search=False` the project gets `zoeken: nee`, so the same build runs without Pagefind.
    """

    name: str = "verantwoord"
    search: bool = True

    @property
    def label(self) -> str:
        return "verantwoord build" if self.search else "verantwoord build, no search"

    def install(self, log: Log) -> None:
        compile_source(self.src)

    def command(self, *args: str) -> list[str]:
        if self.src is None:
            return [str(Path(sys.executable).with_name("verantwoord")), *args]
        return [sys.executable, "-m", "verantwoord", *args]

    def env(self) -> dict[str, str]:
        return self.verantwoord_env()

    def version(self) -> str:
        version = first_line(self.command("--version"), self.env()) + (f" from {self.src}" if self.src else "")
        if self.search:
            version += f"; {first_line([pagefind_executable(), '--version'])}"
        return version

    def prepare(self, project: Path) -> Path:
        if self.search:
            return project
        return without_search(project)

    def build_command(self, source: Path, output: Path) -> list[str]:
        return self.command("build", str(source), "--out", str(output))

    def load_command(self, source: Path) -> list[str] | None:
        return self.command("check", str(source)) if self.search else None

    def startup_command(self) -> list[str] | None:
        # The CLI imports the whole library before answering.
        return self.command("--version") if self.search else None

    def search_index(self, site: Path) -> tuple[list[str], Path] | None:
        # The command verantwoord's build runs (build/search.py), over the finished site.
        if not self.search:
            return None
        return [pagefind_executable(), "--site", str(site), "--silent"], site / "pagefind"

    def service_pages(self) -> frozenset[str]:
        pages = {"toegankelijkheid/index.html"}  # the accessibility statement
        if self.search:
            pages.add("zoeken/index.html")  # the search page
        return frozenset(pages)


def without_search(project: Path) -> Path:
    """A copy of the project beside it with `zoeken: nee` in its config."""
    target = project.with_name(f"{project.name}-zoeken-nee")
    if (target / "verantwoord.yaml").exists():
        return target
    staging = project.with_name(f"{target.name}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(project, staging, ignore=shutil.ignore_patterns(".bench-*"))
    with (staging / "verantwoord.yaml").open("a", encoding="utf-8") as config:
        config.write("zoeken: nee\n")
    staging.rename(target)
    return target


# Checking outputs: the same pages and tables in every tool's site.

_TABLE = re.compile(rb"<table[\s>]")


@dataclass(frozen=True)
class Output:
    pages: int
    """HTML files written."""
    tables: int
    """<table> elements in them."""
    extra_pages: tuple[str, ...]
    """The HTML files besides home, chapters and sections (the tool's service_pages)."""
    extra_tables: int
    """The tables of the tool's theme, on every page."""


def check_output(tool: Tool, site: Path, chapters: int, sections: int, indicators: int) -> Output:
    """Count the pages and tables of a built site; fail unless it has the document's pages and one table per indicator.

    Every tool writes the home page, one page per chapter and one per section; the document's tables are
    the indicators'. What a tool writes besides is declared by the tool, must be there, and is left out of
    the comparison: verantwoord's accessibility statement and search page, MkDocs's 404 page and the
    keyboard-help table its theme puts on every page.
    """
    pages = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    tables = sum(len(_TABLE.findall((site / page).read_bytes())) for page in pages)
    extra = tool.service_pages()
    missing = sorted(extra - set(pages))
    extra_tables = tool.theme_tables() * len(pages)
    expected_pages = 1 + chapters + sections
    if missing or len(pages) - len(extra) != expected_pages or tables - extra_tables != indicators:
        shown = ", ".join(pages[:3]) + (", ..." if len(pages) > 3 else "")
        raise RuntimeError(
            f"{tool.label} wrote a different site than the others:\n"
            f"  pages: {len(pages)} HTML files ({shown}); expected home + {chapters} chapters + {sections} sections"
            f" = {expected_pages}, plus {len(extra)} of its own ({', '.join(sorted(extra)) or 'none'})"
            + (f"; missing {', '.join(missing)}" if missing else "")
            + f"\n  tables: {tables} <table> elements; expected {indicators}, one per indicator"
            + (f", plus {extra_tables} of its theme" if extra_tables else "")
        )
    return Output(len(pages), tables, tuple(sorted(extra)), extra_tables)
