"""The lab repository: upsert lab sheets by canonical URL; unchanged sheets only get ``last_seen``;
a new sheet gets an ``added`` revision, a changed one a ``changed`` revision per field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from mipcrawl.fields import LAB_FIELDS
from models import Lab, LabRevision
from storage.upsert import upsert

_LAB = Lab.__table__


def store_labs(session: Session, records: list[dict[str, Any]], now: dt.datetime,
               run_id: int | None = None) -> dict[str, int]:
    """Upsert ``records`` with their revisions; returns counts new/changed/unchanged."""
    records = list({r["url"]: r for r in records}.values())
    stored = {row.url: row._asdict() for row in session.execute(
        select(_LAB).where(_LAB.c.url.in_([r["url"] for r in records])))}
    same = [r["url"] for r in records if r["url"] in stored and stored[r["url"]]["content_hash"] == r["content_hash"]]
    write = [{**r, "first_seen": now, "last_seen": now, "last_changed": now}
             for r in records if r["url"] not in same]
    if same:
        session.execute(update(_LAB).where(_LAB.c.url.in_(same)).values(last_seen=now))
    cols = [c for c in write[0] if c not in ("url", "first_seen")] if write else []
    upsert(session, _LAB, write, key=["url"], update=cols)
    if write:
        found = session.execute(select(_LAB.c.url, _LAB.c.id).where(_LAB.c.url.in_([r["url"] for r in write])))
        ids: dict[str, int] = {url: lab_id for url, lab_id in found}
        revisions = [rev for r in write for rev in _revisions(ids[r["url"]], stored.get(r["url"]), r, now, run_id)]
        if revisions:
            session.execute(insert(LabRevision.__table__), revisions)
    changed = sum(1 for r in write if r["url"] in stored)
    return {"new": len(write) - changed, "changed": changed, "unchanged": len(same)}


def _revisions(lab_id: int, old: dict[str, Any] | None, new: dict[str, Any], now: dt.datetime,
               run_id: int | None) -> list[dict[str, Any]]:
    base = {"lab_id": lab_id, "run_id": run_id, "at": now, "capture_id": new.get("capture_id")}
    if old is None:
        return [{**base, "change": "added", "field": None, "old": None, "new": None}]
    return [{**base, "change": "changed", "field": name, "old": old.get(name), "new": new.get(name)}
            for name in LAB_FIELDS if old.get(name) != new.get(name)]
