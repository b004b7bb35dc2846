"""The event's date as the page shows it: ``<time>`` elements, a calendar icon, a date label, a
date after the title, a date line of the text — completed by hours shown apart. schema.org
dates only where the page shows none: the visible text wins a disagreement (the normaliser
counts it, ``page.structured_when`` keeps the machine value; so it does for a ``<time>`` on
another clock than Paris's, which says which clock the written hours are on)."""

from __future__ import annotations

from spiders.extract import fallback
from spiders.extract import structured as sd
from spiders.extract.dom import one_line
from spiders.extract.marks import NOTHING, Found, icon_text
from spiders.extract.page import Page
from spiders.extract.times import (
    datetime_attr,
    foreign_clock_value,
    hidden_end,
    not_event_time,
    time_text,
)
from spiders.extract.titles import heading_text, skip_lines, split_title_date, title_heading


def when_text(page: Page) -> Found:
    """The date text as shown (it holds the wording, the end and the time slots)."""
    event, kind = page.structured
    start = sd.text(event.get("startDate")) if event else None
    written = event.get(sd.WRITTEN, {}).get("startDate") if start else None
    if written and fallback.DATE_LIKE.search(written):     # microdata around the visible date
        text = _with_hours(page, written)
        return hidden_end(_event_times(page), text) or text, kind
    end = sd.text(event.get("endDate")) if start else None
    page.structured_when = (f"{start} – {end}" if end else start) if start else None
    shown = _shown_when(page)
    if shown[0] or not start:
        return shown
    return page.structured_when, kind


def _shown_when(page: Page) -> Found:
    day, kind = _shown_day(page)
    if day:
        return _with_hours(page, str(day)), kind
    hours, kind = icon_text(page, "hours")
    if hours:
        return hours, kind
    hit = page.labels.get("hours")
    return (one_line(hit.text), "label") if hit and hit.text else NOTHING


def _shown_day(page: Page) -> Found:
    times = _event_times(page)
    if times:
        if page.structured_when is None:   # an overseas clock's machine value: kept beside the text
            page.structured_when = foreign_clock_value(times)
        text = time_text(times)
        return hidden_end(times, text) or text, "attr"
    day, kind = icon_text(page, "date")
    if day:
        return day, kind
    hit = page.labels.get("date", "date_place")
    hours = page.labels.get("hours")     # "Horaires : Le jeudi 28/11 à 11h" holds the day too
    if not (hit and hit.text) and hours and fallback.DATE_LIKE.search(hours.text):
        hit = hours
    if hit and hit.text:
        return hit.text, "label"
    heading = title_heading(page)
    titled = split_title_date(heading_text(heading))[1] if heading is not None else None
    if titled:
        return titled, "title"
    line = _date_line(page, skip_lines(page))
    return (line, "fallback") if line else NOTHING


def _event_times(page: Page) -> list:
    return [t for t in page.times if datetime_attr(t) and not not_event_time(t)]


def _date_line(page: Page, skip: set[str]) -> str | None:
    """The text's first date line; but a bare numeric date ("02.10.2024", how a CMS stamps a
    page) yields to a later line that gives a date with its hours (the event's session)."""
    line = fallback.first_line(page.lines, fallback.DATE_LIKE, skip=skip)
    if line and fallback.NUMERIC_DATE_ONLY.match(line):
        timed = fallback.first_line(page.lines, fallback.DATE_LIKE, skip=skip | {line}, timed=True)
        return timed or line
    return line


def _with_hours(page: Page, day: str) -> str:
    """A day without a time of day, completed by the hours shown apart (a clock icon line, an
    "Horaires" label, else a line that holds hours and nothing else):
    "Jeudi 14 novembre 2024, 9h30 - 12h"."""
    if fallback.HAS_TIME.search(day):
        return day
    hours = icon_text(page, "hours")[0]
    if not hours:
        hit = page.labels.get("hours")
        hours = one_line(hit.text) if hit else None
    if not hours:
        hours = fallback.first_line(page.lines, fallback.HOURS_ONLY)
    return f"{day}, {hours}" if hours and hours not in day else day
