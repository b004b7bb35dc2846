"""Read-side queries for the CLI: runs, changes, one event's history, labs, editions.

``reading(url)`` opens an existing mipcrawl database for reading: an unreachable one
raises ``DatabaseUnavailable``, one without the mipcrawl schema ``EmptyDatabase``.
Results are plain dicts (JSON-ready: datetimes as ISO 8601 strings).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from models import CrawlRun, Edition, Event, EventRevision, Lab, LabPage, LabRevision
from parsers import PARIS
from storage.db import (
    DatabaseFailed,
    StorageError,
    check_reachable,
    first_line,
    make_engine,
    make_session_factory,
    sqlite_path,
)
from storage.migrate import current_revision
from storage.urls import canonical_url, redact_url

INT64_MAX = 2**63 - 1   # the largest integer SQLite and PostgreSQL's bigint hold: larger names nothing


class EmptyDatabase(StorageError):
    """The database holds no mipcrawl schema yet."""


class InvalidQuery(StorageError):
    """A query argument that makes no sense (a usage error)."""


class UnknownEdition(InvalidQuery):
    """An edition year that the database does not know."""


@contextmanager
def reading(url: str) -> Iterator[Session]:
    """A session on an existing mipcrawl database; whatever the database fails (a damaged
    file, a lost server) comes out as ``DatabaseFailed``, one line."""
    path = sqlite_path(url)
    if path is not None and not path.exists():
        raise EmptyDatabase(f"no mipcrawl database at {path}: run `mipcrawl crawl` first")
    engine = make_engine(url, create=False)
    try:
        check_reachable(engine)
        if current_revision(engine) is None:
            raise EmptyDatabase(f"no mipcrawl data in {redact_url(url)}: run `mipcrawl crawl` or `mipcrawl db upgrade`")
        with make_session_factory(engine)() as session:
            yield session
    except SQLAlchemyError as exc:
        raise DatabaseFailed(f"database error: {first_line(exc)} ({redact_url(url)})") from None
    finally:
        engine.dispose()


def stored_event_editions(session: Session, editions: list[int] | None,
                          parser_version: str | None = None,
                          origin: str | None = None) -> tuple[dict[str, int | None], int]:
    """(canonical URL → edition of the stored, not withdrawn events of those editions — all
    when None — read by ``parser_version`` and from ``origin`` (live | archive) when given;
    how many others that version did not read)."""
    query = select(Event.url, Event.edition, Event.parser_version).where(Event.status != "withdrawn")
    if origin is not None:
        query = query.where(Event.origin == origin)
    if editions:
        query = query.where(Event.edition.in_(editions))
    found: dict[str, int | None] = {}
    stale = 0
    for url, edition, version in session.execute(query):
        if parser_version is None or version == parser_version:
            found[url] = edition
        else:
            stale += 1
    return found, stale


def iso(value: dt.datetime | dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def check_edition(session: Session, year: int | None) -> None:
    if year is not None and (abs(year) > INT64_MAX or session.get(Edition, year) is None):
        known = ", ".join(str(y) for y in session.scalars(select(Edition.year).order_by(Edition.year)))
        raise UnknownEdition(f"unknown edition {year} (known: {known})")


def recent_runs(session: Session, limit: int = 20) -> list[CrawlRun]:
    return list(session.scalars(select(CrawlRun).order_by(CrawlRun.id.desc()).limit(limit)))


def run_changes(session: Session, run_ids: list[int], *, limit: int = 5) -> dict[int, list[dict[str, Any]]]:
    """The first ``limit`` event revisions of each run, as ``changes`` gives them (for a
    notification: a taste of what changed, the counts say how much)."""
    out: dict[int, list[dict[str, Any]]] = {}
    for run_id in run_ids:
        stmt = (select(EventRevision, Event.url, Event.title, Event.edition)
                .join(Event, Event.id == EventRevision.event_id)
                .where(EventRevision.run_id == run_id).order_by(EventRevision.id).limit(limit))
        out[run_id] = [_change_row(rev, url, title, ed) for rev, url, title, ed in session.execute(stmt)]
    return out


def last_success(session: Session, spider: str, scope: str) -> dt.datetime | None:
    """When the last healthy run of a spider and scope ("2024", "all", "labs") finished."""
    return session.scalar(select(func.max(CrawlRun.finished_at))
                          .where(CrawlRun.spider == spider, CrawlRun.scope == scope,
                                 CrawlRun.status == "healthy"))


def revisions_since(session: Session, since: str, revision: Any = EventRevision) -> Any:
    """The condition on ``event_revision`` (or ``lab_revision``) for ``--since RUN_ID|DATE``
    (a Paris day), or ``InvalidQuery`` for an unknown run or a malformed value. Shared by
    every command."""
    if since.isdigit():
        if int(since) > INT64_MAX or session.get(CrawlRun, int(since)) is None:
            raise InvalidQuery(f"unknown run {since} (see `mipcrawl runs`)")
        return revision.run_id >= int(since)
    try:
        day = dt.date.fromisoformat(since)
    except ValueError as exc:
        raise InvalidQuery(f"--since wants a run id or a date (YYYY-MM-DD), not {since!r}") from exc
    return revision.at >= dt.datetime.combine(day, dt.time(0), tzinfo=PARIS)


def changes(session: Session, *, since: str | None = None, edition: int | None = None) -> list[dict[str, Any]]:
    """Revisions in order, with the event's current URL (``change`` as stored, "added" included)."""
    check_edition(session, edition)
    stmt = (select(EventRevision, Event.url, Event.title, Event.edition)
            .join(Event, Event.id == EventRevision.event_id).order_by(EventRevision.id))
    if since:
        stmt = stmt.where(revisions_since(session, since))
    if edition is not None:
        stmt = stmt.where(Event.edition == edition)
    return [_change_row(rev, url, title, ed) for rev, url, title, ed in session.execute(stmt)]


def lab_changes(session: Session, *, since: str | None = None) -> list[dict[str, Any]]:
    """Lab revisions in order, with the page's URL (the lab's current sheet for a change of the
    lab itself) and the lab's name (``added``, ``changed`` per field; ``renamed``, ``moved``…)."""
    stmt = (select(LabRevision, func.coalesce(LabPage.url, Lab.url), Lab.name)
            .join(Lab, Lab.id == LabRevision.lab_id).outerjoin(LabPage, LabPage.id == LabRevision.page_id)
            .order_by(LabRevision.id))
    if since:
        stmt = stmt.where(revisions_since(session, since, LabRevision))
    return [{"run_id": rev.run_id, "at": iso(rev.at), "url": url, "title": name, "change": rev.change,
             "field": rev.field, "old": rev.old, "new": rev.new, "capture_id": rev.capture_id}
            for rev, url, name in session.execute(stmt)]


def _change_row(rev: EventRevision, url: str, title: str, edition: int | None) -> dict[str, Any]:
    return {"run_id": rev.run_id, "at": iso(rev.at), "url": url, "edition": edition, "title": title,
            "change": rev.change, "field": rev.field, "old": rev.old, "new": rev.new,
            "parser_version": rev.parser_version, "capture_id": rev.capture_id,
            "source": rev.origin, "captured_at": iso(rev.captured_at)}


def event_pages(session: Session, edition: int | None) -> tuple[dict[str, str], set[str]]:
    """(URL → title of the stored events of ``edition`` — every edition when None —, the
    capture ids their rows name)."""
    query = select(Event.url, Event.title, Event.capture_id)
    if edition is not None:
        query = query.where(Event.edition == edition)
    titles, chosen = {}, set()
    for url, title, capture in session.execute(query):
        titles[url] = title
        if capture:
            chosen.add(capture)
    return titles, chosen


def run_by_id(session: Session, run_id: int) -> CrawlRun | None:
    return session.get(CrawlRun, run_id)


def run_gaps(session: Session, run_id: int) -> list[dict[str, Any]] | None:
    """The pages a run from a web archive found no usable capture of ({url, kind, reason},
    every edition of the run), or None when there is no such run."""
    run = session.get(CrawlRun, run_id)
    if run is None:
        return None
    return [gap for figures in (run.gate or {}).values() if isinstance(figures, dict)
            for gap in figures.get("gaps", [])]


def run_listing_captured(session: Session, run_id: int) -> tuple[int, int]:
    """(listing pages read, listing pages read or known to be missing from the archive) of a run."""
    run = session.get(CrawlRun, run_id)
    pairs: list[list[int]] = [f["listing_captured"] for f in ((run.gate if run else None) or {}).values()
                              if isinstance(f, dict) and f.get("listing_captured")]
    return sum(p[0] for p in pairs), sum(p[1] for p in pairs)


def find_event(session: Session, url: str) -> Event | None:
    """The event at ``url`` now, or the one that lived there before a move."""
    try:
        url = canonical_url(url)
    except ValueError:
        return None
    event = session.scalar(select(Event).where(Event.url == url))
    if event is not None:
        return event
    moves = session.execute(select(EventRevision.event_id, EventRevision.old).where(EventRevision.field == "url"))
    for event_id, old in moves:
        if old == url:
            return session.get(Event, event_id)
    return None


def history(session: Session, event: Event) -> list[dict[str, Any]]:
    revs = session.scalars(select(EventRevision).where(EventRevision.event_id == event.id).order_by(EventRevision.id))
    return [_change_row(r, event.url, event.title, event.edition) for r in revs]


def labs(session: Session) -> list[Lab]:
    return list(session.scalars(select(Lab).order_by(Lab.region_code, Lab.name)))


def lab_overview(session: Session) -> list[dict[str, Any]]:
    """Every lab (by région and name) with its pages (current sheet first), its aliases and
    the number of events it runs per edition."""
    pages: dict[int, list[dict[str, Any]]] = {}
    for page in session.scalars(select(LabPage).order_by(LabPage.lab_id, LabPage.kind.desc(), LabPage.id)):
        pages.setdefault(page.lab_id, []).append({"url": page.url, "kind": page.kind, "name": page.name,
                                                  "last_seen": iso(page.last_seen)})
    events: dict[int | None, dict[int | None, int]] = {}
    stmt = (select(Event.lab_id, Event.edition, func.count()).where(Event.lab_id.is_not(None))
            .group_by(Event.lab_id, Event.edition))
    for lab_id, edition, n in session.execute(stmt):
        events.setdefault(lab_id, {})[edition] = n
    return [{"key": lab.key, "name": lab.name, "region_code": lab.region_code, "region_text": lab.region_text,
             "host": lab.host, "year_created": lab.year_created, "url": lab.url, "aliases": lab.aliases or [],
             "pages": pages.get(lab.id, []), "events": events.get(lab.id, {})} for lab in labs(session)]


def editions(session: Session) -> list[dict[str, Any]]:
    counts: dict[int, dict[str, int]] = {}
    for year, status, n in session.execute(
        select(Event.edition, Event.status, func.count()).group_by(Event.edition, Event.status)
    ):
        if year is not None:
            counts.setdefault(year, {})[status] = n
    rows = []
    for ed in session.scalars(select(Edition).order_by(Edition.year)):
        by_status = counts.get(ed.year, {})
        rows.append({"year": ed.year, "name": ed.name, "start": iso(ed.start_date), "end": iso(ed.end_date),
                     "events": sum(by_status.values()), "by_status": by_status})
    return rows
