"""Organisers as event pages write them, with what a careful reader gets from the name: the kind
of body (``parsers.places.organiser.KINDS``) and the territory it serves (issue 13).

The plain draws (``model._organiser``: a lab, the town or the région of the event, a national
or a local body of ``vocab``) keep their texts; for a share of events (drawn from the event's
own ``:org`` stream, so that nothing else of the world changes) the organiser is written by one
of the families: an intercommunality, an institution of the State or of a collectivité at its
level, a social-security fund or a university of the event's territory, or a line of two
organisers (the first is the organiser).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from parsers import geo
from replica.territories import epci_name, gentile_forms, readable_epci
from replica.wheres import nameable, of_commune

ETAT, LOCAL, EPCI, PUBLIC, LAB = "etat", "collectivite", "epci", "etablissement_public", "lab"


@dataclass(frozen=True)
class Org:
    text: str
    kind: str                           # etat | collectivite | epci | etablissement_public | lab | … | unknown
    level: str = "unknown"              # commune | epci | departement | region | national | unknown
    departement_code: str | None = None
    region_code: str | None = None

    def truth(self) -> dict:
        return {"organiser_kind": self.kind, "organiser_level": self.level,
                "organiser_departement_code": self.departement_code, "organiser_region_code": self.region_code}


NONE_TRUTH = {"organiser_kind": None, "organiser_level": None, "organiser_departement_code": None,
              "organiser_region_code": None}
_NATIONAL = {
    "Etalab": ETAT, "DITP": ETAT, "Cerema": PUBLIC, "Direction interministérielle du numérique (DINUM)": ETAT,
    "Ministère de l'Intérieur": ETAT, "Ministère des Armées": ETAT, "France Travail": PUBLIC,
    "Urssaf Caisse nationale": PUBLIC, "Caisse nationale des allocations familiales": PUBLIC,
    "Institut national du service public (INSP)": PUBLIC, "Agence nationale de la cohésion des territoires": PUBLIC,
    "beta.gouv.fr": ETAT, "Direction générale des finances publiques": ETAT, "Banque des Territoires": PUBLIC,
    "Ademe": PUBLIC, "Assurance Maladie": PUBLIC, "Campus de la transformation publique": ETAT,
    "Météo-France": PUBLIC, "Centre national de la fonction publique territoriale (CNFPT)": PUBLIC,
}
# a think tank whose name says neither its kind nor a territory: a reader of the name cannot tell
_UNSAID = {"La 27e Région": Org("La 27e Région", "unknown")}
_LOCAL = {
    "Conseil départemental de la Loire-Atlantique": (LOCAL, "departement", "44"),
    "Métropole européenne de Lille": (EPCI, "epci", "59"), "Région Bretagne": (LOCAL, "region", "53"),
    "Conseil départemental du Gard": (LOCAL, "departement", "30"), "Rennes Métropole": (EPCI, "epci", "35"),
    "Conseil départemental de la Gironde": (LOCAL, "departement", "33"),
    "Eurométropole de Strasbourg": (EPCI, "epci", "67"), "Région Hauts-de-France": (LOCAL, "region", "32"),
    "Département de la Seine-Saint-Denis": (LOCAL, "departement", "93"),
    "Grenoble-Alpes Métropole": (EPCI, "epci", "38"), "Conseil départemental du Nord": (LOCAL, "departement", "59"),
    "Région Sud": (LOCAL, "region", "93"), "Nantes Métropole": (EPCI, "epci", "44"),
    "Toulouse Métropole": (EPCI, "epci", "31"), "Collectivité territoriale de Martinique": (LOCAL, "region", "02"),
    "Département de La Réunion": (LOCAL, "departement", "974"),
}


def fixed(text: str) -> Org:
    """The truth of a name of ``vocab.NATIONAL_ORGANISERS`` or ``vocab.LOCAL_ORGANISERS``."""
    if text in _UNSAID:
        return _UNSAID[text]
    if text in _NATIONAL:
        return Org(text, _NATIONAL[text], "national")
    kind, level, code = _LOCAL[text]
    if level == "region":
        return Org(text, kind, level, None, code)
    dep = geo.departement(code)
    return Org(text, kind, level, code, dep.region_code if dep else None)


def _in(c: geo.Commune) -> str:
    """The town as a reader can tell it: "Rennes", or with its département when it has a namesake."""
    return c.name if nameable(c, "fr") else f"{c.name} ({c.departement_code})"


def of_town(rng: random.Random, c: geo.Commune) -> Org:
    """The plain draw for the event's town (``rng.choice`` of five forms, as it always was)."""
    region = geo.region(c.region_code)
    name = region.name if region else c.region_code
    town = of_commune(_in(c))
    form = rng.choice((f"Ville {town}", f"Mairie {town}", f"Sous-préfecture {town}", f"SGAR {name}",
                       f"Préfecture de la région {name}"))
    if form.startswith(("SGAR", "Préfecture")):
        return Org(form, ETAT, "region", None, c.region_code)
    return Org(form, ETAT if form.startswith("Sous") else LOCAL, "commune", c.departement_code, c.region_code)


def draw_epci(rng: random.Random, c: geo.Commune) -> Org | None:
    e = geo.epci_of_commune(c.code)
    if e is None or not readable_epci(e) or "/" in e.name or "," in e.name:  # a line of organisers
        return None  # splits there
    forms = [epci_name(e)]
    gentile = gentile_forms("commune", c.code)
    if e.kind in ("CA", "METRO") and gentile and gentile[1] and geo.epci_seats().get(c.code) == e.code:
        forms.append(f"l'agglomération {gentile[1]}" if e.kind == "CA" else f"la métropole {gentile[1]}")
    return Org(rng.choice(forms), EPCI, "epci", e.departement_codes[0], e.region_codes[0])


def draw_institution(rng: random.Random, c: geo.Commune) -> Org | None:
    dep, region = geo.departement(c.departement_code), geo.region(c.region_code)
    if dep is None or region is None:
        return None
    seat = geo.region_chef_lieu(region.code)
    forms = [
        Org(f"Préfecture {dep.of_name}", ETAT, "departement", dep.code, region.code),
        Org(f"{rng.choice(('DDTM', 'DDETS', 'DDT', 'DDFiP'))} {dep.of_name}", ETAT, "departement", dep.code,
            region.code),
        Org(f"{rng.choice(('DREAL', 'DREETS', 'DRAAF'))} {region.name}", ETAT, "region", None, region.code),
        Org(f"Conseil départemental {dep.of_name}", LOCAL, "departement", dep.code, region.code),
        Org(f"le Département {dep.of_name}", LOCAL, "departement", dep.code, region.code),
        Org(f"Région {region.name}", LOCAL, "region", None, region.code),
        Org(f"Conseil régional {region.of_name}", LOCAL, "region", None, region.code),
        Org(f"{rng.choice(('CAF', 'CPAM'))} {dep.of_name}", PUBLIC, "departement", dep.code, region.code),
    ]
    if seat:
        forms.append(Org(f"Rectorat de l'académie de {seat.name}", ETAT, "region", None, region.code))
    if (pref := geo.departement_chef_lieu(dep.code)) and nameable(pref):  # a university of the préfecture
        forms.append(Org(f"Université {of_commune(pref.name)}", PUBLIC, "commune", dep.code, region.code))
    return rng.choice(forms)


def draw_line(rng: random.Random, c: geo.Commune) -> Org | None:
    """Two organisers on one line: the first is the organiser ("Préfecture du Morbihan, en
    partenariat avec la Région Bretagne")."""
    first = rng.choice((draw_institution, draw_epci))(rng, c)
    second = draw_institution(rng, c)
    if first is None or second is None or first.text == second.text:
        return None
    joined = f"{first.text}{rng.choice((', en partenariat avec ', ' et ', ' / ', ' avec '))}{second.text}"
    return Org(joined, first.kind, first.level, first.departement_code, first.region_code)


FAMILIES = (draw_epci, draw_institution, draw_line)
SHARE = 0.3  # of the events whose organiser is not a lab


def vary(rng: random.Random, org: Org | None, c: geo.Commune | None) -> Org | None:
    """The organiser written by a family, for a share of events organised by no lab."""
    if org is None or org.kind == LAB or c is None or rng.random() >= SHARE:
        return org
    return rng.choice(FAMILIES)(rng, c) or org


def known(text: str) -> bool:
    """Whether ``fixed`` has the truth of this name (every name of ``vocab``'s pools: tested)."""
    return text in _NATIONAL or text in _LOCAL or text in _UNSAID
