"""Jinja's errors in a theme's template, said in Dutch: the message of `check` and `build` is Dutch, and a web
developer met "Expected an expression, got 'end of statement block'" in the middle of it. The common syntax errors,
and the common errors of rendering (a macro called or imported as an older version had it), are said in Dutch with
Jinja's own words after them, to look up; any other keeps Jinja's words."""

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


_OURS = {"translate": "t"}
"""Our functions that a template calls by another name than their own."""

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
    (
        re.compile(r"non-default argument follows default argument"),
        lambda found: "in de macro staat een argument zonder standaardwaarde (=) na een met: zet die met = achteraan",
    ),
    # Errors when rendered. A macro of ours that a copy made before calls with what it took then, or imports by a name
    # it had then: "the template 'macros.html' (imported on line 2) does not export the requested name 'downloads'".
    (
        re.compile(
            r"the template '(?P<template>[^']+)' \(imported on line (?P<line>\d+)(?: in '[^']+')?\) does not export "
            r"the requested name '(?P<name>\w+)'"
        ),
        lambda found: (
            f"'{found.group('template')}' heeft geen macro of naam '{found.group('name')}' (ingelezen "
            f"op regel {found.group('line')}): kijk in dat sjabloon hoe hij nu heet"
        ),
    ),
    (
        re.compile(r"macro '(?P<name>\w+)' takes not more than (?P<count>\d+) argument\(s\)"),
        lambda found: (
            f"de macro {found.group('name')} krijgt meer waarden dan hij kent (ten hoogste {found.group('count')})"
        ),
    ),
    (
        re.compile(r"macro '(?P<name>\w+)' takes no keyword argument '(?P<argument>\w+)'"),
        lambda found: f"de macro {found.group('name')} kent geen '{found.group('argument')}'",
    ),
    (
        re.compile(r"parameter '(?P<name>\w+)' was not provided"),
        lambda found: f"de macro krijgt geen waarde voor '{found.group('name')}', die hij gebruikt",
    ),
    (
        re.compile(r"extended multiple times"),
        lambda found: "het sjabloon heeft meer dan één {% extends %}; het kan één ander sjabloon uitbreiden",
    ),
    (  # {% for number, chapter in sheets %} over three values each
        re.compile(r"(?:too many|not enough) values to unpack \(expected (?P<wanted>\d+)(?:, got (?P<got>\d+))?\)"),
        lambda found: (
            f"er staan {found.group('wanted')} namen vóór 'in' of '=', maar elk element heeft er "
            + (found.group("got") or "meer")
        ),
    ),
    (
        re.compile(r"cannot unpack non-iterable \w+ object"),
        lambda found: "er staan meer namen vóór 'in' of '=', maar elk element is één waarde",
    ),
    (
        re.compile(r"'(?P<type>\w+)' object is not callable"),
        lambda found: f"dit is een waarde ({found.group('type')}), geen functie: laat de haakjes () erachter weg",
    ),
    (
        re.compile(r'can only concatenate str \(not "\w+"\) to str'),
        lambda found: "tekst en een getal of andere waarde gaan niet met + samen: zet ze met ~ aan elkaar",
    ),
    (
        re.compile(
            r"(?:\w+\.<locals>\.)?(?:do_)?(?P<name>\w+)\(\) missing \d+ required positional arguments?: (?P<names>.+)"
        ),
        lambda found: (
            f"{_OURS.get(found.group('name'), found.group('name'))}() krijgt te weinig waarden: "
            f"{found.group('names')} ontbreekt"
        ),
    ),
    (
        re.compile(r"'(?P<type>\w+)' object is not iterable"),
        lambda found: f"dit is één waarde ({found.group('type')}), geen lijst om te doorlopen",
    ),
    (
        re.compile(r"'[<>]=?' not supported between instances of '(?P<left>\w+)' and '(?P<right>\w+)'"),
        lambda found: f"een {found.group('left')} en een {found.group('right')} zijn niet met elkaar te vergelijken",
    ),
    (re.compile(r"(?:integer )?division(?: or modulo)? by zero"), lambda found: "hier wordt door nul gedeeld"),
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
