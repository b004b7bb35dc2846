"""The place and organiser parsers against the replica's truth, family by family, without a crawl
(the end-to-end crawl checks the same through the pipeline: tests/test_e2e_replica.py).

The replica writes the families of issue 13 — intercommunalities, institutions, gentilés, lists
of places, commune names inside streets, online in other words; organisers as bodies of the
State, collectivités, intercommunalities, public establishments, labs, lines of two — each with
what a careful reader gets from it. Every family must be there, and read right.
"""

from __future__ import annotations

import collections

import pytest

from parsers.lablink import LabRef, link_lab
from parsers.places import parse_organiser, parse_place
from replica import model, organisers, vocab
from replica.editions import EDITIONS
from replica.labs import LABS
from replica.territories import GENTILE_NOUNS

PLACE = ("attendance", "commune_code", "departement_code", "region_code", "level", "epci_code")
ORGANISER = ("organiser_kind", "organiser_level", "organiser_departement_code", "organiser_region_code")
EVENTS = 350
# the labs the crawl knows from their sheets (their first names; parse_organiser reads the spellings)
LAB_NAMES = {lab.first.name: (lab.id, lab.region_code) for lab in LABS}


def _family(where) -> str:
    """Which way the place is written, from the replica's own draw (not from the parser)."""
    text = where.text
    if text.startswith(tuple(f"{noun} " for noun, _ in GENTILE_NOUNS)) or text.startswith("la capitale "):
        return "gentile"
    if where.level in ("epci", "departement", "region", "national"):
        return where.level
    if where.attendance == "online":
        return "online"
    return {"commune": "commune", "venue": "venue", "unknown": "unknown"}.get(where.level or "", "other")


@pytest.fixture(scope="module")
def events():
    return [model.generate(seed, ed, i) for seed in (0, 1) for ed in EDITIONS for i in range(EVENTS)]


def test_places_read_as_the_truth_says(events):
    wrong, families = [], collections.Counter()
    for ev in events:
        if not ev.where or not ev.where.text:
            continue
        truth, place = ev.where.truth(), parse_place(ev.where.text)
        families[_family(ev.where)] += 1
        if any(getattr(place, f) != truth[f] for f in PLACE):
            wrong.append((ev.where.text, {f: (truth[f], getattr(place, f)) for f in PLACE
                                          if getattr(place, f) != truth[f]}))
    total = sum(families.values())
    assert 1 - len(wrong) / total >= 0.995, wrong[:10]
    # every family is drawn often enough to be measured
    assert min(families[f] for f in ("epci", "departement", "region", "gentile", "online", "venue")) >= 40, families


def test_organisers_read_as_the_truth_says(events):
    wrong, kinds = [], collections.Counter()
    for ev in events:
        if ev.org is None:
            continue
        found = parse_organiser(ev.org.text, labs=LAB_NAMES)
        got = (found.kind, found.level, found.departement_code, found.region_code)
        kinds[ev.org.kind] += 1
        if got != tuple(ev.org.truth()[f] for f in ORGANISER):
            wrong.append((ev.org.text, ev.org.truth(), got))
    assert 1 - len(wrong) / sum(kinds.values()) >= 0.995, wrong[:10]
    assert min(kinds[k] for k in ("etat", "collectivite", "epci", "etablissement_public", "lab")) >= 100, kinds


def test_lines_of_organisers_and_territory_forms_are_drawn(events):
    texts = [ev.org.text for ev in events if ev.org]
    assert sum(" en partenariat avec " in t or " / " in t for t in texts) >= 20
    places = [ev.where.text for ev in events if ev.where and ev.where.text]
    assert sum(t.startswith(("Communauté", "la métropole", "l'agglomération")) for t in places) >= 20
    assert sum("sites :" in t or " et " in t and "," in t for t in places) >= 20


def test_every_fixed_organiser_has_its_truth():
    assert all(organisers.known(t) for t in (*vocab.NATIONAL_ORGANISERS, *vocab.LOCAL_ORGANISERS))


def test_lab_run_events_link_to_the_truths_lab(events):
    """Every way the replica writes a lab-run event (its name and spellings, a generic form of
    its région, a line with a body of its région, a 'proposé par' line in the description) links
    to the truth's lab; a lab named in passing links nothing (``parsers.lablink``)."""
    labs = tuple(LabRef(lab.id, lab.name, lab.variants, lab.region_code) for lab in LABS)
    wrong, methods = [], collections.Counter()
    for ev in events:
        place = parse_place(ev.where.text) if ev.where and ev.where.text else None
        link = link_lab(ev.organiser, ev.description, labs, place.region_code if place else None)
        methods[link.method if link else "none" if ev.organiser_line is None else "passing"] += 1
        if (link.key if link else None) != ev.lab_id:
            wrong.append((ev.organiser, ev.organiser_line, ev.lab_id, link))
    assert len(wrong) / len(events) <= 0.005, wrong[:10]
    assert min(methods[m] for m in ("name", "alias", "generic", "description", "passing")) >= 20, methods
    texts = [ev.organiser for ev in events if ev.lab_id and ev.organiser]
    assert sum(t.startswith(("le lab du SGAR", "Le laboratoire d'innovation de la préfecture")) for t in texts) >= 3
    assert sum(" en partenariat avec " in t or " / " in t or " et " in t for t in texts) >= 20
