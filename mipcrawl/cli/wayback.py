"""``crawl --from-archive``: the Scrapy settings of a crawl that reads a web archive, and how
its failure to start is told (one line, an exit code)."""

from __future__ import annotations

import argparse
from typing import Any

from mipcrawl import config
from mipcrawl.cli.errors import CommandError, ExitCode

WAYBACK = "https://web.archive.org"


def add_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from-archive", action="store_true",
                   help="read the programme from a web archive's captures (past editions)")
    p.add_argument("--at", metavar="YYYYMMDD",
                   help="with --from-archive: read the captures nearest that day (default: the "
                        "capture that best represents the finished programme)")
    p.add_argument("--archive-url", metavar="URL",
                   help=f"with --from-archive: the Wayback Machine to ask (default {WAYBACK})")


def archive_settings(args: argparse.Namespace, extra: dict[str, str]) -> dict[str, Any]:
    """The settings of ``--from-archive`` (none without it); bad combinations are USAGE errors."""
    if not args.from_archive:
        if args.at or args.archive_url:
            raise CommandError("--at and --archive-url go with --from-archive", ExitCode.USAGE)
        return {}
    if args.target != "programme":
        raise CommandError("--from-archive reads the programme: use 'crawl programme'", ExitCode.USAGE)
    url = (args.archive_url or WAYBACK).rstrip("/")
    if config.base_url_problem(url):
        raise CommandError(f"--archive-url must be an http(s) URL with a host, not {url!r}", ExitCode.USAGE)
    if args.at:
        from mipcrawl.middlewares.archive.captures import at_date

        try:
            at_date(args.at)
        except ValueError as exc:
            raise CommandError(str(exc), ExitCode.USAGE) from None
    rate = _rate(extra.get("MIPCRAWL_WAYBACK_RATE", "1.0"))
    return {
        **config.politeness(url),            # a loopback archive (the replica) has no AutoThrottle
        "MIPCRAWL_WAYBACK_URL": url, "MIPCRAWL_WAYBACK_AT": args.at,
        "MIPCRAWL_STORE_WITHDRAW": False,    # old captures say nothing of what the site lists today
        "ROBOTSTXT_OBEY": False,             # the archive's crawler obeyed the site's robots.txt
        "DOWNLOAD_DELAY": 1 / rate, "DOWNLOAD_DELAY_JITTER": 0.0, "RANDOMIZE_DOWNLOAD_DELAY": False,
        "CONCURRENT_REQUESTS": 1, "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    }


def _rate(text: str) -> float:
    try:
        rate = float(text)
    except ValueError:
        rate = 0.0
    if not rate > 0:
        raise CommandError(f"MIPCRAWL_WAYBACK_RATE must be a positive number, not {text!r}", ExitCode.USAGE)
    return rate


def wayback_problem(stats: dict[str, Any]) -> tuple[ExitCode, str] | None:
    """(exit code, one line) of an archive crawl that found nothing to crawl, else None."""
    url = stats.get("mipcrawl/wayback/url")
    if not url:
        return None
    if stats.get("mipcrawl/wayback/fatal"):
        return ExitCode.ERROR, str(stats["mipcrawl/wayback/fatal"])
    if not stats.get("mipcrawl/wayback/answers"):
        error = stats.get("mipcrawl/wayback/last_error") or "no answer"
        return ExitCode.ERROR, f"the archive at {url} did not answer ({error})"
    if stats.get("mipcrawl/wayback/nothing"):
        return ExitCode.NOT_ARCHIVED, f"the archive at {url} holds no capture of the programme: {stats['mipcrawl/wayback/nothing']}"
    return None
