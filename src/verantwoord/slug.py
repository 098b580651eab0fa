"""Readable, stable URL parts: "4.1 Bestuur en dienstverlening" -> "4-1-bestuur-en-dienstverlening"."""

import re
import unicodedata


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
