"""parsers/labs.py: the lab creation year from the text a sheet gives for it (and the
normalize pipeline that applies it)."""

from __future__ import annotations

import pytest

from mipcrawl.items import LabItem
from parsers.labs import co_organisers, creation_year, former_names, name_key, organiser_phrases
from pipelines.normalize import normalize_lab


@pytest.mark.parametrize(("text", "year"), [
    ("Créé en 2018", 2018),
    ("Créée en 2017 par le SGAR, l'équipe accompagne les services", 2017),
    ("créés en 2016", 2016),
    ("Lancé en 2021 avec le soutien du FTAP", 2021),
    ("Le lab est né en 2019 à Rennes", 2019),
    ("Depuis 2020", 2020),
    ("Fondé en 2015 par la préfecture", 2015),
    ("Depuis sa création en 2018, le lab accompagne les services", 2018),
    ("Date de création : 2019", 2019),
    ("2021", 2021),                                            # the value under a "Date de création" label
    ("Créé en 2018, labellisé en 2020", 2018),                 # the creation word decides
    ("Labellisé en 2020, rejoint le réseau en 2022", None),    # two years, no creation word: unknown
    ("Créé récemment", None),
    ("Créé en 1850", None),                                    # not a plausible year
    ("", None),
])
def test_creation_year(text, year):
    assert creation_year(text) == year


def test_normalize_lab_keeps_a_year_already_read():
    item = normalize_lab(LabItem(url="https://x/lab", created_text="Créé en 2018", year_created=2017))
    assert item.year_created == 2017


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Lab'O", "Lab-O", True),
    ("Lab'O", "LabO", True),
    ("Etat'LIN", "État'LIN", True),
    ("SIILAB", "Siilab", True),
    ("Ti Lab", "Tilab", True),
    ("Lab'@rchipel", "LabArchipel", True),          # "@" written for "a"
    ("Lab Zéro", "Lab0", True),                     # a number in words or digits
    ("Lab Zéro", "Lab Zero", True),
    ("La Fabrique RH", "Fabrique RH", True),        # a leading article
    ("L'Escale", "Escale", True),
    ("Lab'EST", "  lab est ", True),
    ("Lab'O", "Lab'EST", False),
    ("LAB'L", "Lab'O", False),
    ("La Base", "Labase", False),                   # an article only at the start, as a word
    ("Lab Zéro", "Lab Un", False),
    ("InSo Lab", "Ti Lab", False),
])
def test_name_key_agrees_on_spellings_of_one_name(a, b, same):
    assert (name_key(a) == name_key(b)) is same


@pytest.mark.parametrize("text", [None, "", " - ", "L'", "Le"])
def test_name_key_of_no_name_is_empty(text):
    assert name_key(text) == ""


@pytest.mark.parametrize(("text", "names"), [
    ("Créé en 2021, le laboratoire L'Escale (anciennement Lab Estuaire) est porté par le SGAR.",
     ["Lab Estuaire"]),
    ("L'Escale (ex-Lab Estuaire)", ["Lab Estuaire"]),
    ("Le Lab'Innov, ex Lab Seine, accompagne les services.", ["Lab Seine"]),
    ("Précédemment appelé « Lab Estuaire », le laboratoire change de nom.", ["Lab Estuaire"]),
    ("Le laboratoire, qui s'appelait Lab Estuaire jusqu'en 2026, change de nom.", ["Lab Estuaire"]),
    ("L'Escale, nouveau nom du Lab Estuaire, ouvre ses portes.", ["Lab Estuaire"]),
    ("Anciennement connu sous le nom de Fabrique RH, le lab grandit.", ["Fabrique RH"]),
    ("Anciennement la Base et auparavant Lab'NA.", ["Base", "Lab'NA"]),
    ("Créé en 2018, le Ti Lab est porté par la préfecture de région.", []),
    ("Un expert, ancien du lab, témoigne.", []),
    (None, []),
])
def test_former_names(text, names):
    assert former_names(text) == names


@pytest.mark.parametrize(("text", "parts"), [
    ("Ti Lab", ["Ti Lab"]),
    ("Région Bretagne, en partenariat avec le Ti Lab", ["Région Bretagne", "le Ti Lab"]),
    ("Préfecture du Finistère et Ti Lab", ["Préfecture du Finistère", "Ti Lab"]),
    ("Ti Lab / DDTM du Finistère", ["Ti Lab", "DDTM du Finistère"]),
    ("Lab'O & Toulouse Métropole", ["Lab'O", "Toulouse Métropole"]),
    ("La Base, avec la Région Nouvelle-Aquitaine", ["La Base", "la Région Nouvelle-Aquitaine"]),
    ("Etalab en lien avec Etat'LIN", ["Etalab", "Etat'LIN"]),
    ("Tilab (laboratoire d'innovation, Rennes et Brest)", ["Tilab (laboratoire d'innovation, Rennes et Brest)"]),
    ("SGAR Occitanie ; Lab'O", ["SGAR Occitanie", "Lab'O"]),
    ("", []),
    (None, []),
])
def test_co_organisers(text, parts):
    assert co_organisers(text) == parts


@pytest.mark.parametrize(("text", "phrases"), [
    ("Cet atelier est proposé par le Ti Lab.", ["le Ti Lab"]),
    ("Un rendez-vous proposé par le Ti Lab et ses partenaires. Inscription libre.",
     ["le Ti Lab et ses partenaires"]),
    ("Atelier co-organisé avec La Base ! Venez nombreux", ["La Base"]),
    ("Session animée par l'équipe du Lab'O", ["l'équipe du Lab'O"]),
    ("Une journée organisée en partenariat avec Etat'LIN.", ["Etat'LIN"]),
    ("Venez échanger avec le laboratoire d'innovation de Bretagne.", ["le laboratoire d'innovation de Bretagne"]),
    ("Venez échanger avec les agents de la préfecture.", []),   # "avec" alone introduces no organiser
    ("Ce format s'inspire des ateliers du Ti Lab.", []),       # a lab named in passing
    ("Avec le témoignage d'un agent formé par le Ti Lab.", []),
    ("Un projet porté par le Lab'O sera présenté.", []),
    ("", []),
])
def test_organiser_phrases(text, phrases):
    assert organiser_phrases(text) == phrases
