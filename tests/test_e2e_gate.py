"""Issue 6 acceptance, end to end through the CLI on SQLite and PostgreSQL: an unchanged
re-crawl writes nothing but bookkeeping, and a crawl of a failing site (30 % of paths
answering 5xx, listing pages among them) is partial, withdraws nothing, keeps the data
and exits non-zero."""

from __future__ import annotations

import json
import re

import pytest
from cli_run import mipcrawl
from sqlalchemy import func, select

import replica
from models import CrawlRun, EventRevision
from storage.db import make_engine

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

VOLATILE = {"last_seen"}   # the one event column an unchanged crawl may touch


def crawl(base_url: str, db: str, data_dir) -> tuple[int, int | None, str]:
    proc = mipcrawl("crawl", "programme", "--edition", "2026", "--base-url", base_url, "--db", db,
                    "--data-dir", str(data_dir), "--no-progress")
    match = re.search(r"programme 2026: run (\d+)", proc.stderr)
    return proc.returncode, int(match.group(1)) if match else None, proc.stderr


def exported(db: str) -> dict[str, dict]:
    proc = mipcrawl("export", "--format", "jsonl", "--db", db)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    return {r["url"]: {k: v for k, v in r.items() if k not in VOLATILE} for r in rows}


def run_record(db: str, run_id: int) -> tuple[CrawlRun, int]:
    engine = make_engine(db)
    try:
        with engine.connect() as conn:
            run = conn.execute(select(CrawlRun).where(CrawlRun.id == run_id)).one()
            revisions = conn.execute(select(func.count()).select_from(EventRevision)
                                     .where(EventRevision.run_id == run_id)).scalar_one()
    finally:
        engine.dispose()
    return run, revisions


def test_unchanged_recrawl_and_failing_site(db_url, tmp_path):
    site = replica.build_site(tmp_path / "site", events_per_edition=40, day=12)
    with replica.serve(site) as base_url:
        code, first_run, err = crawl(base_url, db_url, tmp_path / "data")
        assert code == 0, err[-1500:]
        before = exported(db_url)
        assert before

        code, same_run, err = crawl(base_url, db_url, tmp_path / "data")
        assert code == 0, err[-1500:]
        run, revisions = run_record(db_url, same_run)
        assert (run.status, run.new, run.changed, run.withdrawn, revisions) == ("healthy", 0, 0, 0, 0)
        assert run.unchanged == len(before)
        assert exported(db_url) == before          # no row rewritten beyond last_seen

        replica.set_faults(base_url, fail_rate=0.3)
        code, bad_run, err = crawl(base_url, db_url, tmp_path / "data")
        replica.set_faults(base_url, fail_rate=0)
    assert code == 3, err[-1500:]                   # ExitCode.PARTIAL
    assert "partial" in err
    run, revisions = run_record(db_url, bad_run)
    assert run.status == "partial" and run.reason
    assert (run.withdrawn, revisions) == (0, 0)
    after = exported(db_url)
    assert after == before                          # earlier data intact, nothing withdrawn
