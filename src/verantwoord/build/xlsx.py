"""Write one long table as an .xlsx workbook, fast and in little memory.

Written here rather than with xlsxwriter or openpyxl: the open data of a large document is 130,000
rows of 30 columns, and xlsxwriter took 24 s for it (openpyxl minutes), where writing the few XML
parts of a plain table directly takes about a second (bench/HISTORY.md). Only what a table of text,
numbers and booleans needs is here: inline strings, a number format per count of decimals, a bold
header row that stays in view. Same input, same bytes: the zip entries carry the build time.

Dates and moments are date cells (a serial number with a date format), so that Excel sorts and filters them as
dates; a moment is written in UTC, as the open data says.

A row is given as its UTF-8 XML with `ROW` where its number goes (`row`, or `ROW_START`, `cells` and
`ROW_END` put together), so that the cells of an indicator or of a figure, repeated on many rows, are made
and encoded once. A sheet is streamed into the zip as its rows are added, never held whole: it is 200 MB of
XML at 1,000 sections.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import IO

from isal import isal_zlib

from verantwoord.build.format import reproducible

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # not allowed in XML 1.0
_MAX_DECIMALS = 10
_DATE_STYLE = _MAX_DECIMALS + 3
_MOMENT_STYLE = _DATE_STYLE + 1
_EPOCH = datetime(1899, 12, 30)
"""Day 0 of Excel's dates, so that 1 March 1900 is day 61: Excel counts a 29 February 1900 that was not."""
_FIRST_DATE = date(1900, 3, 1)
"""Before it Excel's count is off by that day, and before 1900 it has no dates: such a date is written as text."""
ROW = "\x00"
"""Where a row's number goes in the XML of its cells: a character no cell text can hold (`_text` drops it)."""
ROW_START, ROW_END = f'<row r="{ROW}">', "</row>"
_ROW_BYTE = ROW.encode()


def cells(values: Sequence[object], first_column: int = 0) -> str:
    """The XML of cells holding `values` from column `first_column` on, with `ROW` for the row number.

    Values are str, Decimal, bool, date, datetime (aware) or None (empty); None and "" write no cell.
    """
    parts = []
    for c, value in enumerate(values, start=first_column):
        if value is None or value == "":
            continue
        start = _cell_start(c)
        if isinstance(value, str):  # most values are
            parts.append(f'{start} t="inlineStr"><is><t xml:space="preserve">{_text(value)}</t></is></c>')
        elif isinstance(value, bool):
            parts.append(f'{start} t="b"><v>{int(value)}</v></c>')
        elif isinstance(value, Decimal):
            # The number format shows the decimals as entered; Excel itself keeps binary floats.
            style = 2 + min(max(0, -value.as_tuple().exponent), _MAX_DECIMALS)
            parts.append(f'{start} s="{style}"><v>{value:f}</v></c>')
        elif isinstance(value, date) and (serial := _serial(value)) is not None:
            style = _MOMENT_STYLE if isinstance(value, datetime) else _DATE_STYLE
            parts.append(f'{start} s="{style}"><v>{serial}</v></c>')
        else:
            text = value.isoformat() if isinstance(value, date) else value
            parts.append(f'{start} t="inlineStr"><is><t xml:space="preserve">{_text(text)}</t></is></c>')
    return "".join(parts)


def row(values: Sequence[object], first_column: int = 0) -> bytes:
    """A row holding `values` (see `cells`), as `_SheetRows.add` takes it."""
    return (ROW_START + cells(values, first_column) + ROW_END).encode()


class XlsxWriter:
    """Writes a workbook whose sheets are `names`, one sheet after the other, each streamed row by row.

    Use as a context manager; call `sheet` once per name, in order, and `add` the rows of each.
    """

    def __init__(
        self,
        path: Path,
        names: Sequence[str],
        created: datetime,
        author: str = "verantwoord",
        title: str = "",
        description: str = "",
    ) -> None:
        """`title` and `description` go into the workbook's properties (File > Info in Excel) when not empty."""
        stamp = created.astimezone(UTC)
        # A ZIP entry's time lies in 1980-2107 (MS-DOS); SOURCE_DATE_EPOCH may be any moment up to the year 9999.
        stamp = min(max(stamp, datetime(1980, 1, 1, tzinfo=UTC)), datetime(2107, 12, 31, 23, 59, 58, tzinfo=UTC))
        self._date_time = stamp.timetuple()[:6]
        self._archive = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self._names = names
        self._count = 0
        self._add("[Content_Types].xml", _content_types(len(names)))
        self._add("_rels/.rels", _ROOT_RELS)
        self._add("docProps/core.xml", _core(author, stamp.strftime("%Y-%m-%dT%H:%M:%SZ"), title, description))
        self._add("xl/workbook.xml", _workbook(names))
        self._add("xl/_rels/workbook.xml.rels", _workbook_rels(len(names)))
        self._add("xl/styles.xml", _STYLES)

    def __enter__(self) -> XlsxWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._archive.close()

    @contextmanager
    def sheet(self, header: Sequence[str]) -> Iterator[_SheetRows]:
        """The next sheet, with a bold `header` row that stays in view; its rows are added to what this yields."""
        self._count += 1
        info = self._entry(f"xl/worksheets/sheet{self._count}.xml")
        with self._archive.open(info, "w") as stream:
            if not reproducible():
                _deflate_with_isal(stream)
            header_cells = "".join(
                f'<c r="{_column(c)}1" s="1" t="inlineStr"><is><t>{_text(name)}</t></is></c>'
                for c, name in enumerate(header)
            )
            stream.write(
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
                'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>'
                f'<row r="1">{header_cells}</row>'.encode()
            )
            rows = _SheetRows(stream)
            yield rows
            stream.write(b"</sheetData></worksheet>")

    def _entry(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=self._date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        info._compresslevel = 1  # what writestr's `compresslevel` sets; open() has no such argument
        info.external_attr = 0o644 << 16
        return info

    def _add(self, name: str, text: str) -> None:
        self._archive.writestr(self._entry(name), text.encode("utf-8"))


def _deflate_with_isal(stream: IO[bytes]) -> None:
    """Let ISA-L deflate the sheet instead of zlib: 0.14 s for the 205 MB sheet of 1,000 sections against zlib's
    0.70 s at level 1, and 3 % smaller (bench/HISTORY.md). zipfile has no setting for its compressor, so the stream's
    own is replaced before anything is written; where there is none to replace (another Python), zlib stays.

    Not for a reproducible build (SOURCE_DATE_EPOCH): ISA-L's bytes depend on how the input is split into writes
    and on the code it picks for the processor, zlib's on neither."""
    if getattr(stream, "_compressor", None) is not None:
        stream._compressor = isal_zlib.compressobj(1, isal_zlib.DEFLATED, -isal_zlib.MAX_WBITS)  # type: ignore[attr-defined]


class _SheetRows:
    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._next = 2

    def add(self, rows: Sequence[bytes]) -> None:
        """Rows as UTF-8 XML with `ROW` for their number (from `row`), written under the rows added before.

        As bytes, not text: the 200 MB of a 1,000-section sheet took 0.18 s to encode, and text that is not all ASCII
        took twice as long as bytes to number."""
        first = self._next
        self._stream.write(b"".join([xml.replace(_ROW_BYTE, b"%d" % r) for r, xml in enumerate(rows, first)]))
        self._next = first + len(rows)


def _serial(value: date) -> str | None:
    """Excel's number for a date (days since its day 0) or a moment in UTC (and the fraction of its day)."""
    if isinstance(value, datetime):
        moment = value.astimezone(UTC).replace(tzinfo=None)
        if moment.date() < _FIRST_DATE:
            return None
        elapsed = moment - _EPOCH
        return str(elapsed.days) if not elapsed.seconds else repr(elapsed.days + elapsed.seconds / 86400)
    if value < _FIRST_DATE:
        return None
    return str((value - _EPOCH.date()).days)


def _text(value: str) -> str:
    # Three replaces, not str.translate, which looks each character up in its table: for the 2.8 MB of titles and
    # explanations of 1,000 sections, 0.007 s against 0.06 s.
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _CONTROL.sub("", value) if _CONTROL.search(value) else value


@cache
def _cell_start(index: int) -> str:
    """The start of a cell in column `index`, with `ROW` for its row number."""
    return f'<c r="{_column(index)}{ROW}"'


@cache
def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


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


def _core(author: str, stamp: str, title: str = "", description: str = "") -> str:
    about = (f"<dc:title>{_text(title)}</dc:title>" if title else "") + (
        f"<dc:description>{_text(description)}</dc:description>" if description else ""
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:creator>{_text(author)}</dc:creator>{about}"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>'
    )


def _workbook(names: Sequence[str]) -> str:
    entries = "".join(
        f'<sheet name="{_text(name)}" sheetId="{n}" r:id="rId{n}"/>' for n, name in enumerate(names, start=1)
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
    """Style 0 plain, 1 bold, 2 + n: a number with n decimals (format ids 164 onwards), then a date and a moment
    (in ISO 8601's order, which reads the same in every language's Excel)."""
    formats = "".join(
        f'<numFmt numFmtId="{164 + n}" formatCode="0{"." + "0" * n if n else ""}"/>' for n in range(_MAX_DECIMALS + 1)
    )
    formats += (
        f'<numFmt numFmtId="{165 + _MAX_DECIMALS}" formatCode="yyyy-mm-dd"/>'
        f'<numFmt numFmtId="{166 + _MAX_DECIMALS}" formatCode="yyyy-mm-dd hh:mm:ss"/>'
    )
    number_styles = "".join(
        f'<xf numFmtId="{164 + n}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        for n in range(_MAX_DECIMALS + 3)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<numFmts count="{_MAX_DECIMALS + 3}">{formats}</numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{_MAX_DECIMALS + 5}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        f'<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>{number_styles}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    )


_STYLES = _styles()
