"""Load YAML with the line of every key, so a problem in a YAML file can name its line.

PyYAML drops positions after parsing; this loader keeps them in the mappings it builds
(`LineDict.lines`) and reports duplicate keys, which plain YAML silently lets the last one win.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import yaml

from verantwoord.errors import Location, Problems
from verantwoord.export.cells import visible_text
from verantwoord.export.csvfiles import NOTEPAD_ANSI, report_not_utf8, utf16_encoding


class LineDict(dict):
    """A mapping from a YAML file that knows the line of itself and of each of its keys."""

    line: int = 0
    lines: dict[object, int]
    flow: bool = False
    """Written between braces ({periode: 2019, waarde: 95}), where a comma ends a value."""
    written: dict[object, str]
    """Each key as written in the file: YAML reads the key 4.10 as the number 4.1."""


class _Loader(yaml.SafeLoader):
    problems: Problems
    file: str
    text: str
    numbers_as_written: bool = False


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.lines = {}
    result.written = {}
    result.flow = bool(node.flow_style)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in result:
            loader.problems.error(
                Location(loader.file, line=line),
                f"de sleutel '{key}' staat twee keer in dezelfde lijst (ook op regel {result.lines[key]}).",
                hint="verwijder een van beide; YAML zou stil de laatste gebruiken.",
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
        if result[key] is None and isinstance(value_node, yaml.ScalarNode) and not value_node.value:
            _warn_of_a_value_read_as_comment(loader, key_node, key)
        if isinstance(key_node, yaml.ScalarNode):
            result.written[key] = key_node.value
    return result


def _warn_of_a_value_read_as_comment(loader: _Loader, key_node: yaml.Node, key: object) -> None:
    """`kleur: #154273` is a key without a value and a comment: the setting fell back to its default without a
    word. A comment written as one, `# ...` with a space, is taken to be one."""
    mark = key_node.end_mark
    end = loader.text.find("\n", mark.index)
    value = loader.text[mark.index : end if end >= 0 else None].lstrip().removeprefix(":").lstrip()
    if value.startswith("#") and (len(value) == 1 or not value[1].isspace()):
        loader.problems.warning(
            Location(loader.file, line=mark.line + 1),
            f"de waarde van '{key}' begint met # en is daardoor commentaar: '{key}' is leeg.",
            found=value.rstrip(),
            hint=f'zet de waarde tussen aanhalingstekens: {key}: "{value.rstrip()}".',
        )


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> object:
    """A date or moment; one that does not exist (2021-02-29) is reported at its line and kept as text. With
    `numbers_as_written` (an export) the text as written: a period or figure that looks like a date is checked as
    what it is, not as a date Excel would have made of it."""
    if loader.numbers_as_written:
        return node.value
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        loader.problems.error(
            Location(loader.file, line=node.start_mark.line + 1), f"'{node.value}' is geen bestaande datum."
        )
        return node.value


def _construct_number(loader: _Loader, node: yaml.ScalarNode) -> object:
    """A number, but "4:30" stays text: YAML 1.1 reads it as 270 (base 60), a figure nobody entered. With
    `numbers_as_written` every number stays the text it was written as: 7.10 is not 7.1, nor 010 eight (octal)."""
    if ":" in node.value or loader.numbers_as_written:
        return node.value
    if node.tag.endswith(":int"):
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    return yaml.SafeLoader.construct_yaml_float(loader, node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _construct_bool(loader: _Loader, node: yaml.ScalarNode) -> object:
    """yes, no, on, off: with `numbers_as_written` the word, not a truth value (`bron: no` was published ONWAAR)."""
    if loader.numbers_as_written:
        return node.value
    return yaml.SafeLoader.construct_yaml_bool(loader, node)


_Loader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_number)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_number)


_DUTCH_PROBLEMS = {
    "sequence entries are not allowed here": "hier mag geen lijst beginnen (een '-' na een ':')",
    "mapping values are not allowed here": "hier mag geen ':' staan",
    "found character '\\t' that cannot start any token": "er staat een tab",
    "expected <block end>, but found '-'": "een '-' staat niet even ver ingesprongen als de regels ervoor",
    "expected <block end>, but found '<scalar>'": "deze regel staat niet even ver ingesprongen als de regels ervoor",
    "expected <block end>, but found '<block mapping start>'": (
        "deze regel staat niet even ver ingesprongen als de regels ervoor"
    ),
}
"""PyYAML's messages that people meet most, in Dutch; any other is passed on as it is."""
_QUOTE_IT = "een waarde die met {} begint, hoort tussen aanhalingstekens"
_STARTS = {
    "while scanning an alias": "'*'",
    "while scanning an anchor": "'&'",
    "while scanning a block scalar": "'|' of '>'",
}
"""Where PyYAML stops at the first character of a value (a pattern like *.csv in `bestanden`), the character."""


_APOSTROPHE = (
    "een waarde die met een apostrof (') begint, leest YAML als tekst tussen enkele aanhalingstekens, en die sluit "
    "op deze regel niet"
)
_APOSTROPHE_HINT = "zet een waarde die met een apostrof begint tussen dubbele aanhalingstekens: {}."
_DOUBLE_QUOTE = 'deze waarde begint met een aanhalingsteken ("), maar sluit er niet mee'
_DOUBLE_QUOTE_HINT = 'zet ook aan het eind van de waarde een aanhalingsteken ("), op dezelfde regel.'


def _unclosed_quote(error: yaml.YAMLError, text: str) -> tuple[str, yaml.Mark, str | None] | None:
    """A quoted value that does not close where it was meant to, at the line it opens.

    `organisatie: 's-Hertogenbosch` (or 's-Gravenhage) opens a text between single quotes that runs on to the end of
    the file, where PyYAML stops ("regel 10" of a file of nine lines), or to the next apostrophe in the file, after
    which the rest of that line cannot be read. The line to name is the one of the apostrophe, and the hint is the
    value between double quotes."""
    context_mark = getattr(error, "context_mark", None)
    problem_mark = getattr(error, "problem_mark", None)
    if getattr(error, "context", None) == "while scanning a quoted scalar" and context_mark is not None:
        start = context_mark
    elif problem_mark is not None:
        start = _apostrophe_closed_before(text, problem_mark)
        if start is None:
            return None
    else:
        return None
    if text[start.index] == '"':
        return _DOUBLE_QUOTE, start, _DOUBLE_QUOTE_HINT
    line_start = text.rfind("\n", 0, start.index) + 1
    line_end = text.find("\n", start.index)
    before = text[line_start : start.index].lstrip()
    value = re.sub(r"\s+#.*", "", text[start.index : line_end if line_end >= 0 else None]).rstrip()
    # Only for a value after its key or '-': within [ ] or { } a comma ends it, and the hint would not fit.
    plain = _KEY_OR_DASH.fullmatch(before) and '"' not in value
    hint = _APOSTROPHE_HINT.format(f'{before}"{value}"') if plain else None
    return _APOSTROPHE, start, hint


def _apostrophe_closed_before(text: str, mark: yaml.Mark) -> yaml.Mark | None:
    """The start of a value between single quotes that began with an apostrophe on an earlier line and was closed by
    the apostrophe just before `mark`, where PyYAML found what it could not read (`titel: 'Jaarverslag'` after
    `organisatie: 's-Hertogenbosch`)."""
    close = text.rfind("'", 0, mark.index)
    if close < 0 or text[close + 1 : mark.index].strip():
        return None
    for match in _VALUE_STARTS_WITH_APOSTROPHE.finditer(text, 0, close):
        start = match.end() - 1
        end = _single_quoted_end(text, start)
        if end == close and text.count("\n", start, close):
            line = text.count("\n", 0, start)
            return yaml.Mark(mark.name, start, line, start - text.rfind("\n", 0, start) - 1, text, start)
    return None


_KEY_OR_DASH = re.compile(r"(?:- +)*(?:[^\s#'\"\[{][^#\[{]*?: +)?")
_VALUE_STARTS_WITH_APOSTROPHE = re.compile(r"^[ \t]*(?:- +|[^\s#'\"][^\n#]*?: +)'", re.MULTILINE)


def _single_quoted_end(text: str, start: int) -> int:
    """Where the value between single quotes that opens at `start` closes ('' is an apostrophe within it); -1 if not."""
    at = start + 1
    while (at := text.find("'", at)) >= 0:
        if text[at + 1 : at + 2] != "'":
            return at
        at += 2
    return -1


def _in_dutch(error: yaml.YAMLError, text: str) -> tuple[str, yaml.Mark | None, str | None]:
    """PyYAML's problem in Dutch where it is one people make, the mark of the line to name, and a hint of its own
    (None: the general one)."""
    if unclosed := _unclosed_quote(error, text):
        return unclosed
    problem, mark = _problem_in_dutch(error)
    return problem, mark, None


def _problem_in_dutch(error: yaml.YAMLError) -> tuple[str, yaml.Mark | None]:
    problem = str(getattr(error, "problem", None) or error)
    context = getattr(error, "context", None)
    mark = getattr(error, "problem_mark", None)
    if problem in _DUTCH_PROBLEMS:
        return _DUTCH_PROBLEMS[problem], mark
    if context in _STARTS:
        return _QUOTE_IT.format(_STARTS[context]), mark
    if problem.startswith("found undefined alias"):
        return _QUOTE_IT.format("'*'"), mark
    if problem.startswith("could not determine a constructor for the tag '!"):
        return _QUOTE_IT.format("'!'"), mark
    character = re.fullmatch(r"found character '(.)' that cannot start any token", problem)
    if character:
        return _QUOTE_IT.format(f"'{character[1]}'"), mark
    # A list or group between brackets that is not closed: named at the line it opens.
    if context == "while parsing a flow sequence":
        return "een lijst die met '[' begint, sluit niet met ']'", getattr(error, "context_mark", None) or mark
    if context == "while parsing a flow mapping":
        return "een groep die met '{' begint, sluit niet met '}'", getattr(error, "context_mark", None) or mark
    return problem, mark


def load_yaml(path: Path, problems: Problems, numbers_as_written: bool = False) -> object | None:
    """The parsed file, or None when it cannot be read or parsed (reported in `problems`).

    `numbers_as_written` keeps numbers and yes/no as their text, for an export that must be published exactly as
    entered."""
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.error(Location(path.name), f"het bestand kan niet worden gelezen: {error.strerror}.")
        return None
    # Notepad's "Unicode" is UTF-16, read as a Markdown text or CSV file so saved is; its "ANSI" Windows-1252.
    encoding = utf16_encoding(data)
    try:
        text = data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as error:
        if encoding:
            problems.error(
                Location(path.name), "het bestand is UTF-16 ('Unicode'), maar beschadigd.", hint=NOTEPAD_ANSI["hint"]
            )
        else:
            start = error.start + (3 if data.startswith(codecs.BOM_UTF8) else 0)  # counted after the mark
            report_not_utf8(path.name, data, start, problems, **NOTEPAD_ANSI)
        return None
    text = visible_text(text, path.name, problems)
    loader = _Loader(text)
    loader.problems = problems
    loader.file = path.name
    loader.text = text
    loader.numbers_as_written = numbers_as_written
    try:
        data = loader.get_single_data()
        if data is None:
            problems.error(Location(path.name, line=1), "het bestand is leeg (of er staat alleen commentaar in).")
        return data
    except yaml.YAMLError as error:
        problem, mark, hint = _in_dutch(error, text)
        problems.error(
            Location(path.name, line=mark.line + 1 if mark else None),
            f"dit is geen geldige YAML: {problem}.",
            hint=hint
            or "let op inspringing met spaties (geen tabs) en zet tekst met ':', '#' of een '-' aan het begin "
            'tussen aanhalingstekens (waarde: "-").',
        )
        return None
    finally:
        loader.dispose()
