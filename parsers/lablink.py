"""Which lab runs an event: ``link_lab(organiser, description, labs, region_code)``.

    >>> labs = (LabRef("ti-lab", "Ti Lab", ("TiLab",), "53"),)
    >>> link_lab("Région Bretagne, en partenariat avec le Ti Lab", None, labs)
    LabLink(key='ti-lab', method='name', confidence=1.0)

Pure, and cheap on every event: the index of a labs tuple is built once (cached).

Rules, first found first:

1. The organiser line, each of its organisers (``parsers.labs.co_organisers``: "Région
   Bretagne, en partenariat avec le Ti Lab" links Ti Lab), each read up to its first comma or
   clause ("Ville de Rennes, lauréate d'un appel du Ti Lab" is the Ville's):
   - ``name``: a lab's current name, in any spelling the lab-name key agrees with
     (``parsers.labs.name_key``, matched as whole words by
     ``parsers.places.organiser.find_lab_name``: "TiLab", "Ti-Lab", "Lab L", "Lab Zero");
   - ``alias``: one of its other names (former names, the atlas's spelling);
   - ``generic``: a lab noun ("laboratoire", "labo", "lab") qualified as the State's regional
     lab ("d'innovation (publique|territoriale)", "de la préfecture (de région)", "du SGAR",
     "régional") and/or followed by a région, by any name the place parser knows it by
     (``parsers.places.index.region_names``: "le lab de la préfecture de région Occitanie",
     "le laboratoire d'innovation publique de Bretagne", "… de l'IDF"), nothing else after it ("le
     laboratoire d'innovation de la Ville de Paris" is the Ville's). The région named, else the
     event's (``region_code``): its one lab; a région with several labs (Provence-Alpes-Côte
     d'Azur) or none is no link — ambiguous is not a guess.
2. The description's organiser phrases (``parsers.labs.organiser_phrases``: "proposé par",
   "co-organisé avec", "avec le lab …"), read as an organiser line: method ``description``.
   A lab named any other way ("présenté lors d'un atelier du Ti Lab", "inspiré des travaux de
   La Base") is no link.

Not labs: a "Fab Lab", a "Living Lab", a research "Laboratoire de recherche …", a "LabEx",
a "Laboratoire départemental d'analyses" (no lab qualifier, no région).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from parsers.labs import co_organisers, organiser_phrases
from parsers.places.index import region_names
from parsers.places.organiser import LabNames, find_lab_name, lab_names
from parsers.places.text import fold

METHODS = ("name", "alias", "generic", "description")
# confidence of a link by the organiser line, by how the lab was named; a description's is lower
CONFIDENCE = {"name": 1.0, "alias": 0.95, "generic": 0.8, "generic-context": 0.7}
DESCRIPTION_FACTOR = 0.8


@dataclass(frozen=True, slots=True)
class LabRef:
    """A lab as the linker needs it: its key (the slug of its current sheet), its current name,
    its other names, its région's code."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()
    region_code: str | None = None


@dataclass(frozen=True, slots=True)
class LabLink:
    key: str
    method: str  # one of METHODS
    confidence: float


@dataclass(frozen=True, eq=False)
class _Index:
    names: LabNames
    aliases: LabNames
    by_region: dict[str, tuple[str, ...]] = field(default_factory=dict)


@lru_cache(maxsize=32)
def _index(labs: tuple[LabRef, ...]) -> _Index:
    names = lab_names({lab.name: lab.key for lab in labs})
    every = lab_names({alias: lab.key for lab in labs for alias in lab.aliases})
    by_region: dict[str, list[str]] = {}
    for lab in labs:
        if lab.region_code and lab.key not in by_region.get(lab.region_code, []):
            by_region.setdefault(lab.region_code, []).append(lab.key)
    return _Index(names, {k: v for k, v in every.items() if k not in names},
                  {code: tuple(keys) for code, keys in by_region.items()})


# --- generic forms -------------------------------------------------------------------------

_REGIONS = {fold(name): code for name, code in region_names().items()}   # with "PACA", "Région Sud"…
_REGION = "|".join(sorted((re.escape(n) for n in _REGIONS), key=len, reverse=True))
_OF = r"(?:de la |de l |des |du |de |d |en )"
_BODY = (r"(?:(?:la )?prefecture(?: de(?: la)? region)?|(?:le )?sgar|l etat|(?:la )?region"
         r"|secretariat general (?:pour|aux) (?:les )?affaires regionales)")
_QUALIFIER = (rf"(?: d innovation(?: publique| territoriale| de l etat| public)?| de l innovation publique"
              rf"| territorial| regional| public| {_OF}{_BODY})")
_GENERIC = re.compile(
    rf"(?<!fab )(?<!living )(?<!media )(?<!urban )(?<!open )(?<!data )\b(?:laboratoire|labo|lab)s?"
    rf"(?P<qualifiers>{_QUALIFIER}*)(?: {_OF}?(?:region )?(?P<region>{_REGION}))?\b(?P<rest>.*)")
# what may follow a generic form: the end, or a word starting another clause or organiser
_AFTER = frozenset({"qui", "pour", "dans", "afin", "lors", "sur", "autour", "avec", "et", "ou", "dont",
                    "a", "au", "aux", "le", "la", "les", "l", "un", "une", "ce", "cet", "cette", "son",
                    "sa", "ses", "en", "par", "aupres"})


def _generic_region(head: str) -> tuple[str | None, bool] | None:
    """(the région named or None, whether one was named) of a generic lab form in ``head``;
    None when the head holds none."""
    for match in _GENERIC.finditer(fold(head)):
        rest = match.group("rest").split()
        if rest and rest[0] not in _AFTER:
            continue
        region = match.group("region")
        if region:
            return _REGIONS[region], True
        if match.group("qualifiers"):
            return None, False
    return None


# --- reading a line ------------------------------------------------------------------------

_CLAUSE = re.compile(r"[,;:]|\s(?:qui|dont|dans|pour|lors|afin|autour|suite|après|inspir\w*)\s", re.IGNORECASE)


def _head(part: str) -> str:
    """An organiser as named, before what is said of it ("le Ti Lab, qui accompagne …")."""
    return _CLAUSE.split(part, maxsplit=1)[0]


def _named(head: str, index: _Index) -> tuple[str, str] | None:
    for method, wanted in (("name", index.names), ("alias", index.aliases)):
        found = find_lab_name(head, wanted) if wanted else None
        if found is not None and isinstance(found[0], str):
            return found[0], method
    return None


def _read_line(line: str, index: _Index, region_code: str | None) -> LabLink | None:
    """The first lab among the organisers of one line (named, else in a generic form)."""
    heads = [_head(part) for part in co_organisers(line)]
    for head in heads:
        if named := _named(head, index):
            return LabLink(named[0], named[1], CONFIDENCE[named[1]])
    for head in heads:
        generic = _generic_region(head)
        if generic is None:
            continue
        code = generic[0] if generic[1] else region_code
        keys = index.by_region.get(code or "", ())
        if len(keys) == 1:
            return LabLink(keys[0], "generic", CONFIDENCE["generic" if generic[1] else "generic-context"])
    return None


@lru_cache(maxsize=4096)
def _from_line(line: str, index: _Index, region_code: str | None) -> LabLink | None:
    return _read_line(" ".join(line.split()), index, region_code)


_BLOCK = re.compile(r"<(?:/?(?:p|li|ul|ol|div|h\d|tr|td|th|table|section|blockquote)\b[^>]*|br\s*/?)>",
                    re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def _text(description: str | None) -> str | None:
    """A description's text: a block tag is a break, another tag nothing, an entity its
    character."""
    if not description or ("<" not in description and "&" not in description):
        return description
    return html.unescape(_TAG.sub("", _BLOCK.sub("\n", description)))


def link_lab(organiser: str | None, description: str | None, labs: Sequence[LabRef],
             region_code: str | None = None) -> LabLink | None:
    """The lab that runs an event, from its organiser line, else its description's organiser
    phrases; None when no lab runs it or which one cannot be told. ``region_code``: the
    région of the event's place (the context of "le lab du SGAR")."""
    if not labs:
        return None
    index = _index(labs if isinstance(labs, tuple) else tuple(labs))
    if organiser and (link := _from_line(organiser, index, region_code)):
        return link
    for phrase in organiser_phrases(_text(description)):
        if link := _from_line(phrase, index, region_code):
            return LabLink(link.key, "description", round(link.confidence * DESCRIPTION_FACTOR, 2))
    return None
