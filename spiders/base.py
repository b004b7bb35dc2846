"""What every spider of the DITP site shares: the base URL from the settings (the real site,
or the replica), the site's own domain only, and a clock the tests can pin."""

from __future__ import annotations

import datetime as dt

import scrapy

from mipcrawl import config
from spiders.site import site_domain


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SiteSpider(scrapy.Spider):
    base_url = config.REAL_BASE_URL
    clock = staticmethod(utc_now)   # tests pin it

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.base_url = (crawler.settings.get("MIPCRAWL_BASE_URL") or config.REAL_BASE_URL).rstrip("/")
        spider.allowed_domains = [site_domain(spider.base_url)]
        return spider
