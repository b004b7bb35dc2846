"""Shared fixtures: the PostgreSQL server (real, skipped only outside CI) and the replica."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _pg_base_url() -> str:
    return os.environ.get("MIPCRAWL_TEST_DATABASE_URL") or PG_DEFAULT


def _pg_unavailable_reason(url: str) -> str | None:
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - psycopg is a hard dependency
        return f"psycopg not importable: {exc}"
    dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
    try:
        with psycopg.connect(dsn, connect_timeout=3) as conn:
            conn.execute("select 1")
    except Exception as exc:  # noqa: BLE001 - any failure means "no server here"
        return f"PostgreSQL not reachable at {url.split('@')[-1]}: {str(exc).strip().splitlines()[0]}"
    return None


@pytest.fixture(scope="session")
def pg_base_url() -> str:
    """The PostgreSQL test server URL. Skips where absent; fails when MIPCRAWL_REQUIRE_POSTGRES is set (CI)."""
    url = _pg_base_url()
    reason = _pg_unavailable_reason(url)
    if reason:
        if os.environ.get("MIPCRAWL_REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL is required here (MIPCRAWL_REQUIRE_POSTGRES set): {reason}")
        pytest.skip(reason)
    return url


@pytest.fixture
def pg_schema_url(pg_base_url: str) -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped after the test."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    dsn = pg_base_url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'create schema "{schema}"')
    sep = "&" if "?" in pg_base_url else "?"
    yield f"{pg_base_url}{sep}options=-csearch_path%3D{schema}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'drop schema "{schema}" cascade')


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """Run a storage test once on a SQLite file and once on the real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite'}"
    return request.getfixturevalue("pg_schema_url")


# -- the replica (replica/README.md) ------------------------------------------------------

REPLICA_SMALL_EVENTS = 40


@pytest.fixture(scope="session")
def replica_small_site(tmp_path_factory) -> os.PathLike[str]:
    """A replica built once per session: 40 events per edition, day 30, seed 0."""
    import replica

    return replica.build_site(tmp_path_factory.mktemp("replica") / "site",
                              seed=0, events_per_edition=REPLICA_SMALL_EVENTS, day=30)


@pytest.fixture(scope="session")
def replica_small(replica_small_site: os.PathLike[str]) -> Iterator[tuple[str, os.PathLike[str]]]:
    """(base_url, site_dir) of that replica, served for the whole session.

    Shared: do not switch its day or its faults; start your own ``replica.serve(site_dir, …)``
    for that (it takes well under a second).
    """
    import replica

    with replica.serve(replica_small_site) as base_url:
        yield base_url, replica_small_site


@pytest.fixture(autouse=True)
def _dispose_test_engines() -> Iterator[None]:
    """Engines made by ``storage_fixtures.recorder`` are closed after each test (on PostgreSQL
    their idle connections would otherwise pile up until garbage collection)."""
    yield
    from storage_fixtures import ENGINES

    while ENGINES:
        ENGINES.pop().dispose()
