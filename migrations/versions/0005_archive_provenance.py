"""Archive provenance: where each event's copy and each revision was read — the live site or
a web archive's capture (``origin``), the capture's time (``captured_at``) and, for the
event, the memento URL the archive serves it at.

Existing rows were all read from the live site.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from models.base import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("event", "event_revision"):
        op.add_column(table, sa.Column("origin", sa.String(10), nullable=False, server_default="live"))
        op.add_column(table, sa.Column("captured_at", UTCDateTime(timezone=True), nullable=True))
    op.add_column("event", sa.Column("memento_url", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("event") as batch:
        for col in ("memento_url", "captured_at", "origin"):
            batch.drop_column(col)
    with op.batch_alter_table("event_revision") as batch:
        for col in ("captured_at", "origin"):
            batch.drop_column(col)
