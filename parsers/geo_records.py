"""The records of the official geography (``parsers.geo`` makes them from its table): régions,
départements, communes, arrondissements municipaux, former communes, EPCI, gentilés."""

from __future__ import annotations

from dataclasses import dataclass

# "de" + a name, by Etalab's typeLiaison (INSEE's TNCC): "de Paris", "d'Ille-et-Vilaine", "du
# Morbihan", "de la Gironde", "des Landes", "de l'Ain" (an article the name starts with is the link's)
_OF = {0: "de ", 1: "d'", 2: "du ", 3: "de la ", 4: "des ", 5: "de l'", 6: "des ", 7: "de las ", 8: "de los "}


def _of(name: str, liaison: int) -> str:
    if liaison in (2, 3, 4, 5, 6):
        name = next((name[len(a):] for a in ("La ", "Le ", "Les ", "L'") if name.startswith(a)), name)
    return _OF.get(liaison, "de ") + name


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    liaison: int = 0  # Etalab's typeLiaison

    @property
    def of_name(self) -> str:
        """ "de Bretagne", "du Grand Est", "d'Occitanie"."""
        return _of(self.name, self.liaison)


@dataclass(frozen=True, slots=True)
class Departement:
    code: str
    name: str
    region_code: str
    liaison: int = 0  # Etalab's typeLiaison

    @property
    def of_name(self) -> str:
        """ "du Morbihan", "de la Gironde", "de l'Ain"."""
        return _of(self.name, self.liaison)


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
class Epci:
    """An intercommunality: ``kind`` METRO, MET69 (Métropole de Lyon), CU, CA, CC or EPT."""

    code: str  # SIREN
    name: str
    kind: str
    members: tuple[str, ...]  # INSEE codes of its communes
    departement_codes: tuple[str, ...]
    region_codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Gentile:
    """A written form of an adjective of place ("lyonnaise") and the place it names."""

    form: str
    kind: str  # "commune" | "departement" | "region"
    code: str
    capitale: str | None  # the commune "la capitale <form>" names (régions only)
