"""Time `verantwoord serve` after one edit: how long until the browser is told to reload.

    python bench/serve.py [--sections 1000] [--runs 5] [--scenario xlsx-value ...] [--pause SECONDS]

Runs `serve_project` in this process (as the CLI does) on a copy of the generated project, with a
Server-Sent Events client connected the way a served page connects, and makes one edit per run:

- xlsx-value: one figure in the workbook (sheet Waarden, cell D3) changes, the workbook's own export
  time stays (as when a script writes the export);
- csv-value: the same figure in a CSV-folder export (export/waarden.csv);
- markdown: one sentence more or less in one section's text (tekst/1.1.md);
- xlsx-saved: the same figure, and the workbook's modified time changes too, as when Excel saves it:
  the export time is in every page's footer, so every page is written again (the pages whose content
  changed rendered, then every other footer line swapped in the background, a page asked for first).

Each run alternates between two versions of the file, so every edit is a change. Per scenario it prints
the medians over the runs of (a) re-reading and validating, (b) from the validated document to the
pages written, both as `serve` reports them, and (c) from just before the file is replaced to the
moment the events client receives the `built` event: what a browser waits for before it reloads,
including noticing the change (each run also prints when `serve` noticed it). Between runs it waits
for the background search index; with `--pause` it waits that many seconds after the reload instead (a
user who saves again soon after, while the open data, the search index and the footers are still being
written).
"""

from __future__ import annotations

import argparse
import http.client
import io
import os
import queue
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from run import cached_project  # noqa: E402

from verantwoord.serve import EVENTS_PATH, Rebuild, serve_project  # noqa: E402

SCENARIOS = ("xlsx-value", "csv-value", "markdown", "xlsx-saved")
SECTION_TEXT = "tekst/1.1.md"


class Events:
    """The served page's side: the `built` events of the server's event stream, with the time each arrived."""

    def __init__(self, url: str) -> None:
        host, port = url.removeprefix("http://").rstrip("/").split(":")
        self.connection = http.client.HTTPConnection(host, int(port), timeout=600)
        self.connection.request("GET", EVENTS_PATH)
        self.response = self.connection.getresponse()
        self.built: queue.Queue[float] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            for line in self.response:
                if line.startswith(b"event: built"):
                    self.built.put(time.perf_counter())
        except OSError:
            pass


class Server:
    def __init__(self, root: Path) -> None:
        self.events: queue.Queue[tuple[str, object]] = queue.Queue()
        self.noticed: list[float] = []
        """When `serve` reported a change (its "changed" event): the moment it began to read."""
        self.stop = threading.Event()
        self.thread = threading.Thread(target=serve_project, args=(root, 0, self._event, self.stop))
        started = time.perf_counter()
        self.thread.start()
        self.first = self.wait("built")
        self.first_seconds = time.perf_counter() - started
        self.url = str(self.wait("serving"))

    def _event(self, kind: str, payload: object) -> None:
        if kind == "changed":
            self.noticed.append(time.perf_counter())
        self.events.put((kind, payload))

    def wait(self, kind: str) -> object:
        while True:
            event, payload = self.events.get(timeout=900)
            if event == "failed":
                raise SystemExit(f"the rebuild failed: {payload}")
            if event == kind:
                return payload

    def close(self) -> None:
        self.stop.set()
        self.thread.join()


def _replace(path: Path, content: bytes) -> float:
    """Write `content` beside `path` and rename it over, as Excel saves. Returns the moment of the rename.

    The temporary name starts with ~$, like Office's own lock files, which `serve` does not watch.
    """
    temporary = path.with_name(f"~$bench-{path.name}")
    temporary.write_bytes(content)
    moment = time.perf_counter()
    os.replace(temporary, path)
    return moment


def _patched_workbook(path: Path, run: int, new_time: bool) -> bytes:
    """The workbook with cell D3 of Waarden changed (and with `new_time`, its modified time)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                data, count = re.subn(rb'(<c r="D3"[^>]*><is><t>)\d+', rb"\g<1>" + str(40 + run % 2).encode(), data)
                assert count == 1, "cell D3 of Waarden not found"
            elif item.filename == "docProps/core.xml" and new_time:
                stamp = f"2021-05-25T12:{run % 60:02d}:00Z".encode()
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\g<2>", data
                )
            target.writestr(item, data)
    return buffer.getvalue()


def _edit(scenario: str, root: Path, run: int) -> float:
    if scenario in ("xlsx-value", "xlsx-saved"):
        path = root / "indicatoren.xlsx"
        return _replace(path, _patched_workbook(path, run, scenario == "xlsx-saved"))
    if scenario == "csv-value":
        path = root / "export" / "waarden.csv"
        data, count = re.subn(
            rb"(?m)^(ind-1\.1-01;2012;realisatie;)\d+", rb"\g<1>" + str(40 + run % 2).encode(), path.read_bytes()
        )
        assert count == 1, "the row of ind-1.1-01 2012 not found"
        return _replace(path, data)
    path = root / SECTION_TEXT
    text = path.read_text(encoding="utf-8")
    extra = "\nDeze zin is er alleen bij een oneven meting.\n"
    text = text + extra if run % 2 else text.removesuffix(extra)
    return _replace(path, text.encode("utf-8"))


def _quiet(root: Path) -> None:
    """Until the background search index is done (its bundle is written in a .verantwoord- folder)."""
    while any(path.name.startswith(".verantwoord-") for path in root.iterdir()):
        time.sleep(0.05)
    time.sleep(0.5)


def bench(scenario: str, sections: int, runs: int, pause: float | None = None) -> dict[str, object]:
    fmt = "csv" if scenario == "csv-value" else "xlsx"
    source, summary, _ = cached_project(sections, fmt, 1)
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as scratch:
        root = Path(scratch) / "project"
        shutil.copytree(source, root, ignore=shutil.ignore_patterns("site", ".bench-project.json"))
        server = Server(root)
        events = Events(server.url)
        rebuilds: list[Rebuild] = []
        waits: list[float] = []
        try:
            for run in range(1, runs + 1):
                if pause is None or run == 1:
                    _quiet(root)
                else:
                    time.sleep(pause)
                while not events.built.empty():
                    events.built.get()
                changed_at = _edit(scenario, root, run)
                rebuild = server.wait("built")
                received = events.built.get(timeout=60)
                rebuilds.append(rebuild)
                waits.append(received - changed_at)
                print(
                    f"  {scenario} run {run}: read {rebuild.read_seconds:.3f} s, write {rebuild.write_seconds:.3f} s, "
                    f"reload event after {waits[-1]:.3f} s (noticed after {server.noticed[-1] - changed_at:.3f} s); "
                    f"{len(rebuild.pages)} pages" + (" (full build)" if rebuild.full else ""),
                    flush=True,
                )
            _quiet(root)
        finally:
            events.connection.close()
            server.close()
    return {
        "scenario": scenario,
        "values": summary.get("values"),
        "first_build_s": server.first_seconds,
        "read_s": statistics.median(r.read_seconds for r in rebuilds),
        "write_s": statistics.median(r.write_seconds for r in rebuilds),
        "reload_s": statistics.median(waits),
        "pages": statistics.median(len(r.pages) for r in rebuilds),
        "full": any(r.full for r in rebuilds),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scenario", action="append", choices=SCENARIOS, help="default: all")
    parser.add_argument(
        "--pause", type=float, help="seconds between a reload and the next edit (default: until the background is done)"
    )
    args = parser.parse_args(argv)
    load = os.getloadavg()
    print(f"serve at {args.sections} sections, {args.runs} runs per scenario; load average {load[0]:.2f} {load[1]:.2f}")
    results = [bench(scenario, args.sections, args.runs, args.pause) for scenario in args.scenario or SCENARIOS]
    print()
    print(f"{'edit':<12} {'pages':>6} {'(a) read':>10} {'(b) write':>10} {'(c) reload':>11}   first build")
    for r in results:
        print(
            f"{r['scenario']:<12} {r['pages']:>6g} {r['read_s']:>9.3f}s {r['write_s']:>9.3f}s {r['reload_s']:>10.3f}s"
            f"   {r['first_build_s']:.1f}s{'  (every page written)' if r['full'] else ''}"
        )
    load = os.getloadavg()
    print(f"Medians of {args.runs}. Load average after: {load[0]:.2f} {load[1]:.2f} (2 cores).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
