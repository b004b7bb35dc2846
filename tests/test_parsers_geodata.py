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
    assert geo.departement("988") is None  # overseas collectivités are out of scope
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
