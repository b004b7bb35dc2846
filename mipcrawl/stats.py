"""The Scrapy stats keys that one room writes and another reads back.

The store pipeline publishes a run's outcome (``RUN_ID``, ``RUN_STATUS``, ``GATE_REASON``,
``store_count(…)``) for the CLI runner and summary; the WARC writer names its file
(``ARCHIVE_FILE``) for ``mipcrawl reparse`` and the tests. Keys read only where they are
written stay literal there.
"""

from __future__ import annotations

RUN_ID = "mipcrawl/run_id"
RUN_STATUS = "mipcrawl/run_status"     # running | healthy | partial | failed | locked | error
GATE_REASON = "mipcrawl/gate_reason"
ARCHIVE_FILE = "mipcrawl/archive/file"
ARCHIVE_BYTES = "mipcrawl/archive/bytes"
_STORE = "mipcrawl/store/"


def store_count(name: str) -> str:
    """The key of a store count: new, changed, unchanged, withdrawn, errors…"""
    return _STORE + name
