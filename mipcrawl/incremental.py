"""Incremental crawling: a 304 or a finished edition's page costs no re-extraction.

Conditional requests themselves are Scrapy's ``HttpCacheMiddleware`` with ``RFC2616Policy``
(``RevalidatingPolicy`` below fixes its handling of ``no-cache``) and our SQLite storage, ``<data dir>/httpcache/<spider>.sqlite`` (``mipcrawl/httpcache.py``): the
replica and the real site send ``Cache-Control: no-cache`` with an ``ETag`` and a
``Last-Modified``, so every cached page is revalidated with ``If-None-Match`` /
``If-Modified-Since``, and on a 304 the middleware hands the spider the cached 200. The
listing callback needs that body (its links matter), so the cache is the right tool; for
detail pages it would mean parsing an unchanged page again (~2.6 ms each). Two small
components of ours close that gap, both driven by what the database already holds (the
events of the crawled editions, withdrawn ones excluded — ``known_events``):

- ``NotModifiedMiddleware`` (downloader, next to the network, below the cache): a 304
  for a URL the database holds flags the request ``mipcrawl_unchanged``; the programme
  spider then yields ``UnchangedPage`` instead of parsing, and the store counts it seen
  and unchanged. A 304 for a URL the database does not hold (another ``--db``, a reset
  database) is parsed from the cached body as usual, so the cache can never hide an event.
- ``PastEditionsMiddleware`` (spider): a detail request for an event of a finished
  edition (edition year before the current year) that the database holds becomes an
  ``UnchangedPage`` at once — no request at all — unless ``MIPCRAWL_REFRESH`` is set
  (``mipcrawl crawl --refresh``, which also parses every 304 again). The current edition is
  live and always revalidated.

An event stored by an older ``PARSER_VERSION`` is not taken as known by either: the first
crawl after a parser upgrade parses its page again (from the cached body on a 304; a
finished edition's page is revalidated once), stores what the new parser reads (a revision
where a value changed) and its ``parser_version``; later crawls skip it again.

Both are switched by ``MIPCRAWL_INCREMENTAL_ENABLED`` (True); a replay (``mipcrawl
reparse``) turns them off.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from scrapy import Request, signals
from scrapy.exceptions import NotConfigured
from scrapy.extensions.httpcache import RFC2616Policy

from mipcrawl.items import UnchangedPage
from parsers import PARSER_VERSION

log = logging.getLogger(__name__)

DETAIL_CALLBACK = "parse_event"   # the programme spider's detail callback


class RevalidatingPolicy(RFC2616Policy):
    """Scrapy's ``RFC2616Policy``, but a ``Cache-Control: no-cache`` page is revalidated.

    Scrapy's policy returns "not fresh" for ``no-cache`` before it sets the validators, so
    every such request went out without ``If-None-Match`` / ``If-Modified-Since`` and got a
    full 200 (measured on the replica, which sends ``no-cache`` like the real site: 0 % of
    304s). RFC 7234 §5.2.2.2 says ``no-cache`` means "revalidate", so we add the validators."""

    def is_cached_response_fresh(self, cachedresponse: Any, request: Request) -> bool:
        if super().is_cached_response_fresh(cachedresponse, request):
            return True
        self._set_conditional_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(self, cachedresponse: Any, response: Any, request: Request) -> bool:
        """Only a 304 validates the cached copy. Scrapy's policy also serves the cached page
        when the server answers 5xx ("stale if error"), which hid a failing site from the
        retries and from the health gate: a crawl of a site answering 503 everywhere came out
        healthy. A 5xx now goes up to the retry middleware and, if it persists, is counted."""
        return response.status == 304


def utc_today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def known_events(db_url: str, editions: list[int] | None,
                 parser_version: str | None = None) -> dict[str, int | None]:
    """Canonical URL → edition of the stored, not withdrawn events of those editions (all when None).

    With ``parser_version``, only the events whose values that parser version derived: an
    event read by an older parser is not "known", so its page is parsed again (from the
    cached body on a 304) and its values brought up to date once, without ``--refresh``.
    An unreachable or empty database gives ``{}``: nothing is then taken as known."""
    from sqlalchemy import inspect, select

    from models import Event
    from storage.db import make_engine

    try:
        engine = make_engine(db_url)
    except Exception as exc:  # noqa: BLE001 - the store reports the database itself
        log.warning("incremental: database not readable (%s): every page is parsed", exc)
        return {}
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table(Event.__tablename__):
                return {}
            query = select(Event.url, Event.edition, Event.parser_version).where(Event.status != "withdrawn")
            if editions:
                query = query.where(Event.edition.in_(editions))
            known, stale = {}, 0
            for url, edition, version in conn.execute(query):
                if parser_version is None or version == parser_version:
                    known[url] = edition
                else:
                    stale += 1
            if stale:
                log.info("incremental: %d stored events were read by another parser version than %s: "
                         "their pages are parsed again this time", stale, parser_version)
            return known
    except Exception as exc:  # noqa: BLE001
        log.warning("incremental: known events not read (%s): every page is parsed", exc)
        return {}
    finally:
        engine.dispose()


def _crawl_editions(spider: Any) -> list[int] | None:
    editions = getattr(spider, "editions", None)
    return [e.year for e in editions] if editions else None


def _canonical(url: str) -> str | None:
    from storage.urls import canonical_url

    try:
        return canonical_url(url)
    except ValueError:
        return None


def _known_for(spider: Any, db_url: str) -> dict[str, int | None]:
    """``known_events`` for this spider's editions, read once per spider: both middlewares
    ask for it when the spider opens."""
    cached = getattr(spider, "_mipcrawl_known_events", None)
    if cached is None or cached[0] != db_url:
        cached = (db_url, known_events(db_url, _crawl_editions(spider), PARSER_VERSION))
        spider._mipcrawl_known_events = cached
    return cached[1]


class _KnownEventsMixin:
    """Loads the known events once, when the spider opens (after the store opened its run)."""

    known: dict[str, int | None]

    def _setup(self, crawler: Any) -> None:
        s = crawler.settings
        if not s.getbool("MIPCRAWL_INCREMENTAL_ENABLED", True):
            raise NotConfigured("MIPCRAWL_INCREMENTAL_ENABLED is off")
        self.db_url = s.get("MIPCRAWL_DATABASE_URL")
        if not self.db_url:
            raise NotConfigured("no MIPCRAWL_DATABASE_URL")
        self.stats = crawler.stats
        self.known = {}
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    def spider_opened(self, spider: Any) -> None:
        if getattr(spider, "name", None) == "programme":
            self.known = _known_for(spider, self.db_url)

    def is_known(self, url: str) -> bool:
        key = _canonical(url)
        return key is not None and key in self.known


class NotModifiedMiddleware(_KnownEventsMixin):
    """Downloader middleware (below ``HttpCacheMiddleware``): flags a 304 of a stored event.

    With ``MIPCRAWL_REFRESH`` nothing is flagged: every page is parsed again (from the cached
    body on a 304), e.g. to bring a new parser version to pages that did not change."""

    def __init__(self, crawler: Any) -> None:
        self._setup(crawler)
        self.refresh = crawler.settings.getbool("MIPCRAWL_REFRESH", False)

    def spider_opened(self, spider: Any) -> None:
        if not self.refresh:
            super().spider_opened(spider)

    @classmethod
    def from_crawler(cls, crawler: Any) -> NotModifiedMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Any) -> Any:
        if response.status == 304:
            self.stats.inc_value("mipcrawl/incremental/not_modified")
            if getattr(request.callback, "__name__", None) == DETAIL_CALLBACK and self.is_known(request.url):
                request.meta["mipcrawl_unchanged"] = True
                self.stats.inc_value("mipcrawl/incremental/unchanged_not_parsed")
        return response


class PastEditionsMiddleware(_KnownEventsMixin):
    """Spider middleware: a finished edition's stored event is not requested again."""

    def __init__(self, crawler: Any, *, today: Callable[[], dt.date] = utc_today) -> None:
        self._setup(crawler)
        if crawler.settings.getbool("MIPCRAWL_REFRESH", False):
            raise NotConfigured("MIPCRAWL_REFRESH: every page is fetched again")
        self.today = today

    @classmethod
    def from_crawler(cls, crawler: Any) -> PastEditionsMiddleware:
        return cls(crawler)

    def _past(self, url: str) -> bool:
        key = _canonical(url)
        if key is None or key not in self.known:
            return False
        edition = self.known[key]
        return edition is not None and edition < self.today().year

    def _processed(self, o: Any) -> Any:
        if (isinstance(o, Request) and getattr(o.callback, "__name__", None) == DETAIL_CALLBACK
                and self._past(o.url)):
            self.stats.inc_value("mipcrawl/incremental/past_not_fetched")
            return UnchangedPage(url=o.url, edition_hint=o.cb_kwargs.get("edition_hint"),
                                 reason="past edition")
        return o

    def process_spider_output(self, response: Any, result: Any) -> Any:
        for o in result:
            yield self._processed(o)

    async def process_spider_output_async(self, response: Any, result: Any) -> Any:
        async for o in result:
            yield self._processed(o)
