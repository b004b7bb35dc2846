"""Plain ``scrapy crawl programme -a edition=2024`` (what Scrapyd runs) behaves as
``mipcrawl crawl programme --edition 2024``: the same run record, the same gate, and the
exit code ``mipcrawl crawl`` gives in the run's stats — healthy and partial alike."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAME = ("spider", "scope", "editions", "status", "reason", "new", "changed", "unchanged", "withdrawn",
        "cancelled", "reappeared", "moved", "errors", "gate", "failed_listings")

pytestmark = pytest.mark.e2e


def run_record(db: Path) -> dict:
    """The run, its reason and gate with the page a failure list starts with left out (the
    crawl order decides it), and the listing pages it failed."""
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        [row] = conn.execute("select * from crawl_run").fetchall()
        failed = {r[0] for r in conn.execute("select url from listing_page where not ok")}
    record = {k: re.sub(r"failed: http\S+ \(HTTP \d+\)", "failed: …", row[k] or "")
              if k in ("reason", "gate") else row[k] for k in row.keys()}
    return {**record, "failed_listings": failed}


def stats_exit_code(log: str) -> int:
    found = re.findall(r"'mipcrawl/exit_code': (\d+)", log)
    assert len(found) == 1, log[-3000:]
    return int(found[0])


@pytest.mark.parametrize("fail_rate", [0.0, 0.4])
def test_plain_scrapy_crawl_is_the_mipcrawl_crawl(replica_small, tmp_path, fail_rate):
    import replica

    _, site = replica_small
    with replica.serve(site, fail_rate=fail_rate) as base_url:
        env = {**os.environ, "MIPCRAWL_BASE_URL": base_url, "MIPCRAWL_DATA_DIR": str(tmp_path / "s"),
               "MIPCRAWL_DATABASE_URL": f"sqlite:///{tmp_path / 's.sqlite'}"}
        plain = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "programme", "-a", "edition=2024",
                                "-s", "RETRY_TIMES=0"], cwd=ROOT, env=env, capture_output=True, text=True,
                               timeout=600)
        ours = subprocess.run([sys.executable, "-m", "mipcrawl.cli", "crawl", "programme", "--edition", "2024",
                               "--base-url", base_url, "--db", f"sqlite:///{tmp_path / 'm.sqlite'}",
                               "--data-dir", str(tmp_path / "m"), "--no-progress", "-s", "RETRY_TIMES=0"],
                              env=dict(os.environ), capture_output=True, text=True, timeout=600)
    assert plain.returncode == 0, plain.stderr[-3000:]     # Scrapy's own exit code says nothing of the gate
    scrapy_run, mipcrawl_run = run_record(tmp_path / "s.sqlite"), run_record(tmp_path / "m.sqlite")
    assert {k: scrapy_run[k] for k in SAME} == {k: mipcrawl_run[k] for k in SAME}
    assert scrapy_run["status"] == ("healthy" if not fail_rate else "partial")
    assert bool(scrapy_run["failed_listings"]) is bool(fail_rate)
    [log] = (tmp_path / "m" / "logs").iterdir()
    assert stats_exit_code(plain.stderr) == stats_exit_code(log.read_text()) == ours.returncode
    assert "crawl programme -a edition=2024" in scrapy_run["command"]
