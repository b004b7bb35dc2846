"""Pages read from a web archive in storage: the gate judges what the archive holds (gaps are
neither failures nor errors, and say why), an archived and a live copy of a URL are one
event whose history names both sources, and nothing is withdrawn by an archive run."""

from __future__ import annotations

import datetime as dt

import pytest
from storage_fixtures import BASE, at, crawl, events, item, listing, revisions

from mipcrawl.items import ARCHIVE, FetchFailure
from storage.gate import EditionEvidence, GatePolicy, judge

CAPTURED = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)


def archived(n: int, **overrides):
    return item(n, origin=ARCHIVE, captured_at=CAPTURED,
                memento_url=f"https://web.archive.org/web/20261120030000id_/{BASE}/rencontre-{n}", **overrides)


def gap(url: str, kind: str = "event", reason: str = "not captured in the archive") -> FetchFailure:
    return FetchFailure(url=url, kind=kind, reason=reason, edition=2026, missing=True)


def _evidence(pages: dict[int, int]) -> EditionEvidence:
    ev = EditionEvidence(origin=ARCHIVE, pages=pages, listed_urls={f"u{i}" for i in range(40)}, items=40)
    ev.covered.update(title=40, when=40, place=40)
    return ev


@pytest.mark.parametrize(("case", "pages", "gaps", "healthy", "reason"), [
    ("a listing page the archive lacks is no missing page", {0: 2, 2: 2}, [("p?page=1", "listing", 1)],
     True, None),
    ("event pages the archive lacks are no errors", {0: 1, 1: 1},
     [(f"e{i}", "event", None) for i in range(30)], True, None),
    ("a page neither fetched nor known to be unarchived is missing", {0: 2, 2: 2},
     [("p?page=5", "listing", 5)], False, "listing pages missing: [1]"),
])
def test_archive_gaps_in_the_gate(case, pages, gaps, healthy, reason):
    ev = _evidence(pages)
    for url, kind, page in gaps:
        ev.add_gap(url, kind, "not captured in the archive", page)
    verdict = judge(ev, None, GatePolicy())
    assert verdict.healthy is healthy, verdict.reasons
    assert (reason is None) == (not verdict.reasons) and (reason is None or reason in verdict.reasons[0])
    assert verdict.figures["listing_captured"] == [len(pages), len(pages) + len(ev.gap_pages)]
    assert [g["url"] for g in verdict.figures["gaps"]] == [g[0] for g in gaps]


def test_an_archive_run_is_healthy_over_its_gaps_and_withdraws_nothing(db_url):
    crawl(db_url, [item(n) for n in range(10)], when=at(3))                       # live, all ten
    outcome = crawl(db_url, [archived(n) for n in range(6)], when=at(4), origin=ARCHIVE, withdraw=False,
                    listings=[listing([f"{BASE}/rencontre-{n}" for n in range(8)], last_page=1)],
                    failures=[gap(f"{BASE}/programme?page=1", "listing"), gap(f"{BASE}/rencontre-6"),
                              gap(f"{BASE}/rencontre-7", reason="no capture with status 200 (only 503)")])
    assert outcome.status == "healthy", outcome.reason
    assert outcome.counts["missing"] == 3 and outcome.counts.get("errors", 0) == 0
    figures = outcome.gate["2026"]
    assert figures["origin"] == ARCHIVE and figures["listing_captured"] == [1, 2]
    assert {g["reason"] for g in figures["gaps"]} == {"not captured in the archive",
                                                      "no capture with status 200 (only 503)"}
    stored = events(db_url)
    assert all(e.status != "withdrawn" for e in stored.values())
    assert {e.origin for e in stored.values()} == {"live", ARCHIVE}


def test_archive_then_live_is_one_event_with_both_sources_in_its_history(db_url):
    crawl(db_url, [archived(1)], when=at(3), origin=ARCHIVE, withdraw=False)
    crawl(db_url, [item(1)], when=at(4))
    stored = events(db_url)
    assert list(stored) == [f"{BASE}/rencontre-1"] and stored[f"{BASE}/rencontre-1"].origin == "live"
    revs = [(r.change, r.field, r.origin, r.captured_at) for r in revisions(db_url)]
    assert revs == [("added", None, ARCHIVE, CAPTURED), ("changed", "source", "live", None)]
    assert revisions(db_url)[1].old == ARCHIVE and revisions(db_url)[1].new == "live"


def test_the_same_copy_from_the_same_source_is_unchanged(db_url):
    crawl(db_url, [archived(1)], when=at(3), origin=ARCHIVE, withdraw=False)
    outcome = crawl(db_url, [archived(1)], when=at(4), origin=ARCHIVE, withdraw=False)
    assert outcome.counts["unchanged"] == 1 and len(revisions(db_url)) == 1


def test_archive_runs_are_compared_with_archive_runs_only(db_url):
    crawl(db_url, [item(n) for n in range(20)], when=at(3))                       # live: 20 listed
    outcome = crawl(db_url, [archived(n) for n in range(10)], when=at(4), origin=ARCHIVE, withdraw=False)
    assert outcome.status == "healthy", outcome.reason                           # no "dropped from 20"
    again = crawl(db_url, [archived(n) for n in range(5)], when=at(5), origin=ARCHIVE, withdraw=False)
    assert again.status == "partial" and "dropped from 10 to 5" in again.reason
