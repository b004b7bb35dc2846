"""Golden files: compare extracted data with ``tests/fixtures/golden/<name>``; rewrite them
after an intended change with ``MIPCRAWL_UPDATE_GOLDEN=1``."""

from __future__ import annotations

import json
import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "fixtures" / "golden"


def check_golden(name: str, data) -> None:
    path = GOLDEN / name
    if os.environ.get("MIPCRAWL_UPDATE_GOLDEN"):
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    assert data == json.loads(path.read_text()), f"differs from {path}"
