"""Every request of a crawl stays on the crawl's origin: the base URL's scheme, domain (or a
sub-domain) and port (``mipcrawl.config.Origin``). Scrapy's own ``OffsiteMiddleware``
compares host names only, so a listing on one port could send the crawler to another
service of the same host; and it drops a request when it is *scheduled*, so an event whose
page redirected off the site was neither stored nor counted.

Here the check is made when the request is about to be downloaded, for every request
(``dont_filter`` ones and redirects included; ``meta["allow_offsite"]`` is Scrapy's way to
let one through): a refused request reaches its errback as ``IgnoreRequest``, which the
spiders turn into a counted ``FetchFailure`` — the gate's listed / items / errors add up.
A crawl that reads the site from a web archive (``MIPCRAWL_WAYBACK_URL``, ``crawl
--from-archive``) also goes to the archive's origin: that is where its pages come from.
Stats: ``offsite/filtered``.
"""

from __future__ import annotations

from typing import Any

from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.exceptions import IgnoreRequest

from mipcrawl.config import Origin, on_site, site_origin


class SiteOriginMiddleware(OffsiteMiddleware):
    @classmethod
    def from_crawler(cls, crawler: Any) -> SiteOriginMiddleware:
        middleware = super().from_crawler(crawler)
        archive = crawler.settings.get("MIPCRAWL_WAYBACK_URL")
        middleware.sources = [site_origin(archive)] if archive else []
        return middleware

    def request_scheduled(self, request: Any, spider: Any) -> None:
        """Nothing is dropped while scheduling (no errback would hear of it): see below."""

    def process_request(self, request: Any, spider: Any = None) -> None:
        if request.meta.get("allow_offsite") or self.should_follow(request, self.crawler.spider):
            return
        self.stats.inc_value("offsite/filtered")
        raise IgnoreRequest(f"off the crawl's origin {self._origin(self.crawler.spider)}: {request.url}")

    def should_follow(self, request: Any, spider: Any) -> bool:
        origin = self._origin(spider)
        if origin is None:   # a spider without a base URL: Scrapy's host rule
            return bool(super().should_follow(request, spider))
        return any(on_site(request.url, o) for o in (origin, *getattr(self, "sources", ())))

    @staticmethod
    def _origin(spider: Any) -> Origin | None:
        base_url = getattr(spider, "base_url", None)
        return site_origin(base_url) if base_url else None
