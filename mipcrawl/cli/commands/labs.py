"""``mipcrawl labs [--format text|jsonl]``: the laboratoires d'innovation territoriale in the
database, one per lab: its key (the slug of its current sheet), région, year, name, its
other names, its pages (current sheet first) and the events it ran per edition."""

from __future__ import annotations

import argparse
import json

from mipcrawl.cli.commands import add_db_option, database_session
from mipcrawl.cli.errors import ExitCode
from storage.queries import lab_overview


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("labs", help="labs in the database, with their pages, names and events")
    add_db_option(parser)
    parser.add_argument("--format", choices=("text", "jsonl"), default="text")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> ExitCode:
    with database_session(args.db) as session:
        rows = lab_overview(session)
    if args.format == "jsonl":
        for lab in rows:
            events = {str(k): n for k, n in lab["events"].items()}
            print(json.dumps({**lab, "events": events}, ensure_ascii=False))
        return ExitCode.OK
    for lab in rows:
        print(f"{lab['region_code'] or '-':<4} {lab['year_created'] or '-':<5} {lab['name'] or '-'}  [{lab['key']}]"
              f"  {lab['region_text'] or ''}")
        if lab["aliases"]:
            print(f"     also: {', '.join(lab['aliases'])}")
        for page in lab["pages"]:
            print(f"     {page['kind']:<6} {page['url']}")
        events = ", ".join(f"{year}: {n}" for year, n in sorted(lab["events"].items(), key=lambda p: p[0] or 0))
        print(f"     events: {events or 'none linked'}")
    print(f"{len(rows)} labs")
    return ExitCode.OK
