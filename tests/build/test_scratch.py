"""Work folders beside the output: a killed build's are removed by the next build, a running one's never."""

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from verantwoord import build_project
from verantwoord.build.scratch import (
    LockHolder,
    _holder,
    _machine,
    lock_name,
    output_lock,
    remove_abandoned,
    scratch_folder,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "amersfoort-2020"


def _ended_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_build_removes_the_folders_of_builds_that_were_killed_and_keeps_the_others(tmp_path: Path) -> None:
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        ended = _ended_pid()
        killed = tmp_path / f".verantwoord-site-p{ended}-{_machine()}-abc123_x"
        (killed / "1-hoofdstuk").mkdir(parents=True)
        (killed / "1-hoofdstuk" / "index.html").write_text("half")
        killed_pdf = tmp_path / f".verantwoord-pdf-p{ended}-{_machine()}-k2p9q0zz"
        killed_pdf.mkdir()
        in_use = tmp_path / f".verantwoord-pdf-p{running.pid}-{_machine()}-def45678"
        in_use.mkdir()
        elsewhere = tmp_path / f".verantwoord-site-p{ended}-00000000-ghi78901"  # another machine's process
        elsewhere.mkdir()
        own = tmp_path / "notities"
        own.mkdir()

        build_project(EXAMPLE, tmp_path / "site")

        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site", in_use.name, elsewhere.name, "notities"])
    finally:
        running.kill()
        running.wait()


def test_a_work_folder_says_whose_it_is(tmp_path: Path) -> None:
    folder = scratch_folder(tmp_path, "site")
    assert folder.name.startswith(".verantwoord-site-p")
    assert remove_abandoned(tmp_path) == [] and folder.is_dir()  # this process is running


@pytest.mark.parametrize("moment", ["pdf", "site"])
def test_a_build_stopped_by_sigterm_cleans_up_and_keeps_the_previous_site(tmp_path: Path, moment: str) -> None:
    """The terminal closed or the job was stopped: the build's own clean-up runs, as on Ctrl+C.

    Stopped as soon as the PDF's folder appears (its process is starting), or the site's (pages being written).
    """
    output = tmp_path / "site"
    build_project(EXAMPLE, output)
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    command = [sys.executable, "-m", "verantwoord", "build", str(EXAMPLE), "--out", str(output), "--pdf"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(f".verantwoord-{moment}-*")) and time.monotonic() < deadline:
        assert process.poll() is None, "the build ended before it was stopped"
        time.sleep(0.005)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 128 + signal.SIGTERM
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before


def test_an_interruption_between_the_two_renames_puts_the_old_site_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "site"
    build_project(EXAMPLE, output)
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    rename = Path.rename

    def interrupted_into_place(self: Path, target: Path) -> Path:
        if self.name.startswith(".verantwoord-site-") and Path(target) == output:
            raise KeyboardInterrupt  # the old site has just been moved aside
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", interrupted_into_place)
    monkeypatch.setattr("verantwoord.build.site._exchange", lambda first, second: False)  # as on Windows or macOS
    with pytest.raises(KeyboardInterrupt):
        build_project(EXAMPLE, output)
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before


LOST_JOB = """
import sys
from pathlib import Path
from verantwoord.build.format import build_time
from verantwoord.build.pdf import start_pdf
from verantwoord.project import load_project
from verantwoord.publish import document_sites
site = document_sites(load_project(Path(sys.argv[1])), pdf=True)[0]
out = Path(sys.argv[2])
start_pdf(site.document, site.options, build_time(), out / "site" / "document.pdf", out)
"""


def test_a_pdf_job_nobody_waits_for_is_stopped_at_exit(tmp_path: Path) -> None:
    """Interrupted between starting a PDF and handing it on, the exit neither waits for it nor leaves its folder."""
    command = [sys.executable, "-c", LOST_JOB, str(EXAMPLE), str(tmp_path)]
    done = subprocess.run(command, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="no flock on Windows")
def test_a_lock_file_another_user_left_is_locked_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another user's lock file (of a build that was killed) cannot be opened for writing: the build went on without
    a lock and said nothing. flock works on a file opened read-only."""
    import fcntl

    output = tmp_path / "site"
    lock = lock_name(output)
    lock.touch()
    lock.chmod(0o444)
    if os.geteuid() == 0:  # root may write any file: refused here as the system refuses another user
        opened = os.open

        def as_another_user(path: object, flags: int, *args: object, **kwargs: object) -> int:
            if Path(path) == lock and flags & (os.O_WRONLY | os.O_RDWR):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return opened(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", as_another_user)
    with output_lock(output), open(lock) as other, pytest.raises(BlockingIOError):
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    assert not lock.exists()


def test_the_lock_file_is_never_opened_through_a_symbolic_link(tmp_path: Path) -> None:
    """A link planted where the lock file goes, in a folder others can write in, made the build create a file where
    the link pointed (and wait on it). Opened without following links, the build goes on without that lock."""
    output = tmp_path / "site"
    target = tmp_path / "elders" / "gemaakt"
    target.parent.mkdir()
    lock_name(output).symlink_to(target)
    with output_lock(output):
        assert not target.exists()
    assert not target.exists()


def test_a_named_pipe_where_the_lock_file_goes_does_not_hold_the_build(tmp_path: Path) -> None:
    """Opening a pipe for writing waits for a reader: a pipe planted in a shared folder held every build forever."""
    output = tmp_path / "site"
    os.mkfifo(lock_name(output))
    script = "import sys; from pathlib import Path; from verantwoord.build.scratch import output_lock\n"
    script += "with output_lock(Path(sys.argv[1])): pass\n"
    subprocess.run([sys.executable, "-c", script, str(output)], check=True, timeout=20)


@pytest.mark.skipif(sys.platform == "win32", reason="no flock on Windows")
def test_the_lock_file_names_its_holder_for_the_one_that_waits(tmp_path: Path) -> None:
    """A build waiting for the lock is told who holds it; what the file says is believed only as far as a message goes:
    a known command, a process number, and that number only of a process on this machine."""
    output = tmp_path / "site"
    with output_lock(output, command="serve"):
        assert _holder(lock_name(output)) == LockHolder("serve", os.getpid())
    lock = lock_name(output)
    elsewhere = "0" * 8 if _machine() != "0" * 8 else "1" * 8
    for planted, holder in [
        (f"build 123 {_machine()}\n", LockHolder("build", 123)),
        (f"build 123 {elsewhere}\n", LockHolder("build", None)),
        (f"rm -rf 123 {_machine()}\n", None),
        (f"serve 123 {_machine()}\n\x1b[2J", None),
        ("", None),
    ]:
        lock.write_text(planted, encoding="utf-8")
        assert _holder(lock) == holder, planted
