"""``crawl --notify URL`` (or ``$MIPCRAWL_NOTIFY_URL``): one JSON message per crawl
invocation, in the incoming-webhook shape that Slack, Mattermost and Rocket.Chat all accept
— ``text``, plus one attachment per run with ``fields`` (status, run id, counts, pages, the
gate's reason, a few of the changes since the last run, the layout warnings if any).

``--notify-on always|problems|changes`` (repeatable; default: problems and changes): a
problem is any run that was not healthy (or a crawl that could not run at all), a change
any event new, changed, withdrawn, cancelled, reappeared or moved.

Delivery never changes the crawl's outcome: a refused or unanswered post is retried
(connection errors, time-outs, 5xx and 429; not other 4xx, which say the message itself is
refused), then logged, printed as one line, and counted in the metrics file. Attempts and
time-out: ``$MIPCRAWL_NOTIFY_ATTEMPTS`` (3), ``$MIPCRAWL_NOTIFY_TIMEOUT`` (10 s).
"""

from __future__ import annotations

import json
import logging
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mipcrawl.cli.runner import CrawlOutcome
from mipcrawl.cli.summary import figures
from mipcrawl.stats import LAYOUT_WARNINGS

log = logging.getLogger(__name__)

NOTIFY_ON = ("always", "problems", "changes")
DEFAULT_ON = frozenset({"problems", "changes"})
CHANGE_KINDS = ("new", "changed", "withdrawn", "cancelled", "reappeared", "moved")
COLORS = {"healthy": "#2eb886", "partial": "#daa038", "locked": "#439fe0"}   # else danger red


@dataclass(frozen=True)
class Delivery:
    delivered: bool
    attempts: int
    error: str | None = None


def change_counts(outcome: CrawlOutcome) -> dict[str, int]:
    from mipcrawl import stats as keys

    return {kind: int(outcome.stats.get(keys.store_count(kind), 0) or 0) for kind in CHANGE_KINDS}


def wanted(outcomes: Sequence[CrawlOutcome], on: frozenset[str], *, failure: str | None = None) -> bool:
    """Whether this invocation is worth a message under ``--notify-on``."""
    problem = failure is not None or any(o.status != "healthy" for o in outcomes)
    changed = any(any(change_counts(o).values()) for o in outcomes)
    return "always" in on or ("problems" in on and problem) or ("changes" in on and changed)


def layout_warnings(stats: Mapping[str, Any]) -> list[str]:
    """The run's layout warnings: a list (or a mapping field → count) under
    ``mipcrawl/layout_warnings``, and every ``mipcrawl/layout_warnings/<name>`` count."""
    found = stats.get(LAYOUT_WARNINGS)
    lines = [f"{k}: {v}" for k, v in found.items()] if isinstance(found, Mapping) else list(found or [])
    prefix = LAYOUT_WARNINGS + "/"
    lines += [f"{k[len(prefix):]}: {v}" for k, v in sorted(stats.items()) if k.startswith(prefix)]
    return [str(line) for line in lines]


def _change_line(row: Mapping[str, Any]) -> str:
    what = row["change"] if row["change"] != "changed" else f"changed ({row['field']})"
    return f"{what}: {row['title']} <{row['url']}>"


def attachment(outcome: CrawlOutcome, samples: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    from mipcrawl import stats as keys

    row, changes = figures(outcome.stats), change_counts(outcome)
    short = [("status", outcome.status), ("run", outcome.stats.get(keys.RUN_ID, "-")),
             ("pages", outcome.stats.get("response_received_count", 0)), ("seen", row["seen"]),
             *changes.items(), ("unchanged", row["unchanged"]),
             ("errors", outcome.stats.get(keys.store_count("errors"), 0))]
    fields = [{"title": title, "value": str(value), "short": True} for title, value in short]
    long = [("gate", outcome.reason if outcome.status != "healthy" else ""),
            ("changes", "\n".join(_change_line(s) for s in samples)),
            ("layout warnings", "\n".join(layout_warnings(outcome.stats)))]
    fields += [{"title": title, "value": value, "short": False} for title, value in long if value]
    title = f"{outcome.scope.label}: {outcome.status}"
    return {"fallback": title, "color": COLORS.get(outcome.status, "#a30200"), "title": title,
            "text": outcome.reason if outcome.status != "healthy" else "", "fields": fields}


def message(outcomes: Sequence[CrawlOutcome], *, exit_code: int, site: str,
            samples: Mapping[int, Sequence[Mapping[str, Any]]] | None = None,
            failure: str | None = None) -> dict[str, Any]:
    """The webhook payload of one invocation (``failure``: why no crawl could run)."""
    from mipcrawl import stats as keys

    samples = samples or {}
    parts = [f"{o.scope.label} {o.status}" for o in outcomes] or [f"not crawled: {failure}"]
    totals = {k: sum(change_counts(o)[k] for o in outcomes) for k in CHANGE_KINDS}
    changed = ", ".join(f"{v} {k}" for k, v in totals.items() if v) or "no change"
    text = f"mipcrawl crawl of {site} (exit {exit_code}): {'; '.join(parts)} — {changed}"
    attachments = [attachment(o, samples.get(o.stats.get(keys.RUN_ID), ())) for o in outcomes]
    if failure is not None:
        attachments.append({"fallback": failure, "color": "#a30200", "title": "crawl failed",
                            "text": failure, "fields": [{"title": "exit code", "value": str(exit_code),
                                                         "short": True}]})
    return {"username": "mipcrawl", "text": text, "attachments": attachments}


def _post_once(url: str, body: bytes, timeout: float) -> tuple[bool, bool, str | None]:
    """(delivered, worth retrying, error) of one POST."""
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:   # noqa: S310 - the user's URL
            response.read()
        return True, False, None
    except urllib.error.HTTPError as exc:
        return False, exc.code >= 500 or exc.code == 429, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        return False, not isinstance(exc, ValueError), f"{type(exc).__name__}: {reason}"


def send(url: str, payload: Mapping[str, Any], *, attempts: int = 3, timeout: float = 10.0,
         backoff: float = 1.0, sleep: Callable[[float], None] = time.sleep) -> Delivery:
    """POST ``payload`` as JSON, retrying what may pass later; never raises."""
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    error = None
    for attempt in range(1, max(1, attempts) + 1):
        ok, retry, error = _post_once(url, body, timeout)
        if ok:
            return Delivery(True, attempt)
        log.warning("notify: attempt %d of %d failed: %s", attempt, attempts, error)
        if not retry or attempt >= attempts:
            return Delivery(False, attempt, error)
        sleep(backoff * 2 ** (attempt - 1))
    return Delivery(False, attempts, error)


def delivery_settings(env: Mapping[str, str] | None = None) -> dict[str, float]:
    env = os.environ if env is None else env
    try:
        return {"attempts": int(env.get("MIPCRAWL_NOTIFY_ATTEMPTS") or 3),
                "timeout": float(env.get("MIPCRAWL_NOTIFY_TIMEOUT") or 10.0)}
    except ValueError:
        return {"attempts": 3, "timeout": 10.0}
