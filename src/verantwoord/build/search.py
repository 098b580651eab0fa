"""Full-text search over the built site with Pagefind, whose binary comes inside its PyPI wheel.

Pagefind reads the finished HTML (in the staging folder, before it is swapped in) and writes a static
index into `pagefind/`; the search page loads it in the browser. It stems Dutch or English from the
pages' `lang`. Without JavaScript the search page offers the table of contents instead.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pagefind_bin import get_executable

from verantwoord.errors import BuildFailed


@contextmanager
def search_index(root: Path) -> Iterator[None]:
    """Index every page under `root` into `root/pagefind/` while the body of the `with` runs.

    Pagefind is its own process: the build writes open data and the PDF meanwhile, and waits at the end.
    """
    command = [str(get_executable()), "--site", str(root), "--silent"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        yield
    except BaseException:
        process.kill()
        process.communicate()
        raise
    output, errors = process.communicate()
    if process.returncode != 0:
        raise BuildFailed(f"Het zoekregister kon niet worden gemaakt (Pagefind): {errors.strip() or output}")
