"""Editions and organisers: small reference tables filled on demand, cached per run.

``KNOWN_EDITIONS`` seeds the ``edition`` table (from the DITP's public record); an event
of an edition missing there (a future year) gets a row named after its year.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Edition, Organiser
from storage.upsert import upsert

D = dt.date
KNOWN_EDITIONS: dict[int, tuple[str, D | None, D | None, str]] = {
    2019: ("Semaine de l'innovation publique", D(2019, 11, 25), D(2019, 11, 30), "legacy"),
    2020: ("Mois de l'innovation publique", D(2020, 11, 2), D(2020, 11, 30), "legacy"),
    2021: ("Mois de l'innovation publique", D(2021, 11, 2), D(2021, 11, 30), "dsfr"),
    2022: ("Mois de l'innovation publique", D(2022, 11, 2), D(2022, 11, 30), "dsfr"),
    2023: ("Mois de l'innovation publique", D(2023, 11, 2), D(2023, 11, 30), "dsfr"),
    2024: ("Mois de l'innovation publique", D(2024, 11, 4), D(2024, 11, 30), "dsfr"),
    2025: ("Mois de l'innovation publique", None, None, "dsfr"),
    2026: ("Mois de l'innovation publique", None, None, "dsfr"),
}
_SPACES = re.compile(r"\s+")


def edition_rows(years: Iterable[int]) -> list[dict[str, object]]:
    rows = []
    for year in sorted(set(years)):
        name, start, end, site = KNOWN_EDITIONS.get(year, (f"Édition {year}", None, None, None))
        rows.append({"year": year, "name": name, "start_date": start, "end_date": end, "site": site})
    return rows


def ensure_editions(session: Session, years: Iterable[int]) -> None:
    upsert(session, Edition.__table__, edition_rows(years), key=["year"])


def known_edition_years(session: Session) -> list[int]:
    stored = set(session.scalars(select(Edition.year)))
    return sorted(stored | set(KNOWN_EDITIONS))


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
