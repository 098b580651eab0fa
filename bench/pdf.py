"""Time the PDF of a project and its peak memory, with limits, as `build --pdf` makes it in its own process.

    python bench/pdf.py PROJECT [--workers N] [--limit-seconds 900] [--limit-mib 4096]

Loads the project, then makes the PDF of its first document from this process (what the PDF's own
process does in `build --pdf`: its parts rendered by worker processes, then joined), watching the
resident memory of this process and its workers together twice a second. It stops, and says so, when
the PDF takes longer than the time limit or more memory than the memory limit.
"""

from __future__ import annotations

import argparse
import os
import signal
import tempfile
import threading
import time
from pathlib import Path

import pikepdf

from verantwoord.build.format import build_time
from verantwoord.build.pdf import write_pdf
from verantwoord.project import load_project
from verantwoord.publish import document_sites


def _rss_mib(pid: int | None = None) -> float:
    """The resident memory of a process and all its descendants."""
    pid = pid or os.getpid()
    try:
        with open(f"/proc/{pid}/status") as status:
            own = next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            return own + sum(_rss_mib(int(child)) for child in children.read().split())
    except (OSError, StopIteration):
        return 0.0  # gone meanwhile


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--workers", type=int, default=None, help="processes that render parts (default: per core)")
    parser.add_argument("--limit-seconds", type=float, default=900)
    parser.add_argument("--limit-mib", type=float, default=4096)
    args = parser.parse_args(argv)
    os.setpgid(0, 0)
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
                os.killpg(0, signal.SIGKILL)  # this process and its workers (a group of their own, below)
            time.sleep(0.5)

    threading.Thread(target=watch, daemon=True).start()
    with tempfile.TemporaryDirectory() as folder:
        target = write_pdf(
            site.document, site.options, build_time(), Path(folder) / str(site.options.pdf_name), workers=args.workers
        )
        done = time.perf_counter()
        size = target.stat().st_size / 1e6
        with pikepdf.open(target) as pdf:
            pages = len(pdf.pages)
    print(
        f"load {loaded - started:.1f} s, PDF {done - loaded:.1f} s, peak {max(peak, _rss_mib()):.0f} MiB, "
        f"{pages} pages, {size:.1f} MB; load average {os.getloadavg()[0]:.1f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
