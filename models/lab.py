"""The laboratoires d'innovation territoriale, one row per lab sheet URL."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, JSONType, RevisionColumns, UTCDateTime


class Lab(Base):
    __tablename__ = "lab"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(1000), unique=True)
    name: Mapped[str | None] = mapped_column(String(300))
    title: Mapped[str | None] = mapped_column(Text)
    region_text: Mapped[str | None] = mapped_column(String(200))
    region_code: Mapped[str | None] = mapped_column(String(5))
    host: Mapped[str | None] = mapped_column(Text)
    year_created: Mapped[int | None]
    category: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[list[str] | None] = mapped_column(JSONType)
    lead: Mapped[str | None] = mapped_column(Text)
    sections: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    website: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    capture_id: Mapped[str | None] = mapped_column(String(200))
    first_seen: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_seen: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_changed: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class LabRevision(RevisionColumns, Base):
    """One change of a lab sheet seen by a crawl: ``added`` (first sighting) or ``changed``
    (one row per field, old and new values)."""

    __tablename__ = "lab_revision"

    lab_id: Mapped[int] = mapped_column(ForeignKey("lab.id", ondelete="CASCADE"), index=True)
