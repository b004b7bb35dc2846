"""``mipcrawl runs [--limit N]``: recent crawl runs with their status, counts and reason;
``mipcrawl runs --gaps RUN_ID``: the pages a crawl from a web archive found no usable
capture of, each with the reason (listing pages first); ``mipcrawl runs --detail RUN_ID``:
one run's record — its gate figures per edition and the per-field coverage and strategy shares
behind the layout-change warning."""

from __future__ import annotations

import argparse

from mipcrawl.cli.commands import add_db_option, database_session, number
from mipcrawl.cli.errors import CommandError, ExitCode
from mipcrawl.cli.run_detail import detail
from storage.queries import recent_runs, run_by_id, run_gaps

HEADER = f"{'run':>5}  {'spider':<9} {'scope':<6} {'status':<8} {'started (UTC)':<16} {'secs':>6}  " \
         f"{'new':>5} {'chg':>5} {'same':>5} {'gone':>5} {'canc':>5} {'back':>5} {'err':>5}  reason"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("runs", help="recent crawl runs with status and counts")
    parser.add_argument("--limit", type=number, default=20, metavar="N")
    parser.add_argument("--gaps", type=number, metavar="RUN_ID",
                        help="the pages that run's archive lacked, with the reasons")
    parser.add_argument("--detail", type=int, metavar="RUN_ID",
                        help="that run's record: gate figures, per-field coverage and strategy shares")
    add_db_option(parser)
    parser.set_defaults(func=run)


def _line(r) -> str:
    secs = f"{(r.finished_at - r.started_at).total_seconds():.0f}" if r.finished_at else "-"
    counts = " ".join(f"{getattr(r, c):>5}" for c in
                      ("new", "changed", "unchanged", "withdrawn", "cancelled", "reappeared", "errors"))
    return (f"{r.id:>5}  {r.spider:<9} {r.scope:<6} {r.status:<8} {r.started_at:%Y-%m-%d %H:%M} {secs:>6}  "
            f"{counts}  {r.reason or ''}")


def _gaps(args: argparse.Namespace) -> ExitCode:
    with database_session(args.db) as session:
        found = run_gaps(session, args.gaps)
    if found is None:
        raise CommandError(f"no run {args.gaps}", ExitCode.USAGE)
    for gap in sorted(found, key=lambda g: (g["kind"] != "listing", g["url"])):
        print(f"{gap['kind']:<8} {gap['url']}  {gap['reason']}")
    return ExitCode.OK


def _detail(args: argparse.Namespace) -> ExitCode:
    with database_session(args.db) as session:
        found = run_by_id(session, args.detail)
        if found is None:
            raise CommandError(f"no run {args.detail}", ExitCode.USAGE)
        print("\n".join(detail(found)))
    return ExitCode.OK


def run(args: argparse.Namespace) -> ExitCode:
    if args.gaps is not None:
        return _gaps(args)
    if args.detail is not None:
        return _detail(args)
    if args.limit < 1:
        raise CommandError("--limit must be at least 1", ExitCode.USAGE)
    with database_session(args.db) as session:
        rows = recent_runs(session, args.limit)
    print(HEADER)
    for r in rows:
        print(_line(r))
    return ExitCode.OK
