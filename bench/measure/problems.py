"""Time `verantwoord measure` on ten years of queue_log with a few malformed lines, beside the same log without them.

    .venv/bin/python bench/measure/problems.py [--runs 3] [--src DIR]

Needs the data of bench/measure/run.py (run it first, `--only calls` is enough). Copies its queue_logs into
bench/measure/.cache/problems/ once and breaks four lines of queue_log.2015: one with too few fields, one with
an unknown event, one with a moment that is no epoch, and one that repeats the line before it. With the default
error limit of 0 the run fails with the report that names them; that report is what a user waits for. The clean
and the broken project take turns, run by run. With `--src DIR` the verantwoord in DIR is timed (PYTHONPATH).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
CACHE = BENCH / ".cache"
BROKEN = {1000: "garbage|line", 2000: "1420095618|x|kcc-algemeen|NONE|BOGUSEVENT|", 4000: "gisteren|y|q|NONE|INFO"}
"""Line index (from 0) in queue_log.2015 → its new text; line 3000 becomes a copy of line 3001."""


def broken_project(clean: Path) -> Path:
    root = CACHE / "problems"
    if (root / "klaar").exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(clean, root, symlinks=False, ignore=shutil.ignore_patterns("metingen", "beoordelingen.parquet"))
    log = root / "ruw" / "telefonie" / "queue_log.2015"
    lines = log.read_text(encoding="utf-8").split("\n")
    for index, text in BROKEN.items():
        lines[index] = text
    lines[3000] = lines[3001]
    log.write_text("\n".join(lines), encoding="utf-8")
    (root / "klaar").write_text("")
    return root


def timed(project: Path, env: dict[str, str]) -> tuple[float, int]:
    command = [sys.executable, "-m", "verantwoord", "measure", str(project)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    return time.perf_counter() - started, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--src", type=Path)
    args = parser.parse_args()
    clean = CACHE / "project-calls"
    if not (clean / "ruw" / "telefonie").exists():
        raise SystemExit("no queue_logs yet: run bench/measure/run.py --only calls first")
    broken = broken_project(clean)
    env = dict(os.environ)
    if args.src:
        env["PYTHONPATH"] = str(args.src.resolve())
    times: dict[str, list[float]] = {"clean": [], "with problem lines": []}
    for _ in range(args.runs):
        for name, project in (("clean", clean), ("with problem lines", broken)):
            seconds, code = timed(project, env)
            expected = 0 if name == "clean" else 1
            if code != expected:
                raise SystemExit(f"{name}: exit code {code}, expected {expected}")
            times[name].append(seconds)
            print(f"{name:20} {seconds:6.2f} s", flush=True)
    clean_s, broken_s = (statistics.median(times[name]) for name in times)
    print(f"\nmedian: clean {clean_s:.2f} s, with problem lines {broken_s:.2f} s ({broken_s / clean_s:.1f}×)")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
