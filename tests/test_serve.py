"""`serve`: a real server on 127.0.0.1 that rewrites only the pages an edit changed, and tells the browser."""

from __future__ import annotations

import contextlib
import http.client
import importlib.util
import io
import json
import os
import queue
import re
import shutil
import socket
import threading
import time
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import watchfiles
from openpyxl import Workbook
from PIL import Image

from tests.conftest import TestProject, edit_workbook, tree_bytes
from verantwoord import build, serve
from verantwoord.build.incremental import Followup, IncrementalSite
from verantwoord.build.scratch import LockHolder
from verantwoord.build.site import MARKER
from verantwoord.errors import Severity, VerantwoordError
from verantwoord.export.template import write_workbook
from verantwoord.project import load_project
from verantwoord.publish import build_project, document_sites, write_sites
from verantwoord.serve import EVENTS_PATH, SCRIPT_PATH, Rebuild, serve_project

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "amersfoort-2020"
SEVERAL = Path(__file__).resolve().parents[1] / "examples" / "begroting-en-jaarverslag"
SECTION = "4-bestuur-en-dienstverlening/4-1-bestuur-en-dienstverlening/"
BUILT_AT = datetime(2021, 5, 27, 10, 23, 59, tzinfo=UTC)

TEXTS = {
    "4.md": "# Bestuur\n\nHoofdstuk vier.\n",
    "4.1.md": "# Dienstverlening\n\nOver de balie.\n",
    "4.2.md": "# Burgerzaken\n\nOver paspoorten.\n",
    "4.3.md": "# Participatie\n\nOver de wijken.\n",
    "5.md": "# Veiligheid\n\nHoofdstuk vijf.\n",
    "5.1.md": "# Openbare orde\n\nOver de nacht.\n",
}
PAGES = {
    "home": "index.html",
    "4": "4-bestuur/index.html",
    "4.1": "4-bestuur/4-1-dienstverlening/index.html",
    "4.2": "4-bestuur/4-2-burgerzaken/index.html",
    "4.3": "4-bestuur/4-3-participatie/index.html",
    "5": "5-veiligheid/index.html",
    "5.1": "5-veiligheid/5-1-openbare-orde/index.html",
}


@pytest.fixture
def project(make_project: Callable[..., TestProject]) -> TestProject:
    """Two chapters, four sections; indicators in 4.1 (from conftest) and one without fixed decimals in 4.2."""
    made = make_project(export="csv", texts=TEXTS, write=False)
    made.indicators.append(
        {"id": "paspoorten", "paragraaf": "4.2", "titel": "Doorlooptijd paspoort", "eenheid": "dagen", "bron": "BRP"}
    )
    made.values.append({"indicator": "paspoorten", "periode": "2020", "soort": "realisatie", "waarde": "7.1"})
    return made.write()


@pytest.fixture
def real_sizes() -> None:
    """Asked for by a test of the download sizes themselves: `steady_sizes` leaves them be."""


@pytest.fixture(autouse=True)
def steady_sizes(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The open-data files' sizes as the home page shows them, kept steady: the xlsx is compressed, and a new export
    moment in its cells may move its size over a tenth of a kB (7,643 to 7,655 bytes: '7,6 kB' to '7,7 kB'), after
    which the background rightly renders the home page again, beside what a test of footers holds and counts (one
    failed now and then). Only the tests that ask for `real_sizes` see the sizes as written."""
    if "real_sizes" in request.fixturenames:
        return
    real = build.opendata.file_sizes

    def steady(root: Path) -> dict[str, int]:
        return dict.fromkeys(real(root), 1000)

    monkeypatch.setattr(build.site, "file_sizes", steady)
    monkeypatch.setattr(build.incremental, "file_sizes", steady)


def _pages(folder: Path) -> dict[str, bytes]:
    """Every file of a site but the search index, which Pagefind remakes in the background: its folder is not
    even entered, since the background swaps it away for a moment."""
    pages = {}
    for here, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if name != "pagefind")
        for name in sorted(files):
            path = Path(here, name)
            pages[str(path.relative_to(folder))] = path.read_bytes()
    return pages


def _built(project: TestProject) -> IncrementalSite:
    """The project's site, fully built, as `serve` keeps it."""
    (site,) = document_sites(load_project(project.root), pdf=False)
    write_sites([site], project.output, BUILT_AT)
    return IncrementalSite(project.output, site.document, site.options, BUILT_AT, project.root, _FAILURES.append)


_FAILURES: list[Exception] = []
"""What went wrong in the background (open data, search index): nothing, the tests check."""


def _update(project: TestProject, site: IncrementalSite) -> list[str] | None:
    (new,) = document_sites(load_project(project.root), pdf=False)
    update = site.update(new.document, new.options)
    site.finish()  # the footers are swapped in the background
    site.followup.wait()
    assert _FAILURES == []
    return None if update is None else update.pages


def _wait_for_full_build(project: TestProject, folder: Path) -> None:
    """Until the served site is what a full build into `folder` writes: the open data follows in the background."""
    full = _pages(build_project(project.root, folder, pdf=False).output)
    deadline = time.monotonic() + 30
    while _pages(project.output) != full and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _pages(project.output) == full


def _hold_footers(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The background swap of footers waits until the event returned is set."""
    go = threading.Event()
    background = IncrementalSite._swap_footers
    monkeypatch.setattr(
        IncrementalSite, "_swap_footers", lambda self, generation: go.wait() and background(self, generation)
    )
    return go


def _full_build(project: TestProject, folder: Path) -> dict[str, bytes]:
    (site,) = document_sites(load_project(project.root), pdf=False)
    write_sites([site], folder, BUILT_AT)
    return _pages(folder)


def _changed(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    assert before.keys() == after.keys()
    return {name for name in before if before[name] != after[name]}


_FINGERPRINT = re.compile(rb'<p class="fingerprint">[^<]*</p>')


def _rendered(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    """The pages changed in more than the fingerprint of the export in their footer, which every figure changes."""
    return _changed(*({name: _FINGERPRINT.sub(b"", data) for name, data in pages.items()} for pages in (before, after)))


ALL_PAGES = ["", "4-bestuur/", "4-bestuur/4-1-dienstverlening/", "4-bestuur/4-2-burgerzaken/",
             "4-bestuur/4-3-participatie/", "5-veiligheid/", "5-veiligheid/5-1-openbare-orde/", "toegankelijkheid/",
             "zoeken/"]  # fmt: skip
"""What an update tells the browser when the export's bytes changed: the fingerprint in every footer is new."""


# Only what changed is written, and it is what a full build would write.


def test_a_changed_figure_rewrites_only_its_page_and_the_open_data(project: TestProject, tmp_path: Path) -> None:
    site = _built(project)
    before = _pages(project.output)
    project.values[3]["waarde"] = "84"  # kcc-bereikbaarheid 2019: no target, so no summary changes
    project.write()

    assert _update(project, site) == ALL_PAGES
    after = _pages(project.output)
    changed = _changed(before, after)
    assert {name for name in _rendered(before, after) if name.endswith(".html")} == {PAGES["4.1"]}
    assert {name for name in changed if not name.endswith(".html")} <= {
        name for name in after if name.startswith("open-data/")
    }
    assert "open-data/indicatoren.csv" in changed
    assert after == _full_build(project, tmp_path / "full")


_SIZES = re.compile(rb'download="[^"]*">[^<]*(\([^<)]*kB\))</a>')


@pytest.mark.usefixtures("real_sizes")
def test_a_figure_that_changes_a_files_size_renders_the_home_page_again_after_the_open_data(
    project: TestProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The home page's download links show the open-data files' sizes. The reload does not wait for the open data:
    the changed section page is written, and the home page follows in the background, once the files are."""
    site = _built(project)
    home = project.output / "index.html"
    sizes = _SIZES.findall(home.read_bytes())
    go = threading.Event()
    write_open_data = Followup._write_open_data
    monkeypatch.setattr(
        Followup, "_write_open_data", lambda self, document: go.wait() and write_open_data(self, document)
    )
    project.values[3]["tekst"] = "Gemeten in de tweede helft van het jaar. " * 120  # some 5 kB more
    project.write()

    (new,) = document_sites(load_project(project.root), pdf=False)
    update = site.update(new.document, new.options)
    site.finish()
    assert update is not None and len(sizes) == 5
    assert _SIZES.findall(home.read_bytes()) == sizes  # until the open data is written
    go.set()
    site.followup.wait()
    assert _FAILURES == []
    assert _SIZES.findall(home.read_bytes()) != sizes
    assert _pages(project.output) == _full_build(project, tmp_path / "full")


def test_a_figure_with_another_decimal_is_a_change(project: TestProject, tmp_path: Path) -> None:
    """7.1 and 7.10 are equal numbers, but the page shows them differently: the key is the figure as entered."""
    site = _built(project)
    project.values[-1]["waarde"] = "7.10"
    project.write()

    assert _update(project, site) == ALL_PAGES
    assert "7,10" in (project.output / PAGES["4.2"]).read_text(encoding="utf-8")
    assert _pages(project.output) == _full_build(project, tmp_path / "full")


def test_a_changed_status_rewrites_the_home_page_too(project: TestProject, tmp_path: Path) -> None:
    site = _built(project)
    project.values[1]["waarde"] = "90"  # kcc-tevredenheid 2020 under its target of 93: no longer met
    project.write()

    before = _pages(project.output)
    assert _update(project, site) == ALL_PAGES
    assert {name for name in _rendered(before, _pages(project.output)) if name.endswith(".html")} == {
        PAGES["home"],
        PAGES["4.1"],
    }
    assert _pages(project.output) == _full_build(project, tmp_path / "full")


def test_a_new_export_moment_swaps_every_footer_without_rendering(
    project: TestProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Excel gives the workbook a new moment on every save: that is a line in each footer, not a new site."""
    site = _built(project)
    before = _pages(project.output)
    rendered: list[int] = []
    render = build.site.PageRenderer.render
    monkeypatch.setattr(build.site.PageRenderer, "render", lambda self, i: rendered.append(i) or render(self, i))
    indexed: list[Path] = []
    monkeypatch.setattr(build.incremental, "reindex", lambda root, *args: indexed.append(root))
    project.config["export"]["tijd"] = "26-05-2021 09:15:00"
    project.write()

    pages = _update(project, site)

    assert pages is not None and "" in pages and "toegankelijkheid/" in pages
    assert rendered == []  # every page written, none rendered
    assert indexed == []  # the footer is not indexed: the search index stays
    after = _pages(project.output)
    assert {name for name in _changed(before, after) if name.endswith(".html")} == {
        name for name in after if name.endswith(".html") and not name.startswith("open-data/")
    }
    assert "26 mei 2021 om 09:15" in (project.output / PAGES["4.1"]).read_text(encoding="utf-8")
    assert after == _full_build(project, tmp_path / "full")


def test_a_page_asked_for_before_its_footer_is_swapped_gets_it_swapped_first(
    project: TestProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The footers are swapped in the background; `ready` (the server, before it sends a page) does one at once."""
    site = _built(project)
    go = _hold_footers(monkeypatch)
    project.config["export"]["tijd"] = "26-05-2021 09:15:00"
    project.write()
    (new,) = document_sites(load_project(project.root), pdf=False)

    assert site.update(new.document, new.options) is not None
    page = project.output / PAGES["4.2"]
    assert "26 mei 2021 om 09:15" not in page.read_text(encoding="utf-8")  # not yet: the background waits
    site.ready(page)
    assert "26 mei 2021 om 09:15" in page.read_text(encoding="utf-8")
    assert "26 mei 2021 om 09:15" not in (project.output / PAGES["5.1"]).read_text(encoding="utf-8")
    go.set()
    site.finish()
    assert "26 mei 2021 om 09:15" in (project.output / PAGES["5.1"]).read_text(encoding="utf-8")


def _spy_on_rendering(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages rendered from now on (a page whose footer is swapped is not rendered)."""
    rendered: list[str] = []
    render = build.site.PageRenderer.render
    monkeypatch.setattr(
        build.site.PageRenderer, "render", lambda self, i: rendered.append(self.everything[i].path) or render(self, i)
    )
    return rendered


def _update_without_waiting(site: IncrementalSite, project: TestProject) -> None:
    """`site.update` with the project as it is now, which must return while the background swap is held."""
    (new,) = document_sites(load_project(project.root), pdf=False)
    updates: list[object] = []
    thread = threading.Thread(target=lambda: updates.append(site.update(new.document, new.options)), daemon=True)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive(), "the update waited for the previous swap of footers"
    assert updates != [None]


@pytest.mark.parametrize("moment", ["27-05-2021 08:00:00", "26-05-2021 09:15:00"])
def test_the_next_update_takes_over_the_footers_the_background_has_not_swapped_yet(
    project: TestProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, moment: str
) -> None:
    """Saved twice in a row (at 5,000 sections the swap takes seconds): the second save waits for no footer.

    The second save has a moment of its own, or keeps the first's (then only a figure changed)."""
    site = _built(project)
    rendered = _spy_on_rendering(monkeypatch)
    go = _hold_footers(monkeypatch)
    project.config["export"]["tijd"] = "26-05-2021 09:15:00"
    project.write()
    _update_without_waiting(site, project)
    site.ready(project.output / PAGES["4.2"])  # asked for: swapped to the first moment already
    assert "26 mei 2021 om 09:15" in (project.output / PAGES["4.2"]).read_text(encoding="utf-8")
    project.config["export"]["tijd"] = moment
    project.values[1]["waarde"] = "90"  # a figure on 4.1 and the home page
    project.write()

    _update_without_waiting(site, project)
    go.set()
    site.finish()
    site.followup.wait()

    assert _FAILURES == []
    assert sorted(rendered) == ["", "4-bestuur/4-1-dienstverlening/"]  # every other page had its footer swapped
    assert _pages(project.output) == _full_build(project, tmp_path / "full")


def test_an_update_while_the_background_swaps_footers_stops_it_and_takes_over(
    project: TestProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same, with the swap running (slowly) when the next update comes: the documents are loaded first, and
    the updates follow one another at once."""
    site = _built(project)
    documents = []
    for moment, figure in (("26-05-2021 09:15:00", "90"), ("27-05-2021 08:00:00", "95"), ("28-05-2021 08:00:00", None)):
        project.config["export"]["tijd"] = moment
        if figure:
            project.values[1]["waarde"] = figure
        project.write()
        (new,) = document_sites(load_project(project.root), pdf=False)
        documents.append(new)
    rendered = _spy_on_rendering(monkeypatch)
    swap = build.incremental.restamp_file
    monkeypatch.setattr(build.incremental, "restamp_file", lambda *args: time.sleep(0.05) or swap(*args))
    left = []
    for new in documents:
        left.append(len(site._stale))
        assert site.update(new.document, new.options) is not None
    site.finish()
    site.followup.wait()

    assert _FAILURES == []
    assert left[0] == 0 and left[1] > 0 and left[2] > 0  # the swap was running at the second and third update
    assert sorted(rendered) == ["", "", "4-bestuur/4-1-dienstverlening/", "4-bestuur/4-1-dienstverlening/"]
    assert _pages(project.output) == _full_build(project, tmp_path / "full")


def test_a_page_asked_for_while_the_next_update_renders_gets_its_footer_swapped(
    project: TestProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The update that follows keeps the export and renders only 4.1: it tells the browser of 4.1 alone, so 5.1,
    asked for meanwhile, must come with the moment of the update before (a review found it did not)."""
    site = _built(project)
    go = _hold_footers(monkeypatch)
    project.config["export"]["tijd"] = "26-05-2021 09:15:00"
    project.write()
    _update_without_waiting(site, project)
    project.texts["4.1.md"] += "\nEen zin erbij.\n"  # 4.1 only: a figure would change the export's fingerprint
    project.write()
    page, served = project.output / PAGES["5.1"], []
    render = build.site.PageRenderer.render

    def asked_for_meanwhile(renderer: object, index: int) -> str:
        site.ready(page)  # the server, before it sends 5.1
        served.append(page.read_text(encoding="utf-8"))
        return render(renderer, index)

    monkeypatch.setattr(build.site.PageRenderer, "render", asked_for_meanwhile)
    (new,) = document_sites(load_project(project.root), pdf=False)
    update = site.update(new.document, new.options)
    go.set()
    site.finish()
    site.followup.wait()

    assert update is not None and update.pages == ["4-bestuur/4-1-dienstverlening/"]
    assert served and all("26 mei 2021 om 09:15" in text for text in served)


@pytest.mark.parametrize("swapped", [True, False], ids=["footers-swapped", "pages-rendered"])
def test_an_update_that_fails_leaves_the_site_as_the_last_document_with_its_footer(
    project: TestProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, swapped: bool
) -> None:
    """The site stays the last document that was written whole, every page with its footer, until the next edit
    builds it whole. Also when a footer is not found and its page is rendered: from that document, not from the
    one that failed (whose renderer changed the templates' globals)."""
    site = _built(project)
    go = _hold_footers(monkeypatch)
    project.config["export"]["tijd"] = "26-05-2021 09:15:00"
    project.write()
    _update_without_waiting(site, project)
    expected = _full_build(project, tmp_path / "last")
    project.config["export"]["tijd"] = "27-05-2021 08:00:00"
    project.values[3]["waarde"] = "84"  # on 4.1, whose writing fails
    project.write()
    write = build.incremental._replace

    def full_disk(target: Path, content: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build.incremental, "_replace", full_disk)
    (new,) = document_sites(load_project(project.root), pdf=False)
    with pytest.raises(OSError):
        site.update(new.document, new.options)
    monkeypatch.setattr(build.incremental, "_replace", write)
    if not swapped:
        monkeypatch.setattr(build.incremental, "restamp_file", lambda *args: False)
    go.set()
    site.finish()

    pages = _pages(project.output)
    assert {name: pages[name] for name in PAGES.values()} == {name: expected[name] for name in PAGES.values()}
    assert site.update(new.document, new.options) is None  # the next edit builds whole


@contextlib.contextmanager
def _served_with_a_new_moment_and_footers_held(
    project: TestProject, monkeypatch: pytest.MonkeyPatch
) -> Iterator[_Server]:
    """A server whose project got a new export moment, with the background swap of footers held until the end."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(BUILT_AT.timestamp())))
    go = _hold_footers(monkeypatch)
    server = _Server(project.root)
    try:
        project.config["export"]["tijd"] = "26-05-2021 09:15:00"
        project.write()
        server.wait_for("built")
        yield server
    finally:
        go.set()
        server.close()


def test_a_full_build_in_serve_does_not_wait_for_the_footers_of_the_edit_before(
    project: TestProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _served_with_a_new_moment_and_footers_held(project, monkeypatch) as server:
        project.texts["5.2.md"] = "# Brandweer\n\nOver de kazerne.\n"  # a page more: the site is built whole
        project.write()
        rebuild = server.wait_for("built")
        assert isinstance(rebuild, Rebuild) and rebuild.full
    assert _pages(project.output) == _full_build(project, tmp_path / "full")


def test_a_full_build_stops_the_swap_of_footers_at_once(project: TestProject, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _built(project)
    go = _hold_footers(monkeypatch)
    project.config["export"]["tijd"] = "26-05-2021 09:15:00"
    project.write()
    _update_without_waiting(site, project)
    site.followup.wait()
    before = _pages(project.output)

    site.stop()
    go.set()
    site.finish()

    assert _pages(project.output) == before
    (again,) = document_sites(load_project(project.root), pdf=False)
    assert site.update(again.document, again.options) is None  # pages have the old footer: should the build fail


def test_with_a_themes_own_templates_a_new_export_moment_builds_the_site_again(project: TestProject) -> None:
    """A theme's templates may show the export moment anywhere, not only in the footer line."""
    theme = project.root / "thema"
    theme.mkdir()
    base = (Path(build.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8")
    (theme / "base.html").write_text(
        base.replace("<main", "<!-- {{ document.export.time }} -->\n<main"), encoding="utf-8"
    )
    project.config["thema"] = {"map": "thema"}
    project.write()
    site = _built(project)
    project.config["export"]["tijd"] = "26-05-2021 09:15:00"
    project.write()

    assert _update(project, site) is None


def test_a_page_file_gone_missing_is_rendered_when_the_footers_are_swapped(
    project: TestProject, tmp_path: Path
) -> None:
    site = _built(project)
    (project.output / PAGES["4.2"]).unlink()
    project.config["export"]["tijd"] = "26-05-2021 09:15:00"
    project.write()

    assert _update(project, site) is not None
    assert _pages(project.output) == _full_build(project, tmp_path / "full")


def test_with_an_address_the_404_page_gets_the_new_footer_too(project: TestProject, tmp_path: Path) -> None:
    """The 404 page has the footer, with the export's fingerprint, as every page: a new figure changes it there too."""
    project.config["website"] = {"adres": "https://www.amersfoort.nl/jaarverslag/"}
    project.write()
    site = _built(project)
    project.values[3]["waarde"] = "84"
    project.write()

    assert _update(project, site) is not None
    assert _pages(project.output) == _full_build(project, tmp_path / "full")


def test_with_a_themes_own_templates_a_new_export_builds_the_site_again(project: TestProject) -> None:
    """A theme's templates may show the export's fingerprint anywhere, as its moment: a CSV export has no moment of
    its own, so a new figure changes the fingerprint alone."""
    theme = project.root / "thema"
    theme.mkdir()
    base = (Path(build.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8")
    (theme / "base.html").write_text(
        base.replace("<main", "<!-- {{ document.export.fingerprint }} -->\n<main"), encoding="utf-8"
    )
    project.config["thema"] = {"map": "thema"}
    project.write()
    site = _built(project)
    project.values[3]["waarde"] = "84"
    project.write()

    assert _update(project, site) is None


def test_an_unchanged_save_writes_nothing(project: TestProject) -> None:
    site = _built(project)
    before = tree_bytes(project.output)
    project.write()  # every file written again, with the same content: modification times change, keys do not

    assert _update(project, site) == []
    assert tree_bytes(project.output) == before


def test_a_new_title_moves_the_page_so_the_site_is_built_whole(project: TestProject) -> None:
    site = _built(project)
    project.texts["4.2.md"] = "# Burgerzaken en verkiezingen\n\nOver paspoorten.\n"
    project.write()

    assert _update(project, site) is None


def test_with_a_themes_own_templates_every_page_follows_the_document(project: TestProject, tmp_path: Path) -> None:
    """A theme's template may show a section's text on its chapter page: ours do not, so the keys cannot know."""
    theme = project.root / "thema"
    theme.mkdir()
    chapter = (Path(build.__file__).parent / "templates" / "chapter.html").read_text(encoding="utf-8")
    extra = "<p>{{ page.chapter.sections[0].text if page.chapter.sections }}</p>\n{% endblock %}"
    (theme / "chapter.html").write_text(chapter.replace("{% endblock %}", extra), encoding="utf-8")
    project.config["thema"] = {"map": "thema"}
    project.write()
    site = _built(project)
    project.texts["4.1.md"] = "# Dienstverlening\n\nOver de balie en de telefoon.\n"
    project.write()

    assert "4-bestuur/" in (_update(project, site) or [])
    assert "Over de balie en de telefoon." in (project.output / PAGES["4"]).read_text(encoding="utf-8")
    assert _pages(project.output) == _full_build(project, tmp_path / "full")


# The server


class _Events:
    """A browser's EventSource, reduced to reading the stream: (event, data) pairs on a queue."""

    def __init__(self, url: str) -> None:
        host, port = url.removeprefix("http://").rstrip("/").split(":")
        self.connection = http.client.HTTPConnection(host, int(port), timeout=60)
        self.connection.request("GET", EVENTS_PATH)
        self.response = self.connection.getresponse()
        assert self.response.getheader("Content-Type") == "text/event-stream"
        self.received: queue.Queue[tuple[str, dict]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        event = ""
        try:
            for line in self.response:
                text = line.decode("utf-8").rstrip("\n")
                if text.startswith("event: "):
                    event = text.removeprefix("event: ")
                elif text.startswith("data: "):
                    self.received.put((event, json.loads(text.removeprefix("data: "))))
        except OSError:
            pass

    def next(self, kind: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                event, data = self.received.get(timeout=0.2)
            except queue.Empty:
                continue
            if event == kind:
                return data
        raise AssertionError(f"no {kind!r} event within {timeout} s")

    def close(self) -> None:
        self.connection.close()


class _Server:
    def __init__(self, root: Path, port: int = 0) -> None:
        self.events: queue.Queue[tuple[str, object]] = queue.Queue()
        self.stop = threading.Event()
        self.thread = threading.Thread(
            target=serve_project, args=(root, port, lambda kind, payload: self.events.put((kind, payload)), self.stop)
        )
        self.thread.start()
        self.wait_for("built")
        self.url = str(self.wait_for("serving"))

    def wait_for(self, kind: str, timeout: float = 30) -> object:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                event, payload = self.events.get(timeout=0.2)
            except queue.Empty:
                continue
            if event == kind:
                return payload
        raise AssertionError(f"no {kind!r} event within {timeout} s")

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return response.read().decode("utf-8")

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=30)
        assert not self.thread.is_alive()


@pytest.fixture
def server(project: TestProject, monkeypatch: pytest.MonkeyPatch) -> Iterator[_Server]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(BUILT_AT.timestamp())))
    running = _Server(project.root)
    yield running
    running.close()


def test_a_save_during_a_build_into_the_same_folder_waits_for_it(server: _Server, project: TestProject) -> None:
    """serve did not take the lock a build holds on its output: during a `build --pdf` into the same folder it
    swapped in its own site, and the build's PDF landed in it, unlinked. It waits, says so, and then rebuilds."""
    from verantwoord.build.scratch import LockHolder, output_lock

    with output_lock(project.output.resolve()):  # a build into serve's folder
        (project.root / "tekst" / "4.2.md").write_text("# Burgerzaken\n\nOver rijbewijzen.\n", encoding="utf-8")
        assert server.wait_for("waiting") == (project.output, LockHolder("build", os.getpid()))
        time.sleep(0.5)
        assert "Over rijbewijzen." not in (project.output / PAGES["4.2"]).read_text(encoding="utf-8")
    server.wait_for("built")
    assert "Over rijbewijzen." in server.get("4-bestuur/4-2-burgerzaken/")


def test_a_save_while_another_serve_updates_the_folder_says_who_holds_it(server: _Server, project: TestProject) -> None:
    """A second serve on the project (another terminal) said it waited for a build, and the user looked for one."""
    from verantwoord.build.scratch import LockHolder, SharedOutputLock

    with SharedOutputLock(project.output.resolve()).held():  # as the other serve holds it while it updates
        (project.root / "tekst" / "4.2.md").write_text("# Burgerzaken\n\nOver rijbewijzen.\n", encoding="utf-8")
        assert server.wait_for("waiting") == (project.output, LockHolder("serve", os.getpid()))
    server.wait_for("built")


@pytest.mark.parametrize("background", ["footers", "open data"])
def test_a_build_waits_for_what_serve_does_in_the_background_after_an_edit(
    server: _Server, project: TestProject, monkeypatch: pytest.MonkeyPatch, background: str
) -> None:
    """serve held the output only while it wrote the pages: a build into its folder meanwhile swapped in its site,
    and serve's background (the footers of a new export moment, the open data of a corrected figure, the search
    index) went on writing into that site, with serve's pages and figures beside the build's PDF."""
    go = threading.Event()
    if background == "footers":
        go = _hold_footers(monkeypatch)
        project.config["export"]["tijd"] = "26-05-2021 09:15:00"
    else:
        write = Followup._write_open_data
        monkeypatch.setattr(Followup, "_write_open_data", lambda self, document: go.wait() and write(self, document))
        project.values[0]["waarde"] = "94"
    project.write()
    rebuild = server.wait_for("built")
    assert isinstance(rebuild, Rebuild) and not rebuild.full
    waited = threading.Event()
    holders = []
    built = []

    def waiting(folder: Path, holder: object) -> None:
        holders.append(holder)
        waited.set()

    builder = threading.Thread(target=lambda: built.append(build_project(project.root, waiting=waiting)))
    builder.start()
    try:
        assert waited.wait(10), "the build did not wait for serve's background"
        assert holders == [LockHolder("serve", os.getpid())]
        # The next edit does not wait for the background of the one before, nor for the build that does.
        (project.root / "tekst" / "4.2.md").write_text("# Burgerzaken\n\nOver rijbewijzen.\n", encoding="utf-8")
        assert isinstance(server.wait_for("built", timeout=10), Rebuild)
        assert "waiting" not in [kind for kind, _ in list(server.events.queue)]
        assert not built
    finally:
        go.set()
        builder.join(timeout=60)
    assert built and not builder.is_alive()


def test_a_save_during_the_first_build_is_taken_in(project: TestProject, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 1,000 sections the first build takes ten seconds: a text saved meanwhile must not wait for the next save."""
    text = project.root / "tekst" / "4.2.md"
    write = serve.write_sites

    def saved_meanwhile(*args: object, **kwargs: object) -> list[Path]:
        if not text.read_text(encoding="utf-8").endswith("Over rijbewijzen.\n"):
            text.write_text("# Burgerzaken\n\nOver rijbewijzen.\n", encoding="utf-8")
        return write(*args, **kwargs)

    monkeypatch.setattr(serve, "write_sites", saved_meanwhile)
    server = _Server(project.root)
    try:
        server.wait_for("built")
        assert "Over rijbewijzen." in server.get("4-bestuur/4-2-burgerzaken/")
    finally:
        server.close()


def test_serve_rebuilds_on_change_and_keeps_the_old_site_on_errors(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    server = _Server(project)
    try:
        assert server.url.startswith("http://127.0.0.1:")
        assert "Bestuur en dienstverlening" in server.get(SECTION)

        text = project / "tekst" / "4.1.md"
        text.write_text("# Bestuur en dienstverlening\n\nNieuwe alinea van vandaag.\n", encoding="utf-8")
        server.wait_for("built")
        assert "Nieuwe alinea van vandaag." in server.get(SECTION)

        text.write_text("geen kop meer\n", encoding="utf-8")
        failure = server.wait_for("failed")
        assert "niet in orde" in str(failure)
        assert "Nieuwe alinea van vandaag." in server.get(SECTION)
    finally:
        server.close()


def test_a_changed_text_rewrites_only_its_page_and_tells_the_browser(
    server: _Server, project: TestProject, tmp_path: Path
) -> None:
    events = _Events(server.url)
    try:
        hello = events.next("hello")
        assert hello == {"server": hello["server"], "generation": 1, "problems": None}
        assert f'data-server="{hello["server"]}" data-generation="1"' in server.get("")
        before = _pages(project.output)

        (project.root / "tekst" / "4.2.md").write_text("# Burgerzaken\n\nOver paspoorten en rijbewijzen.\n")
        rebuild = server.wait_for("built")
        assert isinstance(rebuild, Rebuild)
        assert (rebuild.full, rebuild.pages) == (False, ["/4-bestuur/4-2-burgerzaken/"])
        assert events.next("built") == {"generation": 2, "pages": ["/4-bestuur/4-2-burgerzaken/"], "all": False}
    finally:
        events.close()
    assert _changed(before, _pages(project.output)) == {PAGES["4.2"]}
    # the text read on its own gives the same site as reading the whole project
    assert _pages(project.output) == _pages(build_project(project.root, tmp_path / "full", pdf=False).output)


def test_an_image_added_to_a_text_and_then_changed_is_published_each_time(
    server: _Server, project: TestProject
) -> None:
    """A text read on its own skipped the check of its images and their files; a changed image file changed no
    page, so the browser kept the old one under its name."""
    images = project.root / "tekst" / "afbeeldingen"
    images.mkdir()
    red, blue = io.BytesIO(), io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(red, "PNG")
    Image.new("RGB", (32, 24), "blue").save(blue, "PNG")

    def published(size: str) -> bytes:
        """The image the page shows once it has the size `size`, as the site has it (an edit may take two builds)."""
        pattern = rf'src="\.\./\.\./(afbeeldingen/\w+\.png)" alt="Kaart" {size}'
        while not (found := re.findall(pattern, server.get("4-bestuur/4-2-burgerzaken/"))):
            server.wait_for("built")
        return (project.output / found[0]).read_bytes()

    (images / "kaart.png").write_bytes(red.getvalue())
    server.wait_for("built")  # then the text alone, which is read on its own unless it has an image
    (project.root / "tekst" / "4.2.md").write_text("# Burgerzaken\n\n![Kaart](afbeeldingen/kaart.png)\n")
    assert published('width="64" height="48"') == red.getvalue()
    (images / "kaart.png").write_bytes(blue.getvalue())
    assert published('width="32" height="24"') == blue.getvalue()


def test_a_corrected_figure_in_a_csv_export_is_read_on_its_own(
    server: _Server, project: TestProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the changed line of waarden.csv is read (`verantwoord.reload`), not the whole project."""
    loads: list[Path] = []
    monkeypatch.setattr(serve, "load_project", lambda root: loads.append(root) or load_project(root))
    values = project.root / "export" / "waarden.csv"
    data = values.read_bytes()
    assert data.count(b";83") == 1  # kcc-bereikbaarheid 2019: no target, so no summary changes

    values.write_bytes(data.replace(b";83", b";84"))
    rebuild = server.wait_for("built")

    assert isinstance(rebuild, Rebuild)
    assert (rebuild.full, rebuild.pages) == (False, [f"/{page}" for page in ALL_PAGES])
    assert loads == []
    assert "84" in server.get("4-bestuur/4-1-dienstverlening/")
    _wait_for_full_build(project, tmp_path / "full")

    assert data.count(b"kcc-bereikbaarheid;2019") == 1
    values.write_bytes(data.replace(b"kcc-bereikbaarheid;2019", b"kcc-bereikbaarheid;2018"))
    server.wait_for("built")
    assert loads == [project.root]  # another period: the whole project is loaded


def test_a_corrected_figure_in_a_workbook_is_read_on_its_own(
    make_project: Callable[..., TestProject], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the changed row of the sheet Waarden is read (`export.workbook_rows`), not the whole project."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(BUILT_AT.timestamp())))
    project = make_project(texts=TEXTS)
    project.edit_workbook(lambda workbook: None)  # saved by openpyxl before, as it saves it below
    loads: list[Path] = []
    monkeypatch.setattr(serve, "load_project", lambda root: loads.append(root) or load_project(root))
    read_in: list[str] = []  # the threads that read the changed rows
    read_rows = serve.changed_rows
    monkeypatch.setattr(
        serve, "changed_rows", lambda *args: read_in.append(threading.current_thread().name) or read_rows(*args)
    )
    server = _Server(project.root)
    try:

        def correct(workbook: Workbook) -> None:
            sheet = workbook["Waarden"]
            (row,) = [
                r for r in sheet.iter_rows(min_row=2) if r[0].value == "kcc-bereikbaarheid" and r[1].value == "2019"
            ]
            row[3].value = "84"

        project.edit_workbook(correct)
        rebuild = server.wait_for("built")

        assert isinstance(rebuild, Rebuild)
        assert (rebuild.full, rebuild.pages) == (False, [f"/{page}" for page in ALL_PAGES])
        assert loads == [project.root]  # the first build only
        assert "84" in server.get("4-bestuur/4-1-dienstverlening/")
        # Read as soon as the save was seen, while the batch of changes waited to be quiet; not again after.
        assert read_in and set(read_in) == {"verantwoord-early-read"}
        _wait_for_full_build(project, tmp_path / "full")
    finally:
        server.close()


def _workbook_edited(project: TestProject, tmp_path: Path, figure: str) -> bytes:
    """The bytes of the project's workbook with kcc-bereikbaarheid 2019 set to `figure`, saved by openpyxl."""
    copy = tmp_path / "opgeslagen.xlsx"
    shutil.copyfile(project.export_path, copy)

    def correct(workbook: Workbook) -> None:
        sheet = workbook["Waarden"]
        (row,) = [r for r in sheet.iter_rows(min_row=2) if r[0].value == "kcc-bereikbaarheid" and r[1].value == "2019"]
        row[3].value = figure

    edit_workbook(copy, correct, project.modified)
    return copy.read_bytes()


def test_a_workbook_saved_in_place_in_pieces_is_waited_for_not_reported_as_damaged(
    make_project: Callable[..., TestProject], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tool on a network drive writes the workbook in place, a piece at a time: each piece was a rebuild that
    failed, 'dit bestand is geen leesbare Excel-werkmap: beschadigd' in the terminal and over the page, again and
    again, until the last piece. Now serve waits for the rest, says so once, and shows no error."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(BUILT_AT.timestamp())))
    project = make_project(texts=TEXTS)
    data = _workbook_edited(project, tmp_path, "84")
    server = _Server(project.root)
    events = _Events(server.url)
    try:
        events.next("hello")
        with project.export_path.open("r+b") as handle:
            handle.truncate(0)
            handle.truncate(len(data))  # first its full size, zeros, as Windows copies a file
            handle.flush()
            time.sleep(0.4)
            for start in range(0, len(data), len(data) // 4 + 1):
                handle.write(data[start : start + len(data) // 4 + 1])
                handle.flush()
                time.sleep(0.4)
        told = [server.events.get(timeout=30)]
        while told[-1][0] != "built":
            told.append(server.events.get(timeout=30))
        assert [(kind, payload) for kind, payload in told[:-1]] == [
            ("changed", ["indicatoren.xlsx"]),
            ("unfinished", ["indicatoren.xlsx"]),
        ]
        assert "84" in server.get("4-bestuur/4-1-dienstverlening/")
        event, data = events.received.get(timeout=30)  # the first after the page's hello: no "failed" before it
        assert (event, data["generation"]) == ("built", 2)
    finally:
        events.close()
        server.close()


def test_a_workbook_that_stays_half_saved_is_reported(
    make_project: Callable[..., TestProject], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(serve, "UNFINISHED_SECONDS", 0.3)
    project = make_project(texts=TEXTS)
    data = _workbook_edited(project, tmp_path, "84")
    server = _Server(project.root)
    try:
        project.export_path.unlink()  # gone: the tool may write it anew, but it is not being saved
        assert server.events.get(timeout=30)[0] == "changed"
        assert server.events.get(timeout=30)[0] == "failed"
        project.export_path.write_bytes(data[: len(data) // 2])  # the copy broke off
        failure = server.wait_for("failed")
        assert any("indicatoren.xlsx: dit bestand is geen leesbare Excel-werkmap" in str(p) for p in failure.problems)
        project.export_path.write_bytes(data)
        server.wait_for("built")
        assert "84" in server.get("4-bestuur/4-1-dienstverlening/")
    finally:
        server.close()


def test_a_change_is_taken_in_while_the_site_folder_is_being_written(server: _Server, project: TestProject) -> None:
    """watchfiles waits for a quiet moment before it reports changes, and the site's own files (the search index
    and open data written in the background) are changes to it too: it must not wait long for them."""
    stop = threading.Event()

    def busy() -> None:
        scratch = project.output / "bezig"
        scratch.mkdir(exist_ok=True)
        number = 0
        while not stop.is_set():
            (scratch / f"{number}.txt").write_text(str(number))  # new files, as the search index writes them
            number += 1
            time.sleep(0.01)

    writer = threading.Thread(target=busy)
    writer.start()
    try:
        time.sleep(0.3)
        edited = time.monotonic()
        (project.root / "tekst" / "4.2.md").write_text("# Burgerzaken\n\nOver paspoorten en rijbewijzen.\n")
        server.wait_for("built")
        waited = time.monotonic() - edited
    finally:
        stop.set()
        writer.join()
    # watchfiles' default would wait 1.6 s for the writes to stop; it is told to wait 0.3 s at most.
    assert waited < 1.2


def test_after_a_failed_rebuild_a_corrected_figure_does_not_hide_the_problem(
    server: _Server, project: TestProject
) -> None:
    """The quick way for figures starts from the project as built last: not while another file is wrong."""
    config = project.config_path.read_text(encoding="utf-8")
    project.config_path.write_text(config + "tabel: [\n", encoding="utf-8")
    server.wait_for("failed")

    values = project.root / "export" / "waarden.csv"
    values.write_bytes(values.read_bytes().replace(b";83", b";84"))
    failure = server.wait_for("failed")
    assert any("verantwoord.yaml" in str(problem) for problem in getattr(failure, "problems", []))

    project.config_path.write_text(config, encoding="utf-8")
    server.wait_for("built")
    assert "84" in server.get("4-bestuur/4-1-dienstverlening/")


def test_after_a_write_that_failed_halfway_the_site_is_built_whole(
    server: _Server, project: TestProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some footers swapped (in the background), then the disk was full: reported, and the next rebuild does not
    trust what is on disk."""
    calls: list[Path] = []
    real = build.incremental.restamp_file

    def failing(path: Path, old: bytes, new: bytes) -> bool:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(path, old, new)

    monkeypatch.setattr(build.incremental, "restamp_file", failing)
    project.config["export"]["tijd"] = "26-05-2021 09:15:00"
    project.write()
    failure = server.wait_for("followup_failed")
    assert "No space left on device" in str(failure)

    monkeypatch.setattr(build.incremental, "restamp_file", real)
    (project.root / "tekst" / "4.2.md").write_text("# Burgerzaken\n\nOver paspoorten en rijbewijzen.\n")
    rebuild = server.wait_for("built")
    assert isinstance(rebuild, Rebuild) and rebuild.full


def test_a_page_is_served_with_the_new_export_moment_before_the_background_swapped_its_footer(
    project: TestProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _served_with_a_new_moment_and_footers_held(project, monkeypatch) as server:
        assert "26 mei 2021 om 09:15" not in (project.output / PAGES["5.1"]).read_text(encoding="utf-8")
        assert "26 mei 2021 om 09:15" in server.get("5-veiligheid/5-1-openbare-orde/")


def test_a_folder_moved_out_of_the_project_is_a_change(server: _Server, project: TestProject, tmp_path: Path) -> None:
    """A file manager moves a folder away with one event, for the folder: gone, but no temporary file."""
    (project.root / "tekst").rename(tmp_path / "tekst-weg")
    failure = server.wait_for("failed")
    assert "niet in orde" in str(failure)


def test_the_sites_own_files_neither_start_nor_prolong_a_batch_of_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The background writes the search index and the open data into the site for seconds after an edit; an edit
    made meanwhile is taken in once the project is quiet, not the site. (The limit is raised to a minute here, so
    that a batch prolonged by the site's files would come only when they stop.)"""
    monkeypatch.setattr(serve, "GROUP_CHANGES_MS", 60_000)
    site = tmp_path / "site"
    site.mkdir()
    text = tmp_path / "tekst.md"
    text.write_text("Een.\n")
    stop, writing = threading.Event(), threading.Event()
    batches: queue.Queue[tuple[set, bool]] = queue.Queue()

    def watch() -> None:
        with serve.watch_project(tmp_path) as watcher:
            for batch in serve.project_changes(watcher, serve._filter(site), stop):
                batches.put((batch, writing.is_set()))

    def background() -> None:
        writing.set()
        deadline, number = time.monotonic() + 60, 0
        while time.monotonic() < deadline and not stop.is_set():
            (site / f"{number}.html").write_text(str(number))  # new files, as Pagefind writes
            number += 1
            time.sleep(0.002)
        writing.clear()

    threading.Thread(target=watch, daemon=True).start()
    threading.Thread(target=background, daemon=True).start()
    try:
        for attempt in range(20):  # again, in case the watcher was not yet set up
            time.sleep(0.3)
            text.write_text(f"Versie {attempt}.\n")
            with contextlib.suppress(queue.Empty):
                batch, during = batches.get(timeout=1)
                break
        else:
            raise AssertionError("no batch while the site's files kept changing")
    finally:
        stop.set()
    assert {path for _, path in batch} == {str(text)}
    assert during


def test_only_files_that_came_and_went_in_one_batch_are_no_change(tmp_path: Path) -> None:
    kept = tmp_path / "indicatoren.xlsx"
    kept.write_bytes(b"")
    gone = str(tmp_path / "weg.md")
    temporary = str(tmp_path / "~tmp1234.xlsx")
    changes = {
        (watchfiles.Change.added, temporary),  # a save's temporary file, renamed away
        (watchfiles.Change.deleted, temporary),
        (watchfiles.Change.deleted, str(kept)),  # the old workbook renamed away, the new one renamed in
        (watchfiles.Change.added, str(kept)),
        (watchfiles.Change.deleted, gone),  # a text that was there: deleted
    }
    assert serve._relevant(changes) == {
        (watchfiles.Change.deleted, str(kept)),
        (watchfiles.Change.added, str(kept)),
        (watchfiles.Change.deleted, gone),
    }


def test_the_lock_files_of_office_programs_are_no_change(tmp_path: Path) -> None:
    accept = serve._filter(tmp_path / "site")
    for name in ("~$indicatoren.xlsx", ".~lock.indicatoren.xlsx#"):
        assert not accept(watchfiles.Change.added, str(tmp_path / name)), name
    assert accept(watchfiles.Change.modified, str(tmp_path / "indicatoren.xlsx"))
    assert not accept(watchfiles.Change.modified, str(tmp_path / "site" / "index.html"))


def test_a_file_deleted_while_the_project_is_loaded_is_a_change(
    server: _Server, project: TestProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its deletion comes in the next batch of changes, on its own."""
    section = project.root / "tekst" / "5.1.md"

    def load_and_delete(root: Path) -> object:
        loaded = load_project(root)
        section.unlink(missing_ok=True)
        return loaded

    monkeypatch.setattr(serve, "load_project", load_and_delete)
    project.config_path.write_text(project.config_path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    server.wait_for("built")  # with 5.1, read before it was deleted
    rebuild = server.wait_for("built")
    assert isinstance(rebuild, Rebuild) and rebuild.full
    assert not (project.output / PAGES["5.1"]).exists()


def test_a_text_deleted_in_a_linked_folder_is_a_change(
    project: TestProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """serve does not know the files behind a symbolic link, so a file gone there is no temporary file."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(BUILT_AT.timestamp())))
    (project.root / "tekst").rename(tmp_path / "teksten")
    (project.root / "tekst").symlink_to(tmp_path / "teksten", target_is_directory=True)
    server = _Server(project.root)
    try:
        (tmp_path / "teksten" / "5.1.md").unlink()
        rebuild = server.wait_for("built")
        assert isinstance(rebuild, Rebuild) and rebuild.full
        assert not (project.output / PAGES["5.1"]).exists()
    finally:
        server.close()


def test_an_export_outside_the_project_folder_is_watched_too(
    project: TestProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """export.bestand: ../gedeeld/export was not watched: the old figure stayed on the page, without a word."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(BUILT_AT.timestamp())))
    shared = tmp_path / "gedeeld"
    shared.mkdir()
    project.config["export"] = {"bestand": "../gedeeld/export"}
    project.write()
    project.export_path.rename(shared / "export")
    values = shared / "export" / "waarden.csv"
    server = _Server(project.root)
    try:
        assert ">95<" in (project.output / PAGES["4.1"]).read_text(encoding="utf-8")
        values.write_text(values.read_text(encoding="utf-8").replace(";95;", ";77;"), encoding="utf-8")
        rebuild = server.wait_for("built")
        assert isinstance(rebuild, Rebuild) and not rebuild.full  # recognised as the export: its figure alone
        assert ">77<" in (project.output / PAGES["4.1"]).read_text(encoding="utf-8")
        (tmp_path / "notities.txt").write_text("beside the shared folder: not watched")
        (shared / "notities.txt").write_text("in the shared folder, but no file of the project")
        with pytest.raises(AssertionError):
            server.wait_for("built", timeout=2)
    finally:
        server.close()


def _shared_workbook(make_project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[TestProject, Path]:
    """A project whose workbook is on a share beside it: export.bestand: ../gedeeld/indicatoren.xlsx."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(BUILT_AT.timestamp())))
    (tmp_path / "gedeeld").mkdir()
    project = make_project(config={"export": {"bestand": "../gedeeld/indicatoren.xlsx"}})
    workbook = tmp_path / "gedeeld" / "indicatoren.xlsx"
    project.export_path.rename(workbook)
    return project, workbook


def test_a_workbook_outside_the_project_folder_is_followed_without_watching_its_folder(
    make_project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its folder may be a whole network share: the workbook itself is looked at, not everything beside it."""
    project, workbook = _shared_workbook(make_project, tmp_path, monkeypatch)
    assert serve._outside(project.root) == [project.root / "../gedeeld/indicatoren.xlsx"]
    server = _Server(project.root)
    try:
        project.values[0]["waarde"] = "77"
        write_workbook(workbook, project.indicators, project.values, modified=project.modified)
        server.wait_for("built")
        assert ">77<" in (project.output / "4-bestuur-en-dienstverlening/4-1-dienstverlening/index.html").read_text()
    finally:
        server.close()


def test_a_workbook_outside_the_project_saved_during_the_first_build_is_taken_in(
    make_project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It was first looked at after the first build, which then counted as its state: the save was missed."""
    project, workbook = _shared_workbook(make_project, tmp_path, monkeypatch)
    write = serve.write_sites

    def saved_meanwhile(*args: object, **kwargs: object) -> list[Path]:
        if project.values[0]["waarde"] != "77":
            project.values[0]["waarde"] = "77"
            write_workbook(workbook, project.indicators, project.values, modified=project.modified)
        return write(*args, **kwargs)

    monkeypatch.setattr(serve, "write_sites", saved_meanwhile)
    server = _Server(project.root)  # waits for the first build, with 95
    try:
        server.wait_for("built")  # the one the save set off
        assert ">77<" in (project.output / "4-bestuur-en-dienstverlening/4-1-dienstverlening/index.html").read_text()
    finally:
        server.close()


def test_an_export_folder_outside_the_project_that_comes_later_is_followed(
    project: TestProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A share not yet connected when serve started: its folder was taken for a file, its files never looked at."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(BUILT_AT.timestamp())))
    project.config["export"] = {"bestand": "../gedeeld/export"}
    project.write()
    events: queue.Queue[tuple[str, object]] = queue.Queue()
    stop = threading.Event()
    thread = threading.Thread(target=serve_project, args=(project.root, 0, lambda *event: events.put(event), stop))
    thread.start()

    def wait_for(kind: str) -> None:
        while events.get(timeout=30)[0] != kind:
            pass

    try:
        wait_for("failed")  # no export yet
        shutil.copytree(project.export_path, tmp_path / "gedeeld" / "export")
        wait_for("built")
        values = tmp_path / "gedeeld" / "export" / "waarden.csv"
        values.write_text(values.read_text(encoding="utf-8").replace(";95;", ";77;"), encoding="utf-8")
        wait_for("built")
        assert ">77<" in (project.output / PAGES["4.1"]).read_text(encoding="utf-8")
    finally:
        stop.set()
        thread.join(timeout=30)


def test_a_site_built_meanwhile_in_the_output_folder_is_built_whole_at_the_next_edit(
    server: _Server, project: TestProject
) -> None:
    """After `build --pdf` beside serve, serve wrote its pages into that site and left its PDF with old figures."""
    for attempt in ("Gewijzigd.", "Weer gewijzigd."):  # twice: the second swap may get the first folder's inode
        build_project(project.root)  # as `build --pdf` beside serve; the PDF stands in
        (project.output / "jaarverslag.pdf").write_bytes(b"%PDF- with the old figures")
        (project.root / "tekst" / "4.1.md").write_text(f"# Dienstverlening\n\n{attempt}\n", encoding="utf-8")
        rebuild = server.wait_for("built")
        assert isinstance(rebuild, Rebuild) and rebuild.full
        assert not (project.output / "jaarverslag.pdf").exists()
        assert attempt in (project.output / PAGES["4.1"]).read_text(encoding="utf-8")


def test_a_footer_that_cannot_be_swapped_when_its_page_is_asked_for_is_reported(
    project: TestProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    failures: list[Exception] = []
    locked: list[bool] = []

    def report(error: Exception) -> None:
        locked.append(incremental._lock.locked())  # a report that asked for a page would wait for ever
        failures.append(error)

    (site,) = document_sites(load_project(project.root), pdf=False)
    write_sites([site], project.output, BUILT_AT)
    incremental = IncrementalSite(project.output, site.document, site.options, BUILT_AT, project.root, report)
    go = _hold_footers(monkeypatch)
    project.config["export"]["tijd"] = "26-05-2021 09:15:00"
    project.write()
    (new,) = document_sites(load_project(project.root), pdf=False)
    assert incremental.update(new.document, new.options) is not None

    def full_disk(path: Path, old: bytes, new: bytes) -> bool:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build.incremental, "restamp_file", full_disk)
    incremental.ready(project.output / PAGES["4.2"])
    go.set()
    incremental.finish()

    assert [str(error) for error in failures] == [
        "De voettekst van een pagina kon niet worden bijgewerkt: [Errno 28] No space left on device"
    ]
    assert locked == [False]
    (project.root / "tekst" / "5.1.md").write_text("# Openbare orde\n\nOver de nacht en de dag.\n")
    (again,) = document_sites(load_project(project.root), pdf=False)
    assert incremental.update(again.document, again.options) is None  # some pages have the old footer: build whole


def test_an_unforeseen_error_in_the_background_is_reported_and_the_next_edit_still_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review found that an error other than OSError ended the background thread without a word: later edits
    were never indexed again, and waiting for it (before a full build, on closing) spun for ever."""
    runs: list[Path] = []

    def reindex(root: Path, *args: object) -> None:
        runs.append(root)
        if len(runs) == 1:
            raise ValueError("unexpected output of Pagefind")

    monkeypatch.setattr(build.incremental, "reindex", reindex)
    failures: list[Exception] = []
    followup = Followup(tmp_path / "site", BUILT_AT, True, tmp_path, failures.append)
    for _ in range(2):
        followup.request(None)
        waiting = threading.Thread(target=followup.wait, daemon=True)
        waiting.start()
        waiting.join(timeout=30)
        assert not waiting.is_alive(), "waiting for the background never ended"
    assert len(runs) == 2
    assert [str(error) for error in failures] == [
        "De open data of het zoekregister kon niet worden bijgewerkt: unexpected output of Pagefind"
    ]


def test_a_failed_update_after_a_failed_swap_starts_no_swap(
    project: TestProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page asked for during the update cannot be swapped (so the swap is given up), and then the update cannot
    write its own page: the pages it took out must not go back to a swap that has nothing to swap with."""
    crashed: list[object] = []
    monkeypatch.setattr(threading, "excepthook", crashed.append)
    failures: list[Exception] = []
    (site,) = document_sites(load_project(project.root), pdf=False)
    write_sites([site], project.output, BUILT_AT)
    incremental = IncrementalSite(project.output, site.document, site.options, BUILT_AT, project.root, failures.append)
    go = _hold_footers(monkeypatch)
    project.config["export"]["tijd"] = "26-05-2021 09:15:00"
    project.write()
    _update_without_waiting(incremental, project)
    project.values[3]["waarde"] = "84"
    project.write()

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    def asked_for_meanwhile(renderer: object, index: int) -> str:
        incremental.ready(project.output / PAGES["5.1"])
        return "<html></html>"

    monkeypatch.setattr(build.site.PageRenderer, "render", asked_for_meanwhile)
    monkeypatch.setattr(build.incremental, "restamp_file", full_disk)
    monkeypatch.setattr(build.incremental, "_replace", full_disk)
    (new,) = document_sites(load_project(project.root), pdf=False)
    with pytest.raises(OSError):
        incremental.update(new.document, new.options)
    go.set()
    incremental.finish()

    assert crashed == []
    assert len(failures) == 1 and "voettekst" in str(failures[0])
    assert incremental.update(new.document, new.options) is None  # the next edit builds whole


def test_the_search_index_follows_in_the_background(server: _Server, project: TestProject) -> None:
    entry = project.output / "pagefind" / "pagefind-entry.json"
    before = entry.read_bytes()
    (project.root / "tekst" / "5.1.md").write_text("# Openbare orde\n\nOver de nacht en cameratoezicht.\n")
    server.wait_for("built")
    deadline = time.monotonic() + 30
    while entry.read_bytes() == before:
        assert time.monotonic() < deadline, "the search index was not remade"
        time.sleep(0.1)
    assert (project.output / "pagefind" / "pagefind.js").is_file()
    left = [path.name for path in project.root.rglob(".verantwoord-*") if path.name != MARKER]
    assert left == [], "no temporary file or folder is left"


def test_pages_carry_the_reload_script_only_when_served(server: _Server, project: TestProject) -> None:
    served = server.get("4-bestuur/4-1-dienstverlening/")
    (run,) = re.findall(r'data-server="(\w+)"', served)
    script = (
        f'<script src="{SCRIPT_PATH}" data-events="{EVENTS_PATH}" data-server="{run}" data-generation="1"></script>\n'
        "</body>"
    )
    assert script in served
    on_disk = (project.output / PAGES["4.1"]).read_text(encoding="utf-8")
    assert "reload.js" not in on_disk
    assert served.replace(script, "</body>") == on_disk
    assert "EventSource" in server.get(SCRIPT_PATH.lstrip("/"))
    # everything else is served as it is
    with urllib.request.urlopen(server.url + "open-data/indicatoren.csv", timeout=10) as response:
        assert response.read() == (project.output / "open-data/indicatoren.csv").read_bytes()


@pytest.fixture
def browser_page() -> Iterator[object]:
    """A page in Debian's Chromium through Playwright, as in the accessibility tests."""
    from tests.build.test_accessibility import CHROMIUM, _requirement

    _requirement(Path(CHROMIUM).exists(), "Chromium (Debian package chromium)")
    _requirement(importlib.util.find_spec("playwright") is not None, "Playwright (pip install -e '.[test]')")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield browser.new_page()
        browser.close()


def test_the_browser_reloads_a_changed_page_and_shows_why_not(
    server: _Server, project: TestProject, browser_page: object
) -> None:
    page = browser_page
    page.goto(server.url + "4-bestuur/4-2-burgerzaken/")
    text = project.root / "tekst" / "4.2.md"
    with page.expect_event("load", timeout=30_000):
        text.write_text("# Burgerzaken\n\nNieuw in de browser.\n", encoding="utf-8")
    assert "Nieuw in de browser." in page.content()

    text.write_text("geen kop\n", encoding="utf-8")
    alert = page.wait_for_selector("#verantwoord-problemen[role=alert]", timeout=30_000)
    assert "tekst/4.2.md" in alert.inner_text()
    assert alert.get_attribute("lang") == "nl"  # a screen reader reads the Dutch messages as Dutch
    assert "Nieuw in de browser." in page.content()  # the previous version stays


def test_when_the_first_build_fails_the_browser_shows_why_and_the_site_once_it_is_built(
    project: TestProject, browser_page: object
) -> None:
    """With an error in the project from the start there is no site yet: the browser got http.server's English
    "Error response 404", without the reload script, so it showed no problem and stayed there after the fix."""
    shutil.rmtree(project.output, ignore_errors=True)
    text = project.root / "tekst" / "4.1.md"
    good = text.read_text(encoding="utf-8")
    text.write_text("geen kop\n", encoding="utf-8")
    events: queue.Queue[tuple[str, object]] = queue.Queue()
    stop = threading.Event()
    thread = threading.Thread(target=serve_project, args=(project.root, 0, lambda *event: events.put(event), stop))
    thread.start()
    try:
        assert events.get(timeout=30)[0] == "failed"
        kind, url = events.get(timeout=30)
        assert kind == "serving"
        page = browser_page
        response = page.goto(str(url))
        assert response.status == 404
        assert page.title() == "Er is nog geen website"
        alert = page.wait_for_selector("#verantwoord-problemen[role=alert]", timeout=30_000)
        assert "tekst/4.1.md" in alert.inner_text()
        with page.expect_event("load", timeout=30_000):
            text.write_text(good, encoding="utf-8")
        assert page.title() != "Er is nog geen website" and "Bestuur" in page.inner_text("main")
        assert page.query_selector("#verantwoord-problemen") is None
        # an address the site does not have (a title changed) is said in Dutch too, and follows the server
        response = page.goto(str(url) + "4-bestuur/4-9-weg/")
        assert response.status == 404
        assert page.title() == "Deze pagina bestaat niet"
        assert page.query_selector('script[data-events="/.verantwoord/events"]') is not None
    finally:
        stop.set()
        thread.join(timeout=30)


def test_an_open_page_reloads_when_serve_is_started_again(
    project: TestProject, browser_page: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """serve stopped (Ctrl+C), a text edited, serve started again: the open page reconnected to the new run, whose
    count of builds starts again at 1, and did not reload; it showed the old text until the next edit."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(BUILT_AT.timestamp())))
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    first = _Server(project.root, port)
    page = browser_page
    try:
        page.goto(first.url + "4-bestuur/4-2-burgerzaken/")
        page.wait_for_function("window.performance.getEntriesByType('resource').length > 0")
    finally:
        first.close()
    (project.root / "tekst" / "4.2.md").write_text("# Burgerzaken\n\nNa de lunch.\n", encoding="utf-8")
    again = _Server(project.root, port)
    try:
        page.wait_for_function("document.body.innerText.includes('Na de lunch.')", timeout=30_000)
    finally:
        again.close()


def test_the_problem_box_hides_no_link_the_keyboard_moves_to(
    server: _Server, project: TestProject, browser_page: object
) -> None:
    """The box is fixed over the bottom of the window: tabbing through the page moved the focus to links behind it
    (WCAG 2.4.11), and the footer's links could not be scrolled out from under it."""
    page = browser_page
    page.set_viewport_size({"width": 800, "height": 500})
    page.goto(server.url + "4-bestuur/4-1-dienstverlening/")
    (project.root / "tekst" / "4.1.md").write_text("geen kop\n", encoding="utf-8")
    page.wait_for_selector("#verantwoord-problemen", timeout=30_000)
    behind = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focus = page.evaluate(
            """() => {
                const focused = document.activeElement, box = document.getElementById("verantwoord-problemen");
                if (focused === document.body || box.contains(focused)) return null;
                return [focused.outerHTML.slice(0, 80), focused.getBoundingClientRect().bottom,
                        box.getBoundingClientRect().top];
            }"""
        )
        if focus is not None and focus[1] > focus[2] + 1:
            behind.append(focus[0])
    assert behind == []
    (project.root / "tekst" / "4.1.md").write_text(TEXTS["4.1.md"], encoding="utf-8")
    page.wait_for_function("!document.getElementById('verantwoord-problemen-ruimte')", timeout=30_000)


def test_the_problem_box_closed_leaves_no_room_behind(
    server: _Server, project: TestProject, browser_page: object
) -> None:
    """The box's size was followed to the end: removed, it was 0 pixels high, and the page kept a scroll padding of
    16 pixels at its bottom after 'Sluiten'; each failed rebuild's box left its observer behind."""
    page = browser_page
    page.goto(server.url + "4-bestuur/4-1-dienstverlening/")
    text = project.root / "tekst" / "4.1.md"
    text.write_text("geen kop\n", encoding="utf-8")
    page.wait_for_selector("#verantwoord-problemen", timeout=30_000)
    assert page.evaluate("document.documentElement.style.scrollPaddingBottom") != ""
    page.get_by_role("button", name="Sluiten").click()
    page.wait_for_timeout(300)  # a ResizeObserver reports after the next frame
    assert page.evaluate("document.documentElement.style.scrollPaddingBottom") == ""
    assert page.query_selector("#verantwoord-problemen-ruimte") is None
    text.write_text(TEXTS["4.1.md"], encoding="utf-8")
    server.wait_for("built")


def test_the_problem_box_is_the_keyboards_first_stop_and_escape_closes_it(
    server: _Server, project: TestProject, browser_page: object
) -> None:
    """Its button came after every link of the page (21 stops on a section page), and only a click closed it."""
    page = browser_page
    page.goto(server.url + "4-bestuur/4-1-dienstverlening/")
    text = project.root / "tekst" / "4.1.md"
    text.write_text("geen kop\n", encoding="utf-8")
    page.wait_for_selector("#verantwoord-problemen", timeout=30_000)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Sluiten"
    page.keyboard.press("Escape")
    assert page.query_selector("#verantwoord-problemen") is None
    assert page.query_selector("#verantwoord-problemen-ruimte") is None
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"  # the page's own first stop
    text.write_text(TEXTS["4.1.md"], encoding="utf-8")
    server.wait_for("built")


def test_a_failed_rebuild_keeps_the_site_and_shows_the_problems(server: _Server, project: TestProject) -> None:
    events = _Events(server.url)
    try:
        events.next("hello")
        before = tree_bytes(project.output)
        project.values[3]["waarde"] = "veel"
        project.indicators[0]["bron"] = ""  # a warning
        project.write()
        failure = server.wait_for("failed")
        problems = events.next("failed")["problems"]
        assert any(problem.startswith("waarden.csv, regel 5") and "veel" in problem for problem in problems), problems
        # only what stopped the rebuild: the project's warnings (a value without a source) read as its cause
        assert [str(p) for p in failure.problems if p.severity is Severity.ERROR] == problems
        assert any(p.severity is Severity.WARNING for p in failure.problems)
        assert str(failure)
        assert tree_bytes(project.output) == before
    finally:
        events.close()
    # a page opened now shows the problems at once
    late = _Events(server.url)
    try:
        assert late.next("hello")["problems"] == problems
    finally:
        late.close()


def test_a_bug_set_off_by_an_edit_is_reported_and_the_server_keeps_serving(
    server: _Server, project: TestProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A footnote mark in a year ('2020²') raised a ValueError in our code, which ended serve altogether."""
    from verantwoord import serve as serve_module

    load = serve_module.load_project
    calls = []

    def buggy(root: Path):
        calls.append(root)
        if len(calls) == 1:
            raise ZeroDivisionError("division by zero")
        return load(root)

    monkeypatch.setattr(serve_module, "load_project", buggy)
    before = tree_bytes(project.output)
    project.config["document"]["organisatie"] = "Gemeente Eemnes"
    project.write()
    failure = str(server.wait_for("failed"))
    assert failure.startswith("Interne fout in verantwoord bij het bijwerken: ZeroDivisionError: division by zero (")
    assert "de volgende wijziging bouwt hem opnieuw" in failure
    assert tree_bytes(project.output) == before
    assert "Gemeente" in server.get("")
    project.config["document"]["organisatie"] = "Gemeente Baarn"
    project.write()
    server.wait_for("built")
    assert "Gemeente Baarn" in server.get("")


def test_a_broken_text_stays_reported_until_it_is_fixed(server: _Server, project: TestProject) -> None:
    texts = project.root / "tekst"
    (texts / "4.1.md").write_text("geen kop\n", encoding="utf-8")
    assert any(str(p).startswith("tekst/4.1.md") for p in server.wait_for("failed").problems)

    (texts / "4.2.md").write_text("# Burgerzaken\n\nAnders.\n", encoding="utf-8")  # another text, still 4.1 broken
    assert any(str(p).startswith("tekst/4.1.md") for p in server.wait_for("failed").problems)
    assert "Anders." not in (project.output / PAGES["4.2"]).read_text(encoding="utf-8")

    (texts / "4.1.md").write_text("# Dienstverlening\n\nWeer goed.\n", encoding="utf-8")
    rebuild = server.wait_for("built")
    assert sorted(rebuild.pages) == ["/4-bestuur/4-1-dienstverlening/", "/4-bestuur/4-2-burgerzaken/"]


def test_a_second_text_of_one_number_is_the_error_build_gives(server: _Server, project: TestProject) -> None:
    """tekst/4.1-concept.md beside 4.1.md was served as the text of 4.1, without a word; build refuses it."""
    texts = project.root / "tekst"
    (texts / "4.1-concept.md").write_text("# Dienstverlening\n\nHet concept.\n", encoding="utf-8")
    problems = [str(p) for p in server.wait_for("failed").problems]
    assert any("er is al een tekst voor 4.1" in p for p in problems), problems
    assert "Het concept." not in (project.output / PAGES["4.1"]).read_text(encoding="utf-8")


def test_a_hidden_text_file_is_left_out_as_build_leaves_it_out(server: _Server, project: TestProject) -> None:
    """The ._4.1.md a Mac writes on a shared drive was an error in serve on every later save of a text."""
    texts = project.root / "tekst"
    (texts / "._4.1.md").write_bytes(b"\x00\x05\x16\x07 Mac OS X")
    server.wait_for("built")
    (texts / "4.1.md").write_text("# Dienstverlening\n\nGewijzigd.\n", encoding="utf-8")
    server.wait_for("built")
    assert "Gewijzigd." in (project.output / PAGES["4.1"]).read_text(encoding="utf-8")


def test_with_several_documents_a_text_rewrites_only_its_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(BUILT_AT.timestamp())))
    project = tmp_path / "p"
    shutil.copytree(SEVERAL, project, ignore=shutil.ignore_patterns("site"))
    server = _Server(project)
    try:
        before = _pages(project / "site")
        text = project / "tekst" / "jaarverslag-2023" / "2.1.md"
        text.write_text(text.read_text(encoding="utf-8") + "\nEen zin erbij.\n", encoding="utf-8")
        rebuild = server.wait_for("built")
        assert not rebuild.full
        (page,) = rebuild.pages
        assert page.startswith("/jaarverslag-2023/2-")
        assert "Een zin erbij." in server.get(page.lstrip("/"))
    finally:
        server.close()
    after = _pages(project / "site")
    assert _changed(before, after) == {page.lstrip("/") + "index.html"}
    assert after == _pages(build_project(project, tmp_path / "full", pdf=False).output)


def test_with_several_documents_a_new_export_moment_reaches_the_portal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(BUILT_AT.timestamp())))
    project = tmp_path / "p"
    shutil.copytree(SEVERAL, project, ignore=shutil.ignore_patterns("site"))
    server = _Server(project)
    try:
        config = project / "verantwoord.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace("14-06-2024 09:12:00", "15-06-2024 08:00:00"))
        rebuild = server.wait_for("built")
        assert not rebuild.full
        assert "/" in rebuild.pages and "/jaarverslag-2023/" in rebuild.pages and "/begroting-2024/" in rebuild.pages
        assert "15 juni 2024 om 08:00" in server.get("")
    finally:
        server.close()
    deadline = time.monotonic() + 30  # the open data follows in the background
    full = _pages(build_project(project, tmp_path / "full", pdf=False).output)
    while _pages(project / "site") != full and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _pages(project / "site") == full


def test_serve_makes_no_pdf_even_when_the_project_asks_for_one(
    make_project: Callable[..., TestProject], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(export="csv", config={"pdf": True})
    running = _Server(project.root)
    try:
        home = running.get("")
    finally:
        running.close()
    assert not list(project.output.rglob("*.pdf"))
    assert ".pdf" not in home


def test_a_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(VerantwoordError, match=f"poort {port}.*--port") as caught:
            serve_project(project, port, stop=threading.Event())
    # In Dutch, as every message: it quoted the system's "Address already in use".
    assert "de poort is al in gebruik" in str(caught.value)


def test_an_export_outside_the_project_named_while_serving_is_followed(
    project: TestProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The paths outside the project were read from the settings once, at the start: after export.bestand was
    pointed at a share, the site was built from it once and its later edits were never seen."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(BUILT_AT.timestamp())))
    shared = tmp_path / "gedeeld" / "export"
    shutil.copytree(project.export_path, shared)
    values = shared / "waarden.csv"
    server = _Server(project.root)
    try:
        project.config["export"] = {"bestand": "../gedeeld/export"}
        project.write()
        server.wait_for("built")
        values.write_text(values.read_text(encoding="utf-8").replace(";95;", ";77;"), encoding="utf-8")
        server.wait_for("built")
        assert ">77<" in (project.output / PAGES["4.1"]).read_text(encoding="utf-8")
    finally:
        server.close()


def test_a_file_in_a_subfolder_of_a_texts_folder_outside_the_project_is_followed(tmp_path: Path) -> None:
    """The texts on a share keep their images in a folder of their own (tekst/afbeeldingen/kaart.png): a new image
    there was not noticed until something else changed. A hidden folder (.git) is not looked into."""
    texts = tmp_path / "gedeeld" / "tekst"
    (texts / "afbeeldingen").mkdir(parents=True)
    (texts / ".git").mkdir()
    (texts / "4.1.md").write_text("# Dienstverlening\n", encoding="utf-8")
    image = texts / "afbeeldingen" / "kaart.png"
    image.write_bytes(b"oud")
    outside = serve.Outside([texts])

    image.write_bytes(b"nieuw, en langer")
    (texts / "afbeeldingen" / "foto.jpg").write_bytes(b"jpg")
    (texts / ".git" / "index").write_bytes(b"git")

    assert outside.changes() == {
        (watchfiles.Change.modified, str(image)),
        (watchfiles.Change.added, str(texts / "afbeeldingen" / "foto.jpg")),
    }
    assert outside.changes() == set()


def test_a_workbook_that_may_not_be_read_now_is_waited_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses a file a program is still writing (PermissionError): such a workbook was reported as it was,
    'beschadigd … sla opnieuw op', not waited for as a half-saved one is; a finished one is still read at once."""
    workbook = tmp_path / "indicatoren.xlsx"
    with zipfile.ZipFile(workbook, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    assert not serve._unfinished_workbook(workbook)
    original = Path.open

    def locked(self: Path, *args: object, **kwargs: object) -> object:
        if self == workbook:
            raise PermissionError(13, "The process cannot access the file because it is being used by another process")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", locked)
    assert serve._unfinished_workbook(workbook)


def test_a_fix_that_leaves_the_pages_as_before_the_error_counts_only_their_new_footers(
    server: _Server, project: TestProject
) -> None:
    """After an ambiguous figure and its fix, serve said 'Bijgewerkt: 9 pagina’s': the save's new export moment, a
    line under every page. No page was made again; its text was as before the error."""
    figure = project.values[0]["waarde"]
    project.values[0]["waarde"] = "1.234"
    project.config["export"]["tijd"] = "26-05-2021 09:15:00"
    project.write()
    server.wait_for("failed")
    project.values[0]["waarde"] = figure
    project.write()
    rebuild = server.wait_for("built")
    assert isinstance(rebuild, Rebuild) and not rebuild.full
    assert sorted(rebuild.pages) == sorted(f"/{page}" for page in ALL_PAGES)
    assert rebuild.footers == len(ALL_PAGES)

    project.values[0]["waarde"] = "94"  # kcc-tevredenheid 2019: its section's page, and a new moment
    project.config["export"]["tijd"] = "27-05-2021 10:00:00"
    project.write()
    rebuild = server.wait_for("built")
    assert isinstance(rebuild, Rebuild) and rebuild.footers == len(ALL_PAGES) - 1
