"""``mipcrawl export --format jsonl|csv [--edition YEAR] [--out PATH]``: one record per event.

The fields are documented in ``storage.export`` (and the README). Without ``--out`` the
records go to stdout; with it, to a temporary file renamed into place when complete.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mipcrawl import config
from mipcrawl.commands import CommandError, ExitCode
from storage.db import StorageError
from storage.export import export
from storage.queries import InvalidQuery, reading


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("export", help="export events as JSON Lines or CSV")
    parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    parser.add_argument("--edition", type=int, metavar="YEAR")
    parser.add_argument("--out", type=Path, metavar="PATH", help="file to write (default: stdout)")
    parser.add_argument("--db", metavar="URL", help="database URL (default: $MIPCRAWL_DATABASE_URL or the SQLite file)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> ExitCode:
    try:
        with reading(config.database_url(args.db)) as session:
            count = export(session, fmt=args.format, out=args.out, edition=args.edition)
    except InvalidQuery as exc:
        raise CommandError(str(exc), ExitCode.USAGE) from exc
    except StorageError as exc:
        raise CommandError(str(exc)) from exc
    except OSError as exc:
        raise CommandError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    if args.out is not None:
        print(f"{count} events written to {args.out}", file=sys.stderr)
    return ExitCode.OK
