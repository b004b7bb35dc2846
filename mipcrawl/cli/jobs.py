"""Turn what the user asked (target, edition) into run scopes to crawl, and refuse bad
requests early with a one-line message: an unknown edition, an unreachable database."""

from __future__ import annotations

import tempfile
from pathlib import Path

from mipcrawl import config
from mipcrawl.cli.errors import CommandError, ExitCode
from mipcrawl.scope import LABS, PROGRAMME, RunScope


def parse_edition(value: str) -> list[int]:
    """The edition years for ``--edition YEAR|all``, or a USAGE error naming the known ones."""
    from mipcrawl.editions import UnknownEdition, select

    try:
        return [edition.year for edition in select(value)]
    except UnknownEdition as exc:
        raise CommandError(str(exc), ExitCode.USAGE) from None


def jobs_for(target: str, edition: str) -> list[RunScope]:
    """The runs for ``crawl [programme|labs|all] --edition YEAR|all``: the labs first (the
    programme's events are linked to the labs known when it runs), then one per edition."""
    if target == LABS and edition != "all":
        raise CommandError("--edition applies to the programme; the labs have no edition", ExitCode.USAGE)
    scopes = []
    if target in (LABS, "all"):
        scopes.append(RunScope.labs())
    if target in (PROGRAMME, "all"):
        scopes += [RunScope.programme(year) for year in parse_edition(edition)]
    return scopes


def check_database(url: str) -> None:
    """Fail at start, with one line, when the database cannot be reached or created."""
    from storage.db import DatabaseUnavailable, check_reachable, make_engine

    try:
        engine = make_engine(url)
        try:
            check_reachable(engine)
        finally:
            engine.dispose()
    except DatabaseUnavailable as exc:
        raise CommandError(str(exc), ExitCode.ERROR) from None


def locations(data_dir: str | None, db: str | None) -> tuple[Path, str]:
    """The data directory (``--data-dir``, ``$MIPCRAWL_DATA_DIR`` or ``./data``), made if
    missing, and the database URL (``--db``, ``$MIPCRAWL_DATABASE_URL`` or the SQLite file
    in that directory). A data directory that cannot be made or written to (read-only) is a
    one-line error."""
    path = Path(data_dir) if data_dir else config.data_dir()
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path, prefix=".mipcrawl-probe-"):
            pass   # a read-only or full file system fails here, not in the middle of a crawl
    except OSError as exc:
        raise CommandError(f"data directory {path} unusable: {exc.strerror or exc}") from None
    return path, config.database_url(db, directory=path)
