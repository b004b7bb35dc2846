"""Write an output without ever clobbering what is at its path.

``atomic_text(out)`` decides by what the path names (following symbolic links):

- nothing yet, or a regular file: written into a temporary sibling of the *target*, then
  renamed over it — complete or not at all; a symbolic link stays a link, its target gets
  the new content;
- a character device or a FIFO (``/dev/null``, a named pipe), or a file-descriptor link
  (``/dev/stdout``, ``/dev/fd/N``): opened and written in place, never renamed over;
- ``-``: standard output;
- anything else (a directory, a block device, a socket): refused with ``OutputRefused``,
  one line, before anything is written.

A failure (unwritable place, full disk, an error while building) removes the temporary
copy and leaves whatever was at ``out`` before untouched.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

STDOUT = "-"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class OutputRefused(OSError):
    """``out`` names something an output must not be written to (a directory, a block
    device, a socket): refused before anything is written."""


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file, character device or FIFO"


def output_plan(out: Path | str) -> tuple[str, Path]:
    """How ``out`` is written: ``("stdout", …)``, ``("stream", path)`` (a device, FIFO or
    descriptor link, written in place) or ``("replace", target)`` (a regular file or a new one,
    ``target`` being where a symbolic link points). Raises ``OutputRefused``."""
    if str(out) == STDOUT:
        return "stdout", Path(STDOUT)
    path = Path(out).expanduser()
    real = Path(os.path.realpath(path))
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "replace", real            # new file (or a dangling link: created at its target)
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or _descriptor_link(path):
        return "stream", path
    if stat.S_ISREG(mode):
        return "replace", real
    raise OutputRefused(21, f"{_kind(mode)}: not written to", str(path))


def _descriptor_link(path: Path) -> bool:
    """Whether ``path`` reaches a process's open file through ``/proc`` (``/dev/stdout``,
    ``/dev/fd/1``): what the caller already opened, to be written through, never renamed."""
    current = Path(os.path.realpath(path.parent)) / path.name
    for _ in range(40):
        if current.parts[1:2] == ("proc",):
            return True
        if not current.is_symlink():
            return False
        target = current.parent / os.readlink(current)
        current = Path(os.path.realpath(target.parent)) / target.name
    return False


@contextmanager
def atomic_text(out: Path | str) -> Iterator[TextIO]:
    """A UTF-8 text handle whose content goes to ``out`` when the block ends without error
    (see the module docstring for what each kind of path gets)."""
    how, target = output_plan(out)
    if how == "stdout":
        yield sys.stdout
        sys.stdout.flush()
    elif how == "stream":
        with _stream(target) as handle:
            yield handle
    else:
        with _replace(target) as handle:
            yield handle


@contextmanager
def _stream(path: Path) -> Iterator[TextIO]:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    mode = os.fstat(fd).st_mode
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISREG(mode)):
        os.close(fd)
        raise OutputRefused(21, f"{_kind(mode)}: not written to", str(path))
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        yield handle


@contextmanager
def _replace(out: Path) -> Iterator[TextIO]:
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(os.stat(out).st_mode)   # an existing file keeps its permissions
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.chmod(tmp, mode)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class NotOurs(OSError):
    """``out`` is a directory holding something else than a previous output: never replaced."""


@contextmanager
def atomic_dir(out: Path, *, marker: str) -> Iterator[Path]:
    """A fresh directory that becomes ``out`` when the block succeeds. An existing ``out`` is
    replaced only when it is empty or a previous output (it holds ``marker``): a user's
    directory given by mistake (``--out ~``) is refused, never wiped."""
    out = out.expanduser().resolve()
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(20, "Not a directory", str(out))
    if out.is_dir() and any(out.iterdir()) and not (out / marker).is_file():
        raise NotOurs(17, f"directory not empty and not a previous output (no {marker})", str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        yield tmp
        os.chmod(tmp, 0o777 & ~_umask())
        old = out.with_name(f"{tmp.name}.old")
        if out.exists():
            os.replace(out, old)
        os.replace(tmp, out)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
