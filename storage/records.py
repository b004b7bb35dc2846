"""From a normalised ``EventItem`` to the column values of an ``event`` row.

Pure functions. ``event_record`` gives the columns; ``content_hash`` hashes the
normalised fields (``HASHED``), so a changed capture id or fetch time alone is not a
change; ``fingerprint`` is the fallback identity (edition, normalised title, Paris
start day, commune code or ``online``) used to recognise a re-slugged event.

Times: an all-day date becomes the instant of Paris midnight (``start_at``) plus the
date itself (``start_date``); an aware datetime is stored as its UTC instant, with its
Paris calendar day. A naive datetime is read as Paris wall time (zoneinfo, never a
fixed offset).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from typing import Any
from zoneinfo import ZoneInfo

from mipcrawl.items import EventItem
from storage.urls import canonical_url

PARIS = ZoneInfo("Europe/Paris")

# Fields whose change is a change of the event (hashed and diffed), in display order.
HASHED = (
    "title", "edition", "status", "start_at", "end_at", "all_day", "slots", "when_text",
    "place_text", "attendance", "venue", "street", "postcode", "commune_code", "commune_name",
    "departement_code", "region_code", "organiser", "formats", "parcours", "audience",
    "access", "registration_url", "online_url", "description_text",
)
MAX_URL = 1000   # event.url is String(1000)
_TAGS = re.compile(r"\[[^\]]*\]")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def to_instant(value: dt.date | dt.datetime | None) -> tuple[dt.datetime | None, dt.date | None]:
    """(UTC instant, Paris calendar day) of a date or datetime."""
    if value is None:
        return None, None
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=PARIS)
        return aware.astimezone(dt.UTC), aware.astimezone(PARIS).date()
    midnight = dt.datetime.combine(value, dt.time(0), tzinfo=PARIS)
    return midnight.astimezone(dt.UTC), value


def display_time(instant: dt.datetime | None, all_day: bool | None) -> str | None:
    """ISO 8601 with the Paris offset, or the plain Paris date for all-day values."""
    if instant is None:
        return None
    local = instant.astimezone(PARIS)
    return local.date().isoformat() if all_day else local.isoformat()


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "start") and hasattr(value, "end"):
        return [_jsonable(value.start), _jsonable(value.end)]
    return value


def normalise_title(title: str | None) -> str:
    text = _TAGS.sub(" ", title or "")
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", text).strip()


def place_key(record: dict[str, Any]) -> str:
    if record.get("commune_code"):
        return str(record["commune_code"])
    return "online" if record.get("attendance") == "online" else ""


def fingerprint(record: dict[str, Any]) -> str | None:
    title = normalise_title(record.get("title"))
    day = record.get("start_date")
    if not title or day is None:
        return None
    return f"{record.get('edition')}|{title[:400]}|{day.isoformat()}|{place_key(record)}"


def content_hash(record: dict[str, Any]) -> str:
    payload = {name: _jsonable(record.get(name)) for name in HASHED}
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


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
        "slots": _jsonable(list(item.slots)) if item.slots else None,
        "formats": list(item.formats) if item.formats else None,
        "parser_version": parser_version,
        "capture_id": item.capture_id,
        "fetched_at": item.fetched_at if item.fetched_at and item.fetched_at.tzinfo else None,
    }
    for name in (
        "when_text", "place_text", "attendance", "venue", "street", "postcode", "commune_code",
        "commune_name", "departement_code", "region_code", "organiser", "parcours", "audience",
        "access", "registration_url", "online_url", "description_text",
    ):
        record[name] = getattr(item, name)
    record["fingerprint"] = fingerprint(record)
    record["content_hash"] = content_hash(record)
    record[REDIRECTED_FROM] = _redirect_sources(item, url)
    return record


REDIRECTED_FROM = "_redirected_from"   # not a column: EventStore.ingest takes it off the record


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
