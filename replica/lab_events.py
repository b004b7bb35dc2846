"""How an event page names the lab that runs it, the ways real organisers write it (issue 19),
and how other organisers' pages name a lab in passing.

A lab-run event is run, half the time, by a lab of the région it is held in (when there is
one), else by any lab of the edition; its organiser line is then, drawn per event from the
``:lab`` stream:

- ``name`` (55 %): the lab's first name or one of its spellings ("Ti Lab", "TI Lab", "Tilab");
- ``generic`` (15 %): the lab of its région in words ("Le laboratoire d'innovation publique de
  Bretagne", "Le lab de la préfecture de région Occitanie"), or — when the event is held in
  the lab's région — without naming it ("le lab du SGAR"); only for a lab alone in a
  metropolitan région (Provence-Alpes-Côte d'Azur has two: a generic form would be
  ambiguous; an overseas région is also a département, which the name cannot tell);
- ``line`` (15 %): the lab beside a body of its région on one line ("Région Bretagne, en
  partenariat avec Ti Lab", "SGAR Occitanie / Lab'O", "Lab'EST et Région Grand Est");
- ``described`` (15 %): a body of its région as the organiser, the lab in the description
  ("Cet atelier est proposé par Ti Lab.", "Co-organisé avec le laboratoire d'innovation
  publique de Bretagne.").

Other organisers' events name a lab in passing in ~10 % of descriptions ("Une démarche
inspirée des travaux de La Base."): no organising word, no link.
"""

from __future__ import annotations

import random

from parsers import geo
from replica.labs import LABS, Lab
from replica.organisers import ETAT, LAB, LOCAL, Org

FORMS = (("name", 55), ("generic", 15), ("line", 15), ("described", 15))
LOCAL_SHARE = 0.5  # of lab-run events held in a région with a lab: that lab's
PASSING_SHARE = 0.1
_OVERSEAS = frozenset({"01", "02", "03", "04", "06"})
_NAMED = ("Le laboratoire d'innovation publique {of}", "Laboratoire d'innovation territoriale de la région {name}",
          "Le lab de la préfecture de région {name}", "Lab d'innovation du SGAR {name}")
_UNNAMED = ("le lab du SGAR", "Le laboratoire d'innovation de la préfecture de région")
_LINES = ("{other}, en partenariat avec {lab}", "{other} / {lab}", "{lab} et {other}", "{other} avec {lab}")
_DESCRIBED = ("Cet atelier est proposé par {lab}.", "Un temps co-organisé avec {lab} et les services de l'État.",
              "Atelier animé par {lab}, avec les agents volontaires.")
_PASSING = ("Ce format a été expérimenté lors d'un atelier de {lab} l'an dernier.",
            "Une démarche inspirée des travaux de {lab}.",
            "Les outils conçus par les agents formés chez {lab} seront présentés en fin de séance.",
            "Retrouvez aussi les rendez-vous de {lab} dans le programme du Mois.")


def _alone(lab: Lab) -> bool:
    """Whether a generic form of the lab's région names it: one lab there, a région that is not
    also a département."""
    return lab.region_code not in _OVERSEAS and sum(x.region_code == lab.region_code for x in LABS) == 1


def _body(rng: random.Random, lab: Lab) -> Org:
    """A body of the lab's région (the other organiser of a line, or the organiser of an event
    whose description names the lab)."""
    region = geo.region(lab.region_code)
    name = region.name if region else lab.region_code
    text, kind = rng.choice(((f"Région {name}", LOCAL), (f"SGAR {name}", ETAT),
                             (f"Préfecture de la région {name}", ETAT), (f"DREETS {name}", ETAT)))
    return Org(text, kind, "region", None, lab.region_code)


def _generic(rng: random.Random, lab: Lab, event_region: str | None) -> Org | None:
    if not _alone(lab):
        return None
    region = geo.region(lab.region_code)
    if region is None:
        return None
    if event_region == lab.region_code and rng.random() < 0.3:
        return Org(rng.choice(_UNNAMED), LAB)  # names no territory: the event's place says which lab
    return Org(rng.choice(_NAMED).format(of=region.of_name, name=region.name), LAB, "region", None, lab.region_code)


def _line(rng: random.Random, lab: Lab, name: str) -> Org:
    other, form = _body(rng, lab), rng.choice(_LINES)
    text = form.format(other=other.text, lab=name)
    if form.startswith("{lab}"):
        return Org(text, LAB, "region", None, lab.region_code)
    return Org(text, other.kind, other.level, None, other.region_code)


def _described(rng: random.Random, lab: Lab, name: str) -> tuple[Org, str]:
    region = geo.region(lab.region_code)
    if _alone(lab) and region and rng.random() < 0.25:
        name = f"le laboratoire d'innovation publique {region.of_name}"
    return _body(rng, lab), rng.choice(_DESCRIBED).format(lab=name)


def lab_organiser(rng: random.Random, year: int, event_region: str | None = None,
                  ) -> tuple[Org | None, str, str | None]:
    """(organiser as written with its truth, the lab's id, a description line or None) for an
    event a lab runs in edition ``year``; ``event_region``: the région of its place."""
    created = [x for x in LABS if x.created <= year]
    local = [x for x in created if x.region_code == event_region]
    lab = rng.choice(local if local and rng.random() < LOCAL_SHARE else created)
    name = rng.choice(lab.event_names())
    form = rng.choices([f for f, _ in FORMS], weights=[w for _, w in FORMS])[0]
    if form == "generic" and (org := _generic(rng, lab, event_region)):
        return org, lab.id, None
    if form == "line":
        return _line(rng, lab, name), lab.id, None
    if form == "described":
        org, line = _described(rng, lab, name)
        return org, lab.id, line
    return Org(name, LAB, "region", None, lab.region_code), lab.id, None


def passing_mention(rng: random.Random, year: int) -> str | None:
    """A description line of another organiser's event that names a lab in passing, or None."""
    if rng.random() >= PASSING_SHARE:
        return None
    lab = rng.choice([x for x in LABS if x.created <= year])
    return rng.choice(_PASSING).format(lab=rng.choice(lab.event_names()))
