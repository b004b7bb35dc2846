"""The replica's HTTP server: pre-rendered bytes, ETag/Last-Modified and 304s, 301/404/410,
robots.txt, counters at ``/_replica/stats``, the day switch and deterministic faults.

Control endpoints (GET or POST, never faulted nor counted):
``/_replica/stats``, ``/_replica/stats/reset``, ``/_replica/day`` and ``/_replica/day/D``,
``/_replica/faults`` (``?fail_rate=…&flaky_rate=…`` to change them), ``/_replica/faults/reset``.
"""

from __future__ import annotations

import contextlib
import email.utils
import json
import socket
import struct
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import asdict, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from replica.faults import FaultConfig, Faults
from replica.html_common import error_page
from replica.routes import Route, Site, normalise


class Stats:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.requests = self.not_modified = 0
            self.by_status: Counter[str] = Counter()
            self.faults: Counter[str] = Counter()
            self.paths: dict[str, dict[str, int]] = defaultdict(lambda: {"requests": 0, "not_modified": 0})

    def count(self, key: str, status: int | str, fault: str | None = None) -> None:
        with self._lock:
            self.requests += 1
            self.by_status[str(status)] += 1
            entry = self.paths[key]
            entry["requests"] += 1
            if status == 304:
                self.not_modified += 1
                entry["not_modified"] += 1
            if fault:
                self.faults[fault] += 1

    def as_dict(self) -> dict:
        with self._lock:
            return {"requests": self.requests, "not_modified": self.not_modified,
                    "by_status": dict(sorted(self.by_status.items())), "faults": dict(self.faults),
                    "paths": {k: dict(v) for k, v in sorted(self.paths.items())}}


def _not_modified(headers, route: Route) -> bool:
    inm = headers.get("If-None-Match")
    if inm is not None:
        tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
        return bool(route.etag) and ("*" in tags or route.etag in tags)
    ims = headers.get("If-Modified-Since")
    if ims:
        try:
            since = email.utils.parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
        return since.tzinfo is not None and route.modified_at <= since
    return False


class QuietHandler(BaseHTTPRequestHandler):
    """HTTP/1.1 keep-alive, no per-request log lines, no Nagle delay: the replica's servers."""

    protocol_version = "HTTP/1.1"
    sys_version = ""

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes: without this, Nagle + delayed ACK cost 40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format, *args) -> None:  # noqa: A002 - no per-request logs
        pass


@contextlib.contextmanager
def running(server: ThreadingHTTPServer, name: str) -> Iterator[None]:
    """``server`` answering in a daemon thread for the ``with`` block, shut down after it."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name=name, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class Handler(QuietHandler):
    server_version = "Drupal"
    server: ReplicaServer

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        if self.path.startswith("/_replica/"):
            self._control()
        else:
            self._send(405, b"", key=normalise(self.path), head=False)

    def _answer(self, head: bool) -> None:
        if self.path.startswith("/_replica/") or self.path == "/_replica":
            self._control()
            return
        srv, key = self.server, normalise(self.path)
        if srv.faults.config.slow_ms:
            time.sleep(srv.faults.config.slow_ms / 1000)
        if srv.faults.persistent(key):
            self._send(503, b"Service temporarily unavailable", key=key, head=head, fault="fail")
            return
        fault = srv.faults.transient(key)
        if fault == "reset":
            srv.stats.count(key, "reset", fault)
            self._reset()
            return
        if fault == "flaky":
            self._send(503, b"Service temporarily unavailable", key=key, head=head, fault=fault)
            return
        route = srv.site.lookup(key)
        if route is None:
            self._send(404, error_page(404), key=key, head=head)
        elif route.status == 301:
            base = f"http://{self.headers.get('Host') or '127.0.0.1'}"
            self._send(301, b"", key=key, head=head, extra={"Location": base + route.location})
        elif route.status != 200:
            self._send(route.status, srv.site.body(route), key=key, head=head)
        elif _not_modified(self.headers, route):
            self._send(304, b"", key=key, head=True, extra=self._validators(route))
        else:
            extra = self._validators(route) | {"Content-Type": route.content_type}
            self._send(200, srv.site.body(route), key=key, head=head, extra=extra, fault=fault)

    @staticmethod
    def _validators(route: Route) -> dict[str, str]:
        return {"ETag": route.etag, "Last-Modified": route.last_modified, "Cache-Control": "no-cache"}

    def _send(self, status: int, body: bytes, *, key: str, head: bool, extra: dict | None = None,
              fault: str | None = None) -> None:
        self.server.stats.count(key, status, fault)
        self.send_response(status)
        headers = {"Content-Type": "text/html; charset=utf-8", **(extra or {})}
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if head or status == 304:
            return
        if fault == "truncate":
            self.wfile.write(body[: len(body) // 2])
            self.close_connection = True
            return
        self.wfile.write(body)

    def _reset(self) -> None:
        """Abort the connection: SO_LINGER 0 makes close() send a TCP RST."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    def _control(self) -> None:
        parts = urlsplit(self.path)
        path = parts.path.rstrip("/")
        action, _, arg = path.removeprefix("/_replica/").partition("/")
        handler = getattr(self, f"_ctl_{action}", None)
        if handler is None:
            self._json(404, {"error": f"unknown control endpoint {path}"})
            return
        try:
            payload = handler(arg, parts.query)
        except (ValueError, TypeError) as exc:
            self._json(400, {"error": str(exc)})
            return
        if payload is None:
            self._json(404, {"error": f"unknown control endpoint {path}"})
        else:
            self._json(200, payload)

    def _ctl_stats(self, arg: str, _query: str) -> dict | None:
        if arg == "reset":
            self.server.stats.reset()
            return {"ok": True}
        return self.server.stats.as_dict() if not arg else None

    def _ctl_day(self, arg: str, _query: str) -> dict:
        if arg:
            self.server.site.set_day(int(arg))
        return {"day": self.server.site.day}

    def _ctl_faults(self, arg: str, query: str) -> dict | None:
        srv = self.server
        if arg == "reset":
            srv.faults.reset()
            return {"ok": True}
        if arg:
            return None
        changes = {k: float(v) for k, v in parse_qsl(query)}
        if changes:
            srv.faults = Faults(srv.faults.seed, replace(srv.faults.config, **changes))
        return asdict(srv.faults.config)

    def _json(self, status: int, payload: dict) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


class ReplicaServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default listen backlog is 5: a crawler opening 16 connections at once
    # overflowed it and the dropped SYNs were retried after 1 s (stalls of ~1 s mid-crawl).
    request_queue_size = 128

    def __init__(self, site: Site, faults: Faults, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), Handler)
        self.site, self.faults, self.stats = site, faults, Stats()

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def handle_error(self, request, client_address) -> None:
        """Clients that hang up (or that we reset on purpose) are not errors worth a traceback."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


def make_server(site: Site, *, port: int = 0, config: FaultConfig | None = None) -> ReplicaServer:
    return ReplicaServer(site, Faults(site.seed, config or FaultConfig()), port)
