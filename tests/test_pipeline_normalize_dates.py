"""pipelines.normalize: the date text is read after the place, in the event's clock, and
keeps its precision; a text that gives no date says why in the warnings."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from mipcrawl.items import EventItem
from pipelines.normalize import normalize_event, unparsed_fields

TODAY = dt.date(2026, 11, 26)


def _item(when: str, place: str | None) -> EventItem:
    return EventItem(url="https://www.modernisation.gouv.fr/mois-de-linnovation-publique/x", edition=2026,
                     title="Atelier", when_text=when, place_text=place)


CLOCKS = [
    # (place, when, zone, local hour) — the venue's clock in person overseas, Paris online
    ("Préfecture, 1 rue X, 97200 Fort-de-France", "Le 14 novembre de 9h à 12h", "America/Martinique", 9),
    ("Hybride : Saint-Denis (La Réunion)", "Le 14 novembre de 9h à 12h", "Indian/Reunion", 9),
    ("12 rue de la Paix, 97300 Cayenne", "Jeudi 19 novembre, 14h-16h", "America/Cayenne", 14),
    ("Mamoudzou (976)", "le 20/11 à 8h30", "Indian/Mayotte", 8),
    ("Nouméa", "le 24 novembre à 17h", "Pacific/Noumea", 17),
    ("En ligne", "Le 14 novembre de 9h à 12h", "Europe/Paris", 9),
    ("77 avenue de Ségur, 75015 Paris", "Le 14 novembre de 9h à 12h", "Europe/Paris", 9),
    (None, "Le 14 novembre de 9h à 12h", "Europe/Paris", 9),
    ("En ligne", "Le 14 novembre à 9h (heure de La Réunion)", "Indian/Reunion", 9),
    ("Préfecture, 1 rue X, 97200 Fort-de-France", "Le 14 novembre à 14h heure de Paris", "Europe/Paris", 14),
]


@pytest.mark.parametrize(("place", "when", "zone", "hour"), CLOCKS)
def test_times_are_read_in_the_events_clock(place, when, zone, hour):
    item = normalize_event(_item(when, place), today=TODAY)
    assert item.time_zone == zone and item.date_precision == "minute"
    assert item.start.hour == hour and item.start.utcoffset() == item.start.astimezone(ZoneInfo(zone)).utcoffset()
    assert [s for s, _ in item.slots] == [item.start]


@pytest.mark.parametrize(("when", "precision", "start", "end"), [
    ("En novembre", "month", dt.date(2026, 11, 1), dt.date(2026, 11, 30)),
    ("les 7, 14 et 21 novembre", "day", dt.date(2026, 11, 7), dt.date(2026, 11, 21)),
    ("au premier trimestre 2027", "quarter", dt.date(2027, 1, 1), dt.date(2027, 3, 31)),
])
def test_precision_is_kept(when, precision, start, end):
    item = normalize_event(_item(when, "En ligne"), today=TODAY)
    assert (item.date_precision, item.start, item.end, item.all_day) == (precision, start, end, True)


def test_a_text_without_a_date_is_kept_raw_counted_and_says_why():
    item = normalize_event(_item("mardi de 14h à 17h", "En ligne"), today=None)
    assert item.start is None and item.date_precision is None and unparsed_fields(item) == ["when"]
    assert item.date_warnings and "weekday" in item.date_warnings[0]


MACHINE_CLOCKS = [
    # (place, written, the page's machine date, zone, local start hour) — the machine date's
    # overseas offset names the clock only when no place gives one and the hours agree with it
    ("En ligne", "Le 14 novembre de 9h à 12h", "2026-11-14T09:00:00+04:00", "Indian/Reunion", 9),
    (None, "jeudi 19 novembre, 14h-16h", "2026-11-19T14:00:00-03:00", "America/Cayenne", 14),
    ("En ligne", "Le 14 novembre à 9h", "2026-11-14T08:00:00+00:00", "Europe/Paris", 9),       # UTC: no clock
    ("En ligne", "Le 14 novembre à 9h", "2026-11-14T10:00:00+04:00", "Europe/Paris", 9),       # hours disagree
    ("77 avenue de Ségur, 75015 Paris", "Le 14 novembre à 9h", "2026-11-14T09:00:00+04:00", "Europe/Paris", 9),
    ("12 rue de la Paix, 97300 Cayenne", "Le 14 novembre à 9h", "2026-11-14T09:00:00+04:00",
     "America/Cayenne", 9),                                                                     # the venue's clock
]


@pytest.mark.parametrize(("place", "when", "machine", "zone", "hour"), MACHINE_CLOCKS)
def test_a_machine_date_names_the_clock_no_place_gives(place, when, machine, zone, hour):
    item = _item(when, place)
    item.structured_when = machine
    item = normalize_event(item, today=TODAY)
    assert (item.time_zone, item.start.hour) == (zone, hour)
    assert item.start.utcoffset() == item.start.astimezone(ZoneInfo(zone)).utcoffset()


def test_days_apart_keep_one_slot_each_down_to_the_stored_record():
    """Issue 14: a list of days is one slot per day (start the first, end the last), stored
    as such — the event is multi-slot, not one span over the days between."""
    from pipelines.records import event_record

    item = normalize_event(_item("les 7, 14 et 21 novembre de 10h à 12h", "En ligne"), today=TODAY)
    days = [dt.date(2026, 11, d) for d in (7, 14, 21)]
    assert [(s.date(), s.hour, e.date(), e.hour) for s, e in item.slots] == [(d, 10, d, 12) for d in days]
    assert (item.start, item.end) == (item.slots[0][0], item.slots[-1][1])
    record = event_record(item, parser_version="test")
    assert len(record["slots"]) == 3 and record["date_precision"] == "minute"
