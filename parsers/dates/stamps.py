"""Dates in a date text that are not the event's: page stamps, document dates, deadlines.

    Publié le 3 octobre 2024 – mis à jour le 5 octobre · Article du 2 mars, modifié le 4 mars
    Convocation du 3 novembre · Inscriptions avant le 10 novembre · Date limite : 10/11

A marker ("publié le", "mis à jour le", "article du", "convocation du", "inscriptions
jusqu'au", "date limite :" …) owns the one date written right after it (a weekday, a day
and month or a numeric date, a year, a time): those tokens are set aside with a reason
("stamp" or "deadline") before the grammar reads the rest. ``parse_stamps`` reads the
publication and update dates themselves.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from parsers.dates.lexer import Token

_MARKER = re.compile(
    r"(?<![a-z])(?:"
    r"(?P<pub>(?:publiee?s?|mise?\s+en\s+ligne|creee?|postee?|redigee?|parue?)(?:\s+le|\s*:)"
    r"|date\s+de\s+(?:publication|parution|mise\s+en\s+ligne)(?:\s*:|\s+le)?"
    r"|(?:article|communique|actualite|billet|publication)\s+du)"
    r"|(?P<upd>(?:date\s+de\s+)?(?:la\s+)?(?:derniere\s+)?mise?\s+a\s+jour(?:\s+le|\s*:)?"
    r"|(?:modifiee?|actualisee?|maj)(?:\s+le|\s*:)"
    r"|(?:date\s+de\s+|derniere\s+)(?:modification|actualisation)(?:\s+le|\s*:)?)"
    r"|(?P<doc>(?:convocation|courrier|lettre|circulaire|arrete)\s+du)"
    r"|(?P<deadline>(?:inscriptions?|candidatures?|reponses?|reservations?)"
    r"(?:\s+(?:obligatoires?|ouvertes?|possibles?|souhaitees?|attendues?|en\s+ligne))?"
    r"(?:\s*:)?\s+(?:avant|jusqu'?\s*(?:au|a)|au\s+plus\s+tard|d'ici)(?:\s+(?:le|au))?"
    r"|date\s+limite(?:\s+(?:d'inscription|de\s+candidature|de\s+reponse|d'envoi))?(?:\s*:|\s+le|\s+au)?"
    r"|cloture\s+des\s+(?:inscriptions|candidatures)(?:\s+le|\s*:)?)"
    r")"
)
_HINTS = re.compile(r"publi|jour|modifi|ligne|cree|actualis|article|communique|convocation"
                    r"|courrier|lettre|circulaire|arrete|poste|redige|paru|inscri|candidat"
                    r"|reponse|reservation|limite|cloture|maj")
REASONS = {"pub": "stamp", "upd": "stamp", "doc": "stamp", "deadline": "deadline"}
_DAYS = {"iso", "numdate", "spacedate", "monthyear"}


class Marked:
    """A marker and the date it owns: token indexes [first, stop) and its kind."""

    __slots__ = ("first", "kind", "stop", "date_first")

    def __init__(self, first: int, date_first: int, stop: int, kind: str):
        self.first, self.date_first, self.stop, self.kind = first, date_first, stop, kind


def may_hold_stamps(norm: str) -> bool:
    return _HINTS.search(norm) is not None


def find(norm: str, tokens: list[Token]) -> list[Marked]:
    """Every marker of the text with the tokens of the date it owns (maybe none)."""
    ends = [t.end for t in tokens]
    found = []
    for match in _MARKER.finditer(norm):
        if match.group(0).startswith("cree") and not _page_created(norm, match.start()):
            continue
        first = bisect_left(ends, match.start() + 1)
        date_first = bisect_left(ends, match.end())
        if date_first < len(tokens) and ends[date_first] == match.end():
            date_first += 1   # the marker's last token ends where the marker does
        found.append(Marked(first, date_first, _date_end(tokens, date_first),
                            match.lastgroup or "pub"))
    return found


# "créé le" stamps the page only when the page is its subject: at the start of the text or of a
# line part ("Créé le 3 mars · Modifié le …"), or after a word for the page ("Page créée le");
# "Le lab a été créé le 12 mars 2019", "Le lab, créé le …," date the lab, a fact the text reports.
_PAGE_SUBJECT = re.compile(
    r"(?:^|[.;:|\[\]\-]\s*|(?:page|article|fiche|contenu|document|actualite|billet|message"
    r"|post|annonce|evenement|publication)(?:\s+a\s+ete)?\s+)$")


def _page_created(norm: str, start: int) -> bool:
    return _PAGE_SUBJECT.search(norm, 0, start) is not None


def _date_end(toks: list[Token], j: int) -> int:
    """Index after the one date written from token j (j itself when there is none)."""
    n = len(toks)

    def kind(k: int) -> str:
        return toks[k].kind if k < n else ""

    k = j
    if kind(k) == "weekday":
        k += 2 if k + 1 < n and toks[k + 1].text == "," else 1
    if kind(k) in _DAYS:
        k += 1
    elif kind(k) == "num" and kind(k + 1) == "month":
        k += 2
        k += 1 if kind(k) == "year" else 0
    elif kind(k) in ("month", "year"):
        k += 2 if kind(k) == "month" and kind(k + 1) == "year" else 1
    elif k == j:
        return j
    if kind(k) in ("time", "trange"):
        return k + 1
    if k + 1 < n and toks[k].text in ("a", ",", "-") and kind(k + 1) in ("time", "trange"):
        return k + 2
    return k


def without(tokens: list[Token], marked: list[Marked]) -> tuple[list[Token], list[int]]:
    """The tokens outside every marked date (markers with no date stay), and for each kept
    token its index in `tokens`."""
    drop: set[int] = set()
    for mark in marked:
        if mark.stop > mark.date_first:
            drop.update(range(mark.first, mark.stop))
    kept = [i for i in range(len(tokens)) if i not in drop]
    return [tokens[i] for i in kept], kept
