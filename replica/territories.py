"""Place texts that name a territory rather than an address, with what a careful reader gets:
an intercommunality, an institution, a gentilé, several places, a commune's name inside a street
or a venue, online said in other words (issue 13). Built from the official tables
(``parsers.geo``: EPCI and their members, départements and régions with their articles,
gentilés).

Each ``draw_*`` takes the event's commune ``c`` (the replica's geography stays the one the
plain forms draw) and returns a ``Where`` whose truth says the level of the territory and its
codes; a form that would leave a reader unsure (a homonym, an intercommunality over several
départements written without them) is not drawn.
"""

from __future__ import annotations

import random
from collections import defaultdict
from functools import cache

from parsers import geo
from replica import vocab
from replica.wheres import Where, a_commune, nameable, of_commune, pick_commune

# Etalab abbreviates the kind of an intercommunality; organisers write it out
_KINDS = {"CA ": "Communauté d'agglomération ", "CC ": "Communauté de communes ", "CU ": "Communauté urbaine "}
_SEAT_KIND = {"METRO": "la métropole", "CU": "la communauté urbaine", "CA": "l'agglomération"}
# nouns a gentilé qualifies: (noun, feminine?)
GENTILE_NOUNS = (("l'antenne", True), ("la maison", True), ("l'agence", True), ("le site", False),
          ("le campus", False), ("le tiers-lieu", False))
_BUILDINGS = ("Hôtel de Région", "l'Hôtel de Région", "Hôtel du Département", "la préfecture",
              "Hôtel de ville")
_COMMON_STREETS = ("avenue de Paris", "route de Lyon", "rue de Bordeaux", "rue du Port", "place de la Gare",
                   "boulevard de la Défense", "rue des Halles", "quai du Havre", "avenue de Versailles")
ONLINE_WORDS = (
    "En webconférence", "E-conférence (lien envoyé aux inscrits)", "Entièrement sur internet",
    "Sur la plateforme Livestorm", "À suivre virtuellement", "Diffusé en direct sur YouTube",
    "Classe virtuelle", "Événement dématérialisé", "Webinar", "En live sur LinkedIn",
)
MIXED_WORDS = (", également diffusé en direct", " et en webconférence", " (aussi en streaming)",
               ", et sur internet", " ou virtuellement")


def epci_name(e: geo.Epci) -> str:
    """The name as organisers write it: "CA du Pays Basque" -> "Communauté d'agglomération du Pays Basque"."""
    name = " ".join(e.name.split())  # Etalab's table has a double space here and there
    for short, long in _KINDS.items():
        if name.startswith(short):
            return long + name[len(short):]
    return name


def _core(name: str) -> str:
    """An EPCI's name less its kind and article: "CA du Sud" -> "sud"."""
    words = name.lower().replace("'", " ").split()
    while words and words[0] in ("ca", "cc", "cu", "métropole", "du", "de", "la", "l", "des", "d"):
        words = words[1:]
    return " ".join(w for w in words if w != "métropole")


@cache
def _shared_cores() -> frozenset[str]:
    cores: dict[str, int] = defaultdict(int)
    for e in geo.epcis():
        cores[_core(e.name)] += 1
    return frozenset(core for core, n in cores.items() if n > 1)


def readable_epci(e: geo.Epci) -> bool:
    """An intercommunality a reader can name from its written name: in one département, its
    name not cut by a spaced dash (a list of places, not a name) and no other's ("CA du Sud"
    is La Réunion's and Mayotte's)."""
    return (e.kind != "EPT" and " - " not in e.name and len(e.departement_codes) == 1
            and _core(e.name) not in _shared_cores())


def gentile_forms(kind: str, code: str) -> tuple[str, str | None, str | None] | None:
    """(masculine singular, feminine singular, the commune "la capitale …" names) of a place's
    adjective, or None."""
    return _gentiles().get((kind, code))


@cache
def _gentiles() -> dict[tuple[str, str], tuple[str, str | None, str | None]]:
    """(kind, code) -> (masculine singular, feminine singular, the commune "la capitale …" names)."""
    forms: dict[tuple[str, str], list[geo.Gentile]] = defaultdict(list)
    for g in geo.gentiles():
        forms[(g.kind, g.code)].append(g)
    out = {}
    for key, gs in forms.items():
        masc = min((g.form for g in gs), key=lambda f: (len(f), f))
        fem = min((g.form for g in gs if g.form.endswith("e") and g.form[:4] == masc[:4]),
                  key=lambda f: (len(f), f), default=None)
        out[key] = (masc, fem, next((g.capitale for g in gs if g.capitale), None))
    return out


@cache
def _seats() -> dict[str, str]:
    """EPCI SIREN -> its seat, the commune it is named after."""
    return {siren: code for code, siren in geo.epci_seats().items()}


def _territory(level: str, text: str, *, epci: geo.Epci | None = None, dep: str | None = None,
               region: str | None = None) -> Where:
    return Where(text, "offline", None, level=level, epci_code=epci.code if epci else None,
                 departement_code=dep, region_code=region)


def draw_epci(rng: random.Random, c: geo.Commune) -> Where | None:
    """ "Toulouse Métropole", "Communauté de communes du Val d'Essonne", "la métropole de
    Montpellier", "l'agglomération havraise" (the EPCI of the event's commune)."""
    e = geo.epci_of_commune(c.code)
    if e is None or not readable_epci(e):
        return None
    seat = _seats().get(e.code)
    forms = [epci_name(e), epci_name(e)]
    if seat and e.kind in _SEAT_KIND and (s := geo.commune(seat)) and nameable(s):
        forms.append(f"{_SEAT_KIND[e.kind]} de {s.name}")
        gentile = gentile_forms("commune", seat)
        if gentile and gentile[1] and e.kind != "CU":
            forms.append(f"l'agglomération {gentile[1]}")
    dep = geo.departement(e.departement_codes[0])
    return _territory("epci", rng.choice(forms), epci=e, dep=dep.code if dep else None,
                      region=dep.region_code if dep else None)


def draw_institution(rng: random.Random, c: geo.Commune) -> Where:
    """An institution names its territory at its own level; an address makes it a venue; the
    building alone names none."""
    dep, region = geo.departement(c.departement_code), geo.region(c.region_code)
    form = rng.randrange(9)
    if dep is None or region is None:
        return _territory("unknown", rng.choice(_BUILDINGS))
    if form == 0:
        return _territory("departement", f"Préfecture {dep.of_name}", dep=dep.code, region=region.code)
    if form == 1:
        return _territory("region", f"Préfecture de la région {region.name}", region=region.code)
    if form == 2:
        return _territory("departement", f"{rng.choice(('Conseil départemental', 'Hôtel du Département'))} "
                                         f"{dep.of_name}", dep=dep.code, region=region.code)
    if form == 3:
        return _territory("region", f"Conseil régional {region.of_name}", region=region.code)
    if form == 4 and (seat := geo.region_chef_lieu(region.code)):
        return _territory("region", f"Rectorat de l'académie de {seat.name}", region=region.code)
    if form == 5:
        return _territory("departement", f"{rng.choice(('DDTM', 'DDT', 'DDETS'))} ({dep.code})", dep=dep.code,
                          region=region.code)
    if form == 6 and nameable(c):  # the town hall: a venue in its commune
        return Where(f"{rng.choice(('Mairie', 'Hôtel de ville'))} {of_commune(c.name)}", "offline", c, level="venue")
    if form == 7 and (pref := geo.departement_chef_lieu(dep.code)) and pref.postcodes:
        street = f"{rng.randint(1, 40)} {rng.choice(('rue', 'place', 'avenue'))} {rng.choice(vocab.STREET_NAMES)}"
        return Where(f"Préfecture {dep.of_name}, {street}, {pref.postcodes[0]} {pref.name}", "offline", pref,
                     level="venue")
    return _territory("unknown", rng.choice(_BUILDINGS))


def draw_gentile(rng: random.Random, c: geo.Commune) -> Where | None:
    """ "l'antenne lyonnaise", "le site finistérien", "la capitale bretonne": an adjective of
    the event's commune, else of its département, else of its région."""
    for kind, code in (("commune", c.code), ("departement", c.departement_code), ("region", c.region_code)):
        if (found := gentile_forms(kind, code)) is None:
            continue
        masc, fem, capitale = found
        if kind == "region" and capitale and fem and rng.random() < 0.3 and (town := geo.commune(capitale)):
            return Where(f"la capitale {fem}", "offline", town, level="commune")
        noun, feminine = rng.choice(GENTILE_NOUNS)
        if feminine and fem is None:
            continue
        text = f"{noun} {fem if feminine else masc}"
        if kind == "commune":  # a site of the town: a venue in it
            return Where(text, "offline", c, level="venue")
        dep = c.departement_code if kind == "departement" else None
        return _territory(kind, text, dep=dep, region=c.region_code)
    return None


def _common(places: list[geo.Commune]) -> Where:
    """The smallest territory holding every place listed (the text is set by the caller)."""
    epcis = {e.code if (e := geo.epci_of_commune(p.code)) else None for p in places}
    deps, regions = {p.departement_code for p in places}, {p.region_code for p in places}
    if len(epcis) == 1 and None not in epcis and (e := geo.epci(epcis.pop())):
        return Where("", "offline", None, level="epci", epci_code=e.code,
                     departement_code=e.departement_codes[0] if len(e.departement_codes) == 1 else None,
                     region_code=e.region_codes[0] if len(e.region_codes) == 1 else None)
    if len(deps) == 1:
        return Where("", "offline", None, level="departement", departement_code=deps.pop(),
                     region_code=regions.pop())
    if len(regions) == 1:
        return Where("", "offline", None, level="region", region_code=regions.pop())
    return Where("", "offline", None, level="national")


def draw_several(rng: random.Random, c: geo.Commune) -> Where | None:
    """ "Rennes, Brest et Vannes", "trois sites : …", "à Lyon ou dans toute la région"."""
    if not nameable(c):
        return None
    if rng.random() < 0.2:
        return _territory("region", f"{a_commune(c.name)} ou dans toute la région", region=c.region_code)
    same = "dep" if rng.random() < 0.5 else "region"
    others = []
    for _ in range(12):
        o = pick_commune(rng)
        if o.region_code == c.region_code and o.code != c.code and nameable(o) and o not in others \
                and (same == "region" or o.departement_code == c.departement_code):
            others.append(o)
        if len(others) == 2:
            break
    if not others:
        return None
    places = [c, *others]
    names = [p.name for p in places]
    listed = f"{', '.join(names[:-1])} et {names[-1]}"
    text = rng.choice((listed, f"{len(places) if len(places) == 3 else 'deux'} sites : {listed}".replace(
        "3 sites", "trois sites"), " et ".join(a_commune(n) for n in names)))
    common = _common(places)
    return Where(text, "offline", None, level=common.level, epci_code=common.epci_code,
                 departement_code=common.departement_code, region_code=common.region_code)


def draw_common_noun(rng: random.Random, c: geo.Commune) -> Where | None:
    """A commune's name as a street's or a venue's ("12 avenue de Paris", "Les Halles"): the town
    after the postcode, or after "à", is the place."""
    if not c.postcodes:
        return None
    street = f"{rng.randint(1, 90)} {rng.choice(_COMMON_STREETS)}"
    if rng.random() < 0.6 or not nameable(c):
        return Where(f"{street}, {rng.choice(c.postcodes)} {c.name}", "offline", c, level="venue")
    return Where(f"{street} {a_commune(c.name)}", "offline", c, level="venue")


def draw_online(rng: random.Random, c: geo.Commune) -> Where:
    """Online said in other words, or a place and online said that way (mixed)."""
    if rng.random() < 0.6 or not nameable(c):
        return Where(rng.choice(ONLINE_WORDS), "online", None, level="online")
    return Where(f"{a_commune(c.name)}{rng.choice(MIXED_WORDS)}", "mixed", c, level="commune")


FAMILIES = (draw_epci, draw_institution, draw_gentile, draw_several, draw_common_noun, draw_online)
SHARE = 0.25  # of the events with a place


def vary(rng: random.Random, where: Where | None) -> Where | None:
    """The event's place written by one of the families, for a share of events (``rng`` is
    the event's own stream for it: the other draws of the world are unchanged); an online
    place is then said in other words, an offline one names the territory of its commune."""
    if where is None or rng.random() >= SHARE:
        return where
    if where.attendance == "online":
        return Where(rng.choice(ONLINE_WORDS), "online", None, level="online")
    if where.attendance != "offline" or where.commune is None:
        return where
    return rng.choice(FAMILIES)(rng, where.commune) or where

