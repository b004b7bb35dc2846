"""parse_organiser: a line of several organisers is read by its first; an organiser of unknown
kind is not placed by a bare commune name; lab names given in ``labs=`` are matched with the
lab-name key of ``parsers.labs`` (one rule set for lab names)."""

from __future__ import annotations

import pytest

from parsers.labs import co_organisers, name_key
from parsers.places import parse_organiser
from replica.labs import LABS as REPLICA_LABS

# (line, kind, level, département, région): the first organiser is the organiser
CO_ORGANISED = [
    ("Région Bretagne, en partenariat avec le Ti Lab", "collectivite", "region", None, "53"),
    ("Préfecture du Morbihan et Région Bretagne", "etat", "departement", "56", "53"),
    ("Conseil départemental de la Gironde / Bordeaux Métropole", "collectivite", "departement", "33", "75"),
    ("Toulouse Métropole avec la Région Occitanie", "epci", "epci", "31", "76"),
    ("CAF du Nord & CPAM de Lille-Douai", "etablissement_public", "departement", "59", "32"),
    ("Ministère de l'Intérieur, en lien avec la préfecture du Rhône", "etat", "national", None, None),
    ("Association Bretagne Transition, avec la Ville de Brest", "association", "region", None, "53"),
    ("Mairie de Quimper + Quimper Bretagne Occidentale", "collectivite", "commune", "29", "53"),
    # the first names no territory: the line's
    ("Ville et Eurométropole de Strasbourg", "collectivite", "epci", "67", "44"),
    ("Le collectif des agents, avec la DDTM du Finistère", "association", "departement", "29", "53"),
    # "et" inside a hyphenated name joins nothing
    ("Conseil départemental d'Ille-et-Vilaine", "collectivite", "departement", "35", "53"),
    ("Préfecture de Saône-et-Loire", "etat", "departement", "71", "27"),
    ("DDT de Loir-et-Cher et Ville de Blois", "etat", "departement", "41", "24"),
    ("Conseil départemental de Meurthe-et-Moselle", "collectivite", "departement", "54", "44"),
]

# (organiser, kind, level): a commune's name alone does not place an organiser of unknown kind
BARE_NAMES = [
    ("L'Escale", "unknown", "unknown"), ("Rennes", "unknown", "unknown"), ("Le Port", "unknown", "unknown"),
    ("Les Halles", "unknown", "unknown"), ("Saint-Denis", "unknown", "unknown"),
    # a body says what it is, then its name places it
    ("Ville de Rennes", "collectivite", "commune"), ("Association Les Amis de Brest", "association", "commune"),
    ("Mairie du Port", "collectivite", "commune"), ("Université de Rennes", "etablissement_public", "commune"),
]

LABS = {"Lab Zéro": ("lab-zero", "93"), "Lab'@rchipel": ("labarchipel", "84"),
        "La Fabrique RH": ("fabrique-rh", "11"), "La Base": ("la-base", "75"), "L'Escale": ("escale", "28"),
        "Coop'Lab": ("cooplab", "27")}
# (line, the lab found or None): spellings of one name agree as parsers.labs.name_key says
LAB_SPELLINGS = [
    ("Lab Zéro", "lab-zero"), ("Lab0", "lab-zero"), ("Lab Zero", "lab-zero"), ("LAB 0", "lab-zero"),
    ("le Lab zéro de la préfecture", "lab-zero"), ("Lab'@rchipel", "labarchipel"), ("LabArchipel", "labarchipel"),
    ("Lab Archipel", "labarchipel"), ("La Fabrique RH", "fabrique-rh"), ("Fabrique RH", "fabrique-rh"),
    ("la fabrique-rh (SGAR)", "fabrique-rh"), ("La Base", "la-base"), ("LA BASE", "la-base"),
    ("l'équipe de la Base", "la-base"), ("L'Escale", "escale"), ("l'Escale, laboratoire normand", "escale"),
    ("CoopLab", "cooplab"), ("Coop Lab", "cooplab"),
    # a one-word name after its article needs it: the word alone is an everyday noun
    ("Base aérienne 105", None), ("Escale de Rouen", None), ("Conseil régional de Normandie", None),
]


@pytest.mark.parametrize(("text", "kind", "level", "dep", "region"), CO_ORGANISED, ids=[c[0] for c in CO_ORGANISED])
def test_a_line_of_organisers_is_read_by_its_first(text, kind, level, dep, region):
    o = parse_organiser(text)
    assert (o.kind, o.level, o.departement_code, o.region_code) == (kind, level, dep, region), o
    assert o.name == text


@pytest.mark.parametrize(("text", "kind", "level"), BARE_NAMES, ids=[c[0] for c in BARE_NAMES])
def test_a_bare_commune_name_does_not_place_an_organiser(text, kind, level):
    o = parse_organiser(text)
    assert (o.kind, o.level) == (kind, level), o
    assert (o.region_code is None) == (level == "unknown"), o


@pytest.mark.parametrize(("text", "key"), LAB_SPELLINGS, ids=[c[0] for c in LAB_SPELLINGS])
def test_lab_names_are_matched_with_the_lab_name_key(text, key):
    o = parse_organiser(text, labs=LABS)
    assert o.lab == key, o
    if key is not None:
        assert o.kind == "lab" and o.region_code == dict(LABS.values())[key], o


def test_the_organiser_parser_and_the_lab_key_agree_on_every_replica_spelling():
    """Every spelling the replica's events use for a lab names it, and a name the key tells
    apart from the lab's is not it: one rule set for lab names."""
    labs = {lab.first.name: lab.id for lab in REPLICA_LABS}
    for lab in REPLICA_LABS:
        for spelling in lab.event_names():
            assert name_key(spelling) == name_key(lab.first.name), spelling
            assert parse_organiser(spelling, labs=labs).lab == lab.id, spelling
            assert parse_organiser(f"Atelier animé par {spelling} (équipe)", labs=labs).lab == lab.id, spelling


def test_co_organisers_keeps_hyphenated_names_whole():
    assert co_organisers("Conseil départemental d'Ille-et-Vilaine et le Ti Lab") == [
        "Conseil départemental d'Ille-et-Vilaine", "le Ti Lab"]
