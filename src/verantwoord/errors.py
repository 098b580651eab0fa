"""Every way verantwoord can fail, in one tree.

    VerantwoordError              base: the CLI turns any of these into a message and exit code 1
    ├── InvalidProject            the input has problems (errors, or warnings under --strict);
    │                             carries every Problem found, so the user fixes all in one round
    ├── ProjectNotFound           no verantwoord.yaml where the user pointed
    ├── TemplateFailed            a theme's template cannot be compiled or rendered
    └── BuildFailed               writing the output failed; the previous output is left as it was
                                  (exit code 3: the input may be in order), or a PDF beside a site that
                                  was built (exit code 1 when a theme's template failed in it)

Problems are data, not exceptions: readers collect them in a `Problems` list and go on reading, so
one run reports everything. Messages are Dutch, because the people who fix them are P&C staff.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from verantwoord.publish import BuildResult


class Severity(StrEnum):
    ERROR = "fout"
    WARNING = "waarschuwing"


@dataclass(frozen=True)
class Location:
    """Where a problem is: file, and a sheet and cell, or a line with its column (CSV) or key (YAML)."""

    file: str
    sheet: str | None = None
    cell: str | None = None
    line: int | None = None
    column: str | None = None
    key: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"blad {self.sheet}")
        if self.cell:
            parts.append(f"cel {self.cell}")
        if self.line is not None:
            parts.append(f"regel {self.line}")
        if self.column:
            parts.append(f"kolom {self.column}")
        if self.key:
            parts.append(f"sleutel {self.key}")
        return ", ".join(parts)


_INVISIBLE = {"\t": "[tab]", "\u00a0": "[vaste spatie]", "\u200b": "[onzichtbare spatie]", "\ufeff": "[BOM]"}


def shown_as_typed(text: str) -> str:
    """A value as the user typed it, not as Python writes it (a Windows path keeps single backslashes: C:\\temp),
    with what cannot be seen made visible: a line break (Alt+Enter) as ↵, a non-breaking or zero-width space
    by name, any other invisible character by its code ("kcc" and "kcc" with a zero-width space looked alike)."""
    text = text.replace("\r\n", "↵").replace("\n", "↵").replace("\r", "↵")
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _INVISIBLE.get(c, f"[U+{ord(c):04X}]") for c in text)


_APOSTROPHES = "'’‘`"


def quoted(text: str) -> str:
    """A value between quotes in a message: 'kcc', or "'22" when it begins or ends with an apostrophe, which single
    quotes made ''22' (a period typed with its apostrophe read as quoted twice, or a quote left open)."""
    if text and (text[0] in _APOSTROPHES or text[-1] in _APOSTROPHES):
        return f'"{text}"'
    return f"'{text}'"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: what, where, the value found, what was expected, and a hint."""

    severity: Severity
    location: Location
    message: str
    found: str | None = None
    expected: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        if self.found is not None:
            text += f" Gevonden: {quoted(shown_as_typed(self.found))}."
        if self.expected:
            text += f" Verwacht: {self.expected}."
        if self.hint:
            text += f" Hint: {self.hint}"
        return text


def location_data(location: Location | None) -> dict | None:
    """A location as plain data for JSON (`diff --json`, `check --json`); the keys are documented in
    docs/opdrachten.md. A YAML file's key is its `kolom`, as the keys stay the same for every kind of export."""
    if location is None:
        return None
    return {
        "tekst": str(location),
        "bestand": location.file,
        "blad": location.sheet,
        "cel": location.cell,
        "regel": location.line,
        "kolom": location.column or location.key,
    }


def problem_data(problem: Problem) -> dict:
    """A problem as plain data for JSON (`check --json`, `build --json`), in the words of the message."""
    return {
        "ernst": problem.severity.value,
        "melding": problem.message,
        "gevonden": problem.found,
        "verwacht": problem.expected,
        "hint": problem.hint,
        "tekst": str(problem),
        "plaats": location_data(problem.location),
    }


class Problems(list[Problem]):
    """The problems found so far in one run."""

    def error(self, location: Location, message: str, **details: str | None) -> None:
        self.append(Problem(Severity.ERROR, location, message, **details))

    def warning(self, location: Location, message: str, **details: str | None) -> None:
        self.append(Problem(Severity.WARNING, location, message, **details))

    def drop_repeats(self) -> None:
        """Keep the first of identical problems: what several documents share is checked for each, reported once."""
        self[:] = dict.fromkeys(self)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if p.severity is Severity.WARNING]


class VerantwoordError(Exception):
    """Base of every error verantwoord raises on purpose."""


class InvalidProject(VerantwoordError):
    def __init__(self, problems: list[Problem], strict: bool = False) -> None:
        self.problems = list(problems)
        self.strict = strict
        errors = sum(p.severity is Severity.ERROR for p in self.problems)
        warnings = len(self.problems) - errors
        if errors:
            summary = f"{errors} {'fout' if errors == 1 else 'fouten'}"
        else:
            summary = f"{warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'} (strikte modus)"
        self.verdict = f"De invoer is niet in orde: {summary}."
        """The message without "Er is niets geschreven.", for a command that writes nothing anyway (check)."""
        super().__init__(f"{self.verdict} Er is niets geschreven.")


class ProjectNotFound(VerantwoordError):
    """No project where the user pointed: one problem, at the folder, which `--json` lists among `meldingen`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        missing, here = f"{path / 'verantwoord.yaml'} bestaat niet", "er staat geen verantwoord.yaml in deze map"
        hint = "maak een project met 'verantwoord new MAP', of geef de map van het project op."
        if not path.exists():  # a typo in the folder's name: no second project is wanted
            missing, here = f"de map {path} bestaat niet", "deze map bestaat niet"
            hint = "kijk of de naam van de map klopt, of maak een project met 'verantwoord new MAP'."
        elif (path / "verantwoord.yaml.txt").is_file():
            hint = hidden_extension_hint("verantwoord.yaml")
        elif (path.parent / "verantwoord.yaml").is_file():  # typed in the project's tekst/
            hint = f"de map erboven, {path.parent}, is een project: ga daarheen met 'cd ..', of geef die map op."
        super().__init__(f"Geen project gevonden: {missing}. Hint: {hint}")
        # At the folder, which the message then need not name again.
        self.problems = [Problem(Severity.ERROR, Location(str(path)), f"Geen project gevonden: {here}.", hint=hint)]


class TemplateFailed(VerantwoordError):
    """A template (a theme's, mostly) that cannot be compiled or rendered: the message is its one problem, at the
    template's file and line, which `--json` lists among `meldingen` as any other error in the input."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problems = [problem]


def hidden_extension_hint(name: str) -> str:
    """Notepad saves 'verantwoord.yaml' as 'verantwoord.yaml.txt', and Windows hides the '.txt' it added."""
    return (
        f"het bestand heet {name}.txt: Kladblok zette er .txt achter, en Windows verbergt dat. Hernoem het naar "
        f"{name} (zet in de Verkenner onder Beeld 'Bestandsnaamextensies' aan om het te zien)."
    )


_WRITE_REASONS = {
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "het quotum op de schijf is op",
    errno.EROFS: "de schijf is alleen te lezen (read-only)",
    errno.EACCES: "geen rechten om daar te schrijven",
    errno.EPERM: "geen rechten om daar te schrijven",
}


def write_reason(error: OSError) -> str:
    """Why writing failed: in Dutch for the causes a host meets (a full disk, a read-only mount, no rights), which a
    Dutch message said in the system's English ('No space left on device'); the system's words for the others."""
    return _WRITE_REASONS.get(error.errno or 0) or error.strerror or str(error)


class BuildFailed(VerantwoordError):
    """Writing the site failed; the previous output is untouched. Or a PDF failed beside a site that was built: then
    `problems` are the input's warnings, for the command to tell as a build does, and the error of a theme's template
    that the PDF failed on, which the message says too; `built` is the site's `BuildResult` (with the PDFs that were
    made), for the command to say where it is."""

    def __init__(self, message: str, problems: list[Problem] | None = None, built: BuildResult | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])
        self.built = built
