"""Ground truth records: what a careful reader gets from each page (format in README)."""

from __future__ import annotations

from replica import whens
from replica.editions import BY_YEAR
from replica.labs import SECTIONS, Lab, labs_on
from replica.model import Event
from replica.organisers import NONE_TRUTH

NO_WHEN = {"start": None, "end": None, "all_day": None, "slots": [], "date_precision": None}


def when_truth(ev: Event) -> dict:
    """The dates a careful reader gets: overseas, an event held there is in local time."""
    if not ev.when:
        return dict(NO_WHEN)
    where = ev.where
    region = (where.commune.region_code if where.commune else where.region_code) if where else None
    return {**whens.truth(ev.when, zone=whens.clock(where.attendance if where else None, region)),
            "date_precision": whens.precision(ev.when)}


def in_official_dates(ev: Event) -> bool | None:
    """Whether every day of the event lies within its edition's official dates."""
    if not ev.when:
        return None
    ed = BY_YEAR[ev.edition]
    last = ev.when.d2 or ev.when.d1
    return ed.start <= ev.when.d1 and last <= ed.end


def event_record(ev: Event, *, listed: bool = True, http_status: int = 200,
                 redirect_from: list[dict] | None = None) -> dict:
    where = ev.where.truth() if ev.where else {
        "place_text": None, "attendance": None, "online_url": None, "commune_code": None,
        "commune_name": None, "departement_code": None, "region_code": None, "level": None,
        "epci_code": None, "epci_name": None}
    return {
        "id": ev.id, "edition": ev.edition, "path": ev.path, "title": ev.title, "status": ev.status,
        "listed": listed, "http_status": http_status,
        "when_text": ev.when_text, **when_truth(ev),
        **where,
        "organiser": ev.organiser, **(ev.org.truth() if ev.org else NONE_TRUTH),
        "lab_id": ev.lab_id, "formats": list(ev.formats),
        "parcours": ev.parcours, "audience": ev.audience, "access": ev.access,
        "registration_url": ev.registration_url, "duplicate_of": ev.duplicate_of,
        "in_official_dates": in_official_dates(ev), "published": ev.published.isoformat(),
        "presentation": ev.presentation, "edition_marker": ev.marker, "jsonld": ev.jsonld,
        "microdata": ev.microdata, "phone": ev.phone,
        "redirect_from": redirect_from or [],
    }


def _host_name(host: str) -> str:
    for article in ("le ", "la ", "l'"):
        if host.startswith(article):
            return host[len(article):]
    return host


def lab_record(lab: Lab) -> dict:
    """A lab as on the day shown (``lab.on(day)``): ``pages`` are the pages that describe it
    and answer 200, ``aliases`` the other names those pages give it."""
    pages = [lab.path] + ([lab.atlas_path] if lab.atlas_path else [])
    atlas = [lab.atlas_name] if lab.atlas_path else []
    aliases = [n for n in dict.fromkeys((*lab.former_names, *atlas)) if n != lab.name]
    return {
        "id": lab.id, "path": lab.path, "atlas_path": lab.atlas_path, "pages": pages, "name": lab.name,
        "title": lab.title, "aliases": aliases, "name_variants": [n for n in dict.fromkeys(lab.event_names()) if n != lab.name],
        "region_code": lab.region_code, "region_text": lab.region_text,
        "host": _host_name(lab.host), "seat": lab.seat, "year_created": lab.created, "tags": list(lab.tags),
        "sections": list(SECTIONS),
        "redirect_from": [{"path": path, "status": 301} for _day, path in lab.moved_from()],
        "history": [{"day": c.day, "field": c.field, "old": c.old, "new": getattr(lab, c.field)}
                    for c in lab.changes],
    }


def all_labs(day: int) -> list[dict]:
    return [lab_record(lab) for lab in labs_on(day)]


def _location(ev: Event) -> dict | list | None:
    if not ev.where or not ev.where.text:
        return None
    virtual = {"@type": "VirtualLocation", "url": ev.where.online_url or "https://www.modernisation.gouv.fr"}
    if ev.where.attendance == "online":
        return virtual
    place = {"@type": "Place", "name": ev.where.text}
    c = ev.where.commune
    if c:
        place["address"] = {"@type": "PostalAddress", "addressLocality": c.name,
                            "postalCode": c.postcodes[0], "addressCountry": "FR"}
    return [place, virtual] if ev.where.attendance == "mixed" else place


def schema_org(ev: Event) -> dict:
    """A schema.org Event consistent with the truth (a minority of pages carry it)."""
    when = when_truth(ev)
    modes = {"online": "OnlineEventAttendanceMode", "offline": "OfflineEventAttendanceMode",
             "mixed": "MixedEventAttendanceMode"}
    data: dict = {"@context": "https://schema.org", "@type": "Event", "name": ev.title}
    if when["start"]:
        data["startDate"] = when["start"]
    if when["end"]:
        data["endDate"] = when["end"]
    if ev.where and ev.where.attendance:
        data["eventAttendanceMode"] = "https://schema.org/" + modes[ev.where.attendance]
    status = "EventCancelled" if ev.status == "cancelled" else "EventScheduled"
    data["eventStatus"] = "https://schema.org/" + status
    location = _location(ev)
    if location:
        data["location"] = location
    if ev.organiser:
        data["organizer"] = {"@type": "Organization", "name": ev.organiser}
    return data
