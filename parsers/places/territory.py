"""The event's territory and its level, out of the commune found, the frames and the list of places.

Rules, in order:

1. A commune read from an address (postcode, Cedex, arrondissement) is the place.
2. Places listed together ("Rennes, Brest et Vannes", "à Lyon ou dans toute la région")
   are all kept; the territory is the smallest one containing them all (one commune, one
   EPCI, one département, one région, else the country). A territory written after a place
   it contains without "et"/"ou" ("Grenoble, Isère", "Nantes (Pays de Loire)") qualifies
   that place and is not a place of its own.
3. Else a commune named as a place ("à Rennes", a segment of its own…).
4. Else the territory of a frame: an EPCI, an institution, a gentilé.
5. Else a département or région named, the whole country, abroad, online, or unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

from parsers import geo
from parsers.places.mentions import Area, Mention
from parsers.places.resolve import Hints, as_commune, pick
from parsers.places.text import Token

ADDRESSED = frozenset({"arrondissement", "postcode", "postcode+name", "cedex+name", "name-postcode-mismatch"})
_FIRST_OF_LIST = frozenset({"segment", "at", "in", "bracketed", "parens", "qualified"})
_BETWEEN = frozenset({"et", "ou", "puis", "ainsi", "que", "a", "au", "aux", "en", "dans", "sur", "toute",
                      "tout", "toutes", "partout", "l", "la", "le", "les", "ensemble", "de", "d"})
_ADDING = frozenset({"et", "ou", "puis", "ainsi", "toute", "tout", "toutes", "partout", "ensemble"})
_RANKS = ("commune", "epci", "departement", "region")


@dataclass(frozen=True, slots=True)
class Territory:
    level: str  # "commune" | "epci" | "departement" | "region" | "national"
    commune: geo.Commune | None = None
    epci: geo.Epci | None = None
    departement_code: str | None = None
    region_code: str | None = None

    def contains(self, other: Territory) -> bool:
        """Whether ``other`` lies inside this territory and is smaller."""
        if self.level == "national":
            return other.level != "national"
        field = {"epci": "epci", "departement": "departement_code", "region": "region_code"}.get(self.level)
        if field is None or other.level not in _RANKS or _RANKS.index(other.level) >= _RANKS.index(self.level):
            return False
        return getattr(self, field) is not None and getattr(other, field) == getattr(self, field)


def of_commune(c: geo.Commune) -> Territory:
    return Territory("commune", c, geo.epci_of_commune(c.code), c.departement_code, c.region_code)


def of_code(level: str, code: str | None) -> Territory | None:
    """The territory of a level and a code (INSEE commune, SIREN, département, région)."""
    if code is None:
        return None
    if level == "commune":
        c = geo.commune(code)
        return of_commune(c) if c else None
    if level == "epci" and (e := geo.epci(code)):
        return Territory("epci", None, e, *(_single(e.departement_codes), _single(e.region_codes)))
    if level == "departement" and (d := geo.departement(code)):
        return Territory("departement", departement_code=d.code, region_code=d.region_code)
    if level == "region" and geo.region(code):
        return Territory("region", region_code=code)
    return None


def _single(codes: tuple[str, ...]) -> str | None:
    return codes[0] if len(codes) == 1 else None


def smallest_common(places: list[Territory]) -> Territory:
    """The smallest territory holding every one of ``places`` (the country when none does)."""
    first = places[0]
    if all(p.commune is not None and p.commune == first.commune for p in places):
        return first
    for level, field in (("epci", "epci"), ("departement", "departement_code"), ("region", "region_code")):
        value = getattr(first, field)
        if value is not None and all(getattr(p, field) == value for p in places):
            if level == "epci":
                return Territory("epci", None, value, *(_single(value.departement_codes), _single(value.region_codes)))
            return Territory(level, departement_code=first.departement_code if level == "departement" else None,
                             region_code=first.region_code)
    return Territory("national")


@dataclass(frozen=True, slots=True)
class _Item:
    start: int
    end: int
    territory: Territory | None  # None: "toute la région" (implicit)
    implicit: str | None = None


def _mention_territory(m: Mention, h: Hints) -> Territory | None:
    e = m.entry
    if e.venue or e.foreign:
        return None
    codes = as_commune(m)
    if codes and (picked := pick(codes, h)):
        return of_commune(picked[0])
    if len(e.departements) == 1 and not e.communes:
        return of_code("departement", e.departements[0])
    if len(e.regions) == 1:
        return of_code("region", e.regions[0])
    return None


def _items(mentions: list[Mention], areas: list[Area], h: Hints) -> list[_Item]:
    items = [_Item(m.start, m.end, t) for m in mentions if m.how in _FIRST_OF_LIST | {"weak", "listed"}
             and (t := _mention_territory(m, h))]
    for a in areas:
        if a.level.startswith("implicit-"):
            items.append(_Item(a.start, a.end, None, a.level.removeprefix("implicit-")))
        elif a.how != "national" and (t := of_code(a.level, a.code)):
            items.append(_Item(a.start, a.end, t))
    return sorted(items, key=lambda i: i.start)


def _listed(tokens: tuple[Token, ...], mentions: list[Mention], items: list[_Item]) -> list[tuple[_Item, bool]]:
    """The run of items written as a list, each with whether it adds to the one before."""
    first_ok = {m.start for m in mentions if m.how in _FIRST_OF_LIST or (m.how in ("weak", "listed") and (
                m.start == 0 or tokens[m.start - 1].segment != tokens[m.start].segment))}
    run: list[tuple[_Item, bool]] = []
    for item in items:
        if run:
            between = tokens[run[-1][0].end:item.start]
            gap = [t for t in between if not t.in_parens]
            touching = not between and item.start < item.end \
                and tokens[item.start].start - tokens[item.start - 1].end == 1  # one space or hyphen
            if all(t.key in _BETWEEN for t in gap) and not touching:  # "Paris Nord 2": one name  # "et sa région" adds by its own words
                run.append((item, item.implicit is not None or any(t.key in _ADDING for t in gap)))
                continue
        if len(run) > 1:
            break
        run = [(item, False)] if (item.start in first_ok or item.territory is None
                                  or item.territory.level != "commune") else []
    return run


def _places(run: list[tuple[_Item, bool]]) -> list[Territory]:
    """Territories of a list, qualifiers dropped and "toute la région" read as the others' région."""
    places: list[Territory] = []
    for item, adding in run:
        t = item.territory
        if t is None:
            t = _implicit(item.implicit or "", places)
            if t is None:
                continue
        if places and not adding and t.contains(places[-1]):
            continue  # "Grenoble, Isère": a qualifier
        if places and not adding and places[-1].contains(t):
            places[-1] = t  # "Archives départementales de la Gironde, Bordeaux": the place, more precise
            continue
        if t not in places:
            places.append(t)
    return places


def _implicit(level: str, others: list[Territory]) -> Territory | None:
    if not others:
        return None
    last = others[-1]
    if level == "epci" and last.epci:
        return of_code("epci", last.epci.code)
    if level == "departement" and last.departement_code:
        return of_code("departement", last.departement_code)
    if level in ("region", "departement") and last.region_code:
        return of_code("region", last.region_code)
    return last if level == "commune" else None


_NOT_LISTED = frozenset({"framed", "blocked", "street", "prose", "institution", "named"})


def _may_list(tokens: tuple[Token, ...], mentions: list[Mention], areas: list[Area]) -> bool:
    """Two names or frames with nothing but list words between them (a cheap first look)."""
    spans = sorted([(m.start, m.end) for m in mentions if m.how not in _NOT_LISTED
                    and not tokens[m.start].in_parens]  # a name in brackets qualifies, never lists
                   + [(a.start, a.end) for a in areas if a.how != "national"])
    return any(all(t.in_parens or t.key in _BETWEEN for t in tokens[end:start])
               for (_, end), (start, _) in zip(spans, spans[1:], strict=False))


def several(tokens: tuple[Token, ...], mentions: list[Mention], areas: list[Area],
            h: Hints) -> tuple[Territory, list[Territory]] | None:
    """The common territory of the places a text lists, and those places; None for one place."""
    if len(mentions) + len(areas) < 2 or not _may_list(tokens, mentions, areas):
        return None
    places = _places(_listed(tokens, mentions, _items(mentions, areas, h)))
    if len(places) < 2:
        return None
    return smallest_common(places), places


def of_areas(areas: list[Area]) -> Territory | None:
    """The most precise territory named through a frame (areas nest: the smallest wins)."""
    found = [t for a in areas if a.how not in ("national", "implicit") and (t := of_code(a.level, a.code))]
    if not found:
        return None
    return min(found, key=lambda t: _RANKS.index(t.level) if t.level in _RANKS else len(_RANKS))
