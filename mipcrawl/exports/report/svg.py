"""Small inline-SVG charts: horizontal bars, columns, stacked columns and a 100 % share bar.

Every chart is an ``<svg>`` with ``class="chart"``, a ``<title>``, ``data-bars`` (the number
of bars drawn) and one ``<rect class="bar">`` per value, carrying ``data-label`` and
``data-value`` — what the report test counts in the browser. No script, no external asset.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

PALETTE = ("#000091", "#e1000f", "#18753c", "#b34000", "#6a6af4", "#009081", "#a558a0", "#716043")
FONT = 'font-family="Marianne, Arial, sans-serif" font-size="12"'


def _rect(x: float, y: float, w: float, h: float, label: str, value: int, colour: str) -> str:
    return (f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{max(w, 1):.1f}" height="{max(h, 1):.1f}" '
            f'fill="{colour}" data-label="{escape(label)}" data-value="{value}">'
            f'<title>{escape(label)} : {value}</title></rect>')


def _svg(body: list[str], width: int, height: int, title: str, bars: int) -> str:
    return (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" data-bars="{bars}" {FONT}>'
            f'<title>{escape(title)}</title>{"".join(body)}</svg>')


def bar_chart(items: Sequence[tuple[str, int]], *, title: str, width: int = 680, label_width: int = 260) -> str:
    """One horizontal bar per (label, value), longest first as given."""
    row, top = 22, 6
    peak = max((v for _, v in items), default=0) or 1
    span = width - label_width - 50
    body = []
    for i, (label, value) in enumerate(items):
        y = top + i * row
        body.append(f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{escape(label)}</text>')
        body.append(_rect(label_width, y + 3, span * value / peak, row - 6, label, value, PALETTE[0]))
        body.append(f'<text x="{label_width + span * value / peak + 6:.1f}" y="{y + 14}">{value}</text>')
    return _svg(body, width, top * 2 + row * max(len(items), 1), title, len(items))


def column_chart(items: Sequence[tuple[str, int]], *, title: str, height: int = 220, column: int = 22) -> str:
    """One vertical column per (label, value), in the order given (days, editions)."""
    base, top, left = height - 54, 16, 30
    peak = max((v for _, v in items), default=0) or 1
    body = [f'<line x1="{left}" y1="{base}" x2="{left + column * len(items)}" y2="{base}" stroke="#666"/>']
    for i, (label, value) in enumerate(items):
        x, h = left + i * column, (base - top) * value / peak
        body.append(_rect(x + 2, base - h, column - 4, h, label, value, PALETTE[0]))
        body.append(f'<text x="{x + column / 2:.1f}" y="{base - h - 3:.1f}" text-anchor="middle" '
                    f'font-size="9">{value}</text>')
        body.append(f'<text transform="translate({x + column / 2 + 3:.1f},{base + 6}) rotate(60)" '
                    f'font-size="9">{escape(label)}</text>')
    return _svg(body, max(left * 2 + column * len(items), 240), height, title, len(items))


def share_bar(parts: Sequence[tuple[str, int]], *, title: str, width: int = 680) -> str:
    """A single 100 % bar split into one segment per (label, value), with a legend."""
    total = sum(v for _, v in parts) or 1
    body, x = [], 0.0
    for i, (label, value) in enumerate(parts):
        w = (width - 2) * value / total
        body.append(_rect(1 + x, 4, w, 26, label, value, PALETTE[i % len(PALETTE)]))
        legend_x = 1 + i * (width // max(len(parts), 1))
        body.append(f'<rect x="{legend_x}" y="40" width="10" height="10" fill="{PALETTE[i % len(PALETTE)]}"/>'
                    f'<text x="{legend_x + 14}" y="49">{escape(label)} {100 * value / total:.0f} %</text>')
        x += w
    return _svg(body, width, 58, title, len(parts))


def _legend(kinds: Sequence[str], y: int) -> str:
    return "".join(f'<rect x="{30 + i * 110}" y="{y}" width="10" height="10" fill="{PALETTE[i % len(PALETTE)]}"/>'
                   f'<text x="{44 + i * 110}" y="{y + 9}">{escape(k)}</text>' for i, k in enumerate(kinds))


def stacked_columns(items: Sequence[tuple[str, dict[str, int]]], kinds: Sequence[str], *, title: str,
                    height: int = 240, column: int = 26) -> str:
    """One column per (label, {kind: value}), one coloured segment (a bar) per non-zero kind."""
    base, top, left = height - 74, 16, 30
    peak = max((sum(v.values()) for _, v in items), default=0) or 1
    body, bars = [_legend(kinds, height - 14)], 0
    for i, (label, values) in enumerate(items):
        x, y = left + i * column, float(base)
        for k, kind in enumerate(kinds):
            if values.get(kind):
                h = (base - top) * values[kind] / peak
                y -= h
                body.append(_rect(x + 2, y, column - 4, h, f"{label} {kind}", values[kind], PALETTE[k % len(PALETTE)]))
                bars += 1
        body.append(f'<text x="{x + column / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="9">'
                    f'{sum(values.values())}</text>')
        body.append(f'<text transform="translate({x + column / 2 - 3:.1f},{base + 6}) rotate(60)" '
                    f'font-size="9">{escape(label)}</text>')
    return _svg(body, max(left * 2 + column * len(items), 110 * len(kinds) + 40), height, title, bars)
