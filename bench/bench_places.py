"""Benchmark parsers.places.parse_place: first-call load time and median µs per call.

Run:  .venv/bin/python bench/bench_places.py [--n 4000]

The strings are the forms organisers write (addresses with postcodes, "à <Commune>",
"<Commune> (<dép>)", venues, Cedex, arrondissements, online/hybrid phrases, half-days),
built from communes drawn across every région with a fixed seed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

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
LOAD = ("import time; t=time.perf_counter(); c=time.process_time(); from parsers.places import parse_place; "
        "parse_place('x'); print(time.perf_counter()-t, time.process_time()-c)")


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=4000)
    args = parser.parse_args()
    loads = [tuple(map(float, subprocess.check_output([sys.executable, "-c", LOAD],
                                                      cwd=Path(__file__).parents[1]).split()))
             for _ in range(3)]
    from parsers.places import parse_place

    texts = realistic(args.n)
    parse_place(texts[0])
    timings, cpu = [], []
    for text in texts:
        start, start_cpu = time.perf_counter_ns(), time.process_time_ns()
        parse_place(text)
        cpu.append(time.process_time_ns() - start_cpu)
        timings.append(time.perf_counter_ns() - start)
    timings.sort()
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"first-call load (fresh interpreter, import + tables + index), best of 3: "
          f"{min(w for w, _ in loads) * 1000:.0f} ms wall, {min(c for _, c in loads) * 1000:.0f} ms CPU")
    print(f"{len(texts)} calls: median {statistics.median(timings) / 1000:.1f} µs "
          f"({statistics.median(cpu) / 1000:.1f} µs CPU), "
          f"p90 {timings[int(len(timings) * 0.9)] / 1000:.1f} µs, max {timings[-1] / 1000:.0f} µs")


if __name__ == "__main__":
    main()
