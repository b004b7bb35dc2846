"""The health gate applied to a run: each edition's evidence judged against that edition's
last healthy run (``storage.gate.judge`` holds the rules; this module fetches the history)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from mipcrawl.scope import RunScope
from storage import layout, runs
from storage.gate import EditionEvidence, GatePolicy, judge


def judge_editions(session: Session, scope: RunScope, evidence: dict[int | None, EditionEvidence], *,
                   policy: GatePolicy, run_id: int, unassigned_errors: int, finished: bool,
                   stats: dict[str, Any] | None = None) -> tuple[dict[str, Any], list[int], list[str], list[str]]:
    """(the gate's figures by edition, the healthy editions, the reasons of the others, the
    layout warnings).

    Editions the run only met in passing (an event of another edition linked from this
    edition's listing) are not judged; errors that belong to no edition count against every
    judged one; an edition crawled alone that left no evidence at all is not healthy. The
    edition's field figures (``storage.layout``, from the spider's strategy counts in
    ``stats``, with the share of the listed pages they come from) are compared with the
    edition's last healthy run when both read a comparable sample: a move is a warning, or — with the
    layout policy's action ``fail`` — a reason the edition is not healthy."""
    gate: dict[str, Any] = {}
    healthy: list[int] = []
    reasons: list[str] = []
    warnings: list[str] = []
    for edition, ev in sorted(evidence.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)):
        if edition is None or (scope.edition not in (None, edition) and not ev.pages):
            continue
        ev.errors += unassigned_errors
        previous = runs.last_healthy_figures(session, scope.spider, edition, run_id, ev.origin)
        verdict = judge(ev, previous, policy, finished=finished)
        now = {**layout.with_sample(layout.figures(stats or {}, edition), len(ev.listed_urls)), "run": run_id}
        moved = _layout(verdict.figures, now, previous, policy.layout)
        gate[str(edition)] = verdict.figures
        warnings += [f"{edition}: layout changed: {w}" for w in moved]
        failed = moved if policy.layout.action == "fail" else []
        if verdict.healthy and not failed:
            healthy.append(edition)
        reasons += [f"{edition}: {r}" for r in verdict.reasons]
        reasons += [f"{edition}: layout changed: {w}" for w in failed]
    if scope.edition is not None and scope.key not in gate:
        gate[scope.key] = {"healthy": False, "reasons": ["nothing seen for this edition"]}
        reasons.append(f"{scope.key}: nothing seen for this edition")
    return gate, healthy, reasons, warnings


def _layout(figures: dict[str, Any], now: dict[str, Any], previous: dict[str, Any] | None,
            policy: layout.LayoutPolicy) -> list[str]:
    """Record the run's field figures, what the next run compares with, and what moved."""
    before = (previous or {}).get("layout_reference")
    moved = layout.compare(now, before, policy)
    figures["layout"] = now
    figures["layout_reference"] = layout.reference(now, before, policy)
    figures["layout_warnings"] = moved
    return moved
