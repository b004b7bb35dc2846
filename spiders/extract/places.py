"""Where an event page says its place: ``place_text`` tries the map link, a postal-address
element, a place icon line, the place labels, a sentence that says where, then a line that
names a place; a text that only says how one attends ("Hybride") does not end the search and
is joined to the place found. schema.org locations (``structured_place``) only where the page
shows none. Text as written, joined by commas."""

from __future__ import annotations

import re
from typing import Any

from spiders.extract import fallback, links
from spiders.extract import structured as sd
from spiders.extract.dom import one_line, text_of
from spiders.extract.marks import NOTHING, Found, icon_text
from spiders.extract.page import Page
from spiders.extract.titles import skip_lines


def place_text(page: Page) -> Found:
    """The place as the page shows it (with how one attends when that is said apart: a badge,
    a tag, a participation-mode field); the schema.org location where the page shows none."""
    shown = _shown_place(page)
    event, kind = page.structured
    place = structured_place(event) if event else None
    if shown[0]:
        if place and not _same_place(place, str(shown[0])):
            page.disagreements.append("place")
        return shown
    return (place, kind) if place else NOTHING


def _shown_place(page: Page) -> Found:
    """The first located place among the candidates (a place that is only an attendance word —
    "Hybride", "En présentiel" — does not stop the search), joined to an attendance word shown
    apart; else that word alone."""
    located, mode = NOTHING, NOTHING
    for text, kind, loose in _place_candidates(page):
        if not text:
            continue
        if fallback.ATTENDANCE_ONLY.match(text) or (loose and not fallback.LOCATED.search(text)):
            if mode[0] is None and (fallback.ATTENDANCE_WORD.search(text) or fallback.states_attendance(text)):
                mode = (text, kind)
            continue       # how one attends, not where (a line of the text must name a place)
        located = (text, kind)
        break
    apart = _mode_shown_apart(page)          # an icon, a badge or a tag says it more surely than a line
    mode = apart if apart[0] else mode
    if located[0] is None:
        return mode
    text = str(located[0])
    if mode[0] and not fallback.ATTENDANCE_WORD.search(text):
        return f"{text}, {mode[0]}", located[1]
    return located


def _place_candidates(page: Page):
    yield links.map_link_text(page), "attr", False
    el, address = address_element(page)
    if address:
        venue = page.labels.get("venue")     # "Lieu : Espace Beaulieu" above the address
        if venue and venue.text and not any(n is el or el in n.iterdescendants() for n in venue.nodes):
            address = f"{one_line(venue.text)}, {address}"
        yield address, "attr", False
    place, kind = icon_text(page, "place")
    yield place, kind, False
    venue, address, mode = page.labels.get("venue"), page.labels.get("address"), page.labels.get("mode")
    mode = mode if mode and (fallback.PLACE_LIKE.search(" " + mode.text) or fallback.says_attendance(mode.text)) \
        else None   # "Hybride", "Classe virtuelle", not "Gratuit"
    if venue or address or mode:
        texts = [h.text for h in (mode, venue, address) if h and h.text]
        yield ", ".join(dict.fromkeys(texts)), "label", False
    event, kind = page.structured
    if event and kind in sd.INLINE:      # microdata, RDFa: marks on the visible text itself
        yield structured_place(event), kind, False
    both = page.labels.get("date_place")   # "Date et lieu : le 14/11 à 10h, Station F"
    if both and both.text and fallback.PLACE_LIKE.search(" " + both.text):
        yield both.text, "label", False
    for phrase in fallback.place_phrases(page.lines, skip=skip_lines(page)):
        yield phrase, "fallback", False
    # a line of the text: never another field's value ("Format : Webinaire en ligne")
    skip = skip_lines(page) | {line for g in _OTHER_FIELDS if (h := page.labels.get(g)) for line in h.text.split("\n")}
    yield fallback.located_line(page.lines, skip=skip), "fallback", True
    yield fallback.first_line(page.lines, fallback.PLACE_LIKE, skip=skip), "fallback", True
    venue = fallback.first_line(page.lines, fallback.VENUE_LINE, skip=skip)    # a venue's name alone
    yield (None if venue and fallback.DATE_LIKE.search(venue) else venue), "fallback", False
    yield fallback.first_match(page.lines, fallback.states_attendance, skip=skip), "fallback", True


# fields whose values are no place, whatever words they use (a format "Webinaire")
_OTHER_FIELDS = ("formats", "audience", "access", "organiser", "registration", "parcours")


def _mode_shown_apart(page: Page) -> Found:
    """How one attends, said apart from the place: a screen-icon line ("Également en ligne"),
    a badge or a tag ("Hybride", "En ligne")."""
    online = icon_text(page, "online")
    if online[0]:
        return online
    for el in (*page.badges, *page.tags, *page.themed_badges):
        text = one_line(text_of(el))
        if text and fallback.attendance_only(text):
            return text, "dsfr" if page.is_dsfr else "legacy"
    return NOTHING


def _same_place(structured: str, shown: str) -> bool:
    """Whether two place texts may name the same place: they share a postcode or a long word."""
    a, b = set(_PLACE_WORDS.findall(structured.casefold())), set(_PLACE_WORDS.findall(shown.casefold()))
    return bool(a & b) or not a or not b


_PLACE_WORDS = re.compile(r"\b\d{5}\b|\b[^\W\d]{5,}\b")



def structured_place(event: dict[str, Any]) -> str | None:
    locations = event.get("location")
    locations = locations if isinstance(locations, list) else [locations]
    physical = [place_line(loc) for loc in locations if sd.type_of(loc) != "VirtualLocation"]
    physical = [p for p in physical if p]
    online = any(sd.type_of(loc) == "VirtualLocation" for loc in locations) or str(
        event.get("eventAttendanceMode", "")).endswith("OnlineEventAttendanceMode")
    if physical and (online or str(event.get("eventAttendanceMode", "")).endswith("MixedEventAttendanceMode")):
        return f"En ligne et en présentiel : {'; '.join(physical)}"
    if physical:
        return "; ".join(physical)
    return "En ligne" if online else None


def place_line(loc: object) -> str | None:
    if isinstance(loc, str):
        return one_line(loc)
    if not isinstance(loc, dict):
        return None
    addr = loc.get("address")
    parts = [sd.text(loc.get("name"))]
    if isinstance(addr, dict):
        city = " ".join(p for p in (sd.text(addr.get("postalCode")), sd.text(addr.get("addressLocality"))) if p)
        parts += [sd.text(addr.get("streetAddress")), city]
    else:
        parts.append(sd.text(addr))
    kept: list[str] = []
    for part in parts:
        if part and not any(part in k for k in kept):
            kept.append(part)
    return ", ".join(kept) or None


def address_element(page: Page) -> tuple[object, str | None]:
    """An ``<address>`` that holds a postcode or an online word (not a contact e-mail), or the
    Drupal address module's ``<p class="address">`` (its lines joined by commas)."""
    for el in page.elements:
        if el.tag == "address":
            text = one_line(text_of(el))
            if text and fallback.PLACE_LIKE.search(text):
                return el, text
        elif _ADDRESS_CLASS.search(el.get("class") or "") and el.xpath(_ADDRESS_PARTS):
            text = ", ".join(text_of(el).split("\n"))
            if text:
                return el, text
    return None, None


_ADDRESS_CLASS = re.compile(r"(?:^|\s)address(?:\s|$)")
_ADDRESS_PARTS = "boolean(.//*[contains(@class,'postal-code') or contains(@class,'locality')])"
