"""Where an event page says its place in markup: schema.org locations (``structured_place``)
and postal-address elements (``address_element``). Text as written, joined by commas."""

from __future__ import annotations

import re
from typing import Any

from spiders.extract import fallback
from spiders.extract import structured as sd
from spiders.extract.dom import one_line, text_of
from spiders.extract.page import Page


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
