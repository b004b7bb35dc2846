"""The health gate: may this run's view of an edition be trusted to withdraw events?

Pure. ``EditionEvidence`` gathers, per edition, what the run saw: listing pages (with
their pagination), listing failures, event items and their key-field coverage, fetch
errors. ``judge`` compares it with the figures of the edition's last healthy run and
returns ``Verdict(healthy, reasons, figures)``. An edition is healthy when:

- at least one listing page was fetched, none failed, and every page 0..last_page
  announced by the pagination was fetched;
- the run finished normally (not interrupted);
- the number of event URLs listed did not drop by more than ``max_drop`` (default 20 %)
  against the last healthy run, and is not zero;
- nor did it surge: not above ``max_surge`` times the last healthy run's (default 3) *and*
  above it plus ``surge_slack`` (default 500) — a crawl trap, or a template that suddenly
  lists every page of the site, is not a programme;
- the coverage of title, when (a parsed start) and place (a parsed attendance or commune)
  did not fall by more than ``coverage_tolerance`` against the last healthy run;
- the error rate (failed fetches / (items + failed fetches)) is under ``max_error_rate``.

A run that reads a web archive (``origin`` "archive") is judged on what the archive holds:
a page the archive has no usable capture of is a *gap* (``add_gap``), neither a failure nor
a missing listing page nor an error; the figures say how much of the listing was captured
and list every gap with its reason; it is compared only with earlier archive runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storage.layout import LayoutPolicy

KEY_FIELDS = ("title", "when", "place")


@dataclass(frozen=True)
class GatePolicy:
    max_drop: float = 0.20
    max_surge: float = 3.0
    surge_slack: int = 500
    coverage_tolerance: float = 0.05
    max_error_rate: float = 0.05
    layout: LayoutPolicy = field(default_factory=LayoutPolicy)


@dataclass
class EditionEvidence:
    pages: dict[int, int | None] = field(default_factory=dict)   # page -> last_page announced
    listed_urls: set[str] = field(default_factory=set)
    listing_failures: list[str] = field(default_factory=list)
    items: int = 0
    covered: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KEY_FIELDS, 0))
    errors: int = 0
    origin: str = "live"
    gap_pages: set[int] = field(default_factory=set)             # listing pages the archive lacks
    gaps: list[dict[str, str]] = field(default_factory=list)      # {url, kind, reason}

    def add_gap(self, url: str, kind: str, reason: str, page: int | None) -> bool:
        """Record a page the archive lacks (once per URL: a resumed run may ask twice); new?"""
        if any(g["url"] == url for g in self.gaps):
            return False
        self.gaps.append({"url": url, "kind": kind, "reason": reason})
        if kind == "listing" and page is not None:
            self.gap_pages.add(page)
        return True

    def add_item(self, record: dict[str, Any]) -> None:
        self.items += 1
        self.covered["title"] += bool(record.get("title"))
        self.covered["when"] += record.get("start_at") is not None
        self.covered["place"] += bool(record.get("attendance") or record.get("commune_code"))


@dataclass(frozen=True)
class Verdict:
    healthy: bool
    reasons: list[str]
    figures: dict[str, Any]


def _listing_reasons(ev: EditionEvidence) -> list[str]:
    if ev.listing_failures:
        return [f"{len(ev.listing_failures)} listing page(s) failed: {ev.listing_failures[0]}"]
    if not ev.pages:
        return ["no listing page fetched"]
    announced = max((lp for lp in ev.pages.values() if lp is not None), default=max(ev.pages))
    missing = sorted(set(range(announced + 1)) - set(ev.pages) - ev.gap_pages)
    return [f"listing pages missing: {missing[:5]}"] if missing else []


def judge(ev: EditionEvidence, previous: dict[str, Any] | None, policy: GatePolicy,
          *, finished: bool = True) -> Verdict:
    coverage = {k: (ev.covered[k] / ev.items if ev.items else 0.0) for k in KEY_FIELDS}
    attempts = ev.items + ev.errors
    error_rate = ev.errors / attempts if attempts else 0.0
    reasons = [] if finished else ["run did not finish normally"]
    reasons += _listing_reasons(ev)
    listed = len(ev.listed_urls)
    if listed == 0 and ev.pages:
        reasons.append("listing pages list no event")
    if previous and previous.get("listed") and listed < previous["listed"] * (1 - policy.max_drop):
        reasons.append(f"listed events dropped from {previous['listed']} to {listed}"
                       f" (over {policy.max_drop:.0%})")
    if previous and previous.get("listed") and listed > max(previous["listed"] * policy.max_surge,
                                                            previous["listed"] + policy.surge_slack):
        reasons.append(f"listed events surged from {previous['listed']} to {listed}"
                       f" (over {policy.max_surge:g}x and +{policy.surge_slack})")
    for key in KEY_FIELDS:
        before = (previous or {}).get("coverage", {}).get(key)
        if before is not None and coverage[key] < before - policy.coverage_tolerance:
            reasons.append(f"{key} coverage fell from {before:.0%} to {coverage[key]:.0%}")
    if error_rate > policy.max_error_rate:
        reasons.append(f"error rate {error_rate:.0%} over {policy.max_error_rate:.0%}")
    figures = {"healthy": not reasons, "reasons": reasons, "listed": listed, "items": ev.items,
               "pages": len(ev.pages), "coverage": coverage, "errors": ev.errors,
               "error_rate": error_rate, "origin": ev.origin}
    if ev.origin != "live":
        figures["listing_captured"] = [len(ev.pages), len(ev.pages) + len(ev.gap_pages)]
        figures["gaps"] = ev.gaps
    return Verdict(not reasons, reasons, figures)
