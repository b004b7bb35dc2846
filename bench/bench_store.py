"""Benchmark the store: ingest time per event against the database size, and the cost of a
no-change re-run.

    .venv/bin/python bench/bench_store.py                       # SQLite, sizes 1k 10k 100k
    .venv/bin/python bench/bench_store.py --pg postgresql+psycopg://postgres@127.0.0.1:5432/test

1. For each size N, a fresh database is filled with N events (not timed): 1,000 in the
   current edition, the rest in past editions of 2,000 events each. Then runs ingest
   ``--batch`` new events each into the current edition (timed: add_event + flushes, i.e.
   classification, upserts, revisions); the median of ``--repeat`` runs gives the time per
   event. Target: time(100k) / time(1k) < 1.3. A last line shows the worst case, all N
   events in the current edition.
2. A database holding ``--rerun`` events is crawled again with identical items: the time
   and every row the store wrote, by table (expected: the run record and ``last_seen``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import event as sa_event
from sqlalchemy.engine import Engine

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mipcrawl.items import EventItem  # noqa: E402
from storage.recorder import RunRecorder  # noqa: E402

PARIS = ZoneInfo("Europe/Paris")
BASE = "https://www.modernisation.gouv.fr/mois-de-linnovation-publique"
WORDS = "atelier données design usagers agents sobriété achats participation simplification territoire".split()


def make_item(n: int, tag: str = "", edition: int = 2026) -> EventItem:
    day = 1 + n % 30
    return EventItem(
        url=f"{BASE}/{tag}evenement-{n}", edition=edition, title=f"{WORDS[n % 10]} {WORDS[(n // 10) % 10]} n°{n}",
        status="scheduled", when_text=f"Le {day}/11 de 9h30 à 12h", place_text="Paris",
        start=dt.datetime(edition, 11, day, 9, 30, tzinfo=PARIS), end=dt.datetime(edition, 11, day, 12, tzinfo=PARIS),
        all_day=False, attendance="offline", commune_code=f"{75000 + n % 500}", departement_code="75",
        region_code="11", organiser=f"Organisateur {n % 300}", formats=["atelier"],
    )


def run(url: str, items: list[EventItem], batch: int) -> tuple[float, RunRecorder]:
    rec = RunRecorder(url, spider="programme", scope="2026", batch_size=batch)
    rec.open()
    start = time.perf_counter()
    for it in items:
        rec.add_event(it)
    rec.flush()
    elapsed = time.perf_counter() - start
    rec.close()
    return elapsed, rec


class RowsWritten:
    def __init__(self) -> None:
        self.rows: Counter[str] = Counter()

    def __call__(self, conn, cursor, statement, parameters, context, executemany) -> None:
        words = statement.split()
        verb = words[0].upper() if words else ""
        if verb in ("INSERT", "UPDATE", "DELETE"):
            table = words[2] if verb in ("INSERT", "DELETE") else words[1]
            self.rows[f"{verb} {table.strip(chr(34))}"] += max(cursor.rowcount, 0)


PG_SCHEMAS: list[str] = []


def _pg_execute(pg: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(pg.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(sql)


def fresh_url(kind: str, pg: str | None, tmp: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp / f'{uuid.uuid4().hex}.sqlite'}"
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    _pg_execute(pg, f'create schema "{schema}"')
    PG_SCHEMAS.append(schema)
    return f"{pg}{'&' if '?' in pg else '?'}options=-csearch_path%3D{schema}"


def prefill(n: int, dense: bool) -> list[EventItem]:
    """``n`` stored events: all in the current edition (dense), or 1,000 there and the rest
    in past editions of 2,000 events each (a database that grew year after year)."""
    if dense:
        return [make_item(i) for i in range(n)]
    current = min(n, 1000)
    return [make_item(i) for i in range(current)] + [
        make_item(i, "past-", edition=2025 - (i - current) // 2000) for i in range(current, n)
    ]


def ingest_per_event(kind, pg, tmp, n, batch, repeat, size, dense=False) -> float:
    url = fresh_url(kind, pg, tmp)
    run(url, prefill(n, dense), 1000)
    if kind == "postgresql":   # a long-lived database has planner statistics; a fresh fill not yet
        _pg_execute(url.split("?")[0], f'analyze "{PG_SCHEMAS[-1]}".event')
    times = [run(url, [make_item(i, f"r{r}-") for i in range(batch)], size)[0] for r in range(repeat)]
    return statistics.median(times) / batch


def bench_sizes(kind: str, pg: str | None, tmp: Path, sizes: list[int], batch: int, repeat: int, size: int) -> None:
    per_event = {}
    for n in sizes:
        per_event[n] = ingest_per_event(kind, pg, tmp, n, batch, repeat, size)
        print(f"  {kind:<10} db holds {n:>7} events: ingest {batch} new = {per_event[n] * 1e6:7.1f} µs/event")
    lo, hi = min(sizes), max(sizes)
    print(f"  {kind:<10} ratio {hi}/{lo} = {per_event[hi] / per_event[lo]:.2f} (target < 1.3)")
    dense = ingest_per_event(kind, pg, tmp, hi, batch, 1, size, dense=True)
    print(f"  {kind:<10} (worst case, all {hi} in the current edition: {dense * 1e6:.1f} µs/event —"
          f" the re-slug/duplicate candidates of each new event grow with the edition's density)")


def bench_rerun(kind: str, pg: str | None, tmp: Path, n: int, size: int) -> None:
    url = fresh_url(kind, pg, tmp)
    items = [make_item(i) for i in range(n)]
    first, _ = run(url, items, size)
    counter = RowsWritten()
    sa_event.listen(Engine, "after_cursor_execute", counter)
    try:
        again, rec = run(url, items, size)
    finally:
        sa_event.remove(Engine, "after_cursor_execute", counter)
    written = ", ".join(f"{k}: {v}" for k, v in sorted(counter.rows.items()))
    print(f"  {kind:<10} {n} events: first run {first:.2f} s, no-change re-run {again:.2f} s "
          f"({again / n * 1e6:.0f} µs/event); counts {dict(rec.ctx.counts)}")
    print(f"  {kind:<10} rows written by the re-run: {written}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--batch", type=int, default=2000, help="new events ingested per timed run")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rerun", type=int, default=10000)
    parser.add_argument("--batch-size", type=int, default=200, help="MIPCRAWL_STORE_BATCH_SIZE")
    parser.add_argument("--pg", metavar="URL", help="also run on this PostgreSQL server (a fresh schema each)")
    args = parser.parse_args()
    print("command:", " ".join([Path(sys.executable).name, *sys.argv]))
    kinds = ["sqlite"] + (["postgresql"] if args.pg else [])
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        try:
            for kind in kinds:
                print(f"ingest time per event vs database size ({kind}):")
                bench_sizes(kind, args.pg, Path(tmp), sizes, args.batch, args.repeat, args.batch_size)
                print(f"no-change re-run ({kind}):")
                bench_rerun(kind, args.pg, Path(tmp), args.rerun, args.batch_size)
        finally:
            for schema in PG_SCHEMAS:
                _pg_execute(args.pg, f'drop schema "{schema}" cascade')


if __name__ == "__main__":
    main()
