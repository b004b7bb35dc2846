"""French dates and times of events: ``parse_when``, ``read_when`` and ``parse_stamps``.

    parse_when("les 19 et 20 novembre 2016 de 9h à 17h")   # two slots, 9h–17h each
    parse_when("Le lundi 07/11 de 9h30 à 16h", year=2022)     # 2022-11-07 09:30–16:00 Paris
    parse_when("de 9h à 12h le 14/11/2024", tz="America/Martinique")  # 9h in Martinique
    read_when("mardi de 14h à 17h").reason                   # why there is no When

Pure: no clock, no I/O at call time; "today", the edition year, a reference date and the
zone are keyword arguments. Times are local (``tz``, Europe/Paris by default) and built
with zoneinfo.

Reading rules (a careful human reader, never a silent guess — in doubt, ``None``, and
``read_when`` says why):

- Values: all-day values are ``datetime.date`` (a single day gives start = end = that day);
  timed values are aware datetimes; a lone time gives end None ("à 14h"). ``precision``
  says what start and end are sure of: "minute" (times), "day", "month", "season",
  "quarter", "semester" or "year"; a period gives its first and last day.
- Dates: "16 novembre 2021", "mardi 16 nov. 2021", "1er"/"1ᵉʳ"/"1 er", "16/11/2021",
  "16/11", "16.11.21", "16 11 2021", ISO (with time and offset), the month first
  ("novembre 18 au 19", "Nov. 18-19", "novembre 16, 2021", "2021 novembre 16"), English
  month and weekday names ("Nov 14, 2024", "the 16th of November", "2:00 PM"), number words
  ("le premier novembre", "du treize au quinze juillet"), "le jour de l'an", ISO intervals
  ("2024-11-14/2024-11-16"), a year before 1900 after its month ("14 juillet 1789"). "sept." is September. A two-digit year is the
  one within 80 years before and 20 after today's year (else the context year, else 2050):
  "31/10/98" → 1998, "12/11/25" → 2025; "novembre 24" is November 2024.
- Typography: case, accents, no-break and thin spaces, en/em dashes and minus signs,
  letter-spaced capitals ("N O V E M B R E  2 0 2 5").
- Times: "14h", "14h30", "14 h 30", "14:30", "14.00", "14 heures", "midi", "minuit" (an end
  at "minuit" or "0h" is the next midnight); ranges "de 14h à 16h30", "14h-16h",
  "9h30/12h30", "entre 14h et 16h"; several slots "9h30-12h et 14h-17h"; "8h du soir" and
  "3 heures de l'après-midi" are 20h and 15h ("du matin" keeps the hour). An end before its
  start is read overnight only from the afternoon to before 6h ("de 22h à 2h"); otherwise
  the end is dropped with a warning. A time followed by "de <noun>", after
  "durée :"/"pendant", or alone in brackets after a slot ("(1h30)") is a duration and is
  ignored with a warning; so is a break ("pause déjeuner de 12h à 13h30"), and ">" between
  two times is a range ("14h00 > 16h00"). A time in brackets when the date already has one is an aside,
  ignored with a warning ("18h30 (ouverture des portes à 18h)"), unless it names another
  clock; so is a welcome time after it ("18h30, accueil dès 18h"), and "pour 2h" after a time. "24h/24" is not a time. Times without any date give None.
- Clocks (parsers.dates.clocks): a time with no zone named is read in ``tz`` — the caller
  gives the venue's zone for an in-person event overseas (parsers.zones.event_zone). A
  zone named after the times wins ("heure de Paris", "heure de La Réunion", "HNC",
  "UTC-4", "14h Paris / 17h Réunion"); two clocks for the same times must give the same
  instants, else a warning (the ``tz`` times are kept).
- Ranges and lists: "du 2 au 30 novembre", "du lundi 15 au dimanche 21 novembre", "Du
  02/11 au 30/11", "16-17 novembre", "entre le 16 et le 18": one slot (all-day values are
  dates, end = last day, inclusive). "les 19 et 20 novembre", "le 3 et le 12 octobre",
  "les 7, 14 et 21 novembre": one slot per date (``When.multi_slot``). Times written once
  apply to each day; times at both ends of a range make one continuous slot ("du 13 (14h)
  au 15 novembre (12h)"), unless each end has a time range on consecutive days ("15
  (9h-12h30) - 16 (14h-17h)": two sessions). A half day ("le 14 après-midi", "15 (matin)")
  keeps the whole day. "le 16 ou le 17" is one of two days: the span holding both, with a
  warning (with times, or more than two dates, None). "du lundi au vendredi 19
  novembre": the bare weekday is the one before the end date. "tous les jeudis de
  novembre", "chaque mardi du 2 au 30": one slot per such weekday; "le premier mardi de
  décembre 2024" is that day (with the year written). "semaine du 15
  novembre" and "week-end du 23 novembre" run from that day to the Sunday of its week.
- Periods (parsers.dates.periods): "en 2016", "depuis 2021", "de 2018 à 2022", "au premier
  trimestre 2024", "second semestre 2025", "à l'automne 2025", "en novembre", "11/2024",
  "2024-11", "au XXe siècle" (1901–2000);
  "fin novembre", "mi-décembre", "début 2022" give the month or year with a warning;
  "vers", "avant", "après" + a date → None.
- A weekday alone ("mardi de 14h à 17h") is the first such day on or after the date written
  before it ("Semaine du 18 novembre : mardi …"), else ``ref`` (the day or week a heading
  gives), else ``today``; else None.
- Other dates of the text are set aside and listed in ``When.ignored`` with the reason
  (``When.span`` is the part of the text read): page stamps and document dates ("Publié
  le …", "mis à jour le …", "Article du …", "convocation du …"), registration deadlines
  ("inscriptions avant le …", "date limite : …"), duplicates, dates more than a year from
  the edition year when another is within ("out of range"), former dates ("initialement
  prévu le …"); a text of stamps only has no event date. A period followed by dates inside
  it is their heading ("Novembre 2024 : le 19 à 10h"). parsers.dates.select has the rules.
- "le lendemain du 3", "la veille du 3": the day after or before. "chaque premier mardi du
  mois": no date. "d'ici décembre": end only.
- Changes: "reporté au", "nouvelle date :", "prévu le … aura lieu le …" replace the dates
  before them; "(report du 7/11)", "en remplacement du …" name a former date.
- Open bounds: "à partir du 16 novembre", "à compter du …" → start only; "jusqu'au 30 novembre" → end only.
- Years: see parsers.dates.resolve — next/previous written year (across a year end "du 28
  décembre au 3 janvier 2022" → 28 Dec 2021), then a year standing alone in the text, then
  ``year``, the candidate of ``years`` that fits the weekdays, then the year putting the
  date nearest to ``today`` ("le 3 janvier" read on 26 Nov 2026 → 2027); else None.
  A weekday that does not fit the date keeps the date and adds a warning.
- Relative words ("demain", "lundi prochain", "le 28 septembre dernier", "ce soir") need
  ``today``; "<weekday> prochain" is the next one strictly after today, "dernier" the last
  one strictly before, "ce <weekday>" the next one from today on.
  Placeholders ("l'année N+1") and vague periods ("la semaine prochaine") → None.
- ``parse_stamps`` reads the publication and update dates of a stamp line.
- Text longer than 1000 characters is not a date text → None. Non-str text → TypeError
  (callers check for a missing text themselves); a bad year/today/ref/tz → TypeError/ValueError.
- ``When.unparsed_rest`` keeps the words the rules did not use (for review);
  ``When.method`` is "rules" or "fallback".
- The common shapes are read by a shortcut (parsers.dates.fast) that gives what the
  grammar gives; the long tail (no date found by the rules but digits present) goes to
  dateparser, imported lazily, with day and month required (and year unless the context
  gives one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from parsers.dates import fallback, fast, stamps
from parsers.dates.clocks import one_zone
from parsers.dates.grammar import read
from parsers.dates.lexer import Token, tokenize
from parsers.dates.model import PRECISIONS, Ignored, Outcome, Reading, Stamps, Value, When
from parsers.dates.normal import Spans, fold, normalise, original_span, source_spans
from parsers.dates.resolve import Unreadable, resolve_days
from parsers.dates.select import select
from parsers.dates.slots import bounds, build_slots

__all__ = ["PRECISIONS", "Ignored", "Outcome", "Stamps", "When", "normalise", "parse_stamps",
           "parse_when", "read_when"]

MAX_TEXT = 1000
_PARIS = ZoneInfo("Europe/Paris")


def _check(text: object, year: object, today: object, tz: object,
           years: tuple[object, ...] | None, ref: object = None) -> ZoneInfo:
    if type(text) is str and years is None and tz == "Europe/Paris" and ref is None and (
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
    for name, value in (("today", today), ("ref", ref)):
        if value is not None and not isinstance(value, dt.date):
            raise TypeError(f"{name} must be a date, not {type(value).__name__}")
    if not isinstance(tz, str):
        raise TypeError(f"tz must be a zone name, not {type(tz).__name__}")
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {tz!r}") from exc


def parse_when(text: str, *, year: int | None = None, today: dt.date | None = None,
               tz: str = "Europe/Paris", years: Iterable[int] | None = None,
               ref: dt.date | None = None) -> When | None:
    """Read a French date/time text; None when it cannot be read without guessing."""
    return read_when(text, year=year, today=today, tz=tz, years=years, ref=ref).when


def read_when(text: str, *, year: int | None = None, today: dt.date | None = None,
              tz: str = "Europe/Paris", years: Iterable[int] | None = None,
              ref: dt.date | None = None) -> Outcome:
    """``parse_when``'s When, or None and the reason there is none."""
    return _outcome(text, year, today, tz, years, ref, shortcut=True)


def _outcome(text: str, year: int | None, today: dt.date | None, tz: str,
             years: Iterable[int] | None, ref: dt.date | None, *, shortcut: bool) -> Outcome:
    """The reading; `shortcut` tries parsers.dates.fast first (tests compare both ways)."""
    context = tuple(years) if years is not None else None
    zone = _check(text, year, today, tz, context, ref)
    if isinstance(today, dt.datetime):
        today = today.astimezone(zone).date() if today.tzinfo else today.date()
    if isinstance(ref, dt.datetime):
        ref = ref.date()
    if not text.strip():
        return Outcome(None, "empty text")
    if len(text) > MAX_TEXT:
        return Outcome(None, f"longer than {MAX_TEXT} characters: not a date text")
    norm, aligned = fold(text)
    if shortcut and context is None:
        quick = fast.read(text, norm, aligned, zone, year, today)
        if quick is not None:
            return quick
    source = _Source(text, norm, aligned)
    reading = read(source.kept)
    if reading.abort:
        return Outcome(None, reading.abort)
    if not reading.atoms:
        if source.marked:
            return Outcome(None, "only page stamps or deadlines, no date of the event")
        when = fallback.parse(source.norm, reading, year=year, today=today, zone=zone)
        return Outcome(when, None if when is not None else "no date found")
    try:
        spans = resolve_days(reading, year=year, years=context, today=today, ref=ref)
        select(reading.atoms, spans, reading, year)
        slots, precision = build_slots(reading.atoms, spans, zone, reading.warnings, reading.weekly)
    except (Unreadable, ValueError, OverflowError) as exc:  # e.g. an ISO "T25:00"
        return Outcome(None, str(exc) or "no such date or time")
    slots, zone_key = one_zone(slots, zone)
    start, end = bounds(slots)
    all_day = not isinstance(start if start is not None else end, dt.datetime)
    return Outcome(When(start, end, all_day, tuple(slots), tuple(reading.warnings), "rules",
                        " ".join(reading.rest), precision, source.used(reading),
                        source.ignored(reading), zone_key))


class _Source:
    """The text, its normalised form and tokens, and the page stamps set aside in it."""

    def __init__(self, text: str, norm: str, aligned: bool):
        self.text, self.norm, self.aligned = text, norm, aligned
        self.tokens = tokenize(self.norm)
        self.marked = stamps.find(self.norm, self.tokens) if stamps.may_hold_stamps(self.norm) else []
        self.index: list[int] | None = None
        self.spans: Spans | None = None   # source_spans(text), once, when not aligned
        self.kept: list[Token] = self.tokens
        if any(m.stop > m.date_first for m in self.marked):
            self.kept, self.index = stamps.without(self.tokens, self.marked)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Offsets in the text of tokens first..last (indexes in the kept tokens)."""
        if self.index is not None:
            first, last = self.index[first], self.index[last]
        tokens, norm = self.tokens, self.norm
        start = 0
        if first > 0:
            start = tokens[first - 1].end
            start += norm[start] == " "
        if not self.aligned and self.spans is None:
            self.spans = source_spans(self.text)
        return original_span(self.text, self.aligned, start, tokens[last].end, self.spans)

    def used(self, reading: Reading) -> tuple[int, int] | None:
        atoms = [a for a in reading.atoms if a.aside in (None, "heading")]
        if not atoms:
            return None
        return self.span(min(a.first for a in atoms), max(a.last for a in atoms))

    def ignored(self, reading: Reading) -> tuple[Ignored, ...]:
        found = [(*self.span(first, last), reason) for first, last, reason in reading.ignored]
        self.index, saved = None, self.index
        for mark in self.marked:
            if mark.stop > mark.date_first:
                found.append((*self.span(mark.first, mark.stop - 1), stamps.REASONS[mark.kind]))
        self.index = saved
        return tuple(Ignored(a, b, self.text[a:b], why) for a, b, why in sorted(found))


def parse_stamps(text: str, *, tz: str = "Europe/Paris") -> Stamps:
    """Publication and update dates of a "Publiée le … · Mise à jour le …" line."""
    zone = _check(text, None, None, tz, None)
    found: dict[str, Value | None] = {"pub": None, "upd": None}
    if len(text) > MAX_TEXT:
        return Stamps(None, None)
    source = _Source(text, *fold(text))
    for mark in source.marked:
        if found.get(mark.kind, 0) is None and mark.stop > mark.date_first:
            found[mark.kind] = _first_value(source.tokens[mark.date_first:mark.stop], zone)
    return Stamps(found["pub"], found["upd"])


def _first_value(tokens: list[Token], zone: ZoneInfo) -> Value | None:
    reading = read(tokens)
    if reading.abort or not reading.atoms:
        return None
    try:
        spans = resolve_days(reading, year=None, years=None, today=None)
        slots, _ = build_slots(reading.atoms, spans, zone, reading.warnings)
    except (Unreadable, ValueError, OverflowError):
        return None
    return bounds(slots)[0]
