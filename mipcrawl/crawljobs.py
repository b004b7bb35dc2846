"""Turn what the user asked (target, edition) into crawl jobs, and refuse bad requests early
with a one-line message: an unknown edition, an unreachable database."""

from __future__ import annotations

from mipcrawl.commands import CommandError, ExitCode
from mipcrawl.runner import CrawlJob


def known_editions() -> list[int]:
    from spiders.editions import EDITIONS

    return sorted(EDITIONS)


def parse_edition(value: str) -> list[int]:
    editions = known_editions()
    if value == "all":
        return editions
    try:
        year = int(value)
    except ValueError:
        raise CommandError(f"edition must be a year or 'all', not {value!r}", ExitCode.USAGE) from None
    if year not in editions:
        raise CommandError(
            f"unknown edition {year}: known editions are {editions[0]}–{editions[-1]}", ExitCode.USAGE
        )
    return [year]


def jobs_for(target: str, edition: str) -> list[CrawlJob]:
    jobs = []
    if target in ("programme", "all"):
        jobs += [CrawlJob("programme", {"edition": str(year)}) for year in parse_edition(edition)]
    if target in ("labs", "all"):
        jobs.append(CrawlJob("labs"))
    return jobs


def check_database(url: str) -> None:
    """Fail at start, with one line, when the database cannot be reached or created."""
    from storage.db import DatabaseUnavailable, check_connection

    try:
        check_connection(url)
    except DatabaseUnavailable as exc:
        raise CommandError(str(exc), ExitCode.ERROR) from None
