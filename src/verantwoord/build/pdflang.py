"""The language of a passage in the PDF, as on the site (WCAG 3.1.2, PDF/UA): /Lang on its structure element.

The site marks "[annual report]{lang=en}" as <span lang="en">, and a screen reader reads it in English. WeasyPrint
tags that span as a Span without a language, so the PDF read it out with Dutch sounds. Nothing in its options sets
it, and after writing, a structure element no longer shows which HTML element it was made for: so while WeasyPrint
builds the structure tree, each element it makes for an HTML element with a `lang` of its own gets /Lang.
tests/build/test_pdf.py fails when a later WeasyPrint builds the tree otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def tag_languages() -> None:
    """Once per process, before the first PDF is rendered."""
    import pydyf
    from weasyprint.layout.absolute import AbsolutePlaceholder
    from weasyprint.pdf import tags

    build = tags._build_box_tree
    if getattr(build, "tags_languages", False):
        return

    def with_languages(box: Any, *args: Any) -> Iterator[Any]:
        own = box._box if isinstance(box, AbsolutePlaceholder) else box
        element = own.element
        # The root's language is the document's (/Lang of the catalogue); html and body pass their children on.
        language = None if element is None or own.element_tag in ("html", "body") else element.get("lang")
        for made in build(box, *args):
            if language and "Lang" not in made:
                made["Lang"] = pydyf.String(language)
            yield made

    with_languages.tags_languages = True  # type: ignore[attr-defined]
    tags._build_box_tree = with_languages
