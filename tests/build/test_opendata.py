"""Open data: every figure in long form as CSV, JSON and xlsx, with a Frictionless data package, linked from pages."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import patch_workbook_xml
from verantwoord import build_project
from verantwoord.build.format import format_file_size
from verantwoord.build.opendata import FIELDS, INDICATOR_FIELDS, NAMES

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "amersfoort-2020"
SECTION_PAGE = "4-bestuur-en-dienstverlening/4-1-bestuur-en-dienstverlening/index.html"
SECTION_CSV = "open-data/4-1-bestuur-en-dienstverlening.csv"
EXAMPLE_VALUES = 27
"""4+1 (balie) + 4+1+1 (KCC) + 5 (bereikbaarheid) + 1+4 (formulieren) + 5+1 (website); see the example's README."""
EXPORT_TIME = "2021-05-25T11:50:49Z"
BUILD_TIME = "2021-05-27T10:23:59Z"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1622111039")
        result = build_project(EXAMPLE, tmp_path_factory.mktemp("opendata") / "site")
    yield result.output


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def test_csv_starts_with_bom_and_header(site: Path) -> None:
    data = (site / "open-data" / "indicatoren.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    header = data[3:].split(b"\r\n", 1)[0].decode("utf-8")
    assert tuple(header.split(",")) == NAMES


def test_csv_has_one_row_per_value(site: Path) -> None:
    rows = read_csv(site / "open-data" / "indicatoren.csv")
    assert len(rows) == EXAMPLE_VALUES
    per_indicator: dict[str, int] = {}
    for row in rows:
        per_indicator[row["indicator_id"]] = per_indicator.get(row["indicator_id"], 0) + 1
    assert per_indicator == {
        "balie-tevredenheid": 5,
        "kcc-tevredenheid": 6,
        "kcc-bereikbaarheid": 5,
        "formulieren-tevredenheid": 5,
        "website-tevredenheid": 6,
    }
    keys = [(r["indicator_id"], r["reeks"], r["soort"], r["periode"]) for r in rows]
    assert len(set(keys)) == len(keys)  # the primary key of the data package is unique


def test_a_row_without_figure_says_so_and_why(site: Path) -> None:
    rows = read_csv(site / "open-data" / "indicatoren.csv")
    [row] = [
        r
        for r in rows
        if r["indicator_id"] == "kcc-tevredenheid" and r["soort"] == "realisatie" and r["periode"] == "2020"
    ]
    assert row["geen_cijfer"] == "true"
    assert row["waarde"] == ""
    assert row["reden"] == "de klantwaardering kan sinds het thuiswerken niet worden gemeten"
    assert {r["geen_cijfer"] for r in rows} == {"true", "false"}
    assert sum(r["geen_cijfer"] == "true" for r in rows) == 3


def test_a_row_with_a_figure(site: Path) -> None:
    rows = read_csv(site / "open-data" / "indicatoren.csv")
    [row] = [r for r in rows if r["indicator_id"] == "website-tevredenheid" and r["soort"] == "streefwaarde"]
    assert row["waarde"] == "60"
    assert row["periode"] == "2020"
    assert (row["periode_begin"], row["periode_eind"]) == ("2020-01-01", "2020-12-31")
    assert row["geen_cijfer"] == "false"
    assert row["polariteit"] == "hoger is beter"
    assert row["decimalen"] == "0"  # how the page rounds it: a reader can work out the figure shown
    assert row["paragraaf"] == "4.1"
    assert row["hoofdstuk"] == "4. Bestuur en dienstverlening"


def test_every_row_has_its_provenance(site: Path) -> None:
    rows = read_csv(site / "open-data" / "indicatoren.csv")
    assert {r["export_tijd"] for r in rows} == {EXPORT_TIME}
    assert {r["export_bestand"] for r in rows} == {"indicatoren.xlsx"}
    assert {r["bouw_tijd"] for r in rows} == {BUILD_TIME}
    assert {r["document"] for r in rows} == {"Jaarverslag 2020"}
    assert {r["organisatie"] for r in rows} == {"Gemeente Amersfoort"}
    assert all(r["bron"] for r in rows)


def test_json_has_the_rows_and_the_indicators(site: Path) -> None:
    data = json.loads((site / "open-data" / "indicatoren.json").read_text(encoding="utf-8"))
    assert data["document"] == "Jaarverslag 2020"
    assert (data["soort"], data["jaar"], data["organisatie"]) == ("jaarverslag", 2020, "Gemeente Amersfoort")
    assert (data["export_tijd"], data["bouw_tijd"]) == (EXPORT_TIME, BUILD_TIME)
    assert len(data["waarden"]) == EXAMPLE_VALUES
    assert all(tuple(row) == NAMES for row in data["waarden"])
    indicators = {i["indicator_id"]: i for i in data["indicatoren"]}
    assert list(indicators) == [
        "balie-tevredenheid",
        "kcc-tevredenheid",
        "kcc-bereikbaarheid",
        "formulieren-tevredenheid",
        "website-tevredenheid",
    ]
    reach = indicators["kcc-bereikbaarheid"]
    assert reach["indicator"] == "% telefonische bereikbaarheid 14033 Klant Contact Centrum (KCC)"
    assert (reach["eenheid"], reach["bron"], reach["decimalen"]) == ("%", "KCC/KCS", 0)
    assert reach["toelichting"].startswith("In 2020 is de telefonische bereikbaarheid gedaald")


def test_json_writes_no_figure_as_null_not_zero(site: Path) -> None:
    data = json.loads((site / "open-data" / "indicatoren.json").read_text(encoding="utf-8"))
    missing = [row for row in data["waarden"] if row["geen_cijfer"]]
    assert len(missing) == 3
    assert all(row["waarde"] is None and row["geen_cijfer"] is True for row in missing)


def test_xlsx_has_the_same_rows(site: Path) -> None:
    with zipfile.ZipFile(site / "open-data" / "indicatoren.xlsx") as archive:  # every entry's length and CRC
        assert archive.testzip() is None
    workbook = load_workbook(site / "open-data" / "indicatoren.xlsx")
    assert workbook.sheetnames == ["Cijfers", "Uitleg", "Indicatorgegevens"]
    rows = list(workbook["Cijfers"].iter_rows(values_only=True))
    assert rows[0] == NAMES
    assert len(rows) - 1 == EXAMPLE_VALUES
    explained = [row[0] for row in workbook["Uitleg"].iter_rows(min_row=2, values_only=True)]
    assert tuple(explained) == (*NAMES, "toelichting")  # the one column of the sheet Indicatorgegevens not in Cijfers


def test_the_indicators_and_their_explanations_are_in_a_table_of_their_own(site: Path) -> None:
    """The explanation the page shows under an indicator was in the JSON only: a journalist working in Excel or from
    the CSV did not have it. Once per indicator, not repeated on each of its figures' rows."""
    folder = site / "open-data"
    rows = read_csv(folder / "indicatorgegevens.csv")
    names = [field.name for field in INDICATOR_FIELDS]
    assert list(rows[0]) == names
    assert names[:11] == list(NAMES[:11]) and names[-4:] == list(NAMES[-4:])  # the same columns as the figures'
    assert [row["indicator_id"] for row in rows] == [
        "balie-tevredenheid",
        "kcc-tevredenheid",
        "kcc-bereikbaarheid",
        "formulieren-tevredenheid",
        "website-tevredenheid",
    ]
    reach = rows[2]
    assert (reach["eenheid"], reach["bron"], reach["decimalen"], reach["paragraaf"]) == ("%", "KCC/KCS", "0", "4.1")
    assert reach["toelichting"].startswith("In 2020 is de telefonische bereikbaarheid gedaald")
    assert (reach["export_tijd"], reach["bouw_tijd"]) == (EXPORT_TIME, BUILD_TIME)
    assert "toelichting" not in read_csv(folder / "indicatoren.csv")[0]  # the figures' columns stay as they were
    sheet = load_workbook(folder / "indicatoren.xlsx")["Indicatorgegevens"]
    table = list(sheet.iter_rows(values_only=True))
    assert table[0] == tuple(names)
    assert table[3][names.index("toelichting")] == reach["toelichting"]
    data = json.loads((folder / "indicatoren.json").read_text(encoding="utf-8"))
    assert {(i["hoofdstuk"], i["paragraaf"], i["paragraaf_titel"]) for i in data["indicatoren"]} == {
        ("4. Bestuur en dienstverlening", "4.1", "Bestuur en dienstverlening")
    }
    for page, root in (("index.html", ""), (SECTION_PAGE, "../../")):
        html = (site / page).read_text(encoding="utf-8")
        assert (
            f'<a href="{root}open-data/indicatorgegevens.csv"'
            ' download="jaarverslag-2020-gemeente-amersfoort-indicatorgegevens.csv">'
            "De indicatoren met hun bron en toelichting" in html
        )


def test_datapackage_describes_every_csv_with_its_size_and_hash(site: Path) -> None:
    """It described indicatoren.csv alone: a reader of a section's file or of the indicators had no schema for it, and
    no way to tell a file is whole and the one described."""
    folder = site / "open-data"
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    resources = {resource["path"]: resource for resource in package["resources"] if resource["format"] == "csv"}
    assert list(resources) == ["indicatoren.csv", "indicatorgegevens.csv", "4-1-bestuur-en-dienstverlening.csv"]
    assert set(resources) == {path.name for path in folder.glob("*.csv")}
    for path, resource in resources.items():
        data = (folder / path).read_bytes()
        assert resource["bytes"] == len(data), path
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest(), path
        assert resource["profile"] == "tabular-data-resource" and resource["encoding"] == "utf-8", path
        assert resource["name"] == path.removesuffix(".csv"), path
    indicators = resources["indicatorgegevens.csv"]["schema"]
    assert [f["name"] for f in indicators["fields"]] == [f.name for f in INDICATOR_FIELDS]
    section = resources["4-1-bestuur-en-dienstverlening.csv"]
    assert section["title"] == "4.1 Bestuur en dienstverlening"
    # One schema file shared by every section's file, the same as the one indicatoren.csv has inline.
    assert section["schema"] == "indicatoren-schema.json"
    shared = json.loads((folder / section["schema"]).read_text(encoding="utf-8"))
    assert shared == resources["indicatoren.csv"]["schema"]
    assert "homepage" not in package and "homepage" not in section  # without website.adres, no address is known


def test_datapackage_lists_the_workbook_and_the_json_too(site: Path) -> None:
    """The package listed the CSV files alone: a harvester reading it (data.overheid.nl, CKAN) did not offer the Excel
    and JSON files the site offers, nor could a reader tell from it that they were whole. They are no Tabular Data
    Resources (a CSV file with a Table Schema), so the package is a plain Data Package, as the spec asks of a package
    with a resource that is not one."""
    folder = site / "open-data"
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "data-package"
    resources = {resource["path"]: resource for resource in package["resources"]}
    assert list(resources)[:4] == ["indicatoren.csv", "indicatorgegevens.csv", "indicatoren.xlsx", "indicatoren.json"]
    html = (site / "index.html").read_text(encoding="utf-8")
    linked = {link.removeprefix("open-data/") for link in re.findall(r'href="(open-data/[^"]+)"', html)}
    assert linked - {"datapackage.json"} <= set(resources)  # every file the page offers, bar the package itself
    mediatypes = {
        "indicatoren.xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        "indicatoren.json": ("json", "application/json"),
    }
    for path, (form, mediatype) in mediatypes.items():
        resource, data = resources[path], (folder / path).read_bytes()
        assert (resource["format"], resource["mediatype"]) == (form, mediatype), path
        assert resource["bytes"] == len(data), path
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest(), path
        assert "schema" not in resource and "profile" not in resource, path  # a data resource, not a tabular one
        assert resource["description"].startswith("De rijen van indicatoren.csv "), path
    assert len({resource["name"] for resource in package["resources"]}) == len(package["resources"])
    for resource in package["resources"]:
        assert re.fullmatch(r"[-a-z0-9._/]+", resource["name"]), resource["name"]
        if "schema" in resource:
            assert resource["profile"] == "tabular-data-resource", resource["name"]


def test_datapackage_names_the_sites_address(make_project) -> None:
    project = make_project(config={"website": {"adres": "https://www.amersfoort.nl/jaarverslag/2020"}})
    build_project(project.root, strict=True)
    package = json.loads((project.output / "open-data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["homepage"] == "https://www.amersfoort.nl/jaarverslag/2020/"
    [section] = [resource for resource in package["resources"] if resource["path"].startswith("4-1-")]
    assert section["homepage"] == (
        "https://www.amersfoort.nl/jaarverslag/2020/4-bestuur-en-dienstverlening/4-1-dienstverlening/"
    )
    assert (project.output / "4-bestuur-en-dienstverlening" / "4-1-dienstverlening" / "index.html").is_file()


def test_xlsx_has_dates_as_date_cells_and_figures_exact(site: Path) -> None:
    """The dates and moments were text: Excel could not sort or filter the periods or the export time as dates."""
    sheet = load_workbook(site / "open-data" / "indicatoren.xlsx")["Cijfers"]
    rows = list(sheet.iter_rows(min_row=2))
    column = {name: NAMES.index(name) for name in ("periode", "periode_begin", "periode_eind", "waarde")}
    [row] = [r for r in rows if r[column["periode"]].value == "2020" and r[column["waarde"]].value == 60]
    assert (row[column["periode_begin"]].value, row[column["periode_eind"]].value) == (
        datetime(2020, 1, 1),
        datetime(2020, 12, 31),
    )
    assert row[column["periode_begin"]].number_format == "yyyy-mm-dd"
    for name, moment in (("export_tijd", EXPORT_TIME), ("bouw_tijd", BUILD_TIME)):
        cell = row[NAMES.index(name)]
        assert cell.is_date and cell.number_format == "yyyy-mm-dd hh:mm:ss", name
        assert cell.value.strftime("%Y-%m-%dT%H:%M:%SZ") == moment, name  # in UTC, as the CSV says it
    assert row[column["waarde"]].data_type == "n"


def test_xlsx_of_an_english_site_has_english_sheet_names(make_project) -> None:
    """The sheets were Cijfers and Uitleg on an English site too, where their second sheet's header was English."""
    project = make_project()
    project.config["taal"] = "en"
    project.write()
    build_project(project.root, strict=True)
    workbook = load_workbook(project.output / "open-data" / "indicatoren.xlsx")
    assert workbook.sheetnames == ["Figures", "Explanation", "Indicators"]
    assert next(workbook["Explanation"].iter_rows(max_row=1, values_only=True)) == ("column", "type", "description")
    package = json.loads((project.output / "open-data" / "datapackage.json").read_text(encoding="utf-8"))
    [described] = [resource for resource in package["resources"] if resource["path"] == "indicatoren.xlsx"]
    assert described["description"].startswith("The rows of indicatoren.csv in the sheet Figures, ")


def test_datapackage_describes_the_csv(site: Path) -> None:
    package = json.loads((site / "open-data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["name"] == "jaarverslag-2020-gemeente-amersfoort"
    resource = package["resources"][0]
    assert resource["path"] == "indicatoren.csv"
    assert (site / "open-data" / resource["path"]).is_file()
    assert resource["profile"] == "tabular-data-resource"
    assert resource["format"] == "csv"
    assert resource["encoding"] == "utf-8"
    schema = resource["schema"]
    assert schema["fields"] == [{"name": f.name, "type": f.type, "description": f.description} for f in FIELDS]
    assert {f["type"] for f in schema["fields"]} <= {"string", "number", "integer", "boolean", "date", "datetime"}
    # Table Schema: a primary key's fields are never empty, and reeks is empty for the organisation's own figures (a
    # strict reader refused the package): the key is told in words instead.
    rows = read_csv(site / "open-data" / resource["path"])
    assert all(row[name] for row in rows for name in schema.get("primaryKey", []))
    assert "indicator_id, reeks, soort en periode" in resource["description"]


def test_datapackage_says_which_texts_begin_with_an_apostrophe(site: Path) -> None:
    """A re-user reading '=1+1 in the CSV must be told it was =1+1 in the export, as the JSON has it."""
    package = json.loads((site / "open-data" / "datapackage.json").read_text(encoding="utf-8"))
    resource = package["resources"][0]
    assert "begint met =, +, - of @" in resource["description"]
    assert "indicatoren.json en indicatoren.xlsx hebben de tekst zoals ingevoerd" in resource["description"]


def test_the_site_says_how_the_csv_is_written(site: Path) -> None:
    """Double-clicked in Dutch Excel the CSV is one column: the page says so beside the link, not only the guide."""
    for page in ("index.html", SECTION_PAGE):
        html = (site / page).read_text(encoding="utf-8")
        downloads = html[html.index('id="open-data-titel"') :]
        assert "komma&#39;s tussen de kolommen, een punt in getallen (7.5) en UTF-8" in downloads, page
        assert "open dan het Excel-bestand" in downloads, page
        assert "heeft in het CSV-bestand een apostrof ervoor" in downloads, page


def test_section_csv_exists_and_is_linked_from_its_page(site: Path) -> None:
    rows = read_csv(site / SECTION_CSV)
    assert len(rows) == EXAMPLE_VALUES  # the example has a single section
    assert {r["paragraaf"] for r in rows} == {"4.1"}
    html = (site / SECTION_PAGE).read_text(encoding="utf-8")
    assert 'href="../../open-data/4-1-bestuur-en-dienstverlening.csv"' in html


def test_every_page_links_to_the_open_data(site: Path) -> None:
    pages = sorted(site.rglob("index.html"))
    assert len(pages) == 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        root = "../" * (len(page.relative_to(site).parts) - 1)
        assert f'href="{root or "./"}#open-data-titel"' in html, page  # the footer: to the downloads on home
    assert 'id="open-data-titel"' in (site / "index.html").read_text(encoding="utf-8")


_DOWNLOAD_LINK = re.compile(r'<a href="([^"#]*open-data/[^"#]+)" download="([^"]*)">([^<]*)</a>')


def test_each_download_link_of_the_home_page_shows_the_size_of_the_file_written(site: Path) -> None:
    """A reader on a slow or metered connection sees how large a file is before opening it, in the link's text (its
    accessible name), as the data package and the file on disk have it. A section page's links do not: a corrected
    figure would change every page."""
    package = json.loads((site / "open-data" / "datapackage.json").read_text(encoding="utf-8"))
    described = {resource["path"]: resource["bytes"] for resource in package["resources"]}
    home = (site / "index.html").read_text(encoding="utf-8")
    seen = set()
    for href, _, text in _DOWNLOAD_LINK.findall(home):
        file = (site / href).resolve()
        size = file.stat().st_size
        assert text.endswith(f" ({format_file_size(size, 'nl')})"), (href, text)
        assert described.get(file.name, size) == size
        seen.add(file.name)
    assert seen == {
        "indicatoren.csv",
        "indicatoren.xlsx",
        "indicatoren.json",
        "indicatorgegevens.csv",
        "datapackage.json",
    }
    assert "(3,3\u00a0kB)" in home  # indicatorgegevens.csv: Dutch
    section = _DOWNLOAD_LINK.findall((site / SECTION_PAGE).read_text(encoding="utf-8"))
    assert len(section) == 6 and not any("kB)" in text for _, _, text in section)


def test_a_download_saves_under_the_name_the_data_package_gives_it(site: Path) -> None:
    """The `download` attribute of a link, the file it leads to and its resource in datapackage.json: the package
    says under which name the site saves each file, so that a reader who saved them finds each one it describes."""
    package = json.loads((site / "open-data" / "datapackage.json").read_text(encoding="utf-8"))
    by_path = {resource["path"]: resource for resource in package["resources"]}
    links = _DOWNLOAD_LINK.findall((site / SECTION_PAGE).read_text(encoding="utf-8"))
    for href, download, _ in links:
        name = Path(href).name
        if name != "datapackage.json":
            assert by_path[name]["download"] == download
        assert download == f"{package['name']}-{name}"
    assert len(links) == 6
    described = {path.name for path in (site / "open-data").iterdir()} - {"datapackage.json", "indicatoren-schema.json"}
    assert {resource["download"] for resource in package["resources"]} == {f"{package['name']}-{n}" for n in described}


def test_home_page_links_every_open_data_file(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    for name in (
        "indicatoren.csv",
        "indicatoren.xlsx",
        "indicatoren.json",
        "indicatorgegevens.csv",
        "datapackage.json",
    ):
        assert f'href="open-data/{name}"' in html, name


# Figures exactly as entered


@pytest.fixture
def exact(make_project) -> Path:
    """The open-data folder of a small project whose 2020 figure is entered as "7.10"."""
    project = make_project()
    project.indicators[0]["decimalen"] = None
    project.values[1]["waarde"] = "7.10"
    project.write()
    build_project(project.root, strict=True)
    return project.output / "open-data"


def test_csv_keeps_the_entered_decimals(exact: Path) -> None:
    rows = read_csv(exact / "indicatoren.csv")
    assert [r["waarde"] for r in rows if r["indicator_id"] == "kcc-tevredenheid"] == ["95", "7.10", "93"]


def test_json_keeps_the_entered_decimals(exact: Path) -> None:
    text = (exact / "indicatoren.json").read_text(encoding="utf-8")
    assert '"waarde": 7.10,' in text  # a JSON number, not a string, and not 7.1
    data = json.loads(text, parse_float=Decimal)
    values = [row["waarde"] for row in data["waarden"]]
    assert values == [95, Decimal("7.10"), 93, 83, 78]
    assert str(values[1]) == "7.10"


def test_xlsx_shows_the_entered_decimals(exact: Path) -> None:
    sheet = load_workbook(exact / "indicatoren.xlsx")["Cijfers"]
    column = NAMES.index("waarde") + 1
    cell = sheet.cell(3, column)
    assert cell.value == pytest.approx(7.1)
    assert cell.number_format == "0.00"


def test_text_that_looks_like_a_formula_stays_text_in_the_xlsx(make_project) -> None:
    project = make_project(export="csv")  # in a CSV export, "=…" is plain text
    project.indicators[0]["bron"] = '=HYPERLINK("https://example.org","klik")'
    project.write()
    build_project(project.root, strict=True)
    sheet = load_workbook(project.output / "open-data" / "indicatoren.xlsx")["Cijfers"]
    cell = sheet.cell(2, NAMES.index("bron") + 1)
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("https://example.org","klik")'


def test_text_that_looks_like_a_formula_does_not_run_as_one_in_the_csv(make_project) -> None:
    """Excel runs a CSV cell that begins with =, +, - or @ as a formula: a title from the export could link a
    reader to any site. Such texts begin with an apostrophe in the CSV; signed numbers and the JSON are as entered."""
    project = make_project(export="csv")
    project.indicators[0]["bron"] = '=HYPERLINK("https://example.org","klik")'
    project.indicators[0]["titel"] = "@SUM(1+1) tevredenheid"
    project.values[3].update(waarde="-3,5", tekst="-3,5 (voorlopig)")
    project.values[4].update(waarde="geen cijfer", reden="-cmd|' /C calc'!A0")
    project.write()
    build_project(project.root)
    folder = project.output / "open-data"
    rows = read_csv(folder / "indicatoren.csv")
    assert {r["bron"] for r in rows if r["bron"].startswith("'")} == {'\'=HYPERLINK("https://example.org","klik")'}
    assert {r["indicator"] for r in rows if r["indicator"].startswith("'")} == {"'@SUM(1+1) tevredenheid"}
    assert [r["tekst"] for r in rows if r["tekst"]] == ["'-3,5 (voorlopig)"]
    assert [r["reden"] for r in rows if r["reden"].startswith("'")] == ["'-cmd|' /C calc'!A0"]
    assert all(not value.startswith(("=", "@", "+")) for row in rows for value in row.values())
    assert "-3.5" in {r["waarde"] for r in rows}  # a number, which Excel reads as one
    data = json.loads((folder / "indicatoren.json").read_text(encoding="utf-8"))
    assert '=HYPERLINK("https://example.org","klik")' in {row["bron"] for row in data["waarden"]}


def test_a_text_without_a_number_is_no_figure_in_the_open_data(make_project) -> None:
    """'Gegevens nog niet bekend' in the column tekst, and no number: a data tool that keeps the rows with
    geen_cijfer false got an empty waarde as a figure."""
    project = make_project(export="csv")
    project.values[3].update(waarde="", tekst="Gegevens nog niet bekend")
    project.values[4].update(waarde="79,3", tekst="79,3% (TK)")
    project.write()
    build_project(project.root, strict=True)
    rows = read_csv(project.output / "open-data" / "indicatoren.csv")
    unknown, known = rows[3], rows[4]
    assert (unknown["waarde"], unknown["tekst"], unknown["geen_cijfer"]) == ("", "Gegevens nog niet bekend", "true")
    assert (known["waarde"], known["tekst"], known["geen_cijfer"]) == ("79.3", "79,3% (TK)", "false")
    data = json.loads((project.output / "open-data" / "indicatoren.json").read_text(encoding="utf-8"))
    assert [row["geen_cijfer"] for row in data["waarden"]][3:] == [True, False]


def test_a_range_beside_a_text_is_kept(make_project) -> None:
    """The range in waarde under a text was lost: empty bounds and geen_cijfer true."""
    project = make_project(export="csv")
    project.values[3].update(waarde="6-6,5", tekst="zes tot zes en half")
    project.write()
    build_project(project.root, strict=True)
    row = read_csv(project.output / "open-data" / "indicatoren.csv")[3]
    assert (row["tekst"], row["bereik_laag"], row["bereik_hoog"], row["geen_cijfer"]) == (
        "zes tot zes en half",
        "6",
        "6.5",
        "false",
    )


def test_text_that_dutch_excel_splits_at_a_semicolon_does_not_run_as_a_formula(make_project) -> None:
    """Dutch Excel opens a .csv with ';' as its separator: "zie toelichting;=1+1" gave a cell =1+1."""
    project = make_project(export="csv")
    project.values[4].update(waarde="geen cijfer", reden="zie toelichting;=1+1;")
    project.indicators[0]["bron"] = "bron: CBS;=cmd|' /C calc'!A0"
    project.write()
    build_project(project.root)
    text = (project.output / "open-data" / "indicatoren.csv").read_text(encoding="utf-8-sig")
    for dutch_row in csv.reader(io.StringIO(text, newline=""), delimiter=";"):
        assert all(not cell.lstrip().startswith(("=", "@", "+", "-")) for cell in dutch_row), dutch_row
    rows = read_csv(project.output / "open-data" / "indicatoren.csv")
    assert rows[4]["reden"] == "zie toelichting;'=1+1;"  # an apostrophe, as before a text that begins with =
    assert rows[0]["bron"] == "bron: CBS;'=cmd|' /C calc'!A0"
    data = json.loads((project.output / "open-data" / "indicatoren.json").read_text(encoding="utf-8"))
    assert data["waarden"][4]["reden"] == "zie toelichting;=1+1;"


def test_characters_xml_does_not_allow_are_left_out_of_the_xlsx(make_project) -> None:
    """U+FFFE and U+FFFF in a title made the xlsx a file Excel calls damaged. (A vertical tab, Word's line break,
    is a space from the reading on: `export.cells`.)"""
    project = make_project(export="csv")
    project.indicators[0]["titel"] = "A\ufffe\uffff\x0btitel"
    project.write()
    build_project(project.root)
    sheet = load_workbook(project.output / "open-data" / "indicatoren.xlsx")["Cijfers"]
    assert sheet.cell(2, NAMES.index("indicator") + 1).value == "A titel"


def test_equal_figures_written_differently_stay_apart(make_project) -> None:
    """7.10 and 7.1 are equal Decimals; the rows written once per figure must not mix them up."""
    project = make_project(export="csv")
    for indicator in project.indicators:
        indicator["decimalen"] = None
    project.values[1]["waarde"] = "7.10"
    project.values[4]["waarde"] = "7.1"
    project.write()
    build_project(project.root)
    folder = project.output / "open-data"
    rows = read_csv(folder / "indicatoren.csv")
    assert [(r["indicator_id"], r["periode"], r["waarde"]) for r in rows if r["soort"] == "realisatie"] == [
        ("kcc-tevredenheid", "2019", "95"),
        ("kcc-tevredenheid", "2020", "7.10"),
        ("kcc-bereikbaarheid", "2019", "83"),
        ("kcc-bereikbaarheid", "2020", "7.1"),
    ]
    text = (folder / "indicatoren.json").read_text(encoding="utf-8")
    assert [row["waarde"] for row in json.loads(text, parse_float=str)["waarden"]] == [95, "7.10", 93, 83, "7.1"]


def test_equal_previous_figures_written_differently_stay_apart(make_project) -> None:
    """12.4 and 12.40 were both published before; each restated row says its own."""
    project = make_project(export="csv")
    for indicator in project.indicators:
        indicator["decimalen"] = None
    project.values[1]["waarde"] = "12.6"  # kcc-tevredenheid 2020
    project.values[4]["waarde"] = "12.6"  # kcc-bereikbaarheid 2020: the same figure, one Value for both
    project.config["export"]["vorige"] = "vorige"
    project.write()
    previous = project.root / "vorige"
    shutil.copytree(project.export_path, previous)
    values = previous / "waarden.csv"
    text = values.read_text(encoding="utf-8")
    assert text.count("kcc-tevredenheid;2020;realisatie;12.6") == 1
    assert text.count("kcc-bereikbaarheid;2020;realisatie;12.6") == 1
    text = text.replace("kcc-tevredenheid;2020;realisatie;12.6", "kcc-tevredenheid;2020;realisatie;12.4")
    text = text.replace("kcc-bereikbaarheid;2020;realisatie;12.6", "kcc-bereikbaarheid;2020;realisatie;12.40")
    values.write_text(text, encoding="utf-8")

    build_project(project.root)

    rows = read_csv(project.output / "open-data" / "indicatoren.csv")
    assert [(r["indicator_id"], r["waarde"], r["vorige_waarde"]) for r in rows if r["vorige_waarde"]] == [
        ("kcc-tevredenheid", "12.6", "12.4"),
        ("kcc-bereikbaarheid", "12.6", "12.40"),
    ]


def test_a_figure_only_written_otherwise_is_not_restated(make_project) -> None:
    """12,40 now written 12,4 had a vorige_waarde in the open data while the page, rightly, had no note."""
    project = make_project(export="csv")
    project.indicators[1]["decimalen"] = None  # shown as entered
    project.values[4]["waarde"] = "12,4"  # kcc-bereikbaarheid 2020
    project.values[3]["waarde"] = "6-6,5"  # kcc-bereikbaarheid 2019
    project.config["export"]["vorige"] = "vorige"
    project.write()
    previous = project.root / "vorige"
    shutil.copytree(project.export_path, previous)
    values = previous / "waarden.csv"
    text = values.read_text(encoding="utf-8")
    text = text.replace(";2020;realisatie;12,4", ";2020;realisatie;12,40").replace(";6-6,5", ";6,0-6,50")
    values.write_text(text, encoding="utf-8")

    build_project(project.root)

    rows = read_csv(project.output / "open-data" / "indicatoren.csv")
    assert [r["vorige_waarde"] for r in rows if r["indicator_id"] == "kcc-bereikbaarheid"] == ["", ""]
    page = project.output / "4-bestuur-en-dienstverlening" / "4-1-dienstverlening" / "index.html"
    assert "12,40" not in page.read_text(encoding="utf-8")


def test_text_with_line_breaks_commas_and_quotes_reads_back(make_project) -> None:
    reason = 'gemeten, maar "onbetrouwbaar"\nzie de toelichting'
    project = make_project(export="csv")
    project.values[3].update(waarde="geen cijfer", reden=reason)
    project.write()
    build_project(project.root)
    folder = project.output / "open-data"
    for path in (folder / "indicatoren.csv", folder / "4-1-dienstverlening.csv"):
        assert [r["reden"] for r in read_csv(path) if r["reden"]] == [reason]
    data = json.loads((folder / "indicatoren.json").read_text(encoding="utf-8"))
    assert [row["reden"] for row in data["waarden"] if row["reden"]] == [reason]
    sheet = load_workbook(folder / "indicatoren.xlsx")["Cijfers"]
    assert sheet.cell(5, NAMES.index("reden") + 1).value == reason


def test_a_restated_figure_says_what_the_previous_publication_showed(tmp_path: Path) -> None:
    """The page notes "was 12,4"; the open data of both documents that show the figure carries it too."""
    output = build_project(EXAMPLE.parent / "begroting-en-jaarverslag", tmp_path / "site").output
    folders = sorted(folder for folder in output.iterdir() if (folder / "open-data").is_dir())
    assert [folder.name for folder in folders] == ["begroting-2024", "jaarverslag-2023"]
    for folder in folders:
        rows = read_csv(folder / "open-data" / "indicatoren.csv")
        restated = [
            (r["indicator_id"], r["periode"], r["waarde"], r["vorige_waarde"]) for r in rows if r["vorige_waarde"]
        ]
        assert restated == [("uitstroom-werk", "2023", "12.6", "12.4")]
        data = json.loads((folder / "open-data" / "indicatoren.json").read_text(encoding="utf-8"))
        assert [row["vorige_waarde"] for row in data["waarden"] if row["vorige_waarde"]] == ["12.4"]


def test_on_a_portal_each_documents_links_and_data_package_name_the_same_files(tmp_path: Path) -> None:
    """What a page offers and what its document's datapackage.json describes are the same files under the same
    names: the path a page links to is a resource's path, and a download's name is the package's name before it.
    The package was named 'jaarverslag-2023' while its downloads began with 'jaarverslag-2023-gemeente-voorbeeldstad':
    a catalogue gathering the packages of many organisations had one 'jaarverslag-2023' for each."""
    output = build_project(EXAMPLE.parent / "begroting-en-jaarverslag", tmp_path / "site").output
    names = {}
    for document in ("jaarverslag-2023", "begroting-2024"):
        folder = output / document / "open-data"
        package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        assert package["name"] == f"{document}-gemeente-voorbeeldstad"
        paths = {resource["path"] for resource in package["resources"]}
        linked = set()
        for page in (output / document).rglob("index.html"):
            html = page.read_text(encoding="utf-8")
            for href, download in re.findall(r'<a href="([^"#]*open-data/[^"#]+)"(?: download="([^"]*)")?', html):
                file = (page.parent / href).resolve()
                assert file.parent == folder.resolve() and file.is_file(), (page, href)
                linked.add(file.name)
                assert download == f"{package['name']}-{file.name}", (page, href)
        assert linked - {"datapackage.json"} == paths, document
        assert {file.name for file in folder.iterdir()} == paths | {"datapackage.json", "indicatoren-schema.json"}
        names[document] = package["name"]
    assert len(set(names.values())) == 2


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("-", "-"),
        ("-.5", "-.5"),
        ("+3,5%", "+3,5%"),
        ("-6-6.5", "'-6-6.5"),
        ("-3.5 (TK)", "'-3.5 (TK)"),
        ("=A1", "'=A1"),
    ],
)
def test_which_texts_get_an_apostrophe_in_the_csv(text: str, written: str) -> None:
    """A lone '-' (a common placeholder) and signed numbers are as entered; a range with a leading minus is not, as
    Excel would work it out as a sum."""
    from verantwoord.build.opendata import _csv_text

    assert _csv_text(text) == written


def test_an_indicator_without_values_has_a_row_without_a_figure(make_project) -> None:
    """It had no row at all: a journalist with the CSV or the xlsx could not see that the indicator exists."""
    project = make_project(export="csv")
    project.indicators.append(
        {"id": "kcc-wachttijd", "paragraaf": "4.1", "titel": "Wachttijd aan de telefoon", "eenheid": "seconden",
         "decimalen": 0, "polariteit": "lager is beter", "bron": "KCC/KCS", "toelichting": "Nog niet gemeten."}
    )  # fmt: skip
    project.write()
    build_project(project.root)
    folder = project.output / "open-data"
    for path in (folder / "indicatoren.csv", folder / "4-1-dienstverlening.csv"):
        rows = read_csv(path)
        assert len(rows) == 6, path
        row = rows[-1]
        assert (row["indicator_id"], row["indicator"], row["eenheid"], row["bron"]) == (
            "kcc-wachttijd",
            "Wachttijd aan de telefoon",
            "seconden",
            "KCC/KCS",
        )
        assert (row["decimalen"], row["polariteit"], row["paragraaf"]) == ("0", "lager is beter", "4.1")
        assert (row["geen_cijfer"], row["waarde"], row["reden"]) == ("true", "", "")
        assert [row[name] for name in ("reeks", "soort", "periode", "periode_begin", "periode_eind")] == [""] * 5
        assert (row["export_tijd"], row["export_bestand"], row["bouw_tijd"]) == (
            rows[0]["export_tijd"],
            rows[0]["export_bestand"],
            rows[0]["bouw_tijd"],
        )
    data = json.loads((folder / "indicatoren.json").read_text(encoding="utf-8"))
    row = data["waarden"][-1]
    assert tuple(row) == NAMES
    assert (row["indicator_id"], row["geen_cijfer"], row["waarde"], row["periode_begin"]) == (
        "kcc-wachttijd",
        True,
        None,
        None,
    )
    sheet = load_workbook(folder / "indicatoren.xlsx")["Cijfers"]
    cells = dict(zip(NAMES, next(sheet.iter_rows(min_row=7, max_row=7, values_only=True)), strict=True))
    assert (cells["indicator_id"], cells["geen_cijfer"], cells["waarde"], cells["soort"]) == (
        "kcc-wachttijd",
        True,
        None,
        None,
    )
    assert sheet.max_row == 7


# The licence (open-data.licentie)

LICENCE_LINE = (
    'Licentie: <a href="https://creativecommons.org/publicdomain/zero/1.0/deed.nl" rel="license">CC0 1.0</a>.'
)


def test_without_a_licence_setting_nothing_claims_one(site: Path) -> None:
    """The organisation decides its licence; the tool does not make one up."""
    for page in ("index.html", SECTION_PAGE):
        html = (site / page).read_text(encoding="utf-8")
        assert 'rel="license"' not in html and "Licentie" not in html, page
    package = json.loads((site / "open-data" / "datapackage.json").read_text(encoding="utf-8"))
    assert "licenses" not in package
    data = json.loads((site / "open-data" / "indicatoren.json").read_text(encoding="utf-8"))
    assert (data["licentie"], data["licentie_url"]) == (None, None)  # the keys are always there
    workbook = load_workbook(site / "open-data" / "indicatoren.xlsx")
    assert not workbook.properties.description
    assert not any("Licentie" in str(cell) for row in workbook["Uitleg"].iter_rows(values_only=True) for cell in row)


def test_the_xlsx_names_its_document_in_its_properties(site: Path) -> None:
    """A workbook saved away from the site still says what it holds (File > Info in Excel)."""
    workbook = load_workbook(site / "open-data" / "indicatoren.xlsx")
    assert workbook.properties.title == "Jaarverslag 2020 – Gemeente Amersfoort"


def test_the_licence_is_beside_the_downloads_and_in_every_file(make_project) -> None:
    project = make_project(config={"open-data": {"licentie": "CC0 1.0"}})
    build_project(project.root, strict=True)
    for page in ("index.html", "4-bestuur-en-dienstverlening/4-1-dienstverlening/index.html"):
        html = (project.output / page).read_text(encoding="utf-8")
        downloads = html[html.index('id="open-data-titel"') :]
        assert f"{LICENCE_LINE} U mag de cijfers vrij gebruiken, zonder voorwaarden.</p>" in downloads, page
    folder = project.output / "open-data"
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    url = "https://creativecommons.org/publicdomain/zero/1.0/"
    assert package["licenses"] == [{"name": "CC0-1.0", "path": url, "title": "CC0 1.0"}]
    data = json.loads((folder / "indicatoren.json").read_text(encoding="utf-8"))
    assert (data["licentie"], data["licentie_url"]) == ("CC0-1.0", url)
    workbook = load_workbook(folder / "indicatoren.xlsx")
    said = f"Licentie: CC0 1.0 ({url}deed.nl). U mag de cijfers vrij gebruiken, zonder voorwaarden."
    assert workbook.properties.description == said
    rows = list(workbook["Uitleg"].iter_rows(values_only=True))
    assert rows[-2:] == [(None, None, None), (said, None, None)]  # under the columns, after an empty row


def test_an_attribution_licence_names_the_organisation_in_the_documents_language(make_project) -> None:
    project = make_project(config={"open-data": {"licentie": "CC-BY-4.0"}, "taal": "en"})
    build_project(project.root, strict=True)
    html = (project.output / "index.html").read_text(encoding="utf-8")
    assert (
        'Licence: <a href="https://creativecommons.org/licenses/by/4.0/deed.en" rel="license">CC BY 4.0</a>. '
        "You may use the figures freely if you name Gemeente Amersfoort as their source.</p>"
    ) in html
    package = json.loads((project.output / "open-data" / "datapackage.json").read_text(encoding="utf-8"))
    assert [licence["name"] for licence in package["licenses"]] == ["CC-BY-4.0"]


def test_an_unknown_export_time_is_null_in_the_json(make_project) -> None:
    """A workbook without its save time (and no `export.tijd`) gave "export_tijd": "" in the JSON, a text where a
    reader's code expects a moment or nothing; the CSV and the xlsx leave the field empty, as before."""
    project = make_project()
    modified = r"<dcterms:modified[^>]*>[^<]*</dcterms:modified>"
    patch_workbook_xml(project.export_path, "docProps/core.xml", modified, "")
    result = build_project(project.root)
    assert any("het moment van de export is onbekend" in str(problem) for problem in result.project.problems)
    data = json.loads((project.output / "open-data" / "indicatoren.json").read_text(encoding="utf-8"))
    assert data["export_tijd"] is None
    assert {row["export_tijd"] for row in data["waarden"]} == {None}
    assert {row["export_tijd"] for row in read_csv(project.output / "open-data" / "indicatoren.csv")} == {""}


def test_the_footer_and_the_open_data_name_the_exports_sha256(site: Path) -> None:
    """Two exports with the same name and moment (a re-export, or `export.tijd` left as it was) gave the same footer
    and provenance: an auditor could not tell from the site which one its figures came from."""
    digest = hashlib.sha256((EXAMPLE / "indicatoren.xlsx").read_bytes()).hexdigest()
    for page in ("index.html", SECTION_PAGE):
        html = (site / page).read_text(encoding="utf-8")
        assert (
            '<p class="provenance">Deze pagina is gebouwd op <time datetime="2021-05-27T12:23:59+02:00">27 mei 2021 om '
            '12:23</time> met de export van <time datetime="2021-05-25T13:50:49+02:00">25 mei 2021 om 13:50</time>'
            f'</p>\n<p class="fingerprint">Vingerafdruk van de export: {digest[:12]}</p>'
        ) in html
        assert "de eerste 12 tekens van de SHA-256-hash van de export" in html
    assert {r["export_sha256"] for r in read_csv(site / "open-data" / "indicatoren.csv")} == {digest}
    assert {r["export_sha256"] for r in read_csv(site / SECTION_CSV)} == {digest}
    data = json.loads((site / "open-data" / "indicatoren.json").read_text(encoding="utf-8"))
    assert data["export_sha256"] == {"indicatoren.xlsx": digest}
    assert {row["export_sha256"] for row in data["waarden"]} == {digest}
    sheet = load_workbook(site / "open-data" / "indicatoren.xlsx").worksheets[0]
    column = [cell.value for cell in sheet[1]].index("export_sha256")
    assert {row[column] for row in sheet.iter_rows(min_row=2, values_only=True)} == {digest}


def test_a_csv_exports_fingerprint_is_that_of_its_files_listing(make_project, monkeypatch) -> None:
    """A folder has no bytes of its own: its digest is what `sha256sum indicatoren.csv waarden.csv | sha256sum`
    gives, and a changed figure with `export.tijd` as it was changes it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1622111039")
    project = make_project(export="csv")
    build_project(project.root, strict=True)

    def listing_digest() -> str:
        files = ("indicatoren.csv", "waarden.csv")
        lines = "".join(f"{hashlib.sha256((project.export_path / n).read_bytes()).hexdigest()}  {n}\n" for n in files)
        return hashlib.sha256(lines.encode()).hexdigest()

    def footer() -> str:
        return (project.output / "index.html").read_text(encoding="utf-8").split('<p class="provenance">')[1]

    first, first_footer = listing_digest(), footer()
    assert f'<p class="fingerprint">Vingerafdruk van de export: {first[:12]}</p>' in first_footer
    project.values[0]["waarde"] = "93"
    project.write()
    build_project(project.root, strict=True)
    second = listing_digest()
    assert second != first and f"Vingerafdruk van de export: {second[:12]}</p>" in footer()
    assert footer().split("</p>")[0] == first_footer.split("</p>")[0]  # the same build and export time
    assert {r["export_sha256"] for r in read_csv(project.output / "open-data" / "indicatoren.csv")} == {second}


def test_an_english_footer_names_the_fingerprint_in_english(make_project) -> None:
    project = make_project(config={"taal": "en"})
    build_project(project.root, strict=True)
    html = (project.output / "index.html").read_text(encoding="utf-8")
    digest = hashlib.sha256(project.export_path.read_bytes()).hexdigest()
    assert f'<p class="fingerprint">Export fingerprint: {digest[:12]}</p>' in html
    assert "The export fingerprint in the footer is the first 12 characters of the SHA-256 hash" in html


def test_each_provenance_column_says_what_it_holds_for_a_measured_figure() -> None:
    """export_sha256 said the footer shows its first 12 characters; on a measured figure's row it is the hash of
    metingen/uitkomsten.csv, which the footer does not show, and an auditor looked for it there in vain."""
    from verantwoord.measure.results import RESULTS_FILE

    for field in FIELDS:
        if field.name in ("export_tijd", "export_bestand", "export_sha256"):
            assert "gemeten" in field.description and "measured" in field.english, field.name
    [digest] = [field for field in FIELDS if field.name == "export_sha256"]
    assert RESULTS_FILE in digest.description and RESULTS_FILE in digest.english
