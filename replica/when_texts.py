"""How organisers write a ``replica.whens.WhenSpec`` in French, kind by kind and style by
style (the truth of each is in replica.whens). Weekdays always match the dates."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from replica.whens import Slot, WhenSpec

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = {1: "janvier", 2: "février", 3: "mars", 4: "avril", 5: "mai", 6: "juin", 7: "juillet",
          8: "août", 9: "septembre", 10: "octobre", 11: "novembre", 12: "décembre"}
MONTHS_ABBR = {10: "oct.", 11: "nov.", 12: "déc."}
_UNITS = ("", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
          "onze", "douze", "treize", "quatorze", "quinze", "seize")
NNBSP, NBSP = "\u202f", "\u00a0"


def _wd(d: dt.date, cap: bool = False) -> str:
    name = WEEKDAYS[d.weekday()]
    return name.capitalize() if cap else name


def _day(d: dt.date) -> str:
    return "1er" if d.day == 1 else str(d.day)


def _day_of(d: dt.date, last: dt.date) -> str:
    """The day, with its month when the last date of the text is in another month."""
    return _day(d) if d.month == last.month else f"{_day(d)} {MONTHS[d.month]}"


def day_words(n: int) -> str:
    """A day of the month in French words ("premier", "quatorze", "vingt et un")."""
    if n == 1:
        return "premier"
    if n <= 16:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    head = {1: "dix", 2: "vingt", 3: "trente"}[tens]
    if unit == 0:
        return head
    return f"{head} et un" if unit == 1 and tens > 1 else f"{head}-{_UNITS[unit]}"


def _long(d: dt.date, *, year: bool = True, weekday: str = "", abbr: bool = False) -> str:
    month = MONTHS_ABBR.get(d.month, MONTHS[d.month]) if abbr else MONTHS[d.month]
    text = f"{_day(d)} {month}" + (f" {d.year}" if year else "")
    return f"{weekday} {text}" if weekday else text


def _num(d: dt.date, *, year: bool = False) -> str:
    return f"{d.day:02d}/{d.month:02d}" + (f"/{d.year}" if year else "")


def fmt_time(t: dt.time, style: int, *, midi: bool = False) -> str:
    """``9h30``/``16h`` (0), ``9 h 30`` (1), ``09:30`` (2), ``9H30`` (3), ``16h00`` (4),
    ``9 heures 30`` (6)."""
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
    if style == 6:
        return f"{t.hour} heures" + (f" {t.minute:02d}" if t.minute else "")
    return f"{t.hour}h" + (f"{t.minute:02d}" if t.minute else "")


def _span(slot: Slot, ts: int) -> str:
    return f"{fmt_time(slot[0], ts)}-{fmt_time(slot[1], ts)}" if slot[1] else fmt_time(slot[0], ts)


def _spaced(text: str) -> str:
    """Letter-spaced capitals: "LE 14" → "L E  1 4"."""
    return "  ".join(" ".join(word) for word in text.upper().split())


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
        f"le {day_words(d.day)} {MONTHS[d.month]}, {a}-{b}",
        f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d} de {a} à {b}",
        f"{_wd(d, True)}{NBSP}{'1ᵉʳ' if d.day == 1 else d.day}{NBSP}{MONTHS[d.month]}{NBSP}{d.year}"
        f" · {a}{NNBSP}–{NNBSP}{b}",
        f"{MONTHS[d.month].capitalize()} {d.day} {d.year}, {a} – {b}",
        f"Le {_long(d)} de {a} à {b} (mis à jour le {_long(d - dt.timedelta(days=9))})",
        f"Inscriptions avant le {_long(d - dt.timedelta(days=4), year=False)}. Le {_long(d)}, {a}-{b}",
    )[s.style]


def _start(s: WhenSpec) -> str:
    d, a = s.d1, fmt_time(s.times[0][0], s.time_style)
    return (
        f"{_long(d, weekday=_wd(d, True))} à {a}",
        f"Le {_long(d, year=False)} à {a}",
        f"Le {_wd(d)} {_num(d)} à {a}",
        f"{_wd(d, True)} {d.day:02d}.{d.month:02d}.{d.year % 100:02d}, {a}",
    )[s.style]


def _allday(s: WhenSpec) -> str:
    d = s.d1
    return (
        _long(d, weekday=_wd(d, True)),
        f"Le {_wd(d)} {_num(d)}",
        f"Le {_long(d)}",
        f"{_long(d, weekday=_wd(d, True))}, toute la journée",
        _spaced(f"le {d.day} {MONTHS[d.month]} {d.year}"),
        f"le {_wd(d)} {day_words(d.day)} {MONTHS[d.month]} {d.year}",
    )[s.style]


def _twodays(s: WhenSpec) -> str:
    d1, d2 = s.d1, s.d2
    assert d2 is not None
    first = _day_of(d1, d2)
    return (
        f"les {first} et {_long(d2)}",
        f"Le {first} et le {_long(d2, year=False)}",
        f"Les {_wd(d1)} {first} et {_wd(d2)} {_long(d2)}",
        f"le {_day(d1)} après-midi et le {_long(d2)}" if d1.month == d2.month
        else f"le {first} et le {_long(d2)}",
        f"le {_day(d1)} (matinée) et le {_long(d2, year=False)}" if d1.month == d2.month
        else f"le {first} et le {_long(d2, year=False)}",
    )[s.style]


def _range(s: WhenSpec) -> str:
    d1, d2 = s.d1, s.d2
    assert d2 is not None
    first = _day(d1) if d1.month == d2.month else _long(d1, year=False)
    first_wd = f"{_wd(d1)} {first}"
    return (
        f"Du {first} au {_long(d2)}",
        f"du {first_wd} au {_long(d2, weekday=_wd(d2))}",
        f"[Du {_num(d1)} au {_num(d2)}]",
        f"Du {_num(d1, year=True)} au {_num(d2, year=True)}",
        f"du {day_words(d1.day)} au {day_words(d2.day)} {MONTHS[d2.month]}" if d1.month == d2.month
        else f"Du {first} au {_long(d2)}",
        f"{_day(d1)} (matin) - {_day(d2)} {MONTHS[d2.month]}" if d1.month == d2.month
        else f"du {first_wd} au {_long(d2, weekday=_wd(d2))}",
    )[s.style]


def _slots(s: WhenSpec) -> str:
    d, ts = s.d1, s.time_style
    spans = [_span(x, ts) for x in s.times]
    joined = " et ".join([", ".join(spans[:-1]), spans[-1]]) if len(spans) > 1 else spans[0]
    if s.style == 1:
        parts = [f"de {fmt_time(a, ts)} à {fmt_time(b, ts)}" for a, b in s.times if b]
        return f"Le {_wd(d)} {_num(d)}, " + " et ".join(parts)
    if s.style == 2 and len(spans) == 2:
        return f"Le {_long(d)} — matin : {spans[0]} ; après-midi : {spans[1]}"
    return f"{_long(d, weekday=_wd(d, True))} : {joined}"


def _listed(s: WhenSpec) -> str:
    """Days apart, one slot each: "les 7, 14 et 21 novembre"."""
    days = s.days
    last = days[-1]
    head = ", ".join(_day_of(d, last) for d in days[:-1])
    times = ""
    if s.times:
        a, b = s.times[0]
        times = f" de {fmt_time(a, s.time_style)} à {fmt_time(b, s.time_style)}" if b else \
            f" à {fmt_time(a, s.time_style)}"
    return (
        f"les {head} et {_long(last)}{times}",
        f"le {', le '.join(_day_of(d, last) for d in days[:-1])} et le {_day(last)} {MONTHS[last.month]}{times}",
        f"{', '.join(_num(d) for d in days[:-1])} et {_num(last)}{times}",
        f"Les {_wd(days[0])} {_day_of(days[0], last)} et {_wd(last)} {_long(last)}{times}",
    )[s.style if len(days) == 2 or s.style != 3 else 0]


def _month(s: WhenSpec) -> str:
    """The month is known, the day not yet: "en novembre", "11/2024"."""
    d = s.d1
    return (f"En {MONTHS[d.month]}", f"{MONTHS[d.month].capitalize()} {d.year}",
            f"Courant {MONTHS[d.month]} (date à préciser)", f"{d.month:02d}/{d.year}",
            f"Tout le mois de {MONTHS[d.month]} {d.year}")[s.style]


def _continuous(s: WhenSpec) -> str:
    """From a time on one day to a time on another: "du 13 (14h) au 15 novembre (12h)"."""
    assert s.d2 is not None
    a, b = fmt_time(s.times[0][0], s.time_style), fmt_time(s.times[0][1], s.time_style)
    return (f"du {_day_of(s.d1, s.d2)} ({a}) au {_long(s.d2, year=False)} ({b})",
            f"Du {_long(s.d1, weekday=_wd(s.d1))} à {a} au {_long(s.d2, weekday=_wd(s.d2))} à {b}",
            )[s.style]


def _weekof(s: WhenSpec) -> str:
    """A weekday under the week it belongs to: "Semaine du 18 novembre : mardi de 14h à 17h"."""
    monday = s.d1 - dt.timedelta(days=s.d1.weekday())
    a, b = fmt_time(s.times[0][0], s.time_style), fmt_time(s.times[0][1], s.time_style)
    return (f"Semaine du {_long(monday, year=False)} : {_wd(s.d1)} de {a} à {b}",
            f"Semaine du {_long(monday)} — {_wd(s.d1, True)}, {a}-{b}")[s.style]


RENDER = {"timed": _timed, "start": _start, "allday": _allday, "twodays": _twodays,
          "range": _range, "slots": _slots, "list": _listed, "month": _month,
          "continuous": _continuous, "weekof": _weekof}
N_STYLES = {"timed": 15, "start": 4, "allday": 6, "twodays": 5, "range": 6, "slots": 3, "list": 4,
            "month": 5, "continuous": 2, "weekof": 2}
