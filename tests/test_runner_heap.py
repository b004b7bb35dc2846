"""The runner freezes the heap once, when the first spider opens (mipcrawl/cli/runner.py)."""

from __future__ import annotations

import gc

from mipcrawl.cli import runner


def test_the_heap_is_frozen_once_per_process(monkeypatch):
    monkeypatch.setattr(runner, "_heap_frozen", False)
    calls = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "collect", lambda *a: calls.append("collect") or 0)
    runner._freeze_heap_once()
    runner._freeze_heap_once()
    assert calls == ["collect", "freeze"]   # garbage collected first: none of it is frozen
