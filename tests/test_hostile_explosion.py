"""Defect 11 of issue 18: a crawl that explodes is not healthy. The gate refuses a surge of
listed events (a crawl trap, a template listing every page of the site), and a field
megabytes long is cut to its cap with a warning and a count, never stored whole."""

from __future__ import annotations

import json
import sqlite3

import pytest
from cli_run import mipcrawl
from hostile.server import HostileSite, serve

from storage.gate import EditionEvidence, GatePolicy, judge


def evidence(listed: int) -> EditionEvidence:
    ev = EditionEvidence(pages={0: 0}, listed_urls={f"https://x.example/e{n}" for n in range(listed)})
    for _ in range(listed):
        ev.add_item({"title": "t", "start_at": 1, "attendance": "offline"})
    return ev


@pytest.mark.parametrize("before, now, surged", [
    (40, 540, False), (40, 541, True),          # small editions: +500 is the larger allowance
    (350, 1050, False), (350, 1051, True),      # large ones: 3x is
    (350, 351, False), (1000, 3000, False), (1000, 3001, True),
])
def test_the_gate_refuses_a_surge_of_listed_events(before, now, surged):
    previous = {"listed": before, "coverage": {"title": 1.0, "when": 1.0, "place": 1.0}}
    verdict = judge(evidence(now), previous, GatePolicy())
    assert verdict.healthy is not surged
    assert any("surged" in r for r in verdict.reasons) is surged


def crawl(base_url, tmp_path, *settings):
    db = tmp_path / "h.sqlite"
    done = mipcrawl("crawl", "programme", "--edition", "2026", "--base-url", base_url, "--no-progress",
                    "--db", f"sqlite:///{db}", "--data-dir", str(tmp_path / "data"),
                    *[a for s in settings for a in ("-s", s)])
    return done, db


def test_a_listing_that_explodes_is_partial_and_withdraws_nothing(tmp_path):
    site = HostileSite()
    for n in range(10):
        site.event(f"atelier-{n}")
    with serve(site) as base_url:
        done, db = crawl(base_url, tmp_path)
        assert done.returncode == 0, done.stderr[-2000:]
        site.links = site.links[:5]                  # half the events are gone…
        for n in range(60):                          # …and a trap lists sixty new pages
            site.event(f"piege-{n}")
        done, db = crawl(base_url, tmp_path, "MIPCRAWL_GATE_SURGE_SLACK=20")
    assert done.returncode == 3 and "surged from 10 to 65" in done.stderr, done.stderr[-2000:]
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from event where status = 'withdrawn'").fetchone() == (0,)


def test_a_field_megabytes_long_is_cut_warned_and_counted(tmp_path):
    site = HostileSite()
    site.event("enorme", title="Atelier " + "très " * 600_000, place="Paris " * 200_000)
    site.event("normal", title="Atelier normal")
    with serve(site) as base_url:
        done, db = crawl(base_url, tmp_path, "MIPCRAWL_TEXT_MAX_CHARS=2000")
    assert done.returncode == 0, done.stderr[-2000:]
    with sqlite3.connect(db) as conn:
        titles = dict(conn.execute("select title, length(place_text) from event").fetchall())
        stats = json.loads(conn.execute("select stats from crawl_run").fetchone()[0])
    assert sorted(len(t) for t in titles) == [len("Atelier normal"), 2000]
    assert max(v for v in titles.values()) <= 2000
    assert stats["mipcrawl/caps/title"] == 1 and stats["mipcrawl/caps/place_text"] == 1
    log = next((tmp_path / "data" / "logs").glob("*.log")).read_text()
    assert "field title cut to 2000 characters" in log
