"""The folded-name index behind ``parsers.places``: every name a place text may use -> what it names.

Built once, lazily, from ``parsers.geo`` and the hand-written ``data/place_aliases.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

from parsers import geo
from parsers.places.text import fold


@dataclass(frozen=True, slots=True)
class Venue:
    name: str
    commune_code: str
    arrondissement: str | None


@dataclass(slots=True)
class Entry:
    """Everything one folded name can mean."""

    communes: list[str] = field(default_factory=list)
    former: list[str] = field(default_factory=list)  # current codes of communes déléguées
    departements: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    venue: Venue | None = None
    foreign: bool = False
    everyday_word: bool = False  # a commune name that is also a common word


@dataclass(frozen=True, slots=True)
class Index:
    entries: dict[str, Entry]
    prefixes: frozenset[str]  # every run of leading words of a name: "saint", "saint denis", …


def _aliases() -> dict[str, Any]:
    return json.loads(  # type: ignore[no-any-return]  # a JSON object
       files("parsers.data").joinpath("place_aliases.json").read_text("utf-8"))


def _add_geography(entries: dict[str, Entry]) -> None:
    def at(name: str) -> Entry:
        return entries.setdefault(fold(name), Entry())

    for c in geo.communes():
        at(c.name).communes.append(c.code)
    for f in geo.former_communes():
        entry = at(f.name)
        if not entry.communes and f.commune_code not in entry.former:
            entry.former.append(f.commune_code)
    for d in geo.departements():
        at(d.name).departements.append(d.code)
    for r in geo.regions():
        at(r.name).regions.append(r.code)


def _add_aliases(entries: dict[str, Entry], aliases: dict[str, Any]) -> None:
    for name, code in aliases["regions"].items():
        regions = entries.setdefault(fold(name), Entry()).regions
        if code not in regions:
            regions.append(code)
    for name, code in aliases["short_names"].items():
        entry = entries.setdefault(fold(name), Entry())
        entry.communes, entry.former = ([code] if code else []), []
    for name, code in aliases["areas"].items():
        entries.setdefault(fold(name), Entry()).departements.append(code)
    for v in aliases["venues"]:
        entries.setdefault(fold(v["name"]), Entry()).venue = Venue(
            v["name"], v["commune"], v["arrondissement"]
        )
    for name in aliases["foreign"]:
        entries.setdefault(fold(name), Entry()).foreign = True
    for name in aliases["not_communes"]:
        if fold(name) in entries:
            entries[fold(name)].everyday_word = True


@cache
def index() -> Index:
    entries: dict[str, Entry] = {}
    _add_geography(entries)
    _add_aliases(entries, _aliases())
    prefixes = set()
    for key in entries:
        at = key.find(" ")
        while at != -1:
            prefixes.add(key[:at])
            at = key.find(" ", at + 1)
        prefixes.add(key)
    return Index(entries, frozenset(prefixes))
