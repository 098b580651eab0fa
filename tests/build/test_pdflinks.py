"""Each link of the PDF is announced by its own text (its annotation's /Contents), as on the site."""

from __future__ import annotations

import io
from xml.etree import ElementTree

import pikepdf
import pytest

from verantwoord.build.pdflinks import describe_links, link_text


@pytest.mark.parametrize(
    ("html", "said"),
    [
        ('<a href="#n"><span class="visually-hidden">noot </span>1</a>', "noot 1"),
        ("<a href='#b'>Bestuur<em>s</em>rapportage</a>", "Bestuursrapportage"),
        ('<a href="https://x.nl"><img src="logo.png" alt="Logo van de gemeente"/></a>', "Logo van de gemeente"),
        ('<a href="#x" aria-label="Naar de tabel">tabel</a>', "Naar de tabel"),
        ('<a href="#x" title="Uitleg">   </a>', "Uitleg"),
        ("<a href='#x'>de <!-- niet gelezen -->cijfers\n  van 2020</a>", "de cijfers van 2020"),
    ],
)
def test_the_text_of_a_link_is_what_a_screen_reader_says(html: str, said: str) -> None:
    assert (
        link_text(
            ElementTree.fromstring(html, ElementTree.XMLParser(target=ElementTree.TreeBuilder(insert_comments=True)))
        )
        == said
    )


def _descriptions(html: str) -> list[tuple[str, str]]:
    from weasyprint import HTML

    describe_links()
    data = HTML(string=html).write_pdf(pdf_tags=True)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [
            (str(annotation.A.URI) if "/A" in annotation else str(annotation.Dest), str(annotation.Contents))
            for page in pdf.pages
            for annotation in page.obj.get("/Annots", [])
            if annotation.Subtype == "/Link"
        ]


def test_two_links_to_one_address_each_keep_their_own_text() -> None:
    html = (
        '<p><a href="https://cbs.nl/x">de cijfers van het CBS</a> en nog eens de '
        '<a href="https://cbs.nl/x">bron</a>.</p><p id="n"><a href="#n"><span>noot </span>1</a></p>'
    )
    described = _descriptions(html)
    assert ("https://cbs.nl/x", "de cijfers van het CBS") in described
    assert ("https://cbs.nl/x", "bron") in described
    assert {text for target, text in described if target == "n"} == {"noot 1"}
