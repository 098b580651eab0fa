"""Time the PDF of a project and its peak memory, with limits, as `build --pdf` makes it in its own process.

    python bench/pdf.py PROJECT [--limit-seconds 900] [--limit-mib 4096]

Loads the project, then renders the PDF of its first document in this process (what the PDF's own
process does in `build --pdf`), watching the resident memory twice a second. It stops, and says so,
when the PDF takes longer than the time limit or more memory than the memory limit.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from pathlib import Path

from verantwoord.build.format import build_time
from verantwoord.build.pdf import write_pdf
from verantwoord.project import document_sites, load_project


def _rss_mib() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--limit-seconds", type=float, default=900)
    parser.add_argument("--limit-mib", type=float, default=4096)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    site = document_sites(load_project(args.project), pdf=True)[0]
    loaded = time.perf_counter()
    peak = 0.0

    def watch() -> None:
        nonlocal peak
        while True:
            rss = _rss_mib()
            peak = max(peak, rss)
            elapsed = time.perf_counter() - loaded
            if rss > args.limit_mib or elapsed > args.limit_seconds:
                print(
                    f"stopped after {elapsed:.0f} s at {rss:.0f} MiB (peak {peak:.0f} MiB), unfinished; "
                    f"load average {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
                os._exit(3)
            time.sleep(0.5)

    threading.Thread(target=watch, daemon=True).start()
    with tempfile.TemporaryDirectory() as folder:
        target = write_pdf(site.document, site.options, build_time(), Path(folder) / str(site.options.pdf_name))
        done = time.perf_counter()
        size = target.stat().st_size / 1e6
    print(
        f"load {loaded - started:.1f} s, PDF {done - loaded:.1f} s, peak {max(peak, _rss_mib()):.0f} MiB, "
        f"{size:.1f} MB; load average {os.getloadavg()[0]:.1f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
