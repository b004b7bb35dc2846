"""What a run knows of the stored events, loaded batch by batch and kept current.

The index holds, per event, only what classification needs (id, URL, content hash,
status, fingerprint parts): an unchanged event is recognised without reading its row,
and a batch costs two or three queries whatever the size of the database.
Candidates for the fingerprint fallback are grouped by (edition, Paris start day, place
key) and compared with rapidfuzz on normalised titles (see ``similar``); titles whose
numbers differ ("Atelier 1" / "Atelier 2") never match.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Event
from storage.rows import normalise_title, place_key

_COLUMNS = (
    Event.id, Event.url, Event.content_hash, Event.status, Event.edition, Event.title,
    Event.start_date, Event.commune_code, Event.attendance, Event.parser_version, Event.origin,
)


@dataclass
class Known:
    id: int
    url: str
    content_hash: str
    status: str
    bucket: tuple[Any, dt.date | None, str]
    title_key: str
    parser_version: str | None = None
    origin: str = "live"           # where the stored copy was read (live | archive)


def _bucket(record: dict[str, Any]) -> tuple[Any, dt.date | None, str]:
    return record.get("edition"), record.get("start_date"), place_key(record)


class EventIndex:
    def __init__(self) -> None:
        self.by_url: dict[str, Known] = {}
        self._buckets: dict[tuple[Any, dt.date | None, str], list[Known]] = defaultdict(list)
        self._loaded: set[Any] = set()

    def _add_rows(self, rows: Any) -> None:
        for row in rows:
            rec = row._asdict()
            self.remember(rec["id"], rec)

    def remember(self, event_id: int, record: dict[str, Any]) -> None:
        """Add or refresh one event (after an insert, an update or a move); ``event_id`` 0
        marks a row about to be inserted in the current batch."""
        old = self.by_url.get(record["url"])
        if old is not None:
            self._buckets[old.bucket].remove(old)
        known = Known(
            event_id, record["url"], record["content_hash"], record["status"],
            _bucket(record), normalise_title(record.get("title")), record.get("parser_version"),
            record.get("origin") or "live",
        )
        self.by_url[known.url] = known
        self._buckets[known.bucket].append(known)

    def forget_url(self, url: str) -> None:
        known = self.by_url.pop(url, None)
        if known is not None:
            self._buckets[known.bucket].remove(known)

    def load(self, session: Session, records: list[dict[str, Any]]) -> None:
        """Learn the batch's URLs (one query), then the candidates of its unknown URLs: the
        stored events of the same edition and start day (one query per edition, each day
        loaded once per run). Cost per batch, whatever the size of the database."""
        missing = [r["url"] for r in records if r["url"] not in self.by_url]
        if missing:
            self._add_rows(session.execute(select(*_COLUMNS).where(Event.url.in_(missing))))
        days: dict[Any, set[dt.date]] = defaultdict(set)
        for rec in records:
            key = (rec.get("edition"), rec.get("start_date"))
            if rec["url"] not in self.by_url and key[1] is not None and key not in self._loaded:
                days[key[0]].add(key[1])
                self._loaded.add(key)
        for edition, wanted in days.items():
            cond = Event.edition.is_(None) if edition is None else Event.edition == edition
            rows = session.execute(select(*_COLUMNS).where(cond, Event.start_date.in_(sorted(wanted))))
            self._add_rows(r for r in rows if r.url not in self.by_url)

    def load_urls(self, session: Session, urls: list[str]) -> None:
        """Learn stored events by URL (the old URLs a batch's pages were redirected from)."""
        missing = [u for u in urls if u not in self.by_url]
        if missing:
            self._add_rows(session.execute(select(*_COLUMNS).where(Event.url.in_(missing))))

    def similar(self, record: dict[str, Any], *, cutoff: float, subset: bool = False) -> list[tuple[Known, float]]:
        """Stored events of the same edition, day and place whose title scores ≥ ``cutoff``:
        ``token_sort_ratio`` (close titles), or with ``subset`` ``token_set_ratio`` (one title's
        words contained in the other's: "X" renamed "X : nouvelle formule")."""
        if record.get("start_date") is None:
            return []
        pool = [k for k in self._buckets.get(_bucket(record), ()) if k.url != record["url"]]
        if not pool:
            return []
        title = normalise_title(record.get("title"))
        hits = process.extract(
            title, [k.title_key for k in pool], scorer=fuzz.token_set_ratio if subset else fuzz.token_sort_ratio,
            score_cutoff=cutoff, limit=None,
        )
        numbers = _numbers(title)
        return [(pool[i], float(score)) for _, score, i in hits if _numbers(pool[i].title_key) == numbers]


def _numbers(title: str) -> set[str]:
    """Digit tokens: "Atelier 1" and "Atelier 2" are two sessions, however close the text."""
    return {t for t in title.split() if t.isdigit()}
