"""Alembic migrations agree with the models, and upgrade a database holding data intact.

``PREVIOUS``/``HEAD`` name the last two revisions; ``V1`` the first: a database of every
earlier revision must upgrade with its data intact. ``LAB_HISTORY`` (0003),
``TERRITORY_LEVELS`` (0004) and the dates (0006, from ``BEFORE_DATES``) are the revisions
whose data upgrade is checked on its own; labs as entities (0007) in
``tests/test_migrations_labs.py``."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, Table, insert, select
from storage_fixtures import at, crawl, item

from models import Base, CrawlRun, Event
from parsers import PARIS
from pipelines.normalize import normalize_event
from pipelines.records import event_record
from storage.db import make_engine
from storage.migrate import SchemaMismatch, current_revision, ensure_schema, head_revision, upgrade

V1, PREVIOUS, HEAD = "0001", "0006", "0007"
LAB_HISTORY, TERRITORY_LEVELS, BEFORE_DATES = "0003", "0004", "0005"


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
    out = crawl(db_url, [normalize_event(item(1))], when=at(3))
    assert out.counts.get("unchanged") == 1 and not out.counts.get("new")


def test_labs_stored_before_lab_history_upgrade_intact(db_url):
    """0003 adds lab history: labs stored before it keep their rows, and the next change of
    one is recorded."""
    from models import Lab, LabRevision
    from storage.labs import store_labs

    before = f"{int(LAB_HISTORY) - 1:04d}"
    assert upgrade(db_url, before) == before
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
    record = event_record(normalize_event(item(1)), parser_version="0.0.9")
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


# (place text, organiser, what the 0.3 parser stored, what 0004 re-derives)
RENORMALISED = [
    ("Toulouse Métropole", "Toulouse Métropole", {"commune_code": "31555", "commune_name": "Toulouse"},
     {"level": "epci", "epci_code": "243100518", "commune_code": None, "departement_code": "31",
      "region_code": "76", "organiser_kind": "epci", "organiser_level": "epci", "organiser_region_code": "76"}),
    ("Préfecture du Morbihan, Vannes", "Préfecture du Morbihan", {},
     {"level": "venue", "commune_code": "56260", "departement_code": "56", "organiser_kind": "etat",
      "organiser_level": "departement", "organiser_departement_code": "56", "organiser_region_code": "53"}),
    ("77 avenue de Ségur, 75015 Paris", "Conseil départemental du Var", {},
     {"level": "venue", "commune_code": "75056", "organiser_kind": "collectivite",
      "organiser_level": "departement", "organiser_departement_code": "83", "organiser_region_code": "93"}),
    ("En ligne", None, {}, {"level": "online", "commune_code": None, "organiser_kind": None}),
    # no place text: the place columns stored are kept as they were (the new ones stay empty)
    (None, "Région Bretagne", {}, {"level": None, "commune_code": "75056", "organiser_kind": "collectivite",
                                   "organiser_level": "region", "organiser_region_code": "53"}),
]


def test_events_stored_before_territory_levels_are_renormalised_from_their_raw_texts(db_url):
    """0004 adds the territory levels: existing events get them from their stored place and
    organiser texts (stale place codes re-derived with them), keep everything else, and the
    same pages crawled again are unchanged."""
    before = f"{int(TERRITORY_LEVELS) - 1:04d}"
    assert upgrade(db_url, before) == before
    engine = make_engine(db_url)
    items = [normalize_event(item(n, place_text=place, organiser=org, level=None))
             for n, (place, org, _, _) in enumerate(RENORMALISED, start=1)]
    _stored_at(engine, items, [stale for _, _, stale, _ in RENORMALISED], rescheduled=items[0].url)
    assert upgrade(db_url) == HEAD
    with engine.connect() as conn:
        rows = {r.url: r._asdict() for r in conn.execute(select(Event.__table__))}
    engine.dispose()
    for it, (place, org, _, expected) in zip(items, RENORMALISED, strict=True):
        row = rows[it.url]
        assert (row["place_text"], row["organiser"], row["title"], row["parser_version"]) == (
            place, org, it.title, "0.3.0")
        assert {k: row[k] for k in expected} == expected, place
    assert rows[items[0].url]["status"] == "rescheduled"
    out = crawl(db_url, items, when=at(4))
    assert out.counts.get("unchanged") == len(items) and not out.counts.get("changed")


def _stored_at(engine, items, stale, *, rescheduled):
    """Events as a 0.3 crawl stored them (the new columns absent), with its stale values."""
    table = Table("event", MetaData(), autoload_with=engine)
    sqlite = engine.dialect.name == "sqlite"
    stamp = at(2).replace(tzinfo=None) if sqlite else at(2)
    with engine.begin() as conn:
        for it, old in zip(items, stale, strict=True):
            record = {**event_record(it, parser_version="0.3.0"), **old}
            values = {k: v.replace(tzinfo=None) if sqlite and isinstance(v, dt.datetime) else v
                      for k, v in record.items() if k in table.c}
            values["status"] = "rescheduled" if it.url == rescheduled else values["status"]
            conn.execute(insert(table).values(**values, source="ditp", first_seen=stamp, last_seen=stamp))


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


# -- 0006: date precision and clocks; stored events re-read from their date text ----------
DATES_REREAD = [
    # (the page, what the previous parser stored, what 0004 makes of it: start, end UTC, precision, zone)
    (dict(when_text="Le 14 novembre de 9h à 12h", place_text="Fort-de-France", attendance="offline",
          commune_code="97209", departement_code="972", region_code="02"),
     (dt.datetime(2026, 11, 14, 9, tzinfo=PARIS), dt.datetime(2026, 11, 14, 12, tzinfo=PARIS)),
     dt.datetime(2026, 11, 14, 13, tzinfo=dt.UTC), dt.datetime(2026, 11, 14, 16, tzinfo=dt.UTC),
     "minute", "America/Martinique"),
    (dict(when_text="Le 14 novembre de 9h à 12h", place_text="En ligne", attendance="online",
          commune_code=None, departement_code=None, region_code=None),
     (dt.datetime(2026, 11, 14, 9, tzinfo=PARIS), dt.datetime(2026, 11, 14, 12, tzinfo=PARIS)),
     dt.datetime(2026, 11, 14, 8, tzinfo=dt.UTC), dt.datetime(2026, 11, 14, 11, tzinfo=dt.UTC),
     "minute", "Europe/Paris"),
    (dict(when_text="En novembre"), (dt.date(2026, 11, 1), dt.date(2026, 11, 30)),
     dt.datetime(2026, 10, 31, 23, tzinfo=dt.UTC), dt.datetime(2026, 11, 29, 23, tzinfo=dt.UTC),
     "month", "Europe/Paris"),
]


@pytest.mark.parametrize(("page", "before", "start", "end", "precision", "zone"), DATES_REREAD)
def test_stored_events_are_read_again_from_their_date_text(db_url, page, before, start, end, precision, zone):
    """0006 re-reads the stored date text in the event's clock: the exports are right at once,
    and the next crawl of the same page sees no change."""
    normalised = normalize_event(item(1, **page, start=None, end=None), today=at(3).date())
    stale = replace(normalised, start=before[0], end=before[1], slots=[before], date_precision=None,
                    time_zone=None, all_day=not isinstance(before[0], dt.datetime))
    assert upgrade(db_url, BEFORE_DATES) == BEFORE_DATES
    engine = make_engine(db_url)
    _store_before_dates(engine, stale)
    assert upgrade(db_url) == HEAD
    with engine.connect() as conn:
        ev = conn.execute(select(Event.__table__)).one()._asdict()
    engine.dispose()
    assert (ev["start_at"], ev["end_at"], ev["date_precision"], ev["time_zone"]) == (start, end, precision, zone)
    assert ev["parser_version"] == "0.0.9"
    out = crawl(db_url, [normalised], when=at(3))
    assert out.counts.get("unchanged") == 1 and not out.counts.get("changed")


def test_an_event_whose_text_is_now_unreadable_keeps_its_values(db_url):
    assert upgrade(db_url, BEFORE_DATES) == BEFORE_DATES
    engine = make_engine(db_url)
    _store_before_dates(engine, item(1, when_text="Publiée le 3 novembre 2026"))
    assert upgrade(db_url) == HEAD
    with engine.connect() as conn:
        ev = conn.execute(select(Event.__table__)).one()._asdict()
    engine.dispose()
    assert ev["start_at"] == dt.datetime(2026, 11, 3, 8, 30, tzinfo=dt.UTC) and ev["date_precision"] is None


def _store_before_dates(engine, stored):
    """One event row written through the table as 0005 made it (reflected), with the values
    of ``stored`` (an item) as an older parser gave them."""
    event_table = Table("event", MetaData(), autoload_with=engine)
    record = event_record(stored, parser_version="0.0.9")
    sqlite = engine.dialect.name == "sqlite"
    values = {k: v.replace(tzinfo=None) if sqlite and isinstance(v, dt.datetime) else v
              for k, v in record.items() if k in event_table.c}
    stamp = at(2).replace(tzinfo=None) if sqlite else at(2)
    with engine.begin() as conn:
        conn.execute(insert(event_table).values(**values, source="ditp", first_seen=stamp, last_seen=stamp))
