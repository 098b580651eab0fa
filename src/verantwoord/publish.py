"""Build a loaded project: write each document's site and swap it in, and make its PDFs in processes of their own.

The second phase of `verantwoord build` (the first is `load_project`): nothing is written from a project with
errors, and a failed build leaves the previous site in place.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import escape

from verantwoord.build.format import build_time
from verantwoord.build.incremental import restamp_file
from verantwoord.build.paths import pdf_name
from verantwoord.build.pdf import PdfFailed, PdfJob, PdfResult, pdf_failure, start_pdf, try_print
from verantwoord.build.scratch import LockHolder, output_lock
from verantwoord.build.search import search_bundles
from verantwoord.build.site import (
    NOT_FOUND,
    DocumentSite,
    PageRenderer,
    Progress,
    RelatedDocument,
    SiteOptions,
    Theme,
    build_site,
    build_sites,
    pdf_link_html,
    portal_title,
    render_portal,
    write_failed,
)
from verantwoord.config import Config
from verantwoord.errors import BuildFailed, Problem, write_reason
from verantwoord.model import Document
from verantwoord.project import Project, load_project


@dataclass(frozen=True)
class BuildResult:
    project: Project
    output: Path
    pages: list[Path]
    site_seconds: float
    """From the start of the build to the site swapped in."""
    pdfs: tuple[PdfResult, ...] = ()
    """The PDFs made, one per document that has one; each in a process of its own (`start_pdf`)."""


def build_project(
    path: Path | str,
    output: Path | str | None = None,
    *,
    strict: bool = False,
    pdf: bool | None = None,
    progress: Progress | None = None,
    pdf_progress: Progress | None = None,
    waiting: Callable[[Path, LockHolder | None], object] | None = None,
) -> BuildResult:
    """Load, validate and build the project's site; nothing is written when the input has problems.

    `pdf` overrides the project's `pdf` setting when given. Each PDF is made in a process of its own
    while the site is written; the site is swapped in without waiting for it, and this waits for both.
    `progress` hears of the pages written, `pdf_progress` of the PDF's parts made (done, total). Another build
    into the same output (or `serve`'s work on it) is waited for; `waiting` hears of that, with the output folder and
    who holds it when that is known.
    """
    started = time.perf_counter()
    project = load_project(path, strict=strict)
    target = Path(output) if output is not None else project.config.output_dir
    loaded = time.perf_counter() - started
    with output_lock(target.resolve(), None if waiting is None else lambda holder: waiting(target, holder)):
        return _build(project, target, pdf, progress, pdf_progress, loaded)


def _build(
    project: Project,
    target: Path,
    pdf: bool | None,
    progress: Progress | None,
    pdf_progress: Progress | None,
    loaded: float,
) -> BuildResult:
    """Write the sites and make the PDFs of a loaded project; `loaded`: the seconds it took to load, which the site's
    time includes (the wait for another build not)."""
    started = time.perf_counter() - loaded
    sites = document_sites(project, pdf)
    built_at = build_time()
    folder = target.resolve()
    jobs: dict[str, PdfJob] = {}
    try:
        for site in sites:
            if site.options.pdf_name:
                try:
                    jobs[site.folder] = start_pdf(
                        site.document,
                        site.options,
                        built_at,
                        folder / site.folder / site.options.pdf_name,
                        folder.parent,
                    )
                except OSError as error:  # its work folder, beside the output: the site could not be written either
                    raise write_failed(folder, error) from None
        pages = write_sites(sites, target, built_at, progress)
    except BaseException:
        for job in jobs.values():
            job.cancel()
        raise
    site_seconds = time.perf_counter() - started
    pdfs, failures, problems = _wait_for_pdfs(jobs, sites, folder, pdf_progress)
    result = BuildResult(project, target, pages, site_seconds, pdfs)
    if failures:  # the site is built, with the warnings a build tells, and the PDFs that were made
        raise BuildFailed(" ".join(failures), [*project.problems, *problems], built=result)
    return result


def _wait_for_pdfs(
    jobs: dict[str, PdfJob], sites: list[DocumentSite], output: Path, progress: Progress | None
) -> tuple[tuple[PdfResult, ...], list[str], list[Problem]]:
    """Wait for every PDF: the ones made, and what went wrong with the others, each of which loses its links; and the
    problems of the theme's templates they failed on, once each (documents share the theme). PDFs that failed alike
    are told in one message, which names each site: the same reason twice over read as two faults."""
    results = []
    failed: dict[str, tuple[list[Path], list[str]]] = {}  # by reason: the sites, and what their links' removal said
    problems: dict[Problem, None] = {}
    placed: set[str] = set()
    try:
        for site in sites:
            if site.folder not in jobs:
                continue
            try:
                results.append(jobs[site.folder].wait(progress))
                placed.add(site.folder)
            except PdfFailed as error:
                where, told = failed.setdefault(error.reason, ([], []))
                where.append(error.site)
                problems.update(dict.fromkeys(error.problems))
                linked, unwritten = _unlink_pdf(output, site)
                # After a message that may name several sites, each PDF is named by its own.
                pdf = f"de PDF van {site.folder}" if site.folder else "die PDF"
                if unwritten:
                    more = f" en {len(unwritten) - 3} andere" if len(unwritten) > 3 else ""
                    told.append(
                        f"De link naar {pdf} kon niet uit alle pagina's worden gehaald ({unwritten[0][1]}): "
                        f"{', '.join(page for page, _ in unwritten[:3])}{more}; kijk of de schijf vol is en bouw "
                        "opnieuw."
                    )
                if linked:
                    more = f" en {len(linked) - 3} andere" if len(linked) > 3 else ""
                    told.append(
                        f"Deze pagina's linken nog naar {pdf}, in de opmaak van het eigen thema: "
                        f"{', '.join(linked[:3])}{more}; maak de PDF opnieuw, of haal de link uit het thema."
                    )
    except BaseException:  # interrupted: the other PDFs stop too, or the exit would wait for them
        for job in jobs.values():
            job.cancel()
        # The sites are in place already, and the previous PDFs went with the previous sites: no link to one not made.
        for site in sites:
            if site.folder in jobs and site.folder not in placed:
                _unlink_pdf(output, site)
        raise
    failures = [said for reason, (where, told) in failed.items() for said in (pdf_failure(reason, where), *told)]
    return tuple(results), failures, list(problems)


def _way_up(page: Path, root: Path, options: SiteOptions) -> str:
    """How `page` links to the site's root: up from where it stands, or, the 404 page shown at any address, from the
    site's folder on the server (`website.adres`)."""
    if page == root / NOT_FOUND and options.address is not None:
        return urlsplit(options.address).path
    return "../" * (len(page.relative_to(root).parts) - 1)


def _unlink_pdf(output: Path, site: DocumentSite) -> tuple[list[str], list[tuple[str, str]]]:
    """Take the links to a PDF that is not there out of the site's pages and the portal above them.

    Returns the pages (relative to `output`) that still link to it: a theme's own templates may write the link
    in another way, and then the user must hear of it; and the pages that could not be written (a full disk),
    each with the reason.
    """
    name, language = str(site.options.pdf_name), site.document.language
    root = output / site.folder
    pages = [(page, _way_up(page, root, site.options), name, None) for page in sorted(root.rglob("*.html"))]
    if site.folder:  # the portal names the document beside its link
        pages.insert(0, (output / "index.html", "", f"{site.folder}/{name}", site.document.title))
    linked, unwritten = [], []
    for page, up, path, document in pages:
        try:
            restamp_file(page, pdf_link_html(up + path, language, document).encode(), b"")
            content = page.read_bytes()
        except OSError as error:  # the others may still be written; the user hears of this one
            unwritten.append((page.relative_to(output).as_posix(), write_reason(error)))
            continue
        # Any other link to it: an href ending in its path, however the theme wrote the rest.
        if re.search(rb"""href=["'][^"']*""" + re.escape(str(escape(path)).encode()) + rb"""["']""", content):
            linked.append(page.relative_to(output).as_posix())
    return linked, unwritten


def document_sites(project: Project, pdf: bool | None = None) -> list[DocumentSite]:
    """Each document with its folder in the output and its site options, as `build_project` builds them.

    `pdf` overrides the project's `pdf` setting when given.
    """
    if len(project.documents) == 1:
        config = project.config
        options = site_options(config, config.pdf if pdf is None else pdf, project.document)
        return [DocumentSite("", project.document, options)]
    return [
        DocumentSite(
            config.folder,
            document,
            replace(
                site_options(config, config.pdf if pdf is None else pdf, document),
                related=_related(project, config.folder),
                portal=portal_title(project.documents[0]),
                folder=config.folder,
            ),
        )
        for config, document in zip(project.configs, project.documents, strict=True)
    ]


def try_theme(project: Project) -> None:
    """Render one page of each kind with the theme's templates, as `check` does: a template that compiles but asks
    for what is not there (`document.titel`) fails only when rendered, and `check` said "In orde" to it. The portal
    too, and the PDF's HTML, whether or not this build makes one: `build --pdf` is a word away."""
    if project.config.theme_folder is None:
        return
    now = datetime.now(UTC)
    sites = document_sites(project)
    for site in sites:
        renderer = PageRenderer(site.document, site.options, now)
        first = {page.template: index for index, page in reversed(list(enumerate(renderer.everything)))}
        for index in first.values():
            renderer.render(index)
        if site.options.address:  # the page for a missing address is made only then
            renderer.render_not_found()
        try_print(site.document, site.options, now)
    if sites[0].folder:  # documents beside each other, below a portal
        render_portal(sites, now)


def write_sites(
    sites: list[DocumentSite], output: Path, built_at: datetime, progress: Progress | None = None
) -> list[Path]:
    """Write the sites of `document_sites` to `output`, replacing what was there only on success."""
    if len(sites) == 1 and not sites[0].folder:
        return build_site(sites[0].document, output, sites[0].options, built_at=built_at, progress=progress)
    return build_sites(sites, output, built_at=built_at, progress=progress)


def _related(project: Project, folder: str) -> tuple[RelatedDocument, ...]:
    """The other documents of the project, with where each shows each of its indicators."""
    related = []
    for config, document in zip(project.configs, project.documents, strict=True):
        if config.folder == folder:
            continue
        pages = {
            indicator.id: f"{chapter.slug}/{section.slug}/"
            for chapter in document.chapters
            for section in chapter.sections
            for indicator in section.indicators
        }
        bundles = tuple(bundle.folder for bundle in search_bundles(document)) if config.search else ()
        related.append(RelatedDocument(document.title, config.folder, pages, bundles))
    return tuple(related)


def site_options(config: Config, pdf: bool, document: Document) -> SiteOptions:
    theme = Theme(
        folder=config.theme_folder, project=config.root, logo=config.logo, colour=config.colour, font=config.font
    )
    return SiteOptions(
        datetime_format=config.datetime_format,
        search=config.search,
        theme=theme,
        pdf_name=pdf_name(document) if pdf else None,
        address=f"{config.address}{config.folder}/" if config.address and config.folder else config.address,
    )
