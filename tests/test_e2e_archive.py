"""End to end: past editions crawled from the replica's web archive (replica/wayback) with the
real CLI, against the archive's truth of what a perfect archive crawl recovers; the archive
and the live site together; a rate-limiting archive; an archive that cannot be used."""

from __future__ import annotations

import collections
import hashlib
import json
import re
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from cli_run import mipcrawl

import replica
from mipcrawl.cli.errors import ExitCode
from replica.wayback import serve_archive
from replica.wayback.build import load_index
from replica.wayback.truth import pick

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

YEARS = (2019, 2020, 2023)
FAST = ("-s", "MIPCRAWL_WAYBACK_RATE=1000")
EXACT = ("title", "start", "commune_code")
SITE = "https://www.modernisation.gouv.fr"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return replica.build_site(tmp_path_factory.mktemp("archive") / "site", seed=0,
                              events_per_edition=350, day=30)


def archive_crawl(archive: str, db: str, work: Path, year: int, *extra: str):
    return mipcrawl("crawl", "programme", "--edition", str(year), "--from-archive", "--archive-url", archive,
                    "--db", db, "--data-dir", str(work), "--no-progress", *extra)


def export(db: str, out: Path, year: int) -> list[dict]:
    done = mipcrawl("export", "--format", "jsonl", "--edition", str(year), "--db", db, "--out", str(out))
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in out.read_text().splitlines()]


def _stamp(iso: str) -> str:
    return iso[:19].replace("-", "").replace("T", "").replace(":", "")


def truth_of(site: Path, year: int) -> dict[str, dict]:
    rows = map(json.loads, (site / "_truth/archive/events.jsonl").read_text().splitlines())
    return {t["path"]: t for t in rows if t["edition"] == year}


@pytest.fixture(scope="module")
def crawled(site, tmp_path_factory):
    work = tmp_path_factory.mktemp("e2e-archive")
    db = f"sqlite:///{work / 'db.sqlite'}"
    out = {}
    with serve_archive(site) as archive:
        for year in YEARS:
            run = archive_crawl(archive, db, work, year, *FAST)
            out[year] = (run, export(db, work / f"{year}.jsonl", year))
    return out, work, db


@pytest.mark.parametrize("year", YEARS)
def test_an_archive_crawl_is_healthy_and_says_what_the_archive_lacks(crawled, site, year):
    (run, _), db = crawled[0][year], crawled[2]
    assert run.returncode == 0, run.stderr[-3000:]
    truth = json.loads((site / "_truth/archive/editions.json").read_text())
    listing_gaps = {m["path"] for e in truth if e["year"] == year for m in e["listing_missing"]}
    run_id = re.search(r"mipcrawl runs --gaps (\d+)", run.stderr).group(1)
    gaps = mipcrawl("runs", "--gaps", run_id, "--db", db)
    lines = [line.split() for line in gaps.stdout.splitlines()]
    assert {w[1].removeprefix(SITE) for w in lines if w[0] == "listing"} == listing_gaps
    assert all(len(w) > 2 for w in lines)                      # every gap with its reason
    missing_events = {urlsplit(w[1]).path for w in lines if w[0] == "event"}
    expected = {p for p, t in truth_of(site, year).items()
                if not t["recoverable"] and t["reason"] != "not linked from any captured listing page"}
    assert missing_events == expected


@pytest.mark.parametrize("year", YEARS)
def test_every_recoverable_event_is_found_once_and_nothing_else(crawled, site, year):
    records = crawled[0][year][1]
    paths = collections.Counter(urlsplit(r["url"]).path for r in records)
    assert [p for p, n in paths.items() if n > 1] == []
    recoverable = {p for p, t in truth_of(site, year).items() if t["recoverable"]}
    assert sorted(recoverable - set(paths)) == [] and sorted(set(paths) - recoverable) == []


@pytest.mark.parametrize("year", YEARS)
def test_title_start_and_commune_are_exact_with_archive_provenance(crawled, site, year):
    truth = truth_of(site, year)
    records = crawled[0][year][1]
    exact = [r for r in records if all(r[f] == truth[urlsplit(r["url"]).path]["record"][f] for f in EXACT)]
    assert len(exact) >= 0.99 * len(records), len(records) - len(exact)
    for r in records:
        capture = truth[urlsplit(r["url"]).path]["capture"]
        assert r["source"] == "archive" and r["status"] != "withdrawn"
        assert _stamp(r["captured_at"]) == capture


def test_with_at_the_captures_nearest_that_day_are_read(site, tmp_path):
    db = f"sqlite:///{tmp_path / 'at.sqlite'}"
    with serve_archive(site) as archive:
        run = archive_crawl(archive, db, tmp_path, 2019, "--at", "20191116", *FAST)
    assert run.returncode == 0, run.stderr[-2000:]
    records = export(db, tmp_path / "at.jsonl", 2019)
    index = load_index(site)
    nearest = {r["url"]: pick(index[urlsplit(r["url"]).path], "20191116120000")[0].timestamp for r in records}
    assert records and all(_stamp(r["captured_at"]) == nearest[r["url"]] for r in records)
    # the listing read is the early pass (2019-11-15): events published later are not listed
    assert len(records) < sum(t["recoverable"] for t in truth_of(site, 2019).values())


def test_an_archive_run_reparses_from_its_warc_to_the_same_events(crawled, tmp_path):
    results, work, db = crawled
    run_id = re.search(r"runs --gaps (\d+)", results[2019][0].stderr).group(1)
    again = f"sqlite:///{tmp_path / 'again.sqlite'}"
    reparse = mipcrawl("reparse", "--run", run_id, "--db", again, "--data-dir", str(work), "--no-progress")
    assert reparse.returncode == 0, reparse.stderr[-2000:]
    keep = ("url", "title", "start", "commune_code", "source", "captured_at")
    replayed = [{k: r[k] for k in keep} for r in export(again, tmp_path / "again.jsonl", 2019)]
    assert replayed == [{k: r[k] for k in keep} for r in results[2019][1]]


def test_an_interrupted_archive_crawl_resumes_to_the_same_events(site, tmp_path):
    db, out = tmp_path / "resume.sqlite", tmp_path / "resume.jsonl"
    cmd = [sys.executable, "-m", "mipcrawl.cli", "crawl", "programme", "--edition", "2023", "--from-archive",
           "--db", f"sqlite:///{db}", "--data-dir", str(tmp_path), "--no-progress", "--resume",
           "-s", "MIPCRAWL_STORE_BATCH_SIZE=5"]
    with serve_archive(site) as archive:
        first = subprocess.Popen([*cmd, "--archive-url", archive, "-s", "MIPCRAWL_WAYBACK_RATE=40"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while _stored(db) < 20 and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert first.poll() is None, "the crawl ended before it could be stopped"
        first.send_signal(signal.SIGINT)              # a clean stop: Scrapy keeps its queue
        first.wait(timeout=120)
        assert 20 <= _stored(db) and (tmp_path / "jobs" / "programme-2023").is_dir()
        resumed = subprocess.run([*cmd, "--archive-url", archive, *FAST], capture_output=True, text=True,
                                 timeout=600)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    records = export(f"sqlite:///{db}", out, 2023)
    assert {urlsplit(r["url"]).path for r in records} == {
        p for p, t in truth_of(site, 2023).items() if t["recoverable"]} and len(records) == len(set(
            r["url"] for r in records))


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return conn.execute("select count(*) from event").fetchone()[0]
    except sqlite3.OperationalError:   # not created yet
        return 0


# -- live and archive together --------------------------------------------------------------------

@pytest.mark.parametrize("order", [("archive", "live"), ("live", "archive")])
def test_archive_and_live_crawls_of_an_edition_give_one_event_per_url(site, tmp_path, order):
    db = f"sqlite:///{tmp_path / 'both.sqlite'}"
    with replica.serve(site) as live, serve_archive(site, original=live) as archive:
        for source in order:
            extra = ("--from-archive", "--archive-url", archive, *FAST) if source == "archive" else ()
            run = mipcrawl("crawl", "programme", "--edition", "2024", "--base-url", live, "--db", db,
                           "--data-dir", str(tmp_path), "--no-progress", *extra)
            assert run.returncode == 0, run.stderr[-2000:]
    records = export(db, tmp_path / "both.jsonl", 2024)
    paths = collections.Counter(urlsplit(r["url"]).path for r in records)
    assert len(records) == 350 and max(paths.values()) == 1
    assert {r["source"] for r in records} == {order[1]} | ({order[0]} if order[0] == "live" else set())
    with sqlite3.connect(tmp_path / "both.sqlite") as conn:
        sources = dict(conn.execute(
            "select e.url, group_concat(distinct r.origin) from event e join event_revision r "
            "on r.event_id = e.id group by e.url").fetchall())
    both = [u for u, s in sources.items() if set(s.split(",")) == {"live", "archive"}]
    recoverable = sum(t["recoverable"] for t in truth_of(site, 2024).values())
    assert len(both) == recoverable
    url = both[0]
    history = mipcrawl("history", url, "--db", db).stdout
    assert "from archive capture of 2024-" in history and "source: " in history


# -- a rate-limiting archive ------------------------------------------------------------------------

def test_an_archive_answering_429_to_a_fifth_of_requests(tmp_path):
    site = replica.build_site(tmp_path / "site", seed=0, events_per_edition=20, day=30)
    rate, expected = 25.0, None
    for rate_limit in (0.0, 0.2):
        db = f"sqlite:///{tmp_path / f'rl{rate_limit}.sqlite'}"
        with serve_archive(site, rate_limit=rate_limit, retry_after=1) as archive:
            run = archive_crawl(archive, db, tmp_path, 2019, "-s", f"MIPCRAWL_WAYBACK_RATE={rate:g}")
            stats = replica.stats(archive)
        assert run.returncode == 0, run.stderr[-2000:]
        urls = sorted(r["url"] for r in export(db, tmp_path / "rl.jsonl", 2019))
        expected = expected or urls
        assert urls == expected and urls
        times = stats["times"]
        # never above the configured rate: no second holds more requests than the rate allows
        # (arrival times carry the loopback's jitter, so single gaps are not compared)
        busiest = max(sum(1 for u in times if t <= u < t + 1) for t in times)
        assert busiest <= rate + 1, busiest
        for refused in stats["limited"]:                      # and Retry-After honoured
            later = [t for t in times if t > refused]
            assert not later or later[0] >= refused + 1 - 0.01
    assert len(stats["limited"]) >= 0.1 * len(times)


# -- an archive that cannot be used ------------------------------------------------------------------

@pytest.mark.parametrize("case, code, words", [
    ("unreachable", ExitCode.ERROR, "did not answer"),
    ("no captures", ExitCode.NOT_ARCHIVED, "holds no capture of the programme"),
    ("not json", ExitCode.ERROR, "is not JSON"),
    ("bad url", ExitCode.USAGE, "--archive-url must be an http(s) URL"),
])
def test_an_unusable_archive_is_one_line_and_an_exit_code(site, tmp_path, case, code, words):
    db = f"sqlite:///{tmp_path / 'x.sqlite'}"
    with serve_archive(site, cdx_garbage=case == "not json") as archive:
        url = {"unreachable": "http://127.0.0.1:9", "bad url": "ftp://archive"}.get(case, archive)
        year = 2026 if case == "no captures" else 2019
        run = archive_crawl(url, db, tmp_path, year, *FAST)
    assert run.returncode == code, run.stderr[-2000:]
    last = run.stderr.strip().splitlines()[-1]
    assert words in last and "Traceback" not in run.stderr


# -- captures a researcher can open ----------------------------------------------------------------

def test_archive_pack_is_a_valid_wacz_listing_every_event_page(crawled, tmp_path):
    results, work, db = crawled
    out = tmp_path / "semaine-2019.wacz"
    pack = mipcrawl("archive", "pack", "--edition", "2019", "--out", str(out), "--data-dir", str(work), "--db", db)
    assert pack.returncode == 0, pack.stderr
    wacz = Path(sys.executable).with_name("wacz")
    check = subprocess.run([str(wacz), "validate", "-f", str(out)], capture_output=True, text=True, timeout=300)
    assert check.returncode == 0 and "is valid" in check.stdout, check.stdout[-2000:]
    with zipfile.ZipFile(out) as z:
        pages = [json.loads(line) for line in z.read("pages/pages.jsonl").decode().splitlines()[1:]]
        z.extractall(tmp_path / "unpacked")
    originals = {p["url"].split("id_/", 1)[1] for p in pages}
    assert originals == {r["url"] for r in results[2019][1]}
    packed = sorted((tmp_path / "unpacked" / "archive").glob("*.warc.gz"))
    sources = {p.name: p for p in (work / "archive" / "2019").glob("*.warc.gz")}
    assert [p.name for p in packed] == sorted(sources)
    for p in packed:
        assert hashlib.sha256(p.read_bytes()).digest() == hashlib.sha256(sources[p.name].read_bytes()).digest()
    verify = mipcrawl("archive", "verify", *map(str, packed))
    assert verify.returncode == 0 and f"{len(packed)} file(s), 0 bad" in verify.stdout, verify.stdout


@pytest.mark.parametrize("args, code", [(("--run", "999"), ExitCode.USAGE),
                                        (("--edition", "2019", "--out", "x.zip"), ExitCode.USAGE)])
def test_archive_pack_refuses_with_one_line(crawled, tmp_path, args, code):
    work, db = crawled[1], crawled[2]
    if "--out" not in args:
        args = (*args, "--out", str(tmp_path / "x.wacz"))
    pack = mipcrawl("archive", "pack", *args, "--data-dir", str(work), "--db", db)
    assert pack.returncode == code and len(pack.stderr.strip().splitlines()) == 1, pack.stderr
