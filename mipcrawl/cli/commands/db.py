"""``mipcrawl db upgrade|current``: apply the Alembic migrations, or say where the schema is."""

from __future__ import annotations

import argparse

from mipcrawl import config
from mipcrawl.cli.commands import add_db_option
from mipcrawl.cli.errors import CommandError, ExitCode
from storage.db import StorageError, check_reachable, make_engine
from storage.migrate import current_revision, head_revision, upgrade
from storage.urls import redact_url


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("db", help="database schema: upgrade, current revision")
    parser.add_argument("action", choices=["upgrade", "current"])
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> ExitCode:
    url = config.database_url(args.db)
    where = redact_url(url)
    try:
        if args.action == "upgrade":
            print(f"{where}: schema at {upgrade(url)} (head)")
            return ExitCode.OK
        engine = make_engine(url)
        try:
            check_reachable(engine)
            rev = current_revision(engine)
        finally:
            engine.dispose()
    except StorageError as exc:
        raise CommandError(str(exc)) from exc
    head = head_revision()
    if rev is None:
        print(f"{where}: empty (no mipcrawl schema; `mipcrawl db upgrade` creates it at {head})")
    elif rev == head:
        print(f"{where}: {rev} (head)")
    else:
        print(f"{where}: {rev}, behind head {head}: run `mipcrawl db upgrade`")
    return ExitCode.OK
