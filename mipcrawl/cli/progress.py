"""A live progress line for crawls: pages fetched, events and labs stored, errors.

On a terminal the line is redrawn in place twice a second; elsewhere (CI, cron logs) a
plain line is printed every ``interval`` seconds so a nightly log still shows progress.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from typing import TextIO

StatsGetter = Callable[[], Iterable[dict]]


def summarize(all_stats: Iterable[dict]) -> dict[str, int]:
    """Add up the figures a user watches, over every running crawler's stats."""
    totals = {"pages": 0, "not_modified": 0, "events": 0, "labs": 0, "errors": 0, "retries": 0}
    for stats in all_stats:
        totals["pages"] += stats.get("response_received_count", 0)
        totals["not_modified"] += stats.get("downloader/response_status_count/304", 0)
        totals["events"] += (stats.get("mipcrawl/items/event", 0)
                             + stats.get("mipcrawl/incremental/unchanged_not_parsed", 0)
                             + stats.get("mipcrawl/incremental/past_not_fetched", 0))
        totals["labs"] += stats.get("mipcrawl/items/lab", 0)
        totals["errors"] += stats.get("log_count/ERROR", 0) + stats.get("mipcrawl/fetch_failures", 0)
        totals["retries"] += stats.get("retry/count", 0)
    return totals


def format_line(totals: dict[str, int], elapsed: float) -> str:
    line = (
        f"[{elapsed:6.1f}s] pages {totals['pages']}"
        f" · events {totals['events']} · labs {totals['labs']}"
        f" · errors {totals['errors']}"
    )
    if totals["not_modified"]:
        line += f" · unchanged(304) {totals['not_modified']}"
    if totals["retries"]:
        line += f" · retries {totals['retries']}"
    return line


class Progress:
    def __init__(self, get_stats: StatsGetter, stream: TextIO | None = None, interval: float = 10.0):
        self.get_stats = get_stats
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.interval = 0.5 if self.tty else interval
        self.started = time.monotonic()
        self._last_print = 0.0

    def tick(self) -> None:
        now = time.monotonic()
        if not self.tty and now - self._last_print < self.interval:
            return
        self._last_print = now
        self._write(format_line(summarize(self.get_stats()), now - self.started))

    def finish(self) -> None:
        self._write(format_line(summarize(self.get_stats()), time.monotonic() - self.started))
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()

    def _write(self, line: str) -> None:
        if self.tty:
            self.stream.write("\r\x1b[2K" + line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
