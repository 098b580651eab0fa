"""A PDF made in parts and joined: the same reader's document as one render, with one structure tree.

The example has one chapter of two sections; made one section per part, the chapter continues from the
first part into the second, which is the hard case for bookmarks and the running header. The parts are
rendered by two worker processes, as on a large document.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.build.pdfstructure import destinations, structure_problems
from tests.build.test_pdf import flat, pdftotext
from verantwoord.build import pdf as pdf_module
from verantwoord.build.format import build_time
from verantwoord.build.pdf import css_string, split_parts, write_pdf
from verantwoord.model import Chapter, Document, Section
from verantwoord.project import load_project
from verantwoord.publish import document_sites

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "begroting-2020-verwachting"


@pytest.fixture(scope="module")
def document() -> Document:
    return document_sites(load_project(EXAMPLE), pdf=True)[0].document


HEARD: list[tuple[int, int]] = []


@pytest.fixture(scope="module")
def joined(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = document_sites(load_project(EXAMPLE), pdf=True)[0]
    target = tmp_path_factory.mktemp("joined") / "document.pdf"
    progress = lambda done, total: HEARD.append((done, total))  # noqa: E731
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_module, "MARGIN_PAGES", 3)  # the running headers in several renders too
        return write_pdf(
            site.document, site.options, build_time(), target, workers=2, part_sections=1, progress=progress
        )


def test_progress_is_told_of_each_part(joined: Path) -> None:
    assert HEARD == [(1, 3), (2, 3), (3, 3)]  # two parts, then the margins and the join


@pytest.fixture(scope="module")
def pdf(joined: Path) -> Iterator[pikepdf.Pdf]:
    with pikepdf.open(joined) as document:
        yield document


@pytest.fixture(scope="module")
def pages(joined: Path) -> list[str]:
    return [page for page in pdftotext(joined, "-layout").split("\f") if page.strip()]


def test_the_parts_are_what_the_test_means(document: Document) -> None:
    assert [len(chapter.sections) for chapter in document.chapters] == [2]
    assert [[(len(sections), opens) for _, sections, opens in part] for part in split_parts(document, 1)] == [
        [(1, True)],
        [(1, False)],
    ]


def test_one_structure_tree_holds_every_part(pdf: pikepdf.Pdf) -> None:
    assert structure_problems(pdf) == []
    (document,) = pdf.Root.StructTreeRoot.K
    assert document.S == "/Document"
    # the cover and contents, then a chapter section from each part
    assert [str(kid.S) for kid in document.K if kid.S == "/Sect"].count("/Sect") >= 3


def test_contents_numbers_are_the_pages_the_headings_are_on(
    document: Document, pdf: pikepdf.Pdf, pages: list[str]
) -> None:
    named = destinations(pdf)
    contents = pages[1]
    headings = [(f"{c.number}. {c.title}", f"h-{c.slug}") for c in document.chapters] + [
        (f"{s.number} {s.title}", f"p-{s.slug}") for c in document.chapters for s in c.sections
    ]
    for title, anchor in headings:
        printed = re.search(rf"^\s*{re.escape(title)}\s+(\d+)\s*$", contents, re.MULTILINE)
        assert printed, title
        assert int(printed.group(1)) == named[anchor] + 1, title
        assert title in flat(pages[named[anchor]]), title
    section_pages = [named[f"p-{s.slug}"] for s in document.chapters[0].sections]
    assert section_pages[0] < section_pages[1]  # the second section is in the second part


def test_every_page_but_the_cover_has_its_header_and_number(document: Document, pages: list[str]) -> None:
    assert len(pages) - 1 > 3  # the margins of the pages after the cover were made three at a time
    chapter = f"{document.chapters[0].number}. {document.chapters[0].title}"
    for number, page in enumerate(pages[1:], start=2):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[0].startswith(document.title), number
        assert lines[-1] == f"pagina {number} van {len(pages)}", number
        if number > 2:  # after the contents, the chapter's title, also where the chapter continues
            assert lines[0].endswith(chapter), number
    assert "pagina" not in pages[0]


def test_bookmarks_keep_a_continued_chapter_together(document: Document, pdf: pikepdf.Pdf) -> None:
    chapter = document.chapters[0]
    with pdf.open_outline() as outline:
        top = [item.title for item in outline.root]
        assert top == [document.title, f"{chapter.number}. {chapter.title}"]
        sections = [item.title for item in outline.root[1].children]
        assert sections == [f"{s.number} {s.title}" for s in chapter.sections]
        assert all(item.children for item in outline.root[1].children)  # the indicators under each


def test_every_indicator_is_in_the_joined_pdf(document: Document, pages: list[str]) -> None:
    text = flat(" ".join(pages))
    for indicator in document.indicators():
        assert flat(indicator.title) in text, indicator.title


def test_each_font_subset_has_a_name_of_its_own(pdf: pikepdf.Pdf) -> None:
    """Each part embeds its own subset of a font; alike names would let a viewer draw one with another's glyphs."""
    files: dict[str, set[bytes]] = {}
    for font in (obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"):
        described = font.DescendantFonts[0] if "/DescendantFonts" in font else font
        descriptor = described.FontDescriptor
        assert font.BaseFont == described.BaseFont == descriptor.FontName
        files.setdefault(str(descriptor.FontName), set()).add(bytes(descriptor.FontFile2.read_raw_bytes()))
    assert len(files) > 3  # several parts, several subsets
    assert all(len(subsets) == 1 for subsets in files.values()), {name: len(s) for name, s in files.items()}
    assert all(re.fullmatch(r"/[A-Z]{6}\+DejaVu-Sans.*", name) for name in files)


def _section(number: str) -> Section:
    return Section(number, f"Sectie {number}", f"s-{number}", "")


def test_parts_hold_whole_chapters_where_they_fit() -> None:
    chapters = (
        Chapter("1", "Een", "een", "", tuple(_section(f"1.{n}") for n in range(3))),
        Chapter("2", "Twee", "twee", "", tuple(_section(f"2.{n}") for n in range(2))),
        Chapter("3", "Drie", "drie", "", tuple(_section(f"3.{n}") for n in range(9))),
        Chapter("4", "Vier", "vier", ""),
    )
    document = Document.__new__(Document)
    object.__setattr__(document, "chapters", chapters)
    parts = split_parts(document, 4)
    shape = [[(chapter.number, len(sections), opens) for chapter, sections, opens in part] for part in parts]
    assert shape == [
        [("1", 3, True)],
        [("2", 2, True)],
        [("3", 4, True)],  # a chapter too large for what is left starts a part, and goes on in the next
        [("3", 4, False)],
        [("3", 1, False), ("4", 0, True)],
    ]
    for part in parts:
        assert sum(len(sections) for _, sections, _ in part) <= 4
    assert [s for part in parts for _, sections, _ in part for s in sections] == [
        s for chapter in chapters for s in chapter.sections
    ]


def _unescape(css: str) -> str:
    return re.sub(r"\\([0-9a-f]+) ", lambda match: chr(int(match.group(1), 16)), css)


@given(st.text())
def test_css_string_is_safe_and_says_the_same(text: str) -> None:
    quoted = str(css_string(text))
    assert quoted[0] == quoted[-1] == '"'
    inner = quoted[1:-1]
    assert not set(inner) & set('"<>&') and not any(ord(char) < 0x20 for char in inner)
    assert all(part[:1] in string.hexdigits for part in inner.split("\\")[1:])
    assert _unescape(inner) == text
