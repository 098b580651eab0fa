import re
from pathlib import Path

import pytest

from verantwoord.build import markdown
from verantwoord.build.markdown import (
    pasted_layout,
    render_markdown,
    render_markdown_for_print,
    unmatched_footnotes,
    unread_language_marks,
    written_but_not_rendered,
)
from verantwoord.model import Image


def _levels(html: str) -> list[str]:
    return re.findall(r"<h(\d)[ >]", html)


def test_the_highest_heading_lands_one_below_the_pages_own() -> None:
    assert _levels(render_markdown("# Kop\n\n## Sub\n")) == ["2", "3"]
    assert _levels(render_markdown("## Kop\n\n### Sub\n")) == ["2", "3"]  # as the guide advises
    assert _levels(render_markdown("# Kop\n", top_level=3)) == ["3"]
    assert _levels(render_markdown("# A\n\n## B\n", top_level=6)) == ["6", "6"]


def test_a_skipped_heading_level_is_closed_up() -> None:
    """ "# Een" then "#### Vier" gave h2 and h5, a gap a screen reader user stumbles over (WCAG 1.3.1)."""
    assert _levels(render_markdown("# A\n\n##### Diep\n", top_level=3)) == ["3", "4"]
    html = render_markdown("# Een\n\n#### Vier\n\n### Drie\n\n#### Vier\n\n## Twee\n\n# Een\n")
    assert _levels(html) == ["2", "3", "3", "4", "3", "2"]
    assert _levels(render_markdown("### Drie\n\n## Twee\n")) == ["2", "2"]


def test_a_heading_has_an_id_a_search_result_can_lead_to() -> None:
    """Pagefind leads a result to the heading with an id above the words found; the text's headings had none, so a
    match under "Wat hebben we daarvoor gedaan?" led to the top of the page."""
    html = render_markdown("# Wat hebben we bereikt?\n\nTekst.\n\nCijfers\n---\n\n## Wat hebben we bereikt?\n")
    assert re.findall(r'<h\d id="([^"]*)">', html) == [
        "tekst:kop-wat-hebben-we-bereikt",
        "tekst:kop-cijfers",
        "tekst:kop-wat-hebben-we-bereikt-2",  # unique on the page
    ]
    explained = render_markdown("Gemeten in juni.\n\n# Bron\n\nCBS.\n", 3, line_breaks=True, footnote_ids="ind-x")
    assert '<h3 id="ind-x:kop-bron">Bron</h3>' in explained  # an explanation's, apart from the text's
    assert '<h2 id="h-4-bestuur:kop-voetnoot-1">' in render_markdown_for_print(
        "# Voetnoot 1\n", footnote_ids="h-4-bestuur"
    )


def test_links_within_the_site_are_text_in_the_pdf() -> None:
    """WeasyPrint made a relative link a file:// path on the machine that built the PDF."""
    text = "Zie [de cijfers](../../open-data/indicatoren.csv), [de kop](#kop) en [de site](https://www.amersfoort.nl)."
    assert '<a href="../../open-data/indicatoren.csv"' in render_markdown(text)
    html = render_markdown_for_print(text)
    assert 'Zie de cijfers, de kop en <a href="https://www.amersfoort.nl"' in html
    html = render_markdown_for_print("[a](HTTPS://x.nl) [b](Mailto:a@b.nl) [c](//example.org/x) [d](../x/)")
    assert html.count("<a href=") == 3 and html.endswith(" d</p>\n")


def test_a_link_to_a_chapter_or_section_names_its_number_in_the_pdf() -> None:
    """On paper 'zie [de financiën](../4-2-financien/)' read 'zie de financiën': nothing said where to look."""
    places = {
        "4-bestuur/": "hoofdstuk 4",
        "4-bestuur/4-1-werk/": "paragraaf 4.1",
        "4-bestuur/4-2-financien/": "paragraaf 4.2",
    }
    text = (
        "Zie [de financiën](../4-2-financien/), [de cijfers](../4-2-financien/index.html#ind-x), [paragraaf 4.2]"
        "(../4-2-financien/), [het hoofdstuk](../), [deze paragraaf](./), [de data](../../open-data/indicatoren.csv) "
        "en [5.1](../../5-x/5-1-y/)."
    )
    html = render_markdown_for_print(text, page="4-bestuur/4-1-werk/", places=places)
    assert html == (
        "<p>Zie de financiën (paragraaf 4.2), de cijfers (paragraaf 4.2), paragraaf 4.2, het hoofdstuk (hoofdstuk 4), "
        "deze paragraaf, de data en 5.1.</p>\n"
    )
    assert render_markdown_for_print(text).startswith("<p>Zie de financiën, de cijfers, paragraaf 4.2, het hoofdstuk,")


def test_a_link_to_another_website_has_its_address_after_it_in_the_pdf() -> None:
    """On paper '[de regeling](https://wetten.overheid.nl/…)' read 'de regeling': nothing to follow. Its address
    follows, as a reader types it; not where its text shows the address already."""
    text = (
        "[a](https://wetten.overheid.nl/BWBR0008249/) [b](HTTP://X.nl/pad?id=1&jaar=2020#kop) [c](//example.org/x/) "
        "[d](https://www.amersfoort.nl/financi%C3%ABn%20plan) [e](https://x.nl/%FF) [f](mailto:info@x.nl?subject=Hoi) "
        "[www.amersfoort.nl](https://www.amersfoort.nl/) [Amersfoort.nl/Nieuws](https://www.amersfoort.nl/nieuws) "
        "<https://x.nl/y> [info@x.nl](mailto:info@x.nl) [**de** <site>](https://x.nl/?a=<b>)"
    )
    words = re.sub(r"<(?!/?span)[^>]*>", "", render_markdown_for_print(text))
    address = '<span class="print-address">'
    assert words == (
        f"a{address} (wetten.overheid.nl/BWBR0008249)</span> b{address} (X.nl/pad?id=1&amp;jaar=2020#kop)</span> "
        f"c{address} (example.org/x)</span> d{address} (www.amersfoort.nl/financiën%20plan)</span> "
        f"e{address} (x.nl/%FF)</span> f{address} (info@x.nl)</span> www.amersfoort.nl Amersfoort.nl/Nieuws "
        f"https://x.nl/y info@x.nl de &lt;site&gt;{address} (x.nl/?a=%3Cb%3E)</span>\n"
    )
    assert "print-address" not in render_markdown(text)
    image = render_markdown_for_print("![Kaart](https://www.cbs.nl/kaarten/wijken.png)", language="en")
    assert ">Kaart (image on www.cbs.nl/kaarten/wijken.png)</a></p>" in image and "print-address" not in image


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


def test_a_phone_number_is_a_link_a_resident_can_tap() -> None:
    """'[Bel 14 033](tel:14033)' lost its address (nh3 allowed http, https and mailto), and 'bel ons' its number."""
    html = render_markdown("[Bel 14 033](tel:14033) of [bel ons](tel:+31%2033%20123%204567).")
    assert html == (
        '<p><a href="tel:14033" rel="noopener noreferrer">Bel 14 033</a> of '
        '<a href="tel:+31%2033%20123%204567" rel="noopener noreferrer">bel ons</a>.</p>\n'
    )
    printed = render_markdown_for_print("[Bel 14 033](tel:14033) of [bel ons](tel:+31%2033%20123%204567).")
    assert printed == (
        '<p><a href="tel:14033" rel="noopener noreferrer">Bel 14 033</a> of '
        '<a href="tel:+31%2033%20123%204567" rel="noopener noreferrer">bel ons</a>'
        '<span class="print-address"> (+31 33 123 4567)</span>.</p>\n'
    )


@pytest.mark.parametrize("address", ["ftp://x.nl/bestand", "javascript:alert(1)", "file:///C:/rapport.pdf"])
def test_a_refused_link_without_a_title_is_its_text_not_an_a_without_address(address: str) -> None:
    """nh3 takes the href away altogether when there is no title: an <a> that is no link was left in the page."""
    assert render_markdown(f"Zie [hier]({address}).") == "<p>Zie hier.</p>\n"


@pytest.mark.parametrize(
    "text",
    ['[slecht](javascript:alert(1) "titel")', '[slecht][r]\n\n[r]: <javascript:alert(1)> "titel"'],
    ids=["inline", "reference"],
)
def test_a_refused_link_with_a_title_is_its_text_not_a_link_to_the_page_itself(text: str) -> None:
    """With a title, nh3's refusal left <a href="" title="titel">: a link that reloads the page it is on."""
    html = render_markdown(text)
    assert html == "<p>slecht</p>\n"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Zie [x][r].\n\n[r]: javascript:alert(1)", [(18, "link", "javascript:alert(1)")]),
        ('Zie [x][r].\n\n[r]:\n  <JavaScript:alert(1)> "t"', [(21, "link", "JavaScript:alert(1)")]),
        ("Een voetnoot[^1].\n\n[^1]: javascript: zo heet de taal.", []),
        ("Tekst.\n\n    <b>code</b>\n    [x](javascript:alert(1))\n\nMeer.", []),
        ("- punt\n\n    <b>in het punt</b>", [(12, "html", "<b>"), (26, "html", "</b>")]),
        ("Een regel\n    <b>die doorloopt</b>", [(14, "html", "<b>"), (30, "html", "</b>")]),
    ],
    ids=["reference", "reference-next-line", "footnote", "indented-code", "list-item", "paragraph-continued"],
)
def test_what_is_not_rendered_is_found_where_it_is_not_code(text: str, found: list) -> None:
    """A reference-style javascript: link was not reported; HTML in code indented by four spaces was, though the
    page shows it as code. Indented lines that go on a paragraph or a list item are no code."""
    assert written_but_not_rendered(text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Lasten\t12.345\nBaten\t-1.234\n", [(0, 14, "table")]),
        ("•\tDe bereikbaarheid daalde.\n", [(0, 0, "list")]),
        ("**Lasten**\t12.345\n**Baten**\t-1.234\n", [(0, 18, "table")]),
        ("Tekst.\n\n    Lasten\t12.345\n    Baten\t-1.234\n", []),
        ("Tekst.\n\n\tLasten\t12.345\n\tBaten\t-1.234\n", []),
        ("- Lasten\n    -\tPersoneel\n    -\tHuisvesting\n", []),
        ("1. Lasten\n\t1.\tPersoneel\n\t2.\tHuisvesting\n", []),
        ("- Lasten\n  x\t12.345\n  y\t-1.234\n", [(9, 20, "table")]),
    ],
    ids=[
        "table",
        "list",
        "table-with-markup",
        "indented-code",
        "tab-indented-code",
        "nested-list",
        "nested-list-tab",
        "in-list-item",
    ],
)
def test_pasted_layout_is_found_where_the_page_shows_it_as_text(text: str, found: list) -> None:
    """Code indented by four spaces or a tab keeps its tabs on the page, and a nested list item with a tab after its
    sign is a list item: both were told they were a table or a list pasted from Word, which the page would not show.
    Lines that go on a list item are text, as elsewhere."""
    assert pasted_layout(text) == found


def test_lists_emphasis_and_tables() -> None:
    html = render_markdown("**vet** en *schuin*\n\n- een\n- twee\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n")
    assert "<strong>vet</strong>" in html and "<em>schuin</em>" in html
    assert "<li>een</li>" in html
    assert '<td class="text-table__end">2</td>' in html and "align" not in html  # align is obsolete in HTML5


def test_a_table_in_a_text_keeps_its_alignment_and_scrolls_in_a_region_of_its_own() -> None:
    """A budget table in a text lost its columns' alignment (|---:|, amounts to the right) and had no borders; wider
    than a phone's screen it made the whole page scroll sideways (WCAG 1.4.10), where an indicator's table scrolls in
    a region a keyboard can reach."""
    text = "| Bedragen x € 1.000 | Begroting | Verschil |\n|:--|--:|:-:|\n| Lasten | 12.345 | -50 |\n"
    html = render_markdown(text, language="en")
    assert html.startswith('<div class="text-table" role="region" tabindex="0" aria-label="Table"><table>')
    assert html.rstrip().endswith("</table></div>")
    assert '<th class="text-table__end">Begroting</th>' in html and '<td class="text-table__end">12.345</td>' in html
    assert '<td class="text-table__center">-50</td>' in html and "<td>Lasten</td>" in html
    assert 'aria-label="Tabel"' in render_markdown(text)
    # Written by hand, the classes and the region are escaped text, not markup.
    raw = '<div class="text-table" role="region"><table><td class="text-table__end">1</td></table></div>'
    assert "<div" not in render_markdown(raw) and "<td" not in render_markdown(raw)


def test_a_table_in_a_text_is_named_after_the_heading_above_it() -> None:
    """Every table in every text was a region named "Tabel": a screen reader's list of regions read "Tabel, Tabel,
    Tabel" (WCAG 1.3.1, 2.4.6)."""
    table = "| Post | Bedrag |\n|:--|--:|\n| Lasten | 12 |\n"
    text = f"Inleiding.\n\n{table}\n## Lasten & baten[^1]\n\n{table}\nTekst.\n\n{table}\n[^1]: Voetnoot.\n"
    labels = re.findall(r'role="region" tabindex="0" aria-label="([^"]*)"', render_markdown(text))
    assert labels == ["Tabel", "Tabel: Lasten &amp; baten", "Tabel 2: Lasten &amp; baten"]


def test_a_table_in_a_text_too_wide_for_the_pdf_page_gets_smaller_type_or_a_turned_page() -> None:
    """In the PDF a budget table of nine columns ran off the page at the usual 8.5 pt (build/tables.py estimates the
    width as for the indicators' tables); there is no region to scroll on paper. Too wide in 7 pt, it stands on a page
    turned a quarter ("wide"), and too wide for that, its words break ("widest"); never in 6 pt."""
    narrow = "| Jaar | Inwoners |\n|--|--:|\n| 2020 | 157.000 |\n"
    assert render_markdown_for_print(narrow).startswith('<div class="text-table"><table>')
    columns = ["Bedragen x € 1.000", *(f"Begroting {year} na wijziging" for year in range(2021, 2029))]
    wide = (
        "| " + " | ".join(columns) + " |\n|" + "--:|" * 9 + "\n| Lasten | " + " | ".join(["-12.345.678"] * 8) + " |\n"
    )
    assert render_markdown_for_print(wide).startswith('<div class="text-table text-table--wide"><table>')
    wider = (
        "| "
        + " | ".join(columns * 2)
        + " |\n|"
        + "--:|" * 18
        + "\n| Lasten | "
        + " | ".join(["-12.345.678"] * 17)
        + " |\n"
    )
    assert render_markdown_for_print(wider).startswith('<div class="text-table text-table--widest"><table>')
    medium = (
        "| " + " | ".join(columns[:6]) + " |\n|" + "--:|" * 6 + "\n| Lasten | " + " | ".join(["12.345"] * 5) + " |\n"
    )
    assert render_markdown_for_print(medium).startswith('<div class="text-table text-table--small"><table>')


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
    image = Image("a.png", "0123456789abcdef.png", 10, 10, Path("a.png"))
    html = render_markdown('[x](https://example.com "[y]{lang=en}") en ![[z]{lang=en}](a.png)', images=(image,))
    assert html.startswith('<p><a href="https://example.com" title="[y]{lang=en}" rel="noopener noreferrer">x</a>')
    assert "<span" not in html and 'alt="[z]{lang=en}"' in html


def test_a_new_line_in_a_cell_is_a_new_line_on_the_page() -> None:
    """Alt+Enter in an explanation's cell was joined into one line, as Markdown joins the lines of a text file."""
    cell = "Gemeten met een enquête.\nBron: KCC.\n\n- een\n- twee"
    assert render_markdown(cell, line_breaks=True).startswith("<p>Gemeten met een enquête.<br>\nBron: KCC.</p>")
    assert render_markdown(cell).startswith("<p>Gemeten met een enquête.\nBron: KCC.</p>")
    assert "<br>" in render_markdown_for_print(cell, 3, line_breaks=True)


# Footnotes


def test_a_footnote_is_a_numbered_note_under_the_text_with_a_way_back() -> None:
    """The reference says "voetnoot 1" to a screen reader, where a table's note says "noot 1"; the notes have a
    heading, hidden as on paper; and the way back is labelled in Dutch, where comrak said "Back to reference 1"."""
    assert render_markdown("De balie[^1] is open.\n\n[^1]: Bron: CBS, 2020.\n") == (
        '<p>De balie<sup><a class="footnote-ref" href="#tekst:voetnoot-1" id="tekst:voetnoot-1-verwijzing" '
        'rel="noopener noreferrer"><span class="visually-hidden"> voetnoot </span>1</a></sup> is open.</p>\n'
        '<section class="footnotes">\n<h2 class="visually-hidden" data-pagefind-ignore="">Voetnoten</h2>\n<ol>\n'
        '<li id="tekst:voetnoot-1">\n<p>Bron: CBS, 2020. <a class="footnote-back" href="#tekst:voetnoot-1-verwijzing" '
        'aria-label="Terug naar verwijzing 1" data-pagefind-ignore="" rel="noopener noreferrer">↩</a></p>\n</li>\n'
        "</ol>\n</section>\n"
    )


def test_footnote_ids_are_the_texts_own_and_numbered_as_the_reader_sees_them() -> None:
    """A section page holds its text and each indicator's explanation: comrak's fn-1 stood in each. The label the
    author chose ([^bron], any characters) is no part of an id."""
    text = 'Een[^bron] twee[^"<x>&] en een[^Bron].\n\n[^"<x>&]: Twee.\n[^bron]: Een.\n'
    section = render_markdown(text)
    explanation = render_markdown(text, 3, line_breaks=True, footnote_ids="ind-kcc")
    ids = re.findall(r' id="([^"]*)"', section)
    assert ids == [
        "tekst:voetnoot-1-verwijzing",
        "tekst:voetnoot-2-verwijzing",
        "tekst:voetnoot-1-verwijzing-2",
        "tekst:voetnoot-1",
        "tekst:voetnoot-2",
    ]
    assert not set(ids) & set(re.findall(r' id="([^"]*)"', explanation))
    assert re.findall(r'href="#([^"]*)"', section) == [
        "tekst:voetnoot-1",
        "tekst:voetnoot-2",
        "tekst:voetnoot-1",
        "tekst:voetnoot-1-verwijzing",
        "tekst:voetnoot-1-verwijzing-2",
        "tekst:voetnoot-2-verwijzing",
    ]
    assert "<p>Een. <a" in section.split('id="tekst:voetnoot-1"')[1]  # note 1 is the first referenced
    assert "x&gt;" not in section.replace("<x>", "")  # the label is in no id or address


def test_a_footnote_referenced_twice_leads_back_to_each_reference() -> None:
    html = render_markdown("Een[^1] en weer[^1].\n\n[^1]: De noot.\n")
    assert '<a class="footnote-back" href="#tekst:voetnoot-1-verwijzing" aria-label="Terug naar verwijzing 1"' in html
    assert (
        '<a class="footnote-back" href="#tekst:voetnoot-1-verwijzing-2" aria-label="Terug naar verwijzing 1 (2e keer)"'
        ' data-pagefind-ignore="" rel="noopener noreferrer">↩<sup>2</sup></a>'
    ) in html


def test_footnotes_speak_the_documents_language() -> None:
    html = render_markdown("One[^1] and two[^1].\n\n[^1]: The note.\n", language="en")
    assert '<span class="visually-hidden"> footnote </span>1' in html
    assert ">Footnotes</h2>" in html
    assert 'aria-label="Back to reference 1"' in html and 'aria-label="Back to reference 1 (occurrence 2)"' in html
    assert "Voetno" not in html and "Terug" not in html


def test_the_footnotes_heading_stands_at_the_texts_top_level_below_its_headings() -> None:
    """The notes belong to the whole text, not to its last subheading; in an explanation under an indicator's h2
    they are an h3."""
    html = render_markdown("# Kop\n\nEen[^1].\n\n## Sub\n\nTekst.\n\n[^1]: Noot.\n")
    assert re.findall(r"<h(\d)", html) == ["2", "3", "2"]
    assert '<h4 class="visually-hidden"' in render_markdown("Een[^1].\n\n[^1]: Noot.\n", top_level=4)


def test_an_inline_footnote_is_a_footnote_too() -> None:
    """^[De noot.]: in a cell of the export the note can stand where it belongs, without a line of its own."""
    html = render_markdown("Gemeten in juni^[Bron: Klant in Focus.] en [^a].\n[^a]: Twee.", line_breaks=True)
    assert re.findall(r'<li id="([^"]*)">\n<p>([^<]*) <a', html) == [
        ("tekst:voetnoot-1", "Bron: Klant in Focus."),
        ("tekst:voetnoot-2", "Twee."),
    ]


def test_a_footnote_holds_markdown_and_is_sanitised_like_any_text() -> None:
    html = render_markdown(
        "Een[^1].\n\n[^1]: Zie [de gemeente](https://www.amersfoort.nl), [dit](javascript:alert(1)) en <b>x</b>.\n"
    )
    assert '<a href="https://www.amersfoort.nl" rel="noopener noreferrer">de gemeente</a>' in html
    assert "javascript" not in html and " dit en &lt;b&gt;x&lt;/b&gt;." in html


def test_the_sanitiser_keeps_what_footnotes_need_and_nothing_more() -> None:
    """Comrak escapes raw HTML, so this can only come from comrak itself: nh3 is the second line of defence."""
    dirty = (
        '<section class="footnotes evil" id="x" onclick="a()">'
        '<h2 class="visually-hidden big" data-pagefind-ignore="all" style="x">V</h2>'
        '<ol><li id="n-1" class="c" value="3"><a class="footnote-back other" href="#r" id="r2" '
        'aria-label="Terug" data-pagefind-ignore="" aria-hidden="true" onclick="b()">↩</a></li></ol></section>'
        '<sup class="x"><span class="visually-hidden" id="s" aria-label="y">voetnoot </span></sup>'
        '<p class="visually-hidden"><a class="footnote-ref" href="javascript:x()">z</a></p>'
    )
    assert markdown._clean(dirty) == (
        '<section class="footnotes"><h2 class="visually-hidden">V</h2><ol><li id="n-1">'
        '<a class="footnote-back" href="#r" id="r2" aria-label="Terug" data-pagefind-ignore="" '
        'rel="noopener noreferrer">↩</a></li></ol></section>'
        '<sup><span class="visually-hidden">voetnoot </span></sup><p><a class="footnote-ref" rel="noopener noreferrer">'
        "z</a></p>"
    )


def test_in_the_pdf_a_reference_leads_to_its_footnote_and_there_is_no_way_back() -> None:
    """On paper ↩ is a stray arrow; the reference leads to the note within the PDF, as a table's note does. A link
    the author wrote to a place on the site is still its text."""
    html = render_markdown_for_print(
        "Een[^1] en weer[^1].\n\n[^1]: Zie [de kop](#kop) en [de site](https://x.nl).\n", 3, footnote_ids="h-4-1"
    )
    assert '<a class="footnote-ref" href="#h-4-1:voetnoot-1" id="h-4-1:voetnoot-1-verwijzing"' in html
    assert (
        '<li id="h-4-1:voetnoot-1">\n<p>Zie de kop en <a href="https://x.nl" rel="noopener noreferrer">de site</a>'
        '<span class="print-address"> (x.nl)</span>.' in html
    )
    assert "footnote-back" not in html and "↩" not in html
    assert '<h3 class="visually-hidden" data-pagefind-ignore="">Voetnoten</h3>' in html


def test_a_footnote_that_does_not_match_is_found_where_it_is_written() -> None:
    """check warns about these: a reference without its footnote stands on the page as written, a footnote
    without a reference is not shown, and of two footnotes with one label the references lead to the first."""
    text = "Een[^1], twee[^2], `[^3]` en \\[^4].\n\n[^1]: Een.\n[^5]: Vijf.\n[^1]: Weer een.\n"
    assert unmatched_footnotes(text) == [
        (text.index("[^2]"), "[^2]", "no_footnote"),
        (text.index("[^5]:"), "[^5]", "not_referenced"),
        (text.rindex("[^1]:"), "[^1]", "repeated"),
    ]
    assert unmatched_footnotes("Een[^Bron].\n\n[^bron]: Labels are alike whatever their case.\n") == []
    assert unmatched_footnotes("Een^[inline] en [^a].\n[^a]: In een cel.", line_breaks=True) == []
    # An inline footnote is shown too, and does not hide a footnote that is not.
    text = "Een[^1] en kort^[Inline.].\n\n[^1]: Een.\n[^2]: Niet genoemd.\n"
    assert unmatched_footnotes(text) == [(text.index("[^2]:"), "[^2]", "not_referenced")]
    assert unmatched_footnotes("```\nEen[^1]\n```\n\n    [^2]: code\n") == []
    assert unmatched_footnotes("Geen voetnoten.") == []
