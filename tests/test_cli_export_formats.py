"""``mipcrawl export`` in every format on a crawled replica, compared field by field with the
replica's ground truth (``_truth/events.jsonl``); the filters against the truth; bad input
as one-line errors with nothing half-written."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from urllib.parse import urlsplit

import icalendar
import pytest
from export_fixtures import build_month, crawled_replica, run_cli, truth, url
from sqlalchemy import create_engine, text

from mipcrawl.cli import main
from mipcrawl.cli.errors import ExitCode
from mipcrawl.exports.tables import EXPORT_FIELDS
from parsers import geo

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

S = "https://schema.org/"
JSONLD_STATUS = {"scheduled": "EventScheduled", "cancelled": "EventCancelled", "withdrawn": "EventCancelled",
                 "rescheduled": "EventRescheduled"}
MODES = {"offline": "OfflineEventAttendanceMode", "online": "OnlineEventAttendanceMode",
         "mixed": "MixedEventAttendanceMode"}


@pytest.fixture(scope="module")
def crawled(replica_small_site, tmp_path_factory):
    return crawled_replica(replica_small_site, tmp_path_factory.mktemp("crawled")), truth(replica_small_site)


@pytest.fixture(scope="module")
def month_db(tmp_path_factory):
    return build_month(f"sqlite:///{tmp_path_factory.mktemp('month') / 'month.sqlite'}")


def export(db, tmp_path, fmt, *args):
    out = tmp_path / f"out.{fmt}"
    done = run_cli("export", "--db", db, "--format", fmt, "--out", str(out), *args)
    assert done.returncode == 0, done.stderr
    return out


def path(u: str) -> str:
    return urlsplit(u).path


def ics_events(out):
    return {path(str(ev["url"])): ev for ev in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")}


def ics_times(t):
    if t["all_day"]:
        first = dt.date.fromisoformat(t["start"])
        return first, dt.date.fromisoformat(t["end"] or t["start"]) + dt.timedelta(days=1)
    return dt.datetime.fromisoformat(t["start"]), dt.datetime.fromisoformat(t["end"]) if t["end"] else None


def test_ics_matches_the_ground_truth(crawled, tmp_path):
    db, events = crawled
    got = ics_events(export(db, tmp_path, "ics"))
    # a VEVENT needs a fixed day: "en novembre" (month precision) is none
    dated = {t["path"]: t for t in events if t["start"] and t["date_precision"] in ("day", "minute")}
    assert sorted(got) == sorted(dated)
    for p, t in dated.items():
        ev = got[p]
        assert str(ev["summary"]) == t["title"]
        assert str(ev["status"]) == ("CANCELLED" if t["status"] in ("cancelled", "withdrawn") else "CONFIRMED"), p
        end = ev["dtend"].dt if "dtend" in ev else None
        assert (ev["dtstart"].dt, end) == ics_times(t), p
        if not t["all_day"]:   # in the event's clock (TZID): an overseas event keeps its local hour
            assert ev["dtstart"].dt.utcoffset() == dt.datetime.fromisoformat(t["start"]).utcoffset(), p
        assert (ev["organizer"].params["CN"] if "organizer" in ev else None) == t["organiser"], p
        if t["attendance"] == "offline" and t["commune_name"]:
            assert t["commune_name"] in str(ev["location"]), p


def _region_name(code):
    return geo.region(code).name if code else None


def _jsonld_location(obj, t):
    loc = obj.get("location")
    if t["attendance"] == "online":
        assert loc["@type"] == "VirtualLocation"
        return
    place = loc[0] if t["attendance"] == "mixed" else loc
    assert place["@type"] == "Place"
    assert place["address"].get("addressLocality") == t["commune_name"]
    assert place["address"].get("addressRegion") == _region_name(t["region_code"])


def _jsonld_organizer(obj, t, labs):
    """The organiser as written (its name, or the lab's alternateName), and the truth's lab as an
    Organization with its key (the slug of the sheet the crawl saw: the database was last crawled
    for labs on day 10, before the Coop'Lab sheet moved) and its pages (sameAs)."""
    orgs = obj.get("organizer") or []
    orgs = orgs if isinstance(orgs, list) else [orgs]
    written = [o.get("alternateName", o["name"]) for o in orgs]
    assert (written[0] if written else None) == t["organiser"], t["path"]
    by_lab = [o for o in orgs if "identifier" in o]
    assert len(by_lab) == (1 if t["lab_id"] else 0), t["path"]
    for o in by_lab:
        lab = labs[path(o["url"])]
        assert lab["id"] == t["lab_id"] and o["identifier"] == path(o["url"]).rsplit("/", 1)[-1], t["path"]
        assert {path(u) for u in o["sameAs"]} <= set(lab["pages"]) | {r["path"] for r in lab["redirect_from"]}
        assert lab["atlas_path"] is None or lab["atlas_path"] in {path(u) for u in o["sameAs"]}


def test_jsonld_matches_the_ground_truth(crawled, tmp_path, replica_small_site):
    db, events = crawled
    lines = (Path(replica_small_site) / "_truth" / "labs.jsonl").read_text(encoding="utf-8").splitlines()
    labs = {p: lab for lab in map(json.loads, lines) for p in (*lab["pages"], *(r["path"] for r in lab["redirect_from"]))}
    graph = {path(o["url"]): o for o in json.loads(export(db, tmp_path, "jsonld").read_text())["@graph"]}
    assert sorted(graph) == sorted(t["path"] for t in events)
    for t in events:
        obj = graph[t["path"]]
        assert (obj["name"], obj["eventStatus"]) == (t["title"], S + JSONLD_STATUS[t["stored_status"]])
        assert obj.get("previousStartDate") == t["previous_start"], t["path"]
        assert (obj.get("startDate"), obj.get("endDate")) == (t["start"], t["end"]), t["path"]
        assert obj.get("eventAttendanceMode") == (S + MODES[t["attendance"]] if t["attendance"] else None)
        _jsonld_organizer(obj, t, labs)
        if t["attendance"]:
            _jsonld_location(obj, t)


def test_datapackage_events_match_the_ground_truth(crawled, tmp_path):
    db, events = crawled
    out = export(db, tmp_path, "datapackage")
    with (out / "events.csv").open(encoding="utf-8", newline="") as handle:
        rows = {path(r["url"]): r for r in csv.DictReader(handle)}
    assert sorted(rows) == sorted(t["path"] for t in events)
    for t in events:
        r = rows[t["path"]]
        expected = (t["title"], t["stored_status"], str(t["edition"]), t["region_code"] or "", t["commune_code"] or "",
                    t["organiser"] or "", "; ".join(t["formats"]), t["attendance"] or "", (t["start"] or "")[:10])
        got = (r["title"], r["status"], r["edition"], r["region_code"], r["commune_code"], r["organiser"],
               r["formats"], r["attendance"], r["start_date"])
        assert got == expected, t["path"]


def _paths(out):
    return sorted(path(o["url"]) for o in json.loads(out.read_text())["@graph"])


def test_filters_agree_with_the_ground_truth(crawled, tmp_path):
    db, events = crawled
    in_53 = sorted(t["path"] for t in events if t["edition"] == 2024 and t["region_code"] == "53")
    assert _paths(export(db, tmp_path, "jsonld", "--edition", "2024", "--region", "Bretagne")) == in_53
    lab = next(t["lab_id"] for t in events if t["lab_id"])
    by_lab = sorted(t["path"] for t in events if t["lab_id"] == lab)
    assert _paths(export(db, tmp_path, "jsonld", "--lab", lab)) == by_lab
    # by the events' links: Ti Lab's events whatever their organiser line says ("Région Bretagne,
    # en partenariat avec TI Lab", "Le laboratoire d'innovation publique de Bretagne", a
    # "proposé par" line), by its key, a spelling or its sheet's URL
    ti_lab = "laboratoire-de-bretagne-ti-lab"
    by_ti_lab = sorted(t["path"] for t in events if t["lab_id"] == ti_lab)
    assert any("ti lab" not in (t["organiser"] or "").lower().replace("-", " ") for t in events if t["lab_id"] == ti_lab)
    with create_engine(db).connect() as conn:
        sheet = conn.scalar(text("select url from lab where key = :k"), {"k": ti_lab})
    for given in (ti_lab, "TiLab", sheet):
        assert _paths(export(db, tmp_path, "jsonld", "--lab", given)) == by_ti_lab, given
    day = dt.date(2026, 11, 12)
    overlapping = sorted(t["path"] for t in events if t["start"] and dt.date.fromisoformat(t["start"][:10]) <= day
                         <= dt.date.fromisoformat((t["end"] or t["start"])[:10]))
    assert _paths(export(db, tmp_path, "jsonld", "--from", "2026-11-12", "--to", "2026-11-12")) == overlapping


def test_since_a_run_lists_the_events_that_run_changed(crawled, tmp_path):
    db, _ = crawled
    engine = create_engine(db)
    with engine.connect() as conn:
        last = conn.scalar(text("select max(id) from crawl_run where spider = 'programme'"))
        changed = sorted(path(u) for (u,) in conn.execute(text(
            "select distinct e.url from event e join event_revision r on r.event_id = e.id where r.run_id >= :run"),
            {"run": last}))
    engine.dispose()
    assert changed, "the day-30 crawl changed nothing: the fixture lost its month"
    assert _paths(export(db, tmp_path, "jsonld", "--since", str(last))) == changed
    ics = ics_events(export(db, tmp_path, "ics", "--since", str(last)))
    assert set(ics) <= set(changed) and ics


@pytest.mark.parametrize(("args", "code", "words"), [
    (["--edition", "1999"], ExitCode.USAGE, "unknown edition 1999"),
    (["--region", "Atlantide"], ExitCode.USAGE, "unknown région"),
    (["--lab", "Lab Nowhere"], ExitCode.USAGE, "unknown lab"),
    (["--since", "99999"], ExitCode.USAGE, "unknown run"),
    (["--since", "hier"], ExitCode.USAGE, "--since wants"),
    (["--from", "2026-11-30", "--to", "2026-11-01"], ExitCode.USAGE, "ends"),
])
@pytest.mark.parametrize("fmt", ["ics", "jsonld", "datapackage"])
def test_bad_filters_are_one_line_errors_and_write_nothing(month_db, tmp_path, capsys, fmt, args, code, words):
    db = month_db
    out = tmp_path / "out" / "feed"
    assert main(["export", "--db", db, "--format", fmt, "--out", str(out), *args]) == code
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


@pytest.mark.parametrize("fmt", ["ics", "jsonld", "datapackage", "jsonl"])
def test_empty_database_and_unwritable_output(tmp_path, capsys, fmt):
    db = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    assert main(["db", "upgrade", "--db", db]) == 0
    capsys.readouterr()
    assert main(["export", "--db", db, "--format", fmt, "--out", str(tmp_path / "x")]) == ExitCode.ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no events" in err and not (tmp_path / "x").exists()
    build_month(db)
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert main(["export", "--db", db, "--format", fmt, "--out", str(blocker / "out")]) == ExitCode.ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("mipcrawl export: cannot write")
    assert blocker.read_text() == "not a directory"


def test_a_failed_export_leaves_the_previous_file_untouched(tmp_path, capsys):
    db = build_month(f"sqlite:///{tmp_path / 'db.sqlite'}")
    out = tmp_path / "feed.ics"
    assert main(["export", "--db", db, "--format", "ics", "--out", str(out)]) == 0
    before = out.read_bytes()
    assert main(["export", "--db", db, "--format", "ics", "--out", str(out), "--lab", "nope"]) == ExitCode.USAGE
    assert out.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["db.sqlite", "feed.ics"]
    assert main(["export", "--db", db, "--format", "datapackage"]) == ExitCode.USAGE
    assert "--out DIR" in capsys.readouterr().err


def test_jsonl_and_csv_keep_their_fields_and_take_the_filters(month_db, tmp_path, capsys):
    out = tmp_path / "events.jsonl"
    assert main(["export", "--db", month_db, "--format", "jsonl", "--out", str(out), "--region", "53"]) == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["url"] for r in records) == sorted([url(5), url(11)])
    assert tuple(records[0]) == EXPORT_FIELDS
    assert main(["export", "--db", month_db, "--format", "csv", "--lab", "Ti Lab"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["url"] for r in rows] == [url(11)] and tuple(rows[0]) == EXPORT_FIELDS


# (event, what jsonl and csv say of its territory and its organiser's)
TERRITORIES = [
    (7, {"level": "venue", "organiser_kind": "collectivite", "organiser_level": "departement",
         "organiser_departement_code": "83", "organiser_region_code": "93"}),
    (4, {"level": "online", "epci_code": None, "organiser_kind": "etat", "organiser_level": "national",
         "organiser_region_code": None}),
    (11, {"organiser_kind": "lab", "organiser_level": "unknown", "organiser_region_code": None,
          "lab": "laboratoire-de-bretagne-ti-lab", "lab_name": "Ti Lab", "lab_method": "name"}),
    (5, {"lab": None, "lab_name": None, "lab_method": None, "lab_confidence": None}),
]


@pytest.mark.parametrize(("n", "expected"), TERRITORIES)
def test_jsonl_and_csv_give_the_levels_and_the_organiser(month_db, tmp_path, n, expected):
    assert main(["export", "--db", month_db, "--format", "jsonl", "--out", str(tmp_path / "e.jsonl")]) == 0
    assert main(["export", "--db", month_db, "--format", "csv", "--out", str(tmp_path / "e.csv")]) == 0
    records = {r["url"]: r for r in map(json.loads, (tmp_path / "e.jsonl").read_text().splitlines())}
    with (tmp_path / "e.csv").open(encoding="utf-8", newline="") as handle:
        rows = {r["url"]: r for r in csv.DictReader(handle)}
    assert {k: records[url(n)][k] for k in expected} == expected
    assert {k: rows[url(n)][k] for k in expected} == {k: v or "" for k, v in expected.items()}


def _lab_keys(site) -> dict[str, set[str]]:
    """Truth lab id → the keys the crawl may give it: the slug of its sheet on any day (the
    database's labs were crawled on day 10, before the Coop'Lab sheet moved)."""
    lines = (Path(site) / "_truth" / "labs.jsonl").read_text(encoding="utf-8").splitlines()
    return {lab["id"]: {lab["id"], *(r["path"].rsplit("/", 1)[-1] for r in lab["redirect_from"])}
            for lab in map(json.loads, lines)}


def test_jsonl_and_datapackage_name_the_truths_lab(crawled, tmp_path, replica_small_site):
    db, events = crawled
    keys = _lab_keys(replica_small_site)
    records = {path(r["url"]): r for r in map(json.loads, export(db, tmp_path, "jsonl").read_text().splitlines())}
    with (export(db, tmp_path, "datapackage") / "events.csv").open(encoding="utf-8", newline="") as handle:
        rows = {path(r["url"]): r for r in csv.DictReader(handle)}
    run = [t for t in events if t["lab_id"]]
    assert len(run) >= 20
    for t in events:
        r, row = records[t["path"]], rows[t["path"]]
        assert (r["lab"] in keys[t["lab_id"]]) if t["lab_id"] else r["lab"] is None, (t["path"], t["organiser"])
        assert (row["lab"], row["lab_name"]) == (r["lab"] or "", r["lab_name"] or ""), t["path"]
        assert (r["lab_method"] is None) == (r["lab"] is None) and (r["lab_confidence"] or 0) <= 1


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_tables_carry_the_precision_and_the_clock(tmp_path, capsys, fmt):
    """"En novembre" says month; an event held in Réunion at 9h shows 9h with its offset."""
    from storage_fixtures import at, crawl, item

    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    reunion = dt.datetime(2026, 11, 14, 9, tzinfo=dt.timezone(dt.timedelta(hours=4)))
    crawl(db, [item(1, time_zone="Indian/Reunion", start=reunion, end=reunion + dt.timedelta(hours=2),
                    departement_code="974", region_code="04", commune_code="97411"),
               item(2, when_text="En novembre", start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30),
                    all_day=True, date_precision="month")], when=at(2))
    assert main(["export", "--db", db, "--format", fmt]) == 0
    text = capsys.readouterr().out
    rows = [json.loads(line) for line in text.splitlines()] if fmt == "jsonl" else list(csv.DictReader(io.StringIO(text)))
    by_url = {r["url"]: r for r in rows}
    one, two = by_url[item(1).url], by_url[item(2).url]
    assert (one["start"], one["end"]) == ("2026-11-14T09:00:00+04:00", "2026-11-14T11:00:00+04:00")
    assert (one["date_precision"], one["time_zone"]) == ("minute", "Indian/Reunion")
    assert (two["start"], two["end"], two["date_precision"]) == ("2026-11-01", "2026-11-30", "month")
