"""Extraction accuracy across layouts nobody wrote by hand: the wild replica, seed by seed.

    .venv/bin/python bench/bench_wild.py [--seeds 20] [--first-seed 0] [--events-per-edition 60]

For each seed S: build the replica with world seed S and layout seed S (every event page,
listing page and lab sheet drawn from orthogonal markup choices), serve it on loopback,
crawl every edition's programme with the real CLI into a fresh SQLite file, export, and
compare with the truth. Prints the per-field accuracy over all seeds (with the floors the
end-to-end test holds), each seed's figures, the worst layout choices (those whose pages
lose a field most often: the cause of a failure) and a few misses per field.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import replica  # noqa: E402
from replica.wild import score as scoring  # noqa: E402

MIPCRAWL = [sys.executable, "-m", "mipcrawl.cli"]


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def crawl_site(site: Path, work: Path) -> list[dict]:
    """Crawl every programme of a served site with the CLI; the exported records."""
    db = f"sqlite:///{work / 'db.sqlite'}"
    with replica.serve(site) as base_url:
        crawl = subprocess.run([*MIPCRAWL, "crawl", "programme", "--base-url", base_url, "--db", db,
                                "--data-dir", str(work), "--no-progress"], capture_output=True, text=True, cwd=ROOT)
    if crawl.returncode not in (0, 3):
        raise SystemExit(f"crawl failed ({crawl.returncode}): {crawl.stderr[-2000:]}")
    out = work / "export.jsonl"
    export = subprocess.run([*MIPCRAWL, "export", "--format", "jsonl", "--db", db, "--out", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    if export.returncode != 0:
        raise SystemExit(f"export failed: {export.stderr[-2000:]}")
    return _jsonl(out)


def score_seed(seed: int, events: int, tmp: Path, plain: bool = False) -> scoring.Score:
    site = replica.build_site(tmp / f"site{seed}", seed=seed, events_per_edition=events,
                              wild=None if plain else seed)
    work = tmp / f"work{seed}"
    work.mkdir()
    exported = crawl_site(site, work)
    layouts = _jsonl(site / "_replica" / "layouts.jsonl")
    return scoring.score(_jsonl(site / "_truth" / "events.jsonl"), exported, layouts)


def report(total: scoring.Score, per_seed: list[tuple[int, scoring.Score]], misses: int,
           args_worst: int = 20) -> None:
    print(scoring.table(total))
    print("\nper seed: " + "  ".join(f"{name}" for name in scoring.FIELDS))
    for seed, s in per_seed:
        print(f"  {seed:3d}  " + "  ".join(f"{s.accuracy(n):6.1%}" for n in scoring.FIELDS))
    print("\nworst layout choices (field lost: choice=value, pages with it, pages that lost the field):")
    for name, choice, value, pages, lost, share in scoring.worst_choices(total, n=args_worst):
        print(f"  {name:11} {choice}={value!r:36} {pages:6d} {lost:6d}  {share:6.1%}")
    for name in scoring.FIELDS:
        if total.misses.get(name):
            print(f"\nmisses: {name}")
            for path, want, got in total.misses[name][:misses]:
                print(f"  {path}: want {want!r} got {got!r}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--events-per-edition", type=int, default=60)
    parser.add_argument("--plain", action="store_true", help="the plain replica, for comparison")
    parser.add_argument("--misses", type=int, default=5, help="misses shown per field")
    parser.add_argument("--worst", type=int, default=20, help="worst layout choices shown")
    args = parser.parse_args()
    print(f"command: {' '.join(sys.argv)}")
    started = time.perf_counter()
    total, per_seed = scoring.Score(), []
    with tempfile.TemporaryDirectory(prefix="bench-wild-") as tmp:
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            s = score_seed(seed, args.events_per_edition, Path(tmp), args.plain)
            per_seed.append((seed, s))
            total.add(s)
    report(total, per_seed, args.misses, args.worst)
    print(f"\n{args.seeds} seeds x {args.events_per_edition} events per edition, "
          f"{total.events} events, {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
