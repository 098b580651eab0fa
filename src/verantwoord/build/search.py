"""Full-text search over the built site with Pagefind, whose binary comes inside its PyPI wheel.

Pagefind reads the finished HTML (in the staging folder, before it is swapped in) and writes a static
index into `pagefind/`; the search page loads it in the browser. It stems Dutch or English from the
pages' `lang`. Without JavaScript the search page offers the table of contents instead.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from pagefind_bin import get_executable

from verantwoord.errors import BuildFailed


def build_search_index(root: Path) -> None:
    """Index every page under `root` into `root/pagefind/`."""
    command = [str(get_executable()), "--site", str(root), "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BuildFailed(
            f"Het zoekregister kon niet worden gemaakt (Pagefind): {result.stderr.strip() or result.stdout}"
        )
