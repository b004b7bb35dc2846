"""The replica's world model, without building a site: slugs, date texts, places, events."""

from __future__ import annotations

import datetime as dt
import random
import re
from zoneinfo import ZoneInfo

import pytest

from parsers import geo
from replica import model, month, whens, wheres
from replica.editions import BY_YEAR, EDITIONS, reserved_paths
from replica.slugs import MAX_PATH, SlugAllocator, cut, slugify

D = dt.date


@pytest.mark.parametrize(("title", "slug"), [
    ("Café de l'innovation", "cafe-de-linnovation"),
    ("L’innovation au service de l’expérience usager", "linnovation-au-service-de-lexperience-usager"),
    ("[Webinaire] Œuvrer ensemble : la coproduction !", "webinaire-oeuvrer-ensemble-la-coproduction"),
    ("Table ronde, Démo, Retex — 2e édition", "table-ronde-demo-retex-2e-edition"),
    ("ANNULÉ - Fresque du numérique", "annule-fresque-du-numerique"),
    ("«  »", "evenement"),
])
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize(("slug", "max_len", "expected"), [
    ("atelier-design-de-service", 100, "atelier-design-de-service"),
    ("atelier-design-de-service", 17, "atelier-design-de"),
    ("atelier-design-de-service", 16, "atelier-design"),
    ("atelier-design-de-service", 14, "atelier-design"),
    ("atelier-design-de-service", 13, "atelier"),
    ("anticonstitutionnellement", 10, "anticonsti"),
])
def test_cut_at_word_boundary(slug: str, max_len: int, expected: str) -> None:
    assert cut(slug, max_len) == expected


def test_allocator_suffixes_collisions_and_keeps_paths_short() -> None:
    alloc = SlugAllocator({"/p/programme"})
    prefix = "/p/"
    assert alloc.allocate(prefix, "Programme") == "/p/programme-0"
    assert alloc.allocate(prefix, "Hackathon") == "/p/hackathon"
    assert alloc.allocate(prefix, "Hackathon !") == "/p/hackathon-0"
    assert alloc.allocate(prefix, "hackathon") == "/p/hackathon-1"
    long_title = "Atelier " + " ".join(["intelligence collective"] * 10)
    first, second = alloc.allocate(prefix, long_title), alloc.allocate(prefix, long_title)
    assert len(first) <= MAX_PATH and len(second) <= MAX_PATH
    assert second.endswith("-0") and not first.endswith("-")
    assert slugify(long_title).startswith(first[len(prefix):] + "-")


SPECS = [
    (whens.WhenSpec("timed", D(2022, 11, 7), None, ((dt.time(9, 30), dt.time(16)),), 0, 0),
     "Le lundi 07/11 de 9h30 à 16h",
     {"start": "2022-11-07T09:30:00+01:00", "end": "2022-11-07T16:00:00+01:00", "all_day": False}),
    (whens.WhenSpec("timed", D(2021, 11, 16), None, ((dt.time(14), dt.time(16, 30)),), 1, 0),
     "Mardi 16 novembre 2021 de 14h à 16h30", {"start": "2021-11-16T14:00:00+01:00"}),
    (whens.WhenSpec("timed", D(2023, 11, 27), None, ((dt.time(12), dt.time(14)),), 6, 0),
     "Lundi 27 nov. 2023, de midi à 14h", {"end": "2023-11-27T14:00:00+01:00"}),
    (whens.WhenSpec("timed", D(2024, 11, 1), None, ((dt.time(14, 30), dt.time(16)),), 2, 1),
     "le 1er novembre 2024 de 14 h 30 à 16 h", {"start": "2024-11-01T14:30:00+01:00"}),
    (whens.WhenSpec("start", D(2019, 11, 29), None, ((dt.time(8, 45), None),), 0, 2),
     "Vendredi 29 novembre 2019 à 08:45",
     {"start": "2019-11-29T08:45:00+01:00", "end": None, "slots": [["2019-11-29T08:45:00+01:00", None]]}),
    (whens.WhenSpec("twodays", D(2024, 11, 19), D(2024, 11, 20), (), 0, 0),
     "les 19 et 20 novembre 2024",
     {"start": "2024-11-19", "end": "2024-11-20", "all_day": True,
      "slots": [["2024-11-19", "2024-11-19"], ["2024-11-20", "2024-11-20"]]}),
    (whens.WhenSpec("twodays", D(2025, 11, 25), D(2025, 11, 26), (), 1, 0),
     "Le 25 et le 26 novembre", {"start": "2025-11-25", "end": "2025-11-26"}),
    (whens.WhenSpec("range", D(2020, 11, 2), D(2020, 11, 30), (), 2, 0),
     "[Du 02/11 au 30/11]", {"start": "2020-11-02", "end": "2020-11-30", "slots": [["2020-11-02", "2020-11-30"]]}),
    (whens.WhenSpec("range", D(2021, 11, 29), D(2021, 12, 3), (), 0, 0),
     "Du 29 novembre au 3 décembre 2021", {"end": "2021-12-03", "all_day": True}),
    (whens.WhenSpec("slots", D(2024, 11, 21), None,
                    ((dt.time(10), dt.time(10, 40)), (dt.time(11), dt.time(11, 40))), 0, 0),
     "Jeudi 21 novembre 2024 : 10h-10h40 et 11h-11h40",
     {"start": "2024-11-21T10:00:00+01:00", "end": "2024-11-21T11:40:00+01:00",
      "slots": [["2024-11-21T10:00:00+01:00", "2024-11-21T10:40:00+01:00"],
                ["2024-11-21T11:00:00+01:00", "2024-11-21T11:40:00+01:00"]]}),
    (whens.WhenSpec("slots", D(2023, 11, 9), None,
                    ((dt.time(9, 30), dt.time(12)), (dt.time(14), dt.time(17))), 2, 4),
     "Le 9 novembre 2023 — matin : 9h30-12h00 ; après-midi : 14h00-17h00",
     {"start": "2023-11-09T09:30:00+01:00", "end": "2023-11-09T17:00:00+01:00"}),
    (whens.WhenSpec("allday", D(2022, 11, 17), None, (), 0, 0), "Jeudi 17 novembre 2022",
     {"start": "2022-11-17", "end": "2022-11-17", "all_day": True, "slots": [["2022-11-17", "2022-11-17"]]}),
    # issue 14: the v2 families
    (whens.WhenSpec("list", D(2024, 11, 7), D(2024, 11, 21), (), 0, 0, (D(2024, 11, 7), D(2024, 11, 14),
                                                                       D(2024, 11, 21))),
     "les 7, 14 et 21 novembre 2024",
     {"start": "2024-11-07", "end": "2024-11-21",
      "slots": [["2024-11-07", "2024-11-07"], ["2024-11-14", "2024-11-14"], ["2024-11-21", "2024-11-21"]]}),
    (whens.WhenSpec("list", D(2025, 10, 30), D(2025, 11, 6), ((dt.time(10), dt.time(12)),), 1, 0,
                    (D(2025, 10, 30), D(2025, 11, 6))),
     "le 30 octobre et le 6 novembre de 10h à 12h",
     {"start": "2025-10-30T10:00:00+01:00", "end": "2025-11-06T12:00:00+01:00"}),
    (whens.WhenSpec("month", D(2024, 11, 1), None, (), 3, 0), "11/2024",
     {"start": "2024-11-01", "end": "2024-11-30", "all_day": True, "slots": [["2024-11-01", "2024-11-30"]]}),
    (whens.WhenSpec("continuous", D(2024, 11, 13), D(2024, 11, 15), ((dt.time(14), dt.time(12)),), 0, 0),
     "du 13 (14h) au 15 novembre (12h)",
     {"start": "2024-11-13T14:00:00+01:00", "end": "2024-11-15T12:00:00+01:00", "all_day": False}),
    (whens.WhenSpec("weekof", D(2024, 11, 19), None, ((dt.time(14), dt.time(17)),), 0, 0),
     "Semaine du 18 novembre : mardi de 14h à 17h",
     {"start": "2024-11-19T14:00:00+01:00", "end": "2024-11-19T17:00:00+01:00"}),
    (whens.WhenSpec("twodays", D(2024, 11, 14), D(2024, 11, 15), (), 3, 0),
     "le 14 après-midi et le 15 novembre 2024", {"start": "2024-11-14", "end": "2024-11-15"}),
    (whens.WhenSpec("timed", D(2024, 11, 14), None, ((dt.time(9, 30), dt.time(12)),), 9, 0),
     "le quatorze novembre, 9h30-midi", {"start": "2024-11-14T09:30:00+01:00"}),
    (whens.WhenSpec("timed", D(2024, 11, 14), None, ((dt.time(9, 30), dt.time(12)),), 13, 0),
     "Le 14 novembre 2024 de 9h30 à midi (mis à jour le 5 novembre 2024)",
     {"end": "2024-11-14T12:00:00+01:00"}),
    (whens.WhenSpec("allday", D(2025, 11, 28), None, (), 4, 0), "L E  2 8  N O V E M B R E  2 0 2 5",
     {"start": "2025-11-28", "end": "2025-11-28"}),
]


@pytest.mark.parametrize(("spec", "text", "expected"), SPECS, ids=[s[1] for s in SPECS])
def test_when_text_and_truth(spec: whens.WhenSpec, text: str, expected: dict) -> None:
    assert whens.render(spec) == text
    truth = whens.truth(spec)
    assert {k: truth[k] for k in expected} == expected


def test_generated_when_texts_read_back_to_their_truth() -> None:
    """Every kind and style the generator draws is read to its truth by the date parser."""
    from parsers.dates import parse_when

    rng = random.Random(14)
    for _ in range(3000):
        ed = rng.choice(EDITIONS)
        spec = whens.make_spec(rng, ed.start, ed.end, outside=rng.random() < 0.05)
        spec = whens.reschedule(rng, spec) if rng.random() < 0.2 else spec
        text, truth = whens.render(spec), whens.truth(spec)
        when = parse_when(text, year=ed.year, today=D(2026, 11, 26))
        got = {"start": _iso(when.start), "end": _iso(when.end), "all_day": when.all_day,
               "slots": [[_iso(a), _iso(b)] for a, b in when.slots]} if when else None
        assert got == truth, text
        assert when.precision == whens.precision(spec), text


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def test_generated_weekdays_always_match_their_dates() -> None:
    rng = random.Random(7)
    names = whens.WEEKDAYS
    checked = 0
    for _ in range(2000):
        ed = rng.choice(EDITIONS)
        spec = whens.make_spec(rng, ed.start, ed.end, outside=rng.random() < 0.1)
        text = whens.render(spec).lower()
        days = [d for d in (spec.d1, spec.d2) if d]
        for wd in re.findall(r"\b(" + "|".join(names) + r")\b", text):
            assert wd in {names[d.weekday()] for d in days}, text
            checked += 1
    assert checked > 500


def test_outside_dates_fall_outside_the_edition() -> None:
    rng = random.Random(3)
    ed = BY_YEAR[2024]
    specs = [whens.make_spec(rng, ed.start, ed.end, outside=True) for _ in range(200)]
    assert all(not (ed.start <= s.d1 <= ed.end) for s in specs if s.d1 != ed.start)


def test_places_use_official_communes_from_every_region() -> None:
    rng = random.Random(11)
    regions = set()
    for _ in range(3000):
        where = wheres.make_where(rng, all_online=False)
        if where.commune:
            official = geo.commune(where.commune.code)
            assert official == where.commune
            regions.add(official.region_code)
    assert regions == {r.code for r in geo.regions()}


@pytest.mark.parametrize(("name", "expected"), [("Le Havre", "au Havre"), ("Les Sables-d'Olonne",
                         "aux Sables-d'Olonne"), ("Rennes", "à Rennes"), ("La Rochelle", "à La Rochelle")])
def test_a_commune(name: str, expected: str) -> None:
    assert wheres.a_commune(name) == expected


def test_nameable_refuses_homonyms_without_a_hint() -> None:
    paris = geo.commune("75056")
    assert wheres.nameable(paris)
    saint_denis_reunion = geo.commune("97411")
    assert not wheres.nameable(saint_denis_reunion)
    assert wheres.nameable(saint_denis_reunion, "dep")


def test_all_online_edition_has_only_online_places() -> None:
    ed = BY_YEAR[2020]
    events = [model.generate(0, ed, i) for i in range(200)]
    assert {e.where.attendance for e in events if e.where} == {"online"}


def test_event_is_generated_on_its_own() -> None:
    ed = BY_YEAR[2023]
    assert model.generate(5, ed, 17) == model.generate(5, ed, 17)
    assert model.generate(5, ed, 17) != model.generate(6, ed, 17)


def test_near_duplicates_copy_an_earlier_event_with_another_title() -> None:
    ed = BY_YEAR[2022]
    events = {e.id: e for e in (model.generate(0, ed, i) for i in range(400))}
    dups = [e for e in events.values() if e.duplicate_of]
    assert dups
    for dup in dups:
        original = events[dup.duplicate_of]
        assert original.index < dup.index and original.duplicate_of is None
        assert dup.title != original.title
        assert (dup.when, dup.where, dup.organiser) == (original.when, original.where, original.organiser)


def test_month_plans_force_every_kind_of_change_on_a_small_site() -> None:
    plans = month.plans(0, 20)
    whats = {c.what for p in plans for c in p.changes}
    assert whats >= {"title", "organiser", "place", "when", "cancel", "withdraw", "reslug", "reappear"}
    assert any(p.added > 1 for p in plans)
    (back,) = [p for p in plans if any(c.what == "reappear" for c in p.changes)]
    withdraw, reappear = back.changes
    assert (withdraw.what, reappear.what) == ("withdraw", "reappear")
    assert 4 <= withdraw.day <= 7 and 13 <= reappear.day <= 19
    reslugs = [p for p in plans if any(c.what == "reslug" for c in p.changes)]
    assert {p.redirect for p in reslugs} == {True, False}
    for p in plans:
        days = [c.day for c in p.changes]
        assert days == sorted(days) and len(set(days)) == len(days)
        assert all(p.added < d <= month.LAST_DAY for d in days)


def test_current_paths_avoid_reserved_and_past_paths() -> None:
    taken = reserved_paths() | {"/mois-de-linnovation-publique/hackathon"}
    plans = month.plans(0, 60)
    paths = month.allocate_paths(0, plans, set(taken))
    every = [p for history in paths.values() for _d, p in history]
    assert len(every) == len(set(every))
    assert not set(every) & taken


@pytest.mark.parametrize(("attendance", "region", "zone"), [
    ("offline", "02", "America/Martinique"), ("mixed", "04", "Indian/Reunion"), ("offline", "03", "America/Cayenne"),
    ("online", "04", "Europe/Paris"), ("offline", "11", "Europe/Paris"), (None, None, "Europe/Paris"),
])
def test_overseas_events_held_there_are_written_in_local_time(attendance, region, zone):
    spec = whens.WhenSpec("timed", D(2024, 11, 14), None, ((dt.time(9), dt.time(11)),), 0, 0)
    truth = whens.truth(spec, zone=whens.clock(attendance, region))
    assert whens.render(spec) == "Le jeudi 14/11 de 9h à 11h"
    start = dt.datetime.fromisoformat(truth["start"])
    assert (start.hour, start.tzinfo.utcoffset(start)) == (9, dt.datetime(2024, 11, 14, 9, tzinfo=ZoneInfo(zone)).utcoffset())
