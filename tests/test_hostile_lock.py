"""Defect 2 of issue 18: the PostgreSQL edition lock when its database session ends (a server
restart, a failover, a pooler, ``idle_session_timeout``; here ``pg_terminate_backend`` on
the session holding this test's own lock, found in pg_locks by the lock's key, which names
the test's schema).

The lock is checked before every write batch and before the run is closed: a lost lock is
taken again when free and no other crawl of the edition began meanwhile (the run goes on),
else the run stops and fails. Either way no event gets two "added" revisions, and the run's
record, its message and its exit code agree."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from urllib.parse import unquote

import pytest
from sqlalchemy import create_engine, text
from storage_fixtures import at, feed, item, listing, recorder

import replica
from storage.locks import LockBusy, LockLost
from storage.runs import RunLocked

pytestmark = [pytest.mark.postgres]
EXIT = {"healthy": 0, "partial": 3, "locked": 4, "failed": 1}


def schema_of(url: str) -> str:
    return re.search(r"search_path=([\w]+)", unquote(url)).group(1)


LOCK_HOLDERS = ("select pid from pg_locks where locktype = 'advisory' and granted"
                " and classid = :c and objid = :o and objsubid = 1")


def lock_key(url: str) -> dict[str, int]:
    """This test's edition lock (its key names the test's schema) as pg_locks shows it."""
    from storage.locks import _pg_key

    unsigned = _pg_key(schema_of(url), "edition:2026") & 0xFFFFFFFFFFFFFFFF
    return {"c": unsigned >> 32, "o": unsigned & 0xFFFFFFFF, "k": _pg_key(schema_of(url), "edition:2026")}


def drop_lock_session(url: str) -> int:
    """Terminate the session holding this test's lock (never anyone else's); how many."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            return len(conn.execute(text(f"select pg_terminate_backend(pid) from ({LOCK_HOLDERS}) as h"),
                                    lock_key(url)).all())
    finally:
        engine.dispose()


def wait_running(url: str, child: subprocess.Popen) -> None:
    """Until the crawl's run is open (its lock taken and its record written)."""
    engine, deadline = create_engine(url), time.monotonic() + 120
    try:
        while True:
            assert child.poll() is None and time.monotonic() < deadline
            try:
                with engine.connect() as conn:
                    if conn.execute(text("select count(*) from crawl_run where status = 'running'")).scalar():
                        return
            except Exception:  # noqa: BLE001 - the schema is not made yet
                pass
            time.sleep(0.05)
    finally:
        engine.dispose()


def added_twice(url: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("select event_id from event_revision where change = 'added'"
                                     " group by event_id having count(*) > 1")).all()
    finally:
        engine.dispose()


def test_a_dropped_lock_session_is_survived_when_nobody_took_the_lock(pg_schema_url):
    first = recorder(pg_schema_url, clock=lambda: at(2), batch_size=2)
    first.open()
    feed(first, listing([item(n).url for n in range(6)]), item(0), item(1))
    assert drop_lock_session(pg_schema_url) == 1
    with pytest.raises((LockBusy, RunLocked)):      # between two batches: taken again before writing
        feed(first, item(2), item(3))
        recorder(pg_schema_url, clock=lambda: at(2)).open()
    feed(first, item(4), item(5))
    outcome = first.close()
    assert outcome.status == "healthy" and outcome.counts["new"] == 6
    assert added_twice(pg_schema_url) == []


def test_a_lock_taken_by_another_crawl_meanwhile_fails_the_first_cleanly(pg_schema_url):
    first = recorder(pg_schema_url, clock=lambda: at(2), batch_size=2)
    first.open()
    feed(first, listing([item(n).url for n in range(4)]), item(0), item(1))
    assert drop_lock_session(pg_schema_url) == 1
    second = recorder(pg_schema_url, clock=lambda: at(3))
    second.open()                                     # the lock was free: the second crawl has it
    feed(second, listing([item(n).url for n in range(4)]), *[item(n) for n in range(4)])
    with pytest.raises(LockLost):
        feed(first, item(2), item(3))
    lost = first.abandon("lost the lock")
    assert lost.status == "failed"
    assert second.close().status == "healthy"
    assert added_twice(pg_schema_url) == []


def crawl(base_url: str, db: str, tmp_path, name: str) -> subprocess.Popen:
    """A crawl of 2026 that takes its time (two requests at once, a write batch every 3 events)."""
    return subprocess.Popen([sys.executable, "-m", "mipcrawl.cli", "crawl", "programme", "--edition", "2026",
                             "--base-url", base_url, "--db", db, "--data-dir", str(tmp_path / name),
                             "--no-progress", "-s", "MIPCRAWL_STORE_BATCH_SIZE=3", "-s", "CONCURRENT_REQUESTS=2"],
                            stderr=subprocess.PIPE, text=True)


def agree(db: str, child: subprocess.Popen, err: str) -> str:
    """The run's printed status, checked against its record and the exit code."""
    match = re.search(r"programme 2026: run (\d+) (\w+)", err)
    assert match, err[-2000:]
    engine = create_engine(db)
    try:
        with engine.connect() as conn:
            stored = conn.execute(text("select status from crawl_run where id = :i"),
                                  {"i": int(match.group(1))}).scalar_one()
    finally:
        engine.dispose()
    assert stored == match.group(2) and child.returncode == EXIT[stored], (stored, child.returncode, err[-2000:])
    return stored


@pytest.mark.e2e
@pytest.mark.slow
def test_dropping_the_lock_session_mid_crawl_never_lets_two_crawls_write(replica_small_site, pg_schema_url,
                                                                        tmp_path):
    with replica.serve(replica_small_site, slow_ms=150) as base_url:
        first = crawl(base_url, pg_schema_url, tmp_path, "a")
        wait_running(pg_schema_url, first)
        assert drop_lock_session(pg_schema_url) == 1
        second = crawl(base_url, pg_schema_url, tmp_path, "b")
        time.sleep(3)
        assert first.poll() is None          # the two crawls overlap
        errors = [first.communicate(timeout=300)[1], second.communicate(timeout=300)[1]]
    statuses = [agree(pg_schema_url, child, err) for child, err in zip((first, second), errors, strict=True)]
    assert "Traceback" not in "".join(errors)
    assert statuses in (["healthy", "locked"], ["failed", "healthy"]), statuses
    assert added_twice(pg_schema_url) == []


@pytest.mark.e2e
@pytest.mark.slow
def test_a_crawl_whose_lock_another_session_took_fails_with_record_message_and_code_agreeing(
        replica_small_site, pg_schema_url, tmp_path):
    holder = create_engine(pg_schema_url)
    with replica.serve(replica_small_site, slow_ms=150) as base_url, holder.connect() as conn:
        first = crawl(base_url, pg_schema_url, tmp_path, "a")
        wait_running(pg_schema_url, first)
        key, deadline = lock_key(pg_schema_url), time.monotonic() + 120
        while not conn.execute(text(      # end the lock's session and queue for its lock in one statement
                "select pg_advisory_lock(:k) from (select count(*) as n from (select pg_terminate_backend(pid)"
                f" from ({LOCK_HOLDERS}) as h) as t) as c where c.n > 0"), key).all():
            conn.commit()                 # pg_stat_activity is read once per transaction
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        conn.commit()
        err = first.communicate(timeout=300)[1]
        conn.execute(text("select pg_advisory_unlock(:k)"), key)
    holder.dispose()
    assert agree(pg_schema_url, first, err) == "failed"
    assert "lost the lock of edition:2026" in err and "Traceback" not in err
    assert added_twice(pg_schema_url) == []
