"""pipelines.normalize: the territory of the place and of the organiser on the item, the raw
texts kept beside them, what cannot be read counted (never dropped)."""

from __future__ import annotations

import pytest
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from mipcrawl.fields import ORGANISER_FIELDS, PLACE_FIELDS
from mipcrawl.items import EventItem
from pipelines.normalize import NormalizePipeline, normalize_event, organiser_values

URL = "https://www.modernisation.gouv.fr/mois-de-linnovation-publique/atelier"


def event(place: str | None = None, organiser: str | None = None) -> EventItem:
    return EventItem(url=URL, title="Atelier", edition=2026, when_text="Le 3/11 de 9h à 12h",
                     place_text=place, organiser=organiser)


@pytest.mark.parametrize(("place", "expected"), [
    ("12 rue de la République, 35000 Rennes",
     {"level": "venue", "commune_code": "35238", "epci_code": "243500139", "epci_name": "Rennes Métropole",
      "departement_code": "35", "region_code": "53", "attendance": "offline"}),
    ("Toulouse Métropole", {"level": "epci", "epci_code": "243100518", "commune_code": None,
                            "departement_code": "31", "region_code": "76"}),
    ("Préfecture de la région Grand Est", {"level": "region", "region_code": "44", "departement_code": None}),
    ("à Rennes, Brest et Vannes", {"level": "region", "region_code": "53", "commune_code": None}),
    ("Webconférence", {"level": "online", "attendance": "online", "region_code": None}),
    ("Lieu à définir", {"level": "unknown", "attendance": None, "region_code": None}),
    ("Salle polyvalente", {"level": "unknown", "attendance": "offline", "venue": "Salle polyvalente"}),
])
def test_place_territory_on_the_item(place, expected):
    item = normalize_event(event(place=place))
    assert item.place_text == place
    assert {k: getattr(item, k) for k in expected} == expected


@pytest.mark.parametrize(("organiser", "expected"), [
    ("Conseil départemental du Var", ("collectivite", "departement", "83", "93")),
    ("Préfecture de la région Bretagne", ("etat", "region", None, "53")),
    ("Rennes Métropole", ("epci", "epci", "35", "53")),
    ("Ministère de l'Intérieur", ("etat", "national", None, None)),
    ("CAF du Morbihan", ("etablissement_public", "departement", "56", "53")),
    ("Les amis du mardi", ("unknown", "unknown", None, None)),
    (None, (None, None, None, None)),
])
def test_organiser_kind_and_territory_on_the_item(organiser, expected):
    item = normalize_event(event(organiser=organiser))
    assert item.organiser == organiser
    assert tuple(getattr(item, k) for k in ORGANISER_FIELDS) == expected
    assert tuple(organiser_values(organiser).values()) == expected


def test_no_place_text_leaves_the_place_columns_empty():
    item = normalize_event(event())
    assert {k: getattr(item, k) for k in PLACE_FIELDS} == dict.fromkeys(PLACE_FIELDS)


@pytest.mark.parametrize(("place", "organiser", "counted"), [
    ("Lieu à définir", "Les amis du mardi", {"place", "organiser"}),
    ("Toulouse Métropole", "Association des usagers", set()),
    (None, None, set()),
    ("En ligne", "Zorglub", {"organiser"}),
])
def test_what_cannot_be_read_is_counted_and_kept(place, organiser, counted):
    crawler = get_crawler(settings_dict={"MIPCRAWL_TODAY": "2026-11-01"})
    stats = MemoryStatsCollector(crawler)
    pipeline = NormalizePipeline(stats=stats)
    out = pipeline.process_item(event(place=place, organiser=organiser))
    assert (out.place_text, out.organiser) == (place, organiser)
    found = {k.split("/")[-1].removesuffix("_unparsed") for k in stats.get_stats()
             if k.endswith("_unparsed")}
    assert found == counted


def test_organiser_values_take_the_known_lab_names():
    labs = {"La Base": ("la-base", "75")}
    assert organiser_values("La Base", labs)["organiser_kind"] == "lab"
    assert organiser_values("La Base", labs)["organiser_region_code"] == "75"
    assert organiser_values("La Base")["organiser_kind"] == "unknown"
