"""Hidden work folders beside the output, and the ones a killed build left behind.

A build writes the site into a folder beside the output and renames it into place; the PDF, the old site
being replaced and `serve`'s search index each have such a folder too. A build that is killed (the terminal
closed, the machine out of memory) cannot remove its folder, which may hold hundreds of megabytes. The next
build does, once the process that made it is gone: the folder's name says which process made it, and where
(`_machine`), so a folder that is still in use is never removed. Not on Windows, where no process is asked
after.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import socket
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, NamedTuple

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

PREFIX = ".verantwoord-"
_NAME = re.compile(r"\.verantwoord-[a-z]+-p(\d{1,10})-([0-9a-f]{8})-[a-z0-9_]+")


def scratch_folder(parent: Path, kind: str) -> Path:
    """A new empty folder in `parent`, named after `kind` ("site", "pdf", …), this process and this machine."""
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{kind}-p{os.getpid()}-{_machine()}-", dir=parent))


def remove_abandoned(parent: Path) -> list[Path]:
    """Remove the work folders in `parent` whose process on this machine has ended; returns them."""
    removed = []
    try:
        entries = list(parent.iterdir())
    except OSError:
        return removed
    machine = _machine()
    for entry in entries:
        found = _NAME.fullmatch(entry.name)
        if found is None or found[2] != machine or _running(int(found[1])) or not entry.is_dir():
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def _machine() -> str:
    """Eight hex digits that stand for the processes this one can see: its host name and, on Linux, the boot of
    the kernel and the namespace of process ids. Another machine or container writing beside the same output
    (a network share, a container with the host's name) has other ones, so its folders are left alone."""
    parts = [socket.gethostname()]
    try:
        parts.append(Path("/proc/sys/kernel/random/boot_id").read_text().strip())
        parts.append(str(os.stat("/proc/self/ns/pid").st_ino))
    except OSError:
        pass
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:8]


def _running(pid: int) -> bool:
    if os.name == "nt":
        return True  # os.kill would end the process there, not ask after it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # another user's process (PermissionError), or in doubt: leave it
        return True
    return True


def lock_name(output: Path) -> Path:
    """The file beside `output` that a build holds a lock on (`output_lock`)."""
    return output.parent / f"{PREFIX}lock-{output.name}"


class LockHolder(NamedTuple):
    """Who holds an output's lock, as its lock file says: for a message only, since anyone may write the file."""

    command: str
    """"build" or "serve"."""
    pid: int | None
    """Its process, when it runs on this machine (`_machine`)."""


_HOLDER = re.compile(r"(build|serve) ([1-9][0-9]{0,9}) ([0-9a-f]{8})\n")


@contextlib.contextmanager
def output_lock(
    output: Path, waiting: Callable[[LockHolder | None], object] | None = None, command: str = "build"
) -> Iterator[None]:
    """Hold `output` for one build, from writing its site to placing its PDF: a second build into it waits, and hears
    of it through `waiting`, with who holds it when the lock file says (`command`: "build" or "serve", this one's).
    Without this the last to finish won, and one's PDF could land beside the other's site.

    The lock is the system's (flock), so a killed build holds none. Its file goes when the build ends, removed while
    held: a build that locked the removed file meanwhile takes the new one. Not on Windows, which has no flock."""
    path = lock_name(output)
    if fcntl is None:
        yield
        return
    told = False
    while True:
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            file = _open_lock(path)
        except OSError:  # a folder that cannot be written in: the build says so, as it writes
            yield
            return
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            try:
                if waiting is not None and not told:
                    waiting(_holder(path))
                    told = True
                fcntl.flock(file, fcntl.LOCK_EX)
            except BaseException:  # stopped while waiting
                file.close()
                raise
        with contextlib.suppress(OSError):
            if os.path.samestat(os.fstat(file.fileno()), path.stat()):
                break
        file.close()  # removed by the build before, which held it
    with contextlib.suppress(OSError):  # read-only (another user's file): the one waiting is told less
        file.truncate(0)
        file.write(f"{command} {os.getpid()} {_machine()}\n")
        file.flush()
    try:
        yield
    finally:
        with contextlib.suppress(OSError):  # another user's file in a folder with the sticky bit: it stays
            path.unlink(missing_ok=True)
        file.close()


class SharedOutputLock:
    """`output_lock` held for as long as any thread of this process needs it: `serve`'s rebuild, and what follows it
    in the background (the footers, the open data, the search index), which writes into the site after the rebuild has
    returned. A build into the output waits for all of them; they never wait for each other, so an edit does not wait
    for the search index of the one before.

    Background work takes its hold while the rebuild that starts it holds the lock, so a build cannot come between."""

    def __init__(self, output: Path, waiting: Callable[[LockHolder | None], object] | None = None) -> None:
        self.output = output
        self.waiting = waiting
        self._mutex = threading.Lock()
        self._holders = 0
        self._held: contextlib.ExitStack | None = None

    def acquire(self) -> None:
        """Hold the output, waiting for a build into it only when no thread of this process holds it yet."""
        with self._mutex:
            if self._holders == 0:
                with contextlib.ExitStack() as stack:
                    stack.enter_context(output_lock(self.output, self.waiting, "serve"))
                    self._held = stack.pop_all()
            self._holders += 1

    def release(self) -> None:
        with self._mutex:
            self._holders -= 1
            if self._holders == 0 and self._held is not None:
                held, self._held = self._held, None
                held.close()

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        self.acquire()
        try:
            yield
        finally:
            self.release()


def _holder(path: Path) -> LockHolder | None:
    """Who holds the lock on `path`, as its file says; None when it says nothing that could be (yet)."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        try:
            text = os.read(handle, 64).decode("ascii")
        finally:
            os.close(handle)
    except (OSError, UnicodeDecodeError):
        return None
    found = _HOLDER.fullmatch(text)
    if found is None:
        return None
    return LockHolder(found[1], int(found[2]) if found[3] == _machine() else None)


def _open_lock(path: Path) -> IO[str]:
    """The lock file, made if need be. One that another user's build left (killed before it removed it) cannot be
    opened for writing: read-only it is locked all the same; the build went on without a lock and said nothing.

    Never through a symbolic link (O_NOFOLLOW): one planted in a shared folder made the build create a file where the
    link pointed. Never waiting to open (O_NONBLOCK): a named pipe planted there held the build forever; it is no
    file to lock, and the build goes on without."""
    nofollow = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | nofollow, 0o644), "a")
    except PermissionError:
        return os.fdopen(os.open(path, os.O_RDONLY | nofollow))
