"""Validate the export's tables into indicators and values.

The columns of both sheets are defined here once, with their Dutch explanation: the workbook
template, the user guide and the validator all read them from `INDICATOR_COLUMNS` and `VALUE_COLUMNS`.
Every problem is collected with its cell; nothing stops at the first one.
"""

from __future__ import annotations

import contextlib
import difflib
import math
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from itertools import chain
from operator import itemgetter

from babel.lists import format_list

from verantwoord.errors import Location, Problems, quoted
from verantwoord.export.cells import (
    CONTROL_CHARACTERS,
    CONTROL_CHARACTERS_HINT,
    CellError,
    Formatted,
    control_characters_left_out,
    decimal_as_general,
    decimal_from_float,
    parse_figure,
    parse_number,
    truth_as_written,
    without_control_characters,
)
from verantwoord.export.table import TITLE_ROWS, Table, column_name
from verantwoord.model import (
    OWN_SERIES,
    Figure,
    NoFigure,
    Number,
    Period,
    Polarity,
    Range,
    Text,
    Value,
    ValueKind,
    parse_period,
)

INDICATOR_SHEET = "Indicatoren"
VALUE_SHEET = "Waarden"


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    help: str
    example: str


ID_CHARACTERS = (
    "letters, cijfers, punten, streepjes en liggende streepjes (_), zonder spaties, en vooraan een letter of cijfer"
)
"""What an id may hold, as the sheet Uitleg says it and check's error expects it."""

INDICATOR_COLUMNS = (
    Column(
        "id",
        True,
        f"Een vaste, korte code voor de indicator, uniek in de werkmap: {ID_CHARACTERS}. Verander hem niet: de code "
        "verbindt de waarden met de indicator.",
        "kcc-tevredenheid",
    ),
    Column(
        "paragraaf",
        True,
        "Het nummer van de paragraaf waarin de indicator staat, zoals 4.1. "
        "Maak deze kolom van het type Tekst, anders maakt Excel van 4.10 het getal 4,1.",
        "4.1",
    ),
    Column(
        "titel",
        True,
        "De naam van de indicator zoals de lezer hem ziet, boven de tabel.",
        "% bellers met het KCC dat positief is over dienstverlening",
    ),
    Column("eenheid", False, "De eenheid van de cijfers, zoals %, aantal, euro of rapportcijfer.", "%"),
    Column("decimalen", False, "Hoeveel decimalen de cijfers tonen (0 tot 6). Leeg: zoals ingevoerd.", "0"),
    Column(
        "polariteit",
        False,
        "Wat beter is: 'hoger is beter', 'lager is beter' of 'neutraal' (standaard).",
        "hoger is beter",
    ),
    Column("bron", False, "Waar de cijfers vandaan komen (Bron:).", "Klant in Focus"),
    Column(
        "toelichting",
        False,
        "De toelichting onder de tabel (Toelichting:), in Markdown: **vet**, *schuin*, [link](https://…), lijstjes.",
        "Bellers van 14033 wordt na afloop …",
    ),
)

VALUE_COLUMNS = (
    Column("indicator", True, "De id van de indicator uit het blad Indicatoren.", "kcc-tevredenheid"),
    Column(
        "periode",
        True,
        "Het jaar (2020), meerdere jaren (2022-2023), een kwartaal (Q3 2024) of een maand (2024-03).",
        "2019",
    ),
    Column("soort", True, "realisatie, streefwaarde, begroting, verwachting of nulmeting.", "realisatie"),
    Column(
        "waarde",
        True,
        "Het cijfer: 78, 7,1, 1.234,5 of een bereik als 6-6,5. Leeg, '-', 'n.b.' of "
        "'geen cijfer' betekent: geen cijfer (nooit 0). Een voetnootteken (*) mag erachter.",
        "95",
    ),
    Column("tekst", False, "Tekst die in plaats van het cijfer in de tabel staat, zoals '79,3% (TK)'.", ""),
    Column(
        "reden", False, "Waarom er geen cijfer is; de lezer ziet dit bij 'geen cijfer'.", "Meting gestopt door corona"
    ),
    Column("reeks", False, "Leeg voor de eigen organisatie; anders de vergelijking, zoals Nederland of provincie.", ""),
    Column("voetnoot", False, "Een voetnoot bij dit cijfer.", ""),
)

KIND_WORDS = {
    "realisatie": ValueKind.REALISED,
    "realisatiewaarde": ValueKind.REALISED,
    "gerealiseerd": ValueKind.REALISED,
    "streefwaarde": ValueKind.TARGET,
    "streefcijfer": ValueKind.TARGET,
    "doel": ValueKind.TARGET,
    "begroting": ValueKind.BUDGET,
    "begroot": ValueKind.BUDGET,
    "verwachting": ValueKind.EXPECTED,
    "verwacht": ValueKind.EXPECTED,
    "prognose": ValueKind.EXPECTED,
    "nulmeting": ValueKind.BASELINE,
}
POLARITY_WORDS = {
    "hoger is beter": Polarity.HIGHER_IS_BETTER,
    "hoger": Polarity.HIGHER_IS_BETTER,
    "+": Polarity.HIGHER_IS_BETTER,
    "lager is beter": Polarity.LOWER_IS_BETTER,
    "lager": Polarity.LOWER_IS_BETTER,
    "-": Polarity.LOWER_IS_BETTER,
    "neutraal": Polarity.NEUTRAL,
    "geen": Polarity.NEUTRAL,
}
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
"""No ":": a page puts one between an indicator's id and what it adds (ind-x:titel, tabel-4-1:ind-x), so that no id
made from one indicator can be the id of another, and #ind-<id> stays the anchor of the indicator."""
_CHECKED_MARKS = ("](", "]:", "]{", "[^", "<", "\t", *"•·▪◦●■‣⁃")
"""A link, a language mark, a footnote or HTML in an explanation, or a table or list pasted from Word or Excel (a tab,
a bullet sign): what `check` looks up in it."""
_DECIMAL_COMMA = re.compile(r"\d,\d")
"""A number that may be in Dutch notation, which `check` looks up in an English explanation."""


_SECTION = re.compile(r"(\d+)\.\d+")
"""A section's number (4.3), with its chapter."""

_PERIODS = "een jaar (2020), jaren (2022-2023), kwartaal (Q3 2024) of maand (2024-03)"
"""What a period may be, as an error expects it."""


def reads_as_indicator_row(cells: Mapping[str, str], seen: Callable[[str], AbstractSet[str]]) -> bool:
    """Whether a line of a text in indicatoren.csv is a row of the file, which a stray quote took in (`cells`: the
    line's cells by column name, as far as it goes; `seen`: the values the file's rows have in a column).

    Every id is in one row only, so a known id does not tell. An id (letters, digits, dots, dashes, no spaces) and a
    paragraaf that another row has; or a section number (4.3) in a chapter another row has, or with its decimalen
    filled (a chapter whose indicators were all taken in; not its polariteit, whose words '-' and 'geen' prose has).
    The decimalen and polariteit, where filled, read as a row's. Prose, a list of sources or years, '7.5' beside a
    word in a short header: no row.
    """
    indicator_id, section = cells.get("id"), (cells.get("paragraaf") or "").rstrip(".")
    if not indicator_id or not _ID.fullmatch(indicator_id) or not section:
        return False
    decimals, polarity = cells.get("decimalen"), cells.get("polariteit")
    if decimals and ((whole := _WHOLE.fullmatch(decimals)) is None or int(whole[1]) > 6):
        return False
    if polarity and polarity.lower() not in POLARITY_WORDS:
        return False
    sections = {known.rstrip(".") for known in seen("paragraaf")}
    if section in sections:
        return True
    number = _SECTION.fullmatch(section)
    return number is not None and (bool(decimals) or number[1] in {s.split(".")[0] for s in sections})


def reads_as_value_row(cells: Mapping[str, str], seen: Callable[[str], AbstractSet[str]]) -> bool:
    """Whether a line of a text in waarden.csv is a row of the file, which a stray quote took in: an indicator's id,
    a periode and a soort as a row has them. (Not only an id other rows begin with: every row of an indicator may
    have been taken in, and a line of sources may begin with an id.)"""
    indicator, period, kind = cells.get("indicator"), cells.get("periode"), cells.get("soort")
    if not indicator or not period or not kind or not _ID.fullmatch(indicator) or kind.lower() not in KIND_WORDS:
        return False
    try:
        parse_period(period)
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class IndicatorRecord:
    """An indicator row before its values are attached."""

    id: str
    section: str
    title: str
    unit: str
    decimals: int | None
    polarity: Polarity
    source: str
    explanation: str
    location: Location
    explanation_location: Location | None = None
    """The explanation's cell, when the explanation has a link, a language mark, a footnote or HTML (`check` looks
    them up)."""


@dataclass(slots=True)  # not frozen: its __init__ took 5.3 µs a record against 0.8 µs, 3 s at 650,000 values
class ValueRecord:
    indicator: str
    value: Value
    table: Table
    row: int
    column: int
    period_column: int
    has_footnote_mark: bool = False

    @property
    def location(self) -> Location:
        """Where the value's cell is; worked out only when a problem needs it."""
        return self.table.locate(self.row, self.column)

    @property
    def period_location(self) -> Location:
        """Where the value's period is: the cell to point at when the period is the problem."""
        return self.table.locate(self.row, self.period_column)

    @property
    def written(self) -> object:
        """The value's cell as read (a number, or the text "78%")."""
        row = self.table.rows[self.row]
        return row[self.column] if self.column < len(row) else None

    @property
    def period_written(self) -> str:
        """The period as its cell has it ("2022/23"), to echo in a message about it: its label is "2022-2023"."""
        row = self.table.rows[self.row]
        raw = row[self.period_column] if self.period_column < len(row) else None
        return self.value.period.label if raw is None else shown_as_in_excel(raw)


def map_columns(table: Table, columns: Sequence[Column], problems: Problems) -> dict[str, int] | None:
    """Column name -> index in the table; None when required columns are missing (reported)."""
    known = {column.name for column in columns}
    words = table.words
    if not table.header:
        problems.error(
            table.location,
            f"{words.empty} is leeg.",
            expected=f"een kopregel met de kolommen {', '.join(c.name for c in columns)}",
            hint=words.empty_hint and words.empty_hint.replace("{header}", ";".join(c.name for c in columns)),
        )
        return None
    found: dict[str, int] = {}
    unknown: list[tuple[str, int]] = []
    twice: list[tuple[str, int]] = []
    for index, raw in enumerate(table.header):
        name = column_name(raw)
        if not name:
            continue
        if name in found:
            twice.append((raw, index))
        elif name in known:
            found[name] = index
        else:
            unknown.append((raw, index))
    required = [c.name for c in columns if c.required]
    if any(name not in found for name in required) and _header_below(table, required, problems):
        return None
    for raw, index in twice:
        problems.error(
            table.locate(-1, index),
            f"de {words.column} '{raw}' staat twee keer in de kopregel.",
            hint="verwijder of hernoem een van beide.",
        )
    renamed = set()
    for raw, index in unknown:
        close = difflib.get_close_matches(raw.strip().lower(), sorted(known - found.keys()), n=1, cutoff=0.6)
        if close:
            renamed.add(close[0])
            problems.error(
                table.locate(-1, index),
                f"onbekende {words.column} '{raw}'.",
                found=raw,
                expected=f"de {words.column} '{close[0]}'",
                hint=f"bedoelt u '{close[0]}'? Hernoem de {words.column}.",
            )
        else:
            problems.warning(
                table.locate(-1, index),
                f"onbekende {words.column} '{raw}' wordt niet gebruikt.",
                hint=f"bekende {words.columns}: {', '.join(c.name for c in columns)}.",
            )
    missing = [c.name for c in columns if c.required and c.name not in found]
    for name in missing:
        if name in renamed:  # said with the column that is most likely it ('indicatr')
            continue
        problems.error(
            table.location,
            f"de verplichte {words.column} '{name}' ontbreekt {words.missing_in}.",
            found=", ".join(h for h in table.header if h) or None,
            expected=", ".join(c.name for c in columns if c.required),
            hint=words.header_hint,
        )
    return None if missing else found


def _header_below(table: Table, required: Sequence[str], problems: Problems) -> bool:
    """Whether the header with every `required` column is a row under the first filled one, which is read as the
    header: a title above the header ("Export P&C-systeem, 25-05-2021"), as systems and people put it there. That is
    one error, which says which rows to delete, not one per required column and a warning for the title."""
    if not table.words.header_hint:  # a YAML file has no rows above its keys
        return False
    row_index = next(
        (
            index
            for index, row in enumerate(table.rows[:TITLE_ROWS])
            if set(required) <= {column_name(cell) for cell in row if cell is not None}
        ),
        None,
    )
    if row_index is None:
        return False
    title_column = next((index for index, raw in enumerate(table.header) if raw.strip()), 0)
    title = replace(table.locate(-1, title_column), column=None)  # a CSV file's title is no column's name
    first, header = _row_number(title), _row_number(table.locate(row_index, 0))
    last = header - 1
    rows = f"regel {first}" if first == last else f"regel {first} {'en' if last == first + 1 else 'tot en met'} {last}"
    problems.error(
        title,
        f"de kopregel met de kolomnamen staat op regel {header}, maar verantwoord leest de eerste gevulde regel "
        f"(regel {first}) als kopregel.",
        found=", ".join(raw.strip() for raw in table.header if raw.strip()),
        expected=f"de kolomnamen ({', '.join(required)}, …) op de eerste gevulde regel",
        hint=f"verwijder {rows} boven de kopregel; lege regels erboven mogen blijven.",
    )
    return True


def _row_number(location: Location) -> int:
    """The row of a sheet's cell ("D14": 14), or the line of a CSV file."""
    if location.line is not None:
        return location.line
    return int((location.cell or "1").lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


def read_indicators(
    table: Table,
    sections: Collection[str] | None,
    problems: Problems,
    unread: Collection[str] = (),
    chapters: Collection[str] = (),
    values: Table | None = None,
) -> list[IndicatorRecord]:
    """The valid indicator rows; `sections` are the section numbers that exist, None to accept any (no texts read).

    An indicator of a section in `unread`, whose text file is there but has a problem of its own (reported at the
    file), is left out without a problem of its own: "paragraaf 4.1 bestaat niet, maak 4.1.md" would be wrong. So
    would it be for a number in `chapters`, a chapter's, whose 4.md is there: an indicator belongs in a section.
    An id with characters that are not allowed ('kcc bereikbaarheid') is told the id its `values` give it, when they
    give it one like it ('kcc-bereikbaarheid'): those values are its own, not an unknown indicator's (`read_values`).
    """
    columns = map_columns(table, INDICATOR_COLUMNS, problems)
    if columns is None:
        return []
    records: list[IndicatorRecord] = []
    seen: dict[str, Location] = {}
    seen_rows: dict[str, int] = {}
    # By lower case too: Excel's lookups (VERT.ZOEKEN) take 'Balie-Tevredenheid' for 'balie-tevredenheid', and the
    # site gave them two anchors a reader cannot tell apart in a link.
    seen_lower: dict[str, tuple[str, Location]] = {}
    error_cells = {p.location for p in problems.errors}  # the workbook's error values among them

    meant_ids: dict[str, str] | None = None

    def values_meant(written: str) -> str | None:
        nonlocal meant_ids
        if meant_ids is None:  # only for a sheet with such an id: the values' ids are 130,000 cells
            named = sheet_ids(table) or set()
            meant_ids = ids_meant([i for i in named if not _ID.fullmatch(i)], values, named)
        return meant_ids.get(written)

    for r, row in enumerate(table.rows):
        cell = _CellReader(table, row, r, columns, problems, error_cells)
        indicator_id = cell.text("id")
        if indicator_id is None:
            cell.error("id", "de indicator heeft geen id.", expected="een code zoals kcc-tevredenheid")
        elif not _ID.fullmatch(indicator_id):
            meant = values_meant(indicator_id) if values is not None else None
            cell.error(
                "id",
                "de id bevat tekens die niet mogen.",
                found=indicator_id,
                expected=ID_CHARACTERS,
                hint=f"bedoelt u '{meant}'? Zo heet de indicator in {values.words.values}; met die id horen de "
                "waarden daar erbij."
                if meant is not None and values is not None
                else None,
            )
            indicator_id = None
        elif indicator_id in seen:
            cell.error(
                "id",
                f"de id '{indicator_id}' komt twee keer voor (ook in {seen[indicator_id]}).",
                # A row pasted twice is one indicator: told to give it another id, the copy became an indicator.
                hint="de twee zijn precies gelijk, alsof ze twee keer zijn geplakt: verwijder er een."
                if _filled_cells(row) == _filled_cells(table.rows[seen_rows[indicator_id]])
                else "elke indicator heeft een eigen id; geef een van beide een andere.",
            )
            indicator_id = None
        elif indicator_id.lower() in seen_lower:
            other, where = seen_lower[indicator_id.lower()]
            cell.error(
                "id",
                f"de id '{indicator_id}' verschilt alleen in hoofdletters van '{other}' ({where}).",
                hint="elke indicator heeft een eigen id, ook los van hoofdletters: geef een van beide een andere.",
            )
            indicator_id = None
        section = cell.section("paragraaf")
        if section is None:
            cell.error("paragraaf", "de paragraaf ontbreekt.", expected="een nummer zoals 4.1")
        elif sections is not None and section not in sections and section in unread:
            cell.failed = True  # its text has an error of its own; with several documents, another may have it
            section = None
        elif sections is not None and section not in sections and section in chapters:
            own = sorted((number for number in sections if number.startswith(f"{section}.")), key=_number_key)
            cell.error(
                "paragraaf",
                f"{section} is het nummer van een hoofdstuk, en een indicator staat altijd in een paragraaf.",
                found=section,
                expected=f"een van: {', '.join(sorted(sections, key=_number_key)) or '(geen paragrafen)'}",
                hint=f"zet het nummer van de paragraaf van hoofdstuk {section} waar de indicator bij hoort, zoals "
                f"{own[0]}."
                if own
                else f"maak een paragraaf in hoofdstuk {section} (een tekstbestand {section}.1.md) en zet dat nummer "
                "hier.",
            )
            section = None
        elif sections is not None and section not in sections:
            # '4,1' or '§ 4.1' for 4.1: the number as it is meant, not a file named after the typo.
            meant = re.sub(r"^§\s*", "", section).replace(",", ".").strip().rstrip(".")
            cell.error(
                "paragraaf",
                f"paragraaf {section} bestaat niet.",
                found=section,
                expected=f"een van: {', '.join(sorted(sections, key=_number_key)) or '(geen paragrafen)'}",
                hint=f"bedoelt u '{meant}'?"
                if meant != section and meant in sections
                else f"maak een tekstbestand {section}.md in de map met teksten, of verbeter het nummer.",
            )
            section = None
        title = cell.shown("titel")
        if title is None:
            cell.error("titel", "de indicator heeft geen titel.")
        decimals = cell.decimals("decimalen")
        polarity = cell.choice("polariteit", POLARITY_WORDS, Polarity.NEUTRAL)
        source = cell.shown("bron") or ""
        location = table.locate(r, columns.get("id", 0))
        if indicator_id is not None:
            seen[indicator_id] = location
            seen_rows[indicator_id] = r
            seen_lower[indicator_id.lower()] = (indicator_id, location)
            if not source and cell.location("bron") not in error_cells:
                problems.warning(
                    table.locate(r, columns.get("bron", columns["id"])),
                    f"indicator '{indicator_id}' heeft geen bron.",
                    hint=f"vul de {table.words.column} 'bron': de lezer wil weten waar het cijfer vandaan komt.",
                )
        if indicator_id and section and title and not cell.failed:
            records.append(
                IndicatorRecord(
                    indicator_id,
                    section,
                    title,
                    cell.shown("eenheid") or "",
                    decimals,
                    polarity,
                    source,
                    explanation := cell.shown("toelichting") or "",
                    location,
                    cell.location("toelichting")
                    if any(mark in explanation for mark in _CHECKED_MARKS) or _DECIMAL_COMMA.search(explanation)
                    else None,
                )
            )
    return records


def _filled_cells(row: Sequence[object]) -> list[object]:
    """A row without the empty cells at its end, which a row of a workbook may end before or not."""
    cells = list(row)
    while cells and _blank(cells[-1]):
        cells.pop()
    return cells


def shown_as_in_excel(value: object) -> str:
    """A cell that is not a text, as Dutch Excel shows it: 79,3; WAAR; 1-5-2021; 9:05; 36:00 for a duration. A number
    with the decimals of its number format (78,5 for 78,4912 under 0,0), or as the format General shows it; the
    format of a date (mmm-jj) is not read: the value is the same."""
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, Formatted):
        value = value.shown
    elif isinstance(value, float):
        value = decimal_as_general(value)
    if isinstance(value, Decimal | int):
        number = Decimal(value)
        return format(number.copy_abs() if number.is_zero() else number, "f").replace(".", ",")
    if isinstance(value, datetime):
        day = f"{value.day}-{value.month}-{value.year}"
        return day if value.time() == time() else f"{day} {value.hour}:{value.minute:02d}"
    if isinstance(value, date):
        return f"{value.day}-{value.month}-{value.year}"
    if isinstance(value, time):
        return f"{value.hour}:{value.minute:02d}"
    if isinstance(value, timedelta):
        minutes = round(value.total_seconds() / 60)
        return f"{'-' if minutes < 0 else ''}{abs(minutes) // 60}:{abs(minutes) % 60:02d}"
    return str(value).strip()


def ids_meant(unallowed: Collection[str], values: Table | None, named: Collection[str]) -> dict[str, str]:
    """For ids of indicator rows with characters not allowed ('kcc bereikbaarheid'), the id like it that `values`
    give an indicator no row has (`named`): the id as meant ('kcc-bereikbaarheid')."""
    if values is None or not unallowed:
        return {}
    index = next((i for i, raw in enumerate(values.header) if column_name(raw) == "indicator"), None)
    if index is None:
        return {}
    cells = (_CellReader(values, row, r, {"id": index}, Problems()).text("id") for r, row in enumerate(values.rows))
    given = {indicator for indicator in cells if indicator and _ID.fullmatch(indicator) and indicator not in named}
    meant = {written: similar_id(written, given) for written in unallowed}
    return {written: indicator for written, indicator in meant.items() if indicator is not None}


def sheet_ids(table: Table | None) -> set[str] | None:
    """Every id the sheet Indicatoren names, rows with errors (and rows not read) included; None when it has no id
    column.

    Values of an indicator whose row has an error are still checked, but not called 'unknown'.
    """
    if table is None:
        return None
    index = next((i for i, raw in enumerate(table.header) if column_name(raw) == "id"), None)
    if index is None:
        return None
    rows = chain(table.rows, table.unread)
    ids = (_CellReader(table, row, r, {"id": index}, Problems()).text("id") for r, row in enumerate(rows))
    return {indicator_id for indicator_id in ids if indicator_id}


_NUMBER_TEXT = re.compile(r"\s*[-−+]?\d[\d.,]*\s*%?\s*")
"""A text that is a number alone ("95", "79,3%"): one with words beside it ('meer dan 90%', '< 1%', '€ 1,2 mln')
says something the figure does not, and is not compared."""
_GROUPED = re.compile(r"[-−+]?(?!0)\d{1,3}([.,])\d{3}(?:\1\d{3})*")
"""Digits in groups of three, one sign between them throughout: '1.000' or '1,200', which either reading allows. Not
'0,001', which no one groups: it is a thousandth."""


def _text_agrees(text: str, figures: tuple[Decimal, ...]) -> bool:
    """Whether a text shown in place of the figure (waarde 92, tekst '95') agrees with it: a number alone that is the
    figure rounded as the text writes it ('79,3%' for 79,34), or any other text. '1.000' is a thousand in a Dutch text
    and 1 in an English one, '1,200' 1.2 or 1200: either reading agrees."""
    if not _NUMBER_TEXT.fullmatch(text):
        return True
    written = text.strip().rstrip("%").strip().replace("−", "-").lstrip("+")
    numbers = []
    with contextlib.suppress(CellError):  # '1.234' is either; the grouped reading below tries both
        numbers.append(parse_number(written))
    if grouped := _GROUPED.fullmatch(written):
        digits = written.lstrip("-")
        sign = "-" if written.startswith("-") else ""
        numbers.append(Decimal(sign + digits.replace(grouped[1], "")))
        if digits.count(grouped[1]) == 1:
            numbers.append(Decimal(sign + digits.replace(grouped[1], ".")))
    for number in numbers:
        try:
            places = Decimal(1).scaleb(min(number.as_tuple().exponent, 0))
            if any(figure.quantize(places, rounding=ROUND_HALF_UP) == number for figure in figures):
                return True
        except InvalidOperation:  # more decimals than a Decimal holds: not the figure rounded
            continue
    return not numbers


_NUMBER_WORD = re.compile(
    r"\d|\b(?:één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|twintig|dertig|veertig|"
    r"vijftig|zestig|zeventig|tachtig|negentig|honderd|duizend|miljoen|miljard)"
    r"|\b(?:nul|nihil|half|halve|helft|derde|kwart|dubbel|zero|none|nil|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|"
    r"billion|third|double)\b",
    re.IGNORECASE,
)
"""A digit, or a number in words: a Dutch one also at the start of a word (vijfenzeventig, tweeduizend), the rest
whole (not the 'nul' of nulmeting, the 'kwart' of kwartaal or the 'one' of onderzoek). 'nihil' says 0, as P&C
tables write it."""
_NONE = re.compile(r"\b(?:geen|none|no)\b", re.IGNORECASE)


def _names_a_number(text: str, figures: tuple[Decimal, ...]) -> bool:
    """Whether a text shown in place of the figure says a number: '79,3% (TK)', 'ruim zeven', 'zes tot zes en half',
    and beside a 0 'geen meldingen'; not 'zie toelichting' or 'voorlopig', which leave the reader without the figure."""
    if _NUMBER_WORD.search(text) is not None:
        return True
    return all(figure == 0 for figure in figures) and _NONE.search(text) is not None


def similar_id(wanted: str, known: Collection[str]) -> str | None:
    """The known id that `wanted` is most likely a typo of, if any: first one that differs only in upper and lower
    case ('KCC-Bereikbaarheid' for 'kcc-bereikbaarheid', 0.78 as a typo: it was told to add the indicator that was
    there), then one close to it whatever the case.

    Closer than difflib's default (0.6): ids often share a long ending, and 'kcc-tevredenheid', whose indicator row
    had lost its id, was taken for 'balie-tevredenheid' (0.82), a hint that would move a figure to another indicator.
    A letter swapped or left out ('kcc-tevredenhied', 0.94) is still found.
    """
    lowered = {indicator.lower(): indicator for indicator in known}
    same = lowered.get(wanted.lower())
    if same is not None:
        return same
    close = difflib.get_close_matches(wanted.lower(), sorted(lowered), n=1, cutoff=0.85)
    return lowered[close[0]] if close else None


def meant_id_hint(wanted: str, meant: str) -> str:
    """The hint for an id that is not known but like `meant`: with a word on the case when that is all that differs."""
    if meant.lower() == wanted.lower():
        return f"bedoelt u '{meant}'? Hoofdletters tellen mee in een id."
    return f"bedoelt u '{meant}'?"


BLANK_SHOWN = 10
"""Empty realisations named one by one; the rest are counted."""


def read_values(
    table: Table,
    indicator_ids: Collection[str],
    problems: Problems,
    named_ids: Collection[str] | None = (),
    rejected: set[str] | None = None,
    decimals: Mapping[str, int | None] | None = None,
) -> list[ValueRecord]:
    """The values of the indicators `indicator_ids`.

    `named_ids` are the ids of indicator rows with errors: their values are checked, but not kept and not
    reported as belonging to an unknown indicator, nor are the values of the id meant by one with characters not
    allowed (`ids_meant`: 'kcc-bereikbaarheid' for 'kcc bereikbaarheid', whose error names it). None when the
    indicators could not be read at all.
    The indicators with a value row that has an error are added to `rejected`.
    `decimals` are the indicators' `decimalen` (None when empty): the figure of a cell with a number format
    (`Formatted`) is the one Excel shows when its indicator has none, and the figure in full, which the decimals
    round, when it has. Not given: every figure in full (`check` of a measurement only looks where values are).
    """
    columns = map_columns(table, VALUE_COLUMNS, problems)
    if columns is None:
        return []
    # A set passed in is used as it is: `serve` reads a changed row against the ids of 12,000 indicators.
    known = indicator_ids if isinstance(indicator_ids, AbstractSet) else set(indicator_ids)
    named = None if named_ids is None else (known | set(named_ids) if named_ids else known)
    records: list[ValueRecord] = []
    # (period, kind, series) -> indicator -> row: a dict per key, not a tuple per value (memory).
    seen: dict[tuple, dict[str, int]] = {}
    value_column = columns["waarde"]
    period_column = columns["periode"]
    as_shown = None if decimals is None else lambda indicator: decimals.get(indicator) is None
    rounded: AbstractSet[str] | _Rounded
    if decimals is None:
        rounded = frozenset()
    elif isinstance(decimals, dict):
        rounded = {indicator for indicator, places in decimals.items() if places is not None}
    else:  # `serve` finds an indicator's decimals when a changed row asks (reload._Decimals), not every one's
        rounded = _Rounded(decimals)
    plain = _PlainRows(columns, known, seen, as_shown, rounded)  # `named` holds every known id
    error_cells = {p.location for p in problems.errors}  # the workbook's error values among them
    blank: list[Location] = []  # realisations without a figure, a reason or anything else
    unknown_hints: dict[str, str] = {}
    # Ids of indicator rows with characters that are not allowed, and the ids these values give them as meant: the
    # error of the row names it ('kcc-bereikbaarheid' for 'kcc bereikbaarheid').
    unallowed = [indicator for indicator in (named or set()) - known if not _ID.fullmatch(indicator)]
    meant = set(ids_meant(unallowed, table, named or ()).values())
    for r, row in enumerate(table.rows):
        fast = plain.read(row)
        if fast is not None:
            indicator, value, rows = fast
            if indicator not in rows:
                rows[indicator] = r
                records.append(ValueRecord(indicator, value, table, r, value_column, period_column))
                continue
        cell = _CellReader(table, row, r, columns, problems, error_cells)
        indicator = cell.text("indicator")
        if indicator is None:
            if table.words.nested:  # the indicator it stands under has no id, which is said there
                cell.failed = True
            else:
                cell.error(
                    "indicator", "de waarde hoort bij geen indicator.", expected=f"een id uit {table.words.indicators}"
                )
        elif named is not None and indicator not in named:
            if indicator not in unknown_hints:  # an id once, however many rows it has (difflib over 12,000 ids)
                close = similar_id(indicator, known) or similar_id(indicator, meant)
                if indicator in meant:
                    unknown_hints[indicator] = ""  # not unknown, and not kept until its row has the id
                else:
                    unknown_hints[indicator] = (
                        meant_id_hint(indicator, close)
                        if close
                        else f"voeg de indicator toe aan {table.words.indicators}."
                    )
            if unknown_hints[indicator]:
                cell.error(
                    "indicator",
                    f"onbekende indicator '{indicator}'.",
                    found=indicator,
                    expected=f"een id uit {table.words.indicators}",
                    hint=unknown_hints[indicator],
                )
        period = cell.period("periode")
        kind = cell.choice("soort", KIND_WORDS, None, required=True)
        figure, mark = cell.figure("waarde", measured=kind in (ValueKind.REALISED, ValueKind.BASELINE))
        written = cell.raw("waarde")
        if type(figure) is Number and isinstance(written, Formatted) and as_shown is not None and as_shown(indicator):
            figure = Number(written.shown)
        elif type(figure) is Number and type(written) is float and as_shown is not None and not as_shown(indicator):
            figure = Number(_in_full(written, figure.value))
        text = cell.shown("tekst")
        reason = cell.shown("reden")
        footnote = cell.shown("voetnoot")
        if text is not None and figure is not None:
            number = getattr(figure, "value", None)  # a range stays beside the text too ("zes tot zes en half")
            span = figure if type(figure) is Range else None
            figure = Text(text, number if isinstance(number, Decimal) else None, span)
            figures = (figure.number,) if figure.number is not None else (span.low, span.high) if span else ()
            shown = "-".join(format(f, "f").replace(".", ",") for f in figures)
            if figures and not _text_agrees(text, figures):
                problems.warning(
                    cell.location("tekst"),
                    f"de tekst noemt een ander getal dan de waarde ({shown}): de tabel toont de tekst, de open data "
                    "en de status rekenen met de waarde.",
                    found=text,
                    hint="maak de tekst en de waarde gelijk, of laat een van beide leeg.",
                )
            elif figures and not _names_a_number(text, figures):
                # 'zie toelichting' beside 78: the table showed the text, and the figure nowhere a reader looks.
                value_cell = cell.location("waarde")
                where = f"cel {value_cell.cell}" if value_cell.cell else f"{table.words.in_column} 'waarde'"
                hidden = " De kolom tekst is verborgen in Excel." if table.is_hidden(columns["tekst"]) else ""
                problems.warning(
                    cell.location("tekst"),
                    f"de tekst noemt geen getal en staat in de tabel in plaats van de waarde {shown} ({where}): de "
                    f"lezer ziet dat cijfer niet, maar de grafiek, de status en de open data rekenen ermee.{hidden}",
                    found=text,
                    hint=f"wilt u het cijfer tonen, zet het dan in de tekst ('{shown} ({text})') of de tekst "
                    f"{table.words.in_column} 'voetnoot'; vervangt de tekst het cijfer, maak de waarde dan leeg.",
                )
        if isinstance(figure, NoFigure) and reason:
            figure = NoFigure(reason)
        elif (
            isinstance(figure, NoFigure)
            and kind is ValueKind.REALISED  # an empty target is no target set, as exports list every kind and year
            and text is None
            and _blank(cell.raw("waarde"))
            and not footnote
            and cell.location("waarde") not in error_cells  # an Excel error value, reported already
        ):
            # Empty is 'geen cijfer', but a realisation that says nothing else is more likely a figure forgotten (or
            # a space typed over it) than one meant to be missing without a word to the reader.
            blank.append(cell.location("waarde"))
        elif reason and isinstance(figure, Text) and figure.number is None:
            problems.warning(
                cell.location("reden"),
                "de reden wordt niet gepubliceerd: de tabel toont de tekst in plaats van 'geen cijfer' met een reden.",
                found=reason,
                hint="zet de uitleg in de tekst of in een voetnoot; of maak de tekst leeg, dan toont de tabel "
                "'geen cijfer' met deze reden.",
            )
        elif reason and figure is not None:
            problems.warning(
                cell.location("reden"),
                "er staat een reden bij een waarde die wel een cijfer heeft.",
                hint="een reden hoort bij 'geen cijfer'; zet uitleg in de toelichting.",
            )
        if cell.failed or indicator is None or (named is not None and indicator not in named):
            if cell.failed and indicator is not None and rejected is not None:
                rejected.add(indicator)
            continue
        assert period is not None and kind is not None and figure is not None
        series = cell.visible("reeks", cell.text("reeks")) or ""
        rows = seen.setdefault((period, kind, series), {})
        if indicator in rows:
            problems.error(
                table.locate(r, value_column),
                f"er staat al een {kind.value} voor '{indicator}' in {period.label}"
                f"{f' (reeks {series})' if series else ''}: {table.locate(rows[indicator], value_column)}.",
                hint="verwijder een van beide, of geef een andere periode of soort.",
            )
            if rejected is not None:
                rejected.add(indicator)
            continue
        rows[indicator] = r
        if indicator not in known:  # its indicator row has errors, or none could be read: checked, not kept
            continue
        value = Value(period, kind, figure, series, footnote)
        records.append(
            ValueRecord(
                indicator,
                value,
                table,
                r,
                value_column,
                period_column,
                has_footnote_mark=mark is not None and not footnote,
            )
        )
    for location in blank[:BLANK_SHOWN]:
        problems.warning(
            location,
            "de realisatie is leeg en er staat geen reden bij: de tabel toont 'geen cijfer' zonder uitleg.",
            hint="vul het cijfer in; of schrijf 'geen cijfer' en zet in de kolom reden waarom er geen cijfer is.",
        )
    if len(blank) > BLANK_SHOWN:
        problems.warning(
            table.location,
            f"nog {len(blank) - BLANK_SHOWN} lege realisaties zonder reden.",
            hint="zie de cellen hierboven.",
        )
    return records


class _PlainRows:
    """The fast path for the ordinary row: a known indicator, a plain period, kind and number, nothing else.

    A large export is almost only such rows; reading them through `_CellReader` took most of the load
    time (bench/HISTORY.md). Any row that is not plain returns None and goes the checked way, which
    reports its problems; the result for a plain row is the same either way.

    The same period, kind and figure make the same `Value`, made once: an export of 130,000 rows has
    about 1,000 different figures, and sharing them saves the time and memory of the rest.
    """

    def __init__(
        self,
        columns: dict[str, int],
        known: AbstractSet[str],
        seen: dict[tuple, dict[str, int]],
        as_shown: Callable[[str], bool] | None,
        rounded: AbstractSet[str] | _Rounded,
    ) -> None:
        self.indicator = columns["indicator"]
        self.period = columns["periode"]
        self.kind = columns["soort"]
        self.value = columns["waarde"]
        others = [i for name, i in columns.items() if name not in ("indicator", "periode", "soort", "waarde")]
        self.others = itemgetter(*others, 0, 0)  # never a single index: itemgetter then returns a tuple
        self.empty = (None,) * len(others)
        self.width = max(columns.values()) + 1
        self.others_from = min(others, default=self.width)
        """A row that ends before this column has none of the others (a workbook's row ends at its last filled cell)."""
        self.core_width = max(self.indicator, self.period, self.kind, self.value) + 1
        self.padding = (None,) * self.width
        self.known = known
        self.seen = seen
        self.values: dict[tuple, tuple[Value, dict[str, int]]] = {}
        """Cells -> their value, and the rows of `seen` that have its period and kind."""
        self.figures: dict[tuple, Figure] = {}
        self.as_shown = as_shown
        """Whether an indicator's formatted cells are read as Excel shows them (`read_values`)."""
        self.rounded = rounded
        """The indicators with `decimalen`: their figures in a General cell are read in full (`_in_full`)."""

    def read(self, row: Sequence[object]) -> tuple[str, Value, dict[str, int]] | None:
        """The row's indicator, its value, and the rows of `seen` with the value's period and kind."""
        width = len(row)
        if width > self.others_from:
            if width < self.width:
                row = (*row, *self.padding[width:])  # a workbook's rows end at their last filled cell
            if self.others(row)[:-2] != self.empty:
                return None
        elif width < self.core_width:
            row = (*row, *self.padding[width:])
        indicator = row[self.indicator]
        if indicator not in self.known:  # only strings are known
            return None
        raw = row[self.value]
        if isinstance(raw, Formatted) and self.as_shown is not None and self.as_shown(indicator):
            raw = raw.shown
        elif type(raw) is float and indicator in self.rounded and len(repr(raw)) > _TYPED_DIGITS + 1:
            raw = _in_full(raw, raw)
        # The type is part of the key: 1 and 1.0 are equal, but the figure 1 is not the figure 1.0.
        key = (row[self.period], row[self.kind], raw, type(raw))
        known = self.values.get(key)
        if known is None:
            value = self._value(*key)
            if value is None:
                return None
            known = (value, self.seen.setdefault((value.period, value.kind, OWN_SERIES), {}))
            if _exact_key(raw):
                self.values[key] = known
        return indicator, *known

    def _value(self, period: object, kind: object, raw: object, raw_type: type) -> Value | None:
        kind_value = KIND_WORDS.get(kind) if type(kind) is str else None
        if kind_value is None or type(period) not in (str, int):
            return None
        figure = self.figures.get((raw, raw_type))
        try:
            if figure is None:
                figure, mark = parse_figure(raw)
                if mark or (type(figure) is Number and len(figure.value.as_tuple().digits) > _DIGITS):
                    return None  # a footnote mark, or a binary rest the checked way warns about
                if _blank(raw):
                    return None  # a row without a figure or a reason, which the checked way warns about
                if _exact_key(raw):
                    self.figures[raw, raw_type] = figure
            return Value(_period(str(period)), kind_value, figure)
        except ValueError:
            return None


def _blank(raw: object) -> bool:
    """An empty cell, or one with only spaces in it."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


class _Rounded:
    """The indicators with `decimalen` in `decimals`, asked one at a time: a row asks only of its own indicator."""

    def __init__(self, decimals: Mapping[str, int | None]) -> None:
        self.decimals = decimals

    def __contains__(self, indicator: object) -> bool:
        return isinstance(indicator, str) and self.decimals.get(indicator) is not None


_TYPED_DIGITS = 15
"""The digits Excel keeps of a figure; a float whose shortest text has more holds a formula's binary rest."""


def _in_full(number: float, read: object) -> object:
    """A figure in a General cell as its indicator's `decimalen` round it: Excel's 15 digits (7123456789.45), not the
    11 characters General shows (7123456789), which the decimals would round to 7.123.456.789,00. `read`, as read,
    for a figure without a binary rest."""
    if len(repr(number)) <= _TYPED_DIGITS + 1 or not math.isfinite(number):
        return read
    return decimal_from_float(number)


def _exact_key(raw: object) -> bool:
    """Whether equal cells of this type hold the same figure: not so for Decimal("1.0") and 1, or -0.0 and 0.0."""
    raw_type = type(raw)
    return raw_type is str or raw_type is int or (raw_type is float and raw != 0)


@lru_cache(maxsize=1024)
def _period(text: str) -> Period:
    """parse_period, remembered: a workbook names the same few periods on every row."""
    return parse_period(text)


def _number_key(number: str) -> tuple[int, ...]:
    return tuple(int(p) for p in number.split(".") if p.isascii() and p.isdigit())


def _period_date_hint(value: date, cell: str | None, column: str) -> str:
    """What to do about a period that is a date: Excel makes the first of the month of a month typed as 2024-03 (or
    a school year as 2011-12), and a system writes a year as its first of January. Made Text, the cell shows the
    date's serial number (43831): the period has to be typed again, or, for a whole column, made text by a formula
    (`cell`, in a workbook). A column of a system's years needs only the format jjjj, under which a date is read as
    the year Excel shows (`workbook.date_pattern`)."""
    month = f"{value:%Y-%m}"
    again = "maak de cel van het type Tekst en typ de periode opnieuw"
    months = (
        f'zet in een lege kolom =TEKST({cell};"jjjj-mm"), vul die naar beneden, kopieer hem en plak hem met Plakken '
        f"speciaal, Waarden over de kolom '{column}'."
    )
    if value.day == 1 and value.month == 1:
        years = (
            " Een hele kolom met jaren geeft u de getalnotatie jjjj (Ctrl+1 > Getal > Aangepast): verantwoord leest "
            f"het jaar dat Excel dan toont. Voor een kolom met maanden: {months}"
            if cell
            else ""
        )
        return (
            f"Excel maakt van een maand als {month} een datum, en een systeem schrijft een jaar soms als datum "
            f"({value.day}-{value.month}-{value.year}): {again}, zoals {value.year} of {month}.{years}"
        )
    if value.day == 1:
        whole = f" Voor een hele kolom: {months}" if cell else ""
        return f"Excel maakt van een maand als {month} een datum: {again}, zoals {month}.{whole}"
    return f"Excel heeft er een datum van gemaakt: {again}."


_SHOWN_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})|(jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)-(\d{2})")
_SHOWN_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def _shown_date(text: str) -> date | None:
    """A date as Dutch Excel writes a date cell into a CSV file: 1-3-2024 (the short date) or mrt-24 (the format
    Excel gives a month typed as 2024-03); None for anything else. It was told "is geen periode", without the hint
    a date cell in a workbook gets."""
    match = _SHOWN_DATE.fullmatch(text)
    if match is None:
        return None
    if match[4]:
        return date(2000 + int(match[5]), _SHOWN_MONTHS.index(match[4]) + 1, 1)
    try:
        return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


class _CellReader:
    """Reads the cells of one row by column name, reporting problems at their cell."""

    def __init__(
        self,
        table: Table,
        row: Sequence[object],
        index: int,
        columns: dict[str, int],
        problems: Problems,
        reported: AbstractSet[Location] = frozenset(),
    ) -> None:
        self.table = table
        self.row = row
        self.index = index
        self.columns = columns
        self.problems = problems
        self.reported = reported
        """Cells with an error already (an Excel error value such as #N/A): not reported again as empty."""
        self.failed = False

    def location(self, column: str) -> Location:
        return self.table.locate(self.index, self.columns.get(column, -1))

    def error(self, column: str, message: str, **details: str | None) -> None:
        self.failed = True
        location = self.location(column)
        if location not in self.reported:
            self.problems.error(location, message, **details)

    def raw(self, column: str) -> object:
        index = self.columns.get(column)
        if index is None or index >= len(self.row):
            return None
        value = self.row[index]
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def text(self, column: str) -> str | None:
        value = self.raw(column)
        if value is None:
            return None
        if isinstance(value, float):
            value = decimal_from_float(value)
        elif isinstance(value, bool):
            return truth_as_written(value, self.table.words)
        return str(value).strip()

    def shown(self, column: str) -> str | None:
        """A text for the reader, as Excel shows the cell: a number, date or yes/no typed into a text column
        (a source, a text in place of a figure) is published as Dutch Excel shows it, not as Python writes it."""
        value = self.raw(column)
        if value is None or isinstance(value, str):
            return self.visible(column, value)
        return shown_as_in_excel(value)

    def visible(self, column: str, text: str | None) -> str | None:
        """A text for the reader without control characters, with a warning at its cell when it had any."""
        if text is None or CONTROL_CHARACTERS.search(text) is None:
            return text.strip() if text is not None else None
        self.problems.warning(
            self.location(column), control_characters_left_out(text), found=text, hint=CONTROL_CHARACTERS_HINT
        )
        return without_control_characters(text).strip() or None

    def section(self, column: str) -> str | None:
        text = self.text(column)
        return text.rstrip(".") if text else None

    def decimals(self, column: str) -> int | None:
        text = self.text(column)
        if text is None:
            return None
        whole = _WHOLE.fullmatch(text)  # "1.0" too, as a program may write a whole number
        if whole is None or int(whole.group(1)) > 6:
            self.error(
                column, f"{quoted(text)} is geen aantal decimalen.", found=text, expected="een heel getal van 0 tot 6"
            )
            return None
        return int(whole.group(1))

    def choice(self, column: str, words: dict, default, required: bool = False):
        text = self.text(column)
        if text is None:
            if required:
                where = self.location(column)
                # A YAML entry may leave the key out: its place is then the entry, without a key.
                empty = "is leeg" if where.cell or where.column or where.key else "ontbreekt"
                self.error(column, f"de {self.table.words.column} '{column}' {empty}.", expected=_choices(words))
            return default
        choice = words.get(text.lower())
        if choice is None:
            # 'realsatie', 'hoog is beter': a typo of a word it knows.
            close = difflib.get_close_matches(text.lower(), list(words), n=1, cutoff=0.75)
            self.error(
                column,
                f"{quoted(text)} is geen geldige {column}.",
                found=text,
                expected=_choices(words),
                hint=f"bedoelt u '{close[0]}'?" if close else None,
            )
        return choice

    def period(self, column: str) -> Period | None:
        value = self.raw(column)
        if value is None:
            self.error(column, "de periode ontbreekt.", expected="een jaar zoals 2020")
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        elif isinstance(value, bool):
            value = truth_as_written(value, self.table.words)
        if isinstance(value, (date, datetime)):
            self.error(
                column,
                "de periode is een datum.",
                found=f"{value:%d-%m-%Y}",
                expected=_PERIODS,
                hint=_period_date_hint(value, self.location(column).cell, column),
            )
            return None
        try:
            return _period(str(value))
        except ValueError as error:
            if self.table.words.as_shown and (shown := _shown_date(str(value).strip())):
                self.error(
                    column,
                    "de periode is een datum.",
                    found=str(value),
                    expected=_PERIODS,
                    hint=_period_date_hint(shown, None, column),
                )
                return None
            short = _SHORT_YEAR.fullmatch(str(value).strip())
            hint = _short_year_hint(short) if short else None
            self.error(column, f"{error}.", found=str(value), expected=_PERIODS, hint=hint)
            return None

    def figure(self, column: str, *, measured: bool = False):
        raw = self.raw(column)
        try:
            figure, mark = parse_figure(raw, self.table.words, measured=measured)
        except CellError as error:
            found = (
                None if error.says_found else truth_as_written(raw, self.table.words) if type(raw) is bool else str(raw)
            )
            self.error(column, error.message, found=found, expected=error.expected, hint=error.hint)
            return None, None
        if isinstance(raw, str) and isinstance(figure, Number) and len(figure.value.as_tuple().digits) > _DIGITS:
            # 0.30000000000000004 in a CSV file is a binary rest of the program that wrote it, not a figure anyone
            # entered: read as a workbook's cell is, to the 15 digits Excel shows (0,3).
            figure = Number(decimal_from_float(float(figure.value)))
            shown = "zoals Excel het toont" if self.table.words.excel else f"afgerond op {_DIGITS} cijfers"
            self.problems.warning(
                self.location(column),
                f"dit getal heeft meer dan {_DIGITS} cijfers: een rekenrest van het programma dat de export maakte. "
                f"Gepubliceerd als {format(figure.value, 'f').replace('.', ',')}, {shown}.",
                found=raw,
                hint="zet het getal afgerond in de export.",
            )
        return figure, mark


_SHORT_YEAR = re.compile(r"['’‘`]?(\d{2})(?:\s*[-/]\s*['’‘`]?(\d{2}))?")
"""A year as some write it in short, '20 or 20/21: a period needs it in full."""


def _short_year_hint(short: re.Match[str]) -> str | None:
    """The period of a short year in full: '99 is 1999, not 2099, and 99/00 is 1999-2000, as 1999/00 is no period.
    None for years that go back (21/20)."""
    year = int(short[1]) + (1900 if int(short[1]) >= 50 else 2000)
    if short[2] is None:
        return f"schrijf het jaar voluit: {year}."
    end = year - year % 100 + int(short[2])
    if end >= year:
        return f"schrijf de jaren voluit: {year}/{short[2]}."
    return f"schrijf de jaren voluit: {year}-{end + 100}." if end + 100 - year < 50 else None


_WHOLE = re.compile(r"([0-9]+)(?:[.,]0+)?")
_DIGITS = 15
"""The significant digits of a number in Excel (and in a float's shortest form, nearly): more is a binary rest."""


def _choices(words: dict) -> str:
    """The words a column takes, as a choice: "'a', 'b' of 'c'"."""
    values = list(dict.fromkeys(v.value if hasattr(v, "value") else v for v in words.values()))
    return format_list([f"'{v}'" for v in values], style="or", locale="nl")
