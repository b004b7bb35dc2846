"""Time zones of French territories: territory codes and zone words → IANA zone names.

    zone_for_codes(departement_code="974")               # "Indian/Reunion"
    event_zone("offline", departement_code="972")        # "America/Martinique"
    event_zone("online", departement_code="972")         # "Europe/Paris"
    zone_of_words("heure de la reunion")                 # "Indian/Reunion"

Pure tables, no I/O. Rules:
- a territory code is a département / collectivité code (971–978, 984, 986–988, the first
  three digits of a commune code or of a 97x/98x postcode) or an overseas région code
  (01 Guadeloupe, 02 Martinique, 03 Guyane, 04 La Réunion, 06 Mayotte); anything else,
  metropolitan France and Corsica included, is Paris time;
- French Polynesia is given Tahiti time (the Marquesas and Gambier islands, 30 and 60
  minutes apart, cannot be told from the code alone);
- an event's clock is its venue's when people meet there (in person or hybrid), Paris
  time when it is online or its place is unknown (``event_zone``);
- a UTC offset names an overseas clock when one French territory (the first of the table
  when several share it: the Antilles) keeps that offset at that instant
  (``zone_of_offset``); Paris's own offsets, UTC and the others name none;
- zone words are what organisers write after a time ("heure de Paris", "heure de La
  Réunion", "heure des Antilles", "HNC", "heure de Nouméa"); ``zone_of_words`` takes
  them lower-cased and without accents, as ``parsers.dates`` normalises text.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

PARIS = "Europe/Paris"

# Départements and collectivités d'outre-mer (INSEE codes) → IANA zone.
BY_TERRITORY = {
    "971": "America/Guadeloupe", "972": "America/Martinique", "973": "America/Cayenne",
    "974": "Indian/Reunion", "975": "America/Miquelon", "976": "Indian/Mayotte",
    "977": "America/St_Barthelemy", "978": "America/Marigot", "984": "Indian/Kerguelen",
    "986": "Pacific/Wallis", "987": "Pacific/Tahiti", "988": "Pacific/Noumea",
}
# Overseas régions (INSEE région codes) → IANA zone.
BY_REGION = {
    "01": "America/Guadeloupe", "02": "America/Martinique", "03": "America/Cayenne",
    "04": "Indian/Reunion", "06": "Indian/Mayotte",
}
IN_PERSON = frozenset({"offline", "mixed"})

# Place words naming a clock (normalised: lower case, no accents, hyphens or spaces).
PLACE_ZONES = {
    "paris": PARIS, "metropole": PARIS, "france metropolitaine": PARIS, "hexagone": PARIS,
    "la metropole": PARIS, "france": PARIS, "francaise": PARIS, "metropolitaine": PARIS,
    "guadeloupe": "America/Guadeloupe", "martinique": "America/Martinique",
    "antilles": "America/Martinique", "guyane": "America/Cayenne",
    "cayenne": "America/Cayenne", "reunion": "Indian/Reunion", "la reunion": "Indian/Reunion",
    "reunionnaise": "Indian/Reunion", "mayotte": "Indian/Mayotte",
    "mahoraise": "Indian/Mayotte", "saint pierre et miquelon": "America/Miquelon",
    "miquelon": "America/Miquelon", "saint barthelemy": "America/St_Barthelemy",
    "saint martin": "America/Marigot", "wallis et futuna": "Pacific/Wallis",
    "wallis": "Pacific/Wallis", "polynesie": "Pacific/Tahiti",
    "polynesie francaise": "Pacific/Tahiti", "tahiti": "Pacific/Tahiti",
    "papeete": "Pacific/Tahiti", "nouvelle caledonie": "Pacific/Noumea",
    "caledonie": "Pacific/Noumea", "noumea": "Pacific/Noumea",
}
# Abbreviations organisers write for a clock.
ABBREVIATIONS = {"hnc": "Pacific/Noumea", "cet": PARIS, "cest": PARIS, "hnec": PARIS,
                 "heure de paris": PARIS}
_ARTICLE = re.compile(r"^(?:heures?\s+)?(?:d'|de\s+|du\s+|des\s+|en\s+|a\s+)?(?:l'|la\s+|le\s+)?")


def territory_of(code: str | None) -> str | None:
    """The overseas territory code inside a département, commune or postcode, or None."""
    if not code:
        return None
    head = code.strip()[:3]
    return head if head in BY_TERRITORY else None


def zone_for_codes(departement_code: str | None = None, region_code: str | None = None,
                   commune_code: str | None = None) -> str:
    """The clock of a place given by its codes (Paris unless one of them is overseas)."""
    for code in (departement_code, commune_code):
        territory = territory_of(code)
        if territory is not None:
            return BY_TERRITORY[territory]
    if region_code is not None and region_code in BY_REGION:
        return BY_REGION[region_code]
    return PARIS


def event_zone(attendance: str | None, departement_code: str | None = None,
               region_code: str | None = None, commune_code: str | None = None) -> str:
    """The clock times without a zone are read in: the venue's for in-person events."""
    if attendance not in IN_PERSON:
        return PARIS
    return zone_for_codes(departement_code, region_code, commune_code)


def zone_of_words(words: str) -> str | None:
    """The zone a normalised phrase names ("heure de la reunion", "guyane", "hnc"), or None."""
    phrase = words.strip().replace("-", " ")
    if phrase in ABBREVIATIONS:
        return ABBREVIATIONS[phrase]
    return PLACE_ZONES.get(_ARTICLE.sub("", phrase, count=1))


def is_overseas(zone: str) -> bool:
    return zone != PARIS and zone in BY_TERRITORY.values()


def zone_of_offset(offset: dt.timedelta, at: dt.datetime) -> str | None:
    """The overseas clock on ``offset`` at the instant ``at`` (aware): "-04:00" in November
    is the Antilles' (America/Guadeloupe), "+04:00" La Réunion's; None for Paris's offsets
    and for one no French territory keeps."""
    if at.tzinfo is None:
        raise ValueError("at must be an aware datetime")
    return next((z for z in BY_TERRITORY.values() if at.astimezone(ZoneInfo(z)).utcoffset() == offset), None)
