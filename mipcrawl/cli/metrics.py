"""``crawl --metrics-file PATH``: the invocation's figures in the Prometheus text format, for
node_exporter's textfile collector (give it a ``.prom`` name in the collector's directory;
one file per scheduled job, since each run replaces its file whole).

Written with ``prometheus_client`` into a temporary sibling that replaces the file only
when complete (``mipcrawl.exports.atomic``): the collector never reads half a file. Every
gauge of a run carries ``spider`` and ``scope`` (the edition year, ``all`` or ``labs``)
labels:

- ``mipcrawl_run_pages``: pages received; ``mipcrawl_run_not_modified_ratio``: the share of
  them that were 304 Not Modified;
- ``mipcrawl_run_events{kind=seen|new|changed|unchanged|withdrawn|cancelled|reappeared|moved}``;
- ``mipcrawl_run_errors``, ``mipcrawl_run_duration_seconds``, ``mipcrawl_run_id``;
- ``mipcrawl_run_status{status=…}``: 1 for the run's status, 0 for the others;
- ``mipcrawl_last_success_timestamp_seconds``: the end of the scope's last healthy run
  (this one or an earlier one, from the database);

and, for the invocation: ``mipcrawl_crawl_exit_code``, ``mipcrawl_crawl_duration_seconds``,
``mipcrawl_crawl_finished_timestamp_seconds``, ``mipcrawl_notify_failures`` (0 or 1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from prometheus_client import CollectorRegistry, Gauge, generate_latest

from mipcrawl import stats as keys
from mipcrawl.cli.notify import CHANGE_KINDS, Delivery, change_counts
from mipcrawl.cli.runner import CrawlOutcome
from mipcrawl.cli.summary import figures
from mipcrawl.exports.atomic import atomic_text

STATUSES = ("healthy", "partial", "failed", "locked", "error")
RUN_LABELS = ("spider", "scope")


def _count(stats: Mapping, key: str) -> float:
    return float(stats.get(key) or 0)


def not_modified_ratio(stats: Mapping) -> float:
    total = _count(stats, "downloader/response_count")
    return _count(stats, "downloader/response_status_count/304") / total if total else 0.0


def _run_gauges(registry: CollectorRegistry) -> dict[str, Gauge]:
    def gauge(name: str, doc: str, *extra: str) -> Gauge:
        return Gauge(f"mipcrawl_{name}", doc, [*RUN_LABELS, *extra], registry=registry)

    return {
        "pages": gauge("run_pages", "Pages received by the last run"),
        "not_modified": gauge("run_not_modified_ratio", "Share of the pages received that were 304 Not Modified"),
        "events": gauge("run_events", "Events of the last run, by kind", "kind"),
        "errors": gauge("run_errors", "Errors of the last run (pages failed, rows not stored)"),
        "duration": gauge("run_duration_seconds", "Duration of the last run"),
        "run_id": gauge("run_id", "Id of the last run in crawl_run"),
        "status": gauge("run_status", "Status of the last run (1 for its status, 0 for the others)", "status"),
        "success": gauge("last_success_timestamp_seconds", "End of the last healthy run"),
    }


def _add_run(g: dict[str, Gauge], outcome: CrawlOutcome, last_success: dt.datetime | None) -> None:
    stats = outcome.stats
    labels = (outcome.scope.spider, outcome.scope.key)
    g["pages"].labels(*labels).set(_count(stats, "response_received_count"))
    g["not_modified"].labels(*labels).set(not_modified_ratio(stats))
    counts = {**change_counts(outcome), **{k: v for k, v in figures(stats).items() if k in ("seen", "unchanged")}}
    for kind in ("seen", "unchanged", *CHANGE_KINDS):
        g["events"].labels(*labels, kind).set(counts[kind])
    g["errors"].labels(*labels).set(_count(stats, keys.store_count("errors")))
    g["duration"].labels(*labels).set(_count(stats, "elapsed_time_seconds"))
    if stats.get(keys.RUN_ID) is not None:
        g["run_id"].labels(*labels).set(stats[keys.RUN_ID])
    status = outcome.status if outcome.status in STATUSES else "failed"
    for name in STATUSES:
        g["status"].labels(*labels, name).set(1 if name == status else 0)
    if last_success is not None:
        g["success"].labels(*labels).set(last_success.timestamp())


def registry(outcomes: Sequence[CrawlOutcome], *, exit_code: int, elapsed: float, finished: dt.datetime,
             last_success: Mapping[tuple[str, str], dt.datetime | None],
             delivery: Delivery | None = None) -> CollectorRegistry:
    """The gauges of one invocation (``last_success`` by (spider, scope key))."""
    reg = CollectorRegistry(auto_describe=True)
    gauges = _run_gauges(reg)
    for outcome in outcomes:
        _add_run(gauges, outcome, last_success.get((outcome.scope.spider, outcome.scope.key)))
    Gauge("mipcrawl_crawl_exit_code", "Exit code of the crawl invocation", registry=reg).set(exit_code)
    Gauge("mipcrawl_crawl_duration_seconds", "Duration of the crawl invocation", registry=reg).set(elapsed)
    Gauge("mipcrawl_crawl_finished_timestamp_seconds", "When the crawl invocation ended",
          registry=reg).set(finished.timestamp())
    failed = delivery is not None and not delivery.delivered
    Gauge("mipcrawl_notify_failures", "1 when the invocation's notification could not be delivered",
          registry=reg).set(1 if failed else 0)
    return reg


def write(path: Path, reg: CollectorRegistry) -> None:
    """Replace ``path`` with the registry's text exposition, atomically."""
    with atomic_text(path) as handle:
        handle.write(generate_latest(reg).decode("utf-8"))
