"""Transient faults (issue 7): 503s, responses cut short and connection resets are retried.

The small replica is served with the issue's fault rates (``--flaky-rate 0.1
--truncate-rate 0.05 --reset-rate 0.05``: the first request to a chosen path fails); every
edition is crawled once with the real CLI. Every run must be healthy, every listed event
stored once with the truth's title and status (so no half page was parsed), and each fault
the server fired must show up as one retry in the stored run stats.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from urllib.parse import urlsplit

import pytest

import replica

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

FAULTS = {"flaky_rate": 0.1, "truncate_rate": 0.05, "reset_rate": 0.05}


@pytest.fixture(scope="module")
def faulty_crawl(replica_small_site, tmp_path_factory):
    work = tmp_path_factory.mktemp("faults")
    db_path = work / "db.sqlite"
    with replica.serve(replica_small_site, **FAULTS) as base_url:
        crawl = subprocess.run(
            [sys.executable, "-m", "mipcrawl.cli", "crawl", "programme", "--base-url", base_url,
             "--db", f"sqlite:///{db_path}", "--data-dir", str(work), "--no-progress"],
            capture_output=True, text=True, timeout=600, env={**os.environ})
        served = replica.stats(base_url)
    with sqlite3.connect(db_path) as conn:
        runs = [(status, json.loads(stats)) for status, stats in conn.execute("select status, stats from crawl_run")]
        events = conn.execute("select url, title, status, edition from event").fetchall()
    truth = [json.loads(line) for line in (replica_small_site / "_truth" / "events.jsonl").read_text().splitlines()]
    return crawl, served, runs, events, truth, work


def test_every_fault_kind_fired(faulty_crawl):
    _, served, *_ = faulty_crawl
    assert all(served["faults"][kind] > 0 for kind in ("flaky", "truncate", "reset")), served["faults"]


def test_the_crawl_completes_healthy(faulty_crawl):
    crawl, _, runs, *_ = faulty_crawl
    assert crawl.returncode == 0, crawl.stderr[-2000:]
    assert [status for status, _ in runs] == ["healthy"] * 8


def test_every_event_is_stored_once_and_correct(faulty_crawl):
    _, _, _, events, truth, _ = faulty_crawl
    paths = Counter(urlsplit(url).path for url, *_ in events)
    assert [p for p, n in paths.items() if n > 1] == []
    expected = {t["path"]: (t["title"], t["status"], t["edition"]) for t in truth if t["listed"]}
    stored = {urlsplit(url).path: (title, status, edition) for url, title, status, edition in events}
    assert stored == expected


def test_each_fault_is_one_retry_in_the_run_stats(faulty_crawl):
    _, served, runs, *_ = faulty_crawl
    retries = sum(stats.get("retry/count", 0) for _, stats in runs)
    assert retries == served["faults"]["flaky"] + served["faults"]["truncate"] + served["faults"]["reset"]
    cut = sum(stats.get("retry/reason_count/scrapy.exceptions.ResponseDataLossError", 0) for _, stats in runs)
    assert cut == served["faults"]["truncate"]   # a response cut short is retried, not parsed
    assert sum(stats.get("retry/max_reached", 0) for _, stats in runs) == 0


def test_the_warc_holds_every_answer_including_the_503s(faulty_crawl):
    from warcio.archiveiterator import ArchiveIterator

    work, _, runs = faulty_crawl[5], faulty_crawl[1], faulty_crawl[2]
    for _, stats in runs:
        with (work / "archive" / stats["mipcrawl/archive/file"]).open("rb") as fh:
            statuses = Counter(r.http_headers.get_statuscode() for r in ArchiveIterator(fh)
                               if r.rec_type in ("response", "revisit"))
        assert sum(statuses.values()) == stats["downloader/response_count"]
        assert statuses.get("503", 0) == stats.get("retry/reason_count/503 Service Unavailable", 0)


def test_retries_back_off_exponentially(faulty_crawl):
    from scrapy.spiders import Spider
    from scrapy.utils.test import get_crawler

    from mipcrawl.middlewares.download import BackoffRetryMiddleware

    mw = BackoffRetryMiddleware.from_crawler(get_crawler(Spider, {"MIPCRAWL_RETRY_BACKOFF": 0.5,
                                                                 "MIPCRAWL_RETRY_BACKOFF_MAX": 3.0}))
    assert [mw.delay(n) for n in (1, 2, 3, 4, 5)] == [0.5, 1.0, 2.0, 3.0, 3.0]
    _, _, runs, *_ = faulty_crawl
    retries = sum(stats.get("retry/count", 0) for _, stats in runs)
    waited = sum(stats.get("mipcrawl/retry/backoff_seconds", 0) for _, stats in runs)
    assert waited >= 0.5 * retries > 0
