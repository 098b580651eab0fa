"""Images in the texts: which files they are, what is checked of them, and where the site has them.

An author writes `![Kaart van de wijken](afbeeldingen/wijken.png)` in `tekst/4.1.md`; the address is relative to the
text's folder, as an editor that previews Markdown reads it, and the file must be in the project folder, or in the
folder of the texts where that is elsewhere (`tekst: ../gedeeld/tekst`, a share the texts are written on): a path
that leaves both (`../../`, a link to elsewhere, `C:\\Users\\…`) works on one computer only. An image on another
website is not fetched but left as a link (build/markdown.py). PNG, JPEG, GIF and WebP are shown; not SVG, which may
carry a script. Every image needs alt text (WCAG 1.1.1), or the mark `-` for one that is only decoration.

The site has each image once, named by a hash of its content (`afbeeldingen/3f2a9c0d1e2b4a5c.png`), so that a
browser may keep it and two texts can show the same one. What Pillow reads of a file is remembered by that hash too:
`serve` loads the project again after each edit, and a photo of a few MB takes a while to decode.
"""

from __future__ import annotations

import hashlib
import shutil
import warnings
from collections.abc import Iterable
from decimal import Decimal
from io import BytesIO
from pathlib import Path, PureWindowsPath
from urllib.parse import urlsplit

from verantwoord.build.format import format_number
from verantwoord.build.markdown import DECORATIVE, IMAGES, WrittenImage, remote, written_images
from verantwoord.config import path_as_in_settings
from verantwoord.errors import Location, Problem, Problems, Severity
from verantwoord.export.texts import TextFile
from verantwoord.model import Image

FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}
"""What Pillow calls the formats every browser and WeasyPrint show, and their extension on the site."""
LARGE_BYTES = 2 * 1024 * 1024
LARGE_PIXELS = 4000
"""From this size in bytes, or this width or height in pixels, an image gets a warning: it slows the page on a phone
(the site shows it at most about 1,000 pixels wide) and swells the PDF."""
_ROTATED = {5, 6, 7, 8}
"""EXIF orientations that turn a photo a quarter: the browser shows it with width and height swapped."""

_Finding = tuple[Severity, str, str | None]
"""A problem of an image's file, without its place: reported at every line that shows the image."""
_read: dict[tuple[str, str], tuple[str, int, int] | tuple[str, str]] = {}
"""By a hash of a file's content and its extension (which names what Pillow cannot read): its format, width and
height as Pillow read them, or what is wrong with it (a message with {address} in it, and a hint)."""


def read_images(texts: list[TextFile], folder: Path, project: Path, problems: Problems) -> tuple[Image, ...]:
    """The images the `texts` in `folder` show, each checked; every problem at the line that has the image."""
    images: dict[str, Image] = {}
    files: dict[str, tuple[Image | None, list[_Finding]]] = {}
    for text in texts:
        for written in written_images(text.body):
            location = Location(text.location.file, line=text.line_at(written.at) if written.at >= 0 else None)
            if remote(written.src):
                _elsewhere(written, location, problems)
                continue
            _check_text(written, location, problems)
            if written.src not in files:
                files[written.src] = _image(written, folder, project)
            image, findings = files[written.src]
            for severity, message, hint in findings:
                problems.append(Problem(severity, location, message, hint=hint))
            if image is not None:
                images[written.src] = image
    return tuple(images.values())


def check_explanation_images(explanation: str, location: Location, problems: Problems) -> None:
    """An image in an indicator's explanation, a cell of the export, is not shown: the cell has no folder its address
    could start from. A warning at the cell."""
    for written in written_images(explanation):
        if remote(written.src):
            _elsewhere(written, location, problems)
        else:
            problems.warning(
                location,
                f"de afbeelding '{written.address}' in de toelichting wordt niet getoond: alleen de teksten van de "
                "hoofdstukken en paragrafen kunnen afbeeldingen hebben.",
                hint="zet de afbeelding in de tekst van de paragraaf, zoals tekst/4.1.md.",
            )


def _elsewhere(written: WrittenImage, location: Location, problems: Problems) -> None:
    problems.warning(
        location,
        f"de afbeelding '{written.address}' staat op een andere website: de pagina toont hem niet, maar linkt ernaar.",
        hint="mag u de afbeelding gebruiken, sla hem dan op in de projectmap en verwijs ernaar, zoals "
        "![Kaart van de wijken](afbeeldingen/wijken.png).",
    )


def _check_text(written: WrittenImage, location: Location, problems: Problems) -> None:
    """The alt text and the caption, as written."""
    if not written.alt.strip():
        problems.error(
            location,
            f"de afbeelding '{written.address}' heeft geen alt-tekst: wie hem niet kan zien (met een schermlezer), "
            "weet niet wat erop staat.",
            hint=f"zet tussen de haken wat de afbeelding laat zien: ![Kaart van de wijken]({written.address}). Is "
            f"hij alleen versiering, zet dan een streepje: ![{DECORATIVE}]({written.address}).",
        )
    if written.caption and not written.alone:
        problems.warning(
            location,
            f"het bijschrift '{written.caption}' van de afbeelding '{written.address}' wordt niet getoond: alleen een "
            "afbeelding die een alinea voor zich alleen heeft, krijgt een bijschrift.",
            hint="zet de afbeelding op een eigen regel, met een lege regel erboven en eronder.",
        )


def _image(written: WrittenImage, folder: Path, project: Path) -> tuple[Image | None, list[_Finding]]:
    """The file of an image and what is wrong with it; no Image when it cannot be shown."""
    address = written.address.replace("\\", "/")  # a Windows path, as the author knows it
    example = "![Kaart van de wijken](afbeeldingen/wijken.png)"
    if not address:  # none written, or one the renderer refused (javascript:, file:)
        return None, [
            _error(
                f"bij de afbeelding ![{written.alt}](…) staat geen bestand, of een adres dat niet mag.",
                f"verwijs naar een bestand in de projectmap, zoals {example}.",
            )
        ]
    if address.startswith("/") or PureWindowsPath(address).drive:
        return None, [
            _error(
                f"de afbeelding '{written.address}' heeft een volledig pad: dat bestaat alleen op deze computer.",
                f"zet de afbeelding in de projectmap en geef het pad vanaf de map van de tekst, zoals {example}.",
            )
        ]
    if urlsplit(address).scheme:
        return None, [
            _error(f"de afbeelding '{written.address}' is geen bestand in de projectmap.", f"verwijs zo: {example}.")
        ]
    path = folder / urlsplit(address).path
    shown = path_as_in_settings(path, project)
    texts = folder.resolve()
    if not any(path.resolve().is_relative_to(place) for place in (project, texts)):
        if texts.is_relative_to(project):
            return None, [
                _error(
                    f"de afbeelding '{written.address}' staat buiten de projectmap ({shown}): wie het project "
                    "verplaatst of op een andere computer bouwt, heeft hem niet.",
                    "zet de afbeelding in de projectmap, bijvoorbeeld in een map afbeeldingen naast de teksten.",
                )
            ]
        return None, [
            _error(
                f"de afbeelding '{written.address}' staat buiten de map met teksten en buiten de projectmap "
                f"({shown}): wie het project op een andere computer bouwt, heeft hem niet.",
                "zet de afbeelding bij de teksten, bijvoorbeeld in een map afbeeldingen in de map met teksten.",
            )
        ]
    if not path.is_file():
        return None, [
            _error(
                f"de afbeelding '{written.address}' is niet gevonden: verantwoord zocht {shown}.",
                "het pad gaat uit van de map waarin de tekst staat. Verbeter het pad, of zet de afbeelding daar.",
            )
        ]
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [_error(f"de afbeelding '{written.address}' kan niet worden gelezen: {error.strerror}.", None)]
    digest = hashlib.blake2b(data, digest_size=8).hexdigest()
    key = (digest, path.suffix.lower())
    if key not in _read:
        _read[key] = _inspect(data, path.suffix)
    read = _read[key]
    if len(read) == 2:
        message, hint = read
        return None, [_error(message.replace("{address}", written.address), hint)]
    kind, width, height = read
    findings = []
    large = []
    if len(data) > LARGE_BYTES:
        large.append(f"{format_number(Decimal(len(data)) / 1024 / 1024, 1)} MB")
    if max(width, height) > LARGE_PIXELS:
        large.append(f"{format_number(Decimal(width), 0)} × {format_number(Decimal(height), 0)} pixels")
    if large:
        findings.append(
            (
                Severity.WARNING,
                f"de afbeelding '{written.address}' is groot ({', '.join(large)}): de pagina laadt er traag door, "
                "zeker op een telefoon, en de PDF wordt er zwaar van.",
                "maak hem kleiner, tot hooguit 2000 pixels breed: een foto als JPEG, een kaart of grafiek als PNG.",
            )
        )
    return Image(written.src, f"{digest}.{FORMATS[kind]}", width, height, path), findings


def _error(message: str, hint: str | None) -> _Finding:
    return Severity.ERROR, message, hint


_SAVE_AS = "open hem in een tekenprogramma en sla hem op als PNG (kaart, grafiek, schermafdruk) of JPEG (foto)."


def _inspect(data: bytes, suffix: str) -> tuple[str, int, int] | tuple[str, str]:
    """The format, width and height of an image file as a browser shows it; or what is wrong, with {address} in the
    message, and a hint."""
    from PIL import Image as Pillow  # imported here: only a project with images needs it (0.05 s)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Pillow.DecompressionBombWarning)
            with Pillow.open(BytesIO(data)) as picture:
                picture.load()  # the whole image: a file cut off halfway is found here
                kind, (width, height) = picture.format, picture.size
                rotated = picture.getexif().get(0x0112) in _ROTATED
    except (Pillow.DecompressionBombWarning, Pillow.DecompressionBombError):
        millions = format_number(Decimal(Pillow.MAX_IMAGE_PIXELS // 1_000_000), 0)
        return (
            f"de afbeelding '{{address}}' is te groot om te lezen: meer dan {millions} miljoen pixels.",
            "maak hem kleiner, tot hooguit 2000 pixels breed.",
        )
    except Exception:  # Pillow reads untrusted bytes; what it raises for a broken file differs by format
        if suffix.lower() == ".svg" or b"<svg" in data[:8192]:
            return (
                "de afbeelding '{address}' is een SVG: die toont verantwoord niet, omdat een SVG een script kan "
                "bevatten.",
                "exporteer hem als PNG (in het programma waarin hij is gemaakt: Exporteren of Opslaan als, PNG).",
            )
        if suffix and suffix.lower().lstrip(".") not in {*FORMATS.values(), "jpeg"}:
            return _unsupported(suffix.lstrip(".").upper())
        return (
            "de afbeelding '{address}' kan niet worden gelezen: het is geen afbeelding, of het bestand is beschadigd.",
            _SAVE_AS,
        )
    if kind not in FORMATS:
        return _unsupported(kind)
    return (kind, height, width) if rotated else (kind, width, height)


def _unsupported(kind: str) -> tuple[str, str]:
    return (
        f"de afbeelding '{{address}}' is een {kind}-bestand; de website toont alleen PNG, JPEG, GIF en WebP.",
        _SAVE_AS,
    )


def write_images(images: Iterable[Image], folder: Path) -> None:
    """Copy each of `images` into the folder of images in `folder` (a site's, or the PDF's scratch folder), once."""
    names = {}
    for image in images:
        names.setdefault(image.name, image.source)
    if not names:
        return
    (folder / IMAGES).mkdir(exist_ok=True)
    for name, source in names.items():
        shutil.copyfile(source, folder / IMAGES / name)
