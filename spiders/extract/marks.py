"""Text marked by an icon (``fr-icon-calendar-line``, ``fa-map-marker``, an emoji …) and labels
repeated inside a value ("Lieu : X" → "X")."""

from __future__ import annotations

from spiders.extract.dom import BLOCKS, one_line, text_of
from spiders.extract.page import Page
from spiders.extract.vocab import COLON, NO_COLON, group_of, icon_group

Found = tuple[object, str | None]   # (the text as written, the strategy that found it)
NOTHING: Found = (None, None)


def icon_text(page: Page, group: str) -> Found:
    """Text marked by an icon of ``group`` (``fr-icon-calendar-line``, ``fa-map-marker`` …): its
    own text, else the text after it up to the next icon or line break, else its parent's.
    ``dsfr`` for DSFR icons or on a DSFR page, ``legacy`` otherwise."""
    for grp, el in page.icons:
        if grp != group:
            continue
        text = text_of(el) or _after_icon(el)
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


def _after_icon(el) -> str:
    """The inline text after an empty icon, up to a line break, a block or the next icon."""
    parts = [el.tail or ""]
    for sib in el.itersiblings():
        if isinstance(sib.tag, str):
            if sib.tag == "br" or sib.tag in BLOCKS or icon_group(sib.get("class") or ""):
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
