"""The whole document as one tagged PDF: where it is, how it is linked, its structure and its text.

The text is read with `pdftotext` (Debian's poppler-utils). Without it those tests skip, except in CI
(CI=true), where they fail: CI installs what they need.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from PIL import Image

from tests.build.pdfstructure import destinations, structure_problems
from tests.conftest import INDICATORS, TEXTS, VALUES
from verantwoord import build_project
from verantwoord.build import pdf as pdf_module
from verantwoord.build.format import build_time
from verantwoord.build.paths import pdf_name
from verantwoord.build.pdf import PdfJob, PdfResult, start_pdf
from verantwoord.cli import main
from verantwoord.errors import BuildFailed, Severity
from verantwoord.project import load_project
from verantwoord.publish import BuildResult, document_sites
from verantwoord.slug import slugify

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "amersfoort-2020"
PDF_NAME = "jaarverslag-2020-gemeente-amersfoort.pdf"
TEMPLATES = Path(pdf_module.__file__).parent / "templates"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
TITLES = (
    "% bezoekers van de balie Burgerzaken en receptie dat positief is over dienstverlening",
    "% bellers met het KCC dat positief is over dienstverlening",
    "% telefonische bereikbaarheid 14033 Klant Contact Centrum (KCC)",
    "% afnemers van digitale diensten dat positief is over het formulier",
    "% bezoekers van www.amersfoort.nl dat positief is",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuildResult]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1622111039")
        yield build_project(EXAMPLE, tmp_path_factory.mktemp("pdf") / "site", pdf=True)


@pytest.fixture(scope="module")
def pdf_path(built: BuildResult) -> Path:
    return built.output / pdf_name(built.project.document)


@pytest.fixture(scope="module")
def pdf(pdf_path: Path) -> Iterator[pikepdf.Pdf]:
    with pikepdf.open(pdf_path) as document:
        yield document


def pdftotext(path: Path, *options: str) -> str:
    if shutil.which("pdftotext") is None:
        if IN_CI:
            pytest.fail("pdftotext is missing in CI; install poppler-utils")
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    result = subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True)
    return result.stdout


@pytest.fixture(scope="module")
def pages(pdf_path: Path) -> list[str]:
    """The text of each page, laid out as printed."""
    return pdftotext(pdf_path, "-layout").split("\f")


def flat(text: str) -> str:
    return " ".join(text.split())


# The file and its links


def test_pdf_is_written_under_its_name(built: BuildResult, pdf_path: Path) -> None:
    assert pdf_name(built.project.document) == PDF_NAME
    assert pdf_path.parent == built.output
    assert pdf_path.read_bytes().startswith(b"%PDF-")


def test_every_page_links_to_the_pdf(built: BuildResult) -> None:
    assert len(built.pages) == 5
    for page in built.pages:
        html = (built.output / page).read_text(encoding="utf-8")
        footer = html[html.index('<footer class="site-footer">') :]
        href = "../" * (len(page.parts) - 1) + PDF_NAME
        assert f'<a href="{href}">Het hele document als PDF</a>' in footer, page
        assert (built.output / page).parent.joinpath(href).resolve() == (built.output / PDF_NAME).resolve()


def test_without_pdf_there_is_no_pdf_and_no_link(tmp_path: Path) -> None:
    result = build_project(EXAMPLE, tmp_path / "site", pdf=False)
    assert not list(result.output.rglob("*.pdf"))
    for page in result.pages:
        html = (result.output / page).read_text(encoding="utf-8")
        assert ".pdf" not in html and "als PDF" not in html, page


# Structure


def test_pdf_is_tagged(pdf: pikepdf.Pdf) -> None:
    assert pdf.Root.MarkInfo.Marked is True
    assert "/StructTreeRoot" in pdf.Root
    assert pdf.Root.StructTreeRoot.Type == "/StructTreeRoot"


def test_pdf_structure_tree_holds_every_page_content_and_link(pdf: pikepdf.Pdf) -> None:
    assert structure_problems(pdf) == []


def test_running_header_and_page_numbers_are_pagination_artifacts(pdf: pikepdf.Pdf) -> None:
    """A screen reader skips them: they are marked as artifacts, outside the structure tree."""
    for page in pdf.pages[1:]:
        instructions = [(list(operands), str(operator)) for operands, operator in pikepdf.parse_content_stream(page)]
        artifacts = [n for n, (operands, operator) in enumerate(instructions) if operands[:1] == ["/Artifact"]]
        assert artifacts, "no artifact on the page"
        last = artifacts[-1]
        assert instructions[last][1] == "BDC" and instructions[last][0][1].Type == "/Pagination"
        assert [operator for _, operator in instructions[last + 1 : last + 5]] == ["q", "Do", "Q", "EMC"]


def test_table_of_contents_links_to_the_headings(pdf: pikepdf.Pdf, pages: list[str]) -> None:
    """Each entry is one link: its page number, in the link as a::after, was a second one, and a screen reader or the
    keyboard met every entry twice."""
    named = destinations(pdf)
    assert named["h-4-bestuur-en-dienstverlening"] == 2  # printed as page 3
    links = [str(annotation.Dest) for annotation in pdf.pages[1].obj.Annots]
    assert links == ["h-4-bestuur-en-dienstverlening", "p-4-1-bestuur-en-dienstverlening"]
    assert "Bestuur en dienstverlening" in pages[named["p-4-1-bestuur-en-dienstverlening"]]


def contents(pdf: pikepdf.Pdf) -> tuple[int, list[tuple[int, str]]]:
    """How many TOC elements the contents are (not counting those inside one), and each TOCI's depth and the heading
    its Reference links to, in reading order."""

    def kids(element: pikepdf.Object) -> list[pikepdf.Object]:
        k = element.get("/K", pikepdf.Array())
        return [kid for kid in (k if isinstance(k, pikepdf.Array) else [k]) if isinstance(kid, pikepdf.Dictionary)]

    def links(element: pikepdf.Object) -> list[str]:
        if element.get("/Type") == "/OBJR":
            return [str(element.Obj.Dest)]
        return [dest for kid in kids(element) for dest in links(kid)]

    def entries(toc: pikepdf.Object, depth: int) -> list[tuple[int, str]]:
        found = []
        for item in kids(toc):
            assert item.S == "/TOCI", item.S
            (reference,) = [kid for kid in kids(item) if kid.get("/S") == "/Reference"]
            (link,) = [kid for kid in kids(reference) if kid.get("/S") == "/Link"]  # the entry's one link
            found += [(depth, dest) for dest in links(link)]
            found += [entry for kid in kids(item) if kid.get("/S") == "/TOC" for entry in entries(kid, depth + 1)]
        return found

    tocs, found, stack = 0, [], [pdf.Root.StructTreeRoot.K[0]]
    while stack:
        element = stack.pop()
        if element.get("/S") == "/TOC":
            tocs += 1
            found += entries(element, 0)
        else:
            stack += reversed([kid for kid in kids(element) if "/S" in kid])
    return tocs, found


def test_a_link_over_two_lines_is_one_link(make_project) -> None:
    """WeasyPrint tags a link per line: a screen reader announced a long chapter's entry in the contents, and an
    indicator's title in an overview, as two links, each described as the whole. Each is one Link element, with the
    annotation of each line."""
    title = "Bestuur en dienstverlening aan inwoners, ondernemers en instellingen in de stad, de wijken en de regio"
    indicators = [dict(indicator, titel=f"{indicator['titel']} in de gemeente Amersfoort") for indicator in INDICATORS]
    project = make_project(
        texts={**TEXTS, "4.md": f"# {title}\n"},
        indicators=indicators,
        config={"tabel": {"indeling": "overzicht", "kolommen": ["realisatie 2019-2020", "streefwaarde 2020"]}},
    )
    built = build_project(project.root, pdf=True)
    with pikepdf.open(built.output / pdf_name(built.project.document)) as pdf:
        assert structure_problems(pdf) == []
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parents = dict(zip([int(key) for key in nums[::2]], nums[1::2], strict=True))
        links: dict[tuple[str, str], set[tuple[int, int]]] = {}
        annotations: Counter[tuple[str, str]] = Counter()
        for page in pdf.pages:
            for annotation in page.obj.get("/Annots", ()):
                element = parents[int(annotation.StructParent)]
                link = (str(annotation.Dest), str(annotation.Contents))
                links.setdefault(link, set()).add(element.objgen)
                annotations[link] += 1
                assert element.S == "/Link"
        (_, entries) = contents(pdf)
    wrapped = [
        (f"h-4-{slugify(title)}", f"4. {title}"),
        *((f"ind-{indicator['id']}", f"{indicator['titel']} (%)") for indicator in indicators),
    ]
    assert [annotations[link] for link in wrapped] == [2] * len(wrapped)  # each over two lines
    assert {link: len(elements) for link, elements in links.items()} == dict.fromkeys(links, 1)
    assert [dest for _, dest in entries][:2] == [wrapped[0][0]] * 2  # the entry's one Link holds both annotations


def test_the_contents_are_tagged_as_a_table_of_contents(pdf: pikepdf.Pdf) -> None:
    """WeasyPrint tags the contents as any list (L, LI, LBody): a screen reader announced a list, not the contents.
    A TOC holds a TOCI per entry, whose Reference holds its link (and page number), and its sections' TOC."""
    assert contents(pdf) == (1, [(0, "h-4-bestuur-en-dienstverlening"), (1, "p-4-1-bestuur-en-dienstverlening")])
    assert structure_problems(pdf) == []


def test_contents_over_several_pages_are_one_table_of_contents(make_project) -> None:
    """WeasyPrint tags what each page holds apart: contents over two pages were two lists, and a chapter whose
    sections went on over the page two items. They are one TOC, with a TOCI per chapter and per section."""
    texts = {"4.md": "# Werk\n\nInleiding.\n", "5.md": "# Wonen\n\nInleiding.\n"}
    texts |= {f"4.{n}.md": f"# Onderdeel {n}\n\nTekst.\n" for n in range(1, 46)}
    texts |= {f"5.{n}.md": f"# Deel {n}\n\nTekst.\n" for n in range(1, 4)}
    built = build_project(make_project(texts=texts).root, pdf=True)
    document = built.project.document
    expected = [
        entry
        for chapter in document.chapters
        for entry in [(0, f"h-{chapter.slug}"), *((1, f"p-{section.slug}") for section in chapter.sections)]
    ]
    with pikepdf.open(built.output / pdf_name(document)) as pdf:
        assert len({page for page in range(3) if "/Annots" in pdf.pages[page + 1]}) > 1  # the contents' pages
        assert contents(pdf) == (1, expected)
        assert structure_problems(pdf) == []


def test_a_link_is_described_by_its_text_not_its_target(pdf: pikepdf.Pdf) -> None:
    """A screen reader announces a link by its annotation's /Contents (PDF/UA): WeasyPrint wrote the target there,
    "h-4-bestuur-en-dienstverlening", and for a footnote mark's hidden word and number apart, "noot"."""
    described = {
        (str(annotation.Dest), str(annotation.Contents))
        for page in pdf.pages
        for annotation in page.obj.get("/Annots", [])
        if annotation.Subtype == "/Link"
    }
    assert ("h-4-bestuur-en-dienstverlening", "4. Bestuur en dienstverlening") in described
    assert ("p-4-1-bestuur-en-dienstverlening", "4.1 Bestuur en dienstverlening") in described
    notes = {text for target, text in described if ":noot-" in target}
    assert notes == {"noot 1"}
    assert all(text != target for target, text in described)


def test_a_chapter_and_a_section_of_one_slug_each_have_their_own_place_in_the_contents(make_project) -> None:
    """Chapter 4 '1 Dienstverlening' and section 4.1 'Dienstverlening' both have the slug 4-1-dienstverlening: as one
    id, both lines of the contents led to the same heading and showed the same page number."""
    texts = {"4.md": "# 1 Dienstverlening\n\nDe inleiding.\n", "4.1.md": "# Dienstverlening\n\nWat bereikt is.\n"}
    project = make_project(texts=texts)
    built = build_project(project.root, pdf=True)
    [chapter] = built.project.document.chapters
    assert chapter.slug == chapter.sections[0].slug
    with pikepdf.open(built.output / pdf_name(built.project.document)) as document:
        named = destinations(document)
        links = list(dict.fromkeys(str(annotation.Dest) for annotation in document.pages[1].obj.Annots))
    assert links == ["h-4-1-dienstverlening", "p-4-1-dienstverlening"]
    assert named[links[0]] == 2 and named[links[1]] >= 2  # the chapter opens on page 3, the section under it


@pytest.mark.parametrize(("language", "named"), [("nl", "paragraaf 4.2"), ("en", "section 4.2")])
def test_a_link_to_another_section_says_which_on_paper(make_project, language: str, named: str) -> None:
    """In the PDF a link within the site is its text alone: 'zie de financiën' told a reader of paper nothing of
    where to look."""
    texts = {**TEXTS, "4.1.md": "# Dienstverlening\n\nZie [de financiën](../4-2-financien/).\n"}
    texts["4.2.md"] = "# Financiën\n\nDe kosten.\n"
    indicators = [dict(INDICATORS[0], toelichting="Zie [de kosten](../4-2-financien/).")]
    values = [value for value in VALUES if value["indicator"] == indicators[0]["id"]]
    project = make_project(texts=texts, indicators=indicators, values=values, config={"taal": language})
    built = build_project(project.root, pdf=True)
    text = flat(pdftotext(built.output / pdf_name(built.project.document)))
    assert f"Zie de financiën ({named})." in text
    assert f"Zie de kosten ({named})." in text  # in an indicator's explanation, the link was its text alone


LONG_ADDRESS = (
    "https://www.amersfoort.nl/onderwerpen/onderwijsachterstandenbeleid/uitvoeringsprogramma-2020-2024/bijlagen"
)
TOKEN_ADDRESS = "https://docs.example.org/d/1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R9s0T1u2V3w4X5y6Z7a8B9c0D1e2F3g4H5"


def test_a_link_to_another_website_shows_its_address_on_paper(make_project) -> None:
    """On paper a link to another website was its text alone: 'zie de regeling' could not be followed. Its address
    follows it, as a reader types it, in a text and an indicator's explanation, and breaks within the page when it is
    long, also in a table's narrow column; not where the text shows it already."""
    texts = {
        **TEXTS,
        "4.1.md": (
            "# Dienstverlening\n\nZie [de regeling](https://wetten.overheid.nl/BWBR0008249/), "
            "[www.amersfoort.nl](https://www.amersfoort.nl), <https://www.amersfoort.nl/nieuws>, "
            f"[mail ons](mailto:info@amersfoort.nl?subject=Jaarverslag) en [het programma]({LONG_ADDRESS}).\n\n"
            "| Wat | Waar | Wie | Wanneer | Hoeveel |\n|---|---|---|---|---|\n"
            f"| Programma | [hier]({TOKEN_ADDRESS}) | {'De afdeling Onderwijs en Jeugd ' * 4} | In 2020 en 2021 "
            "na de zomer | Het hele budget van de regeling |\n"
        ),
    }
    indicators = [dict(INDICATORS[0], toelichting="Zie [het onderzoek](https://www.amersfoort.nl/kcc-onderzoek/).")]
    values = [value for value in VALUES if value["indicator"] == indicators[0]["id"]]
    project = make_project(texts=texts, indicators=indicators, values=values)
    built = build_project(project.root, pdf=True)
    path = built.output / pdf_name(built.project.document)
    text = "".join(pdftotext(path).split())  # an address breaks at its line's end, after a "/"
    expected = (
        "Zie de regeling (wetten.overheid.nl/BWBR0008249), www.amersfoort.nl, https://www.amersfoort.nl/nieuws, mail "
        f"ons (info@amersfoort.nl) en het programma ({LONG_ADDRESS[8:]}).",
        f"hier ({TOKEN_ADDRESS[8:]})",
        "Zie het onderzoek (www.amersfoort.nl/kcc-onderzoek).",
    )
    assert ["".join(words.split()) in text for words in expected] == [True] * 3
    assert _words_beyond_the_margins(path) == []


def test_a_heading_with_a_link_to_another_website_or_a_note_is_a_bookmark_without_them(make_project) -> None:
    """The address printed after a link in a heading (' (wetten.overheid.nl/BWBR0008249)') stood in its bookmark
    too, and a note's mark as a figure ('Kosten1'): the bookmark is the heading's text as the author wrote it; on the
    page the address follows the link and the mark leads to its note."""
    text = (
        "# Dienstverlening\n\n## Zie [de regeling](https://wetten.overheid.nl/BWBR0008249/) & meer\n\nTekst.\n\n"
        "## Kosten[^1]\n\nMeer tekst.\n\n[^1]: Bron.\n"
    )
    built = build_project(make_project(texts={**TEXTS, "4.1.md": text}).root, pdf=True)
    path = built.output / pdf_name(built.project.document)
    with pikepdf.open(path) as document, document.open_outline() as outline:
        (chapter,) = [item for item in outline.root if item.title == "4. Bestuur en dienstverlening"]
        bookmarks = [item.title for item in chapter.children[0].children]
    assert bookmarks[:2] == ["Zie de regeling & meer", "Kosten"]
    assert "Zie de regeling (wetten.overheid.nl/BWBR0008249) & meer" in flat(pdftotext(path))


def test_pdf_language_is_the_documents(pdf: pikepdf.Pdf) -> None:
    assert str(pdf.Root.Lang) == "nl"


def test_a_passage_in_another_language_has_its_language_in_the_pdf(make_project) -> None:
    """The site's <span lang="en"> was a Span without /Lang: a screen reader read the English with Dutch sounds."""
    project = make_project(texts={**TEXTS, "4.1.md": "# Dienstverlening\n\nHet [annual report]{lang=en} is uit.\n"})
    built = build_project(project.root, pdf=True)
    with pikepdf.open(built.output / pdf_name(built.project.document)) as document:
        languages = {}
        for element in document.objects:
            structure = isinstance(element, pikepdf.Dictionary) and element.get("/Type") == pikepdf.Name.StructElem
            if structure and "/Lang" in element:
                languages[str(element.S)] = str(element.Lang)
        assert str(document.Root.Lang) == "nl"
    assert languages == {"/Span": "en"}


def test_the_dutch_exports_texts_have_their_language_in_an_english_pdf(make_project) -> None:
    """`export.taal: nl` on an English document: the PDF's tags say the export's titles, sources, explanations,
    reasons and figures in words are Dutch, as the site's lang does, and its own heading above a Dutch explanation's
    notes English."""
    project = make_project(config={"taal": "en", "export": {"taal": "nl"}})
    project.indicators[0]["toelichting"] = "Gemeten in juni.^[Klant in Focus.]"
    project.values[0].update(waarde="geen cijfer", reden="niet gemeten")
    project.values[3]["tekst"] = "ruim 80"
    project.write()
    built = build_project(project.root, pdf=True)
    with pikepdf.open(built.output / pdf_name(built.project.document)) as document:
        languages: dict[tuple[str, str], int] = {}
        for element in document.objects:
            structure = isinstance(element, pikepdf.Dictionary) and element.get("/Type") == pikepdf.Name.StructElem
            if structure and "/Lang" in element:
                key = (str(element.S), str(element.Lang))
                languages[key] = languages.get(key, 0) + 1
        assert str(document.Root.Lang) == "en"
    assert languages[("/H3", "nl")] == 2  # the two indicators' titles
    assert languages[("/TD", "nl")] == 1  # 'ruim 80'
    assert languages[("/Span", "nl")] == 1  # the reason in the table's note
    assert languages[("/LBody", "nl")] == 3  # two sources and an explanation (WeasyPrint tags a <dd> as a list item)
    assert languages[("/H4", "en")] == 1  # 'Footnotes' above the explanation's note
    assert {language for _, language in languages} == {"nl", "en"}


def test_pdf_has_a_title_in_its_metadata(pdf: pikepdf.Pdf) -> None:
    assert str(pdf.docinfo["/Title"]) == "Jaarverslag 2020 – Gemeente Amersfoort"
    with pdf.open_metadata() as xmp:
        assert xmp["dc:title"] == "Jaarverslag 2020 – Gemeente Amersfoort"
    # PDF/UA: a viewer shows the title, not the file name
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True


def test_pdf_has_bookmarks_for_chapter_and_section(pdf: pikepdf.Pdf) -> None:
    with pdf.open_outline() as outline:
        titles = {item.title: item for item in outline.root}
        assert "4. Bestuur en dienstverlening" in titles
        chapter = titles["4. Bestuur en dienstverlening"]
        sections = [child.title for child in chapter.children]
        assert sections == ["4.1 Bestuur en dienstverlening"]
        indicators = [child.title for child in chapter.children[0].children]
        assert indicators == list(TITLES)


# Text


def test_cover_has_the_title_and_organisation(pages: list[str]) -> None:
    cover = [line.strip() for line in pages[0].splitlines() if line.strip()]
    assert cover[:2] == ["Gemeente Amersfoort", "Jaarverslag 2020"]
    assert "0 van de 2 streefcijfers gehaald (1 niet gehaald, 1 niet te beoordelen)" in cover


def _drawn_as_artifacts(pdf: pikepdf.Pdf, page: pikepdf.Page) -> list[pikepdf.Object]:
    """The images and forms a page draws in artifacts, and those the forms draw in turn."""
    drawn, stack = [], []
    for operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) in ("BMC", "BDC"):
            stack.append(str(operands[0]))
        elif str(operator) == "EMC":
            stack.pop()
        elif str(operator) == "Do" and "/Artifact" in stack:
            drawn.append(page.Resources.XObject[operands[0]])
    for xobject in drawn:
        if xobject.Subtype == "/Form":
            drawn += list(xobject.get("/Resources", {}).get("/XObject", {}).values())
    return drawn


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_the_cover_has_the_logo_as_decoration_beside_the_organisations_name(make_project, suffix: str) -> None:
    """The printed document lacked the organisation's logo (`thema.logo`), which the site has in its header. On the
    cover, as there, it is decoration beside the name: an artifact, not a figure without a description."""
    buffer = io.BytesIO()
    Image.new("RGB", (600, 700), "red").save(buffer, "PNG")
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="120" height="40" fill="red"/>'
    svg += b"</svg>"
    project = make_project(
        config={"thema": {"logo": f"wapen.{suffix}"}},
        extra_files={f"wapen.{suffix}": buffer.getvalue() if suffix == "png" else svg},
    )
    built = build_project(project.root, pdf=True)
    path = built.output / pdf_name(built.project.document)
    with pikepdf.open(path) as document:
        assert structure_problems(document) == []
        drawn = _drawn_as_artifacts(document, document.pages[0])
        if suffix == "png":
            assert [(int(x.Width), int(x.Height)) for x in drawn if x.Subtype == "/Image"] == [(600, 700)]
        else:
            assert any(b"1 0 0 rg" in x.read_bytes() for x in drawn if x.Subtype == "/Form")  # the SVG's red
        cover = document.pages[0].obj.objgen
        assert not [element for element in document.objects if _is_element(element, "/Figure", cover)]
    assert [line.strip() for line in pdftotext(path).splitlines() if line.strip()][:2] == [
        "Gemeente Amersfoort",
        "Jaarverslag 2020",
    ]


def _is_element(element: pikepdf.Object, tag: str, page: tuple[int, int]) -> bool:
    """Whether `element` is an element of the structure tree with `tag`, on the page of that object number."""
    return (
        isinstance(element, pikepdf.Dictionary)
        and element.get("/Type") == pikepdf.Name.StructElem
        and element.get("/S") == tag
        and element.Pg.objgen == page
    )


def test_table_of_contents_has_page_numbers(pages: list[str]) -> None:
    toc = pages[1]
    assert "Inhoudsopgave" in toc
    assert re.search(r"^\s*4\. Bestuur en dienstverlening\s+3\s*$", toc, re.MULTILINE), toc
    assert re.search(r"^\s*4\.1 Bestuur en dienstverlening\s+3\s*$", toc, re.MULTILINE), toc
    assert "....." not in toc  # leader dots were some hundred full stops, each read out by a screen reader


def test_running_header_and_page_numbers(pages: list[str]) -> None:
    printed = [page for page in pages if page.strip()]
    assert len(printed) >= 3
    assert not re.search(r"pagina \d+ van", printed[0])  # no page number on the cover
    for number, page in enumerate(printed[1:], start=2):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[0].startswith("Jaarverslag 2020"), number
        assert lines[-1] == f"pagina {number} van {len(printed)}", number


def test_an_english_pdf_numbers_its_pages_as_english_does(make_project) -> None:
    """A line of its own at the foot of a page starts with a capital in English: it was 'page 2 of 3', as the Dutch
    'pagina 2 van 3'."""
    project = make_project(config={"taal": "en"})
    built = build_project(project.root, pdf=True)
    printed = [page for page in pdftotext(built.output / pdf_name(built.project.document)).split("\f") if page.strip()]
    assert len(printed) >= 3
    for number, page in enumerate(printed[1:], start=2):
        assert page.split()[-4:] == ["Page", str(number), "of", str(len(printed))], number


def test_a_printed_pdf_names_where_the_document_and_each_of_its_pages_is_online(make_project) -> None:
    """With `website.adres`, the cover names the site and each chapter and section its page, as a link: a council
    member reading on paper found no way to the site, its charts and its open data. Without, none is named."""
    for language, said in (("nl", "Op de website:"), ("en", "On the website:")):
        project = make_project(config={"taal": language, "website": {"adres": "https://www.amersfoort.nl/pc"}})
        built = build_project(project.root, pdf=True)
        path = built.output / pdf_name(built.project.document)
        (chapter_page,) = [page for page in built.output.glob("*/index.html") if page.parent.name.startswith("4-")]
        (section_page,) = chapter_page.parent.glob("*/index.html")
        site = "https://www.amersfoort.nl/pc/"
        chapter = f"{site}{chapter_page.parent.name}/"
        section = f"{chapter}{section_page.parent.name}/"
        lines = [line.strip() for line in pdftotext(path).splitlines()]
        named = [line.removeprefix(f"{said} ") for line in lines if line.startswith(said)]
        assert named == [site, chapter, section]
        assert lines[lines.index(f"{said} {section}") - 1] == "4.1 Dienstverlening"  # under its heading
        with pikepdf.open(path) as document:
            assert structure_problems(document) == []
            links = {
                str(annotation.A.URI): str(annotation.Contents)
                for page in document.pages
                for annotation in page.obj.get("/Annots", ())
                if "/URI" in annotation.get("/A", {})
            }
        assert links == {site: site, chapter: chapter, section: section}
    built = build_project(make_project().root, pdf=True)
    assert "Op de website" not in pdftotext(built.output / pdf_name(built.project.document))


def test_every_indicator_is_in_the_pdf_with_its_figures(pages: list[str]) -> None:
    text = flat(" ".join(pages))
    for title in TITLES:
        assert title in text, title
    # table rows, as printed: balie 92 92 93 93 and "geen cijfer", website 54 56 52 52 54 and target 60
    assert re.search(r"\b92 92 93 93 geen cijfer\b", text)
    assert re.search(r"\b78 79 85 83 78\b", text)
    assert re.search(r"\b54 56 52 52 54 60\b", text)
    assert "Geen cijfer voor 2020: de beoordelingszuil in het stadhuis is sinds de coronacrisis uitgeschakeld" in text


def test_a_hidden_caption_is_not_laid_out_a_word_per_line(pdf_path: Path) -> None:
    """In a box of 1 pixel the caption stood a word per line, and copying or searching the text found it there."""
    lines = [line.strip() for line in pdftotext(pdf_path).splitlines()]
    assert "bezoekers" not in lines and "Burgerzaken" not in lines


# Its own process


def test_the_pdf_is_made_in_a_process_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def in_this_process(*args: object) -> None:
        raise AssertionError("the PDF was made in the build's own process")

    # Only this process's copy fails: a PDF made all the same was made by another process.
    monkeypatch.setattr(pdf_module, "write_pdf", in_this_process)
    result = build_project(EXAMPLE, tmp_path / "site", pdf=True)

    (made,) = result.pdfs
    assert made.path == result.output.resolve() / PDF_NAME
    assert made.path.read_bytes().startswith(b"%PDF-")
    assert made.seconds > 0 and result.site_seconds > 0
    assert not list(tmp_path.glob(".verantwoord-*")), "no temporary file is left beside the site"


def _start(tmp_path: Path) -> PdfJob:
    site = document_sites(load_project(EXAMPLE), pdf=True)[0]
    return start_pdf(site.document, site.options, build_time(), tmp_path / "site" / PDF_NAME, tmp_path)


def test_a_cancelled_pdf_leaves_nothing_behind(tmp_path: Path) -> None:
    job = _start(tmp_path)
    job.cancel()
    assert not job._process.is_alive()
    assert list(tmp_path.iterdir()) == []


def test_a_pdf_interrupted_before_its_process_starts_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGTERM (or Ctrl-C) right after the PDF's folder is made, while its pipe and process are being set up."""
    site = document_sites(load_project(EXAMPLE), pdf=True)[0]

    class Interrupting:
        def Pipe(self, duplex: bool) -> None:
            raise KeyboardInterrupt

    monkeypatch.setattr(pdf_module.multiprocessing, "get_context", lambda kind: Interrupting())
    with pytest.raises(KeyboardInterrupt):
        start_pdf(site.document, site.options, build_time(), tmp_path / "site" / PDF_NAME, tmp_path)
    assert list(tmp_path.iterdir()) == []
    assert not pdf_module._unfinished


def test_an_interrupted_wait_stops_the_pdf_and_leaves_nothing_behind(tmp_path: Path) -> None:
    job = _start(tmp_path)

    class Interrupted:
        def recv(self) -> None:
            raise KeyboardInterrupt

        def close(self) -> None:
            pass

    job._answer = Interrupted()  # type: ignore[assignment]
    with pytest.raises(KeyboardInterrupt):
        job.wait()
    job._process.join(timeout=10)
    assert not job._process.is_alive()
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_build_stops_every_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Several documents: Ctrl-C while the first PDF is waited for stops the others too, or the exit waits."""
    cancelled, cancel = [], PdfJob.cancel

    def interrupted(job: PdfJob, progress: object = None) -> PdfResult:
        raise KeyboardInterrupt

    def cancel_and_note(job: PdfJob) -> None:
        cancel(job)
        cancelled.append(job)

    monkeypatch.setattr(PdfJob, "wait", interrupted)
    monkeypatch.setattr(PdfJob, "cancel", cancel_and_note)
    with pytest.raises(KeyboardInterrupt):
        build_project(EXAMPLE.parent / "begroting-en-jaarverslag", tmp_path / "site", pdf=True)
    assert len(cancelled) == 2
    assert not any(job._process.is_alive() for job in cancelled)
    assert [path.name for path in tmp_path.iterdir()] == ["site"]


def test_a_build_stopped_while_its_pdf_is_made_leaves_no_link_to_a_pdf_that_is_not_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site is swapped in before the PDF is ready; a build stopped then (a pipeline cancelled, SIGTERM) left every
    page linking to a PDF that never came, and the previous site's PDF went with it. A PDF already in place keeps its
    links."""
    wait, waited = PdfJob.wait, []

    def stopped_at_the_second(job: PdfJob, progress: object = None) -> PdfResult:
        waited.append(job)
        if len(waited) == 2:
            raise SystemExit(128 + signal.SIGTERM)
        return wait(job, progress)

    monkeypatch.setattr(PdfJob, "wait", stopped_at_the_second)
    with pytest.raises(SystemExit):
        build_project(EXAMPLE.parent / "begroting-en-jaarverslag", tmp_path / "site", pdf=True)
    site = tmp_path / "site"
    made = [pdf.relative_to(site).parent.as_posix() for pdf in site.rglob("*.pdf")]
    assert len(made) == 1
    linked = {
        page.relative_to(site).as_posix()
        for page in site.rglob("*.html")
        if re.search(r'href="[^"]*\.pdf"', page.read_text(encoding="utf-8"))
    }
    assert linked and all(page.startswith(f"{made[0]}/") or page == "index.html" for page in linked), linked
    portal = (site / "index.html").read_text(encoding="utf-8")
    assert portal.count('.pdf"') == 1
    assert [path.name for path in tmp_path.iterdir()] == ["site"]


WORKER_ORPHAN = """
import os, sys
from concurrent.futures import ProcessPoolExecutor
import multiprocessing
from pathlib import Path
from verantwoord.build.format import build_time
from verantwoord.build.pdf import _start_worker
from verantwoord.project import load_project
from verantwoord.publish import document_sites

if __name__ == "__main__":
    site = document_sites(load_project(Path(sys.argv[1])), pdf=True)[0]
    pool = ProcessPoolExecutor(
        1, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker,
        initargs=(site.document, site.options, build_time()),
    )
    Path(sys.argv[2]).write_text(str(pool.submit(os.getpid).result()))
    os._exit(0)  # as if killed: no shutdown of the pool
"""


def test_workers_end_when_the_pdf_process_is_gone(tmp_path: Path) -> None:
    script = tmp_path / "orphan.py"
    script.write_text(WORKER_ORPHAN, encoding="utf-8")
    subprocess.run([sys.executable, str(script), str(EXAMPLE), str(tmp_path / "pid")], check=True, timeout=120)
    worker = int((tmp_path / "pid").read_text())
    deadline = time.monotonic() + 20
    while Path(f"/proc/{worker}").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    if Path(f"/proc/{worker}").exists():
        os.kill(worker, signal.SIGKILL)
        pytest.fail("the worker outlived the process that started it")


def test_the_site_is_in_place_before_the_pdf_is_waited_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = {}
    wait = PdfJob.wait

    def look_then_wait(job: PdfJob, progress: object = None) -> PdfResult:
        seen["site"] = (job.target.parent / "index.html").is_file()
        seen["pdf"] = job.target.exists()
        return wait(job, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(PdfJob, "wait", look_then_wait)
    result = build_project(EXAMPLE, tmp_path / "site", pdf=True)
    assert seen == {"site": True, "pdf": False}
    assert [made.path.is_file() for made in result.pdfs] == [True]


def test_links_within_the_site_are_text_in_the_pdf_not_paths_on_the_building_machine(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    text = project / "tekst" / "4.1.md"
    text.write_text(
        text.read_text(encoding="utf-8") + "\nZie [de open data](../../open-data/indicatoren.csv) en "
        "[de gemeente](https://www.amersfoort.nl) en [elders](//example.org/pad).\n",
        encoding="utf-8",
    )
    built = build_project(project, tmp_path / "site", pdf=True)
    with pikepdf.open(built.output / pdf_name(built.project.document)) as document:
        uris = [
            str(annotation.A.URI)
            for page in document.pages
            for annotation in page.get("/Annots", [])
            if "/A" in annotation and "/URI" in annotation.A
        ]
    assert "https://www.amersfoort.nl" in uris
    assert "https://example.org/pad" in uris  # a link without a scheme was file://example.org/pad
    assert not [uri for uri in uris if uri.startswith("file:")]
    text = flat(pdftotext(built.output / pdf_name(built.project.document)))
    assert "Zie de open data en de gemeente (www.amersfoort.nl) en elders (example.org/pad)." in text


def test_a_footnote_leads_to_its_note_within_the_pdf_without_a_way_back_or_a_bookmark(tmp_path: Path) -> None:
    """The notes stand under the text, as on the site; the reference is a link to its note, as a table's note is. The
    way back (↩) is left out on paper, and the hidden heading "Voetnoten" is no bookmark of every text."""
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    for name in ("4.md", "4.1.md"):
        text = project / "tekst" / name
        text.write_text(
            text.read_text(encoding="utf-8") + f"\nDe balie[^1] in {name}.\n\n[^1]: Bron bij {name}.\n",
            encoding="utf-8",
        )
    built = build_project(project, tmp_path / "site", pdf=True)
    path = built.output / pdf_name(built.project.document)
    with pikepdf.open(path) as document:
        assert structure_problems(document) == []  # every link is tagged, and leads to a place in the PDF
        targets = [
            str(annotation.Dest)
            for page in document.pages
            for annotation in page.get("/Annots", [])
            if "/Dest" in annotation
        ]
        assert {"h-4-bestuur-en-dienstverlening:voetnoot-1", "p-4-1-bestuur-en-dienstverlening:voetnoot-1"} <= set(
            targets
        )
        assert not [target for target in targets if "verwijzing" in target]
        with document.open_outline() as outline:
            bookmarks, items = [], list(outline.root)
            while items:
                item = items.pop()
                bookmarks.append(item.title)
                items += item.children
        assert "Voetnoten" not in bookmarks and "4.1 Bestuur en dienstverlening" in bookmarks
    text = flat(pdftotext(path))
    assert "1. Bron bij 4.md." in text and "1. Bron bij 4.1.md." in text
    assert "↩" not in text


def test_an_image_in_a_text_is_in_the_pdf_described_and_within_the_page(make_project) -> None:
    """The figure has its alt text (PDF/UA), a caption under it, and a map wider than the page is narrowed to it. A
    decorative image is left out: WeasyPrint would tag it as a figure without a description."""
    buffer = io.BytesIO()
    Image.new("RGB", (3000, 600), "red").save(buffer, "PNG")
    text = (
        '# Dienstverlening\n\n![Kaart van de wijken](afbeeldingen/kaart.png "De wijken in 2020")\n\n'
        "![-](afbeeldingen/lijn.png)\n"
    )
    line = io.BytesIO()
    Image.new("RGB", (300, 2), "blue").save(line, "PNG")
    project = make_project(
        texts={**TEXTS, "4.1.md": text},
        extra_files={"tekst/afbeeldingen/kaart.png": buffer.getvalue(), "tekst/afbeeldingen/lijn.png": line.getvalue()},
    )
    built = build_project(project.root, pdf=True)
    path = built.output / pdf_name(built.project.document)
    with pikepdf.open(path) as document:
        assert structure_problems(document) == []
        drawn = {
            (int(image.Width), int(image.Height))
            for page in document.pages
            for image in page.Resources.get("/XObject", {}).values()
            if image.get("/Subtype") == "/Image"
        }
        assert drawn == {(3000, 600)}
        figures = [
            element
            for element in document.objects
            if isinstance(element, pikepdf.Dictionary)
            and element.get("/Type") == pikepdf.Name.StructElem
            and element.get("/Alt") == "Kaart van de wijken"
        ]
        (figure,) = figures
        left, _, right, _ = (float(edge) for edge in figure.A.BBox)  # WeasyPrint's layout: CSS pixels
        assert 0 < left < right <= float(document.pages[0].MediaBox[2]) * 96 / 72  # 3000 pixels were 3 pages wide
    assert "De wijken in 2020" in flat(pdftotext(path))


def test_a_long_word_goes_on_the_next_line_not_off_the_page(make_project) -> None:
    """The site breaks a word too long for its line; the PDF ran it off the page: a title such as
    "Meerjarenprogrammabegroting" in 30 pt on the cover, an address or a long compound word in a heading, a text, a
    source or an explanation, and a chapter's title in the running header."""
    word = "Onderwijsachterstandenbeleidsmaatregelenuitvoeringsprogramma" * 2
    indicators = [dict(INDICATORS[0], bron=f"Eigen registratie {word}", toelichting=f"Zie {word}.")]
    project = make_project(
        config={"document": {"titel": "Meerjarenprogrammabegroting 2025–2028"}},
        indicators=indicators,
        values=[value for value in VALUES if value["indicator"] == indicators[0]["id"]],
        texts={"4.md": f"# Bestuur {word}\n\nDe inleiding.\n", "4.1.md": f"# Dienstverlening\n\nDe {word} is af.\n"},
    )
    built = build_project(project.root, pdf=True)
    path = built.output / pdf_name(built.project.document)
    assert len(pdftotext(path, "-bbox").split("<page ")[1:]) >= 3
    assert _words_beyond_the_margins(path) == []
    assert "Onderwijsachterstandenbeleids" in flat(pdftotext(path))


def test_a_budget_table_in_a_text_stays_within_the_page(make_project) -> None:
    """A table of nine columns in a text ran 48 points into the right margin at the usual 8.5 pt (one column more and
    it was cut off): it is set smaller, as an indicator's table too wide for the page is, its amounts to the right."""
    header = "| Bedragen x € 1.000 | " + " | ".join(f"Begroting {year}" for year in range(2021, 2029)) + " |\n"
    rows = "".join(f"| {row} | " + " | ".join(["-12.345.678"] * 8) + " |\n" for row in ("Lasten", "Baten", "Saldo"))
    texts = dict(
        TEXTS, **{"4.md": "# Bestuur\n\nWat heeft het gekost?\n\n" + header + "|:--|" + "--:|" * 8 + "\n" + rows}
    )
    project = make_project(texts=texts)
    built = build_project(project.root, pdf=True)
    path = built.output / pdf_name(built.project.document)
    assert _words_beyond_the_margins(path) == []
    assert flat(pdftotext(path)).count("-12.345.678") == 24


def _budget_table(years: range, rows: tuple[str, ...]) -> str:
    """A budget table in Markdown, its amounts aligned right: an amount per year and row, each of its own."""
    header = "| Bedragen x € 1.000 | " + " | ".join(f"Begroting {year}" for year in years) + " |\n"
    lines = "".join(
        f"| {row} | " + " | ".join(f"-{number}.345.{year % 1000:03d}" for year in years) + " |\n"
        for number, row in enumerate(rows, start=10)
    )
    return header + "|:--|" + "--:|" * len(years) + "\n" + lines


def _words(path: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page from 1, left, top, right, bottom, word) of each word of the PDF at `path`, in points."""
    pages = pdftotext(path, "-bbox").split("<page ")[1:]
    words = r'<word xMin="(-?[\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
    return [
        (number, float(left), float(top), float(right), float(bottom), html.unescape(word))
        for number, text in enumerate(pages, start=1)
        for left, top, right, bottom, word in re.findall(words, text)
    ]


@pytest.mark.parametrize("years", [range(2021, 2033), range(2001, 2031)])
def test_a_table_in_a_text_too_wide_for_the_page_upright_is_on_a_turned_page_in_7_pt(make_project, years) -> None:
    """A text's table too wide for the page even in 7 pt was set in 6 pt, hard to read on paper, and a wider one ran
    off the page's edge. It stands on a page of its own turned a quarter, in 7 pt, with its running header and page
    number; a table too wide for that too breaks its words and figures. The text after it goes on upright; the
    paragraph that opens it, and the heading above that, go with it (they stood alone on the upright page before)."""
    rows = ("Lasten", "Baten van de Onderwijsachterstandenbeleidsmaatregelen", "Saldo")
    text = f"# Bestuur\n\nWat heeft het gekost?\n\n{_budget_table(years, rows)}\nNa de tabel gaat de tekst verder.\n"
    project = make_project(texts=dict(TEXTS, **{"4.md": text}))
    built = build_project(project.root, pdf=True)
    path = built.output / pdf_name(built.project.document)
    with pikepdf.open(path) as pdf:
        turned = [n for n, page in enumerate(pdf.pages, start=1) if page.mediabox[2] > page.mediabox[3]]
        assert structure_problems(pdf) == []
    assert len(turned) == 1
    assert _words_beyond_the_margins(path) == []
    words = _words(path)
    table = [word for word in words if word[0] == turned[0] and 62 < word[2] < 595.28 - 56]  # within its margins
    opening, table = table[:6], table[6:]
    assert [word for *_, word in opening] == ["4.", "Bestuur", "Wat", "heeft", "het", "gekost?"]
    assert all(bottom - top > 8 for _, _, top, _, bottom, _ in table)  # 7 pt is 8.1 points high, 6 pt 7.0
    cells = ["Bedragen", "x", "€", "1.000", *rows, *(f"Begroting {year}" for year in years)]
    cells += [f"-{number}.345.{year % 1000:03d}" for number in range(10, 13) for year in years]
    assert sorted("".join(word for *_, word in table)) == sorted("".join("".join(cells).split()))
    margins = [word for word in words if word[0] == turned[0] and word not in table + opening]
    assert (
        " ".join(word for *_, word in margins) == f"Jaarverslag 2020 4. Bestuur pagina {turned[0]} van {len(pdf.pages)}"
    )
    (after,) = [page for page, *_, word in words if word == "verder."]
    assert after == turned[0] + 1 and flat(pdftotext(path)).count("Wat heeft het gekost?") == 1


def test_the_heading_and_paragraph_that_open_a_turned_table_go_with_it_in_the_upright_width(make_project) -> None:
    """A section's heading, its 'Op de website' line and the paragraph that opened a table on a turned page stood
    alone on the upright page before it, as did a heading and paragraph within a text. They go with the table, in
    lines as wide as on an upright page; a paragraph further up stays upright."""
    table = _budget_table(range(2021, 2033), ("Lasten", "Baten"))
    intro = "Ook na 2032 gaan de lasten door, en deze alinea is langer dan een regel van een staande pagina breed is."
    text = (
        f"# Dienstverlening\n\nDe lasten per jaar.\n\n{table}\nDaarna.\n\n## Wat heeft het gekost?\n\n{intro}\n\n"
        f"{table}\nNa de tabel.\n"
    )
    project = make_project(texts={**TEXTS, "4.1.md": text}, config={"website": {"adres": "https://www.amersfoort.nl/"}})
    built = build_project(project.root, pdf=True)
    path = built.output / pdf_name(built.project.document)
    with pikepdf.open(path) as pdf:
        turned = [n for n, page in enumerate(pdf.pages, start=1) if page.mediabox[2] > page.mediabox[3]]
        assert structure_problems(pdf) == []
    assert len(turned) == 2
    assert _words_beyond_the_margins(path) == []
    words = [word for word in _words(path) if 62 < word[2] < 595.28 - 56]  # within the margins: no running header
    first, second = ([word for word in words if word[0] == page] for page in turned)
    assert " ".join(word for *_, word in first[:10]) == (
        "4.1 Dienstverlening Op de website: https://www.amersfoort.nl/4-bestuur-en-dienstverlening/"
        "4-1-dienstverlening/ De lasten per jaar."
    )
    opening = " ".join(word for *_, word in second[: 4 + len(intro.split())])
    assert opening == f"Wat heeft het gekost? {intro}"
    assert max(right for *_, right, _, _ in second[4 : 4 + len(intro.split())]) < (18 + 174) * 72 / 25.4
    assert [page for page, *_, word in words if word == "Daarna."] == [turned[1] - 1]


def test_a_heading_and_the_paragraphs_under_it_go_with_the_turned_table_they_open(make_project) -> None:
    """Of a heading and the paragraphs that open a turned table, only the last paragraph went with it: the heading
    and the others stood at the foot of the upright page. They go along unless they are longer than a quarter of the
    turned page: then they stay upright, the heading with them, and the paragraph right above the table goes."""
    table = _budget_table(range(2021, 2033), ("Lasten", "Baten"))
    long = "De lasten van de dienstverlening zijn in de afgelopen jaren gestegen door meer aanvragen. " * 13
    text = (
        "# Dienstverlening\n\nDe inleiding.\n\n## Wat heeft het gekost?\n\nDe lasten stegen.\n\n"
        f"- meer aanvragen\n- hogere lonen\n\nIn bedragen:\n\n{table}\nNa de tabel.\n\n"
        f"## Wat heeft het opgeleverd?\n\n{long}\n\nOok in bedragen:\n\n{table}\nNa de tweede tabel.\n"
    )
    project = make_project(texts={**TEXTS, "4.1.md": text})
    built = build_project(project.root, pdf=True)
    path = built.output / pdf_name(built.project.document)
    with pikepdf.open(path) as pdf:
        turned = [n for n, page in enumerate(pdf.pages, start=1) if page.mediabox[2] > page.mediabox[3]]
        assert structure_problems(pdf) == []
    assert len(turned) == 2
    assert _words_beyond_the_margins(path) == []
    words = [word for word in _words(path) if 62 < word[2] < 595.28 - 56]  # within the margins: no running header
    first, second = ([word for page, *_, word in words if page == number] for number in turned)
    opening = "Wat heeft het gekost? De lasten stegen. • meer aanvragen • hogere lonen In bedragen: Bedragen"
    assert " ".join(first[: len(opening.split())]) == opening
    assert " ".join(second[:4]) == "Ook in bedragen: Bedragen"
    upright = [page for page, *_, word in words if word in ("inleiding.", "opgeleverd?", "aanvragen.")]
    assert upright == [turned[0] - 1, turned[1] - 1, *[turned[1] - 1] * 13]


@pytest.mark.parametrize(
    "opening", ["Kosten:\n\n", "", "### Kosten\n\nDe lasten en baten:\n\n", "Eerste.\n\nTweede alinea.\n\nKosten:\n\n"]
)
def test_a_table_in_an_indicators_explanation_too_wide_for_the_page_upright_is_on_a_turned_page(
    make_project, opening: str
) -> None:
    """Only a text's own tables were turned: one in an indicator's explanation got the class of a turned page and
    stayed upright, in 7 pt, running off the page's edge ('-10.345.0' of '-10.345.021'). The label 'Toelichting:'
    and the paragraphs that open the table go with it: they stood at the foot of the upright page before, and of a
    heading and paragraphs only the last paragraph went ('Toelichting:' and 'Kosten' alone at the page's foot)."""
    table = _budget_table(range(2021, 2033), ("Lasten", "Baten"))
    indicators = [dict(INDICATORS[0], toelichting=f"{opening}{table}\nNa de tabel.")]
    project = make_project(indicators=indicators, values=[v for v in VALUES if v["indicator"] == indicators[0]["id"]])
    built = build_project(project.root, pdf=True)
    path = built.output / pdf_name(built.project.document)
    with pikepdf.open(path) as pdf:
        turned = [n for n, page in enumerate(pdf.pages, start=1) if page.mediabox[2] > page.mediabox[3]]
        assert structure_problems(pdf) == []
    assert len(turned) == 1
    assert _words_beyond_the_margins(path) == []
    words = [word for word in _words(path) if 62 < word[2] < 595.28 - 56]  # within the margins: no running header
    figures = [word for page, *_, word in words if page == turned[0] and word.startswith("-1")]
    assert figures == [f"-{number}.345.{year % 1000:03d}" for number in (10, 11) for year in range(2021, 2033)]
    opening_words = opening.replace("#", "").split()
    first = [word for page, *_, word in words if page == turned[0]][: 2 + len(opening_words)]
    assert first == ["Toelichting:", *opening_words, "Bedragen"]
    assert [page for page, *_, word in words if word in ("Bron:", "Toelichting:", "tabel.")] == [
        turned[0] - 1,
        turned[0],
        turned[0] + 1,
    ]


def test_a_table_of_twenty_years_and_four_targets_is_on_paper_with_every_figure(tmp_path: Path) -> None:
    """Twenty realised years (the most tabel.realisatie allows) and four targets ran off the page's right edge even in
    6 pt: the last targets were cut off, without a word. The table is split into tables of fewer years, each cell
    tagged with the headers of its own table."""
    from verantwoord.build.pdftables import _cells, _elements

    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    config = project / "verantwoord.yaml"
    config.write_text(
        config.read_text(encoding="utf-8")
        .replace("realisatie: 2016-2020", "realisatie: 2001-2020")
        .replace("streefwaarde: 2020", "streefwaarde: [2020, 2021, 2022, 2024]"),
        encoding="utf-8",
    )
    built = build_project(project, tmp_path / "site", pdf=True)
    path = built.output / pdf_name(built.project.document)
    assert _words_beyond_the_margins(path) == []
    text = flat(pdftotext(path))
    assert text.count("2024") == len(TITLES)  # a header per indicator; the charts end in 2020
    assert all(text.count(str(year)) >= len(TITLES) for year in range(2001, 2023))
    page = built.output / "4-bestuur-en-dienstverlening" / "4-1-bestuur-en-dienstverlening" / "index.html"
    site = page.read_text(encoding="utf-8")
    for words in ("geen streefcijfer", "geen cijfer"):
        assert text.count(words) == flat(re.sub(r"<[^>]+>", " ", site)).count(words)
    with pikepdf.open(path) as pdf:
        assert structure_problems(pdf) == []
        tables = _elements(pdf.Root.StructTreeRoot, pikepdf.Name.Table)
        assert len(tables) >= 2 * len(TITLES)
        for table in tables:
            cells = _cells(table)
            own = {str(cell.ID) for cell in cells if cell.S == pikepdf.Name.TH}
            assert all("/Scope" in cell.A for cell in cells if cell.S == pikepdf.Name.TH)
            for cell in cells:
                if cell.S == pikepdf.Name.TD:
                    assert {str(name) for name in cell.A.Headers} <= own and len(cell.A.Headers) == 2


def test_a_long_explanation_goes_on_on_the_next_page_and_a_short_indicator_stays_whole(make_project) -> None:
    """Each indicator was kept whole on a page: one with an explanation of half a page went to the next page whole,
    and left the page before it half blank; twelve such indicators took sixteen pages. Now a long explanation goes on
    on the next page; the heading, the table, the chart and the source stay together, and an indicator with a short
    explanation stays whole."""
    sentence = (
        "De gemeente meet dit cijfer elk jaar met een enquête onder inwoners die in het afgelopen jaar contact hadden "
        "met de gemeente, en vergelijkt de uitkomst met die van vergelijkbare gemeenten en met de streefwaarde. "
    )
    indicators, values = [], []
    for number in range(1, 7):
        long = number % 2
        explanation = f"{sentence * 5}\n\n{sentence * 5}Einde {number}." if long else f"Korte toelichting {number}."
        indicators.append(
            dict(
                INDICATORS[0],
                id=f"i{number}",
                titel=f"Indicator {number}",
                bron=f"Bron {number}",
                toelichting=explanation,
            )
        )
        values += [
            {"indicator": f"i{number}", "periode": str(year), "soort": "realisatie", "waarde": str(80 + year % 10)}
            for year in range(2016, 2021)
        ]
    texts = dict(TEXTS, **{"4.1.md": f"# Dienstverlening\n\n{sentence * 3}\n\n{sentence * 3}\n"})
    project = make_project(
        indicators=indicators, values=values, texts=texts, config={"tabel": {"realisatie": "2016-2020"}}
    )
    built = build_project(project.root, pdf=True)
    pages = pdftotext(built.output / pdf_name(built.project.document), "-layout").split("\f")

    def page(text: str) -> int:
        (found,) = [number for number, content in enumerate(pages) if re.search(rf"^\s*{text}\s*$", content, re.M)]
        return found

    assert page("Indicator 1") == page("4.1 Dienstverlening")  # not on the next page, under a blank half
    assert page(r".*Einde 1\.") == page("Indicator 1") + 1
    for number in range(1, 7):
        assert page(f"Indicator {number}") == page(f"Bron {number}")  # with its table and chart between them
        if number % 2 == 0:
            assert page(f"Indicator {number}") == page(f"Korte toelichting {number}.")


def test_a_sections_heading_and_opening_text_go_on_with_its_first_indicator(tmp_path: Path) -> None:
    """A chapter's text that ended low on its page left the next section's heading and its opening text of two lines
    at the foot of that page, and the indicators they open on the next. They go to the next page with the first
    indicator; the chapter's heading stands at the top of its page."""
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    sentence = (
        "De gemeente meet dit cijfer elk jaar met een enquête onder inwoners die contact hadden met de gemeente. "
    )
    paragraphs = "".join(f"Alinea {number}. {sentence * 2}\n\n" for number in range(24))
    (project / "tekst" / "4.md").write_text(f"# Bestuur en dienstverlening\n\n{paragraphs}Einde.\n", encoding="utf-8")
    opening = "De tabellen hieronder laten zien hoe tevreden inwoners zijn over de dienstverlening in 2020."
    (project / "tekst" / "4.1.md").write_text(f"# Dienstverlening\n\n{opening}\n", encoding="utf-8")
    built = build_project(project, tmp_path / "site", pdf=True)
    pages = pdftotext(built.output / pdf_name(built.project.document), "-layout").split("\f")

    def page(text: str) -> int:
        """The page of the line that is `text`: not the contents' line, which ends in a page number."""
        return next(number for number, content in enumerate(pages) if re.search(rf"^\s*{text}\s*$", content, re.M))

    assert page("4.1 Dienstverlening") == page(f"{opening[:40]}.*") == page(re.escape(TITLES[0][:60]) + ".*")
    assert page("Einde\\.") < page("4.1 Dienstverlening")  # the chapter's text fills its page
    heading = page("4\\. Bestuur en dienstverlening")  # its own line, not the running header's
    assert re.match(r"\s*Jaarverslag 2020\s+4\. Bestuur en dienstverlening\s+4\. Bestuur en", pages[heading])


def test_an_overviews_caption_goes_with_its_table_to_the_next_page(tmp_path: Path) -> None:
    """A section's text that filled its page to 12 mm from the foot left the overview's caption ('Indicatoren van 2.1
    Werk en inkomen') alone there, and its table started on the next page. The table is the site's, in the PDF's
    stylesheet, below a block as tall as that text."""
    from weasyprint import CSS, HTML

    built = build_project(EXAMPLE.parent / "begroting-2018-overzicht", tmp_path / "site")
    page = (built.output / "2-sociaal-domein" / "2-1-werk-en-inkomen" / "index.html").read_text(encoding="utf-8")
    table = re.search(r"<table .*?</table>", page, re.DOTALL).group(0)
    caption = "Indicatoren van 2.1 Werk en inkomen"
    assert caption in table
    stylesheet = (TEMPLATES.parent / "static" / "print.css").read_text(encoding="utf-8")
    text = "<p style='height: 243mm; margin: 0'>De tekst van de paragraaf.</p>"  # 255 mm between the margins
    path = tmp_path / "caption.pdf"
    HTML(string=f'<html lang="nl"><body>{text}{table}</body></html>').write_pdf(
        path, stylesheets=[CSS(string=stylesheet)]
    )
    pages = pdftotext(path).split("\f")
    assert caption not in pages[0]
    assert caption in pages[1] and "Netto arbeidsparticipatie" in pages[1]


@pytest.mark.parametrize(("size", "points"), [("", 8), ("small", 7)])
def test_a_figures_period_is_no_larger_than_its_figure(tmp_path: Path, size: str, points: float) -> None:
    """In an indicator table in 7 pt, a figure's period beside it ('38,2 (2014)') stayed in 8 pt, larger than the
    figure; in the usual 8.5 pt it is a little smaller than the figure, 8 pt."""
    from weasyprint import CSS, HTML

    stylesheet = (TEMPLATES.parent / "static" / "print.css").read_text(encoding="utf-8")
    table = (
        f'<table class="utrecht-table indicator-table indicator-table--{size}"><tr>'
        '<td class="utrecht-table__cell">38,2 <span class="cell-detail">(2014)</span></td></tr></table>'
    )
    path = tmp_path / "period.pdf"
    HTML(string=f'<html lang="nl"><body>{table}</body></html>').write_pdf(path, stylesheets=[CSS(string=stylesheet)])
    heights = {word: bottom - top for *_, top, _, bottom, word in _words(path)}
    assert heights["(2014)"] == pytest.approx(points * 1.164, abs=0.05)  # DejaVu Sans: 1.164 its size from top to foot
    assert heights["(2014)"] <= heights["38,2"]


def _words_beyond_the_margins(path: Path) -> list[tuple[int, str]]:
    """(page from 1, word) of the words of the PDF at `path` that stand (partly) in the left or right margin."""
    pages = pdftotext(path, "-bbox").split("<page ")[1:]
    margin = 18 * 72 / 25.4  # left and right on an A4 page, upright (595.28 points) or turned (841.89)
    words = r'<word xMin="(-?[\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>'
    return [
        (number, html.unescape(word))
        for number, text in enumerate(pages, start=1)
        for width in [float(re.match(r'width="([\d.]+)"', text).group(1))]
        for start, end, word in re.findall(words, text)
        if float(start) < margin - 1 or float(end) > width - margin + 1
    ]


def _project_whose_pdf_fails(tmp_path: Path) -> Path:
    """A copy of the example whose theme's print.html, which only the PDF uses, fails when it renders (one that does
    not compile is an error of `check`, and nothing is built)."""
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    (project / "thema").mkdir()
    (project / "thema" / "print.html").write_text("{{ nosuch }}\n", encoding="utf-8")  # only the PDF uses it
    config = project / "verantwoord.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "thema:\n  map: thema\n", encoding="utf-8")
    return project


def test_a_failed_pdf_is_reported_and_the_site_stays(tmp_path: Path) -> None:
    project = _project_whose_pdf_fails(tmp_path)

    failed = (
        r"De PDF kon niet worden gemaakt: .*print.html, regel 1: dit sjabloon geeft een fout: "
        r"de naam .nosuch. bestaat niet"
    )
    with pytest.raises(BuildFailed, match=failed + ".*wel gebouwd"):
        build_project(project, tmp_path / "site", pdf=True)
    assert (tmp_path / "site" / "index.html").is_file()
    assert not list(tmp_path.rglob("*.pdf"))
    # and no page links to the PDF that is not there
    pages = list((tmp_path / "site").rglob("*.html"))
    assert len(pages) >= 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert ".pdf" not in html and "als PDF" not in html, page
        assert '<ul class="footer-links">\n<li><a href="' in html, page  # the other links stay


def test_a_full_disk_while_unlinking_a_failed_pdf_is_reported_and_the_other_pages_lose_the_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An OSError while taking the link out of one page ended the build with a traceback, and the pages after it
    kept linking to a PDF that was not there."""
    import errno

    from verantwoord import publish

    project = _project_whose_pdf_fails(tmp_path)
    restamp = publish.restamp_file

    def full_disk(page: Path, old: bytes, new: bytes) -> bool:
        if page.parent.name == "zoeken":
            raise OSError(errno.ENOSPC, "No space left on device")
        return restamp(page, old, new)

    monkeypatch.setattr(publish, "restamp_file", full_disk)
    with pytest.raises(BuildFailed) as caught:
        build_project(project, tmp_path / "site", pdf=True)
    assert "De link naar die PDF kon niet uit alle pagina's worden gehaald (de schijf is vol): " in str(caught.value)
    assert "zoeken/index.html; kijk of de schijf vol is" in str(caught.value)
    pages = [page for page in (tmp_path / "site").rglob("*.html") if page.parent.name != "zoeken"]
    assert len(pages) >= 4
    assert all(".pdf" not in page.read_text(encoding="utf-8") for page in pages)


def _theme_that_links_the_pdf_its_own_way(project: Path) -> None:
    """A theme whose print.html fails, so the PDF does, and whose base.html writes the PDF's link its own way."""
    (project / "thema").mkdir()
    (project / "thema" / "print.html").write_text("{{ nosuch }}\n", encoding="utf-8")
    base = (TEMPLATES / "base.html").read_text(encoding="utf-8")
    own = base.replace(
        '<li><a href="{{ root }}{{ options.pdf_name }}">', '<li class="pdf"><a href="{{ root }}{{ options.pdf_name }}">'
    )
    assert own != base
    (project / "thema" / "base.html").write_text(own, encoding="utf-8")
    config = project / "verantwoord.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "thema:\n  map: thema\n", encoding="utf-8")


def test_a_theme_that_links_the_pdf_its_own_way_hears_which_pages_still_link(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    _theme_that_links_the_pdf_its_own_way(project)

    with pytest.raises(BuildFailed) as caught:
        build_project(project, tmp_path / "site", pdf=True)
    linking = sorted(
        page.relative_to(tmp_path / "site").as_posix()
        for page in (tmp_path / "site").rglob("*.html")
        if ".pdf" in page.read_text(encoding="utf-8")
    )
    assert len(linking) >= 5
    assert str(caught.value).endswith(
        f"Deze pagina's linken nog naar die PDF, in de opmaak van het eigen thema: {', '.join(linking[:3])} en "
        f"{len(linking) - 3} andere; maak de PDF opnieuw, of haal de link uit het thema."
    )


def test_a_failed_pdf_loses_its_link_on_the_portal_too(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE.parent / "begroting-en-jaarverslag", project, ignore=shutil.ignore_patterns("site"))
    (project / "thema").mkdir()
    (project / "thema" / "print.html").write_text("{{ nosuch }}\n", encoding="utf-8")
    config = project / "verantwoord.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "thema:\n  map: thema\n", encoding="utf-8")

    with pytest.raises(BuildFailed) as caught:
        build_project(project, tmp_path / "site", pdf=True)
    # Both documents' PDFs failed on the one template: one problem, and one message that names both sites.
    assert [str(problem.location) for problem in caught.value.problems if problem.severity is Severity.ERROR] == [
        "thema/print.html, regel 1"
    ]
    site = (tmp_path / "site").resolve()
    assert str(caught.value) == (
        "De PDF's konden niet worden gemaakt: thema/print.html, regel 1: dit sjabloon geeft een fout: de naam 'nosuch' "
        "bestaat niet. Hint: verbeter het sjabloon in de map van het thema (thema.map), of haal het weg: dan gebruikt "
        f"verantwoord zijn eigen. De websites zijn wel gebouwd en staan in {site / 'jaarverslag-2023'} en "
        f"{site / 'begroting-2024'}, zonder PDF en zonder link ernaar."
    )
    portal = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert portal.count('class="portal-document-links"') == 2
    assert ".pdf" not in portal and "als PDF" not in portal
    assert not [page for page in (tmp_path / "site").rglob("*.html") if ".pdf" in page.read_text(encoding="utf-8")]


def test_which_pages_still_link_each_failed_pdf_names_its_document(tmp_path: Path) -> None:
    """Told after one message that named both sites, 'Deze pagina's linken nog naar die PDF' did not say which."""
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE.parent / "begroting-en-jaarverslag", project, ignore=shutil.ignore_patterns("site"))
    _theme_that_links_the_pdf_its_own_way(project)

    with pytest.raises(BuildFailed) as caught:
        build_project(project, tmp_path / "site", pdf=True)
    told = str(caught.value)
    assert "die PDF" not in told
    for document in ("jaarverslag-2023", "begroting-2024"):
        assert (
            f"Deze pagina's linken nog naar de PDF van {document}, in de opmaak van het eigen thema: {document}/"
            in told
        )


def test_a_failed_pdf_still_tells_the_warnings_of_the_site_it_built(tmp_path: Path) -> None:
    """The site was built with its warnings, and the PDF failed: the log said only the PDF's failure, and the JSON of
    a CI pipeline had no warnings, so a link to nowhere on the published site went unseen."""
    project = _project_whose_pdf_fails(tmp_path)
    with (project / "tekst" / "4.1.md").open("a", encoding="utf-8") as text:
        text.write("\n[kapot](../nergens/)\n")
    out = str(tmp_path / "site")
    result = CliRunner().invoke(main, ["build", str(project), "--out", out, "--pdf", "--json"])
    assert result.exit_code == 1, result.output  # the theme's template: an error in the input
    told = flat(result.stderr)
    assert 0 <= told.find("waarschuwing: tekst/4.1.md, regel") < told.find("Fout: De PDF kon niet worden gemaakt")
    data = json.loads(result.stdout)
    assert (data["exitcode"], data["aantal_waarschuwingen"], data["aantal_fouten"]) == (1, 1, 1)
    assert [problem["plaats"]["bestand"] for problem in data["meldingen"]] == ["tekst/4.1.md", "thema/print.html"]
    # The site is there all the same: a pipeline that publishes it without the PDF reads where, as after a success.
    # (It read "uitvoer": null, as if nothing was built.)
    assert (data["uitvoer"], data["aantal_paginas"], data["pdf"]) == (out, 5, [])
    assert data["uitkomst"].startswith("De PDF kon niet worden gemaakt")
    assert 0 <= told.find(f"Gebouwd: 5 pagina’s in {out} (") < told.find("Fout: De PDF kon niet worden gemaakt")


def test_a_theme_print_template_that_fails_is_an_error_at_its_file_and_line(tmp_path: Path) -> None:
    """The PDF's process sent the template's error back as text: `meldingen` was empty, and exit code 3 told a CI
    pipeline that verantwoord failed, where the theme's print.html is the user's to mend (exit code 1)."""
    project = _project_whose_pdf_fails(tmp_path)
    template = (
        '{% extends "verantwoord/print.html" %}\n{% block cover_title %}\n<h1>{{ document.titel.upper() }}</h1>\n'
    )
    (project / "thema" / "print.html").write_text(template + "{% endblock %}\n", encoding="utf-8")
    out = str(tmp_path / "site")
    result = CliRunner().invoke(main, ["build", str(project), "--out", out, "--pdf", "--json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert (data["exitcode"], data["aantal_fouten"], data["aantal_waarschuwingen"]) == (1, 1, 0)
    assert (data["uitvoer"], data["aantal_paginas"], data["pdf"]) == (out, 5, [])
    [problem] = data["meldingen"]
    assert (problem["ernst"], problem["plaats"]["bestand"], problem["plaats"]["regel"]) == (
        "fout",
        "thema/print.html",
        3,
    )
    assert problem["melding"] == "dit sjabloon geeft een fout: een Document heeft geen 'titel' (bedoelt u 'title'?)."
    assert problem["hint"].startswith("verbeter het sjabloon")
    assert data["uitkomst"].startswith(f"De PDF kon niet worden gemaakt: {problem['tekst'].rstrip('.')}. De website")
    assert flat(result.stderr).count("dit sjabloon geeft een fout") == 1  # in the message, not also above it


def test_a_template_that_fails_in_a_worker_comes_back_as_its_problem_in_the_project(tmp_path: Path) -> None:
    """A part rendered in a worker process: its template's problem comes back as it is, the file named from the
    project's folder (Jinja named it in full)."""
    from verantwoord.build.pdf import write_pdf
    from verantwoord.errors import TemplateFailed

    project = tmp_path / "p"
    shutil.copytree(EXAMPLE.parent / "begroting-2020-verwachting", project, ignore=shutil.ignore_patterns("site"))
    (project / "thema").mkdir()
    template = '{% extends "verantwoord/print.html" %}\n{% block chapter scoped %}\n{{ nosuch.x }}\n{% endblock %}\n'
    (project / "thema" / "print.html").write_text(template, encoding="utf-8")
    config = project / "verantwoord.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "thema:\n  map: thema\n", encoding="utf-8")
    site = document_sites(load_project(project), pdf=True)[0]
    with pytest.raises(TemplateFailed) as caught:
        write_pdf(site.document, site.options, build_time(), tmp_path / "d.pdf", workers=2, part_sections=1)
    [problem] = caught.value.problems
    assert (problem.location.file, problem.location.line) == ("thema/print.html", 3)


def test_build_hears_of_the_pdfs_parts_as_they_are_made(tmp_path: Path) -> None:
    heard: list[tuple[int, int]] = []
    build_project(EXAMPLE, tmp_path / "site", pdf=True, pdf_progress=lambda done, total: heard.append((done, total)))
    assert heard == [(1, 2), (2, 2)]  # the one part, then the margins and the join


def test_build_reports_the_site_and_the_pdf_with_their_times(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--out", str(tmp_path / "site"), "--pdf"])
    assert result.exit_code == 0, result.output
    output = flat(result.output)  # rich wraps long paths
    assert re.search(r"Gebouwd: 5 pagina’s in \S+site \(\d+,\d s\)", output), output
    assert re.search(rf"PDF: {PDF_NAME} \(\d+,\d s, in een eigen proces\)", output), output


def test_geen_pdf_skips_the_pdf_that_the_project_asks_for(tmp_path: Path) -> None:
    """On deadline day a team rebuilds often and wants the PDF only at the end; with 'pdf: ja' in the project there
    was no way to leave it out but to edit the file ('--geen-pdf' was 'Bedoelt u --pdf?')."""
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    config = project / "verantwoord.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "pdf: ja\n", encoding="utf-8")
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(project), "--out", str(site), "--geen-pdf", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["pdf"] == []
    assert not list(site.glob("*.pdf"))
    assert not [page for page in site.rglob("*.html") if ".pdf" in page.read_text(encoding="utf-8")]
