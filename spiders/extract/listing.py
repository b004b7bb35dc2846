"""A programme listing page: the event links on it and where its pagination ends.

Cards of both DSFR generations (``.fr-card__title a``); on a page without cards (legacy
layout), every content link to a detail page of the edition. Pagination is read from any
``?page=N`` link (DSFR ``nav.fr-pagination``, Drupal pagers, plain links).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urljoin, urlsplit, urlunsplit

from scrapy.http import TextResponse

from spiders.editions import DETAIL_PREFIXES, Edition, is_listing_path, on_site
from spiders.extract.dom import skipped
from spiders.extract.page import find_main

_CARD_LINKS = "//*[contains(@class,'fr-card__title') or contains(@class,'fr-tile__title')]//a/@href"
_PAGE_LINKS = ("//*[contains(@class,'pagination') or contains(@class,'pager')]//a/@href"
               " | //a[contains(@href,'page=')]/@href")
MAX_PAGE = 5000   # 20,000 events at 4 a page: far beyond any real programme
_ROW_TAGS = frozenset({"h2", "h3", "h4", "article"})
_ROW_CLASS = re.compile(r"views-row|node-title|event|evenement|teaser|result")
_LISTING_LIKE = re.compile(r"/programme(?:-\d{4})?/?$")


@dataclass
class Listing:
    page: int
    last_page: int | None
    event_urls: list[str] = field(default_factory=list)
    page_urls: list[str] = field(default_factory=list)   # the other pages of this listing


def page_index(url: str) -> int:
    """The 0-based ``?page=N`` of a listing URL (0 when absent or unreadable)."""
    values = parse_qs(urlsplit(url).query).get("page") or ["0"]
    return int(values[0]) if values[0].isdigit() else 0


def page_url(first_page_url: str, n: int) -> str:
    """The listing URL of page ``n`` (the first page carries no parameter, as Drupal does)."""
    parts = urlsplit(first_page_url)
    return urlunsplit(parts._replace(query="" if n == 0 else f"page={n}", fragment=""))


def read_listing(response: TextResponse, edition: Edition, *, domain: str | None = None) -> Listing:
    """The listing page of ``edition``: its event links, page index and last page."""
    sel = response.selector
    current = page_index(response.url)
    hrefs = sel.xpath(_CARD_LINKS).getall() or _legacy_links(sel.root)
    events = _event_urls(response.url, hrefs, domain)
    last = _last_page(sel.xpath(_PAGE_LINKS).getall(), response.url, current)
    first = page_url(response.url, 0)
    pages = [page_url(first, n) for n in range(0, (last or 0) + 1) if n != current]
    return Listing(page=current, last_page=last, event_urls=events, page_urls=pages)


def _legacy_links(root) -> list[str]:
    """Content links to a detail page (menus skipped); those in a heading or a views row
    when there are any, so intro links ("le concept", "mentions légales") are not events."""
    found, in_rows = [], []
    content = find_main(root)
    stack = [(content, False)]
    while stack:
        el, row = stack.pop()
        # the root itself is never skipped; cards and teasers are this page's very content
        if el is not content and el.tag != "a" and skipped(el, cards=False):
            continue
        row = row or el.tag in _ROW_TAGS or bool(_ROW_CLASS.search(el.get("class") or ""))
        href = el.get("href") if el.tag == "a" else None
        if href and any(prefix in href for prefix in DETAIL_PREFIXES):
            (in_rows if row else found).append(href)
        stack.extend((child, row) for child in reversed(list(el)) if isinstance(child.tag, str))
    return in_rows or found


def _event_urls(base: str, hrefs: list[str], domain: str | None) -> list[str]:
    urls = []
    for href in hrefs:
        url = urljoin(base, href.strip()).split("#", 1)[0]
        parts = urlsplit(url)
        if domain and not on_site(url, domain):
            continue
        if parts.query or is_listing_path(parts.path) or _LISTING_LIKE.search(parts.path):
            continue
        if not parts.path.startswith(DETAIL_PREFIXES) or parts.path.rstrip("/") + "/" in DETAIL_PREFIXES:
            continue
        urls.append(url)
    return list(dict.fromkeys(urls))


def _last_page(hrefs: list[str], url: str, current: int) -> int | None:
    path = urlsplit(url).path.rstrip("/")
    numbers = [page_index(urljoin(url, h)) for h in hrefs if urlsplit(urljoin(url, h)).path.rstrip("/") == path]
    numbers = [n for n in numbers if n <= MAX_PAGE]     # a bogus ?page=999999 link schedules nothing
    if not numbers:
        return None
    return max(numbers + [current])


def programme_link(response: TextResponse, year: int, *, domain: str | None = None) -> str | None:
    """On the hub: the link to ``year``'s programme (its URL or its text names the year)."""
    for a in response.selector.root.xpath("//a[@href]"):
        url = urljoin(response.url, a.get("href").strip()).split("#", 1)[0]
        parts = urlsplit(url)
        if (domain and not on_site(url, domain)) or parts.query or "programme" not in parts.path:
            continue
        text = " ".join(a.itertext())
        if str(year) in parts.path or str(year) in text:
            return url
    return None
