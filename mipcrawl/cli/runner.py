"""Run crawls in-process: build the Scrapy settings for a run, schedule one crawler per run
scope (the programme of an edition, or the labs), show progress, and read each run's
outcome back from its stats.

Exit codes follow ``mipcrawl.cli.errors.ExitCode``: a crawl that failed its health gate is
PARTIAL (3), one refused by another crawl's lock is LOCKED (4), a failed one ERROR (1).
"""

from __future__ import annotations

import datetime as dt
import gc
import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings

from mipcrawl import stats as keys
from mipcrawl.cli import logfile
from mipcrawl.cli.errors import ExitCode
from mipcrawl.cli.interrupt import Interruption, close_left_open
from mipcrawl.cli.progress import Progress
from mipcrawl.cli.reactor import run_in_reactor
from mipcrawl.cli.wayback import wayback_problem
from mipcrawl.scope import RunScope
from storage.urls import redact_url


@dataclass
class CrawlOutcome:
    scope: RunScope
    stats: dict[str, Any]

    @property
    def archive_problem(self) -> tuple[ExitCode, str] | None:
        """A crawl from a web archive that could not start: the archive did not answer,
        answered no CDX answer, or holds no capture of the programme (``--from-archive``)."""
        return wayback_problem(self.stats)

    @property
    def status(self) -> str:
        if self.archive_problem is not None:
            return "failed"
        status = self.stats.get(keys.RUN_STATUS)
        if status:
            return str(status)
        # No store pipeline (e.g. pipelines switched off): judge by what happened.
        if self.stats.get("finish_reason") not in (None, "finished"):
            return "failed"
        return "failed" if self.stats.get("log_count/ERROR") else "healthy"

    @property
    def reason(self) -> str:
        if self.archive_problem is not None:
            return self.archive_problem[1]
        return str(self.stats.get(keys.GATE_REASON) or self.stats.get("finish_reason") or "")

    @property
    def exit_code(self) -> ExitCode:
        if self.stats.get(keys.INTERRUPTED):
            return ExitCode.INTERRUPTED
        if self.archive_problem is not None:
            return self.archive_problem[0]
        return ExitCode(keys.exit_code(self.status, layout_changed=bool(self.layout_warnings)))

    @property
    def layout_warnings(self) -> list[str]:
        """What moved in the site's layout (``storage/layout.py``), one line each."""
        found = self.stats.get(keys.LAYOUT_WARNINGS)
        return [str(w) for w in found] if isinstance(found, list | tuple) else []


def crawl_settings(
    *,
    base_url: str,
    db_url: str,
    data_dir: Path,
    log_file: Path | None = None,
    extra: dict[str, Any] | None = None,
    argv: Sequence[str] | None = None,
) -> Settings:
    settings = Settings()
    settings.setmodule("mipcrawl.settings", priority="project")
    values: dict[str, Any] = {
        "MIPCRAWL_BASE_URL": base_url,
        "MIPCRAWL_DATABASE_URL": db_url,
        "MIPCRAWL_DATA_DIR": str(data_dir),
        "MIPCRAWL_RUN_COMMAND": redact_url(shlex.join(argv if argv is not None else sys.argv)),
        "HTTPCACHE_DIR": str(Path(data_dir).absolute() / "httpcache"),   # survives runs
    }
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        # our own handler writes it (mipcrawl/cli/logfile.py: a full disk is one line, not a flood)
        values.update({"MIPCRAWL_LOG_FILE": str(log_file), "LOG_ENABLED": False, "LOG_LEVEL": "INFO"})
    values.update(extra or {})
    settings.setdict(values, priority="cmdline")
    return settings


def default_log_file(data_dir: Path, now: dt.datetime | None = None) -> Path:
    now = now or dt.datetime.now(dt.UTC)
    return data_dir / "logs" / f"crawl-{now:%Y%m%dT%H%M%SZ}.log"


def run_crawls(scopes: Sequence[RunScope], settings: Settings, *,
               progress: bool = True) -> list[CrawlOutcome]:
    """Run one crawl per scope, one after the other in one reactor, and return their
    outcomes in order.

    One at a time: the crawl is CPU-bound on one core anyway, and a SQLite database takes
    one writer at a time."""
    from scrapy.utils.reactor import install_reactor, is_reactor_installed

    if not is_reactor_installed():   # before anything of twisted's picks the default reactor
        install_reactor(settings["TWISTED_REACTOR"], settings["ASYNCIO_EVENT_LOOP"])
    process = CrawlerProcess(settings)
    log_file = logfile.install(settings)   # after Scrapy's logging set-up, which closes every handler
    try:
        return _run(process, scopes, settings, progress, log_file)
    finally:
        logfile.uninstall(log_file)


def _run(process: CrawlerProcess, scopes: Sequence[RunScope], settings: Settings, progress: bool,
         log_file: logfile.GuardedFileHandler | None) -> list[CrawlOutcome]:
    crawlers = [_create_crawler(process, scope, settings) for scope in scopes]
    for crawler in crawlers:
        crawler.signals.connect(_freeze_heap_once, signal=signals.spider_opened)
    if log_file is not None:   # a log that cannot be kept fails the runs crawling then and after
        log_file.on_failure = lambda reason: [_log_failure_to(c, log_file)() for c in crawlers]
        for crawler in crawlers:
            crawler.signals.connect(_log_failure_to(crawler, log_file), signal=signals.spider_opened, weak=False)
    reporter = Progress(lambda: _started_stats(crawlers)) if progress else None
    interruption = Interruption()
    errors = run_in_reactor(process, list(zip(scopes, crawlers, strict=True)), reporter, interruption)
    outcomes = [CrawlOutcome(scope, stats)
                for scope, stats in zip(scopes, _outcome_stats(crawlers), strict=True)]
    for index, message in errors.items():
        outcomes[index].stats.update({"finish_reason": "error", keys.RUN_STATUS: "failed",
                                      keys.GATE_REASON: message})
    if interruption.interrupted:
        _interrupted(outcomes, settings["MIPCRAWL_DATABASE_URL"])
    return outcomes


def _interrupted(outcomes: list[CrawlOutcome], db_url: str) -> None:
    """After SIGINT/SIGTERM: every run closed (partial, interrupted), every outcome says so."""
    left_open = [o.stats[keys.RUN_ID] for o in outcomes
                 if o.stats.get(keys.RUN_ID) is not None and o.stats.get(keys.RUN_STATUS) == "running"]
    if left_open:
        close_left_open(db_url, left_open)
    for outcome in outcomes:
        outcome.stats[keys.INTERRUPTED] = True
        if outcome.stats.get(keys.RUN_ID) in left_open:
            outcome.stats.update({keys.RUN_STATUS: "partial", keys.GATE_REASON: "interrupted"})
        elif outcome.stats.get(keys.RUN_ID) is None and outcome.stats.get(keys.RUN_STATUS) is None:
            outcome.stats.update({keys.RUN_STATUS: "interrupted", keys.GATE_REASON: "not started"})


def _log_failure_to(crawler: Crawler, log_file: logfile.GuardedFileHandler) -> Any:
    def opened(spider: Any = None) -> None:
        if log_file.failure is not None and crawler.crawling:
            try:
                crawler.stats.set_value(keys.LOG_FAILED, log_file.failure)
            except RuntimeError:   # not started yet: its spider_opened will say it
                pass
    return opened


_heap_frozen = False


def _freeze_heap_once(spider: Any = None) -> None:
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


def job_dir(settings: Settings, scope: RunScope) -> Path | None:
    """Scrapy's JOBDIR of a run when resuming is on (``crawl --resume``): one per run scope."""
    if not settings.getbool("MIPCRAWL_RESUME"):
        return None
    name = scope.spider if scope.key == scope.spider else f"{scope.spider}-{scope.key}"
    return Path(settings.get("MIPCRAWL_DATA_DIR") or "data").absolute() / "jobs" / name


def _create_crawler(process: CrawlerProcess, scope: RunScope, settings: Settings) -> Crawler:
    jobdir = job_dir(settings, scope)
    if jobdir is None:
        return process.create_crawler(scope.spider)
    from mipcrawl.middlewares import resume

    note = resume.prepare_job_dir(jobdir)
    if note:
        print(note, file=sys.stderr)
    job_settings = settings.copy()
    job_settings.set("JOBDIR", str(jobdir), priority="cmdline")
    job_settings.set("DUPEFILTER_CLASS", "mipcrawl.middlewares.resume.MemoryDupeFilter", priority="cmdline")
    job_settings.set("EXTENSIONS", {**settings.getdict("EXTENSIONS"), "mipcrawl.middlewares.resume.QueueGuard": 10},
                     priority="cmdline")
    return Crawler(process.spider_loader.load(scope.spider), job_settings)


def _started_stats(crawlers: Sequence[Crawler]) -> list[dict[str, Any]]:
    """The stats of the crawlers that have started (a queued crawler has none yet)."""
    out = []
    for crawler in crawlers:
        try:
            out.append(crawler.stats.get_stats())
        except RuntimeError:
            continue
    return out


def _outcome_stats(crawlers: Sequence[Crawler]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for crawler in crawlers:
        try:
            out.append(crawler.stats.get_stats())
        except RuntimeError:   # never started: the chain stopped before it
            out.append({"finish_reason": "not started"})
    return out


def worst_exit_code(outcomes: Sequence[CrawlOutcome]) -> ExitCode:
    return worst([o.exit_code for o in outcomes])


def worst(codes: Sequence[ExitCode]) -> ExitCode:
    """The code that says most: error over locked over nothing archived over partial over a
    layout change over OK."""
    order = [ExitCode.OK, ExitCode.LAYOUT, ExitCode.PARTIAL, ExitCode.NOT_ARCHIVED, ExitCode.LOCKED, ExitCode.ERROR]
    return max([ExitCode(c) for c in codes] or [ExitCode.OK],
               key=lambda c: order.index(c) if c in order else len(order))
