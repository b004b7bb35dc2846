"""From a normalised item to the column values of its row: ``event_record``, ``lab_record``.

Pure functions: the store pipeline hands their rows to ``storage``, which never sees an
item. Times: an all-day date becomes the instant of Paris midnight (``start_at``) plus the
date itself (``start_date``); an aware datetime is stored as its UTC instant with its
Paris calendar day; a naive one is read as Paris wall time (``storage.rows.to_instant``).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from mipcrawl.fields import COPIED, LAB_FIELDS
from mipcrawl.items import EventItem, LabItem
from storage.labs import REDIRECTED_FROM as LAB_REDIRECTED_FROM
from storage.rows import (
    LAB_KEY,
    MAX_URL,
    REDIRECTED_FROM,
    content_hash,
    fingerprint,
    jsonable,
    to_instant,
)
from storage.urls import canonical_url


def event_record(item: EventItem, *, parser_version: str) -> dict[str, Any]:
    """The ``event`` column values read from ``item`` (identity, content, provenance)."""
    url = canonical_url(item.url)
    if len(url) > MAX_URL:
        raise ValueError(f"URL longer than {MAX_URL} characters")
    start_at, start_date = to_instant(item.start)
    end_at, end_date = to_instant(item.end)
    record: dict[str, Any] = {
        "url": url,
        "edition": item.edition if item.edition is not None else item.edition_hint,
        "title": (item.title or "").strip(),
        "status": item.status if item.status in ("scheduled", "cancelled") else "scheduled",
        "start_at": start_at, "end_at": end_at, "start_date": start_date, "end_date": end_date,
        "all_day": item.all_day,
        "slots": jsonable(list(item.slots)) if item.slots else None,
        "formats": list(item.formats) if item.formats else None,
        "parser_version": parser_version,
        "capture_id": item.capture_id,
        "fetched_at": item.fetched_at if item.fetched_at and item.fetched_at.tzinfo else None,
        "origin": item.origin,
        "captured_at": item.captured_at,
        "memento_url": item.memento_url,
    }
    for name in COPIED:
        record[name] = getattr(item, name)
    record["fingerprint"] = fingerprint(record)
    record["content_hash"] = content_hash(record)
    record[REDIRECTED_FROM] = _redirect_sources(item, url)
    record[LAB_KEY] = item.lab
    record["lab_method"], record["lab_confidence"] = (item.lab_method, item.lab_confidence) if item.lab else (None, None)
    return record


def _redirect_sources(item: EventItem, url: str) -> list[str]:
    """The canonical URLs that redirected to this page (an old slug's 301), bad ones skipped."""
    sources = []
    for old in getattr(item, "redirected_from", None) or ():
        try:
            source = canonical_url(old)
        except ValueError:
            continue
        if source != url and len(source) <= MAX_URL:
            sources.append(source)
    return sources


def _canonical(urls: list[str]) -> set[str]:
    found = set()
    for url in urls:
        try:
            found.add(canonical_url(url))
        except ValueError:
            continue
    return found


def lab_record(item: LabItem) -> dict[str, Any]:
    """The ``lab_page`` column values read from ``item``, with the hash of its content (the
    pages it links to and was redirected from are not content: they tell which lab it is)."""
    url = canonical_url(item.url)
    record: dict[str, Any] = {"url": url, "capture_id": item.capture_id, "kind": item.kind,
                              "links": sorted(_canonical(item.links) - {url}) or None,
                              LAB_REDIRECTED_FROM: sorted(_canonical(item.redirected_from) - {url})}
    for name in LAB_FIELDS:
        value = getattr(item, name)
        if name == "tags":
            value = list(value) or None
        elif name == "sections":
            value = dict(value) or None
        record[name] = value
    blob = json.dumps({n: record[n] for n in LAB_FIELDS}, sort_keys=True, ensure_ascii=False, default=str)
    record["content_hash"] = hashlib.sha256(blob.encode()).hexdigest()
    return record
