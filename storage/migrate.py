"""Alembic, driven from code: ``upgrade(url)``, ``downgrade(url, revision)``, ``current(url)``,
``ensure_schema(engine)``.

The URL never goes through alembic.ini (configparser would choke on ``%`` and the
password would sit in a config object): we hand Alembic an open connection. On
PostgreSQL the upgrade holds a transaction-level advisory lock, on SQLite a
``BEGIN IMMEDIATE`` write lock, so two processes finding an empty database at once do not
both create it.

``ensure_schema`` is what a crawl calls: an empty database is upgraded to head; a
database at head is left alone; one behind (or ahead) raises ``SchemaMismatch`` asking
for ``mipcrawl db upgrade`` — a crawl never migrates a database holding data by itself.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import shutil
import tempfile
from collections.abc import Callable, Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

from storage.db import StorageError, check_reachable, make_engine

_MIGRATE_LOCK_KEY = 0x6D6970637261776C  # "mipcrawl"


class SchemaMismatch(StorageError):
    """The database schema is not the one this version of mipcrawl expects."""


@functools.cache
def script_location() -> Path:
    """The migrations directory. Installed as files it is used in place; inside a zipped
    egg (a Scrapyd deployment), Alembic, which reads a directory, gets a copy in a
    temporary directory made once per process and removed at exit."""
    location = files("migrations")
    if isinstance(location, Path):
        return location
    copy = Path(tempfile.mkdtemp(prefix="mipcrawl-migrations-")) / "migrations"
    atexit.register(shutil.rmtree, copy.parent, True)
    _copy_tree(location, copy)
    return copy


def _copy_tree(source: Traversable, target: Path) -> None:
    target.mkdir()
    for entry in source.iterdir():
        if entry.is_dir():
            if entry.name != "__pycache__":
                _copy_tree(entry, target / entry.name)
        elif not entry.name.endswith((".pyc", ".pyo")):
            (target / entry.name).write_bytes(entry.read_bytes())


def alembic_config(connection: Connection | None = None) -> Config:
    location = script_location()
    cfg = Config(str(location / "alembic.ini"))
    cfg.set_main_option("script_location", str(location))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextlib.contextmanager
def migrating(engine: Engine) -> Iterator[Connection]:
    """A connection to migrate on, committed at the end, under a database lock (PostgreSQL
    advisory lock, SQLite ``BEGIN IMMEDIATE``): a second process waits, then finds the work done.

    On SQLite, foreign keys are off while the migrations run (Alembic's batch mode rebuilds a
    table by dropping it, and the implicit ``DELETE`` of a ``DROP TABLE`` would fail on a
    reference — or, through ``ON DELETE CASCADE``, empty ``event_revision`` with ``event``);
    the pragma is a no-op inside a transaction, so it is set before the lock is taken. Before
    committing, ``PRAGMA foreign_key_check`` must find nothing broken, or the migration is
    rolled back; foreign keys are on again when the connection goes back to the pool."""
    check_reachable(engine)
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.execute(text("select pg_advisory_xact_lock(:k)"), {"k": _MIGRATE_LOCK_KEY})
        try:
            yield conn
            if sqlite:
                _check_foreign_keys(conn)
            conn.commit()
        finally:
            if sqlite:
                conn.rollback()
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")


def _check_foreign_keys(conn: Connection) -> None:
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        table, rowid, parent, _ = broken[0]
        raise StorageError(f"migration left {len(broken)} broken reference(s), e.g. {table} row {rowid} "
                             f"→ {parent}; rolled back")


def upgrade_engine(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database to ``revision`` (see ``migrating``)."""
    with migrating(engine) as conn:
        command.upgrade(alembic_config(conn), revision)


def downgrade_engine(engine: Engine, revision: str) -> None:
    """Downgrade the database to ``revision`` (see ``migrating``)."""
    with migrating(engine) as conn:
        command.downgrade(alembic_config(conn), revision)


def upgrade(url: str, revision: str = "head") -> str | None:
    """Upgrade the database at ``url`` and return its revision afterwards."""
    return _migrate_url(url, upgrade_engine, revision)


def downgrade(url: str, revision: str) -> str | None:
    """Downgrade the database at ``url`` and return its revision afterwards."""
    return _migrate_url(url, downgrade_engine, revision)


def _migrate_url(url: str, step: Callable[[Engine, str], None], revision: str) -> str | None:
    engine = make_engine(url)
    try:
        step(engine, revision)
        return current_revision(engine)
    finally:
        engine.dispose()


def ensure_schema(engine: Engine) -> None:
    """Create the schema on an empty database; refuse a database at another revision."""
    check_reachable(engine)
    rev = current_revision(engine)
    if rev is None:
        tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
        if tables:
            raise SchemaMismatch(f"database has tables {sorted(tables)[:3]}… but no migration record")
        upgrade_engine(engine)
        return
    head = head_revision()
    if rev != head:
        raise SchemaMismatch(f"database schema is at {rev}, this mipcrawl needs {head}: run `mipcrawl db upgrade`")
