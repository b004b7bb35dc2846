"""parsers.zones: territory codes and zone words → IANA zones; the clock of an event."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from parsers import zones

CODES = [
    ({"departement_code": "971"}, "America/Guadeloupe"),
    ({"departement_code": "972"}, "America/Martinique"),
    ({"departement_code": "973"}, "America/Cayenne"),
    ({"departement_code": "974"}, "Indian/Reunion"),
    ({"departement_code": "975"}, "America/Miquelon"),
    ({"departement_code": "976"}, "Indian/Mayotte"),
    ({"departement_code": "977"}, "America/St_Barthelemy"),
    ({"departement_code": "978"}, "America/Marigot"),
    ({"departement_code": "986"}, "Pacific/Wallis"),
    ({"departement_code": "987"}, "Pacific/Tahiti"),
    ({"departement_code": "988"}, "Pacific/Noumea"),
    ({"region_code": "01"}, "America/Guadeloupe"),
    ({"region_code": "02"}, "America/Martinique"),
    ({"region_code": "03"}, "America/Cayenne"),
    ({"region_code": "04"}, "Indian/Reunion"),
    ({"region_code": "06"}, "Indian/Mayotte"),
    ({"commune_code": "97411"}, "Indian/Reunion"),
    ({"commune_code": "98818"}, "Pacific/Noumea"),
    ({"departement_code": "75"}, "Europe/Paris"),
    ({"departement_code": "2A", "region_code": "94"}, "Europe/Paris"),
    ({"departement_code": "69", "region_code": "84"}, "Europe/Paris"),
    ({}, "Europe/Paris"),
    ({"departement_code": "974", "region_code": "11"}, "Indian/Reunion"),
]


@pytest.mark.parametrize(("codes", "zone"), CODES)
def test_zone_for_codes(codes, zone):
    assert zones.zone_for_codes(**codes) == zone
    ZoneInfo(zone)   # a real IANA zone


@pytest.mark.parametrize(("attendance", "zone"), [
    ("offline", "America/Martinique"), ("mixed", "America/Martinique"),
    ("online", "Europe/Paris"), (None, "Europe/Paris"),
])
def test_an_event_keeps_the_venue_clock_only_in_person(attendance, zone):
    assert zones.event_zone(attendance, departement_code="972") == zone


WORDS = [
    ("heure de paris", "Europe/Paris"), ("heure de la reunion", "Indian/Reunion"),
    ("heures de la reunion", "Indian/Reunion"), ("reunion", "Indian/Reunion"),
    ("heure des antilles", "America/Martinique"), ("heure de guyane", "America/Cayenne"),
    ("heure de noumea", "Pacific/Noumea"), ("hnc", "Pacific/Noumea"),
    ("heure de la nouvelle-caledonie", "Pacific/Noumea"), ("heure de tahiti", "Pacific/Tahiti"),
    ("heure de metropole", "Europe/Paris"), ("heure de mayotte", "Indian/Mayotte"),
    ("heure de la martinique", "America/Martinique"), ("guadeloupe", "America/Guadeloupe"),
    ("heure de saint-pierre-et-miquelon", "America/Miquelon"), ("heure de lyon", None),
    ("midi", None), ("", None),
]


@pytest.mark.parametrize(("words", "zone"), WORDS)
def test_zone_of_words(words, zone):
    assert zones.zone_of_words(words) == zone


@pytest.mark.parametrize(("code", "territory"), [("974", "974"), ("97411", "974"), ("97200", "972"),
                                                 ("75", None), ("", None), (None, None), ("980", None)])
def test_territory_of(code, territory):
    assert zones.territory_of(code) == territory


def test_every_territory_zone_is_overseas():
    assert all(zones.is_overseas(z) for z in zones.BY_TERRITORY.values())
    assert not zones.is_overseas("Europe/Paris")


NOV = dt.datetime(2025, 11, 14, 12, tzinfo=dt.UTC)
JUL = dt.datetime(2025, 7, 14, 12, tzinfo=dt.UTC)


@pytest.mark.parametrize(("hours", "at", "zone"), [
    (-4, NOV, "America/Guadeloupe"), (-3, NOV, "America/Cayenne"), (4, NOV, "Indian/Reunion"),
    (3, NOV, "Indian/Mayotte"), (11, NOV, "Pacific/Noumea"), (-10, NOV, "Pacific/Tahiti"),
    (12, NOV, "Pacific/Wallis"), (-2, JUL, "America/Miquelon"),     # Miquelon's summer time
    (1, NOV, None), (2, JUL, None), (0, NOV, None), (5.5, NOV, None), (-5, NOV, None),
])
def test_zone_of_offset(hours, at, zone):
    assert zones.zone_of_offset(dt.timedelta(hours=hours), at) == zone


def test_zone_of_offset_needs_an_instant():
    with pytest.raises(ValueError):
        zones.zone_of_offset(dt.timedelta(hours=-4), dt.datetime(2025, 11, 14, 12))
