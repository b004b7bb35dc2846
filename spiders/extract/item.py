"""A detail response → an ``EventItem`` with the text as written and the strategy of each field."""

from __future__ import annotations

import datetime as dt
import logging

from scrapy.http import TextResponse

from mipcrawl.items import EventItem
from spiders.extract import event, links, places, titles, whens
from spiders.extract.description import description_html
from spiders.extract.edition import read_edition
from spiders.extract.page import Page

logger = logging.getLogger(__name__)

FIELDS = {
    "title": titles.title,
    "when_text": whens.when_text,
    "place_text": places.place_text,
    "organiser": event.organiser,
    "formats": event.formats,
    "parcours": event.parcours,
    "audience": event.audience,
    "access": event.access,
    "registration_url": links.registration_url,
    "online_url": links.online_url,
    "description_html": description_html,
    "badges": event.badges,
    "stamps_text": event.stamps_text,
}


def read_event(
    response: TextResponse,
    *,
    fetched_at: dt.datetime | None = None,
    listing_url: str | None = None,
    edition_hint: int | None = None,
) -> tuple[EventItem, list[str]]:
    """The event item of a detail page, and the fields whose helper failed (kept empty)."""
    page = Page(response)
    item = EventItem(
        url=page.canonical_url(), fetched_at=fetched_at, http_status=response.status,
        listing_url=listing_url, edition_hint=edition_hint,
        capture_id=response.meta.get("capture_id") if _has_meta(response) else None,
    )
    failed = [name for name, helper in FIELDS.items() if not _apply(item, name, helper, page)]
    item.disagreements = list(dict.fromkeys(page.disagreements))
    if item.when_text != page.structured_when:
        item.structured_when = page.structured_when   # the normaliser compares the two dates
    if not _apply(item, "edition", lambda p: _edition(p, item), page):
        failed.append("edition")
    return item, failed


def _edition(page: Page, item: EventItem):
    found = read_edition(page, when_text=item.when_text, stamps=item.stamps_text)
    if found is None:
        return None, None
    item.edition_text = found.text
    return found.year, found.strategy


def _apply(item: EventItem, name: str, helper, page: Page) -> bool:
    """Set one field from its helper; False when the helper failed (logged, the page is kept)."""
    try:
        value, strategy = helper(page)
    except Exception:  # noqa: BLE001 - one odd field must not lose the whole page
        logger.warning("extracting %s from %s failed", name, page.url, exc_info=True)
        return False
    if value not in (None, "", []):
        setattr(item, name, value)
        item.strategies[name] = strategy
    return True


def _has_meta(response: TextResponse) -> bool:
    try:
        response.meta  # noqa: B018 - raises when the response has no request
    except AttributeError:
        return False
    return True
