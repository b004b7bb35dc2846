"""Institutions that name their territory, at their own level.

"Préfecture du Morbihan" is the département, "Préfecture de la région Grand Est" and
"Rectorat de l'académie de Rennes" the région (an académie never crosses a région), "Conseil
départemental du Var" the département, "Mairie de Quimper" the commune. The territory is
the name after the institution (links "de", "du", "de la"… and other institution words
skipped: "Rectorat de l'académie de"), or a département number ("DDTM 29"), lifted to the
institution's level: a commune named by a département's institution gives its département.
The building alone ("l'Hôtel de Région") names no territory.

Shared by ``parse_place`` and ``parse_organiser``: one rule set.
"""

from __future__ import annotations

from functools import lru_cache

from parsers import geo
from parsers.places.index import Entry, index
from parsers.places.mentions import Area, Mention, departement_codes
from parsers.places.text import Token

REGION, DEPARTEMENT, COMMUNE = "region", "departement", "commune"
# folded words of an institution -> its level; the longest phrase wins
LEVELS: dict[tuple[str, ...], str] = {
    ("prefecture", "de", "region"): REGION, ("prefecture", "de", "la", "region"): REGION,
    ("prefecture", "regionale"): REGION, ("prefet", "de", "region"): REGION,
    ("prefet", "de", "la", "region"): REGION, ("conseil", "regional"): REGION, ("region",): REGION,
    ("hotel", "de", "region"): REGION, ("hotel", "de", "la", "region"): REGION,
    ("sgar",): REGION, ("affaires", "regionales"): REGION, ("rectorat",): REGION,
    ("academie",): REGION, ("region", "academique"): REGION, ("dreal",): REGION,
    ("dreets",): REGION, ("draaf",): REGION, ("drac",): REGION, ("drfip",): REGION,
    ("drajes",): REGION, ("drjscs",): REGION, ("direccte",): REGION, ("ars",): REGION,
    ("agence", "regionale", "de", "sante"): REGION, ("collectivite", "territoriale"): REGION,
    ("collectivite",): REGION, ("ceser",): REGION, ("direction", "regionale"): REGION,
    ("prefecture",): DEPARTEMENT, ("prefet",): DEPARTEMENT, ("conseil", "departemental"): DEPARTEMENT,
    ("conseil", "general"): DEPARTEMENT, ("departement",): DEPARTEMENT,
    ("hotel", "du", "departement"): DEPARTEMENT, ("ddt",): DEPARTEMENT, ("ddtm",): DEPARTEMENT,
    ("ddets",): DEPARTEMENT, ("ddetspp",): DEPARTEMENT, ("ddpp",): DEPARTEMENT, ("ddcs",): DEPARTEMENT,
    ("ddcspp",): DEPARTEMENT, ("ddfip",): DEPARTEMENT, ("dsden",): DEPARTEMENT,
    ("caf",): DEPARTEMENT, ("cpam",): DEPARTEMENT, ("mdph",): DEPARTEMENT,
    ("direction", "departementale"): DEPARTEMENT, ("archives", "departementales"): DEPARTEMENT,
    ("maison", "departementale"): DEPARTEMENT, ("services", "de", "l", "etat"): DEPARTEMENT,
    ("mairie",): COMMUNE, ("ville",): COMMUNE, ("hotel", "de", "ville"): COMMUNE,
    ("commune",): COMMUNE, ("sous", "prefecture"): COMMUNE, ("ccas",): COMMUNE,
}
_LONGEST = max(len(k) for k in LEVELS)
_LAST_WORDS = frozenset(k[-1] for k in LEVELS)  # a phrase ends with one of these
_LINKS = frozenset({"de", "du", "des", "d", "la", "l", "le", "les", "en", "pour"})
# what a name means at each level, in order of preference
_PREFERENCE = {REGION: ("regions", "departements", "communes"),
               DEPARTEMENT: ("departements", "regions", "communes"),
               COMMUNE: ("communes", "departements", "regions")}
_RANK = {REGION: 0, DEPARTEMENT: 1, COMMUNE: 2}
DOMINANCE = 15


def _phrase_ending(keys: list[str], end: int) -> tuple[int, str] | None:
    """The longest institution phrase ending just before ``end``: (its start, its level)."""
    if keys[end - 1] not in _LAST_WORDS:
        return None
    for size in range(min(_LONGEST, end), 0, -1):
        level = LEVELS.get(tuple(keys[end - size:end]))
        if level is not None and not (end - size > 0 and keys[end - size - 1] == "sous"):
            return end - size, level
    return None


def frame_before(tokens: tuple[Token, ...], at: int) -> tuple[int, str] | None:
    """The institution words before token ``at`` (links and chained institutions skipped):
    (start of the first one, the highest level among them), or None."""
    keys = [t.key for t in tokens[:at]]
    i, found = at, None
    while i > 0 and tokens[i - 1].segment == tokens[min(at, len(tokens) - 1)].segment:
        if keys[i - 1] in _LINKS:
            i -= 1
            continue
        phrase = _phrase_ending(keys, i)
        if phrase is None:
            break
        start, level = phrase
        found = (start, level if found is None or _RANK[level] < _RANK[found[1]] else found[1])
        i = start
    return found


@lru_cache(maxsize=4096)
def _dominant(codes: tuple[str, ...]) -> geo.Commune | None:
    cands = sorted((c for code in codes if (c := geo.commune(code))), key=lambda c: -(c.population or 0))
    if not cands:
        return None
    rest = sum(c.population or 0 for c in cands[1:])
    return cands[0] if len(cands) == 1 or (cands[0].population or 0) >= DOMINANCE * rest else None


@lru_cache(maxsize=1)
def _seats() -> dict[str, frozenset[str]]:
    """The chefs-lieux of the régions and of the départements (the towns the State's services of
    that level sit in)."""
    return {REGION: frozenset(c.code for r in geo.regions() if (c := geo.region_chef_lieu(r.code))),
            DEPARTEMENT: frozenset(c.code for d in geo.departements() if (c := geo.departement_chef_lieu(d.code)))}


def _seat(codes: tuple[str, ...], level: str) -> geo.Commune | None:
    """Among homonyms, the one chef-lieu at ``level``: an académie, a préfecture de région is
    named after its seat ("Rectorat de l'académie de Saint-Denis" is La Réunion's)."""
    seats = [code for code in codes if code in _seats().get(level, ())]
    return geo.commune(seats[0]) if len(seats) == 1 else None


def code_at_level(entry: Entry, level: str) -> tuple[str, str] | None:
    """(level, code) of what ``entry`` names, lifted to ``level``: "Rennes" at région level -> ("region", "53")."""
    for kind in _PREFERENCE[level]:
        codes: tuple[str, ...] = getattr(entry, kind)
        if kind == "communes":
            c = _dominant(codes or entry.former) or _seat(codes, level)
            if c is None:
                continue
            return {REGION: (REGION, c.region_code), DEPARTEMENT: (DEPARTEMENT, c.departement_code)}.get(
                level, (COMMUNE, c.code))
        if len(codes) != 1:
            continue
        if kind == "departements" and level == REGION and (d := geo.departement(codes[0])):
            return REGION, d.region_code
        if kind == "regions" and level == DEPARTEMENT:
            deps = [d.code for d in geo.departements() if d.region_code == codes[0]]
            return (DEPARTEMENT, deps[0]) if len(deps) == 1 else (REGION, codes[0])
        return kind[:-1], codes[0]
    return None


def _at_level(m: Mention, level: str) -> Entry:
    """What the institution's name means: after a département's or a région's institution, "de
    la Marne" is the département, not the commune La Marne (the article is the link's)."""
    article, _, rest = m.key.partition(" ")
    if level != COMMUNE and rest and article in ("la", "le", "les", "l"):
        bare = index().entries.get(rest)
        if bare is not None and (bare.departements or bare.regions):
            return bare
    return m.entry


def area_of(tokens: tuple[Token, ...], m: Mention) -> Area | None:
    """The territory of an institution naming ``m`` ("Conseil départemental du Var")."""
    frame = frame_before(tokens, m.start)
    if frame is None or (found := code_at_level(_at_level(m, frame[1]), frame[1])) is None:
        return None
    return Area(found[0], found[1], frame[0], m.end, "institution")


def numbered(tokens: tuple[Token, ...]) -> list[Area]:
    """ "DDTM 29", "Préfecture (35)": a département's number right after an institution."""
    out, codes = [], departement_codes()
    for i, t in enumerate(tokens):
        if i and t.key in codes and (frame := frame_before(tokens, i)) and frame[1] != COMMUNE:
            out.append(Area(DEPARTEMENT, t.key.upper(), frame[0], i + 1, "institution"))
    return out
