"""Replay: a Scrapy download handler answering every request from WARC captures, no network.

``mipcrawl reparse`` installs ``ReplayDownloadHandler`` for http and https, so the very
same spiders and pipelines run over the archived responses. For each URL the last capture
in the replayed files answers (a run that retried a 503 replays the final answer). A
revisit (a 304 of an incremental crawl) is answered with the response it confirms, found
by URL and payload digest in the replayed files or the fallback files (the earlier WARCs
of the same scope); a URL the replayed files lack (a finished edition's page that an
incremental run did not fetch) is answered from its latest capture in the fallback files.
A URL captured nowhere fails with ``NotArchived`` (the spider records a ``FetchFailure``).

Items get the capture id of the response their content came from
(``request.meta["mipcrawl_capture_id"]``). Settings: ``MIPCRAWL_REPLAY_WARCS`` (list of
``path|name`` strings: the file and its name in capture ids), ``MIPCRAWL_REPLAY_FALLBACK``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.http import Headers
from scrapy.responsetypes import responsetypes

from mipcrawl.middlewares.archive.reader import Capture, captures


class NotArchived(Exception):
    """The URL has no capture in the replayed WARC files."""


def file_spec(path: Path, name: str) -> str:
    return f"{path}|{name}"


def _parse_spec(spec: str) -> tuple[Path, str]:
    path, _, name = spec.partition("|")
    return Path(path), name or path


class ReplayIndex:
    def __init__(self, files: Iterable[str], fallback: Iterable[str] = ()) -> None:
        self.latest: dict[str, Capture] = {}
        self.by_digest: dict[tuple[str, str], Capture] = {}
        self.fallback_latest: dict[str, Capture] = {}
        for spec in fallback:
            self._load(spec, self.fallback_latest)
        for spec in files:
            self._load(spec, self.latest)

    def _load(self, spec: str, latest: dict[str, Capture]) -> None:
        path, name = _parse_spec(spec)
        for cap in captures(path, name):
            latest[cap.uri] = cap
            if cap.warc_type == "response" and cap.digest:
                self.by_digest[(cap.uri, cap.digest)] = cap

    def lookup(self, uri: str) -> Capture | None:
        cap = self.latest.get(uri)
        if cap is None:
            cap = self.fallback_latest.get(uri)
        if cap is not None and cap.warc_type == "revisit":
            cap = self.by_digest.get((uri, cap.digest or "")) or self._latest_response(uri)
        return cap

    def _latest_response(self, uri: str) -> Capture | None:
        cap = self.fallback_latest.get(uri)
        return cap if cap is not None and cap.warc_type == "response" else None

    def __len__(self) -> int:
        return len(self.latest)


class ReplayDownloadHandler(BaseDownloadHandler):
    lazy = False

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        s = crawler.settings
        self.index = ReplayIndex(s.getlist("MIPCRAWL_REPLAY_WARCS"), s.getlist("MIPCRAWL_REPLAY_FALLBACK"))
        self.stats = crawler.stats

    async def download_request(self, request: Any) -> Any:
        cap = self.index.lookup(request.url)
        if cap is None:
            self.stats.inc_value("mipcrawl/replay/not_archived")
            raise NotArchived(f"not in the archive: {request.url}")
        self.stats.inc_value("mipcrawl/replay/responses")
        request.meta["mipcrawl_capture_id"] = cap.capture_id
        grouped: dict[str, list[str]] = {}
        for name, value in cap.headers:
            grouped.setdefault(name, []).append(value)
        headers = Headers(grouped)
        respcls = responsetypes.from_args(headers=headers, url=request.url, body=cap.body)
        return respcls(url=request.url, status=cap.status, headers=headers, body=cap.body,
                       flags=["replayed"], request=request)
