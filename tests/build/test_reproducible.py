"""Reproducible builds: the same input with SOURCE_DATE_EPOCH set gives the same bytes, in any output folder."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import tree_bytes
from verantwoord import build_project

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
