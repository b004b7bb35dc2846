"""Change history and the health gate (issue 6): revisions, fingerprints, withdrawals,
near-duplicate links, richer run counts and gate figures, listing snapshots, edition locks.

Existing rows keep their data; new event columns start empty (``last_changed`` starts at
``last_seen``), new run counters start at 0.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from models.base import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
RUN_COUNTS = ("withdrawn", "cancelled", "reappeared", "moved")


def _alter_existing() -> None:
    with op.batch_alter_table("crawl_run") as batch:
        for name in RUN_COUNTS:
            batch.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("gate", JSON, nullable=True))
    with op.batch_alter_table("event") as batch:
        batch.add_column(sa.Column("fingerprint", sa.String(600), nullable=True))
        batch.add_column(sa.Column("previous_start_at", UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("last_changed", UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("withdrawn_at", UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("duplicate_of", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("duplicate_score", sa.Float(), nullable=True))
        batch.create_foreign_key(op.f("fk_event_duplicate_of_event"), "event", ["duplicate_of"], ["id"])
        batch.create_index(op.f("ix_event_fingerprint"), ["fingerprint"])
        batch.create_index("ix_event_edition_start_date", ["edition", "start_date"])
    op.execute("UPDATE event SET last_changed = last_seen")


def _new_tables() -> None:
    op.create_table(
        "event_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("change", sa.String(20), nullable=False),
        sa.Column("field", sa.String(40), nullable=True),
        sa.Column("old", JSON, nullable=True),
        sa.Column("new", JSON, nullable=True),
        sa.Column("capture_id", sa.String(200), nullable=True),
        sa.Column("parser_version", sa.String(40), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], name=op.f("fk_event_revision_event_id_event"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["run_id"], ["crawl_run.id"], name=op.f("fk_event_revision_run_id_crawl_run")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_revision")),
    )
    for col in ("at", "event_id", "run_id"):
        op.create_index(op.f(f"ix_event_revision_{col}"), "event_revision", [col])
    op.create_table(
        "listing_page",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("edition", sa.Integer(), nullable=True),
        sa.Column("url", sa.String(1000), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("last_page", sa.Integer(), nullable=True),
        sa.Column("event_count", sa.Integer(), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["run_id"], ["crawl_run.id"], name=op.f("fk_listing_page_run_id_crawl_run"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_listing_page")),
    )
    op.create_index(op.f("ix_listing_page_run_id"), "listing_page", ["run_id"])
    op.create_table(
        "run_lock",
        sa.Column("scope", sa.String(40), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("holder", sa.String(200), nullable=False),
        sa.Column("acquired_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["crawl_run.id"], name=op.f("fk_run_lock_run_id_crawl_run")),
        sa.PrimaryKeyConstraint("scope", name=op.f("pk_run_lock")),
    )


def upgrade() -> None:
    _alter_existing()
    _new_tables()


def downgrade() -> None:
    for table in ("run_lock", "listing_page", "event_revision"):
        op.drop_table(table)
    with op.batch_alter_table("event") as batch:
        batch.drop_index("ix_event_edition_start_date")
        batch.drop_index(op.f("ix_event_fingerprint"))
        batch.drop_constraint(op.f("fk_event_duplicate_of_event"), type_="foreignkey")
        for name in ("duplicate_score", "duplicate_of", "withdrawn_at", "last_changed",
                     "previous_start_at", "fingerprint"):
            batch.drop_column(name)
    with op.batch_alter_table("crawl_run") as batch:
        batch.drop_column("gate")
        for name in RUN_COUNTS:
            batch.drop_column(name)
