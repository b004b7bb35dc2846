"""Official French geography: régions, départements, communes, postcodes, EPCI, gentilés.

The table ``parsers/data/geo.json.gz`` is built by ``tools/build_geodata.py`` from Etalab's
``@etalab/decoupage-administratif`` and La Poste's ``codes-postaux`` (versions in
``sources()``) and a hand-written list of gentilés; the records it gives are
``parsers.geo_records``'s. It is loaded lazily, once, on the first
call of any accessor; a commune's record is made the first time it is asked for.

Scope: the 18 régions and 101 départements (metropolitan France, Corsica 2A/2B, the five
DROM), listed by ``regions()`` and ``departements()``; the overseas collectivités (975, 977,
978, 984, 986-989: Saint-Pierre-et-Miquelon, Polynésie française, Nouvelle-Calédonie…),
listed by ``overseas()``, are each their own département and région code, as Etalab writes
them, and are found by ``departement(code)`` and ``region(code)`` too. Communes are the
*current* ones (INSEE codes: Paris 75056, Lyon 69123, Marseille 13055); the arrondissements
municipaux of Paris/Lyon/Marseille and the communes déléguées or associées are kept apart,
each pointing to its current commune. EPCI are the intercommunalities (métropoles,
communautés urbaines, d'agglomération, de communes, the Grand Paris EPT) by SIREN.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from parsers.geo_records import (
    Arrondissement,
    Commune,
    Departement,
    Epci,
    FormerCommune,
    Gentile,
    Region,
)

__all__ = [
    "Region", "Departement", "Commune", "Arrondissement", "FormerCommune", "Epci", "Gentile",
    "regions", "departements", "overseas", "communes", "region", "departement", "commune",
    "commune_names", "arrondissements_municipaux", "arrondissement_municipal", "former_communes",
    "communes_for_postcode", "arrondissements_for_postcode", "sources",
    "region_chef_lieu", "departement_chef_lieu", "epcis", "epci", "epci_names", "epci_of_commune", "epci_seats", "gentiles",
]


@dataclass(frozen=True, slots=True)
class _Geo:
    raw: dict[str, Any]
    regions: tuple[Region, ...]
    departements: tuple[Departement, ...]
    overseas: tuple[Departement, ...]
    rows: dict[str, list[Any]]  # commune code -> its row of the table
    made: dict[str, Commune]  # the communes asked for so far
    region_by_code: dict[str, Region]
    departement_by_code: dict[str, Departement]


@cache
def _postcode_indexes() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """postcode -> codes of the communes whose Etalab list has it first, then La Poste-only ones;
    and the same with Etalab's lists only."""
    primary: dict[str, list[str]] = {}
    extra: dict[str, list[str]] = {}
    for row in _load().raw["communes"]:
        for pc in row[4]:
            primary.setdefault(pc, []).append(row[0])
        for pc in row[5]:
            extra.setdefault(pc, []).append(row[0])
    both = {pc: tuple(primary.get(pc, ())) + tuple(extra.get(pc, ())) for pc in primary | extra}
    return both, {pc: tuple(v) for pc, v in primary.items()}


@cache
def _load() -> _Geo:
    raw = json.loads(gzip.decompress(files("parsers.data").joinpath("geo.json.gz").read_bytes()))
    regs = tuple(Region(*r) for r in raw["regions"])
    deps = tuple(Departement(*d) for d in raw["departements"])
    coms = tuple(Departement(code, name, code, liaison) for code, name, liaison in raw["overseas"])
    return _Geo(
        raw=raw, regions=regs, departements=deps, overseas=coms,
        rows={r[0]: r for r in raw["communes"]}, made={},
        region_by_code={r.code: r for r in regs} | {c.code: Region(c.code, c.name, c.liaison) for c in coms},
        departement_by_code={d.code: d for d in deps + coms},
    )


def regions() -> tuple[Region, ...]:
    """The 18 régions."""
    return _load().regions


def departements() -> tuple[Departement, ...]:
    """The 101 départements."""
    return _load().departements


def overseas() -> tuple[Departement, ...]:
    """The overseas collectivités, each its own région code ("988": Nouvelle-Calédonie)."""
    return _load().overseas


def region(code: str) -> Region | None:
    """A région, or an overseas collectivité by its code."""
    return _load().region_by_code.get(code)


def departement(code: str) -> Departement | None:
    """A département, or an overseas collectivité by its code."""
    return _load().departement_by_code.get(code)


def commune(code: str) -> Commune | None:
    """The current commune with this INSEE code (None for an arrondissement or a former commune)."""
    g = _load()
    made = g.made.get(code)
    if made is None and (row := g.rows.get(code)) is not None:
        made = g.made[code] = Commune(row[0], row[1], row[2], row[3], tuple(row[4]) + tuple(row[5]), row[6])
    return made


def _communes(codes: tuple[str, ...]) -> tuple[Commune, ...]:
    return tuple(c for code in codes if (c := commune(code)) is not None)


@cache
def communes() -> tuple[Commune, ...]:
    return _communes(tuple(_load().rows))


def commune_names() -> tuple[tuple[str, str], ...]:
    """(code, name) of every current commune, without making their records."""
    return tuple((r[0], r[1]) for r in _load().raw["communes"])


@cache
def arrondissements_municipaux() -> tuple[Arrondissement, ...]:
    return tuple(Arrondissement(a[0], a[1], a[2], tuple(a[3]), a[4])
                 for a in _load().raw["arrondissements_municipaux"])


def arrondissement_municipal(code: str) -> Arrondissement | None:
    return next((a for a in arrondissements_municipaux() if a.code == code), None)


@cache
def former_communes() -> tuple[FormerCommune, ...]:
    return tuple(FormerCommune(*f) for f in _load().raw["communes_deleguees_associees"])


def communes_for_postcode(postcode: str, *, primary_only: bool = False) -> tuple[Commune, ...]:
    """Communes served by a postcode: Etalab's list first, then those only La Poste gives.

    ``primary_only`` keeps Etalab's (e.g. "75015" -> Paris, without the Issy-les-Moulineaux
    addresses La Poste routes through 75015).
    """
    key = (postcode, primary_only)
    found = _BY_POSTCODE.get(key)
    if found is None:
        both, primary = _postcode_indexes()
        found = _BY_POSTCODE[key] = _communes((primary if primary_only else both).get(postcode, ()))
    return found


_BY_POSTCODE: dict[tuple[str, bool], tuple[Commune, ...]] = {}


@cache
def _arrondissements_by_postcode() -> dict[str, tuple[Arrondissement, ...]]:
    found: dict[str, list[Arrondissement]] = {}
    for a in arrondissements_municipaux():
        for pc in a.postcodes:
            found.setdefault(pc, []).append(a)
    return {pc: tuple(v) for pc, v in found.items()}


def arrondissements_for_postcode(postcode: str) -> tuple[Arrondissement, ...]:
    return _arrondissements_by_postcode().get(postcode, ())


def region_chef_lieu(code: str) -> Commune | None:
    """The commune holding the préfecture de région (Bretagne -> Rennes)."""
    return commune(_load().raw["chefs_lieux"]["regions"].get(code, ""))


def departement_chef_lieu(code: str) -> Commune | None:
    """The commune holding the préfecture of the département (44 -> Nantes)."""
    return commune(_load().raw["chefs_lieux"]["departements"].get(code, ""))


def _epci(row: list[Any]) -> Epci:
    g = _load()
    members = tuple(row[3])
    deps = sorted({g.rows[m][2] for m in members})
    regs = sorted({g.rows[m][3] for m in members})
    return Epci(row[0], row[1], row[2], members, tuple(deps), tuple(regs))


def epci_names() -> tuple[tuple[str, str], ...]:
    """(SIREN, name) of every EPCI, without making their records."""
    return tuple((row[0], row[1]) for row in _load().raw["epci"])


@cache
def epcis() -> tuple[Epci, ...]:
    return tuple(_epci(row) for row in _load().raw["epci"])


@cache
def _epci_indexes() -> tuple[dict[str, Epci], dict[str, Epci]]:
    by_code = {e.code: e for e in epcis()}
    # every commune is in one EPCI with its own tax (the EPT of Grand Paris come on top)
    of_commune = {m: e for e in epcis() if e.kind != "EPT" for m in e.members}
    return by_code, of_commune


@cache
def epci_seats() -> dict[str, str]:
    """The most populous commune of each EPCI (not the EPT of Grand Paris) -> the EPCI's SIREN:
    the commune an intercommunality is named after ("la métropole de Montpellier")."""
    rows = _load().rows
    return {max(row[3], key=lambda m: (rows[m][6] or 0, m)): row[0]
            for row in _load().raw["epci"] if row[2] != "EPT"}


def epci(code: str) -> Epci | None:
    """The EPCI with this SIREN."""
    return _epci_indexes()[0].get(code)


def epci_of_commune(code: str) -> Epci | None:
    """The EPCI a commune belongs to (not the EPT of Grand Paris), or None (a few islands)."""
    return _epci_indexes()[1].get(code)


@cache
def gentiles() -> tuple[Gentile, ...]:
    return tuple(Gentile(*row) for row in _load().raw["gentiles"])


def sources() -> tuple[dict[str, str], ...]:
    """The npm packages (name, version, integrity) the table was built from."""
    return tuple(_load().raw["sources"])
