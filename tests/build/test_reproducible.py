"""Reproducible builds: the same input with SOURCE_DATE_EPOCH set gives the same bytes, in any output folder."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import tree_bytes
from verantwoord import build_project
from verantwoord.cli import main
from verantwoord.errors import VerantwoordError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "amersfoort-2020"


def test_same_input_gives_byte_identical_output_including_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1622111039")
    first = tree_bytes(build_project(EXAMPLE, tmp_path / "een" / "site", pdf=True).output)
    time.sleep(1.1)  # so a clock read anywhere in the build (zip entries, PDF dates) would differ
    second = tree_bytes(build_project(EXAMPLE, tmp_path / "twee" / "elders", pdf=True).output)

    assert sorted(first) == sorted(second)
    for name in (
        "index.html",
        "jaarverslag-2020-gemeente-amersfoort.pdf",
        "open-data/indicatoren.csv",
        "open-data/indicatoren.json",
        "open-data/indicatoren.xlsx",
        "open-data/datapackage.json",
        "pagefind/pagefind-entry.json",
    ):
        assert name in first, name
    assert any(name.startswith("pagefind/index/") for name in first)
    different = [name for name in first if first[name] != second[name]]
    assert different == []


@pytest.mark.parametrize("epoch", ["2021-05-27T10:23:59+00:00", "1622111039.5", "99999999999999", "253402300799"])
def test_a_source_date_epoch_that_is_no_count_of_seconds_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, epoch: str
) -> None:
    """GitLab's CI_COMMIT_TIMESTAMP is a date, not seconds: such a value was ignored without a word, and the build was
    no longer reproducible; one past the year 9999 ended in a traceback. The specification asks a build to stop."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(VerantwoordError, match=f"SOURCE_DATE_EPOCH is '{re.escape(epoch)}'"):
        build_project(EXAMPLE, tmp_path / "site")
    assert not (tmp_path / "site").exists()
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--out", str(tmp_path / "site")])
    assert result.exit_code == 2, result.output  # the command's setting, as a mistyped option
    assert "geen aantal seconden" in result.output and "git log -1 --format=%ct" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["build", "measure"])
def test_a_source_date_epoch_that_is_no_count_of_seconds_is_told_in_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """The pipeline's environment sets it, not its command line: `--json` left stdout empty, and a script reading the
    JSON the manual promises failed on nothing instead of telling why."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2021-05-27T10:23:59+00:00")
    result = CliRunner().invoke(main, [command, "--json", str(EXAMPLE)])
    assert result.exit_code == 2, result.output
    data = json.loads(result.stdout)
    assert (data["opdracht"], data["gelukt"], data["exitcode"], data["meldingen"]) == (command, False, 2, [])
    assert data["uitkomst"].startswith("SOURCE_DATE_EPOCH is '2021-05-27T10:23:59+00:00'")
    assert "geen aantal seconden" in result.stderr


def test_an_empty_source_date_epoch_is_as_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert (build_project(EXAMPLE, tmp_path / "site").output / "index.html").is_file()


@pytest.mark.parametrize("epoch", ["4354819200", "253402297199"])
def test_a_source_date_epoch_far_ahead_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, epoch: str) -> None:
    """From 2108 on the workbook's ZIP entries could not hold the moment, and in the last hour of 9999 (UTC) the
    footer's time in Amsterdam was in the year 10000: both ended in a traceback, where the manual promises a build
    up to the year 9999 and a message past it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    site = build_project(EXAMPLE, tmp_path / "site").output
    assert (site / "index.html").is_file()
