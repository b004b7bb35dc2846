"""``--region`` (storage/selection.py): a région by its INSEE code or any name it goes by,
compared by the one rule for names (``parsers.labs.name_key``: case, accents, spaces,
punctuation and a leading article ignored) over the names the place parser knows
(``parsers.places.index.region_names``: official names and "PACA", "IDF", "Région Sud"…)."""

from __future__ import annotations

import pytest

from parsers import geo
from parsers.labs import name_key
from parsers.places.index import region_names
from storage.queries import InvalidQuery
from storage.selection import region_code


@pytest.mark.parametrize(("given", "code"), [
    # codes
    ("11", "11"), (" 53 ", "53"), ("04", "04"), ("75", "75"),
    # official names, any case, accents or punctuation
    ("Île-de-France", "11"), ("ile de france", "11"), ("ILE-DE-FRANCE", "11"), ("Ile de France", "11"),
    ("Provence-Alpes-Côte d'Azur", "93"), ("provence alpes cote d azur", "93"),
    ("Provence-Alpes-Côte-d’Azur", "93"), ("Pays de la Loire", "52"), ("pays-de-la-loire", "52"),
    ("Centre-Val de Loire", "24"), ("centre val-de-loire", "24"), ("Bourgogne-Franche-Comté", "27"),
    ("bourgogne franche comte", "27"), ("Auvergne-Rhône-Alpes", "84"), ("Hauts de France", "32"),
    ("  Bretagne ", "53"), ("Grand-Est", "44"), ("Nouvelle Aquitaine", "75"), ("Corse", "94"),
    ("Guyane", "03"), ("Mayotte", "06"),
    # a leading article is no part of the name
    ("La Réunion", "04"), ("Réunion", "04"), ("la reunion", "04"), ("REUNION", "04"),
    ("L'Île-de-France", "11"), ("la Bretagne", "53"), ("l'Occitanie", "76"), ("la Normandie", "28"),
    # the other names the place parser knows
    ("PACA", "93"), ("paca", "93"), ("Région Sud", "93"), ("region sud", "93"), ("IDF", "11"),
    ("Île de la Réunion", "04"), ("AURA", "84"), ("HDF", "32"), ("Basse-Normandie", "28"),
    ("Région Centre", "24"), ("Région parisienne", "11"),
])
def test_a_region_by_code_or_any_name_it_goes_by(given, code):
    assert region_code(given) == code


@pytest.mark.parametrize("given", ["Atlantide", "", "  ", "la", "99", "Paris", "Loire-Atlantique", "Lab'O",
                                   "Bretagne Sud", "Région"])
def test_an_unknown_region_is_a_one_line_error(given):
    with pytest.raises(InvalidQuery, match="unknown région"):
        region_code(given)


def test_every_name_of_a_region_resolves_and_no_key_is_shared_by_two_regions():
    names = region_names()
    assert {r.name for r in geo.regions()} <= set(names)
    keys: dict[str, set[str]] = {}
    for name, code in names.items():
        keys.setdefault(name_key(name), set()).add(code)
        assert region_code(name) == code, name
    assert {k: v for k, v in keys.items() if len(v) > 1} == {}
    assert "" not in keys
