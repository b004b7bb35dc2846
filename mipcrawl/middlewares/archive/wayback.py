"""``WaybackMiddleware``: the programme read from a web archive instead of the live site.

A downloader middleware above the HTTP cache and the WARC writer (order 580, under the
retry middleware's 550), switched on by ``MIPCRAWL_WAYBACK_URL`` (``crawl --from-archive``).
The spider asks for the site's own URLs, as in a live crawl; here each such request becomes

1. a CDX query for the URL's captures with status 200, collapsed by digest;
2. the memento, in original-bytes mode (``id_``), of the capture nearest the edition's
   reference time — the first listing page's capture that best represents the finished
   programme (``captures.reference``), or ``MIPCRAWL_WAYBACK_AT`` (``--at YYYYMMDD``);
3. the response, handed to the spider under the page's own URL (links resolve against it;
   the event's identity is that URL), with ``response.meta["wayback"]`` holding the
   capture's ``timestamp`` and ``memento`` URL.

A capture that is unusable — a redirect to another URL, one the archive cannot serve, a page
carrying the archive's toolbar, or (the spider says so by sending the request back with
``stage: "next"``) an error page or a page of another edition — is set aside and the next
nearest is tried. A page left without any raises ``NotArchived`` with the reason (its
errback records it as missing, never as failed); a page with no status-200 capture costs a
second CDX query, without the filter, to say why. An answer that is no CDX answer raises
``ArchiveUnusable``: the crawl stops there with one line.

Rate: every request goes to the archive's one host, so Scrapy's per-slot delay
(``DOWNLOAD_DELAY`` = 1 / ``MIPCRAWL_WAYBACK_RATE``, one request at a time, no random
shortening) caps the request rate. A ``429`` holds the whole slot for its ``Retry-After``
(else ``MIPCRAWL_RETRY_BACKOFF_MAX``) and the request is sent again, up to
``MIPCRAWL_WAYBACK_MAX_429`` times, outside the retry budget of errors.
"""

from __future__ import annotations

import datetime as dt
import re
from time import monotonic
from typing import Any

from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured

from mipcrawl.editions import EDITIONS
from mipcrawl.items import EDITION, LISTING, WAYBACK
from mipcrawl.middlewares.archive import captures as cx

TOOLBAR_MARKS = (b"<!-- BEGIN WAYBACK TOOLBAR INSERT -->", b'id="wm-ipp')
_MEMENTO = re.compile(r"/web/(\d{14})[a-z]{0,2}_?/(.+)$")


class NotArchived(IgnoreRequest):
    """The archive holds no usable capture of the page (the reason is the message): a gap of
    the source (``source_gap``), recorded as missing, never as a failure."""

    source_gap = True


class ArchiveUnusable(IgnoreRequest):
    """The archive does not answer as a Wayback Machine does (the crawl cannot go on)."""


def memento_original(url: str) -> str | None:
    """The original URL inside a memento URL (``…/web/<timestamp><mode>/<url>``), else None."""
    m = _MEMENTO.search(url)
    return m.group(2) if m else None


def same_page(a: str, b: str) -> bool:
    """Scheme and ``www.`` aside, as the archive's canonical form has it."""
    def canon(url: str) -> str:
        return re.sub(r"^https?://(www\.)?", "", url).rstrip("/").lower()
    return canon(a) == canon(b)


def edition_dates(year: int) -> tuple[dt.date, dt.date]:
    ed = EDITIONS.get(year)
    if ed and ed.start and ed.end:
        return ed.start, ed.end
    return dt.date(year, 11, 1), dt.date(year, 11, 30)


class WaybackMiddleware:
    def __init__(self, archive_url: str, *, at: dt.datetime | None = None, max_429: int = 20,
                 backoff_max: float = 30.0, crawler: Any = None) -> None:
        self.archive_url = archive_url.rstrip("/")
        self.at, self.max_429, self.backoff_max, self.crawler = at, max_429, backoff_max, crawler
        self.references: dict[int, dt.datetime] = {}
        self.programmes: set[int] = set()     # editions whose listing the archive gave

    @classmethod
    def from_crawler(cls, crawler: Any) -> WaybackMiddleware:
        s = crawler.settings
        url = s.get("MIPCRAWL_WAYBACK_URL")
        if not url:
            raise NotConfigured("a live crawl (no MIPCRAWL_WAYBACK_URL)")
        at = s.get("MIPCRAWL_WAYBACK_AT")
        crawler.stats.set_value("mipcrawl/wayback/url", url)
        return cls(url, at=cx.at_date(at) if at else None, max_429=s.getint("MIPCRAWL_WAYBACK_MAX_429", 20),
                   backoff_max=s.getfloat("MIPCRAWL_RETRY_BACKOFF_MAX", 30.0), crawler=crawler)

    # -- requests -----------------------------------------------------------------------------

    def process_request(self, request: Request) -> Request | None:
        wb = request.meta.get(WAYBACK)
        if wb is None:
            if request.url.startswith(self.archive_url):
                return None
            wb = {"original": request.url, "stage": "cdx", "unusable": []}
            return self._stage(request, wb, self._cdx(request, wb["original"], only_ok=True))
        if wb["stage"] == "next":
            return self._next(request, wb)
        return None

    def _cdx(self, request: Request, url: str, *, only_ok: bool) -> str:
        year = request.meta.get(EDITION)
        return cx.cdx_url(self.archive_url, url, year=int(year) if year else None, only_ok=only_ok)

    def _stage(self, request: Request, wb: dict, url: str) -> Request:
        meta = {k: v for k, v in request.meta.items() if not k.startswith("redirect_")}
        return request.replace(url=url, meta={**meta, WAYBACK: wb}, dont_filter=True)

    # -- responses ----------------------------------------------------------------------------

    def process_response(self, request: Request, response: Any) -> Any:
        wb = request.meta.get(WAYBACK)
        if wb is None:
            return response
        self._inc("answers")
        if response.status == 429:
            return self._rate_limited(request, response, wb)
        if wb["stage"] in ("cdx", "why"):
            return self._cdx_answer(request, response, wb)
        return self._memento(request, response, wb)

    def process_exception(self, request: Request, exception: Exception) -> None:
        """Kept for the one-line report of an archive that does not answer (retried below)."""
        if request.meta.get(WAYBACK) is not None and self.crawler is not None:
            message = f"{type(exception).__name__}: {exception}".splitlines()[0]
            self.crawler.stats.set_value("mipcrawl/wayback/last_error", message)

    def _cdx_answer(self, request: Request, response: Any, wb: dict) -> Any:
        if response.status != 200:
            return response                       # retried, then an HTTP error for the errback
        try:
            found = cx.read_cdx(response.body)
        except cx.ArchiveAnswerError as exc:
            self._inc("unusable_answer")
            error = ArchiveUnusable(f"the archive at {self.archive_url} cannot be used: {exc}")
            if self._first_listing(request):
                self._set_stat("fatal", str(error))
            raise error from exc
        if wb["stage"] == "why":
            raise self._missing(request, f"{cx.why_none(found)} in the archive")
        if not found:
            return self._stage(request, {**wb, "stage": "why"}, self._cdx(request, wb["original"], only_ok=False))
        wb = {**wb, "captures": [(c.timestamp, c.original, c.status, c.digest) for c in found]}
        return self._next(request, wb)

    def _reference(self, request: Request, found: list[cx.Capture]) -> dt.datetime:
        if self.at is not None:
            return self.at
        year = int(request.meta.get(EDITION) or 0)
        if year not in self.references:
            if not year:       # a page of no edition: its latest capture
                return max(c.when for c in found)
            start, end = edition_dates(year)
            best = cx.reference(found, start, end) if request.meta.get(LISTING) else None
            self.references[year] = best.when if best else dt.datetime.combine(end, dt.time(12), tzinfo=dt.UTC)
            self._set_stat(f"reference/{year}", self.references[year].strftime(cx.TS_FORMAT))
        return self.references[year]

    def _next(self, request: Request, wb: dict) -> Request:
        found = [cx.Capture(*c) for c in wb["captures"]]
        skip = frozenset(ts for ts, _ in wb["unusable"])
        order = cx.nearest_first(found, self._reference(request, found), skip)
        if not order:
            reasons = sorted({why for _, why in wb["unusable"]})
            raise self._missing(request, f"no usable capture in the archive ({', '.join(reasons)})")
        pick = order[0]
        wb = {**wb, "stage": "memento", "timestamp": pick.timestamp}
        return self._stage(request, wb, cx.memento_url(self.archive_url, pick))

    def _memento(self, request: Request, response: Any, wb: dict) -> Any:
        m = _MEMENTO.search(response.url)
        reason = None
        if m is None or not same_page(m.group(2), wb["original"]):
            reason = "a redirect capture" + (f" to {m.group(2)}" if m else "")
        elif response.status == 404:
            reason = "a capture the archive does not serve"
        elif response.status >= 400:
            return response                        # retried, then an HTTP error for the errback
        elif any(mark in response.body[:65536] for mark in TOOLBAR_MARKS):
            reason = "an archive toolbar page"
        if reason:
            self._inc("unusable_capture")
            return self._stage(request, {**wb, "stage": "next",
                                         "unusable": [*wb["unusable"], (wb["timestamp"], reason)]},
                               wb["original"])
        wb.update(timestamp=m.group(1), memento=response.url)
        request.meta.pop("redirect_urls", None)
        request.meta.pop("redirect_reasons", None)
        if request.meta.get(LISTING):
            self.programmes.add(int(request.meta.get(EDITION) or 0))
        self._inc("captures")
        return response.replace(url=wb["original"])

    def _rate_limited(self, request: Request, response: Any, wb: dict) -> Any:
        tries = request.meta.get("wayback_429", 0) + 1
        if tries > self.max_429:
            return response
        wait = _retry_after(response.headers.get(b"Retry-After"), self.backoff_max)
        self._hold_slot(request, wait)
        self._inc("rate_limited")
        meta = {**request.meta, "wayback_429": tries}
        return request.replace(meta=meta, dont_filter=True)

    def _hold_slot(self, request: Request, wait: float) -> None:
        """Nothing more goes to the archive for ``wait`` seconds (the slot's next send moves)."""
        downloader = getattr(getattr(self.crawler, "engine", None), "downloader", None)
        if downloader is None:
            return
        key = request.meta.get("download_slot") or downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        if slot is not None:
            slot.lastseen = max(slot.lastseen, monotonic() + wait - slot.delay)

    def _first_listing(self, request: Request) -> bool:
        return bool(request.meta.get(LISTING)) and int(request.meta.get(EDITION) or 0) not in self.programmes

    def _missing(self, request: Request, reason: str) -> NotArchived:
        self._inc("missing")
        if self._first_listing(request):
            self._set_stat("nothing", f"{request.meta[WAYBACK]['original']}: {reason}")
        return NotArchived(reason)

    def _inc(self, key: str) -> None:
        if self.crawler is not None:
            self.crawler.stats.inc_value(f"mipcrawl/wayback/{key}")

    def _set_stat(self, key: str, value: Any) -> None:
        if self.crawler is not None:
            self.crawler.stats.set_value(f"mipcrawl/wayback/{key}", value)


def _retry_after(value: bytes | None, cap: float) -> float:
    """Seconds of a ``Retry-After`` (a number of seconds; a date is read as ``cap``)."""
    text = (value or b"").decode("latin-1").strip()
    if text.isdigit():
        return min(float(text), cap)
    return cap if text else 1.0
