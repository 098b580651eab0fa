"""Time building the site of a synthetic municipality.

    python bench/run.py [--sections 1000] [--runs 5] [--format xlsx|csv] [--tool verantwoord]

Generates the project once (bench/generate.py) into bench/.cache/, keyed by its parameters and the
generator's own source, and reuses it on later runs. Then, per tool, times the build as a subprocess
`--runs` times, each into a fresh output folder: wall time (interpreter start-up and imports included,
as a user experiences it) and peak memory (the child's max RSS from os.wait4). For verantwoord it also
times `verantwoord check` (load and validate only) the same number of times.

Prints a table and writes the same figures as JSON to bench/results/.

Tools are entries in TOOLS: a tool turns the generated project into its own input (`prepare`), gives the
command that builds it into a folder (`build_command`) and optionally a load-only command. Hugo and
MkDocs can be added beside verantwoord that way, and compared at several sizes with repeated
`--sections`.
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
import threading
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CACHE = BENCH / ".cache"
RESULTS = BENCH / "results"

sys.path.insert(0, str(BENCH))
import generate  # noqa: E402

# Measuring one command.


@dataclass(frozen=True)
class Run:
    wall_s: float
    max_rss_mib: float
    user_s: float
    system_s: float


def measure(command: list[str], env: dict[str, str] | None = None, timeout: float | None = None) -> Run:
    """Run `command` to completion; its wall time, CPU time and peak memory (not ours, not earlier children's).

    os.wait4 gives the rusage of this child, including the processes it started and waited for (such as
    Pagefind): CPU times are summed, max RSS is the largest of them. No /usr/bin/time or psutil needed.
    Output goes to a temporary file (no pipe to fill up); it is shown only when the command fails.
    """
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=_child_env(env))
        timer = threading.Timer(timeout, process.kill) if timeout else None
        if timer:
            timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:  # interrupted: do not leave the child running
            process.kill()
            os.wait4(process.pid, 0)
            process.returncode = -9
            raise
        finally:
            if timer:
                timer.cancel()
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if timeout and wall >= timeout and process.returncode < 0:
            raise TimeoutError(f"{' '.join(command)} took longer than {timeout:.0f} s; stopped")
        if process.returncode != 0:
            output.seek(0)
            text = output.read().decode("utf-8", "replace")
            raise RuntimeError(f"{' '.join(command)} failed with exit code {process.returncode}:\n{text[-4000:]}")
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    rss_kib = usage.ru_maxrss / 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return Run(wall, rss_kib / 1024, usage.ru_utime, usage.ru_stime)


def _child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", "1622030400")  # identical output in every run
    env["COLUMNS"] = "120"
    env.update(extra or {})
    return env


# Tools.


@dataclass
class Tool:
    name: str

    def version(self) -> str:
        return ""

    def env(self) -> dict[str, str]:
        """Extra environment variables for the tool's commands."""
        return {}

    def prepare(self, project: Path) -> Path:
        """The tool's input, made from the generated verantwoord project (cached beside it)."""
        return project

    def build_command(self, source: Path, output: Path) -> list[str]:
        raise NotImplementedError

    def load_command(self, source: Path) -> list[str] | None:
        """A command that only reads and validates the input, if the tool has one."""
        return None

    def startup_command(self) -> list[str] | None:
        """A command that only starts the tool (interpreter, imports): the fixed cost in every build."""
        return None

    def pages(self, output: Path) -> int:
        return sum(1 for _ in output.rglob("*.html"))


@dataclass
class Verantwoord(Tool):
    """The installed `verantwoord` (the editable install of this repository), or the package in `src`."""

    name: str = "verantwoord"
    src: Path | None = None
    """Another source tree's src/ folder (say, a snapshot of main) to time instead; run with this Python."""

    def command(self, *args: str) -> list[str]:
        if self.src is None:
            return [str(Path(sys.executable).with_name("verantwoord")), *args]
        return [sys.executable, "-m", "verantwoord", *args]

    def env(self) -> dict[str, str]:
        return {"PYTHONPATH": str(self.src)} if self.src is not None else {}

    def version(self) -> str:
        result = subprocess.run(
            self.command("--version"), capture_output=True, text=True, check=False, env=_child_env(self.env())
        )
        return result.stdout.strip() + (f" from {self.src}" if self.src else "")

    def build_command(self, source: Path, output: Path) -> list[str]:
        return self.command("build", str(source), "--out", str(output))

    def load_command(self, source: Path) -> list[str] | None:
        return self.command("check", str(source))

    def startup_command(self) -> list[str] | None:
        return self.command("--version")  # the CLI imports the whole library before answering


TOOLS: dict[str, type[Tool]] = {"verantwoord": Verantwoord}
"""Add Hugo and MkDocs here: a prepare() that writes content/ or docs/ from the generated project."""


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
        "median_cpu_s": statistics.median(r.user_s + r.system_s for r in runs),
    }


def bench_tool(tool: Tool, project: Path, runs: int, warmup: int, log, timeout: float | None) -> dict[str, object]:
    source = tool.prepare(project)
    result: dict[str, object] = {"tool": tool.name, "version": tool.version()}
    work = Path(tempfile.mkdtemp(prefix=f"bench-{tool.name}-", dir=CACHE))
    try:
        build_runs: list[Run] = []
        pages = 0
        for index in range(warmup + runs):
            output = work / f"out-{index}"
            run = measure(tool.build_command(source, output), tool.env(), timeout)
            pages = tool.pages(output)
            shutil.rmtree(output)  # outside the timing: every run writes into a new folder
            label = "warm-up" if index < warmup else f"run {index - warmup + 1}/{runs}"
            log(f"  {tool.name} build {label}: {run.wall_s:6.2f} s  {run.max_rss_mib:6.0f} MiB  {pages} pages")
            if index >= warmup:
                build_runs.append(run)
        result["build"] = summarise(build_runs) | {"runs": [asdict(r) for r in build_runs]}
        result["pages"] = pages
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
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result


def report(result: dict[str, object]) -> str:
    info = result["machine"]
    lines = [
        f"Machine: {info['nproc']} cores ({info['cpu']}), Python {info['python']} ({info['implementation']}), "
        f"{info['platform']}",
        f"Load average at start {' '.join(str(x) for x in info.get('loadavg_start', []))}, at end "
        f"{' '.join(str(x) for x in info.get('loadavg_end', []))} "
        f"(on {info['nproc']} cores: near or above that, other work competed)",
    ]
    code = result["code"]
    for size in result["sizes"][:1]:
        for tool in size["tools"]:
            changed = " with uncommitted changes in src/" if code["src_changed"] else ""
            where = "" if result.get("src") else f"; repository at {code['commit']}{changed}"
            lines.append(f"Tool: {tool['version']}{where}")
    header = (
        f"{'command':<18} {'sections':>8} {'pages':>6} {'median':>8} {'min':>8} {'max':>8} {'peak mem':>9} {'cpu':>8}"
    )
    for size in result["sizes"]:
        project = size["project"]
        lines.append("")
        lines.append(
            f"Project: {project['sections']} sections, {project['indicators']} indicators, "
            f"{project['values']} values ({project['format']}); {result['runs']} runs each"
        )
        lines.append(header)
        lines.append("-" * len(header))
        for tool in size["tools"]:
            b = tool["build"]
            lines.append(
                f"{tool['tool'] + ' build':<18} {project['sections']:>8} {tool['pages']:>6} "
                f"{b['median_s']:>7.2f}s {b['min_s']:>7.2f}s {b['max_s']:>7.2f}s "
                f"{b['median_max_rss_mib']:>5.0f} MiB {b['median_cpu_s']:>7.2f}s"
            )
        for tool in size["tools"]:
            c = tool.get("check")
            if c:
                lines.append(
                    f"{tool['tool'] + ' check':<18} {project['sections']:>8} {'':>6} "
                    f"{c['median_s']:>7.2f}s {c['min_s']:>7.2f}s {c['max_s']:>7.2f}s "
                    f"{c['median_max_rss_mib']:>5.0f} MiB {c['median_cpu_s']:>7.2f}s   (load and validate only)"
                )
            s = tool.get("startup")
            if s:
                lines.append(
                    f"{tool['tool'] + ' start':<18} {'':>8} {'':>6} "
                    f"{s['median_s']:>7.2f}s {s['min_s']:>7.2f}s {s['max_s']:>7.2f}s "
                    f"{s['median_max_rss_mib']:>5.0f} MiB {s['median_cpu_s']:>7.2f}s   (start-up, imports: --version)"
                )
    lines.append("")
    lines.append("median/min/max: wall time per run; peak mem: median of the runs' max RSS; cpu: median user+sys.")
    lines.append("When cpu is close to the wall time the runs were CPU-bound; compare min and median for noise.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time `verantwoord build` of a synthetic municipality.")
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
    parser.add_argument("--tool", action="append", choices=sorted(TOOLS), help="tool to time (default all)")
    parser.add_argument(
        "--src",
        type=Path,
        help="time verantwoord from this src/ folder (e.g. a snapshot of another commit) instead of the installed one",
    )
    parser.add_argument(
        "--timeout", type=float, default=600, help="stop a command after this many seconds and fail (default 600)"
    )
    parser.add_argument("--no-save", action="store_true", help="do not write bench/results/*.json")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so `timeout` or kill also stops the child
    sizes = args.sections or [1000]
    tools = [TOOLS[name]() for name in (args.tool or sorted(TOOLS))]
    if args.src is not None:
        for tool in tools:
            if isinstance(tool, Verantwoord):
                tool.src = args.src.resolve()

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    CACHE.mkdir(exist_ok=True)
    result: dict[str, object] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "code": code_state(),
        "src": str(args.src.resolve()) if args.src else None,
        "runs": args.runs,
        "warmup": args.warmup,
        "sizes": [],
    }
    for sections in sizes:
        project, summary, took = cached_project(sections, args.format, args.seed)
        log(f"project {project.name}: " + (f"generated in {took:.1f} s" if took is not None else "reused"))
        try:
            timed = [bench_tool(t, project, args.runs, args.warmup, log, args.timeout) for t in tools]
        except (RuntimeError, TimeoutError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        size = {"project": summary, "tools": timed}
        result["sizes"].append(size)
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
