"""The lab repository: lab pages stored by canonical URL, each resolved to its lab.

``store_labs`` upserts the pages a crawl read (an unchanged page only gets ``last_seen``; a
new one an ``added`` revision, a changed one a ``changed`` revision per field), then resolves
every page to its lab by the identity rules of ``storage.lab_identity`` (région and name
key, former names, links and redirects; a page stored under a lab stays with it): a new
spelling of a known lab is one more page and alias of it, never a new lab; pages found to
be of two stored labs merge them into the older (a ``merged`` revision). Each lab touched
is then derived again from its pages (``lab_values``); a change of its name is a
``renamed`` revision, of its current sheet's URL a ``moved`` one, a new name an ``alias``
one — lab revisions without a page.

``lab_refs`` gives the labs as the event linker takes them (``parsers.lablink.LabRef``);
``relink`` links every stored event again from its raw organiser and description texts
(called when a lab run changed the labs, and by the migration that made labs entities).
The repository receives a session and never commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, insert, inspect, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from mipcrawl.fields import LAB_FIELDS
from models import Event, Lab, LabPage, LabRevision
from parsers.lablink import LabRef, link_lab
from storage.db import StorageError, make_engine
from storage.lab_identity import group_pages, lab_values, page_facts
from storage.upsert import upsert

_LAB, _PAGE, _REV = Lab.__table__, LabPage.__table__, LabRevision.__table__
REDIRECTED_FROM = "redirected_from"   # in a page record, not a column: URLs that redirected to it


def store_labs(session: Session, records: list[dict[str, Any]], now: dt.datetime,
               run_id: int | None = None) -> dict[str, int]:
    """Store the lab page ``records`` and resolve them to labs; counts new/changed/unchanged pages."""
    records = list({r["url"]: r for r in records}.values())
    stored = {row.url: row._asdict() for row in session.execute(select(_PAGE))}
    lab_of, created = _resolve(session, records, stored, now, run_id)
    counts, written = _write_pages(session, records, stored, lab_of, now, run_id)
    _refresh(session, set(lab_of.values()), now, run_id, created=created, written=created | written)
    return counts


def _resolve(session: Session, records: list[dict[str, Any]], stored: dict[str, dict[str, Any]],
             now: dt.datetime, run_id: int | None) -> tuple[dict[str, int], set[int]]:
    """(URL → lab id of every record, ids of the labs made for them)."""
    fresh = {r["url"]: r for r in records}
    facts = [page_facts(row, lab_id=row["lab_id"]) for url, row in stored.items() if url not in fresh]
    facts += [page_facts(r, lab_id=stored[r["url"]]["lab_id"] if r["url"] in stored else None) for r in records]
    lab_of: dict[str, int] = {}
    created: set[int] = set()
    for group in group_pages(facts):
        if not any(f.url in fresh for f in group):
            continue
        labs = sorted({f.lab_id for f in group if f.lab_id is not None})
        if labs:
            target = labs[0]
            for other in labs[1:]:
                _merge(session, other, into=target, now=now, run_id=run_id)
        else:
            target = _new_lab(session, [_as_row(fresh[f.url], now) for f in group if f.url in fresh], now)
            created.add(target)
        lab_of.update({f.url: target for f in group})
    return lab_of, created


def _as_row(record: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    return {**record, "first_seen": now, "last_seen": now}


def _new_lab(session: Session, rows: list[dict[str, Any]], now: dt.datetime) -> int:
    values = lab_values(rows)
    values["key"] = _free_key(session, values["key"], None)
    return int(session.execute(insert(_LAB).values(**values, first_seen=now, last_seen=now, last_changed=now)
                               .returning(_LAB.c.id)).scalar_one())


def _free_key(session: Session, key: str, lab_id: int | None) -> str:
    """``key``, or ``key-2``, ``key-3``… when another lab holds it."""
    taken = {k for k, i in session.execute(select(_LAB.c.key, _LAB.c.id)) if i != lab_id}
    candidate, n = key, 1
    while candidate in taken:
        n += 1
        candidate = f"{key}-{n}"
    return candidate


def _merge(session: Session, other: int, *, into: int, now: dt.datetime, run_id: int | None) -> None:
    """Lab ``other`` is lab ``into``: its pages, history and events move, its row goes."""
    old_key = session.scalar(select(_LAB.c.key).where(_LAB.c.id == other))
    for table in (_PAGE, _REV):
        session.execute(update(table).where(table.c.lab_id == other).values(lab_id=into))
    session.execute(update(Event.__table__).where(Event.__table__.c.lab_id == other).values(lab_id=into))
    session.execute(delete(_LAB).where(_LAB.c.id == other))
    session.execute(insert(_REV).values(lab_id=into, page_id=None, run_id=run_id, at=now, change="merged",
                                        field="key", old=old_key, new=None, capture_id=None))


def _write_pages(session: Session, records: list[dict[str, Any]], stored: dict[str, dict[str, Any]],
                 lab_of: dict[str, int], now: dt.datetime, run_id: int | None) -> tuple[dict[str, int], set[int]]:
    """Upsert the pages with their revisions: (counts, ids of the labs whose pages were written)."""
    rows = [{k: v for k, v in r.items() if k != REDIRECTED_FROM} | {"lab_id": lab_of[r["url"]]} for r in records]
    same = [r for r in rows if r["url"] in stored and stored[r["url"]]["content_hash"] == r["content_hash"]]
    write = [{**r, "first_seen": now, "last_seen": now, "last_changed": now} for r in rows if r not in same]
    if same:
        session.execute(update(_PAGE).where(_PAGE.c.url.in_([r["url"] for r in same])).values(last_seen=now))
        for r in same:   # what the page links to is no content of it: kept current without a revision
            if r.get("links") != stored[r["url"]]["links"] and "links" in r:
                session.execute(update(_PAGE).where(_PAGE.c.url == r["url"]).values(links=r["links"]))
    cols = [c for c in write[0] if c not in ("url", "first_seen")] if write else []
    upsert(session, _PAGE, write, key=["url"], update=cols)
    if write:
        found = session.execute(select(_PAGE.c.url, _PAGE.c.id).where(_PAGE.c.url.in_([r["url"] for r in write])))
        ids: dict[str, int] = {url: page_id for url, page_id in found}
        revisions = [rev for r in write for rev in _revisions(ids[r["url"]], stored.get(r["url"]), r, now, run_id)]
        if revisions:
            session.execute(insert(_REV), revisions)
    changed = sum(1 for r in write if r["url"] in stored)
    return {"new": len(write) - changed, "changed": changed, "unchanged": len(same)}, {r["lab_id"] for r in write}


def _revisions(page_id: int, old: dict[str, Any] | None, new: dict[str, Any], now: dt.datetime,
               run_id: int | None) -> list[dict[str, Any]]:
    base = {"lab_id": new["lab_id"], "page_id": page_id, "run_id": run_id, "at": now,
            "capture_id": new.get("capture_id")}
    if old is None:
        return [{**base, "change": "added", "field": None, "old": None, "new": None}]
    return [{**base, "change": "changed", "field": name, "old": old.get(name), "new": new.get(name)}
            for name in LAB_FIELDS if old.get(name) != new.get(name)]


def _refresh(session: Session, lab_ids: set[int], now: dt.datetime, run_id: int | None, *,
             created: set[int], written: set[int]) -> None:
    """Derive each lab again from its pages; a change of its name, URL or names goes into its
    history (not for the labs just ``created``); ``written``: labs with a page new or changed."""
    for lab_id in sorted(lab_ids):
        pages = [row._asdict() for row in session.execute(select(_PAGE).where(_PAGE.c.lab_id == lab_id))]
        old = session.execute(select(_LAB).where(_LAB.c.id == lab_id)).one()._asdict()
        values = lab_values(pages)
        values["key"] = _free_key(session, values["key"], lab_id)
        history = [] if lab_id in created else _lab_changes(old, values)
        changed = {k: v for k, v in values.items() if old[k] != v}
        stamp = {"last_changed": now} if history or lab_id in written else {}
        session.execute(update(_LAB).where(_LAB.c.id == lab_id).values(**changed, last_seen=now, **stamp))
        if history:
            session.execute(insert(_REV), [{"lab_id": lab_id, "page_id": None, "run_id": run_id, "at": now,
                                            "capture_id": None, **h} for h in history])


def _lab_changes(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """The lab revisions between its stored and derived values."""
    out = []
    if old["name"] != new["name"] and old["name"] is not None:
        out.append({"change": "renamed", "field": "name", "old": old["name"], "new": new["name"]})
    if old["url"] != new["url"]:
        out.append({"change": "moved", "field": "url", "old": old["url"], "new": new["url"]})
    known = {*(old["aliases"] or ()), old["name"]}
    out += [{"change": "alias", "field": "aliases", "old": None, "new": name}
            for name in new["aliases"] or () if name not in known]
    return out


def lab_refs(session: Session) -> list[LabRef]:
    """The labs as the event linker takes them (key, name, aliases, région), by id."""
    rows = session.execute(select(_LAB.c.key, _LAB.c.name, _LAB.c.aliases, _LAB.c.region_code).order_by(_LAB.c.id))
    return [LabRef(key, name or key, tuple(aliases or ()), region) for key, name, aliases, region in rows]


def known_labs(url: str) -> list[LabRef]:
    """``lab_refs`` of the database at ``url``, read once at a crawl's start; none when it
    cannot be read (no database or schema yet: the store reports that itself)."""
    try:
        engine = make_engine(url)
    except StorageError:
        return []
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("lab") or "key" not in {c["name"] for c in inspect(conn).get_columns("lab")}:
                return []
            with Session(bind=conn) as session:
                return lab_refs(session)
    except (SQLAlchemyError, StorageError):
        return []
    finally:
        engine.dispose()


def link_values(organiser: str | None, description: str | None, refs: Sequence[LabRef],
                region_code: str | None, ids: dict[str, int]) -> tuple[int | None, str | None, float | None]:
    """(lab id, method, confidence) of the lab an event's texts name; all None for no lab."""
    link = link_lab(organiser, description, refs, region_code=region_code)
    if link is None or link.key not in ids:
        return None, None, None
    return ids[link.key], link.method, link.confidence


def relink(session: Session) -> int:
    """Link every stored event again from its raw texts with the labs stored now; how many
    events' links changed."""
    refs = tuple(lab_refs(session))
    ids = {key: lab_id for key, lab_id in session.execute(select(_LAB.c.key, _LAB.c.id))}
    ev = Event.__table__
    rows = session.execute(select(ev.c.id, ev.c.organiser, ev.c.description_text, ev.c.region_code,
                                  ev.c.lab_id, ev.c.lab_method, ev.c.lab_confidence))
    updates = []
    for row in rows:
        new = link_values(row.organiser, row.description_text, refs, row.region_code, ids)
        if new != (row.lab_id, row.lab_method, row.lab_confidence):
            updates.append({"id": row.id, "lab_id": new[0], "lab_method": new[1], "lab_confidence": new[2]})
    if updates:
        session.execute(update(Event), updates)
    return len(updates)


def relink_if_changed(session: Session, before: Sequence[LabRef]) -> int:
    """``relink`` when the labs differ from ``before`` (a lab run's start); else 0."""
    return relink(session) if tuple(lab_refs(session)) != tuple(before) else 0


