"""Build the static site of a Document.

Pages: the home page with the whole table of contents, a page per chapter and per section. Each page
links only to its neighbours (breadcrumbs, previous/next), never carries the whole navigation, so one
page costs the same in a document of ten sections or of thousands. Links are relative, so the folder
works from any web server, in any subfolder.

The site is written into a temporary folder beside the output and swapped in only when everything
succeeded: a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from verantwoord.build.format import build_time, format_moment
from verantwoord.build.markdown import render_markdown
from verantwoord.build.tables import indicator_table
from verantwoord.build.translations import translator
from verantwoord.config import DEFAULT_DATETIME_FORMAT
from verantwoord.errors import BuildFailed
from verantwoord.model import Chapter, Document, Section

MARKER = ".verantwoord-site"
"""A file in every output folder we write, so we never replace a folder that is not ours."""

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Page:
    """One page of the site: where it lives, what it shows, and its place in the reading order."""

    path: str
    """Relative to the site root, "" for the home page, "4-bestuur/4-1-bestuur/" for a section."""
    title: str
    chapter: Chapter | None = None
    section: Section | None = None

    @property
    def depth(self) -> int:
        return self.path.count("/")


def site_pages(document: Document) -> list[Page]:
    """Every page in reading order: home, then each chapter followed by its sections."""
    pages = [Page("", document.title)]
    for chapter in document.chapters:
        pages.append(Page(f"{chapter.slug}/", f"{chapter.number}. {chapter.title}", chapter))
        for section in chapter.sections:
            pages.append(Page(f"{chapter.slug}/{section.slug}/", f"{section.number} {section.title}", chapter, section))
    return pages


def build_site(
    document: Document,
    output: Path,
    *,
    built_at: datetime | None = None,
    datetime_format: str = DEFAULT_DATETIME_FORMAT,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the site of `document` to `output`, replacing what was there only on success.

    Returns the pages written, relative to `output`.
    """
    output = Path(output).resolve()
    _check_replaceable(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".verantwoord-", dir=output.parent))
    try:
        written = _write_site(document, staging, built_at or build_time(), datetime_format, progress)
        (staging / MARKER).write_text("Deze map is gemaakt door verantwoord en wordt bij elke build vervangen.\n")
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written


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


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("verantwoord.build", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _write_site(
    document: Document, root: Path, built_at: datetime, datetime_format: str, progress: Progress | None
) -> list[Path]:
    env = _environment()
    translate = translator(document.language)
    build_text = format_moment(built_at, datetime_format, document.language)
    if document.export.time is not None:
        export_text = format_moment(document.export.time, datetime_format, document.language)
        footer = translate("footer_built", build=build_text, export=export_text)
    else:
        footer = translate("footer_built_unknown", build=build_text)
    env.globals.update(t=translate, document=document, footer=footer, markdown=render_markdown)
    env.globals["indicator_table"] = lambda indicator: indicator_table(
        indicator, document.columns, document.language, translate
    )
    templates = {kind: env.get_template(f"{kind}.html") for kind in ("home", "chapter", "section")}
    pages = site_pages(document)
    written = []
    for index, page in enumerate(pages):
        kind = "section" if page.section else "chapter" if page.chapter else "home"
        root_path = "../" * page.depth
        html = templates[kind].render(
            page=page,
            root=root_path,
            previous=pages[index - 1] if index > 0 else None,
            next=pages[index + 1] if index + 1 < len(pages) else None,
        )
        target = root / page.path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        written.append(target.relative_to(root))
        if progress:
            progress(index + 1, len(pages))
    assets = root / "assets"
    assets.mkdir()
    for name in ("verantwoord.css",):
        (assets / name).write_bytes(resources.files("verantwoord.build").joinpath("static", name).read_bytes())
    return written
