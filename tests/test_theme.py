"""The look of the site (`thema`) and the search (`zoeken`): colour with enough contrast, logo, templates, CSS."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.build.test_pdf import _budget_table, flat, pdftotext
from tests.conftest import TEXTS, TestProject, tree_bytes
from verantwoord import InvalidProject, build_project, load_project
from verantwoord.build.paths import pdf_name
from verantwoord.build.site import Theme
from verantwoord.cli import main
from verantwoord.config import contrast_with_white
from verantwoord.errors import BuildFailed, Severity, VerantwoordError

SECTION_PAGE = "4-bestuur-en-dienstverlening/4-1-dienstverlening/index.html"
LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18"/></svg>'


def line_of(project: TestProject, text: str) -> int:
    """The 1-based line of verantwoord.yaml that contains `text`."""
    lines = project.config_path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def pages(project: TestProject) -> list[Path]:
    return sorted(project.output.rglob("index.html"))


# Colour


def test_contrast_with_white() -> None:
    assert contrast_with_white("#ffffff") == pytest.approx(1)
    assert contrast_with_white("#000000") == pytest.approx(21)
    assert contrast_with_white("#154273") > 4.5  # Rijkshuisstijl blue
    assert contrast_with_white("#767676") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes AA


def test_colour_with_too_little_contrast_is_an_error(make_project) -> None:
    project = make_project(config={"thema": {"kleur": "#ffcc00"}})
    with pytest.raises(InvalidProject) as raised:
        build_project(project.root)
    [problem] = raised.value.problems
    message = str(problem)
    line = line_of(project, "kleur:")
    assert message.startswith(f"verantwoord.yaml, regel {line}: 'thema.kleur' heeft te weinig contrast (")
    assert 1.5 < contrast_with_white("#ffcc00") < 1.7
    assert "(1,36:1)" in message, message  # the lower of white (1,51) and the grey surface (1,36)
    assert "'#ffcc00'" in message
    assert "4,5:1" in message
    assert not project.output.exists()


def _contrast_message(make_project, colour: str) -> str:
    project = make_project(config={"thema": {"kleur": colour}})
    with pytest.raises(InvalidProject) as raised:
        build_project(project.root)
    [problem] = raised.value.problems
    return str(problem)


def test_contrast_ratio_is_written_in_dutch_notation(make_project) -> None:
    # The same message asks for "minstens 4,5:1"; the ratio found is a Dutch number too.
    message = _contrast_message(make_project, "#ffcc00")
    assert "(1,36:1)" in message, message


def test_ratio_just_below_the_minimum_is_not_shown_as_the_minimum(make_project) -> None:
    # #777777 has 4.48:1: too little, so the message must not say it has the 4,5:1 it asks for.
    assert contrast_with_white("#777777") < 4.5
    message = _contrast_message(make_project, "#777777")
    shown = re.search(r"contrast \((\d+[.,]\d+):1\)", message)
    assert shown, message
    assert float(shown.group(1).replace(",", ".")) < 4.5, message


def test_good_colour_is_written_into_the_settings_and_linked(make_project) -> None:
    project = make_project(config={"thema": {"kleur": "#154273"}})
    build_project(project.root, strict=True)
    settings = (project.output / "assets" / "instellingen.css").read_text(encoding="utf-8")
    assert "--verantwoord-color-accent: #154273;" in settings
    assert "--verantwoord-color-link: #154273;" in settings
    for page in pages(project):
        root = "../" * (len(page.relative_to(project.output).parts) - 1)
        html = page.read_text(encoding="utf-8")
        assert f'<link rel="stylesheet" href="{root}assets/instellingen.css">' in html, page
        assert html.index("assets/verantwoord.css") < html.index("assets/instellingen.css"), page


def test_without_theme_there_are_no_theme_files_or_links(make_project) -> None:
    project = make_project()
    build_project(project.root, strict=True)
    assets = sorted(p.name for p in (project.output / "assets").iterdir())
    assert assets == ["search.js", "tables.js", "verantwoord.css"]
    html = (project.output / "index.html").read_text(encoding="utf-8")
    assert "instellingen.css" not in html and "thema.css" not in html and "site-logo" not in html


def test_font_is_written_into_the_settings(make_project) -> None:
    project = make_project(config={"thema": {"lettertype": "'Source Sans Pro', Arial, sans-serif"}})
    build_project(project.root, strict=True)
    settings = (project.output / "assets" / "instellingen.css").read_text(encoding="utf-8")
    assert "--utrecht-document-font-family: 'Source Sans Pro', Arial, sans-serif;" in settings


# Logo


def test_logo_is_copied_and_shown_as_decoration(make_project) -> None:
    project = make_project(config={"thema": {"logo": "beeld/Logo.SVG"}}, extra_files={"beeld/Logo.SVG": LOGO})
    build_project(project.root, strict=True)
    assert (project.output / "assets" / "logo.svg").read_bytes() == LOGO
    for page in pages(project):
        root = "../" * (len(page.relative_to(project.output).parts) - 1)
        html = page.read_text(encoding="utf-8")
        assert f'<img class="site-logo" src="{root}assets/logo.svg" alt="">' in html, page


# Template folder


HOME = """{% extends "base.html" %}
{% block main %}
<h1>Eigen voorpagina van {{ document.organisation }}</h1>
{% endblock %}
"""


@pytest.fixture
def themed(make_project) -> TestProject:
    project = make_project(
        config={"thema": {"map": "huisstijl"}},
        extra_files={
            "huisstijl/home.html": HOME.encode(),
            "huisstijl/thema.css": b".site-header { background: #154273; }\n",
        },
    )
    build_project(project.root, strict=True)
    return project


def test_template_in_theme_folder_replaces_ours(themed: TestProject) -> None:
    html = (themed.output / "index.html").read_text(encoding="utf-8")
    assert "<h1>Eigen voorpagina van Gemeente Amersfoort</h1>" in html
    assert 'class="toc"' not in html  # our home page's table of contents is gone
    assert '<footer class="site-footer">' in html  # but it still extends our base


def test_templates_not_in_theme_folder_stay_ours(themed: TestProject) -> None:
    html = (themed.output / SECTION_PAGE).read_text(encoding="utf-8")
    assert "<h1>4.1 Dienstverlening</h1>" in html
    assert "Eigen voorpagina" not in html


def test_theme_css_is_copied_and_linked_after_ours(themed: TestProject) -> None:
    assert (themed.output / "assets" / "thema.css").read_text() == ".site-header { background: #154273; }\n"
    for page in pages(themed):
        root = "../" * (len(page.relative_to(themed.output).parts) - 1)
        html = page.read_text(encoding="utf-8")
        ours = html.index(f'<link rel="stylesheet" href="{root}assets/verantwoord.css">')
        theirs = html.index(f'<link rel="stylesheet" href="{root}assets/thema.css">')
        assert ours < theirs, page


def test_the_files_thema_css_loads_are_published_beside_it(make_project) -> None:
    """A font that thema.css loads from the theme's folder (as the docs of thema.lettertype say to) was not
    published: the page asked for assets/fonts/bron.woff2 and fell back to another font without a word."""
    project = make_project(
        config={"thema": {"map": "huisstijl"}},
        extra_files={
            "huisstijl/thema.css": b'@font-face { font-family: Bron; src: url("fonts/bron.woff2") format("woff2"); }\n',
            "huisstijl/fonts/bron.woff2": b"wOF2 font",
            "huisstijl/beeld/kaart.png": b"\x89PNG",
            "huisstijl/home.html": HOME.encode(),
            "huisstijl/.git/config": b"[core]",
            "huisstijl/bron/thema.scss": b"$kleur: #154273;",
            "huisstijl/notities.md": b"Alleen voor ons.",
            "huisstijl/mockup.html": b"<script>const o = {#x: 1};</script>",  # no template of ours: not compiled
        },
    )
    build_project(project.root, strict=True)
    assets = project.output / "assets"
    assert (assets / "fonts" / "bron.woff2").read_bytes() == b"wOF2 font"
    assert (assets / "beeld" / "kaart.png").read_bytes() == b"\x89PNG"
    published = {path.relative_to(assets).as_posix() for path in assets.rglob("*") if path.is_file()}
    assert not {"home.html", "mockup.html", ".git/config", "bron/thema.scss", "notities.md"} & published


def test_the_project_folder_as_theme_folder_is_refused(make_project) -> None:
    """With `thema: {map: .}` the export, metingen.yaml and the previous site were published as the theme's files."""
    project = make_project(config={"thema": {"map": "."}})
    with pytest.raises(InvalidProject) as failure:
        load_project(project.root)
    assert [p.message for p in failure.value.problems] == [
        "'thema.map' bevat de uitvoermap (zoals de projectmap zelf): het thema hoort in een eigen map."
    ]


def test_theme_folder_must_exist(make_project) -> None:
    project = make_project(config={"thema": {"map": "bestaat-niet"}})
    with pytest.raises(InvalidProject) as raised:
        build_project(project.root)
    [problem] = raised.value.problems
    assert str(problem).startswith(f"verantwoord.yaml, regel {line_of(project, 'map:')}: 'thema.map' is geen map")


# Search


def test_search_is_on_by_default(make_project) -> None:
    project = make_project()
    build_project(project.root, strict=True)
    assert (project.output / "zoeken" / "index.html").is_file()
    assert (project.output / "pagefind").is_dir()
    assert 'class="site-search"' in (project.output / "index.html").read_text(encoding="utf-8")


def test_search_off_leaves_out_page_link_and_index(make_project) -> None:
    project = make_project(config={"zoeken": "nee"})
    result = build_project(project.root, strict=True)
    assert not (project.output / "zoeken").exists()
    assert not (project.output / "pagefind").exists()
    assert "zoeken/index.html" not in [str(page) for page in result.pages]
    for page in pages(project):
        html = page.read_text(encoding="utf-8")
        assert 'class="site-search"' not in html, page
        assert not re.search(r'href="[./]*zoeken/"', html), page
        assert "pagefind/" not in html, page


def test_a_colour_that_passes_on_white_but_not_on_the_grey_surface_is_refused(make_project) -> None:
    # #767676 has 4.54:1 on white but 4.09:1 on the footer's grey, where links also stand.
    message = _contrast_message(make_project, "#767676")
    assert "(4,09:1)" in message, message


@pytest.mark.parametrize(
    ("template", "line", "message"),
    [
        (
            '{% extends "base.html" %}\n{% block main %}\n<p>{{ nosuch }}</p>\n{% endblock %}\n',
            3,
            "naam 'nosuch' bestaat",
        ),
        # Jinja's English "'verantwoord.model.Document object' has no attribute 'titel'", in Dutch with the nearest.
        (
            '{% extends "base.html" %}\n{% block main %}\n<h1>{{ document.titel }}</h1>\n{% endblock %}\n',
            3,
            ": een Document heeft geen 'titel' (bedoelt u 'title'?). Hint:",
        ),
        ('{% extends "base.html" %}\n{% block main %}\n{{ assets.logoo }}\n{% endblock %}\n', 3, "geen 'logoo'. Hint"),
        # What is not there on this page (the last page's next one) was "een NoneType heeft geen 'title'".
        (
            '{% extends "base.html" %}\n{% block main %}\n{{ next.title }}\n{% endblock %}\n',
            3,
            ": hier is geen waarde (None), dus ook geen 'title': kijk eerst met {% if %} of hij er is. Hint",
        ),
        ('{% extends "base.html" %}\n{% block main %}\n{{ "Paragraaf " + 4 }}\n{% endblock %}\n', 3, "concatenate"),
        # In our code, called from the theme's template: a traceback, as if verantwoord had a bug.
        ('{% extends "base.html" %}\n{% block main %}\n<h1>{{ t("zoekn") }}</h1>\n{% endblock %}\n', 3, "naam 'zoekn'"),
        ('{% extends "base.html" %}\n{% block main %}\n{{ markdown(page.section) }}\n{% endblock %}\n', 3, "iterable"),
        # In our template, which the theme's includes without what it needs: the theme's line, and ours beside it.
        ('{% extends "base.html" %}\n{% block main %}\n{% include "indicators.html" %}\n{% endblock %}\n', 3, "(in "),
    ],
    ids=["undefined", "attribute", "key", "none", "runtime", "translation", "helper", "include"],
)
def test_an_error_in_a_themes_template_names_its_file_and_line_and_keeps_the_site(
    make_project, template: str, line: int, message: str
) -> None:
    project = make_project(config={"thema": {"map": "huisstijl"}}, extra_files={"huisstijl/thema.css": b""})
    build_project(project.root)
    before = tree_bytes(project.output)
    (project.root / "huisstijl" / "section.html").write_text(template, encoding="utf-8")

    with pytest.raises(VerantwoordError) as failure:
        build_project(project.root)

    assert str(failure.value).startswith(f"huisstijl/section.html, regel {line}")
    assert message in str(failure.value)
    assert tree_bytes(project.output) == before


def test_a_themes_template_outside_the_project_is_named_as_the_setting_names_its_folder(make_project) -> None:
    """As the error of a template that does not compile (`check`), and the theme's other problems."""
    project = make_project(config={"thema": {"map": "../gedeeld"}})
    shared = project.root.parent / "gedeeld"
    shared.mkdir()
    (shared / "section.html").write_text('{% extends "base.html" %}\n{% block main %}{{ nosuch }}{% endblock %}')
    with pytest.raises(VerantwoordError, match=r"^\.\./gedeeld/section\.html, regel 2: dit sjabloon geeft een fout"):
        build_project(project.root)


def test_a_template_of_ours_is_named_in_full_not_as_a_way_up_from_the_project(tmp_path: Path) -> None:
    """A fault in one of our templates (no theme's frame) was named '../../usr/lib/…/templates/base.html'."""
    ours = BASE.parent / "base.html"
    theme = Theme(folder=tmp_path / "project" / "thema", project=tmp_path / "project")
    assert theme.named(ours) == str(ours)
    assert theme.named(tmp_path / "project" / "thema" / "print.html") == "thema/print.html"
    shared = Theme(folder=tmp_path / "gedeeld", project=tmp_path / "project")
    assert shared.named(tmp_path / "gedeeld" / "print.html") == "../gedeeld/print.html"


def test_a_themes_template_that_is_not_utf8_is_named(make_project) -> None:
    """An editor that saves in Windows-1252 ended the build in a UnicodeDecodeError from Jinja's loader."""
    project = make_project(config={"thema": {"map": "huisstijl"}}, extra_files={"huisstijl/thema.css": b""})
    template = b'{% extends "base.html" %}{% block main %}caf\xe9{% endblock %}'
    (project.root / "huisstijl" / "section.html").write_bytes(template)

    with pytest.raises(InvalidProject) as failure:
        build_project(project.root)

    assert [str(p) for p in failure.value.problems] == [
        "huisstijl/section.html: dit sjabloon van het thema geeft een fout: dit sjabloon is geen UTF-8. Hint: sla het "
        "op als UTF-8, of haal het weg: dan gebruikt verantwoord zijn eigen."
    ]


def test_check_compiles_the_themes_templates(make_project) -> None:
    """`check` said "In orde" for a template with a syntax error, which `build` then refused."""
    project = make_project(config={"thema": {"map": "huisstijl"}}, extra_files={"huisstijl/thema.css": b""})
    build_project(project.root)
    before = tree_bytes(project.output)
    template = '{% extends "base.html" %}\n{% block main %}{% if %}{% endblock %}\n'
    (project.root / "huisstijl" / "section.html").write_text(template, encoding="utf-8")

    with pytest.raises(InvalidProject) as failure:
        load_project(project.root)

    assert [str(p) for p in failure.value.problems] == [
        "huisstijl/section.html, regel 2: dit sjabloon van het thema geeft een fout: hier hoort een naam, waarde of "
        "voorwaarde, maar er staat %} (Jinja: Expected an expression, got 'end of statement block'). Hint: verbeter "
        "het sjabloon, of haal het weg: dan gebruikt verantwoord zijn eigen."
    ]
    with pytest.raises(InvalidProject):
        build_project(project.root)
    assert tree_bytes(project.output) == before


def test_a_template_a_theme_names_that_is_not_there_is_said_with_its_file_and_line(make_project) -> None:
    """Its message was the name alone: 'section.html, regel 1: dit sjabloon geeft een fout: basis.html.' A syntax error
    in a part the theme's template includes is said in Dutch too."""
    project = make_project(config={"thema": {"map": "huisstijl"}}, extra_files={"huisstijl/thema.css": b""})
    (project.root / "huisstijl" / "section.html").write_text('{% extends "basis.html" %}\n', encoding="utf-8")
    with pytest.raises(VerantwoordError) as failure:
        build_project(project.root)
    assert str(failure.value).startswith(
        "huisstijl/section.html, regel 1: dit sjabloon geeft een fout: het sjabloon "
        "'basis.html' bestaat niet (bedoelt u 'base.html'?)."
    )

    (project.root / "huisstijl" / "section.html").write_text(
        '{% extends "base.html" %}\n{% block main %}{% include "kop.html" %}{% endblock %}\n', encoding="utf-8"
    )
    (project.root / "huisstijl" / "kop.html").write_text("<h1>\n{{ page.title }</h1>\n", encoding="utf-8")
    with pytest.raises(VerantwoordError) as failure:
        build_project(project.root)
    assert str(failure.value).startswith(
        "huisstijl/kop.html, regel 2: dit sjabloon geeft een fout: een losse }: sluit af met "
        "}} of %} (Jinja: unexpected '}')."
    )


def test_check_renders_the_themes_templates(make_project) -> None:
    """A template that compiles but asks for what is not there fails only when rendered: `check` said "In orde" to
    it, and `build` then refused it."""
    project = make_project(config={"thema": {"map": "huisstijl"}}, extra_files={"huisstijl/thema.css": b""})
    template = '{% extends "base.html" %}\n{% block main %}\n<h1>{{ page.section.titel }}</h1>\n{% endblock %}\n'
    (project.root / "huisstijl" / "section.html").write_text(template, encoding="utf-8")

    result = CliRunner().invoke(main, ["check", str(project.root)])

    assert result.exit_code != 0
    assert " ".join(result.stderr.split()).startswith(
        "Fout: huisstijl/section.html, regel 3: dit sjabloon geeft een fout: een Section heeft "
        "geen 'titel' (bedoelt u 'title'?)."
    )
    assert "In orde" not in result.output


def test_a_macro_a_themes_template_imports_by_a_name_it_does_not_have_is_said_in_dutch(make_project) -> None:
    """A copy of home.html that imports a macro of ours by another name: check said "the template 'macros.html'
    (imported on line 2) does not export the requested name 'open_data'", English in the middle of a Dutch line."""
    template = (
        '{% extends "base.html" %}\n{% from "macros.html" import open_data %}\n{% block main %}\n'
        "{{ open_data(root) }}\n{% endblock %}\n"
    )
    project = make_project(config={"thema": {"map": "t"}}, extra_files={"t/home.html": template.encode()})

    result = CliRunner().invoke(main, ["check", str(project.root)])

    assert result.exit_code != 0
    assert " ".join(result.stderr.split()).startswith(
        "Fout: t/home.html, regel 4: dit sjabloon geeft een fout: 'macros.html' heeft geen "
        "macro of naam 'open_data' (ingelezen op regel 2): kijk in dat sjabloon hoe hij nu heet (Jinja: "
    )


TWO_DOCUMENTS = {
    "document": {"organisatie": "Gemeente Amersfoort"},
    "documenten": [
        {"map": "jaarverslag-2020", "document": {"soort": "jaarverslag", "jaar": 2020}},
        {"map": "begroting-2021", "document": {"soort": "begroting", "jaar": 2021}},
    ],
}


@pytest.mark.parametrize(
    ("name", "block", "said"),
    [
        ("print.html", "cover_title", "een Document heeft geen 'titel' (bedoelt u 'title'?)"),
        ("print.html", "section", "een Document heeft geen 'titel' (bedoelt u 'title'?)"),
        ("portal.html", "site_name", "de naam 'document' bestaat niet"),
    ],
)
def test_check_renders_the_themes_print_and_portal(make_project, name: str, block: str, said: str) -> None:
    """`check` rendered the pages of each document, but not the portal nor the PDF's HTML: an error there was found
    only by `build`, or by `build --pdf` for a project that makes no PDF every time."""
    template = f'{{% extends "verantwoord/{name}" %}}\n{{% block {block} %}}\n<p>{{{{ document.titel }}}}</p>\n'
    project = make_project(
        config={**TWO_DOCUMENTS, "thema": {"map": "huisstijl"}},
        config_replace=True,
        extra_files={f"huisstijl/{name}": (template + "{% endblock %}\n").encode()},
    )

    result = CliRunner().invoke(main, ["check", str(project.root)])

    assert result.exit_code != 0
    assert " ".join(result.stderr.split()).startswith(
        f"Fout: huisstijl/{name}, regel 3: dit sjabloon geeft een fout: {said}."
    )
    assert "In orde" not in result.output
    assert not project.output.exists()


OUR_PRINT = Path(__file__).resolve().parents[1] / "src" / "verantwoord" / "build" / "templates" / "print.html"
CONTINUED = "{% if not opens %}\n<p>{{ chapter.titel }} (vervolg)</p>\n{% endif %}\n"


@pytest.mark.parametrize(
    ("name", "template", "texts", "line"),
    [
        (  # the running headers: not rendered by check at all
            "print-margins.html",
            "<!DOCTYPE html>\n<html><body>\n{% for number, chapter in sheets %}<p{% if loop.index0 in turned %} "
            'class="wide"{% endif %}>{{ number.titel }}</p>{% endfor %}\n',
            {},
            3,
        ),
        (  # a chapter that goes on in the next part: check rendered the first part only
            "print.html",
            OUR_PRINT.read_text(encoding="utf-8").replace('<section class="print-chapter">\n', CONTINUED, 1),
            {f"4.{n}.md": f"# Paragraaf {n}\n\nTekst.\n" for n in range(1, 12)},
            None,
        ),
        (  # a chapter in a later part, without sections
            "print.html",
            '{% extends "verantwoord/print.html" %}\n{% block chapter %}\n<h1>{{ chapter.sections[0].title }}</h1>\n'
            "{% endblock %}\n",
            {**{f"4.{n}.md": f"# Paragraaf {n}\n\nTekst.\n" for n in range(1, 11)}, "5.md": "# Veiligheid\n\nTekst.\n"},
            3,
        ),
    ],
)
def test_check_renders_every_kind_of_piece_of_the_themes_pdf(
    make_project, name: str, template: str, texts: dict[str, str], line: int | None
) -> None:
    """`check` rendered the cover and the first part of the PDF's HTML only: a theme's print.html that failed in a
    later part, and any print-margins.html, were found only by `build --pdf`, on deadline day."""
    project = make_project(
        texts=dict(TEXTS, **texts), config={"thema": {"map": "t"}}, extra_files={f"t/{name}": template.encode()}
    )
    if line is None:
        line = template.splitlines().index("<p>{{ chapter.titel }} (vervolg)</p>") + 1

    result = CliRunner().invoke(main, ["check", str(project.root)])

    assert result.exit_code != 0
    assert " ".join(result.stderr.split()).startswith(f"Fout: t/{name}, regel {line}: dit sjabloon geeft een fout:")
    assert "In orde" not in result.output


def test_an_error_in_a_themes_portal_names_its_file_and_line_and_keeps_the_site(make_project) -> None:
    """It was an 'onverwachte fout in verantwoord' with Jinja's traceback."""
    project = make_project(config={**TWO_DOCUMENTS, "thema": {"map": "huisstijl"}}, config_replace=True)
    (project.root / "huisstijl").mkdir()
    build_project(project.root)
    before = tree_bytes(project.output)
    (project.root / "huisstijl" / "portal.html").write_text("<h1>\n{{ organisatie }}</h1>\n", encoding="utf-8")

    with pytest.raises(VerantwoordError) as failure:
        build_project(project.root)

    assert str(failure.value).startswith(
        "huisstijl/portal.html, regel 2: dit sjabloon geeft een fout: de naam 'organisatie' bestaat niet."
    )
    assert tree_bytes(project.output) == before


@pytest.mark.parametrize(
    ("name", "data"),
    [("logo.png", b"<html>not an image</html>"), ("logo.jpg", b"\x89PNG\r\n\x1a\n..."), ("logo.svg", b"%PDF-1.7")],
)
def test_a_logo_that_is_not_the_image_its_name_says_is_refused(make_project, name: str, data: bytes) -> None:
    """A renamed or broken file was accepted, and every page showed a broken image in its header."""
    project = make_project(config={"thema": {"logo": name}}, extra_files={name: data})
    with pytest.raises(InvalidProject) as failure:
        build_project(project.root)
    kind = name.rsplit(".", 1)[1].upper()
    assert f"'thema.logo' is geen {kind}-afbeelding: de inhoud past niet bij de extensie." in str(
        failure.value.problems[0]
    )


@pytest.mark.parametrize(
    "script",
    [
        b"<script>alert(document.cookie)</script>",
        b'<rect width="1" height="1" ONLOAD="alert(1)"/>',
        b'<a xlink:href="javascript:alert(1)"><text>x</text></a>',
        b"<foreignObject><iframe src='https://example.org'></iframe></foreignObject>",
    ],
)
def test_an_svg_logo_with_a_script_is_refused(make_project, script: bytes) -> None:
    """The logo is published as assets/logo.svg on the municipality's own domain: one with a script ran it, with
    the site's cookies and storage, for anyone sent to its address. The header's <img> runs none, so the logo looked
    fine."""
    svg = LOGO.replace(b"</svg>", script + b"</svg>")
    project = make_project(config={"thema": {"logo": "logo.svg"}}, extra_files={"logo.svg": svg})
    with pytest.raises(InvalidProject) as failure:
        build_project(project.root)
    assert "'thema.logo' bevat een script" in str(failure.value.problems[0])


@pytest.mark.parametrize(
    "svg",
    [
        # A script element with a namespace prefix is a script all the same.
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script>'
        b"</svg>",
        # A character reference, or a tab a browser drops from an address, in javascript:.
        LOGO.replace(b"</svg>", b'<a href="&#106;avascript:alert(1)"><text>x</text></a></svg>'),
        LOGO.replace(b"</svg>", b'<a href="java&#9;script:alert(1)"><text>x</text></a></svg>'),
        # An entity the document declares, which the browser puts in its place.
        b'<!DOCTYPE svg [<!ENTITY s "&#60;script&#62;alert(1)&#60;/script&#62;">]>\n'
        + LOGO.replace(b"</svg>", b"&s;</svg>"),
        # A stylesheet that turns the logo into a web page of its own.
        b'<?xml-stylesheet type="text/xsl" href="data:text/xml,x"?>\n' + LOGO,
    ],
    ids=["prefix", "reference", "tab", "entity", "xslt"],
)
def test_an_svg_logo_whose_script_is_written_otherwise_is_refused(make_project, svg: bytes) -> None:
    """The script was looked for in the file's bytes as written: written otherwise, it was published and ran."""
    project = make_project(config={"thema": {"logo": "logo.svg"}}, extra_files={"logo.svg": svg})
    with pytest.raises(InvalidProject) as failure:
        load_project(project.root)
    assert "'thema.logo' bevat een script" in str(failure.value.problems[0])


def test_an_illustrator_logo_with_its_entities_and_a_text_online_is_fine(make_project) -> None:
    svg = (
        b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [\n<!ENTITY ns_svg "http://www.w3.org/2000/svg">\n]>\n'
        b'<svg xmlns="&ns_svg;" viewBox="0 0 90 20"><text x="0" y="15">Samen online = sterk</text></svg>'
    )
    project = make_project(config={"thema": {"logo": "logo.svg"}}, extra_files={"logo.svg": svg})
    assert load_project(project.root).problems == []


def test_a_logo_with_an_xml_declaration_and_a_comment_is_an_svg(make_project) -> None:
    svg = b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- Generator: Adobe Illustrator -->\n' + LOGO
    project = make_project(config={"thema": {"logo": "logo.svg"}}, extra_files={"logo.svg": svg})
    build_project(project.root)
    assert (project.output / "logo.svg").exists() or any(project.output.rglob("logo.svg"))


def test_a_themes_own_statement_is_no_missing_statement(make_project) -> None:
    """A theme whose statement.html is the organisation's statement, without tekst/toegankelijkheid.md, was told
    that the site showed verantwoord's draft with 'Concept' above it, which it did not; writing the file, as the
    hint said, was then a warning that the theme does not show it."""
    project = make_project(config={"thema": {"map": "thema"}}, statement=None)
    (project.root / "thema").mkdir()
    template = project.root / "thema" / "statement.html"
    template.write_text('{% extends "base.html" %}{% block main %}<h1>Verklaring</h1>{% endblock %}', "utf-8")
    assert load_project(project.root).problems == []
    build_project(project.root)
    assert "<h1>Verklaring</h1>" in (project.output / "toegankelijkheid" / "index.html").read_text(encoding="utf-8")
    # A statement.html that shows the written statement shows verantwoord's draft without the file: that is said.
    template.write_text(
        '{% extends "base.html" %}{% block main %}<h1>{{ document.statement.title }}</h1>{% endblock %}', "utf-8"
    )
    assert [p.message.split(":")[0] for p in load_project(project.root).problems] == [
        "er is geen toegankelijkheidsverklaring"
    ]


def test_a_themes_own_statement_that_leaves_out_the_written_one_is_a_warning(make_project) -> None:
    """A theme's statement.html, made before the statement could be written as a text, left tekst/toegankelijkheid.md
    off the site without a word; one that shows `document.statement` is what the theme is for."""
    project = make_project(config={"thema": {"map": "thema"}})
    project.texts["toegankelijkheid.md"] = "# Toegankelijkheidsverklaring\n\nVoldoet gedeeltelijk.\n"
    project.write()
    (project.root / "thema").mkdir()
    template = project.root / "thema" / "statement.html"
    template.write_text('{% extends "base.html" %}{% block main %}<h1>Verklaring</h1>{% endblock %}', "utf-8")
    assert [str(p) for p in load_project(project.root).problems] == [
        "thema/statement.html: dit sjabloon van het thema maakt de toegankelijkheidsverklaring en toont "
        "tekst/toegankelijkheid.md niet. Hint: toon hem in het sjabloon met {{ document.statement.title }} en "
        "{{ markdown(document.statement.text) | safe }}, of haal het sjabloon weg."
    ]
    template.write_text(
        '{% extends "base.html" %}{% block main %}<h1>{{ document.statement.title }}</h1>{% endblock %}', "utf-8"
    )
    assert load_project(project.root).problems == []


# Templates written against an older version of ours

BASE = Path(__file__).resolve().parents[1] / "src" / "verantwoord" / "build" / "templates" / "base.html"
TAGLINE = """{% extends "verantwoord/base.html" %}
{% block site_name %}
{{ super() }}
<p class="site-tagline">Samen werken aan de stad</p>
{% endblock %}
"""


def test_a_themes_base_can_extend_ours_and_change_a_block_only(make_project) -> None:
    """A theme had to copy the whole of base.html to add a line to the header, and the copy missed what ours gained
    later (breadcrumbs on more pages, the search's document name)."""
    project = make_project(config={"thema": {"map": "t"}}, extra_files={"t/base.html": TAGLINE.encode()})
    assert load_project(project.root).problems == []
    build_project(project.root, strict=True)
    html = (project.output / SECTION_PAGE).read_text(encoding="utf-8")
    assert '<p class="site-tagline">Samen werken aan de stad</p>\n</div>' in html
    assert '<p class="site-organisation">Gemeente Amersfoort</p>' in html  # super(): ours is still there
    assert '<nav class="breadcrumbs container"' in html
    assert '<a class="skip-link" href="#inhoud">' in html


def test_a_themes_print_html_can_extend_ours_and_change_a_block_only(make_project) -> None:
    """print.html had no blocks: a theme copied the whole of it to add a line to the cover, and the copy missed what
    ours gained later (the logo, the addresses on the website)."""
    template = """{% extends "verantwoord/print.html" %}
{% block cover_title %}
{{ super() }}
<p>Samen werken aan de stad</p>
{% endblock %}
{% block section %}
{{ super() }}
<p>Einde van paragraaf {{ section.number }} in {{ chapter.title }}</p>
{% endblock %}
"""
    project = make_project(
        config={"thema": {"map": "t"}, "website": {"adres": "https://www.amersfoort.nl/pc/"}},
        extra_files={"t/print.html": template.encode()},
    )
    assert load_project(project.root).problems == []
    built = build_project(project.root, strict=True, pdf=True)
    text = flat(pdftotext(built.output / pdf_name(built.project.document)))
    assert "Gemeente Amersfoort Jaarverslag 2020 Samen werken aan de stad" in text
    assert "Einde van paragraaf 4.1 in Bestuur en dienstverlening" in text
    assert "Op de website: https://www.amersfoort.nl/pc/4-bestuur-en-dienstverlening/4-1-dienstverlening/" in text


def test_a_themes_portal_html_can_extend_ours_and_change_a_block_only(make_project) -> None:
    """portal.html had no blocks: a theme copied the whole of it to add a link to its footer."""
    template = """{% extends "verantwoord/portal.html" %}
{% block document %}
{{ super() }}
<li class="eigen">{{ site.document.title }} in {{ site.folder }}</li>
{% endblock %}
{% block footer_links %}
{{ super() }}
<li><a href="https://www.voorbeeldstad.nl/privacy">Privacy</a></li>
{% endblock %}
"""
    documents = [
        {"map": "jaarverslag-2020", "document": {"soort": "jaarverslag", "jaar": 2020}},
        {"map": "begroting-2021", "document": {"soort": "begroting", "jaar": 2021}},
    ]
    project = make_project(
        config={"document": {"organisatie": "Gemeente Amersfoort"}, "documenten": documents, "thema": {"map": "t"}},
        config_replace=True,
        extra_files={"t/portal.html": template.encode()},
    )
    assert load_project(project.root).problems == []
    build_project(project.root, strict=True)
    html = (project.output / "index.html").read_text(encoding="utf-8")
    assert '<li class="eigen">Jaarverslag 2020 in jaarverslag-2020</li>' in html
    assert '<li class="eigen">Begroting 2021 in begroting-2021</li>' in html
    assert '<li><a href="https://www.voorbeeldstad.nl/privacy">Privacy</a></li>' in html
    assert '<form class="portal-search" role="search"' in html  # ours is still there


def test_a_copy_of_an_older_version_of_our_templates_is_told_what_it_misses(make_project) -> None:
    """A theme's base.html from before the search named the document, and a print.html from before the PDF named the
    pages' addresses, kept working without a word of what the site and the PDF then lack."""
    documents = [
        {"map": "jaarverslag-2020", "document": {"soort": "jaarverslag", "jaar": 2020}},
        {"map": "begroting-2021", "document": {"soort": "begroting", "jaar": 2021}},
    ]
    old_base = BASE.read_text(encoding="utf-8").replace(
        '{% if options.portal %} data-pagefind-meta="document"{% endif %}', ""
    )
    config = {
        "document": {"organisatie": "Gemeente Amersfoort"},
        "documenten": documents,
        "website": {"adres": "https://www.amersfoort.nl/pc/"},
        "thema": {"map": "t"},
    }
    project = make_project(
        config=config,
        config_replace=True,
        extra_files={
            "t/base.html": old_base.encode(),
            "t/print.html": b"<!DOCTYPE html>\n<html><body>{{ markdown(chapter.text, 2) | safe }}</body></html>\n",
        },
    )
    assert [str(p) for p in load_project(project.root).problems] == [
        "t/base.html: dit sjabloon van het thema mist wat het onze nu heeft: een zoekresultaat uit een ander "
        'document noemt niet uit welk document het komt. Hint: zet data-pagefind-meta="document" op de link met de '
        'titel van het document in de kop, zoals in ons base.html, of begin het met {% extends "verantwoord/base.html" '
        "%} en verander alleen blokken, of haal het weg: dan gebruikt verantwoord zijn eigen.",
        "t/print.html: dit sjabloon van het thema mist wat het onze nu heeft: de PDF noemt bij de hoofdstukken en "
        "paragrafen hun adres op de website niet ('Op de website: …'); een link in de tekst naar een andere paragraaf "
        "krijgt in de PDF haar nummer niet ('paragraaf 4.2'). Hint: neem de macro online en waar hij gebruikt wordt "
        'over; geef markdown() de pagina mee: markdown(section.text, 3, page=chapter.slug ~ "/" ~ section.slug ~ '
        '"/"), zoals in ons print.html, of begin het met {% extends "verantwoord/print.html" %} en verander alleen '
        "blokken, of haal het weg: dan gebruikt verantwoord zijn eigen.",
    ]
    # One that extends ours has what ours has.
    (project.root / "t" / "base.html").write_text(TAGLINE, encoding="utf-8")
    assert [str(p).split(":")[0] for p in load_project(project.root).problems] == ["t/print.html"]


def test_a_copy_of_an_older_base_and_home_is_told_what_they_miss(make_project) -> None:
    """A copy of base.html from before the search page and the statement had a title and breadcrumbs of their own,
    before the meta description and the export's fingerprint, and a home.html from before the years line, kept
    working without a word; so did a base.html without a language or skip link. Saved on Windows too."""
    ours = BASE.read_text(encoding="utf-8")
    old_base = ours
    for new, old in [
        ('<title>{% if page.template != "home" %}', "<title>{% if page.chapter %}"),
        ('{% include "meta.html" %}\n', ""),
        (
            '{% if page.template in ("chapter", "section", "statement", "search") or (page.template == "home" and '
            "options.portal) %}",
            "{% if page.chapter %}",
        ),
        ('<li><a href="{{ root }}../">{{ options.portal }}</a></li>\n', ""),
        ('{% if fingerprint %}\n<p class="fingerprint">{{ fingerprint }}</p>\n{% endif %}\n', ""),
        (' lang="{{ document.language }}"', ""),
        ('<a class="skip-link" href="#inhoud">{{ t(\'skip\') }}</a>\n', ""),
    ]:
        assert new in old_base, new
        old_base = old_base.replace(new, old)
    home = (BASE.parent / "home.html").read_text(encoding="utf-8")
    old_home = re.sub(r"\{# Which years.*?\{% endif %\}\n", "", home, flags=re.DOTALL)
    assert "coverage" not in old_home
    project = make_project(
        config={**TWO_DOCUMENTS, "thema": {"map": "t"}},
        config_replace=True,
        extra_files={
            "t/base.html": old_base.replace("\n", "\r\n").encode(),
            "t/home.html": old_home.encode(),
        },
    )

    told = {str(p).split(":")[0]: str(p) for p in load_project(project.root).problems}

    assert sorted(told) == ["t/base.html", "t/home.html"]
    for missing in [
        "de pagina's noemen hun taal niet (<html lang>)",
        "de pagina's hebben geen link 'Naar de inhoud'",
        "de zoekpagina en de toegankelijkheidsverklaring hebben dezelfde titel als de startpagina (WCAG 2.4.2)",
        "de zoekpagina en de toegankelijkheidsverklaring (en in een portaal de startpagina) hebben geen kruimelpad",
        "het kruimelpad begint niet bij de pagina met alle documenten",
        "de pagina's hebben geen beschrijving voor zoekmachines en gedeelde links (meta description, og:)",
        "de voettekst noemt de vingerafdruk (SHA-256) van de export niet",
    ]:
        assert missing in told["t/base.html"], missing
    assert told["t/base.html"].count("neem het blok breadcrumbs over") == 1
    assert told["t/home.html"] == (
        "t/home.html: dit sjabloon van het thema mist wat het onze nu heeft: de startpagina noemt niet welke jaren de "
        "tabellen tonen ('Cijfers: realisatie 2016–2020, streefcijfers 2020'). Hint: neem {% set coverage = "
        "coverage_text(document) %} en de alinea document-coverage over, zoals in ons home.html, of haal het weg: dan "
        "gebruikt verantwoord zijn eigen."
    )
    # A home page of its own, not a copy of ours, is left alone; ours are complete.
    (project.root / "t" / "home.html").write_text(HOME, encoding="utf-8")
    (project.root / "t" / "base.html").write_text(ours, encoding="utf-8")
    assert load_project(project.root).problems == []


def test_a_copy_of_search_html_from_before_the_document_filter_is_told(make_project) -> None:
    """A theme's search.html from before the search page offered to keep to one document searched all of them, and
    its reader could not choose one, without a word to the user."""
    ours = (BASE.parent / "search.html").read_text(encoding="utf-8")
    old = re.sub(r"{% if search_documents %}.*?{% endif %}\n", "", ours, count=1, flags=re.S)
    assert old != ours and "search_merged" in old
    documents = [
        {"map": "jaarverslag-2020", "document": {"soort": "jaarverslag", "jaar": 2020}},
        {"map": "begroting-2021", "document": {"soort": "begroting", "jaar": 2021}},
    ]
    config = {"document": {"organisatie": "Gemeente Amersfoort"}, "documenten": documents, "thema": {"map": "t"}}
    project = make_project(config=config, config_replace=True, extra_files={"t/search.html": old.encode()})
    assert [str(p) for p in load_project(project.root).problems] == [
        "t/search.html: dit sjabloon van het thema mist wat het onze nu heeft: een lezer kan de zoekresultaten niet "
        "tot één document beperken. Hint: neem het blok {% if search_documents %} over, met de alinea met class "
        "'search-unknown' en de fieldset met class 'search-documents', zoals in ons search.html, of haal het weg: dan "
        "gebruikt verantwoord zijn eigen."
    ]
    # The site is built, and searches every document as before.
    build_project(project.root)
    html = (project.output / "begroting-2021" / "zoeken" / "index.html").read_text(encoding="utf-8")
    assert 'data-bundles="../../jaarverslag-2020/pagefind/"' in html and "search-documents" not in html
    # A document on its own has no other documents to keep to.
    alone = make_project(config={"thema": {"map": "t"}}, extra_files={"t/search.html": old.encode()})
    assert load_project(alone.root).problems == []


def test_a_copy_of_search_html_from_before_the_unknown_document_and_the_counts_is_told(make_project) -> None:
    """A theme's search.html copied with the choice of document, before the search page said a link's unknown
    document ('document=jaarrekening-2022') and how many results each document has: its site searched all documents
    silently and gave one count, without a word to the user."""
    ours = (BASE.parent / "search.html").read_text(encoding="utf-8")
    without_counts = re.sub(r' data-none="[^>]*in_none\'\) }}"', "", ours, count=1)
    old = re.sub(r"{# A link naming .*?</p>\n", "", without_counts, count=1, flags=re.S)
    assert "search-documents" in old and "search_count" not in old and "search_unknown" not in old
    config = {**TWO_DOCUMENTS, "thema": {"map": "t"}}
    project = make_project(config=config, config_replace=True, extra_files={"t/search.html": old.encode()})
    assert [str(p) for p in load_project(project.root).problems] == [
        "t/search.html: dit sjabloon van het thema mist wat het onze nu heeft: een link naar de zoekpagina met een "
        "document dat de website niet heeft ('document=jaarrekening-2022') doorzoekt alle documenten zonder dat te "
        "zeggen; de zoekresultaten zeggen niet hoeveel er in elk document zijn ('Begroting 2024 (2 resultaten)'). "
        "Hint: neem de alinea met class 'search-unknown' over; neem data-none, data-one, data-many, data-in en "
        "data-in-none van de fieldset met class 'search-documents' over, zoals in ons search.html, of haal het weg: "
        "dan gebruikt verantwoord zijn eigen."
    ]
    # A copy made between the two lacks the counts alone.
    (project.root / "t" / "search.html").write_text(without_counts, encoding="utf-8")
    assert [str(p) for p in load_project(project.root).problems] == [
        "t/search.html: dit sjabloon van het thema mist wat het onze nu heeft: de zoekresultaten zeggen niet hoeveel "
        "er in elk document zijn ('Begroting 2024 (2 resultaten)'). Hint: neem data-none, data-one, data-many, "
        "data-in en data-in-none van de fieldset met class 'search-documents' over, zoals in ons search.html, of "
        "haal het weg: dan gebruikt verantwoord zijn eigen."
    ]
    # The site is built with the old copy, and its choice of document works as before.
    (project.root / "t" / "search.html").write_text(old, encoding="utf-8")
    build_project(project.root)
    html = (project.output / "begroting-2021" / "zoeken" / "index.html").read_text(encoding="utf-8")
    assert "search-documents" in html and "search-unknown" not in html
    # Ours is complete, and a document on its own has no other documents to count or to name.
    (project.root / "t" / "search.html").write_text(ours, encoding="utf-8")
    assert load_project(project.root).problems == []
    alone = make_project(config={"thema": {"map": "t"}}, extra_files={"t/search.html": old.encode()})
    assert load_project(alone.root).problems == []


def test_a_copy_of_portal_html_from_before_its_choice_of_document_is_told(make_project) -> None:
    """A theme's portal.html from before the portal's search offered a choice of document searched all of them, and
    its reader chose one only on the search page after, without a word to the user."""
    ours = (BASE.parent / "portal.html").read_text(encoding="utf-8")
    old = re.sub(r"{% if search_documents %}.*?{% else %}\n(.*?){% endif %}\n", r"\1", ours, count=1, flags=re.S)
    assert old != ours and "search_path" in old and "portal-search" in old
    project = make_project(
        config={**TWO_DOCUMENTS, "thema": {"map": "t"}},
        config_replace=True,
        extra_files={"t/portal.html": old.encode()},
    )
    assert [str(p) for p in load_project(project.root).problems] == [
        "t/portal.html: dit sjabloon van het thema mist wat het onze nu heeft: een lezer kan op de portaalpagina niet "
        "kiezen in welk document hij zoekt, alleen daarna op de zoekpagina. Hint: neem de keuzelijst met name "
        "'document' in het formulier met class 'portal-search' over, zoals in ons portal.html, of begin het met "
        '{% extends "verantwoord/portal.html" %} en verander alleen blokken, of haal het weg: dan gebruikt verantwoord '
        "zijn eigen."
    ]
    # The portal is built, with its box that searches every document as before.
    build_project(project.root)
    html = (project.output / "index.html").read_text(encoding="utf-8")
    assert 'name="q"' in html and 'name="document"' not in html
    # Without search there is no box to choose for.
    without = make_project(
        config={**TWO_DOCUMENTS, "zoeken": "nee", "thema": {"map": "t"}},
        config_replace=True,
        extra_files={"t/portal.html": old.encode()},
    )
    assert load_project(without.root).problems == []


def test_a_copy_of_indicator_html_from_before_explanations_named_sections_is_told(make_project) -> None:
    """A theme's indicator.html that renders the explanation without its page: in the PDF, 'zie [de kosten]
    (../4-2-financien/)' in an explanation read 'zie de kosten', without '(paragraaf 4.2)'."""
    ours = (BASE.parent / "indicator.html").read_text(encoding="utf-8")
    old = re.sub(r"page=\w+, ", "", ours)
    assert old != ours
    project = make_project(config={"thema": {"map": "t"}}, extra_files={"t/indicator.html": old.encode()})
    assert [str(p) for p in load_project(project.root).problems] == [
        "t/indicator.html: dit sjabloon van het thema mist wat het onze nu heeft: een link in de toelichting van een "
        "indicator naar een andere paragraaf krijgt in de PDF haar nummer niet ('paragraaf 4.2'). Hint: geef "
        'markdown() de pagina van de paragraaf mee: page=(chapter.slug ~ "/" ~ section.slug ~ "/") if printing else '
        "none, zoals in ons indicator.html, of haal het weg: dan gebruikt verantwoord zijn eigen."
    ]
    (project.root / "t" / "indicator.html").write_text(ours, encoding="utf-8")
    assert load_project(project.root).problems == []


def test_what_an_older_base_misses_is_told_only_where_the_site_needs_it(make_project) -> None:
    """A document on its own has no other document's search results to name."""
    old_base = BASE.read_text(encoding="utf-8").replace(' data-pagefind-meta="document"', "")
    project = make_project(config={"thema": {"map": "t"}}, extra_files={"t/base.html": old_base.encode()})
    assert load_project(project.root).problems == []


def test_a_copy_of_print_margins_from_before_turned_pages_still_makes_the_pdf_and_is_told(make_project) -> None:
    """Pages turned a quarter for a wide table gave print-margins.html a third value per page: a theme's copy looping
    over two ('for number, chapter in sheets') failed every PDF, wide table or not ('too many values to unpack')."""
    ours = (BASE.parent / "print-margins.html").read_text(encoding="utf-8")
    old = ours.replace("{% if loop.index0 in turned %} wide{% endif %}", "")
    assert old != ours
    project = make_project(config={"thema": {"map": "t"}}, extra_files={"t/print-margins.html": old.encode()})
    result = build_project(project.root, pdf=True)
    assert [pdf.path.name for pdf in result.pdfs] == [pdf_name(load_project(project.root).document)]
    told = [str(p) for p in load_project(project.root).problems]
    assert [p.split(":")[0] for p in told] == ["t/print-margins.html"]
    assert "een pagina die een brede tabel liggend toont, krijgt geen liggende kop en paginanummer" in told[0]


def test_an_svg_of_the_theme_with_a_script_is_a_warning(make_project) -> None:
    """What the theme's folder holds of images is published with the site, on the municipality's own domain as the
    logo is: an SVG with a script ran it for anyone sent to its address, without a word (the logo's is an error)."""
    script = LOGO.replace(b"</svg>", b"<script>alert(document.cookie)</script></svg>")
    project = make_project(
        config={"thema": {"map": "thema", "logo": "thema/logo.svg"}},
        extra_files={
            "thema/thema.css": b"body { color: black; }",
            "thema/iconen/pijl.svg": script,
            "thema/iconen/rond.svg": LOGO,
            "thema/.oud/pijl.svg": script,  # hidden: not published
            "thema/logo.svg": LOGO,
        },
    )
    assert [str(p) for p in load_project(project.root).problems] == [
        "thema/iconen/pijl.svg: deze SVG van het thema bevat een script (<script>, onload= of javascript:): hij wordt "
        "met de website gepubliceerd, en een browser voert het script uit bij wie hem op de website opent. Hint: "
        "exporteer de afbeelding opnieuw als SVG met alleen vormen en tekst, of haal hem uit de map van het thema als "
        "thema.css hem niet gebruikt."
    ]


def test_a_copy_of_print_margins_from_before_turned_pages_names_itself_when_a_page_is_turned(make_project) -> None:
    """With a table too wide for an upright page, that copy laid an upright header over the turned page, and the PDF
    failed with "JoinError: the margins' pages are not the size of the document's": English, without a file."""
    ours = (BASE.parent / "print-margins.html").read_text(encoding="utf-8")
    old = ours.replace("{% if loop.index0 in turned %} wide{% endif %}", "")
    table = _budget_table(range(2001, 2031), ("Lasten", "Baten", "Saldo"))
    project = make_project(
        texts=dict(TEXTS, **{"4.md": f"# Bestuur\n\nWat heeft het gekost?\n\n{table}\nNa de tabel.\n"}),
        config={"thema": {"map": "t"}},
        extra_files={"t/print-margins.html": old.encode()},
    )
    with pytest.raises(BuildFailed) as failed:
        build_project(project.root, pdf=True)
    message = str(failed.value)
    assert "JoinError" not in message
    # An error in the theme, as any template of it that fails (exit code 1, in --json's 'meldingen'): the file named
    # from the project's folder. It came back as text, in full, and exit code 3 blamed verantwoord.
    errors = [problem for problem in failed.value.problems if problem.severity is Severity.ERROR]
    assert [str(problem.location) for problem in errors] == ["t/print-margins.html"]
    assert message.startswith("De PDF kon niet worden gemaakt: t/print-margins.html: pagina 3 van 5 ligt")
    # The table's turned page, after the pages before it (the chapter's title and the paragraph that opens the table
    # stand on it with the table since the PDF keeps them together).
    assert "pagina 3 van 5 ligt" in message and "loop.index0 in turned" in message
