"""Events, their organisers and their change history.

One ``event`` row per real event, identified by its canonical URL (``url``, unique).
Times: ``start_at``/``end_at`` are instants (UTC); ``start_date``/``end_date`` are the
Europe/Paris calendar days (the all-day form, and the day used for grouping);
``all_day`` says which form is authoritative; ``date_precision`` what start and end are
sure of (``parsers.dates.PRECISIONS``: minute, day, month, season, quarter, semester,
year; a period is stored as its first and last day); ``time_zone`` the clock the event's
times are read in (the venue's for an in-person event overseas, else Europe/Paris). ``status`` is one of scheduled, cancelled,
rescheduled, withdrawn. ``content_hash`` covers the normalised fields (see
``storage.hashing``); an unchanged crawl touches only ``last_seen`` and ``last_run_id``.

``lab_id`` is the lab that runs the event (``lab_method`` says how its raw organiser and
description texts named it, ``lab_confidence`` how sure that is): set by the crawl, and set
again from the stored texts whenever the lab table changes (``storage.labs.relink``).

``event_revision`` holds one row per changed field (``change`` in added, changed,
rescheduled, cancelled, withdrawn, reappeared, moved), with the run, the parser version
and the capture that showed it. ``origin`` says where a copy was read: ``live`` (the site)
or ``archive`` (a web archive's capture of the same URL, taken at ``captured_at``); the URL
is the identity either way, so a live and an archived copy are one event.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, JSONType, RevisionColumns, UTCDateTime


class Organiser(Base):
    __tablename__ = "organiser"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)  # casefolded, spaces collapsed
    name: Mapped[str] = mapped_column(String(500))              # first spelling seen


class Event(Base):
    __tablename__ = "event"
    __table_args__ = (
        Index("ix_event_edition_status", "edition", "status"),
        Index("ix_event_edition_start_date", "edition", "start_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(40), default="ditp")
    url: Mapped[str] = mapped_column(String(1000), unique=True)
    edition: Mapped[int | None] = mapped_column(ForeignKey("edition.year"))
    fingerprint: Mapped[str | None] = mapped_column(String(600), index=True)
    title: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="scheduled")

    start_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    end_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    all_day: Mapped[bool | None] = mapped_column(Boolean)
    slots: Mapped[list[Any] | None] = mapped_column(JSONType)
    date_precision: Mapped[str | None] = mapped_column(String(10))   # minute, day, month… year
    time_zone: Mapped[str | None] = mapped_column(String(40))        # the event's clock (IANA)
    previous_start_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    when_text: Mapped[str | None] = mapped_column(Text)
    place_text: Mapped[str | None] = mapped_column(Text)
    attendance: Mapped[str | None] = mapped_column(String(10))
    venue: Mapped[str | None] = mapped_column(Text)
    street: Mapped[str | None] = mapped_column(Text)
    postcode: Mapped[str | None] = mapped_column(String(10))
    commune_code: Mapped[str | None] = mapped_column(String(10))
    commune_name: Mapped[str | None] = mapped_column(String(200))
    departement_code: Mapped[str | None] = mapped_column(String(5))
    region_code: Mapped[str | None] = mapped_column(String(5))
    level: Mapped[str | None] = mapped_column(String(12))        # what the codes describe: venue … unknown
    epci_code: Mapped[str | None] = mapped_column(String(20))    # SIREN
    epci_name: Mapped[str | None] = mapped_column(String(200))

    organiser: Mapped[str | None] = mapped_column(Text)
    organiser_id: Mapped[int | None] = mapped_column(ForeignKey("organiser.id"))
    organiser_kind: Mapped[str | None] = mapped_column(String(30))
    organiser_level: Mapped[str | None] = mapped_column(String(12))
    organiser_departement_code: Mapped[str | None] = mapped_column(String(5))
    organiser_region_code: Mapped[str | None] = mapped_column(String(5))
    lab_id: Mapped[int | None] = mapped_column(ForeignKey("lab.id", ondelete="SET NULL"), index=True)
    lab_method: Mapped[str | None] = mapped_column(String(20))      # name, alias, generic, description…
    lab_confidence: Mapped[float | None] = mapped_column(Float)
    formats: Mapped[list[str] | None] = mapped_column(JSONType)
    parcours: Mapped[str | None] = mapped_column(Text)
    audience: Mapped[str | None] = mapped_column(Text)
    access: Mapped[str | None] = mapped_column(Text)
    registration_url: Mapped[str | None] = mapped_column(Text)
    online_url: Mapped[str | None] = mapped_column(Text)
    description_text: Mapped[str | None] = mapped_column(Text)

    content_hash: Mapped[str] = mapped_column(String(64))
    parser_version: Mapped[str | None] = mapped_column(String(40))
    capture_id: Mapped[str | None] = mapped_column(String(200))
    fetched_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    origin: Mapped[str] = mapped_column(String(10), default="live", server_default="live")  # live | archive
    captured_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)   # the archive capture's time
    memento_url: Mapped[str | None] = mapped_column(Text)                  # where the archive serves it

    first_seen: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_seen: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_changed: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    first_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_run.id"))
    last_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_run.id"))
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("event.id"))
    duplicate_score: Mapped[float | None] = mapped_column(Float)


class EventRevision(RevisionColumns, Base):
    __tablename__ = "event_revision"

    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    parser_version: Mapped[str | None] = mapped_column(String(40))
    origin: Mapped[str] = mapped_column(String(10), default="live", server_default="live")  # live | archive
    captured_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
