"""Venue and street out of a place text: "Espace Beaulieu - 9 bd Vincent Gache - 44200 Nantes"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.places.attendance import mentions_attendance
from parsers.places.index import index
from parsers.places.mentions import departement_codes
from parsers.places.resolve import is_arrondissement
from parsers.places.text import fold, segments

# Words that start a street name without a number ("rue de la Paix", "place du Capitole")
_STREET_WORDS = (
    r"rue|r\.|av\.?|avenue|bd\.?|boulevard|blvd|place|pl\.|all[ée]e|quai|chemin|ch\.|cours|"
    r"impasse|imp\.|route|rte\.?|square|sq\.|esplanade|parvis|passage|voie|promenade|rond-point|"
    r"faubourg|fbg\.?|chauss[ée]e|sentier|mont[ée]e|traverse|carrefour"
)
# ... and those that need a number to be a street ("12 parc des Expositions")
_NUMBERED_WORDS = rf"{_STREET_WORDS}|mail|villa|cit[ée]|r[ée]sidence|parc|zone|za|zi|zac|hameau|port|porte|pont"
_NUMBER = r"\d+\s*(?:bis|ter|quater|[a-d])?\b\s*,?\s*"
_STREET = re.compile(rf"^(?:{_NUMBER}(?:{_NUMBERED_WORDS})(?!\w)|(?:{_STREET_WORDS})\s)", re.I)
_POSTCODE = re.compile(r"(?<![\d.,])(?:\d{5}|\d{2} \d{3})(?![\d.,])")
_AT_TAIL = re.compile(r"\s+(?:à|au|aux|a)\s+\S.*$", re.I)
_NOT_A_VENUE = re.compile(
    r"^(?:a|au|aux|en|dans|sur) |\b(?:a definir|a confirmer|a preciser|a venir|tbd|tba|"
    r"non communique|communique ulterieurement|france entiere|partout en france|"
    r"toute la france|national|nationale|outre mer|hexagone|france metropolitaine|lieu|adresse|format|"
    r"modalites?|acces|localisation|emplacement|^ou|^(?:la )?france|^fr|cedex(?: \d+)?|bp \d+|cs \d+)$|"
    r"^(?:depuis |de )?chez (?:vous|soi|toi)\b|^(?:partout|plusieurs|divers|differents|tout|toute|toutes|tous|quelque part) |"
    r"^(?:puis|et|ou|ensuite|avec|ainsi que)$|\bet (?:sa |son |ses |les )?(?:region|departement|metropole|"
    r"agglomeration|agglo|environs|alentours|banlieue)$|"
    r"^(?:lieu|adresse|lien|salle)\b.* (?:communiquee?s?|precisee?s?|envoyee?s?|transmise?s?|confirmee?s?|"
    r"indiquee?s?|donnee?s?)\b|^\d+ ?(?:e|er|eme|ieme) etage$|^(?:rez de chaussee|rdc)$|"
    r"\b(?:\d{2} ){4}\d{2}\b|^(?:la )?capitale |"  # "la capitale bretonne": a town
    r"^(?:matin|apres midi|soir|soiree|journee|midi|salle)$|^\d+$"
)
# a date or a time ("le jeudi 14 novembre 2024 de 10h", "14/11"): the "Date et lieu" of a page
_DATE_LIKE = re.compile(
    r"^(?:le|les|du|au)\s+\d{1,2}(?:er)?$|"              # "Le 14" of "Le 14/11", cut at the slash
    r"(?<!\bdu )\b\d{1,2}(?:er)?\s+(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|"
    r"novembre|d[ée]cembre)\b|\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+\d{1,2}\b|"
    r"\b\d{1,2}\s?h(?:\s?\d{2})?\b|\b\d{1,2}/\d{1,2}\b"
)
_DIGIT = re.compile(r"\d")  # every _DATE_LIKE form has one
_TRAILING_CODES = re.compile(r"(?: (?:\d+|2a|2b|cedex|e|er|eme))+$")
_TRAILING_WORDS = (" 2a", " 2b", " cedex", " e", " er", " eme")  # (or a number) what _TRAILING_CODES needs
MAX_VENUE_LENGTH = 120


@dataclass(frozen=True, slots=True)
class Address:
    venue: str | None
    street: str | None


def _street_of(segment: str) -> str | None:
    if m := _POSTCODE.search(segment):
        before = segment[:m.start()].strip(" ,-–")
        return before if before and (_STREET.match(before) or before[0].isdigit()) else None
    if _STREET.match(segment):
        return _AT_TAIL.sub("", segment).strip(" ,") or None
    return None


def _is_venue(segment: str) -> bool:
    """Not a place name ("Paris 75", "Caen cedex 9"), a placeholder, a date, a way to attend."""
    folded = fold(segment)
    if not folded or len(segment) > MAX_VENUE_LENGTH or folded in departement_codes():
        return False
    entry = index().entries.get(_TRAILING_CODES.sub("", folded) if folded[-1].isdigit() or folded.endswith(
        _TRAILING_WORDS) else folded)
    if entry is not None and entry.venue is None and (
            entry.communes or entry.former or entry.departements or entry.regions or entry.foreign):
        return False
    if _only_names(folded) or _NOT_A_VENUE.search(folded) or (_DIGIT.search(segment) and _DATE_LIKE.search(segment.lower())):
        return False
    return not (mentions_attendance(folded) or is_arrondissement(folded))


_NAME_JOINS = re.compile(r" (?:et|ou|puis|de|du|d|en) ")
_ARTICLE = re.compile(r"^(?:la|le|les|l) ")


def _only_names(folded: str) -> bool:
    """Only places joined by "et", "ou", "de", "en"…: "Bordeaux et Toulouse", "Saint-Denis de La Réunion"."""
    if " " not in folded:
        return False
    parts = _NAME_JOINS.split(folded)
    entries = index().entries
    first = entries.get(parts[0])  # "Château de Versailles": a venue, its first word an everyday word
    return len(parts) > 1 and first is not None and first.is_place and not first.everyday_word \
        and all((e := entries.get(p) or entries.get(_ARTICLE.sub("", p))) is not None and e.is_place
                for p in parts[1:])


def _is_place_name(folded: str) -> bool:
    entry = index().entries.get(folded)
    return entry is not None and bool(entry.communes or entry.former)


def address(text: str) -> Address:
    """The first venue-like segment before the street (or anywhere if no street), and the street."""
    parts = segments(text)
    street, street_at = None, len(parts)
    for i, part in enumerate(parts):
        if found := _street_of(part):
            street, street_at = found, i
            break
    venue = None
    for part in parts[:street_at]:
        # "Salle X à Rennes" is the venue "Salle X"; "Vrigne aux Bois" is a commune's name, not cut
        candidate = _AT_TAIL.sub("", part).strip(" ,")
        if candidate != part.strip(" ,") and _is_place_name(fold(part)):
            candidate = part.strip(" ,")
        if not _POSTCODE.search(candidate) and _is_venue(candidate):
            venue = candidate
            break
    return Address(venue, street)
