"""The archive's index and the CDX server API over it (the Wayback CDX server's query
language: ``url``, ``matchType``, ``from``/``to``, ``filter``, ``collapse``, ``limit``,
``fl``, ``output=json``). Pure: rows in, rows or bytes out."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")


class CdxError(ValueError):
    """A query the CDX server refuses (answered 400 with the message)."""


@dataclass(frozen=True)
class Row:
    path: str              # path of the captured page, with "?page=N" after the first listing page
    timestamp: str         # 14 digits, UTC
    status: int
    mimetype: str
    digest: str            # base32 sha1 of the payload, as the Wayback Machine writes it
    length: int
    target: str            # file of the body (relative to the site), or the redirect's location
    kind: str              # see replica.wayback.plan.Capture

    def fields(self, base: str) -> dict[str, str]:
        return {"urlkey": urlkey(self.path, base), "timestamp": self.timestamp,
                "original": base + self.path, "mimetype": self.mimetype,
                "statuscode": str(self.status), "digest": self.digest, "length": str(self.length)}


def host_of(base: str) -> str:
    return (urlsplit(base).hostname or "").removeprefix("www.")


def urlkey(path: str, base: str) -> str:
    """SURT form: ``fr,gouv,modernisation)/path?query`` (lower case)."""
    host = ",".join(reversed(host_of(base).split(".")))
    return f"{host}){path}".lower()


def path_of(url: str, base: str) -> str | None:
    """The path (``?page=N`` kept when N ≥ 1) a URL names on the archived host, else None.
    Scheme and ``www.`` do not matter, as in the Wayback Machine's canonical form."""
    if "://" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    if (parts.hostname or "").removeprefix("www.") != host_of(base):
        return None
    page = dict(parse_qsl(parts.query)).get("page", "")
    path = parts.path or "/"
    return f"{path}?page={int(page)}" if page.isdigit() and int(page) > 0 else path


def _bound(value: str | None, fill: str) -> str | None:
    if value is None:
        return None
    if not re.fullmatch(r"\d{1,14}", value):
        raise CdxError(f"bad timestamp {value!r}: 1 to 14 digits")
    return value.ljust(14, fill)


def _filters(specs: Iterable[str]):
    out = []
    for spec in specs:
        negate = spec.startswith("!")
        name, sep, pattern = spec.removeprefix("!").partition(":")
        if not sep or name not in FIELDS:
            raise CdxError(f"bad filter {spec!r}: [!]field:regex with a field of {', '.join(FIELDS)}")
        try:
            out.append((negate, name, re.compile(pattern)))
        except re.error as exc:
            raise CdxError(f"bad filter regex {pattern!r}: {exc}") from exc
    return out


def _collapse(rows: list[dict[str, str]], spec: str | None) -> list[dict[str, str]]:
    if not spec:
        return rows
    name, _, width = spec.partition(":")
    if name not in FIELDS or (width and not width.isdigit()):
        raise CdxError(f"bad collapse {spec!r}: field or field:N")
    size = int(width) if width else None
    out, previous = [], None
    for row in rows:
        key = row[name][:size]
        if key != previous:
            out.append(row)
        previous = key
    return out


def select(index: dict[str, list[Row]], query: dict[str, list[str]], base: str) -> list[dict[str, str]]:
    """The rows a CDX query answers, as field dicts, in (url, timestamp) order."""
    url = (query.get("url") or [""])[0]
    if not url:
        raise CdxError("no url given")
    prefix = query.get("matchType", [""])[0] == "prefix" or url.endswith("*")
    path = path_of(url.rstrip("*"), base)
    if path is None:
        return []
    paths = sorted(p for p in index if p.startswith(path)) if prefix else [path]
    lo = _bound(query.get("from", [None])[0], "0")
    hi = _bound(query.get("to", [None])[0], "9")
    tests = _filters(query.get("filter", []))
    rows = []
    for p in paths:
        for row in index.get(p, ()):
            fields = row.fields(base)
            if (lo and row.timestamp < lo) or (hi and row.timestamp > hi):
                continue
            if all(bool(rx.fullmatch(fields[name])) != negate for negate, name, rx in tests):
                rows.append(fields)
    rows = _collapse(rows, query.get("collapse", [None])[0])
    return _limit(rows, query.get("limit", [None])[0])


def _limit(rows: list[dict[str, str]], limit: str | None) -> list[dict[str, str]]:
    if limit is None:
        return rows
    try:
        n = int(limit)
    except ValueError as exc:
        raise CdxError(f"bad limit {limit!r}") from exc
    return rows[n:] if n < 0 else rows[:n]


def render(rows: list[dict[str, str]], query: dict[str, list[str]]) -> tuple[bytes, str]:
    """The CDX answer's body and content type (``output=json``: a header row, then rows)."""
    names = [f for f in (query.get("fl", [""])[0]).split(",") if f] or list(FIELDS)
    unknown = [f for f in names if f not in FIELDS]
    if unknown:
        raise CdxError(f"bad fl field(s): {', '.join(unknown)}")
    table = [[row[f] for f in names] for row in rows]
    if query.get("output", [""])[0] == "json":
        body = json.dumps([names, *table] if table else [])
        return body.encode(), "application/json"
    return "".join(" ".join(r) + "\n" for r in table).encode(), "text/plain"


def query_url(archive_url: str, **params: str | list[str]) -> str:
    """A CDX query URL (for tests and tools)."""
    return archive_url.rstrip("/") + "/cdx/search/cdx?" + urlencode(params, doseq=True)
