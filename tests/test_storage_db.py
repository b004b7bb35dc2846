"""Engine, the UTC column type, canonical URLs and clear errors for unreachable databases."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, insert, select, text

from models import UTCDateTime
from storage.db import DatabaseUnavailable, check_reachable, make_engine
from storage.urls import canonical_url

PARIS = ZoneInfo("Europe/Paris")


def test_sqlite_file_gets_its_directory_wal_and_foreign_keys(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'deep' / 'er' / 'x.sqlite'}")
    with engine.connect() as conn:
        assert conn.execute(text("pragma journal_mode")).scalar() == "wal"
        assert conn.execute(text("pragma foreign_keys")).scalar() == 1
    assert (tmp_path / "deep" / "er" / "x.sqlite").exists()
    engine.dispose()


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://bob:hunter2@127.0.0.1:1/nowhere",
        "postgresql://bob:hunter2@127.0.0.1:1/nowhere",
    ],
)
def test_unreachable_database_is_one_line_without_password(url):
    with pytest.raises(DatabaseUnavailable) as err:
        check_reachable(make_engine(url))
    message = str(err.value)
    assert "\n" not in message and "hunter2" not in message
    assert message.startswith("database unreachable at postgresql+psycopg://bob:***@127.0.0.1:1/nowhere")


@pytest.mark.parametrize("url", ["not a url", "mysql+nosuchdriver://h/db"])
def test_unusable_url_is_a_clear_error(url):
    with pytest.raises(DatabaseUnavailable):
        make_engine(url)


def test_utc_datetime_round_trips_as_the_same_instant(db_url):
    engine = make_engine(db_url)
    table = Table("t", MetaData(), Column("id", Integer, primary_key=True), Column("at", UTCDateTime))
    table.create(engine)
    paris = dt.datetime(2026, 11, 3, 9, 30, tzinfo=PARIS)
    with engine.begin() as conn:
        conn.execute(insert(table), [{"id": 1, "at": paris}])
        back = conn.execute(select(table.c.at)).scalar_one()
    assert back == paris and back.tzinfo == dt.UTC and back.hour == 8
    engine.dispose()


def test_utc_datetime_refuses_naive_values(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")
    table = Table("t", MetaData(), Column("id", Integer, primary_key=True), Column("at", UTCDateTime))
    table.create(engine)
    with pytest.raises(Exception, match="naive"), engine.begin() as conn:
        conn.execute(insert(table), [{"id": 1, "at": dt.datetime(2026, 11, 3, 9, 30)}])
    engine.dispose()


URLS = [
    ("HTTPS://WWW.Modernisation.gouv.fr/mois-de-linnovation-publique/atelier/",
     "https://www.modernisation.gouv.fr/mois-de-linnovation-publique/atelier"),
    ("https://www.modernisation.gouv.fr/x?utm_source=news&utm_medium=mail&fbclid=abc",
     "https://www.modernisation.gouv.fr/x"),
    ("https://www.modernisation.gouv.fr/x?page=2&a=1#top", "https://www.modernisation.gouv.fr/x?a=1&page=2"),
    ("https://www.modernisation.gouv.fr:443/x", "https://www.modernisation.gouv.fr/x"),
    ("http://127.0.0.1:8123/x/", "http://127.0.0.1:8123/x"),
    ("https://www.modernisation.gouv.fr/", "https://www.modernisation.gouv.fr/"),
    ("http://[::1]:8000/x/", "http://[::1]:8000/x"),
    ("http://[2001:DB8::1]/x", "http://[2001:db8::1]/x"),
    ("https://[::1]:443/x", "https://[::1]/x"),
]


@pytest.mark.parametrize(("raw", "canonical"), URLS)
def test_a_canonical_url_is_its_own_canonical_form(raw, canonical):
    assert canonical_url(canonical_url(raw)) == canonical


@pytest.mark.parametrize(("raw", "canonical"), URLS)
def test_canonical_url(raw, canonical):
    assert canonical_url(raw) == canonical


@pytest.mark.parametrize("raw", ["mailto:a@b.fr", "/relative/path", "javascript:void(0)", "http://[::1:8000/x"])
def test_canonical_url_refuses_non_http(raw):
    with pytest.raises(ValueError):
        canonical_url(raw)
