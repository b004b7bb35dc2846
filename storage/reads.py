"""The read side's SQL: what the exports (``mipcrawl.exports``) and the report format.

Every function takes a session and plain values (a ``Selection``, ids) and returns model
rows or plain mappings; none formats or writes anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from models import Edition, Event, EventRevision, Lab, LabPage, LabRevision
from storage.selection import Selection, region_code, where


def events_with_duplicates(session: Session, selection: Selection) -> Iterator[tuple[Event, str | None]]:
    """(event, URL of the event it probably duplicates) for the selection, by edition, start
    and URL, streamed."""
    original = aliased(Event)
    stmt = (select(Event, original.url).outerjoin(original, original.id == Event.duplicate_of)
            .where(where(session, selection))
            .order_by(Event.edition, Event.start_at, Event.url))
    yield from session.execute(stmt.execution_options(yield_per=500))


def revision_counts(session: Session, ids: Iterable[int]) -> dict[int, int]:
    """Event id → number of runs that revised it after it was added (iCalendar's SEQUENCE)."""
    stmt = (select(EventRevision.event_id, func.count(func.distinct(EventRevision.run_id)))
            .where(EventRevision.change != "added").group_by(EventRevision.event_id))
    wanted = set(ids)
    return {eid: n for eid, n in session.execute(stmt) if eid in wanted}


def first_urls(session: Session) -> dict[int, str]:
    """Event id → the URL it had before its first move (only for moved events)."""
    stmt = (select(EventRevision.event_id, EventRevision.old).where(EventRevision.field == "url")
            .order_by(EventRevision.id.desc()))
    return {eid: old for eid, old in session.execute(stmt) if isinstance(old, str)}


def edition_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Edition.year, Edition.name)).all())


def package_rows(session: Session, selection: Selection) -> dict[str, Iterable[Any]]:
    """The rows of each table of the data package: editions, the selected events and their
    revisions, the labs (of the selected région), their pages and their history."""
    chosen = where(session, selection)
    ids = select(Event.id).where(chosen)
    labs = select(Lab).order_by(Lab.id)
    if selection.region is not None:
        labs = labs.where(Lab.region_code == region_code(selection.region))
    lab_ids = labs.with_only_columns(Lab.id)
    return {
        "editions": session.scalars(select(Edition).order_by(Edition.year)).all(),
        "events": session.scalars(select(Event).where(chosen).order_by(Event.id)).all(),
        "revisions": session.scalars(select(EventRevision).where(EventRevision.event_id.in_(ids))
                                     .order_by(EventRevision.id)).all(),
        "labs": session.scalars(labs).all(),
        "lab_pages": session.scalars(select(LabPage).where(LabPage.lab_id.in_(lab_ids)).order_by(LabPage.id)).all(),
        "lab_revisions": session.scalars(select(LabRevision).where(LabRevision.lab_id.in_(lab_ids))
                                         .order_by(LabRevision.id)).all(),
    }
