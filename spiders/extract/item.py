"""A detail response → an ``EventItem`` with the text as written and the strategy of each field."""

from __future__ import annotations

import datetime as dt
import logging

from scrapy.http import TextResponse

from mipcrawl.items import EventItem
from spiders.extract import event, links
from spiders.extract.description import description_html
from spiders.extract.edition import read_edition
from spiders.extract.page import Page

logger = logging.getLogger(__name__)

FIELDS = {
    "title": event.title,
    "when_text": event.when_text,
    "place_text": event.place_text,
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
    failed = []
    for name, helper in FIELDS.items():
        try:
            value, strategy = helper(page)
        except Exception:  # noqa: BLE001 - one odd field must not lose the whole page
            logger.warning("extracting %s from %s failed", name, response.url, exc_info=True)
            failed.append(name)
            continue
        if value not in (None, "", []):
            setattr(item, name, value)
            item.strategies[name] = strategy
    try:
        found = read_edition(page, when_text=item.when_text, stamps=item.stamps_text)
    except Exception:  # noqa: BLE001 - same rule as the fields: keep the page
        logger.warning("reading the edition of %s failed", response.url, exc_info=True)
        failed.append("edition")
        found = None
    if found:
        item.edition, item.edition_text = found.year, found.text
        item.strategies["edition"] = found.strategy
    return item, failed


def _has_meta(response: TextResponse) -> bool:
    try:
        response.meta  # noqa: B018 - raises when the response has no request
    except AttributeError:
        return False
    return True
