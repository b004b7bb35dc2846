"""Change tracking across runs, on SQLite and PostgreSQL: unchanged, edits, reschedules,
cancellations, re-slugs, near-duplicates."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from storage_fixtures import BASE, PARIS, StatementLog, at, crawl, events, item, revisions


def _second_run_revisions(db_url, changed_items):
    crawl(db_url, [item(n) for n in range(5)], when=at(2))
    crawl(db_url, changed_items, when=at(3))
    return [(r.change, r.field) for r in revisions(db_url) if r.change != "added"]


def _with(n, **kw):
    return dataclasses.replace(item(n), **kw)


CASES = [
    ("unchanged", {}, []),
    ("title edited", {"title": "Rencontre 1 : données ouvertes (complet)"}, [("changed", "title")]),
    ("organiser edited", {"organiser": "Cerema"}, [("changed", "organiser")]),
    ("rescheduled", {"start": dt.datetime(2026, 11, 20, 14, tzinfo=PARIS)}, [("rescheduled", "start")]),
    ("same instant in UTC is unchanged", {"start": dt.datetime(2026, 11, 3, 8, 30, tzinfo=dt.UTC)}, []),
    ("cancelled", {"status": "cancelled"}, [("cancelled", "status")]),
    ("formats edited", {"formats": ["atelier", "webinaire"]}, [("changed", "formats")]),
    ("capture id alone is no change", {"capture_id": "urn:uuid:other"}, []),
]


@pytest.mark.parametrize(("case", "edit", "expected"), CASES, ids=[c[0] for c in CASES])
def test_second_run_writes_one_revision_per_changed_field(db_url, case, edit, expected):
    changed = [_with(n, **edit) if n == 1 else item(n) for n in range(5)]
    assert _second_run_revisions(db_url, changed) == expected


def test_first_run_records_added_events_and_counts(db_url):
    out = crawl(db_url, [item(n) for n in range(3)], when=at(2))
    assert out.status == "healthy"
    assert out.counts["new"] == 3
    assert sorted(r.change for r in revisions(db_url)) == ["added"] * 3
    stored = events(db_url)[f"{BASE}/rencontre-1"]
    assert stored.start_at == dt.datetime(2026, 11, 3, 8, 30, tzinfo=dt.UTC)
    assert stored.start_date == dt.date(2026, 11, 3) and stored.status == "scheduled"
    assert stored.first_seen == at(2) and stored.organiser_id is not None


def test_unchanged_rerun_writes_no_revision_and_rewrites_no_row(db_url):
    crawl(db_url, [item(n) for n in range(20)], when=at(2))
    before = {u: _content(e) for u, e in events(db_url).items()}
    with StatementLog() as sql:
        out = crawl(db_url, [item(n) for n in range(20)], when=at(3))
    assert out.counts.get("unchanged") == 20 and not out.counts.get("changed") and not out.counts.get("new")
    assert sql.writes("event_revision") == []
    event_writes = sql.writes("event")
    assert len(event_writes) == 1 and event_writes[0].startswith("UPDATE event SET last_seen=")
    assert "last_run_id=" in event_writes[0] and event_writes[0].count("=") == 2 + 0  # only two columns set
    after = events(db_url)
    assert {u: _content(e) for u, e in after.items()} == before
    assert {e.last_seen for e in after.values()} == {at(3)}


def _content(event):
    skip = {"last_seen", "last_run_id", "_sa_instance_state"}
    return {k: v for k, v in vars(event).items() if k not in skip}


def test_reschedule_keeps_previous_start_and_status(db_url):
    crawl(db_url, [item(1)], when=at(2))
    crawl(db_url, [_with(1, start=dt.datetime(2026, 11, 25, 14, tzinfo=PARIS))], when=at(3))
    stored = events(db_url)[f"{BASE}/rencontre-1"]
    assert stored.status == "rescheduled"
    assert stored.previous_start_at == dt.datetime(2026, 11, 3, 8, 30, tzinfo=dt.UTC)
    rev = [r for r in revisions(db_url) if r.change == "rescheduled"][0]
    assert (rev.old, rev.new) == ("2026-11-03T09:30:00+01:00", "2026-11-25T14:00:00+01:00")
    assert rev.run_id == 2 and rev.at == at(3)


def test_cancelled_is_counted_and_kept_as_cancelled_when_unchanged(db_url):
    crawl(db_url, [item(1)], when=at(2))
    out = crawl(db_url, [_with(1, status="cancelled")], when=at(3))
    assert out.counts["cancelled"] == 1
    crawl(db_url, [_with(1, status="cancelled")], when=at(4))
    assert events(db_url)[f"{BASE}/rencontre-1"].status == "cancelled"
    assert [r.change for r in revisions(db_url)] == ["added", "cancelled"]


def test_reslugged_event_is_moved_not_duplicated(db_url):
    crawl(db_url, [item(n) for n in range(3)], when=at(2))
    renamed = _with(1, url=f"{BASE}/rencontre-1-donnees-ouvertes", title="Rencontre 1 : les données ouvertes")
    out = crawl(db_url, [item(0), renamed, item(2)], when=at(3))
    stored = events(db_url)
    assert len(stored) == 3 and f"{BASE}/rencontre-1" not in stored
    moved = stored[f"{BASE}/rencontre-1-donnees-ouvertes"]
    assert moved.first_seen == at(2)   # the same row, not a new one
    changes = [(r.change, r.field, r.old, r.new) for r in revisions(db_url) if r.change != "added"]
    assert changes[0] == ("moved", "url", f"{BASE}/rencontre-1", f"{BASE}/rencontre-1-donnees-ouvertes")
    assert ("changed", "title") == changes[1][:2]
    assert out.counts["moved"] == 1 and out.status == "healthy" and out.counts.get("withdrawn", 0) == 0


def test_a_301_from_the_old_url_is_a_move_even_when_nothing_else_matches(db_url):
    """Title rewritten and day moved: no look-alike would match, but the old URL redirected."""
    crawl(db_url, [item(n) for n in range(3)], when=at(2))
    new_url = f"{BASE}/hackathon-des-agents"
    renamed = _with(1, url=new_url, title="Hackathon des agents publics",
                    start=dt.datetime(2026, 11, 24, 10, tzinfo=PARIS),
                    redirected_from=[f"{BASE}/rencontre-1", "not a url"])
    out = crawl(db_url, [item(0), renamed, item(2)], when=at(3))
    stored = events(db_url)
    assert sorted(stored) == sorted([f"{BASE}/rencontre-0", new_url, f"{BASE}/rencontre-2"])
    assert stored[new_url].first_seen == at(2)   # the same row, moved
    changes = [(r.change, r.field) for r in revisions(db_url) if r.change != "added"]
    assert changes[0] == ("moved", "url") and ("changed", "title") in changes
    assert ("rescheduled", "start") in changes
    assert out.counts["moved"] == 1 and out.counts.get("new", 0) == 0
    assert out.counts.get("withdrawn", 0) == 0


def test_reslug_with_words_added_to_the_title_is_a_move(db_url):
    crawl(db_url, [item(n) for n in range(3)], when=at(2))
    renamed = _with(1, url=f"{BASE}/rencontre-1-nouvelle-formule", title="Rencontre 1 : données ouvertes, nouvelle formule")
    out = crawl(db_url, [item(0), renamed, item(2)], when=at(3))
    assert out.counts["moved"] == 1 and out.counts.get("new", 0) == 0 and len(events(db_url)) == 3


def test_a_new_event_with_words_added_while_the_first_is_listed_is_no_duplicate(db_url):
    longer = _with(1, url=f"{BASE}/rencontre-1-suite", title="Rencontre 1 : données ouvertes, la suite et les outils")
    crawl(db_url, [item(1), longer], when=at(2))
    assert [e.duplicate_of for e in events(db_url).values()] == [None, None]


def test_near_duplicate_is_linked_with_a_score_never_merged(db_url):
    twin = _with(1, url=f"{BASE}/rencontre-1-0", title="Rencontre 1 - Données ouvertes")
    out = crawl(db_url, [item(1), twin, item(2)], when=at(2))
    stored = events(db_url)
    assert len(stored) == 3
    linked = stored[f"{BASE}/rencontre-1-0"]
    assert linked.duplicate_of == stored[f"{BASE}/rencontre-1"].id
    assert 88 <= linked.duplicate_score <= 100
    assert stored[f"{BASE}/rencontre-2"].duplicate_of is None
    assert out.counts["duplicates"] == 1


def test_numbered_sessions_are_not_duplicates(db_url):
    a = item(1, title="Atelier 1 design", url=f"{BASE}/a1")
    b = item(1, title="Atelier 2 design", url=f"{BASE}/a2")
    crawl(db_url, [a, b], when=at(2))
    assert [e.duplicate_of for e in events(db_url).values()] == [None, None]


def test_all_day_event_keeps_its_date_form(db_url):
    day = _with(1, start=dt.date(2026, 11, 5), end=dt.date(2026, 11, 6), all_day=True)
    crawl(db_url, [day], when=at(2))
    stored = events(db_url)[f"{BASE}/rencontre-1"]
    assert (stored.start_date, stored.end_date, stored.all_day) == (dt.date(2026, 11, 5), dt.date(2026, 11, 6), True)
    assert stored.start_at == dt.datetime(2026, 11, 4, 23, tzinfo=dt.UTC)


def test_bad_url_is_counted_as_an_error_not_raised(db_url):
    out = crawl(db_url, [item(1), _with(2, url="mailto:someone@example.org")], when=at(2))
    assert out.counts["errors"] == 1 and len(events(db_url)) == 1


def test_one_row_the_database_refuses_does_not_sink_its_batch(db_url):
    # a postcode longer than its column: PostgreSQL refuses the row, SQLite stores it as is
    bad = _with(2, postcode="75015" * 10)
    out = crawl(db_url, [item(n) for n in range(5)][:2] + [bad] + [item(n) for n in range(3, 5)], when=at(2),
                batch_size=10)
    stored = events(db_url)
    refused = db_url.startswith("postgresql")
    assert len(stored) == (4 if refused else 5)
    assert out.counts["new"] == len(stored) and out.counts.get("errors", 0) == (1 if refused else 0)
    assert sorted(r.change for r in revisions(db_url)) == ["added"] * len(stored)


def test_overlong_url_is_counted_not_stored(db_url):
    out = crawl(db_url, [item(1), _with(2, url=f"{BASE}/{'x' * 1200}")], when=at(2))
    assert out.counts["errors"] == 1 and len(events(db_url)) == 1


def test_an_event_seen_twice_in_one_run_is_counted_once(db_url):
    crawl(db_url, [item(1), item(2)], when=at(2))
    out = crawl(db_url, [item(1), item(2), item(1)], when=at(3), batch_size=2)
    assert out.counts["unchanged"] == 2
