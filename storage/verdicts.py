"""The health gate applied to a run: each edition's evidence judged against that edition's
last healthy run (``storage.gate.judge`` holds the rules; this module fetches the history)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from mipcrawl.scope import RunScope
from storage import runs
from storage.gate import EditionEvidence, GatePolicy, judge


def judge_editions(session: Session, scope: RunScope, evidence: dict[int | None, EditionEvidence], *,
                   policy: GatePolicy, run_id: int, unassigned_errors: int,
                   finished: bool) -> tuple[dict[str, Any], list[int], list[str]]:
    """(the gate's figures by edition, the healthy editions, the reasons of the others).

    Editions the run only met in passing (an event of another edition linked from this
    edition's listing) are not judged; errors that belong to no edition count against every
    judged one; an edition crawled alone that left no evidence at all is not healthy."""
    gate: dict[str, Any] = {}
    healthy: list[int] = []
    reasons: list[str] = []
    for edition, ev in sorted(evidence.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)):
        if edition is None or (scope.edition not in (None, edition) and not ev.pages):
            continue
        ev.errors += unassigned_errors
        previous = runs.last_healthy_figures(session, scope.spider, edition, run_id, ev.origin)
        verdict = judge(ev, previous, policy, finished=finished)
        gate[str(edition)] = verdict.figures
        if verdict.healthy:
            healthy.append(edition)
        reasons += [f"{edition}: {r}" for r in verdict.reasons]
    if scope.edition is not None and scope.key not in gate:
        gate[scope.key] = {"healthy": False, "reasons": ["nothing seen for this edition"]}
        reasons.append(f"{scope.key}: nothing seen for this edition")
    return gate, healthy, reasons
