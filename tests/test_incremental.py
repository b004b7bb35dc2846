"""Incremental crawling (issue 7): conditional requests, 304s not parsed, past editions not re-fetched.

Unit tests build the components the Scrapy way; the end-to-end tests crawl the small
replica (40 events per edition) over loopback with the real CLI, twice, and read the
server's own counters (``/_replica/stats``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys

import pytest
from scrapy import Request, Spider
from scrapy.exceptions import NotConfigured
from scrapy.extensions.httpcache import RFC2616Policy
from scrapy.http import HtmlResponse, Response
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

import replica
from mipcrawl.editions import EDITIONS
from mipcrawl.items import DETAIL, UNCHANGED, EventItem, UnchangedPage
from mipcrawl.middlewares.incremental import (
    KnownEvents,
    NotModifiedMiddleware,
    PastEditionsMiddleware,
    RevalidatingPolicy,
)
from spiders.programme import ProgrammeSpider

BASE = "http://127.0.0.1:9"
ETAG = '"04b80643718017c0c00b"'
LAST_MODIFIED = "Tue, 10 Dec 2024 07:00:00 GMT"


def mipcrawl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mipcrawl.cli", *args], capture_output=True, text=True,
                          timeout=600, env={**os.environ})


def cached_page(url: str) -> HtmlResponse:
    headers = {"ETag": ETAG, "Last-Modified": LAST_MODIFIED, "Cache-Control": "no-cache",
               "Date": "Thu, 26 Nov 2026 16:00:00 GMT"}
    return HtmlResponse(url, body=b"<html></html>", headers=headers)


# -- the cache policy ---------------------------------------------------------------------

def test_scrapy_policy_sends_no_validators_for_a_no_cache_page():
    """Why ``RevalidatingPolicy`` exists: Scrapy's own policy would never get a 304 here."""
    request = Request(BASE + "/p")
    assert RFC2616Policy(Settings()).is_cached_response_fresh(cached_page(request.url), request) is False
    assert b"If-None-Match" not in request.headers


def test_revalidating_policy_sends_etag_and_last_modified_for_a_no_cache_page():
    request = Request(BASE + "/p")
    assert RevalidatingPolicy(Settings()).is_cached_response_fresh(cached_page(request.url), request) is False
    assert request.headers[b"If-None-Match"] == ETAG.encode()
    assert request.headers[b"If-Modified-Since"] == LAST_MODIFIED.encode()


# -- the middlewares ----------------------------------------------------------------------

def programme_crawler(**settings):
    extensions = {"mipcrawl.middlewares.incremental.KnownEvents": 100}
    return get_crawler(Spider, {"MIPCRAWL_DATABASE_URL": "sqlite://", "EXTENSIONS": extensions, **settings})


def known(urls: dict[str, int]) -> KnownEvents:
    out = KnownEvents("sqlite://")
    out.editions = urls
    return out


@pytest.fixture
def spider() -> ProgrammeSpider:
    return ProgrammeSpider(edition="2024")


def detail(spider, path: str, edition: int = 2024) -> Request:
    """An event page's request, as the programme spider makes it."""
    return Request(BASE + path, callback=spider.parse_event, meta={DETAIL: True},
                   cb_kwargs={"listing_url": BASE + "/l", "edition_hint": edition})


@pytest.mark.parametrize(("path", "status", "listing", "flagged"), [
    ("/known", 304, False, True),        # a stored event, not modified: not parsed again
    ("/unknown", 304, False, False),     # not in this database: parsed from the cached body
    ("/known", 200, False, False),       # changed: parsed
    ("/known", 304, True, False),        # a listing: always parsed (its links matter)
])
def test_not_modified_middleware_flags_only_a_304_of_a_stored_event(spider, path, status, listing, flagged):
    mw = NotModifiedMiddleware(known({BASE + "/known": 2024}), programme_crawler().stats)
    request = Request(BASE + path, callback=spider.parse_listing) if listing else detail(spider, path)
    out = mw.process_response(request, Response(request.url, status=status, request=request))
    assert out.status == status
    assert bool(request.meta.get(UNCHANGED)) is flagged


def test_the_spider_marks_event_page_requests_and_only_those(spider):
    spider.base_url = BASE
    body = (b'<html><main><h1>Programme 2024</h1><ul><li><a href="/mois-de-linnovation-publique/atelier">'
            b"Atelier</a></li></ul></main></html>")
    listing = HtmlResponse(BASE + EDITIONS[2024].listing_path, body=body)
    out = list(spider.parse_listing(listing, EDITIONS[2024]))
    requests = [o for o in out if isinstance(o, Request)]
    assert [r.url for r in requests if r.meta.get(DETAIL)] == [BASE + "/mois-de-linnovation-publique/atelier"]
    assert all(not r.meta.get(DETAIL) for r in requests if r.callback != spider.parse_event)


def test_programme_spider_yields_unchanged_page_for_a_flagged_response(spider):
    request = detail(spider, "/known")
    request.meta[UNCHANGED] = True
    response = HtmlResponse(request.url, body=b"<html><h1>not parsed</h1></html>", request=request)
    assert list(spider.parse_event(response, **request.cb_kwargs)) == [
        UnchangedPage(url=request.url, edition_hint=2024)]


def test_past_editions_middleware_turns_known_past_details_into_unchanged_pages(spider):
    stats = programme_crawler().stats
    mw = PastEditionsMiddleware(known({BASE + "/past": 2024, BASE + "/live": 2026}), stats,
                                today=lambda: dt.date(2026, 11, 26))
    item = EventItem(url=BASE + "/x")
    output = [detail(spider, "/past"), detail(spider, "/live", 2026), detail(spider, "/new"),
              Request(BASE + "/past", callback=spider.parse_listing), item]
    result = list(mw.process_spider_output(None, output))
    assert result[0] == UnchangedPage(url=BASE + "/past", edition_hint=2024, reason="past edition")
    assert result[1:] == output[1:]
    assert stats.get_value("mipcrawl/incremental/past_not_fetched") == 1


@pytest.mark.parametrize(("refresh", "flagged"), [(False, True), (True, False)])
def test_refresh_parses_every_304_again(spider, monkeypatch, refresh, flagged):
    monkeypatch.setattr("mipcrawl.middlewares.incremental.known_events", lambda url, editions, version=None, origin=None: {BASE + "/known": 2024})
    crawler = programme_crawler(MIPCRAWL_REFRESH=refresh)
    crawler.get_extension(KnownEvents).spider_opened(spider)
    mw = NotModifiedMiddleware.from_crawler(crawler)
    request = detail(spider, "/known")
    mw.process_response(request, Response(request.url, status=304, request=request))
    assert bool(request.meta.get(UNCHANGED)) is flagged


def test_refresh_and_the_switch_turn_the_components_off():
    assert programme_crawler(MIPCRAWL_INCREMENTAL_ENABLED=False).get_extension(KnownEvents) is None
    with pytest.raises(NotConfigured):
        PastEditionsMiddleware.from_crawler(programme_crawler(MIPCRAWL_REFRESH=True))
    with pytest.raises(NotConfigured):
        NotModifiedMiddleware.from_crawler(programme_crawler(MIPCRAWL_INCREMENTAL_ENABLED=False))


def test_the_known_events_are_read_once_per_spider_for_both_middlewares(spider, monkeypatch):
    calls = []
    monkeypatch.setattr("mipcrawl.middlewares.incremental.known_events",
                        lambda url, editions, version=None, origin=None: calls.append(editions) or {BASE + "/known": 2024})
    crawler = programme_crawler()
    not_modified, past = NotModifiedMiddleware.from_crawler(crawler), PastEditionsMiddleware.from_crawler(crawler)
    crawler.get_extension(KnownEvents).spider_opened(spider)
    assert calls == [[2024]]   # the spider's edition
    assert not_modified.known is past.known and BASE + "/known" in past.known


# -- end to end against the replica -----------------------------------------------------------

def runs(db_path) -> list[dict]:
    with sqlite3.connect(db_path) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute("select * from crawl_run order by id")]


def count(db_path, sql: str) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql).fetchone()[0]


@pytest.fixture(scope="module")
def two_crawls(replica_small_site, tmp_path_factory):
    """Crawl every edition of the small replica twice (unchanged site), then 2024 with --refresh."""
    work = tmp_path_factory.mktemp("incremental")
    db_path = work / "db.sqlite"
    args = ["--db", f"sqlite:///{db_path}", "--data-dir", str(work), "--no-progress"]
    out = {}
    with replica.serve(replica_small_site) as base_url:
        for name, extra in (("first", []), ("second", []), ("refresh", ["--edition", "2024", "--refresh"])):
            replica.reset_stats(base_url)
            revisions = count(db_path, "select count(*) from event_revision") if name != "first" else 0
            crawl = mipcrawl("crawl", "programme", "--base-url", base_url, *args, *extra)
            assert crawl.returncode == 0, crawl.stderr[-2000:]
            out[name] = {"stats": replica.stats(base_url), "runs": runs(db_path),
                         "revisions_before": revisions,
                         "revisions_after": count(db_path, "select count(*) from event_revision")}
    return db_path, out


@pytest.mark.e2e
@pytest.mark.slow
def test_second_crawl_of_an_unchanged_site_is_answered_304(two_crawls):
    _, out = two_crawls
    first, second = out["first"]["stats"], out["second"]["stats"]
    share = second["not_modified"] / second["requests"]
    print(f"\nfirst crawl: {first['requests']} requests; second: {second['requests']}, {share:.1%} 304")
    # a fresh cache: only robots.txt (fetched by each edition's crawler) is revalidated
    assert first["not_modified"] == first["paths"]["/robots.txt"]["not_modified"]
    assert share >= 0.95
    assert second["requests"] < first["requests"]   # finished editions' details not re-fetched


@pytest.mark.e2e
@pytest.mark.slow
def test_second_crawl_stores_nothing_new_and_sees_every_event(two_crawls):
    db_path, out = two_crawls
    second = [r for r in out["second"]["runs"] if r["id"] > max(r["id"] for r in out["first"]["runs"])]
    assert len(second) == 8 and {r["status"] for r in second} == {"healthy"}
    assert sum(r["new"] + r["changed"] + r["withdrawn"] + r["errors"] for r in second) == 0
    assert out["second"]["revisions_after"] == out["second"]["revisions_before"]
    stored = count(db_path, "select count(*) from event where status != 'withdrawn'")
    assert sum(r["unchanged"] for r in second) == stored
    stats = [json.loads(r["stats"]) if isinstance(r["stats"], str) else r["stats"] for r in second]
    assert sum(s.get("mipcrawl/incremental/past_not_fetched", 0) for s in stats) > 0
    assert sum(s.get("mipcrawl/items/event", 0) for s in stats) == 0   # nothing parsed again


@pytest.mark.e2e
@pytest.mark.slow
def test_refresh_revalidates_a_finished_editions_detail_pages(two_crawls, replica_small_site):
    db_path, out = two_crawls
    paths = out["refresh"]["stats"]["paths"]
    truth = [json.loads(line) for line in (replica_small_site / "_truth" / "events.jsonl").read_text().splitlines()]
    details_2024 = {t["path"] for t in truth if t["edition"] == 2024 and t["listed"]}
    assert details_2024 <= set(paths)
    assert all(paths[p]["not_modified"] == paths[p]["requests"] for p in details_2024)
    run = out["refresh"]["runs"][-1]
    assert (run["scope"], run["status"], run["new"], run["changed"]) == ("2024", "healthy", 0, 0)
    assert run["unchanged"] == len(details_2024)
    stats = json.loads(run["stats"]) if isinstance(run["stats"], str) else run["stats"]
    assert stats["mipcrawl/items/event"] == len(details_2024)   # parsed again from the cached bodies


@pytest.mark.e2e
@pytest.mark.slow
def test_a_changed_page_is_parsed_again_after_the_304s(replica_small_site, tmp_path):
    """The 2026 edition moves from day 29 to day 30: what changed is stored, like a fresh crawl would."""
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    args = ["--edition", "2026", "--db", db, "--data-dir", str(tmp_path), "--no-progress"]
    with replica.serve(replica_small_site, day=29) as base_url:
        assert mipcrawl("crawl", "programme", "--base-url", base_url, *args).returncode == 0
        replica.set_day(base_url, 30)
        crawl = mipcrawl("crawl", "programme", "--base-url", base_url, *args)
        assert crawl.returncode == 0, crawl.stderr[-2000:]
    second = runs(tmp_path / "db.sqlite")[-1]
    assert second["new"] + second["changed"] + second["withdrawn"] > 0   # day 30 did change things
    truth = [json.loads(line) for line in (replica_small_site / "_truth" / "events.jsonl").read_text().splitlines()]
    with sqlite3.connect(tmp_path / "db.sqlite") as conn:
        stored = dict(conn.execute("select url, title from event where edition = 2026 and status != 'withdrawn'"))
    expected = {t["path"]: t["title"] for t in truth if t["edition"] == 2026 and t["listed"]}
    assert {u.split("/", 3)[-1]: t for u, t in stored.items()} == {p.lstrip("/"): t for p, t in expected.items()}


@pytest.mark.e2e
@pytest.mark.slow
def test_events_read_by_an_older_parser_are_parsed_again_once(replica_small_site, tmp_path):
    """After a parser upgrade the next crawl re-reads the stored events of the older version
    (a finished edition's page revalidated, a 304 parsed from the cache), stamps them with the
    current version, and the crawl after that skips them again."""
    from parsers import PARSER_VERSION

    db_path = tmp_path / "db.sqlite"
    args = ["--edition", "2024", "--db", f"sqlite:///{db_path}", "--data-dir", str(tmp_path), "--no-progress"]

    def stats_of_last_run() -> dict:
        run = runs(db_path)[-1]
        assert run["status"] == "healthy" and run["new"] + run["changed"] + run["withdrawn"] == 0
        return json.loads(run["stats"]) if isinstance(run["stats"], str) else run["stats"]

    with replica.serve(replica_small_site) as base_url:
        assert mipcrawl("crawl", "programme", "--base-url", base_url, *args).returncode == 0
        stored = count(db_path, "select count(*) from event where status != 'withdrawn'")
        with sqlite3.connect(db_path) as conn:
            conn.execute("update event set parser_version = '0.0.1' where id % 2 = 0")
        stale = count(db_path, "select count(*) from event where parser_version = '0.0.1'")
        assert 0 < stale < stored

        revisions = count(db_path, "select count(*) from event_revision")
        assert mipcrawl("crawl", "programme", "--base-url", base_url, *args).returncode == 0
        second = stats_of_last_run()
        assert second["mipcrawl/items/event"] == stale                      # parsed again
        assert second["mipcrawl/incremental/past_not_fetched"] == stored - stale
        assert runs(db_path)[-1]["unchanged"] == stored
        assert count(db_path, "select count(*) from event_revision") == revisions   # same values
        assert count(db_path, f"select count(*) from event where parser_version = '{PARSER_VERSION}'") == stored

        assert mipcrawl("crawl", "programme", "--base-url", base_url, *args).returncode == 0
        third = stats_of_last_run()
        assert third.get("mipcrawl/items/event", 0) == 0
        assert third["mipcrawl/incremental/past_not_fetched"] == stored
