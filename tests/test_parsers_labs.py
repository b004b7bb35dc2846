"""parsers/labs.py: the lab creation year from the text a sheet gives for it (and the
normalize pipeline that applies it)."""

from __future__ import annotations

import pytest

from mipcrawl.items import LabItem
from parsers.labs import creation_year
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
