"""Last resort: the first date-like or place-like line of the main content.

Only texts are recognised here (nothing is normalised): a line with a French day and
month, a numeric date or a time range; a line with a postcode or an online/hybrid word.
"""

from __future__ import annotations

import re

_MONTHS = r"(?:janv|f[ée]vr|mars|avr|mai|juin|juil|ao[uû]t|sept|oct|nov|d[ée]c)[a-zéû]*\.?"
DATE_LIKE = re.compile(
    rf"\b\d{{1,2}}(?:er)?\s+{_MONTHS}"           # 7 novembre, 1er déc.
    r"|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"         # 07/11, 16/11/2021
    r"|\b\d{1,2}\.\d{1,2}\.\d{2,4}\b"            # 20.12.18
    r"|\b\d{4}-\d{2}-\d{2}\b"                    # ISO
    r"|\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b.{0,40}\b\d{1,2}\s*h",
    re.I,
)
STAMP = re.compile(r"^\s*(?:publi[ée]+e?s?|mis[e]? [àa] jour|modifi[ée]+e?|derni[èe]re (?:mise [àa] jour|modification)"
                   r"|date de (?:publication|mise [àa] jour|(?:derni[èe]re )?modification))\b", re.I)
# A date that closes registration, not the event's ("Inscriptions jusqu'au 8 novembre").
DEADLINE = re.compile(r"inscri\w*\s+(?:jusqu|avant)|date limite|cl[oô]ture", re.I)
# A time of day in a date text ("9h30", "09:30", ISO "T09:30").
HAS_TIME = re.compile(r"\d{1,2}\s*h\b|\d{1,2}\s*h\s*\d{2}|\d{1,2}:\d{2}", re.I)
PLACE_LIKE = re.compile(
    r"\b(?:F-?)?\d{5}\s+\w"                          # 75015 Paris
    r"|(?:^|[\s(\[])(?:en ligne|en distanciel|distanciel|visioconf[ée]rence|hybride|en pr[ée]sentiel)\b",
    re.I,
)
ACCESS_LIKE = re.compile(
    r"entr[ée]e (?:libre|gratuite)|sur inscription|sans inscription|inscriptions? (?:obligatoires?|gratuites?)"
    r"|accessible aux personnes|gratuit\b|ouvert [àa] tou[st]\b|places limit[ée]es",
    re.I,
)
# The 2021 parcours all start this way (see the reference).
PARCOURS_LIKE = re.compile(r"^(?:parcours\s*:?\s*)?l.innovation (?:au service|pour des services)", re.I)
_MAX_LINE = 200


def first_line(lines: list[str], pattern: re.Pattern, *, skip: set[str] = frozenset(),
               max_len: int = _MAX_LINE) -> str | None:
    """The first short line matching ``pattern`` that is no page stamp and not in ``skip``."""
    for line in lines:
        if len(line) > max_len or line in skip or STAMP.match(line):
            continue
        if pattern.search(line):
            return line
    return None


def stamp_lines(lines: list[str]) -> str | None:
    """"Publiée le … · Mise à jour le …" as written (several stamp lines joined by " · ")."""
    found = [line for line in lines if len(line) <= _MAX_LINE and STAMP.match(line)]
    return " · ".join(dict.fromkeys(found)) or None
