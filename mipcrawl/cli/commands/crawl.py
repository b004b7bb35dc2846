"""``mipcrawl crawl [programme|labs|all] [--edition YEAR|all] [--base-url URL] [--db URL]``."""

from __future__ import annotations

import argparse
import dataclasses
import sys

from mipcrawl import config
from mipcrawl import stats as keys
from mipcrawl.cli import wayback
from mipcrawl.cli.commands import add_db_option
from mipcrawl.cli.errors import CommandError, ExitCode
from mipcrawl.scope import LABS, PROGRAMME
from storage.urls import redact_url


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "crawl",
        help="crawl the programme and/or the labs into the database",
        description="Crawl the DITP programme (one run per edition) and/or the lab pages.",
    )
    p.add_argument("target", nargs="?", default="all", choices=[PROGRAMME, LABS, "all"])
    p.add_argument("--edition", default="all", help="edition year, or 'all' (default)")
    p.add_argument("--base-url", help=f"site to crawl (default $MIPCRAWL_BASE_URL or {config.REAL_BASE_URL})")
    add_db_option(p)
    p.add_argument("--data-dir", help="where logs and the default database go (default $MIPCRAWL_DATA_DIR or ./data)")
    p.add_argument("--no-progress", action="store_true", help="no live progress line")
    p.add_argument("--resume", action="store_true",
                   help="keep the crawl's state under <data dir>/jobs so an interrupted crawl resumes")
    p.add_argument("--refresh", action="store_true",
                   help="fetch the detail pages of finished editions again (default: only revalidated listings)")
    wayback.add_options(p)
    p.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                   help="extra Scrapy setting (repeatable)")
    add_reporting_options(p)
    p.set_defaults(func=run)


def add_reporting_options(p: argparse.ArgumentParser) -> None:
    """``--notify URL``, ``--notify-on``, ``--metrics-file`` (mipcrawl/cli/reporting.py)."""
    from mipcrawl.cli.notify import NOTIFY_ON

    p.add_argument("--notify", metavar="URL",
                   help="post one JSON message (Slack/Mattermost/Rocket.Chat incoming webhook) "
                        "per invocation (default $MIPCRAWL_NOTIFY_URL)")
    p.add_argument("--notify-on", action="append", choices=NOTIFY_ON,
                   help="when to post (repeatable; default: problems and changes)")
    p.add_argument("--metrics-file", metavar="PATH",
                   help="write the figures in the Prometheus text format (node_exporter textfile collector)")


def parse_settings(pairs: list[str]) -> dict[str, str]:
    """``-s NAME=VALUE`` pairs; a value that cannot be read as the type of the setting's
    default (a number, a boolean, a list or a dict) is a USAGE error before anything runs."""
    from scrapy.settings import Settings

    defaults = Settings()
    defaults.setmodule("mipcrawl.settings")
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise CommandError(f"bad --set {pair!r}: expected NAME=VALUE", ExitCode.USAGE)
        _check_type(name, value, defaults.get(name))
        out[name] = value
    return out


def _check_type(name: str, value: str, default: object) -> None:
    from scrapy.settings import BaseSettings, Settings

    getter = next((g for kind, g in ((bool, "getbool"), (int, "getint"), (float, "getfloat"),
                                     (dict | BaseSettings, "getdict"), (list | tuple, "getlist"))
                   if isinstance(default, kind)), None)   # bool first: a bool is an int
    if getter is None:
        return
    try:
        holder = Settings()
        holder.set(name, value)
        getattr(holder, getter)(name)
    except (ValueError, TypeError) as exc:
        kind = {"getbool": "boolean", "getint": "whole number", "getfloat": "number",
                "getdict": "JSON object", "getlist": "list"}[getter]
        raise CommandError(f"bad --set {name}={value!r}: not a {kind} ({exc})", ExitCode.USAGE) from None


def incremental_settings(args: argparse.Namespace) -> dict[str, bool]:
    """``--resume`` / ``--refresh`` as settings (issue 7; see mipcrawl/middlewares/incremental.py)."""
    return {"MIPCRAWL_RESUME": bool(getattr(args, "resume", False)),
            "MIPCRAWL_REFRESH": bool(getattr(args, "refresh", False))}


def run(args: argparse.Namespace) -> int:
    import time

    from mipcrawl.cli import jobs as crawljobs
    from mipcrawl.cli.reporting import Reporting

    started = time.monotonic()
    base_url = config.base_url(args.base_url)
    reporting = Reporting.from_args(args, site=base_url)
    try:
        data_dir, db_url = crawljobs.locations(args.data_dir, args.db)
        reporting = dataclasses.replace(reporting, db_url=db_url)
        outcomes, code = crawl(args, base_url=base_url, data_dir=data_dir, db_url=db_url)
    except CommandError as exc:
        reporting.finish([], exc.code, elapsed=time.monotonic() - started, failure=str(exc))
        raise
    return reporting.finish(outcomes, code, elapsed=time.monotonic() - started)


def crawl(args: argparse.Namespace, *, base_url: str, data_dir, db_url: str):
    """Crawl what ``args`` asks; (outcomes, exit code)."""
    from mipcrawl.cli import jobs as crawljobs
    from mipcrawl.cli import runner

    problem = config.base_url_problem(base_url)
    if problem:
        raise CommandError(problem, ExitCode.USAGE)
    jobs = crawljobs.jobs_for(args.target, args.edition)
    extra = parse_settings(args.set)
    archive = wayback.archive_settings(args, extra)
    crawljobs.check_database(db_url)
    log_file = runner.default_log_file(data_dir)
    settings = runner.crawl_settings(
        base_url=base_url, db_url=db_url, data_dir=data_dir, log_file=log_file,
        extra={**incremental_settings(args), **archive, **extra},
    )
    source = f"{base_url} as archived at {archive['MIPCRAWL_WAYBACK_URL']}" if archive else base_url
    print(f"crawling {source} into {redact_url(db_url)} (log: {log_file})", file=sys.stderr)
    outcomes = runner.run_crawls(jobs, settings, progress=not args.no_progress)
    for outcome in outcomes:
        reason = f" — {outcome.reason}" if outcome.status != "healthy" and outcome.reason else ""
        run_id = outcome.stats.get(keys.RUN_ID)
        run_txt = f" run {run_id}" if run_id is not None else ""
        print(f"{outcome.scope.label}:{run_txt} {outcome.status}{reason}", file=sys.stderr)
        for warning in outcome.layout_warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if outcome.layout_warnings:
            print(f"  (the site's pages may have changed: mipcrawl runs --detail {run_id}; exit code 6)",
                  file=sys.stderr)
        if archive and run_id is not None and outcome.archive_problem is None:
            print(archive_coverage(db_url, run_id), file=sys.stderr)
    return outcomes, runner.worst_exit_code(outcomes)


def archive_coverage(db_url: str, run_id: int) -> str:
    """How much of the programme the archive held, as a crawl from it found it (one line)."""
    from mipcrawl.cli.commands import database_session
    from storage.queries import run_gaps, run_listing_captured

    with database_session(db_url) as session:
        read, announced = run_listing_captured(session, run_id)
        gaps = run_gaps(session, run_id) or []
    events = sum(1 for g in gaps if g["kind"] != "listing")
    return (f"  from the archive: {read} of {announced} listing page(s) captured, {events} event page(s) "
            f"without a usable capture (the reasons: mipcrawl runs --gaps {run_id})")
