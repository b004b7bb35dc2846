"""Defect 5 of issue 18: a full disk. The data directory (logs, archive, HTTP cache) sits on a
small file system of the test's own (a tmpfs it mounts; skipped with the reason where it
cannot), the database elsewhere. Once that file system is full, a crawl says so in one line —
not a "--- Logging error ---" traceback per log line — fails with the reason in its run
record, exits 1, and the data already stored is intact."""

from __future__ import annotations

import sqlite3

import pytest
from cli_run import mipcrawl
from hostile import mounts

import replica

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def stored(db) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("select url, status, content_hash from event order by url").fetchall()


def test_a_crawl_on_a_full_disk_fails_in_one_line_and_keeps_the_data(replica_small_site, tmp_path):
    db = tmp_path / "db.sqlite"
    with mounts.tmpfs(tmp_path / "small", size="16m") as small, replica.serve(replica_small_site) as base_url:
        args = ["crawl", "programme", "--edition", "2026", "--base-url", base_url, "--db", f"sqlite:///{db}",
                "--data-dir", str(small / "data"), "--no-progress"]
        first = mipcrawl(*args)
        assert first.returncode == 0, first.stderr[-2000:]
        before = stored(db)
        mounts.fill(small)
        full = mipcrawl(*args, "--refresh")
    assert full.returncode == 1, full.stderr[-3000:]
    assert "Logging error" not in full.stderr and "Traceback" not in full.stderr
    warnings = [line for line in full.stderr.splitlines() if line.startswith("mipcrawl:")]
    assert len(warnings) == 1 and "No space left on device" in warnings[0], full.stderr[-3000:]
    assert len(full.stderr.splitlines()) <= 3          # what it crawls, that warning, the run's line
    with sqlite3.connect(db) as conn:
        status, reason = conn.execute("select status, reason from crawl_run order by id desc").fetchone()
    assert status == "failed" and "No space left on device" in reason
    assert f"failed — {reason}" in full.stderr
    assert stored(db) == before and before
