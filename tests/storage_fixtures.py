"""Helpers for the storage tests (not a test module): items, listings and one-call runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from sqlalchemy import event as sa_event
from sqlalchemy import select
from sqlalchemy.engine import Engine

from mipcrawl.items import EventItem, FetchFailure, ListingPageItem
from mipcrawl.scope import RunScope
from models import Event, EventRevision
from pipelines.store import record_item
from storage.db import make_engine, make_session_factory
from storage.recorder import RunOutcome, RunRecorder

PARIS = ZoneInfo("Europe/Paris")
BASE = "https://www.modernisation.gouv.fr/mois-de-linnovation-publique"
TOPICS = ["design de service", "données ouvertes", "intelligence collective", "sobriété numérique",
          "accueil des usagers", "simplification", "achats innovants", "participation citoyenne"]


def at(day: int, hour: int = 3) -> dt.datetime:
    """A fixed crawl time in November 2026 (UTC)."""
    return dt.datetime(2026, 11, day, hour, tzinfo=dt.UTC)


def item(n: int, edition: int = 2026, **overrides) -> EventItem:
    """Event number ``n``: distinct titles (numbers differ), spread over the month."""
    values = dict(
        url=f"{BASE}/rencontre-{n}", edition=edition, edition_hint=edition,
        title=f"Rencontre {n} : {TOPICS[n % len(TOPICS)]}", status="scheduled",
        when_text=f"Le {2 + n % 27}/11 de 9h30 à 12h", place_text="77 avenue de Ségur, 75015 Paris",
        start=dt.datetime(edition, 11, 2 + n % 27, 9, 30, tzinfo=PARIS),
        end=dt.datetime(edition, 11, 2 + n % 27, 12, 0, tzinfo=PARIS), all_day=False,
        time_zone="Europe/Paris",
        attendance="offline", commune_code="75056", departement_code="75", region_code="11", level="venue",
        organiser="Etalab", organiser_kind="etat", organiser_level="national",
        formats=["atelier"], capture_id=f"urn:uuid:{n}",
    )
    values.update(overrides)
    if "slots" not in overrides and values["start"] is not None:
        values["slots"] = [(values["start"], values["end"])]   # as the date parser gives them
    if "date_precision" not in overrides and values["start"] is not None:
        values["date_precision"] = "minute" if isinstance(values["start"], dt.datetime) else "day"
    return EventItem(**values)


def listing(urls: Iterable[str], edition: int = 2026, page: int = 0, last_page: int | None = 0) -> ListingPageItem:
    return ListingPageItem(url=f"{BASE}/programme?page={page}", edition=edition, page=page,
                           last_page=last_page, event_urls=list(urls))


ENGINES: list[Engine] = []   # disposed after each test (conftest.py)


def recorder(db_url: str, scope: str = "2026", **options) -> RunRecorder:
    """A ``RunRecorder`` of a programme edition ("2026", "all") or of the labs ("labs"), on an
    engine of its own."""
    engine = make_engine(db_url)
    ENGINES.append(engine)
    return RunRecorder(engine, scope=RunScope.labs() if scope == "labs" else RunScope.programme(scope),
                       **options)


def feed(rec: RunRecorder, *items: object) -> None:
    """Hand items to the run as the store pipeline does (item → row)."""
    for it in items:
        record_item(rec, it)


def crawl(db_url: str, items: list[EventItem], *, when: dt.datetime, listings: list | None = None,
          failures: Iterable[FetchFailure] = (), scope: str = "2026", finished: bool = True,
          **options) -> RunOutcome:
    """One whole programme run through ``RunRecorder`` with a pinned clock."""
    rec = recorder(db_url, scope, clock=lambda: when, **options)
    try:
        rec.open()
        feed(rec, *(listings if listings is not None else [listing([i.url for i in items])]))
        feed(rec, *failures, *items)
        return rec.close(finished=finished)
    finally:
        rec.engine.dispose()


def events(db_url: str) -> dict[str, Event]:
    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        rows = {e.url: e for e in session.scalars(select(Event))}
    engine.dispose()
    return rows


def revisions(db_url: str) -> list[EventRevision]:
    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        rows = list(session.scalars(select(EventRevision).order_by(EventRevision.id)))
    engine.dispose()
    return rows


class StatementLog:
    """Every SQL statement run by any engine while the context is open."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, int]] = []

    def _record(self, conn, cursor, statement, parameters, context, executemany) -> None:
        rows = len(parameters) if executemany and isinstance(parameters, list | tuple) else 1
        self.statements.append((" ".join(statement.split()), rows))

    def __enter__(self) -> StatementLog:
        sa_event.listen(Engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *exc) -> None:
        sa_event.remove(Engine, "before_cursor_execute", self._record)

    def writes(self, table: str) -> list[str]:
        verbs = (f"INSERT INTO {table} ", f"UPDATE {table} ", f"DELETE FROM {table} ")
        return [s for s, _ in self.statements if s.startswith(verbs)]
