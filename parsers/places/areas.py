"""Territories a place text names through a frame rather than by a bare name.

- an intercommunality: a kind word next to its name or its central commune ("Toulouse
  Métropole", "Communauté d'agglomération du Pays Basque", "la métropole de Lyon"), or a
  kind word and the gentilé of its central commune ("l'agglomération havraise");
- an institution whose level is its territory's ("Préfecture du Morbihan" -> the
  département; "Rectorat de l'académie de Rennes" -> the région; "Mairie de Quimper" ->
  the commune), see ``institutions.LEVELS``;
- a gentilé qualifying a noun ("l'antenne lyonnaise", "la cité finistérienne");
- the whole country ("partout en France"), and the région or département of the other
  places of the text ("à Lyon ou dans toute la région").

Each is an ``Area`` over a span of tokens; the names inside that span are the frame's, not
places of their own.
"""

from __future__ import annotations

import re

from parsers import geo
from parsers.places import institutions
from parsers.places.epcis import KIND_AFTER, KIND_END, epci_area
from parsers.places.mentions import ARTICLES, Area, Mention
from parsers.places.text import Token

# a frame needs one of these words (an institution's or an intercommunality's)
_FRAME_WORDS = frozenset({p[-1] for p in institutions.LEVELS} | set(KIND_END) | KIND_AFTER
                         | {"ca", "cc", "cu", "ept", "grand"})
_NOT_A_NOUN = ARTICLES | {"de", "du", "des", "d", "a", "au", "aux", "en", "et", "ou", "sur", "dans", "par",
                          "pour", "un", "une", "ce", "cette", "ces", "son", "sa", "ses", "leur", "leurs"}
_NATIONAL = re.compile(
    r"\b(?:(?:partout|dans toute|sur toute|toute) (?:la )?france|france entiere|en france|"
    r"(?:sur|dans) (?:tout|l ensemble du) (?:le )?territoire(?: national)?|au niveau national|"
    r"(?:dans|sur) (?:toutes les|chaque|l ensemble des|les) (?:regions|region|departements|departement|"
    r"prefectures|territoires)|national|nationale|france metropolitaine|hexagone|"
    r"(?<!ministere des )(?<!ministere de l )outre mer|ultramarins?|ultramarines?)\b|^(?:la )?france$"
)
_FREE_WORDS = ("franc", "nation", "territoire", "region", "departement", "metropole", "agglo",
               "environs", "alentours", "banlieue", "hexagone", "outre mer", "ultramarin")
# cheap first looks: a word every _NATIONAL phrase holds; a determiner every _IMPLICIT phrase holds
_NATIONAL_WORDS = ("franc", "nation", "territoire", "hexagone", "chaque", "toutes les", "ensemble des",
                   "outre mer", "ultramarin", "les regions", "les departements", "les prefectures")
_IMPLICIT_WORDS = ("la ", "sa ", "son ", "ses ", "notre ", "leur ", "tout ", "ensemble d", "et ")
# "dans toute la région", "et sa région", "en région" after a place: that place's région
_IMPLICIT = re.compile(
    r"\b(?:(?:dans|sur|a travers) (?:toute |l ensemble de )?(?:la|sa|notre|leur) (region|departement|"
    r"metropole|agglomeration)|(?:dans|sur) (?:tout|l ensemble du) (?:le |son )?(departement)|"
    r"et (?:sa |son |ses |les )?(region|departement|metropole|agglomeration|agglo|environs|alentours|banlieue))\b"
)


def _gentile_area(tokens: tuple[Token, ...], m: Mention) -> Area | None:
    """ "l'antenne lyonnaise": a gentilé right after a noun of its segment."""
    g = m.entry.gentile
    if g is None or m.start == 0 or tokens[m.start - 1].segment != tokens[m.start].segment:
        return None
    noun = tokens[m.start - 1].key
    if noun in _NOT_A_NOUN or noun.isdigit():
        return None
    if noun == "capitale" and g.capitale:
        return Area("commune", g.capitale, m.start - 1, m.end, "gentile")
    if noun == "region" and g.kind != "region":
        c = geo.commune(g.code) if g.kind == "commune" else None
        d = geo.departement(g.code) if g.kind == "departement" else None
        code = c.region_code if c else d.region_code if d else None
        return Area("region", code, m.start - 1, m.end, "gentile") if code else None
    return Area(g.kind, g.code, m.start - 1, m.end, "gentile")


def find_areas(tokens: tuple[Token, ...], text: str, mentions: list[Mention], folded: str) -> list[Area]:
    """The frames of a tokenised place text (``text`` as tokenised), left to right, none overlapping."""
    found: list[Area] = []
    if not _FRAME_WORDS.isdisjoint(folded.split()):
        candidates = [area for m in mentions if (area := epci_area(tokens, text, m)
                      or institutions.area_of(tokens, m) or _gentile_area(tokens, m))]
        candidates += institutions.numbered(tokens)
    else:  # no institution or kind word: only gentilés and EPCI names alone ("Plaine Commune")
        candidates = [area for m in mentions if (m.entry.gentile or m.entry.epcis) and (
                      area := epci_area(tokens, text, m) or _gentile_area(tokens, m))]
        if not candidates and not any(word in folded for word in _FREE_WORDS):
            return []
    for area in sorted(candidates, key=lambda a: a.start - a.end):  # the widest frame first
        if not any(a.start < area.end and area.start < a.end for a in found):
            found.append(area)
    found.extend(_free_areas(folded))
    return sorted(found, key=lambda a: a.start)


def _free_areas(folded: str) -> list[Area]:
    """Frames with no name in them: the whole country, "toute la région"."""
    out: list[Area] = []
    if not any(word in folded for word in _FREE_WORDS):
        return out
    if any(word in folded for word in _NATIONAL_WORDS) and _NATIONAL.search(folded):
        end = folded.count(" ") + 1
        out.append(Area("national", None, end, end, "national"))
    if not any(word in folded for word in _IMPLICIT_WORDS):
        return out
    for m in _IMPLICIT.finditer(folded):
        word = next(g for g in m.groups() if g)
        level = {"agglo": "epci", "agglomeration": "epci", "metropole": "epci", "banlieue": "epci", "environs": "commune",
                 "alentours": "commune"}.get(word, word)
        start = folded.count(" ", 0, m.start())
        out.append(Area(f"implicit-{level}", None, start, start, "implicit"))
    return out
