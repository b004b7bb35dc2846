"""French event places -> official commune, département and région codes, and attendance mode.

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
venue), "prefecture" ("préfecture de région X"), "departement", "region", or None.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

# The package's modules keep their names (``parsers.places.resolve`` is the module):
# their functions are imported under other names.
from parsers.places.address import address as _address
from parsers.places.attendance import attendance as _attendance
from parsers.places.attendance import split_urls
from parsers.places.mentions import find_mentions
from parsers.places.resolve import resolve as _resolve
from parsers.places.text import tokenize

if TYPE_CHECKING:
    from parsers.places.address import Address
    from parsers.places.resolve import Resolution

__all__ = ["Place", "parse_place"]

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


def _parse_one(text: str, whole: str | None = None) -> Place:
    bare, urls = split_urls(text)
    bare = _SPACED_POSTCODE.sub(r"\1\2", bare)
    tokens = tokenize(bare)
    mentions = find_mentions(tokens, bare != bare.lower())
    found = _resolve(tokens, mentions)
    addr = _address(bare) if not found.foreign else _address("")
    said = _attendance(" ".join(t.key for t in tokens), urls)
    commune = found.commune
    venue = addr.venue or _alias_venue(found, addr)
    if said.online and not (said.offline or said.hybrid or commune or addr.street):
        venue = None  # "Visioconférence Teams (lien transmis…)": no place to go to
    physical = bool(commune or found.postcode or addr.street or venue or found.departement_code
                    or found.region_code) and not (said.online and not commune and not addr.street)
    return Place(
        text=text if whole is None else whole,
        attendance=_attendance_of(said.online, said.offline or physical, said.hybrid),
        online_url=said.url, venue=venue, street=addr.street, postcode=found.postcode,
        commune_code=commune.code if commune else None,
        commune_name=commune.name if commune else None,
        arrondissement=found.arrondissement, departement_code=found.departement_code,
        region_code=found.region_code, confidence=found.confidence,
    )


def _split_half_days(text: str) -> list[str]:
    starts = sorted({m.start() for m in _HALF_DAY.finditer(text)}
                    | {m.start(1) for m in _HALF_DAY_CLAUSE.finditer(text)})
    if not starts:
        return [text]
    cuts = ([0] if text[:starts[0]].strip(" ;,.\n") else []) + starts + [len(text)]
    pieces = [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
    return [_LABEL.sub("", p, count=1).strip(" ;,.\n") for p in pieces if p.strip()]


def preload() -> None:
    """Load the geography tables and build the name index now (~0.3 s) rather than at the
    first place parsed: a crawl does it before its first page, so that cost is not
    counted against a page, and the tables exist before the runner freezes the heap."""
    from parsers import geo
    from parsers.places import index as place_index
    from parsers.places import mentions as place_mentions
    from parsers.places import resolve as place_resolve

    geo.regions()
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
