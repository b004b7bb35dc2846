"""One crawl run against one database: what the store pipeline (or a benchmark) drives.

It receives an engine (whoever made it disposes of it) and rows, never Scrapy items.
``open()`` creates the schema on an empty database (``SchemaMismatch``), takes the edition
lock (``LockBusy``), closes stale "running" runs of those editions and opens the run record.
``add_event``/``add_lab`` buffer rows, flushed every ``batch_size`` rows in one transaction
(a failed batch is counted as errors, never lost silently), the lock checked before each
(``LockLost``: ``abandon``). ``add_listing``/``add_failure``/``add_unstorable`` collect the
gate's evidence. ``close()`` resolves re-slugs and near-duplicates, judges the gate per
edition, withdraws only for healthy editions, and writes the run's outcome.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from mipcrawl.scope import RunScope
from models import ListingPage
from parsers import PARSER_VERSION
from storage import runs
from storage.db import first_line, make_session_factory
from storage.events import EventStore, RunContext
from storage.gate import EditionEvidence, GatePolicy
from storage.labs import lab_refs, relink_if_changed, store_labs
from storage.locks import EditionLock, LockBusy, LockLost, lock_scopes
from storage.migrate import ensure_schema
from storage.urls import canonical_url, listing_page_number
from storage.verdicts import judge_editions

log = logging.getLogger(__name__)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class RunOutcome:
    run_id: int
    status: str            # healthy | partial | failed
    reason: str | None
    counts: dict[str, int]
    gate: dict[str, Any]
    warnings: list[str] = field(default_factory=list)   # layout changes that did not fail the run


class RunRecorder:
    def __init__(self, engine: Engine, *, scope: RunScope, command: str | None = None,
                 batch_size: int = 200, policy: GatePolicy | None = None, lock_wait: float = 0.0,
                 parser_version: str = PARSER_VERSION, clock: Callable[[], dt.datetime] = utc_now,
                 match_cutoff: float = 88.0, withdraw: bool = True, origin: str = "live") -> None:
        self.engine, self.scope, self.command = engine, scope, command
        self.sessions = make_session_factory(engine)
        self.withdraw = withdraw   # off for a replay of old captures (mipcrawl reparse): not news of the site
        self.batch_size, self.policy, self.lock_wait = max(1, batch_size), policy or GatePolicy(), lock_wait
        self.parser_version, self.clock = parser_version, clock
        self.store = EventStore(match_cutoff=match_cutoff)
        self.evidence: dict[int | None, EditionEvidence] = defaultdict(lambda: EditionEvidence(origin=origin))
        self.listings: list[dict[str, Any]] = []
        self.unassigned_errors = 0
        self.warnings: list[str] = []
        self._events: list[dict[str, Any]] = []
        self._labs: list[dict[str, Any]] = []
        self._unchanged: list[str] = []       # canonical URLs of pages seen, not changed (issue 7)
        self.lab_counts: Counter[str] = Counter()
        self._labs_before: tuple[Any, ...] | None = None   # a lab run: the labs at its start (relink)
        self._ctx: RunContext | None = None
        self.lock: EditionLock | None = None

    @property
    def ctx(self) -> RunContext:
        """The open run's context (its id, time, counts); only after ``open()``."""
        if self._ctx is None:
            raise RuntimeError("the run is not open: call open() first")
        return self._ctx

    def open(self) -> int:
        """Prepare the schema, lock, and open the run record; returns the run id."""
        try:
            return self._open()
        except BaseException:
            if self.lock is not None:
                self.lock.release()
            raise

    def _open(self) -> int:
        ensure_schema(self.engine)
        with self.sessions() as session:
            self.lock = EditionLock(self.engine, lock_scopes(session, self.scope))
        editions = {self.scope.edition} if self.scope.edition is not None else None
        try:
            self.lock.acquire(wait=self.lock_wait)
        except LockBusy as exc:   # kept as a "locked" run: Scrapyd and cron keep no history of it
            self.lock = None
            with self.sessions.begin() as session:
                run_id = runs.record_locked(session, spider=self.scope.spider, scope=self.scope.key,
                                            editions=editions, now=self.clock(), reason=str(exc),
                                            parser_version=self.parser_version, command=self.command)
            raise runs.RunLocked(str(exc), run_id) from None
        now, spider = self.clock(), self.scope.spider
        with self.sessions.begin() as session:
            run_id = runs.start_run(session, spider=spider, scope=self.scope.key, editions=editions,
                                    now=now, parser_version=self.parser_version, command=self.command).id
            closed = runs.close_stale_runs(session, spider, editions, now, by_run=run_id)
            self._labs_before = None if self.scope.is_programme else tuple(lab_refs(session))
        if closed:
            log.warning("closed stale running run(s) %s as failed", closed)
        self.lock.set_run(run_id, spider=spider, editions=editions)
        self._ctx = RunContext(run_id=run_id, now=now, parser_version=self.parser_version)
        return run_id

    def add_unstorable(self, url: str, edition: int | None, reason: str) -> None:
        """A page whose row could not be built (a URL too long, not http…): an error."""
        log.warning("not stored (%s): %s", reason, url)
        self.ctx.counts["errors"] += 1
        self.evidence[edition].errors += 1

    def add_event(self, record: dict[str, Any]) -> None:
        """A row of ``event`` (``pipelines.records.event_record``)."""
        self.evidence[record["edition"]].add_item(record)
        self._events.append(record)
        if len(self._events) >= self.batch_size:
            self.flush()
        elif self.lock is not None:
            self.lock.heartbeat()   # throttled: keeps a slow crawl's SQLite lock fresh between flushes

    def add_unchanged(self, url: str) -> None:
        """A known page the crawl saw unchanged (304, or a finished edition not re-fetched)."""
        try:
            self._unchanged.append(canonical_url(url))
        except ValueError:
            return
        if len(self._unchanged) >= self.batch_size:
            self.flush()

    def _touch_unchanged(self, session: Any, urls: list[str]) -> None:
        """Seen and unchanged: last_seen, the 'unchanged' count and the gate's evidence from the row."""
        rows = self.store.touch_urls(session, urls, self.ctx)
        for row in rows:
            self.evidence[row.edition].add_item(row._asdict())
        missing = len(set(urls)) - len(rows)
        if missing:
            log.warning("%d page(s) reported unchanged are not stored events", missing)
            self.ctx.counts["errors"] += missing
            self.unassigned_errors += missing

    def add_lab(self, record: dict[str, Any]) -> None:   # a lab page's row (pipelines.records.lab_record)
        self._labs.append(record)
        if len(self._labs) >= self.batch_size:
            self.flush()

    def add_listing(self, *, url: str, edition: int | None, page: int, last_page: int | None,
                    event_urls: list[str], http_status: int | None) -> None:
        """A programme listing page the crawl read, and the event URLs it lists."""
        ev = self.evidence[edition]
        ev.pages[page] = last_page
        for event_url in event_urls:
            try:
                ev.listed_urls.add(canonical_url(event_url))
            except ValueError:
                continue
        self.listings.append({"edition": edition, "url": url, "page": page, "last_page": last_page,
                              "event_count": len(event_urls), "ok": True, "http_status": http_status,
                              "reason": None})

    def add_failure(self, *, url: str, kind: str, reason: str, edition: int | None,
                    http_status: int | None, missing: bool = False) -> None:
        """A page the crawl could not get (``kind``: listing, event…); ``missing``: a gap of the archive read."""
        page = listing_page_number(url) if missing else None
        if missing and not self.evidence[edition].add_gap(url, kind, reason, page):
            return
        if kind == "listing":
            self.listings.append({"edition": edition, "url": url, "page": page, "last_page": None,
                                  "event_count": 0, "ok": False, "http_status": http_status,
                                  "reason": f"not archived: {reason}" if missing else reason})
        if missing:
            self.ctx.counts["missing"] += 1
            return
        if kind == "listing":
            self.evidence[edition].listing_failures.append(f"{url} ({reason})")
        elif edition is not None:
            self.evidence[edition].errors += 1
        else:
            self.unassigned_errors += 1
        self.ctx.counts["errors"] += 1

    def abandon(self, reason: str, stats: dict[str, Any] | None = None) -> RunOutcome:
        """Close the run as failed, unjudged, writing nothing but its record (its lock is lost)."""
        try:
            return self._finish("failed", reason, {}, stats)
        finally:
            if self.lock is not None:
                self.lock.release()

    def flush(self) -> None:
        """Write the buffered items in one transaction (the lock checked first: ``LockLost``);
        if the database refuses the batch, retry its items one by one."""
        if self.lock is not None:
            self.lock.ensure()
        events, self._events = self._events, []
        labs, self._labs = self._labs, []
        unchanged, self._unchanged = self._unchanged, []
        exc = self._write(events, labs, unchanged)
        if exc is not None and len(events) + len(labs) > 1:
            log.warning("batch not stored (%s): retrying its items one by one", first_line(exc))
            for rec in events:
                self._failed(self._write([rec], [], []), rec["url"], rec["edition"])
            for lab in labs:
                self._failed(self._write([], [lab], []), lab["url"], None)
            if unchanged:
                self._failed(self._write([], [], unchanged), f"{len(unchanged)} unchanged pages", None,
                             count=len(unchanged))
        elif exc is not None:
            for what, edition in [(r["url"], r["edition"]) for r in events] + [(lab["url"], None) for lab in labs]:
                self._failed(exc, what, edition)
        if self.lock is not None:
            self.lock.heartbeat()

    def _write(self, events: list[dict[str, Any]], labs: list[dict[str, Any]],
               unchanged: list[str]) -> Exception | None:
        """One transaction; on failure the run's counters and index are as before it."""
        counts, seen, lab_counts = Counter(self.ctx.counts), set(self.ctx.seen_ids), Counter(self.lab_counts)
        pending = len(self.store.pending)
        try:
            with self.sessions.begin() as session:
                if unchanged:
                    self._touch_unchanged(session, unchanged)
                if events:
                    self.store.ingest(session, events, self.ctx)
                if labs:
                    self.lab_counts.update(store_labs(session, labs, self.ctx.now, self.ctx.run_id))
        except SQLAlchemyError as exc:
            self.ctx.counts, self.ctx.seen_ids, self.lab_counts = counts, seen, lab_counts
            del self.store.pending[pending:]
            self.store.reset()   # its caches may hold rows that were rolled back
            return exc
        return None

    def _failed(self, exc: Exception | None, what: str, edition: int | None, count: int = 1) -> None:
        if exc is None:
            return
        log.error("not stored: %s: %s", what, first_line(exc))
        self.ctx.counts["errors"] += count
        self.evidence[edition].errors += count

    def close(self, *, finished: bool = True, stats: dict[str, Any] | None = None,
              interrupted: bool = False) -> RunOutcome:
        try:
            self.flush()
            with self.sessions.begin() as session:
                self.store.resolve_pending(session, self.ctx)
            if self.scope.is_programme:
                with self.sessions() as session:
                    gate, healthy, reasons, self.warnings = judge_editions(
                        session, self.scope, self.evidence, policy=self.policy, run_id=self.ctx.run_id,
                        unassigned_errors=self.unassigned_errors, finished=finished, stats=stats)
            else:
                gate, healthy = {}, []
                reasons = [] if finished and not self.ctx.counts["errors"] else ["errors or interrupted run"]
            if self.lock is not None:   # the lock still ours before anything is withdrawn or closed
                self.lock.ensure()
            with self.sessions.begin() as session:
                for edition in healthy if self.withdraw else []:
                    ev = self.evidence[edition]
                    runs.withdraw_missing(session, edition, ev.listed_urls, self.ctx)
                if self.listings:
                    session.execute(ListingPage.__table__.insert(),
                                    [{**row, "run_id": self.ctx.run_id} for row in self.listings])
                if self._labs_before is not None:   # the labs changed: stored events linked again
                    self.lab_counts["relinked"] += relink_if_changed(session, self._labs_before)
            reasons = ["interrupted"] * interrupted + reasons   # SIGINT/SIGTERM: said first
            return self._finish("partial" if reasons else "healthy", "; ".join(reasons) or None, gate, stats)
        except LockLost as exc:
            return self._finish("failed", str(exc), {}, stats)
        except SQLAlchemyError as exc:
            return self._finish("failed", f"database error: {first_line(exc)}", {}, stats)
        finally:
            if self.lock is not None:
                self.lock.release()

    def _finish(self, status: str, reason: str | None, gate: dict[str, Any],
                stats: dict[str, Any] | None) -> RunOutcome:
        counts = dict(self.ctx.counts)
        for key, value in self.lab_counts.items():
            counts[key] = counts.get(key, 0) + value
        safe_stats = json.loads(json.dumps(stats or {}, default=str)) if stats else None
        editions = [int(e) for e in gate] or None
        with self.sessions.begin() as session:
            runs.finish_run(session, self.ctx.run_id, status=status, reason=reason, now=self.clock(),
                            counts=counts, gate=gate, stats=safe_stats, editions=editions)
        return RunOutcome(self.ctx.run_id, status, reason, counts, gate, list(self.warnings))
