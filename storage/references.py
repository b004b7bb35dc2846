"""Editions and organisers: small reference tables filled on demand, cached per run.

The ``edition`` table is seeded from ``mipcrawl.editions`` (the DITP's public record); an
event of an edition missing there (a future year) gets a row named after its year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from mipcrawl.editions import EDITIONS, edition_rows
from models import Edition, Organiser
from storage.upsert import upsert

_SPACES = re.compile(r"\s+")


def ensure_editions(session: Session, years: Iterable[int]) -> None:
    upsert(session, Edition.__table__, edition_rows(years), key=["year"])


def known_edition_years(session: Session) -> list[int]:
    stored = set(session.scalars(select(Edition.year)))
    return sorted(stored | set(EDITIONS))


def organiser_key(name: str) -> str:
    return _SPACES.sub(" ", name).strip().casefold()[:300]


class OrganiserCache:
    """Organiser ids by normalised name; two statements per batch of new names."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}

    def ids_for(self, session: Session, names: Iterable[str | None]) -> dict[str, int]:
        wanted = {organiser_key(n): n.strip()[:500] for n in names if n and n.strip()}
        missing = [k for k in wanted if k not in self._ids]
        if missing:
            rows = [{"key": k, "name": wanted[k]} for k in missing]
            upsert(session, Organiser.__table__, rows, key=["key"])
            found = session.execute(select(Organiser.key, Organiser.id).where(Organiser.key.in_(missing)))
            self._ids.update(dict(found.all()))
        return {k: self._ids[k] for k in wanted if k in self._ids}
