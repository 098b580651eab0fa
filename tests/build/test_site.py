"""The built site: the seed page reproduced, golden pages, links, and the output replaced only on success."""

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import INDICATORS, TEXTS, VALUES
from tests.pagetext import missing_in_order, page_lines
from verantwoord import BuildFailed, build_project
from verantwoord.build.site import MARKER
from verantwoord.errors import Severity

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "amersfoort-2020"
SEED = ROOT.parent / "shared" / "seed" / "000_4e7555fc02b4f52e.txt"
GOLDEN = Path(__file__).parent / "golden" / "amersfoort-2020"
SECTION_PAGE = "4-bestuur-en-dienstverlening/4-1-bestuur-en-dienstverlening/index.html"
SEED_BUILD_TIME = "1622111039"  # 2021-05-27 12:23:59 in Amsterdam

# The seed prints its footer month-first (05/27/2021); we print Dutch dates by default.
SEED_FOOTER = "Deze pagina is gebouwd op 05/27/2021 12:23:59 met de export van 05/25/2021 13:50:49"
DUTCH_FOOTER = "Deze pagina is gebouwd op 27 mei 2021 om 12:23 met de export van 25 mei 2021 om 13:50"
EXPORT_DIGEST = hashlib.sha256((EXAMPLE / "indicatoren.xlsx").read_bytes()).hexdigest()
FINGERPRINT = f"Vingerafdruk van de export: {EXPORT_DIGEST[:12]}"


@pytest.fixture
def seed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SEED_BUILD_TIME)


def _copy_example(tmp_path: Path) -> Path:
    project = tmp_path / "amersfoort-2020"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    return project


def _seed_lines() -> list[str]:
    return [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.skipif(not SEED.exists(), reason="the seed page lives in ../shared, beside the checkout")
def test_section_page_reads_as_the_seed_page(tmp_path: Path, seed_time: None) -> None:
    result = build_project(EXAMPLE, tmp_path / "site")
    lines = page_lines((result.output / SECTION_PAGE).read_text(encoding="utf-8"))
    expected = [DUTCH_FOOTER if line == SEED_FOOTER else line for line in _seed_lines()]
    assert SEED_FOOTER in _seed_lines()
    assert missing_in_order(expected, lines) == []
    assert lines[-2:] == [DUTCH_FOOTER, FINGERPRINT]


@pytest.mark.skipif(not SEED.exists(), reason="the seed page lives in ../shared, beside the checkout")
def test_with_the_seeds_date_format_the_footer_is_the_seeds_to_the_letter(tmp_path: Path, seed_time: None) -> None:
    project = _copy_example(tmp_path)
    config = project / "verantwoord.yaml"
    config.write_text(config.read_text(encoding="utf-8") + 'datumformaat: "MM/dd/yyyy HH:mm:ss"\n', encoding="utf-8")
    result = build_project(project)
    lines = page_lines((result.output / SECTION_PAGE).read_text(encoding="utf-8"))
    assert missing_in_order(_seed_lines(), lines) == []


def test_every_page_has_the_provenance_footer(tmp_path: Path, seed_time: None) -> None:
    result = build_project(EXAMPLE, tmp_path / "site")
    assert [str(p) for p in result.pages] == [
        "index.html",
        "4-bestuur-en-dienstverlening/index.html",
        SECTION_PAGE,
        "toegankelijkheid/index.html",
        "zoeken/index.html",
    ]
    for page in result.pages:
        assert page_lines((result.output / page).read_text(encoding="utf-8"))[-2:] == [DUTCH_FOOTER, FINGERPRINT]


def test_the_statement_and_search_pages_have_a_trail_and_the_home_page_of_one_document_none(
    tmp_path: Path, seed_time: None
) -> None:
    """The statement and the search page had no trail, as chapters and sections have; the home page of a document
    on its own has none, as a trail of the page itself alone would tell nothing."""
    result = build_project(EXAMPLE, tmp_path / "site")
    pages = {
        path: (result.output / path).read_text(encoding="utf-8")
        for path in ("index.html", "toegankelijkheid/index.html", "zoeken/index.html")
    }
    assert 'class="breadcrumbs' not in pages["index.html"]
    for path, title in (
        ("toegankelijkheid/index.html", "Toegankelijkheidsverklaring"),
        ("zoeken/index.html", "Zoeken"),
    ):
        trail = re.search(
            r'<nav class="breadcrumbs container" aria-label="Kruimelpad">\s*<ol>\s*(.*?)</ol>', pages[path], re.S
        )
        items = re.findall(r'<li><a href="([^"]*)"([^>]*)>([^<]*)</a></li>', trail.group(1))
        assert items == [("../", "", "Jaarverslag 2020"), ("./", ' aria-current="page"', title)], path


def test_the_home_page_of_a_document_on_its_own_says_which_years_it_shows(tmp_path: Path, seed_time: None) -> None:
    """Only a document in a portal said it: a reader of a document on its own learnt which years its tables show
    from the first table they opened."""
    result = build_project(EXAMPLE, tmp_path / "site")
    lines = page_lines((result.output / "index.html").read_text(encoding="utf-8"), seen=True)
    assert lines[lines.index("Jaarverslag 2020 van Gemeente Amersfoort") + 1] == (
        "Cijfers: realisatie 2016–2020, streefcijfers 2020"
    )


@pytest.mark.parametrize(
    ("table", "own", "expected"),
    [
        # A section with years of its own: the line named only the document's, 2019 and 2020.
        ({}, {"realisatie": "2015-2017"}, "Cijfers: realisatie 2015–2017, 2019 en 2020, streefcijfers 2020"),
        # A column 'laatste meting' shows figures of any year: the line named only the years of the other columns.
        (
            {"kolommen": ["laatste meting", "streefwaarde"]},
            {},
            "Cijfers: de laatste meting, streefcijfers 2020",
        ),
    ],
)
def test_the_years_line_counts_every_table_and_the_latest_measurement(
    make_project, table: dict, own: dict, expected: str
) -> None:
    indicators = [*INDICATORS, {**INDICATORS[0], "id": "eigen", "paragraaf": "4.2"}]
    values = [*VALUES, {"indicator": "eigen", "periode": "2015", "soort": "realisatie", "waarde": "80"}]
    config: dict = {"tabel": {"realisatie": "2019-2020", "streefwaarde": 2020, **table}}
    if own:
        config["paragrafen"] = {"4.2": {"tabel": own}}
    project = make_project(
        indicators=indicators, values=values, config=config, texts={**TEXTS, "4.2.md": "# Eigen\n\nTekst.\n"}
    )
    home = (build_project(project.root).output / "index.html").read_text(encoding="utf-8")
    assert expected in page_lines(home, seen=True)


def test_the_footer_says_when_as_a_reader_would_and_keeps_the_second_for_software(
    tmp_path: Path, seed_time: None
) -> None:
    """The footer read 'gebouwd op 27-05-2021 12:23:59', in English 'built on 27 May 2021, 12:23:59': read aloud, a
    string of figures, and the second is of no use to a reader. An auditor and software find it in <time datetime>."""
    result = build_project(EXAMPLE, tmp_path / "site")
    html = (result.output / "index.html").read_text(encoding="utf-8")
    assert (
        '<p class="provenance">Deze pagina is gebouwd op <time datetime="2021-05-27T12:23:59+02:00">27 mei 2021 om '
        '12:23</time> met de export van <time datetime="2021-05-25T13:50:49+02:00">25 mei 2021 om 13:50</time></p>'
    ) in html


@pytest.mark.parametrize("page", ["index.html", "4-bestuur-en-dienstverlening/index.html", SECTION_PAGE])
def test_pages_match_their_golden_files(tmp_path: Path, seed_time: None, page: str) -> None:
    """Regenerate with: VERANTWOORD_UPDATE_GOLDEN=1 pytest tests/build/test_site.py"""
    result = build_project(EXAMPLE, tmp_path / "site")
    html = (result.output / page).read_text(encoding="utf-8")
    golden = GOLDEN / page
    if os.environ.get("VERANTWOORD_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8"), f"{page} differs from {golden}; see the diff above"


LAYOUT_EXAMPLES = {
    "begroting-2018-overzicht": ["2-sociaal-domein/2-1-werk-en-inkomen/index.html"],
    "jaarverslag-2022-benchmark": ["1-veiligheid/1-1-beleidsindicatoren-veiligheid/index.html"],
    "jaarverslag-2022-landelijk": ["3-onderwijs/3-1-onderwijs-en-jeugd/index.html"],
    "begroting-2024-laatste-meting": ["5-bestuur-en-participatie/5-1-burgerparticipatie-en-dienstverlening/index.html"],
    "begroting-2020-verwachting": [
        "6-wonen-en-leefomgeving/6-1-wonen/index.html",
        "6-wonen-en-leefomgeving/6-2-duurzaamheid/index.html",
    ],
}
"""Each table layout's example (examples/<name>/README.md names the layout) and its section pages."""


@pytest.mark.parametrize("name", sorted(LAYOUT_EXAMPLES))
def test_layout_examples_build_without_warnings_and_match_their_golden_pages(
    tmp_path: Path, seed_time: None, name: str
) -> None:
    """Regenerate with: VERANTWOORD_UPDATE_GOLDEN=1 pytest tests/build/test_site.py"""
    result = build_project(ROOT / "examples" / name, tmp_path / "site")
    assert [str(p) for p in result.project.problems] == []
    for page in LAYOUT_EXAMPLES[name]:
        html = (result.output / page).read_text(encoding="utf-8")
        golden = Path(__file__).parent / "golden" / name / page
        if os.environ.get("VERANTWOORD_UPDATE_GOLDEN"):
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(html, encoding="utf-8")
        assert html == golden.read_text(encoding="utf-8"), f"{name}/{page} differs from {golden}"


def test_links_are_relative_and_resolve(tmp_path: Path, seed_time: None) -> None:
    import re

    result = build_project(EXAMPLE, tmp_path / "site")
    for page in result.pages:
        html = (result.output / page).read_text(encoding="utf-8")
        for target in re.findall(r'(?:href|src)="([^"#]*)(?:#[^"]*)?"', html):
            assert not target.startswith(("/", "http:", "https:")), f"{page}: {target} is not relative"
            resolved = (result.output / page).parent / target
            if target == "" or target.endswith("/"):
                resolved = resolved / "index.html"
            assert resolved.exists(), f"{page} links to {target}, which does not exist"


def test_failed_build_keeps_the_previous_site(tmp_path: Path, seed_time: None) -> None:
    project = _copy_example(tmp_path)
    first = build_project(project)
    before = {p: p.read_bytes() for p in first.output.rglob("*") if p.is_file()}
    (project / "tekst" / "4.1.md").write_text("geen kop\n", encoding="utf-8")
    with pytest.raises(Exception, match="niet in orde"):
        build_project(project)
    after = {p: p.read_bytes() for p in first.output.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in project.iterdir() if p.name.startswith(".verantwoord-")]


def test_build_never_replaces_a_folder_it_did_not_make(tmp_path: Path) -> None:
    foreign = tmp_path / "documenten"
    foreign.mkdir()
    (foreign / "belangrijk.docx").write_text("x")
    with pytest.raises(BuildFailed, match="niet door verantwoord gemaakt") as refused:
        build_project(EXAMPLE, foreign)
    assert (foreign / "belangrijk.docx").exists()
    # serve, which has no --out, was told to choose a folder with --out: the setting 'uitvoer' is for both.
    assert str(refused.value) == (
        f"De uitvoermap {foreign} bestaat al en is niet door verantwoord gemaakt: verantwoord vervangt hem niet. "
        "Hint: kies een nieuwe of lege map bij 'uitvoer' in verantwoord.yaml (of met 'build --out'), of verwijder "
        "de map zelf."
    )


def test_rebuild_replaces_the_site_and_drops_stale_pages(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_project(EXAMPLE, out)
    (out / "oud").mkdir()
    (out / "oud" / "index.html").write_text("oude pagina")
    build_project(EXAMPLE, out)
    assert not (out / "oud").exists()
    assert (out / MARKER).exists()


POLL = """
import sys, time
path, end, misses = sys.argv[1], time.monotonic() + float(sys.argv[2]), 0
print("ready", flush=True)
while time.monotonic() < end:
    try:
        with open(path, "rb") as page:
            page.read(1)
    except OSError:
        misses += 1
print(misses)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="the swap in one step is Linux's (renameat2)")
def test_a_web_server_serving_the_output_never_finds_it_gone_during_the_swap(tmp_path: Path) -> None:
    """The old site was renamed away and the new one renamed in: a web server serving the folder in between answered
    404 (8 times in 6 builds of the example, read in a loop)."""
    from verantwoord.build.site import _swap

    output = tmp_path / "site"
    output.mkdir()
    (output / "index.html").write_text("0")
    with subprocess.Popen(
        [sys.executable, "-c", POLL, str(output / "index.html"), "3"], stdout=subprocess.PIPE, text=True
    ) as poll:
        assert poll.stdout.readline().strip() == "ready"
        swaps = 0
        while poll.poll() is None:
            staging = tmp_path / f".verantwoord-site-{swaps}"
            staging.mkdir()
            (staging / "index.html").write_text(str(swaps))
            _swap(staging, output)
            swaps += 1
        misses = int(poll.stdout.read())
    assert swaps > 100 and (output / "index.html").read_text() == str(swaps - 1)
    assert misses == 0
    assert [path.name for path in tmp_path.iterdir()] == ["site"]  # the old sites are gone


def test_same_input_gives_identical_output(tmp_path: Path, seed_time: None) -> None:
    first = build_project(EXAMPLE, tmp_path / "een").output
    second = build_project(EXAMPLE, tmp_path / "twee").output
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_rendering_in_worker_processes_gives_the_same_site(
    tmp_path: Path, seed_time: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from verantwoord.build import site

    sequential = build_project(EXAMPLE, tmp_path / "een").output
    monkeypatch.setattr(site, "PARALLEL_FROM", 1)
    monkeypatch.setattr(site, "_CHUNK", 2)
    monkeypatch.setattr(site, "_CHUNKS_PER_WORKER", 1)  # every chunk in a freshly forked worker
    monkeypatch.setattr(site.os, "cpu_count", lambda: 2)
    parallel = build_project(EXAMPLE, tmp_path / "twee").output
    files = sorted(p.relative_to(sequential) for p in sequential.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(parallel) for p in parallel.rglob("*") if p.is_file())
    for name in files:
        assert (sequential / name).read_bytes() == (parallel / name).read_bytes(), name


def test_the_workers_render_every_page_but_the_home_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The home page sums up every indicator: in a worker it copied the whole document (170 MiB at 5,000 sections).
    The build renders it after the workers, once the open data whose sizes it shows is written."""
    from verantwoord.build import site

    monkeypatch.setattr(site, "PARALLEL_FROM", 1)
    monkeypatch.setattr(site, "_CHUNK", 2)
    monkeypatch.setattr(site.os, "cpu_count", lambda: 2)

    def render(index: int) -> None:
        (tmp_path / str(index)).write_text(str(os.getpid()))

    done: list[int] = []
    site._render_all(render, 9, lambda count, total: done.append(count))
    pids = {int(path.name): int(path.read_text()) for path in tmp_path.iterdir()}
    assert sorted(pids) == list(range(1, 9))
    assert os.getpid() not in pids.values()
    assert done[-1] == 8


COLLIDING_IDS = [
    "x",
    "x-titel",
    "x_titel",
    "x-bijschrift",
    "x-noot-1",
    "x-realised-2019",
    "x-reeks-nederland",
    "realised",
]
"""Indicator ids that were also ids the page made from another one ('x' made ind-x-titel, ind-x-noot-1, …) or
from the header of an overview table (tabel-4-1-realised); 'x_titel' would have been with "_" in between."""


@pytest.mark.parametrize(
    "table",
    [
        {"realisatie": "2019-2020", "streefwaarde": 2020},
        {"indeling": "overzicht", "kolommen": ["realisatie 2019-2020", "reeks 2019", "reeks Nederland", "bron"]},
        {"realisatie": "2019-2020", "kolommen": ["realisatie", "eenheid"], "reeksen": "rijen"},
        {"indeling": "overzicht", "kolommen": ["laatste meting", "reeks nederland", "reeks Eigen"]},
        {"indeling": "overzicht", "realisatie": "2019-2020", "kolommen": ["realisatie"], "reeksen": "rijen"},
    ],
    ids=["per-indicator", "overzicht-reeksen", "rijen", "laatste-meting", "overzicht-rijen"],
)
def test_every_id_on_a_page_is_unique_whatever_the_indicator_ids_and_series(make_project, table: dict) -> None:
    """Indicators 'x' and 'x-titel' both gave the id ind-x-titel; a series '2019' and the year 2019 both gave
    …-realised-2019. A repeated id sends a link, or a screen reader looking for a cell's headers, to the wrong
    element (WCAG 4.1.1, 1.3.1)."""
    indicators = [
        {"id": code, "paragraaf": "4.1", "titel": f"Indicator {code}", "bron": "CBS"} for code in COLLIDING_IDS
    ]
    values = []
    for code in COLLIDING_IDS:
        values.append({"indicator": code, "periode": "2019", "soort": "realisatie", "waarde": "n.n.b."})  # a note
        values.append({"indicator": code, "periode": "2020", "soort": "streefwaarde", "waarde": "93"})
        for series in ("", "2019", "Nederland", "nederland", "Eigen"):
            values.append({"indicator": code, "periode": "2020", "soort": "realisatie", "waarde": "9", "reeks": series})
    project = make_project(indicators=indicators, values=values, config={"tabel": table}, export="csv")
    result = build_project(project.root)
    html = (result.output / "4-bestuur-en-dienstverlening" / "4-1-dienstverlening" / "index.html").read_text("utf-8")
    ids = re.findall(r'\sid="([^"]*)"', html)
    assert [repeated for repeated in set(ids) if ids.count(repeated) > 1] == []
    assert "ind-x" in ids  # the anchor other documents link to, #ind-<id>, stays as it was
    for headers in re.findall(r'\sheaders="([^"]*)"', html):
        assert set(headers.split()) <= set(ids), headers
    for target in re.findall(r'href="#([^"]*)"', html):
        assert target in ids, target


def test_footnotes_on_a_page_of_several_texts_are_each_their_own(make_project) -> None:
    """A section page holds its text, each indicator's explanation and the tables' notes: comrak's fn-1 stood in
    every text that had a footnote, so a reference could lead to another text's note. A screen reader user tells a
    text's footnote ("voetnoot 1") from a table's note ("noot 1")."""
    project = make_project()
    project.texts["4.1.md"] += "\nDe balie[^bron] is open.\n\n[^bron]: Bron: CBS, 2020.\n"
    project.indicators[0]["toelichting"] = "Gemeten in juni.[^1]\n\n[^1]: Bron: Klant in Focus."
    project.indicators[1]["toelichting"] = "Gemeten in juli^[Bron: KCC.]"
    project.values[1]["voetnoot"] = "telefonie vervangen"
    project.write()
    build_project(project.root, strict=True)
    html = (project.output / "4-bestuur-en-dienstverlening" / "4-1-dienstverlening" / "index.html").read_text(
        encoding="utf-8"
    )
    ids = re.findall(r' id="([^"]*)"', html)
    assert len(ids) == len(set(ids))
    assert set(re.findall(r' href="#([^"]*)"', html)) <= set(ids)  # every link within the page leads somewhere
    references = re.findall(r'<a class="footnote-ref" href="#([^"]*)"', html)
    notes = [
        (href, page_lines(re.search(rf'<li id="{href}">(.*?)</li>', html, re.DOTALL)[1])[0]) for href in references
    ]
    assert notes == [
        ("tekst:voetnoot-1", "Bron: CBS, 2020. ↩"),
        ("ind-kcc-tevredenheid:voetnoot-1", "Bron: Klant in Focus. ↩"),
        ("ind-kcc-bereikbaarheid:voetnoot-1", "Bron: KCC. ↩"),
    ]
    lines = page_lines(html)
    assert "De balie voetnoot 1 is open." in lines
    assert "94 noot 1" in lines  # the table's note, as before
    assert lines.count("Voetnoten") == 3  # a heading above each text's notes, for a screen reader
    assert html.count('aria-label="Terug naar verwijzing 1"') == 3


def test_the_organisations_own_accessibility_statement_replaces_the_draft(make_project, tmp_path: Path) -> None:
    """The site published verantwoord's draft statement, with its "Aanvullen" parts, and a user could only replace it
    with a theme's template."""
    from verantwoord import load_project

    project = make_project()
    project.texts["toegankelijkheid.md"] = (
        "# Toegankelijkheidsverklaring jaarverslag\n\nGemeente Amersfoort wil dat iedereen de website kan gebruiken.\n"
        "\n## Status\n\nVoldoet gedeeltelijk.\n\n<script>alert(1)</script>\n"
    )
    project.write()
    warnings = [str(problem) for problem in load_project(project.root).problems]
    assert len(warnings) == 1 and warnings[0].startswith("tekst/toegankelijkheid.md, regel 9:"), warnings
    site = tmp_path / "site"
    build_project(project.root, site)
    page = (site / "toegankelijkheid" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Toegankelijkheidsverklaring jaarverslag</h1>" in page
    assert '<h2 id="tekst:kop-status">Status</h2>' in page and "Voldoet gedeeltelijk." in page
    assert "Concept" not in page and "Aanvullen" not in page and "<script>alert" not in page
    assert "<title>Toegankelijkheidsverklaring jaarverslag" in page
    # It is no chapter or section: no page of its own besides, and not a text with a number.
    assert not (site / "toegankelijkheid-md").exists()


def test_documents_with_texts_of_their_own_share_the_statement_above_them(tmp_path: Path) -> None:
    """With several documents each reads its texts from a folder of its own (tekst/begroting-2024): the statement the
    guide says to write, tekst/toegankelijkheid.md, was read by no document, and each published the draft. Its image
    was left out, and the statement that 'new' writes was published without saying it is a draft."""
    from PIL import Image as PILImage

    from verantwoord import load_project

    project = tmp_path / "project"
    shutil.copytree(ROOT / "examples" / "begroting-en-jaarverslag", project)
    shutil.rmtree(project / "site", ignore_errors=True)
    (project / "tekst" / "toegankelijkheid.md").write_text(
        "# Toegankelijkheid\n\nWij doen ons best.\n\n![Het label A](label.png)\n\n**Aanvullen:** de status.\n",
        encoding="utf-8",
    )
    PILImage.new("RGB", (40, 20), "white").save(project / "tekst" / "label.png")
    documents = load_project(project).documents
    assert [(d.statement.title, d.statement.draft) for d in documents] == [("Toegankelijkheid", True)] * 2
    site = tmp_path / "site"
    build_project(project, site)
    for folder in ("begroting-2024", "jaarverslag-2023"):
        page = (site / folder / "toegankelijkheid" / "index.html").read_text(encoding="utf-8")
        assert "<h1>Toegankelijkheid</h1>" in page and 'class="draft-notice">Concept:' in page
        (image,) = re.findall(r'<img src="\.\./(afbeeldingen/[^"]+)" alt="Het label A"', page)
        assert (site / folder / image).is_file()


def test_a_project_without_a_statement_publishes_the_draft_with_a_warning(make_project, tmp_path: Path) -> None:
    """A project made before 'new' wrote a statement, or by hand, published verantwoord's draft without a word: the
    page says "Concept", but only a reader who opens it sees that."""
    from verantwoord import load_project

    project = make_project(statement=None)
    problems = load_project(project.root).problems
    assert [str(problem) for problem in problems] == [
        "tekst/toegankelijkheid.md: er is geen toegankelijkheidsverklaring: de website toont de aanzet van "
        "verantwoord, met 'Concept' erboven. Hint: zet de verklaring van uw organisatie in dit bestand; "
        "docs/eerste-project.md zegt hoe ('De toegankelijkheidsverklaring')."
    ]
    assert problems[0].severity is Severity.WARNING
    build_project(project.root, tmp_path / "site")
    assert "draft-notice" in (tmp_path / "site" / "toegankelijkheid" / "index.html").read_text(encoding="utf-8")


def test_the_statements_links_are_checked_as_a_texts_are(make_project) -> None:
    """A link in the statement to a page or an indicator the site does not have was published dead without a word."""
    from verantwoord import load_project

    project = make_project()
    project.texts["toegankelijkheid.md"] = (
        "# Toegankelijkheidsverklaring\n\nZie de [inhoud](../) en de [bereikbaarheid]"
        "(../4-bestuur-en-dienstverlening/4-1-dienstverlening/#ind-kcc-bereikbaarhied).\n\n"
        "Of [een pagina](../5-geen-hoofdstuk/).\n"
    )
    project.write()
    warnings = [str(problem) for problem in load_project(project.root).problems]
    at = {warning.split(":")[0]: warning for warning in warnings}
    assert sorted(at) == ["tekst/toegankelijkheid.md, regel 3", "tekst/toegankelijkheid.md, regel 5"], warnings
    assert "kcc-bereikbaarheid" in at["tekst/toegankelijkheid.md, regel 3"]  # the id meant
    assert "5-geen-hoofdstuk" in at["tekst/toegankelijkheid.md, regel 5"]


def test_without_search_no_page_carries_what_only_search_reads(make_project) -> None:
    """Each table's sentence for the search index (data-zoektekst) and the marks that keep its cells out were
    written with `zoeken: nee` too: bytes on every table for an index that is not made."""
    project = make_project(config={"zoeken": "nee"})
    build_project(project.root)
    pages = {page: page.read_text(encoding="utf-8") for page in project.output.rglob("*.html")}
    tables = "".join(re.findall(r"<table .*?</table>", "".join(pages.values()), re.DOTALL))
    assert "indicator-table" in tables
    assert "data-zoektekst" not in tables
    assert "data-pagefind" not in tables
