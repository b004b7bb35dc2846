"""Run crawls in-process: build the Scrapy settings for a run, schedule one crawler per
(spider, edition), show progress, and read each run's outcome back from its stats.

Exit codes follow ``mipcrawl.commands.ExitCode``: a crawl that failed its health gate is
PARTIAL (3), one refused by another crawl's lock is LOCKED (4), a failed one ERROR (1).
"""

from __future__ import annotations

import datetime as dt
import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from mipcrawl import config
from mipcrawl.commands import ExitCode
from mipcrawl.progress import Progress

POLITE_OVERRIDES_FOR_LOOPBACK = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0.0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
}


@dataclass
class CrawlJob:
    spider: str                                   # "programme" | "labs"
    kwargs: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        edition = self.kwargs.get("edition")
        return f"{self.spider} {edition}" if edition else self.spider


@dataclass
class CrawlOutcome:
    job: CrawlJob
    stats: dict

    @property
    def status(self) -> str:
        status = self.stats.get("mipcrawl/run_status")
        if status:
            return str(status)
        # No store pipeline (e.g. pipelines switched off): judge by what happened.
        if self.stats.get("finish_reason") not in (None, "finished"):
            return "failed"
        return "failed" if self.stats.get("log_count/ERROR") else "healthy"

    @property
    def reason(self) -> str:
        return str(self.stats.get("mipcrawl/gate_reason") or self.stats.get("finish_reason") or "")

    @property
    def exit_code(self) -> ExitCode:
        return {
            "healthy": ExitCode.OK,
            "partial": ExitCode.PARTIAL,
            "locked": ExitCode.LOCKED,
        }.get(self.status, ExitCode.ERROR)


def crawl_settings(
    *,
    base_url: str,
    db_url: str,
    data_dir: Path,
    log_file: Path | None = None,
    extra: dict | None = None,
    argv: Sequence[str] | None = None,
) -> Settings:
    settings = Settings()
    settings.setmodule("mipcrawl.settings", priority="project")
    values: dict = {
        "MIPCRAWL_BASE_URL": base_url,
        "MIPCRAWL_DATABASE_URL": db_url,
        "MIPCRAWL_DATA_DIR": str(data_dir),
        "MIPCRAWL_RUN_COMMAND": config.redact_url(shlex.join(argv if argv is not None else sys.argv)),
    }
    if config.is_loopback(base_url):
        values.update(POLITE_OVERRIDES_FOR_LOOPBACK)
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        values.update({"LOG_FILE": str(log_file), "LOG_LEVEL": "INFO", "LOG_FILE_APPEND": False})
    values.update(extra or {})
    settings.setdict(values, priority="cmdline")
    return settings


def default_log_file(data_dir: Path, now: dt.datetime | None = None) -> Path:
    now = now or dt.datetime.now(dt.UTC)
    return data_dir / "logs" / f"crawl-{now:%Y%m%dT%H%M%SZ}.log"


def run_crawls(jobs: Sequence[CrawlJob], settings: Settings, *, progress: bool = True) -> list[CrawlOutcome]:
    """Run every job in one reactor, concurrently, and return their outcomes in job order."""
    process = CrawlerProcess(settings, install_root_handler=False)
    crawlers = []
    for job in jobs:
        crawler = process.create_crawler(job.spider)
        crawlers.append(crawler)
        process.crawl(crawler, **job.kwargs)
    reporter = Progress(lambda: [c.stats.get_stats() for c in crawlers]) if progress else None
    loop = None
    if reporter is not None:
        from twisted.internet import task

        loop = task.LoopingCall(reporter.tick)
        loop.start(0.5, now=False)
    process.start()
    if loop is not None and loop.running:
        loop.stop()
    if reporter is not None:
        reporter.finish()
    return [CrawlOutcome(job, crawler.stats.get_stats()) for job, crawler in zip(jobs, crawlers, strict=True)]


def worst_exit_code(outcomes: Sequence[CrawlOutcome]) -> ExitCode:
    order = [ExitCode.OK, ExitCode.PARTIAL, ExitCode.LOCKED, ExitCode.ERROR]
    codes = [o.exit_code for o in outcomes] or [ExitCode.OK]
    return max(codes, key=order.index)
