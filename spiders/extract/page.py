"""One parsed page, read once: the main content, an index of its parts, its text lines.

Every field helper works from a :class:`Page`; the tree is parsed once (by Scrapy's
selector, lxml underneath) and walked once, skipping menus, headers, footers, share
blocks, breadcrumbs, pagination and related-content cards.
"""

from __future__ import annotations

import itertools
import re
from functools import cached_property, lru_cache
from urllib.parse import urljoin

from scrapy.http import TextResponse

from spiders.extract import structured
from spiders.extract.dom import content_children, opens_other_events, skipped, text_of
from spiders.extract.fallback import STAMP, STAMP_MARK
from spiders.extract.labels import LabelIndex
from spiders.extract.vocab import icon_of


class Page:
    """A detail page: selector, main content and lazily built indexes."""

    def __init__(self, response: TextResponse):
        self.response = response
        self.url = response.url
        self.root = response.selector.root
        self.main = find_content(self.root)
        self.disagreements: list[str] = []   # fields whose schema.org value the visible text contradicts
        self.structured_when: str | None = None   # the schema.org start (– end), beside the date shown
        self.memo: dict[str, object] = {}   # values other readers derive once per page (title heading …)
        self._walk()

    def _walk(self) -> None:
        """Walk the content once, collecting what the field helpers look up."""
        self.elements: list = []
        self.icons: list = []      # (field group, element) for icon markers (fr-icon-calendar-line, fa-map-marker…)
        self.links: list = []      # <a href> elements
        self.times: list = []      # <time> elements, and RDFa/microdata dates (content="2017-11-20T09:00")
        self.stamp_times: list = []   # the same marking the page's publication or update
        self.tags: list = []       # DSFR tags
        self.badges: list = []     # DSFR badges
        self._index(self.main)           # never skipped itself (Drupal puts "sidebar-first" on <body>)
        stack = [iter(content_children(self.main, opens_other=opens_other_events))]
        while stack:
            el = next(stack[-1], None)
            if el is None:
                stack.pop()
                continue
            if skipped(el):
                group = icon_of(el) if el.tag == "svg" or "material-" in (el.get("class") or "") else None
                if group:          # a sprite or a ligature: no text of the page, but an icon
                    self.icons.append((group, el))
                continue
            self._index(el)
            kids = list(el)
            stack.append(iter(content_children(el, kids, opens_other=opens_other_events) if len(kids) > 1 else kids))

    def _index(self, el) -> None:
        self.elements.append(el)
        tag = el.tag
        if tag == "a" and el.get("href"):
            self.links.append(el)
        elif tag == "time" or (tag != "meta" and el.get("content") and _is_date_attr(el)):
            (self.stamp_times if is_stamp_time(el) else self.times).append(el)
        cls = el.get("class")
        if tag == "img":
            group = icon_of(el)
            if group and not _is_action(el, cls or ""):
                self.icons.append((group, el))
        if cls:
            group = icon_of(el) if "-" in cls else None
            if group and not _is_action(el, cls):
                self.icons.append((group, el))
            if "fr-tag" in cls and "fr-tags-group" not in cls:
                self.tags.append(el)
            elif "fr-badge" in cls and "fr-badges-group" not in cls:
                self.badges.append(el)

    @cached_property
    def lines(self) -> list[str]:
        """The main content as text lines (furniture skipped)."""
        if not (len(self.main) or self.main.text):
            return []
        return text_of(self.main, opens_other=opens_other_events).split("\n")

    @cached_property
    def labels(self) -> LabelIndex:
        return LabelIndex(self.elements)

    @cached_property
    def structured(self) -> tuple[dict | None, str | None]:
        """The schema.org Event (JSON-LD first, then microdata) and where it came from."""
        return structured.find_event(self.root)

    @cached_property
    def themed_badges(self) -> list:
        """Status and tag marks of pre-DSFR themes (Bootstrap badges and labels, status classes)."""
        return [el for el in self.elements if (cls := el.get("class")) and _themed_badge(cls)]

    @cached_property
    def head_titles(self) -> list[str]:
        """The page's titles in ``<head>``: ``<title>``, ``og:title``, ``twitter:title``."""
        found = self.root.xpath("/html/head/title/text() | /html/head/meta[@property='og:title' or "
                                "@name='twitter:title']/@content")
        return [" ".join(t.split()) for t in found if t.strip()]

    @cached_property
    def site_names(self) -> set[str]:
        """The site's name as the page states it (``og:site_name``, ``application-name``)."""
        found = self.root.xpath("/html/head/meta[@property='og:site_name' or @name='application-name']/@content")
        return {" ".join(t.split()) for t in found if t.strip()}

    @cached_property
    def is_dsfr(self) -> bool:
        return bool(self.root.xpath("boolean(//*[contains(@class,'fr-')][1])"))

    def absolute(self, href: str | None) -> str | None:
        if not href:
            return None
        href = href.strip()
        if href.startswith(("javascript:", "#")):
            return None
        return urljoin(self.url, href)

    def canonical_url(self) -> str:
        for href in self.root.xpath("/html/head/link[@rel='canonical']/@href"):
            if href.strip():
                return urljoin(self.url, href.strip())
        return self.url


def _is_action(el, cls: str) -> bool:
    """An icon on a link or button ("Ajouter à mon agenda"): an action, not a detail line."""
    if el.tag == "a" or "fr-btn" in cls:
        return True
    return any(a.tag == "a" for _, a in zip(range(3), el.iterancestors(), strict=False))


# Status markers of pre-DSFR themes: Bootstrap labels/badges, "status"/"statut" classes.
_THEMED_BADGE = re.compile(r"(?:^|\s)(?:badge|badge-[\w-]+|label-(?:danger|warning|important|info|default|"
                           r"success|primary)|status|statut|etat|event-status|annul\w*|cancel\w*)(?:\s|$)")


@lru_cache(maxsize=4096)
def _themed_badge(cls: str) -> bool:
    return bool(_THEMED_BADGE.search(cls))


def is_stamp_time(el) -> bool:
    """A date element that stamps the page (publication, update), not the event: so marked by
    its class, ``itemprop``/``property`` or an ancestor's class (a byline), or written after
    "Publié le" and the like."""
    for node in (el, *itertools.islice(el.iterancestors(), 3)):
        marks = " ".join(filter(None, (node.get("class"), node.get("itemprop"), node.get("property"))))
        if marks and STAMP_MARK.search(marks):
            return True
    parent = el.getparent()
    return parent is not None and bool(STAMP.match(text_of(parent)))


def _is_date_attr(el) -> bool:
    """Drupal's date fields (``property="dc:date"``, ``datatype="xsd:dateTime"``) and lone
    ``itemprop="startDate"``: the machine-readable date is in ``content``."""
    marks = " ".join(filter(None, (el.get("property"), el.get("datatype"), el.get("itemprop")))).lower()
    return "date" in marks


def find_content(root):
    """The main content, widened to the page's own ``<h1>`` when the theme puts it (and often the
    event's header: date, place) in a region before ``<main>``: their closest common ancestor,
    whose furniture is skipped as anywhere else."""
    main = find_main(root)
    if main.tag in ("html", "body") or main.xpath("boolean(.//h1)"):
        return main
    for h1 in root.xpath("//body//h1"):
        outer = [a for a in h1.iterancestors() if a.tag not in ("html", "body")]
        if skipped(h1) or any(skipped(a) for a in outer):
            continue              # a logo in the header, a title in a menu
        around = set(main.iterancestors())
        return next((a for a in h1.iterancestors() if a in around), main)
    return main


def find_main(root):
    """The main content element: ``<main>``, ``role=main``, a content id, ``<article>``, ``<body>``."""
    for path in ("//main", "//*[@role='main']", "//*[@id='main-content' or @id='main' or @id='content']",
                 "//article", "//body"):
        found = root.xpath(f"({path})[1]")
        if found:
            return found[0]
    return root
