"""A lab as its pages and the event pages write it: creation words and year, the key of a
name, the names a sheet says it had, and where an event names its organisers.

Pure. ``CREATION`` is shared with the lab spider, which uses it to find the text that states
the creation ("Créé en 2018, le lab …", a line "Depuis 2021"); ``creation_year`` reads the
year out of that text in the normalize pipeline.

Rules:

- ``name_key``: two spellings of one name agree when they differ only by case, accents,
  spaces and punctuation, a leading article, "@" written for "a", or a number written in
  words or digits ("Lab'O" = "Lab-O"; "Lab'@rchipel" = "LabArchipel"; "Lab Zéro" = "Lab0";
  "La Fabrique RH" = "Fabrique RH").
- ``former_names``: a sheet names what the lab was called before after "anciennement",
  "ex-", "précédemment (appelé)", "nouveau nom du/de la", "qui s'appelait".
- ``co_organisers``: an organiser line lists its organisers separated by "/", "&", "+",
  "avec", the partnership phrases ("en partenariat avec", "en lien avec"), and by commas, ";"
  and "et" where a name starts after them (a capital, a digit or an article: not the ", du
  travail et des solidarités" of one body's name, nor the "et" of "Ille-et-Vilaine"); text in
  parentheses stays with its organiser. ``parsers.places.parse_organiser`` reads the first
  as the organiser.
- ``organiser_phrases``: a description names an organiser after an organising participle
  and "par" or "avec" ("proposé par", "co-organisé avec", "animé par"), after a partnership
  phrase, or after "avec" + a lab noun ("avec le lab …"); a lab named any other way
  ("s'inspire des ateliers du Ti Lab") is not an organiser.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# "créé", "créée(s)", "lancé", "fondée", "né", "ouvert", "depuis", "actif depuis", "création"
CREATION = (r"(?:(?:cr[ée]{2}|lanc[ée]|fond[ée]|n[ée]|ouvert)e?s?|(?:actif|active|en activit[ée])?\s?depuis|"
            r"cr[ée]ation)")
YEAR = r"(?:19|20)\d{2}"
_CREATED_YEAR = re.compile(rf"\b{CREATION}\b[^0-9]{{0,40}}?\b({YEAR})\b", re.IGNORECASE)
_ANY_YEAR = re.compile(rf"\b{YEAR}\b")

_NUMBERS = ("zero", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix")
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBERS) + r")\b")
_LEADING_ARTICLE = re.compile(r"^\s*(?:le|la|les|l)\b['’\s]*")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")

_FORMER = re.compile(
    r"(?:\banciennement|\bpr[ée]c[ée]demment|\bautrefois|\bauparavant|\bex\s*-\s*|\bex\s+|"
    r"\bnouveau\s+nom\s+d(?:u|e\s+la|e\s+l['’]|es|e)\s*|\bqui\s+s['’]appelait)"
    r"(?:\s+(?:appel[ée]e?|nomm[ée]e?|d[ée]nomm[ée]e?|connue?\s+sous\s+le\s+nom\s+d[e'’]))?"
    r"\s*[:«\"“]?\s*(?P<name>[^()«»\"“”,.;:!?]{1,60}?)\s*(?=$|[()«»\"“”,.;:!?]|\s+(?:et|est|a|qui|jusqu|depuis|avant|en\s+\d{4})\b)",
    re.IGNORECASE)
_LOWER_ARTICLE = re.compile(r"^(?:le |la |les |l['’])")

_PARTNERSHIP = r"en\s+(?:partenariat|lien|collaboration|association)\s+avec"
# a comma, ";" or "et" separates two organisers only where a name starts after it — a capital
# letter, a digit or an article: not ", du travail et des solidarités" inside one body's name;
# "et" is a word of its own, never inside a hyphenated name ("Ille-et-Vilaine")
_NAME_STARTS = r"(?=\s*(?:(?:le|la|les)\s|l['’]|(?-i:[A-ZÀ-ÖØ-Þ0-9])))"
_SEPARATOR = re.compile(rf"\s*(?:,?\s*\b{_PARTNERSHIP}\b|,?\s*\bavec\b|,{_NAME_STARTS}|;{_NAME_STARTS}|\s/\s|&|\+|"
                        rf"(?<![\w-])et(?![\w-]){_NAME_STARTS})\s*", re.IGNORECASE)
_PARENS = re.compile(r"\([^()]*\)")
_ORGANISING = re.compile(
    rf"(?:\b(?:co-?)?(?:organis|propos|anim)[ée]e?s?\s+(?:par|avec)|\b{_PARTNERSHIP}|"
    r"\bavec(?=\s+(?:le|la|les|l['’])\s*(?:lab|labo|laboratoire)s?\b))"
    r"\s+(?P<who>[^.!?;\n]+)", re.IGNORECASE)


def creation_year(text: str) -> int | None:
    """The year a lab was created, from the text its sheet gives for it: after a creation
    word ("Créée en 2017", "Depuis 2021"), else the one year the text holds ("2021" under
    "Date de création"); None when there is none, or several without a creation word."""
    match = _CREATED_YEAR.search(text)
    if match:
        return int(match.group(1))
    years = set(_ANY_YEAR.findall(text))
    return int(years.pop()) if len(years) == 1 else None


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("@", "a"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=8192)
def name_key(text: str | None) -> str:
    """The key two spellings of one lab name share ("" for no name). Cached: the organiser
    parser keys every run of words of an organiser line (``parsers.places.organiser``)."""
    folded = _LEADING_ARTICLE.sub("", _fold(text or ""))
    folded = _NUMBER_WORD.sub(lambda m: str(_NUMBERS.index(m.group(1))), folded)
    return _NON_ALNUM.sub("", folded)


def former_names(text: str | None) -> list[str]:
    """The names a sheet says the lab had before, as written ("anciennement Lab Estuaire")."""
    found = []
    for match in _FORMER.finditer(text or ""):
        name = _LOWER_ARTICLE.sub("", match.group("name").strip())
        if name_key(name) and name not in found:
            found.append(name)
    return found


def co_organisers(text: str | None) -> list[str]:
    """The organisers an organiser line lists, in order ("Région Bretagne, en partenariat
    avec le Ti Lab" → ["Région Bretagne", "le Ti Lab"])."""
    if not text:
        return []
    kept: list[str] = []

    def hide(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    masked = _PARENS.sub(hide, text)
    parts = (re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], p) for p in _SEPARATOR.split(masked))
    return [p.strip(" -–—:") for p in parts if p and p.strip(" -–—:")]


def organiser_phrases(text: str | None) -> list[str]:
    """What a description names as organisers ("Cet atelier est proposé par le Ti Lab." →
    ["le Ti Lab"]), each phrase up to the end of its sentence."""
    return [m.group("who").strip() for m in _ORGANISING.finditer(text or "")]
