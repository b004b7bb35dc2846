"""Golden files: compare extracted data with ``tests/fixtures/golden/<name>``; rewrite them
after an intended change with ``MIPCRAWL_UPDATE_GOLDEN=1`` — never in CI (``CI`` set), where a
golden file that rewrote itself would make its test pass whatever the code does."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

GOLDEN = Path(__file__).parent / "fixtures" / "golden"


class GoldenUpdateRefused(RuntimeError):
    """``MIPCRAWL_UPDATE_GOLDEN`` asked for under CI."""


def updating(env: Mapping[str, str] | None = None) -> bool:
    """Whether golden files are to be rewritten; refused (an error) when ``CI`` is set."""
    env = os.environ if env is None else env
    if not env.get("MIPCRAWL_UPDATE_GOLDEN"):
        return False
    if env.get("CI"):
        raise GoldenUpdateRefused("MIPCRAWL_UPDATE_GOLDEN is refused in CI: golden files are "
                                  "updated on a developer's machine and committed")
    return True


def check_golden(name: str, data) -> None:
    path = GOLDEN / name
    if updating():
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    assert data == json.loads(path.read_text()), f"differs from {path}"
