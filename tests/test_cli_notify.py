"""``crawl --notify URL``: the webhook message, when it is sent, and delivery that never
changes the crawl's outcome (local receivers: one answering, one answering 500, one silent)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from receivers import answering, closed_port, silent

from mipcrawl.cli import notify
from mipcrawl.cli.runner import CrawlOutcome
from mipcrawl.scope import RunScope


def outcome(edition: int | None, status: str, reason: str = "", **counts: int) -> CrawlOutcome:
    scope = RunScope.programme(edition) if edition else RunScope.labs()
    stats = {"mipcrawl/run_status": status, "mipcrawl/gate_reason": reason, "mipcrawl/run_id": 7,
             "response_received_count": 55}
    stats.update({f"mipcrawl/store/{k}": v for k, v in counts.items()})
    return CrawlOutcome(scope, stats)


HEALTHY_SAME = outcome(2026, "healthy", unchanged=40)
HEALTHY_NEW = outcome(2026, "healthy", new=3, unchanged=37)
PARTIAL = outcome(2025, "partial", "listing page 2 failed (HTTP 500)", unchanged=30)
LOCKED = outcome(2024, "locked", "another crawl holds the lock of edition:2024; try again later")


@pytest.mark.parametrize(("outcomes", "on", "failure", "sent"), [
    ([HEALTHY_SAME], notify.DEFAULT_ON, None, False),      # nothing to say
    ([HEALTHY_NEW], notify.DEFAULT_ON, None, True),        # a change
    ([HEALTHY_SAME, PARTIAL], notify.DEFAULT_ON, None, True),   # a problem
    ([LOCKED], notify.DEFAULT_ON, None, True),
    ([], notify.DEFAULT_ON, "database unreachable", True),     # no crawl at all is a problem
    ([HEALTHY_SAME], frozenset({"always"}), None, True),
    ([HEALTHY_NEW], frozenset({"problems"}), None, False),
    ([PARTIAL], frozenset({"changes"}), None, False),
    ([PARTIAL, HEALTHY_NEW], frozenset({"changes"}), None, True),
])
def test_when_a_message_is_sent(outcomes, on, failure, sent):
    assert notify.wanted(outcomes, on, failure=failure) is sent


def _fields(attachment: dict) -> dict[str, str]:
    return {f["title"]: f["value"] for f in attachment["fields"]}


def test_message_in_the_incoming_webhook_shape():
    samples = {7: [{"change": "changed", "field": "start_at", "title": "Atelier", "url": "http://x/a"},
                   {"change": "added", "field": None, "title": "Forum", "url": "http://x/f"}]}
    payload = notify.message([HEALTHY_NEW, PARTIAL], exit_code=3, site="http://x", samples=samples)
    json.dumps(payload)   # what goes over the wire
    assert payload["text"].startswith("mipcrawl crawl of http://x (exit 3): programme 2026 healthy; "
                                      "programme 2025 partial — 3 new")
    first, second = payload["attachments"]
    assert first["title"] == "programme 2026: healthy" and first["color"] == "#2eb886"
    fields = _fields(first)
    assert (fields["status"], fields["new"], fields["seen"], fields["pages"]) == ("healthy", "3", "40", "55")
    assert fields["changes"].splitlines() == ["changed (start_at): Atelier <http://x/a>",
                                              "added: Forum <http://x/f>"]
    assert "gate" not in fields
    assert second["text"] == _fields(second)["gate"] == "listing page 2 failed (HTTP 500)"
    assert all({"title", "value", "short"} == set(f) for a in payload["attachments"] for f in a["fields"])


def test_message_of_a_crawl_that_could_not_run():
    payload = notify.message([], exit_code=1, site="http://x", failure="database unreachable: refused")
    assert payload["text"] == "mipcrawl crawl of http://x (exit 1): not crawled: database unreachable: refused — no change"
    assert payload["attachments"][0]["title"] == "crawl failed"


@pytest.mark.parametrize(("stats", "expected"), [
    ({}, []),
    ({"mipcrawl/layout_warnings": ["place: 12 pages read by the fallback"]}, ["place: 12 pages read by the fallback"]),
    ({"mipcrawl/layout_warnings": {"date": 3}}, ["date: 3"]),
    ({"mipcrawl/layout_warnings/title": 2, "mipcrawl/store/new": 1}, ["title: 2"]),
])
def test_layout_warnings_go_into_the_message(stats, expected):
    assert notify.layout_warnings(stats) == expected
    run = CrawlOutcome(RunScope.programme(2026), {"mipcrawl/run_status": "healthy", **stats})
    assert _fields(notify.attachment(run, [])).get("layout warnings", "") == "\n".join(expected)


# -- delivery ---------------------------------------------------------------------------

def test_delivered_once_as_json():
    with answering(200) as (url, received):
        delivery = notify.send(url, {"text": "é"}, sleep=lambda s: None)
    assert delivery == notify.Delivery(True, 1)
    assert received == [{"content_type": "application/json", "body": {"text": "é"}}]


@pytest.mark.parametrize(("status", "attempts"), [(500, 3), (503, 3), (429, 3), (404, 1), (400, 1)])
def test_refused_posts_are_retried_only_when_retrying_can_help(status, attempts):
    pauses: list[float] = []
    with answering(status) as (url, received):
        delivery = notify.send(url, {"text": "x"}, attempts=3, sleep=pauses.append)
    assert delivery == notify.Delivery(False, attempts, f"HTTP {status}")
    assert len(received) == attempts and pauses == [1.0, 2.0][: attempts - 1]


def test_a_receiver_that_never_answers_times_out_each_attempt():
    with silent() as (url, accepted):
        started = time.monotonic()
        delivery = notify.send(url, {"text": "x"}, attempts=2, timeout=0.5, backoff=0.0)
        seconds = time.monotonic() - started
    assert not delivery.delivered and delivery.attempts == 2 and "timed out" in delivery.error
    assert len(accepted) == 2 and seconds < 5


def test_nothing_listening_is_retried_then_given_up():
    delivery = notify.send(closed_port(), {"text": "x"}, attempts=2, sleep=lambda s: None)
    assert not delivery.delivered and delivery.attempts == 2 and "refused" in delivery.error.lower()


# -- the crawl command ------------------------------------------------------------------

def _run_record(path) -> dict:
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return dict(conn.execute("select * from crawl_run order by id desc limit 1").fetchone())


def _crawl(base_url: str, tmp_path, *extra: str, env: dict[str, str] | None = None):
    args = [sys.executable, "-m", "mipcrawl.cli", "crawl", "programme", "--edition", "2026",
            "--base-url", base_url, "--db", f"sqlite:///{tmp_path / 'db.sqlite'}",
            "--data-dir", str(tmp_path), "--no-progress", *extra]
    return subprocess.run(args, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})


@pytest.mark.e2e
def test_crawl_posts_one_message_and_a_failing_receiver_changes_nothing(replica_small, tmp_path):
    base_url, _ = replica_small
    with answering(200) as (url, received):
        first = _crawl(base_url, tmp_path / "a", "--notify", url)
    assert first.returncode == 0, first.stderr
    assert len(received) == 1                       # first crawl: everything is new
    body = received[0]["body"]
    run = _run_record(tmp_path / "a" / "db.sqlite")
    fields = _fields(body["attachments"][0])
    assert "programme 2026 healthy" in body["text"] and run["status"] == "healthy"
    assert (fields["run"], fields["new"], fields["cancelled"]) == (str(run["id"]), str(run["new"]), str(run["cancelled"]))
    assert len(_fields(body["attachments"][0])["changes"].splitlines()) == 5
    with answering(500) as (url, received):         # same crawl again, through $MIPCRAWL_NOTIFY_URL
        second = _crawl(base_url, tmp_path / "b", "--notify-on", "always",
                        env={"MIPCRAWL_NOTIFY_URL": url, "MIPCRAWL_NOTIFY_ATTEMPTS": "2"})
    assert second.returncode == 0, second.stderr
    assert len(received) == 2
    assert "notify: not delivered" in second.stderr and "HTTP 500" in second.stderr


@pytest.mark.e2e
def test_a_silent_receiver_does_not_hold_the_exit_code(replica_small, tmp_path):
    base_url, _ = replica_small
    with silent() as (url, accepted):
        done = _crawl(base_url, tmp_path, "--notify", url, "--notify-on", "always",
                      env={"MIPCRAWL_NOTIFY_TIMEOUT": "1", "MIPCRAWL_NOTIFY_ATTEMPTS": "2"})
    assert done.returncode == 0, done.stderr
    assert len(accepted) == 2 and "timed out" in done.stderr


def test_a_crawl_that_cannot_start_is_reported(tmp_path):
    with answering(200) as (url, received):
        done = _crawl("http://127.0.0.1:9", tmp_path, "--notify", url,
                      "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert done.returncode == 1
    assert len(received) == 1 and received[0]["body"]["attachments"][0]["title"] == "crawl failed"


@pytest.mark.parametrize("url", ["ftp://example.org/hook", "hooks.example.org"])
def test_a_notify_url_that_is_not_http_is_a_usage_error(url, tmp_path):
    done = _crawl("http://127.0.0.1:9", tmp_path, "--notify", url)
    assert done.returncode == 2 and "--notify wants an http(s) URL" in done.stderr
