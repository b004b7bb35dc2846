"""``mipcrawl archive list|verify``: the WARC files of the crawls (``<data dir>/archive``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from mipcrawl import config
from mipcrawl.cli.commands import add_db_option, database_session
from mipcrawl.cli.errors import CommandError, ExitCode
from mipcrawl.cli.terminal import printable


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("archive", help="list or verify the WARC captures of the crawls",
                       description="List or verify the WARC files written by the crawls.")
    verbs = p.add_subparsers(dest="verb", metavar="VERB")
    ls = verbs.add_parser("list", help="one line per WARC file: scope, run, size")
    ls.add_argument("--edition", help="only this scope (an edition year, or 'labs')")
    ls.add_argument("--data-dir", help="default $MIPCRAWL_DATA_DIR or ./data")
    ls.set_defaults(func=run_list)
    ver = verbs.add_parser("verify", help="read every record back with warcio and check its digests")
    ver.add_argument("files", nargs="*", type=Path, help="WARC files (default: every file of the archive)")
    ver.add_argument("--data-dir", help="default $MIPCRAWL_DATA_DIR or ./data")
    ver.set_defaults(func=run_verify)
    pack = verbs.add_parser("pack", help="the WARC files of a run or an edition as one WACZ file")
    pack.add_argument("--edition", help="the WARC files of this scope (an edition year, or 'labs'; default: all)")
    pack.add_argument("--run", type=int, metavar="RUN_ID", help="the WARC file(s) of this run only")
    pack.add_argument("--out", required=True, type=Path, help="the .wacz file to write")
    pack.add_argument("--data-dir", help="default $MIPCRAWL_DATA_DIR or ./data")
    add_db_option(pack)
    pack.set_defaults(func=run_pack)
    p.set_defaults(func=lambda args: _usage(p))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage()
    return ExitCode.USAGE


def archive_root(data_dir: str | None) -> Path:
    return (Path(data_dir) if data_dir else config.data_dir()) / "archive"


def run_list(args: argparse.Namespace) -> int:
    from mipcrawl.middlewares.archive.reader import archive_files, run_id_of

    root = archive_root(args.data_dir)
    files = archive_files(root, args.edition)
    print(f"{'scope':<6} {'run':>5} {'bytes':>10}  file")
    for path in files:
        run = run_id_of(path)
        print(f"{path.parent.name:<6} {run if run is not None else '-':>5} {path.stat().st_size:>10}  "
              f"{path.relative_to(root)}")
    return ExitCode.OK


def run_verify(args: argparse.Namespace) -> int:
    from mipcrawl.middlewares.archive.reader import archive_files, verify

    files = list(args.files) or archive_files(archive_root(args.data_dir))
    missing = [str(p) for p in files if not p.is_file()]
    if missing:
        raise CommandError(f"no such WARC file: {missing[0]}", ExitCode.USAGE)
    bad = 0
    for path in files:
        report = verify(path)
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(report.counts.items()))
        if report.ok:
            print(f"ok   {path}: {counts}")
        else:
            bad += 1
            print(f"BAD  {path}: {counts}; {len(report.problems)} problem(s): {printable(report.problems[0])}")
    print(f"{len(files)} file(s), {bad} bad")
    return ExitCode.ERROR if bad else ExitCode.OK


def run_pack(args: argparse.Namespace) -> int:
    from mipcrawl.middlewares.archive.pack import PackError, event_pages, write_wacz
    from mipcrawl.middlewares.archive.reader import archive_files, run_id_of
    from storage.queries import event_pages as stored_pages

    files = archive_files(archive_root(args.data_dir), args.edition)
    if args.run is not None:
        files = [f for f in files if run_id_of(f) == args.run]
    what = f"run {args.run}" if args.run is not None else f"scope {args.edition or 'all'}"
    if not files:
        raise CommandError(f"no WARC file for {what} in {archive_root(args.data_dir)}", ExitCode.USAGE)
    if args.out.suffix != ".wacz" or args.out.is_dir():
        raise CommandError(f"--out must name a .wacz file, not {args.out}", ExitCode.USAGE)
    if not args.out.parent.is_dir():
        raise CommandError(f"no such directory: {args.out.parent}", ExitCode.ERROR)
    edition = int(args.edition) if args.edition and args.edition.isdigit() else None
    with database_session(args.db) as session:
        titles, chosen = stored_pages(session, edition)
    pages = event_pages(files, titles, chosen)
    try:
        write_wacz(files, pages, args.out, title=f"mipcrawl {what}")
    except PackError as exc:
        raise CommandError(str(exc), ExitCode.ERROR) from None
    print(f"{args.out}: {len(files)} WARC file(s), {len(pages)} event page(s); valid WACZ")
    return ExitCode.OK
