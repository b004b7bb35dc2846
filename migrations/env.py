"""Alembic environment: the URL comes from mipcrawl.config, or a connection handed over by
``storage.migrate`` (``config.attributes["connection"]``). Batch mode is on so that
SQLite can alter tables; ``storage.migrate.migrating`` gives the connection (lock, and on
SQLite foreign keys off while a table is rebuilt) whichever way Alembic is run."""

from __future__ import annotations

from alembic import context

from models import Base
from storage.db import make_engine
from storage.migrate import migrating

target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from mipcrawl.config import database_url

    engine = make_engine(context.config.get_main_option("sqlalchemy.url") or database_url())
    with migrating(engine) as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; use mipcrawl db upgrade")
run_migrations_online()
