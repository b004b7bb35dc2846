"""Extraction time per detail page: saved replica pages → HtmlResponse → read_event.

    .venv/bin/python bench/bench_extract.py [--events-per-edition 350] [--site DIR]

Builds a replica (or reads ``--site``), then times the spider's extraction alone (no
network, no pipelines): the parse of the HTML by Scrapy's selector included, as in a crawl.
Prints median, mean and 95th percentile milliseconds per page, per layout.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scrapy.http import HtmlResponse  # noqa: E402

from spiders.extract.item import read_event  # noqa: E402


def pages(site: Path):
    for line in (site / "_truth" / "events.jsonl").read_text().splitlines():
        record = json.loads(line)
        path = site / (record["path"].lstrip("/") + ".html")
        if record["http_status"] == 200 and path.exists():
            yield record["edition"], record["path"], path.read_bytes()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events-per-edition", type=int, default=350)
    parser.add_argument("--site", type=Path)
    args = parser.parse_args()
    site = args.site
    if site is None:
        import replica

        site = replica.build_site(Path(tempfile.mkdtemp()) / "site", events_per_edition=args.events_per_edition)
    timings: dict[str, list[float]] = {"legacy (2019-2020)": [], "dsfr (2021-2026)": []}
    for edition, path, body in pages(site):
        start = time.perf_counter()
        read_event(HtmlResponse(url="http://127.0.0.1" + path, body=body, encoding="utf-8"))
        key = "legacy (2019-2020)" if edition < 2021 else "dsfr (2021-2026)"
        timings[key].append((time.perf_counter() - start) * 1000)
    every = [t for ts in timings.values() for t in ts]
    print(f"command: {' '.join(sys.argv)}")
    for name, ts in [*timings.items(), ("all", every)]:
        if ts:
            p95 = statistics.quantiles(ts, n=20)[-1]
            print(f"{name:20} pages {len(ts):5}  median {statistics.median(ts):.2f} ms  "
                  f"mean {statistics.fmean(ts):.2f} ms  p95 {p95:.2f} ms")


if __name__ == "__main__":
    main()
