"""Initial schema (issue 3): editions, organisers, events, labs, crawl runs.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from models.base import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
D = dt.date
EDITIONS = [
    (2019, "Semaine de l'innovation publique", D(2019, 11, 25), D(2019, 11, 30), "legacy"),
    (2020, "Mois de l'innovation publique", D(2020, 11, 2), D(2020, 11, 30), "legacy"),
    (2021, "Mois de l'innovation publique", D(2021, 11, 2), D(2021, 11, 30), "dsfr"),
    (2022, "Mois de l'innovation publique", D(2022, 11, 2), D(2022, 11, 30), "dsfr"),
    (2023, "Mois de l'innovation publique", D(2023, 11, 2), D(2023, 11, 30), "dsfr"),
    (2024, "Mois de l'innovation publique", D(2024, 11, 4), D(2024, 11, 30), "dsfr"),
    (2025, "Mois de l'innovation publique", None, None, "dsfr"),
    (2026, "Mois de l'innovation publique", None, None, "dsfr"),
]


def _run_table() -> None:
    op.create_table(
        "crawl_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("spider", sa.String(40), nullable=False),
        sa.Column("scope", sa.String(20), nullable=False),
        sa.Column("editions", JSON, nullable=True),
        sa.Column("started_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("new", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("stats", JSON, nullable=True),
        sa.Column("parser_version", sa.String(40), nullable=True),
        sa.Column("command", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crawl_run")),
    )
    op.create_index(op.f("ix_crawl_run_status"), "crawl_run", ["status"])


def _reference_tables() -> None:
    edition = op.create_table(
        "edition",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("site", sa.String(20), nullable=True),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_edition")),
    )
    op.bulk_insert(edition, [dict(zip(("year", "name", "start_date", "end_date", "site"), e, strict=True))
                             for e in EDITIONS])
    op.create_table(
        "organiser",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organiser")),
        sa.UniqueConstraint("key", name=op.f("uq_organiser_key")),
    )


def _lab_table() -> None:
    op.create_table(
        "lab",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(1000), nullable=False),
        sa.Column("name", sa.String(300), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("region_text", sa.String(200), nullable=True),
        sa.Column("region_code", sa.String(5), nullable=True),
        sa.Column("host", sa.Text(), nullable=True),
        sa.Column("year_created", sa.Integer(), nullable=True),
        sa.Column("category", sa.Text(), nullable=True),
        sa.Column("tags", JSON, nullable=True),
        sa.Column("lead", sa.Text(), nullable=True),
        sa.Column("sections", JSON, nullable=True),
        sa.Column("website", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("capture_id", sa.String(200), nullable=True),
        sa.Column("first_seen", UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_seen", UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_changed", UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lab")),
        sa.UniqueConstraint("url", name=op.f("uq_lab_url")),
    )


def _text(*names: str) -> list[sa.Column]:
    return [sa.Column(n, sa.Text(), nullable=True) for n in names]


def _event_table() -> None:
    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("url", sa.String(1000), nullable=False),
        sa.Column("edition", sa.Integer(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("start_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("end_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("all_day", sa.Boolean(), nullable=True),
        sa.Column("slots", JSON, nullable=True),
        *_text("when_text", "place_text"),
        sa.Column("attendance", sa.String(10), nullable=True),
        *_text("venue", "street"),
        sa.Column("postcode", sa.String(10), nullable=True),
        sa.Column("commune_code", sa.String(10), nullable=True),
        sa.Column("commune_name", sa.String(200), nullable=True),
        sa.Column("departement_code", sa.String(5), nullable=True),
        sa.Column("region_code", sa.String(5), nullable=True),
        *_text("organiser"),
        sa.Column("organiser_id", sa.Integer(), nullable=True),
        sa.Column("formats", JSON, nullable=True),
        *_text("parcours", "audience", "access", "registration_url", "online_url", "description_text"),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("parser_version", sa.String(40), nullable=True),
        sa.Column("capture_id", sa.String(200), nullable=True),
        sa.Column("fetched_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("first_seen", UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_seen", UTCDateTime(timezone=True), nullable=False),
        sa.Column("first_run_id", sa.Integer(), nullable=True),
        sa.Column("last_run_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["edition"], ["edition.year"], name=op.f("fk_event_edition_edition")),
        sa.ForeignKeyConstraint(["first_run_id"], ["crawl_run.id"], name=op.f("fk_event_first_run_id_crawl_run")),
        sa.ForeignKeyConstraint(["last_run_id"], ["crawl_run.id"], name=op.f("fk_event_last_run_id_crawl_run")),
        sa.ForeignKeyConstraint(["organiser_id"], ["organiser.id"], name=op.f("fk_event_organiser_id_organiser")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
        sa.UniqueConstraint("url", name=op.f("uq_event_url")),
    )
    op.create_index("ix_event_edition_status", "event", ["edition", "status"])


def upgrade() -> None:
    _run_table()
    _reference_tables()
    _lab_table()
    _event_table()


def downgrade() -> None:
    for table in ("event", "lab", "organiser", "edition", "crawl_run"):
        op.drop_table(table)
