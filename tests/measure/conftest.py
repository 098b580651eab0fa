"""Small measuring projects: the conftest project (two KCC indicators) with a metingen.yaml and raw files."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from tests.conftest import new_project

TARGETS = [
    {"indicator": "kcc-tevredenheid", "periode": "2020", "soort": "streefwaarde", "waarde": "93"},
]
"""Values of the export: only a target, so every realised figure can come from a measurement."""


def measuring_project(
    root: Path,
    definitions: str,
    files: Mapping[str, str | bytes],
    values: list[dict] | None = None,
    config: dict | None = None,
    export: str = "xlsx",
) -> Path:
    """A valid project at `root` with `definitions` as metingen.yaml and `files` (path -> content) in it; its export
    a workbook, or with `export` a folder of CSV files ("csv") or a YAML file ("yaml")."""
    new_project(root, values=TARGETS if values is None else values, config=config, export=export)
    (root / "metingen.yaml").write_text(definitions, encoding="utf-8")
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def make_measuring(tmp_path: Path) -> Callable[..., Path]:
    counter = 0

    def make(definitions: str, files: Mapping[str, str | bytes], **kwargs: object) -> Path:
        nonlocal counter
        counter += 1
        return measuring_project(tmp_path / f"meting{counter}", definitions, files, **kwargs)  # type: ignore[arg-type]

    return make


EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "amersfoort-2020-metingen"


@pytest.fixture(scope="session")
def generated_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of examples/amersfoort-2020-metingen with its raw data generated (about 10 s, once per run)."""
    import shutil

    from verantwoord.measure.synthetic import write_example

    root = tmp_path_factory.mktemp("voorbeeld") / "amersfoort-2020-metingen"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site", "ruw"))
    write_example(root)
    return root
