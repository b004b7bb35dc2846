"""Length caps on what a page may put in one field: a 3 MB title is cut, never stored whole
and never silently.

Every text field of an event or lab item (and every entry of its text lists) longer than
its cap is cut to the cap, with a warning naming the page and the field, and counted in the
stats (``mipcrawl/caps/<field>``). The URL is not cut (an over-long URL is refused by the
store, counted as an error). Runs first, before the parsers read the text.

Settings: ``MIPCRAWL_TEXT_MAX_CHARS`` (5,000: titles, dates, places, organisers…),
``MIPCRAWL_HTML_MAX_CHARS`` (1,000,000: the description's HTML).
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from mipcrawl.items import EventItem, LabItem

log = logging.getLogger(__name__)

UNCUT = frozenset({"url", "listing_url", "capture_id", "redirected_from", "strategies"})
HTML_FIELDS = frozenset({"description_html"})


def cut(value: Any, limit: int) -> tuple[Any, bool]:
    """``value`` with its text cut to ``limit`` characters (a list: each entry), and whether
    anything was cut."""
    if isinstance(value, str):
        return (value[:limit], True) if len(value) > limit else (value, False)
    if isinstance(value, list) and any(isinstance(v, str) and len(v) > limit for v in value):
        return [v[:limit] if isinstance(v, str) else v for v in value], True
    return value, False


class FieldCapsPipeline:
    def __init__(self, text_max: int = 5_000, html_max: int = 1_000_000, stats: Any = None) -> None:
        self.text_max, self.html_max, self.stats = text_max, html_max, stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> FieldCapsPipeline:
        s = crawler.settings
        return cls(text_max=s.getint("MIPCRAWL_TEXT_MAX_CHARS", 5_000),
                   html_max=s.getint("MIPCRAWL_HTML_MAX_CHARS", 1_000_000), stats=crawler.stats)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, EventItem | LabItem):
            return item
        for f in dataclasses.fields(item):
            if f.name in UNCUT:
                continue
            limit = self.html_max if f.name in HTML_FIELDS else self.text_max
            value, was_cut = cut(getattr(item, f.name), limit)
            if was_cut:
                setattr(item, f.name, value)
                log.warning("%s: field %s cut to %d characters", item.url, f.name, limit)
                if self.stats is not None:
                    self.stats.inc_value(f"mipcrawl/caps/{f.name}")
        return item
