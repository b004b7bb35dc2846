"""SIGINT and SIGTERM during ``mipcrawl crawl`` (and ``reparse``, ``demo``).

The first signal stops the crawl gracefully: no further run starts, the running one stops
fetching, stores what it saw and closes its run record as *partial* — "interrupted", nothing
withdrawn — and the command exits 130. A run the crawl could not close itself (the signal
came while it was opening) is closed the same way from its record (``close_left_open``).
A second signal leaves at once, with 130: a run left running then is closed as failed by the
next crawl of its editions, as after a crash.
"""

from __future__ import annotations

import os
import signal
from typing import Any

from mipcrawl.cli.errors import ExitCode

RETRY_SECONDS = 0.1


class Interruption:
    def __init__(self) -> None:
        self.signals = 0
        self.current: Any = None     # the crawler crawling now (the runner's chain sets it)
        self._previous: dict[int, Any] = {}

    @property
    def interrupted(self) -> bool:
        return self.signals > 0

    def install(self) -> None:
        for signum in (signal.SIGINT, signal.SIGTERM):
            self._previous[signum] = signal.signal(signum, self._handle)

    def restore(self) -> None:
        """The handlers from before ``install`` (the crawls are over: Ctrl-C is Python's again)."""
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous = {}

    def _handle(self, signum: int, frame: Any) -> None:
        self.signals += 1
        if self.signals > 1:
            os.write(2, b"mipcrawl: interrupted again: leaving now\n")
            os._exit(ExitCode.INTERRUPTED)
        from twisted.internet import reactor

        reactor.callFromThread(self._stop)

    def _stop(self) -> None:
        """Stop the running crawler; one still opening (its engine not running yet) is stopped
        as soon as it runs."""
        from scrapy.utils.defer import deferred_from_coro
        from twisted.internet import reactor

        crawler = self.current
        if crawler is None:
            return
        engine = getattr(crawler, "engine", None)
        if engine is not None and engine.running:
            deferred_from_coro(engine.close_spider_async(reason="interrupted"))
        else:
            reactor.callLater(RETRY_SECONDS, self._stop)


def close_left_open(db_url: str, run_ids: list[int]) -> None:
    """Close the runs among ``run_ids`` still marked running as partial, interrupted."""
    import datetime as dt

    from storage.db import make_engine, make_session_factory
    from storage.runs import close_interrupted

    engine = make_engine(db_url)
    try:
        with make_session_factory(engine).begin() as session:
            close_interrupted(session, run_ids, dt.datetime.now(dt.UTC))
    finally:
        engine.dispose()
