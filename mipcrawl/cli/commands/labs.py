"""``mipcrawl labs``: the laboratoires d'innovation territoriale in the database."""

from __future__ import annotations

import argparse

from mipcrawl.cli.commands import add_db_option, database_session
from mipcrawl.cli.errors import ExitCode
from storage.queries import labs


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("labs", help="labs in the database")
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> ExitCode:
    with database_session(args.db) as session:
        rows = labs(session)
    print(f"{'region':<6} {'created':<7} {'name':<28} {'region (as written)':<28} url")
    for lab in rows:
        print(f"{lab.region_code or '-':<6} {lab.year_created or '-':<7} {(lab.name or '-')[:28]:<28} "
              f"{(lab.region_text or '-')[:28]:<28} {lab.url}")
    print(f"{len(rows)} labs")
    return ExitCode.OK
