"""metingen.yaml: a full file reads into definitions; every mistake is reported with its line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from verantwoord import load_project
from verantwoord.errors import Problems, ProjectNotFound
from verantwoord.measure.definitions import (
    ErrorLimit,
    Granularity,
    InputFormat,
    KeyRule,
    Kind,
    Pause,
    ScaleKind,
    WaitRule,
    check_definitions,
    current_wording,
    read_definitions,
)
from verantwoord.model import parse_period

FULL = """\
tijdzone: Europe/Amsterdam
jaren: 2019-2020
foutgrens: 0,5%
schalen:
  zuil:
    soort: smileys
    zeer-tevreden: 1
  rapportcijfer:
    soort: cijfer
indicatoren:
  kcc-tevredenheid:
    soort: tevredenheid
    bestanden: [ruw/a.csv, ruw/b*.csv]
    kanaal: balie
    schaal: zuil
    positief-vanaf: 5
    vraag: Hoe tevreden bent u?
    locatie: stadhuis
    periode: kwartaal
    minimum: 50
    decimalen: 1
    foutgrens: 3
    niet-gemeten:
      - van: 2020-03-16
        reden: de zuil staat uit
      - tot: 31-12-2018
        reden: nog niet begonnen
  kcc-bereikbaarheid:
    soort: bereikbaarheid
    bestanden: ruw/queue_log
    wachtrijen: [kcc]
    binnen: 15
    korte-ophangers: 5
    toets: niet-meetellen
    wachttijd: totaal
"""


@pytest.fixture
def project(tmp_path: Path) -> Callable[[str], tuple[object, list[str]]]:
    for name in ("ruw/a.csv", "ruw/b1.csv", "ruw/b2.csv", "ruw/queue_log"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n", encoding="utf-8")

    def read(text: str) -> tuple[object, list[str]]:
        (tmp_path / "metingen.yaml").write_text(text, encoding="utf-8")
        problems = Problems()
        definitions = read_definitions(
            tmp_path, {"kcc-tevredenheid", "kcc-bereikbaarheid"}, problems, "het blad Indicatoren"
        )
        return definitions, [str(p) for p in problems]

    return read


def test_a_full_file(project) -> None:
    definitions, problems = project(FULL)
    assert problems == []
    assert definitions.timezone == "Europe/Amsterdam" and definitions.years == (2019, 2020)
    rating, reach = definitions.indicators
    assert rating.kind is Kind.RATING and rating.format is InputFormat.CSV
    assert rating.files == ("ruw/a.csv", "ruw/b1.csv", "ruw/b2.csv")
    assert (rating.channel, rating.question, rating.location) == ("balie", "Hoe tevreden bent u?", "stadhuis")
    assert (rating.scale.kind, rating.scale.best, rating.positive_from) == (ScaleKind.SMILEYS, 1, 5)
    assert (rating.granularity, rating.minimum, rating.decimals) == (Granularity.QUARTER, 50, 1)
    assert rating.error_limit == ErrorLimit(count=3)
    assert rating.pauses == (
        Pause(date(2020, 3, 16), None, "de zuil staat uit"),
        Pause(None, date(2018, 12, 31), "nog niet begonnen"),
    )
    assert reach.kind is Kind.REACHABILITY and reach.format is InputFormat.QUEUE_LOG
    assert (reach.queues, reach.within, reach.short_abandon) == (("kcc",), 15, 5)
    assert (reach.key_rule, reach.wait_rule) == (KeyRule.EXCLUDED, WaitRule.TOTAL)
    assert reach.error_limit == ErrorLimit(count=None, share=Decimal("0.005"))
    assert (reach.granularity, reach.minimum, reach.decimals) == (Granularity.YEAR, 100, None)


def test_defaults(project) -> None:
    text = """\
schalen:
  s: {soort: cijfer}
indicatoren:
  kcc-tevredenheid: {soort: tevredenheid, bestanden: ruw/a.csv, kanaal: k, schaal: s}
  kcc-bereikbaarheid: {soort: bereikbaarheid, bestanden: ruw/queue_log, binnen: 25}
"""
    definitions, problems = project(text)
    assert problems == []
    rating, reach = definitions.indicators
    assert rating.positive_from == 7 and rating.error_limit == ErrorLimit(count=0) and definitions.years is None
    assert (reach.queues, reach.short_abandon, reach.key_rule, reach.wait_rule) == (
        None,
        0,
        KeyRule.UNANSWERED,
        WaitRule.QUEUE,
    )


@pytest.mark.parametrize(
    "years", ["2019, 2020", "2019,2020", "[2019, 2020]", "2019-2020", "2019, 2020-2020", "2019, 2020,"]
)
def test_years_with_commas_and_no_brackets_are_a_list(project, years: str) -> None:
    """'jaren: 2019, 2020', as 'tabel.realisatie: 2019, 2020' is read in verantwoord.yaml, was refused as 'bevat geen
    geldige jaren. Gevonden: '2019, 2020''; YAML reads it as text, where [2019, 2020] is a list."""
    definitions, problems = project(FULL.replace("jaren: 2019-2020", f"jaren: {years}"))
    assert problems == []
    assert definitions.years == (2019, 2020)
    _, problems = project(FULL.replace("jaren: 2019-2020", "jaren: 2019, 2o20"))
    assert "metingen.yaml, regel 2: 'jaren' bevat geen geldige jaren. Gevonden: '2o20'." in problems[0]


def test_pauses_cover_every_period_they_touch() -> None:
    pause = Pause(date(2020, 3, 16), None, "uit")
    assert pause.overlaps(parse_period("2020")) and pause.overlaps(parse_period("Q1 2020"))
    assert not pause.overlaps(parse_period("2020-02")) and not pause.overlaps(parse_period("2019"))
    assert Pause(None, date(2016, 12, 31), "nog niet").overlaps(parse_period("2016"))
    assert not Pause(None, date(2016, 12, 31), "nog niet").overlaps(parse_period("2017"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("    kanaal: balie\n", "    kanal: balie\n"),
            "metingen.yaml, regel 14: onbekende sleutel 'indicatoren.kcc-tevredenheid.kanal'. Gevonden: 'kanal'. "
            "Verwacht: bestanden, binnen, decimalen, formaat, foutgrens, kanaal, korte-ophangers, locatie, minimum, "
            "niet-gemeten, periode, positief-vanaf, schaal, soort, toets, vraag, wachtrijen, wachttijd. "
            "Hint: bedoelt u 'kanaal'?",
        ),
        (
            ("    zeer-tevreden: 1\n", ""),
            "metingen.yaml, regel 6: 'schalen.zuil.zeer-tevreden' ontbreekt. Verwacht: 1 of 5. "
            "Hint: leveranciers verschillen: zoek op welke score 'zeer tevreden' is.",
        ),
        (
            ("    zeer-tevreden: 1\n", "    zeer-tevreden: 3\n"),
            "metingen.yaml, regel 7: 'schalen.zuil.zeer-tevreden' moet 1 of 5 zijn. Gevonden: '3'. Verwacht: 1 of 5.",
        ),
        (
            ("    schaal: zuil\n", "    schaal: smiley\n"),
            "metingen.yaml, regel 15: 'indicatoren.kcc-tevredenheid.schaal' is geen schaal uit 'schalen'. "
            "Gevonden: 'smiley'. Verwacht: rapportcijfer, zuil.",
        ),
        (
            ("    positief-vanaf: 5\n", "    positief-vanaf: 6\n"),
            "metingen.yaml, regel 16: 'indicatoren.kcc-tevredenheid.positief-vanaf' ligt buiten het bereik. "
            "Gevonden: '6'. Verwacht: een heel getal van 2 tot en met 5.",
        ),
        (
            ("  kcc-bereikbaarheid:\n", "  kcc-bereikbaarhied:\n"),
            "metingen.yaml, regel 28: onbekende indicator 'kcc-bereikbaarhied'. Gevonden: 'kcc-bereikbaarhied'. "
            "Verwacht: een id uit het blad Indicatoren. Hint: bedoelt u 'kcc-bereikbaarheid'?",
        ),
        (
            ("foutgrens: 0,5%\n", "foutgrens: veel\n"),
            "metingen.yaml, regel 3: 'foutgrens' is geen foutgrens. Gevonden: 'veel'. "
            "Verwacht: een aantal regels (zoals 10) of een percentage (zoals 0,5%).",
        ),
        (
            ("    bestanden: ruw/queue_log\n", "    bestanden: ../queue_log\n"),
            "metingen.yaml, regel 30: 'indicatoren.kcc-bereikbaarheid.bestanden' moet een pad in het project zijn. "
            "Gevonden: '../queue_log'. Verwacht: een pad zoals ruw/queue_log.",
        ),
        (
            ("    binnen: 15\n", ""),
            "metingen.yaml, regel 29: 'indicatoren.kcc-bereikbaarheid.binnen' ontbreekt. "
            "Verwacht: een aantal seconden, zoals 25 (VNG) of 15 (NEN 8878).",
        ),
        (
            ("    toets: niet-meetellen\n", "    toets: voicemail\n"),
            "metingen.yaml, regel 34: 'indicatoren.kcc-bereikbaarheid.toets' is geen geldige keuze. "
            "Gevonden: 'voicemail'. Verwacht: niet-beantwoord of beantwoord of niet-meetellen.",
        ),
        (
            ("    wachttijd: totaal\n", "    wachttijd: totaal\n    kanaal: kcc\n"),
            "metingen.yaml, regel 36: 'indicatoren.kcc-bereikbaarheid.kanaal' hoort niet bij een meting van "
            "bereikbaarheid. Hint: 'kanaal' geldt alleen voor tevredenheid.",
        ),
        (
            ("      - van: 2020-03-16\n", "      - van: 2021-03-16\n        tot: 2020-01-01\n"),
            "metingen.yaml, regel 25: 'indicatoren.kcc-tevredenheid.niet-gemeten[1].tot' ligt voor 'van'. "
            "Gevonden: '01-01-2020'. Verwacht: een dag vanaf 16-03-2021.",
        ),
        (
            ("        reden: de zuil staat uit\n", ""),
            "metingen.yaml, regel 24: 'indicatoren.kcc-tevredenheid.niet-gemeten[1].reden' ontbreekt. "
            "Verwacht: waarom er niet gemeten is; de lezer ziet dit bij 'geen cijfer' (verplicht).",
        ),
        (
            ("    periode: kwartaal\n", "    periode: week\n"),
            "metingen.yaml, regel 19: 'indicatoren.kcc-tevredenheid.periode' is geen geldige keuze. "
            "Gevonden: 'week'. Verwacht: jaar of kwartaal of maand.",
        ),
        (
            ("tijdzone: Europe/Amsterdam\n", "tijdzone: Amsterdam\n"),
            "metingen.yaml, regel 1: 'tijdzone' is geen bekende tijdzone. Gevonden: 'Amsterdam'. "
            "Verwacht: een naam als Europe/Amsterdam.",
        ),
        (
            ("    soort: bereikbaarheid\n", "    soort: bereikbaarheid\n    formaat: parquet\n"),
            "metingen.yaml, regel 30: 'indicatoren.kcc-bereikbaarheid.formaat' is geen geldige keuze. "
            "Gevonden: 'parquet'. Verwacht: queue_log of gesprekken.",
        ),
    ],
)
def test_every_mistake_is_named_with_its_line(project, change: tuple[str, str], message: str) -> None:
    old, new = change
    assert old in FULL
    definitions, problems = project(FULL.replace(old, new, 1))
    assert definitions is None
    assert message in problems, "\n".join(problems)


def test_a_pattern_that_finds_no_file_is_an_error_and_the_definitions_are_read(project) -> None:
    """For `measure`, which then still checks the other files and definitions before it stops."""
    definitions, problems = project(
        FULL.replace("    bestanden: ruw/queue_log\n", "    bestanden: [ruw/queue_log, ruw/queue_log.*]\n")
    )
    assert problems == [
        "metingen.yaml, regel 30: 'indicatoren.kcc-bereikbaarheid.bestanden' vindt geen bestand "
        "bij 'ruw/queue_log.*'. Verwacht: een bestand in het project (het pad is ten opzichte van de "
        "projectmap). Hint: in de map ruw staan: a.csv, b1.csv, b2.csv, queue_log.",
    ]
    rating, reach = definitions.indicators
    assert (rating.files, rating.unmatched) == (("ruw/a.csv", "ruw/b1.csv", "ruw/b2.csv"), ())
    assert (reach.files, reach.unmatched) == (("ruw/queue_log",), ("ruw/queue_log.*",))


@pytest.mark.parametrize(
    ("written", "meant"), [("kwartaaal", "kwartaal"), ("jaarlijks", "jaar"), ("Maandelijks", "maand")]
)
def test_a_misspelt_choice_is_pointed_to_the_one_meant(project, written: str, meant: str) -> None:
    """'periode: kwartaaal' was told the choices, not which one was meant, as a misspelt key is."""
    _, problems = project(FULL.replace("    periode: kwartaal\n", f"    periode: {written}\n"))
    assert problems == [
        f"metingen.yaml, regel 19: 'indicatoren.kcc-tevredenheid.periode' is geen geldige keuze. Gevonden: "
        f"'{written}'. Verwacht: jaar of kwartaal of maand. Hint: bedoelt u '{meant}'?"
    ]


def test_mistakes_are_told_in_the_order_of_their_lines(project) -> None:
    """An indicator's keys were checked in the reader's order ('soort', then unknown keys, then 'periode'): an
    unknown key on line 20 was told before the misspelt choice on line 19 above it."""
    text = FULL.replace("    periode: kwartaal\n", "    periode: kwartaaal\n    onbekend: 1\n").replace(
        "    soort: tevredenheid\n", "    soort: tevredenhied\n"
    )
    _, problems = project(text)
    assert [problem.split(":")[0] for problem in problems] == [
        "metingen.yaml, regel 12",
        "metingen.yaml, regel 19",
        "metingen.yaml, regel 20",
    ]


def test_a_pattern_that_finds_no_file_says_what_is_there(project, tmp_path: Path) -> None:
    """'ruw/telefonie/queue_log*' where logrotate's files are in ruw/, or a pattern typed on Windows
    ('ruw\\queue_log*'), was told only that it finds no file: the data owner had to look for themselves what the
    folder holds."""
    (tmp_path / "ruw/queue_log.1").write_text("x\n", encoding="utf-8")
    (tmp_path / "leeg").mkdir()
    patterns = "[ruw/telefonie/queue_log*, 'ruw\\queue_log*', ruw/queue_log.2*, leeg/*.csv]"
    _, problems = project(FULL.replace("    bestanden: ruw/queue_log\n", f"    bestanden: {patterns}\n"))
    start = "metingen.yaml, regel 30: 'indicatoren.kcc-bereikbaarheid.bestanden' vindt geen bestand bij "
    expected = "Verwacht: een bestand in het project (het pad is ten opzichte van de projectmap)."
    assert problems == [
        f"{start}'ruw/telefonie/queue_log*'. {expected} Hint: de map ruw/telefonie is er niet; in de map ruw staan: "
        "a.csv, b1.csv, b2.csv, queue_log, queue_log.1.",
        f"{start}'ruw\\queue_log*'. {expected} Hint: scheid mappen met / en niet met \\: ruw/queue_log*.",
        f"{start}'ruw/queue_log.2*'. {expected} Hint: in de map ruw staan: a.csv, b1.csv, b2.csv, queue_log, "
        "queue_log.1.",
        f"{start}'leeg/*.csv'. {expected} Hint: de map leeg is leeg.",
    ]


def test_a_pattern_that_finds_no_file_names_the_folders_there_too(project, tmp_path: Path) -> None:
    """'ruw/queue_log*' where the files are in ruw/telefonie/: the folder was told 'leeg' when it held only folders,
    and a folder beside its files went unnamed, the one the data owner had to write."""
    (tmp_path / "alleen-mappen/telefonie").mkdir(parents=True)
    (tmp_path / "ruw/telefonie").mkdir()
    patterns = "[alleen-mappen/queue_log*, ruw/telefonie.*]"
    _, problems = project(FULL.replace("    bestanden: ruw/queue_log\n", f"    bestanden: {patterns}\n"))
    start = "metingen.yaml, regel 30: 'indicatoren.kcc-bereikbaarheid.bestanden' vindt geen bestand bij "
    expected = "Verwacht: een bestand in het project (het pad is ten opzichte van de projectmap)."
    assert problems == [
        f"{start}'alleen-mappen/queue_log*'. {expected} Hint: in de map alleen-mappen staan: telefonie/.",
        f"{start}'ruw/telefonie.*'. {expected} Hint: in de map ruw staan: telefonie/, a.csv, b1.csv, b2.csv, "
        "queue_log.",
    ]


def test_a_windows_pattern_that_finds_nothing_with_slashes_either_says_what_is_there(project) -> None:
    """'ruw\\telefonie\\queue_log*' for files in ruw/ was told to use /, and the pattern it gave found nothing either:
    the data owner learnt what the folder holds only from the next run."""
    patterns = "['ruw\\telefonie\\queue_log*', 'ruw\\queue_log*', '\\\\server\\ruw\\queue_log*']"
    _, problems = project(FULL.replace("    bestanden: ruw/queue_log\n", f"    bestanden: {patterns}\n"))
    start = "metingen.yaml, regel 30: 'indicatoren.kcc-bereikbaarheid.bestanden' vindt geen bestand bij "
    expected = "Verwacht: een bestand in het project (het pad is ten opzichte van de projectmap)."
    assert problems == [
        f"{start}'ruw\\telefonie\\queue_log*'. {expected} Hint: scheid mappen met / en niet met \\; ook "
        "'ruw/telefonie/queue_log*' vindt geen bestand: de map ruw/telefonie is er niet; in de map ruw staan: a.csv, "
        "b1.csv, b2.csv, queue_log.",
        f"{start}'ruw\\queue_log*'. {expected} Hint: scheid mappen met / en niet met \\: ruw/queue_log*.",
        f"{start}'\\\\server\\ruw\\queue_log*'. {expected} Hint: scheid mappen met / en niet met \\: "
        "//server/ruw/queue_log*.",
    ]


def test_a_scale_with_a_mistake_is_named_once(project) -> None:
    """The indicators on a scale with a mistake were told "geen schaal uit 'schalen' (er zijn er geen)" as well,
    while the scale was there under its name; a misspelt name is pointed to the scale meant."""
    _, problems = project(FULL.replace("    soort: smileys\n", "    soort: smiley\n", 1))
    assert problems == [
        "metingen.yaml, regel 6: 'schalen.zuil.soort' is geen geldige keuze. Gevonden: 'smiley'. "
        "Verwacht: smileys of cijfer of ja-nee. Hint: bedoelt u 'smileys'?"
    ]
    _, problems = project(FULL.replace("    schaal: zuil\n", "    schaal: zuill\n", 1))
    assert problems == [
        "metingen.yaml, regel 15: 'indicatoren.kcc-tevredenheid.schaal' is geen schaal uit 'schalen'. "
        "Gevonden: 'zuill'. Verwacht: rapportcijfer, zuil. Hint: bedoelt u 'zuil'?"
    ]


TWO = """\
schalen:
  zuil: {soort: smileys, zeer-tevreden: 1}
indicatoren:
  balie-tevreden:
    soort: tevredenheid
    bestanden: ruw/a.csv
    kanaal: balie
    schaal: zuil
    vraag: Hoe tevreden bent u?
  balie-zeer-tevreden:
    soort: tevredenheid
    bestanden: [ruw/b*.csv, ruw/a.csv]
    kanaal: Balie
    schaal: zuil
    positief-vanaf: 5
    vraag: Hoe tevreden bent u?
"""


def test_two_indicators_whose_channel_differs_only_in_case_are_an_error(tmp_path: Path) -> None:
    """'Balie' and 'balie' were two channels, each read by its own indicator; now that a channel (question,
    location) is read in any case both read the same rows, which is not what was meant if they were two channels,
    and no way to write the same one. Over files they do not share, each reads its own rows."""
    for name in ("ruw/a.csv", "ruw/b1.csv"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n", encoding="utf-8")

    def read(text: str) -> list[str]:
        (tmp_path / "metingen.yaml").write_text(text, encoding="utf-8")
        problems = Problems()
        read_definitions(tmp_path, {"balie-tevreden", "balie-zeer-tevreden"}, problems, "het blad Indicatoren")
        return [str(p) for p in problems]

    assert read(TWO) == [
        "metingen.yaml, regel 13: 'indicatoren.balie-zeer-tevreden.kanaal' is 'Balie', en bij 'balie-tevreden' "
        "(regel 7) staat 'balie': hoofdletters tellen niet mee, dus beide metingen lezen hetzelfde kanaal. Hint: "
        "schrijf het kanaal bij beide metingen hetzelfde. Bedoelt u er twee die in de bestanden alleen in hoofdletters "
        "verschillen, laat de export ze dan anders noemen: verantwoord houdt ze niet uit elkaar."
    ]
    question = TWO.replace("Balie", "balie").replace("u?\n", "U?\n", 1)
    assert [p.split(" Hint:")[0] for p in read(question)] == [
        "metingen.yaml, regel 16: 'indicatoren.balie-zeer-tevreden.vraag' is 'Hoe tevreden bent u?', en bij "
        "'balie-tevreden' (regel 9) staat 'Hoe tevreden bent U?': hoofdletters tellen niet mee, dus beide metingen "
        "lezen dezelfde vraag."
    ]
    assert read(TWO.replace("Balie", "balie")) == []  # the same channel twice: another threshold on the same rows
    assert read(TWO.replace("[ruw/b*.csv, ruw/a.csv]", "ruw/b*.csv")) == []  # other files, other rows


def test_two_indicators_that_read_the_same_rows_on_different_scales_are_a_warning(tmp_path: Path) -> None:
    """A block copied for the forms with its channel left at 'balie' read the kiosk's five smileys as grades from 1
    to 10: 0% positive in every year, published without a word."""
    for name in ("a.csv", "b1.csv"):
        (tmp_path / "ruw").mkdir(exist_ok=True)
        (tmp_path / "ruw" / name).write_text("x\n", encoding="utf-8")
    copied = TWO.replace("Balie", "balie").replace(
        "    schaal: zuil\n    positief-vanaf: 5\n", "    schaal: cijfer\n    positief-vanaf: 7\n"
    )
    copied = copied.replace(
        "  zuil: {soort: smileys, zeer-tevreden: 1}\n",
        "  zuil: {soort: smileys, zeer-tevreden: 1}\n  cijfer: {soort: cijfer}\n",
    )
    (tmp_path / "metingen.yaml").write_text(copied, encoding="utf-8")
    problems = Problems()
    read_definitions(tmp_path, {"balie-tevreden", "balie-zeer-tevreden"}, problems, "het blad Indicatoren")
    assert [str(p) for p in problems] == [
        "metingen.yaml, regel 15: 'balie-zeer-tevreden' leest dezelfde reacties als 'balie-tevreden' (regel 9: "
        "kanaal balie, vraag Hoe tevreden bent u?), maar op een andere schaal: 'cijfer' en niet 'zuil'. Hint: verbeter "
        "het kanaal (of de vraag of locatie) van een van beide, of de schaal: één soort reacties heeft één schaal."
    ]


def test_no_file(tmp_path: Path) -> None:
    problems = Problems()
    assert read_definitions(tmp_path, None, problems, "") is None
    assert [str(p) for p in problems] == [
        "metingen.yaml: het project heeft geen metingen.yaml. "
        "Hint: beschrijf per indicator hoe hij gemeten wordt; zie de handleiding (metingen.md)."
    ]


def test_a_file_notepad_saved_with_txt_behind_its_name_is_named(tmp_path: Path) -> None:
    """Notepad saves 'metingen.yaml' as 'metingen.yaml.txt' and Windows hides the '.txt': the user read "het project
    heeft geen metingen.yaml" beside the file they had just saved."""
    (tmp_path / "metingen.yaml.txt").write_text("indicatoren: {}\n", encoding="utf-8")
    problems = Problems()
    assert read_definitions(tmp_path, None, problems, "") is None
    assert "Hint: het bestand heet metingen.yaml.txt: Kladblok zette er .txt achter" in str(problems[0])
    problems = Problems()
    assert check_definitions(tmp_path, None, problems, "") is None
    assert [str(p) for p in problems] == [
        "metingen.yaml.txt: dit bestand wordt niet gelezen. Hint: het bestand heet metingen.yaml.txt: Kladblok zette "
        "er .txt achter, en Windows verbergt dat. Hernoem het naar metingen.yaml (zet in de Verkenner onder Beeld "
        "'Bestandsnaamextensies' aan om het te zien)."
    ]
    (tmp_path / "verantwoord.yaml.txt").write_text("document: {}\n", encoding="utf-8")
    with pytest.raises(ProjectNotFound, match=r"Hernoem het naar verantwoord\.yaml "):
        load_project(tmp_path)


def test_method_says_how_it_was_measured(project) -> None:
    definitions, _ = project(FULL)
    rating, reach = definitions.indicators
    assert rating.method() == (
        "aandeel reacties met 1 of lager op vijf smileys (1 tot en met 5, 1 = zeer tevreden); kanaal balie; "
        "vraag 'Hoe tevreden bent u?'; locatie stadhuis; een reactie die in meer bestanden staat, telt één keer; "
        "per kwartaal, 95%-betrouwbaarheidsinterval volgens Wilson; minimaal 50 reacties"
    )
    assert reach.method() == (
        "aandeel gesprekken in de wachtrij kcc dat binnen 15 seconden is beantwoord (de totale wachttijd); "
        "wie binnen 5 seconden na binnenkomst ophangt, telt niet mee; een toets (voicemail, terugbellen) telt "
        "niet mee; een gesprek dat opnieuw in een wachtrij komt telt één keer; per jaar, "
        "95%-betrouwbaarheidsinterval volgens Wilson; minimaal 100 gesprekken"
    )


def test_the_method_of_a_list_of_calls_names_no_rule_for_a_key_press(project) -> None:
    """A list of calls (formaat: gesprekken) has no key press (EXITWITHKEY), so its method said a rule that was not
    applied; a call that enters a queue again (the same id on more lines of one day) does count once."""
    calls = FULL.replace("    toets: niet-meetellen\n", "    formaat: gesprekken\n")
    definitions, problems = project(calls)
    assert problems == []
    reach = definitions.indicators[1]
    assert reach.method() == (
        "aandeel gesprekken in de wachtrij kcc dat binnen 15 seconden is beantwoord (de totale wachttijd); "
        "wie binnen 5 seconden na binnenkomst ophangt, telt niet mee; een gesprek dat opnieuw in een wachtrij komt "
        "telt één keer; per jaar, 95%-betrouwbaarheidsinterval volgens Wilson; minimaal 100 gesprekken"
    )
    assert "key" not in reach.method("en")
    # Results measured before say the same definition with a rule for a key press, whichever it was: the same method,
    # for a list of calls only.
    earlier = {
        "nl": reach.method("nl").replace(
            "; een gesprek", "; een toets (voicemail, terugbellen) telt als beantwoord; een gesprek"
        ),
        "en": reach.method("en").replace("; a call", "; a key press (voicemail, callback) is not counted; a call"),
    }
    for language, method in earlier.items():
        assert method != reach.method(language)
        assert current_wording(method, InputFormat.CALLS) == reach.method(language)
        assert current_wording(method, InputFormat.QUEUE_LOG) == method
    # The setting for a key press, with a list of calls, was read and changed nothing, without a word.
    _, problems = project(
        FULL.replace("    toets: niet-meetellen\n", "    toets: niet-meetellen\n    formaat: gesprekken\n")
    )
    assert [problem.split(": ", 1)[1] for problem in problems] == [
        "'indicatoren.kcc-bereikbaarheid.toets' doet niets bij 'formaat: gesprekken': een lijst van gesprekken heeft "
        "geen toetsen, alleen een queue_log. Hint: haal 'toets' weg."
    ]


def test_a_method_in_earlier_words_is_read_as_the_same_method() -> None:
    """The published method said "dubbele reacties tellen één keer", though repeats within one file count each, a
    minimum as 5000 beside the reason's 5.000, and "de wachtrijen KCC" for one queue: results measured before say
    the same definition in those words, which must not be called a changed definition."""
    earlier = (
        "aandeel gesprekken in de wachtrijen KCC dat binnen 25 seconden is beantwoord; dubbele reacties tellen één "
        "keer; minimaal 5000 gesprekken"
    )
    assert current_wording(earlier, InputFormat.QUEUE_LOG) == (
        "aandeel gesprekken in de wachtrij KCC dat binnen 25 seconden is beantwoord; een reactie die in meer "
        "bestanden staat, telt één keer; minimaal 5.000 gesprekken"
    )
    two = "aandeel gesprekken in de wachtrijen a en b dat binnen 25 seconden; minimaal 100 gesprekken"
    assert current_wording(two, InputFormat.QUEUE_LOG) == two
    assert current_wording(two.replace(" en ", ", "), InputFormat.QUEUE_LOG) == two
    english = "share of calls in the queues KCC answered within 9 seconds; at least 5000 calls"
    assert current_wording(english, InputFormat.QUEUE_LOG) == (
        "share of calls in the queue KCC answered within 9 seconds; at least 5,000 calls"
    )
    three = "share of calls in the queues a, b and c answered within 9 seconds"
    assert current_wording(three, InputFormat.QUEUE_LOG) == three
    for earlier in ("a, b, c", "a, b, and c"):  # commas only; the American list of versions up to December 2026
        method = f"share of calls in the queues {earlier} answered within 9 seconds"
        assert current_wording(method, InputFormat.QUEUE_LOG) == three


def test_queues_are_listed_as_a_reader_says_them(project) -> None:
    """A method names its queues "a, b en c" (and in English "a, b and c"), not as a list of commas. In British
    English, as the years under a chart and on the home page: it said "a, b, and c" on an English site that lists
    "2017, 2018 and 2019" everywhere else."""
    definitions, problems = project(
        FULL.replace("wachtrijen: [kcc]", "wachtrijen: [kcc-algemeen, kcc-burgerzaken, kcc-belastingen]")
    )
    assert problems == []
    definition = definitions.indicators[1]
    assert "in de wachtrijen kcc-algemeen, kcc-burgerzaken en kcc-belastingen dat binnen" in definition.method("nl")
    assert "in the queues kcc-algemeen, kcc-burgerzaken and kcc-belastingen answered within" in definition.method("en")


@pytest.mark.parametrize("queues", ["kcc-algemeen, kcc-burgerzaken", "kcc-algemeen,kcc-burgerzaken,"])
def test_queues_with_commas_and_no_brackets_are_a_list(project, queues: str) -> None:
    """'wachtrijen: kcc-algemeen, kcc-burgerzaken' was one queue of that name, which no call came in to."""
    definitions, problems = project(FULL.replace("wachtrijen: [kcc]", f"wachtrijen: {queues}"))
    assert problems == []
    assert definitions.indicators[1].queues == ("kcc-algemeen", "kcc-burgerzaken")


@pytest.mark.parametrize(
    ("scale", "earlier", "now"),
    [
        (
            "{soort: smileys, zeer-tevreden: 5}",
            "share of responses of 4 or higher on five smileys (1 to 5, 5 = very satisfied)",
            "share of responses of 4 or higher on a scale of five smileys (1 to 5, 5 = very satisfied)",
        ),
        (
            "{soort: cijfer}",
            "share of responses of 7 or higher on a grade from 1 to 10",
            "share of responses of 7 or higher on a scale of 1 to 10",
        ),
        ("{soort: ja-nee}", "share of responses 'yes' on yes or no", "share of 'yes' responses on a yes/no scale"),
    ],
)
def test_an_english_scale_reads_as_english(project, scale: str, earlier: str, now: str) -> None:
    """The method said "on five smileys", "on a grade from 1 to 10" and "share of responses 'yes' on yes or no": the
    Dutch words one by one. Results measured in those words are the same definition, not a changed one."""
    text = FULL.replace("  zuil:\n    soort: smileys\n    zeer-tevreden: 1\n", f"  zuil: {scale}\n")
    text = text.replace("    positief-vanaf: 5\n", "")
    definitions, problems = project(text)
    assert problems == []
    method = definitions.indicators[0].method("en")
    assert method.startswith(now + "; channel balie;")
    assert current_wording(method.replace(now, earlier), InputFormat.CSV) == method
    assert current_wording(method, InputFormat.CSV) == method


def test_method_follows_the_documents_language(project) -> None:
    definitions, _ = project(FULL)
    rating, reach = definitions.indicators
    assert rating.method("en") == (
        "share of responses of 1 or lower on a scale of five smileys (1 to 5, 1 = very satisfied); channel balie; "
        "question 'Hoe tevreden bent u?'; location stadhuis; a response in more than one file counts once; "
        "per quarter, 95% Wilson confidence interval; at least 50 responses"
    )
    assert reach.method("en") == (
        "share of calls in the queue kcc answered within 15 seconds (the total wait); "
        "callers who hang up within 5 seconds of coming in are not counted; a key press (voicemail, callback) is "
        "not counted; a call that re-enters a queue counts once; per year, 95% Wilson confidence interval; "
        "at least 100 calls"
    )
