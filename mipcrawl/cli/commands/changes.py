"""``mipcrawl changes [--since RUN_ID|DATE] [--edition YEAR | --labs] [--format text|jsonl]``.

Every change the crawls saw, oldest first: added, changed (field: old → new), rescheduled,
cancelled, withdrawn, reappeared, moved (a re-slugged URL). JSON Lines objects carry
``run_id``, ``at``, ``url`` (the event's current URL), ``change``, ``field``, ``old``,
``new`` and ``edition``, ``title``, ``parser_version``, ``capture_id``. With ``--labs``,
the lab sheets' changes instead (added, changed per field; ``title`` is the lab's name).
"""

from __future__ import annotations

import argparse
import json

from mipcrawl.cli.commands import add_db_option, database_session, year
from mipcrawl.cli.errors import ExitCode
from storage.queries import changes, lab_changes


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("changes", help="what changed between crawls")
    parser.add_argument("--since", metavar="RUN_ID|DATE", help="from this run id, or this day (YYYY-MM-DD, Paris)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--edition", type=year, metavar="YEAR")
    which.add_argument("--labs", action="store_true", help="the lab sheets' changes instead of the events'")
    parser.add_argument("--format", choices=["text", "jsonl"], default="text")
    add_db_option(parser)
    parser.set_defaults(func=run)


def text_line(row: dict) -> str:
    head = f"run {row['run_id']}  {row['at'][:16]}  {row['change']:<11} {row['url']}"
    source = source_note(row)
    if row["change"] == "added":
        return f"{head}  {row['title']!r}{source}"
    return f"{head}  {row['field']}: {row['old']!r} → {row['new']!r}{source}"


def source_note(row: dict) -> str:
    """" (from archive capture of 2019-11-27 03:00 UTC)" for a revision read from a web archive."""
    if row.get("source") != "archive":
        return ""
    when = (row.get("captured_at") or "")[:16].replace("T", " ")
    return f"  (from archive capture of {when} UTC)" if when else "  (from archive)"


def run(args: argparse.Namespace) -> ExitCode:
    with database_session(args.db) as session:
        rows = (lab_changes(session, since=args.since) if args.labs
                else changes(session, since=args.since, edition=args.edition))
    for row in rows:
        print(json.dumps(row, ensure_ascii=False) if args.format == "jsonl" else text_line(row))
    return ExitCode.OK
