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

from spiders.editions import Edition, is_listing_path, on_site
from spiders.extract.dom import skipped
from spiders.extract.page import find_main

_CARD_LINKS = "//*[contains(@class,'fr-card__title') or contains(@class,'fr-tile__title')]//a/@href"
_PAGE_LINKS = ("//*[contains(@class,'pagination') or contains(@class,'pager')]//a/@href"
               " | //a[contains(@href,'page=')]/@href")
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
    sel = response.selector
    current = page_index(response.url)
    hrefs = sel.xpath(_CARD_LINKS).getall() or _legacy_links(sel.root, edition)
    events = _event_urls(response.url, hrefs, edition, domain)
    last = _last_page(sel.xpath(_PAGE_LINKS).getall(), response.url, current)
    first = page_url(response.url, 0)
    pages = [page_url(first, n) for n in range(0, (last or 0) + 1) if n != current]
    return Listing(page=current, last_page=last, event_urls=events, page_urls=pages)


def _legacy_links(root, edition: Edition) -> list[str]:
    """Content links whose path lies under the edition's detail prefix (menus skipped)."""
    found = []
    stack = [find_main(root)]
    while stack:
        el = stack.pop()
        if skipped(el) and el.tag != "a":
            continue
        href = el.get("href") if el.tag == "a" else None
        if href and edition.detail_prefix in href:
            found.append(href)
        stack.extend(reversed(list(el)))
    return found


def _event_urls(base: str, hrefs: list[str], edition: Edition, domain: str | None) -> list[str]:
    urls = []
    for href in hrefs:
        url = urljoin(base, href.strip()).split("#", 1)[0]
        parts = urlsplit(url)
        if domain and not on_site(url, domain):
            continue
        if parts.query or is_listing_path(parts.path) or _LISTING_LIKE.search(parts.path):
            continue
        if not parts.path.startswith(edition.detail_prefix):
            continue
        urls.append(url)
    return list(dict.fromkeys(urls))


def _last_page(hrefs: list[str], url: str, current: int) -> int | None:
    path = urlsplit(url).path.rstrip("/")
    numbers = [page_index(urljoin(url, h)) for h in hrefs if urlsplit(urljoin(url, h)).path.rstrip("/") == path]
    if not numbers:
        return None
    return max(numbers + [current])
