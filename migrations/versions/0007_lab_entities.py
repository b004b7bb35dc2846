"""Labs as entities (issue 19): ``lab`` becomes one row per lab, ``lab_page`` one row per page
describing it; events get their lab (``event.lab_id``, ``lab_method``, ``lab_confidence``).

Today's ``lab`` rows (one per page) become ``lab_page`` rows with their ids, content and
dates; a page under ``/laboratoires/`` is an Atlas page, any other a sheet. The pages of
one lab are grouped by the identity rules of ``storage.lab_identity`` (same région and name
key, a former name the sheet gives, one lab row per group) and each group becomes a
``lab`` row (``lab_values``: the current sheet's name and slug, the other spellings as
aliases). Every ``lab_revision`` is kept with its id, now attached to its page (``page_id``:
the old ``lab_id``) and to the page's lab. The stored events are then linked to their labs
from their raw organiser and description texts (``storage.labs.relink``). Downgrade puts
one row per page back (lab-level revisions are dropped, the event columns too).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from models.base import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
ATLAS_PREFIX = "/laboratoires/"
PAGE_COLUMNS = [
    ("url", sa.String(1000), False), ("name", sa.String(300), True), ("title", sa.Text(), True),
    ("region_text", sa.String(200), True), ("region_code", sa.String(5), True), ("host", sa.Text(), True),
    ("year_created", sa.Integer(), True), ("category", sa.Text(), True), ("tags", JSON, True),
    ("lead", sa.Text(), True), ("sections", JSON, True), ("website", sa.Text(), True),
    ("content_hash", sa.String(64), False), ("capture_id", sa.String(200), True),
    ("first_seen", UTCDateTime(timezone=True), False), ("last_seen", UTCDateTime(timezone=True), False),
    ("last_changed", UTCDateTime(timezone=True), True),
]
REVISION_COLUMNS = [
    ("id", sa.Integer(), False), ("lab_id", sa.Integer(), False), ("run_id", sa.Integer(), True),
    ("at", UTCDateTime(timezone=True), False), ("change", sa.String(20), False), ("field", sa.String(40), True),
    ("old", JSON, True), ("new", JSON, True), ("capture_id", sa.String(200), True),
]
_LAB_COLUMNS = ("url", "name", "region_text", "region_code", "host", "year_created",
                "first_seen", "last_seen", "last_changed")


def _table(name: str, columns: list[tuple[str, Any, bool]], *extra: str) -> sa.TableClause:
    """A typed handle on a table (times read back aware, JSON as values)."""
    types = {"id": sa.Integer(), "lab_id": sa.Integer(), "page_id": sa.Integer(), "kind": sa.String(10),
             "links": JSON, "key": sa.String(300), "aliases": JSON}
    return sa.table(name, *(sa.column(c, t) for c, t, _ in columns), *(sa.column(c, types[c]) for c in extra))


def upgrade() -> None:
    conn = op.get_bind()
    pages = [dict(r) for r in conn.execute(sa.select(_table("lab", PAGE_COLUMNS, "id"))).mappings()]
    revisions = [dict(r) for r in conn.execute(sa.select(_table("lab_revision", REVISION_COLUMNS))).mappings()]
    op.drop_table("lab_revision")
    op.drop_table("lab")
    _create_tables()
    labs, page_rows, lab_of = _merge(pages)
    if labs:
        conn.execute(sa.insert(_table("lab", [c for c in PAGE_COLUMNS if c[0] in _LAB_COLUMNS], "id", "key",
                                      "aliases")), labs)
        conn.execute(sa.insert(_table("lab_page", PAGE_COLUMNS, "id", "lab_id", "kind", "links")), page_rows)
    if revisions:
        conn.execute(sa.insert(_table("lab_revision", REVISION_COLUMNS, "page_id")),
                     [{**r, "page_id": r["lab_id"], "lab_id": lab_of[r["lab_id"]]} for r in revisions])
    _restart_sequences(conn, ("lab", "lab_page", "lab_revision"))
    with op.batch_alter_table("event") as batch:
        batch.add_column(sa.Column("lab_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("lab_method", sa.String(20), nullable=True))
        batch.add_column(sa.Column("lab_confidence", sa.Float(), nullable=True))
        batch.create_foreign_key(op.f("fk_event_lab_id_lab"), "lab", ["lab_id"], ["id"], ondelete="SET NULL")
        batch.create_index(op.f("ix_event_lab_id"), ["lab_id"])
    from sqlalchemy.orm import Session

    from storage.labs import relink

    with Session(bind=conn) as session:
        relink(session)
        session.flush()


def _create_tables() -> None:
    op.create_table(
        "lab",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(300), nullable=False),
        *(sa.Column(c, t, nullable=n) for c, t, n in PAGE_COLUMNS if c in _LAB_COLUMNS),
        sa.Column("aliases", JSON, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lab")),
        sa.UniqueConstraint("key", name=op.f("uq_lab_key")),
    )
    op.create_table(
        "lab_page",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lab_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), server_default="sheet", nullable=False),
        sa.Column("links", JSON, nullable=True),
        *(sa.Column(c, t, nullable=n) for c, t, n in PAGE_COLUMNS),
        sa.ForeignKeyConstraint(["lab_id"], ["lab.id"], name=op.f("fk_lab_page_lab_id_lab"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lab_page")),
        sa.UniqueConstraint("url", name=op.f("uq_lab_page_url")),
    )
    op.create_index(op.f("ix_lab_page_lab_id"), "lab_page", ["lab_id"])
    op.create_table(
        "lab_revision",
        *(sa.Column(c, t, nullable=n) for c, t, n in REVISION_COLUMNS),
        sa.Column("page_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["lab_id"], ["lab.id"], name=op.f("fk_lab_revision_lab_id_lab"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["page_id"], ["lab_page.id"], name=op.f("fk_lab_revision_page_id_lab_page"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["run_id"], ["crawl_run.id"], name=op.f("fk_lab_revision_run_id_crawl_run")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lab_revision")),
    )
    for col in ("at", "lab_id", "page_id", "run_id"):
        op.create_index(op.f(f"ix_lab_revision_{col}"), "lab_revision", [col])


def _merge(pages: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[int, int]]:
    """(lab rows, page rows, page id → lab id): the pages grouped into labs."""
    from storage.lab_identity import group_pages, lab_values, page_facts

    pages = sorted(pages, key=lambda p: p["id"])
    for page in pages:
        page["kind"] = "atlas" if urlsplit(page["url"]).path.startswith(ATLAS_PREFIX) else "sheet"
    by_url = {p["url"]: p for p in pages}
    labs, lab_of, keys = [], {}, set()
    for number, group in enumerate(group_pages([page_facts(p) for p in pages]), start=1):
        rows = [by_url[f.url] for f in group]
        values = lab_values(rows)
        key = values["key"] if values["key"] not in keys else f"{values['key']}-{number}"
        keys.add(key)
        labs.append({**values, "id": number, "key": key, **_dates(rows)})
        lab_of.update({p["id"]: number for p in rows})
    page_rows = [{**p, "lab_id": lab_of[p["id"]], "links": None} for p in pages]
    return labs, page_rows, lab_of


def _dates(rows: list[Mapping[str, Any]]) -> dict[str, Any]:
    changed = [r["last_changed"] for r in rows if r["last_changed"] is not None]
    return {"first_seen": min(r["first_seen"] for r in rows), "last_seen": max(r["last_seen"] for r in rows),
            "last_changed": max(changed) if changed else None}


def _restart_sequences(conn: sa.Connection, tables: tuple[str, ...]) -> None:
    """PostgreSQL: the id sequences continue after the ids copied over."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        conn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                             f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"))


def downgrade() -> None:
    conn = op.get_bind()
    pages = [dict(r) for r in conn.execute(sa.select(_table("lab_page", PAGE_COLUMNS, "id"))).mappings()]
    revisions = [dict(r) for r in conn.execute(
        sa.select(_table("lab_revision", REVISION_COLUMNS, "page_id"))).mappings() if r["page_id"] is not None]
    with op.batch_alter_table("event") as batch:
        batch.drop_index(op.f("ix_event_lab_id"))
        batch.drop_constraint(op.f("fk_event_lab_id_lab"), type_="foreignkey")
        for name in ("lab_confidence", "lab_method", "lab_id"):
            batch.drop_column(name)
    for table in ("lab_revision", "lab_page", "lab"):
        op.drop_table(table)
    op.create_table(
        "lab",
        sa.Column("id", sa.Integer(), nullable=False),
        *(sa.Column(c, t, nullable=n) for c, t, n in PAGE_COLUMNS),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lab")),
        sa.UniqueConstraint("url", name=op.f("uq_lab_url")),
    )
    op.create_table(
        "lab_revision",
        *(sa.Column(c, t, nullable=n) for c, t, n in REVISION_COLUMNS),
        sa.ForeignKeyConstraint(["lab_id"], ["lab.id"], name=op.f("fk_lab_revision_lab_id_lab"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["run_id"], ["crawl_run.id"], name=op.f("fk_lab_revision_run_id_crawl_run")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lab_revision")),
    )
    for col in ("at", "lab_id", "run_id"):
        op.create_index(op.f(f"ix_lab_revision_{col}"), "lab_revision", [col])
    if pages:
        conn.execute(sa.insert(_table("lab", PAGE_COLUMNS, "id")), pages)
    if revisions:
        conn.execute(sa.insert(_table("lab_revision", REVISION_COLUMNS)),
                     [{**{k: v for k, v in r.items() if k != "page_id"}, "lab_id": r["page_id"]} for r in revisions])
    _restart_sequences(conn, ("lab", "lab_revision"))
