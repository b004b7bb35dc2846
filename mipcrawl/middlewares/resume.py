"""``mipcrawl crawl --resume``: Scrapy's JOBDIR, made safe for a crawl killed with SIGKILL.

Each (spider, edition) job gets ``<data dir>/jobs/<spider>-<edition>`` as its JOBDIR.
Scrapy keeps the pending requests there (``requests.queue``) and writes their index
(``active.json``) only when the crawl stops cleanly; after a SIGKILL the queue files are
half-written and their index stale, and reading them could replay garbage. So:

- ``prepare_job_dir`` (before the crawler starts) drops a queue that was not closed
  cleanly (no ``active.json``) and keeps one that was (Ctrl-C, ``close_spider``);
- ``QueueGuard`` (extension) deletes ``active.json`` once the scheduler has read it, so a
  run killed later never leaves a stale index behind;
- ``MemoryDupeFilter`` never trusts ``requests.seen`` across runs: a resumed crawl walks
  the listings again (their pages are revalidated: 304s) and finds every page the killed
  run did not finish, while what it did finish is cheap (the HTTP cache answers 304 and
  the stored event is not parsed again, ``mipcrawl.middlewares.incremental``). The resumed run is a
  complete view of the edition, so its health gate can judge it; the database, not the
  job directory, is the record of what was stored. Duplicates are impossible in the
  database (an event's URL is unique); a request both in the saved queue and found
  again is at worst fetched twice.
- ``forget_finished`` removes the JOBDIR of a crawl that finished, so the next
  ``--resume`` starts afresh.

The killed run itself stays "running" in the database until the next run of the same
edition opens: ``storage`` then closes it as failed (``runs.close_stale_runs``).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.dupefilters import RFPDupeFilter
from scrapy.exceptions import NotConfigured

log = logging.getLogger(__name__)

QUEUE_DIR = "requests.queue"
QUEUE_INDEX = "active.json"


def prepare_job_dir(jobdir: Path) -> str | None:
    """Drop the request queue a killed crawl left (no index); returns what was done, or None."""
    queue = jobdir / QUEUE_DIR
    if queue.exists() and not (queue / QUEUE_INDEX).exists():
        shutil.rmtree(queue, ignore_errors=True)
        return f"{jobdir.name}: the interrupted crawl's queue was not closed cleanly; walking the listings again"
    return None


def forget_finished(crawler: Any) -> None:
    jobdir = crawler.settings.get("JOBDIR")
    try:
        reason = crawler.stats.get_value("finish_reason")
    except RuntimeError:
        return
    if jobdir and reason == "finished":
        shutil.rmtree(jobdir, ignore_errors=True)


class MemoryDupeFilter(RFPDupeFilter):
    """Scrapy's fingerprint filter without the ``requests.seen`` file (see the module doc)."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> MemoryDupeFilter:
        return cls(None, crawler.settings.getbool("DUPEFILTER_DEBUG"),
                   fingerprinter=crawler.request_fingerprinter)


class QueueGuard:
    """Removes the queue index once the scheduler read it: a later kill leaves no stale index."""

    def __init__(self, jobdir: Path) -> None:
        self.jobdir = jobdir

    @classmethod
    def from_crawler(cls, crawler: Any) -> QueueGuard:
        jobdir = crawler.settings.get("JOBDIR")
        if not jobdir:
            raise NotConfigured("no JOBDIR")
        guard = cls(Path(jobdir))
        crawler.signals.connect(guard.spider_opened, signal=signals.spider_opened)
        return guard

    def spider_opened(self, spider: Any) -> None:
        index = self.jobdir / QUEUE_DIR / QUEUE_INDEX
        if index.exists():
            log.info("resuming %s from its saved queue", self.jobdir.name)
            index.unlink()
