"""``WarcWriterMiddleware``: every request and response of a crawl into one gzipped WARC per run.

A downloader middleware next to the network (after ``HttpCacheMiddleware``), so it sees
what went over the wire: the request with its conditional headers, the response with its
raw (still content-encoded) body, and a 304 as a ``revisit`` record (profile
server-not-modified, with the payload digest of the cached body it confirms). Written with
``warcio`` (gzip per record, so a file cut by a kill is readable up to its last record):
``WARC-Target-URI``, ``WARC-Date``, ``WARC-Payload-Digest`` (sha1) on every response.

File: ``<archive dir>/<scope>/mipcrawl-programme-<edition>-<UTC time>-run<id>.warc.gz``
(``labs/mipcrawl-labs-<UTC time>-run<id>.warc.gz`` for the labs), starting with a
``warcinfo`` record naming the spider, scope, base URL, run id and parser version (what
``mipcrawl reparse`` needs). The file opens with the first response (a run refused by its
lock writes none); a fresh cache hit, which never went over the network, is not archived.
Each response gets ``request.meta["mipcrawl_capture_id"] = "<file>#<record id>"``;
``CaptureIdMiddleware`` copies it into the items (``capture_id``), and the store keeps it
on the event and on each revision.

Settings: ``MIPCRAWL_ARCHIVE_ENABLED`` (True), ``MIPCRAWL_ARCHIVE_DIR`` (default
``<MIPCRAWL_DATA_DIR>/archive``). Stats: ``mipcrawl/archive/file``, ``…/responses``,
``…/revisits``, ``…/requests``, ``…/bytes``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http
import io
from base64 import b32encode
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from mipcrawl import stats as keys
from mipcrawl.scope import RunScope

SERVER_NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
_HOP_BY_HOP = {"transfer-encoding", "connection", "keep-alive"}
CAPTURE_ID = "mipcrawl_capture_id"   # request.meta: the WARC record of the response


def payload_digest(body: bytes) -> str:
    return "sha1:" + b32encode(hashlib.sha1(body).digest()).decode("ascii")


def status_line(status: int) -> str:
    try:
        return f"{status} {http.HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


def header_pairs(headers: Any, *, body_length: int | None = None) -> list[tuple[str, str]]:
    """Scrapy ``Headers`` as (name, value) pairs; hop-by-hop ones dropped (the body is de-chunked)."""
    pairs, chunked = [], False
    for name, values in headers.items():
        key = name.decode("latin-1")
        if key.lower() in _HOP_BY_HOP:
            chunked = chunked or key.lower() == "transfer-encoding"
            continue
        pairs += [(key, v.decode("latin-1")) for v in values]
    if chunked and body_length is not None:
        pairs = [(k, v) for k, v in pairs if k.lower() != "content-length"]
        pairs.append(("Content-Length", str(body_length)))
    return pairs


class WarcWriter:
    """One WARC file: warcinfo, then response/revisit + request pairs. Plain; tests call it directly."""

    def __init__(self, path: Path, info: dict[str, str]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._fh = path.open("xb")
        self._writer = WARCWriter(self._fh, gzip=True, warc_version="1.1")
        self.counts = {"responses": 0, "revisits": 0, "requests": 0}
        self._writer.write_record(self._writer.create_warcinfo_record(path.name, info))

    def write(self, request: Any, response: Any, *, cached_body: bytes | None = None) -> str:
        """Write the response (or revisit) and its request; returns the response record id."""
        w = self._writer
        uri = response.url
        http_headers = StatusAndHeaders(status_line(response.status),
                                        header_pairs(response.headers, body_length=len(response.body)),
                                        protocol=getattr(response, "protocol", None) or "HTTP/1.1")
        warc_headers = {}
        if getattr(response, "ip_address", None) is not None:
            warc_headers["WARC-IP-Address"] = str(response.ip_address)
        if response.status == 304:
            warc_headers.update({"WARC-Profile": SERVER_NOT_MODIFIED, "WARC-Refers-To-Target-URI": uri})
            if cached_body is not None:
                warc_headers["WARC-Payload-Digest"] = payload_digest(cached_body)
            record = w.create_warc_record(uri, "revisit", http_headers=http_headers,
                                          warc_headers_dict=warc_headers)
            self.counts["revisits"] += 1
        else:
            record = w.create_warc_record(uri, "response", payload=io.BytesIO(response.body),
                                          length=len(response.body), http_headers=http_headers,
                                          warc_headers_dict=warc_headers)
            self.counts["responses"] += 1
        w.write_record(record)
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        w.write_record(self._request_record(request, record_id))
        self.counts["requests"] += 1
        return record_id

    def _request_record(self, request: Any, concurrent_to: str) -> Any:
        parts = urlsplit(request.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        pairs = header_pairs(request.headers)
        if not any(k.lower() == "host" for k, _ in pairs):
            pairs.insert(0, ("Host", parts.netloc))
        headers = StatusAndHeaders(f"{request.method} {target} HTTP/1.1", pairs, is_http_request=True)
        return self._writer.create_warc_record(
            request.url, "request", payload=io.BytesIO(request.body or b""), length=len(request.body or b""),
            http_headers=headers, warc_headers_dict={"WARC-Concurrent-To": concurrent_to})

    def close(self) -> None:
        self._fh.close()


class WarcWriterMiddleware:
    def __init__(self, archive_dir: Path, stats: Any, info: dict[str, str]) -> None:
        self.archive_dir, self.stats, self.info = archive_dir, stats, info
        self.writer: WarcWriter | None = None
        self.name: str | None = None
        self.spider: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> WarcWriterMiddleware:
        s = crawler.settings
        if not s.getbool("MIPCRAWL_ARCHIVE_ENABLED", True):
            raise NotConfigured("MIPCRAWL_ARCHIVE_ENABLED is off")
        root = s.get("MIPCRAWL_ARCHIVE_DIR") or str(Path(s.get("MIPCRAWL_DATA_DIR") or "data") / "archive")
        from parsers import PARSER_VERSION

        info = {"software": f"mipcrawl ({s.get('USER_AGENT')})", "format": "WARC File Format 1.1",
                "mipcrawl-base-url": s.get("MIPCRAWL_BASE_URL") or "",
                "mipcrawl-parser-version": PARSER_VERSION,
                "mipcrawl-command": s.get("MIPCRAWL_RUN_COMMAND") or ""}
        if s.get("MIPCRAWL_WAYBACK_URL"):   # read from a web archive: what a reparse must ask again
            info |= {"mipcrawl-wayback-url": s.get("MIPCRAWL_WAYBACK_URL"),
                     "mipcrawl-wayback-at": s.get("MIPCRAWL_WAYBACK_AT") or ""}
        mw = cls(Path(root).absolute(), crawler.stats, info)
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    def spider_opened(self, spider: Any) -> None:
        self.spider = spider   # the file opens with the first response: a refused run writes none

    def _open(self, spider: Any) -> None:
        scope = getattr(spider, "run_scope", None) or RunScope.of(spider.name)
        run_id = self.stats.get_value(keys.RUN_ID)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        suffix = f"-run{run_id}" if run_id is not None else ""
        label = scope.spider if scope.key == scope.spider else f"{scope.spider}-{scope.key}"
        self.name = f"{scope.key}/mipcrawl-{label}-{stamp}{suffix}.warc.gz"
        info = {**self.info, "mipcrawl-spider": scope.spider, "mipcrawl-scope": scope.key,
                "mipcrawl-run-id": "" if run_id is None else str(run_id)}
        self.writer = WarcWriter(self.archive_dir / self.name, info)
        self.stats.set_value(keys.ARCHIVE_FILE, self.name)

    def spider_closed(self, spider: Any) -> None:
        self.spider = None
        if self.writer is not None:
            self.writer.close()
            self.writer = None

    def process_response(self, request: Any, response: Any) -> Any:
        if "cached" in response.flags:   # a fresh cache hit never went over the network
            return response
        if self.writer is None and self.spider is not None:
            self._open(self.spider)
        if self.writer is None:
            return response
        cached = request.meta.get("cached_response")
        record_id = self.writer.write(request, response, cached_body=cached.body if cached is not None else None)
        request.meta[CAPTURE_ID] = f"{self.name}#{record_id}"
        kind = "revisits" if response.status == 304 else "responses"
        self.stats.inc_value(f"mipcrawl/archive/{kind}")
        self.stats.inc_value("mipcrawl/archive/requests")
        self.stats.inc_value(keys.ARCHIVE_BYTES, len(response.body))
        return response


class CaptureIdMiddleware(BaseSpiderMiddleware):
    """Spider middleware: items from a captured response carry its capture id."""

    def get_processed_item(self, item: Any, response: Any) -> Any:
        if response is not None and hasattr(item, "capture_id") and item.capture_id is None:
            item.capture_id = response.meta.get(CAPTURE_ID)
        return item
