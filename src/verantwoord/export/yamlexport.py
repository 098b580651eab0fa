"""Read an export kept as YAML (for teams that keep the document in git) into the same tables.

    indicatoren:
      - id: kcc-tevredenheid
        paragraaf: "4.1"
        titel: "% bellers met het KCC dat positief is over dienstverlening"
        bron: Klant in Focus
        waarden:
          - {periode: 2019, soort: realisatie, waarde: 95}

Each indicator's keys are the columns of the Indicatoren sheet; each entry of `waarden` has the columns
of the Waarden sheet except `indicator`, which is the indicator it stands under. Numbers are read as the text they
were written as, as from a CSV file: `waarde: 7.10` is 7,10 and `paragraaf: 1.10` is 1.10, not 1.1.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from pathlib import Path

from verantwoord.errors import Location, Problems
from verantwoord.export.records import INDICATOR_COLUMNS, VALUE_COLUMNS, Column
from verantwoord.export.table import Table, column_name, yaml_words
from verantwoord.yamlfile import LineDict, load_yaml


def read_yaml_export(path: Path, problems: Problems) -> dict[str, Table]:
    """The tables `indicatoren` and `waarden` from a YAML export; empty when it cannot be read."""
    name = path.name
    data = load_yaml(path, problems, numbers_as_written=True)
    if data is None:
        return {}
    listed = _key(data, "indicatoren") if isinstance(data, LineDict) else None
    if listed is None or not isinstance(data[listed], list):
        problems.error(
            Location(name, line=1),
            "het bestand heeft geen lijst 'indicatoren'.",
            expected="'indicatoren:' met daaronder per indicator '- id: ...'",
        )
        return {}
    indicator_rows: list[tuple[int, dict[str, tuple[object, int | None]]]] = []
    value_rows: list[tuple[int, dict[str, tuple[object, int | None]]]] = []
    misspelt: dict[tuple[str, str], list[int]] = {}
    for entry in data[listed]:
        if not isinstance(entry, LineDict):
            problems.error(
                Location(name, line=data.lines[listed]),
                "een indicator is geen lijst van sleutels.",
                found=str(entry),
            )
            continue
        under = _key(entry, "waarden")
        values = (entry[under] or []) if under is not None else []
        indicator = _cells(name, entry, problems, INDICATOR_COLUMNS, misspelt, skip="waarden")
        indicator_rows.append((entry.line, indicator))
        indicator_id = indicator["id"][0] if "id" in indicator else None
        if not isinstance(values, list):
            problems.error(Location(name, line=entry.lines[under]), f"'{under}' is geen lijst.")
            continue
        for value in values:
            if not isinstance(value, LineDict):
                problems.error(Location(name, line=entry.lines[under]), "een waarde is geen lijst van sleutels.")
                continue
            cells = _cells(name, value, problems, VALUE_COLUMNS, misspelt, skip="indicator")
            own = _key(value, "indicator")
            if own is not None and str(value[own]).strip() != str(indicator_id).strip():
                # It put the value under another indicator than the one it stands under.
                problems.error(
                    Location(name, line=value.lines[own], key=str(own)),
                    "een waarde hoort bij de indicator waaronder ze staat, en heeft geen sleutel 'indicator'.",
                    found=str(value[own]),
                    hint="zet de waarde onder 'waarden:' van die indicator, en haal de regel 'indicator:' weg.",
                )
            cells["indicator"] = (indicator_id, None)  # not written: the indicator it stands under
            value_rows.append((value.line, cells))
    for (key, meant), lines in misspelt.items():
        others = f" (ook op regel {_numbers(lines[1:])})" if len(lines) > 1 else ""
        problems.error(
            Location(name, line=lines[0], key=key),
            f"onbekende sleutel '{key}'{others}.",
            found=key,
            expected=f"de sleutel '{meant}'",
            hint=f"bedoelt u '{meant}'? Hernoem de sleutel.",
        )
    return {
        "indicatoren": _table(name, "indicatoren", indicator_rows, data.line, INDICATOR_COLUMNS, "indicator"),
        "waarden": _table(name, "waarden", value_rows, data.line, VALUE_COLUMNS, "waarde"),
    }


def _key(entry: LineDict, name: str) -> object | None:
    """The key of `entry` that is `name` as a sheet's header would read it (`Waarden`), or None."""
    return next((key for key in entry if column_name(key) == name), None)


def _cells(
    file: str,
    entry: LineDict,
    problems: Problems,
    columns: Sequence[Column],
    misspelt: dict[tuple[str, str], list[int]],
    skip: str = "",
) -> dict[str, tuple[object, int | None]]:
    """The entry's keys as cells: {column: (value, line)}, each key read as the column it names (`Id` is `id`). A
    list or mapping where one value belongs is reported (a cell of a sheet holds one value) and left out, and so is
    a key that names a column the entry already has (`Id` and `id`): a sheet's header has each column once.

    A key the entry means but misspelt (`paragraf`, with no `paragraaf` in it) is read as the key it means, and
    added to `misspelt` with its line, to be reported once: unlike a sheet's header, every entry has keys of its own,
    and a sheet's check said 'onbekende kolom' and then, at another line, that the paragraph is missing."""
    cells: dict[str, tuple[object, int | None]] = {}
    first: dict[str, object] = {}
    """Each column's key as first written in the entry."""
    known = {column.name for column in columns}
    # {periode: 2019, waarde: 7,5}: between braces a comma ends a value, and 5 becomes a key without a value.
    pieces: dict[str, list[str]] = {}
    cut = None
    for key, value in entry.items():
        if entry.flow and value is None and str(key) not in known and cut is not None:
            pieces.setdefault(cut, []).append(str(key))
            continue
        cut = str(key)
    for before, rest in pieces.items():
        whole = ",".join([str(entry[before]), *rest])
        if not re.fullmatch(r"[0-9,]+", whole):
            whole = ", ".join([str(entry[before]), *rest])
        problems.error(
            Location(file, line=entry.lines[before]),
            f"tussen {{ }} eindigt een komma de waarde: '{before}' is afgebroken bij de komma.",
            found=f"{before}: {whole}",
            hint=f'zet de waarde tussen aanhalingstekens: {before}: "{whole}".',
        )
    for key, value in entry.items():
        written = column_name(key)
        if written == skip or any(str(key) in rest for rest in pieces.values()):
            continue
        if isinstance(value, (list, dict)):
            problems.error(
                Location(file, line=entry.lines[key]),
                f"'{key}' heeft meer dan één waarde.",
                found=str(value),
                hint="geef per waarde een eigen regel '- periode: …' met één periode, soort en waarde.",
            )
            continue
        name = written if written in known else str(key)
        if written not in known:
            present = {column_name(k) for k in entry}
            meant = difflib.get_close_matches(written, sorted(known - present - {skip}), n=1, cutoff=0.6)
            if meant:
                misspelt.setdefault((name, meant[0]), []).append(entry.lines[key])
                name = meant[0]
        if name in cells:
            problems.error(
                Location(file, line=entry.lines[key], key=str(key)),
                f"de sleutel '{key}' staat twee keer in dezelfde lijst (ook als '{first[name]}' op regel "
                f"{cells[name][1]}).",
                hint="verwijder een van beide: hoofdletters maken in een sleutel geen verschil.",
            )
            continue
        first[name] = key
        cells[name] = (value, entry.lines[key])
    return cells


def _numbers(lines: list[int], shown: int = 5) -> str:
    """15, 27 en 39; or 15, 27, 39, 51, 63 en nog 7."""
    if len(lines) > shown:
        return f"{', '.join(map(str, lines[:shown]))} en nog {len(lines) - shown}"
    return ", ".join(map(str, lines[:-1])) + f" en {lines[-1]}" if len(lines) > 1 else str(lines[0])


def _table(
    file: str,
    sheet: str,
    entries: list[tuple[int, dict[str, tuple[object, int | None]]]],
    first_line: int,
    columns: Sequence[Column],
    entry: str,
) -> Table:
    """Entries (their line, {column: (value, line)}) as a table; a missing key points at its entry's first line, and
    so does a cell not written (line None): a value's indicator.

    Without rows, or only rows without keys (`- {}`), the header is the required columns: no values at all is each
    indicator's warning, and an entry without keys lacks the keys it needs, not a list without a header."""
    rows = [row for _, row in entries]
    row_lines = [line for line, _ in entries]
    header: list[str] = [] if any(rows) else [column.name for column in columns if column.required]
    for row in rows:
        for key in row:
            if key not in header:
                header.append(key)
    cells = [[row[key][0] if key in row else None for key in header] for row in rows]

    def locate(row: int, column: int) -> Location:
        if column < 0:
            return Location(file, line=first_line if row < 0 else row_lines[row])
        key = header[column]
        if row < 0:  # the key as a whole: where it is first written
            return Location(file, line=next((r[key][1] for r in rows if key in r and r[key][1]), first_line), key=key)
        line = rows[row][key][1] if key in rows[row] else None
        return Location(file, line=row_lines[row]) if line is None else Location(file, line=line, key=key)

    return Table(sheet, file, header, cells, locate, yaml_words(entry, sheet))
