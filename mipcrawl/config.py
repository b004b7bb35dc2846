"""One source of truth for where mipcrawl keeps its data and which database it uses.

Read by the Scrapy settings, the CLI and Alembic alike. Pure functions of the
environment mapping they are given (``os.environ`` by default).
"""

from __future__ import annotations

import functools
import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

REAL_BASE_URL = "https://www.modernisation.gouv.fr"
DEFAULT_DATA_DIR = "data"
DEFAULT_SQLITE_NAME = "mipcrawl.sqlite"
PROJECT_URL = "https://github.com/mipcrawl/mipcrawl"


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """The data directory: ``$MIPCRAWL_DATA_DIR`` or ``./data``."""
    env = os.environ if env is None else env
    return Path(env.get("MIPCRAWL_DATA_DIR") or DEFAULT_DATA_DIR)


def default_sqlite_url(env: Mapping[str, str] | None = None, *, directory: Path | None = None) -> str:
    return f"sqlite:///{(directory if directory is not None else data_dir(env)) / DEFAULT_SQLITE_NAME}"


def database_url(explicit: str | None = None, env: Mapping[str, str] | None = None, *,
                 directory: Path | None = None) -> str:
    """``--db`` if given, else ``$MIPCRAWL_DATABASE_URL``, else the SQLite file in the data
    dir (``directory`` when a command was given ``--data-dir``)."""
    env = os.environ if env is None else env
    return explicit or env.get("MIPCRAWL_DATABASE_URL") or default_sqlite_url(env, directory=directory)


def base_url(explicit: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """``--base-url`` if given (an empty one stays empty: ``base_url_problem`` refuses it),
    else ``$MIPCRAWL_BASE_URL``, else the real DITP site."""
    env = os.environ if env is None else env
    if explicit is not None:
        return explicit.strip().rstrip("/")
    return (env.get("MIPCRAWL_BASE_URL") or REAL_BASE_URL).rstrip("/")


def base_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be crawled (not http(s), no host, a malformed host or port), or None
    when it can."""
    try:
        parts = urlsplit(url)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
        parts.port   # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        return f"base URL {url!r} is malformed: {exc}"
    if not ok:
        return f"base URL must be an http(s) URL with a host, not {url!r}"
    return None


DEFAULT_PORTS = {"http": 80, "https": 443}


def site_domain(base_url: str) -> str:
    """The crawl's domain: the base URL's host without ``www.`` (so both spellings are on-site)."""
    return _origin(base_url)[1].removeprefix("www.")


@dataclass(frozen=True)
class Origin:
    """Where a crawl may go: the base URL's scheme, domain (``site_domain``) and port (the
    scheme's default when none is written). Another port or scheme of the same host is
    another service, not the site."""

    scheme: str
    domain: str
    port: int

    def __str__(self) -> str:
        return f"{self.scheme}://{self.domain}:{self.port}"


def _origin(url: str) -> tuple[str, str, int | None]:
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        return scheme, (parts.hostname or "").lower(), parts.port or DEFAULT_PORTS.get(scheme)
    except ValueError:   # a malformed host or port: nowhere
        return "", "", None


@functools.lru_cache(maxsize=16)
def site_origin(base_url: str) -> Origin:
    scheme, _, port = _origin(base_url)
    return Origin(scheme, site_domain(base_url), port or 0)


def on_site(url: str, site: Origin) -> bool:
    """Whether ``url`` is on the crawled site: the base URL's scheme and port, on its domain or
    one of its sub-domains."""
    scheme, host, port = _origin(url)
    return (scheme == site.scheme and port == site.port
            and (host == site.domain or host.endswith("." + site.domain)))


# Politeness is for the real site; the replica on loopback needs none of it.
LOOPBACK_OVERRIDES: dict[str, object] = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0.0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
}


def politeness(url: str) -> dict[str, object]:
    """The Scrapy settings that differ for crawling ``url``: none for a real site, the
    politeness delays off for a loopback host (the replica)."""
    return dict(LOOPBACK_OVERRIDES) if is_loopback(url) else {}


def is_loopback(url: str) -> bool:
    """True when the URL's host is this machine (the replica), so politeness delays can go."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
