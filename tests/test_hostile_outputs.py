"""Defect 1 of issue 18: ``--out`` never replaces what is at the path. A regular file (or a
new one) is replaced atomically, a symbolic link's target gets the content and the link
stays, a device or FIFO is written in place, ``-`` is stdout, anything else is refused in
one line with nothing written."""

from __future__ import annotations

import os
import stat
import tempfile
import threading
from pathlib import Path

import pytest
from export_fixtures import build_month
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mipcrawl.cli import main
from mipcrawl.exports import atomic

KINDS = ("missing", "missing-in-new-dir", "file", "link-to-file", "dangling-link", "empty-dir",
         "full-dir", "link-to-dir", "fifo", "link-to-fifo", "link-to-dev-null")


class Fifo:
    """A FIFO with a reader thread collecting what is written to it."""

    def __init__(self, path: Path) -> None:
        os.mkfifo(path)
        self.path, self.data = path, b""
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        with open(self.path, "rb") as handle:
            self.data = handle.read()

    def received(self) -> str:
        self.thread.join(5)
        return self.data.decode("utf-8")

    def release(self) -> None:
        """Unblock the reader when nothing opened the FIFO for writing."""
        if self.thread.is_alive():
            with open(self.path, "wb"):
                pass
            self.thread.join(5)


def make(kind: str, root: Path) -> tuple[Path, Fifo | None]:
    """The path ``--out`` is given, holding ``kind``; the FIFO's reader when there is one."""
    out, fifo = root / "out", None
    if kind == "missing-in-new-dir":
        out = root / "new" / "dir" / "out"
    elif kind in ("file", "link-to-file"):
        (root / "target").write_text("old")
    elif kind == "empty-dir" or kind == "link-to-dir":
        (root / "target").mkdir()
    elif kind == "full-dir":
        (root / "target").mkdir()
        (root / "target" / "thesis.tex").write_text("years of work")
    elif kind in ("fifo", "link-to-fifo"):
        fifo = Fifo(out if kind == "fifo" else root / "target")
    if kind in ("file", "empty-dir", "full-dir"):
        (root / "target").rename(out)
    elif kind.startswith("link-to-") or kind == "dangling-link":
        out.symlink_to("/dev/null" if kind == "link-to-dev-null" else root / "target")
    return out, fifo


def snapshot(root: Path) -> dict[str, tuple[str, str]]:
    """Every node under ``root``: its type and (files) content or (links) target."""
    nodes = {}
    for path in sorted(root.rglob("*")):
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            nodes[str(path)] = ("link", os.readlink(path))
        elif stat.S_ISREG(mode):
            nodes[str(path)] = ("file", path.read_bytes().decode("utf-8"))
        else:
            nodes[str(path)] = (stat.filemode(mode)[0], "")
    return nodes


def write(kind: str, content: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        out, fifo = make(kind, root)
        before = snapshot(root)
        try:
            with atomic.atomic_text(out) as handle:
                handle.write(content)
        except OSError as exc:
            if fifo is not None:
                fifo.release()
            assert "\n" not in str(exc) and kind in ("empty-dir", "full-dir", "link-to-dir"), (kind, exc)
            assert snapshot(root) == before      # refused: nothing written, nothing replaced
            return
        after = snapshot(root)
        if fifo is not None:
            assert fifo.received() == content
        expected = dict(before)
        if kind in ("missing", "missing-in-new-dir", "file"):
            expected[str(out)] = ("file", content)
            for parent in out.relative_to(root).parents:
                if str(parent) != ".":
                    expected[str(root / parent)] = ("d", "")
        elif kind in ("link-to-file", "dangling-link"):
            expected[str(root / "target")] = ("file", content)   # the link stays, its target changes
        assert after == expected, kind


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(KINDS), content=st.text(max_size=200))
def test_any_out_path_is_written_or_refused_in_one_line_never_clobbered(kind, content):
    write(kind, content)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_out_path(kind):
    write(kind, "é\n")


@pytest.mark.parametrize("path, plan", [
    ("-", "stdout"), ("/dev/null", "stream"), ("/dev/stdout", "stream"), ("/dev/fd/1", "stream"),
])
def test_devices_and_descriptors_are_streamed_never_renamed(path, plan):
    assert atomic.output_plan(path)[0] == plan


@pytest.mark.parametrize("path", ["/", "/dev"])
def test_a_directory_is_refused_in_one_line(path):
    with pytest.raises(OSError, match="a directory"):
        atomic.output_plan(path)


# -- the commands ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def month_db(tmp_path_factory):
    return build_month(f"sqlite:///{tmp_path_factory.mktemp('month') / 'month.sqlite'}")


@pytest.mark.parametrize("command", [
    ["export", "--format", "jsonl"], ["export", "--format", "csv"], ["export", "--format", "ics"],
    ["report", "--edition", "2026"],
])
def test_export_and_report_write_through_a_symlink_and_into_a_fifo(month_db, tmp_path, command):
    link, target = tmp_path / "link", tmp_path / "target"
    target.write_text("old")
    link.symlink_to(target)
    assert main([*command, "--db", month_db, "--out", str(link)]) == 0
    assert link.is_symlink() and target.read_text() != "old"
    fifo = Fifo(tmp_path / "fifo")
    assert main([*command, "--db", month_db, "--out", str(fifo.path)]) == 0
    assert stat.S_ISFIFO(os.lstat(fifo.path).st_mode)
    assert fifo.received() == target.read_bytes().decode("utf-8")


def test_report_out_dash_is_stdout(month_db, capsys):
    assert main(["report", "--edition", "2026", "--db", month_db, "--out", "-"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("<!DOCTYPE html>") and err == ""
    assert not Path("-").exists()


def test_a_directory_out_is_one_line_exit_1(month_db, tmp_path, capsys):
    (tmp_path / "d").mkdir()
    assert main(["export", "--db", month_db, "--out", str(tmp_path / "d")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "a directory" in err
    assert list((tmp_path / "d").iterdir()) == []
