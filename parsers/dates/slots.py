"""Build the (start, end) slots of a reading from its resolved calendar days.

Consecutive atoms joined by "range" make one unit (first day … last day); other atoms are
units of their own (atoms set aside by parsers.dates.select make none). Times written at both ends of a range make one continuous slot ("du 16
novembre 14h au 17 novembre 12h"); times written once apply to every day of the unit
("du 2 au 4 novembre de 9h à 17h" → three slots); a unit without times borrows those of
the next unit that has some, else of the previous one ("les 19 et 20 novembre de 9h à
17h"). Local times are built with zoneinfo in the clock each time was written in
(parsers.dates.clocks); instants are compared in UTC. A unit is as precise as its
coarsest date ("minute" when it has times).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from parsers.dates.clocks import fixed, is_offset, reconcile, zone_info
from parsers.dates.model import RANK, Atom, Pair, Slot, Value, atom_precision
from parsers.dates.resolve import Unreadable

UTC = dt.UTC
MAX_DAILY_SPAN = 62  # longer ranges with a daily time keep one slot, not hundreds
MAX_WEEKLY_SPAN = 400


@dataclass(slots=True)
class Unit:
    first: dt.date
    last: dt.date
    head: list[Slot]
    tail: list[Slot] = field(default_factory=list)
    bound: str | None = None
    offset: str | None = None
    weekly: frozenset[int] | None = None
    tail_offset: str | None = None  # the UTC offset written with the range end, if any
    precision: str = "day"

    def daily(self) -> list[Slot]:
        return [] if self.head and self.tail else (self.head or self.tail)


def _coarser(a: str, b: str) -> str:
    return a if RANK[a] >= RANK[b] else b


def make_units(atoms: list[Atom], spans: list[tuple[dt.date, dt.date]],
               weekly: frozenset[int] | None = None) -> list[Unit]:
    units: list[Unit] = []
    for atom, (first, last) in zip(atoms, spans, strict=True):
        if atom.aside:
            continue
        if atom.link == "range" and units:
            unit = units[-1]
            if last < unit.first:
                raise Unreadable("range ends before it starts")
            unit.last, unit.tail, unit.bound = last, list(atom.times), None
            unit.tail_offset = atom.utc_offset
            unit.precision = _coarser(unit.precision, atom_precision(atom))
        else:
            units.append(Unit(first, last, list(atom.times), [], atom.bound, atom.utc_offset,
                              weekly, None, atom_precision(atom)))
    if len(units) > 1:
        _share_times(units)
    return units


def _share_times(units: list[Unit]) -> None:
    """A unit without times borrows those of the next unit that has some, else the previous."""
    for i, unit in enumerate(units):
        if not unit.head and not unit.tail:
            donor = next((u for u in units[i + 1:] if u.daily()), None) or next(
                (u for u in reversed(units[:i]) if u.daily()), None)
            if donor is not None:
                unit.head = list(donor.daily())


@functools.lru_cache(maxsize=1024)
def plain_day(zone: ZoneInfo, day: dt.date) -> bool:
    """True when the zone's offset does not change during the day (no gap, no fold)."""
    first = dt.datetime(day.year, day.month, day.day, tzinfo=zone)
    last = dt.datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=zone)
    return first.utcoffset() == last.utcoffset() == first.replace(fold=1).utcoffset()


def local(day: dt.date, clock: tuple[int, int], zone: ZoneInfo, warnings: list[str],
          offset: str | None = None) -> dt.datetime:
    """An aware datetime for a wall-clock time on a day, with DST gaps and folds flagged."""
    hour, minute = clock
    if hour == 24:
        day, hour = day + dt.timedelta(days=1), 0
    if offset:
        return dt.datetime(day.year, day.month, day.day, hour, minute,
                           tzinfo=fixed(offset)).astimezone(zone)
    value = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
    if plain_day(zone, day) or value.utcoffset() == value.replace(fold=1).utcoffset():
        return value  # neither in a gap nor in a fold: the usual case
    back = value.astimezone(UTC).astimezone(zone)
    if back.replace(tzinfo=None) != value.replace(tzinfo=None):
        warnings.append(f"{value:%Y-%m-%d %H:%M} does not exist in {zone.key} (clocks "
                        f"go forward); read as {back:%H:%M}")
        return back
    warnings.append(f"{value:%Y-%m-%d %H:%M} happens twice in {zone.key} (clocks go "
                    "back); read as the first one")
    return value


def _clock(slot: Slot, zone: ZoneInfo, offset: str | None) -> tuple[ZoneInfo, str | None]:
    """The zone and fixed offset a slot's times are read in."""
    if slot.zone is None:
        return zone, offset
    if is_offset(slot.zone):
        return zone, slot.zone
    return zone_info(slot.zone), None


def _timed(day: dt.date, slot: Slot, unit: Unit, default: ZoneInfo, warnings: list[str]) -> Pair:
    zone, offset = _clock(slot, default, unit.offset)
    start = local(day, slot.start, zone, warnings, offset)
    if slot.end is None:
        return (start, None)
    end_day = day
    start_min, end_min = slot.start[0] * 60 + slot.start[1], slot.end[0] * 60 + slot.end[1]
    if end_min <= start_min:
        if start_min >= 12 * 60 and end_min <= 6 * 60:
            end_day = day + dt.timedelta(days=1)  # "de 22h à 2h", "de 20h à minuit"
        else:
            warnings.append(f"end time {slot.end[0]:02d}:{slot.end[1]:02d} is not after start "
                            f"{slot.start[0]:02d}:{slot.start[1]:02d}; end dropped")
            return (start, None)
    end = local(end_day, slot.end, zone, warnings, offset)
    if end.utcoffset() != start.utcoffset() and end.astimezone(UTC) <= start.astimezone(UTC):
        warnings.append("end instant not after start instant; end dropped")
        return (start, None)
    return (start, end)


def _days(unit: Unit) -> Iterator[dt.date]:
    count = (unit.last - unit.first).days + 1
    return (unit.first + dt.timedelta(days=n) for n in range(count))


def _at(day: dt.date, clock: tuple[int, int], slot: Slot, default: ZoneInfo,
        warnings: list[str], offset: str | None) -> dt.datetime:
    zone, fixed_offset = _clock(slot, default, offset)
    return local(day, clock, zone, warnings, fixed_offset)


def _one_clock(unit: Unit, zone: ZoneInfo, warnings: list[str]) -> None:
    """Times written in two clocks are kept once (parsers.dates.clocks.reconcile)."""
    if any(s.zone for s in unit.head) or any(s.zone for s in unit.tail):
        unit.head = reconcile(unit.head, unit.first, zone, warnings)
        unit.tail = reconcile(unit.tail, unit.last, zone, warnings)


def unit_slots(unit: Unit, zone: ZoneInfo, warnings: list[str]) -> list[Pair]:
    _one_clock(unit, zone, warnings)
    times = unit.daily()
    if unit.bound == "from":
        if not unit.head:
            return [(unit.first, None)]
        return [(_at(unit.first, unit.head[0].start, unit.head[0], zone, warnings, unit.offset), None)]
    if unit.bound == "to":
        if not unit.head:
            return [(None, unit.last)]
        last = unit.head[-1]
        return [(None, _at(unit.last, last.end or last.start, last, zone, warnings, unit.offset))]
    if unit.head and unit.tail:
        return [_continuous(unit, zone, warnings)]
    if unit.weekly is not None and unit.first != unit.last:
        return _weekly(unit, times, zone, warnings)
    if not times:
        return [(unit.first, unit.last)]
    if (unit.last - unit.first).days >= MAX_DAILY_SPAN:
        first, last = times[0], times[-1]
        return [(_at(unit.first, first.start, first, zone, warnings, unit.offset),
                 _at(unit.last, last.end or last.start, last, zone, warnings, unit.offset))]
    return [_timed(day, slot, unit, zone, warnings) for day in _days(unit) for slot in times]


def _continuous(unit: Unit, zone: ZoneInfo, warnings: list[str]) -> Pair:
    """"du 16 novembre 14h au 17 novembre 12h": one slot from the first time to the last."""
    first, last = unit.head[0], unit.tail[-1]
    start = _at(unit.first, first.start, first, zone, warnings, unit.offset)
    end = _at(unit.last, last.end or last.start, last, zone, warnings, unit.tail_offset)
    if end.timestamp() <= start.timestamp():
        warnings.append("range ends before it starts; end dropped")
        return (start, None)
    return (start, end)


def _weekly(unit: Unit, times: list[Slot], zone: ZoneInfo, warnings: list[str]) -> list[Pair]:
    """"tous les jeudis de novembre": one slot per such weekday of the range; all-day
    slots of consecutive days are one ("du 4 au 29 novembre, du lundi au vendredi": a slot
    per week)."""
    if (unit.last - unit.first).days > MAX_WEEKLY_SPAN:
        raise Unreadable("weekly over too long a span")
    allowed = unit.weekly or frozenset()
    days = [day for day in _days(unit) if day.weekday() in allowed]
    if not days:
        raise Unreadable("no such weekday in the range")
    if not times:
        runs: list[Pair] = []
        for day in days:
            if runs and runs[-1][1] == day - dt.timedelta(days=1):
                runs[-1] = (runs[-1][0], day)
            else:
                runs.append((day, day))
        return runs
    return [_timed(day, slot, unit, zone, warnings) for day in days for slot in times]


_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


def _instant(value: Value) -> float:
    """Seconds since the epoch: the instant of an aware datetime, UTC midnight of a date."""
    if isinstance(value, dt.datetime):
        return value.timestamp()
    return (value.toordinal() - _EPOCH_ORDINAL) * 86400.0


def bounds(slots: list[Pair]) -> tuple[Value | None, Value | None]:
    """Overall start (earliest slot start) and end (latest slot end) of the slots."""
    if len(slots) == 1:
        return slots[0]
    starts = [s for s, _ in slots]
    start = None if None in starts else starts[0]  # build_slots sorted them
    ends = [e for _, e in slots if e is not None]
    if ends:
        return start, max(ends, key=_instant)
    known = [s for s in starts if s is not None]
    return start, max(known, key=_instant) if len(slots) > 1 and start is not None else None


def build_slots(atoms: list[Atom], spans: list[tuple[dt.date, dt.date]], zone: ZoneInfo,
                warnings: list[str], weekly: frozenset[int] | None = None) -> tuple[list[Pair], str]:
    """The slots, sorted, and their precision (the coarsest of the units)."""
    units = make_units(atoms, spans, weekly)
    if not units:
        raise Unreadable("no date of the event")
    slots = [s for unit in units for s in unit_slots(unit, zone, warnings)]
    timed = {isinstance(v, dt.datetime) for pair in slots for v in pair if v is not None}
    if len(timed) > 1:
        raise Unreadable("some parts have times, others none")
    if len(slots) > 1 and None not in (s for s, _ in slots):
        slots.sort(key=lambda pair: _instant(pair[0]))  # type: ignore[arg-type]  # no None here
    if True in timed:
        return slots, "minute"
    precision = "day"
    for unit in units:   # every day of a weekly unit is fixed ("tous les jeudis de novembre")
        filtered = unit.weekly is not None and unit.first != unit.last
        precision = _coarser(precision, "day" if filtered else unit.precision)
    return slots, precision
