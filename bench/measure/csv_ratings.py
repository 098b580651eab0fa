"""Time `verantwoord measure` on rating events in CSV rather than Parquet: the kiosk exports many users have.

    .venv/bin/python bench/measure/csv_ratings.py [--rows 10000000] [--runs 3] [--src DIR ...] [--broken]

Needs the data of bench/measure/run.py (`--only ratings` is enough). Writes, once, the first `--rows` events of its
Parquet file as CSV (bench/measure/.cache/csv-ratings-ROWS/, about 390 MB for 10 million) with a project whose four
rating indicators are run.py's, and times `verantwoord measure` on it. With `--src DIR` (repeatable) the verantwoord
in each DIR is timed too (PYTHONPATH), taking turns run by run; the first line is always this tree. With `--broken`
four lines of a copy are broken (a moment that is none, a score off the scale, a repeated line, too few fields),
and the run fails with the report that names them: that report is what is timed.
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
SRC = BENCH.parents[1] / "src"


def csv_project(rows: int) -> Path:
    root = CACHE / f"csv-ratings-{rows}"
    if (root / "klaar").exists():
        return root
    ratings = CACHE / "project-ratings"
    parquet = ratings / "ruw" / "beoordelingen.parquet"
    if not parquet.exists():
        raise SystemExit("no rating events yet: run bench/measure/run.py --only ratings first")
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(ratings, root, symlinks=True, ignore=shutil.ignore_patterns("ruw", "metingen"))
    (root / "ruw").mkdir()
    import duckdb

    duckdb.sql(
        f"COPY (SELECT * FROM read_parquet('{parquet}') LIMIT {int(rows)}) "
        f"TO '{root / 'ruw' / 'beoordelingen.csv'}' (HEADER, DELIMITER ',')"
    )
    definitions = (ratings / "metingen.yaml").read_text(encoding="utf-8")
    (root / "metingen.yaml").write_text(definitions.replace("beoordelingen.parquet", "beoordelingen.csv"))
    (root / "klaar").write_text("")
    return root


BROKEN = {1000: b"balie,gisteren,3,stadhuis", 2000: b"balie,2011-01-03 08:00:02.206,9,stadhuis", 4000: b"kapot"}
"""Line index (from 0) → its new text; line 3000 becomes a copy of line 3001."""


def broken_project(clean: Path) -> Path:
    root = clean.with_name(clean.name + "-kapot")
    if (root / "klaar").exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(clean, root, ignore=shutil.ignore_patterns("metingen", "klaar"))
    path = root / "ruw" / "beoordelingen.csv"
    lines = path.read_bytes().split(b"\n")
    for index, text in BROKEN.items():
        lines[index] = text
    lines[3000] = lines[3001]
    path.write_bytes(b"\n".join(lines))
    (root / "klaar").write_text("")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--src", type=Path, action="append", default=[])
    parser.add_argument("--broken", action="store_true")
    args = parser.parse_args()
    project = csv_project(args.rows)
    if args.broken:
        project = broken_project(project)
    sources = [SRC, *(path.resolve() for path in args.src)]
    times: dict[Path, list[float]] = {source: [] for source in sources}
    for _ in range(args.runs):
        for source in sources:
            env = dict(os.environ, PYTHONPATH=str(source))
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "verantwoord", "measure", str(project)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
            if done.returncode != (1 if args.broken else 0):
                raise SystemExit(f"{source}: exit code {done.returncode}")
            times[source].append(time.perf_counter() - started)
            print(f"{source!s:40} {times[source][-1]:6.2f} s", flush=True)
    broken = ", four of them broken" if args.broken else ""
    print(f"\n{args.rows:,} ratings in CSV{broken}, median of {args.runs}:")
    for source, seconds in times.items():
        print(f"{source!s:40} {statistics.median(seconds):6.2f} s")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
