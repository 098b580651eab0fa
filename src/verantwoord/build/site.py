"""Build the static site of a Document.

Pages: the home page with the whole table of contents, a page per chapter and per section. Each page
links only to its neighbours (breadcrumbs, previous/next), never carries the whole navigation, so one
page costs the same in a document of ten sections or of thousands. Links are relative, so the folder
works from any web server, in any subfolder.

The site is written into a temporary folder beside the output and swapped in only when everything
succeeded: a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import ctypes
import difflib
import functools
import gc
import html
import multiprocessing
import os
import shutil
import signal
import sys
import traceback
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from babel.lists import format_list
from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    PrefixLoader,
    StrictUndefined,
    Template,
    TemplateError,
    meta,
    pass_context,
)
from jinja2.runtime import Context
from jinja2.utils import missing
from markupsafe import Markup, escape

from verantwoord.build.charts import indicator_chart
from verantwoord.build.format import build_time, format_file_size, format_moment, format_number, spoken_html
from verantwoord.build.images import write_images
from verantwoord.build.markdown import first_paragraph, render_markdown, render_markdown_for_print
from verantwoord.build.measurements import indicator_measurements
from verantwoord.build.opendata import FOLDER as OPEN_DATA
from verantwoord.build.opendata import file_sizes, write_open_data
from verantwoord.build.paths import MARKER, SEARCH_PATH, STATEMENT_PATH, replaceable
from verantwoord.build.scratch import remove_abandoned, scratch_folder
from verantwoord.build.search import search_bundles, search_index
from verantwoord.build.status import JUDGED_KINDS, Judgement, judge_in_table, summarise
from verantwoord.build.tables import indicator_table, language_of, overview_table
from verantwoord.build.template_errors import in_dutch
from verantwoord.build.translations import LOCALES, translator
from verantwoord.config import AMSTERDAM, DEFAULT_DATETIME_FORMAT, path_as_in_settings
from verantwoord.errors import BuildFailed, Location, Problem, Severity, TemplateFailed, VerantwoordError, write_reason
from verantwoord.memory import trim_freed_memory
from verantwoord.model import Chapter, ColumnKind, Document, Image, Indicator, Period, Section, ValueKind
from verantwoord.slug import document_stem

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Theme:
    """How the site looks, from the project's `thema` settings. Empty means our neutral default."""

    folder: Path | None = None
    """Templates here override ours by name; a `thema.css` here is loaded after ours."""
    project: Path | None = None
    """The project's folder, from which a template that fails is named (thema/print.html), as the other problems."""
    logo: Path | None = None
    colour: str | None = None
    font: str | None = None

    def named(self, path: Path | str) -> str:
        """A template's file as a problem names it: one of the theme's or the project's from the project's folder, as
        the settings do (../gedeeld/print.html); one of ours in full, not as a way up from the project."""
        file = Path(os.path.normpath(path))
        within = (Path(os.path.normpath(f)) for f in (self.folder, self.project) if f)  # the settings' ../gedeeld
        if self.project is None or not any(file.is_relative_to(folder) for folder in within):
            return str(path)
        return path_as_in_settings(file, self.project)


@dataclass(frozen=True)
class RelatedDocument:
    """Another document of the same project, so an indicator can link to itself there."""

    title: str
    folder: str
    """Its folder beside this document's, in the project's output."""
    pages: dict[str, str]
    """Indicator id -> the path of the page that shows it, relative to that document's root."""
    search_bundles: tuple[str, ...] = ()
    """The folders of its search index (`search_bundles`), relative to its root, so that this document's search
    page searches it too; empty when it has no search."""


@dataclass(frozen=True)
class SiteOptions:
    datetime_format: str = DEFAULT_DATETIME_FORMAT
    search: bool = True
    theme: Theme = field(default_factory=Theme)
    pdf_name: str | None = None
    """The file name of the document's PDF when one is made, linked from every page."""
    related: tuple[RelatedDocument, ...] = ()
    portal: str | None = None
    """The title of the portal page one folder up, when the document is one of several under it; the trail of
    breadcrumbs starts there."""
    folder: str = ""
    """Its folder below the portal, when it is one of several documents; the search page's filter names it so."""
    address: str | None = None
    """Where the document's site is published (`website.adres`, with its folder), ending in "/"; None: unknown."""


@dataclass(frozen=True)
class DocumentSite:
    """One document of a project with several: its folder in the output and how it is built."""

    folder: str
    document: Document
    options: SiteOptions


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


NOT_FOUND = "404.html"
"""The page a web server shows for an address that is not there (with `website.adres` only: see `_write_site`)."""


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
    options = options or SiteOptions()

    def write(staging: Path) -> list[Path]:
        written = _write_site(document, staging, options, _moment(built_at), progress)
        if options.address is not None:
            _write_sitemap(staging, options.address, [options.address + path for path in _listed_paths(document)])
        return written

    return _publish(Path(output), write)


def build_sites(
    sites: list[DocumentSite],
    output: Path,
    *,
    built_at: datetime | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Write a site per document into its folder of `output`, and a portal page listing them.

    All or nothing, like `build_site`: the previous output stays until every document is written.
    """
    moment = _moment(built_at)

    def write(staging: Path) -> list[Path]:
        written = [Path("index.html")]
        for site in sites:
            folder = staging / site.folder
            folder.mkdir()
            options = replace(site.options, portal=portal_title(sites[0].document))
            written += [
                Path(site.folder) / page for page in _write_site(site.document, folder, options, moment, progress)
            ]
        _write_portal(sites, staging, moment)
        first = sites[0].options.address
        if first is not None:
            address = first.removesuffix(f"{sites[0].folder}/")
            listed = [address] + [
                f"{site.options.address}{path}" for site in sites for path in _listed_paths(site.document)
            ]
            _write_sitemap(staging, address, listed)
        return written

    return _publish(Path(output), write)


def _listed_paths(document: Document) -> list[str]:
    """The pages of a document a search engine should find: its reading order and the accessibility statement."""
    return [page.path for page in site_pages(document)] + [STATEMENT_PATH]


def _write_sitemap(root: Path, address: str, addresses: list[str]) -> None:
    """sitemap.xml, of the full addresses only `website.adres` knows. A robots.txt that names it only where the site
    is the host's whole website: a search engine reads robots.txt at the top of the host, never in a folder."""
    # html.escape, not xml.sax.saxutils.escape (the same three characters): that imports urllib.request, http and ssl.
    urls = "".join(f"<url><loc>{html.escape(url, quote=False)}</loc></url>\n" for url in addresses)
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n',
        encoding="utf-8",
    )
    if urlsplit(address).path == "/":
        (root / "robots.txt").write_text(
            f"User-agent: *\nAllow: /\n\nSitemap: {address}sitemap.xml\n", encoding="utf-8"
        )


def _moment(built_at: datetime | None) -> datetime:
    return built_at or build_time()


def _publish(output: Path, write: Callable[[Path], list[Path]]) -> list[Path]:
    """Run `write` into a staging folder beside `output` and swap it in only when it succeeded."""
    output = output.resolve()
    _check_replaceable(output)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        remove_abandoned(output.parent)
        staging = scratch_folder(output.parent, "site")
    except OSError as error:
        raise write_failed(output, error) from None
    try:
        written = write(staging)
        (staging / MARKER).write_text("Deze map is gemaakt door verantwoord en wordt bij elke build vervangen.\n")
        _swap(staging, output)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise write_failed(output, error) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written


def write_failed(output: Path, error: OSError) -> BuildFailed:
    """The site could not be written into `output` (no rights, a full disk): the previous one stays."""
    return BuildFailed(
        f"De website kon niet worden geschreven in {output}: {write_reason(error)}. De vorige versie is "
        "onveranderd. Hint: kies met --out een map waarin u mag schrijven, en kijk of de schijf vol is."
    )


def _check_replaceable(output: Path) -> None:
    if not replaceable(output):
        raise BuildFailed(
            f"De uitvoermap {output} bestaat al en is niet door verantwoord gemaakt: verantwoord vervangt hem niet. "
            "Hint: kies een nieuwe of lege map bij 'uitvoer' in verantwoord.yaml (of met 'build --out'), of "
            "verwijder de map zelf."
        )


def _swap(staging: Path, output: Path) -> None:
    staging.chmod(0o755)
    if not output.exists():
        staging.rename(output)
        return
    retired = scratch_folder(output.parent, "oud")
    retired.rmdir()
    if _exchange(staging, output):
        # `staging` holds the old site now (`_publish` removes it if this is interrupted): it goes under an old site's
        # name, as after two renames, so that a work folder of a site (.verantwoord-site-) is always one being written.
        staging.rename(retired)
    else:
        output.rename(retired)
        try:
            staging.rename(output)
        except BaseException:  # interrupted (or refused) between the two renames: the old site goes back
            retired.rename(output)
            raise
    try:
        shutil.rmtree(retired, ignore_errors=True)
    except KeyboardInterrupt:
        # Ctrl+C after the swap: the new site is in place, and the old one (tens of MB) must not stay behind.
        shutil.rmtree(retired, ignore_errors=True)
        raise


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux's renameat2 with RENAME_EXCHANGE), so that a web server serving `second`
    finds the old site or the new, never none: between two renames it answered 404. False where the system cannot
    (another system, an old kernel or C library, a file system without it), and nothing has changed then."""
    if sys.platform != "linux":
        return False
    try:
        renameat2 = ctypes.CDLL(None).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0


class _Undefined(StrictUndefined):
    """A name or attribute a template asks for that is not there, said in Dutch with the nearest one that is: a
    theme's `{{ document.organization }}` was "'verantwoord.model.Document object' has no attribute 'organization'"."""

    @property
    def _undefined_message(self) -> str:
        name, owner = self._undefined_name, self._undefined_obj
        if self._undefined_hint or owner is missing:
            return self._undefined_hint or f"de naam '{name}' bestaat niet"
        if not isinstance(name, str):
            return f"er is geen element {name!r}"
        if owner is None:  # {{ next.title }} on the last page
            return f"hier is geen waarde (None), dus ook geen '{name}': kijk eerst met {{% if %}} of hij er is"
        names = owner.keys() if isinstance(owner, dict) else [n for n in dir(owner) if not n.startswith("_")]
        near = difflib.get_close_matches(name, [n for n in names if isinstance(n, str)], n=1)
        what = "er is geen" if isinstance(owner, dict) else f"een {type(owner).__name__} heeft geen"
        return f"{what} '{name}'" + (f" (bedoelt u '{near[0]}'?)" if near else "")


def _environment(theme: Theme) -> Environment:
    """Our templates, with a theme's of the same name in their place. Ours are also "verantwoord/base.html" and so
    on, so that a theme's base.html can extend ours and change a block only: what our base.html gains (a search
    attribute, breadcrumbs) then reaches the theme's pages, where a copy of the whole file would miss it."""
    ours = PackageLoader("verantwoord.build", "templates")
    loaders: list = [ours, PrefixLoader({"verantwoord": ours})]
    if theme.folder is not None:
        loaders.insert(0, FileSystemLoader(theme.folder))
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=_Undefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a build: no stat() of the file per include
    )


def markdown_global(language: str, printing: bool = False, places: dict[str, str] | None = None) -> Callable[..., str]:
    """The templates' `markdown`: the images it shows are the document's, and the way up to the site's root is the
    page's `root`, unless the template names them. A theme's own section.html that wrote `markdown(page.section.text)`
    left the text's images out without a word. `printing`: for the PDF, whose images are beside its HTML, and where
    a link to a chapter or section names it from `places` (`print_places`), starting from the text's `page`."""

    @pass_context
    def markdown(
        context: Context,
        text: str,
        top_level: int = 2,
        line_breaks: bool = False,
        *,
        footnote_ids: str = "tekst",
        images: tuple[Image, ...] | None = None,
        root: str | None = None,
        page: str | None = None,
        text_language: str | None = None,
    ) -> str:
        shown = context["document"].images if images is None else images
        if printing:
            return render_markdown_for_print(
                text,
                top_level,
                line_breaks,
                language=language,
                footnote_ids=footnote_ids,
                images=shown,
                page=page,
                places=places,
                text_language=text_language,
            )
        up = context.get("root", "") if root is None else root
        return render_markdown(
            text,
            top_level,
            line_breaks,
            language=language,
            footnote_ids=footnote_ids,
            images=shown,
            root=up,
            text_language=text_language,
        )

    return markdown


def print_places(document: Document) -> dict[str, str]:
    """Each chapter's and section's page on the site, with the words that name it on paper ("paragraaf 4.2")."""
    translate = translator(document.language)
    places = {}
    for chapter in document.chapters:
        places[f"{chapter.slug}/"] = translate("print_chapter", number=chapter.number)
        for section in chapter.sections:
            places[f"{chapter.slug}/{section.slug}/"] = translate("print_section", number=section.number)
    return places


def _status_helpers(document: Document, translate: Callable[..., str]) -> dict[str, Callable]:
    """Template helpers for status against target; no status at all for documents that look ahead."""
    judged = document.kind in JUDGED_KINDS
    year = str(document.year)
    # Each indicator is judged by the table of its own section, which `paragrafen` may lay out otherwise. Only
    # those are looked up: a map of every indicator took 10 ms of each page `serve` writes at 1,000 sections.
    own = document.section_layouts
    layouts = {i.id: own[s.number] for s in document.sections() if s.number in own for i in s.indicators}

    # By the indicator itself: the section's summary and the indicator's own status ask alike.
    known: dict[int, tuple[Indicator, Judgement | None]] = {}

    def status(indicator: Indicator) -> Judgement | None:
        if not judged:
            return None
        entry = known.get(id(indicator))
        if entry is None or entry[0] is not indicator:
            layout = layouts.get(indicator.id, document.layout)
            entry = known[id(indicator)] = (indicator, judge_in_table(indicator, document.year, layout))
        return entry[1]

    def status_text(judgement: Judgement) -> str:
        key = f"status_{judgement.reason or judgement.status.value}"
        return translate(key, year=year)

    def summary_text(indicators: list[Indicator]) -> str | None:
        if not judged:
            return None
        summary = summarise(status(indicator) for indicator in indicators)
        if not summary.total:
            return None
        # The targets not met are named beside those that cannot be judged: "0 van de 2 gehaald (1 niet te
        # beoordelen)" left the reader to work out that the other one was missed.
        met, not_met, not_judged, total = (
            format_number(Decimal(n), None, document.language)
            for n in (summary.met, summary.not_met, summary.not_judged, summary.total)
        )
        text = translate("summary_one" if summary.total == 1 else "summary", met=met, total=total)
        if summary.not_judged and summary.not_met:
            text += " " + translate("summary_not_met_not_judged", not_met=not_met, count=not_judged)
        elif summary.not_judged:
            text += " " + translate("summary_not_judged", count=not_judged)
        return text

    return {"status": status, "status_text": status_text, "summary_text": summary_text}


def _table_helpers(document: Document, translate: Callable[..., str]) -> dict[str, Callable]:
    """Template helpers for the indicators of a section, each in the section's layout (build/tables.py)."""
    language, organisation, layout = document.language, document.organisation, document.layout_of
    quoted = document.export_language
    return {
        "layout_of": layout,
        # ' lang="nl"' for an element that holds one of the export's texts, where they are not in the page's language
        "export_lang": lambda text: Markup(f' lang="{lang}"') if (lang := language_of(text, quoted)) else "",
        "indicator_table": lambda indicator, section: indicator_table(
            indicator, layout(section), language, translate, organisation, quoted
        ),
        "overview_table": lambda section: overview_table(
            section, layout(section), language, translate, organisation, quoted
        ),
        "indicator_measurements": lambda indicator, section: indicator_measurements(
            indicator, layout(section), language, translate
        ),
        "indicator_chart": lambda indicator, section, printing=False: indicator_chart(
            indicator, layout(section), language, translate, alt_with_trend=printing, narrow=not printing
        ),
    }


def _file_size(sizes: Mapping[str, int], language: str, name: str) -> str:
    """What follows an open-data file's link text on the home page: its size, " (11 kB)", or nothing when it is not
    known."""
    return f" ({format_file_size(sizes[name], language)})" if name in sizes else ""


@dataclass(frozen=True)
class SearchDocument:
    """A document the search page can restrict its results to: its folder, which its pages are filtered by, its
    title, and the folders of its indexes that the page merges (relative to this document's root)."""

    folder: str
    title: str
    merged: tuple[str, ...]
    own: bool = False


def _search_documents(document: Document, options: SiteOptions) -> list[SearchDocument]:
    """The documents the search page's filter offers: this one first, then the others that have search. None for a
    document alone, or beside others without search: all its results are its own."""
    others = [other for other in options.related if other.search_bundles]
    if not others:
        return []
    own = SearchDocument(options.folder, document.title, tuple(_search_merged(document, ())), own=True)
    return [own] + [SearchDocument(other.folder, other.title, _other_bundles(other)) for other in others]


def _search_merged(document: Document, related: tuple[RelatedDocument, ...]) -> list[str]:
    """The search indexes the search page merges with the document's own, relative to its root: the other parts of a
    large document's index, and those of the other documents beside it, so that one search finds them all."""
    own = [f"{bundle.folder}/" for bundle in search_bundles(document)[1:]]
    return own + [path for other in related for path in _other_bundles(other)]


def _other_bundles(other: RelatedDocument) -> tuple[str, ...]:
    return tuple(f"../{other.folder}/{folder}/" for folder in other.search_bundles)


class PageRenderer:
    """Renders the pages of one document to HTML: what `build_site` writes, and what `serve` re-renders one by one.

    `pages` are the document's pages in reading order; `everything` adds the service pages (statement, search).
    `env` is the Jinja environment with the document's helpers, which the PDF renders with too.
    """

    def __init__(
        self,
        document: Document,
        options: SiteOptions,
        built_at: datetime,
        env: Environment | None = None,
        sizes: Mapping[str, int] | None = None,
    ) -> None:
        """`env` is an earlier renderer's, with the same theme, to save compiling the templates again. `sizes` are the
        open-data files' (`file_sizes`), which the home page's links show: read when it is rendered, so that the
        caller may fill them in once the open data is written; in place, for the macros a page imports keep the
        globals of the environment's first renderer (Jinja caches them). Without them (a theme tried before its
        build) the links have none."""
        env = env or _environment(options.theme)
        translate = translator(document.language)
        build_text = format_moment(built_at, options.datetime_format, document.language)
        footer = provenance("footer", document, options, built_at, translate)
        pdf_provenance = provenance("pdf", document, options, built_at, translate)
        env.globals.update(
            t=translate,
            document=document,
            footer=footer,
            fingerprint=fingerprint_line(document, translate),
            pdf_provenance=pdf_provenance,
            markdown=markdown_global(document.language),
            open_data=OPEN_DATA,
            download_stem=document_stem(document),
            file_size=functools.partial(_file_size, {} if sizes is None else sizes, document.language),
            options=options,
            assets=asset_paths(options.theme),
            search_path=SEARCH_PATH,
            search_bundles=search_bundles(document),
            search_merged=_search_merged(document, options.related),
            search_documents=_search_documents(document, options),
            statement_path=STATEMENT_PATH,
            built_at=build_text,
            built_iso=built_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            printing=False,
            coverage_text=coverage_text,
        )
        env.globals.update(_table_helpers(document, translate))
        env.globals.update(_status_helpers(document, translate))
        env.globals["related_links"] = lambda indicator: [
            (other.title, f"../{other.folder}/{other.pages[indicator.id]}#ind-{indicator.id}")
            for other in options.related
            if indicator.id in other.pages
        ]
        self.env = env
        self.document, self.options, self._translate = document, options, translate
        self.theme_folder = options.theme.folder
        self.pages = site_pages(document)
        statement_title = document.statement.title if document.statement else translate("statement_title")
        service_pages = [Page(STATEMENT_PATH, statement_title, "statement")]
        if options.search:
            service_pages.append(Page(SEARCH_PATH, translate("search_title"), "search"))
        self.everything = self.pages + service_pages
        try:
            self._templates = {name: env.get_template(f"{name}.html") for name in {p.template for p in self.everything}}
        except TemplateError as error:
            raise template_failed(error, options.theme) from None
        except UnicodeDecodeError:
            raise _not_utf8(options) from None

    def render(self, index: int) -> str:
        """The HTML of `everything[index]`."""
        page = self.everything[index]
        in_order = index < len(self.pages)
        return self._render(
            self._templates[page.template],
            page,
            "../" * page.depth,
            previous=self.pages[index - 1] if in_order and index > 0 else None,
            next=self.pages[index + 1] if in_order and index + 1 < len(self.pages) else None,
        )

    def render_not_found(self) -> str:
        """The HTML of the page for an address that is not there. A web server shows it at any address, at any
        depth, so its links start from the site's own path on the server (`website.adres`), not from the page."""
        assert self.options.address is not None
        try:
            template = self.env.get_template("not_found.html")
        except TemplateError as error:
            raise template_failed(error, self.options.theme) from None
        page = Page(NOT_FOUND, self._translate("not_found_title"), "not_found")
        return self._render(template, page, urlsplit(self.options.address).path, previous=None, next=None)

    def _render(self, template: Template, page: Page, root: str, **neighbours: Page | None) -> str:
        try:
            return template.render(page=page, root=root, meta=self._meta(page, root), **neighbours)
        except Exception as error:
            if not in_template(error, self.theme_folder):
                raise  # not in a template, nor called from a theme's: a bug in our own code, with its traceback
            raise template_failed(error, self.options.theme) from None

    def _meta(self, page: Page, root: str) -> dict[str, str | None]:
        """What a search engine and a link preview show of the page: its description is the first paragraph of its
        text (rendered as the page renders it, so from the cache), else the page and document it is."""
        document, translate = self.document, self._translate
        text = ""
        if page.section is not None:
            text = page.section.text
        elif page.chapter is not None:
            text = page.chapter.text
        elif page.template == "statement" and document.statement is not None:
            text = document.statement.text
        described = document.language, document.images, root
        description = first_paragraph(_page_markdown(text, *described)) if text.strip() else ""
        whole = translate("document_of", title=document.title, organisation=document.organisation)
        home = page.template == "home"
        address = self.options.address
        return {
            "description": description or (whole if home else f"{page.title} – {whole}"),
            "title": document.title if home else f"{page.title} – {document.title}",
            "site_name": document.organisation,
            "locale": LOCALES[document.language],
            "canonical": f"{address}{page.path}" if address and page.template not in ("not_found", "search") else None,
        }


def _page_markdown(text: str, language: str, images: tuple[Image, ...], root: str) -> str:
    """A page's text as its template's `markdown(text)` renders it: the same arguments, so the same cached HTML."""
    return render_markdown(text, language=language, footnote_ids="tekst", images=images, root=root)


def _not_utf8(options: SiteOptions) -> VerantwoordError:
    """A theme's template that is not UTF-8 (saved by an editor in Windows-1252, say): which one."""
    folder = options.theme.folder
    for path in sorted(folder.glob("*.html")) if folder is not None else []:
        try:
            path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            return VerantwoordError(f"{path}: dit sjabloon is geen UTF-8. Hint: sla het op als UTF-8.")
    return VerantwoordError("Een sjabloon is geen UTF-8. Hint: sla de sjablonen van het thema op als UTF-8.")


def theme_template_problems(folder: Path) -> list[tuple[Path, int | None, str, str]]:
    """The theme's templates in place of ours that do not compile (file, line, what is wrong, what to do): `check`
    says so, as `build` would. Other .html files there (a mock-up, a part included by name) are compiled when used."""
    env = _environment(Theme(folder=folder))
    ours = set(PackageLoader("verantwoord.build", "templates").list_templates())
    instead = "of haal het weg: dan gebruikt verantwoord zijn eigen"
    found = []
    for path in sorted(folder.glob("*.html")):
        if path.name not in ours:
            continue
        try:
            env.get_template(path.name)
        except TemplateError as error:
            message = in_dutch(error, env.list_templates())
            found.append((path, getattr(error, "lineno", None), message, f"verbeter het sjabloon, {instead}."))
        except UnicodeDecodeError:
            found.append((path, None, "dit sjabloon is geen UTF-8", f"sla het op als UTF-8, {instead}."))
    return found


_EXTENDABLE = ("base.html", "print.html", "portal.html")
"""Our templates with blocks a theme's can change, extending ours, where a copy of the whole misses what ours gain."""


@dataclass(frozen=True)
class _Feature:
    """What one of our templates gained that a theme's copy made before lacks: `mark` is in every template that has
    it; `needs` is the setting it serves ("portal_search": documents beside each other, with search), and `where`
    what the template must show for it to matter (the texts, for the numbers after their links)."""

    template: str
    mark: str
    needs: str
    missing: str
    hint: str
    where: str = ""


_FEATURES = (
    _Feature(
        "base.html",
        "lang=",
        "",
        "de pagina's noemen hun taal niet (<html lang>), en een voorleesprogramma leest ze dan met de verkeerde "
        "uitspraak voor (WCAG 3.1.1)",
        'zet lang="{{ document.language }}" op <html>',
        where="<html",
    ),
    _Feature(
        "base.html",
        'href="#',
        "",
        "de pagina's hebben geen link 'Naar de inhoud' voor wie met het toetsenbord de kop overslaat (WCAG 2.4.1)",
        'neem <a class="skip-link" href="#inhoud">{{ t(\'skip\') }}</a> als eerste in <body> over, met id="inhoud" '
        "op <main>",
        where="<main",
    ),
    _Feature(
        "base.html",
        "<title>{% if page.template",
        "",
        "de zoekpagina en de toegankelijkheidsverklaring hebben dezelfde titel als de startpagina (WCAG 2.4.2)",
        'begin de <title> met {% if page.template != "home" %}{{ page.title }} – {% endif %}',
        where="<title>{% if page.chapter %}",
    ),
    _Feature(
        "base.html",
        '"statement"',
        "",
        "de zoekpagina en de toegankelijkheidsverklaring (en in een portaal de startpagina) hebben geen kruimelpad",
        "neem het blok breadcrumbs over",
        where='{% if page.chapter %}\n<nav class="breadcrumbs',
    ),
    _Feature(
        "base.html",
        "{{ options.portal }}",
        "portal",
        "het kruimelpad begint niet bij de pagina met alle documenten",
        "neem het blok breadcrumbs over",
        where='<nav class="breadcrumbs',
    ),
    _Feature(
        "base.html",
        "meta.",
        "",
        "de pagina's hebben geen beschrijving voor zoekmachines en gedeelde links (meta description, og:) en, met "
        "website.adres, geen vast adres (canonical)",
        'zet {% include "meta.html" %} in <head>',
        where="<head>",
    ),
    _Feature(
        "base.html",
        "{{ footer }}",
        "",
        "de voettekst noemt niet wanneer de pagina gemaakt is en uit welke export",
        'zet <p class="provenance">{{ footer }}</p> in de voettekst',
    ),
    _Feature(
        "base.html",
        "fingerprint",
        "",
        "de voettekst noemt de vingerafdruk (SHA-256) van de export niet, waaraan een controleur twee exports met "
        "dezelfde naam en tijd uit elkaar houdt",
        'zet {% if fingerprint %}<p class="fingerprint">{{ fingerprint }}</p>{% endif %} onder de regel met '
        "{{ footer }}",
        where="{{ footer }}",
    ),
    _Feature(
        "home.html",
        "coverage_text",
        "",
        "de startpagina noemt niet welke jaren de tabellen tonen ('Cijfers: realisatie 2016–2020, streefcijfers 2020')",
        "neem {% set coverage = coverage_text(document) %} en de alinea document-coverage over",
        where="toc-chapters",
    ),
    _Feature(
        "home.html",
        "open_data_links",
        "",
        "de startpagina heeft de lijst met open data niet, waar de link 'Open data' in de voettekst van elke pagina "
        "heen gaat",
        "neem {{ open_data_links(root) }} uit macros.html over",
        where="toc-chapters",
    ),
    _Feature(
        "base.html",
        'data-pagefind-meta="document"',
        "portal_search",
        "een zoekresultaat uit een ander document noemt niet uit welk document het komt",
        'zet data-pagefind-meta="document" op de link met de titel van het document in de kop',
    ),
    _Feature(
        "search.html",
        "search_merged",
        "portal_search",
        "de zoekpagina doorzoekt alleen dit document, niet de andere documenten van de website",
        "neem data-bundles met search_merged over in het element met id 'zoeken'",
    ),
    _Feature(
        "search.html",
        "search_documents",
        "portal_search",
        "een lezer kan de zoekresultaten niet tot één document beperken",
        "neem het blok {% if search_documents %} over, met de alinea met class 'search-unknown' en de fieldset met "
        "class 'search-documents'",
    ),
    _Feature(
        "search.html",
        "search_unknown_document",
        "portal_search",
        "een link naar de zoekpagina met een document dat de website niet heeft ('document=jaarrekening-2022') "
        "doorzoekt alle documenten zonder dat te zeggen",
        "neem de alinea met class 'search-unknown' over",
        where="search-documents",
    ),
    _Feature(
        "search.html",
        "search_count",
        "portal_search",
        "de zoekresultaten zeggen niet hoeveel er in elk document zijn ('Begroting 2024 (2 resultaten)')",
        "neem data-none, data-one, data-many, data-in en data-in-none van de fieldset met class 'search-documents' "
        "over",
        where="search-documents",
    ),
    _Feature(
        "portal.html",
        "search_path",
        "portal_search",
        "de portaalpagina heeft geen zoekvak",
        "neem het formulier met class 'portal-search' over",
    ),
    _Feature(
        "portal.html",
        "search_documents",
        "portal_search",
        "een lezer kan op de portaalpagina niet kiezen in welk document hij zoekt, alleen daarna op de zoekpagina",
        "neem de keuzelijst met name 'document' in het formulier met class 'portal-search' over",
        where="portal-search",
    ),
    _Feature(
        "print.html",
        "pdf_online",
        "address",
        "de PDF noemt bij de hoofdstukken en paragrafen hun adres op de website niet ('Op de website: …')",
        "neem de macro online en waar hij gebruikt wordt over",
    ),
    _Feature(
        "print.html",
        "page=",
        "",
        "een link in de tekst naar een andere paragraaf krijgt in de PDF haar nummer niet ('paragraaf 4.2')",
        'geef markdown() de pagina mee: markdown(section.text, 3, page=chapter.slug ~ "/" ~ section.slug ~ "/")',
        where="markdown(",
    ),
    _Feature(
        "indicator.html",
        "page=",
        "",
        "een link in de toelichting van een indicator naar een andere paragraaf krijgt in de PDF haar nummer niet "
        "('paragraaf 4.2')",
        'geef markdown() de pagina van de paragraaf mee: page=(chapter.slug ~ "/" ~ section.slug ~ "/") if printing '
        "else none",
        where="markdown(",
    ),
    _Feature(
        "print-margins.html",
        "in turned",
        "",
        "een pagina die een brede tabel liggend toont, krijgt geen liggende kop en paginanummer, en de PDF mislukt dan",
        "neem @page wide, de class wide en 'loop.index0 in turned' over",
    ),
)


def theme_template_gaps(folder: Path, settings: Collection[str]) -> list[tuple[Path, str, str]]:
    """The theme's templates in place of ours that lack what ours have since (file, what the site misses, what to
    do): a copy of an older version of ours keeps working, without a word of what it leaves out. `settings` says
    what the project uses ("portal_search", "address"). A template that extends ours ("verantwoord/base.html") has
    what ours has."""
    env = _environment(Theme(folder=folder))
    found = []
    for name in dict.fromkeys(feature.template for feature in _FEATURES):
        path = folder / name
        try:
            source = path.read_text(encoding="utf-8").replace("\r\n", "\n")  # as saved on Windows
            extends_ours = f"verantwoord/{name}" in set(meta.find_referenced_templates(env.parse(source)))
        except (OSError, UnicodeDecodeError, TemplateError):
            continue  # none, or one that does not compile: `theme_template_problems` says so
        needed = [feature for feature in _FEATURES if feature.template == name and feature.needs in {"", *settings}]
        missing = [feature for feature in needed if feature.mark not in source and feature.where in source]
        if missing and not extends_ours:
            how = "; ".join(dict.fromkeys(feature.hint for feature in missing)) + f", zoals in ons {name}"
            if name in _EXTENDABLE:
                how += f', of begin het met {{% extends "verantwoord/{name}" %}} en verander alleen blokken'
            found.append((path, "; ".join(feature.missing for feature in missing), how))
    return found


def in_template(error: Exception, theme: Path | None) -> bool:
    """Whether a template caused `error`: Jinja's own, one raised in a template, or in code a theme's called."""
    if isinstance(error, TemplateError):
        return True
    frames = traceback.extract_tb(error.__traceback__)
    return bool(frames) and (frames[-1].filename.endswith(".html") or bool(_theme_frames(frames, theme)))


def _theme_frames(frames: traceback.StackSummary, theme: Path | None) -> list[traceback.FrameSummary]:
    return [frame for frame in frames if theme is not None and Path(frame.filename).is_relative_to(theme)]


def template_failed(error: Exception, theme: Theme) -> VerantwoordError:
    """A template (a theme's own, mostly) that cannot be compiled or rendered: its file and line, not a traceback.

    Where the error came up in our code (`t('zoekn')`) or in our template (one the theme's includes without setting
    what it needs), the place named is the theme's template that led there, with ours beside it. Its file is named
    from the project's folder, as the other problems and the settings name it (Jinja gives it in full)."""
    filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    via = ""
    if filename is None:  # an error while rendering: Jinja gives the template's frames their file and line
        frames = traceback.extract_tb(error.__traceback__)
        templates = [frame for frame in frames if frame.filename.endswith(".html")]
        theirs = _theme_frames(frames, theme.folder)
        if theirs:
            filename, line = theirs[-1].filename, theirs[-1].lineno
            if templates and templates[-1] is not theirs[-1]:
                via = f" (in {Path(templates[-1].filename).name}, regel {templates[-1].lineno})"
        elif templates:
            filename, line = templates[-1].filename, templates[-1].lineno
    message = in_dutch(error, _environment(Theme(folder=theme.folder)).list_templates()) or type(error).__name__
    if isinstance(error, KeyError):  # t('zoekn'): a name that is not there, which str() gives as "'zoekn'" alone
        message = f"onbekende naam {error}"
    message = f"dit sjabloon geeft een fout{via}: {message}."
    hint = (
        "verbeter het sjabloon in de map van het thema (thema.map), of haal het weg: dan gebruikt verantwoord zijn "
        "eigen."
    )
    if filename is None:
        return VerantwoordError(f"{message} Hint: {hint}")
    return TemplateFailed(Problem(Severity.ERROR, Location(theme.named(filename), line=line), message, hint=hint))


def _write_site(
    document: Document, root: Path, options: SiteOptions, built_at: datetime, progress: Progress | None
) -> list[Path]:
    _write_assets(root, options.theme)
    write_images(document.images, root)
    sizes: dict[str, int] = {}
    renderer = PageRenderer(document, options, built_at, sizes=sizes)

    def render(index: int) -> None:
        target = root / renderer.everything[index].path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(renderer.render(index), encoding="utf-8")

    count = len(renderer.everything)
    _render_all(render, count, progress)
    written = [Path(page.path) / "index.html" for page in renderer.everything]
    if options.address is not None:
        (root / NOT_FOUND).write_text(renderer.render_not_found(), encoding="utf-8")
    # The home page's links show the open-data files' sizes, so it is rendered once they are written; Pagefind
    # indexes the other parts of a large document meanwhile, and the part with the home page after it (`search_index`).
    with search_index(root, search_bundles(document)) if options.search else nullcontext():
        write_open_data(document, root, built_at, options.address)
        sizes.update(file_sizes(root))
        render(0)  # the home page
        if progress:
            progress(count, count)
    return written


PARALLEL_FROM = 200
"""From this many pages, rendering is shared over the machine's cores; below it, starting processes costs more."""
_CHUNK = 25
_CHUNKS_PER_WORKER = 20
"""A worker is replaced by a fresh fork after this many chunks (500 pages). Reading the shared document changes
its objects' reference counts, so a worker copies page after page of it into memory of its own; a fresh fork
shares it again. At 5,000 sections the build's processes together peak at 465 MiB instead of 655 MiB (PSS,
bench/HISTORY.md), in the same time."""
_render_in_child: Callable[[int], None] | None = None


def _render_all(render: Callable[[int], None], count: int, progress: Progress | None) -> None:
    """Render pages 1..count-1, in forked worker processes when the document is large; `progress` counts the home
    page (page 0), which the caller renders after the open data, whose files' sizes it shows.

    Every page depends only on the validated document, so the workers need nothing sent to them: a
    forked child already has it. The output is the same as rendering in order.

    The home page sums up every indicator of the document, and so does the open data: they are made in this process,
    after the workers end. A worker that read every indicator would copy the whole document into memory of its own
    (the reference counts change), 170 MiB at 5,000 sections, where a section page copies 15 MiB; this process, doing
    so while the workers share the document, would copy it too.
    """
    workers = min(os.cpu_count() or 1, 8)
    if count < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for index in range(1, count):
            render(index)
            if progress:
                progress(index, count)
        return
    global _render_in_child
    _render_in_child = render
    chunks = [range(start, min(start + _CHUNK, count)) for start in range(1, count, _CHUNK)]
    _release_free_memory()
    # Frozen, the document is left alone by the workers' garbage collector: it neither scans it again nor
    # writes to (and so copies) the pages it shares with this process.
    gc.freeze()
    context = multiprocessing.get_context("fork")
    try:
        with context.Pool(workers, _default_signals, maxtasksperchild=_CHUNKS_PER_WORKER) as pool:
            done = 0
            for size in pool.imap_unordered(_render_chunk, chunks):
                done += size
                if progress:
                    progress(done, count)
            # Done: the workers end on their own. Leaving the `with` terminates them with SIGTERM, which only
            # an error or an interruption should need.
            pool.close()
            pool.join()
    finally:
        gc.unfreeze()
        _render_in_child = None


def _release_free_memory() -> None:
    """Give the memory that reading the export used and freed back to the system, where the C library allows it.

    glibc's malloc keeps freed memory for later use: after reading a workbook of 5,000 sections, 110 MiB
    that this process no longer uses, which the build would keep for its whole length (bench/HISTORY.md).
    """
    gc.collect()
    trim_freed_memory()


def _default_signals() -> None:
    """In a render worker: SIGTERM and SIGHUP end it at once, whatever the command line set up for itself.

    The command line turns them into an orderly exit of its own process (`cli._stop_on_signals`); a forked
    worker would inherit that, and a worker that catches the pool's SIGTERM at the wrong moment never ends.
    """
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def _render_chunk(indices: range) -> int:
    assert _render_in_child is not None
    for index in indices:
        _render_in_child(index)
    return len(indices)


def provenance(
    prefix: str, document: Document, options: SiteOptions, built_at: datetime, translate: Callable[..., str]
) -> Markup:
    """When the page (prefix "footer") or the PDF ("pdf") was built, and from the export of when."""
    build = _moment_html(built_at, options.datetime_format, document.language)
    if document.export.time is None:
        return escape(translate(f"{prefix}_built_unknown")).format(build=build)
    export = _moment_html(document.export.time, options.datetime_format, document.language)
    return escape(translate(f"{prefix}_built")).format(build=build, export=export)


def _moment_html(moment: datetime, pattern: str, language: str) -> Markup:
    """A moment as the pattern shows it ("29 november 2026 om 10:39"), in a <time> that holds it to the second
    in Amsterdam time: exact for an auditor and for software, where the text reads as a date."""
    exact = moment.astimezone(AMSTERDAM).isoformat(timespec="seconds")
    return Markup('<time datetime="{}">{}</time>').format(exact, format_moment(moment, pattern, language))


def fingerprint_line(document: Document, translate: Callable[..., str]) -> str:
    """The line under the provenance that tells this export from any other, also from a re-export under the same
    name and stated time (`Export.fingerprint`); empty without one."""
    fingerprint = document.export.fingerprint
    return translate("provenance_fingerprint", fingerprint=fingerprint) if fingerprint else ""


def footer_html(document: Document, options: SiteOptions, built_at: datetime) -> str:
    """The provenance lines of a page as `base.html` writes them: what `serve` swaps when only the export changed."""
    translate = translator(document.language)
    line = provenance("footer", document, options, built_at, translate)
    fingerprint = fingerprint_line(document, translate)
    return f'<p class="provenance">{escape(line)}</p>' + (
        f'\n<p class="fingerprint">{escape(fingerprint)}</p>' if fingerprint else ""
    )


def pdf_link_html(href: str, language: str, document: str | None = None) -> str:
    """The footer's link to the PDF as `base.html` writes it, or with the `document` it is of hidden after it as
    `portal.html` writes it: taken out when the PDF fails."""
    named = f'<span class="visually-hidden"> ({escape(document)})</span>' if document is not None else ""
    return f'<li><a href="{escape(href)}">{escape(translator(language)("pdf_link"))}{named}</a></li>\n'


def portal_title(first: Document) -> str:
    """The portal page's title, in the language of the first document, as the portal and each document's trail of
    breadcrumbs name it."""
    return translator(first.language)("portal_title", organisation=first.organisation)


class SpokenText(str):
    """Plain text, as tests and a theme's filters use it, that Jinja writes as its HTML (`__html__`), in which a span
    of years is shown with its dash and said in words: a screen reader is silent at the dash, and "2016–2020" was
    heard as two years, "2016 2020". A theme that writes the text with {{ }} has the words without a change."""

    html: str

    def __new__(cls, text: str, html: str) -> SpokenText:
        spoken = super().__new__(cls, text)
        spoken.html = html
        return spoken

    def __html__(self) -> str:
        return self.html


def coverage_text(document: Document) -> SpokenText | None:
    """Which years the document's tables show, by kind of figure ("Cijfers: realisatie 2019–2023, streefcijfers
    2024 en 2027"), for a reader choosing between documents; None when no column shows figures of a year or the
    latest one. As HTML a span of years is said "2019 tot en met 2023"."""
    # Every layout a table has: a section of its own (`paragrafen`) may show other years than the rest.
    tables = [document.layout_of(section) for section in document.sections() if section.indicators]
    layouts = {id(layout): layout for layout in tables or [document.layout]}
    kinds: dict[ValueKind | ColumnKind, set[Period]] = {}
    for layout in layouts.values():
        for column in layout.shown_columns:
            if column.what is ColumnKind.VALUES and column.kind is not None and column.periods:
                kinds.setdefault(column.kind, set()).update(column.periods)
            elif column.what is ColumnKind.LATEST or (
                column.what is ColumnKind.VALUES and column.kind is ValueKind.REALISED
            ):
                kinds.setdefault(ColumnKind.LATEST, set())  # the latest figure, whatever its year
    if not kinds:
        return None
    translate = translator(document.language)
    spans: dict[str, str] = {}
    phrases = []
    for kind, periods in kinds.items():
        if kind is ColumnKind.LATEST:
            phrases.append(translate("coverage_latest"))
            continue
        labels = []
        for run in _period_runs(sorted(periods)):
            if len(run) == 1:
                labels.append(run[0].label)
            else:
                label = f"{run[0].label}–{run[-1].label}"
                spans[label] = translate("period_span", first=run[0].label, last=run[-1].label)
                labels.append(label)
        periods_text = format_list(labels, locale=LOCALES[document.language])
        phrases.append(translate(f"coverage_{kind.value}", periods=periods_text))
    text = translate("coverage", kinds=", ".join(phrases))
    html = str(escape(text))
    for label, said in spans.items():
        html = html.replace(str(escape(label)), spoken_html(label, said))
    return SpokenText(text, html)


def _period_runs(periods: list[Period]) -> list[list[Period]]:
    """The periods, three or more years in a row as one span ("2019–2023"), each other one alone."""
    runs: list[list[Period]] = []
    for period in periods:
        last = runs[-1][-1] if runs else None
        if last is not None and last.is_year and period.is_year and period.year == last.year + 1:
            runs[-1].append(period)
        else:
            runs.append([period])
    return [part for run in runs for part in ([run] if len(run) >= 3 else [[period] for period in run])]


def _write_portal(sites: list[DocumentSite], root: Path, built_at: datetime) -> None:
    """The page above the documents: what the project publishes, with a link to each document's site."""
    _write_assets(root, sites[0].options.theme)
    (root / "index.html").write_text(render_portal(sites, built_at), encoding="utf-8")


def render_portal(sites: list[DocumentSite], built_at: datetime) -> str:
    """The HTML of the page above the documents. A theme's portal.html that fails names its file and line, as the
    documents' pages do: it was an "onverwachte fout" with Jinja's traceback."""
    first = sites[0]
    options = first.options
    language = first.document.language
    translate = translator(language)
    env = _environment(options.theme)
    footer = provenance("footer", first.document, options, built_at, translate)
    title = portal_title(first.document)
    try:
        template = env.get_template("portal.html")
    except TemplateError as error:
        raise template_failed(error, options.theme) from None
    context = dict(
        t=translate,
        language=language,
        organisation=first.document.organisation,
        sites=sites,
        coverage_text=coverage_text,
        root="",
        assets=asset_paths(options.theme),
        footer=footer,
        fingerprint=fingerprint_line(first.document, translate),
        open_data=OPEN_DATA,
        statement_path=STATEMENT_PATH,
        search_path=SEARCH_PATH,
        # The documents the first document's search page lets a reader keep to: the portal's search offers them.
        search_documents=_search_documents(first.document, options) if options.search else [],
        meta={
            # The documents as a reader lists them: "Jaarverslag 2023 en Begroting 2024".
            "description": f"{title}: "
            + format_list([site.document.title for site in sites], locale=LOCALES[language]),
            "title": title,
            "site_name": first.document.organisation,
            "locale": LOCALES[language],
            "canonical": options.address.removesuffix(f"{first.folder}/") if options.address else None,
        },
    )
    try:
        return template.render(context)
    except Exception as error:
        if not in_template(error, options.theme.folder):
            raise
        raise template_failed(error, options.theme) from None


THEME_ASSETS = frozenset(
    {".css", ".woff2", ".woff", ".ttf", ".otf", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico"}
)
"""What a theme's stylesheet loads, and so what of its folder is published: fonts, images, stylesheets."""


def published_theme_files(folder: Path) -> Iterator[Path]:
    """The files of a theme's folder that go to the site beside its thema.css (which is copied on its own)."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.suffix.lower() not in THEME_ASSETS or any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and relative.as_posix() != "thema.css":
            yield path


def asset_paths(theme: Theme) -> dict[str, str]:
    """The stylesheets, script and logo the pages link to, relative to the site root (`_write_assets` writes them)."""
    assets = {"css": "assets/verantwoord.css", "search_js": "assets/search.js", "tables_js": "assets/tables.js"}
    if theme.folder is not None and (theme.folder / "thema.css").is_file():
        assets["theme_css"] = "assets/thema.css"
    if theme.colour or theme.font:
        assets["settings_css"] = "assets/instellingen.css"
    if theme.logo is not None:
        assets["logo"] = f"assets/logo{theme.logo.suffix.lower()}"
    return assets


def settings_stylesheet(colour: str | None, font: str | None) -> str | None:
    """instellingen.css: thema.kleur and thema.lettertype as our custom properties, loaded before thema.css."""
    settings = []
    if colour:
        settings.append(f"  --verantwoord-color-accent: {colour};\n  --verantwoord-color-link: {colour};")
    if font:
        settings.append(f"  --utrecht-document-font-family: {font};")
    return ".verantwoord-theme {\n" + "\n".join(settings) + "\n}\n" if settings else None


def _write_assets(root: Path, theme: Theme) -> dict[str, str]:
    """Copy the stylesheet, the theme's stylesheet and logo; returns their paths for the templates.

    The theme's fonts, images and other stylesheets go beside its thema.css, as they are in its folder, so that
    what thema.css loads (url("fonts/bron.woff2")) is there. Only those: a theme folder may hold sources, notes or
    (set to the project itself) the export and raw data, which are not for the website."""
    folder = root / "assets"
    folder.mkdir()
    if theme.folder is not None:
        for path in published_theme_files(theme.folder):
            relative = path.relative_to(theme.folder)
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, folder / relative)
    static = resources.files("verantwoord.build").joinpath("static")
    for name in ("verantwoord.css", "search.js", "tables.js"):
        (folder / name).write_bytes(static.joinpath(name).read_bytes())
    assets = asset_paths(theme)
    if "theme_css" in assets:
        shutil.copyfile(theme.folder / "thema.css", root / assets["theme_css"])
    if settings := settings_stylesheet(theme.colour, theme.font):
        (root / assets["settings_css"]).write_text(settings, encoding="utf-8")
    if "logo" in assets:
        shutil.copyfile(theme.logo, root / assets["logo"])
    return assets
