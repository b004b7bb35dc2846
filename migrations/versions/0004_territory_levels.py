"""Places v2 (issue 13): the level of an event's territory, its EPCI, and the kind and
territory of its organiser.

New ``event`` columns: ``level``, ``epci_code``, ``epci_name`` (read from ``place_text``) and
``organiser_kind``, ``organiser_level``, ``organiser_departement_code``,
``organiser_region_code`` (read from ``organiser``). Existing events are re-normalised from
their stored raw texts with the parsers of this code (``pipelines.normalize.place_values`` /
``organiser_values``): every place column is re-derived together, so that the codes agree
with the level ("Toulouse Métropole" is an EPCI, not the commune of Toulouse). Nothing is
re-crawled; the raw texts, identities, history and dates are left as they were, and so is
``parser_version`` (the next crawl re-parses those pages as after any parser upgrade). The
content hash is computed again, so that an unchanged page is still unchanged on the next
crawl. Events without a place text (or without an organiser) keep those columns empty.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

PLACE_COLUMNS = (("level", 12), ("epci_code", 20), ("epci_name", 200))
ORGANISER_COLUMNS = (("organiser_kind", 30), ("organiser_level", 12), ("organiser_departement_code", 5),
                     ("organiser_region_code", 5))
PAGE = 1000


def upgrade() -> None:
    with op.batch_alter_table("event") as batch:
        for name, length in (*PLACE_COLUMNS, *ORGANISER_COLUMNS):
            batch.add_column(sa.Column(name, sa.String(length), nullable=True))
    renormalise(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("event") as batch:
        for name, _ in (*PLACE_COLUMNS, *ORGANISER_COLUMNS):
            batch.drop_column(name)


def _event_table(conn: sa.Connection) -> sa.TableClause:
    """The ``event`` columns this revision has, typed as the models type them (so that dates,
    booleans and JSON read back as the crawl wrote them, and hash the same)."""
    from models import Event

    present = {c["name"] for c in sa.inspect(conn).get_columns("event")}
    return sa.table("event", *(sa.column(c.name, c.type) for c in Event.__table__.columns if c.name in present))


def _hashed(row: dict[str, Any]) -> dict[str, Any]:
    """The row as the record it was stored from: a record's status is scheduled or cancelled
    (storage makes rescheduled and withdrawn)."""
    return {**row, "status": "cancelled" if row["status"] == "cancelled" else "scheduled"}


def renormalise(conn: sa.Connection) -> None:
    """Re-derive the place and organiser columns of every event from its raw texts, page by page."""
    from mipcrawl.fields import CONTENT_FIELDS, ORGANISER_FIELDS, PLACE_FIELDS
    from parsers.places import parse_place
    from pipelines.normalize import organiser_values, place_values
    from storage.rows import content_hash

    event = _event_table(conn)
    wanted = [event.c.id, *(event.c[n] for n in dict.fromkeys(CONTENT_FIELDS) if n in event.c)]
    places: dict[str, dict[str, Any]] = {}
    organisers: dict[str, dict[str, Any]] = {}
    last = 0
    while True:
        rows = conn.execute(sa.select(*wanted).where(event.c.id > last).order_by(event.c.id).limit(PAGE)).all()
        if not rows:
            return
        params = []
        for row in rows:
            values = dict(row._mapping)
            if values["place_text"]:
                text = values["place_text"]
                values.update(places.get(text) or places.setdefault(text, place_values(parse_place(text))))
            if values["organiser"]:
                text = values["organiser"]
                values.update(organisers.get(text) or organisers.setdefault(text, organiser_values(text)))
            params.append({"_id": values["id"], "content_hash": content_hash(_hashed(values)),
                           **{n: values[n] for n in (*PLACE_FIELDS, *ORGANISER_FIELDS)}})
        conn.execute(event.update().where(event.c.id == sa.bindparam("_id")), params)
        last = rows[-1].id
