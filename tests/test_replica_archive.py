"""The replica's archive (replica/wayback): CDX queries, mementos, the toolbar mode,
redirects to the nearest capture, 429s, and the truth of what an archive crawl recovers."""

from __future__ import annotations

import http.client
import json
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

import replica
from replica.build import file_for
from replica.wayback import build_archive, serve_archive
from replica.wayback.bodies import TOOLBAR_MARK
from replica.wayback.build import load_index
from replica.wayback.cdx import CdxError, Row, render, select
from replica.wayback.plan import parse_timestamp

BASE = "https://www.modernisation.gouv.fr"
PROG = "/la-semaine-de-linnovation-publique/programme"


@pytest.fixture(scope="module")
def archived_site(tmp_path_factory) -> Path:
    site = replica.build_site(tmp_path_factory.mktemp("archive") / "site", seed=0,
                              events_per_edition=350, day=30)
    build_archive(site)
    return site


@pytest.fixture(scope="module")
def archive(archived_site):
    with serve_archive(archived_site) as base:
        yield base


def get(base: str, target: str) -> tuple[int, dict, bytes]:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request("GET", target)
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


# -- the CDX query language, on a small index ------------------------------------------------

def _row(path, ts, status=200, key="A"):
    return Row(path, ts, status, "text/html", key, 10, "f.html", "page")


INDEX = {PROG: [_row(PROG, "20191101000000", key="A"), _row(PROG, "20191110000000", key="A"),
                _row(PROG, "20191120000000", 503, key="E"), _row(PROG, "20191125000000", key="B"),
                _row(PROG, "20191205000000", key="A")],
         PROG + "?page=1": [_row(PROG + "?page=1", "20191102000000", key="C")]}


@pytest.mark.parametrize("params, timestamps", [
    ({}, ["20191101000000", "20191110000000", "20191120000000", "20191125000000", "20191205000000"]),
    ({"filter": ["statuscode:200"]}, ["20191101000000", "20191110000000", "20191125000000", "20191205000000"]),
    ({"filter": ["!statuscode:200"]}, ["20191120000000"]),
    ({"collapse": ["digest"]}, ["20191101000000", "20191120000000", "20191125000000", "20191205000000"]),
    ({"filter": ["statuscode:200"], "collapse": ["digest"]}, ["20191101000000", "20191125000000", "20191205000000"]),
    ({"from": ["201911"], "to": ["20191130"]}, ["20191101000000", "20191110000000", "20191120000000", "20191125000000"]),
    ({"from": ["2019112"]}, ["20191120000000", "20191125000000", "20191205000000"]),
    ({"limit": ["2"]}, ["20191101000000", "20191110000000"]),
    ({"limit": ["-1"]}, ["20191205000000"]),
    ({"collapse": ["timestamp:6"]}, ["20191101000000", "20191205000000"]),
])
def test_cdx_selects_like_the_wayback_cdx_server(params, timestamps):
    rows = select(INDEX, {"url": [BASE + PROG], **params}, BASE)
    assert [r["timestamp"] for r in rows] == timestamps


@pytest.mark.parametrize("url, count", [
    ("http://modernisation.gouv.fr" + PROG, 5),          # scheme and www. do not matter
    ("www.modernisation.gouv.fr" + PROG, 5),
    (BASE + PROG + "?page=1&format=x", 1),                 # the page parameter is the page
    (BASE + PROG + "*", 6),                                # prefix match
    ("https://example.org" + PROG, 0),
    (BASE + "/nowhere", 0),
])
def test_cdx_url_matching(url, count):
    assert len(select(INDEX, {"url": [url]}, BASE)) == count


@pytest.mark.parametrize("params", [{}, {"url": [BASE + PROG], "filter": ["status:200"]},
                                    {"url": [BASE + PROG], "collapse": ["nope"]},
                                    {"url": [BASE + PROG], "from": ["2019-11"]},
                                    {"url": [BASE + PROG], "limit": ["ten"]}])
def test_cdx_refuses_bad_queries(params):
    with pytest.raises(CdxError):
        select(INDEX, params, BASE)


def test_cdx_json_has_a_header_row_and_an_empty_answer_is_an_empty_list():
    rows = select(INDEX, {"url": [BASE + PROG + "?page=1"]}, BASE)
    body, ctype = render(rows, {"output": ["json"]})
    assert ctype == "application/json"
    assert json.loads(body)[0] == ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]
    assert json.loads(body)[1][:3] == ["fr,gouv,modernisation)" + PROG + "?page=1", "20191102000000",
                                       BASE + PROG + "?page=1"]
    assert render([], {"output": ["json"]})[0] == b"[]"
    assert render(rows, {"fl": ["timestamp,statuscode"]})[0] == b"20191102000000 200\n"


# -- the server ----------------------------------------------------------------------------------

def _cdx(base: str, url: str, **params) -> list[list[str]]:
    status, _, body = get(base, "/cdx/search/cdx?" + urlencode({"url": url, "output": "json", **params}))
    assert status == 200
    return json.loads(body)


def test_memento_id_mode_gives_the_bytes_as_captured(archive, archived_site):
    rows = _cdx(archive, BASE + PROG, filter="statuscode:200", collapse="digest")
    ts = rows[-1][1]
    status, headers, body = get(archive, f"/web/{ts}id_/{BASE}{PROG}")
    assert status == 200
    assert body == (archived_site / file_for(PROG)).read_bytes()
    assert headers["Link"] == f'<{BASE}{PROG}>; rel="original"'
    assert headers["Memento-Datetime"].endswith("GMT")


def test_toolbar_mode_rewrites_links_into_the_archive(archive):
    ts = _cdx(archive, BASE + PROG)[1][1]
    status, _, body = get(archive, f"/web/{ts}/{BASE}{PROG}")
    assert status == 200 and TOOLBAR_MARK in body
    assert f'href="/web/{ts}/{BASE}/la-semaine-de-linnovation-publique/'.encode() in body
    assert b'href="/la-semaine' not in body


@pytest.mark.parametrize("asked", ["2019", "20191126", "20300101000000"])
def test_a_timestamp_that_is_no_capture_redirects_to_the_nearest(archive, asked):
    stamps = [r[1] for r in _cdx(archive, BASE + PROG)[1:]]
    status, headers, _ = get(archive, f"/web/{asked}id_/{BASE}{PROG}")
    assert status == 302
    target = headers["Location"].split("/web/", 1)[1]
    ts = target.split("id_/", 1)[0]
    at = parse_timestamp(asked + "0101000000"[len(asked) - 4:])
    assert ts == min(stamps, key=lambda s: (abs(parse_timestamp(s) - at), s))
    assert target.endswith(f"id_/{BASE}{PROG}")


def test_a_url_never_captured_answers_404(archive):
    assert get(archive, f"/web/2019id_/{BASE}/nowhere")[0] == 404


def test_rate_limiting_answers_429_with_retry_after(archived_site):
    with serve_archive(archived_site, rate_limit=0.2, retry_after=3) as base:
        answers = [get(base, f"/cdx/search/cdx?url={BASE}{PROG}&n={i}") for i in range(200)]
        limited = [h for s, h, _ in answers if s == 429]
        assert 25 <= len(limited) <= 55
        assert {h["Retry-After"] for h in limited} == {"3"}
        stats = json.loads(get(base, "/_replica/stats")[2])
        assert stats["by_status"]["429"] == len(limited) and len(stats["times"]) == 200
        # the same request asked again is not refused for ever
        again = [get(base, f"/cdx/search/cdx?url={BASE}{PROG}&n=0")[0] for _ in range(20)]
        assert 200 in again


def test_cdx_garbage_switch_answers_html(archived_site):
    with serve_archive(archived_site) as base:
        assert json.loads(get(base, "/_replica/archive?cdx_garbage=1")[2])["cdx_garbage"] is True
        status, headers, body = get(base, f"/cdx/search/cdx?url={BASE}{PROG}&output=json")
        assert status == 200 and body.startswith(b"<html>")


# -- what the archive holds, and its truth --------------------------------------------------------

def _truth(site: Path) -> tuple[list[dict], list[dict]]:
    editions = json.loads((site / "_truth/archive/editions.json").read_text())
    events = [json.loads(line) for line in (site / "_truth/archive/events.jsonl").open()]
    return editions, events


def test_every_kind_of_capture_is_in_the_archive(archived_site):
    kinds = Counter(row.kind for rows in load_index(archived_site).values() for row in rows)
    assert set(kinds) == {"page", "early", "late", "error", "toolbar", "other", "redirect", "status"}
    index = load_index(archived_site)
    duplicates = sum(1 for rows in index.values() if len({r.digest for r in rows}) < len(rows))
    assert duplicates > 100


def test_truth_of_a_perfect_archive_crawl(archived_site):
    editions, events = _truth(archived_site)
    site_truth = {r["id"]: r for r in map(json.loads, (archived_site / "_truth/events.jsonl").open())}
    assert [e["year"] for e in editions] == list(range(2019, 2026))
    for ev in events:
        if ev["recoverable"]:
            assert ev["reason"] is None and ev["capture"]
            same = ev["record"] == site_truth[ev["id"]]
            assert same != (ev["fate"] == "late_only"), ev    # a late capture alone shows the change
        else:
            assert ev["reason"] and ev["record"] is None
    fates = Counter((e["fate"], e["recoverable"]) for e in events)
    for fate in ("none", "status", "redirect", "error", "other", "late_only"):
        assert fates[(fate, True)] == 0 or fate == "late_only"
    for fate in ("error_near", "toolbar_near", "late", "late_only", "page"):
        assert fates[(fate, True)] > 0
    by_year = {e["year"]: e for e in editions}
    assert any("503" in m["reason"] for m in by_year[2020]["listing_missing"])
    for e in editions:
        found = sum(1 for ev in events if ev["edition"] == e["year"] and ev["recoverable"])
        assert found == e["events_recoverable"] and 0.7 * e["events_total"] < found < e["events_total"]


def test_the_archive_is_a_function_of_the_site(archived_site, tmp_path):
    again = replica.build_site(tmp_path / "site", seed=0, events_per_edition=350, day=30)
    build_archive(again)
    for name in ("_archive/index.tsv", "_truth/archive/events.jsonl", "_truth/archive/editions.json"):
        assert (again / name).read_bytes() == (archived_site / name).read_bytes()
