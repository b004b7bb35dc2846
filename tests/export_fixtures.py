"""A small month of crawls for the export tests (not a test module).

Run 1 (2 Nov) stores 12 events; run 2 (3 Nov) edits event 0's title, reschedules event 1,
re-slugs event 2 and cancels event 10; run 3 (4 Nov) no longer lists event 3 (withdrawn).
Event 4 is online, 5 mixed in Rennes (Bretagne), 8 all-day, 9 all-day over three days,
7 organised by a département (Var), 11 by the lab "Ti Lab" (spelled "TI Lab" on the event).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from storage_fixtures import BASE, PARIS, at, crawl, item

from mipcrawl.items import LabItem
from pipelines.records import lab_record
from storage.db import make_engine, make_session_factory
from storage.labs import relink, store_labs

N = 12
RENNES = dict(place_text="Préfecture, 3 rue Martenot, 35000 Rennes", attendance="mixed", commune_code="35238",
              commune_name="Rennes", departement_code="35", region_code="53", postcode="35000",
              street="3 rue Martenot", venue="Préfecture", online_url="https://webinaire.example/rennes")
ONLINE = dict(place_text="En ligne", attendance="online", commune_code=None, departement_code=None,
              region_code=None, level="online")
VAR = dict(organiser="Conseil départemental du Var", organiser_kind="collectivite", organiser_level="departement",
           organiser_departement_code="83", organiser_region_code="93")


def base_item(n: int):
    if n == 4:
        return item(n, **ONLINE)
    if n == 5:
        return item(n, **RENNES)
    if n == 8:
        return item(n, when_text="Le 5 novembre", start=dt.date(2026, 11, 5), end=dt.date(2026, 11, 5), all_day=True)
    if n == 9:
        return item(n, when_text="Du 5 au 7 novembre", start=dt.date(2026, 11, 5), end=dt.date(2026, 11, 7),
                    all_day=True)
    if n == 7:
        return item(n, **VAR)
    if n == 11:
        return item(n, organiser="TI Lab", organiser_kind="lab", organiser_level="unknown", **RENNES)
    return item(n)


def edited_item(n: int):
    it = base_item(n)
    if n == 0:
        return dataclasses.replace(it, title="Rencontre 0 : design de service, complet")
    if n == 1:
        return dataclasses.replace(it, start=dt.datetime(2026, 11, 20, 14, tzinfo=PARIS),
                                   end=dt.datetime(2026, 11, 20, 16, tzinfo=PARIS))
    if n == 2:
        return dataclasses.replace(it, url=f"{BASE}/rencontre-2-bis")
    if n == 10:
        return dataclasses.replace(it, status="cancelled")
    return it


def add_lab(db_url: str) -> None:
    lab = LabItem(url="https://www.modernisation.gouv.fr/campus-de-la-transformation-publique/"
                      "laboratoires-innovation/laboratoire-de-bretagne-ti-lab",
                  name="Ti Lab", title="Laboratoire de Bretagne - Ti Lab", region_text="Bretagne",
                  region_code="53", host="SGAR Bretagne", year_created=2017)
    engine = make_engine(db_url)
    with make_session_factory(engine)() as session, session.begin():
        store_labs(session, [lab_record(lab)], at(2))
        relink(session)   # the events stored before the lab know it now (as a lab crawl does)
    engine.dispose()


def build_month(db_url: str) -> str:
    crawl(db_url, [base_item(n) for n in range(N)], when=at(2))
    crawl(db_url, [edited_item(n) for n in range(N)], when=at(3))
    crawl(db_url, [edited_item(n) for n in range(N) if n != 3], when=at(4))
    add_lab(db_url)
    return db_url


def url(n: int) -> str:
    return f"{BASE}/rencontre-2-bis" if n == 2 else f"{BASE}/rencontre-{n}"


# -- a crawled replica, shared by the export and report tests ------------------------------

_CRAWLED: dict[str, str] = {}
FIRST_DAY = 10


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mipcrawl.cli", *args], capture_output=True, text=True, timeout=600)


def crawled_replica(site_dir: os.PathLike[str], work: Path) -> str:
    """The small replica crawled on day ``FIRST_DAY`` (everything), then on day 30 (2026
    again): a database with a month's changes whose final state is the site's ``_truth``
    (day 30). Crawled once per test session."""
    key = str(site_dir)
    if key not in _CRAWLED:
        import replica

        db, port = f"sqlite:///{work / 'replica.sqlite'}", 0
        for day, scope in ((FIRST_DAY, ["all"]), (30, ["programme", "--edition", "2026"])):
            with replica.serve(site_dir, day=day, port=port) as base_url:
                port = urlsplit(base_url).port     # the same site both days: same host and port
                done = run_cli("crawl", *scope, "--base-url", base_url, "--db", db, "--data-dir", str(work),
                               "--no-progress")
            if done.returncode != 0:
                raise RuntimeError(f"crawl of day {day} failed: {done.stderr[-2000:]}")
        _CRAWLED[key] = db
    return _CRAWLED[key]


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def truth(site_dir: os.PathLike[str]) -> list[dict]:
    """The truth events the crawled database must hold: every listed one, and the withdrawn
    ones that were still listed on ``FIRST_DAY`` (the crawl saw them, then saw them go)."""
    timeline = _jsonl(Path(site_dir) / "_truth" / "timeline.jsonl")
    gone = {c["path"]: c["day"] for c in timeline if c["change"] == "withdrawn"}
    late = {c["path"] for c in timeline if c["change"] == "added" and c["day"] > FIRST_DAY}
    moved_start = {}
    for c in timeline:
        if c["change"] == "rescheduled" and c["field"] == "start" and c["day"] > FIRST_DAY and c["path"] not in late:
            moved_start.setdefault(c["path"], c["old"])
    events = [t for t in _jsonl(Path(site_dir) / "_truth" / "events.jsonl")
              if t["listed"] or gone.get(t["path"], 0) > FIRST_DAY]
    for t in events:   # what the store says after seeing the start move between the two crawls
        t["previous_start"] = moved_start.get(t["path"])
        t["stored_status"] = "rescheduled" if t["previous_start"] and t["status"] == "scheduled" else t["status"]
    return events
