"""Who organises an event, and the territory it serves: ``parse_organiser(text)``.

    >>> o = parse_organiser("Conseil départemental du Var")
    >>> (o.kind, o.level, o.departement_code, o.region_code)
    ('collectivite', 'departement', '83', '93')

``kind`` is read from the words of the name, first rule first:

- ``lab``: an innovation lab: a name given in ``labs`` (matched with the lab-name key of
  ``parsers.labs``, the one rule set for lab names), or a lab word ("laboratoire
  d'innovation", "lab", "labo"), or after the State's names ("Etalab" is a State service) a
  word starting or ending in "lab" ("TiLab", "LabO");
- ``epci``: an intercommunality (a kind word, or a name of the EPCI table);
- ``collectivite``: a commune, département or région as a body ("Ville de", "Mairie de",
  "Conseil départemental", "le Département du", "Région Normandie", "Collectivité de Corse");
- ``etat``: ministries and their services, préfectures, SGAR, rectorats, the regional and
  departmental directorates (DREAL, DDT(M)…), interministerial services (DITP, DINUM…);
- ``etablissement_public``: social security funds (CAF, CPAM, URSSAF, MSA…), France
  Travail, hospitals, universities and schools, national agencies and institutes…;
- ``association``, ``entreprise``: by their legal words ("association", "fondation", "SAS",
  "cabinet"…); else ``unknown``.

The territory is the one the place parser finds in the name (the same rules for
institutions, EPCI, gentilés: ``parsers.places.institutions``); a body of the State or a
public establishment that names no territory is national ("Ministère de l'Intérieur",
"Cerema"); a name in a ministry's title is no place ("Ministère de la Défense"); a lab's name
is the lab's, not a place ("L'Escale"); an organiser of unknown kind named only by a
commune's name has none. A line of several organisers is read by its first (see
``parse_organiser``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from parsers.places.mentions import find_mentions
from parsers.places.text import Token, fold, tokenize

_ARTICLES = frozenset({"le", "la", "les", "l"})

KINDS = ("etat", "collectivite", "epci", "etablissement_public", "lab", "association", "entreprise", "unknown")
ORGANISER_LEVELS = ("commune", "epci", "departement", "region", "national", "unknown")
MAX_LENGTH = 300

_LAB = re.compile(r"\b(?:laboratoires? d innovation|labs?|labos?)\b")
_LAB_NAME = re.compile(r"\b(?:\w+lab|lab\w+)\b")  # "TiLab", "LabO", after the State's names ("Etalab")
_EPCI = re.compile(
    r"\b(?:metropole|eurometropole|communaute (?:de communes|d agglomeration|urbaine)|agglomeration|"
    r"agglo|intercommunalite|etablissement public territorial|pays basque|plaine commune)\b|^(?:ca|cc|cu) "
)
_COLLECTIVITE = re.compile(
    r"\b(?:conseil (?:departemental|general|regional|municipal)|departement|(?<!\de )region(?! academique)|"
    r"collectivite (?:territoriale|europeenne|de corse|d outre mer)|collectivite|mairie|ville|commune|"
    r"hotel de (?:ville|region)|hotel du departement|cd|cr)\b"
)
_ETAT = re.compile(
    r"\b(?:ministeres?|ministre|ministeriel\w*|interministeriel\w*|secretariat (?:general|d etat)|"
    r"prefecture|prefet|prefete|sous prefecture|sgar|rectorat|academie|region academique|dsden|"
    r"ddt|ddtm|ddets|ddetspp|ddpp|ddcs|ddcspp|ddfip|drfip|dgfip|dreal|dreets|draaf|drac|drajes|drjscs|"
    r"direccte|direction (?:generale|regionale|departementale|interministerielle|du numerique)|"
    r"dinum|ditp|etalab|beta gouv\w*|gouv|insee|douanes?|gendarmerie|police nationale|armees?|"
    r"tribunal|cour d appel|cour des comptes|conseil d etat|ambassade|services? de l etat|"
    r"haut commissariat|inspection generale|campus de la transformation publique|anssi|sgdsn|"
    r"etat)\b"
)
_ETABLISSEMENT = re.compile(
    r"\b(?:caf|caisse|cnaf|cnam|cpam|assurance maladie|msa|carsat|urssaf|france travail|pole emploi|"
    r"cerema|ademe|meteo france|ign|onf|ofb|insp|ena|cnfpt|inet|chu|chru|centre hospitalier|hopital|"
    r"hopitaux|ap hp|ars|agence (?:nationale|regionale)|universite|university|iut|ecole|inserm|cnrs|"
    r"inrae|inria|cea|banque des territoires|caisse des depots|bpifrance|anct|sdis|cci|"
    r"chambre (?:de commerce|d agriculture|des metiers|regionale)|office (?:public|national)|lycee|"
    r"college|crous|canope|onisep|epide|afpa|cnes|anah|anru|ofii|centre de gestion|cdg|ccas|"
    r"etablissement public|institut national|centre national|france competences|business france)\b"
)
_ASSOCIATION = re.compile(r"\b(?:association|asso|fondation|federation|collectif|amicale|club|loi 1901)\b")
_ENTREPRISE = re.compile(
    r"\b(?:sas|sasu|sarl|eurl|scop|scic|societe|cabinet|entreprise|start up|startup|consulting|"
    r"group|groupe|ltd|inc|gmbh)\b"
)
_ORDER = (("lab", _LAB), ("etat", _ETAT), ("lab", _LAB_NAME), ("epci", _EPCI), ("collectivite", _COLLECTIVITE),
          ("etablissement_public", _ETABLISSEMENT), ("association", _ASSOCIATION), ("entreprise", _ENTREPRISE))
_NAMELESS_IS_NATIONAL = frozenset({"etat", "etablissement_public"})
# bodies that always serve one territory: without its name, their territory is unknown, not national
_LOCAL = re.compile(
    r"\b(?:prefecture|prefet|prefete|sgar|rectorat|academie|dsden|ddt|ddtm|ddets|ddetspp|ddpp|ddcs|"
    r"ddcspp|ddfip|drfip|dreal|dreets|draaf|drac|drajes|drjscs|direccte|direction (?:regionale|"
    r"departementale)|services? de l etat|caf|cpam|chu|chru|centre hospitalier|hopital|universite|iut|"
    r"lycee|college|sdis|cci|chambre|ccas|cdg|centre de gestion|crous|ars|tribunal|cour d appel)\b"
)


@dataclass(frozen=True, slots=True)
class Organiser:
    text: str
    kind: str = "unknown"  # one of KINDS
    name: str | None = None  # the name as written, trimmed
    level: str = "unknown"  # one of ORGANISER_LEVELS
    commune_code: str | None = None
    epci_code: str | None = None
    departement_code: str | None = None
    region_code: str | None = None
    lab: str | None = None  # the lab's key, when ``labs`` names it


def _needs_article(name: str) -> bool:
    """ "La Base", "L'Escale": a name that is one word after its article is written with it (the
    word alone is an everyday noun); "La Fabrique RH" is still a name as "Fabrique RH"."""
    words = fold(name).split()
    return len(words) == 2 and words[0] in _ARTICLES


LabValue = str | tuple[str, str | None]
LabNames = dict[str, tuple[LabValue, bool]]  # name key -> (the caller's value, written with its article)


def lab_names(labs: Mapping[str, LabValue]) -> LabNames:
    """The index ``find_lab_name`` looks names up in: each name's key (``parsers.labs.name_key``)
    -> (its value in ``labs``, whether it must be written with its article); the first name of
    a key wins. Build it once for many texts (``parsers.lablink`` does)."""
    from parsers.labs import name_key  # parsers.labs reads organisers with this module

    wanted: LabNames = {}
    for name, value in labs.items():
        if key := name_key(name):
            wanted.setdefault(key, (value, _needs_article(name)))
    return wanted


def find_lab_name(text: str, wanted: LabNames) -> tuple[LabValue, int, int] | None:
    """(value, start, end) of the longest run of whole words of ``text`` (first of equal length)
    that names a lab of ``wanted``. One word (and its article) written without a capital is an
    everyday word ("le labo", "la base de données"), and a run never ends on an elided article
    ("Lab l'innovation" is not "Lab L")."""
    from parsers.labs import name_key

    tokens = tokenize(text)
    for size in range(min(6, len(tokens)), 0, -1):
        for i in range(len(tokens) - size + 1):
            start, end = tokens[i].start, tokens[i + size - 1].end
            found = wanted.get(name_key(text[start:end]))
            if found is None or (found[1] and tokens[i].key not in _ARTICLES):
                continue
            if text[end:end + 1] in ("'", "’") or _everyday(tokens[i:i + size]):
                continue
            return found[0], start, end
    return None


def _everyday(run: tuple[Token, ...]) -> bool:
    words = [t for t in run if t.key not in _ARTICLES]
    return len(words) < 2 and not any(t.capital for t in words)


def _named_lab(text: str, labs: Mapping[str, LabValue]) -> tuple[str, str | None, str] | None:
    """(key, région code or None, the text less the lab's name) of the lab ``labs`` knows whose
    name the text holds as a run of whole words, names compared by the lab-name key of
    ``parsers.labs`` ("TiLab" = "Ti Lab", "Lab Zéro" = "Lab0", "Lab'@rchipel" = "LabArchipel",
    "Fabrique RH" = "La Fabrique RH")."""
    found = find_lab_name(text, lab_names(labs))
    if found is None:
        return None
    value, start, end = found
    key, region = (value, None) if isinstance(value, str) else value
    return key, region, f"{text[:start]} {text[end:]}"


def _kind(folded: str) -> str:
    for kind, pattern in _ORDER:
        if pattern.search(folded):
            return kind
    return "unknown"


# how a commune found by ``parse_place`` was read: by its name alone (no frame, no address)
_BY_NAME = frozenset({"name", "name-dominant", "name-prefecture", "name+departement", "name+region"})
_TERRITORIES = frozenset({"commune", "epci", "departement", "region", "national"})


def _unnamed(name: str) -> str:
    """The folded words of ``name`` less those of the communes it names: a kind word inside a
    town's name is the town's ("Université de Mantes-la-Ville" is no "ville")."""
    tokens = tokenize(name)
    named = {i for m in find_mentions(tokens, name != name.lower())
             if (m.entry.communes or m.entry.former) and not m.entry.everyday_word for i in range(m.start, m.end)}
    return " ".join(t.key for i, t in enumerate(tokens) if i not in named) if named else fold(name)


def _lead(name: str, parts: list[str]) -> str:
    """The first organiser of a line: its first part, joined to the next while the separator
    lies inside a name the place rules read whole ("Communauté d'agglomération Marne et
    Gondoire" is one name, not "… Marne" and "Gondoire")."""
    tokens = tokenize(name)
    spans = [(tokens[m.start].start, tokens[m.end - 1].end) for m in find_mentions(tokens, True)]
    end = name.find(parts[0]) + len(parts[0])
    for part in parts[1:]:
        start = name.find(part, end)
        if not any(a < end and start < b for a, b in spans):
            break
        end = start + len(part)
    return name[:end]


def _read(name: str, labs: Mapping[str, str | tuple[str, str | None]] | None) -> Organiser:
    """One organiser: its kind from its words, its territory from the place rules."""
    from parsers.places import parse_place  # the package imports this module

    folded = _unnamed(name)
    named = _named_lab(name, labs) if labs else None
    kind = "lab" if named else _kind(folded)
    place = parse_place(named[2] if named else name)  # a lab's name is the lab's, not a place
    level = "commune" if place.level == "venue" else place.level if place.level in _TERRITORIES else "unknown"
    if kind == "unknown" and level == "epci" and place.confidence == "epci":
        kind = "epci"  # an EPCI named by its own name: "Grand Nancy", "Est Ensemble", "Grand Lyon"
    if kind == "unknown" and level == "commune" and place.confidence in _BY_NAME:
        return Organiser(name, kind, name)  # "L'Escale", "Rennes": a body is named by what it is
    region = place.region_code
    if level == "unknown" and named and named[1]:
        level, region = "region", named[1]
    elif level == "unknown" and kind in _NAMELESS_IS_NATIONAL and not _LOCAL.search(folded):
        level = "national"
    return Organiser(
        text=name, kind=kind, name=name, level=level,
        commune_code=place.commune_code if level == "commune" else None,
        epci_code=place.epci_code if level in ("commune", "epci") else None,
        departement_code=place.departement_code, region_code=region,
        lab=named[0] if named else None,
    )


def parse_organiser(text: str, *, labs: Mapping[str, str | tuple[str, str | None]] | None = None) -> Organiser:
    """Read an organiser's name; never raises on a ``str`` (TypeError on anything else).

    A line naming several organisers ("Région Bretagne, en partenariat avec le Ti Lab",
    ``parsers.labs.co_organisers``) is read by its first: its kind, its lab, its territory — or,
    when its name gives none, the territory of the whole line ("Ville et Eurométropole de
    Strasbourg"). An organiser of unknown kind named only by a commune's name ("L'Escale") has
    no territory: a body is named by what it is.

    ``labs``: the labs the caller knows, as name or alias -> lab key, or -> (lab key, région
    code) to give the lab's territory when its name does not say it ({"Ti Lab": "ti-lab",
    "Lab'O": ("labo", "76")}). Names are compared as whole words with the lab-name key of
    ``parsers.labs.name_key``: without case, accents, spaces or punctuation, "@" read as "a",
    numbers in words or digits, a leading article left out ("TiLab", "TI Lab" and "Ti-Lab" are
    "Ti Lab"; "Lab0" is "Lab Zéro"; "Fabrique RH" is "La Fabrique RH") — except a name that is
    one word after its article ("La Base", "L'Escale"), which must be written with one. The
    parser keeps no state: pass the mapping on every call.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_organiser expects a str, not {type(text).__name__}")
    from parsers.labs import co_organisers  # parsers.labs reads organisers with this module

    name = " ".join(text[:MAX_LENGTH].split()).strip(" ,;:-–") or None
    if name is None:
        return Organiser(text)
    parts = co_organisers(name)
    lead = _read(_lead(name, parts) if len(parts) > 1 else name, labs)
    where = lead if len(parts) < 2 or lead.level != "unknown" else _read(name, labs)
    return Organiser(
        text=text, kind=lead.kind, name=name, level=where.level, commune_code=where.commune_code,
        epci_code=where.epci_code, departement_code=where.departement_code, region_code=where.region_code,
        lab=lead.lab,
    )
