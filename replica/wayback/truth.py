"""What a perfect archive crawl of each past edition recovers (``_truth/archive/``).

The rule a perfect crawl follows (the crawler's own, stated in ``replica/README.md``):

1. The reference time of an edition is its first listing page's capture with status 200
   (captures collapsed by digest) that is the last inside the edition's month or up to 31
   days after it; failing that, the last one before.
2. Every page (listing pages after the first, event pages linked from a listing capture) is
   read from its status-200 capture (collapsed by digest) nearest to the reference time
   that is usable: not an error page, not a page carrying the archive's toolbar, not a page
   of another edition. Ties go to the earlier capture.
3. A page with no usable capture is missing, with the reason; the events only its listing
   linked are not found.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path

from replica.build import TRUTH_DIR
from replica.editions import Edition, listing_url
from replica.wayback.cdx import Row
from replica.wayback.plan import parse_timestamp, timestamp

ARCHIVE_TRUTH = f"{TRUTH_DIR}/archive"
USABLE = ("page", "early", "late")
GRACE = dt.timedelta(days=31)
UNUSABLE = {"error": "error page", "toolbar": "archive toolbar page", "other": "page of another edition"}


def collapsed_ok(rows: Iterable[Row]) -> list[Row]:
    """Status-200 captures, adjacent ones with the same digest collapsed to the first."""
    out: list[Row] = []
    for row in rows:
        if row.status == 200 and not (out and out[-1].digest == row.digest):
            out.append(row)
    return out


def reference(rows: list[Row], ed: Edition) -> str | None:
    ok = collapsed_ok(rows)
    start = timestamp(dt.datetime.combine(ed.start, dt.time(), tzinfo=dt.UTC))
    end = timestamp(dt.datetime.combine(ed.end, dt.time(23, 59, 59), tzinfo=dt.UTC) + GRACE)
    inside = [r.timestamp for r in ok if start <= r.timestamp <= end]
    before = [r.timestamp for r in ok if r.timestamp < start]
    return (inside or before or [None])[-1]


def pick(rows: list[Row], ref: str) -> tuple[Row | None, str | None]:
    """The capture a perfect crawl reads, or None and the reason there is none."""
    at = parse_timestamp(ref)
    ok = sorted(collapsed_ok(rows), key=lambda r: (abs(parse_timestamp(r.timestamp) - at), r.timestamp))
    for row in ok:
        if row.kind in USABLE:
            return row, None
    if ok:
        return None, "no usable capture: " + ", ".join(sorted({UNUSABLE[r.kind] for r in ok}))
    if rows:
        return None, "no capture with status 200 (" + ", ".join(sorted({str(r.status) for r in rows})) + ")"
    return None, "not captured"


def _linked_pages(ed: Edition, page: int, last: int) -> list[str]:
    pages = {0, last, *range(max(0, page - 2), min(last, page + 2) + 1)} - {page}
    return [listing_url(ed, p) for p in sorted(pages)]


def _walk_listing(ed: Edition, index: dict[str, list[Row]], versions: dict, ref: str):
    queue, seen, listed, missing = [listing_url(ed, 0)], {listing_url(ed, 0)}, [], []
    for path in queue:
        row, reason = pick(index.get(path, []), ref)
        if row is None:
            missing.append({"path": path, "reason": reason})
            continue
        version = versions[(path, row.timestamp)]
        listed += [p for p in version["events"] if p not in listed]
        page = int(path.partition("?page=")[2] or 0)
        for linked in _linked_pages(ed, page, version["last"]):
            if linked not in seen:
                seen.add(linked)
                queue.append(linked)
    return sorted(seen), listed, missing


def _event(rec: dict, fate: str, listed: bool, index, ref: str | None, records: dict) -> dict:
    row, reason = pick(index.get(rec["path"], []), ref) if ref else (None, "edition not captured")
    if ref and not listed:
        row, reason = None, "not linked from any captured listing page"
    return {"id": rec["id"], "edition": rec["edition"], "path": rec["path"], "fate": fate,
            "recoverable": row is not None, "reason": reason,
            "capture": row.timestamp if row else None,
            "record": records[(rec["path"], row.timestamp)] if row else None}


def edition_truth(ed: Edition, records: list[dict], fates: dict, versions: dict,
                  index: dict[str, list[Row]], captured: dict) -> tuple[dict, list[dict]]:
    ref = reference(index.get(listing_url(ed, 0), []), ed)
    pages, listed, missing = _walk_listing(ed, index, versions, ref) if ref else ([], [], [])
    events = [_event(r, fates[r["path"]], r["path"] in listed, index, ref, captured) for r in records]
    found = sum(e["recoverable"] for e in events)
    summary = {"year": ed.year, "reference": ref, "listing_pages_seen": len(pages),
               "listing_missing": missing, "events_total": len(records),
               "events_listed": len(listed), "events_recoverable": found}
    return summary, events


def write(site: Path, index: dict[str, list[Row]], editions: list[tuple], captured: dict) -> None:
    out = site / ARCHIVE_TRUTH
    out.mkdir(parents=True, exist_ok=True)
    summaries = []
    with (out / "events.jsonl").open("w", encoding="utf-8") as f:
        for ed, records, fates, versions in editions:
            summary, events = edition_truth(ed, records, fates, versions, index, captured)
            summaries.append(summary)
            for e in events:
                f.write(json.dumps(e, ensure_ascii=False) + "\n")
    (out / "editions.json").write_text(json.dumps(summaries, ensure_ascii=False, indent=1) + "\n")
