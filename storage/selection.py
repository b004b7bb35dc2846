"""Which events an export or a report covers: the filters every export shares.

``Selection`` holds the user's filters as given on the command line; ``where(session,
selection)`` checks them against the database and returns the SQL conditions on ``event``:

- ``edition``: a year the database knows (``UnknownEdition`` otherwise);
- ``date_from`` / ``date_to``: events whose Paris days overlap the range (inclusive);
  events without a parsed date are left out when a range is given;
- ``region``: an INSEE région code ("11") or a name it goes by (``parsers.places.index.region_names``:
  "Île-de-France", "IDF", "PACA", "Réunion"), compared by ``parsers.labs.name_key`` — the one
  rule for names: case, accents, spaces, punctuation and a leading article ignored;
- ``lab``: a lab's key, name or alias in any spelling, or one of its pages' URL or slug;
  the events kept are those the lab runs — their stored link (``event.lab_id``), however
  their organiser line or description named it, never organiser texts matched at query time;
- ``since``: a crawl run id (events with a revision in that run or a later one) or a date
  ``YYYY-MM-DD`` (events with a revision from that Paris day on) — "what changed" feeds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select, true
from sqlalchemy.orm import Session

from models import Event, EventRevision
from parsers.labs import name_key
from parsers.places.index import region_names
from storage.event_labs import find_labs
from storage.queries import EmptyDatabase, InvalidQuery, check_edition, revisions_since


@dataclass(frozen=True)
class Selection:
    edition: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    region: str | None = None
    lab: str | None = None
    since: str | None = None

    def describe(self) -> str:
        """A short human summary ("edition 2024, région 11"), or "all events"."""
        parts = [f"{name.replace('_', ' ')} {value}" for name, value in vars(self).items() if value is not None]
        return ", ".join(parts) or "all events"


@lru_cache(maxsize=1)
def region_keys() -> dict[str, str]:
    """The key of every name of a région (``parsers.labs.name_key``) → its INSEE code."""
    return {name_key(name): code for name, code in region_names().items()}


def region_code(value: str) -> str:
    """The INSEE code of a région given by code or name; ``InvalidQuery`` when unknown."""
    given = value.strip()
    if given in region_keys().values():
        return given
    code = region_keys().get(name_key(given))
    if code is None:
        raise InvalidQuery(f"unknown région {value!r} (an INSEE code such as 11, or a name such as Bretagne)")
    return code


def lab_ids(session: Session, lab: str) -> set[int]:
    """The ids of the labs ``lab`` designates (``storage.event_labs.find_labs``); ``InvalidQuery``
    when none."""
    found = find_labs(session, lab)
    if not found:
        raise InvalidQuery(f"unknown lab {lab!r} (see `mipcrawl labs`)")
    return found


def _since(session: Session, since: str) -> ColumnElement[bool]:
    return Event.id.in_(select(EventRevision.event_id).where(revisions_since(session, since)))


def where(session: Session, selection: Selection) -> ColumnElement[bool]:
    """The SQL condition on ``event`` for ``selection`` (raises ``InvalidQuery`` on bad filters)."""
    sel, clauses = selection, []
    check_edition(session, sel.edition)
    if sel.date_from and sel.date_to and sel.date_from > sel.date_to:
        raise InvalidQuery(f"the date range ends ({sel.date_to}) before it starts ({sel.date_from})")
    if sel.edition is not None:
        clauses.append(Event.edition == sel.edition)
    if sel.date_from is not None:
        clauses.append(func.coalesce(Event.end_date, Event.start_date) >= sel.date_from)
    if sel.date_to is not None:
        clauses.append(Event.start_date <= sel.date_to)
    if sel.region is not None:
        clauses.append(Event.region_code == region_code(sel.region))
    if sel.lab is not None:
        clauses.append(Event.lab_id.in_(lab_ids(session, sel.lab)))
    if sel.since is not None:
        clauses.append(_since(session, sel.since))
    return and_(true(), *clauses)


def select_events(session: Session, selection: Selection) -> Any:
    """``SELECT event`` for the selection, in edition, start and URL order."""
    return select(Event).where(where(session, selection)).order_by(Event.edition, Event.start_at, Event.url)


def ensure_not_empty(session: Session) -> None:
    """``EmptyDatabase`` when the database holds no event at all (nothing to export)."""
    if session.scalar(select(func.count()).select_from(Event)) == 0:
        raise EmptyDatabase("the database holds no events yet: run `mipcrawl crawl` first")

