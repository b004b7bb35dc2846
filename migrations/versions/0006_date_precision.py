"""Dates v2 (issue 14): ``event.date_precision`` and ``event.time_zone``; the stored events
re-normalised from the date text they keep.

Every event with a ``when_text`` is read again as a crawl would read it now
(``pipelines.normalize.normalize_when``: this parser version, the event's edition year,
its clock — the venue's zone for an in-person event overseas, from the stored attendance
and codes — and the day it was last seen as "today"); its dates, slots, precision, zone,
fingerprint and content hash are rewritten (``pipelines.records.event_record``), so that
the exports are right at once (an overseas event's "9h" becomes 9h there) and the next
crawl sees no change where only the parser changed. No revision is written: the values
were corrected, the event did not change. An event whose text this parser cannot read
keeps its values (its precision stays empty; the next crawl records what it reads), and
``parser_version`` is left as it was, so the next crawl still parses every page once.
Downgrade drops the two columns (the corrected values stay).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from mipcrawl.fields import CONTENT_FIELDS
from mipcrawl.items import EventItem
from parsers import PARIS

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# the date columns a crawl derives from the date text (the rest of the row is its input)
_WRITTEN = ("start_at", "end_at", "start_date", "end_date", "all_day", "slots", "date_precision",
            "time_zone", "fingerprint", "content_hash")


def _event_table(conn: sa.Connection) -> sa.TableClause:
    """The ``event`` columns present at this revision, typed as the models type them (so that
    times, dates and JSON read back as the crawl wrote them, and hash the same)."""
    from models import Event

    present = {c["name"] for c in sa.inspect(conn).get_columns("event")}
    return sa.table("event", *(sa.column(c.name, c.type) for c in Event.__table__.columns if c.name in present))


def upgrade() -> None:
    with op.batch_alter_table("event") as batch:
        batch.add_column(sa.Column("date_precision", sa.String(10), nullable=True))
        batch.add_column(sa.Column("time_zone", sa.String(40), nullable=True))
    renormalise(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("event") as batch:
        batch.drop_column("time_zone")
        batch.drop_column("date_precision")


def renormalise(conn: sa.Connection) -> int:
    """Re-read the date text of every stored event; how many rows were rewritten."""
    from pipelines.normalize import normalize_when
    from pipelines.records import event_record

    event = _event_table(conn)
    read = [event.c[n] for n in ("id", "url", "parser_version", "last_seen", *CONTENT_FIELDS) if n in event.c]
    updates = []
    for row in conn.execute(sa.select(*read).where(event.c.when_text.is_not(None))).mappings():
        item = _item(row)
        today = row["last_seen"].astimezone(PARIS).date() if row["last_seen"] else None
        normalize_when(item, today=today)
        if item.start is None and item.end is None:
            continue
        record = event_record(item, parser_version=row["parser_version"] or "")
        updates.append({"row_id": row["id"], **{n: record[n] for n in _WRITTEN}})
    if updates:
        conn.execute(sa.update(event).where(event.c.id == sa.bindparam("row_id")), updates)
    return len(updates)


def _item(row: Any) -> EventItem:
    """The item a crawl would have made of the row's page (its place and organiser as
    stored), before dates are read."""
    fields = {n: row[n] for n in CONTENT_FIELDS if n in row and n not in (
        "start_at", "end_at", "all_day", "slots", "date_precision", "time_zone")}
    fields["formats"] = list(row["formats"] or [])
    fields["status"] = "cancelled" if row["status"] == "cancelled" else "scheduled"
    return EventItem(url=row["url"], **fields)
