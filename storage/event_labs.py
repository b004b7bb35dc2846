"""The lab that runs an event, as the exports show it, and which labs a user's ``--lab`` names.

An event's lab is its stored link (``event.lab_id``, set by the crawl from its organiser line
and description, ``parsers.lablink``), never a match of organiser texts at query time.
``event_labs`` gives every lab's key, name and pages (its current sheet first: the JSON-LD
``sameAs``); ``find_labs`` the ids of the labs a ``--lab`` value designates: a lab's key, one
of its pages' URL or slug, or its name or an alias in any spelling the lab-name key agrees
with (``parsers.labs.name_key``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Lab, LabPage
from parsers.labs import name_key


@dataclass(frozen=True)
class EventLab:
    key: str                 # the slug of its current sheet
    name: str
    url: str                 # its current sheet
    pages: tuple[str, ...]   # every page describing it, the current sheet first
    names: frozenset[str] = frozenset()   # the name keys of its name and aliases


def _pages(session: Session) -> dict[int, list[str]]:
    pages: dict[int, list[str]] = {}
    for lab_id, url in session.execute(select(LabPage.lab_id, LabPage.url).order_by(LabPage.lab_id, LabPage.id)):
        pages.setdefault(lab_id, []).append(url)
    return pages


def event_labs(session: Session) -> dict[int, EventLab]:
    """Lab id → the lab as an event's export names it (one query per table: labs are few)."""
    pages = _pages(session)
    return {lab.id: EventLab(lab.key, lab.name or lab.key, lab.url,
                             tuple(dict.fromkeys((lab.url, *pages.get(lab.id, ())))), _names(lab))
            for lab in session.scalars(select(Lab))}


def _names(lab: Lab) -> frozenset[str]:
    return frozenset(key for n in (lab.name, *(lab.aliases or ())) if (key := name_key(n)))


def find_labs(session: Session, value: str) -> set[int]:
    """The ids of the labs ``value`` designates (empty when none)."""
    wanted, given = name_key(value), value.strip().rstrip("/")
    pages = _pages(session)
    found = set()
    for lab in session.scalars(select(Lab)):
        urls = {lab.url, *pages.get(lab.id, ())}
        if given in (lab.key, *urls) or given in {u.rsplit("/", 1)[-1] for u in urls} or wanted in _names(lab):
            found.add(lab.id)
    return found
