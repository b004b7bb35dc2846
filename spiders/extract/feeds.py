"""Listings that load their events from a feed (infinite scroll, "load more" by script): where
a page names its feed, and what a JSON feed holds.

A feed is named by a ``data-*`` attribute whose name says where more comes from (``data-url``,
``data-next``, ``data-infinite-url``, ``data-endpoint``, ``data-src`` …) and whose value is a
path or a URL of the site. A JSON feed holds records (the longest list of objects in it),
each with the link to its page somewhere among its strings; the next page is the string under
a key that says "next", the number of pages an integer under a key that says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

from spiders.site import Origin, on_site

_FEED_ATTR = re.compile(r"^data-(?:[\w-]*-)?(?:url|src|next|href|endpoint|feed|api|source|more)(?:-[\w-]*)?$")
_NEXT_KEY = re.compile(r"next", re.I)
_PAGES_KEY = re.compile(r"^(?:total_?pages|page_?count|pages|last_?page|nb_?pages)$", re.I)
_LAST_IS_INDEX = re.compile(r"^last_?page$", re.I)
_PATH = re.compile(r"^(?:https?://|/)[^\s<>\"]+$")
_MAX_DEPTH = 6


def feed_urls(root, base: str, site: Origin | None) -> list[str]:
    """The feeds a listing page loads more events from (same site only: ``on_site``)."""
    found = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("img", "script", "source", "iframe", "video"):
            continue
        for name, value in el.attrib.items():
            if _FEED_ATTR.match(name) and _PATH.match(value.strip()):
                url = urljoin(base, value.strip())
                if site is None or on_site(url, site):
                    found.append(url.split("#", 1)[0])
    return list(dict.fromkeys(found))


def records(data: Any) -> list[dict]:
    """The longest list of objects in a JSON document (its rows, items, results …)."""
    best: list[dict] = []
    for found in _lists(data, 0):
        if len(found) > len(best):
            best = found
    return best


def _lists(data: Any, depth: int) -> Iterator[list[dict]]:
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, list):
        objects = [x for x in data if isinstance(x, dict)]
        if objects:
            yield objects
        for x in data:
            yield from _lists(x, depth + 1)
    elif isinstance(data, dict):
        for value in data.values():
            yield from _lists(value, depth + 1)


def strings(data: Any, depth: int = 0) -> Iterator[str]:
    """Every string of a record that looks like a path or a URL."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, str) and _PATH.match(data.strip()):
        yield data.strip()
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value, depth + 1)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value, depth + 1)


def next_url(data: Any, depth: int = 0) -> str | None:
    """The next page's URL: a string under a key that says "next" (``next``, ``next_page``,
    ``links.next`` …)."""
    if depth > _MAX_DEPTH or not isinstance(data, dict):
        return None
    for key, value in data.items():
        if _NEXT_KEY.search(key) and isinstance(value, str) and _PATH.match(value.strip()):
            return value.strip()
    for value in data.values():
        found = next_url(value, depth + 1)
        if found:
            return found
    return None


def last_page(data: Any) -> int | None:
    """The 0-based index of the last page, from a count of pages (``total_pages``) or the last
    page's index (``last_page``) at the top of the document."""
    if not isinstance(data, dict):
        return None
    for key, value in data.items():
        if _PAGES_KEY.match(key) and isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value if _LAST_IS_INDEX.match(key) else max(0, value - 1)
    return None
