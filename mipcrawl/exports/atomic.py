"""Write a file or a directory completely or not at all: into a temporary sibling, then rename.

A failure (unwritable place, full disk, an error while building) removes the temporary
copy and leaves whatever was at ``out`` before untouched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_text(out: Path) -> Iterator[TextIO]:
    """A UTF-8 text handle whose content replaces ``out`` when the block ends without error."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.chmod(tmp, 0o666 & ~_umask())
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
