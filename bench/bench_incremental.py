"""Benchmark incremental crawling: a first crawl and a re-crawl of an unchanged replica.

    .venv/bin/python bench/bench_incremental.py                 # default replica, every edition + labs
    .venv/bin/python bench/bench_incremental.py --events 40 --target programme

Builds the replica (default: 350 events per edition, day 30), serves it on loopback,
runs ``mipcrawl crawl`` twice into a fresh SQLite database and data directory (so the
HTTP cache and the WARC archive start empty), and prints for each crawl: wall time,
requests and 304s as the replica counted them (``/_replica/stats``), body bytes received
(``mipcrawl/archive/bytes``: what came over the wire) and the runs' new/unchanged counts.
Issue 7's targets: re-crawl 304 share ≥ 95 %, nothing new stored, re-crawl wall time ≤ half
the first.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import replica  # noqa: E402


def crawl(base_url: str, work: Path, target: str) -> tuple[float, subprocess.CompletedProcess]:
    cmd = [sys.executable, "-m", "mipcrawl.cli", "crawl", target, "--base-url", base_url,
           "--db", f"sqlite:///{work / 'db.sqlite'}", "--data-dir", str(work), "--no-progress"]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    return time.perf_counter() - start, done


def run_figures(work: Path, after_id: int) -> dict:
    with sqlite3.connect(work / "db.sqlite") as conn:
        rows = conn.execute("select id, new, changed, unchanged, status, stats from crawl_run where id > ?",
                            (after_id,)).fetchall()
    stats = [json.loads(s) for *_, s in rows]
    return {"last_id": max(r[0] for r in rows), "runs": len(rows),
            "healthy": sum(r[4] == "healthy" for r in rows),
            "new": sum(r[1] for r in rows), "changed": sum(r[2] for r in rows),
            "unchanged": sum(r[3] for r in rows),
            # body bytes that came over the wire (the WARC writer sits next to the network;
            # Scrapy's downloader/response_bytes also counts the cached bodies a 304 revalidates)
            "bytes": sum(s.get("mipcrawl/archive/bytes", 0) for s in stats),
            "parsed": sum(s.get("mipcrawl/items/event", 0) for s in stats)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=350, help="events per edition (default 350)")
    ap.add_argument("--target", default="all", choices=["all", "programme", "labs"])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-incremental-") as tmp:
        tmp_path = Path(tmp)
        site = replica.build_site(tmp_path / "site", seed=0, events_per_edition=args.events, day=30)
        work = tmp_path / "work"
        results = []
        with replica.serve(site) as base_url:
            last_id = 0
            for name in ("first crawl", "re-crawl"):
                replica.reset_stats(base_url)
                wall, done = crawl(base_url, work, args.target)
                if done.returncode != 0:
                    print(f"{name} failed (exit {done.returncode}):\n{done.stderr[-2000:]}", file=sys.stderr)
                    return 1
                served = replica.stats(base_url)
                figures = run_figures(work, last_id)
                last_id = figures["last_id"]
                results.append((name, wall, served, figures))
    print(f"command: .venv/bin/python bench/bench_incremental.py --events {args.events} --target {args.target}")
    print(f"{'':12} {'wall s':>7} {'requests':>9} {'304':>6} {'304 %':>6} {'bytes':>11} "
          f"{'parsed':>7} {'new':>5} {'chg':>5} {'same':>6} {'healthy':>8}")
    for name, wall, served, f in results:
        share = served["not_modified"] / served["requests"] if served["requests"] else 0.0
        print(f"{name:12} {wall:7.2f} {served['requests']:9d} {served['not_modified']:6d} {share:6.1%} "
              f"{f['bytes']:11d} {f['parsed']:7d} {f['new']:5d} {f['changed']:5d} {f['unchanged']:6d} "
              f"{f['healthy']:>4}/{f['runs']}")
    ratio = results[1][1] / results[0][1]
    print(f"re-crawl / first wall time: {ratio:.2f} (target <= 0.50)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
