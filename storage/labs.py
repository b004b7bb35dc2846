"""The lab repository: upsert lab sheets by canonical URL; unchanged sheets only get ``last_seen``."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mipcrawl.items import LabItem
from models import Lab
from storage.upsert import upsert
from storage.urls import canonical_url

_LAB = Lab.__table__
_FIELDS = ("name", "title", "region_text", "region_code", "host", "year_created", "category",
           "tags", "lead", "sections", "website")


def lab_record(item: LabItem) -> dict[str, Any]:
    record: dict[str, Any] = {"url": canonical_url(item.url), "capture_id": item.capture_id}
    for name in _FIELDS:
        value = getattr(item, name)
        record[name] = (list(value) or None) if name == "tags" else (dict(value) or None) if name == "sections" else value
    blob = json.dumps({n: record[n] for n in _FIELDS}, sort_keys=True, ensure_ascii=False, default=str)
    record["content_hash"] = hashlib.sha256(blob.encode()).hexdigest()
    return record


def store_labs(session: Session, records: list[dict[str, Any]], now: dt.datetime) -> dict[str, int]:
    """Upsert ``records``; returns counts new/changed/unchanged."""
    records = list({r["url"]: r for r in records}.values())
    known = dict(session.execute(
        select(_LAB.c.url, _LAB.c.content_hash).where(_LAB.c.url.in_([r["url"] for r in records]))
    ).all())
    same = [r["url"] for r in records if known.get(r["url"]) == r["content_hash"]]
    write = [{**r, "first_seen": now, "last_seen": now, "last_changed": now}
             for r in records if known.get(r["url"]) != r["content_hash"]]
    if same:
        session.execute(update(_LAB).where(_LAB.c.url.in_(same)).values(last_seen=now))
    cols = [c for c in write[0] if c not in ("url", "first_seen")] if write else []
    upsert(session, _LAB, write, key=["url"], update=cols)
    changed = sum(1 for r in write if r["url"] in known)
    return {"new": len(write) - changed, "changed": changed, "unchanged": len(same)}
