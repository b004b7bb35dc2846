"""WARC capture (issue 7): every request and response of a run, read back with warcio's own reader.

One edition of the small replica is crawled twice with the real CLI; the WARC files are
read with ``warcio.ArchiveIterator`` (digests checked) and compared with the runs' Scrapy
stats, the replica's counters and the stored events' capture ids.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

import replica
from mipcrawl.middlewares.archive.reader import verify
from mipcrawl.middlewares.archive.writer import SERVER_NOT_MODIFIED
from parsers import PARSER_VERSION

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def mipcrawl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mipcrawl.cli", *args], capture_output=True, text=True,
                          timeout=600, env={**os.environ})


def read_records(path: Path) -> list:
    out = []
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh, check_digests=True):
            body = record.content_stream().read()
            out.append((record.rec_type, record.rec_headers, record.http_headers, body,
                        list(getattr(record, "digest_checker", None).problems)))
    return out


@pytest.fixture(scope="module")
def archived(replica_small_site, tmp_path_factory):
    work = tmp_path_factory.mktemp("archive")
    db_path = work / "db.sqlite"
    crawls = []
    with replica.serve(replica_small_site) as base_url:
        for _ in range(2):
            replica.reset_stats(base_url)
            crawl = mipcrawl("crawl", "programme", "--edition", "2024", "--base-url", base_url,
                             "--db", f"sqlite:///{db_path}", "--data-dir", str(work), "--no-progress")
            assert crawl.returncode == 0, crawl.stderr[-2000:]
            crawls.append(replica.stats(base_url))
    with sqlite3.connect(db_path) as conn:
        runs = [(i, json.loads(s)) for i, s in conn.execute("select id, stats from crawl_run order by id")]
        events = conn.execute("select url, capture_id from event").fetchall()
        revisions = conn.execute("select capture_id, parser_version from event_revision where change='added'").fetchall()
    return work, runs, crawls, events, revisions


def test_one_gzipped_warc_per_run_under_the_edition(archived):
    work, runs, *_ = archived
    files = sorted((work / "archive" / "2024").glob("*.warc.gz"))
    assert [f.name.endswith(f"-run{i}.warc.gz") for f, (i, _) in zip(files, runs, strict=True)] == [True, True]
    assert [stats["mipcrawl/archive/file"] for _, stats in runs] == [f"2024/{f.name}" for f in files]
    assert all(f.read_bytes()[:2] == b"\x1f\x8b" for f in files)


def test_every_record_reads_back_and_matches_the_run_stats(archived):
    work, runs, crawls, *_ = archived
    for (_, stats), served in zip(runs, crawls, strict=True):
        records = read_records(work / "archive" / stats["mipcrawl/archive/file"])
        kinds = Counter(r[0] for r in records)
        assert kinds["warcinfo"] == 1
        assert kinds["response"] + kinds["revisit"] == stats["downloader/response_count"]
        assert kinds["response"] + kinds["revisit"] == served["requests"]   # the server's own count
        assert kinds["revisit"] == served["not_modified"]
        assert kinds["request"] == kinds["response"] + kinds["revisit"]
        assert [r[4] for r in records if r[4]] == []                         # digests verified
        for kind, headers, _http, _, _ in records:
            if kind in ("response", "revisit", "request"):
                assert headers.get_header("WARC-Target-URI").startswith("http://127.0.0.1:")
                assert headers.get_header("WARC-Date")
            if kind == "response":
                assert headers.get_header("WARC-Payload-Digest").startswith("sha1:")


def test_a_recrawl_writes_304s_as_server_not_modified_revisits(archived):
    work, runs, crawls, *_ = archived
    records = read_records(work / "archive" / runs[1][1]["mipcrawl/archive/file"])
    revisits = [r for r in records if r[0] == "revisit"]
    assert len(revisits) == crawls[1]["requests"] > 0    # an unchanged site: every answer a 304
    assert {r[1].get_header("WARC-Profile") for r in revisits} == {SERVER_NOT_MODIFIED}
    assert {r[2].get_statuscode() for r in revisits} == {"304"}
    assert all(r[1].get_header("WARC-Payload-Digest", "").startswith("sha1:") for r in revisits)


def test_each_event_and_revision_names_its_capture_and_parser_version(archived):
    work, runs, _, events, revisions = archived
    first = work / "archive" / runs[0][1]["mipcrawl/archive/file"]
    responses = {r[1].get_header("WARC-Record-ID"): r[1].get_header("WARC-Target-URI")
                 for r in read_records(first) if r[0] == "response"}
    assert len(events) == 40
    for url, capture_id in events:
        name, _, record_id = capture_id.partition("#")
        assert name == runs[0][1]["mipcrawl/archive/file"]
        assert responses[record_id] == url
    assert len(revisions) == 40
    assert all(cap and cap.partition("#")[2] in responses and version == PARSER_VERSION
               for cap, version in revisions)


def _member_ends(data: bytes) -> set[int]:
    """Offsets where a gzip member of ``data`` ends (a WARC record per member)."""
    import zlib

    ends, offset = set(), 0
    while offset < len(data):
        member = zlib.decompressobj(31)
        member.decompress(data[offset:])
        offset = len(data) - len(member.unused_data)
        ends.add(offset)
    return ends


def test_archive_verify_and_list_commands(archived, tmp_path):
    work, runs, *_ = archived
    ok = mipcrawl("archive", "verify", "--data-dir", str(work))
    assert ok.returncode == 0 and "2 file(s), 0 bad" in ok.stdout
    listing = mipcrawl("archive", "list", "--data-dir", str(work))
    assert listing.returncode == 0
    assert [line.split()[1] for line in listing.stdout.splitlines()[1:]] == [str(i) for i, _ in runs]

    cut = tmp_path / "cut.warc.gz"
    whole = (work / "archive" / runs[0][1]["mipcrawl/archive/file"]).read_bytes()
    ends = _member_ends(whole)
    for share in (0.25, 0.5, 0.75, 0.99):   # wherever the cut lands, inside a record or a gzip member
        at = int(len(whole) * share)
        at -= at in ends    # a cut exactly between two records leaves a whole, shorter file
        cut.write_bytes(whole[:at])
        assert not verify(cut).ok, share
    bad = mipcrawl("archive", "verify", str(cut))
    assert bad.returncode == 1 and "BAD" in bad.stdout and "Traceback" not in bad.stderr


def test_archive_verify_flags_a_changed_payload(archived, tmp_path):
    """A record whose body changed after it was written fails its digests (warcio's check)."""
    from warcio.warcwriter import WARCWriter

    work, runs, *_ = archived
    source = work / "archive" / runs[0][1]["mipcrawl/archive/file"]
    path = tmp_path / "altered.warc.gz"
    with source.open("rb") as fh, path.open("wb") as out:
        writer = WARCWriter(out, gzip=True, warc_version="1.1")
        for record in ArchiveIterator(fh):
            body = record.raw_stream.read()
            if record.rec_type == "response" and b"<title>" in body:
                body = body.replace(b"<title>", b"<titlf>", 1)   # same length, other bytes
            writer.write_record(writer.create_warc_record(
                "", record.rec_type, payload=io.BytesIO(body), length=len(body),
                warc_headers=record.rec_headers, http_headers=record.http_headers))
    report = verify(path)
    assert not report.ok and any("digest" in p for p in report.problems)
    assert verify(source).ok


def test_archive_verify_of_a_missing_file_is_one_line(tmp_path):
    result = mipcrawl("archive", "verify", str(tmp_path / "nope.warc.gz"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "no such WARC file" in result.stderr


def test_archive_without_verb_prints_usage(tmp_path):
    result = mipcrawl("archive")
    assert result.returncode == 2 and "usage" in result.stdout + result.stderr


def test_warc_writer_records_a_304_as_a_revisit_of_the_cached_body(tmp_path):
    from scrapy import Request
    from scrapy.http import HtmlResponse, Response

    from mipcrawl.middlewares.archive.writer import WarcWriter, payload_digest

    body = "<html><title>Café</title></html>".encode()
    writer = WarcWriter(tmp_path / "w.warc.gz", {"mipcrawl-spider": "programme"})
    request = Request("http://127.0.0.1:9/p", headers={"If-None-Match": '"x"'})
    first = writer.write(request, HtmlResponse(request.url, body=body, headers={"ETag": '"x"',
                                                                               "Transfer-Encoding": "chunked"}))
    second = writer.write(request, Response(request.url, status=304), cached_body=body)
    writer.close()
    records = read_records(tmp_path / "w.warc.gz")
    assert [r[0] for r in records] == ["warcinfo", "response", "request", "revisit", "request"]
    response, revisit = records[1], records[3]
    assert response[1].get_header("WARC-Record-ID") == first and revisit[1].get_header("WARC-Record-ID") == second
    assert response[3] == body and response[2].get_header("Transfer-Encoding") is None
    assert response[2].get_header("Content-Length") == str(len(body))
    assert revisit[1].get_header("WARC-Payload-Digest") == payload_digest(body) \
        == response[1].get_header("WARC-Payload-Digest")
    assert records[4][2].protocol == "GET" and records[4][2].get_header("If-None-Match") == '"x"'
    assert records[4][1].get_header("WARC-Concurrent-To") == second
    assert verify(tmp_path / "w.warc.gz").ok


def test_warc_middleware_archives_network_answers_only(tmp_path):
    from scrapy import Request, Spider
    from scrapy.http import HtmlResponse
    from scrapy.utils.test import get_crawler

    from mipcrawl.middlewares.archive.writer import WarcWriterMiddleware

    crawler = get_crawler(Spider, {"MIPCRAWL_ARCHIVE_DIR": str(tmp_path)})
    crawler.stats.open_spider()
    mw = WarcWriterMiddleware.from_crawler(crawler)
    mw.spider_opened(Spider(name="labs"))
    request = Request("http://127.0.0.1:9/lab")
    mw.process_response(request, HtmlResponse(request.url, body=b"<html></html>"))
    hit = HtmlResponse(request.url, body=b"<html></html>", flags=["cached"])   # a fresh cache hit
    mw.process_response(Request(request.url), hit)
    mw.spider_closed(None)
    (path,) = tmp_path.glob("labs/*.warc.gz")
    kinds = Counter(r[0] for r in read_records(path))
    assert kinds == Counter({"warcinfo": 1, "response": 1, "request": 1})
    assert request.meta["mipcrawl_capture_id"].startswith("labs/mipcrawl-labs-2")


def test_a_cut_file_replays_only_its_whole_records(archived, tmp_path):
    """A WARC cut by a kill: reparse gets its whole records, never a half page."""
    from mipcrawl.middlewares.archive.reader import captures

    work, runs, *_ = archived
    whole = (work / "archive" / runs[0][1]["mipcrawl/archive/file"]).read_bytes()
    full = list(captures(work / "archive" / runs[0][1]["mipcrawl/archive/file"], "x"))
    by_id = {c.record_id: c for c in full}
    cut = tmp_path / "cut.warc.gz"
    for share in (0.3, 0.5, 0.7, 0.9):
        cut.write_bytes(whole[: int(len(whole) * share)])
        partial = list(captures(cut, "x"))
        assert 0 < len(partial) < len(full)
        assert all(c.body == by_id[c.record_id].body for c in partial)
