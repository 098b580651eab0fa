"""The names of a built site's pages and files that `check` speaks of, apart from the site builder: check imports
these, and not Jinja, the charts and the PDF's machinery it does not use (a fifth of its time on a small project)."""

from __future__ import annotations

from pathlib import Path

from verantwoord.model import Document
from verantwoord.slug import document_stem

MARKER = ".verantwoord-site"
"""A file in every output folder we write, so we never replace a folder that is not ours."""

SEARCH_PATH = "zoeken/"
STATEMENT_PATH = "toegankelijkheid/"


def pdf_name(document: Document) -> str:
    """The PDF's file name at the root of the site, such as "jaarverslag-2020-gemeente-amersfoort.pdf"."""
    return f"{document_stem(document)}.pdf"


def replaceable(output: Path) -> bool:
    """Whether a build may replace `output`: not there yet, empty, or made by verantwoord (it has the MARKER)."""
    return not output.exists() or (output.is_dir() and (not any(output.iterdir()) or (output / MARKER).exists()))
