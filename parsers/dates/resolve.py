"""Turn a grammar `Reading` into calendar dates: months, years, weekdays, relative words.

Rules (also summed up in parsers.dates):
- a day without month takes the month of the next date that has one ("du 2 au 30
  novembre"), else of the previous one ("le 16 novembre et le 18");
- a date without year takes it from the next dated part, one year earlier when it comes
  later in the calendar ("du 28 décembre au 3 janvier 2022" → 28 Dec 2021), else from the
  previous part, one year later when it comes earlier;
- what is still without year takes a year standing alone in the text ("Édition 2021 : le
  18 novembre"), else the context `year`, else the one candidate of `years` whose calendar
  matches every weekday written (or the only candidate when no weekday is written), else
  the year that puts the first date nearest to `today`; otherwise None;
- relative words need `today`; without it "le 16 novembre prochain" is read as "le 16
  novembre" (the context year decides) and "lundi prochain" gives None;
- a two-digit year is the one within 80 years before and 20 after the pivot: `today`'s
  year, else the context `year`, else 2050 ("31/10/98" → 1998, "12/11/25" → 2025);
- a weekday alone ("mardi de 14h à 17h") is the first such day on or after the reference:
  the date before it in the text ("Semaine du 18 novembre : mardi …"), else `ref`, else
  `today`; without any, the text is unreadable;
- a period with no times (a week, a month, a season…) followed by dates inside it, not
  joined to them by a range, is a heading: those dates are the event's, not the period;
- with a context `year`, a date more than a year away from it is out of range and set
  aside when another date of the text is within.
"""

from __future__ import annotations

import calendar
import datetime as dt

from parsers.dates.lexer import WEEKDAY_NAMES
from parsers.dates.model import Atom, Reading
from parsers.dates.weekdays import weekday_filter


class Unreadable(Exception):
    """The text cannot be read without guessing; parse_when returns None."""


def _wraps(before: Atom, after: Atom) -> bool:
    """True when `after` must fall in the next year ("28 décembre" … "3 janvier")."""
    return (before.month or 0) > (after.month or 0)


def fill_months(atoms: list[Atom]) -> None:
    for i, atom in enumerate(atoms):
        if atom.month is not None or atom.offset_days is not None or atom.direction:
            continue
        later = next((a for a in atoms[i + 1:] if a.month is not None), None)
        earlier = next((a for a in reversed(atoms[:i]) if a.month is not None), None)
        source = later or earlier
        if source is None:
            raise Unreadable("day without month")
        atom.month = source.month


def _propagate(atoms: list[Atom], years: list[int | None]) -> None:
    for i in range(len(atoms) - 2, -1, -1):
        following = years[i + 1]
        if years[i] is None and following is not None:
            years[i] = following - (1 if _wraps(atoms[i], atoms[i + 1]) else 0)
    for i in range(1, len(atoms)):
        previous = years[i - 1]
        if years[i] is None and previous is not None:
            years[i] = previous + (1 if _wraps(atoms[i - 1], atoms[i]) else 0)


def _years_with(atoms: list[Atom], context: int | None) -> list[int | None]:
    years = [a.year for a in atoms]
    _propagate(atoms, years)
    if context is not None and None in years:
        years[years.index(None)] = context
        _propagate(atoms, years)
    return years


def _weekdays_match(atoms: list[Atom], years: list[int | None]) -> bool:
    for atom, year in zip(atoms, years, strict=True):
        if atom.weekday is not None and atom.day is not None and year is not None:
            try:
                if make_date(year, atom.month, atom.day).weekday() != atom.weekday:
                    return False
            except Unreadable:
                return False
    return True


def fill_years(atoms: list[Atom], reading: Reading, *, year: int | None,
               years: tuple[int, ...] | None, today: dt.date | None) -> list[int]:
    """The year of every calendar atom (relative ones are skipped), or Unreadable."""
    dated = [a for a in atoms if a.offset_days is None and a.direction is None]
    found = _years_with(dated, None)
    if None in found:
        found = _years_with(dated, _context_year(dated, reading, year=year, years=years,
                                                  today=today))
    if None in found:
        raise Unreadable("no year")
    return found  # type: ignore[return-value]


def _context_year(atoms: list[Atom], reading: Reading, *, year: int | None,
                  years: tuple[int, ...] | None, today: dt.date | None) -> int | None:
    if len(set(reading.years)) == 1:  # the text's own year beats the context
        return reading.years[0]
    if year is not None:
        return year
    if years:
        has_weekday = any(a.weekday is not None and a.day is not None for a in atoms)
        if has_weekday:
            fits = [y for y in years if _weekdays_match(atoms, _years_with(atoms, y))]
            return fits[0] if len(fits) == 1 else None
        return years[0] if len(years) == 1 else None
    return _nearest_year(atoms[0], today) if today is not None and atoms else None


def _nearest_year(atom: Atom, today: dt.date) -> int | None:
    """The year that puts the date closest to today ("le 3 janvier" read in late November
    is the coming one)."""
    best = None
    for year in (today.year - 1, today.year, today.year + 1):
        if atom.month is None:
            continue
        try:
            distance = abs((dt.date(year, atom.month, atom.day or 1) - today).days)
        except ValueError:
            continue
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else None


def full_year(short: int, pivot: int | None) -> int:
    """The four-digit year of a two-digit one, near the pivot year."""
    if pivot is None:
        pivot = 2050
    year = pivot - pivot % 100 + short
    if year > pivot + 20:
        return year - 100
    return year + 100 if year <= pivot - 80 else year


def relative_date(atom: Atom, today: dt.date | None) -> dt.date:
    """The date of "demain", "lundi prochain", "le 28 septembre dernier"…"""
    if today is None:
        raise Unreadable("relative date without today")
    if atom.offset_days is not None:
        return today + dt.timedelta(days=atom.offset_days)
    if atom.day is None:  # a weekday: next / last / this
        ahead = ((atom.weekday or 0) - today.weekday()) % 7
        if atom.direction == "last":
            return today - dt.timedelta(days=(7 - ahead) if ahead else 7)
        if atom.direction == "next" and ahead == 0:
            ahead = 7
        return today + dt.timedelta(days=ahead)
    year = atom.year or today.year
    day = make_date(year, atom.month, atom.day)
    if atom.direction == "last" and day >= today:
        day = make_date(year - 1, atom.month, atom.day)
    elif atom.direction == "next" and day <= today:
        day = make_date(year + 1, atom.month, atom.day)
    return day


def make_date(year: int, month: int | None, day: int | None) -> dt.date:
    try:
        return dt.date(year, month or 0, day or 0)
    except ValueError:
        raise Unreadable(f"no such date: {day}/{month}/{year}") from None


_SEASONS = (((3, 20), (6, 20)), ((6, 21), (9, 22)), ((9, 23), (12, 20)), ((12, 21), (3, 19)))


def period_days(atom: Atom, year: int) -> tuple[dt.date, dt.date]:
    """First and last day of a year, semester, quarter or season."""
    if atom.period == "year":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if atom.period == "season":
        (m1, d1), (m2, d2) = _SEASONS[atom.part]
        return dt.date(year - (1 if m1 > m2 else 0), m1, d1), dt.date(year, m2, d2)
    months = 3 if atom.period == "quarter" else 6
    first = months * (atom.part - 1) + 1
    last = first + months - 1
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def atom_days(atom: Atom, year: int | None, today: dt.date | None) -> tuple[dt.date, dt.date]:
    """First and last day an atom covers (a month-only atom covers the whole month)."""
    if atom.offset_days is not None or atom.direction is not None:
        day = relative_date(atom, today)
        return day, day
    if year is None:
        raise Unreadable("no year")
    if atom.period:
        return period_days(atom, year)
    if atom.month_only and atom.month is not None:
        last = calendar.monthrange(year, atom.month)[1]
        return make_date(year, atom.month, 1), make_date(year, atom.month, last)
    day = make_date(year, atom.month, atom.day) + dt.timedelta(days=atom.shift)
    if atom.week:  # "semaine du 15 novembre": to the Sunday of that week
        return day, day + dt.timedelta(days=6 - day.weekday())
    return day, day


def weekday_warning(atom: Atom, day: dt.date) -> str | None:
    if atom.weekday is None or atom.day is None or day.weekday() == atom.weekday:
        return None
    return (f"weekday mismatch: text says {WEEKDAY_NAMES[atom.weekday]} but "
            f"{day.isoformat()} is a {WEEKDAY_NAMES[day.weekday()]}; date kept")


Span = tuple[dt.date, dt.date]


def resolve_days(reading: Reading, *, year: int | None, years: tuple[int, ...] | None,
                 today: dt.date | None, ref: dt.date | None = None) -> list[Span]:
    """Calendar span of every atom, in text order; adds weekday warnings to the reading."""
    atoms = reading.atoms
    pivot = today.year if today is not None else year
    for atom in atoms:
        if atom.short_year and atom.year is not None and atom.year < 100:
            atom.year = full_year(atom.year, pivot)
    if len(atoms) == 1 and _calendar(atoms[0]):  # "16 novembre 2021 …", "le 16 novembre"
        return [_only_span(atoms[0], reading, year=year, years=years, today=today)]
    if today is None:  # "le 16 novembre prochain" without today: read with the year context
        for atom in atoms:
            if atom.day is not None and atom.direction in ("next", "last"):
                atom.direction = None
    weekday_filter(reading)
    atoms = reading.atoms
    fill_months(atoms)
    found = iter(fill_years(atoms, reading, year=year, years=years, today=today))
    spans: list[Span | None] = []
    for atom in atoms:
        if atom.direction == "before":
            spans.append(None)  # known once the next date is
        elif atom.direction == "ref":
            spans.append(_on_or_after(atom, spans, ref or today))
        else:
            relative = atom.offset_days is not None or atom.direction is not None
            span = atom_days(atom, None if relative else next(found), today)
            _check_weekday(atom, span[0], reading)
            spans.append(span)
    return _weekdays_before(atoms, spans)


def _check_weekday(atom: Atom, day: dt.date, reading: Reading) -> None:
    warning = weekday_warning(atom, day)
    if warning:
        reading.warnings.append(warning)


def _on_or_after(atom: Atom, spans: list[Span | None], start: dt.date | None) -> Span:
    """A weekday alone: the first such day on or after the date before it, else `start`."""
    before = next((s for s in reversed(spans) if s is not None), None)
    if before is not None and (before[1] - before[0]).days > 6:
        raise Unreadable("weekday alone under a period longer than a week")
    cursor = before[0] if before is not None else start
    if cursor is None:
        raise Unreadable("weekday without a date: give today or a reference date")
    day = cursor + dt.timedelta(days=((atom.weekday or 0) - cursor.weekday()) % 7)
    return day, day


def _calendar(atom: Atom) -> bool:
    """A date with its month, not relative: alone in a text, it needs only a year."""
    return atom.month is not None and atom.direction is None and atom.offset_days is None


def _only_span(atom: Atom, reading: Reading, *, year: int | None,
               years: tuple[int, ...] | None, today: dt.date | None) -> Span:
    """The span of the one date of a text, as the general path of resolve_days gives it
    (no weekday to filter, no month to fill: only the year may come from the context)."""
    found = atom.year if atom.year is not None else _context_year(
        [atom], reading, year=year, years=years, today=today)
    if found is None:
        raise Unreadable("no year")
    span = atom_days(atom, found, today)
    _check_weekday(atom, span[0], reading)
    return span


def _weekdays_before(atoms: list[Atom], spans: list[Span | None]) -> list[Span]:
    """The day of a bare weekday opening a range: the last such weekday before its end."""
    out: list[Span] = []
    for k in range(len(atoms) - 1, -1, -1):
        span = spans[k]
        if span is None:
            if not out:
                raise Unreadable("weekday without a date")
            end = out[0][0]
            day = end - dt.timedelta(days=(end.weekday() - (atoms[k].weekday or 0)) % 7)
            span = (day, day)
        out.insert(0, span)
    return out
