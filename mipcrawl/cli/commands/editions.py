"""``mipcrawl editions``: each edition with its dates and its events by status."""

from __future__ import annotations

import argparse

from mipcrawl.cli.commands import add_db_option, database_session
from mipcrawl.cli.errors import ExitCode
from storage.queries import editions

STATUSES = ("scheduled", "rescheduled", "cancelled", "withdrawn")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("editions", help="editions with their event counts")
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> ExitCode:
    with database_session(args.db) as session:
        rows = editions(session)
    print(f"{'year':<5} {'name':<34} {'dates':<23} {'events':>6} " + " ".join(f"{s:>11}" for s in STATUSES))
    for row in rows:
        dates = f"{row['start'] or '?'} → {row['end'] or '?'}"
        counts = " ".join(f"{row['by_status'].get(s, 0):>11}" for s in STATUSES)
        print(f"{row['year']:<5} {row['name'][:34]:<34} {dates:<23} {row['events']:>6} {counts}")
    return ExitCode.OK
