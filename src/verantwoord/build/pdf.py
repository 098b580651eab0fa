"""The whole document as one PDF, with WeasyPrint, made in a process of its own.

The PDF has a cover, a table of contents with page numbers, every chapter and section with the same
tables and charts as the site, a running header with the document's and the chapter's title, and page
numbers. It is tagged as PDF/UA-1 for screen readers, with bookmarks from the headings.

WeasyPrint lays out a whole HTML file in memory before it writes a page (about 35 MB and 1.7 s a
section), so a document of 1,000 sections cannot be one render. It is made in parts of at most
`PART_SECTIONS` sections, rendered side by side in worker processes, and joined into one tagged PDF
(build/pdfjoin.py): first the parts, then the table of contents with their page numbers, and an overlay
of running headers and page numbers for the joined pages (`MARGIN_PAGES` at a time). The output is the
same for any number of workers. The PDF is only made when asked for (`pdf: ja`
in the config, or `build --pdf`), and in its own process (`start_pdf`): the site is written and swapped
in meanwhile, and the PDF lands beside it when done.
"""

from __future__ import annotations

import atexit
import multiprocessing
import multiprocessing.util
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from importlib import resources
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.lists import format_list
from markupsafe import Markup

from verantwoord.build.images import write_images
from verantwoord.build.scratch import scratch_folder
from verantwoord.build.translations import translator
from verantwoord.errors import BuildFailed, Location, Problem, Severity, TemplateFailed, VerantwoordError, write_reason
from verantwoord.model import Chapter, Document, Section

if TYPE_CHECKING:
    from jinja2 import Environment

    from verantwoord.build.pdfjoin import RenderedPart
    from verantwoord.build.site import SiteOptions, Theme

PART_SECTIONS = 10
"""Sections per WeasyPrint render: memory grows with a render (about 35 MB a section), time does not gain."""

MARGIN_PAGES = 100
"""Pages of running headers per render: WeasyPrint's time per page grows with the pages in a render
(0.7 s for 100, 2.1 s for 250, 7.8 s for 1,000), and a document of 1,000 sections has 13,000 pages."""

Piece = tuple[Chapter, tuple[Section, ...], bool]
"""A chapter in a part: the chapter, its sections in the part, and whether the chapter opens in it."""


def split_parts(document: Document, limit: int = PART_SECTIONS) -> list[list[Piece]]:
    """The document's chapters in parts of at most `limit` sections, whole chapters where they fit."""
    parts: list[list[Piece]] = []
    current: list[Piece] = []
    size = 0
    for chapter in document.chapters:
        sections = chapter.sections
        if current and size + max(len(sections), 1) > limit:
            parts.append(current)
            current, size = [], 0
        opens = True
        while len(sections) > limit:
            parts.append([*current, (chapter, sections[:limit], opens)])
            current, size, sections, opens = [], 0, sections[limit:], False
        current.append((chapter, sections, opens))
        size += max(len(sections), 1)
    if current:
        parts.append(current)
    return parts


def write_pdf(
    document: Document,
    options: SiteOptions,
    built_at: datetime,
    target: Path,
    *,
    workers: int | None = None,
    part_sections: int = PART_SECTIONS,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Render the document for print, in parts, and write the joined PDF to `target`.

    `workers` processes render the parts side by side (default: one per core, at most four); with one
    part or one worker, everything is rendered in this process. `progress` hears of each step done
    (steps done, steps): each part, then the margins and the join together.
    """
    from verantwoord.build.pdfjoin import join_parts  # pikepdf, as in _Renderer.write: only the PDF needs it

    parts = split_parts(document, part_sections)
    workers = min(workers or min(os.cpu_count() or 1, 4), len(parts))
    with tempfile.TemporaryDirectory(prefix=".verantwoord-pdf-", dir=target.parent) as scratch:
        folder = Path(scratch)
        write_images(document.images, folder)  # where the HTML of each part finds them: its base URL
        _write_logo(options, folder)
        if workers <= 1:
            _start_renderer(document, options, built_at)
            run = _InProcess()
        else:
            run = ProcessPoolExecutor(
                workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(document, options, built_at),
            )
        steps = len(parts) + 1  # each part, then the margins and the join
        with run:
            try:
                front, made, overlays = _render_all(run, document, parts, part_sections, folder, steps, progress)
            except BaseException:
                run.shutdown(wait=False, cancel_futures=True)  # what has not started yet never will
                raise
        # The workers are gone before the join, which holds the whole PDF in memory (about 5 GB at 12,000 pages).
        join_parts(front, made, overlays, target)
        if progress:
            progress(steps, steps)
    return target


def _write_logo(options: SiteOptions, folder: Path) -> None:
    """The theme's logo where the cover finds it, at the path the site's pages link to it by."""
    from verantwoord.build.site import asset_paths

    logo = asset_paths(options.theme).get("logo")
    if logo is not None and options.theme.logo is not None:
        (folder / logo).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(options.theme.logo, folder / logo)


def _render_all(
    run: ProcessPoolExecutor | _InProcess,
    document: Document,
    parts: list[list[Piece]],
    part_sections: int,
    folder: Path,
    steps: int,
    progress: Callable[[int, int], None] | None,
) -> tuple[RenderedPart, list[RenderedPart], list[RenderedPart]]:
    """The front, the parts and the margins, rendered into `folder`: the parts first, side by side."""
    draft = run.submit(_render_front, folder / "front-0.pdf", None)
    rendered = [run.submit(_render_part, folder / f"part-{n}.pdf", n, part_sections) for n in range(len(parts))]
    for done, _ in enumerate(as_completed(rendered), start=1):
        if progress:
            progress(done, steps)
    front = draft.result()
    made = [future.result() for future in rendered]
    for attempt in range(1, 4):  # the contents' own numbers might change its length; each try uses the last
        front_pages = front.pages
        front = run.submit(_render_front, folder / f"front-{attempt}.pdf", _page_numbers(made, front_pages)).result()
        if front.pages == front_pages:
            break
    else:
        raise RuntimeError("the table of contents changes its length with its own page numbers")
    sheets = _sheets(document, parts, made, front.pages)
    chunks = [sheets[start : start + MARGIN_PAGES] for start in range(0, len(sheets), MARGIN_PAGES)]
    margins = [run.submit(_render_margins, folder / f"margins-{n}.pdf", chunk) for n, chunk in enumerate(chunks)]
    overlays = [future.result() for future in margins]
    for overlay, chunk in zip(overlays, chunks, strict=True):
        if overlay.pages != len(chunk):
            raise RuntimeError(f"{overlay.pages} pages of margins for {len(chunk)} pages")
    return front, made, overlays


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string, safe inside an HTML <style> element (text from an export is untrusted)."""
    escaped = "".join(
        f"\\{ord(char):x} " if char in '"\\<>&' or ord(char) < 0x20 or ord(char) == 0x7F else char for char in text
    )
    return Markup(f'"{escaped}"')


def _page_numbers(parts: list[RenderedPart], front_pages: int) -> dict[str, str]:
    """The printed page number of each heading, by id, when the parts follow `front_pages` pages."""
    numbers: dict[str, str] = {}
    offset = front_pages
    for part in parts:
        for anchor, page in part.anchors.items():
            numbers.setdefault(anchor, str(offset + page + 1))
        offset += part.pages
    return numbers


def _sheets(
    document: Document, parts: list[list[Piece]], made: list[RenderedPart], front_pages: int
) -> list[tuple[str, str | None, bool]]:
    """What the margins of each page after the cover show: its number as printed, its chapter's title or None, and
    whether the page is turned a quarter (its margins are too, or they would not lie over it)."""
    titles: list[str | None] = [None] * front_pages
    current: str | None = None
    for pieces, part in zip(parts, made, strict=True):
        sheets = [current] * part.pages
        for chapter, _, opens in pieces:
            if opens:
                current = f"{chapter.number}. {chapter.title}"
                first = part.anchors.get(f"h-{chapter.slug}", 0)
                sheets[first:] = [current] * (part.pages - first)
        titles.extend(sheets)
    turned = [False] * front_pages + [page in part.turned for part in made for page in range(part.pages)]
    translate = translator(document.language)
    total = len(titles)
    return [
        (f"{translate('page')} {number} {translate('page_of')} {total}", title, wide)
        for number, (title, wide) in enumerate(zip(titles, turned, strict=True), start=1)
    ][1:]


def try_print(document: Document, options: SiteOptions, built_at: datetime) -> None:
    """Render the HTML of each kind of piece of the PDF once, as `check` does, without WeasyPrint: a theme's
    print.html or print-margins.html that fails only when rendered (`document.titel`) was found only by `build --pdf`.
    The cover and contents; every chapter's opening with its first section, in one part (a chapter in a later part
    was not tried, and all of them took three times as long as the rest of `check` at 300 sections); a chapter
    continued in the next part (`opens` false); and the running headers, of an upright and a turned page."""
    env = _print_environment(document, options, built_at)
    theme = options.theme
    _print_html(env, theme, "print.html", part=None, page_numbers=_StandIn())
    openings = [(chapter, chapter.sections[:1], True) for chapter in document.chapters]
    _print_html(env, theme, "print.html", part=openings)
    continued = next((part[0] for part in split_parts(document) if not part[0][2]), None)
    if continued is not None:
        _print_html(env, theme, "print.html", part=[(continued[0], continued[1][:1], False)])
    translate = translator(document.language)
    first = document.chapters[0]
    page = f"{translate('page')} {{}} {translate('page_of')} 3"
    sheets = [(page.format(2), None), (page.format(3), f"{first.number}. {first.title}")]
    _print_html(env, theme, "print-margins.html", sheets=sheets, turned={1})


def _print_environment(document: Document, options: SiteOptions, built_at: datetime) -> Environment:
    """The site's templates and helpers, with the PDF's: its markdown numbers the links to other sections."""
    from verantwoord.build.site import PageRenderer, markdown_global, print_places

    env = PageRenderer(document, options, built_at).env
    env.globals["css_string"] = css_string
    env.globals["markdown"] = markdown_global(document.language, printing=True, places=print_places(document))
    return env


def _print_html(env: Environment, theme: Theme, template: str, **context: Any) -> str:
    from verantwoord.build.site import in_template, template_failed

    try:
        return env.get_template(template).render(page=None, root="", previous=None, next=None, printing=True, **context)
    except Exception as error:  # a theme's print.html: its file and line, as for the site's pages
        if not in_template(error, theme.folder):
            raise
        raise template_failed(error, theme) from None


class _Renderer:
    """What a worker needs to render any piece of the PDF: the templates, the stylesheet and the options."""

    def __init__(self, document: Document, options: SiteOptions, built_at: datetime) -> None:
        # Imported here: WeasyPrint loads Pango at import time, which only the PDF needs; the site imports us.
        from weasyprint import CSS

        from verantwoord.build.pdflang import tag_languages
        from verantwoord.build.pdflinks import describe_links

        tag_languages()
        describe_links()

        self.document = document
        self.theme = options.theme
        self.env = _print_environment(document, options, built_at)
        css = resources.files("verantwoord.build").joinpath("static", "print.css").read_text(encoding="utf-8")
        self.stylesheet = CSS(string=css)
        self.identifier = _identifier(document, built_at)

    def write(self, template: str, path: Path, tagged: bool = True, **context: Any) -> RenderedPart:
        # Imported here, as WeasyPrint: pikepdf takes a tenth of a second to import, and only the PDF needs it.
        import pikepdf
        from weasyprint import HTML

        from verantwoord.build.pdfjoin import RenderedPart
        from verantwoord.build.pdftables import html_tables, set_table_headers

        html = _print_html(self.env, self.theme, template, **context)
        options: dict[str, Any] = {"stylesheets": [self.stylesheet], "pdf_identifier": self.identifier}
        if tagged:
            options.update(pdf_variant="pdf/ua-1", custom_metadata=True)
        rendered = HTML(string=html, base_url=str(path.parent)).render(**options)
        anchors: dict[str, int] = {}
        for number, page in enumerate(rendered.pages):
            for anchor in page.anchors:
                if anchor.startswith(("h-", "p-")):  # a chapter's heading, a section's
                    anchors.setdefault(anchor, number)
        turned = frozenset(number for number, page in enumerate(rendered.pages) if page.width > page.height)
        rendered.write_pdf(path, **options)
        if tagged and "<table" in html:
            with pikepdf.open(path, allow_overwriting_input=True) as pdf:
                if set_table_headers(pdf, html_tables(html), prefix=path.stem):
                    pdf.save(path)
        return RenderedPart(path, len(rendered.pages), anchors, turned=turned)


_renderer: _Renderer | None = None
"""This process's renderer: set once per worker (`_start_renderer`), used by every piece it renders."""


def _start_worker(document: Document, options: SiteOptions, built_at: datetime) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the build, which stops the PDF's process
    _watch_parent()
    _start_renderer(document, options, built_at)


def _start_renderer(document: Document, options: SiteOptions, built_at: datetime) -> None:
    global _renderer
    _renderer = _Renderer(document, options, built_at)


def _render_front(path: Path, numbers: dict[str, str] | None) -> RenderedPart:
    """The cover and the contents; without `numbers`, with stand-ins of the same width to count its pages."""
    assert _renderer is not None
    if numbers is None:
        numbers = _StandIn()
    return _renderer.write("print.html", path, part=None, page_numbers=numbers)


def _render_part(path: Path, index: int, part_sections: int) -> RenderedPart:
    assert _renderer is not None
    part = split_parts(_renderer.document, part_sections)[index]
    _, sections, opens = part[0]
    rendered = _renderer.write("print.html", path, part=part)
    return replace(rendered, continued_sections=0 if opens else len(sections))


def _render_margins(path: Path, sheets: list[tuple[str, str | None, bool]]) -> RenderedPart:
    """Running headers and page numbers: per page, its number as printed, its chapter's title or None, and whether it
    is turned a quarter."""
    assert _renderer is not None
    # The pages turned apart from the (number, chapter) pairs: a theme's copy of print-margins.html from before pages
    # could be turned loops over pairs, and the PDF failed on every project ("too many values to unpack").
    turned = {index for index, (_, _, wide) in enumerate(sheets) if wide}
    pairs = [(number, chapter) for number, chapter, _ in sheets]
    rendered = _renderer.write("print-margins.html", path, tagged=False, sheets=pairs, turned=turned)
    upright = sorted(turned - rendered.turned)
    folder = _renderer.theme.folder
    theirs = folder / "print-margins.html" if folder is not None else None
    if upright and theirs is not None and theirs.is_file():
        # Else the join fails on that page, in English: "JoinError: the margins' pages are not the size …". An error in
        # the theme, as a template of it that fails: exit code 1, and among --json's 'meldingen'.
        raise TemplateFailed(
            Problem(
                Severity.ERROR,
                Location(_renderer.theme.named(theirs)),
                f"{sheets[upright[0]][0]} ligt, voor een tabel die te breed is voor een staande pagina, maar dit "
                "sjabloon van het thema legt er een staande kop en paginanummer over: het is een kopie van voor de "
                "liggende pagina's.",
                hint="neem @page wide, de class wide en 'loop.index0 in turned' over uit ons print-margins.html, of "
                "haal het weg: dan gebruikt verantwoord zijn eigen.",
            )
        )
    return rendered


class _StandIn(dict):
    """Page numbers before they are known: wide enough for any."""

    def __missing__(self, key: str) -> str:
        return "9999"


class _InProcess:
    """The part of an executor that write_pdf uses, running each call at once in this process."""

    def submit(self, function: Any, *args: Any) -> Future:
        future: Future = Future()
        future.set_result(function(*args))
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        return None

    def __enter__(self) -> _InProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


@dataclass(frozen=True)
class PdfResult:
    path: Path
    seconds: float
    """Wall time from the start of the PDF's process to the file in place."""


class PdfJob:
    """A PDF being made in a child process; `wait` puts it in place, `cancel` throws it away.

    The child works in a folder of its own beside the site folder, and `wait` renames the PDF into the
    site, so a reader never downloads half a PDF, and a site swapped in meanwhile does not lose it. The
    folder goes when the job ends, however it ends.
    """

    def __init__(
        self, document: Document, options: SiteOptions, built_at: datetime, target: Path, scratch: Path
    ) -> None:
        self.target = target
        self._started = time.perf_counter()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._answer: Connection | None = None
        scratch.mkdir(parents=True, exist_ok=True)
        with _signals_held():  # a folder made is a job known at exit (`_stop_unfinished`), however it is stopped
            self._folder = scratch_folder(scratch, "pdf")
            _unfinished.add(self)
        try:
            self._temporary = self._folder / target.name
            # spawn, not fork: the parent may run threads (the server, the progress bar), which fork does not copy.
            context = multiprocessing.get_context("spawn")
            self._answer, sender = context.Pipe(duplex=False)
            try:
                # Not a daemon: it starts the workers that render the parts, which end when it ends (`_watch_parent`).
                self._process = context.Process(
                    target=_make, args=(sender, document, options, built_at, self._temporary)
                )
                self._process.start()
            finally:
                sender.close()
        except BaseException:  # interrupted while the process starts: no job, and no folder
            self.cancel()
            raise

    def wait(self, progress: Callable[[int, int], None] | None = None) -> PdfResult:
        """Block until the PDF is made and in place; raises BuildFailed when it could not be made, with the problem
        of a theme's template that failed (its file and line) among its `problems`.

        `progress` hears of the parts made (parts made, parts). Interrupted (Ctrl-C), it stops the PDF's
        process before it passes the interruption on.
        """
        problems: list[Problem] = []
        try:
            try:
                error = self._answer.recv()
                while isinstance(error, tuple):  # (parts made, parts), until None or what went wrong
                    if progress:
                        progress(*error)
                    error = self._answer.recv()
                if isinstance(error, list):  # a template's problems, told in the message too
                    problems, error = error, " ".join(str(problem) for problem in error)
            except EOFError:
                self._process.join()
                error = (
                    f"het maken stopte onverwacht (exitcode {self._process.exitcode}); "
                    "was er genoeg geheugen? Een grote PDF heeft veel nodig"
                )
            except BaseException:
                self._process.kill()
                raise
            self._process.join()
            if error is None:
                try:
                    os.replace(self._temporary, self.target)
                except OSError as problem:
                    error = f"{self.target} kon niet worden geschreven: {write_reason(problem)}"
            if error is not None:
                raise PdfFailed(error, self.target.parent, problems)
            return PdfResult(self.target, time.perf_counter() - self._started)
        finally:
            self._cleanup()

    def cancel(self) -> None:
        """Stop the PDF's process; its workers stop when they see it gone."""
        if self._process is not None and self._process.pid is not None:
            self._process.kill()
            self._process.join()
        self._cleanup()

    def _cleanup(self) -> None:
        _unfinished.discard(self)
        if self._answer is not None:
            self._answer.close()
        shutil.rmtree(self._folder, ignore_errors=True)


@contextmanager
def _signals_held() -> Iterator[None]:
    """The signals that stop a build wait until the block is done (POSIX; elsewhere it runs as it is)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


class PdfFailed(BuildFailed):
    """A PDF that could not be made, beside its document's site in `site`: `reason` apart, so that documents whose
    PDFs failed alike (on the one theme) are told in one message (`pdf_failure`)."""

    def __init__(self, reason: str, site: Path, problems: list[Problem]) -> None:
        super().__init__(pdf_failure(reason, [site]), problems)
        self.reason = reason
        self.site = site


def pdf_failure(reason: str, sites: list[Path]) -> str:
    """What a build says of the PDFs of `sites` that failed for `reason`: the reason once, and where each site is."""
    if len(sites) == 1:
        return (
            f"De PDF kon niet worden gemaakt: {reason.rstrip('.')}. De website is wel gebouwd en staat in {sites[0]}, "
            "zonder PDF en zonder link ernaar."
        )
    return (
        f"De PDF's konden niet worden gemaakt: {reason.rstrip('.')}. De websites zijn wel gebouwd en staan in "
        f"{format_list([str(site) for site in sites], locale='nl')}, zonder PDF en zonder link ernaar."
    )


_unfinished: set[PdfJob] = set()
"""Jobs neither waited for nor cancelled. One that an interruption left here (between starting it and handing it
to the code that cancels it) is stopped at exit; otherwise the exit would wait for the whole PDF."""


@atexit.register  # after multiprocessing's own exit handler (imported above), so it runs before that one
def _stop_unfinished() -> None:
    for job in list(_unfinished):
        job.cancel()


def start_pdf(document: Document, options: SiteOptions, built_at: datetime, target: Path, scratch: Path) -> PdfJob:
    """Start making the PDF of `document`, to land at `target`, in a process of its own with a lower priority.

    `scratch` holds the unfinished file: a folder on the same disk as `target` that no build swaps away
    (the output folder's parent).
    """
    return PdfJob(document, options, built_at, target, scratch)


def _make(answer: Connection, document: Document, options: SiteOptions, built_at: datetime, target: Path) -> None:
    """In the child: make the PDF, and answer None, or what went wrong: a template's problems as they are, for the
    parent to list them among the input's (`--json`), anything else in words."""
    _lower_priority()
    _watch_parent()
    try:
        write_pdf(document, options, built_at, target, progress=lambda done, parts: answer.send((done, parts)))
    except TemplateFailed as error:
        answer.send(error.problems)
    except VerantwoordError as error:  # in words for the user already
        answer.send(str(error))
    except Exception as error:  # any other failure goes to the parent, in words
        answer.send(f"{type(error).__name__}: {error}")
    else:
        answer.send(None)
    finally:
        answer.close()


def _lower_priority() -> None:
    """Let the site's pages go first on a busy machine, and leave Ctrl-C to the parent, which stops us."""
    if hasattr(os, "nice"):  # not on Windows
        os.nice(10)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _watch_parent() -> None:
    """End when the process that started this one ends, even when it was killed and could not say so."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _identifier(document: Document, built_at: datetime) -> bytes:
    """A stable PDF identifier, so the same input gives the same bytes (WeasyPrint's default is random)."""
    return f"{document.kind.value}-{document.year}-{built_at.astimezone(UTC):%Y%m%d%H%M%S}".encode()
