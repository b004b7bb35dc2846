"""The iCalendar export read back with the ``icalendar`` parser: count, UIDs, SEQUENCE,
statuses, times (timed, all-day, multi-day), the VTIMEZONE, and SEQUENCE after a change."""

from __future__ import annotations

import dataclasses
import datetime as dt

import icalendar
import pytest
from export_fixtures import N, build_month, edited_item, url
from storage_fixtures import PARIS, at, crawl, item

from mipcrawl.cli import main
from mipcrawl.exports.ical import uid_for


@pytest.fixture
def month(db_url):
    return build_month(db_url)


def export_ics(db: str, tmp_path, *args: str) -> dict[str, icalendar.Event]:
    out = tmp_path / "feed.ics"
    assert main(["export", "--db", db, "--format", "ics", "--out", str(out), *args]) == 0
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    return {str(ev["url"]): ev for ev in cal.walk("VEVENT")}


def test_every_event_once_with_a_uid_from_its_first_url(month, tmp_path):
    events = export_ics(month, tmp_path)
    assert sorted(events) == sorted(url(n) for n in range(N))
    uids = [str(ev["uid"]) for ev in events.values()]
    assert len(set(uids)) == N
    # the re-slugged event keeps the UID of the URL it was first seen at
    assert str(events[url(2)]["uid"]) == uid_for(url(2).removesuffix("-bis"))
    assert str(events[url(0)]["uid"]) == uid_for(url(0))


def test_statuses_and_sequences(month, tmp_path):
    events = export_ics(month, tmp_path)
    status = {u: str(ev["status"]) for u, ev in events.items()}
    assert sorted(u for u, s in status.items() if s == "CANCELLED") == sorted([url(3), url(10)])
    assert {s for u, s in status.items() if u not in (url(3), url(10))} == {"CONFIRMED"}
    assert "withdrawn" in str(events[url(3)]["comment"]) and "Retiré" in str(events[url(3)]["description"])
    assert "comment" not in events[url(10)]
    seq = {u: int(ev["sequence"]) for u, ev in events.items()}
    # 0: title, 1: start+end in one run, 2: moved, 10: cancelled, 3: withdrawn -> one revising run each
    assert {u for u, s in seq.items() if s == 1} == {url(n) for n in (0, 1, 2, 3, 10)}
    assert {u for u, s in seq.items() if s == 0} == {url(n) for n in range(N) if n not in (0, 1, 2, 3, 10)}


def test_times_in_paris_with_all_day_dates_and_exclusive_end(month, tmp_path):
    events = export_ics(month, tmp_path)
    moved = events[url(1)]
    assert moved["dtstart"].dt == dt.datetime(2026, 11, 20, 14, tzinfo=PARIS)
    assert moved["dtstart"].params["TZID"] == "Europe/Paris"
    assert moved["dtend"].dt == dt.datetime(2026, 11, 20, 16, tzinfo=PARIS)
    one_day, three_days = events[url(8)], events[url(9)]
    assert type(one_day["dtstart"].dt) is dt.date and one_day["dtstart"].dt == dt.date(2026, 11, 5)
    assert one_day["dtend"].dt == dt.date(2026, 11, 6)
    assert (three_days["dtstart"].dt, three_days["dtend"].dt) == (dt.date(2026, 11, 5), dt.date(2026, 11, 8))


def test_calendar_fields_and_timezone(month, tmp_path):
    out = tmp_path / "feed.ics"
    assert main(["export", "--db", month, "--format", "ics", "--out", str(out)]) == 0
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
    rennes = next(ev for ev in cal.walk("VEVENT") if str(ev["url"]) == url(5))
    assert str(rennes["location"]) == "Préfecture, 3 rue Martenot, 35000 Rennes"
    assert rennes["organizer"].params["CN"] == "Etalab"
    assert rennes["last-modified"].dt == at(2) and rennes["categories"].cats == ["atelier"]
    online = next(ev for ev in cal.walk("VEVENT") if str(ev["url"]) == url(4))
    assert str(online["location"]) == "En ligne"


def test_reexport_after_a_change_bumps_only_the_changed_events(month, tmp_path):
    before = {u: int(ev["sequence"]) for u, ev in export_ics(month, tmp_path).items()}
    items = [dataclasses.replace(edited_item(n), title="Rencontre 6 : nouveau titre") if n == 6
             else edited_item(n) for n in range(N) if n != 3]
    crawl(month, items, when=at(5))
    after = {u: int(ev["sequence"]) for u, ev in export_ics(month, tmp_path).items()}
    assert {u for u in after if after[u] != before[u]} == {url(6)}
    assert after[url(6)] == before[url(6)] + 1


def test_region_lab_since_and_date_filters(month, tmp_path):
    assert sorted(export_ics(month, tmp_path, "--region", "Bretagne")) == sorted([url(5), url(11)])
    assert sorted(export_ics(month, tmp_path, "--lab", "TILAB")) == [url(11)]
    assert sorted(export_ics(month, tmp_path, "--since", "3")) == [url(3)]
    assert sorted(export_ics(month, tmp_path, "--since", "2026-11-04")) == [url(3)]
    assert sorted(export_ics(month, tmp_path, "--since", "2026-11-03")) == sorted(url(n) for n in (0, 1, 2, 3, 10))
    # Paris days overlapping 6–7 November: event 4 (6th), 5 (7th) and the all-day 5–7 event 9
    assert sorted(export_ics(month, tmp_path, "--from", "2026-11-06", "--to", "2026-11-07")) == sorted(
        url(n) for n in (4, 5, 9))


def test_overseas_times_keep_their_clock_and_undated_days_are_left_out(db_url, tmp_path):
    """An event held in Martinique at 9h is 9h there (TZID America/Martinique, its VTIMEZONE
    added); an event dated only to its month ("En novembre") is no VEVENT."""
    martinique = dt.datetime(2026, 11, 14, 9, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
    crawl(db_url, [
        item(1, when_text="Le 14 novembre de 9h à 12h", place_text="Fort-de-France", commune_code="97209",
             departement_code="972", region_code="02", time_zone="America/Martinique",
             start=martinique, end=martinique + dt.timedelta(hours=3)),
        item(2, when_text="En novembre", start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30), all_day=True,
             date_precision="month"),
        item(3),
    ], when=at(2))
    out = tmp_path / "feed.ics"
    assert main(["export", "--db", db_url, "--format", "ics", "--out", str(out)]) == 0
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    events = {str(ev["url"]): ev for ev in cal.walk("VEVENT")}
    assert sorted(events) == sorted([url(1), url(3)])
    start = events[url(1)]["dtstart"]
    assert (start.params["TZID"], start.dt.hour, start.dt.astimezone(dt.UTC).hour) == ("America/Martinique", 9, 13)
    assert sorted(str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")) == ["America/Martinique", "Europe/Paris"]
