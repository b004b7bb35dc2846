"""The schema.org export: every Event carries the required properties, with the status,
attendance mode, location and reschedule vocabularies of schema.org."""

from __future__ import annotations

import json

import pytest
from export_fixtures import N, build_month, url

from mipcrawl.cli import main

S = "https://schema.org/"
REQUIRED = {"@type", "@id", "url", "name", "startDate", "eventStatus", "eventAttendanceMode", "location",
            "organizer"}


@pytest.fixture
def graph(db_url, tmp_path):
    out = tmp_path / "events.jsonld"
    assert main(["export", "--db", build_month(db_url), "--format", "jsonld", "--out", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["@context"] == "https://schema.org"
    return {obj["url"]: obj for obj in doc["@graph"]}


def test_every_event_has_the_required_properties(graph):
    assert sorted(graph) == sorted(url(n) for n in range(N))
    for obj in graph.values():
        assert REQUIRED <= set(obj), sorted(REQUIRED - set(obj))
        assert obj["@type"] == "Event" and obj["organizer"]["@type"] == "Organization"


def test_statuses_and_previous_start(graph):
    status = {u: o["eventStatus"].removeprefix(S) for u, o in graph.items()}
    assert status[url(1)] == "EventRescheduled" and status[url(10)] == "EventCancelled"
    assert status[url(3)] == "EventCancelled" and "Retiré" in graph[url(3)]["disambiguatingDescription"]
    assert {status[url(n)] for n in (0, 2, 4, 5, 8, 9)} == {"EventScheduled"}
    assert graph[url(1)]["previousStartDate"] == "2026-11-03T09:30:00+01:00"
    assert graph[url(1)]["startDate"] == "2026-11-20T14:00:00+01:00"
    assert "previousStartDate" not in graph[url(0)]
    assert (graph[url(9)]["startDate"], graph[url(9)]["endDate"]) == ("2026-11-05", "2026-11-07")


def test_locations_by_attendance_mode(graph):
    online, mixed, offline = graph[url(4)], graph[url(5)], graph[url(0)]
    assert online["eventAttendanceMode"] == S + "OnlineEventAttendanceMode"
    assert online["location"] == {"@type": "VirtualLocation", "url": url(4)}
    assert mixed["eventAttendanceMode"] == S + "MixedEventAttendanceMode"
    place, virtual = mixed["location"]
    assert place["address"] == {"@type": "PostalAddress", "addressCountry": "FR", "streetAddress": "3 rue Martenot",
                                "postalCode": "35000", "addressLocality": "Rennes", "addressRegion": "Bretagne"}
    assert virtual == {"@type": "VirtualLocation", "url": "https://webinaire.example/rennes"}
    assert offline["eventAttendanceMode"] == S + "OfflineEventAttendanceMode"
    assert offline["location"]["@type"] == "Place" and offline["location"]["address"]["addressRegion"] == "Île-de-France"


def test_the_lab_that_runs_an_event_is_its_organizer_with_its_pages(graph):
    """Event 11's organiser line says "TI Lab": the organizer is the lab Ti Lab, its key, its
    current sheet and its pages (sameAs), with the spelling as written as alternateName."""
    org = graph[url(11)]["organizer"]
    assert org["@type"] == "Organization" and (org["name"], org["alternateName"]) == ("Ti Lab", "TI Lab")
    assert org["identifier"] == "laboratoire-de-bretagne-ti-lab" and org["url"].endswith("/" + org["identifier"])
    assert org["sameAs"][0] == org["url"]
    assert "identifier" not in graph[url(0)]["organizer"]    # no lab runs it: the organiser as written


@pytest.mark.parametrize(("organiser", "method", "expected"), [
    ("Ti Lab", "name", {"name": "Ti Lab"}),
    ("TiLab", "name", {"name": "Ti Lab", "alternateName": "TiLab"}),
    ("Région Bretagne, en partenariat avec Ti Lab", "name",
     [{"@type": "Organization", "name": "Région Bretagne, en partenariat avec Ti Lab"}, {"name": "Ti Lab"}]),
    ("SGAR Bretagne", "description", [{"@type": "Organization", "name": "SGAR Bretagne"}, {"name": "Ti Lab"}]),
    (None, "description", {"name": "Ti Lab"}),
])
def test_organizer_of_a_lab_run_event(organiser, method, expected):
    from mipcrawl.exports.jsonld import organizer
    from models import Event
    from storage.event_labs import EventLab

    lab = EventLab("ti-lab", "Ti Lab", "https://x/labs/ti-lab", ("https://x/labs/ti-lab", "https://x/atlas/tilab"),
                   frozenset({"tilab"}))
    whole = {"@type": "Organization", "name": "Ti Lab", "identifier": "ti-lab", "url": "https://x/labs/ti-lab",
             "sameAs": ["https://x/labs/ti-lab", "https://x/atlas/tilab"]}
    got = organizer(Event(organiser=organiser, lab_method=method), lab)
    want = [e if "@type" in e else {**whole, **e} for e in expected] if isinstance(expected, list) else {**whole, **expected}
    assert got == want
