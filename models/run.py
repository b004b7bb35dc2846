"""Crawl runs, the listing pages each run saw (the health gate's evidence) and edition locks.

``crawl_run.status``: running, healthy, partial (stored what it saw, failed its gate,
withdrew nothing), failed (crashed, or found still "running" by a later run).
``gate`` holds the gate's figures per edition: ``{"2024": {"healthy": true, "listed": 350,
"coverage": {...}, "error_rate": 0.0, "reasons": []}}``. ``command`` never holds a
password (``storage.urls.redact_url`` is applied before storing).

``run_lock`` is the SQLite edition lock (PostgreSQL uses advisory locks): one row per
locked scope, refreshed by a heartbeat so a crashed crawl's lock can be taken over.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, JSONType, UTCDateTime


class CrawlRun(Base):
    __tablename__ = "crawl_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    spider: Mapped[str] = mapped_column(String(40))
    scope: Mapped[str] = mapped_column(String(20))          # "2024", "all", "labs"
    editions: Mapped[list[int] | None] = mapped_column(JSONType)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), default="running", index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    new: Mapped[int] = mapped_column(default=0)
    changed: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    withdrawn: Mapped[int] = mapped_column(default=0)
    cancelled: Mapped[int] = mapped_column(default=0)
    reappeared: Mapped[int] = mapped_column(default=0)
    moved: Mapped[int] = mapped_column(default=0)
    errors: Mapped[int] = mapped_column(default=0)
    gate: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    stats: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    parser_version: Mapped[str | None] = mapped_column(String(40))
    command: Mapped[str | None] = mapped_column(Text)


class ListingPage(Base):
    __tablename__ = "listing_page"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_run.id", ondelete="CASCADE"), index=True)
    edition: Mapped[int | None]
    url: Mapped[str] = mapped_column(String(1000))
    page: Mapped[int | None]
    last_page: Mapped[int | None]
    event_count: Mapped[int] = mapped_column(default=0)
    ok: Mapped[bool] = mapped_column(Boolean)
    http_status: Mapped[int | None]
    reason: Mapped[str | None] = mapped_column(Text)


class RunLock(Base):
    __tablename__ = "run_lock"

    scope: Mapped[str] = mapped_column(String(40), primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_run.id"))
    holder: Mapped[str] = mapped_column(String(200))
    acquired_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
