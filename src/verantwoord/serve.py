"""`verantwoord serve`: build, serve the site on 127.0.0.1, and rebuild what changed when a project file changes.

After an edit only the pages whose content changed are written (`verantwoord.build.incremental`); a
changed Markdown text is read on its own (unless it has an image, whose file is checked by a full load),
anything else reloads the project. Every page the server
sends carries a small script (added on the way out, never written into the site) that listens to the
server's events and reloads the page when a rebuild changed it. A failed rebuild keeps serving the
previous site; the problems go to `on_event` (the CLI prints them) and to the browser, over the page. A workbook
that is not saved whole yet (written in place, in pieces) is waited for, not reported as damaged at each piece.

`serve` never makes the PDF: WeasyPrint takes minutes on a large document, and an edit should show in
the browser at once. The pages do not link to a PDF there; `build --pdf` makes it.

The library never prints: what happens is reported through `on_event`, which the CLI shows.
"""

from __future__ import annotations

import errno
import gc
import io
import json
import math
import os
import secrets
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import watchfiles
from watchfiles._rust_notify import RustNotify  # watchfiles' documented backend: its grouping counts every file
from watchfiles.main import (  # how watchfiles.watch reads its settings from the environment
    _default_debug,
    _default_force_polling,
    _default_ignore_permission_denied,
    _default_poll_delay_ms,
)

from verantwoord.build.format import build_time
from verantwoord.build.incremental import IncrementalSite, restamp_file
from verantwoord.build.scratch import SharedOutputLock
from verantwoord.build.site import MARKER, DocumentSite, footer_html
from verantwoord.config import CONFIG_FILE, read_config
from verantwoord.errors import InvalidProject, Problem, Problems, Severity, VerantwoordError
from verantwoord.export.texts import read_text, text_paths
from verantwoord.export.workbook_rows import ChangedRows, WorkbookCopy, changed_rows
from verantwoord.model import Document
from verantwoord.project import Project, load_project
from verantwoord.publish import document_sites, write_sites
from verantwoord.reload import ValueFile, ValueWorkbook, read_value_file, reload_values, value_file
from verantwoord.yamlfile import load_yaml

Event = Callable[[str, object], None]
"""("serving", url) | ("changed", names) | ("built", Rebuild) | ("failed", VerantwoordError) |
("followup_failed", VerantwoordError) | ("unfinished", names): workbooks not saved whole yet, waited for |
("waiting", (output, LockHolder | None)): a build into the output folder, or another serve's, is waited for"""

EVENTS_PATH = "/.verantwoord/events"
SCRIPT_PATH = "/.verantwoord/reload.js"
GROUP_CHANGES_MS = 300
"""How long changes to the project are grouped at most before they are taken in (watchfiles' default: 1.6 s). A
save by Excel takes a few milliseconds."""
QUIET_MS = 25
"""How long no new change to the project must come before the ones so far are taken in (watchfiles' default:
50 ms). A save writes its file and renames it within a few milliseconds; the browser reloaded 50 ms sooner
(bench/serve.py)."""
_WAKE_MS = 10
"""How often watchfiles' backend looks for the first change of a batch: each look wakes the process (every 10 ms:
about half a percent of a core while nothing happens)."""
_STEP_MS = 5
"""How often it looks for more once a batch has begun."""
_HAND_OVER_MS = 20
"""How long the backend may group what it sees (changes left out included) before it hands them over."""
_IDLE_MS = 500
"""How long the backend waits for a change before it returns to the loop (it sees `stop` and signals sooner)."""
_KEEPALIVE = 15.0
"""Seconds between comments on an idle event stream, so a closed browser tab is noticed."""
UNFINISHED_SECONDS = 2.0
"""How long a workbook that is not whole (a save written in place in pieces, as a tool on a network drive writes it)
must stay as it is before it is reported as unreadable: until then the next piece of it is waited for."""
_UNFINISHED_LOOK = 0.05
"""How often such a workbook is looked at meanwhile."""
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
_ZIP_END = b"PK\x05\x06"
"""The record that ends a zip file (an .xlsx is one), written last; a comment of up to 65,535 bytes may follow it."""


@dataclass(frozen=True)
class Rebuild:
    """What one (re)build wrote, and how long its two phases took."""

    pages: list[str]
    """The pages written, as paths on the server ("/" is the home page); every page on a full build."""
    full: bool
    """The whole site was built again (the first build, or a change every page shows)."""
    read_seconds: float
    """Reading and validating what changed."""
    write_seconds: float
    """From the validated document to the pages written (the search index follows in the background)."""
    problems: list[Problem]
    """The warnings of the project."""
    footers: int = 0
    """How many of `pages` only got a new footer (a workbook saved again: its moment), not made again."""


_PORT_PROBLEMS = {
    errno.EADDRINUSE: "de poort is al in gebruik (draait verantwoord serve al, in een ander venster?)",
    errno.EACCES: "geen toegang tot die poort (poorten onder 1024 zijn voor het systeem)",
}
"""The system's English ("Address already in use") for the two reasons people meet, in Dutch."""


def serve_project(
    project: Path | str, port: int = 8000, on_event: Event | None = None, stop: threading.Event | None = None
) -> None:
    """Serve until `stop` is set (or the process is interrupted)."""
    emit = on_event or (lambda kind, payload: None)
    root = Path(project).resolve()
    output = output_folder(root)
    broadcast = _Broadcast()
    session = _Session(root, output, emit, broadcast)
    handler = type("Handler", (_Handler,), {"broadcast": broadcast, "folder": output, "ready": session.ready})
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as error:
        reason = _PORT_PROBLEMS.get(error.errno, error.strerror)
        raise VerantwoordError(
            f"De website kan niet op poort {port} worden getoond: {reason}. "
            "Hint: kies een andere poort met --port, bijvoorbeeld --port 8001."
        ) from None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    # From before the first build, both, so that a save during it is not missed.
    outside = Outside(_outside(root))
    try:
        with watch_project(root) as watcher:
            session.rebuild(set())
            thread.start()
            emit("serving", f"http://127.0.0.1:{server.server_address[1]}/")
            for changes in project_changes(watcher, _filter(output), stop, outside, session.seen):
                changes = _relevant(changes)
                if any(Path(path) == root / CONFIG_FILE for _, path in changes):
                    outside.follow(_outside(root))  # the settings may name another export; before the rebuild
                if changes:
                    if not {path for _, path in changes} <= session.unfinished:  # told once, not for every piece
                        emit("changed", sorted({Path(path).name for _, path in changes}))
                    session.rebuild(changes)
    finally:
        broadcast.close()
        if thread.is_alive():
            server.shutdown()
        server.server_close()
        session.close()


class _Session:
    """The project as last built, and what changed since."""

    def __init__(self, root: Path, output: Path, emit: Event, broadcast: _Broadcast) -> None:
        self.root = root
        self.output = output
        self.emit = emit
        self.broadcast = broadcast
        self.project: Project | None = None
        self.sites: list[IncrementalSite] = []
        self.folders: list[str] = []
        self.output_identity: tuple[int, ...] | None = None
        """The output folder this session built (`_identity`): a `build` meanwhile swaps in a folder of its own."""
        self.texts_since: set[Path] | None = None
        """The texts changed since the project was last loaded whole; None when it must be (again)."""
        self.text_files: set[Path] = set()
        """The texts the project was last loaded whole from: a new file (a second 5.1, a hidden ._5.1.md) needs a
        whole load, which says what is wrong with it or leaves it out, as `build` does."""
        self.values: ValueFile | ValueWorkbook | None = None
        """The export's `waarden.csv` as the project built last has it, when its figures can be reloaded alone."""
        self.next_values: ValueFile | ValueWorkbook | None = None
        self.early: _EarlyRows | None = None
        """The changed rows of a workbook save, read while its batch of changes was still open."""
        self.unfinished: set[str] = set()
        """The workbooks the last rebuild found not saved whole yet (`_written_on`)."""
        self.lock = SharedOutputLock(output.resolve(), lambda holder: emit("waiting", (output, holder)))
        """Held by a rebuild and by what follows it in the background, which writes into the site too."""

    def seen(self, changes: set[tuple[watchfiles.Change, str]]) -> None:
        """A change the next rebuild takes in: a save of the export's workbook is read at once (`_EarlyRows`)."""
        values = self.values
        if isinstance(values, ValueWorkbook) and str(values.path) in {path for _, path in changes}:
            self.early = _EarlyRows(values)  # saved again: read again

    def rebuild(self, changes: set[tuple[watchfiles.Change, str]]) -> None:
        """Take in `changes`, holding the output as a `build` does: a `build --pdf` into it meanwhile is waited for.
        Without this serve swapped in its own site during the build, and the build's PDF landed in it unlinked. The
        background work this starts holds it on (`SharedOutputLock`), and a build waits for that too."""
        with self.lock.held():
            self._rebuild(changes)

    def _rebuild(self, changes: set[tuple[watchfiles.Change, str]]) -> None:
        started = time.perf_counter()
        workbooks = {
            Path(path): _signature(Path(path)) for _, path in changes if Path(path).suffix.lower() in WORKBOOK_SUFFIXES
        }
        # A collection of the cyclic garbage collector walks every object of the document (a million at
        # 1,000 sections, some 0.3 s): hold it off until the browser has been told.
        gc.disable()
        try:
            project = self._reload(changes)
            read = time.perf_counter()
            try:
                rebuild = self._write(project, started, read)
            except BaseException:
                self.folders = []  # some pages may be written and others not: the next rebuild builds it whole
                raise
            self.values = self.next_values
        except VerantwoordError as error:
            self.values = None  # figures alone are taken in again only after a rebuild that succeeds whole
            if self._written_on(workbooks):
                return  # the problems of half a workbook: the next piece of it rebuilds
            problems = getattr(error, "problems", None) or [error]
            # The browser's box says why the site was not rebuilt: the errors. The warnings were there before, or are
            # told in the terminal; among the errors they read as a cause.
            errors = [p for p in problems if not isinstance(p, Problem) or p.severity is Severity.ERROR]
            self.broadcast.failed([str(problem) for problem in errors or problems])
            self.emit("failed", error)
        except OSError as error:
            self.values = None
            self.broadcast.failed([str(error)])
            self.emit("failed", VerantwoordError(f"De website kon niet worden bijgewerkt: {error}"))
        except Exception as error:  # a bug of ours, set off by an edit: the server and the last good site stay
            self.values = None
            self.texts_since = None
            frame = traceback.extract_tb(error.__traceback__)[-1]
            message = (
                f"Interne fout in verantwoord bij het bijwerken: {type(error).__name__}: {error} "
                f"({Path(frame.filename).name}, regel {frame.lineno}). De website is misschien niet (helemaal) "
                "bijgewerkt; de volgende wijziging bouwt hem opnieuw. Meld deze fout, met de wijziging die u net "
                "opsloeg."
            )
            self.broadcast.failed([message])
            self.emit("failed", VerantwoordError(message))
        else:
            self.broadcast.built(rebuild.pages, rebuild.full)
            self.emit("built", rebuild)
        finally:
            gc.enable()
        self.unfinished = set()

    def _written_on(self, workbooks: dict[Path, tuple[int, ...] | None]) -> bool:
        """Whether a changed workbook of a failed rebuild is still being saved: written on since the rebuild began, or
        not whole (`_unfinished_workbook`) and written on within `UNFINISHED_SECONDS`. Its watcher sees that change,
        and the rebuild that follows reads it; the problems of the half-saved file (an empty file, a zip without its
        end: 'beschadigd') are not shown meanwhile. A workbook that stays unfinished is reported as it is."""
        unfinished = [path for path in workbooks if _unfinished_workbook(path)]
        saving = [path for path in unfinished if path.exists()]  # one gone is waited for without a word
        if saving:
            names = {str(path) for path in saving}
            if not names <= self.unfinished:
                self.emit("unfinished", sorted(path.name for path in saving))
            self.unfinished = names
        if any(_signature(path) != before for path, before in workbooks.items()):
            return True
        if not unfinished:
            return False
        deadline = time.monotonic() + UNFINISHED_SECONDS
        while time.monotonic() < deadline:
            time.sleep(_UNFINISHED_LOOK)
            if any(_signature(path) != workbooks[path] for path in unfinished):
                return True
        self.unfinished = set()
        return False

    def _reload(self, changes: set[tuple[watchfiles.Change, str]]) -> Project:
        """The project after `changes`: only the changed texts re-read when that is all that changed."""
        self.next_values = self.values  # what the project built last has, until this reload says otherwise
        early, self.early = self.early, None
        texts = {Path(path) for change, path in changes if change is not watchfiles.Change.deleted}
        if (
            self.project is not None
            and self.texts_since is not None
            and len(texts) == len(changes)
            and texts <= self.text_files
        ):
            # Every text changed since the last full load, so a text that failed is read again until it is right.
            self.texts_since |= texts
            documents = _with_texts(self.project, self.texts_since)
            if documents is not None:
                return replace(self.project, documents=documents)
        if self.project is not None and self.values is not None:
            # A corrected figure: only the changed lines or rows of the export are read (`verantwoord.reload`).
            read_rows = early.changed_rows if early is not None else changed_rows
            quick = reload_values(self.project, self.values, {Path(path) for _, path in changes}, read_rows)
            if quick is not None:
                project, self.next_values = quick
                return project
        self.texts_since = None
        config = read_config(self.root, Problems())
        data = read_value_file(config) if config is not None else None
        project = load_project(self.root)
        self.next_values = value_file(project, data) if data is not None else None
        self.texts_since = set()
        self.text_files = {path for config in project.configs for path in text_paths(config.texts_dir)}
        return project

    def _write(self, project: Project, started: float, read: float) -> Rebuild:
        sites = document_sites(project, pdf=False)
        updated = self._update(sites)
        full = updated is None
        pages, footers = (self._build(sites), 0) if updated is None else updated
        self.project = project
        return Rebuild(pages, full, read - started, time.perf_counter() - read, project.problems, footers)

    def _update(self, sites: list[DocumentSite]) -> tuple[list[str], int] | None:
        """Write what changed in each document's site: the pages, and how many of them only have a new footer; None
        when the whole site must be built again."""
        if [site.folder for site in sites] != self.folders or _identity(self.output) != self.output_identity:
            # Another site in its place (a `build --pdf` meanwhile, with a PDF of its own): it is built whole, not
            # updated page by page into a folder whose PDF would keep the old figures.
            return None
        first = self.sites[0]
        old_footer = footer_html(first.document, first.options, first.built_at).encode("utf-8")
        updates = [current.update(site.document, site.options) for site, current in zip(sites, self.sites, strict=True)]
        if any(update is None for update in updates):
            return None
        written = [
            _url(Path(folder, page, "index.html"))
            for folder, update in zip(self.folders, updates, strict=True)
            for page in update.pages
        ]
        new_footer = footer_html(sites[0].document, sites[0].options, first.built_at).encode("utf-8")
        if len(sites) > 1 and new_footer != old_footer:  # the portal above the documents has the footer too
            if not restamp_file(self.output / "index.html", old_footer, new_footer):
                return None
            written.append("/")
        return written, len(written) - sum(update.rendered for update in updates)

    def _build(self, sites: list[DocumentSite]) -> list[str]:
        for site in self.sites:
            site.stop()  # the new site comes with its own footers, open data and index
            site.followup.wait()
        built_at = build_time()
        written = write_sites(sites, self.output, built_at)
        self.output_identity = _identity(self.output)
        self.folders = [site.folder for site in sites]
        self.sites = [
            IncrementalSite(
                self.output / site.folder,
                site.document,
                site.options,
                built_at,
                self.output.parent,
                lambda error: self.emit("followup_failed", error),
                self.lock,
            )
            for site in sites
        ]
        return [_url(page) for page in written]

    def ready(self, page: Path) -> None:
        """Before the page file `page` is served: its footer swapped, if that is still to be done."""
        for site in self.sites:
            site.ready(page)

    def close(self) -> None:
        for site in self.sites:
            site.finish()
            site.followup.wait()


def watch_project(root: Path) -> RustNotify:
    """Start watching every file under `root`, with the settings watchfiles.watch takes from the environment
    (polling on WSL or with WATCHFILES_FORCE_POLLING, …). The changes wait until `project_changes` asks."""
    settings = (
        _default_debug(None),
        _default_force_polling(None),
        _default_poll_delay_ms(300),
        True,  # recursive
        _default_ignore_permission_denied(None),
    )
    return RustNotify([str(root)], *settings)


def project_changes(
    notify: RustNotify,
    accept: Callable[[watchfiles.Change, str], bool],
    stop: threading.Event | None,
    outside: Outside | None = None,
    seen_early: Callable[[set[tuple[watchfiles.Change, str]]], None] | None = None,
) -> Iterator[set[tuple[watchfiles.Change, str]]]:
    """The changes `notify` sees that `accept` keeps, in batches: a batch is taken in once `QUIET_MS` pass without
    a change to it, or `GROUP_CHANGES_MS` after its first. What the settings name `outside` the project folder is
    looked at each time the backend returns, at least every `_IDLE_MS`. `seen_early` is told of the changes as they
    come, before their batch is complete.

    watchfiles groups every change it sees, and the site's own files are in the project folder too: the search
    index (a few thousand files at 1,000 sections) and the open data that the background writes after an edit. An
    edit made meanwhile waited until they stopped or the limit was reached (0.3 s instead of 0.03 s,
    bench/serve.py --pause 1). Here the changes left out neither start nor prolong a batch.
    """
    batch: set[tuple[watchfiles.Change, str]] = set()
    first = latest = 0.0
    while True:
        step, timeout = _WAKE_MS, _IDLE_MS
        if batch:
            left = min(latest + QUIET_MS / 1000, first + GROUP_CHANGES_MS / 1000) - time.monotonic()
            if left <= 0:
                yield batch
                batch = set()
                continue
            step, timeout = _STEP_MS, max(1, math.ceil(left * 1000))  # a timeout of 0 is none at all
        seen = notify.watch(_HAND_OVER_MS, step, timeout, stop)
        if seen == "stop":
            return
        if seen == "signal":
            raise KeyboardInterrupt
        kept = {(change, path) for change, path in outside.changes() if accept(change, path)} if outside else set()
        if seen != "timeout":
            kept |= {(change, path) for raw, path in seen if accept(change := watchfiles.Change(raw), path)}
        if kept:
            latest = time.monotonic()
            first = first if batch else latest
            batch |= kept
            if seen_early is not None:
                seen_early(kept)


def _relevant(changes: set[tuple[watchfiles.Change, str]]) -> set[tuple[watchfiles.Change, str]]:
    """`changes` without the files that came and went within them: a program's temporary files (Excel saves a
    workbook as a temporary file renamed over the old one; others write `tmp…` files). A file that was there
    before and is gone now has no `added` among them, so its deletion stays."""
    added = {path for change, path in changes if change is watchfiles.Change.added}
    return {(change, path) for change, path in changes if path not in added or Path(path).exists()}


def _url(page: Path) -> str:
    """The address of a page file on the server: "4-bestuur/index.html" is "/4-bestuur/"."""
    folder = page.parent.as_posix()
    return "/" if folder == "." else f"/{folder}/"


def _with_texts(project: Project, paths: set[Path]) -> tuple[Document, ...] | None:
    """The project's documents with the texts at `paths` read again; None when a title or file changed.

    A new title moves the page (its address comes from the title), so that needs a full load.
    """
    problems = Problems()
    texts = [(path.parent, read_text(path, problems)) for path in sorted(paths) if path.is_file()]
    if problems.errors:
        raise InvalidProject(problems)
    if len(texts) != len(paths) or any("![" in text.body for _, text in texts):
        return None  # an image is checked, and its file found, by a full load
    documents = []
    for config, document in zip(project.configs, project.documents, strict=True):
        own = {text.number: text for folder, text in texts if folder == config.texts_dir}
        chapters = []
        for chapter in document.chapters:
            sections = []
            for section in chapter.sections:
                text = own.pop(section.number, None)
                if text is not None and text.title != section.title:
                    return None
                sections.append(replace(section, text=text.body) if text is not None else section)
            text = own.pop(chapter.number, None)
            if text is not None and text.title != chapter.title:
                return None
            body = text.body if text is not None else chapter.text
            chapters.append(replace(chapter, text=body, sections=tuple(sections)))
        if own:
            return None  # a text this document does not have: a new chapter or section
        documents.append(replace(document, chapters=tuple(chapters)))
    return tuple(documents)


class _EarlyRows:
    """The changed rows of a save of the export's workbook, read in a thread from the moment the save is seen.

    A batch of changes is taken in once no change came for `QUIET_MS` (25 ms); inflating the workbook's value sheet
    takes about 45 ms at 1,000 sections (ISA-L, outside the GIL). Read meanwhile, most of it is done when the rebuild
    asks. The rebuild reads the file again and uses these rows only for the same bytes and the same workbook before
    (`changed_rows` is a function of the two): a later save, or another project state, is read as always.
    """

    def __init__(self, values: ValueWorkbook) -> None:
        self.values = values
        self._read: tuple[bytes, ChangedRows | None] | None = None
        self._thread = threading.Thread(target=self._run, name="verantwoord-early-read", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            data = self.values.path.read_bytes()
            self._read = (data, changed_rows(self.values.path.name, self.values.copy, data))
        except Exception:  # the rebuild reads it again, and reports what goes wrong there, once
            return

    def changed_rows(self, name: str, before: WorkbookCopy, data: bytes) -> ChangedRows | None:
        """`changed_rows(name, before, data)`, read early when that was these."""
        self._thread.join()
        read = self._read
        if read is not None and before is self.values.copy and name == self.values.path.name and read[0] == data:
            return read[1]
        return changed_rows(name, before, data)


class _Broadcast:
    """The events every open page listens to: a rebuild finished, or failed (with its problems)."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self.generation = 0
        """How many builds have finished: a page carries the number it was sent with."""
        self.server = secrets.token_hex(8)
        """Which run of `serve` this is: a page carries it too. After serve was stopped and started again, an open
        page listens to the new run, whose count starts again, and the site may have changed meanwhile."""
        self.problems: list[str] | None = None
        """The problems of the last rebuild, while it failed."""
        self._events: list[tuple[int, bytes]] = []
        self._sequence = 0
        self.closed = False

    def built(self, pages: list[str], everything: bool) -> None:
        with self._condition:
            self.generation += 1
            self.problems = None
            self._push("built", {"generation": self.generation, "pages": pages, "all": everything})

    def failed(self, problems: list[str]) -> None:
        with self._condition:
            self.problems = problems
            self._push("failed", {"problems": problems})

    def _push(self, event: str, data: dict) -> None:
        self._sequence += 1
        self._events = [*self._events[-99:], (self._sequence, _message(event, data))]
        self._condition.notify_all()

    def hello(self) -> tuple[int, bytes]:
        """Where a new listener starts, and its first message: the generation and any problems."""
        with self._condition:
            hello = {"server": self.server, "generation": self.generation, "problems": self.problems}
            return self._sequence, _message("hello", hello)

    def after(self, seen: int, timeout: float) -> tuple[int, list[bytes]]:
        """The messages after `seen`, waiting up to `timeout` seconds for one."""
        with self._condition:
            self._condition.wait_for(lambda: self._sequence > seen or self.closed, timeout)
            return self._sequence, [message for number, message in self._events if number > seen]

    def close(self) -> None:
        with self._condition:
            self.closed = True
            self._condition.notify_all()


def _message(event: str, data: dict) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n".encode()


class _Handler(SimpleHTTPRequestHandler):
    """Serves the site folder as it is on disk, with the reload script added to every page."""

    broadcast: _Broadcast
    folder: Path
    ready: Callable[[Path], None]

    def __init__(self, *args: object, **kwargs: object) -> None:
        # By path, per request: a full rebuild swaps the folder.
        super().__init__(*args, directory=str(self.folder), **kwargs)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        route = urlsplit(self.path).path
        if route == EVENTS_PATH:
            self._events()
        elif route == SCRIPT_PATH:
            script = resources.files("verantwoord.build").joinpath("static", "reload.js").read_bytes()
            self._send(script, "text/javascript; charset=utf-8")
        else:
            super().do_GET()

    def send_head(self) -> io.BytesIO | object:
        route = urlsplit(self.path).path
        file = Path(self.translate_path(self.path))
        if file.is_dir() and route.endswith("/"):
            file = file / "index.html"
        if file.suffix != ".html":
            return super().send_head()
        generation = self.broadcast.generation  # before reading: a rebuild in between makes the page reload
        try:
            self.ready(file)
            page = file.read_bytes()
        except OSError:
            return super().send_head()
        return self._head(_with_script(page, self.broadcast.server, generation), "text/html; charset=utf-8")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A page the site does not have (yet) is said in Dutch, and the browser follows the server from there."""
        if code != HTTPStatus.NOT_FOUND:
            super().send_error(code, message, explain)
            return
        body = _with_script(_missing_page(self.folder), self.broadcast.server, self.broadcast.generation)
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _head(self, body: bytes, content_type: str) -> io.BytesIO:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _send(self, body: bytes, content_type: str) -> None:
        self._head(body, content_type)
        self.wfile.write(body)

    def _events(self) -> None:
        """Server-Sent Events until the page goes or the server stops."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen, hello = self.broadcast.hello()
        try:
            self.wfile.write(hello)
            self.wfile.flush()
            while not self.broadcast.closed:
                seen, messages = self.broadcast.after(seen, _KEEPALIVE)
                self.wfile.write(b"".join(messages) or b": \n\n")
                self.wfile.flush()
        except OSError:
            pass  # the page was closed or reloaded


def _with_script(page: bytes, server: str, generation: int) -> bytes:
    script = (
        f'<script src="{SCRIPT_PATH}" data-events="{EVENTS_PATH}" data-server="{server}" '
        f'data-generation="{generation}"></script>\n'
    ).encode()
    end = page.rfind(b"</body>")
    return page + script if end < 0 else page[:end] + script + page[end:]


def _identity(folder: Path) -> tuple[int, ...] | None:
    """Which build made `folder`: its marker file, written anew by each (the folder's own inode is reused after two
    builds swapped their folders in)."""
    return _signature(folder / MARKER)


def output_folder(root: Path) -> Path:
    """The folder `serve` builds the site of the project at `root` into, and serves: the settings' `uitvoer`."""
    config = read_config(root, Problems())
    return config.output_dir if config else root / "site"


def _missing_page(folder: Path) -> bytes:
    """The page for an address the site in `folder` does not have, in Dutch (http.server's is English). It gets the
    reload script as every page: it shows the problems of the last rebuild, and reloads once the site is built (the
    first build failed) or rebuilt whole (a new title gives a page a new address)."""
    if (folder / "index.html").is_file():
        title = "Deze pagina bestaat niet"
        text = (
            "Op dit adres staat geen pagina (meer): een andere titel geeft een pagina een ander adres. "
            '<a href="/">Naar de beginpagina</a>'
        )
    else:
        title = "Er is nog geen website"
        text = (
            "verantwoord heeft de website nog niet kunnen bouwen. De fouten in de invoer staan hieronder en in het "
            "opdrachtvenster: verbeter ze en sla op, dan verschijnt de website hier vanzelf."
        )
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n</head>\n"
        '<body style="font:1rem/1.5 sans-serif;margin:2rem auto;padding:0 1rem;max-width:40rem;color:#1a1a1a">\n'
        f"<main>\n<h1>{title}</h1>\n<p>{text}</p>\n</main>\n</body>\n</html>\n"
    ).encode()


OFFICE_LOCKS = ("~$", ".~lock.")
"""The files Excel (~$indicatoren.xlsx) and LibreOffice (.~lock.indicatoren.xlsx#) keep while a file is open."""


def _outside(root: Path) -> list[Path]:
    """What the settings name outside the project folder, which `serve` follows too: an export on a shared drive
    (export.bestand: ../gedeeld/indicatoren.xlsx), the texts, the previous export, the theme. As the settings name
    them (root/../gedeeld/…), the paths the project is loaded with, so that a change to one is recognised.

    Read from verantwoord.yaml as it stands, errors and all: an export on a share that is not connected yet is an
    error in the settings, and is followed all the same, so that the site is built once it is there."""
    data = load_yaml(root / CONFIG_FILE, Problems())
    if not isinstance(data, dict):
        return []
    documents = data.get("documenten")
    named = []
    for entry in [data, *(documents if isinstance(documents, list) else [])]:
        if not isinstance(entry, dict):
            continue
        export, theme = entry.get("export"), entry.get("thema")
        export = export if isinstance(export, dict) else {}
        theme = theme if isinstance(theme, dict) else {}
        named += [export.get("bestand"), export.get("vorige"), entry.get("tekst"), theme.get("map"), theme.get("logo")]
    paths = {root / value for value in named if isinstance(value, str) and value}
    return sorted(path for path in paths if not path.resolve().is_relative_to(root))


class Outside:
    """The files and folders the settings name outside the project folder (`_outside`), looked at by themselves:
    their folder may be a whole network share, too large to watch (and watched by polling on WSL). A folder (the
    texts, a CSV export) is the files in it and its subfolders; one that is not there yet (a share not connected)
    is looked for again. The first look is when this is made: before the first build, so that a save during it is
    not missed."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = paths
        self.seen = self._look()

    def follow(self, paths: Sequence[Path]) -> None:
        """Look at `paths` from now on (the settings changed). The files new to this are taken as they are now,
        since the rebuild that follows reads them; the others keep their last look, so no change is missed."""
        if list(paths) != list(self.paths):
            self.paths = paths
            self.seen = {path: self.seen.get(path, now) for path, now in self._look().items()}

    def changes(self) -> set[tuple[watchfiles.Change, str]]:
        now = self._look()
        found = {(watchfiles.Change.added, str(p)) for p in now.keys() - self.seen.keys()}
        found |= {(watchfiles.Change.deleted, str(p)) for p in self.seen.keys() - now.keys()}
        found |= {(watchfiles.Change.modified, str(p)) for p in now.keys() & self.seen.keys() if now[p] != self.seen[p]}
        self.seen = now
        return found

    def _look(self) -> dict[Path, tuple[int, ...] | None]:
        seen: dict[Path, tuple[int, ...] | None] = {}
        for path in self.paths:
            if path.is_dir():
                seen.update((child, _signature(child)) for child in _files_under(path))
            elif path.suffix or path.exists():  # a file, there or not; a folder that is not there has no files yet
                seen[path] = _signature(path)
        return seen


def _files_under(folder: Path) -> list[Path]:
    """The files in `folder` and its subfolders (the texts' images, a theme's templates), not in hidden ones (.git).
    A folder gone or refused meanwhile (a share that drops) is as if empty."""
    files = []
    for parent, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        files += [Path(parent, name) for name in names]
    return files


def _unfinished_workbook(path: Path) -> bool:
    """Whether the workbook at `path` looks half-saved: gone (a tool that deletes it before writing it anew), empty,
    or a zip file without the record that ends it, which a save writes last (also when the file was first made its
    full size, zeros at its end, and is filled in from the start, as Windows copies a file), or one that may not be
    read now (Windows refuses a file that a program is still writing). Another file (a CSV named .xlsx, an old .xls)
    is not: it is reported at once."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
            size = handle.seek(0, os.SEEK_END)
            handle.seek(max(0, size - len(_ZIP_END) - 18 - 65_535))
            tail = handle.read()
    except (FileNotFoundError, PermissionError):
        return True
    except OSError:
        return False
    return not head or (head in (b"PK\x03\x04", bytes(4)) and _ZIP_END not in tail)


def _signature(path: Path) -> tuple[int, ...] | None:
    """What changes when a file is written or replaced; its ctime too, as a copy that keeps the modification time
    (robocopy, cp -p) changes that."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino


def _filter(output: Path) -> Callable[[watchfiles.Change, str], bool]:
    base = watchfiles.DefaultFilter()

    def accept(change: watchfiles.Change, path: str) -> bool:
        candidate = Path(path)
        if candidate.name.startswith(OFFICE_LOCKS) or any(p.startswith(".verantwoord-") for p in candidate.parts):
            return False
        if candidate == output or output in candidate.parents:
            return False
        return base(change, path)

    return accept
