"""Run records and what only a finished run may do.

``start_run`` opens a ``crawl_run`` (status running) and closes as *failed* any other
run still marked running on the same editions (the caller holds their lock, so such a
run is dead). ``finish_run`` writes status, counts, gate figures and stats; a count with no
column of its own (``relinked``: stored events linked again to their labs by a lab run that
changed the labs; ``missing``, ``duplicates``) goes into the stats under
``mipcrawl.stats.store_count(name)``, the key the store pipeline publishes it under.
``withdraw_missing`` marks the events of one edition that a healthy, complete run neither
listed nor saw as withdrawn (with a revision); it is called only for editions whose gate
passed. ``last_healthy_figures`` gives the gate figures of an edition's last healthy run.
The repository functions receive a session and never commit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mipcrawl.stats import store_count
from models import CrawlRun, Event, EventRevision
from storage.events import RunContext
from storage.locks import LockBusy

COUNT_FIELDS = ("new", "changed", "unchanged", "withdrawn", "cancelled", "reappeared", "moved", "errors")


_USERINFO = re.compile(r"(://[^:/@\s]*):[^@\s]*@")


def redact_command(command: str | None) -> str | None:
    """The command line with the password of every URL in it replaced by ``***``
    (``--db=postgresql://u:pw@h/db`` included, which ``redact_url`` alone would miss)."""
    if not command:
        return command
    return _USERINFO.sub(r"\1:***@", command)


def _overlaps(run: CrawlRun, editions: set[int] | None) -> bool:
    if editions is None or run.scope == "all" or not run.editions:
        return True
    return bool(set(run.editions) & editions)


def close_stale_runs(session: Session, spider: str, editions: set[int] | None, now: dt.datetime,
                     by_run: int | None = None) -> list[int]:
    stale = session.scalars(
        select(CrawlRun).where(CrawlRun.status == "running", CrawlRun.spider == spider,
                               CrawlRun.id != (by_run or -1))
    ).all()
    closed = []
    for run in stale:
        if _overlaps(run, editions):
            run.status, run.finished_at = "failed", now
            run.reason = f"still marked running when run {by_run} started: crashed or killed"
            closed.append(run.id)
    return closed


def start_run(session: Session, *, spider: str, scope: str, editions: Iterable[int] | None,
              now: dt.datetime, parser_version: str, command: str | None = None) -> CrawlRun:
    run = CrawlRun(spider=spider, scope=scope, editions=sorted(editions) if editions else None,
                   started_at=now, status="running", parser_version=parser_version,
                   command=redact_command(command))
    session.add(run)
    session.flush()
    return run


class RunLocked(LockBusy):
    """Another crawl holds a lock this run needs; the refusal is recorded as run ``run_id``."""

    def __init__(self, message: str, run_id: int) -> None:
        super().__init__(message)
        self.run_id = run_id


def record_locked(session: Session, *, spider: str, scope: str, editions: Iterable[int] | None,
                  now: dt.datetime, reason: str, parser_version: str, command: str | None = None) -> int:
    """A run refused because another crawl holds its lock: opened and closed at once, status
    "locked", no counts. Never a "running" run, so nothing takes it for a crashed crawl."""
    run = start_run(session, spider=spider, scope=scope, editions=editions, now=now,
                    parser_version=parser_version, command=command)
    run.status, run.finished_at, run.reason = "locked", now, reason
    session.flush()
    return run.id


def others_since(session: Session, run_id: int, spider: str, editions: set[int] | None) -> bool:
    """Whether another run of ``spider`` on any of ``editions`` began after ``run_id`` (a run
    refused by the lock, ``locked``, never crawled)."""
    later = session.scalars(select(CrawlRun).where(CrawlRun.spider == spider, CrawlRun.id > run_id,
                                                   CrawlRun.status != "locked")).all()
    return any(_overlaps(run, editions) for run in later)


def close_interrupted(session: Session, run_ids: list[int], now: dt.datetime) -> list[int]:
    """Close the runs among ``run_ids`` still marked running as partial, "interrupted" (the
    crawl was stopped before it could close them itself); the ids closed."""
    open_ids = list(session.scalars(select(CrawlRun.id).where(CrawlRun.id.in_(run_ids),
                                                              CrawlRun.status == "running")))
    if open_ids:
        session.execute(update(CrawlRun).where(CrawlRun.id.in_(open_ids))
                        .values(status="partial", reason="interrupted", finished_at=now))
    return open_ids


def finish_run(session: Session, run_id: int, *, status: str, reason: str | None, now: dt.datetime,
               counts: dict[str, int], gate: dict[str, Any] | None, stats: dict[str, Any] | None,
               editions: Iterable[int] | None = None) -> None:
    values: dict[str, Any] = {c: int(counts.get(c, 0)) for c in COUNT_FIELDS}
    others = {store_count(c): int(n) for c, n in sorted(counts.items()) if c not in COUNT_FIELDS}
    if others:
        stats = {**(stats or {}), **others}
    values.update(status=status, reason=reason, finished_at=now, gate=gate, stats=stats)
    if editions is not None:
        values["editions"] = sorted(editions)
    session.execute(update(CrawlRun).where(CrawlRun.id == run_id).values(**values))


def last_healthy_figures(session: Session, spider: str, edition: int, before: int,
                         origin: str = "live") -> dict[str, Any] | None:
    """The gate figures of the edition's last healthy run read from the same source (the live
    site or a web archive: their listings are not comparable)."""
    runs = session.scalars(
        select(CrawlRun.gate).where(CrawlRun.spider == spider, CrawlRun.id < before,
                                    CrawlRun.status.in_(("healthy", "partial")))
        .order_by(CrawlRun.id.desc()).limit(200)
    )
    for gate in runs:
        figures: dict[str, Any] | None = (gate or {}).get(str(edition))
        if figures and figures.get("healthy") and figures.get("origin", "live") == origin:
            return figures
    return None


def withdraw_missing(session: Session, edition: int, listed_urls: set[str], ctx: RunContext) -> int:
    rows = session.execute(
        select(Event.id, Event.url, Event.status).where(
            Event.edition == edition, Event.status != "withdrawn",
            (Event.last_run_id.is_(None)) | (Event.last_run_id != ctx.run_id),
        )
    ).all()
    gone = [r for r in rows if r.id not in ctx.seen_ids and r.url not in listed_urls]
    if not gone:
        return 0
    session.execute(
        update(Event).where(Event.id.in_([r.id for r in gone]))
        .values(status="withdrawn", withdrawn_at=ctx.now, last_changed=ctx.now)
    )
    session.execute(EventRevision.__table__.insert(), [
        {"event_id": r.id, "run_id": ctx.run_id, "at": ctx.now, "change": "withdrawn", "field": "status",
         "old": r.status, "new": "withdrawn", "capture_id": None, "parser_version": ctx.parser_version}
        for r in gone
    ])
    ctx.counts["withdrawn"] += len(gone)
    return len(gone)
