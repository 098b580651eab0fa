"""Time building the site of a synthetic municipality with verantwoord, and with Hugo and MkDocs as peers.

    python bench/run.py [--sections 1000 ...] [--runs 5] [--tool verantwoord ...] [--format xlsx|csv]

Generates the project once (bench/generate.py) into bench/.cache/, keyed by its parameters and the generator's own
source, and reuses it on later runs. Then, per size, times each tool's build as a subprocess `--runs` times, the
tools taking turns (one build of each per round, each round starting with the next tool, so that a slow minute of a
shared machine slows them alike), each into a fresh output folder: wall time (interpreter start-up and imports
included, as a user experiences it) and peak memory: the largest process's max RSS (os.wait4), and the peak of the
whole process tree's memory (PSS summed over the child and its workers, sampled). The first build of each tool is
checked: the same pages and the same tables as the others (tools.check_output), or the run fails. For verantwoord it
also times the search index on its own (Pagefind over the built site), `verantwoord check` (load and validate only)
and start-up; the build with `zoeken: nee` is a tool of its own. Last, it times reading the 1,000-section workbook
in one process (bench/read.py): the target is under 1 s.

Prints a table per size, with each build's time and memory as a multiple of verantwoord's, and writes the
same figures as JSON to bench/results/.

Tools are entries in TOOLS (see tools.py and peers.py): a tool turns the generated project into its own
input (`prepare`), gives the command that builds it into a folder (`build_command`) and names the pages it
writes besides the document's own.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CACHE = BENCH / ".cache"
RESULTS = BENCH / "results"

sys.path.insert(0, str(BENCH))
import generate  # noqa: E402
from peers import Hugo, MkDocs  # noqa: E402
from tools import Tool, Verantwoord, check_output, child_env  # noqa: E402

# Measuring one command.


@dataclass(frozen=True)
class Run:
    wall_s: float
    max_rss_mib: float
    user_s: float
    system_s: float
    tree_mib: float = 0.0
    """The peak of the process tree's memory: PSS (shared pages divided among their users) summed over the
    command and every process under it, sampled every TREE_SAMPLE_S; 0 where /proc has no smaps_rollup."""


TREE_SAMPLE_S = 0.2
"""Often enough to see the peak of a build that lasts seconds; reading smaps_rollup costs the host a little."""


def _tree_pss_mib(pid: int) -> float:
    """The PSS of a process and all its descendants, in MiB (Linux)."""
    total = 0.0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:")) / 1024
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            total += sum(_tree_pss_mib(int(child)) for child in children.read().split())
    except (OSError, StopIteration, ValueError):
        pass  # gone meanwhile, or not Linux
    return total


def measure(command: list[str], env: dict[str, str] | None = None, timeout: float | None = None) -> Run:
    """Run `command` to completion; its wall time, CPU time and peak memory (not ours, not earlier children's)."""
    return measure_output(command, env, timeout)[0]


def measure_output(
    command: list[str], env: dict[str, str] | None = None, timeout: float | None = None
) -> tuple[Run, str]:
    """Run `command` to completion; its wall time, CPU time, peak memory and what it printed.

    os.wait4 gives the rusage of this child, including the processes it started and waited for (such as
    Pagefind): CPU times are summed, max RSS is the largest of them. No /usr/bin/time or psutil needed.
    Output goes to a temporary file (no pipe to fill up); it is shown when the command fails.
    """
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=child_env(env))
        timer = threading.Timer(timeout, process.kill) if timeout else None
        if timer:
            timer.start()
        tree_peak = [0.0]
        finished = threading.Event()

        def sample() -> None:
            while not finished.wait(TREE_SAMPLE_S):
                tree_peak[0] = max(tree_peak[0], _tree_pss_mib(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:  # interrupted: do not leave the child running
            process.kill()
            os.wait4(process.pid, 0)
            process.returncode = -9
            raise
        finally:
            finished.set()
            if timer:
                timer.cancel()
        wall = time.perf_counter() - started
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        if timeout and wall >= timeout and process.returncode < 0:
            raise TimeoutError(f"{' '.join(command)} took longer than {timeout:.0f} s; stopped")
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed with exit code {process.returncode}:\n{text[-4000:]}")
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    rss_kib = usage.ru_maxrss / 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return Run(wall, rss_kib / 1024, usage.ru_utime, usage.ru_stime, tree_peak[0]), text


# The tools, in the order they run and are reported; the first is the one the others are compared with.

TOOLS: dict[str, Callable[[], Tool]] = {
    "verantwoord": Verantwoord,
    "verantwoord-no-search": lambda: Verantwoord(name="verantwoord-no-search", search=False),
    "hugo": Hugo,
    "mkdocs": MkDocs,
}
BASELINE = "verantwoord"


# The benchmark.


def cached_project(sections: int, fmt: str, seed: int) -> tuple[Path, dict[str, object], float | None]:
    """The generated project for these parameters, its summary, and how long generating took (None: reused).

    The cache key includes a hash of generate.py and of the workbook writer it uses, so changing either
    makes a new project.
    """
    digest = hashlib.sha256(Path(generate.__file__).read_bytes())
    writer = REPO / "src" / "verantwoord" / "export" / "template.py"
    if fmt == "xlsx" and writer.exists():
        digest.update(writer.read_bytes())
    key = digest.hexdigest()[:10]
    root = CACHE / f"project-s{sections}-{fmt}-seed{seed}-{key}"
    marker = root / ".bench-project.json"
    if marker.exists():
        return root, json.loads(marker.read_text()), None
    shutil.rmtree(root, ignore_errors=True)
    started = time.perf_counter()
    # In a child process: generating takes a few hundred MiB, and a child forked from a big parent reports
    # the parent's RSS as its own max RSS (Linux keeps the high-water mark across fork and exec).
    script = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); import generate; "
        "p = generate.generate(sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])); "
        "print(json.dumps({'sections': p.sections, 'indicators': p.indicators, 'values': p.values}))"
    )
    output = subprocess.run(
        [sys.executable, "-c", script, str(BENCH), str(root), str(sections), fmt, str(seed)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    took = time.perf_counter() - started
    summary = {
        "path": str(root),
        "chapters": sum(1 for n in generate.chapter_sizes(sections) if n),
        **json.loads(output),
        "format": fmt,
        "seed": seed,
        "generated_in_s": round(took, 2),
    }
    marker.write_text(json.dumps(summary, indent=2) + "\n")
    return root, summary, took


def machine() -> dict[str, object]:
    info: dict[str, object] = {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu": _cpu_model(),
    }
    if hasattr(os, "getloadavg"):
        info["loadavg_start"] = [round(x, 2) for x in os.getloadavg()]
    # The smallest max RSS a child of this process can report: the figures below are only meaningful above it.
    info["rss_floor_mib"] = round(measure(["true"]).max_rss_mib, 1)
    return info


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def code_state() -> dict[str, object]:
    """The commit the working tree is on, and whether src/ has uncommitted changes (they are what is timed)."""

    def git(*args: str) -> str:
        result = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)
        return result.stdout.strip()

    return {"commit": git("rev-parse", "--short", "HEAD"), "src_changed": bool(git("status", "--porcelain", "src"))}


def summarise(runs: list[Run]) -> dict[str, float]:
    walls = [r.wall_s for r in runs]
    return {
        "median_s": statistics.median(walls),
        "min_s": min(walls),
        "max_s": max(walls),
        "median_max_rss_mib": statistics.median(r.max_rss_mib for r in runs),
        "median_tree_mib": statistics.median(r.tree_mib for r in runs),
        "median_cpu_s": statistics.median(r.user_s + r.system_s for r in runs),
    }


def bench_tools(
    tools: list[Tool], project: Path, summary: dict[str, object], runs: int, warmup: int, log, timeout: float | None
) -> list[dict[str, object]]:
    """Time every tool's build, taking turns: in each round every tool builds once, so that a slow minute of the
    shared machine slows them alike and the ratios between them hold. Then each tool's other commands."""
    sources = {tool.name: tool.prepare(project) for tool in tools}
    results: dict[str, dict[str, object]] = {tool.name: {"tool": tool.name, "label": tool.label} for tool in tools}
    builds: dict[str, list[Run]] = {tool.name: [] for tool in tools}
    works = {tool.name: Path(tempfile.mkdtemp(prefix=f"bench-{tool.name}-", dir=CACHE)) for tool in tools}
    sites: dict[str, Path] = {}
    timing = list(tools)
    try:
        for index in range(warmup + runs):
            turn = index % len(timing) if timing else 0
            for tool in timing[turn:] + timing[:turn]:  # each round another tool first: no place is always the same
                if tool.name in sites:
                    shutil.rmtree(sites[tool.name], ignore_errors=True)  # the previous build's output, untimed
                # What the last build wrote goes to disk now, not during the next tool's timing: at 1,000 sections
                # verantwoord writes 314 MB, MkDocs 227 MB, Hugo 24 MB.
                os.sync()
                site = sites[tool.name] = works[tool.name] / f"out-{index}"
                try:
                    run = measure(tool.build_command(sources[tool.name], site), tool.env(), timeout)
                except TimeoutError as error:
                    log(f"  {tool.label}: {error}")
                    results[tool.name]["timed_out_s"] = timeout
                    timing.remove(tool)
                    continue
                if index == 0:
                    _check_first_build(tool, site, summary, results[tool.name])
                label = "warm-up" if index < warmup else f"run {index - warmup + 1}/{runs}"
                log(f"  {tool.label} {label}: {run.wall_s:6.2f} s  {run.max_rss_mib:6.0f} MiB")
                if index >= warmup:
                    builds[tool.name].append(run)
        baseline = builds.get(BASELINE, [])
        for tool in timing:
            result = results[tool.name]
            result["build"] = summarise(builds[tool.name]) | {"runs": [asdict(r) for r in builds[tool.name]]}
            if tool.name != BASELINE and baseline and len(baseline) == len(builds[tool.name]):
                # The ratio of each round's two builds, which ran a minute apart: steadier than a ratio of medians.
                ratios = [run.wall_s / base.wall_s for run, base in zip(builds[tool.name], baseline, strict=True)]
                result["build"]["paired_ratio"] = statistics.median(ratios)
            _time_other_commands(tool, sources[tool.name], sites[tool.name], result, runs, log, timeout)
    finally:
        for work in works.values():
            shutil.rmtree(work, ignore_errors=True)
    return [results[tool.name] for tool in tools]


def _check_first_build(tool: Tool, site: Path, summary: dict[str, object], result: dict[str, object]) -> None:
    counts = (summary["chapters"], summary["sections"], summary["indicators"])
    try:
        result["output"] = asdict(check_output(tool, site, *counts))
    except RuntimeError as error:
        kept = CACHE / f"failed-{tool.name}-s{summary['sections']}"
        shutil.rmtree(kept, ignore_errors=True)
        site.rename(kept)
        raise RuntimeError(f"{error}\n  Its output is kept in {kept}") from None


def _time_other_commands(
    tool: Tool, source: Path, site: Path, result: dict[str, object], runs: int, log, timeout: float | None
) -> None:
    """The search index on its own (over the last build's site), loading only, and start-up; the disk synced first,
    as before each build."""
    os.sync()
    search = tool.search_index(site)
    if search is not None:  # over the last build's site, after removing the index that build wrote
        command, index_folder = search
        search_runs = []
        for index in range(runs):
            shutil.rmtree(index_folder, ignore_errors=True)
            os.sync()
            run = measure(command, tool.env(), timeout)
            figures = f"{run.wall_s:6.2f} s  {run.max_rss_mib:6.0f} MiB"
            log(f"  {tool.name} search index run {index + 1}/{runs}: {figures}")
            search_runs.append(run)
        result["search_index"] = summarise(search_runs) | {"runs": [asdict(r) for r in search_runs]}
    shutil.rmtree(site, ignore_errors=True)
    os.sync()
    command = tool.load_command(source)
    if command is not None:
        load_runs = []
        for index in range(runs):
            run = measure(command, tool.env(), timeout)
            log(f"  {tool.name} check run {index + 1}/{runs}: {run.wall_s:6.2f} s  {run.max_rss_mib:6.0f} MiB")
            load_runs.append(run)
        result["check"] = summarise(load_runs) | {"runs": [asdict(r) for r in load_runs]}
    command = tool.startup_command()
    if command is not None:
        start_runs = [measure(command, tool.env()) for _ in range(runs)]
        result["startup"] = summarise(start_runs) | {"runs": [asdict(r) for r in start_runs]}


def bench_reading(sections: int, seed: int, runs: int, env: dict[str, str], log, timeout: float | None) -> dict:
    """read_workbook alone and load_project (read and validate) on one workbook, timed in one process each."""
    project, summary, took = cached_project(sections, "xlsx", seed)
    log(f"project {project.name}: " + (f"generated in {took:.1f} s" if took is not None else "reused"))
    result: dict[str, object] = {"project": summary}
    # The generated workbook has its texts inline, as openpyxl writes them; Excel saves them in a shared table.
    excel = CACHE / f"{project.name}-as-excel.xlsx"
    if not excel.exists():  # in a child process, as generating: the high-water mark of this one passes to the next
        script = "import sys; sys.path.insert(0, sys.argv[1]); import generate; generate.save_as_excel(*sys.argv[2:])"
        args = [str(BENCH), str(project / "indicatoren.xlsx"), str(excel)]
        subprocess.run([sys.executable, "-c", script, *args], check=True)
    for what in ("read", "read-excel", "load"):
        command = [sys.executable, str(BENCH / "read.py"), str(project), "--what", what.removesuffix("-excel")]
        command += ["--runs", str(runs), *(["--workbook", str(excel)] if what == "read-excel" else [])]
        run, output = measure_output(command, env, timeout)
        figures = json.loads(output.strip().splitlines()[-1])
        times = figures["times_s"]
        log(f"  {what}: {', '.join(f'{t:.2f} s' for t in times)}  {run.max_rss_mib:.0f} MiB")
        result[what] = {
            "median_s": statistics.median(times),
            "min_s": min(times),
            "max_s": max(times),
            "median_cpu_s": statistics.median(figures["cpu_s"]),
            "max_rss_mib": run.max_rss_mib,
            "rows": figures["rows"],
            "runs_s": times,
        }
    return result


# The report.

COLUMNS = (
    f"{'command':<30} {'pages':>6} {'tables':>6} {'median':>8} {'min':>8} {'max':>8} {'peak mem':>9} {'tree mem':>9}"
    f" {'cpu':>8} {'time':>6} {'memory':>6}"
)
WIDTH = len(COLUMNS)


def _line(
    label: str, figures: dict[str, float], baseline: dict[str, float] | None, pages="", tables="", note=""
) -> str:
    line = (
        f"{label:<30} {pages:>6} {tables:>6} {figures['median_s']:>7.2f}s {figures['min_s']:>7.2f}s "
        f"{figures['max_s']:>7.2f}s {figures['median_max_rss_mib']:>5.0f} MiB "
        f"{figures.get('median_tree_mib', 0):>5.0f} MiB {figures['median_cpu_s']:>7.2f}s"
    )
    if baseline:
        time_ratio = figures["median_s"] / baseline["median_s"]
        memory_ratio = figures["median_max_rss_mib"] / baseline["median_max_rss_mib"]
        line += f" {time_ratio:>5.2f}× {memory_ratio:>5.2f}×"
    return line + (f"   {note}" if note else "")


def report_size(size: dict[str, object], runs: int) -> list[str]:
    project = size["project"]
    tools = size["tools"]
    baseline = next((t["build"] for t in tools if t["tool"] == BASELINE and "build" in t), None)
    lines = [
        "",
        f"Project: {project['sections']} sections in {project['chapters']} chapters, {project['indicators']} "
        f"indicators, {project['values']} values ({project['format']}); {runs} run{'s' if runs != 1 else ''} each",
        COLUMNS,
        "-" * len(COLUMNS),
    ]
    for tool in tools:
        if "build" not in tool:
            lines.append(f"{tool['label']:<30} did not finish within {tool['timed_out_s']:.0f} s (--timeout)")
            continue
        output = tool["output"]
        lines.append(_line(tool["label"], tool["build"], baseline, output["pages"], output["tables"]))
        if "search_index" in tool:
            note = "(Pagefind alone, over the built site)"
            lines.append(_line(f"{tool['tool']} search index", tool["search_index"], None, note=note))
    for tool in tools:
        if "check" in tool:
            lines.append(_line(f"{tool['tool']} check", tool["check"], None, note="(load and validate only)"))
        if "startup" in tool:
            lines.append(_line(f"{tool['tool']} start", tool["startup"], None, note="(start-up, imports: --version)"))
    paired = [f"{t['label']} {t['build']['paired_ratio']:.2f}×" for t in tools if "paired_ratio" in t.get("build", {})]
    if paired:
        lines += textwrap.wrap(
            f"Round by round (the tools take turns): {', '.join(paired)} verantwoord build's time (the median of "
            "each round's ratio).",
            WIDTH,
        )
    by_name = {t["tool"]: t for t in tools}
    with_search, without = by_name.get(BASELINE, {}), by_name.get("verantwoord-no-search", {})
    if "build" in with_search and "build" in without and "search_index" in with_search:
        extra = with_search["build"]["median_s"] - without["build"]["median_s"]
        alone = with_search["search_index"]["median_s"]
        lines += textwrap.wrap(
            f"Search adds {extra:.2f} s to the build (build minus build with 'zoeken: nee', medians). Pagefind "
            f"alone takes {alone:.2f} s, but the build indexes a large document's other parts while it writes the open "
            "data and the home page.",
            WIDTH,
        )
    pages = 1 + project["chapters"] + project["sections"]
    extras = []
    for tool in tools:
        output = tool.get("output")
        if output and (output["extra_pages"] or output["extra_tables"]):
            parts = list(output["extra_pages"])
            if output["extra_tables"]:
                parts.append(f"{output['extra_tables']} tables of its theme (one per page)")
            extras.append(f"{tool['label']}: {', '.join(parts)}")
    lines += textwrap.wrap(
        f"Pages and tables: every output has the home page, {project['chapters']} chapters and "
        f"{project['sections']} sections ({pages} pages) with {project['indicators']} tables. Besides those: "
        + ("; ".join(extras) or "nothing")
        + ".",
        WIDTH,
    )
    return lines


def report(result: dict[str, object]) -> str:
    info = result["machine"]
    code = result["code"]
    lines = [
        f"Machine: {info['nproc']} cores ({info['cpu']}), Python {info['python']} ({info['implementation']}), "
        f"{info['platform']}",
        f"Load average at start {' '.join(str(x) for x in info.get('loadavg_start', []))}, at end "
        f"{' '.join(str(x) for x in info.get('loadavg_end', []))} "
        f"(on {info['nproc']} cores: near or above that, other work competed)",
    ]
    for name, version in result["versions"].items():
        changed = " with uncommitted changes in src/" if code["src_changed"] else ""
        where = f"; repository at {code['commit']}{changed}" if name == BASELINE and not result.get("src") else ""
        lines.append(f"Tool {name}: {version}{where}")
    for size in result["sizes"]:
        lines += report_size(size, result["runs"])
    reading = result.get("reading")
    if reading:
        project = reading["project"]
        lines += [
            "",
            f"Reading the workbook of {project['sections']} sections ({project['indicators']} indicators, "
            f"{reading['read']['rows']} value rows) in one process, after imports; median of {result['runs']}:",
        ]
        for what, name, note in (
            ("read", "read_workbook", "(read only; target: under 1 s)"),
            ("read-excel", "read_workbook, saved by Excel", "(the same, texts in a shared table as Excel saves them)"),
            ("load", "load_project", "(read and validate)"),
        ):
            if what not in reading:  # results saved before the line was added
                continue
            r = reading[what]
            lines.append(
                f"{name:<30} {r['median_s']:>7.2f}s  min {r['min_s']:.2f}s  max {r['max_s']:.2f}s  "
                f"cpu {r['median_cpu_s']:.2f}s  peak mem {r['max_rss_mib']:.0f} MiB   {note}"
            )
    lines += [
        "",
        "median/min/max: wall time per run; peak mem: median of the runs' max RSS (the largest process); tree mem:",
        "median of the runs' peak memory of the whole process tree (PSS summed over the command and its workers,",
        f"sampled every {TREE_SAMPLE_S} s); cpu: median user+sys, including the processes a command waited for",
        "(above the wall time: it used several cores). time, memory: the median wall time and peak memory (the",
        f"largest process) as a multiple of {BASELINE} build's at the same size.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time building a synthetic municipality with verantwoord and peers.")
    parser.add_argument(
        "--sections",
        type=int,
        action="append",
        help="number of sections; repeat for several sizes (default 1000)",
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument("--warmup", type=int, default=0, help="untimed builds before the timed ones (default 0)")
    parser.add_argument("--format", choices=generate.FORMATS, default="xlsx", help="export format (default xlsx)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tool", action="append", choices=list(TOOLS), help="tool to time; repeat (default all)")
    parser.add_argument(
        "--read-sections",
        type=int,
        default=1000,
        help="time reading the workbook of this many sections (default 1000; 0: skip)",
    )
    parser.add_argument(
        "--src",
        type=Path,
        help="use verantwoord from this src/ folder (e.g. a snapshot of another commit) instead of the installed one",
    )
    parser.add_argument(
        "--timeout", type=float, default=600, help="stop a command after this many seconds (default 600)"
    )
    parser.add_argument("--no-save", action="store_true", help="do not write bench/results/*.json")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so `timeout` or kill also stops the child
    sizes = args.sections or [1000]
    chosen = args.tool or list(TOOLS)
    tools = [TOOLS[name]() for name in TOOLS if name in chosen]
    src = args.src.resolve() if args.src else None
    for tool in tools:
        tool.src = src

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    CACHE.mkdir(exist_ok=True)
    try:
        for tool in tools:
            tool.install(log)
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print(f"error: could not install a tool: {error}", file=sys.stderr)
        return 1
    result: dict[str, object] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "code": code_state(),
        "src": str(src) if src else None,
        "versions": {tool.name: tool.version() for tool in tools},
        "runs": args.runs,
        "warmup": args.warmup,
        "sizes": [],
    }
    try:
        for sections in sizes:
            project, summary, took = cached_project(sections, args.format, args.seed)
            log(f"project {project.name}: " + (f"generated in {took:.1f} s" if took is not None else "reused"))
            timed = bench_tools(tools, project, summary, args.runs, args.warmup, log, args.timeout)
            result["sizes"].append({"project": summary, "tools": timed})
        if args.read_sections:
            env = Verantwoord(src=src).env()
            result["reading"] = bench_reading(args.read_sections, args.seed, args.runs, env, log, args.timeout)
    except (RuntimeError, TimeoutError, subprocess.CalledProcessError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if hasattr(os, "getloadavg"):
        result["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    print(report(result))
    if not args.no_save:
        RESULTS.mkdir(exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        path = RESULTS / f"{stamp}-s{'-'.join(str(s) for s in sizes)}.json"
        path.write_text(json.dumps(result, indent=2) + "\n")
        print(f"\nSaved {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
