"""``mipcrawl reparse [--run RUN_ID | --warc FILE…] [--db URL]``: re-derive events from captures.

Replays archived responses through the same spiders and pipelines with no network
(``mipcrawl.middlewares.archive.replay``), into the same or another database (a new run there). The
spider, edition and base URL come from each file's ``warcinfo`` record. ``--run`` finds
the run's WARC file under ``<data dir>/archive`` (by the ``-run<ID>`` in its name) and
lets the earlier WARCs of the same edition answer what an incremental run did not fetch.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mipcrawl import stats as keys
from mipcrawl.cli.commands import add_db_option, number
from mipcrawl.cli.errors import CommandError, ExitCode
from mipcrawl.cli.terminal import printable
from mipcrawl.scope import RunScope
from storage.urls import redact_url


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("reparse", help="re-derive events from WARC captures, without network",
                       description="Replay archived responses through the spiders and pipelines.")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--run", type=number, metavar="RUN_ID", help="the crawl run whose WARC to replay")
    src.add_argument("--warc", nargs="+", type=Path, metavar="FILE", help="WARC file(s) to replay")
    add_db_option(p, help="database to write into (default: $MIPCRAWL_DATABASE_URL, else the SQLite file in the data dir)")
    p.add_argument("--data-dir", help="where the archive and logs are (default $MIPCRAWL_DATA_DIR or ./data)")
    p.add_argument("--no-progress", action="store_true", help="no live progress line")
    p.set_defaults(func=run)


def _run_files(root: Path, run_id: int) -> list[Path]:
    found = sorted(root.glob(f"*/*-run{run_id}.warc.gz"))
    if not found:
        raise CommandError(f"no WARC file of run {run_id} under {root}", ExitCode.USAGE)
    if len(found) > 1:
        raise CommandError(f"several WARC files for run {run_id}: {', '.join(map(str, found))}; "
                           "use --warc FILE", ExitCode.USAGE)
    return found


def replay_plan(files: list[Path], root: Path, *, with_fallback: bool) -> list[tuple[dict, list[str], list[str]]]:
    """(warcinfo, replayed specs, fallback specs) per file, in order."""
    from mipcrawl.middlewares.archive.reader import archive_files, warcinfo
    from mipcrawl.middlewares.archive.replay import file_spec

    plan = []
    for path in files:
        info, damage = warcinfo(path), _damage(path)
        if not info.get("mipcrawl-spider") or not info.get("mipcrawl-base-url"):
            damaged = f" (and damaged: {damage})" if damage else ""
            raise CommandError(f"{path}: not a mipcrawl WARC (no warcinfo with spider and base URL){damaged}")
        if damage:
            print(f"{path}: damaged WARC ({printable(damage)}): only its intact records are replayed",
                  file=sys.stderr)
        name = _capture_name(path, root)
        fallback = []
        if with_fallback:
            fallback = [file_spec(p, _capture_name(p, root)) for p in archive_files(root, path.parent.name)
                        if p.name < path.name]
        plan.append((info, [file_spec(path, name)], fallback))
    return plan


NO_WARCINFO = "no warcinfo record"


def _damage(path: Path) -> str | None:
    """What is wrong with a WARC file (``archive verify``'s first problem and count), or None."""
    from mipcrawl.middlewares.archive.reader import verify

    problems = [p for p in verify(path).problems if p != NO_WARCINFO]   # that one: not ours, not damaged
    if not problems:
        return None
    more = f" and {len(problems) - 1} more problem(s)" if len(problems) > 1 else ""
    return f"{problems[0]}{more}"


def _capture_name(path: Path, root: Path) -> str:
    try:
        return str(path.absolute().relative_to(root.absolute()))
    except ValueError:
        return str(path)


def run(args: argparse.Namespace) -> int:
    from mipcrawl.cli import jobs as crawljobs
    from mipcrawl.cli import runner

    data_dir, db_url = crawljobs.locations(args.data_dir, args.db)
    root = data_dir / "archive"
    files = _run_files(root, args.run) if args.run is not None else list(args.warc)
    missing = [str(p) for p in files if not p.is_file()]
    if missing:
        raise CommandError(f"no such WARC file: {missing[0]}", ExitCode.USAGE)
    plan = replay_plan(files, root, with_fallback=args.run is not None)
    base_urls = {info["mipcrawl-base-url"] for info, _, _ in plan}
    if len(base_urls) > 1:
        raise CommandError(f"the WARC files come from different sites: {', '.join(sorted(base_urls))}",
                           ExitCode.USAGE)
    jobs = list({_job(info).label: _job(info) for info, _, _ in plan}.values())
    specs = [spec for _, file_specs, _ in plan for spec in file_specs]
    fallback = list(dict.fromkeys(spec for _, _, fb in plan for spec in fb))
    crawljobs.check_database(db_url)
    settings = runner.crawl_settings(
        base_url=base_urls.pop(), db_url=db_url, data_dir=data_dir,
        log_file=runner.default_log_file(data_dir),
        extra={**replay_settings(specs, fallback), **_wayback_settings(plan)})
    print(f"reparsing {len(specs)} WARC file(s) ({', '.join(j.label for j in jobs)}) into "
          f"{redact_url(db_url)}", file=sys.stderr)
    outcomes = runner.run_crawls(jobs, settings, progress=not args.no_progress)
    for outcome in outcomes:
        run_id = outcome.stats.get(keys.RUN_ID)
        replayed = outcome.stats.get("mipcrawl/replay/responses", 0)
        print(f"{outcome.scope.label}: run {run_id} {outcome.status} ({replayed} archived responses replayed)",
              file=sys.stderr)
    return runner.worst_exit_code(outcomes)


def _job(info: dict[str, str]) -> RunScope:
    return RunScope.of(info["mipcrawl-spider"], info.get("mipcrawl-scope", ""))


def replay_settings(specs: list[str], fallback: list[str]) -> dict:
    handler = "mipcrawl.middlewares.archive.replay.ReplayDownloadHandler"
    return {
        "DOWNLOAD_HANDLERS": {"http": handler, "https": handler},
        "MIPCRAWL_REPLAY_WARCS": specs, "MIPCRAWL_REPLAY_FALLBACK": fallback,
        "HTTPCACHE_ENABLED": False, "MIPCRAWL_INCREMENTAL_ENABLED": False,
        "MIPCRAWL_ARCHIVE_ENABLED": False, "ROBOTSTXT_OBEY": False, "RETRY_ENABLED": False,
        "MIPCRAWL_STORE_WITHDRAW": False,   # old captures are no evidence of what the site lists today
        "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0.0, "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    }


def _wayback_settings(plan: list) -> dict[str, str]:
    """A run that read a web archive is replayed through the same archive source: its CDX
    answers and mementos are in the WARC under the archive's URLs (``mipcrawl-wayback-url``)."""
    archives = {(info.get("mipcrawl-wayback-url") or "", info.get("mipcrawl-wayback-at") or "")
                for info, _, _ in plan}
    if len(archives) > 1:
        raise CommandError("the WARC files mix runs of the live site and of web archives: reparse them apart",
                           ExitCode.USAGE)
    url, at = archives.pop() if archives else ("", "")
    return {"MIPCRAWL_WAYBACK_URL": url, "MIPCRAWL_WAYBACK_AT": at} if url else {}
