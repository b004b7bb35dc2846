"""The current edition's month: when each event appears and how it changes, day by day.

Each event has a ``Plan`` (its day of addition and its changes), generated on its own from
the seed and its index, plus a few changes forced onto chosen indices so that even a small
site shows every kind (late addition, edits, reschedule, cancellations as title and as
badge, withdrawals answering 404 and 410, re-slugs answering 301 and 404, a reappearance).
``state_on(day)`` replays the plan; day 1 is the baseline, changes happen on days 2–30.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace

from replica import model, organisers, vocab, whens, wheres
from replica.editions import BY_YEAR, CURRENT_YEAR
from replica.slugs import SlugAllocator

LAST_DAY = 30
ED = BY_YEAR[CURRENT_YEAR]
RATES = (("title", 0.05), ("organiser", 0.03), ("place", 0.05), ("when", 0.07),
         ("cancel", 0.04), ("withdraw", 0.03))
KIND_OF = {"title": "changed", "organiser": "changed", "place": "changed", "when": "rescheduled",
           "cancel": "cancelled", "withdraw": "withdrawn", "reappear": "reappeared", "reslug": "moved"}
TERMINAL = ("cancel", "withdraw", "reappear")
FORCED = ("late", "title", "organiser", "place", "when", "cancel", "cancel", "withdraw", "withdraw",
          "reslug", "reslug", "reappear")
TITLE_SUFFIXES = ("retours d'expérience", "édition spéciale", "nouvelle formule", "session ouverte à tous")


@dataclass(frozen=True)
class Change:
    day: int
    what: str              # title | organiser | place | when | cancel | withdraw | reappear | reslug

    @property
    def kind(self) -> str:
        return KIND_OF[self.what]


@dataclass(frozen=True)
class Plan:
    index: int
    added: int
    changes: tuple[Change, ...]
    gone_status: int = 404          # withdrawn detail page: 404 or 410
    redirect: bool = False          # re-slugged: old path 301 (True) or 404


def _forced(seed: int, n: int) -> dict[int, list[str]]:
    rng = random.Random(f"{seed}:{CURRENT_YEAR}:forced")
    picks = rng.sample(range(n), min(n, len(FORCED)))
    return {i: [what] for i, what in zip(picks, FORCED, strict=False)}


def _days(rng: random.Random, added: int, k: int) -> list[int]:
    pool = list(range(max(added + 1, 2), LAST_DAY + 1))
    return sorted(rng.sample(pool, min(k, len(pool))))


def make_plan(seed: int, n: int, index: int, forced: dict[int, list[str]]) -> Plan:
    rng = model.event_rng(seed, CURRENT_YEAR, index, ":plan")
    mine = forced.get(index, [])
    late = "late" in mine or rng.random() < 0.12
    added = rng.randint(2, 24) if late else 1
    whats = [w for w, p in RATES if rng.random() < p and w not in mine] + [w for w in mine if w != "late"]
    if "reappear" in whats:
        # Gone in the first week, back in the third: a crawl on days 1, 3, 7, 12, 20, 30 sees both.
        changes = (Change(rng.randint(4, 7), "withdraw"), Change(rng.randint(13, 19), "reappear"))
        return Plan(index, 1, changes, gone_status=rng.choice((404, 410)))
    if "reslug" in whats:
        whats = [w for w in whats if w not in ("withdraw", "cancel")]
    if "withdraw" in whats and "cancel" in whats:
        whats.remove("cancel")
    # Ordinary edits first, then cancel / withdraw / reappear on the latest days.
    whats.sort(key=lambda w: TERMINAL.index(w) if w in TERMINAL else -1)
    days = _days(rng, added, len(whats))
    changes = tuple(Change(d, w) for d, w in zip(days, whats[: len(days)], strict=False))
    return Plan(index, added, changes, gone_status=rng.choice((404, 410)), redirect=rng.random() < 0.5)


def plans(seed: int, n: int) -> list[Plan]:
    forced = _forced(seed, n)
    out = [make_plan(seed, n, i, forced) for i in range(n)]
    # The two forced withdrawals: one detail page answers 404, the other 410.
    gone = [i for i, whats in forced.items() if "withdraw" in whats]
    for status, index in zip((404, 410), gone, strict=False):
        out[index] = replace(out[index], gone_status=status)
    # The two forced re-slugs: one old path redirects (301), the other answers 404.
    reslugged = [p for p in out if any(c.what == "reslug" for c in p.changes)]
    for k, p in enumerate(reslugged[:2]):
        out[p.index] = replace(p, redirect=(k == 0))
    return out


def _apply(ev: model.Event, change: Change, seed: int) -> model.Event:
    rng = model.event_rng(seed, CURRENT_YEAR, ev.index, f":{change.day}:{change.what}")
    w = change.what
    if w in ("title", "reslug"):
        return replace(ev, title=f"{ev.title} : {rng.choice(TITLE_SUFFIXES)}")
    if w == "organiser":
        others = [o for o in vocab.NATIONAL_ORGANISERS if o != ev.organiser]
        new = rng.choice(others)
        return replace(ev, organiser=new, org=organisers.fixed(new), lab_id=None, organiser_line=None)
    if w == "place":
        new = wheres.make_where(rng, all_online=False)
        while ev.where and new.text == ev.where.text:
            new = wheres.make_where(rng, all_online=False)
        return replace(ev, where=new)
    if w == "when":
        spec = ev.when or whens.make_spec(rng, ED.start, ED.end, outside=False)
        return replace(ev, when=whens.reschedule(rng, spec))
    if w == "cancel":
        badge = rng.random() < 0.5
        title = ev.title if badge else rng.choice(("[Annulé] ", "ANNULÉ - ", "Annulé : ")) + ev.title
        return replace(ev, status="cancelled", badge=badge, title=title)
    if w == "withdraw":
        return replace(ev, status="withdrawn")
    return replace(ev, status="scheduled")  # reappear


def state_on(seed: int, plan: Plan, day: int, paths: dict[int, list[tuple[int, str]]]) -> model.Event | None:
    """Event ``plan.index`` as the site shows it on ``day`` (None before it is added)."""
    if day < plan.added:
        return None
    ev = model.generate(seed, ED, plan.index)
    baseline = ED.start.replace(day=1) - dt.timedelta(days=1)
    ev = replace(ev, updated=min(ev.updated, baseline), extra={"added": plan.added, "changed": 0})
    for change in plan.changes:
        if change.day > day:
            break
        ev = _apply(ev, change, seed)
        ev = replace(ev, updated=ED.start.replace(day=change.day), extra={**ev.extra, "changed": change.day})
    if plan.added > 1:
        added = ED.start.replace(day=plan.added)
        ev = replace(ev, published=added, updated=max(ev.updated, added) if ev.extra["changed"] else added)
    path = [p for d, p in paths[plan.index] if d <= day][-1]
    return replace(ev, path=path)


def allocate_paths(seed: int, all_plans: list[Plan], taken: set[str]) -> dict[int, list[tuple[int, str]]]:
    """Every path each event ever has, in the order Drupal creates the aliases."""
    alloc = SlugAllocator(taken)
    jobs = [(p.added, 0, p.index, None) for p in all_plans]
    jobs += [(c.day, 1, p.index, c) for p in all_plans for c in p.changes if c.what == "reslug"]
    out: dict[int, list[tuple[int, str]]] = {}
    for day, _, index, _change in sorted(jobs, key=lambda j: j[:3]):
        title = state_on(seed, all_plans[index], day, {index: [(0, "")]}).title
        out.setdefault(index, []).append((day, alloc.allocate(ED.detail_prefix, title)))
    return out
