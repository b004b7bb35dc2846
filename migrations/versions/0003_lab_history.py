"""Lab history: one ``lab_revision`` row per lab sheet added or field changed.

Existing labs keep their rows; their history starts with the next crawl that sees a change.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from models.base import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "lab_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lab_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("change", sa.String(20), nullable=False),
        sa.Column("field", sa.String(40), nullable=True),
        sa.Column("old", JSON, nullable=True),
        sa.Column("new", JSON, nullable=True),
        sa.Column("capture_id", sa.String(200), nullable=True),
        sa.ForeignKeyConstraint(["lab_id"], ["lab.id"], name=op.f("fk_lab_revision_lab_id_lab"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["run_id"], ["crawl_run.id"], name=op.f("fk_lab_revision_run_id_crawl_run")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lab_revision")),
    )
    for col in ("at", "lab_id", "run_id"):
        op.create_index(op.f(f"ix_lab_revision_{col}"), "lab_revision", [col])


def downgrade() -> None:
    op.drop_table("lab_revision")
