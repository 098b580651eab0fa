"""Time `verantwoord measure` on large raw data, beside the same aggregation in DuckDB SQL and in pandas.

    .venv/bin/python bench/measure/run.py [--events 100000000] [--residents 150000] [--years 2011-2020]
                                          [--runs 3] [--pandas-runs 1] [--memory 2GB] [--only ratings|calls]

Generates, once, into bench/measure/.cache/ (git-ignored; keyed by the parameters and the generator's source):
about `--events` rating events in one Parquet file (DuckDB SQL, src/verantwoord/measure/synthetic.py) and ten
years of Asterisk queue_log for `--residents` residents. Then, per workload (ratings, calls) and per tool, runs
the tool as a subprocess `--runs` times and takes the median wall time and the peak memory (the child's max RSS,
from os.wait4):

- verantwoord: `verantwoord measure PROJECT --geheugen MEMORY` on a project whose metingen.yaml defines the
  indicators (four rating indicators on one Parquet file; reachability on the queue_logs);
- duckdb: the same aggregation as one hand-written DuckDB query (bench/measure/direct.py), same memory limit;
- pandas: the same aggregation in pandas (bench/measure/direct.py); needs `pip install pandas pyarrow`.

All tools must produce the same n and positive count per indicator and year; the run fails otherwise. Prints a
table and writes it as JSON to bench/measure/results/.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parents[1]
CACHE = BENCH / ".cache"
RESULTS = BENCH / "results"
EXAMPLE = REPO / "examples" / "amersfoort-2020-metingen"
PYTHON = sys.executable
VERANTWOORD = str(Path(PYTHON).parent / "verantwoord")

RATINGS_YAML = """\
jaren: {years}
schalen:
  zuil: {{soort: smileys, zeer-tevreden: 1}}
  toetsen: {{soort: smileys, zeer-tevreden: 5}}
  rapportcijfer: {{soort: cijfer}}
  duim: {{soort: ja-nee}}
indicatoren:
  balie-tevredenheid: {{soort: tevredenheid, bestanden: ruw/beoordelingen.parquet, kanaal: balie, schaal: zuil}}
  kcc-tevredenheid: {{soort: tevredenheid, bestanden: ruw/beoordelingen.parquet, kanaal: telefoon, schaal: toetsen}}
  formulieren-tevredenheid:
    {{soort: tevredenheid, bestanden: ruw/beoordelingen.parquet, kanaal: formulier, schaal: rapportcijfer}}
  website-tevredenheid: {{soort: tevredenheid, bestanden: ruw/beoordelingen.parquet, kanaal: website, schaal: duim}}
"""
CALLS_YAML = """\
jaren: {years}
indicatoren:
  kcc-bereikbaarheid:
    soort: bereikbaarheid
    bestanden: ruw/telefonie/queue_log.*
    wachtrijen: [kcc-algemeen, kcc-burgerzaken, kcc-belastingen]
    binnen: 25
    korte-ophangers: 5
    toets: niet-beantwoord
"""


@dataclass(frozen=True)
class Run:
    wall_s: float
    cpu_s: float
    """User and system time of all the process's threads: less moved by other jobs on a shared machine."""
    max_rss_mib: float


def measure(command: list[str]) -> tuple[Run, str]:
    """Run `command`; its wall time, its CPU time, its own peak memory, and its standard output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=REPO)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        output, errors = out.read().decode(), err.read().decode()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{output}\n{errors}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024), output


def generate(args: argparse.Namespace) -> Path:
    """The data folder for these parameters, generated when it is not there yet."""
    source = (REPO / "src/verantwoord/measure/synthetic.py").read_bytes()
    key = hashlib.sha256(source + f"{args.events}|{args.residents}|{args.years}".encode()).hexdigest()[:12]
    folder = CACHE / f"data-{key}"
    if (folder / "klaar").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    first, last = (int(y) for y in args.years.split("-"))
    print(f"Generating {args.events:,} rating events and {last - first + 1} years of queue_log in {folder} …")
    started = time.perf_counter()
    subprocess.run(
        [PYTHON, "-m", "verantwoord.measure.synthetic", "beoordelingen", str(folder / "beoordelingen.parquet"),
         "--aantal", str(args.events), "--jaren", args.years],
        check=True,
    )  # fmt: skip
    subprocess.run(
        [PYTHON, "-m", "verantwoord.measure.synthetic", "queue_log", str(folder / "telefonie"),
         "--inwoners", str(args.residents), "--jaren", args.years],
        check=True,
    )  # fmt: skip
    (folder / "klaar").write_text(f"{time.perf_counter() - started:.0f} s\n")
    return folder


def project(data: Path, workload: str, years: str) -> Path:
    """A project (the example's workbook and texts) whose ruw/ is the generated data."""
    root = CACHE / f"project-{workload}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for name in ("verantwoord.yaml", "indicatoren.xlsx", "tekst"):
        source = EXAMPLE / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    (root / "ruw").symlink_to(data, target_is_directory=True)
    text = RATINGS_YAML if workload == "ratings" else CALLS_YAML
    (root / "metingen.yaml").write_text(text.format(years=years), encoding="utf-8")
    return root


def warm(data: Path, workload: str) -> None:
    """Read the workload's files once before the tools are timed, so that each finds them in memory. pandas holds 14 GB
    on the ratings, which pushed the queue_logs out of the page cache: verantwoord, timed first on the calls, read
    them from disk in its first run (31 s for a run that takes 3) and the peers after it did not."""
    for path in [data / "beoordelingen.parquet"] if workload == "ratings" else sorted((data / "telefonie").iterdir()):
        with path.open("rb") as file:
            while file.read(1 << 24):
                pass


def measured(root: Path) -> dict[str, list[int]]:
    import csv

    with (root / "metingen" / "uitkomsten.csv").open(encoding="utf-8") as file:
        return {
            f"{row['indicator']}/{row['periode']}": [int(row["n"]), int(row["positief"])]
            for row in csv.DictReader(file)
            if row["n"] and row["n"] != "0"
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000_000)
    parser.add_argument("--residents", type=int, default=150_000)
    parser.add_argument("--years", default="2011-2020")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pandas-runs", type=int, default=1)
    parser.add_argument("--memory", default="2GB")
    parser.add_argument("--only", choices=("ratings", "calls"))
    args = parser.parse_args()
    data = generate(args)
    # Compiled as `pip install` compiles it: the editable install does not, nor, with PYTHONDONTWRITEBYTECODE set,
    # does any run (bench/tools.py, compile_source).
    compileall.compile_dir(REPO / "src", quiet=1)
    load = os.getloadavg()  # other jobs on the machine: the figures are only as good as it was quiet
    table = []
    for workload in ("ratings", "calls"):
        if args.only and workload != args.only:
            continue
        root = project(data, workload, args.years)
        warm(data, workload)
        tools = {
            "verantwoord measure": ([VERANTWOORD, "measure", str(root), "--geheugen", args.memory], args.runs),
            "DuckDB SQL": ([PYTHON, str(BENCH / "direct.py"), "duckdb", workload, str(data), args.memory], args.runs),
            "pandas": ([PYTHON, str(BENCH / "direct.py"), "pandas", workload, str(data)], args.pandas_runs),
        }
        figures: dict[str, dict] = {}
        for tool, (command, runs) in tools.items():
            results = []
            for _ in range(runs):
                run, output = measure(command)
                results.append(run)
                print(
                    f"{workload:8} {tool:20} {run.wall_s:7.1f} s {run.cpu_s:7.1f} s CPU {run.max_rss_mib:8.0f} MiB",
                    flush=True,
                )
            figures[tool] = measured(root) if tool.startswith("verantwoord") else json.loads(output)
            table.append(
                {
                    "workload": workload,
                    "tool": tool,
                    "runs": [asdict(r) for r in results],
                    "median_s": statistics.median(r.wall_s for r in results),
                    "median_cpu_s": statistics.median(r.cpu_s for r in results),
                    "max_rss_mib": max(r.max_rss_mib for r in results),
                }
            )
        reference = figures["DuckDB SQL"]
        for tool, found in figures.items():
            if found != reference:
                differ = sorted(k for k in set(found) | set(reference) if found.get(k) != reference.get(k))
                raise SystemExit(f"{workload}: {tool} differs from DuckDB SQL at {differ[:5]}")
        rows = sum(n for n, _ in reference.values())
        for entry in table:
            if entry["workload"] == workload:
                entry["counted"] = rows
    _print(table)
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    meta = {"events": args.events, "residents": args.residents, "years": args.years, "memory": args.memory}
    meta |= {"cpus": os.cpu_count(), "python": platform.python_version(), "machine": platform.machine()}
    meta |= {"load_average_before": load, "load_average_after": os.getloadavg()}  # 1, 5, 15 minutes
    path = RESULTS / f"{stamp}-measure.json"
    path.write_text(json.dumps({"parameters": meta, "results": table}, indent=1) + "\n")
    print(f"\nWritten to {path.relative_to(REPO)}")


def _print(table: list[dict]) -> None:
    print("\n| workload | tool | median wall | median CPU | peak memory | vs DuckDB SQL | pandas ÷ this |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for entry in table:
        same = [e for e in table if e["workload"] == entry["workload"]]
        duck = next(e for e in same if e["tool"] == "DuckDB SQL")["median_s"]
        pandas = next(e for e in same if e["tool"] == "pandas")["median_s"]
        print(
            f"| {entry['workload']} | {entry['tool']} | {entry['median_s']:.1f} s | {entry['median_cpu_s']:.1f} s "
            f"| {entry['max_rss_mib']:,.0f} MiB "
            f"| {entry['median_s'] / duck:.2f}× | {pandas / entry['median_s']:.1f}× |"
        )


if __name__ == "__main__":
    main()
