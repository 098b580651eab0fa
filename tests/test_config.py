from pathlib import Path

import pytest

from verantwoord.config import CONFIG_FILE, read_config
from verantwoord.errors import Problems, ProjectNotFound
from verantwoord.model import ColumnKind, DocumentKind, LayoutKind, Period, SeriesPlacement, ValueKind


def _config(tmp_path: Path, text: str) -> tuple[object, Problems]:
    (tmp_path / "verantwoord.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "indicatoren.xlsx").write_bytes(b"")
    problems = Problems()
    return read_config(tmp_path, problems), problems


MINIMAL = "document:\n  soort: jaarverslag\n  jaar: 2020\n  organisatie: Gemeente X\n"


def test_defaults(tmp_path: Path) -> None:
    config, problems = _config(tmp_path, MINIMAL)
    assert not problems
    assert config.kind is DocumentKind.JAARVERSLAG
    assert config.title == "Jaarverslag 2020"
    assert config.layout.realised == tuple(Period.of_year(y) for y in range(2016, 2021))
    assert config.layout.target == (Period.of_year(2020),)
    assert config.output_dir == tmp_path / "site"
    assert config.datetime_format == "d MMMM yyyy 'om' HH:mm"
    assert config.export_time is None


def test_years_and_export_time(tmp_path: Path) -> None:
    config, problems = _config(
        tmp_path,
        MINIMAL + "tabel:\n  realisatie: [2016, 2019-2020]\n  streefwaarde: [2024, 2027]\n"
        "export:\n  tijd: 25-05-2021 13:50:49\n",
    )
    assert not problems
    assert [p.year for p in config.layout.realised] == [2016, 2019, 2020]
    assert [p.year for p in config.layout.target] == [2024, 2027]
    assert config.export_time.isoformat() == "2021-05-25T13:50:49+02:00"


@pytest.mark.parametrize("years", ["2024, 2027", "2024,2027", "'2024, 2027'"])
def test_years_with_commas_and_no_brackets_are_a_list(tmp_path: Path, years: str) -> None:
    """'streefwaarde: 2024, 2027', as the hint 'voeg het jaar toe aan tabel.streefwaarde' is followed, was refused
    as 'bevat geen geldige jaren'; YAML reads it as text, where [2024, 2027] is a list."""
    config, problems = _config(tmp_path, MINIMAL + f"tabel:\n  realisatie: 2016, 2019-2020\n  streefwaarde: {years}\n")
    assert not problems, [str(p) for p in problems]
    assert [p.year for p in config.layout.realised] == [2016, 2019, 2020]
    assert [p.year for p in config.layout.target] == [2024, 2027]
    _, problems = _config(tmp_path, MINIMAL + "tabel:\n  streefwaarde: 2024, 2o27\n")
    assert "'tabel.streefwaarde' bevat geen geldige jaren. Gevonden: '2o27'." in str(problems[0])


@pytest.mark.parametrize("span", ["2016–2020", "2016 – 2020", "2016—2020"])
def test_a_span_of_years_with_the_dash_word_types_is_read(tmp_path: Path, span: str) -> None:
    """'realisatie: 2016–2020' copied from a Word note (its en dash) was refused as 'bevat geen geldige jaren'."""
    config, problems = _config(tmp_path, MINIMAL + f"tabel:\n  realisatie: {span}\n")
    assert not problems, [str(p) for p in problems]
    assert [p.year for p in config.layout.realised] == [2016, 2017, 2018, 2019, 2020]


@pytest.mark.parametrize("years", ["2024, 2027,", "2024,2027 ,", "[2024, 2027,]"])
def test_a_comma_after_the_last_year_is_left_out(tmp_path: Path, years: str) -> None:
    """'streefwaarde: 2024, 2027,' was 'bevat geen geldige jaren. Gevonden: '''; YAML reads [2024, 2027,] as two
    years, so the list without brackets is read the same."""
    config, problems = _config(tmp_path, MINIMAL + f"tabel:\n  streefwaarde: {years}\n")
    assert not problems, [str(p) for p in problems]
    assert [p.year for p in config.layout.target] == [2024, 2027]


def test_no_year_between_two_commas_names_the_whole_value(tmp_path: Path) -> None:
    """'2024,, 2027' (a year left out, or a comma typed twice) was 'Gevonden: ""', which names nothing typed."""
    _, problems = _config(tmp_path, MINIMAL + "tabel:\n  streefwaarde: 2024,, 2027\n")
    assert (
        "'tabel.streefwaarde' heeft geen jaar tussen twee komma's. Gevonden: '2024,, 2027'. "
        "Verwacht: jaren zoals 2016-2020 of 2024, 2027." in str(problems[0])
    )


def test_realisation_years_after_the_documents_year_are_a_warning(tmp_path: Path) -> None:
    """'realisatie: 2016-2022' in the annual report over 2020 added two columns of 'geen cijfer' without a word."""
    config, problems = _config(tmp_path, MINIMAL + "tabel:\n  realisatie: 2016-2022\n")
    assert config is not None
    assert [str(p) for p in problems] == [
        "verantwoord.yaml, regel 6: 'tabel.realisatie' loopt tot na 2020: een realisatie voor 2021 en 2022 kan niet "
        "in het document over 2020 staan, dus die kolommen tonen altijd 'geen cijfer'. Hint: laat de jaren eindigen "
        "bij 2020; een streefwaarde of verwachting heeft een eigen kolom."
    ]
    # The years in a sentence, as Dutch lists them: '2021, 2022 en 2023', not '2021, 2022, 2023'.
    for years, listed in (("[2019, 2021]", "2021 kan"), ("2016-2023", "2021, 2022 en 2023 kan")):
        _, problems = _config(tmp_path, MINIMAL + f"tabel:\n  realisatie: {years}\n")
        assert f"een realisatie voor {listed} niet" in str(problems[0])


@pytest.mark.parametrize(
    ("years", "suggested"), [("2020-2024", "2021-2025"), ("[2020, 2022, 2024]", "[2021, 2023, 2025]"), ("2024", "2025")]
)
def test_realisation_years_that_end_before_the_annual_reports_year_are_a_warning(
    tmp_path: Path, years: str, suggested: str
) -> None:
    """A project copied from last year with only document.jaar changed kept 'realisatie: 2020-2024': check said
    nothing until the export had values for 2025."""
    text = "document:\n  soort: jaarverslag\n  jaar: 2025\n  organisatie: X\n"
    _, problems = _config(tmp_path, text + f"tabel:\n  realisatie: {years}\n")
    assert [str(p) for p in problems] == [
        f"verantwoord.yaml, regel 6: 'tabel.realisatie' eindigt bij 2024, voor het jaar van het jaarverslag (2025): "
        f"de realisatie over 2025 staat niet in de tabel. Hint: laat de jaren eindigen bij 2025, zoals {suggested}. "
        "Komt het project van vorig jaar, schuif dan alle jaren in 'tabel' op."
    ]
    # A budget shows the years before its own; a section's own table is told at its own line.
    _, problems = _config(tmp_path, text.replace("jaarverslag", "begroting") + f"tabel:\n  realisatie: {years}\n")
    assert list(problems) == []
    _, problems = _config(tmp_path, text + f"paragrafen:\n  '4.1':\n    tabel:\n      realisatie: {years}\n")
    assert [(p.location.line, p.message[:60]) for p in problems] == [
        (8, "paragraaf 4.1: 'tabel.realisatie' eindigt bij 2024, voor het")
    ]


def test_unknown_key_suggests_the_right_one_with_its_line(tmp_path: Path) -> None:
    config, problems = _config(tmp_path, MINIMAL + "tabel:\n  realisatie: 2016-2020\n  streefwaarden: 2020\n")
    assert config is not None  # returned with defaults, so the export is still checked in the same run
    assert [str(p) for p in problems] == [
        "verantwoord.yaml, regel 7: onbekende instelling 'tabel.streefwaarden'. Hint: bedoelt u 'tabel.streefwaarde'?"
    ]


def test_a_key_that_yaml_reads_as_a_number_is_an_unknown_setting_with_its_line(tmp_path: Path) -> None:
    """`2024:` ended every command in a KeyError: the key's line was looked up by its text."""
    _, problems = _config(tmp_path, MINIMAL + "2024: ja\n")
    assert [str(p) for p in problems] == [
        "verantwoord.yaml, regel 5: onbekende instelling '2024'. Hint: zie de handleiding voor alle instellingen."
    ]


def test_every_problem_at_once(tmp_path: Path) -> None:
    config, problems = _config(
        tmp_path, "document:\n  soort: jaarrekening\n  jaar: twintig\ntaal: fr\ndatumformaat: 'qqqq'\n"
    )
    assert config is None
    messages = "\n".join(str(p) for p in problems)
    assert "regel 2: 'document.soort' is geen bekende documentsoort" in messages
    assert "regel 3: 'document.jaar' is geen jaartal" in messages
    assert "'document.organisatie' ontbreekt" in messages
    assert "regel 4: 'taal' is geen ondersteunde taal" in messages


@pytest.mark.parametrize("pattern", ["5", "'***'", "\"'tijd'\""])
def test_a_date_format_that_shows_no_date_is_refused(tmp_path: Path, pattern: str) -> None:
    """`datumformaat: 5` was accepted and every footer said "gebouwd op 5"."""
    _, problems = _config(tmp_path, MINIMAL + f"datumformaat: {pattern}\n")
    assert problems.errors
    assert "'datumformaat' toont geen datum of tijd" in str(problems[0])
    config, problems = _config(tmp_path, MINIMAL + "datumformaat: MMMM yyyy\n")
    assert config is not None and not problems


@pytest.mark.parametrize(
    ("pattern", "warned"),
    [
        ('"DD-MM-yyyy HH:mm"', "gebruikt D: de dag van het jaar"),
        ('"dd-MM-YYYY"', "gebruikt Y: het jaar van de week"),
        ('"dd-MM-yyyy hh:mm"', "gebruikt h: de uren tot 12"),
        ('"dd-mm-yyyy"', "heeft mm (de minuten) maar geen MM (de maand)"),
        ('"dd-MM-yyyy \'om HH:mm"', "heeft een aanhalingsteken (') dat niet gesloten wordt"),
        ("\"d MMMM yyyy 'om' HH:mm\"", None),
        ('"dd-MM-yyyy hh:mm a"', None),
        ("\"dd-MM-yyyy 'o''clock' HH\"", None),
        ('"HH:mm"', None),
    ],
)
def test_a_date_format_that_likely_shows_another_date_is_a_warning(
    tmp_path: Path, pattern: str, warned: str | None
) -> None:
    """'DD-MM-yyyy' put "gebouwd op 333-11-2026" in every footer, 'dd-mm-yyyy' the minutes for the month, an
    unclosed quote swallowed the time: each without a word."""
    _, problems = _config(tmp_path, MINIMAL + f"datumformaat: {pattern}\n")
    assert not problems.errors
    if warned is None:
        assert list(problems.warnings) == []
    else:
        assert len(problems.warnings) == 1 and problems.warnings[0].message.startswith(f"'datumformaat' {warned}")


def test_a_font_list_with_a_quote_that_is_not_closed_is_refused(tmp_path: Path) -> None:
    """The stylesheet's declaration ended inside the name and browsers dropped it: the font was not applied."""
    _, problems = _config(tmp_path, MINIMAL + 'thema:\n  lettertype: "\'Source Sans Pro, Arial"\n')
    assert [p.message for p in problems.errors] == [
        "'thema.lettertype' heeft een aanhalingsteken dat niet gesloten wordt."
    ]


def test_an_english_site_names_the_month_in_its_dates(tmp_path: Path) -> None:
    """05-11-2026 reads as 11 May in the United States."""
    config, _ = _config(tmp_path, MINIMAL + "taal: en\n")
    assert config.datetime_format == "d MMMM yyyy 'at' HH:mm"
    config, _ = _config(tmp_path, MINIMAL)
    assert config.datetime_format == "d MMMM yyyy 'om' HH:mm"


@pytest.mark.parametrize("years", ["'2020²'", "'2016-2020¹'", "①"])
def test_a_footnote_mark_after_a_year_is_reported_not_a_traceback(tmp_path: Path, years: str) -> None:
    """'2020²' (a footnote mark pasted from Word) is isdigit() to Python, and int() then raised a ValueError in
    check, build and diff, and stopped a running serve."""
    _, problems = _config(tmp_path, MINIMAL + f"tabel:\n  realisatie: {years}\n")
    assert "'tabel.realisatie' bevat geen geldige jaren." in str(problems[0])


@pytest.mark.parametrize("mark", ["0", "-2020", "'n.v.t. (0)'"])
def test_a_mark_for_no_figure_that_holds_a_digit_is_refused(tmp_path: Path, mark: str) -> None:
    """'geen-cijfer: 0' showed every missing figure as 0, with the legend '0 betekent: geen cijfer'."""
    _, problems = _config(tmp_path, MINIMAL + f"tabel:\n  geen-cijfer: {mark}\n")
    assert "'tabel.geen-cijfer' mag geen cijfer bevatten" in str(problems[0])


def test_a_mark_for_no_figure_that_is_too_long_names_the_limit(tmp_path: Path) -> None:
    _, problems = _config(tmp_path, MINIMAL + "tabel:\n  geen-cijfer: niet beschikbaar\n")
    assert [str(p) for p in problems] == [
        "verantwoord.yaml, regel 6: 'tabel.geen-cijfer' is te lang voor een teken in een tabelcel: 16 tekens, "
        "hoogstens 12. Gevonden: 'niet beschikbaar'. Verwacht: een kort teken van hoogstens 12 tekens, zoals #."
    ]


def test_a_series_beside_two_figure_columns_is_no_repeat(tmp_path: Path) -> None:
    """A series column belongs to the figure column before it: Nederland beside the realisation and the target."""
    _, problems = _config(
        tmp_path, MINIMAL + "tabel:\n  kolommen: [realisatie 2020, reeks NL, streefwaarde 2020, reeks NL]\n"
    )
    assert not problems


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("realisatie: []", "'tabel.realisatie' is leeg."),
        ("streefwaarde: []", "'tabel.streefwaarde' is leeg."),
        ("realisatie: 1900-2200", "'tabel.realisatie' beslaat 301 jaren: zoveel kolommen passen in geen tabel."),
        ("kolommen: [realisatie, bron, bron]", "'tabel.kolommen' noemt dezelfde kolom twee keer. Gevonden: 'bron'."),
        (
            "kolommen: [realisatie 2019, reeks NL, streefwaarde 2020, reeks NL, reeks NL]",
            "'tabel.kolommen' noemt dezelfde kolom twee keer. Gevonden: 'reeks NL'.",
        ),
    ],
)
def test_table_settings_that_would_make_an_odd_table_are_refused(tmp_path: Path, table: str, message: str) -> None:
    """Each was accepted without a word: [] made an undocumented column, 1900-2200 a page of 301 columns."""
    _, problems = _config(tmp_path, MINIMAL + f"tabel:\n  {table}\n")
    assert message in str(problems[0]), problems


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ("[realisatie 2020, reeks NL, realisatie 2020, reeks NL]", "noemt dezelfde kolom twee keer"),
        ("[realisatie 20x0, reeks NL]", "bevat een kolom met ongeldige jaren"),
    ],
)
def test_one_mistake_in_the_columns_is_one_error(tmp_path: Path, columns: str, message: str) -> None:
    """The series after a refused figure column belongs to it: it was reported a second time, as a repeat of its
    own or as a series that stands after no figure column."""
    _, problems = _config(tmp_path, MINIMAL + f"tabel:\n  kolommen: {columns}\n")
    assert len(problems) == 1, problems
    assert message in str(problems[0])


def test_duplicate_keys_are_reported(tmp_path: Path) -> None:
    _, problems = _config(tmp_path, MINIMAL + "taal: nl\ntaal: en\n")
    assert "de sleutel 'taal' staat twee keer" in str(problems[0])


def test_no_project(tmp_path: Path) -> None:
    with pytest.raises(ProjectNotFound):
        read_config(tmp_path, Problems())


def test_no_project_says_where_the_beginner_went_wrong(tmp_path: Path) -> None:
    """A folder that is not there, or 'verantwoord check' typed in the project's tekst/, was told alike that
    <folder>/verantwoord.yaml did not exist, and to make a project: a second project, where the first was a typo or
    one folder up."""
    (tmp_path / "jaarverslag-2024" / "tekst").mkdir(parents=True)
    (tmp_path / "jaarverslag-2024" / CONFIG_FILE).write_text(MINIMAL, encoding="utf-8")
    with pytest.raises(ProjectNotFound) as missing:
        read_config(tmp_path / "jaarverslag-2042", Problems())
    assert str(missing.value) == (
        f"Geen project gevonden: de map {tmp_path / 'jaarverslag-2042'} bestaat niet. Hint: kijk of de naam van de "
        "map klopt, of maak een project met 'verantwoord new MAP'."
    )
    with pytest.raises(ProjectNotFound) as inside:
        read_config(tmp_path / "jaarverslag-2024" / "tekst", Problems())
    assert str(inside.value) == (
        f"Geen project gevonden: {tmp_path / 'jaarverslag-2024' / 'tekst' / CONFIG_FILE} bestaat niet. Hint: de map "
        f"erboven, {tmp_path / 'jaarverslag-2024'}, is een project: ga daarheen met 'cd ..', of geef die map op."
    )


def test_a_dotted_key_written_flat_is_reported_not_ignored(tmp_path: Path) -> None:
    _, problems = _config(tmp_path, MINIMAL + "tabel.realisatie: 2019-2020\n")
    assert problems.errors
    assert [str(p) for p in problems] == [
        "verantwoord.yaml, regel 5: 'tabel.realisatie' staat op één regel; verantwoord leest alleen de groep "
        "'tabel:' met 'realisatie:' eronder. Hint: schrijf 'tabel:' op een regel en daaronder, ingesprongen, "
        "'realisatie: …'."
    ]


def test_a_required_key_written_flat_is_one_problem_not_two(tmp_path: Path) -> None:
    """'document.soort: jaarverslag' on one line was reported as written flat and then as missing: six errors for
    the three lines of a beginner, who read that the setting he had written was not there."""
    _, problems = _config(tmp_path, "document.soort: jaarverslag\ndocument.jaar: 2020\ndocument.organisatie: X\n")
    assert [(p.location.line, "staat op één regel" in p.message) for p in problems] == [(1, True), (2, True), (3, True)]


def test_a_key_written_flat_in_a_document_of_documenten_is_said_to_be_written_flat(tmp_path: Path) -> None:
    """'document.soort: …' in an entry of documenten was 'kan niet per document worden ingesteld', though the group
    document can: the user moved a setting that belongs there."""
    _, problems = _config(
        tmp_path,
        "document:\n  organisatie: X\ndocumenten:\n  - map: a\n    document.soort: jaarverslag\n    document:\n"
        "      jaar: 2020\n  - map: b\n    export.bestand: x.xlsx\n    document:\n      soort: begroting\n"
        "      jaar: 2021\n",
    )
    assert [str(p) for p in problems.errors] == [
        "verantwoord.yaml, regel 5: documenten, document 1: 'document.soort' staat op één regel; verantwoord leest "
        "alleen de groep 'document:' met 'soort:' eronder. Hint: schrijf 'document:' op een regel en daaronder, "
        "ingesprongen, 'soort: …'.",
        "verantwoord.yaml, regel 9: documenten, document 2: 'export.bestand' kan niet per document worden ingesteld. "
        "Verwacht: document, map, paragrafen, pdf, tabel, tekst. Hint: zet gedeelde instellingen bovenaan "
        "verantwoord.yaml, buiten 'documenten'.",
    ]


def test_a_misspelt_key_in_a_document_of_documenten_suggests_the_key(tmp_path: Path) -> None:
    """'tekts:' or 'pfd:' in an entry of documenten was 'kan niet per document worden ingesteld' with the shared
    settings' hint, which sent the user to move a setting that only had a typo; elsewhere a typo gets 'bedoelt u'."""
    _, problems = _config(
        tmp_path,
        "document:\n  organisatie: X\ndocumenten:\n  - map: a\n    tekts: teksten/a\n    document:\n"
        "      soort: jaarverslag\n      jaar: 2020\n  - map: b\n    uitvoor: publiceren\n    document:\n"
        "      soort: begroting\n      jaar: 2021\n    tabel:\n      kolomen: [realisatie]\n",
    )
    assert [str(p) for p in problems.errors] == [
        "verantwoord.yaml, regel 5: documenten, document 1: onbekende instelling 'tekts'. Hint: bedoelt u 'tekst'?",
        "verantwoord.yaml, regel 10: documenten, document 2: onbekende instelling 'uitvoor'. Hint: bedoelt u "
        "'uitvoer'? Die geldt voor alle documenten: zet hem bovenaan verantwoord.yaml, buiten 'documenten'.",
        "verantwoord.yaml, regel 15: documenten, document 2: onbekende instelling 'tabel.kolomen'. Hint: bedoelt u "
        "'tabel.kolommen'?",
    ]


def test_a_misspelt_group_suggests_the_group(tmp_path: Path) -> None:
    _, problems = _config(tmp_path, MINIMAL + "tabell:\n  realisatie: 2019-2020\n")
    assert str(problems[0]).endswith("Hint: bedoelt u 'tabel'?")


def test_default_title_follows_the_language(tmp_path: Path) -> None:
    config, _ = _config(tmp_path, MINIMAL + "taal: en\n")
    assert config.title == "Annual report 2020"


def test_table_layout_with_chosen_columns(tmp_path: Path) -> None:
    config, problems = _config(
        tmp_path,
        MINIMAL + "tabel:\n  indeling: overzicht\n  streefwaarde: [2024, 2027]\n  geen-cijfer: '#'\n"
        "  kolommen: [nulmeting, realisatie 2016, begroting 2017-2018, streefwaarde, laatste meting,\n"
        "             reeks Nederland, verwachting 2019, eenheid, bron, periode]\n",
    )
    assert not problems
    layout = config.layout
    assert (layout.kind, layout.series, layout.no_figure_mark) == (LayoutKind.OVERVIEW, SeriesPlacement.COLUMNS, "#")
    assert [(c.what, c.kind, [p.label for p in c.periods], c.series) for c in layout.columns] == [
        (ColumnKind.VALUES, ValueKind.BASELINE, [], ""),
        (ColumnKind.VALUES, ValueKind.REALISED, ["2016"], ""),
        (ColumnKind.VALUES, ValueKind.BUDGET, ["2017", "2018"], ""),
        (ColumnKind.VALUES, ValueKind.TARGET, ["2024", "2027"], ""),
        (ColumnKind.LATEST, None, [], ""),
        (ColumnKind.SERIES, None, [], "Nederland"),
        (ColumnKind.VALUES, ValueKind.EXPECTED, ["2019"], ""),
        (ColumnKind.UNIT, None, [], ""),
        (ColumnKind.SOURCE, None, [], ""),
        (ColumnKind.PERIOD, None, [], ""),
    ]


def test_a_comma_after_a_columns_last_year_is_left_out(tmp_path: Path) -> None:
    """'- streefwaarde 2024, 2027,' in tabel.kolommen was 'bevat een kolom met ongeldige jaren', while
    'streefwaarde: 2024, 2027,' is the two years: one way of writing years, in the setting and in its column."""
    config, problems = _config(
        tmp_path, MINIMAL + "tabel:\n  kolommen:\n    - realisatie 2019, 2020,\n    - streefwaarde 2024 en 2027 ,\n"
    )
    assert not problems, [str(p) for p in problems]
    assert [[p.year for p in c.periods] for c in config.layout.columns] == [[2019, 2020], [2024, 2027]]


def test_a_year_split_off_its_column_by_the_brackets_is_said_so(tmp_path: Path) -> None:
    """'kolommen: [realisatie, streefwaarde 2024, 2027]' is three items in YAML, and '2027' was 'een onbekende kolom'
    without a word of why."""
    _, problems = _config(tmp_path, MINIMAL + "tabel:\n  kolommen: [realisatie, streefwaarde 2024, 2027]\n")
    assert [str(p) for p in problems] == [
        "verantwoord.yaml, regel 6: 'tabel.kolommen' bevat een kolom die alleen een jaar is. Tussen rechte haken "
        "begint na een komma de volgende kolom: bedoelt u 'streefwaarde 2024, 2027'? Zet die kolom dan op een eigen "
        "regel (- streefwaarde 2024, 2027). Gevonden: '2027'. Verwacht: kolommen als realisatie 2016-2020, "
        "streefwaarde 2024 en 2027, begroting 2017, verwachting 2019, nulmeting, laatste meting, reeks Nederland, "
        "eenheid, bron, periode."
    ]


def test_table_layout_defaults_to_the_seeds(tmp_path: Path) -> None:
    config, _ = _config(tmp_path, MINIMAL)
    assert (config.layout.kind, config.layout.columns, config.section_layouts) == (LayoutKind.PER_INDICATOR, (), {})
    assert [c.kind for c in config.layout.shown_columns] == [ValueKind.REALISED, ValueKind.TARGET]


def test_table_layout_problems_name_their_line_all_at_once(tmp_path: Path) -> None:
    _, problems = _config(
        tmp_path,
        MINIMAL + "tabel:\n  indeling: overview\n  reeksen: rijen\n"
        "  kolommen: [realisatie, reeks Nederland, bronnen, begroting 20x7]\n",
    )
    assert [str(p) for p in problems] == [
        "verantwoord.yaml, regel 6: 'tabel.indeling' is geen bekende keuze. Gevonden: 'overview'. "
        "Verwacht: per-indicator of overzicht.",
        "verantwoord.yaml, regel 8: 'tabel.kolommen' noemt 'reeks Nederland', maar met 'reeksen: rijen' krijgt elke "
        "reeks een eigen rij. Gevonden: 'reeks Nederland'. Verwacht: 'reeksen: kolommen' bij een kolom 'reeks …', of "
        "geen kolom 'reeks …' bij 'reeksen: rijen'.",
        "verantwoord.yaml, regel 8: 'tabel.kolommen' bevat een onbekende kolom. Bedoelt u 'bron'? Gevonden: 'bronnen'. "
        "Verwacht: kolommen als realisatie 2016-2020, streefwaarde 2024 en 2027, begroting 2017, "
        "verwachting 2019, nulmeting, laatste meting, reeks Nederland, eenheid, bron, periode.",
        "verantwoord.yaml, regel 8: 'tabel.kolommen' bevat een kolom met ongeldige jaren. Gevonden: 'begroting 20x7'. "
        "Verwacht: jaren zoals 'begroting 2017-2018'.",
    ]


def test_a_series_column_must_follow_a_column_of_figures(tmp_path: Path) -> None:
    _, problems = _config(tmp_path, MINIMAL + "tabel:\n  kolommen: [bron, reeks Nederland]\n")
    assert "'reeks Nederland' moet direct na een kolom met cijfers staan" in str(problems[0])


def test_a_section_number_is_named_as_written_also_in_a_document_that_adds_to_shared_sections(
    tmp_path: Path,
) -> None:
    _, problems = _config(
        tmp_path,
        MINIMAL + 'paragrafen:\n  "4.2":\n    tabel: {indeling: overzicht}\n'
        "documenten:\n  - map: a\n    paragrafen:\n      4.10:\n        tabel: {indeling: overzicht}\n",
    )
    assert [str(p) for p in problems] == [
        "verantwoord.yaml, regel 11: documenten, document 1: 'paragrafen': het paragraafnummer 4.10 staat niet "
        'tussen aanhalingstekens. Hint: schrijf "4.10": YAML leest 4.10 zonder aanhalingstekens als het getal 4,1.'
    ]


def test_a_section_overrides_table_keys_over_the_documents(tmp_path: Path) -> None:
    config, problems = _config(
        tmp_path,
        MINIMAL + "tabel:\n  realisatie: 2019-2020\n  kolommen: [realisatie]\n"
        'paragrafen:\n  "4.10":\n    tabel:\n      indeling: overzicht\n      realisatie: 2018-2020\n',
    )
    assert not problems
    layout = config.section_layouts["4.10"]
    assert layout.kind is LayoutKind.OVERVIEW
    assert [p.label for p in layout.columns[0].periods] == ["2018", "2019", "2020"]
    assert config.layout.kind is LayoutKind.PER_INDICATOR


def test_section_problems_are_reported_once_with_their_line(tmp_path: Path) -> None:
    _, problems = _config(
        tmp_path,
        MINIMAL + "tabel:\n  indeling: fout\n"
        'paragrafen:\n  4.10:\n    tabel: {indeling: overzicht}\n  "4.2":\n    tabel:\n      reeksen: kolom\n'
        '  "4.3":\n    tabel:\n      kolomen: [bron]\n',
    )
    assert [str(p) for p in problems] == [
        "verantwoord.yaml, regel 6: 'tabel.indeling' is geen bekende keuze. Gevonden: 'fout'. "
        "Verwacht: per-indicator of overzicht.",
        # As written: YAML read 4.10 as 4.1, and the hint said to write "4.1".
        "verantwoord.yaml, regel 8: 'paragrafen': het paragraafnummer 4.10 staat niet tussen aanhalingstekens. "
        'Hint: schrijf "4.10": YAML leest 4.10 zonder aanhalingstekens als het getal 4,1.',
        "verantwoord.yaml, regel 12: paragraaf 4.2: 'tabel.reeksen' is geen bekende keuze. Gevonden: 'kolom'. "
        "Verwacht: kolommen of rijen.",
        "verantwoord.yaml, regel 15: onbekende instelling 'tabel.kolomen'. Hint: bedoelt u 'tabel.kolommen'?",
    ]


def test_an_unknown_setting_is_named_as_written(tmp_path: Path) -> None:
    """A section's settings put at the top, `4.10:` unquoted, were called 'onbekende instelling '4.1''."""
    _, problems = _config(tmp_path, MINIMAL + "4.10:\n  tabel: {indeling: overzicht}\n")
    assert [str(p) for p in problems] == [
        "verantwoord.yaml, regel 5: onbekende instelling '4.10'. Hint: zie de handleiding voor alle instellingen."
    ]


@pytest.mark.parametrize(
    ("written", "meant"),
    [("'s-Hertogenbosch'", "'s-Hertogenbosch"), ("'Gemeente s-Gravenhage'", "Gemeente 's-Gravenhage")],
)
def test_a_name_whose_apostrophe_single_quotes_took_is_a_warning(tmp_path: Path, written: str, meant: str) -> None:
    """organisatie: 's-Hertogenbosch' is valid YAML for s-Hertogenbosch: every page named the municipality wrongly."""
    _, problems = _config(tmp_path, MINIMAL.replace("Gemeente X", written))
    assert [str(p) for p in problems] == [
        f"verantwoord.yaml, regel 4: 'document.organisatie' heeft 's-' zonder apostrof: tussen enkele "
        f"aanhalingstekens verdwijnt de apostrof. Gevonden: '{written.strip(chr(39))}'. Hint: zet de tekst tussen "
        f'dubbele aanhalingstekens: organisatie: "{meant}".'
    ]
    _, problems = _config(tmp_path, MINIMAL.replace("Gemeente X", f'"{meant}"'))
    assert not problems


def test_a_title_whose_apostrophe_single_quotes_took_is_a_warning(tmp_path: Path) -> None:
    """The warning was for the organisation only: titel: 'Jaarverslag 2020 s-Hertogenbosch' headed every page so."""
    _, problems = _config(
        tmp_path, MINIMAL.replace("  organisatie:", "  titel: 'Jaarstukken s-Hertogenbosch'\n  organisatie:")
    )
    assert [str(p) for p in problems] == [
        "verantwoord.yaml, regel 4: 'document.titel' heeft 's-' zonder apostrof: tussen enkele aanhalingstekens "
        "verdwijnt de apostrof. Gevonden: 'Jaarstukken s-Hertogenbosch'. Hint: zet de tekst tussen dubbele "
        'aanhalingstekens: titel: "Jaarstukken \'s-Hertogenbosch".'
    ]


@pytest.mark.parametrize(
    ("written", "licence"),
    [
        ("CC0-1.0", "CC0-1.0"),
        ("cc0", "CC0-1.0"),
        ("CC0 1.0", "CC0-1.0"),
        ("CC BY 4.0", "CC-BY-4.0"),
        ("cc-by-4.0", "CC-BY-4.0"),
    ],
)
def test_the_licence_of_the_open_data_is_read_however_it_is_written(tmp_path: Path, written: str, licence: str) -> None:
    config, problems = _config(tmp_path, MINIMAL + f"open-data:\n  licentie: {written}\n")
    assert not problems
    assert config.licence.id == licence


def test_without_a_licence_setting_there_is_none(tmp_path: Path) -> None:
    config, problems = _config(tmp_path, MINIMAL)
    assert not problems
    assert config.licence is None


@pytest.mark.parametrize("written", ["CC BY-SA 4.0", "CC-BY", "open"])
def test_another_licence_is_an_error(tmp_path: Path, written: str) -> None:
    """Not claimed wrongly: CC BY without its version is not the 4.0 whose terms the site would state."""
    _, problems = _config(tmp_path, MINIMAL + f"open-data:\n  licentie: {written}\n")
    assert [str(p) for p in problems] == [
        f"verantwoord.yaml, regel 6: 'open-data.licentie' is geen licentie die verantwoord kent. Gevonden: "
        f"'{written}'. Verwacht: CC0-1.0 of CC-BY-4.0, de licenties voor open data van de overheid; of laat de "
        "instelling weg."
    ]


def test_the_exports_language_is_the_sites_unless_set(tmp_path: Path) -> None:
    """`export.taal`: the language of the export's texts, which an English site then marks as Dutch."""
    config, _ = _config(tmp_path, MINIMAL + "taal: en\n")
    assert config is not None and config.export_language == "en"
    config, problems = _config(tmp_path, MINIMAL + "taal: en\nexport:\n  taal: nl\n")
    assert config is not None and config.export_language == "nl" and not problems
    _, problems = _config(tmp_path, MINIMAL + "taal: en\nexport:\n  taal: Nederlands!\n")
    assert [str(p) for p in problems] == [
        "verantwoord.yaml, regel 7: 'export.taal' is geen taalcode. Gevonden: 'Nederlands!'. "
        "Verwacht: een taalcode zoals nl, en of fy."
    ]


@pytest.mark.parametrize("font", ["Arial /* Calibri */, sans-serif", "Arial, sans-serif /*", "'Arial\\x1b', serif"])
def test_a_font_list_that_would_break_the_stylesheet_is_refused(tmp_path: Path, font: str) -> None:
    """'/*' commented out the rest of instellingen.css, so the font and everything after it went without a word."""
    _, problems = _config(tmp_path, MINIMAL + f'thema:\n  lettertype: "{font}"\n')
    assert [p.message for p in problems.errors] == [
        "'thema.lettertype' bevat tekens die niet in een lettertypenaam horen."
    ]
