"""Text marked by an icon (``fr-icon-calendar-line``, ``fa-map-marker``, a Material ligature, an
SVG sprite, an image file …) and labels repeated inside a value ("Lieu : X" → "X")."""

from __future__ import annotations

import re

from spiders.extract.dom import BLOCKS, one_line, text_of
from spiders.extract.page import Page
from spiders.extract.values import address_goes_on
from spiders.extract.vocab import COLON, NO_COLON, group_of, icon_group, is_ligature

Found = tuple[object, str | None]   # (the text as written, the strategy that found it)
NOTHING: Found = (None, None)


def icon_text(page: Page, group: str) -> Found:
    """Text marked by an icon of ``group`` (``fr-icon-calendar-line``, ``fa-map-marker`` …): its
    own text (an icon whose text is its name has none), else the text after it up to the next
    icon or line break, else its parent's. ``dsfr`` for DSFR icons or on a DSFR page, ``legacy``
    otherwise."""
    for grp, el in page.icons:
        if grp != group:
            continue
        own = "" if el.tag in ("svg", "img") or is_ligature(el) else text_of(el)
        text = own or _after_icon(el, group)
        if not text:
            parent = el.getparent()
            text = text_of(parent) if parent is not None else ""
        if group_of(text):
            continue      # an icon on a label ("Quand ?"): its value is the label's
        if text:
            cls = el.get("class") or ""
            dsfr = "fr-icon-" in cls or "fr-fi-" in cls or page.is_dsfr
            return strip_label(one_line(text)), "dsfr" if dsfr else "legacy"
    return NOTHING


def _after_icon(el, group: str | None = None) -> str:
    """The inline text after an empty icon, up to a line break (a place's address goes on over
    its lines), a block or the next icon."""
    parts = [el.tail or ""]
    siblings = list(el.itersiblings())
    for i, sib in enumerate(siblings):
        if isinstance(sib.tag, str):
            if _SCREEN_READER.search(sib.get("class") or "") and group_of(text_of(sib)):
                parts.append(sib.tail or "")     # the icon's label, for screen readers only
                continue
            if sib.tag == "br" and group == "place" and address_goes_on("".join(parts), sib, siblings[i + 1:]):
                parts.append(" ")
            elif sib.tag == "br" or sib.tag in BLOCKS or icon_group(sib.get("class") or ""):
                break
            parts.append(text_of(sib))
        parts.append(sib.tail or "")
    return one_line(" ".join(parts)) or ""


def strip_label(text: str | None) -> str | None:
    """"Organisé par X" → "X", "Lieu : X" → "X" (an icon line may repeat its label)."""
    if not text:
        return text
    m = COLON.match(text)
    if m and group_of(m.group(1)) and m.group(2).strip():
        return m.group(2).strip()
    m = NO_COLON.match(text)
    return m.group(2).strip() if m else text


_SCREEN_READER = re.compile(r"(?:^|\s)(?:sr-only|visually-hidden|fr-sr-only|screen-reader-text|"
                            r"element-invisible|hidden-accessible)(?:\s|$)")
