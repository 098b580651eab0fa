"""Full-text search over the built site with Pagefind, whose binary comes inside its PyPI wheel.

Pagefind reads the finished HTML (in the staging folder, before it is swapped in) and writes a static
index into `pagefind/`; the search page loads it in the browser. It stems Dutch or English from the
pages' `lang`. Without JavaScript the search page offers the table of contents instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pagefind_bin import get_executable

from verantwoord.errors import BuildFailed


@contextmanager
def search_index(root: Path) -> Iterator[None]:
    """Index every page under `root` into `root/pagefind/` while the body of the `with` runs.

    Pagefind is its own process: the build writes open data meanwhile, and waits at the end.
    """
    process = subprocess.Popen(_command(root), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        yield
    except BaseException:
        process.kill()
        process.communicate()
        raise
    output, errors = process.communicate()
    _check(process.returncode, output, errors)


def reindex(root: Path, scratch: Path) -> None:
    """Remake the index of the site at `root` while it is being served, and swap it in when complete.

    Pagefind writes into a new folder in `scratch` (on the same disk, outside the site); the old index
    stays in use until the rename.
    """
    bundle = Path(tempfile.mkdtemp(prefix=".verantwoord-", dir=scratch))
    try:
        done = subprocess.run(_command(root, bundle), capture_output=True, text=True)
        _check(done.returncode, done.stdout, done.stderr)
        bundle.chmod(0o755)
        current = root / "pagefind"
        retired = bundle.with_name(bundle.name + "-oud")
        if current.exists():
            os.rename(current, retired)
        os.rename(bundle, current)
        shutil.rmtree(retired, ignore_errors=True)
    finally:
        shutil.rmtree(bundle, ignore_errors=True)


def _command(root: Path, bundle: Path | None = None) -> list[str]:
    output = ["--output-path", str(bundle)] if bundle is not None else []
    return [str(get_executable()), "--site", str(root), *output, "--silent"]


def _check(returncode: int, output: str, errors: str) -> None:
    if returncode != 0:
        raise BuildFailed(f"Het zoekregister kon niet worden gemaakt (Pagefind): {errors.strip() or output}")
