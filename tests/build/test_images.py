"""Images in the texts: found in the project, checked, published once under the hash of their content."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image as Pillow

from tests.conftest import TEXTS
from verantwoord import build_project
from verantwoord.build import images as images_module
from verantwoord.build import markdown
from verantwoord.build.markdown import render_markdown, render_markdown_for_print
from verantwoord.errors import InvalidProject
from verantwoord.model import Image
from verantwoord.project import load_project

CHAPTER_PAGE = "4-bestuur-en-dienstverlening/index.html"
SECTION_PAGE = "4-bestuur-en-dienstverlening/4-1-dienstverlening/index.html"
KAART = Image("afbeeldingen/kaart.png", "0123456789abcdef.png", 640, 480, Path("kaart.png"))


def picture(width: int = 64, height: int = 48, kind: str = "PNG", colour: str = "red", **options: object) -> bytes:
    buffer = io.BytesIO()
    Pillow.new("RGB", (width, height), colour).save(buffer, kind, **options)
    return buffer.getvalue()


def problems_of(project) -> list[str]:
    """What check says of the project: every problem, in order."""
    try:
        return [str(problem) for problem in load_project(project.root).problems]
    except InvalidProject as error:
        return [str(problem) for problem in error.problems]


def with_text(make_project, section: str, **files: bytes):
    return make_project(
        texts={**TEXTS, "4.1.md": f"# Dienstverlening\n\n{section}"},
        extra_files={f"tekst/{name}": data for name, data in files.items()},
    )


# Rendering


def test_an_image_is_shown_from_the_sites_folder_with_its_size() -> None:
    html = render_markdown("Zie ![Kaart van de wijken](afbeeldingen/kaart.png) hier.", images=(KAART,), root="../../")
    assert html == (
        '<p>Zie <img src="../../afbeeldingen/0123456789abcdef.png" alt="Kaart van de wijken" width="640" height="480">'
        " hier.</p>\n"
    )


def test_a_titled_image_in_a_paragraph_of_its_own_is_a_figure_with_its_caption() -> None:
    html = render_markdown('![Kaart](afbeeldingen/kaart.png "Wijken in [2024]{lang=en} & later")', images=(KAART,))
    assert html == (
        '<figure>\n<img src="afbeeldingen/0123456789abcdef.png" alt="Kaart" width="640" height="480">\n'
        '<figcaption>Wijken in <span lang="en">2024</span> &amp; later</figcaption>\n</figure>\n'
    )
    # Within a sentence there is no room for a caption (check warns); the image is shown all the same.
    inline = render_markdown('Zie ![Kaart](afbeeldingen/kaart.png "Wijken") hier.', images=(KAART,))
    assert "<figure>" not in inline and "Wijken" not in inline and "<img " in inline


def test_a_decorative_image_has_an_empty_alt_and_is_left_out_of_the_pdf() -> None:
    """WeasyPrint tags every image as a figure, and PDF/UA wants each figure described."""
    assert 'alt=""' in render_markdown("![-](afbeeldingen/kaart.png)", images=(KAART,))
    assert render_markdown_for_print("![-](afbeeldingen/kaart.png)\n\nTekst.", images=(KAART,)) == "<p>Tekst.</p>\n"
    assert 'alt="Kaart"' in render_markdown_for_print("![Kaart](afbeeldingen/kaart.png)", images=(KAART,))


def test_an_image_not_among_the_checked_ones_is_left_out() -> None:
    """An indicator's explanation has no images of its own: as before, nothing is fetched from its address."""
    assert render_markdown("![Kaart](afbeeldingen/kaart.png)\n\nTekst.") == "<p>Tekst.</p>\n"
    assert render_markdown("![Kaart](anders.png)", images=(KAART,)) == ""


def test_an_image_on_another_website_is_a_link_to_it_in_the_documents_language() -> None:
    """The reader's browser fetches nothing from elsewhere, which would tell that site who reads the page."""
    html = render_markdown("![Kaart](https://www.cbs.nl/kaart.png)")
    link = '<a href="https://www.cbs.nl/kaart.png" rel="noopener noreferrer">Kaart (afbeelding op www.cbs.nl)</a>'
    assert html == f"<p>{link}</p>\n"
    html = render_markdown("![](//cbs.nl/kaart.png)", language="en")
    assert html == '<p><a href="//cbs.nl/kaart.png" rel="noopener noreferrer">image on cbs.nl</a></p>\n'
    assert '<a href="https://cbs.nl/kaart.png"' in render_markdown_for_print("![Kaart](//cbs.nl/kaart.png)")


def test_the_sanitiser_lets_an_image_through_only_with_the_attributes_we_set() -> None:
    html = markdown._clean(
        '<img src="a.png" alt="x" width="1" height="2" title="t" class="c" style="x" onerror="alert(1)" '
        'srcset="b.png 2x" loading="lazy">'
    )
    assert html == '<img src="a.png" alt="x" width="1" height="2">'
    assert markdown._clean('<img src="javascript:alert(1)" alt="x">') == '<img alt="x">'


def test_alt_text_and_caption_are_escaped() -> None:
    html = render_markdown('![a"><script>alert(1)</script>](afbeeldingen/kaart.png "<b onclick=x>")', images=(KAART,))
    assert "<script" not in html and "<b " not in html
    assert 'alt="a&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert "<figcaption>&lt;b onclick=x&gt;</figcaption>" in html


# Publishing


def test_an_image_is_published_once_under_the_hash_of_its_content(make_project) -> None:
    """Two texts show one map (one of them through a copy under another name): the site has it once, and each page
    finds it from its own depth, so the site works in any subfolder of a server."""
    kaart = picture(64, 48)
    project = make_project(
        texts={
            "4.md": "# Bestuur en dienstverlening\n\n![Kaart van de wijken](afbeeldingen/kaart.png)\n",
            "4.1.md": '# Dienstverlening\n\n![Dezelfde kaart](<afbeeldingen/kopie van kaart.png> "De wijken")\n',
        },
        extra_files={"tekst/afbeeldingen/kaart.png": kaart, "tekst/afbeeldingen/kopie van kaart.png": kaart},
    )
    built = build_project(project.root)
    (published,) = (built.output / "afbeeldingen").iterdir()
    assert published.read_bytes() == kaart and published.suffix == ".png" and len(published.stem) == 16
    chapter = (built.output / CHAPTER_PAGE).read_text(encoding="utf-8")
    section = (built.output / SECTION_PAGE).read_text(encoding="utf-8")
    assert f'<img src="../afbeeldingen/{published.name}" alt="Kaart van de wijken" width="64" height="48">' in chapter
    assert f'<img src="../../afbeeldingen/{published.name}" alt="Dezelfde kaart" width="64" height="48">' in section
    assert "<figcaption>De wijken</figcaption>" in section
    assert (built.output / "pagefind" / "pagefind-entry.json").is_file()  # the search index is made as ever


def test_another_content_is_another_name(make_project, tmp_path: Path) -> None:
    """A browser may keep an image as long as it likes: a changed map must not keep the old name."""
    project = with_text(make_project, "![Kaart](kaart.png)\n", **{"kaart.png": picture(colour="red")})
    first = {path.name for path in (build_project(project.root).output / "afbeeldingen").iterdir()}
    (project.root / "tekst" / "kaart.png").write_bytes(picture(colour="blue"))
    second = {path.name for path in (build_project(project.root).output / "afbeeldingen").iterdir()}
    assert len(first) == len(second) == 1 and first != second


def test_a_photo_turned_by_its_camera_has_the_width_and_height_it_is_shown_with(make_project) -> None:
    exif = Pillow.Exif()
    exif[0x0112] = 6  # turned a quarter clockwise
    project = with_text(make_project, "![Foto](foto.jpg)\n", **{"foto.jpg": picture(40, 20, "JPEG", exif=exif)})
    (image,) = load_project(project.root).document.images
    assert (image.width, image.height) == (20, 40) and image.name.endswith(".jpg")


@pytest.mark.parametrize(("kind", "suffix"), [("GIF", ".gif"), ("WEBP", ".webp"), ("JPEG", ".jpg")])
def test_every_format_a_browser_shows_is_published_as_its_format(make_project, kind: str, suffix: str) -> None:
    """By its content, not its name: a JPEG saved as .png is published as the JPEG it is."""
    project = with_text(make_project, "![Kaart](kaart.png)\n", **{"kaart.png": picture(kind=kind)})
    (image,) = load_project(project.root).document.images
    assert image.name.endswith(suffix)


def test_a_failed_build_keeps_the_site_before(make_project) -> None:
    project = with_text(make_project, "![Kaart](kaart.png)\n", **{"kaart.png": picture()})
    built = build_project(project.root)
    before = {path: path.read_bytes() for path in built.output.rglob("*") if path.is_file()}
    (project.root / "tekst" / "kaart.png").write_bytes(picture()[:100])
    with pytest.raises(InvalidProject):
        build_project(project.root)
    assert {path: path.read_bytes() for path in built.output.rglob("*") if path.is_file()} == before


# Problems: each at its text's line, all at once


def test_every_problem_of_the_images_is_told_at_once_at_its_line(make_project) -> None:
    text = (
        "![](goed.png)\n\n"  # line 3
        "![Kaart](ontbreekt.png)\n\n"
        "![Kaart](../../buiten.png)\n\n"
        "![Kaart](/home/u/kaart.png) en ![Kaart](C:\\Users\\u\\kaart.png)\n\n"
        "![Kaart](data:image/png;base64,iVBORw0KGgo=)\n\n"
        "![Kaart](javascript:alert(1))\n\n"  # line 13
        "![Kaart](kaart.bmp)\n\n"
        "![Kaart](kaart.svg)\n\n"
        "![Kaart](kapot.png)\n\n"
        "![Kaart](kaart.heic)\n\n"
        'Zie ![Kaart](goed.png "Bijschrift") hier.\n\n'  # line 23
        "![Kaart](https://www.cbs.nl/kaart.png)\n\n"
        "![Breed][breed]\n\n"
        "[breed]: breed.png\n"  # line 29
    )
    files = {
        "goed.png": picture(),
        "kaart.bmp": picture(kind="BMP"),
        "kaart.svg": b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "kapot.png": picture()[:60],
        "kaart.heic": b"\x00\x00\x00\x18ftypheic",
        "breed.png": picture(4001, 2),
    }
    project = with_text(make_project, text, **files)
    (project.root / "buiten.png").write_bytes(picture())
    at = "tekst/4.1.md, regel"
    save = "Hint: open hem in een tekenprogramma en sla hem op als PNG (kaart, grafiek, schermafdruk) of JPEG (foto)."
    project_path = "zet de afbeelding in de projectmap en geef het pad vanaf de map van de tekst"
    assert problems_of(project) == [
        f"{at} 3: de afbeelding 'goed.png' heeft geen alt-tekst: wie hem niet kan zien (met een schermlezer), weet "
        "niet wat erop staat. Hint: zet tussen de haken wat de afbeelding laat zien: ![Kaart van de "
        "wijken](goed.png). Is hij alleen versiering, zet dan een streepje: ![-](goed.png).",
        f"{at} 5: de afbeelding 'ontbreekt.png' is niet gevonden: verantwoord zocht tekst/ontbreekt.png. Hint: het "
        "pad gaat uit van de map waarin de tekst staat. Verbeter het pad, of zet de afbeelding daar.",
        f"{at} 7: de afbeelding '../../buiten.png' staat buiten de projectmap (../buiten.png): wie het project "
        "verplaatst of op een andere computer bouwt, heeft hem niet. Hint: zet de afbeelding in de projectmap, "
        "bijvoorbeeld in een map afbeeldingen naast de teksten.",
        f"{at} 9: de afbeelding '/home/u/kaart.png' heeft een volledig pad: dat bestaat alleen op deze computer. "
        f"Hint: {project_path}, zoals ![Kaart van de wijken](afbeeldingen/wijken.png).",
        f"{at} 9: de afbeelding 'C:\\Users\\u\\kaart.png' heeft een volledig pad: dat bestaat alleen op deze "
        f"computer. Hint: {project_path}, zoals ![Kaart van de wijken](afbeeldingen/wijken.png).",
        f"{at} 11: de afbeelding 'data:image/png;base64,iVBORw0KGgo=' is geen bestand in de projectmap. Hint: "
        "verwijs zo: ![Kaart van de wijken](afbeeldingen/wijken.png).",
        f"{at} 13: bij de afbeelding ![Kaart](…) staat geen bestand, of een adres dat niet mag. Hint: verwijs naar "
        "een bestand in de projectmap, zoals ![Kaart van de wijken](afbeeldingen/wijken.png).",
        f"{at} 15: de afbeelding 'kaart.bmp' is een BMP-bestand; de website toont alleen PNG, JPEG, GIF en WebP. "
        + save,
        f"{at} 17: de afbeelding 'kaart.svg' is een SVG: die toont verantwoord niet, omdat een SVG een script kan "
        "bevatten. Hint: exporteer hem als PNG (in het programma waarin hij is gemaakt: Exporteren of Opslaan als, "
        "PNG).",
        f"{at} 19: de afbeelding 'kapot.png' kan niet worden gelezen: het is geen afbeelding, of het bestand is "
        f"beschadigd. {save}",
        f"{at} 21: de afbeelding 'kaart.heic' is een HEIC-bestand; de website toont alleen PNG, JPEG, GIF en WebP. "
        + save,
        f"{at} 23: het bijschrift 'Bijschrift' van de afbeelding 'goed.png' wordt niet getoond: alleen een "
        "afbeelding die een alinea voor zich alleen heeft, krijgt een bijschrift. Hint: zet de afbeelding op een "
        "eigen regel, met een lege regel erboven en eronder.",
        f"{at} 25: de afbeelding 'https://www.cbs.nl/kaart.png' staat op een andere website: de pagina toont hem "
        "niet, maar linkt ernaar. Hint: mag u de afbeelding gebruiken, sla hem dan op in de projectmap en verwijs "
        "ernaar, zoals ![Kaart van de wijken](afbeeldingen/wijken.png).",
        f"{at} 29: de afbeelding 'breed.png' is groot (4.001 × 2 pixels): de pagina laadt er traag door, "
        "zeker op een telefoon, en de PDF wordt er zwaar van. Hint: maak hem kleiner, tot hooguit 2000 pixels "
        "breed: een foto als JPEG, een kaart of grafiek als PNG.",
    ]


def test_an_image_linked_from_outside_the_project_is_outside_it(make_project, tmp_path: Path) -> None:
    """A link in the project to a file elsewhere: the next computer has neither."""
    (tmp_path / "elders.png").write_bytes(picture())
    project = with_text(make_project, "![Kaart](kaart.png)\n")
    try:
        (project.root / "tekst" / "kaart.png").symlink_to(tmp_path / "elders.png")
    except OSError:
        pytest.skip("this file system has no symbolic links")
    assert problems_of(project) == [
        "tekst/4.1.md, regel 3: de afbeelding 'kaart.png' staat buiten de projectmap (tekst/kaart.png): wie het "
        "project verplaatst of op een andere computer bouwt, heeft hem niet. Hint: zet de afbeelding in de "
        "projectmap, bijvoorbeeld in een map afbeeldingen naast de teksten."
    ]


def test_an_image_that_cannot_be_read_says_why(make_project, monkeypatch: pytest.MonkeyPatch) -> None:
    project = with_text(make_project, "![Kaart](kaart.png)\n", **{"kaart.png": picture()})
    read_bytes = Path.read_bytes

    def refused(path: Path) -> bytes:
        if path.name == "kaart.png":
            raise PermissionError(13, "Permission denied")
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refused)
    assert problems_of(project) == [
        "tekst/4.1.md, regel 3: de afbeelding 'kaart.png' kan niet worden gelezen: Permission denied."
    ]


def test_an_image_of_more_pixels_than_pillow_will_read_is_refused(make_project, monkeypatch: pytest.MonkeyPatch):
    """Pillow's guard against a small file that unpacks into gigabytes; here with a lower limit, and a fresh image."""
    monkeypatch.setattr(Pillow, "MAX_IMAGE_PIXELS", 1_000_000)
    project = with_text(make_project, "![Kaart](kaart.png)\n", **{"kaart.png": picture(1001, 1001, colour="green")})
    assert problems_of(project) == [
        "tekst/4.1.md, regel 3: de afbeelding 'kaart.png' is te groot om te lezen: meer dan 1 miljoen pixels. "
        "Hint: maak hem kleiner, tot hooguit 2000 pixels breed."
    ]


def test_a_large_file_is_a_warning_and_still_published(make_project) -> None:
    noise = io.BytesIO()
    Pillow.frombytes("RGB", (900, 900), os.urandom(900 * 900 * 3)).save(noise, "PNG")
    assert noise.tell() > images_module.LARGE_BYTES
    project = with_text(make_project, "![Ruis](ruis.png)\n", **{"ruis.png": noise.getvalue()})
    loaded = load_project(project.root)
    (problem,) = loaded.problems
    assert str(problem).startswith("tekst/4.1.md, regel 3: de afbeelding 'ruis.png' is groot (2,")
    assert str(problem).endswith(" MB): de pagina laadt er traag door, zeker op een telefoon, en de PDF wordt er "
                                 "zwaar van. Hint: maak hem kleiner, tot hooguit 2000 pixels breed: een foto als "
                                 "JPEG, een kaart of grafiek als PNG.")  # fmt: skip
    assert len(loaded.document.images) == 1


def test_an_image_in_an_indicators_explanation_is_told_it_is_not_shown(make_project) -> None:
    """The cell has no folder its address could start from; before, the image was left out without a word."""
    project = make_project()
    project.indicators[0]["toelichting"] = "Zie ![Kaart](kaart.png) en ![Grafiek](https://www.cbs.nl/g.png)."
    project.write()
    assert problems_of(project) == [
        "indicatoren.xlsx, blad Indicatoren, cel H2: de afbeelding 'kaart.png' in de toelichting wordt niet getoond: "
        "alleen de teksten van de hoofdstukken en paragrafen kunnen afbeeldingen hebben. Hint: zet de afbeelding in "
        "de tekst van de paragraaf, zoals tekst/4.1.md.",
        "indicatoren.xlsx, blad Indicatoren, cel H2: de afbeelding 'https://www.cbs.nl/g.png' staat op een andere "
        "website: de pagina toont hem niet, maar linkt ernaar. Hint: mag u de afbeelding gebruiken, sla hem dan op in "
        "de projectmap en verwijs ernaar, zoals ![Kaart van de wijken](afbeeldingen/wijken.png).",
    ]


def test_an_extension_with_braces_is_named_as_it_is(make_project) -> None:
    """The message was made with str.format, and a file named kaart.x{y} broke it with a KeyError."""
    project = with_text(make_project, "![Kaart](<kaart.x{y}>)\n", **{"kaart.x{y}": b"geen afbeelding"})
    assert problems_of(project) == [
        "tekst/4.1.md, regel 3: de afbeelding 'kaart.x{y}' is een X{Y}-bestand; de website toont alleen PNG, JPEG, GIF "
        "en WebP. Hint: open hem in een tekenprogramma en sla hem op als PNG (kaart, grafiek, schermafdruk) of JPEG "
        "(foto)."
    ]


THEMED_SECTION = """{% extends "base.html" %}
{% block main %}
<h1>{{ page.section.number }} {{ page.section.title }}</h1>
{{ markdown(page.section.text) | safe }}
{% endblock %}
"""


def test_a_themes_own_templates_show_the_images_of_the_texts_without_naming_them(make_project) -> None:
    """A theme's section.html or chapter.html had to pass `images=document.images, root=root` to `markdown`; one that
    did not, as its writer would, left the images out without a word."""
    project = make_project(
        config={"thema": {"map": "huisstijl"}},
        texts={
            "4.md": "# Bestuur en dienstverlening\n\n![Kaart van de wijken](kaart.png)\n",
            "4.1.md": "# Dienstverlening\n\n![Kaart van de wijken](kaart.png)\n",
        },
        extra_files={
            "tekst/kaart.png": picture(64, 48),
            "huisstijl/section.html": THEMED_SECTION.encode(),
            "huisstijl/chapter.html": THEMED_SECTION.replace("section", "chapter").encode(),
        },
    )
    built = build_project(project.root, strict=True)
    (published,) = (built.output / "afbeeldingen").iterdir()
    image = f'src="{{}}afbeeldingen/{published.name}" alt="Kaart van de wijken" width="64" height="48">'
    assert image.format("../") in (built.output / CHAPTER_PAGE).read_text(encoding="utf-8")
    assert image.format("../../") in (built.output / SECTION_PAGE).read_text(encoding="utf-8")


def test_an_image_in_an_explanation_is_not_shown_though_a_text_shows_the_same(make_project) -> None:
    """The page's images are `markdown`'s unless a template names others: an explanation names none, and shows none,
    as its warning says."""
    project = with_text(make_project, "![Kaart](kaart.png)\n", **{"kaart.png": picture()})
    project.indicators[0]["toelichting"] = "Zie ![Kaart](kaart.png)."
    project.write()
    html = (build_project(project.root).output / SECTION_PAGE).read_text(encoding="utf-8")
    assert html.count("<img ") == 1 and "<p>Zie .</p>" in html


def on_a_share(make_project, tmp_path: Path, section: str, **files: bytes):
    """A project whose texts are in a folder beside it (`tekst: ../gedeeld/tekst`), as on a share, with `files`."""
    project = make_project(
        config={"tekst": "../gedeeld/tekst"},
        texts={**TEXTS, "4.1.md": f"# Dienstverlening\n\n{section}"},
    )
    shared = tmp_path / "gedeeld" / "tekst"
    shared.parent.mkdir()
    (project.root / "tekst").rename(shared)
    for name, data in files.items():
        (shared / name).parent.mkdir(parents=True, exist_ok=True)
        (shared / name).write_bytes(data)
    return project


def test_an_image_beside_texts_outside_the_project_is_shown(make_project, tmp_path: Path) -> None:
    """Texts on a share: every image beside them was 'buiten de projectmap', with no way to show one."""
    kaart = picture(64, 48)
    project = on_a_share(
        make_project,
        tmp_path,
        "![Kaart](afbeeldingen/kaart.png)\n\n![Kaart](kaart.png)\n",
        **{"afbeeldingen/kaart.png": kaart, "kaart.png": kaart},
    )
    built = build_project(project.root, strict=True)
    (published,) = (built.output / "afbeeldingen").iterdir()
    assert published.read_bytes() == kaart
    assert (built.output / SECTION_PAGE).read_text(encoding="utf-8").count(f"../../afbeeldingen/{published.name}") == 2


def test_an_image_outside_both_the_texts_and_the_project_is_refused(make_project, tmp_path: Path) -> None:
    """The texts may be elsewhere; an image leaves neither their folder nor the project's."""
    project = on_a_share(make_project, tmp_path, "![Kaart](../buiten.png)\n")
    (tmp_path / "gedeeld" / "buiten.png").write_bytes(picture())
    assert problems_of(project) == [
        "tekst/4.1.md, regel 3: de afbeelding '../buiten.png' staat buiten de map met teksten en buiten de projectmap "
        "(../gedeeld/buiten.png): wie het project op een andere computer bouwt, heeft hem niet. Hint: zet de "
        "afbeelding bij de teksten, bijvoorbeeld in een map afbeeldingen in de map met teksten."
    ]


def test_texts_on_another_drive_name_the_image_in_full(make_project, tmp_path: Path, monkeypatch) -> None:
    """Windows has no relative path from C: to a share (\\\\server\\teksten): os.path.relpath raised a ValueError,
    which ended the check in a traceback at the first image of texts kept there."""

    def no_way_there(path: object, start: object = None) -> str:
        raise ValueError("path is on mount '\\\\\\\\server\\\\teksten', start on mount 'C:'")

    project = on_a_share(make_project, tmp_path, "![Kaart](kaart.png)\n")
    monkeypatch.setattr(os.path, "relpath", no_way_there)
    assert problems_of(project) == [
        "tekst/4.1.md, regel 3: de afbeelding 'kaart.png' is niet gevonden: verantwoord zocht "
        f"{tmp_path / 'gedeeld' / 'tekst' / 'kaart.png'}. Hint: het pad gaat uit van de map waarin de tekst staat. "
        "Verbeter het pad, of zet de afbeelding daar."
    ]
