"""The committed geography table: sanity checks, and equality with a fresh build from npm."""

from __future__ import annotations

import gzip
import json
import os
from importlib.resources import files

import pytest

from parsers import geo
from tools import build_geodata as build

COMMITTED = files("parsers.data").joinpath("geo.json.gz")


@pytest.fixture(scope="module")
def tarballs():
    paths = build.tarball_paths(build.cache_dir())
    if paths is None:
        reason = (f"npm tarballs not in {build.cache_dir()} (set MIPCRAWL_GEO_CACHE or run "
                  "`python -m tools.build_geodata --fetch`); cannot check the table against its sources")
        if os.environ.get("MIPCRAWL_REQUIRE_GEO_SOURCES"):   # CI fetches them: a skip there is a failure
            pytest.fail(reason)
        pytest.skip(reason)
    return paths


@pytest.fixture(scope="module")
def fresh_table(tarballs):
    return build.build_table(tarballs)


def test_committed_table_equals_fresh_build(fresh_table):
    committed = json.loads(gzip.decompress(COMMITTED.read_bytes()))
    assert committed == fresh_table


def test_encoding_is_deterministic():
    table = build.decode(COMMITTED.read_bytes())
    for blob in (COMMITTED.read_bytes(), build.encode(table)):
        assert blob[4:8] == b"\0\0\0\0", "gzip header carries a timestamp"
    assert build.decode(build.encode(table)) == table


def test_corrupt_tarball_is_refused(tmp_path, tarballs):
    for name, path in tarballs.items():
        target = tmp_path / path.name
        blob = path.read_bytes()
        target.write_bytes(blob[:-1] + bytes([blob[-1] ^ 1]) if name == build.DECOUPAGE.name else blob)
    with pytest.raises(build.BuildError, match="integrity"):
        build.build_table(build.tarball_paths(tmp_path))


def test_missing_tarballs_are_reported(tmp_path):
    assert build.tarball_paths(tmp_path) is None
    assert build.main(["--cache", str(tmp_path)]) == 2


def test_sources_are_recorded():
    assert [(s["name"], s["version"]) for s in geo.sources()] == [
        (s.name, s.version) for s in build.SOURCES
    ]


def test_counts():
    assert len(geo.regions()) == 18
    assert len(geo.departements()) == 101
    assert 34_000 < len(geo.communes()) < 36_000
    assert len(geo.arrondissements_municipaux()) == 20 + 9 + 16


@pytest.mark.parametrize(
    ("code", "name", "dep", "reg"),
    [
        ("44109", "Nantes", "44", "52"),
        ("75056", "Paris", "75", "11"),
        ("69123", "Lyon", "69", "84"),
        ("13055", "Marseille", "13", "93"),
        ("97411", "Saint-Denis", "974", "04"),
        ("2A004", "Ajaccio", "2A", "94"),
        ("2B033", "Bastia", "2B", "94"),
        ("97209", "Fort-de-France", "972", "02"),
        ("97611", "Mamoudzou", "976", "06"),
        ("35238", "Rennes", "35", "53"),
    ],
)
def test_known_communes(code, name, dep, reg):
    c = geo.commune(code)
    assert (c.name, c.departement_code, c.region_code) == (name, dep, reg)
    assert geo.departement(dep).region_code == reg
    assert geo.region(reg) is not None


def test_unknown_and_non_current_codes():
    assert geo.commune("99999") is None
    assert geo.commune("75115") is None  # an arrondissement, not a commune
    assert geo.arrondissement_municipal("75115").commune_code == "75056"
    assert geo.departement("99") is None
    assert geo.region("01").name == "Guadeloupe"


def test_every_commune_points_to_known_departement_and_region():
    for c in geo.communes():
        d = geo.departement(c.departement_code)
        assert d is not None and d.region_code == c.region_code, c
        assert all(len(pc) == 5 and pc.isdigit() for pc in c.postcodes), c


def test_postcodes():
    assert [c.code for c in geo.communes_for_postcode("44200")] == ["44109"]
    assert [c.code for c in geo.communes_for_postcode("75015", primary_only=True)] == ["75056"]
    assert "92040" in {c.code for c in geo.communes_for_postcode("75015")}
    assert [a.code for a in geo.arrondissements_for_postcode("69003")] == ["69383"]
    assert [a.code for a in geo.arrondissements_for_postcode("13001")] == ["13201"]
    assert {c.code for c in geo.communes_for_postcode("20000")} >= {"2A004"}
    assert geo.communes_for_postcode("00000") == ()


def test_former_communes_point_to_current_ones():
    former = {f.name: f for f in geo.former_communes()}
    assert geo.commune(former["Cherbourg-Octeville"].commune_code).name == "Cherbourg-en-Cotentin"
    assert all(geo.commune(f.commune_code) for f in geo.former_communes())


def test_values_are_frozen():
    with pytest.raises(AttributeError):
        geo.commune("44109").name = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kind", "code", "chef_lieu"),
    [("region", "53", "Rennes"), ("region", "44", "Strasbourg"), ("region", "04", "Saint-Denis"),
     ("departement", "44", "Nantes"), ("departement", "2B", "Bastia"), ("departement", "976", "Mamoudzou")],
)
def test_chefs_lieux(kind, code, chef_lieu):
    found = geo.region_chef_lieu(code) if kind == "region" else geo.departement_chef_lieu(code)
    assert found.name == chef_lieu
    assert geo.region_chef_lieu("99") is None


def test_check_mode_tells_stale_tables(tmp_path, tarballs, fresh_table, capsys, monkeypatch):
    cache = str(next(iter(tarballs.values())).parent)
    monkeypatch.setattr(build, "build_table", lambda paths: fresh_table)  # built once, above
    stale = dict(fresh_table, regions=fresh_table["regions"][:-1])
    out = tmp_path / "geo.json.gz"
    out.write_bytes(build.encode(stale))
    assert build.main(["--cache", cache, "--check", "--out", str(out)]) == 1
    assert "differs" in capsys.readouterr().out
    out.write_bytes(build.encode(fresh_table))
    assert build.main(["--cache", cache, "--check", "--out", str(out)]) == 0


@pytest.mark.parametrize(
    ("code", "name", "commune", "commune_name"),
    [("975", "Saint-Pierre-et-Miquelon", "97502", "Saint-Pierre"), ("977", "Saint-Barthélemy", "97701", None),
     ("978", "Saint-Martin", "97801", None), ("986", "Wallis et Futuna", "98613", "Uvea"),
     ("987", "Polynésie française", "98735", "Papeete"), ("988", "Nouvelle-Calédonie", "98818", "Nouméa")],
)
def test_overseas_collectivites_are_their_own_departement_and_region(code, name, commune, commune_name):
    assert geo.departement(code).name == geo.region(code).name == name
    assert code in {d.code for d in geo.overseas()} and code not in {d.code for d in geo.departements()}
    c = geo.commune(commune)
    assert (c.departement_code, c.region_code) == (code, code)
    assert commune_name is None or c.name == commune_name
    assert geo.departement_chef_lieu(code) is not None


def test_lists_keep_the_18_regions_and_101_departements():
    assert len(geo.regions()) == 18 and len(geo.departements()) == 101
    assert {d.code for d in geo.overseas()} == {"975", "977", "978", "984", "986", "987", "988", "989"}


@pytest.mark.parametrize(
    ("siren", "name", "kind", "member", "deps", "regions"),
    [("243100518", "Toulouse Métropole", "METRO", "31555", ("31",), ("76",)),
     ("200046977", "Métropole de Lyon", "MET69", "69123", ("69",), ("84",)),
     ("200067106", "CA du Pays Basque", "CA", "64102", ("64",), ("75",)),
     ("246700488", "Eurométropole de Strasbourg", "METRO", "67482", ("67",), ("44",)),
     ("200054781", "Métropole du Grand Paris", "METRO", "75056", ("75", "91", "92", "93", "94", "95"), ("11",)),
     ("200057867", "Plaine Commune", "EPT", "93066", ("93",), ("11",))],
)
def test_epci(siren, name, kind, member, deps, regions):
    e = geo.epci(siren)
    assert (e.name, e.kind, e.departement_codes, e.region_codes) == (name, kind, deps, regions)
    assert member in e.members


def test_every_commune_of_an_epci_is_current_and_in_one_epci_with_its_own_tax():
    seen: dict[str, str] = {}
    for e in geo.epcis():
        assert e.members and all(geo.commune(m) for m in e.members), e.code
        if e.kind != "EPT":
            assert not set(e.members) & set(seen), e.code
            seen |= dict.fromkeys(e.members, e.code)
    assert geo.epci_of_commune("93066").code == "200054781"   # Saint-Denis: the Grand Paris, not its EPT
    assert len(seen) > 34_000
    assert geo.epci_seats()["64102"] == "200067106"          # Bayonne, the largest of the Pays Basque


@pytest.mark.parametrize(
    ("form", "kind", "code"),
    [("lyonnaise", "commune", "69123"), ("toulousains", "commune", "31555"), ("havraises", "commune", "76351"),
     ("finistérienne", "departement", "29"), ("bretonne", "region", "53"), ("manceaux", "commune", "72181"),
     ("mancelle", "commune", "72181"), ("tourangelle", "commune", "37261"), ("provençaux", "region", "93"),
     ("calédonienne", "departement", "988"), ("franc-comtoise", "region", "27"), ("berruyère", "commune", "18033")],
)
def test_gentiles(form, kind, code):
    found = {g.form: g for g in geo.gentiles()}[form]
    assert (found.kind, found.code) == (kind, code)


@pytest.mark.parametrize(
    ("masculine", "options", "expected"),
    [("lyonnais", {}, ["lyonnais", "lyonnaise", "lyonnaises"]),
     ("breton", {}, ["breton", "bretonne", "bretonnes", "bretons"]),
     ("finistérien", {}, ["finistérien", "finistérienne", "finistériennes", "finistériens"]),
     ("manceau", {}, ["manceau", "manceaux", "mancelle", "mancelles"]),
     ("provençal", {}, ["provençal", "provençale", "provençales", "provençaux"]),
     ("tulliste", {}, ["tulliste", "tullistes"]),
     ("berruyer", {"fem": "berruyère"}, ["berruyer", "berruyers", "berruyère", "berruyères"])],
)
def test_gentile_forms_follow_french_agreement(masculine, options, expected):
    from tools import gentiles

    assert gentiles.forms(masculine, options) == expected


def test_gentile_list_refuses_an_unknown_or_ambiguous_place_and_a_shared_form(fresh_table):
    from tools import gentiles

    with pytest.raises(ValueError, match="names 0 places"):
        gentiles.build_rows(fresh_table, "commune\tNulle-Part\tnullepartois\n")
    with pytest.raises(ValueError, match="names 2 places"):
        gentiles.build_rows(fresh_table, "commune\tCastres\tcastrais\n")
    with pytest.raises(ValueError, match="two places"):
        gentiles.build_rows(fresh_table, "commune\tRennes\trennais\ncommune\tNantes\trennais\n")


@pytest.mark.parametrize(("kind", "code", "expected"), [
    ("departement", "56", "du Morbihan"), ("departement", "33", "de la Gironde"), ("departement", "40", "des Landes"),
    ("departement", "01", "de l'Ain"), ("departement", "35", "d'Ille-et-Vilaine"), ("departement", "75", "de Paris"),
    ("departement", "13", "des Bouches-du-Rhône"), ("departement", "90", "du Territoire de Belfort"),
    ("region", "53", "de Bretagne"), ("region", "44", "du Grand Est"), ("region", "32", "des Hauts-de-France"),
    ("region", "76", "d'Occitanie"), ("region", "04", "de La Réunion"), ("region", "75", "de la Nouvelle-Aquitaine"),
])
def test_names_after_de_follow_insee_liaison(kind, code, expected):
    assert getattr(geo, kind)(code).of_name == expected
