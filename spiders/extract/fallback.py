"""Last resort: the first date-like or place-like line of the main content.

Only texts are recognised here (nothing is normalised): a line with a French day and
month (in digits or words, either order), a month with its year or "en"/"courant"/"fin"
before it, a numeric date, letter-spaced capitals or a time range; a line with a postcode
or an online/hybrid word.
"""

from __future__ import annotations

import re

from parsers.places.attendance import mentions_attendance
from parsers.places.text import fold
from spiders.extract.vocab import starts_with_label

MONTHS = r"(?:janv|f[ée]vr|mars|avr|mai|juin|juil|ao[uû]t|sept|oct|nov|d[ée]c)[a-zéû]*\.?"
DAY_WORDS = (r"(?:premier|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze"
              r"|quinze|seize|vingt|trente)(?:[\s-]+(?:et[\s-]+)?(?:un|deux|trois|quatre|cinq|six"
              r"|sept|huit|neuf))?")
DATE_LIKE = re.compile(
    rf"\b\d{{1,2}}(?:er)?\s+{MONTHS}"           # 7 novembre, 1er déc.
    rf"|\b{DAY_WORDS}\s+{MONTHS}"                # le quatorze novembre
    rf"|\b{MONTHS}\s+\d{{1,2}}(?:er)?\b"         # novembre 18 au 19, Nov. 18-19
    rf"|\b(?:(?:en|courant|d[ée]but|fin)\s+|mi-?){MONTHS}|\b{MONTHS}\s+\d{{4}}\b"  # en novembre, novembre 2024
    r"|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"         # 07/11, 16/11/2021
    r"|\b(?:0?[1-9]|1[0-2])/\d{4}\b"              # 11/2024
    r"|\b\d{1,2}\.\d{1,2}\.\d{2,4}\b"            # 20.12.18
    r"|\b\d{4}-\d{2}-\d{2}\b"                    # ISO
    r"|(?-i:\b(?:[A-Z0-9]\s{1,2}){4,}[A-Z0-9]\b)"  # letter-spaced: N O V E M B R E
    r"|\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b.{0,40}\b\d{1,2}\s*h",
    re.I,
)
STAMP = re.compile(r"^\s*(?:publi[ée]+e?s?|mis[e]? [àa] jour|mis[e]? en ligne|modifi[ée]+e?|post[ée]+e?|r[ée]dig[ée]+e?"
                   r"|derni[èe]re (?:mise [àa] jour|modification)|article (?:du|publi)"
                   r"|date de (?:publication|mise [àa] jour|(?:derni[èe]re )?modification))\b", re.I)
# A <time> or date attribute that stamps the page, not the event: its class, itemprop or an
# ancestor's says publication or update (WordPress "entry-date published", schema.org datePublished).
STAMP_MARK = re.compile(r"publi|modifi|updated|\bchanged|created|submitted|post-?date|entry-date|byline|"
                        r"post-meta|article-date|date-?published|date-?modified|node__meta|dateCreated", re.I)
# A date that closes registration, not the event's ("Inscriptions jusqu'au 8 novembre").
DEADLINE = re.compile(r"inscri\w*\s+(?:jusqu|avant)|date limite|cl[oô]ture", re.I)
# A time of day in a date text ("9h30", "09:30", ISO "T09:30").
HAS_TIME = re.compile(r"\d{1,2}\s*h\b|\d{1,2}\s*h\s*\d{2}|\d{1,2}:\d{2}", re.I)
# A line that is a numeric date and nothing else ("02/10/2024", "02.10.2024", "2024-10-02")
NUMERIC_DATE_ONLY = re.compile(r"^\W*(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2})\W*$")
# A line that holds hours and nothing else ("de 9h30 à 16h", "14h - 17h30", "10:00–12:00"), a note
# in brackets after them at most ("de 16 h à 18 h (accueil dès 15 h 45)", "(mis à jour le 21 novembre)")
_CLOCK = r"(?:\d{1,2}\s*[hH]\s*(?:\d{2})?|\d{1,2}:\d{2}|midi)"
HOURS_ONLY = re.compile(rf"^(?:de\s+|à\s+|dès\s+)?{_CLOCK}(?:\s*(?:à|-|–|—|jusqu'à)\s*{_CLOCK})?"
                        r"(?:\s*\([^()]{1,80}\))?\.?$", re.I)
PLACE_LIKE = re.compile(
    r"\b(?:F-?)?\d{5}\s+\w"                          # 75015 Paris
    r"|(?:^|[\s(\[])(?:en ligne|en distanciel|distanciel|visioconf[ée]rence|hybride|en pr[ée]sentiel|[àa] distance)\b",
    re.I,
)
# A line that names where: a postcode, a département number in brackets, "à Nantes"
# or a place name in brackets after a venue ("Médiathèque (Vannes)"; not an acronym: "(DINUM)")
LOCATED = re.compile(r"\b(?:F-?)?\d{5}\s+\w|\((?:\d{2,3}|2[AB]|\d{5})\)|"
                     r"(?:^|[,:;]\s|\s[–-]\s)(?:[àa]|au|aux)\s+[A-ZÀ-Ý][\w'’-]+|"
                     r"\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|pl\.|all[ée]e|quai|cours|"
                     r"chemin|impasse|route|parvis|square|esplanade)\s|"     # a street address
                     r"\S\s\([A-ZÀ-Ý][a-zà-ÿ'’]+(?:[ -]+[\w'’]+)*\)\s*$")
# A line that is a venue's name and nothing else ("Amphithéâtre de la préfecture", "Préfecture
# d'Ille-et-Vilaine", "Salle du conseil"): a building or room noun first, no sentence, no label
VENUE_LINE = re.compile(
    r"^(?:salle|amphith[ée][âa]tre|amphi|auditorium|(?:sous-)?pr[ée]fecture|mairie|h[ôo]tel de (?:ville|r[ée]gion|"
    r"d[ée]partement)|m[ée]diath[èe]que|biblioth[èe]que|maison|cit[ée] administrative|centre|espace|tiers-lieu|"
    r"campus|archives|palais|th[ée][âa]tre)\b[^:!?]{0,70}$", re.I)
# Words that say how one attends, not where ("Hybride", "En présentiel", "100 % en ligne")
_MODE = (r"(?:100\s?%\s)?(?:en ligne|en distanciel|distanciel|[àa] distance|hybride|en hybride|en pr[ée]sentiel|"
         r"pr[ée]sentiel|sur place|en visio(?:conf[ée]rence)?|webinaire en ligne|format hybride)")
ATTENDANCE_WORD = re.compile(_MODE, re.I)
_ONLY = r"(?:enti[èe]rement|uniquement|exclusivement|seulement|[ée]galement|aussi)"
ATTENDANCE_ONLY = re.compile(rf"^\W*(?:{_ONLY}\s+)?{_MODE}(?:\s*(?:et|ou|/|,|\+|&)\s*{_MODE})*(?:\s+{_ONLY})?\W*$", re.I)


def says_attendance(text: str) -> bool:
    """Whether a text says how one attends, in the place parser's own words ("Classe virtuelle",
    "En live sur LinkedIn", "Événement dématérialisé", "Hybride", "Sur place"): one vocabulary
    for the spider that finds the text and the parser that reads it."""
    return len(text) <= _MAX_MODE and mentions_attendance(fold(text))


def states_attendance(text: str) -> bool:
    """A line that says how one attends, the word "webinaire" not counting: it names a kind of
    event (a format, a tag, "Un webinaire pour découvrir …"), not the way in."""
    return says_attendance(_FORMAT_NOUN.sub(" ", text))


def attendance_only(text: str) -> bool:
    """A short text that says how one attends and names no place ("Webinaire" alone is the kind
    of event, a format)."""
    if ATTENDANCE_ONLY.match(text):
        return True
    return states_attendance(text) and not (LOCATED.search(text) or _DIGITS.search(text))


_MAX_MODE = 140
_FORMAT_NOUN = re.compile(r"\bweb(?:inaire|inar)s?\b", re.I)
_DIGITS = re.compile(r"\d{2}")
ACCESS_LIKE = re.compile(
    r"entr[ée]e (?:libre|gratuite)|sur inscription|sans inscription|inscriptions? (?:obligatoires?|gratuites?)"
    r"|accessible aux personnes|gratuit\b|ouvert [àa] tou[st]\b|places limit[ée]es",
    re.I,
)
# A line that is an event's status ("Annulé", "Reporté", "COMPLET"), with a badge or two beside it
STATUS_ONLY = re.compile(r"^\W*(?:annul[ée]+e?s?|report[ée]+e?s?|complet|compl[èe]te|d[ée]programm[ée]+e?)\b"
                         r"(?:\W+\w+){0,3}\W*$", re.I)
# A line that states this event's cancellation in a sentence: a status word opening the line
# before a dash or colon ("ANNULÉ – en raison des intempéries"), or this event (a
# demonstrative, or the event at the sentence's start) said cancelled or not taking place
# ("Nous sommes au regret de vous informer que cet atelier est annulé", "Important : cette
# rencontre n'aura pas lieu"). "En cas de pluie, l'atelier sera annulé" says no such thing.
# "n'aura pas lieu" that ends the clause (not "… en présentiel", "… comme prévu": it happens otherwise)
NOT_TAKING_PLACE_END = r"\s*(?:[.!,;)]|$|en raison|pour cause|faute|suite)"
_THIS_EVENT = (r"(?:cet|cette|ce)\s+(?:[ée]v[èée]nement|atelier|rencontre|conf[ée]rence|webinaire|s[ée]ance|session|"
               r"manifestation|animation|visite|r[ée]union|formation|s[ée]minaire|journ[ée]e|matin[ée]e|forum|"
               r"d[ée]bat|hackathon|table[- ]ronde|temps d.[ée]change|[ée]change|sprint|live|d[ée]jeuner|petit[- ]d[ée]jeuner)")
STATUS_STATED = re.compile(
    r"^\W*(?:annul[ée]+e?s?|d[ée]programm[ée]+e?s?)\s*[–—:!-]"
    rf"|\b{_THIS_EVENT}\s+(?:est|a\s+[ée]t[ée])\s+(?:malheureusement\s+|d[ée]finitivement\s+)?annul[ée]+e?\b"
    rf"|\b{_THIS_EVENT}\s+(?:\w+\s+)?n.aura\s+(?:malheureusement\s+)?pas\s+lieu{NOT_TAKING_PLACE_END}"
    r"|^\W*(?:(?:attention|important|information|avis)\s*:\s*)?(?:l.|le\s+|la\s+)(?:[ée]v[èée]nement|atelier|rencontre|"
    r"conf[ée]rence|webinaire|s[ée]ance|session)\s+(?:est|a\s+[ée]t[ée])\s+annul[ée]+e?\b",
    re.I,
)
# The 2021 parcours all start this way (see the reference).
PARCOURS_LIKE = re.compile(r"^(?:parcours\s*:?\s*)?l.innovation (?:au service|pour des services)", re.I)
_MAX_LINE = 200


_CLAUSES = re.compile(r"[.;·|]\s+|\s[–—-]\s")


def deadline_only(line: str) -> bool:
    """A line whose dates all close registration ("Inscriptions avant le 8 novembre"); one that
    gives the event's date too ("Inscriptions avant le 8 novembre. Le 14 novembre, 9h") is not."""
    if not DEADLINE.search(line):
        return False
    return all(DEADLINE.search(c) for c in _CLAUSES.split(line) if DATE_LIKE.search(c))


def first_line(lines: list[str], pattern: re.Pattern, *, skip: set[str] = frozenset(),
               max_len: int = _MAX_LINE, timed: bool = False) -> str | None:
    """The first short line matching ``pattern`` (and with a time of day, ``timed``) that is
    no page stamp, no registration deadline alone and not in ``skip``."""
    for line in lines:     # the pattern first: it turns away most lines, and cheaply
        if len(line) <= max_len and pattern.search(line) and line not in skip and not STAMP.match(line) \
                and not deadline_only(line) and (not timed or HAS_TIME.search(line)):
            return line
    return None


def first_match(lines: list[str], test, *, skip: set[str] = frozenset()) -> str | None:
    """The first short line ``test`` accepts that is no stamp, deadline nor skipped line."""
    for line in lines:
        if len(line) <= _MAX_LINE and line not in skip and not STAMP.match(line) and not DEADLINE.search(line) \
                and test(line):
            return line
    return None


def stamp_lines(lines: list[str]) -> str | None:
    """"Publiée le … · Mise à jour le …" as written (several stamp lines joined by " · ")."""
    found = [line for line in lines if len(line) <= _MAX_LINE and STAMP.match(line)]
    return " · ".join(dict.fromkeys(found)) or None


# "Cet atelier est organisé par X.", "Une rencontre proposée par X, …": who organises, in the text
# (the name goes on over a co-organiser named after it: "X, en partenariat avec la Région Y"; a
# comma before other lower-case words ends it: "X, cet atelier …", "X, avec ses agents")
SENTENCE_GOES_ON = (r"[,;]\s+(?=[a-zà-ÿ])(?!(?:en partenariat avec|en lien avec|en collaboration avec|avec|et|ainsi que)"
                    r"\s+(?:(?:le|la|les|l'|l’|du|des)\s*)?[A-ZÀ-Ý])")
_ORGANISED_BY = re.compile(r"\b(?i:(?:co-?)?(?:organis|propos|port)[ée]+e?s?\s+par)\s+"
                           rf"(?P<who>[^;:!?]{{2,140}}?)\s*(?={SENTENCE_GOES_ON}|[;:!?]|\.(?:\s|$)|$)")


# "La DDTM du Var organise un atelier …", "La préfecture de région vous invite à …": who organises
# as the subject of a sentence — an article, then a name (a capital, an acronym) or an institution's
# noun; never the event itself ("Le Mois de l'innovation publique vous invite …", "Cet atelier propose")
_INSTITUTION = (r"(?:sous-)?pr[ée]fecture|direction|minist[èe]re|ville|mairie|commune|d[ée]partement|r[ée]gion|"
                r"conseil|agence|lab|laboratoire|mission|d[ée]l[ée]gation|rectorat|acad[ée]mie|caisse|"
                r"communaut[ée]|m[ée]tropole|universit[ée]|institut|[ée]quipe|collectivit[ée]|r[ée]seau")
_EVENT_NOUN = (r"mois|semaine|festival|journ[ée]e|[ée]v[ée]nement|atelier|rencontre|webinaire|conf[ée]rence|"
               r"s[ée]ance|session|programme|formation|[ée]dition")
_ORGANISES = re.compile(
    rf"(?:^|[.!?]\s+|,\s+)(?P<who>(?i:le|la|les|l['’])\s*(?!(?i:{_EVENT_NOUN})\b)"
    rf"(?:[A-ZÀ-Ý]|(?i:{_INSTITUTION})\b)[^,.;:!?]{{0,100}}?)"
    r"\s+(?:vous\s+|nous\s+)?(?i:co-?)?(?:organise|invite|propose)(?:nt)?\b")


def organiser_phrase(lines: list[str]) -> str | None:
    """The organiser a sentence names ("… organisé par la DITP.", "La DDTM du Var organise …"),
    in the first such line."""
    for line in lines:
        if len(line) > _MAX_LINE * 2 or STAMP.match(line):
            continue
        m = _ORGANISED_BY.search(line) or _ORGANISES.search(line)
        if m:
            return m.group("who").strip()
    return None


# "Il se tiendra à l'adresse suivante : 12 rue …", "L'événement se déroulera à Nantes.": the place
# a sentence gives after a verb of place (after its colon, else from its preposition on)
_PLACE_VERB = (r"(?:se tiendr\w*|se d[ée]roul\w*|aura lieu|a lieu|vous accueill\w*|nous accueill\w*|"
               r"adresse du rendez-vous|au lieu suivant|[àa] l.adresse suivante)")
_PLACE_AFTER_COLON = re.compile(rf"(?i:\b{_PLACE_VERB})[^:.]*?\s?:\s+(?P<place>\S.+?)\s*\.?$")
_PLACE_AFTER_VERB = re.compile(rf"(?i:\b{_PLACE_VERB})\s+(?P<place>(?i:[àa]|au|aux|en|dans|sur)\s.+?)\s*[.!]?$")


def place_phrases(lines: list[str], *, skip: set[str] = frozenset()):
    """The places the sentences of the text name, in order (lines that say when are skipped)."""
    for line in lines:
        if len(line) > _MAX_LINE * 2 or line in skip or STAMP.match(line):
            continue
        by_verb, by_colon = _PLACE_AFTER_VERB.search(line), _PLACE_AFTER_COLON.search(line)
        # after a colon ("à l'adresse suivante : 12 rue …"), unless only a link follows it
        m = by_verb if by_verb and (by_colon is None or _URL_ONLY.match(by_colon.group("place"))) else by_colon
        if m and (PLACE_LIKE.search(" " + m.group("place")) or not DATE_LIKE.search(m.group("place"))):
            yield m.group("place")


_URL_ONLY = re.compile(r"^https?://\S+$")


def located_line(lines: list[str], *, skip: set[str] = frozenset()) -> str | None:
    """The first line that names a place, with the line before it when that one only says how
    one attends ("Hybride" over "Pôle numérique (Surgères)")."""
    for i, line in enumerate(lines):
        if len(line) > _MAX_LINE or line in skip or STAMP.match(line) or DEADLINE.search(line):
            continue
        if LOCATED.search(line):
            before = lines[i - 1] if i else ""
            found = [before] if before and ATTENDANCE_ONLY.match(before) else []
            found.append(line)
            for nxt in lines[i + 1:i + 3]:     # "39 boulevard Foch" then "94550 Chevilly-Larue"
                if _POSTCODE.search(", ".join(found)) or not _ADDRESS_LINE.match(nxt) or DATE_LIKE.search(nxt) \
                        or nxt in skip or starts_with_label(nxt):
                    break     # (another field: its label, or its value)
                found.append(nxt)
            return ", ".join(found)
    return None


_POSTCODE = re.compile(r"\b\d{5}\b")
# a line that may go on an address: short, no colon, no sentence
_ADDRESS_LINE = re.compile(r"^[^:.!?]{2,60}$")
