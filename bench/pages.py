"""Time rendering section pages in one process, after loading: milliseconds per section page.

    python bench/pages.py [--sections 1000] [--pages 60] [--runs 5] [--src DIR ...]

Loads the cached project of bench/run.py once, then renders `--pages` section pages `--runs` times,
serially in this process (the build shares them over forked workers from 200 pages on), and prints
the median time per section page and the size of a page. Each run renders other pages (run 2 the next
`--pages` sections), so no run profits from what an earlier one cached. Rendering includes writing the
file; the project needs `--pages` × `--runs` sections.

With `--src DIR` the same is timed for the verantwoord in DIR as well (say a snapshot of the commit
before a change): each source tree runs in a child process of its own, and the children take turns run
by run, so a busy machine slows both alike. The first line is always this working tree.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def child(project: Path, pages: int) -> None:
    """Load `project`, then per line read from stdin (a run's number) time rendering that run's section pages."""
    from verantwoord.build import site
    from verantwoord.project import load_project

    document = load_project(project).document
    order = site.site_pages(document)
    sections = [index for index, page in enumerate(order) if page.template == "section"]
    folder = Path(tempfile.mkdtemp(prefix="bench-pages-"))

    def timed_runs(render, count, progress) -> None:  # in place of site._render_all: the build renders nothing else
        # As the build's workers render: the document frozen, out of the garbage collector's scans. Without it each
        # collection walked the whole document, about 1 ms a page that no build spends.
        gc.collect()
        gc.freeze()
        for line in sys.stdin:
            start = int(line) * pages  # each run renders other pages: nothing comes from a cache
            chosen = sections[start : start + pages]
            started, started_cpu = time.perf_counter(), time.process_time()
            for index in chosen:
                render(index)
            wall, cpu = time.perf_counter() - started, time.process_time() - started_cpu
            staging = next(folder.glob(".verantwoord-*"))  # where build_site renders before it swaps
            size = sum((staging / order[index].path / "index.html").stat().st_size for index in chosen)
            print(json.dumps({"wall_s": wall, "cpu_s": cpu, "pages": len(chosen), "bytes": size}), flush=True)
        raise _Done

    site._render_all = timed_runs
    site.write_open_data = lambda *args, **kwargs: None
    try:
        site.build_site(document, folder / "site", site.SiteOptions(search=False))
    except _Done:
        pass
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class _Done(Exception):
    """Ends the build after the timed runs: the rest (open data, swapping the folder in) is not timed."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time rendering section pages, in ms per page.")
    parser.add_argument("--sections", type=int, default=1000, help="size of the cached project (bench/run.py)")
    parser.add_argument("--pages", type=int, default=60, help="section pages rendered per run")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--src", type=Path, action="append", default=[], help="also time the package in DIR")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.pages)
        return 0
    sys.path.insert(0, str(BENCH))
    import run

    run.CACHE.mkdir(exist_ok=True)
    project, summary, _ = run.cached_project(args.sections, "xlsx", 1)
    trees: list[tuple[str, Path | None]] = [("this tree", None)] + [(str(src), src.resolve()) for src in args.src]
    children = []
    for _, src in trees:
        env = os.environ | ({"PYTHONPATH": str(src)} if src else {})
        command = [sys.executable, __file__, "--child", str(project), "--pages", str(args.pages)]
        children.append(subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env))
    results: list[list[dict]] = [[] for _ in trees]
    for number in range(args.runs):
        for process, runs in zip(children, results, strict=True):
            process.stdin.write(f"{number}\n")
            process.stdin.flush()
            runs.append(json.loads(process.stdout.readline()))
    for process in children:
        process.stdin.close()
        process.wait()
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"{args.pages} section pages of {project.name} ({summary['indicators']} indicators), "
        f"median of {args.runs} runs, load average {load}"
    )
    print(f"{'source':<40} {'ms/page':>8} {'cpu ms':>8} {'min':>8} {'max':>8} {'KB/page':>8}  time")
    first = None
    for (name, _), runs in zip(trees, results, strict=True):
        per_page = [r["wall_s"] * 1000 / r["pages"] for r in runs]
        cpu = statistics.median(r["cpu_s"] * 1000 / r["pages"] for r in runs)
        median = statistics.median(per_page)
        first = first or median
        kb = runs[-1]["bytes"] / runs[-1]["pages"] / 1000
        spread = f"{min(per_page):>8.2f} {max(per_page):>8.2f}"
        print(f"{name[-40:]:<40} {median:>8.2f} {cpu:>8.2f} {spread} {kb:>8.1f}  {median / first:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
