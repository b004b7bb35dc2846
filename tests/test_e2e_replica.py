"""End to end: crawl the default replica over loopback HTTP with the real CLI, export, and
compare with the replica's ground truth.

Presence, title, edition, status and organiser must be exact for every event; the date,
place and organiser accuracy is printed as a report (run with ``-s`` to see it) and held to the
figures measured when this test was written, so a regression fails.

Place: attendance, the codes, the level of the territory and the EPCI (issue 13: the replica
writes intercommunalities, institutions, gentilés, lists of places, commune names inside streets
and online in other words). Organiser: the kind of body and its région — for a lab's name
(``La Base``, ``Ti Lab``) known from the lab sheets, which ``crawl`` reads before the programme
and the organiser parser is given as ``labs=``.

Labs (issue 19): ``mipcrawl labs`` lists exactly the truth's labs, each with all its pages, and
each event's lab (its link, by key) is the truth's ``lab_id``.
"""

from __future__ import annotations

import collections
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from cli_run import mipcrawl

import replica

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

EXACT = ("title", "edition", "status", "organiser")
DATE_FIELDS = ("start", "end", "all_day", "date_precision")
PLACE_FIELDS = ("attendance", "commune_code", "departement_code", "region_code", "level", "epci_code")
ORGANISER_FIELDS = ("organiser_kind", "organiser_region_code")
# Floors for the share of events whose normalised values equal the truth (measured: 100 %).
MIN_ACCURACY = {"date": 0.99, "place": 0.99, "organiser": 0.99}


@pytest.fixture(scope="module")
def default_site(tmp_path_factory) -> Path:
    return replica.build_site(tmp_path_factory.mktemp("replica") / "site")


@pytest.fixture(scope="module")
def crawls(default_site, tmp_path_factory):
    """Crawl the default replica twice into one SQLite database; export after each crawl.
    (truth, exports, database URL, base URL, ``mipcrawl labs`` rows after the first crawl)."""
    work = tmp_path_factory.mktemp("e2e")
    db = f"sqlite:///{work / 'db.sqlite'}"
    exports, labs = [], []
    with replica.serve(default_site) as base_url:
        for n in (1, 2):
            crawl = mipcrawl("crawl", "--base-url", base_url, "--db", db, "--data-dir", str(work),
                             "--no-progress")
            assert crawl.returncode == 0, crawl.stderr[-2000:]
            out = work / f"export{n}.jsonl"
            export = mipcrawl("export", "--format", "jsonl", "--db", db, "--out", str(out))
            assert export.returncode == 0, export.stderr
            exports.append([json.loads(line) for line in out.read_text().splitlines()])
            if n == 1:
                listed = mipcrawl("labs", "--db", db, "--format", "jsonl")
                assert listed.returncode == 0, listed.stderr
                labs = [json.loads(line) for line in listed.stdout.splitlines()]
    truth = [json.loads(line) for line in (default_site / "_truth" / "events.jsonl").read_text().splitlines()]
    return truth, exports, db, base_url, labs


@pytest.fixture(scope="module")
def crawled(crawls):
    truth, exports, *_ = crawls
    return truth, exports


def by_path(records):
    return {urlsplit(r["url"]).path: r for r in records}


def test_every_listed_truth_event_is_stored_exactly_once_and_nothing_else(crawled):
    truth, (first, _) = crawled
    listed = {t["path"] for t in truth if t["listed"]}
    paths = collections.Counter(urlsplit(r["url"]).path for r in first)
    assert [p for p, n in paths.items() if n > 1] == []
    assert sorted(listed - set(paths)) == []
    assert sorted(set(paths) - listed) == []


@pytest.mark.parametrize("field", EXACT)
def test_field_is_exact_for_every_event(crawled, field):
    truth, (first, _) = crawled
    stored = by_path(first)
    wrong = [(t["path"], t[field], stored[t["path"]][field]) for t in truth if t["listed"]
             and stored[t["path"]][field] != t[field]]
    assert wrong[:5] == [] and len(wrong) == 0


def _accuracy(truth, stored, fields):
    listed = [t for t in truth if t["listed"]]
    ok = sum(all(stored[t["path"]][f] == t[f] for f in fields) for t in listed)
    misses = [(t["path"], {f: (t[f], stored[t["path"]][f]) for f in fields
                           if stored[t["path"]][f] != t[f]}) for t in listed
              if any(stored[t["path"]][f] != t[f] for f in fields)]
    return ok / len(listed), misses, len(listed)


def test_date_place_and_organiser_accuracy_report(crawled):
    truth, (first, _) = crawled
    stored = by_path(first)
    report = {}
    for name, fields in (("date", DATE_FIELDS), ("place", PLACE_FIELDS), ("organiser", ORGANISER_FIELDS)):
        share, misses, count = _accuracy(truth, stored, fields)
        report[name] = share
        print(f"\n{name} accuracy: {share:.2%} of {count} events")
        for path, diff in misses[:10]:
            print(f"  {path}: {diff}")
    for name, floor in MIN_ACCURACY.items():
        assert report[name] >= floor, f"{name} accuracy {report[name]:.2%} under {floor:.0%}"


def test_crawling_twice_leaves_the_same_events(crawled):
    _, (first, second) = crawled
    assert len(second) == len(first)
    assert sorted(r["url"] for r in second) == sorted(r["url"] for r in first)


def test_labs_lists_exactly_the_truth_labs_with_all_their_pages(crawls, default_site):
    *_, base_url, labs = crawls
    truth = [json.loads(line) for line in (default_site / "_truth" / "labs.jsonl").read_text().splitlines()]
    assert len(truth) == 16
    listed = {lab["key"]: sorted(urlsplit(p["url"]).path for p in lab["pages"]) for lab in labs}
    assert listed == {t["id"]: sorted(t["pages"]) for t in truth}
    names = {lab["key"]: (lab["name"], lab["region_code"]) for lab in labs}
    assert names == {t["id"]: (t["name"], t["region_code"]) for t in truth}


def test_every_event_is_linked_to_the_truth_lab(crawls):
    """The lab of each event (``event.lab_id``, by the lab's key) is the truth's ``lab_id``
    for ≥ 99 % of the events a lab runs, and no lab is linked to ≥ 99 % of the others."""
    from sqlalchemy import create_engine, select

    from models import Event, Lab

    truth, _, db, _, _ = crawls
    engine = create_engine(db)
    with engine.connect() as conn:
        stored = {urlsplit(url).path: key for url, key in conn.execute(
            select(Event.url, Lab.key).outerjoin(Lab, Lab.id == Event.lab_id))}
    engine.dispose()
    listed = [t for t in truth if t["listed"]]
    run, other = [t for t in listed if t["lab_id"]], [t for t in listed if not t["lab_id"]]
    wrong = [(t["path"], t["lab_id"], stored[t["path"]]) for t in run if stored[t["path"]] != t["lab_id"]]
    extra = [(t["path"], stored[t["path"]]) for t in other if stored[t["path"]] is not None]
    print(f"\nlab links: {len(run) - len(wrong)} of {len(run)} right, {len(extra)} of {len(other)} linked wrongly")
    assert len(run) > 100 and len(wrong) <= 0.01 * len(run), wrong[:10]
    assert len(extra) <= 0.01 * len(other), extra[:10]
