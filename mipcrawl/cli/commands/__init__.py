"""CLI subcommands. Each module here defines ``register(subparsers)``; ``mipcrawl.cli``
discovers them, so adding a command never means editing a shared file.

A command's handler returns an exit code (see ``ExitCode``) or raises ``CommandError``
with a one-line message; the CLI prints it to stderr and exits with its code.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mipcrawl.cli.errors import CommandError, ExitCode

DB_HELP = "database URL (default: $MIPCRAWL_DATABASE_URL, else data/mipcrawl.sqlite in the data dir)"


def year(text: str) -> int:
    """An edition year argument (``--edition YEAR``): four digits, or a USAGE error — a number
    no database integer holds never reaches a query."""
    if not (text.strip().isdigit() and len(text.strip()) == 4):
        raise argparse.ArgumentTypeError(f"not an edition year (four digits): {text!r}")
    return int(text)


def number(text: str) -> int:
    """A positive whole-number argument that a database integer (64-bit) can hold (a run id,
    a limit), or a USAGE error."""
    from storage.queries import INT64_MAX

    if not text.strip().isdigit() or not 0 < int(text) <= INT64_MAX:
        raise argparse.ArgumentTypeError(f"not a positive whole number a database holds: {text!r}")
    return int(text)


def add_db_option(parser, help: str = DB_HELP) -> None:  # noqa: A002 - argparse's own word
    """``--db URL``, the same on every command that reads or writes the database."""
    parser.add_argument("--db", metavar="URL", help=help)


@contextlib.contextmanager
def database_session(db: str | None, *, writing_to: Path | None = None) -> Iterator[Any]:
    """A read session on ``--db`` (or the default database) whose failures come out as one
    line: a bad query (unknown edition, bad ``--since``…) as USAGE, an unreachable, empty or
    outdated database as ERROR, and — when the command writes ``writing_to`` — an I/O error."""
    from mipcrawl import config
    from storage.db import StorageError
    from storage.queries import InvalidQuery, reading

    try:
        with reading(config.database_url(db)) as session:
            yield session
    except InvalidQuery as exc:
        raise CommandError(str(exc), ExitCode.USAGE) from exc
    except StorageError as exc:
        raise CommandError(str(exc)) from exc
    except OSError as exc:
        if writing_to is None:
            raise
        raise CommandError(f"cannot write {writing_to}: {exc.strerror or exc}") from exc
