"""The schema.org export: one JSON-LD document whose ``@graph`` holds an ``Event`` per event.

Each ``Event`` has ``@id`` and ``url`` (the canonical page), ``name``, ``startDate`` /
``endDate`` (ISO 8601 with the Paris offset, plain dates for all-day events),
``eventStatus`` (``EventScheduled``, ``EventCancelled``, ``EventRescheduled``; a withdrawn
event is ``EventCancelled`` with a ``disambiguatingDescription`` saying it was withdrawn),
``previousStartDate`` after a reschedule, ``eventAttendanceMode`` (``Offline…``,
``Online…``, ``MixedEventAttendanceMode``), ``location`` (a ``Place`` with a
``PostalAddress`` whose ``addressRegion`` is the région's name, a ``VirtualLocation``, or
both for mixed events), ``organizer`` (an ``Organization``: the lab that runs the event, with
its ``url`` — its current sheet —, ``identifier`` — its key — and ``sameAs`` — every page that
describes it —, after the organiser as written when that names someone else, "Région
Bretagne, en partenariat avec Ti Lab"), ``superEvent`` (the edition),
``keywords`` (formats), ``audience``, ``description``, ``inLanguage``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from models import Event
from parsers import geo
from parsers.labs import name_key
from storage.event_labs import EventLab, event_labs
from storage.reads import edition_names
from storage.rows import display_time
from storage.selection import Selection, select_events

SCHEMA = "https://schema.org/"
STATUS = {"scheduled": "EventScheduled", "cancelled": "EventCancelled",
          "rescheduled": "EventRescheduled", "withdrawn": "EventCancelled"}
ATTENDANCE = {"offline": "OfflineEventAttendanceMode", "online": "OnlineEventAttendanceMode",
              "mixed": "MixedEventAttendanceMode"}


def _place(ev: Event) -> dict[str, Any]:
    address: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": "FR"}
    region = geo.region(ev.region_code) if ev.region_code else None
    for key, value in (("streetAddress", ev.street), ("postalCode", ev.postcode),
                       ("addressLocality", ev.commune_name), ("addressRegion", region.name if region else None)):
        if value:
            address[key] = value
    return {"@type": "Place", "name": ev.venue or ev.place_text or ev.commune_name or "", "address": address}


def location(ev: Event) -> dict[str, Any] | list[dict[str, Any]] | None:
    virtual = {"@type": "VirtualLocation", "url": ev.online_url or ev.url}
    if ev.attendance == "online":
        return virtual
    if ev.attendance == "mixed":
        return [_place(ev), virtual]
    if ev.attendance == "offline" or ev.place_text:
        return _place(ev)
    return None


def organizer(ev: Event, lab: EventLab | None) -> dict[str, Any] | list[dict[str, Any]] | None:
    """The lab that runs the event (its name as written as ``alternateName`` when another
    spelling), after the organiser as written when that names someone else ("Région
    Bretagne, en partenariat avec Ti Lab"); else the organiser as written."""
    written = {"@type": "Organization", "name": ev.organiser} if ev.organiser else None
    if lab is None:
        return written
    org = {"@type": "Organization", "name": lab.name, "identifier": lab.key, "url": lab.url, "sameAs": list(lab.pages)}
    if written is None:
        return org
    if name_key(ev.organiser) in lab.names:
        return org if ev.organiser == lab.name else {**org, "alternateName": ev.organiser}
    return [written, org]


def event_object(ev: Event, edition_name: str | None = None, lab: EventLab | None = None) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "@type": "Event", "@id": ev.url, "url": ev.url, "name": ev.title,
        "eventStatus": SCHEMA + STATUS.get(ev.status, "EventScheduled"),
        "startDate": display_time(ev.start_at, ev.all_day, ev.time_zone),
        "endDate": display_time(ev.end_at, ev.all_day, ev.time_zone),
        "eventAttendanceMode": SCHEMA + ATTENDANCE[ev.attendance] if ev.attendance in ATTENDANCE else None,
        "location": location(ev), "inLanguage": "fr",
        "organizer": organizer(ev, lab),
        "description": ev.description_text, "keywords": list(ev.formats or []) or None,
        "audience": {"@type": "Audience", "audienceType": ev.audience} if ev.audience else None,
    }
    if ev.previous_start_at is not None:
        obj["previousStartDate"] = display_time(ev.previous_start_at, ev.all_day, ev.time_zone)
    if ev.status == "withdrawn":
        obj["disambiguatingDescription"] = "Retiré du programme (plus listé par la source)."
    if edition_name and ev.edition:
        obj["superEvent"] = {"@type": "EventSeries", "name": f"{edition_name} {ev.edition}"}
    return {k: v for k, v in obj.items() if v is not None}


def document(session: Session, selection: Selection) -> dict[str, Any]:
    """``{"@context": "https://schema.org", "@graph": [Event, …]}`` for the selection."""
    names, labs = edition_names(session), event_labs(session)
    graph = [event_object(ev, names.get(ev.edition), labs.get(ev.lab_id) if ev.lab_id is not None else None)
             for ev in session.scalars(select_events(session, selection))]
    return {"@context": "https://schema.org", "@graph": graph}

