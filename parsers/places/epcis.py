"""Intercommunalities named in a place text: a kind word next to the EPCI's own name
("Communauté d'agglomération du Pays Basque", "Toulouse Métropole"), next to its central
commune ("la métropole de Montpellier", "Agglomération de Dreux", "Grand Lyon") or next to that
commune's gentilé ("l'agglomération havraise"); an EPCI's name of several words alone ("Plaine
Commune", "Grand Reims"); a kind word only one EPCI uses ("l'Eurométropole").
"""

from __future__ import annotations

from parsers import geo
from parsers.places.mentions import Area, Mention
from parsers.places.text import Token

# the last word of a kind ("communauté de communes" ends in "communes") and what must precede it
KIND_END = {
    "metropole": (), "eurometropole": (), "agglomeration": (), "agglo": (), "communaute": (),
    "intercommunalite": (), "interco": (), "epci": (), "communes": ("communaute", "de"),
    "urbaine": ("communaute",), "europeenne": ("metropole",), "territorial": ("etablissement", "public"),
}
KIND_AFTER = frozenset({"metropole", "agglomeration", "agglo", "communaute", "intercom"})
_ABBREVIATED = frozenset({"ca", "cc", "cu", "ept"})  # only as capitals: "CA du Grand Cahors", not "ça"
_LINKS = frozenset({"de", "du", "des", "d", "la", "l", "le", "les"})


def _kind_before(tokens: tuple[Token, ...], text: str, at: int) -> int | None:
    """Start of a kind phrase ending right before token ``at`` (links skipped), or None."""
    i = at - 1
    while i >= 0 and tokens[i].key in _LINKS and at - i <= 3:
        i -= 1
    if i < 0 or tokens[i].segment != tokens[at].segment:
        return None
    key = tokens[i].key
    if key in _ABBREVIATED:
        return i if text[tokens[i].start:tokens[i].end].isupper() else None
    if key not in KIND_END:
        return None
    need = KIND_END[key]
    first = i - len(need)
    if first < 0 or tuple(t.key for t in tokens[first:i]) != need:
        return None
    return first


def _of_name(m: Mention) -> str | None:
    """The EPCI a name next to a kind word stands for: its own name, its central commune's
    name, or its central commune's gentilé."""
    e = m.entry
    if len(e.epcis) == 1:
        return e.epcis[0]
    if e.epcis:
        return None
    seats = [s for code in e.communes if (s := geo.epci_seats().get(code))]
    if len(seats) == 1:
        return seats[0]
    if e.gentile and e.gentile.kind == "commune" and (found := geo.epci_of_commune(e.gentile.code)):
        return found.code
    return None


def _grand(tokens: tuple[Token, ...], text: str, m: Mention) -> bool:
    """ "Grand" written with its capital right before a commune's name, in its segment."""
    i = m.start - 1
    return i >= 0 and tokens[i].key == "grand" and tokens[i].segment == tokens[m.start].segment \
        and text[tokens[i].start] == "G" and bool(m.entry.communes or m.entry.epcis)


def epci_area(tokens: tuple[Token, ...], text: str, m: Mention) -> Area | None:
    """The EPCI the mention ``m`` names with the words around it, if it names one."""
    e = m.entry
    start = _kind_before(tokens, text, m.start)
    after = m.end < len(tokens) and tokens[m.end].key in KIND_AFTER \
        and tokens[m.end].segment == tokens[m.end - 1].segment
    if start is not None or after:
        code = _of_name(m)
        return Area("epci", code, m.start if start is None else start, m.end + after, "epci") if code else None
    if _grand(tokens, text, m) and (code := _of_name(m)):  # "Grand Lyon": the EPCI of Lyon
        return Area("epci", code, m.start - 1, m.end, "epci")
    alone = len(e.epcis) == 1 and not e.is_place and e.gentile is None and (" " in m.key or m.key in KIND_END)
    return Area("epci", e.epcis[0], m.start, m.end, "epci") if alone else None
