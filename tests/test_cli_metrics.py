"""``crawl --metrics-file PATH``: the Prometheus textfile, read back with prometheus_client's
own parser and compared with the run records."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from prometheus_client.parser import text_string_to_metric_families
from test_cli_notify import _crawl, outcome

from mipcrawl.cli import metrics
from mipcrawl.cli.notify import Delivery


def samples(text: str) -> dict[tuple[str, frozenset], float]:
    """Every sample of a text exposition, by (name, labels)."""
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def run_labels(scope: str, spider: str = "programme", **more: str) -> frozenset:
    return frozenset({"spider": spider, "scope": scope, **more}.items())


FINISHED = dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC)


def test_registry_figures_per_run_and_for_the_invocation(tmp_path):
    healthy = outcome(2026, "healthy", new=3, changed=2, unchanged=35, withdrawn=1)
    healthy.stats.update({"downloader/response_count": 50, "downloader/response_status_count/304": 20,
                          "elapsed_time_seconds": 12.5, "mipcrawl/store/errors": 2})
    partial = outcome(2025, "partial", "listing page 2 failed", unchanged=30)
    earlier = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)
    reg = metrics.registry([healthy, partial], exit_code=3, elapsed=40.0, finished=FINISHED,
                           last_success={("programme", "2026"): FINISHED, ("programme", "2025"): earlier},
                           delivery=Delivery(False, 3, "HTTP 500"))
    metrics.write(tmp_path / "mipcrawl.prom", reg)
    got = samples((tmp_path / "mipcrawl.prom").read_text())
    expected = {
        ("mipcrawl_run_pages", run_labels("2026")): 55, ("mipcrawl_run_not_modified_ratio", run_labels("2026")): 0.4,
        ("mipcrawl_run_events", run_labels("2026", kind="seen")): 40,
        ("mipcrawl_run_events", run_labels("2026", kind="new")): 3,
        ("mipcrawl_run_events", run_labels("2026", kind="changed")): 2,
        ("mipcrawl_run_events", run_labels("2026", kind="withdrawn")): 1,
        ("mipcrawl_run_errors", run_labels("2026")): 2, ("mipcrawl_run_duration_seconds", run_labels("2026")): 12.5,
        ("mipcrawl_run_status", run_labels("2026", status="healthy")): 1,
        ("mipcrawl_run_status", run_labels("2026", status="partial")): 0,
        ("mipcrawl_run_status", run_labels("2025", status="partial")): 1,
        ("mipcrawl_run_events", run_labels("2025", kind="seen")): 30,
        ("mipcrawl_last_success_timestamp_seconds", run_labels("2026")): FINISHED.timestamp(),
        ("mipcrawl_last_success_timestamp_seconds", run_labels("2025")): earlier.timestamp(),
        ("mipcrawl_crawl_exit_code", frozenset()): 3, ("mipcrawl_crawl_duration_seconds", frozenset()): 40.0,
        ("mipcrawl_crawl_finished_timestamp_seconds", frozenset()): FINISHED.timestamp(),
        ("mipcrawl_notify_failures", frozenset()): 1,
    }
    assert {k: got.get(k) for k in expected} == expected
    assert [p.name for p in tmp_path.iterdir()] == ["mipcrawl.prom"]   # no temporary file left


def test_a_scope_never_healthy_has_no_last_success(tmp_path):
    reg = metrics.registry([outcome(None, "failed", "boom")], exit_code=1, elapsed=1.0, finished=FINISHED,
                           last_success={("labs", "labs"): None})
    text = metrics.generate_latest(reg).decode()
    got = samples(text)
    assert ("mipcrawl_run_status", run_labels("labs", "labs", status="failed")) in got
    assert "mipcrawl_last_success_timestamp_seconds{" not in text


def _record(db) -> dict:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute("select * from crawl_run order by id")]


@pytest.mark.e2e
def test_crawl_writes_the_metrics_of_its_runs(replica_small, tmp_path):
    import replica

    base_url, site = replica_small
    prom = tmp_path / "textfile" / "mipcrawl.prom"
    done = _crawl(base_url, tmp_path, "--metrics-file", str(prom))
    assert done.returncode == 0, done.stderr
    [run] = _record(tmp_path / "db.sqlite")
    got = samples(prom.read_text())
    finished = dt.datetime.fromisoformat(run["finished_at"]).replace(tzinfo=dt.UTC)
    assert got[("mipcrawl_run_id", run_labels("2026"))] == run["id"]
    assert got[("mipcrawl_run_events", run_labels("2026", kind="new"))] == run["new"] > 0
    assert got[("mipcrawl_run_status", run_labels("2026", status="healthy"))] == 1
    assert got[("mipcrawl_last_success_timestamp_seconds", run_labels("2026"))] == pytest.approx(finished.timestamp())
    assert got[("mipcrawl_run_pages", run_labels("2026"))] > run["new"]
    assert got[("mipcrawl_crawl_exit_code", frozenset())] == 0
    with replica.serve(site, fail_rate=0.5) as failing:   # the same site, half its pages failing
        again = _crawl(failing, tmp_path, "--metrics-file", str(prom), "-s", "RETRY_TIMES=0")
    assert again.returncode == 3, again.stderr
    got = samples(prom.read_text())
    assert got[("mipcrawl_run_status", run_labels("2026", status="partial"))] == 1
    assert got[("mipcrawl_crawl_exit_code", frozenset())] == 3
    # the last success is still the first run's
    assert got[("mipcrawl_last_success_timestamp_seconds", run_labels("2026"))] == pytest.approx(finished.timestamp())


def test_an_unusable_metrics_place_fails_before_crawling(tmp_path):
    (tmp_path / "file").write_text("not a directory")
    done = _crawl("http://127.0.0.1:9", tmp_path, "--metrics-file", str(tmp_path / "file" / "m.prom"))
    assert done.returncode == 1 and "--metrics-file" in done.stderr and "crawling" not in done.stderr
