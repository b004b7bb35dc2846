"""Rules of parse_place and parse_organiser found weak while writing the replica's families of
issue 13 (each case stands for its rule, stated in the comment above its group)."""

from __future__ import annotations

import pytest

from parsers.labs import co_organisers
from parsers.places import parse_organiser, parse_place

# (text, level, commune, département, région, EPCI)
PLACES = [
    # names written as a list are each a place, an everyday word that is a commune included
    ("Orange, Avignon et Carpentras", "departement", None, "84", "93", None),
    ("trois sites : Petit-Caux, Ifs et Pont-Audemer", "region", None, None, "28", None),
    ("Sens, Auxerre et Avallon", "departement", None, "89", "27", None),
    ("Salle polyvalente, Orange", "unknown", None, None, None, None),        # no list: the word stays a word
    # a name followed only by "et"/"ou" and words of attendance stands alone
    ("Beaucourt et en webconférence", "commune", "90009", "90", "27", "249000241"),
    ("Castanet-Tolosan ou virtuellement", "commune", "31113", "31", "76", "243100633"),
    # a State's institution named after a town is in that level's chef-lieu (among homonyms)
    ("Rectorat de l'académie de Saint-Denis", "region", None, None, "04", None),
    ("Préfecture de Saint-Denis", "departement", None, "974", "04", None),
    # after a département's or région's institution, "de la X" is the département X
    ("Préfecture de la Marne", "departement", None, "51", "44", None),
    ("Conseil départemental de la Manche", "departement", None, "50", "28", None),
    ("Mairie de La Marne", "venue", "44090", "44", "52", "200071546"),      # a town hall: the commune
    # of two names overlapping, the one running further wins
    ("Région Centre-Val de Loire", "region", None, None, "24", None),
    ("Communauté de communes de la Vallée de l'Oise et des Trois Forêts", "epci", None, "95", "11", "249500455"),
    # an EPCI's official name after its kind may hold commas or slashes; after its kind, the EPCI's name wins
    ("Communauté de communes Entre Arroux, Loire et Somme", "epci", None, "71", "27", "200070316"),
    ("Communauté d'agglomération de Dembeni / Mamoudzou", "epci", None, "976", "06", "200060457"),
    ("Communauté de communes des Loges", "epci", None, "45", "24", "244500427"),
    ("Nice, Côte d'Azur", "commune", "06088", "06", "93", "200030195"),    # no kind: the town, qualified
    # "la capitale …" is a town, not a venue in it
    ("la capitale bretonne", "commune", "35238", "35", "53", "243500139"),
    ("la capitale corse", "commune", "2A004", "2A", "94", "242010056"),
    # a commune's name holding "aux" or "à" is not cut as "Venue à Town"
    ("Vrigne aux Bois (08)", "commune", "08491", "08", "44", "200041630"),
    # an institution word, then "du": the name is the institution's place
    ("Université du Puy-en-Velay", "venue", "43157", "43", "84", "200073419"),
]

# (organiser, kind, level, département, région)
ORGANISERS = [
    # social security funds of a département name it
    ("CPAM de Paris", "etablissement_public", "departement", "75", "11"),
    ("CAF du Morbihan", "etablissement_public", "departement", "56", "53"),
    # a kind word inside a town's name is the town's
    ("Université de Mantes-la-Ville", "etablissement_public", "commune", "78", "11"),
    ("Université de Ville-di-Pietrabugno", "etablissement_public", "commune", "2B", "94"),
    # a line is not split inside a name the place rules read whole
    ("Communauté d'agglomération Marne et Gondoire", "epci", "epci", "77", "11"),
    ("Communauté urbaine Grand Paris Seine et Oise et Université de Cergy", "epci", "epci", "78", "11"),
    # the first of several, and its territory, else the line's
    ("Préfecture de la Marne / Région Grand Est", "etat", "departement", "51", "44"),
]

# a comma or "et" separates organisers only where a name starts after it
LINES = [
    ("Direction régionale de l'économie, de l'emploi, du travail et des solidarités",
     ["Direction régionale de l'économie, de l'emploi, du travail et des solidarités"]),
    ("Mairie de Rennes, service innovation", ["Mairie de Rennes, service innovation"]),
    ("Préfecture du Var, l'Ademe et la Région Sud", ["Préfecture du Var", "l'Ademe", "la Région Sud"]),
    ("Ville et Eurométropole de Strasbourg", ["Ville", "Eurométropole de Strasbourg"]),
]


@pytest.mark.parametrize(("text", "level", "commune", "dep", "region", "epci"), PLACES, ids=[c[0] for c in PLACES])
def test_place_rules(text, level, commune, dep, region, epci):
    p = parse_place(text)
    assert (p.level, p.commune_code, p.departement_code, p.region_code, p.epci_code) == (
        level, commune, dep, region, epci), p


@pytest.mark.parametrize(("text", "kind", "level", "dep", "region"), ORGANISERS, ids=[c[0] for c in ORGANISERS])
def test_organiser_rules(text, kind, level, dep, region):
    o = parse_organiser(text)
    assert (o.kind, o.level, o.departement_code, o.region_code) == (kind, level, dep, region), o


@pytest.mark.parametrize(("text", "parts"), LINES, ids=[c[0] for c in LINES])
def test_lines_split_where_a_name_starts(text, parts):
    assert co_organisers(text) == parts
