"""Giving freed memory back to the system.

glibc's malloc keeps what a process frees for its later use, per thread that allocated it: after reading a large
workbook, that is memory the process holds for the rest of the build (bench/HISTORY.md).
"""

from __future__ import annotations

import ctypes
import sys
from contextlib import suppress


def trim_freed_memory() -> None:
    """Hand freed memory back to the system, where the C library allows it."""
    if sys.platform.startswith("linux"):
        with suppress(OSError, AttributeError):  # another C library than glibc (musl has no malloc_trim)
            ctypes.CDLL(None).malloc_trim(0)
