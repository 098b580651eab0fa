"""Full-text search over the built site with Pagefind, whose binary comes inside its PyPI wheel.

Pagefind reads the finished HTML (in the staging folder, before it is swapped in) and writes a static
index into `pagefind/`; the search page loads it in the browser. It stems Dutch or English from the
pages' `lang`. Without JavaScript the search page offers the table of contents instead.

Pagefind keeps the whole index of a run in memory: about 0.42 MB per section page of a dozen tables,
2 GB for 5,000 pages. A large document is therefore indexed in parts of at most PAGES_PER_INDEX pages, one
run after another, each into its own bundle (`pagefind/`, `pagefind-2/`, …); the search page merges them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pagefind_bin import get_executable

from verantwoord.build.scratch import scratch_folder
from verantwoord.errors import BuildFailed
from verantwoord.model import Document

PAGES_PER_INDEX = 300
"""The most pages one Pagefind run indexes. Pagefind holds about 0.42 MB per section page of a dozen tables (its
memory grows with the pages of a run, its time does not depend on how they are split): about 130 MB per run."""


@dataclass(frozen=True)
class SearchBundle:
    """One part of the search index: the folder Pagefind writes, and the pages it reads."""

    folder: str
    glob: str


WHOLE_SITE = (SearchBundle("pagefind", "**/*.{html}"),)


def search_bundles(document: Document, limit: int | None = None) -> tuple[SearchBundle, ...]:
    """The parts of the document's index: one for most documents, one per `limit` pages in reading order for large
    ones. A part takes whole chapters where they fit; a chapter larger than a part is split between its sections,
    so that no chapter, however large, makes Pagefind hold more than `limit` pages."""
    limit = limit or PAGES_PER_INDEX
    if 1 + sum(1 + len(chapter.sections) for chapter in document.chapters) <= limit:
        return WHOLE_SITE
    groups: list[list[str]] = [["index.html"]]
    count = 1

    def add(glob: str, size: int) -> None:
        nonlocal count
        if count + size > limit and count > 1:  # a part of the home page alone would be no use
            groups.append([])
            count = 0
        groups[-1].append(glob)
        count += size

    for chapter in document.chapters:
        if 1 + len(chapter.sections) <= limit:
            add(f"{chapter.slug}/**/*.html", 1 + len(chapter.sections))
            continue
        add(f"{chapter.slug}/index.html", 1)
        for section in chapter.sections:
            add(f"{chapter.slug}/{section.slug}/**/*.html", 1)
    return tuple(
        SearchBundle("pagefind" if number == 1 else f"pagefind-{number}", "{" + ",".join(globs) + "}")
        for number, globs in enumerate(groups, 1)
    )


@contextmanager
def search_index(root: Path, bundles: tuple[SearchBundle, ...] = WHOLE_SITE) -> Iterator[None]:
    """Index the pages under `root` into its search bundles: the body of the `with` writes the home page.

    Pagefind runs in its own processes, one bundle after another: the bundles of a large document's other parts
    while the body runs (the build writes the open data and then the home page, which shows their sizes), the first
    bundle, which has the home page, after it. A document of one bundle is indexed after the body.
    """
    commands = [_command(root, root / bundle.folder, bundle.glob) for bundle in bundles]
    runs = _Runs(commands[1:] + commands[:1])
    runs.start()
    try:
        yield
    except BaseException:
        runs.cancel()
        raise
    runs.release()
    runs.join()
    runs.check()


class _Runs(threading.Thread):
    """Pagefind commands run one after another, so only one index is in memory at a time; the last waits for
    `release`."""

    def __init__(self, commands: list[list[str]]) -> None:
        super().__init__(name="verantwoord-search", daemon=True)
        self.commands = commands
        self.failure: tuple[int, str, str] | None = None
        self._released = threading.Event()
        self._cancelled = threading.Event()
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()

    def release(self) -> None:
        self._released.set()

    def run(self) -> None:
        for number, command in enumerate(self.commands):
            if number == len(self.commands) - 1:
                self._released.wait()
            with self._lock:
                if self._cancelled.is_set():
                    return
                self._process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            output, errors = self._process.communicate()
            if self._process.returncode != 0:
                self.failure = (self._process.returncode, output, errors)
                return

    def cancel(self) -> None:
        with self._lock:
            self._cancelled.set()
            self._released.set()  # a held run then sees it is cancelled
            if self._process is not None and self._process.poll() is None:
                self._process.kill()
        self.join()

    def check(self) -> None:
        if self.failure is not None:
            _check(*self.failure)


def reindex(root: Path, scratch: Path, bundles: tuple[SearchBundle, ...] = WHOLE_SITE) -> None:
    """Remake the index of the site at `root` while it is being served, and swap each part in when complete.

    Pagefind writes into a new folder in `scratch` (on the same disk, outside the site); the old part
    stays in use until the rename.
    """
    for part in bundles:
        bundle = scratch_folder(scratch, "zoeken")
        try:
            done = subprocess.run(_command(root, bundle, part.glob), capture_output=True, text=True)
            _check(done.returncode, done.stdout, done.stderr)
            bundle.chmod(0o755)
            current = root / part.folder
            retired = bundle.with_name(bundle.name + "-oud")
            if current.exists():
                os.rename(current, retired)
            os.rename(bundle, current)
            shutil.rmtree(retired, ignore_errors=True)
        finally:
            shutil.rmtree(bundle, ignore_errors=True)


def _command(root: Path, bundle: Path, glob: str) -> list[str]:
    return [str(get_executable()), "--site", str(root), "--output-path", str(bundle), "--glob", glob, "--silent"]


def _check(returncode: int, output: str, errors: str) -> None:
    if returncode != 0:
        raise BuildFailed(f"Het zoekregister kon niet worden gemaakt (Pagefind): {errors.strip() or output}")
