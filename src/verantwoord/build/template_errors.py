"""Jinja's errors in a theme's template, said in Dutch: the message of `check` and `build` is Dutch, and a web
developer met "Expected an expression, got 'end of statement block'" in the middle of it. The common syntax errors
are said in Dutch with Jinja's own words after them, to look up; any other keeps Jinja's words."""

from __future__ import annotations

import ast
import difflib
import re
from collections.abc import Callable, Iterable

from jinja2 import TemplateNotFound
from jinja2.filters import FILTERS
from jinja2.tests import TESTS

_TOKENS = {
    "end of statement block": "%}",
    "end of print statement": "}}",
    "begin of statement block": "{%",
    "begin of print statement": "{{",
    "end of comment": "#}",
    "end of template": "het einde van het sjabloon",
    "template data / text": "gewone tekst",
    "name": "een naam",
}


def _token(described: str) -> str:
    """A token as Jinja describes it ('end of statement block'), as it is written (%}), or as it is ('b')."""
    return _TOKENS.get(described, f"'{described}'")


def _closer(tags: str, innermost: str | None) -> str:
    """The tag that closes the innermost open one: 'endif' of "'elif' or 'else' or 'endif'"."""
    names = re.findall(r"'(\w+)'", tags)
    return next((name for name in names if name.startswith("end")), f"end{innermost}" if innermost else names[-1])


def _unclosed(found: re.Match[str]) -> str:
    tags, innermost = found.group("tags"), found.group("innermost")
    if not tags and not innermost:
        return "het sjabloon houdt op voordat een blok gesloten is"
    opened = f"{{% {innermost} %}}" if innermost else "een blok"
    return f"{opened} is niet gesloten: het sjabloon houdt op zonder {{% {_closer(tags, innermost)} %}}"


def _unknown_tag(found: re.Match[str]) -> str:
    tag, tags, innermost = found.group("tag"), found.group("tags"), found.group("innermost")
    if not (tag.startswith("end") or tag in ("else", "elif")):
        return f"{{% {tag} %}} is geen opdracht van Jinja"
    if tags:  # one that closes or continues a block, where another must be closed first
        opened = f"de {{% {innermost} %}}" if innermost else "het blok"
        return f"{{% {tag} %}} staat waar eerst {{% {_closer(tags, innermost)} %}} moet komen, om {opened} te sluiten"
    if tag.startswith("end"):
        return f"{{% {tag} %}} sluit niets: er is geen {{% {tag.removeprefix('end')} %}} open"
    return f"{{% {tag} %}} staat buiten een {{% if %}}" + (" of {% for %}" if tag == "else" else "")


def _unexpected_char(found: re.Match[str]) -> str:
    char = ast.literal_eval(found.group("char"))
    if char in "'\"":
        return f"een tekst zonder sluitend aanhalingsteken ({char})"
    return f"het teken {char} hoort hier niet"


def _unknown_filter(found: re.Match[str]) -> str:
    kind, name = found.group("kind"), found.group("name")
    near = difflib.get_close_matches(name, list(FILTERS if kind == "filter" else TESTS), n=1)
    return f"Jinja kent geen {kind} '{name}'" + (f" (bedoelt u '{near[0]}'?)" if near else "")


_SYNTAX: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"Expected an expression, got '(?P<got>.*)'"),
        lambda found: f"hier hoort een naam, waarde of voorwaarde, maar er staat {_token(found.group('got'))}",
    ),
    (
        re.compile(r"expected token '(?P<wanted>.*)', got '(?P<got>.*)'"),
        lambda found: f"hier hoort {_token(found.group('wanted'))}, maar er staat {_token(found.group('got'))}",
    ),
    (
        re.compile(r"unexpected end of template, expected '(?P<wanted>.*)'\."),
        lambda found: f"het sjabloon houdt op waar nog {_token(found.group('wanted'))} moet komen",
    ),
    (
        re.compile(
            r"Unexpected end of template\.(?: Jinja was looking for the following tags: (?P<tags>.*?)\.)?"
            r"(?: The innermost block that needs to be closed is '(?P<innermost>\w+)'\.)?$"
        ),
        _unclosed,
    ),
    (
        re.compile(
            r"Encountered unknown tag '(?P<tag>\w+)'\.(?: You probably made a nesting mistake\.)?"
            r"(?: Jinja (?:is expecting this tag, but currently looking for|was looking for the following tags:) "
            r"(?P<tags>.*?)\.)?(?: The innermost block that needs to be closed is '(?P<innermost>\w+)'\.)?$"
        ),
        _unknown_tag,
    ),
    (
        re.compile(r"unexpected '(?P<got>.)', expected '(?P<wanted>.)'"),
        lambda found: f"'{found.group('got')}' waar '{found.group('wanted')}' hoort: een haakje niet gesloten?",
    ),
    (re.compile(r"unexpected '}'"), lambda found: "een losse }: sluit af met }} of %}"),
    (re.compile(r"unexpected '(?P<got>.)'"), lambda found: f"'{found.group('got')}' zonder openend haakje ervoor"),
    (  # an operator without what follows it: {{ a ~ }}
        re.compile(r"unexpected '(?P<got>[^']{2,})'"),
        lambda found: f"hier hoort een naam, waarde of voorwaarde, maar er staat {_token(found.group('got'))}",
    ),
    (re.compile(r"No (?P<kind>filter|test) named '(?P<name>\w+)'(?: found)?\."), _unknown_filter),
    (re.compile(r"unexpected char (?P<char>'.'|\"'\") at \d+"), _unexpected_char),
    (re.compile(r"Missing end of comment tag"), lambda found: "een commentaar {# zonder #} erna"),
    (re.compile(r"tag name expected"), lambda found: "na {% ontbreekt de opdracht (if, for, block …)"),
    (
        re.compile(r"block '(?P<name>\w+)' defined twice"),
        lambda found: f"het blok '{found.group('name')}' staat er twee keer in; een blok mag er één keer in staan",
    ),
    (
        re.compile(r"Block names in Jinja have to be valid Python identifiers and may not contain hyphens.*"),
        lambda found: "een bloknaam heeft geen streepje (-): schrijf een liggend streepje (_)",
    ),
)


def in_dutch(error: Exception, templates: Iterable[str]) -> str:
    """What is wrong, in Dutch where we know Jinja's words; `templates` are those there are, for a name mistyped."""
    if isinstance(error, TemplateNotFound):  # its message is the name alone: "basis.html"
        near = difflib.get_close_matches(error.name, list(templates), n=1)
        return f"het sjabloon '{error.name}' bestaat niet" + (f" (bedoelt u '{near[0]}'?)" if near else "")
    message = getattr(error, "message", None) or str(error)
    for pattern, say in _SYNTAX:
        found = pattern.fullmatch(message)
        if found:
            return f"{say(found)} (Jinja: {message})"
    return message
