"""Run records, edition locks, stale runs, concurrency and password redaction (both databases)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select
from storage_fixtures import at, crawl, events, feed, item, recorder

from models import CrawlRun, Event
from storage.db import make_engine, make_session_factory
from storage.locks import EditionLock, LockBusy
from storage.runs import redact_command


def _runs(db_url):
    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        rows = list(session.scalars(select(CrawlRun).order_by(CrawlRun.id)))
    engine.dispose()
    return rows


def test_run_record_holds_counts_gate_and_parser_version(db_url):
    crawl(db_url, [item(n) for n in range(3)], when=at(2))
    crawl(db_url, [item(n) for n in range(3)], when=at(3))
    first, second = _runs(db_url)
    assert (first.status, first.new, first.unchanged) == ("healthy", 3, 0)
    assert (second.status, second.new, second.unchanged) == ("healthy", 0, 3)
    assert second.started_at == at(3) and second.finished_at == at(3)
    assert second.gate["2026"]["listed"] == 3 and second.parser_version
    assert second.scope == "2026" and second.editions == [2026]


def test_second_crawl_of_an_edition_is_refused_while_the_first_runs(db_url):
    first = recorder(db_url, "2026", clock=lambda: at(2))
    first.open()
    second = recorder(db_url, "2026", clock=lambda: at(2))
    with pytest.raises(LockBusy, match="edition:2026"):
        second.open()
    other = recorder(db_url, "2025", clock=lambda: at(2))
    other.open()                     # another edition is not blocked
    other.close()
    feed(first, item(1))
    first.close()
    again = recorder(db_url, "2026", clock=lambda: at(3))
    again.open()                     # the lock was released
    again.close()


def test_all_editions_crawl_blocks_a_single_edition_crawl(db_url):
    everything = recorder(db_url, "all", clock=lambda: at(2))
    everything.open()
    with pytest.raises(LockBusy):
        recorder(db_url, "2024", clock=lambda: at(2)).open()
    everything.close()


def test_concurrent_crawls_of_one_edition_wait_and_never_duplicate_rows(db_url):
    errors = []

    def run(day):
        try:
            crawl(db_url, [item(n) for n in range(30)], when=at(day), lock_wait=30, batch_size=7)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(d,)) for d in (2, 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    stored = events(db_url)
    assert len(stored) == 30
    runs = _runs(db_url)
    assert sorted((r.new, r.unchanged) for r in runs) == [(0, 30), (30, 0)]
    engine = make_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Event.__table__)).scalar_one() == 30
    engine.dispose()


def test_a_crashed_run_is_closed_as_failed_by_the_next(db_url):
    crashed = recorder(db_url, "2026", clock=lambda: at(2))
    crashed.open()
    crashed.lock.release()           # the process died: its lock is gone, its run says "running"
    crashed.engine.dispose()
    crawl(db_url, [item(1)], when=at(3))
    first, second = _runs(db_url)
    assert first.status == "failed" and "crashed" in first.reason
    assert second.status == "healthy"


def test_sqlite_lock_of_a_dead_crawl_is_taken_over_after_its_heartbeat_expires(tmp_path):
    url = f"sqlite:///{tmp_path / 'lock.sqlite'}"
    recorder(url, "2026").open()   # never closed: a stale lock row
    engine = make_engine(url)
    with pytest.raises(LockBusy):
        EditionLock(engine, ["edition:2026"]).acquire()
    lock = EditionLock(engine, ["edition:2026"], stale_after=dt.timedelta(seconds=0))
    lock.acquire()
    lock.release()
    engine.dispose()


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("mipcrawl crawl --db postgresql://bob:s3cret@db/x", "mipcrawl crawl --db postgresql://bob:***@db/x"),
        ("mipcrawl crawl --db=postgresql+psycopg://bob:p%40ss@db:5432/x",
         "mipcrawl crawl --db=postgresql+psycopg://bob:***@db:5432/x"),
        ("mipcrawl crawl --db sqlite:///data/x.sqlite", "mipcrawl crawl --db sqlite:///data/x.sqlite"),
        ("mipcrawl crawl --base-url http://user@127.0.0.1:8000", "mipcrawl crawl --base-url http://user@127.0.0.1:8000"),
    ],
)
def test_command_line_passwords_are_redacted(command, expected):
    assert redact_command(command) == expected


def test_password_never_reaches_the_run_record(db_url):
    crawl(db_url, [item(1)], when=at(2), command="mipcrawl crawl --db postgresql://bob:hunter2@db/x")
    (run,) = _runs(db_url)
    assert "hunter2" not in run.command and "bob:***@db" in run.command


def test_a_crawl_refused_by_the_lock_is_recorded_as_locked(db_url):
    first = recorder(db_url, "2026", clock=lambda: at(2))
    first.open()
    with pytest.raises(LockBusy) as refused:
        recorder(db_url, "2026", clock=lambda: at(2), command="mipcrawl crawl --edition 2026").open()
    feed(first, item(1))
    first.close()
    runs = _runs(db_url)
    assert [(r.status, r.scope) for r in runs][1:] == [("locked", "2026")] and runs[0].status != "locked"
    locked = runs[1]
    assert locked.id == refused.value.run_id and "edition:2026" in locked.reason
    assert locked.finished_at == locked.started_at == at(2) and locked.new == 0
    assert locked.command == "mipcrawl crawl --edition 2026"
    again = recorder(db_url, "2026", clock=lambda: at(3))
    again.open()          # a locked run is no running run: the next crawl closes nothing
    again.close()
    assert [r.status for r in _runs(db_url)][1:] == ["locked", runs[0].status]
