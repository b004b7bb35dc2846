"""Run crawls in-process: build the Scrapy settings for a run, schedule one crawler per
(spider, edition), show progress, and read each run's outcome back from its stats.

Exit codes follow ``mipcrawl.commands.ExitCode``: a crawl that failed its health gate is
PARTIAL (3), one refused by another crawl's lock is LOCKED (4), a failed one ERROR (1).
"""

from __future__ import annotations

import datetime as dt
import gc
import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scrapy import signals
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
    values["HTTPCACHE_DIR"] = str(Path(data_dir).absolute() / "httpcache")   # issue 7: survives runs
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
    """Run the jobs one after the other in one reactor and return their outcomes in job order.

    One at a time: the crawl is CPU-bound on one core anyway, and a SQLite database takes
    one writer at a time."""
    from scrapy.utils.reactor import install_reactor, is_reactor_installed

    if not is_reactor_installed():   # before anything of twisted's picks the default reactor
        install_reactor(settings["TWISTED_REACTOR"], settings["ASYNCIO_EVENT_LOOP"])
    from twisted.internet import defer, task

    process = CrawlerProcess(settings)
    crawlers = [_create_crawler(process, job, settings) for job in jobs]
    for crawler in crawlers:
        crawler.signals.connect(_freeze_heap_once, signal=signals.spider_opened)
    reporter = Progress(lambda: _started_stats(crawlers)) if progress else None
    loop = task.LoopingCall(reporter.tick) if reporter is not None else None

    errors: dict[int, str] = {}

    @defer.inlineCallbacks
    def chain():
        try:
            for index, (job, crawler) in enumerate(zip(jobs, crawlers, strict=True)):
                try:
                    yield process.crawl(crawler, **job.kwargs)
                except Exception as exc:  # noqa: BLE001 - a crawl that cannot start (bad setting…) fails alone
                    errors[index] = f"{type(exc).__name__}: {exc}".splitlines()[0]
                    continue
                if crawler.settings.get("JOBDIR"):
                    from mipcrawl.resume import forget_finished

                    forget_finished(crawler)
        finally:
            if loop is not None and loop.running:
                loop.stop()
            from twisted.internet import reactor

            if reactor.running:
                reactor.stop()

    from twisted.internet import reactor

    if loop is not None:
        loop.start(0.5, now=False)
    reactor.callWhenRunning(chain)   # so that its end can always stop the reactor
    process.start(stop_after_crawl=False)
    if reporter is not None:
        reporter.finish()
    outcomes = [CrawlOutcome(job, stats) for job, stats in zip(jobs, _outcome_stats(crawlers), strict=True)]
    for index, message in errors.items():
        outcomes[index].stats.update({"finish_reason": "error", "mipcrawl/run_status": "failed",
                                      "mipcrawl/gate_reason": message})
    return outcomes


_heap_frozen = False


def _freeze_heap_once(spider=None) -> None:
    """Move what is alive when the first spider opens (modules, the place tables the
    normalize pipeline loaded in its ``open_spider``, settings) into the GC's permanent
    generation, once per process. Those objects live as long as the process, but every
    full collection walked them again: ~0.1 s a time, ~0.5 ms a page in a crawl
    (bench/bench_crawl.py). Objects frozen are still freed by reference counting."""
    global _heap_frozen
    if not _heap_frozen:
        _heap_frozen = True
        gc.collect()
        gc.freeze()


def job_dir(settings: Settings, job: CrawlJob) -> Path | None:
    """Scrapy's JOBDIR of a job when resuming is on (``crawl --resume``): one per spider and edition."""
    if not settings.getbool("MIPCRAWL_RESUME"):
        return None
    name = f"{job.spider}-{job.kwargs['edition']}" if job.kwargs.get("edition") else job.spider
    return Path(settings.get("MIPCRAWL_DATA_DIR") or "data").absolute() / "jobs" / name


def _create_crawler(process: CrawlerProcess, job: CrawlJob, settings: Settings):
    jobdir = job_dir(settings, job)
    if jobdir is None:
        return process.create_crawler(job.spider)
    from scrapy.crawler import Crawler

    from mipcrawl import resume

    note = resume.prepare_job_dir(jobdir)
    if note:
        print(note, file=sys.stderr)
    job_settings = settings.copy()
    job_settings.set("JOBDIR", str(jobdir), priority="cmdline")
    job_settings.set("DUPEFILTER_CLASS", "mipcrawl.resume.MemoryDupeFilter", priority="cmdline")
    job_settings.set("EXTENSIONS", {**settings.getdict("EXTENSIONS"), "mipcrawl.resume.QueueGuard": 10},
                     priority="cmdline")
    return Crawler(process.spider_loader.load(job.spider), job_settings)


def _started_stats(crawlers: Sequence) -> list[dict]:
    """The stats of the crawlers that have started (a queued crawler has none yet)."""
    out = []
    for crawler in crawlers:
        try:
            out.append(crawler.stats.get_stats())
        except RuntimeError:
            continue
    return out


def _outcome_stats(crawlers: Sequence) -> list[dict]:
    out = []
    for crawler in crawlers:
        try:
            out.append(crawler.stats.get_stats())
        except RuntimeError:   # never started: the chain stopped before it
            out.append({"finish_reason": "not started"})
    return out


def worst_exit_code(outcomes: Sequence[CrawlOutcome]) -> ExitCode:
    order = [ExitCode.OK, ExitCode.PARTIAL, ExitCode.LOCKED, ExitCode.ERROR]
    codes = [o.exit_code for o in outcomes] or [ExitCode.OK]
    return max(codes, key=order.index)
