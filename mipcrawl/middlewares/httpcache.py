"""The HTTP cache behind conditional requests, in one SQLite file per spider.

Scrapy's ``FilesystemCacheStorage`` writes a directory and six files per response. On the
machines this project runs on that cost ~4 ms a page (mkdir + six opens on ext4), more than
fetching and extracting the page: measured in ``bench/bench_crawl.py``. ``DbmCacheStorage``
is one file, but a dbm file is not safe when two crawls (two editions, two processes) write
it at once, which the edition locks allow.

SQLite is both: one file, ``<HTTPCACHE_DIR>/<spider>.sqlite``, in WAL mode so readers never
wait, every store its own short transaction (~70 µs with ``synchronous=NORMAL``), and a
busy timeout so a second crawl writing the same file waits its turn instead of failing. A
crash loses at most the last store, and a lost cache entry only costs a full ``200`` next
time instead of a ``304``. Headers are kept in Scrapy's raw form and the body as bytes, no
pickle: the file can be read by anything that reads SQLite.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path
from typing import Any

from scrapy.http import Headers
from scrapy.responsetypes import responsetypes
from scrapy.utils.python import to_unicode
from w3lib.http import headers_raw_to_dict

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    fingerprint BLOB PRIMARY KEY,
    url TEXT NOT NULL,
    status INTEGER NOT NULL,
    headers BLOB NOT NULL,
    body BLOB NOT NULL,
    stored_at REAL NOT NULL
)"""
BUSY_TIMEOUT_S = 60.0


def _busy(exc: sqlite3.OperationalError) -> bool:
    return getattr(exc, "sqlite_errorcode", None) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or (
        "locked" in str(exc) or "busy" in str(exc))


class SqliteCacheStorage:
    """A Scrapy ``HTTPCACHE_STORAGE``: ``open_spider``, ``retrieve_response``,
    ``store_response``, ``close_spider``. Honours ``HTTPCACHE_DIR`` and
    ``HTTPCACHE_EXPIRATION_SECS`` (0: never expires) like Scrapy's own storages."""

    def __init__(self, settings: Any) -> None:
        self.cachedir = Path(settings["HTTPCACHE_DIR"])
        self.expiration_secs = settings.getint("HTTPCACHE_EXPIRATION_SECS")
        self.conn: sqlite3.Connection | None = None

    def open_spider(self, spider: Any) -> None:
        self.path = self.cachedir / f"{spider.name}.sqlite"
        try:
            self.cachedir.mkdir(parents=True, exist_ok=True)
            self.conn = self._open(spider)
        except (OSError, sqlite3.Error) as exc:   # unwritable place, full disk…: crawl without it
            log.warning("HTTP cache unavailable at %s (%s): this crawl fetches every page in full",
                        self.path, exc)
            spider.crawler.stats.inc_value("mipcrawl/httpcache/unavailable")
            self.conn = None
        self._fingerprinter = spider.crawler.request_fingerprinter
        old = self.cachedir / spider.name
        if old.is_dir():
            log.info("HTTP cache: %s (Scrapy's filesystem storage, which earlier mipcrawl used) is no "
                     "longer read and can be deleted; the cache is now %s", old, self.path)
        log.debug("HTTP cache in %s", self.path)

    def _open(self, spider: Any) -> sqlite3.Connection:
        """The cache file; one that is not a database or is damaged is set aside (renamed
        ``.broken-<time>``, counted) and a fresh one started."""
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            if not self.path.exists() or (isinstance(exc, sqlite3.OperationalError) and _busy(exc)):
                raise   # still locked by another crawl after the timeout: not a broken file
            kept = self.path.with_name(f"{self.path.name}.broken-{time.strftime('%Y%m%dT%H%M%S')}")
            for suffix in ("", "-wal", "-shm"):
                part = Path(f"{self.path}{suffix}")
                if part.exists():
                    part.rename(f"{kept}{suffix}")
            log.warning("HTTP cache %s unreadable (%s): kept as %s, starting an empty cache "
                        "(this crawl fetches every page in full)", self.path, exc, kept.name)
            spider.crawler.stats.inc_value("mipcrawl/httpcache/broken_cache_set_aside")
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        """Open the file, switch it to WAL and make the table. Two crawls opening one file at
        once can get "database is locked" without SQLite's busy wait (the WAL switch, a read
        upgraded to a write): that is retried until the busy timeout, never taken for damage."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                   check_same_thread=False)
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("BEGIN IMMEDIATE")   # the write lock first, with the busy wait
                conn.execute(SCHEMA)
                conn.execute("COMMIT")
                conn.execute("SELECT fingerprint, url, status, headers, body, stored_at FROM responses LIMIT 1")
                return conn
            except sqlite3.OperationalError as exc:
                conn.close()
                if not _busy(exc) or time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)
            except sqlite3.DatabaseError:
                conn.close()
                raise

    def close_spider(self, spider: Any) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def retrieve_response(self, spider: Any, request: Any) -> Any:
        if self.conn is None:    # no cache this crawl
            return None
        try:
            row = self.conn.execute(
                "SELECT url, status, headers, body, stored_at FROM responses WHERE fingerprint = ?",
                (self._fingerprinter.fingerprint(request),)).fetchone()
        except sqlite3.Error as exc:
            self._stop(spider, exc)
            return None
        if row is None:
            return None
        url, status, raw_headers, body, stored_at = row
        if 0 < self.expiration_secs < time.time() - stored_at:
            return None
        headers = Headers(headers_raw_to_dict(bytes(raw_headers)))
        body = bytes(body)
        respcls = responsetypes.from_args(headers=headers, url=url, body=body)
        return respcls(url=to_unicode(url), headers=headers, status=status, body=body)

    def store_response(self, spider: Any, request: Any, response: Any) -> None:
        if self.conn is None:
            return
        try:
            self.conn.execute(
                "INSERT OR REPLACE INTO responses (fingerprint, url, status, headers, body, stored_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (self._fingerprinter.fingerprint(request), response.url, response.status,
                 response.headers.to_string(), response.body, time.time()))
        except sqlite3.Error as exc:
            self._stop(spider, exc)

    def _stop(self, spider: Any, exc: Exception) -> None:
        """A cache that fails mid-crawl (disk full, file removed…) stops; the pages do not."""
        log.warning("HTTP cache %s stopped (%s): the rest of this crawl is not cached", self.path, exc)
        spider.crawler.stats.inc_value("mipcrawl/httpcache/unavailable")
        self.close_spider(spider)
