"""The dialect's ``INSERT … ON CONFLICT`` for SQLite and PostgreSQL, in one place."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def _insert(session: Session | Connection, table: Table) -> Any:
    bind = session if isinstance(session, Connection) else session.get_bind()
    name = bind.dialect.name
    if name == "postgresql":
        return postgresql.insert(table)
    if name == "sqlite":
        return sqlite.insert(table)
    raise ValueError(f"unsupported database dialect {name!r} (SQLite or PostgreSQL)")


def upsert(
    session: Session | Connection,
    table: Table,
    rows: Sequence[dict[str, Any]],
    *,
    key: Sequence[str],
    update: Iterable[str] | None = None,
    returning: Sequence[str] = (),
) -> list[Any]:
    """Insert ``rows``; on a ``key`` conflict update the ``update`` columns (or do nothing).

    One statement for the whole batch (executemany / insertmanyvalues)."""
    if not rows:
        return []
    stmt = _insert(session, table)
    cols = list(update or ())
    if cols:
        stmt = stmt.on_conflict_do_update(
            index_elements=list(key), set_={c: stmt.excluded[c] for c in cols}
        )
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=list(key))
    if returning:
        stmt = stmt.returning(*(table.c[c] for c in returning))
        return list(session.execute(stmt, list(rows)).all())
    session.execute(stmt, list(rows))
    return []
