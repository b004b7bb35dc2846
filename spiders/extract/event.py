"""An event detail page, field by field: each helper tries its strategies in order and
returns ``(value, strategy)`` — ``attr``, ``dsfr``/``legacy``, ``label``, ``title``,
``fallback``, and ``jsonld``/``microdata``/``rdfa`` where the page shows nothing — or
``(None, None)``. Text is kept as written. Title, date and place have modules of their own
(``titles``, ``whens``, ``places``)."""

from __future__ import annotations

import re
from functools import lru_cache

from spiders.extract import fallback
from spiders.extract import structured as sd
from spiders.extract.dom import one_line, text_of
from spiders.extract.marks import NOTHING, Found, icon_text
from spiders.extract.page import Page
from spiders.extract.titles import norm, skip_lines, title
from spiders.extract.vocab import icon_group


def organiser(page: Page) -> Found:
    """An organiser icon line or label, a Contact field that names someone, "Organisé par X" in
    the text; the schema.org organizer where the page shows none (the visible one wins)."""
    shown = _shown_organiser(page)
    event, kind = page.structured
    name = sd.text(event.get("organizer")) if event else None
    if shown[0]:
        if name and norm(name) != norm(str(shown[0])):
            page.disagreements.append("organiser")
        return shown
    return (name, kind) if name else NOTHING


def _shown_organiser(page: Page) -> Found:
    icon = icon_text(page, "organiser")
    if icon[0]:
        return icon
    hit = page.labels.get("organiser")
    if hit and hit.text:
        return _joined(hit), "label"
    contact = page.labels.get("contact")
    if contact and contact.text and not contact.links and not NOT_A_NAME.search(contact.text):
        return _joined(contact), "label"
    event, kind = page.structured
    if event and kind in sd.INLINE and sd.text(event.get("organizer")):   # marks on the visible text
        return sd.text(event.get("organizer")), kind
    found = fallback.organiser_phrase(page.lines)
    return (found, "fallback") if found else NOTHING


# a contact that is a number, an address or a link, not the name of who organises
NOT_A_NAME = re.compile(r"\d{2}[ .]?\d{2}[ .]?\d{2}|@|https?://|www\.", re.I)


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
    icon = icon_text(page, "audience")
    if icon[0]:
        return icon
    found = simple_label(page, "audience")
    if found[0]:
        return found
    event, kind = page.structured
    aud = event.get("audience") if event else None
    value = sd.text(aud.get("audienceType")) if isinstance(aud, dict) else sd.text(aud)
    return (value, kind) if value else NOTHING


def access(page: Page) -> Found:
    found = simple_label(page, "access")
    if found[0]:
        return found
    hit = page.labels.get("registration")
    if hit and hit.text and not hit.links and not hit.text.startswith(("http://", "https://")):
        return one_line(hit.text), "label"
    line = fallback.first_line(page.lines, fallback.ACCESS_LIKE, skip=skip_lines(page), max_len=100)
    return (line, "fallback") if line else NOTHING


def badges(page: Page) -> Found:
    """Status marks: DSFR badges, a pre-DSFR theme's status classes, a banner sentence
    ("Cet événement est annulé." in an alert), a "Statut" label, a line that is only a status
    word ("Annulé"); schema.org's status where the page shows none."""
    dsfr = [b for b in dict.fromkeys(one_line(text_of(b)) for b in page.badges) if b]
    legacy = page.themed_badges
    themed = [b for b in dict.fromkeys(one_line(text_of(x)) for x in legacy) if b and len(b) < 40]
    shown = _status_shown(page)
    found = [b for b in dict.fromkeys([*dsfr, *themed, *([shown] if shown else [])]) if b]
    if found:
        return found, "dsfr" if dsfr else "legacy" if themed else "label"
    event, kind = page.structured
    status = sd.text(event.get("eventStatus")) if event else None
    if status and status.rsplit("/", 1)[-1] == "EventCancelled":
        return ["Annulé"], kind
    return NOTHING


def _status_shown(page: Page) -> str | None:
    for el in page.elements:
        if el.get("role") == "alert" or ((cls := el.get("class")) and _banner_class(cls)):
            text = one_line(text_of(el))
            if text and len(text) <= _MAX_BANNER:
                return text
    hit = page.labels.get("status")
    if hit and hit.text:
        return one_line(hit.text)
    return fallback.first_line(page.lines, fallback.STATUS_ONLY) or fallback.first_line(
        page.lines, fallback.STATUS_STATED)


# An alert or notice box of the content ("Attention : cette rencontre est annulée.")
_BANNER = re.compile(r"(?:^|\s|-)(?:alert|notice|messages?|warning|avertissement|annonce|bandeau)(?:\s|$|-)")
_MAX_BANNER = 200


@lru_cache(maxsize=4096)
def _banner_class(cls: str) -> bool:
    return bool(_BANNER.search(cls))




def stamps_text(page: Page) -> Found:
    found = fallback.stamp_lines(page.lines)
    return (found, "label") if found else NOTHING


def _split_items(items: list[str]) -> list[str]:
    """A single "Atelier, Conférence" value read as its parts; separate list items kept."""
    if len(items) != 1:
        return [one_line(i) for i in items if one_line(i)]
    parts = [p.strip() for p in items[0].replace("·", ",").replace(";", ",").replace("\n", ",").split(",")]
    return [p for p in parts if p]
