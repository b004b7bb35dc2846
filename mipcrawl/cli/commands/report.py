"""``mipcrawl report --edition YEAR --out report.html`` (one edition) or
``mipcrawl report --editions 2021-2025 --out compare.html`` (a comparison across editions).

One self-contained HTML file (``mipcrawl.exports.report``), figures counted in SQL
(``storage.report_data``), written to a temporary file renamed into place when complete (a device or FIFO in place,
``-`` to stdout: ``mipcrawl.exports.atomic``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from mipcrawl.cli.commands import add_db_option, database_session, year
from mipcrawl.cli.errors import ExitCode
from mipcrawl.exports.atomic import atomic_text
from mipcrawl.exports.report.html import render_comparison, render_edition
from storage.report_data import comparison_report, edition_report


def editions_range(text: str) -> list[int]:
    """"2021-2025" → [2021, …, 2025]; "2019,2021,2024" → those years."""
    try:
        if "-" in text:
            first, last = (year(part) for part in text.split("-", 1))
            years = list(range(first, last + 1))
        else:
            years = sorted({year(part) for part in text.split(",")})
    except (ValueError, argparse.ArgumentTypeError) as exc:
        raise argparse.ArgumentTypeError(f"not a range of years (2021-2025 or 2019,2021): {text!r}") from exc
    if len(years) < 2:
        raise argparse.ArgumentTypeError(f"a comparison needs at least two editions: {text!r}")
    return years


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("report", help="an HTML report of an edition, or a comparison of editions")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--edition", type=year, metavar="YEAR")
    which.add_argument("--editions", type=editions_range, metavar="FIRST-LAST", help="compare editions (2021-2025)")
    parser.add_argument("--out", type=Path, metavar="PATH", required=True, help="HTML file to write ('-': stdout)")
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> ExitCode:
    now = dt.datetime.now(dt.UTC)
    with database_session(args.db, writing_to=args.out) as session:
        if args.edition is not None:
            html = render_edition(edition_report(session, args.edition), generated=now)
        else:
            html = render_comparison(comparison_report(session, args.editions), generated=now)
        with atomic_text(args.out) as handle:
            handle.write(html)
    if str(args.out) != "-":
        print(f"report written to {args.out}", file=sys.stderr)
    return ExitCode.OK
