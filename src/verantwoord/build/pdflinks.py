"""A link in the PDF is described by its text, as on the site (PDF/UA: the /Contents of a link annotation).

A screen reader announces a link in a PDF by the annotation's /Contents. WeasyPrint writes the link's target there:
"h-4-bestuur-en-dienstverlening" for a line of the contents, "ind-balie-tevredenheid:noot-1" for a footnote mark,
read out letter by letter. Nothing in its options sets it, so once WeasyPrint has made a page's link annotations,
each gets the text of its HTML link (its aria-label first, as a screen reader on the site would read it; a footnote
mark says "noot 1", not "noot" and "1"). tests/build/test_pdf.py fails when a later WeasyPrint makes them otherwise.
"""

from __future__ import annotations

from typing import Any


def describe_links() -> None:
    """Once per process, before the first PDF is rendered."""
    import pydyf
    from weasyprint import pdf

    add_links = pdf.add_links
    if getattr(add_links, "describes_links", False):
        return

    def with_descriptions(links_and_anchors: Any, matrix: Any, document: Any, page: Any, names: Any, tags: Any) -> None:
        add_links(links_and_anchors, matrix, document, page, names, tags)
        if tags is None:
            return  # untagged: no structure for a screen reader, and WeasyPrint wrote no /Contents
        links = links_and_anchors[0]
        # A link's parts (a footnote mark's hidden word "noot" and its number) are boxes of their own, each with its
        # own element: a part is described by the whole link, the <a> of the same target that holds its element.
        anchors = [(target, box.element) for _, target, _, box in links if _tag(box.element) == "a"]
        for _, target, _, box in links:
            annotation = getattr(box, "link_annotation", None)
            if annotation is None:
                continue
            element = box.element
            if _tag(element) != "a":
                element = next(
                    (a for own, a in anchors if own == target and any(e is box.element for e in a.iter())), element
                )
            text = link_text(element)
            if text:
                annotation["Contents"] = pydyf.String(text)

    with_descriptions.describes_links = True  # type: ignore[attr-defined]
    pdf.add_links = with_descriptions


def link_text(element: Any) -> str | None:
    """What a screen reader says for the HTML link `element`: its aria-label, its text (with the alt text of its
    images), or its title."""
    if element is None:
        return None
    label = " ".join((element.get("aria-label") or "").split())
    text = " ".join(_text(element).split())
    return label or text or " ".join((element.get("title") or "").split()) or None


def _text(element: Any) -> str:
    """The text of `element` as it reads, an image as its alt text ("Bestuur<em>s</em>rapportage" is one word)."""
    if _tag(element) is None:
        return ""  # a comment
    own = (element.get("alt") or "") if _tag(element) == "img" else ""
    return own + (element.text or "") + "".join(_text(child) + (child.tail or "") for child in element)


def _tag(element: Any) -> str | None:
    return element.tag if element is not None and isinstance(element.tag, str) else None
