"""Defects 7 and 10 of issue 18: where one line is promised, one line — never a traceback.

A SQLite file damaged in the middle, numbers no database integer holds, malformed IPv6 hosts,
a read-only data directory, empty --edition / --base-url, bad -s values, a damaged WARC
(verified, reparsed) and a reader that goes away (``| head``)."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys

import pytest
from cli_run import mipcrawl
from export_fixtures import build_month
from hostile import mounts
from storage_fixtures import at, crawl, item

HUGE = "99999999999999999999"
DEAD = "http://127.0.0.1:9"   # never reached: each case fails before crawling


@pytest.fixture(scope="module")
def month(tmp_path_factory):
    return build_month(f"sqlite:///{tmp_path_factory.mktemp('month') / 'month.sqlite'}")


@pytest.fixture(scope="module")
def damaged(month, tmp_path_factory):
    """A copy of the month whose event table's root page is overwritten (its schema intact)."""
    path = tmp_path_factory.mktemp("damaged") / "damaged.sqlite"
    shutil.copy(month.removeprefix("sqlite:///"), path)
    with sqlite3.connect(path) as conn:
        page = conn.execute("select rootpage from sqlite_master where name = 'event'").fetchone()[0]
        size = conn.execute("pragma page_size").fetchone()[0]
    with open(path, "r+b") as handle:
        handle.seek((page - 1) * size + 8)
        handle.write(b"\xde\xad\xbe\xef" * 256)
    return f"sqlite:///{path}"


def one_line(done: subprocess.CompletedProcess, code: int, *words: str) -> None:
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == code, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("mipcrawl")]
    assert len(lines) == 1, done.stderr
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize("args", [
    ["export"], ["export", "--format", "csv"], ["report", "--edition", "2026", "--out", "-"], ["changes"],
    ["changes", "--format", "jsonl"],
])
def test_a_database_damaged_in_the_middle_is_one_line(damaged, args):
    one_line(mipcrawl(*args, "--db", damaged), 1, "malformed")


@pytest.mark.parametrize("args", [
    ["export", "--edition", HUGE], ["export", "--since", HUGE], ["report", "--edition", HUGE, "--out", "-"],
    ["report", "--editions", f"2020-{HUGE}", "--out", "-"], ["report", "--editions", f"2021,{HUGE}", "--out", "-"],
    ["changes", "--since", HUGE], ["changes", "--edition", HUGE], ["changes", "--labs", "--since", HUGE],
    ["export", "--edition", f"-{HUGE}"], ["runs", "--limit", HUGE], ["reparse", "--run", HUGE],
])
def test_numbers_no_database_integer_holds_are_usage_errors(month, args):
    one_line(mipcrawl(*args, "--db", month), 2)


@pytest.mark.parametrize("args, code", [
    (["export", "--db", "postgresql://u@[::1/db"], 1),
    (["export", "--db", "postgresql://u@[::1]:port/db"], 1),
    (["crawl", "--db", "postgresql+psycopg://u@[fe80::1/db", "--base-url", DEAD], 1),
    (["crawl", "--base-url", "http://[::1"], 2),
    (["crawl", "--base-url", "http://[::1/mois"], 2),
    (["crawl", "--base-url", "http://[not-an-ip]/"], 2),
    (["crawl", "--base-url", "http://127.0.0.1:port/"], 2),
    (["crawl", "--edition", ""], 2),
    (["crawl", "programme", "--edition", " "], 2),
    (["crawl", "--base-url", ""], 2),
    (["crawl", "-s", "CONCURRENT_REQUESTS=many"], 2),
    (["crawl", "-s", "MIPCRAWL_GATE_MAX_DROP=a fifth"], 2),
    (["crawl", "-s", "MIPCRAWL_STORE_ENABLED=perhaps"], 2),
    (["crawl", "-s", "DOWNLOADER_MIDDLEWARES=not json"], 2),
])
def test_bad_hosts_empty_values_and_bad_settings_are_one_line(tmp_path, args, code):
    extra = [] if "--base-url" in args else ["--base-url", DEAD]
    extra += [] if "--db" in args else ["--db", f"sqlite:///{tmp_path / 'x.sqlite'}"]
    one_line(mipcrawl(*args, *extra, "--data-dir", str(tmp_path), "--no-progress")
             if args[0] == "crawl" else mipcrawl(*args), code)
    assert not (tmp_path / "x.sqlite").exists()   # refused before anything was opened


def test_a_read_only_data_dir_is_one_line(tmp_path):
    with mounts.tmpfs(tmp_path / "ro", size="1m") as where:
        (where / "data").mkdir()
        mounts.read_only(where)
        done = mipcrawl("crawl", "--data-dir", str(where / "data"), "--db", f"sqlite:///{tmp_path / 'x.sqlite'}",
                        "--base-url", DEAD, "--no-progress")
    one_line(done, 1, "Read-only file system")


HOSTILE_RECORD = (b"WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Length: 4\r\n\r\n"
                  b"abcd\r\n\r\n\x1b[2J\x1b]0;owned\x07 \x9b31m garbage \x00\r\n\r\n")


def test_archive_verify_never_prints_a_damaged_records_control_characters(tmp_path):
    (tmp_path / "bad.warc").write_bytes(HOSTILE_RECORD)
    done = mipcrawl("archive", "verify", str(tmp_path / "bad.warc"))
    assert done.returncode == 1 and "BAD" in done.stdout
    assert not [c for c in done.stdout + done.stderr if ord(c) < 32 and c not in "\n" or 0x7f <= ord(c) < 0xa0]
    assert "\\x1b[2J" in done.stdout


def test_a_listing_command_piped_into_head_ends_quietly(tmp_path):
    db = f"sqlite:///{tmp_path / 'big.sqlite'}"
    crawl(db, [item(n) for n in range(600)], when=at(2))   # ~100 kB of changes: more than a pipe holds
    for args in (["changes"], ["changes", "--format", "jsonl"], ["export"], ["export", "--format", "csv"]):
        child = subprocess.Popen([sys.executable, "-m", "mipcrawl.cli", *args, "--db", db],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        child.stdout.readline()
        child.stdout.close()      # what `head -1` does
        err = child.stderr.read().decode()
        assert child.wait(60) == 141 and err == "", (args, err)


@pytest.mark.e2e
def test_reparse_of_a_damaged_warc_says_it_is_damaged(replica_small, tmp_path):
    base_url, _ = replica_small
    done = mipcrawl("crawl", "programme", "--edition", "2026", "--base-url", base_url, "--no-progress",
                    "--db", f"sqlite:///{tmp_path / 'a.sqlite'}", "--data-dir", str(tmp_path))
    assert done.returncode == 0, done.stderr[-2000:]
    (warc,) = (tmp_path / "archive").glob("*/*.warc.gz")
    data = bytearray(warc.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 64] = b"\x1b[2J" * 16        # a hostile scribble over the middle of the file
    warc.write_bytes(bytes(data))
    done = mipcrawl("reparse", "--warc", str(warc), "--db", f"sqlite:///{tmp_path / 'b.sqlite'}",
                    "--data-dir", str(tmp_path), "--no-progress")
    assert "Traceback" not in done.stderr and "\x1b" not in done.stderr
    assert f"{warc}: damaged WARC" in done.stderr, done.stderr
    assert done.returncode == 3      # what it could replay is stored; the run says it is partial
