"""Bytes the archive holds or shows besides the site's own pages: the toolbar of its
browsing mode (with links rewritten into the archive), an error page a capture saved with
status 200, and the archive's own "not archived" page."""

from __future__ import annotations

import re

from replica.html_common import dsfr_page, esc, legacy_page

TOOLBAR_MARK = b"<!-- BEGIN WAYBACK TOOLBAR INSERT -->"
_LINK = re.compile(rb'(\b(?:href|src|action)=")(/(?!/)[^"]*|https?://[^"]*)(")')


def toolbar(body: bytes, timestamp: str, original: str, archive_path: str = "/web") -> bytes:
    """``body`` as the archive's browsing mode shows it: a banner after ``<body>`` and every
    link rewritten to ``/web/<timestamp>/<absolute original URL>``."""
    host = re.match(r"https?://[^/]+", original)
    root = host.group(0).encode() if host else b""

    def rewrite(m: re.Match[bytes]) -> bytes:
        target = m.group(2)
        absolute = root + target if target.startswith(b"/") else target
        return m.group(1) + f"{archive_path}/{timestamp}/".encode() + absolute + m.group(3)

    banner = (TOOLBAR_MARK + b'<div id="wm-ipp-base"><div id="wm-ipp"><a href="/">Wayback Machine'
              b"</a> <span>" + timestamp.encode() + b"</span> <span>" + esc(original).encode()
              + b'</span></div></div><script>var __wm = {};</script>'
              b"<!-- END WAYBACK TOOLBAR INSERT -->")
    out = _LINK.sub(rewrite, body)
    return re.sub(rb"(<body[^>]*>)", lambda m: m.group(1) + banner, out, count=1)


def saved_error(legacy: bool, variant: int) -> bytes:
    """An error page the site answered with status 200 (what a capture then keeps)."""
    title, text = (("Site en maintenance", "Le site est en cours de maintenance. Merci de revenir plus tard.")
                   if variant % 2 else ("Page non trouvée", "La page demandée n'existe pas ou a été déplacée."))
    main = f"<h1>{esc(title)}</h1><p>{esc(text)}</p>"
    if legacy:
        return legacy_page(title, main, crumbs=[("Accueil", "/"), (title, None)]).encode()
    return dsfr_page(title, main).encode()


def not_archived(original: str) -> bytes:
    return ("<!DOCTYPE html>\n<html><head><title>Wayback Machine</title></head><body>"
            "<h2>Hrm.</h2><p>The Wayback Machine has not archived that URL.</p>"
            f"<p>{esc(original)}</p></body></html>\n").encode()
