"""The crawl's log file (``data/logs/crawl-<time>.log``), written by a handler that cannot
flood the terminal: when a write fails (a full disk, a file system gone read-only) it says so
once on stderr, in one line, stops writing, and keeps the reason (``failure``) for the run
records — a run whose log could not be kept fails, with that reason (``mipcrawl.stats.LOG_FAILED``).

Python's own ``FileHandler`` prints a "--- Logging error ---" traceback for every record it
cannot write, and Scrapy's raises when it closes one with unwritten lines.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


class GuardedFileHandler(logging.FileHandler):
    def __init__(self, path: Path, *, level: str = "INFO", fmt: str | None = None,
                 datefmt: str | None = None) -> None:
        super().__init__(path, mode="w", encoding="utf-8")
        self.setLevel(level)
        self.setFormatter(logging.Formatter(fmt, datefmt))
        self.failure: str | None = None
        self.on_failure: Callable[[str], None] = lambda reason: None

    def emit(self, record: logging.LogRecord) -> None:
        if self.failure is None:
            super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        if self.failure is not None:
            return
        exc = sys.exc_info()[1]
        self.failure = f"cannot write the log file {self.baseFilename}: {getattr(exc, 'strerror', None) or exc}"
        print(f"mipcrawl: {self.failure} (no more lines go there)", file=sys.stderr)
        self.on_failure(self.failure)

    def close(self) -> None:
        try:
            super().close()
        except OSError:       # its last lines could not be written either: already said
            self.stream = None  # type: ignore[assignment]


def install(settings: Any) -> GuardedFileHandler | None:
    """The handler of ``MIPCRAWL_LOG_FILE`` on the root logger (None without one)."""
    path = settings.get("MIPCRAWL_LOG_FILE")
    if not path:
        return None
    handler = GuardedFileHandler(Path(path), level=settings.get("LOG_LEVEL") or "INFO",
                                 fmt=settings.get("LOG_FORMAT"), datefmt=settings.get("LOG_DATEFORMAT"))
    logging.root.addHandler(handler)
    return handler


def uninstall(handler: GuardedFileHandler | None) -> None:
    if handler is not None:
        logging.root.removeHandler(handler)
        handler.close()
