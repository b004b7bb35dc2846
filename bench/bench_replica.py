"""Replica build time, peak memory and server throughput.

    .venv/bin/python bench/bench_replica.py                      # default site (350 events/edition)
    .venv/bin/python bench/bench_replica.py --events 20000 --no-serve

Prints: build wall/CPU time and peak RSS (the build streams pages to disk, so memory stays
flat as the site grows), then requests/s for full 200s and for 304 revalidations over one
keep-alive connection and over 8 concurrent connections.
"""

from __future__ import annotations

import argparse
import http.client
import json
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import replica  # noqa: E402


def _fetch_all(base: str, paths: list[str], etags: dict[str, str] | None) -> dict[str, str]:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    seen = {}
    for path in paths:
        headers = {"If-None-Match": etags[path]} if etags else {}
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        seen[path] = response.getheader("ETag") or ""
    conn.close()
    return seen


def _rate(label: str, base: str, paths: list[str], etags=None, threads: int = 1) -> dict:
    chunks = [paths[i::threads] for i in range(threads)]
    results: list[dict] = [{} for _ in chunks]

    def work(i: int) -> None:
        results[i] = _fetch_all(base, chunks[i], etags)

    started = time.perf_counter()
    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - started
    print(f"  {label:<38} {len(paths):>6} requests  {len(paths) / elapsed:>8.0f} req/s")
    return {k: v for r in results for k, v in r.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=350)
    parser.add_argument("--no-serve", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cpu0, wall0 = time.process_time(), time.perf_counter()
        site = replica.build_site(Path(tmp) / "site", events_per_edition=args.events)
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20
        print(f"build {args.events} events/edition x 8 editions: {wall:.2f} s wall, {cpu:.2f} s CPU, "
              f"peak RSS {rss:.0f} MB, site {size:.0f} MB")
        if args.no_serve:
            return
        events = [json.loads(x)["path"] for x in (site / "_truth" / "events.jsonl").read_text().splitlines()]
        with replica.serve(site) as base:
            etags = _rate("200s, 1 keep-alive connection", base, events)
            _rate("304s, 1 keep-alive connection", base, events, etags)
            _rate("200s, 8 connections", base, events, threads=8)
            stats = replica.stats(base)
            print(f"  server counted {stats['requests']} requests, {stats['not_modified']} 304s")


if __name__ == "__main__":
    main()
