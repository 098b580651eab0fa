"""What a web editor meets who puts the site online: what search engines and link previews read of each page, and,
with `website.adres`, the full addresses they need (canonical links, sitemap.xml, robots.txt) and a 404 page whose
links work at any address under a sub-path of the municipality's website."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from html import unescape
from pathlib import Path

import pytest

from tests.build.test_accessibility import CHROMIUM, EXAMPLES, WCAG_TAGS, _requirement
from tests.conftest import TestProject
from verantwoord import build_project
from verantwoord.errors import BuildFailed, InvalidProject

ADDRESS = "https://www.amersfoort.nl/jaarverslag/2020/"


def _meta(html: str) -> dict[str, str]:
    """The page's description, Open Graph properties and canonical link, by name."""
    found = dict(re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', html))
    found.update(("canonical", href) for href in re.findall(r'<link rel="canonical" href="([^"]*)"', html))
    return {name: unescape(value) for name, value in found.items()}


def _page(site: Path, path: str) -> dict[str, str]:
    return _meta((site / path / "index.html").read_text(encoding="utf-8"))


def test_every_page_describes_itself_to_search_engines_and_link_previews(make_project: Callable) -> None:
    """A page had no meta description or og: properties: a search engine showed a line of the header, and a link in
    a newsletter or on social media a bare address. The description is the page's first paragraph."""
    project: TestProject = make_project()
    project.texts["4.1.md"] += "\nNog een alinea.\n"
    project.texts["4.md"] = "# Bestuur\n\n## Inleiding\n\n" + "Een lange zin[^1] over de dienstverlening. " * 8
    project.texts["4.md"] += "\n\n[^1]: Een noot.\n"
    project.write()
    site = build_project(project.root).output

    section = _page(site, "4-bestuur/4-1-dienstverlening/")
    assert section["description"] == section["og:description"] == "Wat hebben we bereikt? Veel."
    assert section["og:title"] == "4.1 Dienstverlening – Jaarverslag 2020"
    assert section["og:site_name"] == "Gemeente Amersfoort" and section["og:locale"] == "nl_NL"
    chapter = _page(site, "4-bestuur/")["description"]
    assert len(chapter) <= 160 and chapter.endswith("dienstverlening…") and "1" not in chapter  # no note's number
    home = _page(site, "")
    assert home["description"] == "Jaarverslag 2020 van Gemeente Amersfoort"
    assert home["og:title"] == "Jaarverslag 2020"
    assert _page(site, "zoeken/")["description"] == "Zoeken – Jaarverslag 2020 van Gemeente Amersfoort"
    # Without the site's address nothing claims one: no canonical link, no sitemap, no 404 page with wrong links.
    assert "canonical" not in section and "og:url" not in section
    assert not (site / "sitemap.xml").exists() and not (site / "404.html").exists()


def test_the_public_address_gives_canonical_links_a_sitemap_and_a_404_page(make_project: Callable) -> None:
    project: TestProject = make_project(config={"website": {"adres": ADDRESS.rstrip("/")}})
    site = build_project(project.root).output

    section = _page(site, "4-bestuur-en-dienstverlening/4-1-dienstverlening/")
    assert section["canonical"] == section["og:url"] == ADDRESS + "4-bestuur-en-dienstverlening/4-1-dienstverlening/"
    assert _page(site, "")["canonical"] == ADDRESS
    assert "canonical" not in _page(site, "zoeken/")  # a page of results is no page of its own
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert re.findall(r"<loc>(.*?)</loc>", sitemap) == [
        ADDRESS,
        ADDRESS + "4-bestuur-en-dienstverlening/",
        ADDRESS + "4-bestuur-en-dienstverlening/4-1-dienstverlening/",
        ADDRESS + "toegankelijkheid/",
    ]
    # A search engine reads robots.txt only at the top of the host: one in /jaarverslag/2020/ would mislead.
    assert not (site / "robots.txt").exists()
    not_found = (site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Pagina niet gevonden</h1>" in not_found
    links = re.findall(r'(?:href|src)="([^"#][^"]*)"', not_found)
    assert links and all(link.startswith(("/jaarverslag/2020/", "https://")) for link in links), links


def test_a_site_at_the_top_of_its_host_names_its_sitemap_in_robots_txt(make_project: Callable) -> None:
    project: TestProject = make_project(config={"website": {"adres": "https://jaarverslag.amersfoort.nl"}})
    site = build_project(project.root).output
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://jaarverslag.amersfoort.nl/sitemap.xml" in robots.splitlines()
    assert 'href="/assets/verantwoord.css"' in (site / "404.html").read_text(encoding="utf-8")


def test_with_several_documents_each_has_its_address_under_the_portals(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(next(e for e in EXAMPLES if e.name == "begroting-en-jaarverslag"), project)
    config = project / "verantwoord.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "website:\n  adres: https://www.voorbeeldstad.nl/pc/\n")
    site = build_project(project).output

    portal = _meta((site / "index.html").read_text(encoding="utf-8"))
    assert portal["canonical"] == "https://www.voorbeeldstad.nl/pc/"
    assert portal["description"] == (
        "Begroting en verantwoording van Gemeente Voorbeeldstad: Jaarverslag 2023 en Begroting 2024"
    )
    assert _page(site, "begroting-2024/")["canonical"] == "https://www.voorbeeldstad.nl/pc/begroting-2024/"
    urls = re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert urls[0] == "https://www.voorbeeldstad.nl/pc/"
    assert "https://www.voorbeeldstad.nl/pc/jaarverslag-2023/2-sociaal-domein/2-1-werk-en-inkomen/" in urls
    assert "https://www.voorbeeldstad.nl/pc/begroting-2024/toegankelijkheid/" in urls
    assert 'href="/pc/begroting-2024/zoeken/"' in (site / "begroting-2024" / "404.html").read_text(encoding="utf-8")


def test_an_address_keeps_the_characters_a_path_may_hold(make_project: Callable) -> None:
    """'/p&c/' (planning & control) is the address the site is at; '/p%26c/' was written, which a search engine takes
    for another page. An accent is encoded, as an address must be."""
    project: TestProject = make_project(config={"website": {"adres": "https://www.amersfoort.nl/p&c/jaarverslag-één"}})
    site = build_project(project.root).output
    assert _page(site, "")["canonical"] == "https://www.amersfoort.nl/p&c/jaarverslag-%C3%A9%C3%A9n/"
    assert "<loc>https://www.amersfoort.nl/p&amp;c/jaarverslag-%C3%A9%C3%A9n/</loc>" in (
        site / "sitemap.xml"
    ).read_text(encoding="utf-8")


def test_a_host_name_with_accents_is_written_as_an_address_must_be(make_project: Callable) -> None:
    """The host of website.adres was written as typed: 'súdwest-fryslân.nl' in the sitemap and canonical links, which
    an address may not hold; its ASCII form (IDNA) is what a browser and a search engine use."""
    project: TestProject = make_project(config={"website": {"adres": "https://www.Súdwest-Fryslân.nl:8443/jv/"}})
    site = build_project(project.root).output
    assert _page(site, "")["canonical"] == "https://www.xn--sdwest-frysln-teb26a.nl:8443/jv/"
    project = make_project(config={"website": {"adres": "http://[2001:DB8::1]:8080/jv"}})
    assert _page(build_project(project.root).output, "")["canonical"] == "http://[2001:db8::1]:8080/jv/"


@pytest.mark.parametrize(
    ("written", "what"),
    [
        ("www.amersfoort.nl/jaarverslag/2020", "is geen volledig webadres."),
        ("https://gebruiker@www.amersfoort.nl/jaarverslag/2020/", "is geen volledig webadres."),
        ("https://www.amersfoort.nl:poort/jaarverslag/", "is geen volledig webadres."),
        ("https://[www.amersfoort.nl]/jaarverslag/", "is geen volledig webadres."),  # was a traceback
        ('https://www.a"b<c>.nl/jaarverslag/', "heeft tekens die niet in de naam van een website horen."),
        ("https://www.amersfoort .nl/jaarverslag/", "heeft tekens die niet in de naam van een website horen."),
        ("https://www.amersfoort.nl/jaar\tverslag/", "heeft een tab in het adres."),  # was dropped without a word
        ("https://www.amersfoort.nl/jaarverslag/2020/index.html", "noemt een pagina, niet de map van de website."),
    ],
)
def test_an_address_that_is_not_the_sites_folder_is_an_error(make_project: Callable, written: str, what: str) -> None:
    project: TestProject = make_project(config={"website": {"adres": written}})
    with pytest.raises(InvalidProject) as raised:
        build_project(project.root)
    (problem,) = [str(p) for p in raised.value.problems]
    shown = written.replace("\t", "[tab]")
    assert problem.startswith(f"verantwoord.yaml, regel 9: 'website.adres' {what} Gevonden: '{shown}'."), problem


class _NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """A web server that shows the site's 404.html for any missing address, as Apache's ErrorDocument does."""

    not_found: Path

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            return super().send_error(code, message, explain)
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def hosted(make_project: Callable, tmp_path: Path) -> Iterator[str]:
    """The site under /jaarverslag/2020/ of a server, as on the municipality's own website."""
    project: TestProject = make_project(config={"website": {"adres": ADDRESS}})
    site = build_project(project.root).output
    host = tmp_path / "host"
    (host / "jaarverslag").mkdir(parents=True)
    shutil.copytree(site, host / "jaarverslag" / "2020")
    handler = type("Handler", (_NotFoundHandler,), {"not_found": host / "jaarverslag" / "2020" / "404.html"})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(host)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_404_page_works_at_any_depth_under_the_sites_folder(hosted: str) -> None:
    _requirement(Path(CHROMIUM).exists(), "Chromium (Debian package chromium)")
    import playwright.sync_api as playwright_api
    from axe_playwright_python.sync_playwright import Axe

    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        response = page.goto(hosted + "/jaarverslag/2020/4-bestuur/4-1-oud/p3514/")
        assert response is not None and response.status == 404
        assert page.title() == "Pagina niet gevonden – Jaarverslag 2020 – Gemeente Amersfoort"
        # The stylesheet came: the header has the site's colour, not the browser's white.
        assert page.eval_on_selector(".site-header", "el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert [violation["id"] for violation in result.response["violations"]] == []
        page.click("text=Naar de inhoudsopgave")
        assert page.url == hosted + "/jaarverslag/2020/"
        assert page.inner_text("h1") == "Jaarverslag 2020"
        browser.close()


def test_a_failed_pdf_loses_its_link_on_the_404_page_too(tmp_path: Path) -> None:
    """The 404 page links to the PDF from the site's folder on the server, not from where it stands: its link stayed,
    and the failed build said the page linked to the PDF in the theme's own way, which it did not."""
    project = tmp_path / "p"
    shutil.copytree(EXAMPLES[0], project, ignore=shutil.ignore_patterns("site"))
    (project / "thema").mkdir()
    (project / "thema" / "print.html").write_text("{{ nosuch }}\n", encoding="utf-8")  # only the PDF uses it
    config = project / "verantwoord.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + f"thema:\n  map: thema\nwebsite:\n  adres: {ADDRESS}\n", encoding="utf-8"
    )
    with pytest.raises(BuildFailed) as raised:
        build_project(project, tmp_path / "site", pdf=True)
    assert "404.html" not in str(raised.value) and "eigen thema" not in str(raised.value)
    not_found = (tmp_path / "site" / "404.html").read_text(encoding="utf-8")
    assert ".pdf" not in not_found and "als PDF" not in not_found
    assert '<li><a href="/jaarverslag/2020/toegankelijkheid/">' in not_found  # the other links stay


def test_the_search_page_opened_from_disk_says_search_needs_a_web_server(make_project: Callable) -> None:
    """Opened from a network drive or a copy on disk (file://), the browser refuses Pagefind its index: the page said
    "Zoeken naar klanten..." for ever. It says why there are no results and links to the table of contents as a
    file, since a folder's address there shows a list of files."""
    _requirement(Path(CHROMIUM).exists(), "Chromium (Debian package chromium)")
    import playwright.sync_api as playwright_api

    site = build_project(make_project().root).output
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto((site / "zoeken" / "index.html").as_uri() + "?q=klanten")
        message = page.wait_for_selector(".search-file", state="visible", timeout=5000)
        assert message.inner_text().startswith("Zoeken werkt alleen als de website op een webserver staat")
        assert page.query_selector("#zoekterm") is None  # no box that cannot search
        page.click(".search-file a")
        assert page.url == (site / "index.html").as_uri()
        assert page.inner_text("h1") == "Jaarverslag 2020"
        browser.close()
