"""Issue 19: the labs through the current month (days 1–30) on the replica. The Normandie
sheet is renamed on day 9 (it then says "anciennement …"), the Bourgogne-Franche-Comté sheet
moves to a new URL on day 16 (its old path answers 301). A lab crawl every few days into one
database keeps one lab each — with both sheet URLs for the moved one — and the rename and the
move in that lab's history, each in the run of the day it happened. SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from cli_run import mipcrawl

import replica
from replica.labs import BY_ID, LAB_PREFIX, MOVE_DAY, RENAME_DAY

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

DAYS = (1, 3, RENAME_DAY, 12, MOVE_DAY, 20, 30)
NORMANDIE, BFC = "laboratoire-de-normandie-lab-estuaire", "laboratoire-de-bourgogne-franche-comte-cooplab"


def test_month_play_keeps_one_lab_per_lab_with_renames_and_moves_in_its_history(db_url, tmp_path):
    site = replica.build_site(tmp_path / "site", events_per_edition=10, day=30)
    run_of_day = {}
    with replica.serve(site, day=DAYS[0]) as base_url:
        for day in DAYS:
            replica.set_day(base_url, day)
            crawl = mipcrawl("crawl", "labs", "--base-url", base_url, "--db", db_url,
                             "--data-dir", str(tmp_path / "data"), "--no-progress")
            assert crawl.returncode == 0, crawl.stderr[-1500:]
            run_of_day[day] = int(re.search(r"labs: run (\d+) healthy", crawl.stderr).group(1))
    listed = mipcrawl("labs", "--db", db_url, "--format", "jsonl")
    assert listed.returncode == 0, listed.stderr
    labs = {lab["key"]: lab for lab in map(json.loads, listed.stdout.splitlines())}
    truth = {t["id"]: t for t in map(json.loads, (site / "_truth" / "labs.jsonl").read_text().splitlines())}
    assert sorted(labs) == sorted(truth) and len(labs) == 16
    for key, lab in labs.items():   # every page the month showed, the moved sheet's old URL too
        old = [path for _day, path in BY_ID[key].moved_from()]
        assert sorted(urlsplit(p["url"]).path for p in lab["pages"]) == sorted(truth[key]["pages"] + old), key
    normandie, bfc = labs[NORMANDIE], labs[BFC]
    assert (normandie["name"], bfc["name"]) == (truth[NORMANDIE]["name"], truth[BFC]["name"])
    assert "Lab Estuaire" in normandie["aliases"]

    changes = mipcrawl("changes", "--db", db_url, "--labs", "--format", "jsonl")
    assert changes.returncode == 0, changes.stderr
    own = [(r["run_id"], r["change"], r["field"], r["old"], r["new"]) for r in map(json.loads, changes.stdout.splitlines())
           if r["change"] not in ("added", "changed")]
    base = urlsplit(normandie["url"])._replace(path="").geturl()
    moved_from = base + LAB_PREFIX + BY_ID[BFC].changes[0].old
    assert own == [(run_of_day[RENAME_DAY], "renamed", "name", "Lab Estuaire", "L'Escale"),
                   (run_of_day[MOVE_DAY], "moved", "url", moved_from, base + LAB_PREFIX + BFC)]
