"""``scrapy crawl labs``: the labs overview, the 2022 Atlas index and every lab sheet they link.

Lab sheets live under two URL patterns (current ``/campus-de-la-transformation-publique/
laboratoires-innovation/<slug>`` and Atlas ``/laboratoires/<short-slug>``); both are read
by the same extractor. Yields ``LabItem`` and ``FetchFailure`` items.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.http import Response

from mipcrawl.items import FetchFailure
from mipcrawl.scope import LABS, RunScope
from spiders.base import SiteSpider
from spiders.extract.dom import skipped
from spiders.extract.lab import read_lab
from spiders.extract.page import find_main
from spiders.failures import failure_item, unreadable_reason
from spiders.site import (
    LAB_SHEET_PREFIXES,
    LABS_ATLAS_PATH,
    LABS_OVERVIEW_PATH,
    Origin,
    on_site,
    site_origin,
)


class LabsSpider(SiteSpider):
    name = LABS
    run_scope = RunScope.labs()

    async def start(self):
        for path in (LABS_OVERVIEW_PATH, LABS_ATLAS_PATH):
            yield scrapy.Request(self.base_url + path, callback=self.parse_index,
                                 errback=self.index_failed)

    def parse_index(self, response: Response):
        reason = unreadable_reason(response)
        if reason:
            yield self._failure(response.url, "overview", reason, response.status)
            return
        for url in sheet_urls(response, site=site_origin(self.base_url)):
            yield scrapy.Request(url, callback=self.parse_lab, errback=self.lab_failed)

    def parse_lab(self, response: Response):
        reason = unreadable_reason(response)
        if reason:
            yield self._failure(response.url, "lab", reason, response.status)
            return
        item = read_lab(response, fetched_at=self.clock())
        item.kind = "atlas" if urlsplit(item.url).path.startswith(LAB_SHEET_PREFIXES[-1]) else "sheet"
        item.links = named_sheet(response, item.url, site=site_origin(self.base_url))
        item.redirected_from = [u for u in response.meta.get("redirect_urls", ()) if u != item.url]
        for name, strategy in item.strategies.items():
            self.crawler.stats.inc_value(f"mipcrawl/strategy/lab_{name}/{strategy}")
        yield item

    def index_failed(self, failure):
        yield self._counted(failure_item(failure, "overview", None))

    def lab_failed(self, failure):
        yield self._counted(failure_item(failure, "lab", None))

    def _failure(self, url: str, kind: str, reason: str, status: int | None) -> FetchFailure:
        return self._counted(FetchFailure(url=url, kind=kind, reason=reason, http_status=status))

    def _counted(self, item: FetchFailure) -> FetchFailure:
        self.crawler.stats.inc_value(f"mipcrawl/fetch_failed/{item.kind}")
        return item


def named_sheet(response: Response, url: str, *, site: Origin | None) -> list[str]:
    """The other lab page a lab page's content links to ("retrouvez le laboratoire sur sa
    nouvelle fiche"), related cards skipped; none when it links several (a list of labs)."""
    others = [u for u in sheet_urls(response, site=site, cards=False) if u != url]
    return others if len(others) == 1 else []


def sheet_urls(response: Response, *, site: Origin | None, cards: bool = True) -> list[str]:
    """Links of the page's content to a lab sheet (either pattern), menus and footers skipped
    (and link cards too unless ``cards``: an index lists its sheets so)."""
    found = []
    content = find_main(response.selector.root)
    stack = [content]
    while stack:
        el = stack.pop()
        if el is not content and el.tag != "a" and skipped(el, cards=not cards):
            continue
        if el.tag == "a" and el.get("href"):
            url = urljoin(response.url, el.get("href").strip()).split("#", 1)[0]
            if _is_sheet(url, site):
                found.append(url)
        stack.extend(reversed([c for c in el if isinstance(c.tag, str)]))
    return list(dict.fromkeys(found))


def _is_sheet(url: str, site: Origin | None) -> bool:
    parts = urlsplit(url)
    if (site and not on_site(url, site)) or parts.query:
        return False
    path = parts.path.rstrip("/")
    return any(path.startswith(p) and len(path) > len(p) and "/" not in path[len(p):]
               for p in LAB_SHEET_PREFIXES)
