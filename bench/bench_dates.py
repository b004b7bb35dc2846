"""Benchmark parsers.dates.parse_when against dateparser.parse(text, languages=['fr']).

    .venv/bin/python bench/bench_dates.py [--rounds N]

Reads bench/date_samples.txt (text, optionally a tab and the edition year), times both
parsers on the same strings in one process (warm: each is called once on every string
first), and prints the median µs per string for each, their ratio, the share of strings
read by the shortcut for the common shapes (parsers.dates.fast) and by the dateparser
fallback, and the import time of parsers.dates measured in a fresh interpreter with
`python -X importtime`. Times are CPU time of this process (time.process_time), the best
of three runs of each string, so that other work on a shared machine weighs less on
either side; the wall-clock median is printed too. Nothing is cached between calls.
Figures only; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers.dates import fast, parse_when  # noqa: E402

SAMPLES = ROOT / "bench" / "date_samples.txt"
TODAY = dt.date(2026, 11, 26)


def load() -> list[tuple[str, int | None]]:
    rows = []
    for line in SAMPLES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, _, year = line.partition("\t")
        rows.append((text, int(year) if year else None))
    return rows


def per_string_us(func, rows, rounds: int, clock=time.process_time) -> list[float]:
    """For each string, the best of three runs of the mean µs of `rounds` calls."""
    out = []
    for row in rows:
        best = float("inf")
        for _ in range(3):
            begin = clock()
            for _ in range(rounds):
                func(row)
            best = min(best, (clock() - begin) / rounds * 1e6)
        out.append(best)
    return out


def shortcut_share(rows) -> int:
    """How many strings parsers.dates.fast reads (the others go through the grammar)."""
    taken = [0]
    read = fast.read

    def counting(*args, **kwargs):
        result = read(*args, **kwargs)
        taken[0] += result is not None
        return result

    fast.read = counting
    try:
        for text, year in rows:
            parse_when(text, year=year, today=TODAY)
    finally:
        fast.read = read
    return taken[0]


def import_ms(runs: int = 5) -> tuple[float, float]:
    """Cumulative import time of parsers.dates in fresh interpreters (ms): best and median."""
    times = []
    for _ in range(runs):
        run = subprocess.run([sys.executable, "-X", "importtime", "-c", "import parsers.dates"],
                             cwd=ROOT, capture_output=True, text=True, check=True)
        line = next(ln for ln in run.stderr.splitlines()
                    if re.search(r"\|\s*parsers\.dates$", ln))
        times.append(int(line.split("|")[1]) / 1000)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="calls per string for parse_when")
    args = parser.parse_args()
    rows = load()

    def ours(row):
        return parse_when(row[0], year=row[1], today=TODAY)

    import dateparser

    def theirs(row):
        return dateparser.parse(row[0], languages=["fr"])

    results = [ours(r) for r in rows]  # warm-up, and the shares below
    for r in rows:
        theirs(r)
    mine = per_string_us(ours, rows, args.rounds)
    other = per_string_us(theirs, rows, max(1, args.rounds // 10))
    wall = per_string_us(ours, rows, args.rounds, time.perf_counter)

    report(args.rounds, rows, results, mine, other)
    print(f"parse_when wall-clock median {statistics.median(wall):.1f} µs/string; "
          f"shortcut share: {shortcut_share(rows)}/{len(rows)}")


def report(rounds: int, rows, results, mine: list[float], other: list[float]) -> None:
    fallback = sum(1 for w in results if w is not None and w.method == "fallback")
    unread = sum(1 for w in results if w is None)
    med_mine, med_other = statistics.median(mine), statistics.median(other)
    print(f"command: {Path(sys.executable).name} bench/bench_dates.py --rounds {rounds}")
    print(f"strings: {len(rows)} from {SAMPLES.relative_to(ROOT)}")
    print(f"parse_when        median {med_mine:8.1f} µs/string   mean {statistics.mean(mine):8.1f}  (CPU)")
    print(f"dateparser.parse  median {med_other:8.1f} µs/string   mean {statistics.mean(other):8.1f}  (CPU)")
    print(f"ratio (dateparser / parse_when): median {med_other / med_mine:.1f}x, "
          f"total {sum(other) / sum(mine):.1f}x")
    print(f"fallback share: {fallback}/{len(rows)} ({fallback / len(rows):.1%}); "
          f"None: {unread}/{len(rows)}")
    best, median = import_ms()
    print(f"import parsers.dates: best {best:.1f} ms, median {median:.1f} ms of 5 fresh "
          "interpreters (python -X importtime, cumulative; includes dataclasses and zoneinfo)")
    print(f"load average while measuring: {os.getloadavg()[0]:.2f} (the machine is shared)")


if __name__ == "__main__":
    main()
