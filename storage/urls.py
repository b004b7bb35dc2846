"""URL helpers: canonical event URLs (the identity of an event within its source) and
``redact_url`` (database URLs without their passwords, for logs and run records).

Canonical URLs:

Scheme and host lower-cased, default ports dropped, ``www.`` kept (it is part of the
site's identity), the path's trailing slash removed (except the root), tracking
parameters (``utm_*``, ``fbclid``, ``gclid``, ``mc_cid``, ``mc_eid``, ``xtor``…) and the
fragment removed, remaining query parameters sorted.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "xtor", "_ga", "igshid", "yclid"}
)
DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name.startswith("utm_") or name in TRACKING_PARAMS


def canonical_url(url: str) -> str:
    """The canonical form of ``url`` (see the module docstring). ``ValueError`` if not http(s)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    host = parts.hostname.lower()
    if ":" in host:   # an IPv6 address keeps its brackets, or its port could not be told apart
        host = f"[{host}]"
    if parts.port and parts.port != DEFAULT_PORTS[scheme]:
        host = f"{host}:{parts.port}"
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k))
    return urlunsplit((scheme, host, path, urlencode(query), ""))


_URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][\w+.-]*://[^\s:/@]*:)(?P<secret>[^\s@/]+)(?=@)")


def redact_url(text: str) -> str:
    """``text`` (a URL or a whole command line) with every URL password replaced by ``***``.

    Used for everything that reaches logs and run records."""
    return _URL_PASSWORD.sub(r"\g<head>***", text)


def listing_page_number(url: str) -> int:
    """The 0-based page of a listing URL (Drupal: no ``page`` parameter on the first page)."""
    page = dict(parse_qsl(urlsplit(url).query)).get("page", "0")
    return int(page) if page.isdigit() else 0
