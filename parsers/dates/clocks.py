"""The clock a time is read in, and texts that give one time in two clocks.

- A time with no zone named is read in the zone ``parse_when`` was given (the venue's
  for an in-person event, Paris otherwise: see parsers.zones.event_zone).
- A zone named in the text wins for the times it follows ("9h (heure de La Réunion)",
  "14h UTC-4", "de 9h à 12h HNC"); a fixed offset is converted to the given zone.
- Two clocks for the same times ("14h heure de Paris / 17h heure de La Réunion",
  "14h (17h à La Réunion)"): the times written in the given zone are kept (else the
  first written); when the other clock does not give the same instants, a warning
  says so.
- The values of a When are all in one zone: the zone named if every time was written in
  it, else the given zone.
"""

from __future__ import annotations

import datetime as dt
import functools
from zoneinfo import ZoneInfo

from parsers.dates.model import Clock, Pair, Slot

UTC = dt.UTC


@functools.lru_cache(maxsize=64)
def zone_info(key: str) -> ZoneInfo:
    return ZoneInfo(key)


def fixed(offset: str) -> dt.tzinfo:
    """"z" / "+04:00" / "-0400" as a fixed-offset tzinfo."""
    if offset == "z":
        return UTC
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))


def is_offset(zone: str | None) -> bool:
    return zone is not None and (zone == "z" or zone[0] in "+-")


def _instant(day: dt.date, clock: Clock, zone: str | None, default: ZoneInfo) -> dt.datetime:
    tz = default if zone is None else fixed(zone) if is_offset(zone) else zone_info(zone)
    hour, minute = clock
    extra = dt.timedelta(days=1) if hour == 24 else dt.timedelta()
    return dt.datetime(day.year, day.month, day.day, hour % 24, minute, tzinfo=tz) + extra


def _name(zone: str | None, default: ZoneInfo) -> str:
    return default.key if zone is None else zone


def reconcile(times: list[Slot], day: dt.date, default: ZoneInfo, warnings: list[str]) -> list[Slot]:
    """One set of times when the text gives them in several clocks."""
    groups: dict[str | None, list[Slot]] = {}
    for slot in times:
        groups.setdefault(slot.zone, []).append(slot)
    if len(groups) < 2 or len({len(g) for g in groups.values()}) != 1:
        return times
    keys = list(groups)
    keep = next((k for k in keys if k is None or k == default.key), keys[0])
    for key in keys:
        if key != keep and not _agree(groups[keep], groups[key], day, default):
            warnings.append(f"the clocks disagree: {_name(keep, default)} and "
                            f"{_name(key, default)} times are not the same instants; the "
                            f"{_name(keep, default)} times are kept")
    return groups[keep]


def _agree(kept: list[Slot], other: list[Slot], day: dt.date, default: ZoneInfo) -> bool:
    for a, b in zip(kept, other, strict=True):
        if _instant(day, a.start, a.zone, default) != _instant(day, b.start, b.zone, default):
            return False
        if a.end is not None and b.end is not None and \
                _instant(day, a.end, a.zone, default) != _instant(day, b.end, b.zone, default):
            return False
    return True


def one_zone(slots: list[Pair], default: ZoneInfo) -> tuple[list[Pair], str]:
    """The slots with all their times in one zone, and its name."""
    zones = {v.tzinfo for pair in slots for v in pair if isinstance(v, dt.datetime)}
    if not zones:
        return slots, default.key
    if len(zones) == 1:
        only = zones.pop()
        if isinstance(only, ZoneInfo):
            return slots, only.key
    moved = [tuple(v.astimezone(default) if isinstance(v, dt.datetime) else v for v in pair)
             for pair in slots]
    return [(a, b) for a, b in moved], default.key
