"""The SHA-256 of an export, which the footer and the open data name: a reader (an auditor) can tell by it which
export a published figure came from, also when a re-export has the same name and the same stated time.

A workbook's or YAML file's is the SHA-256 of the file, as `sha256sum` or PowerShell's `Get-FileHash` gives it. A
folder of CSV files has two files: its digest is the SHA-256 of their listing in `sha256sum`'s format, which
`sha256sum indicatoren.csv waarden.csv | sha256sum` in the folder gives too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from verantwoord.export.records import INDICATOR_SHEET, VALUE_SHEET

FOLDER_FILES = (f"{INDICATOR_SHEET.lower()}.csv", f"{VALUE_SHEET.lower()}.csv")
"""A folder export's files, in the order of its listing."""


def export_digest(path: Path, known: Mapping[str, str] | None = None) -> str | None:
    """The SHA-256 of the export at `path` in hex; None when it cannot be read (its error is reported elsewhere).

    `known` holds the SHA-256 of files of a folder known already, by name: `serve` has the changed `waarden.csv` in
    memory, and `indicatoren.csv` is as it was loaded (reading it again was 7 ms of a figure's reload)."""
    try:
        if not path.is_dir():
            return file_digest(path)
        known = known or {}
        listing = ""
        for name in FOLDER_FILES:
            digest = known.get(name)
            if digest is None and not (path / name).is_file():
                continue
            listing += f"{digest or file_digest(path / name)}  {name}\n"
        return hashlib.sha256(listing.encode()).hexdigest()
    except OSError:
        return None


def file_digest(path: Path) -> str:
    """The SHA-256 of the file at `path` in hex, read in pieces."""
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()
