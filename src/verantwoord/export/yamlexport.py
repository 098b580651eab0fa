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

import re
from collections.abc import Sequence
from pathlib import Path

from verantwoord.errors import Location, Problems
from verantwoord.export.records import INDICATOR_COLUMNS, VALUE_COLUMNS, Column
from verantwoord.export.table import Table
from verantwoord.yamlfile import LineDict, load_yaml


def read_yaml_export(path: Path, problems: Problems) -> dict[str, Table]:
    """The tables `indicatoren` and `waarden` from a YAML export; empty when it cannot be read."""
    name = path.name
    data = load_yaml(path, problems, numbers_as_written=True)
    if data is None:
        return {}
    if not isinstance(data, LineDict) or not isinstance(data.get("indicatoren"), list):
        problems.error(
            Location(name, line=1),
            "het bestand heeft geen lijst 'indicatoren'.",
            expected="'indicatoren:' met daaronder per indicator '- id: ...'",
        )
        return {}
    indicator_rows: list[dict[str, tuple[object, int]]] = []
    value_rows: list[dict[str, tuple[object, int]]] = []
    for entry in data["indicatoren"]:
        if not isinstance(entry, LineDict):
            problems.error(Location(name), "een indicator is geen lijst van sleutels.", found=str(entry))
            continue
        values = entry.get("waarden") or []
        indicator_rows.append(_cells(name, entry, problems, INDICATOR_COLUMNS, skip="waarden"))
        if not isinstance(values, list):
            problems.error(Location(name, line=entry.lines["waarden"]), "'waarden' is geen lijst.")
            continue
        for value in values:
            if not isinstance(value, LineDict):
                problems.error(Location(name, line=entry.lines["waarden"]), "een waarde is geen lijst van sleutels.")
                continue
            row = _cells(name, value, problems, VALUE_COLUMNS)
            row.setdefault("indicator", (entry.get("id"), value.line))
            value_rows.append(row)
    return {
        "indicatoren": _table(name, "indicatoren", indicator_rows, data.line),
        "waarden": _table(name, "waarden", value_rows, data.line),
    }


def _cells(
    file: str, entry: LineDict, problems: Problems, columns: Sequence[Column], skip: str = ""
) -> dict[str, tuple[object, int]]:
    """The entry's keys as cells: {column: (value, line)}. A list or mapping where one value belongs is reported
    (a cell of a sheet holds one value) and left out."""
    cells = {}
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
        if key == skip or any(str(key) in rest for rest in pieces.values()):
            continue
        if isinstance(value, (list, dict)):
            problems.error(
                Location(file, line=entry.lines[key]),
                f"'{key}' heeft meer dan één waarde.",
                found=str(value),
                hint="geef per waarde een eigen regel '- periode: …' met één periode, soort en waarde.",
            )
            continue
        cells[str(key)] = (value, entry.lines[key])
    return cells


def _table(file: str, sheet: str, rows: list[dict[str, tuple[object, int]]], first_line: int) -> Table:
    """Rows of {column: (value, line)} as a table; a missing key points at its row's first line."""
    header: list[str] = []
    for row in rows:
        for key in row:
            if key not in header:
                header.append(key)
    cells = [[row[key][0] if key in row else None for key in header] for row in rows]
    row_lines = [min(line for _, line in row.values()) if row else first_line for row in rows]
    lines = [[row[key][1] if key in row else row_lines[i] for key in header] for i, row in enumerate(rows)]

    def locate(row: int, column: int) -> Location:
        if row < 0:
            return Location(file, line=first_line)
        if column < 0:
            return Location(file, line=row_lines[row])
        return Location(file, line=lines[row][column], column=header[column])

    return Table(sheet, file, header, cells, locate)
