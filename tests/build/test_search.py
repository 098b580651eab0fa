"""Splitting the search index of a large document into parts."""

from __future__ import annotations

import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from verantwoord.build import search
from verantwoord.build.search import WHOLE_SITE, SearchBundle, search_bundles, search_index
from verantwoord.model import Chapter, Document, DocumentKind, Export, Period, Section, TableLayout


def document(*sections_per_chapter: int) -> Document:
    chapters = tuple(
        Chapter(
            number=str(number),
            title=f"Hoofdstuk {number}",
            slug=f"{number}-hoofdstuk",
            text="",
            sections=tuple(
                Section(number=f"{number}.{s}", title="P", slug=f"{number}-{s}-p", text="", indicators=())
                for s in range(1, count + 1)
            ),
        )
        for number, count in enumerate(sections_per_chapter, 1)
    )
    return Document(
        kind=DocumentKind.JAARVERSLAG,
        year=2020,
        organisation="Gemeente",
        title="Jaarverslag 2020",
        chapters=chapters,
        layout=TableLayout((Period.of_year(2020),), (Period.of_year(2020),)),
        export=Export(("indicatoren.xlsx",), datetime(2021, 5, 25)),
    )


def test_a_document_within_the_limit_has_one_index() -> None:
    assert search_bundles(document(3, 4), limit=10) == WHOLE_SITE


def test_a_large_document_is_indexed_in_parts_of_whole_chapters() -> None:
    # home 1 + chapter 1 (4 pages) = 5; chapter 2 (4) would make 9 > 8; chapter 3 (2) fits beside chapter 2.
    assert search_bundles(document(3, 3, 1), limit=8) == (
        SearchBundle("pagefind", "{index.html,1-hoofdstuk/**/*.html}"),
        SearchBundle("pagefind-2", "{2-hoofdstuk/**/*.html,3-hoofdstuk/**/*.html}"),
    )


def test_a_chapter_larger_than_the_limit_is_split_between_its_sections() -> None:
    """A chapter was never split: one chapter of 2,000 sections made Pagefind hold 800 MB in one run."""
    bundles = search_bundles(document(1, 9, 1), limit=5)
    # The parts fill up in reading order: chapter 2 begins beside chapter 1, chapter 3 goes beside its end.
    assert [b.glob for b in bundles] == [
        "{index.html,1-hoofdstuk/**/*.html,2-hoofdstuk/index.html,2-hoofdstuk/2-1-p/**/*.html}",
        "{2-hoofdstuk/2-2-p/**/*.html,2-hoofdstuk/2-3-p/**/*.html,2-hoofdstuk/2-4-p/**/*.html,"
        "2-hoofdstuk/2-5-p/**/*.html,2-hoofdstuk/2-6-p/**/*.html}",
        "{2-hoofdstuk/2-7-p/**/*.html,2-hoofdstuk/2-8-p/**/*.html,2-hoofdstuk/2-9-p/**/*.html,3-hoofdstuk/**/*.html}",
    ]


def test_every_page_is_in_exactly_one_part() -> None:
    doc = document(2, 7, 1, 12, 3)
    pages = ["index.html"] + [
        path
        for chapter in doc.chapters
        for path in [f"{chapter.slug}/index.html"] + [f"{chapter.slug}/{s.slug}/index.html" for s in chapter.sections]
    ]
    for limit in (2, 3, 5, 8, 13):
        bundles = search_bundles(doc, limit=limit)
        for page in pages:
            matched = [b for b in bundles if any(_matches(page, g) for g in b.glob.strip("{}").split(","))]
            assert len(matched) == 1, (limit, page, matched)
        for bundle in bundles:
            size = sum(any(_matches(page, g) for g in bundle.glob.strip("{}").split(",")) for page in pages)
            assert size <= limit + 1, (limit, bundle)  # the home page may go beside a part that fills the limit


def _matches(page: str, glob: str) -> bool:
    if glob.endswith("/**/*.html"):
        return page.startswith(glob.removesuffix("**/*.html"))
    return page == glob


def test_the_part_with_the_home_page_is_indexed_after_the_body_and_the_others_during_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build writes the open data and then the home page, which shows their sizes, in the body of the `with`:
    Pagefind indexes the other parts of a large document meanwhile, and the part with the home page after it."""
    log = tmp_path / "runs"
    log.touch()

    def command(root: Path, bundle: Path, glob: str) -> list[str]:
        return [sys.executable, "-c", f"open({str(log)!r}, 'a').write({bundle.name!r} + ' ')"]

    monkeypatch.setattr(search, "_command", command)
    bundles = search_bundles(document(3, 4, 5), limit=6)
    assert len(bundles) == 3
    with search_index(tmp_path, bundles):
        deadline = time.monotonic() + 30
        while len(log.read_text().split()) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.2)  # time enough for a third run, which is held
        assert log.read_text().split() == ["pagefind-2", "pagefind-3"]
    assert log.read_text().split() == ["pagefind-2", "pagefind-3", "pagefind"]
