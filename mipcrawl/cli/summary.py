"""The end-of-crawl summary a person reads: events per edition (new, changed, unchanged),
labs (and the stored events whose lab link a change of the labs updated), what could not be
parsed, how long it took, where the data is."""

from __future__ import annotations

from collections.abc import Sequence

from mipcrawl import stats as keys
from mipcrawl.cli.runner import CrawlOutcome
from storage.urls import redact_url

COLUMNS = ("seen", "new", "changed", "unchanged", "withdrawn", "dates?", "places?")


def figures(stats: dict) -> dict[str, int]:
    """The summary's figures for one run, from its Scrapy stats (the store writes its counts there)."""
    store = {k: stats.get(keys.store_count(k), 0) for k in ("new", "changed", "unchanged", "withdrawn")}
    return {
        "seen": store["new"] + store["changed"] + store["unchanged"],
        **store,
        "dates?": stats.get("mipcrawl/normalize/when_unparsed", 0),
        "places?": stats.get("mipcrawl/normalize/place_unparsed", 0),
    }


def render(outcomes: Sequence[CrawlOutcome], *, db_url: str, elapsed: float) -> str:
    header = f"{'edition':>8}" + "".join(f"{c:>10}" for c in COLUMNS) + "  run"
    lines = ["", header]
    totals = dict.fromkeys(COLUMNS, 0)
    labs = None
    for outcome in outcomes:
        row = figures(outcome.stats)
        if not outcome.scope.is_programme:
            labs = (row, outcome.status, outcome.stats.get(keys.store_count("relinked"), 0))
            continue
        for column in COLUMNS:
            totals[column] += row[column]
        reason = f" ({outcome.reason})" if outcome.status != "healthy" and outcome.reason else ""
        lines.append(f"{outcome.scope.key:>8}"
                     + "".join(f"{row[c]:>10}" for c in COLUMNS) + f"  {outcome.status}{reason}")
    lines.append(f"{'total':>8}" + "".join(f"{totals[c]:>10}" for c in COLUMNS))
    lines.append("(dates? / places?: texts kept raw because they could not be normalised)")
    if labs is not None:
        row, status, relinked = labs
        pages = "page" if row["seen"] == 1 else "pages"
        lines.append(f"labs: {row['seen']} {pages} seen ({row['new']} new, {row['changed']} changed), "
                     f"lab links of {relinked} stored event(s) updated, run {status}")
    for outcome in outcomes:
        for warning in outcome.layout_warnings:
            lines.append(f"warning: {warning}")
    if any(o.layout_warnings for o in outcomes):
        lines.append("(the site's pages may have changed: see `mipcrawl runs --detail RUN`; exit code 6)")
    lines.append(f"run time: {elapsed:.1f} s")
    lines.append(f"database: {redact_url(db_url)}")
    return "\n".join(lines)
