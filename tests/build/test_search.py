"""Splitting the search index of a large document into parts of whole chapters."""

from __future__ import annotations

from datetime import datetime

from verantwoord.build.search import WHOLE_SITE, SearchBundle, search_bundles
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


def test_a_chapter_larger_than_the_limit_is_not_split() -> None:
    bundles = search_bundles(document(1, 20, 1), limit=5)
    assert [b.glob for b in bundles] == [
        "{index.html,1-hoofdstuk/**/*.html}",
        "{2-hoofdstuk/**/*.html}",
        "{3-hoofdstuk/**/*.html}",
    ]
