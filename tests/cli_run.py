"""Run the real ``mipcrawl`` CLI in a child process (one Twisted reactor per crawl)."""

from __future__ import annotations

import os
import subprocess
import sys


def mipcrawl(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mipcrawl.cli", *args], capture_output=True,
                          text=True, timeout=timeout, env=dict(os.environ))
