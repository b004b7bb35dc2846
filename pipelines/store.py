"""Store what the spiders saw: events and labs into the database, listing pages and fetch
failures into the run's health-gate evidence (``storage.recorder.RunRecorder``).

Settings (read in ``from_crawler``; ``__init__`` takes plain values for tests):
``MIPCRAWL_DATABASE_URL``, ``MIPCRAWL_STORE_BATCH_SIZE`` (200), ``MIPCRAWL_GATE_MAX_DROP``
(0.20), ``MIPCRAWL_GATE_COVERAGE_TOLERANCE`` (0.05), ``MIPCRAWL_GATE_MAX_ERROR_RATE``
(0.05), ``MIPCRAWL_LOCK_WAIT`` (seconds to wait for another crawl's lock, 0 = refuse at
once), ``MIPCRAWL_RUN_COMMAND`` (stored with the run, passwords redacted),
``MIPCRAWL_STORE_ENABLED`` (True), ``MIPCRAWL_STORE_WITHDRAW`` (True; ``mipcrawl reparse`` turns
it off: a replay of old captures says nothing about what the site lists today).

The pipeline owns the engine (made in ``open_spider``, disposed when the run is closed) and
turns items into rows (``pipelines.records``); the recorder receives rows and plain values.
The run's scope is the spider's ``run_scope`` (``mipcrawl.scope``). The outcome goes into
the crawl stats for the CLI (``mipcrawl.stats``: run id, run status — healthy | partial |
failed | locked | error — and the gate's reason). A database that cannot be opened or a lock
held by another crawl is reported in one log line, and the spider is closed before it crawls.
"""

from __future__ import annotations

import logging
import shlex
import sys
from typing import Any

from scrapy import signals
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.defer import deferred_from_coro
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from mipcrawl import stats as keys
from mipcrawl.config import database_url
from mipcrawl.items import EventItem, FetchFailure, LabItem, ListingPageItem, UnchangedPage
from mipcrawl.scope import RunScope
from pipelines.records import event_record, lab_record
from storage.db import DatabaseUnavailable, StorageError, make_engine
from storage.gate import GatePolicy
from storage.layout import LayoutPolicy
from storage.locks import LockBusy, LockLost
from storage.migrate import SchemaMismatch
from storage.recorder import RunOutcome, RunRecorder
from storage.urls import redact_url

log = logging.getLogger(__name__)
INTERRUPTED = ("interrupted", "shutdown")   # close reasons of a crawl stopped by a signal (ours, Scrapy's)


class StorePipeline:
    def __init__(self, db_url: str, *, batch_size: int = 200, policy: GatePolicy | None = None,
                 lock_wait: float = 0.0, command: str | None = None, stats: Any = None,
                 crawler: Any = None, **recorder_options: Any) -> None:
        """``crawler`` gives the spider being crawled (its ``run_scope``) and lets a run that
        cannot open close it; without one (a test driving the pipeline by hand)
        ``close_spider`` also closes the run."""
        self.db_url, self.batch_size, self.policy = db_url, batch_size, policy or GatePolicy()
        self.lock_wait, self.command, self.stats, self.crawler = lock_wait, command, stats, crawler
        self.recorder_options = recorder_options
        self.recorder: RunRecorder | None = None
        self.engine: Engine | None = None
        self.refused: str | None = None
        self.outcome: RunOutcome | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        s = crawler.settings
        if not s.getbool("MIPCRAWL_STORE_ENABLED", True):
            raise NotConfigured("MIPCRAWL_STORE_ENABLED is off")
        policy = GatePolicy(
            max_drop=s.getfloat("MIPCRAWL_GATE_MAX_DROP", 0.20),
            coverage_tolerance=s.getfloat("MIPCRAWL_GATE_COVERAGE_TOLERANCE", 0.05),
            max_error_rate=s.getfloat("MIPCRAWL_GATE_MAX_ERROR_RATE", 0.05),
            layout=layout_policy(s),
            max_surge=s.getfloat("MIPCRAWL_GATE_MAX_SURGE", 3.0),
            surge_slack=s.getint("MIPCRAWL_GATE_SURGE_SLACK", 500),
        )
        pipe = cls(s.get("MIPCRAWL_DATABASE_URL") or database_url(),
                   batch_size=s.getint("MIPCRAWL_STORE_BATCH_SIZE", 200), policy=policy,
                   lock_wait=s.getfloat("MIPCRAWL_LOCK_WAIT", 0.0),
                   command=s.get("MIPCRAWL_RUN_COMMAND") or shlex.join(sys.orig_argv),   # plain scrapy, Scrapyd
                   stats=crawler.stats, crawler=crawler,
                   withdraw=s.getbool("MIPCRAWL_STORE_WITHDRAW", True),
                   origin="archive" if s.get("MIPCRAWL_WAYBACK_URL") else "live")
        crawler.signals.connect(pipe.spider_closed, signal=signals.spider_closed)
        return pipe

    def open_spider(self, spider: Any = None) -> None:
        spider = spider or getattr(self.crawler, "spider", None)
        scope = getattr(spider, "run_scope", None) or RunScope.programme()
        try:
            self.engine = make_engine(self.db_url)
            self.recorder = RunRecorder(self.engine, scope=scope, command=self.command,
                                        batch_size=self.batch_size, policy=self.policy,
                                        lock_wait=self.lock_wait, **self.recorder_options)
            run_id = self.recorder.open()
        except (DatabaseUnavailable, SchemaMismatch, LockBusy) as exc:
            if getattr(exc, "run_id", None) is not None:   # the refusal's own run record
                self._set(keys.RUN_ID, exc.run_id)
            self._refuse("locked" if isinstance(exc, LockBusy) else "error", str(exc))
            return
        self._set(keys.RUN_ID, run_id)
        self._set(keys.RUN_STATUS, "running")

    def _refuse(self, status: str, reason: str, *, stop: bool = True) -> None:
        self.refused = reason
        self.recorder = None
        self._dispose()
        log.error("store: %s", redact_url(reason))
        self._status(status)
        self._set(keys.GATE_REASON, reason)
        if self.crawler is not None and stop:
            _stop(self.crawler, f"mipcrawl_{status}")

    def process_item(self, item: Any) -> Any:
        if self.recorder is None:
            raise DropItem(f"not stored: {self.refused or 'store not open'}")
        try:
            record_item(self.recorder, item)
        except LockLost as exc:
            self._fail(str(exc))
            raise DropItem(f"not stored: {exc}") from None
        return item

    def _fail(self, reason: str, *, flush: bool = False, stop: bool = True) -> None:
        """The run cannot be trusted any more (its edition lock lost to another crawl, its log
        not kept on a full disk): its record says failed with ``reason`` — as the message and
        the exit code will — nothing is judged or withdrawn, and the crawl stops. ``flush``:
        what it saw is stored first (never with a lost lock)."""
        recorder, stats = self.recorder, self.stats.get_stats() if self.stats is not None else None
        if recorder is not None:
            try:
                if flush:
                    recorder.flush()
                self.outcome = recorder.abandon(reason, stats)
            except (SQLAlchemyError, StorageError) as err:   # the next crawl closes it as stale
                log.error("store: run record not closed: %s", redact_url(str(err).splitlines()[0]))
        self._refuse("failed", reason, stop=stop)

    def close_spider(self, spider: Any = None) -> None:
        if self.recorder is not None:
            try:
                self.recorder.flush()
            except LockLost as exc:
                self._fail(str(exc))
        if self.crawler is None:
            self.finish("finished")

    def spider_closed(self, spider: Any = None, reason: str = "finished") -> None:
        self.finish(reason)

    def finish(self, reason: str) -> None:
        """Close the run (gate, withdrawals, run record) and publish its outcome in the stats."""
        if self.recorder is None:
            return
        stats = self.stats.get_stats() if self.stats is not None else None
        if stats and stats.get(keys.LOG_FAILED):   # its log lost (a full disk): what it saw stored, failed
            self._fail(str(stats[keys.LOG_FAILED]), flush=True, stop=False)
            return
        recorder, self.recorder = self.recorder, None
        try:
            self.outcome = recorder.close(finished=reason == "finished", stats=stats,
                                          interrupted=reason in INTERRUPTED)
        except (SQLAlchemyError, StorageError) as exc:
            message = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            log.error("store: run could not be closed: %s", redact_url(message))
            self._status("failed")
            self._set(keys.GATE_REASON, f"database error: {message}")
            return
        finally:
            self._dispose()
        self._set(keys.LAYOUT_WARNINGS, list(self.outcome.warnings))
        self._status(self.outcome.status)
        self._set(keys.GATE_REASON, self.outcome.reason or "")
        for warning in self.outcome.warnings:
            log.warning("store: %s", warning)
        for key, value in self.outcome.counts.items():
            self._set(keys.store_count(key), value)
        log.info("run %s %s%s", self.outcome.run_id, self.outcome.status,
                 f": {self.outcome.reason}" if self.outcome.reason else "")

    def _dispose(self) -> None:
        engine, self.engine = self.engine, None
        if engine is not None:
            engine.dispose()

    def _status(self, status: str) -> None:
        """A final status, and the exit code `mipcrawl crawl` gives it (for `scrapy crawl`, Scrapyd)."""
        self._set(keys.RUN_STATUS, status)
        warned = bool(self.stats.get_value(keys.LAYOUT_WARNINGS)) if self.stats is not None else False
        self._set(keys.EXIT_CODE, keys.exit_code(status, layout_changed=warned))

    def _set(self, key: str, value: Any) -> None:
        if self.stats is not None:
            self.stats.set_value(key, value)


def layout_policy(s: Any) -> LayoutPolicy:
    """The layout-change rule from the settings (``MIPCRAWL_LAYOUT_*``); a bad action is refused."""
    action = (s.get("MIPCRAWL_LAYOUT_CHANGE") or "warn").strip().lower()
    if action not in ("warn", "fail", "off"):
        raise NotConfigured(f"MIPCRAWL_LAYOUT_CHANGE must be warn, fail or off, not {action!r}")
    return LayoutPolicy(shift=s.getfloat("MIPCRAWL_LAYOUT_SHIFT", 0.5),
                        coverage_drop=s.getfloat("MIPCRAWL_LAYOUT_COVERAGE_DROP", 0.10),
                        min_pages=s.getint("MIPCRAWL_LAYOUT_MIN_PAGES", 20),
                        min_share=s.getfloat("MIPCRAWL_LAYOUT_MIN_SHARE", 0.8), action=action)


def _stop(crawler: Any, reason: str) -> None:
    """Close the crawl on the next reactor turn (``open_spider`` cannot stop it itself)."""
    try:
        engine = crawler.engine
    except RuntimeError:   # not crawling (a test building the pipeline from a crawler)
        return
    if engine is None:
        return
    from twisted.internet import reactor

    reactor.callLater(0, lambda: deferred_from_coro(engine.close_spider_async(reason=reason)))


def record_item(recorder: RunRecorder, item: Any) -> None:
    """Hand what a spider yielded to the run: rows for events and labs, plain values for the
    gate's evidence (listing pages, failures, unchanged pages). An event or lab whose row
    cannot be built (a URL that is not http, too long…) is an error of the run, not a crash."""
    if isinstance(item, EventItem):
        try:
            recorder.add_event(event_record(item, parser_version=recorder.parser_version))
        except (ValueError, TypeError) as exc:
            recorder.add_unstorable(item.url, item.edition or item.edition_hint, str(exc))
    elif isinstance(item, LabItem):
        try:
            recorder.add_lab(lab_record(item))
        except ValueError as exc:
            recorder.add_unstorable(item.url, None, str(exc))
    elif isinstance(item, ListingPageItem):
        recorder.add_listing(url=item.url, edition=item.edition, page=item.page, last_page=item.last_page,
                             event_urls=item.event_urls, http_status=item.http_status)
    elif isinstance(item, FetchFailure):
        recorder.add_failure(url=item.url, kind=item.kind, reason=item.reason, edition=item.edition,
                             http_status=item.http_status, missing=item.missing)
    elif isinstance(item, UnchangedPage):
        recorder.add_unchanged(item.url)
