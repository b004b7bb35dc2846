"""From the names found in a place text to one commune, département and région, or to none.

Order of trust: an arrondissement ("Paris 15e"), a postcode with or without the commune's
name, a name in a strong position ("Lille (59)", "à Rennes", a segment of its own), a known
venue ("Station F"), "préfecture de région X", and last a large, unambiguous town named
anywhere. Homonyms are settled by a département or région named in the text, else by a
population 20 times that of all the others together; otherwise no commune is given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from parsers import geo
from parsers.places.index import Venue
from parsers.places.mentions import STRONG, Area, Mention, departement_codes
from parsers.places.text import Token

DOMINANCE = 15  # a homonym wins alone when 15x more populous than all the others together
PREFECTURE_DOMINANCE = 5  # ... or 5x when it is the only préfecture among them
WEAK_MIN_POPULATION = 20_000  # a name outside any structure counts only for a large town
_ARR_FIRST = re.compile(r"\b(paris|lyon|marseille) (\d{1,2}) ?(?:e|er|eme|ieme|em|re)\b")
_ARR_LAST = re.compile(
    r"\b(\d{1,2}) ?(?:e|er|eme|ieme|re) arrondissement (?:de |d )?(paris|lyon|marseille)\b"
)
# "Mairie du 5e, Paris", "salle du conseil, 11e arrondissement – Paris": the ordinal, the city elsewhere
_ARR_ALONE = re.compile(
    r"\b(?:mairie (?:annexe )?(?:du|d) (\d{1,2}) ?(?:e|er|eme|ieme|re)\b(?! etage)|"
    r"(\d{1,2}) ?(?:e|er|eme|ieme|re) arrondissement\b)"
)
_PLM = {"paris": ("75056", "751{:02d}", 20), "lyon": ("69123", "6938{:d}", 9),
        "marseille": ("13055", "132{:02d}", 16)}
_ORDER = {"parens": 0, "qualified": 0, "at": 1, "bracketed": 2, "segment": 3, "institution": 4, "in": 5,
          "postcode": 6, "weak": 7, "prose": 8}
# where a name that is also a département or an everyday word still means the town
_ARTICLES = frozenset({"la", "le", "les", "l"})
_TOWN_FIRST = ("at", "parens", "postcode", "bracketed", "qualified")


@dataclass(frozen=True, slots=True)
class Resolution:
    commune: geo.Commune | None = None
    arrondissement: str | None = None
    departement_code: str | None = None
    region_code: str | None = None
    confidence: str | None = None
    postcode: str | None = None
    venue: Venue | None = None
    foreign: bool = False
    weak: bool = False  # the commune is only a large town named in passing


@dataclass(slots=True)
class Hints:
    deps: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)
    venue: Venue | None = None
    foreign: bool = False


@cache
def _prefectures() -> frozenset[str]:
    return frozenset(
        c.code for d in geo.departements() if (c := geo.departement_chef_lieu(d.code))
    )


def _postcode_departement(pc: str) -> str | None:
    if pc.startswith("20"):
        return "2A" if pc < "20200" else "2B"
    code = pc[:3] if pc.startswith(("97", "98")) else pc[:2]
    return code if geo.departement(code) else None


_NOT_POSTCODE_AFTER = frozenset({"bp", "cs", "tsa", "cp", "sp", "ligne", "n", "no", "numero", "tel"})


def _find_postcode(keys: list[str]) -> str | None:
    """The first 5-digit postcode La Poste knows (or, next to "Cedex", of a real département)."""
    cedex = "cedex" in keys
    for i, k in enumerate(keys):
        if len(k) != 5 or not k.isdigit() or (i and keys[i - 1] in _NOT_POSTCODE_AFTER):
            continue
        if geo.communes_for_postcode(k) or (cedex and _postcode_departement(k)):
            return k
    return None


def hints(tokens: tuple[Token, ...], mentions: list[Mention], areas: list[Area]) -> Hints:
    """The départements and régions a text names (to settle homonyms), its venue, abroad."""
    h = Hints(deps={t.key.upper() for t in tokens if t.in_parens and t.key in departement_codes()})
    for m in mentions:
        e = m.entry
        if m.how in ("blocked", "street", "named"):
            continue
        if e.venue:  # "Station F", not "Centre Pompidou-Metz"
            ends_segment = m.end == len(tokens) or tokens[m.end].segment != tokens[m.end - 1].segment
            h.venue = h.venue or (e.venue if ends_segment else None)
            continue
        h.foreign = h.foreign or (e.foreign and m.how != "parens")
        if e.everyday_word and (m.how == "prose" or (m.how == "weak" and tokens[m.start].key not in _ARTICLES)):
            continue   # "Réunion publique", "Salle Réunion 2": a meeting; "Saint-Denis, Réunion",
            # "Saint-Denis de La Réunion": the island
        h.regions.update(e.regions)
        if e.departements and not (e.communes and m.how in ("at", "postcode", "parens", "qualified")):
            h.deps.update(e.departements)
    for a in areas:
        (h.deps if a.level == "departement" else h.regions if a.level == "region" else set()).add(a.code or "")
    h.deps.discard("")
    h.regions.discard("")
    return h


def pick(codes: Sequence[str], h: Hints) -> tuple[geo.Commune, str] | None:
    cands = [c for code in codes if (c := geo.commune(code))]
    if len(cands) == 1:
        return cands[0], "name"
    for hint, attr, label in ((h.deps, "departement_code", "departement"),
                              (h.regions, "region_code", "region")):
        kept = [c for c in cands if getattr(c, attr) in hint]
        if len(kept) == 1:
            return kept[0], f"name+{label}"
        cands = kept or cands
    cands.sort(key=lambda c: c.population or 0, reverse=True)
    top, rest = cands[0].population or 0, sum(c.population or 0 for c in cands[1:])
    if top >= DOMINANCE * rest:
        return cands[0], "name-dominant"
    prefs = [c for c in cands if c.code in _prefectures()]
    if len(prefs) == 1 and prefs[0] is cands[0] and top >= PREFECTURE_DOMINANCE * rest:
        return cands[0], "name-prefecture"
    return None


def as_commune(m: Mention) -> Sequence[str]:
    """The commune codes a mention may stand for, given how it is written."""
    e = m.entry
    codes = e.communes or e.former
    if not codes or e.venue or (e.regions and m.how != "parens"):
        return ()
    if e.departements and m.how not in _TOWN_FIRST and e.departements[0] != "75":
        return ()
    if e.foreign and m.how not in ("parens", "postcode"):  # "Montréal (11)", not "(Suisse)"
        return ()
    if e.everyday_word and m.how not in _TOWN_FIRST and m.how != "listed":
        return ()
    return codes


def _by_postcode(pc: str, mentions: list[Mention]) -> tuple[geo.Commune | None, str | None]:
    served = geo.communes_for_postcode(pc)
    dep = _postcode_departement(pc)
    for m in mentions:
        codes = m.entry.communes or m.entry.former
        if served:
            hits = [c for c in served if c.code in codes]
        else:
            hits = [c for code in codes if (c := geo.commune(code)) and c.departement_code == dep]
        if len(hits) == 1:
            return hits[0], "postcode+name" if served else "cedex+name"
    primary = geo.communes_for_postcode(pc, primary_only=True)
    if len(primary) == 1 or len(served) == 1:
        return (primary or served)[0], "postcode"
    return None, None


def is_arrondissement(folded: str) -> bool:
    """ "paris 15e", "3e arrondissement de lyon": a folded text naming only an arrondissement."""
    folded = folded.removesuffix(" arrondissement")  # "Paris 8ème arrondissement"
    return bool(_ARR_FIRST.fullmatch(folded) or _ARR_LAST.fullmatch(folded))


def _arrondissement(tokens: tuple[Token, ...], keys: list[str]) -> tuple[geo.Commune, str] | None:
    if "paris" not in keys and "lyon" not in keys and "marseille" not in keys:
        return None
    text = " ".join(keys)
    m = _ARR_FIRST.search(text)
    city, number = (m.group(1), m.group(2)) if m else (None, None)
    if m is None and (m := _ARR_LAST.search(text)):
        city, number = m.group(2), m.group(1)
    if city is None and (m := _ARR_ALONE.search(text)):
        cities = [c for c in _PLM if c in keys]
        city, number = (cities[0], m.group(1) or m.group(2)) if len(cities) == 1 else (None, None)
    if city is None or number is None:
        return _bare_number(tokens)
    commune_code, pattern, count = _PLM[city]
    commune = geo.commune(commune_code)
    if commune is None or not 1 <= int(number) <= count:
        return None
    return commune, pattern.format(int(number))


def _bare_number(tokens: tuple[Token, ...]) -> tuple[geo.Commune, str] | None:
    """ "Station F, Paris 13", "Lyon 3": the city opening a segment and a bare number ending the
    text, not the city's département ("Marseille 13") nor a university ("Université Paris 8")."""
    if len(tokens) < 2 or not tokens[-1].key.isdigit() or tokens[-2].key not in _PLM:
        return None
    city, number = tokens[-2].key, int(tokens[-1].key)
    commune_code, pattern, count = _PLM[city]
    first = len(tokens) == 2 or tokens[-3].segment != tokens[-2].segment
    commune = geo.commune(commune_code)
    if not first or commune is None or not 1 <= number <= count or f"{number:02d}" == commune.departement_code \
            or tokens[-1].segment != tokens[-2].segment:
        return None
    return commune, pattern.format(number)


def _by_name(mentions: list[Mention], h: Hints) -> tuple[geo.Commune, str] | None:
    for m in sorted(mentions, key=lambda m: _ORDER[m.how]):
        codes = as_commune(m)
        if not codes or (m.how == "weak" and len(codes) > 1 and not (h.deps or h.regions)):
            continue
        picked = pick(codes, h)
        if picked and m.how == "weak" and (picked[0].population or 0) < WEAK_MIN_POPULATION:
            continue
        if picked:
            return picked
    return None


def resolve(tokens: tuple[Token, ...], mentions: list[Mention], h: Hints) -> Resolution:
    keys = [t.key for t in tokens]
    pc = _find_postcode(keys)
    commune, confidence, arrondissement = None, None, None
    if arr := _arrondissement(tokens, keys):
        (commune, arrondissement), confidence = arr, "arrondissement"
    if commune is None and pc:
        commune, confidence = _by_postcode(pc, mentions)
        named = _by_name([m for m in mentions if m.how == "postcode"], h)
        if confidence == "postcode" and named and named[0] != commune:
            # "44000 Rennes": the name written next to a wrong postcode wins
            commune, confidence = named[0], "name-postcode-mismatch"
    strong = [m for m in mentions if m.how in STRONG or m.how == "in"]
    if commune is None and (found := _by_name(strong, h)):
        commune, confidence = found
    if commune is None and h.venue:
        commune, confidence = geo.commune(h.venue.commune_code), "alias"
    weak = [m for m in mentions if m.how == "weak"]
    if commune is None and not h.foreign and (found := _by_name(weak, h)):
        return replace(_finish(*found, arrondissement, pc, h), weak=True)
    return _finish(commune, confidence, arrondissement, pc, h)


def _finish(commune: geo.Commune | None, confidence: str | None, arrondissement: str | None,
            pc: str | None, h: Hints) -> Resolution:
    if commune is not None:
        if arrondissement is None and commune.code in ("75056", "69123", "13055"):
            arrs = geo.arrondissements_for_postcode(pc) if pc else ()
            if len(arrs) == 1:
                arrondissement = arrs[0].code
            elif h.venue and h.venue.commune_code == commune.code:
                arrondissement = h.venue.arrondissement
        return Resolution(commune, arrondissement, commune.departement_code, commune.region_code,
                          confidence, pc, h.venue, h.foreign)
    if h.foreign and not pc:
        return Resolution(postcode=None, venue=h.venue, foreign=True)
    deps = set(h.deps) or ({d} if pc and (d := _postcode_departement(pc)) else set())
    if not deps and len(h.regions) == 1:  # a one-département région: La Réunion, Guyane…
        deps = {d.code for d in geo.departements() if d.region_code in h.regions} or deps
        deps = deps if len(deps) == 1 else set()
    dep = geo.departement(next(iter(deps))) if len(deps) == 1 else None
    regions = {dep.region_code} if dep else h.regions or {
        g.region_code for code in deps if (g := geo.departement(code))}
    region = next(iter(regions)) if len(regions) == 1 else None
    level = "departement" if dep else "region" if region else None
    return Resolution(None, None, dep.code if dep else None, region, level, pc, h.venue, False)
