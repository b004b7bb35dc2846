"""Normalise what the spiders read: dates, places, organisers, status, clean description text.

The raw texts stay on the item next to the normalised values. A value that cannot be
normalised is kept raw and counted (``mipcrawl/normalize/<field>_unparsed``); the item
is never dropped here. ``place_values`` and ``organiser_values`` give the columns read from
a place text and from an organiser text: the crawl fills items with them, and a migration
can re-derive stored rows from their raw texts with the same functions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from mipcrawl.config import database_url
from mipcrawl.fields import ORGANISER_FIELDS, PLACE_FIELDS
from mipcrawl.items import EventItem, LabItem
from parsers.dates import Outcome, parse_when, read_when
from parsers.lablink import LabRef, link_lab
from parsers.labs import creation_year
from parsers.places import Place, parse_organiser, parse_place, preload
from parsers.text import html_to_text
from parsers.zones import event_zone, zone_of_offset
from storage.labs import known_labs

_CANCELLED = re.compile(r"\bannul(?:é|e|ée|ee|és|ées|ation)\b|\bn.aura (?:\w+ )?pas lieu(?:\s*(?:[.!,;)]|$|en raison|pour cause|faute|suite))", re.IGNORECASE)

def event_status(item: EventItem) -> str:
    """``cancelled`` when the source says so (title or a badge), else ``scheduled``.

    Withdrawn and rescheduled are decided by storage, which sees the history."""
    texts = [item.title or "", *item.badges]
    return "cancelled" if any(_CANCELLED.search(t) for t in texts) else "scheduled"


def event_clock(item: EventItem) -> str:
    """The zone times without a zone are read in: the venue's when people meet there (in
    person or hybrid) overseas, else Paris (parsers.zones.event_zone)."""
    return event_zone(item.attendance, item.departement_code, item.region_code, item.commune_code)


def normalize_when(item: EventItem, *, today: dt.date | None) -> None:
    """Dates from the date text, read in the event's clock (so after the place)."""
    if not item.when_text:
        return
    year, clock = item.edition or item.edition_hint, event_clock(item)
    try:
        outcome = read_when(item.when_text, year=year, today=today, tz=clock)
        if outcome.when is None and item.structured_when:   # the shown text unreadable: schema.org's date
            structured = read_when(item.structured_when, year=year, today=today, tz=clock)
            outcome = structured if structured.when is not None else outcome
        elif not _place_gives_clock(item):
            outcome = _on_machine_clock(item, outcome, year=year, today=today)
    except (TypeError, ValueError):   # a parser bug must not cost the event: kept raw, counted
        return
    when = outcome.when
    if when is None:   # kept raw and counted; the reason goes with the warnings
        item.date_warnings = [f"not read: {outcome.reason}"] if outcome.reason else []
        return
    item.start, item.end, item.all_day = when.start, when.end, when.all_day
    item.slots = list(when.slots)
    item.date_precision, item.time_zone = when.precision, when.zone
    item.date_warnings = list(when.warnings)


def _place_gives_clock(item: EventItem) -> bool:
    """People meet at a place whose territory is known (its clock is then the event's)."""
    return item.attendance in ("offline", "mixed") and bool(item.departement_code or item.region_code)


# an ISO 8601 time with its offset ("2024-11-14T09:00:00-04:00")
_MACHINE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})")


def _on_machine_clock(item: EventItem, outcome: Outcome, *, year: int | None, today: dt.date | None) -> Outcome:
    """Written hours whose clock no place gives (online, or no territory known) are on the
    clock of the page's machine date when that is an overseas one and reading them there
    gives its instant (an online event shown "le 14 novembre à 9h" beside
    "2024-11-14T09:00:00+04:00": 9h in La Réunion)."""
    when, found = outcome.when, _MACHINE_TIME.search(item.structured_when or "")
    if when is None or when.all_day or found is None or item.when_text is None:
        return outcome
    machine = dt.datetime.fromisoformat(found.group(0))
    offset = machine.utcoffset()
    zone = zone_of_offset(offset, machine) if offset is not None else None
    if zone is None or when.start == machine:
        return outcome
    other = read_when(item.when_text, year=year, today=today, tz=zone)
    return other if other.when is not None and other.when.start == machine else outcome


def place_values(place: Place) -> dict[str, Any]:
    """The place columns (``PLACE_FIELDS``: attendance, venue … level, EPCI) of a parsed place."""
    return {name: getattr(place, name) for name in PLACE_FIELDS}


def organiser_values(text: str | None, labs: Mapping[str, str | tuple[str, str | None]] | None = None,
                     ) -> dict[str, Any]:
    """The organiser columns (``ORGANISER_FIELDS``: kind, level and codes of its territory) of
    an organiser text; all None when there is no text. ``labs``: the lab names known, as
    ``parse_organiser`` takes them (a lab named without a lab word is then kind "lab")."""
    if not text:
        return dict.fromkeys(ORGANISER_FIELDS)
    org = parse_organiser(text, labs=labs)
    return {"organiser_kind": org.kind, "organiser_level": org.level,
            "organiser_departement_code": org.departement_code, "organiser_region_code": org.region_code}


def _check_structured_when(item: EventItem, *, today: dt.date | None) -> None:
    """A schema.org date the shown one replaced: when both read and start apart, the
    disagreement is noted (the shown date stays)."""
    if not (item.structured_when and item.start is not None):
        return
    try:
        other = parse_when(item.structured_when, year=item.edition or item.edition_hint, today=today,
                           tz=event_clock(item))
    except (TypeError, ValueError):
        return
    if other is None or other.start is None:
        return
    timed = not (item.all_day or other.all_day)
    if _day(other.start) != _day(item.start) or (timed and other.start != item.start):
        item.disagreements.append("when")


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _apply_place(item: EventItem) -> None:
    if not item.place_text:
        return
    place = parse_place(item.place_text)
    for name, value in place_values(place).items():
        setattr(item, name, value)
    item.place_confidence = place.confidence
    if item.online_url is None:
        item.online_url = place.online_url


@lru_cache(maxsize=8)
def lab_names(labs: tuple[LabRef, ...]) -> dict[str, tuple[str, str | None]]:
    """Every name and alias of ``labs`` → (lab key, région), as ``organiser_values`` takes them."""
    names: dict[str, tuple[str, str | None]] = {}
    for lab in labs:
        for name in (lab.name, *lab.aliases):
            names.setdefault(name, (lab.key, lab.region_code))
    return names


def _apply_organiser(item: EventItem, labs: tuple[LabRef, ...]) -> None:
    for name, value in organiser_values(item.organiser, labs=lab_names(labs) or None).items():
        setattr(item, name, value)


def _apply_lab(item: EventItem, labs: tuple[LabRef, ...]) -> None:
    """The lab that runs the event, from its organiser line and description (``parsers.lablink``)."""
    link = link_lab(item.organiser, item.description_text, labs, region_code=item.region_code) if labs else None
    item.lab, item.lab_method, item.lab_confidence = (link.key, link.method, link.confidence) if link else (
        None, None, None)


def _description_text(html: str | None) -> str | None:
    return html_to_text(html) or None if html else None


def normalize_event(item: EventItem, *, today: dt.date | None = None, labs: Sequence[LabRef] = ()) -> EventItem:
    """Fill the normalised fields of ``item`` from its raw texts (in place) and return it.
    ``labs``: the labs known (``storage.labs.lab_refs``), which the organiser and the lab
    link are read against."""
    known = tuple(labs)
    if item.edition is None and item.edition_hint is not None:
        item.edition = item.edition_hint
    item.status = event_status(item)
    _apply_place(item)
    _apply_organiser(item, known)
    normalize_when(item, today=today)
    _check_structured_when(item, today=today)
    item.description_text = _description_text(item.description_html)
    _apply_lab(item, known)
    return item


def unparsed_fields(item: EventItem) -> list[str]:
    """The fields whose raw text is present but could not be normalised."""
    missing = []
    if item.when_text and item.start is None and item.end is None:
        missing.append("when")
    if item.place_text and item.attendance is None and not (
        item.commune_code or item.departement_code or item.region_code
    ):
        missing.append("place")
    if item.organiser and item.organiser_kind == "unknown" and item.organiser_level == "unknown":
        missing.append("organiser")
    if item.edition is None:
        missing.append("edition")
    return missing


def normalize_lab(item: LabItem) -> LabItem:
    if item.created_text and item.year_created is None:
        item.year_created = creation_year(item.created_text)
    if item.region_text and item.region_code is None:
        item.region_code = parse_place(item.region_text).region_code
    return item


class NormalizePipeline:
    """Scrapy glue around :func:`normalize_event` and :func:`normalize_lab`."""

    def __init__(self, stats=None, today: dt.date | None = None, db_url: str | None = None):
        self.stats = stats
        self.today = today
        self.db_url = db_url          # where the known labs are read at open (None: no labs)
        self.labs: tuple[LabRef, ...] = ()

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        raw = s.get("MIPCRAWL_TODAY")
        today = dt.date.fromisoformat(raw) if raw else dt.datetime.now(dt.UTC).date()
        db_url = (s.get("MIPCRAWL_DATABASE_URL") or database_url()) if s.getbool("MIPCRAWL_STORE_ENABLED", True) else None
        return cls(stats=crawler.stats, today=today, db_url=db_url)

    def open_spider(self, spider=None):
        preload()
        self.labs = tuple(known_labs(self.db_url)) if self.db_url else ()

    def process_item(self, item):
        if isinstance(item, EventItem):
            self._inc("mipcrawl/items/event")
            normalize_event(item, today=self.today, labs=self.labs)
            for name in unparsed_fields(item):
                self._inc(f"mipcrawl/normalize/{name}_unparsed")
            if item.date_warnings:
                self._inc("mipcrawl/normalize/when_warnings", len(item.date_warnings))
            for name in item.disagreements:     # the page says otherwise than its schema.org data
                self._inc(f"mipcrawl/structured/disagree/{name}")
        elif isinstance(item, LabItem):
            self._inc("mipcrawl/items/lab")
            normalize_lab(item)
            if item.region_text and item.region_code is None:
                self._inc("mipcrawl/normalize/lab_region_unparsed")
        return item

    def _inc(self, key: str, count: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(key, count)
