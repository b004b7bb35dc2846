"""The folded-name index behind ``parsers.places``: every name a place text may use -> what it names.

Built once, lazily, from ``parsers.geo`` (communes, départements, régions, overseas
collectivités, the core names of the EPCI, gentilés) and the hand-written
``data/place_aliases.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
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


class Entry:
    """Everything one folded name can mean (a plain class: the index makes ~40,000 of them,
    and an attribute never set reads its class default)."""

    communes: tuple[str, ...] = ()
    former: tuple[str, ...] = ()  # current codes of communes déléguées
    departements: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    venue: Venue | None = None
    foreign: bool = False
    everyday_word: bool = False  # a commune name that is also a common word
    epcis: tuple[str, ...] = ()  # SIREN of the EPCI whose name, less its kind, is this one
    gentile: geo.Gentile | None = None  # an adjective of place ("lyonnaise")

    @property
    def is_place(self) -> bool:
        """Names a place by itself (a gentilé or an EPCI core name does only in context)."""
        return bool(self.communes or self.former or self.departements or self.regions
                    or self.venue or self.foreign)


@dataclass(frozen=True, slots=True)
class Index:
    entries: dict[str, Entry]
    prefixes: frozenset[str]  # every run of leading words of a name: "saint", "saint denis", …


# the words of an EPCI's name that say its kind ("CA du Pays Basque" -> "pays basque")
_EPCI_KIND = re.compile(
    r"^(?:(?:ca|cc|cu|metropole europeenne|metropole|eurometropole|communaute (?:de communes|"
    r"d agglomeration|urbaine)|communaute|agglomeration|agglo) )+(?:(?:de la|de l|du|des|de|d) )?|"
    r"(?: (?:metropole|agglomeration|agglo|communaute|intercom))+$"
)


KIND_WORDS = ("metropole", "eurometropole", "agglomeration", "agglo", "communaute", "intercom")
# the last word of an intercommunality's kind, as written before its name ("Communauté de communes")
EPCI_KIND_WORDS = frozenset({*KIND_WORDS, "communes", "urbaine", "europeenne", "ca", "cc", "cu"})


def epci_core(name: str) -> str:
    """An EPCI's name without its kind and acronym: "CA du Pays Basque" -> "pays basque"."""
    return _EPCI_KIND.sub("", fold(re.sub(r"\(.*?\)", " ", name))).strip()


def _aliases() -> dict[str, Any]:
    return json.loads(  # type: ignore[no-any-return]  # a JSON object
       files("parsers.data").joinpath("place_aliases.json").read_text("utf-8"))


def region_names() -> dict[str, str]:
    """Every name a région goes by, as written → its INSEE code: the official names
    (``parsers.geo``) and the other names of ``data/place_aliases.json`` ("PACA", "IDF",
    "Région Sud", "Île de la Réunion", "Basse-Normandie"…)."""
    regions: dict[str, str] = _aliases()["regions"]
    return {**{r.name: r.code for r in geo.regions()}, **regions}


def _at(entries: dict[str, Entry], key: str) -> Entry:
    entry = entries.get(key)
    if entry is None:
        entry = entries[key] = Entry()
    return entry


def _add_geography(entries: dict[str, Entry]) -> None:
    for code, name in geo.commune_names():
        entry = _at(entries, fold(name))
        entry.communes = (*entry.communes, code)
    for f in geo.former_communes():
        entry = _at(entries, fold(f.name))
        if not entry.communes and f.commune_code not in entry.former:
            entry.former = (*entry.former, f.commune_code)
    for d in geo.departements() + geo.overseas():
        entry = _at(entries, fold(d.name))
        entry.departements = (*entry.departements, d.code)
    for r in geo.regions():
        entry = _at(entries, fold(r.name))
        entry.regions = (*entry.regions, r.code)


def _add_epcis_and_gentiles(entries: dict[str, Entry]) -> None:
    words: dict[str, list[str]] = {}
    for code, name in geo.epci_names():
        folded = fold(re.sub(r"\(.*?\)", " ", name))
        if core := _EPCI_KIND.sub("", folded).strip():
            entry = _at(entries, core)
            entry.epcis = (*entry.epcis, code)
        for word in set(folded.split()) & set(KIND_WORDS):
            words.setdefault(word, []).append(code)
    for word, users in words.items():  # a kind word one EPCI alone uses names it: "l'Eurométropole"
        if len(users) == 1:
            _at(entries, word).epcis = tuple(users)
    for g in geo.gentiles():
        _at(entries, fold(g.form)).gentile = g


def _add_aliases(entries: dict[str, Entry], aliases: dict[str, Any]) -> None:
    for name, code in aliases["regions"].items():
        entry = _at(entries, fold(name))
        if code not in entry.regions:
            entry.regions = (*entry.regions, code)
    for name, code in aliases["short_names"].items():
        entry = _at(entries, fold(name))
        entry.communes, entry.former = ((code,) if code else ()), ()
    for name, code in aliases["areas"].items():
        entry = _at(entries, fold(name))
        if entry.epcis:  # an EPCI's own name ("Cergy-Pontoise"): the EPCI, more precise
            continue
        entry.departements = (*entry.departements, code)
    for v in aliases["venues"]:
        _at(entries, fold(v["name"])).venue = Venue(v["name"], v["commune"], v["arrondissement"])
    for name in aliases["foreign"]:
        _at(entries, fold(name)).foreign = True
    for name in aliases["not_communes"]:
        if fold(name) in entries:
            entries[fold(name)].everyday_word = True


@cache
def index() -> Index:
    entries: dict[str, Entry] = {}
    _add_geography(entries)
    _add_epcis_and_gentiles(entries)
    _add_aliases(entries, _aliases())
    prefixes = set()
    for key in entries:
        at = key.find(" ")
        while at != -1:
            prefixes.add(key[:at])
            at = key.find(" ", at + 1)
        prefixes.add(key)
    return Index(entries, frozenset(prefixes))
