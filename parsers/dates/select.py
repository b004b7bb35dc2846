"""Which of the dates read in a text are the event's (parsers.dates.resolve gives their days).

First, a range between two consecutive days (or the same day) whose ends each carry a
time range is two sessions, not one span ("15 (9h-12h30) - 16 (14h-17h) novembre"); so
are two such days joined by a dash however far apart ("14/11/2024 de 11h à 12h -
21/11/2024 de 11h à 12h").
Then, applied to the dates standing alone (not ends of a range):
- a heading: a period of several days with no times (a week, a month, a season…)
  followed by a date inside it is context for that date, not a date of its own
  ("Semaine du 18 novembre : mardi de 14h à 17h", "Novembre 2024 — le 19 à 10h");
- a duplicate: a day written again with the same times, or without times when the same
  day is written with times elsewhere ("Jeudi 14 novembre. Horaires : le 14/11 de 9h à
  12h"), is set aside;
- out of range: with a context year, a date more than a year away from it is set aside
  when another date of the text is within ("Le 14 novembre 2024 … (webinaire du 3 mars
  2019)").
Set-aside dates are reported (``Reading.ignored``) except headings, which were used.
"""

from __future__ import annotations

import datetime as dt

from parsers.dates.model import Atom, Reading

Span = tuple[dt.date, dt.date]


def _alone(atoms: list[Atom], k: int) -> bool:
    """True when atom k is no end of a range and no open bound."""
    nxt = atoms[k + 1] if k + 1 < len(atoms) else None
    return atoms[k].link != "range" and (nxt is None or nxt.link != "range") and not atoms[k].bound


def select(atoms: list[Atom], spans: list[Span], reading: Reading, year: int | None) -> None:
    """Mark the atoms that are no date of the event (``Atom.aside``)."""
    if len(atoms) < 2:
        return
    _sessions(atoms, spans)
    alone = [_alone(atoms, k) for k in range(len(atoms))]
    _headings(atoms, spans, alone)
    _duplicates(atoms, spans, alone, reading)
    if year is not None:
        _out_of_range(atoms, spans, year, reading)


def _sessions(atoms: list[Atom], spans: list[Span]) -> None:
    for k in range(1, len(atoms)):
        before, atom = atoms[k - 1], atoms[k]
        if atom.link == "range" and before.times and atom.times and \
                all(s.end is not None for s in (*before.times, *atom.times)) and \
                0 <= (spans[k][0] - spans[k - 1][1]).days <= (1 if not atom.dashed else 366):
            atom.link = "list"


def _headings(atoms: list[Atom], spans: list[Span], alone: list[bool]) -> None:
    for k in range(len(atoms) - 1):
        first, last = spans[k]
        if alone[k] and alone[k + 1] and first != last and not atoms[k].times and \
                first <= spans[k + 1][0] and spans[k + 1][1] <= last:
            atoms[k].aside = "heading"


def _key(atom: Atom) -> tuple[object, ...]:
    return tuple((s.start, s.end, s.zone) for s in atom.times)


def _duplicates(atoms: list[Atom], spans: list[Span], alone: list[bool], reading: Reading) -> None:
    timed_days = {spans[k][0] for k, a in enumerate(atoms) if a.times and alone[k] and not a.aside}
    seen: set[tuple[object, ...]] = set()
    for k, atom in enumerate(atoms):
        if not alone[k] or atom.aside or spans[k][0] != spans[k][1]:
            continue
        key = (spans[k][0], _key(atom))
        if key in seen or (not atom.times and spans[k][0] in timed_days):
            atom.aside = "duplicate"
            reading.ignored.append((atom.first, atom.last, "duplicate"))
        seen.add(key)


def _out_of_range(atoms: list[Atom], spans: list[Span], year: int, reading: Reading) -> None:
    groups: list[list[int]] = []
    for k, atom in enumerate(atoms):
        if atom.link == "range" and groups:
            groups[-1].append(k)
        else:
            groups.append([k])
    near = [any(abs(spans[k][0].year - year) <= 1 or abs(spans[k][1].year - year) <= 1
                for k in group) for group in groups]
    if all(near) or not any(near):
        return
    for group, ok in zip(groups, near, strict=True):
        for k in group if not ok else ():
            if not atoms[k].aside:
                atoms[k].aside = "out of range"
                reading.ignored.append((atoms[k].first, atoms[k].last, "out of range"))
