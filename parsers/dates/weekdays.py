"""Weekdays that say which days of a range are the event's (called by parsers.dates.resolve).

Rules:
- bare weekdays (no day number) written beside a range of days — before it or after it,
  not joined to it by "au" — filter the range: "du 4 au 29 novembre, du lundi au vendredi
  de 9h à 17h" is every Monday to Friday of it, 9h–17h; "du lundi au vendredi, du 2 au 30
  novembre"; "du 18 au 29 novembre, mardi et jeudi". "du lundi au vendredi" is every day
  from the one to the other (Monday … Friday; "du vendredi au lundi" runs over the
  weekend). The weekdays' times go to the range when it has none; when both have times,
  or the weekdays have different times each, the weekdays are left to the other rules.
- "tous les lundis et jeudis", "sauf le week-end", "en semaine" (parsers.dates.grammar)
  give the same filter; two filters keep the days both allow.
- weekdays alone before other dates with no range ("mardi et jeudi, les 5 et 7
  novembre") are no dates of their own: they go to the unread rest.
"""

from __future__ import annotations

from parsers.dates.model import Atom, Reading


def _bare(atom: Atom) -> bool:
    return atom.direction == "ref" and atom.day is None


def _has_range(atoms: list[Atom]) -> bool:
    return any(a.link == "range" and a.day is not None for a in atoms[1:])


def _days_of(run: list[Atom]) -> frozenset[int]:
    if len(run) == 2 and run[1].link == "range":
        first, last = run[0].weekday or 0, run[1].weekday or 0
        return frozenset((first + n) % 7 for n in range((last - first) % 7 + 1))
    return frozenset(a.weekday or 0 for a in run)


def _times_move(run: list[Atom], dated: list[Atom]) -> bool:
    """Give the weekdays' times to the range; False when they cannot be one filter."""
    timed = [a.times for a in run if a.times]
    if not timed:
        return True
    if any(t != timed[0] for t in timed) or any(a.times for a in dated):
        return False
    dated[-1].times.extend(timed[0])
    return True


def weekday_filter(reading: Reading) -> None:
    """Turn bare weekdays beside a range into ``Reading.weekly``, or drop leading ones."""
    atoms = reading.atoms
    if not atoms or not (_bare(atoms[0]) or _bare(atoms[-1])):
        return   # the usual case: no bare weekday at either end
    lead = 0
    while lead < len(atoms) and _bare(atoms[lead]):
        lead += 1
    tail = len(atoms)
    while tail > lead and _bare(atoms[tail - 1]):
        tail -= 1
    dated = atoms[lead:tail]
    if not dated or (lead == 0 and tail == len(atoms)):
        return   # no date, or no bare weekday
    run = atoms[:lead] if lead else atoms[tail:]
    joined = dated[0].link if lead else run[0].link
    if joined != "range" and (lead == 0 or tail == len(atoms)) and _has_range(dated) \
            and _times_move(run, dated):
        days = _days_of(run)
        reading.weekly = days if reading.weekly is None else reading.weekly & days
        dated[0].first = min(dated[0].first, run[0].first)
        dated[-1].last = max(dated[-1].last, run[-1].last)
        reading.atoms = dated
    elif lead:
        reading.rest.extend(a.text for a in atoms[:lead])
        reading.atoms = atoms[lead:]
    else:
        return
    reading.atoms[0].link = None
