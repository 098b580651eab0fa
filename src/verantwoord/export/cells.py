"""Read one cell of an export as people fill it in Dutch spreadsheets.

Pure functions, no I/O. Each raises `CellError` with the Dutch words a user needs: what was expected
and a hint, in the words of its file (`Words`): "in de kolom 'tekst'" of a sheet or CSV file is "bij de sleutel
'tekst'" in YAML, and only a value typed in Excel is told what Excel did to it. The caller adds where the cell is.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.lists import format_list

from verantwoord.errors import Location, Problems, quoted
from verantwoord.export.table import Words, sheet_words
from verantwoord.model import NOT_YET_KNOWN, Figure, NoFigure, Number, Range


class CellError(ValueError):
    def __init__(self, message: str, expected: str, hint: str | None = None, *, says_found: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.expected = expected
        self.hint = hint
        self.says_found = says_found
        """The message shows the cell as it is: 'Gevonden' would say it again."""


NO_FIGURE_MARKERS = frozenset({"", "-", "–", "—", "n.b.", "n.b", "nb", "geen cijfer", "#", "n.v.t.", "nvt"})
"""What people write for "there is no figure": never read as zero."""
NOT_YET_KNOWN_MARKERS = frozenset({"n.n.b.", "nnb", "n.n.b", NOT_YET_KNOWN})

FIGURE_EXPECTED = "een getal (78, 7,1, 1.234,5), een bereik (6-6,5) of 'geen cijfer'"

EXCEL_ERROR_VALUE = re.compile(
    r"#(?:N/A|N/B|DIV/0!|DEEL/0!|VALUE!|WAARDE!|REF!|VERW!|NAME\?|NAAM\?|NUM!|GETAL!|NULL!|LEEG!|SPILL!|OVERLOPEN!"
    r"|OVERLOOP!|CALC!|BEREKENEN!|FIELD!|UNKNOWN!|BLOCKED!|CONNECT!|BUSY!|GETTING_DATA|GEGEVENS_OPHALEN)"
)
"""An error value as Excel writes it into a CSV file, in English and in Dutch Excel (#N/B, #DEEL/0!)."""
_DUTCH_ERROR_NAMES = {
    "#NULL!": "#LEEG!",
    "#DIV/0!": "#DEEL/0!",
    "#VALUE!": "#WAARDE!",
    "#REF!": "#VERW!",
    "#NAME?": "#NAAM?",
    "#NUM!": "#GETAL!",
    "#N/A": "#N/B",
    "#GETTING_DATA": "#GEGEVENS_OPHALEN",
    "#SPILL!": "#OVERLOOP!",  # as Microsoft's Dutch help names it; #OVERLOPEN! is read too
    "#CALC!": "#BEREKENEN!",
}
"""What Dutch Excel shows for the error value a workbook stores: the file always has the English code. The newer
errors #FIELD!, #UNKNOWN!, #BLOCKED!, #CONNECT! and #BUSY! have no Dutch name that could be confirmed: they are
named in English, as the file does."""


def error_cell_as_shown(stored: str) -> str:
    """An error cell's value as Dutch Excel shows it, with the code the file stores: '#DEEL/0! (#DIV/0!)'. A user
    with Dutch Excel searched her sheet for '#DIV/0!' and found nothing."""
    dutch = _DUTCH_ERROR_NAMES.get(stored)
    return f"{dutch} ({stored})" if dutch else stored


def report_error_value(problems: Problems, location: Location, value: str, figure: bool) -> None:
    """An Excel error value (#N/A) where verantwoord reads a value: a formula that failed, never "no figure"."""
    problems.error(
        location,
        "de cel bevat een Excel-foutwaarde.",
        found=value,
        expected="een waarde",
        # 'geen cijfer' with a reason is a way out for a figure, not for a title or a source.
        hint="herstel de formule in Excel, of vervang de cel door 'geen cijfer' met een reden."
        if figure
        else "herstel de formule in Excel, of vervang de cel door de juiste waarde.",
    )


CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
"""Control characters other than tab and line breaks (ESC, a vertical tab from Word, DEL, C1 such as 0x9B), and the
noncharacters (U+FFFE, a byte order mark read the wrong way round; U+FFFF): no text means them, the HTML validator
refuses them in a page, a screen reader may stop at them, and YAML does not read a file with one."""
_SEPARATORS = str.maketrans(dict.fromkeys("\x0b\x0c\x1c\x1d\x1e\x1f\x85", " "))
"""Those that part words (a vertical tab is Word's line break): a space, not words glued together."""


def without_control_characters(text: str) -> str:
    """`text` as published: its control characters left out, or a space for those that part words."""
    return CONTROL_CHARACTERS.sub("", text.translate(_SEPARATORS))


def control_characters_left_out(text: str) -> str:
    """The warning's words for the control characters of `text`, each by its code: 'U+001B en U+009B'."""
    codes = list(dict.fromkeys(f"U+{ord(c):04X}" for c in CONTROL_CHARACTERS.findall(text)))
    what, them = (
        ("een stuurteken dat niet te zien is", "het")
        if len(codes) == 1
        else ("stuurtekens die niet te zien zijn", "ze")
    )
    return f"de tekst bevat {what} ({format_list(codes, locale='nl')}): verantwoord laat {them} weg."


CONTROL_CHARACTERS_HINT = "haal het weg waar de tekst vandaan komt; het komt mee met tekst uit een ander programma."


def visible_text(text: str, name: str, problems: Problems) -> str:
    """A whole file's text without control characters, as an export's texts are, with a warning at the first line
    that had one (and the numbers of the others): a Markdown text had them in its page, which the HTML validator
    refuses, and verantwoord.yaml with one pasted in stopped check with a traceback (PyYAML's ReaderError)."""
    lines = list(dict.fromkeys(text.count("\n", 0, m.start()) + 1 for m in CONTROL_CHARACTERS.finditer(text)))
    if not lines:
        return text
    more = f" Ook op regel {format_list([str(line) for line in lines[1:]], locale='nl')}." if lines[1:] else ""
    problems.warning(
        Location(name, line=lines[0]), control_characters_left_out(text) + more, hint=CONTROL_CHARACTERS_HINT
    )
    return without_control_characters(text)


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_INVISIBLE_EDGES = " \u200b\u200c\u200d\u2060\ufeff"
"""A space, and what shows as nothing at all: a zero-width space or byte order mark that came along with a figure
pasted from a web page or PDF ("7,1" and a zero-width space was told its separators were wrong)."""
_SPACED_DIGITS = re.compile(r"\d[\s\u00a0\u202f\u2009]+\d")
_SPACE_GROUPED = re.compile(r"\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[,.]\d+)?")
"""1 234 567,5: thousands set apart with a space, as some write them. Nothing else may stand between digits."""
_DIGIT_SPAN = re.compile(r"\d.*\d", re.DOTALL)
_MINUS = str.maketrans({"−": "-", "–": "-", "—": "-"})
_DIGITS = re.compile(r"\d+")
_DUTCH_GROUPED = re.compile(r"\d{1,3}(\.\d{3})+(,\d+)?")
_ENGLISH_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
_AMBIGUOUS_DOT = re.compile(r"[1-9]\d{0,2}\.\d{3}")
_NOTATIONS = (
    (re.compile(r"\(\s*[0-9.,]+\s*\)"), "een negatief getal schrijft u met een minteken ervoor, zoals -3,5.", None),
    (re.compile(r"[0-9.,]+\s*-"), "het minteken hoort vóór het getal: -3,5.", None),
    (
        re.compile(r"[-+]?[0-9.,]*[0-9]\s*[eE]\s*[-+]?[0-9]+"),
        "zo schrijven Excel en andere programma's een heel groot of klein getal: schrijf het hele getal (in Excel: "
        "maak de cel van het type Getal of Tekst en typ het opnieuw).",
        "zo schrijven programma's een heel groot of klein getal (met E en de macht van tien): schrijf het hele getal.",
    ),
    (
        re.compile(
            r"\d{1,2}[-/ ](jan|feb|mrt|maa|mar|apr|mei|may|jun|jul|aug|sep|okt|oct|nov|dec)[a-z]*\.?([-/ ]\d{2,4})?",
            re.I,
        ),
        "Excel heeft hier een datum van gemaakt (van 6-6,5 of 1.6 bijvoorbeeld): maak de cel van het type Tekst en typ "
        "de waarde opnieuw.",
        "dit is een datum: een programma maakt van een bereik als 6-6,5 of een getal als 1.6 soms een datum. Schrijf "
        "de waarde zoals die bedoeld is.",
    ),
    (
        re.compile(r".*\d.*[$£].*|.*[$£].*\d.*"),
        "laat het valutateken weg; zet het {in_column} eenheid van de indicator (zoals $ of x € 1.000).",
        None,
    ),
)
"""Ways of writing a number that verantwoord does not read, with what to do instead, and the same said to a file not
typed in Excel (None: the same words): accounting brackets, a minus after the number (SAP), scientific notation, a
value made into a date, a currency sign other than the euro's (which is read: € 12, 12 €). {in_column} is "in de
kolom", or the file's own words for it."""
_SHEET = sheet_words("Waarden")
"""The words of the sheet Waarden: a figure's, unless its file has other words."""
_RANGE = re.compile(r"(.*\d)\s*[-–—]\s*([.,]?\d.*)")  # ",5-,7" too: a number may begin with its decimal sign
_PLAIN_NUMBER = re.compile(r"\d{1,3}|\d+,\d+|\d+\.(?!\d{3}$)\d+|[1-9]\d{3,}|0\d+")
"""Numbers that need no further thought: no sign, no grouping, and not the ambiguous 1.234."""
_FOOTNOTE_MARK = re.compile(r"\s*([*†‡¹²³⁴⁵⁶⁷⁸⁹]+)$")


class Formatted(Decimal):
    """A number cell whose number format shows it with a fixed count of decimals (0, 0.0, #,##0.00, 0%, #,##0.0,): the
    figure in full, as it was typed or a formula made it, at the scale the format shows it (78.49 for 0.7849 shown
    as 78%), and `shown`, the figure as Excel shows it (78), rounded as Excel rounds. An indicator without
    `decimalen` publishes `shown`, what the user sees; with `decimalen`, the figure in full is rounded to them once
    (never 78.4912 to 78.5 and then to 79)."""

    __slots__ = ("places", "shown")

    shown: Decimal
    places: int | None
    """The decimals Excel rounds the figure to; None for a format that does not say (its sections differ by a
    condition)."""


class ShownAsPercentage(Formatted):
    """A cell's figure that Excel shows with a percent sign (78%): the check warns when the indicator's unit is no
    percentage, as it does for the text '78%'."""

    __slots__ = ()


def formatted(kind: type[Formatted], number: Decimal, places: tuple[int, int] | None) -> Formatted:
    """`number` as a cell whose format shows (at most, at least) `places` decimals: 78.4912 under 0.0 shows 78.5,
    7.1 under 0.00 shows 7.10, 7.1 under 0.0# shows 7.1 and 7 shows 7.0."""
    cell = kind(number)
    cell.places = None if places is None else places[0]
    cell.shown = number if places is None else shown_with_places(number, *places)
    return cell


def shown_with_places(number: Decimal, most: int, fewest: int) -> Decimal:
    """`number` rounded as Excel shows it with at most `most` decimals and at least `fewest` (a format's 0 and #
    after the decimal sign): half away from zero, on the 15 digits Excel keeps (1.005 shows as 1.01), never -0."""
    try:
        shown = number.quantize(_STEPS[most], rounding=ROUND_HALF_UP)
        if fewest < most:
            trimmed = shown.normalize()  # 78.50 under 0.0# is 78.5; 1000 normalizes to 1E+3, quantized back
            shown = trimmed if -trimmed.as_tuple().exponent >= fewest else trimmed.quantize(_STEPS[fewest])
    except InvalidOperation:  # more digits than a Decimal holds (1E+300 with two decimals): as it is
        return number
    return shown.copy_abs() if shown.is_zero() else shown


_STEPS = [Decimal(1).scaleb(-places) for places in range(31)]
"""Decimal("1"), Decimal("0.1"), …: the step to round to, by decimals (a format shows at most 30)."""


def decimal_from_float(number: float) -> Decimal:
    """A spreadsheet float as the figure the user typed: Excel keeps 15 significant digits, so do we.

    This is what turns the binary 0.30000000000000004 back into the 0.3 on the user's screen.
    """
    return Decimal(format(number, ".15g"))


def decimal_as_general(number: float) -> Decimal:
    """A float in a cell of the number format General (Standaard): a figure as typed (at most 15 significant digits,
    123456789.12) exactly; a formula's result with a binary rest (more digits than Excel keeps) as Excel shows it in a
    column wide enough, in at most 11 characters: 250/300*100 as 83,33333333 and a sum of 0.1s (1000.0000000001588)
    as 1000, never with the 15 digits that only the formula bar shows. A whole number is as it is (Excel shows one of
    12 digits or more as 1,23457E+11); a small one keeps 6 significant digits, as Excel's 1,23457E-05 does. A typed
    amount was cut to 11 characters too: 123456789.12 was published as 123456789,1."""
    value = decimal_from_float(number)
    typed = repr(number)  # the shortest text that is this float: its digits are those typed
    if "e" not in typed and len(typed) - typed.startswith("-") - ("." in typed) <= 15:
        return value  # the quick test, for most figures: 15 characters at most, leading zeros counted
    if len(Decimal(typed).as_tuple().digits) <= 15:
        return value
    exponent = value.as_tuple().exponent
    if exponent >= 0:
        return value
    adjusted = value.adjusted()
    places = max(10 - adjusted - 1, 0) if adjusted >= 0 else max(9, 5 - adjusted)
    if -exponent <= places:
        return value
    step = _STEPS[places] if places < len(_STEPS) else Decimal(1).scaleb(-places)  # 1E-40 keeps its 6 digits
    rounded = value.quantize(step, rounding=ROUND_HALF_UP).normalize()
    # General shows no zeros at the end; normalize gives 1E+3 for 1000, written out again.
    return Decimal(format(rounded.copy_abs() if rounded.is_zero() else rounded, "f"))


def parse_number(text: str, words: Words = _SHEET) -> Decimal:
    """Read a number written the Dutch way or the English way, when it is unambiguous.

    "78", "78%", "7,1", "1.234,5", "1,234.5", "5.857.597", "1234.5" are read; "1.234" is not,
    because it is 1234 in Dutch and 1.234 in English.
    """
    original = text
    if _SPACED_DIGITS.search(text) and not _SPACE_GROUPED.fullmatch(_DIGIT_SPAN.search(text).group()):
        raise CellError(
            f"'{original.replace(chr(10), '↵')}' is geen getal: er staan spaties of regeleinden tussen de cijfers.",
            FIGURE_EXPECTED,
            f"zet één getal {words.in_cell}; een tekst in plaats van het cijfer hoort {words.in_column} tekst.",
        )
    cleaned = _SPACES.sub("", text).translate(_MINUS)
    if cleaned[:2] in ("-€", "+€"):
        cleaned = cleaned[0] + cleaned[2:]  # -€ 1.300,00, the sign before the euro sign, as much as € -1.300,00
    cleaned = cleaned.removeprefix("€").removesuffix("%").removesuffix("€")
    sign = ""
    if cleaned[:1] in "+-" and cleaned:
        sign, cleaned = ("-" if cleaned[0] == "-" else ""), cleaned[1:]
    if cleaned[:1] in (".", ",") and "0" <= cleaned[1:2] <= "9":
        cleaned = "0" + cleaned  # ".5" and ",5" are a half in either language
    if not cleaned or not ("0" <= cleaned[0] <= "9"):
        raise CellError(f"{quoted(original)} is geen getal.", FIGURE_EXPECTED)
    if _DIGITS.fullmatch(cleaned):
        digits = cleaned
    elif "." in cleaned and "," in cleaned:
        if cleaned.rfind(",") > cleaned.rfind("."):
            if not _DUTCH_GROUPED.fullmatch(cleaned):
                raise _bad_grouping(original)
            digits = cleaned.replace(".", "").replace(",", ".")
        else:
            if not _ENGLISH_GROUPED.fullmatch(cleaned):
                raise _bad_grouping(original)
            digits = cleaned.replace(",", "")
    elif "," in cleaned:
        if cleaned.count(",") == 1 and re.fullmatch(r"\d+,\d+", cleaned):
            digits = cleaned.replace(",", ".")
        elif _ENGLISH_GROUPED.fullmatch(cleaned):
            digits = cleaned.replace(",", "")
        else:
            raise _bad_grouping(original)
    elif "." in cleaned:
        if cleaned.count(".") > 1:
            if not _DUTCH_GROUPED.fullmatch(cleaned):
                raise _bad_grouping(original)
            digits = cleaned.replace(".", "")
        elif _AMBIGUOUS_DOT.fullmatch(cleaned):
            raise CellError(
                f"'{original}' is dubbelzinnig: in het Nederlands is dit {cleaned.replace('.', '')}, "
                f"in het Engels {cleaned.replace('.', ',')}.",
                "een getal zonder twijfel",
                f"schrijf {cleaned.replace('.', '')} als u duizenden bedoelt, "
                f"of {cleaned.replace('.', ',')} als u een decimaal getal bedoelt."
                + (_SHOWN_THOUSANDS if words.as_shown else ""),
            )
        elif re.fullmatch(r"\d+\.\d+", cleaned):
            digits = cleaned
        else:
            raise _bad_grouping(original)
    else:
        raise CellError(f"'{original}' is geen getal.", FIGURE_EXPECTED)
    return _no_minus_zero(Decimal(sign + digits))


_SHOWN_THOUSANDS = (
    " Excel schrijft een getal in een CSV-bestand zoals de cel het toont: geef de kolom in Excel een getalnotatie "
    "zonder scheidingsteken voor duizendtallen (Celeigenschappen > Getal), of geef de werkmap (.xlsx) zelf als export."
)
"""Where 1.234 in a CSV file comes from: a number cell of the format #.##0 in Dutch Excel, saved as CSV."""


def _no_minus_zero(number: Decimal) -> Decimal:
    """-0 as Excel shows it, 0 (its decimals kept): the site published "-0"."""
    return number.copy_abs() if number.is_zero() else number


def _bad_grouping(original: str) -> CellError:
    return CellError(
        f"'{original}' is geen getal: de scheidingstekens voor duizendtallen en decimalen kloppen niet.",
        FIGURE_EXPECTED,
        "gebruik een komma voor decimalen en een punt voor duizendtallen, zoals 1.234,5.",
    )


def split_footnote_mark(text: str) -> tuple[str, str | None]:
    """Split a trailing footnote mark off a figure: "6-6,5*" is ("6-6,5", "*")."""
    match = _FOOTNOTE_MARK.search(text)
    if match and match.start() > 0:
        return text[: match.start()], match.group(1)
    return text, None


def truth_as_written(value: bool, words: Words) -> str:
    """A true/false value as its user sees it: WAAR or ONWAAR in Dutch Excel (a cell of a workbook), true or false in
    YAML; Python's 'True' is neither."""
    if words.excel:
        return "WAAR" if value else "ONWAAR"
    return "true" if value else "false"


def parse_figure(raw: object, words: Words = _SHEET, *, measured: bool = False) -> tuple[Figure, str | None]:
    """Read a value cell into a figure, and the footnote mark it carried, if any.

    Accepts numbers (from the spreadsheet or as text), ranges, and the usual ways of writing
    "no figure". Free text is an error here: a text figure goes in its own column, so a typo
    in a number can never slip through as text. The hints are in the `words` of the value's file.
    `measured`: the value is a realisation or a baseline, whose bound ('< 5') is a figure kept back, not a target.
    """
    if raw is None:
        return NoFigure(), None
    if type(raw) is str and _PLAIN_NUMBER.fullmatch(raw):
        return Number(Decimal(raw.replace(",", "."))), None  # the common case, "92" or "7,1", without the work below
    if isinstance(raw, bool):
        shown = truth_as_written(raw, words)
        raise CellError(f"'{shown}' is een waar/onwaar-waarde, geen getal.", FIGURE_EXPECTED)
    if isinstance(raw, int):
        return Number(Decimal(raw)), None
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise CellError(f"'{raw}' is geen getal.", FIGURE_EXPECTED)
        return Number(_no_minus_zero(decimal_as_general(raw))), None
    if isinstance(raw, Decimal):
        # A formatted cell's figure in full: the validator takes what it shows when the indicator has no decimals.
        return Number(raw if type(raw) is Decimal else Decimal(raw)), None
    if isinstance(raw, (date, datetime)):
        raise CellError(
            f"de cel bevat een datum ({raw:%d-%m-%Y}), geen getal.",
            FIGURE_EXPECTED,
            "Excel maakt van '6-6,5' of '1.5' soms een datum: maak de cel van het type Tekst en typ de waarde opnieuw.",
        )
    text = _SPACES.sub(" ", str(raw)).strip(_INVISIBLE_EDGES)
    lowered = text.lower()
    if lowered in NO_FIGURE_MARKERS:
        return NoFigure(), None
    if lowered in NOT_YET_KNOWN_MARKERS:
        return NoFigure(NOT_YET_KNOWN), None
    text, mark = split_footnote_mark(text)
    if match := _RANGE.fullmatch(text):
        try:
            low, high = parse_number(match.group(1)), parse_number(match.group(2))
        except CellError:
            pass
        else:
            if low >= high:
                raise CellError(f"het bereik '{text}' loopt niet van laag naar hoog.", "een bereik zoals 6-6,5")
            return Range(low, high), mark
    try:
        return Number(parse_number(text, words)), mark
    except CellError as error:
        if (bound := _BOUND.fullmatch(text)) and _is_figure(bound[2], words):
            if measured:  # the figure is kept back ('< 5'): no number of its own to publish
                verb = "laat"
                split = (
                    f"'waarde' leeg en zet '{text}' {words.in_column} 'tekst': de tabel toont de tekst, en de grafiek "
                    "en de open data tonen geen getal, want het cijfer zelf is niet bekend. Of typ 'geen cijfer' met "
                    f"de reden {words.in_column} 'reden' (zoals 'minder dan 5, niet gepubliceerd vanwege privacy')."
                )
            else:
                verb = "zet"
                split = (
                    f"het getal ({bound[2]}) {words.in_column} 'waarde' en '{text}' {words.in_column} 'tekst': de "
                    "tabel toont de tekst, en of het streefcijfer gehaald is, wordt aan het getal gemeten."
                )
            # 'min 3' is minus 3 as often as at least 3: a figure meant as -3 would be published as 3.
            minus = bound[1].lower() == "min" and not bound[2].startswith(("-", "−"))
            raise CellError(
                f"'{text}' is geen getal.",
                FIGURE_EXPECTED,
                f"bedoelt u een negatief getal, typ dan -{bound[2]}; bedoelt u minimaal {bound[2]}, {verb} dan {split}"
                if minus
                else f"{verb} {split}",
            ) from None
        if _PLACEHOLDER.fullmatch(text):
            raise CellError(
                f"'{text}' is geen getal.",
                FIGURE_EXPECTED,
                "typ het cijfer. Is het er nog niet, typ dan 'n.n.b.' (de tabel toont 'geen cijfer', met de noot 'nog "
                f"niet bekend'), of 'geen cijfer' met een reden {words.in_column} 'reden'.",
            ) from None
        if text.startswith("="):
            raise _formula_as_text(text, words) from None
        if (
            text[1:-1].strip()
            and text[0] in _OPENING_QUOTES
            and text[-1] in _CLOSING_QUOTES
            and _is_figure(text[1:-1], words)
        ):
            raise _between_quotes(text, words) from None
        if text[:1] in _APOSTROPHES and _is_figure(text[1:], words):
            raise _apostrophe_before(text, words) from None
        if EXCEL_ERROR_VALUE.fullmatch(text):
            # As text, where a system wrote what its Excel showed (#N/B), or a value pasted from one: a failed formula
            # all the same, not text for the column tekst.
            raise CellError(
                "de cel bevat een Excel-foutwaarde." if words.excel else f"'{text}' is een Excel-foutwaarde.",
                "een waarde",
                f"herstel de formule in Excel, of vervang {'de cel' if words.excel else 'de waarde'} door 'geen "
                "cijfer' met een reden.",
            ) from None
        for notation, in_excel, elsewhere in _NOTATIONS:
            if notation.fullmatch(text):
                hint = in_excel if words.excel or elsewhere is None else elsewhere
                raise CellError(
                    f"'{text}' is geen getal.", FIGURE_EXPECTED, hint.replace("{in_column}", words.in_column)
                ) from None
        if any(ch.isalpha() for ch in text):
            raise CellError(
                f"{quoted(text)} is geen getal.",
                FIGURE_EXPECTED,
                f"wilt u tekst tonen (zoals '79,3% (TK)'), zet die dan {words.in_column} 'tekst'.",
            ) from None
        raise error from None


_BOUND = re.compile(
    r"(>=|=>|<=|=<|[≥≤><]|minimaal|maximaal|minstens|hoogstens|ten ?minste|ten hoogste|min\.?|max\.?)\s*"
    r"([-−]?\d[\d.,]*)\s*%?",
    re.IGNORECASE,
)
"""A target written as a bound (>= 80, ≥80%, minimaal 13%): the number goes in the column waarde, the bound in tekst,
as a target there is measured against its number. The message said only "is geen getal". A realisation written so
('< 5', a small count a municipality keeps back for privacy) has no number: put in waarde, 5 would be published in
the chart and the open data as if it were the figure."""
_PLACEHOLDER = re.compile(r"\?+|\.{2,}|…|p\.?m\.?", re.IGNORECASE)
"""What stands where a figure is still to come: '?', '...', and p.m. (pro memorie) of a budget."""
_APOSTROPHES = "'’‘`"
"""What some systems write before a number to keep it text, as Excel's ' typed before one (which Excel does not keep in
the cell, but a system may write in it)."""


def _is_figure(text: str, words: Words) -> bool:
    try:
        parse_figure(text, words)
    except CellError:
        return False
    return True


_OPENING_QUOTES = "'’‘`\"“„"
_CLOSING_QUOTES = "'’‘`\"”“"
"""Quotes around a value, as a manual writes 'n.v.t.' and a user then types it, quotes and all."""


def _between_quotes(text: str, words: Words) -> CellError:
    """'n.v.t.' typed with the quotes of the manual: it was told to put text in the column tekst, which would publish
    the quotes; without them it is read, as no figure or as its number."""
    inner = text[1:-1].strip()
    if inner.lower() in NOT_YET_KNOWN_MARKERS:
        read = ", dan toont de tabel 'geen cijfer' met de noot 'nog niet bekend'."
    elif inner.lower() in NO_FIGURE_MARKERS:
        read = f", dan is het 'geen cijfer' (zet de reden {words.in_column} 'reden')."
    else:
        read = "."
    return CellError(
        f"{quoted(text)} staat tussen aanhalingstekens.",
        FIGURE_EXPECTED,
        f"haal de aanhalingstekens weg: typ {inner}{read}",
        says_found=True,
    )


def _apostrophe_before(text: str, words: Words) -> CellError:
    """'7,1 with its apostrophe in the cell: the message said "''7,1' is geen getal", the quote doubled, and not why."""
    if words.excel:
        hint = (
            f"haal de apostrof weg: typ {text[1:]} opnieuw in de cel, of vervang in de kolom waarde {text[0]} door "
            "niets (Ctrl+H). Komt de apostrof uit het systeem dat de export maakt, laat die dan weg bij het exporteren."
        )
    else:
        hint = f"haal de apostrof weg: schrijf {text[1:]}."
    return CellError(
        f"er staat een apostrof ({text[0]}) voor het getal {text[1:]}: zo houden sommige systemen een getal als tekst, "
        "maar met de apostrof is het geen getal.",
        f"een getal zonder apostrof ({text[1:]})",
        hint,
        says_found=True,
    )


def _formula_as_text(text: str, words: Words) -> CellError:
    """`=C5*100` typed in the column waarde, which the template of `verantwoord new` makes of the type Text (so that
    6-6,5 stays a range): Excel keeps a formula typed there as text and does not calculate it. The message said "is
    geen getal" and "zet tekst in de kolom 'tekst'", which fits no formula."""
    if not words.excel:
        return CellError(
            f"'{text}' is een formule, en die rekent alleen in een spreadsheet.",
            FIGURE_EXPECTED,
            f"zet de uitkomst {words.in_cell}.",
        )
    return CellError(
        f"'{text}' is een formule die Excel niet heeft uitgerekend: de cel heeft het type Tekst, en daarin blijft een "
        "formule tekst.",
        FIGURE_EXPECTED,
        "maak de cel van het type Standaard (rechtermuisknop, Celeigenschappen, tabblad Getal) en typ de formule "
        "opnieuw (F2, Enter); of typ de uitkomst zelf.",
    )
