import re

from verantwoord.build.markdown import render_markdown, render_markdown_for_print, unread_language_marks


def test_the_highest_heading_lands_one_below_the_pages_own() -> None:
    assert render_markdown("# Kop\n\n## Sub\n") == "<h2>Kop</h2>\n<h3>Sub</h3>\n"
    assert render_markdown("## Kop\n\n### Sub\n") == "<h2>Kop</h2>\n<h3>Sub</h3>\n"  # as the guide advises
    assert render_markdown("# Kop\n", top_level=3) == "<h3>Kop</h3>\n"
    assert render_markdown("# A\n\n## B\n", top_level=6) == "<h6>A</h6>\n<h6>B</h6>\n"


def test_a_skipped_heading_level_is_closed_up() -> None:
    """ "# Een" then "#### Vier" gave h2 and h5, a gap a screen reader user stumbles over (WCAG 1.3.1)."""
    assert render_markdown("# A\n\n##### Diep\n", top_level=3) == "<h3>A</h3>\n<h4>Diep</h4>\n"
    html = render_markdown("# Een\n\n#### Vier\n\n### Drie\n\n#### Vier\n\n## Twee\n\n# Een\n")
    assert re.findall(r"<h(\d)>", html) == ["2", "3", "3", "4", "3", "2"]
    assert render_markdown("### Drie\n\n## Twee\n") == "<h2>Drie</h2>\n<h2>Twee</h2>\n"


def test_links_within_the_site_are_text_in_the_pdf() -> None:
    """WeasyPrint made a relative link a file:// path on the machine that built the PDF."""
    text = "Zie [de cijfers](../../open-data/indicatoren.csv), [de kop](#kop) en [de site](https://www.amersfoort.nl)."
    assert '<a href="../../open-data/indicatoren.csv"' in render_markdown(text)
    html = render_markdown_for_print(text)
    assert 'Zie de cijfers, de kop en <a href="https://www.amersfoort.nl"' in html
    html = render_markdown_for_print("[a](HTTPS://x.nl) [b](Mailto:a@b.nl) [c](//example.org/x) [d](../x/)")
    assert html.count("<a href=") == 3 and html.endswith(" d</p>\n")


def test_raw_html_is_shown_as_text_never_passed_through() -> None:
    html = render_markdown('Tekst <script>alert(1)</script> <img src=x onerror="alert(2)">')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_only_safe_links_survive() -> None:
    html = render_markdown("[goed](https://www.amersfoort.nl) [slecht](javascript:alert(1)) [mail](mailto:a@b.nl)")
    assert '<a href="https://www.amersfoort.nl" rel="noopener noreferrer">goed</a>' in html
    assert '<a href="mailto:a@b.nl" rel="noopener noreferrer">mail</a>' in html
    assert "javascript" not in html
    assert " slecht " in html  # the refused link is left as its text


def test_lists_emphasis_and_tables() -> None:
    html = render_markdown("**vet** en *schuin*\n\n- een\n- twee\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n")
    assert "<strong>vet</strong>" in html and "<em>schuin</em>" in html
    assert "<li>een</li>" in html
    assert "<td>2</td>" in html and "align" not in html  # align is obsolete in HTML5


def test_a_phrase_in_another_language_is_marked_with_lang() -> None:
    """WCAG 3.1.2 (language of parts): a screen reader reads "Smart City" with an English voice only when it is
    marked; the author writes [Smart City]{lang=en}."""
    html = render_markdown("Amersfoort is een [Smart City]{lang=en} met [Mitbestimmung]{lang=de-AT} en [&]{lang=en}.")
    assert html == (
        '<p>Amersfoort is een <span lang="en">Smart City</span> met <span lang="de-AT">Mitbestimmung</span> '
        'en <span lang="en">&amp;</span>.</p>\n'
    )
    assert render_markdown("`[Smart City]{lang=en}`") == "<p><code>[Smart City]{lang=en}</code></p>\n"
    assert render_markdown("```\n[a]{lang=en}\n```\n") == "<pre><code>[a]{lang=en}\n</code></pre>\n"


def test_a_language_mark_cannot_carry_anything_else() -> None:
    for text in ('[x]{lang="en" onclick=alert(1)}', "[x]{lang=en onclick=alert(1)}", "[x]{lang=<b>}", "[x]{lang=}"):
        html = render_markdown(text)
        assert "<span" not in html, html  # left as the text it is
    assert render_markdown('<span lang="en" onclick="x">a</span>').startswith("<p>&lt;span")


def test_a_mark_that_is_not_read_is_found_where_it_is_written() -> None:
    """check warns about these: the mark would stand on the page as it was written."""
    text = "Een [Smart City]{lang=en}, een [*stad*]{lang=en},\neen [city]{lang=engels} en `[x]{lang=?}`."
    assert unread_language_marks(text) == [(31, "[*stad*]{lang=en}"), (54, "[city]{lang=engels}")]
    assert unread_language_marks("Een [Smart City]{lang=en}.") == []
    assert unread_language_marks("```\n[x]{lang=?}\n```\n") == []
    # Beside an unread mark, the ones that are read are not named: an underscore or > within is plain text.
    assert unread_language_marks("[snake_case]{lang=en} [a > b]{lang=en} [c]{lang=?}") == [(39, "[c]{lang=?}")]
    # A line break within a mark in a cell (Alt+Enter) is a <br> there, and the mark is not read.
    assert unread_language_marks("[Smart\nCity]{lang=en}", line_breaks=True) == [(0, "[Smart\nCity]{lang=en}")]


def test_a_mark_in_an_attribute_is_left_alone() -> None:
    """A mark in a link's title became a span inside the attribute, and the link's text read 'y">x'."""
    html = render_markdown('[x](https://example.com "[y]{lang=en}") en ![[z]{lang=en}](https://example.com/a.png)')
    assert html.startswith('<p><a href="https://example.com" title="[y]{lang=en}" rel="noopener noreferrer">x</a>')
    assert "<span" not in html and "z" not in html.replace("example", "")


def test_a_new_line_in_a_cell_is_a_new_line_on_the_page() -> None:
    """Alt+Enter in an explanation's cell was joined into one line, as Markdown joins the lines of a text file."""
    cell = "Gemeten met een enquête.\nBron: KCC.\n\n- een\n- twee"
    assert render_markdown(cell, line_breaks=True).startswith("<p>Gemeten met een enquête.<br>\nBron: KCC.</p>")
    assert render_markdown(cell).startswith("<p>Gemeten met een enquête.\nBron: KCC.</p>")
    assert "<br>" in render_markdown_for_print(cell, 3, line_breaks=True)
