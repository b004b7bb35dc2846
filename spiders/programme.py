"""``scrapy crawl programme -a edition=2024|all``: programme listings and event detail pages.

Yields one ``ListingPageItem`` per listing page, one ``EventItem`` per event (text as
written, edition read from the page, strategy of each field) and a ``FetchFailure`` for
every page that could not be had after retries. Nothing is normalised here.
"""

from __future__ import annotations

import scrapy
from scrapy.http import Response

from mipcrawl.editions import Edition, select
from mipcrawl.items import (
    DETAIL,
    EDITION,
    LISTING,
    UNCHANGED,
    EventItem,
    FetchFailure,
    ListingPageItem,
    UnchangedPage,
)
from mipcrawl.scope import PROGRAMME, RunScope
from spiders.base import SiteSpider, another_capture, archive_provenance
from spiders.extract.item import FIELDS, read_event
from spiders.extract.listing import programme_link, read_feed, read_listing
from spiders.failures import error_page_reason, failure_item, unreadable_reason
from spiders.site import HUB_PATH, site_origin


class ProgrammeSpider(SiteSpider):
    name = PROGRAMME

    def __init__(self, edition: str | None = "all", *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.editions = select(edition)   # UnknownEdition at start, never mid-crawl
        self.run_scope = RunScope.programme(edition)   # what the run record and the locks cover
        self._listing_pages: set[str] = set()   # scheduled once each, however many pages link them

    async def start(self):
        for edition in self.editions:
            yield self._listing_request(self.base_url + edition.listing_path, edition)

    def _listing_request(self, url: str, edition: Edition) -> scrapy.Request:
        self._listing_pages.add(url)
        return scrapy.Request(url, callback=self.parse_listing, errback=self.listing_failed,
                              cb_kwargs={"edition": edition}, meta={EDITION: edition.year, LISTING: True})

    def _unusable(self, response: Response, kind: str, reason: str, edition: int | None):
        """A page that is no page to read: from a web archive, its next capture is asked
        for; from the live site, it is a failure of the run."""
        again = another_capture(response, reason)
        if again is not None:
            self.crawler.stats.inc_value(f"mipcrawl/wayback/unusable/{kind}")
            return again
        return self._failure(response.url, kind, reason, edition, response.status)

    def parse_listing(self, response: Response, edition: Edition):
        listing = read_feed(response, site=site_origin(self.base_url)) if _is_json(response) else None
        reason = None if listing else unreadable_reason(response) or error_page_reason(response)
        if reason:
            yield self._unusable(response, "listing", reason, edition.year)
            return
        self._listing_pages.add(response.url)
        if listing is None:
            listing = read_listing(response, edition, site=site_origin(self.base_url))
        yield ListingPageItem(
            url=response.url, edition=edition.year, page=listing.page, last_page=listing.last_page,
            event_urls=listing.event_urls, http_status=response.status, fetched_at=self.clock(),
        )
        for url in listing.event_urls:
            yield scrapy.Request(url, callback=self.parse_event, errback=self.event_failed,
                                 meta={DETAIL: True, EDITION: edition.year},
                                 cb_kwargs={"listing_url": response.url, "edition_hint": edition.year})
        for url in [*listing.page_urls, *listing.feed_urls]:    # a feed is read as a listing page
            if url not in self._listing_pages:
                yield self._listing_request(url, edition)

    def parse_event(self, response: Response, listing_url: str | None = None,
                    edition_hint: int | None = None):
        if response.meta.get(UNCHANGED):   # a 304 for a stored event (mipcrawl.middlewares.incremental)
            yield UnchangedPage(url=response.url, edition_hint=edition_hint)
            return
        reason = unreadable_reason(response) or error_page_reason(response)
        if reason:
            yield self._unusable(response, "event", reason, edition_hint)
            return
        item, failed = read_event(response, fetched_at=self.clock(), listing_url=listing_url,
                                  edition_hint=edition_hint)
        provenance = archive_provenance(response)
        if provenance and item.edition and edition_hint and item.edition != edition_hint:
            # an archive's capture of this URL once it served another edition's event
            yield self._unusable(response, "event", f"a page of edition {item.edition}", edition_hint)
            return
        for name, value in provenance.items():
            setattr(item, name, value)
        item.redirected_from = [u for u in response.meta.get("redirect_urls", ()) if u != item.url]
        self._count_strategies(item, failed)
        yield item

    def _count_strategies(self, item: EventItem, failed: list[str]) -> None:
        """The strategy of each field, run-wide and by the page's edition (the layout check
        compares an edition with its own past: ``storage/layout.py``)."""
        stats = self.crawler.stats
        for name in (*FIELDS, "edition"):
            strategy = item.strategies.get(name) or ("error" if name in failed else "none")
            stats.inc_value(f"mipcrawl/strategy/{name}/{strategy}")
            if item.edition is not None:
                stats.inc_value(f"mipcrawl/layout/{item.edition}/{name}/{strategy}")

    def listing_failed(self, failure):
        edition = failure.request.cb_kwargs.get("edition")
        lost = failure_item(failure, "listing", edition.year if edition else None)
        if edition and lost.http_status in (404, 410) and self._is_table_url(failure.request.url, edition):
            # the table's URL is gone: look for the edition's programme on the hub before giving up
            yield scrapy.Request(self.base_url + HUB_PATH, callback=self.parse_hub,
                                 errback=self.hub_failed, dont_filter=True,
                                 cb_kwargs={"edition": edition, "lost": lost})
            return
        yield self._counted(lost)

    def _is_table_url(self, url: str, edition: Edition) -> bool:
        return url == self.base_url + edition.listing_path

    def parse_hub(self, response: Response, edition: Edition, lost: FetchFailure):
        found = None if unreadable_reason(response) else programme_link(
            response, edition.year, site=site_origin(self.base_url))
        if found is None or self._is_table_url(found, edition):
            lost.reason += "; the hub links no other programme for this edition"
            yield self._counted(lost)
            return
        self.logger.warning("programme %s moved: %s -> %s (update mipcrawl/editions.py)",
                            edition.year, lost.url, found)
        yield self._listing_request(found, edition)

    def hub_failed(self, failure):
        yield self._counted(failure.request.cb_kwargs["lost"])

    def event_failed(self, failure):
        yield self._counted(failure_item(failure, "event", failure.request.cb_kwargs.get("edition_hint")))

    def _failure(self, url: str, kind: str, reason: str, edition: int | None,
                 status: int | None) -> FetchFailure:
        return self._counted(FetchFailure(url=url, kind=kind, reason=reason, edition=edition,
                                          http_status=status))

    def _counted(self, item: FetchFailure) -> FetchFailure:
        self.crawler.stats.inc_value(f"mipcrawl/fetch_failed/{item.kind}")
        return item


def _is_json(response: Response) -> bool:
    """A listing feed: a JSON body (infinite scroll's endpoint)."""
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").split(";")[0].strip()
    return content_type.endswith("json")
