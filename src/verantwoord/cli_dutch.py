"""Click's own messages in Dutch, as the rest of the command: "Het argument ontbreekt", not "Missing argument".

Click marks its messages for gettext, but takes the language from the environment and ships no catalogue, so a
Dutch P&C advisor who mistypes an option read English between Dutch messages. Its modules look each message up
through the names `_` and `ngettext` they import; `install` points those at this table. A message that a later
Click writes otherwise stays English: tests/test_cli.py checks that Click still has every message here.
"""

from __future__ import annotations

import gettext
import sys

MESSAGES = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Show this message and exit.": "Toon deze uitleg en stop.",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Typ '{command} {option}' voor uitleg.",
    "Aborted!": "Afgebroken.",
    "Missing command.": "Geef een opdracht, zoals build of check.",
    "Missing argument": "Ontbrekend argument",
    "Missing option": "Ontbrekende optie",
    "Missing parameter": "Ontbrekende parameter",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "Option {name!r} does not take a value.": "De optie {name!r} heeft geen waarde.",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    # Only whole numbers are asked for (a year, a port).
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geheel getal.",
    "{value} is not in the range {range}.": "{value} ligt niet in het bereik {range}.",
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand, geen map.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map, geen bestand.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar.",
}
"""Click's message -> ours, with the same {fields}."""

PLURAL_MESSAGES = {
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Bedoelt u {possibility}?",
        "(Bedoelt u een van deze: {possibilities}?)",
    ),
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "Onverwacht extra argument ({args})",
        "Onverwachte extra argumenten ({args})",
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "De optie {name!r} heeft een waarde nodig.",
        "De optie {name!r} heeft {nargs} waarden nodig.",
    ),
}
"""Click's (singular, plural) -> ours."""

CLICK_MODULES = ("core", "exceptions", "types", "parser", "formatting", "decorators", "termui")


def dutch(message: str) -> str:
    return MESSAGES.get(message) or gettext.gettext(message)


def dutch_plural(singular: str, plural: str, count: int) -> str:
    ours = PLURAL_MESSAGES.get((singular, plural))
    if ours is None:
        return gettext.ngettext(singular, plural, count)
    return ours[0] if count == 1 else ours[1]


def install() -> None:
    """Before the commands are declared: Click names a path type ("directory") when it is made."""
    import click  # noqa: F401 (its modules are in sys.modules from here on)

    for name in CLICK_MODULES:
        module = sys.modules.get(f"click.{name}")
        if module is not None:
            if hasattr(module, "_"):
                module._ = dutch
            if hasattr(module, "ngettext"):
                module.ngettext = dutch_plural
