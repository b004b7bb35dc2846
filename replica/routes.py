"""What the server answers for each path: the built site's routes from disk, and the
current edition rendered in memory for the day being played."""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo

from replica.build import ROUTES, SITE_JSON, check_params, etag, wild_of
from replica.chrome import dress_body
from replica.editions import CURRENT_YEAR
from replica.html_common import error_page
from replica.site import CurrentEdition, dsfr_taken, lab_pages, lab_paths

PARIS = ZoneInfo("Europe/Paris")


def http_date(day: dt.date) -> str:
    """The model's day as an HTTP date: 08:00 in Paris that day."""
    moment = dt.datetime.combine(day, dt.time(8), tzinfo=PARIS).astimezone(dt.UTC)
    return email.utils.format_datetime(moment, usegmt=True)


@dataclass(frozen=True)
class Route:
    status: int
    last_modified: str            # HTTP date
    modified_at: dt.datetime      # the same, for If-Modified-Since comparisons
    etag: str
    file: Path | None = None
    body: bytes | None = None
    location: str | None = None
    content_type: str = "text/html; charset=utf-8"


def _route(status: int, day: dt.date, tag: str, **kw) -> Route:
    text = http_date(day)
    return Route(status, text, email.utils.parsedate_to_datetime(text), tag, **kw)


def normalise(raw_path: str) -> str:
    """The route key of a request target: the path, plus ``?page=N`` when N ≥ 1."""
    parts = urlsplit(raw_path)
    page = dict(parse_qsl(parts.query)).get("page", "")
    path = parts.path or "/"
    if page.isdigit() and int(page) > 0:
        return f"{path}?page={int(page)}"
    return path


def _load_routes(site_dir: Path) -> tuple[dict, dict[str, Route], set[str]]:
    """The build parameters, the routes of everything but the pages that change with the day
    (the current edition, the lab pages), and the paths the current edition's slugs must avoid."""
    params = json.loads((site_dir / SITE_JSON).read_text())
    static: dict[str, Route] = {}
    taken: set[str] = set()
    by_day = lab_paths()
    for line in (site_dir / ROUTES).read_text(encoding="utf-8").splitlines():
        path, status, day_iso, tag, target, edition, ctype = line.split("\t")
        if edition == str(CURRENT_YEAR) or path in by_day:
            continue
        taken.add(path)
        kw = {"location": target} if status == "301" else {}
        if status == "200":
            kw = {"file": site_dir / target}
        static[path] = _route(int(status), dt.date.fromisoformat(day_iso), tag, content_type=ctype, **kw)
    return params, static, dsfr_taken(taken)


def current_edition(site_dir, day: int) -> CurrentEdition:
    """The current edition of a built site, as on ``day``."""
    params, _static, taken = _load_routes(Path(site_dir))
    check_params(params["events_per_edition"], day)
    return CurrentEdition(params["seed"], params["events_per_edition"], day, taken, _wild(params))


def _wild(params: dict):
    return wild_of(params.get("wild"), params.get("wild_from_day"))


def events_on(site_dir, day: int) -> list[dict]:
    """The truth records of the current edition on ``day`` (as ``events.jsonl`` of a build at
    that day has them), without rebuilding the site."""
    cur = current_edition(site_dir, day)
    return [cur.record(ev, day) for ev in cur.events()]


class Site:
    """A built site served with the current edition as on ``day``."""

    def __init__(self, site_dir: Path, day: int | None = None) -> None:
        self.dir = Path(site_dir)
        params, self.static, self.taken = _load_routes(self.dir)
        self.seed, self.n, self.wild = params["seed"], params["events_per_edition"], _wild(params)
        self.chrome = params.get("chrome") or "plain"
        self._read = lru_cache(maxsize=8192)(Path.read_bytes)
        self._lock = threading.Lock()
        self.current: dict[str, Route] = {}
        self.day = 0
        self.set_day(params["day"] if day is None else day)

    def set_day(self, day: int) -> None:
        check_params(self.n, day)
        with self._lock:
            if day == self.day:
                return
            cur = CurrentEdition(self.seed, self.n, day, set(self.taken), self.wild)
            routes = {}
            pages = [page for page, _record in cur.pages()] + list(lab_pages(day, self.wild))
            for page in pages:
                body = dress_body(page.body, page.content_type, self.chrome) if page.status == 200 else page.body
                tag = etag(body) if page.status == 200 else ""
                routes[page.path] = _route(page.status, page.last_modified, tag, body=body,
                                           location=page.location, content_type=page.content_type)
            self.current, self.day = routes, day

    def lookup(self, key: str) -> Route | None:
        return self.current.get(key) or self.static.get(key)

    def body(self, route: Route) -> bytes:
        if route.body is not None:
            return route.body
        if route.file is not None:
            return self._read(route.file)
        return error_page(route.status) if route.status >= 400 else b""
