"""What a crawl invocation tells a scheduler after its exit code: the webhook notification
(``mipcrawl.cli.notify``) and the metrics file (``mipcrawl.cli.metrics``).

Both come after the crawl and neither may change its outcome: a notification that cannot
be delivered is one line on stderr and a count in the metrics; the database reads that
enrich them (a few changes, the last healthy run) are skipped when they fail. Only a
metrics file that cannot be written is an error (exit 1), as any output path is — and
its place is checked before the crawl starts.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mipcrawl.cli import metrics, notify
from mipcrawl.cli.errors import CommandError, ExitCode
from mipcrawl.cli.runner import CrawlOutcome, worst
from storage.urls import redact_url

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reporting:
    site: str
    db_url: str | None = None
    notify_url: str | None = None
    notify_on: frozenset[str] = notify.DEFAULT_ON
    metrics_file: Path | None = None

    @classmethod
    def from_args(cls, args: Any, *, site: str) -> Reporting:
        """``--notify`` (else ``$MIPCRAWL_NOTIFY_URL``), ``--notify-on``, ``--metrics-file``;
        a notify URL that is not http(s) is a usage error, an unusable metrics place an error."""
        url = args.notify or os.environ.get("MIPCRAWL_NOTIFY_URL") or None
        if url is not None and not url.startswith(("http://", "https://")):
            raise CommandError(f"--notify wants an http(s) URL, not {redact_url(url)!r}", ExitCode.USAGE)
        path = Path(args.metrics_file) if args.metrics_file else None
        if path is not None:
            check_writable(path)
        return cls(site=site, notify_url=url, metrics_file=path,
                   notify_on=frozenset(args.notify_on) if args.notify_on else notify.DEFAULT_ON)

    def finish(self, outcomes: Sequence[CrawlOutcome], exit_code: int, *, elapsed: float,
               failure: str | None = None) -> int:
        """Notify and write the metrics; the exit code to use (the crawl's, unless the
        metrics file could not be written)."""
        if not (self.notify_url or self.metrics_file):
            return exit_code
        samples, last = self._reads(outcomes)
        delivery = self._notify(outcomes, exit_code, samples, failure)
        if self.metrics_file is None:
            return exit_code
        reg = metrics.registry(outcomes, exit_code=exit_code, elapsed=elapsed,
                               finished=dt.datetime.now(dt.UTC), last_success=last, delivery=delivery)
        try:
            metrics.write(self.metrics_file, reg)
        except OSError as exc:
            print(f"mipcrawl crawl: cannot write {self.metrics_file}: {exc.strerror or exc}", file=sys.stderr)
            return worst([ExitCode(exit_code), ExitCode.ERROR])
        return exit_code

    def _notify(self, outcomes: Sequence[CrawlOutcome], exit_code: int, samples: dict[int, Any],
                failure: str | None) -> notify.Delivery | None:
        if self.notify_url is None or not notify.wanted(outcomes, self.notify_on, failure=failure):
            return None
        try:
            payload = notify.message(outcomes, exit_code=exit_code, site=self.site, samples=samples,
                                     failure=failure)
            delivery = notify.send(self.notify_url, payload, **notify.delivery_settings())
        except Exception as exc:  # noqa: BLE001 - a notification never changes the crawl's outcome
            log.exception("notify: message not built")
            delivery = notify.Delivery(False, 0, f"{type(exc).__name__}: {exc}")
        where = redact_url(self.notify_url)
        if delivery.delivered:
            print(f"notify: posted to {where}", file=sys.stderr)
        else:
            print(f"notify: not delivered to {where} after {delivery.attempts} attempt(s): {delivery.error} "
                  "(the crawl's outcome is unchanged)", file=sys.stderr)
        return delivery

    def _reads(self, outcomes: Sequence[CrawlOutcome]) -> tuple[dict[int, Any], dict[tuple[str, str], Any]]:
        """A few changes of each run and each scope's last healthy run, or nothing if the
        database cannot say."""
        from mipcrawl import stats as keys
        from storage.queries import last_success, reading, run_changes

        run_ids = [int(o.stats[keys.RUN_ID]) for o in outcomes if o.stats.get(keys.RUN_ID) is not None]
        if self.db_url is None or not outcomes:
            return {}, {}
        try:
            with reading(self.db_url) as session:
                samples = run_changes(session, run_ids)
                last = {(o.scope.spider, o.scope.key): last_success(session, o.scope.spider, o.scope.key)
                        for o in outcomes}
        except Exception as exc:  # noqa: BLE001 - the report goes out without them
            log.warning("report: database not read: %s", exc)
            return {}, {}
        return samples, last


def check_writable(path: Path) -> None:
    """The metrics file's directory exists (or can be made) and takes files."""
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise CommandError(f"--metrics-file {path} is a directory")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CommandError(f"--metrics-file {path}: {exc.strerror or exc}") from None
    if not os.access(directory, os.W_OK | os.X_OK):
        raise CommandError(f"--metrics-file {path}: directory {directory} is not writable")
