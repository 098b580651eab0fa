"""Shared fixtures: small projects written into a tmp_path, in any of the three export formats.

`make_project()` writes a valid project (verantwoord.yaml, tekst/*.md and the export) that builds
without a single warning, so a test changes one thing and sees exactly the problem it expects:

    project = make_project()
    project.values[0]["waarde"] = "abc"
    project.write()

Rows are plain dicts keyed by the column names of the Indicatoren and Waarden sheets.
"""

from __future__ import annotations

import copy
import csv
import io
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook, load_workbook

from verantwoord.config import AMSTERDAM
from verantwoord.export.records import INDICATOR_COLUMNS, INDICATOR_SHEET, VALUE_COLUMNS, VALUE_SHEET
from verantwoord.export.template import write_workbook

EXPORT_TIME = datetime(2021, 5, 25, 11, 50, 49, tzinfo=UTC)
"""The workbook's own 'last modified' time in every test workbook, so the export time is known."""

INDICATORS: list[dict[str, object]] = [
    {
        "id": "kcc-tevredenheid",
        "paragraaf": "4.1",
        "titel": "% bellers met het KCC dat positief is over dienstverlening",
        "eenheid": "%",
        "decimalen": 0,
        "polariteit": "hoger is beter",
        "bron": "Klant in Focus",
        "toelichting": "Bellers van 14033 wordt na afloop gevraagd om het gesprek te waarderen.",
    },
    {
        "id": "kcc-bereikbaarheid",
        "paragraaf": "4.1",
        "titel": "% telefonische bereikbaarheid 14033",
        "eenheid": "%",
        "decimalen": 0,
        "polariteit": "hoger is beter",
        "bron": "KCC/KCS",
        "toelichting": "",
    },
]
"""Two indicators in section 4.1; their rows are 2 and 3 of the sheet Indicatoren."""

VALUES: list[dict[str, object]] = [
    {"indicator": "kcc-tevredenheid", "periode": "2019", "soort": "realisatie", "waarde": "95"},
    {"indicator": "kcc-tevredenheid", "periode": "2020", "soort": "realisatie", "waarde": "94"},
    {"indicator": "kcc-tevredenheid", "periode": "2020", "soort": "streefwaarde", "waarde": "93"},
    {"indicator": "kcc-bereikbaarheid", "periode": "2019", "soort": "realisatie", "waarde": "83"},
    {"indicator": "kcc-bereikbaarheid", "periode": "2020", "soort": "realisatie", "waarde": "78"},
]
"""Values in rows 2 to 6 of the sheet Waarden (the value itself in column D)."""

CONFIG: dict[str, object] = {
    "document": {"soort": "jaarverslag", "jaar": 2020, "organisatie": "Gemeente Amersfoort"},
    "tabel": {"realisatie": "2019-2020", "streefwaarde": 2020},
}
"""The config as a mapping; `export.bestand`, when not given, is set from the export format on writing."""

TEXTS: dict[str, str] = {
    "4.md": "# Bestuur en dienstverlening\n\nDe inleiding van het hoofdstuk.\n",
    "4.1.md": "# Dienstverlening\n\nWat hebben we bereikt? **Veel.**\n",
}
"""The Markdown files in tekst/, by file name."""

STATEMENT = (
    "# Toegankelijkheidsverklaring\n\nGemeente Amersfoort wil dat iedereen deze website kan gebruiken. De website "
    "voldoet aan WCAG 2.1 niveau AA.\n"
)
"""The accessibility statement in tekst/toegankelijkheid.md: without it, every project would warn."""
STATEMENT_EN = "# Accessibility statement\n\nThe municipality wants everyone to be able to use this website.\n"
"""The statement of a project with `taal: en` (a Dutch one is a warning there)."""

EXPORT_FILES = {"xlsx": "indicatoren.xlsx", "csv": "export", "yaml": "indicatoren.yaml"}


@dataclass
class TestProject:
    """A project on disk, and the data it was written from: change the data and `write()` again."""

    __test__ = False  # not a test class, whatever pytest thinks of its name

    root: Path
    indicators: list[dict[str, object]]
    values: list[dict[str, object]]
    config: dict[str, object]
    texts: dict[str, str]
    export: str = "xlsx"
    """'xlsx', 'csv' (a folder with indicatoren.csv and waarden.csv) or 'yaml'."""
    modified: datetime | None = EXPORT_TIME
    """The workbook's own export time (xlsx only); None leaves openpyxl's save time."""
    csv_separator: str = ";"
    csv_bom: bool = False
    csv_encoding: str = "utf-8"
    extra_files: dict[str, bytes] = field(default_factory=dict)
    statement: str | None = STATEMENT
    """tekst/toegankelijkheid.md unless `texts` has one; None: none (verantwoord's draft, and a warning)."""

    @property
    def export_path(self) -> Path:
        return self.root / EXPORT_FILES[self.export]

    @property
    def output(self) -> Path:
        return self.root / "site"

    @property
    def config_path(self) -> Path:
        return self.root / "verantwoord.yaml"

    def write(self) -> TestProject:
        """(Re)write every file of the project from its data; files of an earlier export format are removed."""
        self.root.mkdir(parents=True, exist_ok=True)
        config = copy.deepcopy(self.config)
        export = config.setdefault("export", {})
        if isinstance(export, dict) and "bestand" not in export:
            config["export"] = {"bestand": EXPORT_FILES[self.export], **export}
        self.config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        texts = self.root / "tekst"
        shutil.rmtree(texts, ignore_errors=True)
        texts.mkdir()
        for name, text in self.texts.items():
            (texts / name).write_text(text, encoding="utf-8")
        if self.statement is not None and "toegankelijkheid.md" not in self.texts:
            english = self.statement == STATEMENT and config.get("taal") == "en"
            (texts / "toegankelijkheid.md").write_text(STATEMENT_EN if english else self.statement, encoding="utf-8")
        for name in EXPORT_FILES.values():
            path = self.root / name
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
        if self.export == "xlsx":
            write_workbook(self.export_path, self.indicators, self.values, modified=self.modified)
        elif self.export == "csv":
            self.export_path.mkdir()
            for sheet, columns, rows in (
                (INDICATOR_SHEET, INDICATOR_COLUMNS, self.indicators),
                (VALUE_SHEET, VALUE_COLUMNS, self.values),
            ):
                text = csv_text([c.name for c in columns], rows, self.csv_separator)
                data = (b"\xef\xbb\xbf" if self.csv_bom else b"") + text.encode(self.csv_encoding)
                (self.export_path / f"{sheet.lower()}.csv").write_bytes(data)
        elif self.export == "yaml":
            self.export_path.write_text(yaml_export(self.indicators, self.values), encoding="utf-8")
        else:
            raise ValueError(f"unknown export format {self.export!r}")
        for name, data in self.extra_files.items():
            (self.root / name).parent.mkdir(parents=True, exist_ok=True)
            (self.root / name).write_bytes(data)
        return self

    def write_sheets(self, sheets: Mapping[str, Sequence[Sequence[object]]]) -> None:
        """Replace the workbook by one with exactly these sheets and rows (the first row is the header)."""
        write_sheets(self.export_path, sheets, self.modified)

    def edit_workbook(self, edit: Callable[[Workbook], None]) -> None:
        """Change the written workbook with openpyxl (error cells, date formats, ...) and save it."""
        edit_workbook(self.export_path, edit, self.modified)


def csv_text(header: Sequence[str], rows: Sequence[Mapping[str, object]], separator: str = ";") -> str:
    """Rows as a CSV file the way a spreadsheet saves it: every column of the header, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if row.get(name) is None else str(row.get(name)) for name in header])
    return buffer.getvalue()


def yaml_export(indicators: Sequence[Mapping[str, object]], values: Sequence[Mapping[str, object]]) -> str:
    """The YAML export of these rows: every indicator with its own values nested under 'waarden'."""
    entries = []
    for indicator in indicators:
        entry = {k: v for k, v in indicator.items() if v not in (None, "")}
        own = [
            {k: v for k, v in value.items() if k != "indicator" and v not in (None, "")}
            for value in values
            if value.get("indicator") == indicator.get("id")
        ]
        if own:
            entry["waarden"] = own
        entries.append(entry)
    return yaml.safe_dump({"indicatoren": entries}, allow_unicode=True, sort_keys=False)


def write_sheets(
    path: Path, sheets: Mapping[str, Sequence[Sequence[object]]], modified: datetime | None = EXPORT_TIME
) -> None:
    """A workbook with exactly these sheets and rows, nothing else (no template, no Uitleg)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    workbook.save(path)
    if modified is not None:
        set_modified(path, modified)


def edit_workbook(path: Path, edit: Callable[[Workbook], None], modified: datetime | None = EXPORT_TIME) -> None:
    """Open the workbook with openpyxl, `edit` it and save it; openpyxl stamps the save time, so put `modified` back."""
    workbook = load_workbook(path)
    edit(workbook)
    workbook.save(path)
    if modified is not None:
        set_modified(path, modified)


def set_modified(path: Path, moment: datetime) -> None:
    """Set the workbook's own 'last modified' time (docProps/core.xml), which verantwoord reads as the export time."""
    stamp = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    patch_workbook_xml(
        path, "docProps/core.xml", r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rf"\g<1>{stamp}\g<2>"
    )


def patch_workbook_xml(path: Path, member: str, pattern: str, replacement: str) -> None:
    """Rewrite one XML part of a workbook with a regex, for what openpyxl cannot write (cached formula values).

    Fails when the pattern does not occur, so a test never silently tests the unpatched file.
    """
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".xlsx", delete=False) as handle:
        temporary = Path(handle.name)
    try:
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == member:
                    data, count = re.subn(pattern.encode(), replacement.encode(), data)
                    assert count, f"{pattern!r} not found in {member}"
                target.writestr(item, data)
        shutil.move(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by relative path, with its bytes: compare two of these to see any change."""
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def new_project(
    root: Path,
    *,
    indicators: Sequence[Mapping[str, object]] | None = None,
    values: Sequence[Mapping[str, object]] | None = None,
    config: Mapping[str, object] | None = None,
    config_replace: bool = False,
    texts: Mapping[str, str] | None = None,
    export: str = "xlsx",
    write: bool = True,
    **options: object,
) -> TestProject:
    """A valid project in `root`; every argument replaces part of the default project.

    `config` is merged into the default config one level deep ({"tabel": {"streefwaarde": 2024}} keeps
    tabel.realisatie); pass `config_replace=True` to use it as the whole config. Other keyword arguments
    set fields of TestProject (csv_separator, csv_bom, csv_encoding, modified, extra_files).
    """
    merged = copy.deepcopy(CONFIG)
    if config_replace:
        merged = copy.deepcopy(dict(config or {}))
    else:
        for key, value in (config or {}).items():
            if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **copy.deepcopy(dict(value))}
            else:
                merged[key] = copy.deepcopy(value)
    if export != "xlsx" and not config_replace and isinstance(merged.setdefault("export", {}), dict):
        # CSV and YAML do not know the moment of the export; without it every build would warn.
        merged["export"].setdefault("tijd", EXPORT_TIME.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M:%S"))
    project = TestProject(
        root=Path(root),
        indicators=[dict(row) for row in (INDICATORS if indicators is None else indicators)],
        values=[dict(row) for row in (VALUES if values is None else values)],
        config=merged,
        texts=dict(TEXTS if texts is None else texts),
        export=export,
        **options,
    )
    return project.write() if write else project


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., TestProject]:
    """`new_project` in this test's tmp_path: tmp_path/project, then tmp_path/project2, ... unless `root` is given."""
    counter = 0

    def make(root: Path | None = None, **kwargs: object) -> TestProject:
        nonlocal counter
        if root is None:
            counter += 1
            root = tmp_path / ("project" if counter == 1 else f"project{counter}")
        return new_project(root, **kwargs)

    return make
