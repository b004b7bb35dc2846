"""Drop only what is unusable (no URL, no title), with a reason, counted in stats."""

from __future__ import annotations

from scrapy.exceptions import DropItem

from mipcrawl.items import EventItem, LabItem


def unusable_reason(item: EventItem | LabItem) -> str | None:
    """Why the item cannot be stored, or None when it can."""
    if not (item.url or "").strip():
        return "no_url"
    if isinstance(item, EventItem) and not (item.title or "").strip():
        return "no_title"
    if isinstance(item, LabItem) and not ((item.name or "").strip() or (item.title or "").strip()):
        return "no_name"
    return None


class ValidatePipeline:
    def __init__(self, stats=None):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(stats=crawler.stats)

    def process_item(self, item):
        if isinstance(item, (EventItem, LabItem)):
            reason = unusable_reason(item)
            if reason:
                if self.stats is not None:
                    self.stats.inc_value(f"mipcrawl/validate/dropped/{reason}")
                raise DropItem(f"unusable item ({reason}): {item.url or '<no url>'}")
        return item
