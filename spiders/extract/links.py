"""Links that carry a field: map links (place), registration links, online-meeting links."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote_plus, urlsplit

from spiders.extract import structured as sd
from spiders.extract.dom import one_line, text_of
from spiders.extract.page import Page

_MAP_HOSTS = re.compile(r"(?:^|\.)(?:maps\.google\.[a-z.]+|google\.[a-z.]+|goo\.gl|maps\.app\.goo\.gl|"
                        r"openstreetmap\.org|osm\.org|geoportail\.gouv\.fr|maps\.apple\.com|"
                        r"bing\.com|waze\.com|mappy\.com)$")
_REGISTRATION_HOSTS = re.compile(r"(?:^|\.)(?:eventbrite\.[a-z.]+|demarches-simplifiees\.fr|"
                                 r"framaforms\.org|weezevent\.com|helloasso\.com|forms\.office\.com|"
                                 r"forms\.gle|typeform\.com|evenium\.net|my\.evenium\.net|"
                                 r"sondages?\.[a-z.]+|evento\.renater\.fr|digitalevent\.fr|"
                                 r"billetweb\.fr|yurplan\.com|tally\.so)$")
_ONLINE_HOSTS = re.compile(r"(?:^|\.)(?:zoom\.us|teams\.microsoft\.com|teams\.live\.com|meet\.google\.com|"
                           r"webex\.com|webikeo\.fr|webikeo\.com|livestorm\.co|youtube\.com|youtu\.be|"
                           r"dailymotion\.com|whereby\.com|gotomeeting\.com|tixeo\.com|jitsi\.org|"
                           r"meet\.jit\.si|webconf\.[a-z.]+|visio\.[a-z.]+|bbb\.[a-z.]+|"
                           r"webinaire\.[a-z.]+|vimeo\.com|"
                           # public-sector visio services (RENATER, Éducation nationale), other webinar hosts
                           r"rendez-vous\.renater\.fr|visio-agents\.education\.fr|gotowebinar\.com|"
                           r"bluejeans\.com|bbcollab\.com|clickmeeting\.com)$")
_MAP_PATH = re.compile(r"/maps\b")
_GENERIC_MAP_TEXT = re.compile(r"carte|plan|itin[ée]raire|voir|map", re.I)
_URL = re.compile(r"https?://\S+")   # a bare URL written as the value
_REGISTER_TEXT = re.compile(r"inscri|r[ée]serv|billet", re.I)


def _host(href: str) -> str:
    return (urlsplit(href).hostname or "").lower()


def _is_map(href: str) -> bool:
    if href.startswith("geo:"):
        return True
    host = _host(href)
    if not _MAP_HOSTS.search(host):
        return False
    return "google" not in host or "maps" in host or bool(_MAP_PATH.search(urlsplit(href).path))


def map_link_text(page: Page) -> str | None:
    """The address a map link points at: its text, else its ``q=``/``query=`` parameter."""
    for a in page.links:
        href = a.get("href", "").strip()
        if not _is_map(href):
            continue
        text = one_line(text_of(a))
        if text and not _GENERIC_MAP_TEXT.fullmatch(text) and len(text) > 3 and not _is_generic(text):
            return text
        query = parse_qs(urlsplit(href).query)
        for key in ("q", "query", "daddr", "address"):
            if query.get(key):
                return one_line(unquote_plus(query[key][0]))
        if href.startswith("geo:") and "q=" in href:
            return one_line(unquote_plus(href.split("q=", 1)[1]))
    return None


def _is_generic(text: str) -> bool:
    """A link text that names no place: "Voir sur la carte", "Plan d'accès", "Itinéraire"."""
    return bool(_GENERIC_LINK.match(text))


_GENERIC_LINK = re.compile(r"^(?:voir|afficher|ouvrir|acc[ée]der|plan|itin[ée]raire|carte|localiser|comment venir|"
                           r"s.y rendre|y aller|g[ée]olocaliser)\b", re.I)


def registration_url(page: Page) -> tuple[str | None, str | None]:
    event, kind = page.structured
    offers = event.get("offers") if event else None
    offers = offers[0] if isinstance(offers, list) and offers else offers
    if isinstance(offers, dict) and sd.text(offers.get("url")):
        return page.absolute(sd.text(offers.get("url"))), kind
    for a in page.links:
        cls = a.get("class") or ""
        if ("fr-btn" in cls or "fr-link" in cls) and _REGISTER_TEXT.search(text_of(a)):
            return page.absolute(a.get("href")), "dsfr"
    hit = page.labels.get("registration")
    if hit and (hit.links or _URL.match(hit.text)):
        return page.absolute(hit.links[0] if hit.links else _URL.match(hit.text).group(0)), "label"
    for a in page.links:
        href = a.get("href", "")
        if _REGISTER_TEXT.search(text_of(a)) or _REGISTRATION_HOSTS.search(_host(href)):
            return page.absolute(href), "fallback"
    return None, None


def online_url(page: Page) -> tuple[str | None, str | None]:
    event, kind = page.structured
    locations = event.get("location") if event else None
    for loc in locations if isinstance(locations, list) else [locations]:
        if sd.type_of(loc) == "VirtualLocation" and sd.text(loc.get("url")):
            return page.absolute(sd.text(loc.get("url"))), kind
    for a in page.links:
        href = a.get("href", "")
        if _ONLINE_HOSTS.search(_host(href)):
            return page.absolute(href), "attr"
    hit = page.labels.get("online")
    if hit and (hit.links or _URL.match(hit.text)):
        return page.absolute(hit.links[0] if hit.links else _URL.match(hit.text).group(0)), "label"
    return None, None
