"""Small lxml helpers shared by the extractors: what is page furniture, and block-aware text."""

from __future__ import annotations

import re
from functools import lru_cache

_SKIP_TAGS = frozenset({
    "nav", "footer", "script", "style", "noscript", "template", "svg", "form",
    "button", "select", "iframe", "dialog",
})
# <aside> is kept: an event page may put its practical details in a side column (its
# related-content cards are skipped as cards).
_SKIP_ROLES = frozenset({"navigation", "banner", "contentinfo", "search"})
_SKIP_CLASS = re.compile(
    r"fr-header|fr-footer|breadcrumb|fr-sidemenu|fr-share|fr-follow|skiplink|fr-nav\b|"
    r"pagination|pager|related|similar|voir-aussi|sidebar|navbar|\bmenu|fr-modal|block-views|"
    r"fr-notice|fr-consent|"                # site-wide banners: important notice, cookie consent
    r"cookie|tarteaucitron|\bconsent|\bcc-(?:window|banner)|\bgdpr|\brgpd|"  # other consent banners
    r"newsletter|simplenews|"               # subscription boxes
    r"\bcomments\b|\bcomment-(?:list|form|wrapper)|commentaires|disqus|"     # readers' comments
    r"upcoming|other-events|more-events|autres-evenements|prochains-evenements|"  # other events' teasers
    r"material-(?:icons|symbols)"           # a ligature icon: its text is the icon's name
)
_SKIP_ID = re.compile(r"(?:site|main|page)?[-_]?(?:header|footer|menu|nav|navigation|sidebar|breadcrumb)"
                      r"(?:[-_]?(?:wrapper|container|region|top|bottom|main|modal))?|comments?|"
                      r"tarteaucitron\w*|cookies?[-_]?\w*|newsletter\w*", re.I)
_FIRST_HEADING = "string((.//h2 | .//h3 | .//h4)[1])"
# ("Prochains événements" is left out: on the programme hub it heads the listing itself.)
_RELATED_HEADING = re.compile(r"sur le m[êe]me (?:sujet|th[èe]me)|ces contenus|voir aussi|[àa] lire aussi|"
                              r"contenus? li[ée]s|vous aimerez|autres [ée]v[ée]nements|d[ée]couvri[rz] aussi|"
                              r"[ée]v[ée]nements (?:similaires|li[ée]s)|"
                              r"vous pourriez|peuvent vous int[ée]resser|dans le m[êe]me (?:parcours|programme)|"
                              r"lettre d.information|newsletter|abonnez-vous|commentaires?\b",
                              re.I)
# On a page about one event, a block under such a heading lists other events (on a listing hub,
# "Prochains événements" heads the listing itself: these count only where cards are others' content).
_OTHER_EVENTS_HEADING = re.compile(r"^\W*(?:prochains? (?:[ée]v[ée]nements?|rendez-vous|dates|ateliers|sessions)|"
                                   r"[àa] venir|autres (?:rendez-vous|dates|ateliers|sessions)|"
                                   r"ne manquez pas|[àa] ne pas manquer|d[ée]couvrez aussi|vous aimerez aussi)\W*$",
                                   re.I)
# A consent banner without a telling class: buttons to accept or refuse, and cookies or trackers.
_CONSENT = re.compile(r"\bcookies?\b|\btraceurs?\b|\btrackers?\b", re.I)
# Another node shown in a compact view mode (Drupal 8+): a card of other content.
_TEASER = re.compile(r"node--view-mode-(?:teaser|card|vignette|tile|mini|related)")
_HEADINGS = frozenset({"h2", "h3", "h4"})
_HEADING_LEVEL = {f"h{n}": n for n in range(1, 7)}
BLOCKS = frozenset({
    "p", "div", "section", "article", "header", "main", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "address",
    "figure", "figcaption", "pre", "hr",
})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u202f]+")


def skipped(el, *, cards: bool = True) -> bool:
    """Whether a subtree is page furniture (menus, footers, related cards…), not content.

    ``cards=False`` keeps link cards and Drupal teasers (an index page lists its targets so)."""
    tag = el.tag
    if not isinstance(tag, str) or tag in _SKIP_TAGS:
        return True
    if el.get("role") in _SKIP_ROLES:
        return True
    ident = el.get("id")
    if ident and _furniture_id(ident):
        return True
    if tag in ("aside", "section") and _related(el.xpath(_FIRST_HEADING), cards):
        return True
    if tag == "div" and _opens_with_related_heading(el, cards):
        return True
    if tag in ("div", "section", "aside") and _is_consent(el):
        return True
    cls = el.get("class")
    if not cls:
        return False
    if _furniture_class(cls):
        return True
    return cards and (_is_link_card(el, cls) or ("view-mode" in cls and bool(_TEASER.search(cls))))


# A page's class and id strings repeat from page to page (one theme): each is judged once.
# (The class alternation costs 5-20 µs a search, on every element of every text walk.)
@lru_cache(maxsize=8192)
def _furniture_class(cls: str) -> bool:
    return bool(_SKIP_CLASS.search(cls))


@lru_cache(maxsize=8192)
def _furniture_id(ident: str) -> bool:
    return bool(_SKIP_ID.fullmatch(ident))


def _related(heading: str, cards: bool) -> bool:
    return bool(_RELATED_HEADING.search(heading) or (cards and _OTHER_EVENTS_HEADING.match(heading)))


def _opens_with_related_heading(el, cards: bool = True) -> bool:
    """A ``<div>`` whose first child is a "À lire aussi"-like heading (a block without
    ``<aside>``/``<section>``)."""
    return len(el) > 0 and el[0].tag in _HEADINGS and _related(text_of(el[0], skip=False), cards)


def _is_consent(el) -> bool:
    """A consent banner: buttons among its children, and cookies or trackers in its text."""
    if not any(c.tag == "button" for c in el):
        return False
    return bool(_CONSENT.search(" ".join(el.itertext())))


def opens_other_events(el) -> bool:
    """A heading that, on a page about one event, opens a list of other events ("À venir")."""
    return el.tag in _HEADINGS and bool(_OTHER_EVENTS_HEADING.match(text_of(el, skip=False)))


def is_related_heading(el) -> bool:
    """A heading that opens related content ("Sur le même sujet", "À lire aussi"…)."""
    return el.tag in _HEADINGS and bool(_RELATED_HEADING.search(text_of(el, skip=False)))


def content_children(el, kids: list | None = None, *, opens_other=None) -> list:
    """An element's children (``kids``, when already listed) without a heading that opens other
    pages' content, standing among them unwrapped, and what follows it up to the next heading
    of its level or above. Such a heading is a related-content one ("Sur le même sujet"), or
    one ``opens_other`` (a heading → bool) accepts."""
    kids = list(el) if kids is None else kids
    if len(kids) < 2 or not any(c.tag in _HEADINGS for c in kids):
        return kids
    kept, level = [], None
    for child in kids:
        tag = child.tag
        if isinstance(tag, str) and tag in _HEADING_LEVEL:
            if level is not None and _HEADING_LEVEL[tag] <= level:
                level = None
            if level is None and tag in _HEADINGS and (
                    is_related_heading(child) or (opens_other is not None and opens_other(child))):
                level = _HEADING_LEVEL[tag]
        if level is None:
            kept.append(child)
    return kept


def _is_link_card(el, cls: str) -> bool:
    """A DSFR card root whose title links elsewhere: related content, not this page's data."""
    if ("fr-card" not in cls and "fr-tile" not in cls) or "fr-card__" in cls or "fr-tile__" in cls:
        return False
    return "fr-enlarge-link" in cls or bool(el.xpath(
        "boolean(.//*[contains(@class,'fr-card__title') or contains(@class,'fr-tile__title')]//a)"))


def text_of(el, *, skip: bool = True, opens_other=None) -> str:
    """Text of an element, one line per block, spaces collapsed, empty lines dropped
    (``opens_other``: as for :func:`content_children`).

    Walked with an explicit stack: junk nested thousands deep cannot hit the recursion limit."""
    parts: list[str] = [el.text or ""]
    stack: list = (content_children(el, opens_other=opens_other) if skip else list(el))[::-1]
    while stack:
        node = stack.pop()
        if isinstance(node, str):          # what to write once an element's children are done
            parts.append(node)
            continue
        tag = node.tag
        if isinstance(tag, str) and not (skip and skipped(node)):
            if tag != "br":
                block = tag in BLOCKS
                stack.append(("\n" if block else "") + (node.tail or ""))
                parts.append(("\n" if block else "") + (node.text or ""))
                kids = list(node)
                if skip and len(kids) > 1:
                    kids = content_children(node, kids, opens_other=opens_other)
                stack.extend(kids[::-1])
                continue
            parts.append("\n")
        parts.append(node.tail or "")
    return tidy("".join(parts))


# variation selectors, zero-width marks (a regex: str.translate with a table is ~20x slower here)
_INVISIBLE = re.compile("[\ufe0e\ufe0f\u200b\u200c\u2060\ufeff]")


def tidy(text: str) -> str:
    if not text.isascii():
        text = _INVISIBLE.sub("", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def one_line(text: str | None) -> str | None:
    """Text on one line (block breaks become spaces), or None when empty."""
    if not text:
        return None
    if not text.isascii():
        text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text.replace("\n", " ")).strip() or None
