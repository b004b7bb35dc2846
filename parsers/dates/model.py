"""What the date grammar reads (atoms: dates as written, their time slots, the reading) and
what ``parse_when`` / ``parse_stamps`` return (``When``, ``Ignored``, ``Stamps``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

Clock = tuple[int, int]

# From the finest to the coarsest: what the start and end of a When are sure of.
PRECISIONS = ("minute", "day", "month", "season", "quarter", "semester", "year")
RANK = {name: n for n, name in enumerate(PRECISIONS)}


@dataclass(slots=True)
class Slot:
    start: Clock
    end: Clock | None = None
    zone: str | None = None         # a clock named in the text: IANA key or "+HH:MM"


@dataclass(slots=True)
class Atom:
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    month_only: bool = False
    offset_days: int | None = None      # "demain" → 1 (needs today)
    direction: str | None = None        # "next" / "last" / "this" / "before" / "ref"
    link: str | None = None             # "range" | "list" (to the atom before)
    bound: str | None = None            # "from" | "to" (open ranges)
    utc_offset: str | None = None       # ISO "+01:00" / "z"
    week: bool = False                  # "semaine du 15 novembre": the week from that day
    times: list[Slot] = field(default_factory=list)
    text: str = ""
    period: str | None = None           # "year" | "semester" | "quarter" | "season"
    part: int = 0                       # the quarter (1–4), semester (1–2) or season (0–3)
    short_year: bool = False            # written with two digits ("16/11/21", "novembre 24")
    approximate: bool = False           # "fin novembre": only the month is sure
    aside: str | None = None            # why it is no date of the event: heading, duplicate…
    dashed: bool = False                # joined to the atom before by a dash, not "au"
    shift: int = 0                      # "le lendemain du 3": days after the date written
    first: int = 0                      # first and last token index the atom was read from
    last: int = 0


@dataclass(slots=True)
class Reading:
    atoms: list[Atom] = field(default_factory=list)
    pre_times: list[Slot] = field(default_factory=list)
    years: list[int] = field(default_factory=list)    # years standing alone ("Édition 2021")
    warnings: list[str] = field(default_factory=list)
    rest: list[str] = field(default_factory=list)
    abort: str | None = None
    has_time: bool = False
    weekly: frozenset[int] | None = None  # "tous les jeudis", "du lundi au vendredi": only those weekdays
    periods: list[Atom] = field(default_factory=list)   # lone years read as periods if no date
    ignored: list[tuple[int, int, str]] = field(default_factory=list)  # token ranges, reason
    used: list[int] = field(default_factory=list)       # token indexes of the times read


Value = dt.date | dt.datetime
Pair = tuple[Value | None, Value | None]   # one slot: (start, end)


def atom_precision(atom: Atom) -> str:
    if atom.period:
        return atom.period
    return "month" if atom.month_only else "day"


@dataclass(frozen=True, slots=True)
class Ignored:
    """A part of the text holding a date that was not taken, and why."""
    start: int                      # offsets in the text given to parse_when
    end: int
    text: str
    reason: str                     # stamp | deadline | duplicate | out of range | former date


@dataclass(frozen=True, slots=True)
class When:
    start: Value | None
    end: Value | None
    all_day: bool
    slots: tuple[tuple[Value | None, Value | None], ...]
    warnings: tuple[str, ...] = ()
    method: str = "rules"           # "rules" | "fallback" (dateparser)
    unparsed_rest: str = ""         # words the rules did not use, for review
    precision: str = "day"          # one of PRECISIONS
    span: tuple[int, int] | None = None   # offsets of the part of the text the date was read in
    ignored: tuple[Ignored, ...] = ()
    zone: str = "Europe/Paris"      # the clock of the timed values

    @property
    def multi_slot(self) -> bool:
        return len(self.slots) > 1

    @property
    def fixed_day(self) -> bool:
        """True when the day (or the time) is known: precision "day" or "minute"."""
        return RANK[self.precision] <= RANK["day"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """``read_when``'s answer: the When, or None and the reason there is none."""
    when: When | None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Stamps:
    published: Value | None
    updated: Value | None
