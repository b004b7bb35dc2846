"""The Scrapy stats keys that one room writes and another reads back.

The store pipeline publishes a run's outcome (``RUN_ID``, ``RUN_STATUS``, ``GATE_REASON``,
``EXIT_CODE``, ``store_count(…)``) for the CLI runner and summary; the WARC writer names its file
(``ARCHIVE_FILE``) for ``mipcrawl reparse`` and the tests. Keys read only where they are
written stay literal there.
"""

from __future__ import annotations

RUN_ID = "mipcrawl/run_id"
RUN_STATUS = "mipcrawl/run_status"     # running | healthy | partial | failed | locked | error
GATE_REASON = "mipcrawl/gate_reason"
EXIT_CODE = "mipcrawl/exit_code"       # what `mipcrawl crawl` exits with for this run (plain `scrapy crawl`, Scrapyd)
LAYOUT_WARNINGS = "mipcrawl/layout_warnings"   # ["2026: layout changed: when_text strategies moved …", …]
LOG_FAILED = "mipcrawl/log_failed"     # the log file could not be written (a full disk): the run fails
INTERRUPTED = "mipcrawl/interrupted"   # the crawl was stopped by SIGINT/SIGTERM (exit 130)
ARCHIVE_FILE = "mipcrawl/archive/file"
ARCHIVE_BYTES = "mipcrawl/archive/bytes"
_STORE = "mipcrawl/store/"


def store_count(name: str) -> str:
    """The key of a store count: new, changed, unchanged, withdrawn, errors…"""
    return _STORE + name


_EXIT_CODES = {"healthy": 0, "partial": 3, "locked": 4}   # mipcrawl.cli.errors.ExitCode
LAYOUT_CHANGED = 6


def exit_code(status: str, *, layout_changed: bool = False) -> int:
    """The exit code of a run's final status: 0 healthy (6 when its layout changed), 3 partial,
    4 locked, else 1."""
    if status == "healthy" and layout_changed:
        return LAYOUT_CHANGED
    return _EXIT_CODES.get(status, 1)
