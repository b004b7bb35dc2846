"""The health gate: pure verdicts (table-driven), then withdrawals on both databases."""

from __future__ import annotations

import dataclasses

import pytest
from storage_fixtures import BASE, at, crawl, events, item, listing, revisions

from mipcrawl.items import FetchFailure
from storage.gate import EditionEvidence, GatePolicy, judge

GOOD_BEFORE = {"listed": 100, "coverage": {"title": 1.0, "when": 0.9, "place": 0.8}}


def evidence(pages=None, listed=100, failures=(), items=100, when=90, place=80, errors=0):
    ev = EditionEvidence(pages={0: 1, 1: 1} if pages is None else pages,
                         listed_urls={f"u{i}" for i in range(listed)},
                         listing_failures=list(failures), items=items, errors=errors)
    ev.covered.update(title=items, when=when, place=place)
    return ev


VERDICTS = [
    ("all good", evidence(), GOOD_BEFORE, True, None),
    ("first run, nothing to compare", evidence(), None, True, None),
    ("missing listing page", evidence(pages={0: 2, 2: 2}), GOOD_BEFORE, False, "listing pages missing: [1]"),
    ("listing page failed", evidence(failures=["p1 (HTTP 500)"]), GOOD_BEFORE, False, "listing page(s) failed"),
    ("no listing page", evidence(pages={}), None, False, "no listing page fetched"),
    ("drop of 25 %", evidence(listed=75), GOOD_BEFORE, False, "dropped from 100 to 75"),
    ("drop of 20 % is tolerated", evidence(listed=80), GOOD_BEFORE, True, None),
    ("when coverage fell", evidence(when=70), GOOD_BEFORE, False, "when coverage fell from 90% to 70%"),
    ("place coverage within tolerance", evidence(place=76), GOOD_BEFORE, True, None),
    ("error rate too high", evidence(errors=10), GOOD_BEFORE, False, "error rate 9% over 5%"),
    ("empty listing", evidence(listed=0, items=0, when=0, place=0), None, False, "listing pages list no event"),
]


@pytest.mark.parametrize(("case", "ev", "before", "healthy", "reason"), VERDICTS, ids=[v[0] for v in VERDICTS])
def test_verdicts(case, ev, before, healthy, reason):
    verdict = judge(ev, before, GatePolicy())
    assert verdict.healthy is healthy
    assert verdict.figures["healthy"] is healthy
    if reason:
        assert any(reason in r for r in verdict.reasons), verdict.reasons
    else:
        assert verdict.reasons == []


def test_interrupted_run_is_never_healthy():
    assert judge(evidence(), GOOD_BEFORE, GatePolicy(), finished=False).reasons == ["run did not finish normally"]


def test_max_drop_is_configurable():
    assert judge(evidence(listed=75), GOOD_BEFORE, GatePolicy(max_drop=0.3)).healthy


# -- withdrawals on a real database ---------------------------------------------------

def _urls(ns):
    return [f"{BASE}/rencontre-{n}" for n in ns]


def test_healthy_complete_run_withdraws_what_disappeared_and_it_can_reappear(db_url):
    crawl(db_url, [item(n) for n in range(10)], when=at(2))
    out = crawl(db_url, [item(n) for n in range(9)], when=at(3))
    assert out.status == "healthy" and out.counts["withdrawn"] == 1
    gone = events(db_url)[f"{BASE}/rencontre-9"]
    assert gone.status == "withdrawn" and gone.withdrawn_at == at(3)
    back = crawl(db_url, [item(n) for n in range(10)], when=at(4))
    assert back.counts["reappeared"] == 1 and back.counts.get("changed", 0) == 0
    again = events(db_url)[f"{BASE}/rencontre-9"]
    assert again.status == "scheduled" and again.withdrawn_at is None
    history = [(r.change, r.old, r.new, r.run_id) for r in revisions(db_url) if r.event_id == again.id]
    assert history == [("added", None, None, 1), ("withdrawn", "scheduled", "withdrawn", 2),
                       ("reappeared", "withdrawn", "scheduled", 3)]


PARTIAL_RUNS = [
    ("missing listing page",
     dict(listings=[listing(_urls(range(5)), page=0, last_page=1)]), "listing pages missing: [1]"),
    ("listing page failed",
     dict(listings=[listing(_urls(range(9)))],
          failures=[FetchFailure(url=f"{BASE}/programme?page=1", kind="listing", reason="HTTP 503", edition=2026)]),
     "listing page(s) failed"),
    ("count dropped over 20 %", dict(items_n=6), "dropped from 10 to 6"),
    ("interrupted", dict(finished=False), "did not finish normally"),
]


@pytest.mark.parametrize(("case", "run", "reason"), PARTIAL_RUNS, ids=[p[0] for p in PARTIAL_RUNS])
def test_partial_run_withdraws_nothing_and_says_why(db_url, case, run, reason):
    crawl(db_url, [item(n) for n in range(10)], when=at(2))
    run = dict(run)
    n = run.pop("items_n", 9)
    out = crawl(db_url, [item(k) for k in range(n)], when=at(3), **run)
    assert out.status == "partial"
    assert reason in out.reason
    assert out.gate["2026"]["healthy"] is False
    assert {e.status for e in events(db_url).values()} == {"scheduled"}
    assert not [r for r in revisions(db_url) if r.change == "withdrawn"]


def test_cancelled_is_not_withdrawn_and_listed_but_unfetched_is_not_withdrawn(db_url):
    crawl(db_url, [item(n) for n in range(10)], when=at(2))
    seen = [dataclasses.replace(item(0), status="cancelled")] + [item(n) for n in range(1, 9)]
    out = crawl(db_url, seen, when=at(3), listings=[listing(_urls(range(10)))])
    stored = events(db_url)
    assert stored[f"{BASE}/rencontre-0"].status == "cancelled"
    assert stored[f"{BASE}/rencontre-9"].status == "scheduled"   # still listed: a fetch error, not a withdrawal
    assert out.counts.get("withdrawn", 0) == 0


def test_gate_compares_with_the_last_healthy_run_only(db_url):
    crawl(db_url, [item(n) for n in range(10)], when=at(2))
    crawl(db_url, [item(n) for n in range(5)], when=at(3))           # partial: drop of 50 %
    out = crawl(db_url, [item(n) for n in range(7)], when=at(4))     # 7 vs 10 (last healthy): still partial
    assert out.status == "partial" and "dropped from 10 to 7" in out.reason


def test_all_editions_run_is_judged_per_edition(db_url):
    old = [item(n, edition=2024) for n in range(10)]
    new = [item(n) for n in range(10, 20)]
    crawl(db_url, old + new, when=at(2), scope="all",
          listings=[listing([i.url for i in old], edition=2024), listing([i.url for i in new], edition=2026)])
    out = crawl(db_url, old[:9] + new[:9], when=at(3), scope="all",
                listings=[listing([i.url for i in old[:9]], edition=2024, last_page=1),
                          listing([i.url for i in new[:9]], edition=2026)])
    assert out.status == "partial"
    assert out.gate["2024"]["healthy"] is False and out.gate["2026"]["healthy"] is True
    stored = events(db_url)
    assert stored[old[9].url].status == "scheduled"        # 2024 failed its gate
    assert stored[new[9].url].status == "withdrawn"        # 2026 passed its own
