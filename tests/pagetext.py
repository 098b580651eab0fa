"""A page's text as a reader sees it: one line per block, table cell or list item, hidden parts left out.

A small stand-in for the browser's innerText, so tests can read pages without starting a browser.
"""

from __future__ import annotations

from html.parser import HTMLParser

BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "nav",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "br",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "title",
}
SKIPPED = {"head", "script", "style", "template", "svg"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _TextParser(HTMLParser):
    def __init__(self, seen: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.seen = seen
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skipping = 0

    def _break(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.lines.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            if not self.skipping and tag in BLOCKS:
                self._break()
        elif self.skipping or tag in SKIPPED or ("hidden", None) in attrs or (self.seen and _visually_hidden(attrs)):
            self.skipping += 1  # count every element inside a skipped one, so its end tag closes the right one
        elif tag in BLOCKS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping and tag in BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            self.skipping -= 1
        elif tag in BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)


def _visually_hidden(attrs: list[tuple[str, str | None]]) -> bool:
    return "visually-hidden" in (dict(attrs).get("class") or "").split()


def page_lines(html: str, seen: bool = False) -> list[str]:
    """The page's lines; `seen` leaves out the text only a screen reader gets (class visually-hidden)."""
    parser = _TextParser(seen)
    parser.feed(html)
    parser.close()
    parser._break()
    return parser.lines


def missing_in_order(expected: list[str], actual: list[str]) -> list[str]:
    """The expected lines that do not appear in `actual` in this order (empty when all do)."""
    position = 0
    missing = []
    for line in expected:
        try:
            position = actual.index(line, position) + 1
        except ValueError:
            missing.append(line)
    return missing
