"""An event detail page, field by field: each helper tries its strategies in order and
returns ``(value, strategy)`` — ``jsonld``/``microdata``, ``attr``, ``dsfr``/``legacy``,
``label``, ``fallback`` — or ``(None, None)``. Text is kept as written."""

from __future__ import annotations

import re

from spiders.extract import fallback, links
from spiders.extract import structured as sd
from spiders.extract.dom import BLOCKS, one_line, text_of
from spiders.extract.marks import NOTHING, Found, icon_text
from spiders.extract.page import Page
from spiders.extract.places import address_element, structured_place
from spiders.extract.times import datetime_attr, not_event_time, time_text
from spiders.extract.vocab import icon_group


def title(page: Page) -> Found:
    event, kind = page.structured
    if event and sd.text(event.get("name")):
        return sd.text(event.get("name")), kind
    heading = _first(page, "h1")        # content only: a logo <h1> is furniture
    if heading is None:
        heading = _first(page, "h2")
    text = heading_text(heading) if heading is not None else None
    if text:
        return text, "dsfr" if page.is_dsfr else "legacy"
    head = page.root.xpath("//head/title/text()")
    if head and head[0].strip():
        return one_line(head[0].split(" | ")[0]), "fallback"
    return NOTHING


def _first(page: Page, tag: str):
    return next((el for el in page.elements if el.tag == tag), None)


def heading_text(h) -> str | None:
    """A heading's text, stopping at a block inside it (an unclosed ``<h1>`` swallows the page)."""
    parts = [h.text or ""]
    for child in h:
        if isinstance(child.tag, str) and child.tag in BLOCKS:
            break
        if isinstance(child.tag, str):
            parts.append(" " + text_of(child) + " ")
        parts.append(child.tail or "")
    return one_line("".join(parts))


def when_text(page: Page) -> Found:
    """The date text as the page shows it (it holds the wording, the end and the time slots);
    schema.org dates only where the page shows none (or only a last-resort line)."""
    event, kind = page.structured
    start = sd.text(event.get("startDate")) if event else None
    written = event.get(sd.WRITTEN, {}).get("startDate") if start else None
    if written and fallback.DATE_LIKE.search(written):
        return written, kind
    shown = _shown_when(page)
    end = sd.text(event.get("endDate")) if start else None
    machine = f"{start} – {end}" if end else start
    if not start or (shown[1] not in (None, "fallback") and shown[0] not in (start, machine)):
        return shown
    return machine, kind


def _shown_when(page: Page) -> Found:
    times = [t for t in page.times if datetime_attr(t) and not not_event_time(t)]
    if times:
        return _with_hours(page, time_text(times)), "attr"
    day, kind = icon_text(page, "date")
    if day:
        return _with_hours(page, day), kind
    hours, kind = icon_text(page, "hours")
    if hours:
        return hours, kind
    date, hours = page.labels.get("date", "date_place"), page.labels.get("hours")
    if date or hours:
        return ", ".join(h.text for h in (date, hours) if h and h.text), "label"
    line = fallback.first_line(page.lines, fallback.DATE_LIKE, skip=_title_lines(page))
    return (line, "fallback") if line else NOTHING


def _with_hours(page: Page, day: str) -> str:
    """A day without a time of day, completed by the hours shown apart (a clock icon line, an
    "Horaires" label): "Jeudi 14 novembre 2024, 9h30 - 12h"."""
    if fallback.HAS_TIME.search(day):
        return day
    hours = icon_text(page, "hours")[0]
    if not hours:
        hit = page.labels.get("hours")
        hours = one_line(hit.text) if hit else None
    return f"{day}, {hours}" if hours and hours not in day else day


def place_text(page: Page) -> Found:
    event, kind = page.structured
    place = structured_place(event) if event else None
    if place:
        return place, kind
    return _shown_place(page)


def _shown_place(page: Page) -> Found:
    mapped = links.map_link_text(page)
    if mapped:
        return mapped, "attr"
    el, address = address_element(page)
    if address:
        venue = page.labels.get("venue")     # "Lieu : Espace Beaulieu" above the address
        if venue and venue.text and not any(n is el or el in n.iterdescendants() for n in venue.nodes):
            return f"{one_line(venue.text)}, {address}", "attr"
        return address, "attr"
    place, kind = icon_text(page, "place")
    online, online_kind = icon_text(page, "online")   # "Également en ligne" on a screen-icon line
    if place:
        return (f"{place}, {online}" if online and online not in place else place), kind
    if online:
        return online, online_kind
    venue, address = page.labels.get("venue"), page.labels.get("address")
    mode = page.labels.get("mode")       # "Modalité : En ligne / Hybride", when it names a place
    mode = mode if mode and fallback.PLACE_LIKE.search(" " + mode.text) else None
    if venue or address or mode:
        texts = [h.text for h in (mode, venue, address) if h and h.text]
        return ", ".join(dict.fromkeys(texts)), "label"
    both = page.labels.get("date_place")   # "Date et lieu : le 14/11 à 10h, Station F"
    if both and both.text and fallback.PLACE_LIKE.search(" " + both.text):
        return both.text, "label"
    line = fallback.first_line(page.lines, fallback.PLACE_LIKE, skip=_title_lines(page))
    return (line, "fallback") if line else NOTHING


def organiser(page: Page) -> Found:
    event, kind = page.structured
    if event and sd.text(event.get("organizer")):
        return sd.text(event.get("organizer")), kind
    icon = icon_text(page, "organiser")
    if icon[0]:
        return icon
    hit = page.labels.get("organiser")
    if hit and hit.text:
        return _joined(hit), "label"
    return NOTHING


def _joined(hit) -> str | None:
    """A label's value on one line, its listed items (field items, tags) separated by commas."""
    items = [t for t in (one_line(i) for i in hit.items) if t]
    return ", ".join(items) if len(items) > 1 else one_line(hit.text)


def formats(page: Page) -> Found:
    tags = _free_tags(page)
    if tags:
        return tags, "dsfr"
    hit = page.labels.get("formats")
    if hit and hit.items:
        return _split_items(hit.items), "label"
    name, _ = title(page)
    if isinstance(name, str) and name.startswith("["):
        inside = name[1:].split("]", 1)[0]
        return _split_items([inside]), "fallback"
    return NOTHING


def _free_tags(page: Page) -> list[str]:
    """DSFR tags of the page, except those that are the value of another label (audience…)."""
    other = {id(n) for g in ("parcours", "audience", "organiser", "access")
             if (h := page.labels.get(g)) for n in h.nodes}
    tags = []
    for tag in page.tags:
        if other and any(id(a) in other for a in tag.iterancestors()):
            continue
        if icon_group(tag.get("class") or "") not in (None, "online"):   # a date or place shown as a tag
            continue                       # ("Webinaire" with a screen icon stays a format)
        text = one_line(text_of(tag))
        if text:
            tags.append(text)
    return tags


def simple_label(page: Page, group: str) -> Found:
    hit = page.labels.get(group)
    if hit and hit.text:
        return _joined(hit), "label"
    return NOTHING


def parcours(page: Page) -> Found:
    found = simple_label(page, "parcours")
    if found[0]:
        return found
    line = fallback.first_line(page.lines, fallback.PARCOURS_LIKE)
    return (line, "fallback") if line else NOTHING


def audience(page: Page) -> Found:
    event, kind = page.structured
    aud = event.get("audience") if event else None
    value = sd.text(aud.get("audienceType")) if isinstance(aud, dict) else sd.text(aud)
    if value:
        return value, kind
    icon = icon_text(page, "audience")
    if icon[0]:
        return icon
    return simple_label(page, "audience")


def access(page: Page) -> Found:
    found = simple_label(page, "access")
    if found[0]:
        return found
    hit = page.labels.get("registration")
    if hit and hit.text and not hit.links and not hit.text.startswith(("http://", "https://")):
        return one_line(hit.text), "label"
    line = fallback.first_line(page.lines, fallback.ACCESS_LIKE, skip=_title_lines(page), max_len=100)
    return (line, "fallback") if line else NOTHING


def badges(page: Page) -> Found:
    event, kind = page.structured
    status = sd.text(event.get("eventStatus")) if event else None
    if status and status.rsplit("/", 1)[-1] == "EventCancelled":
        return ["Annulé"], kind
    found = [one_line(text_of(b)) for b in page.badges]
    found = [b for b in dict.fromkeys(found) if b]
    if found:
        return found, "dsfr"
    legacy = [el for el in page.elements if _LEGACY_BADGE.search(el.get("class") or "")]
    found = [b for b in dict.fromkeys(one_line(text_of(x)) for x in legacy) if b and len(b) < 40]
    return (found, "legacy") if found else NOTHING


# Status markers of pre-DSFR themes: Bootstrap labels/badges, "status"/"statut" classes.
_LEGACY_BADGE = re.compile(r"(?:^|\s)(?:badge|badge-[\w-]+|label-(?:danger|warning|important|info|default|"
                           r"success|primary)|status|statut|etat|event-status|annul\w*|cancel\w*)(?:\s|$)")


def stamps_text(page: Page) -> Found:
    found = fallback.stamp_lines(page.lines)
    return (found, "label") if found else NOTHING


def _title_lines(page: Page) -> set[str]:
    return {text_of(h) for h in page.main.xpath(".//h1")}


def _split_items(items: list[str]) -> list[str]:
    """A single "Atelier, Conférence" value read as its parts; separate list items kept."""
    if len(items) != 1:
        return [one_line(i) for i in items if one_line(i)]
    parts = [p.strip() for p in items[0].replace("·", ",").replace(";", ",").replace("\n", ",").split(",")]
    return [p for p in parts if p]
