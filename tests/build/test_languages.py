"""The site in Dutch or English (`taal`): every text translated, and figures in the language's notation."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from string import Formatter

import pytest

from tests.conftest import TestProject
from tests.pagetext import page_lines
from verantwoord import build_project
from verantwoord.build.translations import TEXTS, translator

SECTION_PAGE = "4-bestuur-en-dienstverlening/4-1-dienstverlening/index.html"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


# The translation table


def test_both_languages_have_the_same_keys() -> None:
    assert set(TEXTS) == {"nl", "en"}
    assert sorted(TEXTS["nl"]) == sorted(TEXTS["en"])


@pytest.mark.parametrize("key", sorted(TEXTS["nl"]))
def test_each_text_has_the_same_placeholders_in_both_languages(key: str) -> None:
    assert placeholders(TEXTS["nl"][key]) == placeholders(TEXTS["en"].get(key, ""))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_text_is_empty(language: str) -> None:
    assert [key for key, text in TEXTS[language].items() if not text.strip()] == []


def test_translator_fills_in_placeholders() -> None:
    assert translator("en")("summary", met="1", total="2") == "1 of 2 targets met"
    assert translator("nl")("summary", met="1", total="2") == "1 van de 2 streefcijfers gehaald"


# A built site


def _build(make_project, language: str) -> tuple[TestProject, list[str], str]:
    """A project in `language` whose first figure has no figure and whose second is 1234.5."""
    project = make_project(config={"taal": language})
    project.indicators[0]["decimalen"] = None
    project.values[0].update(waarde="geen cijfer", reden="niet gemeten")
    project.values[1]["waarde"] = "1234.5"
    project.write()
    build_project(project.root, strict=True)
    html = (project.output / SECTION_PAGE).read_text(encoding="utf-8")
    return project, page_lines(html), html


@pytest.fixture(autouse=True)
def seed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1622111039")


def test_english_site_declares_its_language(make_project) -> None:
    project, _, _ = _build(make_project, "en")
    for page in sorted(project.output.rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<html lang="en"[ >]', html), page


def test_dutch_site_declares_its_language(make_project) -> None:
    project, _, _ = _build(make_project, "nl")
    for page in sorted(project.output.rglob("index.html")):
        assert re.search(r'<html lang="nl"[ >]', page.read_text(encoding="utf-8")), page


def test_english_table(make_project) -> None:
    _, lines, _ = _build(make_project, "en")
    assert "Realised" in lines
    assert "Targets" in lines
    assert "no figure note 1" in lines  # the cell, with its note marker for screen readers
    assert "No figure for 2019: niet gemeten ↩" in lines  # the reason comes from the export, as entered
    assert "Unit: %" in lines
    assert "Source:" in lines
    assert "1 of 1 target met" in lines
    assert "Target 2020 met" in lines


def test_not_yet_known_is_said_in_the_documents_language(make_project) -> None:
    """n.n.b. in the export became the reason "nog niet bekend" on an English page and in its open data."""
    project = make_project(config={"taal": "en"})
    project.values[4]["waarde"] = "n.n.b."
    project.write()
    build_project(project.root, strict=True)
    lines = page_lines((project.output / SECTION_PAGE).read_text(encoding="utf-8"))
    assert "No figure for 2020: not yet known ↩" in lines
    data = (project.output / "open-data" / "indicatoren.csv").read_text(encoding="utf-8-sig")
    assert ",not yet known," in data and "nog niet bekend" not in data


def test_the_open_data_of_an_english_document_describes_its_columns_in_english(make_project) -> None:
    import json

    from openpyxl import load_workbook

    project, _, _ = _build(make_project, "en")
    package = json.loads((project.output / "open-data" / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f["description"] for f in package["resources"][0]["schema"]["fields"]}
    assert fields["geen_cijfer"].startswith("true when there is no figure for this period;")
    # The text is published as entered, with its Dutch decimal comma: the example said '79.3% (TK)'.
    assert (
        fields["tekst"]
        == "Text published in place of the figure, as the export has it (in Dutch notation: '79,3% (TK)')."
    )
    sheet = load_workbook(project.output / "open-data" / "indicatoren.xlsx").worksheets[1]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("column", "type", "description")
    assert ("paragraaf", "string", "Number of the section, such as 4.1.") in rows


def test_the_download_links_of_an_english_home_page_give_the_sizes_in_english(make_project) -> None:
    project, _, _ = _build(make_project, "en")
    home = (project.output / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="(open-data/[^"]+)" download="[^"]*">([^<]*)</a>', home)
    assert links[0][1].split(" (")[0] == "All figures as a CSV file"
    for path, text in links:
        kilobytes = (project.output / path).stat().st_size / 1000
        shown = f"{kilobytes:.1f}" if kilobytes < 9.95 else f"{kilobytes:.0f}"
        assert text.endswith(f" ({shown}\u00a0kB)"), (path, text)  # 3.3 kB, not the Dutch 3,3 kB
    assert len(links) == 5 and any("." in text.rsplit("(", 1)[1] for _, text in links)


FOOTNOTE_WORDS = {
    "en": ("footnote", "Footnotes", "Back to reference 1"),
    "nl": ("voetnoot", "Voetnoten", "Terug naar verwijzing 1"),
}


@pytest.mark.parametrize(("language", "words"), FOOTNOTE_WORDS.items())
def test_footnotes_are_read_in_the_documents_language(make_project, language: str, words: tuple[str, ...]) -> None:
    """Comrak labelled the way back from a footnote "Back to reference 1", on a Dutch page too."""
    project = make_project(config={"taal": language})
    project.texts["4.1.md"] += "\nThe desk[^1] is open.\n\n[^1]: CBS, 2020.\n"
    project.indicators[0]["toelichting"] = "Measured in June.^[Klant in Focus.]"
    project.write()
    build_project(project.root, strict=True)
    html = (project.output / SECTION_PAGE).read_text(encoding="utf-8")
    word, heading, back = words
    lines = page_lines(html)
    assert f"The desk {word} 1 is open." in lines and f"Measured in June. {word} 1" in lines
    assert lines.count(heading) == 2
    assert html.count(f'aria-label="{back}"') == 2


def test_english_footer(make_project) -> None:
    _, lines, _ = _build(make_project, "en")
    assert lines[-2] == "This page was built on 27 May 2021 at 12:23 from the export of 25 May 2021 at 13:50"
    assert lines[-1].startswith("Export fingerprint: ")
    assert "Accessibility" in lines


def test_the_search_page_without_javascript_reads_as_english(make_project) -> None:
    """It said "Without JavaScript you find every chapter", word for word the Dutch "vindt u"."""
    project, _, _ = _build(make_project, "en")
    lines = page_lines((project.output / "zoeken" / "index.html").read_text(encoding="utf-8"))
    sentence = "Search needs JavaScript. Without it, you can find every chapter and section in the table of contents."
    assert sentence in lines


def test_numbers_in_dutch_notation(make_project) -> None:
    _, lines, html = _build(make_project, "nl")
    assert "1.234,5" in lines
    assert "1,234.5" not in html
    assert ">1.234,5</text>" in html  # the chart's label too


def test_numbers_in_english_notation(make_project) -> None:
    _, lines, html = _build(make_project, "en")
    assert "1,234.5" in lines
    assert "1.234,5" not in html
    assert ">1,234.5</text>" in html  # the chart's label too


def test_english_site_shows_none_of_our_dutch_texts(make_project) -> None:
    """Every fixed Dutch text that differs in English must be absent from the English pages."""
    dutch = {
        text
        for key, text in TEXTS["nl"].items()
        if not placeholders(text) and text != TEXTS["en"][key] and len(text) > 4
    }
    project, _, _ = _build(make_project, "en")
    for page in sorted(project.output.rglob("index.html")):
        lines = page_lines(page.read_text(encoding="utf-8"))
        found = [line for line in lines if line in dutch]
        assert found == [], page


def test_the_dutch_statement_new_wrote_is_a_warning_on_an_english_site(tmp_path, make_project) -> None:
    """'new' writes tekst/toegankelijkheid.md in Dutch; with taal: en the reader met it, Dutch, under "Accessibility"
    in the footer, without a word from check."""
    from verantwoord import create_project, load_project

    root = create_project(tmp_path / "new")
    config = root / "verantwoord.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "taal: en\n", encoding="utf-8")
    warnings = [str(p) for p in load_project(root).problems if "Nederlandse die 'verantwoord new'" in p.message]
    assert warnings == [
        "tekst/toegankelijkheid.md, regel 1: de toegankelijkheidsverklaring is nog de Nederlandse die 'verantwoord "
        "new' schreef, en de website is in het Engels: de lezer krijgt haar in het Nederlands. Hint: vertaal haar in "
        "het Engels. Zonder tekst/toegankelijkheid.md toont de website de aanzet van verantwoord in het Engels, als "
        "concept: ook daarvoor waarschuwt check."
    ]
    # Removed, as the hint said it might be: the English draft, which the site shows as a draft, and says so.
    statement = root / "tekst" / "toegankelijkheid.md"
    written = statement.read_text(encoding="utf-8")
    statement.unlink()
    assert [str(p) for p in load_project(root).problems if "toegankelijkheidsverklaring" in p.message] == [
        "tekst/toegankelijkheid.md: er is geen toegankelijkheidsverklaring: de website toont de aanzet van "
        "verantwoord, met 'Draft' erboven. Hint: zet de verklaring van uw organisatie in dit bestand; "
        "docs/eerste-project.md zegt hoe ('De toegankelijkheidsverklaring')."
    ]
    # A Dutch site keeps it as it is, and an English statement of one's own is no Dutch one.
    statement.write_text(written, encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace("taal: en\n", ""), encoding="utf-8")
    assert not [p for p in load_project(root).problems if "'verantwoord new' schreef" in p.message]
    project = make_project(config={"taal": "en"})
    project.texts["toegankelijkheid.md"] = "# Accessibility statement\n\nWe want everyone to be able to use it.\n"
    project.write()
    assert load_project(project.root).problems == []


def test_the_open_data_and_its_notes_read_as_english(make_project) -> None:
    """They read word for word as the Dutch: "figures ... to use yourself", "another export another one", "the whole
    hash", "as PDF"."""
    project, _, _ = _build(make_project, "en")
    lines = page_lines((project.output / "index.html").read_text(encoding="utf-8"))
    assert (
        "All the figures of the indicators in this document, with their source and provenance, for you to use." in lines
    )
    assert translator("en")("pdf_link") == "The whole document as a PDF"  # in the footer when there is a PDF
    fingerprint = next(line for line in lines if line.startswith("The export fingerprint in the footer"))
    assert "and a different export a different one, even under the same name and time" in fingerprint
    assert fingerprint.endswith("The open data gives the full hash, in the column export_sha256.")
    # The columns are Dutch on an English site: an interface, which says so.
    note = next(line for line in lines if line.startswith("A CSV file is for software"))
    assert note.endswith(
        "The columns keep their Dutch names (periode, waarde) and codes (realisatie, lager is beter), as in the Dutch "
        "documents, so that software reads every document alike; the sheet Explanation of the Excel file says in "
        "English what each holds."
    )


def test_the_english_draft_statement_names_the_decree_in_english_and_marks_its_dutch_name(make_project) -> None:
    """The English draft gave the law by its Dutch name alone, read with an English voice: '(Besluit digitale
    toegankelijkheid overheid)'."""
    project = make_project(config={"taal": "en"}, statement=None)
    build_project(project.root)
    page = (project.output / "toegankelijkheid" / "index.html").read_text(encoding="utf-8")
    assert 'the Dutch Digital Accessibility (Government) Decree, the <span lang="nl">Besluit digitale ' in page


def test_an_english_list_of_years_is_written_as_the_charts_and_british_english_write_it(make_project) -> None:
    """The years line said 'targets 2022, 2024, and 2026' (Babel's American 'en'), a chart's description 'No figure for
    2016, 2017 and 2018', on a site whose og:locale is en_GB."""
    tabel = {"realisatie": "2016-2020", "streefwaarde": [2022, 2024, 2026]}
    project = make_project(config={"taal": "en", "tabel": tabel})
    build_project(project.root)
    home = page_lines((project.output / "index.html").read_text(encoding="utf-8"), seen=True)
    assert "Figures: realised 2016–2020, targets 2022, 2024 and 2026" in home
    section = (project.output / SECTION_PAGE).read_text(encoding="utf-8")
    assert "No figure for 2016, 2017 and 2018." in section


# The export's texts in their own language (`export.taal`, WCAG 3.1.2)


class _Spoken(HTMLParser):
    """Each text of a page, and each aria-label, with the language a screen reader reads it in: that of the nearest
    element with a lang."""

    VOID = frozenset({"br", "img", "meta", "link", "input", "hr", "col", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.read: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        language = found.get("lang") or (self.stack[-1][1] if self.stack else "")
        if found.get("aria-label"):
            self.read.append((language, found["aria-label"] or ""))
        if tag not in self.VOID:
            self.stack.append((tag, language))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        # Not a chart's: its title and description are one name and one description, which no lang can split.
        if data.strip() and self.stack and self.stack[-1][0] not in ("script", "style", "title", "desc", "text"):
            self.read.append((self.stack[-1][1], " ".join(data.split())))


def spoken(html: str) -> list[tuple[str, str]]:
    parser = _Spoken()
    parser.feed(html)
    return parser.read


def test_an_english_site_has_the_dutch_exports_texts_read_in_dutch(make_project) -> None:
    """`export.taal: nl` on an English site: the export's title, unit, source, explanation, reason, footnote and
    figure in words are each read in Dutch, on the site and in its tables; the words verantwoord adds around them
    (Unit:, No figure for 2019:, a footnote's hidden word and way back) stay English. Without it, a screen reader
    read 'klanttevredenheid' with English sounds."""
    project = make_project(config={"taal": "en", "export": {"taal": "nl"}})
    project.indicators[0]["toelichting"] = "Gemeten in juni.^[Klant in Focus.]"
    project.indicators[1]["eenheid"] = "aantal per 1.000 inwoners"
    project.values[0].update(waarde="geen cijfer", reden="niet gemeten")
    project.values[1]["voetnoot"] = "telefonie vervangen"
    project.values[3]["tekst"] = "ruim 80"
    project.write()
    build_project(project.root, strict=True)
    read = spoken((project.output / SECTION_PAGE).read_text(encoding="utf-8"))
    for dutch in (
        "% bellers met het KCC dat positief is over dienstverlening",  # the heading, and the table's caption
        "% telefonische bereikbaarheid 14033",
        "aantal per 1.000 inwoners",
        "Klant in Focus",  # the source, and the explanation's footnote
        "KCC/KCS",
        "Gemeten in juni.",
        "niet gemeten",
        "telefonie vervangen",
        "ruim 80",
    ):
        assert {language for language, text in read if text == dutch} == {"nl"}, dutch
    for english in ("Unit:", "Source:", "Explanation:", "No figure for 2019:", "2020:", "footnote", "Footnotes"):
        assert {language for language, text in read if text == english} == {"en"}, english
    assert ("en", "Back to reference 1") in read and ("en", "Back to note 1 in the table") in read
    assert ("en", "Unit: %") in read  # a sign is in no language: read as the page's


@pytest.mark.parametrize(
    "config",
    [
        {"taal": "nl"},
        {"taal": "en"},
        {"taal": "en", "export": {"taal": "en"}},
        {"taal": "nl", "export": {"taal": "nl-NL"}},
        {"taal": "en", "export": {"taal": "en-GB"}},
    ],
)
def test_a_site_in_the_exports_language_marks_no_language_of_parts(make_project, config: dict[str, object]) -> None:
    """A Dutch site (the default), and an English one whose export is English, mark nothing: all is the page's. So
    does one whose export's language is written with its country (nl-NL), which marked every title lang="nl-NL"."""
    project = make_project(config=config)
    project.values[0].update(waarde="geen cijfer", reden="niet gemeten")
    project.values[3]["tekst"] = "ruim 80"
    project.write()
    build_project(project.root, strict=True)
    html = (project.output / SECTION_PAGE).read_text(encoding="utf-8")
    assert len(re.findall(r"\blang=", html)) == 1  # <html lang>


# Numbers in the author's words


@pytest.mark.parametrize(
    ("config", "explanation_warned"),
    [({"taal": "en"}, True), ({"taal": "en", "export": {"taal": "nl"}}, False), ({"taal": "nl"}, False)],
)
def test_a_number_in_dutch_notation_in_an_english_text_is_a_warning_at_its_line(
    make_project, config: dict[str, object], explanation_warned: bool
) -> None:
    """The tables of an English site show 1,234.5 and 12.5; a text beside them that says '12,5%' has a comma an English
    reader takes for a thousands separator. verantwoord does not change the author's words: check says where. Not in a
    Dutch text: a Dutch site's, an export's whose texts are Dutch (`export.taal: nl`), or words marked Dutch."""
    from verantwoord import load_project

    project = make_project(config=config)
    project.texts["4.1.md"] = (
        "# Service\n\nWhat did we achieve?\n\nSatisfaction rose to 12,5% ([report](https://example.org/a,12), "
        "`7,5`), [ruim 7,5 procent]{lang=nl}; 1,234 residents took part, and 0.5 and 1.234 say nothing.\n"
    )
    project.indicators[0]["toelichting"] = "Measured among 1.234,5 calls."
    project.write()
    warned = [str(p) for p in load_project(project.root).problems if "Nederlandse schrijfwijze" in p.message]
    expected = []
    if config["taal"] == "en":
        expected.append(
            "tekst/4.1.md, regel 5: het getal '12,5' staat in de Nederlandse schrijfwijze, en de website is Engels: de "
            "tabellen tonen getallen als 12.5, en een Engelse lezer leest de komma als scheiding van duizendtallen. "
            "Hint: schrijf 12.5; verantwoord verandert uw tekst niet. Is de zin Nederlands, markeer hem dan met "
            "[...]{lang=nl}."
        )
    if explanation_warned:
        expected.append(
            "indicatoren.xlsx, blad Indicatoren, cel H2: het getal '1.234,5' staat in de Nederlandse schrijfwijze, en "
            "de website is Engels: de tabellen tonen getallen als 1,234.5, en een Engelse lezer leest de komma als "
            "scheiding van duizendtallen. Hint: schrijf 1,234.5; verantwoord verandert uw tekst niet. Is de zin "
            "Nederlands, markeer hem dan met [...]{lang=nl}."
        )
    assert warned == expected


def test_an_address_or_two_years_in_an_english_text_are_no_dutch_number(make_project) -> None:
    """A web address is no prose of the author's, written as a link or bare ('?ts=12,5' in a StatLine table's
    address), nor a link's target defined below the text; 'in 2019,2020' lists two years, not a number with four
    decimals that check told to write as '2,019.202'."""
    from verantwoord import load_project

    project = make_project(config={"taal": "en"})
    project.texts["4.1.md"] = (
        "# Service\n\nWhat did we achieve?\n\nSee <https://opendata.cbs.nl/table?ts=12,5>, "
        "https://opendata.cbs.nl/table?dl=3,4 and [the figures][cbs]; in 2019,2020 it rose to 12,5%.\n\n"
        "[cbs]: https://opendata.cbs.nl/table?ts=7,5\n"
    )
    project.write()
    warned = [p.message for p in load_project(project.root).problems if "Nederlandse schrijfwijze" in p.message]
    assert [message.split("'")[1] for message in warned] == ["12,5"]
