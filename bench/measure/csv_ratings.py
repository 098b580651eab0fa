"""Time `verantwoord measure` on rating events in CSV rather than Parquet: the kiosk exports many users have.

    .venv/bin/python bench/measure/csv_ratings.py [--rows 10000000] [--runs 3] [--src DIR ...]

Needs the data of bench/measure/run.py (`--only ratings` is enough). Writes, once, the first `--rows` events of its
Parquet file as CSV (bench/measure/.cache/csv-ratings-ROWS/, about 390 MB for 10 million) with a project whose four
rating indicators are run.py's, and times `verantwoord measure` on it. With `--src DIR` (repeatable) the verantwoord
in each DIR is timed too (PYTHONPATH), taking turns run by run; the first line is always this tree.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--src", type=Path, action="append", default=[])
    args = parser.parse_args()
    project = csv_project(args.rows)
    sources = [SRC, *(path.resolve() for path in args.src)]
    times: dict[Path, list[float]] = {source: [] for source in sources}
    for _ in range(args.runs):
        for source in sources:
            env = dict(os.environ, PYTHONPATH=str(source))
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "verantwoord", "measure", str(project)], check=True, env=env,
                           stdout=subprocess.DEVNULL)  # fmt: skip
            times[source].append(time.perf_counter() - started)
            print(f"{source!s:40} {times[source][-1]:6.2f} s", flush=True)
    print(f"\n{args.rows:,} ratings in CSV, median of {args.runs}:")
    for source, seconds in times.items():
        print(f"{source!s:40} {statistics.median(seconds):6.2f} s")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
