"""Where and how a page shows its event's date: one text, ``<time>`` elements (local or UTC,
around the text or standing for it), separate day and hours fields, a Smart Date or Drupal 7
date range, a sentence of the description, or the end of the title."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from replica import truth
from replica.html_common import attr, esc
from replica.model import Event
from replica.wild import words
from replica.wild.draw import Draw

UTC = dt.UTC
PARIS = ZoneInfo("Europe/Paris")
FORMS = (("text", 30), ("time_local", 8), ("time_utc", 6), ("time_pair", 8), ("split", 12), ("smartdate", 7),
         ("d7date", 5), ("description", 12), ("title", 8))
MACHINE = frozenset({"time_pair", "smartdate", "d7date"})
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
MONTHS_SHORT = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")
_NOT_SPLIT = re.compile(r"\s:\s|—|;| et |Horaires")
_TIME = re.compile(r"(?:(?:de|à|dès)\s+)?(?:\d{1,2}\s*[hH](?:\s*\d{2})?\b|\d{1,2}:\d{2}|midi)")
# hours that name another day ("… à 14h au vendredi 29 novembre à 12h"): a range over days, not hours
_DAY_IN_HOURS = re.compile(r"\b(?:au|jusqu.au)\s", re.I)


@dataclass
class DateShown:
    rows: list[tuple[str, str]] = field(default_factory=list)   # (field key, value HTML)
    sentence: str | None = None       # a sentence for the description
    title_suffix: str | None = None   # text appended to the title


def show_date(draw: Draw, ev: Event) -> DateShown:
    text, when = ev.when_text, truth.when_truth(ev)
    if not text:
        return DateShown()
    forms = [(k, w) for k, w in FORMS if k != "split" or split_when(text)]
    form = draw.pick("date.form", [k for k, _ in forms], [w for _, w in forms])
    if form == "description":
        return DateShown(sentence=draw.any(words.WHEN_SENTENCES).format(esc(in_sentence(text))))
    if form == "title":
        return DateShown(title_suffix=text)
    if form == "split":
        day, hours = split_when(text) or (text, "")
        return DateShown(rows=[("day", esc(day)), ("hours", esc(hours))])
    return DateShown(rows=[("when", _value(draw, form, text, when))])


def _value(draw: Draw, form: str, text: str, when: dict) -> str:
    start, end = when["start"], when["end"]
    if form == "time_local":
        local = start if draw.rng.random() < 0.6 else start[:16]      # with or without the offset
        return f'<time datetime="{attr(local)}">{esc(text)}</time>'
    if form == "time_utc":
        return f'<time datetime="{attr(utc(start))}">{esc(text)}</time>'
    if form == "time_pair":
        first = f'<time datetime="{attr(utc(start) if draw.rng.random() < 0.4 else start)}">{esc(spoken(start))}</time>'
        if not end or end == start:
            return first
        return f'{first} – <time datetime="{attr(end)}">{esc(spoken(end, same_day_as=start))}</time>'
    if form == "smartdate":
        return _smartdate(start, end)
    if form == "d7date":
        return _d7date(start, end)
    return esc(text)


def utc(iso: str) -> str:
    """A local ISO datetime as UTC (``…Z``); a plain date stays a date."""
    if "T" not in iso:
        return iso
    return dt.datetime.fromisoformat(iso).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(iso: str) -> dt.datetime | dt.date:
    return dt.datetime.fromisoformat(iso) if "T" in iso else dt.date.fromisoformat(iso)


def _hm(t: dt.datetime) -> str:
    return f"{t.hour}h{t.minute:02d}" if t.minute else f"{t.hour}h"


def spoken(iso: str, *, same_day_as: str | None = None, short: bool = False) -> str:
    """A machine date written for people: "jeudi 7 novembre 2024 à 9h30", or "16h" when it
    ends on the day it started."""
    value = _parse(iso)
    day = value.date() if isinstance(value, dt.datetime) else value
    if isinstance(value, dt.datetime) and same_day_as and _parse(same_day_as).date() == day:
        return _hm(value)
    weekday, month = WEEKDAYS[day.weekday()], MONTHS[day.month - 1]
    if short:
        weekday, month = weekday[:3] + ".", MONTHS_SHORT[day.month - 1]
    text = f"{weekday} {day.day} {month} {day.year}"
    return f"{text} à {_hm(value)}" if isinstance(value, dt.datetime) else text


def _smartdate(start: str, end: str | None) -> str:
    """Drupal Smart Date: ``<time>`` elements with a compact French text, end hour only."""
    first = spoken(start, short=True).replace(" à ", ", ")
    out = f'<time datetime="{attr(start)}" class="datetime">{esc(first)}</time>'
    if end and end != start:
        out += f' - <time datetime="{attr(end)}" class="datetime">{esc(spoken(end, same_day_as=start, short=True))}</time>'
    return f'<div class="smart-date--daterange">{out}</div>'


def _d7date(start: str, end: str | None) -> str:
    """Drupal 7 Date module: RDFa spans whose ``content`` is the machine value."""
    def span(cls: str, iso: str, text: str) -> str:
        return (f'<span class="{cls}" property="dc:date" datatype="xsd:dateTime" '
                f'content="{attr(iso)}">{esc(text)}</span>')

    value = _parse(start)
    first = f"{value:%d/%m/%Y}" + (f" - {value:%H:%M}" if isinstance(value, dt.datetime) else "")
    out = span("date-display-start", start, first)
    if end and end != start:
        last = _parse(end)
        text = f"{last:%H:%M}" if isinstance(last, dt.datetime) and isinstance(value, dt.datetime) and \
            last.date() == value.date() else f"{last:%d/%m/%Y}"
        out += " au " + span("date-display-end", end, text)
    return f'<span class="date-display-range">{out}</span>'


def split_when(text: str) -> tuple[str, str] | None:
    """"Le lundi 07/11 de 9h30 à 16h" → ("Le lundi 07/11", "de 9h30 à 16h"); None when the text
    has no hours, or hours that would not stand alone (several sessions, labels inside)."""
    if _NOT_SPLIT.search(text):
        return None
    m = _TIME.search(text)
    if m is None or m.start() == 0:
        return None
    day, hours = text[:m.start()].rstrip(" ,·–-"), text[m.start():]
    if not re.search(r"\d", day) or len(day) < 4:
        return None
    if day.count("(") != day.count(")") or _DAY_IN_HOURS.search(hours):
        return None     # a range over days ("du 6 (10h) au 7 novembre (17h)") has no hours of its own
    return day, hours


def in_sentence(text: str) -> str:
    """The date as it reads inside a sentence: "Le lundi…" → "le lundi…", "07/11…" → "le 07/11…"."""
    if text[:1].isdigit():
        return "le " + text
    if text[:1] == "[":
        return text
    return text[:1].lower() + text[1:]
