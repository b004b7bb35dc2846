"""French dates and times of events: ``parse_when`` and ``parse_stamps``.

    parse_when("les 19 et 20 novembre 2016 de 9h à 17h")   # two slots, 9h–17h each
    parse_when("Le lundi 07/11 de 9h30 à 16h", year=2022)     # 2022-11-07 09:30–16:00 Paris

Pure: no clock, no I/O at call time; "today", the edition year and the zone are keyword
arguments. Times are local (``tz``, Europe/Paris by default) and built with zoneinfo.

Reading rules (a careful human reader, never a silent guess — in doubt, ``None``):

- Values: all-day values are ``datetime.date`` (a single day gives start = end = that day);
  timed values are aware datetimes in ``tz``; a lone time gives end None ("à 14h").
- Dates: "16 novembre 2021", "mardi 16 nov. 2021", "1er", "16/11/2021", "16/11", "16.11.21",
  "20.12.18" (dd.mm.yy, two-digit years are 20yy), "16 11 2021", ISO (with time and offset),
  number words ("le premier novembre", "vingt-deux novembre"). "sept." is September.
- Times: "14h", "14h30", "14 h 30", "14:30", "14 heures", "midi", "minuit" (an end at
  "minuit" or "0h" is the next midnight); ranges "de 14h à 16h30", "14h-16h", "9h30/12h30",
  "entre 14h et 16h"; several slots "9h30-12h et 14h-17h". An end before its start is read
  overnight only from the afternoon to before 6h ("de 22h à 2h"); otherwise the end is
  dropped with a warning. A time followed by "de <noun>", after "durée :"/"pendant", or
  alone in brackets after a slot ("(1h30)") is a duration and is ignored with a warning
  ("2h45 de route"). A time in brackets when the date already has one is an aside and is
  ignored with a warning ("18h30 (ouverture des portes à 18h)"). "24h/24" is not a time.
  Times without any date give None (no "today" is invented).
- Ranges and lists: "du 2 au 30 novembre", "du lundi 15 au dimanche 21 novembre", "Du
  02/11 au 30/11", "16-17 novembre", "entre le 16 et le 18": one slot (all-day values are
  dates, end = last day, inclusive). "les 19 et 20 novembre", "le 25 et le 26": one slot
  per day. Times written once apply to each day ("les 19 et 20 novembre de 9h à 17h" → two
  slots 9–17; start = first slot start, end = last slot end); times at both ends of a
  range make one continuous slot. "le 16 ou le 17" is an alternative → None. "du lundi au
  vendredi 19 novembre": the bare weekday is the one before the end date. "tous les jeudis
  de novembre", "chaque mardi du 2 au 30": one slot per such weekday. "semaine du 15
  novembre" runs from that day to the Sunday of its week.
- Changes: "reporté au", "nouvelle date :" replace the dates before them; the date after
  "initialement prévu le" / "au lieu du" is dropped (each with a warning).
- Months: "novembre 2021", "tout le mois de novembre" → the whole month. "fin novembre",
  "début", "mi-", "courant", "vers", "avant", "après" + a date → None: no day can be
  justified, and the edition month is already known to callers.
- Open bounds: "à partir du 16 novembre" → start only; "jusqu'au 30 novembre" → end only
  (start None).
- Years: see parsers.dates.resolve — next/previous written year (across a year end "du 28
  décembre au 3 janvier 2022" → 28 Dec 2021), then a year standing alone in the text, then
  ``year``, the candidate of ``years`` that fits the weekdays, then the year putting the
  date nearest to ``today`` ("le 3 janvier" read on 26 Nov 2026 → 2027); else None.
  A weekday that does not fit the date keeps the date and adds a warning.
- Relative words ("demain", "lundi prochain", "le 28 septembre dernier", "ce soir") need
  ``today``; "<weekday> prochain" is the next one strictly after today, "dernier" the last
  one strictly before, "ce <weekday>" the next one from today on.
  Placeholders ("l'année N+1") and vague periods ("la semaine prochaine") → None.
- Stamps "Publiée le … · Mise à jour le …": ``parse_when`` returns the publication date;
  ``parse_stamps`` returns both.
- Text longer than 1000 characters is not a date text → None. Non-str text → TypeError
  (callers check for a missing text themselves); a bad year/today/tz → TypeError/ValueError.
- ``When.unparsed_rest`` keeps the words the rules did not use (for review);
  ``When.method`` is "rules" or "fallback".
- The long tail (no date found by the rules but digits present) goes to dateparser,
  imported lazily, with day and month required (and year unless the context gives one).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from parsers.dates import fallback
from parsers.dates.grammar import read
from parsers.dates.lexer import normalise, tokenize
from parsers.dates.model import Stamps, Value, When
from parsers.dates.resolve import Unreadable, resolve_days
from parsers.dates.slots import bounds, build_slots

__all__ = ["Stamps", "When", "parse_stamps", "parse_when"]

MAX_TEXT = 1000
_STAMP = re.compile(
    r"(?:(?P<pub>publiee?s?|mise?\s+en\s+ligne|creee?|date\s+de\s+publication)"
    r"|(?P<upd>(?:date\s+de\s+)?(?:la\s+)?(?:derniere\s+)?mise?\s+a\s+jour|modifiee?"
    r"|actualisee?|date\s+de\s+modification))(?:\s+le|\s*:)"
)


_PARIS = ZoneInfo("Europe/Paris")


def _check(text: object, year: object, today: object, tz: object,
           years: tuple[object, ...] | None) -> ZoneInfo:
    if type(text) is str and years is None and tz == "Europe/Paris" and (
        today is None or type(today) is dt.date) and (
        year is None or (type(year) is int and 1900 <= year <= 2200)
    ):
        return _PARIS  # the usual call, checked in one go
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    for name, value in (("year", year), *(("years[]", y) for y in years or ())):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise TypeError(f"{name} must be int, not {type(value).__name__}")
        if isinstance(value, int) and not 1900 <= value <= 2200:
            raise ValueError(f"{name} out of range: {value}")
    if today is not None and not isinstance(today, dt.date):
        raise TypeError(f"today must be a date, not {type(today).__name__}")
    if not isinstance(tz, str):
        raise TypeError(f"tz must be a zone name, not {type(tz).__name__}")
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {tz!r}") from exc


def parse_when(text: str, *, year: int | None = None, today: dt.date | None = None,
               tz: str = "Europe/Paris", years: Iterable[int] | None = None) -> When | None:
    """Read a French date/time text; None when it cannot be read without guessing."""
    context = tuple(years) if years is not None else None
    zone = _check(text, year, today, tz, context)
    if isinstance(today, dt.datetime):
        today = today.astimezone(zone).date() if today.tzinfo else today.date()
    if not text.strip() or len(text) > MAX_TEXT:
        return None
    norm = normalise(text)
    stamp = _STAMP.search(norm) if _may_be_stamp(norm) else None
    if stamp:
        norm = _stamp_segment(norm, stamp)
    return _read(norm, year=year, years=context, today=today, zone=zone)


def _read(norm: str, *, year: int | None, years: tuple[int, ...] | None, today: dt.date | None,
          zone: ZoneInfo) -> When | None:
    reading = read(tokenize(norm))
    if reading.abort:
        return None
    if not reading.atoms:
        return fallback.parse(norm, reading, year=year, today=today, zone=zone)
    try:
        spans = resolve_days(reading, year=year, years=years, today=today)
        slots = build_slots(reading.atoms, spans, zone, reading.warnings, reading.weekly)
    except (Unreadable, ValueError, OverflowError):   # e.g. an ISO "T25:00": no such time
        return None
    start, end = bounds(slots)
    all_day = not isinstance(start if start is not None else end, dt.datetime)
    return When(start, end, all_day, tuple(slots), tuple(reading.warnings), "rules",
                " ".join(reading.rest))


def _may_be_stamp(norm: str) -> bool:
    return "publi" in norm or "jour" in norm or "modifi" in norm or "ligne" in norm or (
        "cree" in norm or "actualis" in norm)


def _stamp_segment(norm: str, first: re.Match[str]) -> str:
    following = _STAMP.search(norm, first.end())
    return norm[first.end(): following.start() if following else len(norm)]


def parse_stamps(text: str, *, tz: str = "Europe/Paris") -> Stamps:
    """Publication and update dates of a "Publiée le … · Mise à jour le …" line."""
    zone = _check(text, None, None, tz, None)
    found: dict[str, Value | None] = {"pub": None, "upd": None}
    if len(text) > MAX_TEXT:
        return Stamps(None, None)
    norm = normalise(text)
    for match in _STAMP.finditer(norm):
        key = match.lastgroup or ""
        if found.get(key, 0) is None:
            when = _read(_stamp_segment(norm, match), year=None, years=None, today=None, zone=zone)
            found[key] = when.start if when is not None else None
    return Stamps(found["pub"], found["upd"])
