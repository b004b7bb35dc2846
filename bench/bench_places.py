"""Benchmark parsers.places.parse_place: first-call load time and median µs per call.

Run:  .venv/bin/python bench/bench_places.py [--n 4000] [--against DIR] [--rounds 3]

The strings are the forms organisers write (addresses with postcodes, "à <Commune>",
"<Commune> (<dép>)", venues, Cedex, arrondissements, online/hybrid phrases, half-days),
built from communes drawn across every région with a fixed seed.

``--against DIR``: another checkout (e.g. a worktree of the parser before a change) timed in
the same run on the same strings, rounds alternating between the two, each in a fresh
interpreter: on a shared machine only a comparison made at the same moment means something.
The figures are CPU time (``time.process_time``), which other jobs blur less than wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FORMS = (
    "{street}, {pc} {name}",
    "Salle du conseil - {street} - {pc} {name}",
    "à {name}",
    "à {name} ({region})",
    "{name} ({dep})",
    "Médiathèque, {name}",
    "{pc} {upper} CEDEX",
    "Hôtel de ville de {name}",
)
FIXED = (
    "En ligne", "hybride", "En ligne et en présentiel", "Webinaire Zoom https://zoom.us/j/1",
    "Station F", "à Paris (Ségur)", "Paris 15e", "77 Av. de Ségur 75015 Paris",
    "Matin : plénière en hybride ; après-midi : ateliers à Rennes", "Lieu à définir",
    "Préfecture de région de Bretagne, 3 rue Martenot à Rennes, salle 101", "Bruxelles",
)
# wall-clock and CPU time of the first call (the CPU time is what a busy shared machine does not blur)
LOAD = ("import sys, time; sys.path.insert(0, sys.argv[1]); t=time.perf_counter(); c=time.process_time(); "
        "from parsers.places import parse_place; parse_place('x'); "
        "print(time.perf_counter()-t, time.process_time()-c)")
# one round of calls in a fresh interpreter: the per-call CPU and wall times, in ns. The
# commune records are made first, as drawing the strings did in the one-process benchmark.
CALLS = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from parsers import geo
from parsers.places import parse_place
texts = json.load(open(sys.argv[2], encoding="utf-8"))
geo.communes()
parse_place(texts[0])
cpu, wall = [], []
for text in texts:
    start, start_cpu = time.perf_counter_ns(), time.process_time_ns()
    parse_place(text)
    cpu.append(time.process_time_ns() - start_cpu)
    wall.append(time.perf_counter_ns() - start)
print(json.dumps([cpu, wall]))
"""


def realistic(n: int) -> list[str]:
    from parsers import geo

    rng = random.Random(5)
    communes = [c for c in geo.communes() if c.postcodes]
    texts = []
    while len(texts) < n:
        c = rng.choice(communes)
        if rng.random() < 0.15:
            texts.append(rng.choice(FIXED))
            continue
        texts.append(rng.choice(FORMS).format(
            street=f"{rng.randint(1, 120)} rue de la République", pc=c.postcodes[0], name=c.name,
            upper=c.name.upper(), dep=c.departement_code, region=geo.region(c.region_code).name))
    return texts


def _load(checkout: Path) -> tuple[float, float]:
    """Best of 3 (wall, CPU) seconds of the first call in a fresh interpreter."""
    runs = [tuple(map(float, subprocess.check_output([sys.executable, "-c", LOAD, str(checkout)], cwd=checkout)
                      .split())) for _ in range(3)]
    return min(w for w, _ in runs), min(c for _, c in runs)


def _calls(checkout: Path, texts_file: str) -> tuple[list[int], list[int]]:
    out = subprocess.check_output([sys.executable, "-c", CALLS, str(checkout), texts_file], cwd=checkout)
    cpu, wall = json.loads(out)
    return cpu, wall


def _line(name: str, load: tuple[float, float], rounds: list[tuple[list[int], list[int]]]) -> str:
    cpu = sorted(c for r in rounds for c in r[0])
    wall = sorted(w for r in rounds for w in r[1])
    per_round = ", ".join(f"{statistics.median(r[0]) / 1000:.1f}" for r in rounds)
    return (f"{name}: load {load[0] * 1000:.0f} ms wall, {load[1] * 1000:.0f} ms CPU (best of 3); "
            f"{len(cpu)} calls: median {statistics.median(cpu) / 1000:.1f} µs CPU (rounds: {per_round}), "
            f"{statistics.median(wall) / 1000:.1f} µs wall, p90 {cpu[int(len(cpu) * 0.9)] / 1000:.1f} µs CPU, "
            f"max {cpu[-1] / 1000:.0f} µs")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=4000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another checkout to time in the same run")
    args = parser.parse_args()
    checkouts = {"this checkout": ROOT} | ({f"against {args.against}": args.against.resolve()} if args.against else {})
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as handle:
        json.dump(realistic(args.n), handle, ensure_ascii=False)
    try:
        before = os.getloadavg()
        loads = {name: _load(path) for name, path in checkouts.items()}
        rounds: dict[str, list[tuple[list[int], list[int]]]] = {name: [] for name in checkouts}
        for _ in range(args.rounds):   # alternate, so that both meet the same load
            for name, path in checkouts.items():
                rounds[name].append(_calls(path, handle.name))
        after = os.getloadavg()
    finally:
        os.unlink(handle.name)
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"load average before {before[0]:.2f} {before[1]:.2f} {before[2]:.2f}, "
          f"after {after[0]:.2f} {after[1]:.2f} {after[2]:.2f} ({os.cpu_count()} CPUs)")
    for name in checkouts:
        print(_line(name, loads[name], rounds[name]))
    if args.against:
        mine, other = (statistics.median(sorted(c for r in rounds[n] for c in r[0])) for n in checkouts)
        print(f"ratio (this / against), median CPU per call: {mine / other:.2f}")


if __name__ == "__main__":
    main()
