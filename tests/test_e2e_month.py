"""Issue 6 acceptance: play the current edition's month on the replica and check the stored
history against the replica's ground truth.

The replica serves November 2026 as it stood on days 1, 3, 7, 12, 20 and 30; after each day
one crawl of the 2026 programme goes into one database. What the truth says changed between
two crawled days (a diff of its day snapshots, so a change undone before the next crawl is
no change) must appear once in the revision history, attributed to that day's run, and
nothing else may appear. Runs on SQLite and on the real PostgreSQL server.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from cli_run import mipcrawl

import replica

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

DAYS = (1, 3, 7, 12, 20, 30)
EVENTS = 60
# truth field -> stored revision field (values compared as written by both: ISO with offset)
FIELDS = {
    "title": "title", "organiser": "organiser", "when_text": "when_text", "start": "start",
    "end": "end", "place_text": "place_text", "attendance": "attendance",
    "commune_code": "commune_code", "departement_code": "departement_code",
    "region_code": "region_code", "status": "status", "path": "url",
}


# Raw texts are compared by presence only: a page with schema.org data gives its values in
# ISO form rather than the visible wording; the normalised fields above carry the values.
RAW = {"when_text", "place_text"}


def _key(k: int, eid: str, field: str, old, new) -> tuple:
    return (k, eid, field, None, None) if field in RAW else (k, eid, field, old, new)


def truth_at(tmp: Path, day: int) -> dict[str, dict]:
    site = replica.build_site(tmp / f"day{day}", events_per_edition=EVENTS, day=day)
    rows = [json.loads(line) for line in (site / "_truth" / "events.jsonl").read_text().splitlines()]
    return {r["id"]: r for r in rows if r["edition"] == 2026}


def expected_changes(snapshots: list[dict[str, dict]]) -> set[tuple]:
    """(crawl index, event id, field, old, new) for every change between two crawled days."""
    out: set[tuple] = set()
    for k, now in enumerate(snapshots):
        before = snapshots[k - 1] if k else {}
        for eid, rec in now.items():
            if eid not in before or not (before[eid]["listed"] or before[eid]["status"] == "withdrawn"):
                if rec["listed"]:
                    out.add((k, eid, "added", None, None))
                continue
            for field in FIELDS:
                old, new = before[eid][field], rec[field]
                if old != new:
                    out.add(_key(k, eid, field, old, new))
    return out


def stored_changes(rows: list[dict], run_ids: list[int], id_by_path: dict[str, str]) -> set[tuple]:
    inverse = {v: k for k, v in FIELDS.items()}
    out = set()
    for row in rows:
        k = run_ids.index(row["run_id"])
        eid = id_by_path.get(urlsplit(row["url"]).path, row["url"])
        if row["change"] == "added":
            out.add((k, eid, "added", None, None))
            continue
        field = inverse.get(row["field"])
        if field is None:       # a field the truth does not track (slots, venue, postcode…)
            continue
        old, new = row["old"], row["new"]
        if field == "path":
            old, new = urlsplit(old).path, urlsplit(new).path
        if field == "status":   # storage's "rescheduled" is the truth's "scheduled"
            old, new = ("scheduled" if v == "rescheduled" else v for v in (old, new))
            if old == new:
                continue
        out.add(_key(k, eid, field, old, new))
    return out


def test_month_history_matches_the_replica_timeline(db_url, tmp_path):
    snapshots = [truth_at(tmp_path, day) for day in DAYS]
    run_ids = []
    site = tmp_path / f"day{DAYS[-1]}"
    with replica.serve(site, day=DAYS[0]) as base_url:
        for day in DAYS:
            replica.set_day(base_url, day)
            crawl = mipcrawl("crawl", "programme", "--edition", "2026", "--base-url", base_url,
                             "--db", db_url, "--data-dir", str(tmp_path / "data"), "--no-progress")
            assert crawl.returncode == 0, crawl.stderr[-1500:]
            run_ids.append(int(re.search(r"programme 2026: run (\d+) healthy", crawl.stderr).group(1)))
    changes = mipcrawl("changes", "--db", db_url, "--format", "jsonl")
    assert changes.returncode == 0, changes.stderr
    rows = [json.loads(line) for line in changes.stdout.splitlines()]
    id_by_path = {rec["path"]: eid for eid, rec in snapshots[-1].items()}
    for snap in snapshots:   # old paths of re-slugged events too
        id_by_path.update({rec["path"]: eid for eid, rec in snap.items() if rec["path"] not in id_by_path})
    expected = expected_changes(snapshots)
    actual = stored_changes(rows, run_ids, id_by_path)
    missing, extra = sorted(expected - actual, key=str), sorted(actual - expected, key=str)
    assert (missing, extra) == ([], []), f"missing {missing[:8]}\nextra {extra[:8]}"

    export = mipcrawl("export", "--format", "jsonl", "--db", db_url)
    assert export.returncode == 0, export.stderr
    stored = {id_by_path[urlsplit(r["url"]).path]: r for r in map(json.loads, export.stdout.splitlines())}
    final = snapshots[-1]
    seen = {eid for snap in snapshots for eid, rec in snap.items() if rec["listed"]}
    assert set(stored) == seen
    for eid in seen:
        status = stored[eid]["status"]
        assert ("scheduled" if status == "rescheduled" else status) == final[eid]["status"], eid
