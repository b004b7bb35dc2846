"""The wild replica (issue 15): the plain build's truth in drawn layouts, byte-identical for
the same parameters, every fact of the truth still on its page, every listed event still
reachable from its listing, and a layout switch on the day asked for."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from lxml import html as lxml_html

import replica
from replica.build import file_for

EVENTS = 24
PARIS = ZoneInfo("Europe/Paris")
TRUTH_FILES = ("events.jsonl", "editions.json", "labs.jsonl", "timeline.jsonl")
_WORD = re.compile(r"\w+")


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("wild")
    return {
        "plain": replica.build_site(tmp / "plain", seed=3, events_per_edition=EVENTS),
        "wild": replica.build_site(tmp / "wild", seed=3, events_per_edition=EVENTS, wild=7),
        "again": replica.build_site(tmp / "again", seed=3, events_per_edition=EVENTS, wild=7),
        "other": replica.build_site(tmp / "other", seed=3, events_per_edition=EVENTS, wild=8),
    }


def _digests(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_same_parameters_give_the_same_bytes(builds):
    assert _digests(builds["wild"]) == _digests(builds["again"])


def test_another_layout_seed_gives_other_pages(builds):
    wild, other = _digests(builds["wild"]), _digests(builds["other"])
    changed = [name for name in wild if name.endswith(".html") and wild[name] != other.get(name)]
    assert len(changed) > EVENTS * 6


@pytest.mark.parametrize("name", TRUTH_FILES)
def test_the_truth_is_the_plain_builds(builds, name):
    assert (builds["wild"] / "_truth" / name).read_bytes() == (builds["plain"] / "_truth" / name).read_bytes()


def test_the_truth_files_are_all_compared(builds):
    for site in (builds["plain"], builds["wild"]):
        assert sorted(p.name for p in (site / "_truth").iterdir()) == sorted(TRUTH_FILES)


@pytest.mark.parametrize("extra", [[], ["--day", "9", "--wild-from-day", "9"]])
def test_the_command_builds_the_same_bytes_in_two_processes(tmp_path, extra):
    """Byte-identical from ``mipcrawl replica build --wild`` run twice, each process with its
    own string hashing (set and dict orders of strings must not reach a page)."""
    sites = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"site{hash_seed}"
        done = subprocess.run([sys.executable, "-m", "mipcrawl.cli", "replica", "build", "--out", str(out),
                               "--seed", "3", "--events-per-edition", "8", "--wild", "7", *extra],
                              capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": hash_seed})
        assert done.returncode == 0, done.stderr
        sites.append(_digests(out))
    assert sites[0] == sites[1] and len(sites[0]) > 8 * 7


def test_every_page_is_drawn_and_recorded(builds):
    layouts = _jsonl(builds["wild"] / "_replica" / "layouts.jsonl")
    events = [t for t in _jsonl(builds["wild"] / "_truth" / "events.jsonl") if t["http_status"] == 200]
    assert {r["path"] for r in layouts if "id" in r} == {t["path"] for t in events}
    assert len([r for r in layouts if "lab" in r]) == len(_jsonl(builds["wild"] / "_truth" / "labs.jsonl"))
    drawn = {(k, str(v)) for r in layouts for k, v in r.items() if k.startswith(("date.", "place.", "sd."))}
    for choice in (("date.form", "description"), ("date.form", "smartdate"), ("place.form", "maplink"),
                   ("sd.kind", "rdfa"), ("sd.quality", "contradicting")):
        assert choice in drawn


# -- every fact of the truth is on its page ---------------------------------------------

def _page(site: Path, path: str):
    return lxml_html.fromstring((site / file_for(path)).read_bytes())


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _visible(tree) -> list[str]:
    for bad in tree.xpath("//script | //style"):
        bad.drop_tree()
    return _tokens(" ".join(tree.itertext()))


def _contains(page: list[str], part: list[str]) -> bool:
    n = len(part)
    return n == 0 or any(page[i:i + n] == part for i in range(len(page) - n + 1))


def _in_two_parts(page: list[str], part: list[str]) -> bool:
    """The text shown as two pieces (a day field and an hours field), in order."""
    return any(_contains(page, part[:k]) and _contains(page, part[k:]) for k in range(1, len(part)))


def _instant(value: str):
    try:
        if "T" not in value and " " not in value:
            return dt.date.fromisoformat(value)
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=PARIS)).astimezone(dt.UTC)


def _machine_values(tree) -> set:
    values = tree.xpath("//@datetime | //@content")
    return {v for v in (_instant(x) for x in values) if v is not None}


def _date_shown(tree, words: list[str], record: dict) -> bool:
    if _contains(words, _tokens(record["when_text"])) or _in_two_parts(words, _tokens(record["when_text"])):
        return True
    machine = _machine_values(tree)
    wanted = [_instant(v) for v in (record["start"], record["end"]) if v]
    return all(w in machine for w in wanted)


def test_every_truth_text_appears_in_its_page(builds):
    site = builds["wild"]
    missing = []
    for t in _jsonl(site / "_truth" / "events.jsonl"):
        if t["http_status"] != 200:
            continue
        tree = _page(site, t["path"])
        hrefs = set(tree.xpath("//a/@href"))
        words = _visible(tree)
        texts = [t["title"], t["place_text"], t["organiser"], t["audience"], t["access"], t["parcours"],
                 t["phone"], *t["formats"]]
        missing += [(t["path"], x) for x in texts if x and not _contains(words, _tokens(x))]
        if t["status"] == "cancelled" and not any(w.startswith("annul") for w in words):
            missing.append((t["path"], "cancelled"))
        if t["online_url"] and t["online_url"] not in hrefs and not _contains(words, _tokens(t["online_url"])):
            missing.append((t["path"], t["online_url"]))
        if t["when_text"] and not _date_shown(tree, words, t):
            missing.append((t["path"], t["when_text"]))
        if t["registration_url"] and t["registration_url"] not in hrefs:
            missing.append((t["path"], t["registration_url"]))
    assert missing == []


def test_every_lab_fact_appears_on_its_sheet(builds):
    site = builds["wild"]
    missing = []
    for lab in _jsonl(site / "_truth" / "labs.jsonl"):
        words = _visible(_page(site, lab["path"]))
        facts = [lab["title"], lab["host"], lab["seat"], str(lab["year_created"]), *lab["tags"], *lab["sections"]]
        missing += [(lab["id"], x) for x in facts if not _contains(words, _tokens(x))]
    assert missing == []


def test_every_listed_event_is_linked_from_a_listing_page_or_its_endpoint(builds):
    site = builds["wild"]
    linked = set()
    for line in (site / "_replica" / "routes.tsv").read_text(encoding="utf-8").splitlines():
        path, status, _day, _tag, target, _ed, ctype = line.split("\t")
        if status != "200" or not ("programme" in path or path.startswith("/api/")):
            continue
        body = (site / target).read_text(encoding="utf-8")
        if ctype.startswith("application/json"):
            linked |= {v for row in next(v for v in json.loads(body).values() if isinstance(v, list))
                       for v in row.values() if isinstance(v, str) and v.startswith("/")}
        else:
            base = path.split("?")[0].rsplit("/", 1)[0] + "/"
            linked |= {urllib.parse.urljoin(base, h).split("?")[0].split("#")[0]
                       for h in lxml_html.fromstring(body).xpath("//a/@href")}
    listed = {t["path"] for t in _jsonl(site / "_truth" / "events.jsonl") if t["listed"]}
    assert sorted(listed - linked) == []


# -- switching layouts mid-month --------------------------------------------------------

@pytest.fixture(scope="module")
def switch_builds(tmp_path_factory) -> dict[int, Path]:
    tmp = tmp_path_factory.mktemp("switch")
    out = {0: replica.build_site(tmp / "plain", seed=1, events_per_edition=20, day=6)}
    for day in (5, 6):
        out[day] = replica.build_site(tmp / f"day{day}", seed=1, events_per_edition=20, day=day, wild=4,
                                      wild_from_day=6)
    return out


def test_wild_from_day_keeps_the_plain_pages_before_that_day(switch_builds, tmp_path):
    plain5 = replica.build_site(tmp_path / "plain5", seed=1, events_per_edition=20, day=5)
    before = _digests(switch_builds[5])
    assert {k: v for k, v in before.items() if not k.startswith("_replica")} == \
        {k: v for k, v in _digests(plain5).items() if not k.startswith("_replica")}


def test_wild_from_day_turns_the_current_edition_wild_on_that_day(switch_builds):
    plain, wild = _digests(switch_builds[0]), _digests(switch_builds[6])
    current = [t["path"] for t in _jsonl(switch_builds[6] / "_truth" / "events.jsonl")
               if t["edition"] == 2026 and t["http_status"] == 200]
    past = [t["path"] for t in _jsonl(switch_builds[6] / "_truth" / "events.jsonl") if t["edition"] < 2026]
    assert all(wild[file_for(p)] != plain[file_for(p)] for p in current)
    assert all(wild[file_for(p)] == plain[file_for(p)] for p in past)


def test_the_server_switches_layouts_with_the_day(switch_builds):
    site = switch_builds[5]
    path = next(t["path"] for t in _jsonl(site / "_truth" / "events.jsonl")
                if t["edition"] == 2026 and t["http_status"] == 200)
    with replica.serve(site) as base_url:
        before = urllib.request.urlopen(base_url + path).read()
        replica.set_day(base_url, 6)
        after = urllib.request.urlopen(base_url + path).read()
        with urllib.request.urlopen(base_url + "/api/evenements/2026") as answer:
            assert answer.headers["Content-Type"].startswith("application/json")
            assert json.loads(answer.read())
    assert before == (site / file_for(path)).read_bytes()
    assert after == (switch_builds[6] / file_for(path)).read_bytes()


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"wild_from_day": 4}, "needs a wild layout seed"),
    ({"wild": 1, "wild_from_day": 31}, "wild_from_day must be a day of November"),
])
def test_bad_wild_parameters_are_refused(tmp_path, kwargs, message):
    with pytest.raises(ValueError, match=message):
        replica.build_site(tmp_path / "x", events_per_edition=2, **kwargs)


# -- the command line --------------------------------------------------------------------

@pytest.mark.parametrize(("args", "code", "wild"), [
    (["--wild", "7"], 0, {"wild": 7, "wild_from_day": None}),
    (["--wild", "7", "--wild-from-day", "12"], 0, {"wild": 7, "wild_from_day": 12}),
    (["--wild-from-day", "12"], 2, None),
    (["--wild", "7", "--wild-from-day", "0"], 2, None),
])
def test_replica_build_takes_the_wild_options(tmp_path, capsys, args, code, wild):
    from mipcrawl.cli import main as cli_main

    out = tmp_path / "site"
    assert cli_main(["replica", "build", "--out", str(out), "--events-per-edition", "2", *args]) == code
    if wild is not None:
        params = json.loads((out / "_replica" / "site.json").read_text())
        assert {k: params[k] for k in wild} == wild
    else:
        assert "wild" in capsys.readouterr().err


@pytest.mark.parametrize(("text", "split"), [
    ("Le lundi 07/11 de 9h30 à 16h", ("Le lundi 07/11", "de 9h30 à 16h")),
    ("jeudi 14 novembre, 9h30-12h", ("jeudi 14 novembre", "9h30-12h")),
    # a range over days has no hours of its own: splitting it would show half a date in each field
    ("Du jeudi 28 novembre 2019 à 14:00 au vendredi 29 novembre 2019 à 12:00", None),
    ("du 6 (10h) au 7 novembre (17h)", None),
    ("le 5 novembre de 9h jusqu'au 6 novembre à 17h", None),
    ("Le 7 novembre de 8h45 à 16h15 (mis à jour le 29 octobre)", ("Le 7 novembre", "de 8h45 à 16h15 (mis à jour le 29 octobre)")),
])
def test_split_date_shows_a_day_and_its_hours(text: str, split: tuple[str, str] | None) -> None:
    from replica.wild.dates import split_when
    assert split_when(text) == split
