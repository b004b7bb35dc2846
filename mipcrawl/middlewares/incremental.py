"""Incremental crawling: a 304 or a finished edition's page costs no re-extraction.

Conditional requests themselves are Scrapy's ``HttpCacheMiddleware`` with ``RFC2616Policy``
(``RevalidatingPolicy`` below fixes its handling of ``no-cache``) and our SQLite storage, ``<data dir>/httpcache/<spider>.sqlite`` (``mipcrawl/middlewares/httpcache.py``): the
replica and the real site send ``Cache-Control: no-cache`` with an ``ETag`` and a
``Last-Modified``, so every cached page is revalidated with ``If-None-Match`` /
``If-Modified-Since``, and on a 304 the middleware hands the spider the cached 200. The
listing callback needs that body (its links matter), so the cache is the right tool; for
detail pages it would mean parsing an unchanged page again (~2.6 ms each). Two small
components of ours close that gap, both driven by what the database already holds (the
events of the crawled editions, withdrawn ones excluded — ``known_events``):

- ``KnownEvents`` (an extension) reads them once, when the spider opens (after the store
  opened its run); both middlewares ask it.
- ``NotModifiedMiddleware`` (downloader, next to the network, below the cache): a 304
  for an event page (``DETAIL`` in ``request.meta``) the database holds flags the request
  ``UNCHANGED``; the programme
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

All three are switched by ``MIPCRAWL_INCREMENTAL_ENABLED`` (True); a replay (``mipcrawl
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
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from mipcrawl.items import DETAIL, UNCHANGED, UnchangedPage
from parsers import PARSER_VERSION

log = logging.getLogger(__name__)


class RevalidatingPolicy(RFC2616Policy):
    """Scrapy's ``RFC2616Policy``, but a ``Cache-Control: no-cache`` page is revalidated.

    Scrapy's policy returns "not fresh" for ``no-cache`` before it sets the validators, so
    every such request went out without ``If-None-Match`` / ``If-Modified-Since`` and got a
    full 200 (measured on the replica, which sends ``no-cache`` like the real site: 0 % of
    304s). RFC 7234 §5.2.2.2 says ``no-cache`` means "revalidate", so we add the validators."""

    def is_cached_response_fresh(self, cachedresponse: Any, request: Request) -> bool:
        if super().is_cached_response_fresh(cachedresponse, request):
            return True
        add_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(self, cachedresponse: Any, response: Any, request: Request) -> bool:
        """Only a 304 validates the cached copy. Scrapy's policy also serves the cached page
        when the server answers 5xx ("stale if error"), which hid a failing site from the
        retries and from the health gate: a crawl of a site answering 503 everywhere came out
        healthy. A 5xx now goes up to the retry middleware and, if it persists, is counted."""
        return response.status == 304


def add_validators(request: Request, cached: Any) -> None:
    """Make ``request`` conditional on the cached copy (RFC 7232): ``If-Modified-Since`` from
    its ``Last-Modified``, ``If-None-Match`` from its ``ETag``."""
    for validator, header in ((b"Last-Modified", b"If-Modified-Since"), (b"ETag", b"If-None-Match")):
        if validator in cached.headers:
            request.headers[header] = cached.headers[validator]


def utc_today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def known_events(db_url: str, editions: list[int] | None,
                 parser_version: str | None = None, origin: str | None = None) -> dict[str, int | None]:
    """Canonical URL → edition of the stored, not withdrawn events of those editions (all when None).

    With ``parser_version``, only the events whose values that parser version derived: an
    event read by an older parser is not "known", so its page is parsed again (from the
    cached body on a 304) and its values brought up to date once, without ``--refresh``.
    An unreachable or empty database gives ``{}``: nothing is then taken as known."""
    from sqlalchemy.exc import SQLAlchemyError

    from storage.db import StorageError
    from storage.queries import reading, stored_event_editions

    try:
        with reading(db_url) as session:
            found, stale = stored_event_editions(session, editions, parser_version, origin)
    except (StorageError, SQLAlchemyError) as exc:
        log.warning("incremental: known events not read (%s): every page is parsed", exc)
        return {}
    if stale:
        log.info("incremental: %d stored events were read by another parser version than %s: "
                 "their pages are parsed again this time", stale, parser_version)
    return found


def _canonical(url: str) -> str | None:
    from storage.urls import canonical_url

    try:
        return canonical_url(url)
    except ValueError:
        return None


class KnownEvents:
    """Extension: the stored events of the crawl's editions (``known_events``), read once
    when a programme spider opens, for both middlewares below."""

    def __init__(self, db_url: str, *, load: Callable[..., dict[str, int | None]] | None = None) -> None:
        self.db_url = db_url
        self.load = load or known_events
        self.editions: dict[str, int | None] = {}
        self.origin: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> KnownEvents:
        s = crawler.settings
        if not s.getbool("MIPCRAWL_INCREMENTAL_ENABLED", True):
            raise NotConfigured("MIPCRAWL_INCREMENTAL_ENABLED is off")
        if not s.get("MIPCRAWL_DATABASE_URL"):
            raise NotConfigured("no MIPCRAWL_DATABASE_URL")
        ext = cls(s.get("MIPCRAWL_DATABASE_URL"))
        # an event stored from the other source (live site / web archive) is read again, so
        # its history names both
        ext.origin = "archive" if s.get("MIPCRAWL_WAYBACK_URL") else "live"
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        return ext

    def spider_opened(self, spider: Any) -> None:
        scope = getattr(spider, "run_scope", None)
        if scope is not None and scope.is_programme:
            editions = [scope.edition] if scope.edition is not None else None
            self.editions = self.load(self.db_url, editions, PARSER_VERSION, self.origin)

    def edition_of(self, url: str) -> int | None:
        key = _canonical(url)
        return self.editions.get(key) if key is not None else None

    def __contains__(self, url: str) -> bool:
        key = _canonical(url)
        return key is not None and key in self.editions


def _known_events(crawler: Any) -> KnownEvents:
    known = crawler.get_extension(KnownEvents)
    if known is None:
        raise NotConfigured("the KnownEvents extension is off (MIPCRAWL_INCREMENTAL_ENABLED, database URL)")
    return known


class NotModifiedMiddleware:
    """Downloader middleware (below ``HttpCacheMiddleware``): flags a 304 of a stored event.

    With ``MIPCRAWL_REFRESH`` nothing is flagged: every page is parsed again (from the cached
    body on a 304), e.g. to bring a new parser version to pages that did not change."""

    def __init__(self, known: KnownEvents, stats: Any, *, refresh: bool = False) -> None:
        self.known, self.stats, self.refresh = known, stats, refresh

    @classmethod
    def from_crawler(cls, crawler: Any) -> NotModifiedMiddleware:
        return cls(_known_events(crawler), crawler.stats,
                   refresh=crawler.settings.getbool("MIPCRAWL_REFRESH", False))

    def process_response(self, request: Request, response: Any) -> Any:
        if response.status == 304:
            self.stats.inc_value("mipcrawl/incremental/not_modified")
            if not self.refresh and request.meta.get(DETAIL) and request.url in self.known:
                request.meta[UNCHANGED] = True
                self.stats.inc_value("mipcrawl/incremental/unchanged_not_parsed")
        return response


class PastEditionsMiddleware(BaseSpiderMiddleware):
    """Spider middleware: a finished edition's stored event is not requested again; the
    request becomes the ``UnchangedPage`` its answer would have given."""

    def __init__(self, known: KnownEvents, stats: Any, *,
                 today: Callable[[], dt.date] = utc_today) -> None:
        self.known, self.stats, self.today = known, stats, today

    @classmethod
    def from_crawler(cls, crawler: Any) -> PastEditionsMiddleware:
        if crawler.settings.getbool("MIPCRAWL_REFRESH", False):
            raise NotConfigured("MIPCRAWL_REFRESH: every page is fetched again")
        return cls(_known_events(crawler), crawler.stats)

    def get_processed_request(self, request: Request, response: Any) -> Any:
        edition = self.known.edition_of(request.url) if request.meta.get(DETAIL) else None
        if edition is None or edition >= self.today().year:
            return request
        self.stats.inc_value("mipcrawl/incremental/past_not_fetched")
        return UnchangedPage(url=request.url, edition_hint=request.cb_kwargs.get("edition_hint"),
                             reason="past edition")
