"""``mipcrawl archive list|verify``: the WARC files of the crawls (``<data dir>/archive``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from mipcrawl import config
from mipcrawl.cli.errors import CommandError, ExitCode


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
            print(f"BAD  {path}: {counts}; {len(report.problems)} problem(s): {report.problems[0]}")
    print(f"{len(files)} file(s), {bad} bad")
    return ExitCode.ERROR if bad else ExitCode.OK
