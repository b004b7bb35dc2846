"""``mipcrawl reparse`` (issue 7): a run's WARC replayed into an empty database gives its events.

The replica is stopped before every reparse, so any attempt to use the network would fail
the run (the replay answers from the archive only).
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import replica

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def mipcrawl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mipcrawl.cli", *args], capture_output=True, text=True,
                          timeout=600, env={**os.environ})


def events(db_path, edition: int | None = None) -> dict[str, str]:
    """URL -> content hash (the site does not change between the crawls: each run saw these)."""
    with sqlite3.connect(db_path) as conn:
        sql = "select url, content_hash from event where status != 'withdrawn'"
        if edition is not None:
            sql += f" and edition = {int(edition)}"
        return dict(conn.execute(sql))


def listed(site, edition: int) -> int:
    truth = (site / "_truth" / "events.jsonl").read_text().splitlines()
    return sum(1 for line in truth if (t := json.loads(line))["edition"] == edition and t["listed"])


@pytest.fixture(scope="module")
def crawled(replica_small_site, tmp_path_factory):
    """Editions 2024 and 2026 crawled twice (the second time all 304s); the server then stops."""
    work = tmp_path_factory.mktemp("reparse")
    db_path = work / "db.sqlite"
    with replica.serve(replica_small_site) as base_url:
        for edition in ("2024", "2026", "2024", "2026"):
            crawl = mipcrawl("crawl", "programme", "--edition", edition, "--base-url", base_url,
                             "--db", f"sqlite:///{db_path}", "--data-dir", str(work), "--no-progress")
            assert crawl.returncode == 0, crawl.stderr[-2000:]
    with sqlite3.connect(db_path) as conn:
        runs = {i: (scope, json.loads(stats)) for i, scope, stats in
                conn.execute("select id, scope, stats from crawl_run order by id")}
    return work, db_path, runs


@pytest.mark.parametrize("run_id", [1, 2, 3, 4])
def test_reparse_of_a_run_into_an_empty_database_reproduces_its_events(crawled, replica_small_site, tmp_path,
                                                                      run_id):
    """Runs 1-2 fetched every page; runs 3-4 got 304s only (2024's details not even requested):
    their revisits and skipped pages are answered from the edition's earlier captures."""
    work, db_path, runs = crawled
    scope, stats = runs[run_id]
    target = tmp_path / "empty.sqlite"
    result = mipcrawl("reparse", "--run", str(run_id), "--data-dir", str(work), "--db", f"sqlite:///{target}",
                      "--no-progress")
    assert result.returncode == 0, result.stderr[-2000:]
    original = events(db_path, int(scope))
    assert len(original) == listed(replica_small_site, int(scope))
    assert events(target) == original            # same URLs, same content hashes
    with sqlite3.connect(target) as conn:
        (replayed_stats,) = conn.execute("select stats from crawl_run").fetchone()
        captures = [c for (c,) in conn.execute("select capture_id from event")]
    replayed = json.loads(replayed_stats)
    assert replayed["mipcrawl/replay/responses"] > 0
    assert replayed.get("mipcrawl/replay/not_archived", 0) == 0
    assert all(c.startswith(f"{scope}/mipcrawl-programme-{scope}-") for c in captures)


def test_reparse_into_the_same_database_changes_and_withdraws_nothing(crawled, replica_small_site, tmp_path):
    work, db_path, runs = crawled
    copy = tmp_path / "same.sqlite"
    copy.write_bytes(db_path.read_bytes())
    with sqlite3.connect(copy) as conn:   # an event the replayed captures do not list
        cols = [c[1] for c in conn.execute("pragma table_info(event)") if c[1] != "id"]
        picked = ", ".join("url || '-gone'" if c == "url" else "NULL" if c == "fingerprint" else c for c in cols)
        conn.execute(f"insert into event ({', '.join(cols)}) select {picked} from event where edition = 2024 limit 1")
    gone = next(u for u in events(copy) if u.endswith("-gone"))
    before = events(copy)
    del before[gone]
    assert len(before) == listed(replica_small_site, 2024) + listed(replica_small_site, 2026)
    warc = work / "archive" / runs[1][1]["mipcrawl/archive/file"]
    result = mipcrawl("reparse", "--warc", str(warc), "--data-dir", str(work), "--db", f"sqlite:///{copy}",
                      "--no-progress")
    assert result.returncode == 0, result.stderr[-2000:]
    after = events(copy)
    assert after.pop(gone)                # a replay of old captures withdraws nothing
    assert after == before
    with sqlite3.connect(copy) as conn:
        new, changed, unchanged, withdrawn = conn.execute(
            "select new, changed, unchanged, withdrawn from crawl_run order by id desc limit 1").fetchone()
    assert (new, changed, unchanged, withdrawn) == (0, 0, 40, 0)


@pytest.mark.parametrize(("args", "message"), [
    (["--run", "999"], "no WARC file of run 999"),
    (["--warc", "/nonexistent/x.warc.gz"], "no such WARC file"),
])
def test_reparse_bad_input_is_one_line(crawled, tmp_path, args, message):
    work, *_ = crawled
    result = mipcrawl("reparse", *args, "--data-dir", str(work), "--db", f"sqlite:///{tmp_path / 'x.sqlite'}")
    assert result.returncode == 2
    assert message in result.stderr and result.stderr.strip().count("\n") == 0


def test_reparse_refuses_a_warc_that_is_not_ours(tmp_path):
    path = tmp_path / "other.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("http://example.org/", "response",
                                                      payload=io.BytesIO(b"<html></html>"), length=13,
                                                      http_headers=headers))
    result = mipcrawl("reparse", "--warc", str(path), "--db", f"sqlite:///{tmp_path / 'x.sqlite'}")
    assert result.returncode == 1
    assert "not a mipcrawl WARC" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.postgres
def test_reparse_into_postgresql_reproduces_the_sqlite_run(crawled, replica_small_site, pg_schema_url):
    from sqlalchemy import create_engine, text

    work, db_path, runs = crawled
    result = mipcrawl("reparse", "--run", "1", "--data-dir", str(work), "--db", pg_schema_url, "--no-progress")
    assert result.returncode == 0, result.stderr[-2000:]
    engine = create_engine(pg_schema_url)
    try:
        with engine.connect() as conn:
            replayed = dict(conn.execute(text("select url, content_hash from event")).all())
    finally:
        engine.dispose()
    assert replayed == events(db_path, 2024) and len(replayed) == listed(replica_small_site, 2024)
