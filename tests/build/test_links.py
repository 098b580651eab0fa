"""Links within the site, in the texts: resolved from their page as a browser would; broken ones reported."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from verantwoord import load_project
from verantwoord.build.links import broken_links, resolve, site_paths
from verantwoord.build.paths import pdf_name

SECTION = "4-bestuur/4-1-dienstverlening/"
PATHS = {"", "4-bestuur/", SECTION, "4-bestuur/4-2-financien/", "open-data/indicatoren.csv", "zoeken/"}


def test_links_resolve_from_their_page() -> None:
    assert resolve(SECTION, "../../") == ""
    assert resolve(SECTION, "../4-2-financien/") == "4-bestuur/4-2-financien/"
    assert resolve(SECTION, "../4-2-financien") == "4-bestuur/4-2-financien"
    assert resolve(SECTION, "../../open-data/indicatoren.csv?x=1#rij") == "open-data/indicatoren.csv"
    assert resolve("", "4-bestuur/./4-1-dienstverlening/index.html") == "4-bestuur/4-1-dienstverlening/index.html"
    assert resolve(SECTION, "..") == "4-bestuur/"


def test_links_that_are_not_within_the_site_are_not_resolved() -> None:
    for href in ("https://www.amersfoort.nl/", "mailto:a@b.nl", "#ind-kcc", "?q=1", "/open-data/x.csv", "//cdn.nl/x"):
        assert resolve(SECTION, href) is None, href
    assert resolve(SECTION, "../../../jaarverslag-2023/") is None  # another document of a portal


def test_broken_links_are_named_as_written() -> None:
    text = (
        "Zie [4.2](../4-2-financien/), [4.2 zonder slash](../4-2-financien), "
        "[de cijfers](../../open-data/indicatoren.csv), [thuis](../../index.html), [oud](../4-3-oud/) "
        "en [data](../open-data/indicatoren.csv).\n\n"
        "[ref]: ../../zoeken/\n[weg]: ../../bestaat-niet.pdf\n\n[zoeken][ref] en [weg][weg].\n"
    )
    assert [link.href for link in broken_links(text, SECTION, PATHS)] == [
        "../4-3-oud/",
        "../open-data/indicatoren.csv",
        "../../bestaat-niet.pdf",
    ]
    (link,) = broken_links("[fin](../4-2-financiën/)", SECTION, PATHS)
    assert link.href == "../4-2-financiën/"  # as written, not as the renderer %-encodes it
    assert broken_links("Geen links, wel [haken].", SECTION, PATHS) == []


@given(
    source=st.sampled_from(sorted(PATHS - {"open-data/indicatoren.csv"})),
    target=st.sampled_from(sorted(PATHS)),
)
def test_a_relative_link_between_any_two_pages_resolves_to_its_target(source: str, target: str) -> None:
    href = "../" * source.count("/") + target
    assert resolve(source, href or "./") == target
    assert broken_links(f"[x]({href or './'})", source, PATHS) == []


def test_check_names_a_broken_link_at_its_line(make_project) -> None:
    project = make_project()
    project.texts["4.1.md"] += "\nEen alinea.\n\nZie [de open data](../open-data/indicatoren.csv).\n"
    project.write()
    problems = [str(p) for p in load_project(project.root).problems]
    lines = Path(project.root / "tekst" / "4.1.md").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if "open-data" in text)
    assert any(
        p.startswith(f"tekst/4.1.md, regel {line}: de link '../open-data/indicatoren.csv' leidt naar een pagina of ")
        for p in problems
    ), problems


def test_a_broken_link_is_named_at_its_own_line_as_written(make_project) -> None:
    """A %-encoded ë was searched for as written by the renderer, and ../../open-data matched the start of a link to
    ../../open-data/indicatoren.csv two lines up: both were reported at the first line of the text."""
    project = make_project()
    project.texts["4.1.md"] += (
        "\nZie [de open data](../../open-data/indicatoren.csv).\n\nZie [financiën](../4-2-financiën/).\n\n"
        "Zie [de map](../../open-data).\n"
    )
    project.write()
    lines = (project.root / "tekst" / "4.1.md").read_text(encoding="utf-8").splitlines()
    problems = [str(p) for p in load_project(project.root).problems if "leidt naar" in p.message]
    assert [p.split(": de link")[0] for p in problems] == [
        f"tekst/4.1.md, regel {next(n for n, t in enumerate(lines, 1) if 'financiën' in t)}",
        f"tekst/4.1.md, regel {next(n for n, t in enumerate(lines, 1) if 'de map' in t)}",
    ]
    assert "de link '../4-2-financiën/' leidt naar" in problems[0]


def test_links_to_the_pdf_or_the_search_page_when_the_site_has_none(make_project) -> None:
    project = make_project()
    pdf = pdf_name(load_project(project.root).document)
    project.config["zoeken"] = False
    project.texts["4.1.md"] += f"\nDe [PDF](../../{pdf}) en [zoeken](../../zoeken/).\n"
    project.write()
    problems = [str(p) for p in load_project(project.root).problems if "de link" in p.message]
    assert len(problems) == 2
    assert "leidt naar de PDF, maar die wordt alleen gemaakt met 'pdf: ja'." in problems[0]
    assert "de link '../../zoeken/' leidt naar een pagina of bestand dat deze website niet heeft." in problems[1]
    project.config.update(zoeken=True, pdf=True)
    project.write()
    assert not [p for p in load_project(project.root).problems if "de link" in p.message]


def test_a_broken_link_in_an_indicators_explanation_is_named_at_its_cell(make_project) -> None:
    """Explanations come from the workbook and stand under the table, on the section's page."""
    project = make_project(export="csv")
    project.indicators[0]["toelichting"] = "Zie [de cijfers](../open-data/indicatoren.csv) en [alles](../../)."
    project.write()
    problems = [str(p) for p in load_project(project.root).problems if "de link" in p.message]
    assert len(problems) == 1
    assert problems[0].startswith(
        "indicatoren.csv, regel 2, kolom toelichting: de link '../open-data/indicatoren.csv' leidt naar een pagina"
    ), problems


def test_the_examples_have_no_broken_links() -> None:
    examples = Path(__file__).resolve().parents[2] / "examples"
    for example in sorted(p for p in examples.iterdir() if (p / "verantwoord.yaml").exists()):
        problems = [str(p) for p in load_project(example).problems if "leidt naar een pagina" in p.message]
        assert problems == [], example.name
        assert site_paths(load_project(example).document)


def test_a_link_to_an_indicator_that_its_page_does_not_show_is_named_at_its_line(make_project) -> None:
    """`[..](#ind-kcc-bereikbaarhied)` was published as a link that opens the page at its top, without a word: only
    links to a page were checked, not the indicator they lead to on it."""
    project = make_project(export="csv")
    project.indicators[1]["paragraaf"] = "4.2"
    project.indicators[0]["toelichting"] = "Zie ook [de bereikbaarheid](../4-2-financien/#ind-kcc-bereikbaarhied)."
    project.texts["4.2.md"] = "# Financiën\n"
    links = {
        "#ind-kcc-tevredenheid": None,
        "#ind-kcc-tevredenheid:titel": None,
        "../4-2-financien/#ind-kcc-bereikbaarheid": None,
        "#inhoud": None,
        "#ind-kcc-tevredenhied": (
            "de link '#ind-kcc-tevredenhied' leidt naar indicator 'kcc-tevredenhied', maar die staat niet op deze "
            "pagina: de link opent de pagina bovenaan. Hint: bedoelt u '#ind-kcc-tevredenheid'?"
        ),
        "../4-2-financien/#ind-KCC-Bereikbaarheid": (
            "de link '../4-2-financien/#ind-KCC-Bereikbaarheid' leidt naar indicator 'KCC-Bereikbaarheid', maar die "
            "staat niet op die pagina (4-bestuur-en-dienstverlening/4-2-financien/): de link opent de pagina "
            "bovenaan. Hint: bedoelt u '../4-2-financien/#ind-kcc-bereikbaarheid'?"
        ),
        "#ind-kcc-bereikbaarheid": (
            "de link '#ind-kcc-bereikbaarheid' leidt naar indicator 'kcc-bereikbaarheid', maar die staat niet op deze "
            "pagina: de link opent de pagina bovenaan. Hint: de indicator 'kcc-bereikbaarheid' staat in paragraaf "
            "4.2: link vanaf deze pagina naar '../../4-bestuur-en-dienstverlening/4-2-financien/"
            "#ind-kcc-bereikbaarheid'."
        ),
        "../#ind-kcc-tevredenheid": (
            "de link '../#ind-kcc-tevredenheid' leidt naar indicator 'kcc-tevredenheid', maar die staat niet op die "
            "pagina (4-bestuur-en-dienstverlening/): de link opent de pagina bovenaan. Hint: de indicator "
            "'kcc-tevredenheid' staat in paragraaf 4.1: link vanaf deze pagina naar '#ind-kcc-tevredenheid'."
        ),
        "#kcc-tevredenheid": (
            "de link '#kcc-tevredenheid' leidt naar geen plek op deze pagina: het anker van een indicator is #ind- met "
            "zijn id erachter, en de link opent de pagina bovenaan. Hint: bedoelt u '#ind-kcc-tevredenheid'?"
        ),
        "#ind-balie": (
            "de link '#ind-balie' leidt naar indicator 'balie', maar die staat niet op deze pagina: de link opent de "
            "pagina bovenaan. Hint: een link naar een indicator is #ind- met de id van de indicator erachter, op de "
            "pagina van zijn paragraaf."
        ),
    }
    project.texts["4.1.md"] += "".join(f"\n[link {n}]({href})\n" for n, href in enumerate(links))
    project.write()
    problems = [str(p) for p in load_project(project.root).problems if "de link" in p.message]
    lines = (project.root / "tekst" / "4.1.md").read_text(encoding="utf-8").splitlines()
    at = {href: next(n for n, t in enumerate(lines, 1) if f"]({href})" in t) for href in links}
    assert problems == [
        f"tekst/4.1.md, regel {at[href]}: {message}" for href, message in links.items() if message is not None
    ] + [
        "indicatoren.csv, regel 2, kolom toelichting: de link '../4-2-financien/#ind-kcc-bereikbaarhied' leidt naar "
        "indicator 'kcc-bereikbaarhied', maar die staat niet op die pagina (4-bestuur-en-dienstverlening/"
        "4-2-financien/): de link opent de pagina bovenaan. Hint: bedoelt u "
        "'../4-2-financien/#ind-kcc-bereikbaarheid'?"
    ]
