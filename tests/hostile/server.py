"""A hostile site on loopback (issue 18): a programme listing and event pages whose content
and behaviour a test sets — links to another port of the same host, redirects off the site,
pages that trickle one byte a second, surges of events, fields megabytes long, formula
payloads. It counts what each path was asked, so a test can show a request never left.

    site = HostileSite()
    site.event("a", title="=HYPERLINK(…)")
    site.redirect("b", "http://127.0.0.1:9/elsewhere")
    with serve(site) as base_url: …

Not a test module; the replica (``replica/``) is the faithful site, this one is the hostile one.
"""

from __future__ import annotations

import html
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LISTING = "/mois-de-linnovation-publique/programme"      # the 2026 programme
PREFIX = "/mois-de-linnovation-publique/"


def event_page(title: str, *, when: str = "Le 18/11/2026 de 14h à 16h",
               place: str = "20 avenue de Ségur, 75007 Paris", extra: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title></head><body><main>"
            f"<p>Mois de l'innovation publique 2026</p><h1>{html.escape(title)}</h1>"
            f"<p>Date : {html.escape(when)}</p><p>Lieu : {html.escape(place)}</p>{extra}</main></body></html>")


@dataclass
class HostileSite:
    pages: dict[str, str] = field(default_factory=dict)          # path -> HTML
    redirects: dict[str, str] = field(default_factory=dict)      # path -> Location
    trickles: dict[str, int] = field(default_factory=dict)       # path -> seconds of one byte a second
    links: list[str] = field(default_factory=list)               # the listing's hrefs, in order
    hits: Counter[str] = field(default_factory=Counter)

    def event(self, slug: str, title: str | None = None, **page: str) -> str:
        path = PREFIX + slug
        self.pages[path] = event_page(title or f"Atelier {slug}", **page)
        self.links.append(path)
        return path

    def redirect(self, slug: str, location: str) -> str:
        path = PREFIX + slug
        self.redirects[path] = location
        self.links.append(path)
        return path

    def trickle(self, path: str, seconds: int) -> str:
        self.trickles[path] = seconds
        return path

    def listing(self) -> str:
        cards = "".join(f"<div class='fr-card'><h3 class='fr-card__title'><a href='{html.escape(h)}'>"
                        f"Événement {i}</a></h3></div>" for i, h in enumerate(self.links))
        return f"<!DOCTYPE html><html><body><main><h1>Programme 2026</h1>{cards}</main></body></html>"


def _handler(site: HostileSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            path = self.path.split("?", 1)[0]
            site.hits[path] += 1
            if path in site.trickles:
                return self._trickle(site.trickles[path])
            if path in site.redirects:
                return self._send(302, b"", location=site.redirects[path])
            body = site.listing() if path == LISTING else site.pages.get(path)
            if body is None:
                return self._send(404, b"<html><body>not here</body></html>")
            return self._send(200, body.encode("utf-8"))

        def _send(self, status: int, body: bytes, location: str | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            if location:
                self.send_header("Location", location)
            self.end_headers()
            self.wfile.write(body)

        def _trickle(self, seconds: int) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(seconds + 100))
            self.end_headers()
            try:
                for _ in range(seconds):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                return

    return Handler


@contextmanager
def serve(site: HostileSite) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (a free port) for the block; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
