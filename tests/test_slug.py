"""URL parts from titles: readable, and a file name every file system takes however long the title."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import TestProject
from verantwoord import build_project
from verantwoord.slug import MAX_LENGTH, slugify


def test_a_title_becomes_its_readable_url_part() -> None:
    assert slugify("4.1 Bestuur en dienstverlening") == "4-1-bestuur-en-dienstverlening"
    assert slugify("Jaarverslag 2020 Gemeente Zoë") == "jaarverslag-2020-gemeente-zoe"


@given(st.text(max_size=600))
def test_a_slug_is_short_and_plain_and_begins_as_the_title_does(title: str) -> None:
    slug = slugify(title)
    assert len(slug) <= MAX_LENGTH
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert not slug.startswith("-") and not slug.endswith("-")
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    whole = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")  # as it was before titles were cut
    assert whole.startswith(slug)
    assert slug == whole or len(slug) > MAX_LENGTH // 2


def test_a_section_with_a_very_long_title_is_built(make_project: Callable[..., TestProject]) -> None:
    """A title of 250 characters passed `check`, then `build` failed with "File name too long"."""
    title = "Bestuur en dienstverlening " * 10
    project = make_project(texts={"4.md": "# Bestuur\n\nHoofdstuk.\n", "4.1.md": f"# {title}\n\nTekst.\n"})
    pages = build_project(project.root).pages
    section = next(page for page in pages if len(page.parts) > 1 and page.parts[-2].startswith("4-1-"))
    assert len(section.parts[-2]) <= MAX_LENGTH


def test_a_title_and_organisation_without_a_latin_letter_give_the_files_a_name(
    make_project: Callable[..., TestProject],
) -> None:
    """Their slug was empty: datapackage.json had the name '', which a Data Package may not have, and the downloads
    were '-indicatoren.csv'."""
    project = make_project(
        config={"document": {"soort": "jaarverslag", "jaar": 2020, "organisatie": "Ψ", "titel": "Ω"}}
    )
    output = build_project(project.root).output
    name = json.loads((output / "open-data" / "datapackage.json").read_text(encoding="utf-8"))["name"]
    assert name == "jaarverslag-2020"
    assert re.fullmatch(r"[a-z0-9._-]+", name)  # the Data Package's name: lower case, digits and . _ -
    page = (output / "4-bestuur-en-dienstverlening" / "4-1-dienstverlening" / "index.html").read_text(encoding="utf-8")
    assert 'download="jaarverslag-2020-indicatoren.csv"' in page
