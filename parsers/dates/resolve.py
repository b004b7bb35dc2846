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
  novembre" (the context year decides) and "lundi prochain" gives None.
"""

from __future__ import annotations

import calendar
import datetime as dt

from parsers.dates.lexer import WEEKDAY_NAMES
from parsers.dates.model import Atom, Reading


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


def atom_days(atom: Atom, year: int | None, today: dt.date | None) -> tuple[dt.date, dt.date]:
    """First and last day an atom covers (a month-only atom covers the whole month)."""
    if atom.offset_days is not None or atom.direction is not None:
        day = relative_date(atom, today)
        return day, day
    if year is None:
        raise Unreadable("no year")
    if atom.month_only and atom.month is not None:
        last = calendar.monthrange(year, atom.month)[1]
        return make_date(year, atom.month, 1), make_date(year, atom.month, last)
    day = make_date(year, atom.month, atom.day)
    return day, day


def weekday_warning(atom: Atom, day: dt.date) -> str | None:
    if atom.weekday is None or atom.day is None or day.weekday() == atom.weekday:
        return None
    return (f"weekday mismatch: text says {WEEKDAY_NAMES[atom.weekday]} but "
            f"{day.isoformat()} is a {WEEKDAY_NAMES[day.weekday()]}; date kept")


def resolve_days(reading: Reading, *, year: int | None, years: tuple[int, ...] | None,
                 today: dt.date | None) -> list[tuple[dt.date, dt.date]]:
    """Calendar span of every atom, in text order; adds weekday warnings to the reading."""
    atoms = reading.atoms
    first_year = atoms[0].year if atoms else None
    if first_year is not None and _complete(atoms[0]) and len(atoms) == 1:  # "16 novembre 2021 …"
        day = make_date(first_year, atoms[0].month, atoms[0].day)
        warning = weekday_warning(atoms[0], day)
        if warning:
            reading.warnings.append(warning)
        return [(day, day)]
    if today is None:  # "le 16 novembre prochain" without today: read with the year context
        for atom in atoms:
            if atom.day is not None and atom.direction in ("next", "last"):
                atom.direction = None
    fill_months(atoms)
    found = iter(fill_years(atoms, reading, year=year, years=years, today=today))
    spans: list[tuple[dt.date, dt.date] | None] = []
    for atom in atoms:
        if atom.direction == "before":
            spans.append(None)  # known once the next date is
            continue
        relative = atom.offset_days is not None or atom.direction is not None
        span = atom_days(atom, None if relative else next(found), today)
        warning = weekday_warning(atom, span[0])
        if warning:
            reading.warnings.append(warning)
        spans.append(span)
    return _weekdays_before(atoms, spans)


def _complete(atom: Atom) -> bool:
    return atom.year is not None and atom.day is not None and atom.month is not None and (
        atom.direction is None and atom.offset_days is None and not atom.month_only)


def _weekdays_before(atoms: list[Atom],
                     spans: list[tuple[dt.date, dt.date] | None]) -> list[tuple[dt.date, dt.date]]:
    """The day of a bare weekday opening a range: the last such weekday before its end."""
    out: list[tuple[dt.date, dt.date]] = []
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
