"""Write one long table as an .xlsx workbook, fast.

Written here rather than with xlsxwriter or openpyxl: the open data of a large document is 130,000
rows of 25 columns, and xlsxwriter took 24 s for it (openpyxl minutes), where writing the few XML
parts of a plain table directly takes about a second (bench/README.md). Only what a table of text,
numbers and booleans needs is here: inline strings, a number format per count of decimals, a bold
header row that stays in view. Same input, same bytes: the zip entries carry the build time.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML 1.0
_MAX_DECIMALS = 10


@dataclass(frozen=True)
class Sheet:
    name: str
    header: Sequence[str]
    rows: Iterable[Sequence[object]]
    """Cells are str, Decimal, bool or None (empty)."""


def write_xlsx(path: Path, sheets: Sequence[Sheet], created: datetime, author: str = "verantwoord") -> None:
    stamp = created.astimezone(UTC)
    date_time = max(stamp, datetime(1980, 1, 1, tzinfo=UTC)).timetuple()[:6]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:

        def add(name: str, text: str) -> None:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"), compresslevel=1)

        add("[Content_Types].xml", _content_types(len(sheets)))
        add("_rels/.rels", _ROOT_RELS)
        add("docProps/core.xml", _core(author, stamp.strftime("%Y-%m-%dT%H:%M:%SZ")))
        add("xl/workbook.xml", _workbook(sheets))
        add("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets)))
        add("xl/styles.xml", _STYLES)
        for number, sheet in enumerate(sheets, start=1):
            add(f"xl/worksheets/sheet{number}.xml", _sheet_xml(sheet))


def _text(value: str) -> str:
    value = value.translate(_ESCAPE)
    return _CONTROL.sub("", value) if _CONTROL.search(value) else value


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _sheet_xml(sheet: Sheet) -> str:
    columns = [_column(i) for i in range(len(sheet.header))]
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
        'state="frozen"/></sheetView></sheetViews><sheetData><row r="1">'
    ]
    parts.extend(
        f'<c r="{columns[c]}1" s="1" t="inlineStr"><is><t>{_text(name)}</t></is></c>'
        for c, name in enumerate(sheet.header)
    )
    parts.append("</row>")
    for r, row in enumerate(sheet.rows, start=2):
        cells = []
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                cells.append(f'<c r="{columns[c]}{r}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, Decimal):
                # The number format shows the decimals as entered; Excel itself keeps binary floats.
                style = 2 + min(max(0, -value.as_tuple().exponent), _MAX_DECIMALS)
                cells.append(f'<c r="{columns[c]}{r}" s="{style}"><v>{value:f}</v></c>')
            else:
                cells.append(
                    f'<c r="{columns[c]}{r}" t="inlineStr"><is><t xml:space="preserve">{_text(value)}</t></is></c>'
                )
        parts.append(f'<row r="{r}">{"".join(cells)}</row>')
    parts.append("</sheetData></worksheet>")
    return "".join(parts)


def _content_types(count: int) -> str:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for n in range(1, count + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        f"{sheets}</Types>"
    )


_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/></Relationships>'
)


def _core(author: str, stamp: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:creator>{_text(author)}</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>'
    )


def _workbook(sheets: Sequence[Sheet]) -> str:
    entries = "".join(
        f'<sheet name="{_text(sheet.name)}" sheetId="{n}" r:id="rId{n}"/>' for n, sheet in enumerate(sheets, start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<sheets>{entries}</sheets></workbook>"
    )


def _workbook_rels(count: int) -> str:
    sheets = "".join(
        f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, count + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'{sheets}<Relationship Id="rId{count + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/styles" Target="styles.xml"/></Relationships>'
    )


def _styles() -> str:
    """Style 0 plain, 1 bold, 2 + n: a number with n decimals (format ids 164 onwards)."""
    formats = "".join(
        f'<numFmt numFmtId="{164 + n}" formatCode="0{"." + "0" * n if n else ""}"/>' for n in range(_MAX_DECIMALS + 1)
    )
    number_styles = "".join(
        f'<xf numFmtId="{164 + n}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        for n in range(_MAX_DECIMALS + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<numFmts count="{_MAX_DECIMALS + 1}">{formats}</numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{_MAX_DECIMALS + 3}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        f'<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>{number_styles}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    )


_STYLES = _styles()
