"""The data package export: one UTF-8 CSV per table and a ``datapackage.json`` that the
``frictionless`` library validates (types, primary and foreign keys); a broken foreign key
is caught, so the validation is a real check."""

from __future__ import annotations

import csv
import json

import pytest
from export_fixtures import N, build_month, url
from frictionless import validate

from mipcrawl.cli import main


@pytest.fixture
def package(db_url, tmp_path):
    out = tmp_path / "mip"
    assert main(["export", "--db", build_month(db_url), "--format", "datapackage", "--out", str(out)]) == 0
    return out


def rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_package_validates_with_frictionless(package):
    report = validate(package / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_descriptor_has_keys_licence_and_sources(package):
    desc = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in desc["resources"]}
    assert sorted(resources) == ["editions", "events", "lab_pages", "lab_revisions", "labs", "revisions"]
    assert sorted(p.name for p in package.iterdir()) == ["datapackage.json", "editions.csv", "events.csv",
                                                         "lab_pages.csv", "lab_revisions.csv", "labs.csv",
                                                         "revisions.csv"]
    assert resources["lab_revisions"]["schema"]["foreignKeys"] == [
        {"fields": ["lab_id"], "reference": {"resource": "labs", "fields": ["id"]}},
        {"fields": ["page_id"], "reference": {"resource": "lab_pages", "fields": ["id"]}}]
    lab_revs, labs = rows(package / "lab_revisions.csv"), rows(package / "labs.csv")
    pages = rows(package / "lab_pages.csv")
    assert [(r["lab_id"], r["page_id"], r["change"]) for r in lab_revs] == [(labs[0]["id"], pages[0]["id"], "added")]
    assert [p["lab_id"] for p in pages] == [labs[0]["id"]]
    assert resources["events"]["schema"]["primaryKey"] == ["id"]
    assert resources["revisions"]["schema"]["foreignKeys"] == [
        {"fields": ["event_id"], "reference": {"resource": "events", "fields": ["id"]}}]
    assert desc["licenses"][0]["name"] == "etalab-2.0" and desc["sources"][0]["path"].startswith("https://")
    types = {f["name"]: f["type"] for f in resources["events"]["schema"]["fields"]}
    assert (types["start_at"], types["start_date"], types["all_day"], types["edition"]) == (
        "datetime", "date", "boolean", "integer")


def test_tables_hold_the_rows(package):
    events = {r["url"]: r for r in rows(package / "events.csv")}
    assert sorted(events) == sorted(url(n) for n in range(N))
    assert events[url(1)]["start_at"] == "2026-11-20T13:00:00Z" and events[url(1)]["status"] == "rescheduled"
    assert events[url(9)]["start_date"] == "2026-11-05" and events[url(9)]["end_date"] == "2026-11-07"
    assert events[url(9)]["all_day"] == "true"
    changes = [(r["change"], r["field"]) for r in rows(package / "revisions.csv") if r["change"] != "added"]
    assert sorted(changes) == sorted([("changed", "title"), ("rescheduled", "start"), ("changed", "end"),
                                      ("cancelled", "status"), ("moved", "url"), ("withdrawn", "status")])
    assert [r["name"] for r in rows(package / "labs.csv")] == ["Ti Lab"]
    assert [events[url(7)][k] for k in ("level", "organiser_kind", "organiser_level", "organiser_region_code")] == [
        "venue", "collectivite", "departement", "93"]
    assert (events[url(4)]["level"], events[url(4)]["organiser_kind"]) == ("online", "etat")


def test_the_territory_vocabularies_are_declared(package):
    """The closed lists of level and organiser kind are enum constraints (frictionless checks
    them: test_the_package_validates_with_frictionless)."""
    desc = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    events = next(r for r in desc["resources"] if r["name"] == "events")
    fields = {f["name"]: f for f in events["schema"]["fields"]}
    assert fields["level"]["constraints"]["enum"] == [
        "venue", "commune", "epci", "departement", "region", "national", "online", "abroad", "unknown"]
    assert "collectivite" in fields["organiser_kind"]["constraints"]["enum"]
    assert all(fields[n]["description"] for n in ("level", "epci_code", "organiser_kind", "organiser_region_code"))


def test_a_value_outside_a_vocabulary_fails_validation(package):
    events = rows(package / "events.csv")
    events[0]["level"] = "planet"
    with (package / "events.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(events[0]))
        writer.writeheader()
        writer.writerows(events)
    report = validate(package / "datapackage.json")
    assert not report.valid
    assert ["constraint-error"] in report.flatten(["type"])


def test_a_broken_foreign_key_fails_validation(package):
    revisions = (package / "revisions.csv").read_text(encoding="utf-8").splitlines()
    first = revisions[1].split(",")
    first[1] = "999999"
    (package / "revisions.csv").write_text("\n".join([revisions[0], ",".join(first), *revisions[2:]]) + "\n",
                                           encoding="utf-8")
    report = validate(package / "datapackage.json")
    assert not report.valid
    assert ["foreign-key"] in report.flatten(["type"])


def test_the_selection_applies_and_a_previous_package_is_replaced(db_url, tmp_path):
    db = build_month(db_url)
    out = tmp_path / "mip"
    assert main(["export", "--db", db, "--format", "datapackage", "--out", str(out)]) == 0
    assert main(["export", "--db", db, "--format", "datapackage", "--out", str(out), "--region", "53"]) == 0
    assert sorted(r["url"] for r in rows(out / "events.csv")) == sorted([url(5), url(11)])
    assert {r["event_id"] for r in rows(out / "revisions.csv")} == {r["id"] for r in rows(out / "events.csv")}
    assert validate(out / "datapackage.json").valid
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".mip")]   # no temporary left
