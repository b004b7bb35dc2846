"""Engine and session factory.

``make_engine(url)`` gives an engine that behaves the same way on both supported
databases: SQLite files get their parent directory created, WAL journalling, foreign keys
on, a busy timeout, a 64 MiB page cache and memory-mapped reads; PostgreSQL goes through psycopg 3 (a bare
``postgresql://`` URL is read as ``postgresql+psycopg://``). ``check_reachable`` turns any connection failure into
``DatabaseUnavailable`` whose message is one line with the password redacted.

Sessions come from ``make_session_factory``; repositories receive a session and never
commit — the caller (a unit of work, the pipeline's batch flush) owns commit/rollback.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from storage.urls import redact_url

SQLITE_BUSY_TIMEOUT_MS = 30_000
SQLITE_CACHE_KIB = 64 * 1024
SQLITE_MMAP_BYTES = 256 * 1024 * 1024


class StorageError(Exception):
    """Base of the storage errors a command reports as one line."""


class DatabaseUnavailable(StorageError):
    """The database cannot be reached or opened; the message is one line, password-free."""


class DatabaseFailed(StorageError):
    """The database failed a query (a damaged file, a lost server…); one line."""


def first_line(exc: BaseException) -> str:
    """The first line of what a database error says (the driver's message when there is one)."""
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def parse_url(url: str) -> URL:
    """``url`` as SQLAlchemy reads it, or ``DatabaseUnavailable`` (a malformed host or port…)."""
    try:
        return make_url(normalise_url(url))
    except (ArgumentError, ValueError) as exc:
        raise DatabaseUnavailable(f"not a database URL: {redact_url(url)} ({exc})") from None


def normalise_url(url: str) -> str:
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")   # the default 2 MiB thrashes past ~10k events
    cur.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")     # a new connection reads the OS cache in place
    _set_wal(cur)
    cur.close()


def _set_wal(cur: Any) -> None:
    """WAL persists in the file; switching needs a moment alone with it, which the busy
    handler does not wait for, so a process racing another over a new file retries."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if cur.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases and in-memory ones)."""
    parsed = parse_url(url)
    database = parsed.database if parsed.get_backend_name() == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser()


def make_engine(url: str, *, create: bool = True, **kwargs: Any) -> Engine:
    """An engine for ``url`` (see the module docstring). Raises ``DatabaseUnavailable``.

    ``create=False`` leaves a missing SQLite directory alone (for read-only commands)."""
    url = normalise_url(url)
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        if path is not None and create:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseUnavailable(f"cannot create {path.parent}: {exc.strerror or exc}") from exc
    else:
        kwargs.setdefault("pool_pre_ping", True)
        kwargs.setdefault("connect_args", {"connect_timeout": 5})
    try:
        engine = create_engine(parsed, **kwargs)
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise DatabaseUnavailable(f"unsupported database URL {redact_url(url)}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def check_reachable(engine: Engine) -> None:
    """Open one connection or raise ``DatabaseUnavailable`` with a one-line reason."""
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except SQLAlchemyError as exc:
        reason = first_line(exc)
        where = redact_url(engine.url.render_as_string(hide_password=False))
        raise DatabaseUnavailable(f"database unreachable at {where}: {reason}") from exc


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
