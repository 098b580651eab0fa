"""Build the static site of a Document.

Pages: the home page with the whole table of contents, a page per chapter and per section. Each page
links only to its neighbours (breadcrumbs, previous/next), never carries the whole navigation, so one
page costs the same in a document of ten sections or of thousands. Links are relative, so the folder
works from any web server, in any subfolder.

The site is written into a temporary folder beside the output and swapped in only when everything
succeeded: a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined

from verantwoord.build.charts import indicator_chart
from verantwoord.build.format import build_time, format_moment
from verantwoord.build.markdown import render_markdown
from verantwoord.build.measurements import indicator_measurements
from verantwoord.build.opendata import FOLDER as OPEN_DATA
from verantwoord.build.opendata import write_open_data
from verantwoord.build.pdf import write_pdf
from verantwoord.build.search import search_index
from verantwoord.build.status import JUDGED_KINDS, Judgement, judge, summarise
from verantwoord.build.tables import indicator_table
from verantwoord.build.translations import translator
from verantwoord.config import DEFAULT_DATETIME_FORMAT
from verantwoord.errors import BuildFailed
from verantwoord.model import Chapter, Document, Indicator, Section

MARKER = ".verantwoord-site"
"""A file in every output folder we write, so we never replace a folder that is not ours."""

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Theme:
    """How the site looks, from the project's `thema` settings. Empty means our neutral default."""

    folder: Path | None = None
    """Templates here override ours by name; a `thema.css` here is loaded after ours."""
    logo: Path | None = None
    colour: str | None = None
    font: str | None = None


@dataclass(frozen=True)
class SiteOptions:
    datetime_format: str = DEFAULT_DATETIME_FORMAT
    search: bool = True
    theme: Theme = field(default_factory=Theme)
    pdf_name: str | None = None
    """The file name of the document's PDF when one is made, linked from every page."""


@dataclass(frozen=True)
class Page:
    """One page of the site: where it lives, what it shows, and its place in the reading order."""

    path: str
    """Relative to the site root, "" for the home page, "4-bestuur/4-1-bestuur/" for a section."""
    title: str
    template: str
    chapter: Chapter | None = None
    section: Section | None = None

    @property
    def depth(self) -> int:
        return self.path.count("/")


SEARCH_PATH = "zoeken/"
STATEMENT_PATH = "toegankelijkheid/"


def site_pages(document: Document) -> list[Page]:
    """Every page in reading order: home, then each chapter followed by its sections."""
    pages = [Page("", document.title, "home")]
    for chapter in document.chapters:
        pages.append(Page(f"{chapter.slug}/", f"{chapter.number}. {chapter.title}", "chapter", chapter))
        for section in chapter.sections:
            pages.append(
                Page(
                    f"{chapter.slug}/{section.slug}/", f"{section.number} {section.title}", "section", chapter, section
                )
            )
    return pages


def build_site(
    document: Document,
    output: Path,
    options: SiteOptions | None = None,
    *,
    built_at: datetime | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the site of `document` to `output`, replacing what was there only on success.

    Returns the pages written, relative to `output`.
    """
    output = Path(output).resolve()
    _check_replaceable(output)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".verantwoord-", dir=output.parent))
    except OSError as error:
        raise _write_failed(output, error) from None
    try:
        written = _write_site(document, staging, options or SiteOptions(), built_at or build_time(), progress)
        (staging / MARKER).write_text("Deze map is gemaakt door verantwoord en wordt bij elke build vervangen.\n")
        _swap(staging, output)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise _write_failed(output, error) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written


def _write_failed(output: Path, error: OSError) -> BuildFailed:
    return BuildFailed(
        f"De website kon niet worden geschreven in {output}: {error.strerror or error}. De vorige versie is "
        "onveranderd. Hint: kies met --out een map waarin u mag schrijven, en kijk of de schijf vol is."
    )


def _check_replaceable(output: Path) -> None:
    if output.exists() and (not output.is_dir() or (any(output.iterdir()) and not (output / MARKER).exists())):
        raise BuildFailed(
            f"De uitvoermap {output} bestaat al en is niet door verantwoord gemaakt; die vervangen we niet. "
            "Hint: kies een lege of nieuwe map met --out, of verwijder de map zelf."
        )


def _swap(staging: Path, output: Path) -> None:
    staging.chmod(0o755)
    if not output.exists():
        staging.rename(output)
        return
    retired = Path(tempfile.mkdtemp(prefix=".verantwoord-old-", dir=output.parent))
    retired.rmdir()
    output.rename(retired)
    staging.rename(output)
    shutil.rmtree(retired, ignore_errors=True)


def _environment(theme: Theme) -> Environment:
    loaders: list = [PackageLoader("verantwoord.build", "templates")]
    if theme.folder is not None:
        loaders.insert(0, FileSystemLoader(theme.folder))
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _status_helpers(document: Document, translate: Callable[..., str]) -> dict[str, Callable]:
    """Template helpers for status against target; no status at all for documents that look ahead."""
    judged = document.kind in JUDGED_KINDS
    year = str(document.year)

    def status(indicator: Indicator) -> Judgement | None:
        return judge(indicator, document.year) if judged else None

    def status_text(judgement: Judgement) -> str:
        key = f"status_{judgement.reason or judgement.status.value}"
        return translate(key, year=year)

    def summary_text(indicators: list[Indicator]) -> str | None:
        summary = summarise(indicators, document.year)
        if not judged or not summary.total:
            return None
        text = translate("summary", met=str(summary.met), total=str(summary.total))
        if summary.not_judged:
            text += " " + translate("summary_not_judged", count=str(summary.not_judged))
        return text

    return {"status": status, "status_text": status_text, "summary_text": summary_text}


def _write_site(
    document: Document, root: Path, options: SiteOptions, built_at: datetime, progress: Progress | None
) -> list[Path]:
    env = _environment(options.theme)
    translate = translator(document.language)
    build_text = format_moment(built_at, options.datetime_format, document.language)
    if document.export.time is not None:
        export_text = format_moment(document.export.time, options.datetime_format, document.language)
        footer = translate("footer_built", build=build_text, export=export_text)
        pdf_provenance = translate("pdf_built", build=build_text, export=export_text)
    else:
        footer = translate("footer_built_unknown", build=build_text)
        pdf_provenance = translate("pdf_built_unknown", build=build_text)
    assets = _write_assets(root, options.theme)
    env.globals.update(
        t=translate,
        document=document,
        footer=footer,
        pdf_provenance=pdf_provenance,
        markdown=render_markdown,
        open_data=OPEN_DATA,
        options=options,
        assets=assets,
        search_path=SEARCH_PATH,
        statement_path=STATEMENT_PATH,
        built_at=build_text,
        built_iso=built_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        printing=False,
    )
    env.globals["indicator_table"] = lambda indicator: indicator_table(
        indicator, document.columns, document.language, translate
    )
    env.globals["indicator_measurements"] = lambda indicator: indicator_measurements(
        indicator, document.columns, document.language, translate
    )
    env.globals["indicator_chart"] = lambda indicator, printing=False: indicator_chart(
        indicator, document.columns, document.language, translate, alt_with_trend=printing
    )
    env.globals.update(_status_helpers(document, translate))
    pages = site_pages(document)
    service_pages = [Page(STATEMENT_PATH, translate("statement_title"), "statement")]
    if options.search:
        service_pages.append(Page(SEARCH_PATH, translate("search_title"), "search"))
    everything = pages + service_pages
    templates = {name: env.get_template(f"{name}.html") for name in {p.template for p in everything}}

    def render(index: int) -> None:
        page = everything[index]
        in_order = index < len(pages)
        html = templates[page.template].render(
            page=page,
            root="../" * page.depth,
            previous=pages[index - 1] if in_order and index > 0 else None,
            next=pages[index + 1] if in_order and index + 1 < len(pages) else None,
        )
        target = root / page.path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")

    _render_all(render, len(everything), progress)
    written = [Path(page.path) / "index.html" for page in everything]
    with search_index(root) if options.search else nullcontext():
        write_open_data(document, root, built_at)
        if options.pdf_name:
            write_pdf(document, env, root / options.pdf_name, built_at)
    return written


PARALLEL_FROM = 200
"""From this many pages, rendering is shared over the machine's cores; below it, starting processes costs more."""
_CHUNK = 25
_render_in_child: Callable[[int], None] | None = None


def _render_all(render: Callable[[int], None], count: int, progress: Progress | None) -> None:
    """Render pages 0..count-1, in forked worker processes when the document is large.

    Every page depends only on the validated document, so the workers need nothing sent to them: a
    forked child already has it. The output is the same as rendering in order.
    """
    workers = min(os.cpu_count() or 1, 8)
    if count < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for index in range(count):
            render(index)
            if progress:
                progress(index + 1, count)
        return
    global _render_in_child
    _render_in_child = render
    chunks = [range(start, min(start + _CHUNK, count)) for start in range(0, count, _CHUNK)]
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            done = 0
            for size in pool.imap_unordered(_render_chunk, chunks):
                done += size
                if progress:
                    progress(done, count)
    finally:
        _render_in_child = None


def _render_chunk(indices: range) -> int:
    assert _render_in_child is not None
    for index in indices:
        _render_in_child(index)
    return len(indices)


def _write_assets(root: Path, theme: Theme) -> dict[str, str]:
    """Copy the stylesheet, the theme's stylesheet and logo; returns their paths for the templates."""
    folder = root / "assets"
    folder.mkdir()
    static = resources.files("verantwoord.build").joinpath("static")
    for name in ("verantwoord.css", "search.js"):
        (folder / name).write_bytes(static.joinpath(name).read_bytes())
    assets = {"css": "assets/verantwoord.css", "search_js": "assets/search.js"}
    if theme.folder is not None and (theme.folder / "thema.css").is_file():
        shutil.copyfile(theme.folder / "thema.css", folder / "thema.css")
        assets["theme_css"] = "assets/thema.css"
    settings = []
    if theme.colour:
        settings.append(f"  --verantwoord-color-accent: {theme.colour};\n  --verantwoord-color-link: {theme.colour};")
    if theme.font:
        settings.append(f"  --utrecht-document-font-family: {theme.font};")
    if settings:
        (folder / "instellingen.css").write_text(".verantwoord-theme {\n" + "\n".join(settings) + "\n}\n")
        assets["settings_css"] = "assets/instellingen.css"
    if theme.logo is not None:
        name = "logo" + theme.logo.suffix.lower()
        shutil.copyfile(theme.logo, folder / name)
        assets["logo"] = f"assets/{name}"
    return assets
