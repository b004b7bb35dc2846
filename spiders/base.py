"""What every spider of the DITP site shares: the base URL from the settings (the real site,
or the replica), the site's own domain only, a clock the tests can pin, and what a page read
from a web archive carries (``WAYBACK`` in ``mipcrawl.items``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import scrapy
from scrapy.http import Response

from mipcrawl import config
from mipcrawl.items import ARCHIVE, WAYBACK
from spiders.site import site_domain


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SiteSpider(scrapy.Spider):
    base_url = config.REAL_BASE_URL
    clock = staticmethod(utc_now)   # tests pin it

    @classmethod
    def update_settings(cls, settings):
        """Politeness is for the real site: crawling a loopback base URL (the replica) — given
        in the environment, ``-s MIPCRAWL_BASE_URL=…``, Scrapyd's ``setting=`` or the CLI —
        drops the delays (``config.politeness``), below what the command line sets itself."""
        super().update_settings(settings)
        base_url = settings.get("MIPCRAWL_BASE_URL") or config.REAL_BASE_URL
        settings.setdict(config.politeness(base_url), priority="spider")

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.base_url = (crawler.settings.get("MIPCRAWL_BASE_URL") or config.REAL_BASE_URL).rstrip("/")
        spider.allowed_domains = [site_domain(spider.base_url)]
        return spider


def another_capture(response: Response, reason: str) -> scrapy.Request | None:
    """For a page read from a web archive that cannot be used (``reason``): the same request
    sent back for the archive's next nearest capture; None for a page of the live site."""
    wb = response.meta.get(WAYBACK)
    if not wb or not wb.get("timestamp"):
        return None
    again = {**wb, "stage": "next", "unusable": [*wb.get("unusable", []), (wb["timestamp"], reason)]}
    return response.request.replace(url=wb["original"], meta={**response.meta, WAYBACK: again},
                                    dont_filter=True)


def archive_provenance(response: Response) -> dict[str, Any]:
    """``origin``, ``captured_at`` and ``memento_url`` of a page read from a web archive
    (nothing for a page of the live site)."""
    wb = response.meta.get(WAYBACK)
    if not wb or not wb.get("memento"):
        return {}
    ts = wb["timestamp"]
    when = dt.datetime(int(ts[:4]), int(ts[4:6]), int(ts[6:8]), int(ts[8:10]), int(ts[10:12]),
                       int(ts[12:14]), tzinfo=dt.UTC)
    return {"origin": ARCHIVE, "captured_at": when, "memento_url": wb["memento"]}
