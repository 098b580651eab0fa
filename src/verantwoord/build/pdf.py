"""The whole document as one PDF, with WeasyPrint.

One HTML file is rendered for print: a cover, a table of contents with page numbers (CSS
target-counter), every chapter and section with the same tables and charts as the site, a running
header with the document's title, and page numbers. It is tagged as PDF/UA-1 for screen readers, and
WeasyPrint makes bookmarks from the headings. WeasyPrint is slow on long tables and single-threaded, so
the PDF is only made when asked for (`pdf: ja` in the config, or `build --pdf`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from jinja2 import Environment

from verantwoord.model import Document
from verantwoord.slug import slugify


def pdf_name(document: Document) -> str:
    """The PDF's file name at the root of the site, such as "jaarverslag-2020-gemeente-amersfoort.pdf"."""
    return f"{slugify(f'{document.title} {document.organisation}')}.pdf"


def write_pdf(document: Document, env: Environment, target: Path, built_at: datetime) -> Path:
    # Imported here: WeasyPrint loads Pango at import time, which only the PDF needs.
    from weasyprint import CSS, HTML

    html = env.get_template("print.html").render(page=None, root="", previous=None, next=None, printing=True)
    stylesheet = resources.files("verantwoord.build").joinpath("static", "print.css").read_text(encoding="utf-8")
    HTML(string=html, base_url=str(target.parent)).write_pdf(
        target,
        stylesheets=[CSS(string=stylesheet)],
        pdf_variant="pdf/ua-1",
        pdf_identifier=_identifier(document, built_at),
        custom_metadata=True,
    )
    return target


def _identifier(document: Document, built_at: datetime) -> bytes:
    """A stable PDF identifier, so the same input gives the same bytes (WeasyPrint's default is random)."""
    return f"{document.kind.value}-{document.year}-{built_at.astimezone(UTC):%Y%m%d%H%M%S}".encode()
