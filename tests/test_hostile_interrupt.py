"""Defect 4 of issue 18: SIGINT or SIGTERM during ``crawl --edition all`` closes every run it
opened as partial ("interrupted"), keeps what was stored, withdraws nothing and exits 130;
the runs it never started say so. (mipcrawl/cli/interrupt.py)"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

import pytest

import replica

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def runs(db) -> list[tuple]:
    try:
        with sqlite3.connect(db) as conn:
            return conn.execute("select id, scope, status, reason from crawl_run order by id").fetchall()
    except sqlite3.OperationalError:      # not created yet
        return []


def interrupt_when(db, child, ready, signum, deadline=120.0) -> None:
    started = time.monotonic()
    while not ready(runs(db)):
        assert child.poll() is None, "the crawl ended before it could be interrupted"
        assert time.monotonic() - started < deadline
        time.sleep(0.1)
    child.send_signal(signum)


@pytest.mark.parametrize("signum, ready", [
    (signal.SIGINT, lambda rows: len(rows) >= 2),       # the second edition's run is open (or opening)
    (signal.SIGTERM, lambda rows: len(rows) >= 1),
    (signal.SIGINT, lambda rows: False if not rows else rows[-1][2] == "running"),
])
def test_an_interrupted_crawl_of_every_edition_closes_its_runs_and_exits_130(
        replica_small_site, tmp_path, signum, ready):
    db = tmp_path / "db.sqlite"
    with replica.serve(replica_small_site, slow_ms=20) as base_url:
        first = subprocess.run([sys.executable, "-m", "mipcrawl.cli", "crawl", "programme", "--edition", "2019",
                                "--base-url", base_url, "--db", f"sqlite:///{db}", "--data-dir", str(tmp_path),
                                "--no-progress"], capture_output=True, text=True, timeout=300)
        assert first.returncode == 0, first.stderr[-2000:]
        child = subprocess.Popen([sys.executable, "-m", "mipcrawl.cli", "crawl", "--edition", "all",
                                  "--base-url", base_url, "--db", f"sqlite:///{db}", "--data-dir", str(tmp_path),
                                  "--no-progress", "--refresh"], stderr=subprocess.PIPE, text=True)
        interrupt_when(db, child, lambda rows: ready(rows[1:]), signum)
        err = child.communicate(timeout=120)[1]
    assert child.returncode == 130, err[-2000:]
    assert "Traceback" not in err
    rows = runs(db)[1:]
    assert rows and not [r for r in rows if r[2] == "running"], rows
    assert rows[-1][2:] == ("partial", rows[-1][3]) and rows[-1][3].startswith("interrupted"), rows
    assert "interrupted — not started" in err           # the labs at least never began
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from event where status = 'withdrawn'").fetchone() == (0,)
        assert conn.execute("select count(*) from event").fetchone()[0] > 0
