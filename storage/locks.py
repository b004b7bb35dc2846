"""A database-level lock per edition, so two crawls of one edition never interleave.

PostgreSQL: session-level advisory locks (``pg_try_advisory_lock``) held on a dedicated
connection for the whole run (``application_name`` "mipcrawl-lock <schema> <holder>"); they
vanish if the process dies — and if that session ends (a server restart, a failover, a
pooler, ``idle_session_timeout``). So ``ensure()``, called before every write batch and
before the run is closed, checks the session still holds them; a lost lock is taken again
on a new session when it is free and no other crawl of those editions began meanwhile
(``others_since``), else ``LockLost``: the run must stop and fail. The key is derived from
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
import logging
import os
import socket
import time
import uuid
from collections.abc import Iterable

from sqlalchemy import Connection, Engine, delete, text, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from mipcrawl.scope import RunScope
from models import RunLock
from storage.db import StorageError
from storage.references import known_edition_years
from storage.upsert import upsert

log = logging.getLogger(__name__)
_POLL_SECONDS = 0.2
HEARTBEAT_EVERY = 30.0


class LockBusy(StorageError):
    """Another crawl holds the lock of an edition this run needs."""


class LockLost(StorageError):
    """The run's lock went with its database session and could not safely be taken again."""


def scope_names(editions: Iterable[int | str]) -> list[str]:
    return sorted(f"edition:{e}" for e in editions)


def lock_scopes(session: Session, scope: RunScope) -> list[str]:
    """The locks a run of ``scope`` takes: its edition, every known one (``all``), or its spider's."""
    if not scope.is_programme:
        return [f"spider:{scope.spider}"]
    if scope.edition is None:
        return scope_names(known_edition_years(session))
    return scope_names([scope.edition])


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
        self._run: tuple[int, str | None, set[int] | None] = (0, None, None)

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
            self._conn.execute(text("select set_config('application_name', :n, false)"),
                               {"n": f"mipcrawl-lock {self._schema} {self.holder}"[:63]})
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

    def set_run(self, run_id: int, *, spider: str | None = None, editions: set[int] | None = None) -> None:
        """The run holding the lock (``ensure`` asks whether another run of ``spider`` on
        ``editions`` began since)."""
        self._run = (run_id, spider, editions)
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

    def ensure(self) -> None:
        """Before a write: the lock is still held. On PostgreSQL a lock whose session ended is
        taken again when free and no other crawl of these editions began since this run
        (``set_run``); otherwise ``LockLost``."""
        if self.engine.dialect.name != "postgresql" or not self._held or self._session_holds():
            return
        lost, self._held = list(self._held), []
        self._drop_connection()
        busy = self._try_all(None)
        if busy is None and not self._others_since():
            log.warning("the edition lock's database session ended; the lock was taken again")
            return
        self.release()
        raise LockLost(f"lost the lock of {', '.join(lost)} (its database session ended) and another "
                       "crawl of it ran or runs meanwhile: run stopped")

    def _others_since(self) -> bool:
        run_id, spider, editions = self._run
        if spider is None:
            return False
        from storage.runs import others_since  # runs imports this module

        with Session(self.engine) as session:
            return others_since(session, run_id, spider, editions)

    def _session_holds(self) -> bool:
        if self._conn is None:
            return False
        try:
            held = self._conn.execute(text("select count(*) from pg_locks where locktype = 'advisory'"
                                           " and pid = pg_backend_pid() and granted")).scalar_one()
            self._conn.commit()
        except SQLAlchemyError:
            return False
        return bool(held >= len(self._held))

    def _drop_connection(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.invalidate()
                conn.close()
            except SQLAlchemyError:
                pass

    def release(self) -> None:
        if self.engine.dialect.name == "postgresql":
            if self._conn is not None:
                try:
                    for scope in self._held:
                        self._conn.execute(text("select pg_advisory_unlock(:k)"), {"k": _pg_key(self._schema, scope)})
                    self._conn.commit()
                except SQLAlchemyError as exc:   # the session is gone, and its locks with it
                    log.warning("edition lock: unlock failed (%s); its session's end released it",
                                str(exc).splitlines()[0])
                self._drop_connection()
        elif self._held:
            with self.engine.begin() as conn:
                conn.execute(delete(RunLock).where(RunLock.scope.in_(self._held), RunLock.holder == self.holder))
        self._held = []
