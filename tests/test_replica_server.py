"""The replica over HTTP: reachability, 304s, 301/404/410, robots, stats, the day switch, faults."""

from __future__ import annotations

import email.utils
import http.client
import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

import replica
from mipcrawl.cli import main as cli_main
from replica.editions import HUB_PATH, LAB_PREFIX, LABS_OVERVIEW_PATH

CARD_LINKS = {
    "legacy": "//div[contains(@class,'views-row')]//h2/a/@href",
    "dsfr14": "//h4[contains(@class,'fr-card__title')]/a[contains(@class,'fr-card__link')]/@href",
    "dsfr15": "//div[contains(@class,'fr-card__content')]/h3[contains(@class,'fr-card__title')]/a/@href",
}


def get(base: str, path: str, headers: dict | None = None, method: str = "GET"):
    """(status, headers, body) of one request on a fresh connection."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def _truth(site: Path, name: str):
    text = (Path(site) / "_truth" / name).read_text(encoding="utf-8")
    return json.loads(text) if name.endswith(".json") else [json.loads(x) for x in text.splitlines()]


def _crawl_listing(base: str, start: str, layout: str) -> set[str]:
    """Follow a programme's pagination from its first page; return the event paths linked."""
    todo, seen, found = [start], set(), set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        status, _h, body = get(base, path)
        assert status == 200, path
        doc = lxml.html.fromstring(body)
        found.update(doc.xpath(CARD_LINKS[layout]))
        for href in doc.xpath("//a/@href"):
            target = urlsplit(urljoin(base + path, href))
            if target.path == urlsplit(start).path and target.query:
                todo.append(f"{target.path}?{target.query}")
    return found


def test_every_listed_event_is_reachable_from_the_hub(replica_small) -> None:
    base, site = replica_small
    status, _h, body = get(base, HUB_PATH)
    assert status == 200
    programmes = set(lxml.html.fromstring(body).xpath("//a/@href"))
    events = _truth(site, "events.jsonl")
    for ed in _truth(site, "editions.json"):
        assert ed["listing_path"] in programmes
        linked = _crawl_listing(base, ed["listing_path"], ed["layout"])
        listed = {e["path"] for e in events if e["edition"] == ed["year"] and e["listed"]}
        assert linked == listed, ed["year"]


def test_labs_are_reachable_from_the_overview_and_the_atlas(replica_small) -> None:
    base, site = replica_small
    labs = _truth(site, "labs.jsonl")
    _s, _h, body = get(base, LABS_OVERVIEW_PATH)
    links = set(lxml.html.fromstring(body).xpath("//a/@href"))
    assert {lab["path"] for lab in labs} <= links
    assert sum(link.startswith(LAB_PREFIX) for link in links) == 16
    _s, _h, body = get(base, "/laboratoires")
    atlas = {h for h in lxml.html.fromstring(body).xpath("//a/@href") if h.startswith("/laboratoires/")}
    assert atlas == {lab["atlas_path"] for lab in labs if lab["atlas_path"]}
    for path in atlas | {lab["path"] for lab in labs}:
        assert get(base, path)[0] == 200


def test_withdrawn_and_reslugged_events(replica_small) -> None:
    base, site = replica_small
    events = _truth(site, "events.jsonl")
    withdrawn = [e for e in events if e["status"] == "withdrawn"]
    assert {e["http_status"] for e in withdrawn} == {404, 410}
    for ev in withdrawn:
        assert get(base, ev["path"])[0] == ev["http_status"]
    moved = [(e, old) for e in events for old in e["redirect_from"]]
    assert {old["status"] for _e, old in moved} == {301, 404}
    for ev, old in moved:
        status, headers, _b = get(base, old["path"])
        assert status == old["status"]
        if status == 301:
            assert urlsplit(headers["Location"]).path == ev["path"]
    assert get(base, "/mois-de-linnovation-publique/nothing-here")[0] == 404


def test_revalidation_answers_304(replica_small) -> None:
    base, site = replica_small
    path = _truth(site, "events.jsonl")[0]["path"]
    status, headers, body = get(base, path)
    assert status == 200 and body and headers["Cache-Control"] == "no-cache"
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert email.utils.parsedate_to_datetime(modified).tzinfo is not None
    assert get(base, path, {"If-None-Match": etag})[:1] == (304,)
    assert get(base, path, {"If-None-Match": '"other"'})[0] == 200
    assert get(base, path, {"If-Modified-Since": modified})[0] == 304
    assert get(base, path, {"If-Modified-Since": "Mon, 01 Jan 2018 00:00:00 GMT"})[0] == 200
    status, _h, body = get(base, path, {"If-None-Match": etag})
    assert status == 304 and body == b""
    status, head_headers, body = get(base, path, method="HEAD")
    assert status == 200 and body == b"" and head_headers["ETag"] == etag


def test_robots_txt(replica_small) -> None:
    base, _site = replica_small
    status, headers, body = get(base, "/robots.txt")
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    assert "Disallow: /_replica/" in body.decode() and "Disallow: /admin" in body.decode()


def test_query_parameters_other_than_page_are_ignored(replica_small) -> None:
    base, _site = replica_small
    first = get(base, "/mois-de-linnovation-publique/programme-2024")[2]
    assert get(base, "/mois-de-linnovation-publique/programme-2024?page=0&format=atelier")[2] == first
    assert get(base, "/mois-de-linnovation-publique/programme-2024?page=1")[2] != first


@pytest.fixture
def own(replica_small_site):
    """A server of its own, for tests that change the day, the faults or read the stats."""
    def start(**kw):
        return replica.serve(replica_small_site, **kw)
    return start


def test_stats_count_requests_and_304s(own) -> None:
    with own() as base:
        _s, headers, _b = get(base, "/robots.txt")
        get(base, "/robots.txt", {"If-None-Match": headers["ETag"]})
        get(base, "/missing")
        stats = replica.stats(base)
        assert stats["requests"] == 3 and stats["not_modified"] == 1
        assert stats["by_status"] == {"200": 1, "304": 1, "404": 1}
        assert stats["paths"]["/robots.txt"] == {"requests": 2, "not_modified": 1}
        replica.reset_stats(base)
        assert replica.stats(base)["requests"] == 0


def test_the_day_can_change_while_serving(own, replica_small_site) -> None:
    late = [r for r in _truth(replica_small_site, "timeline.jsonl") if r["change"] == "added"]
    assert late
    with own(day=30) as base:
        listing = "/mois-de-linnovation-publique/programme"
        assert replica.set_day(base, 1) == 1
        for rec in late:
            assert get(base, rec["new"]["path"])[0] == 404
        day1 = _crawl_listing(base, listing, "dsfr15")
        assert not day1 & {r["new"]["path"] for r in late}
        assert replica.set_day(base, 30) == 30
        assert get(base, "/_replica/day")[2] == b'{"day": 30}'
        assert get(base, "/_replica/day/31")[0] == 400


def test_persistent_failures_hit_the_same_paths_every_time(own, replica_small_site) -> None:
    paths = [e["path"] for e in _truth(replica_small_site, "events.jsonl")[:80]]
    paths += [f"/mois-de-linnovation-publique/programme-2023?page={n}" for n in range(1, 30)]
    with own(fail_rate=0.3) as base:
        first = {p for p in paths if get(base, p)[0] == 503}
        again = {p for p in paths if get(base, p)[0] == 503}
    with own(fail_rate=0.3) as base:
        other_server = {p for p in paths if get(base, p)[0] == 503}
    assert first == again == other_server
    assert 0.15 < len(first) / len(paths) < 0.45
    assert any("programme" in p for p in first)


@pytest.mark.parametrize("kind", ["flaky", "truncate", "reset"])
def test_transient_faults_hit_the_first_request_only(own, kind) -> None:
    path = "/mois-de-linnovation-publique"
    with own(**{f"{kind}_rate": 1.0}) as base:
        if kind == "flaky":
            assert get(base, path)[0] == 503
        elif kind == "truncate":
            with pytest.raises(http.client.IncompleteRead):
                get(base, path)
        else:
            with pytest.raises((ConnectionResetError, http.client.RemoteDisconnected)):
                get(base, path)
        status, headers, full = get(base, path)
        assert status == 200 and len(full) == int(headers["Content-Length"])
        assert get(base, path)[0] == 200
        assert replica.stats(base)["faults"] == {kind: 1}


def test_a_transient_fault_fires_again_after_a_faults_reset(own) -> None:
    with own(flaky_rate=1.0) as base:
        assert [get(base, "/")[0] for _ in range(2)] == [503, 200]
        assert get(base, "/_replica/faults/reset")[0] == 200
        assert [get(base, "/")[0] for _ in range(2)] == [503, 200]


def test_faults_can_be_switched_while_serving(own) -> None:
    with own() as base:
        assert get(base, "/mois-de-linnovation-publique")[0] == 200
        assert replica.set_faults(base, fail_rate=1.0)["fail_rate"] == 1.0
        assert get(base, "/mois-de-linnovation-publique")[0] == 503
        assert get(base, "/robots.txt")[0] == 200
        replica.set_faults(base, fail_rate=0.0)
        assert get(base, "/mois-de-linnovation-publique")[0] == 200
        assert get(base, "/_replica/faults?fail_rate=2")[0] == 400


def test_slow_ms_delays_every_answer(own) -> None:
    with own(slow_ms=150) as base:
        started = time.monotonic()
        assert get(base, "/robots.txt")[0] == 200
        assert time.monotonic() - started >= 0.15


def test_serving_a_site_with_other_parameters_is_refused(replica_small_site) -> None:
    with pytest.raises(ValueError, match="events_per_edition"):
        with replica.serve(replica_small_site, events_per_edition=99):
            pass


def test_cli_build(tmp_path: Path, capsys) -> None:
    out = tmp_path / "site"
    assert cli_main(["replica", "build", "--out", str(out), "--events-per-edition", "20", "--day", "4"]) == 0
    assert json.loads((out / "_replica" / "site.json").read_text())["day"] == 4
    assert cli_main(["replica", "build", "--out", str(tmp_path / "x"), "--day", "0"]) == 2
    assert "day must be" in capsys.readouterr().err


def test_cli_serve_prints_its_url_and_stops_on_sigterm(replica_small_site) -> None:
    cmd = [sys.executable, "-m", "mipcrawl.cli", "replica", "serve", "--site", str(replica_small_site),
           "--day", "3", "--flaky-rate", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = proc.stdout.readline().strip()
        assert base.startswith("http://127.0.0.1:")
        assert [get(base, "/")[0], get(base, "/")[0]] == [503, 200]
        assert get(base, "/_replica/day")[2] == b'{"day": 3}'
    finally:
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0 and "Traceback" not in err


def test_serve_without_a_site_builds_one() -> None:
    with replica.serve(seed=2, events_per_edition=20, day=5) as base:
        assert get(base, "/_replica/day")[2] == b'{"day": 5}'
        status, _h, body = get(base, "/mois-de-linnovation-publique/programme-2022?page=1")
        assert status == 200 and b"fr-card__content" in body
