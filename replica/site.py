"""The site as a stream of pages plus truth records: static pages, past editions (event by
event, never all in memory), and the current edition as it stands on a given day."""

from __future__ import annotations

import datetime as dt
import math
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, replace

from replica import html_site, month, truth, vocab
from replica.editions import (
    ATLAS_PATH,
    BY_YEAR,
    CURRENT_YEAR,
    EDITIONS,
    HUB_PATH,
    LABS_OVERVIEW_PATH,
    Edition,
    listing_url,
    reserved_paths,
)
from replica.html_common import error_page
from replica.html_listing import Card, render_hub
from replica.labs import labs_on
from replica.model import Event, generate
from replica.slugs import SlugAllocator
from replica.wild import Wild, event_html, json_pages, listing_html
from replica.wild.labs import render_wild_lab

STATIC_DAY = dt.date(2026, 10, 1)
HTML = "text/html; charset=utf-8"
JSON = "application/json; charset=utf-8"


@dataclass(frozen=True)
class Page:
    path: str                       # path with "?page=N" for listing pages after the first
    status: int                     # 200, 301, 404, 410
    body: bytes
    last_modified: dt.date
    location: str | None = None     # for 301
    edition: int | None = None
    content_type: str = HTML
    layout: dict | None = None      # the layout choices of a wild page (``_replica/layouts.jsonl``)


def _html(path: str, text: str, day: dt.date, edition: int | None = None, layout: dict | None = None) -> Page:
    return Page(path, 200, text.encode("utf-8"), day, edition=edition, layout=layout)


def _listing_page(ed: Edition, page: int, last: int, cards: list[Card], total: int, day: dt.date,
                  wild: Wild | None, wild_day: int | None = None) -> Iterator[Page]:
    """A listing page, and its infinite-scroll JSON twin when the page is wild."""
    text, layout = listing_html(ed, page, last, cards, total, wild, wild_day)
    yield _html(listing_url(ed, page), text, day, ed.year, layout)
    for path, body in json_pages(ed, page, last, cards, wild, wild_day):
        yield Page(path, 200, body.encode("utf-8"), day, edition=ed.year, content_type=JSON)


def static_pages() -> Iterator[Page]:
    yield Page("/robots.txt", 200, html_site.ROBOTS.encode(), STATIC_DAY, content_type="text/plain; charset=utf-8")
    yield _html("/", html_site.render_home(), STATIC_DAY)
    yield _html(HUB_PATH, render_hub(), STATIC_DAY)
    for title, path in vocab.NEWS:
        yield _html(path, html_site.render_news(title), STATIC_DAY)


def lab_pages(day: int, wild: Wild | None = None) -> Iterator[Page]:
    """The labs overview, the Atlas and every lab sheet as on ``day`` of the current month
    (a moved sheet's old path answers 301)."""
    labs = labs_on(day)
    changes = [c.day for lab in labs for c in lab.changes]
    overview_day = dt.date(CURRENT_YEAR, 11, max(changes)) if changes else STATIC_DAY
    yield _html(LABS_OVERVIEW_PATH, html_site.render_overview(labs), overview_day)
    yield _html(ATLAS_PATH, html_site.render_atlas_index(labs), html_site.ATLAS_DAY)
    for lab in labs:
        text, layout = render_wild_lab(lab, wild.seed, labs) if wild and wild.everywhere else (html_site.render_lab(lab), None)
        yield _html(lab.path, text, html_site.lab_dates(lab)[1], layout=layout)
        for moved, old in lab.moved_from():
            yield Page(old, 301, b"", dt.date(CURRENT_YEAR, 11, moved), location=lab.path)
        if lab.atlas_path:
            yield _html(lab.atlas_path, html_site.render_atlas_sheet(lab), html_site.atlas_day(lab))


def lab_paths() -> set[str]:
    """Every path a lab page takes during the month: served for the day, not from the build."""
    return {page.path for day in (0, month.LAST_DAY) for page in lab_pages(day)}


def card(ev: Event) -> Card:
    place = None
    if ev.where:
        place = ev.where.commune.name if ev.where.commune else ev.where.text
        if ev.where.attendance == "online":
            place = "En ligne"
    return Card(ev.title, ev.path, ev.when_text, place, ev.formats,
                cancelled_badge=ev.status == "cancelled" and ev.badge)


def _last_page(ed: Edition, n: int) -> int:
    return max(0, math.ceil(n / ed.page_size) - 1)


def listing_pages(ed: Edition, events: list[Event], day: dt.date, wild: Wild | None = None,
                  wild_day: int | None = None) -> Iterator[Page]:
    last = _last_page(ed, len(events))
    for page in range(last + 1):
        chunk = events[page * ed.page_size:(page + 1) * ed.page_size]
        yield from _listing_page(ed, page, last, [card(e) for e in chunk], len(events), day, wild, wild_day)


def past_edition(seed: int, ed: Edition, n: int, alloc: SlugAllocator,
                 wild: Wild | None = None) -> Iterator[tuple[Page, dict | None]]:
    """Event pages (with their truth) and listing pages, a listing page as soon as it is full."""
    last = _last_page(ed, n)
    listing_day = ed.end + dt.timedelta(days=10)
    recent: deque[tuple[str, str]] = deque(maxlen=2)
    chunk: list[Event] = []
    page = 0
    for i in range(n):
        ev = generate(seed, ed, i)
        ev = replace(ev, path=alloc.allocate(ed.detail_prefix, ev.title))
        text, layout = event_html(ev, list(recent), wild, ed)
        yield _html(ev.path, text, ev.updated, ed.year, layout), truth.event_record(ev)
        recent.appendleft((ev.title, ev.path))
        chunk.append(ev)
        if len(chunk) == ed.page_size or i == n - 1:
            for listing in _listing_page(ed, page, last, [card(e) for e in chunk], n, listing_day, wild):
                yield listing, None
            chunk, page = [], page + 1


def _current_related() -> list[tuple[str, str]]:
    return [vocab.NEWS[0], ("Les laboratoires d'innovation territoriale", LABS_OVERVIEW_PATH)]


@dataclass
class CurrentEdition:
    """The current edition on ``day``: every page and every truth record."""

    seed: int
    n: int
    day: int
    taken: set[str]
    wild: Wild | None = None

    def __post_init__(self) -> None:
        self.plans = month.plans(self.seed, self.n)
        self.paths = month.allocate_paths(self.seed, self.plans, self.taken)

    def state(self, index: int, day: int) -> Event | None:
        return month.state_on(self.seed, self.plans[index], day, self.paths)

    def record(self, ev: Event, day: int) -> dict:
        plan = self.plans[ev.index]
        old = [{"path": p, "status": 301 if plan.redirect else 404}
               for d, p in self.paths[ev.index] if d <= day and p != ev.path]
        gone = ev.status == "withdrawn"
        return truth.event_record(ev, listed=not gone, http_status=plan.gone_status if gone else 200,
                                  redirect_from=old)

    def events(self, day: int | None = None) -> list[Event]:
        day = self.day if day is None else day
        states = (self.state(p.index, day) for p in self.plans)
        return sorted((e for e in states if e), key=lambda e: (e.extra["added"], e.index))

    def pages(self) -> Iterator[tuple[Page, dict | None]]:
        ed = BY_YEAR[CURRENT_YEAR]
        events = self.events()
        for ev in events:
            rec = self.record(ev, self.day)
            if ev.status == "withdrawn":
                yield Page(ev.path, rec["http_status"], error_page(rec["http_status"]), ev.updated, edition=ed.year), rec
            else:
                text, layout = event_html(ev, _current_related(), self.wild, ed, self.day)
                yield _html(ev.path, text, ev.updated, ed.year, layout), rec
            for old in rec["redirect_from"]:
                status = old["status"]
                body = b"" if status == 301 else error_page(status)
                yield Page(old["path"], status, body, ev.updated, ev.path if status == 301 else None, ed.year), None
        changed = max([1] + [max(e.extra["added"], e.extra["changed"]) for e in events])
        listed = [e for e in events if e.status != "withdrawn"]
        for page in listing_pages(ed, listed, dt.date(CURRENT_YEAR, 11, changed), self.wild, self.day):
            yield page, None


def dsfr_taken(paths: set[str]) -> set[str]:
    """Reserved paths plus the given ones: what the current edition's slugs must avoid."""
    return reserved_paths() | paths


def past_editions() -> list[Edition]:
    return [e for e in EDITIONS if not e.is_current]
