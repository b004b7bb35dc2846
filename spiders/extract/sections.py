"""A sheet's sections: its headings (not a card's or a tile's title), where each section
ends, and its body's HTML without the related cards or furniture nested in it."""

from __future__ import annotations

import copy
import re

from spiders.extract.description import outer_html
from spiders.extract.dom import is_related_heading, one_line, skipped, text_of

HEADINGS = ("h2", "h3", "h4")
# a card's or a tile's title (another page's): no section of the sheet (a callout's "Contact" is one)
COMPONENT_TITLE = re.compile(r"fr-(?:card|tile)__title")
RELATED = re.compile(r"sur le m[êe]me sujet|ces contenus|voir aussi|[àa] lire aussi|contenus? li[ée]s|"
                      r"d[ée]couvrir aussi|autres (?:laboratoires|labs?)\b", re.I)


def is_section_heading(el) -> bool:
    return el.tag in HEADINGS and not COMPONENT_TITLE.search(el.get("class") or "")


def heading_text(el) -> str | None:
    """A heading's text; an accordion's title is the text of its button."""
    return one_line(text_of(el)) or one_line(text_of(el, skip=False))


def closes_section(el, level: str) -> bool:
    """A heading of the section's level or above, a block holding one, or a related heading
    ends the section."""
    closing = [h for h in ("h1", *HEADINGS) if h <= level]
    if el.tag in closing or is_related(el):
        return True
    return any(el.find(f".//{h}") is not None for h in closing)


def is_related(el) -> bool:
    """A heading that opens other pages' content ("Sur le même sujet", "Les autres laboratoires")."""
    return el.tag in HEADINGS and (is_related_heading(el) or bool(RELATED.search(text_of(el, skip=False))))


def following(el):
    """The element siblings after ``el``; after its wrapper when it stands alone in one
    (a Drupal paragraph holding only the title, the text in the next paragraph)."""
    cur = el
    while True:
        siblings = [s for s in cur.itersiblings() if isinstance(s.tag, str)]
        parent = cur.getparent()
        alone = parent is not None and not (parent.text or "").strip() and all(
            c is cur or not isinstance(c.tag, str) for c in parent)
        if siblings or not alone or parent.tag in ("main", "body", "article", "section"):
            return siblings
        cur = parent


def content_html(el) -> str:
    """The HTML of a block without the related cards or furniture nested in it."""
    if not any(isinstance(d.tag, str) and skipped(d) for d in el.iterdescendants()):
        return outer_html(el)
    clone = copy.deepcopy(el)
    for d in [d for d in clone.iterdescendants() if isinstance(d.tag, str) and skipped(d)]:
        parent = d.getparent()
        if d.tail and d.tail.strip():      # the text after it stays
            prev = d.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + d.tail
            else:
                parent.text = (parent.text or "") + d.tail
        parent.remove(d)
    return outer_html(clone)
