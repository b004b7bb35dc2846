"""A built replica: determinism, truth files, truth/HTML agreement, slugs, the month timeline."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from pathlib import Path

import lxml.html
import pytest

from parsers import geo
from replica import build_site, events_on, timeline
from replica.build import ROUTES, file_for
from replica.editions import BY_YEAR, CURRENT_YEAR
from replica.slugs import MAX_PATH, cut, slugify
from replica.whens import WEEKDAYS

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _digests(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def events(replica_small_site) -> list[dict]:
    return _jsonl(Path(replica_small_site) / "_truth" / "events.jsonl")


def _page(site: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / file_for(path)).read_bytes())


def _text(doc: lxml.html.HtmlElement) -> str:
    return " ".join(doc.text_content().split())


def test_same_parameters_give_a_byte_identical_site(tmp_path: Path) -> None:
    a = build_site(tmp_path / "a", seed=3, events_per_edition=20, day=9)
    b = build_site(tmp_path / "b", seed=3, events_per_edition=20, day=9)
    c = build_site(tmp_path / "c", seed=4, events_per_edition=20, day=9)
    assert _digests(a) == _digests(b)
    assert _digests(a) != _digests(c)


def test_bad_parameters_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="events_per_edition"):
        build_site(tmp_path / "x", events_per_edition=0)
    with pytest.raises(ValueError, match="day"):
        build_site(tmp_path / "x", day=31)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(ValueError, match="not a replica build"):
        build_site(tmp_path / "mine", events_per_edition=20)
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"


def test_editions_file_matches_the_events(replica_small_site, events) -> None:
    editions = json.loads((Path(replica_small_site) / "_truth" / "editions.json").read_text())
    assert [e["year"] for e in editions] == list(range(2019, 2027))
    for ed in editions:
        mine = [e for e in events if e["edition"] == ed["year"]]
        listed = [e for e in mine if e["listed"]]
        assert (ed["events_total"], ed["events_listed"]) == (len(mine), len(listed))
        assert ed["listing_pages"] == math.ceil(len(listed) / ed["page_size"])


def test_every_routed_page_exists_and_ids_are_unique(replica_small_site, events) -> None:
    site = Path(replica_small_site)
    for line in (site / ROUTES).read_text(encoding="utf-8").splitlines():
        path, status, *_rest = line.split("\t")
        if status == "200":
            assert (site / file_for(path)).is_file(), path
    assert len({e["id"] for e in events}) == len(events)
    assert len({e["path"] for e in events}) == len(events)


def test_truth_texts_appear_verbatim_in_the_pages(replica_small_site, events) -> None:
    site = Path(replica_small_site)
    checked = 0
    for ev in events:
        if not ev["listed"]:
            continue
        text = _text(_page(site, ev["path"]))
        for key in ("title", "when_text", "place_text", "organiser", "parcours", "audience", "access"):
            if ev[key]:   # spaces compared as the page text has them: runs made one space
                assert " ".join(ev[key].split()) in text, (ev["path"], key, ev[key])
                checked += 1
        if ev["registration_url"]:
            assert ev["registration_url"] in (site / file_for(ev["path"])).read_text(encoding="utf-8")
    assert checked > 1000


def test_the_edition_is_in_the_content_not_in_the_url(replica_small_site, events) -> None:
    site = Path(replica_small_site)
    for ev in events:
        if not ev["listed"]:
            continue
        assert not re.search(r"20[12]\d", ev["path"]), ev["path"]
        text = _text(_page(site, ev["path"]))
        year = str(ev["edition"])
        stamps = re.findall(r"Publiée? le [^·]*?(\d{4}|\d\d\.\d\d\.(\d\d))", text)
        assert BY_YEAR[ev["edition"]].name in text or any(year.endswith(s[-1] or s[0]) for s in stamps)


def test_jsonld_agrees_with_the_truth(replica_small_site, events) -> None:
    site = Path(replica_small_site)
    with_ld = [e for e in events if e["jsonld"] and e["listed"]]
    assert with_ld
    for ev in with_ld:
        (script,) = _page(site, ev["path"]).xpath('//script[@type="application/ld+json"]')
        data = json.loads(script.text)
        assert data["name"] == ev["title"]
        assert data.get("startDate") == ev["start"]


def test_microdata_and_machine_readable_attributes_agree_with_the_truth(replica_small_site, events) -> None:
    site = Path(replica_small_site)
    seen = {"microdata": 0, "time": 0, "tel": 0}
    for ev in (e for e in events if e["listed"]):
        doc = _page(site, ev["path"])
        if ev["microdata"]:
            event = doc.xpath('//*[@itemtype="https://schema.org/Event"]')[0]
            assert event.xpath('(.//*[@itemprop="name"])[1]/text()') == [ev["title"]]
            assert event.xpath('.//*[@itemprop="location"]//*[@itemprop="name"]/text()') == (
                [ev["place_text"]] if ev["place_text"] else [])
            if ev["start"] and ev["when_text"]:
                assert doc.xpath('//*[@itemprop="startDate"]/@content') == [ev["start"]]
            seen["microdata"] += 1
        for value in doc.xpath("//time/@datetime"):
            assert value == ev["start"]
            seen["time"] += 1
        if ev["phone"]:
            (tel,) = doc.xpath('//a[starts-with(@href, "tel:")]')
            assert tel.text == ev["phone"] and tel.get("href") == "tel:+33" + ev["phone"][1:].replace(" ", "")
            seen["tel"] += 1
    assert all(seen.values()), seen


def test_every_presentation_and_edition_marker_is_used(events) -> None:
    dsfr = [e for e in events if e["edition"] >= 2021]
    assert {e["presentation"] for e in dsfr} == {"icons", "dl", "fields", "li", "table", "text"}
    assert {e["edition_marker"] for e in dsfr} == {"breadcrumb", "hero", "stamp"}


def test_weekdays_in_date_texts_match_the_dates(events) -> None:
    pattern = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
    seen = 0
    for ev in events:
        if not ev["when_text"]:
            continue
        days = {s[:10] for slot in ev["slots"] for s in slot if s}
        weekdays = {WEEKDAYS[dt.date.fromisoformat(d).weekday()] for d in days}
        for name in pattern.findall(ev["when_text"].lower()):
            assert name in weekdays, ev["when_text"]
            seen += 1
    assert seen > 50


def test_communes_exist_in_the_official_geography(events) -> None:
    located = [e for e in events if e["commune_code"]]
    assert len(located) > 100
    for ev in located:
        commune = geo.commune(ev["commune_code"])
        assert commune is not None, ev["commune_code"]
        assert (commune.departement_code, commune.region_code) == (ev["departement_code"], ev["region_code"])
    assert {e["attendance"] for e in events if e["edition"] == 2020 and e["place_text"]} == {"online"}


def _title_changed(site: Path) -> set[str]:
    return {r["id"] for r in _jsonl(site / "_truth" / "timeline.jsonl") if r["field"] == "title"}


def test_slugs_follow_the_rule(replica_small_site, events) -> None:
    changed = _title_changed(Path(replica_small_site))
    suffixed = 0
    for ev in events:
        prefix = BY_YEAR[ev["edition"]].detail_prefix
        slug = ev["path"][len(prefix):]
        assert ev["path"].startswith(prefix) and len(ev["path"]) <= MAX_PATH and SLUG.match(slug)
        if ev["id"] in changed:
            continue
        full = slugify(ev["title"])
        if slug == cut(full, MAX_PATH - len(prefix)):
            continue
        base, _, n = slug.rpartition("-")
        assert n.isdigit() and base == cut(full, MAX_PATH - len(prefix) - len(n) - 1), (ev["title"], slug)
        suffixed += 1
    assert suffixed > 0


def test_near_duplicates_point_to_an_event_of_the_same_edition(events) -> None:
    by_id = {e["id"]: e for e in events}
    dups = [e for e in events if e["duplicate_of"]]
    assert dups
    for dup in dups:
        original = by_id[dup["duplicate_of"]]
        assert original["edition"] == dup["edition"] and original["title"] != dup["title"]


def test_labs_truth_and_pages(replica_small_site) -> None:
    site = Path(replica_small_site)
    labs = _jsonl(site / "_truth" / "labs.jsonl")
    # 16 labs in 15 régions: Provence-Alpes-Côte d'Azur has two (Lab Zéro and InSo Lab)
    assert len(labs) == 16 and len({lab["region_code"] for lab in labs}) == 15
    for lab in labs:
        text = _text(_page(site, lab["path"]))
        assert lab["title"] in text and f"Créé en {lab['year_created']}" in text and lab["host"] in text
        assert lab["title"].startswith("Laboratoire ")
        assert lab["title"].endswith(f"{lab['region_text']} - {lab['name']}")
        assert all(section in text for section in lab["sections"])
        if lab["atlas_path"]:
            assert _text(_page(site, lab["atlas_path"]))


def _current(path: Path) -> dict[str, dict]:
    return {e["id"]: e for e in _jsonl(path) if e["edition"] == CURRENT_YEAR}


def test_timeline_replays_day_one_into_later_days(tmp_path: Path) -> None:
    days = {d: build_site(tmp_path / f"d{d}", seed=1, events_per_edition=24, day=d) for d in (1, 12, 30)}
    records = _jsonl(days[30] / "_truth" / "timeline.jsonl")
    assert records == _jsonl(days[1] / "_truth" / "timeline.jsonl")
    assert {r["change"] for r in records} == {"added", "changed", "rescheduled", "cancelled", "withdrawn",
                                             "reappeared", "moved"}
    assert all(2 <= r["day"] <= 30 for r in records)
    start = _current(days[1] / "_truth" / "events.jsonl")
    for d in (12, 30):
        replayed = timeline.apply(start, [r for r in records if r["day"] <= d])
        assert replayed == _current(days[d] / "_truth" / "events.jsonl")
        assert {e["id"]: e for e in events_on(days[1], d)} == replayed


def test_timeline_records_one_field_per_line(tmp_path: Path) -> None:
    site = build_site(tmp_path / "s", seed=2, events_per_edition=30, day=30)
    records = _jsonl(site / "_truth" / "timeline.jsonl")
    keys = [(r["day"], r["id"], r["field"]) for r in records if r["change"] != "added"]
    assert len(keys) == len(set(keys))
    for r in records:
        if r["change"] == "moved":
            assert r["field"] in ("path", "redirect_from")
        if r["change"] == "withdrawn" and r["field"] == "http_status":
            assert r["new"] in (404, 410)
        if r["change"] == "rescheduled" and r["field"] == "start":
            assert r["old"] != r["new"]
