"""The end-of-crawl summary a person reads: events per edition, labs, what could not be
parsed, how long it took, where the data is."""

from __future__ import annotations

from collections.abc import Sequence

from mipcrawl import config
from mipcrawl.runner import CrawlOutcome


def render(outcomes: Sequence[CrawlOutcome], *, db_url: str, elapsed: float) -> str:
    rows = []
    totals = {"events": 0, "when": 0, "place": 0}
    labs = 0
    for outcome in outcomes:
        stats = outcome.stats
        if outcome.job.spider == "labs":
            labs += stats.get("mipcrawl/items/lab", 0)
            continue
        events = stats.get("mipcrawl/items/event", 0)
        when = stats.get("mipcrawl/normalize/when_unparsed", 0)
        place = stats.get("mipcrawl/normalize/place_unparsed", 0)
        totals["events"] += events
        totals["when"] += when
        totals["place"] += place
        rows.append(
            f"  {outcome.job.kwargs.get('edition', '?'):>7}  {events:>6}  {when:>14}  {place:>15}  {outcome.status}"
        )
    lines = ["", "edition   events  unparsed dates  unparsed places  run", *rows]
    lines.append(f"  {'total':>7}  {totals['events']:>6}  {totals['when']:>14}  {totals['place']:>15}")
    lines.append(f"labs: {labs}")
    lines.append(f"run time: {elapsed:.1f} s")
    lines.append(f"database: {config.redact_url(db_url)}")
    return "\n".join(lines)
