"""Read the document's structure and narrative from Markdown files.

One file per chapter and per section, named by its number: `4.md` for chapter 4, `4.1.md` (or
`4.1 Bestuur en dienstverlening.md`) for section 4.1. The file starts with a heading that gives the
title (`# Bestuur en dienstverlening`); the rest is the text shown above the indicators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from verantwoord.errors import Location, Problems, hidden_extension_hint
from verantwoord.export.cells import visible_text
from verantwoord.export.csvfiles import NOTEPAD_ANSI, report_not_utf8, utf16_encoding

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
    file. Explorer does not show them, so a message about them could not be acted on. The extension in any case:
    Windows read 4.1.MD as a text, and a build on a server (Linux) or a Mac left the section out.
    """
    if not folder.is_dir():
        return []
    return [
        path
        for path in sorted(folder.iterdir())
        if path.suffix.lower() == ".md" and not path.name.startswith(".") and path.name.lower() != STATEMENT_FILE
    ]


STATEMENT_FILE = "toegankelijkheid.md"
"""The organisation's own accessibility statement, beside the texts: the site shows it instead of verantwoord's
draft, which has parts for the organisation to fill in."""


def read_statement(folder: Path, problems: Problems) -> TextFile | None:
    """The accessibility statement in `folder`, if there is one; None when there is none or it has a problem
    (reported). Its number is empty: it is no chapter or section."""
    if not folder.is_dir():
        return None
    path = next((path for path in sorted(folder.iterdir()) if path.name.lower() == STATEMENT_FILE), None)
    if path is None:
        return None
    name = f"{folder.name}/{path.name}"
    text = _read(path, name, problems)
    return None if text is None else _titled(text, "", name, problems, "# Toegankelijkheidsverklaring")


def _saved_as_txt(folder: Path) -> list[tuple[Path, str, str]]:
    """The texts saved with .txt behind their name, with their number and the name meant: 4.1.md.txt (or
    '4.1 Bestuur.md.txt'), and 4.1.txt, but not '2020 notities.txt' or '2025.txt', which may be notes of the
    author's: a plain .txt only with a number a chapter has (at most three digits).

    Notepad, or a new text document made in Explorer and renamed to 4.1.md, gives 4.1.md.txt, and Windows hides the
    '.txt': the section was left out without a word, and each of its indicators had "maak een tekstbestand 4.1.md"
    beside the file the user had made."""
    found = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() != ".txt" or path.name.startswith(".") or not path.is_file():
            continue
        name = path.name[: -len(path.suffix)]
        if name.lower().endswith(".md"):
            match = _NUMBER.match(name[:-3])
        else:
            match = _NUMBER.fullmatch(name)
            match = match if match and len(match.group(1)) <= 3 else None  # 2025.txt: a year's notes, no chapter
            name += ".md"
        if match:
            found.append((path, _number(match), name))
    return found


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
                unread.add(_number(match))
            continue
        if text.number in texts:
            problems.error(
                Location(text.location.file),
                f"er is al een tekst voor {text.number}: {texts[text.number].location.file}.",
                hint="voeg de twee bestanden samen, of geef een ervan een ander nummer.",
            )
            continue
        texts[text.number] = text
    for path, number, meant in _saved_as_txt(folder):
        location = Location(f"{folder.name}/{path.name}")
        named = path.name.lower().endswith(".md.txt")
        hint = (
            hidden_extension_hint(meant)
            if named
            else f"een tekst heet naar zijn nummer, met .md erachter: hernoem het naar {meant} (zet in de Verkenner "
            "onder Beeld 'Bestandsnaamextensies' aan om te zien hoe een bestand echt heet)."
        )
        if number in texts:  # a copy beside the text that is read: the one the user edits, perhaps
            problems.warning(
                location,
                f"dit bestand wordt niet gelezen: de tekst van {number} komt uit {texts[number].location.file}.",
                hint=f"staat de tekst die u bijwerkt in {path.name}, zet hem dan in {texts[number].location.file}; "
                "haal daarna dit bestand weg.",
            )
            continue
        problems.error(location, "dit bestand wordt niet gelezen.", hint=hint)
        if unread is not None:
            unread.add(number)  # its indicators are not told again that the section has no text
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
    number = _number(match)
    text = _read(path, name, problems)
    return None if text is None else _titled(text, number, name, problems)


def _titled(
    text: str, number: str, name: str, problems: Problems, example: str = "# Bestuur en dienstverlening"
) -> TextFile | None:
    title, body, line, body_line = _split_title(text, number)
    if not title:
        first = text.splitlines()[line - 1].strip() if text.strip() else ""
        almost = first.startswith("#") and not _HEADING.match(first)  # '## Titel', '#Titel': not the title's heading
        problems.error(
            Location(name, line=line),
            "het bestand begint niet met een kop die de titel geeft.",
            found=first if almost else None,
            expected=f"een eerste regel zoals '{example}'",
            hint="zet voor de titel één hekje (#) en een spatie." if almost else None,
        )
        return None
    if number and (heading_number := _HEADING_NUMBER.match(title)):
        _warn_of_another_number(
            heading_number[1] or heading_number[2], number, title, Location(name, line=line), problems
        )
    return TextFile(number, title, body, Location(name, line=line), body_line)


_HEADING_NUMBER = re.compile(r"(\d{1,3}(?:\.\d{1,2})+)\.?\s|(\d{1,3})\.\s")
"""A number at the start of a title that is a chapter's or section's (4.2, 4.2.1, '5. '), not a count or amount
('3 decentralisaties', '1.000 woningen')."""


def _warn_of_another_number(written: str, number: str, title: str, location: Location, problems: Problems) -> None:
    """`# 4.2 Financiën` in 4.1.md (a section renumbered, its heading not): the number of the file is the one shown,
    and the heading's stays in the title, as '4.1 4.2 Financiën' at 4-1-4-2-financien/."""
    chapter = "." not in number
    shown = f"{number}. {title}" if chapter else f"{number} {title}"
    kind = "hoofdstuk" if "." not in written else "paragraaf"
    rename = f", of hernoem het bestand naar {written}.md als dit {kind} {written} is" if written.count(".") < 2 else ""
    problems.warning(
        location,
        f"de kop begint met het nummer {written}, maar het nummer komt uit de bestandsnaam ({number}): op de website "
        f"staat '{shown}', ook in het adres van de pagina.",
        hint=f"haal het nummer uit de kop{rename}.",
    )


def _number(match: re.Match[str]) -> str:
    """The number of a text from the start of its name: "4" or "4.1"."""
    return match.group(1) if match.group(2) is None else f"{match.group(1)}.{match.group(2)}"


def _read(path: Path, name: str, problems: Problems) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.error(Location(name), f"het bestand kan niet worden gelezen: {error.strerror}.")
        return None
    if encoding := utf16_encoding(data):  # Notepad's "Unicode": UTF-16, as a CSV file saved so is read too
        try:
            return visible_text(data.decode(encoding), name, problems)
        except UnicodeDecodeError:
            problems.error(
                Location(name), "het bestand is UTF-16 ('Unicode'), maar beschadigd.", hint=NOTEPAD_ANSI["hint"]
            )
            return None
    data = data.removeprefix(b"\xef\xbb\xbf")  # Notepad's byte-order mark; taken off first, so offsets are the file's
    try:
        return visible_text(data.decode("utf-8"), name, problems)
    except UnicodeDecodeError as error:
        # The line and the word of the first wrong byte, as the CSV reader names them: one 'é' is easy to miss.
        report_not_utf8(name, data, error.start, problems, **NOTEPAD_ANSI)
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
