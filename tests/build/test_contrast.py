"""The contrast of a theme's colours (WCAG 2.1 AA 1.4.3 and 1.4.11): a house style with light-grey text or pale links
made the site fail without a word; check and build say which colour, where, and a shade that passes."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from verantwoord import load_project
from verantwoord.build.contrast import failing_pairs, theme_contrast_failures
from verantwoord.build.site import settings_stylesheet
from verantwoord.cli import main
from verantwoord.config import contrast_ratio, read_configs, relative_luminance
from verantwoord.errors import Location, Problems

ROOT = Path(__file__).resolve().parents[2]
OURS = (ROOT / "src" / "verantwoord" / "build" / "static" / "verantwoord.css").read_text(encoding="utf-8")
THEME = Location("thema/thema.css")
LINKS = "de links, de bezochte links, een link onder de muis"


def said(css: str) -> list[str]:
    """What is said of `css` as a theme's thema.css over our stylesheet."""
    return [f"{f.location}: {f.message} Hint: {f.hint}" for f in failing_pairs([(OURS, None), (css, THEME)])]


def ratio(first: str, second: str) -> float:
    def luminance(colour: str) -> float:
        return relative_luminance(*(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)))

    return contrast_ratio(luminance(first), luminance(second))


def test_the_wcag_formula_gives_the_known_ratios() -> None:
    assert ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.005)
    assert ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.005)
    assert ratio("#ffffff", "#767676") == ratio("#767676", "#ffffff")
    assert ratio("#000000", "#ffffff") == pytest.approx(21)
    assert ratio("#e17000", "#ffffff") == pytest.approx(3.22, abs=0.005)


def test_our_own_stylesheet_passes() -> None:
    assert failing_pairs([(OURS, None)]) == []


def test_the_example_projects_pass(tmp_path: Path) -> None:
    """Each example's colours over our stylesheet, a thema.kleur of its own included."""
    examples = sorted(p for p in (ROOT / "examples").iterdir() if (p / "verantwoord.yaml").is_file())
    assert len(examples) >= 8
    for example in examples:
        configs = read_configs(example, Problems())
        assert configs, example
        for config in configs:
            sheets = [(OURS, None)]
            if settings := settings_stylesheet(config.colour, config.font):
                sheets.append((settings, Location("verantwoord.yaml", key="thema.kleur")))
            if config.theme_folder is not None and (config.theme_folder / "thema.css").is_file():
                sheets.append(((config.theme_folder / "thema.css").read_bytes(), THEME))
            assert failing_pairs(sheets) == [], example.name


def test_text_just_too_light_is_said_with_its_line_ratio_and_a_shade_that_passes() -> None:
    assert said("/* huisstijl */\nbody {\n  color: #777;\n}\n") == [
        "thema/thema.css, regel 3: de tekst, de kleinste koppen, de cijfers in de tabellen: de kleur #777 op #ffffff "
        "heeft een contrast van 4,47:1, te weinig: WCAG 2.1 AA vraagt minstens 4,5:1 voor tekst. "
        "Hint: kies voor #777 een donkerdere tint, zoals #767676.",
        "thema/thema.css, regel 3: de voettekst, de tekst bij de open data: de kleur #777 op #f3f3f3 heeft een "
        "contrast van 4,03:1, te weinig: WCAG 2.1 AA vraagt minstens 4,5:1 voor tekst. "
        "Hint: kies voor #777 een donkerdere tint, zoals #6f6f6f.",
    ]


def test_the_lightest_grey_that_passes_on_white_is_said_only_on_the_grey_footer() -> None:
    assert [message.split(":")[1] for message in said("body { color: #767676 }")] == [
        " de voettekst, de tekst bij de open data"
    ]


@pytest.mark.parametrize(
    "colour",
    ["#999", "#999999", "#999999ff", "#999f", "rgb(153, 153, 153)", "rgb(153 153 153)", "rgba(153,153,153,1)",
     "hsl(0 0% 60%)", "DarkGray"],
)  # fmt: skip
def test_a_colour_is_read_in_each_way_css_writes_it(colour: str) -> None:
    (first, *_) = said(f":root {{ --verantwoord-color-link: {colour}; }}")
    assert first.startswith(
        f"thema/thema.css, regel 1: {LINKS}: de kleur {colour} op #ffffff heeft een contrast van 2,"
    ), first


def test_a_translucent_colour_is_blended_over_its_background() -> None:
    # Black at 30% over white is #b3b3b3: 2,10:1.
    assert "de kleur rgba(0,0,0,.3) op #ffffff heeft een contrast van 2,10:1" in said("a { color: rgba(0,0,0,.3) }")[0]
    assert said("body { background: #0000000d }") == []  # black at 5% over white is #f2f2f2
    # Black at half over white is #808080, on which our text has 4,34:1.
    assert ": de kleur #1a1a1a op #00000080 heeft een contrast van 4,34:1" in said("body { background: #00000080 }")[0]


def test_a_custom_property_is_followed_to_the_line_its_colour_is_written_on() -> None:
    css = ".verantwoord-theme {\n  --huisstijl-grijs: #aaa;\n  --utrecht-link-color: var(--huisstijl-grijs);\n}\n"
    assert said(css)[0].startswith(
        "thema/thema.css, regel 2: de links, de bezochte links, een link onder de muis: de kleur #aaa op"
    )
    assert said("a { color: var(--nergens, #aaa) }")[0].startswith("thema/thema.css, regel 1: de links")


def test_a_light_header_colour_is_said_with_a_darker_shade_of_it() -> None:
    """White on the municipality's orange: 3,22:1 in the header."""
    assert said(".verantwoord-theme { --verantwoord-color-accent: #e17000; }") == [
        "thema/thema.css, regel 1: de tekst in de kop van de pagina, de links in de kop, de zoekknop op de pagina "
        "boven de documenten: de kleur #ffffff op #e17000 heeft een contrast van 3,22:1, te weinig: WCAG 2.1 AA vraagt "
        "minstens 4,5:1 voor tekst. Hint: kies voor #e17000 een donkerdere tint, zoals #ba5d00, of zet in het thema "
        "ook --verantwoord-color-accent-contrast op een kleur die op #e17000 te lezen is, zoals #292929.",
        # The chart's line is the accent too, but a line needs 3:1 (1.4.11), which 3,22:1 is.
    ]


def test_lines_need_three_to_one_and_large_headings_too() -> None:
    assert said(".chart-line { stroke: #8ab; }") == [
        "thema/thema.css, regel 1: de lijn van de grafieken: de kleur #8ab op #ffffff heeft een contrast van 2,46:1, "
        "te weinig: WCAG 2.1 AA vraagt minstens 3:1 voor lijnen en randen die de lezer moet zien. Hint: kies voor #8ab "
        "een donkerdere tint, zoals #7b99a9."
    ]
    assert said(":focus-visible { outline: 2px solid #ccc; }")[0].startswith(
        "thema/thema.css, regel 1: de focusrand (om een link of knop die het toetsenbord kiest): de kleur #ccc op "
        "#ffffff heeft een contrast van 1,60:1"
    )
    # #888 has 3,54:1: enough for h1 to h3 (bold, 19 px and up), not for h4.
    assert [message.split(":")[1] for message in said("h1, h2, h3, h4 { color: #888 }")] == [" de kleinste koppen"]


def test_a_dark_page_is_said_where_our_colours_stand_on_it() -> None:
    messages = said("body {\n  background: #222;\n  color: #eee;\n}")
    assert not any(": de tekst," in message for message in messages)  # #eee on #222 passes
    links = next(message for message in messages if ": de links," in message)
    assert links == (
        "thema/thema.css, regel 2: de links, de bezochte links, een link onder de muis: de kleur #0b4f6c op #222 "
        "heeft een contrast van 1,77:1, te weinig: WCAG 2.1 AA vraagt minstens 4,5:1 voor tekst. Hint: kies voor #222 "
        "een lichtere tint, zoals #b8b8b8, of zet in het thema ook --utrecht-link-color op een kleur die op #222 te "
        "lezen is, zoals #638fa1."
    )


def test_what_a_browser_would_not_apply_or_cannot_be_known_is_not_said() -> None:
    # html {} loses to our .verantwoord-theme {} on the same element; :root wins as it comes later.
    assert said("html { --verantwoord-color-link: #999; }") == []
    assert said(":root { --verantwoord-color-link: #999; }") != []
    assert said("@media (min-width: 40rem) { body { color: #999; } }") == []
    assert said("@media print { body { color: #999; } }") == []
    assert said("@media (prefers-color-scheme: light) { body { color: #999; } }") == []
    assert said("a { color: var(--nergens) }") == []
    assert said(".site-footer { background: url(patroon.png) #000; }") == []
    assert said(".chart-line { stroke: lab(80% 0 0); }") == []
    assert said("a { color: color-mix(in srgb, white, gray); }") == []
    assert said("a { color: color(); } body { background: color( ) }") == []  # was a ValueError from tinycss2
    assert said("th { background: #000; }") == []  # ours for .utrecht-table__header-cell is more specific
    assert said("a { color: #999 !important; } a { color: #000; }") != []


def test_thema_kleur_on_a_theme_s_background_names_the_setting_and_the_line(make_project) -> None:
    project = make_project(
        config={"thema": {"map": "thema", "kleur": "#0b6e4f"}},
        extra_files={"thema/thema.css": b".verantwoord-theme {\n  --verantwoord-color-surface: #d6d6d6;\n}\n"},
    )
    (link,) = [str(p) for p in load_project(project.root).problems if "voettekst" in str(p)]
    assert link.startswith(
        "verantwoord.yaml, sleutel thema.kleur: de links in de voettekst, de links naar de open data: de kleur "
        "#0b6e4f op #d6d6d6 heeft een contrast van 4,30:1"
    ), link
    assert "(#d6d6d6 staat in thema/thema.css, regel 2)" in link


def test_check_and_build_say_a_theme_s_pale_links(make_project) -> None:
    project = make_project(
        config={"thema": {"map": "thema"}},
        extra_files={"thema/thema.css": b"/* Huisstijl */\na { color: #4fa3d1; }\n"},
    )
    result = CliRunner().invoke(main, ["check", str(project.root)])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert f"thema/thema.css, regel 2: {LINKS}: de kleur #4fa3d1 op #ffffff heeft een contrast van 2,80:1" in flat, flat
    assert "kies voor #4fa3d1 een donkerdere tint, zoals #" in flat
    assert CliRunner().invoke(main, ["check", "--strict", str(project.root)]).exit_code != 0
    result = CliRunner().invoke(main, ["build", str(project.root)])
    assert result.exit_code == 0, result.output
    assert "thema/thema.css, regel 2: de links" in " ".join(result.output.split())


def test_theme_contrast_failures_leaves_out_ours(tmp_path: Path) -> None:
    css = tmp_path / "thema" / "thema.css"
    css.parent.mkdir()
    css.write_text("a { text-decoration-thickness: 2px; }", encoding="utf-8")
    assert theme_contrast_failures(css, None, tmp_path) == []
    css.write_text("a { color: #aaa; }", encoding="utf-8")
    assert [str(f.location) for f in theme_contrast_failures(css, None, tmp_path)] == ["thema/thema.css, regel 1"] * 2


def test_a_theme_that_leaves_a_colour_to_what_lies_beneath_is_said_at_its_line() -> None:
    """`inherit` or `transparent` in the theme shows a colour of ours where it does not fit: the dark page text in
    the dark header, the white header text on the white page."""
    assert said("/* kop */\n.site-header { color: inherit; }") == [
        "thema/thema.css, regel 2: de tekst in de kop van de pagina, de links in de kop: de kleur #1a1a1a op #0b4f6c "
        "heeft een contrast van 1,94:1, te weinig: WCAG 2.1 AA vraagt minstens 4,5:1 voor tekst. Hint: kies voor "
        "#1a1a1a een lichtere tint, zoals #b8b8b8."
    ]
    assert said(".site-header {\n  background: transparent;\n}")[0].startswith(
        "thema/thema.css, regel 2: de tekst in de kop van de pagina, de links in de kop: de kleur #ffffff op #ffffff "
    )


def test_a_hostile_chain_of_custom_properties_is_left_out_not_a_crash_or_a_hang() -> None:
    """A thema.css is read by check and build: a var() chain deeper than Python's stack was a RecursionError with a
    traceback, and each var() of `--b: var(--a)var(--a)` doubled the work, so 40 such lines held check for ever."""
    deep = ":root {" + "".join(f"--v{i}: var(--v{i + 1});" for i in range(3000)) + "--v3000: #eee; }"
    nested = "p {} body { color: " + "var(--x, " * 3000 + "#eee" + ")" * 3000 + "; }"
    doubled = ":root {" + "".join(f"--d{i}: var(--d{i + 1})var(--d{i + 1});" for i in range(40)) + "--d40: ; }"
    outcome: list[list[str]] = []
    worker = threading.Thread(
        target=lambda: outcome.extend(
            said(css)
            for css in (
                deep + " body { color: var(--v0); }",
                nested,
                doubled + " body { color: var(--d0, #eee); }",
            )
        ),
        daemon=True,
    )
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive()
    assert outcome == [[], [], []]
    # A chain as deep as a real theme's is followed.
    chain = ":root {" + "".join(f"--c{i}: var(--c{i + 1});" for i in range(10)) + "--c10: #eee; }"
    chain += " a { color: var(--c0); }"
    assert any("de links" in message and "#eee" in message for message in said(chain))


def test_a_thema_css_that_cannot_be_read_is_an_error_at_the_file(make_project, monkeypatch) -> None:
    """Another user's file on a shared drive: check ended in 'onverwachte fout (PermissionError)', and build, which
    copies it, could not make the site either."""
    project = make_project(config={"thema": {"map": "thema"}}, extra_files={"thema/thema.css": b"a { color: #000; }"})
    css = project.root / "thema" / "thema.css"
    read_bytes = Path.read_bytes

    def refused(path: Path) -> bytes:
        if path == css:
            raise PermissionError(13, "Permission denied")
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refused)
    result = CliRunner().invoke(main, ["check", str(project.root)])
    assert result.exit_code == 1, result.output
    flat = " ".join(result.output.split())
    assert "thema/thema.css: het bestand kan niet worden gelezen: Permission denied." in flat, flat
    assert "onverwachte fout" not in flat


def test_a_themes_dark_mode_is_checked_as_the_page_a_reader_with_a_dark_setting_sees() -> None:
    """A dark background for readers whose system is set to dark, with our dark text left on it, was not checked:
    the rules in @media were skipped, and axe in the tests' browser sees the light page only."""
    dark = "@media (prefers-color-scheme: dark) {\n  body { background: #121212; }\n}"
    found = said(dark)
    assert found and all(text.startswith("thema/thema.css, regel 2: in de donkere weergave") for text in found)
    assert any("de tekst" in text and "#121212" in text for text in found)
    # A dark mode that sets its text and links too passes; so does the same after `screen and`.
    whole = (
        "@media screen and (prefers-color-scheme: dark) { body { background: #121212; color: #eee; }"
        " :root { --verantwoord-color-link: #8cc8ff; --verantwoord-color-muted: #bbb; --utrecht-link-color: #8cc8ff; }"
        " }"
    )
    assert [text for text in said(whole) if ") de tekst:" in text or ") de links, de bezochte" in text] == []
    # The footer keeps our light grey unless the dark mode sets it: its light links are said there.
    assert any(") de links in de voettekst" in text and "#f3f3f3" in text for text in said(whole))


def test_a_failure_of_the_light_page_is_not_said_again_for_the_dark_one() -> None:
    light = said("a { color: #999; }")
    assert len(light) == 2  # on the page and on the light grey of the footer and the open data
    assert said("a { color: #999; } @media (prefers-color-scheme: dark) { h1 { color: #333; } }") == light


def test_rules_for_every_screen_are_rules_of_the_page() -> None:
    assert said("@media screen { a { color: #999; } }") == said("a { color: #999; }") != []
    assert said("@media all { a { color: #999; } }") != []
