"""Has the site's layout changed? Per-field coverage and strategy shares of a run, compared
with the last healthy run of the same edition.

Pure. The spider counts, for every event page it parses, which strategy read each field
(``mipcrawl/strategy/<field>/<strategy>``, ``none`` when nothing did). ``figures`` turns those
counts into shares; ``compare`` says what moved:

- a field's **coverage** (pages where it was read) fell by more than ``coverage_drop``;
- a field's **strategy mix** moved by more than ``shift`` (total variation distance: half the
  sum of the share differences — 0 same mix, 1 nothing in common; JSON-LD reading 90 % of
  the dates yesterday and 0 % today is 0.9).

The figures are an edition's own (``mipcrawl/layout/<edition>/<field>/<strategy>``; the
run-wide counts when a run has no per-edition ones). Two runs are compared only when both
read a **comparable sample** of the edition: at least ``min_pages`` event pages, and at least
``min_share`` of the event pages its listing holds (``sample``). A template change rewrites
every page, so the night it happens every page is fetched again and parsed; a run that
parsed only the pages that changed (an incremental night of 304s, the events an older parser
read, a finished edition's few updates) holds a sample chosen by what changed, whose shares
say nothing of the layout. Such a run is not compared and carries its reference forward, so
the next run is compared with a run that read the whole edition.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PREFIX = "mipcrawl/strategy/"
BY_EDITION = "mipcrawl/layout/"
MISSING = ("none", "error")


@dataclass(frozen=True)
class LayoutPolicy:
    shift: float = 0.5
    coverage_drop: float = 0.10
    min_pages: int = 20
    min_share: float = 0.8
    action: str = "warn"          # warn (exit code 6) | fail (the run is partial) | off


def figures(stats: dict[str, Any], edition: int | None = None) -> dict[str, Any]:
    """``{"parsed": N, "fields": {field: {"coverage": c, "strategies": {name: share}}}}`` of
    ``edition``'s pages when the stats count by edition, else of all the run's pages."""
    prefix = f"{BY_EDITION}{edition}/" if edition is not None and _by_edition(stats) else PREFIX
    counts: dict[str, dict[str, int]] = {}
    for key, value in stats.items():
        if not key.startswith(prefix) or not isinstance(value, int):
            continue
        field, _, strategy = key[len(prefix):].partition("/")
        if field.startswith("lab_") or not strategy:
            continue
        counts.setdefault(field, {})[strategy] = value
    parsed = max((sum(c.values()) for c in counts.values()), default=0)
    fields = {}
    for field, by_strategy in sorted(counts.items()):
        total = sum(by_strategy.values())
        shares = {s: round(n / total, 4) for s, n in sorted(by_strategy.items()) if n}
        covered = sum(n for s, n in by_strategy.items() if s not in MISSING)
        fields[field] = {"coverage": round(covered / total, 4), "strategies": shares}
    return {"parsed": parsed, "fields": fields}


def _by_edition(stats: dict[str, Any]) -> bool:
    return any(key.startswith(BY_EDITION) for key in stats)


def with_sample(now: dict[str, Any], listed: int) -> dict[str, Any]:
    """``now`` with ``sample``: the share of the ``listed`` event pages it parsed."""
    return {**now, "sample": round(min(1.0, now["parsed"] / listed), 4) if listed else 0.0}


def comparable(fig: dict[str, Any] | None, policy: LayoutPolicy) -> bool:
    """Did this run read enough of its edition for its shares to describe the layout?"""
    if not fig:
        return False
    return bool(fig.get("parsed", 0) >= policy.min_pages and fig.get("sample", 1.0) >= policy.min_share)


def reference(now: dict[str, Any], previous: dict[str, Any] | None, policy: LayoutPolicy) -> dict[str, Any]:
    """What this run leaves for the next one to be compared with: its own figures when it
    read a comparable sample, else the reference it was itself compared with."""
    if comparable(now, policy) or not previous:
        return now
    return {**previous, "carried": True}


def shift(a: dict[str, float], b: dict[str, float]) -> float:
    """Total variation distance between two strategy mixes."""
    return round(sum(abs(a.get(k, 0.0) - b.get(k, 0.0)) for k in set(a) | set(b)) / 2, 4)


def compare(now: dict[str, Any], before: dict[str, Any] | None, policy: LayoutPolicy) -> list[str]:
    """One line per field whose coverage fell or whose strategy mix moved, by field name."""
    if policy.action == "off" or not before or not (comparable(now, policy) and comparable(before, policy)):
        return []
    lines = []
    for field, fig in now["fields"].items():
        old = before.get("fields", {}).get(field)
        if old is None:
            continue
        if fig["coverage"] < old["coverage"] - policy.coverage_drop:
            lines.append(f"{field} coverage fell from {old['coverage']:.0%} to {fig['coverage']:.0%}")
        moved = shift(fig["strategies"], old["strategies"])
        if moved > policy.shift:
            lines.append(f"{field} strategies moved {moved:.0%} ({_mix(old['strategies'])} → "
                         f"{_mix(fig['strategies'])})")
    return lines


def _mix(shares: dict[str, float], n: int = 3) -> str:
    top = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return ", ".join(f"{name} {share:.0%}" for name, share in top)
