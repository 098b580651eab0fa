"""Rebuild only the pages whose content changed: what `serve` does after an edit.

Every page gets a key, a BLAKE2 hash over canonical bytes (the pickle or `repr` of the immutable model
objects, a Decimal as its text) of exactly what our templates show on it: its chapter or section with
the indicators, its neighbours' titles in previous/next, the chapter in its breadcrumbs, and for the
home page the table of contents with each section's summary. A theme with templates of its own may
show anything anywhere, so then every page's key covers the whole document. What every page shows
goes into the site key: the document's title, organisation, layout and export files, the build
moment in the footer, the site options, and our and the theme's templates, stylesheets and logo. Keys
are content hashes, never modification times: saving a file unchanged renders nothing.

The export moment is in every page's footer too, and Excel gives a workbook a new one on every save. A
new export moment alone does not render the site again: in each page the old footer line is swapped for
the new one (a page whose footer is not found exactly once is rendered), and the open data follows. The
swap of 1,000 footers takes longer than the rest of a corrected figure, so it goes on in the background
after `update` returns; a page asked for meanwhile (`ready`) has its footer swapped first. The next
`update` does not wait for it: it takes over the pages not swapped yet, each with the footer it still has.
With a theme's own templates, which may show the moment anywhere, the whole site is built again.

When the site key or the list of pages changes, the caller builds the whole site again. Otherwise the
pages whose key changed are rendered and each written to a temporary file that is renamed over the
old one, so the server never sends half a page; the open data is written again only when a figure, a
heading or the export moment changed, and the search index is remade, both in the background (`Followup`).
The home page's links show the open-data files' sizes: when one changes as they show it, the background
renders the home page again after the open data, and until then the home page shows the size it had.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import hashlib
import io
import operator
import os
import pickle
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path

from jinja2 import Environment

from verantwoord import model
from verantwoord.build.format import format_file_size
from verantwoord.build.opendata import FOLDER as OPEN_DATA
from verantwoord.build.opendata import file_sizes, write_open_data
from verantwoord.build.scratch import SharedOutputLock, scratch_folder
from verantwoord.build.search import WHOLE_SITE, SearchBundle, reindex, search_bundles
from verantwoord.build.site import NOT_FOUND, Page, PageRenderer, SiteOptions, footer_html, site_pages
from verantwoord.build.status import JUDGED_KINDS, Summary, judge_in_table, summarise
from verantwoord.errors import VerantwoordError
from verantwoord.model import Document, TableLayout

NOT_FOUND_PAGE = -1
"""The 404 page's place among the pages whose footer is stale: it is none of the renderer's pages."""


def _digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


def _model_reducers() -> dict[type, Callable[[object], tuple]]:
    """How to pickle each model class: its class and the fields that make its value, one C call for all.

    Several times faster than pickle's generic path for dataclasses, which matters at 130,000 values.
    Fields left out of comparison (a lookup cache filled while rendering) are left out here too.
    """
    reducers: dict[type, Callable[[object], tuple]] = {}
    for value in vars(model).values():
        if isinstance(value, type) and dataclasses.is_dataclass(value):
            names = [f.name for f in dataclasses.fields(value) if f.compare]
            get = operator.attrgetter(*names)
            reducers[value] = functools.partial(_reduce, value, get, len(names) == 1)
        elif isinstance(value, type) and issubclass(value, enum.Enum) and value.__module__ == model.__name__:
            reducers[value] = functools.partial(_reduce_enum, value)
    return reducers


def _reduce(cls: type, get: Callable[[object], object], single: bool, obj: object) -> tuple:
    return cls, (get(obj),) if single else get(obj)


def _reduce_enum(cls: type, member: enum.Enum) -> tuple:
    return cls, (member.value,)


_REDUCERS = _model_reducers()


def fingerprint(obj: object) -> bytes:
    """A hash of the canonical bytes of model objects: their pickle, with every field.

    A Decimal is pickled as its text, so 7.10 and 7.1 differ, as they do on the page (they are equal as
    numbers). Equal objects built the same way give the same bytes (the same loader builds them the same
    way); a different sharing of sub-objects could only make a page render once more, never less.
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.dispatch_table = _REDUCERS
    pickler.dump(obj)
    return hashlib.blake2b(buffer.getbuffer(), digest_size=16).digest()


def _files_digest(paths: Iterable[Path]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(paths):
        digest.update(str(path).encode("utf-8") + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"-")
        digest.update(b"\0")
    return digest.hexdigest()


def site_key(document: Document, options: SiteOptions, built_at: datetime) -> str:
    """What every page shows: all of the document but its chapters, the options, and the files pages are made from."""
    ours = resources.files("verantwoord.build")
    packaged = [Path(str(ours.joinpath(folder))) for folder in ("templates", "static")]
    files = [path for folder in packaged for path in folder.rglob("*") if path.is_file()]
    theme = options.theme
    if theme.folder is not None and theme.folder.is_dir():
        files += [path for path in theme.folder.rglob("*") if path.is_file()]
    if theme.logo is not None:
        files.append(theme.logo)
    # Not the export moment nor its digests: a new one only changes each page's footer line (`IncrementalSite.update`).
    # Whether there are digests shows in the pages' text (the open data's note on the fingerprint).
    export = dataclasses.replace(document.export, time=None, digests=("",) * len(document.export.digests))
    shared = [
        repr(export if f.name == "export" else getattr(document, f.name))
        for f in dataclasses.fields(document)
        if f.compare and f.name != "chapters"
    ]
    return _digest(shared, repr(options), built_at.isoformat(), _files_digest(files))


class Keys:
    """The keys of a document's pages and of its open data, in reading order (`site_pages`).

    The costly part, a fingerprint of each section's indicators with their figures, and each section's
    summary against target, are remembered by the identity of the indicators (a re-read text keeps
    them) and reused from `previous` when the fingerprint is the same. So is a page's key when what it is
    made from is equal to what it was (`serve`: one changed figure left 1,012 of 1,013 keys as they were,
    and computing them again was half the time of an edit's keys).
    """

    def __init__(
        self, document: Document, pages: list[Page], previous: Keys | None = None, *, whole: bool = False
    ) -> None:
        """With `whole`, every page's key covers the whole document (for a theme's own templates)."""
        known = previous._indicators if previous is not None else {}
        summaries = previous._summaries if previous is not None else {}
        judged = document.kind in JUDGED_KINDS
        self._indicators: dict[int, tuple[tuple, bytes]] = {}
        # The summary counts the statuses the section's table allows, so it is kept per layout. A layout is looked up
        # once per layout object (its hash walks every period of it): most sections share the document's.
        self._summaries: dict[TableLayout, dict[bytes, Summary | None]] = {}
        by_layout: dict[int, tuple[TableLayout, dict[bytes, Summary | None], dict[bytes, Summary | None]]] = {}
        prints: dict[str, bytes] = {}
        summaries_of: dict[str, Summary | None] = {}
        for section in document.sections():
            remembered = known.get(id(section.indicators))
            if remembered is not None and remembered[0] is section.indicators:
                value = remembered[1]
            else:
                value = fingerprint(section.indicators)
            self._indicators[id(section.indicators)] = (section.indicators, value)
            layout = document.layout_of(section)
            if id(layout) not in by_layout:
                by_layout[id(layout)] = (layout, self._summaries.setdefault(layout, {}), summaries.get(layout, {}))
            _, own, before = by_layout[id(layout)]
            if value not in own:
                own[value] = (
                    (
                        before[value]
                        if value in before
                        else summarise(judge_in_table(i, document.year, layout) for i in section.indicators)
                    )
                    if judged
                    else None
                )
            prints[section.number] = value
            summaries_of[section.number] = own[value]
        everything = (
            _digest(
                [(c.number, c.title, c.slug, c.text) for c in document.chapters],
                [(s.number, s.title, s.slug, s.text, prints[s.number]) for s in document.sections()],
            )
            if whole
            else None
        )
        self._inputs = [
            _page_inputs(document, pages, index, prints, summaries_of, everything) for index in range(len(pages))
        ]
        same_pages = previous is not None and len(previous._inputs) == len(pages)
        self.pages = [
            previous.pages[index] if same_pages and previous._inputs[index] == inputs else _digest(*inputs)
            for index, inputs in enumerate(self._inputs)
        ]
        self.figures = _digest(
            [
                (c.number, c.title, c.slug, [(s.number, s.title, s.slug, prints[s.number]) for s in c.sections])
                for c in document.chapters
            ]
        )
        """What the open data shows: every section's heading and indicators, not the texts."""


def _page_inputs(
    document: Document,
    pages: list[Page],
    index: int,
    prints: dict[str, bytes],
    summaries: dict[str, Summary | None],
    everything: str | None,
) -> tuple:
    """What a page is made from, beside the site's templates and settings (`site_key`): its key is their digest.
    Texts, bytes, numbers and summaries of numbers only, so that equal inputs have equal digests."""
    page = pages[index]
    neighbours = [(p.path, p.title) for p in pages[max(index - 1, 0) : index + 2] if p is not page]
    chapter, section = page.chapter, page.section
    if section is not None:
        content: object = (
            chapter.number,
            chapter.title,
            chapter.slug,
            section.number,
            section.title,
            section.slug,
            section.text,
            prints[section.number],
        )
    elif chapter is not None:
        headings = [(s.number, s.title, s.slug) for s in chapter.sections]
        content = (chapter.number, chapter.title, chapter.slug, chapter.text, headings)
    else:
        # The table of contents with each section's summary; the document's is their sum.
        content = [
            (
                c.number,
                c.title,
                c.slug,
                [(s.number, s.title, s.slug, summaries[s.number]) for s in c.sections],
            )
            for c in document.chapters
        ]
    return (page.path, page.title, page.template, neighbours, content, everything)


@dataclass(frozen=True)
class Update:
    pages: list[str]
    """The pages written, as paths relative to the site folder ("" is the home page)."""
    rendered: int
    """How many of them were made again; the others only get the new footer (the export's moment or fingerprint)."""


class IncrementalSite:
    """A site folder as last written, so the next version of its document rewrites only what changed."""

    def __init__(
        self,
        folder: Path,
        document: Document,
        options: SiteOptions,
        built_at: datetime,
        scratch: Path,
        on_error: Callable[[VerantwoordError], None],
        lock: SharedOutputLock | None = None,
    ) -> None:
        """Remember the site just built in `folder` from `document` (a full build).

        `scratch` is where unfinished files wait to be renamed into place: on the same disk, outside the
        served folder (the output folder's parent). `lock`: the output's, which the background holds as it writes.
        """
        self.folder = folder
        self.options = options
        self.built_at = built_at
        self.followup = Followup(
            folder,
            built_at,
            options.search,
            scratch,
            on_error,
            search_bundles(document),
            address=options.address,
            lock=lock,
            after_open_data=self._open_data_written,
        )
        self._output_lock = lock
        self.document = document
        self._sizes = file_sizes(folder)
        """The open-data files' sizes, which the home page's links show."""
        self._writing = threading.Lock()
        """Held by `update` and by the background when it renders the home page again: one at a time renders from
        the newest document and sizes."""
        self._site = site_key(document, options, built_at)
        pages = site_pages(document)
        self._pages = [page.path for page in pages]
        self._whole = options.theme.folder is not None and any(options.theme.folder.glob("*.html"))
        self._keys = Keys(document, pages, whole=self._whole)
        self._env: Environment | None = None
        self._lock = threading.Lock()
        self._stale: dict[Path, tuple[int, bytes]] = {}
        """Page files whose footer is not the current one: their index in the renderer's pages (`NOT_FOUND_PAGE` for
        the 404 page), and the footer line they have."""
        self._swap: tuple[bytes, PageRenderer] | None = None
        """The current footer line, and the renderer for a page whose old footer is not found."""
        self._swapper: threading.Thread | None = None
        self._generation = 0
        """Which swap is the current one: a background swap that is not stops before its next page."""
        self._on_error = on_error
        self._failed = False
        """Some pages may not be as the document says (a swap or an update failed, or `stop` left footers): the next
        update builds the whole site. (`serve` builds whole after a failure anyway; this keeps the class safe.)"""
        self._unwritten: dict[Path, tuple[int, bytes]] = {}
        """During an update: the stale pages it took out of the swap to render, not written yet."""

    def update(self, document: Document, options: SiteOptions) -> Update | None:
        """Write the pages of `document` whose key changed; None when only a full build will do.

        That is when the site key or the list of pages changed (a new title, a section added): the
        caller then builds the whole site again and makes a new IncrementalSite. The open data and the
        search index follow in the background (`Followup`).
        """
        with self._writing:
            with self._lock:
                self._generation += 1  # the background swap stops before its next page; `ready` still swaps
            self._unwritten = {}
            try:
                return self._update(document, options)
            except BaseException:
                self._failed = True  # build whole next time: some pages may be written, the document not kept
                self._keep_swapping_the_last_document()
                raise
            finally:
                self._start_swap()  # what is left, with the newest footer

    def _update(self, document: Document, options: SiteOptions) -> Update | None:
        if self._failed or options != self.options or site_key(document, options, self.built_at) != self._site:
            return None
        if self._whole and document.export != self.document.export:
            # A theme's own templates may show the export's moment or fingerprint anywhere, not only in the footer.
            return None
        pages = site_pages(document)
        if [page.path for page in pages] != self._pages:
            return None
        keys = Keys(document, pages, self._keys, whole=self._whole)
        changed = [index for index, key in enumerate(keys.pages) if key != self._keys.pages[index]]
        rendered = {self.folder / pages[index].path / "index.html" for index in changed}
        with self._lock:  # a page about to be rendered is not swapped meanwhile, from the old document
            self._unwritten = {path: self._stale.pop(path) for path in rendered if path in self._stale}
        old = footer_html(self.document, options, self.built_at).encode("utf-8")
        new = footer_html(document, options, self.built_at).encode("utf-8")
        restamped = old != new
        open_data = keys.figures != self._keys.figures or document.export != self.document.export
        renderer = (
            PageRenderer(document, options, self.built_at, self._env, self._sizes) if changed or restamped else None
        )
        if renderer is not None:
            self._env = renderer.env
            for index in changed:
                path = self.folder / pages[index].path / "index.html"
                _replace(path, renderer.render(index).encode("utf-8"))
                self._unwritten.pop(path, None)
        made = len(changed)
        with self._lock:
            if restamped:  # which always has a renderer
                stale = {
                    path: (index, self._stale.get(path, (index, old))[1])
                    for index, page in enumerate(renderer.everything)  # the service pages have the footer too
                    if (path := self.folder / page.path / "index.html") not in rendered
                }
                if options.address is not None:  # and the 404 page (`website.adres`): it kept the first build's
                    path = self.folder / NOT_FOUND
                    stale[path] = (NOT_FOUND_PAGE, self._stale.get(path, (NOT_FOUND_PAGE, old))[1])
                self._stale = stale
                self._swap = (new, renderer)
            elif self._swap is not None and renderer is not None:  # the footer stays; render from the newest
                self._swap = (self._swap[0], renderer)
        if restamped:
            changed = list(range(len(renderer.everything)))
        self.document, self._keys = document, keys
        if changed or open_data:
            self.followup.request(document if open_data else None, reindex=made > 0)
        every = renderer.everything if renderer is not None else pages
        return Update([every[index].path for index in changed], made)

    def ready(self, path: Path) -> None:
        """Swap the footer of the page file at `path` now, if it still has the old one: before it is served."""
        with self._lock:
            stale = self._stale.pop(path, None)
            error = self._swap_footer(path, *stale) if stale is not None else None
        if error is not None:
            self._on_error(error)

    def finish(self) -> None:
        """Until every footer is swapped: before the server stops, so the site it leaves is whole."""
        swapper = self._swapper
        if swapper is not None:
            swapper.join()
            self._swapper = None

    def stop(self) -> None:
        """Stop swapping footers, at once: before a full build replaces the site."""
        with self._lock:
            self._generation += 1
            if self._stale:
                self._stale = {}
                self._failed = True  # should the full build fail, some pages have an old footer: the next builds whole

    def _keep_swapping_the_last_document(self) -> None:
        """After a failed update: the pages it took out but did not write go back to the swap, which renders from
        a renderer of the document still served (the failed update's renderer changed the shared templates' globals).
        """
        with self._lock:
            if self._swap is None:  # a swap failed meanwhile and was given up: the next update builds whole
                return
            for path, stale in self._unwritten.items():
                self._stale.setdefault(path, stale)
            try:
                renderer = PageRenderer(self.document, self.options, self.built_at, self._env, self._sizes)
                self._swap = (self._swap[0], renderer)
            except Exception:
                self._stale, self._swap = {}, None  # nothing to render with: the next update builds whole

    def _open_data_written(self) -> bool:
        """In the background, after the open data: render the home page again if a size its links show changed;
        True when it did. Not while an update renders, which renders from the sizes known then."""
        sizes = file_sizes(self.folder)
        home = self.folder / "index.html"
        with self._writing:
            language = self.document.language
            changed = _shown(sizes, language) != _shown(self._sizes, language)
            with self._lock:  # not while a footer swap renders a page
                # In place: the macros a page imports keep the globals of the first renderer (Jinja caches them).
                self._sizes.clear()
                self._sizes.update(sizes)
                if changed:
                    self._stale.pop(home, None)  # rendered here, with the current footer
            if not changed:
                return False
            try:
                # The document of the footer swap's renderer, which renders meanwhile from the same templates.
                renderer = PageRenderer(self.document, self.options, self.built_at, self._env, self._sizes)
                self._env = renderer.env
                _replace(home, renderer.render(0).encode("utf-8"))
            except BaseException:
                self._failed = True  # the home page may have the old footer: the next update builds whole
                raise
            return True

    def _start_swap(self) -> None:
        """Swap the footers still to swap in a background thread (of the current generation)."""
        with self._lock:
            if self._stale:
                self._swapper = _background(
                    self._swap_footers, (self._generation,), "verantwoord-footers", self._output_lock
                )

    def _swap_footers(self, generation: int) -> None:
        while True:
            with self._lock:  # held for one page at a time, so that `ready` never waits long
                if generation != self._generation:
                    return
                if not self._stale:
                    self._swap = None  # not to keep the old document alive
                    return
                path, stale = self._stale.popitem()
                error = self._swap_footer(path, *stale)
            if error is not None:
                self._on_error(error)  # without the lock: the report may ask for a page

    def _swap_footer(self, path: Path, index: int, old: bytes) -> VerantwoordError | None:
        """With the lock held. A page that cannot be written stops the swap, and the next update builds the site
        whole (some pages have the old footer); the error is returned, to report once the lock is released."""
        assert self._swap is not None
        new, renderer = self._swap
        try:
            if old != new and not restamp_file(path, old, new):
                page = renderer.render_not_found() if index == NOT_FOUND_PAGE else renderer.render(index)
                _replace(path, page.encode("utf-8"))
        except Exception as error:
            self._stale.clear()
            self._swap = None
            self._failed = True
            return VerantwoordError(f"De voettekst van een pagina kon niet worden bijgewerkt: {error}")
        return None


def _background(target: Callable[..., None], args: tuple, name: str, lock: SharedOutputLock | None) -> threading.Thread:
    """A thread running `target` that holds `lock` until it ends. It takes it here, in the thread of the update that
    holds it already, so a build into the output cannot come between the update and what follows it."""
    if lock is not None:
        lock.acquire()

    def run() -> None:
        try:
            target(*args)
        finally:
            if lock is not None:
                lock.release()

    thread = threading.Thread(target=run, name=name, daemon=True)
    try:
        thread.start()
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return thread


def restamp_file(path: Path, old: bytes, new: bytes) -> bool:
    """Swap the footer line `old` of the page at `path` for `new`; False (nothing written) unless it is there once.

    Also takes the link to a PDF that could not be made out of a page (`new` empty).
    """
    try:
        page = path.read_bytes()
    except FileNotFoundError:
        return False  # rendered instead
    if page.count(old) != 1:
        return False
    _replace(path, page.replace(old, new))
    return True


def _replace(target: Path, content: bytes) -> None:
    """Write `content` to `target` through a temporary file and a rename: readers see the old or the new."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".verantwoord-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.chmod(name, 0o644)
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


class Followup:
    """What follows the pages in a background thread, so the browser reloads without waiting for it.

    The open data (when a figure changed), what follows it (`after_open_data`), and then the search index (Pagefind
    over the new pages). One run at a time; requests during a run make one more run after it, with the newest
    document.
    """

    def __init__(
        self,
        folder: Path,
        built_at: datetime,
        search: bool,
        scratch: Path,
        on_error: Callable[[VerantwoordError], None],
        bundles: tuple[SearchBundle, ...] = WHOLE_SITE,
        address: str | None = None,
        lock: SharedOutputLock | None = None,
        after_open_data: Callable[[], bool] | None = None,
    ) -> None:
        """`address` is the site's (`website.adres`), which its data package names; `lock`: the output's, held while
        a run writes. `after_open_data` is called once the open data is written; True when it changed a page, which
        the search index then reads again."""
        self.folder = folder
        self.after_open_data = after_open_data
        self.address = address
        self.built_at = built_at
        self.search = search
        self.bundles = bundles
        """The parts of the search index; the same as long as the pages are (else a full build follows)."""
        self.scratch = scratch
        self._on_error = on_error
        self._lock = threading.Lock()
        self._wanted = False
        self._open_data: Document | None = None
        self._reindex = False
        self._thread: threading.Thread | None = None
        self._output_lock = lock

    def request(self, open_data: Document | None, reindex: bool = True) -> None:
        """Remake the open data of `open_data` when given, then the search index unless `reindex` is False.

        Only page bodies are indexed: pages that changed no more than their footer leave the index as it is.
        """
        with self._lock:
            self._wanted = True
            self._open_data = open_data or self._open_data
            self._reindex = self._reindex or reindex
            if self._thread is None:
                self._thread = _background(self._run, (), "verantwoord-followup", self._output_lock)

    def wait(self) -> None:
        """Until nothing runs or waits: before a full build replaces the folder, and before the server stops."""
        while True:
            with self._lock:
                thread = self._thread
            if thread is None:
                return
            thread.join()

    def _run(self) -> None:
        try:
            while True:
                with self._lock:
                    if not self._wanted:
                        self._thread = None
                        return
                    self._wanted, document, self._open_data = False, self._open_data, None
                    remake, self._reindex = self._reindex, False
                try:
                    if document is not None:
                        self._write_open_data(document)
                        if self.after_open_data is not None and self.after_open_data():
                            remake = True
                    if self.search and remake:
                        reindex(self.folder, self.scratch, self.bundles)
                except VerantwoordError as error:
                    self._on_error(error)
                except Exception as error:  # OSError, and anything unforeseen: reported, and the next run goes on
                    self._on_error(
                        VerantwoordError(f"De open data of het zoekregister kon niet worden bijgewerkt: {error}")
                    )
        finally:
            with self._lock:  # if it ended otherwise: `request` starts a new thread, and `wait` does not wait for ever
                if self._thread is threading.current_thread():
                    self._thread = None

    def _write_open_data(self, document: Document) -> None:
        """Write the open data beside the site, then rename each file into place."""
        staging = scratch_folder(self.scratch, "opendata")
        try:
            write_open_data(document, staging, self.built_at, self.address)
            target = self.folder / OPEN_DATA
            target.mkdir(exist_ok=True)
            for file in (staging / OPEN_DATA).iterdir():
                file.chmod(0o644)
                os.replace(file, target / file.name)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _shown(sizes: dict[str, int], language: str) -> dict[str, str]:
    """The open-data files' sizes as the home page's links show them."""
    return {name: format_file_size(size, language) for name, size in sizes.items()}
