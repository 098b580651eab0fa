"""The whole document as one PDF, with WeasyPrint, made in a process of its own.

One HTML file is rendered for print: a cover, a table of contents with page numbers (CSS
target-counter), every chapter and section with the same tables and charts as the site, a running
header with the document's title, and page numbers. It is tagged as PDF/UA-1 for screen readers, and
WeasyPrint makes bookmarks from the headings. WeasyPrint is slow on long documents and single-threaded,
so the PDF is only made when asked for (`pdf: ja` in the config, or `build --pdf`), and in its own
process (`start_pdf`): the site is written and swapped in meanwhile, and the PDF lands beside it when done.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from verantwoord.errors import BuildFailed
from verantwoord.model import Document
from verantwoord.slug import slugify

if TYPE_CHECKING:
    from verantwoord.build.site import SiteOptions


def pdf_name(document: Document) -> str:
    """The PDF's file name at the root of the site, such as "jaarverslag-2020-gemeente-amersfoort.pdf"."""
    return f"{slugify(f'{document.title} {document.organisation}')}.pdf"


def write_pdf(document: Document, options: SiteOptions, built_at: datetime, target: Path) -> Path:
    """Render the document for print and write it to `target`, in this process."""
    # Imported here: WeasyPrint loads Pango at import time, which only the PDF needs; the site imports us.
    from weasyprint import CSS, HTML

    from verantwoord.build.site import PageRenderer

    env = PageRenderer(document, options, built_at).env
    html = env.get_template("print.html").render(page=None, root="", previous=None, next=None, printing=True)
    stylesheet = resources.files("verantwoord.build").joinpath("static", "print.css").read_text(encoding="utf-8")
    HTML(string=html, base_url=str(target.parent)).write_pdf(
        target,
        stylesheets=[CSS(string=stylesheet)],
        pdf_variant="pdf/ua-1",
        pdf_identifier=_identifier(document, built_at),
        custom_metadata=True,
    )
    return target


@dataclass(frozen=True)
class PdfResult:
    path: Path
    seconds: float
    """Wall time from the start of the PDF's process to the file in place."""


class PdfJob:
    """A PDF being made in a child process; `wait` puts it in place, `cancel` throws it away.

    The child writes to a temporary file beside the site folder, and `wait` renames it into the site,
    so a reader never downloads half a PDF, and a site swapped in meanwhile does not lose it.
    """

    def __init__(
        self, document: Document, options: SiteOptions, built_at: datetime, target: Path, scratch: Path
    ) -> None:
        self.target = target
        self._started = time.perf_counter()
        scratch.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".verantwoord-", suffix=".pdf", dir=scratch)
        os.close(handle)
        self._temporary = Path(name)
        # spawn, not fork: the parent may run threads (the server, the progress bar), which fork does not copy.
        context = multiprocessing.get_context("spawn")
        self._answer, sender = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_make, args=(sender, document, options, built_at, self._temporary), daemon=True
        )
        self._process.start()
        sender.close()

    def wait(self) -> PdfResult:
        """Block until the PDF is made and in place; raises BuildFailed when it could not be made."""
        try:
            try:
                error = self._answer.recv()
            except EOFError:
                self._process.join()
                error = (
                    f"het maken stopte onverwacht (exitcode {self._process.exitcode}); "
                    "was er genoeg geheugen? Een grote PDF heeft veel nodig"
                )
            self._process.join()
            if error is None:
                try:
                    os.replace(self._temporary, self.target)
                except OSError as problem:
                    error = f"{self.target} kon niet worden geschreven: {problem.strerror or problem}"
            if error is not None:
                raise BuildFailed(
                    f"De PDF kon niet worden gemaakt: {error}. De website is wel gebouwd en staat in "
                    f"{self.target.parent}, zonder PDF."
                )
            return PdfResult(self.target, time.perf_counter() - self._started)
        finally:
            self._cleanup()

    def cancel(self) -> None:
        self._process.kill()
        self._process.join()
        self._cleanup()

    def _cleanup(self) -> None:
        self._answer.close()
        self._temporary.unlink(missing_ok=True)


def start_pdf(document: Document, options: SiteOptions, built_at: datetime, target: Path, scratch: Path) -> PdfJob:
    """Start making the PDF of `document`, to land at `target`, in a process of its own with a lower priority.

    `scratch` holds the unfinished file: a folder on the same disk as `target` that no build swaps away
    (the output folder's parent).
    """
    return PdfJob(document, options, built_at, target, scratch)


def wait_for_pdfs(jobs: list[PdfJob]) -> tuple[PdfResult, ...]:
    """Wait for every PDF; raises BuildFailed naming each that could not be made, after all are done."""
    results, failures = [], []
    for job in jobs:
        try:
            results.append(job.wait())
        except BuildFailed as error:
            failures.append(str(error))
    if failures:
        raise BuildFailed(" ".join(failures))
    return tuple(results)


def _make(answer: Connection, document: Document, options: SiteOptions, built_at: datetime, target: Path) -> None:
    """In the child: make the PDF, and answer None, or what went wrong."""
    os.nice(10)  # the site's pages go first on a busy machine
    try:
        write_pdf(document, options, built_at, target)
    except Exception as error:  # any failure goes to the parent, in words
        answer.send(f"{type(error).__name__}: {error}")
    else:
        answer.send(None)
    finally:
        answer.close()


def _identifier(document: Document, built_at: datetime) -> bytes:
    """A stable PDF identifier, so the same input gives the same bytes (WeasyPrint's default is random)."""
    return f"{document.kind.value}-{document.year}-{built_at.astimezone(UTC):%Y%m%d%H%M%S}".encode()
