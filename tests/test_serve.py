"""`serve`: a real server on 127.0.0.1 that rebuilds when a project file changes."""

import queue
import shutil
import threading
import time
import urllib.request
from pathlib import Path

from verantwoord.serve import serve_project

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "amersfoort-2020"
SECTION = "4-bestuur-en-dienstverlening/4-1-bestuur-en-dienstverlening/"


def _wait_for(events: "queue.Queue[tuple[str, object]]", kind: str, timeout: float = 20) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            event, payload = events.get(timeout=0.2)
        except queue.Empty:
            continue
        if event == kind:
            return payload
    raise AssertionError(f"no {kind!r} event within {timeout} s")


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_serve_rebuilds_on_change_and_keeps_the_old_site_on_errors(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    events: queue.Queue[tuple[str, object]] = queue.Queue()
    stop = threading.Event()
    thread = threading.Thread(
        target=serve_project, args=(project, 0, lambda kind, payload: events.put((kind, payload)), stop), daemon=True
    )
    thread.start()
    try:
        _wait_for(events, "built")
        url = str(_wait_for(events, "serving"))
        assert url.startswith("http://127.0.0.1:")
        assert "Bestuur en dienstverlening" in _get(url + SECTION)

        text = project / "tekst" / "4.1.md"
        text.write_text("# Bestuur en dienstverlening\n\nNieuwe alinea van vandaag.\n", encoding="utf-8")
        _wait_for(events, "built")
        assert "Nieuwe alinea van vandaag." in _get(url + SECTION)

        text.write_text("geen kop meer\n", encoding="utf-8")
        failure = _wait_for(events, "failed")
        assert "niet in orde" in str(failure)
        assert "Nieuwe alinea van vandaag." in _get(url + SECTION)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_a_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    import socket

    import pytest

    from verantwoord.errors import VerantwoordError

    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(VerantwoordError, match=f"poort {port}.*--port"):
            serve_project(project, port, stop=threading.Event())
