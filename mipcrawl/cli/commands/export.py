"""``mipcrawl export --format jsonl|csv|ics|jsonld|datapackage [filters] [--out PATH]``.

The jsonl/csv fields are documented in ``mipcrawl.exports.tables`` (and the README); ``ics`` in
``mipcrawl.exports.ical``, ``jsonld`` in ``mipcrawl.exports.jsonld``, ``datapackage`` (a directory of CSV
files and ``datapackage.json``) in ``mipcrawl.exports.datapackage``. Filters (``storage.selection``):
``--edition``, ``--from``/``--to``, ``--region``, ``--lab``, ``--since RUN_ID|DATE``.
Without ``--out`` (or with ``--out -``) the output goes to stdout (not for datapackage); with
it, to a temporary file (or directory) renamed into place when complete — or, for a device or
a FIFO, written in place (``mipcrawl.exports.atomic``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from mipcrawl.cli.commands import add_db_option, database_session, year
from mipcrawl.cli.errors import ExitCode
from mipcrawl.exports.export import FORMATS, export_selection
from storage.selection import Selection


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("export", help="export events (jsonl, csv, ics, jsonld, datapackage)")
    parser.add_argument("--format", choices=list(FORMATS), default="jsonl")
    parser.add_argument("--edition", type=year, metavar="YEAR")
    parser.add_argument("--from", dest="date_from", type=_day, metavar="YYYY-MM-DD", help="events ending on or after")
    parser.add_argument("--to", dest="date_to", type=_day, metavar="YYYY-MM-DD", help="events starting on or before")
    parser.add_argument("--region", metavar="CODE|NAME", help="INSEE région code or name")
    parser.add_argument("--lab", metavar="NAME|KEY|URL", help="events run by this lab (their stored link)")
    parser.add_argument("--since", metavar="RUN_ID|DATE", help="events changed in that run or later, or since that day")
    parser.add_argument("--out", type=Path, metavar="PATH",
                        help="file to write (default or '-': stdout; a device or FIFO is written in place, "
                             "a symbolic link's target replaced); a directory for --format datapackage")
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> ExitCode:
    with database_session(args.db, writing_to=args.out) as session:
        count = export_selection(session, fmt=args.format, out=args.out, selection=_selection(args))
    if args.out is not None and str(args.out) != "-":
        print(f"{count} events written to {args.out}", file=sys.stderr)
    return ExitCode.OK


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def _selection(args: argparse.Namespace) -> Selection:
    return Selection(edition=args.edition, date_from=args.date_from, date_to=args.date_to,
                     region=args.region, lab=args.lab, since=args.since)
