"""``mipcrawl history URL``: one event's revisions (an old URL of a moved event works too)."""

from __future__ import annotations

import argparse
import json

from mipcrawl.cli.commands import add_db_option, database_session
from mipcrawl.cli.commands.changes import text_line
from mipcrawl.cli.errors import CommandError, ExitCode
from storage.queries import find_event, history


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("history", help="one event's revisions")
    parser.add_argument("url")
    parser.add_argument("--format", choices=["text", "jsonl"], default="text")
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> ExitCode:
    with database_session(args.db) as session:
        event = find_event(session, args.url)
        if event is None:
            raise CommandError(f"no event at {args.url}", ExitCode.ERROR)
        rows = history(session, event)
        print(f"{event.url}  [{event.edition}] {event.title!r}  status={event.status}")
    for row in rows:
        print(json.dumps(row, ensure_ascii=False) if args.format == "jsonl" else "  " + text_line(row))
    return ExitCode.OK
