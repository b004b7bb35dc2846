"""The wild replica: the same world (events, labs, truth) written in layouts drawn at random
from orthogonal markup choices, deterministic from a layout seed. See ``replica/README.md``.

``Wild(seed, from_day)``: with ``from_day`` only the current edition turns wild, from that
day of the month on (before it, and for past editions and labs, the plain pages are served);
without it every event page, listing page and lab sheet is wild.
"""

from __future__ import annotations

from dataclasses import dataclass

from replica.editions import Edition
from replica.html_events import render_event
from replica.html_listing import Card, render_listing
from replica.model import Event
from replica.wild.event import render_wild_event
from replica.wild.listing import json_path, render_json_page, render_wild_listing


@dataclass(frozen=True)
class Wild:
    seed: int
    from_day: int | None = None

    def applies(self, ed: Edition, day: int | None = None) -> bool:
        """Whether ``ed``'s pages are wild (on ``day`` of the month, for the current edition)."""
        if self.from_day is None:
            return True
        return ed.is_current and day is not None and day >= self.from_day

    @property
    def everywhere(self) -> bool:
        return self.from_day is None


def event_html(ev: Event, related: list[tuple[str, str]], wild: Wild | None, ed: Edition,
               day: int | None = None) -> tuple[str, dict | None]:
    """An event page and its layout record (None for a plain page)."""
    if wild is None or not wild.applies(ed, day):
        return render_event(ev, related), None
    return render_wild_event(ev, related, wild.seed)


def listing_html(ed: Edition, page: int, last: int, cards: list[Card], total: int, wild: Wild | None,
                 day: int | None = None) -> tuple[str, dict | None]:
    if wild is None or not wild.applies(ed, day):
        return render_listing(ed, page, last, cards, total), None
    return render_wild_listing(ed, page, last, cards, total, wild.seed)


def json_pages(ed: Edition, page: int, last: int, cards: list[Card], wild: Wild | None,
               day: int | None = None) -> list[tuple[str, str]]:
    """The infinite-scroll endpoint of a listing page: ``[(path, JSON text)]`` (none when plain)."""
    if wild is None or not wild.applies(ed, day):
        return []
    return [(json_path(ed, page), render_json_page(ed, page, last, cards, wild.seed))]


__all__ = ["Wild", "event_html", "listing_html", "json_pages"]
