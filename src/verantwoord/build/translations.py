"""Every word the site shows a reader that does not come from the export, in Dutch and English."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "skip": "Naar de inhoud",
        "home": "Inhoud",
        "breadcrumbs": "Kruimelpad",
        "contents": "Inhoudsopgave",
        "pager": "Vorige en volgende pagina",
        "previous": "Vorige",
        "next": "Volgende",
        "realised": "Realisatie cijfers",
        "target": "Streefcijfers",
        "no_figure": "geen cijfer",
        "source": "Bron:",
        "explanation": "Toelichting:",
        "unit": "Eenheid:",
        "notes": "Noten bij de tabel",
        "note": "noot",
        "note_no_figure": "Geen cijfer voor {period}: {reason}",
        "note_footnote": "{period}: {text}",
        "indicators": "Indicatoren",
        "sections": "Paragrafen",
        "footer_built": "Deze pagina is gebouwd op {build} met de export van {export}",
        "footer_built_unknown": "Deze pagina is gebouwd op {build}",
        "document_of": "{title} van {organisation}",
    },
    "en": {
        "skip": "Skip to content",
        "home": "Contents",
        "breadcrumbs": "Breadcrumbs",
        "contents": "Table of contents",
        "pager": "Previous and next page",
        "previous": "Previous",
        "next": "Next",
        "realised": "Realised",
        "target": "Targets",
        "no_figure": "no figure",
        "source": "Source:",
        "explanation": "Explanation:",
        "unit": "Unit:",
        "notes": "Notes to the table",
        "note": "note",
        "note_no_figure": "No figure for {period}: {reason}",
        "note_footnote": "{period}: {text}",
        "indicators": "Indicators",
        "sections": "Sections",
        "footer_built": "This page was built on {build} from the export of {export}",
        "footer_built_unknown": "This page was built on {build}",
        "document_of": "{title} of {organisation}",
    },
}


def translator(language: str):
    texts = TEXTS[language]

    def translate(key: str, **fields: str) -> str:
        return texts[key].format(**fields) if fields else texts[key]

    return translate
