"""Place phrases as French public administrations write them on programme pages (written for
these tests, one group per rule, the rule stated above its group)."""

from __future__ import annotations

import pytest

from parsers.places import parse_organiser, parse_place

# (text, level, commune, arrondissement, département, région, EPCI)
PLACES = [
    # Paris, Lyon or Marseille opening a segment and a bare number ending the text: the arrondissement…
    ("Paris 15", "commune", "75056", "75115", "75", "11", "200054781"),
    ("Lyon 3", "commune", "69123", "69383", "69", "84", "200046977"),
    ("Campus Station F, Paris 13", "venue", "75056", "75113", "75", "11", "200054781"),
    ("Marseille 8", "commune", "13055", "13208", "13", "93", "200054807"),
    # … not the city's département ("Marseille 13"), a university's number, a street's number
    ("Marseille 13", "commune", "13055", None, "13", "93", "200054807"),
    ("Université Paris 8", "venue", "75056", None, "75", "11", "200054781"),
    ("Paris 15, rue de Vaugirard", "venue", "75056", None, "75", "11", "200054781"),
    # "Mairie du 5e" or "11e arrondissement" with the city named elsewhere in the text
    ("Mairie du 5e, Paris", "venue", "75056", "75105", "75", "11", "200054781"),
    ("Salle des mariages – mairie du 11e arrondissement – Paris", "venue", "75056", "75111", "75", "11", "200054781"),
    ("5e étage, Paris", "commune", "75056", None, "75", "11", "200054781"),   # a floor: no arrondissement, no venue
    ("Paris 8ème arrondissement", "commune", "75056", "75108", "75", "11", "200054781"),  # no venue
    # a town, "de"/"de la" and a département or région holding one of its homonyms: that town
    ("Saint-Denis de la Réunion", "commune", "97411", None, "974", "04", "249740119"),
    ("Saint-Pierre de la Martinique", "commune", "97225", None, "972", "02", "200041788"),
    ("Sainte-Marie de La Réunion", "commune", "97418", None, "974", "04", "249740119"),
    # a territory's name right after "Salle", "Pôle", "Espace"… names a room, not a place
    ("Salle Nord", "unknown", None, None, None, None, None),
    ("Pôle Bretagne", "unknown", None, None, None, None, None),
    ("Salle Bretagne, Rennes", "venue", "35238", None, "35", "53", "243500139"),
    ("Salle Normandie – Hôtel de Région, Caen", "venue", "14118", None, "14", "28", "200065597"),
    # two names touching in one segment are one name, not a list ("Paris Nord 2" is a business park)
    ("Paris Nord 2, Villepinte", "venue", "93078", None, "93", "11", "200054781"),
    ("Strasbourg & Mulhouse", "region", None, None, None, "44", None),       # "&" still lists
    # "Grand" and an EPCI's central commune: the EPCI
    ("Grand Lyon", "epci", None, None, "69", "84", "200046977"),
    ("Grand Toulouse", "epci", None, None, "31", "76", "243100518"),
    ("Grand Nancy", "epci", None, None, "54", "44", "245400676"),           # the EPCI's own name, as before
    # a business district that is an EPCI's own name is that EPCI, not only its département
    ("Cergy-Pontoise", "epci", None, None, None, "11", "249500109"),
    ("Saint-Quentin-en-Yvelines", "epci", None, None, "78", "11", "200058782"),
    ("La Défense (92)", "departement", None, None, "92", "11", None),       # no EPCI's name: the département
    # overseas France as a whole is spread over several régions: national
    ("Dans les Outre-mer", "national", None, None, None, None, None),
    ("En métropole et en outre-mer", "national", None, None, None, None, None),
    ("Ministère des Outre-mer, 27 rue Oudinot, 75007 Paris", "venue", "75056", "75107", "75", "11", "200054781"),
    # public buildings of Paris known by their name
    ("Sénat", "venue", "75056", "75106", "75", "11", "200054781"),
    ("Palais de l'Élysée", "venue", "75056", "75108", "75", "11", "200054781"),
    ("Halle Freyssinet", "venue", "75056", "75113", "75", "11", "200054781"),
    ("Hexagone Balard", "venue", "75056", "75115", "75", "11", "200054781"),
    # names inside a venue's name are no commune; upper-case texts read as any other
    ("Espace Jean Moulin", "unknown", None, None, None, None, None),
    ("NANTES – CITÉ DES CONGRÈS", "venue", "44109", None, "44", "52", "244400404"),
    ("HOTEL DE VILLE - 1 PLACE DU MARECHAL LECLERC - 35000 RENNES", "venue", "35238", None, "35", "53", "243500139"),
    ("ST-DENIS (93)", "commune", "93066", None, "93", "11", "200054781"),
    # a small town after "de" in a segment opening with a building's word is that building's town
    ("Salle polyvalente de Plouha", "venue", "22222", None, "22", "53", "200069086"),
    ("Maison France Services de Lodève", "venue", "34142", None, "34", "76", "200017341"),
    ("La salle des fêtes de Ploërmel", "venue", "56165", None, "56", "53", "200066777"),
    ("Salle de réunion de la mairie", "unknown", None, None, None, None, None),
    # a foreign name touching a French town's name is part of a name ("Lille Europe" is a station)
    ("Lille Europe", "venue", "59350", None, "59", "32", "200093201"),
    ("Bruxelles (Belgique)", "abroad", None, None, None, None, None),
    # short forms people use, islands of the overseas collectivités
    ("Ivry", "commune", "94041", None, "94", "11", "200054781"),
    ("Kremlin-Bicêtre", "commune", "94043", None, "94", "11", "200054781"),
    ("Villefranche", "unknown", None, None, None, None, None),   # sur-Saône, de-Rouergue, sur-Mer: no guess
    ("Tahiti", "departement", None, None, "987", "987", None),
    ("Papeete, Tahiti", "commune", "98735", None, "987", "987", None),
    ("Saint-Barth", "departement", None, None, "977", "977", None),
    # a town followed by a way to attend is a place, not a word of a sentence
    ("Nantes + visio", "commune", "44109", None, "44", "52", "244400404"),
    ("Rennes en visio", "commune", "35238", None, "35", "53", "243500139"),
    # the short forms of hyphenated names people use
    ("Hérouville", "commune", "14327", None, "14", "28", "200065597"),
    ("Thonon", "commune", "74281", None, "74", "84", "200067551"),
    ("Saint-Dié", "commune", "88413", None, "88", "44", "200071066"),
    ("Les Milles", "commune", "13001", None, "13", "93", "200054807"),
    # "et (ses) alentours", "et sa banlieue": the place and around it; names of parts of a région
    ("Brest et alentours", "commune", "29019", None, "29", "53", "242900314"),
    ("Lyon et sa banlieue", "epci", None, None, "69", "84", "200046977"),
    ("Petite couronne", "region", None, None, None, "11", None),
    ("Banlieue parisienne", "region", None, None, None, "11", None),
    ("Côte basque", "departement", None, None, "64", "75", None),
    ("Dans les régions", "national", None, None, None, None, None),
    ("Dans les départements bretons", "region", None, None, None, "53", None),
    ("CLERMONT FD", "commune", "63113", None, "63", "84", "246300701"),
    ("Sables-d'Olonne", "commune", "85194", None, "85", "52", "200071165"),
    # upper-case arrondissements
    ("PARIS 15", "commune", "75056", "75115", "75", "11", "200054781"),
    ("MARSEILLE 13E", "commune", "13055", "13213", "13", "93", "200054807"),
    # "Nord" as a side ("Quartier Nord", "Nord-Est", "Nord Isère") is not the département
    ("Nord Isère", "departement", None, None, "38", "84", None),
    ("Nord-Est", "unknown", None, None, None, None, None),
    ("Quartier Nord, Marseille", "venue", "13055", None, "13", "93", "200054807"),
    ("dans le Nord", "departement", None, None, "59", "32", None),
    ("Lille (Nord)", "commune", "59350", None, "59", "32", "200093201"),
    # Cedex and SP addresses: the commune of the name
    ("35026 Rennes Cedex 9", "commune", "35238", None, "35", "53", "243500139"),
    ("75700 Paris SP 07", "commune", "75056", None, "75", "11", "200054781"),
]

# (text, venue, attendance, level): words that say where or how, never a venue
VENUES = [
    ("Lieu communiqué après inscription", None, None, "unknown"),
    ("Adresse précisée aux inscrits", None, None, "unknown"),
    ("Lien envoyé aux inscrits", None, "online", "online"),
    ("Lien de connexion transmis la veille", None, "online", "online"),
    ("Depuis chez vous", None, "online", "online"),
    ("Partout en Bretagne", None, "offline", "region"),
    ("Plusieurs lieux en Normandie", None, "offline", "region"),
    ("Divers sites en Occitanie", None, "offline", "region"),
    ("Outre-mer", None, "offline", "national"),
    ("Bordeaux et Toulouse", None, "offline", "national"),
    ("Rennes ou Nantes", None, "offline", "national"),
    ("2e étage, 10 rue Garibaldi, Lyon", None, "offline", "venue"),
    ("Château de Versailles", "Château de Versailles", "offline", "venue"),   # a venue named after its town
    ("Salle 204, bâtiment B", "Salle 204", "offline", "unknown"),
    ("En ligne, puis à Montpellier", None, "mixed", "commune"),               # "puis" is no venue
    ("Tous les départements de Normandie", None, "offline", "region"),
    ("Nantes et environs", None, "offline", "commune"),
    # a country's name or a label is never a venue
    ("Rennes (France)", None, "offline", "commune"),
    ("Nantes, FR", None, "offline", "commune"),
    ("Format : hybride", None, "mixed", "unknown"),
    ("Modalité : présentiel", None, "offline", "unknown"),
]


@pytest.mark.parametrize(("text", "level", "commune", "arrondissement", "dep", "region", "epci"), PLACES,
                         ids=[c[0] for c in PLACES])
def test_real_place_phrases(text, level, commune, arrondissement, dep, region, epci):
    p = parse_place(text)
    assert (p.level, p.commune_code, p.arrondissement, p.departement_code, p.region_code, p.epci_code) == (
        level, commune, arrondissement, dep, region, epci), p


@pytest.mark.parametrize(("text", "venue", "attendance", "level"), VENUES, ids=[c[0] for c in VENUES])
def test_words_that_are_no_venue(text, venue, attendance, level):
    p = parse_place(text)
    assert (p.venue, p.attendance, p.level) == (venue, attendance, level), p


# (organiser, kind, level, département, région): an intercommunality named by its own name is an EPCI
ORGANISERS = [
    ("Grand Nancy", "epci", "epci", "54", "44"),
    ("Est Ensemble", "epci", "epci", "93", "11"),
    ("Grand Lyon", "epci", "epci", "69", "84"),
    ("Ville de Saint-Denis de la Réunion", "collectivite", "commune", "974", "04"),
    ("Salle Bretagne", "unknown", "unknown", None, None),
]


@pytest.mark.parametrize(("text", "kind", "level", "dep", "region"), ORGANISERS, ids=[c[0] for c in ORGANISERS])
def test_organisers_named_by_their_territory(text, kind, level, dep, region):
    o = parse_organiser(text)
    assert (o.kind, o.level, o.departement_code, o.region_code) == (kind, level, dep, region), o
