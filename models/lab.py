"""The laboratoires d'innovation territoriale: one ``lab`` row per lab, one ``lab_page`` row
per page that describes it (its current sheet, an older 2022 Atlas page, a sheet's later
URL), and their history.

``lab.key`` is the lab's stable key: the slug (last path segment) of its current sheet
(``url``; the Atlas page's while it has no sheet). ``name``, ``region_*``, ``host`` and
``year_created`` are the current sheet's (an older page fills what the sheet leaves out);
``aliases`` the other names its pages carry (spellings, former names). ``lab_page`` keeps
each page's own content, hash and capture; ``kind`` is ``sheet`` or ``atlas``; ``links``
the lab pages it links to (an Atlas page pointing to the current sheet), not part of its
content.

``lab_revision`` is the history of both: a page's ``added`` / ``changed`` (one row per
field) carry its ``page_id``; a change of the lab itself has no page: ``renamed`` (field
``name``), ``moved`` (field ``url``: its current sheet has a new URL), ``alias`` (a new
spelling met: ``new`` holds it), ``merged`` (another lab's pages found to be this one's).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, JSONType, RevisionColumns, UTCDateTime


class Lab(Base):
    __tablename__ = "lab"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    url: Mapped[str] = mapped_column(String(1000))
    name: Mapped[str | None] = mapped_column(String(300))
    region_text: Mapped[str | None] = mapped_column(String(200))
    region_code: Mapped[str | None] = mapped_column(String(5))
    host: Mapped[str | None] = mapped_column(Text)
    year_created: Mapped[int | None]
    aliases: Mapped[list[str] | None] = mapped_column(JSONType)
    first_seen: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_seen: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_changed: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class LabPage(Base):
    __tablename__ = "lab_page"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("lab.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(1000), unique=True)
    kind: Mapped[str] = mapped_column(String(10), default="sheet", server_default="sheet")
    links: Mapped[list[str] | None] = mapped_column(JSONType)
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
    """One change seen by a crawl, of a lab page (``page_id`` set) or of the lab itself
    (``page_id`` empty): see the module docstring."""

    __tablename__ = "lab_revision"

    lab_id: Mapped[int] = mapped_column(ForeignKey("lab.id", ondelete="CASCADE"), index=True)
    page_id: Mapped[int | None] = mapped_column(ForeignKey("lab_page.id", ondelete="CASCADE"), index=True)
