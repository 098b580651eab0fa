"""Time reading a project's workbook in one process, after the imports: the target is under 1 s.

    python bench/read.py PROJECT [--what read|load] [--runs 5] [--workbook FILE]

`read` times `verantwoord.export.workbook.read_workbook` on PROJECT/indicatoren.xlsx (or FILE): only reading
the sheets into rows. `load` times `verantwoord.project.load_project`: reading the config, texts and workbook
and validating everything into the document. Prints the times of the runs as JSON; bench/run.py runs this
as a child process, so its peak memory is measured too.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

# Imported before the clock starts: the times are for reading, not for the imports.
from verantwoord.errors import Problems
from verantwoord.export.records import VALUE_SHEET
from verantwoord.export.workbook import read_workbook
from verantwoord.project import load_project


def read_only(workbook: Path) -> int:
    """Read the workbook; returns the value rows read."""
    problems = Problems()
    tables, _ = read_workbook(workbook, problems)
    values = tables.get(VALUE_SHEET.lower())
    if problems.errors or values is None:
        raise SystemExit(f"reading {workbook} failed: {[str(p) for p in problems]}")
    return len(values.rows)


def read_and_validate(project: Path) -> int:
    """Load and validate the project; returns the values in the document."""
    document = load_project(project).document
    return sum(len(indicator.values) for indicator in document.indicators())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time reading (and validating) a project's workbook.")
    parser.add_argument("project", type=Path)
    parser.add_argument("--what", choices=("read", "load"), default="read")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workbook", type=Path, help="for read: this workbook instead of PROJECT/indicatoren.xlsx")
    args = parser.parse_args(argv)
    if args.what == "read":
        workbook = args.workbook or args.project / "indicatoren.xlsx"
        timed, argument = read_only, workbook
    else:
        timed, argument = read_and_validate, args.project
    times, cpu_times = [], []
    rows = 0
    for _ in range(args.runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        rows = timed(argument)
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - started_cpu)
    summary = {"what": args.what, "times_s": times, "cpu_s": cpu_times, "median_s": statistics.median(times)}
    print(json.dumps(summary | {"rows": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
