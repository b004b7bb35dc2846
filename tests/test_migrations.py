"""Alembic migrations agree with the models, and upgrade a database holding data intact.

``PREVIOUS``/``HEAD`` name the last two revisions; ``V1`` the first: a database of every
earlier revision must upgrade with its data intact."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, Table, insert, select
from storage_fixtures import at, crawl, item

from models import Base, CrawlRun, Event
from pipelines.records import event_record
from storage.db import make_engine
from storage.migrate import SchemaMismatch, current_revision, ensure_schema, head_revision, upgrade

V1, PREVIOUS, HEAD = "0001", "0002", "0003"


def test_head_is_the_latest_migration():
    assert head_revision() == HEAD


def test_models_and_migrations_agree(db_url):
    assert upgrade(db_url) == HEAD
    engine = make_engine(db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == []


def test_first_revision_upgrades_with_data_intact(db_url):
    assert upgrade(db_url, V1) == V1
    engine = make_engine(db_url)
    record = _v1_data(engine)
    assert upgrade(db_url) == HEAD
    with engine.connect() as conn:
        ev = conn.execute(select(Event.__table__)).one()._asdict()
        run = conn.execute(select(CrawlRun.__table__)).one()._asdict()
    engine.dispose()
    assert ev["url"] == record["url"] and ev["title"] == record["title"]
    assert ev["start_at"] == dt.datetime(2026, 11, 3, 8, 30, tzinfo=dt.UTC)
    assert ev["last_changed"] == at(2) and ev["withdrawn_at"] is None and ev["duplicate_of"] is None
    assert (run["status"], run["new"], run["withdrawn"], run["moved"], run["gate"]) == ("healthy", 1, 0, 0, None)
    # and the upgraded database keeps working: the same event crawled again is unchanged
    out = crawl(db_url, [item(1)], when=at(3))
    assert out.counts.get("unchanged") == 1 and not out.counts.get("new")


def test_previous_revision_upgrades_with_its_labs_intact(db_url):
    """0003 adds lab history: labs stored before it keep their rows, and the next change of
    one is recorded."""
    from models import Lab, LabRevision
    from storage.labs import store_labs

    assert upgrade(db_url, PREVIOUS) == PREVIOUS
    engine = make_engine(db_url)
    lab_table = Table("lab", MetaData(), autoload_with=engine)
    stamp = at(2).replace(tzinfo=None) if engine.dialect.name == "sqlite" else at(2)
    lab = {"url": "https://example.org/lab-x", "name": "Lab X", "region_code": "53", "content_hash": "h0",
           "first_seen": stamp, "last_seen": stamp}
    with engine.begin() as conn:
        conn.execute(insert(lab_table).values(**lab))
    assert upgrade(db_url) == HEAD
    with engine.begin() as conn:
        assert conn.execute(select(Lab.name, Lab.region_code)).one() == ("Lab X", "53")
    from sqlalchemy.orm import Session

    with Session(engine) as session, session.begin():
        counts = store_labs(session, [{"url": lab["url"], "name": "Lab X", "region_code": "52",
                                       "content_hash": "h1", "capture_id": None}], at(3))
    with engine.connect() as conn:
        revs = conn.execute(select(LabRevision.change, LabRevision.field, LabRevision.old, LabRevision.new)).all()
    engine.dispose()
    assert counts["changed"] == 1
    assert [tuple(r) for r in revs] == [("changed", "region_code", "53", "52")]


def _v1_data(engine):
    """One run and one event, written through the tables as 0001 made them (reflected)."""
    old = MetaData()
    run_table = Table("crawl_run", old, autoload_with=engine)
    event_table = Table("event", old, autoload_with=engine)
    record = event_record(item(1), parser_version="0.0.9")
    utc = {k: v.replace(tzinfo=None) if engine.dialect.name == "sqlite" and isinstance(v, dt.datetime) else v
           for k, v in record.items() if k in event_table.c}
    stamp = at(2).replace(tzinfo=None) if engine.dialect.name == "sqlite" else at(2)
    with engine.begin() as conn:
        run_id = conn.execute(insert(run_table).values(
            spider="programme", scope="2026", editions=[2026], started_at=stamp, finished_at=stamp,
            status="healthy", new=1, changed=0, unchanged=0, errors=0)).inserted_primary_key[0]
        conn.execute(insert(event_table).values(
            **utc, source="ditp", first_seen=stamp, last_seen=stamp, first_run_id=run_id, last_run_id=run_id))
    return record


def test_crawl_refuses_a_database_behind_the_code(db_url):
    upgrade(db_url, PREVIOUS)
    engine = make_engine(db_url)
    with pytest.raises(SchemaMismatch, match="mipcrawl db upgrade"):
        ensure_schema(engine)
    engine.dispose()


def test_crawl_creates_the_schema_on_an_empty_database(db_url):
    engine = make_engine(db_url)
    assert current_revision(engine) is None
    ensure_schema(engine)
    assert current_revision(engine) == HEAD
    engine.dispose()
