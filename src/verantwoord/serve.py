"""`verantwoord serve`: build, serve the site on 127.0.0.1, and rebuild when a project file changes.

The library never prints: what happens is reported through `on_event`, which the CLI shows.
A failed rebuild keeps serving the previous site, so the browser never sees a half-written one.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import watchfiles

from verantwoord.config import read_config
from verantwoord.errors import Problems, VerantwoordError
from verantwoord.project import BuildResult, build_project

Event = Callable[[str, object], None]
"""("built", BuildResult) | ("failed", VerantwoordError) | ("serving", url) | ("changed", paths)"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve_project(
    project: Path | str, port: int = 8000, on_event: Event | None = None, stop: threading.Event | None = None
) -> None:
    """Serve until `stop` is set (or the process is interrupted)."""
    emit = on_event or (lambda kind, payload: None)
    root = Path(project).resolve()
    result = _build(root, emit)
    output = result.output if result else _output_dir(root)
    output.mkdir(parents=True, exist_ok=True)
    # Serve the output folder by path, re-resolved per request: a rebuild swaps the folder.
    handler = functools.partial(_QuietHandler, directory=str(output))
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as error:
        raise VerantwoordError(
            f"De website kan niet op poort {port} worden getoond: {error.strerror}. "
            "Hint: kies een andere poort met --port, bijvoorbeeld --port 8001."
        ) from None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    emit("serving", f"http://127.0.0.1:{server.server_address[1]}/")
    try:
        for changes in watchfiles.watch(
            root, watch_filter=_filter(output), stop_event=stop, rust_timeout=500, yield_on_timeout=False
        ):
            emit("changed", sorted({Path(path).name for _, path in changes}))
            _build(root, emit)
    finally:
        server.shutdown()
        server.server_close()


def _build(root: Path, emit: Event) -> BuildResult | None:
    try:
        result = build_project(root)
    except VerantwoordError as error:
        emit("failed", error)
        return None
    emit("built", result)
    return result


def _output_dir(root: Path) -> Path:
    config = read_config(root, Problems())
    return config.output_dir if config else root / "site"


def _filter(output: Path) -> Callable[[watchfiles.Change, str], bool]:
    base = watchfiles.DefaultFilter()

    def accept(change: watchfiles.Change, path: str) -> bool:
        candidate = Path(path)
        if candidate.name.startswith("~$") or any(p.startswith(".verantwoord-") for p in candidate.parts):
            return False
        if candidate == output or output in candidate.parents:
            return False
        return base(change, path)

    return accept
