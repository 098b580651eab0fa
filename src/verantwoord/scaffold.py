"""`verantwoord new`: a working project to start from, that builds as it is."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from verantwoord.config import CONFIG_FILE, EXAMPLE_ORGANISATION
from verantwoord.errors import VerantwoordError

_CONFIG = """\
# Instellingen van dit document. Alle instellingen staan in de handleiding (docs/configuratie.md).
document:
  soort: jaarverslag          # begroting, jaarverslag, voorjaarsnota of bestuursrapportage
  jaar: {year}
  organisatie: {organisation}
export:
  bestand: indicatoren.xlsx   # de export: een werkmap, een map met CSV-bestanden, of YAML
tabel:
  realisatie: {first}-{year}       # de jaren met realisatiecijfers in de tabellen
  streefwaarde: {year}          # de jaren met streefcijfers
"""

EXAMPLE_TEXTS = (
    "Hier komt de inleiding van het hoofdstuk.",
    "Schrijf hier de tekst van de paragraaf",
    "Vervang deze voorbeeldindicator door uw eigen indicatoren.",
)
"""Sentences of `new`'s texts and example indicator that are there to be replaced, not published: `check` warns while
they are there, as it does of the organisation (`EXAMPLE_ORGANISATION`)."""

TEXT_ROWS = 2000
"""The rows of the template's workbook whose columns id, paragraaf, periode, waarde and indicator are typed as text,
the heading included: the guide tells users how many."""

_CHAPTER = """\
# Bestuur en dienstverlening

Hier komt de inleiding van het hoofdstuk. Elk hoofdstuk heeft een eigen bestand, zoals 1.md;
elke paragraaf ook, zoals 1.1.md. De eerste regel is de titel.
"""

_SECTION = """\
# Dienstverlening

Wat hebben we bereikt? Schrijf hier de tekst van de paragraaf, in Markdown: **vet**, *schuin*,
lijstjes en [links](https://www.example.org). De indicatoren uit de werkmap komen onder deze tekst.
"""

STATEMENT_TO_DO = "Aanvullen:"
"""Marks what the organisation fills in of the accessibility statement `new` writes: `check` warns while it is there."""

STATEMENT_TITLE = "Toegankelijkheidsverklaring"
"""The title of the statement `new` writes, in Dutch: `check` warns when a site in another language still has it."""

_STATEMENT = f"""\
# {STATEMENT_TITLE}

Wij willen dat iedereen deze website kan gebruiken. Deze verklaring gaat over deze website.

## Welke eisen gelden

Websites van overheden moeten voldoen aan de Europese norm EN 301 549, die verwijst naar WCAG 2.1 op
niveau AA (Besluit digitale toegankelijkheid overheid).

## Hoe de website is getoetst

Elke versie van verantwoord, het programma waarmee deze website is gebouwd, wordt automatisch getoetst:
axe-core controleert elke pagina van de voorbeelden in een echte browser, op de breedte van een computer en
van een telefoon, en de HTML wordt gevalideerd. Een automatische toets vindt niet alle problemen.

**{STATEMENT_TO_DO}** de datum, de uitvoerder en de uitkomst van het onderzoek naar deze website.

## Status

**{STATEMENT_TO_DO}** voldoet volledig, voldoet gedeeltelijk, eerste maatregelen genomen, of voldoet niet.

## Bekende beperkingen

- Zoeken werkt alleen met JavaScript. Zonder JavaScript zijn alle hoofdstukken en paragrafen te vinden via
  de inhoudsopgave.
- Waar een grafiek staat, staan dezelfde cijfers als tekst in de tabel erbij.

**{STATEMENT_TO_DO}** andere beperkingen uit het onderzoek.

## Contact

**{STATEMENT_TO_DO}** waar bezoekers een probleem melden (e-mailadres of formulier) en binnen welke termijn u
reageert.
"""


def create_project(directory: Path | str, year: int | None = None) -> Path:
    """Create a project in `directory` (new or empty) and return its path."""
    # Imported here: openpyxl (and numpy, when installed) cost a quarter second at every start of the CLI.
    from verantwoord.export.template import write_workbook

    root = Path(directory)
    if root.exists() and any(root.iterdir()):
        raise VerantwoordError(
            f"De map {root} bestaat al en is niet leeg. Hint: kies een nieuwe map, zoals 'verantwoord new jaarverslag'."
        )
    year = year or datetime.now(tz=UTC).year - 1
    try:
        (root / "tekst").mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise VerantwoordError(
            f"De map {root} kan niet worden gemaakt: {error.strerror or error}. "
            "Hint: kies een map waarin u mag schrijven."
        ) from None
    (root / CONFIG_FILE).write_text(
        _CONFIG.format(year=year, first=year - 4, organisation=EXAMPLE_ORGANISATION), encoding="utf-8"
    )
    (root / "tekst" / "1.md").write_text(_CHAPTER, encoding="utf-8")
    (root / "tekst" / "1.1.md").write_text(_SECTION, encoding="utf-8")
    (root / "tekst" / "toegankelijkheid.md").write_text(_STATEMENT, encoding="utf-8")
    indicators = [
        {
            "id": "tevredenheid-balie",
            "paragraaf": "1.1",
            "titel": "% bezoekers van de balie dat positief is over de dienstverlening",
            "eenheid": "%",
            "decimalen": 0,
            "polariteit": "hoger is beter",
            "bron": "Klanttevredenheidsonderzoek",
            "toelichting": EXAMPLE_TEXTS[2],
        }
    ]
    values = [
        {"indicator": "tevredenheid-balie", "periode": str(y), "soort": "realisatie", "waarde": str(80 + y % 5)}
        for y in range(year - 4, year)
    ]
    values.append(
        {
            "indicator": "tevredenheid-balie",
            "periode": str(year),
            "soort": "realisatie",
            "waarde": "geen cijfer",
            "reden": "de meting is dit jaar niet gedaan",
        }
    )
    values.append({"indicator": "tevredenheid-balie", "periode": str(year), "soort": "streefwaarde", "waarde": "85"})
    write_workbook(root / "indicatoren.xlsx", indicators, values, blank_rows=TEXT_ROWS)
    return root
