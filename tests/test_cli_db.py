"""The database commands through ``mipcrawl.cli.main``: db, runs, changes, history, export,
labs, editions — output, formats and one-line errors with their exit codes."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import uuid

import pytest
from storage_fixtures import BASE, PARIS, at, crawl, item

from mipcrawl.cli import main
from mipcrawl.cli.errors import ExitCode


def _edited(n):
    if n == 0:
        return dataclasses.replace(item(0), title="Rencontre 0 : design de service, complet")
    if n == 1:
        return dataclasses.replace(item(1), start=dt.datetime(2026, 11, 20, 14, tzinfo=PARIS))
    if n == 2:
        return dataclasses.replace(item(2), url=f"{BASE}/rencontre-2-bis")
    return item(n)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def month(request, tmp_path_factory):
    """Three runs of 10 events: one edited, one rescheduled, one re-slugged; then one withdrawn.
    Built once per database for the module: the tests using it only read."""
    if request.param == "sqlite":
        db_url, drop = f"sqlite:///{tmp_path_factory.mktemp('month') / 'month.sqlite'}", None
    else:
        import psycopg

        base = request.getfixturevalue("pg_base_url")
        schema = f"t_{uuid.uuid4().hex[:12]}"
        dsn = base.replace("postgresql+psycopg://", "postgresql://", 1)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'create schema "{schema}"')
        db_url, drop = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}", (dsn, schema)
    crawl(db_url, [item(n) for n in range(10)], when=at(2))
    crawl(db_url, [_edited(n) for n in range(10)], when=at(3))
    crawl(db_url, [_edited(n) for n in range(10) if n != 3], when=at(4))
    yield db_url
    if drop is not None:
        with psycopg.connect(drop[0], autocommit=True) as conn:
            conn.execute(f'drop schema "{drop[1]}" cascade')


def _jsonl(capsys):
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_changes_jsonl_lists_every_kind_with_the_current_url(month, capsys):
    assert main(["changes", "--db", month, "--format", "jsonl"]) == 0
    rows = _jsonl(capsys)
    assert [(r["run_id"], r["change"], r["field"]) for r in rows if r["change"] != "added"] == [
        (2, "changed", "title"), (2, "rescheduled", "start"), (2, "moved", "url"), (3, "withdrawn", "status"),
    ]
    moved = next(r for r in rows if r["change"] == "moved")
    assert moved["url"] == moved["new"] == f"{BASE}/rencontre-2-bis" and moved["old"] == f"{BASE}/rencontre-2"
    added = [r for r in rows if r["change"] == "added"]
    assert {r["url"] for r in added} == {_edited(n).url for n in range(10)}
    assert set(rows[0]) >= {"run_id", "at", "url", "change", "field", "old", "new"}


@pytest.mark.parametrize(("since", "runs"), [("3", {3}), ("2026-11-03", {2, 3}), ("2", {2, 3})])
def test_changes_since(month, capsys, since, runs):
    assert main(["changes", "--db", month, "--format", "jsonl", "--since", since]) == 0
    assert {r["run_id"] for r in _jsonl(capsys)} == runs


def test_changes_text_is_readable(month, capsys):
    assert main(["changes", "--db", month, "--since", "2"]) == 0
    out = capsys.readouterr().out
    assert "rescheduled" in out and "start: '2026-11-03T09:30:00+01:00' → '2026-11-20T14:00:00+01:00'" in out


def test_history_of_an_old_url_finds_the_moved_event(month, capsys):
    assert main(["history", f"{BASE}/rencontre-2/", "--db", month]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{BASE}/rencontre-2-bis") and "moved" in out and "added" in out


def test_history_of_an_unknown_url_is_an_error(month, capsys):
    assert main(["history", f"{BASE}/nothing", "--db", month]) == ExitCode.ERROR
    assert capsys.readouterr().err.strip() == f"mipcrawl history: no event at {BASE}/nothing"


def test_export_jsonl_fields_and_paris_times(month, tmp_path, capsys):
    out = tmp_path / "out" / "events.jsonl"
    assert main(["export", "--db", month, "--format", "jsonl", "--out", str(out), "--edition", "2026"]) == 0
    rows = {r["url"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert len(rows) == 10
    moved = rows[f"{BASE}/rencontre-1"]
    assert (moved["start"], moved["previous_start"], moved["status"]) == (
        "2026-11-20T14:00:00+01:00", "2026-11-03T09:30:00+01:00", "rescheduled")
    assert rows[f"{BASE}/rencontre-3"]["status"] == "withdrawn"
    assert set(moved) >= {"url", "edition", "title", "status", "start", "end", "all_day", "when_text", "place_text",
                          "attendance", "commune_code", "departement_code", "region_code", "organiser",
                          "formats", "registration_url", "first_seen", "last_seen"}
    assert moved["formats"] == ["atelier"] and moved["first_seen"] == "2026-11-02T03:00:00+00:00"
    assert list(tmp_path.joinpath("out").iterdir()) == [out]   # no temporary file left behind


def test_export_csv_to_stdout(month, capsys):
    assert main(["export", "--db", month, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 10 and rows[0]["formats"] == "atelier" and rows[0]["all_day"] == "False"


def test_runs_and_editions_tables(month, capsys):
    assert main(["runs", "--db", month, "--limit", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and lines[1].split()[:4] == ["3", "programme", "2026", "healthy"]
    assert main(["editions", "--db", month]) == 0
    line_2026 = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("2026"))
    assert line_2026.split()[-5:] == ["10", "8", "1", "0", "1"]


@pytest.mark.parametrize("command", [["changes"], ["runs"], ["export"], ["labs"], ["editions"], ["history", "https://x/y"]])
def test_missing_or_empty_database_is_a_one_line_error(db_url, tmp_path, capsys, command):
    missing = f"sqlite:///{tmp_path / 'nowhere' / 'missing.sqlite'}"
    assert main([*command, "--db", missing]) == ExitCode.ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no mipcrawl database at" in err
    assert not (tmp_path / "nowhere").exists()          # a read command creates nothing
    (tmp_path / "test.sqlite").touch()                  # the SQLite case: a file without the schema
    assert main([*command, "--db", db_url]) == ExitCode.ERROR   # reachable, but no schema
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no mipcrawl data in" in err


@pytest.mark.parametrize("command", [["export", "--edition", "1999"], ["changes", "--edition", "1999"],
                                     ["changes", "--since", "yesterday"], ["changes", "--since", "99999"],
                                     ["export", "--since", "99999"]])
def test_bad_arguments_are_usage_errors(month, capsys, command):
    assert main([*command, "--db", month]) == ExitCode.USAGE
    assert capsys.readouterr().err.count("\n") == 1


def test_unreachable_database_is_a_one_line_error_without_password(capsys):
    assert main(["runs", "--db", "postgresql://bob:hunter2@127.0.0.1:1/x"]) == ExitCode.ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "hunter2" not in err and "unreachable" in err


def test_db_upgrade_and_current(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'new.sqlite'}"
    assert main(["db", "current", "--db", db]) == 0
    assert "empty" in capsys.readouterr().out
    assert main(["db", "upgrade", "--db", db]) == 0
    assert main(["db", "current", "--db", db]) == 0
    from storage.migrate import head_revision

    assert capsys.readouterr().out.splitlines()[-1].endswith(f"{head_revision()} (head)")


def test_labs_table(tmp_path, capsys):
    from storage_fixtures import feed, recorder

    from mipcrawl.items import LabItem

    db = f"sqlite:///{tmp_path / 'labs.sqlite'}"
    rec = recorder(db, "labs")
    rec.open()
    feed(rec, LabItem(url="https://www.modernisation.gouv.fr/laboratoires/lab-o", name="Lab'O",
                      region_text="Occitanie", region_code="76", year_created=2019))
    rec.close()
    assert main(["labs", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Lab'O" in out and "2019" in out and out.strip().endswith("1 labs")
