"""Date texts as organisers write them, with the values a careful reader gets from them.

A ``WhenSpec`` is the model (days, times, kind, writing style); ``render`` writes it in
French and ``truth`` gives what ``parsers.dates.parse_when(text, year=edition)`` should
return: local ISO dates (all-day) or datetimes with the Paris offset, end inclusive.
Weekdays always match the dates.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = {10: "octobre", 11: "novembre", 12: "décembre"}
MONTHS_ABBR = {10: "oct.", 11: "nov.", 12: "déc."}
KINDS = (("timed", 55), ("slots", 8), ("start", 7), ("allday", 10), ("twodays", 6), ("range", 8))
N_STYLES = {"timed": 9, "start": 3, "allday": 4, "twodays": 3, "range": 4, "slots": 3}
Slot = tuple[dt.time, dt.time | None]


@dataclass(frozen=True)
class WhenSpec:
    kind: str
    d1: dt.date
    d2: dt.date | None = None
    times: tuple[Slot, ...] = ()
    style: int = 0
    time_style: int = 0


# -- rendering helpers ---------------------------------------------------------------

def _wd(d: dt.date, cap: bool = False) -> str:
    name = WEEKDAYS[d.weekday()]
    return name.capitalize() if cap else name


def _day(d: dt.date) -> str:
    return "1er" if d.day == 1 else str(d.day)


def _long(d: dt.date, *, year: bool = True, weekday: str = "", abbr: bool = False) -> str:
    month = MONTHS_ABBR[d.month] if abbr else MONTHS[d.month]
    text = f"{_day(d)} {month}" + (f" {d.year}" if year else "")
    return f"{weekday} {text}" if weekday else text


def _num(d: dt.date, *, year: bool = False) -> str:
    return f"{d.day:02d}/{d.month:02d}" + (f"/{d.year}" if year else "")


def fmt_time(t: dt.time, style: int, *, midi: bool = False) -> str:
    """``9h30``/``16h`` (0), ``9 h 30`` (1), ``09:30`` (2), ``9H30`` (3), ``16h00`` (4)."""
    if midi and style == 0 and t.hour == 12 and t.minute == 0:
        return "midi"
    if style == 1:
        return f"{t.hour} h" + (f" {t.minute:02d}" if t.minute else "")
    if style == 2:
        return f"{t.hour:02d}:{t.minute:02d}"
    if style == 3:
        return f"{t.hour}H" + (f"{t.minute:02d}" if t.minute else "")
    if style == 4:
        return f"{t.hour}h{t.minute:02d}"
    return f"{t.hour}h" + (f"{t.minute:02d}" if t.minute else "")


def _span(slot: Slot, ts: int) -> str:
    return f"{fmt_time(slot[0], ts)}-{fmt_time(slot[1], ts)}" if slot[1] else fmt_time(slot[0], ts)


def _timed(s: WhenSpec) -> str:
    d, ts = s.d1, s.time_style
    midi = s.style != 3
    a, b = fmt_time(s.times[0][0], ts, midi=midi), fmt_time(s.times[0][1], ts, midi=midi)
    return (
        f"Le {_wd(d)} {_num(d)} de {a} à {b}",
        f"{_long(d, weekday=_wd(d, True))} de {a} à {b}",
        f"le {_long(d)} de {a} à {b}",
        f"{_long(d, year=False, weekday=_wd(d, True))}, {a}-{b}",
        f"{_num(d, year=True)} de {a} à {b}",
        f"Le {_long(d, weekday=_wd(d))} · {a} – {b}",
        f"{_long(d, weekday=_wd(d, True), abbr=True)}, de {a} à {b}",
        f"Le {_long(d, weekday=_wd(d))}. Horaires : de {a} à {b}",
        f"{_long(d)} de {a} à {b}",
    )[s.style]


def _start(s: WhenSpec) -> str:
    d, a = s.d1, fmt_time(s.times[0][0], s.time_style)
    return (
        f"{_long(d, weekday=_wd(d, True))} à {a}",
        f"Le {_long(d, year=False)} à {a}",
        f"Le {_wd(d)} {_num(d)} à {a}",
    )[s.style]


def _allday(s: WhenSpec) -> str:
    d = s.d1
    return (
        _long(d, weekday=_wd(d, True)),
        f"Le {_wd(d)} {_num(d)}",
        f"Le {_long(d)}",
        f"{_long(d, weekday=_wd(d, True))}, toute la journée",
    )[s.style]


def _twodays(s: WhenSpec) -> str:
    d1, d2 = s.d1, s.d2
    return (
        f"les {_day(d1)} et {_long(d2)}",
        f"Le {_day(d1)} et le {_long(d2, year=False)}",
        f"Les {_wd(d1)} {_day(d1)} et {_wd(d2)} {_long(d2)}",
    )[s.style]


def _range(s: WhenSpec) -> str:
    d1, d2 = s.d1, s.d2
    first = _day(d1) if d1.month == d2.month else _long(d1, year=False)
    first_wd = f"{_wd(d1)} {first}"
    return (
        f"Du {first} au {_long(d2)}",
        f"du {first_wd} au {_long(d2, weekday=_wd(d2))}",
        f"[Du {_num(d1)} au {_num(d2)}]",
        f"Du {_num(d1, year=True)} au {_num(d2, year=True)}",
    )[s.style]


def _slots(s: WhenSpec) -> str:
    d, ts = s.d1, s.time_style
    spans = [_span(x, ts) for x in s.times]
    joined = " et ".join([", ".join(spans[:-1]), spans[-1]]) if len(spans) > 1 else spans[0]
    if s.style == 1:
        parts = [f"de {fmt_time(a, ts)} à {fmt_time(b, ts)}" for a, b in s.times]
        return f"Le {_wd(d)} {_num(d)}, " + " et ".join(parts)
    if s.style == 2 and len(spans) == 2:
        return f"Le {_long(d)} — matin : {spans[0]} ; après-midi : {spans[1]}"
    return f"{_long(d, weekday=_wd(d, True))} : {joined}"


_RENDER = {"timed": _timed, "start": _start, "allday": _allday, "twodays": _twodays,
           "range": _range, "slots": _slots}


def render(spec: WhenSpec) -> str:
    return _RENDER[spec.kind](spec)


# -- truth -----------------------------------------------------------------------------

def _at(d: dt.date, t: dt.time | None) -> str | None:
    return None if t is None else dt.datetime.combine(d, t, tzinfo=PARIS).isoformat()


def truth(spec: WhenSpec) -> dict:
    """``start``/``end``/``all_day``/``slots`` as ``parse_when`` should give them."""
    k, d1 = spec.kind, spec.d1
    if k in ("timed", "start", "slots"):
        slots = [[_at(d1, a), _at(d1, b)] for a, b in spec.times]
        return {"start": slots[0][0], "end": slots[-1][1], "all_day": False, "slots": slots}
    if k == "allday":
        slots = [[d1.isoformat(), d1.isoformat()]]
    elif k == "twodays":
        slots = [[d1.isoformat(), d1.isoformat()], [spec.d2.isoformat(), spec.d2.isoformat()]]
    else:
        slots = [[d1.isoformat(), spec.d2.isoformat()]]
    return {"start": slots[0][0], "end": slots[-1][1], "all_day": True, "slots": slots}


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
    style, time_style = rng.randrange(N_STYLES[kind]), rng.choice((0, 0, 0, 1, 2, 3, 4))
    d1 = _pick_day(rng, start, end, outside)
    if kind == "twodays":
        d2 = d1 + dt.timedelta(days=rng.choice((1, 1, 2, 7)))
        if d2.month != d1.month:
            d1, d2 = d1 - dt.timedelta(days=7), d2 - dt.timedelta(days=7)
        return WhenSpec(kind, d1, d2, (), style, time_style)
    if kind == "range":
        if rng.random() < 0.5 and not outside:
            return WhenSpec(kind, start, end, (), style, time_style)
        return WhenSpec(kind, d1, d1 + dt.timedelta(days=rng.choice((2, 4, 6, 13))), (), style, time_style)
    times = () if kind == "allday" else _pick_times(rng, kind)
    return WhenSpec(kind, d1, None, times, style, time_style)


def reschedule(rng: random.Random, spec: WhenSpec) -> WhenSpec:
    """The same event moved: another day, or the same day at other hours."""
    shift = dt.timedelta(days=rng.choice((1, 2, 7, -1, 14)))
    if spec.kind in ("timed", "start", "slots") and rng.random() < 0.5:
        delta = rng.choice((30, 60, 90))
        moved = tuple((_add(a, delta), _add(b, delta) if b else None) for a, b in spec.times)
        return replace(spec, times=moved)
    if spec.d2 and (spec.d1 + shift).month != (spec.d2 + shift).month:
        shift = -abs(shift)
    d2 = spec.d2 + shift if spec.d2 else None
    return replace(spec, d1=spec.d1 + shift, d2=d2)


def _add(t: dt.time, minutes: int) -> dt.time:
    return _t(min(t.hour * 60 + t.minute + minutes, 22 * 60))
