"""Official French geography: régions, départements, current communes, postcodes.

The table ``parsers/data/geo.json.gz`` is built by ``parsers/data/build.py`` from Etalab's
``@etalab/decoupage-administratif`` and La Poste's ``codes-postaux`` (versions in
``sources()``). It is loaded lazily, once, on the first call of any accessor.

Scope: the 18 régions and 101 départements (metropolitan France, Corsica 2A/2B, the five
DROM). Communes are the *current* ones (INSEE codes: Paris 75056, Lyon 69123, Marseille
13055); the arrondissements municipaux of Paris/Lyon/Marseille and the communes déléguées
or associées are kept apart, each pointing to its current commune.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = [
    "Region", "Departement", "Commune", "Arrondissement", "FormerCommune",
    "regions", "departements", "communes", "region", "departement", "commune",
    "arrondissements_municipaux", "arrondissement_municipal", "former_communes",
    "communes_for_postcode", "arrondissements_for_postcode", "sources",
    "region_chef_lieu", "departement_chef_lieu",
]


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Departement:
    code: str
    name: str
    region_code: str


@dataclass(frozen=True, slots=True)
class Commune:
    code: str
    name: str
    departement_code: str
    region_code: str
    postcodes: tuple[str, ...]
    population: int | None


@dataclass(frozen=True, slots=True)
class Arrondissement:
    """An arrondissement municipal of Paris, Lyon or Marseille ("75115", "Paris 15e Arrondissement")."""

    code: str
    name: str
    commune_code: str
    postcodes: tuple[str, ...]
    population: int | None


@dataclass(frozen=True, slots=True)
class FormerCommune:
    """A commune déléguée or associée, merged into the current commune ``commune_code``."""

    code: str
    name: str
    kind: str  # "deleguee" | "associee"
    commune_code: str


@dataclass(frozen=True, slots=True)
class _Geo:
    regions: tuple[Region, ...]
    departements: tuple[Departement, ...]
    communes: tuple[Commune, ...]
    arrondissements: tuple[Arrondissement, ...]
    former: tuple[FormerCommune, ...]
    sources: tuple[dict[str, str], ...]
    chefs_lieux: dict[str, dict[str, str]]
    region_by_code: dict[str, Region]
    departement_by_code: dict[str, Departement]
    commune_by_code: dict[str, Commune]
    arrondissement_by_code: dict[str, Arrondissement]
    # postcode -> communes whose Etalab list has it first, then La Poste-only ones
    by_postcode: dict[str, tuple[Commune, ...]]
    primary_by_postcode: dict[str, tuple[Commune, ...]]
    arrondissements_by_postcode: dict[str, tuple[Arrondissement, ...]]


def _postcode_indexes(rows: list[Any]) -> tuple[dict[str, tuple[Commune, ...]], dict[str, tuple[Commune, ...]]]:
    primary: dict[str, list[Commune]] = {}
    extra: dict[str, list[Commune]] = {}
    for commune, row in rows:
        for pc in row[4]:
            primary.setdefault(pc, []).append(commune)
        for pc in row[5]:
            extra.setdefault(pc, []).append(commune)
    both = {pc: tuple(primary.get(pc, ())) + tuple(extra.get(pc, ())) for pc in primary | extra}
    return both, {pc: tuple(v) for pc, v in primary.items()}


@cache
def _load() -> _Geo:
    raw = json.loads(gzip.decompress(files("parsers.data").joinpath("geo.json.gz").read_bytes()))
    regs = tuple(Region(*r) for r in raw["regions"])
    deps = tuple(Departement(*d) for d in raw["departements"])
    rows = [
        (Commune(r[0], r[1], r[2], r[3], tuple(r[4]) + tuple(r[5]), r[6]), r)
        for r in raw["communes"]
    ]
    comms = tuple(c for c, _ in rows)
    arrs = tuple(Arrondissement(a[0], a[1], a[2], tuple(a[3]), a[4])
                 for a in raw["arrondissements_municipaux"])
    arr_pc: dict[str, list[Arrondissement]] = {}
    for a in arrs:
        for pc in a.postcodes:
            arr_pc.setdefault(pc, []).append(a)
    both, primary = _postcode_indexes(rows)
    return _Geo(
        regions=regs, departements=deps, communes=comms, arrondissements=arrs,
        former=tuple(FormerCommune(*f) for f in raw["communes_deleguees_associees"]),
        sources=tuple(raw["sources"]),
        chefs_lieux=raw["chefs_lieux"],
        region_by_code={r.code: r for r in regs},
        departement_by_code={d.code: d for d in deps},
        commune_by_code={c.code: c for c in comms},
        arrondissement_by_code={a.code: a for a in arrs},
        by_postcode=both, primary_by_postcode=primary,
        arrondissements_by_postcode={pc: tuple(v) for pc, v in arr_pc.items()},
    )


def regions() -> tuple[Region, ...]:
    return _load().regions


def departements() -> tuple[Departement, ...]:
    return _load().departements


def communes() -> tuple[Commune, ...]:
    return _load().communes


def region(code: str) -> Region | None:
    return _load().region_by_code.get(code)


def departement(code: str) -> Departement | None:
    return _load().departement_by_code.get(code)


def commune(code: str) -> Commune | None:
    """The current commune with this INSEE code (None for an arrondissement or a former commune)."""
    return _load().commune_by_code.get(code)


def arrondissements_municipaux() -> tuple[Arrondissement, ...]:
    return _load().arrondissements


def arrondissement_municipal(code: str) -> Arrondissement | None:
    return _load().arrondissement_by_code.get(code)


def former_communes() -> tuple[FormerCommune, ...]:
    return _load().former


def communes_for_postcode(postcode: str, *, primary_only: bool = False) -> tuple[Commune, ...]:
    """Communes served by a postcode: Etalab's list first, then those only La Poste gives.

    ``primary_only`` keeps Etalab's (e.g. "75015" -> Paris, without the Issy-les-Moulineaux
    addresses La Poste routes through 75015).
    """
    g = _load()
    return (g.primary_by_postcode if primary_only else g.by_postcode).get(postcode, ())


def arrondissements_for_postcode(postcode: str) -> tuple[Arrondissement, ...]:
    return _load().arrondissements_by_postcode.get(postcode, ())


def region_chef_lieu(code: str) -> Commune | None:
    """The commune holding the préfecture de région (Bretagne -> Rennes)."""
    return commune(_load().chefs_lieux["regions"].get(code, ""))


def departement_chef_lieu(code: str) -> Commune | None:
    """The commune holding the préfecture of the département (44 -> Nantes)."""
    return commune(_load().chefs_lieux["departements"].get(code, ""))


def sources() -> tuple[dict[str, str], ...]:
    """The npm packages (name, version, integrity) the table was built from."""
    return _load().sources
