"""A database-level lock per edition, so two crawls of one edition never interleave.

PostgreSQL: session-level advisory locks (``pg_try_advisory_lock``) held on a dedicated
connection for the whole run; they vanish if the process dies. The key is derived from
the current schema and the scope name, so test schemas do not block each other.
SQLite: one ``run_lock`` row per scope, inserted with ``ON CONFLICT DO NOTHING`` and
committed at once; a heartbeat refreshes it, and a row whose heartbeat is older than
``stale_after`` (a crashed crawl) is taken over, and so is a row whose holder was a
process of this host that no longer exists (killed: ``crawl --resume`` right after).

``acquire`` tries for up to ``wait`` seconds, then raises ``LockBusy`` naming the holder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import socket
import time
import uuid
from collections.abc import Iterable

from sqlalchemy import Connection, Engine, delete, text, update

from models import RunLock
from storage.db import StorageError
from storage.upsert import upsert

_POLL_SECONDS = 0.2
HEARTBEAT_EVERY = 30.0


class LockBusy(StorageError):
    """Another crawl holds the lock of an edition this run needs."""


def scope_names(editions: Iterable[int | str]) -> list[str]:
    return sorted(f"edition:{e}" for e in editions)


def _pg_key(schema: str, scope: str) -> int:
    digest = hashlib.blake2b(f"mipcrawl:{schema}:{scope}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class EditionLock:
    def __init__(self, engine: Engine, scopes: list[str], *, holder: str | None = None,
                 stale_after: dt.timedelta = dt.timedelta(minutes=10)) -> None:
        self.engine, self.scopes = engine, scopes
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.stale_after = stale_after
        self._conn: Connection | None = None
        self._held: list[str] = []
        self._beat = time.monotonic()

    def acquire(self, *, wait: float = 0.0, run_id: int | None = None) -> None:
        deadline = time.monotonic() + wait
        while True:
            busy = self._try_all(run_id)
            if busy is None:
                return
            self.release()
            if time.monotonic() >= deadline:
                raise LockBusy(f"another crawl holds the lock of {busy}; try again later")
            time.sleep(_POLL_SECONDS)

    def _try_all(self, run_id: int | None) -> str | None:
        for scope in self.scopes:
            ok = self._try_pg(scope) if self.engine.dialect.name == "postgresql" else self._try_row(scope, run_id)
            if not ok:
                return scope
            self._held.append(scope)
        return None

    def _try_pg(self, scope: str) -> bool:
        if self._conn is None:
            self._conn = self.engine.connect()
            self._schema = self._conn.execute(text("select current_schema()")).scalar_one()
            self._conn.commit()
        got = self._conn.execute(text("select pg_try_advisory_lock(:k)"), {"k": _pg_key(self._schema, scope)})
        ok = bool(got.scalar_one())
        self._conn.commit()
        return ok

    def _try_row(self, scope: str, run_id: int | None) -> bool:
        now = _now()
        with self.engine.begin() as conn:
            conn.execute(delete(RunLock).where(RunLock.scope == scope,
                                               RunLock.heartbeat_at < now - self.stale_after))
            self._drop_if_holder_dead(conn, scope)
            row = {"scope": scope, "run_id": run_id, "holder": self.holder, "acquired_at": now, "heartbeat_at": now}
            upsert(conn, RunLock.__table__, [row], key=["scope"])
            holder = conn.execute(text("select holder from run_lock where scope = :s"), {"s": scope}).scalar()
        return holder == self.holder

    def _drop_if_holder_dead(self, conn: Connection, scope: str) -> None:
        """A lock held by a process of this host that no longer exists (killed) is taken over at once."""
        holder = conn.execute(text("select holder from run_lock where scope = :s"), {"s": scope}).scalar()
        host, _, rest = (holder or "").partition(":")
        pid = rest.partition(":")[0]
        if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
            return
        conn.execute(delete(RunLock).where(RunLock.scope == scope, RunLock.holder == holder))

    def set_run(self, run_id: int) -> None:
        if self.engine.dialect.name != "postgresql" and self._held:
            with self.engine.begin() as conn:
                conn.execute(update(RunLock).where(RunLock.scope.in_(self._held)).values(run_id=run_id))

    def heartbeat(self) -> None:
        """Refresh the SQLite lock rows (at most every ``HEARTBEAT_EVERY`` seconds)."""
        if time.monotonic() - self._beat < HEARTBEAT_EVERY:
            return
        self._beat = time.monotonic()
        if self.engine.dialect.name != "postgresql" and self._held:
            with self.engine.begin() as conn:
                conn.execute(update(RunLock).where(RunLock.scope.in_(self._held), RunLock.holder == self.holder)
                             .values(heartbeat_at=_now()))

    def release(self) -> None:
        if self.engine.dialect.name == "postgresql":
            if self._conn is not None:
                for scope in self._held:
                    self._conn.execute(text("select pg_advisory_unlock(:k)"), {"k": _pg_key(self._schema, scope)})
                self._conn.commit()
                self._conn.close()
                self._conn = None
        elif self._held:
            with self.engine.begin() as conn:
                conn.execute(delete(RunLock).where(RunLock.scope.in_(self._held), RunLock.holder == self.holder))
        self._held = []
