"""Run crawlers one after the other in Twisted's reactor, with progress ticks, until all are
done or a signal interrupts them (``mipcrawl.cli.interrupt``)."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess

from mipcrawl.cli.interrupt import Interruption
from mipcrawl.cli.progress import Progress
from mipcrawl.scope import RunScope


def run_in_reactor(process: CrawlerProcess, runs: list[tuple[RunScope, Crawler]],
                    reporter: Progress | None, interruption: Interruption) -> dict[int, str]:
    """Crawl each (scope, crawler) in turn until done or interrupted (``interruption``), then
    stop the reactor; the one-line reason of every crawl that could not start, by its index."""
    from twisted.internet import defer, reactor, task

    loop = task.LoopingCall(reporter.tick) if reporter is not None else None
    errors: dict[int, str] = {}

    @defer.inlineCallbacks
    def chain() -> Any:
        try:
            yield _crawl_each(process, runs, interruption, errors)
        finally:
            if loop is not None and loop.running:
                loop.stop()
            if reactor.running:
                reactor.stop()

    if loop is not None:
        loop.start(0.5, now=False)
    reactor.callWhenRunning(chain)   # so that its end can always stop the reactor
    interruption.install()           # instead of Scrapy's handlers: see mipcrawl/cli/interrupt.py
    try:
        process.start(stop_after_crawl=False, install_signal_handlers=False)
    finally:
        interruption.restore()
    if reporter is not None:
        reporter.finish()
    return errors


def _crawl_each(process: CrawlerProcess, runs: list[tuple[RunScope, Crawler]],
                interruption: Interruption, errors: dict[int, str]) -> Any:
    """The crawls one after the other (a Deferred); a crawl that cannot start (bad setting…)
    fails alone: its one-line reason goes in ``errors`` under its index."""
    from twisted.internet import defer

    @defer.inlineCallbacks
    def each() -> Any:
        for index, (scope, crawler) in enumerate(runs):
            if interruption.interrupted:
                break
            interruption.current = crawler
            try:
                yield process.crawl(crawler, **scope.spider_kwargs)
            except Exception as exc:  # noqa: BLE001 - see above
                errors[index] = f"{type(exc).__name__}: {exc}".splitlines()[0]
                continue
            if crawler.settings.get("JOBDIR"):
                from mipcrawl.middlewares.resume import forget_finished

                forget_finished(crawler)

    return each()
