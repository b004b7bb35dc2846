"""The programme's most common date texts, read by a few regular expressions.

- one day, or two days of one month, with maybe a weekday, a year, a time or a time
  range, or an open bound: "Le lundi 07/11 de 9h30 à 16h", "le 20 novembre 2017 de 9h à
  17h", "Vendredi 24 novembre 2017 à 08:45", "16/11/2021 14:30", "20.12.18", "les 19 et
  20 novembre 2016", "à partir du 16 novembre 2021"; several sessions in order ("Jeudi
  16 novembre, 9h30-12h et 14h-17h", "le 5 novembre de 9h à 12h et de 14h à 17h");
- a range of days: "du 2 au 30 novembre 2021", "[Du 02/11 au 30/11]", "16-17 novembre";
- an ISO date or date-time: "2021-11-16T14:30:00+01:00";
- times and nothing else, which give no date: "Horaires : de 14h à 16h", "10h-10h40".

This is a shortcut, not a rule: the full grammar reads these texts to the same outcome
(tests/test_parsers_dates_props.py checks it), and whatever needs more than the shortcut
knows — a year to infer from `years` or `today`, a weekday that does not fit, a time in a
DST change, an end not after its start, an impossible date — is left to the grammar
(``read`` returns None).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from zoneinfo import ZoneInfo

from parsers.dates.clocks import fixed
from parsers.dates.lexer import MONTHS, WEEKDAYS
from parsers.dates.model import Outcome, When
from parsers.dates.normal import original_span
from parsers.dates.resolve import full_year
from parsers.dates.slots import plain_day

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
_CLOCK = r"(?:h(?P<{m}>\d\d)?|:(?P<{c}>\d\d))(?![\d:])"
# more time ranges after the first: "9h30-12h et 14h-17h", "de 9h à 12h et de 14h à 17h"
_SPAN = r"(\d\d?)(?:h(\d\d)?|:(\d\d))(?![\d:])\s?(?:a|-)\s?(\d\d?)(?:h(\d\d)?|:(\d\d))(?![\d:])"
_MORE = re.compile(_SPAN)
_DAYS = re.compile(
    r"(?:(?P<bound>a partir du|des le|jusqu'au)\s|(?:le|les)\s)?"
    r"(?:(?P<wd>" + _WEEKDAY + r")\s)?"
    r"(?P<date>(?P<d1>\d\d?)(?:er)?(?:\set\s(?:le\s)?(?P<d2>\d\d?))?\s(?P<mon>" + _MONTH
    + r")\.?(?:\s(?P<y>(?:19|20)\d\d))?"
    r"|(?P<nd>\d\d?)(?P<sep>[/.])(?P<nm>\d\d?)(?:(?P=sep)(?P<ny>(?:19|20)\d\d|\d\d))?)"
    r"(?:(?:,|\s-|\sa|\sde|,\sde)?\s"
    r"(?P<h1>\d\d?)" + _CLOCK.format(m="m1", c="c1")
    + r"(?:\s?(?:a|-)\s?(?P<h2>\d\d?)" + _CLOCK.format(m="m2", c="c2") + r")?"
    r"(?P<more>(?:(?:,|\set)\s(?:de\s)?" + _SPAN + r")+)?)?"
)
_RANGE = re.compile(
    r"(?:du\s)?(?:(?P<w1>" + _WEEKDAY + r")\s)?(?P<d1>\d\d?)(?:er)?"
    r"(?:\s(?P<m1>" + _MONTH + r")\.?(?:\s(?P<y1>(?:19|20)\d\d))?)?"
    r"(?:\s(?:au|jusqu'au)\s|\s?-\s?)(?:(?P<w2>" + _WEEKDAY + r")\s)?"
    r"(?P<d2>\d\d?)\s(?P<m2>" + _MONTH + r")\.?(?:\s(?P<y2>(?:19|20)\d\d))?"
)
_NUM_RANGE = re.compile(r"du\s(?P<d1>\d\d?)/(?P<m1>\d\d?)(?:/(?P<y1>(?:19|20)\d\d))?"
                        r"\sau\s(?P<d2>\d\d?)/(?P<m2>\d\d?)(?:/(?P<y2>(?:19|20)\d\d))?")
# an offset after a time needs the "T" or the seconds of a machine stamp: "2024-11-19
# 09:30-12:30" is a time range
_ISO = re.compile(r"(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?:(?:(?P<t>t)|\s)(?P<h>\d\d):(?P<mi>\d\d)"
                  r"(?P<sec>:\d\d(?:[.,]\d+)?)?(?P<off>z|(?(t)[+-]\d\d:?\d\d|(?(sec)[+-]\d\d:?\d\d|(?!))))?)?")
_TIME = r"\d\d?(?:h\d\d|h|:\d\d)(?![\d:])"
_LABEL = r"(?:horaires?|matin|apres-midi|soir|de|et|a|[:;,/-])"
_TIMES_ONLY = re.compile(rf"(?:{_LABEL}\s?)*{_TIME}(?:\s?(?:{_LABEL}\s?)*{_TIME})*")
_Span = Callable[[int, int], tuple[int, int]]


def read(text: str, norm: str, aligned: bool, zone: ZoneInfo, year: int | None,
         today: dt.date | None) -> Outcome | None:
    """The outcome of a text of a common shape, or None to leave the text to the grammar."""
    def span(start: int, end: int) -> tuple[int, int]:
        return original_span(text, aligned, start, end)

    m = _DAYS.fullmatch(norm)
    if m is not None:
        return _days(m, zone, year, today, span)
    inner = (1, len(norm) - 1) if norm[:1] == "[" and norm[-1:] == "]" else (0, len(norm))
    m = _RANGE.fullmatch(norm, *inner) or _NUM_RANGE.fullmatch(norm, *inner)
    if m is not None:
        return _range(m, zone, year, span)
    first = norm[:1]
    if first.isdigit() and (m := _ISO.fullmatch(norm)) is not None:
        return _iso(m, zone, span)
    if (first in "hdma" or first.isdigit()) and _TIMES_ONLY.fullmatch(norm):
        return Outcome(None, "no date found")
    return None


def _clock(hour: str, minutes: str | None, clock: str | None) -> tuple[int, int] | None:
    h, m = int(hour), int(minutes or clock or 0)
    return (h, m) if h <= 23 and m <= 59 else None


def _full(written: str | None, year: int | None, today: dt.date | None) -> int | None:
    if written is None:
        return year
    if len(written) == 2:
        return full_year(int(written), today.year if today is not None else year)
    return int(written)


def _day_list(nd: str | None, nm: str | None, d1: str | None, d2: str | None,
              mon: str | None, year: int) -> list[dt.date] | None:
    try:
        if nd:
            return [dt.date(year, int(nm or 0), int(nd))]
        month = MONTHS[mon or ""]
        days = [dt.date(year, month, int(d1 or 0))]
        if d2:
            days.append(dt.date(year, month, int(d2)))
    except ValueError:
        return None
    return days if len(days) == 1 or days[0] < days[1] else None


# the groups of _DAYS, fetched in one call
_DAYS_GROUPS = ("bound", "wd", "d1", "d2", "mon", "y", "nd", "nm", "ny",
                "h1", "m1", "c1", "h2", "m2", "c2", "more")
Clocks = list[tuple[tuple[int, int], tuple[int, int] | None]]


def _clocks(first: tuple[int, int] | None, end: tuple[int, int] | None, written: bool,
            more: str | None) -> Clocks | None:
    """The time ranges of a day in order, each ending after it starts and no later than the
    next one starts (else None: the grammar decides)."""
    if first is None or (written and (end is None or end <= first)):
        return None
    out: Clocks = [(first, end)]
    for span in _MORE.finditer(more or ""):
        a, b = _clock(*span.group(1, 2, 3)), _clock(*span.group(4, 5, 6))
        last = out[-1][1]
        if a is None or b is None or last is None or a < last or b <= a:
            return None
        out.append((a, b))
    return out


def _days(m: re.Match[str], zone: ZoneInfo, year: int | None, today: dt.date | None,
          span: _Span) -> Outcome | None:
    bound, wd, d1, d2, mon, y, nd, nm, ny, h1, m1, c1, h2, m2, c2, more = m.group(*_DAYS_GROUPS)
    full = _full(y or ny, year, today)
    days = _day_list(nd, nm, d1, d2, mon, full) if full is not None else None
    if not days or (wd and days[0].weekday() != WEEKDAYS[wd]):
        return None
    if bound and (len(days) > 1 or h2):
        return None
    used = span(m.start("wd") if wd else m.start("date"), m.end())
    if h1 is None:
        slots = tuple((d, d) for d in days) if not bound else (
            ((days[0], None),) if bound[0] != "j" else ((None, days[0]),))
        return _when(slots, "day", used, zone)
    clocks = _clocks(_clock(h1, m1, c1), _clock(h2, m2, c2) if h2 else None, bool(h2 or more),
                     more)
    if clocks is None or not all(plain_day(zone, d) for d in days):
        return None
    timed: tuple[tuple[dt.datetime | None, dt.datetime | None], ...] = tuple([
        (dt.datetime(d.year, d.month, d.day, *a, tzinfo=zone),
         dt.datetime(d.year, d.month, d.day, *b, tzinfo=zone) if b else None)
        for d in days for a, b in clocks])
    if bound:
        timed = ((timed[0][0], None),) if bound[0] != "j" else ((None, timed[0][0]),)
    return _when(timed, "minute", used, zone)


def _when(slots: tuple[tuple[dt.date | None, dt.date | None], ...], precision: str,
          used: tuple[int, int], zone: ZoneInfo) -> Outcome:
    start, end = slots[0][0], slots[-1][1]
    if end is None and len(slots) > 1:
        end = slots[-1][0]   # several times without ends: the last start
    return Outcome(When(start, end, precision == "day", slots, (), "rules", "", precision, used,
                        (), zone.key))


def _range(m: re.Match[str], zone: ZoneInfo, year: int | None, span: _Span) -> Outcome | None:
    """"du 2 au 30 novembre 2021": the first date takes the month and year of the last (a
    year earlier across a new year); with no year written, the first takes the context's."""
    numeric = m.re is _NUM_RANGE
    m1, m2, y1, y2, d1, d2 = m.group("m1", "m2", "y1", "y2", "d1", "d2")
    if numeric:
        months = (int(m1), int(m2))
    else:
        months = (MONTHS[m1 or m2], MONTHS[m2])
    wrap = months[0] > months[1]
    if y1 is None and y2 is None:
        if year is None:
            return None
        y1, y2 = str(year), str(year + wrap)
    try:
        first = dt.date(int(y1) if y1 else int(y2) - wrap, months[0], int(d1))
        last = dt.date(int(y2) if y2 else int(y1) + wrap, months[1], int(d2))
    except ValueError:
        return None
    if last < first or (not numeric and any(
            m.group(w) and WEEKDAYS[m.group(w)] != d.weekday() for w, d in (("w1", first), ("w2", last)))):
        return None
    start = m.start("w1") if not numeric and m.group("w1") else m.start("d1")
    return _when(((first, last),), "day", span(start, m.end()), zone)


def _iso(m: re.Match[str], zone: ZoneInfo, span: _Span) -> Outcome | None:
    try:
        day = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None
    if m.group("h") is None:
        return _when(((day, day),), "day", span(0, m.end()), zone)
    clock = _clock(m.group("h"), m.group("mi"), None)
    if clock is None:
        return None
    offset = m.group("off")
    if offset:
        value = dt.datetime(day.year, day.month, day.day, *clock, tzinfo=fixed(offset)).astimezone(zone)
    elif plain_day(zone, day):
        value = dt.datetime(day.year, day.month, day.day, *clock, tzinfo=zone)
    else:
        return None
    return _when(((value, None),), "minute", span(0, m.end()), zone)
