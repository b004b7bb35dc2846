"""Upgrade → downgrade → upgrade with data, on SQLite and PostgreSQL: a database at head
holding labs, events linked to them, event revisions and a duplicate goes down past 0007
(labs as entities) and 0006 (dates v2) and up again with nothing lost — every event, every
event revision, every lab page and page revision, the links found again — and the schema
equal to the models. On SQLite the rebuilt tables keep their references (batch mode drops
and renames ``event``: with foreign keys on, the ``DROP`` emptied ``event_revision`` through
its ``ON DELETE CASCADE``, or failed on ``duplicate_of``), and foreign keys are on again
afterwards."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from storage_fixtures import at, crawl, feed, item, recorder
from test_storage_labs import ATLAS, SHEET, page

from models import Base
from pipelines.normalize import normalize_event
from storage.db import make_engine
from storage.migrate import downgrade, downgrade_engine, head_revision, upgrade, upgrade_engine

BEFORE_DATES = "0005"
SNAPSHOT = {
    "events": "select id, url, title, duplicate_of from event order by id",
    "event_revisions": "select id, event_id, change, field from event_revision order by id",
    "runs": "select id, spider, status from crawl_run order by id",
}


def _data(db_url: str) -> None:
    items = [normalize_event(item(1, organiser="Lab'O")), normalize_event(item(2, organiser="L'Escale")),
             normalize_event(item(3, organiser="Région Occitanie"))]
    crawl(db_url, items, when=at(2))
    items[0] = normalize_event(item(1, organiser="Lab'O", title="Rencontre 1 : autre sujet"))
    crawl(db_url, items, when=at(3))
    rec = recorder(db_url, "labs", clock=lambda: at(4))     # links the stored events
    rec.open()
    feed(rec, page(SHEET + "laboratoire-doccitanie-labo", "Lab'O"), page(ATLAS + "labo", "Lab-O"),
         page(SHEET + "laboratoire-de-normandie-escale", "L'Escale", "28"))
    rec.close(finished=True)
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("update event set duplicate_of = 1 where id = 3"))
    engine.dispose()


def _rows(db_url: str, queries: dict[str, str]) -> dict[str, list[tuple]]:
    engine = make_engine(db_url)
    with engine.connect() as conn:
        rows = {name: [tuple(r) for r in conn.execute(text(sql))] for name, sql in queries.items()}
    engine.dispose()
    return rows


def test_down_past_labs_and_dates_and_up_again_keeps_every_row(db_url):
    upgrade(db_url)
    _data(db_url)
    before = _rows(db_url, {**SNAPSHOT,
                            "pages": "select id, url from lab_page order by id",
                            "page_revisions": "select id, page_id, change from lab_revision "
                                              "where page_id is not null order by id",
                            "links": "select e.id, l.key, e.lab_method from event e left join lab l "
                                     "on l.id = e.lab_id order by e.id"})
    assert len(before["event_revisions"]) == 4 and len(before["pages"]) == 3
    assert [key for _, key, _ in before["links"]] == ["laboratoire-doccitanie-labo",
                                                      "laboratoire-de-normandie-escale", None]

    assert downgrade(db_url, BEFORE_DATES) == BEFORE_DATES
    down = _rows(db_url, {**SNAPSHOT, "pages": "select id, url from lab order by id",
                          "page_revisions": "select id, lab_id, change from lab_revision order by id"})
    assert down == {name: before[name] for name in down}      # one lab row per page again, nothing lost
    _references_intact(db_url)

    assert upgrade(db_url) >= "0007"
    after = _rows(db_url, {**SNAPSHOT,
                           "pages": "select id, url from lab_page order by id",
                           "page_revisions": "select id, page_id, change from lab_revision "
                                             "where page_id is not null order by id",
                           "links": "select e.id, l.key, e.lab_method from event e left join lab l "
                                    "on l.id = e.lab_id order by e.id"})
    assert after == before
    _references_intact(db_url)
    engine = make_engine(db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == []


def _references_intact(db_url: str) -> None:
    engine = make_engine(db_url)
    refs = {(fk["referred_table"], tuple(fk["constrained_columns"])) for fk in inspect(engine).get_foreign_keys("event_revision")}
    assert ("event", ("event_id",)) in refs
    own = {fk["referred_table"] for fk in inspect(engine).get_foreign_keys("event")
           if fk["constrained_columns"] == ["duplicate_of"]}
    assert own == {"event"}
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    engine.dispose()


def test_foreign_keys_are_on_again_after_a_migration(db_url):
    """The migration's connection goes back to the pool: on SQLite it must enforce references
    again (a crawl on the same engine relies on the cascades)."""
    engine = make_engine(db_url, pool_size=1) if db_url.startswith("sqlite") else make_engine(db_url)
    upgrade_engine(engine)
    downgrade_engine(engine, BEFORE_DATES)
    upgrade_engine(engine)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("select version_num from alembic_version").scalar() == head_revision()
    engine.dispose()
