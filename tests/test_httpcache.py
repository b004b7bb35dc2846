"""The SQLite HTTP cache storage (mipcrawl/middlewares/httpcache.py): what goes in comes back, expiry,
and two crawls (two processes) writing one cache file at once."""

from __future__ import annotations

import logging
import multiprocessing
import sqlite3
import time

import pytest
from scrapy import Request, Spider
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.utils.test import get_crawler

from mipcrawl.middlewares.httpcache import SqliteCacheStorage

BASE = "http://127.0.0.1:9"


def open_storage(cachedir, expiration: int = 0, name: str = "programme"):
    crawler = get_crawler(Spider, {"HTTPCACHE_DIR": str(cachedir), "HTTPCACHE_EXPIRATION_SECS": expiration})
    spider = Spider.from_crawler(crawler, name=name)
    storage = SqliteCacheStorage(crawler.settings)
    storage.open_spider(spider)
    return storage, spider


@pytest.mark.parametrize(("headers", "body", "cls"), [
    ({"Content-Type": "text/html; charset=utf-8", "ETag": '"abc"',
      "Last-Modified": "Tue, 10 Dec 2024 07:00:00 GMT"}, "<h1>Atelier à Lyon</h1>".encode(), HtmlResponse),
    ({"Content-Type": "application/json"}, b'{"a": 1}', TextResponse),
    ({"Content-Type": "application/pdf"}, bytes(range(256)), Response),
    ({}, b"", TextResponse),   # Scrapy's own guess for an empty, untyped body
])  # the class Scrapy would have built from the network: a PDF is no text
def test_a_stored_response_comes_back_whole(tmp_path, headers, body, cls):
    storage, spider = open_storage(tmp_path)
    request = Request(f"{BASE}/mois-de-linnovation-publique/atelier")
    storage.store_response(spider, request, Response(request.url, status=200, headers=headers, body=body))
    got = storage.retrieve_response(spider, Request(request.url))
    assert isinstance(got, cls)
    assert isinstance(got, TextResponse) == issubclass(cls, TextResponse)
    assert (got.url, got.status, got.body) == (request.url, 200, body)
    for name, value in headers.items():
        assert got.headers.get(name) == value.encode()
    storage.close_spider(spider)


def test_repeated_headers_and_statuses_are_kept(tmp_path):
    storage, spider = open_storage(tmp_path)
    request = Request(f"{BASE}/old")
    response = Response(request.url, status=301, headers={"Location": f"{BASE}/new"})
    response.headers.appendlist("Set-Cookie", "a=1")
    response.headers.appendlist("Set-Cookie", "b=2")
    storage.store_response(spider, request, response)
    got = storage.retrieve_response(spider, request)
    assert got.status == 301
    assert got.headers.getlist("Set-Cookie") == [b"a=1", b"b=2"]


def test_unknown_requests_and_other_methods_are_misses(tmp_path):
    storage, spider = open_storage(tmp_path)
    request = Request(f"{BASE}/a")
    storage.store_response(spider, request, Response(request.url, body=b"x"))
    assert storage.retrieve_response(spider, Request(f"{BASE}/b")) is None
    assert storage.retrieve_response(spider, Request(f"{BASE}/a", method="POST")) is None


def test_a_store_replaces_the_previous_copy(tmp_path):
    storage, spider = open_storage(tmp_path)
    request = Request(f"{BASE}/a")
    storage.store_response(spider, request, Response(request.url, body=b"old"))
    storage.store_response(spider, request, Response(request.url, body=b"new"))
    assert storage.retrieve_response(spider, request).body == b"new"
    rows = sqlite3.connect(tmp_path / "programme.sqlite").execute("SELECT count(*) FROM responses").fetchone()
    assert rows == (1,)


def test_the_cache_survives_a_new_run(tmp_path):
    storage, spider = open_storage(tmp_path)
    request = Request(f"{BASE}/a")
    storage.store_response(spider, request, Response(request.url, body=b"kept"))
    storage.close_spider(spider)
    again, spider2 = open_storage(tmp_path)
    assert again.retrieve_response(spider2, request).body == b"kept"


def test_expired_entries_are_misses(tmp_path):
    storage, spider = open_storage(tmp_path, expiration=60)
    fresh, stale = Request(f"{BASE}/fresh"), Request(f"{BASE}/stale")
    for request in (fresh, stale):
        storage.store_response(spider, request, Response(request.url, body=b"x"))
    storage.conn.execute("UPDATE responses SET stored_at = ? WHERE url = ?", (time.time() - 3600, stale.url))
    assert storage.retrieve_response(spider, fresh) is not None
    assert storage.retrieve_response(spider, stale) is None


def test_each_spider_has_its_own_file(tmp_path):
    programme, p_spider = open_storage(tmp_path, name="programme")
    labs, l_spider = open_storage(tmp_path, name="labs")
    request = Request(f"{BASE}/a")
    programme.store_response(p_spider, request, Response(request.url, body=b"p"))
    assert labs.retrieve_response(l_spider, request) is None
    assert sorted(p.name for p in tmp_path.glob("*.sqlite")) == ["labs.sqlite", "programme.sqlite"]


def test_an_old_filesystem_cache_is_pointed_out(tmp_path, caplog):
    (tmp_path / "programme" / "ab").mkdir(parents=True)
    with caplog.at_level(logging.INFO, logger="mipcrawl.middlewares.httpcache"):
        open_storage(tmp_path)
    assert "can be deleted" in caplog.text and str(tmp_path / "programme") in caplog.text


def _writer(cachedir: str, prefix: str, n: int) -> None:
    storage, spider = open_storage(cachedir)
    for i in range(n):
        request = Request(f"{BASE}/{prefix}/{i}")
        storage.store_response(spider, request, Response(request.url, body=f"{prefix}{i}".encode() * 500))
    storage.close_spider(spider)


def test_two_processes_write_one_cache_at_once(tmp_path):
    """Two crawls of different editions may run at once: neither fails, nothing is lost."""
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), name, 300)) for name in ("a", "b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    storage, spider = open_storage(tmp_path)
    for name in ("a", "b"):
        for i in (0, 151, 299):
            assert storage.retrieve_response(spider, Request(f"{BASE}/{name}/{i}")).body == f"{name}{i}".encode() * 500
    assert storage.conn.execute("SELECT count(*) FROM responses").fetchone() == (600,)


@pytest.mark.parametrize("content", [b"not a database at all" * 100, b"SQLite format 3\x00" + b"\x00" * 50])
def test_a_broken_cache_file_is_set_aside_not_fatal(tmp_path, caplog, content):
    (tmp_path / "programme.sqlite").write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="mipcrawl.middlewares.httpcache"):
        storage, spider = open_storage(tmp_path)
    kept = list(tmp_path.glob("programme.sqlite.broken-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == content   # nothing destroyed
    assert "unreadable" in caplog.text
    assert spider.crawler.stats.get_value("mipcrawl/httpcache/broken_cache_set_aside") == 1
    request = Request(f"{BASE}/a")
    storage.store_response(spider, request, Response(request.url, body=b"x"))
    assert storage.retrieve_response(spider, request).body == b"x"


def test_a_cache_with_another_schema_is_set_aside(tmp_path):
    conn = sqlite3.connect(tmp_path / "programme.sqlite")
    conn.execute("CREATE TABLE responses (key TEXT)")
    conn.commit()
    conn.close()
    storage, spider = open_storage(tmp_path)
    assert len(list(tmp_path.glob("programme.sqlite.broken-*"))) == 1
    request = Request(f"{BASE}/a")
    storage.store_response(spider, request, Response(request.url, body=b"x"))
    assert storage.retrieve_response(spider, request).body == b"x"


def test_an_unusable_cache_place_means_a_crawl_without_cache(tmp_path, caplog):
    (tmp_path / "a-file").write_text("x")
    with caplog.at_level(logging.WARNING, logger="mipcrawl.middlewares.httpcache"):
        storage, spider = open_storage(tmp_path / "a-file" / "cache")
    assert "HTTP cache unavailable" in caplog.text
    assert spider.crawler.stats.get_value("mipcrawl/httpcache/unavailable") == 1
    request = Request(f"{BASE}/a")
    storage.store_response(spider, request, Response(request.url, body=b"x"))   # no-op, no error
    assert storage.retrieve_response(spider, request) is None


def test_a_store_that_fails_stops_the_cache_not_the_crawl(tmp_path, caplog):
    storage, spider = open_storage(tmp_path)
    storage.conn.execute("DROP TABLE responses")            # what a full disk or a removed file would do
    request = Request(f"{BASE}/a")
    with caplog.at_level(logging.WARNING, logger="mipcrawl.middlewares.httpcache"):
        storage.store_response(spider, request, Response(request.url, body=b"x"))
    assert "stopped" in caplog.text and storage.conn is None
    assert storage.retrieve_response(spider, request) is None


def test_a_lookup_that_fails_is_a_miss_and_stops_the_cache(tmp_path):
    storage, spider = open_storage(tmp_path)
    storage.conn.execute("DROP TABLE responses")
    assert storage.retrieve_response(spider, Request(f"{BASE}/a")) is None
    assert storage.conn is None and spider.crawler.stats.get_value("mipcrawl/httpcache/unavailable") == 1



class _LockedOnce:
    """A connection whose first statement fails as another crawl's lock would make it fail."""

    failures = 1

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, *args):
        if _LockedOnce.failures:
            _LockedOnce.failures -= 1
            raise sqlite3.OperationalError("database is locked")
        return self.conn.execute(*args)

    def __getattr__(self, name):
        return getattr(self.conn, name)


def test_a_cache_locked_by_another_crawl_is_retried_not_set_aside(tmp_path, monkeypatch, caplog):
    """"database is locked" while opening (two crawls switching one file to WAL at once) is
    waited out: the file is not taken for a broken one and renamed away under the other crawl."""
    first, spider = open_storage(tmp_path)
    request = Request(f"{BASE}/kept")
    first.store_response(spider, request, Response(request.url, body=b"kept"))
    first.close_spider(spider)
    connect = sqlite3.connect
    _LockedOnce.failures = 1
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: _LockedOnce(connect(*a, **k)))
    with caplog.at_level(logging.WARNING, logger="mipcrawl.middlewares.httpcache"):
        second, spider = open_storage(tmp_path)
    assert _LockedOnce.failures == 0 and second.conn is not None
    assert second.retrieve_response(spider, Request(request.url)).body == b"kept"
    assert not list(tmp_path.glob("*.broken-*")) and not caplog.text
