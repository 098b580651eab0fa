"""The measured figures in the project: `metingen/uitkomsten.csv`, written by `measure`, read by `load_project`.

One row per indicator and period, with its provenance: the method, n, the interval, the raw files with their
SHA-256 and the moment of computing. It is a plain CSV so the data owner can open it in Excel and the
auditor can check it; figures are written as exact decimals ("92", "78.4"), never through a float.
Written atomically (a temporary file renamed over the old one), so a failed run leaves the old file.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from verantwoord.errors import Location, Problems
from verantwoord.model import Measurement, NoFigure, Number, Period, Value, ValueKind, parse_period

if TYPE_CHECKING:
    from verantwoord.export.records import ValueRecord

RESULTS_FILE = "metingen/uitkomsten.csv"
COLUMNS = (
    "indicator",
    "periode",
    "soort",
    "waarde",
    "reden",
    "n",
    "positief",
    "interval_laag",
    "interval_hoog",
    "overgeslagen",
    "methode",
    "bestanden",
    "berekend",
)


@dataclass(frozen=True)
class Outcome:
    """One measured figure (or the reason there is none) with its provenance."""

    indicator: str
    period: Period
    figure: Number | NoFigure
    method: str
    inputs: tuple[tuple[str, str], ...]
    computed_at: datetime
    n: int | None = None
    """None when the period was declared not measured."""
    positive: int | None = None
    interval: tuple[Decimal, Decimal] | None = None
    skipped: int = 0
    """Lines left out of this figure because they were malformed or repeated."""

    def value(self) -> Value:
        measurement = Measurement(self.method, self.n, self.interval, self.inputs, self.computed_at)
        return Value(self.period, ValueKind.REALISED, self.figure, measurement=measurement)


@dataclass(frozen=True)
class MeasuredValue:
    """A measured value as the loader sees it: like a row of the sheet Waarden, with its line in the file."""

    indicator: str
    value: Value
    location: Location
    has_footnote_mark: bool = False

    @property
    def period_location(self) -> Location:
        """Where the period is: the value's line, as for a row of the sheet Waarden its period's cell."""
        return self.location

    @property
    def period_written(self) -> str:
        return self.value.period.label


def write_results(root: Path, outcomes: Sequence[Outcome]) -> Path:
    """Write `outcomes` to metingen/uitkomsten.csv in `root`, replacing the old file only when complete."""
    path = root / RESULTS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for outcome in outcomes:
        figure = outcome.figure
        writer.writerow(
            [
                outcome.indicator,
                outcome.period.label,
                ValueKind.REALISED.value,
                str(figure.value) if isinstance(figure, Number) else "",
                figure.reason or "" if isinstance(figure, NoFigure) else "",
                "" if outcome.n is None else str(outcome.n),
                "" if outcome.positive is None else str(outcome.positive),
                str(outcome.interval[0]) if outcome.interval else "",
                str(outcome.interval[1]) if outcome.interval else "",
                str(outcome.skipped),
                outcome.method,
                "; ".join(f"{name} sha256:{digest}" for name, digest in outcome.inputs),
                outcome.computed_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            ]
        )
    handle, temporary = tempfile.mkstemp(prefix=".uitkomsten-", suffix=".csv", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(buffer.getvalue())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def read_results(root: Path, known_ids: Collection[str] | None, problems: Problems, ids_in: str) -> list[MeasuredValue]:
    """The measured values in the project, or [] when it has none; problems are reported with their line.

    `ids_in` is where the export keeps the ids of `known_ids`, in its own words (`Words.indicators`): a folder of
    CSV files has no sheet Indicatoren."""
    path = root / RESULTS_FILE
    if not path.is_file():
        return []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        problems.error(Location(RESULTS_FILE), f"het bestand kan niet worden gelezen: {error}.")
        return []
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or tuple(h.strip() for h in rows[0]) != COLUMNS:
        saved_by_excel = bool(rows) and tuple(h.strip() for h in ";".join(rows[0]).split(";")) == COLUMNS
        problems.error(
            Location(RESULTS_FILE, line=1),
            "de kopregel is niet die van verantwoord measure"
            + (": het bestand is opgeslagen met puntkomma's, zoals Excel een CSV opslaat." if saved_by_excel else "."),
            found=",".join(rows[0]) if rows else "",
            expected=",".join(COLUMNS),
            hint="maak het bestand opnieuw met 'verantwoord measure'"
            + (
                " (of zet het terug zoals measure het schreef): de cijfers erin komen uit de metingen, niet uit Excel."
                if saved_by_excel
                else "."
            ),
        )
        return []
    found: list[MeasuredValue] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        location = Location(RESULTS_FILE, line=number)
        value = _row_value(row, location, known_ids, problems, ids_in)
        if value is not None:
            found.append(MeasuredValue(row[0].strip(), value, location))
    return found


def _row_value(
    row: list[str], location: Location, known_ids: Collection[str] | None, problems: Problems, ids_in: str
) -> Value | None:
    if len(row) != len(COLUMNS):
        problems.error(location, f"de regel heeft {len(row)} velden.", expected=f"{len(COLUMNS)} velden")
        return None
    cells = dict(zip(COLUMNS, (cell.strip() for cell in row), strict=True))
    errors = len(problems.errors)
    if known_ids is not None and cells["indicator"] not in known_ids:
        problems.error(
            location,
            f"onbekende indicator '{cells['indicator']}'.",
            found=cells["indicator"],
            expected=f"een id uit {ids_in}",
            hint=f"verwijder de indicator uit metingen.yaml en meet opnieuw, of voeg hem toe aan {ids_in}.",
        )
    period = None
    try:
        period = parse_period(cells["periode"])
    except ValueError as error:
        problems.error(location, f"{error}.", found=cells["periode"], expected="een periode zoals 2020")
    if cells["soort"] != ValueKind.REALISED.value:
        problems.error(location, "een meting is altijd een realisatie.", found=cells["soort"], expected="realisatie")
    waarde = _decimal(cells, "waarde", location, problems)
    low = _decimal(cells, "interval_laag", location, problems)
    high = _decimal(cells, "interval_hoog", location, problems)
    n = _count(cells, "n", location, problems)
    try:
        computed = datetime.fromisoformat(cells["berekend"].replace("Z", "+00:00"))
    except ValueError:
        problems.error(
            location, "'berekend' is geen tijdstip.", found=cells["berekend"], expected="2021-05-25T11:50:49Z"
        )
        computed = None
    inputs = []
    for item in filter(None, (part.strip() for part in cells["bestanden"].split(";"))):
        name, _, digest = item.rpartition(" sha256:")
        inputs.append((name, digest))
    if len(problems.errors) > errors or period is None or computed is None:
        return None
    figure: Number | NoFigure = Number(waarde) if waarde is not None else NoFigure(cells["reden"] or None)
    interval = (low, high) if low is not None and high is not None else None
    measurement = Measurement(cells["methode"], n, interval, tuple(inputs), computed)
    return Value(period, ValueKind.REALISED, figure, measurement=measurement)


def _decimal(cells: dict[str, str], column: str, location: Location, problems: Problems) -> Decimal | None:
    if not cells[column]:
        return None
    try:
        return Decimal(cells[column])
    except InvalidOperation:
        problems.error(location, f"'{column}' is geen getal.", found=cells[column], expected="een getal zoals 78.4")
        return None


def _count(cells: dict[str, str], column: str, location: Location, problems: Problems) -> int | None:
    if not cells[column]:
        return None
    if not (cells[column].isascii() and cells[column].isdigit()):
        problems.error(location, f"'{column}' is geen aantal.", found=cells[column], expected="een heel getal")
        return None
    return int(cells[column])


def merge_measured(
    values: Sequence[ValueRecord], measured: Sequence[MeasuredValue], ids: Collection[str], problems: Problems
) -> list[ValueRecord | MeasuredValue]:
    """The export's values with the measured ones added; a figure in both places is an error naming both.

    Measured values of an indicator whose row in the export has an error are left out, like its other values.
    """
    if not measured:
        return list(values)  # no key per value: 650,000 of them at 5,000 sections
    entered = {(r.indicator, r.value.period, r.value.kind, r.value.series): r for r in values}
    merged: list[ValueRecord | MeasuredValue] = list(values)
    for item in measured:
        value = item.value
        other = entered.get((item.indicator, value.period, value.kind, value.series))
        if other is not None:
            problems.error(
                item.location,
                f"de {value.kind.value} voor '{item.indicator}' in {value.period.label} is gemeten, "
                f"maar staat ook in de export: {other.location}.",
                hint="verwijder de waarde uit de export, of haal de indicator uit metingen.yaml en meet opnieuw.",
            )
        elif item.indicator in ids:
            merged.append(item)
    return merged
