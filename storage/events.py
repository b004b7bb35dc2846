"""The event repository: classify a batch against the index, then write it in few statements.

Per batch: unchanged events → one ``UPDATE … SET last_seen, last_run_id WHERE id IN``;
new events → one dialect upsert (``ON CONFLICT (url)``) plus their "added" revisions;
changed events → one SELECT of their rows, one executemany UPDATE by primary key and
their revisions. A new URL that looks like a stored event of the same edition, day and
place (rapidfuzz title score ≥ ``match_cutoff``) waits for ``resolve_pending`` at the end
of the run: if a look-alike was not seen in this run (its title may also have gained or
lost words: rapidfuzz ``token_set_ratio``), the event was re-slugged and its row moves to
the new URL (a ``moved`` revision); otherwise, if one seen in this run has a close title
(``token_sort_ratio``), the new event is a near-duplicate: inserted and linked with
``duplicate_of`` and the score, never merged.

The repository receives a session and never commits.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from models import Event, EventRevision, Lab
from storage.diff import FieldChange, field_changes, next_status, status_change
from storage.index import EventIndex
from storage.references import OrganiserCache, ensure_editions, organiser_key
from storage.rows import LAB_KEY, REDIRECTED_FROM
from storage.upsert import upsert

_EVENT = Event.__table__
_CONTENT = [c.name for c in _EVENT.columns if c.name not in ("id", "url", "first_seen", "first_run_id")]


@dataclass
class RunContext:
    run_id: int
    now: dt.datetime
    parser_version: str
    counts: Counter[str] = field(default_factory=Counter)
    seen_ids: set[int] = field(default_factory=set)


class EventStore:
    def __init__(self, *, match_cutoff: float = 88.0) -> None:
        self.index = EventIndex()
        self.match_cutoff = match_cutoff
        self.organisers = OrganiserCache()
        self.pending: list[dict[str, Any]] = []
        self._editions: set[int] = set()

    def reset(self) -> None:
        """Forget what a rolled-back transaction may have taught the caches."""
        self.index = EventIndex()
        self.organisers = OrganiserCache()
        self._editions = set()

    def ingest(self, session: Session, records: list[dict[str, Any]], ctx: RunContext) -> None:
        batch = list({r["url"]: r for r in records}.values())
        redirects = {r["url"]: r.pop(REDIRECTED_FROM, None) or [] for r in batch}
        _with_labs(session, batch)
        self._ensure_editions(session, batch)
        self.index.load(session, batch)
        self._follow_redirects(session, batch, redirects, ctx)
        unchanged: list[int] = []
        restamped: list[int] = []
        changed: list[tuple[int, dict[str, Any]]] = []
        new: list[dict[str, Any]] = []
        for rec in batch:
            known = self.index.by_url.get(rec["url"])
            if known is None and self.index.similar(rec, cutoff=self.match_cutoff, subset=True):
                self.pending.append(rec)
            elif known is None:
                new.append(rec)
                self.index.remember(0, rec)   # so a look-alike later in this batch waits too
            elif (known.content_hash == rec["content_hash"] and known.status != "withdrawn"
                  and known.origin == rec.get("origin", "live")):
                if known.id not in ctx.seen_ids:   # listed twice in one run: counted once
                    same_parser = known.parser_version == ctx.parser_version
                    (unchanged if same_parser else restamped).append(known.id)
            else:
                changed.append((known.id, rec))
        self._touch(session, unchanged, ctx)
        self._touch(session, restamped, ctx, reparsed=True)
        self._insert(session, new, ctx)
        self._update(session, changed, ctx)

    def _follow_redirects(self, session: Session, batch: list[dict[str, Any]],
                          redirects: dict[str, list[str]], ctx: RunContext) -> None:
        """A page reached through a redirect (an old slug's 301) from a stored event's URL is
        that event, moved: the row takes the new URL with a ``moved`` revision, whatever the
        title or date became (no look-alike guess needed)."""
        wanted = [old for rec in batch if rec["url"] not in self.index.by_url for old in redirects[rec["url"]]]
        if not wanted:
            return
        self.index.load_urls(session, wanted)
        moves = []
        for rec in batch:
            if rec["url"] in self.index.by_url:
                continue
            known = next((self.index.by_url[o] for o in redirects[rec["url"]] if o in self.index.by_url), None)
            if known is not None and known.id:
                self.index.forget_url(known.url)
                moves.append((known, rec))
        self._update(session, [(k.id, rec) for k, rec in moves], ctx, {k.id: k.url for k, _ in moves})

    def _ensure_editions(self, session: Session, batch: list[dict[str, Any]]) -> None:
        years = {r["edition"] for r in batch if r["edition"] is not None} - self._editions
        if years:
            ensure_editions(session, years)
            self._editions |= years

    def touch(self, session: Session, ids: list[int], ctx: RunContext) -> None:
        """Mark stored events seen and unchanged in this run (a 304 or a page not re-fetched)."""
        self._touch(session, ids, ctx)

    def touch_urls(self, session: Session, urls: list[str], ctx: RunContext) -> list[Any]:
        """``touch`` the stored, not withdrawn events at ``urls``; their rows (id, edition and
        the gate's key fields)."""
        rows = session.execute(
            select(Event.id, Event.edition, Event.title, Event.start_at, Event.attendance, Event.commune_code)
            .where(Event.url.in_(urls), Event.status != "withdrawn")
        ).all()
        self.touch(session, [r.id for r in rows], ctx)
        return list(rows)

    def _touch(self, session: Session, ids: list[int], ctx: RunContext, *, reparsed: bool = False) -> None:
        """``reparsed``: an older parser's event whose page this run parsed to the same
        values: they are now this parser version's too (a 304 not parsed leaves the version)."""
        if ids:
            values: dict[str, Any] = {"last_seen": ctx.now, "last_run_id": ctx.run_id}
            if reparsed:
                values["parser_version"] = ctx.parser_version
            session.execute(update(_EVENT).where(_EVENT.c.id.in_(ids)).values(**values))
            ctx.seen_ids.update(ids)
            ctx.counts["unchanged"] += len(ids)

    def _with_organiser(self, session: Session, records: list[dict[str, Any]]) -> None:
        ids = self.organisers.ids_for(session, (r.get("organiser") for r in records))
        for rec in records:
            name = rec.get("organiser")
            rec["organiser_id"] = ids.get(organiser_key(name)) if name else None

    def _insert(self, session: Session, records: list[dict[str, Any]], ctx: RunContext,
                duplicates: dict[str, tuple[int, float]] | None = None) -> None:
        if not records:
            return
        self._with_organiser(session, records)
        rows = []
        for rec in records:
            dup_id, score = (duplicates or {}).get(rec["url"], (None, None))
            rows.append({**rec, "first_seen": ctx.now, "last_seen": ctx.now, "last_changed": ctx.now,
                         "first_run_id": ctx.run_id, "last_run_id": ctx.run_id,
                         "duplicate_of": dup_id, "duplicate_score": score})
        # executemany (pipelined by psycopg) then one SELECT: a RETURNING upsert would be sent
        # as one huge multi-VALUES statement that psycopg re-parses for every batch.
        upsert(session, _EVENT, rows, key=["url"], update=_CONTENT)
        urls = [r["url"] for r in records]
        ids = {url: i for i, url in session.execute(select(_EVENT.c.id, _EVENT.c.url).where(_EVENT.c.url.in_(urls)))}
        revisions = []
        for rec in records:
            event_id = ids[rec["url"]]
            self.index.remember(event_id, rec)
            ctx.seen_ids.add(event_id)
            revisions.append(self._revision(event_id, FieldChange("", "added", None, None), rec, ctx))
        session.execute(EventRevision.__table__.insert(), revisions)
        ctx.counts["new"] += len(records)
        ctx.counts["cancelled"] += sum(r["status"] == "cancelled" for r in records)

    def _revision(self, event_id: int, ch: FieldChange, rec: dict[str, Any], ctx: RunContext) -> dict[str, Any]:
        return {"event_id": event_id, "run_id": ctx.run_id, "at": ctx.now, "change": ch.change,
                "field": ch.field or None, "old": ch.old, "new": ch.new,
                "capture_id": rec.get("capture_id"), "parser_version": ctx.parser_version,
                "origin": rec.get("origin") or "live", "captured_at": rec.get("captured_at")}

    def _update(self, session: Session, changed: list[tuple[int, dict[str, Any]]], ctx: RunContext,
                moved_from: dict[int, str] | None = None) -> None:
        if not changed:
            return
        self._with_organiser(session, [rec for _, rec in changed])
        ids = [i for i, _ in changed]
        stored = {row.id: row._asdict() for row in session.execute(select(_EVENT).where(_EVENT.c.id.in_(ids)))}
        params, revisions = [], []
        for event_id, rec in changed:
            old = stored[event_id]
            changes, values = self._changes(old, rec, moved_from, ctx)
            params.append({"id": event_id, **values})
            revisions += [self._revision(event_id, ch, rec, ctx) for ch in changes]
            self.index.remember(event_id, {**rec, "status": values["status"]})
            ctx.seen_ids.add(event_id)
        session.execute(update(Event), params)
        if revisions:
            session.execute(EventRevision.__table__.insert(), revisions)

    def _changes(self, old: dict[str, Any], rec: dict[str, Any], moved_from: dict[int, str] | None,
                 ctx: RunContext) -> tuple[list[FieldChange], dict[str, Any]]:
        changes = field_changes(old, rec)
        if old.get("origin") != (rec.get("origin") or "live"):
            changes.append(FieldChange("source", "changed", old.get("origin"), rec.get("origin") or "live"))
        rescheduled = any(c.change == "rescheduled" for c in changes)
        status = next_status(old["status"], rec["status"], rescheduled)
        st = status_change(old["status"], status)
        changes += [st] if st else []
        if moved_from and old["id"] in moved_from:
            changes.insert(0, FieldChange("url", "moved", moved_from[old["id"]], rec["url"]))
        kinds = Counter(c.change for c in changes)
        for kind in ("cancelled", "reappeared", "moved"):
            ctx.counts[kind] += bool(kinds[kind])
        if any(k not in ("reappeared", "moved") for k in kinds):
            ctx.counts["changed"] += 1
        values = {c: rec[c] for c in _CONTENT if c in rec}
        values.update(status=status, last_seen=ctx.now, last_run_id=ctx.run_id, withdrawn_at=None,
                      url=rec["url"], organiser_id=rec.get("organiser_id"))
        if changes:
            values["last_changed"] = ctx.now
        if rescheduled:
            values["previous_start_at"] = old["start_at"]
        return changes, values

    def _best(self, rec: dict[str, Any], *, subset: bool, keep: Any) -> tuple[Any, float] | None:
        hits = [(k, s) for k, s in self.index.similar(rec, cutoff=self.match_cutoff, subset=subset) if keep(k)]
        return min(hits, key=lambda h: (-h[1], h[0].id)) if hits else None

    def resolve_pending(self, session: Session, ctx: RunContext) -> None:
        """End of run: each waiting new URL becomes a near-duplicate or a move (see module doc)."""
        pending = list({r["url"]: r for r in self.pending if r["url"] not in self.index.by_url}.values())
        self.pending = []
        new, moves, duplicates, claimed = [], [], {}, set()
        for rec in pending:
            unseen = self._best(rec, subset=True, keep=lambda k: k.id not in ctx.seen_ids and k.id not in claimed)
            if unseen is not None:
                claimed.add(unseen[0].id)
                moves.append((unseen[0], rec))
                continue
            twin = self._best(rec, subset=False, keep=lambda k: k.id not in claimed)
            if twin is not None:
                duplicates[rec["url"]] = (twin[0].id, twin[1])
            new.append(rec)
        for known, _ in moves:
            self.index.forget_url(known.url)
        self._update(session, [(k.id, rec) for k, rec in moves], ctx, {k.id: k.url for k, _ in moves})
        self._insert(session, new, ctx, duplicates)
        ctx.counts["duplicates"] += len(duplicates)


def _with_labs(session: Session, batch: list[dict[str, Any]]) -> None:
    """Each record's lab, named by its key (``LAB_KEY``), as ``lab_id``; a key no stored lab
    has is no link."""
    keys = {r.get(LAB_KEY) for r in batch} - {None}
    ids = {k: i for k, i in session.execute(select(Lab.key, Lab.id).where(Lab.key.in_(keys)))} if keys else {}
    for rec in batch:
        rec["lab_id"] = ids.get(rec.pop(LAB_KEY, None))
        if rec["lab_id"] is None:
            rec["lab_method"] = rec["lab_confidence"] = None
