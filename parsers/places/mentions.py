"""Find the geographic names in a tokenised place text and say how each one is written.

How a name is written decides how much it is trusted: "44200 Nantes", "Lille (59)", "à
Rennes" or a segment of its own ("Espace Beaulieu - Nantes") are strong; a name somewhere in
a sentence is weak. Names are whole runs of words, so "Paris" is not found in "Parisien".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from parsers import geo
from parsers.places.attendance import mentions_attendance
from parsers.places.index import EPCI_KIND_WORDS, Entry, index
from parsers.places.text import Token

ARTICLES = frozenset({"le", "la", "les", "l"})
# "au Havre" = "à Le Havre", "du Mans", "aux Lilas", "des Mureaux"
_CONTRACTED = {"au": "le", "du": "le", "aux": "les", "des": "les"}
_AT = frozenset({"a", "au", "aux"})
_IN = frozenset({"en", "dans", "sur", "departement", "region"})
# "Mairie de Quimper", "Université de Lille": the name after "de" is the place
_INSTITUTIONS = frozenset({
    "ville", "mairie", "prefecture", "universite", "metropole", "agglomeration", "chu", "tribunal",
    "campus", "hotel", "hopital", "lycee", "aeroport", "musee", "maison", "commune",
    "communaute", "centre", "technopole", "pole", "palais", "cite", "bibliotheque", "mediatheque",
    "iut", "ecole", "college", "rectorat", "academie", "theatre", "opera", "chateau", "abbaye",
    "agence", "antenne", "delegation", "direction", "espace", "salle", "site", "stade", "port",
    "hippodrome", "parc", "caf", "cpam", "urssaf", "sdis", "chambre", "conservatoire", "institut",
    "arrondissement", "canton", "prefet", "eurometropole", "territoire", "pays",
})
_AFTER_NAME = frozenset({"et", "ou", "cedex", "sp", "puis"})
_JOINS = frozenset({"et", "ou"})
_LINKS = frozenset({"de", "du", "des", "d", "la", "l", "le", "les"})
# a name after these ("avenue de Paris", "route de Sommières", "porte de Versailles") names a street
_STREET_WORDS = frozenset({
    "rue", "avenue", "av", "boulevard", "bd", "place", "allee", "quai", "chemin", "cours", "impasse",
    "route", "rte", "square", "esplanade", "parvis", "passage", "voie", "promenade", "faubourg", "fbg",
    "chaussee", "sentier", "porte", "pont", "rond", "point", "mail", "carrefour",
})
# a territory's name right after one of these names a room or a building ("Salle Bretagne", "Pôle Nord")
_ROOM_WORDS = frozenset({
    "salle", "salles", "espace", "amphi", "amphitheatre", "auditorium", "batiment", "bat", "pole", "hall",
    "aile", "tour", "residence", "immeuble", "pavillon", "gymnase", "rotonde", "foyer", "atelier", "module",
})
STRONG = ("postcode", "parens", "at", "bracketed", "segment", "institution", "qualified")


@dataclass(frozen=True, slots=True)
class Area:
    """A territory named through a frame (see ``parsers.places.areas``) over tokens [start, end)."""

    level: str  # "commune" | "epci" | "departement" | "region" | "national" | "implicit-<level>"
    code: str | None  # INSEE commune, SIREN, département or région code
    start: int
    end: int
    how: str  # "epci" | "institution" | "gentile" | "national" | "implicit"


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # token index of the first word (an article or "au" included)
    end: int  # token index after the last word
    key: str
    entry: Entry
    how: str  # "postcode" | "parens" | "at" | "bracketed" | "in" | "segment" | "institution"
    #           | "listed" (a weak name in a list of places: "Ifs, Caen et Bayeux")
    #           | "weak" | "prose" | "street" (a street's name) | "framed" (in an EPCI or
    #           institution's name) | "blocked" (in a ministry's title) | "named" (a room's
    #           name: "Salle Bretagne") | "qualified" (a town and its territory: "Saint-Denis de
    #           La Réunion", trusted as "Saint-Denis (974)")


def _lookup(keys: list[str], tokens: tuple[Token, ...], i: int) -> tuple[int, str, Entry] | None:
    """The longest name starting at word i ("aux Marais" as written, else "au Havre" = "le havre"),
    within its segment ("Rouen (Normandie)" is two names), unless a name starting at the next
    word runs further ("la Vallée de l'Oise et des Trois Forêts" is an EPCI's, not "La Vallée";
    "Région Centre-Val de Loire" the région's, not the old "Région Centre")."""
    found = _longest(keys, i, [])
    if found and tokens[found[0] - 1].segment != tokens[i].segment and not (
            found[2].communes or found[2].former or found[2].epcis and _after_kind(keys, i)):
        last = i  # only an official name spans separators: a commune's ("Bors (Canton de
        # Charente-Sud)"), an EPCI's after its kind ("Communauté de communes Entre Arroux, Loire et Somme")
        while last + 1 < len(keys) and tokens[last + 1].segment == tokens[i].segment:
            last += 1
        keys = keys[:last + 1]
        found = _longest(keys, i, [])
    if found is None and keys[i] in _CONTRACTED:
        found = _longest(keys, i + 1, [_CONTRACTED[keys[i]]])
        plain = _longest(keys, i + 1, []) if found else None
        if found and plain and (plain[0] > found[0] or plain[2].epcis and _after_kind(keys, i)):
            return None  # "du Val d'Essonne": the longer name starts after "du", not "Le Val"; after
            # a kind, the EPCI's name: "Communauté de communes des Loges", not Les Loges
    elif found and found[0] > i + 1 and (later := _longest(keys, i + 1, [])) and later[0] > found[0]:
        return None  # of two names overlapping, the one running further wins
    return found


def _after_kind(keys: list[str], i: int) -> bool:
    """Word ``i`` follows an intercommunality's kind ("Communauté de communes du …", "CA …")."""
    j = i - 1
    while j >= 0 and keys[j] in _LINKS:
        j -= 1
    return j >= 0 and keys[j] in EPCI_KIND_WORDS


def _longest(keys: list[str], first: int, prefix: list[str]) -> tuple[int, str, Entry] | None:
    if first >= len(keys):
        return None
    ix = index()
    key = f"{prefix[0]} {keys[first]}" if prefix else keys[first]
    best, end = None, first + 1
    while key in ix.prefixes:
        if (entry := ix.entries.get(key)) is not None:
            best = (end, key, entry)
        if end == len(keys):
            break
        key, end = f"{key} {keys[end]}", end + 1
    return best


def _written_as_name(tokens: tuple[Token, ...], start: int, end: int, any_capital: bool) -> bool:
    """A proper name starts with a capital (articles aside), unless the text has none at all."""
    if not any_capital:
        return True
    for t in tokens[start:end]:
        if t.key not in ARTICLES and t.key not in _CONTRACTED:
            return t.capital or t.key.isdigit()
    return False


def _how(tokens: tuple[Token, ...], keys: list[str], start: int, end: int) -> str:
    seg, last_seg = tokens[start].segment, tokens[end - 1].segment
    before = keys[start - 1] if start and tokens[start - 1].segment == seg else None
    after = keys[end] if end < len(keys) and tokens[end].segment == last_seg else None
    if keys[start] in _CONTRACTED and keys[start] in _AT:
        return "at"
    if is_postcode(before) or is_postcode(after):
        return "postcode"
    if end < len(keys) and tokens[end].in_parens and not tokens[start].in_parens:
        if keys[end] in departement_codes():
            return "parens"
    if before in _AT or (before in ARTICLES and start > 1 and keys[start - 2] in _AT):
        return "at"
    if before in _IN or (before in ARTICLES and start > 1 and keys[start - 2] in _IN):
        return "in"
    first = start == 0 or tokens[start - 1].segment != seg
    last = end == len(keys) or tokens[end].segment != last_seg or keys[end] == "cedex" or (
        first and after in _JOINS and _only_attendance(tokens, keys, end + 1, last_seg))
    if first and last:  # "Maison de l'emploi (Mayenne)": a bracketed name is a town
        return "bracketed" if tokens[start].in_parens else "segment"
    if before in ("de", "d", "du", "des") and start > 1 and keys[start - 2] in _STREET_WORDS or \
            before in ("de", "d", "du", "des") and start > 2 and keys[start - 2] in ARTICLES \
            and keys[start - 3] in _STREET_WORDS:
        return "street"
    if before in ("de", "d", "du") and start > 1 and keys[start - 2] in _INSTITUTIONS or \
            keys[start] in ("du", "des") and before in _INSTITUTIONS:  # "Université du Puy-en-Velay"
        return "institution"
    if before in ("de", "d", "du") and _opens_with_venue(tokens, keys, start, seg):
        return "institution"  # "Salle polyvalente de Plouha", "Maison France Services de Lodève"
    return "weak"


def _opens_with_venue(tokens: tuple[Token, ...], keys: list[str], start: int, seg: int) -> bool:
    """The segment of word ``start`` opens, at most five words before it, with a building's word."""
    first = start - 1
    while first > 0 and tokens[first - 1].segment == seg:
        first -= 1
    if first < start - 6:
        return False
    if keys[first] in ARTICLES and first + 1 < start:
        first += 1
    return keys[first] in _INSTITUTIONS or keys[first] in _ROOM_WORDS


def _only_attendance(tokens: tuple[Token, ...], keys: list[str], at: int, seg: int) -> bool:
    """The rest of the segment from ``at`` says only how to attend ("… et en webconférence",
    "… ou virtuellement"): the name before it stands alone, as in a segment of its own."""
    rest = [keys[i] for i in range(at, len(keys)) if tokens[i].segment == seg]
    return bool(rest) and mentions_attendance(" ".join(rest))


def _joined(tokens: tuple[Token, ...], end: int, start: int) -> bool:
    """Two names with only a separator, "et" or "ou" between them ("Ifs, Caen et Bayeux")."""
    gap = [t.key for t in tokens[end:start]]
    if gap:
        return all(k in _JOINS for k in gap)
    return 0 < end == start < len(tokens) and tokens[start].segment != tokens[end - 1].segment


def _lists(tokens: tuple[Token, ...], found: list[Mention]) -> list[Mention]:
    """Names written as a list ("Petit-Caux, Ifs et Pont-Audemer") are each a place, a name that
    is also an everyday word included: a weak name (or an everyday word alone in its segment)
    next to another place in a list is "listed"."""
    out = list(found)
    for k, m in enumerate(found):
        if not m.entry.is_place or not (m.how == "weak" or m.how == "segment" and m.entry.everyday_word):
            continue
        prev = found[k - 1] if k else None
        nxt = found[k + 1] if k + 1 < len(found) else None
        if (prev and prev.entry.is_place and _joined(tokens, prev.end, m.start)) or (
                nxt and nxt.entry.is_place and _joined(tokens, m.end, nxt.start)):
            out[k] = Mention(m.start, m.end, m.key, m.entry, "listed")
    return out


def find_mentions(tokens: tuple[Token, ...], any_capital: bool) -> list[Mention]:
    keys = [t.key for t in tokens]
    found: list[Mention] = []
    i = 0
    while i < len(keys):
        hit = _lookup(keys, tokens, i)
        adjective = hit is not None and hit[2].gentile is not None and not hit[2].is_place  # "l'antenne rennaise"
        if hit is None or not (adjective or _written_as_name(tokens, i, hit[0], any_capital or hit[2].everyday_word)):
            i += 1
            continue
        end, key, entry = hit
        how = _how(tokens, keys, i, end)
        if how == "weak" and end < len(keys) and tokens[end].segment == tokens[end - 1].segment \
                and not (tokens[end].capital or keys[end][0].isdigit() or keys[end] in _AFTER_NAME) \
                and not _only_attendance(tokens, keys, end, tokens[end].segment):
            how = "prose"  # ("Nantes + visio": a place and a way to attend)  # "Tours de table": a name followed by lower-case words is no place
        if entry.foreign and found and found[-1].end == i and found[-1].entry.communes \
                and tokens[i].segment == tokens[i - 1].segment:
            how = "named"  # "Lille Europe": a station, not abroad
        if key == "nord" and how in ("weak", "prose") and _compass(tokens, keys, i, end):
            how = "named"
        if how == "weak" and i and keys[i - 1] in _ROOM_WORDS and tokens[i - 1].segment == tokens[i].segment \
                and (entry.departements or entry.regions):
            how = "named"
        found.append(Mention(i, end, key, entry, how))
        i = end
    if len(found) < 2:
        return found
    return _lists(tokens, _qualified(tokens, found))


_SIDES = frozenset({"quartier", "quartiers", "secteur", "zone", "partie", "cote", "site", "campus", "gare",
                    "porte", "entree", "parking", "aile", "hall", "pole", "salle", "banlieue"})


def _compass(tokens: tuple[Token, ...], keys: list[str], i: int, end: int) -> bool:
    """ "Nord" as a side, not the département: "Quartier Nord", "Nord-Est", "Nord Isère"."""
    seg = tokens[i].segment
    before = keys[i - 1] if i and tokens[i - 1].segment == seg else None
    after = end < len(keys) and tokens[end].segment == seg
    return before in _SIDES or after and (keys[end] in ("est", "ouest", "sud") or tokens[end].capital)


_QUALIFYING_LINKS = frozenset({"de", "du", "d", "en", "la", "l", "le"})


def _qualified(tokens: tuple[Token, ...], found: list[Mention]) -> list[Mention]:
    """A town followed by "de"/"en" and a département or région holding one of its homonyms
    ("Saint-Denis de La Réunion", "Saint-Pierre de la Martinique") is that town: "qualified"."""
    out = list(found)
    for k, (m, n) in enumerate(zip(found, found[1:], strict=False)):
        gap = tokens[m.end:n.start]
        if m.how not in ("weak", "prose", "segment", "listed") or not (m.entry.communes and (n.entry.departements or n.entry.regions)) \
                or not gap or len(gap) > 2 or any(t.key not in _QUALIFYING_LINKS for t in gap) \
                or tokens[n.start].segment != tokens[m.start].segment:
            continue
        towns = [c for code in m.entry.communes if (c := geo.commune(code))]
        if any(c.departement_code in n.entry.departements or c.region_code in n.entry.regions for c in towns):
            out[k] = Mention(m.start, m.end, m.key, m.entry, "qualified")
    return out


def is_postcode(key: str | None) -> bool:
    return key is not None and len(key) == 5 and key.isdigit()


@cache
def departement_codes() -> frozenset[str]:
    """Folded département codes as written in parentheses: "59", "2a", "974", "988"."""
    return frozenset(d.code.lower() for d in geo.departements() + geo.overseas())
