"""Indicator tables in every layout: which columns, in which header rows, and what each cell says.

Worked out apart from the markup, so the choice of columns can be tested on its own. A layout (`TableLayout`)
is a list of columns; this module turns it into header rows (one, or two when a column group has
sub-columns), rows of cells and notes, for one indicator (`indicator_table`) or for all indicators of
a section (`overview_table`). Every data cell names its header cells (`headers`), and every cell has
text: where there is no figure it says so, with the reason as a note. `IndicatorTable.html` writes the
markup, which the `data_table` macro puts in the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from itertools import takewhile

from markupsafe import Markup, escape

from verantwoord.build.format import format_number, period_name, spoken_html
from verantwoord.model import (
    NOT_YET_KNOWN,
    OWN_SERIES,
    ColumnKind,
    Figure,
    Indicator,
    NoFigure,
    Number,
    Period,
    Range,
    Section,
    SeriesPlacement,
    TableColumn,
    TableLayout,
    Text,
    Value,
    ValueKind,
)


@dataclass(frozen=True)
class Note:
    number: int
    text: str
    html: str = ""
    """The text as HTML with the export's words in it marked with their language (`quoted`) and a range said in words
    ("was 6 tot 6,5"); "" when it has neither, and the text is escaped."""
    printed: str = ""
    """The HTML in the PDF, where a range is its figures alone: "" when it is `html`."""


# Header cells and cells are not frozen, though nothing changes them once made: a frozen dataclass sets each field
# through object.__setattr__, and making a page's 300 of them took three to four times as long (bench/pages.py).
@dataclass(slots=True)
class HeaderCell:
    id: str
    label: str
    scope: str
    """"col" for a column, "colgroup" for a group over sub-columns."""
    colspan: int = 1
    rowspan: int = 1
    numeric: bool = False
    group_start: bool = False
    """The first column of a later group: a heavier border shows where the group begins."""
    lang: str | None = None
    """The language of `label` where it is the export's (a series' name) and not the page's."""


@dataclass(slots=True)
class Cell:
    text: str
    headers: str
    """The ids of the header cells that describe this cell: row headers, group, column."""
    numeric: bool = False
    missing: bool = False
    notes: tuple[Note, ...] = ()
    spoken: str | None = None
    """What a screen reader hears instead of `text`: a mark such as "#" is read as "geen cijfer"."""
    detail: str = ""
    """The period of a figure that is not in the header, such as "(2020)" beside the latest measurement."""
    detail_spoken: str = ""
    """The period of `detail` as a screen reader is to say it, "2019 tot en met 2020": "" when it is `detail`."""
    prose: bool = False
    """A column of words (unit, source, period): aligned to the start and wrapped."""
    row_header: bool = False
    id: str = ""
    """A row header's id, which the cells of its row name in `headers`. A data cell has none: nothing refers to
    it, and every id would be one more anchor in each search result the reader's browser loads."""
    rowspan: int = 1
    link: str | None = None
    group_start: bool = False
    lang: str | None = None
    """The language of `text` where it is the export's (a title, unit, source, a figure in words) and not the
    page's: a screen reader then reads it in that language (WCAG 3.1.2)."""


_PRINT_WIDTH_PT = 174 / 25.4 * 72
"""The width of a PDF page within its margins (print.css): 174 mm."""
_LANDSCAPE_WIDTH_PT = 261 / 25.4 * 72
"""The same of a page turned a quarter (A4 landscape, print.css's page "wide"): 261 mm."""


def print_size(rows: Iterable[Iterable[tuple[str, bool]]]) -> str:
    """The type and page a table in a text needs to fit a PDF page: "" for its usual size, 8.5 pt; "small" for 7 pt;
    "wide" for 7 pt on a page of its own turned a quarter (261 mm wide); else "widest", as "wide" with its words and
    figures broken where they must. Never smaller than 7 pt: in 6 pt a budget table was hard to read on paper, and
    wider still it ran off the page. Estimated from the widest of `rows` of (text, wraps): a figure does not wrap;
    words do, in a column of about 16 characters or wider."""
    widest = max(
        (sum(min(len(text), 16 if wraps else 99) * 0.62 + 1.1 for text, wraps in row) for row in rows), default=0
    )
    for points, width, name in (
        (8.5, _PRINT_WIDTH_PT, ""),
        (7, _PRINT_WIDTH_PT, "small"),
        (7, _LANDSCAPE_WIDTH_PT, "wide"),
    ):
        if widest * points <= width:
            return name
    return "widest"


@dataclass(frozen=True)
class IndicatorTable:
    id: str
    caption: str
    colgroups: tuple[int, ...]
    """The span of each column group, for <colgroup>."""
    header_rows: tuple[tuple[HeaderCell, ...], ...]
    bodies: tuple[tuple[tuple[Cell, ...], ...], ...]
    """Row groups (<tbody>) of rows: one per table, or one per indicator of an overview with series rows."""
    notes: tuple[Note, ...] = field(default=())
    legend: str | None = None
    """What the mark for "no figure" means, when the table uses one."""
    caption_html: str = ""
    """The caption as HTML with the export's words marked with their language; "" when it has none to mark."""

    def print_parts(self) -> tuple[str, tuple[IndicatorTable, ...]]:
        """The size class and the tables that print this one within a PDF page (174 mm), in type no smaller than 7 pt.

        A table too wide at the usual 8.5 pt gets smaller type ("small", 7 pt); too wide at that too, it is split into
        tables of fewer columns (years), as many as needed and about equal, each with the row headers again: twenty
        realised years and two targets ran off the page's edge, and the last figures were not on paper at all.
        Estimated per column from its widest cell: a figure does not wrap, words do (a title in a column of about
        16 characters)."""
        corner = next((sum(cell.row_header for cell in body[0]) for body in self.bodies if body), 0)
        widths = self._column_widths()
        leaves = len(widths) - corner
        fixed = sum(widths[:corner])
        for parts in range(1, max(leaves, 1) + 1):
            size = -(-leaves // parts) if leaves else 0
            ranges = [(start, min(start + size, leaves)) for start in range(0, leaves, size)] if leaves else [(0, 0)]
            for points, name in _PRINT_SIZES:
                if all(
                    _printed_width(fixed + sum(widths[corner + a : corner + b]), corner + b - a, points)
                    <= _PRINT_WIDTH_PT
                    for a, b in ranges
                ):
                    if len(ranges) == 1:
                        return name, (self,)
                    return name, tuple(self._columns(corner, a, b, part) for part, (a, b) in enumerate(ranges))
        return _PRINT_SIZES[-1][1], (self,)  # a single column too wide: a row header of very long words

    def _column_widths(self) -> list[float]:
        """The width in ems each column of the table needs at least: its widest cell, or the longest word of a
        header of one column."""
        grid = _placed(self.header_rows)
        columns = max((column + header.colspan for row in grid for header, column in row), default=0)
        widths = [0.0] * columns
        for row in grid:
            for header, column in row:
                if header.colspan == 1:
                    widths[column] = max(widths[column], max(map(len, header.label.split()), default=0) * _BOLD_EM)
        for body in self.bodies:
            for row in body:
                for offset, cell in enumerate(row):
                    column = columns - len(row) + offset  # a row without a row header (rowspan) misses its first
                    widths[column] = max(widths[column], _cell_ems(cell))
        return widths

    def _columns(self, corner: int, first: int, last: int, part: int) -> IndicatorTable:
        """The table of the row headers and the columns from `first` to `last` (not counting the row headers): part
        `part` of the split table, from 0, whose ids (after the first part) end in ":deel-2" and so on."""
        start, end = corner + first, corner + last

        def named(ids: str) -> str:
            return " ".join(f"{name}:deel-{part + 1}" for name in ids.split()) if part else ids

        header_rows = []
        for row in _placed(self.header_rows):
            kept = []
            for header, column in row:
                if column < corner:
                    kept.append(replace(header, id=named(header.id)))
                    continue
                span = min(column + header.colspan, end) - max(column, start)
                if span > 0:
                    kept.append(
                        replace(
                            header, id=named(header.id), colspan=span, group_start=header.group_start and column > start
                        )
                    )
            header_rows.append(tuple(kept))
        colgroups, column = [], 0
        for span in self.colgroups:
            shown = span if column + span <= corner else min(column + span, end) - max(column, start)
            if shown > 0:
                colgroups.append(shown)
            column += span
        leaves = sum(self.colgroups) - corner
        bodies = tuple(
            tuple(
                (
                    *(
                        replace(cell, id=named(cell.id), headers=named(cell.headers))
                        for cell in row[: len(row) - leaves]
                    ),
                    *(
                        replace(cell, headers=named(cell.headers), group_start=cell.group_start and index > 0)
                        for index, cell in enumerate(row[len(row) - leaves + first : len(row) - leaves + last])
                    ),
                )
                for row in body
            )
            for body in self.bodies
        )
        return replace(
            self, id=named(self.id), colgroups=tuple(colgroups), header_rows=tuple(header_rows), bodies=bodies
        )

    def html(
        self,
        note_word: str,
        label_id: str | None = None,
        caption_hidden: bool = True,
        back: str | None = None,
        searched: bool = True,
        continued: str | None = None,
    ) -> Markup:
        """The table as HTML: caption, header rows with scopes, every cell with its headers, then the notes.

        Written in Python, not in a Jinja macro: a page of 12 tables has about 300 cells, and the macro
        took a fifth of the page's time (bench/pages.py). The `data_table` macro in macros.html calls this,
        so a theme can still replace the markup with a macro of its own over the same `IndicatorTable`.
        `note_word` is the hidden word before a note's number ("noot"). `back` names the way back from a note to its
        first reference in the table ("Terug naar noot {number} in de tabel"); None (the PDF) leaves it out.
        `searched`: whether the page is indexed for search (not without search, nor in the PDF), which then reads the
        figures from one sentence after their years instead of the cells. `continued` is given for the PDF: the
        caption of a table's continuation ("{caption} (vervolg)"), when it is too wide for the page and split into
        tables of fewer columns (`print_parts`); each of those captions names its years ("Indicatoren van 2.1 Werk,
        2011–2020 (vervolg)"). Text is escaped as Jinja does.
        """
        word = escape(note_word)
        table_id = escape(self.id)
        size, parts = self.print_parts() if continued is not None else ("", (self,))
        out = []
        referred: set[int] = set()  # the notes referred to so far: the first reference has the id to come back to
        own = self.caption_html or str(escape(self.caption))
        for number, part in enumerate(parts):
            caption = f"{own}, {part._years()}" if len(parts) > 1 and part._years() else own
            caption = str(escape(continued)).replace("{caption}", caption) if number and continued else caption
            label = label_id if label_id and not number else None
            out.append(
                part._table_html(
                    caption, word, table_id, label, caption_hidden, searched, size, referred, continued is not None
                )
            )
        if self.notes:
            out.append('<ol class="table-notes">\n')
            out += [
                f'<li id="{table_id}:noot-{note.number}" value="{note.number}">'
                f"{(note.printed if continued is not None else '') or note.html or escape(note.text)}"
                f"{_back_html(table_id, note.number, back) if back and note.number in referred else ''}</li>\n"
                for note in self.notes
            ]
            out.append("</ol>\n")
        if self.legend:
            out.append(f'<p class="table-legend">{escape(self.legend)}</p>\n')
        return Markup("".join(out))

    def _years(self) -> str:
        """The years the table's headers name, "2001–2010" or "2020": what tells a part of a split table from the
        others, whose group headers are alike ("Realisatie cijfers"). "" when they name none."""
        years = sorted(
            {int(year) for row in self.header_rows for header in row for year in _YEAR.findall(header.label)}
        )
        if not years:
            return ""
        return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"

    def _table_html(
        self,
        caption: str,
        word: str,
        table_id: str,
        label_id: str | None,
        caption_hidden: bool,
        searched: bool,
        size: str,
        referred: set[int],
        printing: bool = False,
    ) -> str:
        """One <table> in its region; `table_id` is the whole table's, whose notes its cells refer to. `caption` is
        HTML."""
        hidden = " visually-hidden" if caption_hidden else ""
        # A hidden caption repeats the heading above the table: left out of the search index, where it stood in
        # the excerpts as "… Eenheid: % % telefonische bereikbaarheid".
        ignored = " data-pagefind-ignore" if caption_hidden and searched else ""
        cells_ignored = " data-pagefind-ignore" if searched else ""
        sentence = (
            f' data-pagefind-index-attrs="data-zoektekst" data-zoektekst="{escape(self.search_text())}"'
            if searched
            else ""
        )
        out = [
            '<div class="utrecht-table-container" role="region" tabindex="0" '
            f'aria-labelledby="{escape(label_id or f"{self.id}:bijschrift")}">\n'
            f'<table class="utrecht-table indicator-table{f" indicator-table--{size}" if size else ""}"{sentence}>\n'
            f'<caption id="{escape(self.id)}:bijschrift" class="utrecht-table__caption{hidden}"{ignored}>'
            f"{caption}</caption>\n",
            *(f'<colgroup span="{span}"></colgroup>\n' for span in self.colgroups),
            f'<thead class="utrecht-table__header"{cells_ignored}>\n',
        ]
        for header_row in self.header_rows:
            out.append('<tr class="utrecht-table__row">\n')
            out += [_header_html(header) for header in header_row]
            out.append("</tr>\n")
        out.append("</thead>\n")
        for body in self.bodies:
            out.append(f'<tbody class="utrecht-table__body"{cells_ignored}>\n')
            for row in body:
                out.append('<tr class="utrecht-table__row">\n')
                out += [_cell_html(cell, table_id, word, referred, printing) for cell in row]
                out.append("</tr>\n")
            out.append("</tbody>\n")
        out.append("</table>\n</div>\n")
        return "".join(out)

    def search_text(self) -> str:
        """The table as the search index holds it: each figure after its column's header, "Realisatie cijfers 2019:
        83, 2020: 78; Streefcijfers 2020: 80.". Indexed cell by cell, a result's excerpt was the header row and
        then bare figures, "Realisatie cijfers Streefcijfers 2016 2017 2018 78. 79. 85.", which told the reader
        nothing of which year a figure was of."""
        labels = {header.id: header.label for row in self.header_rows for header in row}
        sentences = []
        for body in self.bodies:
            for row in body:
                clauses: list[list[str]] = []
                group: str | None = None
                for cell in row:
                    if cell.row_header:
                        continue
                    names = [labels[key] for key in cell.headers.split() if key in labels]
                    head, column = (names[0], " ".join(names[1:])) if len(names) > 1 else (None, " ".join(names))
                    # A figure as shown, "6,0–6,5", which a reader searches as it stands; a mark as heard, "geen cijfer"
                    shown = cell.text if cell.numeric else cell.spoken or cell.text
                    figure = " ".join(filter(None, (shown, cell.detail)))
                    item = f"{column}: {figure}" if column else figure
                    if not clauses or head != group:
                        clauses.append([f"{head} {item}" if head else item])
                        group = head
                    else:
                        clauses[-1].append(item)
                text = "; ".join(", ".join(clause) for clause in clauses)
                lead = " ".join(cell.text for cell in row if cell.row_header)
                sentences.append(f"{lead}: {text}" if lead else text)
        return " ".join(f"{sentence}." for sentence in sentences)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
"""A year in a header's label ("2020", "2017-2018", "Streefcijfers 2024")."""
_PRINT_SIZES = ((8.5, ""), (7.0, "small"))
"""An indicator table's type sizes in the PDF, in points, and their classes (print.css): none smaller than 7 pt."""
_CHAR_EM = 0.62
"""The mean width of a character of the PDF's font (DejaVu Sans), in ems."""
_BOLD_EM = 0.7
"""The same in bold, as the header cells are: a year in bold ("2020") is wider than its figure ("93,5")."""


def _cell_ems(cell: Cell) -> float:
    """The width in ems a cell needs at least: a figure does not wrap; a title does (in a column of about 16
    characters, hyphenated), and so do the words of a missing figure ("geen cijfer") and of a note beside a figure."""
    if cell.prose or cell.row_header:
        characters = min(len(cell.text), 16)
    elif cell.missing:
        characters = max(map(len, cell.text.split()), default=0)
    else:
        characters = len(cell.text)
    detail = len(cell.detail)
    notes = sum(len(str(note.number)) + 1 for note in cell.notes)
    return max(characters + notes, detail) * _CHAR_EM


def _printed_width(ems: float, columns: int, points: float) -> float:
    """The width in points of `columns` columns whose cells need `ems` in all, with their padding and borders."""
    return (ems + columns * 1.1) * points + columns * 0.5


def _placed(header_rows: tuple[tuple[HeaderCell, ...], ...]) -> list[list[tuple[HeaderCell, int]]]:
    """Each header cell with the column it begins in, past the cells of rows above that span down into its row."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for number, row in enumerate(header_rows):
        column, cells = 0, []
        for header in row:
            while (number, column) in taken:
                column += 1
            cells.append((header, column))
            taken.update(
                (number + down, column + across) for down in range(header.rowspan) for across in range(header.colspan)
            )
            column += header.colspan
        placed.append(cells)
    return placed


def _escape(text: str) -> str:
    """`text` escaped as markupsafe's `escape` escapes a str, as a str: `escape` makes a Markup object of each, and
    a page's tables escape about 600 ids and texts, which took a third of writing their markup (bench/pages.py)."""
    return (
        text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;").replace('"', "&#34;")
    )


def _header_html(header: HeaderCell) -> str:
    classes = "utrecht-table__header-cell"
    if header.numeric:
        classes += " utrecht-table__header-cell--numeric-column"
    if header.group_start:
        classes += " group-start"
    spans = (f' colspan="{header.colspan}"' if header.colspan > 1 else "") + (
        f' rowspan="{header.rowspan}"' if header.rowspan > 1 else ""
    )
    attributes = f'{spans} scope="{header.scope}"' + (f' lang="{_escape(header.lang)}"' if header.lang else "")
    return f'<th id="{_escape(header.id)}" class="{classes}"{attributes}>{_escape(header.label)}</th>\n'


def _back_html(table_id: str, number: int, back: str) -> str:
    label = escape(back.replace("{number}", str(number)))
    return (
        f' <a class="footnote-back" href="#{table_id}:verwijzing-{number}" aria-label="{label}" '
        "data-pagefind-ignore>↩</a>"
    )


def _cell_html(cell: Cell, table_id: str, note_word: str, referred: set[int], printing: bool = False) -> str:
    if cell.row_header:
        scope = f' rowspan="{cell.rowspan}" scope="rowgroup"' if cell.rowspan > 1 else ' scope="row"'
        text = f'<a href="{_escape(cell.link)}">{_escape(cell.text)}</a>' if cell.link else _escape(cell.text)
        lang = f' lang="{_escape(cell.lang)}"' if cell.lang else ""
        return (
            f'<th id="{_escape(cell.id)}" headers="{_escape(cell.headers)}" '
            f'class="utrecht-table__header-cell row-header"{scope}{lang}>{text}</th>\n'
        )
    classes = "utrecht-table__cell"
    if cell.numeric:
        classes += " utrecht-table__cell--numeric-data"
    if cell.prose:
        classes += " prose-cell"
    if cell.missing:
        classes += " no-figure"
    if cell.group_start:
        classes += " group-start"
    # In the PDF a figure is its digits: a range's words, hidden on paper, would be copied with it ("6–6,56 tot 6,5")
    if cell.spoken and not (printing and cell.numeric):
        text = (
            f'<span aria-hidden="true">{_escape(cell.text)}</span>'
            f'<span class="visually-hidden">{_escape(cell.spoken)}</span>'
        )
    else:
        text = _escape(cell.text)
    lang = ""
    if cell.lang:  # on the cell where the text is all it holds, else on the text: a note's word is the page's
        if cell.detail or cell.notes:
            text = f'<span lang="{_escape(cell.lang)}">{text}</span>'
        else:
            lang = f' lang="{_escape(cell.lang)}"'
    if cell.detail:
        detail = _escape(cell.detail)
        if cell.detail_spoken and not printing:
            detail = f"({spoken_html(cell.detail[1:-1], cell.detail_spoken)})"
        text += f' <span class="cell-detail">{detail}</span>'
    for note in cell.notes:
        anchor = f' id="{table_id}:verwijzing-{note.number}"' if note.number not in referred else ""
        referred.add(note.number)
        text += (
            f' <sup><a href="#{table_id}:noot-{note.number}" class="note-ref"{anchor}>'
            f'<span class="visually-hidden">{note_word} </span>{note.number}</a></sup>'
        )
    return f'<td headers="{_escape(cell.headers)}" class="{classes}"{lang}>{text}</td>\n'


Translate = Callable[..., str]
_GROUP_KEYS = {ValueKind.REALISED: "realised", ValueKind.TARGET: "target"}
"""Ids and labels of the seed's two groups; other kinds use their own word."""
_KIND_LABELS = {
    ValueKind.REALISED: "realised",
    ValueKind.TARGET: "target",
    ValueKind.BUDGET: "column_budget",
    ValueKind.EXPECTED: "column_expected",
    ValueKind.BASELINE: "column_baseline",
}


@dataclass(frozen=True, slots=True)
class _Leaf:
    """One column of the table body: what it shows, and the ids of its header cells."""

    column: TableColumn
    header_ids: tuple[str, ...]
    """Relative to the table's id, which they follow: (":realised", ":realised-2020")."""
    period: Period | None = None
    series: str = OWN_SERIES
    anchor: TableColumn | None = None
    """For a series column: the value column whose kind and period it follows."""
    group_start: bool = False


@dataclass(frozen=True, slots=True)
class _Plan:
    """A layout's header rows and leaves, the same for every table in that layout but for the ids.

    Every id here is relative: the table's id goes in front of it. Each begins with ":", which neither an indicator
    id (export/records.py) nor a slug (`_slug`) holds, so no id of one table is an id of another table or indicator:
    with "-", the header ind-x-realised of indicator x's table was the section of an indicator 'x-realised'. After
    the ":" comes a column's key (`:realised-2020`), or "indicator" or "van" in the corner; the table adds
    "bijschrift" and "noot-1", and its rows "reeks-…" and "ind-…": words that no column's key begins with.
    """

    header_rows: tuple[tuple[HeaderCell, ...], ...]
    colgroups: tuple[int, ...]
    leaves: tuple[_Leaf, ...]
    corner: tuple[str, ...]
    """The ids of the row header columns (indicator, series) in the top left corner."""
    shows_period: bool
    shows_unit: bool


def language_of(text: str, quoted: str | None) -> str | None:
    """`quoted`, the language of the export's texts where it is not the page's, for its `text` that has words: a
    unit '%' or a figure '79,3%' is in no language, and read as the page's."""
    return quoted if quoted and any(character.isalpha() for character in text) else None


def indicator_table(
    indicator: Indicator,
    layout: TableLayout,
    language: str,
    translate: Translate,
    organisation: str = "",
    quoted: str | None = None,
) -> IndicatorTable:
    """The table of one indicator: by default the seed's, realised years then targets. `quoted`: the language of the
    export's texts where it is not `language` (`Document.export_language`), which marks them."""
    base = f"ind-{indicator.id}"
    builder = _Builder(layout, language, translate, organisation, base, overview=False, quoted=quoted)
    rows = builder.rows(indicator, base)
    caption = indicator.title + (f" ({translate('unit')} {indicator.unit})" if indicator.unit else "")
    caption_html = ""
    if quoted:
        unit = f" ({escape(translate('unit'))} {builder.quote(indicator.unit)})" if indicator.unit else ""
        caption_html = builder.quote(indicator.title) + unit
    return builder.table(caption, (tuple(rows),), caption_html)


def overview_table(
    section: Section,
    layout: TableLayout,
    language: str,
    translate: Translate,
    organisation: str = "",
    quoted: str | None = None,
) -> IndicatorTable:
    """One table of all the section's indicators, a row each (and a row per comparison series)."""
    base = "tabel-" + "".join(ch if ch.isalnum() else "-" for ch in section.number)
    builder = _Builder(layout, language, translate, organisation, base, overview=True, quoted=quoted)
    bodies = tuple(tuple(builder.rows(indicator, f"{base}:ind-{indicator.id}")) for indicator in section.indicators)
    if layout.series is not SeriesPlacement.ROWS:  # one row per indicator: a single row group reads simpler
        bodies = (tuple(row for body in bodies for row in body),)
    caption = translate("overview_caption", section=f"{section.number} {section.title}")
    return builder.table(caption, bodies)


def _keys(key: str, **_: str) -> str:
    return key


def shown_values(layout: TableLayout, indicator: Indicator) -> set[Value]:
    """The indicator's values that some column of the layout shows: the others are worth a warning."""
    shown: set[Value] = set()
    for series in _row_series(layout, indicator):
        for leaf in _plan(layout, _keys, "", overview=False).leaves:
            value, _ = _resolve(leaf, indicator, series)
            if value is not None:
                shown.add(value)
    return shown


def shown_periods(layout: TableLayout, indicator: Indicator, kind: ValueKind) -> tuple[Period, ...]:
    """The periods of `kind` the organisation's own row has a cell for, in time order: a column per period, and for
    realisations the period of the latest measurement. The status and the chart keep to these, so that what they say
    about a year is in the table beside them: the settings `tabel.realisatie` and `tabel.streefwaarde` need not be."""
    fixed, resolved = _shown_leaves(layout, kind)
    if not resolved:
        return fixed
    periods = set(fixed)
    for leaf in resolved:
        _, period = _resolve(leaf, indicator, OWN_SERIES)
        if period is not None:
            periods.add(period)
    return tuple(sorted(periods))


def fixed_periods(layout: TableLayout, kind: ValueKind) -> tuple[Period, ...] | None:
    """The periods of `kind` the layout's tables have a cell for, as `shown_periods` gives them, where they are the
    same for every indicator; None where they depend on it (the latest measurement)."""
    fixed, resolved = _shown_leaves(layout, kind)
    return None if resolved else fixed


@lru_cache(maxsize=128)
def _shown_leaves(layout: TableLayout, kind: ValueKind) -> tuple[tuple[Period, ...], tuple[_Leaf, ...]]:
    """For `shown_periods`, once per layout: the periods of its columns of one year, which every indicator shows
    alike, and the leaves whose period depends on the indicator (the latest measurement). It is asked several times
    for each of 12,000 indicators (status, chart, measured figures): going through the leaves each time cost a
    twentieth of a page's rendering."""
    fixed: set[Period] = set()
    resolved: list[_Leaf] = []
    for leaf in _plan(layout, _keys, "", overview=False).leaves:
        column = leaf.column
        shows = ValueKind.REALISED if column.what is ColumnKind.LATEST else column.kind
        if leaf.series or shows is not kind or column.what not in (ColumnKind.VALUES, ColumnKind.LATEST):
            continue
        if leaf.anchor is None and column.what is ColumnKind.VALUES and leaf.period is not None:
            fixed.add(leaf.period)  # what `_resolve` gives for it, whatever the indicator
        else:
            resolved.append(leaf)
    return tuple(sorted(fixed)), tuple(resolved)


@lru_cache(maxsize=128)
def fixed_keys(layout: TableLayout) -> frozenset[tuple[ValueKind, Period, str | None]] | None:
    """The (kind, period, series) of the values the layout's tables show, the same for every indicator.

    Series None stands for every series that gets a row of its own (`reeksen: rijen`). None when a column
    depends on the indicator (the last measurement, a kind without a period): use `shown_values` then.
    Checking a value against these keys is what `shown_values` finds, without a table per indicator:
    loading a large export checks 130,000 values.
    """
    keys: set[tuple[ValueKind, Period, str | None]] = set()
    for leaf in _plan(layout, _keys, "", overview=False).leaves:
        column = leaf.anchor or leaf.column
        if column.what is ColumnKind.LATEST:
            return None
        if column.what is not ColumnKind.VALUES or column.kind is None:
            continue
        if leaf.period is None:
            return None
        rows = None if layout.series is SeriesPlacement.ROWS else OWN_SERIES
        keys.add((column.kind, leaf.period, leaf.series or rows))
    return frozenset(keys)


@lru_cache(maxsize=128)
def _plan(
    layout: TableLayout,
    translate: Translate,
    organisation: str,
    overview: bool,
    language: str = "nl",
    quoted: str | None = None,
) -> _Plan:
    """The header rows and leaves of `layout`: made once per layout, as every table of a section shares them.
    A series' name, the export's, is marked with `quoted`."""
    top: list[HeaderCell] = []
    bottom: list[HeaderCell] = []
    leaves: list[_Leaf] = []
    colgroups: list[int] = []
    taken: set[str] = set()

    def unique(wanted: str) -> str:
        return _unique(wanted, taken)

    def add_column(column: TableColumn, series: list[TableColumn]) -> None:
        later = bool(leaves)
        if column.what is ColumnKind.VALUES and column.periods:
            key = _GROUP_KEYS.get(column.kind, column.kind.value)
            groups = [(unique(f":{key}"), translate(_KIND_LABELS[column.kind]), OWN_SERIES)]
            groups += [(unique(f":{key}-{_slug(c.series)}"), c.series, c.series) for c in series]
            for number, (gid, label, name) in enumerate(groups):
                top.append(
                    HeaderCell(
                        gid,
                        label,
                        "colgroup",
                        colspan=len(column.periods),
                        group_start=later or number > 0,
                        lang=language_of(name, quoted),
                    )
                )
                colgroups.append(len(column.periods))
                for position, period in enumerate(column.periods):
                    leaf_id = unique(f"{gid}-{_slug(period.label)}")  # a series '2020' took _realised-2020
                    first = position == 0 and (later or number > 0)
                    shown = period_name(period, language)
                    bottom.append(HeaderCell(leaf_id, shown, "col", numeric=True, group_start=first))
                    # A series' figures name the kind too: "Nederland, 2020" under realisatie and under
                    # streefwaarde read the same to a screen reader.
                    leaves.append(
                        _Leaf(
                            column if not name else _series_column(name),
                            (groups[0][0], gid, leaf_id) if name else (gid, leaf_id),
                            period,
                            name,
                            anchor=column if name else None,
                            group_start=first,
                        )
                    )
            return
        label, numeric = _label(column, translate)
        key = column.kind.value if column.what is ColumnKind.VALUES else column.what.value
        column_id = unique(f":{_slug(key)}")
        if series:
            top.append(HeaderCell(column_id, label, "colgroup", colspan=1 + len(series), group_start=later))
            colgroups.append(1 + len(series))
            names = [(OWN_SERIES, organisation)] + [(c.series, c.series) for c in series]
            for number, (name, sub_label) in enumerate(names):
                leaf_id = unique(f"{column_id}-{_slug(name) or 'eigen'}")  # beside a series 'Eigen'
                bottom.append(
                    HeaderCell(
                        leaf_id,
                        sub_label,
                        "col",
                        numeric=True,
                        group_start=later and not number,
                        lang=language_of(name, quoted),
                    )
                )
                leaves.append(
                    _Leaf(
                        column if not name else _series_column(name),
                        (column_id, leaf_id),
                        None,
                        name,
                        anchor=column if name else None,
                        group_start=later and not number,
                    )
                )
            return
        top.append(HeaderCell(column_id, label, "col", numeric=numeric, group_start=later))
        colgroups.append(1)
        leaves.append(_Leaf(column, (column_id,), group_start=later))

    columns = layout.shown_columns
    for index, column in enumerate(columns):
        if column.what is not ColumnKind.SERIES:  # a series column joins the column of figures before it
            add_column(column, list(takewhile(lambda c: c.what is ColumnKind.SERIES, columns[index + 1 :])))
    corner = [HeaderCell(":indicator", translate("indicator"), "col")] if overview else []
    if layout.series is SeriesPlacement.ROWS:
        corner.append(HeaderCell(":van", translate("column_series_of"), "col"))
    depth = 2 if bottom else 1
    first_row = [replace(c, rowspan=depth) for c in corner] + [
        h if h.scope == "colgroup" else replace(h, rowspan=depth) for h in top
    ]
    return _Plan(
        header_rows=(tuple(first_row), tuple(bottom)) if bottom else (tuple(first_row),),
        colgroups=((len(corner),) if corner else ()) + tuple(colgroups),
        leaves=tuple(leaves),
        corner=tuple(c.id for c in corner),
        shows_period=any(c.what is ColumnKind.PERIOD for c in columns),
        shows_unit=any(c.what is ColumnKind.UNIT for c in columns),
    )


def _label(column: TableColumn, translate: Translate) -> tuple[str, bool]:
    match column.what:
        case ColumnKind.VALUES:
            return translate(_KIND_LABELS[column.kind]), True
        case ColumnKind.LATEST:
            return translate("column_latest"), True
        case ColumnKind.UNIT:
            return translate("column_unit"), False
        case ColumnKind.SOURCE:
            return translate("column_source"), False
        case _:
            return translate("column_period"), False


@dataclass(frozen=True, slots=True)
class _Words:
    """What a note says in a place of its sentence: as text, and as HTML with the export's words marked."""

    text: str
    html: str
    printed: str = ""
    """The HTML in the PDF, where a range is its figures alone: "" when it is `html`."""


class _Builder:
    """One table's rows, notes and header cells, over the plan of its layout."""

    def __init__(
        self,
        layout: TableLayout,
        language: str,
        translate: Translate,
        organisation: str,
        base: str,
        overview: bool,
        quoted: str | None = None,
    ):
        self.layout = layout
        self.language = language
        self.translate = translate
        self.organisation = organisation or translate("own_series")
        self.overview = overview
        self.base = base
        self.quoted = quoted
        self.plan = _plan(layout, translate, self.organisation, overview, language, quoted)
        self.corner = [base + part for part in self.plan.corner]
        self.notes: list[Note] = []
        self.mark_means: set[str] = set()
        """What the no-figure mark stood for in this table: "no_figure", and for a target "no_target"."""

    def rows(self, indicator: Indicator, base: str) -> list[tuple[Cell, ...]]:
        """The indicator's rows; `base` prefixes their ids."""
        corner = self.corner
        rows = []
        all_series = _row_series(self.layout, indicator)
        taken: set[str] = set()
        for position, series in enumerate(all_series):
            cells: list[Cell] = []
            row_ids = []
            if self.overview:
                row_ids.append(base)
                if position == 0:
                    title = indicator.title
                    if indicator.unit and not self.plan.shows_unit:
                        title += f" ({indicator.unit})"
                    cells.append(
                        Cell(
                            title,
                            corner[0],
                            row_header=True,
                            id=base,
                            rowspan=len(all_series),
                            link=f"#ind-{indicator.id}",
                            lang=language_of(title, self.quoted),
                        )
                    )
            if self.layout.series is SeriesPlacement.ROWS:
                series_id = _unique(f"{base}:reeks-{_slug(series) or 'eigen'}", taken)  # 'Nederland', 'nederland'
                headers = " ".join([corner[-1], *row_ids])
                cells.append(
                    Cell(
                        series or self.organisation,
                        headers,
                        row_header=True,
                        id=series_id,
                        lang=language_of(series, self.quoted),
                    )
                )
                row_ids.append(series_id)
            for leaf in self.plan.leaves:
                cells.append(self._cell(indicator, leaf, series, " ".join(row_ids)))
            rows.append(tuple(cells))
        return rows

    def _cell(self, indicator: Indicator, leaf: _Leaf, series: str, row_ids: str) -> Cell:
        t = self.translate
        base = self.base
        headers = " ".join([base + part for part in leaf.header_ids])
        if row_ids:
            headers = f"{row_ids} {headers}"
        column = leaf.column
        if column.what is ColumnKind.UNIT:
            unit = indicator.unit
            return Cell(unit or t("none"), headers, missing=not unit, prose=True, lang=language_of(unit, self.quoted))
        if column.what is ColumnKind.SOURCE:
            source = indicator.source
            return Cell(
                source or t("none"), headers, missing=not source, prose=True, lang=language_of(source, self.quoted)
            )
        if column.what is ColumnKind.PERIOD:
            latest = indicator.latest(ValueKind.REALISED, series)
            if latest is None:
                return Cell(t("none"), headers, missing=True, prose=True)
            return Cell(period_name(latest.period, self.language), headers, prose=True)
        value, period = _resolve(leaf, indicator, series)
        figure = value.figure if value else NoFigure()
        text, numeric = figure_text(figure, indicator.decimals, self.language, t)
        spoken = range_words(figure, indicator.decimals, self.language, t)
        missing = isinstance(figure, NoFigure)
        kind = column.kind if column.what is ColumnKind.VALUES else ValueKind.REALISED
        if leaf.anchor is not None and leaf.anchor.what is ColumnKind.VALUES:
            kind = leaf.anchor.kind
        # A target that is missing is "geen streefcijfer": "geen cijfer voor 2023" beside the figure realised in
        # 2023 would tell the reader that figure is missing.
        target = kind is ValueKind.TARGET
        if missing:
            if value is None and target and leaf.period is not None:
                text = t("no_target")  # none was set: not a missing measurement
            elif self.layout.no_figure_mark:
                meaning = "no_target" if target else "no_figure"
                text, spoken = self.layout.no_figure_mark, t(meaning)
                self.mark_means.add(meaning)
            elif target:
                text = t("no_target")
        notes: tuple[Note, ...] = ()
        if (missing and figure.reason) or (value and (value.footnote or value.previous is not None)):
            where = self._where(indicator, value.period if value else period, leaf.series or series)
            texts: list[tuple[str, dict[str, _Words]]] = []
            if missing and figure.reason:
                if figure.reason == NOT_YET_KNOWN:
                    reason = self._ours(t("not_yet_known"))
                elif value is not None and value.measurement is not None and value.measurement.n is not None:
                    reason = self._ours(figure.reason)  # measure's words, in the site's language ('too few responses')
                else:
                    reason = self._theirs(figure.reason)
                texts.append(("note_no_target" if target else "note_no_figure", {"period": where, "reason": reason}))
            if value and value.footnote:
                texts.append(("note_footnote", {"period": where, "text": self._theirs(value.footnote)}))
            if value and value.previous is not None:
                decimals = indicator.decimals
                was, _ = figure_text(value.previous, decimals, self.language, t)
                shown = figure_text(figure, decimals, self.language, t)[0]
                if was == shown:
                    # 52,4 restated as 52 both show as 52 at 0 decimals: "was 52" beside 52 says nothing
                    decimals = None
                    was, _ = figure_text(value.previous, decimals, self.language, t)
                if was != shown:
                    said = self._theirs(was) if isinstance(value.previous, Text) else self._ours(was)
                    if words := range_words(value.previous, decimals, self.language, t):
                        said = _Words(was, spoken_html(was, words), said.html)  # "was 6–6,5" was heard "was 6 6,5"
                    texts.append(("note_previous", {"period": where, "was": said}))
            notes = tuple(self._note(key, fields) for key, fields in texts)
        latest = (leaf.anchor or column).what is ColumnKind.LATEST
        in_header = leaf.period is not None or (latest and self.plan.shows_period)  # else "(2019)" beside the figure
        return Cell(
            text,
            headers,
            numeric=numeric,
            missing=missing,
            notes=notes,
            spoken=spoken,
            detail="" if value is None or in_header else f"({period_name(value.period, self.language)})",
            detail_spoken="" if value is None or in_header else period_words(value.period, t) or "",
            group_start=leaf.group_start,
            lang=language_of(text, self.quoted) if isinstance(figure, Text) else None,
        )

    def _note(self, key: str, fields: dict[str, _Words]) -> Note:
        """The note `key` says with `fields`: a figure shown twice (the latest measurement is also a year) has one."""
        text = self.translate(key, **{name: words.text for name, words in fields.items()})
        for note in self.notes:
            if note.text == text:
                return note
        html = printed = ""
        spoken = any(words.printed for words in fields.values())
        if self.quoted or spoken:
            template = escape(self.translate(key, **{name: f"{{{name}}}" for name in fields}))
            html = template.format(**{name: Markup(words.html) for name, words in fields.items()})
            if spoken:
                printed = template.format(
                    **{name: Markup(words.printed or words.html) for name, words in fields.items()}
                )
        note = Note(len(self.notes) + 1, text, html, printed)
        self.notes.append(note)
        return note

    def quote(self, text: str) -> str:
        """The export's `text` as HTML, marked with its language where it is not the page's."""
        lang = language_of(text, self.quoted)
        return f'<span lang="{escape(lang)}">{escape(text)}</span>' if lang else str(escape(text))

    def _theirs(self, text: str) -> _Words:
        return _Words(text, self.quote(text))

    @staticmethod
    def _ours(text: str) -> _Words:
        return _Words(text, str(escape(text)))

    def _where(self, indicator: Indicator, period: Period | None, series: str) -> _Words:
        parts = [self._theirs(indicator.title)] if self.overview else []
        if series:
            parts.append(self._theirs(series))
        if period is not None:
            name = period_name(period, self.language)
            words = period_words(period, self.translate)
            parts.append(_Words(name, spoken_html(name, words), str(escape(name))) if words else self._ours(name))
        printed = ", ".join(p.printed or p.html for p in parts) if any(p.printed for p in parts) else ""
        return _Words(", ".join(p.text for p in parts), ", ".join(p.html for p in parts), printed)

    def table(
        self, caption: str, bodies: tuple[tuple[tuple[Cell, ...], ...], ...], caption_html: str = ""
    ) -> IndicatorTable:
        base = self.base
        header_rows = tuple(
            tuple(
                HeaderCell(base + h.id, h.label, h.scope, h.colspan, h.rowspan, h.numeric, h.group_start, h.lang)
                for h in row
            )
            for row in self.plan.header_rows
        )
        # The legend says what a screen reader hears in the cells: "geen streefcijfer" for a target.
        legend = None
        if self.mark_means:
            key = "legend_mark_both" if len(self.mark_means) == 2 else "legend_mark"
            meaning = self.translate(next(iter(self.mark_means)))
            legend = self.translate(key, mark=self.layout.no_figure_mark, meaning=meaning)
        return IndicatorTable(
            base, caption, self.plan.colgroups, header_rows, bodies, tuple(self.notes), legend, caption_html
        )


def _series_column(name: str) -> TableColumn:
    return TableColumn(ColumnKind.SERIES, series=name)


def _row_series(layout: TableLayout, indicator: Indicator) -> list[str]:
    """The series that get a row: the organisation's, and with `reeksen: rijen` every comparison series."""
    if layout.series is not SeriesPlacement.ROWS:
        return [OWN_SERIES]
    return [OWN_SERIES, *sorted({v.series for v in indicator.values if v.series})]


def _resolve(leaf: _Leaf, indicator: Indicator, series: str) -> tuple[Value | None, Period | None]:
    """The value a leaf shows in the row of `series`, and the period it stands for."""
    column = leaf.anchor or leaf.column
    own = leaf.series or series
    if column.what is ColumnKind.LATEST:
        if not leaf.series:
            latest = indicator.latest(ValueKind.REALISED, series)
            return latest, latest.period if latest else None
        anchor = indicator.latest(ValueKind.REALISED, series)
        if anchor is None:
            return None, None
        return indicator.value(ValueKind.REALISED, anchor.period, own), anchor.period
    if column.what is not ColumnKind.VALUES or column.kind is None:
        return None, None
    if leaf.period is not None:
        return indicator.value(column.kind, leaf.period, own), leaf.period
    if not leaf.series:
        value = indicator.latest(column.kind, series, with_figure=False)
        return value, value.period if value else None
    anchor = indicator.latest(column.kind, series, with_figure=False)
    if anchor is None:
        return None, None
    return indicator.value(column.kind, anchor.period, own), anchor.period


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower())


def _unique(wanted: str, taken: set[str]) -> str:
    """`wanted`, or `wanted` with -2, -3, … when it is `taken`: two names can have one slug (`Nederland` and
    `nederland`, `G4 gemeenten` and `G4-gemeenten`), a series the slug of a year (`2020`). Adds it to `taken`."""
    candidate, number = wanted, 2
    while candidate in taken:
        candidate, number = f"{wanted}-{number}", number + 1
    taken.add(candidate)
    return candidate


def period_words(period: Period, translate: Translate) -> str | None:
    """A span of years as a screen reader is to say it, "2019 tot en met 2020": silent at the dash of "2019-2020", it
    said two years. None for any other period."""
    first, last = period.start.year, period.end.year
    if last == first or period.start != date(first, 1, 1) or period.end != date(last, 12, 31):
        return None
    return translate("period_span", first=first, last=last)


def range_words(figure: Figure, decimals: int | None, language: str, translate: Translate) -> str | None:
    """A range as a screen reader is to say it, "67,0 tot 68,0": it is silent at the dash by default, and "67,0–68,0"
    was heard as two figures, "67,0 68,0". None for any other figure."""
    if not isinstance(figure, Range):
        return None
    low, high = (format_number(end, decimals, language) for end in (figure.low, figure.high))
    return translate("figure_range", low=low, high=high)


def figure_text(figure: Figure, decimals: int | None, language: str, translate: Translate) -> tuple[str, bool]:
    """A figure as the table shows it, and whether it is a number (aligned to the right)."""
    match figure:
        case Number(value):
            return format_number(value, decimals, language), True
        case Range(low, high):
            return f"{format_number(low, decimals, language)}–{format_number(high, decimals, language)}", True
        case Text(text):
            return text, False
        case _:
            return translate("no_figure"), False
