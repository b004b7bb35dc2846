"""The iCalendar export (RFC 5545, built with the ``icalendar`` library).

One VEVENT per event whose day is fixed: a parsed start with the precision of a day or a
time (an event without a date, or dated only to a month, a season or a year — "en
novembre", "au premier trimestre 2025" — cannot be a VEVENT and is counted as skipped):

- ``UID``: ``<sha1 of the event's first canonical URL>@mipcrawl`` — the URL it was first
  seen at (kept by the ``moved`` revision when the slug changed), so the UID is the same
  across runs, across re-slugs and across databases;
- ``SEQUENCE``: the number of crawl runs that revised the event after it was added (0 for
  an event never changed), so a re-export after a change bumps only the changed events;
- ``DTSTART``/``DTEND``: date-times with the ``TZID`` of the event's clock (Europe/Paris,
  or the venue's zone for an in-person event overseas: ``America/Martinique``,
  ``Indian/Reunion``…), or ``DATE`` values for all-day events, whose ``DTEND`` is the day
  after the last day (exclusive, as RFC 5545 wants);
- ``STATUS``: ``CANCELLED`` for cancelled and withdrawn events (a withdrawn one says so in
  ``COMMENT`` and at the top of ``DESCRIPTION``), ``CONFIRMED`` otherwise;
- ``SUMMARY``, ``LOCATION``, ``URL``, ``ORGANIZER`` (``CN`` = the organiser's name, the
  event page as address), ``DESCRIPTION`` (clean text + registration link),
  ``CATEGORIES`` (formats), ``CREATED``/``LAST-MODIFIED``/``DTSTAMP`` from first seen and
  last changed (the output depends on the data only, not on the export time);
- one ``VTIMEZONE`` per zone used, generated from zoneinfo by ``icalendar``.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import icalendar
from sqlalchemy.orm import Session

from models import Event
from parsers import PARIS
from storage.reads import first_urls, revision_counts
from storage.rows import zone_named
from storage.selection import Selection, select_events

PRODID = "-//mipcrawl//Mois de l'innovation publique//FR"


def uid_for(url: str) -> str:
    return f"{hashlib.sha1(url.encode()).hexdigest()}@mipcrawl"


def location(ev: Event) -> str | None:
    if ev.attendance == "online":
        return ev.online_url or "En ligne"
    where = ", ".join(p for p in (ev.venue, ev.street, " ".join(filter(None, (ev.postcode, ev.commune_name)))) if p)
    return where or ev.place_text


def _times(vevent: icalendar.Event, ev: Event) -> None:
    if ev.all_day:
        start = ev.start_date or ev.start_at.astimezone(PARIS).date()
        last = ev.end_date or start
        vevent.add("dtstart", start)
        vevent.add("dtend", last + dt.timedelta(days=1))
        return
    zone = zone_named(ev.time_zone)
    vevent.add("dtstart", ev.start_at.astimezone(zone))
    if ev.end_at is not None and ev.end_at > ev.start_at:
        vevent.add("dtend", ev.end_at.astimezone(zone))


FIXED = frozenset({None, "day", "minute"})   # None: stored before precisions were kept


def day_fixed(ev: Event) -> bool:
    """Has the event a start whose day is known (precision of a day or a time)?"""
    return ev.start_at is not None and ev.date_precision in FIXED


def _description(ev: Event) -> str:
    parts = []
    if ev.status == "withdrawn":
        parts.append(_withdrawn_note(ev))
    parts += [ev.description_text or "", f"Inscription : {ev.registration_url}" if ev.registration_url else ""]
    return "\n\n".join(p for p in parts if p)


def _withdrawn_note(ev: Event) -> str:
    day = ev.withdrawn_at.astimezone(PARIS).date().isoformat() if ev.withdrawn_at else "?"
    return f"Retiré du programme (withdrawn): plus listé depuis le {day}."


def vevent(ev: Event, *, uid: str, sequence: int) -> icalendar.Event:
    out = icalendar.Event()
    out.add("uid", uid)
    out.add("sequence", sequence)
    out.add("summary", ev.title)
    _times(out, ev)
    out.add("status", "CANCELLED" if ev.status in ("cancelled", "withdrawn") else "CONFIRMED")
    if ev.status == "withdrawn":
        out.add("comment", _withdrawn_note(ev))
    stamp = ev.last_changed or ev.first_seen
    out.add("dtstamp", stamp)
    out.add("created", ev.first_seen)
    out.add("last-modified", stamp)
    out.add("url", ev.url)
    _optional(out, ev)
    return out


def _optional(out: icalendar.Event, ev: Event) -> None:
    if (where := location(ev)) is not None:
        out.add("location", where)
    if ev.organiser:
        out.add("organizer", icalendar.vCalAddress(ev.url), parameters={"CN": ev.organiser})
    if text := _description(ev):
        out.add("description", text)
    if ev.formats:
        out.add("categories", list(ev.formats))


def calendar(session: Session, selection: Selection, *, name: str) -> tuple[icalendar.Calendar, int, int]:
    """(calendar, events written, events skipped for want of a fixed day)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Paris")
    events = list(session.scalars(select_events(session, selection)))
    seq, moved = revision_counts(session, [e.id for e in events]), first_urls(session)
    written = 0
    for ev in events:
        if not day_fixed(ev):
            continue
        cal.add_component(vevent(ev, uid=uid_for(moved.get(ev.id, ev.url)), sequence=seq.get(ev.id, 0)))
        written += 1
    cal.add_missing_timezones()
    return cal, written, len(events) - written


def calendar_name(selection: Selection) -> str:
    title = "Mois de l'innovation publique"
    return f"{title} — {selection.describe()}" if selection.describe() != "all events" else title

