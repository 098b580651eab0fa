"""Profile one `verantwoord build` of the synthetic municipality with pyinstrument, and say where the time goes.

    .venv/bin/pip install pyinstrument
    python bench/profile_build.py [--sections 1000] [--format xlsx|csv] [--src DIR]

Runs the CLI in this process under pyinstrument (imports included), on the same cached project as
bench/run.py. Prints the time per phase (each sample counted once, in the innermost phase it is in, so
the phases add up to 100%), the functions with the most time of their own, and the full call tree, which
is also written as HTML to bench/results/ (open it in a browser).

pyinstrument samples wall-clock time, so on a busy machine every phase stretches alike: read the
percentages, not the seconds.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import run  # noqa: E402

PHASES: tuple[tuple[str, str, str], ...] = (
    # (label, function name, file path ending) — the innermost match on a sample's stack wins.
    ("start-up: imports", "<module>", ""),
    ("load: read config", "read_config", "config.py"),
    ("load: read texts", "read_texts", "texts.py"),
    ("load: read workbook (calamine)", "read_workbook", "workbook.py"),
    ("load: read CSV", "read_csv", "csvfiles.py"),
    ("load: validate indicators", "read_indicators", "records.py"),
    ("load: validate values", "read_values", "records.py"),
    ("load: validate values: parse figure", "parse_figure", "cells.py"),
    ("load: validate values: parse period", "parse_period", "model.py"),
    ("load: check periods", "_check_periods", "checks.py"),
    ("load: build model", "_chapters", "project.py"),
    ("render: Jinja templates", "render", "jinja2/environment.py"),
    ("render: indicator table layout", "indicator_table", "tables.py"),
    ("render: number formatting (Babel)", "format_number", "format.py"),
    ("render: Markdown parse+render", "render_markdown", "markdown.py"),
    ("render: HTML sanitising (nh3)", "clean", ""),
    ("open data (CSV, JSON, xlsx)", "write_open_data", "opendata.py"),
    ("write: files", "write_text", "pathlib.py"),
    ("write: mkdir", "mkdir", "pathlib.py"),
    ("write: swap output", "_swap", "site.py"),
    ("progress bar (rich)", "update", "rich/progress.py"),
    ("progress bar (rich)", "refresh", "rich/progress.py"),
)


def _phase(frame, inherited: str) -> str:
    for label, function, path in PHASES:
        if frame.function == function and (frame.file_path or "").endswith(path):
            if label == "start-up: imports" and (inherited != "other" or not (frame.file_path or "").endswith(".py")):
                return inherited  # a lazy import inside a phase belongs to that phase; templates are not imports
            return label
    return inherited


def breakdown(root) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    phases: dict[str, float] = defaultdict(float)
    own: dict[tuple[str, str], float] = defaultdict(float)
    stack = [(root, "other")]
    while stack:
        frame, inherited = stack.pop()
        phase = _phase(frame, inherited)
        self_time = frame.total_self_time
        phases[phase] += self_time
        where = f"{frame.file_path_short or frame.file_path}:{frame.line_no}"
        own[(frame.function, where)] += self_time
        # Synthetic children ("[self]") are already in the parent's total_self_time.
        stack.extend((child, phase) for child in frame.children if not child.is_synthetic)
    return phases, own


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Profile one verantwoord build with pyinstrument.")
    parser.add_argument("--sections", type=int, default=1000)
    parser.add_argument("--format", choices=run.generate.FORMATS, default="xlsx")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--src", type=Path, help="profile verantwoord from this src/ folder")
    parser.add_argument("--interval", type=float, default=0.001, help="sampling interval in seconds")
    parser.add_argument("--top", type=int, default=25, help="functions to list by own time")
    args = parser.parse_args(argv)
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("pyinstrument is not installed: .venv/bin/pip install pyinstrument", file=sys.stderr)
        return 2
    if args.src is not None:
        sys.path.insert(0, str(args.src.resolve()))
    run.CACHE.mkdir(exist_ok=True)
    project, summary, _ = run.cached_project(args.sections, args.format, args.seed)
    work = Path(tempfile.mkdtemp(prefix="profile-", dir=run.CACHE))
    profiler = Profiler(interval=args.interval)
    profiler.start()
    try:
        from verantwoord.cli import main as cli

        cli(["build", str(project), "--out", str(work / "site")], standalone_mode=False)
    finally:
        profiler.stop()
        shutil.rmtree(work, ignore_errors=True)
    session = profiler.last_session
    root = session.root_frame()
    total = root.time
    phases, own = breakdown(root)
    print(
        f"\nProfile of verantwoord build: {summary['sections']} sections, {summary['values']} values "
        f"({args.format}); {total:.1f} s wall, {session.cpu_time:.1f} s CPU under the profiler\n"
    )
    print(f"{'phase (innermost wins)':<40} {'seconds':>8} {'share':>7}")
    for label, seconds in sorted(phases.items(), key=lambda item: -item[1]):
        print(f"{label:<40} {seconds:>8.2f} {seconds / total:>7.1%}")
    print(f"\n{'function (own time)':<40} {'seconds':>8} {'share':>7}  where")
    for (function, where), seconds in sorted(own.items(), key=lambda item: -item[1])[: args.top]:
        print(f"{function[:40]:<40} {seconds:>8.2f} {seconds / total:>7.1%}  {where}")
    run.RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    html = run.RESULTS / f"{stamp}-profile-s{args.sections}.html"
    html.write_text(profiler.output_html())
    text = run.RESULTS / f"{stamp}-profile-s{args.sections}.txt"
    text.write_text(profiler.output_text(unicode=True, show_all=False))
    print(f"\nCall tree: {text.relative_to(run.REPO)} and {html.relative_to(run.REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
