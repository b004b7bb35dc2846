"""``mipcrawl runs --detail RUN``: one run's record as lines — counts, the health gate's figures
per edition, and the per-field coverage and strategy shares the layout-change check compares
(``storage/layout.py``), with what moved."""

from __future__ import annotations

from typing import Any

from mipcrawl import stats as keys

COUNTS = ("new", "changed", "unchanged", "withdrawn", "cancelled", "reappeared", "moved", "errors")
OTHER_COUNTS = ("relinked", "missing", "duplicates")   # kept in the run's stats (storage.runs.finish_run)


def run_line(r) -> str:
    secs = f"{(r.finished_at - r.started_at).total_seconds():.0f}" if r.finished_at else "-"
    return (f"run {r.id}  {r.spider} {r.scope}  {r.status}  started {r.started_at:%Y-%m-%d %H:%M} UTC, {secs} s"
            + (f"  ({r.reason})" if r.reason else ""))


def detail(r) -> list[str]:
    """The lines of one run's record."""
    lines = [run_line(r), f"command: {r.command or '-'}", f"parser: {r.parser_version or '-'}",
             "counts: " + " · ".join([f"{c} {getattr(r, c)}" for c in COUNTS] + _other_counts(r.stats or {}))]
    for edition, figures in sorted((r.gate or {}).items()):
        lines += _edition(edition, figures)
    return lines


def _other_counts(stats: dict[str, Any]) -> list[str]:
    return [f"{c} {stats[keys.store_count(c)]}" for c in OTHER_COUNTS if keys.store_count(c) in stats]


def _edition(edition: str, f: dict[str, Any]) -> list[str]:
    cov = " · ".join(f"{k} {v:.0%}" for k, v in (f.get("coverage") or {}).items())
    lines = ["", f"edition {edition}: {'healthy' if f.get('healthy') else 'not healthy'}"
                 f" · listed {f.get('listed', '-')} · items {f.get('items', '-')} · listing pages "
                 f"{f.get('pages', '-')} · errors {f.get('errors', '-')}" + (f" · coverage {cov}" if cov else "")]
    lines += [f"  reason: {x}" for x in f.get("reasons") or []]
    layout, reference = f.get("layout"), f.get("layout_reference") or {}
    if layout:
        share = f" ({layout['sample']:.0%} of those listed)" if "sample" in layout else ""
        since = f"; not compared, next run compared with run {reference.get('run')}" if reference.get("carried") else ""
        lines.append(f"  layout: {layout.get('parsed', 0)} event pages parsed{share}{since}")
        lines.append(f"  {'field':<18} {'read':>5}  strategies")
        for name, fig in layout.get("fields", {}).items():
            mix = ", ".join(f"{s} {v:.0%}" for s, v in sorted(fig["strategies"].items(), key=lambda kv: -kv[1]))
            lines.append(f"  {name:<18} {fig['coverage']:>5.0%}  {mix}")
    lines += [f"  layout changed: {w}" for w in f.get("layout_warnings") or []]
    return lines
