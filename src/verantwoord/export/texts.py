"""Read the document's structure and narrative from Markdown files.

One file per chapter and per section, named by its number: `4.md` for chapter 4, `4.1.md` (or
`4.1 Bestuur en dienstverlening.md`) for section 4.1. The file starts with a heading that gives the
title (`# Bestuur en dienstverlening`); the rest is the text shown above the indicators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from verantwoord.errors import Location, Problems
from verantwoord.export.csvfiles import utf16_encoding

_NUMBER = re.compile(r"^(\d+)(?:\.(\d+))?(?=$|[\s_-])")
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$")


@dataclass(frozen=True)
class TextFile:
    number: str
    """"4" for a chapter, "4.1" for a section."""
    title: str
    body: str
    location: Location
    """The file, and the line of its heading."""
    body_line: int = 1
    """The line of the file that the body's first line is."""

    def line_at(self, index: int) -> int:
        """The line of the file that the body's character at `index` stands on."""
        return self.body_line + self.body.count("\n", 0, index)

    @property
    def sort_key(self) -> tuple[int, ...]:
        return tuple(int(part) for part in self.number.split("."))

    @property
    def is_chapter(self) -> bool:
        return "." not in self.number


def text_paths(folder: Path) -> list[Path]:
    """The Markdown files of `folder` that are texts of the document, sorted by name.

    Not the hidden ones: the ._4.1.md a Mac writes beside 4.1.md on a shared or USB drive, or an editor's lock
    file. Explorer does not show them, so a message about them could not be acted on.
    """
    return [path for path in sorted(folder.glob("*.md")) if not path.name.startswith(".")]


def read_texts(folder: Path, problems: Problems, unread: set[str] | None = None) -> list[TextFile]:
    """Every chapter and section text in `folder`, sorted by number.

    The numbers of the files that are there but could not be read (not UTF-8, no title) are added to `unread`:
    their problem is reported once, at the file, and not again at every indicator of the section.
    """
    if not folder.is_dir():
        problems.error(
            Location(folder.name),
            "de map met teksten bestaat niet.",
            expected="een map met een Markdown-bestand per hoofdstuk (4.md) en paragraaf (4.1.md)",
            hint="maak de map, of zet de juiste map bij 'tekst' in verantwoord.yaml.",
        )
        return []
    texts: dict[str, TextFile] = {}
    for path in text_paths(folder):
        text = read_text(path, problems)
        if text is None:
            if unread is not None and (match := _NUMBER.match(path.stem)):
                unread.add(match.group(1) if match.group(2) is None else f"{match.group(1)}.{match.group(2)}")
            continue
        if text.number in texts:
            problems.error(
                Location(text.location.file),
                f"er is al een tekst voor {text.number}: {texts[text.number].location.file}.",
                hint="voeg de twee bestanden samen, of geef een ervan een ander nummer.",
            )
            continue
        texts[text.number] = text
    return sorted(texts.values(), key=lambda t: t.sort_key)


def read_text(path: Path, problems: Problems) -> TextFile | None:
    """One chapter or section text; None when it has a problem (reported)."""
    name = f"{path.parent.name}/{path.name}"
    match = _NUMBER.match(path.stem)
    if not match:
        problems.error(
            Location(name),
            "de bestandsnaam begint niet met het nummer van een hoofdstuk of paragraaf.",
            found=path.name,
            expected="een naam zoals 4.md of '4.1 Bestuur en dienstverlening.md'",
        )
        return None
    number = match.group(1) if match.group(2) is None else f"{match.group(1)}.{match.group(2)}"
    text = _read(path, name, problems)
    if text is None:
        return None
    title, body, line, body_line = _split_title(text, number)
    if not title:
        first = text.splitlines()[line - 1].strip() if text.strip() else ""
        almost = first.startswith("#") and not _HEADING.match(first)  # '## Titel', '#Titel': not the title's heading
        problems.error(
            Location(name, line=line),
            "het bestand begint niet met een kop die de titel geeft.",
            found=first if almost else None,
            expected="een eerste regel zoals '# Bestuur en dienstverlening'",
            hint="zet voor de titel één hekje (#) en een spatie." if almost else None,
        )
        return None
    return TextFile(number, title, body, Location(name, line=line), body_line)


_SAVE_AS_UTF8 = "sla het bestand op als UTF-8 (in Kladblok: Opslaan als, Codering: UTF-8)."


def _read(path: Path, name: str, problems: Problems) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.error(Location(name), f"het bestand kan niet worden gelezen: {error.strerror}.")
        return None
    if encoding := utf16_encoding(data):  # Notepad's "Unicode": UTF-16, as a CSV file saved so is read too
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            problems.error(Location(name), "het bestand is UTF-16 ('Unicode'), maar beschadigd.", hint=_SAVE_AS_UTF8)
            return None
    data = data.removeprefix(b"\xef\xbb\xbf")  # Notepad's byte-order mark; taken off first, so offsets are the file's
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        # The line of the first wrong byte, as the CSV reader names it: one 'é' in Windows-1252 is easy to miss.
        problems.error(
            Location(name, line=data.count(b"\n", 0, error.start) + 1),
            "het bestand is geen UTF-8 (waarschijnlijk Windows-1252 of Latin-1).",
            found=f"byte 0x{data[error.start]:02X}",
            expected="tekst in UTF-8",
            hint=_SAVE_AS_UTF8,
        )
    return None


def _split_title(text: str, number: str) -> tuple[str, str, int, int]:
    """The title from the first heading (without a repeated number), the rest, the heading's line, and the line
    the rest begins on."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        match = _HEADING.match(line)
        if not match:
            return "", text, index + 1, index + 1
        rest = "\n".join(lines[index + 1 :])
        body = rest.strip()
        blank = rest.count("\n", 0, rest.find(body)) if body else 0
        return _without_number(match.group(1), number), body + "\n", index + 1, index + 2 + blank
    return "", "", 1, 1


def _without_number(heading: str, number: str) -> str:
    """ "4.1 Dienstverlening" or "4.1. Dienstverlening" in 4.1.md is titled "Dienstverlening".

    Plain string tests: a pattern made per text missed the regex cache at 1,000 texts (0.1 s of every load).
    """
    if heading.startswith(number):
        rest = heading[len(number) :]
        rest = rest[1:] if rest.startswith(".") else rest
        if rest[:1].isspace():
            heading = rest
    return heading.strip()
