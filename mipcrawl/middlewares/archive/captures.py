"""The Wayback Machine's conventions, pure: CDX answers read into captures, the capture that
best represents an edition's finished programme, the order in which a page's captures are
tried, memento URLs. No I/O: the Scrapy side is ``wayback.py``.

The ``wayback`` package (EDGI) speaks the same conventions but is not used: its client
fetches through its own ``requests`` session (outside Scrapy's politeness, retries, cache,
WARC and run record), its CDX and memento hosts are fixed to web.archive.org (no
``--archive-url``), and importing it patches urllib3's header class process-wide.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from urllib.parse import urlencode

TS_FORMAT = "%Y%m%d%H%M%S"
GRACE = dt.timedelta(days=31)          # "shortly after" the edition's month
FIELDS = "timestamp,original,statuscode,digest"


class ArchiveAnswerError(ValueError):
    """The archive answered something that is not a CDX answer."""


@dataclass(frozen=True)
class Capture:
    timestamp: str          # 14 digits, UTC
    original: str
    status: str
    digest: str

    @property
    def when(self) -> dt.datetime:
        return parse_timestamp(self.timestamp)


def parse_timestamp(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, TS_FORMAT).replace(tzinfo=dt.UTC)


def cdx_url(archive_url: str, url: str, *, year: int | None, only_ok: bool = True) -> str:
    """The CDX query for the captures of ``url`` made in ``year`` or the year after (any
    year when None), with status 200 and consecutive identical captures collapsed
    (``only_ok=False``: every capture, to say why a page has none)."""
    params = {"url": url, "output": "json", "fl": FIELDS}
    if year is not None:
        params |= {"from": str(year), "to": str(year + 1)}
    if only_ok:
        params |= {"filter": "statuscode:200", "collapse": "digest"}
    return f"{archive_url.rstrip('/')}/cdx/search/cdx?{urlencode(params)}"


def memento_url(archive_url: str, capture: Capture) -> str:
    """The capture's original bytes (``id_``: no toolbar, no rewritten links)."""
    return f"{archive_url.rstrip('/')}/web/{capture.timestamp}id_/{capture.original}"


def read_cdx(body: bytes) -> list[Capture]:
    """The captures of a JSON CDX answer (a header row naming the fields, then rows)."""
    try:
        table = json.loads(body)
    except (UnicodeDecodeError, ValueError) as exc:
        start = body[:40].decode("utf-8", "replace").strip()
        raise ArchiveAnswerError(f"the CDX answer is not JSON (it starts {start!r})") from exc
    if not isinstance(table, list) or not all(isinstance(r, list) for r in table):
        raise ArchiveAnswerError("the CDX answer is not a table of rows")
    if not table:
        return []
    names = table[0]
    missing = [f for f in FIELDS.split(",") if f not in names]
    if missing:
        raise ArchiveAnswerError(f"the CDX answer lacks the field(s) {', '.join(missing)}")
    at = {f: names.index(f) for f in FIELDS.split(",")}
    return [Capture(r[at["timestamp"]], r[at["original"]], r[at["statuscode"]], r[at["digest"]])
            for r in table[1:] if len(r) == len(names) and r[at["timestamp"]].isdigit()]


def reference(captures: list[Capture], start: dt.date, end: dt.date) -> Capture | None:
    """The capture that best represents the finished programme: the last one inside the
    edition's dates or up to 31 days after them; failing that, the last one before."""
    lo = dt.datetime.combine(start, dt.time(), tzinfo=dt.UTC)
    hi = dt.datetime.combine(end, dt.time(23, 59, 59), tzinfo=dt.UTC) + GRACE
    inside = [c for c in captures if lo <= c.when <= hi]
    before = [c for c in captures if c.when < lo]
    return (inside or before or [None])[-1]


def nearest_first(captures: list[Capture], at: dt.datetime, skip: frozenset[str] = frozenset()) -> list[Capture]:
    """The captures to try, nearest ``at`` first (ties: the earlier), those in ``skip`` left out."""
    kept = [c for c in captures if c.timestamp not in skip]
    return sorted(kept, key=lambda c: (abs(c.when - at), c.timestamp))


def why_none(captures: list[Capture]) -> str:
    """Why a page whose CDX answer held no status-200 capture has none to read."""
    if not captures:
        return "not captured"
    statuses = sorted({c.status for c in captures})
    return f"no capture with status 200 (only {', '.join(statuses)})"


def at_date(text: str) -> dt.datetime:
    """``--at YYYYMMDD`` as the moment to read the archive at (noon UTC that day)."""
    if len(text) != 8 or not text.isdigit():
        raise ValueError(f"--at {text!r}: expected YYYYMMDD")
    day = dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
