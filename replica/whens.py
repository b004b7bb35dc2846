"""Date texts as organisers write them, with the values a careful reader gets from them.

A ``WhenSpec`` is the model (days, times, kind, writing style); ``render`` writes it in
French (replica.when_texts) and ``truth`` gives what ``parsers.dates.parse_when(text,
year=edition)`` should return: local ISO dates (all-day) or datetimes with the offset
of the event's clock (``clock``: Paris, or the venue's zone for an in-person event
overseas), end inclusive; ``precision`` what the date is sure of ("minute", "day", "month").
Weekdays always match the dates. Kinds: one day with a time range (timed), a start time
(start), several sessions (slots) or none (allday); two days (twodays), a range of days
(range), days apart (list), a month whose day is not fixed yet (month), one span from a
time on a day to a time on another (continuous), a weekday under its week (weekof).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from replica import when_texts

PARIS = ZoneInfo("Europe/Paris")
# Overseas régions and their clocks: an event held there is written in local time.
OVERSEAS = {"01": "America/Guadeloupe", "02": "America/Martinique", "03": "America/Cayenne",
            "04": "Indian/Reunion", "06": "Indian/Mayotte"}
WEEKDAYS = when_texts.WEEKDAYS
KINDS = (("timed", 52), ("slots", 8), ("start", 7), ("allday", 9), ("twodays", 6), ("range", 8),
         ("list", 4), ("month", 2), ("continuous", 2), ("weekof", 2))
Slot = tuple[dt.time, dt.time | None]


@dataclass(frozen=True)
class WhenSpec:
    kind: str
    d1: dt.date
    d2: dt.date | None = None
    times: tuple[Slot, ...] = ()
    style: int = 0
    time_style: int = 0
    days: tuple[dt.date, ...] = ()      # "list": every day, d1 the first and d2 the last


def render(spec: WhenSpec) -> str:
    return when_texts.RENDER[spec.kind](spec)


# -- truth -----------------------------------------------------------------------------

def clock(attendance: str | None, region_code: str | None) -> ZoneInfo:
    """The clock an event's times are written in: the venue's when people meet there (in
    person or hybrid) in an overseas région, else Paris."""
    if attendance in ("offline", "mixed") and region_code in OVERSEAS:
        return ZoneInfo(OVERSEAS[region_code])
    return PARIS


def _day_slots(spec: WhenSpec) -> list[list[str]]:
    d1, d2, k = spec.d1, spec.d2, spec.kind
    if k == "allday":
        return [[d1.isoformat(), d1.isoformat()]]
    if k in ("twodays", "list"):
        days = spec.days or (d1, d2)
        return [[d.isoformat(), d.isoformat()] for d in days if d is not None]
    if k == "month":
        last = (d1.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return [[d1.isoformat(), last.isoformat()]]
    return [[d1.isoformat(), d2.isoformat() if d2 else d1.isoformat()]]


def precision(spec: WhenSpec) -> str:
    """What the date is sure of, as ``When.precision`` should say."""
    if spec.kind == "month":
        return "month"
    return "minute" if spec.times else "day"


def truth(spec: WhenSpec, zone: ZoneInfo = PARIS) -> dict:
    """``start``/``end``/``all_day``/``slots`` as ``parse_when`` should give them, the times
    being wall times of ``zone`` (ISO 8601 with its offset)."""
    k, d1 = spec.kind, spec.d1

    def _at(d: dt.date, t: dt.time | None) -> str | None:
        return None if t is None else dt.datetime.combine(d, t, tzinfo=zone).isoformat()

    if k == "continuous" and spec.d2 is not None:
        slots = [[_at(d1, spec.times[0][0]), _at(spec.d2, spec.times[0][1])]]
    elif k == "list" and spec.times:
        slots = [[_at(d, a), _at(d, b)] for d in spec.days for a, b in spec.times]
    elif spec.times:
        slots = [[_at(d1, a), _at(d1, b)] for a, b in spec.times]
    else:
        slots = _day_slots(spec)
        return {"start": slots[0][0], "end": slots[-1][1], "all_day": True, "slots": slots}
    ends = [e for _, e in slots if e is not None]
    end = ends[-1] if ends else (slots[-1][0] if len(slots) > 1 else None)
    return {"start": slots[0][0], "end": end, "all_day": False, "slots": slots}


# -- generation ------------------------------------------------------------------------

def _weighted(rng: random.Random, table) -> str:
    return rng.choices([k for k, _ in table], weights=[w for _, w in table])[0]


def _t(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


def _pick_times(rng: random.Random, kind: str) -> tuple[Slot, ...]:
    start = rng.choice(range(8 * 60, 18 * 60 + 1, 15)) if rng.random() < 0.3 else \
        rng.choice((9 * 60, 9 * 60 + 30, 10 * 60, 11 * 60, 14 * 60, 14 * 60 + 30, 16 * 60, 12 * 60))
    if kind == "start":
        return ((_t(start), None),)
    if kind == "slots":
        if rng.random() < 0.5:
            return ((_t(9 * 60 + 30), _t(12 * 60)), (_t(14 * 60), _t(17 * 60)))
        first = rng.choice((9, 10, 14)) * 60
        n = rng.choice((2, 3))
        return tuple((_t(first + 60 * i), _t(first + 60 * i + 40)) for i in range(n))
    length = rng.choice((40, 60, 90, 120, 120, 150, 180, 7 * 60 + 30 if start < 600 else 120))
    return ((_t(start), _t(min(start + length, 20 * 60))),)


def _pick_day(rng: random.Random, start: dt.date, end: dt.date, outside: bool) -> dt.date:
    if outside:
        before = [dt.date(start.year, 10, d) for d in range(19, 32)]
        after = [end + dt.timedelta(days=n) for n in range(1, 10)]
        return rng.choice([d for d in (before if rng.random() < 0.5 else after) if d.weekday() < 5])
    days = [start + dt.timedelta(n) for n in range((end - start).days + 1)]
    weekdays = [d for d in days if d.weekday() < 5]
    return rng.choice(days if rng.random() < 0.05 else weekdays)


def make_spec(rng: random.Random, start: dt.date, end: dt.date, *, outside: bool) -> WhenSpec:
    """A random but plausible when for an edition running ``start``–``end``."""
    kind = _weighted(rng, KINDS)
    if kind == "month" and outside:
        kind = "allday"
    style = rng.randrange(when_texts.N_STYLES[kind])
    time_style = rng.choice((0, 0, 0, 1, 2, 3, 4, 6))
    d1 = _pick_day(rng, start, end, outside)
    if kind in ("twodays", "list", "continuous"):
        return _several_days(rng, kind, d1, style, time_style)
    if kind == "month":
        return WhenSpec(kind, d1.replace(day=1), None, (), style, time_style)
    if kind == "range":
        if rng.random() < 0.5 and not outside:
            return WhenSpec(kind, start, end, (), style, time_style)
        return WhenSpec(kind, d1, d1 + dt.timedelta(days=rng.choice((2, 4, 6, 13))), (), style, time_style)
    times = () if kind == "allday" else _pick_times(rng, "timed" if kind == "weekof" else kind)
    return WhenSpec(kind, d1, None, times, style, time_style)


def _several_days(rng: random.Random, kind: str, d1: dt.date, style: int, time_style: int) -> WhenSpec:
    """Two days, days apart (same month) or a span from a time to a time."""
    gaps = {"twodays": (1, 1, 2, 7), "list": (2, 3, 7), "continuous": (1, 2)}[kind]
    count = 3 if kind == "list" and rng.random() < 0.5 else 2
    days = [d1]
    for _ in range(count - 1):
        days.append(days[-1] + dt.timedelta(days=rng.choice(gaps)))
    while days[-1].month != d1.month:
        days = [d - dt.timedelta(days=7) for d in days]
    times: tuple[Slot, ...] = ()
    if kind == "continuous":
        times = ((_t(rng.choice((9, 10, 14)) * 60), _t(rng.choice((12, 13, 17)) * 60)),)
    elif kind == "list" and rng.random() < 0.5:
        times = _pick_times(rng, "timed")
    return WhenSpec(kind, days[0], days[-1], times, style, time_style,
                    tuple(days) if kind == "list" else ())


def reschedule(rng: random.Random, spec: WhenSpec) -> WhenSpec:
    """The same event moved: another day, or the same day at other hours (an event whose
    day was not fixed gets one)."""
    shift = dt.timedelta(days=rng.choice((1, 2, 7, -1, 14)))
    if spec.kind == "month":
        day = spec.d1 + dt.timedelta(days=rng.randrange(28))
        return replace(spec, kind="allday", d1=day, style=rng.randrange(when_texts.N_STYLES["allday"]))
    if spec.kind in ("timed", "start", "slots", "weekof") and rng.random() < 0.5:
        delta = rng.choice((30, 60, 90))
        moved = tuple((_add(a, delta), _add(b, delta) if b else None) for a, b in spec.times)
        return replace(spec, times=moved)
    if spec.d2 and (spec.d1 + shift).month != (spec.d2 + shift).month:
        shift = -abs(shift)
    d2 = spec.d2 + shift if spec.d2 else None
    return replace(spec, d1=spec.d1 + shift, d2=d2, days=tuple(d + shift for d in spec.days))


def _add(t: dt.time, minutes: int) -> dt.time:
    return _t(min(t.hour * 60 + t.minute + minutes, 22 * 60))
