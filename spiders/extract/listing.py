"""A programme listing page: the event links on it and where its pagination ends.

The page's content is walked (menus, breadcrumb, footer, related content and an "À la une"
block skipped). Each DSFR card or tile of either generation gives its title link, else the
card's own link (``a.fr-card``) or a link inside it; on a page whose cards list no event
(legacy and Drupal views layouts), the links in a heading or a views row. A link is an
event when it leads to a detail page of the site: not a listing, not a filtered or other
query page, not a document download (tracking parameters and fragments dropped).
Rows of a data table and terms of a definition list count as rows, and a "read more" link
("En savoir plus", "Lire la suite") as a row's link. Pagination is read from any ``?page=N``
link (DSFR ``nav.fr-pagination``, Drupal pagers, "Voir plus" buttons, plain links),
``<link rel="next">`` and a page menu (``<select name="page">``); other pages of a filtered
listing keep its filters. A feed the page loads more events from (infinite scroll: a
``data-*`` attribute naming a URL) is listed in ``feed_urls`` (``spiders.extract.feeds``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from scrapy.http import TextResponse

from mipcrawl.editions import Edition
from spiders.extract import feeds
from spiders.extract.dom import content_children, is_related_heading, skipped
from spiders.extract.feeds import feed_urls
from spiders.extract.page import find_main
from spiders.site import DETAIL_PREFIXES, Origin, is_listing_path, on_site

_TITLE_LINKS = ".//*[contains(@class,'fr-card__title') or contains(@class,'fr-tile__title')]//a[@href]/@href"
_PAGE_LINKS = ("//*[contains(@class,'pagination') or contains(@class,'pager')]//a/@href"
               " | //a[contains(@href,'page=')]/@href"
               " | //link[@rel='next' or @rel='prev' or @rel='first' or @rel='last']/@href")
MAX_PAGE = 5000   # 20,000 events at 4 a page: far beyond any real programme
_ROW_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "article", "dt"})
# a link that leads to the row's page whatever the row looks like
# (the whole text of the link: "En savoir plus", "En savoir plus sur <title>", "Lire la suite ›")
_MORE_LINK = re.compile(r"^\s*(?:en savoir plus|lire la suite|voir (?:l.[ée]v[ée]nement|le d[ée]tail|plus|la fiche)|"
                        r"plus d.infos?|d[ée]tails?|consulter la fiche)(?:\s+sur\s.*|\W*)$", re.I | re.S)
_PAGE_MENU = "//select[@name='page']/option/@value"
_ROW_CLASS = re.compile(r"views-row|node-title|event|evenement|teaser|result|\bcard\b|card-title|card__title")
_LISTING_LIKE = re.compile(r"/programme(?:-\d{4})?/?$")
_CARD_ROOTS = frozenset({"fr-card", "fr-tile"})
# Query parameters that only say where a click came from (analytics, AT Internet, Matomo, ads)
_TRACKING = re.compile(r"utm_\w+|xtor|at_\w+|mtm_\w+|pk_\w+|fbclid|gclid|msclkid|mc_[ce]id", re.I)
# A file to download, not a page: the programme as PDF, an agenda entry, an image…
_DOCUMENT = re.compile(r"\.(?:pdf|ics|ical|vcs|docx?|odt|xlsx?|ods|pptx?|odp|csv|zip|jpe?g|png|gif|svg|webp|"
                       r"mp[34])$", re.I)
# A block of featured news above the programme ("À la une", "Actualités")
_FEATURED_HEADING = re.compile(r"[àa] la une|actualit[ée]s", re.I)


@dataclass
class Listing:
    page: int
    last_page: int | None
    event_urls: list[str] = field(default_factory=list)
    page_urls: list[str] = field(default_factory=list)   # the other pages of this listing
    feed_urls: list[str] = field(default_factory=list)   # where the page loads more events from


def page_index(url: str) -> int:
    """The 0-based ``?page=N`` of a listing URL (0 when absent or unreadable)."""
    values = parse_qs(urlsplit(url).query).get("page") or ["0"]
    return int(values[0]) if values[0].isdigit() else 0


def page_url(listing_url: str, n: int) -> str:
    """The URL of page ``n`` of the listing at ``listing_url``, its other query parameters
    (filters) kept; the first page carries no ``page`` parameter, as Drupal does."""
    parts = urlsplit(listing_url)
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "page"]
    if n:
        kept.append(("page", str(n)))
    return urlunsplit(parts._replace(query=urlencode(kept), fragment=""))


def read_listing(response: TextResponse, edition: Edition, *, site: Origin | None = None) -> Listing:
    """The listing page of ``edition``: its event links, page index and last page."""
    sel = response.selector
    current = page_index(response.url)
    cards, rows, items = _listed_links(sel.root)
    events = (event_urls(response.url, cards, site) or event_urls(response.url, rows, site)
              or event_urls(response.url, items, site))
    menu = [page_url(response.url, int(v)) for v in sel.xpath(_PAGE_MENU).getall() if v.strip().isdigit()]
    last = _last_page(sel.xpath(_PAGE_LINKS).getall() + menu, response.url, current)
    first = page_url(response.url, 0)
    pages = [page_url(first, n) for n in range(0, (last or 0) + 1) if n != current]
    return Listing(page=current, last_page=last, event_urls=events, page_urls=pages,
                   feed_urls=feed_urls(sel.root, response.url, site))


def read_feed(response: TextResponse, *, site: Origin | None = None) -> Listing | None:
    """A JSON feed of a listing: its records' event links, the next page and the last one
    (None when the body is no JSON)."""
    try:
        data = json.loads(response.text)
    except ValueError:
        return None
    hrefs = [s for record in feeds.records(data) for s in feeds.strings(record)]
    current, last = page_index(response.url), feeds.last_page(data)
    nxt = feeds.next_url(data)
    pages = [page_url(response.url, n) for n in range(last + 1) if n != current] if last is not None else []
    if nxt:
        pages.append(urljoin(response.url, nxt))
    return Listing(page=current, last_page=last, event_urls=event_urls(response.url, hrefs, site),
                   page_urls=list(dict.fromkeys(pages)))


def _listed_links(root) -> tuple[list[str], list[str], list[str]]:
    """The content's links in document order: one set from its cards and tiles, one from its
    headings and views rows, and — for a layout with neither — one from its list items
    (menus, related content and featured news skipped). Intro links in running text ("le
    concept", "proposer un événement") are none of them."""
    cards, in_rows, in_items = [], [], []
    content = find_main(root)
    if content.tag == "article":      # a page without <main>: its first card or teaser, not the list
        content = next(iter(root.xpath("//body")), root)
    stack = [(content, False, False)]
    while stack:
        el, row, item = stack.pop()
        # the root itself is never skipped; cards and teasers are this page's very content
        if el is not content and el.tag != "a" and _furniture(el):
            continue
        if _CARD_ROOTS.intersection((el.get("class") or "").split()):
            cards.extend(_card_links(el))
            continue
        row = row or el.tag in _ROW_TAGS or bool(_ROW_CLASS.search(el.get("class") or "")) or _data_row(el)
        item = item or el.tag == "li"
        href = el.get("href") if el.tag == "a" else None
        if href and (row or _MORE_LINK.match(" ".join(el.itertext()))):
            in_rows.append(href)
        elif href and item:
            in_items.append(href)
        stack.extend((child, row, item) for child in reversed(_listed_children(el)) if isinstance(child.tag, str))
    return cards, in_rows, in_items


def _data_row(el) -> bool:
    """A row of a data table (one with header cells), not of a layout table."""
    if el.tag != "tr":
        return False
    table = next((a for a in el.iterancestors() if a.tag == "table"), None)
    return table is not None and bool(table.xpath("boolean(.//th)"))


def _card_links(card) -> list[str]:
    """A card's link: its title's; else the card's own (``<a class="fr-card">``) and the
    links inside it (an "En savoir plus" in its footer), for the event filter to choose."""
    titles = card.xpath(_TITLE_LINKS)
    if titles:
        return titles
    own = [card.get("href")] if card.tag == "a" and card.get("href") else []
    return own + card.xpath(".//a/@href")


def _furniture(el) -> bool:
    """Not this listing: page furniture or related content. A Drupal views block, furniture
    on an event page, is kept when it holds the listing's rows."""
    return skipped(el, cards=False) and not _views_listing_block(el)


def _listed_children(el) -> list:
    """An element's children without related content, nor a featured-news heading and what
    follows it up to the next heading of its level or above."""
    return content_children(el, opens_other=_is_featured_heading)


def _is_featured_heading(heading) -> bool:
    return bool(_FEATURED_HEADING.search(" ".join(heading.itertext())))


def _views_listing_block(el) -> bool:
    cls = el.get("class") or ""
    if "block-views" not in cls or el.tag not in ("div", "section"):
        return False
    heading = next(iter(el.xpath("(.//h2 | .//h3 | .//h4)[1]")), None)
    if heading is not None and (is_related_heading(heading) or _is_featured_heading(heading)):
        return False
    return bool(el.xpath("boolean(.//*[contains(@class,'view-content')])"))


def event_urls(base: str, hrefs: list[str], site: Origin | None) -> list[str]:
    urls = []
    for href in hrefs:
        url = _event_url(base, href, site)
        if url:
            urls.append(url)
    return list(dict.fromkeys(urls))


def _event_url(base: str, href: str, site: Origin | None) -> str | None:
    """``href`` as an event page URL (host lower-cased, tracking parameters and fragment
    dropped), or None when it leads off the site, to a listing, a query page or a file."""
    parts = urlsplit(urljoin(base, href.strip()))
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.fullmatch(k)]
    url = urlunsplit(parts._replace(netloc=parts.netloc.lower(), query=urlencode(query), fragment=""))
    path = parts.path
    if site and not on_site(url, site):
        return None
    if query or is_listing_path(path) or _LISTING_LIKE.search(path) or _DOCUMENT.search(path):
        return None
    if not path.startswith(DETAIL_PREFIXES) or path.rstrip("/") + "/" in DETAIL_PREFIXES:
        return None
    return url


def _last_page(hrefs: list[str], url: str, current: int) -> int | None:
    path = urlsplit(url).path.rstrip("/")
    numbers = [page_index(urljoin(url, h)) for h in hrefs if urlsplit(urljoin(url, h)).path.rstrip("/") == path]
    numbers = [n for n in numbers if n <= MAX_PAGE]     # a bogus ?page=999999 link schedules nothing
    if not numbers:
        return None
    return max(numbers + [current])


def programme_link(response: TextResponse, year: int, *, site: Origin | None = None) -> str | None:
    """On the hub: the link to ``year``'s programme (its URL or its text names the year)."""
    for a in response.selector.root.xpath("//a[@href]"):
        url = urljoin(response.url, a.get("href").strip()).split("#", 1)[0]
        parts = urlsplit(url)
        if (site and not on_site(url, site)) or parts.query or "programme" not in parts.path:
            continue
        text = " ".join(a.itertext())
        if str(year) in parts.path or str(year) in text:
            return url
    return None
