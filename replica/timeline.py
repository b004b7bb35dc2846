"""The current edition's timeline: one record per field that changes, per event, per day.

Day 1 is the baseline (``events.jsonl`` built with ``day=1``); every record here has a
day from 2 to 30. Applying the records of days 2..D to the day-1 truth gives the day-D
truth (a test checks it).
"""

from __future__ import annotations

from collections.abc import Iterator

from replica.month import LAST_DAY
from replica.site import CurrentEdition

MOVE_FIELDS = ("path", "redirect_from")


def _event_days(cur: CurrentEdition, index: int) -> list[tuple[int, str]]:
    plan = cur.plans[index]
    days = [(c.day, c.kind) for c in plan.changes]
    if plan.added > 1:
        days.append((plan.added, "added"))
    return sorted(days)


def records(cur: CurrentEdition, *, until: int = LAST_DAY) -> Iterator[dict]:
    out = []
    for plan in cur.plans:
        for day, kind in _event_days(cur, plan.index):
            if day > until:
                continue
            now = cur.state(plan.index, day)
            new = cur.record(now, day)
            base = {"day": day, "id": now.id, "path": now.path, "change": kind}
            if kind == "added":
                out.append({**base, "field": None, "old": None, "new": new})
                continue
            old = cur.record(cur.state(plan.index, day - 1), day - 1)
            for field, value in new.items():
                if old[field] != value:
                    change = "changed" if kind == "moved" and field not in MOVE_FIELDS else kind
                    out.append({**base, "change": change, "field": field, "old": old[field], "new": value})
    out.sort(key=lambda r: (r["day"], r["id"]))
    yield from out


def apply(events: dict[str, dict], recs: list[dict]) -> dict[str, dict]:
    """``events`` (by id) with the timeline records applied, in order."""
    result = {k: dict(v) for k, v in events.items()}
    for rec in recs:
        if rec["change"] == "added":
            result[rec["id"]] = dict(rec["new"])
        else:
            result[rec["id"]][rec["field"]] = rec["new"]
    return result
