"""parsers.places.parse_place: table-driven cases grouped by kind, plus generated replica-style texts.

Each case is (text, expected) where expected lists only the fields that matter for the case;
a case that lists no commune_code expects none (see ``_check``).
"""

from __future__ import annotations

import json
import unicodedata
from importlib.resources import files

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import geo
from parsers.places import Place, parse_place
from parsers.places.text import fold, tokenize


def _check(text: str, expected: dict) -> Place:
    place = parse_place(text)
    got = {k: getattr(place, k) for k in expected}
    assert got == expected, f"{text!r}: {place}"
    if "commune_code" not in expected:  # a commune not announced must not be guessed
        assert place.commune_code is None, f"{text!r}: {place}"
    return place


def C(code: str, dep: str, reg: str, **more) -> dict:  # noqa: N802 - reads as a table column
    return {"commune_code": code, "departement_code": dep, "region_code": reg, **more}


PARIS, LYON, MARSEILLE = ("75056", "75", "11"), ("69123", "69", "84"), ("13055", "13", "93")
NANTES, RENNES = ("44109", "44", "52"), ("35238", "35", "53")

REFERENCE = [  # real texts from the DITP pages (shared/reference/ditp-site.md)
    ("77 Av. de Ségur 75015 Paris", C(*PARIS, postcode="75015", street="77 Av. de Ségur",
                                      arrondissement="75115", confidence="postcode+name")),
    ("77 avenue de Ségur, 75015 Paris", C(*PARIS, street="77 avenue de Ségur", venue=None)),
    ("Espace Beaulieu - 9 bd Vincent Gache - 44200 Nantes",
     C(*NANTES, venue="Espace Beaulieu", street="9 bd Vincent Gache", postcode="44200",
       attendance="offline")),
    ("Préfecture de région de Bretagne, 3 rue Martenot à Rennes, salle 101",
     C(*RENNES, venue="Préfecture de région de Bretagne", street="3 rue Martenot")),
    ("Préfecture de région de Bretagne", {"commune_code": None, "departement_code": None, "region_code": "53",
                                          "level": "region", "confidence": "institution"}),
    ("à Paris (Ségur)", C(*PARIS, attendance="offline")),
    ("à Nantes (Pays de Loire)", C(*NANTES)),
    ("Station F", C(*PARIS, arrondissement="75113", confidence="alias", venue="Station F")),
    ("En ligne", {"attendance": "online", "is_online": True, "commune_code": None}),
    ("En ligne et en présentiel", {"attendance": "mixed", "is_online": None}),
    ("hybride", {"attendance": "mixed", "commune_code": None}),
    ("Matin : plénière en hybride", {"attendance": "mixed", "venue": None}),
    ("à la préfecture de région Grand Est", {"region_code": "44", "level": "region"}),
    ("Lille (59)", C("59350", "59", "32")),
    ("à Rennes", C(*RENNES, attendance="offline", is_online=False)),
]

POSTCODES = [
    ("12 rue de la Paix, 44000 Nantes", C(*NANTES, postcode="44000", street="12 rue de la Paix")),
    ("Nantes 44000", C(*NANTES, postcode="44000")),
    ("44000 NANTES", C(*NANTES)),
    ("44000, Nantes", C(*NANTES)),
    ("Nantes (44000)", C(*NANTES)),
    ("3 rue Martenot 35000 Rennes", C(*RENNES, street="3 rue Martenot")),
    ("Hôtel de ville, place de la Mairie, 35000 Rennes", C(*RENNES, venue="Hôtel de ville",
                                                          street="place de la Mairie")),
    ("1 place du Capitole 31000 Toulouse", C("31555", "31", "76")),
    ("Cité administrative, 2 rue Jules Ferry, 33000 Bordeaux", C("33063", "33", "75")),
    ("10 bis rue des Arts, 59000 Lille", C("59350", "59", "32", street="10 bis rue des Arts")),
    ("6 quai Kléber 67000 Strasbourg", C("67482", "67", "44")),
    ("44200", C(*NANTES, confidence="postcode")),
    ("35000", C(*RENNES, confidence="postcode")),
    ("Code postal 59000", C("59350", "59", "32")),
    ("92130 Issy-les-Moulineaux", C("92040", "92", "11")),
    ("75015 Issy-les-Moulineaux", C("92040", "92", "11", confidence="postcode+name")),
    ("Rue de Rivoli 75001 Paris", C(*PARIS, arrondissement="75101", street="Rue de Rivoli")),
    ("Avenue Foch, 75116 Paris", C(*PARIS, arrondissement="75116")),
    ("20 avenue de Ségur 75007 Paris", C(*PARIS, arrondissement="75107")),
    ("5 place Bellecour 69002 Lyon", C(*LYON, arrondissement="69382")),
    ("2 quai du Port, 13002 Marseille", C(*MARSEILLE, arrondissement="13202")),
    ("13001 Marseille", C(*MARSEILLE, arrondissement="13201")),
    ("Espace Mendès France, 1 place de la Cathédrale, 86000 Poitiers", C("86194", "86", "75")),
    ("12 rue X - 97400 Saint-Denis", C("97411", "974", "04", confidence="postcode+name")),
    ("93200 Saint-Denis", C("93066", "93", "11")),
    ("20000 Ajaccio", C("2A004", "2A", "94")),
    ("20200 Bastia", C("2B033", "2B", "94")),
    ("97200 Fort-de-France", C("97209", "972", "02")),
    ("97600 Mamoudzou", C("97611", "976", "06")),
    ("97300 Cayenne", C("97302", "973", "03")),
    ("97110 Pointe-à-Pitre", C("97120", "971", "01")),
    ("3 Rue du Général Leclerc 56000 Vannes", C("56260", "56", "53")),
    ("11 rue Saint-Dominique 75700 Paris SP 07", C(*PARIS)),
    ("BP 123 - 44000 Nantes", C(*NANTES)),
    ("17000 La Rochelle", C("17300", "17", "75")),
    ("35 000 Rennes", C(*RENNES, postcode="35000")),
    ("12 rue Kléber, 67 000 Strasbourg", C("67482", "67", "44", postcode="67000")),
    ("44000 Rennes", C(*RENNES, postcode="44000", confidence="name-postcode-mismatch")),
    ("3 rue de Paris, 44000 Saint-Denis", C(*NANTES, confidence="postcode")),
    ("76600 Le Havre", C("76351", "76", "28")),
    ("Parc des expositions, 18 rue de la Foire, 57000 Metz", C("57463", "57", "44")),
]

CEDEX = [
    ("35042 Rennes Cedex", C(*RENNES, postcode="35042", confidence="cedex+name")),
    ("CS 12345 - 35042 RENNES CEDEX", C(*RENNES)),
    ("3 avenue de la Préfecture, 35026 Rennes Cedex 9", C(*RENNES)),
    ("6 quai Ceineray, BP 33515, 44035 Nantes Cedex 1", C(*NANTES)),
    ("1 rue de la République 69289 Lyon cedex 02", C(*LYON)),
    ("75338 Paris Cedex 07", C(*PARIS)),
    ("59039 Lille Cedex", C("59350", "59", "32")),
    ("20188 Ajaccio Cedex 1", C("2A004", "2A", "94")),
    ("97405 Saint-Denis Cedex", C("97411", "974", "04")),
    ("35042 Cedex", {"commune_code": None, "departement_code": "35", "region_code": "53"}),
]

ARRONDISSEMENTS = [
    ("Paris 15e", C(*PARIS, arrondissement="75115", confidence="arrondissement")),
    ("Paris 15ème", C(*PARIS, arrondissement="75115")),
    ("Paris 1er", C(*PARIS, arrondissement="75101")),
    ("Paris 20e", C(*PARIS, arrondissement="75120")),
    ("à Paris 13e", C(*PARIS, arrondissement="75113")),
    ("Lyon 3e", C(*LYON, arrondissement="69383")),
    ("Lyon 9e", C(*LYON, arrondissement="69389")),
    ("Marseille 1er", C(*MARSEILLE, arrondissement="13201")),
    ("Marseille 16e", C(*MARSEILLE, arrondissement="13216")),
    ("7e arrondissement de Paris", C(*PARIS, arrondissement="75107")),
    ("2e arrondissement de Lyon", C(*LYON, arrondissement="69382")),
    ("75015", C(*PARIS, arrondissement="75115", confidence="postcode")),
    ("75116", C(*PARIS, arrondissement="75116")),
    ("69003", C(*LYON, arrondissement="69383")),
    ("Paris", C(*PARIS, arrondissement=None)),
    ("Paris 25e", C(*PARIS, arrondissement=None)),
    # roman numerals, as on street signs and older pages
    ("Paris XVe", C(*PARIS, arrondissement="75115", confidence="arrondissement")),
    ("Paris Ier", C(*PARIS, arrondissement="75101")),
    ("Paris XIXe", C(*PARIS, arrondissement="75119")),
    ("Lyon IIIe", C(*LYON, arrondissement="69383")),
    ("Marseille VIIIe", C(*MARSEILLE, arrondissement="13208")),
    ("XIe arrondissement de Paris", C(*PARIS, arrondissement="75111")),
    ("Lyon Xe", C(*LYON, arrondissement=None)),          # Lyon has nine
    ("Paris IV", C(*PARIS, arrondissement=None)),         # no ordinal mark: a name (Paris IV university)
    ("Paris Vie étudiante", C(*PARIS, arrondissement=None)),   # a word, not VIe
    ("Paris VIe", C(*PARIS, arrondissement="75106")),
]

NAMES = [
    ("Rennes", C(*RENNES, confidence="name")),
    ("RENNES", C(*RENNES)),
    ("rennes", C(*RENNES)),
    ("à Lyon", C(*LYON)),
    ("A Lyon", C(*LYON)),
    ("à Marseille", C(*MARSEILLE)),
    ("à Toulouse", C("31555", "31", "76")),
    ("à Nîmes", C("30189", "30", "76")),
    ("à Nimes", C("30189", "30", "76")),
    ("à Besancon", C("25056", "25", "27")),
    ("à Orléans", C("45234", "45", "24")),
    ("Le Havre", C("76351", "76", "28")),
    ("au Havre", C("76351", "76", "28")),
    ("au Mans", C("72181", "72", "52")),
    ("du Mans", C("72181", "72", "52")),
    ("aux Abymes", C("97101", "971", "01")),
    ("à la Rochelle", C("17300", "17", "75")),
    ("à La Roche-sur-Yon", C("85191", "85", "52")),
    ("à la Roche sur Yon", C("85191", "85", "52")),
    ("Saint-Étienne", C("42218", "42", "84")),
    ("St-Étienne", C("42218", "42", "84")),
    ("St Etienne", C("42218", "42", "84")),
    ("Saint Etienne", C("42218", "42", "84")),
    ("Ste-Foy-lès-Lyon", C("69202", "69", "84")),
    ("Sainte Foy les Lyon", C("69202", "69", "84")),
    ("St-Malo", C("35288", "35", "53")),
    ("à Châlons-en-Champagne", C("51108", "51", "44")),
    ("à Chalons en Champagne", C("51108", "51", "44")),
    ("à Villeneuve-d'Ascq", C("59009", "59", "32")),
    ("à Villeneuve d’Ascq", C("59009", "59", "32")),
    ("à Clermont-Ferrand", C("63113", "63", "84")),
    ("à Aix-en-Provence", C("13001", "13", "93")),
    ("à Boulogne-Billancourt", C("92012", "92", "11")),
    ("à Évry-Courcouronnes", C("91228", "91", "11")),
    ("à Cherbourg", C("50129", "50", "28")),
    ("à Cherbourg-Octeville", C("50129", "50", "28")),
    ("à Brive", C("19031", "19", "75")),
    ("Mairie de Quimper", C("29232", "29", "53", venue="Mairie de Quimper")),
    ("Université de Lille", C("59350", "59", "32")),
    ("Hôtel de Région, Rennes", C(*RENNES, venue="Hôtel de Région")),
    ("Médiathèque, Angers", C("49007", "49", "52", venue="Médiathèque")),
    ("Salle des fêtes à Vitré", C("35360", "35", "53", venue="Salle des fêtes")),
    ("Campus de Beaulieu, Rennes", C(*RENNES)),
    ("Paris", C(*PARIS)),
    ("à Paris", C(*PARIS)),
    ("Grenoble, Isère", C("38185", "38", "84")),
    ("Ajaccio", C("2A004", "2A", "94")),
    ("à Bastia", C("2B033", "2B", "94")),
    ("Pointe-à-Pitre", C("97120", "971", "01")),
    ("à Fort-de-France", C("97209", "972", "02")),
    ("à Cayenne", C("97302", "973", "03")),
    ("à Mamoudzou", C("97611", "976", "06")),
    ("à Vienne", C("38544", "38", "84")),
    ("à Orange", C("84087", "84", "93")),
    ("à Sens", C("89387", "89", "27")),
]

HOMONYMS = [
    ("Saint-Denis (974)", C("97411", "974", "04", confidence="name+departement")),
    ("Saint-Denis (93)", C("93066", "93", "11")),
    ("Saint-Denis, La Réunion", C("97411", "974", "04")),
    ("à Saint-Denis (Seine-Saint-Denis)", C("93066", "93", "11")),
    ("à Saint-Denis de La Réunion", C("97411", "974", "04")),
    ("Saint-Denis, Île-de-France", C("93066", "93", "11", confidence="name+region")),
    ("Saint-Denis", {"commune_code": None, "confidence": None}),
    ("à Saint-Denis", {"commune_code": None}),
    ("Montreuil", C("93048", "93", "11", confidence="name-dominant")),
    ("à Montreuil (85)", C("85148", "85", "52")),
    ("à Saint-Nazaire", C("44184", "44", "52", confidence="name-dominant")),
    ("à Valence", C("26362", "26", "84", confidence="name-prefecture")),
    ("à Valence (82)", C("82186", "82", "76")),
    ("Saint-Pierre (974)", C("97416", "974", "04")),
    ("à Saint-Paul (La Réunion)", C("97415", "974", "04")),
    ("Saint-Denis, Réunion", C("97411", "974", "04")),          # without "La"
    ("Saint-Pierre (Réunion)", C("97416", "974", "04")),
    ("à Saint-Martin", C("97801", "978", "978", confidence="name-dominant")),  # the island, 30x the others
    ("Beaulieu", {"commune_code": None}),
    ("à Clermont", {"commune_code": None}),
    ("à Clermont (Oise)", C("60157", "60", "32")),
    ("Bellegarde (45)", C("45031", "45", "24")),
    ("à Saint-Germain", {"commune_code": None}),
    ("Saint-Nazaire (66)", C("66186", "66", "76")),
    ("Saint-Denis 97400", C("97411", "974", "04", confidence="postcode+name")),
    ("à Saint-Denis (Nouvelle-Aquitaine)", {"commune_code": None}),
    ("Bors (Canton de Charente-Sud)", C("16053", "16", "75")),
]

AREAS = [
    ("Bretagne", {"commune_code": None, "departement_code": None, "region_code": "53",
                  "confidence": "region"}),
    ("en Bretagne", {"commune_code": None, "region_code": "53"}),
    ("Région Bretagne", {"commune_code": None, "region_code": "53"}),
    ("Occitanie", {"commune_code": None, "region_code": "76"}),
    ("Hauts-de-France", {"commune_code": None, "region_code": "32"}),
    ("Grand Est", {"commune_code": None, "region_code": "44"}),
    ("Nouvelle-Aquitaine", {"commune_code": None, "region_code": "75"}),
    ("Provence-Alpes-Côte d'Azur", {"commune_code": None, "region_code": "93"}),
    ("Île-de-France", {"commune_code": None, "region_code": "11"}),
    ("Ile de France", {"commune_code": None, "region_code": "11"}),
    ("Centre-Val de Loire", {"commune_code": None, "region_code": "24"}),
    ("Bourgogne-Franche-Comté", {"commune_code": None, "region_code": "27"}),
    ("Normandie", {"commune_code": None, "region_code": "28"}),
    ("Corse", {"commune_code": None, "region_code": "94"}),
    ("PACA", {"commune_code": None, "region_code": "93"}),
    ("Région Sud", {"commune_code": None, "region_code": "93"}),
    ("Rhône-Alpes", {"commune_code": None, "region_code": "84"}),
    ("Auvergne", {"commune_code": None, "region_code": "84"}),
    ("AURA", {"commune_code": None, "region_code": "84"}),
    ("Pays de Loire", {"commune_code": None, "region_code": "52"}),
    ("Pays de la Loire", {"commune_code": None, "region_code": "52"}),
    ("Nord-Pas-de-Calais", {"commune_code": None, "region_code": "32"}),
    ("Picardie", {"commune_code": None, "region_code": "32"}),
    ("Midi-Pyrénées", {"commune_code": None, "region_code": "76", "others": ()}),
    ("Languedoc-Roussillon", {"commune_code": None, "region_code": "76"}),
    ("Alsace", {"commune_code": None, "region_code": "44"}),
    ("Lorraine", {"commune_code": None, "region_code": "44"}),
    ("Champagne-Ardenne", {"commune_code": None, "region_code": "44"}),
    ("Aquitaine", {"commune_code": None, "region_code": "75"}),
    ("Limousin", {"commune_code": None, "region_code": "75"}),
    ("Poitou-Charentes", {"commune_code": None, "region_code": "75"}),
    ("Basse-Normandie", {"commune_code": None, "region_code": "28"}),
    ("Haute-Normandie", {"commune_code": None, "region_code": "28"}),
    ("Franche-Comté", {"commune_code": None, "region_code": "27"}),
    ("Loire-Atlantique", {"commune_code": None, "departement_code": "44", "region_code": "52",
                          "confidence": "departement"}),
    ("en Gironde", {"commune_code": None, "departement_code": "33", "region_code": "75"}),
    ("dans le Finistère", {"commune_code": None, "departement_code": "29", "region_code": "53"}),
    ("Côtes-d'Armor", {"commune_code": None, "departement_code": "22"}),
    ("Seine-Saint-Denis", {"commune_code": None, "departement_code": "93"}),
    ("(59)", {"commune_code": None, "departement_code": "59", "region_code": "32"}),
    ("Département du Nord", {"commune_code": None, "departement_code": "59"}),
    ("Corse-du-Sud", {"commune_code": None, "departement_code": "2A", "region_code": "94"}),
    ("Haute-Corse", {"commune_code": None, "departement_code": "2B", "region_code": "94"}),
    ("La Réunion", {"commune_code": None, "departement_code": "974", "region_code": "04"}),
    ("à La Réunion", {"commune_code": None, "departement_code": "974", "region_code": "04"}),
    ("Guadeloupe", {"commune_code": None, "departement_code": "971", "region_code": "01"}),
    ("Martinique", {"commune_code": None, "departement_code": "972", "region_code": "02"}),
    ("Guyane", {"commune_code": None, "departement_code": "973", "region_code": "03"}),
    ("Mayotte", {"commune_code": None, "departement_code": "976", "region_code": "06"}),
    ("à Marne-la-Vallée", {"commune_code": None, "departement_code": "77", "region_code": "11"}),
    ("La Défense", {"commune_code": None, "departement_code": "92"}),
    ("Préfecture de la Gironde", {"departement_code": "33", "region_code": "75", "level": "departement"}),
    ("Sous-préfecture de la Gironde", {"commune_code": None, "departement_code": "33"}),
    ("Préfecture de région Occitanie", {"departement_code": None, "region_code": "76", "level": "region"}),
    ("Préfecture de la région Hauts-de-France", {"region_code": "32", "level": "region"}),
]

VENUES = [
    ("Station F, Paris", C(*PARIS, arrondissement="75113")),
    # a "Date et lieu" value: the date is no venue
    ("le jeudi 14 novembre 2024 de 10h à 12h, Préfecture d'Ille-et-Vilaine, 35000 Rennes",
     C(*RENNES, venue="Préfecture d'Ille-et-Vilaine")),
    ("Le 14/11 à 10h - Espace Beaulieu, 44200 Nantes", C(*NANTES, venue="Espace Beaulieu")),
    ("Salle du 11 Novembre, 44000 Nantes", C(*NANTES, venue="Salle du 11 Novembre")),
    ("Station F - 5 parvis Alan Turing - 75013 Paris", C(*PARIS, arrondissement="75113",
                                                          venue="Station F")),
    ("Centre de Ségur", C(*PARIS, arrondissement="75107", venue="Centre de Ségur")),
    ("Bercy", C(*PARIS, confidence="alias")),
    ("Cité des sciences et de l'industrie", C(*PARIS, arrondissement="75119")),
    ("Assemblée nationale", C(*PARIS)),
    ("Cour des comptes", C(*PARIS, arrondissement="75101")),
    ("EuraTechnologies", C("59350", "59", "32")),
    ("Station F (Paris 13e)", C(*PARIS, arrondissement="75113")),
    ("Le 110 bis, Paris", C(*PARIS)),
]

ATTENDANCE = [
    ("En ligne", "online"), ("en ligne", "online"), ("100 % en ligne", "online"),
    ("Distanciel", "online"), ("À distance", "online"), ("Webinaire", "online"),
    ("webinar", "online"), ("Visio", "online"), ("Visioconférence", "online"),
    ("En visioconférence (Teams)", "online"), ("Zoom", "online"), ("Sur Teams", "online"),
    ("Webex", "online"), ("BBB", "online"), ("https://zoom.us/j/123456", "online"),
    ("Lien : https://webinaire.numerique.gouv.fr/abc", "online"),
    ("https://meet.google.com/abc-defg-hij", "online"),
    ("Hybride", "mixed"), ("En hybride", "mixed"), ("hybride (Rennes + en ligne)", "mixed"),
    ("En ligne et en présentiel", "mixed"), ("En présentiel et en distanciel", "mixed"),
    ("Sur place et à distance", "mixed"), ("Présentiel ou distanciel", "mixed"),
    ("Rennes et en ligne", "mixed"), ("En ligne ou à Rennes", "mixed"),
    ("Présentiel", "offline"), ("En présentiel", "offline"), ("Sur place", "offline"),
    ("44200 Nantes", "offline"), ("à Lille", "offline"), ("Station F", "offline"),
    ("Salle du conseil", "offline"), ("12 rue de la Paix", "offline"),
    ("", None), ("   ", None), ("Lieu à définir", None), ("À confirmer", None), ("???", None),
    ("Inscription en ligne obligatoire", None), ("Inscriptions en ligne, à Rennes", "offline"),
    ("Webinaire - lien envoyé après inscription", "online"),
    ("Matin : plénière en hybride", "mixed"),
    ("Conférence retransmise en direct", "online"),
    ("Amphithéâtre, Rennes (retransmission en direct)", "mixed"),
    ("Appelez le 02 99 00 00 00", None),
    ("Webikeo", "online"), ("Google Meet", "online"), ("Skype", "online"),
]

SEVERAL = [
    ("Matin : 3 rue Martenot, 35000 Rennes ; après-midi : en ligne",
     C(*RENNES, attendance="mixed", street="3 rue Martenot")),
    ("Matin : en ligne ; après-midi : 44200 Nantes", C(*NANTES, attendance="mixed")),
    ("Matin : à Rennes ; Après-midi : à Nantes", C(*RENNES, attendance="offline")),
    ("9h-12h : Lille (59) ; 14h-17h : Arras (62)", C("59350", "59", "32")),
    ("Matinée : Espace Beaulieu, 44200 Nantes\nAprès-midi : Station F", C(*NANTES)),
    ("Jour 1 : Lyon 3e ; Jour 2 : Marseille 1er", C(*LYON, arrondissement="69383")),
    ("Matin en présentiel à Rennes, après-midi en ligne", C(*RENNES, attendance="mixed")),
    ("Matin - Rennes / Après-midi - en ligne", C(*RENNES, attendance="mixed")),
    ("Le matin à Nantes (44) ; l'après-midi à Angers", C(*NANTES, attendance="offline")),
    ("Rennes, le matin ; en ligne l'après-midi", C(*RENNES, attendance="mixed")),
]

REAL_WORLD = [  # forms seen on public-sector event pages
    ("Préfecture de la Région Auvergne-Rhône-Alpes, 31 rue Dunoyer de Segonzac, 69003 Lyon",
     C(*LYON, arrondissement="69383", venue="Préfecture de la Région Auvergne-Rhône-Alpes",
       street="31 rue Dunoyer de Segonzac")),
    ("DREAL Occitanie, 1 rue de la Cité administrative, 31000 Toulouse",
     C("31555", "31", "76", venue="DREAL Occitanie")),
    ("Cité administrative de Lille, 175 rue Gustave Delory, Lille", C("59350", "59", "32")),
    ("Locaux de la DITP, 20 avenue de Ségur, Paris 7e", C(*PARIS, arrondissement="75107")),
    ("Campus Cyber, La Défense", {"commune_code": None, "departement_code": "92"}),
    ("Centre Pompidou-Metz", C("57463", "57", "44")),
    ("Salle des Conseils de la Préfecture du Finistère, Quimper", C("29232", "29", "53")),
    ("Région Grand Est - Maison de la Région - Strasbourg", C("67482", "67", "44")),
    ("Lycée Jean Moulin, Saint-Denis (La Réunion)", C("97411", "974", "04")),
    ("Pôle emploi Nouvelle-Aquitaine, Bordeaux", C("33063", "33", "75")),
    ("Roubaix (59100)", C("59512", "59", "32", confidence="postcode+name")),
    ("Grenoble Alpes Métropole", {"epci_code": "200040715", "departement_code": "38", "level": "epci"}),
    ("Université Rennes 2", C(*RENNES)),
    ("IUT de Lannion", C("22113", "22", "53")),
    ("Conseil départemental de la Loire-Atlantique", {"commune_code": None,
                                                     "departement_code": "44"}),
    ("Métropole européenne de Lille", {"epci_code": "200093201", "region_code": "32", "level": "epci"}),
    ("Aix-Marseille Université", C(*MARSEILLE)),
    ("Université Paris-Saclay, Gif-sur-Yvette", C("91272", "91", "11")),
    ("MINEFI - Bercy - 139 rue de Bercy - 75012 Paris", C(*PARIS, arrondissement="75112")),
    ("Gare de Lyon, Paris", C(*PARIS)),
    ("Paris Gare de Lyon", C(*PARIS)),
    ("Hôtel de ville de Saint-Étienne", C("42218", "42", "84")),
    ("Archives départementales de la Gironde, Bordeaux", C("33063", "33", "75")),
    ("Préfecture de Mayotte", {"departement_code": "976", "region_code": "06", "level": "departement"}),
    ("Ste Marie (974)", C("97418", "974", "04")),
    ("Évry", C("91228", "91", "11")),
    ("Charleville", C("08105", "08", "44")),
    ("à Aix", C("13001", "13", "93")),
    ("Le Puy", C("43157", "43", "84")),
    ("Issy", C("92040", "92", "11")),
    ("Boulogne", {"commune_code": None}),
    ("Territoire de Belfort", {"commune_code": None, "departement_code": "90"}),
    ("Marseille - La Friche Belle de Mai", C(*MARSEILLE, venue="La Friche Belle de Mai")),
    ("Tours de table", {"commune_code": None}),
    ("Lien de connexion communiqué après inscription", {"attendance": "online", "venue": None}),
    ("Visioconférence Teams (lien transmis aux inscrits)", {"attendance": "online", "venue": None}),
    ("LinkedIn Live", {"attendance": "online"}),
    ("Format digital", {"attendance": "online"}),
    ("Dans les locaux du laboratoire", {"attendance": "offline", "commune_code": None}),
    ("Dans vos locaux", {"attendance": "offline"}),
    ("Chez vous !", {"attendance": None, "venue": None}),
    ("En présentiel à Lyon et en ligne", C(*LYON, attendance="mixed")),
]

NEGATIVES = [
    "", " ", "???", "-", "N/A", "Bruxelles", "à Bruxelles", "Genève", "à Genève (Suisse)",
    "dans toute l'Europe", "Partout en France", "France entière", "En ligne", "Lieu à définir",
    "Parisien", "Les Parisiens", "Ligne 14", "Y", "En", "Sainte", "Saint", "Rue", "Eu",
    "Salle 3", "Amphithéâtre", "Montréal (Québec)", "Luxembourg", "Bruxelles, Belgique",
    "Londres", "12345", "00000", "99999", "Réunion d'équipe", "la réunion mensuelle",
    "Programme en ligne", "Plan d'accès", "www.example.org", "Ville de demain",
    "l'innovation dans les territoires", "Ouvert à tous", "🙂🙂", "\x00\x01", "<p>&nbsp;</p>",
    "Tours de table", "centre-ville",
]

FALSE_FRIENDS = [  # everyday words that are commune names elsewhere must not win
    ("Espace Ligne 14, 44200 Nantes", C(*NANTES)),
    ("En ligne depuis Rennes", C(*RENNES, attendance="mixed")),
    ("Le Parisien, 10 boulevard de Grenelle, 75015 Paris", C(*PARIS)),
    ("Salle Orange, 44000 Nantes", C(*NANTES)),
    ("Maison de la Mer, Lorient", C("56121", "56", "53")),
    ("Rue de Paris, 35000 Rennes", C(*RENNES)),
    ("Gare du Nord, Paris", C(*PARIS)),
    ("Bâtiment Y, 35000 Rennes", C(*RENNES)),
    ("Maison de l'emploi (Mayenne)", C("53147", "53", "52")),
    ("Maison France services (Doubs)", C("25204", "25", "27")),
    ("Maison des associations (Sens)", C("89387", "89", "27")),
    ("Centre de gestion (Ligné)", C("44082", "44", "52")),
    ("Espace Simone Veil (Ham)", C("80410", "80", "32")),
    ("Montréal (11)", C("11254", "11", "76")),
    ("Réunion publique", {"commune_code": None, "departement_code": None, "region_code": None}),
    ("Réunion d'information, 44000 Nantes", C(*NANTES)),
    ("Salle Réunion 2", {"commune_code": None, "departement_code": None, "region_code": None}),
    ("Paris 75", C(*PARIS, venue=None)),
    ("la Plaine Saint-Denis", C("93066", "93", "11")),
    ("Université de Bordeaux, Talence", C("33522", "33", "75")),
    ("Médiathèque, Doubs", {"commune_code": None, "departement_code": "25"}),
]


def _ids(cases):
    return [c[0] if isinstance(c, tuple) else c for c in cases]


@pytest.mark.parametrize(("text", "expected"), REFERENCE, ids=_ids(REFERENCE))
def test_reference_examples(text, expected):
    _check(text, expected)


@pytest.mark.parametrize(("text", "expected"), POSTCODES, ids=_ids(POSTCODES))
def test_postcode_and_commune(text, expected):
    _check(text, expected)


@pytest.mark.parametrize(("text", "expected"), CEDEX, ids=_ids(CEDEX))
def test_cedex(text, expected):
    _check(text, expected)


@pytest.mark.parametrize(("text", "expected"), ARRONDISSEMENTS, ids=_ids(ARRONDISSEMENTS))
def test_arrondissements(text, expected):
    _check(text, expected)


@pytest.mark.parametrize(("text", "expected"), NAMES, ids=_ids(NAMES))
def test_commune_names(text, expected):
    _check(text, expected)


@pytest.mark.parametrize(("text", "expected"), HOMONYMS, ids=_ids(HOMONYMS))
def test_homonyms(text, expected):
    _check(text, expected)


@pytest.mark.parametrize(("text", "expected"), AREAS, ids=_ids(AREAS))
def test_departements_and_regions(text, expected):
    _check(text, expected)


@pytest.mark.parametrize(("text", "expected"), VENUES, ids=_ids(VENUES))
def test_known_venues(text, expected):
    _check(text, expected)


@pytest.mark.parametrize(("text", "mode"), ATTENDANCE, ids=_ids(ATTENDANCE))
def test_attendance(text, mode):
    place = parse_place(text)
    assert place.attendance == mode, place
    assert place.is_online == {"online": True, "offline": False}.get(mode)


@pytest.mark.parametrize(("text", "expected"), SEVERAL, ids=_ids(SEVERAL))
def test_several_places(text, expected):
    place = _check(text, expected)
    assert len(place.others) == 1
    assert place.text == text


@pytest.mark.parametrize(("text", "expected"), REAL_WORLD, ids=_ids(REAL_WORLD))
def test_real_world_forms(text, expected):
    _check(text, expected)


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_codes(text):
    place = parse_place(text)
    assert (place.commune_code, place.departement_code, place.region_code) == (None,) * 3, place


@pytest.mark.parametrize(("text", "expected"), FALSE_FRIENDS, ids=_ids(FALSE_FRIENDS))
def test_false_friends(text, expected):
    _check(text, expected)


def test_online_url_is_kept():
    place = parse_place("Webinaire : https://zoom.us/j/987654321?pwd=abc.")
    assert place.online_url == "https://zoom.us/j/987654321?pwd=abc"
    assert place.attendance == "online"
    registration = parse_place("Inscription : https://www.eventbrite.fr/e/123, 44200 Nantes")
    assert registration.online_url == "https://www.eventbrite.fr/e/123"
    assert (registration.commune_code, registration.attendance) == ("44109", "offline")


def test_other_places_are_parsed():
    place = parse_place("Matin : 44200 Nantes ; après-midi : en ligne (https://zoom.us/j/1)")
    (other,) = place.others
    assert (other.attendance, other.online_url, other.commune_code) == (
        "online", "https://zoom.us/j/1", None)


def test_commune_name_is_official():
    assert parse_place("st etienne").commune_name == "Saint-Étienne"
    assert parse_place("à Cherbourg").commune_name == "Cherbourg-en-Cotentin"


def test_type_error_on_non_str():
    for bad in (None, 42, b"Nantes", ["Nantes"]):
        with pytest.raises(TypeError):
            parse_place(bad)  # type: ignore[arg-type]


def test_very_long_text_is_cut_not_refused():
    place = parse_place("Salle " * 5000 + "44200 Nantes")
    assert place.commune_code is None  # beyond the first 2000 characters
    assert parse_place("44200 Nantes " + "x" * 10_000).commune_code == "44109"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_any_str(text):
    place = parse_place(text)
    assert place.attendance in ("offline", "online", "mixed", None)
    if place.commune_code:
        c = geo.commune(place.commune_code)
        assert (c.departement_code, c.region_code) == (place.departement_code, place.region_code)


# --- the replica's forms, for communes drawn across every région --------------------------------

_OLD_REGION = {"44": "Alsace", "75": "Aquitaine", "84": "Rhône-Alpes", "27": "Bourgogne",
               "28": "Haute-Normandie", "32": "Nord-Pas-de-Calais", "52": "Pays de Loire",
               "93": "PACA", "76": "Midi-Pyrénées", "24": "Centre", "53": "Bretagne",
               "11": "Île-de-France", "94": "Corse", "01": "Guadeloupe", "02": "Martinique",
               "03": "Guyane", "04": "Réunion", "06": "Mayotte"}
_ADDRESS_FORMS = {
    "street": "12 rue de la République, {pc} {name}",
    "venue-street": "Maison des services - 3 place de la Mairie - {pc} {name}",
}
_NAME_FORMS = {
    "a": "à {name}",
    "a-region": "à {name} ({region})",
    "a-old-region": "à {name} ({old})",
    "dep": "{name} ({dep})",
    "venue": "Salle polyvalente, {name}",
}


def _sample() -> list[geo.Commune]:
    """Per région: its 4 largest communes and 8 more spread over its code range."""
    picked = []
    for r in geo.regions():
        inside = sorted((c for c in geo.communes() if c.region_code == r.code), key=lambda c: c.code)
        largest = sorted(inside, key=lambda c: -(c.population or 0))[:4]
        step = max(1, len(inside) // 8)
        picked += largest + [c for c in inside[::step][:8] if c not in largest]
    return picked


def _unique_names() -> set[str]:
    seen: dict[str, int] = {}
    for c in geo.communes():
        seen[fold(c.name)] = seen.get(fold(c.name), 0) + 1
    return {k for k, n in seen.items() if n == 1}


def test_replica_forms_resolve_across_all_regions():
    unique = _unique_names()
    failures = []
    for c in _sample():
        values = {"pc": c.postcodes[0] if c.postcodes else "", "name": c.name, "dep": c.departement_code,
                  "region": geo.region(c.region_code).name, "old": _OLD_REGION[c.region_code]}
        forms = dict(_ADDRESS_FORMS) if c.postcodes else {}
        if fold(c.name) in unique:
            forms |= _NAME_FORMS
        for kind, form in forms.items():
            p = parse_place(form.format(**values))
            if (p.commune_code, p.departement_code, p.region_code) != (
                    c.code, c.departement_code, c.region_code):
                failures.append((kind, form.format(**values), p.commune_code, p.confidence))
    assert not failures, failures[:20]
    assert len(_sample()) >= 18 * 10


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Saint-Étienne", "saint etienne"), ("L’Haÿ-les-Roses", "l hay les roses"),
     ("Ste-Foy-lès-Lyon", "sainte foy les lyon"), ("ŒUVRE", "oeuvre"), ("e\u0301cole", "ecole"),
     ("St  Malo", "saint malo"), ("Fast", "fast"), ("", "")],
)
def test_fold(text, folded):
    assert fold(text) == folded
    assert [t.key for t in tokenize(unicodedata.normalize("NFC", text))] == folded.split()


def test_alias_table_points_to_real_codes():
    aliases = json.loads(files("parsers.data").joinpath("place_aliases.json").read_text("utf-8"))
    assert all(geo.region(code) for code in aliases["regions"].values())
    assert all(geo.commune(code) for code in aliases["short_names"].values() if code)
    assert all(geo.departement(code) for code in aliases["areas"].values())
    for venue in aliases["venues"]:
        assert geo.commune(venue["commune"]), venue
        arr = venue["arrondissement"]
        assert arr is None or geo.arrondissement_municipal(arr).commune_code == venue["commune"]
    everyday = {fold(n) for n in aliases["not_communes"]}
    assert everyday <= {fold(c.name) for c in geo.communes()} | {fold(n) for n in aliases["regions"]}


@pytest.mark.parametrize(("text", "commune", "arrondissement"), [
    ("ＰＡＲＩＳ", "75056", None),            # full-width letters, as pasted from some editors
    ("à Ｌｉｌｌｅ", "59350", None),
    ("Paris 15ᵉ", "75056", "75115"),          # superscript ordinal
])
def test_compatibility_characters_are_read_like_their_plain_forms(text, commune, arrondissement):
    place = parse_place(text)
    assert (place.commune_code, place.arrondissement) == (commune, arrondissement)


def test_preload_builds_every_table_in_a_fresh_process():
    """A crawl preloads before its first page: afterwards the first parse_place builds nothing."""
    import subprocess
    import sys

    code = """
from parsers import geo
from parsers.places import index as place_index
from parsers.places import mentions as place_mentions
from parsers.places import resolve as place_resolve
from parsers.places import preload
caches = [geo._load, place_index.index, place_mentions.departement_codes, place_resolve._prefectures,
          geo._epci_indexes, geo.epci_seats, geo._postcode_indexes]
assert [c.cache_info().currsize for c in caches] == [0] * 7
preload()
assert [c.cache_info().currsize for c in caches] == [1] * 7
before = [c.cache_info().misses for c in caches]
from parsers.places import parse_place
assert parse_place("Lille (59)").commune_code == "59350"
assert parse_place("12 rue Nationale, 59000 Lille").epci_code == "200093201"
assert [c.cache_info().misses for c in caches] == before
print("ok")
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip() == "ok", proc.stderr
