"""Small file systems for the disk-full and read-only tests: a tmpfs mounted by the test
itself where it may (root, with mount allowed: this machine and CI), skipped with the reason
elsewhere. Each mount is the test's own, unmounted when it ends."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount(*args: str) -> str | None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    return None if done.returncode == 0 else (done.stderr.strip() or f"mount exited {done.returncode}")


@contextmanager
def tmpfs(where: Path, *, size: str = "4m") -> Iterator[Path]:
    """A tmpfs of ``size`` at ``where`` (made), unmounted at the end; skips where none can be mounted."""
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root (not here)")
    problem = _mount("-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(where))
    if problem:
        pytest.skip(f"cannot mount a tmpfs here: {problem}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def read_only(where: Path) -> None:
    """Remount the tmpfs at ``where`` read-only."""
    problem = _mount("-o", "remount,ro", str(where))
    if problem:
        pytest.skip(f"cannot remount read-only: {problem}")


def fill(where: Path) -> None:
    """Fill the file system of ``where`` up to the last byte."""
    fd = os.open(where / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for size in (1 << 16, 1 << 12, 1):
            try:
                while os.write(fd, b"\0" * size):
                    pass
            except OSError:
                continue
    finally:
        os.close(fd)
