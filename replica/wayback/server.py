"""The archive's HTTP server: the CDX API (``/cdx/search/cdx``), mementos
(``/web/<timestamp>id_/<url>`` the bytes as captured, ``/web/<timestamp>/<url>`` with the
toolbar and rewritten links, a redirect to the nearest capture when the timestamp is not
one), and rate limiting (``429`` with ``Retry-After`` on a deterministic share of requests).

Control endpoints (never limited nor counted): ``/_replica/stats`` (with the arrival time of
every request and of every request answered 429, for rate checks), ``/_replica/stats/reset``, ``/_replica/archive`` (``?rate_limit=
0.2&retry_after=1&cdx_garbage=1`` to change the switches).
"""

from __future__ import annotations

import dataclasses
import email.utils
import hashlib
import json
import re
import sys
import time
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, parse_qsl, urlsplit

from replica.server import QuietHandler, Stats
from replica.wayback import bodies, cdx
from replica.wayback.cdx import Row
from replica.wayback.plan import parse_timestamp

_MEMENTO = re.compile(r"^/web/(\d{1,14})([a-z]{2}_)?/(.+)$")


@dataclass
class ArchiveConfig:
    rate_limit: float = 0.0       # share of requests answered 429
    retry_after: int = 1          # seconds, sent with every 429
    cdx_garbage: bool = False     # the CDX API answers an HTML page with status 200

    def __post_init__(self) -> None:
        self.rate_limit, self.retry_after = float(self.rate_limit), int(self.retry_after)
        self.cdx_garbage = str(self.cdx_garbage).lower() in ("1", "true", "yes")
        if not 0 <= self.rate_limit <= 1 or self.retry_after < 0:
            raise ValueError("rate_limit must be within 0..1 and retry_after >= 0")


class ArchiveStats(Stats):
    def reset(self) -> None:
        super().reset()
        self.started = time.monotonic()
        self.times: list[float] = []
        self.limited: list[float] = []
        self.seen: dict[str, int] = {}

    def arrival(self, key: str) -> tuple[int, float]:
        """Record a request's arrival: (how many came for ``key`` before it, its time)."""
        with self._lock:
            at = round(time.monotonic() - self.started, 4)
            self.times.append(at)
            n = self.seen.get(key, 0)
            self.seen[key] = n + 1
            return n, at

    def refused(self, at: float) -> None:
        with self._lock:
            self.limited.append(at)

    def as_dict(self) -> dict:
        out = super().as_dict()
        with self._lock:
            out["times"], out["limited"] = list(self.times), list(self.limited)
        return out


def _unit(seed: int, key: str) -> float:
    return int.from_bytes(hashlib.blake2b(f"{seed}:429:{key}".encode(), digest_size=8).digest(), "big") / 2**64


def padded(ts: str) -> str:
    """A partial timestamp as the first moment it names: ``2019`` → ``20190101000000``."""
    return ts + "20000101000000"[len(ts):] if len(ts) < 4 else ts + "0101000000"[len(ts) - 4:]


def nearest(rows: list[Row], ts: str) -> Row:
    at = parse_timestamp(padded(ts))
    return min(rows, key=lambda r: (abs(parse_timestamp(r.timestamp) - at), r.timestamp))


class ArchiveHandler(QuietHandler):
    server_version = "wayback-replica"
    server: ArchiveServer

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path.startswith("/_replica/"):
            self._control(parts.path.rstrip("/").removeprefix("/_replica/"), parts.query)
            return
        srv = self.server
        key = self.path
        nth, at = srv.stats.arrival(key)
        if srv.config.rate_limit and _unit(srv.seed, f"{key}#{nth}") < srv.config.rate_limit:
            srv.stats.refused(at)
            self._send(429, b"Too Many Requests", key=key, extra={"Retry-After": str(srv.config.retry_after)})
            return
        if parts.path == "/cdx/search/cdx":
            self._cdx(parts.query, key)
            return
        m = _MEMENTO.match(self.path)
        if m is None:
            self._send(404, bodies.not_archived(self.path), key=key)
            return
        self._memento(m.group(1), m.group(2) or "", m.group(3), key)

    def _cdx(self, query: str, key: str) -> None:
        if self.server.config.cdx_garbage:
            self._send(200, b"<html><body><h1>Service Unavailable</h1></body></html>", key=key)
            return
        params = parse_qs(query, keep_blank_values=True)
        try:
            rows = cdx.select(self.server.index, params, self.server.original)
            body, ctype = cdx.render(rows, params)
        except cdx.CdxError as exc:
            self._send(400, f"org.archive.wayback.exception.BadQueryException: {exc}\n".encode(), key=key,
                       extra={"Content-Type": "text/plain"})
            return
        self._send(200, body, key=key, extra={"Content-Type": ctype})

    def _memento(self, ts: str, mode: str, url: str, key: str) -> None:
        srv = self.server
        path = cdx.path_of(url, srv.original)
        rows = srv.index.get(path or "", [])
        if not rows:
            self._send(404, bodies.not_archived(url), key=key)
            return
        row = next((r for r in rows if r.timestamp == ts), None)
        original = srv.original + row.path if row else srv.original + rows[0].path
        if row is None:
            near = nearest(rows, ts)
            self._send(302, b"", key=key, extra={"Location": self._web(near.timestamp, mode, original)})
            return
        headers = {"Memento-Datetime": email.utils.format_datetime(parse_timestamp(ts), usegmt=True),
                   "Link": f'<{original}>; rel="original"'}
        if 300 <= row.status < 400:
            target = row.target if "://" in row.target else srv.original + row.target
            self._send(row.status, b"", key=key, extra=headers | {"Location": self._web(ts, mode, target)})
            return
        body = srv.body(row)
        if not mode and row.status == 200:
            body = bodies.toolbar(body, ts, original)
        self._send(row.status, body, key=key, extra=headers)

    def _web(self, ts: str, mode: str, original: str) -> str:
        return f"http://{self.headers.get('Host') or '127.0.0.1'}/web/{ts}{mode}/{original}"

    def _send(self, status: int, body: bytes, *, key: str, extra: dict | None = None) -> None:
        self.server.stats.count(key, status)
        self.send_response(status)
        for name, value in ({"Content-Type": "text/html; charset=utf-8"} | (extra or {})).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _control(self, action: str, query: str) -> None:
        srv = self.server
        if action == "stats":
            payload = srv.stats.as_dict()
        elif action == "stats/reset":
            srv.stats.reset()
            payload = {"ok": True}
        elif action == "archive":
            changes = dict(parse_qsl(query))
            try:
                srv.config = dataclasses.replace(srv.config, **changes) if changes else srv.config
            except (TypeError, ValueError) as exc:
                self._json(400, {"error": str(exc)})
                return
            payload = dataclasses.asdict(srv.config)
        else:
            self._json(404, {"error": f"unknown control endpoint /_replica/{action}"})
            return
        self._json(200, payload)

    def _json(self, status: int, payload: dict) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class ArchiveServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, site_dir: Path, index: dict[str, list[Row]], *, seed: int, original: str,
                 config: ArchiveConfig, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), ArchiveHandler)
        self.site_dir, self.index, self.seed = site_dir, index, seed
        self.original, self.config, self.stats = original.rstrip("/"), config, ArchiveStats()

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def body(self, row: Row) -> bytes:
        return (self.site_dir / row.target).read_bytes()

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)
