"""``mipcrawl demo``: build and serve the offline replica, crawl every edition and the labs
into the SQLite database, and print a summary."""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from mipcrawl.cli.commands import add_db_option

DEMO_PORT = 8765


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="crawl the offline replica of the DITP site end to end")
    add_db_option(p)
    p.add_argument("--data-dir", help="data directory (default $MIPCRAWL_DATA_DIR or ./data)")
    p.add_argument("--events-per-edition", type=int, default=350)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--day", type=int, default=30, help="day of November 2026 the replica shows (1–30)")
    p.add_argument("--port", type=int, default=DEMO_PORT,
                   help=f"loopback port of the replica (default {DEMO_PORT}): event URLs carry it, so the "
                        "same port lets a re-run be deduplicated against the previous one")
    p.add_argument("--no-progress", action="store_true")
    p.set_defaults(func=run)


@contextlib.contextmanager
def serve_replica(site: Path, *, day: int, port: int) -> Iterator[str]:
    """The replica on ``port``; on a free port, with a warning, when that one is taken."""
    import replica

    with contextlib.ExitStack() as stack:
        try:
            base_url = stack.enter_context(replica.serve(site, day=day, port=port))
        except OSError as exc:
            print(f"port {port} unavailable ({exc.strerror or exc}); serving on a free port — event "
                  "URLs will differ from earlier demo runs on this database", file=sys.stderr)
            base_url = stack.enter_context(replica.serve(site, day=day))
        yield base_url


def run(args: argparse.Namespace) -> int:
    import replica
    from mipcrawl.cli import jobs as crawljobs
    from mipcrawl.cli import runner, summary

    data_dir, db_url = crawljobs.locations(args.data_dir, args.db)
    crawljobs.check_database(db_url)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mipcrawl-replica-") as tmp:
        print(f"building the replica ({args.events_per_edition} events per edition)…", file=sys.stderr)
        site = replica.build_site(
            Path(tmp) / "site", seed=args.seed, events_per_edition=args.events_per_edition, day=args.day
        )
        with serve_replica(site, day=args.day, port=args.port) as base_url:
            print(f"replica served at {base_url}; crawling every edition and the labs", file=sys.stderr)
            settings = runner.crawl_settings(
                base_url=base_url, db_url=db_url, data_dir=data_dir,
                log_file=runner.default_log_file(data_dir),
            )
            outcomes = runner.run_crawls(crawljobs.jobs_for("all", "all"), settings,
                                         progress=not args.no_progress)
    elapsed = time.monotonic() - started
    print(summary.render(outcomes, db_url=db_url, elapsed=elapsed))
    return runner.worst_exit_code(outcomes)
