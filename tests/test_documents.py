"""Several documents from one export (a site per document and a portal page), and restated figures."""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import tree_bytes
from verantwoord.errors import InvalidProject
from verantwoord.model import NoFigure, Number, ValueKind
from verantwoord.project import load_project
from verantwoord.publish import build_project

TWO_DOCUMENTS = {
    "document": {"organisatie": "Gemeente Amersfoort"},
    "documenten": [
        {
            "map": "jaarverslag-2020",
            "document": {"soort": "jaarverslag", "jaar": 2020},
            "tabel": {"realisatie": "2019-2020", "streefwaarde": 2020},
        },
        {
            "map": "begroting-2021",
            "document": {"soort": "begroting", "jaar": 2021},
            "tabel": {"realisatie": "2019-2020", "streefwaarde": "2021"},
        },
    ],
}
BUDGET_TARGET = {"indicator": "kcc-tevredenheid", "periode": "2021", "soort": "streefwaarde", "waarde": "95"}


def two_documents(make_project, config=TWO_DOCUMENTS, **kwargs):
    project = make_project(config=config, config_replace=True, write=False, **kwargs)
    project.values.append(dict(BUDGET_TARGET))
    return project.write()


def test_a_site_per_document_and_a_portal(make_project):
    project = two_documents(make_project, statement=None)  # verantwoord's draft statement, which names the portal
    result = build_project(project.root)

    assert [d.title for d in result.project.documents] == ["Jaarverslag 2020", "Begroting 2021"]
    # The 2021 target is shown by the budget: no warning for it; one, once, for the two documents' statement.
    assert [str(p).split(":")[:2] for p in result.project.problems] == [
        ["tekst/toegankelijkheid.md", " er is geen toegankelijkheidsverklaring"]
    ]
    portal = (project.output / "index.html").read_text()
    assert '<a href="jaarverslag-2020/">Jaarverslag 2020</a>' in portal
    assert '<a href="begroting-2021/">Begroting 2021</a>' in portal
    assert '<html lang="nl"' in portal and "<h1>" in portal
    for folder in ("jaarverslag-2020", "begroting-2021"):
        home = (project.output / folder / "index.html").read_text()
        assert 'href="../">Alle documenten</a>' in home
        assert (project.output / folder / "open-data").is_dir()
        assert (project.output / folder / "assets" / "verantwoord.css").is_file()
    assert (project.output / "assets" / "verantwoord.css").is_file()
    assert Path("index.html") in result.pages
    assert Path("begroting-2021/index.html") in result.pages
    # The portal is the site's front page: its footer links to an accessibility statement that covers it.
    assert '<a href="jaarverslag-2020/toegankelijkheid/">Toegankelijkheid</a>' in portal
    statement = (project.output / "jaarverslag-2020" / "toegankelijkheid" / "index.html").read_text()
    assert "en over de pagina daarboven die de documenten van Gemeente Amersfoort op een rij zet" in statement


def test_without_search_neither_the_portal_nor_the_statement_mentions_it(make_project):
    """With `zoeken: nee` the portal said each document has "zijn eigen … zoekfunctie", and the accessibility
    statement listed search among the known limitations."""
    project = two_documents(make_project, config={**TWO_DOCUMENTS, "zoeken": "nee"}, statement=None)
    build_project(project.root)
    portal = (project.output / "index.html").read_text()
    assert "Elk document heeft zijn eigen inhoudsopgave en open data." in portal
    statement = (project.output / "jaarverslag-2020" / "toegankelijkheid" / "index.html").read_text()
    assert "Zoeken werkt alleen met JavaScript" not in statement
    assert "Waar een grafiek staat" in statement  # the other limitation stays
    with_search = two_documents(make_project, statement=None)
    build_project(with_search.root)
    statement = (with_search.output / "jaarverslag-2020" / "toegankelijkheid" / "index.html").read_text()
    assert "Zoeken werkt alleen met JavaScript" in statement
    assert "zoek in alle documenten tegelijk" in (with_search.output / "index.html").read_text()


def test_a_documents_own_section_setting_is_checked_against_its_own_texts(make_project):
    """`paragrafen` under the budget named 4.2, which only the annual report's texts have: check said nothing (the
    sections of all documents together were looked at), and a warning had no line."""
    config = copy.deepcopy(TWO_DOCUMENTS)
    config["documenten"][1]["tekst"] = "tekst-begroting"
    config["documenten"][1]["paragrafen"] = {"4.2": {"tabel": {"indeling": "overzicht"}}}
    texts = {"4.md": "# Bestuur\n", "4.1.md": "# Dienstverlening\n", "4.2.md": "# Veiligheid\n"}
    budget_texts = {"tekst-begroting/4.md": b"# Bestuur\n", "tekst-begroting/4.1.md": b"# Dienstverlening\n"}
    project = two_documents(make_project, config=config, texts=texts, extra_files=budget_texts)
    warnings = [str(p) for p in load_project(project.root).problems if "paragrafen" in p.message]
    line = next(n for n, text in enumerate(project.config_path.read_text().splitlines(), 1) if "4.2" in text)
    assert warnings == [
        f"verantwoord.yaml, regel {line}: documenten, document 2: 'paragrafen' geeft een tabel voor paragraaf 4.2, "
        "maar die paragraaf heeft geen tekst in dit document. Hint: kijk of het nummer klopt: het is het nummer van "
        "het tekstbestand, zoals 4.1 voor 4.1.md."
    ]


def test_each_indicator_links_to_itself_in_the_other_documents(make_project):
    project = two_documents(make_project)
    build_project(project.root)

    section = next((project.output / "jaarverslag-2020").glob("*/*/index.html"))
    html = section.read_text()
    links = re.findall(r'class="indicator-related">Deze indicator staat ook in (.*?)</p>', html)
    assert len(links) == 2  # one per indicator
    href = re.search(r'href="([^"]+)">Begroting 2021<span class="visually-hidden"', links[0]).group(1)
    path, _, anchor = href.partition("#")
    target = (section.parent / path / "index.html").resolve()
    assert target.is_relative_to((project.output / "begroting-2021").resolve())
    assert f'id="{anchor}"' in target.read_text()
    budget_target = (project.output / "begroting-2021").glob("*/*/index.html")
    assert ">Jaarverslag 2020<span" in next(budget_target).read_text()


def test_a_document_shows_its_own_periods(make_project):
    project = two_documents(make_project)
    result = build_project(project.root)
    annual, budget = result.project.documents
    assert [p.label for p in annual.layout.target] == ["2020"]
    assert [p.label for p in budget.layout.target] == ["2021"]
    budget_page = next((project.output / "begroting-2021").glob("*/*/index.html")).read_text()
    assert "95" in budget_page


def test_a_figure_no_document_shows_is_reported_once(make_project):
    project = make_project(config=TWO_DOCUMENTS, config_replace=True, write=False)
    project.values.append({"indicator": "kcc-tevredenheid", "periode": "2030", "soort": "streefwaarde", "waarde": "99"})
    project.write()
    problems = load_project(project.root).problems
    assert len(problems) == 1
    assert "Waarden" in str(problems[0]) and "2030" in str(problems[0])


def test_texts_per_document(make_project):
    config = {**TWO_DOCUMENTS, "documenten": [dict(d) for d in TWO_DOCUMENTS["documenten"]]}
    config["documenten"][1]["tekst"] = "tekst-begroting"
    project = two_documents(make_project, config=config)
    (project.root / "tekst-begroting").mkdir()
    (project.root / "tekst-begroting" / "4.md").write_text("# Bestuur\n\nWat we gaan doen.\n")
    (project.root / "tekst-begroting" / "4.1.md").write_text("# Dienstverlening in 2021\n\nPlannen.\n")
    build_project(project.root)
    budget = (project.output / "begroting-2021" / "index.html").read_text()
    annual = (project.output / "jaarverslag-2020" / "index.html").read_text()
    assert "Dienstverlening in 2021" in budget and "Dienstverlening in 2021" not in annual


def test_a_section_text_with_an_error_in_one_document_keeps_its_indicators_for_the_other(make_project):
    """4.1.md without a title in the budget's texts, where the annual report's 4.1.md is right: the indicators of
    4.1 were left out without a word, the error at the budget's file being the only problem."""
    config = {**TWO_DOCUMENTS, "documenten": [dict(d) for d in TWO_DOCUMENTS["documenten"]]}
    config["documenten"][1]["tekst"] = "tekst-begroting"
    project = two_documents(make_project, config=config)
    indicator = project.values[0]["indicator"]
    project.values.append({"indicator": indicator, "periode": "2040", "soort": "streefwaarde", "waarde": "90"})
    project.write()
    (project.root / "tekst-begroting").mkdir()
    (project.root / "tekst-begroting" / "4.md").write_text("# Bestuur\n\nWat we gaan doen.\n")
    (project.root / "tekst-begroting" / "4.1.md").write_text("Plannen zonder titel.\n")
    with pytest.raises(InvalidProject) as raised:
        load_project(project.root)
    problems = [str(p) for p in raised.value.problems]
    assert problems[0].startswith("tekst-begroting/4.1.md, regel 1: het bestand begint niet met een kop")
    assert not [p for p in problems if "bestaat niet" in p]
    # The indicator is still read for the annual report: its target for 2040, which no table shows, is said so.
    assert [p for p in problems if "streefwaarde voor 2040 staat niet in de tabel" in p], problems


def config_problems(make_project, config) -> list[str]:
    project = make_project(config=config, config_replace=True)
    with pytest.raises(InvalidProject) as raised:
        load_project(project.root)
    return [str(p) for p in raised.value.problems]


def test_documenten_must_be_a_list(make_project):
    problems = config_problems(make_project, {**TWO_DOCUMENTS, "documenten": "begroting"})
    assert problems == [
        "verantwoord.yaml, regel 3: 'documenten' moet een lijst van documenten zijn. Verwacht: regels die "
        "beginnen met '- map:' met daaronder 'document:' (soort, jaar), 'tekst:' en 'tabel:'."
    ]


def test_every_problem_of_every_document_at_once(make_project):
    documents = [
        {"map": "jaarverslag-2020", "document": {"soort": "jaarverslag", "jaar": 2020}, "taal": "en"},
        {"map": "jaarverslag-2020", "document": {"soort": "begroting", "jaar": "volgend jaar"}},
        {"map": "Begroting 2021", "document": {"soort": "begroting", "jaar": 2021}},
    ]
    problems = config_problems(make_project, {**TWO_DOCUMENTS, "documenten": documents})
    text = "\n".join(problems)
    assert "documenten, document 1: 'taal' kan niet per document worden ingesteld." in text
    assert "documenten, document 2: 'document.jaar' is geen jaartal. Gevonden: 'volgend jaar'." in text
    assert "documenten, document 3: 'map' is geen geschikte mapnaam. Gevonden: 'Begroting 2021'." in text
    assert all(p.startswith("verantwoord.yaml, regel ") for p in problems)


def test_two_documents_in_one_folder(make_project):
    documents = [
        {"map": "documenten", "document": {"soort": "jaarverslag", "jaar": 2020}},
        {"map": "documenten", "document": {"soort": "begroting", "jaar": 2021}},
    ]
    problems = config_problems(make_project, {**TWO_DOCUMENTS, "documenten": documents})
    assert len(problems) == 1
    assert "documenten, document 2: de map 'documenten' is ook de map van document 1." in problems[0]


def test_a_document_folder_named_assets_is_refused(make_project):
    """It passed check, and build failed with 'File exists ... kijk of de schijf vol is': the site's own assets
    folder goes beside the documents' folders."""
    documents = [
        {"map": "assets", "document": {"soort": "jaarverslag", "jaar": 2020}},
        {"map": "begroting-2021", "document": {"soort": "begroting", "jaar": 2021}},
    ]
    problems = config_problems(make_project, {**TWO_DOCUMENTS, "documenten": documents})
    assert len(problems) == 1
    assert (
        "document 1: 'map' kan niet 'assets' zijn: daar staan de opmaak en de scripts van de website." in (problems[0])
    )


def test_a_document_at_the_top_beside_a_list_of_documents_is_not_dropped_silently(make_project):
    """soort and jaar at the top, and a list with one other document: the top one was never built, without a word."""
    config = {**TWO_DOCUMENTS, "document": {"organisatie": "Gemeente Amersfoort", "soort": "begroting", "jaar": 2021}}
    config["documenten"] = TWO_DOCUMENTS["documenten"][:1]
    project = make_project(config=config, config_replace=True)
    problems = [str(p) for p in load_project(project.root).problems]
    assert any(
        "'document' bovenaan heeft een soort en jaar, maar elk document in 'documenten' heeft een eigen soort en jaar: "
        "dit document wordt niet gebouwd." in p
        for p in problems
    ), problems
    assert not [p for p in load_project(two_documents(make_project).root).problems if "bovenaan" in p.message]


def test_a_misspelt_series_in_one_document_is_reported_for_that_document(make_project):
    """It was dropped: only what every document has is reported, and the other document has no such column."""
    config = copy.deepcopy(TWO_DOCUMENTS)
    config["documenten"][1]["tabel"]["kolommen"] = ["realisatie", "reeks Nederlnd", "streefwaarde"]
    project = two_documents(make_project, config=config)
    warnings = [str(p) for p in load_project(project.root).problems]
    assert any(
        p.startswith("verantwoord.yaml: documenten, document 2: 'tabel.kolommen' noemt de reeks 'Nederlnd'")
        for p in warnings
    ), warnings
    # in a shared setting: once, without a document's number
    config = {**copy.deepcopy(TWO_DOCUMENTS), "tabel": {"kolommen": ["realisatie", "reeks Nederlnd", "streefwaarde"]}}
    for entry in config["documenten"]:
        del entry["tabel"]
    warnings = [str(p) for p in load_project(two_documents(make_project, config=config).root).problems]
    assert [p for p in warnings if "Nederlnd" in p] == [
        "verantwoord.yaml: 'tabel.kolommen' noemt de reeks 'Nederlnd', maar geen cijfer in de export hoort bij die "
        "reeks: de kolom toont alleen 'geen cijfer'. Hint: kijk in de kolom 'reeks' van het blad Waarden hoe ze heet."
    ]


def test_a_shared_problem_is_reported_once(make_project):
    config = {**TWO_DOCUMENTS, "export": {"bestand": "bestaat-niet.xlsx"}}
    problems = config_problems(make_project, config)
    assert len([p for p in problems if "'export.bestand' noemt een export die niet bestaat" in p]) == 1


def test_a_realisation_one_document_is_too_early_for_is_no_error_when_another_may_have_it(make_project):
    """Q1 2021 cannot stand in the annual report over 2020, but can in the budget for 2021: it was an error."""
    project = make_project(config=TWO_DOCUMENTS, config_replace=True, write=False)
    project.values += [dict(BUDGET_TARGET), {**BUDGET_TARGET, "periode": "Q1 2021", "soort": "realisatie"}]
    project.write()
    problems = load_project(project.root).problems
    assert [p.severity.value for p in problems] == ["waarschuwing"]
    assert "Q1 2021" in str(problems[0]) and "kan niet in het document" not in str(problems[0])


def test_a_failed_build_keeps_the_previous_portal(make_project):
    project = two_documents(make_project)
    build_project(project.root)
    before = tree_bytes(project.output)
    project.values[0]["waarde"] = "abc"
    project.write()
    with pytest.raises(InvalidProject):
        build_project(project.root)
    assert tree_bytes(project.output) == before


# Restated figures: the config names the previous publication's export.


def restated_project(make_project, **previous_changes):
    previous = make_project(write=False)
    previous.values[1]["waarde"] = "95"  # kcc-tevredenheid 2020 was published as 95, now 94
    for key, value in previous_changes.items():
        setattr(previous, key, value)
    previous.write()
    return make_project(config={"export": {"vorige": f"../{previous.root.name}/indicatoren.xlsx"}})


def test_a_restated_figure_knows_what_was_published(make_project):
    project = restated_project(make_project)
    document = load_project(project.root).document
    values = {(i.id, v.period.label, v.kind.value): v for i in document.indicators() for v in i.values}
    assert values[("kcc-tevredenheid", "2020", "realisatie")].previous == Number(Decimal("95"))
    assert values[("kcc-tevredenheid", "2020", "realisatie")].figure == Number(Decimal("94"))
    assert all(v.previous is None for key, v in values.items() if key != ("kcc-tevredenheid", "2020", "realisatie"))


def test_a_new_reason_for_no_figure_is_no_restated_figure(make_project):
    """A cell that read 'geen cijfer' before and after got the note 'was geen cijfer' when only the reason changed."""
    previous = make_project(write=False)
    previous.values[1].update(waarde="geen cijfer", reden="nog niet gemeten")
    previous.write()
    project = make_project(config={"export": {"vorige": f"../{previous.root.name}/indicatoren.xlsx"}}, write=False)
    project.values[1].update(waarde="geen cijfer", reden="de meting is vervallen")
    project.write()
    document = load_project(project.root).document
    assert all(v.previous is None for i in document.indicators() for v in i.values)


def test_the_site_marks_a_restated_figure(make_project):
    project = restated_project(make_project)
    build_project(project.root)
    section = next(project.output.glob("*/*/index.html")).read_text()
    assert "gewijzigd ten opzichte van de vorige publicatie: was 95" in section


def test_a_figure_deleted_since_the_previous_publication_is_shown_as_withdrawn(make_project):
    """A deleted row made the cell 'geen cijfer' without a note, where an emptied cell said "was 95"."""
    previous = make_project(write=False)
    previous.write()
    project = make_project(config={"export": {"vorige": f"../{previous.root.name}/indicatoren.xlsx"}}, write=False)
    del project.values[1]  # kcc-tevredenheid 2020 (94) is no longer in the export
    project.write()
    document = load_project(project.root).document
    withdrawn = [(v.period.label, v.figure, v.previous) for i in document.indicators() for v in i.values if v.previous]
    assert withdrawn == [("2020", NoFigure(), Number(Decimal("94")))]
    build_project(project.root)
    section = next(project.output.glob("*/*/index.html")).read_text()
    assert "gewijzigd ten opzichte van de vorige publicatie: was 94" in section


def test_a_withdrawn_figure_never_hides_the_figure_the_export_has(make_project):
    """A column without years shows the latest figure of its kind: the withdrawn 2014 hid the 2013 in the export."""
    previous = make_project(write=False)
    previous.write()
    project = make_project(config={"export": {"vorige": f"../{previous.root.name}/indicatoren.xlsx"}}, write=False)
    project.values[2]["periode"] = "2019"  # kcc-tevredenheid's target for 2020 moved to 2019: 2020 is withdrawn
    project.write()
    indicator = load_project(project.root).document.indicators()[0]
    assert indicator.latest(ValueKind.TARGET, with_figure=False).period.label == "2019"
    assert [v.period.label for v in indicator.values if v.withdrawn] == ["2020"]


def test_a_series_spelled_otherwise_in_the_previous_publication_is_no_withdrawal(make_project):
    """landelijk there, Landelijk here: every figure of the series was shown as withdrawn, in a row of its own."""
    national = {"indicator": "kcc-tevredenheid", "periode": "2019", "soort": "realisatie", "waarde": "80"}
    previous = make_project(write=False)
    previous.values.append({**national, "reeks": "landelijk"})
    previous.write()
    project = make_project(config={"export": {"vorige": f"../{previous.root.name}/indicatoren.xlsx"}}, write=False)
    project.values.append({**national, "reeks": "Landelijk"})
    project.write()
    values = [v for i in load_project(project.root).document.indicators() for v in i.values]
    assert [v for v in values if v.withdrawn or v.previous] == []


def test_problems_in_the_previous_export_name_it(make_project):
    previous = make_project(write=False)
    previous.values[1]["waarde"] = "negentig"
    previous.write()
    project = make_project(config={"export": {"vorige": f"../{previous.root.name}/indicatoren.xlsx"}})
    with pytest.raises(InvalidProject) as raised:
        load_project(project.root)
    locations = [str(p).split(": ")[0] for p in raised.value.problems]
    assert locations == [f"../{previous.root.name}/indicatoren.xlsx, blad Waarden, cel D3"]


def test_problems_in_a_previous_export_on_another_drive_name_it_in_full(make_project, monkeypatch):
    """Windows has no relative path from C: to a share: os.path.relpath raised a ValueError, a traceback."""
    import os

    previous = make_project(write=False)
    previous.values[1]["waarde"] = "negentig"
    previous.write()
    project = make_project(config={"export": {"vorige": f"../{previous.root.name}/indicatoren.xlsx"}})

    def no_way_there(path: object, start: object = None) -> str:
        raise ValueError("path is on mount '\\\\server\\p&c', start on mount 'C:'")

    monkeypatch.setattr(os.path, "relpath", no_way_there)
    with pytest.raises(InvalidProject) as raised:
        load_project(project.root)
    locations = [str(p).split(": ")[0] for p in raised.value.problems]
    assert locations == [f"{previous.root / 'indicatoren.xlsx'}, blad Waarden, cel D3"]


def test_a_missing_previous_export(make_project):
    project = make_project(config={"export": {"vorige": "vorige.xlsx"}})
    with pytest.raises(InvalidProject) as raised:
        load_project(project.root)
    message = "'export.vorige' noemt een export van de vorige publicatie die niet bestaat."
    assert message in str(raised.value.problems[0])


def test_check_counts_every_document(make_project):
    from click.testing import CliRunner

    from verantwoord.cli import main

    project = two_documents(make_project)
    result = CliRunner().invoke(main, ["check", str(project.root)])
    assert result.exit_code == 0, result.output
    assert "In orde: 2 documenten, 2 paragrafen, 2 indicatoren." in result.output


def test_each_documents_open_data_downloads_under_its_own_name(make_project):
    """Both documents' files were indicatoren.csv, .xlsx, .json: downloaded side by side to compare the budget with
    the annual report, the second became 'indicatoren (1).csv', and which was which was not in the name."""
    project = two_documents(make_project)
    build_project(project.root)

    names = {}
    for folder in ("jaarverslag-2020", "begroting-2021"):
        home = (project.output / folder / "index.html").read_text()
        section = next((project.output / folder).glob("*/*/index.html"))
        links = re.findall(r'<a href="(open-data/[^"]+)" download="([^"]+)">', home)
        links += re.findall(r'<a href="\.\./\.\./(open-data/[^"]+)" download="([^"]+)">', section.read_text())
        # CSV, Excel, JSON, the indicators and the data package on both pages, and the section's CSV
        assert len(links) == 11
        for path, name in links:
            assert (project.output / folder / path).is_file()
            assert name == f"{folder}-gemeente-amersfoort-{Path(path).name}"
        names[folder] = {name for _, name in links}
    assert not names["jaarverslag-2020"] & names["begroting-2021"]


def test_the_portals_links_to_a_pdf_or_open_data_name_their_document(make_project):
    """Each document had 'Het hele document als PDF' and 'Open data': a screen reader's list of links read the two
    twice over, with nothing to tell the budget's from the annual report's."""
    config = copy.deepcopy(TWO_DOCUMENTS)
    for document in config["documenten"]:
        document["pdf"] = "ja"
    project = two_documents(make_project, config)
    build_project(project.root)

    portal = (project.output / "index.html").read_text()
    hidden = '<span class="visually-hidden"> ({})</span>'
    for folder, title in (("jaarverslag-2020", "Jaarverslag 2020"), ("begroting-2021", "Begroting 2021")):
        pdf = f"{folder}/{folder}-gemeente-amersfoort.pdf"
        assert (project.output / pdf).is_file()
        assert f'<a href="{pdf}">Het hele document als PDF{hidden.format(title)}</a>' in portal
        assert f'<a href="{folder}/#open-data-titel">Open data{hidden.format(title)}</a>' in portal


@pytest.mark.parametrize(
    ("language", "term", "all_documents", "annual"),
    [
        ("nl", "Zoek naar", "alle documenten", "Jaarverslag 2020"),
        ("en", "Search for", "all documents", "Annual report 2020"),
    ],
)
def test_the_portals_search_lets_a_reader_choose_a_document_first(make_project, language, term, all_documents, annual):
    """The portal's box searched all documents: a reader who wanted the budget alone searched first, and chose it
    on the search page after. The choice goes as document= to the first document's search page, whose radios read it."""
    config = copy.deepcopy(TWO_DOCUMENTS)
    config["taal"] = language
    config["documenten"][1]["document"]["titel"] = "Begroting 2021 <concept>"
    project = two_documents(make_project, config)
    build_project(project.root)

    portal = (project.output / "index.html").read_text()
    form = re.search(r'<form class="portal-search".*?</form>', portal, flags=re.S).group()
    assert 'action="jaarverslag-2020/zoeken/" method="get"' in form
    assert f'<label class="search-label" for="portal-zoekterm">{term}</label>' in form
    assert '<label class="search-label" for="portal-document">In</label>' in form
    assert re.findall(r'<option value="(.*?)">(.*?)</option>', form) == [
        ("", all_documents),
        ("jaarverslag-2020", annual),
        ("begroting-2021", "Begroting 2021 &lt;concept&gt;"),
    ]
    assert '<select id="portal-document" class="portal-search-document" name="document" aria-label="' in form
    # The same folders the search page's radios offer, which it checks by the address's document=.
    search = (project.output / "jaarverslag-2020" / "zoeken" / "index.html").read_text()
    assert re.findall(r'name="document" value="([^"]*)"', search) == ["", "jaarverslag-2020", "begroting-2021"]


def test_a_documents_breadcrumbs_start_at_the_portal(make_project):
    """The trail of a chapter or section began at its document: only the header's 'Alle documenten' led back to the
    page that lists the documents, so a reader following the trail upwards stopped one step short."""
    project = two_documents(make_project)
    build_project(project.root)

    portal = "Begroting en verantwoording van Gemeente Amersfoort"
    assert f"<h1>{portal}</h1>" in (project.output / "index.html").read_text()
    for folder, title in (("jaarverslag-2020", "Jaarverslag 2020"), ("begroting-2021", "Begroting 2021")):
        section = next((project.output / folder).glob("*/*/index.html")).read_text()
        trail = re.search(r'<nav class="breadcrumbs[^>]*>\s*<ol>\s*(.*?)</ol>', section, re.S).group(1)
        items = re.findall(r'<li><a href="([^"]*)"[^>]*>([^<]*)</a></li>', trail)
        assert items[:2] == [("../../../", portal), ("../../", title)]
        assert len(items) == 4  # then the chapter and the section itself


def test_a_documents_home_statement_and_search_pages_have_the_trail_too(make_project):
    """Only chapters and sections had a trail: a reader who came from a search engine to a document's home page, its
    accessibility statement or its search page could not see that it is one document of several, nor which."""
    project = two_documents(make_project)
    build_project(project.root)

    portal = "Begroting en verantwoording van Gemeente Amersfoort"
    for page, trail in (
        ("index.html", [("../", portal), ("./", "Jaarverslag 2020")]),
        ("toegankelijkheid/index.html", [("../../", portal), ("../", "Jaarverslag 2020")]),
        ("zoeken/index.html", [("../../", portal), ("../", "Jaarverslag 2020"), ("./", "Zoeken")]),
    ):
        html = (project.output / "jaarverslag-2020" / page).read_text()
        nav = re.search(r'<nav class="breadcrumbs container" aria-label="Kruimelpad">\s*<ol>\s*(.*?)</ol>', html, re.S)
        items = re.findall(r'<li><a href="([^"]*)"[^>]*>([^<]*)</a></li>', nav.group(1))
        assert items[: len(trail)] == trail, page
        assert nav.group(1).count('aria-current="page"') == 1
        assert re.search(r'<li><a href="\./" aria-current="page">[^<]*</a></li>\s*$', nav.group(1)), page


@pytest.mark.parametrize(
    ("language", "annual", "budget"),
    [
        (
            "nl",
            "Cijfers: realisatie 2019 en 2020, streefcijfers 2020",
            "Cijfers: realisatie 2017–2020, streefcijfers 2021 en 2024",
        ),
        ("en", "Figures: realised 2019 and 2020, targets 2020", "Figures: realised 2017–2020, targets 2021 and 2024"),
    ],
)
def test_the_portal_and_each_home_page_say_which_years_a_document_shows(make_project, language, annual, budget):
    """Neither said what a document covers in figures: a reader looking for the 2024 target had to open each."""
    config = copy.deepcopy(TWO_DOCUMENTS)
    config["taal"] = language
    config["documenten"][1]["tabel"] = {"realisatie": "2017-2020", "streefwaarde": [2021, 2024]}
    project = two_documents(make_project, config)
    build_project(project.root)

    portal = (project.output / "index.html").read_text()
    for folder, coverage in (("jaarverslag-2020", annual), ("begroting-2021", budget)):
        home = (project.output / folder / "index.html").read_text()
        for page in (portal, home):
            shown = re.findall(r'<p class="document-coverage">(.*?)</p>', page)
            assert coverage in [re.sub(r'<span class="visually-hidden".*?</span>|<[^>]*>', "", line) for line in shown]
    assert portal.index(annual) < portal.index('href="begroting-2021/"') < portal.index(budget.split(", ")[-1])
