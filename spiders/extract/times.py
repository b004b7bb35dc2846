"""Dates in ``<time>`` elements (and ``content`` attributes): the date as written around them,
else their machine values; the ``<time>`` of a page stamp or a deadline is not the event's."""

from __future__ import annotations

import re

from spiders.extract import fallback
from spiders.extract.dom import one_line, text_of
from spiders.extract.marks import strip_label


def time_text(times: list) -> str:
    """The date as written around a ``<time>`` (its line, label dropped, so "Le <time>7/11</time>
    de 9h à 12h" keeps its hours), one line per session when the ``<time>`` elements are the
    items of one field, else the ``datetime`` attribute(s)."""
    written = _written_time(times[0])
    if written and fallback.DATE_LIKE.search(written):
        lines = [written] + [w for t in _sibling_items(times) if (w := _written_time(t)) and w != written]
        return "\n".join(dict.fromkeys(lines))
    return " – ".join(datetime_attr(t) for t in times[:2])


def foreign_clock_value(times: list) -> str | None:
    """The machine value(s) of the ``<time>`` elements when the first is on another clock than
    Paris's (an explicit offset such as ``-04:00``: an overseas venue's local time), else None.
    Kept beside the written text (which holds the end and the sessions): it tells the
    normaliser which clock the written hours are on."""
    if not _FOREIGN_OFFSET.search(datetime_attr(times[0]) or ""):
        return None
    return " – ".join(filter(None, (datetime_attr(t) for t in times[:2])))


def hidden_end(times: list, written: str) -> str | None:
    """The machine values of a start and an end on different days when the written text shows
    fewer times of day than they hold (Drupal's date range "04/11/2026 - 14:00 au 05/11/2026"
    whose end element says 17:00), else None: the written text says all it knows."""
    ids = {id(t) for t in times}       # the innermost elements (not a wrapper holding both)
    inner = [t for t in times if not any(id(d) in ids for d in t.iterdescendants())]
    values = [v for t in inner if (v := datetime_attr(t))]
    if len(values) != 2 or not all("T" in v for v in values) or values[0][:10] == values[1][:10]:
        return None
    return f"{values[0]} – {values[1]}" if len(fallback.HAS_TIME.findall(written)) < 2 else None


# an explicit UTC offset that is neither Paris's winter nor summer one (nor plain UTC, "Z")
_FOREIGN_OFFSET = re.compile(r"T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[+-](?!0[12]:?00)\d{2}:?\d{2})$")


def _written_time(el) -> str | None:
    """The line that holds the element (a start and an end side by side are on it: "<time>jeudi
    7 novembre à 10h</time> – <time>11h40</time>"), its label dropped."""
    parent = el.getparent()
    own = one_line(text_of(el))
    lines = text_of(parent).split("\n") if parent is not None else []
    line = next((x for x in lines if own and own in x), lines[0] if len(lines) == 1 else "")
    if line and len(line) <= _MAX_WHEN_LINE:
        return strip_label(line)
    return own


def _sibling_items(times: list) -> list:
    """The other ``<time>`` elements held by sibling items of the first one's (field items)."""
    item = times[0].getparent()
    field = item.getparent() if item is not None else None
    if field is None:
        return []
    return [t for t in times[1:] if t.getparent() is not item and t.getparent().getparent() is field]


_MAX_WHEN_LINE = 200


def datetime_attr(el) -> str | None:
    return (el.get("datetime") or el.get("content") or "").strip() or None


def not_event_time(el) -> bool:
    """A ``<time>`` of a page stamp ("Publiée le …") or of a registration deadline."""
    parent = el.getparent()
    context = text_of(parent) if parent is not None else ""
    written = text_of(el)
    before = context.split(written, 1)[0] if written else context
    return bool(fallback.STAMP.match(context) or fallback.DEADLINE.search(before))
