"""Cut normalised French date text (parsers.dates.normal) into tokens for the grammar.

`tokenize` yields `Token`s; anything it does not know becomes a WORD (kept for
`When.unparsed_rest`) or is skipped (spaces). Every token keeps where it ends in the
normalised text, so that the part of the text read can be given back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from parsers.zones import PLACE_ZONES, zone_of_words

MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9, "octobre": 10, "oct": 10, "novembre": 11,
    "nov": 11, "decembre": 12, "dec": 12, "aou": 8,
    # English names, met in pages and feeds ("Nov 14, 2024", "14 November 2024"); "mar" stays
    # mardi's abbreviation
    "january": 1, "february": 2, "feb": 2, "march": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "october": 10, "november": 11, "december": 12,
}
WEEKDAYS = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
}
WEEKDAY_NAMES = tuple(WEEKDAYS)
WEEKDAYS.update({"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
                 "saturday": 5, "sunday": 6})
_WEEKDAY_ABBR = {"lun": 0, "mar": 1, "mer": 2, "jeu": 3, "ven": 4, "sam": 5, "dim": 6,
                 "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


_PLACES = "|".join(sorted((k.replace(" ", r"[\s-]+") for k in PLACE_ZONES), key=len, reverse=True))

# Each match swallows the spaces before its token, so the scan never stops on a space.
_TOKEN = re.compile(
    r"""[ ]*(?:
    (?=\d)(?:(?=\d{4}[-/.]\d)(?P<iso>(?:(?<![\d/.])|(?<=\d\d[-.:]\d\d/))(?P<iy>(?:19|20)\d\d)(?P<isep>[-/.])(?P<im>\d\d?)(?P=isep)(?P<id>\d\d?)
        (?:(?:(?P<it>t)\s*|\s+)(?P<ih>\d\d?):(?P<imi>\d\d)(?P<isec>:\d\d(?:[.,]\d+)?)?
        (?P<ioff>z|(?(it)[+-]\d\d:?\d\d|(?(isec)[+-]\d\d:?\d\d|(?!))))?)?(?![\d.]|/(?!(?:19|20)\d\d[-.]\d)))
    |(?=\d\d?[/.-](?:19|20)\d\d(?!\d))(?P<monthyear>(?<![\d/.])(?P<mym>0?[1-9]|1[0-2])[/.-](?P<myy>(?:19|20)\d\d)(?![\d/.]\d))
    |(?=\d\d?[/.-]\d)(?P<numdate>(?<![\d/.,])(?:(?P<nd>\d\d?)/(?P<nm>\d\d?)(?:/(?P<ny>\d{4}|\d\d))?
        |(?P<nd2>\d\d?)(?P<nsep>[.-])(?P<nm2>\d\d?)(?P=nsep)(?P<ny2>\d{4}|\d\d)
        |(?<!\ba[ ])(?<!\bde[ ])(?<!\bvers[ ])(?<!\bet[ ])(?P<nd3>\d\d?)\.(?P<nm3>0?[1-9]|1[0-2]))(?![\d/.]\d|\d|\s*h\b))
    |(?=\d\d?\s\d)(?P<spacedate>(?<!\d)(?P<sd>\d\d?)\s(?P<sm>\d\d?)\s(?P<sy>(?:19|20)\d\d)(?!\d))
    |(?=\d\d?\s*[h:])(?P<trange>(?<![\d:.,])
        (?P<ra>\d\d?)(?:\s*(?:heures?|hrs?|h)(?:\s*(?P<ram>\d\d)(?!\d))?|:(?P<rac>\d\d))
        \s*(?:-|a|au|/|jusqu'?\s*a)\s*
        (?P<rb>\d\d?)(?:\s*(?:heures?|hrs?|h)(?:\s*(?P<rbm>\d\d)(?!\d))?|:(?P<rbc>\d\d))
        (?![a-z\d:]))
    |(?=24|7)(?P<roundclock>24\s*h\s*/\s*24|7\s*j\s*/\s*7)
    |(?=\d\d?\s*h)(?P<time>(?<![\d:.,])(?P<th>\d\d?)\s*(?:heures?|hrs?|h)
        (?:\s*(?P<tm>\d\d)(?!\d)(?:\s*(?:minutes?|mn|min)\b)?
        |\s+(?P<tq>et\s+demie?|et\s+quart|moins\s+(?:le\s+)?quart)(?![a-z]))?(?![a-z\d]))
    |(?=\d\d?[:.])(?P<clock>(?<![\d:/.,])(?:(?P<ch>\d\d?):(?P<cm>\d\d)(?::\d\d)?(?![\d:])
        |(?P<cdh>\d\d?)\.(?P<cdm>00|15|30|45)(?![\d.,])
        |(?:(?<=\ba[ ])|(?<=\bde[ ])|(?<=\bvers[ ])|(?<=\bet[ ]))(?P<cth>\d\d?)\.(?P<ctm>[0-5]\d)(?![\d.,])))
    |(?P<year>(?<!\d)(?:19|20)\d\d(?!\d))
    |(?P<num>(?<![\d])(?P<nv>\d\d?)(?:er|re|eme|e|st|nd|rd|th)?(?![\d]))
    |(?P<digits>\d+))
    |(?=[a-z])(?:(?=[hgu])(?P<zone>(?:heures?|h)\s+(?:(?:de|du|des|en)\s+|d'\s*)?(?:(?:la|le)\s+|l'\s*)?
        (?:locale|antillaise|guyanaise|hexagonale|{places})(?![a-z])
        |(?:utc|gmt)(?:\s*(?P<zsign>[+-])\s*(?P<zh>\d\d?)(?::?(?P<zm>\d\d))?)?(?![a-z\d])
        |hnc(?![a-z]))
    |(?=[ajdmn])(?:(?P<phrase>apres[-\s]?midi|aujourd'?\s*hui|apres[-\s]demain|avant[-\s]hier
        |jusqu'?\s*(?:au|aux|a|en)(?![a-z])|a\s+(?:partir|compter)\s+(?:du|de|d')|des\s+le(?![a-z])
        |mise?\s+a\s+jour|mis\s+en\s+ligne)
    |(?P<noon>midi(?:\s*(?:et\s*)?(?P<half>demie?|30|quart|15))?(?![a-z]))
    |(?P<placeholder>n\s*\+\s*\d|annee\s+prochaine|annee\s+suivante))
    |(?P<alpha>[a-z]+'?)\.?)
    |(?P<dash>-)
    |(?P<punct>[,;:()\[\]&+/.!?|])
    |(?P<other>\S))
    """.replace("{places}", _PLACES),
    re.VERBOSE,
)


class Token(NamedTuple):
    kind: str            # iso numdate monthyear spacedate time zone month weekday year num word…
    text: str            # the normalised text of the token
    value: tuple[Any, ...]  # kind-specific numbers (day, month, year…, or hour, minute)
    end: int             # where the token ends in the normalised text


def _iso(m: re.Match[str]) -> tuple[Any, ...]:
    year, month, day, hour, minute, offset = m.group("iy", "im", "id", "ih", "imi", "ioff")
    clock = (int(hour), int(minute)) if hour else None
    return (int(year), int(month), int(day), clock, offset)


def _numdate(m: re.Match[str]) -> tuple[Any, ...]:
    """(day, month, year or None, True when the year has two digits)."""
    day, month, year = m.group("nd", "nm", "ny")
    if day is None:
        day, month, year = m.group("nd2", "nm2", "ny2")
    if day is None:
        day, month, year = (*m.group("nd3", "nm3"), None)
    return (int(day), int(month), int(year) if year else None, year is not None and len(year) == 2)


def _zone(m: re.Match[str]) -> tuple[Any, ...]:
    """The clock a zone phrase names: an IANA key, "+HH:MM", or "local" (the venue's)."""
    sign, hours, minutes = m.group("zsign", "zh", "zm")
    text = m.group("zone")
    if text.startswith(("utc", "gmt")):
        return (f"{sign or '+'}{int(hours or 0):02d}:{minutes or '00'}",)
    if text == "hnc":
        return ("Pacific/Noumea",)
    for word, zone in _ZONE_ADJECTIVES.items():
        if text.endswith(word):
            return (zone,)
    return (zone_of_words(text),)


def _clock(m: re.Match[str]) -> tuple[Any, ...]:
    """"14:30"; "14.30" (minutes 00/15/30/45 are never a month); "à 14.10" (after à, de…)."""
    for hour, minute in (("ch", "cm"), ("cdh", "cdm"), ("cth", "ctm")):
        if m.group(hour) is not None:
            return (int(m.group(hour)), int(m.group(minute)))
    raise AssertionError("a clock match without hours")


def _noon(m: re.Match[str]) -> tuple[Any, ...]:
    half = m.group("half")
    return (12, 0 if not half else 15 if half in ("quart", "15") else 30)


def _alpha(m: re.Match[str], text: str) -> tuple[str, str, tuple[Any, ...]]:
    """Kind, text and value of a single word: month, weekday, "minuit" or a plain word."""
    word = m.group("alpha")
    if word in MONTHS:
        return "month", word, (MONTHS[word],)
    if word in WEEKDAYS:
        return "weekday", word, (WEEKDAYS[word],)
    if word in _WEEKDAY_ABBR and text[m.end(): m.end() + 2].lstrip()[:1].isdigit():
        return "weekday", word, (_WEEKDAY_ABBR[word],)  # "mar. 16", not "mar" alone
    if word == "minuit":
        return "time", word, (0, 0)
    if word in _WEEKLY:
        return "weekly", word, (_WEEKLY[word],)
    return "word", word, ()


def _time(m: re.Match[str]) -> tuple[Any, ...]:
    """"14h30", "8 heures et demie" (8:30), "14h et quart", "14h moins le quart" (13:45)."""
    hour, quarter = int(m.group("th")), m.group("tq")
    if quarter is None:
        return (hour, int(m.group("tm") or 0))
    if quarter.startswith("moins"):
        return (hour - 1, 45) if hour else (23, 45)
    return (hour, 15 if quarter.endswith("quart") else 30)


def _trange(m: re.Match[str]) -> tuple[Any, ...]:
    """"14h30-16h" in one token: (start hour, start minute, end hour, end minute)."""
    ra, ram, rac, rb, rbm, rbc = m.group("ra", "ram", "rac", "rb", "rbm", "rbc")
    return (int(ra), int(ram or rac or 0), int(rb), int(rbm or rbc or 0))


_VALUE: dict[str, Callable[[re.Match[str]], tuple[Any, ...]]] = {
    "trange": _trange,
    "iso": _iso,
    "numdate": _numdate,
    "spacedate": lambda m: tuple(map(int, m.group("sd", "sm", "sy"))),
    "time": _time,
    "clock": _clock,
    "noon": _noon,
    "year": lambda m: (int(m.group("year")),),
    "monthyear": lambda m: (int(m.group("mym")), int(m.group("myy"))),
    "zone": _zone,
    "num": lambda m: (int(m.group("nv")),),
}


_ZONE_ADJECTIVES = {"locale": "local", "antillaise": "America/Martinique",
                    "guyanaise": "America/Cayenne", "hexagonale": "Europe/Paris"}


_WEEKLY = {f"{name}s": n for name, n in WEEKDAYS.items()}  # "tous les jeudis"
_SPECIAL_WORDS = {*MONTHS, *WEEKDAYS, *_WEEKDAY_ABBR, *_WEEKLY, "minuit"}
_KINDS = {"clock": "time", "noon": "time", "digits": "other", "roundclock": "other",
          "phrase": "word"}


def tokenize(text: str) -> list[Token]:
    """Tokens of already-normalised text, in order."""
    tokens = []
    new, values, kinds = tuple.__new__, _VALUE, _KINDS  # NamedTuple without its wrapper
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or ""
        if kind == "alpha":
            word = m.group("alpha")
            tokens.append(new(Token, ("word", word, (), m.end()) if word not in _SPECIAL_WORDS
                              else (*_alpha(m, text), m.end())))
            continue
        value = values.get(kind)
        tokens.append(new(Token, (kinds.get(kind, kind), m.group(kind), value(m) if value else (),
                                  m.end())))
    if "/" in text or _RETYPE_HINT.search(text) is not None:
        _retype(tokens)
    return tokens


_RETYPE_HINT = re.compile(r"[a-z][ .]+1[0-8]\d\d\b|(?:19|20)\d\d-[01]\d(?![\d-])")


def _year_month(tokens: list[Token], k: int) -> bool:
    """"2024-09" (ISO year and month), not the school year "2011-12"."""
    if k + 2 >= len(tokens) or tokens[k + 1].text != "-" or tokens[k + 2].kind != "num":
        return False
    year, month, end = tokens[k].value[0], tokens[k + 2].text, tokens[k + 2].end
    return (len(month) == 2 and 1 <= int(month) <= 12 and int(month) != (year + 1) % 100
            and tokens[k].end + 3 == end and (k + 3 == len(tokens) or tokens[k + 3].text != "-"))


_SMALL_WORDS = {"a", "au", "aux", "de", "du", "des", "et", "ou", "en", "le", "la", "les", "l'",
                "dans", "pour", "par", "sur", "vers", "on", "in", "at"}


def _retype(tokens: list[Token]) -> None:
    """Tokens read again beside their neighbours: "/" between two ISO dates is an interval
    ("2024-11-14/2024-11-16"); four digits after a month are its year even before 1900 ("14
    juillet 1789"); "2/3 décembre" is two days of that month, not the 2nd of March."""
    for k, tok in enumerate(tokens):
        before = tokens[k - 1].kind if k else ""
        after = tokens[k + 1].kind if k + 1 < len(tokens) else ""
        if tok.kind == "year" and _year_month(tokens, k):
            month = int(tokens[k + 2].text)
            tokens[k:k + 3] = [Token("monthyear", f"{tok.text}-{month:02d}", (month, tok.value[0]),
                                     tokens[k + 2].end)]
        elif tok.text == "/" and before == "iso" and after == "iso":
            tokens[k] = Token("word", "au", (), tok.end)
        elif tok.kind == "other" and before == "month" and len(tok.text) == 4 and tok.text[0] == "1" \
                and (after != "word" or tokens[k + 1].text in _SMALL_WORDS):   # not "1200 agents"
            tokens[k] = Token("year", tok.text, (int(tok.text),), tok.end)
        elif tok.kind == "numdate" and after == "month" and tok.value[2] is None and "/" in tok.text:
            day, other = tok.value[0], tok.value[1]
            cut = tok.end - len(tok.text) + tok.text.index("/")
            tokens[k:k + 1] = [Token("num", str(day), (day,), cut), Token("punct", "/", (), cut + 1),
                               Token("num", str(other), (other,), tok.end)]
