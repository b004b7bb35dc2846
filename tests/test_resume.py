"""``mipcrawl crawl --resume`` (issue 7): a crawl killed with SIGKILL mid-way, then resumed.

The replica answers slowly (``slow_ms``) so the crawl of one edition takes a few seconds;
the store flushes every 5 events so the kill lands after some events were stored. The
resumed crawl must finish healthy with exactly the edition's events, once each; the
killed run must end up failed, not "running".
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest

import replica
from mipcrawl.middlewares.resume import QUEUE_DIR, QUEUE_INDEX, prepare_job_dir

EDITION = 2024


def crawl_cmd(base_url: str, work) -> list[str]:
    return [sys.executable, "-m", "mipcrawl.cli", "crawl", "programme", "--edition", str(EDITION), "--resume",
            "--base-url", base_url, "--db", f"sqlite:///{work / 'db.sqlite'}", "--data-dir", str(work),
            "--no-progress", "-s", "MIPCRAWL_STORE_BATCH_SIZE=5", "-s", "CONCURRENT_REQUESTS=2"]


def stored(work) -> int:
    try:
        with sqlite3.connect(work / "db.sqlite", timeout=1) as conn:
            return conn.execute("select count(*) from event").fetchone()[0]
    except sqlite3.OperationalError:   # not created yet
        return 0


@pytest.mark.e2e
@pytest.mark.slow
def test_a_killed_crawl_resumes_to_the_same_events_without_duplicates(replica_small_site, tmp_path):
    truth = [json.loads(line) for line in (replica_small_site / "_truth" / "events.jsonl").read_text().splitlines()]
    expected = {t["path"]: t["title"] for t in truth if t["edition"] == EDITION and t["listed"]}
    with replica.serve(replica_small_site, slow_ms=100) as base_url:
        killed = subprocess.Popen(crawl_cmd(base_url, tmp_path), stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, env={**os.environ})
        deadline = time.monotonic() + 120
        while stored(tmp_path) < 10 and killed.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert killed.poll() is None, "the crawl ended before it could be killed"
        os.kill(killed.pid, signal.SIGKILL)
        killed.wait()
        partial = stored(tmp_path)
        assert 10 <= partial < len(expected)
        assert (tmp_path / "jobs" / f"programme-{EDITION}").is_dir()

        resumed = subprocess.run(crawl_cmd(base_url, tmp_path), capture_output=True, text=True, timeout=600,
                                 env={**os.environ})
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    with sqlite3.connect(tmp_path / "db.sqlite") as conn:
        runs = conn.execute("select status, reason, new, unchanged from crawl_run order by id").fetchall()
        events = conn.execute("select url, title from event").fetchall()
    assert [r[0] for r in runs] == ["failed", "healthy"]
    assert "crashed or killed" in runs[0][1]
    assert runs[1][2] + runs[1][3] == len(expected)         # the resumed run saw every event
    assert runs[1][3] >= partial                             # what the killed run stored: 304, not parsed
    paths = [urlsplit(url).path for url, _ in events]
    assert len(paths) == len(set(paths))
    assert {urlsplit(url).path: title for url, title in events} == expected
    assert not (tmp_path / "jobs" / f"programme-{EDITION}").exists()   # a finished job is forgotten


@pytest.mark.e2e
@pytest.mark.slow
def test_a_cleanly_stopped_crawl_resumes_from_its_saved_queue(replica_small, tmp_path):
    """Stopped by CLOSESPIDER_ITEMCOUNT: Scrapy saves its queue; the resumed crawl uses it."""
    base_url, site = replica_small
    truth = [json.loads(line) for line in (site / "_truth" / "events.jsonl").read_text().splitlines()]
    expected = {t["path"]: t["title"] for t in truth if t["edition"] == EDITION and t["listed"]}
    stopped = subprocess.run(crawl_cmd(base_url, tmp_path) + ["-s", "CLOSESPIDER_ITEMCOUNT=12"],
                             capture_output=True, text=True, timeout=600, env={**os.environ})
    assert stopped.returncode == 3, stopped.stderr[-2000:]          # partial: did not finish
    assert (tmp_path / "jobs" / f"programme-{EDITION}" / QUEUE_DIR / QUEUE_INDEX).is_file()
    resumed = subprocess.run(crawl_cmd(base_url, tmp_path), capture_output=True, text=True, timeout=600,
                             env={**os.environ})
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    logs = "".join(p.read_text() for p in (tmp_path / "logs").glob("*.log"))
    assert "from its saved queue" in logs
    with sqlite3.connect(tmp_path / "db.sqlite") as conn:
        runs = conn.execute("select status, new, unchanged from crawl_run order by id").fetchall()
        events = conn.execute("select url, title from event").fetchall()
    assert [r[0] for r in runs] == ["partial", "healthy"]
    assert runs[1][1] + runs[1][2] == len(expected)
    assert len(events) == len({u for u, _ in events}) == len(expected)
    assert {urlsplit(url).path: title for url, title in events} == expected
    assert not (tmp_path / "jobs" / f"programme-{EDITION}").exists()


def test_prepare_job_dir_drops_a_queue_left_by_a_kill_and_keeps_a_clean_one(tmp_path):
    killed, stopped = tmp_path / "killed", tmp_path / "stopped"
    for job in (killed, stopped):
        (job / QUEUE_DIR / "p0").mkdir(parents=True)
        (job / QUEUE_DIR / "p0" / "q00000").write_bytes(b"half-written")
    (stopped / QUEUE_DIR / QUEUE_INDEX).write_text("[0]")
    assert "not closed cleanly" in prepare_job_dir(killed)
    assert not (killed / QUEUE_DIR).exists()
    assert prepare_job_dir(stopped) is None
    assert (stopped / QUEUE_DIR / "p0" / "q00000").exists()
