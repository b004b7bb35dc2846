"""What the date grammar reads (atoms: dates as written, their time slots, the reading) and
what ``parse_when`` / ``parse_stamps`` return (``When``, ``Stamps``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

Clock = tuple[int, int]


@dataclass(slots=True)
class Slot:
    start: Clock
    end: Clock | None = None


@dataclass(slots=True)
class Atom:
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    month_only: bool = False
    offset_days: int | None = None      # "demain" → 1 (needs today)
    direction: str | None = None        # "next" / "last" / "this" (needs today)
    link: str | None = None             # "range" | "list" (to the atom before)
    bound: str | None = None            # "from" | "to" (open ranges)
    utc_offset: str | None = None       # ISO "+01:00" / "z"
    week: bool = False                  # "semaine du 15 novembre": the week from that day
    times: list[Slot] = field(default_factory=list)
    text: str = ""


@dataclass(slots=True)
class Reading:
    atoms: list[Atom] = field(default_factory=list)
    pre_times: list[Slot] = field(default_factory=list)
    years: list[int] = field(default_factory=list)    # years standing alone ("Édition 2021")
    warnings: list[str] = field(default_factory=list)
    rest: list[str] = field(default_factory=list)
    abort: str | None = None
    has_time: bool = False
    weekly: int | None = None      # "tous les jeudis", "chaque jeudi": only that weekday


Value = dt.date | dt.datetime


@dataclass(frozen=True, slots=True)
class When:
    start: Value | None
    end: Value | None
    all_day: bool
    slots: tuple[tuple[Value | None, Value | None], ...]
    warnings: tuple[str, ...] = ()
    method: str = "rules"           # "rules" | "fallback" (dateparser)
    unparsed_rest: str = ""         # words the rules did not use, for review


@dataclass(frozen=True, slots=True)
class Stamps:
    published: Value | None
    updated: Value | None
