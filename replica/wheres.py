"""Place texts as organisers write them, built from the official geography
(``parsers.geo``), with what a careful reader resolves them to.

Forms without a postcode name only communes a reader can pin down: a name unique in
France (or dominating its homonyms 20x in population), or unique within the région or
département written next to it.
"""

from __future__ import annotations

import random
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from parsers import geo
from replica import vocab

# Old région names and spellings organisers still write, by current région code.
REGION_SPELLINGS = {
    "52": ("Pays de la Loire", "Pays de Loire"), "93": ("Provence-Alpes-Côte d'Azur", "PACA"),
    "84": ("Auvergne-Rhône-Alpes", "Rhône-Alpes"), "32": ("Hauts-de-France", "Nord-Pas-de-Calais"),
    "24": ("Centre-Val de Loire", "Centre-Val-de-Loire"), "44": ("Grand Est", "Alsace"),
}
_POP_FLOOR = 3000


@dataclass(frozen=True)
class Where:
    """A place text and what it names: a commune (with a venue or street: level "venue"), or a
    territory without one (``level`` and the codes given: an EPCI, a département…)."""

    text: str | None
    attendance: str | None          # offline | online | mixed | None
    commune: geo.Commune | None
    online_url: str | None = None
    level: str | None = None        # parsers.places.LEVELS; None: "commune" with one, else unknown/online
    epci_code: str | None = None    # a territory's own codes, when it is no commune
    departement_code: str | None = None
    region_code: str | None = None

    def truth(self) -> dict:
        c = self.commune
        epci = geo.epci_of_commune(c.code) if c else geo.epci(self.epci_code) if self.epci_code else None
        level = self.level or ("commune" if c else "online" if self.attendance == "online" else "unknown")
        return {
            "place_text": self.text, "attendance": self.attendance, "online_url": self.online_url,
            "commune_code": c.code if c else None, "commune_name": c.name if c else None,
            "departement_code": c.departement_code if c else self.departement_code,
            "region_code": c.region_code if c else self.region_code,
            "level": level, "epci_code": epci.code if epci else None, "epci_name": epci.name if epci else None,
        }


def _norm(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return text.replace("-", " ").replace("'", " ").replace("saint ", "st ")


@cache
def _homonyms() -> dict[str, tuple[geo.Commune, ...]]:
    by_name: dict[str, list[geo.Commune]] = defaultdict(list)
    for c in geo.communes():
        by_name[_norm(c.name)].append(c)
    return {k: tuple(v) for k, v in by_name.items()}


def nameable(c: geo.Commune, scope: str = "fr") -> bool:
    """Can a reader tell which commune ``c.name`` means, in France / its région / its département?"""
    others = [o for o in _homonyms()[_norm(c.name)] if o.code != c.code]
    if scope == "region":
        others = [o for o in others if o.region_code == c.region_code]
    elif scope == "dep":
        others = [o for o in others if o.departement_code == c.departement_code]
    if not others:
        return True
    return (c.population or 0) >= 20 * sum(o.population or 0 for o in others)


@cache
def _candidates() -> dict[str, tuple[tuple[geo.Commune, ...], tuple[float, ...]]]:
    """Per région (the 18 only: the replica's world stays the one it was), the communes events
    happen in, weighted by √population."""
    per: dict[str, list[geo.Commune]] = defaultdict(list)
    regions = {r.code for r in geo.regions()}
    for c in geo.communes():
        if (c.population or 0) >= _POP_FLOOR and c.postcodes and c.region_code in regions:
            per[c.region_code].append(c)
    return {r: (tuple(cs), tuple((c.population or 1) ** 0.5 for c in cs)) for r, cs in per.items()}


def pick_commune(rng: random.Random) -> geo.Commune:
    regions = sorted(_candidates())
    # Île-de-France gets a larger share, as on the real programme; every région appears.
    region = "11" if rng.random() < 0.18 else rng.choice(regions)
    communes, weights = _candidates()[region]
    return rng.choices(communes, weights=weights)[0]


def a_commune(name: str) -> str:
    """"à Rennes", "au Havre", "aux Sables-d'Olonne"."""
    if name.startswith("Le "):
        return "au " + name[3:]
    if name.startswith("Les "):
        return "aux " + name[4:]
    return "à " + name


def of_commune(name: str) -> str:
    """"de Rennes", "du Havre", "des Sables-d'Olonne"."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    return "de " + name


def _street(rng: random.Random) -> str:
    kind, shorts = rng.choice(vocab.STREET_TYPES)
    return f"{rng.randint(1, 120)} {rng.choice(shorts)} {rng.choice(vocab.STREET_NAMES)}"


def _postcode(rng: random.Random, c: geo.Commune) -> str:
    return rng.choice(c.postcodes)


def _offline_text(rng: random.Random, c: geo.Commune) -> tuple[str, str]:
    """One of the written forms of an address in commune ``c``, and its level (a venue or a
    street: "venue"; the town alone: "commune")."""
    forms = [0, 1, 2, 3]
    if nameable(c):
        forms += [4, 5, 6]
    if c.region_code in REGION_SPELLINGS and nameable(c, "region"):
        forms += [7]
    if nameable(c, "dep"):
        forms += [8]
    form = rng.choice(forms)
    street, pc, venue = _street(rng), _postcode(rng, c), rng.choice(vocab.VENUES)
    return "commune" if form in (7, 8) else "venue", {
        0: lambda: f"{street}, {pc} {c.name}",
        1: lambda: f"{street} {pc} {c.name}",
        2: lambda: f"{venue} - {street} - {pc} {c.name}",
        3: lambda: f"{venue}, {street}, {pc} {c.name}",
        4: lambda: f"{venue}, {street} {a_commune(c.name)}, {rng.choice(vocab.ROOMS)}",
        5: lambda: f"{venue} ({c.name})",
        6: lambda: f"{a_commune(c.name)}, {venue.lower() if venue[0] in 'HM' else venue}",
        7: lambda: f"{a_commune(c.name)} ({rng.choice(REGION_SPELLINGS[c.region_code])})",
        8: lambda: f"{c.name} ({c.departement_code})",
    }[form]()


def _paris_venue(rng: random.Random) -> tuple[str, geo.Commune]:
    venue, street, pc = rng.choice(vocab.PARIS_VENUES)
    paris = geo.commune("75056")
    text = rng.choice((f"{venue}, {street}, {pc} Paris", f"{street} {pc} Paris", f"{venue} - {street} - {pc} Paris",
                       "à Paris (Ségur)"))
    return text, paris


def offline(rng: random.Random, commune: geo.Commune | None = None) -> Where:
    if commune is None and rng.random() < 0.04:
        return Where(rng.choice(vocab.VENUE_ONLY), "offline", None, level="unknown")
    if commune is None and rng.random() < 0.06:
        text, paris = _paris_venue(rng)
        return Where(text, "offline", paris, level="venue")
    c = commune or pick_commune(rng)
    level, text = _offline_text(rng, c)
    return Where(text, "offline", c, level=level)


def online(rng: random.Random) -> Where:
    text = rng.choice(vocab.ONLINE_PLACES)
    if rng.random() < 0.15:
        url = rng.choice(vocab.ONLINE_URLS).format(
            n=rng.randint(100000, 999999), m=rng.randint(1000, 9999), h=f"{rng.getrandbits(32):08x}")
        return Where(f"En ligne : {url}", "online", None, url)
    return Where(text, "online", None)


def mixed(rng: random.Random) -> Where:
    first = offline(rng, pick_commune(rng))
    if rng.random() < 0.25:
        second = offline(rng, pick_commune(rng) if rng.random() < 0.3 else first.commune)
        text = f"Matin : plénière en hybride, {first.text} ; après-midi : ateliers, {second.text}"
        return Where(text, "mixed", first.commune, level=first.level)
    prefix = rng.choice(vocab.MIXED_PREFIXES)
    text = f"{first.text} (hybride)" if prefix.startswith("Sur") else prefix + first.text
    return Where(text, "mixed", first.commune, level=first.level)


def make_where(rng: random.Random, *, all_online: bool) -> Where:
    if all_online:
        return online(rng)
    r = rng.random()
    if r < 0.62:
        return offline(rng)
    return online(rng) if r < 0.88 else mixed(rng)
