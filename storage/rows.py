"""Values of an ``event`` row that storage derives and compares (pure functions).

``content_hash`` hashes the content fields (``mipcrawl.fields.CONTENT_FIELDS``), so a
changed capture id or fetch time alone is not a change; ``fingerprint`` is the fallback
identity (edition, normalised title, Paris start day, commune code or ``online``) used to
recognise a re-slugged event. ``pipelines.records`` builds the rows from items with them.

Times: an all-day date becomes the instant of Paris midnight (``start_at``) plus the
date itself (``start_date``); an aware datetime is stored as its UTC instant, with its
Paris calendar day. A naive datetime is read as Paris wall time (zoneinfo, never a
fixed offset).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
import unicodedata
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mipcrawl.fields import CONTENT_FIELDS
from parsers import PARIS

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


def display_time(instant: dt.datetime | None, all_day: bool | None, zone: str | None = None) -> str | None:
    """ISO 8601 with the offset of ``zone`` (the event's clock; Paris by default), or the
    plain day for all-day values (stored as Paris midnight, so read in Paris)."""
    if instant is None:
        return None
    if all_day:
        return instant.astimezone(PARIS).date().isoformat()
    return instant.astimezone(zone_named(zone)).isoformat()


@functools.lru_cache(maxsize=64)
def zone_named(name: str | None) -> ZoneInfo:
    """The zone of that name; Paris for none, or for a name zoneinfo does not know."""
    if not name:
        return PARIS
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return PARIS


def jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if hasattr(value, "start") and hasattr(value, "end"):
        return [jsonable(value.start), jsonable(value.end)]
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
    payload = {name: jsonable(record.get(name)) for name in CONTENT_FIELDS}
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


LAB_KEY = "_lab"   # not a column: the key of the event's lab (EventStore.ingest makes it lab_id)
REDIRECTED_FROM = "_redirected_from"   # not a column: the URLs that redirected here (EventStore.ingest takes it off)
