"""French event places -> official commune, EPCI, département and région codes, the level of
the territory found, and attendance mode.

    >>> p = parse_place("Espace Beaulieu - 9 bd Vincent Gache - 44200 Nantes")
    >>> (p.venue, p.street, p.postcode, p.commune_code, p.region_code, p.attendance)
    ('Espace Beaulieu', '9 bd Vincent Gache', '44200', '44109', '52', 'offline')

Pure: the geography comes from ``parsers.geo`` (official INSEE codes, loaded once) and the
small alias table ``data/place_aliases.json``. ``parse_place`` never raises on a string; a
text it cannot place gives a ``Place`` whose codes are None.

``confidence`` says how the commune (or, failing one, the area) was found:
"arrondissement" ("Paris 15e"), "postcode+name", "cedex+name" (an unlisted Cedex postcode
whose département agrees with the name), "postcode" (a postcode serving one commune), "name-postcode-mismatch" (the name written
next to the postcode names another commune: the name wins),
"name", "name+departement" / "name+region" (a homonym settled by the text),
"name-dominant" (a homonym 15x more populous than the others together:
"Saint-Nazaire" is the one in Loire-Atlantique),
"name-prefecture" (the one préfecture among homonyms, 5x more populous), "alias" (a known
venue), "epci" ("Toulouse Métropole"), "institution" ("Préfecture du Morbihan"), "gentile"
("l'antenne lyonnaise"), "several" (a list of places: their smallest common territory),
"departement", "region", "national", or None.

``level`` says what the codes describe: "venue" (a commune and a street or venue in it),
"commune", "epci", "departement", "region", "national" (the whole country, or places
spread over several régions), "online", "abroad" or "unknown". The codes of the territories
containing it are given too (a commune's EPCI, département and région; an EPCI's
département and région when it lies in one), never those of a smaller one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

# The package's modules keep their names (``parsers.places.resolve`` is the module):
# their functions are imported under other names.
from parsers.places.address import address as _address
from parsers.places.areas import find_areas
from parsers.places.attendance import attendance as _attendance
from parsers.places.attendance import split_urls
from parsers.places.mentions import Mention, find_mentions
from parsers.places.organiser import Organiser, parse_organiser
from parsers.places.resolve import hints
from parsers.places.resolve import resolve as _resolve
from parsers.places.territory import ADDRESSED, Territory, of_areas, of_code, of_commune, several
from parsers.places.text import tokenize

if TYPE_CHECKING:
    from parsers.places.address import Address
    from parsers.places.mentions import Area
    from parsers.places.resolve import Hints, Resolution
    from parsers.places.text import Token

__all__ = ["LEVELS", "Organiser", "Place", "parse_organiser", "parse_place"]

LEVELS = ("venue", "commune", "epci", "departement", "region", "national", "online", "abroad", "unknown")

MAX_LENGTH = 2000  # longer texts are cut: a place is a line, not a page
_TIME = r"\d{1,2} ?h ?(?:\d{2})?(?: ?[-–à] ?\d{1,2} ?h ?(?:\d{2})?)?"
_PART_OF_DAY = r"(?:le |l')?(?:matin(?:ée)?|apr[eè]s[- ]?midi|soir(?:ée)?)"
# "Matin :", "Après-midi :", "14h-17h :", "Jour 2 :" start a place of their own…
_HALF_DAY = re.compile(
    rf"(?i)(?:^|(?<=[\s;,.\n]))(?:{_PART_OF_DAY}|(?:le )?midi|journée|jour \d+|{_TIME})\s*:"
)
# … and so do "matin", "après-midi" opening a clause: "Matin à Rennes, après-midi en ligne"
_HALF_DAY_CLAUSE = re.compile(rf"(?i)(?:^|[;,.\n/|])\s*({_PART_OF_DAY})(?=[\s–-])")
_LABEL = re.compile(
    rf"(?i)^\s*(?:{_PART_OF_DAY}|(?:le )?midi|journée|jour \d+|{_TIME})\s*(?::\s*)?(?:[-–]\s*)?"
)
_SPACED_POSTCODE = re.compile(r"\b(\d{2}) (\d{3})\b(?=,? ?[^\W\d_])")  # "35 000 Rennes"


@dataclass(frozen=True, slots=True)
class Place:
    text: str
    attendance: str | None = None  # "offline" | "online" | "mixed" | None (nothing said)
    online_url: str | None = None
    venue: str | None = None
    street: str | None = None
    postcode: str | None = None
    commune_code: str | None = None
    commune_name: str | None = None
    arrondissement: str | None = None  # arrondissement municipal (Paris, Lyon, Marseille)
    departement_code: str | None = None
    region_code: str | None = None
    confidence: str | None = None
    others: tuple[Place, ...] = ()  # the other places of a text naming several
    level: str = "unknown"  # one of LEVELS
    epci_code: str | None = None  # SIREN of the intercommunality
    epci_name: str | None = None

    @property
    def is_online(self) -> bool | None:
        return {"online": True, "offline": False}.get(self.attendance or "")


def _attendance_of(online: bool, offline: bool, hybrid: bool) -> str | None:
    if hybrid or (online and offline):
        return "mixed"
    return "online" if online else "offline" if offline else None


def _alias_venue(found: Resolution, addr: Address) -> str | None:
    """A known venue's name, unless it was only part of a street ("77 av. de Ségur")."""
    return found.venue.name if found.venue and not addr.street and not found.postcode else None


def _territory(tokens: tuple[Token, ...], mentions: list[Mention], areas: list[Area], h: Hints,
               found: Resolution) -> tuple[Territory | None, str | None, list[Territory]]:
    """The territory (see ``parsers.places.territory``), how it was found, the places listed."""
    if found.commune is not None and found.confidence in ADDRESSED:
        return of_commune(found.commune), found.confidence, []
    if many := several(tokens, mentions, areas, h):
        return many[0], "several", many[1]
    framed = of_areas(areas)
    if found.commune is not None and not (found.weak and framed):
        return of_commune(found.commune), found.confidence, []
    if framed:
        return framed, next(a.how for a in areas if of_code(a.level, a.code) == framed), []
    if found.departement_code or found.region_code:
        level = "departement" if found.departement_code else "region"
        return of_code(level, found.departement_code or found.region_code), found.confidence, []
    if any(a.how == "national" for a in areas):
        return Territory("national"), "national", []
    return None, None, []


_MINISTRY = frozenset({"ministere", "ministeres", "ministre", "ministeriel", "ministerielle"})


def _frame(tokens: tuple[Token, ...], mentions: list[Mention], areas: list[Area], folded: str) -> list[Mention]:
    """Names inside a frame ("Conseil départemental du Var") are the frame's, not places; names
    in a ministry's title ("Ministère de la Défense", "… de la Mer") are no places at all."""
    if not areas and "minist" not in folded:
        return mentions
    out = []
    for m in mentions:
        seg = tokens[m.start].segment
        if any(t.key in _MINISTRY and t.segment == seg for t in tokens[:m.start]):
            m = Mention(m.start, m.end, m.key, m.entry, "blocked")
        elif any(a.start <= m.start and m.end <= a.end for a in areas):
            m = Mention(m.start, m.end, m.key, m.entry, "framed")
        out.append(m)
    return out


def _level(t: Territory | None, street_or_venue: bool, online: bool, foreign: bool) -> str:
    if t is not None:
        return "venue" if t.level == "commune" and street_or_venue else t.level
    return "online" if online else "abroad" if foreign else "unknown"


def _parse_one(text: str, whole: str | None = None) -> Place:
    bare, urls = split_urls(text)
    if _SPACED_POSTCODE.search(bare):
        bare = _SPACED_POSTCODE.sub(r"\1\2", bare)
    tokens = tokenize(bare)
    folded = " ".join(t.key for t in tokens)
    mentions = find_mentions(tokens, bare != bare.lower())
    areas = find_areas(tokens, bare, mentions, folded)
    mentions = _frame(tokens, mentions, areas, folded)
    h = hints(tokens, mentions, areas)
    found = _resolve(tokens, mentions, h)
    terr, how, listed = _territory(tokens, mentions, areas, h, found)
    addr = _address(bare) if not found.foreign else _address("")
    said = _attendance(folded, urls)
    commune = terr.commune if terr else None
    venue = addr.venue or _alias_venue(found, addr)
    if said.online and not (said.offline or said.hybrid or commune or addr.street):
        venue = None  # "Visioconférence Teams (lien transmis…)": no place to go to
    physical = bool(terr or found.postcode or addr.street or venue) \
        and not (said.online and not commune and not addr.street)
    return Place(
        text=text if whole is None else whole,
        attendance=_attendance_of(said.online, said.offline or physical, said.hybrid),
        online_url=said.url, venue=venue, street=addr.street, postcode=found.postcode,
        commune_code=commune.code if commune else None,
        commune_name=commune.name if commune else None,
        arrondissement=found.arrondissement if commune is found.commune else None,
        departement_code=terr.departement_code if terr else None,
        region_code=terr.region_code if terr else None, confidence=how,
        others=tuple(_listed_place(t) for t in listed) if listed else (),
        level=_level(terr, bool(addr.street or venue), said.online and not physical, found.foreign),
        epci_code=terr.epci.code if terr and terr.epci else None,
        epci_name=terr.epci.name if terr and terr.epci else None,
    )


def _listed_place(t: Territory) -> Place:
    c = t.commune
    return Place(
        text=c.name if c else t.epci.name if t.epci else "", attendance="offline",
        commune_code=c.code if c else None, commune_name=c.name if c else None,
        departement_code=t.departement_code, region_code=t.region_code, level=t.level,
        epci_code=t.epci.code if t.epci else None, epci_name=t.epci.name if t.epci else None,
    )


def _split_half_days(text: str) -> list[str]:
    lower = text.lower()  # a half-day label has a colon, a half-day clause one of these words
    clause = "matin" in lower or "midi" in lower or "soir" in lower
    starts = sorted(({m.start() for m in _HALF_DAY.finditer(text)} if ":" in text else set())
                    | ({m.start(1) for m in _HALF_DAY_CLAUSE.finditer(text)} if clause else set()))
    if not starts:
        return [text]
    cuts = ([0] if text[:starts[0]].strip(" ;,.\n") else []) + starts + [len(text)]
    pieces = [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
    return [_LABEL.sub("", p, count=1).strip(" ;,.\n") for p in pieces if p.strip()]


def preload() -> None:
    """Load the geography tables and build the name index now (~0.4 s) rather than at the
    first place parsed: a crawl does it before its first page, so that cost is not
    counted against a page, and the tables exist before the runner freezes the heap."""
    from parsers import geo
    from parsers.places import index as place_index
    from parsers.places import mentions as place_mentions
    from parsers.places import resolve as place_resolve

    geo.regions()
    geo.epci_of_commune("")
    geo.epci_seats()
    geo.communes_for_postcode("")
    place_index.index()
    place_mentions.departement_codes()
    place_resolve._prefectures()


def parse_place(text: str) -> Place:
    """Read a free French place text; never raises on a ``str`` (TypeError on anything else)."""
    if not isinstance(text, str):
        raise TypeError(f"parse_place expects a str, not {type(text).__name__}")
    clipped = text[:MAX_LENGTH]
    if not clipped.isascii():
        clipped = unicodedata.normalize("NFKC", clipped)
    parts = [p for p in _split_half_days(clipped) if p]
    if len(parts) <= 1:
        return _parse_one(parts[0] if parts else clipped, text)
    places = [_parse_one(p) for p in parts]
    main = next((p for p in places if p.commune_code or p.postcode or p.street), places[0])
    modes = {p.attendance for p in places} - {None}
    mode = "mixed" if "mixed" in modes or len(modes) > 1 else next(iter(modes), None)
    return replace(
        main, text=text, attendance=mode,
        online_url=next((p.online_url for p in places if p.online_url), None),
        others=tuple(p for p in places if p is not main),
    )
