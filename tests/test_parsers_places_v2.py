"""parsers.places v2: the territory behind intercommunalities, institutions, gentilés, lists of
places, common nouns and online phrases; ``parse_organiser``. One table per family.

Each case is (text, expected) with only the fields that matter; ``_check`` also asserts that
the codes agree with the level (no commune under an EPCI, a département or a région).
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import geo
from parsers.places import LEVELS, Place, parse_organiser, parse_place
from parsers.places.organiser import KINDS

TOULOUSE_M, LYON_M, LILLE_M, RENNES_M, NANTES_M = "243100518", "200046977", "200093201", "243500139", "244400404"


def _consistent(p: Place) -> None:
    assert p.level in LEVELS, p
    if p.level in ("venue", "commune"):
        c = geo.commune(p.commune_code)
        assert (c.departement_code, c.region_code) == (p.departement_code, p.region_code), p
        e = geo.epci_of_commune(c.code)
        assert p.epci_code == (e.code if e else None), p
    else:
        assert p.commune_code is None, p
    if p.level == "epci":
        assert geo.epci(p.epci_code).name == p.epci_name, p
    if p.level in ("departement", "region", "national", "online", "abroad", "unknown"):
        assert p.epci_code is None, p
    if p.level in ("region", "national", "online", "abroad", "unknown"):
        assert p.departement_code is None, p
    if p.level in ("national", "online", "abroad", "unknown"):
        assert p.region_code is None, p


def _check(text: str, expected: dict) -> Place:
    place = parse_place(text)
    got = {k: getattr(place, k) for k in expected}
    assert got == expected, f"{text!r}: {place}"
    _consistent(place)
    return place


def E(code: str, dep: str | None, reg: str | None) -> dict:  # noqa: N802 - a table column
    return {"level": "epci", "epci_code": code, "departement_code": dep, "region_code": reg, "commune_code": None}


def D(dep: str, reg: str) -> dict:  # noqa: N802
    return {"level": "departement", "departement_code": dep, "region_code": reg, "commune_code": None}


def R(reg: str) -> dict:  # noqa: N802
    return {"level": "region", "region_code": reg, "departement_code": None, "commune_code": None}


def C(code: str, dep: str, reg: str) -> dict:  # noqa: N802
    return {"commune_code": code, "departement_code": dep, "region_code": reg}


EPCI = [
    ("Métropole Rouen Normandie", E("200023414", "76", "28")),
    ("Toulouse Métropole", E(TOULOUSE_M, "31", "76")),
    ("Communauté d'agglomération du Pays Basque", E("200067106", "64", "75")),
    ("Communauté de communes du Val d'Essonne", E("249100546", "91", "11")),
    ("l'Eurométropole", E("246700488", "67", "44")),
    ("Eurométropole de Strasbourg", E("246700488", "67", "44")),
    ("la métropole grenobloise", E("200040715", "38", "84")),
    ("l'agglomération havraise", E("200084952", "76", "28")),
    ("la Métropole de Lyon", E(LYON_M, "69", "84")),
    ("Métropole européenne de Lille", E(LILLE_M, "59", "32")),
    ("la métropole lilloise", E(LILLE_M, "59", "32")),
    ("Rennes Métropole", E(RENNES_M, "35", "53")),
    ("Nantes Métropole", E(NANTES_M, "44", "52")),
    ("au siège de Nantes Métropole", E(NANTES_M, "44", "52")),
    ("Bordeaux Métropole", E("243300316", "33", "75")),
    ("la métropole bordelaise", E("243300316", "33", "75")),
    ("Montpellier Méditerranée Métropole", E("243400017", "34", "76")),
    ("la Métropole de Montpellier", E("243400017", "34", "76")),
    ("Grenoble-Alpes Métropole", E("200040715", "38", "84")),
    ("Métropole du Grand Paris", E("200054781", None, "11")),
    ("Plaine Commune", E("200057867", "93", "11")),
    ("CU du Grand Reims", E("200067213", "51", "44")),
    ("Grand Reims", E("200067213", "51", "44")),
    ("l'agglomération rochelaise", E("241700434", "17", "75")),
    ("Communauté urbaine de Dunkerque", E("245900428", "59", "32")),
    ("l'agglo nantaise", E(NANTES_M, "44", "52")),
    ("Agglomération de Dreux", E("200040277", None, None)),  # Eure-et-Loir and Eure
    ("la communauté urbaine d'Arras", E("200033579", "62", "32")),
    ("Saint-Étienne Métropole", E("244200770", "42", "84")),
    ("Métropole Nice Côte d'Azur", E("200030195", "06", "93")),
    # an address in the EPCI's city is the city
    ("Rennes Métropole, 4 avenue Henri Fréville, 35200 Rennes", C("35238", "35", "53")),
    ("Toulouse Métropole - salle du conseil, Toulouse", C("31555", "31", "76")),
]

INSTITUTIONS = [
    ("Préfecture du Morbihan", D("56", "53")),
    ("Préfecture de la région Grand Est", R("44")),
    ("Préfecture de région Normandie", R("28")),
    ("Conseil départemental du Var", D("83", "93")),
    ("le Département du Cantal", D("15", "84")),
    ("Région Normandie", R("28")),
    ("Conseil régional d'Occitanie", R("76")),
    ("Hôtel de Région Auvergne-Rhône-Alpes", R("84")),
    ("Hôtel du Département de la Gironde", D("33", "75")),
    ("Rectorat de l'académie de Rennes", R("53")),
    ("Rectorat de l'académie de Nancy-Metz", R("44")),
    ("Académie de Créteil", R("11")),
    ("DDTM de la Loire-Atlantique", D("44", "52")),
    ("DDTM du Finistère", D("29", "53")),
    ("DDT 35", D("35", "53")),
    ("DREAL Bretagne", R("53")),
    ("DREETS Hauts-de-France", R("32")),
    ("SGAR Occitanie", R("76")),
    ("Mairie de Quimper", {**C("29232", "29", "53"), "level": "venue"}),
    ("Ville de Bordeaux", C("33063", "33", "75")),
    ("Hôtel de ville de Lille", C("59350", "59", "32")),
    ("Sous-préfecture de Lannion", C("22113", "22", "53")),
    ("Préfecture de la Haute-Garonne", D("31", "76")),
    ("Préfecture des Côtes-d'Armor", D("22", "53")),
    ("Préfecture de La Réunion", D("974", "04")),
    ("Collectivité de Corse", R("94")),
    ("Conseil départemental de la Seine-Saint-Denis", D("93", "11")),
    ("Préfecture du Morbihan, 56000 Vannes", {**C("56260", "56", "53"), "level": "venue"}),
    ("Préfecture de la région Bretagne, salle Anne de Bretagne, Rennes", C("35238", "35", "53")),
    # the building alone names no territory
    ("l'Hôtel de Région", {"level": "unknown", "region_code": None, "departement_code": None}),
    ("Hôtel du Département", {"level": "unknown", "departement_code": None}),
    ("à la préfecture", {"level": "unknown", "departement_code": None}),
    ("Salle du conseil de la Mairie", {"level": "unknown", "commune_code": None}),
]

GENTILES = [
    ("l'antenne lyonnaise", C("69123", "69", "84")),
    ("la cité finistérienne", D("29", "53")),
    ("le site toulousain", C("31555", "31", "76")),
    ("l'antenne rennaise de l'Insee", C("35238", "35", "53")),
    ("le campus nantais", C("44109", "44", "52")),
    ("la délégation marseillaise", C("13055", "13", "93")),
    ("le tiers-lieu bordelais", C("33063", "33", "75")),
    ("la capitale bretonne", C("35238", "35", "53")),
    ("la capitale alsacienne", C("67482", "67", "44")),
    ("la région lyonnaise", R("84")),
    ("en terre bretonne", R("53")),
    ("le territoire normand", R("28")),
    ("le département finistérien", D("29", "53")),
    ("la ville stéphanoise", C("42218", "42", "84")),
    ("le pôle grenoblois", C("38185", "38", "84")),
    ("la cité phocéenne et la préfecture girondine", {"level": "departement", "departement_code": "33"}),
    ("l'agence brestoise", C("29019", "29", "53")),
    ("le site havrais", C("76351", "76", "28")),
    ("la plateforme lilloise", C("59350", "59", "32")),
    ("l'équipe strasbourgeoise", C("67482", "67", "44")),
    ("le campus angevin", C("49007", "49", "52")),
    ("les locaux niçois", C("06088", "06", "93")),
    ("le réseau vendéen", D("85", "52")),
    ("les acteurs francilien", R("11")),
    ("la communauté calédonienne", D("988", "988")),
    ("la direction réunionnaise", D("974", "04")),
    ("l'antenne mancelle", C("72181", "72", "52")),
    # a gentilé that is no adjective of a noun names nothing
    ("Les Lyonnais", {"level": "unknown", "commune_code": None}),
    ("Le Parisien", {"level": "unknown", "commune_code": None}),
]

SEVERAL = [
    ("Rennes, Brest et Vannes", R("53")),
    ("à Rennes, Brest et Vannes", R("53")),
    ("Lyon, Grenoble et Saint-Étienne", R("84")),
    ("Toulouse et Montpellier", R("76")),
    ("à Lille ou à Arras", R("32")),
    ("Nantes et Saint-Nazaire", D("44", "52")),
    ("Brest, Quimper et Morlaix", D("29", "53")),
    ("Paris, Lyon et Marseille", {"level": "national", "region_code": None}),
    ("à Lyon ou dans toute la région", R("84")),
    ("à Rennes et dans toute la région", R("53")),
    ("Bordeaux et sa métropole", E("243300316", "33", "75")),
    ("Lille et sa métropole", E(LILLE_M, "59", "32")),
    ("trois sites : Rennes, Saint-Malo et Fougères", D("35", "53")),
    ("Rennes (35) et Nantes (44)", {"level": "national", "region_code": None}),
    ("Caen et Rouen", R("28")),
    ("Metz / Nancy", R("44")),
    ("Strasbourg & Mulhouse", R("44")),
    ("Dijon puis Besançon", R("27")),
    ("Orléans, Tours, Blois", R("24")),
    ("Nice, Cannes et Antibes", D("06", "93")),
    ("Ajaccio et Bastia", R("94")),
    ("à Pau et à Bayonne", D("64", "75")),
    ("Rennes et la Bretagne", R("53")),
    ("Amiens et Beauvais", R("32")),
    ("Limoges, Poitiers et La Rochelle", R("75")),
    ("en Bretagne et en Normandie", {"level": "national", "region_code": None}),
    # qualifiers are no places of their own
    ("Grenoble, Isère", C("38185", "38", "84")),
    ("à Nantes (Pays de la Loire)", C("44109", "44", "52")),
    ("Saint-Pierre (La Réunion)", C("97416", "974", "04")),
    ("Université de Bordeaux, Talence", C("33522", "33", "75")),
]

COMMON_NOUNS = [
    ("route de Sommières", {"commune_code": None, "level": "unknown"}),
    ("avenue de Paris", {"commune_code": None}),
    ("12 avenue de Paris, 78000 Versailles", C("78646", "78", "11")),
    ("avenue de Paris, Versailles", C("78646", "78", "11")),
    ("5 route de Sommières, 30000 Nîmes", C("30189", "30", "76")),
    ("boulevard de Strasbourg, Toulouse", C("31555", "31", "76")),
    ("rue de Lyon, 13015 Marseille", C("13055", "13", "93")),
    ("quai de Brest, Lorient", C("56121", "56", "53")),
    ("place de Bretagne, Rennes", C("35238", "35", "53")),
    ("Porte de Versailles, Paris", C("75056", "75", "11")),
    ("chemin de Vienne, 69007 Lyon", C("69123", "69", "84")),
    ("rue de Metz, Nancy", C("54395", "54", "44")),
    ("Ministère de la Défense", {"commune_code": None, "departement_code": None, "region_code": None}),
    ("Ministère des Armées, Hexagone Balard, Paris", C("75056", "75", "11")),
    ("Espace Les Halles, 44000 Nantes", C("44109", "44", "52")),
    ("Forum des Halles, Paris", C("75056", "75", "11")),
    ("Salle Le Port, Lorient", C("56121", "56", "53")),
    ("à Le Port (La Réunion)", C("97407", "974", "04")),
    ("Le Port (974)", C("97407", "974", "04")),
    ("Le Port", C("97407", "974", "04")),
    ("Salle du port, 56100 Lorient", C("56121", "56", "53")),
    ("Campus Cyber, La Défense", {"departement_code": "92", "commune_code": None}),
    ("à Ségur", C("75056", "75", "11")),
    ("Gare de Rennes", C("35238", "35", "53")),
    ("Réunion publique à la mairie", {"region_code": None, "commune_code": None}),
    ("Tour de table et échanges", {"commune_code": None, "region_code": None}),
    ("Orange, 84100", C("84087", "84", "93")),
    ("Sens (89)", C("89387", "89", "27")),
]

ONLINE = [
    ("e-conférence", "online"), ("Webconférence", "online"), ("web-conférence", "online"),
    ("entièrement sur internet", "online"), ("sur internet", "online"),
    ("sur la plateforme Livestorm", "online"), ("sur la plateforme de l'événement", "online"),
    ("même à distance", "online"), ("virtuellement", "online"), ("diffusé en direct", "online"),
    ("diffusée en direct sur YouTube", "online"), ("en streaming", "online"), ("classe virtuelle", "online"),
    ("en live sur LinkedIn", "online"), ("événement dématérialisé", "online"), ("via Zoom", "online"),
    ("en visio", "online"), ("Webinar", "online"), ("format 100 % numérique", "online"),
    ("Rennes et en webconférence", "mixed"), ("à Lille, également diffusé en direct", "mixed"),
    ("Hôtel de Région, Rennes, et sur internet", "mixed"), ("sur place ou virtuellement", "mixed"),
    ("Station F, et en e-conférence", "mixed"), ("Amphithéâtre, Nantes (aussi en streaming)", "mixed"),
    ("Inscription sur la plateforme, 44000 Nantes", "offline"),
]

ORGANISERS = [
    ("Préfecture du Morbihan", "etat", "departement", "56", "53"),
    ("Préfecture de la région Grand Est", "etat", "region", None, "44"),
    ("SGAR Bretagne", "etat", "region", None, "53"),
    ("Rectorat de l'académie de Lyon", "etat", "region", None, "84"),
    ("DDTM du Finistère", "etat", "departement", "29", "53"),
    ("DREAL Occitanie", "etat", "region", None, "76"),
    ("Ministère de l'Intérieur", "etat", "national", None, None),
    ("Ministère de la Défense", "etat", "national", None, None),
    ("Direction interministérielle de la transformation publique", "etat", "national", None, None),
    ("Sous-préfecture de Lannion", "etat", "commune", "22", "53"),
    ("Conseil départemental du Var", "collectivite", "departement", "83", "93"),
    ("Région Normandie", "collectivite", "region", None, "28"),
    ("Ville de Rennes", "collectivite", "commune", "35", "53"),
    ("Mairie du Havre", "collectivite", "commune", "76", "28"),
    ("Collectivité territoriale de Guyane", "collectivite", "region", None, "03"),
    ("le Département de la Gironde", "collectivite", "departement", "33", "75"),
    ("Toulouse Métropole", "epci", "epci", "31", "76"),
    ("Communauté d'agglomération du Pays Basque", "epci", "epci", "64", "75"),
    ("Métropole Rouen Normandie", "epci", "epci", "76", "28"),
    ("l'Eurométropole de Strasbourg", "epci", "epci", "67", "44"),
    ("CAF de la Gironde", "etablissement_public", "departement", "33", "75"),
    ("CPAM du Rhône", "etablissement_public", "departement", "69", "84"),
    ("Urssaf Bretagne", "etablissement_public", "region", None, "53"),
    ("France Travail", "etablissement_public", "national", None, None),
    ("CHU de Rennes", "etablissement_public", "commune", "35", "53"),
    ("Université de Lille", "etablissement_public", "commune", "59", "32"),
    ("Cerema", "etablissement_public", "national", None, None),
    ("le laboratoire d'innovation publique de Bretagne", "lab", "region", None, "53"),
    ("le lab de la préfecture de région Occitanie", "lab", "region", None, "76"),
    ("le Lab de l'État en région", "lab", "unknown", None, None),
    ("Association Bretagne Transition", "association", "region", None, "53"),
    ("Fondation pour l'innovation", "association", "unknown", None, None),
    ("Cabinet Dupont Conseil SAS", "entreprise", "unknown", None, None),
    ("Le collectif des agents", "association", "unknown", None, None),
    ("", "unknown", "unknown", None, None),
]

LABS = {"Ti Lab": ("ti-lab", "53"), "Lab'O": ("lab-o", "76"), "LAB'L": "lab-l", "Etat'LIN": ("etatlin", "52")}
NAMED_LABS = [
    ("TiLab", "ti-lab", "53"), ("Ti Lab", "ti-lab", "53"), ("TI-LAB", "ti-lab", "53"),
    ("le Ti Lab de Rennes", "ti-lab", "53"), ("Lab'O", "lab-o", "76"), ("LabO", "lab-o", "76"),
    ("Lab-O Occitanie", "lab-o", "76"), ("LAB'L", "lab-l", None), ("Lab'L (Orléans)", "lab-l", "24"),
    ("État'LIN", "etatlin", "52"), ("EtatLIN", "etatlin", "52"),
]


@pytest.mark.parametrize(("text", "expected"), EPCI, ids=[c[0] for c in EPCI])
def test_intercommunalities(text, expected):
    _check(text, expected)


@pytest.mark.parametrize(("text", "expected"), INSTITUTIONS, ids=[c[0] for c in INSTITUTIONS])
def test_institutions_name_their_territory(text, expected):
    _check(text, expected)


@pytest.mark.parametrize(("text", "expected"), GENTILES, ids=[c[0] for c in GENTILES])
def test_gentiles(text, expected):
    _check(text, expected)


@pytest.mark.parametrize(("text", "expected"), SEVERAL, ids=[c[0] for c in SEVERAL])
def test_several_places_give_their_smallest_common_territory(text, expected):
    place = _check(text, expected)
    if place.confidence == "several":
        assert len(place.others) >= 2 and all(o.level != "unknown" for o in place.others), place


@pytest.mark.parametrize(("text", "expected"), COMMON_NOUNS, ids=[c[0] for c in COMMON_NOUNS])
def test_common_nouns_that_are_commune_names(text, expected):
    _check(text, expected)


@pytest.mark.parametrize(("text", "mode"), ONLINE, ids=[c[0] for c in ONLINE])
def test_online_in_other_words(text, mode):
    place = parse_place(text)
    assert place.attendance == mode, place
    assert (place.level == "online") == (mode == "online"), place


@pytest.mark.parametrize(("text", "kind", "level", "dep", "region"), ORGANISERS, ids=[c[0] for c in ORGANISERS])
def test_organisers(text, kind, level, dep, region):
    o = parse_organiser(text)
    assert (o.kind, o.level, o.departement_code, o.region_code) == (kind, level, dep, region), o


@pytest.mark.parametrize(("text", "key", "region"), NAMED_LABS, ids=[c[0] for c in NAMED_LABS])
def test_labs_named_by_the_caller(text, key, region):
    o = parse_organiser(text, labs=LABS)
    assert (o.kind, o.lab, o.region_code) == ("lab", key, region), o
    assert parse_organiser(text).lab is None


def test_organiser_type_errors():
    for bad in (None, 3, b"Ville de Rennes"):
        with pytest.raises(TypeError):
            parse_organiser(bad)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_parse_organiser_never_raises(text):
    o = parse_organiser(text)
    assert o.kind in KINDS and o.level in LEVELS
    if o.region_code:
        assert geo.region(o.region_code) is not None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdeéèlmnoprstuv -',()0123456789MÉRLCDPV")), max_size=80))
def test_places_stay_consistent_on_word_salad(text):
    _consistent(parse_place(text))


# --- structured addresses do not regress: "street, postcode town" from the official tables -----

_STREETS = ("12 rue de la République", "3 avenue Jean Jaurès", "1 place de la Mairie", "45 bd Gambetta",
            "7 allée des Tilleuls", "2 chemin du Moulin", "18 route de Paris", "9 impasse des Lilas")


def _addresses(n: int = 400) -> list[tuple[str, str]]:
    """Addresses of communes drawn across France, with one of each commune's own postcodes."""
    rng = random.Random(13)
    communes = [c for c in geo.communes() if c.postcodes]
    picked = rng.sample(communes, n)
    return [(f"{rng.choice(_STREETS)}, {rng.choice(c.postcodes)} {c.name}", c.code) for c in picked]


def test_structured_addresses_keep_their_exact_commune():
    cases = _addresses()
    wrong = [(text, code, parse_place(text).commune_code) for text, code in cases
             if parse_place(text).commune_code != code]
    assert len(cases) >= 200
    assert 1 - len(wrong) / len(cases) >= 0.995, wrong[:10]
