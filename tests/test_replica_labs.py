"""The replica's labs: the public record (issue 19), their pages, and their month (a rename,
a move) — in the truth, on disk and over HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import lxml.html
import pytest

import replica
from parsers import geo
from replica.build import file_for
from replica.labs import LABS, MOVE_DAY, RENAME_DAY

# (name, région, words of its host, seat, year created — None where the record gives none)
PUBLIC_RECORD = [
    ("Ti Lab", "Bretagne", ("préfecture de la région Bretagne", "Région Bretagne"), "Rennes", None),
    ("SIILAB", "Hauts-de-France", ("Direction régionale",), "Lille", None),
    ("La Fabrique RH", "Île-de-France", ("SGAR",), "Station F", None),
    ("Lab'O", "Occitanie", (), "Toulouse et Montpellier", None),
    ("LabArchipel", "Auvergne-Rhône-Alpes", (), None, None),
    ("Etat'LIN", "Pays de la Loire", (), None, None),
    ("Lab Zéro", "Provence-Alpes-Côte d'Azur", (), None, None),
    ("InSo Lab", "Provence-Alpes-Côte d'Azur", ("Var",), "Var", None),
    ("La Base", "Nouvelle-Aquitaine", (), None, None),
    ("Lab'EST", "Grand Est", ("Région Grand Est",), "Strasbourg", 2021),
    ("LAB'L", "Centre-Val de Loire", ("SGAR",), None, 2022),
]
BY_NAME = {lab.name: lab for lab in LABS}


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _labs(site) -> dict[str, dict]:
    return {lab["id"]: lab for lab in _jsonl(Path(site) / "_truth" / "labs.jsonl")}


def _text(site, path: str) -> str:
    doc = lxml.html.fromstring((Path(site) / file_for(path)).read_bytes())
    return " ".join(doc.text_content().split())


@pytest.mark.parametrize(("name", "region", "host_words", "seat", "year"), PUBLIC_RECORD)
def test_labs_follow_the_public_record(name, region, host_words, seat, year) -> None:
    lab = BY_NAME[name]
    assert geo.region(lab.region_code).name == region
    assert all(word in lab.host for word in host_words)
    assert seat is None or seat in lab.seat
    assert year is None or lab.created == year


def test_sixteen_labs_and_the_unnamed_ones_of_2021_and_2025() -> None:
    assert len(LABS) == 16 and len({lab.id for lab in LABS}) == 16
    named = {row[0] for row in PUBLIC_RECORD}
    created = {geo.region(lab.region_code).name: lab.created for lab in LABS if lab.name not in named}
    assert created == {"Normandie": 2021, "Bourgogne-Franche-Comté": 2021, "Corse": 2025, "Guyane": 2025,
                       "La Réunion": 2025}


def test_every_spelling_an_event_uses_is_a_name_some_page_gives(replica_small_site) -> None:
    """What organisers write is the name of a sheet, an alias a page gives, or the same name
    but for case, accents and punctuation: a crawler can know every one of them."""
    def key(text: str) -> str:
        return "".join(c for c in text.casefold().replace("é", "e") if c.isalnum()).replace("zero", "0")

    for lab in _labs(replica_small_site).values():
        known = {key(n) for n in (lab["name"], *lab["aliases"])}
        assert {key(n) for n in lab["name_variants"]} <= known, lab["id"]


def test_pages_and_aliases_are_on_the_pages(replica_small_site) -> None:
    for lab in _labs(replica_small_site).values():
        assert lab["pages"] == [lab["path"]] + ([lab["atlas_path"]] if lab["atlas_path"] else [])
        assert lab["path"].rsplit("/", 1)[1] == lab["id"]    # day 30: every sheet at its final path
        texts = " ".join(_text(replica_small_site, p) for p in lab["pages"])
        assert all(alias in texts for alias in lab["aliases"]), lab["id"]
    assert sum(bool(lab["atlas_path"]) for lab in _labs(replica_small_site).values()) == 12


@pytest.mark.parametrize(("day", "renamed", "moved"), [
    (1, False, False), (RENAME_DAY - 1, False, False), (RENAME_DAY, True, False), (MOVE_DAY, True, True), (30, True, True),
])
def test_the_month_renames_one_sheet_and_moves_another(tmp_path, day, renamed, moved) -> None:
    site = replica.build_site(tmp_path / "site", events_per_edition=4, day=day)
    labs = _labs(site)
    normandie = labs["laboratoire-de-normandie-lab-estuaire"]
    assert normandie["name"] == ("L'Escale" if renamed else "Lab Estuaire")
    assert normandie["aliases"][: renamed + 1] == (["Lab Estuaire", "Lab'Estuaire"] if renamed else ["Lab'Estuaire"])
    assert ("anciennement Lab Estuaire" in _text(site, normandie["path"])) == renamed
    coop = labs["laboratoire-de-bourgogne-franche-comte-cooplab"]
    old = "/campus-de-la-transformation-publique/laboratoires-innovation/laboratoire-de-bfc-cooplab"
    assert coop["path"].endswith(coop["id"] if moved else "laboratoire-de-bfc-cooplab")
    assert coop["redirect_from"] == ([{"path": old, "status": 301}] if moved else [])
    assert [h["field"] for h in normandie["history"] + coop["history"]] == ["name"] * renamed + ["slug"] * moved


def _get(url: str) -> tuple[int, str | None]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(url, timeout=30) as response:
            return response.status, None
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Location")


def test_the_server_plays_the_move_and_the_rename_day_by_day(tmp_path) -> None:
    site = replica.build_site(tmp_path / "site", events_per_edition=4, day=1)
    prefix = "/campus-de-la-transformation-publique/laboratoires-innovation/"
    old, new = prefix + "laboratoire-de-bfc-cooplab", prefix + "laboratoire-de-bourgogne-franche-comte-cooplab"
    with replica.serve(site) as base:
        assert (_get(base + old)[0], _get(base + new)[0]) == (200, 404)
        replica.set_day(base, MOVE_DAY)
        status, location = _get(base + old)
        assert (status, location, _get(base + new)[0]) == (301, base + new, 200)
        with urllib.request.urlopen(base + prefix + "laboratoire-de-normandie-lab-estuaire") as response:
            assert "L'Escale" in lxml.html.fromstring(response.read()).findtext(".//h1")
        replica.set_day(base, 1)
        assert (_get(base + old)[0], _get(base + new)[0]) == (200, 404)
