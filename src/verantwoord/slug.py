"""Readable, stable URL parts: "4.1 Bestuur en dienstverlening" -> "4-1-bestuur-en-dienstverlening"."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from verantwoord.model import Document

MAX_LENGTH = 120
"""However long a title, its URL part stays a file name that every file system takes (ext4 and NTFS: 255), with
room for the folder it is in. A section's slug begins with its number, so cutting it keeps it unique."""


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_LENGTH:
        words = slug[: MAX_LENGTH + 1].rsplit("-", 1)[0]  # at the end of a word, unless that word is most of it
        slug = words if len(words) > MAX_LENGTH // 2 else slug[:MAX_LENGTH].rstrip("-")
    return slug


def document_stem(document: Document) -> str:
    """What begins the name of a file of the document, "jaarverslag-2020-gemeente-amersfoort": the files of two
    documents, or of two organisations, can be downloaded into one folder and told apart. A title and organisation
    without a letter it keeps (in another script) give the kind and year: an empty one made the Data Package's name
    invalid, the downloads '-indicatoren.csv' and the PDF a hidden '.pdf'."""
    return slugify(f"{document.title} {document.organisation}") or f"{document.kind.value}-{document.year}"
